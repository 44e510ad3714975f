//! Where a pair stands with sync ([`status`]), and the warning shown when
//! the data folder sits inside a folder that a sync tool keeps in step
//! ([`synced_folder_warning`]).

use std::path::Path;

use serde::Serialize;

use super::folder::SyncFolder;
use super::peer::{load_peer, Peer};
use super::{clock, folder, MAX_CLOCK_AHEAD_MS};
use crate::id::PairId;
use crate::{pair, Db, Result};

/// Where a pair stands with sync.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SyncStatus {
    pub pair_id: PairId,
    /// An invite was made or accepted: update files can be written.
    pub shared: bool,
    /// The partner's replica is known once one of their files was imported.
    pub partner_replica: Option<String>,
    pub last_import_at: Option<String>,
    pub open_conflicts: u32,
    /// This installation's replica id (part of folder-mode file names).
    pub replica: String,
    /// Set when the data folder looks like it is inside a synced folder.
    pub warning: Option<String>,
    /// Both keys are known: the safety code to compare with the partner's.
    pub safety_code: Option<String>,
    /// An invite was written; its answer is not imported yet.
    pub waiting_for_answer: bool,
    /// Shared with an older Trellis (format 1): the partners must re-pair.
    pub needs_re_pair: bool,
    /// This machine's sync clock is more than a day ahead (milliseconds):
    /// the partner refuses its files until `repair_clock`.
    #[ts(type = "number | null")]
    pub clock_ahead_ms: Option<i64>,
    /// The folder both partners sync, when one was chosen.
    pub folder: Option<SyncFolder>,
}

/// Where a pair stands with sync, and a warning if the data folder looks
/// like it sits in a synced folder.
pub fn status(db: &Db, pair_id: PairId) -> Result<SyncStatus> {
    let warning = db
        .path()
        .and_then(Path::parent)
        .and_then(synced_folder_warning);
    let folder = folder::folder(db, pair_id)?;
    db.read(|c| {
        pair::load(c, pair_id)?;
        let peer = load_peer(c, pair_id)?;
        let open: u32 = c
            .prepare_cached(
                "SELECT COUNT(*) FROM sync_conflict WHERE pair_id = ?1 AND resolved_at IS NULL",
            )?
            .query_row([pair_id], |r| r.get(0))?;
        Ok(SyncStatus {
            pair_id,
            shared: peer.is_some(),
            safety_code: peer.as_ref().and_then(Peer::safety_code),
            waiting_for_answer: peer
                .as_ref()
                .is_some_and(|p| p.my_secret.is_some() && p.partner_public.is_none()),
            needs_re_pair: peer.as_ref().is_some_and(|p| p.my_secret.is_none()),
            clock_ahead_ms: Some(clock::current(c)?.ms - clock::wall_ms())
                .filter(|ahead| *ahead > MAX_CLOCK_AHEAD_MS),
            partner_replica: peer.as_ref().and_then(|p| p.partner_replica.clone()),
            last_import_at: peer.and_then(|p| p.last_import_at),
            open_conflicts: open,
            replica: clock::replica(c)?,
            warning,
            folder,
        })
    })
}

/// Names of folders that cloud and peer-to-peer sync tools keep in step.
const SYNCED_NAMES: &[&str] = &[
    "dropbox",
    "onedrive",
    "nextcloud",
    "owncloud",
    "google drive",
    "googledrive",
    "icloud drive",
    "mobile documents",
    "icloud~",
    "sync.com",
    "megasync",
    "pcloud",
    "seafile",
    "syncthing",
];

/// A warning when `dir` (the data folder) is inside a folder that a sync
/// tool keeps in step across machines: two machines writing one live
/// database can damage it. Looks for Syncthing's `.stfolder`, Dropbox's
/// `.dropbox`, Nextcloud's and ownCloud's `.nextcloud`,
/// `.nextcloudsync.log` and `.owncloudsync.log`, and folder names such as
/// Dropbox, OneDrive, Nextcloud or Syncthing.
pub fn synced_folder_warning(dir: &Path) -> Option<String> {
    let abs = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    for a in abs.ancestors() {
        let marker = [
            (".stfolder", "Syncthing"),
            (".dropbox", "Dropbox"),
            (".dropbox.cache", "Dropbox"),
            (".nextcloud", "Nextcloud"),
            (".nextcloudsync.log", "Nextcloud"),
            (".owncloudsync.log", "Nextcloud or ownCloud"),
        ]
        .into_iter()
        .find(|(m, _)| a.join(m).exists())
        .map(|(_, tool)| tool.to_string());
        let by_name = a
            .file_name()
            .and_then(|n| n.to_str())
            .map(str::to_lowercase)
            .and_then(|n| {
                SYNCED_NAMES.iter().find(|s| n.starts_with(*s)).map(|_| {
                    format!(
                        "a folder named {}",
                        a.file_name().unwrap_or_default().to_string_lossy()
                    )
                })
            });
        if let Some(what) = marker.or(by_name) {
            return Some(format!(
                "the data folder {} is inside a synced folder ({what} at {}): two machines writing one live \
                 database can damage it. Move the data folder out, and share update files there instead \
                 (`trellis sync export --folder`)",
                abs.display(),
                a.display()
            ));
        }
    }
    None
}
