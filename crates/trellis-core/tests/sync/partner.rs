//! The malicious partner (issue 13): B edits its own database arbitrarily
//! (any table, any row, any clock, with or without the triggers that stamp
//! edits) and exports through the normal path. Whatever A then imports, what
//! is A's stays A's: its own confirmations and marks, its private notes, its
//! other pair, its role; the pair is graduated only when every criterion is
//! confirmed by both. A refused file leaves A exactly as it was.

use proptest::prelude::*;

use super::*;
use trellis_core::criterion::{self, MarkMet};
use trellis_core::goal::{self, NewGoal};
use trellis_core::note::{self, Attachment, Visibility};

/// What the partner knows: ids of the shared pair, and of A's other pair
/// (a partner in both pairs knows both).
struct Fixture {
    t: Two,
    /// A's other pair, shared with the same partner B.
    other: PairId,
    /// Ids B could name: rows of both pairs, the private note's too (a guess).
    ids: Vec<(&'static str, String)>,
}

fn fixture() -> Fixture {
    let t = two();
    let other = add_pair(&t.a, "Morgan Mentor").id;
    join(&t.a, &t.b, other);
    let crits = criterion::list(&t.a, t.pair).unwrap();
    criterion::mark_met(
        &t.a,
        crits[0].id,
        MarkMet {
            evidence: Some("https://review.opendev.org/ada".into()),
            ..MarkMet::default()
        },
    )
    .unwrap();
    let g = goal::add(
        &t.a,
        t.pair,
        NewGoal {
            title: "Shared goal".into(),
            milestones: vec!["step".into()],
            ..NewGoal::default()
        },
    )
    .unwrap();
    let g2 = goal::add(
        &t.a,
        other,
        NewGoal {
            title: "Other pair's goal".into(),
            ..NewGoal::default()
        },
    )
    .unwrap();
    let private = note::add(
        &t.a,
        t.pair,
        note("A's private words", Visibility::Private, Attachment::None),
    )
    .unwrap();
    let shared = note::add(
        &t.a,
        t.pair,
        note("A's shared words", Visibility::Shared, Attachment::None),
    )
    .unwrap();
    t.a_to_b();
    sync::import(&t.b, &sync::export(&t.a, other).unwrap()).unwrap();
    let other_crit = criterion::list(&t.a, other).unwrap()[0].id;
    let ids = vec![
        ("goal", g.id.to_string()),
        ("goal", g2.id.to_string()),
        ("criterion", crits[0].id.to_string()),
        ("criterion", crits[1].id.to_string()),
        ("criterion", other_crit.to_string()),
        ("note", private.id.to_string()),
        ("note", shared.id.to_string()),
    ];
    Fixture { t, other, ids }
}

/// One edit of B's database, outside Trellis.
#[derive(Debug, Clone)]
enum Edit {
    /// Set A's (the mentee's) confirmation of a criterion.
    ConfirmForA(usize, bool, u8),
    /// B's own confirmation.
    ConfirmForB(usize, bool),
    Status(u8),
    /// A row's pair moved to A's other pair.
    MoveToOther(usize),
    Tombstone(usize),
    Conflict(usize, u8),
    /// A note made shared (the private one's id is a guess B may make).
    ShareNote(usize),
    /// Field clocks moved (within the day the partner accepts, or back).
    Clocks(bool),
    /// The same edits with the stamping triggers off.
    Silently(Box<Edit>),
    Role,
}

fn edit() -> impl Strategy<Value = Edit> {
    let i = || 0usize..7;
    let leaf = prop_oneof![
        (i(), any::<bool>(), any::<u8>()).prop_map(|(i, m, k)| Edit::ConfirmForA(i, m, k)),
        (i(), any::<bool>()).prop_map(|(i, m)| Edit::ConfirmForB(i, m)),
        any::<u8>().prop_map(Edit::Status),
        i().prop_map(Edit::MoveToOther),
        i().prop_map(Edit::Tombstone),
        (i(), any::<u8>()).prop_map(|(i, k)| Edit::Conflict(i, k)),
        i().prop_map(Edit::ShareNote),
        any::<bool>().prop_map(Edit::Clocks),
        Just(Edit::Role),
    ];
    prop_oneof![
        4 => leaf.clone(),
        1 => leaf.prop_map(|e| Edit::Silently(Box::new(e))),
    ]
}

fn run(db: &Db, silent: bool, sql: &str, params: &[&dyn rusqlite::ToSql]) {
    // An edit B's database refuses (a constraint) is an edit B cannot make.
    let _ = db.write(|tx| {
        if silent {
            tx.execute("UPDATE sync_clock SET applying = 1", [])?;
        }
        tx.execute(sql, params)?;
        if silent {
            tx.execute("UPDATE sync_clock SET applying = 0", [])?;
        }
        Ok(())
    });
}

fn apply(f: &Fixture, e: &Edit, silent: bool) {
    let b = &f.t.b;
    let pair = f.t.pair.to_string();
    let row = |i: usize| f.ids[i % f.ids.len()].clone();
    let crit = |i: usize| {
        f.ids
            .iter()
            .filter(|(t, _)| *t == "criterion")
            .nth(i % 3)
            .map(|x| x.1.clone())
            .unwrap_or_default()
    };
    match e {
        Edit::ConfirmForA(i, met, k) => run(
            b,
            silent,
            "INSERT INTO criterion_confirmation (criterion_id, role, met_on, evidence)
             VALUES (?1, 'mentee', CASE WHEN ?2 THEN '2026-03-02' END, ?3)
             ON CONFLICT (criterion_id, role) DO UPDATE SET met_on = excluded.met_on, evidence = excluded.evidence",
            &[&crit(*i), met, &format!("https://evil.example/{k}")],
        ),
        Edit::ConfirmForB(i, met) => run(
            b,
            silent,
            "UPDATE criterion SET met = ?2, met_on = CASE WHEN ?2 THEN '2026-03-02' END WHERE id = ?1",
            &[&crit(*i), met],
        ),
        Edit::Status(k) => {
            let s = ["active", "paused", "graduated", "ended"][usize::from(*k) % 4];
            run(
                b,
                silent,
                "UPDATE pair SET status = ?2 WHERE id = ?1",
                &[&pair, &s],
            );
        }
        Edit::MoveToOther(i) => {
            let (t, id) = row(*i);
            run(
                b,
                silent,
                &format!("UPDATE {t} SET pair_id = ?2 WHERE id = ?1"),
                &[&id, &pair],
            );
        }
        Edit::Tombstone(i) => {
            let (t, id) = row(*i);
            run(
                b,
                silent,
                "INSERT OR REPLACE INTO tombstone (tbl, row_id, pair_id, hlc, replica)
                 SELECT ?1, ?2, ?3, now, replica FROM sync_clock",
                &[&t, &id, &pair],
            );
        }
        Edit::Conflict(i, k) => {
            let (t, id) = row(*i);
            let field = match t {
                "goal" => "title",
                "note" => "body",
                _ => "text",
            };
            run(
                b,
                silent,
                "INSERT OR IGNORE INTO sync_conflict
                     (pair_id, tbl, row_id, field, value, hlc, replica, lost, detected_at)
                 SELECT ?1, ?2, ?3, ?4, json_quote(?5), now, replica, 'mine', '2026-03-02T00:00:00Z'
                 FROM sync_clock",
                &[&pair, &t, &id, &field, &format!("forged {k}")],
            );
        }
        Edit::ShareNote(i) => {
            let (_, id) = row(*i);
            run(
                b,
                silent,
                "INSERT INTO note (id, pair_id, body, visibility, created_at, updated_at)
                 VALUES (?1, ?2, 'B says so', 'shared', '2026-03-02T00:00:00Z', '2026-03-02T00:00:00Z')
                 ON CONFLICT (id) DO UPDATE SET visibility = 'shared', body = 'B says so'",
                &[&id, &pair],
            );
        }
        Edit::Clocks(ahead) => {
            let ms = trellis_core::time::now().timestamp_millis() + if *ahead { 3_600_000 } else { -3_600_000 };
            run(
                b,
                silent,
                "UPDATE field_clock SET hlc = printf('%015d-%06d', ?2, 0) WHERE pair_id = ?1",
                &[&pair, &ms],
            );
        }
        Edit::Role => run(
            b,
            silent,
            "UPDATE pair SET my_role = 'mentee' WHERE id = ?1",
            &[&pair],
        ),
        Edit::Silently(e) => apply(f, e, true),
    }
}

/// What is A's alone, as text: A's own confirmations and marks in both
/// pairs, A's private notes, A's role, and everything of A's other pair
/// (rows, clocks, deletions, conflicts).
fn own(db: &Db, pair: PairId, other: PairId) -> String {
    let mut out = String::new();
    for q in [
        "SELECT cc.* FROM criterion_confirmation cc JOIN criterion c ON c.id = cc.criterion_id
         WHERE c.pair_id = ?1 AND cc.role = 'mentee' ORDER BY 1",
        // A's marks (deleting a criterion no one confirmed is a shared edit).
        "SELECT id, met, met_on, evidence, confirmed_by FROM criterion WHERE pair_id = ?1 AND met = 1 ORDER BY id",
        // By text, not id: a private note whose copy the partner shares
        // again keeps its text in a private note of its own.
        "SELECT body FROM note WHERE pair_id = ?1 AND visibility = 'private' ORDER BY body",
        "SELECT my_role, partner_name FROM pair WHERE id = ?1",
    ] {
        dump(db, q, pair, &mut out);
    }
    out.push_str(&digest(db, other));
    for q in [
        "SELECT * FROM field_clock WHERE pair_id = ?1 ORDER BY 1, 2, 3",
        "SELECT * FROM tombstone WHERE pair_id = ?1 ORDER BY 1, 2",
        "SELECT * FROM sync_conflict WHERE pair_id = ?1 ORDER BY 1",
        "SELECT * FROM criterion_confirmation WHERE criterion_id IN (SELECT id FROM criterion WHERE pair_id = ?1) ORDER BY 1, 2",
    ] {
        dump(db, q, other, &mut out);
    }
    out
}

fn graduated_without_both(db: &Db, pair: PairId) -> bool {
    let status = trellis_core::pair::get(db, pair).unwrap().status;
    let both = trellis_core::confirmation::list(db, pair).unwrap();
    status == trellis_core::pair::PairStatus::Graduated
        && (both.is_empty() || both.iter().any(|c| !c.confirmed_by_both))
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(32),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn a_partner_who_edits_their_database_changes_only_what_is_theirs(
        edits in proptest::collection::vec(edit(), 1..8),
    ) {
        let f = fixture();
        let (a, pair, other) = (&f.t.a, f.t.pair, f.other);
        let before_all = snapshot(a);
        let before = own(a, pair, other);
        for e in &edits {
            apply(&f, e, false);
        }
        let Ok(file) = sync::export(&f.t.b, pair) else {
            return Ok(()); // B's Trellis refused to write it: nothing travels
        };
        match sync::import(a, &file) {
            Err(_) => prop_assert_eq!(snapshot(a), before_all, "a refused file changed A"),
            Ok(_) => {
                prop_assert_eq!(own(a, pair, other), before, "the file changed what is A's");
                prop_assert!(!graduated_without_both(a, pair), "graduated without both");
            }
        }
    }
}
