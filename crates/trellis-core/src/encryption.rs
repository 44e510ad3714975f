//! Encryption at rest (optional): the database, its WAL and its backups
//! encrypted with SQLCipher (AES-256, every page authenticated).
//!
//! How the key is kept:
//! - Turning encryption on makes a random 256-bit **data key**; every
//!   database file in the data dir (the database and each backup) is
//!   encrypted under it, so a backup restores without asking for anything
//!   else.
//! - The data key is stored only **wrapped** in `encryption.toml` beside the
//!   database: sealed (XChaCha20-Poly1305) under a key derived from the
//!   person's passphrase with Argon2id (the salt and costs are in the same
//!   file; none of it is secret). Changing the passphrase rewrites this small
//!   file atomically: nothing else is re-encrypted, nothing can be lost.
//! - When asked to, the data key is also kept in the desktop's keyring
//!   (Secret Service, see [`KeyStore`]), so that the app opens without the
//!   passphrase on this account. Headless machines and scripts type the
//!   passphrase or give it in `TRELLIS_PASSPHRASE`.
//!
//! If the passphrase is lost and no keyring holds the key, the data cannot
//! be read by anyone, Trellis included: there is no back door.
//!
//! Turning encryption on or off rewrites each file with `sqlcipher_export`
//! (SQLCipher's documented way between a plain and an encrypted database)
//! into a private temporary file, checks the copy in full under its new key,
//! and renames it over the old file. Before that, a verified backup is made.
//! The header decides the direction: while `encryption.toml` exists the data
//! dir is (becoming) encrypted, and any file still plain — left so by an
//! interrupted `on` or `off` — is encrypted when the data dir is next opened
//! with the key ([`Db::open_data_dir_with`]). The header is removed only after
//! every file is plain again. So an interruption at any moment loses nothing.

use crate::error::Clash;
use crate::error::FileKind;
use std::fmt;
use std::path::{Path, PathBuf};

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::XChaCha20Poly1305;
use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, Zeroizing};

use crate::db::DB_FILE;
use crate::{backup, file, Db, Error, Result};

/// The header file, beside the database: present when the data dir is encrypted.
pub const HEADER_FILE: &str = "encryption.toml";
/// The environment variable a script may set to the passphrase.
pub const PASSPHRASE_ENV: &str = "TRELLIS_PASSPHRASE";
/// The shortest passphrase accepted when one is set.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

const KEYRING_SERVICE: &str = "Trellis";
const MAGIC_PLAIN: &[u8; 16] = b"SQLite format 3\0";
const ARGON_M_KIB: u32 = 19 * 1024;
const ARGON_T: u32 = 2;
const ARGON_M_RANGE: std::ops::RangeInclusive<u32> = 8 * 1024..=1024 * 1024;
const ARGON_T_RANGE: std::ops::RangeInclusive<u32> = 1..=20;

/// The 256-bit key every database file of an encrypted data dir is under.
/// Wiped from memory when dropped; never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Key([u8; 32]);

impl Key {
    fn random() -> Result<Self> {
        let mut k = [0u8; 32];
        getrandom::fill(&mut k).map_err(|e| {
            Error::io(
                crate::IoOp::Random,
                "cannot draw a random key",
                std::io::Error::other(e.to_string()),
            )
        })?;
        Ok(Key(k))
    }

    fn hex(&self) -> Zeroizing<String> {
        Zeroizing::new(hex(&self.0))
    }

    /// SQLCipher's raw-key form, `x'…'`: the key is used as is (it is
    /// random, or already stretched), without SQLCipher's own PBKDF2.
    fn sql_literal(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("x'{}'", self.hex().as_str()))
    }

    fn from_hex(s: &str) -> Option<Self> {
        unhex(s).and_then(|v| <[u8; 32]>::try_from(v.as_slice()).ok().map(Key))
    }
}

impl Drop for Key {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Key(…)")
    }
}

/// Where the data key may be remembered so that no passphrase is needed at
/// start: the desktop's keyring ([`SystemKeyring`]), nothing
/// ([`NoKeyStore`]: headless machines), or a test double.
pub trait KeyStore: Send + Sync + fmt::Debug {
    fn get(&self, id: &str) -> Result<Option<Key>>;
    fn set(&self, id: &str, key: &Key) -> Result<()>;
    fn delete(&self, id: &str) -> Result<()>;
}

/// The desktop's keyring through the Secret Service (GNOME Keyring, KWallet).
#[derive(Debug, Default)]
pub struct SystemKeyring;

fn keyring_error(e: keyring::Error) -> Error {
    Error::Conflict(Clash::KeyringFailed {
        detail: e.to_string(),
    })
}

impl KeyStore for SystemKeyring {
    fn get(&self, id: &str) -> Result<Option<Key>> {
        let entry = keyring::Entry::new(KEYRING_SERVICE, id).map_err(keyring_error)?;
        match entry.get_password() {
            Ok(s) => {
                let s = Zeroizing::new(s);
                Ok(Key::from_hex(&s))
            }
            // No keyring running (headless) or no entry: the passphrase is asked.
            Err(keyring::Error::NoEntry | keyring::Error::PlatformFailure(_)) => Ok(None),
            Err(keyring::Error::NoStorageAccess(_)) => Ok(None),
            Err(e) => Err(keyring_error(e)),
        }
    }

    fn set(&self, id: &str, key: &Key) -> Result<()> {
        let entry = keyring::Entry::new(KEYRING_SERVICE, id).map_err(keyring_error)?;
        entry.set_password(&key.hex()).map_err(keyring_error)
    }

    fn delete(&self, id: &str) -> Result<()> {
        let entry = keyring::Entry::new(KEYRING_SERVICE, id).map_err(keyring_error)?;
        match entry.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(keyring_error(e)),
        }
    }
}

/// No keyring: the passphrase is needed at every start.
#[derive(Debug, Default)]
pub struct NoKeyStore;

impl KeyStore for NoKeyStore {
    fn get(&self, _: &str) -> Result<Option<Key>> {
        Ok(None)
    }
    fn set(&self, _: &str, _: &Key) -> Result<()> {
        Err(Error::Conflict(Clash::NoKeyring))
    }
    fn delete(&self, _: &str) -> Result<()> {
        Ok(())
    }
}

/// A keyring in memory (tests, and a session that must not touch the system one).
#[derive(Debug, Default)]
pub struct MemoryKeyStore(std::sync::Mutex<std::collections::HashMap<String, Key>>);

impl KeyStore for MemoryKeyStore {
    fn get(&self, id: &str) -> Result<Option<Key>> {
        Ok(self.lock().get(id).cloned())
    }
    fn set(&self, id: &str, key: &Key) -> Result<()> {
        self.lock().insert(id.to_string(), key.clone());
        Ok(())
    }
    fn delete(&self, id: &str) -> Result<()> {
        self.lock().remove(id);
        Ok(())
    }
}

impl MemoryKeyStore {
    fn lock(&self) -> std::sync::MutexGuard<'_, std::collections::HashMap<String, Key>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The header: what is needed to unwrap the data key with the passphrase.
/// Not secret.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Header {
    /// `1`.
    version: u32,
    /// The name of the keyring entry that may hold the data key.
    id: String,
    cipher: String,
    kdf: String,
    m_kib: u32,
    t: u32,
    salt: String,
    nonce: String,
    /// The data key sealed under the passphrase's key.
    wrapped: String,
}

const CIPHER: &str = "sqlcipher-4";
const KDF: &str = "argon2id";

fn header_path(data_dir: &Path) -> PathBuf {
    data_dir.join(HEADER_FILE)
}

fn read_header(data_dir: &Path) -> Result<Option<Header>> {
    let path = header_path(data_dir);
    if !path.exists() {
        return Ok(None);
    }
    let text = file::read_text(&path, 16 * 1024, FileKind::EncryptionHeader)?;
    let h: Header = toml::from_str(&text).map_err(|e| Error::Format {
        file: FileKind::EncryptionHeader,
        what: path.display().to_string(),
        reason: format!("not an encryption header ({e})"),
    })?;
    if h.version != 1 || h.cipher != CIPHER || h.kdf != KDF {
        return Err(Error::Format {
            file: FileKind::EncryptionHeader,
            what: path.display().to_string(),
            reason: "written by a newer Trellis: update Trellis to open this data".into(),
        });
    }
    Ok(Some(h))
}

fn write_header(data_dir: &Path, h: &Header) -> Result<()> {
    let text = toml::to_string(h).map_err(|e| Error::Format {
        file: FileKind::EncryptionHeader,
        what: HEADER_FILE.into(),
        reason: e.to_string(),
    })?;
    file::write_atomic(&header_path(data_dir), text.as_bytes())
}

fn passphrase_key(
    passphrase: &str,
    salt: &[u8],
    m_kib: u32,
    t: u32,
) -> Result<Zeroizing<[u8; 32]>> {
    if !ARGON_M_RANGE.contains(&m_kib) || !ARGON_T_RANGE.contains(&t) {
        return Err(Error::Format {
            file: FileKind::EncryptionHeader,
            what: HEADER_FILE.into(),
            reason: "its key derivation costs are out of range".into(),
        });
    }
    let params = Params::new(m_kib, t, 1, Some(32)).map_err(|e| Error::Format {
        file: FileKind::EncryptionHeader,
        what: HEADER_FILE.into(),
        reason: e.to_string(),
    })?;
    let mut key = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.as_bytes(), salt, key.as_mut())
        .map_err(|_| Error::invalid("passphrase", crate::Reason::Malformed))?;
    Ok(key)
}

fn wrap(id: &str, key: &Key, passphrase: &str) -> Result<Header> {
    check_new_passphrase(passphrase)?;
    let mut salt = [0u8; 16];
    let mut nonce = [0u8; 24];
    getrandom::fill(&mut salt)
        .and_then(|()| getrandom::fill(&mut nonce))
        .map_err(|e| {
            Error::io(
                crate::IoOp::Random,
                "cannot draw random bytes",
                std::io::Error::other(e.to_string()),
            )
        })?;
    let mut h = Header {
        version: 1,
        id: id.to_string(),
        cipher: CIPHER.into(),
        kdf: KDF.into(),
        m_kib: ARGON_M_KIB,
        t: ARGON_T,
        salt: hex(&salt),
        nonce: hex(&nonce),
        wrapped: String::new(),
    };
    let kek = passphrase_key(passphrase, &salt, h.m_kib, h.t)?;
    let ct = XChaCha20Poly1305::new(kek.as_ref().into())
        .encrypt(
            &nonce.into(),
            Payload {
                msg: &key.0,
                aad: h.id.as_bytes(),
            },
        )
        .map_err(|_| Error::Conflict(Clash::CannotSealKey))?;
    h.wrapped = hex(&ct);
    Ok(h)
}

fn unwrap_key(h: &Header, passphrase: &str) -> Result<Key> {
    let bad = || Error::Format {
        file: FileKind::EncryptionHeader,
        what: HEADER_FILE.into(),
        reason: "it is damaged; restore it from a copy of the data folder".into(),
    };
    let salt = unhex(&h.salt).ok_or_else(bad)?;
    let nonce = unhex(&h.nonce).ok_or_else(bad)?;
    let ct = unhex(&h.wrapped).ok_or_else(bad)?;
    if nonce.len() != 24 || salt.len() < 8 {
        return Err(bad());
    }
    let kek = passphrase_key(passphrase, &salt, h.m_kib, h.t)?;
    let plain = Zeroizing::new(
        XChaCha20Poly1305::new(kek.as_ref().into())
            .decrypt(
                nonce.as_slice().into(),
                Payload {
                    msg: &ct,
                    aad: h.id.as_bytes(),
                },
            )
            .map_err(|_| wrong_passphrase())?,
    );
    <[u8; 32]>::try_from(plain.as_slice())
        .map(Key)
        .map_err(|_| bad())
}

fn wrong_passphrase() -> Error {
    Error::invalid("passphrase", crate::Reason::WrongPassphrase)
}

fn check_new_passphrase(p: &str) -> Result<()> {
    if p.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(Error::invalid(
            "new passphrase",
            crate::Reason::TooShort {
                min: MIN_PASSPHRASE_CHARS,
            },
        ));
    }
    Ok(())
}

/// The error for an encrypted data dir opened without its key.
pub(crate) fn locked() -> Error {
    Error::Locked
}

/// Whether the data dir is encrypted, and whether the keyring holds its key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct EncryptionStatus {
    pub encrypted: bool,
    /// The keyring of this account holds the key: no passphrase at start.
    pub in_keyring: bool,
}

/// Is the data dir encrypted, and does `store` remember its key?
pub fn status(data_dir: &Path, store: &dyn KeyStore) -> Result<EncryptionStatus> {
    Ok(match read_header(data_dir)? {
        None => EncryptionStatus {
            encrypted: false,
            in_keyring: false,
        },
        Some(h) => EncryptionStatus {
            encrypted: true,
            in_keyring: store.get(&h.id)?.is_some(),
        },
    })
}

/// True when the data dir is encrypted (its header exists).
pub fn is_encrypted(data_dir: &Path) -> bool {
    header_path(data_dir).exists()
}

/// The key of the data dir: `None` for a plain one; from `store` when it
/// holds it; else unwrapped with `passphrase` (then, when `remember`, put in
/// `store`). [`Error::Locked`] when the key is needed and no passphrase was
/// given; a wrong passphrase is an [`Error::Invalid`] and changes nothing.
pub fn unlock(
    data_dir: &Path,
    store: &dyn KeyStore,
    passphrase: Option<&str>,
    remember: bool,
) -> Result<Option<Key>> {
    let Some(h) = read_header(data_dir)? else {
        return Ok(None);
    };
    if let Some(p) = passphrase {
        let key = unwrap_key(&h, p)?;
        if remember {
            store.set(&h.id, &key)?;
        }
        return Ok(Some(key));
    }
    match store.get(&h.id)? {
        Some(k) => Ok(Some(k)),
        None => Err(locked()),
    }
}

/// Turn encryption on for a data dir that no Trellis has open: a verified
/// backup first, then the header, then every file re-encrypted. The key is
/// put in `store` when `remember`.
pub fn turn_on(
    data_dir: &Path,
    passphrase: &str,
    store: &dyn KeyStore,
    remember: bool,
) -> Result<()> {
    check_new_passphrase(passphrase)?;
    if is_encrypted(data_dir) {
        return Err(Error::Conflict(Clash::AlreadyEncrypted));
    }
    file::private_dir(data_dir)?;
    alone(data_dir, None)?;
    remove_temps(data_dir, false)?;
    // The database opens (and is migrated) as it is; its backup is verified.
    {
        let db = Db::open_data_dir_with(data_dir, None)?;
        safety_backup(&db)?;
    }
    let key = Key::random()?;
    let id = format!("data-key-{}", uuid::Uuid::now_v7());
    let header = wrap(&id, &key, passphrase)?;
    if remember {
        store.set(&id, &key)?;
    }
    write_header(data_dir, &header)?;
    converge(data_dir, &key)
}

/// Turn encryption off (the passphrase or the keyring proves the right to):
/// a verified backup, every file decrypted, then the header removed and the
/// keyring entry forgotten.
pub fn turn_off(data_dir: &Path, store: &dyn KeyStore, passphrase: Option<&str>) -> Result<()> {
    let Some(h) = read_header(data_dir)? else {
        return Err(Error::Conflict(Clash::NotEncrypted));
    };
    let key = match passphrase {
        Some(p) => unwrap_key(&h, p)?,
        None => store.get(&h.id)?.ok_or_else(locked)?,
    };
    alone(data_dir, Some(&key))?;
    remove_temps(data_dir, false)?;
    {
        let db = Db::open_data_dir_with(data_dir, Some(&key))?;
        safety_backup(&db)?;
    }
    for path in database_files(data_dir)? {
        if !is_plain(&path)? {
            rewrite(&path, Some(&key), None)?;
        }
    }
    std::fs::remove_file(header_path(data_dir)).map_err(|e| {
        Error::io(
            crate::IoOp::Remove,
            "cannot remove the encryption header",
            e,
        )
    })?;
    file::sync_dir(data_dir)?;
    forget(store, &h.id)
}

/// A new passphrase for the same key: only the header is rewritten (atomically).
pub fn change_passphrase(
    data_dir: &Path,
    current: &str,
    new: &str,
    store: &dyn KeyStore,
    remember: bool,
) -> Result<()> {
    let Some(h) = read_header(data_dir)? else {
        return Err(Error::Conflict(Clash::NotEncryptedYet));
    };
    check_new_passphrase(new)?;
    let key = unwrap_key(&h, current)?;
    let header = wrap(&h.id, &key, new)?;
    // The keyring first: if it fails, the old passphrase still opens the data.
    if remember {
        store.set(&h.id, &key)?;
    } else {
        forget(store, &h.id)?;
    }
    write_header(data_dir, &header)
}

/// Remove the key from `store` when it holds it. A keyring that cannot be
/// reached (a headless machine) holds nothing to forget: not an error.
fn forget(store: &dyn KeyStore, id: &str) -> Result<()> {
    match store.get(id)? {
        Some(_) => store.delete(id),
        None => Ok(()),
    }
}

/// Refuse while another connection (the app, another command) has the
/// database open: its file is about to be replaced, and what that process
/// wrote afterwards would go to the old file. SQLite lets a database leave
/// WAL mode only when no other connection has it open, so that is the test.
fn alone(data_dir: &Path, key: Option<&Key>) -> Result<()> {
    let path = data_dir.join(DB_FILE);
    if !std::fs::metadata(&path).is_ok_and(|m| m.len() > 0) {
        return Ok(());
    }
    let c = crate::db::connect(&path, OpenFlags::default(), key)?;
    let mode = c
        .query_row("PRAGMA journal_mode = DELETE", [], |r| {
            r.get::<_, String>(0)
        })
        .unwrap_or_default();
    if mode != "delete" {
        return Err(Error::Conflict(Clash::OpenElsewhere));
    }
    Ok(())
}

/// Remove the temporary files a Trellis that died left in the data dir and
/// its backups folder (`.trellis-XXXXXX.tmp` and its `-journal`, `-wal`,
/// `-shm`): an interrupted `off` leaves a plain copy of a database there,
/// an interrupted restore or backup another copy. With `plain_only`, in an
/// encrypted data dir that another Trellis may have open, only the plain
/// copies go (nothing may be plain there; a temporary file in use is
/// encrypted, or empty) with whatever is beside them; else every one (no
/// other Trellis has the data open, see [`alone`]).
fn remove_temps(data_dir: &Path, plain_only: bool) -> Result<()> {
    for dir in [data_dir.to_path_buf(), backup::dir(data_dir)] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let names: Vec<String> = entries
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(file::TEMP_PREFIX))
            .collect();
        let base = |n: &str| -> Option<String> {
            let b = ["-journal", "-wal", "-shm"]
                .iter()
                .find_map(|s| n.strip_suffix(s))
                .unwrap_or(n);
            b.ends_with(file::TEMP_SUFFIX).then(|| b.to_string())
        };
        let mut gone = Vec::new();
        for n in names.iter().filter(|n| n.ends_with(file::TEMP_SUFFIX)) {
            let p = dir.join(n);
            let plain = std::fs::metadata(&p).is_ok_and(|m| m.len() > 0) && is_plain(&p)?;
            if !plain_only || plain {
                remove(&p)?;
                gone.push(n.clone());
            }
        }
        // Beside a removed one, or left alone (its temporary file is gone).
        for n in &names {
            if let Some(b) = base(n).filter(|b| b != n) {
                if gone.contains(&b) || !names.contains(&b) {
                    remove(&dir.join(n))?;
                }
            }
        }
    }
    Ok(())
}

fn remove(p: &Path) -> Result<()> {
    match std::fs::remove_file(p) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(
            crate::IoOp::Remove,
            format!("cannot remove {}", p.display()),
            e,
        )),
    }
}

/// The backup made before files are re-encrypted.
fn safety_backup(db: &Db) -> Result<()> {
    let has_data = db.read(|c| {
        Ok(c.query_row(
            "SELECT EXISTS (SELECT 1 FROM pair) OR EXISTS (SELECT 1 FROM pack)",
            [],
            |r| r.get::<_, bool>(0),
        )?)
    })?;
    if has_data {
        backup::now(db)?;
    }
    Ok(())
}

/// Encrypt every file of an encrypted data dir that is still plain (an
/// interrupted `on` or `off`). Called when such a data dir is opened with its key.
pub(crate) fn converge(data_dir: &Path, key: &Key) -> Result<()> {
    remove_temps(data_dir, true)?;
    for path in database_files(data_dir)? {
        if is_plain(&path)? {
            rewrite(&path, None, Some(key))?;
        }
    }
    Ok(())
}

/// The database and every backup: the files a key applies to.
fn database_files(data_dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out: Vec<PathBuf> = backup::list(data_dir)?
        .into_iter()
        .map(|b| backup::dir(data_dir).join(b.name))
        .collect();
    let db = data_dir.join(DB_FILE);
    if std::fs::metadata(&db).is_ok_and(|m| m.len() > 0) {
        out.push(db);
    }
    Ok(out)
}

/// A plain SQLite file starts with its magic string; an encrypted one with
/// random bytes (its salt). An empty file counts as plain.
pub(crate) fn is_plain(path: &Path) -> Result<bool> {
    use std::io::Read;
    let mut head = [0u8; 16];
    let mut f = std::fs::File::open(path).map_err(|e| {
        Error::io(
            crate::IoOp::Read,
            format!("cannot read {}", path.display()),
            e,
        )
    })?;
    let n = f.read(&mut head).map_err(|e| {
        Error::io(
            crate::IoOp::Read,
            format!("cannot read {}", path.display()),
            e,
        )
    })?;
    Ok(n == 0 || head[..n] == MAGIC_PLAIN[..n])
}

/// Give a connection its key (before its first statement).
pub(crate) fn apply(conn: &Connection, key: Option<&Key>) -> Result<()> {
    if let Some(k) = key {
        conn.execute_batch(&format!("PRAGMA key = \"{}\";", k.sql_literal().as_str()))?;
    }
    Ok(())
}

/// Rewrite one database file under another key (or none) with
/// `sqlcipher_export` into a private temporary file beside it, check the
/// copy in full under its new key, and rename it over the file. Its WAL is
/// checkpointed into it first and removed (empty) before the rename.
fn rewrite(path: &Path, from: Option<&Key>, to: Option<&Key>) -> Result<()> {
    let dir = file::folder_of(path);
    let tmp = file::private_temp(dir).map_err(|e| {
        Error::io(
            crate::IoOp::Write,
            format!("cannot write into {}", dir.display()),
            e,
        )
    })?;
    let target = tmp
        .path()
        .to_str()
        .ok_or_else(|| {
            Error::invalid(
                "data dir",
                crate::Reason::UnusablePath {
                    path: tmp.path().display().to_string(),
                },
            )
        })?
        .to_string();
    {
        let src = crate::db::connect(path, OpenFlags::default(), from)?;
        src.busy_timeout(std::time::Duration::from_secs(5))?;
        let _: (i64, i64, i64) = src.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
        let version: i64 = src.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let new_key = match to {
            Some(k) => k.sql_literal(),
            None => Zeroizing::new(String::new()),
        };
        src.execute(
            "ATTACH DATABASE ?1 AS rekeyed KEY ?2",
            [target.as_str(), new_key.as_str()],
        )?;
        src.query_row("SELECT sqlcipher_export('rekeyed')", [], |_| Ok(()))?;
        src.execute_batch(&format!(
            "PRAGMA rekeyed.user_version = {version}; DETACH DATABASE rekeyed;"
        ))?;
    }
    check_file(tmp.path(), to)?;
    file::sync_file(tmp.path())?;
    for side in ["-wal", "-shm"] {
        let p = crate::db::sibling(path, side);
        match std::fs::remove_file(&p) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(Error::io(
                    crate::IoOp::Remove,
                    format!("cannot remove {}", p.display()),
                    e,
                ))
            }
        }
    }
    crate::db::break_seal(path);
    tmp.persist(path).map_err(|e| {
        Error::io(
            crate::IoOp::Replace,
            format!("cannot replace {}", path.display()),
            e.error,
        )
    })?;
    file::sync_dir(dir)
}

/// The full integrity check of a database file under `key` (`None`: a plain file).
pub fn check_file(path: &Path, key: Option<&Key>) -> Result<()> {
    let c = crate::db::connect(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        key,
    )?;
    let ok: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if ok != "ok" {
        return Err(Error::Format {
            file: FileKind::Database,
            what: path.display().to_string(),
            reason: format!("integrity check failed ({ok})"),
        });
    }
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrapped_key_opens_with_its_passphrase_only() {
        let key = Key::random().unwrap();
        let h = wrap("data-key-x", &key, "correct horse battery").unwrap();
        assert_eq!(unwrap_key(&h, "correct horse battery").unwrap(), key);
        let err = unwrap_key(&h, "correct horse battery!").unwrap_err();
        assert!(err.to_string().contains("not the passphrase"), "{err}");
        let mut other = h.clone();
        other.id = "data-key-y".into();
        assert!(unwrap_key(&other, "correct horse battery").is_err());
    }

    #[test]
    fn a_short_passphrase_is_refused() {
        let key = Key::random().unwrap();
        assert!(wrap("x", &key, "short").is_err());
    }
}
