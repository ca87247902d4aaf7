-- A group's progress board (PRODUCT.md §8): the one message the bot keeps editing, so that a
-- restart goes on editing the same message. Gone when the message is deleted (nothing is
-- edited or reposted until someone sends /board again) or with the workspace.
CREATE TABLE boards (
    workspace_id INTEGER PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    message_id  INTEGER NOT NULL,
    page        INTEGER NOT NULL DEFAULT 1,       -- the page it shows
    picking     INTEGER NOT NULL DEFAULT 0,       -- its buttons pick a partner to assess
    shown       TEXT,                             -- a digest of what the message shows now
    posted_at   TEXT    NOT NULL
);
