-- Pair sync (issue 5): hybrid-logical-clock stamps per shared field, filled
-- by triggers; tombstones for deletes; the pair key and what was last seen
-- from the partner; conflicts kept for review; per-side criterion
-- confirmations. See docs/sync-format.md. Forward-only: never edit once shipped.

-- This install's clock, one row. `replica` is a random id of this database;
-- `wall_ms`/`counter` the last clock issued; `now` the stamp of the current
-- write transaction (set by Db::write before anything else); `applying` is 1
-- while a sync file is merged, which silences the stamping triggers.
CREATE TABLE sync_clock (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    replica  TEXT NOT NULL,
    wall_ms  INTEGER NOT NULL,
    counter  INTEGER NOT NULL,
    now      TEXT NOT NULL,
    applying INTEGER NOT NULL DEFAULT 0 CHECK (applying IN (0, 1))
) STRICT;
INSERT INTO sync_clock (id, replica, wall_ms, counter, now, applying)
VALUES (1, lower(hex(randomblob(16))), 0, 0, '000000000000000-000000', 0);

-- Who wrote each shared field last, and when. A field without a row here has
-- the zero clock of this replica (data from before this migration).
CREATE TABLE field_clock (
    tbl     TEXT NOT NULL,
    row_id  TEXT NOT NULL,
    field   TEXT NOT NULL,
    pair_id TEXT NOT NULL,
    hlc     TEXT NOT NULL,
    replica TEXT NOT NULL,
    PRIMARY KEY (tbl, row_id, field)
) STRICT, WITHOUT ROWID;
CREATE INDEX field_clock_by_pair ON field_clock (pair_id, tbl);

-- Deleted shared rows: a tombstone wins over any edit, so nothing deleted comes back.
CREATE TABLE tombstone (
    tbl     TEXT NOT NULL,
    row_id  TEXT NOT NULL,
    pair_id TEXT NOT NULL,
    hlc     TEXT NOT NULL,
    replica TEXT NOT NULL,
    PRIMARY KEY (tbl, row_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX tombstone_by_pair ON tombstone (pair_id);

-- A pair shared with the partner: the 32-byte key of its files, the
-- partner's replica, the newest partner clock imported, and when.
CREATE TABLE sync_peer (
    pair_id         TEXT PRIMARY KEY NOT NULL REFERENCES pair (id) ON DELETE CASCADE,
    key             BLOB NOT NULL CHECK (length(key) = 32),
    partner_replica TEXT,
    last_seen       TEXT,
    last_import_at  TEXT,
    created_at      TEXT NOT NULL
) STRICT;

-- Both sides changed the same field since they last synced: the value that
-- lost (JSON), kept for the person to review. Open conflicts travel in
-- update files so that both partners see them, except `local_only` ones
-- (text typed into a note while it was private here), which never leave.
CREATE TABLE sync_conflict (
    id          INTEGER PRIMARY KEY,
    pair_id     TEXT NOT NULL REFERENCES pair (id) ON DELETE CASCADE,
    tbl         TEXT NOT NULL,
    row_id      TEXT NOT NULL,
    field       TEXT NOT NULL,
    value       TEXT NOT NULL CHECK (json_valid(value)),
    hlc         TEXT NOT NULL,
    replica     TEXT NOT NULL,
    lost        TEXT NOT NULL CHECK (lost IN ('mine', 'theirs')),
    detected_at TEXT NOT NULL,
    resolved_at TEXT,
    resolution  TEXT CHECK (resolution IN ('mine', 'theirs')),
    local_only  INTEGER NOT NULL DEFAULT 0 CHECK (local_only IN (0, 1)),
    UNIQUE (tbl, row_id, field, hlc, replica)
) STRICT;
CREATE INDEX sync_conflict_by_pair ON sync_conflict (pair_id, resolved_at);

-- Co-signed graduation: each side's own confirmation of a criterion
-- (met_on NULL: not confirmed). The criterion's met/met_on/evidence/
-- confirmed_by columns stay this machine's own mark, mirrored here.
CREATE TABLE criterion_confirmation (
    criterion_id TEXT NOT NULL REFERENCES criterion (id) ON DELETE CASCADE,
    role         TEXT NOT NULL CHECK (role IN ('mentor', 'mentee')),
    met_on       TEXT,
    evidence     TEXT,
    PRIMARY KEY (criterion_id, role)
) STRICT, WITHOUT ROWID;
INSERT INTO criterion_confirmation (criterion_id, role, met_on, evidence)
SELECT c.id, COALESCE(c.confirmed_by, p.my_role), COALESCE(c.met_on, substr(c.updated_at, 1, 10)), c.evidence
FROM criterion c JOIN pair p ON p.id = c.pair_id
WHERE c.met = 1;

-- ---------------------------------------------------------------- pair --
-- Time zones are synced as the mentor's and the mentee's, not mine/theirs.
CREATE TRIGGER sync_pair_ai AFTER INSERT ON pair WHEN (SELECT applying FROM sync_clock) = 0 BEGIN
    INSERT INTO field_clock (tbl, row_id, field, pair_id, hlc, replica)
    SELECT 'pair', new.id, j.value, new.id, s.now, s.replica
    FROM sync_clock s, json_each('["match_date","mentor_tz","mentee_tz","cadence_days","status","end_reason","status_changed_on"]') j
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
        ('status_changed_on', old.status_changed_on IS NOT new.status_changed_on)) v
    WHERE v.column2
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET hlc = excluded.hlc, replica = excluded.replica;
END;
-- Deleting a pair leaves the partnership: nothing of it stays behind.
CREATE TRIGGER sync_pair_ad AFTER DELETE ON pair BEGIN
    DELETE FROM field_clock WHERE pair_id = old.id;
    DELETE FROM tombstone WHERE pair_id = old.id;
END;

-- ---------------------------------------------------------------- goal --
CREATE TRIGGER sync_goal_ai AFTER INSERT ON goal WHEN (SELECT applying FROM sync_clock) = 0 BEGIN
    INSERT INTO field_clock (tbl, row_id, field, pair_id, hlc, replica)
    SELECT 'goal', new.id, j.value, new.pair_id, s.now, s.replica
    FROM sync_clock s, json_each('["pair_id","title","why","status","target_date","achieved_on","created_at","updated_at"]') j
    WHERE 1
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET hlc = excluded.hlc, replica = excluded.replica;
END;
CREATE TRIGGER sync_goal_au AFTER UPDATE ON goal WHEN (SELECT applying FROM sync_clock) = 0 BEGIN
    INSERT INTO field_clock (tbl, row_id, field, pair_id, hlc, replica)
    SELECT 'goal', new.id, v.column1, new.pair_id, s.now, s.replica
    FROM sync_clock s, (VALUES
        ('pair_id', old.pair_id IS NOT new.pair_id),
        ('title', old.title IS NOT new.title),
        ('why', old.why IS NOT new.why),
        ('status', old.status IS NOT new.status),
        ('target_date', old.target_date IS NOT new.target_date),
        ('achieved_on', old.achieved_on IS NOT new.achieved_on),
        ('created_at', old.created_at IS NOT new.created_at),
        ('updated_at', old.updated_at IS NOT new.updated_at)) v
    WHERE v.column2
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET hlc = excluded.hlc, replica = excluded.replica;
END;
CREATE TRIGGER sync_goal_ad AFTER DELETE ON goal WHEN (SELECT applying FROM sync_clock) = 0 BEGIN
    INSERT OR IGNORE INTO tombstone (tbl, row_id, pair_id, hlc, replica)
    SELECT 'goal', old.id, old.pair_id, s.now, s.replica FROM sync_clock s
    WHERE EXISTS (SELECT 1 FROM pair WHERE id = old.pair_id);
    DELETE FROM field_clock WHERE tbl = 'goal' AND row_id = old.id;
END;

-- ----------------------------------------------------------- milestone --
CREATE TRIGGER sync_milestone_ai AFTER INSERT ON milestone WHEN (SELECT applying FROM sync_clock) = 0 BEGIN
    INSERT INTO field_clock (tbl, row_id, field, pair_id, hlc, replica)
    SELECT 'milestone', new.id, j.value, g.pair_id, s.now, s.replica
    FROM sync_clock s, goal g, json_each('["goal_id","position","text","done","done_on","created_at","updated_at"]') j
    WHERE g.id = new.goal_id
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET hlc = excluded.hlc, replica = excluded.replica;
END;
CREATE TRIGGER sync_milestone_au AFTER UPDATE ON milestone WHEN (SELECT applying FROM sync_clock) = 0 BEGIN
    INSERT INTO field_clock (tbl, row_id, field, pair_id, hlc, replica)
    SELECT 'milestone', new.id, v.column1, g.pair_id, s.now, s.replica
    FROM sync_clock s, goal g, (VALUES
        ('goal_id', old.goal_id IS NOT new.goal_id),
        ('position', old.position IS NOT new.position),
        ('text', old.text IS NOT new.text),
        ('done', old.done IS NOT new.done),
        ('done_on', old.done_on IS NOT new.done_on),
        ('created_at', old.created_at IS NOT new.created_at),
        ('updated_at', old.updated_at IS NOT new.updated_at)) v
    WHERE g.id = new.goal_id AND v.column2
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET hlc = excluded.hlc, replica = excluded.replica;
END;
-- When its goal is being deleted, the goal's tombstone says it all.
CREATE TRIGGER sync_milestone_ad AFTER DELETE ON milestone WHEN (SELECT applying FROM sync_clock) = 0 BEGIN
    INSERT OR IGNORE INTO tombstone (tbl, row_id, pair_id, hlc, replica)
    SELECT 'milestone', old.id, g.pair_id, s.now, s.replica FROM sync_clock s, goal g
    WHERE g.id = old.goal_id;
    DELETE FROM field_clock WHERE tbl = 'milestone' AND row_id = old.id;
END;

-- ----------------------------------------------------------- criterion --
CREATE TRIGGER sync_criterion_ai AFTER INSERT ON criterion WHEN (SELECT applying FROM sync_clock) = 0 BEGIN
    INSERT INTO field_clock (tbl, row_id, field, pair_id, hlc, replica)
    SELECT 'criterion', new.id, j.value, new.pair_id, s.now, s.replica
    FROM sync_clock s, json_each('["pair_id","pack_criterion_id","position","text","created_at","updated_at"]') j
    WHERE 1
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET hlc = excluded.hlc, replica = excluded.replica;
END;
CREATE TRIGGER sync_criterion_au AFTER UPDATE ON criterion WHEN (SELECT applying FROM sync_clock) = 0 BEGIN
    INSERT INTO field_clock (tbl, row_id, field, pair_id, hlc, replica)
    SELECT 'criterion', new.id, v.column1, new.pair_id, s.now, s.replica
    FROM sync_clock s, (VALUES
        ('pair_id', old.pair_id IS NOT new.pair_id),
        ('pack_criterion_id', old.pack_criterion_id IS NOT new.pack_criterion_id),
        ('position', old.position IS NOT new.position),
        ('text', old.text IS NOT new.text),
        ('created_at', old.created_at IS NOT new.created_at),
        ('updated_at', old.updated_at IS NOT new.updated_at)) v
    WHERE v.column2
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET hlc = excluded.hlc, replica = excluded.replica;
END;
-- Marking a criterion met (or not) here is this side's confirmation.
CREATE TRIGGER sync_criterion_mark AFTER UPDATE OF met, met_on, evidence ON criterion
WHEN (SELECT applying FROM sync_clock) = 0 BEGIN
    INSERT INTO criterion_confirmation (criterion_id, role, met_on, evidence)
    SELECT new.id, p.my_role,
           CASE WHEN new.met = 1 THEN COALESCE(new.met_on, date('now')) END,
           CASE WHEN new.met = 1 THEN new.evidence END
    FROM pair p WHERE p.id = new.pair_id
    ON CONFLICT (criterion_id, role) DO UPDATE SET met_on = excluded.met_on, evidence = excluded.evidence
    WHERE met_on IS NOT excluded.met_on OR evidence IS NOT excluded.evidence;
END;
CREATE TRIGGER sync_criterion_ad AFTER DELETE ON criterion WHEN (SELECT applying FROM sync_clock) = 0 BEGIN
    INSERT OR IGNORE INTO tombstone (tbl, row_id, pair_id, hlc, replica)
    SELECT 'criterion', old.id, old.pair_id, s.now, s.replica FROM sync_clock s
    WHERE EXISTS (SELECT 1 FROM pair WHERE id = old.pair_id);
    DELETE FROM field_clock WHERE tbl = 'criterion' AND row_id = old.id;
END;

CREATE TRIGGER sync_confirmation_ai AFTER INSERT ON criterion_confirmation
WHEN (SELECT applying FROM sync_clock) = 0 BEGIN
    INSERT INTO field_clock (tbl, row_id, field, pair_id, hlc, replica)
    SELECT 'criterion_confirmation', new.criterion_id || '/' || new.role, j.value, c.pair_id, s.now, s.replica
    FROM sync_clock s, criterion c, json_each('["met_on","evidence"]') j
    WHERE c.id = new.criterion_id
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET hlc = excluded.hlc, replica = excluded.replica;
END;
CREATE TRIGGER sync_confirmation_au AFTER UPDATE ON criterion_confirmation
WHEN (SELECT applying FROM sync_clock) = 0 BEGIN
    INSERT INTO field_clock (tbl, row_id, field, pair_id, hlc, replica)
    SELECT 'criterion_confirmation', new.criterion_id || '/' || new.role, v.column1, c.pair_id, s.now, s.replica
    FROM sync_clock s, criterion c, (VALUES
        ('met_on', old.met_on IS NOT new.met_on),
        ('evidence', old.evidence IS NOT new.evidence)) v
    WHERE c.id = new.criterion_id AND v.column2
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET hlc = excluded.hlc, replica = excluded.replica;
END;
CREATE TRIGGER sync_confirmation_ad AFTER DELETE ON criterion_confirmation BEGIN
    DELETE FROM field_clock WHERE tbl = 'criterion_confirmation' AND row_id = old.criterion_id || '/' || old.role;
END;

-- ------------------------------------------------------------- meeting --
CREATE TRIGGER sync_meeting_ai AFTER INSERT ON meeting WHEN (SELECT applying FROM sync_clock) = 0 BEGIN
    INSERT INTO field_clock (tbl, row_id, field, pair_id, hlc, replica)
    SELECT 'meeting', new.id, j.value, new.pair_id, s.now, s.replica
    FROM sync_clock s, json_each('["pair_id","starts_at","duration_min","mode","agenda","notes","created_at","updated_at"]') j
    WHERE 1
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET hlc = excluded.hlc, replica = excluded.replica;
END;
CREATE TRIGGER sync_meeting_au AFTER UPDATE ON meeting WHEN (SELECT applying FROM sync_clock) = 0 BEGIN
    INSERT INTO field_clock (tbl, row_id, field, pair_id, hlc, replica)
    SELECT 'meeting', new.id, v.column1, new.pair_id, s.now, s.replica
    FROM sync_clock s, (VALUES
        ('pair_id', old.pair_id IS NOT new.pair_id),
        ('starts_at', old.starts_at IS NOT new.starts_at),
        ('duration_min', old.duration_min IS NOT new.duration_min),
        ('mode', old.mode IS NOT new.mode),
        ('agenda', old.agenda IS NOT new.agenda),
        ('notes', old.notes IS NOT new.notes),
        ('created_at', old.created_at IS NOT new.created_at),
        ('updated_at', old.updated_at IS NOT new.updated_at)) v
    WHERE v.column2
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET hlc = excluded.hlc, replica = excluded.replica;
END;
CREATE TRIGGER sync_meeting_ad AFTER DELETE ON meeting WHEN (SELECT applying FROM sync_clock) = 0 BEGIN
    INSERT OR IGNORE INTO tombstone (tbl, row_id, pair_id, hlc, replica)
    SELECT 'meeting', old.id, old.pair_id, s.now, s.replica FROM sync_clock s
    WHERE EXISTS (SELECT 1 FROM pair WHERE id = old.pair_id);
    DELETE FROM field_clock WHERE tbl = 'meeting' AND row_id = old.id;
END;

-- --------------------------------------------------------- action_item --
CREATE TRIGGER sync_action_ai AFTER INSERT ON action_item WHEN (SELECT applying FROM sync_clock) = 0 BEGIN
    INSERT INTO field_clock (tbl, row_id, field, pair_id, hlc, replica)
    SELECT 'action_item', new.id, j.value, new.pair_id, s.now, s.replica
    FROM sync_clock s, json_each('["pair_id","meeting_id","text","owner","due_date","done","done_on","created_at","updated_at"]') j
    WHERE 1
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET hlc = excluded.hlc, replica = excluded.replica;
END;
CREATE TRIGGER sync_action_au AFTER UPDATE ON action_item WHEN (SELECT applying FROM sync_clock) = 0 BEGIN
    INSERT INTO field_clock (tbl, row_id, field, pair_id, hlc, replica)
    SELECT 'action_item', new.id, v.column1, new.pair_id, s.now, s.replica
    FROM sync_clock s, (VALUES
        ('pair_id', old.pair_id IS NOT new.pair_id),
        ('meeting_id', old.meeting_id IS NOT new.meeting_id),
        ('text', old.text IS NOT new.text),
        ('owner', old.owner IS NOT new.owner),
        ('due_date', old.due_date IS NOT new.due_date),
        ('done', old.done IS NOT new.done),
        ('done_on', old.done_on IS NOT new.done_on),
        ('created_at', old.created_at IS NOT new.created_at),
        ('updated_at', old.updated_at IS NOT new.updated_at)) v
    WHERE v.column2
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET hlc = excluded.hlc, replica = excluded.replica;
END;
CREATE TRIGGER sync_action_ad AFTER DELETE ON action_item WHEN (SELECT applying FROM sync_clock) = 0 BEGIN
    INSERT OR IGNORE INTO tombstone (tbl, row_id, pair_id, hlc, replica)
    SELECT 'action_item', old.id, old.pair_id, s.now, s.replica FROM sync_clock s
    WHERE EXISTS (SELECT 1 FROM pair WHERE id = old.pair_id);
    DELETE FROM field_clock WHERE tbl = 'action_item' AND row_id = old.id;
END;

-- ---------------------------------------------------------------- note --
-- A private note leaves no clock and no tombstone: nothing of it is ever in
-- a file. Making a shared note private stamps only its visibility, which
-- takes it back from the partner's copy; sharing it (again) stamps it whole.
CREATE TRIGGER sync_note_ai AFTER INSERT ON note
WHEN (SELECT applying FROM sync_clock) = 0 AND new.visibility = 'shared' BEGIN
    INSERT INTO field_clock (tbl, row_id, field, pair_id, hlc, replica)
    SELECT 'note', new.id, j.value, new.pair_id, s.now, s.replica
    FROM sync_clock s, json_each('["pair_id","body","visibility","goal_id","for_next_meeting","meeting_id","created_at","updated_at"]') j
    WHERE 1
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET hlc = excluded.hlc, replica = excluded.replica;
END;
CREATE TRIGGER sync_note_au_shared AFTER UPDATE ON note
WHEN (SELECT applying FROM sync_clock) = 0 AND new.visibility = 'shared' BEGIN
    INSERT INTO field_clock (tbl, row_id, field, pair_id, hlc, replica)
    SELECT 'note', new.id, v.column1, new.pair_id, s.now, s.replica
    FROM sync_clock s, (VALUES
        ('pair_id', old.pair_id IS NOT new.pair_id),
        ('body', old.body IS NOT new.body),
        ('visibility', old.visibility IS NOT new.visibility),
        ('goal_id', old.goal_id IS NOT new.goal_id),
        ('for_next_meeting', old.for_next_meeting IS NOT new.for_next_meeting),
        ('meeting_id', old.meeting_id IS NOT new.meeting_id),
        ('created_at', old.created_at IS NOT new.created_at),
        ('updated_at', old.updated_at IS NOT new.updated_at)) v
    WHERE v.column2 OR old.visibility <> 'shared'
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET hlc = excluded.hlc, replica = excluded.replica;
END;
CREATE TRIGGER sync_note_au_unshared AFTER UPDATE ON note
WHEN (SELECT applying FROM sync_clock) = 0 AND old.visibility = 'shared' AND new.visibility <> 'shared' BEGIN
    INSERT INTO field_clock (tbl, row_id, field, pair_id, hlc, replica)
    SELECT 'note', new.id, 'visibility', new.pair_id, s.now, s.replica FROM sync_clock s
    WHERE 1
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET hlc = excluded.hlc, replica = excluded.replica;
END;
CREATE TRIGGER sync_note_ad AFTER DELETE ON note WHEN (SELECT applying FROM sync_clock) = 0 BEGIN
    INSERT OR IGNORE INTO tombstone (tbl, row_id, pair_id, hlc, replica)
    SELECT 'note', old.id, old.pair_id, s.now, s.replica FROM sync_clock s
    WHERE EXISTS (SELECT 1 FROM pair WHERE id = old.pair_id)
      AND (old.visibility = 'shared'
           OR EXISTS (SELECT 1 FROM field_clock WHERE tbl = 'note' AND row_id = old.id));
    DELETE FROM field_clock WHERE tbl = 'note' AND row_id = old.id;
END;

-- --------------------------------------------------------------- links --
-- A link is present or not, last writer wins (a link may come back).
CREATE TRIGGER sync_goal_criterion_ai AFTER INSERT ON goal_criterion
WHEN (SELECT applying FROM sync_clock) = 0 BEGIN
    INSERT INTO field_clock (tbl, row_id, field, pair_id, hlc, replica)
    SELECT 'goal_criterion', new.goal_id || '/' || new.criterion_id, 'present', g.pair_id, s.now, s.replica
    FROM sync_clock s, goal g WHERE g.id = new.goal_id
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET hlc = excluded.hlc, replica = excluded.replica;
END;
CREATE TRIGGER sync_goal_criterion_ad AFTER DELETE ON goal_criterion
WHEN (SELECT applying FROM sync_clock) = 0 BEGIN
    INSERT INTO field_clock (tbl, row_id, field, pair_id, hlc, replica)
    SELECT 'goal_criterion', old.goal_id || '/' || old.criterion_id, 'present', g.pair_id, s.now, s.replica
    FROM sync_clock s, goal g
    WHERE g.id = old.goal_id AND EXISTS (SELECT 1 FROM criterion WHERE id = old.criterion_id)
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET hlc = excluded.hlc, replica = excluded.replica;
    DELETE FROM field_clock
    WHERE tbl = 'goal_criterion' AND row_id = old.goal_id || '/' || old.criterion_id
      AND NOT (EXISTS (SELECT 1 FROM goal WHERE id = old.goal_id)
               AND EXISTS (SELECT 1 FROM criterion WHERE id = old.criterion_id));
END;
CREATE TRIGGER sync_meeting_goal_ai AFTER INSERT ON meeting_goal
WHEN (SELECT applying FROM sync_clock) = 0 BEGIN
    INSERT INTO field_clock (tbl, row_id, field, pair_id, hlc, replica)
    SELECT 'meeting_goal', new.meeting_id || '/' || new.goal_id, 'present', m.pair_id, s.now, s.replica
    FROM sync_clock s, meeting m WHERE m.id = new.meeting_id
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET hlc = excluded.hlc, replica = excluded.replica;
END;
CREATE TRIGGER sync_meeting_goal_ad AFTER DELETE ON meeting_goal
WHEN (SELECT applying FROM sync_clock) = 0 BEGIN
    INSERT INTO field_clock (tbl, row_id, field, pair_id, hlc, replica)
    SELECT 'meeting_goal', old.meeting_id || '/' || old.goal_id, 'present', m.pair_id, s.now, s.replica
    FROM sync_clock s, meeting m
    WHERE m.id = old.meeting_id AND EXISTS (SELECT 1 FROM goal WHERE id = old.goal_id)
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET hlc = excluded.hlc, replica = excluded.replica;
    DELETE FROM field_clock
    WHERE tbl = 'meeting_goal' AND row_id = old.meeting_id || '/' || old.goal_id
      AND NOT (EXISTS (SELECT 1 FROM meeting WHERE id = old.meeting_id)
               AND EXISTS (SELECT 1 FROM goal WHERE id = old.goal_id));
END;
