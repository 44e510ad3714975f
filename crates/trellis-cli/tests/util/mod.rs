//! Helpers for the CLI tests: a fresh data dir per test, `trellis` run in it,
//! its one JSON document parsed, and a digest of the data dir to prove that a
//! refused command wrote nothing.

// Helpers of tests: a panic here is the failure report we want (clippy.toml
// allows this inside #[test] functions only, and these are called from them).
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use sha2::{Digest, Sha256};
use tempfile::TempDir;

/// The `trellis` binary Cargo built for these tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_trellis");

/// The database file inside a data dir.
pub const DB_FILE: &str = "trellis.db";

/// `trellis` with nothing inherited that could point it at a real data dir.
pub fn trellis() -> Command {
    let mut c = Command::new(BIN);
    c.env_remove("TRELLIS_DATA_DIR");
    c
}

/// One test's world: a temporary folder with the data dir inside it.
pub struct Env {
    tmp: TempDir,
}

impl Env {
    pub fn new() -> Self {
        Env {
            tmp: tempfile::tempdir().expect("a temporary folder"),
        }
    }

    /// Scratch space next to (not inside) the data dir.
    pub fn root(&self) -> &Path {
        self.tmp.path()
    }

    /// The data dir every command of this test uses.
    pub fn dir(&self) -> PathBuf {
        self.tmp.path().join("data")
    }

    /// `trellis --data-dir DIR ARGS…`, not yet run.
    pub fn cmd(&self, args: &[impl AsRef<str>]) -> Command {
        let mut c = trellis();
        c.arg("--data-dir")
            .arg(self.dir())
            .args(args.iter().map(AsRef::as_ref));
        c
    }

    /// Run; expect exit 0 and nothing on stderr; return stdout.
    pub fn ok(&self, args: &[impl AsRef<str>]) -> String {
        let args = strs(args);
        let out = self.cmd(&args).output().expect("trellis runs");
        let stdout = String::from_utf8(out.stdout).expect("stdout is UTF-8");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(0),
            "trellis {args:?} failed\nstdout:\n{stdout}\nstderr:\n{stderr}"
        );
        assert!(
            stderr.is_empty(),
            "trellis {args:?} wrote to stderr: {stderr}"
        );
        stdout
    }

    /// Run with `--json`; expect exit 0 and exactly one JSON document on
    /// stdout, whose keys are all camelCase.
    pub fn json(&self, args: &[impl AsRef<str>]) -> Value {
        let mut all = vec!["--json"];
        all.extend(strs(args));
        let stdout = self.ok(&all);
        let v = one_json_document(&stdout);
        assert_camel_case(&v, "$");
        v
    }

    /// Run expecting bad input: exit 2, nothing on stdout, `error: …` on
    /// stderr, and the data dir byte-for-byte as it was. Returns stderr.
    pub fn refused(&self, args: &[impl AsRef<str>]) -> String {
        let args = strs(args);
        assert!(
            self.dir().join(DB_FILE).exists(),
            "create the database before testing that a refusal leaves it alone"
        );
        let before = self.digest();
        let out = self.cmd(&args).output().expect("trellis runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8(out.stderr).expect("stderr is UTF-8");
        assert_eq!(
            out.status.code(),
            Some(2),
            "trellis {args:?} should be refused as bad input\nstdout:\n{stdout}\nstderr:\n{stderr}"
        );
        assert!(stdout.is_empty(), "a refusal printed on stdout: {stdout}");
        // With --json the error is one JSON document `{"error": {…}}`.
        let json = args.contains(&"--json");
        assert!(
            if json {
                stderr.starts_with("{\"error\":")
            } else {
                stderr.starts_with("error: ")
            },
            "stderr should start with 'error: ' (or be a JSON error with --json): {stderr}"
        );
        assert_eq!(
            stderr.lines().count(),
            1,
            "one line of error, not a backtrace: {stderr}"
        );
        assert_eq!(
            self.digest(),
            before,
            "trellis {args:?} was refused but changed the data dir"
        );
        stderr
    }

    /// SHA-256 over the name and bytes of every file in the data dir
    /// (the database, and its -wal and -shm files when they exist; not the
    /// backups folder).
    pub fn digest(&self) -> String {
        digest_dir(&self.dir())
    }

    /// A mentee pair in the OpenStack first-patch cohort; returns its id.
    pub fn pair(&self, partner: &str) -> String {
        id(&self.json(&[
            "pair",
            "add",
            "--role",
            "mentee",
            "--partner",
            partner,
            "--cohort",
            "first-patch",
            "--match-date",
            "2025-09-01",
            "--my-tz",
            "Europe/Berlin",
            "--partner-tz",
            "America/Chicago",
        ]))
    }

    /// The ids of a pair's criteria, in order.
    pub fn criteria(&self, pair: &str) -> Vec<String> {
        self.json(&["criterion", "list", "--pair", pair])
            .as_array()
            .expect("criterion list is an array")
            .iter()
            .map(id)
            .collect()
    }
}

fn strs(args: &[impl AsRef<str>]) -> Vec<&str> {
    args.iter().map(AsRef::as_ref).collect()
}

/// Split a command line the way a shell would for simple cases: on spaces,
/// with '…' or "…" keeping a multi-word argument together (no escapes).
pub fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut started = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => cur.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                started = true;
            }
            (None, c) if c.is_whitespace() => {
                if started || !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                started = false;
            }
            (None, c) => cur.push(c),
        }
    }
    assert!(quote.is_none(), "unclosed quote in {line:?}");
    if started || !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Parse stdout as exactly one JSON document (trailing text is an error).
pub fn one_json_document(stdout: &str) -> Value {
    let mut docs = serde_json::Deserializer::from_str(stdout).into_iter::<Value>();
    let first = docs
        .next()
        .unwrap_or_else(|| panic!("no JSON on stdout: {stdout:?}"))
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {stdout}"));
    assert!(
        docs.next().is_none(),
        "more than one JSON document on stdout: {stdout}"
    );
    first
}

/// Every object key is camelCase: no `_`, `-` or space, starts lowercase.
pub fn assert_camel_case(v: &Value, path: &str) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                assert!(
                    k.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                        && k.chars().all(|c| c.is_ascii_alphanumeric()),
                    "key {path}.{k} is not camelCase"
                );
                assert_camel_case(child, &format!("{path}.{k}"));
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                assert_camel_case(child, &format!("{path}[{i}]"));
            }
        }
        _ => {}
    }
}

/// The `id` of a JSON object, which every created or updated object has.
pub fn id(v: &Value) -> String {
    v["id"]
        .as_str()
        .unwrap_or_else(|| panic!("no string id in {v}"))
        .to_string()
}

/// The longest prefix two strings share.
pub fn common_prefix(a: &str, b: &str) -> String {
    a.chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x)
        .collect()
}

pub fn digest_dir(dir: &Path) -> String {
    let Ok(read) = std::fs::read_dir(dir) else {
        return "no data dir".into();
    };
    // Files only: the `backups` folder fills by itself (a daily backup at
    // the first open of a day), and a backup is not a change to the data.
    let mut files: Vec<PathBuf> = read
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let mut h = Sha256::new();
    for f in files {
        h.update(f.file_name().expect("a file name").as_encoded_bytes());
        h.update([0]);
        h.update(std::fs::read(&f).expect("a readable file"));
        h.update([0]);
    }
    h.finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<String>()
}
