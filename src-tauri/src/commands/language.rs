//! The language of the window, the packs' texts and the Markdown record:
//! the system's until the person chooses one in Settings.

use serde::Deserialize;
use tauri::State;
use trellis_core::lang::{Lang, Language};

use crate::{AppState, CommandError};

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SetLanguage {
    /// `null`: follow the system's language again.
    pub language: Option<Lang>,
}

/// The person's choice, the system's language and the one in use.
#[tauri::command(async)]
pub fn get_language(state: State<'_, AppState>) -> Result<Language, CommandError> {
    state.language()
}

/// Remember the person's language; every command after it uses it.
#[tauri::command(async)]
pub fn set_language(
    state: State<'_, AppState>,
    input: SetLanguage,
) -> Result<Language, CommandError> {
    state.set_language(input.language)
}
