//! Facts about the running app itself.

use serde::Serialize;
use tauri::{AppHandle, Runtime, State};

use crate::state::Health;
use crate::{AppState, CommandError};

/// What the UI shows in its "about" corner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AppInfo {
    /// The app's version, as in `Cargo.toml`.
    pub version: String,
    /// The directory that holds the user's data.
    pub data_dir: String,
}

/// Returns the app's version and where it keeps its data.
#[tauri::command(async)]
pub fn app_info<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<AppInfo, CommandError> {
    Ok(AppInfo {
        version: app.package_info().version.to_string(),
        data_dir: state.data_dir_text()?.to_owned(),
    })
}

/// Whether the database opened, and if not, why: the UI asks at start and
/// shows the recovery screen when it is damaged.
#[tauri::command(async)]
pub fn get_health(state: State<'_, AppState>) -> Result<Health, CommandError> {
    state.health()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_info_is_camel_case_in_typescript() {
        use ts_rs::TS;
        let decl = AppInfo::decl(&ts_rs::Config::new());
        assert!(decl.contains("version: string"), "{decl}");
        assert!(decl.contains("dataDir: string"), "{decl}");
    }
}
