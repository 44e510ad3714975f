//! The one error type of the core. Every variant carries enough context for a
//! person to act on it; `kind()` is what the desktop UI switches on.

use serde::Serialize;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Nothing with that id (or id prefix) exists.
    #[error("no {what} matches '{id}'")]
    NotFound { what: &'static str, id: String },
    /// The input was refused before anything was written.
    #[error("{field}: {reason}")]
    Invalid { field: String, reason: String },
    /// The request is valid on its own but clashes with the stored state.
    #[error("{0}")]
    Conflict(String),
    /// A file could not be read as what it claims to be.
    #[error("{what}: {reason}")]
    Format { what: String, reason: String },
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

impl Error {
    pub fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::Invalid {
            field: field.into(),
            reason: reason.into(),
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
            Error::Format { .. } => ErrorKind::Format,
            Error::Storage(_) | Error::Migration(_) | Error::Corrupt { .. } => ErrorKind::Storage,
            Error::Io { .. } => ErrorKind::Io,
            Error::Locked => ErrorKind::Locked,
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
