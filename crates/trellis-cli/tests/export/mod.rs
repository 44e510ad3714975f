//! The CLI: the portable record (export).

use super::*;

/// A pair with a goal, a meeting, a shared and a private note.
pub(crate) fn recorded_pair(env: &Env) -> String {
    let pair = env.pair("Ana Lopez");
    goal(env, &pair, "Get a first patch merged");
    env.ok(&words(&format!(
        "meeting log --pair {pair} --start '2025-09-03 17:00' \
         --agenda Introductions --notes 'Agreed to meet every two weeks' \
         --action 'mentee@2025-09-10:Install DevStack'"
    )));
    env.ok(&words(&format!(
        "note add --pair {pair} --shared 'Shared thought about Gerrit'"
    )));
    env.ok(&words(&format!(
        "note add --pair {pair} 'PRIVATE-CANARY-7f3a nervous about reviews'"
    )));
    pair
}

const CANARY: &str = "PRIVATE-CANARY-7f3a";

#[test]
fn export_as_markdown_holds_the_whole_record_but_not_private_notes() {
    let env = Env::new();
    let pair = recorded_pair(&env);
    let md = env.ok(&["export", "--pair", &pair]);
    assert!(
        md.starts_with("# Mentorship with Ana Lopez — Get your first patch merged\n"),
        "{md}"
    );
    assert_contains(
        &md,
        &[
            "- My role: mentee; Ana Lopez is my mentor",
            "## Graduation criteria (0 of 4 met)",
            "### Get a first patch merged (active)",
            "- [ ] Set up DevStack",
            "## Meetings (1)",
            "### 2025-09-03 17:00 CEST (partner: 10:00 CDT) — 60 min, video call",
            "Introductions",
            "Agreed to meet every two weeks",
            "- [ ] Install DevStack (mentee, due 2025-09-10)",
            "## Notes (1)",
            "Shared thought about Gerrit",
        ],
    );
    assert_lacks(&md, &[CANARY]);
    let again = env.ok(&["export", "--pair", &pair, "--format", "md"]);
    assert_eq!(
        without_export_time(&again),
        without_export_time(&md),
        "md is markdown"
    );

    let wrapped = env.json(&["export", "--pair", &pair, "--format", "markdown"]);
    assert_eq!(wrapped["pair"], pair.as_str());
    assert_eq!(wrapped["format"], "markdown");
    assert_contains(
        s(&wrapped["markdown"]),
        &["## Meetings (1)", "Shared thought about Gerrit"],
    );
    assert_lacks(s(&wrapped["markdown"]), &[CANARY]);
}

/// A Markdown record without the line that carries the export time.
fn without_export_time(md: &str) -> String {
    assert!(md.contains("\n- Exported: "), "{md}");
    md.lines()
        .filter(|l| !l.starts_with("- Exported: "))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn export_includes_private_notes_only_when_asked() {
    let env = Env::new();
    let pair = recorded_pair(&env);
    let md = env.ok(&["export", "--pair", &pair, "--include-private"]);
    assert_contains(
        &md,
        &[
            "## Notes (2)",
            CANARY,
            "(private)",
            "Shared thought about Gerrit",
        ],
    );

    let rec = env.json(&words(&format!(
        "export --pair {pair} --format json --include-private"
    )));
    assert_eq!(rec["includesPrivateNotes"], true);
    assert_eq!(arr(&rec["notes"]).len(), 2);
    assert!(rec.to_string().contains(CANARY));
}

#[test]
fn a_private_note_never_appears_in_an_export_without_include_private() {
    let env = Env::new();
    let pair = recorded_pair(&env);
    // Also a private note attached to a goal and one set aside for the next meeting.
    let g = id(&env.json(&["goal", "list", "--pair", &pair])[0]);
    env.ok(&words(&format!(
        "note add --pair {pair} --goal {g} '{CANARY} on a goal'"
    )));
    env.ok(&words(&format!(
        "note add --pair {pair} --next-meeting '{CANARY} for next time'"
    )));
    meeting(&env, &pair, "2025-09-17 17:00", &[]);

    for format in ["markdown", "json"] {
        let plain = env.ok(&["export", "--pair", &pair, "--format", format]);
        assert_lacks(&plain, &[CANARY]);
        let json = env.ok(&["--json", "export", "--pair", &pair, "--format", format]);
        assert_lacks(&json, &[CANARY]);
        let file = env.root().join(format!("record.{format}"));
        env.ok(&[
            "export",
            "--pair",
            &pair,
            "--format",
            format,
            "--out",
            file.to_str().unwrap(),
        ]);
        assert_lacks(&std::fs::read_to_string(&file).unwrap(), &[CANARY]);
        // The canary is really there to leak: asked for, it appears.
        let all = env.ok(&words(&format!(
            "export --pair {pair} --format {format} --include-private"
        )));
        assert_eq!(all.matches(CANARY).count(), 3, "{all}");
    }
}

#[test]
fn export_as_json_is_the_whole_record_in_one_document() {
    let env = Env::new();
    let pair = recorded_pair(&env);
    let rec = env.json(&["export", "--pair", &pair, "--format", "json"]);
    assert_eq!(rec["format"], "trellis-record");
    assert_eq!(rec["formatVersion"], "1.0");
    assert_eq!(rec["includesPrivateNotes"], false);
    assert_eq!(rec["programName"], "OpenStack Mentoring");
    assert_eq!(rec["cohortName"], "Get your first patch merged");
    assert_eq!(rec["pair"]["id"], pair.as_str());
    assert_eq!(arr(&rec["criteria"]).len(), 4);
    assert_eq!(rec["goals"][0]["title"], "Get a first patch merged");
    assert_eq!(
        rec["meetings"][0]["notes"],
        "Agreed to meet every two weeks"
    );
    assert_eq!(action_texts(&rec["actionItems"]), ["Install DevStack"]);
    assert_eq!(arr(&rec["notes"]).len(), 1);
    assert_eq!(rec["notes"][0]["visibility"], "shared");

    // Without --json the plain output is the same JSON record.
    let plain = util::one_json_document(&env.ok(&["export", "--pair", &pair, "--format", "json"]));
    assert_eq!(plain["pair"], rec["pair"]);
    assert_eq!(plain["notes"], rec["notes"]);
}

#[test]
fn export_with_out_writes_the_record_to_a_file_and_says_where() {
    let env = Env::new();
    let pair = recorded_pair(&env);
    let md_path = env.root().join("record.md");
    let md = md_path.to_str().unwrap();
    let out = env.ok(&["export", "--pair", &pair, "--out", md]);
    let written = std::fs::read_to_string(&md_path).unwrap();
    assert_eq!(out.trim(), format!("Wrote {md} ({} bytes)", written.len()));
    assert!(
        written.starts_with("# Mentorship with Ana Lopez"),
        "{written}"
    );
    assert_contains(
        &written,
        &["## Meetings (1)", "Shared thought about Gerrit"],
    );
    assert_lacks(&written, &[CANARY]);

    let json_path = env.root().join("record.json");
    let summary = env.json(&[
        "export",
        "--pair",
        &pair,
        "--format",
        "json",
        "--include-private",
        "--out",
        json_path.to_str().unwrap(),
    ]);
    let written = std::fs::read_to_string(&json_path).unwrap();
    assert_eq!(summary["pair"], pair.as_str());
    assert_eq!(summary["format"], "json");
    assert_eq!(summary["path"], json_path.to_str().unwrap());
    assert_eq!(summary["bytes"], written.len());
    assert_eq!(summary["includesPrivateNotes"], true);
    let rec: Value = serde_json::from_str(&written).unwrap();
    assert_eq!(arr(&rec["notes"]).len(), 2);

    // Exporting again replaces the file; no temporary file is left behind.
    env.ok(&["export", "--pair", &pair, "--out", md]);
    let mut names: Vec<String> = std::fs::read_dir(env.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["data", "record.json", "record.md"]);
}

#[test]
fn export_in_an_unknown_format_is_refused() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    assert_contains(
        &env.refused(&["export", "--pair", &pair, "--format", "pdf"]),
        &["format: 'pdf' is not a choice; use markdown or json"],
    );
}
