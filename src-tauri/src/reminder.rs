//! Reminders with the window closed: a thread asks the core each minute what
//! is due and shows it as OS notifications; a tray icon (Open Trellis, Quit)
//! keeps Trellis running when "start at login, minimised to the tray" is on.
//!
//! Without a tray (no StatusNotifier host, the library missing) Trellis
//! behaves as before: the failure is logged, closing the window quits.

use std::time::Duration;

use tauri::menu::{Menu, MenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager, Runtime, Window, WindowEvent};
use tauri_plugin_autostart::AutoLaunchManager;
use tauri_plugin_notification::NotificationExt;
use trellis_core::{reminder, time, zone};

use crate::AppState;

/// The argument the login entry starts Trellis with: no window, the tray only.
pub const MINIMIZED_FLAG: &str = "--minimized";

/// How often the core is asked what is due.
const POLL: Duration = Duration::from_secs(60);

const TRAY_ID: &str = "trellis";
const MAIN_WINDOW: &str = "main";

/// The login entry Trellis is started from, with [`MINIMIZED_FLAG`].
pub fn autostart_plugin<R: Runtime>() -> tauri::plugin::TauriPlugin<R> {
    tauri_plugin_autostart::Builder::new()
        .arg(MINIMIZED_FLAG)
        .build()
}

/// Start Trellis at login (or not). Only the running app has the login
/// entry's plugin; elsewhere (the tests' mock app) nothing is touched.
pub fn start_at_login<R: Runtime>(app: &AppHandle<R>, on: bool) {
    let Some(entry) = app.try_state::<AutoLaunchManager>() else {
        return;
    };
    let done = if on { entry.enable() } else { entry.disable() };
    if let Err(e) = done {
        eprintln!("warning: starting Trellis at login could not be changed ({e})");
    }
}

/// At start: when the setting is on but the login entry is gone (removed by
/// hand, a restored backup, a new machine), write it again. Never removes
/// one while the setting is off: a fresh data dir leaves the login alone.
pub fn restore_login_entry<R: Runtime>(app: &AppHandle<R>) {
    let on = app
        .state::<AppState>()
        .db()
        .ok()
        .and_then(|db| reminder::settings(&db).ok())
        .is_some_and(|s| s.start_at_login);
    let missing = app
        .try_state::<AutoLaunchManager>()
        .is_some_and(|entry| !entry.is_enabled().unwrap_or(true));
    if on && missing {
        start_at_login(app, true);
    }
}

/// Whether the tray icon exists: only then may the window hide instead of closing.
fn has_tray<R: Runtime>(app: &AppHandle<R>) -> bool {
    app.tray_by_id(TRAY_ID).is_some()
}

/// Make the tray icon. A failure is logged and Trellis runs without it; the
/// appindicator library panics when it is missing, so that is caught too.
pub fn make_tray<R: Runtime>(app: &AppHandle<R>) {
    if !tray_host_present() {
        eprintln!("warning: this desktop shows no tray icons; closing the window quits Trellis and it starts with its window shown");
        return;
    }
    let made = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| build_tray(app)));
    match made {
        Ok(Ok(())) => {}
        Ok(Err(e)) => eprintln!("warning: no tray icon ({e}); closing the window quits Trellis"),
        Err(_) => eprintln!("warning: no tray icon (no tray support on this desktop); closing the window quits Trellis"),
    }
}

/// Whether the desktop shows tray icons. On Linux a StatusNotifier host must
/// own its watcher on the session bus (KDE, Xfce, Cinnamon …; GNOME only with
/// an extension): without one an icon is made but never shown, and a window
/// hidden to it could not be brought back.
#[cfg(target_os = "linux")]
fn tray_host_present() -> bool {
    let Ok(bus) = zbus::blocking::Connection::session() else {
        return false;
    };
    bus.call_method(
        Some("org.freedesktop.DBus"),
        "/org/freedesktop/DBus",
        Some("org.freedesktop.DBus"),
        "NameHasOwner",
        &("org.kde.StatusNotifierWatcher",),
    )
    .ok()
    .and_then(|reply| reply.body().deserialize::<bool>().ok())
    .unwrap_or(false)
}

#[cfg(not(target_os = "linux"))]
fn tray_host_present() -> bool {
    true
}

fn build_tray<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    let open = MenuItem::with_id(app, "open", "Open Trellis", true, None::<&str>)?;
    let quit = MenuItem::with_id(app, "quit", "Quit", true, None::<&str>)?;
    let menu = Menu::with_items(app, &[&open, &quit])?;
    let mut tray = TrayIconBuilder::with_id(TRAY_ID)
        .tooltip("Trellis")
        .menu(&menu)
        .on_menu_event(|app, event| match event.id.as_ref() {
            "open" => show_window(app),
            "quit" => app.exit(0),
            _ => {}
        });
    if let Some(icon) = app.default_window_icon() {
        tray = tray.icon(icon.clone());
    }
    tray.build(app)?;
    Ok(())
}

fn show_window<R: Runtime>(app: &AppHandle<R>) {
    if let Some(w) = app.get_webview_window(MAIN_WINDOW) {
        let _ = w.show();
        let _ = w.unminimize();
        let _ = w.set_focus();
    }
}

/// Started from the login entry: hide the window, if there is a tray to
/// bring it back from.
pub fn start_minimised<R: Runtime>(
    app: &AppHandle<R>,
    args: impl IntoIterator<Item = std::ffi::OsString>,
) {
    let asked = args.into_iter().any(|a| a == MINIMIZED_FLAG);
    if asked && has_tray(app) {
        if let Some(w) = app.get_webview_window(MAIN_WINDOW) {
            let _ = w.hide();
        }
    }
}

/// Closing the main window hides it to the tray while "start at login,
/// minimised to the tray" is on (and there is a tray); otherwise it closes.
pub fn on_window_event<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    let WindowEvent::CloseRequested { api, .. } = event else {
        return;
    };
    let app = window.app_handle();
    if window.label() != MAIN_WINDOW || !has_tray(app) {
        return;
    }
    let to_tray = app
        .state::<AppState>()
        .db()
        .ok()
        .and_then(|db| reminder::settings(&db).ok())
        .is_some_and(|s| s.start_at_login);
    if to_tray {
        api.prevent_close();
        let _ = window.hide();
    }
}

/// Ask the core each minute what is due and show it, on a thread of its own.
pub fn start_polling<R: Runtime>(app: &AppHandle<R>) {
    let handle = app.clone();
    let spawned = std::thread::Builder::new()
        .name("reminders".into())
        .spawn(move || loop {
            remind(&handle);
            std::thread::sleep(POLL);
        });
    if let Err(e) = spawned {
        eprintln!("warning: reminders will not be shown ({e})");
    }
}

/// Show what is due now; each reminder is remembered as shown by the core.
fn remind<R: Runtime>(app: &AppHandle<R>) {
    let state = app.state::<AppState>();
    // In the desktop's language; asked before the database is held (it may
    // read the choice from it).
    let lang = state.lang();
    // Locked (encrypted, not yet unlocked) or damaged: nothing to read yet.
    let Ok(db) = state.db() else {
        return;
    };
    let due = reminder::take_in(&db, time::now(), zone::system(), lang);
    drop(db);
    match due {
        Ok(due) => {
            for r in due {
                let shown = app
                    .notification()
                    .builder()
                    .title(&r.title)
                    .body(&r.body)
                    .show();
                if let Err(e) = shown {
                    eprintln!("warning: a reminder could not be shown ({e})");
                }
            }
        }
        Err(e) => eprintln!("warning: reminders could not be read ({e})"),
    }
}
