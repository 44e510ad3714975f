//! The one error type of the core. Every variant carries enough context for a
//! person to act on it (its message), and what a program switches on: its
//! `kind()`, its stable `code()`, the `field()` at fault and the `params()`.
//! The UI and the CLI's `--json` read those and never the message's words,
//! so that the words may change (or be translated).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

mod clash;
mod reason;
pub use clash::{Clash, KeepSide, ShareHint, StatusChangeKind};
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
    /// The request is valid on its own but clashes with the stored state:
    /// why is a [`Clash`] (a stable rule and its parameters).
    #[error("{0}")]
    Conflict(Clash),
    /// A file could not be read as what it claims to be. `file` is the kind
    /// of file (what the UI words), `what` names it for the CLI (a label or
    /// a path), `reason` is the technical detail (often a library's words).
    #[error("{what}: {reason}")]
    Format {
        file: FileKind,
        what: String,
        reason: String,
    },
    /// A sync file refused for a reason the person must hear apart from a
    /// malformed file: it was altered (or is not for them), or it is of
    /// another pair. Nothing was imported.
    #[error("{what}: {reason}")]
    Refused {
        file: FileKind,
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
    /// The file system failed: `op` is what it was asked (what the UI
    /// words), `context` the English for the CLI (with the path), `source`
    /// the system's words.
    #[error("{context} ({source})")]
    Io {
        op: IoOp,
        context: String,
        #[source]
        source: std::io::Error,
    },
}

/// The stable, serialisable category of an [`Error`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
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

/// The kind of file an [`Error::Format`] (or [`Error::Refused`]) is about:
/// a stable word the UI words ("This survey file could not be read"); the
/// CLI names the file by its English label or path instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FileKind {
    /// What the CLI prints (`--json`).
    Output,
    /// A check-in's survey file.
    SurveyFile,
    /// A survey file as previewed before it is written.
    SurveyPreview,
    /// A pair's record (Markdown or JSON).
    Record,
    /// An item kept in the Trash.
    Trash,
    /// The encryption header of the data folder.
    EncryptionHeader,
    /// A database file (its integrity check).
    Database,
    /// The answers of a check-in.
    CheckinAnswers,
    /// The ledger of the reports made.
    ReportLedger,
    /// A report's CSV.
    ReportCsv,
    /// A backup.
    Backup,
    /// An invite (or its answer) file.
    InviteFile,
    /// A sync update file.
    SyncFile,
    /// A stored sync conflict.
    SyncConflict,
    /// A program pack.
    Pack,
}

impl FileKind {
    /// The stable name (`survey_file`), as `params.what` carries it.
    pub fn name(self) -> String {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::String(s)) => s,
            _ => String::new(),
        }
    }

    /// How the CLI names a file of this kind when it has no path to name.
    pub fn label(self) -> &'static str {
        match self {
            FileKind::Output => "output",
            FileKind::SurveyFile => "survey file",
            FileKind::SurveyPreview => "previewed survey",
            FileKind::Record => "record",
            FileKind::Trash => "the Trash",
            FileKind::EncryptionHeader => "encryption header",
            FileKind::Database => "database",
            FileKind::CheckinAnswers => "answers",
            FileKind::ReportLedger => "report ledger",
            FileKind::ReportCsv => "report CSV",
            FileKind::Backup => "backup",
            FileKind::InviteFile => "invite file",
            FileKind::SyncFile => "sync file",
            FileKind::SyncConflict => "a sync conflict",
            FileKind::Pack => "pack",
        }
    }
}

/// What the file system was asked when it failed ([`Error::Io`]): a stable
/// word the UI words ("A file could not be read"); the path and the
/// system's words follow as the technical detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum IoOp {
    /// Read a file (or a line of input).
    Read,
    /// Write a file (create it, protect it, flush it).
    Write,
    /// Create a folder.
    CreateFolder,
    /// Delete a file.
    Remove,
    /// Read what a folder holds.
    List,
    /// Copy a file.
    Copy,
    /// Put a file in the place of another (rename, rewrite, restore).
    Replace,
    /// Draw random bytes from the operating system.
    Random,
    /// No room on the disk (for a backup).
    DiskFull,
}

impl IoOp {
    /// The stable name (`create_folder`), as `params.op` carries it.
    pub fn name(self) -> String {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::String(s)) => s,
            _ => String::new(),
        }
    }
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    /// Nothing with that id; `params.what` names what was looked for, `params.id` the id.
    NotFound,
    /// Refused input; `field` names it, `params.rule` says why (a [`Reason`],
    /// its parameters beside it) and `params.reason` in English.
    Invalid,
    /// A clash with the stored state; `params.rule` says which (a [`Clash`],
    /// its parameters beside it).
    Conflict,
    /// A file that is not what it claims to be; `params.what` is its kind
    /// (a [`FileKind`]), `params.reason` the technical detail.
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

    /// A clash with the stored state.
    pub fn conflict(clash: Clash) -> Self {
        Error::Conflict(clash)
    }

    /// A file of `file`'s kind that could not be read (or written) as it
    /// should be, named by its kind's label; `reason` is the detail.
    pub fn format(file: FileKind, reason: impl Into<String>) -> Self {
        Error::Format {
            file,
            what: file.label().to_owned(),
            reason: reason.into(),
        }
    }

    /// As [`Error::format`], the file named for the CLI by `what` (a path, a name).
    pub fn format_at(file: FileKind, what: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::Format {
            file,
            what: what.into(),
            reason: reason.into(),
        }
    }

    /// Why the request clashes with the stored state, for a conflict.
    pub fn clash(&self) -> Option<&Clash> {
        match self {
            Error::Conflict(clash) => Some(clash),
            _ => None,
        }
    }

    /// The file system failed at `op`; `context` says so in English, with the path.
    pub fn io(op: IoOp, context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            op,
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
    /// input was refused, in English, without the field's name; for a file,
    /// the technical detail), for refused input and for a conflict `rule`
    /// and the rule's parameters (see [`Reason`], [`Clash`]), `what` and
    /// `id` (what was not found; for a file its [`FileKind`]), `context`
    /// (what the file system was asked, in English) and `detail` (the
    /// technical detail of a file system or database failure, verbatim).
    pub fn params(&self) -> BTreeMap<String, String> {
        let pairs: Vec<(&str, String)> = match self {
            Error::NotFound { what, id } => vec![("what", (*what).to_owned()), ("id", id.clone())],
            Error::Invalid { reason, .. } => {
                let mut params: BTreeMap<String, String> = reason.params().into_iter().collect();
                params.insert("reason".to_owned(), reason.to_string());
                return params;
            }
            Error::Conflict(clash) => return clash.params().into_iter().collect(),
            Error::Format { file, reason, .. } | Error::Refused { file, reason, .. } => {
                vec![("what", file.name()), ("reason", reason.clone())]
            }
            Error::Io {
                op,
                context,
                source,
            } => vec![
                ("op", op.name()),
                ("context", context.clone()),
                ("detail", format!("{context} ({source})")),
            ],
            Error::Storage(e) => vec![("detail", e.to_string())],
            Error::Migration(e) => vec![("detail", e.to_string())],
            Error::Corrupt { detail, .. } => vec![("detail", detail.clone())],
            Error::Locked => vec![],
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

/// A serde-tagged enum (`#[serde(tag = "rule")]`) as text parameters: the
/// rule and each field (a list joined with ", "), as IPC and `--json` carry them.
fn tagged_params(value: &impl Serialize) -> Vec<(String, String)> {
    let Ok(serde_json::Value::Object(o)) = serde_json::to_value(value) else {
        return Vec::new();
    };
    o.into_iter()
        .map(|(k, v)| {
            let text = match v {
                serde_json::Value::String(s) => s,
                serde_json::Value::Array(items) => items
                    .iter()
                    .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_owned))
                    .collect::<Vec<_>>()
                    .join(", "),
                other => other.to_string(),
            };
            (k, text)
        })
        .collect()
}

/// The `rule` of a value serialised as `{ "rule": …, …parameters }` (a
/// [`Reason`] or a [`Clash`]).
fn tagged_rule(value: &impl Serialize) -> String {
    tagged_params(value)
        .into_iter()
        .find_map(|(k, v)| (k == "rule").then_some(v))
        .unwrap_or_default()
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ErrorReport {
    pub kind: ErrorKind,
    pub code: ErrorCode,
    pub field: Option<String>,
    pub params: BTreeMap<String, String>,
    pub message: String,
}

/// Its message: the English words the CLI prints.
impl std::fmt::Display for ErrorReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl ErrorReport {
    /// The report as kept in the database (a failure recorded for later:
    /// a shared folder's last exchange, a calendar file's last rewrite), so
    /// that the window can word it in its language when it shows it.
    pub fn to_stored(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| self.message.clone())
    }

    /// A report kept by [`ErrorReport::to_stored`]. A failure recorded by an
    /// older version is its English words alone: it reads as a file-system
    /// failure with those words as its detail, and is replaced at the next
    /// exchange or rewrite.
    pub fn from_stored(text: &str) -> ErrorReport {
        serde_json::from_str(text).unwrap_or_else(|_| ErrorReport {
            kind: ErrorKind::Io,
            code: ErrorCode::Io,
            field: None,
            params: BTreeMap::from([("detail".to_owned(), text.to_owned())]),
            message: text.to_owned(),
        })
    }
}
