//! The checks an incoming state passes before anything is merged: every row
//! it names belongs to the pair ([`check_scope`]), and each side changes only
//! what its role may ([`check_authority`]).

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};

use super::apply::Ctx;
use super::known::json_ids;
use super::{row_clocks, State};
use crate::id::PairId;
use crate::sync::schema::{Key, Table, Val};
use crate::Result;

fn refused(reason: String) -> crate::Error {
    crate::sync::frame::refused(format!("{reason}; nothing was imported"))
}

/// A file that names another pair's rows: refused, and said so.
fn of_another_pair(reason: String) -> crate::Error {
    crate::sync::frame::refused_as(
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
pub(super) fn check_scope(c: &Connection, incoming: &State, pair: PairId) -> Result<()> {
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
pub(super) fn check_authority(c: &Connection, incoming: &State, ctx: &Ctx<'_>) -> Result<()> {
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
