-- A list's deadline (an ISO date, in its time zone; NULL: none) and its time zone (an IANA
-- name; NULL: the default, Europe/Moscow for a Russian list and UTC otherwise) (PRODUCT.md §8).
ALTER TABLE workspaces ADD COLUMN deadline TEXT;
ALTER TABLE workspaces ADD COLUMN tz TEXT;
