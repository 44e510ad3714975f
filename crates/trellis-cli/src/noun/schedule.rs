//! Time together across two zones: `pair hours` and the scheduling verbs of
//! `meeting` (schedule, proposals, unschedule, held, ics).

use std::path::PathBuf;

use clap::{Args, Subcommand};
use trellis_core::id::PairId;
use trellis_core::schedule::{self, Hours, NewSchedule, PairSchedule, Slot};
use trellis_core::{calendar, file, pair, time, Db, Resolve, Result};

use crate::output::{table, Output};

#[derive(Subcommand)]
pub enum PairCmd {
    /// Show both people's hours, or set mine: `mon-fri 09:00-18:00`,
    /// `sat 10:00-12:00` (days not named are days off).
    Hours {
        id: String,
        /// DAYS HH:MM-HH:MM, in my zone (repeatable); none: show.
        spans: Vec<String>,
    },
}

#[derive(Subcommand)]
pub enum MeetingCmd {
    /// Schedule the next meeting at a time (warns outside either person's hours or at night).
    Schedule(ScheduleArgs),
    /// Times for the next meeting inside both people's hours, around the cadence.
    Proposals {
        #[arg(long)]
        pair: String,
        /// Length in minutes.
        #[arg(long, default_value_t = 60)]
        duration: u32,
        #[arg(long, default_value_t = 5)]
        count: usize,
    },
    /// Cancel the scheduled meeting (and its series).
    Unschedule {
        #[arg(long)]
        pair: String,
    },
    /// Log the scheduled meeting as held, with the carried-forward agenda.
    Held {
        #[arg(long)]
        pair: String,
    },
    /// The scheduled meeting as an iCalendar file (.ics) with a reminder,
    /// its series too when it repeats: printed, or written with --out.
    Ics {
        #[arg(long)]
        pair: String,
        /// Write to this file instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Args)]
pub struct ScheduleArgs {
    #[arg(long)]
    pair: String,
    /// Start: YYYY-MM-DD HH:MM in my time zone, or RFC 3339.
    #[arg(long)]
    start: String,
    /// Length in minutes.
    #[arg(long, default_value_t = 60)]
    duration: u32,
    /// Repeat with the pair's cadence, keeping my zone's wall clock.
    #[arg(long)]
    recurring: bool,
}

fn slot_text(s: &Slot) -> String {
    let mut t = format!("{} (partner: {}), {} min", s.mine, s.theirs, s.minutes);
    if !s.warnings.is_empty() {
        let w: Vec<&str> = s.warnings.iter().map(|w| w.describe()).collect();
        t.push_str(&format!("\nwarning: {}", w.join("; ")));
    }
    t
}

fn schedule_text(s: &PairSchedule) -> String {
    let next = match &s.next {
        Some(n) => format!(
            "Next meeting: {}{}",
            slot_text(n),
            if s.recurs {
                "\nRepeats with the cadence."
            } else {
                ""
            }
        ),
        None => {
            "No meeting scheduled. See times that suit both: trellis meeting proposals --pair ID"
                .into()
        }
    };
    format!(
        "My hours ({}): {}\nPartner's hours ({}): {}\n{next}",
        s.my_tz,
        s.my_hours.describe(),
        s.partner_tz,
        s.partner_hours.describe()
    )
}

pub fn run_pair(db: &Db, cmd: PairCmd) -> Result<Output> {
    match cmd {
        PairCmd::Hours { id, spans } => {
            let id = PairId::resolve(db, &id)?;
            let s = if spans.is_empty() {
                schedule::get(db, id)?
            } else {
                schedule::set_my_hours(db, id, Hours::parse(&spans)?)?
            };
            let text = schedule_text(&s);
            Output::new(&s, text)
        }
    }
}

pub fn run_meeting(db: &Db, cmd: MeetingCmd) -> Result<Output> {
    let now = time::now();
    match cmd {
        MeetingCmd::Schedule(a) => {
            let id = PairId::resolve(db, &a.pair)?;
            let p = pair::get(db, id)?;
            let zone = time::parse_tz("my time zone", &p.my_tz)?;
            let new = NewSchedule {
                starts_at: time::parse_instant("start", &a.start, zone)?,
                minutes: a.duration,
                recurs: a.recurring,
            };
            let s = schedule::schedule(db, id, new, now)?;
            let text = format!("Scheduled. {}", schedule_text(&s));
            Output::new(&s, text)
        }
        MeetingCmd::Proposals {
            pair,
            duration,
            count,
        } => {
            let id = PairId::resolve(db, &pair)?;
            let slots = schedule::propose(db, id, duration, count.clamp(1, 20), now)?;
            let text = if slots.is_empty() {
                "No time in the next three weeks is inside both your hours. Widen your hours \
                 (trellis pair hours ID 'mon-fri 08:00-20:00') or pick a time with trellis meeting schedule."
                    .to_string()
            } else {
                let rows = slots
                    .iter()
                    .map(|s| vec![s.mine.clone(), s.theirs.clone(), time::stamp(s.starts_at)])
                    .collect();
                table(&["MINE", "PARTNER", "INSTANT (--start)"], rows)
            };
            Output::new(&slots, text)
        }
        MeetingCmd::Unschedule { pair } => {
            let id = PairId::resolve(db, &pair)?;
            let s = schedule::cancel(db, id)?;
            let text = format!("Cancelled. {}", schedule_text(&s));
            Output::new(&s, text)
        }
        MeetingCmd::Held { pair } => {
            let id = PairId::resolve(db, &pair)?;
            let m = schedule::log_scheduled(db, id)?;
            let p = pair::get(db, id)?;
            let text = format!("Logged {}", super::meeting::describe(&m, &p)?);
            Output::new(&m, text)
        }
        MeetingCmd::Ics { pair, out } => {
            let id = PairId::resolve(db, &pair)?;
            let body = calendar::meeting_ics(db, id, now)?;
            match out {
                Some(path) => {
                    file::write_atomic(&path, body.as_bytes())?;
                    let summary =
                        serde_json::json!({ "pair": id, "path": path, "bytes": body.len() });
                    Output::new(
                        &summary,
                        format!("Wrote {} ({} bytes)", path.display(), body.len()),
                    )
                }
                None => Output::new(&serde_json::json!({ "pair": id, "ics": body }), body),
            }
        }
    }
}
