//! Notes.

use serde::Deserialize;
use tauri::State;
use trellis_core::id::{NoteId, PairId};
use trellis_core::note::{self, NewNote, Note, NotePatch};

use crate::commands::pair::PairRef;
use crate::{AppState, CommandError};

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
pub fn list_notes(state: State<'_, AppState>, input: PairRef) -> Result<Vec<Note>, CommandError> {
    Ok(note::list(&*state.db()?, input.pair_id)?)
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
pub fn delete_note(state: State<'_, AppState>, input: NoteRef) -> Result<(), CommandError> {
    Ok(note::delete(&*state.db()?, input.note_id)?)
}
