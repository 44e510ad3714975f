//! Full-text search.

use serde::Deserialize;
use tauri::State;
use trellis_core::id::PairId;
use trellis_core::search::{self, SearchHit};

use crate::{AppState, CommandError};

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, optional_fields = nullable)]
pub struct SearchInput {
    pub query: String,
    pub limit: u32,
    /// Only within this pair (Ctrl+F on a pair's screen).
    pub pair_id: Option<PairId>,
}

#[tauri::command(async)]
pub fn search(
    state: State<'_, AppState>,
    input: SearchInput,
) -> Result<Vec<SearchHit>, CommandError> {
    Ok(search::query_in(
        &*state.db()?,
        &input.query,
        input.limit,
        input.pair_id,
    )?)
}
