//! Every read and write behind the screens, on the heavy dataset (50 pairs,
//! ten years), each beside a bare-rusqlite baseline that fetches the same
//! rows with hand-written SQL. The per-pair screens use the pair with the
//! longest history: their worst case.
//!
//! `cargo bench -p trellis-core --bench screens` times them (criterion, then
//! a per-call latency pass for the median and p99 of the figures table in
//! `target/bench-data/screens.md`). `cargo test` runs each once on the tiny
//! dataset.

#![allow(
    clippy::disallowed_methods,
    reason = "tests and benches write and open damaged or scratch files on purpose"
)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "benchmark code: a panic is the failure report"
)]

mod common;

use std::hint::black_box;
use std::time::Duration;

use common::{Dataset, Figure, Latency};
use criterion::Criterion;
use rusqlite::{params, Connection, Row};
use trellis_core::action::NewAction;
use trellis_core::checkin;
use trellis_core::criterion as crit;
use trellis_core::id::{CriterionId, GoalId, PairId};
use trellis_core::meeting::{self, NewMeeting};
use trellis_core::note::{self, Attachment, NewNote, Visibility};
use trellis_core::pair::Role;
use trellis_core::record::{self, RecordFormat};
use trellis_core::{goal, search, status, survey};

/// Rows as the baseline reads them: every column as plain values, no domain
/// types. What matters is that the same rows are fetched.
type Values = Vec<rusqlite::types::Value>;

fn values(r: &Row<'_>) -> rusqlite::Result<Values> {
    let n = r.as_ref().column_count();
    (0..n).map(|i| r.get(i)).collect()
}

fn all(c: &Connection, sql: &str, p: impl rusqlite::Params) -> Vec<Values> {
    let mut st = c.prepare_cached(sql).unwrap();
    let rows = st.query_map(p, values).unwrap();
    rows.collect::<rusqlite::Result<_>>().unwrap()
}

const PAGE: u32 = 50;

// ------------------------------------------------------------ baselines --

fn base_home(c: &Connection, today: &str) -> Vec<Values> {
    all(
        c,
        "SELECT p.id, p.my_role, p.partner_name, p.program_id, p.pack_version, p.cohort_id, p.match_date,
                p.my_tz, p.partner_tz, p.cadence_days, p.status, p.end_reason, p.status_changed_on,
                p.created_at, p.updated_at,
                (SELECT MAX(starts_at) FROM meeting m WHERE m.pair_id = p.id),
                (SELECT COUNT(*) FROM action_item a WHERE a.pair_id = p.id AND a.done = 0),
                (SELECT COUNT(*) FROM action_item a WHERE a.pair_id = p.id AND a.done = 0
                     AND a.due_date IS NOT NULL AND a.due_date < ?1),
                (SELECT COALESCE(SUM(met), 0) FROM criterion c WHERE c.pair_id = p.id),
                (SELECT COUNT(*) FROM criterion c WHERE c.pair_id = p.id),
                (SELECT group_concat(number) FROM checkin k WHERE k.pair_id = p.id AND k.exported_at IS NOT NULL)
         FROM pair p ORDER BY p.match_date DESC, p.created_at DESC",
        [today],
    )
}

fn base_summary(c: &Connection, pair: &str, today: &str) -> Vec<Values> {
    all(
        c,
        "SELECT p.id, p.my_role, p.partner_name, p.program_id, p.pack_version, p.cohort_id, p.match_date,
                p.my_tz, p.partner_tz, p.cadence_days, p.status, p.end_reason, p.status_changed_on,
                p.created_at, p.updated_at,
                (SELECT MAX(starts_at) FROM meeting m WHERE m.pair_id = p.id),
                (SELECT COUNT(*) FROM action_item a WHERE a.pair_id = p.id AND a.done = 0),
                (SELECT COUNT(*) FROM action_item a WHERE a.pair_id = p.id AND a.done = 0
                     AND a.due_date IS NOT NULL AND a.due_date < ?2),
                (SELECT COALESCE(SUM(met), 0) FROM criterion c WHERE c.pair_id = p.id),
                (SELECT COUNT(*) FROM criterion c WHERE c.pair_id = p.id),
                (SELECT group_concat(number) FROM checkin k WHERE k.pair_id = p.id AND k.exported_at IS NOT NULL)
         FROM pair p WHERE p.id = ?1",
        params![pair, today],
    )
}

/// Goals with their milestones (one row per milestone) and criterion links.
fn base_goals(c: &Connection, pair: &str) -> Vec<Values> {
    all(
        c,
        "SELECT g.id, g.pair_id, g.title, g.why, g.status, g.target_date, g.achieved_on, g.created_at,
                g.updated_at, m.id, m.position, m.text, m.done, m.done_on,
                (SELECT group_concat(criterion_id) FROM goal_criterion gc WHERE gc.goal_id = g.id)
         FROM goal g LEFT JOIN milestone m ON m.goal_id = g.id
         WHERE g.pair_id = ?1 ORDER BY g.created_at, g.id, m.position, m.id",
        [pair],
    )
}

/// The newest page of goals, with milestones (one row per milestone).
fn base_goal_page(c: &Connection, pair: &str) -> Vec<Values> {
    all(
        c,
        "SELECT g.id, g.pair_id, g.title, g.why, g.status, g.target_date, g.achieved_on, g.created_at,
                g.updated_at, m.id, m.position, m.text, m.done, m.done_on,
                (SELECT group_concat(criterion_id) FROM goal_criterion gc WHERE gc.goal_id = g.id)
         FROM (SELECT * FROM goal WHERE pair_id = ?1 ORDER BY created_at DESC, id DESC LIMIT ?2) g
         LEFT JOIN milestone m ON m.goal_id = g.id
         ORDER BY g.created_at DESC, g.id DESC, m.position, m.id",
        params![pair, PAGE + 1],
    )
}

fn base_criteria(c: &Connection, pair: &str) -> Vec<Values> {
    all(
        c,
        "SELECT id, pair_id, pack_criterion_id, position, text, met, met_on, evidence, confirmed_by
         FROM criterion WHERE pair_id = ?1 ORDER BY position, id",
        [pair],
    )
}

fn base_notes(c: &Connection, pair: &str, limit: i64) -> Vec<Values> {
    all(
        c,
        "SELECT id, pair_id, body, visibility, goal_id, for_next_meeting, meeting_id, created_at, updated_at
         FROM note WHERE pair_id = ?1 ORDER BY created_at DESC, id DESC LIMIT ?2",
        params![pair, limit],
    )
}

fn base_meeting_page(c: &Connection, pair: &str) -> Vec<Values> {
    all(
        c,
        "SELECT m.id, m.pair_id, m.starts_at, m.duration_min, m.mode, m.agenda, m.notes, m.created_at, m.updated_at,
                (SELECT json_group_array(goal_id) FROM meeting_goal WHERE meeting_id = m.id),
                (SELECT json_group_array(json_array(id, text, owner, due_date, done, done_on, created_at))
                 FROM action_item WHERE meeting_id = m.id),
                (SELECT COUNT(*) FROM meeting WHERE pair_id = ?1)
         FROM meeting m WHERE m.pair_id = ?1 ORDER BY m.starts_at DESC, m.id DESC LIMIT 20",
        [pair],
    )
}

fn base_next(c: &Connection, pair: &str) -> Vec<Values> {
    all(
        c,
        "SELECT * FROM (
             SELECT 1 AS k, id, text AS t, owner AS o, due_date AS due, created_at AS at
             FROM action_item WHERE pair_id = ?1 AND done = 0
             UNION ALL
             SELECT 2, id, body, visibility, NULL, created_at FROM note
                 WHERE pair_id = ?1 AND for_next_meeting = 1 AND meeting_id IS NULL
             UNION ALL
             SELECT 3, NULL, MAX(starts_at), NULL, NULL, NULL FROM meeting WHERE pair_id = ?1)
         ORDER BY k, due IS NULL, due, at",
        [pair],
    )
}

fn base_search(c: &Connection, fts: &str) -> Vec<Values> {
    all(
        c,
        "SELECT s.kind, s.item_id, s.pair_id, p.partner_name,
                snippet(search_index, -1, char(1), char(2), '…', 12)
         FROM search_index s JOIN pair p ON p.id = s.pair_id
         WHERE search_index MATCH ?1 ORDER BY rank LIMIT 50",
        [fts],
    )
}

/// The whole record of a pair: every row the export reads.
fn base_record(c: &Connection, pair: &str) -> usize {
    let mut n = base_criteria(c, pair).len() + base_goals(c, pair).len();
    n += all(
        c,
        "SELECT m.id, m.pair_id, m.starts_at, m.duration_min, m.mode, m.agenda, m.notes, m.created_at, m.updated_at,
                (SELECT json_group_array(goal_id) FROM meeting_goal WHERE meeting_id = m.id)
         FROM meeting m WHERE m.pair_id = ?1 ORDER BY m.starts_at, m.id",
        [pair],
    )
    .len();
    n += all(
        c,
        "SELECT id, pair_id, meeting_id, text, owner, due_date, done, done_on, created_at
         FROM action_item WHERE pair_id = ?1 ORDER BY created_at, id",
        [pair],
    )
    .len();
    n + base_notes(c, pair, -1).len()
}

fn base_survey(c: &Connection, pair: &str, now: &str) -> Vec<Values> {
    all(
        c,
        "SELECT k.answers, p.cohort_id, p.match_date, p.my_role, p.status,
                (SELECT COUNT(*) FROM meeting WHERE pair_id = ?1 AND starts_at <= ?2),
                (SELECT COUNT(*) FROM meeting WHERE pair_id = ?1 AND starts_at > date(?2, '-28 days') AND starts_at <= ?2),
                (SELECT COALESCE(SUM(status <> 'dropped'), 0) FROM goal WHERE pair_id = ?1),
                (SELECT COALESCE(SUM(status = 'achieved'), 0) FROM goal WHERE pair_id = ?1),
                (SELECT json_group_array(json_array(pack_criterion_id, met)) FROM criterion
                 WHERE pair_id = ?1 AND pack_criterion_id IS NOT NULL)
         FROM checkin k JOIN pair p ON p.id = k.pair_id WHERE k.pair_id = ?1 AND k.number = 1",
        params![pair, now],
    )
}

fn base_add_note(c: &mut Connection, pair: &str, id: &str) {
    let tx = c
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .unwrap();
    tx.prepare_cached(
        "INSERT INTO note (id, pair_id, body, visibility, goal_id, for_next_meeting, meeting_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, 'shared', NULL, 0, NULL, ?4, ?4)",
    )
    .unwrap()
    .execute(params![id, pair, "Ask about the gerrit workflow next time.", "2026-06-01T20:00:00.000+00:00"])
    .unwrap();
    tx.commit().unwrap();
}

fn base_log_meeting(c: &mut Connection, pair: &str, goal: &str, ids: [String; 3]) {
    let at = "2026-06-01T10:00:00.000+00:00";
    let tx = c
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .unwrap();
    tx.prepare_cached(
        "INSERT INTO meeting (id, pair_id, starts_at, duration_min, mode, agenda, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, 45, 'video', ?4, ?5, ?3, ?3)",
    )
    .unwrap()
    .execute(params![ids[0], pair, at, "Review the patch", "Went through the review comments together."])
    .unwrap();
    tx.prepare_cached("INSERT INTO meeting_goal (meeting_id, goal_id) VALUES (?1, ?2)")
        .unwrap()
        .execute(params![ids[0], goal])
        .unwrap();
    let mut st = tx
        .prepare_cached(
            "INSERT INTO action_item (id, pair_id, meeting_id, text, owner, due_date, done, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, 'mentee', '2026-06-15', 0, ?5, ?5)",
        )
        .unwrap();
    for id in &ids[1..] {
        st.execute(params![id, pair, ids[0], "Push the next patch set", at])
            .unwrap();
    }
    drop(st);
    tx.prepare_cached(
        "UPDATE note SET meeting_id = ?2 WHERE pair_id = ?1 AND for_next_meeting = 1 AND meeting_id IS NULL",
    )
    .unwrap()
    .execute(params![pair, ids[0]])
    .unwrap();
    tx.commit().unwrap();
}

fn base_mark(c: &mut Connection, id: &str, at: &str) {
    let tx = c
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .unwrap();
    tx.prepare_cached(
        "UPDATE criterion SET met = 1, met_on = '2026-05-30', evidence = NULL, confirmed_by = 'mentee',
             updated_at = ?2 WHERE id = ?1",
    )
    .unwrap()
    .execute([id, at])
    .unwrap();
    tx.commit().unwrap();
}

fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

// ----------------------------------------------------------------- setup --

/// Answer the bench pair's first check-in with the suggested answers (what a
/// person does who accepts them), so that its survey file can be previewed.
fn answer_checkin(ds: &Dataset, pair: PairId) {
    let form = checkin::form(
        &ds.db,
        pair,
        Some(1),
        common::now(),
        trellis_core::lang::Lang::En,
    )
    .unwrap();
    let answers = form
        .questions
        .iter()
        .filter_map(|q| q.prefill.clone().map(|a| (q.id.clone(), a)))
        .collect();
    checkin::answer(&ds.db, pair, 1, answers).unwrap();
}

/// A bug number that occurs in the pair's notes: a rare search term.
fn rare_term(ds: &Dataset) -> String {
    ds.db
        .read(|c| {
            Ok(c.query_row(
                "SELECT substr(body, instr(body, 'See bug ') + 8, 7) FROM note WHERE body LIKE '%See bug %'
                 ORDER BY rowid LIMIT 1",
                [],
                |r| r.get::<_, String>(0),
            )?)
        })
        .unwrap()
}

struct Op<'a> {
    name: &'a str,
    note: &'a str,
    trellis: Box<dyn FnMut() + 'a>,
    baseline: Option<Box<dyn FnMut() + 'a>>,
    /// Most timed calls in the latency pass.
    calls: usize,
}

/// Empties SQLite's page cache of every connection the bench holds.
///
/// rusqlite's bundled SQLite is built with `SQLITE_ENABLE_MEMORY_MANAGEMENT`,
/// which makes all connections of a process share one page-cache LRU
/// (`pcache1`, `separateCache = 0`): a connection at its `cache_size` takes
/// the least recently used page of *any* connection. So the Trellis and the
/// baseline connection are not independent: after one of them reads a lot
/// (a common-word search ranks ~25,000 documents), the other's pages are
/// gone, and it misses its cache on every call after (a profile showed half
/// of its samples in `readDbPage`). Which side loses depended on the order
/// of the big reads, so it flipped between runs. Built with the flag undone
/// (`LIBSQLITE3_FLAGS=-USQLITE_ENABLE_MEMORY_MANAGEMENT`) the same run gave
/// 1.0× for both searches. Each operation therefore starts from empty caches
/// on both sides, and `run` times it on its own, criterion then latency.
type Fresh<'a> = &'a dyn Fn();

fn run(
    c: &mut Criterion,
    group: &str,
    ops: Vec<Op<'_>>,
    figures: &mut Vec<Figure>,
    fresh: Fresh<'_>,
) {
    let mut g = c.benchmark_group(group);
    g.sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    // TRELLIS_BENCH_ONLY=a,b: only the operations whose name has a or b.
    let only = std::env::var("TRELLIS_BENCH_ONLY").unwrap_or_default();
    let mut ops: Vec<Op<'_>> = ops
        .into_iter()
        .filter(|o| only.split(',').any(|w| o.name.contains(w)))
        .collect();
    for op in &mut ops {
        fresh();
        g.bench_function(format!("{}/trellis", op.name), |b| b.iter(&mut op.trellis));
        if let Some(base) = op.baseline.as_mut() {
            fresh();
            g.bench_function(format!("{}/baseline", op.name), |b| b.iter(&mut *base));
        }
    }
    g.finish();
    for op in &mut ops {
        fresh();
        let budget = Duration::from_secs(3);
        let (trellis, baseline): (Latency, Option<Latency>) = match op.baseline.as_mut() {
            Some(base) => {
                let (t, b) = common::latency_pair(op.calls, budget, &mut op.trellis, base);
                (t, Some(b))
            }
            None => (common::latency(op.calls, budget, &mut op.trellis), None),
        };
        figures.push(Figure {
            name: op.name.to_string(),
            trellis,
            baseline,
            note: op.note.to_string(),
        });
    }
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let scale = common::scale();
    let ds = common::dataset(scale);
    let g = ds.generated.clone();
    let pair = g.heaviest_pair;
    let ps = pair.to_string();
    let now = common::now();
    let today = now.date_naive().to_string();
    let now_s = trellis_core::time::stamp(now);
    answer_checkin(&ds, pair);
    let rare = rare_term(&ds);
    let bare = ds.bare();
    // TRELLIS_BENCH_CACHE_KIB=n: SQLite's page cache of both connections,
    // for experiments (SQLite's default is 2,000 KiB).
    if let Ok(kib) = std::env::var("TRELLIS_BENCH_CACHE_KIB") {
        let size = -kib
            .parse::<i64>()
            .expect("TRELLIS_BENCH_CACHE_KIB is a number");
        ds.db
            .read(|c| Ok(c.pragma_update(None, "cache_size", size)?))
            .unwrap();
        bare.pragma_update(None, "cache_size", size).unwrap();
    }
    let mut figures = Vec::new();
    eprintln!(
        "dataset: {} scale, {} pairs, {} meetings, {} action items, {} notes, {} goals, {} milestones; \
         bench pair: {} meetings, {} notes, {} goals",
        g.scale, g.pairs, g.meetings, g.actions, g.notes, g.goals, g.milestones,
        g.heaviest_meetings, g.heaviest_notes, g.heaviest_goals
    );

    let reads = vec![
        Op {
            name: "home status (status::overview)",
            note: "all 50 pairs",
            trellis: Box::new(|| {
                black_box(status::overview(&ds.db, now).unwrap());
            }),
            baseline: Some(Box::new(|| {
                black_box(base_home(&bare, &today));
            })),
            calls: 2000,
        },
        Op {
            name: "pair view, notes via note::list",
            note: "for_pair + goal::list + criterion::list + note::list (every note)",
            trellis: Box::new(|| {
                black_box(status::for_pair(&ds.db, pair, now).unwrap());
                black_box(goal::list(&ds.db, pair).unwrap());
                black_box(crit::list(&ds.db, pair).unwrap());
                black_box(note::list(&ds.db, pair).unwrap());
            }),
            baseline: Some(Box::new(|| {
                black_box(base_summary(&bare, &ps, &today));
                black_box(base_goals(&bare, &ps));
                black_box(base_criteria(&bare, &ps));
                black_box(base_notes(&bare, &ps, -1));
            })),
            calls: 200,
        },
        Op {
            name: "pair view, paginated",
            note: "for_pair + goal::page(0, 50) + criterion::list + note::page(0, 50)",
            trellis: Box::new(|| {
                black_box(status::for_pair(&ds.db, pair, now).unwrap());
                black_box(goal::page(&ds.db, pair, 0, PAGE).unwrap());
                black_box(crit::list(&ds.db, pair).unwrap());
                black_box(note::page(&ds.db, pair, 0, PAGE).unwrap());
            }),
            baseline: Some(Box::new(|| {
                black_box(base_summary(&bare, &ps, &today));
                black_box(base_goal_page(&bare, &ps));
                black_box(base_criteria(&bare, &ps));
                black_box(base_notes(&bare, &ps, i64::from(PAGE) + 1));
            })),
            calls: 2000,
        },
        Op {
            name: "pair view: status::for_pair",
            note: "part of the above",
            trellis: Box::new(|| {
                black_box(status::for_pair(&ds.db, pair, now).unwrap());
            }),
            baseline: Some(Box::new(|| {
                black_box(base_summary(&bare, &ps, &today));
            })),
            calls: 2000,
        },
        Op {
            name: "pair view: goal::list",
            note: "every goal with milestones",
            trellis: Box::new(|| {
                black_box(goal::list(&ds.db, pair).unwrap());
            }),
            baseline: Some(Box::new(|| {
                black_box(base_goals(&bare, &ps));
            })),
            calls: 500,
        },
        Op {
            name: "pair view: goal::page(0, 50)",
            note: "newest 50 goals with milestones",
            trellis: Box::new(|| {
                black_box(goal::page(&ds.db, pair, 0, PAGE).unwrap());
            }),
            baseline: Some(Box::new(|| {
                black_box(base_goal_page(&bare, &ps));
            })),
            calls: 2000,
        },
        Op {
            name: "pair view: note::page(0, 50)",
            note: "newest 50 notes",
            trellis: Box::new(|| {
                black_box(note::page(&ds.db, pair, 0, PAGE).unwrap());
            }),
            baseline: Some(Box::new(|| {
                black_box(base_notes(&bare, &ps, i64::from(PAGE) + 1));
            })),
            calls: 2000,
        },
        Op {
            name: "meeting log page (meeting::list 0, 20)",
            note: "20 newest meetings with goals and action items",
            trellis: Box::new(|| {
                black_box(meeting::list(&ds.db, pair, 0, 20).unwrap());
            }),
            baseline: Some(Box::new(|| {
                black_box(base_meeting_page(&bare, &ps));
            })),
            calls: 2000,
        },
        Op {
            name: "next meeting's agenda (meeting::next)",
            note: "open action items + notes set aside",
            trellis: Box::new(|| {
                black_box(meeting::next(&ds.db, pair).unwrap());
            }),
            baseline: Some(Box::new(|| {
                black_box(base_next(&bare, &ps));
            })),
            calls: 2000,
        },
        Op {
            name: "search, rare word (a bug number)",
            note: "search::query limit 50",
            trellis: Box::new(|| {
                black_box(search::query(&ds.db, &rare, 50).unwrap());
            }),
            baseline: Some(Box::new(|| {
                black_box(base_search(&bare, &format!("\"{rare}\"*")));
            })),
            calls: 2000,
        },
        Op {
            name: "search, common word (\"keystone\")",
            note: "search::query limit 50; ranks every match",
            trellis: Box::new(|| {
                black_box(search::query(&ds.db, "keystone", 50).unwrap());
            }),
            baseline: Some(Box::new(|| {
                black_box(base_search(&bare, "\"keystone\"*"));
            })),
            calls: 300,
        },
        Op {
            name: "export the record (markdown)",
            note: "the whole history, by design",
            trellis: Box::new(|| {
                black_box(record::export(&ds.db, pair, RecordFormat::Markdown, true).unwrap());
            }),
            baseline: Some(Box::new(|| {
                black_box(base_record(&bare, &ps));
            })),
            calls: 30,
        },
        Op {
            name: "survey export (survey::preview)",
            note: "check-in 1 of the bench pair",
            trellis: Box::new(|| {
                black_box(survey::preview(&ds.db, pair, 1, None).unwrap());
            }),
            baseline: Some(Box::new(|| {
                black_box(base_survey(&bare, &ps, &now_s));
            })),
            calls: 2000,
        },
    ];
    let shrink = |c: &rusqlite::Connection| c.execute_batch("PRAGMA shrink_memory").unwrap();
    let fresh = || {
        ds.db
            .read(|c| {
                shrink(c);
                Ok(())
            })
            .unwrap();
        shrink(&bare);
    };
    run(&mut c, "reads", reads, &mut figures, &fresh);

    // Writes last: they add to the bench pair's history.
    let goal_id: GoalId = goal::list(&ds.db, pair).unwrap().last().unwrap().id;
    let gs = goal_id.to_string();
    let crit_id: CriterionId = crit::list(&ds.db, pair).unwrap()[0].id;
    let cs = crit_id.to_string();
    let bare_w = std::cell::RefCell::new(ds.bare());
    let writes = vec![
        Op {
            name: "add note (note::add)",
            note: "one IMMEDIATE transaction, synchronous=FULL",
            trellis: Box::new(|| {
                black_box(
                    note::add(
                        &ds.db,
                        pair,
                        NewNote {
                            body: "Ask about the gerrit workflow next time.".into(),
                            visibility: Visibility::Shared,
                            attach: Attachment::None,
                        },
                    )
                    .unwrap(),
                );
            }),
            baseline: Some(Box::new(|| {
                base_add_note(&mut bare_w.borrow_mut(), &ps, &new_id());
            })),
            calls: 1000,
        },
        Op {
            name: "log meeting (meeting::log)",
            note: "1 goal, 2 action items, takes up notes set aside",
            trellis: Box::new(|| {
                black_box(
                    meeting::log(
                        &ds.db,
                        pair,
                        NewMeeting {
                            starts_at: "2026-06-01T10:00:00Z".into(),
                            duration_min: Some(45),
                            agenda: "Review the patch".into(),
                            notes: "Went through the review comments together.".into(),
                            goal_ids: vec![goal_id],
                            actions: (0..2)
                                .map(|_| NewAction {
                                    text: "Push the next patch set".into(),
                                    owner: Role::Mentee,
                                    due_date: Some("2026-06-15".into()),
                                })
                                .collect(),
                            ..NewMeeting::default()
                        },
                    )
                    .unwrap(),
                );
            }),
            baseline: Some(Box::new(|| {
                base_log_meeting(
                    &mut bare_w.borrow_mut(),
                    &ps,
                    &gs,
                    [new_id(), new_id(), new_id()],
                );
            })),
            calls: 1000,
        },
        Op {
            name: "mark criterion (criterion::mark_met)",
            note: "",
            trellis: Box::new(|| {
                black_box(
                    crit::mark_met(
                        &ds.db,
                        crit_id,
                        crit::MarkMet {
                            on: Some("2026-05-30".into()),
                            evidence: None,
                        },
                    )
                    .unwrap(),
                );
            }),
            baseline: Some(Box::new(|| {
                // A new value each call, as the core writes (its clock moves
                // on every write): a real change. SQLite skips rewriting a
                // row to identical bytes, and then commits without a sync.
                let at =
                    trellis_core::time::now().to_rfc3339_opts(chrono::SecondsFormat::Nanos, true);
                base_mark(&mut bare_w.borrow_mut(), &cs, &at);
            })),
            calls: 1000,
        },
    ];
    let fresh = || {
        fresh();
        shrink(&bare_w.borrow());
    };
    run(&mut c, "writes", writes, &mut figures, &fresh);

    c.final_summary();
    let header = format!(
        "Dataset: seed {}, {} pairs, {} meetings, {} action items, {} notes, {} goals, {} milestones, {} criteria. \
         Per-pair screens use the pair with the longest history ({} meetings, {} notes, {} goals).",
        g.seed, g.pairs, g.meetings, g.actions, g.notes, g.goals, g.milestones, g.criteria,
        g.heaviest_meetings, g.heaviest_notes, g.heaviest_goals
    );
    common::write_figures("screens", &header, &figures);
}
