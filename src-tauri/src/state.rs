//! State shared by every command: where the user's data lives.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::{CommandError, ErrorKind, StartupError};

/// The environment variable that names the data directory when no `--data-dir` is given.
pub const DATA_DIR_ENV: &str = "TRELLIS_DATA_DIR";

const DATA_DIR_FLAG: &str = "--data-dir";

/// The state Tauri manages for the app's whole life.
#[derive(Debug)]
pub struct AppState {
    data_dir: PathBuf,
    db: trellis_core::Db,
}

impl AppState {
    /// Makes `data_dir` absolute and creates it if it is missing.
    ///
    /// # Errors
    /// [`StartupError::DataDir`] when the directory cannot be created.
    pub fn open(data_dir: PathBuf) -> Result<Self, StartupError> {
        let fail = |source| StartupError::DataDir {
            path: data_dir.clone(),
            source,
        };
        let data_dir = std::path::absolute(&data_dir).map_err(fail)?;
        std::fs::create_dir_all(&data_dir).map_err(fail)?;
        let db = trellis_core::Db::open_data_dir(&data_dir).map_err(StartupError::Database)?;
        Ok(Self { data_dir, db })
    }

    /// The open database.
    pub fn db(&self) -> &trellis_core::Db {
        &self.db
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

#[cfg(test)]
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
