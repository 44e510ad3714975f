//! The Trash (issue 14): deleting a note, goal, meeting, action item or
//! graduation criterion moves it here, with the rows that went with it (a
//! goal's milestones and links, a criterion's confirmations), for
//! [`KEEP_DAYS`] days. From here it can be restored, or deleted permanently.
//!
//! **Deleted permanently means gone from every file under the data folder**
//! ([`purge`], [`empty`], and [`expire`] for items older than
//! [`KEEP_DAYS`]):
//! - the database: its row in the Trash is deleted with `secure_delete` on
//!   (SQLite overwrites the freed bytes), the full-text index keeps no trace
//!   (FTS5 `secure-delete`, see [`crate::search`]), and the sync conflict
//!   history of the item and of every row that went with it is deleted;
//! - the WAL: checkpointed into the database file and truncated to zero, so
//!   no older page image with the text remains;
//! - every backup: rewritten without the item, its conflict history and any
//!   draft whose text is part of its text, then compacted (`VACUUM`), checked
//!   (`integrity_check`) and put in place of the old one by an atomic rename,
//!   so each backup stays whole and restorable (see [`crate::backup`]).
//!
//! A shared item that is deleted leaves a tombstone for the partner (see
//! `docs/sync-format.md`): ids and clocks, no text. A shared item restored
//! after its tombstone was made comes back under a new id, as a new item,
//! since a tombstone wins over any later edit on the partner's side.

use crate::error::Clash;
use crate::error::FileKind;
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::types::{Value as SqlValue, ValueRef};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::id::{PairId, TrashId};
use crate::{pair, time, Db, Error, Result};

/// How long a deleted item can be restored.
pub const KEEP_DAYS: i64 = 30;

/// What kind of item is in the Trash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TrashKind {
    Note,
    Goal,
    Meeting,
    Action,
    Criterion,
}

/// Where an item of a kind lives, and what goes with it.
struct Spec {
    /// Its table.
    table: &'static str,
    /// The column that names it in the Trash list.
    label: &'static str,
    /// Rows deleted with it (by foreign-key cascade): table and the column
    /// that points at it.
    children: &'static [(&'static str, &'static str)],
    /// Rows that stay but lose their link to it (`ON DELETE SET NULL`):
    /// relinked on restore.
    links: &'static [(&'static str, &'static str)],
}

crate::sql_enum::sql_enum!(TrashKind {
    Note => "note",
    Goal => "goal",
    Meeting => "meeting",
    Action => "action",
    Criterion => "criterion",
});

impl TrashKind {
    fn spec(self) -> Spec {
        match self {
            TrashKind::Note => Spec {
                table: "note",
                label: "body",
                children: &[],
                links: &[],
            },
            TrashKind::Action => Spec {
                table: "action_item",
                label: "text",
                children: &[("meeting_action", "action_id")],
                links: &[],
            },
            TrashKind::Goal => Spec {
                table: "goal",
                label: "title",
                children: &[
                    ("milestone", "goal_id"),
                    ("goal_criterion", "goal_id"),
                    ("meeting_goal", "goal_id"),
                ],
                links: &[("note", "goal_id")],
            },
            TrashKind::Meeting => Spec {
                table: "meeting",
                label: "starts_at",
                children: &[
                    ("meeting_goal", "meeting_id"),
                    ("meeting_action", "meeting_id"),
                ],
                links: &[("action_item", "meeting_id"), ("note", "meeting_id")],
            },
            TrashKind::Criterion => Spec {
                table: "criterion",
                label: "text",
                children: &[
                    ("goal_criterion", "criterion_id"),
                    ("criterion_confirmation", "criterion_id"),
                ],
                links: &[],
            },
        }
    }
}

/// One item in the Trash.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TrashItem {
    pub id: TrashId,
    pub pair_id: PairId,
    pub kind: TrashKind,
    /// The id the item had.
    pub item_id: String,
    /// Its first line (a meeting: when it was), for the list.
    pub label: String,
    #[ts(type = "string")]
    pub deleted_at: DateTime<Utc>,
    /// When it is deleted permanently unless restored first.
    #[ts(type = "string")]
    pub purge_after: DateTime<Utc>,
}

/// What a restore brought back.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RestoredItem {
    pub pair_id: PairId,
    pub kind: TrashKind,
    /// The id it has now: the old one, or a new one for a shared item whose
    /// deletion the partner may already have (see the module docs).
    pub item_id: String,
}

/// What a permanent delete did.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Purged {
    /// Items deleted permanently.
    pub items: u32,
    /// Backups rewritten without them.
    pub backups_rewritten: u32,
}

/// The rows an item took with it into the Trash.
#[derive(Debug, Serialize, Deserialize)]
struct Payload {
    /// The item's row first, then the rows deleted with it.
    rows: Vec<SavedRow>,
    /// Rows that lost their link to it: (table, row id, column).
    links: Vec<(String, String, String)>,
}

#[derive(Debug, Serialize, Deserialize)]
struct SavedRow {
    table: String,
    values: Map<String, Value>,
}

// ------------------------------------------------------------- deleting --

/// Move an item into the Trash inside the caller's write transaction: save
/// its rows, then delete it (its children go by cascade). The caller has
/// checked that it exists.
pub(crate) fn put(tx: &Transaction<'_>, kind: TrashKind, item_id: &str) -> Result<TrashItem> {
    let spec = kind.spec();
    let mut rows = rows_where(tx, spec.table, "id", item_id)?;
    let Some(root) = rows.first() else {
        return Err(Error::not_found(kind.as_str(), item_id));
    };
    let pair_id: PairId = root
        .values
        .get("pair_id")
        .and_then(Value::as_str)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| {
            Error::Conflict(Clash::NoPair {
                what: kind.as_str().to_owned(),
            })
        })?;
    let label = label_of(kind, root.values.get(spec.label));
    for (table, column) in spec.children {
        rows.extend(rows_where(tx, table, column, item_id)?);
    }
    let mut links = Vec::new();
    for (table, column) in spec.links {
        let mut st = tx.prepare_cached(&format!("SELECT id FROM {table} WHERE {column} = ?1"))?;
        let ids = st.query_map([item_id], |r| r.get::<_, String>(0))?;
        for id in ids {
            links.push((table.to_string(), id?, column.to_string()));
        }
    }
    let payload = serde_json::to_string(&Payload { rows, links }).map_err(|e| {
        Error::Conflict(Clash::TrashCannotKeep {
            detail: e.to_string(),
        })
    })?;
    tx.execute(
        &format!("DELETE FROM {} WHERE id = ?1", spec.table),
        [item_id],
    )?;
    let now = time::now();
    let item = TrashItem {
        id: TrashId::new(),
        pair_id,
        kind,
        item_id: item_id.to_string(),
        label,
        deleted_at: now,
        purge_after: purge_after(now),
    };
    tx.prepare_cached(
        "INSERT INTO trash (id, pair_id, kind, item_id, label, rows, deleted_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        item.id,
        item.pair_id,
        kind.as_str(),
        item.item_id,
        item.label,
        payload,
        time::stamp(now)
    ])?;
    Ok(item)
}

fn purge_after(deleted_at: DateTime<Utc>) -> DateTime<Utc> {
    deleted_at + chrono::Duration::days(KEEP_DAYS)
}

fn label_of(kind: TrashKind, v: Option<&Value>) -> String {
    let s = v.and_then(Value::as_str).unwrap_or_default();
    if kind == TrashKind::Meeting {
        // `2026-03-01T10:15:00.000Z` → `2026-03-01 10:15 UTC`
        return format!("{} UTC", s.get(..16).unwrap_or(s).replace('T', " "));
    }
    let first = s.lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
    first.trim().chars().take(80).collect()
}

/// Every row of `table` whose `column` is `value`, every column as JSON.
/// (Table and column names are this module's constants, never input.)
fn rows_where(c: &Connection, table: &str, column: &str, value: &str) -> Result<Vec<SavedRow>> {
    let mut st = c.prepare_cached(&format!("SELECT * FROM {table} WHERE {column} = ?1"))?;
    let names: Vec<String> = st.column_names().iter().map(|s| s.to_string()).collect();
    let mut rows = st.query([value])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let mut values = Map::new();
        for (i, name) in names.iter().enumerate() {
            let v = match r.get_ref(i)? {
                ValueRef::Null => Value::Null,
                ValueRef::Integer(n) => Value::from(n),
                ValueRef::Real(f) => Value::from(f),
                ValueRef::Text(t) => Value::from(String::from_utf8_lossy(t).into_owned()),
                ValueRef::Blob(_) => {
                    return Err(Error::Conflict(Clash::TrashCannotKeepBytes {
                        column: format!("{table}.{name}"),
                    }))
                }
            };
            values.insert(name.clone(), v);
        }
        out.push(SavedRow {
            table: table.to_string(),
            values,
        });
    }
    Ok(out)
}

// -------------------------------------------------------------- reading --

const COLUMNS: &str = "id, pair_id, kind, item_id, label, deleted_at";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<TrashItem> {
    let deleted_at: DateTime<Utc> = r.get(5)?;
    Ok(TrashItem {
        id: r.get(0)?,
        pair_id: r.get(1)?,
        kind: r.get(2)?,
        item_id: r.get(3)?,
        label: r.get(4)?,
        deleted_at,
        purge_after: purge_after(deleted_at),
    })
}

/// A pair's Trash, most recently deleted first.
pub fn list(db: &Db, pair_id: PairId) -> Result<Vec<TrashItem>> {
    db.read(|c| {
        pair::load(c, pair_id)?;
        let mut st = c.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM trash WHERE pair_id = ?1 ORDER BY deleted_at DESC, id DESC"
        ))?;
        let rows = st.query_map([pair_id], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    })
}

/// Everything in the Trash, of every pair, most recently deleted first.
pub fn list_all(db: &Db) -> Result<Vec<TrashItem>> {
    db.read(|c| {
        let mut st = c.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM trash ORDER BY deleted_at DESC, id DESC"
        ))?;
        let rows = st.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    })
}

pub fn get(db: &Db, id: TrashId) -> Result<TrashItem> {
    db.read(|c| load(c, id))
}

fn load(c: &Connection, id: TrashId) -> Result<TrashItem> {
    c.prepare_cached(&format!("SELECT {COLUMNS} FROM trash WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| Error::not_found(TrashId::WHAT, id.to_string()))
}

// ------------------------------------------------------------ restoring --

/// Put an item back where it was, with what went with it. Links to things
/// deleted since are left empty (a note stays, unattached); a link row
/// whose other end is gone is not restored.
pub fn restore(db: &Db, id: TrashId) -> Result<RestoredItem> {
    let restored = db.write(|tx| {
        let item = load(tx, id)?;
        let payload: String =
            tx.query_row("SELECT rows FROM trash WHERE id = ?1", [id], |r| r.get(0))?;
        let payload: Payload = serde_json::from_str(&payload).map_err(|e| Error::Format {
            file: FileKind::Trash,
            what: "the Trash".into(),
            reason: format!("an item cannot be read back ({e})"),
        })?;
        // A row whose deletion left a tombstone comes back under a new id.
        let mut new_ids: HashMap<String, String> = HashMap::new();
        for row in &payload.rows {
            if let Some(old) = row.values.get("id").and_then(Value::as_str) {
                let tomb: bool = tx
                    .prepare_cached(
                        "SELECT EXISTS (SELECT 1 FROM tombstone WHERE tbl = ?1 AND row_id = ?2)",
                    )?
                    .query_row([&row.table, old], |r| r.get(0))?;
                if tomb {
                    new_ids.insert(old.to_string(), Uuid::now_v7().to_string());
                }
            }
        }
        let map = |v: &Value| match v.as_str().and_then(|s| new_ids.get(s)) {
            Some(new) => Value::from(new.clone()),
            None => v.clone(),
        };
        for row in &payload.rows {
            let values: Vec<(String, Value)> = row
                .values
                .iter()
                .map(|(k, v)| (k.clone(), map(v)))
                .collect();
            insert_row(tx, &row.table, values)?;
        }
        let item_id = new_ids
            .get(&item.item_id)
            .cloned()
            .unwrap_or_else(|| item.item_id.clone());
        for (table, row_id, column) in &payload.links {
            tx.execute(
                &format!("UPDATE {table} SET {column} = ?1 WHERE id = ?2 AND {column} IS NULL"),
                params![item_id, row_id],
            )?;
        }
        tx.execute("DELETE FROM trash WHERE id = ?1", [id])?;
        Ok(RestoredItem {
            pair_id: item.pair_id,
            kind: item.kind,
            item_id,
        })
    })?;
    // An action item back, with its due date.
    crate::calendar::follow(db, restored.pair_id);
    Ok(restored)
}

/// Insert a saved row as it was; a foreign key to a row that is gone is
/// left empty when it may be, else the row is skipped.
fn insert_row(tx: &Transaction<'_>, table: &str, mut values: Vec<(String, Value)>) -> Result<()> {
    let fks: Vec<(String, String, String)> = {
        let mut st = tx.prepare_cached(&format!(
            "SELECT \"table\", \"from\", \"to\" FROM pragma_foreign_key_list('{table}')"
        ))?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let nullable: Vec<String> = {
        let mut st = tx.prepare_cached(&format!(
            "SELECT name FROM pragma_table_info('{table}') WHERE \"notnull\" = 0"
        ))?;
        let rows = st.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (parent, from, to) in fks {
        let Some(slot) = values.iter_mut().find(|(k, _)| *k == from) else {
            continue;
        };
        let Some(key) = slot.1.as_str() else {
            continue;
        };
        let there: bool = tx
            .prepare_cached(&format!(
                "SELECT EXISTS (SELECT 1 FROM {parent} WHERE {to} = ?1)"
            ))?
            .query_row([key], |r| r.get(0))?;
        if !there {
            if nullable.contains(&from) {
                slot.1 = Value::Null;
            } else {
                return Ok(());
            }
        }
    }
    let columns: Vec<&str> = values.iter().map(|(k, _)| k.as_str()).collect();
    let marks: Vec<String> = (1..=values.len()).map(|i| format!("?{i}")).collect();
    let sql = format!(
        "INSERT INTO {table} ({}) VALUES ({})",
        columns.join(", "),
        marks.join(", ")
    );
    let params: Vec<SqlValue> = values.iter().map(|(_, v)| to_sql(v)).collect();
    tx.prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(params))?;
    Ok(())
}

fn to_sql(v: &Value) -> SqlValue {
    match v {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(i64::from(*b)),
        Value::Number(n) => match n.as_i64() {
            Some(i) => SqlValue::Integer(i),
            None => SqlValue::Real(n.as_f64().unwrap_or_default()),
        },
        Value::String(s) => SqlValue::Text(s.clone()),
        other => SqlValue::Text(other.to_string()),
    }
}

// ----------------------------------------------------- deleting for good --

/// Delete one item permanently: from the database, its WAL and every backup.
pub fn purge(db: &Db, id: TrashId) -> Result<Purged> {
    db.read(|c| load(c, id))?;
    purge_where(db, "id = ?1", &id.to_string())
}

/// Empty a pair's Trash: every item in it deleted permanently.
pub fn empty(db: &Db, pair_id: PairId) -> Result<Purged> {
    db.read(|c| pair::load(c, pair_id))?;
    purge_where(db, "pair_id = ?1", &pair_id.to_string())
}

/// Delete permanently what has been in the Trash longer than [`KEEP_DAYS`]
/// days. The shells run it once a day, with the daily backup.
pub fn expire(db: &Db) -> Result<Purged> {
    expire_at(db, crate::time::now())
}

/// [`expire`] as if it were `now` (tests of the 30 days).
#[doc(hidden)]
pub fn expire_at(db: &Db, now: DateTime<Utc>) -> Result<Purged> {
    let before = time::stamp(now - chrono::Duration::days(KEEP_DAYS));
    let due: bool = db.read(|c| {
        Ok(c.query_row(
            "SELECT EXISTS (SELECT 1 FROM trash WHERE deleted_at <= ?1)",
            [&before],
            |r| r.get(0),
        )?)
    })?;
    if !due {
        return Ok(Purged {
            items: 0,
            backups_rewritten: 0,
        });
    }
    purge_where(db, "deleted_at <= ?1", &before)
}

/// What a permanent delete removes from the backups too.
#[derive(Debug, Default)]
pub(crate) struct Forget {
    /// (table, id) of each item: deleting it deletes what went with it.
    pub items: Vec<(String, String)>,
    /// The id of every row that went: their conflict history goes.
    pub row_ids: Vec<String>,
    /// The Trash entries themselves.
    pub trash_ids: Vec<String>,
    /// Every text of every row, so that a draft of it goes too.
    pub texts: Vec<String>,
    /// The tombstones this database has of those rows (ids and clocks), so
    /// that a restored backup does not bring a shared item back to the
    /// partner.
    pub tombstones: Vec<[String; 5]>,
}

fn purge_where(db: &Db, filter: &str, value: &str) -> Result<Purged> {
    let forget = db.write(|tx| {
        let mut f = Forget::default();
        {
            let mut st = tx.prepare(&format!("SELECT id, kind, rows FROM trash WHERE {filter}"))?;
            let rows = st.query_map([value], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, TrashKind>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?;
            for row in rows {
                let (id, kind, payload) = row?;
                let payload: Payload =
                    serde_json::from_str(&payload).map_err(|e| Error::Format {
                        file: FileKind::Trash,
                        what: "the Trash".into(),
                        reason: format!("an item cannot be read back ({e})"),
                    })?;
                if let Some(root) = payload.rows.first() {
                    if let Some(item) = root.values.get("id").and_then(Value::as_str) {
                        f.items
                            .push((kind.spec().table.to_string(), item.to_string()));
                    }
                }
                for row in &payload.rows {
                    for (name, v) in &row.values {
                        let Some(s) = v.as_str() else { continue };
                        if name == "id" {
                            f.row_ids.push(s.to_string());
                        } else if TEXT_COLUMNS.contains(&name.as_str()) && !s.trim().is_empty() {
                            f.texts.push(s.to_string());
                        }
                    }
                }
                f.trash_ids.push(id);
            }
        }
        let ids = serde_json::to_string(&f.row_ids).unwrap_or_else(|_| "[]".into());
        {
            let mut st = tx.prepare(
                "SELECT tbl, row_id, pair_id, hlc, replica FROM tombstone
                 WHERE row_id IN (SELECT value FROM json_each(?1))",
            )?;
            let rows = st.query_map([&ids], |r| {
                Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?])
            })?;
            f.tombstones = rows.collect::<rusqlite::Result<_>>()?;
        }
        forget_in(tx, &f)?;
        Ok(f)
    })?;
    let items = forget.trash_ids.len() as u32;
    if items == 0 {
        return Ok(Purged {
            items,
            backups_rewritten: 0,
        });
    }
    db.truncate_wal()?;
    let backups_rewritten = match db.path() {
        Some(p) => crate::backup::forget(&crate::backup::data_dir_of(p), &forget, db.key())?,
        None => 0,
    };
    Ok(Purged {
        items,
        backups_rewritten,
    })
}

/// The columns that hold what a person typed.
const TEXT_COLUMNS: &[&str] = &[
    "body", "text", "title", "why", "agenda", "notes", "evidence",
];

/// Remove what `f` names from one database (the live one, or a backup's
/// copy): the Trash entries, the items if still there (a backup), the
/// conflict history and clocks of their rows. Tables a backup made by an
/// older Trellis lacks are skipped.
pub(crate) fn forget_in(c: &Connection, f: &Forget) -> Result<()> {
    let has = |t: &str| -> Result<bool> {
        Ok(c.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1)",
            [t],
            |r| r.get(0),
        )?)
    };
    let json = |v: &Vec<String>| serde_json::to_string(v).unwrap_or_else(|_| "[]".into());
    let ids = json(&f.row_ids);
    if has("trash")? {
        c.execute(
            "DELETE FROM trash WHERE id IN (SELECT value FROM json_each(?1))",
            [json(&f.trash_ids)],
        )?;
    }
    for (table, id) in &f.items {
        if has(table)? {
            c.execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id])?;
        }
    }
    if has("sync_conflict")? {
        // Conflicts of a link or a confirmation are keyed `a/b`.
        c.execute(
            "DELETE FROM sync_conflict WHERE row_id IN (SELECT value FROM json_each(?1))
                OR substr(row_id, 1, 36) IN (SELECT value FROM json_each(?1))
                OR substr(row_id, 38, 36) IN (SELECT value FROM json_each(?1))",
            [&ids],
        )?;
    }
    if has("field_clock")? {
        c.execute(
            "DELETE FROM field_clock WHERE row_id IN (SELECT value FROM json_each(?1))
                OR substr(row_id, 1, 36) IN (SELECT value FROM json_each(?1))
                OR substr(row_id, 38, 36) IN (SELECT value FROM json_each(?1))",
            [&ids],
        )?;
    }
    Ok(())
}
