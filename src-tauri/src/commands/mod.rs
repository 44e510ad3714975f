//! Commands the UI calls through IPC, one module per domain noun.
//!
//! Adding a command: write it here, add its line to `contract/list.rs`, and
//! grant `allow-<command>` in `capabilities/main.json` (CONTRIBUTING.md,
//! "Add a desktop command").

pub mod action;
pub mod app;
pub mod backup;
pub mod calendar;
pub mod checkin;
pub mod criterion;
pub mod draft;
pub mod encryption;
pub mod file;
pub mod goal;
pub mod language;
pub mod meeting;
pub mod milestone;
pub mod note;
pub mod pack;
pub mod pair;
pub mod record;
pub mod reminder;
pub mod report;
pub mod schedule;
pub mod search;
pub mod survey;
pub mod sync;
pub mod trash;
pub mod week;
pub mod zone;
