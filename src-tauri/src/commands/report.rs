//! The organizer's report: survey files read from a folder, aggregated with
//! small groups suppressed, and written as HTML or CSV where the organizer chose.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use tauri::State;
use trellis_core::report::{self, Report, ReportOptions};
use trellis_core::Db;

use crate::{AppState, CommandError};

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct BuildReport {
    /// Tokens from `choose_folder` / `choose_open_file`: survey files, and
    /// folders whose `*.json` files are read (not subfolders).
    pub inputs: Vec<String>,
    /// K, the smallest group shown; `null` for the pack's minimum.
    pub min_group: Option<u32>,
    /// The program reported on; `null` for the first readable file's
    /// (`Report::programs` lists them all when a folder mixes programs).
    pub program: Option<String>,
}

#[derive(Deserialize, Clone, Copy, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ReportFormat {
    Html,
    Csv,
}

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ExportReport {
    pub inputs: Vec<String>,
    pub min_group: Option<u32>,
    pub program: Option<String>,
    pub format: ReportFormat,
    /// Made even though the ledger refuses it (its respondents differ from
    /// an earlier report's by fewer than K): the organizer's reason, which
    /// is printed in the report.
    pub override_reason: Option<String>,
    /// The token `choose_save_file` gave for where to write.
    pub file: String,
}

/// A report written, and the report as it was written (the files are read
/// again, so this is what the file holds).
#[derive(Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ExportedReport {
    pub path: String,
    pub bytes: u32,
    pub report: Report,
}

fn build(
    state: &AppState,
    db: &Db,
    inputs: &[String],
    min_group: Option<u32>,
    program: Option<String>,
) -> Result<Report, CommandError> {
    let inputs: Vec<PathBuf> = inputs
        .iter()
        .map(|t| state.file_to_read(t))
        .collect::<Result<_, _>>()?;
    let files = report::survey_files(&inputs)?;
    let opts = ReportOptions {
        min_group,
        program,
        lang: state.lang(),
    };
    Ok(report::build(db, &files, &opts, &mut |_| {})?)
}

#[tauri::command(async)]
pub fn build_report(
    state: State<'_, AppState>,
    input: BuildReport,
) -> Result<Report, CommandError> {
    build(
        &state,
        &*state.db()?,
        &input.inputs,
        input.min_group,
        input.program,
    )
}

#[tauri::command(async)]
pub fn export_report(
    state: State<'_, AppState>,
    input: ExportReport,
) -> Result<ExportedReport, CommandError> {
    let db = state.db()?;
    let mut r = build(&state, &db, &input.inputs, input.min_group, input.program)?;
    if r.accepted == 0 {
        let why = trellis_core::Reason::NoneReportable {
            read: r.files as usize,
            refused: r.refused.len(),
        };
        return Err(CommandError::invalid("inputs", why));
    }
    // The organizer's ledger: refused (nothing written) when comparing this
    // report with an earlier one would give a few respondents away.
    report::ledger::check_and_record(&db, &mut r, input.override_reason.as_deref())?;
    let body = match input.format {
        // The page in the window's language, as its tables (`build` gave
        // the report `state.lang()`).
        ReportFormat::Html => report::html::render(&r).into_bytes(),
        ReportFormat::Csv => report::csv(&r)?,
    };
    let path = state.file_to_write(&input.file)?;
    trellis_core::file::write_atomic(&path, &body)?;
    let bytes = u32::try_from(body.len()).unwrap_or(u32::MAX);
    Ok(ExportedReport {
        path: path.display().to_string(),
        bytes,
        report: r,
    })
}
