//! A pair's shared state as records of stamped fields, read from the store
//! ([`collect`]) and merged into it ([`apply`]): per field, the value with
//! the greater (clock, replica) wins; tombstones win over everything.
//! Before a merge writes anything, `check` refuses a state that names
//! another pair's rows or changes what the writer's role may not, and
//! `known` reads what the store holds of the incoming records.

mod apply;
mod check;
mod collect;
mod known;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use rusqlite::{params, Connection};

use super::clock::Hlc;
use super::schema::{Table, Val};
use crate::pair::Role;
use crate::Result;

pub(crate) use apply::{apply, Ctx, Outcome};
pub(crate) use collect::collect;

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

fn read_vals(r: &rusqlite::Row<'_>, from: usize, n: usize) -> rusqlite::Result<Vec<Val>> {
    (from..from + n)
        .map(|i| Val::from_ref(r.get_ref(i)?))
        .collect()
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
