//! A mentor's week: across every pair still going, the meetings of one
//! calendar week (Monday to Sunday in my zone) with each partner's local
//! time beside mine, and the action items due by its end (overdue ones
//! too), split into what I owe and what my partners owe.
//!
//! The week is read as of `now`, given by the caller: nothing here looks at
//! the clock.

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use rusqlite::{params, Connection};
use serde::Serialize;

use crate::id::{ActionId, MeetingId, PairId};
use crate::lang::Lang;
use crate::pair::{self, Pair, PairStatus, Role};
use crate::schedule;
use crate::{time, Db, Result};

/// One meeting of the week, seen from both sides.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WeekMeeting {
    pub pair_id: PairId,
    pub partner_name: String,
    #[ts(type = "string")]
    pub starts_at: DateTime<Utc>,
    pub minutes: u32,
    /// The day it falls on in my zone.
    #[ts(type = "string")]
    pub day: NaiveDate,
    /// `Tue 8 Dec 2026 16:00 CET`, in my zone.
    pub mine: String,
    /// The same instant in the partner's zone.
    pub theirs: String,
    pub partner_tz: String,
    /// Already logged (it happened earlier this week); otherwise scheduled.
    pub meeting_id: Option<MeetingId>,
    /// Its start has passed (as of `now`): a scheduled one is still to be
    /// logged.
    pub started: bool,
}

/// One open action item due by the end of the week.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WeekAction {
    pub id: ActionId,
    pub pair_id: PairId,
    pub partner_name: String,
    pub text: String,
    pub owner: Role,
    #[ts(type = "string")]
    pub due_date: NaiveDate,
    /// Due before today.
    pub overdue: bool,
}

/// The week across all pairs.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Week {
    /// The zone the week and "my" times are read in.
    pub my_tz: String,
    #[ts(type = "string")]
    pub today: NaiveDate,
    /// The week's first day: Monday, or Sunday where the language starts
    /// weeks on Sunday.
    #[ts(type = "string")]
    pub starts_on: NaiveDate,
    /// Its last day, six days later.
    #[ts(type = "string")]
    pub ends_on: NaiveDate,
    /// Logged and scheduled meetings of the week, in time order.
    pub meetings: Vec<WeekMeeting>,
    /// What I agreed to do, due by Sunday, soonest first.
    pub i_owe: Vec<WeekAction>,
    /// What my partners agreed to do, due by Sunday, soonest first.
    pub they_owe: Vec<WeekAction>,
    /// How many pairs are still going (active or paused): none means the
    /// screen says to start one.
    pub pairs: u32,
}

/// The Monday of the week `today` falls in.
pub fn monday_of(today: NaiveDate) -> NaiveDate {
    week_start(today, Weekday::Mon)
}

/// The first day (a `first` weekday) of the week `today` falls in.
pub fn week_start(today: NaiveDate, first: Weekday) -> NaiveDate {
    today - Days::new(u64::from(today.weekday().days_since(first)))
}

/// The day a language's weeks start on (CLDR): Sunday for American English,
/// Indonesian, Korean and Mexican Spanish; Monday for the others.
pub fn first_day(lang: Lang) -> Weekday {
    match lang {
        Lang::En | Lang::Id | Lang::Ko | Lang::EsMx => Weekday::Sun,
        Lang::EnGb | Lang::ZhCn | Lang::De => Weekday::Mon,
    }
}

fn start_of(zone: Tz, day: NaiveDate) -> DateTime<Utc> {
    match zone.from_local_datetime(&day.and_time(NaiveTime::MIN)) {
        chrono::LocalResult::Single(d) | chrono::LocalResult::Ambiguous(d, _) => {
            d.with_timezone(&Utc)
        }
        // Midnight skipped (a DST change at 00:00): the day starts an hour in.
        chrono::LocalResult::None => start_of_after_gap(zone, day),
    }
}

fn start_of_after_gap(zone: Tz, day: NaiveDate) -> DateTime<Utc> {
    let one = NaiveTime::from_hms_opt(1, 0, 0).unwrap_or(NaiveTime::MIN);
    zone.from_local_datetime(&day.and_time(one))
        .earliest()
        .map_or_else(
            || day.and_time(NaiveTime::MIN).and_utc(),
            |d| d.with_timezone(&Utc),
        )
}

fn going(p: &Pair) -> bool {
    matches!(p.status, PairStatus::Active | PairStatus::Paused)
}

/// The scheduled meeting of a pair and, for a series, its next times, that
/// start in `[from, to)`.
fn scheduled(
    c: &Connection,
    p: &Pair,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<(DateTime<Utc>, u32)>> {
    let (next_at, minutes, zone, recurs): (
        Option<DateTime<Utc>>,
        Option<u32>,
        Option<String>,
        bool,
    ) = c
        .prepare_cached(
            "SELECT next_at, next_minutes, next_zone, next_recurs FROM pair WHERE id = ?1",
        )?
        .query_row([p.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    let Some(mut at) = next_at else {
        return Ok(Vec::new());
    };
    let minutes = minutes.unwrap_or(60);
    let zone = match zone {
        Some(z) => time::parse_tz("zone", &z)?,
        None => time::parse_tz("my time zone", &p.my_tz)?,
    };
    let mut out = Vec::new();
    while at < to {
        if at >= from {
            out.push((at, minutes));
        }
        if !recurs {
            break;
        }
        at = schedule::next_occurrence(at, zone, p.cadence_days);
    }
    Ok(out)
}

fn logged(
    c: &Connection,
    p: &Pair,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<(MeetingId, DateTime<Utc>, u32)>> {
    let mut st = c.prepare_cached(
        "SELECT id, starts_at, duration_min FROM meeting
         WHERE pair_id = ?1 AND starts_at >= ?2 AND starts_at < ?3 ORDER BY starts_at",
    )?;
    let rows = st.query_map(params![p.id, time::stamp(from), time::stamp(to)], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

fn actions(c: &Connection, p: &Pair, today: NaiveDate, by: NaiveDate) -> Result<Vec<WeekAction>> {
    let mut st = c.prepare_cached(
        "SELECT id, text, owner, due_date FROM action_item
         WHERE pair_id = ?1 AND done = 0 AND due_date IS NOT NULL AND due_date <= ?2
           AND (snoozed_until IS NULL OR snoozed_until <= ?3)
         ORDER BY due_date, created_at",
    )?;
    let rows = st.query_map(params![p.id, by, today], |r| {
        let due_date: NaiveDate = r.get(3)?;
        Ok(WeekAction {
            id: r.get(0)?,
            pair_id: p.id,
            partner_name: p.partner_name.clone(),
            text: r.get(1)?,
            owner: r.get(2)?,
            due_date,
            overdue: due_date < today,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The week `now` falls in, Monday to Sunday in `my_tz`, across every pair
/// that is active or paused (ended and graduated pairs are done with).
pub fn get(db: &Db, my_tz: Tz, now: DateTime<Utc>) -> Result<Week> {
    get_from(db, my_tz, now, Weekday::Mon)
}

/// The week `now` falls in, from its `first` weekday, in `my_tz`: the
/// window's week follows its language ([`first_day`]).
pub fn get_from(db: &Db, my_tz: Tz, now: DateTime<Utc>, first: Weekday) -> Result<Week> {
    let pairs: Vec<Pair> = pair::list(db)?.into_iter().filter(going).collect();
    let today = time::today_in(my_tz, now);
    let starts_on = week_start(today, first);
    let ends_on = starts_on + Days::new(6);
    let from = start_of(my_tz, starts_on);
    let to = start_of(my_tz, ends_on + Days::new(1));
    db.read(|c| {
        let mut meetings = Vec::new();
        let mut owed = Vec::new();
        for p in &pairs {
            let partner_tz = time::parse_tz("partner's time zone", &p.partner_tz)?;
            let entry =
                |at: DateTime<Utc>, minutes: u32, meeting_id: Option<MeetingId>| WeekMeeting {
                    pair_id: p.id,
                    partner_name: p.partner_name.clone(),
                    starts_at: at,
                    minutes,
                    day: at.with_timezone(&my_tz).date_naive(),
                    mine: schedule::local(at, my_tz),
                    theirs: schedule::local(at, partner_tz),
                    partner_tz: partner_tz.name().to_string(),
                    meeting_id,
                    started: at <= now,
                };
            for (id, at, minutes) in logged(c, p, from, to)? {
                meetings.push(entry(at, minutes, Some(id)));
            }
            for (at, minutes) in scheduled(c, p, from, to)? {
                meetings.push(entry(at, minutes, None));
            }
            owed.extend(
                actions(c, p, today, ends_on)?
                    .into_iter()
                    .map(|a| (p.my_role, a)),
            );
        }
        meetings
            .sort_by(|a, b| (a.starts_at, &a.partner_name).cmp(&(b.starts_at, &b.partner_name)));
        owed.sort_by(|(_, a), (_, b)| {
            (a.due_date, &a.partner_name).cmp(&(b.due_date, &b.partner_name))
        });
        let (mine, theirs): (Vec<_>, Vec<_>) =
            owed.into_iter().partition(|(role, a)| a.owner == *role);
        Ok(Week {
            my_tz: my_tz.name().to_string(),
            today,
            starts_on,
            ends_on,
            meetings,
            i_owe: mine.into_iter().map(|(_, a)| a).collect(),
            they_owe: theirs.into_iter().map(|(_, a)| a).collect(),
            pairs: pairs.len() as u32,
        })
    })
}
