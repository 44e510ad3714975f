//! The child of the crash harness (`tests/safety/crash.rs`,
//! `scripts/crash-harness.sh`): writes through the core API in a loop and
//! prints a line for each write *after* it was committed. The parent kills it
//! with SIGKILL at a random moment and then checks that every acknowledged
//! write is in the database. Not part of Trellis; a test tool.
//!
//!     crash_child DATA_DIR
//!     crash_child DATA_DIR --toggle-encryption
//!
//! Lines on stdout: `ready`, then `draft N`, `note ID`, `meeting ID`; with
//! `--toggle-encryption` (issue 14), `on` and `off` each time encryption of
//! the data dir was turned on or off (passphrase in `TRELLIS_PASSPHRASE`).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use trellis_core::meeting::{self, NewMeeting};
use trellis_core::note::{self, Attachment, NewNote, Visibility};
use trellis_core::pair::{self, NewPair, Role};
use trellis_core::{draft, Db, Error, Result};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn ack(line: std::fmt::Arguments<'_>) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_fmt(line)
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush())
        .map_err(|e| Error::io(trellis_core::IoOp::Write, "cannot acknowledge on stdout", e))
}

fn run() -> Result<()> {
    let dir = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .ok_or_else(|| {
            Error::invalid("usage", trellis_core::Reason::usage("crash_child DATA_DIR"))
        })?;
    if std::env::args().nth(2).as_deref() == Some("--toggle-encryption") {
        return toggle_forever(&dir);
    }
    let db = Db::open_data_dir(&dir)?;
    let pair = match pair::list(&db)?.into_iter().next() {
        Some(p) => p,
        None => pair::add(
            &db,
            NewPair {
                my_role: Some(Role::Mentee),
                partner_name: "Crash Harness".into(),
                program_id: "openstack-mentoring".into(),
                cohort_id: "first-patch".into(),
                match_date: trellis_core::time::parse_date("match date", "2026-03-01")?,
                my_tz: chrono_tz::UTC,
                partner_tz: chrono_tz::UTC,
                cadence_days: 14,
                own_criteria: vec![],
            },
        )?,
    };
    // The day's backup, as the desktop makes it: on a thread of its own
    // while writes go on (once a day, so in the first trials only).
    std::thread::scope(|s| {
        s.spawn(|| trellis_core::backup::daily(&db));
        write_forever(&db, pair.id)
    })
}

fn toggle_forever(dir: &std::path::Path) -> Result<()> {
    use trellis_core::encryption::{self, NoKeyStore};
    let pass = std::env::var(encryption::PASSPHRASE_ENV).map_err(|_| {
        Error::invalid(
            "passphrase",
            trellis_core::Reason::usage("set TRELLIS_PASSPHRASE"),
        )
    })?;
    ack(format_args!("ready"))?;
    loop {
        if encryption::is_encrypted(dir) {
            encryption::turn_off(dir, &NoKeyStore, Some(&pass))?;
            ack(format_args!("off"))?;
        } else {
            encryption::turn_on(dir, &pass, &NoKeyStore, false)?;
            ack(format_args!("on"))?;
        }
    }
}

fn write_forever(db: &Db, pair: trellis_core::id::PairId) -> Result<()> {
    ack(format_args!("ready"))?;
    for i in 0u64.. {
        // What quick capture does on every keystroke.
        let typed = format!("typing draft {i} with some words to index");
        draft::save(db, pair, &typed, Visibility::Private)?;
        ack(format_args!("draft {i}"))?;
        let n = note::add(
            db,
            pair,
            NewNote {
                body: format!("crash harness note {i}: {}", "words ".repeat(40)),
                visibility: Visibility::Private,
                attach: Attachment::None,
            },
        )?;
        ack(format_args!("note {}", n.id))?;
        if i % 5 == 0 {
            let m = meeting::log(
                db,
                pair,
                NewMeeting {
                    starts_at: trellis_core::time::parse_when("start", "2026-03-10T15:00:00Z")?,
                    duration_min: Some(30),
                    agenda: format!("agenda {i}"),
                    notes: format!("shared notes of meeting {i}"),
                    actions: vec![trellis_core::action::NewAction {
                        text: format!("action of meeting {i}"),
                        owner: Role::Mentee,
                        due_date: None,
                    }],
                    ..NewMeeting::default()
                },
            )?;
            ack(format_args!("meeting {}", m.id))?;
        }
    }
    Ok(())
}
