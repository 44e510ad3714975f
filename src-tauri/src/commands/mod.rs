//! Commands the UI calls through IPC, one module per domain noun.
//!
//! Adding a command: write it here, list it in `generate_handler!` (`lib.rs`)
//! and in `COMMANDS` (`build.rs`), and grant `allow-<command>` in
//! `capabilities/main.json`.

pub mod action;
pub mod app;
pub mod backup;
pub mod checkin;
pub mod criterion;
pub mod draft;
pub mod file;
pub mod goal;
pub mod meeting;
pub mod milestone;
pub mod note;
pub mod pack;
pub mod pair;
pub mod record;
pub mod report;
pub mod schedule;
pub mod search;
pub mod survey;
pub mod sync;
pub mod trash;
pub mod zone;
