-- The ranking's order as an index (questionnaire/ranking.py `rank`, in SQL): ranked partners
-- first, then those with no tier, then the blocked; the shown score (rounded half up) high to
-- low; fewer red flags; more coverage; higher Low; the name key. A partner not scored yet
-- stands where one with no answers does (score 50, all else 0). So a page of a longlist of
-- thousands is read straight from the index, not sorted. storage/queries/ranking.py orders
-- by these very expressions (SQLite uses the index only for the same text): change both.
CREATE INDEX partners_ranked ON partners (
    workspace_id,
    (CASE WHEN score IS NULL OR tier IS NULL THEN 1 WHEN tier = 'X' THEN 2 ELSE 0 END),
    (CAST(coalesce(score, 50.0) + 0.5 + 1e-9 AS INTEGER)) DESC,
    (coalesce(red_flags, 0)),
    (coalesce(coverage, 0.0)) DESC,
    (coalesce(low, 0.0)) DESC,
    name_key
);
