-- Decisions (PRODUCT.md §9): a lead's settlement of a disagreement, and a partner's decision
-- status. Times are ISO 8601 in UTC.

-- A settled question: the agreed value (NULL: keep the median), who settled it and when, and
-- everyone's answers to it at that moment (assessment:rating, …), so a later change shows.
CREATE TABLE settlements (
    partner_id  INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    question_id TEXT    NOT NULL,
    value       INTEGER CHECK (value BETWEEN 1 AND 5),
    user_id     INTEGER NOT NULL REFERENCES users (id),
    settled_at  TEXT    NOT NULL,
    answers     TEXT    NOT NULL,
    PRIMARY KEY (partner_id, question_id)
) WITHOUT ROWID;

-- A partner's decision: focus, pilot, hold or rejected (with the lead's one-line reason).
CREATE TABLE statuses (
    partner_id  INTEGER PRIMARY KEY REFERENCES partners (id) ON DELETE CASCADE,
    status      TEXT    NOT NULL CHECK (status IN ('focus', 'pilot', 'hold', 'rejected')),
    reason      TEXT    NOT NULL DEFAULT '',
    user_id     INTEGER NOT NULL REFERENCES users (id),
    set_at      TEXT    NOT NULL
);
