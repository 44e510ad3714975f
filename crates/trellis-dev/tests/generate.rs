//! `trellis-dev generate`: the developer tool behind the benchmarks.

#![allow(
    clippy::disallowed_methods,
    reason = "tests and benches write and open damaged or scratch files on purpose"
)]
#![allow(
    clippy::unwrap_used,
    reason = "a test helper: a failure is the test's failure"
)]

use assert_cmd::Command;

fn dev(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("trellis-dev")
        .unwrap()
        .env_remove("TRELLIS_DATA_DIR")
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn generate_fills_an_empty_data_dir_once() {
    let temp = tempfile::tempdir().unwrap();
    let args = [
        "generate",
        "--scale",
        "tiny",
        "--seed",
        "3",
        "--until",
        "2026-06-01",
    ];
    let out = dev(temp.path(), &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let g: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(g["pairs"], 3);
    assert_eq!(g["meetings"], 60);
    assert_eq!(g["notes"], 240);
    // A second run would mix two histories: refused.
    let again = dev(temp.path(), &args);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already has 3 pairs"));
}

#[test]
fn generate_refuses_an_unknown_scale() {
    let temp = tempfile::tempdir().unwrap();
    let out = dev(temp.path(), &["generate", "--scale", "huge"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("tiny or heavy"));
}
