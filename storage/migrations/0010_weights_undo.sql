-- A weights change can be undone, and each change in a group is told there in one line.
--
-- 'undo' joins the ways weights change. SQLite cannot alter a CHECK, so weight_changes is made
-- again with its rows (nothing refers to it yet; dropping it drops its index, made again too).
--
-- weight_lines: the group's line about a change, or about a quick run of one lead's changes
-- told in one line edited in place. It keeps what its Undo needs: the weights before the run,
-- the run's last change (whose weights are the line's "after"), and whose tier moved.

CREATE TABLE weight_changes_new (
    id          INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    changed_at  TEXT    NOT NULL,
    weights     TEXT    NOT NULL,                 -- JSON: {"1": 15, …, "10": 7}, sum 100
    how         TEXT    NOT NULL CHECK (how IN ('step', 'order', 'reset', 'what_if', 'undo'))
);
INSERT INTO weight_changes_new (id, workspace_id, user_id, changed_at, weights, how)
    SELECT id, workspace_id, user_id, changed_at, weights, how FROM weight_changes;
DROP TABLE weight_changes;
ALTER TABLE weight_changes_new RENAME TO weight_changes;
CREATE INDEX weight_changes_latest ON weight_changes (workspace_id, id);

CREATE TABLE weight_lines (
    id          INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    last_change INTEGER NOT NULL REFERENCES weight_changes (id) ON DELETE CASCADE,
    before      TEXT    NOT NULL,                 -- JSON weights before the run's first change
    named       TEXT    NOT NULL,                 -- JSON [section, …]: the sections moved
    moves       TEXT    NOT NULL,                 -- JSON {partner id: [tier before, tier after]}
    updated_at  TEXT    NOT NULL,                 -- the run's last change
    message_id  INTEGER,                          -- the group's message, once posted
    undone_by   INTEGER REFERENCES users (id)
);
CREATE INDEX weight_lines_latest ON weight_lines (workspace_id, id);
