//! The cost of encryption at rest (issue 14): the same reads and writes on
//! the same data, once on the plain database and once on a copy encrypted
//! with SQLCipher (`trellis encryption on`). Both run through the core.
//!
//! `cargo bench -p trellis-core --bench encryption` times them on the heavy
//! dataset; `cargo test` runs each once on the tiny one.

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

use criterion::Criterion;
use trellis_core::encryption::{self, NoKeyStore};
use trellis_core::note::{self, Attachment, NewNote, Visibility};
use trellis_core::{backup, search, status, Db};

const PASS: &str = "benchmark passphrase";

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let ds = common::dataset(common::scale());
    let pair = ds.generated.heaviest_pair;
    let now = common::now();
    // The encrypted twin: a copy of the same file, then `encryption on`.
    let enc_dir = tempfile::tempdir().unwrap();
    ds.db.truncate_wal().unwrap();
    std::fs::copy(ds.db_path(), enc_dir.path().join(trellis_core::db::DB_FILE)).unwrap();
    encryption::turn_on(enc_dir.path(), PASS, &NoKeyStore, false).unwrap();
    let key = encryption::unlock(enc_dir.path(), &NoKeyStore, Some(PASS), false)
        .unwrap()
        .unwrap();
    let enc = Db::open_data_dir_with(enc_dir.path(), Some(&key)).unwrap();
    let term = "review";

    let mut g = c.benchmark_group("encryption");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2));
    for (side, db) in [("plain", &ds.db), ("encrypted", &enc)] {
        g.bench_function(format!("home status/{side}"), |b| {
            b.iter(|| black_box(status::overview(db, now).unwrap()))
        });
        g.bench_function(format!("note::page(0, 50)/{side}"), |b| {
            b.iter(|| black_box(note::page(db, pair, 0, 50).unwrap()))
        });
        g.bench_function(format!("search '{term}'/{side}"), |b| {
            b.iter(|| black_box(search::query(db, term, 50).unwrap()))
        });
        g.bench_function(format!("note::add/{side}"), |b| {
            b.iter(|| {
                black_box(
                    note::add(
                        db,
                        pair,
                        NewNote {
                            body: "a quick note typed after the call".into(),
                            visibility: Visibility::Private,
                            attach: Attachment::None,
                        },
                    )
                    .unwrap(),
                )
            })
        });
    }
    // Opening (with the full integrity check: no seal in a fresh copy) and a
    // verified manual backup: the whole file read or written once.
    g.sample_size(10);
    g.bench_function("open, checked in full/plain", |b| {
        b.iter(|| {
            let _ = std::fs::remove_file(ds.dir.path().join("trellis.db-seal"));
            black_box(Db::open(&ds.db_path()).unwrap())
        })
    });
    g.bench_function("open, checked in full/encrypted", |b| {
        b.iter(|| {
            let _ = std::fs::remove_file(enc_dir.path().join("trellis.db-seal"));
            black_box(
                Db::open_with(&enc_dir.path().join(trellis_core::db::DB_FILE), Some(&key)).unwrap(),
            )
        })
    });
    g.bench_function("backup::now/plain", |b| {
        b.iter(|| black_box(backup::now(&ds.db).unwrap()))
    });
    g.bench_function("backup::now/encrypted", |b| {
        b.iter(|| black_box(backup::now(&enc).unwrap()))
    });
    g.finish();
    c.final_summary();
}
