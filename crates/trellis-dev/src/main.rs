//! `trellis-dev`: developer tools, apart from the shipped `trellis` and the
//! desktop app. `generate` fills an empty data folder with a seeded,
//! realistic history (see the library and BENCHMARKS.md):
//!
//! `trellis-dev --data-dir DIR generate --scale heavy --seed 1`

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use trellis_core::{time, Db, Result};
use trellis_dev::Scale;

#[derive(Parser)]
#[command(
    name = "trellis-dev",
    about = "Developer tools for Trellis (not shipped)."
)]
struct Cli {
    /// The data folder to fill (as `trellis --data-dir`; TRELLIS_DATA_DIR works too).
    #[arg(long, value_name = "DIR", env = "TRELLIS_DATA_DIR")]
    data_dir: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Fill an empty data folder with a generated history; prints what it made as JSON.
    Generate {
        /// The generator's seed: the same seed, scale and end date give the same data.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// tiny (a few pairs) or heavy (50 pairs, ten years, 25,000 meetings…).
        #[arg(long, default_value = "tiny")]
        scale: String,
        /// Last day of the history, YYYY-MM-DD (default: today, UTC).
        #[arg(long)]
        until: Option<String>,
    },
}

fn run(cli: Cli) -> Result<String> {
    let dir = cli.data_dir;
    let Command::Generate { seed, scale, until } = cli.command;
    let scale = Scale::parse(&scale)?;
    let until = match until.as_deref() {
        Some(d) => time::parse_date("until", d)?,
        None => time::now().date_naive(),
    };
    std::fs::create_dir_all(&dir).map_err(|e| {
        trellis_core::Error::io(
            trellis_core::IoOp::CreateFolder,
            "cannot make the data dir",
            e,
        )
    })?;
    let db = Db::open_data_dir(&dir)?;
    let generated = trellis_dev::generate(&db, seed, scale, until)?;
    serde_json::to_string_pretty(&generated).map_err(|e| trellis_core::Error::Format {
        file: trellis_core::FileKind::Output,
        what: "output".into(),
        reason: e.to_string(),
    })
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(if e.is_bad_input() { 2 } else { 1 })
        }
    }
}
