//! The crash harness: a child process (`src/bin/crash_child.rs`) writes
//! through the core API and acknowledges each write on stdout after it is
//! committed; we kill it with SIGKILL at a random moment, then check that
//! every acknowledged write is there and the database is intact.
//!
//! `cargo test` runs 5 trials; `TRELLIS_CRASH_TRIALS=N` runs N (the long form
//! is `scripts/crash-harness.sh`); `TRELLIS_CRASH_SEED=S` replays a run.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::str::FromStr;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use trellis_core::db::DB_FILE;
use trellis_core::id::{MeetingId, NoteId};
use trellis_core::{draft, meeting, note, pair, Db};

const CHILD: &str = env!("CARGO_BIN_EXE_crash_child");

/// A small deterministic generator (xorshift64*), so a seed replays a run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn env_or<T: FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[derive(Default)]
struct Acked {
    ready: bool,
    drafts: Option<u64>,
    notes: Vec<NoteId>,
    meetings: Vec<MeetingId>,
}

impl Acked {
    /// Only whole lines count: a line cut by the kill was not acknowledged.
    fn take(&mut self, line: &str) {
        let (what, arg) = line.split_once(' ').unwrap_or((line, ""));
        match what {
            "ready" => self.ready = true,
            "draft" => self.drafts = Some(arg.parse().unwrap()),
            "note" => self.notes.push(arg.parse().unwrap()),
            "meeting" => self.meetings.push(arg.parse().unwrap()),
            other => panic!("unexpected line from the child: {other:?}"),
        }
    }

    fn count(&self) -> usize {
        usize::from(self.ready)
            + self.notes.len()
            + self.meetings.len()
            + self.drafts.map_or(0, |_| 1)
    }
}

/// One trial: run the child, kill it, return what it had acknowledged.
fn trial(dir: &Path, rng: &mut Rng) -> (Acked, String) {
    let mut child = Command::new(CHILD)
        .arg(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel::<String>();
    let reader = std::thread::spawn(move || {
        let mut r = BufReader::new(stdout);
        loop {
            let mut line = String::new();
            match r.read_line(&mut line) {
                Ok(0) | Err(_) => break,
                Ok(_) if line.ends_with('\n') => {
                    if tx.send(line.trim_end().to_string()).is_err() {
                        break;
                    }
                }
                Ok(_) => break,
            }
        }
    });
    let mut acked = Acked::default();
    let how;
    if rng.below(5) == 0 {
        // Anywhere in the first moments: opening, migrating, backing up.
        let wait = Duration::from_micros(rng.below(40_000));
        how = format!("after {} ms", wait.as_millis());
        let deadline = Instant::now() + wait;
        while let Ok(line) = rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            acked.take(&line);
        }
    } else {
        // In the middle of the writes: after N acknowledgements and a jitter.
        let n = 1 + rng.below(80) as usize;
        how = format!("after {n} acks");
        while acked.count() < n {
            let line = rx
                .recv_timeout(Duration::from_secs(60))
                .unwrap_or_else(|e| panic!("the child stopped acknowledging writes ({e})"));
            acked.take(&line);
        }
        std::thread::sleep(Duration::from_micros(rng.below(3_000)));
    }
    if let Ok(Some(status)) = child.try_wait() {
        let mut err = String::new();
        let _ = std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err);
        panic!("the child exited by itself ({status}): {err}");
    }
    child.kill().unwrap();
    child.wait().unwrap();
    reader.join().unwrap();
    // What it printed before it died, and the reader passed on.
    for line in rx.try_iter() {
        acked.take(&line);
    }
    (acked, how)
}

fn verify(dir: &Path, acked: &Acked, how: &str) {
    let path = dir.join(DB_FILE);
    if path.exists() {
        assert_eq!(super::integrity_check(&path), ["ok"], "trial killed {how}");
    }
    let db = Db::open_data_dir(dir).unwrap_or_else(|e| panic!("reopen after a kill {how}: {e}"));
    super::search_index_check(&path);
    for id in &acked.notes {
        note::get(&db, *id)
            .unwrap_or_else(|e| panic!("acknowledged note lost (killed {how}): {e}"));
    }
    for id in &acked.meetings {
        meeting::get(&db, *id)
            .unwrap_or_else(|e| panic!("acknowledged meeting lost (killed {how}): {e}"));
    }
    if let Some(n) = acked.drafts {
        let p = pair::list(&db).unwrap()[0].id;
        let d = draft::get(&db, p)
            .unwrap()
            .unwrap_or_else(|| panic!("acknowledged draft lost (killed {how})"));
        let saved: u64 = d
            .body
            .strip_prefix("typing draft ")
            .and_then(|s| s.split(' ').next())
            .and_then(|s| s.parse().ok())
            .unwrap();
        assert!(
            saved >= n,
            "draft {saved} is older than the acknowledged {n} (killed {how})"
        );
    }
}

#[test]
fn every_acknowledged_write_survives_a_kill_at_a_random_moment() {
    let trials: usize = env_or("TRELLIS_CRASH_TRIALS", 5);
    let seed: u64 = env_or(
        "TRELLIS_CRASH_SEED",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(1)
            | 1,
    );
    eprintln!("crash harness: {trials} trials, TRELLIS_CRASH_SEED={seed}");
    let mut rng = Rng(seed);
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let started = Instant::now();
    let (mut notes, mut meetings, mut early) = (0, 0, 0);
    for t in 0..trials {
        let (acked, how) = trial(&dir, &mut rng);
        verify(&dir, &acked, &how);
        notes += acked.notes.len();
        meetings += acked.meetings.len();
        early += usize::from(!acked.ready);
        if trials >= 20 && (t + 1) % 20 == 0 {
            eprintln!("crash harness: {} trials passed", t + 1);
        }
    }
    let db = Db::open_data_dir(&dir).unwrap();
    let stored: i64 = db
        .read(|c| Ok(c.query_row("SELECT COUNT(*) FROM note", [], |r| r.get(0))?))
        .unwrap();
    eprintln!(
        "crash harness: {trials} kills ({early} before the child was ready), {notes} acknowledged notes \
         and {meetings} meetings all present ({stored} notes stored), integrity ok, in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert!(stored as usize >= notes);
}
