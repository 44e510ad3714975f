//! Fields both partners changed since they last synced: the value that
//! lost is kept as a [`SyncConflict`] to review ([`conflicts`]) and settle
//! ([`resolve`]).

use crate::error::FileKind;
use crate::error::{Clash, KeepSide};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::schema::{Table, Val};
use crate::id::PairId;
use crate::pair::{self, Role};
use crate::{time, Db, Error, Reason, Result};

/// Whose value lost a conflict, or which one a person kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Side {
    Mine,
    Theirs,
}

crate::sql_enum::sql_enum!(Side {
    Mine => "mine",
    Theirs => "theirs",
});

impl Side {
    pub fn parse(s: &str) -> Result<Side> {
        match s.trim().to_ascii_lowercase().as_str() {
            "mine" => Ok(Side::Mine),
            "theirs" => Ok(Side::Theirs),
            _ => Err(Error::invalid(
                "keep",
                Reason::NotAChoice {
                    value: s.to_owned(),
                    choices: ["mine", "theirs"].map(String::from).to_vec(),
                },
            )),
        }
    }
}

/// A field both partners changed since they last synced. The value that
/// won is in the data; the one that lost is kept here until resolved.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SyncConflict {
    #[ts(type = "number")]
    pub id: i64,
    pub pair_id: PairId,
    /// What kind of thing: goal, meeting, action item, note, …
    pub item: String,
    pub item_id: String,
    /// A few words that name the thing (a goal's title, a meeting's start).
    pub label: String,
    pub field: String,
    /// The value in the data now; `null` when the item is gone.
    #[ts(type = "string | number | null")]
    pub current: serde_json::Value,
    /// The value that lost.
    #[ts(type = "string | number | null")]
    pub lost: serde_json::Value,
    pub lost_side: Side,
    pub detected_at: String,
    pub resolved_at: Option<String>,
    pub resolution: Option<Side>,
}

fn label(c: &Connection, table: Table, id: &str) -> Result<String> {
    let sql = match table {
        Table::Pair => return Ok("pair settings".into()),
        Table::Goal => "SELECT title FROM goal WHERE id = ?1",
        Table::Criterion => "SELECT text FROM criterion WHERE id = ?1",
        Table::Meeting => "SELECT substr(starts_at, 1, 16) FROM meeting WHERE id = ?1",
        Table::Milestone => "SELECT text FROM milestone WHERE id = ?1",
        Table::ActionItem => "SELECT text FROM action_item WHERE id = ?1",
        Table::Note => "SELECT body FROM note WHERE id = ?1",
        Table::Confirmation => "SELECT text FROM criterion WHERE id = substr(?1, 1, 36)",
        Table::GoalCriterion | Table::MeetingGoal | Table::MeetingAction => {
            return Ok(String::new())
        }
    };
    let s: Option<String> = c
        .prepare_cached(sql)?
        .query_row([id], |r| r.get(0))
        .optional()?;
    Ok(s.map(|s| {
        let first = s.lines().next().unwrap_or_default();
        first.chars().take(60).collect()
    })
    .unwrap_or_else(|| "(no longer here)".into()))
}

/// Where a synced field lives in the store: table, key column, column.
fn location(table: Table, field: &str, role: Role) -> (&'static str, &'static str, String) {
    match table {
        Table::Pair => {
            let col = match (field, role) {
                ("mentor_tz", Role::Mentor) | ("mentee_tz", Role::Mentee) => "my_tz".to_string(),
                ("mentor_tz", Role::Mentee) | ("mentee_tz", Role::Mentor) => {
                    "partner_tz".to_string()
                }
                ("mentor_hours", Role::Mentor) | ("mentee_hours", Role::Mentee) => {
                    "my_hours".to_string()
                }
                ("mentor_hours", Role::Mentee) | ("mentee_hours", Role::Mentor) => {
                    "partner_hours".to_string()
                }
                (f, _) => f.to_string(),
            };
            ("pair", "id", col)
        }
        t => (t.name(), "id", field.to_string()),
    }
}

fn current_value(c: &Connection, table: Table, id: &str, field: &str, role: Role) -> Result<Val> {
    if table.field(field).is_none() {
        return Ok(Val::Null);
    }
    let v = match table {
        Table::Confirmation => {
            let Some((crit, r)) = id.split_once('/') else {
                return Ok(Val::Null);
            };
            let col = if field == "met_on" {
                "met_on"
            } else {
                "evidence"
            };
            c.prepare_cached(&format!(
                "SELECT {col} FROM criterion_confirmation WHERE criterion_id = ?1 AND role = ?2"
            ))?
            .query_row([crit, r], |row| Val::from_ref(row.get_ref(0)?))
            .optional()?
        }
        Table::GoalCriterion | Table::MeetingGoal | Table::MeetingAction => None,
        t => {
            let (tbl, key, col) = location(t, field, role);
            c.prepare_cached(&format!("SELECT {col} FROM {tbl} WHERE {key} = ?1"))?
                .query_row([id], |row| Val::from_ref(row.get_ref(0)?))
                .optional()?
        }
    };
    Ok(v.unwrap_or(Val::Null))
}

fn conflict_from_row(c: &Connection, r: &rusqlite::Row<'_>) -> Result<SyncConflict> {
    let pair_id: PairId = r.get(1)?;
    let tbl: String = r.get(2)?;
    let row_id: String = r.get(3)?;
    let field: String = r.get(4)?;
    let value: String = r.get(5)?;
    let table = Table::parse(&tbl).ok_or_else(|| Error::Format {
        file: FileKind::SyncConflict,
        what: "a sync conflict".into(),
        reason: format!("'{tbl}' is not a table that syncs"),
    })?;
    let role = pair::load(c, pair_id)?.my_role;
    Ok(SyncConflict {
        id: r.get(0)?,
        pair_id,
        item: table.noun().to_string(),
        item_id: row_id.clone(),
        label: label(c, table, &row_id)?,
        current: current_value(c, table, &row_id, &field, role)?.to_json(),
        lost: serde_json::from_str(&value).unwrap_or(serde_json::Value::Null),
        lost_side: r.get(6)?,
        field,
        detected_at: r.get(7)?,
        resolved_at: r.get(8)?,
        resolution: r.get(9)?,
    })
}

const CONFLICT_COLUMNS: &str =
    "id, pair_id, tbl, row_id, field, value, lost, detected_at, resolved_at, resolution";

/// A pair's conflicts, newest first: open ones only, or all.
pub fn conflicts(db: &Db, pair_id: PairId, include_resolved: bool) -> Result<Vec<SyncConflict>> {
    db.read(|c| {
        pair::load(c, pair_id)?;
        let mut st = c.prepare_cached(&format!(
            "SELECT {CONFLICT_COLUMNS} FROM sync_conflict WHERE pair_id = ?1 AND (?2 OR resolved_at IS NULL)
             ORDER BY id DESC"
        ))?;
        let mut rows = st.query(params![pair_id, include_resolved])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(conflict_from_row(c, r)?);
        }
        Ok(out)
    })
}

fn load_conflict(c: &Connection, id: i64) -> Result<SyncConflict> {
    let mut st = c.prepare_cached(&format!(
        "SELECT {CONFLICT_COLUMNS} FROM sync_conflict WHERE id = ?1"
    ))?;
    let mut rows = st.query([id])?;
    match rows.next()? {
        Some(r) => conflict_from_row(c, r),
        None => Err(Error::not_found("conflict", id.to_string())),
    }
}

/// Settle a conflict. Keeping the value that won changes nothing but the
/// conflict; keeping the one that lost writes it again as a new change of
/// mine, which then wins on both sides at the next exchange.
pub fn resolve(db: &Db, id: i64, keep: Side) -> Result<SyncConflict> {
    db.write(|tx| {
        let k = load_conflict(tx, id)?;
        if k.resolved_at.is_some() {
            return Err(Error::Conflict(Clash::ConflictResolved {
                id: id.to_string(),
            }));
        }
        if keep == k.lost_side {
            let table = Table::parse(&tbl_of(tx, id)?)
                .ok_or_else(|| Error::Conflict(Clash::ConflictOfUnknownKind))?;
            let v = Val::from_json(&k.lost).unwrap_or(Val::Null);
            let role = pair::load(tx, k.pair_id)?.my_role;
            let local_only: bool = tx
                .prepare_cached("SELECT local_only FROM sync_conflict WHERE id = ?1")?
                .query_row([id], |r| r.get(0))?;
            let shared_note: bool = tx
                .prepare_cached("SELECT visibility = 'shared' FROM note WHERE id = ?1")?
                .query_row([&k.item_id], |r| r.get(0))
                .optional()?
                .unwrap_or(false);
            if local_only && shared_note {
                return Err(Error::Conflict(Clash::WouldShareText));
            }
            let now = time::stamp(time::now());
            let n = match table {
                Table::Confirmation => {
                    let (crit, r) = k.item_id.split_once('/').unwrap_or_default();
                    let col = if k.field == "met_on" { "met_on" } else { "evidence" };
                    tx.execute(
                        &format!(
                            "UPDATE criterion_confirmation SET {col} = ?3 WHERE criterion_id = ?1 AND role = ?2"
                        ),
                        params![crit, r, v],
                    )?
                }
                Table::GoalCriterion | Table::MeetingGoal | Table::MeetingAction => 0,
                t if t.field(&k.field).is_some() => {
                    let (tbl, key, col) = location(t, &k.field, role);
                    // Only a row of the conflict's own pair.
                    let scope = match t {
                        Table::Pair => "id = ?3",
                        Table::Milestone => "goal_id IN (SELECT id FROM goal WHERE pair_id = ?3)",
                        _ => "pair_id = ?3",
                    };
                    let n = tx.execute(
                        &format!("UPDATE {tbl} SET {col} = ?2 WHERE {key} = ?1 AND {scope}"),
                        params![k.item_id, v, k.pair_id],
                    )?;
                    if n > 0 && (t == Table::Pair || t.field("updated_at").is_some()) {
                        tx.execute(
                            &format!("UPDATE {tbl} SET updated_at = ?2 WHERE {key} = ?1"),
                            params![k.item_id, now],
                        )?;
                    }
                    n
                }
                _ => 0,
            };
            if n == 0 {
                return Err(Error::Conflict(Clash::ConflictItemGone {
                    item: k.item.clone(),
                    keep: if keep == Side::Mine {
                        KeepSide::Theirs
                    } else {
                        KeepSide::Mine
                    },
                }));
            }
        }
        tx.prepare_cached("UPDATE sync_conflict SET resolved_at = ?2, resolution = ?3 WHERE id = ?1")?
            .execute(params![id, time::stamp(time::now()), keep.as_str()])?;
        load_conflict(tx, id)
    })
}

fn tbl_of(c: &Connection, id: i64) -> Result<String> {
    Ok(
        c.prepare_cached("SELECT tbl FROM sync_conflict WHERE id = ?1")?
            .query_row([id], |r| r.get(0))?,
    )
}
