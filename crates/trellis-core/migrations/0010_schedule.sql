-- Time together across two zones (issue 16). Each side's hours (per weekday,
-- Monday first, `HH:MM-HH:MM` or empty for a day off, in that side's own
-- zone), and the next meeting at an instant: when, how long, whether it
-- recurs with the cadence and the zone whose wall clock it keeps (a weekly
-- 16:00 Berlin meeting stays 16:00 in Berlin across a DST change).
-- All of them are shared with the partner; each side sets only its own hours.
-- Pair rows never get a row clock ('*', migration 0006): their fields are merged
-- one by one, so the new fields need no clock rows of their own here.
-- Forward-only: never edit once shipped.
ALTER TABLE pair ADD COLUMN my_hours TEXT NOT NULL
    DEFAULT '09:00-18:00,09:00-18:00,09:00-18:00,09:00-18:00,09:00-18:00,,';
ALTER TABLE pair ADD COLUMN partner_hours TEXT NOT NULL
    DEFAULT '09:00-18:00,09:00-18:00,09:00-18:00,09:00-18:00,09:00-18:00,,';
ALTER TABLE pair ADD COLUMN next_at TEXT;
ALTER TABLE pair ADD COLUMN next_minutes INTEGER CHECK (next_minutes BETWEEN 1 AND 1440);
ALTER TABLE pair ADD COLUMN next_zone TEXT;
ALTER TABLE pair ADD COLUMN next_recurs INTEGER NOT NULL DEFAULT 0 CHECK (next_recurs IN (0, 1));

-- The pair's synced fields, now with the hours (named by role, like the
-- zones) and the next meeting.
DROP TRIGGER sync_pair_ai;
DROP TRIGGER sync_pair_au;
CREATE TRIGGER sync_pair_ai AFTER INSERT ON pair WHEN (SELECT applying FROM sync_clock) = 0 BEGIN
    INSERT INTO field_clock (tbl, row_id, field, pair_id, hlc, replica)
    SELECT 'pair', new.id, j.value, new.id, s.now, s.replica
    FROM sync_clock s, json_each('["match_date","mentor_tz","mentee_tz","cadence_days","status","end_reason","status_changed_on","mentor_hours","mentee_hours","next_at","next_minutes","next_zone","next_recurs"]') j
    WHERE 1
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET hlc = excluded.hlc, replica = excluded.replica;
END;
CREATE TRIGGER sync_pair_au AFTER UPDATE ON pair WHEN (SELECT applying FROM sync_clock) = 0 BEGIN
    INSERT INTO field_clock (tbl, row_id, field, pair_id, hlc, replica)
    SELECT 'pair', new.id, v.column1, new.id, s.now, s.replica
    FROM sync_clock s, (VALUES
        ('match_date', old.match_date IS NOT new.match_date),
        ('mentor_tz', CASE new.my_role WHEN 'mentor' THEN old.my_tz IS NOT new.my_tz ELSE old.partner_tz IS NOT new.partner_tz END),
        ('mentee_tz', CASE new.my_role WHEN 'mentee' THEN old.my_tz IS NOT new.my_tz ELSE old.partner_tz IS NOT new.partner_tz END),
        ('cadence_days', old.cadence_days IS NOT new.cadence_days),
        ('status', old.status IS NOT new.status),
        ('end_reason', old.end_reason IS NOT new.end_reason),
        ('status_changed_on', old.status_changed_on IS NOT new.status_changed_on),
        ('mentor_hours', CASE new.my_role WHEN 'mentor' THEN old.my_hours IS NOT new.my_hours ELSE old.partner_hours IS NOT new.partner_hours END),
        ('mentee_hours', CASE new.my_role WHEN 'mentee' THEN old.my_hours IS NOT new.my_hours ELSE old.partner_hours IS NOT new.partner_hours END),
        ('next_at', old.next_at IS NOT new.next_at),
        ('next_minutes', old.next_minutes IS NOT new.next_minutes),
        ('next_zone', old.next_zone IS NOT new.next_zone),
        ('next_recurs', old.next_recurs IS NOT new.next_recurs)) v
    WHERE v.column2
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET hlc = excluded.hlc, replica = excluded.replica;
END;
