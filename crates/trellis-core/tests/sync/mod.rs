//! Pair sync (issue 5): invites, update files, the merge, conflicts,
//! co-signed graduation, refusals with nothing written, and properties over
//! random edits and exchange schedules on two replicas.

mod attacker;
mod codes;
mod files;
mod folder;
mod graduation;
mod join;
mod merge;
mod partner;
mod properties;

use std::fmt::Write as _;

use rusqlite::types::ValueRef;
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
    let b = db();
    join(&a, &b, p.id);
    Two { a, b, pair: p.id }
}

/// `a` invites `b` into a pair `a` has; `b` accepts with the code and `a`
/// imports the answer.
pub fn join(a: &Db, b: &Db, pair: PairId) {
    let (inv, code) = invite(a, pair, "Ada Mentee");
    let acc = accept(b, &inv, &code).unwrap();
    let ans = sync::import_answer(a, &acc.answer).unwrap();
    assert_eq!(ans.safety_code, acc.safety_code);
}

/// An invite file and the one-time code that opens it.
pub fn invite(db: &Db, pair: PairId, my_name: &str) -> (Vec<u8>, String) {
    let inv = sync::invite(db, pair, my_name).unwrap();
    (inv.file, inv.code)
}

/// Accept an invite with its code.
pub fn accept(db: &Db, file: &[u8], code: &str) -> trellis_core::Result<sync::Accepted> {
    sync::accept(db, file, code)
}

/// The body of an update file as `reader` reads it (to forge a changed copy).
pub fn body_of(reader: &Db, _pair: PairId, file: &[u8]) -> serde_json::Value {
    serde_json::from_slice(&sync::forge::open(reader, file).unwrap()).unwrap()
}

/// A file with this body, made the way `writer`'s Trellis makes them: a
/// forgery only the holder of `writer`'s keys could make.
pub fn forge(writer: &Db, pair: PairId, body: &serde_json::Value) -> Vec<u8> {
    sync::forge::seal(writer, pair, &serde_json::to_vec(body).unwrap()).unwrap()
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
