//! Calendars: what a pair has coming as iCalendar files (RFC 5545) that a
//! calendar program imports — the scheduled meeting (and its series), the
//! check-in window and the action items' due dates — each with a reminder;
//! and a per-pair `.ics` file that Trellis keeps up to date in a folder the
//! person picked, for calendars that watch or re-import a file.
//!
//! Meeting times are in UTC; a recurring meeting lists its next times
//! (RDATE), each computed here so that it keeps the scheduler's wall clock
//! across DST changes. Check-in windows and due dates are whole days (DATE
//! values, the person's own days). Nothing private goes in: no agenda, no
//! notes, no check-in answers; titles name the partner and the kind of
//! event, and an action item by its text, which both partners share.

use crate::error::{Clash, ErrorReport};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Days, Duration, NaiveDate, Utc};
use icalendar::{Alarm, Calendar, Component, Event, EventLike, Property};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::action::ActionItem;
use crate::db::Db;
use crate::id::{ActionId, PairId};
use crate::pair::Pair;
use crate::schedule::{self, Slot};
use crate::status::CHECKIN_NOTICE_DAYS;
use crate::{action, checkin, file, pack, pair, time, Error, Reason, Result};

/// How long before a meeting the calendar reminds.
pub const REMINDER_MINUTES: i64 = 15;

/// How many times of a recurring meeting the file lists after the first.
pub const SERIES_AHEAD: usize = 12;

/// When an action item's reminder comes, from the start of its due day:
/// 09:00 the day before.
pub const DUE_REMINDER: Duration = Duration::hours(-15);

/// When a check-in window's reminder comes, from the start of the day it
/// opens: 09:00 that day.
pub const CHECKIN_REMINDER: Duration = Duration::hours(9);

fn ics_utc(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A display reminder; its UID and DTSTAMP are set here (the builder would
/// make a random UID), so that the same data gives the same file.
fn reminder(uid: &str, text: &str, trigger: Duration, now: DateTime<Utc>) -> Alarm {
    let mut alarm = Alarm::display(text, trigger);
    alarm.uid(&format!("{uid}-reminder")).timestamp(now);
    alarm
}

fn calendar_text(events: Vec<Event>) -> String {
    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", "-//Trellis//Trellis//EN"))
        .append_property(Property::new("CALSCALE", "GREGORIAN"));
    for e in events {
        cal.push(e);
    }
    cal.done().to_string()
}

/// The scheduled meeting of a pair (with its series), if one is scheduled.
fn meeting_event(db: &Db, p: &Pair, now: DateTime<Utc>) -> Result<Option<Event>> {
    let s = schedule::get(db, p.id)?;
    let Some(next): Option<Slot> = s.next else {
        return Ok(None);
    };
    let uid = format!("{}-{}@trellis", p.id, next.starts_at.timestamp());
    let mut event = Event::new();
    event
        .uid(&uid)
        .timestamp(now)
        .summary(&format!("Mentoring: {}", p.partner_name))
        .description(&format!(
            "{} for you, {} for {}.",
            next.mine, next.theirs, p.partner_name
        ))
        .starts(next.starts_at)
        .ends(next.starts_at + Duration::minutes(i64::from(next.minutes)))
        .alarm(reminder(
            &uid,
            &format!(
                "Mentoring with {} in {REMINDER_MINUTES} minutes",
                p.partner_name
            ),
            -Duration::minutes(REMINDER_MINUTES),
            now,
        ));
    if s.recurs {
        let zone = match s.recur_zone.as_deref() {
            Some(z) => time::parse_tz("zone", z)?,
            None => time::parse_tz("my time zone", &s.my_tz)?,
        };
        let mut at = next.starts_at;
        let mut times = Vec::with_capacity(SERIES_AHEAD);
        for _ in 0..SERIES_AHEAD {
            at = schedule::next_occurrence(at, zone, p.cadence_days);
            times.push(ics_utc(at));
        }
        event.add_property("RDATE", times.join(","));
    }
    Ok(Some(event.done()))
}

/// Check-in `number`'s window: whole days from the day its questions open
/// to its due day, with a reminder the morning it opens. Its answers are
/// not in it.
fn checkin_event(p: &Pair, number: u32, due_on: NaiveDate, now: DateTime<Utc>) -> Event {
    let opens_on = due_on - Days::new(CHECKIN_NOTICE_DAYS.unsigned_abs());
    let uid = format!("{}-checkin-{number}@trellis", p.id);
    Event::new()
        .uid(&uid)
        .timestamp(now)
        .summary(&format!("Check-in {number} opens — {}", p.partner_name))
        .description(&format!(
            "The mentoring check-in with {} is open from {opens_on} and due on {due_on}. \
             Answer it in Trellis.",
            p.partner_name
        ))
        .starts(opens_on)
        .ends(due_on + Days::new(1))
        .alarm(reminder(
            &uid,
            &format!("Check-in {number} with {} opens today", p.partner_name),
            CHECKIN_REMINDER,
            now,
        ))
        .done()
}

/// An open action item's due day, with a reminder the day before; `None`
/// for one without a due date, or done.
fn action_event(p: &Pair, a: &ActionItem, now: DateTime<Utc>) -> Option<Event> {
    let due = a.due_date.filter(|_| !a.done)?;
    let owner = if a.owner == p.my_role {
        "you".to_string()
    } else {
        p.partner_name.clone()
    };
    let uid = format!("{}-due@trellis", a.id);
    Some(
        Event::new()
            .uid(&uid)
            .timestamp(now)
            .summary(&format!("Due: {}", a.text))
            .description(&format!(
                "Action item for {owner}, mentoring with {}.",
                p.partner_name
            ))
            .starts(due)
            .ends(due + Days::new(1))
            .alarm(reminder(
                &uid,
                &format!("Due tomorrow: {}", a.text),
                DUE_REMINDER,
                now,
            ))
            .done(),
    )
}

/// Check-ins of the pair's schedule whose survey file was not written yet,
/// with their due days (whatever today is, so that the file changes only
/// when the data does).
fn open_checkins(db: &Db, p: &Pair) -> Result<Vec<(u32, NaiveDate)>> {
    let pk = pack::get(db, &p.program_id)?;
    let exported = db.read(|c| checkin::exported_numbers(c, p.id))?;
    Ok(pk
        .checkin
        .days_after_match
        .iter()
        .enumerate()
        .map(|(i, d)| (i as u32 + 1, p.match_date + Days::new(u64::from(*d))))
        .filter(|(n, _)| !exported.contains(n))
        .collect())
}

/// The pair's scheduled meeting (and, if it recurs, its next times) as the
/// text of an `.ics` file. `now` is the file's DTSTAMP.
pub fn meeting_ics(db: &Db, pair_id: PairId, now: DateTime<Utc>) -> Result<String> {
    let p = pair::get(db, pair_id)?;
    let event =
        meeting_event(db, &p, now)?.ok_or_else(|| Error::Conflict(Clash::NoMeetingScheduled))?;
    Ok(calendar_text(vec![event]))
}

/// The window of the pair's check-in that is due or coming up (as the home
/// screen counts it) as the text of an `.ics` file.
pub fn checkin_ics(db: &Db, pair_id: PairId, now: DateTime<Utc>) -> Result<String> {
    let p = pair::get(db, pair_id)?;
    let due =
        checkin::due(db, pair_id, now)?.ok_or_else(|| Error::Conflict(Clash::NoCheckinDue))?;
    Ok(calendar_text(vec![checkin_event(
        &p, due.number, due.due_on, now,
    )]))
}

/// An open action item's due date as the text of an `.ics` file.
pub fn action_ics(db: &Db, action_id: ActionId, now: DateTime<Utc>) -> Result<String> {
    let a = action::get(db, action_id)?;
    let p = pair::get(db, a.pair_id)?;
    if a.done {
        return Err(Error::Conflict(Clash::ActionItemDone));
    }
    let event =
        action_event(&p, &a, now).ok_or_else(|| Error::Conflict(Clash::ActionItemUndated))?;
    Ok(calendar_text(vec![event]))
}

/// Everything a pair has coming, as the text of one `.ics` file: the
/// scheduled meeting with its series, the windows of the check-ins not yet
/// sent, and the due dates of the open action items.
pub fn pair_ics(db: &Db, pair_id: PairId, now: DateTime<Utc>) -> Result<String> {
    let p = pair::get(db, pair_id)?;
    let mut events: Vec<Event> = meeting_event(db, &p, now)?.into_iter().collect();
    for (number, due_on) in open_checkins(db, &p)? {
        events.push(checkin_event(&p, number, due_on, now));
    }
    for a in action::list(db, pair_id, true)? {
        events.extend(action_event(&p, &a, now));
    }
    Ok(calendar_text(events))
}

// ---- the pair's calendar file in a folder ----

/// The name of a pair's calendar file: `trellis-<partner>-<id tail>.ics`,
/// from letters and digits only (no separator, dot or drive letter can
/// reach the path), unique among the pairs.
pub fn file_name(p: &Pair) -> String {
    let mut slug = String::new();
    for ch in p.partner_name.chars().flat_map(char::to_lowercase) {
        if ch.is_alphanumeric() {
            slug.push(ch);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug: String = slug.chars().take(40).collect();
    let slug = slug.trim_end_matches('-');
    let id = p.id.to_string();
    let tail = &id[id.len().saturating_sub(8)..];
    format!(
        "trellis-{}-{tail}.ics",
        if slug.is_empty() { "pair" } else { slug }
    )
}

/// A calendar file written once.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WrittenCalendar {
    pub pair_id: PairId,
    pub path: String,
    pub bytes: u32,
}

/// A pair's calendar file that Trellis keeps up to date.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CalendarFile {
    pub pair_id: PairId,
    /// The folder, on this machine.
    pub folder: String,
    pub file_name: String,
    /// The file: the folder and the name.
    pub path: String,
    /// When Trellis last wrote it.
    pub written_at: Option<String>,
    /// Why the last rewrite failed (the change it followed was saved), as
    /// a program reads it, so the window words it in its language.
    pub last_error: Option<ErrorReport>,
    pub error_at: Option<String>,
}

/// The calendar's content, DTSTAMP aside: two texts that differ only in
/// when they were made hash the same.
fn content_hash(body: &str) -> String {
    let mut h = Sha256::new();
    for line in body.split("\r\n").filter(|l| !l.starts_with("DTSTAMP")) {
        h.update(line.as_bytes());
        h.update(b"\n");
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

fn real(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// The folder for a calendar file, checked: a folder, outside Trellis's
/// own data folder (whose files are Trellis's alone).
fn checked_folder(db: &Db, dir: &Path) -> Result<PathBuf> {
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
        if dir.starts_with(&data) {
            return Err(Error::invalid(
                "folder",
                Reason::DataFolder {
                    path: dir.display().to_string(),
                },
            ));
        }
    }
    Ok(dir)
}

fn written(pair_id: PairId, path: &Path, body: &str) -> WrittenCalendar {
    WrittenCalendar {
        pair_id,
        path: path.display().to_string(),
        bytes: u32::try_from(body.len()).unwrap_or(u32::MAX),
    }
}

/// Write a pair's calendar file into `dir` once (0600, atomically).
pub fn write_file(
    db: &Db,
    pair_id: PairId,
    dir: &Path,
    now: DateTime<Utc>,
) -> Result<WrittenCalendar> {
    let p = pair::get(db, pair_id)?;
    let dir = checked_folder(db, dir)?;
    let path = dir.join(file_name(&p));
    let body = pair_ics(db, pair_id, now)?;
    file::write_atomic(&path, body.as_bytes())?;
    Ok(written(pair_id, &path, &body))
}

/// Keep a pair's calendar file up to date in `dir` from now on: written now,
/// then rewritten after each change to what it holds (see [`follow`]).
/// When the first write fails, nothing is kept.
pub fn keep_file(db: &Db, pair_id: PairId, dir: &Path, now: DateTime<Utc>) -> Result<CalendarFile> {
    let p = pair::get(db, pair_id)?;
    let dir = checked_folder(db, dir)?;
    let folder = dir.to_str().ok_or_else(|| {
        Error::invalid(
            "folder",
            Reason::UnusablePath {
                path: dir.display().to_string(),
            },
        )
    })?;
    let name = file_name(&p);
    let body = pair_ics(db, pair_id, now)?;
    file::write_atomic(&dir.join(&name), body.as_bytes())?;
    let at = time::stamp(now);
    db.read(|c| {
        c.prepare_cached(
            "INSERT INTO calendar_file (pair_id, folder, file_name, set_at, content_hash, written_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?4)
             ON CONFLICT (pair_id) DO UPDATE SET folder = excluded.folder,
                 file_name = excluded.file_name, set_at = excluded.set_at,
                 content_hash = excluded.content_hash, written_at = excluded.written_at,
                 last_error = NULL, error_at = NULL",
        )?
        .execute(params![pair_id, folder, name, at, content_hash(&body)])?;
        Ok(())
    })?;
    kept_file(db, pair_id)?.ok_or_else(|| Error::not_found("calendar file", pair_id.to_string()))
}

/// Stop keeping a pair's calendar file up to date (the file stays).
pub fn stop_keeping(db: &Db, pair_id: PairId) -> Result<()> {
    db.read(|c| {
        pair::load(c, pair_id)?;
        c.prepare_cached("DELETE FROM calendar_file WHERE pair_id = ?1")?
            .execute([pair_id])?;
        Ok(())
    })
}

struct Kept {
    file: CalendarFile,
    content_hash: Option<String>,
}

fn load_kept(db: &Db, pair_id: PairId) -> Result<Option<Kept>> {
    db.read(|c| {
        Ok(c.prepare_cached(
            "SELECT folder, file_name, written_at, last_error, error_at, content_hash
             FROM calendar_file WHERE pair_id = ?1",
        )?
        .query_row([pair_id], |r| {
            let folder: String = r.get(0)?;
            let file_name: String = r.get(1)?;
            Ok(Kept {
                file: CalendarFile {
                    pair_id,
                    path: Path::new(&folder).join(&file_name).display().to_string(),
                    folder,
                    file_name,
                    written_at: r.get(2)?,
                    last_error: r
                        .get::<_, Option<String>>(3)?
                        .as_deref()
                        .map(ErrorReport::from_stored),
                    error_at: r.get(4)?,
                },
                content_hash: r.get(5)?,
            })
        })
        .optional()?)
    })
}

/// A pair's kept calendar file, if it keeps one.
pub fn kept_file(db: &Db, pair_id: PairId) -> Result<Option<CalendarFile>> {
    db.read(|c| pair::load(c, pair_id).map(drop))?;
    Ok(load_kept(db, pair_id)?.map(|k| k.file))
}

/// The kept calendar files whose last rewrite failed at or after `since`.
pub fn failed_since(db: &Db, since: DateTime<Utc>) -> Result<Vec<CalendarFile>> {
    let ids: Vec<PairId> = db.read(|c| {
        let mut st = c.prepare_cached(
            "SELECT pair_id FROM calendar_file WHERE error_at >= ?1 ORDER BY pair_id",
        )?;
        let rows = st.query_map([time::stamp(since)], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    })?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        out.extend(load_kept(db, id)?.map(|k| k.file));
    }
    Ok(out)
}

/// Rewrite a kept file when its content changed or it is gone; the new
/// content's hash, or `None` when there was nothing to do.
fn rewrite(db: &Db, k: &Kept, now: DateTime<Utc>) -> Result<Option<String>> {
    let body = pair_ics(db, k.file.pair_id, now)?;
    let hash = content_hash(&body);
    let path = Path::new(&k.file.path);
    if k.content_hash.as_deref() == Some(hash.as_str()) && path.is_file() {
        return Ok(None);
    }
    if !Path::new(&k.file.folder).is_dir() {
        return Err(Error::Conflict(Clash::CalendarFolderMissing {
            folder: k.file.folder.clone(),
        }));
    }
    file::write_atomic(path, body.as_bytes())?;
    Ok(Some(hash))
}

/// After a write that may change what a pair's calendar holds (its
/// meetings, schedule, check-ins, action items): rewrite its kept calendar
/// file if it has one and the content changed. Called by each such use
/// case once its transaction has committed, so this never undoes or fails
/// the write: a failure is recorded on the kept file (`last_error`) for the
/// window and the CLI to show as a warning.
pub fn follow(db: &Db, pair_id: PairId) {
    follow_at(db, pair_id, time::now());
}

/// [`follow`] as of `now` (the file's DTSTAMP).
pub fn follow_at(db: &Db, pair_id: PairId, now: DateTime<Utc>) {
    let Ok(Some(k)) = load_kept(db, pair_id) else {
        return;
    };
    let at = time::stamp(now);
    let outcome = rewrite(db, &k, now);
    // Recording is best effort too: the write this follows stands either way.
    let _recorded = db.read(|c| {
        match outcome {
            Ok(Some(hash)) => c
                .prepare_cached(
                    "UPDATE calendar_file SET content_hash = ?2, written_at = ?3,
                         last_error = NULL, error_at = NULL WHERE pair_id = ?1",
                )?
                .execute(params![k.file.pair_id, hash, at])?,
            Ok(None) => c
                .prepare_cached(
                    "UPDATE calendar_file SET last_error = NULL, error_at = NULL
                     WHERE pair_id = ?1 AND last_error IS NOT NULL",
                )?
                .execute([k.file.pair_id])?,
            Err(e) => c
                .prepare_cached(
                    "UPDATE calendar_file SET last_error = ?2, error_at = ?3 WHERE pair_id = ?1",
                )?
                .execute(params![k.file.pair_id, e.report().to_stored(), at])?,
        };
        Ok(())
    });
}

/// [`follow`] for every pair that keeps a calendar file (after a change
/// that may touch several: a program pack imported again).
pub fn follow_all(db: &Db) {
    let ids: Result<Vec<PairId>> = db.read(|c| {
        let mut st = c.prepare_cached("SELECT pair_id FROM calendar_file ORDER BY pair_id")?;
        let rows = st.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    });
    for id in ids.unwrap_or_default() {
        follow(db, id);
    }
}
