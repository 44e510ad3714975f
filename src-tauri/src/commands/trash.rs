//! The Trash: what was deleted, restoring it, and deleting it permanently
//! (from the database, its log and every backup; see `trellis_core::trash`).

use serde::Deserialize;
use tauri::State;
use trellis_core::id::TrashId;
use trellis_core::trash::{self, Purged, RestoredItem, TrashItem};

use crate::commands::pair::PairRef;
use crate::{AppState, CommandError};

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TrashRef {
    pub trash_id: TrashId,
}

/// A pair's Trash, most recently deleted first.
#[tauri::command(async)]
pub fn list_trash(
    state: State<'_, AppState>,
    input: PairRef,
) -> Result<Vec<TrashItem>, CommandError> {
    Ok(trash::list(&*state.db()?, input.pair_id)?)
}

/// Put a deleted item back (also the "Undo" right after a delete).
#[tauri::command(async)]
pub fn restore_trash_item(
    state: State<'_, AppState>,
    input: TrashRef,
) -> Result<RestoredItem, CommandError> {
    Ok(trash::restore(&*state.db()?, input.trash_id)?)
}

/// Delete one item permanently, from every file under the data folder.
#[tauri::command(async)]
pub fn purge_trash_item(
    state: State<'_, AppState>,
    input: TrashRef,
) -> Result<Purged, CommandError> {
    Ok(trash::purge(&*state.db()?, input.trash_id)?)
}

/// Delete everything in a pair's Trash permanently.
#[tauri::command(async)]
pub fn empty_trash(state: State<'_, AppState>, input: PairRef) -> Result<Purged, CommandError> {
    Ok(trash::empty(&*state.db()?, input.pair_id)?)
}
