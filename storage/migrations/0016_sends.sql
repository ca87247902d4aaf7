-- What the scheduler sent on a list's behalf (PRODUCT.md §8): a nudge to a person, the line the
-- morning after the deadline, the daily digest. A row is written BEFORE its send, and a second
-- one for the same list, kind, person and local day is refused, so that a restart neither
-- repeats a send nor, on a day it has not made it yet, skips it. `day` is the list's own date.
-- A digest's row keeps what it was told (`state`, JSON: tiers, disagreements, revision) so the
-- next one tells only what changed since.

CREATE TABLE sends (
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    kind         TEXT    NOT NULL CHECK (kind IN ('nudge', 'overdue', 'digest')),
    user_id      INTEGER NOT NULL DEFAULT 0,
    day          TEXT    NOT NULL,
    at           TEXT    NOT NULL,
    state        TEXT,
    PRIMARY KEY (workspace_id, kind, user_id, day)
) WITHOUT ROWID;
