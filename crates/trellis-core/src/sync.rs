//! Pair sync: the mentor's and the mentee's copies of a pair stay in step
//! through files, with no server. See `docs/sync-format.md`.
//!
//! - [`invite`] writes the invite file that starts it (the pair's shared data
//!   and the inviter's new public key, sealed under a one-time code told
//!   another way); the partner's [`accept`] makes the same pair there, roles
//!   mirrored, and an answer carrying their public key, sealed to the
//!   inviter ([`import_answer`]). Both then show the same safety code.
//! - [`export`] writes an update file with the pair's whole shared state,
//!   encrypted from my key to the partner's; [`import`] decrypts it, checks
//!   it (size, header, counts, lengths, every value, who may change what)
//!   and merges it in one transaction: per field, the newer
//!   hybrid-logical-clock stamp wins (the replica id breaks ties), and
//!   deletes win over everything.
//! - [`re_pair`] starts over with new keys; files made with the old ones are
//!   refused.
//! - Changes both sides made to the same field since they last synced are
//!   kept as [`conflicts`] to review and [`resolve`].
//!
//! Private notes, drafts and check-in answers are never in any file.

mod clock;
mod folder;
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
use crate::{pack, text, time, Db, Error, Refusal, Result};

pub use clock::Hlc;
pub use folder::{
    clear_folder, folder, folders, pair_of_partner_file, receive_from_folder, set_folder,
    sync_folder, sync_folders, FolderSync, SyncFolder,
};
pub use frame::{
    ANSWER_FORMAT, FORMAT_MAJOR, FORMAT_MINOR, INVITE_FORMAT, MAX_FILE_BYTES, MAX_RECORDS,
    MAX_STRING_BYTES, SYNC_FORMAT,
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
    /// Both keys are known: the safety code to compare with the partner's.
    pub safety_code: Option<String>,
    /// An invite was written; its answer is not imported yet.
    pub waiting_for_answer: bool,
    /// Shared with an older Trellis (format 1): the partners must re-pair.
    pub needs_re_pair: bool,
    /// This machine's sync clock is more than a day ahead (milliseconds):
    /// the partner refuses its files until `repair_clock`.
    #[ts(type = "number | null")]
    pub clock_ahead_ms: Option<i64>,
    /// The folder both partners sync, when one was chosen.
    pub folder: Option<SyncFolder>,
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
    /// The inviter's public key for this pair (64 hex digits).
    public_key: String,
}

/// What an answer to an invite holds: the invitee's public key.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct AnswerBody {
    format: String,
    format_version: String,
    pair_id: String,
    from: From,
    /// The invitee's public key (64 hex digits).
    public_key: String,
    /// The inviter's public key the invite carried: which invite this answers.
    invite_key: String,
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
    pair: PairId,
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

/// Check a decrypted body against every rule. `format` and `minor` are
/// from the file's header.
fn parse_body(body: &[u8], format: &str, minor: u32, now_ms: i64) -> Result<Parsed> {
    frame::prescan(body)?;
    let body: Body = serde_json::from_slice(body)
        .map_err(|e| refused(format!("the file's contents are not valid ({e})")))?;
    if body.format != format {
        return Err(refused("the body's format does not match its header"));
    }
    if body
        .format_version
        .split_once('.')
        .is_none_or(|(major, _)| major != FORMAT_MAJOR.to_string())
    {
        return Err(refused("the body's version does not match its header"));
    }
    let pair: PairId = body
        .pair_id
        .parse()
        .ok()
        .filter(|p: &PairId| p.to_string() == body.pair_id)
        .ok_or_else(|| refused("the file names no valid pair"))?;
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
    let lenient = minor > FORMAT_MINOR;
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
    let pair_text = pair.to_string();
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
            return Err(frame::refused_as(
                Refusal::OtherPair,
                "the file holds another pair's settings",
            ));
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
                return Err(frame::refused_as(
                    Refusal::OtherPair,
                    format!("a {} record belongs to another pair", table.name()),
                ));
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
        pair,
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

/// This side's keys of a shared pair, and what it last heard from the partner.
struct Peer {
    pair: PairId,
    /// None: shared with a Trellis before format 2; the pair must re-pair.
    my_secret: Option<[u8; 32]>,
    /// None until the partner's answer to my invite is imported.
    partner_public: Option<[u8; 32]>,
    partner_replica: Option<String>,
    last_seen: Option<Hlc>,
    last_import_at: Option<String>,
}

impl Peer {
    /// Both keys, or why update files cannot be written or read yet.
    fn keys(&self) -> Result<([u8; 32], [u8; 32])> {
        match (self.my_secret, self.partner_public) {
            (Some(s), Some(p)) => Ok((s, p)),
            (None, _) => Err(Error::Conflict(
                "this pair was shared with an older Trellis, whose files anyone on the way could read; \
                 re-pair: one of you writes a new invite (`trellis sync invite --re-pair`) and the other accepts it"
                    .into(),
            )),
            (Some(_), None) => Err(Error::Conflict(
                "waiting for your partner's answer to the invite: import the answer file they send back \
                 (`trellis sync import FILE`)"
                    .into(),
            )),
        }
    }

    fn safety_code(&self) -> Option<String> {
        let (s, p) = self.keys().ok()?;
        Some(frame::safety_code(&frame::public_of(&s), &p))
    }
}

fn key32(v: Option<Vec<u8>>) -> Result<Option<[u8; 32]>> {
    v.map(|k| {
        k.try_into()
            .map_err(|_| Error::Conflict("a stored pair key is damaged".into()))
    })
    .transpose()
}

const PEER_COLUMNS: &str =
    "pair_id, my_secret, partner_public, partner_replica, last_seen, last_import_at";

fn peer_from_row(r: &rusqlite::Row<'_>) -> Result<Peer> {
    Ok(Peer {
        pair: r.get(0)?,
        my_secret: key32(r.get(1)?)?,
        partner_public: key32(r.get(2)?)?,
        partner_replica: r.get(3)?,
        last_seen: r
            .get::<_, Option<String>>(4)?
            .as_deref()
            .and_then(Hlc::parse),
        last_import_at: r.get(5)?,
    })
}

fn load_peer(c: &Connection, pair: PairId) -> Result<Option<Peer>> {
    let mut st = c.prepare_cached(&format!(
        "SELECT {PEER_COLUMNS} FROM sync_peer WHERE pair_id = ?1"
    ))?;
    let mut rows = st.query([pair])?;
    rows.next()?.map(peer_from_row).transpose()
}

fn peer_by_tag(c: &Connection, tag: &[u8; 16]) -> Result<Option<Peer>> {
    let mut st = c.prepare_cached(&format!(
        "SELECT {PEER_COLUMNS} FROM sync_peer WHERE tag = ?1"
    ))?;
    let mut rows = st.query([tag.as_slice()])?;
    rows.next()?.map(peer_from_row).transpose()
}

/// Record both keys of a pair (and the tag its update files carry).
fn set_keys(
    c: &Connection,
    pair: PairId,
    my_secret: &[u8; 32],
    partner_public: &[u8; 32],
    now: &str,
) -> Result<()> {
    let tag = frame::pair_tag(&frame::public_of(my_secret), partner_public);
    c.prepare_cached(
        "UPDATE sync_peer SET my_secret = ?2, partner_public = ?3, tag = ?4, keyed_at = ?5 WHERE pair_id = ?1",
    )?
    .execute(params![
        pair,
        my_secret.as_slice(),
        partner_public.as_slice(),
        tag.as_slice(),
        now
    ])?;
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex32(s: &str) -> Option<[u8; 32]> {
    if s.len() != 64 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, o) in out.iter_mut().enumerate() {
        *o = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
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

// ---------------------------------------------------------------- invite --

/// An invite file and the one-time code that opens it. The code is shown
/// once and never stored: the inviter tells it to the partner another way
/// than the file (a call, a chat), so that the file alone opens nothing.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Invitation {
    pub pair_id: PairId,
    /// `XXXX-XXXX-XXXX`.
    pub code: String,
    #[serde(skip)]
    #[ts(skip)]
    pub file: Vec<u8>,
}

/// The invite of a pair, with new keys for it: the pair's shared data, my
/// name (for the partner's copy) and my new public key, sealed under a new
/// one-time code. Until the partner's answer is imported, no update file
/// can be written. Refused for a pair that is paired already: starting over
/// is [`re_pair`].
pub fn invite(db: &Db, pair_id: PairId, my_name: &str) -> Result<Invitation> {
    make_invite(db, pair_id, my_name, false)
}

/// Start over with new keys: an invite as [`invite`] writes it, for a pair
/// that is paired already. The old keys are forgotten at once: files made
/// with them, by anyone, are refused from now on; the partner accepts the
/// new invite and answers it.
pub fn re_pair(db: &Db, pair_id: PairId, my_name: &str) -> Result<Invitation> {
    make_invite(db, pair_id, my_name, true)
}

fn make_invite(db: &Db, pair_id: PairId, my_name: &str, again: bool) -> Result<Invitation> {
    let name = text::required("my name", my_name, 200)?;
    let secret = frame::new_secret()?;
    let code = frame::new_code()?;
    let body = db.write(|tx| {
        let p = pair::load(tx, pair_id)?;
        if let Some(peer) = load_peer(tx, pair_id)? {
            if peer.partner_public.is_some() && !again {
                return Err(Error::Conflict(
                    "this pair is paired already; to start over with new keys, re-pair \
                     (`trellis sync invite --re-pair`): files made with the old keys are then refused"
                        .into(),
                ));
            }
        }
        let now = time::stamp(time::now());
        tx.prepare_cached(
            "INSERT INTO sync_peer (pair_id, my_secret, partner_public, tag, created_at) VALUES (?1, ?2, NULL, NULL, ?3)
             ON CONFLICT (pair_id) DO UPDATE SET my_secret = excluded.my_secret, partner_public = NULL,
                 tag = NULL, keyed_at = NULL",
        )?
        .execute(params![pair_id, secret.as_slice(), now])?;
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
            public_key: hex(&frame::public_of(&secret)),
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
        serde_json::to_vec(&body).map_err(|e| refused(e.to_string()))
    })?;
    Ok(Invitation {
        pair_id,
        file: frame::seal_invite(&code, &body)?,
        code,
    })
}

/// Write [`invite`] (or, `again`, [`re_pair`]) to a file; the code is returned.
pub fn invite_to(
    db: &Db,
    pair_id: PairId,
    my_name: &str,
    again: bool,
    path: &Path,
) -> Result<(Written, Invitation)> {
    let inv = make_invite(db, pair_id, my_name, again)?;
    Ok((write(pair_id, path, &inv.file)?, inv))
}

/// What an invite holds, shown before anything is written.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct InvitePreview {
    pub pair_id: PairId,
    /// Who invites, as they named themselves.
    pub inviter_name: String,
    pub inviter_role: Role,
    /// My role once accepted.
    pub my_role: Role,
    pub program_id: String,
    pub program_name: String,
    pub cohort_id: String,
    pub cohort_name: String,
    /// The program's pack comes with the invite (it is not known here yet).
    pub new_program: bool,
    pub goals: u32,
    pub meetings: u32,
    pub notes: u32,
    pub criteria: u32,
    /// The pair is here already: accepting starts over with new keys.
    pub re_pair: bool,
    /// The safety code both screens will show once joined, when the preview
    /// was made with the [`JoinKey`] that joining will use ([`preview_join`]).
    pub safety_code: Option<String>,
}

/// My key pair for a pair I am about to join, made when the invite is
/// opened and kept in memory only (never written) until I join with it:
/// the preview can then show the safety code that joining gives. A key that
/// is dropped unused leaves no trace.
#[derive(Clone)]
pub struct JoinKey([u8; 32]);

impl JoinKey {
    /// A new random key pair.
    pub fn new() -> Result<JoinKey> {
        Ok(JoinKey(frame::new_secret()?))
    }
}

impl std::fmt::Debug for JoinKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JoinKey(…)")
    }
}

/// An invite opened with its code and checked, and what it would add.
struct OpenedInvite {
    parsed: Parsed,
    info: InviteInfo,
    creator: String,
    inviter_public: [u8; 32],
    new_pack: Option<(pack::Pack, String)>,
}

fn open_invite(db: &Db, bytes: &[u8], code: &str) -> Result<OpenedInvite> {
    let framed = frame::open(bytes, INVITE_FORMAT)?;
    let body = frame::open_invite(&framed, code)?;
    let mut parsed = parse_body(&body, INVITE_FORMAT, framed.minor, clock::wall_ms())?;
    let info = parsed
        .invite
        .take()
        .ok_or_else(|| refused("the invite has no invite details"))?;
    let creator = text::required("partner name", &info.name, 200)
        .map_err(|_| refused("the invite's name is missing or too long"))?;
    if chrono::DateTime::parse_from_rfc3339(&info.pair_created_at).is_err() {
        return Err(refused("the invite's pair creation time is malformed"));
    }
    let inviter_public =
        unhex32(&info.public_key).ok_or_else(|| refused("the invite's key is malformed"))?;
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
    Ok(OpenedInvite {
        parsed,
        info,
        creator,
        inviter_public,
        new_pack,
    })
}

/// What accepting an invite would do: who invites, the program and cohort,
/// what it adds. Nothing is written.
pub fn preview_invite(db: &Db, bytes: &[u8], code: &str) -> Result<InvitePreview> {
    preview(db, bytes, code, None)
}

/// [`preview_invite`], with the safety code that joining with `key`
/// ([`accept_with`]) gives: the joiner sees it before deciding. Nothing is
/// written.
pub fn preview_join(db: &Db, bytes: &[u8], code: &str, key: &JoinKey) -> Result<InvitePreview> {
    preview(db, bytes, code, Some(key))
}

fn preview(db: &Db, bytes: &[u8], code: &str, key: Option<&JoinKey>) -> Result<InvitePreview> {
    let o = open_invite(db, bytes, code).map_err(invite_error)?;
    let (program_name, cohort_name) = match &o.new_pack {
        Some((p, _)) => (
            p.program.name.clone(),
            p.cohort(&o.info.cohort_id)?.name.clone(),
        ),
        None => {
            let p = pack::get(db, &o.info.program_id)?;
            let c = p.cohort(&o.info.cohort_id)?.name.clone();
            (p.program.name.clone(), c)
        }
    };
    let count = |t: Table| {
        o.parsed
            .state
            .records
            .iter()
            .filter(|r| r.table == t && (t != Table::Note || r.fields.len() > 1))
            .count() as u32
    };
    let here = db.read(|c| Ok(pair::load(c, o.parsed.pair).is_ok()))?;
    Ok(InvitePreview {
        pair_id: o.parsed.pair,
        inviter_name: o.creator.clone(),
        inviter_role: o.parsed.from_role,
        my_role: o.parsed.from_role.partner(),
        program_id: o.info.program_id.clone(),
        program_name,
        cohort_id: o.info.cohort_id.clone(),
        cohort_name,
        new_program: o.new_pack.is_some(),
        goals: count(Table::Goal),
        meetings: count(Table::Meeting),
        notes: count(Table::Note),
        criteria: count(Table::Criterion),
        re_pair: here,
        safety_code: key.map(|k| frame::safety_code(&frame::public_of(&k.0), &o.inviter_public)),
    })
}

/// [`preview_join`] an invite file.
pub fn preview_join_file(db: &Db, path: &Path, code: &str, key: &JoinKey) -> Result<InvitePreview> {
    preview_join(db, &read(path)?, code, key)
}

/// The pair made (or re-keyed) from an invite, the safety code to compare
/// with the partner's, and the answer file to send back.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Accepted {
    pub pair: Pair,
    /// Rows of shared data the invite brought.
    pub inserted: u32,
    /// Compare it with the one your partner's screen shows.
    pub safety_code: String,
    /// The pair was here already: it now has new keys.
    pub re_paired: bool,
    #[serde(skip)]
    #[ts(skip)]
    pub answer: Vec<u8>,
}

fn invite_error(e: Error) -> Error {
    match e {
        Error::Format { reason, .. } => Error::Format {
            what: "invite file".into(),
            reason,
        },
        Error::Refused { why, reason, .. } => Error::Refused {
            what: "invite file".into(),
            why,
            reason,
        },
        e => e,
    }
}

/// Make the pair an invite describes: same ids, my role the other one, the
/// zones swapped, the creator's name as my partner's; make my keys for it
/// and the answer that carries my public key back. A pair that is here
/// already and shared with the inviter is re-paired: new keys, and the
/// invite's data merged as an update. Refused, with nothing written, when
/// the code does not open it, when it is damaged, or when the program's pack
/// is neither built in, imported, nor in the invite.
pub fn accept(db: &Db, bytes: &[u8], code: &str) -> Result<Accepted> {
    accept_with(db, bytes, code, &JoinKey::new()?)
}

/// [`accept`] with the key a [`preview_join`] showed the safety code of.
pub fn accept_with(db: &Db, bytes: &[u8], code: &str, key: &JoinKey) -> Result<Accepted> {
    accept_checked(db, bytes, code, key).map_err(invite_error)
}

fn accept_checked(db: &Db, bytes: &[u8], code: &str, key: &JoinKey) -> Result<Accepted> {
    let o = open_invite(db, bytes, code)?;
    let info = &o.info;
    let parsed = &o.parsed;
    let pair_id = parsed.pair;
    let secret = key.0;
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
    let (inserted, re_paired) = merge_transaction(
        db,
        |tx| {
            let me = clock::replica(tx)?;
            if parsed.from_replica == me {
                return Err(refused(
                    "this invite was made on this machine; give it to your partner",
                ));
            }
            if let Ok(here) = pair::load(tx, pair_id) {
                // Re-pair: the same pair, shared with the same partner.
                let peer = load_peer(tx, pair_id)?;
                if peer
                    .as_ref()
                    .is_some_and(|p| p.partner_public == Some(o.inviter_public))
                {
                    return Err(Error::Conflict(
                        "this invite was accepted here already; import update files instead".into(),
                    ));
                }
                if peer.is_none() || here.my_role != my_role {
                    return Err(Error::Conflict(
                        "this pair is here already (made here, or not shared with this partner); \
                         import update files instead"
                            .into(),
                    ));
                }
                set_keys(tx, pair_id, &secret, &o.inviter_public, &now)?;
                let out = merge_file(tx, parsed, &now, false)?;
                return Ok(Some((out.map_or(0, |o| o.inserted), true)));
            }
            if let Some((p, src)) = &o.new_pack {
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
                o.creator,
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
                "INSERT INTO sync_peer (pair_id, partner_replica, last_seen, last_import_at, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?4)",
            )?
            .execute(params![
                pair_id,
                parsed.from_replica,
                parsed.clock.encode(),
                now
            ])?;
            set_keys(tx, pair_id, &secret, &o.inviter_public, &now)?;
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
            Ok(Some((out.inserted, false)))
        },
        (0, false),
    )?;
    let me = db.read(clock::replica)?;
    let answer = AnswerBody {
        format: ANSWER_FORMAT.into(),
        format_version: format!("{FORMAT_MAJOR}.{FORMAT_MINOR}"),
        pair_id: pair_id.to_string(),
        from: From {
            replica: me,
            role: my_role,
        },
        public_key: hex(&frame::public_of(&secret)),
        invite_key: hex(&o.inviter_public),
    };
    let answer = serde_json::to_vec(&answer).map_err(|e| refused(e.to_string()))?;
    Ok(Accepted {
        pair: pair::get(db, pair_id)?,
        inserted,
        safety_code: frame::safety_code(&frame::public_of(&secret), &o.inviter_public),
        re_paired,
        answer: frame::seal_answer(&o.inviter_public, &answer)?,
    })
}

/// [`accept_with`] an invite file, and write the answer to send back to `answer`.
pub fn accept_file(
    db: &Db,
    path: &Path,
    code: &str,
    key: &JoinKey,
    answer: &Path,
) -> Result<Accepted> {
    let a = accept_with(db, &read(path)?, code, key)?;
    crate::file::write_atomic(answer, &a.answer)?;
    Ok(a)
}

/// The partner's answer to my invite, imported: the pair is paired.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Answered {
    pub pair_id: PairId,
    pub partner_name: String,
    /// Compare it with the one your partner's screen shows.
    pub safety_code: String,
}

/// Import the partner's answer to my invite: their public key. Only an
/// answer to the newest invite of a pair opens (each invite has new keys).
pub fn import_answer(db: &Db, bytes: &[u8]) -> Result<Answered> {
    let framed = frame::open(bytes, ANSWER_FORMAT)?;
    let waiting: Vec<Peer> = db.read(|c| {
        let mut st = c.prepare_cached(&format!(
            "SELECT {PEER_COLUMNS} FROM sync_peer WHERE my_secret IS NOT NULL"
        ))?;
        let mut rows = st.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(peer_from_row(r)?);
        }
        Ok(out)
    })?;
    let (peer, body) = waiting
        .into_iter()
        .find_map(|p| {
            let body = frame::open_answer(&framed, &p.my_secret?)?;
            Some((p, body))
        })
        .ok_or_else(|| {
            refused(
                "this answer is not for an invite made here, or it answers an older invite of the pair \
                 (each invite has new keys): accept the newest invite, or ask for a new answer",
            )
        })?;
    let a: AnswerBody = serde_json::from_slice(&body)
        .map_err(|_| refused("the answer's contents are not valid"))?;
    let secret = peer.my_secret.unwrap_or_default();
    let mine = frame::public_of(&secret);
    let theirs = unhex32(&a.public_key).ok_or_else(|| refused("the answer's key is malformed"))?;
    if a.format != ANSWER_FORMAT
        || a.pair_id != peer.pair.to_string()
        || unhex32(&a.invite_key) != Some(mine)
        || !is_replica(&a.from.replica)
    {
        return Err(refused(
            "the answer does not match the invite it was sealed to",
        ));
    }
    let now = time::stamp(time::now());
    db.write(|tx| {
        let p = pair::load(tx, peer.pair)?;
        if a.from.role == p.my_role {
            return Err(refused(format!(
                "this answer was written by the pair's {} too; one of you has the wrong role",
                p.my_role.as_str()
            )));
        }
        if a.from.replica == clock::replica(tx)? {
            return Err(refused("this answer was written on this machine; give it to your partner"));
        }
        match peer.partner_public {
            Some(k) if k == theirs => {}
            Some(_) => {
                return Err(Error::Conflict(
                    "this pair has its partner's key already, from another answer; if this one is your \
                     partner's, compare safety codes and re-pair"
                        .into(),
                ))
            }
            None => {
                set_keys(tx, peer.pair, &secret, &theirs, &now)?;
                tx.prepare_cached("UPDATE sync_peer SET partner_replica = ?2 WHERE pair_id = ?1")?
                    .execute(params![peer.pair, a.from.replica])?;
            }
        }
        Ok(Answered {
            pair_id: peer.pair,
            partner_name: p.partner_name,
            safety_code: frame::safety_code(&mine, &theirs),
        })
    })
}

// ---------------------------------------------------------- update files --

/// The largest body an export writes: what an import accepts, less room
/// for the framing and for the few fields that differ between two exports
/// of the same state (clocks, the time of writing).
pub const MAX_BODY_BYTES: usize = MAX_FILE_BYTES - 64 * 1024;
/// Most rows one update file may add to a pair.
pub const MAX_NEW_ROWS: u32 = 10_000;

fn clock_ahead_error(ahead_ms: i64) -> Error {
    Error::Conflict(format!(
        "this machine's sync clock is {} hours ahead of its wall clock, and your partner would refuse the \
         file; check the date and time, then run `trellis sync repair-clock` (Settings → Sync in the app)",
        ahead_ms / 3_600_000
    ))
}

/// The body of a pair's update file as this side would write it now.
fn export_body(c: &Connection, pair_id: PairId, peer: &Peer) -> Result<Vec<u8>> {
    let p = pair::load(c, pair_id)?;
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
    serde_json::to_vec(&body).map_err(|e| refused(e.to_string()))
}

/// The update file of a pair: its whole shared state, encrypted to the
/// partner. Refused, with what to do instead, when the partner would refuse
/// it: too big, or this machine's clock too far ahead.
pub fn export(db: &Db, pair_id: PairId) -> Result<Vec<u8>> {
    db.read(|c| {
        pair::load(c, pair_id)?;
        let peer = load_peer(c, pair_id)?.ok_or_else(|| {
            Error::Conflict(
                "this pair is not shared yet: write an invite (`trellis sync invite`) or accept your partner's".into(),
            )
        })?;
        let (secret, partner) = peer.keys()?;
        let ahead = clock::current(c)?.ms - clock::wall_ms();
        if ahead > MAX_CLOCK_AHEAD_MS {
            return Err(clock_ahead_error(ahead));
        }
        let body = export_body(c, pair_id, &peer)?;
        if body.len() > MAX_BODY_BYTES {
            return Err(Error::Conflict(format!(
                "this pair's shared data ({} MiB) is more than one update file carries ({} MiB); \
                 delete goals, meetings or notes you no longer need, then export again",
                body.len() / 1024 / 1024,
                MAX_BODY_BYTES / 1024 / 1024
            )));
        }
        frame::seal_update(&secret, &partner, &body)
    })
}

/// Write [`export`] to a file.
pub fn export_to(db: &Db, pair_id: PairId, path: &Path) -> Result<Written> {
    let bytes = export(db, pair_id)?;
    write(pair_id, path, &bytes)
}

/// The name of this installation's update file of a pair in a shared
/// folder: the pair's tag (which names nothing) and my role.
pub fn folder_file_name(db: &Db, pair_id: PairId) -> Result<String> {
    db.read(|c| {
        let p = pair::load(c, pair_id)?;
        let peer = load_peer(c, pair_id)?
            .ok_or_else(|| Error::Conflict("this pair is not shared yet".into()))?;
        let (s, k) = peer.keys()?;
        let tag = frame::pair_tag(&frame::public_of(&s), &k);
        Ok(format!("{}.{}.{EXTENSION}", hex(&tag), p.my_role.as_str()))
    })
}

/// Write my update file of a pair into a shared folder (only my own file:
/// `<tag>.<role>.trellis-sync`; the partner writes theirs beside it).
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

/// What kind of sync file some bytes are, by their header: `update`,
/// `invite`, `answer`, or None.
pub fn file_kind(bytes: &[u8]) -> Option<&'static str> {
    match frame::kind(bytes)? {
        SYNC_FORMAT => Some("update"),
        INVITE_FORMAT => Some("invite"),
        _ => Some("answer"),
    }
}

/// Merge a checked file into its pair, inside the caller's transaction:
/// the rules of who may change what (see `state::apply`), then the limits
/// that keep the pair's own next file acceptable to the partner. `None`:
/// nothing changed.
fn merge_file(
    tx: &Connection,
    parsed: &Parsed,
    now: &str,
    limit_rows: bool,
) -> Result<Option<state::Outcome>> {
    let pair_id = parsed.pair;
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
    let peer = load_peer(tx, pair_id)?.ok_or_else(|| refused("the pair is no longer shared"))?;
    let seen_before = peer.last_seen.unwrap_or(Hlc::ZERO);
    let ctx = state::Ctx {
        pair: pair_id,
        my_role: p.my_role,
        me: &me,
        file_seen: parsed.seen,
        seen_before,
        now,
    };
    clock::set_applying(tx, true)?;
    let out = state::apply(tx, &parsed.state, &ctx)?;
    clock::set_applying(tx, false)?;
    // A pair graduates only when every criterion is confirmed by both,
    // whatever a file says.
    let status: String = tx
        .prepare_cached("SELECT status FROM pair WHERE id = ?1")?
        .query_row([pair_id], |r| r.get(0))?;
    if status == "graduated" && p.status != pair::PairStatus::Graduated {
        let (both, total) = crate::confirmation::count_both(tx, pair_id)?;
        if both < total || total == 0 {
            return Err(refused(format!(
                "the file sets the pair's status to graduated while {both} of {total} graduation criteria \
                 are confirmed by both of you; nothing was imported"
            )));
        }
    }
    if limit_rows && out.inserted > MAX_NEW_ROWS {
        return Err(refused(format!(
            "the file adds {} new items to the pair, more than one update may add ({MAX_NEW_ROWS}); \
             nothing was imported",
            out.inserted
        )));
    }
    let newer = parsed.clock > seen_before;
    if !out.changed() && !newer {
        return Ok(None);
    }
    if out.inserted > 0 {
        // This side's next file must be one the partner accepts.
        let size = export_body(tx, pair_id, &peer)?.len();
        if size > MAX_BODY_BYTES {
            return Err(refused(format!(
                "the file would grow the pair's shared data past what one update file carries \
                 ({} MiB); nothing was imported. Ask your partner to delete what is no longer needed",
                MAX_BODY_BYTES / 1024 / 1024
            )));
        }
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
}

/// Merge a partner's update file. Everything is checked first (size,
/// header, decryption with the pair's keys, counts, lengths, every value,
/// the clock at most 24 hours ahead, who may change what); a file of
/// another pair, an altered one, or one that breaks any rule is refused
/// with nothing written. Then one transaction merges it; importing the same
/// file again, or an older one, changes nothing.
pub fn import(db: &Db, bytes: &[u8]) -> Result<Imported> {
    let framed = frame::open(bytes, SYNC_FORMAT)?;
    let tag = frame::update_tag(&framed)?;
    let peer = db.read(|c| peer_by_tag(c, &tag))?.ok_or_else(|| {
        frame::refused_as(
            Refusal::OtherPair,
            "this update is not for a pair shared on this machine, or it was made with keys the pair no \
             longer uses (after a re-pair, only files made with the new keys are read)",
        )
    })?;
    let (secret, partner) = peer.keys()?;
    let body = frame::open_update(&framed, &secret, &partner)?;
    let parsed = parse_body(&body, SYNC_FORMAT, framed.minor, clock::wall_ms())?;
    if parsed.pair != peer.pair {
        return Err(frame::refused_as(
            Refusal::OtherPair,
            "the update names another pair than its keys",
        ));
    }
    if parsed.invite.is_some() {
        return Err(refused("an update file carries no invite"));
    }
    let pair_id = peer.pair;
    let now = time::stamp(time::now());
    let partner_name = db.read(|c| Ok(pair::load(c, pair_id)?.partner_name))?;
    let out = merge_transaction(
        db,
        |tx| merge_file(tx, &parsed, &now, true),
        state::Outcome::default(),
    )?;
    if out.changed() {
        // The partner's changes to the schedule or the action items.
        crate::calendar::follow(db, pair_id);
    }
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

/// [`import_answer`] from a file.
pub fn import_answer_file(db: &Db, path: &Path) -> Result<Answered> {
    import_answer(db, &read(path)?)
}

/// Import the partners' update files found in a shared folder: every
/// `<tag>.<role>.trellis-sync` of a pair shared here that this side did
/// not write. Each file is imported (or refused) on its own.
pub fn import_folder(db: &Db, dir: &Path) -> Result<Vec<FolderImport>> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Error::io(format!("cannot read the folder {}", dir.display()), e))?;
    // Tags of keyed pairs, and my role in each.
    let mine: HashSet<String> = db.read(|c| {
        let mut st = c.prepare_cached(
            "SELECT hex(s.tag), p.my_role FROM sync_peer s JOIN pair p ON p.id = s.pair_id WHERE s.tag IS NOT NULL",
        )?;
        let rows = st.query_map([], |r| {
            Ok(format!(
                "{}.{}",
                r.get::<_, String>(0)?.to_lowercase(),
                r.get::<_, String>(1)?
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    })?;
    let tags: HashSet<&str> = mine.iter().filter_map(|m| m.split('.').next()).collect();
    let mut files: Vec<PathBuf> = Vec::new();
    for e in entries.flatten() {
        let path = e.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(stem) = name.strip_suffix(&format!(".{EXTENSION}")) else {
            continue;
        };
        let Some((tag, _role)) = stem.split_once('.') else {
            continue;
        };
        if tags.contains(tag) && !mine.contains(stem) && path.is_file() {
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

// ----------------------------------------------------------------- clock --

/// This machine's sync clock, when it is more than a day ahead of the wall
/// clock (a wrong system date once is enough): milliseconds ahead.
pub fn clock_ahead(db: &Db) -> Result<Option<i64>> {
    let ahead = db.read(clock::current)?.ms - clock::wall_ms();
    Ok((ahead > MAX_CLOCK_AHEAD_MS).then_some(ahead))
}

/// What [`repair_clock`] did.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ClockRepair {
    /// How far ahead the clock was, in milliseconds (0: it was fine).
    #[ts(type = "number")]
    pub was_ahead_ms: i64,
    /// Stamps moved back to now.
    pub restamped: u32,
}

/// Bring a sync clock that ran ahead back to now: every stamp in the future
/// (of a field, a deletion, a conflict, what was seen of the partner) is
/// moved to now, in its order, and the clock continues from there. The data
/// is unchanged; the next update file carries the same values with stamps
/// the partner accepts. One transaction.
pub fn repair_clock(db: &Db) -> Result<ClockRepair> {
    let wall = clock::wall_ms();
    db.read(|c| {
        let tx = rusqlite::Transaction::new_unchecked(c, TransactionBehavior::Immediate)?;
        let was = clock::current(&tx)?;
        let floor = Hlc {
            ms: wall,
            counter: 0,
        };
        // Every future stamp, oldest first, gets the next stamp from now.
        let mut stamps: Vec<String> = Vec::new();
        for sql in [
            "SELECT hlc FROM field_clock WHERE hlc > ?1",
            "SELECT hlc FROM tombstone WHERE hlc > ?1",
            "SELECT hlc FROM sync_conflict WHERE hlc > ?1",
            "SELECT last_seen FROM sync_peer WHERE last_seen > ?1",
        ] {
            let mut st = tx.prepare(sql)?;
            let rows = st.query_map([floor.encode()], |r| r.get::<_, String>(0))?;
            for r in rows {
                stamps.push(r?);
            }
        }
        stamps.sort();
        stamps.dedup();
        let mut next = floor;
        let mut restamped = 0u32;
        for old in &stamps {
            next = next.tick(wall);
            let new = next.encode();
            for sql in [
                "UPDATE field_clock SET hlc = ?2 WHERE hlc = ?1",
                "UPDATE tombstone SET hlc = ?2 WHERE hlc = ?1",
                "UPDATE OR IGNORE sync_conflict SET hlc = ?2 WHERE hlc = ?1",
                "UPDATE sync_peer SET last_seen = ?2 WHERE last_seen = ?1",
            ] {
                restamped += tx.execute(sql, params![old, new])? as u32;
            }
        }
        let now = if was > next { next.max(floor) } else { was };
        tx.execute(
            "UPDATE sync_clock SET wall_ms = ?1, counter = ?2 WHERE id = 1",
            params![now.ms, now.counter],
        )?;
        tx.commit()?;
        Ok(ClockRepair {
            was_ahead_ms: (was.ms - wall).max(0),
            restamped,
        })
    })
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
    let table = Table::parse(&tbl).ok_or_else(|| Error::Format {
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
            return Err(Error::Conflict(format!("conflict {id} is resolved already")));
        }
        if keep == k.lost_side {
            let table = Table::parse(&tbl_of(tx, id)?)
                .ok_or_else(|| Error::Conflict("this conflict is of an unknown kind".into()))?;
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
                return Err(Error::Conflict(
                    "this text was written while the note was private here; keeping it in the note would \
                     share it. Copy it into a note yourself if you mean to share it, or keep theirs"
                        .into(),
                ));
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
                Table::GoalCriterion | Table::MeetingGoal => 0,
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
    let folder = folder::folder(db, pair_id)?;
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
            safety_code: peer.as_ref().and_then(Peer::safety_code),
            waiting_for_answer: peer
                .as_ref()
                .is_some_and(|p| p.my_secret.is_some() && p.partner_public.is_none()),
            needs_re_pair: peer.as_ref().is_some_and(|p| p.my_secret.is_none()),
            clock_ahead_ms: Some(clock::current(c)?.ms - clock::wall_ms())
                .filter(|ahead| *ahead > MAX_CLOCK_AHEAD_MS),
            partner_replica: peer.as_ref().and_then(|p| p.partner_replica.clone()),
            last_import_at: peer.and_then(|p| p.last_import_at),
            open_conflicts: open,
            replica: clock::replica(c)?,
            warning,
            folder,
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
/// `.dropbox`, Nextcloud's and ownCloud's `.nextcloud`,
/// `.nextcloudsync.log` and `.owncloudsync.log`, and folder names such as
/// Dropbox, OneDrive, Nextcloud or Syncthing.
pub fn synced_folder_warning(dir: &Path) -> Option<String> {
    let abs = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    for a in abs.ancestors() {
        let marker = [
            (".stfolder", "Syncthing"),
            (".dropbox", "Dropbox"),
            (".dropbox.cache", "Dropbox"),
            (".nextcloud", "Nextcloud"),
            (".nextcloudsync.log", "Nextcloud"),
            (".owncloudsync.log", "Nextcloud or ownCloud"),
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

/// What anyone who holds this side's keys of a pair can do with them: read
/// the body of an update file of the pair, and seal any body as an update
/// from this side. A partner who changes their own Trellis can do as much;
/// the tests and the fuzz target forge files with it, to show that the
/// checks of [`import`] do not rest on the writer being honest.
#[doc(hidden)]
pub mod forge {
    use super::*;

    /// The decrypted body of an update file of a pair shared here.
    pub fn open(db: &Db, bytes: &[u8]) -> Result<Vec<u8>> {
        let framed = frame::open(bytes, SYNC_FORMAT)?;
        let tag = frame::update_tag(&framed)?;
        let peer = db
            .read(|c| peer_by_tag(c, &tag))?
            .ok_or_else(|| refused("not a pair of this machine"))?;
        let (s, p) = peer.keys()?;
        frame::open_update(&framed, &s, &p)
    }

    /// `body`, sealed as an invite that `code` opens.
    pub fn seal_invite(code: &str, body: &[u8]) -> Result<Vec<u8>> {
        frame::seal_invite(code, body)
    }

    /// `body`, sealed as an update file from this side of the pair.
    pub fn seal(db: &Db, pair_id: PairId, body: &[u8]) -> Result<Vec<u8>> {
        let peer = db
            .read(|c| load_peer(c, pair_id))?
            .ok_or_else(|| refused("not shared"))?;
        let (s, p) = peer.keys()?;
        frame::seal_update(&s, &p, body)
    }
}
