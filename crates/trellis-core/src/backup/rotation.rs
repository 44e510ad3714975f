//! Which backups are kept: the rotation of the automatic ones ([`keep`]),
//! and deleting one backup or all older than some days ([`delete`],
//! [`prune`]).

use std::collections::HashSet;
use std::fs;
use std::path::Path;

use chrono::{DateTime, Datelike, Utc};

use super::{dir, list, parse_name, wal_of, Backup, KEEP_DAILY, KEEP_WEEKLY};
use crate::{file, Error, Reason, Result};

/// The rotation rule, on backups in any order: the names of the automatic
/// backups to keep. Like restic's `--keep-daily 7 --keep-weekly 4`:
/// - for each of the [`KEEP_DAILY`] most recent UTC days that have an
///   automatic backup, the newest backup of that day;
/// - for each of the [`KEEP_WEEKLY`] most recent ISO weeks that have an
///   automatic backup, the newest backup of that week (often one already
///   kept as a daily one).
///
/// Every other automatic backup is deleted. So at most 11 are kept (7 daily
/// plus up to 4 weekly, of which the newest week's, and often the one
/// before, are daily ones already), and the oldest kept is from about three
/// weeks back however often Trellis runs.
pub fn keep(backups: &[Backup]) -> HashSet<String> {
    let mut auto: Vec<&Backup> = backups.iter().filter(|b| b.kind.is_automatic()).collect();
    auto.sort_by(|a, b| {
        b.created_at
            .cmp(&a.created_at)
            .then_with(|| b.name.cmp(&a.name))
    });
    let mut kept = HashSet::new();
    let mut days = Vec::new();
    let mut weeks = Vec::new();
    for b in auto {
        let day = b.created_at.date_naive();
        if days.len() < KEEP_DAILY && !days.contains(&day) {
            days.push(day);
            kept.insert(b.name.clone());
        }
        let iso = day.iso_week();
        let week = (iso.year(), iso.week());
        if weeks.len() < KEEP_WEEKLY && !weeks.contains(&week) {
            weeks.push(week);
            kept.insert(b.name.clone());
        }
    }
    kept
}

/// Delete one backup (and the log beside it, if any).
pub fn delete(data_dir: &Path, name: &str) -> Result<Backup> {
    let Some((created_at, kind)) = parse_name(name) else {
        return Err(Error::invalid(
            "backup",
            Reason::NoSuchBackup {
                name: name.to_owned(),
            },
        ));
    };
    let dir = dir(data_dir);
    let path = dir.join(name);
    let bytes = match fs::metadata(&path) {
        Ok(m) if m.is_file() => m.len(),
        _ => return Err(Error::not_found("backup", name)),
    };
    fs::remove_file(&path)
        .map_err(|e| Error::io(crate::IoOp::Remove, format!("cannot delete {name}"), e))?;
    match fs::remove_file(wal_of(&path)) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => {
            return Err(Error::io(
                crate::IoOp::Remove,
                format!("cannot delete the log of {name}"),
                e,
            ))
        }
    }
    file::sync_dir(&dir)?;
    Ok(Backup {
        name: name.to_string(),
        kind,
        created_at,
        bytes,
    })
}

/// Delete every backup made more than `days` days before `now`, whatever
/// its kind, except the newest backup of all (so one always remains). The
/// backups deleted.
pub fn prune(data_dir: &Path, days: u32, now: DateTime<Utc>) -> Result<Vec<Backup>> {
    let cutoff = now - chrono::Duration::days(i64::from(days));
    let all = list(data_dir)?;
    let mut gone = Vec::new();
    for b in all.iter().skip(1).filter(|b| b.created_at < cutoff) {
        gone.push(delete(data_dir, &b.name)?);
    }
    Ok(gone)
}

/// Delete the automatic backups that [`keep`] does not keep.
pub(super) fn rotate(data_dir: &Path) -> Result<()> {
    let all = list(data_dir)?;
    let kept = keep(&all);
    let dir = dir(data_dir);
    for b in all.iter().filter(|b| b.kind.is_automatic()) {
        if !kept.contains(&b.name) {
            match fs::remove_file(dir.join(&b.name)) {
                Ok(()) => {}
                // Another Trellis rotated it away first.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => {
                    return Err(Error::io(
                        crate::IoOp::Remove,
                        format!("cannot delete old backup {}", b.name),
                        e,
                    ))
                }
            }
        }
    }
    Ok(())
}
