#![no_main]
//! Invite and sync (update) files, as `sync::accept` and `sync::import` read
//! them. Their header carries an HMAC over the body, which random bytes never
//! get right, so the first input byte picks what the harness does:
//!
//! - `0`: the rest as a whole file, to `import` and `accept` (header checks);
//! - `1`: the rest as the body of an update file for a pair we share, framed
//!   with a valid MAC, to `import` (body parser, limits, merge);
//! - `2`: the rest as the body of an invite, framed with a valid MAC, to
//!   `accept` on a fresh database.
//!
//! Seeds (`seeds/sync/`) come from `trellis sync invite` / `sync export` of
//! a sample pair whose id is [`SEED_PAIR`]; the harness puts its own pair's
//! id in its place.

use std::sync::OnceLock;

use hmac::{Hmac, Mac};
use libfuzzer_sys::fuzz_target;
use sha2::Sha256;
use trellis_core::pair::{self, NewPair, Role};
use trellis_core::{sync, Db};

const SEED_PAIR: &str = "01a20410-7e5b-7131-bde5-089b88d83fb0";

struct Shared {
    /// The partner's copy, which receives update files.
    db: Db,
    pair: String,
    key: [u8; 32],
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn shared() -> &'static Shared {
    static S: OnceLock<Shared> = OnceLock::new();
    S.get_or_init(|| {
        let mine = Db::open_in_memory().expect("a database");
        let p = pair::add(
            &mine,
            NewPair {
                my_role: Some(Role::Mentee),
                partner_name: "Ada".into(),
                program_id: "openstack-mentoring".into(),
                cohort_id: "first-patch".into(),
                match_date: "2026-03-01".into(),
                my_tz: "UTC".into(),
                partner_tz: "UTC".into(),
                cadence_days: 14,
                own_criteria: vec![],
            },
        )
        .expect("a pair");
        let invite = sync::invite(&mine, p.id, "Grace").expect("an invite");
        let db = Db::open_in_memory().expect("a database");
        sync::accept(&db, &invite).expect("the invite is accepted");
        let header = invite.split(|b| *b == b'\n').next().expect("a header");
        let fields: Vec<&[u8]> = header.split(|b| *b == b' ').collect();
        let key_hex = std::str::from_utf8(fields[3]).expect("hex");
        let mut key = [0u8; 32];
        for (i, k) in key.iter_mut().enumerate() {
            *k = u8::from_str_radix(&key_hex[2 * i..2 * i + 2], 16).expect("hex");
        }
        Shared {
            db,
            pair: p.id.to_string(),
            key,
        }
    })
}

/// `head MAC\nbody`, the MAC over `head`, a newline and `body`.
fn seal(head: &str, key: &[u8; 32], body: &[u8]) -> Vec<u8> {
    let mut m = Hmac::<Sha256>::new_from_slice(key).expect("a 32-byte key");
    m.update(head.as_bytes());
    m.update(b"\n");
    m.update(body);
    let tag = m.finalize().into_bytes();
    let mut out = format!("{head} {}\n", hex(&tag)).into_bytes();
    out.extend_from_slice(body);
    out
}

fn replace(haystack: &[u8], from: &str, to: &str) -> Vec<u8> {
    let (from, to) = (from.as_bytes(), to.as_bytes());
    let mut out = Vec::with_capacity(haystack.len());
    let mut i = 0;
    while i < haystack.len() {
        if haystack[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(haystack[i]);
            i += 1;
        }
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let s = shared();
    match mode % 3 {
        0 => {
            let _ = sync::import(&s.db, rest);
            let _ = sync::accept(&s.db, rest);
        }
        1 => {
            let body = replace(rest, SEED_PAIR, &s.pair);
            let file = seal(&format!("trellis-sync 1.0 {}", s.pair), &s.key, &body);
            let _ = sync::import(&s.db, &file);
        }
        _ => {
            let key = [7u8; 32];
            let head = format!("trellis-invite 1.0 {SEED_PAIR} {}", hex(&key));
            let file = seal(&head, &key, rest);
            if let Ok(db) = Db::open_in_memory() {
                let _ = sync::accept(&db, &file);
            }
        }
    }
});
