-- This machine's own settings that are not about reminders (issue 18): the
-- language the person chose (a BCP 47 tag Trellis ships in; NULL follows the
-- system's locale). Never synced, never in a file that leaves the machine.
-- Exactly one row.
-- Forward-only: never edit once shipped.
CREATE TABLE setting (
    id       INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    language TEXT
) STRICT;
INSERT INTO setting (id) VALUES (1);
