//! Reading a pair's shared state from the store ([`collect`]): the shared
//! rows with their field clocks, notes taken back, links removed, and
//! tombstones. Private notes are never read.

use std::collections::{BTreeMap, HashSet};

use rusqlite::{params, Connection};

use super::known::in_pair;
use super::{
    clock_from, columns, pair_column, read_vals, spread, zero, Cell, Clock, Clocks, Lost, Record,
    State, Tomb,
};
use crate::id::PairId;
use crate::pair::Role;
use crate::sync::schema::{Key, Table, Val};
use crate::Result;

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

    for table in [
        Table::GoalCriterion,
        Table::MeetingGoal,
        Table::MeetingAction,
    ] {
        let Key::Link(a, b, ta, tb) = table.key() else {
            continue;
        };
        let clocks = table_clocks(c, pair, table)?;
        // A present link's fields after `present` (`closed_here`), as stored.
        let more = &table.fields()[1..];
        let extra: String = more.iter().map(|f| format!(", l.{}", f.name)).collect();
        let sql = format!(
            "SELECT l.{a} || '/' || l.{b}{extra} FROM {} l JOIN {} p ON p.id = l.{a} WHERE p.pair_id = ?1 ORDER BY 1",
            table.name(),
            ta.name()
        );
        let present: Vec<(String, Vec<Val>)> = {
            let mut st = c.prepare_cached(&sql)?;
            let rows = st.query_map([pair], |r| Ok((r.get(0)?, read_vals(r, 1, more.len())?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut absent: Vec<(&String, &Clock)> = Vec::new();
        let known: HashSet<&String> = present.iter().map(|(id, _)| id).collect();
        for ((id, field), clock) in &clocks {
            if field == "present" && !known.contains(id) {
                if let Some((x, y)) = id.split_once('/') {
                    if in_pair(c, ta, x, pair)? && in_pair(c, tb, y, pair)? {
                        absent.push((id, clock));
                    }
                }
            }
        }
        absent.sort();
        for (id, vals) in present {
            let clock_of = |field: &str| {
                clocks
                    .get(&(id.clone(), field.to_string()))
                    .cloned()
                    .unwrap_or_else(|| zero(me))
            };
            let mut rec = link_record(table, id.clone(), 1, clock_of("present"));
            for (f, value) in more.iter().zip(vals) {
                let clock = clock_of(f.name);
                rec.fields.insert(f.name, Cell { value, clock });
            }
            out.records.push(rec);
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
