-- The list a person's private /ranking, /partners, /card, /compare and /export work on
-- (PRODUCT.md §8 "The team's list in private"): the one picked and when (it holds for 30
-- minutes), and the command waiting for the pick. One row a person; kept across restarts.
CREATE TABLE list_choices (
    user_id      INTEGER PRIMARY KEY REFERENCES users (id),
    workspace_id INTEGER REFERENCES workspaces (id) ON DELETE CASCADE,
    chosen_at    TEXT,
    pending      TEXT NOT NULL DEFAULT ''
);

-- Assessors named by @username (an imported file, /assign) whom the bot does not know yet, or
-- has not seen in the group: each becomes an assignment when that person is first seen there.
CREATE TABLE pending_assignees (
    partner_id  INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    username    TEXT    NOT NULL,
    assigned_by INTEGER NOT NULL REFERENCES users (id),
    named_at    TEXT    NOT NULL,
    PRIMARY KEY (partner_id, username)
) WITHOUT ROWID;
CREATE INDEX pending_assignees_by_name ON pending_assignees (username);
