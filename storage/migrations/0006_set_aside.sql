-- An assessment of a group's partner whose assessor has left the group is set aside once they
-- are told so: /continue and reminders skip it from then on. Opening the group's link again
-- (back in the group) brings it back.
ALTER TABLE assessments ADD COLUMN set_aside_at TEXT;
