//! The core's last texts that were English in every language (issue 18):
//! the exported HTML report page, the Markdown record's meeting headings and
//! the dates in reminders now follow the person's language; English stays
//! byte for byte as it was (the CLI speaks it).

use chrono_tz::Tz;
use trellis_core::lang::Lang;
use trellis_core::meeting;
use trellis_core::pair::{self, Role};
use trellis_core::record::{self, RecordFormat};
use trellis_core::reminder::{self, Reminder, ReminderKind};
use trellis_core::report::words::Words;
use trellis_core::report::{self, html, Report, ReportOptions};
use trellis_core::{action, time};

use crate::util::*;

/// The report of the golden survey files (several cohorts, suppressed
/// cells, an override reason), in `lang`.
fn golden_report(lang: Lang) -> Report {
    let golden = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/report/in");
    let db = db();
    let files = report::survey_files(&[golden]).unwrap();
    let opts = ReportOptions {
        lang,
        ..ReportOptions::default()
    };
    let mut r = report::build(&db, &files, &opts, &mut |_| {}).unwrap();
    r.override_reason = Some("The board <agreed>".into());
    r
}

/// Every fixed word of the report in `lang`: its tables' and its page's.
fn page_and_table_words(lang: Lang) -> Vec<&'static str> {
    let w = Words::of(lang);
    [w.all(), w.page.all()].concat()
}

/// The literal parts of a word-table entry that are sentences (two words
/// or more), without its `{placeholders}`.
fn sentences(entry: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = entry;
    while let Some(open) = rest.find('{') {
        out.push(rest[..open].to_string());
        rest = rest[open..]
            .find('}')
            .map_or("", |close| &rest[open + close + 1..]);
    }
    out.push(rest.to_string());
    out.into_iter()
        .map(|f| f.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .filter(|f| f.split_whitespace().filter(|w| w.len() > 1).count() >= 2)
        .collect()
}

/// What the page shows in its table cells and facts that is a count: every
/// `<td>` and `<b>` whose text is a number (a sign or a percent sign
/// allowed) or the hidden mark, in page order.
fn counts(page: &str) -> Vec<String> {
    let mut out = Vec::new();
    for open in ["<td", "<b>"] {
        for (i, _) in page.match_indices(open) {
            let after = &page[i..];
            let Some(start) = after.find('>') else {
                continue;
            };
            let text = &after[start + 1..];
            let end = text.find('<').unwrap_or(text.len());
            let text = &text[..end];
            let t = text.trim();
            let number = t.trim_start_matches(['+', '-']).trim_end_matches('%');
            if t == "—" || (!number.is_empty() && number.chars().all(|c| c.is_ascii_digit())) {
                out.push(format!("{i}:{text}"));
            }
        }
    }
    out.sort_by_key(|s| s.split(':').next().unwrap().parse::<usize>().unwrap());
    out.into_iter()
        .map(|s| s.split_once(':').unwrap().1.to_string())
        .collect()
}

#[test]
fn the_html_report_in_german_is_german_with_the_same_counts() {
    let en = golden_report(Lang::En);
    let de = golden_report(Lang::De);
    assert!(!en.groups.is_empty() && !en.tables.is_empty());
    let (en_page, de_page) = (html::render(&en), html::render(&de));
    assert!(en_page.contains("<html lang=\"en\">"));
    assert!(
        de_page.contains("<html lang=\"de\">"),
        "{}",
        &de_page[..200]
    );
    assert!(de_page.contains("<h1>Bericht der Check-in-Umfrage</h1>"));

    // No English sentence of the word table is left on the German page
    // (those German writes the same way are not left over).
    let german: Vec<String> = page_and_table_words(Lang::De)
        .into_iter()
        .flat_map(sentences)
        .collect();
    let english: Vec<String> = page_and_table_words(Lang::En)
        .into_iter()
        .flat_map(sentences)
        .filter(|s| !german.iter().any(|g| g.contains(s.as_str())))
        .collect();
    // The English page uses many of them: the check below has something to find.
    let used = english
        .iter()
        .filter(|s| en_page.contains(s.as_str()))
        .count();
    assert!(used >= 10, "{used} of {english:?}");
    for s in &english {
        assert!(!de_page.contains(s.as_str()), "'{s}' on the German page");
    }
    for english_word in ["Total", "suppressed", "Chart:", "file(s)", "organizer"] {
        assert!(en_page.contains(english_word), "{english_word}");
        assert!(!de_page.contains(english_word), "{english_word}");
    }

    // The same counts, in the same places; the organizer's reason escaped.
    let en_counts = counts(&en_page);
    assert!(en_counts.len() > 50, "{en_counts:?}");
    assert!(en_counts.iter().any(|c| c == "—"), "something is hidden");
    assert_eq!(counts(&de_page), en_counts);
    for page in [&en_page, &de_page] {
        assert!(page.contains("The board &lt;agreed&gt;"));
        assert!(!page.contains("<agreed>"));
    }
}

#[test]
fn every_language_writes_its_own_page_and_fills_every_word() {
    let en_page = html::render(&golden_report(Lang::En));
    for lang in Lang::ALL {
        let page = html::render(&golden_report(lang));
        assert!(
            page.contains(&format!("<html lang=\"{}\">", lang.tag())),
            "{lang}"
        );
        // Every placeholder is filled (the style sheet is the only CSS).
        let body = &page[page.find("</style>").unwrap()..];
        assert!(!body.contains(['{', '}']), "{lang}");
        assert_eq!(counts(&page), counts(&en_page), "{lang}");
        if !matches!(lang, Lang::En | Lang::EnGb) {
            assert!(!page.contains("Check-in survey report"), "{lang}");
            assert!(!page.contains("Made by Trellis"), "{lang}");
        }
    }
}

#[test]
fn the_record_in_indonesian_gives_the_partners_time_in_indonesian() {
    let db = db();
    let p = pair::add(
        &db,
        trellis_core::pair::NewPair {
            my_tz: tz("Europe/Berlin"),
            partner_tz: tz("America/Chicago"),
            ..new_pair("Ada")
        },
    )
    .unwrap();
    // Sunday half past midnight in Berlin is Saturday evening in Chicago.
    let starts = "2026-03-14T23:30:00Z";
    meeting::log(&db, p.id, meeting_at(starts)).unwrap();
    let heading = |lang| {
        let md = record::export(&db, p.id, RecordFormat::Markdown, false, lang).unwrap();
        md.lines()
            .find(|l| l.starts_with("### 2026-03-15"))
            .unwrap_or_else(|| panic!("{md}"))
            .to_string()
    };
    let (en, id, de) = (heading(Lang::En), heading(Lang::Id), heading(Lang::De));
    // English as it always was, the CLI's words.
    let both = time::both_zones(at(starts), tz("Europe/Berlin"), tz("America/Chicago"));
    assert_eq!(both, "2026-03-15 00:30 CET (partner: 18:30 Sat CDT)");
    assert!(en.starts_with(&format!("### {both} — ")), "{en}");
    assert!(
        id.starts_with("### 2026-03-15 00:30 CET (mitra: 18:30 Sabtu CDT) — 60 menit"),
        "{id}"
    );
    assert!(
        de.starts_with("### 2026-03-15 00:30 CET (Partner: 18:30 Sa CDT) — 60 Min."),
        "{de}"
    );
    for h in [&id, &de] {
        assert!(!h.contains("partner:") && !h.contains("Sat"), "{h}");
    }
}

fn due(db: &trellis_core::Db, now: chrono::DateTime<chrono::Utc>, lang: Lang) -> Vec<Reminder> {
    reminder::pending_in(db, now, Tz::UTC, lang)
        .unwrap()
        .reminders
}

#[test]
fn a_reminder_in_german_names_the_month_in_german() {
    let db = db();
    reminders_at_any_hour(&db);
    let p = add_pair(&db, "Morgan");
    // Two action items due Tuesday 17 March 2026, the day after now.
    let now = at("2026-03-16T12:00:00Z");
    for (title, owner) in [("Rebase", Role::Mentee), ("Review", Role::Mentor)] {
        action::add(&db, p.id, None, action(title, owner, Some("2026-03-17"))).unwrap();
    }
    let body = |lang| {
        due(&db, now, lang)
            .into_iter()
            .find(|r| r.kind == ReminderKind::Actions)
            .unwrap_or_else(|| panic!("{lang}: no action reminder"))
            .body
    };
    // English as it was.
    assert_eq!(body(Lang::En), "Due Tue 17 Mar. 1 of them yours.");
    assert_eq!(
        body(Lang::De),
        "Fällig am Dienstag, 17. März. Deine davon: 1."
    );
    assert_eq!(
        body(Lang::Id),
        "Tenggat Selasa, 17 Maret. 1 di antaranya tanggungan Anda."
    );
    assert!(body(Lang::EsMx).starts_with("Fecha límite: martes 17 de marzo."));
    assert!(
        body(Lang::ZhCn).starts_with("3月17日 星期二到期"),
        "{}",
        body(Lang::ZhCn)
    );
    assert!(
        body(Lang::Ko).starts_with("기한 3월 17일 (화)."),
        "{}",
        body(Lang::Ko)
    );
    for lang in [Lang::De, Lang::Id, Lang::EsMx, Lang::ZhCn, Lang::Ko] {
        let b = body(lang);
        for english in ["Mar", "Tue"] {
            assert!(
                !b.split(|c: char| !c.is_alphabetic()).any(|w| w == english),
                "{lang}: {b}"
            );
        }
    }
}

#[test]
fn a_meetings_reminder_in_german_and_spanish_names_day_and_month() {
    let db = db();
    reminders_at_any_hour(&db);
    let p = add_pair(&db, "Morgan");
    let now = at("2026-05-20T12:00:00Z");
    schedule_at(&db, p.id, "2026-05-20T12:10:00Z", now);
    let meeting = |lang| {
        due(&db, now, lang)
            .into_iter()
            .find(|r| r.kind == ReminderKind::Meeting)
            .unwrap_or_else(|| panic!("{lang}: no meeting reminder"))
            .body
    };
    assert_eq!(
        meeting(Lang::En),
        "Wed 20 May 2026 12:10 UTC (partner: Wed 20 May 2026 12:10 UTC)"
    );
    assert!(
        meeting(Lang::De).starts_with("Mi, 20. Mai 2026, 12:10 UTC"),
        "{}",
        meeting(Lang::De)
    );
    assert!(
        meeting(Lang::EsMx).starts_with("miércoles 20 de mayo de 2026, 12:10 UTC"),
        "{}",
        meeting(Lang::EsMx)
    );
}
