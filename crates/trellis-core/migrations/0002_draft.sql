-- Quick-capture drafts: what is being typed, saved on every keystroke so that
-- closing the window or a crash loses nothing. One draft per pair (or none).
CREATE TABLE draft (
    pair_id    TEXT PRIMARY KEY NOT NULL REFERENCES pair (id) ON DELETE CASCADE,
    body       TEXT NOT NULL,
    visibility TEXT NOT NULL CHECK (visibility IN ('private', 'shared')),
    updated_at TEXT NOT NULL
) STRICT;
