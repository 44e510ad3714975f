//! The one error type of the core. Every variant carries enough context for a
//! person to act on it (its message), and what a program switches on: its
//! `kind()`, its stable `code()`, the `field()` at fault and the `params()`.
//! The UI and the CLI's `--json` read those and never the message's words,
//! so that the words may change (or be translated).

use std::collections::BTreeMap;

use serde::Serialize;

mod reason;
pub use reason::{Reason, Unit};

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Nothing with that id (or id prefix) exists.
    #[error("no {what} matches '{id}'")]
    NotFound { what: &'static str, id: String },
    /// The input was refused before anything was written. `field` is the
    /// input's name (`title`, `start_date`); for an answer of a check-in it
    /// is `answers.<question id>`.
    #[error("{}: {reason}", field_label(field))]
    Invalid { field: String, reason: Reason },
    /// The request is valid on its own but clashes with the stored state.
    #[error("{0}")]
    Conflict(String),
    /// A file could not be read as what it claims to be.
    #[error("{what}: {reason}")]
    Format { what: String, reason: String },
    /// A sync file refused for a reason the person must hear apart from a
    /// malformed file: it was altered (or is not for them), or it is of
    /// another pair. Nothing was imported.
    #[error("{what}: {reason}")]
    Refused {
        what: String,
        why: Refusal,
        reason: String,
    },
    #[error("{}", storage_message(.0))]
    Storage(#[from] rusqlite::Error),
    /// The database file failed its integrity check when it was opened.
    /// Nothing was written to it; the way out is restoring a backup
    /// (`backup::list`, `backup::restore`). The desktop offers that on this
    /// variant (see [`Error::is_corrupt`]).
    #[error(
        "the database {} is damaged ({detail}); Trellis opened it read-only and changed nothing. \
         Restore the newest good backup: `trellis backup list`, then `trellis backup restore NAME` \
         (or Settings → Backups in the app)",
        path.display()
    )]
    Corrupt {
        path: std::path::PathBuf,
        detail: String,
    },
    /// The data is encrypted and its key was not given: the passphrase is
    /// needed (or the keyring that holds the key). Nothing was read.
    #[error(
        "this data is encrypted: give its passphrase (at the prompt, or in TRELLIS_PASSPHRASE \
         for scripts) or unlock it in the app"
    )]
    Locked,
    #[error("database migration failed ({0})")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("{context} ({source})")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
}

/// The stable, serialisable category of an [`Error`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorKind {
    NotFound,
    Invalid,
    Conflict,
    Format,
    Storage,
    Io,
    /// The data is encrypted and was not unlocked.
    Locked,
}

/// Why a sync file was [`Error::Refused`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Altered or damaged on the way, opened with the wrong code, or not for this machine.
    Altered,
    /// It belongs to (or names) another pair than the one it is for here.
    OtherPair,
}

/// What went wrong, in a stable word a program switches on; finer than
/// [`ErrorKind`], and never reworded. `internal` is never made by core: the
/// desktop shell uses it for its own bugs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    /// Nothing with that id; `params.what` names what was looked for, `params.id` the id.
    NotFound,
    /// Refused input; `field` names it, `params.rule` says why (a [`Reason`],
    /// its parameters beside it) and `params.reason` in English.
    Invalid,
    /// A clash with the stored state.
    Conflict,
    /// A file that is not what it claims to be; `params.what` names the file.
    Format,
    /// A sync file altered, damaged, opened with the wrong code or not for this machine.
    FileAltered,
    /// A sync file of another pair.
    FileOfAnotherPair,
    /// The database failed.
    Storage,
    /// The disk is full: nothing was saved.
    DiskFull,
    /// The database failed its integrity check at open: restore a backup.
    Corrupt,
    /// The database could not be brought to this version's schema.
    Migration,
    /// The file system failed.
    Io,
    /// The data is encrypted and was not unlocked: the passphrase is needed.
    Locked,
    /// A bug in the caller (the desktop shell).
    Internal,
}

/// How an [`Error::Invalid`] field reads in a message: the field's name, or
/// "answer to 'q'" for a check-in's answer.
fn field_label(field: &str) -> String {
    match field.strip_prefix("answers.") {
        Some(question) => format!("answer to '{question}'"),
        None => field.to_owned(),
    }
}

impl Error {
    pub fn invalid(field: impl Into<String>, reason: Reason) -> Self {
        Error::Invalid {
            field: field.into(),
            reason,
        }
    }

    /// Why the input was refused, for refused input.
    pub fn reason(&self) -> Option<&Reason> {
        match self {
            Error::Invalid { reason, .. } => Some(reason),
            _ => None,
        }
    }

    pub fn not_found(what: &'static str, id: impl Into<String>) -> Self {
        Error::NotFound {
            what,
            id: id.into(),
        }
    }

    /// For lookups by id: "no rows" becomes [`Error::NotFound`] naming
    /// what was looked for; any other database error stays a storage error.
    pub fn or_not_found(
        what: &'static str,
        id: impl std::fmt::Display,
    ) -> impl FnOnce(rusqlite::Error) -> Error {
        move |e| match e {
            rusqlite::Error::QueryReturnedNoRows => Error::not_found(what, id.to_string()),
            e => e.into(),
        }
    }

    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            context: context.into(),
            source,
        }
    }

    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::NotFound { .. } => ErrorKind::NotFound,
            Error::Invalid { .. } => ErrorKind::Invalid,
            Error::Conflict(_) => ErrorKind::Conflict,
            Error::Format { .. } | Error::Refused { .. } => ErrorKind::Format,
            Error::Storage(_) | Error::Migration(_) | Error::Corrupt { .. } => ErrorKind::Storage,
            Error::Io { .. } => ErrorKind::Io,
            Error::Locked => ErrorKind::Locked,
        }
    }

    /// The stable code of this error (see [`ErrorCode`]).
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::Invalid { .. } => ErrorCode::Invalid,
            Error::Conflict(_) => ErrorCode::Conflict,
            Error::Format { .. } => ErrorCode::Format,
            Error::Refused { why, .. } => match why {
                Refusal::Altered => ErrorCode::FileAltered,
                Refusal::OtherPair => ErrorCode::FileOfAnotherPair,
            },
            Error::Storage(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull) => {
                ErrorCode::DiskFull
            }
            Error::Storage(_) => ErrorCode::Storage,
            Error::Corrupt { .. } => ErrorCode::Corrupt,
            Error::Migration(_) => ErrorCode::Migration,
            Error::Io { .. } => ErrorCode::Io,
            Error::Locked => ErrorCode::Locked,
        }
    }

    /// The input at fault, for a refused input: the name of the field as
    /// the input spells it (`answers.<question id>` for a check-in's answer).
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }

    /// The details a program may show or place, by name: `reason` (why the
    /// input or file was refused, in English, without the field's name),
    /// for refused input `rule` and the rule's parameters (see [`Reason`]),
    /// `what` and `id`
    /// (what was not found, which file was refused), `context` (what the
    /// file system was asked).
    pub fn params(&self) -> BTreeMap<String, String> {
        let pairs: Vec<(&str, String)> = match self {
            Error::NotFound { what, id } => vec![("what", (*what).to_owned()), ("id", id.clone())],
            Error::Invalid { reason, .. } => {
                let mut params: BTreeMap<String, String> = reason.params().into_iter().collect();
                params.insert("reason".to_owned(), reason.to_string());
                return params;
            }
            Error::Format { what, reason } | Error::Refused { what, reason, .. } => {
                vec![("what", what.clone()), ("reason", reason.clone())]
            }
            Error::Io { context, .. } => vec![("context", context.clone())],
            Error::Conflict(_)
            | Error::Storage(_)
            | Error::Corrupt { .. }
            | Error::Locked
            | Error::Migration(_) => vec![],
        };
        pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
    }

    /// What a program reads of this error: its kind, code, field, params and
    /// message (the CLI's `--json` prints it).
    pub fn report(&self) -> ErrorReport {
        ErrorReport {
            kind: self.kind(),
            code: self.code(),
            field: self.field().map(str::to_owned),
            params: self.params(),
            message: self.to_string(),
        }
    }

    /// True when the database failed its integrity check at open: offer to
    /// restore a backup.
    pub fn is_corrupt(&self) -> bool {
        matches!(self, Error::Corrupt { .. })
    }

    /// True when the caller's input was at fault (and nothing was written).
    pub fn is_bad_input(&self) -> bool {
        matches!(
            self.kind(),
            ErrorKind::NotFound | ErrorKind::Invalid | ErrorKind::Conflict | ErrorKind::Format
        )
    }
}

/// SQLite's own words for most failures, but a plain sentence for the one a
/// person can act on: a full disk.
fn storage_message(e: &rusqlite::Error) -> String {
    if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull) {
        "the disk is full: this change was not saved, and everything saved before it is intact \
         (free some space, then try again)"
            .to_string()
    } else {
        format!("database error ({e})")
    }
}

/// An error as a program reads it: `kind` and `code` to switch on, `field`
/// to place it by an input, `params` to show its details, `message` for a
/// person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ErrorReport {
    pub kind: ErrorKind,
    pub code: ErrorCode,
    pub field: Option<String>,
    pub params: BTreeMap<String, String>,
    pub message: String,
}
