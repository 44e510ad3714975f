//! Attention: for each pair, what needs doing — meetings against the agreed
//! cadence, overdue action items, the next check-in, criteria met — and a
//! ranking, most urgent first.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use serde::Serialize;

use crate::id::PairId;
use crate::pack::Pack;
use crate::pair::{self, Pair, PairStatus};
use crate::{pack, time, Db, Result};

/// How far past its due date a check-in still shows as due.
pub const CHECKIN_WINDOW_DAYS: i64 = 30;
/// How soon before its due date a check-in starts to show.
pub const CHECKIN_NOTICE_DAYS: i64 = 14;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AttentionKind {
    MeetingOverdue,
    ActionsOverdue,
    CheckinDue,
    ReadyToGraduate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Attention {
    pub kind: AttentionKind,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CheckinDue {
    /// 1 for the first check-in of the schedule.
    pub number: u32,
    #[ts(type = "string")]
    pub due_on: NaiveDate,
    /// Negative when the due date has passed.
    #[ts(type = "number")]
    pub days_until: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PairSummary {
    pub pair: Pair,
    pub program_name: String,
    pub cohort_name: String,
    #[ts(type = "string")]
    pub today: NaiveDate,
    #[ts(type = "string | null")]
    pub last_meeting_on: Option<NaiveDate>,
    /// Days since the last meeting, or since the match when there was none.
    #[ts(type = "number")]
    pub days_since_meeting: i64,
    #[ts(type = "string")]
    pub next_meeting_due_on: NaiveDate,
    pub open_actions: u32,
    pub overdue_actions: u32,
    pub next_checkin: Option<CheckinDue>,
    pub criteria_met: u32,
    pub criteria_total: u32,
    pub ready_to_graduate: bool,
    pub attention: Vec<Attention>,
    /// Higher is more urgent; inactive pairs rank below every active one.
    #[ts(type = "number")]
    pub urgency: i64,
}

fn plural(n: i64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The next check-in that is coming up or still open.
pub fn next_checkin(p: &Pair, pack: &Pack, today: NaiveDate) -> Option<CheckinDue> {
    next_open_checkin(p, pack, today, &[])
}

/// The next check-in that is coming up or still open, skipping the ones
/// whose survey file was already written (`exported`, by number): a due
/// check-in shows until it is exported.
pub fn next_open_checkin(
    p: &Pair,
    pack: &Pack,
    today: NaiveDate,
    exported: &[u32],
) -> Option<CheckinDue> {
    pack.checkin
        .days_after_match
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let due_on = p.match_date + chrono::Days::new(u64::from(*d));
            CheckinDue {
                number: i as u32 + 1,
                due_on,
                days_until: (due_on - today).num_days(),
            }
        })
        .filter(|c| !exported.contains(&c.number))
        .find(|c| c.days_until >= -CHECKIN_WINDOW_DAYS)
}

/// What the log says about a pair, as of its own today.
struct Figures {
    last: Option<DateTime<Utc>>,
    open_actions: u32,
    overdue_actions: u32,
    criteria_met: u32,
    criteria_total: u32,
    /// For a shared pair, the criteria confirmed by both partners.
    criteria_both: Option<u32>,
    /// Check-ins whose survey file was written, by number.
    exported: Vec<u32>,
}

/// The figures of several pairs, each as of its own `today`, in one
/// statement: the home screen needs them for every pair.
fn figures(c: &Connection, todays: &[(PairId, NaiveDate)]) -> Result<HashMap<PairId, Figures>> {
    let arg = serde_json::Value::Object(
        todays
            .iter()
            .map(|(id, d)| (id.to_string(), serde_json::Value::from(d.to_string())))
            .collect(),
    )
    .to_string();
    let mut st = c.prepare_cached(
        "SELECT t.key,
                (SELECT MAX(starts_at) FROM meeting WHERE pair_id = t.key),
                (SELECT COUNT(*) FROM action_item WHERE pair_id = t.key AND done = 0),
                (SELECT COUNT(*) FROM action_item
                 WHERE pair_id = t.key AND done = 0 AND due_date IS NOT NULL AND due_date < t.value),
                -- Met on either side: my mark, or a confirmation (mine or,
                -- by sync, my partner's), so both Homes count the same.
                (SELECT COUNT(*) FROM criterion c WHERE c.pair_id = t.key AND (c.met = 1
                    OR EXISTS (SELECT 1 FROM criterion_confirmation cc
                               WHERE cc.criterion_id = c.id AND cc.met_on IS NOT NULL))),
                (SELECT COUNT(*) FROM criterion WHERE pair_id = t.key),
                (SELECT group_concat(number) FROM
                    (SELECT number FROM checkin WHERE pair_id = t.key AND exported_at IS NOT NULL ORDER BY number)),
                -- A shared pair graduates co-signed: the criteria confirmed
                -- by both (the same on both sides), else NULL.
                CASE WHEN EXISTS (SELECT 1 FROM sync_peer WHERE pair_id = t.key) THEN
                    (SELECT COUNT(*) FROM criterion c WHERE c.pair_id = t.key
                     AND (SELECT COUNT(*) FROM criterion_confirmation cc
                          WHERE cc.criterion_id = c.id AND cc.met_on IS NOT NULL) = 2)
                END
         FROM json_each(?1) t",
    )?;
    let rows = st.query_map([arg], |r| {
        let exported: Option<String> = r.get(6)?;
        Ok((
            r.get::<_, PairId>(0)?,
            Figures {
                last: r.get(1)?,
                open_actions: r.get(2)?,
                overdue_actions: r.get(3)?,
                criteria_met: r.get(4)?,
                criteria_total: r.get(5)?,
                criteria_both: r.get(7)?,
                exported: exported
                    .unwrap_or_default()
                    .split(',')
                    .filter_map(|n| n.parse().ok())
                    .collect(),
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Summaries of pairs (in the order given) as of `now`.
fn summarise_all(
    c: &Connection,
    pairs: Vec<(Pair, &Pack)>,
    now: DateTime<Utc>,
) -> Result<Vec<PairSummary>> {
    let mut todays = Vec::with_capacity(pairs.len());
    for (p, _) in &pairs {
        let zone = time::parse_tz("my time zone", &p.my_tz)?;
        todays.push((p.id, time::today_in(zone, now)));
    }
    let mut figs = figures(c, &todays)?;
    pairs
        .into_iter()
        .zip(todays)
        .map(|((p, pk), (id, today))| {
            let f = figs
                .remove(&id)
                .ok_or_else(|| crate::Error::not_found("pair", id.to_string()))?;
            summarise(p, pk, today, f)
        })
        .collect()
}

fn summarise(p: Pair, pack: &Pack, today: NaiveDate, f: Figures) -> Result<PairSummary> {
    let zone = time::parse_tz("my time zone", &p.my_tz)?;
    let Figures {
        last,
        open_actions,
        overdue_actions,
        criteria_met,
        criteria_total,
        criteria_both,
        exported,
    } = f;
    let last = last.map(|l| l.with_timezone(&zone).date_naive());
    let since_base = last.unwrap_or(p.match_date);
    let days_since_meeting = (today - since_base).num_days().max(0);
    let next_meeting_due_on = since_base + chrono::Days::new(u64::from(p.cadence_days));
    // Ready only when the status change would be accepted: a shared pair's
    // criteria met by one side alone count as met, not as graduated (one
    // partner's marks never make the other's screen say "ready").
    let ready_to_graduate =
        criteria_total > 0 && criteria_both.unwrap_or(criteria_met) == criteria_total;
    let next_checkin = next_open_checkin(&p, pack, today, &exported);
    let cohort_name = pack
        .cohorts
        .iter()
        .find(|co| co.id == p.cohort_id)
        .map(|co| co.name.clone())
        .unwrap_or_else(|| p.cohort_id.clone());

    let mut attention = Vec::new();
    let mut urgency: i64 = 0;
    let live = matches!(p.status, PairStatus::Active);
    if live {
        let overdue_days = days_since_meeting - i64::from(p.cadence_days);
        if overdue_days > 0 {
            urgency += 20 + overdue_days * 2;
            let message = match last {
                Some(_) => format!(
                    "No meeting for {} (agreed: every {})",
                    plural(days_since_meeting, "day", "days"),
                    plural(i64::from(p.cadence_days), "day", "days")
                ),
                None => format!(
                    "No meeting yet, {} after the match",
                    plural(days_since_meeting, "day", "days")
                ),
            };
            attention.push(Attention {
                kind: AttentionKind::MeetingOverdue,
                message,
            });
        }
        if overdue_actions > 0 {
            urgency += 15 * i64::from(overdue_actions);
            attention.push(Attention {
                kind: AttentionKind::ActionsOverdue,
                message: format!(
                    "{} overdue",
                    plural(i64::from(overdue_actions), "action item", "action items")
                ),
            });
        }
        if let Some(ch) = &next_checkin {
            if ch.days_until <= CHECKIN_NOTICE_DAYS {
                urgency += 30 + (CHECKIN_NOTICE_DAYS - ch.days_until);
                let message = match ch.days_until {
                    d if d < 0 => format!("Check-in overdue by {}", plural(-d, "day", "days")),
                    0 => "Check-in due today".to_string(),
                    d => format!("Check-in due in {}", plural(d, "day", "days")),
                };
                attention.push(Attention {
                    kind: AttentionKind::CheckinDue,
                    message,
                });
            }
        }
    }
    if ready_to_graduate && matches!(p.status, PairStatus::Active | PairStatus::Paused) {
        urgency += 10;
        attention.push(Attention {
            kind: AttentionKind::ReadyToGraduate,
            message: if criteria_both.is_some() {
                format!("Ready to graduate: all {criteria_total} criteria confirmed by both of you")
            } else {
                format!("Ready to graduate: all {criteria_total} criteria met")
            },
        });
    }
    if !live {
        urgency -= 1_000_000;
    }
    Ok(PairSummary {
        program_name: pack.program.name.clone(),
        cohort_name,
        today,
        last_meeting_on: last,
        days_since_meeting,
        next_meeting_due_on,
        open_actions,
        overdue_actions,
        next_checkin,
        criteria_met,
        criteria_total,
        ready_to_graduate,
        attention,
        urgency,
        pair: p,
    })
}

/// Every pair with what needs attention, most urgent first.
pub fn overview(db: &Db, now: DateTime<Utc>) -> Result<Vec<PairSummary>> {
    let pairs = pair::list(db)?;
    let mut packs: HashMap<String, Pack> = HashMap::new();
    for p in &pairs {
        if !packs.contains_key(&p.program_id) {
            packs.insert(p.program_id.clone(), pack::get(db, &p.program_id)?);
        }
    }
    let mut out = db.read(|c| {
        let with_pack = pairs
            .into_iter()
            .filter_map(|p| packs.get(&p.program_id).map(|pk| (p, pk)))
            .collect();
        summarise_all(c, with_pack, now)
    })?;
    out.sort_by(|a, b| {
        b.urgency.cmp(&a.urgency).then_with(|| {
            a.pair
                .partner_name
                .to_lowercase()
                .cmp(&b.pair.partner_name.to_lowercase())
        })
    });
    Ok(out)
}

/// One pair's summary.
pub fn for_pair(db: &Db, id: PairId, now: DateTime<Utc>) -> Result<PairSummary> {
    let p = pair::get(db, id)?;
    let pk = pack::get(db, &p.program_id)?;
    db.read(|c| {
        summarise_all(c, vec![(p, &pk)], now)?
            .pop()
            .ok_or_else(|| crate::Error::not_found("pair", id.to_string()))
    })
}
