//! State shared by every command: where the user's data lives, and the
//! database — or, when it could not be opened, why not.
//!
//! The window opens either way: a damaged database is refused by core before
//! anything is written to it, the UI asks [`AppState::health`] and offers to
//! restore a backup, and until then every domain command answers with a
//! `storage` error instead of touching the file.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use parking_lot::{MappedRwLockReadGuard, Mutex, RwLock, RwLockReadGuard};
use serde::Serialize;
use trellis_core::backup::{self, Restored};
use trellis_core::encryption::{self, EncryptionStatus, Key, KeyStore};
use trellis_core::lang::{self, Lang, Language};
use trellis_core::sync::JoinKey;
use trellis_core::Db;

use crate::{CommandError, ErrorCode, ErrorKind, StartupError};

/// The environment variable that names the data directory when no `--data-dir` is given.
pub const DATA_DIR_ENV: &str = "TRELLIS_DATA_DIR";

const DATA_DIR_FLAG: &str = "--data-dir";

/// The state Tauri manages for the app's whole life.
#[derive(Debug)]
pub struct AppState {
    data_dir: PathBuf,
    /// Commands read through the lock; a restore takes it for writing, so it
    /// waits for the commands in flight and closes the database under none.
    db: RwLock<Slot>,
    /// The daily backup, run after the first screen (see [`AppState::start_daily_backup`]).
    daily: Mutex<Daily>,
    /// Files and folders the person chose in a dialog, by the opaque token
    /// the page got for each (see `commands::file`).
    chosen: Mutex<std::collections::HashMap<String, Chosen>>,
    /// Where the key of an encrypted data dir may be remembered (the
    /// desktop's keyring; a test double in tests).
    keys: Box<dyn KeyStore>,
    /// The key the data dir was unlocked with (`None`: plain, or locked).
    key: Mutex<Option<Key>>,
    /// My key for an invite being joined, by the token of its file: made
    /// when the invite is previewed (which shows the safety code it gives),
    /// used when joining. In memory only.
    joining: Mutex<std::collections::HashMap<String, JoinKey>>,
    /// The system's language, negotiated once at start.
    system_lang: Lang,
    /// The language in use (the person's choice, else the system's), once
    /// read from the open database; `None` until then, and again after the
    /// database is replaced (unlocked, restored).
    lang: Mutex<Option<Lang>>,
}

/// A path the person chose in a dialog.
#[derive(Debug, Clone)]
struct Chosen {
    path: PathBuf,
    /// Chosen in a save dialog: one write, then the token is spent.
    to_write: bool,
}

#[derive(Debug, Default)]
struct Daily {
    started: bool,
    running: Option<std::thread::JoinHandle<()>>,
    /// Why today's backup was not made, when it was not.
    warning: Option<String>,
}

#[derive(Debug)]
enum Slot {
    Open(Db),
    Unavailable(Problem),
}

/// Why the database is not open.
#[derive(Debug, Clone)]
struct Problem {
    corrupt: bool,
    /// Encrypted, and no key yet: the unlock screen.
    locked: bool,
    reason: String,
}

impl Problem {
    fn of(error: &trellis_core::Error) -> Self {
        match error {
            trellis_core::Error::Corrupt { detail, .. } => Self {
                corrupt: true,
                locked: false,
                reason: detail.clone(),
            },
            other => Self {
                corrupt: false,
                locked: matches!(other, trellis_core::Error::Locked),
                reason: other.to_string(),
            },
        }
    }

    fn closed(reason: &str) -> Self {
        Self {
            corrupt: false,
            locked: false,
            reason: reason.into(),
        }
    }

    fn command_error(&self) -> CommandError {
        if self.locked {
            return CommandError::new(ErrorKind::Locked, self.reason.clone());
        }
        let what = if self.corrupt {
            "the database is damaged and was not opened"
        } else {
            "the database could not be opened"
        };
        let error = CommandError::new(
            ErrorKind::Storage,
            format!(
                "{what} ({}); nothing was changed — restore a backup to go on",
                self.reason
            ),
        );
        if self.corrupt {
            error.with_code(ErrorCode::Corrupt)
        } else {
            error
        }
    }
}

/// The open database, for as long as a command needs it.
pub type DbGuard<'a> = MappedRwLockReadGuard<'a, Db>;

/// Whether the database is usable, as the UI asks at start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum HealthStatus {
    /// Open and checked.
    Ok,
    /// Refused at start because it failed its integrity check; nothing was written.
    Corrupt,
    /// Encrypted, and the keyring does not hold the key: the passphrase is needed.
    Locked,
    /// Not open for another reason (a newer schema, a file that cannot be read).
    Unavailable,
}

/// The database's health, for the recovery screen and Settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Health {
    pub status: HealthStatus,
    /// Why the database is not open (`None` when it is).
    pub reason: Option<String>,
    /// Why today's automatic backup was not made, when it was not.
    pub backup_warning: Option<String>,
    /// The folder that holds the database and its `backups/`.
    pub data_dir: String,
}

impl AppState {
    /// Makes `data_dir` absolute, creates it if it is missing and opens its
    /// database. A database that cannot be opened is not an error here: the
    /// state remembers why, and [`AppState::health`] tells the UI.
    ///
    /// # Errors
    /// [`StartupError::DataDir`] when the directory cannot be created.
    pub fn open(data_dir: PathBuf) -> Result<Self, StartupError> {
        Self::open_with_keys(data_dir, Box::new(encryption::SystemKeyring))
    }

    /// [`AppState::open`] with the key of an encrypted data dir looked up
    /// in `keys` (tests pass a keyring in memory).
    ///
    /// # Errors
    /// [`StartupError::DataDir`] when the directory cannot be created.
    pub fn open_with_keys(
        data_dir: PathBuf,
        keys: Box<dyn KeyStore>,
    ) -> Result<Self, StartupError> {
        let fail = |source| StartupError::DataDir {
            path: data_dir.clone(),
            source,
        };
        let data_dir = std::path::absolute(&data_dir).map_err(fail)?;
        std::fs::create_dir_all(&data_dir).map_err(fail)?;
        let key = encryption::unlock(&data_dir, keys.as_ref(), None, false);
        let slot = match &key {
            Ok(k) => open_slot(&data_dir, k.as_ref()),
            Err(e) => Slot::Unavailable(Problem::of(e)),
        };
        Ok(Self {
            data_dir,
            db: RwLock::new(slot),
            daily: Mutex::new(Daily::default()),
            chosen: Mutex::new(std::collections::HashMap::new()),
            keys,
            key: Mutex::new(key.ok().flatten()),
            joining: Mutex::new(std::collections::HashMap::new()),
            system_lang: system_lang(),
            lang: Mutex::new(None),
        })
    }

    /// Starts the day's backup (if due) once per run, through `spawn`, which
    /// starts a thread that calls [`AppState::run_daily_backup`]. The shell
    /// does this when the first screen has loaded, so that start-up does not
    /// wait for the copy.
    pub fn start_daily_backup<F>(&self, spawn: F)
    where
        F: FnOnce() -> std::io::Result<std::thread::JoinHandle<()>>,
    {
        let mut daily = self.daily.lock();
        if daily.started {
            return;
        }
        daily.started = true;
        match spawn() {
            Ok(handle) => daily.running = Some(handle),
            Err(e) => daily.warning = Some(format!("the daily backup was not started ({e})")),
        }
    }

    /// The day's backup (if due), on this thread; [`AppState::health`] then
    /// reports why it failed, if it did. Core copies through a connection of
    /// its own (WAL: commands keep reading and writing meanwhile) and
    /// verifies the copy.
    pub fn run_daily_backup(&self) {
        // Holding the read lock: a restore (which takes it for writing)
        // waits until the copy is done.
        let outcome = match &*self.db.read() {
            // A new day's backup: then what has been in the Trash for 30
            // days goes, from that backup too.
            Slot::Open(db) => match backup::daily(db) {
                Ok(Some(_)) => trellis_core::trash::expire(db)
                    .err()
                    .map(|e| format!("old items in the Trash were not deleted ({e})")),
                Ok(None) => None,
                Err(e) => Some(format!("the daily backup was not made ({e})")),
            },
            Slot::Unavailable(_) => None,
        };
        self.daily.lock().warning = outcome;
    }

    /// Remembers a path the person chose in a dialog; the token the page
    /// gets for it. The page never sees a path it could change.
    pub fn remember_choice(&self, path: PathBuf, to_write: bool) -> String {
        let token = uuid_like();
        self.chosen
            .lock()
            .insert(token.clone(), Chosen { path, to_write });
        token
    }

    /// The file chosen in a save dialog for `token`, once: a second write
    /// needs a second choice.
    pub fn file_to_write(&self, token: &str) -> Result<PathBuf, CommandError> {
        match self.chosen.lock().remove(token) {
            Some(Chosen {
                path,
                to_write: true,
            }) => Ok(path),
            _ => Err(not_chosen()),
        }
    }

    /// The file or folder chosen in an open dialog for `token` (it may be
    /// read again, as the organizer's report is rebuilt).
    pub fn file_to_read(&self, token: &str) -> Result<PathBuf, CommandError> {
        match self.chosen.lock().get(token) {
            Some(Chosen {
                path,
                to_write: false,
            }) => Ok(path.clone()),
            _ => Err(not_chosen()),
        }
    }

    /// My key for joining the invite chosen as `token`: the one its preview
    /// showed the safety code of, or a new one.
    ///
    /// # Errors
    /// An `internal` error when no random key can be made.
    pub fn join_key(&self, token: &str) -> Result<JoinKey, CommandError> {
        let mut joining = self.joining.lock();
        if let Some(key) = joining.get(token) {
            return Ok(key.clone());
        }
        let key = JoinKey::new()?;
        joining.insert(token.to_string(), key.clone());
        Ok(key)
    }

    /// Forgets the key of an invite once joined with it.
    pub fn forget_join_key(&self, token: &str) {
        self.joining.lock().remove(token);
    }

    /// Waits for the daily backup started by [`AppState::start_daily_backup`]
    /// to finish, so that quitting does not leave half a copy behind.
    pub fn finish_daily_backup(&self) {
        let running = self.daily.lock().running.take();
        if let Some(handle) = running {
            let _ = handle.join();
        }
    }

    /// Closes the database as the app quits, after the commands in flight.
    /// A clean close seals the file, and the next start skips the full
    /// integrity check of a file that has not changed since (core's
    /// `Db::open`). Tauri ends the process without dropping managed state,
    /// so this is called from the exit event. Commands after it get a
    /// `storage` error.
    pub fn close(&self) {
        let closed = std::mem::replace(
            &mut *self.db.write(),
            Slot::Unavailable(Problem::closed("the app is quitting")),
        );
        drop(closed);
    }

    /// The language the window, the packs' texts and the record use: the
    /// person's choice, else the system's (also while the database is not
    /// open, e.g. locked).
    pub fn lang(&self) -> Lang {
        if let Some(l) = *self.lang.lock() {
            return l;
        }
        let Ok(db) = self.db() else {
            return self.system_lang;
        };
        let l = lang::chosen(&db).ok().flatten().unwrap_or(self.system_lang);
        *self.lang.lock() = Some(l);
        l
    }

    /// The language setting: the choice, the system's, the one in use.
    /// While the database is not open (locked, damaged) the choice cannot
    /// be read: the system's language, so that the screen that says so
    /// speaks it.
    ///
    /// # Errors
    /// A `storage` error when the open database cannot be read.
    pub fn language(&self) -> Result<Language, CommandError> {
        let Ok(db) = self.db() else {
            return Ok(Language::new(None, self.system_lang));
        };
        let chosen = lang::chosen(&db)?;
        drop(db);
        let language = Language::new(chosen, self.system_lang);
        *self.lang.lock() = Some(language.effective);
        Ok(language)
    }

    /// Remembers the person's language (`None`: follow the system) and uses
    /// it from the next command on.
    ///
    /// # Errors
    /// A `storage` error while the database is not open.
    pub fn set_language(&self, chosen: Option<Lang>) -> Result<Language, CommandError> {
        lang::choose(&*self.db()?, chosen)?;
        self.language()
    }

    /// The open database.
    ///
    /// # Errors
    /// A `storage` error saying why, while the database is not open.
    pub fn db(&self) -> Result<DbGuard<'_>, CommandError> {
        RwLockReadGuard::try_map(self.db.read(), |slot| match slot {
            Slot::Open(db) => Some(db),
            Slot::Unavailable(_) => None,
        })
        .map_err(|slot| match &*slot {
            Slot::Unavailable(problem) => problem.command_error(),
            Slot::Open(_) => CommandError::new(ErrorKind::Internal, "the database is open"),
        })
    }

    /// Whether the database is open, and if not, why.
    ///
    /// # Errors
    /// An `io` error when the data directory is not valid Unicode.
    pub fn health(&self) -> Result<Health, CommandError> {
        let data_dir = self.data_dir_text()?.to_owned();
        let (status, reason, backup_warning) = match &*self.db.read() {
            Slot::Open(_) => (HealthStatus::Ok, None, self.daily.lock().warning.clone()),
            Slot::Unavailable(problem) => (
                if problem.corrupt {
                    HealthStatus::Corrupt
                } else if problem.locked {
                    HealthStatus::Locked
                } else {
                    HealthStatus::Unavailable
                },
                Some(problem.reason.clone()),
                None,
            ),
        };
        Ok(Health {
            status,
            reason,
            backup_warning,
            data_dir,
        })
    }

    /// Replaces the database with the backup `name` and opens it again, in
    /// place: the commands in flight finish first, the ones that come later
    /// see the restored data. Core keeps a copy of the current database
    /// first, and a refused backup changes nothing.
    ///
    /// # Errors
    /// Core's refusal (an unknown, damaged or newer backup), or a `storage`
    /// error when the restored database cannot be opened.
    pub fn restore(&self, name: &str) -> Result<Restored, CommandError> {
        let mut slot = self.db.write();
        // Close the database before its file is replaced.
        let before = std::mem::replace(
            &mut *slot,
            Slot::Unavailable(Problem::closed("a backup is being restored")),
        );
        drop(before);
        let key = self.key.lock().clone();
        let restored = backup::restore_with(&self.data_dir, name, key.as_ref());
        *slot = open_slot(&self.data_dir, key.as_ref());
        *self.lang.lock() = None;
        let restored = restored?;
        match &*slot {
            Slot::Open(_) => Ok(restored),
            Slot::Unavailable(problem) => Err(problem.command_error()),
        }
    }

    /// Whether the data dir is encrypted and the keyring holds its key.
    ///
    /// # Errors
    /// Core's error when the header cannot be read.
    pub fn encryption_status(&self) -> Result<EncryptionStatus, CommandError> {
        Ok(encryption::status(&self.data_dir, self.keys.as_ref())?)
    }

    /// Unlocks an encrypted data dir with its passphrase and opens it (the
    /// key is kept in the keyring when `remember`). A wrong passphrase is an
    /// `invalid` error and changes nothing.
    ///
    /// # Errors
    /// Core's refusal, or why the database then did not open.
    pub fn unlock(&self, passphrase: &str, remember: bool) -> Result<Health, CommandError> {
        let keys = self.keys.as_ref();
        self.reopen(|dir| encryption::unlock(dir, keys, Some(passphrase), remember))
    }

    /// Closes the database, runs `change` on the data dir (it gives the
    /// key to open it with afterwards), and opens it again — with the key it
    /// had when `change` fails.
    fn reopen(
        &self,
        change: impl FnOnce(&Path) -> trellis_core::Result<Option<Key>>,
    ) -> Result<Health, CommandError> {
        let mut slot = self.db.write();
        drop(std::mem::replace(
            &mut *slot,
            Slot::Unavailable(Problem::closed("the data is being re-encrypted")),
        ));
        let changed = change(&self.data_dir);
        let mut key = self.key.lock();
        if let Ok(k) = &changed {
            key.clone_from(k);
        }
        *slot = open_slot(&self.data_dir, key.as_ref());
        *self.lang.lock() = None;
        drop((key, slot));
        changed?;
        self.health()
    }

    /// Turns encryption on under `passphrase`, after a verified backup.
    ///
    /// # Errors
    /// Core's refusal (a short passphrase, already encrypted); nothing changed.
    pub fn turn_on_encryption(
        &self,
        passphrase: &str,
        remember: bool,
    ) -> Result<Health, CommandError> {
        let keys = self.keys.as_ref();
        self.reopen(|dir| {
            encryption::turn_on(dir, passphrase, keys, remember)?;
            encryption::unlock(dir, keys, Some(passphrase), false)
        })
    }

    /// Turns encryption off (the passphrase, or the keyring, proves the right to).
    ///
    /// # Errors
    /// A wrong passphrase (`invalid`, nothing changed), or core's refusal.
    pub fn turn_off_encryption(&self, passphrase: Option<&str>) -> Result<Health, CommandError> {
        let keys = self.keys.as_ref();
        self.reopen(|dir| encryption::turn_off(dir, keys, passphrase).map(|()| None))
    }

    /// A new passphrase for the same key; only the small header is rewritten.
    ///
    /// # Errors
    /// A wrong current passphrase or a short new one (`invalid`, nothing changed).
    pub fn change_passphrase(
        &self,
        current: &str,
        new: &str,
        remember: bool,
    ) -> Result<EncryptionStatus, CommandError> {
        encryption::change_passphrase(&self.data_dir, current, new, self.keys.as_ref(), remember)?;
        self.encryption_status()
    }

    /// The absolute data directory.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The data directory as text, for the UI.
    ///
    /// # Errors
    /// An `io` error when the path is not valid Unicode and so cannot cross IPC unchanged.
    pub fn data_dir_text(&self) -> Result<&str, CommandError> {
        self.data_dir.to_str().ok_or_else(|| {
            CommandError::new(
                ErrorKind::Io,
                format!(
                    "the data directory {} is not valid Unicode",
                    self.data_dir.display()
                ),
            )
        })
    }
}

/// The system's language: its preferred locales in order, the first we have.
fn system_lang() -> Lang {
    let locales: Vec<String> = sys_locale::get_locales().collect();
    Lang::negotiate_list(locales.iter().map(String::as_str))
}

fn open_slot(data_dir: &Path, key: Option<&Key>) -> Slot {
    match Db::open_data_dir_with(data_dir, key) {
        Ok(db) => Slot::Open(db),
        Err(error) => Slot::Unavailable(Problem::of(&error)),
    }
}

/// The platform's data directory for Trellis (`~/.local/share/trellis` on Linux),
/// or `None` without a home directory.
pub fn platform_data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "Trellis", "trellis").map(|dirs| dirs.data_dir().into())
}

/// Picks the data directory: `--data-dir DIR` (or `--data-dir=DIR`) among `args`,
/// else the `TRELLIS_DATA_DIR` value `env`, else the `platform` directory.
///
/// `args` excludes the program name. Other arguments are ignored; when the flag
/// is repeated, the last one wins. An empty environment value counts as unset.
///
/// # Errors
/// [`StartupError::MissingDataDirValue`] when the flag has no (or an empty) value,
/// [`StartupError::NoPlatformDataDir`] when nothing names a directory.
pub fn resolve_data_dir<I>(
    args: I,
    env: Option<OsString>,
    platform: Option<PathBuf>,
) -> Result<PathBuf, StartupError>
where
    I: IntoIterator<Item = OsString>,
{
    if let Some(dir) = data_dir_arg(args)? {
        return Ok(dir);
    }
    if let Some(dir) = env.filter(|value| !value.is_empty()) {
        return Ok(dir.into());
    }
    platform.ok_or(StartupError::NoPlatformDataDir)
}

fn data_dir_arg<I>(args: I) -> Result<Option<PathBuf>, StartupError>
where
    I: IntoIterator<Item = OsString>,
{
    let mut found = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let value = if arg == DATA_DIR_FLAG {
            args.next()
        } else if let Some(value) = arg
            .to_str()
            .and_then(|text| text.strip_prefix(DATA_DIR_FLAG)?.strip_prefix('='))
        {
            Some(value.into())
        } else {
            continue;
        };
        match value {
            Some(value) if !value.is_empty() => found = Some(PathBuf::from(value)),
            _ => return Err(StartupError::MissingDataDirValue),
        }
    }
    Ok(found)
}

fn not_chosen() -> CommandError {
    CommandError::invalid("file", trellis_core::Reason::FileNotChosen)
}

/// 128 random bits as hex, for a token nobody can guess.
fn uuid_like() -> String {
    let mut bytes = [0u8; 16];
    // The OS generator does not fail on the platforms Trellis runs on; if it
    // did, an all-zero token would still only name a path the person chose.
    let _ = getrandom::fill(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
#[allow(
    clippy::disallowed_methods,
    reason = "tests write and open damaged files on purpose"
)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    fn resolve(list: &[&str], env: Option<&str>) -> Result<PathBuf, StartupError> {
        resolve_data_dir(
            args(list),
            env.map(OsString::from),
            Some(PathBuf::from("/platform")),
        )
    }

    #[test]
    fn the_argument_wins_over_the_environment() {
        let dir = resolve(&["--data-dir", "/from-arg"], Some("/from-env")).unwrap();
        assert_eq!(dir, PathBuf::from("/from-arg"));
    }

    #[test]
    fn the_argument_may_be_joined_with_an_equals_sign() {
        let dir = resolve(&["--data-dir=/joined"], None).unwrap();
        assert_eq!(dir, PathBuf::from("/joined"));
    }

    #[test]
    fn the_last_repeated_argument_wins() {
        let dir = resolve(&["--data-dir", "/first", "--data-dir=/second"], None).unwrap();
        assert_eq!(dir, PathBuf::from("/second"));
    }

    #[test]
    fn other_arguments_are_ignored() {
        let dir = resolve(&["--verbose", "--data-dir-x", "/nope"], Some("/from-env")).unwrap();
        assert_eq!(dir, PathBuf::from("/from-env"));
    }

    #[test]
    fn the_environment_wins_over_the_platform_directory() {
        let dir = resolve(&[], Some("/from-env")).unwrap();
        assert_eq!(dir, PathBuf::from("/from-env"));
    }

    #[test]
    fn an_empty_environment_value_falls_back_to_the_platform_directory() {
        let dir = resolve(&[], Some("")).unwrap();
        assert_eq!(dir, PathBuf::from("/platform"));
    }

    #[test]
    fn a_flag_without_a_value_is_refused() {
        for list in [&["--data-dir"][..], &["--data-dir="], &["--data-dir", ""]] {
            let error = resolve(list, Some("/from-env")).unwrap_err();
            assert!(
                matches!(error, StartupError::MissingDataDirValue),
                "{list:?}: {error}"
            );
        }
    }

    #[test]
    fn nothing_to_go_on_is_an_error() {
        let error = resolve_data_dir(args(&[]), None, None).unwrap_err();
        assert!(matches!(error, StartupError::NoPlatformDataDir), "{error}");
    }

    #[test]
    fn opening_creates_a_missing_directory() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("nested").join("data");
        let state = AppState::open(dir.clone()).unwrap();
        assert!(dir.is_dir());
        assert_eq!(state.data_dir(), dir);
    }

    #[test]
    fn opening_under_a_file_fails_with_the_path() {
        let temp = tempfile::tempdir().unwrap();
        let file = temp.path().join("file");
        std::fs::write(&file, "").unwrap();
        let error = AppState::open(file.join("data")).unwrap_err();
        assert!(
            error.to_string().contains(&*file.to_string_lossy()),
            "{error}"
        );
    }
}
