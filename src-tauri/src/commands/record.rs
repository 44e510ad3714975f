//! The portable record, written to a file the person chose in a save dialog.

use serde::{Deserialize, Serialize};
use tauri::State;
use trellis_core::id::PairId;
use trellis_core::record::{self, RecordFormat};

use crate::{AppState, CommandError};

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ExportRecord {
    pub pair_id: PairId,
    pub format: RecordFormat,
    pub include_private: bool,
    /// The token `choose_save_file` gave for where to write.
    pub file: String,
}

#[derive(Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Exported {
    pub path: String,
    pub bytes: u32,
}

#[tauri::command(async)]
pub fn export_record(
    state: State<'_, AppState>,
    input: ExportRecord,
) -> Result<Exported, CommandError> {
    let body = record::export(
        &*state.db()?,
        input.pair_id,
        input.format,
        input.include_private,
        state.lang(),
    )?;
    let path = state.file_to_write(&input.file)?;
    trellis_core::file::write_atomic(&path, body.as_bytes())?;
    Ok(Exported {
        bytes: u32::try_from(body.len()).unwrap_or(u32::MAX),
        path: path.display().to_string(),
    })
}
