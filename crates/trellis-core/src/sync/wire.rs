//! The body of a sync file, inside its encryption: the JSON shapes of an
//! update or invite ([`Body`]) and of an answer ([`AnswerBody`]), how this
//! side's state becomes one ([`body_of`]), and [`parse_body`], which checks
//! a decrypted body against every rule (counts, lengths, every value, the
//! clock) before anything is merged. The sealing around it is in `frame`;
//! which tables and fields sync, in `schema`.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use super::clock::Hlc;
use super::frame::{self, refused};
use super::schema::{Table, Ty, Val};
use super::state::{Cell, Clock, Record, State, Tomb};
use super::{schema, state, FORMAT_MAJOR, FORMAT_MINOR, MAX_CLOCK_AHEAD_MS};
use crate::id::PairId;
use crate::pair::Role;
use crate::{time, Refusal, Result};

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Body<'a> {
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
pub(super) struct From {
    pub(super) replica: String,
    pub(super) role: Role,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct InviteInfo {
    /// The creator's display name, for the partner's copy.
    pub(super) name: String,
    pub(super) program_id: String,
    pub(super) pack_version: String,
    pub(super) cohort_id: String,
    /// The pack's TOML when it is not built into Trellis.
    pub(super) pack: Option<String>,
    pub(super) pair_created_at: String,
    /// The inviter's public key for this pair (64 hex digits).
    pub(super) public_key: String,
}

/// What an answer to an invite holds: the invitee's public key.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct AnswerBody {
    pub(super) format: String,
    pub(super) format_version: String,
    pub(super) pair_id: String,
    pub(super) from: From,
    /// The invitee's public key (64 hex digits).
    pub(super) public_key: String,
    /// The inviter's public key the invite carried: which invite this answers.
    pub(super) invite_key: String,
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
pub(super) struct Parsed {
    pub(super) pair: PairId,
    pub(super) from_replica: String,
    pub(super) from_role: Role,
    pub(super) clock: Hlc,
    pub(super) seen: Hlc,
    pub(super) invite: Option<InviteInfo>,
    pub(super) state: State,
}

/// Who writes a file, and their clocks.
pub(super) struct Writer<'a> {
    pub(super) format: &'a str,
    pub(super) pair: PairId,
    pub(super) role: Role,
    pub(super) me: &'a str,
    pub(super) clock: Hlc,
    pub(super) seen: Option<Hlc>,
}

pub(super) fn body_of(w: Writer<'_>, invite: Option<InviteInfo>, st: State) -> Body<'static> {
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

pub(super) fn is_replica(s: &str) -> bool {
    s.len() == 32
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Check a decrypted body against every rule. `format` and `minor` are
/// from the file's header.
pub(super) fn parse_body(body: &[u8], format: &str, minor: u32, now_ms: i64) -> Result<Parsed> {
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
        let link_removed = matches!(table.key(), schema::Key::Link(..))
            && fields.get("present").map(|c| &c.value) == Some(&Val::Int(0));
        if link_removed {
            // A removed link says only that: its other fields are not needed.
        } else if table == Table::Note {
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
pub(super) fn short(s: &str) -> String {
    s.chars().take(40).collect()
}
