//! Notes.

use serde::Deserialize;
use tauri::State;
use trellis_core::id::{NoteId, PairId};
use trellis_core::note::{self, NewNote, Note, NotePage, NotePatch, Visibility};

use crate::{AppState, CommandError};
use trellis_core::trash::TrashItem;

/// A page of a pair's notes, newest first; only the private or only the
/// shared ones when `visibility` is given.
#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, optional_fields = nullable)]
pub struct ListNotes {
    pub pair_id: PairId,
    pub visibility: Option<Visibility>,
    pub offset: u32,
    pub limit: u32,
}

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AddNote {
    pub pair_id: PairId,
    pub note: NewNote,
}

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct EditNote {
    pub note_id: NoteId,
    pub patch: NotePatch,
}

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct NoteRef {
    pub note_id: NoteId,
}

#[tauri::command(async)]
pub fn list_notes(state: State<'_, AppState>, input: ListNotes) -> Result<NotePage, CommandError> {
    let ListNotes {
        pair_id,
        visibility,
        offset,
        limit,
    } = input;
    Ok(note::page_of(
        &*state.db()?,
        pair_id,
        visibility,
        offset,
        limit,
    )?)
}

#[tauri::command(async)]
pub fn add_note(state: State<'_, AppState>, input: AddNote) -> Result<Note, CommandError> {
    Ok(note::add(&*state.db()?, input.pair_id, input.note)?)
}

#[tauri::command(async)]
pub fn edit_note(state: State<'_, AppState>, input: EditNote) -> Result<Note, CommandError> {
    Ok(note::edit(&*state.db()?, input.note_id, input.patch)?)
}

#[tauri::command(async)]
pub fn delete_note(state: State<'_, AppState>, input: NoteRef) -> Result<TrashItem, CommandError> {
    Ok(note::delete(&*state.db()?, input.note_id)?)
}
