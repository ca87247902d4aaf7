-- The group's language: everything the bot posts in a group, and the group's command menu, is
-- in it (PRODUCT.md §8), whoever acted. NULL for private lists, which follow their person.
-- A group that exists already takes the language of the first person seen there. `members`
-- keeps when each person was seen last, not first, so the earliest sign of anyone is also
-- looked for among the partners they added; ties go to the lower user id, so the choice is
-- the same on every run. A group nobody was seen in gets one at the next person seen.

ALTER TABLE workspaces ADD COLUMN lang TEXT CHECK (lang IN ('ru', 'en'));

UPDATE workspaces SET lang = (
    SELECT u.lang
    FROM (
        SELECT created_by AS user_id, created_at AS seen_at FROM partners
        WHERE workspace_id = workspaces.id
        UNION ALL
        SELECT user_id, seen_at FROM members WHERE workspace_id = workspaces.id
    ) AS seen
    JOIN users u ON u.id = seen.user_id
    ORDER BY seen.seen_at, seen.user_id
    LIMIT 1
)
WHERE kind = 'group';
