-- A team's own section weights, with who changed them and when; and what re-scoring a
-- partner under other weights needs (its standing), so a longlist re-scores without its
-- answers. Revisions tell cached pictures and robustness labels when they are out of date.

CREATE TABLE weight_changes (
    id          INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    changed_at  TEXT    NOT NULL,
    weights     TEXT    NOT NULL,                 -- JSON: {"1": 15, …, "10": 7}, sum 100
    how         TEXT    NOT NULL CHECK (how IN ('step', 'order', 'reset', 'what_if'))
);
CREATE INDEX weight_changes_latest ON weight_changes (workspace_id, id);

ALTER TABLE partners ADD COLUMN standing TEXT;   -- JSON of questionnaire.scoring.Standing
ALTER TABLE partners ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE workspaces ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
