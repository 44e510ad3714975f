//! The outer shape of sync and invite files: one ASCII header line with the
//! format, its version, the pair and an HMAC-SHA256 over everything else,
//! then the JSON body. Everything here runs before the body is parsed: the
//! size limit, the header, the MAC, and a scan that bounds record counts,
//! nesting and string lengths.
//!
//! ```text
//! trellis-sync 1.0 <pair id> <mac, 64 hex>\n<body>
//! trellis-invite 1.0 <pair id> <key, 64 hex> <mac, 64 hex>\n<body>
//! ```
//! The MAC covers the header line without its last field (and the space
//! before it), the newline, and the body, byte for byte.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::id::PairId;
use crate::{Error, Result};

pub const SYNC_FORMAT: &str = "trellis-sync";
pub const INVITE_FORMAT: &str = "trellis-invite";
/// The major version this build reads and writes; files of another major are refused.
pub const FORMAT_MAJOR: u32 = 1;
/// The minor version this build writes. A newer minor is read, ignoring what it added.
pub const FORMAT_MINOR: u32 = 0;
/// Largest file accepted, checked before reading it whole.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;
/// Most records (rows and tombstones) in one file.
pub const MAX_RECORDS: usize = 250_000;
/// Longest string in a file, in bytes as written (a note's 100,000
/// characters fit, even escaped).
pub const MAX_STRING_BYTES: usize = 1024 * 1024;
/// Deepest nesting of arrays and objects in a body.
pub const MAX_DEPTH: usize = 6;
const MAX_HEADER_BYTES: usize = 400;

type HmacSha256 = Hmac<Sha256>;

pub(crate) fn refused(reason: impl Into<String>) -> Error {
    Error::Format {
        what: "sync file".into(),
        reason: reason.into(),
    }
}

/// A header line, split and checked, and the body after it.
pub(crate) struct Framed<'a> {
    pub format: &'a str,
    pub minor: u32,
    pub pair: PairId,
    /// Only in invites: the pair key the file carries.
    pub key: Option<[u8; 32]>,
    mac: [u8; 32],
    signed_head: &'a [u8],
    pub body: &'a [u8],
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex32(s: &str) -> Option<[u8; 32]> {
    if s.len() != 64
        || !s
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, o) in out.iter_mut().enumerate() {
        *o = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

fn mac_of(key: &[u8; 32], head: &[u8], body: &[u8]) -> Result<HmacSha256> {
    let mut m = HmacSha256::new_from_slice(key).map_err(|_| refused("bad key length"))?;
    m.update(head);
    m.update(b"\n");
    m.update(body);
    Ok(m)
}

/// Put a header with its MAC in front of a body. `carry_key` writes the key
/// into the header too (invites only).
pub(crate) fn seal(
    format: &str,
    pair: PairId,
    key: &[u8; 32],
    carry_key: bool,
    body: &[u8],
) -> Result<Vec<u8>> {
    let mut head = format!("{format} {FORMAT_MAJOR}.{FORMAT_MINOR} {pair}");
    if carry_key {
        head.push(' ');
        head.push_str(&hex(key));
    }
    let tag = mac_of(key, head.as_bytes(), body)?.finalize().into_bytes();
    let mut out = Vec::with_capacity(head.len() + 66 + body.len());
    out.extend_from_slice(head.as_bytes());
    out.push(b' ');
    out.extend_from_slice(hex(&tag).as_bytes());
    out.push(b'\n');
    out.extend_from_slice(body);
    Ok(out)
}

/// Split the header from the body and check the header's shape, the format
/// name (`expect`) and the version. Nothing is trusted yet.
pub(crate) fn open<'a>(bytes: &'a [u8], expect: &str) -> Result<Framed<'a>> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(refused(format!(
            "the file is larger than {} MiB",
            MAX_FILE_BYTES / 1024 / 1024
        )));
    }
    let nl = bytes
        .iter()
        .take(MAX_HEADER_BYTES)
        .position(|&b| b == b'\n')
        .ok_or_else(|| {
            refused(format!(
                "this is not a Trellis {} file (no header line)",
                what(expect)
            ))
        })?;
    let line =
        std::str::from_utf8(&bytes[..nl]).map_err(|_| refused("the header line is not text"))?;
    let fields: Vec<&str> = line.split(' ').collect();
    let want = if expect == INVITE_FORMAT { 5 } else { 4 };
    if fields.first() != Some(&expect) {
        let other = if expect == INVITE_FORMAT {
            SYNC_FORMAT
        } else {
            INVITE_FORMAT
        };
        return Err(if fields.first() == Some(&other) {
            refused(format!(
                "this is {} file, not {} file",
                a(what(other)),
                a(what(expect))
            ))
        } else {
            refused(format!("this is not a Trellis {} file", what(expect)))
        });
    }
    if fields.len() != want {
        return Err(refused("the header line is malformed"));
    }
    let (major, minor) = fields[1]
        .split_once('.')
        .and_then(|(a, b)| Some((a.parse::<u32>().ok()?, b.parse::<u32>().ok()?)))
        .ok_or_else(|| refused("the header has no valid version"))?;
    if major != FORMAT_MAJOR {
        return Err(refused(format!(
            "format version {major}.{minor} is not supported (this Trellis reads {FORMAT_MAJOR}.x); update Trellis"
        )));
    }
    let pair: PairId = fields[2]
        .parse()
        .map_err(|_| refused("the header names no valid pair"))?;
    if pair.to_string() != fields[2] {
        return Err(refused("the header names no valid pair"));
    }
    let key = if want == 5 {
        Some(unhex32(fields[3]).ok_or_else(|| refused("the invite's key is malformed"))?)
    } else {
        None
    };
    let mac_text = fields[want - 1];
    let mac = unhex32(mac_text).ok_or_else(|| refused("the header's MAC is malformed"))?;
    let signed_head = &bytes[..nl - mac_text.len() - 1];
    Ok(Framed {
        format: fields[0],
        minor,
        pair,
        key,
        mac,
        signed_head,
        body: &bytes[nl + 1..],
    })
}

fn a(word: &str) -> String {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        format!("an {word}")
    } else {
        format!("a {word}")
    }
}

fn what(format: &str) -> &'static str {
    if format == INVITE_FORMAT {
        "invite"
    } else {
        "sync"
    }
}

impl Framed<'_> {
    /// Check the MAC with the pair key (in constant time).
    pub(crate) fn verify(&self, key: &[u8; 32]) -> Result<()> {
        mac_of(key, self.signed_head, self.body)?
            .verify_slice(&self.mac)
            .map_err(|_| {
                refused(
                    "the file was altered, damaged, or made with another pair key; nothing was imported",
                )
            })
    }
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
    fn a_sealed_file_opens_and_verifies_and_any_change_is_caught() {
        let pair = PairId::new();
        let key = [7u8; 32];
        let f = seal(SYNC_FORMAT, pair, &key, false, b"{\"a\":1}").unwrap();
        let o = open(&f, SYNC_FORMAT).unwrap();
        assert_eq!(o.pair, pair);
        o.verify(&key).unwrap();
        assert!(o.verify(&[8u8; 32]).is_err());
        let mut bad = f.clone();
        let n = bad.len();
        bad[n - 2] = b'2';
        open(&bad, SYNC_FORMAT).unwrap().verify(&key).unwrap_err();
    }

    #[test]
    fn invites_carry_their_key_and_are_not_sync_files() {
        let pair = PairId::new();
        let key = [9u8; 32];
        let f = seal(INVITE_FORMAT, pair, &key, true, b"{}").unwrap();
        let o = open(&f, INVITE_FORMAT).unwrap();
        assert_eq!(o.key, Some(key));
        o.verify(&key).unwrap();
        let e = open(&f, SYNC_FORMAT).err().unwrap().to_string();
        assert!(e.contains("an invite file, not a sync file"), "{e}");
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
