//! Update files: [`export`] writes a pair's whole shared state, encrypted to
//! the partner; [`import`] checks one and merges it in one transaction;
//! [`import_folder`] imports the partner's files found in a shared folder.

use crate::error::{Clash, ShareHint};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rusqlite::{params, Connection};
use serde::Serialize;

use super::clock::{self, Hlc};
use super::frame::{self, refused};
use super::peer::{hex, load_peer, merge_transaction, peer_by_tag, Peer};
use super::wire::{body_of, parse_body, Parsed, Writer};
use super::{
    state, EXTENSION, INVITE_FORMAT, MAX_CLOCK_AHEAD_MS, MAX_FILE_BYTES, MAX_FOLDER_FILES,
    SYNC_FORMAT,
};
use crate::id::PairId;
use crate::{pair, time, Db, Error, Reason, Refusal, Result};

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

/// The largest body an export writes: what an import accepts, less room
/// for the framing and for the few fields that differ between two exports
/// of the same state (clocks, the time of writing).
pub const MAX_BODY_BYTES: usize = MAX_FILE_BYTES - 64 * 1024;
/// Most rows one update file may add to a pair.
pub const MAX_NEW_ROWS: u32 = 10_000;

fn clock_ahead_error(ahead_ms: i64) -> Error {
    Error::Conflict(Clash::ClockAhead {
        hours: ahead_ms / 3_600_000,
    })
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
            Error::Conflict(Clash::PairNotShared {
                hint: ShareHint::WriteInvite,
            })
        })?;
        let (secret, partner) = peer.keys()?;
        let ahead = clock::current(c)?.ms - clock::wall_ms();
        if ahead > MAX_CLOCK_AHEAD_MS {
            return Err(clock_ahead_error(ahead));
        }
        let body = export_body(c, pair_id, &peer)?;
        if body.len() > MAX_BODY_BYTES {
            return Err(Error::Conflict(Clash::UpdateTooLarge {
                size_mib: body.len() / 1024 / 1024,
                max_mib: MAX_BODY_BYTES / 1024 / 1024,
            }));
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
        let peer = load_peer(c, pair_id)?.ok_or_else(|| {
            Error::Conflict(Clash::PairNotShared {
                hint: ShareHint::None,
            })
        })?;
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
            Reason::NotAFolder {
                path: dir.display().to_string(),
            },
        ));
    }
    let name = folder_file_name(db, pair_id)?;
    export_to(db, pair_id, &dir.join(name))
}

pub(super) fn write(pair_id: PairId, path: &Path, bytes: &[u8]) -> Result<Written> {
    crate::file::write_atomic(path, bytes)?;
    Ok(Written {
        pair_id,
        path: path.display().to_string(),
        bytes: bytes.len() as i64,
    })
}

pub(super) fn read(path: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let f = std::fs::File::open(path).map_err(|e| {
        Error::io(
            crate::IoOp::Read,
            format!("cannot read {}", path.display()),
            e,
        )
    })?;
    let mut buf = Vec::new();
    f.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(|e| {
            Error::io(
                crate::IoOp::Read,
                format!("cannot read {}", path.display()),
                e,
            )
        })?;
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
pub(super) fn merge_file(
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
        if let Some((both, total)) = pair::graduation::shortfall_for_partner(tx, pair_id)? {
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

/// Import the partners' update files found in a shared folder: every
/// `<tag>.<role>.trellis-sync` of a pair shared here that this side did
/// not write. Each file is imported (or refused) on its own.
pub fn import_folder(db: &Db, dir: &Path) -> Result<Vec<FolderImport>> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Error::io(
            crate::IoOp::List,
            format!("cannot read the folder {}", dir.display()),
            e,
        )
    })?;
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
