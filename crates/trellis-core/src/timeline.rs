//! A pair's timeline: meetings, achieved goals and met criteria by date, for
//! the picture of the months together.

use chrono::NaiveDate;
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
