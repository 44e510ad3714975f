-- A shared folder per pair (issue 13): a folder both partners keep in step
-- with a sync tool (Syncthing, Nextcloud, Dropbox, a network share). Each
-- side writes only its own encrypted update file there and reads the
-- partner's. The path is this machine's own: it never travels in a file.
-- Forward-only: never edit once shipped.
CREATE TABLE sync_folder (
    pair_id      TEXT PRIMARY KEY NOT NULL REFERENCES pair (id) ON DELETE CASCADE,
    path         TEXT NOT NULL CHECK (length(path) > 0),
    set_at       TEXT NOT NULL,
    -- The last exchange through the folder, and why it failed, if it did.
    last_sync_at TEXT,
    last_error   TEXT
) STRICT;
