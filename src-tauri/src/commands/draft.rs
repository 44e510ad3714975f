//! Quick-capture drafts, saved as they are typed.

use serde::Deserialize;
use tauri::State;
use trellis_core::draft::{self, Draft};
use trellis_core::id::PairId;
use trellis_core::note::{Attachment, Note, Visibility};

use crate::commands::pair::PairRef;
use crate::{AppState, CommandError};

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SaveDraft {
    pub pair_id: PairId,
    pub body: String,
    pub visibility: Visibility,
}

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PublishDraft {
    pub pair_id: PairId,
    pub attach: Attachment,
}

#[tauri::command(async)]
pub fn get_draft(
    state: State<'_, AppState>,
    input: PairRef,
) -> Result<Option<Draft>, CommandError> {
    Ok(draft::get(&*state.db()?, input.pair_id)?)
}

#[tauri::command(async)]
pub fn save_draft(
    state: State<'_, AppState>,
    input: SaveDraft,
) -> Result<Option<Draft>, CommandError> {
    Ok(draft::save(
        &*state.db()?,
        input.pair_id,
        &input.body,
        input.visibility,
    )?)
}

#[tauri::command(async)]
pub fn publish_draft(
    state: State<'_, AppState>,
    input: PublishDraft,
) -> Result<Note, CommandError> {
    Ok(draft::publish(&*state.db()?, input.pair_id, input.attach)?)
}

#[tauri::command(async)]
pub fn discard_draft(state: State<'_, AppState>, input: PairRef) -> Result<(), CommandError> {
    Ok(draft::discard(&*state.db()?, input.pair_id)?)
}
