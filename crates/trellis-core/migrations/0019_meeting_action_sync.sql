-- The carried-forward items a meeting reviewed travel to the partner
-- (issue 17): `meeting_action` becomes a shared link, like `meeting_goal`,
-- with one more field, `closed_here`. Its rows from before this migration
-- have no clock (the zero clock of this replica, as for any row older than
-- its stamping). Forward-only: never edit once shipped.
--
-- A link is present or not, last writer wins (a link may come back). Its
-- clock rows are those of a link of two ends of one pair: the meeting's pair.
CREATE TRIGGER sync_meeting_action_ai AFTER INSERT ON meeting_action
WHEN (SELECT applying FROM sync_clock) = 0 BEGIN
    INSERT INTO field_clock (tbl, row_id, field, pair_id, hlc, replica)
    SELECT 'meeting_action', new.meeting_id || '/' || new.action_id, j.value, m.pair_id, s.now, s.replica
    FROM sync_clock s, meeting m, json_each('["present","closed_here"]') j WHERE m.id = new.meeting_id
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET hlc = excluded.hlc, replica = excluded.replica;
END;
CREATE TRIGGER sync_meeting_action_au AFTER UPDATE ON meeting_action
WHEN (SELECT applying FROM sync_clock) = 0 AND old.closed_here IS NOT new.closed_here BEGIN
    INSERT INTO field_clock (tbl, row_id, field, pair_id, hlc, replica)
    SELECT 'meeting_action', new.meeting_id || '/' || new.action_id, 'closed_here', m.pair_id, s.now, s.replica
    FROM sync_clock s, meeting m WHERE m.id = new.meeting_id
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET hlc = excluded.hlc, replica = excluded.replica;
END;
-- Removed while both ends stay: `present` is stamped 0 (its other clocks
-- stay, unread). Gone with an end (the end's tombstone says enough): every
-- clock of the link goes.
CREATE TRIGGER sync_meeting_action_ad AFTER DELETE ON meeting_action
WHEN (SELECT applying FROM sync_clock) = 0 BEGIN
    INSERT INTO field_clock (tbl, row_id, field, pair_id, hlc, replica)
    SELECT 'meeting_action', old.meeting_id || '/' || old.action_id, 'present', m.pair_id, s.now, s.replica
    FROM sync_clock s, meeting m
    WHERE m.id = old.meeting_id AND EXISTS (SELECT 1 FROM action_item WHERE id = old.action_id)
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET hlc = excluded.hlc, replica = excluded.replica;
    DELETE FROM field_clock
    WHERE tbl = 'meeting_action' AND row_id = old.meeting_id || '/' || old.action_id
      AND NOT (EXISTS (SELECT 1 FROM meeting WHERE id = old.meeting_id)
               AND EXISTS (SELECT 1 FROM action_item WHERE id = old.action_id));
END;
