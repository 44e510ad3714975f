//! `trellis sync …` (issue 5): a mentee and a mentor, each with a data dir
//! of their own, exchange an invite and update files both ways and end with
//! the same goals and meetings; a concurrent edit shows as a conflict on
//! both sides; refused files exit 2 with nothing written.

// Helpers of tests: a panic is the failure report we want.
#![allow(
    clippy::unwrap_used,
    reason = "test code: a panic is the failure report"
)]

use serde_json::Value;

use super::util::{id, Env};

mod folder;
mod join;

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

fn arr(v: &Value) -> &Vec<Value> {
    v.as_array().unwrap_or_else(|| panic!("not an array: {v}"))
}

/// A's update file imported by B (through a file in A's scratch folder).
fn send(from: &Env, to: &Env, pair: &str, name: &str) -> Value {
    let file = from.root().join(name);
    let w = from.json(&[
        "sync",
        "export",
        "--pair",
        pair,
        "--out",
        file.to_str().unwrap(),
    ]);
    assert!(w["bytes"].as_i64().unwrap() > 0);
    to.json(&["sync", "import", file.to_str().unwrap()])
}

/// The one-time code of the invite [`paired`] wrote.
fn a_code(a: &Env) -> String {
    std::fs::read_to_string(a.root().join("invite-code.txt")).unwrap()
}

/// The mentee's pair with a goal, shared through an invite the mentor accepted.
fn paired() -> (Env, Env, String) {
    let a = Env::new();
    let b = Env::new();
    let pair = a.pair("Morgan Mentor");
    a.json(&[
        "goal",
        "add",
        "--pair",
        &pair,
        "--title",
        "Get a first patch merged",
        "--milestone",
        "Set up DevStack",
    ]);
    let inv = a.root().join("pair.trellis-invite");
    let w = a.json(&[
        "sync",
        "invite",
        "--pair",
        &pair,
        "--my-name",
        "Ada Mentee",
        "--out",
        inv.to_str().unwrap(),
    ]);
    assert_eq!(s(&w["pairId"]), pair);
    let code = s(&w["code"]).to_string();
    assert_eq!(code.len(), 14, "{code}");
    std::fs::write(a.root().join("invite-code.txt"), &code).unwrap();
    let answer = b.root().join("answer.trellis-answer");
    let acc = b.json(&[
        "sync",
        "accept",
        inv.to_str().unwrap(),
        "--code",
        &code,
        "--answer",
        answer.to_str().unwrap(),
    ]);
    let paired = a.json(&["sync", "import", answer.to_str().unwrap()]);
    assert_eq!(paired["safetyCode"], acc["safetyCode"]);
    let st = a.json(&["sync", "status", "--pair", &pair]);
    assert_eq!(st["safetyCode"], acc["safetyCode"]);
    assert_eq!(s(&acc["pair"]["id"]), pair);
    assert_eq!(s(&acc["pair"]["myRole"]), "mentor");
    assert_eq!(s(&acc["pair"]["partnerName"]), "Ada Mentee");
    assert_eq!(s(&acc["pair"]["myTz"]), "America/Chicago", "zones swapped");
    assert_eq!(s(&acc["pair"]["partnerTz"]), "Europe/Berlin");
    (a, b, pair)
}

#[test]
fn a_mentor_and_a_mentee_edit_apart_exchange_both_ways_and_see_the_same_pair() {
    let (a, b, pair) = paired();
    let goals = a.json(&["goal", "list", "--pair", &pair]);
    let first = id(&arr(&goals)[0]);
    // A week apart: each adds, logs and edits on their own machine.
    a.json(&[
        "goal",
        "add",
        "--pair",
        &pair,
        "--title",
        "Give a lightning talk",
    ]);
    a.json(&[
        "meeting",
        "log",
        "--pair",
        &pair,
        "--start",
        "2025-09-08 17:00",
        "--action",
        "mentee:Read the contributor guide",
    ]);
    a.json(&[
        "note",
        "add",
        "--pair",
        &pair,
        "--shared",
        "Questions about Zuul",
    ]);
    a.json(&[
        "note",
        "add",
        "--pair",
        &pair,
        "Private worry: imposter-canary-5150",
    ]);
    b.json(&[
        "goal",
        "add",
        "--pair",
        &pair,
        "--title",
        "Review two patches",
    ]);
    b.json(&[
        "meeting",
        "log",
        "--pair",
        &pair,
        "--start",
        "2025-09-15 10:00",
        "--action",
        "mentor:Share the review checklist",
    ]);
    // Both retitle the same goal: a conflict.
    a.json(&[
        "goal",
        "edit",
        &first,
        "--title",
        "Merge a first patch (mentee's words)",
    ]);
    b.json(&[
        "goal",
        "edit",
        &first,
        "--title",
        "Merge a first patch (mentor's words)",
    ]);

    let to_a = send(&b, &a, &pair, "from-b.trellis-sync");
    assert!(to_a["inserted"].as_u64().unwrap() >= 3, "{to_a}");
    assert_eq!(to_a["newConflicts"], 1);
    let to_b = send(&a, &b, &pair, "from-a.trellis-sync");
    assert_eq!(to_b["upToDate"], false);
    for args in [
        vec!["goal", "list", "--pair", &pair],
        vec!["meeting", "list", "--pair", &pair],
        vec!["action", "list", "--pair", &pair],
        vec!["criterion", "list", "--pair", &pair],
    ] {
        if args[0] == "criterion" {
            // Each side's own marks differ by design; the criteria are the same.
            let ids = |e: &Env| arr(&e.json(&args)).iter().map(id).collect::<Vec<_>>();
            assert_eq!(ids(&a), ids(&b));
            continue;
        }
        assert_eq!(a.json(&args), b.json(&args), "{args:?} differ");
    }
    assert_eq!(arr(&a.json(&["goal", "list", "--pair", &pair])).len(), 3);
    // The private note stayed home; the shared one travelled.
    let notes_b = b.json(&["note", "list", "--pair", &pair]);
    assert_eq!(arr(&notes_b).len(), 1);
    let from_a = std::fs::read(a.root().join("from-a.trellis-sync")).unwrap();
    assert!(!String::from_utf8_lossy(&from_a).contains("imposter-canary"));

    // The conflict shows on both sides, the lost value kept.
    let ka = a.json(&["sync", "conflicts", "--pair", &pair]);
    let kb = b.json(&["sync", "conflicts", "--pair", &pair]);
    assert_eq!((arr(&ka).len(), arr(&kb).len()), (1, 1));
    let lost = s(&ka[0]["lost"]).to_string();
    assert_eq!(s(&ka[0]["field"]), "title");
    assert_eq!(s(&ka[0]["current"]), s(&kb[0]["current"]));
    assert_eq!(s(&kb[0]["lost"]), lost);
    assert_ne!(s(&ka[0]["lostSide"]), s(&kb[0]["lostSide"]));
    // The side whose words lost keeps them after all.
    let (loser, other) = if s(&ka[0]["lostSide"]) == "mine" {
        (&a, &b)
    } else {
        (&b, &a)
    };
    let k = &loser.json(&["sync", "conflicts", "--pair", &pair])[0];
    let r = loser.json(&["sync", "resolve", &k["id"].to_string(), "--keep", "mine"]);
    assert_eq!(s(&r["resolution"]), "mine");
    assert!(arr(&loser.json(&["sync", "conflicts", "--pair", &pair])).is_empty());
    send(loser, other, &pair, "resolved.trellis-sync");
    let title = |e: &Env| s(&e.json(&["goal", "show", &first])["title"]).to_string();
    assert_eq!(title(&a), lost);
    assert_eq!(title(&b), lost);
    let text = other.ok(&["sync", "conflicts", "--pair", &pair, "--all"]);
    assert!(text.contains("title"), "{text}");
}

#[test]
fn refused_files_exit_2_and_change_nothing() {
    let (a, b, pair) = paired();
    let mine = a.root().join("mine.trellis-sync");
    a.json(&[
        "sync",
        "export",
        "--pair",
        &pair,
        "--out",
        mine.to_str().unwrap(),
    ]);
    let e = a.refused(&["sync", "import", mine.to_str().unwrap()]);
    assert!(e.contains("written on this machine"), "{e}");

    let bytes = std::fs::read(&mine).unwrap();
    let altered = b.root().join("altered.trellis-sync");
    let mut bad = bytes.clone();
    let at = bad.len() / 2;
    bad[at] ^= 0x01;
    std::fs::write(&altered, &bad).unwrap();
    let e = b.refused(&["sync", "import", altered.to_str().unwrap()]);
    assert!(e.contains("altered"), "{e}");
    let cut = b.root().join("cut.trellis-sync");
    std::fs::write(&cut, &bytes[..bytes.len() - 10]).unwrap();
    b.refused(&["sync", "import", cut.to_str().unwrap()]);

    // Another pair's file, and an invite used as an update.
    let (c, _d, other) = paired();
    let inv = c.root().join("other.trellis-invite");
    let third = c.pair("Someone Else");
    let w = c.json(&[
        "sync",
        "invite",
        "--pair",
        &third,
        "--my-name",
        "C",
        "--out",
        inv.to_str().unwrap(),
    ]);
    let theirs = c.root().join("other.trellis-sync");
    c.json(&[
        "sync",
        "export",
        "--pair",
        &other,
        "--out",
        theirs.to_str().unwrap(),
    ]);
    let e = b.refused(&["sync", "import", theirs.to_str().unwrap()]);
    assert!(e.contains("not for a pair shared on this machine"), "{e}");
    let e = b.refused(&["sync", "import", inv.to_str().unwrap()]);
    assert!(e.contains("invite"), "{e}");
    // An invite opened with a wrong code; an invite accepted twice.
    let ans = b.root().join("x.trellis-answer");
    let e = b.refused(&[
        "sync",
        "accept",
        inv.to_str().unwrap(),
        "--code",
        "AAAA-BBBB-CCCC",
        "--answer",
        ans.to_str().unwrap(),
    ]);
    assert!(e.contains("code"), "{e}");
    assert!(!ans.exists(), "no answer is written for a refused invite");
    let _ = w;
    let again = a.root().join("pair.trellis-invite");
    let e = b.refused(&[
        "sync",
        "accept",
        again.to_str().unwrap(),
        "--code",
        &a_code(&a),
        "--answer",
        ans.to_str().unwrap(),
    ]);
    assert!(!e.is_empty());
    // A pair not shared yet.
    let lone = b.pair("Nobody");
    b.refused(&[
        "sync",
        "export",
        "--pair",
        &lone,
        "--out",
        b.root().join("x").to_str().unwrap(),
    ]);
    b.refused(&["sync", "resolve", "99", "--keep", "mine"]);
    b.refused(&["sync", "resolve", "1", "--keep", "both"]);
    // The good file still imports.
    b.json(&["sync", "import", mine.to_str().unwrap()]);
}

#[test]
fn a_shared_folder_holds_each_sides_own_file() {
    let (a, b, pair) = paired();
    let shared = a.root().join("shared");
    std::fs::create_dir_all(&shared).unwrap();
    b.json(&[
        "goal",
        "add",
        "--pair",
        &pair,
        "--title",
        "Through the folder",
    ]);
    let wa = a.json(&[
        "sync",
        "export",
        "--pair",
        &pair,
        "--folder",
        shared.to_str().unwrap(),
    ]);
    let wb = b.json(&[
        "sync",
        "export",
        "--pair",
        &pair,
        "--folder",
        shared.to_str().unwrap(),
    ]);
    assert_ne!(wa["path"], wb["path"]);
    // The file names its pair by a tag only the partners can compute.
    assert!(s(&wa["path"]).ends_with(".mentee.trellis-sync") && !s(&wa["path"]).contains(&pair));
    let got = a.json(&["sync", "import", "--folder", shared.to_str().unwrap()]);
    assert_eq!(arr(&got).len(), 1, "only the partner's file: {got}");
    assert_eq!(got[0]["path"], wb["path"]);
    assert_eq!(got[0]["imported"]["inserted"], 1);
    let again = a.ok(&["sync", "import", "--folder", shared.to_str().unwrap()]);
    assert!(again.contains("Up to date"), "{again}");
    let st = a.json(&["sync", "status", "--pair", &pair]);
    assert_eq!(st["shared"], true);
    assert!(st["lastImportAt"].is_string());
    assert!(st["warning"].is_null());
}

#[test]
fn graduation_criteria_show_who_confirmed_them() {
    let (a, b, pair) = paired();
    let crits = a.criteria(&pair);
    for c in &crits {
        a.json(&["criterion", "met", c]);
    }
    send(&a, &b, &pair, "marks.trellis-sync");
    let conf = b.json(&["sync", "confirmations", "--pair", &pair]);
    assert_eq!(arr(&conf).len(), crits.len());
    assert!(conf[0]["mentee"]["metOn"].is_string());
    assert!(conf[0]["mentor"].is_null());
    assert_eq!(conf[0]["confirmedByBoth"], false);
    let e = a.refused(&["pair", "graduate", &pair]);
    assert!(e.contains("confirmed by both"), "{e}");
    for c in &crits {
        b.json(&["criterion", "met", c]);
    }
    send(&b, &a, &pair, "cosign.trellis-sync");
    let text = a.ok(&["sync", "confirmations", "--pair", &pair]);
    assert!(
        text.contains(&format!(
            "{} of {} confirmed by both",
            crits.len(),
            crits.len()
        )),
        "{text}"
    );
    a.json(&["pair", "graduate", &pair]);
}

#[test]
fn a_data_dir_inside_a_synced_folder_is_warned_about_on_stderr() {
    let env = Env::new();
    let synced = env.root().join("Dropbox").join("trellis-data");
    let out = super::util::trellis()
        .args([
            "--data-dir",
            synced.to_str().unwrap(),
            "sync",
            "import",
            "--folder",
        ])
        .arg(env.root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("warning: ") && err.contains("Dropbox"),
        "{err}"
    );
}

#[test]
fn a_clock_days_ahead_is_warned_about_and_repair_clock_lets_the_partner_accept_files_again() {
    let (a, b, pair) = paired();
    let ahead = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
        + 3 * 24 * 3600 * 1000;
    {
        let conn = rusqlite::Connection::open(a.dir().join(super::util::DB_FILE)).unwrap();
        conn.execute("UPDATE sync_clock SET wall_ms = ?1, counter = 0", [ahead])
            .unwrap();
    }
    // Written under the wrong clock: its stamps are days ahead too.
    let g = super::goal(&a, &pair, "Written under a wrong clock");
    let file = a.root().join("wedged.trellis-sync");
    let out = a
        .cmd(&[
            "sync",
            "export",
            "--pair",
            &pair,
            "--out",
            file.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(
        !file.exists(),
        "a file the partner would refuse was written"
    );
    assert!(
        err.starts_with("warning: this machine's sync clock is"),
        "{err}"
    );
    assert!(err.contains("trellis sync repair-clock"), "{err}");

    let r = a.json(&["sync", "repair-clock"]);
    assert!(
        r["wasAheadMs"].as_i64().unwrap() > 2 * 24 * 3600 * 1000,
        "{r}"
    );
    assert!(r["restamped"].as_i64().unwrap() > 0, "{r}");
    // Nothing left to repair, and no warning any more.
    let again = a.json(&["sync", "repair-clock"]);
    assert_eq!(again["wasAheadMs"], 0, "{again}");
    send(&a, &b, &pair, "after-repair.trellis-sync");
    let shown = b.json(&["goal", "show", &id(&g)]);
    assert_eq!(shown["title"], "Written under a wrong clock", "{shown}");
}
