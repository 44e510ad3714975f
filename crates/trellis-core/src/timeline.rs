//! A pair's timeline: meetings, achieved goals and met criteria by date, for
//! the picture of the months together.

use chrono::{NaiveDate, TimeZone};
use rusqlite::{params, Connection};
use serde::Serialize;

use crate::id::PairId;
use crate::{pair, time, Db, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum EventKind {
    Match,
    Meeting,
    GoalAchieved,
    CriterionMet,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TimelineEvent {
    #[ts(type = "string")]
    pub on: NaiveDate,
    pub kind: EventKind,
    pub label: String,
    /// The meeting, goal or criterion; the pair for the match.
    pub item_id: String,
}

/// Every event of a pair, oldest first.
pub fn for_pair(db: &Db, pair_id: PairId) -> Result<Vec<TimelineEvent>> {
    db.read(|c| {
        let p = pair::load(c, pair_id)?;
        let zone = time::parse_tz("my time zone", &p.my_tz)?;
        let mut out = vec![TimelineEvent {
            on: p.match_date,
            kind: EventKind::Match,
            label: format!("Matched with {}", p.partner_name),
            item_id: p.id.to_string(),
        }];
        let mut st = c.prepare_cached(
            "SELECT id, starts_at, duration_min, mode FROM meeting WHERE pair_id = ?1 ORDER BY starts_at",
        )?;
        let rows = st.query_map([pair_id], |r| {
            let at: chrono::DateTime<chrono::Utc> = r.get(1)?;
            let minutes: u32 = r.get(2)?;
            let mode: String = r.get(3)?;
            Ok(TimelineEvent {
                on: at.with_timezone(&zone).date_naive(),
                kind: EventKind::Meeting,
                label: format!("Meeting, {minutes} min ({})", mode.replace('_', " ")),
                item_id: r.get(0)?,
            })
        })?;
        for e in rows {
            out.push(e?);
        }
        let mut st = c.prepare_cached(
            "SELECT id, achieved_on, title FROM goal WHERE pair_id = ?1 AND achieved_on IS NOT NULL",
        )?;
        let rows = st.query_map([pair_id], |r| {
            Ok(TimelineEvent {
                on: r.get(1)?,
                kind: EventKind::GoalAchieved,
                label: r.get(2)?,
                item_id: r.get(0)?,
            })
        })?;
        for e in rows {
            out.push(e?);
        }
        let mut st =
            c.prepare_cached("SELECT id, met_on, text FROM criterion WHERE pair_id = ?1 AND met_on IS NOT NULL")?;
        let rows = st.query_map([pair_id], |r| {
            Ok(TimelineEvent {
                on: r.get(1)?,
                kind: EventKind::CriterionMet,
                label: r.get(2)?,
                item_id: r.get(0)?,
            })
        })?;
        for e in rows {
            out.push(e?);
        }
        out.sort_by_key(|e| e.on);
        Ok(out)
    })
}

/// A stretch of a pair's timeline, newest first, ending before a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TimelinePage {
    /// Newest first; whole days (a day's events are never split across pages).
    pub events: Vec<TimelineEvent>,
    /// The day the next, older page ends before: the oldest day on this page.
    /// Null when this page reaches the oldest event.
    #[ts(type = "string | null")]
    pub before: Option<NaiveDate>,
    /// Every meeting of the pair, also those on older pages.
    pub meeting_count: u32,
}

/// The events of a pair before `before` (or up to today and beyond when
/// None), newest first: about `limit` of them, rounded up to the whole day
/// of the last one. Its cost follows `limit`, not the years behind the pair
/// (meetings through their index; goals and criteria are read by pair).
/// `limit` is clamped to 1–1000. Pages end to end give [`for_pair`].
pub fn page(
    db: &Db,
    pair_id: PairId,
    before: Option<NaiveDate>,
    limit: u32,
) -> Result<TimelinePage> {
    let limit = limit.clamp(1, 1000) as usize;
    db.read(|c| {
        let p = pair::load(c, pair_id)?;
        let zone = time::parse_tz("my time zone", &p.my_tz)?;
        let span = Span { c, p: &p, zone };
        let newest = span.events(None, before, Some(limit))?;
        // The page ends with the whole day of its `limit`-th event; with
        // fewer left than that, everything left is on it.
        let Some(last) = newest.get(limit - 1).map(|e| e.on) else {
            return Ok(TimelinePage {
                events: newest,
                before: None,
                meeting_count: meeting_count(c, pair_id)?,
            });
        };
        let older = !span.events(None, Some(last), Some(1))?.is_empty();
        Ok(TimelinePage {
            events: span.events(Some(last), before, None)?,
            before: older.then_some(last),
            meeting_count: meeting_count(c, pair_id)?,
        })
    })
}

struct Span<'a> {
    c: &'a Connection,
    p: &'a pair::Pair,
    zone: chrono_tz::Tz,
}

impl Span<'_> {
    /// Meetings are stored by instant: a day of mine starts at its first
    /// instant in my zone (an hour on, on a day a clock change skips midnight).
    fn start_of(&self, d: NaiveDate) -> String {
        let midnight = d.and_time(chrono::NaiveTime::MIN);
        let first = self
            .zone
            .from_local_datetime(&midnight)
            .earliest()
            .or_else(|| {
                self.zone
                    .from_local_datetime(&(midnight + chrono::Duration::hours(1)))
                    .earliest()
            })
            .map(|t| t.with_timezone(&chrono::Utc))
            .unwrap_or_else(|| midnight.and_utc());
        time::stamp(first)
    }

    /// Events on days in [from, until), newest first; at most `limit` of them.
    fn events(
        &self,
        from: Option<NaiveDate>,
        until: Option<NaiveDate>,
        limit: Option<usize>,
    ) -> Result<Vec<TimelineEvent>> {
        let (from_at, until_at) = (
            from.map(|d| self.start_of(d)),
            until.map(|d| self.start_of(d)),
        );
        let (from_day, until_day) = (from.map(|d| d.to_string()), until.map(|d| d.to_string()));
        let pair_id = self.p.id;
        let mut out = meetings(
            self.c,
            pair_id,
            self.zone,
            from_at.as_deref(),
            until_at.as_deref(),
            limit,
        )?;
        out.extend(dated(
            self.c,
            GOALS,
            pair_id,
            from_day.as_deref(),
            until_day.as_deref(),
            limit,
        )?);
        out.extend(dated(
            self.c,
            CRITERIA,
            pair_id,
            from_day.as_deref(),
            until_day.as_deref(),
            limit,
        )?);
        let on = self.p.match_date;
        if from.is_none_or(|f| on >= f) && until.is_none_or(|u| on < u) {
            out.push(match_event(self.p));
        }
        out.sort_by_key(|e| std::cmp::Reverse(e.on));
        if let Some(n) = limit {
            out.truncate(n);
        }
        Ok(out)
    }
}

fn match_event(p: &pair::Pair) -> TimelineEvent {
    TimelineEvent {
        on: p.match_date,
        kind: EventKind::Match,
        label: format!("Matched with {}", p.partner_name),
        item_id: p.id.to_string(),
    }
}

fn meeting_count(c: &Connection, pair_id: PairId) -> Result<u32> {
    Ok(
        c.prepare_cached("SELECT COUNT(*) FROM meeting WHERE pair_id = ?1")?
            .query_row([pair_id], |r| r.get(0))?,
    )
}

/// Meetings starting in [from, until) (instants as stored), newest first.
fn meetings(
    c: &Connection,
    pair_id: PairId,
    zone: chrono_tz::Tz,
    from: Option<&str>,
    until: Option<&str>,
    limit: Option<usize>,
) -> Result<Vec<TimelineEvent>> {
    let mut st = c.prepare_cached(
        "SELECT id, starts_at, duration_min, mode FROM meeting
         WHERE pair_id = ?1 AND (?2 IS NULL OR starts_at >= ?2) AND (?3 IS NULL OR starts_at < ?3)
         ORDER BY starts_at DESC LIMIT ?4",
    )?;
    let limit = limit.map_or(-1, |n| n as i64);
    let rows = st.query_map(params![pair_id, from, until, limit], |r| {
        let at: chrono::DateTime<chrono::Utc> = r.get(1)?;
        let minutes: u32 = r.get(2)?;
        let mode: String = r.get(3)?;
        Ok(TimelineEvent {
            on: at.with_timezone(&zone).date_naive(),
            kind: EventKind::Meeting,
            label: format!("Meeting, {minutes} min ({})", mode.replace('_', " ")),
            item_id: r.get(0)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Achieved goals or met criteria: the table, its date column and its label.
struct Dated {
    kind: EventKind,
    sql: &'static str,
}

const GOALS: Dated = Dated {
    kind: EventKind::GoalAchieved,
    sql: "SELECT id, achieved_on, title FROM goal
          WHERE pair_id = ?1 AND achieved_on IS NOT NULL
            AND (?2 IS NULL OR achieved_on >= ?2) AND (?3 IS NULL OR achieved_on < ?3)
          ORDER BY achieved_on DESC LIMIT ?4",
};

const CRITERIA: Dated = Dated {
    kind: EventKind::CriterionMet,
    sql: "SELECT id, met_on, text FROM criterion
          WHERE pair_id = ?1 AND met_on IS NOT NULL
            AND (?2 IS NULL OR met_on >= ?2) AND (?3 IS NULL OR met_on < ?3)
          ORDER BY met_on DESC LIMIT ?4",
};

/// Goals achieved or criteria met on days in [from, until), newest first.
fn dated(
    c: &Connection,
    what: Dated,
    pair_id: PairId,
    from: Option<&str>,
    until: Option<&str>,
    limit: Option<usize>,
) -> Result<Vec<TimelineEvent>> {
    let mut st = c.prepare_cached(what.sql)?;
    let limit = limit.map_or(-1, |n| n as i64);
    let rows = st.query_map(params![pair_id, from, until, limit], |r| {
        Ok(TimelineEvent {
            on: r.get(1)?,
            kind: what.kind,
            label: r.get(2)?,
            item_id: r.get(0)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::criterion::{self, MarkMet};
    use crate::meeting::{self, NewMeeting};
    use crate::pair::{NewPair, Role};

    /// A pair in Berlin, matched on 2025-01-06, with meetings (three on one
    /// day, one late in the evening, which is the next day in UTC), goals
    /// achieved and a criterion met.
    fn history(db: &Db) -> PairId {
        let p = pair::add(
            db,
            NewPair {
                my_role: Some(Role::Mentee),
                partner_name: "Ada".into(),
                program_id: "openstack-mentoring".into(),
                cohort_id: "first-patch".into(),
                match_date: "2025-01-06".parse().unwrap(),
                my_tz: "Europe/Berlin".parse().unwrap(),
                partner_tz: "UTC".parse().unwrap(),
                cadence_days: 14,
                own_criteria: vec![],
            },
        )
        .unwrap();
        for at in [
            "2025-01-07 10:00",
            "2025-01-20 09:00",
            "2025-01-20 13:00",
            "2025-01-20 23:30",
            "2025-02-03 00:15",
            "2025-02-17 18:00",
            "2025-03-03 10:00",
        ] {
            meeting::log(
                db,
                p.id,
                NewMeeting {
                    starts_at: crate::time::When::parse(at).unwrap(),
                    duration_min: Some(30),
                    ..NewMeeting::default()
                },
            )
            .unwrap();
        }
        for (title, on) in [("First patch", "2025-01-20"), ("Talk", "2025-02-10")] {
            let g = crate::goal::add(
                db,
                p.id,
                crate::goal::NewGoal {
                    title: title.into(),
                    ..Default::default()
                },
            )
            .unwrap();
            db.write(|tx| {
                tx.execute(
                    "UPDATE goal SET status = 'achieved', achieved_on = ?2 WHERE id = ?1",
                    params![g.id, on],
                )?;
                Ok(())
            })
            .unwrap();
        }
        let c = &criterion::list(db, p.id).unwrap()[0];
        criterion::mark_met(
            db,
            c.id,
            MarkMet {
                on: Some("2025-02-17".parse().unwrap()),
                evidence: None,
            },
        )
        .unwrap();
        p.id
    }

    fn key(e: &TimelineEvent) -> (NaiveDate, String, String) {
        (e.on, format!("{:?}", e.kind), e.item_id.clone())
    }

    fn all_pages(db: &Db, pair: PairId, limit: u32) -> Vec<TimelinePage> {
        let mut pages = vec![page(db, pair, None, limit).unwrap()];
        while let Some(before) = pages.last().unwrap().before {
            pages.push(page(db, pair, Some(before), limit).unwrap());
            assert!(pages.len() < 50, "the pages never end");
        }
        pages
    }

    #[test]
    fn pages_end_to_end_give_the_whole_timeline_newest_first() {
        let db = Db::open_in_memory().unwrap();
        let pair = history(&db);
        let whole = for_pair(&db, pair).unwrap();
        assert_eq!(whole.len(), 1 + 7 + 2 + 1);
        for limit in [1, 2, 3, 4, 5, 100] {
            let pages = all_pages(&db, pair, limit);
            let paged: Vec<_> = pages.iter().flat_map(|p| p.events.clone()).collect();
            assert!(
                paged.windows(2).all(|w| w[0].on >= w[1].on),
                "limit {limit}: not newest first"
            );
            let mut a: Vec<_> = paged.iter().map(key).collect();
            let mut b: Vec<_> = whole.iter().map(key).collect();
            a.sort();
            b.sort();
            assert_eq!(a, b, "limit {limit}");
            assert_eq!(paged.last().unwrap().kind, EventKind::Match);
            assert!(pages.iter().all(|p| p.meeting_count == 7));
        }
    }

    #[test]
    fn a_page_never_splits_a_day() {
        let db = Db::open_in_memory().unwrap();
        let pair = history(&db);
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        // Before February: 20 January holds three meetings (the one at 23:30
        // in Berlin is the 20th there, the 20th in UTC too) and a goal.
        let p = page(&db, pair, Some(d("2025-02-01")), 2).unwrap();
        assert_eq!(p.events.len(), 4);
        assert!(p.events.iter().all(|e| e.on == d("2025-01-20")));
        assert_eq!(p.before, Some(d("2025-01-20")));
        // 00:15 in Berlin on 3 February is still 2 February in UTC: the day
        // is mine, not the database's.
        let first = page(&db, pair, None, 2).unwrap();
        let days: Vec<_> = first.events.iter().map(|e| e.on).collect();
        assert_eq!(days, [d("2025-03-03"), d("2025-02-17"), d("2025-02-17")]);
        assert_eq!(first.before, Some(d("2025-02-17")));
        let next = page(&db, pair, first.before, 2).unwrap();
        let days: Vec<_> = next.events.iter().map(|e| e.on).collect();
        assert_eq!(days, [d("2025-02-10"), d("2025-02-03")]);
    }

    #[test]
    fn a_short_history_is_one_page_that_reaches_the_match() {
        let db = Db::open_in_memory().unwrap();
        let pair = history(&db);
        let p = page(&db, pair, None, 500).unwrap();
        assert_eq!(p.events.len(), 11);
        assert_eq!(p.before, None);
        assert_eq!(p.events.last().unwrap().kind, EventKind::Match);
    }

    #[test]
    fn the_timeline_of_an_unknown_pair_is_not_found() {
        let db = Db::open_in_memory().unwrap();
        let e = page(&db, PairId::new(), None, 10).unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::NotFound);
    }
}
