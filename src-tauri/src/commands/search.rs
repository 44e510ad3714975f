//! Full-text search.

use serde::Deserialize;
use tauri::State;
use trellis_core::search::{self, SearchHit};

use crate::{AppState, CommandError};

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SearchInput {
    pub query: String,
    pub limit: u32,
}

#[tauri::command(async)]
pub fn search(
    state: State<'_, AppState>,
    input: SearchInput,
) -> Result<Vec<SearchHit>, CommandError> {
    Ok(search::query(&*state.db()?, &input.query, input.limit)?)
}
