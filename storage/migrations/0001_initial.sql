-- The first schema: people, workspaces (one per chat), partners, assessments, answers, notes,
-- and the aiogram FSM state. Times are ISO 8601 in UTC.

CREATE TABLE users (
    id          INTEGER PRIMARY KEY,              -- Telegram user id
    first_name  TEXT    NOT NULL,
    username    TEXT,
    lang        TEXT    NOT NULL CHECK (lang IN ('ru', 'en')),
    reminders   INTEGER NOT NULL DEFAULT 1,       -- remind of unfinished assessments
    blocked     INTEGER NOT NULL DEFAULT 0,       -- the person blocked the bot (403)
    created_at  TEXT    NOT NULL
);

CREATE TABLE workspaces (
    id          INTEGER PRIMARY KEY,
    chat_id     INTEGER NOT NULL UNIQUE,          -- Telegram chat id
    kind        TEXT    NOT NULL CHECK (kind IN ('private', 'group')),
    title       TEXT    NOT NULL,
    created_at  TEXT    NOT NULL
);

CREATE TABLE partners (
    id          INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name        TEXT    NOT NULL,
    name_key    TEXT    NOT NULL,                 -- case- and space-insensitive form of name
    technology  INTEGER,                          -- technology partnership; NULL until asked
    created_by  INTEGER NOT NULL REFERENCES users (id),
    created_at  TEXT    NOT NULL,
    -- The score as of the last answer, so a ranking of thousands reads one row per partner.
    score       REAL,
    low         REAL,
    high        REAL,
    coverage    REAL,
    tier        TEXT,
    red_flags   INTEGER,
    UNIQUE (workspace_id, name_key)
);

CREATE TABLE assessments (
    id          INTEGER PRIMARY KEY,
    partner_id  INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    started_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    finished_at TEXT,
    reminded_at TEXT,
    UNIQUE (partner_id, user_id)
);
CREATE INDEX assessments_by_user ON assessments (user_id, updated_at);

CREATE TABLE answers (
    assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    question_id TEXT    NOT NULL,
    rating      INTEGER CHECK (rating BETWEEN 1 AND 5),  -- NULL is "Don't know"
    answered_at TEXT    NOT NULL,
    PRIMARY KEY (assessment_id, question_id)
) WITHOUT ROWID;

CREATE TABLE notes (
    id          INTEGER PRIMARY KEY,
    assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    question_id TEXT    NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('text', 'photo', 'document', 'voice')),
    body        TEXT    NOT NULL DEFAULT '',      -- the note, or a file's caption or name
    file_id     TEXT,                             -- Telegram file id of an attachment
    created_at  TEXT    NOT NULL
);
CREATE INDEX notes_by_assessment ON notes (assessment_id, question_id);

CREATE TABLE fsm (
    key         TEXT PRIMARY KEY,
    state       TEXT,
    data        TEXT NOT NULL DEFAULT '{}'
) WITHOUT ROWID;
