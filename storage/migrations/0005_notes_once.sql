-- A note is kept once per Telegram message: the same message delivered again (after a restart
-- before Telegram heard the update was handled) is not a second note.
ALTER TABLE notes ADD COLUMN message_id INTEGER;
CREATE UNIQUE INDEX notes_once ON notes (assessment_id, message_id) WHERE message_id IS NOT NULL;
