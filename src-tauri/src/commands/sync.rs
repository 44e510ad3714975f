//! Pair sync: invite and update files, conflicts to review, and who
//! confirmed which graduation criterion.

use serde::Deserialize;
use tauri::State;
use trellis_core::confirmation::{self, CriterionConfirmations};
use trellis_core::id::PairId;
use trellis_core::sync::{self, Accepted, Imported, Side, SyncConflict, SyncStatus, Written};

use crate::commands::pair::PairRef;
use crate::{AppState, CommandError};

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct InvitePartner {
    pub pair_id: PairId,
    /// My display name as the partner will see it.
    pub my_name: String,
    /// The token `choose_save_file` gave for where to write.
    pub file: String,
}

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SyncFile {
    /// The token `choose_open_file` gave for the file to read.
    pub file: String,
}

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SendUpdate {
    pub pair_id: PairId,
    /// The token `choose_save_file` gave for where to write.
    pub file: String,
}

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ResolveConflict {
    #[ts(type = "number")]
    pub id: i64,
    pub keep: Side,
}

#[tauri::command(async)]
pub fn invite_partner(
    state: State<'_, AppState>,
    input: InvitePartner,
) -> Result<Written, CommandError> {
    let path = state.file_to_write(&input.file)?;
    Ok(sync::invite_to(
        &*state.db()?,
        input.pair_id,
        &input.my_name,
        &path,
    )?)
}

#[tauri::command(async)]
pub fn accept_invite(
    state: State<'_, AppState>,
    input: SyncFile,
) -> Result<Accepted, CommandError> {
    let path = state.file_to_read(&input.file)?;
    Ok(sync::accept_file(&*state.db()?, &path)?)
}

#[tauri::command(async)]
pub fn send_update(state: State<'_, AppState>, input: SendUpdate) -> Result<Written, CommandError> {
    let path = state.file_to_write(&input.file)?;
    Ok(sync::export_to(&*state.db()?, input.pair_id, &path)?)
}

#[tauri::command(async)]
pub fn receive_update(
    state: State<'_, AppState>,
    input: SyncFile,
) -> Result<Imported, CommandError> {
    let path = state.file_to_read(&input.file)?;
    Ok(sync::import_file(&*state.db()?, &path)?)
}

#[tauri::command(async)]
pub fn get_sync_status(
    state: State<'_, AppState>,
    input: PairRef,
) -> Result<SyncStatus, CommandError> {
    Ok(sync::status(&*state.db()?, input.pair_id)?)
}

/// Open conflicts of the pair, to review.
#[tauri::command(async)]
pub fn list_conflicts(
    state: State<'_, AppState>,
    input: PairRef,
) -> Result<Vec<SyncConflict>, CommandError> {
    Ok(sync::conflicts(&*state.db()?, input.pair_id, false)?)
}

#[tauri::command(async)]
pub fn resolve_conflict(
    state: State<'_, AppState>,
    input: ResolveConflict,
) -> Result<SyncConflict, CommandError> {
    Ok(sync::resolve(&*state.db()?, input.id, input.keep)?)
}

#[tauri::command(async)]
pub fn list_confirmations(
    state: State<'_, AppState>,
    input: PairRef,
) -> Result<Vec<CriterionConfirmations>, CommandError> {
    Ok(confirmation::list(&*state.db()?, input.pair_id)?)
}
