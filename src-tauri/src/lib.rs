//! The Trellis desktop shell: a Tauri window over the UI in `ui/`, the state it
//! shares with its commands, and the commands the UI may call.
//!
//! The shell holds no domain logic: a command turns its IPC input into a call to
//! core and core's answer into JSON, in a few lines.

pub mod commands;
pub mod error;
pub mod navigation;
pub mod state;

use tauri::{Builder, Context, Manager, Runtime};

pub use error::{CommandError, ErrorKind, StartupError};
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
        .plugin(navigation::guard())
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::action::list_actions,
            commands::action::add_action,
            commands::action::edit_action,
            commands::action::set_action_done,
            commands::action::delete_action,
            commands::app::app_info,
            commands::checkin::get_checkin_form,
            commands::checkin::answer_checkin,
            commands::checkin::list_checkins,
            commands::app::get_health,
            commands::backup::list_backups,
            commands::backup::backup_now,
            commands::backup::restore_backup,
            commands::backup::delete_backup,
            commands::backup::prune_backups,
            commands::criterion::list_criteria,
            commands::criterion::add_criterion,
            commands::criterion::edit_criterion,
            commands::criterion::mark_criterion_met,
            commands::criterion::unmark_criterion,
            commands::criterion::delete_criterion,
            commands::file::choose_save_file,
            commands::file::choose_open_file,
            commands::file::choose_folder,
            commands::draft::get_draft,
            commands::draft::save_draft,
            commands::draft::publish_draft,
            commands::draft::discard_draft,
            commands::goal::list_goals,
            commands::goal::get_goals,
            commands::goal::count_goals,
            commands::goal::list_goal_labels,
            commands::goal::add_goal,
            commands::goal::edit_goal,
            commands::goal::set_goal_status,
            commands::goal::delete_goal,
            commands::meeting::list_meetings,
            commands::meeting::log_meeting,
            commands::meeting::edit_meeting,
            commands::meeting::delete_meeting,
            commands::meeting::get_next_meeting,
            commands::milestone::add_milestone,
            commands::milestone::edit_milestone,
            commands::milestone::set_milestone_done,
            commands::milestone::delete_milestone,
            commands::note::list_notes,
            commands::note::add_note,
            commands::note::edit_note,
            commands::note::delete_note,
            commands::trash::list_trash,
            commands::trash::restore_trash_item,
            commands::trash::purge_trash_item,
            commands::trash::empty_trash,
            commands::pack::list_packs,
            commands::pack::get_pack,
            commands::pack::import_pack,
            commands::pair::get_status,
            commands::pair::get_pair_summary,
            commands::pair::add_pair,
            commands::pair::edit_pair,
            commands::pair::change_pair_status,
            commands::pair::delete_pair,
            commands::pair::create_sample_pair,
            commands::pair::get_timeline,
            commands::record::export_record,
            commands::report::build_report,
            commands::report::export_report,
            commands::search::search,
            commands::survey::preview_survey,
            commands::survey::export_survey,
            commands::sync::invite_partner,
            commands::sync::accept_invite,
            commands::sync::preview_invite,
            commands::sync::repair_sync_clock,
            commands::sync::send_update,
            commands::sync::receive_update,
            commands::sync::get_sync_status,
            commands::sync::list_conflicts,
            commands::sync::resolve_conflict,
            commands::sync::list_confirmations,
            commands::zone::list_zones,
            commands::schedule::get_schedule,
            commands::schedule::set_my_hours,
            commands::schedule::propose_meetings,
            commands::schedule::schedule_meeting,
            commands::schedule::cancel_meeting,
            commands::schedule::log_scheduled_meeting,
            commands::schedule::check_meeting_time,
            commands::schedule::export_meeting_ics,
        ])
}

/// The compiled-in configuration, assets and capabilities of the app.
///
/// Tests use it too, so they run against the real capabilities and CSP.
pub fn context<R: Runtime>() -> Context<R> {
    tauri::generate_context!()
}
