//! Calendar files (issue 16): the check-in window and action items' due
//! dates as events with reminders, and a pair's `.ics` file kept up to
//! date in a folder — each file read back by an independent parser and
//! RFC 5545 validator (ical-rs), and read as someone who syncs that folder.

use std::path::Path;

use ical::component::IcalComponent;
use ical::value::IcalValue;
use trellis_core::calendar::{self, CalendarFile};
use trellis_core::note::{self, Attachment, Visibility};
use trellis_core::pair::{self, NewPair, PairPatch, Role};
use trellis_core::schedule::{self, NewSchedule};
use trellis_core::{action, meeting, Db, ErrorKind};

use super::util::*;

/// `text` parsed by ical-rs and checked against RFC 5545: its events.
fn events(text: &str) -> Vec<IcalComponent<'static>> {
    let cal = ical::tree::cst::IcalCst::parse(text)
        .unwrap_or_else(|e| panic!("does not parse: {e:?}\n{text}"))
        .decode()
        .into_owned();
    if let Err(errors) = cal.clone().validate() {
        panic!("not RFC 5545: {errors:?}\n{text}");
    }
    cal.components
        .into_iter()
        .filter(|c| &*c.name == "VEVENT")
        .collect()
}

/// A property's values as written, by name.
fn values(c: &IcalComponent<'_>, name: &str) -> Vec<String> {
    c.props
        .iter()
        .filter(|p| &*p.name == name)
        .map(|p| match &p.value {
            IcalValue::Date(v) => format!("DATE:{}", v.0),
            IcalValue::DateTime(v) => v.0.to_string(),
            IcalValue::DateTimeList(v) => v.0.join(","),
            IcalValue::Duration(v) => v.0.to_string(),
            IcalValue::Text(v) => v.0.to_string(),
            other => format!("{other:?}"),
        })
        .collect()
}

fn summary(e: &IcalComponent<'_>) -> String {
    values(e, "SUMMARY").concat()
}

/// The event's one reminder: a display alarm, its trigger in seconds from the start.
fn reminder(e: &IcalComponent<'_>) -> i64 {
    let alarms: Vec<_> = e
        .components
        .iter()
        .filter(|c| &*c.name == "VALARM")
        .collect();
    let [alarm] = &alarms[..] else {
        panic!("not one reminder in {}", summary(e))
    };
    assert_eq!(values(alarm, "ACTION"), ["DISPLAY"]);
    assert_eq!(values(alarm, "DESCRIPTION").len(), 1);
    alarm
        .props
        .iter()
        .find(|p| &*p.name == "TRIGGER")
        .and_then(|p| match &p.value {
            IcalValue::Duration(d) => d.seconds(),
            _ => None,
        })
        .unwrap_or_else(|| panic!("a reminder without a relative trigger in {}", summary(e)))
}

/// Scheduled, weekly, Berlin; matched 2026-03-01 (check-in due 2026-05-30).
fn busy_pair(db: &Db) -> trellis_core::id::PairId {
    let p = add_pair(db, "Ada Lin");
    pair::edit(
        db,
        p.id,
        PairPatch {
            my_tz: Some(tz("Europe/Berlin")),
            cadence_days: Some(7),
            ..PairPatch::default()
        },
    )
    .unwrap();
    schedule::schedule(
        db,
        p.id,
        NewSchedule {
            starts_at: at("2099-03-24T15:00:00Z"),
            minutes: 45,
            recurs: true,
        },
        at("2099-03-01T00:00:00Z"),
    )
    .unwrap();
    action::add(
        db,
        p.id,
        None,
        action("Push the patch to Gerrit", Role::Mentee, Some("2026-06-02")),
    )
    .unwrap();
    action::add(db, p.id, None, action("Read the docs", Role::Mentor, None)).unwrap();
    let done = action::add(
        db,
        p.id,
        None,
        action("Set up DevStack", Role::Mentee, Some("2026-04-01")),
    )
    .unwrap();
    action::set_done(db, done.id, true).unwrap();
    p.id
}

#[test]
fn the_pair_calendar_holds_the_series_the_check_in_window_and_open_due_dates_each_with_a_reminder()
{
    let db = db();
    let p = busy_pair(&db);
    let text = calendar::pair_ics(&db, p, at("2099-03-02T08:00:00Z")).unwrap();
    let events = events(&text);
    let titles: Vec<String> = events.iter().map(summary).collect();
    assert_eq!(
        titles,
        [
            "Mentoring: Ada Lin",
            "Check-in 1 opens — Ada Lin",
            "Due: Push the patch to Gerrit"
        ],
        "no event for an undated or a done item:\n{text}"
    );
    let (meeting, checkin, due) = (&events[0], &events[1], &events[2]);
    assert_eq!(values(meeting, "DTSTART"), ["20990324T150000Z"]);
    assert_eq!(
        values(meeting, "RDATE").concat().split(',').count(),
        calendar::SERIES_AHEAD
    );
    assert_eq!(reminder(meeting), -15 * 60);
    // Whole days: DATE values, the end the day after the last day.
    assert_eq!(values(checkin, "DTSTART"), ["DATE:20260516"]);
    assert_eq!(values(checkin, "DTEND"), ["DATE:20260531"]);
    assert_eq!(reminder(checkin), 9 * 3600, "09:00 the day it opens");
    assert_eq!(values(due, "DTSTART"), ["DATE:20260602"]);
    assert_eq!(values(due, "DTEND"), ["DATE:20260603"]);
    assert_eq!(reminder(due), -15 * 3600, "09:00 the day before");
    for e in &events {
        assert_eq!(values(e, "UID").len(), 1);
        assert_eq!(values(e, "DTSTAMP"), ["20990302T080000Z"]);
    }
    let uids: std::collections::BTreeSet<String> =
        events.iter().map(|e| values(e, "UID").concat()).collect();
    assert_eq!(uids.len(), 3, "each event its own UID");
}

#[test]
fn add_to_calendar_writes_one_check_in_window_or_one_due_date() {
    let db = db();
    let p = pair::add(
        &db,
        NewPair {
            match_date: today() - chrono::Days::new(80),
            ..new_pair("Grace")
        },
    )
    .unwrap();
    let now = trellis_core::time::now();
    let text = calendar::checkin_ics(&db, p.id, now).unwrap();
    let [e] = &events(&text)[..] else {
        panic!("one event: {text}")
    };
    assert_eq!(summary(e), "Check-in 1 opens — Grace");
    let due = today() + chrono::Days::new(10);
    assert_eq!(
        values(e, "DTEND"),
        [format!(
            "DATE:{}",
            (due + chrono::Days::new(1)).format("%Y%m%d")
        )]
    );
    reminder(e);

    let a = action::add(
        &db,
        p.id,
        None,
        action("Send the CFP", Role::Mentee, Some("2026-09-01")),
    )
    .unwrap();
    let text = calendar::action_ics(&db, a.id, now).unwrap();
    let [e] = &events(&text)[..] else {
        panic!("one event: {text}")
    };
    assert_eq!(summary(e), "Due: Send the CFP");
    assert_eq!(values(e, "DTSTART"), ["DATE:20260901"]);
    assert!(values(e, "DESCRIPTION").concat().contains("for you"));
    reminder(e);

    let undated = action::add(&db, p.id, None, action("Someday", Role::Mentor, None)).unwrap();
    refused(&db, ErrorKind::Conflict, || {
        calendar::action_ics(&db, undated.id, now)
    });
    action::set_done(&db, a.id, true).unwrap();
    refused(&db, ErrorKind::Conflict, || {
        calendar::action_ics(&db, a.id, now)
    });
}

#[test]
fn no_check_in_ahead_means_no_check_in_to_add() {
    let db = db();
    // Matched long ago: the one check-in was missed.
    let p = pair::add(
        &db,
        NewPair {
            match_date: today() - chrono::Days::new(300),
            ..new_pair("Grace")
        },
    )
    .unwrap();
    refused(&db, ErrorKind::Conflict, || {
        calendar::checkin_ics(&db, p.id, trellis_core::time::now())
    });
}

#[test]
fn the_file_name_is_made_of_letters_and_digits_whatever_the_partner_is_called() {
    let db = db();
    for name in [
        "../../.ssh/authorized_keys",
        "C:\\Windows",
        "  ",
        "李 雷",
        "Ada & Lin",
    ] {
        let p = pair::add(&db, new_pair(name)).ok();
        let Some(p) = p else { continue };
        let f = calendar::file_name(&p);
        assert!(f.starts_with("trellis-") && f.ends_with(".ics"), "{f}");
        let stem = &f["trellis-".len()..f.len() - ".ics".len()];
        assert!(
            stem.chars().all(|c| c.is_alphanumeric() || c == '-'),
            "{name:?} gave {f}"
        );
    }
    let a = add_pair(&db, "Ada & Lin");
    assert!(calendar::file_name(&a).starts_with("trellis-ada-lin-"));
    let twin = add_pair(&db, "Ada & Lin");
    assert_ne!(calendar::file_name(&a), calendar::file_name(&twin));
}

// ---- the kept file ----

fn kept(db: &Db, p: trellis_core::id::PairId) -> CalendarFile {
    calendar::kept_file(db, p).unwrap().unwrap()
}

fn read(f: &CalendarFile) -> String {
    std::fs::read_to_string(&f.path).unwrap()
}

#[cfg(unix)]
fn inode(path: &str) -> u64 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).unwrap().ino()
}

#[cfg(unix)]
#[test]
fn the_kept_file_is_private_and_replaced_whole_when_its_content_changes() {
    use std::os::unix::fs::PermissionsExt;
    let db = db();
    let p = busy_pair(&db);
    let dir = tempfile::tempdir().unwrap();
    let f = calendar::keep_file(&db, p, dir.path(), at("2099-03-02T08:00:00Z")).unwrap();
    assert!(f.written_at.is_some() && f.last_error.is_none());
    assert_eq!(
        Path::new(&f.path).parent(),
        Some(&*dir.path().canonicalize().unwrap())
    );
    let mode = std::fs::metadata(&f.path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    assert_eq!(events(&read(&f)).len(), 3);

    // A change that is not in the calendar leaves the file alone.
    let before = (read(&f), inode(&f.path));
    note::add(&db, p, note("a note", Visibility::Shared, Attachment::None)).unwrap();
    action::add(&db, p, None, action("No date", Role::Mentor, None)).unwrap();
    assert_eq!((read(&f), inode(&f.path)), before);

    // A new due date: a new file renamed into place, still private, nothing left beside it.
    action::add(
        &db,
        p,
        None,
        action("Write the blog post", Role::Mentee, Some("2026-07-01")),
    )
    .unwrap();
    let after = read(&f);
    assert_ne!(inode(&f.path), before.1, "rewritten in place, not replaced");
    let titles: Vec<String> = events(&after).iter().map(summary).collect();
    assert!(
        titles.contains(&"Due: Write the blog post".to_string()),
        "{after}"
    );
    let mode = std::fs::metadata(&f.path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    assert_eq!(
        files_under(dir.path()).len(),
        1,
        "a temporary file was left"
    );
    assert_ne!(
        kept(&db, p).written_at,
        f.written_at,
        "the time it was written"
    );
}

#[test]
fn the_kept_file_follows_the_schedule_the_items_and_the_partner_name() {
    let db = db();
    let p = busy_pair(&db);
    let dir = tempfile::tempdir().unwrap();
    let f = calendar::keep_file(&db, p, dir.path(), trellis_core::time::now()).unwrap();
    let titles = || -> Vec<String> { events(&read(&f)).iter().map(summary).collect() };
    schedule::cancel(&db, p).unwrap();
    assert!(!titles().iter().any(|t| t.starts_with("Mentoring")));
    let open = action::list(&db, p, true).unwrap();
    let dated = open.iter().find(|a| a.due_date.is_some()).unwrap();
    action::set_done(&db, dated.id, true).unwrap();
    assert_eq!(titles(), ["Check-in 1 opens — Ada Lin"]);
    action::set_done(&db, dated.id, false).unwrap();
    let t = action::delete(&db, dated.id).unwrap();
    assert_eq!(titles().len(), 1, "a deleted item leaves the calendar");
    trellis_core::trash::restore(&db, t.id).unwrap();
    assert_eq!(titles().len(), 2, "a restored one comes back");
    pair::edit(
        &db,
        p,
        PairPatch {
            partner_name: Some("Ada L.".into()),
            ..PairPatch::default()
        },
    )
    .unwrap();
    assert!(titles().contains(&"Check-in 1 opens — Ada L.".to_string()));
    assert_eq!(
        kept(&db, p).file_name,
        f.file_name,
        "the file keeps its name"
    );
    meeting::log(
        &db,
        p,
        trellis_core::meeting::NewMeeting {
            actions: vec![action("Review a change", Role::Mentor, Some("2026-08-08"))],
            ..meeting_at("2026-04-01T10:00:00Z")
        },
    )
    .unwrap();
    assert!(titles().contains(&"Due: Review a change".to_string()));
    // Stopping leaves the file, and no later change touches it.
    calendar::stop_keeping(&db, p).unwrap();
    assert!(calendar::kept_file(&db, p).unwrap().is_none());
    let last = read(&f);
    action::add(
        &db,
        p,
        None,
        action("Later", Role::Mentee, Some("2026-10-10")),
    )
    .unwrap();
    assert_eq!(read(&f), last);
}

#[test]
fn a_calendar_file_that_cannot_be_written_loses_no_data_and_says_why() {
    let db = db();
    let p = busy_pair(&db);
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("calendars");
    std::fs::create_dir(&folder).unwrap();
    calendar::keep_file(&db, p, &folder, trellis_core::time::now()).unwrap();
    // The folder is gone (a drive unplugged).
    std::fs::remove_dir_all(&folder).unwrap();
    let since = trellis_core::time::now();
    let a = action::add(
        &db,
        p,
        None,
        action("Kept anyway", Role::Mentee, Some("2026-07-07")),
    )
    .unwrap();
    assert_eq!(action::get(&db, a.id).unwrap().text, "Kept anyway");
    let f = kept(&db, p);
    // Kept as the error a program reads, so the window words it in its
    // language: its code and rule, the folder as its parameter.
    let e = f.last_error.as_ref().expect("the failure is kept");
    assert_eq!(e.code, trellis_core::ErrorCode::Conflict, "{e:?}");
    assert_eq!(
        e.params.get("rule").map(String::as_str),
        Some("calendar_folder_missing")
    );
    assert_eq!(e.params.get("folder").map(String::as_str), folder.to_str());
    assert!(e.message.contains("not there"), "{e:?}");
    assert_eq!(calendar::failed_since(&db, since).unwrap(), [f]);
    // Back again: the next change writes it and clears the warning.
    std::fs::create_dir(&folder).unwrap();
    action::edit(
        &db,
        a.id,
        trellis_core::action::ActionPatch {
            due_date: Some(Some(date("2026-07-08"))),
            ..Default::default()
        },
    )
    .unwrap();
    let f = kept(&db, p);
    assert!(f.last_error.is_none(), "{f:?}");
    assert!(read(&f).contains("DTSTART;VALUE=DATE:20260708"));
}

#[test]
fn choosing_something_that_is_not_a_folder_is_refused_and_nothing_is_kept() {
    let db = db();
    let p = busy_pair(&db);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, b"x").unwrap();
    for bad in [file.clone(), dir.path().join("missing")] {
        let e = refused(&db, ErrorKind::Invalid, || {
            calendar::keep_file(&db, p, &bad, trellis_core::time::now())
        });
        assert_eq!(e.field(), Some("folder"));
    }
    // Nor Trellis's own data folder.
    let data = tempfile::tempdir().unwrap();
    let on_disk = Db::open_data_dir(data.path()).unwrap();
    let q = add_pair(&on_disk, "Grace");
    let e = err(calendar::keep_file(
        &on_disk,
        q.id,
        data.path(),
        trellis_core::time::now(),
    ));
    assert_eq!(e.field(), Some("folder"));
    assert!(calendar::kept_file(&on_disk, q.id).unwrap().is_none());
}

/// Someone who syncs the calendar folder (a cloud calendar, a shared drive)
/// reads every file in it: a private note is in none, even one set aside
/// for the very meeting the file lists.
#[test]
fn a_private_note_never_reaches_the_calendar_folder() {
    let db = db();
    let p = busy_pair(&db);
    let secret = "I am thinking of leaving the project";
    let dir = tempfile::tempdir().unwrap();
    calendar::keep_file(&db, p, dir.path(), trellis_core::time::now()).unwrap();
    note::add(
        &db,
        p,
        note(secret, Visibility::Private, Attachment::NextMeeting),
    )
    .unwrap();
    // Writes that rewrite the file after the note exists.
    action::add(
        &db,
        p,
        None,
        action("Plan the talk", Role::Mentee, Some("2026-06-20")),
    )
    .unwrap();
    schedule::schedule(
        &db,
        p,
        NewSchedule {
            starts_at: at("2099-04-01T15:00:00Z"),
            minutes: 30,
            recurs: false,
        },
        trellis_core::time::now(),
    )
    .unwrap();
    let single = calendar::write_file(&db, p, dir.path(), trellis_core::time::now()).unwrap();
    let mut read_any = 0;
    for f in files_under(dir.path()) {
        let bytes = std::fs::read(&f).unwrap();
        read_any += 1;
        assert!(
            !String::from_utf8_lossy(&bytes).contains(secret),
            "a private note is in {}",
            f.display()
        );
    }
    assert_eq!(read_any, 1, "one file, written once and then kept");
    assert_eq!(Path::new(&single.path), Path::new(&kept(&db, p).path));
    // The note is there for the next meeting, beside what the file lists.
    assert!(meeting::next(&db, p)
        .unwrap()
        .notes
        .iter()
        .any(|n| n.body == secret));
    for text in [
        calendar::meeting_ics(&db, p, trellis_core::time::now()).unwrap(),
        calendar::pair_ics(&db, p, trellis_core::time::now()).unwrap(),
    ] {
        assert!(!text.contains(secret));
    }
}

/// The schema version before migration 0015_calendar_file (a later migration must
/// not move what this upgrade test starts from).
const BEFORE_CALENDAR: usize = 12;

#[test]
fn an_older_database_gains_the_calendar_setting_and_keeps_its_pairs() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trellis.db");
    let id = {
        let old = Db::open_at_version(&path, BEFORE_CALENDAR).unwrap();
        add_pair(&old, "Old Timer").id
    };
    let db = Db::open(&path).unwrap();
    assert_eq!(pair::get(&db, id).unwrap().partner_name, "Old Timer");
    assert!(calendar::kept_file(&db, id).unwrap().is_none());
    let f = calendar::keep_file(
        &db,
        id,
        tempfile::tempdir().unwrap().path(),
        trellis_core::time::now(),
    );
    assert!(f.is_ok(), "{f:?}");
}
