//! Helpers shared by the core tests: fresh databases, ready-made inputs, and a
//! full dump of the store to prove that refused input wrote nothing.

use std::fmt::{Debug, Write as _};
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::types::ValueRef;
use trellis_core::action::NewAction;
use trellis_core::id::PairId;
use trellis_core::meeting::NewMeeting;
use trellis_core::note::{Attachment, NewNote, Visibility};
use trellis_core::pair::{self, NewPair, Pair, Role};
use trellis_core::{Db, Error, ErrorKind, Result};

/// The program and cohort most tests use (built into Trellis).
pub const PROGRAM: &str = "openstack-mentoring";
pub const COHORT: &str = "first-patch";

/// A fresh, migrated, private database.
pub fn db() -> Db {
    Db::open_in_memory().unwrap()
}

/// A valid pair form: I am the mentee, both in UTC, every two weeks.
pub fn new_pair(partner: &str) -> NewPair {
    NewPair {
        my_role: Some(Role::Mentee),
        partner_name: partner.into(),
        program_id: PROGRAM.into(),
        cohort_id: COHORT.into(),
        match_date: date("2026-03-01"),
        my_tz: chrono_tz::UTC,
        partner_tz: chrono_tz::UTC,
        cadence_days: 14,
        own_criteria: vec![],
    }
}

/// Add a valid pair with the given partner name.
pub fn add_pair(db: &Db, partner: &str) -> Pair {
    pair::add(db, new_pair(partner)).unwrap()
}

/// An instant written in RFC 3339.
pub fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// A calendar date written YYYY-MM-DD.
pub fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// An IANA time zone by its name.
pub fn tz(s: &str) -> chrono_tz::Tz {
    s.parse().unwrap()
}

/// A time as a person gives it: RFC 3339, or `YYYY-MM-DD HH:MM` in their zone.
pub fn when(s: &str) -> trellis_core::time::When {
    trellis_core::time::When::parse(s).unwrap()
}

/// Today's date in UTC, the zone of the pairs made by [`new_pair`].
pub fn today() -> NaiveDate {
    trellis_core::time::now().date_naive()
}

/// A meeting form starting at `starts_at`, one hour, nothing else.
pub fn meeting_at(starts_at: &str) -> NewMeeting {
    NewMeeting {
        starts_at: when(starts_at),
        duration_min: Some(60),
        ..NewMeeting::default()
    }
}

pub fn action(text: &str, owner: Role, due: Option<&str>) -> NewAction {
    NewAction {
        text: text.into(),
        owner,
        due_date: due.map(date),
    }
}

pub fn note(body: &str, visibility: Visibility, attach: Attachment) -> NewNote {
    NewNote {
        body: body.into(),
        visibility,
        attach,
    }
}

/// The error of a call that must fail.
pub fn err<T: Debug>(r: Result<T>) -> Error {
    match r {
        Ok(v) => panic!("expected an error, got {v:?}"),
        Err(e) => e,
    }
}

/// Run `f`, which must fail with `kind`, and prove that the database is
/// exactly as it was before. Returns the error for further checks.
pub fn refused<T: Debug>(db: &Db, kind: ErrorKind, f: impl FnOnce() -> Result<T>) -> Error {
    let before = snapshot(db);
    let e = err(f());
    assert_eq!(e.kind(), kind, "wrong kind of error: {e}");
    assert_eq!(
        snapshot(db),
        before,
        "a refused call changed the database ({e})"
    );
    e
}

/// Every table of the database (FTS shadow tables included), each row of it
/// in id order, as text. Two equal snapshots mean the store is unchanged.
pub fn snapshot(db: &Db) -> String {
    db.read(|c| {
        let mut out = String::new();
        let version: i64 = c.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let _ = writeln!(out, "user_version = {version}");
        let tables: Vec<String> = {
            let mut st = c.prepare(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                 ORDER BY name",
            )?;
            let rows = st.query_map([], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        for t in tables {
            let quoted = format!("\"{}\"", t.replace('"', "\"\""));
            let n = c
                .prepare(&format!("SELECT * FROM {quoted} LIMIT 0"))?
                .column_count();
            let order: Vec<String> = (1..=n).map(|i| i.to_string()).collect();
            let mut st = c.prepare(&format!(
                "SELECT * FROM {quoted} ORDER BY {}",
                order.join(", ")
            ))?;
            let _ = writeln!(out, "[{t}]");
            let mut rows = st.query([])?;
            while let Some(row) = rows.next()? {
                let cells: Vec<String> = (0..n)
                    .map(|i| match row.get_ref(i) {
                        Ok(ValueRef::Null) => "NULL".to_string(),
                        Ok(ValueRef::Integer(v)) => v.to_string(),
                        Ok(ValueRef::Real(v)) => v.to_string(),
                        Ok(ValueRef::Text(v)) => format!("{:?}", String::from_utf8_lossy(v)),
                        Ok(ValueRef::Blob(v)) => {
                            v.iter().map(|b| format!("{b:02x}")).collect::<String>()
                        }
                        Err(e) => format!("<{e}>"),
                    })
                    .collect();
                let _ = writeln!(out, "{}", cells.join(" | "));
            }
        }
        Ok(out)
    })
    .unwrap()
}

/// The number of rows of one table.
pub fn count(db: &Db, table: &str) -> i64 {
    db.read(|c| {
        Ok(
            c.query_row(&format!("SELECT COUNT(*) FROM \"{table}\""), [], |r| {
                r.get(0)
            })?,
        )
    })
    .unwrap()
}

/// The search-index rows that belong to a pair, read directly from the index.
pub fn indexed_rows(db: &Db, pair: PairId) -> i64 {
    db.read(|c| {
        Ok(c.query_row(
            "SELECT COUNT(*) FROM search_index WHERE pair_id = ?1",
            [pair.to_string()],
            |r| r.get(0),
        )?)
    })
    .unwrap()
}

/// Every file under `dir`, in every subfolder, sorted (the canary tests
/// read each one).
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Reminders on at any hour (no quiet hours), the other settings as by default.
pub fn reminders_at_any_hour(db: &Db) {
    trellis_core::reminder::set_settings(
        db,
        trellis_core::reminder::ReminderSettings {
            quiet: false,
            ..Default::default()
        },
    )
    .unwrap();
}

/// The rules the generated TypeScript binding `ui/src/bindings/<name>.ts`
/// declares (`"rule": "x"`).
pub fn rules_in_binding(name: &str) -> std::collections::BTreeSet<String> {
    let path = format!(
        "{}/../../ui/src/bindings/{name}.ts",
        env!("CARGO_MANIFEST_DIR")
    );
    let ts = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    ts.split("\"rule\": \"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().to_owned())
        .collect()
}

/// A one-off meeting of an hour at `starts`, scheduled as of `now`.
pub fn schedule_at(db: &Db, pair: PairId, starts: &str, now: DateTime<Utc>) {
    trellis_core::schedule::schedule(
        db,
        pair,
        trellis_core::schedule::NewSchedule {
            starts_at: at(starts),
            minutes: 60,
            recurs: false,
        },
        now,
    )
    .unwrap();
}
