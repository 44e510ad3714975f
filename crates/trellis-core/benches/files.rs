//! Files: the organizer's report over 100,000 survey files beside plain
//! serde_json parsing of the same bytes, and the import of a pair-sync
//! update file of about 10,000 records.
//!
//! `cargo bench -p trellis-core --bench files`; the survey files are
//! generated once into `target/bench-data/surveys-100000`. `cargo test` runs
//! each once on 200 files and a small sync file.

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
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{Figure, Latency};
use criterion::{BatchSize, Criterion, SamplingMode, Throughput};
use trellis_core::pair::{self, NewPair, Role};
use trellis_core::report::{self, ReportOptions};
use trellis_core::{sync, Db};
use trellis_dev as dataset;

const PROGRAM: &str = "openstack-mentoring";

/// The survey files, generated once per count.
fn survey_dir(n: u32) -> (PathBuf, u64) {
    let dir = common::data_dir().join(format!("surveys-{n}-gen{}", dataset::VERSION));
    let done = dir.join("bytes.txt");
    if let Ok(s) = std::fs::read_to_string(&done) {
        return (dir, s.trim().parse().unwrap());
    }
    let _ = std::fs::remove_dir_all(&dir);
    eprintln!("writing {n} survey files into {} (once)…", dir.display());
    let db = Db::open_in_memory().unwrap();
    let bytes = dataset::write_survey_files(&db, PROGRAM, &dir, common::SEED, n).unwrap();
    // Not a .json file: the report does not read it.
    std::fs::write(&done, bytes.to_string()).unwrap();
    (dir, bytes)
}

/// Read every file and parse it as JSON, nothing more: the floor.
fn plain_parse(files: &[PathBuf]) -> usize {
    let mut n = 0;
    for f in files {
        let bytes = std::fs::read(f).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        n += usize::from(v.is_object());
    }
    n
}

/// Times of single calls, as figures.
fn figure_of(times: &mut [Duration]) -> Latency {
    times.sort();
    let at = |q: f64| {
        let i = ((times.len() as f64 - 1.0) * q).round() as usize;
        times[i].as_secs_f64() * 1e6
    };
    Latency {
        calls: times.len(),
        median_us: at(0.5),
        p99_us: at(0.99),
    }
}

fn time_calls(runs: usize, mut f: impl FnMut()) -> Latency {
    if !common::timing() {
        f();
        return Latency {
            calls: 1,
            median_us: 0.0,
            p99_us: 0.0,
        };
    }
    f(); // warm the page cache
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    figure_of(&mut times)
}

/// Two replicas of one pair: `a` (the mentor's) holds a generated history
/// made after `b` (the mentee's copy, at `b_path`) accepted the invite, so
/// that `a`'s update file brings `b` every record.
fn sync_pair(dir: &Path, meetings: u32) -> (Vec<u8>, PathBuf) {
    let a = Db::open_in_memory().unwrap();
    let p = pair::add(
        &a,
        NewPair {
            my_role: Some(Role::Mentor),
            partner_name: "Sam Rivera".into(),
            program_id: PROGRAM.into(),
            cohort_id: "first-patch".into(),
            match_date: "2025-06-01".parse().unwrap(),
            my_tz: "UTC".parse().unwrap(),
            partner_tz: "UTC".parse().unwrap(),
            cadence_days: 7,
            own_criteria: vec![],
        },
    )
    .unwrap();
    let invite = sync::invite(&a, p.id, "Ada").unwrap();
    let b_dir = dir.join("b");
    {
        let b = Db::open_data_dir(&b_dir).unwrap();
        let acc = sync::accept(&b, &invite.file, &invite.code).unwrap();
        sync::import_answer(&a, &acc.answer).unwrap();
        b.read(|c| {
            c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
            Ok(())
        })
        .unwrap();
    }
    dataset::fill_pair(
        &a,
        common::SEED,
        p.id,
        meetings,
        meetings * 7 / 3,
        meetings * 3,
        meetings / 3,
        common::until(),
    )
    .unwrap();
    let update = sync::export(&a, p.id).unwrap();
    (update, b_dir.join(trellis_core::db::DB_FILE))
}

/// A fresh copy of the mentee's database, to import into.
fn fresh_b(b_file: &Path) -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(b_file, dir.path().join(trellis_core::db::DB_FILE)).unwrap();
    let db = Db::open_data_dir(dir.path()).unwrap();
    (dir, db)
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let heavy = common::timing() && common::scale() == dataset::Scale::Heavy;
    let mut figures = Vec::new();
    // TRELLIS_BENCH_ONLY=report or =sync: one of the two.
    let only = std::env::var("TRELLIS_BENCH_ONLY").unwrap_or_default();

    // --- The organizer's report.
    if "report".contains(only.as_str()) {
        let n = if heavy { 100_000 } else { 200 };
        let (dir, bytes) = survey_dir(n);
        let files = report::survey_files(std::slice::from_ref(&dir)).unwrap();
        assert_eq!(files.len(), n as usize);
        let db = Db::open_in_memory().unwrap();
        let opts = ReportOptions::default();
        let build = || {
            let r = report::build(&db, &files, &opts, &mut |_| {}).unwrap();
            assert_eq!(r.accepted, n, "{:?}", r.refused.first());
            black_box(r);
        };
        {
            let mut g = c.benchmark_group("files");
            g.sampling_mode(SamplingMode::Flat)
                .sample_size(10)
                .warm_up_time(Duration::from_millis(100))
                .measurement_time(Duration::from_secs(20))
                .throughput(Throughput::Bytes(bytes));
            g.bench_function(format!("report over {n} survey files"), |b| b.iter(build));
            g.bench_function(format!("serde_json parse of the same {n} files"), |b| {
                b.iter(|| black_box(plain_parse(&files)))
            });
            g.finish();
        }
        let report_t = time_calls(5, build);
        let plain_t = time_calls(5, || {
            black_box(plain_parse(&files));
        });
        let mb = bytes as f64 / 1e6;
        let share = plain_t.median_us / report_t.median_us.max(0.001) * 100.0;
        figures.push(Figure {
            name: format!("organizer report, {n} survey files ({mb:.0} MB)"),
            trellis: report_t,
            baseline: Some(plain_t),
            note: format!(
                "{:.0} MB/s vs {:.0} MB/s plain serde_json: {share:.0}% of its throughput",
                mb / (report_t.median_us.max(0.001) / 1e6),
                mb / (plain_t.median_us.max(0.001) / 1e6)
            ),
        });
    }

    // --- Pair sync: import of an update file.
    if "sync".contains(only.as_str()) {
        let tmp = tempfile::tempdir().unwrap();
        let (update, b_file) = sync_pair(tmp.path(), if heavy { 1500 } else { 20 });
        let (_d, probe) = fresh_b(&b_file);
        let records = sync::import(&probe, &update).unwrap();
        let total = records.inserted + records.updated;
        {
            let mut g = c.benchmark_group("sync");
            g.sample_size(10)
                .warm_up_time(Duration::from_millis(100))
                .measurement_time(Duration::from_secs(10));
            g.bench_function(format!("import of a {total}-record update file"), |b| {
                b.iter_batched(
                    || fresh_b(&b_file),
                    |(_dir, db)| black_box(sync::import(&db, &update).unwrap()),
                    BatchSize::PerIteration,
                )
            });
            g.finish();
        }
        let import_t = if common::timing() {
            let mut times: Vec<Duration> = (0..10)
                .map(|_| {
                    let (_dir, db) = fresh_b(&b_file);
                    let t = Instant::now();
                    black_box(sync::import(&db, &update).unwrap());
                    t.elapsed()
                })
                .collect();
            figure_of(&mut times)
        } else {
            Latency {
                calls: 1,
                median_us: 0.0,
                p99_us: 0.0,
            }
        };
        figures.push(Figure {
            name: format!(
                "sync import, {total}-record update file ({} KB)",
                update.len() / 1024
            ),
            trellis: import_t,
            baseline: None,
            note: format!(
                "{} inserted, {} updated; target ≤ 200 ms",
                records.inserted, records.updated
            ),
        });
    }

    c.final_summary();
    common::write_figures(
        "files",
        "Files: report throughput vs plain serde_json (baseline); sync import into a fresh copy of the partner's database.",
        &figures,
    );
}
