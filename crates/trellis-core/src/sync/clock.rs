//! The hybrid logical clock that stamps every shared field.
//!
//! A stamp is the wall clock in milliseconds and a counter: a new stamp is
//! `max(wall ms, last ms)`, with the counter bumped when the wall clock has not
//! moved past the last stamp (or went back). Stamps are written as fixed-width
//! text (`000001741234567890-000000`, 15 digits, a dash, 6 digits) so that text
//! order is clock order. Each write transaction gets one stamp (set by
//! [`crate::Db::write`] through [`stamp`]); importing a file moves the clock
//! past the newest stamp in it ([`observe`]), so later local edits win over
//! everything already seen.
//!
//! A wrong system date once is enough to push the clock far ahead, and the
//! partner then refuses this side's files: [`clock_ahead`] tells, and
//! [`repair_clock`] brings every future stamp back to now.

use rusqlite::{params, Connection, TransactionBehavior};
use serde::Serialize;

use super::MAX_CLOCK_AHEAD_MS;
use crate::{Db, Result};

/// The schema version (migration number) that added the sync tables.
pub(crate) const SYNC_SCHEMA: i64 = 4;

/// The largest counter before the clock moves on by a millisecond.
const MAX_COUNTER: i64 = 999_999;
/// The largest millisecond count that fits 15 digits (year 33658).
const MAX_MS: i64 = 999_999_999_999_999;

/// One clock reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Hlc {
    pub ms: i64,
    pub counter: i64,
}

impl Hlc {
    /// The clock of data that was there before sync existed.
    pub const ZERO: Hlc = Hlc { ms: 0, counter: 0 };

    /// The next stamp after `self`, given the wall clock.
    pub fn tick(self, wall_ms: i64) -> Hlc {
        if wall_ms > self.ms {
            Hlc {
                ms: wall_ms.min(MAX_MS),
                counter: 0,
            }
        } else if self.counter < MAX_COUNTER {
            Hlc {
                ms: self.ms,
                counter: self.counter + 1,
            }
        } else {
            Hlc {
                ms: (self.ms + 1).min(MAX_MS),
                counter: 0,
            }
        }
    }

    pub fn encode(self) -> String {
        format!("{:015}-{:06}", self.ms, self.counter)
    }

    /// Read a stamp; only the exact fixed-width form is accepted.
    pub fn parse(s: &str) -> Option<Hlc> {
        let b = s.as_bytes();
        if b.len() != 22 || b[15] != b'-' {
            return None;
        }
        let digits = |r: &[u8]| r.iter().all(u8::is_ascii_digit);
        if !digits(&b[..15]) || !digits(&b[16..]) {
            return None;
        }
        Some(Hlc {
            ms: s[..15].parse().ok()?,
            counter: s[16..].parse().ok()?,
        })
    }
}

impl std::fmt::Display for Hlc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.encode())
    }
}

/// Milliseconds since the epoch, now.
pub(crate) fn wall_ms() -> i64 {
    crate::time::now().timestamp_millis()
}

fn has_sync_tables(c: &Connection) -> Result<bool> {
    let v: i64 = c
        .prepare_cached("PRAGMA user_version")?
        .query_row([], |r| r.get(0))?;
    Ok(v >= SYNC_SCHEMA)
}

/// Give the current write transaction its stamp: the triggers that record
/// who changed which shared field read it from `sync_clock.now`. A database
/// still at an older schema (only in tests of migrations) has no clock.
pub(crate) fn stamp(c: &Connection) -> Result<()> {
    if !has_sync_tables(c)? {
        return Ok(());
    }
    let last = current(c)?;
    let next = last.tick(wall_ms());
    c.prepare_cached("UPDATE sync_clock SET wall_ms = ?1, counter = ?2, now = ?3 WHERE id = 1")?
        .execute(rusqlite::params![next.ms, next.counter, next.encode()])?;
    Ok(())
}

/// The last stamp this replica issued (or observed).
pub(crate) fn current(c: &Connection) -> Result<Hlc> {
    Ok(
        c.prepare_cached("SELECT wall_ms, counter FROM sync_clock WHERE id = 1")?
            .query_row([], |r| {
                Ok(Hlc {
                    ms: r.get(0)?,
                    counter: r.get(1)?,
                })
            })?,
    )
}

/// Move the clock past a stamp received from the partner.
pub(crate) fn observe(c: &Connection, seen: Hlc) -> Result<()> {
    if seen > current(c)? {
        c.prepare_cached("UPDATE sync_clock SET wall_ms = ?1, counter = ?2 WHERE id = 1")?
            .execute(rusqlite::params![seen.ms, seen.counter])?;
    }
    Ok(())
}

/// This database's replica id.
pub(crate) fn replica(c: &Connection) -> Result<String> {
    Ok(
        c.prepare_cached("SELECT replica FROM sync_clock WHERE id = 1")?
            .query_row([], |r| r.get(0))?,
    )
}

/// Silence (or restore) the stamping triggers for the rest of the transaction.
pub(crate) fn set_applying(c: &Connection, on: bool) -> Result<()> {
    c.prepare_cached("UPDATE sync_clock SET applying = ?1 WHERE id = 1")?
        .execute([on])?;
    Ok(())
}

/// This machine's sync clock, when it is more than a day ahead of the wall
/// clock (a wrong system date once is enough): milliseconds ahead.
pub fn clock_ahead(db: &Db) -> Result<Option<i64>> {
    let ahead = db.read(current)?.ms - wall_ms();
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
    let wall = wall_ms();
    db.read(|c| {
        let tx = rusqlite::Transaction::new_unchecked(c, TransactionBehavior::Immediate)?;
        let was = current(&tx)?;
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

/// The newest clock this installation issued or saw in a partner's file.
pub fn current_clock(db: &Db) -> Result<Hlc> {
    db.read(current)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_sort_as_text_in_clock_order() {
        let a = Hlc {
            ms: 9,
            counter: 999,
        };
        let b = Hlc { ms: 10, counter: 0 };
        assert!(a < b && a.encode() < b.encode());
        assert_eq!(Hlc::parse(&b.encode()), Some(b));
        assert_eq!(Hlc::parse("000000000000010-00000"), None);
        assert_eq!(Hlc::parse("00000000000001x-000000"), None);
    }

    #[test]
    fn the_clock_never_goes_back() {
        let mut h = Hlc::ZERO.tick(1000);
        assert_eq!(
            h,
            Hlc {
                ms: 1000,
                counter: 0
            }
        );
        h = h.tick(900);
        assert_eq!(
            h,
            Hlc {
                ms: 1000,
                counter: 1
            }
        );
        h = h.tick(1000);
        assert_eq!(
            h,
            Hlc {
                ms: 1000,
                counter: 2
            }
        );
        let full = Hlc {
            ms: 1000,
            counter: MAX_COUNTER,
        };
        assert_eq!(
            full.tick(5),
            Hlc {
                ms: 1001,
                counter: 0
            }
        );
    }
}
