//! A pair's shared state as records of stamped fields, read from the store
//! ([`collect`]) and merged into it ([`apply`]): per field, the value with
//! the greater (clock, replica) wins; tombstones win over everything.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use rusqlite::{params, Connection, OptionalExtension};

use crate::id::PairId;
use crate::pair::Role;
use crate::Result;

use super::clock::Hlc;
use super::schema::{Field, Key, Table, Ty, Val};

/// Who wrote a field, and when. Ordered by clock, then replica id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Clock {
    pub hlc: Hlc,
    /// Shared: a file holds one or two replica ids, in every clock.
    pub replica: Arc<str>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cell {
    pub value: Val,
    pub clock: Clock,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Record {
    pub table: Table,
    pub id: String,
    pub fields: BTreeMap<&'static str, Cell>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tomb {
    pub table: Table,
    pub id: String,
    pub clock: Clock,
}

/// A conflict one side found, for the other side to see too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Lost {
    pub table: Table,
    pub id: String,
    pub field: &'static str,
    pub value: Val,
    pub clock: Clock,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct State {
    pub records: Vec<Record>,
    pub tombstones: Vec<Tomb>,
    pub conflicts: Vec<Lost>,
}

type Clocks = HashMap<(String, String), Clock>;

fn clock_from(hlc: &str, replica: String) -> Clock {
    Clock {
        hlc: Hlc::parse(hlc).unwrap_or(Hlc::ZERO),
        replica: replica.into(),
    }
}

/// The `field` of a row's own clock (migration 0006): the clock of every
/// field of the row that has no clock row of its own. A merge that inserts
/// a row whose fields were all written at once (nearly every row) records
/// one clock for it instead of one per field; a field changed later gets
/// its own row, which wins over it. Read back, it stands for each field of
/// [`Table::fields`] without its own clock.
const ROW: &str = "*";

/// Per-field clocks with the row clocks spread over the fields they stand for.
fn spread(
    table: Table,
    fields: impl Iterator<Item = rusqlite::Result<((String, String), Clock)>>,
) -> Result<Clocks> {
    let mut out = Clocks::new();
    let mut rows = Vec::new();
    for f in fields {
        let ((id, field), clock) = f?;
        if field == ROW {
            rows.push((id, clock));
        } else {
            out.insert((id, field), clock);
        }
    }
    for (id, clock) in rows {
        for f in table.fields() {
            out.entry((id.clone(), f.name.to_string()))
                .or_insert_with(|| clock.clone());
        }
    }
    Ok(out)
}

fn table_clocks(c: &Connection, pair: PairId, table: Table) -> Result<Clocks> {
    let mut st = c.prepare_cached(
        "SELECT row_id, field, hlc, replica FROM field_clock WHERE pair_id = ?1 AND tbl = ?2",
    )?;
    let rows = st.query_map(params![pair, table.name()], |r| {
        let hlc: String = r.get(2)?;
        Ok(((r.get(0)?, r.get(1)?), clock_from(&hlc, r.get(3)?)))
    })?;
    spread(table, rows)
}

fn row_clocks(c: &Connection, table: Table, id: &str) -> Result<HashMap<String, Clock>> {
    let mut st = c.prepare_cached(
        "SELECT field, hlc, replica FROM field_clock WHERE tbl = ?1 AND row_id = ?2",
    )?;
    let rows = st.query_map(params![table.name(), id], |r| {
        let hlc: String = r.get(1)?;
        Ok(((String::new(), r.get(0)?), clock_from(&hlc, r.get(2)?)))
    })?;
    Ok(spread(table, rows)?
        .into_iter()
        .map(|((_, field), clock)| (field, clock))
        .collect())
}

/// The column of `pair` that holds a synced pair field, seen from `role`.
fn pair_column(field: &str, role: Role) -> &'static str {
    match (field, role) {
        ("mentor_tz", Role::Mentor) | ("mentee_tz", Role::Mentee) => "my_tz",
        ("mentor_tz", Role::Mentee) | ("mentee_tz", Role::Mentor) => "partner_tz",
        ("mentor_hours", Role::Mentor) | ("mentee_hours", Role::Mentee) => "my_hours",
        ("mentor_hours", Role::Mentee) | ("mentee_hours", Role::Mentor) => "partner_hours",
        ("next_at", _) => "next_at",
        ("next_minutes", _) => "next_minutes",
        ("next_zone", _) => "next_zone",
        ("next_recurs", _) => "next_recurs",
        ("match_date", _) => "match_date",
        ("cadence_days", _) => "cadence_days",
        ("status", _) => "status",
        ("end_reason", _) => "end_reason",
        _ => "status_changed_on",
    }
}

fn columns(table: Table, prefix: &str) -> String {
    table
        .fields()
        .iter()
        .map(|f| format!("{prefix}{}", f.name))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The rows of an id-keyed table that belong to the pair (shared notes only).
fn rows_sql(table: Table) -> String {
    match table {
        Table::Milestone => format!(
            "SELECT m.id, {} FROM milestone m JOIN goal g ON g.id = m.goal_id WHERE g.pair_id = ?1 ORDER BY m.id",
            columns(table, "m.")
        ),
        Table::Note => format!(
            "SELECT id, {} FROM note WHERE pair_id = ?1 AND visibility = 'shared' ORDER BY id",
            columns(table, "")
        ),
        t => format!(
            "SELECT id, {} FROM {} WHERE pair_id = ?1 ORDER BY id",
            columns(t, ""),
            t.name()
        ),
    }
}

fn read_vals(r: &rusqlite::Row<'_>, from: usize, n: usize) -> rusqlite::Result<Vec<Val>> {
    (from..from + n)
        .map(|i| Val::from_ref(r.get_ref(i)?))
        .collect()
}

fn record(table: Table, id: String, vals: Vec<Val>, clocks: &Clocks, me: &str) -> Record {
    let fields = table
        .fields()
        .iter()
        .zip(vals)
        .map(|(f, value)| {
            let clock = clocks
                .get(&(id.clone(), f.name.to_string()))
                .cloned()
                .unwrap_or_else(|| zero(me));
            (f.name, Cell { value, clock })
        })
        .collect();
    Record { table, id, fields }
}

fn local_visibility(local: &[Val]) -> Option<&str> {
    Table::Note
        .fields()
        .iter()
        .position(|f| f.name == "visibility")
        .and_then(|i| local.get(i))
        .and_then(Val::as_str)
}

fn zero(me: &str) -> Clock {
    Clock {
        hlc: Hlc::ZERO,
        replica: me.into(),
    }
}

/// Everything of a pair that its partner may have: the shared rows with
/// their field clocks, notes taken back (their visibility only), links that
/// were removed, and tombstones. Private notes are not read at all.
pub(crate) fn collect(c: &Connection, pair: PairId, my_role: Role, me: &str) -> Result<State> {
    let mut out = State::default();
    // The pair itself, its zones named by role.
    let clocks = table_clocks(c, pair, Table::Pair)?;
    let cols: Vec<&str> = Table::Pair
        .fields()
        .iter()
        .map(|f| pair_column(f.name, my_role))
        .collect();
    let vals = c
        .prepare_cached(&format!(
            "SELECT {} FROM pair WHERE id = ?1",
            cols.join(", ")
        ))?
        .query_row([pair], |r| read_vals(r, 0, cols.len()))?;
    out.records
        .push(record(Table::Pair, pair.to_string(), vals, &clocks, me));

    for table in [
        Table::Goal,
        Table::Criterion,
        Table::Meeting,
        Table::Milestone,
        Table::ActionItem,
        Table::Note,
    ] {
        let clocks = table_clocks(c, pair, table)?;
        let n = table.fields().len();
        let mut st = c.prepare_cached(&rows_sql(table))?;
        let rows = st.query_map([pair], |r| {
            Ok((r.get::<_, String>(0)?, read_vals(r, 1, n)?))
        })?;
        for row in rows {
            let (id, vals) = row?;
            out.records.push(record(table, id, vals, &clocks, me));
        }
        if table == Table::Note {
            // Notes that were shared once and are private now: only the
            // fact that they were taken back, never their text.
            let mut st = c.prepare_cached(
                "SELECT id FROM note WHERE pair_id = ?1 AND visibility <> 'shared' ORDER BY id",
            )?;
            let ids = st.query_map([pair], |r| r.get::<_, String>(0))?;
            for id in ids {
                let id = id?;
                if let Some(clock) = clocks.get(&(id.clone(), "visibility".to_string())) {
                    let mut fields = BTreeMap::new();
                    fields.insert(
                        "visibility",
                        Cell {
                            value: Val::Text("private".into()),
                            clock: clock.clone(),
                        },
                    );
                    out.records.push(Record { table, id, fields });
                }
            }
        }
    }

    for table in [Table::GoalCriterion, Table::MeetingGoal] {
        let Key::Link(a, b, ta, tb) = table.key() else {
            continue;
        };
        let clocks = table_clocks(c, pair, table)?;
        let sql = format!(
            "SELECT l.{a} || '/' || l.{b} FROM {} l JOIN {} p ON p.id = l.{a} WHERE p.pair_id = ?1 ORDER BY 1",
            table.name(),
            ta.name()
        );
        let present: Vec<String> = {
            let mut st = c.prepare_cached(&sql)?;
            let rows = st.query_map([pair], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut absent: Vec<(&String, &Clock)> = Vec::new();
        let known: HashSet<&String> = present.iter().collect();
        for ((id, _), clock) in &clocks {
            if !known.contains(id) {
                if let Some((x, y)) = id.split_once('/') {
                    if in_pair(c, ta, x, pair)? && in_pair(c, tb, y, pair)? {
                        absent.push((id, clock));
                    }
                }
            }
        }
        absent.sort();
        for id in &present {
            let clock = clocks
                .get(&(id.clone(), "present".to_string()))
                .cloned()
                .unwrap_or_else(|| zero(me));
            out.records.push(link_record(table, id.clone(), 1, clock));
        }
        for (id, clock) in absent {
            out.records
                .push(link_record(table, id.clone(), 0, clock.clone()));
        }
    }

    let clocks = table_clocks(c, pair, Table::Confirmation)?;
    let mut st = c.prepare_cached(
        "SELECT cc.criterion_id || '/' || cc.role, cc.met_on, cc.evidence
         FROM criterion_confirmation cc JOIN criterion c ON c.id = cc.criterion_id
         WHERE c.pair_id = ?1 ORDER BY 1",
    )?;
    let rows = st.query_map([pair], |r| {
        Ok((r.get::<_, String>(0)?, read_vals(r, 1, 2)?))
    })?;
    for row in rows {
        let (id, vals) = row?;
        out.records
            .push(record(Table::Confirmation, id, vals, &clocks, me));
    }

    // Open conflicts, but never one that holds text typed while a note was private.
    let mut st = c.prepare_cached(
        "SELECT tbl, row_id, field, value, hlc, replica FROM sync_conflict
         WHERE pair_id = ?1 AND resolved_at IS NULL AND local_only = 0 ORDER BY id",
    )?;
    let rows = st.query_map([pair], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
        ))
    })?;
    for row in rows {
        let (tbl, id, field, value, hlc, replica) = row?;
        let Some(table) = Table::parse(&tbl) else {
            continue;
        };
        let Some(f) = table.field(&field) else {
            continue;
        };
        let Some(value) = serde_json::from_str(&value)
            .ok()
            .as_ref()
            .and_then(Val::from_json)
        else {
            continue;
        };
        out.conflicts.push(Lost {
            table,
            id,
            field: f.name,
            value,
            clock: clock_from(&hlc, replica),
        });
    }

    let mut st = c.prepare_cached(
        "SELECT tbl, row_id, hlc, replica FROM tombstone WHERE pair_id = ?1 ORDER BY tbl, row_id",
    )?;
    let rows = st.query_map([pair], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    for row in rows {
        let (tbl, id, hlc, replica) = row?;
        if let Some(table) = Table::parse(&tbl) {
            out.tombstones.push(Tomb {
                table,
                id,
                clock: clock_from(&hlc, replica),
            });
        }
    }
    Ok(out)
}

fn link_record(table: Table, id: String, present: i64, clock: Clock) -> Record {
    let mut fields = BTreeMap::new();
    fields.insert(
        "present",
        Cell {
            value: Val::Int(present),
            clock,
        },
    );
    Record { table, id, fields }
}

/// Whether a row of an id-keyed table exists and belongs to the pair.
fn in_pair(c: &Connection, table: Table, id: &str, pair: PairId) -> Result<bool> {
    let sql = match table {
        Table::Milestone => {
            "SELECT 1 FROM milestone m JOIN goal g ON g.id = m.goal_id WHERE m.id = ?1 AND g.pair_id = ?2"
                .to_string()
        }
        Table::Pair => "SELECT 1 FROM pair WHERE id = ?1 AND id = ?2".to_string(),
        t => format!("SELECT 1 FROM {} WHERE id = ?1 AND pair_id = ?2", t.name()),
    };
    Ok(c.prepare_cached(&sql)?
        .query_row(params![id, pair], |_| Ok(()))
        .optional()?
        .is_some())
}

/// `ids` as one parameter: a JSON array, for `IN (SELECT value FROM json_each(?1))`.
fn json_ids<'a>(ids: impl Iterator<Item = &'a str>) -> Result<String> {
    json_rows(&ids.collect::<Vec<_>>())
}

/// The first column of the rows `sql` returns.
fn ids_among(c: &Connection, sql: &str, args: &[&dyn rusqlite::ToSql]) -> Result<HashSet<String>> {
    let mut st = c.prepare_cached(sql)?;
    let rows = st.query_map(args, |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Which of `ids` are rows of an id-keyed table that belong to the pair.
fn in_pair_among(c: &Connection, table: Table, ids: &str, pair: PairId) -> Result<HashSet<String>> {
    let sql = match table {
        Table::Milestone => "SELECT m.id FROM milestone m JOIN goal g ON g.id = m.goal_id
             WHERE m.id IN (SELECT value FROM json_each(?1)) AND g.pair_id = ?2"
            .to_string(),
        t => format!(
            "SELECT id FROM {} WHERE id IN (SELECT value FROM json_each(?1)) AND pair_id = ?2",
            t.name()
        ),
    };
    ids_among(c, &sql, params![ids, pair])
}

/// The field clocks of the rows `ids` of a table, by row.
fn clocks_among(
    c: &Connection,
    table: Table,
    ids: &str,
) -> Result<HashMap<String, HashMap<String, Clock>>> {
    let stamped = {
        let mut st = c.prepare_cached(
            "SELECT row_id, field, hlc, replica FROM field_clock
             WHERE row_id IN (SELECT value FROM json_each(?1)) AND tbl = ?2",
        )?;
        let rows = st.query_map(params![ids, table.name()], |r| {
            let hlc: String = r.get(2)?;
            Ok(((r.get(0)?, r.get(1)?), clock_from(&hlc, r.get(3)?)))
        })?;
        spread(table, rows)?
    };
    let mut clocks: HashMap<String, HashMap<String, Clock>> = HashMap::new();
    for ((id, field), clock) in stamped {
        clocks.entry(id).or_default().insert(field, clock);
    }
    Ok(clocks)
}

/// What the store holds for the incoming records of a link table (`a/b`
/// ids), read before they are merged, like [`Known`].
struct KnownLinks {
    /// Ends that are rows of this pair, of the first and the second table.
    a: HashSet<String>,
    b: HashSet<String>,
    /// Links present, as `a/b`.
    present: HashSet<String>,
    clocks: HashMap<String, HashMap<String, Clock>>,
}

impl KnownLinks {
    /// `key`: the table's [`Key::Link`] columns and tables.
    fn read(
        c: &Connection,
        table: Table,
        key: (&str, &str, Table, Table),
        records: &[&Record],
        pair: PairId,
    ) -> Result<KnownLinks> {
        let (a, b, ta, tb) = key;
        let ends: Vec<(&str, &str)> = records
            .iter()
            .filter_map(|r| r.id.split_once('/'))
            .collect();
        let xs = json_ids(ends.iter().map(|e| e.0))?;
        let ys = json_ids(ends.iter().map(|e| e.1))?;
        let present = ids_among(
            c,
            &format!(
                "SELECT {a} || '/' || {b} FROM {} WHERE {a} IN (SELECT value FROM json_each(?1))",
                table.name()
            ),
            params![xs],
        )?;
        Ok(KnownLinks {
            a: in_pair_among(c, ta, &xs, pair)?,
            b: in_pair_among(c, tb, &ys, pair)?,
            present,
            clocks: clocks_among(c, table, &json_ids(records.iter().map(|r| r.id.as_str()))?)?,
        })
    }
}

/// What the store holds for the incoming records of one id-keyed table,
/// read in a few statements before they are merged rather than in several
/// per record. It stays true for the whole table: merging one record
/// changes none of it for another (new rows and clocks are written after
/// the table, and a note that leaves is not looked at again).
struct Known {
    tombstoned: HashSet<String>,
    /// The pair's rows among them, with their values ([`columns`] order).
    local: HashMap<String, Vec<Val>>,
    /// Rows that exist, of this pair or another.
    existing: HashSet<String>,
    clocks: HashMap<String, HashMap<String, Clock>>,
    /// Rows of this pair the records refer to, by table.
    refs: HashMap<Table, HashSet<String>>,
}

impl Known {
    fn read(c: &Connection, table: Table, records: &[&Record], pair: PairId) -> Result<Known> {
        let ids = json_ids(records.iter().map(|r| r.id.as_str()))?;
        let tombstoned = ids_among(
            c,
            "SELECT row_id FROM tombstone WHERE row_id IN (SELECT value FROM json_each(?1)) AND tbl = ?2",
            params![ids, table.name()],
        )?;
        let existing = ids_among(
            c,
            &format!(
                "SELECT id FROM {} WHERE id IN (SELECT value FROM json_each(?1))",
                table.name()
            ),
            params![ids],
        )?;
        let n = table.fields().len();
        let sql = match table {
            Table::Milestone => format!(
                "SELECT m.id, {} FROM milestone m JOIN goal g ON g.id = m.goal_id
                 WHERE m.id IN (SELECT value FROM json_each(?1)) AND g.pair_id = ?2",
                columns(table, "m.")
            ),
            t => format!(
                "SELECT id, {} FROM {} WHERE id IN (SELECT value FROM json_each(?1)) AND pair_id = ?2",
                columns(t, ""),
                t.name()
            ),
        };
        let local = {
            let mut st = c.prepare_cached(&sql)?;
            let rows = st.query_map(params![ids, pair], |r| {
                Ok((r.get::<_, String>(0)?, read_vals(r, 1, n)?))
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let clocks = clocks_among(c, table, &ids)?;
        let mut refs = HashMap::new();
        for f in table.fields() {
            if let Ty::Ref(t) = f.ty {
                let ids: std::collections::BTreeSet<&str> = records
                    .iter()
                    .filter_map(|r| r.fields.get(f.name).and_then(|c| c.value.as_str()))
                    .collect();
                let ids = json_ids(ids.into_iter())?;
                let found = in_pair_among(c, t, &ids, pair)?;
                refs.entry(t).or_insert_with(HashSet::new).extend(found);
            }
        }
        Ok(Known {
            tombstoned,
            local,
            existing,
            clocks,
            refs,
        })
    }
}

fn refused(reason: String) -> crate::Error {
    super::frame::refused(format!("{reason}; nothing was imported"))
}

/// A file that names another pair's rows: refused, and said so.
fn of_another_pair(reason: String) -> crate::Error {
    super::frame::refused_as(
        crate::Refusal::OtherPair,
        format!("{reason}; nothing was imported"),
    )
}

/// Of `ids` (rows of `table`, or of its deletions and clocks), the first
/// that belongs to another pair than `pair` on this machine.
fn foreign(c: &Connection, table: Table, ids: &[&str], pair: PairId) -> Result<Option<String>> {
    if ids.is_empty() {
        return Ok(None);
    }
    let ids = json_ids(ids.iter().copied())?;
    let rows = match table.key() {
        Key::Id if table == Table::Milestone => {
            "SELECT m.id FROM milestone m JOIN goal g ON g.id = m.goal_id
             WHERE m.id IN (SELECT value FROM json_each(?1)) AND g.pair_id <> ?2"
                .to_string()
        }
        Key::Id if table != Table::Pair => format!(
            "SELECT id FROM {} WHERE id IN (SELECT value FROM json_each(?1)) AND pair_id <> ?2",
            table.name()
        ),
        _ => "SELECT NULL WHERE 0".to_string(),
    };
    let sql = format!(
        "{rows}
         UNION ALL SELECT row_id FROM tombstone
             WHERE tbl = ?3 AND row_id IN (SELECT value FROM json_each(?1)) AND pair_id <> ?2
         UNION ALL SELECT row_id FROM field_clock
             WHERE tbl = ?3 AND row_id IN (SELECT value FROM json_each(?1)) AND pair_id <> ?2
         LIMIT 1"
    );
    Ok(c.prepare_cached(&sql)?
        .query_row(params![ids, pair, table.name()], |r| r.get(0))
        .optional()?)
}

/// Every row, link end, deletion and conflict of a file must be of its own
/// pair: a row id that belongs to another pair here (one a partner in both
/// pairs knows) refuses the whole file.
fn check_scope(c: &Connection, incoming: &State, pair: PairId) -> Result<()> {
    let mut by_table: HashMap<Table, Vec<&str>> = HashMap::new();
    let add = |table: Table, id: &'_ str| -> Vec<(Table, String)> {
        let mut out = vec![(table, id.to_string())];
        match table.key() {
            Key::Link(_, _, ta, tb) => {
                if let Some((x, y)) = id.split_once('/') {
                    out.push((ta, x.to_string()));
                    out.push((tb, y.to_string()));
                }
            }
            Key::Confirmation => {
                if let Some((x, _)) = id.split_once('/') {
                    out.push((Table::Criterion, x.to_string()));
                }
            }
            Key::Id => {}
        }
        out
    };
    let mut all: Vec<(Table, String)> = Vec::new();
    for r in &incoming.records {
        if r.table != Table::Pair {
            all.extend(add(r.table, &r.id));
        }
    }
    for t in &incoming.tombstones {
        all.extend(add(t.table, &t.id));
    }
    for k in &incoming.conflicts {
        if k.table == Table::Pair {
            if k.id != pair.to_string() {
                return Err(of_another_pair(
                    "a conflict in the file names another pair".into(),
                ));
            }
        } else {
            all.extend(add(k.table, &k.id));
        }
    }
    for (t, id) in &all {
        by_table.entry(*t).or_default().push(id);
    }
    for (table, ids) in by_table {
        if let Some(id) = foreign(c, table, &ids, pair)? {
            return Err(of_another_pair(format!(
                "the file names a {} of another pair ({})",
                table.noun(),
                id.chars().take(36).collect::<String>()
            )));
        }
    }
    Ok(())
}

/// A file speaks only for its writer: it may not change this side's own
/// confirmation of a criterion (its date or its evidence), nor this side's
/// hours, nor carry a conflict about either. Anything else a file may
/// change is a shared field.
fn check_authority(c: &Connection, incoming: &State, ctx: &Ctx<'_>) -> Result<()> {
    let mine = ctx.my_role.as_str();
    let my_hours = format!("{mine}_hours");
    for r in incoming.records.iter().filter(|r| r.table == Table::Pair) {
        let Some(cell) = r.fields.get(my_hours.as_str()) else {
            continue;
        };
        let here: Val = c
            .prepare_cached("SELECT my_hours FROM pair WHERE id = ?1")?
            .query_row([ctx.pair], |row| Val::from_ref(row.get_ref(0)?))
            .optional()?
            .unwrap_or(Val::Null);
        let clocks = row_clocks(c, Table::Pair, &r.id)?;
        let newer = clocks
            .get(my_hours.as_str())
            .is_none_or(|l| cell.clock > *l);
        if newer && here != Val::Null && cell.value != here {
            return Err(refused(
                "the file changes the hours you can meet; only you set your own hours".into(),
            ));
        }
    }
    if incoming
        .conflicts
        .iter()
        .any(|k| k.table == Table::Pair && k.field == my_hours)
    {
        return Err(refused(
            "the file holds a conflict about the hours you can meet".into(),
        ));
    }
    for r in incoming
        .records
        .iter()
        .filter(|r| r.table == Table::Confirmation)
    {
        let Some((criterion, role)) = r.id.split_once('/') else {
            continue;
        };
        if role != mine {
            continue;
        }
        let local: Option<(Val, Val)> = c
            .prepare_cached(
                "SELECT met_on, evidence FROM criterion_confirmation WHERE criterion_id = ?1 AND role = ?2",
            )?
            .query_row([criterion, role], |row| {
                Ok((Val::from_ref(row.get_ref(0)?)?, Val::from_ref(row.get_ref(1)?)?))
            })
            .optional()?;
        let clocks = row_clocks(c, Table::Confirmation, &r.id)?;
        for (&name, cell) in &r.fields {
            let here = match (&local, name) {
                (Some((m, _)), "met_on") => m.clone(),
                (Some((_, e)), _) => e.clone(),
                (None, _) => Val::Null,
            };
            let newer = clocks.get(name).is_none_or(|l| cell.clock > *l);
            if newer && cell.value != here {
                return Err(refused(format!(
                    "the file changes your own confirmation of the criterion “{}” ({}); \
                     only you confirm for your side",
                    criterion_text(c, criterion)?,
                    if name == "met_on" {
                        "whether and when it was met"
                    } else {
                        "its evidence"
                    }
                )));
            }
        }
    }
    for t in incoming
        .tombstones
        .iter()
        .filter(|t| t.table == Table::Criterion)
    {
        let confirmed: bool = c
            .prepare_cached(
                "SELECT 1 FROM criterion_confirmation WHERE criterion_id = ?1 AND role = ?2 AND met_on IS NOT NULL",
            )?
            .query_row([t.id.as_str(), mine], |_| Ok(()))
            .optional()?
            .is_some();
        if confirmed {
            return Err(refused(format!(
                "the file deletes the criterion “{}”, which you confirmed; if you both mean to drop it, \
                 unmark it here and import the file again",
                criterion_text(c, &t.id)?
            )));
        }
    }
    for k in &incoming.conflicts {
        if k.table == Table::Confirmation && k.id.ends_with(&format!("/{mine}")) {
            return Err(refused(
                "the file holds a conflict about your own confirmation of a criterion".into(),
            ));
        }
    }
    Ok(())
}

fn criterion_text(c: &Connection, id: &str) -> Result<String> {
    let t: Option<String> = c
        .prepare_cached("SELECT text FROM criterion WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    Ok(t.map_or_else(|| id.to_string(), |t| t.chars().take(60).collect()))
}

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

/// `rows` as one parameter, a JSON array of arrays, for an INSERT that
/// reads them with `jsonb_each(?1)` (`value ->> 0`, `value ->> 1`, …): one
/// statement for many rows. Each statement is a savepoint, and at every
/// savepoint the full-text index writes its pending terms out as a segment
/// of its own: a statement per record wrote (and then merged) one tiny
/// segment per record. JSON keeps the types of [`Val`] (text, integer, null).
fn json_rows<T: serde::Serialize>(rows: &[T]) -> Result<String> {
    serde_json::to_string(rows)
        .map_err(|e| crate::Error::Storage(rusqlite::Error::ToSqlConversionFailure(Box::new(e))))
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

struct Merge<'a, 'c> {
    c: &'c Connection,
    ctx: &'a Ctx<'a>,
    out: Outcome,
    /// New rows, written together by [`Merge::flush_rows`] before the next
    /// table's records are merged (which may refer to them).
    rows: Vec<NewRow<'a>>,
    /// New links (table, first end, second end), written with the rows.
    links: Vec<(Table, &'a str, &'a str)>,
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
            let of_table: Vec<(&str, &str)> = links
                .iter()
                .filter(|l| l.0 == table)
                .map(|l| (l.1, l.2))
                .collect();
            if of_table.is_empty() {
                continue;
            }
            self.c
                .prepare_cached(&format!(
                    "INSERT INTO {} ({a}, {b}) SELECT value ->> 0, value ->> 1 FROM jsonb_each(?1)",
                    table.name()
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
                       OR substr(row_id, 38) NOT IN (SELECT id FROM goal))))",
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

    fn link(&mut self, r: &'a Record, known: &mut KnownLinks) -> Result<()> {
        let Key::Link(a, b, _, _) = r.table.key() else {
            return Ok(());
        };
        let Some((x, y)) = r.id.split_once('/') else {
            return Ok(());
        };
        if !known.a.contains(x) || !known.b.contains(y) {
            return Ok(());
        }
        let Some(cell) = r.fields.get("present") else {
            return Ok(());
        };
        let present = known.present.contains(&r.id);
        let clocks = known.clocks.remove(&r.id).unwrap_or_default();
        let local = clocks
            .get("present")
            .cloned()
            .or_else(|| present.then(|| zero(self.ctx.me)));
        if local.as_ref().is_some_and(|l| cell.clock <= *l) {
            return Ok(());
        }
        let want = cell.value == Val::Int(1);
        if want && !present {
            self.links.push((r.table, x, y));
            self.out.inserted += 1;
        } else if !want && present {
            self.c
                .prepare_cached(&format!(
                    "DELETE FROM {} WHERE {a} = ?1 AND {b} = ?2",
                    r.table.name()
                ))?
                .execute([x, y])?;
            self.out.deleted += 1;
        }
        self.set_clock(r.table, &r.id, "present", &cell.clock)
    }

    fn confirmation(&mut self, r: &'a Record) -> Result<()> {
        let Some((criterion, role)) = r.id.split_once('/') else {
            return Ok(());
        };
        if role == self.ctx.my_role.as_str() {
            // My own confirmation, as the partner last saw it: only I change
            // it (`check_authority` refused any file that would).
            return Ok(());
        }
        if !in_pair(self.c, Table::Criterion, criterion, self.pair_id())? {
            return Ok(());
        }
        let local: Option<(Val, Val)> = self
            .c
            .prepare_cached(
                "SELECT met_on, evidence FROM criterion_confirmation WHERE criterion_id = ?1 AND role = ?2",
            )?
            .query_row([criterion, role], |row| {
                Ok((Val::from_ref(row.get_ref(0)?)?, Val::from_ref(row.get_ref(1)?)?))
            })
            .optional()?;
        let clocks = row_clocks(self.c, Table::Confirmation, &r.id)?;
        let (mut met_on, mut evidence) = local.clone().unwrap_or((Val::Null, Val::Null));
        let mut changed = false;
        for (&name, cell) in &r.fields {
            let Some(field) = Table::Confirmation.field(name) else {
                continue;
            };
            let slot = if name == "met_on" {
                &mut met_on
            } else {
                &mut evidence
            };
            let lc = clocks
                .get(name)
                .cloned()
                .or_else(|| local.as_ref().map(|_| zero(self.ctx.me)));
            if lc.as_ref().is_none_or(|l| cell.clock > *l) {
                if cell.value != *slot {
                    if let Some(l) = &lc {
                        if self.concurrent(field, l, &cell.clock) {
                            let old = slot.clone();
                            self.keep_loser(Table::Confirmation, &r.id, name, &old, l, "mine")?;
                        }
                    }
                    *slot = cell.value.clone();
                    changed = true;
                }
                self.set_clock(Table::Confirmation, &r.id, name, &cell.clock)?;
            } else if let Some(l) = &lc {
                if cell.clock < *l && cell.value != *slot && self.concurrent(field, l, &cell.clock)
                {
                    self.keep_loser(
                        Table::Confirmation,
                        &r.id,
                        name,
                        &cell.value,
                        &cell.clock,
                        "theirs",
                    )?;
                }
            }
        }
        if !changed && local.is_some() {
            return Ok(());
        }
        self.c
            .prepare_cached(
                "INSERT INTO criterion_confirmation (criterion_id, role, met_on, evidence) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (criterion_id, role) DO UPDATE SET met_on = excluded.met_on, evidence = excluded.evidence",
            )?
            .execute(params![criterion, role, met_on, evidence])?;
        if local.is_some() {
            self.out.updated += 1;
        } else {
            self.out.inserted += 1;
        }
        Ok(())
    }
}
