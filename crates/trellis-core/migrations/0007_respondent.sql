-- Issue 12: one respondent, one voice; and the organizer's ledger of reports.
-- Forward-only: never edit once shipped.

-- Each check-in's one respondent id: a random UUID v4 made once, on this
-- machine, linked to nothing else (another check-in of the same pair gets
-- another). `revision` counts the survey files written for it, so that a
-- report keeps only the latest. Neither is in a sync file or the portable
-- record.
ALTER TABLE checkin ADD COLUMN respondent_id TEXT;
ALTER TABLE checkin ADD COLUMN revision INTEGER NOT NULL DEFAULT 0 CHECK (revision >= 0);
UPDATE checkin SET respondent_id =
    lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'
    || substr(lower(hex(randomblob(2))), 2) || '-'
    || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2)
    || '-' || lower(hex(randomblob(6)));
CREATE UNIQUE INDEX checkin_by_respondent ON checkin (respondent_id);

-- The organizer's side: every report made, per program, and the respondents
-- (respondent id and revision) it counted. A report whose set differs from
-- an earlier one by fewer than K respondents is refused unless overridden;
-- the override's reason is kept here and printed in the report.
CREATE TABLE report_ledger (
    id          INTEGER PRIMARY KEY,
    program_id  TEXT NOT NULL,
    made_at     TEXT NOT NULL,
    min_group   INTEGER NOT NULL CHECK (min_group >= 1),
    respondents TEXT NOT NULL CHECK (json_valid(respondents) AND json_type(respondents) = 'array'),
    override    TEXT
) STRICT;
CREATE INDEX report_ledger_by_program ON report_ledger (program_id);
