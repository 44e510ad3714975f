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
    #[error("database error ({0})")]
    Storage(#[from] rusqlite::Error),
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
            Error::Storage(_) | Error::Migration(_) => ErrorKind::Storage,
            Error::Io { .. } => ErrorKind::Io,
        }
    }

    /// True when the caller's input was at fault (and nothing was written).
    pub fn is_bad_input(&self) -> bool {
        matches!(
            self.kind(),
            ErrorKind::NotFound | ErrorKind::Invalid | ErrorKind::Conflict | ErrorKind::Format
        )
    }
}
