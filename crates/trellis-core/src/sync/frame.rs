//! The outer shape of sync files (format 2): one ASCII header line with the
//! format and its version, then bytes that only the partners can read.
//!
//! ```text
//! trellis-invite 2.0\n salt(16) m_kib(4) t(4) nonce(24) XChaCha20-Poly1305(body)
//! trellis-answer 2.0\n ephemeral public key(32) nonce(24) box(body)
//! trellis-sync 2.0\n   pair tag(16) nonce(24) box(body)
//! ```
//!
//! - An invite is sealed under a key derived with Argon2id from a one-time
//!   code that the inviter tells the partner another way (a call, a chat);
//!   the header line and the derivation's salt and costs are its associated
//!   data. It carries the inviter's public key.
//! - An answer is sealed to the inviter's public key from a throwaway key
//!   pair (an anonymous box): it carries the invitee's public key.
//! - An update is a box (X25519, HChaCha20, XChaCha20-Poly1305: `crypto_box`)
//!   from the writer's secret key to the reader's public key. The pair tag, a
//!   hash of both public keys, lets the reader find its keys; it names no
//!   pair, and no one who lacks both public keys can tell which pair it is.
//!
//! Nothing here is new cryptography: `crypto_box`, `chacha20poly1305` and
//! `argon2` (RustCrypto) do all of it; this module only frames their output.
//! Everything here runs before the body is parsed: the size limit, the
//! header, the decryption (which checks the tag of the whole file), and a
//! scan that bounds record counts, nesting and string lengths.

use crate::error::FileKind;
use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::XChaCha20Poly1305;
use crypto_box::{ChaChaBox, PublicKey, SecretKey};
use sha2::{Digest, Sha256};

use crate::{Error, Reason, Refusal, Result};

pub const SYNC_FORMAT: &str = "trellis-sync";
pub const INVITE_FORMAT: &str = "trellis-invite";
pub const ANSWER_FORMAT: &str = "trellis-answer";
/// The major version this build reads and writes. Files of format 1 (only
/// authenticated, with the pair key in the invite) are refused: re-pair.
pub const FORMAT_MAJOR: u32 = 2;
/// The minor version this build writes. A newer minor is read, ignoring what it added.
/// 2.1 (issue 16): the pair's `mentor_hours`, `mentee_hours` and next meeting.
/// 2.2 (issue 17): `meeting_action`, the carried-forward items a meeting reviewed.
pub const FORMAT_MINOR: u32 = 2;
/// Largest file accepted, checked before reading it whole.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;
/// Most records (rows and tombstones) in one file.
pub const MAX_RECORDS: usize = 250_000;
/// Longest string in a file, in bytes as written (a note's 100,000
/// characters fit, even escaped).
pub const MAX_STRING_BYTES: usize = 1024 * 1024;
/// Deepest nesting of arrays and objects in a body.
pub const MAX_DEPTH: usize = 6;
const MAX_HEADER_BYTES: usize = 64;

const NONCE: usize = 24;
const TAG: usize = 16;
const SALT: usize = 16;
/// Argon2id costs an invite is written with (OWASP's first choice:
/// 19 MiB, two passes, one lane), and the range a reader accepts.
const ARGON_M_KIB: u32 = 19 * 1024;
const ARGON_T: u32 = 2;
const ARGON_M_RANGE: std::ops::RangeInclusive<u32> = 8 * 1024..=256 * 1024;
const ARGON_T_RANGE: std::ops::RangeInclusive<u32> = 1..=10;

/// The one-time code's alphabet (Crockford's base 32: no I, L, O, U) and
/// length: 12 symbols, 60 bits, written `XXXX-XXXX-XXXX`.
const CODE_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CODE_LEN: usize = 12;

pub(crate) fn refused(reason: impl Into<String>) -> Error {
    Error::Format {
        file: FileKind::SyncFile,
        what: "sync file".into(),
        reason: reason.into(),
    }
}

/// A refusal the person must hear apart from a malformed file (see [`Refusal`]).
pub(crate) fn refused_as(why: Refusal, reason: impl Into<String>) -> Error {
    Error::Refused {
        file: FileKind::SyncFile,
        what: "sync file".into(),
        why,
        reason: reason.into(),
    }
}

pub(crate) fn random<const N: usize>() -> Result<[u8; N]> {
    let mut out = [0u8; N];
    getrandom::fill(&mut out).map_err(|e| {
        Error::io(
            crate::IoOp::Random,
            "cannot get random bytes from the operating system",
            std::io::Error::other(e.to_string()),
        )
    })?;
    Ok(out)
}

/// A new X25519 secret key.
pub(crate) fn new_secret() -> Result<[u8; 32]> {
    random::<32>()
}

pub(crate) fn public_of(secret: &[u8; 32]) -> [u8; 32] {
    SecretKey::from_bytes(*secret).public_key().to_bytes()
}

fn both(a: &[u8; 32], b: &[u8; 32]) -> [u8; 64] {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    let mut out = [0u8; 64];
    out[..32].copy_from_slice(lo);
    out[32..].copy_from_slice(hi);
    out
}

/// The tag that names a pair's update files: the same for both partners,
/// computable only by someone who has both public keys.
pub(crate) fn pair_tag(a: &[u8; 32], b: &[u8; 32]) -> [u8; 16] {
    let h = Sha256::new()
        .chain_update(b"trellis pair tag 2\0")
        .chain_update(both(a, b))
        .finalize();
    let mut out = [0u8; 16];
    out.copy_from_slice(&h[..16]);
    out
}

/// The safety code both partners see: a fingerprint of both public keys,
/// 20 digits in groups of five. Equal on both screens means each holds the
/// other's key and no one stands between them.
pub(crate) fn safety_code(a: &[u8; 32], b: &[u8; 32]) -> String {
    let h = Sha256::new()
        .chain_update(b"trellis safety code 2\0")
        .chain_update(both(a, b))
        .finalize();
    let groups: Vec<String> = h
        .chunks(5)
        .take(4)
        .map(|c| {
            let n = c.iter().fold(0u64, |n, b| (n << 8) | u64::from(*b));
            format!("{:05}", n % 100_000)
        })
        .collect();
    groups.join(" ")
}

/// A new one-time code, `XXXX-XXXX-XXXX`.
pub(crate) fn new_code() -> Result<String> {
    let bytes = random::<CODE_LEN>()?;
    let symbols: Vec<char> = bytes
        .iter()
        .map(|b| char::from(CODE_ALPHABET[usize::from(b & 31)]))
        .collect();
    Ok(symbols
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-"))
}

/// A code as typed: case, spaces and dashes do not matter, and the letters
/// people confuse with digits (O, I, L) read as those digits.
pub(crate) fn normalize_code(typed: &str) -> Result<String> {
    let mut out = String::with_capacity(CODE_LEN);
    for c in typed.chars() {
        let c = match c.to_ascii_uppercase() {
            ' ' | '-' | '\t' => continue,
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        };
        if !c.is_ascii() || !CODE_ALPHABET.contains(&(c as u8)) {
            return Err(Error::invalid("code", Reason::NotAnInviteCode));
        }
        out.push(c);
    }
    if out.len() != CODE_LEN {
        return Err(Error::invalid("code", Reason::NotAnInviteCode));
    }
    Ok(out)
}

fn what(format: &str) -> &'static str {
    match format {
        INVITE_FORMAT => "an invite",
        ANSWER_FORMAT => "an answer to an invite",
        _ => "an update",
    }
}

/// Which kind of Trellis sync file these bytes are, by their header.
pub(crate) fn kind(bytes: &[u8]) -> Option<&'static str> {
    let head = &bytes[..bytes.len().min(MAX_HEADER_BYTES)];
    let word = head.split(|b| *b == b' ').next()?;
    [SYNC_FORMAT, INVITE_FORMAT, ANSWER_FORMAT]
        .into_iter()
        .find(|f| f.as_bytes() == word)
}

/// The header line checked (format `expect`, major version) and what follows.
pub(crate) struct Framed<'a> {
    pub minor: u32,
    /// The header line with its newline.
    pub head: &'a [u8],
    pub rest: &'a [u8],
}

pub(crate) fn open<'a>(bytes: &'a [u8], expect: &str) -> Result<Framed<'a>> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(refused(format!(
            "the file is larger than {} MiB",
            MAX_FILE_BYTES / 1024 / 1024
        )));
    }
    let found = kind(bytes);
    if found != Some(expect) {
        return Err(match found {
            Some(other) => refused(format!(
                "this is {} file, not {} file",
                what(other),
                what(expect)
            )),
            None => refused(format!(
                "this is not a Trellis file ({} file was expected)",
                what(expect)
            )),
        });
    }
    let nl = bytes
        .iter()
        .take(MAX_HEADER_BYTES)
        .position(|&b| b == b'\n');
    let line = std::str::from_utf8(&bytes[..nl.unwrap_or(bytes.len().min(MAX_HEADER_BYTES))])
        .map_err(|_| refused("the header line is not text"))?;
    let fields: Vec<&str> = line.split(' ').collect();
    let (major, minor) = fields
        .get(1)
        .and_then(|v| v.split_once('.'))
        .and_then(|(a, b)| Some((a.parse::<u32>().ok()?, b.parse::<u32>().ok()?)))
        .ok_or_else(|| refused("the header has no valid version"))?;
    if major < FORMAT_MAJOR {
        return Err(refused(format!(
            "this file is of format {major}.{minor}, from before sync files were encrypted; it is \
             refused. Re-pair: one of you writes a new invite (`trellis sync invite --re-pair`, or \
             Re-pair in the Sync dialog) and the other accepts it"
        )));
    }
    if major > FORMAT_MAJOR {
        return Err(refused(format!(
            "format version {major}.{minor} is not supported (this Trellis reads {FORMAT_MAJOR}.x); update Trellis"
        )));
    }
    let nl = nl.ok_or_else(|| refused("the header line is malformed"))?;
    if fields.len() != 2 {
        return Err(refused("the header line is malformed"));
    }
    Ok(Framed {
        minor,
        head: &bytes[..=nl],
        rest: &bytes[nl + 1..],
    })
}

fn head_line(format: &str) -> String {
    format!("{format} {FORMAT_MAJOR}.{FORMAT_MINOR}\n")
}

fn damaged(what: &str) -> Error {
    refused_as(
        Refusal::Altered,
        format!("{what} was altered or damaged, or it is not for you; nothing was imported"),
    )
}

fn boxed(public: &[u8; 32], secret: &[u8; 32]) -> ChaChaBox {
    ChaChaBox::new(
        &PublicKey::from_bytes(*public),
        &SecretKey::from_bytes(*secret),
    )
}

// ---------------------------------------------------------------- update --

/// An update file: `body` boxed from my secret key to the partner's public key.
pub(crate) fn seal_update(
    my_secret: &[u8; 32],
    partner_public: &[u8; 32],
    body: &[u8],
) -> Result<Vec<u8>> {
    let tag = pair_tag(&public_of(my_secret), partner_public);
    let nonce = random::<NONCE>()?;
    let ct = boxed(partner_public, my_secret)
        .encrypt(&nonce.into(), body)
        .map_err(|_| refused("cannot encrypt the file"))?;
    let mut out = head_line(SYNC_FORMAT).into_bytes();
    out.extend_from_slice(&tag);
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&ct);
    Ok(out)
}

/// The pair tag of an update file.
pub(crate) fn update_tag(f: &Framed<'_>) -> Result<[u8; 16]> {
    if f.rest.len() < 16 + NONCE + TAG {
        return Err(damaged("the update"));
    }
    let mut tag = [0u8; 16];
    tag.copy_from_slice(&f.rest[..16]);
    Ok(tag)
}

/// The body of an update file, decrypted and authenticated.
pub(crate) fn open_update(
    f: &Framed<'_>,
    my_secret: &[u8; 32],
    partner_public: &[u8; 32],
) -> Result<Vec<u8>> {
    update_tag(f)?;
    let nonce = &f.rest[16..16 + NONCE];
    boxed(partner_public, my_secret)
        .decrypt(nonce.into(), &f.rest[16 + NONCE..])
        .map_err(|_| damaged("the update"))
}

// ---------------------------------------------------------------- invite --

fn code_key(code: &str, salt: &[u8], m_kib: u32, t: u32) -> Result<[u8; 32]> {
    let params = Params::new(m_kib, t, 1, Some(32))
        .map_err(|_| refused("the invite's key derivation costs are invalid"))?;
    let mut key = [0u8; 32];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(code.as_bytes(), salt, &mut key)
        .map_err(|_| refused("cannot derive the invite's key"))?;
    Ok(key)
}

/// An invite: `body` sealed under a key derived from the one-time `code`.
pub(crate) fn seal_invite(code: &str, body: &[u8]) -> Result<Vec<u8>> {
    let code = normalize_code(code)?;
    let salt = random::<SALT>()?;
    let nonce = random::<NONCE>()?;
    let mut out = head_line(INVITE_FORMAT).into_bytes();
    out.extend_from_slice(&salt);
    out.extend_from_slice(&ARGON_M_KIB.to_be_bytes());
    out.extend_from_slice(&ARGON_T.to_be_bytes());
    out.extend_from_slice(&nonce);
    let key = code_key(&code, &salt, ARGON_M_KIB, ARGON_T)?;
    let ct = XChaCha20Poly1305::new(&key.into())
        .encrypt(
            &nonce.into(),
            Payload {
                msg: body,
                aad: &out,
            },
        )
        .map_err(|_| refused("cannot encrypt the invite"))?;
    out.extend_from_slice(&ct);
    Ok(out)
}

/// The body of an invite, opened with the code the inviter gave.
pub(crate) fn open_invite(f: &Framed<'_>, code: &str) -> Result<Vec<u8>> {
    let code = normalize_code(code)?;
    let r = f.rest;
    let fixed = SALT + 8 + NONCE;
    if r.len() < fixed + TAG {
        return Err(refused("the invite is damaged; ask for a new one"));
    }
    let salt = &r[..SALT];
    let word = |at: usize| u32::from_be_bytes([r[at], r[at + 1], r[at + 2], r[at + 3]]);
    let (m_kib, t) = (word(SALT), word(SALT + 4));
    if !ARGON_M_RANGE.contains(&m_kib) || !ARGON_T_RANGE.contains(&t) {
        return Err(refused(
            "the invite's key derivation costs are out of range",
        ));
    }
    let nonce = &r[SALT + 8..fixed];
    let key = code_key(&code, salt, m_kib, t)?;
    let mut aad = f.head.to_vec();
    aad.extend_from_slice(&r[..fixed]);
    XChaCha20Poly1305::new(&key.into())
        .decrypt(
            nonce.into(),
            Payload {
                msg: &r[fixed..],
                aad: &aad,
            },
        )
        .map_err(|_| {
            refused_as(
                Refusal::Altered,
                "the code does not open this invite (check the code with your partner), or the invite was altered",
            )
        })
}

// ---------------------------------------------------------------- answer --

/// An answer: `body` sealed to the inviter's public key from a throwaway key.
pub(crate) fn seal_answer(inviter_public: &[u8; 32], body: &[u8]) -> Result<Vec<u8>> {
    let eph = new_secret()?;
    let nonce = random::<NONCE>()?;
    let ct = boxed(inviter_public, &eph)
        .encrypt(&nonce.into(), body)
        .map_err(|_| refused("cannot encrypt the answer"))?;
    let mut out = head_line(ANSWER_FORMAT).into_bytes();
    out.extend_from_slice(&public_of(&eph));
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&ct);
    Ok(out)
}

/// The body of an answer, if it was sealed to the public key of `my_secret`.
pub(crate) fn open_answer(f: &Framed<'_>, my_secret: &[u8; 32]) -> Option<Vec<u8>> {
    let r = f.rest;
    if r.len() < 32 + NONCE + TAG {
        return None;
    }
    let mut eph = [0u8; 32];
    eph.copy_from_slice(&r[..32]);
    boxed(&eph, my_secret)
        .decrypt(r[32..32 + NONCE].into(), &r[32 + NONCE..])
        .ok()
}

/// Walk the body's bytes once, without building anything: nesting depth,
/// the number of records (objects directly inside a top-level array), and
/// the length of every string, against the limits. Malformed JSON is left
/// to the parser; this only bounds what the parser will be given.
pub(crate) fn prescan(body: &[u8]) -> Result<()> {
    let mut depth = 0usize;
    let mut records = 0usize;
    let mut i = 0usize;
    while i < body.len() {
        match body[i] {
            b'"' => {
                let start = i;
                i += 1;
                while i < body.len() && body[i] != b'"' {
                    if body[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                if i - start > MAX_STRING_BYTES {
                    return Err(refused(format!(
                        "a text in the file is longer than {} KiB",
                        MAX_STRING_BYTES / 1024
                    )));
                }
            }
            b'{' | b'[' => {
                if depth == 2 && body[i] == b'{' {
                    records += 1;
                    if records > MAX_RECORDS {
                        return Err(refused(format!(
                            "the file holds more than {MAX_RECORDS} records"
                        )));
                    }
                }
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(refused("the file is nested too deeply"));
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_update_opens_only_with_the_right_keys_and_any_change_is_caught() {
        let (a, b, c) = (
            new_secret().unwrap(),
            new_secret().unwrap(),
            new_secret().unwrap(),
        );
        let f = seal_update(&a, &public_of(&b), b"{\"a\":1}").unwrap();
        let o = open(&f, SYNC_FORMAT).unwrap();
        assert_eq!(
            update_tag(&o).unwrap(),
            pair_tag(&public_of(&a), &public_of(&b))
        );
        assert_eq!(open_update(&o, &b, &public_of(&a)).unwrap(), b"{\"a\":1}");
        assert!(open_update(&o, &c, &public_of(&a)).is_err());
        let mut bad = f.clone();
        let n = bad.len();
        bad[n - 2] ^= 1;
        assert!(open_update(&open(&bad, SYNC_FORMAT).unwrap(), &b, &public_of(&a)).is_err());
    }

    #[test]
    fn an_invite_opens_only_with_its_code() {
        let code = new_code().unwrap();
        let f = seal_invite(&code, b"{}").unwrap();
        let o = open(&f, INVITE_FORMAT).unwrap();
        assert_eq!(open_invite(&o, &code.to_lowercase()).unwrap(), b"{}");
        let other = new_code().unwrap();
        assert!(open_invite(&o, &other).is_err());
        let e = open(&f, SYNC_FORMAT).err().unwrap().to_string();
        assert!(e.contains("an invite file, not an update file"), "{e}");
    }

    #[test]
    fn both_sides_compute_the_same_safety_code_and_tag() {
        let (a, b) = (
            public_of(&new_secret().unwrap()),
            public_of(&new_secret().unwrap()),
        );
        assert_eq!(safety_code(&a, &b), safety_code(&b, &a));
        assert_eq!(pair_tag(&a, &b), pair_tag(&b, &a));
        assert_eq!(safety_code(&a, &b).len(), 23);
    }

    #[test]
    fn format_1_is_refused_with_advice_to_re_pair() {
        let e = open(b"trellis-sync 1.0 x y\n{}", SYNC_FORMAT)
            .err()
            .unwrap()
            .to_string();
        assert!(e.contains("Re-pair"), "{e}");
    }

    #[test]
    fn the_scan_bounds_depth_records_and_strings() {
        prescan(br#"{"records":[{"a":[1,"x"]}]}"#).unwrap();
        assert!(prescan(b"[[[[[[[[]]]]]]]]").is_err());
        let long = format!("{{\"a\":\"{}\"}}", "x".repeat(MAX_STRING_BYTES + 1));
        assert!(prescan(long.as_bytes()).is_err());
        let many = format!("{{\"r\":[{}{{}}]}}", "{},".repeat(MAX_RECORDS));
        assert!(prescan(many.as_bytes()).is_err());
        // An escaped quote does not end a string.
        prescan(br#"{"a":"x\"[[[[[[[[[[["}"#).unwrap();
    }
}
