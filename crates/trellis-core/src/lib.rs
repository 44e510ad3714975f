//! Trellis core: the domain of mentor–mentee pairs, its validation, the
//! SQLite store and the file formats. No UI and no CLI live here; the desktop
//! shell and the `trellis` tool both call these modules, one per domain noun.

pub mod action;
pub mod backup;
pub mod calendar;
pub mod checkin;
pub mod confirmation;
pub mod criterion;
pub mod db;
pub mod draft;
pub mod encryption;
pub mod error;
pub mod file;
pub mod goal;
pub mod id;
pub mod lang;
pub mod meeting;
pub mod milestone;
pub mod note;
pub mod pack;
pub mod pair;
pub mod record;
pub mod reminder;
pub mod report;
pub mod sample;
pub mod schedule;
pub mod search;
mod sql_enum;
pub mod status;
pub mod survey;
pub mod sync;
pub mod text;
pub mod time;
pub mod timeline;
pub mod trash;
pub mod week;
pub mod zone;

pub use db::Db;

/// What the store runs at its seams, in one place (see [`db::Hooks`]).
pub(crate) const STORE_HOOKS: db::Hooks = db::Hooks {
    // Backups live in the data dir: private like the rest of it.
    on_data_dir: backup::make_private,
    // A verified backup before any migration of a file that has data.
    before_migration: |c, path, key| backup::before_migration(c, path, key).map(drop),
    // Deleted text leaves no trace in the search index's segments.
    after_open: search::keep_no_trace_of_deleted_text,
    // The hybrid-logical-clock stamp of each write transaction: the
    // triggers that record who changed which shared field read it.
    on_write: |tx| sync::stamp(tx),
};
pub use error::{
    Clash, Error, ErrorCode, ErrorKind, ErrorReport, FileKind, IoOp, KeepSide, Reason, Refusal,
    Result, ShareHint, StatusChangeKind, Unit,
};
pub use id::Resolve;
