//! Invites and merges, one scenario each.

use super::*;
use trellis_core::action::{self, ActionPatch};
use trellis_core::confirmation;
use trellis_core::criterion::{self, MarkMet};
use trellis_core::goal::{self, GoalPatch, NewGoal};
use trellis_core::meeting;
use trellis_core::milestone;
use trellis_core::note::{self, Attachment, NotePatch, Visibility};
use trellis_core::pair::{self, PairPatch, PairStatus, Role, StatusChange};
use trellis_core::sync::Side;
use trellis_core::ErrorKind;

fn new_goal(title: &str) -> NewGoal {
    NewGoal {
        title: title.into(),
        milestones: vec!["first step".into()],
        ..NewGoal::default()
    }
}

#[test]
fn an_accepted_invite_is_the_same_pair_seen_from_the_other_side() {
    let a = db();
    let mut form = new_pair("Morgan Mentor");
    form.my_tz = tz("Europe/Berlin");
    form.partner_tz = tz("America/Chicago");
    let p = pair::add(&a, form).unwrap();
    let g = goal::add(&a, p.id, new_goal("Merge a patch")).unwrap();
    note::add(
        &a,
        p.id,
        note(
            "shared before the invite",
            Visibility::Shared,
            Attachment::None,
        ),
    )
    .unwrap();
    let (inv, code) = invite(&a, p.id, "Ada Mentee");
    let b = db();
    let acc = accept(&b, &inv, &code).unwrap();
    sync::import_answer(&a, &acc.answer).unwrap();
    let q = acc.pair;
    assert_eq!(q.id, p.id);
    assert_eq!(q.my_role, Role::Mentor);
    assert_eq!(q.partner_name, "Ada Mentee");
    assert_eq!(
        (q.my_tz.as_str(), q.partner_tz.as_str()),
        ("America/Chicago", "Europe/Berlin")
    );
    assert_eq!((q.program_id, q.cohort_id), (p.program_id, p.cohort_id));
    assert_eq!(q.match_date, p.match_date);
    assert_eq!(goal::get(&b, g.id).unwrap(), g);
    assert_eq!(note::list(&b, p.id).unwrap().len(), 1);
    assert_eq!(
        criterion::list(&b, p.id).unwrap().len(),
        criterion::list(&a, p.id).unwrap().len()
    );
    assert_eq!(digest(&a, p.id), digest(&b, p.id));
    let code_a = sync::status(&a, p.id).unwrap().safety_code.unwrap();
    assert_eq!(Some(code_a), sync::status(&b, p.id).unwrap().safety_code);
    // Imported goals are searchable there too.
    assert_eq!(
        trellis_core::search::query(&b, "merge patch", 5)
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn an_invite_is_refused_twice_and_on_the_machine_that_made_it() {
    let a = db();
    let p = add_pair(&a, "Morgan");
    let (inv, code) = invite(&a, p.id, "Ada");
    refused(&a, ErrorKind::Format, || accept(&a, &inv, &code));
    let b = db();
    let acc = accept(&b, &inv, &code).unwrap();
    // B has the pair now: the same invite again would re-key it, but its
    // keys are the ones B has, so B refuses nothing and A's answer stays.
    sync::import_answer(&a, &acc.answer).unwrap();
    // A second invite of a paired pair is refused: starting over is re-pairing.
    let e = refused(&a, ErrorKind::Conflict, || sync::invite(&a, p.id, "Ada"));
    assert!(e.to_string().contains("re-pair"), "{e}");
    // A third machine cannot open the invite without its code.
    let c = db();
    let e = refused(&c, ErrorKind::Format, || accept(&c, &inv, "AAAA-BBBB-CCCC"));
    assert!(e.to_string().contains("code"), "{e}");
}

#[test]
fn edits_on_both_sides_reach_the_other_and_both_end_the_same() {
    let t = two();
    let ga = goal::add(&t.a, t.pair, new_goal("From the mentee")).unwrap();
    let gb = goal::add(&t.b, t.pair, new_goal("From the mentor")).unwrap();
    let m = meeting::log(
        &t.b,
        t.pair,
        trellis_core::meeting::NewMeeting {
            goal_ids: vec![gb.id],
            actions: vec![action("Push the patch", Role::Mentee, Some("2026-04-01"))],
            ..meeting_at("2026-03-10T15:00:00Z")
        },
    )
    .unwrap();
    milestone::set_done(&t.a, ga.milestones[0].id, true).unwrap();
    pair::edit(
        &t.b,
        t.pair,
        PairPatch {
            cadence_days: Some(7),
            ..PairPatch::default()
        },
    )
    .unwrap();
    t.settle();
    assert_eq!(digest(&t.a, t.pair), digest(&t.b, t.pair));
    assert_eq!(
        goal::list(&t.a, t.pair).unwrap(),
        goal::list(&t.b, t.pair).unwrap()
    );
    assert_eq!(meeting::get(&t.a, m.id).unwrap(), m);
    assert_eq!(pair::get(&t.a, t.pair).unwrap().cadence_days, 7);
    // The action item is the mentee's, on both sides.
    assert_eq!(
        action::list(&t.a, t.pair, true).unwrap()[0].owner,
        Role::Mentee
    );
}

#[test]
fn importing_the_same_file_again_or_an_older_one_changes_nothing() {
    let t = two();
    let old = sync::export(&t.a, t.pair).unwrap();
    goal::add(&t.a, t.pair, new_goal("New")).unwrap();
    let new = sync::export(&t.a, t.pair).unwrap();
    let first = sync::import(&t.b, &new).unwrap();
    assert!(!first.up_to_date && first.inserted >= 2, "{first:?}");
    let before = snapshot(&t.b);
    let again = sync::import(&t.b, &new).unwrap();
    assert!(again.up_to_date, "{again:?}");
    assert_eq!(
        snapshot(&t.b),
        before,
        "a second import changed the database"
    );
    assert!(sync::import(&t.b, &old).unwrap().up_to_date);
    assert_eq!(snapshot(&t.b), before, "an older file changed the database");
}

#[test]
fn a_deleted_goal_never_comes_back_from_an_older_file_or_a_later_edit() {
    let t = two();
    let g = goal::add(&t.a, t.pair, new_goal("Doomed")).unwrap();
    t.a_to_b();
    let before_delete = sync::export(&t.b, t.pair).unwrap();
    // B edits it while A deletes it.
    goal::edit(
        &t.b,
        g.id,
        GoalPatch {
            title: Some("Edited meanwhile".into()),
            ..GoalPatch::default()
        },
    )
    .unwrap();
    goal::delete(&t.a, g.id).unwrap();
    sync::import(&t.a, &before_delete).unwrap();
    t.settle();
    for db in [&t.a, &t.b] {
        assert!(goal::get(db, g.id).is_err(), "the goal came back");
        assert_eq!(count(db, "milestone"), 0, "its milestone came back");
    }
    assert_eq!(digest(&t.a, t.pair), digest(&t.b, t.pair));
}

#[test]
fn a_private_note_never_leaves_and_an_unshared_one_is_taken_back() {
    let t = two();
    let canary = "Zöe-private-canary-7731";
    note::add(
        &t.a,
        t.pair,
        note(canary, Visibility::Private, Attachment::None),
    )
    .unwrap();
    let shared = note::add(
        &t.a,
        t.pair,
        note("for both of us", Visibility::Shared, Attachment::None),
    )
    .unwrap();
    let f = sync::export(&t.a, t.pair).unwrap();
    assert_absent(&f, canary);
    sync::import(&t.b, &f).unwrap();
    assert_eq!(note::list(&t.b, t.pair).unwrap().len(), 1);
    // Taking the shared note back: it leaves the partner's copy.
    let secret = "now-private-canary-4242";
    note::edit(
        &t.a,
        shared.id,
        NotePatch {
            visibility: Some(Visibility::Private),
            ..NotePatch::default()
        },
    )
    .unwrap();
    note::edit(
        &t.a,
        shared.id,
        NotePatch {
            body: Some(secret.into()),
            ..NotePatch::default()
        },
    )
    .unwrap();
    let f = sync::export(&t.a, t.pair).unwrap();
    assert_absent(&f, secret);
    assert_absent(&f, canary);
    sync::import(&t.b, &f).unwrap();
    assert!(note::list(&t.b, t.pair).unwrap().is_empty());
    assert_eq!(
        note::list(&t.a, t.pair).unwrap().len(),
        2,
        "kept here, private"
    );
    // B's files never bring it back; sharing it again does.
    t.b_to_a();
    assert_eq!(
        note::get(&t.a, shared.id).unwrap().visibility,
        Visibility::Private
    );
    note::edit(
        &t.a,
        shared.id,
        NotePatch {
            visibility: Some(Visibility::Shared),
            ..NotePatch::default()
        },
    )
    .unwrap();
    t.a_to_b();
    assert_eq!(note::get(&t.b, shared.id).unwrap().body, secret);
    assert_eq!(digest(&t.a, t.pair), digest(&t.b, t.pair));
}

#[test]
fn a_note_the_partner_takes_back_stays_private_with_its_writer() {
    let t = two();
    let n = note::add(
        &t.a,
        t.pair,
        note("mine to keep", Visibility::Shared, Attachment::None),
    )
    .unwrap();
    t.a_to_b();
    note::edit(
        &t.b,
        n.id,
        NotePatch {
            visibility: Some(Visibility::Private),
            ..NotePatch::default()
        },
    )
    .unwrap();
    t.b_to_a();
    let kept = note::get(&t.a, n.id).unwrap();
    assert_eq!(
        (kept.body.as_str(), kept.visibility),
        ("mine to keep", Visibility::Private)
    );
    assert_eq!(digest(&t.a, t.pair), digest(&t.b, t.pair));
}

#[test]
fn both_changing_one_field_is_a_conflict_on_both_sides_and_nothing_is_lost() {
    let t = two();
    let g = goal::add(&t.a, t.pair, new_goal("Original")).unwrap();
    t.a_to_b();
    let title = |s: &str| GoalPatch {
        title: Some(s.into()),
        ..GoalPatch::default()
    };
    goal::edit(&t.a, g.id, title("Mentee's words")).unwrap();
    // "B wrote last" must be true of the clocks, not left to the replica-id
    // tie-break when both edits land in the same millisecond.
    let start = trellis_core::time::now().timestamp_millis();
    while trellis_core::time::now().timestamp_millis() < start + 2 {
        std::hint::spin_loop();
    }
    goal::edit(&t.b, g.id, title("Mentor's words")).unwrap();
    // Different fields are no conflict.
    goal::edit(
        &t.a,
        g.id,
        GoalPatch {
            why: Some("because".into()),
            ..GoalPatch::default()
        },
    )
    .unwrap();
    let ia = t.b_to_a();
    let ib = t.a_to_b();
    assert_eq!((ia.new_conflicts, ib.new_conflicts), (1, 1));
    assert_eq!(digest(&t.a, t.pair), digest(&t.b, t.pair));
    let winner = goal::get(&t.a, g.id).unwrap().title;
    assert_eq!(winner, "Mentor's words", "B wrote last");
    assert_eq!(goal::get(&t.a, g.id).unwrap().why, "because");
    let ka = sync::conflicts(&t.a, t.pair, false).unwrap();
    let kb = sync::conflicts(&t.b, t.pair, false).unwrap();
    assert_eq!(ka.len(), 1);
    assert_eq!(
        (ka[0].lost_side, ka[0].lost.as_str()),
        (Side::Mine, Some("Mentee's words"))
    );
    assert_eq!(
        (kb[0].lost_side, kb[0].lost.as_str()),
        (Side::Theirs, Some("Mentee's words"))
    );
    assert_eq!(ka[0].current, "Mentor's words");
    assert_eq!(
        (ka[0].item.as_str(), ka[0].field.as_str()),
        ("goal", "title")
    );
    // A keeps theirs: closed, nothing changes. B then keeps the mentee's: it wins everywhere.
    let r = sync::resolve(&t.a, ka[0].id, Side::Theirs).unwrap();
    assert_eq!(r.resolution, Some(Side::Theirs));
    assert!(sync::conflicts(&t.a, t.pair, false).unwrap().is_empty());
    refused(&t.a, ErrorKind::Conflict, || {
        sync::resolve(&t.a, ka[0].id, Side::Mine)
    });
    sync::resolve(&t.b, kb[0].id, Side::Theirs).unwrap();
    t.settle();
    assert_eq!(goal::get(&t.a, g.id).unwrap().title, "Mentee's words");
    assert_eq!(digest(&t.a, t.pair), digest(&t.b, t.pair));
    assert!(
        sync::conflicts(&t.a, t.pair, false).unwrap().is_empty(),
        "no new conflict"
    );
}

#[test]
fn graduation_of_a_shared_pair_is_co_signed() {
    let t = two();
    let crits = criterion::list(&t.a, t.pair).unwrap();
    for c in &crits {
        criterion::mark_met(&t.a, c.id, MarkMet::default()).unwrap();
    }
    t.a_to_b();
    let signs = confirmation::list(&t.b, t.pair).unwrap();
    assert!(signs
        .iter()
        .all(|s| s.mentee.is_some() && s.mentor.is_none() && !s.confirmed_by_both));
    // B's own marks are B's: none yet.
    assert!(criterion::list(&t.b, t.pair)
        .unwrap()
        .iter()
        .all(|c| !c.met));
    let e = refused(&t.a, ErrorKind::Conflict, || {
        pair::set_status(&t.a, t.pair, StatusChange::Graduate)
    });
    assert!(e.to_string().contains("confirmed by both"), "{e}");
    for c in &crits {
        criterion::mark_met(
            &t.b,
            c.id,
            MarkMet {
                evidence: Some("https://review.opendev.org/1".into()),
                ..MarkMet::default()
            },
        )
        .unwrap();
    }
    t.b_to_a();
    let signs = confirmation::list(&t.a, t.pair).unwrap();
    assert!(signs.iter().all(|s| s.confirmed_by_both));
    assert_eq!(
        signs[0].mentor.as_ref().unwrap().evidence.as_deref(),
        Some("https://review.opendev.org/1")
    );
    assert_eq!(
        pair::set_status(&t.a, t.pair, StatusChange::Graduate)
            .unwrap()
            .status,
        PairStatus::Graduated
    );
    t.a_to_b();
    assert_eq!(
        pair::get(&t.b, t.pair).unwrap().status,
        PairStatus::Graduated
    );
    // Unmarking withdraws that side's confirmation only.
    criterion::unmark(&t.b, crits[0].id).unwrap();
    t.b_to_a();
    let s0 = &confirmation::list(&t.a, t.pair).unwrap()[0];
    assert!(s0.mentee.is_some() && s0.mentor.is_none());
}

#[test]
fn removing_and_relinking_goals_and_criteria_follows_the_last_writer() {
    let t = two();
    let c = criterion::list(&t.a, t.pair).unwrap()[0].id;
    let g = goal::add(
        &t.a,
        t.pair,
        NewGoal {
            criterion_ids: vec![c],
            ..new_goal("Linked")
        },
    )
    .unwrap();
    t.a_to_b();
    assert_eq!(goal::get(&t.b, g.id).unwrap().criterion_ids, vec![c]);
    let set = |ids: Vec<_>| GoalPatch {
        criterion_ids: Some(ids),
        ..GoalPatch::default()
    };
    goal::edit(&t.b, g.id, set(vec![])).unwrap();
    t.b_to_a();
    assert!(goal::get(&t.a, g.id).unwrap().criterion_ids.is_empty());
    goal::edit(&t.a, g.id, set(vec![c])).unwrap();
    t.a_to_b();
    assert_eq!(
        goal::get(&t.b, g.id).unwrap().criterion_ids,
        vec![c],
        "a link may come back"
    );
    assert_eq!(digest(&t.a, t.pair), digest(&t.b, t.pair));
}

#[test]
fn a_deleted_meeting_leaves_its_action_items_on_both_sides() {
    let t = two();
    let m = meeting::log(
        &t.a,
        t.pair,
        trellis_core::meeting::NewMeeting {
            actions: vec![action("Write it up", Role::Mentor, None)],
            ..meeting_at("2026-03-10T15:00:00Z")
        },
    )
    .unwrap();
    t.a_to_b();
    action::edit(
        &t.b,
        m.actions[0].id,
        ActionPatch {
            text: Some("Write it all up".into()),
            ..ActionPatch::default()
        },
    )
    .unwrap();
    meeting::delete(&t.a, m.id).unwrap();
    t.settle();
    for db in [&t.a, &t.b] {
        let items = action::list(db, t.pair, false).unwrap();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].meeting_id, None);
        assert_eq!(items[0].text, "Write it all up");
        assert!(meeting::get(db, m.id).is_err());
    }
    assert_eq!(digest(&t.a, t.pair), digest(&t.b, t.pair));
}

#[test]
fn the_folder_holds_one_file_per_side_and_each_reads_the_others() {
    let t = two();
    let dir = tempfile::tempdir().unwrap();
    goal::add(&t.a, t.pair, new_goal("Via the folder")).unwrap();
    let wa = sync::export_to_folder(&t.a, t.pair, dir.path()).unwrap();
    let wb = sync::export_to_folder(&t.b, t.pair, dir.path()).unwrap();
    assert_ne!(wa.path, wb.path);
    assert!(wa
        .path
        .ends_with(&sync::folder_file_name(&t.a, t.pair).unwrap()));
    std::fs::write(dir.path().join("notes.txt"), "not ours").unwrap();
    let got = sync::import_folder(&t.b, dir.path()).unwrap();
    assert_eq!(got.len(), 1, "only the partner's file: {got:?}");
    assert!(got[0].imported.as_ref().is_some_and(|i| i.inserted > 0));
    assert_eq!(got[0].path, wa.path);
    assert_eq!(sync::import_folder(&t.a, dir.path()).unwrap().len(), 1);
    assert_eq!(goal::list(&t.b, t.pair).unwrap().len(), 1);
}

#[test]
fn a_data_folder_inside_a_synced_folder_is_warned_about() {
    let root = tempfile::tempdir().unwrap();
    let plain = root.path().join("plain").join("trellis");
    std::fs::create_dir_all(&plain).unwrap();
    assert_eq!(sync::synced_folder_warning(&plain), None);
    let st = root.path().join("shared");
    std::fs::create_dir_all(st.join("deep/trellis")).unwrap();
    std::fs::write(st.join(".stfolder"), "").unwrap();
    let w = sync::synced_folder_warning(&st.join("deep/trellis")).unwrap();
    assert!(w.contains("Syncthing"), "{w}");
    let od = root.path().join("OneDrive - Example Corp").join("trellis");
    std::fs::create_dir_all(&od).unwrap();
    assert!(sync::synced_folder_warning(&od)
        .unwrap()
        .contains("OneDrive"));
    let dbx = root.path().join("Dropbox").join("apps");
    assert!(sync::synced_folder_warning(&dbx).is_some());
}

#[test]
fn a_database_from_before_sync_keeps_its_marks_as_my_confirmations() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trellis.db");
    let id = trellis_core::id::PairId::new();
    let crit = trellis_core::id::CriterionId::new();
    {
        let old = Db::open_at_version(&path, 3).unwrap();
        old.write(|tx| {
            tx.execute(
                "INSERT INTO pair (id, my_role, partner_name, program_id, pack_version, cohort_id,
                     match_date, my_tz, partner_tz, cadence_days, status, created_at, updated_at)
                 VALUES (?1, 'mentor', 'Old', 'openstack-mentoring', '2026.1', 'first-patch',
                     '2026-02-01', 'UTC', 'UTC', 14, 'active', '2026-02-01T10:00:00.000+00:00',
                     '2026-02-01T10:00:00.000+00:00')",
                [id.to_string()],
            )?;
            tx.execute(
                "INSERT INTO criterion (id, pair_id, position, text, met, met_on, evidence, confirmed_by,
                     created_at, updated_at)
                 VALUES (?1, ?2, 0, 'Merged one patch', 1, '2026-02-10', NULL, 'mentor',
                     '2026-02-01T10:00:00.000+00:00', '2026-02-10T10:00:00.000+00:00')",
                [crit.to_string(), id.to_string()],
            )?;
            Ok(())
        })
        .unwrap();
    }
    let db = Db::open(&path).unwrap();
    let signs = confirmation::list(&db, id).unwrap();
    assert_eq!(signs[0].mentor.as_ref().unwrap().met_on, date("2026-02-10"));
    assert!(signs[0].mentee.is_none());
    // Data from before has no clocks yet; an invite carries it all the same.
    let (inv, code) = invite(&db, id, "Mentor");
    let b = super::super::util::db();
    accept(&b, &inv, &code).unwrap();
    assert_eq!(digest(&db, id), digest(&b, id));
}

/// The goal record of an update file: its fields, each `[value, clock, replica]`.
fn goal_record(reader: &Db, file: &[u8], id: &str) -> serde_json::Value {
    let body = body_of(reader, PairId::new(), file);
    body["records"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["table"] == "goal" && r["id"] == id)
        .unwrap()["fields"]
        .clone()
}

fn clock_rows(db: &Db, id: &str) -> Vec<String> {
    db.read(|c| {
        let mut st = c.prepare("SELECT field FROM field_clock WHERE row_id = ?1 ORDER BY field")?;
        let rows = st.query_map([id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    })
    .unwrap()
}

/// Issue 7: a row an import inserts whole keeps one clock for all its
/// fields (field '*') instead of one per field; what travels and what wins
/// is the same as with a clock per field.
#[test]
fn a_row_merged_whole_keeps_one_clock_and_still_answers_per_field() {
    let t = two();
    let g = goal::add(&t.a, t.pair, new_goal("Written once")).unwrap();
    let id = g.id.to_string();
    let from_a = sync::export(&t.a, t.pair).unwrap();
    sync::import(&t.b, &from_a).unwrap();
    assert_eq!(clock_rows(&t.b, &id), ["*"], "one clock row for the goal");
    // B's file says of every field what A's said: the same value, clock, writer.
    let from_b = sync::export(&t.b, t.pair).unwrap();
    assert_eq!(
        goal_record(&t.a, &from_b, &id),
        goal_record(&t.a, &from_a, &id)
    );

    // A later edit on B gets a clock of its own, which wins over '*' …
    goal::edit(
        &t.b,
        g.id,
        GoalPatch {
            title: Some("Edited on B".into()),
            ..GoalPatch::default()
        },
    )
    .unwrap();
    assert!(clock_rows(&t.b, &id).contains(&"title".to_string()));
    let edited = sync::export(&t.b, t.pair).unwrap();
    let fields = goal_record(&t.a, &edited, &id);
    assert_ne!(
        fields["title"][1],
        goal_record(&t.a, &from_a, &id)["title"][1]
    );
    assert_eq!(fields["why"], goal_record(&t.a, &from_a, &id)["why"]);
    // … so A's older file does not undo it, and A takes it.
    assert!(sync::import(&t.b, &from_a).unwrap().up_to_date);
    assert_eq!(goal::get(&t.b, g.id).unwrap().title, "Edited on B");
    sync::import(&t.a, &edited).unwrap();
    assert_eq!(goal::get(&t.a, g.id).unwrap().title, "Edited on B");
    assert_eq!(digest(&t.a, t.pair), digest(&t.b, t.pair));
}
