//! Automatic and manual backups, rotation, and restore.

use std::fs;
use std::path::Path;

use chrono::{Datelike, Duration, Utc};
use rusqlite::Connection;
use trellis_core::backup::{self, Backup, BackupKind};
use trellis_core::db::{DB_FILE, SCHEMA_VERSION};
use trellis_core::{pair, Db, ErrorKind};

use super::files_in;
use crate::util::*;

fn kinds(dir: &Path) -> Vec<BackupKind> {
    backup::list(dir).unwrap().iter().map(|b| b.kind).collect()
}

/// A backup file name for an instant, as Trellis spells them.
fn name_at(at: chrono::DateTime<Utc>, kind: &str) -> String {
    format!("trellis-{}-{kind}.db", at.format("%Y-%m-%dT%H-%M-%S%.3fZ"))
}

fn partners(dir: &Path) -> Vec<String> {
    let db = Db::open_data_dir(dir).unwrap();
    let mut v: Vec<String> = pair::list(&db)
        .unwrap()
        .into_iter()
        .map(|p| p.partner_name)
        .collect();
    v.sort();
    v
}

fn partners_in_file(path: &Path) -> Vec<String> {
    let c = Connection::open(path).unwrap();
    let mut st = c
        .prepare("SELECT partner_name FROM pair ORDER BY partner_name")
        .unwrap();
    let rows = st.query_map([], |r| r.get(0)).unwrap();
    rows.collect::<rusqlite::Result<_>>().unwrap()
}

/// Open a data dir and make the day's backup, as the shells do after
/// their first screen or output.
fn open_and_back_up(dir: &Path) -> Db {
    let db = Db::open_data_dir(dir).unwrap();
    backup::daily(&db).unwrap();
    db
}

#[test]
fn a_new_or_empty_database_gets_no_automatic_backup() {
    let tmp = tempfile::tempdir().unwrap();
    drop(open_and_back_up(tmp.path()));
    drop(open_and_back_up(tmp.path()));
    assert!(backup::list(tmp.path()).unwrap().is_empty());
    assert_eq!(files_in(&backup::dir(tmp.path())), Vec::<String>::new());
}

#[test]
fn a_database_with_data_is_backed_up_once_a_day() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let db = Db::open_data_dir(dir).unwrap();
    add_pair(&db, "Ada");
    assert!(
        backup::list(dir).unwrap().is_empty(),
        "opening makes no daily backup: the shells ask for it after start-up"
    );
    let made = backup::daily(&db).unwrap().expect("the day's backup");
    assert_eq!(made.kind, BackupKind::Daily);
    drop(db);
    let db = Db::open_data_dir(dir).unwrap();
    assert_eq!(backup::daily(&db).unwrap(), None, "one a day");
    drop(db);
    let list = backup::list(dir).unwrap();
    assert_eq!(kinds(dir), [BackupKind::Daily], "{list:?}");
    assert_eq!(
        list[0].created_at.date_naive(),
        trellis_core::time::now().date_naive()
    );
    // A plain, verified SQLite file in rollback-journal mode, with the data.
    let path = backup::dir(dir).join(&list[0].name);
    assert_eq!(partners_in_file(&path), ["Ada"]);
    let c = Connection::open(&path).unwrap();
    let mode: String = c
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete");
    drop(c);
    assert_eq!(files_in(&backup::dir(dir)), [list[0].name.clone()]);
}

#[test]
fn the_daily_backup_is_made_again_when_the_newest_is_from_an_earlier_day() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let db = Db::open_data_dir(dir).unwrap();
    add_pair(&db, "Ada");
    let manual = backup::now(&db).unwrap();
    drop(db);
    // Yesterday's automatic backup: today has none yet (manual ones do not count).
    fs::rename(
        backup::dir(dir).join(&manual.name),
        backup::dir(dir).join(name_at(
            trellis_core::time::now() - Duration::days(1),
            "daily",
        )),
    )
    .unwrap();
    drop(open_and_back_up(dir));
    assert_eq!(kinds(dir), [BackupKind::Daily, BackupKind::Daily]);
}

#[test]
fn rotation_at_open_keeps_seven_days_and_four_weeks_and_every_manual_backup() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let db = Db::open_data_dir(dir).unwrap();
    add_pair(&db, "Ada");
    let manual = backup::now(&db).unwrap();
    drop(db);
    let bdir = backup::dir(dir);
    let bytes = fs::read(bdir.join(&manual.name)).unwrap();
    // An old manual backup and 40 days of daily ones, the last yesterday.
    let now = trellis_core::time::now();
    fs::write(
        bdir.join(name_at(now - Duration::days(400), "manual")),
        &bytes,
    )
    .unwrap();
    let mut planted: Vec<Backup> = Vec::new();
    for d in 1..=40 {
        let at = now - Duration::days(d);
        fs::write(bdir.join(name_at(at, "daily")), &bytes).unwrap();
        planted.push(Backup {
            name: name_at(at, "daily"),
            kind: BackupKind::Daily,
            created_at: at,
            bytes: 0,
        });
    }
    drop(open_and_back_up(dir));
    let list = backup::list(dir).unwrap();
    let manual_left = list.iter().filter(|b| b.kind == BackupKind::Manual).count();
    assert_eq!(manual_left, 2, "manual backups are never rotated away");
    let auto: Vec<&Backup> = list.iter().filter(|b| b.kind.is_automatic()).collect();
    // Today's plus what the rule keeps of the planted ones, computed independently:
    // six more days, then the newest of each older ISO week up to four weeks.
    let today = now.date_naive();
    let mut weeks = vec![today.iso_week()];
    let mut expected = vec![today];
    for p in &planted {
        let d = p.created_at.date_naive();
        let w = d.iso_week();
        if expected.len() < 7 {
            expected.push(d);
            if !weeks.contains(&w) {
                weeks.push(w);
            }
        } else if weeks.len() < 4 && !weeks.contains(&w) {
            weeks.push(w);
            expected.push(d);
        }
    }
    let mut got: Vec<_> = auto.iter().map(|b| b.created_at.date_naive()).collect();
    got.sort();
    expected.sort();
    assert_eq!(got, expected);
    assert!(auto.len() <= 11 && auto.len() >= 8, "{}", auto.len());
}

#[test]
fn a_database_with_data_is_backed_up_before_a_migration() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let path = dir.join(DB_FILE);
    let old = Db::open_at_version(&path, 1).unwrap();
    old.write(|tx| {
        tx.execute(
            "INSERT INTO pack (program_id, version, name, source, imported_at)
             VALUES ('tiny', '1', 'Tiny', 'x', '2026-01-01T00:00:00Z')",
            [],
        )?;
        Ok(())
    })
    .unwrap();
    drop(old);
    let db = open_and_back_up(dir);
    let v: i64 = db
        .read(|c| Ok(c.pragma_query_value(None, "user_version", |r| r.get(0))?))
        .unwrap();
    assert_eq!(v, SCHEMA_VERSION as i64);
    drop(db);
    // The pre-migration backup is today's automatic one: no daily besides it.
    let list = backup::list(dir).unwrap();
    assert_eq!(kinds(dir), [BackupKind::PreMigration]);
    let c = Connection::open(backup::dir(dir).join(&list[0].name)).unwrap();
    let v: i64 = c
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, 1, "the backup holds the database as it was before");
}

#[test]
fn a_migration_is_not_run_when_its_backup_cannot_be_made() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let path = dir.join(DB_FILE);
    let old = Db::open_at_version(&path, 1).unwrap();
    old.write(|tx| {
        tx.execute(
            "INSERT INTO pack (program_id, version, name, source, imported_at)
             VALUES ('tiny', '1', 'Tiny', 'x', '2026-01-01T00:00:00Z')",
            [],
        )?;
        Ok(())
    })
    .unwrap();
    drop(old);
    // A file where the backups folder should be.
    fs::write(backup::dir(dir), b"in the way").unwrap();
    let e = err(Db::open_data_dir(dir));
    assert!(e.to_string().contains("before upgrading"), "{e}");
    let c = Connection::open(&path).unwrap();
    let v: i64 = c
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, 1, "migrated without a backup");
}

#[test]
fn a_failed_daily_backup_does_not_stop_the_database_from_opening() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let db = Db::open_data_dir(dir).unwrap();
    add_pair(&db, "Ada");
    drop(db);
    fs::write(backup::dir(dir), b"in the way").unwrap();
    let db = Db::open_data_dir(dir).unwrap();
    let e = err(backup::daily(&db));
    assert!(e.to_string().contains("backups"), "{e}");
    assert_eq!(pair::list(&db).unwrap().len(), 1);
    add_pair(&db, "Grace");
    assert_eq!(pair::list(&db).unwrap().len(), 2);
}

#[test]
fn restoring_keeps_the_current_database_as_a_backup_then_replaces_it() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let db = Db::open_data_dir(dir).unwrap();
    add_pair(&db, "Ada");
    let b = backup::now(&db).unwrap();
    assert_eq!(b.kind, BackupKind::Manual);
    add_pair(&db, "Grace");
    drop(db);

    let r = backup::restore(dir, &b.name).unwrap();
    assert_eq!(r.restored.name, b.name);
    assert_eq!(partners(dir), ["Ada"]);
    let saved = r.saved_current.unwrap();
    assert_eq!(saved.kind, BackupKind::PreRestore);
    assert_eq!(
        partners_in_file(&backup::dir(dir).join(&saved.name)),
        ["Ada", "Grace"]
    );
    // And back again: nothing is ever lost by restoring.
    backup::restore(dir, &saved.name).unwrap();
    assert_eq!(partners(dir), ["Ada", "Grace"]);
}

#[test]
fn restoring_an_unknown_or_malformed_name_is_refused_and_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let db = Db::open_data_dir(dir).unwrap();
    add_pair(&db, "Ada");
    drop(db);
    let before = fs::read(dir.join(DB_FILE)).unwrap();
    let e = err(backup::restore(dir, "../trellis.db"));
    assert_eq!(e.kind(), ErrorKind::Invalid, "{e}");
    let e = err(backup::restore(
        dir,
        "trellis-2020-01-01T00-00-00.000Z-daily.db",
    ));
    assert_eq!(e.kind(), ErrorKind::NotFound, "{e}");
    assert_eq!(fs::read(dir.join(DB_FILE)).unwrap(), before);
}

#[test]
fn a_damaged_or_newer_backup_is_refused_and_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let db = Db::open_data_dir(dir).unwrap();
    add_pair(&db, "Ada");
    let good = backup::now(&db).unwrap();
    drop(db);
    let bdir = backup::dir(dir);
    let bytes = fs::read(bdir.join(&good.name)).unwrap();

    let damaged = name_at(trellis_core::time::now() - Duration::days(3), "manual");
    let mut bad = bytes.clone();
    for b in &mut bad[4096..8192] {
        *b = 0x5A;
    }
    fs::write(bdir.join(&damaged), bad).unwrap();

    let newer = name_at(trellis_core::time::now() - Duration::days(2), "manual");
    fs::write(bdir.join(&newer), &bytes).unwrap();
    let c = Connection::open(bdir.join(&newer)).unwrap();
    c.pragma_update(None, "user_version", 99).unwrap();
    drop(c);

    let before = fs::read(dir.join(DB_FILE)).unwrap();
    let backups_before = files_in(&bdir);
    let e = err(backup::restore(dir, &damaged));
    assert_eq!(e.kind(), ErrorKind::Format, "{e}");
    assert!(e.to_string().contains("damaged"), "{e}");
    let e = err(backup::restore(dir, &newer));
    assert_eq!(e.kind(), ErrorKind::Conflict, "{e}");
    assert!(e.to_string().contains("newer Trellis"), "{e}");
    assert_eq!(fs::read(dir.join(DB_FILE)).unwrap(), before);
    assert_eq!(files_in(&bdir), backups_before);
}

#[test]
fn a_restore_into_a_data_dir_without_a_database_needs_no_copy_of_it() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    let db = Db::open_data_dir(&a).unwrap();
    add_pair(&db, "Ada");
    let b = backup::now(&db).unwrap();
    drop(db);
    let fresh = tmp.path().join("b");
    fs::create_dir_all(backup::dir(&fresh)).unwrap();
    fs::copy(
        backup::dir(&a).join(&b.name),
        backup::dir(&fresh).join(&b.name),
    )
    .unwrap();
    let r = backup::restore(&fresh, &b.name).unwrap();
    assert_eq!(r.saved_current, None);
    assert_eq!(partners(&fresh), ["Ada"]);
}

#[test]
fn an_in_memory_database_cannot_be_backed_up() {
    let e = err(backup::now(&db()));
    assert_eq!(e.kind(), ErrorKind::Invalid);
}
