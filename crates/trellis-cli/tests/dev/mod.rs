//! `trellis dev generate`: the hidden developer verb behind the benchmarks.

use super::util::*;

#[test]
fn dev_generate_fills_an_empty_data_dir_and_stays_out_of_the_help() {
    let env = Env::new();
    let g = env.json(&[
        "dev",
        "generate",
        "--scale",
        "tiny",
        "--seed",
        "3",
        "--until",
        "2026-06-01",
    ]);
    assert_eq!(g["pairs"], 3);
    assert_eq!(g["meetings"], 60);
    assert_eq!(g["notes"], 240);
    let status = env.json(&["status"]);
    assert_eq!(status.as_array().map(Vec::len), Some(3));
    // A second run would mix two histories: refused, nothing written.
    let err = env.refused(&["dev", "generate", "--scale", "tiny"]);
    assert!(err.contains("already has 3 pairs"), "{err}");
    let help = env.ok(&["--help"]);
    assert!(!help.contains("dev"), "{help}");
}

#[test]
fn dev_generate_refuses_an_unknown_scale() {
    let env = Env::new();
    env.ok(&["status"]);
    let err = env.refused(&["dev", "generate", "--scale", "huge"]);
    assert!(err.contains("tiny or heavy"), "{err}");
}
