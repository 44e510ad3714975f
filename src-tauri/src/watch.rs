//! Watching the shared folders of pair sync: when the partner's file in a
//! pair's folder changes, core imports it (a refused file writes nothing)
//! and the window is told that data changed (the page's own
//! `trellis:changed` event, which every open screen reloads on; no Tauri
//! event permission is needed for it).
//! The window also asks for an exchange at start and when it gains focus
//! (`sync_all_folders`); this covers the time in between.

use std::path::PathBuf;

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use parking_lot::Mutex;
use tauri::{AppHandle, Manager, Runtime};
use trellis_core::sync;

use crate::AppState;

/// What the window runs when a partner's file was imported from a folder:
/// the page's own "data changed; reload what you show" event.
pub const CHANGED_SCRIPT: &str = "window.dispatchEvent(new CustomEvent('trellis:changed'))";

/// The watcher of every pair's shared folder (none until one is chosen).
#[derive(Default)]
pub struct FolderWatch(Mutex<Option<RecommendedWatcher>>);

/// Watch the shared folders the pairs have now (after one was chosen or
/// cleared, and at start). A folder that cannot be watched is skipped: the
/// exchange at start and on focus still reaches it.
pub fn rewatch<R: Runtime>(app: &AppHandle<R>) {
    let Some(slot) = app.try_state::<FolderWatch>() else {
        return;
    };
    let dirs: Vec<PathBuf> = match app.state::<AppState>().db() {
        Ok(db) => sync::folders(&db)
            .map(|all| all.into_iter().map(|f| PathBuf::from(f.path)).collect())
            .unwrap_or_default(),
        Err(_) => Vec::new(),
    };
    let mut current = slot.0.lock();
    *current = None;
    if dirs.is_empty() {
        return;
    }
    let handle = app.clone();
    let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            if matches!(event.kind, EventKind::Create(_) | EventKind::Modify(_)) {
                for path in &event.paths {
                    received(&handle, path);
                }
            }
        }
    });
    let Ok(mut watcher) = watcher else {
        return;
    };
    for dir in dirs {
        if let Err(e) = watcher.watch(&dir, RecursiveMode::NonRecursive) {
            eprintln!(
                "warning: the shared folder {} is not watched ({e})",
                dir.display()
            );
        }
    }
    *current = Some(watcher);
}

/// A file in a watched folder changed: if it is a partner's file, import it.
fn received<R: Runtime>(app: &AppHandle<R>, path: &std::path::Path) {
    let state = app.state::<AppState>();
    let Ok(db) = state.db() else {
        return;
    };
    let Ok(Some(pair)) = sync::pair_of_partner_file(&db, path) else {
        return;
    };
    if let Ok(Some(Ok(imported))) = sync::receive_from_folder(&db, pair) {
        if !imported.up_to_date {
            for window in app.webview_windows().values() {
                let _ = window.eval(CHANGED_SCRIPT);
            }
        }
    }
}
