//! An empty Tauri window with a static page and nothing else: no commands, no
//! plugins, no state. `scripts/bench.sh desktop` builds it the way it builds
//! Trellis and measures both, so Trellis's start-up time and memory are read
//! against what any Tauri 2 window costs on the same machine. The page's one
//! button renders twenty cards in plain JavaScript (`dist/index.html`): the
//! reference click, the floor under Trellis's clicks.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    match tauri::Builder::default().run(tauri::generate_context!()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
