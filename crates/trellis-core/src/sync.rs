//! Pair sync: the mentor's and the mentee's copies of a pair stay in step
//! through files, with no server. See `docs/sync-format.md`.
//!
//! - [`invite`] writes the invite file that starts it (the pair's shared data
//!   and a random 32-byte pair key); the partner's [`accept`] makes the same
//!   pair there, roles mirrored.
//! - [`export`] writes an update file with the pair's whole shared state,
//!   authenticated with HMAC-SHA256 under the pair key; [`import`] checks
//!   it (size, header, MAC, counts, lengths, every value) and merges it in
//!   one transaction: per field, the newer hybrid-logical-clock stamp wins
//!   (the replica id breaks ties), and deletes win over everything.
//! - Changes both sides made to the same field since they last synced are
//!   kept as [`conflicts`] to review and [`resolve`].
//!
//! Private notes, drafts and check-in answers are never in any file.

mod clock;
mod frame;
mod schema;
mod state;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};

use crate::id::PairId;
use crate::pair::{self, Pair, Role};
use crate::{pack, text, time, Db, Error, Result};

pub use clock::Hlc;
pub use frame::{
    FORMAT_MAJOR, FORMAT_MINOR, INVITE_FORMAT, MAX_FILE_BYTES, MAX_RECORDS, MAX_STRING_BYTES,
    SYNC_FORMAT,
};

use frame::refused;
use schema::{Table, Ty, Val};
use state::{Cell, Clock, Record, State, Tomb};

pub(crate) use clock::stamp;

/// How far ahead of this machine's clock a file's clock may be.
pub const MAX_CLOCK_AHEAD_MS: i64 = 24 * 60 * 60 * 1000;
/// The file name extension of update files.
pub const EXTENSION: &str = "trellis-sync";
/// Most files `import_folder` looks at.
const MAX_FOLDER_FILES: usize = 1000;

// ------------------------------------------------------------------ types --

/// A file written: where, how big.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Written {
    pub pair_id: PairId,
    pub path: String,
    #[ts(type = "number")]
    pub bytes: i64,
}

/// What importing an update file did.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Imported {
    pub pair_id: PairId,
    pub partner_name: String,
    /// Rows added, changed and removed here.
    pub inserted: u32,
    pub updated: u32,
    pub deleted: u32,
    /// New conflicts to review (`conflicts`).
    pub new_conflicts: u32,
    /// True when the file held nothing new: the database was not touched.
    pub up_to_date: bool,
}

/// The pair made from an invite.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Accepted {
    pub pair: Pair,
    /// Rows of shared data the invite brought.
    pub inserted: u32,
}

/// Whose value lost a conflict, or which one a person kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Side {
    Mine,
    Theirs,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Mine => "mine",
            Side::Theirs => "theirs",
        }
    }

    pub fn parse(s: &str) -> Result<Side> {
        match s.trim().to_ascii_lowercase().as_str() {
            "mine" => Ok(Side::Mine),
            "theirs" => Ok(Side::Theirs),
            _ => Err(Error::invalid(
                "keep",
                format!("'{s}' is not a side; use mine or theirs"),
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

/// Where a pair stands with sync.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SyncStatus {
    pub pair_id: PairId,
    /// An invite was made or accepted: update files can be written.
    pub shared: bool,
    /// The partner's replica is known once one of their files was imported.
    pub partner_replica: Option<String>,
    pub last_import_at: Option<String>,
    pub open_conflicts: u32,
    /// This installation's replica id (part of folder-mode file names).
    pub replica: String,
    /// Set when the data folder looks like it is inside a synced folder.
    pub warning: Option<String>,
}

/// One file of a shared folder and what importing it did.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FolderImport {
    pub path: String,
    pub imported: Option<Imported>,
    /// Why the file was refused (nothing of it was written).
    pub refused: Option<String>,
}

// ------------------------------------------------------------ file body --

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Body<'a> {
    format: String,
    format_version: String,
    pair_id: String,
    from: From,
    clock: String,
    #[serde(default)]
    seen: Option<String>,
    written_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    invite: Option<InviteInfo>,
    #[serde(borrow)]
    records: Vec<RawRecord<'a>>,
    tombstones: Vec<RawTomb>,
    /// Open conflicts the writer found (values that lost), so both see them.
    #[serde(default)]
    conflicts: Vec<RawConflict>,
}

#[derive(Debug, Serialize, Deserialize)]
struct RawConflict {
    table: String,
    id: String,
    field: String,
    /// `[value, clock, replica]` of the value that lost.
    lost: (serde_json::Value, String, String),
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct From {
    replica: String,
    role: Role,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct InviteInfo {
    /// The creator's display name, for the partner's copy.
    name: String,
    program_id: String,
    pack_version: String,
    cohort_id: String,
    /// The pack's TOML when it is not built into Trellis.
    pack: Option<String>,
    pair_created_at: String,
}

/// `[value, clock, replica]` per field. Read straight from the file's
/// bytes: only text with escapes in it is copied.
#[derive(Debug, Serialize, Deserialize)]
struct RawRecord<'a> {
    #[serde(borrow)]
    table: Cow<'a, str>,
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(borrow)]
    fields: BTreeMap<Text<'a>, (RawVal<'a>, Text<'a>, Text<'a>)>,
}

/// Text of a file, borrowed from its bytes unless it holds escapes. (A
/// `Cow<str>` inside a map or a tuple is always copied by serde.)
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Text<'a>(Cow<'a, str>);

impl std::ops::Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl Serialize for Text<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Visit<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for Visit<'a> {
            type Value = Text<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> std::result::Result<Self::Value, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> std::result::Result<Self::Value, E> {
                Ok(Text(Cow::Owned(v.to_string())))
            }
            fn visit_string<E>(self, v: String) -> std::result::Result<Self::Value, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }
        d.deserialize_str(Visit(std::marker::PhantomData))
    }
}

/// A field's value as a file holds it: text, an integer, null, or anything
/// else (which no field may hold; skipped with an unknown field of a newer
/// minor version).
#[derive(Debug)]
enum RawVal<'a> {
    Null,
    Int(i64),
    Text(Cow<'a, str>),
    Other,
}

impl RawVal<'_> {
    fn into_val(self) -> Option<Val> {
        match self {
            RawVal::Null => Some(Val::Null),
            RawVal::Int(i) => Some(Val::Int(i)),
            RawVal::Text(s) => Some(Val::Text(s.into_owned())),
            RawVal::Other => None,
        }
    }
}

impl std::convert::From<Val> for RawVal<'_> {
    fn from(v: Val) -> Self {
        match v {
            Val::Null => RawVal::Null,
            Val::Int(i) => RawVal::Int(i),
            Val::Text(s) => RawVal::Text(Cow::Owned(s)),
        }
    }
}

impl Serialize for RawVal<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            RawVal::Null | RawVal::Other => s.serialize_none(),
            RawVal::Int(i) => s.serialize_i64(*i),
            RawVal::Text(t) => s.serialize_str(t),
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for RawVal<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Visit<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for Visit<'a> {
            type Value = RawVal<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_unit<E>(self) -> std::result::Result<Self::Value, E> {
                Ok(RawVal::Null)
            }
            fn visit_none<E>(self) -> std::result::Result<Self::Value, E> {
                Ok(RawVal::Null)
            }
            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E> {
                Ok(RawVal::Int(v))
            }
            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E> {
                Ok(i64::try_from(v).map_or(RawVal::Other, RawVal::Int))
            }
            fn visit_f64<E>(self, _: f64) -> std::result::Result<Self::Value, E> {
                Ok(RawVal::Other)
            }
            fn visit_bool<E>(self, _: bool) -> std::result::Result<Self::Value, E> {
                Ok(RawVal::Other)
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> std::result::Result<Self::Value, E> {
                Ok(RawVal::Text(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> std::result::Result<Self::Value, E> {
                Ok(RawVal::Text(Cow::Owned(v.to_string())))
            }
            fn visit_string<E>(self, v: String) -> std::result::Result<Self::Value, E> {
                Ok(RawVal::Text(Cow::Owned(v)))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(RawVal::Other)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                while map
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(RawVal::Other)
            }
        }
        d.deserialize_any(Visit(std::marker::PhantomData))
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct RawTomb {
    table: String,
    id: String,
    hlc: String,
    replica: String,
}

/// A body checked against every rule.
struct Parsed {
    from_replica: String,
    from_role: Role,
    clock: Hlc,
    seen: Hlc,
    invite: Option<InviteInfo>,
    state: State,
}

/// Who writes a file, and their clocks.
struct Writer<'a> {
    format: &'a str,
    pair: PairId,
    role: Role,
    me: &'a str,
    clock: Hlc,
    seen: Option<Hlc>,
}

fn body_of(w: Writer<'_>, invite: Option<InviteInfo>, st: State) -> Body<'static> {
    let records = st
        .records
        .into_iter()
        .map(|r| RawRecord {
            table: Cow::Borrowed(r.table.name()),
            id: Cow::Owned(r.id),
            fields: r
                .fields
                .into_iter()
                .map(|(k, c)| {
                    (
                        Text(Cow::Borrowed(k)),
                        (
                            RawVal::from(c.value),
                            Text(Cow::Owned(c.clock.hlc.encode())),
                            Text(Cow::Owned(c.clock.replica.to_string())),
                        ),
                    )
                })
                .collect(),
        })
        .collect();
    let tombstones = st
        .tombstones
        .into_iter()
        .map(|t| RawTomb {
            table: t.table.name().to_string(),
            id: t.id,
            hlc: t.clock.hlc.encode(),
            replica: t.clock.replica.to_string(),
        })
        .collect();
    let conflicts = st
        .conflicts
        .into_iter()
        .map(|k| RawConflict {
            table: k.table.name().to_string(),
            id: k.id,
            field: k.field.to_string(),
            lost: (
                k.value.to_json(),
                k.clock.hlc.encode(),
                k.clock.replica.to_string(),
            ),
        })
        .collect();
    Body {
        format: w.format.to_string(),
        format_version: format!("{FORMAT_MAJOR}.{FORMAT_MINOR}"),
        pair_id: w.pair.to_string(),
        from: From {
            replica: w.me.to_string(),
            role: w.role,
        },
        clock: w.clock.encode(),
        seen: w.seen.map(Hlc::encode),
        written_at: time::stamp(time::now()),
        invite,
        records,
        tombstones,
        conflicts,
    }
}

fn is_replica(s: &str) -> bool {
    s.len() == 32
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn parse_body(framed: &frame::Framed<'_>, now_ms: i64) -> Result<Parsed> {
    frame::prescan(framed.body)?;
    let body: Body = serde_json::from_slice(framed.body)
        .map_err(|e| refused(format!("the file's contents are not valid ({e})")))?;
    if body.format != framed.format {
        return Err(refused("the body's format does not match its header"));
    }
    if body
        .format_version
        .split_once('.')
        .is_none_or(|(major, _)| major != FORMAT_MAJOR.to_string())
    {
        return Err(refused("the body's version does not match its header"));
    }
    if body.pair_id != framed.pair.to_string() {
        return Err(refused("the body names another pair than its header"));
    }
    if !is_replica(&body.from.replica) {
        return Err(refused("the writer's replica id is malformed"));
    }
    let clock = Hlc::parse(&body.clock).ok_or_else(|| refused("the file's clock is malformed"))?;
    if clock.ms > now_ms.saturating_add(MAX_CLOCK_AHEAD_MS) {
        return Err(refused(
            "the file's clock is more than 24 hours ahead of this machine's; check the date and time on both machines",
        ));
    }
    let seen = match &body.seen {
        None => Hlc::ZERO,
        Some(s) => Hlc::parse(s).ok_or_else(|| refused("the file's seen clock is malformed"))?,
    };
    if chrono::DateTime::parse_from_rfc3339(&body.written_at).is_err() {
        return Err(refused("the file's writing time is malformed"));
    }
    // A newer minor version may add tables and fields: they are skipped.
    let lenient = framed.minor > FORMAT_MINOR;
    // The file's few replica ids (two, or a few more in its conflicts),
    // each kept once for all its clocks.
    let mut replicas: Vec<std::sync::Arc<str>> = Vec::new();
    let mut stamp_of = |hlc: &str, replica: &str| -> Result<Clock> {
        let h = Hlc::parse(hlc).ok_or_else(|| refused("a clock in the file is malformed"))?;
        if h > clock {
            return Err(refused(
                "a change in the file is newer than the file itself",
            ));
        }
        if !is_replica(replica) {
            return Err(refused("a replica id in the file is malformed"));
        }
        let replica = match replicas.iter().find(|r| ***r == *replica) {
            Some(r) => r.clone(),
            None => {
                let r: std::sync::Arc<str> = replica.into();
                if replicas.len() < 8 {
                    replicas.push(r.clone());
                }
                r
            }
        };
        Ok(Clock { hlc: h, replica })
    };
    let pair_text = framed.pair.to_string();
    let mut seen_rows: HashSet<(Table, String)> = HashSet::with_capacity(body.records.len());
    let mut records = Vec::with_capacity(body.records.len());
    for raw in body.records {
        let Some(table) = Table::parse(&raw.table) else {
            if lenient {
                continue;
            }
            return Err(refused(format!("unknown table '{}'", short(&raw.table))));
        };
        schema::check_row_id(table, &raw.id)?;
        if table == Table::Pair && raw.id != pair_text {
            return Err(refused("the file holds another pair's settings"));
        }
        if !seen_rows.insert((table, raw.id.to_string())) {
            return Err(refused(format!("a {} record appears twice", table.name())));
        }
        let mut fields = BTreeMap::new();
        for (name, (value, hlc, replica)) in raw.fields {
            let Some(field) = table.field(&name) else {
                if lenient {
                    continue;
                }
                return Err(refused(format!(
                    "unknown field '{}' in a {} record",
                    short(&name),
                    table.name()
                )));
            };
            let v = value.into_val().ok_or_else(|| {
                refused(format!(
                    "the {} field {} holds a value it cannot have",
                    table.name(),
                    field.name
                ))
            })?;
            schema::check_value(table, field, &v)?;
            if field.ty == Ty::PairRef && v.as_str() != Some(&pair_text) {
                return Err(refused(format!(
                    "a {} record belongs to another pair",
                    table.name()
                )));
            }
            fields.insert(
                field.name,
                Cell {
                    value: v,
                    clock: stamp_of(&hlc, &replica)?,
                },
            );
        }
        let full = table.fields().iter().all(|f| fields.contains_key(f.name));
        if table == Table::Note {
            let vis = fields.get("visibility").and_then(|c| c.value.as_str());
            let taken_back = fields.len() == 1 && vis == Some("private");
            if !(taken_back || (full && vis == Some("shared"))) {
                // A private note's text must never travel: such a file is refused.
                return Err(refused(
                    "a note record is neither a shared note nor a note taken back",
                ));
            }
        } else if !full {
            return Err(refused(format!("a {} record lacks fields", table.name())));
        }
        records.push(Record {
            table,
            id: raw.id.into_owned(),
            fields,
        });
    }
    let mut tombstones = Vec::with_capacity(body.tombstones.len());
    let mut seen_tombs: HashSet<(Table, String)> = HashSet::new();
    for raw in body.tombstones {
        let Some(table) = Table::parse(&raw.table).filter(|t| t.has_tombstones()) else {
            if lenient {
                continue;
            }
            return Err(refused(format!(
                "a tombstone of unknown table '{}'",
                short(&raw.table)
            )));
        };
        if !schema::is_uuid(&raw.id) {
            return Err(refused("a tombstone has a malformed id"));
        }
        if !seen_tombs.insert((table, raw.id.clone())) {
            return Err(refused("a tombstone appears twice"));
        }
        tombstones.push(Tomb {
            table,
            id: raw.id,
            clock: stamp_of(&raw.hlc, &raw.replica)?,
        });
    }
    let mut conflicts = Vec::with_capacity(body.conflicts.len());
    for raw in body.conflicts {
        let Some(table) = Table::parse(&raw.table) else {
            if lenient {
                continue;
            }
            return Err(refused("a conflict of an unknown table"));
        };
        schema::check_row_id(table, &raw.id)?;
        let Some(field) = table.field(&raw.field) else {
            if lenient {
                continue;
            }
            return Err(refused("a conflict of an unknown field"));
        };
        let (value, hlc, replica) = raw.lost;
        let v = Val::from_json(&value)
            .ok_or_else(|| refused("a conflict holds a value it cannot have"))?;
        schema::check_value(table, field, &v)?;
        conflicts.push(state::Lost {
            table,
            id: raw.id,
            field: field.name,
            value: v,
            clock: stamp_of(&hlc, &replica)?,
        });
    }
    if !records.iter().any(|r| r.table == Table::Pair) {
        return Err(refused("the file holds no pair settings"));
    }
    Ok(Parsed {
        from_replica: body.from.replica,
        from_role: body.from.role,
        clock,
        seen,
        invite: body.invite,
        state: State {
            records,
            tombstones,
            conflicts,
        },
    })
}

/// At most 40 characters of something a file said, for messages.
fn short(s: &str) -> String {
    s.chars().take(40).collect()
}

// ----------------------------------------------------------------- peers --

struct Peer {
    key: [u8; 32],
    partner_replica: Option<String>,
    last_seen: Option<Hlc>,
    last_import_at: Option<String>,
}

fn load_peer(c: &Connection, pair: PairId) -> Result<Option<Peer>> {
    let row = c
        .prepare_cached(
            "SELECT key, partner_replica, last_seen, last_import_at FROM sync_peer WHERE pair_id = ?1",
        )?
        .query_row([pair], |r| {
            Ok((
                r.get::<_, Vec<u8>>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })
        .optional()?;
    Ok(match row {
        None => None,
        Some((key, partner_replica, last_seen, last_import_at)) => Some(Peer {
            key: key
                .try_into()
                .map_err(|_| Error::Conflict("the stored pair key is damaged".into()))?,
            partner_replica,
            last_seen: last_seen.as_deref().and_then(Hlc::parse),
            last_import_at,
        }),
    })
}

/// The page cache a merge may use, in KiB. Merging a big file dirties more
/// pages than a connection's default cache holds (2 MiB): SQLite then
/// writes pages out to the WAL before the commit, and again when they
/// change after that. Given back when the merge is over.
const MERGE_CACHE_KIB: i64 = 32 * 1024;

/// A merge must not stamp anything (the stamps come from the file), and an
/// import that brings nothing new must leave the database byte for byte as
/// it was: so it runs in its own IMMEDIATE transaction, without the stamp
/// `Db::write` gives every local change, and rolls back when unchanged.
fn merge_transaction<T>(
    db: &Db,
    f: impl FnOnce(&Connection) -> Result<Option<T>>,
    unchanged: T,
) -> Result<T> {
    db.read(|c| {
        let cache: i64 = c.pragma_query_value(None, "cache_size", |r| r.get(0))?;
        let page: i64 = c.pragma_query_value(None, "page_size", |r| r.get(0))?;
        let kib = if cache < 0 {
            -cache
        } else {
            cache * page / 1024
        };
        let grow = kib < MERGE_CACHE_KIB;
        if grow {
            c.pragma_update(None, "cache_size", -MERGE_CACHE_KIB)?;
        }
        let out = (|| {
            let tx = rusqlite::Transaction::new_unchecked(c, TransactionBehavior::Immediate)?;
            match f(&tx)? {
                Some(out) => {
                    tx.commit()?;
                    Ok(out)
                }
                None => Ok(unchanged), // dropped: rolled back
            }
        })();
        if grow {
            c.pragma_update(None, "cache_size", cache)?;
        }
        out
    })
}

fn new_key() -> Result<[u8; 32]> {
    let mut key = [0u8; 32];
    getrandom::fill(&mut key).map_err(|e| {
        Error::io(
            "cannot get random bytes for the pair key",
            std::io::Error::other(e.to_string()),
        )
    })?;
    Ok(key)
}

// ---------------------------------------------------------------- invite --

/// The invite file of a pair: its shared data, the pair key and my name
/// (for the partner's copy). The key is made the first time and kept; a
/// later invite of the same pair carries the same key.
pub fn invite(db: &Db, pair_id: PairId, my_name: &str) -> Result<Vec<u8>> {
    let name = text::required("my name", my_name, 200)?;
    db.write(|tx| {
        let p = pair::load(tx, pair_id)?;
        let key = match load_peer(tx, pair_id)? {
            Some(peer) => peer.key,
            None => {
                let key = new_key()?;
                tx.prepare_cached(
                    "INSERT INTO sync_peer (pair_id, key, created_at) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![
                    pair_id,
                    key.as_slice(),
                    time::stamp(time::now())
                ])?;
                key
            }
        };
        let pack_src: Option<String> = tx
            .prepare_cached("SELECT source FROM pack WHERE program_id = ?1")?
            .query_row([&p.program_id], |r| r.get(0))
            .optional()?;
        let created: String = tx
            .prepare_cached("SELECT created_at FROM pair WHERE id = ?1")?
            .query_row([pair_id], |r| r.get(0))?;
        let me = clock::replica(tx)?;
        let st = state::collect(tx, pair_id, p.my_role, &me)?;
        let info = InviteInfo {
            name: name.clone(),
            program_id: p.program_id.clone(),
            pack_version: p.pack_version.clone(),
            cohort_id: p.cohort_id.clone(),
            pack: pack_src,
            pair_created_at: created,
        };
        let writer = Writer {
            format: INVITE_FORMAT,
            pair: pair_id,
            role: p.my_role,
            me: &me,
            clock: clock::current(tx)?,
            seen: None,
        };
        let body = body_of(writer, Some(info), st);
        let bytes = serde_json::to_vec(&body).map_err(|e| refused(e.to_string()))?;
        frame::seal(INVITE_FORMAT, pair_id, &key, true, &bytes)
    })
}

/// Write [`invite`] to a file.
pub fn invite_to(db: &Db, pair_id: PairId, my_name: &str, path: &Path) -> Result<Written> {
    let bytes = invite(db, pair_id, my_name)?;
    write(pair_id, path, &bytes)
}

/// Make the pair an invite describes: same ids, my role the other one, the
/// zones swapped, the creator's name as my partner's. Refused, with nothing
/// written, when damaged, when the pair is here already, or when the
/// program's pack is neither built in, imported, nor in the invite.
pub fn accept(db: &Db, bytes: &[u8]) -> Result<Accepted> {
    accept_checked(db, bytes).map_err(|e| match e {
        Error::Format { reason, .. } => Error::Format {
            what: "invite file".into(),
            reason,
        },
        e => e,
    })
}

fn accept_checked(db: &Db, bytes: &[u8]) -> Result<Accepted> {
    let framed = frame::open(bytes, INVITE_FORMAT)?;
    let key = framed
        .key
        .ok_or_else(|| refused("the invite carries no key"))?;
    framed
        .verify(&key)
        .map_err(|_| refused("the invite is damaged or was altered; ask for a new one"))?;
    let parsed = parse_body(&framed, clock::wall_ms())?;
    let info = parsed
        .invite
        .as_ref()
        .ok_or_else(|| refused("the invite has no invite details"))?;
    let creator = text::required("partner name", &info.name, 200)
        .map_err(|_| refused("the invite's name is missing or too long"))?;
    if chrono::DateTime::parse_from_rfc3339(&info.pair_created_at).is_err() {
        return Err(refused("the invite's pair creation time is malformed"));
    }
    // The program: one this Trellis knows, or the pack the invite carries.
    let new_pack = match pack::get(db, &info.program_id) {
        Ok(p) => {
            p.cohort(&info.cohort_id)?;
            None
        }
        Err(Error::NotFound { .. }) => {
            let src = info.pack.as_deref().ok_or_else(|| {
                refused(format!(
                    "the program '{}' is not known here and the invite does not carry its pack; import the pack first",
                    short(&info.program_id)
                ))
            })?;
            let p = pack::parse(src)?;
            if p.program.id != info.program_id {
                return Err(refused("the invite's pack is of another program"));
            }
            p.cohort(&info.cohort_id)?;
            Some((p, src.to_string()))
        }
        Err(e) => return Err(e),
    };
    let pair_id = framed.pair;
    let pair_rec = parsed
        .state
        .records
        .iter()
        .find(|r| r.table == Table::Pair)
        .ok_or_else(|| refused("the invite holds no pair settings"))?;
    let my_role = parsed.from_role.partner();
    let value = |f: &str| {
        pair_rec
            .fields
            .get(f)
            .map(|c| c.value.clone())
            .unwrap_or(Val::Null)
    };
    let (my_tz, partner_tz) = match my_role {
        Role::Mentor => (value("mentor_tz"), value("mentee_tz")),
        Role::Mentee => (value("mentee_tz"), value("mentor_tz")),
    };
    let now = time::stamp(time::now());
    let inserted = merge_transaction(
        db,
        |tx| {
            if tx
                .prepare_cached("SELECT 1 FROM pair WHERE id = ?1")?
                .query_row([pair_id], |_| Ok(()))
                .optional()?
                .is_some()
            {
                return Err(Error::Conflict(
                    "this pair is here already (its invite was accepted, or made here); import update files instead"
                        .into(),
                ));
            }
            let me = clock::replica(tx)?;
            if parsed.from_replica == me {
                return Err(refused(
                    "this invite was made on this machine; give it to your partner",
                ));
            }
            if let Some((p, src)) = &new_pack {
                tx.prepare_cached(
                    "INSERT INTO pack (program_id, version, name, source, imported_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                )?
                .execute(params![p.program.id, p.program.version, p.program.name, src, now])?;
            }
            clock::set_applying(tx, true)?;
            tx.prepare_cached(
                "INSERT INTO pair (id, my_role, partner_name, program_id, pack_version, cohort_id, match_date,
                     my_tz, partner_tz, cadence_days, status, end_reason, status_changed_on, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            )?
            .execute(params![
                pair_id,
                my_role.as_str(),
                creator,
                info.program_id,
                info.pack_version,
                info.cohort_id,
                value("match_date"),
                my_tz,
                partner_tz,
                value("cadence_days"),
                value("status"),
                value("end_reason"),
                value("status_changed_on"),
                info.pair_created_at,
                now
            ])?;
            tx.prepare_cached(
                "INSERT INTO sync_peer (pair_id, key, partner_replica, last_seen, last_import_at, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            )?
            .execute(params![
                pair_id,
                key.as_slice(),
                parsed.from_replica,
                parsed.clock.encode(),
                now
            ])?;
            let ctx = state::Ctx {
                pair: pair_id,
                my_role,
                me: &me,
                file_seen: Hlc::ZERO,
                seen_before: Hlc::ZERO,
                now: &now,
            };
            let out = state::apply(tx, &parsed.state, &ctx)?;
            clock::set_applying(tx, false)?;
            clock::observe(tx, parsed.clock)?;
            Ok(Some(out.inserted))
        },
        0,
    )?;
    Ok(Accepted {
        pair: pair::get(db, pair_id)?,
        inserted,
    })
}

/// [`accept`] an invite file.
pub fn accept_file(db: &Db, path: &Path) -> Result<Accepted> {
    accept(db, &read(path)?)
}

// ---------------------------------------------------------- update files --

/// The update file of a pair: its whole shared state, authenticated.
pub fn export(db: &Db, pair_id: PairId) -> Result<Vec<u8>> {
    db.read(|c| {
        let p = pair::load(c, pair_id)?;
        let peer = load_peer(c, pair_id)?.ok_or_else(|| {
            Error::Conflict(
                "this pair is not shared yet: write an invite (`trellis sync invite`) or accept your partner's".into(),
            )
        })?;
        let me = clock::replica(c)?;
        let st = state::collect(c, pair_id, p.my_role, &me)?;
        let writer = Writer {
            format: SYNC_FORMAT,
            pair: pair_id,
            role: p.my_role,
            me: &me,
            clock: clock::current(c)?,
            seen: peer.last_seen,
        };
        let body = body_of(writer, None, st);
        let bytes = serde_json::to_vec(&body).map_err(|e| refused(e.to_string()))?;
        frame::seal(SYNC_FORMAT, pair_id, &peer.key, false, &bytes)
    })
}

/// Write [`export`] to a file.
pub fn export_to(db: &Db, pair_id: PairId, path: &Path) -> Result<Written> {
    let bytes = export(db, pair_id)?;
    write(pair_id, path, &bytes)
}

/// The name of this installation's update file of a pair in a shared folder.
pub fn folder_file_name(db: &Db, pair_id: PairId) -> Result<String> {
    let me = db.read(clock::replica)?;
    Ok(format!("{pair_id}-{me}.{EXTENSION}"))
}

/// Write my update file of a pair into a shared folder (only my own file:
/// `<pair>-<replica>.trellis-sync`; the partner writes theirs beside it).
pub fn export_to_folder(db: &Db, pair_id: PairId, dir: &Path) -> Result<Written> {
    if !dir.is_dir() {
        return Err(Error::invalid(
            "folder",
            format!("{} is not a folder", dir.display()),
        ));
    }
    let name = folder_file_name(db, pair_id)?;
    export_to(db, pair_id, &dir.join(name))
}

fn write(pair_id: PairId, path: &Path, bytes: &[u8]) -> Result<Written> {
    crate::file::write_atomic(path, bytes)?;
    Ok(Written {
        pair_id,
        path: path.display().to_string(),
        bytes: bytes.len() as i64,
    })
}

fn read(path: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let f = std::fs::File::open(path)
        .map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
    let mut buf = Vec::new();
    f.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
    Ok(buf)
}

/// Merge a partner's update file. Everything is checked first (size,
/// header, MAC, counts, lengths, every value, the clock at most 24 hours
/// ahead); a file of another pair, an altered one, or one that breaks any
/// rule is refused with nothing written. Then one transaction merges it;
/// importing the same file again, or an older one, changes nothing.
pub fn import(db: &Db, bytes: &[u8]) -> Result<Imported> {
    let framed = frame::open(bytes, SYNC_FORMAT)?;
    let pair_id = framed.pair;
    let peer = db.read(|c| load_peer(c, pair_id))?.ok_or_else(|| {
        refused(format!(
            "this update is for pair {pair_id}, which is not shared on this machine (accept its invite first)"
        ))
    })?;
    framed.verify(&peer.key)?;
    let parsed = parse_body(&framed, clock::wall_ms())?;
    if parsed.invite.is_some() {
        return Err(refused("an update file carries no invite"));
    }
    let now = time::stamp(time::now());
    let partner_name = db.read(|c| Ok(pair::load(c, pair_id)?.partner_name))?;
    let out = merge_transaction(
        db,
        |tx| {
            let p = pair::load(tx, pair_id)?;
            let me = clock::replica(tx)?;
            if parsed.from_replica == me {
                return Err(refused(
                    "this update was written on this machine; give it to your partner",
                ));
            }
            if parsed.from_role == p.my_role {
                return Err(refused(format!(
                    "this update was written by the pair's {} too; one of you has the wrong role (`trellis pair edit --role`)",
                    p.my_role.as_str()
                )));
            }
            let peer =
                load_peer(tx, pair_id)?.ok_or_else(|| refused("the pair is no longer shared"))?;
            let seen_before = peer.last_seen.unwrap_or(Hlc::ZERO);
            let ctx = state::Ctx {
                pair: pair_id,
                my_role: p.my_role,
                me: &me,
                file_seen: parsed.seen,
                seen_before,
                now: &now,
            };
            clock::set_applying(tx, true)?;
            let out = state::apply(tx, &parsed.state, &ctx)?;
            clock::set_applying(tx, false)?;
            let newer = parsed.clock > seen_before;
            if !out.changed() && !newer {
                return Ok(None);
            }
            clock::observe(tx, parsed.clock)?;
            tx.prepare_cached(
                "UPDATE sync_peer SET last_seen = ?2, partner_replica = ?3, last_import_at = ?4 WHERE pair_id = ?1",
            )?
            .execute(params![
                pair_id,
                parsed.clock.max(seen_before).encode(),
                parsed.from_replica,
                now
            ])?;
            Ok(Some(out))
        },
        state::Outcome::default(),
    )?;
    Ok(Imported {
        pair_id,
        partner_name,
        inserted: out.inserted,
        updated: out.updated,
        deleted: out.deleted,
        new_conflicts: out.conflicts,
        up_to_date: !out.changed(),
    })
}

/// [`import`] a file.
pub fn import_file(db: &Db, path: &Path) -> Result<Imported> {
    import(db, &read(path)?)
}

/// Import the partners' update files found in a shared folder: every
/// `<pair>-<replica>.trellis-sync` of a pair shared here that this
/// installation did not write. Each file is imported (or refused) on its own.
pub fn import_folder(db: &Db, dir: &Path) -> Result<Vec<FolderImport>> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Error::io(format!("cannot read the folder {}", dir.display()), e))?;
    let me = db.read(clock::replica)?;
    let shared: HashSet<String> = db.read(|c| {
        let mut st = c.prepare_cached("SELECT pair_id FROM sync_peer")?;
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    })?;
    let mut files: Vec<PathBuf> = Vec::new();
    for e in entries.flatten() {
        let path = e.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(stem) = name.strip_suffix(&format!(".{EXTENSION}")) else {
            continue;
        };
        // `<36-char pair id>-<32-char replica>`
        if stem.len() != 69 || stem.as_bytes()[36] != b'-' {
            continue;
        }
        let (pair, replica) = (&stem[..36], &stem[37..]);
        if replica != me && shared.contains(pair) && path.is_file() {
            files.push(path);
        }
        if files.len() >= MAX_FOLDER_FILES {
            break;
        }
    }
    files.sort();
    Ok(files
        .into_iter()
        .map(|path| {
            let r = import_file(db, &path);
            FolderImport {
                path: path.display().to_string(),
                refused: r.as_ref().err().map(ToString::to_string),
                imported: r.ok(),
            }
        })
        .collect())
}

// ------------------------------------------------------------- conflicts --

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
        Table::GoalCriterion | Table::MeetingGoal => return Ok(String::new()),
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
        Table::GoalCriterion | Table::MeetingGoal => None,
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
    let lost: String = r.get(6)?;
    let resolution: Option<String> = r.get(9)?;
    let table = Table::parse(&tbl).unwrap_or(Table::Pair);
    let role = pair::load(c, pair_id)?.my_role;
    Ok(SyncConflict {
        id: r.get(0)?,
        pair_id,
        item: table.noun().to_string(),
        item_id: row_id.clone(),
        label: label(c, table, &row_id)?,
        current: current_value(c, table, &row_id, &field, role)?.to_json(),
        lost: serde_json::from_str(&value).unwrap_or(serde_json::Value::Null),
        lost_side: Side::parse(&lost).unwrap_or(Side::Theirs),
        field,
        detected_at: r.get(7)?,
        resolved_at: r.get(8)?,
        resolution: resolution.as_deref().and_then(|s| Side::parse(s).ok()),
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
            return Err(Error::Conflict(format!("conflict {id} is resolved already")));
        }
        if keep == k.lost_side {
            let table = Table::parse(&tbl_of(tx, id)?)
                .ok_or_else(|| Error::Conflict("this conflict is of an unknown kind".into()))?;
            let v = Val::from_json(&k.lost).unwrap_or(Val::Null);
            let role = pair::load(tx, k.pair_id)?.my_role;
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
                Table::GoalCriterion | Table::MeetingGoal => 0,
                t if t.field(&k.field).is_some() => {
                    let (tbl, key, col) = location(t, &k.field, role);
                    let n = tx.execute(
                        &format!("UPDATE {tbl} SET {col} = ?2 WHERE {key} = ?1"),
                        params![k.item_id, v],
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
                return Err(Error::Conflict(format!(
                    "the {} of this conflict is no longer here; there is nothing to keep (keep {} to close it)",
                    k.item,
                    if keep == Side::Mine { "theirs" } else { "mine" }
                )));
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

// ---------------------------------------------------------------- status --

/// Where a pair stands with sync, and a warning if the data folder looks
/// like it sits in a synced folder.
pub fn status(db: &Db, pair_id: PairId) -> Result<SyncStatus> {
    let warning = db
        .path()
        .and_then(Path::parent)
        .and_then(synced_folder_warning);
    db.read(|c| {
        pair::load(c, pair_id)?;
        let peer = load_peer(c, pair_id)?;
        let open: u32 = c
            .prepare_cached(
                "SELECT COUNT(*) FROM sync_conflict WHERE pair_id = ?1 AND resolved_at IS NULL",
            )?
            .query_row([pair_id], |r| r.get(0))?;
        Ok(SyncStatus {
            pair_id,
            shared: peer.is_some(),
            partner_replica: peer.as_ref().and_then(|p| p.partner_replica.clone()),
            last_import_at: peer.and_then(|p| p.last_import_at),
            open_conflicts: open,
            replica: clock::replica(c)?,
            warning,
        })
    })
}

/// Names of folders that cloud and peer-to-peer sync tools keep in step.
const SYNCED_NAMES: &[&str] = &[
    "dropbox",
    "onedrive",
    "nextcloud",
    "owncloud",
    "google drive",
    "googledrive",
    "icloud drive",
    "mobile documents",
    "icloud~",
    "sync.com",
    "megasync",
    "pcloud",
    "seafile",
    "syncthing",
];

/// A warning when `dir` (the data folder) is inside a folder that a sync
/// tool keeps in step across machines: two machines writing one live
/// database can damage it. Looks for Syncthing's `.stfolder`, Dropbox's
/// `.dropbox`, and folder names such as Dropbox, OneDrive or Nextcloud.
pub fn synced_folder_warning(dir: &Path) -> Option<String> {
    let abs = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    for a in abs.ancestors() {
        let marker = [
            (".stfolder", "Syncthing"),
            (".dropbox", "Dropbox"),
            (".dropbox.cache", "Dropbox"),
        ]
        .into_iter()
        .find(|(m, _)| a.join(m).exists())
        .map(|(_, tool)| tool.to_string());
        let by_name = a
            .file_name()
            .and_then(|n| n.to_str())
            .map(str::to_lowercase)
            .and_then(|n| {
                SYNCED_NAMES.iter().find(|s| n.starts_with(*s)).map(|_| {
                    format!(
                        "a folder named {}",
                        a.file_name().unwrap_or_default().to_string_lossy()
                    )
                })
            });
        if let Some(what) = marker.or(by_name) {
            return Some(format!(
                "the data folder {} is inside a synced folder ({what} at {}): two machines writing one live \
                 database can damage it. Move the data folder out, and share update files there instead \
                 (`trellis sync export --folder`)",
                abs.display(),
                a.display()
            ));
        }
    }
    None
}

/// The newest clock this installation issued or saw in a partner's file.
pub fn current_clock(db: &Db) -> Result<Hlc> {
    db.read(clock::current)
}
