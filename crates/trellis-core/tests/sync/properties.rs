//! Properties over random edits on two replicas and random exchange
//! schedules (files dropped, duplicated, reordered, old ones replayed).

use std::collections::HashSet;

use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

use super::*;
use trellis_core::action::{self, ActionPatch};
use trellis_core::criterion::{self, MarkMet};
use trellis_core::goal::{self, GoalPatch, GoalStatus, NewGoal};
use trellis_core::meeting::{self, MeetingPatch, NewMeeting};
use trellis_core::milestone;
use trellis_core::note::{self, Attachment, NotePatch, Visibility};
use trellis_core::pair::{self, PairPatch, Role, StatusChange};

/// `false` is A (the mentee who made the invite), `true` is B.
type Who = bool;

#[derive(Debug, Clone)]
enum Op {
    AddGoal(Who, u8),
    EditGoal(Who, usize, u8),
    GoalStatus(Who, usize, u8),
    DeleteGoal(Who, usize),
    AddMilestone(Who, usize),
    ToggleMilestone(Who, usize),
    DeleteMilestone(Who, usize),
    LogMeeting(Who, u8, bool, bool),
    EditMeeting(Who, usize, u8),
    DeleteMeeting(Who, usize),
    AddAction(Who, u8),
    EditAction(Who, usize, u8),
    ToggleAction(Who, usize),
    DeleteAction(Who, usize),
    AddNote(Who, bool, u8),
    EditNote(Who, usize, u8),
    Unshare(Who, usize),
    Reshare(Who, usize),
    DeleteNote(Who, usize),
    Mark(Who, usize),
    Unmark(Who, usize),
    EditPair(Who, u8),
    /// Write an update file into this side's outbox.
    Export(Who),
    /// Import a file from the partner's outbox (any: old, new, again).
    Import(Who, prop::sample::Index),
}

fn op() -> impl Strategy<Value = Op> {
    let w = any::<bool>;
    let i = || 0usize..6;
    let k = any::<u8>;
    prop_oneof![
        4 => (w(), k()).prop_map(|(w, k)| Op::AddGoal(w, k)),
        3 => (w(), i(), k()).prop_map(|(w, i, k)| Op::EditGoal(w, i, k)),
        1 => (w(), i(), k()).prop_map(|(w, i, k)| Op::GoalStatus(w, i, k)),
        1 => (w(), i()).prop_map(|(w, i)| Op::DeleteGoal(w, i)),
        2 => (w(), i()).prop_map(|(w, i)| Op::AddMilestone(w, i)),
        2 => (w(), i()).prop_map(|(w, i)| Op::ToggleMilestone(w, i)),
        1 => (w(), i()).prop_map(|(w, i)| Op::DeleteMilestone(w, i)),
        3 => (w(), k(), any::<bool>(), any::<bool>()).prop_map(|(w, k, a, g)| Op::LogMeeting(w, k, a, g)),
        2 => (w(), i(), k()).prop_map(|(w, i, k)| Op::EditMeeting(w, i, k)),
        1 => (w(), i()).prop_map(|(w, i)| Op::DeleteMeeting(w, i)),
        2 => (w(), k()).prop_map(|(w, k)| Op::AddAction(w, k)),
        2 => (w(), i(), k()).prop_map(|(w, i, k)| Op::EditAction(w, i, k)),
        2 => (w(), i()).prop_map(|(w, i)| Op::ToggleAction(w, i)),
        1 => (w(), i()).prop_map(|(w, i)| Op::DeleteAction(w, i)),
        3 => (w(), any::<bool>(), k()).prop_map(|(w, s, k)| Op::AddNote(w, s, k)),
        2 => (w(), i(), k()).prop_map(|(w, i, k)| Op::EditNote(w, i, k)),
        2 => (w(), i()).prop_map(|(w, i)| Op::Unshare(w, i)),
        1 => (w(), i()).prop_map(|(w, i)| Op::Reshare(w, i)),
        1 => (w(), i()).prop_map(|(w, i)| Op::DeleteNote(w, i)),
        2 => (w(), i()).prop_map(|(w, i)| Op::Mark(w, i)),
        1 => (w(), i()).prop_map(|(w, i)| Op::Unmark(w, i)),
        1 => (w(), k()).prop_map(|(w, k)| Op::EditPair(w, k)),
        5 => w().prop_map(Op::Export),
        6 => (w(), any::<prop::sample::Index>()).prop_map(|(w, i)| Op::Import(w, i)),
    ]
}

fn pick<T: Clone>(v: &[T], i: usize) -> Option<T> {
    (!v.is_empty()).then(|| v[i % v.len()].clone())
}

/// Two replicas of a pair, their outboxes, and what each must never see again.
struct World {
    t: Two,
    outbox: [Vec<Vec<u8>>; 2],
    /// Ids deleted on a side (by its own hand or by a tombstone it imported).
    gone: [HashSet<String>; 2],
    /// Notes a partner's tombstone reached while they were private on that
    /// side: "private stays private", no partner file deletes such a note,
    /// so it stays there (private) although the partner deleted its copy.
    kept_private: [HashSet<String>; 2],
    /// Private text: must never be in any file.
    canaries: Vec<String>,
    /// Notes whose body on that side is private text.
    canaried: HashSet<(Who, String)>,
    files: u32,
}

impl World {
    fn new() -> World {
        World {
            t: two(),
            outbox: [Vec::new(), Vec::new()],
            gone: [HashSet::new(), HashSet::new()],
            kept_private: [HashSet::new(), HashSet::new()],
            canaries: Vec::new(),
            canaried: HashSet::new(),
            files: 0,
        }
    }

    fn db(&self, w: Who) -> &Db {
        if w {
            &self.t.b
        } else {
            &self.t.a
        }
    }

    fn side(w: Who) -> usize {
        usize::from(w)
    }

    fn canary(&mut self) -> String {
        let c = format!("prïvate-canary-{:04}", self.canaries.len());
        self.canaries.push(c.clone());
        c
    }

    fn export(&mut self, w: Who) -> Vec<u8> {
        let f = sync::export(self.db(w), self.t.pair).unwrap();
        for c in &self.canaries {
            assert_absent(&f, c);
        }
        self.files += 1;
        f
    }

    /// Import into `w`: it must work, a second import must change nothing,
    /// and nothing `w` knows as deleted may be back.
    fn import(&mut self, w: Who, f: &[u8]) -> Result<(), TestCaseError> {
        let db = self.db(w);
        let private_before = private_notes(db, self.t.pair);
        sync::import(db, f).map_err(|e| TestCaseError::fail(format!("import refused: {e}")))?;
        let after = snapshot(db);
        let again = sync::import(db, f).unwrap();
        prop_assert!(
            again.up_to_date,
            "the same file imported twice changed something: {:?}",
            again
        );
        prop_assert_eq!(
            snapshot(db),
            after,
            "importing a file again changed the database"
        );
        let private_after = private_notes(db, self.t.pair);
        let body = body_of(db, self.t.pair, f);
        for t in body["tombstones"].as_array().unwrap() {
            let id = t["id"].as_str().unwrap().to_string();
            // The one exception to "a tombstone deletes": a note that is
            // private here is this side's alone (docs/sync-format.md,
            // "Private stays private"), so the partner's tombstone of their
            // shared copy must leave it here, private. Only a note private
            // before the import and still private after it is excused;
            // every other tombstoned id must be gone for good.
            if t["table"] == "note" && private_before.contains(&id) {
                prop_assert!(
                    private_after.contains(&id),
                    "a partner's tombstone deleted or shared note {}, private here",
                    id
                );
                self.kept_private[Self::side(w)].insert(id);
            } else {
                self.gone[Self::side(w)].insert(id);
            }
        }
        self.check_gone(w)
    }

    fn check_gone(&self, w: Who) -> Result<(), TestCaseError> {
        let present = ids(self.db(w), self.t.pair);
        for id in &self.gone[Self::side(w)] {
            prop_assert!(!present.contains(id), "deleted item {} came back", id);
        }
        Ok(())
    }

    fn apply(&mut self, op: &Op) -> Result<(), TestCaseError> {
        let pair = self.t.pair;
        match op.clone() {
            Op::AddGoal(w, k) => {
                let crits = criterion::list(self.db(w), pair).unwrap();
                let c = pick(&crits, usize::from(k)).map(|c| c.id);
                goal::add(
                    self.db(w),
                    pair,
                    NewGoal {
                        title: format!("goal {}", k % 5),
                        milestones: if k % 2 == 0 {
                            vec!["step".into()]
                        } else {
                            vec![]
                        },
                        criterion_ids: c.filter(|_| k % 3 == 0).into_iter().collect(),
                        ..NewGoal::default()
                    },
                )
                .unwrap();
            }
            Op::EditGoal(w, i, k) => {
                if let Some(g) = pick(&goal::list(self.db(w), pair).unwrap(), i) {
                    let crits = criterion::list(self.db(w), pair).unwrap();
                    goal::edit(
                        self.db(w),
                        g.id,
                        GoalPatch {
                            title: (k % 2 == 0).then(|| format!("title {}", k % 4)),
                            why: (k % 3 == 0).then(|| format!("why {}", k % 3)),
                            target_date: (k % 5 == 0)
                                .then(|| date(&format!("2026-05-{:02}", 1 + k % 28)).into()),
                            criterion_ids: (k % 7 == 0).then(|| {
                                pick(&crits, usize::from(k))
                                    .map(|c| c.id)
                                    .into_iter()
                                    .collect()
                            }),
                        },
                    )
                    .unwrap();
                }
            }
            Op::GoalStatus(w, i, k) => {
                if let Some(g) = pick(&goal::list(self.db(w), pair).unwrap(), i) {
                    let s = [
                        GoalStatus::Proposed,
                        GoalStatus::Active,
                        GoalStatus::Achieved,
                        GoalStatus::Dropped,
                    ];
                    goal::set_status(self.db(w), g.id, s[usize::from(k) % 4]).unwrap();
                }
            }
            Op::DeleteGoal(w, i) => {
                if let Some(g) = pick(&goal::list(self.db(w), pair).unwrap(), i) {
                    goal::delete(self.db(w), g.id).unwrap();
                    self.gone[Self::side(w)].insert(g.id.to_string());
                }
            }
            Op::AddMilestone(w, i) => {
                if let Some(g) = pick(&goal::list(self.db(w), pair).unwrap(), i) {
                    milestone::add(self.db(w), g.id, "another step").unwrap();
                }
            }
            Op::ToggleMilestone(w, i) => {
                let ms: Vec<_> = goal::list(self.db(w), pair)
                    .unwrap()
                    .into_iter()
                    .flat_map(|g| g.milestones)
                    .collect();
                if let Some(m) = pick(&ms, i) {
                    milestone::set_done(self.db(w), m.id, !m.done).unwrap();
                }
            }
            Op::DeleteMilestone(w, i) => {
                let ms: Vec<_> = goal::list(self.db(w), pair)
                    .unwrap()
                    .into_iter()
                    .flat_map(|g| g.milestones)
                    .collect();
                if let Some(m) = pick(&ms, i) {
                    milestone::delete(self.db(w), m.id).unwrap();
                    self.gone[Self::side(w)].insert(m.id.to_string());
                }
            }
            Op::LogMeeting(w, k, with_action, with_goal) => {
                let goals = goal::list(self.db(w), pair).unwrap();
                meeting::log(
                    self.db(w),
                    pair,
                    NewMeeting {
                        agenda: format!("agenda {}", k % 3),
                        goal_ids: pick(&goals, usize::from(k))
                            .filter(|_| with_goal)
                            .map(|g| g.id)
                            .into_iter()
                            .collect(),
                        actions: if with_action {
                            vec![action("follow up", Role::Mentee, None)]
                        } else {
                            vec![]
                        },
                        ..meeting_at(&format!("2026-03-{:02}T15:00:00Z", 1 + k % 28))
                    },
                )
                .unwrap();
            }
            Op::EditMeeting(w, i, k) => {
                let ms = meeting::list(self.db(w), pair, 0, 500).unwrap().items;
                if let Some(m) = pick(&ms, i) {
                    let goals = goal::list(self.db(w), pair).unwrap();
                    meeting::edit(
                        self.db(w),
                        m.id,
                        MeetingPatch {
                            notes: (k % 2 == 0).then(|| format!("notes {}", k % 4)),
                            duration_min: (k % 3 == 0).then(|| 15 + u32::from(k % 4) * 15),
                            goal_ids: (k % 5 == 0).then(|| {
                                pick(&goals, usize::from(k))
                                    .map(|g| g.id)
                                    .into_iter()
                                    .collect()
                            }),
                            ..MeetingPatch::default()
                        },
                    )
                    .unwrap();
                }
            }
            Op::DeleteMeeting(w, i) => {
                let ms = meeting::list(self.db(w), pair, 0, 500).unwrap().items;
                if let Some(m) = pick(&ms, i) {
                    meeting::delete(self.db(w), m.id).unwrap();
                    self.gone[Self::side(w)].insert(m.id.to_string());
                }
            }
            Op::AddAction(w, k) => {
                let owner = if k % 2 == 0 {
                    Role::Mentor
                } else {
                    Role::Mentee
                };
                action::add(
                    self.db(w),
                    pair,
                    None,
                    action(&format!("do {}", k % 4), owner, None),
                )
                .unwrap();
            }
            Op::EditAction(w, i, k) => {
                if let Some(a) = pick(&action::list(self.db(w), pair, false).unwrap(), i) {
                    action::edit(
                        self.db(w),
                        a.id,
                        ActionPatch {
                            text: Some(format!("do {}", k % 4)),
                            due_date: (k % 3 == 0)
                                .then(|| date(&format!("2026-04-{:02}", 1 + k % 28)).into()),
                            ..ActionPatch::default()
                        },
                    )
                    .unwrap();
                }
            }
            Op::ToggleAction(w, i) => {
                if let Some(a) = pick(&action::list(self.db(w), pair, false).unwrap(), i) {
                    action::set_done(self.db(w), a.id, !a.done).unwrap();
                }
            }
            Op::DeleteAction(w, i) => {
                if let Some(a) = pick(&action::list(self.db(w), pair, false).unwrap(), i) {
                    action::delete(self.db(w), a.id).unwrap();
                    self.gone[Self::side(w)].insert(a.id.to_string());
                }
            }
            Op::AddNote(w, shared, k) => {
                let goals = goal::list(self.db(w), pair).unwrap();
                let attach = match k % 3 {
                    0 => Attachment::NextMeeting,
                    1 => pick(&goals, usize::from(k))
                        .map_or(Attachment::None, |g| Attachment::Goal { goal_id: g.id }),
                    _ => Attachment::None,
                };
                if shared {
                    note::add(
                        self.db(w),
                        pair,
                        note(&format!("shared {}", k % 4), Visibility::Shared, attach),
                    )
                    .unwrap();
                } else {
                    let c = self.canary();
                    let n =
                        note::add(self.db(w), pair, note(&c, Visibility::Private, attach)).unwrap();
                    self.canaried.insert((w, n.id.to_string()));
                }
            }
            Op::EditNote(w, i, k) => {
                if let Some(n) = pick(&note::list(self.db(w), pair).unwrap(), i) {
                    let body = if n.visibility == Visibility::Shared {
                        format!("shared {}", k % 4)
                    } else {
                        self.canaried.insert((w, n.id.to_string()));
                        self.canary()
                    };
                    note::edit(
                        self.db(w),
                        n.id,
                        NotePatch {
                            body: Some(body),
                            ..NotePatch::default()
                        },
                    )
                    .unwrap();
                }
            }
            Op::Unshare(w, i) => {
                let shared: Vec<_> = note::list(self.db(w), pair)
                    .unwrap()
                    .into_iter()
                    .filter(|n| n.visibility == Visibility::Shared)
                    .collect();
                if let Some(n) = pick(&shared, i) {
                    note::edit(
                        self.db(w),
                        n.id,
                        NotePatch {
                            visibility: Some(Visibility::Private),
                            ..NotePatch::default()
                        },
                    )
                    .unwrap();
                    let c = self.canary();
                    note::edit(
                        self.db(w),
                        n.id,
                        NotePatch {
                            body: Some(c),
                            ..NotePatch::default()
                        },
                    )
                    .unwrap();
                    self.canaried.insert((w, n.id.to_string()));
                }
            }
            Op::Reshare(w, i) => {
                let ok: Vec<_> = note::list(self.db(w), pair)
                    .unwrap()
                    .into_iter()
                    .filter(|n| {
                        n.visibility == Visibility::Private
                            && !self.canaried.contains(&(w, n.id.to_string()))
                    })
                    .collect();
                if let Some(n) = pick(&ok, i) {
                    note::edit(
                        self.db(w),
                        n.id,
                        NotePatch {
                            visibility: Some(Visibility::Shared),
                            ..NotePatch::default()
                        },
                    )
                    .unwrap();
                }
            }
            Op::DeleteNote(w, i) => {
                if let Some(n) = pick(&note::list(self.db(w), pair).unwrap(), i) {
                    note::delete(self.db(w), n.id).unwrap();
                    self.gone[Self::side(w)].insert(n.id.to_string());
                }
            }
            Op::Mark(w, i) => {
                if let Some(c) = pick(&criterion::list(self.db(w), pair).unwrap(), i) {
                    criterion::mark_met(self.db(w), c.id, MarkMet::default()).unwrap();
                }
            }
            Op::Unmark(w, i) => {
                if let Some(c) = pick(&criterion::list(self.db(w), pair).unwrap(), i) {
                    criterion::unmark(self.db(w), c.id).unwrap();
                }
            }
            Op::EditPair(w, k) => {
                if k % 3 == 0 {
                    let change = if k % 2 == 0 {
                        StatusChange::Pause
                    } else {
                        StatusChange::Resume
                    };
                    let _ = pair::set_status(self.db(w), pair, change);
                } else {
                    pair::edit(
                        self.db(w),
                        pair,
                        PairPatch {
                            cadence_days: Some(1 + u32::from(k % 30)),
                            my_tz: (k % 4 == 0).then(|| tz("Europe/Paris")),
                            ..PairPatch::default()
                        },
                    )
                    .unwrap();
                }
            }
            Op::Export(w) => {
                let f = self.export(w);
                self.outbox[Self::side(w)].push(f);
            }
            Op::Import(w, i) => {
                let from = Self::side(!w);
                if !self.outbox[from].is_empty() {
                    let f = self.outbox[from][i.index(self.outbox[from].len())].clone();
                    self.import(w, &f)?;
                }
            }
        }
        Ok(())
    }

    /// Exchange the latest files both ways, then once more.
    fn settle(&mut self) -> Result<(), TestCaseError> {
        let fb = self.export(true);
        self.import(false, &fb)?;
        let fa = self.export(false);
        self.import(true, &fa)?;
        Ok(())
    }
}

/// Every id of a shared row of the pair on one side (any note, private too).
fn ids(db: &Db, pair: PairId) -> HashSet<String> {
    db.read(|c| {
        let mut st = c.prepare(
            "SELECT id FROM goal WHERE pair_id = ?1
             UNION ALL SELECT m.id FROM milestone m JOIN goal g ON g.id = m.goal_id WHERE g.pair_id = ?1
             UNION ALL SELECT id FROM meeting WHERE pair_id = ?1
             UNION ALL SELECT id FROM action_item WHERE pair_id = ?1
             UNION ALL SELECT id FROM note WHERE pair_id = ?1
             UNION ALL SELECT id FROM criterion WHERE pair_id = ?1",
        )?;
        let rows = st.query_map([pair.to_string()], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    })
    .unwrap()
}

/// The ids of the pair's notes that are private on one side.
fn private_notes(db: &Db, pair: PairId) -> HashSet<String> {
    db.read(|c| {
        let mut st =
            c.prepare("SELECT id FROM note WHERE pair_id = ?1 AND visibility <> 'shared'")?;
        let rows = st.query_map([pair.to_string()], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    })
    .unwrap()
}

/// A copy of a database, opened from a file of its own.
fn clone_db(db: &Db) -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trellis.db");
    db.read(|c| {
        c.execute("VACUUM INTO ?1", [path.to_str().unwrap()])?;
        Ok(())
    })
    .unwrap();
    let copy = Db::open(&path).unwrap();
    (dir, copy)
}

fn config(default_cases: u32) -> ProptestConfig {
    ProptestConfig {
        // PROPTEST_CASES=1000 for a deeper run.
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(default_cases),
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(64))]

    /// Random edits on both sides, random exchanges (dropped, duplicated,
    /// reordered, replayed): every import is idempotent, nothing deleted
    /// comes back, no private text is ever in a file, and after a final
    /// exchange both hold the same shared state.
    #[test]
    fn two_replicas_converge_whatever_the_schedule(ops in proptest::collection::vec(op(), 1..60)) {
        let mut world = World::new();
        for op in &ops {
            world.apply(op)?;
        }
        world.settle()?;
        let (a, b) = (digest(&world.t.a, world.t.pair), digest(&world.t.b, world.t.pair));
        prop_assert_eq!(a, b, "the replicas differ after a full exchange");
        let all: HashSet<String> = world.gone[0].union(&world.gone[1]).cloned().collect();
        for side in [false, true] {
            let s = World::side(side);
            let present = ids(world.db(side), world.t.pair);
            let private = private_notes(world.db(side), world.t.pair);
            for id in &all {
                // Deleted on either side means gone on both, except a note
                // that was private on this side when the partner's tombstone
                // came (see `kept_private`): it stays, but only private, and
                // never if this side deleted it itself.
                let excused = world.kept_private[s].contains(id)
                    && !world.gone[s].contains(id)
                    && private.contains(id);
                prop_assert!(!present.contains(id) || excused, "deleted item {} came back", id);
            }
        }
        // Quiet once settled: another round brings nothing new.
        let f = sync::export(&world.t.a, world.t.pair).unwrap();
        prop_assert!(sync::import(&world.t.b, &f).unwrap().up_to_date);
    }
}

proptest! {
    #![proptest_config(config(24))]

    /// Three update files of A, imported into copies of B in all six orders:
    /// the same shared state every time.
    #[test]
    fn the_order_of_three_files_does_not_matter(
        ops in proptest::collection::vec(op(), 3..45),
        cuts in proptest::collection::vec(any::<prop::sample::Index>(), 3),
    ) {
        let mut world = World::new();
        let mut at: Vec<usize> = cuts.iter().map(|c| c.index(ops.len())).collect();
        at.sort_unstable();
        let mut files = Vec::new();
        for (n, op) in ops.iter().enumerate() {
            world.apply(op)?;
            while files.len() < 3 && at[files.len()] == n {
                files.push(world.export(false));
            }
        }
        let orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
        let mut digests = Vec::new();
        for order in orders {
            let (_dir, copy) = clone_db(&world.t.b);
            for i in order {
                sync::import(&copy, &files[i]).map_err(|e| TestCaseError::fail(e.to_string()))?;
            }
            digests.push(digest(&copy, world.t.pair));
        }
        for d in &digests[1..] {
            prop_assert_eq!(d, &digests[0], "the import order changed the result");
        }
    }
}
