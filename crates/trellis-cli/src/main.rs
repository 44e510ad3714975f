//! `trellis`: the command-line face of Trellis. Parses arguments, calls the
//! core, prints. `--json` prints exactly one JSON document on stdout.

mod flag;
mod noun;
mod output;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use trellis_core::{Db, Error};

use output::Output;

#[derive(Parser)]
#[command(
    name = "trellis",
    version,
    about = "Offline-first companion for mentor–mentee pairs: goals, meetings, notes, graduation criteria.",
    after_help = "IDs may be given as any unique prefix. Exit codes: 0 success, 2 bad input (nothing was written), 1 other failure."
)]
struct Cli {
    /// Data folder (default: TRELLIS_DATA_DIR, else the platform's data folder).
    #[arg(long, global = true, value_name = "DIR", env = "TRELLIS_DATA_DIR")]
    data_dir: Option<PathBuf>,
    /// Print one JSON document on stdout instead of tables.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Program packs: import, list, show.
    #[command(subcommand)]
    Pack(noun::pack::Cmd),
    /// Pairs (mentorships): add, list, show, edit, pause, resume, end, graduate.
    #[command(subcommand)]
    Pair(noun::pair::Cmd),
    /// Goals of a pair.
    #[command(subcommand)]
    Goal(noun::goal::Cmd),
    /// Milestones: a goal's checklist.
    #[command(subcommand)]
    Milestone(noun::milestone::Cmd),
    /// Meetings, and the next meeting's carried-forward agenda.
    #[command(subcommand)]
    Meeting(noun::meeting::Cmd),
    /// Action items.
    #[command(subcommand)]
    Action(noun::action::Cmd),
    /// Notes, private or shared.
    #[command(subcommand)]
    Note(noun::note::Cmd),
    /// Graduation criteria.
    #[command(subcommand)]
    Criterion(noun::criterion::Cmd),
    /// The check-in: questions, answers, and the anonymised survey file.
    #[command(subcommand)]
    Checkin(noun::checkin::Cmd),
    /// For organizers: aggregate survey files into a report.
    #[command(subcommand)]
    Survey(noun::survey::Cmd),
    /// What needs attention, most urgent pair first.
    Status,
    /// This week across all pairs: meetings in my zone and the partner's, and
    /// action items due by Sunday, what I owe and what my partners owe.
    Week(noun::week::Args),
    /// What the desktop would remind you of now: a meeting about to start, a
    /// check-in open, action items due tomorrow, a pair past its cadence.
    Reminders(noun::reminder::Args),
    /// Full-text search across goals, milestones, meetings, action items and notes.
    Search(noun::search::Args),
    /// Export a pair's whole record as Markdown or JSON.
    Export(noun::export::Args),
    /// Pair sync with your partner: invite, accept, export, import, conflicts.
    #[command(subcommand)]
    Sync(noun::sync::Cmd),
    /// Deleted items, kept 30 days: list, restore, delete permanently, empty.
    #[command(subcommand)]
    Trash(noun::trash::Cmd),
    /// Time zones: the canonical names and the old names that stand for them.
    #[command(subcommand)]
    Zone(noun::zone::Cmd),
    /// Backups of the database: now, list, restore, delete, prune.
    #[command(subcommand)]
    Backup(noun::backup::Cmd),
    /// Encryption at rest: on, off, change-passphrase, status.
    #[command(subcommand)]
    Encryption(noun::encryption::Cmd),
}

fn data_dir(flag: Option<PathBuf>) -> Result<PathBuf, Error> {
    if let Some(d) = flag {
        return Ok(d);
    }
    directories::ProjectDirs::from("org", "Trellis", "trellis")
        .map(|p| p.data_dir().to_path_buf())
        .ok_or_else(|| {
            Error::invalid(
                "data dir",
                trellis_core::Reason::usage("no home folder found; pass --data-dir DIR"),
            )
        })
}

fn run(db: &Db, command: Command, json: bool) -> Result<Output, Error> {
    match command {
        Command::Pack(c) => noun::pack::run(db, c),
        Command::Pair(c) => noun::pair::run(db, c),
        Command::Goal(c) => noun::goal::run(db, c),
        Command::Milestone(c) => noun::milestone::run(db, c),
        Command::Meeting(c) => noun::meeting::run(db, c),
        Command::Action(c) => noun::action::run(db, c),
        Command::Note(c) => noun::note::run(db, c),
        Command::Criterion(c) => noun::criterion::run(db, c),
        Command::Checkin(c) => noun::checkin::run(db, c),
        Command::Survey(c) => noun::survey::run(db, c, json),
        Command::Status => noun::status::run(db),
        Command::Week(a) => noun::week::run(db, a),
        Command::Reminders(a) => noun::reminder::run(db, a),
        Command::Search(a) => noun::search::run(db, a),
        Command::Export(a) => noun::export::run(db, a),
        Command::Sync(c) => noun::sync::run(db, c),
        Command::Trash(c) => noun::trash::run(db, c),
        Command::Zone(c) => noun::zone::run(c),
        // Handled in `main`, before any database is opened.
        Command::Backup(_) | Command::Encryption(_) => Err(Error::invalid(
            "backup",
            trellis_core::Reason::usage("is run on the data dir, not on an open database"),
        )),
    }
}

/// Report `e` on stderr and give the exit code: a line for a person, or with
/// `--json` one JSON document `{"error": {kind, code, field, params,
/// message}}` for a program, which switches on `code` and places by `field`.
fn fail(e: &Error, code: u8, json: bool) -> ExitCode {
    match serde_json::to_string(&serde_json::json!({ "error": e.report() })) {
        Ok(doc) if json => eprintln!("{doc}"),
        _ => eprintln!("error: {e}"),
    }
    ExitCode::from(code)
}

fn main() -> ExitCode {
    let Cli {
        data_dir: dir,
        json,
        command,
    } = Cli::parse();
    let dir = match data_dir(dir) {
        Ok(d) => d,
        Err(e) => return fail(&e, 1, json),
    };
    // Backups work on the data dir itself: a restore must work when the
    // database is damaged and cannot be opened.
    let result = if let Command::Backup(c) = command {
        noun::backup::run(&dir, c)
    } else if let Command::Encryption(c) = command {
        noun::encryption::run(&dir, c)
    } else {
        // A store that cannot be opened (unreadable, damaged, written by a
        // newer Trellis) is not the command's input at fault: exit 1, not 2.
        // An encrypted data dir: its key, from the keyring or the
        // passphrase; a wrong passphrase is bad input (exit 2).
        let key = match noun::encryption::key(&dir) {
            Ok(k) => k,
            Err(e) => return fail(&e, if e.is_bad_input() { 2 } else { 1 }, json),
        };
        let db = match Db::open_data_dir_with(&dir, key.as_ref()) {
            Ok(db) => db,
            Err(e) => return fail(&e, 1, json),
        };
        let started = trellis_core::time::now();
        let code = finish(run(&db, command, json), json);
        // A write saved, but a kept calendar file not rewritten after it.
        for w in noun::calendar::warnings_since(&db, started) {
            eprintln!("{w}");
        }
        // The day's backup, if due, once the answer is out: the command
        // does not wait for it.
        match trellis_core::backup::daily(&db) {
            // A new day: what has been in the Trash for 30 days goes.
            Ok(Some(_)) => {
                if let Err(e) = trellis_core::trash::expire(&db) {
                    eprintln!("warning: old items in the Trash were not deleted ({e})");
                }
            }
            Ok(None) => {}
            Err(e) => eprintln!("warning: the daily backup was not made ({e})"),
        }
        return code;
    };
    finish(result, json)
}

/// Print the command's output, or its error, and give the exit code.
fn finish(result: Result<Output, Error>, json: bool) -> ExitCode {
    match result {
        Ok(out) => match out.print(json) {
            Ok(()) => ExitCode::SUCCESS,
            // Whoever read the output stopped early (`trellis status | head`).
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Err(e) => fail(
                &Error::io(trellis_core::IoOp::Write, "cannot write the output", e),
                1,
                json,
            ),
        },
        Err(e) => fail(&e, if e.is_bad_input() { 2 } else { 1 }, json),
    }
}
