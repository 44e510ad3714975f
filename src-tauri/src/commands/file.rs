//! Choosing files: the save and open dialogs run here, on the Rust side, and
//! the page gets an opaque token for what the person chose, never a path it
//! could make up. Commands that write or read a file take that token (see
//! `AppState::file_to_write` / `file_to_read`), so a compromised page can
//! write only where the person chose, once, and read only what they chose.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::{AppState, CommandError};

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ChooseFile {
    /// The dialog's title.
    pub title: String,
    /// The name the save dialog suggests.
    #[ts(optional)]
    pub suggested_name: Option<String>,
    /// The file type offered, as `(name, extensions)`; none for a folder.
    #[ts(optional)]
    pub filter: Option<(String, Vec<String>)>,
    /// End-to-end builds only (cargo feature `e2e`): the path the journey
    /// answers the dialog with. Ignored in every other build.
    #[serde(default)]
    #[ts(optional)]
    pub e2e_path: Option<String>,
}

/// What the person chose: a token for the commands, and the name to show.
#[derive(Debug, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ChosenFile {
    pub token: String,
    /// The file or folder's name, to show.
    pub name: String,
    /// Its full path, to show only: no command takes a path.
    pub path: String,
}

/// The path an end-to-end journey gives in place of the dialog; `None` in
/// every build without the `e2e` feature, whatever the page sends.
fn answered_by_test(input: &ChooseFile) -> Option<PathBuf> {
    if cfg!(feature = "e2e") {
        input.e2e_path.as_ref().map(PathBuf::from)
    } else {
        None
    }
}

fn remember(state: &AppState, path: Option<PathBuf>, to_write: bool) -> Option<ChosenFile> {
    let path = path?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    Some(ChosenFile {
        name,
        path: path.display().to_string(),
        token: state.remember_choice(path, to_write),
    })
}

fn dialog<R: Runtime>(
    app: &AppHandle<R>,
    input: &ChooseFile,
) -> tauri_plugin_dialog::FileDialogBuilder<R> {
    let mut d = app.dialog().file().set_title(&input.title);
    if let Some((name, extensions)) = &input.filter {
        let exts: Vec<&str> = extensions.iter().map(String::as_str).collect();
        d = d.add_filter(name, &exts);
    }
    if let Some(n) = &input.suggested_name {
        d = d.set_file_name(n);
    }
    d
}

/// Runs one of the dialog's kinds (or takes a test build's answer) and
/// remembers the choice: a token for the page, the path for the shell.
fn choose<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
    input: &ChooseFile,
    to_write: bool,
    pick: impl FnOnce(
        tauri_plugin_dialog::FileDialogBuilder<R>,
    ) -> Option<tauri_plugin_dialog::FilePath>,
) -> Option<ChosenFile> {
    let path = match answered_by_test(input) {
        Some(p) => Some(p),
        None => pick(dialog(app, input)).and_then(|p| p.into_path().ok()),
    };
    remember(state, path, to_write)
}

/// The save dialog; `null` when cancelled.
#[tauri::command(async)]
pub fn choose_save_file<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: ChooseFile,
) -> Result<Option<ChosenFile>, CommandError> {
    Ok(choose(&app, &state, &input, true, |d| {
        d.blocking_save_file()
    }))
}

/// The open dialog for one file; `null` when cancelled.
#[tauri::command(async)]
pub fn choose_open_file<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: ChooseFile,
) -> Result<Option<ChosenFile>, CommandError> {
    Ok(choose(&app, &state, &input, false, |d| {
        d.blocking_pick_file()
    }))
}

/// The open dialog for a folder; `null` when cancelled.
#[tauri::command(async)]
pub fn choose_folder<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: ChooseFile,
) -> Result<Option<ChosenFile>, CommandError> {
    Ok(choose(&app, &state, &input, false, |d| {
        d.blocking_pick_folder()
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(not(feature = "e2e"))]
    #[test]
    fn a_build_for_people_ignores_a_path_the_page_names() {
        let input = ChooseFile {
            title: "Save".into(),
            suggested_name: None,
            filter: None,
            e2e_path: Some("/home/someone/.bashrc".into()),
        };
        assert_eq!(answered_by_test(&input), None);
    }

    #[cfg(feature = "e2e")]
    #[test]
    fn an_end_to_end_build_answers_the_dialog_with_the_journey_s_path() {
        let input = ChooseFile {
            title: "Save".into(),
            suggested_name: None,
            filter: None,
            e2e_path: Some("/tmp/out.md".into()),
        };
        assert_eq!(answered_by_test(&input), Some(PathBuf::from("/tmp/out.md")));
    }
}
