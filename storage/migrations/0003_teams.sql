-- Teams. Workspaces (one per chat) were there from the start: private chats and groups alike
-- hold partners already, so no data moves. Added: an unguessable invitation per partner for
-- the deep link that opens its interview in a private chat, and the people seen in a group.

ALTER TABLE partners ADD COLUMN invite TEXT;
CREATE UNIQUE INDEX partners_by_invite ON partners (invite);

CREATE TABLE members (
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    seen_at     TEXT    NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
) WITHOUT ROWID;
CREATE INDEX members_by_user ON members (user_id);
