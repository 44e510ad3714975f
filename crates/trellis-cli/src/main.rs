//! `trellis`: the command-line face of Trellis. Parses arguments, calls the
//! core, prints. `--json` prints exactly one JSON document on stdout.

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
    /// What needs attention, most urgent pair first.
    Status,
    /// Full-text search across goals, milestones, meetings, action items and notes.
    Search(noun::search::Args),
    /// Export a pair's whole record as Markdown or JSON.
    Export(noun::export::Args),
}

fn data_dir(flag: Option<PathBuf>) -> Result<PathBuf, Error> {
    if let Some(d) = flag {
        return Ok(d);
    }
    directories::ProjectDirs::from("org", "Trellis", "trellis")
        .map(|p| p.data_dir().to_path_buf())
        .ok_or_else(|| Error::invalid("data dir", "no home folder found; pass --data-dir DIR"))
}

fn run(cli: Cli) -> Result<Output, Error> {
    let dir = data_dir(cli.data_dir)?;
    let db = Db::open_data_dir(&dir)?;
    match cli.command {
        Command::Pack(c) => noun::pack::run(&db, c),
        Command::Pair(c) => noun::pair::run(&db, c),
        Command::Goal(c) => noun::goal::run(&db, c),
        Command::Milestone(c) => noun::milestone::run(&db, c),
        Command::Meeting(c) => noun::meeting::run(&db, c),
        Command::Action(c) => noun::action::run(&db, c),
        Command::Note(c) => noun::note::run(&db, c),
        Command::Criterion(c) => noun::criterion::run(&db, c),
        Command::Status => noun::status::run(&db),
        Command::Search(a) => noun::search::run(&db, a),
        Command::Export(a) => noun::export::run(&db, a),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let json = cli.json;
    match run(cli) {
        Ok(out) => {
            out.print(json);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            if e.is_bad_input() {
                ExitCode::from(2)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}
