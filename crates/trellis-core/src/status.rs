//! Attention: for each pair, what needs doing — meetings against the agreed
//! cadence, overdue action items, the next check-in, criteria met — and a
//! ranking, most urgent first.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use serde::Serialize;

use crate::id::PairId;
use crate::pack::Pack;
use crate::pair::{self, Pair, PairStatus, Role};
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
    pub level: AttentionLevel,
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
    /// Where it stands: the one rule Home, the pair screen and the CLI share.
    pub phase: CheckinPhase,
}

impl CheckinDue {
    /// `due in 3 days`, `due today`, `overdue by 2 days`, `missed (due
    /// 2025-03-01)`, `done`: where it stands, in words for the CLI.
    pub fn describe(&self) -> String {
        match (self.phase, self.days_until) {
            (CheckinPhase::Done, _) => "done".into(),
            (CheckinPhase::Missed, _) => format!("missed (due {})", self.due_on),
            (_, 0) => "due today".into(),
            (_, d) if d > 0 => format!("due in {}", plural(d, "day", "days")),
            (_, d) => format!("overdue by {}", plural(-d, "day", "days")),
        }
    }
}

/// Where a check-in stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CheckinPhase {
    /// More than [`CHECKIN_NOTICE_DAYS`] away: its questions are not open yet.
    Upcoming,
    /// Its questions are open; its day is today or still ahead.
    Open,
    /// Its day has passed, by at most [`CHECKIN_WINDOW_DAYS`]: late, still due.
    Overdue,
    /// More than [`CHECKIN_WINDOW_DAYS`] past its day and never saved, with no
    /// later check-in ahead. It can still be answered, late.
    Missed,
    /// Its survey file was written.
    Done,
}

impl CheckinPhase {
    /// The phase of a check-in `days_until` its day (negative: past).
    pub fn of(days_until: i64, exported: bool) -> Self {
        match days_until {
            _ if exported => Self::Done,
            d if d > CHECKIN_NOTICE_DAYS => Self::Upcoming,
            d if d >= 0 => Self::Open,
            d if d >= -CHECKIN_WINDOW_DAYS => Self::Overdue,
            _ => Self::Missed,
        }
    }

    /// Whether something can be done about it now (answer, save the file).
    pub fn is_due(self) -> bool {
        matches!(self, Self::Open | Self::Overdue)
    }
}

/// How many of a pair's open action items are whose.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Owed {
    pub open: u32,
    pub overdue: u32,
}

/// How urgent something is, from most to least: the home screen's colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AttentionLevel {
    /// Ready to graduate: good news to act on.
    Good,
    /// Worth knowing this week: a check-in opening soon.
    Note,
    /// Late, but recently: a meeting a little past the cadence, an action
    /// item past its date, a check-in due within a week.
    Soon,
    /// Needs me now: a check-in past its day, a meeting drift longer than
    /// twice the cadence.
    Urgent,
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
    /// The open action items I owe.
    pub mine: Owed,
    /// The open action items my partner owes.
    pub theirs: Owed,
    /// The check-in that matters now: the next one coming up or still due,
    /// else the last one (missed or done). `None` when the program has none.
    pub next_checkin: Option<CheckinDue>,
    pub criteria_met: u32,
    pub criteria_total: u32,
    pub ready_to_graduate: bool,
    pub attention: Vec<Attention>,
    /// The highest level among `attention`, `None` when there is nothing.
    pub level: Option<AttentionLevel>,
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

/// The check-in that matters now, with no survey file written yet:
/// see [`current_checkin`].
pub fn next_checkin(p: &Pair, pack: &Pack, today: NaiveDate) -> Option<CheckinDue> {
    current_checkin(p, pack, today, &[])
}

/// The check-in that matters now, the one rule for it: the first that is
/// coming up or still due (at most [`CHECKIN_WINDOW_DAYS`] past its day)
/// and whose survey file was not written (`exported`, by number); when there
/// is none, the last of the schedule, missed or done. `None` only when the
/// program schedules no check-in.
pub fn current_checkin(
    p: &Pair,
    pack: &Pack,
    today: NaiveDate,
    exported: &[u32],
) -> Option<CheckinDue> {
    let all = pack
        .checkin
        .days_after_match
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let number = i as u32 + 1;
            let due_on = p.match_date + chrono::Days::new(u64::from(*d));
            let days_until = (due_on - today).num_days();
            CheckinDue {
                number,
                due_on,
                days_until,
                phase: CheckinPhase::of(days_until, exported.contains(&number)),
            }
        });
    let mut last = None;
    for c in all {
        if matches!(
            c.phase,
            CheckinPhase::Upcoming | CheckinPhase::Open | CheckinPhase::Overdue
        ) {
            return Some(c);
        }
        last = Some(c);
    }
    last
}

/// What the log says about a pair, as of its own today.
struct Figures {
    last: Option<DateTime<Utc>>,
    open_actions: u32,
    overdue_actions: u32,
    /// Open and overdue action items the mentor owes.
    mentor_owes: Owed,
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
                -- A snoozed item is not late until its snooze ends.
                (SELECT COUNT(*) FROM action_item
                 WHERE pair_id = t.key AND done = 0 AND due_date IS NOT NULL AND due_date < t.value
                   AND (snoozed_until IS NULL OR snoozed_until <= t.value)),
                -- Met on either side: my mark, or a confirmation (mine or,
                -- by sync, my partner's), so both Homes count the same.
                (SELECT COUNT(*) FROM criterion c WHERE c.pair_id = t.key AND (c.met = 1
                    OR EXISTS (SELECT 1 FROM criterion_confirmation cc
                               WHERE cc.criterion_id = c.id AND cc.met_on IS NOT NULL))),
                (SELECT COUNT(*) FROM criterion WHERE pair_id = t.key),
                (SELECT group_concat(number) FROM
                    (SELECT number FROM checkin WHERE pair_id = t.key AND exported_at IS NOT NULL ORDER BY number)),
                (SELECT COUNT(*) FROM action_item WHERE pair_id = t.key AND done = 0 AND owner = 'mentor'),
                (SELECT COUNT(*) FROM action_item
                 WHERE pair_id = t.key AND done = 0 AND owner = 'mentor'
                   AND due_date IS NOT NULL AND due_date < t.value
                   AND (snoozed_until IS NULL OR snoozed_until <= t.value)),
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
                mentor_owes: Owed {
                    open: r.get(7)?,
                    overdue: r.get(8)?,
                },
                criteria_met: r.get(4)?,
                criteria_total: r.get(5)?,
                criteria_both: r.get(9)?,
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
        mentor_owes,
        criteria_met,
        criteria_total,
        criteria_both,
        exported,
    } = f;
    let mentee_owes = Owed {
        open: open_actions - mentor_owes.open,
        overdue: overdue_actions - mentor_owes.overdue,
    };
    let (mine, theirs) = match p.my_role {
        Role::Mentor => (mentor_owes, mentee_owes),
        Role::Mentee => (mentee_owes, mentor_owes),
    };
    let last = last.map(|l| l.with_timezone(&zone).date_naive());
    let since_base = last.unwrap_or(p.match_date);
    let days_since_meeting = (today - since_base).num_days().max(0);
    let next_meeting_due_on = since_base + chrono::Days::new(u64::from(p.cadence_days));
    // Ready only when the status change would be accepted: a shared pair's
    // criteria met by one side alone count as met, not as graduated (one
    // partner's marks never make the other's screen say "ready").
    let ready_to_graduate =
        criteria_total > 0 && criteria_both.unwrap_or(criteria_met) == criteria_total;
    let next_checkin = current_checkin(&p, pack, today, &exported);
    let cohort_name = pack
        .cohorts
        .iter()
        .find(|co| co.id == p.cohort_id)
        .map(|co| co.name.clone())
        .unwrap_or_else(|| p.cohort_id.clone());

    let live = matches!(p.status, PairStatus::Active);
    let mut attention = Vec::new();
    if live {
        attention.extend(meeting_attention(
            last.is_some(),
            days_since_meeting,
            p.cadence_days,
        ));
        attention.extend(actions_attention(overdue_actions));
        attention.extend(next_checkin.as_ref().and_then(checkin_attention));
    }
    if ready_to_graduate && matches!(p.status, PairStatus::Active | PairStatus::Paused) {
        attention.push((
            10,
            Attention {
                kind: AttentionKind::ReadyToGraduate,
                level: AttentionLevel::Good,
                message: if criteria_both.is_some() {
                    format!(
                        "Ready to graduate: all {criteria_total} criteria confirmed by both of you"
                    )
                } else {
                    format!("Ready to graduate: all {criteria_total} criteria met")
                },
            },
        ));
    }
    let level = attention.iter().map(|(_, a)| a.level).max();
    // The strongest level decides the rank; the weights order pairs within it.
    let mut urgency =
        level.map_or(0, |l| 1_000 * (l as i64 + 1)) + attention.iter().map(|(w, _)| w).sum::<i64>();
    let attention: Vec<Attention> = attention.into_iter().map(|(_, a)| a).collect();
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
        mine,
        theirs,
        next_checkin,
        criteria_met,
        criteria_total,
        ready_to_graduate,
        attention,
        level,
        urgency,
        pair: p,
    })
}

/// A meeting later than the agreed cadence: urgent once the gap passes
/// twice the cadence (a drift, not a slip), late before that.
fn meeting_attention(met: bool, days_since: i64, cadence: u32) -> Option<(i64, Attention)> {
    let cadence = i64::from(cadence);
    let late_by = days_since - cadence;
    if late_by <= 0 {
        return None;
    }
    let level = if late_by > cadence {
        AttentionLevel::Urgent
    } else {
        AttentionLevel::Soon
    };
    let message = if met {
        format!(
            "No meeting for {} (agreed: every {})",
            plural(days_since, "day", "days"),
            plural(cadence, "day", "days")
        )
    } else {
        format!(
            "No meeting yet, {} after the match",
            plural(days_since, "day", "days")
        )
    };
    let attention = Attention {
        kind: AttentionKind::MeetingOverdue,
        level,
        message,
    };
    Some((20 + late_by.min(365) * 2, attention))
}

/// Action items past their date: late, never on their own urgent.
fn actions_attention(overdue: u32) -> Option<(i64, Attention)> {
    (overdue > 0).then(|| {
        let attention = Attention {
            kind: AttentionKind::ActionsOverdue,
            level: AttentionLevel::Soon,
            message: format!(
                "{} overdue",
                plural(i64::from(overdue), "action item", "action items")
            ),
        };
        (15 * i64::from(overdue.min(20)), attention)
    })
}

/// A check-in whose questions are open or whose day has passed: urgent when
/// late, worth doing this week when its day is a week away or less.
fn checkin_attention(c: &CheckinDue) -> Option<(i64, Attention)> {
    let (level, message) = match (c.phase, c.days_until) {
        (CheckinPhase::Overdue, d) => (
            AttentionLevel::Urgent,
            format!("Check-in overdue by {}", plural(-d, "day", "days")),
        ),
        (CheckinPhase::Open, 0) => (AttentionLevel::Soon, "Check-in due today".to_string()),
        (CheckinPhase::Open, d) => (
            if d <= 7 {
                AttentionLevel::Soon
            } else {
                AttentionLevel::Note
            },
            format!("Check-in due in {}", plural(d, "day", "days")),
        ),
        _ => return None,
    };
    let attention = Attention {
        kind: AttentionKind::CheckinDue,
        level,
        message,
    };
    Some((30 + (CHECKIN_NOTICE_DAYS - c.days_until), attention))
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

/// Put the pack's program and cohort names in `lang` on summaries (where the
/// pack gives them; the pack's own otherwise). Nothing else in a summary is
/// pack text.
pub fn in_lang(db: &Db, lang: crate::lang::Lang, summaries: &mut [PairSummary]) -> Result<()> {
    let mut packs: HashMap<String, Pack> = HashMap::new();
    for s in summaries.iter_mut() {
        let id = &s.pair.program_id;
        if !packs.contains_key(id) {
            packs.insert(id.clone(), pack::get(db, id)?.in_lang(lang));
        }
        let Some(pk) = packs.get(id) else { continue };
        s.program_name.clone_from(&pk.program.name);
        if let Some(c) = pk.cohorts.iter().find(|c| c.id == s.pair.cohort_id) {
            s.cohort_name.clone_from(&c.name);
        }
    }
    Ok(())
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
