//! Calendars: `checkin ics`, `action ics` (one event each, with a
//! reminder) and `pair calendar` (the pair's whole calendar file in a
//! folder, written once or kept up to date).

use std::path::PathBuf;

use clap::Subcommand;
use trellis_core::calendar::{self, CalendarFile};
use trellis_core::id::{ActionId, PairId};
use trellis_core::{file, time, Db, Resolve, Result};

use crate::output::Output;

#[derive(Subcommand)]
pub enum PairCmd {
    /// The pair's calendar file (.ics): its scheduled meetings, check-in
    /// windows and open action items' due dates, each with a reminder.
    /// With --folder, write it there (named after the pair); add --keep to
    /// have Trellis rewrite it after every change; --stop ends that. With
    /// neither, show where it is kept.
    Calendar {
        id: String,
        #[arg(long, value_name = "DIR")]
        folder: Option<PathBuf>,
        /// Keep the file up to date in that folder from now on.
        #[arg(long, requires = "folder")]
        keep: bool,
        /// Stop keeping the file up to date (the file stays).
        #[arg(long, conflicts_with_all = ["folder", "keep"])]
        stop: bool,
    },
}

#[derive(Subcommand)]
pub enum CheckinCmd {
    /// The window of the check-in that is due or coming up as an
    /// iCalendar file (.ics) with a reminder: printed, or written with --out.
    Ics {
        #[arg(long)]
        pair: String,
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
pub enum ActionCmd {
    /// An open action item's due date as an iCalendar file (.ics) with a
    /// reminder the day before: printed, or written with --out.
    Ics {
        id: String,
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

/// Print `body`, or write it to `out` (0600, atomically).
fn ics(body: String, out: Option<PathBuf>) -> Result<Output> {
    match out {
        Some(path) => {
            file::write_atomic(&path, body.as_bytes())?;
            let summary = serde_json::json!({ "path": path, "bytes": body.len() });
            Output::new(
                &summary,
                format!("Wrote {} ({} bytes)", path.display(), body.len()),
            )
        }
        None => Output::new(&serde_json::json!({ "ics": body }), body),
    }
}

fn kept_text(f: &CalendarFile) -> String {
    let mut t = format!(
        "Kept up to date: {}\nLast written: {}",
        f.path,
        f.written_at.as_deref().unwrap_or("never")
    );
    if let Some(e) = &f.last_error {
        t.push_str(&format!(
            "\nwarning: the last change was not written to it ({e})"
        ));
    }
    t
}

pub fn run_pair(db: &Db, cmd: PairCmd) -> Result<Output> {
    let PairCmd::Calendar {
        id,
        folder,
        keep,
        stop,
    } = cmd;
    let id = PairId::resolve(db, &id)?;
    let now = time::now();
    match (folder, keep, stop) {
        (_, _, true) => {
            calendar::stop_keeping(db, id)?;
            Output::new(
                &serde_json::json!({ "pair": id, "kept": false }),
                "Trellis no longer updates this pair's calendar file (the file stays).",
            )
        }
        (Some(dir), true, _) => {
            let f = calendar::keep_file(db, id, &dir, now)?;
            let text = kept_text(&f);
            Output::new(&f, text)
        }
        (Some(dir), false, _) => {
            let w = calendar::write_file(db, id, &dir, now)?;
            let text = format!("Wrote {} ({} bytes)", w.path, w.bytes);
            Output::new(&w, text)
        }
        (None, _, _) => {
            let f = calendar::kept_file(db, id)?;
            let text = match &f {
                Some(f) => kept_text(f),
                None => "This pair's calendar file is not kept up to date. Write it with \
                         trellis pair calendar ID --folder DIR (add --keep to keep it so)."
                    .to_string(),
            };
            Output::new(&f, text)
        }
    }
}

pub fn run_checkin(db: &Db, cmd: CheckinCmd) -> Result<Output> {
    let CheckinCmd::Ics { pair, out } = cmd;
    let id = PairId::resolve(db, &pair)?;
    ics(calendar::checkin_ics(db, id, time::now())?, out)
}

pub fn run_action(db: &Db, cmd: ActionCmd) -> Result<Output> {
    let ActionCmd::Ics { id, out } = cmd;
    let id = ActionId::resolve(db, &id)?;
    ics(calendar::action_ics(db, id, time::now())?, out)
}

/// Warnings for the calendar files that a write since `since` could not
/// rewrite (the write itself was saved).
pub fn warnings_since(db: &Db, since: chrono::DateTime<chrono::Utc>) -> Vec<String> {
    match calendar::failed_since(db, since) {
        Ok(files) => files
            .into_iter()
            .map(|f| {
                format!(
                    "warning: the calendar file {} was not updated ({}); your change was saved",
                    f.path,
                    f.last_error.map(|e| e.message).unwrap_or_default()
                )
            })
            .collect(),
        Err(e) => vec![format!(
            "warning: could not tell whether the calendar files are up to date ({})",
            e
        )],
    }
}
