//! This side's record of a shared pair (`sync_peer`): its keys, the tag its
//! update files carry, and what it last heard from the partner; and the
//! transaction a merge runs in.

use crate::error::Clash;
use rusqlite::{params, Connection, TransactionBehavior};

use super::clock::Hlc;
use super::frame;
use crate::id::PairId;
use crate::{Db, Error, Result};

/// This side's keys of a shared pair, and what it last heard from the partner.
pub(super) struct Peer {
    pub(super) pair: PairId,
    /// None: shared with a Trellis before format 2; the pair must re-pair.
    pub(super) my_secret: Option<[u8; 32]>,
    /// None until the partner's answer to my invite is imported.
    pub(super) partner_public: Option<[u8; 32]>,
    pub(super) partner_replica: Option<String>,
    pub(super) last_seen: Option<Hlc>,
    pub(super) last_import_at: Option<String>,
}

impl Peer {
    /// Both keys, or why update files cannot be written or read yet.
    pub(super) fn keys(&self) -> Result<([u8; 32], [u8; 32])> {
        match (self.my_secret, self.partner_public) {
            (Some(s), Some(p)) => Ok((s, p)),
            (None, _) => Err(Error::Conflict(Clash::OldPairing)),
            (Some(_), None) => Err(Error::Conflict(Clash::AwaitingAnswer)),
        }
    }

    pub(super) fn safety_code(&self) -> Option<String> {
        let (s, p) = self.keys().ok()?;
        Some(frame::safety_code(&frame::public_of(&s), &p))
    }
}

fn key32(v: Option<Vec<u8>>) -> Result<Option<[u8; 32]>> {
    v.map(|k| {
        k.try_into()
            .map_err(|_| Error::Conflict(Clash::PairKeyDamaged))
    })
    .transpose()
}

pub(super) const PEER_COLUMNS: &str =
    "pair_id, my_secret, partner_public, partner_replica, last_seen, last_import_at";

pub(super) fn peer_from_row(r: &rusqlite::Row<'_>) -> Result<Peer> {
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

pub(super) fn load_peer(c: &Connection, pair: PairId) -> Result<Option<Peer>> {
    let mut st = c.prepare_cached(&format!(
        "SELECT {PEER_COLUMNS} FROM sync_peer WHERE pair_id = ?1"
    ))?;
    let mut rows = st.query([pair])?;
    rows.next()?.map(peer_from_row).transpose()
}

pub(super) fn peer_by_tag(c: &Connection, tag: &[u8; 16]) -> Result<Option<Peer>> {
    let mut st = c.prepare_cached(&format!(
        "SELECT {PEER_COLUMNS} FROM sync_peer WHERE tag = ?1"
    ))?;
    let mut rows = st.query([tag.as_slice()])?;
    rows.next()?.map(peer_from_row).transpose()
}

/// Record both keys of a pair (and the tag its update files carry).
pub(super) fn set_keys(
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

pub(super) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub(super) fn unhex32(s: &str) -> Option<[u8; 32]> {
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
pub(super) fn merge_transaction<T>(
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
