//! `trellis dev …`: developer tools, hidden from the help. `generate` fills
//! an empty data folder with a seeded, realistic history (see
//! `trellis_core::dataset` and BENCHMARKS.md).

use clap::{Args, Subcommand};
use trellis_core::dataset::{self, Scale};
use trellis_core::{time, Db, Result};

use crate::output::Output;

#[derive(Subcommand)]
pub enum Cmd {
    /// Fill an empty data folder with a generated history.
    Generate(GenerateArgs),
}

#[derive(Args)]
pub struct GenerateArgs {
    /// The generator's seed: the same seed, scale and end date give the same data.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// tiny (a few pairs) or heavy (50 pairs, ten years, 25,000 meetings…).
    #[arg(long, default_value = "tiny")]
    scale: String,
    /// Last day of the history, YYYY-MM-DD (default: today, UTC).
    #[arg(long)]
    until: Option<String>,
}

pub fn run(db: &Db, cmd: Cmd) -> Result<Output> {
    match cmd {
        Cmd::Generate(a) => {
            let scale = Scale::parse(&a.scale)?;
            let until = match a.until.as_deref() {
                Some(d) => time::parse_date("until", d)?,
                None => chrono::Utc::now().date_naive(),
            };
            let started = std::time::Instant::now();
            let g = dataset::generate(db, a.seed, scale, until)?;
            let text = format!(
                "Generated {} pairs, {} meetings, {} action items, {} notes, {} goals with {} milestones, {} criteria \
                 (seed {}, {} scale, until {}) in {:.1} s.\nHeaviest pair: {} ({} meetings, {} notes, {} goals).",
                g.pairs,
                g.meetings,
                g.actions,
                g.notes,
                g.goals,
                g.milestones,
                g.criteria,
                g.seed,
                g.scale,
                g.until,
                started.elapsed().as_secs_f64(),
                g.heaviest_pair,
                g.heaviest_meetings,
                g.heaviest_notes,
                g.heaviest_goals
            );
            Output::new(&g, text)
        }
    }
}
