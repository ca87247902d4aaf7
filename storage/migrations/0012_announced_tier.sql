-- What the group was last told of a partner's tier ('-': no tier yet; NULL: nothing told), so
-- that a quiet group hears of a partner at its first finished assessment and then only when
-- its tier changes.
ALTER TABLE partners ADD COLUMN announced TEXT;
