//! `trellis encryption on|off|change-passphrase|status`, and the key of an
//! encrypted data dir for every other command: from the desktop's keyring,
//! else from `TRELLIS_PASSPHRASE`, else typed at a prompt that does not echo.

use std::io::IsTerminal;
use std::path::Path;

use clap::Subcommand;
use serde::Serialize;
use trellis_core::encryption::{
    self, EncryptionStatus, Key, KeyStore, NoKeyStore, SystemKeyring, PASSPHRASE_ENV,
};
use trellis_core::{Error, Result};
use zeroize::Zeroizing;

use crate::output::Output;

/// The new passphrase for scripts (`on`, `change-passphrase`).
const NEW_PASSPHRASE_ENV: &str = "TRELLIS_NEW_PASSPHRASE";

#[derive(Subcommand)]
pub enum Cmd {
    /// Encrypt the database and its backups under a passphrase you choose.
    /// Close the Trellis app first. If the passphrase is lost (and no keyring
    /// holds the key) the data cannot be read by anyone: there is no reset.
    On {
        /// Also keep the key in this account's keyring, so no passphrase is asked.
        #[arg(long)]
        remember: bool,
    },
    /// Decrypt the database and its backups (asks for the passphrase).
    Off,
    /// Change the passphrase; the data stays encrypted under the same key.
    ChangePassphrase {
        /// Also keep the key in this account's keyring (else it is forgotten there).
        #[arg(long)]
        remember: bool,
    },
    /// Whether the data is encrypted, and whether the keyring holds the key.
    Status,
}

/// The keyring: the desktop's, unless `TRELLIS_KEYRING=none` (headless
/// machines that have a Secret Service they should not use, and tests).
pub fn store() -> Box<dyn KeyStore> {
    match std::env::var("TRELLIS_KEYRING").as_deref() {
        Ok("none") => Box::new(NoKeyStore),
        _ => Box::new(SystemKeyring),
    }
}

/// A passphrase from `env`, else typed at the terminal.
fn passphrase(env: &str, prompt: &str) -> Result<Zeroizing<String>> {
    if let Ok(p) = std::env::var(env) {
        return Ok(Zeroizing::new(p));
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::invalid(
            "passphrase",
            trellis_core::Reason::usage(format!("no terminal to ask it at: set {env}")),
        ));
    }
    rpassword::prompt_password(prompt)
        .map(Zeroizing::new)
        .map_err(|e| Error::io(trellis_core::IoOp::Read, "cannot read the passphrase", e))
}

/// A new passphrase, typed twice (or from `env`).
fn new_passphrase(env: &str) -> Result<Zeroizing<String>> {
    if std::env::var(env).is_ok() {
        return passphrase(env, "");
    }
    let p = passphrase(env, "New passphrase: ")?;
    let again = passphrase(env, "The same again: ")?;
    if p != again {
        return Err(Error::invalid(
            "passphrase",
            trellis_core::Reason::PassphrasesDiffer,
        ));
    }
    Ok(p)
}

/// The key of the data dir for a command: `None` when it is not encrypted.
pub fn key(data_dir: &Path) -> Result<Option<Key>> {
    let store = store();
    match encryption::unlock(data_dir, store.as_ref(), None, false) {
        Err(Error::Locked) => {
            let p = passphrase(PASSPHRASE_ENV, "Passphrase of your Trellis data: ")?;
            encryption::unlock(data_dir, store.as_ref(), Some(&p), false)
        }
        other => other,
    }
}

#[derive(Serialize)]
struct Done {
    encrypted: bool,
}

pub fn run(data_dir: &Path, cmd: Cmd) -> Result<Output> {
    let store = store();
    match cmd {
        Cmd::On { remember } => {
            let p = new_passphrase(PASSPHRASE_ENV)?;
            encryption::turn_on(data_dir, &p, store.as_ref(), remember)?;
            Output::new(
                &Done { encrypted: true },
                "Encryption is on: the database and its backups are encrypted. \
                 Keep the passphrase safe: without it (or this keyring) nobody can read them.",
            )
        }
        Cmd::Off => {
            let p = match encryption::status(data_dir, store.as_ref())?.in_keyring {
                true => None,
                false => Some(passphrase(PASSPHRASE_ENV, "Passphrase: ")?),
            };
            encryption::turn_off(data_dir, store.as_ref(), p.as_ref().map(|p| p.as_str()))?;
            Output::new(
                &Done { encrypted: false },
                "Encryption is off: the database and its backups are plain files again.",
            )
        }
        Cmd::ChangePassphrase { remember } => {
            let current = passphrase(PASSPHRASE_ENV, "Current passphrase: ")?;
            let new = new_passphrase(NEW_PASSPHRASE_ENV)?;
            encryption::change_passphrase(data_dir, &current, &new, store.as_ref(), remember)?;
            Output::new(
                &Done { encrypted: true },
                "The passphrase is changed; the old one no longer opens the data.",
            )
        }
        Cmd::Status => {
            let s: EncryptionStatus = encryption::status(data_dir, store.as_ref())?;
            let text = match (s.encrypted, s.in_keyring) {
                (false, _) => "Not encrypted. Turn it on with `trellis encryption on`.",
                (true, true) => "Encrypted; this account's keyring holds the key.",
                (true, false) => "Encrypted; the passphrase is asked at each start.",
            };
            Output::new(&s, text)
        }
    }
}
