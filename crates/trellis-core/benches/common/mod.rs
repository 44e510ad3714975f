//! What the benchmarks share: which dataset (heavy under `cargo bench`, tiny
//! when `cargo test` runs a bench once), the cached heavy database, per-call
//! latency figures, and where the figures are written.

#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "benchmark code: a panic is the failure report"
)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use trellis_core::Db;
use trellis_dev::{self as dataset, Generated, Scale};

pub const SEED: u64 = 1;

/// Last day of the generated history. Fixed, so that the cached database and
/// every figure are the same from one day to the next.
pub fn until() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
}

/// "Now" for the reads that take it: the evening of the last day.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 23, 0, 0).unwrap()
}

/// True under `cargo bench` (cargo passes `--bench`); false when `cargo
/// test` runs the bench binary, where criterion runs each benchmark once.
pub fn timing() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// The dataset's scale: `TRELLIS_BENCH_SCALE` (tiny / heavy) if set, else
/// heavy when timing and tiny when only checking that the bench runs.
pub fn scale() -> Scale {
    match std::env::var("TRELLIS_BENCH_SCALE") {
        Ok(s) => Scale::parse(&s).expect("TRELLIS_BENCH_SCALE is tiny or heavy"),
        Err(_) if timing() => Scale::Heavy,
        Err(_) => Scale::Tiny,
    }
}

/// `target/bench-data`: generated data kept between runs, and the figures.
pub fn data_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let dir = target.join("bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A data folder of its own holding a generated database, opened through
/// the core, with what was generated. The heavy database is generated once
/// (about a minute) and cached under `target/bench-data`, keyed by seed, end
/// date, schema version and generator version; each run works on a copy.
pub struct Dataset {
    pub dir: tempfile::TempDir,
    pub db: Db,
    pub generated: Generated,
}

impl Dataset {
    pub fn db_path(&self) -> PathBuf {
        self.dir.path().join(trellis_core::db::DB_FILE)
    }

    /// A bare rusqlite connection on the same file, set up as the core sets
    /// up its own (WAL, synchronous FULL, foreign keys): the baseline's.
    pub fn bare(&self) -> rusqlite::Connection {
        let c = rusqlite::Connection::open(self.db_path()).unwrap();
        c.pragma_update(None, "synchronous", "FULL").unwrap();
        c.pragma_update(None, "foreign_keys", "ON").unwrap();
        c.busy_timeout(Duration::from_secs(5)).unwrap();
        c
    }
}

pub fn dataset(scale: Scale) -> Dataset {
    let dir = tempfile::tempdir().unwrap();
    let generated = match scale {
        Scale::Tiny => {
            let db = Db::open_data_dir(dir.path()).unwrap();
            dataset::generate(&db, SEED, scale, until()).unwrap()
        }
        Scale::Heavy => {
            let cache = data_dir().join(format!(
                "heavy-seed{SEED}-{}-schema{}-gen{}",
                until(),
                trellis_core::db::SCHEMA_VERSION,
                dataset::VERSION
            ));
            let db_file = cache.join(trellis_core::db::DB_FILE);
            let meta = cache.join("generated.json");
            if !meta.exists() {
                let _ = std::fs::remove_dir_all(&cache);
                eprintln!(
                    "generating the heavy dataset into {} (once)…",
                    cache.display()
                );
                let started = Instant::now();
                let db = Db::open_data_dir(&cache).unwrap();
                let g = dataset::generate(&db, SEED, scale, until()).unwrap();
                db.read(|c| {
                    c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
                    Ok(())
                })
                .unwrap();
                drop(db);
                std::fs::write(&meta, serde_json::to_vec(&g).unwrap()).unwrap();
                eprintln!("generated in {:.0} s", started.elapsed().as_secs_f64());
            }
            std::fs::copy(&db_file, dir.path().join(trellis_core::db::DB_FILE)).unwrap();
            serde_json::from_slice::<GeneratedFile>(&std::fs::read(&meta).unwrap())
                .unwrap()
                .into_generated()
        }
    };
    let db = Db::open_data_dir(dir.path()).unwrap();
    Dataset { dir, db, generated }
}

/// `Generated` as written to the cache.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct GeneratedFile {
    seed: u64,
    until: NaiveDate,
    pairs: u32,
    meetings: u32,
    actions: u32,
    notes: u32,
    goals: u32,
    milestones: u32,
    criteria: u32,
    heaviest_pair: trellis_core::id::PairId,
    heaviest_meetings: u32,
    heaviest_notes: u32,
    heaviest_goals: u32,
}

impl GeneratedFile {
    fn into_generated(self) -> Generated {
        Generated {
            seed: self.seed,
            scale: "heavy",
            until: self.until,
            pairs: self.pairs,
            meetings: self.meetings,
            actions: self.actions,
            notes: self.notes,
            goals: self.goals,
            milestones: self.milestones,
            criteria: self.criteria,
            heaviest_pair: self.heaviest_pair,
            heaviest_meetings: self.heaviest_meetings,
            heaviest_notes: self.heaviest_notes,
            heaviest_goals: self.heaviest_goals,
        }
    }
}

/// Per-call latency of one operation.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Latency {
    pub calls: usize,
    pub median_us: f64,
    pub p99_us: f64,
}

/// Time single calls of `f`: a few untimed calls first, then up to `max`
/// timed ones or about `budget`, whichever comes first (at least 20). Under
/// `cargo test` one call, untimed in effect.
pub fn latency(max: usize, budget: Duration, mut f: impl FnMut()) -> Latency {
    if !timing() {
        f();
        return Latency {
            calls: 1,
            median_us: 0.0,
            p99_us: 0.0,
        };
    }
    for _ in 0..max.min(20) {
        f();
    }
    let mut times = Vec::with_capacity(max);
    let started = Instant::now();
    while times.len() < max && (times.len() < 20 || started.elapsed() < budget) {
        let t = Instant::now();
        f();
        times.push(t.elapsed());
    }
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

/// Calls in one turn of [`latency_pair`].
pub const BLOCK: usize = 20;

/// Time single calls of `f` and of its baseline `g`, taken in turns of
/// [`BLOCK`] calls each (f×20, g×20, f×20, …), so that both see the same
/// machine: on a shared two-core box the load of other work drifts, and a
/// whole pass of one after a whole pass of the other measured that drift as
/// much as the code. (Turns of single calls measured something else again:
/// each call then ran with the other's data in the CPU caches.) Limits as
/// [`latency`].
pub fn latency_pair(
    max: usize,
    budget: Duration,
    mut f: impl FnMut(),
    mut g: impl FnMut(),
) -> (Latency, Latency) {
    if !timing() {
        f();
        g();
        let one = Latency {
            calls: 1,
            median_us: 0.0,
            p99_us: 0.0,
        };
        return (one, one);
    }
    for _ in 0..max.min(20) {
        f();
        g();
    }
    let mut tf = Vec::with_capacity(max);
    let mut tg = Vec::with_capacity(max);
    let started = Instant::now();
    while tf.len() < max && (tf.len() < 20 || started.elapsed() < budget * 2) {
        for _ in 0..BLOCK.min(max - tf.len()) {
            let t = Instant::now();
            f();
            tf.push(t.elapsed());
        }
        for _ in 0..BLOCK.min(max - tg.len()) {
            let t = Instant::now();
            g();
            tg.push(t.elapsed());
        }
    }
    (summarise(&mut tf), summarise(&mut tg))
}

fn summarise(times: &mut [Duration]) -> Latency {
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

/// One line of the figures: an operation of Trellis beside its baseline.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Figure {
    pub name: String,
    pub trellis: Latency,
    pub baseline: Option<Latency>,
    pub note: String,
}

impl Figure {
    pub fn ratio(&self) -> Option<f64> {
        self.baseline
            .map(|b| self.trellis.median_us / b.median_us.max(0.001))
    }
}

fn fmt_us(us: f64) -> String {
    if us >= 10_000.0 {
        format!("{:.0} ms", us / 1000.0)
    } else if us >= 1000.0 {
        format!("{:.2} ms", us / 1000.0)
    } else {
        format!("{us:.0} µs")
    }
}

/// Write the figures as a Markdown table (`<name>.md`) and JSON
/// (`<name>.json`) into `target/bench-data`, and print the table.
pub fn write_figures(name: &str, header: &str, figures: &[Figure]) {
    if !timing() {
        return;
    }
    let mut md = format!("{header}\n\n");
    md.push_str(
        "| operation | median | p99 | baseline median | baseline p99 | ratio | calls | note |\n\
         |---|---:|---:|---:|---:|---:|---:|---|\n",
    );
    for f in figures {
        let (bm, bp) = f.baseline.map_or(("—".into(), "—".into()), |b| {
            (fmt_us(b.median_us), fmt_us(b.p99_us))
        });
        let ratio = f.ratio().map_or("—".into(), |r| format!("{r:.2}×"));
        md.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} |\n",
            f.name,
            fmt_us(f.trellis.median_us),
            fmt_us(f.trellis.p99_us),
            bm,
            bp,
            ratio,
            f.trellis.calls,
            f.note
        ));
    }
    let dir = data_dir();
    std::fs::write(dir.join(format!("{name}.md")), &md).unwrap();
    std::fs::write(
        dir.join(format!("{name}.json")),
        serde_json::to_vec_pretty(figures).unwrap(),
    )
    .unwrap();
    println!("\n{md}");
}
