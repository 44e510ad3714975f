//! Sync through a shared folder: a folder both partners keep in step with a
//! sync tool (Syncthing, Nextcloud, Dropbox, a network share). Each side
//! writes only its own encrypted update file there, under a fixed name that
//! names nothing (`<pair tag>.<role>.trellis-sync`), and reads the
//! partner's. The desktop shell does this at start, when the window gains
//! focus and when the partner's file changes; the CLI with
//! `trellis sync folder now`.

use crate::error::{Clash, ErrorReport, ShareHint};
use std::path::{Path, PathBuf};

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::peer::{hex, load_peer};
use super::{export_to, frame, import_file, Imported, Written, EXTENSION, MAX_FOLDER_FILES};
use crate::id::PairId;
use crate::pair::{self, Role};
use crate::{time, Db, Error, Reason, Result};

/// A pair's shared folder, and its last exchange.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SyncFolder {
    pub pair_id: PairId,
    /// The folder, on this machine.
    pub path: String,
    /// This side's file in it (a name that says nothing about the pair).
    pub my_file: String,
    /// The partner's file in it.
    pub partner_file: String,
    /// When Trellis last exchanged files through it.
    pub last_sync_at: Option<String>,
    /// Why the last exchange failed or the partner's file was refused (the
    /// error as a program reads it, so the window words it in its language).
    pub last_error: Option<ErrorReport>,
}

/// What one exchange through a shared folder did.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FolderSync {
    pub pair_id: PairId,
    /// The partner's file, imported (None: there was none yet, or it was refused).
    pub imported: Option<Imported>,
    /// Why the partner's file was refused (nothing of it was written).
    pub refused: Option<ErrorReport>,
    /// This side's file, written (None: it could not be; see `error`).
    pub written: Option<Written>,
    /// Why this side's file was not written.
    pub error: Option<ErrorReport>,
    pub at: String,
}

/// The two file names of a pair in a shared folder: mine and the partner's.
fn file_names(db: &Db, pair_id: PairId) -> Result<(String, String)> {
    db.read(|c| {
        let p = pair::load(c, pair_id)?;
        let peer = load_peer(c, pair_id)?.ok_or_else(|| {
            Error::Conflict(Clash::PairNotShared {
                hint: ShareHint::Invite,
            })
        })?;
        let (s, k) = peer.keys()?;
        let tag = hex(&frame::pair_tag(&frame::public_of(&s), &k));
        let name = |r: Role| format!("{tag}.{}.{EXTENSION}", r.as_str());
        Ok((name(p.my_role), name(p.my_role.partner())))
    })
}

fn real(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// Choose the shared folder of a pair. Refused when it is not a folder,
/// when the pair is not paired yet, or when the folder is the data folder,
/// inside it or holds it: the live database never sits in a synced folder.
pub fn set_folder(db: &Db, pair_id: PairId, dir: &Path) -> Result<SyncFolder> {
    if !dir.is_dir() {
        return Err(Error::invalid(
            "folder",
            Reason::NotAFolder {
                path: dir.display().to_string(),
            },
        ));
    }
    let dir = real(dir);
    if let Some(data) = db.path().and_then(Path::parent).map(real) {
        if dir.starts_with(&data) || data.starts_with(&dir) {
            return Err(Error::invalid(
                "folder",
                Reason::DataFolder {
                    path: dir.display().to_string(),
                },
            ));
        }
    }
    let path = dir.to_str().ok_or_else(|| {
        Error::invalid(
            "folder",
            Reason::UnusablePath {
                path: dir.display().to_string(),
            },
        )
    })?;
    file_names(db, pair_id)?;
    let now = time::stamp(time::now());
    db.read(|c| {
        c.prepare_cached(
            "INSERT INTO sync_folder (pair_id, path, set_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (pair_id) DO UPDATE SET path = excluded.path, set_at = excluded.set_at,
                 last_sync_at = NULL, last_error = NULL",
        )?
        .execute(params![pair_id, path, now])?;
        Ok(())
    })?;
    folder(db, pair_id)?.ok_or_else(|| Error::not_found("shared folder", pair_id.to_string()))
}

/// Stop syncing a pair through its folder (the files there stay).
pub fn clear_folder(db: &Db, pair_id: PairId) -> Result<()> {
    db.read(|c| {
        pair::load(c, pair_id)?;
        c.prepare_cached("DELETE FROM sync_folder WHERE pair_id = ?1")?
            .execute([pair_id])?;
        Ok(())
    })
}

/// A pair's shared folder, if it has one.
pub fn folder(db: &Db, pair_id: PairId) -> Result<Option<SyncFolder>> {
    let row: Option<(String, Option<String>, Option<String>)> = db.read(|c| {
        pair::load(c, pair_id)?;
        Ok(c.prepare_cached(
            "SELECT path, last_sync_at, last_error FROM sync_folder WHERE pair_id = ?1",
        )?
        .query_row([pair_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?)
    })?;
    let Some((path, last_sync_at, last_error)) = row else {
        return Ok(None);
    };
    // A pair re-paired since keeps its folder; its names follow the new keys.
    let (my_file, partner_file) = file_names(db, pair_id).unwrap_or_default();
    Ok(Some(SyncFolder {
        pair_id,
        path,
        my_file,
        partner_file,
        last_sync_at,
        last_error: last_error.as_deref().map(ErrorReport::from_stored),
    }))
}

/// Every pair's shared folder.
pub fn folders(db: &Db) -> Result<Vec<SyncFolder>> {
    let ids: Vec<PairId> = db.read(|c| {
        let mut st = c.prepare_cached("SELECT pair_id FROM sync_folder ORDER BY pair_id")?;
        let rows = st.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    })?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids.into_iter().take(MAX_FOLDER_FILES) {
        out.extend(folder(db, id)?);
    }
    Ok(out)
}

fn record(db: &Db, pair_id: PairId, at: &str, error: Option<&ErrorReport>) -> Result<()> {
    let error = error.map(ErrorReport::to_stored);
    db.read(|c| {
        c.prepare_cached(
            "UPDATE sync_folder SET last_sync_at = ?2, last_error = ?3 WHERE pair_id = ?1",
        )?
        .execute(params![pair_id, at, error])?;
        Ok(())
    })
}

/// The partner's file of a pair's folder, imported if it is there. `None`:
/// no such file yet. A refused file writes nothing of itself.
pub fn receive_from_folder(db: &Db, pair_id: PairId) -> Result<Option<Result<Imported>>> {
    let f = folder(db, pair_id)?.ok_or_else(|| Error::Conflict(Clash::NoSharedFolder))?;
    let file = Path::new(&f.path).join(&f.partner_file);
    if f.partner_file.is_empty() || !file.is_file() {
        return Ok(None);
    }
    let r = import_file(db, &file);
    let at = time::stamp(time::now());
    record(
        db,
        pair_id,
        &at,
        r.as_ref().err().map(Error::report).as_ref(),
    )?;
    Ok(Some(r))
}

/// One exchange through a pair's shared folder: import the partner's file
/// (if there), then write mine with everything this side knows. A refused
/// partner file is reported, and changes nothing; mine is written anyway.
pub fn sync_folder(db: &Db, pair_id: PairId) -> Result<FolderSync> {
    let received = receive_from_folder(db, pair_id)?;
    let (imported, refused) = match received {
        None => (None, None),
        Some(Ok(i)) => (Some(i), None),
        Some(Err(e)) => (None, Some(e.report())),
    };
    let f = folder(db, pair_id)?
        .ok_or_else(|| Error::not_found("shared folder", pair_id.to_string()))?;
    let dir = Path::new(&f.path);
    let written = if dir.is_dir() {
        export_to(db, pair_id, &dir.join(&f.my_file))
    } else {
        Err(Error::Conflict(Clash::SharedFolderMissing {
            folder: f.path.clone(),
        }))
    };
    let error = written.as_ref().err().map(Error::report);
    let at = time::stamp(time::now());
    record(db, pair_id, &at, error.as_ref().or(refused.as_ref()))?;
    Ok(FolderSync {
        pair_id,
        imported,
        refused,
        written: written.ok(),
        error,
        at,
    })
}

/// [`sync_folder`] for every pair that has a shared folder.
pub fn sync_folders(db: &Db) -> Result<Vec<FolderSync>> {
    folders(db)?
        .into_iter()
        .map(|f| sync_folder(db, f.pair_id))
        .collect()
}

/// The pair whose partner file `path` is, for a watcher that saw it change.
pub fn pair_of_partner_file(db: &Db, path: &Path) -> Result<Option<PairId>> {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return Ok(None);
    };
    Ok(folders(db)?
        .into_iter()
        .find(|f| {
            f.partner_file == name
                && real(Path::new(&f.path)) == real(path.parent().unwrap_or(path))
        })
        .map(|f| f.pair_id))
}
