//! Starting to sync a pair: the invite file sealed under a one-time code
//! ([`invite`], [`re_pair`]), what accepting it would do ([`preview_invite`],
//! [`preview_join`]), joining ([`accept`]), and the answer that carries the
//! joiner's public key back to the inviter ([`import_answer`]).

use crate::error::Clash;
use crate::error::FileKind;
use std::path::Path;

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::clock::{self, Hlc};
use super::frame::{self, refused};
use super::peer::{
    hex, load_peer, merge_transaction, peer_from_row, set_keys, unhex32, Peer, PEER_COLUMNS,
};
use super::schema::{Table, Val};
use super::update::{merge_file, read, write, Written};
use super::wire::{
    body_of, is_replica, parse_body, short, AnswerBody, From, InviteInfo, Parsed, Writer,
};
use super::{state, ANSWER_FORMAT, FORMAT_MAJOR, FORMAT_MINOR, INVITE_FORMAT};
use crate::id::PairId;
use crate::pair::{self, Pair, Role};
use crate::{pack, text, time, Db, Error, Result};

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
                return Err(Error::Conflict(Clash::PairedAlready));
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
            file: FileKind::InviteFile,
            what: "invite file".into(),
            reason,
        },
        Error::Refused { why, reason, .. } => Error::Refused {
            file: FileKind::InviteFile,
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
                    return Err(Error::Conflict(Clash::InviteAcceptedAlready));
                }
                if peer.is_none() || here.my_role != my_role {
                    return Err(Error::Conflict(Clash::PairHereAlready));
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
            return Err(refused(
                "this answer was written on this machine; give it to your partner",
            ));
        }
        match peer.partner_public {
            Some(k) if k == theirs => {}
            Some(_) => return Err(Error::Conflict(Clash::PartnerKeyDiffers)),
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

/// [`import_answer`] from a file.
pub fn import_answer_file(db: &Db, path: &Path) -> Result<Answered> {
    import_answer(db, &read(path)?)
}
