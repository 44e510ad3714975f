use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Subcommand;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use trellis_core::report::{self, ReportOptions};
use trellis_core::{file, survey, Db, Error, Result};

use crate::output::Output;

/// Inputs from this many files on show a progress bar (on a terminal).
const PROGRESS_FROM: usize = 50;

#[derive(Subcommand)]
pub enum Cmd {
    /// Aggregate survey files (and folders of them) into an HTML report and a CSV.
    Report {
        /// Survey files, or folders whose *.json files are read (not subfolders).
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<PathBuf>,
        /// The HTML report to write.
        #[arg(long, value_name = "FILE", default_value = "report.html")]
        out: PathBuf,
        /// The CSV to write (default: beside the report, with .csv).
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
        /// Smallest group shown (default: the pack's minimum group size).
        #[arg(long, value_name = "K")]
        min_group: Option<u32>,
        /// The program to report on (default: the first readable file's).
        #[arg(long, value_name = "ID")]
        program: Option<String>,
        /// Make the report even though its respondents differ from an
        /// earlier report's by fewer than K; the reason is printed in it.
        #[arg(long = "override", value_name = "REASON")]
        override_reason: Option<String>,
    },
}

pub fn run(db: &Db, cmd: Cmd, json: bool) -> Result<Output> {
    let Cmd::Report {
        inputs,
        out,
        csv,
        min_group,
        program,
        override_reason,
    } = cmd;
    let files = report::survey_files(&inputs)?;
    let bar = ProgressBar::with_draw_target(Some(files.len() as u64), ProgressDrawTarget::stderr());
    if json || files.len() < PROGRESS_FROM || !std::io::stderr().is_terminal() {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    bar.set_style(
        ProgressStyle::with_template("reading {bar:30} {pos}/{len} files")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let opts = ReportOptions {
        min_group,
        program,
        ..ReportOptions::default()
    };
    let r = report::build(db, &files, &opts, &mut |n| bar.set_position(n as u64));
    bar.finish_and_clear();
    let mut r = r?;
    for f in &r.refused {
        eprintln!("refused: {}: {}", f.path, f.reason);
    }
    if r.accepted == 0 {
        return Err(Error::invalid(
            "inputs",
            trellis_core::Reason::NoneReportable {
                read: r.files as usize,
                refused: r.refused.len(),
            },
        ));
    }
    if r.programs.len() > 1 && opts.program.is_none() {
        eprintln!(
            "note: the files belong to {} programs ({}); this report is for {} — choose with --program",
            r.programs.len(),
            r.programs
                .iter()
                .map(|p| survey::printable(p, 64))
                .collect::<Vec<_>>()
                .join(", "),
            r.program_id.as_deref().map(|p| survey::printable(p, 64)).unwrap_or_default()
        );
    }
    // Refused, with nothing written, when comparing it with an earlier
    // report would give a few respondents away.
    report::ledger::check_and_record(db, &mut r, override_reason.as_deref())?;
    let csv_path = csv.unwrap_or_else(|| out.with_extension("csv"));
    file::write_atomic(&out, report::html::render(&r).as_bytes())?;
    file::write_atomic(&csv_path, &report::csv(&r)?)?;
    let compared = report::compared(&r);
    let compared = if compared.is_empty() {
        String::new()
    } else {
        format!(
            "\nCheck-ins {} side by side in every table (a column per check-in).",
            compared
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(" and ")
        )
    };
    let text =
        format!(
        "Reported {} respondent(s) of {} ({} refused, {} older or repeated file(s) of a respondent folded), smallest group shown {}.{compared}\nWrote {} and {}",
        r.accepted,
        r.program_id.as_deref().map(|p| survey::printable(p, 64)).unwrap_or_default(),
        r.refused.len(),
        r.folded,
        r.min_group,
        out.display(),
        csv_path.display()
    );
    let doc = serde_json::json!({
        "html": out,
        "csv": csv_path,
        "report": r,
    });
    Output::new(&doc, text)
}
