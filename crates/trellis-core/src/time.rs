//! Dates, instants and time zones: parsing what people type, and showing an
//! instant in both partners' zones.

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::{Error, Reason, Result};

pub mod wire;

/// Parse a calendar date written `YYYY-MM-DD`.
pub fn parse_date(field: &str, s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        Error::invalid(
            field,
            Reason::NotADate {
                value: s.to_owned(),
            },
        )
    })
}

/// Parse an IANA time zone name such as `Europe/Berlin` or `UTC`; an old or
/// alternative name gives its canonical zone (`Asia/Calcutta` → `Asia/Kolkata`).
pub fn parse_tz(field: &str, s: &str) -> Result<Tz> {
    s.trim()
        .parse::<Tz>()
        .map(crate::zone::canonical)
        .map_err(|_| {
            Error::invalid(
                field,
                Reason::NotAZone {
                    value: s.to_owned(),
                },
            )
        })
}

/// Parse an instant: RFC 3339 (`2026-03-14T15:00:00Z`, any offset), or a
/// local wall-clock time `YYYY-MM-DD HH:MM` / `YYYY-MM-DDTHH:MM` read in `zone`.
pub fn parse_instant(field: &str, s: &str, zone: Tz) -> Result<DateTime<Utc>> {
    parse_when(field, s)?.at(field, zone)
}

/// Parse a [`When`]: RFC 3339, or a wall-clock time `YYYY-MM-DD HH:MM`.
pub fn parse_when(field: &str, s: &str) -> Result<When> {
    When::parse(s).ok_or_else(|| {
        Error::invalid(
            field,
            Reason::NotATime {
                value: s.to_owned(),
            },
        )
    })
}

/// A time as a person gives it: an exact instant, or a wall-clock time to
/// be read in their zone. As text (JSON, a flag): RFC 3339 with any offset
/// (`2026-03-14T15:00:00Z`), or `YYYY-MM-DD HH:MM` (also with `T`, or
/// seconds) on the wall clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Instant(DateTime<Utc>),
    WallClock(NaiveDateTime),
}

impl When {
    /// Reads either form; `None` for anything else.
    pub fn parse(s: &str) -> Option<When> {
        let t = s.trim();
        if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
            return Some(When::Instant(dt.with_timezone(&Utc)));
        }
        [
            "%Y-%m-%d %H:%M",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%dT%H:%M:%S",
        ]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok())
        .map(When::WallClock)
    }

    /// The instant meant, a wall-clock time read in `zone` (see
    /// [`at_wall_clock`]; `field` names it if the clocks skip it).
    pub fn at(self, field: &str, zone: Tz) -> Result<DateTime<Utc>> {
        match self {
            When::Instant(at) => Ok(at),
            When::WallClock(wall) => at_wall_clock(field, wall, zone),
        }
    }
}

impl Default for When {
    fn default() -> Self {
        When::Instant(DateTime::<Utc>::default())
    }
}

/// A string in TypeScript: RFC 3339 or `YYYY-MM-DD HH:MM`.
impl ts_rs::TS for When {
    type WithoutGenerics = Self;
    type OptionInnerType = Self;

    fn ident(_: &ts_rs::Config) -> String {
        "string".to_owned()
    }
    fn name(_: &ts_rs::Config) -> String {
        "string".to_owned()
    }
    fn inline(_: &ts_rs::Config) -> String {
        "string".to_owned()
    }
}

impl<'de> serde::Deserialize<'de> for When {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        When::parse(&text).ok_or_else(|| serde::de::Error::custom(wire::Expected::Time.reason()))
    }
}

/// The instant a wall-clock time in `zone` stands for: the earlier one when
/// the clocks go back; refused when the clocks skip it.
pub fn at_wall_clock(field: &str, wall: NaiveDateTime, zone: Tz) -> Result<DateTime<Utc>> {
    match zone.from_local_datetime(&wall) {
        LocalResult::Single(dt) => Ok(dt.with_timezone(&Utc)),
        LocalResult::Ambiguous(first, _) => Ok(first.with_timezone(&Utc)),
        LocalResult::None => Err(Error::invalid(
            field,
            Reason::SkippedByClocks {
                time: wall.format("%Y-%m-%d %H:%M").to_string(),
                zone: zone.to_string(),
            },
        )),
    }
}

std::thread_local! {
    /// The instant this thread's clock is held at, if a test has fixed it.
    static FIXED: std::cell::Cell<Option<DateTime<Utc>>> = const { std::cell::Cell::new(None) };
}

/// The current instant, from Trellis's one clock, at the precision instants
/// are stored with (so what a call returns equals what reading it back
/// gives). The system clock, unless this thread fixed it ([`fix_clock`]).
/// `clippy.toml` forbids `Utc::now` everywhere else, so that every "now"
/// of the core goes through here.
pub fn now() -> DateTime<Utc> {
    let at = FIXED.with(std::cell::Cell::get).unwrap_or_else(system_now);
    chrono::SubsecRound::trunc_subsecs(at, 3)
}

#[allow(
    clippy::disallowed_methods,
    reason = "the one place the system clock is read"
)]
fn system_now() -> DateTime<Utc> {
    Utc::now()
}

/// Hold this thread's clock at `at` until the guard is dropped (tests: the
/// core's writes and rules then see `at` as now).
#[must_use = "the clock is fixed only while the guard lives"]
pub fn fix_clock(at: DateTime<Utc>) -> FixedClock {
    FixedClock(FIXED.with(|f| f.replace(Some(at))))
}

/// Restores the clock [`fix_clock`] fixed, when dropped.
#[derive(Debug)]
pub struct FixedClock(Option<DateTime<Utc>>);

impl FixedClock {
    /// Move the fixed clock to `at`.
    pub fn set(&self, at: DateTime<Utc>) {
        FIXED.with(|f| f.set(Some(at)));
    }
}

impl Drop for FixedClock {
    fn drop(&mut self) {
        FIXED.with(|f| f.set(self.0));
    }
}

/// How instants are stored: RFC 3339 in UTC with fixed millisecond width,
/// so that text order is time order.
pub fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Millis, false)
}

/// Today's date in a zone.
pub fn today_in(zone: Tz, now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&zone).date_naive()
}

/// `2026-03-14 16:00 CET (partner: 10:00 CST)` — mine first, theirs beside it.
pub fn both_zones(at: DateTime<Utc>, mine: Tz, theirs: Tz) -> String {
    let (a, b) = zone_times(at, mine, theirs, "%a", chrono::Locale::en_US);
    format!("{a} (partner: {b})")
}

/// A time in my zone (`2026-03-14 16:00 CET`) and in the partner's
/// (`10:00 CST`), the partner's day written beside theirs in the `day`
/// format with `locale`'s names (`18:30 Sat CDT`) when it is not mine.
pub fn zone_times(
    at: DateTime<Utc>,
    mine: Tz,
    theirs: Tz,
    day: &str,
    locale: chrono::Locale,
) -> (String, String) {
    let a = at.with_timezone(&mine);
    let b = at.with_timezone(&theirs);
    let day_note = if a.date_naive() == b.date_naive() {
        String::new()
    } else {
        format!(" {}", b.format_localized(day, locale))
    };
    (
        format!("{} {}", a.format("%Y-%m-%d %H:%M"), a.format("%Z")),
        format!("{}{} {}", b.format("%H:%M"), day_note, b.format("%Z")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_times_are_read_in_the_given_zone() {
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        let at = parse_instant("when", "2026-03-14 16:00", berlin).unwrap();
        assert_eq!(at.to_rfc3339(), "2026-03-14T15:00:00+00:00");
    }

    #[test]
    fn a_skipped_local_time_is_refused() {
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        assert!(parse_instant("when", "2026-03-29 02:30", berlin).is_err());
    }

    #[test]
    fn both_zones_names_the_partners_day_when_it_differs() {
        let at = DateTime::parse_from_rfc3339("2026-03-14T23:30:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let s = both_zones(
            at,
            "Europe/Berlin".parse().unwrap(),
            "America/Chicago".parse().unwrap(),
        );
        assert_eq!(s, "2026-03-15 00:30 CET (partner: 18:30 Sat CDT)");
    }

    #[test]
    fn bad_dates_and_zones_say_how_to_write_them() {
        assert!(parse_date("match date", "14/03/2026")
            .unwrap_err()
            .to_string()
            .contains("YYYY-MM-DD"));
        assert!(parse_tz("my zone", "Mars/Olympus")
            .unwrap_err()
            .to_string()
            .contains("IANA"));
    }
}
