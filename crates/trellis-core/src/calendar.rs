//! Calendars: the scheduled meeting as an iCalendar file (RFC 5545) that a
//! calendar program imports, with a reminder before it. Times are in UTC;
//! a recurring meeting lists its next times (RDATE), each computed here so
//! that it keeps the scheduler's wall clock across DST changes. Nothing
//! private goes in: no agenda and no notes, only the two local times.

use chrono::{DateTime, Duration, Utc};
use icalendar::{Alarm, Calendar, Component, Event, EventLike, Property};

use crate::db::Db;
use crate::id::PairId;
use crate::schedule::{self, Slot};
use crate::{pair, time, Error, Result};

/// How long before a meeting the calendar reminds.
pub const REMINDER_MINUTES: i64 = 15;

/// How many times of a recurring meeting the file lists after the first.
pub const SERIES_AHEAD: usize = 12;

fn ics_utc(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// The pair's scheduled meeting (and, if it recurs, its next times) as the
/// text of an `.ics` file. `now` is the file's DTSTAMP.
pub fn meeting_ics(db: &Db, pair_id: PairId, now: DateTime<Utc>) -> Result<String> {
    let s = schedule::get(db, pair_id)?;
    let next: Slot = s
        .next
        .ok_or_else(|| Error::Conflict("no meeting is scheduled; schedule one first".into()))?;
    let p = pair::get(db, pair_id)?;
    let mut event = Event::new();
    event
        .uid(&format!(
            "{}-{}@trellis",
            pair_id,
            next.starts_at.timestamp()
        ))
        .timestamp(now)
        .summary(&format!("Mentoring: {}", p.partner_name))
        .description(&format!(
            "{} for you, {} for {}.",
            next.mine, next.theirs, p.partner_name
        ))
        .starts(next.starts_at)
        .ends(next.starts_at + Duration::minutes(i64::from(next.minutes)))
        .alarm(Alarm::display(
            &format!(
                "Mentoring with {} in {REMINDER_MINUTES} minutes",
                p.partner_name
            ),
            -Duration::minutes(REMINDER_MINUTES),
        ));
    if s.recurs {
        let zone = match s.recur_zone.as_deref() {
            Some(z) => time::parse_tz("zone", z)?,
            None => time::parse_tz("my time zone", &s.my_tz)?,
        };
        let mut at = next.starts_at;
        let mut times = Vec::with_capacity(SERIES_AHEAD);
        for _ in 0..SERIES_AHEAD {
            at = schedule::next_occurrence(at, zone, p.cadence_days);
            times.push(ics_utc(at));
        }
        event.add_property("RDATE", times.join(","));
    }
    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", "-//Trellis//Trellis//EN"))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .push(event.done());
    Ok(cal.done().to_string())
}
