//! Time together across two zones: the hours each person can meet (per
//! weekday, in their own zone), the next meeting at an instant, times that
//! suit both, and warnings (never refusals) for a time outside someone's
//! hours or at night.
//!
//! A recurring meeting keeps the wall clock of one zone (the scheduler's):
//! a weekly 16:00 Berlin meeting stays 16:00 in Berlin across a DST change,
//! and a partner whose clocks change on another date sees it move.

use crate::error::Clash;
use chrono::{
    DateTime, Datelike, Days, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone,
    Timelike, Utc,
};
use chrono_tz::Tz;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::id::PairId;
use crate::meeting::{self, Meeting, NewMeeting};
use crate::{time, Db, Error, Reason, Result};

/// One day's hours: from–to, wall clock in the person's zone, same day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DayHours {
    #[ts(type = "string")]
    #[serde(with = "hhmm")]
    pub from: NaiveTime,
    #[ts(type = "string")]
    #[serde(with = "hhmm")]
    pub to: NaiveTime,
}

pub(crate) mod hhmm {
    use chrono::NaiveTime;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(t: &NaiveTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&t.format("%H:%M").to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveTime, D::Error> {
        let s = String::deserialize(d)?;
        NaiveTime::parse_from_str(&s, "%H:%M").map_err(serde::de::Error::custom)
    }
}

/// The hours a person can meet, Monday first; `None`: not that day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Hours {
    /// Seven entries, Monday to Sunday.
    pub days: Vec<Option<DayHours>>,
}

const DAY_NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN)
}

impl Default for Hours {
    /// Weekdays 09:00–18:00.
    fn default() -> Self {
        let work = Some(DayHours {
            from: hm(9, 0),
            to: hm(18, 0),
        });
        Hours {
            days: vec![work, work, work, work, work, None, None],
        }
    }
}

fn range(field: &str, s: &str) -> Result<DayHours> {
    let bad = || {
        Error::invalid(
            field,
            Reason::NotASpan {
                value: s.to_owned(),
            },
        )
    };
    let (a, b) = s.trim().split_once('-').ok_or_else(bad)?;
    let from = NaiveTime::parse_from_str(a.trim(), "%H:%M").map_err(|_| bad())?;
    let to = NaiveTime::parse_from_str(b.trim(), "%H:%M").map_err(|_| bad())?;
    if to <= from {
        return Err(Error::invalid(
            field,
            Reason::EndsBeforeStart {
                value: s.to_owned(),
            },
        ));
    }
    Ok(DayHours { from, to })
}

impl Hours {
    /// Check a value that came from a person or a file: seven days, each
    /// ending after it starts.
    pub fn validate(self) -> Result<Hours> {
        if self.days.len() != 7 {
            return Err(Error::invalid("hours", Reason::NotSevenDays));
        }
        for d in self.days.iter().flatten() {
            if d.to <= d.from {
                return Err(Error::invalid(
                    "hours",
                    Reason::EndsBeforeStart {
                        value: format!("{}-{}", d.from.format("%H:%M"), d.to.format("%H:%M")),
                    },
                ));
            }
        }
        Ok(self)
    }

    /// The stored form: seven `HH:MM-HH:MM` (or empty) joined by commas.
    pub fn stored(&self) -> String {
        self.days
            .iter()
            .map(|d| {
                d.map(|d| format!("{}-{}", d.from.format("%H:%M"), d.to.format("%H:%M")))
                    .unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Read the stored form (strictly: it also checks a partner's file).
    pub fn from_stored(s: &str) -> Result<Hours> {
        let parts: Vec<&str> = s.split(',').collect();
        if parts.len() != 7 {
            return Err(Error::invalid("hours", Reason::NotSevenDays));
        }
        let days = parts
            .iter()
            .map(|p| (!p.is_empty()).then(|| range("hours", p)).transpose())
            .collect::<Result<Vec<_>>>()?;
        Ok(Hours { days })
    }

    /// Read what a person writes: `mon-fri 09:00-18:00`, `sat 10:00-12:00`,
    /// `sun off`. Days not named are days off.
    pub fn parse(specs: &[String]) -> Result<Hours> {
        let mut days = vec![None; 7];
        for spec in specs {
            let bad = || {
                Error::invalid(
                    "hours",
                    Reason::NotWeeklyHours {
                        value: spec.clone(),
                    },
                )
            };
            let (which, span) = spec.trim().split_once(' ').ok_or_else(bad)?;
            let day = |d: &str| {
                DAY_NAMES
                    .iter()
                    .position(|n| d.trim().to_ascii_lowercase().starts_with(n))
                    .ok_or_else(bad)
            };
            let (a, b) = match which.split_once('-') {
                Some((a, b)) => (day(a)?, day(b)?),
                None => (day(which)?, day(which)?),
            };
            if b < a {
                return Err(bad());
            }
            let value = if span.trim().eq_ignore_ascii_case("off") {
                None
            } else {
                Some(range("hours", span)?)
            };
            for d in days.iter_mut().take(b + 1).skip(a) {
                *d = value;
            }
        }
        Ok(Hours { days })
    }

    /// `mon–fri 09:00–18:00`-style summary, for people.
    pub fn describe(&self) -> String {
        let mut out: Vec<String> = Vec::new();
        let mut i = 0;
        while i < 7 {
            let mut j = i;
            while j + 1 < 7 && self.days[j + 1] == self.days[i] {
                j += 1;
            }
            if let Some(d) = self.days[i] {
                let days = if i == j {
                    DAY_NAMES[i].to_string()
                } else {
                    format!("{}–{}", DAY_NAMES[i], DAY_NAMES[j])
                };
                out.push(format!(
                    "{days} {}–{}",
                    d.from.format("%H:%M"),
                    d.to.format("%H:%M")
                ));
            }
            i = j + 1;
        }
        if out.is_empty() {
            "no hours set".into()
        } else {
            out.join(", ")
        }
    }

    /// Whether a meeting from `start` lasting `minutes` lies wholly inside
    /// these hours, read in `zone`.
    pub fn contains(&self, zone: Tz, start: DateTime<Utc>, minutes: u32) -> bool {
        let a = start.with_timezone(&zone);
        let b = (start + Duration::minutes(i64::from(minutes))).with_timezone(&zone);
        let day = a.weekday().num_days_from_monday() as usize;
        match self.days.get(day).copied().flatten() {
            Some(h) => b.date_naive() == a.date_naive() && a.time() >= h.from && b.time() <= h.to,
            None => false,
        }
    }
}

/// Whether any of a meeting falls in the night (22:00–07:00) in `zone`.
pub fn at_night(zone: Tz, start: DateTime<Utc>, minutes: u32) -> bool {
    let a = start.with_timezone(&zone);
    let b = (start + Duration::minutes(i64::from(minutes))).with_timezone(&zone);
    let night = |t: NaiveTime| t.hour() >= 22 || t.hour() < 7;
    let last = (start + Duration::minutes(i64::from(minutes.max(1)) - 1)).with_timezone(&zone);
    night(a.time())
        || night(last.time())
        || a.date_naive() != b.date_naive() && b.time() != NaiveTime::MIN
}

/// Why a time may not suit: shown as a warning, never a refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TimeWarning {
    OutsideMyHours,
    OutsidePartnerHours,
    NightForMe,
    NightForPartner,
}

impl TimeWarning {
    pub fn describe(self) -> &'static str {
        match self {
            TimeWarning::OutsideMyHours => "outside your hours",
            TimeWarning::OutsidePartnerHours => "outside your partner's hours",
            TimeWarning::NightForMe => "at night for you",
            TimeWarning::NightForPartner => "at night for your partner",
        }
    }
}

/// A pair's times: both zones and both people's hours, and the next meeting.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PairSchedule {
    pub pair_id: PairId,
    pub my_tz: String,
    pub partner_tz: String,
    pub my_hours: Hours,
    pub partner_hours: Hours,
    pub next: Option<Slot>,
    /// Whether the next meeting repeats with the cadence.
    pub recurs: bool,
    /// The zone whose wall clock a recurring meeting keeps.
    pub recur_zone: Option<String>,
}

/// A meeting time seen from both sides.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Slot {
    #[ts(type = "string")]
    pub starts_at: DateTime<Utc>,
    pub minutes: u32,
    /// `Tue 8 Dec 2026 16:00 CET`, in my zone.
    pub mine: String,
    /// The same instant in the partner's zone.
    pub theirs: String,
    pub warnings: Vec<TimeWarning>,
}

/// Scheduling the next meeting.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct NewSchedule {
    #[ts(type = "string")]
    pub starts_at: DateTime<Utc>,
    pub minutes: u32,
    /// Repeat with the pair's cadence.
    pub recurs: bool,
}

struct Row {
    my_tz: Tz,
    partner_tz: Tz,
    my_hours: Hours,
    partner_hours: Hours,
    cadence_days: u32,
    next_at: Option<DateTime<Utc>>,
    next_minutes: Option<u32>,
    next_zone: Option<String>,
    next_recurs: bool,
}

fn load(c: &Connection, pair_id: PairId) -> Result<Row> {
    let raw = c
        .prepare_cached(
            "SELECT my_tz, partner_tz, my_hours, partner_hours, cadence_days, next_at, next_minutes,
                    next_zone, next_recurs FROM pair WHERE id = ?1",
        )?
        .query_row([pair_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, u32>(4)?,
                r.get::<_, Option<DateTime<Utc>>>(5)?,
                r.get::<_, Option<u32>>(6)?,
                r.get::<_, Option<String>>(7)?,
                r.get::<_, bool>(8)?,
            ))
        })
        .optional()?
        .ok_or_else(|| Error::not_found("pair", pair_id.to_string()))?;
    Ok(Row {
        my_tz: time::parse_tz("my time zone", &raw.0)?,
        partner_tz: time::parse_tz("partner's time zone", &raw.1)?,
        my_hours: Hours::from_stored(&raw.2)?,
        partner_hours: Hours::from_stored(&raw.3)?,
        cadence_days: raw.4,
        next_at: raw.5,
        next_minutes: raw.6,
        next_zone: raw.7,
        next_recurs: raw.8,
    })
}

/// `Tue 8 Dec 2026 16:00 CET`.
pub fn local(at: DateTime<Utc>, zone: Tz) -> String {
    at.with_timezone(&zone)
        .format("%a %-d %b %Y %H:%M %Z")
        .to_string()
}

fn slot(r: &Row, at: DateTime<Utc>, minutes: u32) -> Slot {
    let mut warnings = Vec::new();
    if !r.my_hours.contains(r.my_tz, at, minutes) {
        warnings.push(TimeWarning::OutsideMyHours);
    }
    if !r.partner_hours.contains(r.partner_tz, at, minutes) {
        warnings.push(TimeWarning::OutsidePartnerHours);
    }
    if at_night(r.my_tz, at, minutes) {
        warnings.push(TimeWarning::NightForMe);
    }
    if at_night(r.partner_tz, at, minutes) {
        warnings.push(TimeWarning::NightForPartner);
    }
    Slot {
        starts_at: at,
        minutes,
        mine: local(at, r.my_tz),
        theirs: local(at, r.partner_tz),
        warnings,
    }
}

fn view(pair_id: PairId, r: &Row) -> PairSchedule {
    PairSchedule {
        pair_id,
        my_tz: r.my_tz.name().to_string(),
        partner_tz: r.partner_tz.name().to_string(),
        my_hours: r.my_hours.clone(),
        partner_hours: r.partner_hours.clone(),
        next: r
            .next_at
            .map(|at| slot(r, at, r.next_minutes.unwrap_or(60))),
        recurs: r.next_recurs,
        recur_zone: r.next_zone.clone(),
    }
}

/// A pair's hours and next meeting.
pub fn get(db: &Db, pair_id: PairId) -> Result<PairSchedule> {
    db.read(|c| Ok(view(pair_id, &load(c, pair_id)?)))
}

/// Set the hours I can meet (in my zone). My partner's come from their
/// sync files; only they set them.
pub fn set_my_hours(db: &Db, pair_id: PairId, hours: Hours) -> Result<PairSchedule> {
    let hours = hours.validate()?;
    db.write(|tx| {
        load(tx, pair_id)?;
        tx.execute(
            "UPDATE pair SET my_hours = ?2, updated_at = ?3 WHERE id = ?1",
            params![pair_id, hours.stored(), time::stamp(time::now())],
        )?;
        Ok(view(pair_id, &load(tx, pair_id)?))
    })
}

/// Warnings for a meeting at `at` lasting `minutes` (for a time typed by hand).
pub fn check(db: &Db, pair_id: PairId, at: DateTime<Utc>, minutes: u32) -> Result<Slot> {
    db.read(|c| Ok(slot(&load(c, pair_id)?, at, minutes)))
}

fn minutes_ok(minutes: u32) -> Result<u32> {
    if (1..=1440).contains(&minutes) {
        Ok(minutes)
    } else {
        Err(Error::invalid("duration", Reason::DurationOutOfRange))
    }
}

/// The next few times, inside both people's hours and not at night, around
/// the day the cadence puts the next meeting on (from two days before it,
/// never before `now`), at most one a day. Fewer when three weeks hold fewer.
pub fn propose(
    db: &Db,
    pair_id: PairId,
    minutes: u32,
    count: usize,
    now: DateTime<Utc>,
) -> Result<Vec<Slot>> {
    let minutes = minutes_ok(minutes)?;
    let due = meeting::next(db, pair_id)?.due_on;
    db.read(|c| {
        let r = load(c, pair_id)?;
        let from_day = due - Days::new(2);
        let day_start = wall(r.my_tz, from_day.and_time(NaiveTime::MIN));
        // On the half hour, from whichever is later.
        let start = day_start.max(now);
        let step = 30 * 60;
        let secs = start.timestamp();
        let mut at =
            DateTime::<Utc>::from_timestamp(secs + (step - secs.rem_euclid(step)) % step, 0)
                .unwrap_or(start);
        let end = at + Duration::days(21);
        let mut out: Vec<Slot> = Vec::new();
        let mut last_day: Option<NaiveDate> = None;
        while at < end && out.len() < count {
            let day = at.with_timezone(&r.my_tz).date_naive();
            if last_day != Some(day) {
                let s = slot(&r, at, minutes);
                if s.warnings.is_empty() {
                    out.push(s);
                    last_day = Some(day);
                }
            }
            at += Duration::minutes(30);
        }
        Ok(out)
    })
}

/// The instant a wall-clock time stands for in `zone`: the earlier of two in
/// a repeated hour, the first after a skipped one.
pub(crate) fn wall(zone: Tz, t: NaiveDateTime) -> DateTime<Utc> {
    match zone.from_local_datetime(&t) {
        LocalResult::Single(d) => d.with_timezone(&Utc),
        LocalResult::Ambiguous(a, _) => a.with_timezone(&Utc),
        LocalResult::None => wall(zone, t + Duration::hours(1)),
    }
}

/// The next meeting of a series: the same wall-clock time in `zone`,
/// `cadence_days` later (so a DST change moves it for the other side only).
pub fn next_occurrence(at: DateTime<Utc>, zone: Tz, cadence_days: u32) -> DateTime<Utc> {
    let local = at.with_timezone(&zone).naive_local();
    wall(zone, local + Days::new(u64::from(cadence_days)))
}

/// Schedule the next meeting. A recurring one keeps my zone's wall clock.
pub fn schedule(
    db: &Db,
    pair_id: PairId,
    new: NewSchedule,
    now: DateTime<Utc>,
) -> Result<PairSchedule> {
    let minutes = minutes_ok(new.minutes)?;
    if new.starts_at < now {
        return Err(Error::invalid("start", Reason::InThePast));
    }
    let s = db.write(|tx| {
        let r = load(tx, pair_id)?;
        tx.execute(
            "UPDATE pair SET next_at = ?2, next_minutes = ?3, next_zone = ?4, next_recurs = ?5,
                 updated_at = ?6 WHERE id = ?1",
            params![
                pair_id,
                time::stamp(new.starts_at),
                minutes,
                r.my_tz.name(),
                new.recurs,
                time::stamp(time::now())
            ],
        )?;
        Ok(view(pair_id, &load(tx, pair_id)?))
    })?;
    crate::calendar::follow(db, pair_id);
    Ok(s)
}

/// Cancel the next meeting (and its series).
pub fn cancel(db: &Db, pair_id: PairId) -> Result<PairSchedule> {
    let s = db.write(|tx| {
        load(tx, pair_id)?;
        tx.execute(
            "UPDATE pair SET next_at = NULL, next_minutes = NULL, next_zone = NULL, next_recurs = 0,
                 updated_at = ?2 WHERE id = ?1",
            params![pair_id, time::stamp(time::now())],
        )?;
        Ok(view(pair_id, &load(tx, pair_id)?))
    })?;
    crate::calendar::follow(db, pair_id);
    Ok(s)
}

/// After a meeting at `start` is logged: a scheduled meeting within twelve
/// hours of it has happened, so the series moves on to its next time after
/// it (or a one-off is cleared). In the logging transaction.
pub(crate) fn logged(c: &Connection, pair_id: PairId, start: DateTime<Utc>) -> Result<()> {
    let r = load(c, pair_id)?;
    let Some(at) = r.next_at else {
        return Ok(());
    };
    if (at - start).num_hours().abs() > 12 {
        return Ok(());
    }
    let next = if r.next_recurs {
        let zone = r
            .next_zone
            .as_deref()
            .map(|z| time::parse_tz("zone", z))
            .transpose()?
            .unwrap_or(r.my_tz);
        let mut n = next_occurrence(at, zone, r.cadence_days);
        while n <= start {
            n = next_occurrence(n, zone, r.cadence_days);
        }
        Some(n)
    } else {
        None
    };
    match next {
        Some(n) => c.execute(
            "UPDATE pair SET next_at = ?2 WHERE id = ?1",
            params![pair_id, time::stamp(n)],
        )?,
        None => c.execute(
            "UPDATE pair SET next_at = NULL, next_minutes = NULL, next_zone = NULL, next_recurs = 0
             WHERE id = ?1",
            [pair_id],
        )?,
    };
    Ok(())
}

/// Log the scheduled meeting as it happened: at its time, for its length,
/// with the carried-forward agenda. The series moves on.
pub fn log_scheduled(db: &Db, pair_id: PairId) -> Result<Meeting> {
    let s = get(db, pair_id)?;
    let next = s
        .next
        .ok_or_else(|| Error::Conflict(Clash::NoMeetingToLog))?;
    let agenda = meeting::next(db, pair_id)?.agenda;
    meeting::log(
        db,
        pair_id,
        NewMeeting {
            starts_at: time::When::Instant(next.starts_at),
            duration_min: Some(next.minutes),
            agenda,
            ..NewMeeting::default()
        },
    )
}
