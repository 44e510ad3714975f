//! The report in the organizer's language: the same files give the same
//! numbers, ids and muted rows in every language, and the fixed words
//! (titles, headings, roles, "no answer" …) are the language's own.

use trellis_core::lang::Lang;
use trellis_core::report::words::Words;
use trellis_core::report::{self, Report, ReportOptions};

use crate::util::*;

/// The report of the golden survey files (several cohorts, suppressed
/// cells, graduation criteria), read in each of `langs`.
fn reports(langs: &[Lang]) -> Vec<Report> {
    let golden = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/report/in");
    let db = db();
    let files = report::survey_files(&[golden]).unwrap();
    langs
        .iter()
        .map(|lang| {
            let opts = ReportOptions {
                lang: *lang,
                ..ReportOptions::default()
            };
            report::build(&db, &files, &opts, &mut |_| {}).unwrap()
        })
        .collect()
}

/// Everything a person reads in the report that is not a count.
fn words_of(r: &Report) -> Vec<String> {
    let mut out: Vec<String> = r.groups.iter().map(|g| g.label.clone()).collect();
    for t in &r.tables {
        out.push(t.title.clone());
        out.push(t.row_heading.clone());
        out.extend(t.rows.iter().cloned());
        out.extend(t.columns.iter().cloned());
        out.extend(t.row_groups.iter().flatten().cloned());
        out.extend(t.column_groups.iter().flatten().cloned());
        out.extend(t.rate_heading.iter().cloned());
    }
    out
}

/// A word's literal parts, without its `{placeholders}`.
fn fragments(word: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = word;
    while let Some(open) = rest.find('{') {
        out.push(rest[..open].to_string());
        rest = rest[open..]
            .find('}')
            .map_or("", |close| &rest[open + close + 1..]);
    }
    out.push(rest.to_string());
    out.into_iter()
        .map(|f| f.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .filter(|f| f.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .collect()
}

#[test]
fn the_same_files_give_the_same_numbers_with_the_words_of_the_language() {
    let [en, de, id] = <[Report; 3]>::try_from(reports(&[Lang::En, Lang::De, Lang::Id])).unwrap();
    assert_eq!(en.accepted, 20, "{:?}", en.refused);
    assert!(en.groups.len() > 1, "{:?}", en.groups);
    let numbers = |r: &Report| {
        (
            r.groups
                .iter()
                .map(|g| g.cohorts.clone())
                .collect::<Vec<_>>(),
            r.tables
                .iter()
                .map(|t| {
                    (
                        t.id.clone(),
                        t.cells.clone(),
                        t.total,
                        t.percents.clone(),
                        t.rates.clone(),
                        t.not_an_option.clone(),
                        t.rows.len(),
                        t.columns.len(),
                    )
                })
                .collect::<Vec<_>>(),
            r.nps.clone(),
        )
    };
    assert_eq!(numbers(&en), numbers(&de));
    assert_eq!(numbers(&en), numbers(&id));
    let title = |r: &Report, id: &str| {
        let ids: Vec<&str> = r.tables.iter().map(|t| t.id.as_str()).collect();
        let t = report::table(r, id).unwrap_or_else(|| panic!("no {id} in {ids:?}"));
        t.title.clone()
    };
    assert_eq!(title(&en, "responses"), "Responses by role");
    assert_eq!(title(&de, "responses"), "Antworten nach Rolle");
    assert_eq!(title(&id, "responses"), "Tanggapan menurut peran");
    assert_eq!(title(&de, "activity:meetings"), "Erfasste Treffen");
    assert_eq!(title(&id, "activity:goals-set"), "Tujuan yang ditetapkan");
    assert_eq!(title(&de, "criteria"), "Erfüllte Abschlusskriterien");
    // The rows a screen mutes are marked, not recognised by their words.
    let q = |r: &Report| {
        r.tables
            .iter()
            .find(|t| t.id.starts_with("question:"))
            .unwrap()
            .clone()
    };
    let muted = |r: &Report| {
        let t = q(r);
        t.rows
            .iter()
            .zip(&t.not_an_option)
            .filter(|(_, m)| **m)
            .map(|(l, _)| l.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(muted(&en), ["Prefer not to say", "No answer"]);
    assert_eq!(muted(&de), ["Möchte ich nicht sagen", "Keine Antwort"]);
    assert_eq!(muted(&id), ["Memilih tidak menjawab", "Tidak ada jawaban"]);
    assert!(q(&de).not_an_option.iter().any(|m| !m));
    let crit = report::table(&id, "criteria").unwrap();
    assert_eq!(crit.columns[..3], ["Ya", "Tidak", "Tidak berlaku"]);
    assert_eq!(crit.row_heading, "Kohort — kriteria kelulusan");
}

#[test]
fn no_english_fixed_word_is_left_in_a_german_report() {
    let [en, de] = <[Report; 2]>::try_from(reports(&[Lang::En, Lang::De])).unwrap();
    let german_words: Vec<String> = Words::of(Lang::De)
        .all()
        .into_iter()
        .flat_map(fragments)
        .collect();
    // English words German spells the same (Mentor, Check-in) are not left over.
    let english: Vec<String> = Words::of(Lang::En)
        .all()
        .into_iter()
        .flat_map(fragments)
        .filter(|f| !german_words.iter().any(|g| g.contains(f.as_str())))
        .collect();
    let found = |texts: &[String], f: &str| {
        texts.iter().any(|t| {
            if f.chars().count() < 4 {
                t == f
            } else {
                t.contains(f)
            }
        })
    };
    let (en_text, de_text) = (words_of(&en), words_of(&de));
    // The English report uses many of them: the check below has something to find.
    let used = english.iter().filter(|f| found(&en_text, f)).count();
    assert!(used >= 12, "{used} of {english:?} in {en_text:?}");
    for f in &english {
        assert!(
            !found(&de_text, f),
            "'{f}' in the German report: {de_text:?}"
        );
    }
}
