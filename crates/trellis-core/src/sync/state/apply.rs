//! Merging an incoming state into the store ([`apply`]): per field, the
//! value with the greater (clock, replica) wins; tombstones win over
//! everything; a field both sides changed since they last synced keeps the
//! value that lost as a conflict. New rows, links and clocks are written in
//! batches.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use rusqlite::{params, Connection, OptionalExtension};

use super::check::{check_authority, check_scope};
use super::known::{in_pair, Known, KnownLinks};
use super::{
    columns, json_rows, local_visibility, pair_column, row_clocks, zero, Clock, Record, State,
    Tomb, ROW,
};
use crate::id::PairId;
use crate::pair::Role;
use crate::sync::clock::Hlc;
use crate::sync::schema::{Field, Key, Table, Ty, Val};
use crate::Result;

mod links;

/// What the merge is told about the file and the partner.
pub(crate) struct Ctx<'a> {
    pub pair: PairId,
    pub my_role: Role,
    /// This replica.
    pub me: &'a str,
    /// The newest clock of mine the partner had seen when writing the file.
    pub file_seen: Hlc,
    /// The newest partner clock imported before this file.
    pub seen_before: Hlc,
    /// When this import happens (RFC 3339), for conflicts and local columns.
    pub now: &'a str,
}

/// What a merge changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Outcome {
    pub inserted: u32,
    pub updated: u32,
    pub deleted: u32,
    pub conflicts: u32,
    /// Field clocks and tombstones recorded (a change even when no value moved).
    pub clocks: u32,
}

impl Outcome {
    pub fn changed(&self) -> bool {
        self.inserted + self.updated + self.deleted + self.conflicts + self.clocks > 0
    }
}

/// `value ->> 0, …, value ->> (n - 1)`
fn json_columns(n: usize) -> String {
    (0..n)
        .map(|i| format!("value ->> {i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A field clock to record, from the file.
struct Stamp<'a> {
    table: &'static str,
    id: &'a str,
    field: &'static str,
    clock: &'a Clock,
}

/// A row to insert: its id and the values of [`Table::fields`], from the file.
struct NewRow<'a> {
    table: Table,
    id: &'a str,
    vals: Vec<Cow<'a, Val>>,
}

/// As a JSON array: the id, then the values.
impl serde::Serialize for NewRow<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(self.vals.len() + 1))?;
        seq.serialize_element(self.id)?;
        for v in &self.vals {
            seq.serialize_element(v.as_ref())?;
        }
        seq.end()
    }
}

/// A link to insert: its table, its two ends, and its fields after
/// `present` ([`Table::fields`] order), from the file.
struct NewLink<'a> {
    table: Table,
    a: &'a str,
    b: &'a str,
    more: Vec<&'a Val>,
}

/// As a JSON array: the two ends, then the values.
impl serde::Serialize for NewLink<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(self.more.len() + 2))?;
        seq.serialize_element(self.a)?;
        seq.serialize_element(self.b)?;
        for v in &self.more {
            seq.serialize_element(v)?;
        }
        seq.end()
    }
}

struct Merge<'a, 'c> {
    c: &'c Connection,
    ctx: &'a Ctx<'a>,
    out: Outcome,
    /// New rows, written together by [`Merge::flush_rows`] before the next
    /// table's records are merged (which may refer to them).
    rows: Vec<NewRow<'a>>,
    /// New links, written with the rows.
    links: Vec<NewLink<'a>>,
    /// Field clocks, written together at the end by [`Merge::flush_stamps`].
    /// Nothing reads them back during the merge but the clocks of a
    /// record's own row, read before its table is merged, and no row comes
    /// twice.
    stamps: Vec<Stamp<'a>>,
}

/// Merge a file's state into the store. Runs inside the caller's write
/// transaction, with the stamping triggers silenced (see `clock::set_applying`).
pub(crate) fn apply<'a>(c: &Connection, incoming: &'a State, ctx: &'a Ctx<'a>) -> Result<Outcome> {
    check_scope(c, incoming, ctx.pair)?;
    check_authority(c, incoming, ctx)?;
    let mut m = Merge {
        c,
        ctx,
        out: Outcome::default(),
        rows: Vec::new(),
        links: Vec::new(),
        stamps: Vec::new(),
    };
    let mut buried = false;
    for t in &incoming.tombstones {
        buried |= m.bury(t)?;
    }
    if buried {
        m.sweep_orphan_clocks()?;
    }
    for k in &incoming.conflicts {
        let lost = if &*k.clock.replica == ctx.me {
            "mine"
        } else {
            "theirs"
        };
        m.keep_loser(k.table, &k.id, k.field, &k.value, &k.clock, lost)?;
    }
    let mut order: Vec<&Record> = incoming.records.iter().collect();
    order.sort_by_key(|r| r.table);
    for records in order.chunk_by(|a, b| a.table == b.table) {
        // A record refers only to rows of tables merged before its own.
        m.flush_rows()?;
        let table = records[0].table;
        match table.key() {
            _ if table == Table::Pair => {
                for r in records {
                    m.pair(r)?;
                }
            }
            Key::Id => {
                let mut known = Known::read(c, table, records, ctx.pair)?;
                for r in records {
                    m.entity(r, &mut known)?;
                }
            }
            Key::Link(a, b, ta, tb) => {
                let mut known = KnownLinks::read(c, table, (a, b, ta, tb), records, ctx.pair)?;
                for r in records {
                    m.link(r, &mut known)?;
                }
            }
            Key::Confirmation => {
                for r in records {
                    m.confirmation(r)?;
                }
            }
        }
    }
    m.flush_rows()?;
    m.flush_stamps()?;
    Ok(m.out)
}

impl<'a> Merge<'a, '_> {
    fn pair_id(&self) -> PairId {
        self.ctx.pair
    }

    fn set_clock(
        &mut self,
        table: Table,
        id: &'a str,
        field: &'static str,
        clock: &'a Clock,
    ) -> Result<()> {
        self.stamps.push(Stamp {
            table: table.name(),
            id,
            field,
            clock,
        });
        self.out.clocks += 1;
        Ok(())
    }

    /// Write the new rows and links gathered so far: a statement per table.
    fn flush_rows(&mut self) -> Result<()> {
        let rows = std::mem::take(&mut self.rows);
        for table in Table::ALL {
            let of_table: Vec<&NewRow<'_>> = rows.iter().filter(|r| r.table == table).collect();
            if of_table.is_empty() {
                continue;
            }
            self.c
                .prepare_cached(&format!(
                    "INSERT INTO {} (id, {}) SELECT {} FROM jsonb_each(?1)",
                    table.name(),
                    columns(table, ""),
                    json_columns(table.fields().len() + 1)
                ))?
                .execute([json_rows(&of_table)?])?;
        }
        let links = std::mem::take(&mut self.links);
        for table in Table::ALL {
            let Key::Link(a, b, _, _) = table.key() else {
                continue;
            };
            let of_table: Vec<&NewLink<'_>> = links.iter().filter(|l| l.table == table).collect();
            if of_table.is_empty() {
                continue;
            }
            let more = &table.fields()[1..];
            let extra: String = more.iter().map(|f| format!(", {}", f.name)).collect();
            self.c
                .prepare_cached(&format!(
                    "INSERT INTO {} ({a}, {b}{extra}) SELECT {} FROM jsonb_each(?1)",
                    table.name(),
                    json_columns(more.len() + 2)
                ))?
                .execute([json_rows(&of_table)?])?;
        }
        Ok(())
    }

    /// Write the field clocks gathered: one statement.
    fn flush_stamps(&mut self) -> Result<()> {
        let stamps = std::mem::take(&mut self.stamps);
        if stamps.is_empty() {
            return Ok(());
        }
        let stamps: Vec<(&str, &str, &str, String, &str)> = stamps
            .iter()
            .map(|s| {
                (
                    s.table,
                    s.id,
                    s.field,
                    s.clock.hlc.encode(),
                    &*s.clock.replica,
                )
            })
            .collect();
        self.c
            .prepare_cached(
                "INSERT INTO field_clock (tbl, row_id, field, pair_id, hlc, replica)
                 SELECT value ->> 0, value ->> 1, value ->> 2, ?2, value ->> 3, value ->> 4
                 FROM jsonb_each(?1) WHERE true
                 ON CONFLICT (tbl, row_id, field) DO UPDATE SET hlc = excluded.hlc, replica = excluded.replica",
            )?
            .execute(params![json_rows(&stamps)?, self.pair_id()])?;
        Ok(())
    }

    /// Both sides changed this field since they last synced: the local
    /// change is newer than what the partner had seen of mine, and the
    /// partner's is newer than what I had seen of theirs.
    fn concurrent(&self, field: &Field, mine: &Clock, theirs: &Clock) -> bool {
        field.conflicts
            && &*mine.replica == self.ctx.me
            && &*theirs.replica != self.ctx.me
            && mine.hlc > self.ctx.file_seen
            && theirs.hlc > self.ctx.seen_before
    }

    fn keep_loser(
        &mut self,
        table: Table,
        id: &str,
        field: &str,
        value: &Val,
        clock: &Clock,
        lost: &str,
    ) -> Result<()> {
        self.keep(table, id, field, value, clock, lost, false)
    }

    #[allow(clippy::too_many_arguments)]
    fn keep(
        &mut self,
        table: Table,
        id: &str,
        field: &str,
        value: &Val,
        clock: &Clock,
        lost: &str,
        local_only: bool,
    ) -> Result<()> {
        let n = self
            .c
            .prepare_cached(
                "INSERT OR IGNORE INTO sync_conflict
                     (pair_id, tbl, row_id, field, value, hlc, replica, lost, detected_at, local_only)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?
            .execute(params![
                self.pair_id(),
                table.name(),
                id,
                field,
                value.to_json().to_string(),
                clock.hlc.encode(),
                &*clock.replica,
                lost,
                self.ctx.now,
                local_only
            ])?;
        self.out.conflicts += n as u32;
        Ok(())
    }

    /// Apply a tombstone: record it, delete the row (its children go with
    /// it through the foreign keys). Returns whether anything was deleted.
    fn bury(&mut self, t: &Tomb) -> Result<bool> {
        let n = self
            .c
            .prepare_cached(
                "INSERT OR IGNORE INTO tombstone (tbl, row_id, pair_id, hlc, replica) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                t.table.name(),
                t.id,
                self.pair_id(),
                t.clock.hlc.encode(),
                &*t.clock.replica
            ])?;
        self.out.clocks += n as u32;
        let mut gone = false;
        // A note private here is this side's alone: the partner's deletion
        // of their copy does not take it (it stays, private).
        let private_here = t.table == Table::Note
            && self
                .c
                .prepare_cached("SELECT 1 FROM note WHERE id = ?1 AND visibility <> 'shared'")?
                .query_row([&t.id], |_| Ok(()))
                .optional()?
                .is_some();
        if !private_here && in_pair(self.c, t.table, &t.id, self.pair_id())? {
            self.c
                .prepare_cached(&format!("DELETE FROM {} WHERE id = ?1", t.table.name()))?
                .execute([&t.id])?;
            self.out.deleted += 1;
            gone = true;
        }
        let n = self
            .c
            .prepare_cached("DELETE FROM field_clock WHERE tbl = ?1 AND row_id = ?2")?
            .execute(params![t.table.name(), t.id])?;
        self.out.clocks += n as u32;
        Ok(gone || n > 0)
    }

    /// Clocks of rows that went with a deleted parent.
    fn sweep_orphan_clocks(&mut self) -> Result<()> {
        let n = self.c.execute(
            "DELETE FROM field_clock WHERE pair_id = ?1 AND (
                 (tbl = 'milestone' AND row_id NOT IN (SELECT id FROM milestone))
              OR (tbl = 'criterion_confirmation'
                  AND substr(row_id, 1, 36) NOT IN (SELECT id FROM criterion))
              OR (tbl = 'goal_criterion'
                  AND (substr(row_id, 1, 36) NOT IN (SELECT id FROM goal)
                       OR substr(row_id, 38) NOT IN (SELECT id FROM criterion)))
              OR (tbl = 'meeting_goal'
                  AND (substr(row_id, 1, 36) NOT IN (SELECT id FROM meeting)
                       OR substr(row_id, 38) NOT IN (SELECT id FROM goal)))
              OR (tbl = 'meeting_action'
                  AND (substr(row_id, 1, 36) NOT IN (SELECT id FROM meeting)
                       OR substr(row_id, 38) NOT IN (SELECT id FROM action_item))))",
            [self.pair_id()],
        )?;
        self.out.clocks += n as u32;
        Ok(())
    }

    fn pair(&mut self, r: &'a Record) -> Result<()> {
        let role = self.ctx.my_role;
        let clocks = row_clocks(self.c, Table::Pair, &r.id)?;
        let me = zero(self.ctx.me);
        let mut updates: Vec<(&'static str, &Val)> = Vec::new();
        for (&name, cell) in &r.fields {
            let Some(field) = Table::Pair.field(name) else {
                continue;
            };
            let col = pair_column(name, role);
            let local: Val = self.c.query_row(
                &format!("SELECT {col} FROM pair WHERE id = ?1"),
                [self.pair_id()],
                |row| Val::from_ref(row.get_ref(0)?),
            )?;
            let lc = clocks.get(name).unwrap_or(&me);
            if cell.clock > *lc {
                if cell.value != local {
                    if self.concurrent(field, lc, &cell.clock) {
                        self.keep_loser(Table::Pair, &r.id, name, &local, lc, "mine")?;
                    }
                    updates.push((col, &cell.value));
                }
                self.set_clock(Table::Pair, &r.id, name, &cell.clock)?;
            } else if cell.clock < *lc
                && cell.value != local
                && self.concurrent(field, lc, &cell.clock)
            {
                self.keep_loser(Table::Pair, &r.id, name, &cell.value, &cell.clock, "theirs")?;
            }
        }
        if !updates.is_empty() {
            for (col, v) in &updates {
                self.c
                    .prepare_cached(&format!("UPDATE pair SET {col} = ?2 WHERE id = ?1"))?
                    .execute(params![self.pair_id(), v])?;
            }
            self.c
                .prepare_cached("UPDATE pair SET updated_at = ?2 WHERE id = ?1")?
                .execute(params![self.pair_id(), self.ctx.now])?;
            self.out.updated += 1;
        }
        Ok(())
    }

    /// The value to store for a field: a reference to a row this pair does
    /// not have (deleted here) is stored as NULL. `None`: the record cannot
    /// be stored at all (its required parent is gone).
    fn resolve(field: &Field, v: &'a Val, known: &Known) -> Option<Cow<'a, Val>> {
        if let (Ty::Ref(t), Val::Text(id)) = (field.ty, v) {
            if !known.refs.get(&t).is_some_and(|ids| ids.contains(id)) {
                return field.nullable.then_some(Cow::Owned(Val::Null));
            }
        }
        Some(Cow::Borrowed(v))
    }

    fn entity(&mut self, r: &'a Record, known: &mut Known) -> Result<()> {
        let table = r.table;
        if known.tombstoned.contains(&r.id) {
            return Ok(());
        }
        let mut values: BTreeMap<&'static str, Cow<'a, Val>> = BTreeMap::new();
        for (&name, cell) in &r.fields {
            let Some(field) = table.field(name) else {
                continue;
            };
            match Self::resolve(field, &cell.value, known) {
                Some(v) => {
                    values.insert(name, v);
                }
                None => return Ok(()),
            }
        }
        let clocks = known.clocks.remove(&r.id).unwrap_or_default();
        let Some(local) = known.local.remove(&r.id) else {
            if known.existing.contains(&r.id) {
                return Ok(()); // another pair's row: never touched
            }
            return self.insert(r, &values, &clocks);
        };
        let me = zero(self.ctx.me);
        if table == Table::Note && local_visibility(&local) != Some("shared") {
            return self.private_note(r, &values, &clocks);
        }
        let mut updates: Vec<(&'static str, &Val)> = Vec::new();
        for (i, field) in table.fields().iter().enumerate() {
            let (Some(cell), Some(v)) = (r.fields.get(field.name), values.get(field.name)) else {
                continue;
            };
            let v = v.as_ref();
            let lc = clocks.get(field.name).unwrap_or(&me);
            if cell.clock > *lc {
                if *v != local[i] {
                    if self.concurrent(field, lc, &cell.clock) {
                        self.keep_loser(table, &r.id, field.name, &local[i], lc, "mine")?;
                    }
                    updates.push((field.name, v));
                }
                self.set_clock(table, &r.id, field.name, &cell.clock)?;
            } else if cell.clock < *lc && *v != local[i] && self.concurrent(field, lc, &cell.clock)
            {
                self.keep_loser(table, &r.id, field.name, v, &cell.clock, "theirs")?;
            }
        }
        if table == Table::Note {
            let now_private = updates
                .iter()
                .any(|(f, v)| *f == "visibility" && v.as_str() == Some("private"));
            let mine = clocks
                .get("created_at")
                .is_none_or(|c| &*c.replica == self.ctx.me);
            if now_private && !mine {
                // The partner took their note back: it leaves this copy.
                self.c
                    .prepare_cached("DELETE FROM note WHERE id = ?1")?
                    .execute([&r.id])?;
                self.out.deleted += 1;
                return Ok(());
            }
        }
        if !updates.is_empty() {
            for (col, v) in &updates {
                self.c
                    .prepare_cached(&format!(
                        "UPDATE {} SET {col} = ?2 WHERE id = ?1",
                        table.name()
                    ))?
                    .execute(params![r.id, v])?;
            }
            self.out.updated += 1;
        }
        Ok(())
    }

    /// A note that is private here. Its text stays this machine's: the
    /// partner's edits of their copy do not overwrite it. Only the partner
    /// sharing it again (after it was made private here) brings it back, whole
    /// as the partner has it; what was typed here meanwhile is kept as a
    /// conflict (which never leaves this machine).
    fn private_note(
        &mut self,
        r: &'a Record,
        values: &BTreeMap<&'static str, Cow<'a, Val>>,
        clocks: &HashMap<String, Clock>,
    ) -> Result<()> {
        let Some(vis) = r.fields.get("visibility") else {
            return Ok(());
        };
        let lc = clocks.get("visibility");
        if lc.is_some_and(|l| vis.clock <= *l) {
            return Ok(());
        }
        if vis.value.as_str() != Some("shared") || r.fields.len() == 1 {
            return self.set_clock(Table::Note, &r.id, "visibility", &vis.clock);
        }
        // The partner shared their copy again. What is private here stays
        // private and stays here: it moves to a private note of its own
        // (never stamped, never in a file), and the partner's shared note
        // comes in under its id. Only this side shares its own text.
        self.c
            .prepare_cached(
                "INSERT INTO note (id, pair_id, body, visibility, goal_id, for_next_meeting, meeting_id,
                     created_at, updated_at)
                 SELECT ?2, pair_id, body, 'private', goal_id, for_next_meeting, meeting_id, created_at, ?3
                 FROM note WHERE id = ?1",
            )?
            .execute(params![r.id, crate::id::NoteId::new(), self.ctx.now])?;
        self.out.inserted += 1;
        for field in Table::Note.fields() {
            let (Some(cell), Some(v)) = (r.fields.get(field.name), values.get(field.name)) else {
                continue;
            };
            self.c
                .prepare_cached(&format!(
                    "UPDATE note SET {} = ?2 WHERE id = ?1",
                    field.name
                ))?
                .execute(params![r.id, v])?;
            self.set_clock(Table::Note, &r.id, field.name, &cell.clock)?;
        }
        self.out.updated += 1;
        Ok(())
    }

    fn insert(
        &mut self,
        r: &'a Record,
        values: &BTreeMap<&'static str, Cow<'a, Val>>,
        clocks: &HashMap<String, Clock>,
    ) -> Result<()> {
        let table = r.table;
        if table == Table::Note {
            // A note this side knows was taken back more recently stays out;
            // a record that only says "taken back" has nothing to insert but
            // its clock, so that an older copy cannot bring the note back.
            let theirs = r.fields.get("visibility").map(|c| &c.clock);
            let ours = clocks.get("visibility");
            let ours_newer = match (ours, theirs) {
                (Some(o), Some(t)) => o >= t,
                (Some(_), None) => true,
                (None, _) => false,
            };
            let shared = values.get("visibility").and_then(|v| v.as_str()) == Some("shared");
            if !shared || ours_newer {
                if let (Some(t), false) = (theirs, ours_newer) {
                    self.set_clock(table, &r.id, "visibility", t)?;
                }
                return Ok(());
            }
        }
        let Some(vals) = table
            .fields()
            .iter()
            .map(|f| values.get(f.name).cloned())
            .collect::<Option<Vec<_>>>()
        else {
            return Ok(()); // validation lets only full records through; be safe
        };
        self.rows.push(NewRow {
            table,
            id: &r.id,
            vals,
        });
        self.out.inserted += 1;
        if clocks.is_empty() {
            // One clock for the row: the one most of its fields have (the
            // greater on a tie); a field with another keeps its own.
            let mut cells = r.fields.values();
            let first = cells.next().map(|c| &c.clock);
            let row = if cells.all(|c| Some(&c.clock) == first) {
                first // the usual case: written at once
            } else {
                let mut count: BTreeMap<&Clock, usize> = BTreeMap::new();
                for cell in r.fields.values() {
                    *count.entry(&cell.clock).or_default() += 1;
                }
                count
                    .into_iter()
                    .max_by_key(|&(clock, n)| (n, clock))
                    .map(|(clock, _)| clock)
            };
            if let Some(row) = row {
                self.set_clock(table, &r.id, ROW, row)?;
                for (&name, cell) in &r.fields {
                    if cell.clock != *row {
                        self.set_clock(table, &r.id, name, &cell.clock)?;
                    }
                }
            }
            return Ok(());
        }
        for (&name, cell) in &r.fields {
            if clocks.get(name).is_none_or(|c| cell.clock > *c) {
                self.set_clock(table, &r.id, name, &cell.clock)?;
            }
        }
        Ok(())
    }
}
