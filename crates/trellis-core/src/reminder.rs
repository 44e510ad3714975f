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
use crate::lang::Lang;
use crate::pair::PairStatus;
use crate::schedule::{self, hhmm};
use crate::status::{self, AttentionKind, PairSummary};
use crate::{time, Db, Error, Reason, Result};

mod words;
use words::{count, fill, Words};

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

/// `at` in the zone named `zone` with `w`'s format; `fallback` if the name
/// is not a zone.
fn at_in(w: &Words, at: DateTime<Utc>, zone: &str, fallback: &str) -> String {
    match zone.parse::<Tz>() {
        Ok(z) => at
            .with_timezone(&z)
            .format_localized(w.at, w.locale)
            .to_string(),
        Err(_) => fallback.to_owned(),
    }
}

/// Every reminder that applies at `now`, shown or not, of the kinds turned
/// on, worded in `lang`.
fn candidates(
    db: &Db,
    s: &ReminderSettings,
    now: DateTime<Utc>,
    lang: Lang,
) -> Result<Vec<Reminder>> {
    let w = Words::of(lang);
    let mut out = Vec::new();
    let summaries = status::overview(db, now)?;
    for sum in summaries
        .iter()
        .filter(|p| p.pair.status == PairStatus::Active)
    {
        let p = &sum.pair;
        let name = p.partner_name.as_str();
        let next = schedule::get(db, p.id)?.next;
        let scheduled = next.as_ref().filter(|n| n.starts_at > now);
        if let Some(n) = scheduled {
            let lead = Duration::minutes(i64::from(s.lead_minutes));
            if n.starts_at - lead <= now {
                let minutes = ((n.starts_at - now).num_seconds() + 59) / 60;
                let mine = at_in(w, n.starts_at, &p.my_tz, &n.mine);
                let theirs = at_in(w, n.starts_at, &p.partner_tz, &n.theirs);
                out.push(reminder(
                    ReminderKind::Meeting,
                    p.id,
                    &time::stamp(n.starts_at),
                    fill(
                        w.meeting_title,
                        &[("name", name), ("minutes", &count(w.minutes, minutes))],
                    ),
                    fill(w.meeting_body, &[("mine", &mine), ("theirs", &theirs)]),
                ));
            }
        }
        if let Some(c) = sum.next_checkin.as_ref().filter(|c| c.phase.is_due()) {
            let state = match c.days_until {
                0 => w.due_today.to_owned(),
                d if d > 0 => fill(w.due_in, &[("days", &count(w.days, d))]),
                d => fill(w.overdue, &[("days", &count(w.days, -d))]),
            };
            out.push(reminder(
                ReminderKind::Checkin,
                p.id,
                &c.number.to_string(),
                fill(
                    w.checkin_title,
                    &[("number", &c.number.to_string()), ("name", name)],
                ),
                fill(
                    w.checkin_body,
                    &[
                        ("state", &state),
                        (
                            "date",
                            &c.due_on.format_localized(w.date, w.locale).to_string(),
                        ),
                    ],
                ),
            ));
        }
        let tomorrow = sum.today + chrono::Days::new(1);
        let (all, mine) = db.read(|c| due_on(c, sum, tomorrow))?;
        if all > 0 {
            let whose = match (mine, all - mine) {
                (0, _) => fill(w.theirs_all, &[("name", name)]),
                (_, 0) => w.mine_all.to_owned(),
                (m, _) => fill(w.some_mine, &[("mine", &m.to_string())]),
            };
            out.push(reminder(
                ReminderKind::Actions,
                p.id,
                &tomorrow.to_string(),
                fill(
                    w.actions_title,
                    &[("items", &count(w.items, all)), ("name", name)],
                ),
                fill(
                    w.actions_body,
                    &[
                        (
                            "date",
                            &tomorrow.format_localized(w.due_date, w.locale).to_string(),
                        ),
                        ("whose", &whose),
                    ],
                ),
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
                fill(
                    w.drift_title,
                    &[
                        ("name", name),
                        ("days", &count(w.days, sum.days_since_meeting)),
                    ],
                ),
                fill(
                    w.drift_body,
                    &[("cadence", &count(w.cadence, i64::from(p.cadence_days)))],
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
/// Writes nothing (`trellis reminders` shows it). Worded in English; see
/// [`pending_in`].
pub fn pending(db: &Db, now: DateTime<Utc>, zone: Tz) -> Result<DueReminders> {
    pending_in(db, now, zone, Lang::En)
}

/// [`pending`], worded in `lang`.
pub fn pending_in(db: &Db, now: DateTime<Utc>, zone: Tz, lang: Lang) -> Result<DueReminders> {
    let s = settings(db)?;
    let all = candidates(db, &s, now, lang)?;
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
/// held comes when they end, if it still applies. Worded in English; see
/// [`take_in`].
pub fn take(db: &Db, now: DateTime<Utc>, zone: Tz) -> Result<Vec<Reminder>> {
    take_in(db, now, zone, Lang::En)
}

/// [`take`], worded in `lang` (the desktop's language): the key of a
/// reminder is the same in every language, so it is still shown once.
pub fn take_in(db: &Db, now: DateTime<Utc>, zone: Tz, lang: Lang) -> Result<Vec<Reminder>> {
    let p = pending_in(db, now, zone, lang)?;
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
