-- One rule for duplicate names everywhere: quotation marks « » " “ ” „ count as spaces, so
-- «Вектор», "вектор" and Вектор are one partner (storage.queries.base.name_key).
--
-- The new key is worked out from the old one, not from the name: the old key is the name
-- case-folded by Python with its spaces already tidied (SQLite's lower() knows only ASCII).
-- The marks become spaces, then runs of spaces are halved eight times (a run of up to 256
-- becomes one) and the ends trimmed: exactly what the Python rule does to the old key.
--
-- Two partners of a workspace may now have one key (say "Вектор" and «Вектор»). Both are
-- kept: the earlier one (the smaller id) gets the key, the later one the key followed by
-- « «id»» (e.g. "вектор «42»"). No real key contains «, so that cannot clash with anything;
-- the later one is still listed and found by search, and renaming it gives it a plain key.

CREATE TEMP TABLE rekeyed AS
SELECT id, workspace_id, name_key AS old_key,
       trim(replace(replace(replace(replace(replace(replace(replace(replace(
           replace(replace(replace(replace(replace(replace(name_key,
               '«', ' '), '»', ' '), '"', ' '), '“', ' '), '”', ' '), '„', ' '),
           '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '),
           '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ')) AS new_key
FROM partners;

CREATE TEMP TABLE numbered AS
SELECT id, old_key,
       CASE WHEN row_number() OVER (PARTITION BY workspace_id, new_key ORDER BY id) = 1
            THEN new_key ELSE new_key || ' «' || id || '»' END AS key
FROM rekeyed;

-- In two steps, so that no partner's new key meets another's old one along the way
-- (UNIQUE (workspace_id, name_key) is checked row by row).
UPDATE partners SET name_key = char(1) || id
WHERE id IN (SELECT id FROM numbered WHERE key <> old_key);
UPDATE partners SET name_key = (SELECT key FROM numbered WHERE numbered.id = partners.id)
WHERE name_key = char(1) || id;

DROP TABLE numbered;
DROP TABLE rekeyed;
