//! Pair sync (issue 5): invites, update files, the merge, conflicts,
//! co-signed graduation, refusals with nothing written, and properties over
//! random edits and exchange schedules on two replicas.

mod files;
mod merge;
mod properties;

use std::fmt::Write as _;

use hmac::{Hmac, Mac};
use rusqlite::types::ValueRef;
use sha2::Sha256;
use trellis_core::id::PairId;
use trellis_core::pair::Pair;
use trellis_core::{sync, Db};

use super::util::*;

/// A creator (the mentee) with a pair, and the partner who accepted its
/// invite (the mentor): the same pair on two machines.
pub struct Two {
    pub a: Db,
    pub b: Db,
    pub pair: PairId,
}

pub fn two() -> Two {
    let a = db();
    let p: Pair = add_pair(&a, "Morgan Mentor");
    let inv = sync::invite(&a, p.id, "Ada Mentee").unwrap();
    let b = db();
    sync::accept(&b, &inv).unwrap();
    Two { a, b, pair: p.id }
}

impl Two {
    /// A's update file imported by B.
    pub fn a_to_b(&self) -> sync::Imported {
        sync::import(&self.b, &sync::export(&self.a, self.pair).unwrap()).unwrap()
    }

    pub fn b_to_a(&self) -> sync::Imported {
        sync::import(&self.a, &sync::export(&self.b, self.pair).unwrap()).unwrap()
    }

    /// Both ways, then back again: after this both hold everything.
    pub fn settle(&self) {
        self.b_to_a();
        self.a_to_b();
    }
}

/// Rows of a query, one line each, for comparing two databases.
fn dump(db: &Db, sql: &str, pair: PairId, out: &mut String) {
    db.read(|c| {
        let mut st = c.prepare(sql)?;
        let n = st.column_count();
        let mut rows = st.query([pair.to_string()])?;
        while let Some(r) = rows.next()? {
            let cells: Vec<String> = (0..n)
                .map(|i| match r.get_ref(i).unwrap() {
                    ValueRef::Null => "NULL".into(),
                    ValueRef::Integer(v) => v.to_string(),
                    ValueRef::Real(v) => v.to_string(),
                    ValueRef::Text(t) => format!("{:?}", String::from_utf8_lossy(t)),
                    ValueRef::Blob(b) => format!("{b:?}"),
                })
                .collect();
            let _ = writeln!(out, "{}", cells.join(" | "));
        }
        Ok(())
    })
    .unwrap();
}

/// The pair's shared state as both sides must agree on it: every shared
/// table, the pair's settings by role (not mine/theirs), shared notes only,
/// and the criteria without this side's own mark (each side's mark is in the
/// confirmations).
pub fn digest(db: &Db, pair: PairId) -> String {
    let mut out = String::new();
    let queries = [
        "SELECT match_date, CASE my_role WHEN 'mentor' THEN my_tz ELSE partner_tz END,
                CASE my_role WHEN 'mentee' THEN my_tz ELSE partner_tz END,
                cadence_days, status, end_reason, status_changed_on, program_id, pack_version,
                cohort_id, created_at
         FROM pair WHERE id = ?1",
        "SELECT * FROM goal WHERE pair_id = ?1 ORDER BY id",
        "SELECT m.* FROM milestone m JOIN goal g ON g.id = m.goal_id WHERE g.pair_id = ?1 ORDER BY m.id",
        "SELECT id, pair_id, pack_criterion_id, position, text, created_at, updated_at
         FROM criterion WHERE pair_id = ?1 ORDER BY id",
        "SELECT cc.* FROM criterion_confirmation cc JOIN criterion c ON c.id = cc.criterion_id
         WHERE c.pair_id = ?1 ORDER BY 1, 2",
        "SELECT gc.* FROM goal_criterion gc JOIN goal g ON g.id = gc.goal_id WHERE g.pair_id = ?1 ORDER BY 1, 2",
        "SELECT * FROM meeting WHERE pair_id = ?1 ORDER BY id",
        "SELECT mg.* FROM meeting_goal mg JOIN meeting m ON m.id = mg.meeting_id WHERE m.pair_id = ?1 ORDER BY 1, 2",
        "SELECT * FROM action_item WHERE pair_id = ?1 ORDER BY id",
        "SELECT * FROM note WHERE pair_id = ?1 AND visibility = 'shared' ORDER BY id",
    ];
    for q in queries {
        let _ = writeln!(
            out,
            "-- {}",
            q.split_whitespace().take(4).collect::<Vec<_>>().join(" ")
        );
        dump(db, q, pair, &mut out);
    }
    out
}

/// The pair key a database keeps (to forge files in tests).
pub fn key_of(db: &Db, pair: PairId) -> [u8; 32] {
    let k: Vec<u8> = db
        .read(|c| {
            Ok(c.query_row(
                "SELECT key FROM sync_peer WHERE pair_id = ?1",
                [pair.to_string()],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    k.try_into().unwrap()
}

/// Split an update file into its header fields and JSON body.
pub fn split(file: &[u8]) -> (String, serde_json::Value) {
    let nl = file.iter().position(|&b| b == b'\n').unwrap();
    (
        String::from_utf8(file[..nl].to_vec()).unwrap(),
        serde_json::from_slice(&file[nl + 1..]).unwrap(),
    )
}

/// An update file with this body, sealed with the pair key the way Trellis
/// does (a forgery only the partner could make).
pub fn reseal(pair: PairId, key: &[u8; 32], body: &serde_json::Value) -> Vec<u8> {
    let body = serde_json::to_vec(body).unwrap();
    let head = format!("trellis-sync 1.0 {pair}");
    let mut m = Hmac::<Sha256>::new_from_slice(key).unwrap();
    m.update(head.as_bytes());
    m.update(b"\n");
    m.update(&body);
    let tag: String = m
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let mut out = format!("{head} {tag}\n").into_bytes();
    out.extend_from_slice(&body);
    out
}

/// Standard base64 (for looking for a canary encoded that way).
pub fn base64(bytes: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut s = String::new();
    for ch in bytes.chunks(3) {
        let n = (u32::from(ch[0]) << 16)
            | (u32::from(*ch.get(1).unwrap_or(&0)) << 8)
            | u32::from(*ch.get(2).unwrap_or(&0));
        for i in 0..=ch.len() {
            s.push(char::from(T[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    s
}

/// Panic if `secret` appears in a file as is, JSON-escaped, or in base64
/// (at any of the three alignments).
pub fn assert_absent(file: &[u8], secret: &str) {
    let hay = String::from_utf8_lossy(file);
    let escaped = serde_json::to_string(secret).unwrap();
    let ascii_escaped: String = secret
        .chars()
        .map(|c| {
            if c.is_ascii() {
                c.to_string()
            } else {
                format!("\\u{:04x}", c as u32)
            }
        })
        .collect();
    assert!(!hay.contains(secret), "{secret:?} is in a sync file");
    assert!(
        !hay.contains(escaped.trim_matches('"')),
        "{secret:?} is in a sync file, escaped"
    );
    assert!(
        !hay.contains(&ascii_escaped),
        "{secret:?} is in a sync file, \\u-escaped"
    );
    for shift in 0..3 {
        let mut padded = vec![b' '; shift];
        padded.extend_from_slice(secret.as_bytes());
        let enc = base64(&padded);
        // Skip the characters the padding influences and the ragged end.
        let core: String = enc.chars().skip(shift * 2).collect();
        let core: String = core.chars().take(core.len().saturating_sub(4)).collect();
        assert!(
            core.len() < 8 || !hay.contains(&core),
            "{secret:?} is in a sync file as base64"
        );
    }
}
