-- The group's "name a partner" prompt state was renamed (Team:name → GroupPrompt:name, so that
-- it no longer shares a name with the questionnaire's Team): prompts open at the upgrade stay.
UPDATE fsm SET state = 'GroupPrompt:name' WHERE state = 'Team:name';
