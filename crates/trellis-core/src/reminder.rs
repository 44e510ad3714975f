//! Reminders: what to tell the person now, without the window open — a
//! meeting about to start, a check-in whose questions opened, action items
//! due tomorrow, a pair drifting past its cadence. Each kind can be turned
//! off; quiet hours (wall clock in the person's zone, may span midnight) hold
//! reminders until they end; each reminder is shown once, across restarts.
//!
//! A reminder's words name the partner and counts, never what anyone wrote:
//! no agenda, no note (private notes above all), no action item's text.

use chrono::{DateTime, Duration, NaiveTime, Utc};
use chrono_tz::Tz;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use crate::id::PairId;
use crate::pair::PairStatus;
use crate::schedule::{self, hhmm};
use crate::status::{self, AttentionKind, PairSummary};
use crate::{time, Db, Error, Reason, Result};

/// How long a shown reminder is remembered: longer than any check-in
/// window or drift, so nothing comes back while it still applies.
const REMEMBER_DAYS: i64 = 400;

/// What a reminder is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ReminderKind {
    /// A scheduled meeting starts within the lead time.
    Meeting,
    /// A check-in's questions are open.
    Checkin,
    /// Open action items are due tomorrow.
    Actions,
    /// No meeting for longer than the agreed cadence, and none scheduled.
    Drift,
}

impl ReminderKind {
    fn word(self) -> &'static str {
        match self {
            Self::Meeting => "meeting",
            Self::Checkin => "checkin",
            Self::Actions => "actions",
            Self::Drift => "drift",
        }
    }
}

/// One reminder to show as an OS notification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Reminder {
    /// What it is about (`meeting:<pair>:<instant>`): shown once per key.
    pub key: String,
    pub kind: ReminderKind,
    pub pair_id: PairId,
    pub title: String,
    pub body: String,
}

/// Which reminders to show and when: this machine's own settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ReminderSettings {
    /// A scheduled meeting about to start.
    pub meeting: bool,
    /// A check-in whose questions opened.
    pub checkin: bool,
    /// Action items due tomorrow.
    pub actions: bool,
    /// A pair drifting past its cadence.
    pub drift: bool,
    /// How many minutes before a meeting to remind (1–1440).
    pub lead_minutes: u32,
    /// Whether quiet hours hold reminders back.
    pub quiet: bool,
    /// Quiet hours start (`HH:MM`, my zone).
    #[ts(type = "string")]
    #[serde(with = "hhmm")]
    pub quiet_from: NaiveTime,
    /// Quiet hours end (`HH:MM`, my zone); before `quiet_from`: across midnight.
    #[ts(type = "string")]
    #[serde(with = "hhmm")]
    pub quiet_to: NaiveTime,
    /// Start Trellis at login, minimised to the tray (the desktop acts on it).
    pub start_at_login: bool,
}

impl Default for ReminderSettings {
    fn default() -> Self {
        Self {
            meeting: true,
            checkin: true,
            actions: true,
            drift: true,
            lead_minutes: 15,
            quiet: true,
            quiet_from: NaiveTime::from_hms_opt(22, 0, 0).unwrap_or_default(),
            quiet_to: NaiveTime::from_hms_opt(8, 0, 0).unwrap_or_default(),
            start_at_login: false,
        }
    }
}

impl ReminderSettings {
    fn on(&self, kind: ReminderKind) -> bool {
        match kind {
            ReminderKind::Meeting => self.meeting,
            ReminderKind::Checkin => self.checkin,
            ReminderKind::Actions => self.actions,
            ReminderKind::Drift => self.drift,
        }
    }

    fn validate(self) -> Result<Self> {
        if !(1..=1440).contains(&self.lead_minutes) {
            return Err(Error::invalid(
                "lead",
                Reason::OutOfRange {
                    min: 1,
                    max: 1440,
                    unit: crate::Unit::Minutes,
                },
            ));
        }
        if self.quiet && self.quiet_from == self.quiet_to {
            return Err(Error::invalid("quiet to", Reason::SameAsStart));
        }
        Ok(self)
    }

    /// When quiet hours that hold `now` end, in `zone`; `None` outside them.
    /// Read on the wall clock, so 22:00–08:00 stays 22:00–08:00 across a
    /// DST change.
    pub fn quiet_until(&self, now: DateTime<Utc>, zone: Tz) -> Option<DateTime<Utc>> {
        let (from, to) = (self.quiet_from, self.quiet_to);
        if !self.quiet || from == to {
            return None;
        }
        let local = now.with_timezone(&zone);
        let t = local.time();
        let inside = if from < to {
            from <= t && t < to
        } else {
            t >= from || t < to
        };
        if !inside {
            return None;
        }
        let day = if t < to {
            local.date_naive()
        } else {
            local.date_naive().succ_opt()?
        };
        Some(schedule::wall(zone, day.and_time(to)))
    }
}

/// What is due now: the reminders not shown yet, and whether quiet hours
/// hold them back (until when).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DueReminders {
    #[ts(type = "string | null")]
    pub quiet_until: Option<DateTime<Utc>>,
    pub reminders: Vec<Reminder>,
}

fn hm(field: &str, s: &str) -> Result<NaiveTime> {
    NaiveTime::parse_from_str(s, "%H:%M").map_err(|_| {
        Error::invalid(
            field,
            Reason::NotAClockTime {
                value: s.to_owned(),
            },
        )
    })
}

/// The reminder settings of this machine.
pub fn settings(db: &Db) -> Result<ReminderSettings> {
    db.read(load_settings)
}

fn load_settings(c: &Connection) -> Result<ReminderSettings> {
    let raw = c
        .prepare_cached(
            "SELECT meeting, checkin, actions, drift, lead_minutes, quiet, quiet_from, quiet_to,
                    start_at_login FROM reminder_setting WHERE id = 1",
        )?
        .query_row([], |r| {
            Ok((
                [
                    r.get::<_, bool>(0)?,
                    r.get::<_, bool>(1)?,
                    r.get::<_, bool>(2)?,
                    r.get::<_, bool>(3)?,
                ],
                r.get::<_, u32>(4)?,
                r.get::<_, bool>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, bool>(8)?,
            ))
        })?;
    let ([meeting, checkin, actions, drift], lead_minutes, quiet, from, to, start_at_login) = raw;
    Ok(ReminderSettings {
        meeting,
        checkin,
        actions,
        drift,
        lead_minutes,
        quiet,
        quiet_from: hm("quiet from", &from)?,
        quiet_to: hm("quiet to", &to)?,
        start_at_login,
    })
}

/// Change the reminder settings (all of them at once).
pub fn set_settings(db: &Db, new: ReminderSettings) -> Result<ReminderSettings> {
    let s = new.validate()?;
    db.write(|tx| {
        tx.execute(
            "UPDATE reminder_setting SET meeting = ?1, checkin = ?2, actions = ?3, drift = ?4,
                 lead_minutes = ?5, quiet = ?6, quiet_from = ?7, quiet_to = ?8, start_at_login = ?9
             WHERE id = 1",
            params![
                s.meeting,
                s.checkin,
                s.actions,
                s.drift,
                s.lead_minutes,
                s.quiet,
                s.quiet_from.format("%H:%M").to_string(),
                s.quiet_to.format("%H:%M").to_string(),
                s.start_at_login
            ],
        )?;
        load_settings(tx)
    })
}

fn plural(n: i64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn reminder(
    kind: ReminderKind,
    pair_id: PairId,
    about: &str,
    title: String,
    body: String,
) -> Reminder {
    Reminder {
        key: format!("{}:{pair_id}:{about}", kind.word()),
        kind,
        pair_id,
        title,
        body,
    }
}

/// Open action items of a pair due on `day` and not snoozed past it:
/// (all, mine).
fn due_on(c: &Connection, s: &PairSummary, day: chrono::NaiveDate) -> Result<(i64, i64)> {
    let day = day.to_string();
    Ok(c.prepare_cached(
        "SELECT COUNT(*), COALESCE(SUM(owner = ?3), 0) FROM action_item
         WHERE pair_id = ?1 AND done = 0 AND due_date = ?2
           AND (snoozed_until IS NULL OR snoozed_until <= ?2)",
    )?
    .query_row(params![s.pair.id, day, s.pair.my_role.as_str()], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })?)
}

/// Every reminder that applies at `now`, shown or not, of the kinds turned on.
fn candidates(db: &Db, s: &ReminderSettings, now: DateTime<Utc>) -> Result<Vec<Reminder>> {
    let mut out = Vec::new();
    let summaries = status::overview(db, now)?;
    for sum in summaries
        .iter()
        .filter(|p| p.pair.status == PairStatus::Active)
    {
        let p = &sum.pair;
        let name = &p.partner_name;
        let next = schedule::get(db, p.id)?.next;
        let scheduled = next.as_ref().filter(|n| n.starts_at > now);
        if let Some(n) = scheduled {
            let lead = Duration::minutes(i64::from(s.lead_minutes));
            if n.starts_at - lead <= now {
                let minutes = ((n.starts_at - now).num_seconds() + 59) / 60;
                out.push(reminder(
                    ReminderKind::Meeting,
                    p.id,
                    &time::stamp(n.starts_at),
                    format!(
                        "Meeting with {name} in {}",
                        plural(minutes, "minute", "minutes")
                    ),
                    format!("{} (partner: {})", n.mine, n.theirs),
                ));
            }
        }
        if let Some(c) = sum.next_checkin.as_ref().filter(|c| c.phase.is_due()) {
            out.push(reminder(
                ReminderKind::Checkin,
                p.id,
                &c.number.to_string(),
                format!("Check-in {} with {name} is open", c.number),
                format!(
                    "Its questions are ready; it is {} ({}).",
                    c.describe(),
                    c.due_on.format("%-d %b %Y")
                ),
            ));
        }
        let tomorrow = sum.today + chrono::Days::new(1);
        let (all, mine) = db.read(|c| due_on(c, sum, tomorrow))?;
        if all > 0 {
            let whose = match (mine, all - mine) {
                (0, _) => format!("{name} owes them"),
                (_, 0) => "You owe them".to_string(),
                (m, _) => format!("{m} of them yours"),
            };
            out.push(reminder(
                ReminderKind::Actions,
                p.id,
                &tomorrow.to_string(),
                format!(
                    "{} due tomorrow with {name}",
                    plural(all, "action item", "action items")
                ),
                format!("Due {}. {whose}.", tomorrow.format("%a %-d %b")),
            ));
        }
        let drifting = sum
            .attention
            .iter()
            .any(|a| a.kind == AttentionKind::MeetingOverdue);
        if drifting && scheduled.is_none() {
            out.push(reminder(
                ReminderKind::Drift,
                p.id,
                &sum.next_meeting_due_on.to_string(),
                format!(
                    "No meeting with {name} for {}",
                    plural(sum.days_since_meeting, "day", "days")
                ),
                format!(
                    "You agreed to meet every {}. Time to schedule the next one.",
                    plural(i64::from(p.cadence_days), "day", "days")
                ),
            ));
        }
    }
    out.retain(|r| s.on(r.kind));
    Ok(out)
}

fn shown(c: &Connection, key: &str) -> Result<bool> {
    Ok(
        c.prepare_cached("SELECT EXISTS (SELECT 1 FROM reminder_sent WHERE key = ?1)")?
            .query_row([key], |r| r.get(0))?,
    )
}

/// What is due at `now` for a person in `zone`: the reminders of the kinds
/// turned on that were not shown yet, and when quiet hours hold them back.
/// Writes nothing (`trellis reminders` shows it).
pub fn pending(db: &Db, now: DateTime<Utc>, zone: Tz) -> Result<DueReminders> {
    let s = settings(db)?;
    let all = candidates(db, &s, now)?;
    let reminders = db.read(|c| {
        let mut out = Vec::with_capacity(all.len());
        for r in all {
            if !shown(c, &r.key)? {
                out.push(r);
            }
        }
        Ok(out)
    })?;
    Ok(DueReminders {
        quiet_until: s.quiet_until(now, zone),
        reminders,
    })
}

/// The reminders to show now, each remembered as shown so that it never
/// comes again (a restart included). Nothing during quiet hours: what is
/// held comes when they end, if it still applies.
pub fn take(db: &Db, now: DateTime<Utc>, zone: Tz) -> Result<Vec<Reminder>> {
    let p = pending(db, now, zone)?;
    if p.quiet_until.is_some() || p.reminders.is_empty() {
        return Ok(Vec::new());
    }
    db.write(|tx| {
        let mut out = Vec::with_capacity(p.reminders.len());
        for r in p.reminders {
            // Another caller may have shown it in between: only once.
            let added = tx
                .prepare_cached(
                    "INSERT INTO reminder_sent (key, pair_id, sent_at) VALUES (?1, ?2, ?3)
                     ON CONFLICT (key) DO NOTHING",
                )?
                .execute(params![r.key, r.pair_id, time::stamp(now)])?;
            if added == 1 {
                out.push(r);
            }
        }
        tx.prepare_cached("DELETE FROM reminder_sent WHERE sent_at < ?1")?
            .execute([time::stamp(now - Duration::days(REMEMBER_DAYS))])?;
        Ok(out)
    })
}
