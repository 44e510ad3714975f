//! `trellis reminders`: what the desktop would remind me of now (a meeting
//! about to start, a check-in open, action items due tomorrow, a pair
//! drifting), without showing or remembering anything.

use clap::Args as ClapArgs;
use trellis_core::reminder::{self, DueReminders, ReminderKind};
use trellis_core::{time, zone, Db, Result};

use crate::output::{table, Output};

#[derive(ClapArgs)]
pub struct Args {
    /// As of this time (YYYY-MM-DD HH:MM in --zone, or RFC 3339); default now.
    #[arg(long)]
    at: Option<String>,
    /// My time zone, for quiet hours (default: this computer's).
    #[arg(long)]
    zone: Option<String>,
}

fn kind(k: ReminderKind) -> &'static str {
    match k {
        ReminderKind::Meeting => "meeting",
        ReminderKind::Checkin => "check-in",
        ReminderKind::Actions => "action items",
        ReminderKind::Drift => "no meeting",
    }
}

/// The reminders as a table; `until`: when the quiet hours holding them end.
fn text(due: &DueReminders, until: Option<String>) -> String {
    if due.reminders.is_empty() {
        return "Nothing to remind you of now.".into();
    }
    let rows = due
        .reminders
        .iter()
        .map(|r| vec![kind(r.kind).to_string(), r.title.clone(), r.body.clone()])
        .collect();
    let mut out = table(&["KIND", "REMINDER", "DETAIL"], rows);
    if let Some(until) = until {
        out.push_str(&format!("\nQuiet hours: these wait until {until}."));
    }
    out
}

pub fn run(db: &Db, a: Args) -> Result<Output> {
    let zone = match a.zone {
        Some(z) => time::parse_tz("zone", &z)?,
        None => zone::system(),
    };
    let now = match a.at {
        Some(s) => time::parse_instant("at", &s, zone)?,
        None => time::now(),
    };
    let due = reminder::pending(db, now, zone)?;
    let until = due
        .quiet_until
        .map(|u| u.with_timezone(&zone).format("%H:%M %Z").to_string());
    let words = text(&due, until);
    Output::new(&due, words)
}
