//! Pair sync: invite and update files, conflicts to review, and who
//! confirmed which graduation criterion.

use serde::Deserialize;
use tauri::{AppHandle, Runtime, State};
use trellis_core::confirmation::{self, CriterionConfirmations};
use trellis_core::id::PairId;
use trellis_core::sync::{
    self, Accepted, ClockRepair, FolderSync, Imported, InvitePreview, Side, SyncConflict,
    SyncFolder, SyncStatus, Written,
};

use crate::commands::pair::PairRef;
use crate::{AppState, CommandError};

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct InvitePartner {
    pub pair_id: PairId,
    /// My display name as the partner will see it.
    pub my_name: String,
    /// The token `choose_save_file` gave for where to write the invite.
    pub file: String,
    /// Start over with new keys for a pair that is paired already.
    #[serde(default)]
    pub re_pair: bool,
}

/// An invite written, and the one-time code to tell the partner another way.
#[derive(serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct InviteWritten {
    pub written: Written,
    pub code: String,
}

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AcceptInvite {
    /// The token `choose_open_file` gave for the invite file.
    pub file: String,
    /// The one-time code the partner told.
    pub code: String,
    /// The token `choose_save_file` gave for where to write the answer.
    pub answer_file: String,
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
) -> Result<InviteWritten, CommandError> {
    let path = state.file_to_write(&input.file)?;
    let db = state.db()?;
    let (written, inv) = sync::invite_to(&db, input.pair_id, &input.my_name, input.re_pair, &path)?;
    Ok(InviteWritten {
        written,
        code: inv.code,
    })
}

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PreviewInvite {
    /// The token `choose_open_file` gave for the invite file.
    pub file: String,
    /// The one-time code the partner told.
    pub code: String,
}

/// What an invite holds (who, program, cohort, what it adds) and the safety
/// code joining gives: nothing written.
#[tauri::command(async)]
pub fn preview_invite(
    state: State<'_, AppState>,
    input: PreviewInvite,
) -> Result<InvitePreview, CommandError> {
    let path = state.file_to_read(&input.file)?;
    let key = state.join_key(&input.file)?;
    Ok(sync::preview_join_file(
        &*state.db()?,
        &path,
        &input.code,
        &key,
    )?)
}

#[tauri::command(async)]
pub fn accept_invite(
    state: State<'_, AppState>,
    input: AcceptInvite,
) -> Result<Accepted, CommandError> {
    let file = state.file_to_read(&input.file)?;
    let answer = state.file_to_write(&input.answer_file)?;
    let key = state.join_key(&input.file)?;
    let accepted = sync::accept_file(&*state.db()?, &file, &input.code, &key, &answer)?;
    state.forget_join_key(&input.file);
    Ok(accepted)
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
    let db = state.db()?;
    let head = std::fs::read(&path).unwrap_or_default();
    if sync::file_kind(&head) == Some("answer") {
        // The partner's answer to my invite: the pair is paired (the safety
        // code is in `get_sync_status`).
        let a = sync::import_answer(&db, &head)?;
        return Ok(Imported {
            pair_id: a.pair_id,
            partner_name: a.partner_name,
            inserted: 0,
            updated: 0,
            deleted: 0,
            new_conflicts: 0,
            up_to_date: false,
        });
    }
    Ok(sync::import_file(&db, &path)?)
}

#[tauri::command(async)]
pub fn get_sync_status(
    state: State<'_, AppState>,
    input: PairRef,
) -> Result<SyncStatus, CommandError> {
    Ok(sync::status(&*state.db()?, input.pair_id)?)
}

/// How far this machine's sync clock runs ahead of its wall clock.
#[derive(serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SyncClock {
    /// Milliseconds ahead when more than a day (the partner would refuse
    /// this machine's update files until it is repaired); null when fine.
    #[ts(type = "number | null")]
    pub ahead_ms: Option<i64>,
}

/// Whether this machine's sync clock ran more than a day ahead, checked at
/// start and in Settings.
#[tauri::command(async)]
pub fn get_sync_clock(state: State<'_, AppState>) -> Result<SyncClock, CommandError> {
    Ok(SyncClock {
        ahead_ms: sync::clock_ahead(&*state.db()?)?,
    })
}

/// Bring a sync clock that ran more than a day ahead back to now.
#[tauri::command(async)]
pub fn repair_sync_clock(state: State<'_, AppState>) -> Result<ClockRepair, CommandError> {
    Ok(sync::repair_clock(&*state.db()?)?)
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

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SetSyncFolder {
    pub pair_id: PairId,
    /// The token `choose_folder` gave for the folder both partners sync.
    pub folder: String,
}

/// Sync a pair through a folder both partners keep in step from now on.
#[tauri::command(async)]
pub fn set_sync_folder<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: SetSyncFolder,
) -> Result<SyncFolder, CommandError> {
    let dir = state.file_to_read(&input.folder)?;
    let folder = sync::set_folder(&*state.db()?, input.pair_id, &dir)?;
    crate::watch::rewatch(&app);
    Ok(folder)
}

/// Stop syncing a pair through its folder (the files there stay).
#[tauri::command(async)]
pub fn clear_sync_folder<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: PairRef,
) -> Result<(), CommandError> {
    sync::clear_folder(&*state.db()?, input.pair_id)?;
    crate::watch::rewatch(&app);
    Ok(())
}

/// Exchange files through a pair's folder now: read the partner's, write mine.
#[tauri::command(async)]
pub fn sync_folder_now(
    state: State<'_, AppState>,
    input: PairRef,
) -> Result<FolderSync, CommandError> {
    Ok(sync::sync_folder(&*state.db()?, input.pair_id)?)
}

/// Exchange through every pair's folder (at start and when the window gains focus).
#[tauri::command(async)]
pub fn sync_all_folders(state: State<'_, AppState>) -> Result<Vec<FolderSync>, CommandError> {
    Ok(sync::sync_folders(&*state.db()?)?)
}
