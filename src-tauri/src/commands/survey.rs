//! The anonymised survey file: its exact bytes for the preview, and writing
//! exactly those bytes once the person has confirmed them.

use serde::Deserialize;
use tauri::State;
use trellis_core::id::PairId;
use trellis_core::survey::{self, ExportedSurvey};

use crate::{AppState, CommandError, ErrorKind};

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PreviewSurvey {
    pub pair_id: PairId,
    pub number: u32,
    /// The optional comment, sent only once the person ticked consent.
    pub comment: Option<String>,
    /// The person's own name, only to check that the comment does not carry
    /// it (the partner's name is the pair's); never kept nor written.
    pub my_name: Option<String>,
}

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ExportSurvey {
    pub pair_id: PairId,
    pub number: u32,
    /// The text the preview showed, unchanged: it is what is written, or
    /// nothing is (core refuses text that a preview would not give now).
    pub previewed: String,
    /// The token `choose_save_file` gave for where to write.
    pub file: String,
    /// As for the preview: checked against the comment, never kept.
    pub my_name: Option<String>,
}

/// The exact text of the survey file, with a fresh respondent id.
#[tauri::command(async)]
pub fn preview_survey(
    state: State<'_, AppState>,
    input: PreviewSurvey,
) -> Result<String, CommandError> {
    let bytes = survey::preview_as(
        &*state.db()?,
        input.pair_id,
        input.number,
        input.comment,
        input.my_name.as_deref(),
    )?;
    String::from_utf8(bytes)
        .map_err(|e| CommandError::new(ErrorKind::Internal, format!("survey file: {e}")))
}

#[tauri::command(async)]
pub fn export_survey(
    state: State<'_, AppState>,
    input: ExportSurvey,
) -> Result<ExportedSurvey, CommandError> {
    let path = state.file_to_write(&input.file)?;
    Ok(survey::export_as(
        &*state.db()?,
        input.pair_id,
        input.number,
        &path,
        input.previewed.as_bytes(),
        input.my_name.as_deref(),
    )?)
}
