//! Program packs.

use serde::Deserialize;
use tauri::State;
use trellis_core::pack::{self, Pack, PackSummary};

use crate::{AppState, CommandError};

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PackRef {
    pub program_id: String,
}

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportPack {
    /// The token `choose_open_file` gave for the file to read.
    pub file: String,
}

#[tauri::command(async)]
pub fn list_packs(state: State<'_, AppState>) -> Result<Vec<PackSummary>, CommandError> {
    Ok(pack::list(&*state.db()?, state.lang())?)
}

#[tauri::command(async)]
pub fn get_pack(state: State<'_, AppState>, input: PackRef) -> Result<Pack, CommandError> {
    Ok(pack::get_in(
        &*state.db()?,
        &input.program_id,
        state.lang(),
    )?)
}

#[tauri::command(async)]
pub fn import_pack(state: State<'_, AppState>, input: ImportPack) -> Result<Pack, CommandError> {
    let path = state.file_to_read(&input.file)?;
    let src =
        trellis_core::file::read_text(&path, pack::MAX_PACK_BYTES, trellis_core::FileKind::Pack)?;
    Ok(pack::import(&*state.db()?, &src)?)
}
