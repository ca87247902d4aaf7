-- Finding assessments to remind about without scanning them all.
CREATE INDEX assessments_unfinished ON assessments (updated_at) WHERE finished_at IS NULL;
