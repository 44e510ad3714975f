-- The Trash (issue 14): a deleted note, goal, meeting, action item or
-- criterion is kept here, with the rows that went with it, for 30 days, so
-- it can be restored; emptying the Trash removes its text from every file
-- (see the `trash` module). Forward-only: never edit once shipped.
CREATE TABLE trash (
    id         TEXT PRIMARY KEY NOT NULL,
    pair_id    TEXT NOT NULL REFERENCES pair (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('note', 'goal', 'meeting', 'action', 'criterion')),
    item_id    TEXT NOT NULL,
    label      TEXT NOT NULL,
    rows       TEXT NOT NULL CHECK (json_valid(rows)),
    deleted_at TEXT NOT NULL
) STRICT;
CREATE INDEX trash_by_pair ON trash (pair_id, deleted_at DESC);
CREATE INDEX trash_by_time ON trash (deleted_at);
