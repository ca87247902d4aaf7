-- Assignments: who on a team is to assess a partner (PRODUCT.md §8). Anyone may assess any
-- partner; assignees are the ones it waits for (/todo, nudges). Gone with the partner.

CREATE TABLE assignments (
    partner_id  INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    assigned_by INTEGER NOT NULL REFERENCES users (id),
    assigned_at TEXT    NOT NULL,
    PRIMARY KEY (partner_id, user_id)
) WITHOUT ROWID;
CREATE INDEX assignments_by_user ON assignments (user_id);
