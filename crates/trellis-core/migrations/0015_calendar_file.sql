-- A pair's calendar file kept up to date (issue 16): the folder a person
-- picked for `<pair>.ics`, which Trellis rewrites after each change to the
-- pair's meetings, check-ins or action items' due dates, for a calendar
-- that imports or watches the file. This machine's own choice: no sync
-- trigger lists it, so the path never travels to the partner.
-- Forward-only: never edit once shipped.
CREATE TABLE calendar_file (
    pair_id      TEXT PRIMARY KEY NOT NULL REFERENCES pair (id) ON DELETE CASCADE,
    folder       TEXT NOT NULL CHECK (length(folder) > 0),
    -- Fixed when the folder is chosen, so a renamed partner leaves no stray file.
    file_name    TEXT NOT NULL CHECK (length(file_name) > 0),
    set_at       TEXT NOT NULL,
    -- What was last written (SHA-256 of the text without its DTSTAMP lines),
    -- so that a write that changes nothing in the calendar leaves the file alone.
    content_hash TEXT,
    written_at   TEXT,
    -- Why the last rewrite failed (the data write it followed stands), and when.
    last_error   TEXT,
    error_at     TEXT
) STRICT;
