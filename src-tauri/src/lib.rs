//! The Trellis desktop shell: a Tauri window over the UI in `ui/`, the state it
//! shares with its commands, and the commands the UI may call.
//!
//! The shell holds no domain logic: a command turns its IPC input into a call to
//! core and core's answer into JSON, in a few lines.

pub mod commands;
pub mod contract;
pub mod error;
pub mod navigation;
pub mod reminder;
pub mod state;
pub mod watch;

use tauri::{Builder, Context, Manager, Runtime};

pub use error::{CommandError, ErrorCode, ErrorKind, StartupError};
pub use state::AppState;

/// Resolves the data directory, builds the app and runs it until its last window closes.
///
/// # Errors
/// A [`StartupError`] when the data directory cannot be resolved or created, or
/// when Tauri cannot start (no display, a broken configuration).
pub fn run() -> Result<(), StartupError> {
    let data_dir = state::resolve_data_dir(
        std::env::args_os().skip(1),
        std::env::var_os(state::DATA_DIR_ENV),
        state::platform_data_dir(),
    )?;
    check_display()?;
    let state = AppState::open(data_dir)?;
    if let Ok(health) = state.health() {
        if let Some(reason) = health.reason {
            // The window still opens, on its recovery screen.
            eprintln!("warning: the database was not opened ({reason})");
        }
    }
    let app = app_builder(Builder::default(), state)
        // Reminders with the window closed: the login entry, the tray, and
        // closing to the tray while "start at login" is on.
        .plugin(reminder::autostart_plugin())
        .on_window_event(reminder::on_window_event)
        .setup(|app| {
            reminder::make_tray(app.handle());
            reminder::start_minimised(app.handle(), std::env::args_os().skip(1));
            reminder::restore_login_entry(app.handle());
            reminder::start_polling(app.handle());
            Ok(())
        })
        // The day's backup once the first screen has loaded: start-up does
        // not wait for it, and the UI's first calls do not share the disk
        // with it.
        .on_page_load(|webview, payload| {
            if payload.event() == tauri::webview::PageLoadEvent::Finished {
                start_daily_backup(webview.app_handle());
            }
        })
        .build(context())
        .map_err(StartupError::Tauri)?;
    // The partner's file in a shared folder is imported when it changes.
    watch::rewatch(app.handle());
    #[cfg(unix)]
    quit_on_signals(app.handle().clone());
    app.run(|handle, event| {
        if let tauri::RunEvent::Exit = event {
            // Quitting waits for a backup in progress: no half copy left
            // behind; then closes the database, which seals it.
            let state = handle.state::<AppState>();
            state.finish_daily_backup();
            state.close();
        }
    });
    Ok(())
}

/// Quits as if the window were closed on SIGTERM, SIGINT or SIGHUP (the
/// desktop session logging out, Ctrl+C in a terminal, the terminal closed):
/// the exit event then waits for a backup in progress and closes the
/// database, which seals it. A second signal ends the process at once.
#[cfg(unix)]
fn quit_on_signals<R: Runtime>(handle: tauri::AppHandle<R>) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = match signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP]) {
        Ok(signals) => signals,
        Err(e) => {
            eprintln!("warning: quitting on SIGTERM will not close the database cleanly ({e})");
            return;
        }
    };
    let spawned = std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for (n, signal) in signals.forever().enumerate() {
                if n == 0 {
                    handle.exit(0);
                } else {
                    let _ = signal_hook::low_level::emulate_default_handler(signal);
                }
            }
        });
    if let Err(e) = spawned {
        eprintln!("warning: quitting on SIGTERM will not close the database cleanly ({e})");
    }
}

/// Starts the day's backup (if due) on a thread of its own, once per run.
pub fn start_daily_backup<R: Runtime>(app: &tauri::AppHandle<R>) {
    let handle = app.clone();
    app.state::<AppState>().start_daily_backup(move || {
        std::thread::Builder::new()
            .name("daily-backup".into())
            .spawn(move || handle.state::<AppState>().run_daily_backup())
    });
}

/// Refuses to start without a display, where GTK would otherwise panic with a backtrace.
fn check_display() -> Result<(), StartupError> {
    #[cfg(all(
        unix,
        not(any(target_os = "macos", target_os = "ios", target_os = "android"))
    ))]
    {
        let set = |name| std::env::var_os(name).is_some_and(|value| !value.is_empty());
        if !set("DISPLAY") && !set("WAYLAND_DISPLAY") {
            return Err(StartupError::NoDisplay);
        }
    }
    Ok(())
}

/// Registers the shared state and every command on `builder`.
///
/// Generic over the runtime so that tests drive the same app on Tauri's mock runtime.
pub fn app_builder<R: Runtime>(builder: Builder<R>, state: AppState) -> Builder<R> {
    builder
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_notification::init())
        .plugin(navigation::guard())
        .manage(state)
        .manage(watch::FolderWatch::default())
        .invoke_handler(contract::handler())
}

/// The compiled-in configuration, assets and capabilities of the app.
///
/// Tests use it too, so they run against the real capabilities and CSP.
pub fn context<R: Runtime>() -> Context<R> {
    tauri::generate_context!()
}
