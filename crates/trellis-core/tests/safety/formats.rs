//! The readers of files that come from elsewhere, fed random and mutated
//! bytes on stable Rust (the cargo-fuzz targets in `fuzz/` do the same for
//! longer, see docs/fuzzing.md): they may refuse, never panic. And round
//! trips where Trellis both writes and reads a format.

use proptest::prelude::*;
use serde::Serialize;
use trellis_core::{pack, survey};

const PACK_SEEDS: [&str; 3] = [
    include_str!("../golden/pack-1.0.toml"),
    include_str!("../../packs/openstack.toml"),
    include_str!("../../packs/generic.toml"),
];
const SURVEY_SEED: &str = include_str!("../golden/survey-1.0.json");

/// One edit of a byte string, as a mutation-based fuzzer makes them.
#[derive(Debug, Clone)]
enum Edit {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Remove(usize, usize),
    Duplicate(usize, usize, usize),
    Truncate(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    // Bytes that matter to TOML and JSON, plus anything.
    let token = prop_oneof![
        Just(b"\"".to_vec()),
        Just(b"'''".to_vec()),
        Just(b"[[".to_vec()),
        Just(b"]".to_vec()),
        Just(b"{".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"=".to_vec()),
        Just(b"\\u".to_vec()),
        Just("é🌱".as_bytes().to_vec()),
        Just(b"1e999".to_vec()),
        Just(b"-0".to_vec()),
        prop::collection::vec(any::<u8>(), 1..8),
    ];
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Edit::Flip(i, b)),
        (any::<usize>(), token).prop_map(|(i, t)| Edit::Insert(i, t)),
        (any::<usize>(), 1usize..64).prop_map(|(i, n)| Edit::Remove(i, n)),
        (any::<usize>(), 1usize..128, any::<usize>())
            .prop_map(|(i, n, j)| Edit::Duplicate(i, n, j)),
        any::<usize>().prop_map(Edit::Truncate),
    ]
}

fn apply(seed: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut v = seed.to_vec();
    for e in edits {
        let len = v.len().max(1);
        match e {
            Edit::Flip(i, b) if !v.is_empty() => {
                let i = i % v.len();
                v[i] = *b;
            }
            Edit::Flip(..) => {}
            Edit::Insert(i, t) => {
                let i = i % (v.len() + 1);
                v.splice(i..i, t.iter().copied());
            }
            Edit::Remove(i, n) => {
                let i = i % len;
                let end = (i + n).min(v.len());
                if i < end {
                    v.drain(i..end);
                }
            }
            Edit::Duplicate(i, n, j) => {
                let i = i % len;
                let end = (i + n).min(v.len());
                if i < end {
                    let piece: Vec<u8> = v[i..end].to_vec();
                    let j = j % (v.len() + 1);
                    v.splice(j..j, piece);
                }
            }
            Edit::Truncate(i) => v.truncate(i % len),
        }
    }
    v
}

/// What the pack reader is given: text (the bytes were read as UTF-8 by
/// `file::read_text`, which refuses anything else before parsing).
fn parse_pack_bytes(bytes: &[u8]) {
    if let Ok(s) = std::str::from_utf8(bytes) {
        let _ = pack::parse(s);
    } else {
        let _ = pack::parse(&String::from_utf8_lossy(bytes));
    }
}

/// Survey files: never panic, and what reads writes back to the same file.
fn parse_survey_bytes(bytes: &[u8]) {
    if let Ok(f) = survey::parse(bytes) {
        let again = survey::render(&f).unwrap();
        assert_eq!(
            survey::parse(&again).unwrap(),
            f,
            "a survey file did not round-trip"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn the_pack_reader_never_panics_on_random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        parse_pack_bytes(&bytes);
    }

    #[test]
    fn the_pack_reader_never_panics_on_mutated_packs(
        seed in 0..PACK_SEEDS.len(),
        edits in prop::collection::vec(edit(), 1..12),
    ) {
        parse_pack_bytes(&apply(PACK_SEEDS[seed].as_bytes(), &edits));
    }

    #[test]
    fn the_survey_reader_never_panics_on_random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        parse_survey_bytes(&bytes);
    }

    #[test]
    fn the_survey_reader_never_panics_on_mutated_files(edits in prop::collection::vec(edit(), 1..12)) {
        parse_survey_bytes(&apply(SURVEY_SEED.as_bytes(), &edits));
    }
}

#[test]
fn the_golden_survey_file_round_trips_byte_for_byte() {
    let f = survey::parse(SURVEY_SEED.as_bytes()).unwrap();
    assert_eq!(
        String::from_utf8(survey::render(&f).unwrap()).unwrap(),
        SURVEY_SEED
    );
}

#[test]
fn an_oversized_file_is_refused_before_parsing() {
    let big = "# x\n".repeat(pack::MAX_PACK_BYTES / 4 + 1);
    let e = pack::parse(&big).unwrap_err().to_string();
    assert!(e.contains("larger than"), "{e}");
    let big = vec![b' '; survey::MAX_FILE_BYTES + 1];
    let e = survey::parse(&big).unwrap_err();
    assert_eq!(e.kind, survey::ProblemKind::Oversized);
}

// ---- packs: an organizer writes one, Trellis reads exactly what was written ----

#[derive(Debug, Clone, Serialize)]
struct FilePack {
    format: &'static str,
    format_version: &'static str,
    program: FileProgram,
    checkin: FileCheckin,
    cohorts: Vec<FileCohort>,
}

#[derive(Debug, Clone, Serialize)]
struct FileProgram {
    id: String,
    name: String,
    version: String,
    description: String,
}

#[derive(Debug, Clone, Serialize)]
struct FileCheckin {
    days_after_match: Vec<u32>,
    min_group_size: u32,
}

#[derive(Debug, Clone, Serialize)]
struct FileCohort {
    id: String,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    list_tag: Option<String>,
    description: String,
    suggested_goals: Vec<String>,
    criteria: Vec<FileCriterion>,
}

#[derive(Debug, Clone, Serialize)]
struct FileCriterion {
    id: String,
    text: String,
}

fn id() -> impl Strategy<Value = String> {
    "[a-z0-9][a-z0-9-]{1,30}"
}

/// Text as people type it: any printable Unicode, already trimmed, not empty.
fn text() -> impl Strategy<Value = String> {
    "\\PC{1,60}"
        .prop_map(|s| s.trim().to_string())
        .prop_filter("not blank", |s| !s.is_empty())
}

fn unique_ids(n: std::ops::Range<usize>) -> impl Strategy<Value = Vec<String>> {
    prop::collection::btree_set(id(), n).prop_map(|s| s.into_iter().collect())
}

fn cohort(cid: String) -> impl Strategy<Value = FileCohort> {
    (
        text(),
        prop::option::of(text()),
        prop::option::of(text()),
        prop::collection::vec(text(), 0..4),
        unique_ids(0..5),
        prop::collection::vec(text(), 5),
    )
        .prop_map(
            move |(name, tag, description, goals, crit_ids, crit_texts)| FileCohort {
                id: cid.clone(),
                name,
                list_tag: tag,
                description: description.unwrap_or_default(),
                suggested_goals: goals,
                criteria: crit_ids
                    .into_iter()
                    .zip(crit_texts)
                    .map(|(id, text)| FileCriterion { id, text })
                    .collect(),
            },
        )
}

fn file_pack() -> impl Strategy<Value = FilePack> {
    (
        id(),
        text(),
        text(),
        prop::option::of(text()),
        prop::collection::btree_set(1u32..=730, 1..5),
        1u32..=100,
        unique_ids(1..4),
    )
        .prop_flat_map(|(pid, name, version, description, days, k, cohort_ids)| {
            let cohorts: Vec<_> = cohort_ids.into_iter().map(cohort).collect();
            (
                Just(FilePack {
                    format: pack::FORMAT,
                    format_version: "1.0",
                    program: FileProgram {
                        id: pid,
                        name,
                        version,
                        description: description.unwrap_or_default(),
                    },
                    checkin: FileCheckin {
                        days_after_match: days.into_iter().collect(),
                        min_group_size: k,
                    },
                    cohorts: vec![],
                }),
                cohorts,
            )
        })
        .prop_map(|(mut p, cohorts)| {
            p.cohorts = cohorts;
            p
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn a_written_pack_reads_back_exactly(written in file_pack()) {
        let src = toml::to_string(&written).unwrap();
        let p = pack::parse(&src).map_err(|e| TestCaseError::fail(format!("{e}\n{src}")))?;
        prop_assert_eq!(&p.program.id, &written.program.id);
        prop_assert_eq!(&p.program.name, &written.program.name);
        prop_assert_eq!(&p.program.version, &written.program.version);
        prop_assert_eq!(&p.program.description, &written.program.description);
        prop_assert_eq!(&p.checkin.days_after_match, &written.checkin.days_after_match);
        prop_assert_eq!(p.checkin.min_group_size, written.checkin.min_group_size);
        prop_assert_eq!(p.cohorts.len(), written.cohorts.len());
        for (got, want) in p.cohorts.iter().zip(&written.cohorts) {
            prop_assert_eq!(&got.id, &want.id);
            prop_assert_eq!(&got.name, &want.name);
            prop_assert_eq!(&got.list_tag, &want.list_tag);
            prop_assert_eq!(&got.description, &want.description);
            prop_assert_eq!(&got.suggested_goals, &want.suggested_goals);
            let crits: Vec<(String, String)> =
                got.criteria.iter().map(|c| (c.id.clone(), c.text.clone())).collect();
            let want_crits: Vec<(String, String)> =
                want.criteria.iter().map(|c| (c.id.clone(), c.text.clone())).collect();
            prop_assert_eq!(crits, want_crits);
        }
    }
}

#[test]
fn deeply_nested_input_is_refused_without_overflowing_the_stack() {
    // Within the size limits, as deep as the bytes allow.
    for depth in [1_000, 100_000] {
        let toml = format!("format = {}{}\n", "[".repeat(depth), "]".repeat(depth));
        assert!(pack::parse(&toml).is_err());
        let toml = format!("x = {}1{}\n", "{ a = ".repeat(depth), " }".repeat(depth));
        assert!(pack::parse(&toml).is_err());
        let json = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
        if json.len() <= survey::MAX_FILE_BYTES {
            assert!(survey::parse(json.as_bytes()).is_err());
        }
        assert!(trellis_core::checkin::parse_answers(&json).is_err());
        let json = format!(
            "{{\"a\":{}1{}}}",
            "{\"a\":".repeat(depth),
            "}".repeat(depth)
        );
        assert!(trellis_core::checkin::parse_answers(&json).is_err());
    }
}

/// Regression: duplicate-id checks were quadratic, and a 1 MiB pack of
/// 28,635 cohorts took 15 s to read (debug build); with sets, about 0.6 s.
/// Packs are read again on every `pack::get`, so this is every screen.
#[test]
fn a_pack_with_as_many_entries_as_its_size_allows_reads_quickly() {
    let head = "format = \"trellis-pack\"\nformat_version = \"1.0\"\n\
                [program]\nid = \"big\"\nname = \"Big\"\nversion = \"1\"\n";
    let fill = |first: &str, entry: &dyn Fn(usize) -> String| {
        let mut src = format!("{head}{first}");
        let mut i = 0;
        while src.len() < pack::MAX_PACK_BYTES - 200 {
            src.push_str(&entry(i));
            i += 1;
        }
        src
    };
    let shapes = [
        (
            "cohorts",
            fill("", &|i| {
                format!("[[cohorts]]\nid = \"c{i}\"\nname = \"x\"\n")
            }),
        ),
        (
            "criteria",
            fill("[[cohorts]]\nid = \"one\"\nname = \"x\"\n", &|i| {
                format!("[[cohorts.criteria]]\nid = \"k{i}\"\ntext = \"x\"\n")
            }),
        ),
        (
            "questions",
            fill("[[cohorts]]\nid = \"one\"\nname = \"x\"\n", &|i| {
                format!("[[questions]]\nid = \"q{i}\"\ntext = \"x\"\nkind = \"scale\"\nmin = 1\nmax = 5\n")
            }),
        ),
    ];
    for (what, src) in shapes {
        let started = std::time::Instant::now();
        pack::parse(&src).unwrap();
        let took = started.elapsed();
        assert!(
            took < std::time::Duration::from_secs(5),
            "a 1 MiB pack of {what} took {took:?}"
        );
    }
}

#[test]
fn a_pack_with_a_repeated_id_is_refused_naming_it() {
    let golden = PACK_SEEDS[0];
    let cases = [
        // A second cohort with the first one's id.
        (
            golden.replace("id = \"first-talk\"", "id = \"first-patch\""),
            "cohorts.id: 'first-patch' appears twice",
        ),
        (
            golden.replace("id = \"attended-a-meeting\"", "id = \"merged-one-patch\""),
            "cohorts.criteria.id: 'merged-one-patch' appears twice",
        ),
        (
            golden.replace("id = \"mentor-time\"", "id = \"satisfaction\""),
            "questions.id: 'satisfaction' appears twice",
        ),
        (
            golden.replace("{ id = \"no\", label = \"No\" }", "{ id = \"yes\", label = \"No\" }"),
            "questions.options.id: 'yes' appears twice",
        ),
        (
            format!(
                "{golden}\n[[questions]]\nid = \"criteria-again\"\ntext = \"Again?\"\nkind = \"criteria\"\n"
            ),
            "at most one criteria question",
        ),
    ];
    for (src, expected) in cases {
        let e = pack::parse(&src).unwrap_err().to_string();
        assert!(e.contains(expected), "expected {expected:?} in: {e}");
    }
}
