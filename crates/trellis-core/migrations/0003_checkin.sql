-- Check-ins: a person's answers to the pack's check-in questions, one row per
-- scheduled check-in of a pair (number 1 is the first day of the pack's
-- `days_after_match`). The answers are this machine's only: they are never in
-- a sync file or the portable record; the anonymised survey file is made
-- from them after a preview, and `exported_at` says when one was written.
CREATE TABLE checkin (
    pair_id     TEXT NOT NULL REFERENCES pair (id) ON DELETE CASCADE,
    number      INTEGER NOT NULL CHECK (number BETWEEN 1 AND 100),
    answers     TEXT NOT NULL CHECK (json_valid(answers) AND json_type(answers) = 'object'),
    answered_at TEXT NOT NULL,
    exported_at TEXT,
    PRIMARY KEY (pair_id, number)
) STRICT, WITHOUT ROWID;
