-- Reminders on the desktop (issue 16). This machine's own choices, never in
-- a file that leaves it: which kinds of reminder to show, how long before a
-- meeting, quiet hours (wall clock in the person's zone, may span midnight)
-- and starting at login. Exactly one row.
-- Forward-only: never edit once shipped.
CREATE TABLE reminder_setting (
    id             INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    meeting        INTEGER NOT NULL DEFAULT 1 CHECK (meeting IN (0, 1)),
    checkin        INTEGER NOT NULL DEFAULT 1 CHECK (checkin IN (0, 1)),
    actions        INTEGER NOT NULL DEFAULT 1 CHECK (actions IN (0, 1)),
    drift          INTEGER NOT NULL DEFAULT 1 CHECK (drift IN (0, 1)),
    lead_minutes   INTEGER NOT NULL DEFAULT 15 CHECK (lead_minutes BETWEEN 1 AND 1440),
    quiet          INTEGER NOT NULL DEFAULT 1 CHECK (quiet IN (0, 1)),
    quiet_from     TEXT NOT NULL DEFAULT '22:00',
    quiet_to       TEXT NOT NULL DEFAULT '08:00',
    start_at_login INTEGER NOT NULL DEFAULT 0 CHECK (start_at_login IN (0, 1))
) STRICT;
INSERT INTO reminder_setting (id) VALUES (1);

-- The reminders already shown, by a key naming what they were about (the
-- meeting's instant, the check-in's number, the due date), so each is shown
-- once, across restarts.
CREATE TABLE reminder_sent (
    key     TEXT PRIMARY KEY NOT NULL,
    pair_id TEXT NOT NULL REFERENCES pair (id) ON DELETE CASCADE,
    sent_at TEXT NOT NULL
) STRICT;
CREATE INDEX reminder_sent_pair ON reminder_sent (pair_id);
CREATE INDEX reminder_sent_at ON reminder_sent (sent_at);
