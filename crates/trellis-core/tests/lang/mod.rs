//! Trellis in the person's language (issue 18): packs that give their texts
//! per language, every screen's pack text read in the language asked for
//! (each missing text in the pack's own), survey files that stay
//! language-neutral, and a report over answers given in several languages.

use std::collections::BTreeMap;

use chrono::Days;
use trellis_core::checkin::{self, Answer, Answers, CheckinForm, CriterionAnswer};
use trellis_core::criterion;
use trellis_core::id::PairId;
use trellis_core::lang::Lang;
use trellis_core::pack::{self, QuestionKind};
use trellis_core::pair::{self, NewPair, Role};
use trellis_core::report::{self, ReportOptions};
use trellis_core::{survey, Db};

use crate::util::*;

mod report_words;

const TRANSLATED: &str = r#"
format = "trellis-pack"
format_version = "1.0"

[program]
id = "tiny"
name = "Tiny program"
version = "1"

[[cohorts]]
id = "only"
name = "The only cohort"
description = "One cohort."
suggested_goals = ["Say hello", "Ship it"]

[[cohorts.criteria]]
id = "did-it"
text = "Did it"

[[cohorts.criteria]]
id = "said-it"
text = "Said it"

[[questions]]
id = "happy"
text = "Happy?"
kind = "scale"
min = 1
max = 5
min_label = "Not at all"
max_label = "Very"

[[questions]]
id = "status"
text = "Status?"
kind = "choice"
options = [{ id = "on", label = "On" }, { id = "ended", label = "Ended" }]

[translations.id.program]
name = "Program mungil"

[translations.id.cohorts.only]
name = "Satu-satunya kohort"
suggested_goals = ["Menyapa", "Merilis"]
criteria = { did-it = "Sudah melakukannya" }

[translations.id.questions.happy]
text = "Senang?"
max_label = "Sangat"

[translations.id.questions.status]
options = { ended = "Berakhir" }
"#;

fn pack_in(lang: Lang) -> pack::Pack {
    pack::parse(TRANSLATED).unwrap().in_lang(lang)
}

#[test]
fn a_pack_reads_in_a_language_and_each_missing_text_in_its_own() {
    let id = pack_in(Lang::Id);
    assert_eq!(id.program.name, "Program mungil");
    let c = &id.cohorts[0];
    assert_eq!(c.name, "Satu-satunya kohort");
    // Not translated: the pack's own description.
    assert_eq!(c.description, "One cohort.");
    assert_eq!(c.suggested_goals, ["Menyapa", "Merilis"]);
    let texts: Vec<&str> = c.criteria.iter().map(|d| d.text.as_str()).collect();
    assert_eq!(texts, ["Sudah melakukannya", "Said it"]);
    let happy = &id.questions[0];
    assert_eq!(
        (
            happy.text.as_str(),
            happy.min_label.as_deref(),
            happy.max_label.as_deref()
        ),
        ("Senang?", Some("Not at all"), Some("Sangat"))
    );
    let labels: Vec<&str> = id.questions[1]
        .options
        .iter()
        .map(|o| o.label.as_str())
        .collect();
    assert_eq!(labels, ["On", "Berakhir"]);
    assert_eq!(id.questions[1].text, "Status?");
    // Ids never change with the language.
    let en = pack_in(Lang::En);
    let ids = |p: &pack::Pack| {
        (
            p.cohorts
                .iter()
                .flat_map(|c| c.criteria.iter().map(|d| d.id.clone()))
                .collect::<Vec<_>>(),
            p.questions
                .iter()
                .flat_map(|q| q.options.iter().map(|o| o.id.clone()))
                .collect::<Vec<_>>(),
        )
    };
    assert_eq!(ids(&id), ids(&en));
    // A language the pack does not give: all its own texts.
    assert_eq!(pack_in(Lang::De).cohorts[0].name, "The only cohort");
    assert_eq!(en.cohorts[0].name, "The only cohort");
}

#[test]
fn a_pack_in_one_language_still_reads() {
    let (own, _) = TRANSLATED.split_once("[translations.id.program]").unwrap();
    let p = pack::parse(own).unwrap();
    assert!(p.translated_into().is_empty());
    assert_eq!(p.in_lang(Lang::Ko).program.name, "Tiny program");
}

#[test]
fn a_translation_of_something_the_pack_has_not_is_refused_naming_its_line() {
    let line_of = |src: &str, needle: &str| {
        src[..src.find(needle).unwrap()]
            .bytes()
            .filter(|b| *b == b'\n')
            .count()
            + 1
    };
    for (extra, needle, says) in [
        (
            "\n[translations.fr.program]\nname = \"Petit\"\n",
            "[translations.fr",
            "'fr' is not a language Trellis ships in",
        ),
        (
            "\n[translations.id-ID.program]\nname = \"x\"\n",
            "[translations.id-ID",
            "'id-ID' is not a language Trellis ships in",
        ),
        (
            "\n[translations.de.cohorts.other]\nname = \"Andere\"\n",
            "[translations.de.cohorts.other",
            "'other' is not a cohort of this pack",
        ),
        (
            "\n[translations.de.cohorts.only.criteria]\nnope-id = \"Nein\"\n",
            "nope-id",
            "'nope-id' is not a criterion of cohort 'only'",
        ),
        (
            "\n[translations.ko.questions.sad]\ntext = \"슬퍼요?\"\n",
            "[translations.ko.questions.sad",
            "'sad' is not a question of this pack",
        ),
        (
            "\n[translations.ko.questions.status.options]\nmaybe = \"아마\"\n",
            "maybe =",
            "'maybe' is not an option of question 'status'",
        ),
        (
            "\n[translations.de.questions.status]\nmin_label = \"Nie\"\n",
            "min_label = \"Nie\"",
            "'status' is not a scale question",
        ),
        (
            "\n[translations.de.cohorts.only]\nsuggested_goals = [\"Hallo\"]\n",
            "suggested_goals = [\"Hallo\"]",
            "give all 2 in the same order",
        ),
        (
            "\n[translations.de.cohorts.only]\nname = \"  \"\n",
            "name = \"  \"",
            "must not be empty",
        ),
    ] {
        let src = format!("{TRANSLATED}{extra}");
        let e = pack::parse(&src).unwrap_err().to_string();
        let line = line_of(&src, needle);
        assert!(
            e.contains(says) && e.contains(&format!("line {line}:")),
            "{extra}: {e} (expected line {line})"
        );
    }
    // An unknown key in a translation is refused too.
    let src = format!("{TRANSLATED}\n[translations.de.cohorts.only]\nlist_tag = \"[x]\"\n");
    assert!(pack::parse(&src).is_err());
    // And nothing is stored when the import is refused.
    let db = db();
    let bad = format!("{TRANSLATED}\n[translations.xx.program]\nname = \"x\"\n");
    assert!(pack::import(&db, &bad).is_err());
    assert!(pack::get(&db, "tiny").is_err());
}

#[test]
fn the_built_in_packs_and_questions_ship_in_every_language() {
    let db = db();
    let full = [Lang::ZhCn, Lang::Id, Lang::Ko, Lang::EsMx, Lang::De];
    for program in ["openstack-mentoring", "generic"] {
        let pk = pack::get(&db, program).unwrap();
        for lang in Lang::ALL.into_iter().filter(|l| *l != Lang::En) {
            assert!(pk.translations.contains_key(&lang), "{program} {lang}");
        }
        for lang in full {
            let t = &pk.translations[&lang];
            assert!(
                t.program_name.is_some() && t.program_description.is_some(),
                "{program} {lang}"
            );
            for c in &pk.cohorts {
                let ct = t
                    .cohorts
                    .get(&c.id)
                    .unwrap_or_else(|| panic!("{program} {lang} {}", c.id));
                assert!(ct.name.is_some(), "{lang} {}", c.id);
                assert!(
                    c.description.is_empty() || ct.description.is_some(),
                    "{lang} {}",
                    c.id
                );
                assert!(
                    c.suggested_goals.is_empty() || ct.suggested_goals.is_some(),
                    "{lang} {}",
                    c.id
                );
                for d in &c.criteria {
                    assert!(ct.criteria.contains_key(&d.id), "{lang} {}", d.id);
                }
            }
            for q in &pk.questions {
                let qt = t
                    .questions
                    .get(&q.id)
                    .unwrap_or_else(|| panic!("{program} {lang} {}", q.id));
                assert!(qt.text.is_some(), "{lang} {}", q.id);
                if q.kind == QuestionKind::Scale {
                    assert!(qt.min_label.is_some() && qt.max_label.is_some());
                }
                for o in &q.options {
                    assert!(qt.options.contains_key(&o.id), "{lang} {} {}", q.id, o.id);
                }
            }
        }
    }
    // The OpenStack cohorts read in Indonesian.
    let os = pack::get_in(&db, "openstack-mentoring", Lang::Id).unwrap();
    assert_eq!(
        os.cohort("first-patch").unwrap().name,
        "Patch pertama Anda digabungkan"
    );
    let listed = pack::list(&db, Lang::Id).unwrap();
    assert!(listed.iter().any(|s| s.name == "Mentoring OpenStack"));
}

/// The answers a person gives by choosing, on their form, the option at the
/// same place of each question as everyone else: what they see differs with
/// the language, what they choose does not.
fn answers_from(form: &CheckinForm) -> Answers {
    let mut a = Answers::new();
    for (i, q) in form.questions.iter().enumerate() {
        let answer = match q.kind {
            QuestionKind::Choice => {
                // Where a question applies only after some answers, the form
                // offers them; otherwise, the option at a place of its own.
                let o = &q.options[i % q.options.len()];
                Answer::Text(o.id.clone())
            }
            QuestionKind::Scale => Answer::Number(q.max.unwrap()),
            QuestionKind::Criteria => Answer::Criteria(
                q.criteria
                    .iter()
                    .enumerate()
                    .map(|(j, d)| {
                        let yes = if j % 2 == 0 {
                            CriterionAnswer::Yes
                        } else {
                            CriterionAnswer::No
                        };
                        (d.id.clone(), yes)
                    })
                    .collect::<BTreeMap<_, _>>(),
            ),
        };
        a.insert(q.id.clone(), answer);
    }
    a.insert("role".into(), Answer::Text("mentee".into()));
    a
}

/// A mentee of first-patch on their own machine, 90 days after the match,
/// who answers check-in 1 on a form in `lang`; the survey file's bytes and
/// the form they saw.
fn respondent_in(lang: Lang) -> (Vec<u8>, CheckinForm) {
    let db = db();
    let p: PairId = pair::add(
        &db,
        NewPair {
            my_role: Some(Role::Mentee),
            match_date: today() - Days::new(90),
            ..new_pair("Partner")
        },
    )
    .unwrap()
    .id;
    let form = checkin::form(&db, p, Some(1), trellis_core::time::now(), lang).unwrap();
    checkin::answer(&db, p, 1, answers_from(&form)).unwrap();
    let bytes = survey::preview(&db, p, 1, None).unwrap();
    (bytes, form)
}

fn without_respondent(bytes: &[u8]) -> serde_json::Value {
    let mut v: serde_json::Value = serde_json::from_slice(bytes).unwrap();
    let id = v.as_object_mut().unwrap().remove("respondentId");
    assert!(id.is_some(), "a survey file names its respondent");
    v
}

#[test]
fn the_same_answers_in_two_languages_make_the_same_survey_file() {
    let (id_file, id_form) = respondent_in(Lang::Id);
    let (de_file, de_form) = respondent_in(Lang::De);
    // The forms were really in two languages.
    assert_ne!(id_form.questions[1].text, de_form.questions[1].text);
    assert_ne!(
        serde_json::to_string(&id_form).unwrap(),
        serde_json::to_string(&de_form).unwrap()
    );
    // The files differ only by their random respondent ids.
    assert_ne!(id_file, de_file);
    assert_eq!(without_respondent(&id_file), without_respondent(&de_file));
    // Nothing the person read in their language reaches the file: no
    // question, option, scale label or criterion in it.
    let text = String::from_utf8(id_file).unwrap();
    let en = pack::get(&db(), PROGRAM).unwrap();
    for q in &id_form.questions {
        let mut seen = vec![q.text.clone()];
        seen.extend(q.options.iter().map(|o| o.label.clone()));
        seen.extend(q.min_label.iter().chain(q.max_label.iter()).cloned());
        seen.extend(q.criteria.iter().map(|d| d.text.clone()));
        for s in seen.into_iter().filter(|s| s.chars().count() > 3) {
            assert!(!text.contains(&s), "the file carries '{s}'");
        }
    }
    assert!(!text.contains("\"lang") && !text.contains("\"id-ID"));
    assert!(en.translations.contains_key(&Lang::Id));
}

#[test]
fn one_report_counts_answers_given_in_four_languages_and_speaks_the_organizers() {
    let dir = tempfile::tempdir().unwrap();
    let langs = [Lang::En, Lang::Id, Lang::ZhCn, Lang::De];
    for (i, lang) in langs.iter().enumerate() {
        let (bytes, _) = respondent_in(*lang);
        std::fs::write(dir.path().join(format!("{i}-{lang}.json")), bytes).unwrap();
    }
    let db = db();
    let files = report::survey_files(&[dir.path().to_path_buf()]).unwrap();
    assert_eq!(files.len(), 4);
    let build = |lang: Lang| {
        report::build(
            &db,
            &files,
            &ReportOptions {
                min_group: Some(1),
                lang,
                ..ReportOptions::default()
            },
            &mut |_| {},
        )
        .unwrap()
    };
    let en = build(Lang::En);
    assert_eq!(en.accepted, 4, "{:?}", en.refused);
    let ko = build(Lang::Ko);
    // The same counts, in the same places.
    let counts = |r: &report::Report| {
        r.tables
            .iter()
            .map(|t| (t.id.clone(), t.cells.clone(), t.total))
            .collect::<Vec<_>>()
    };
    assert_eq!(counts(&en), counts(&ko));
    // Everyone chose the same option of each question: all four in one row.
    let freq = report::table(&en, "question:checkin-frequency").unwrap();
    let total: u32 = freq.cells.iter().flatten().flatten().sum();
    assert_eq!(total, 4);
    assert!(freq
        .cells
        .iter()
        .any(|row| row.iter().flatten().any(|n| *n == 4)));
    // The labels are the organizer's language's.
    let ko_freq = report::table(&ko, "question:checkin-frequency").unwrap();
    let ko_pack = pack::get_in(&db, PROGRAM, Lang::Ko).unwrap();
    let q = ko_pack
        .questions
        .iter()
        .find(|q| q.id == "checkin-frequency")
        .unwrap();
    assert_eq!(ko_freq.question.as_deref(), Some(q.text.as_str()));
    assert!(q.text.contains("실시간"), "{}", q.text);
    for o in &q.options {
        assert!(ko_freq.rows.contains(&o.label), "{:?}", ko_freq.rows);
    }
    assert_ne!(ko_freq.rows, freq.rows);
}

#[test]
fn switching_language_shows_the_packs_words_for_the_same_criteria() {
    let db = db();
    let p = pair::add(
        &db,
        NewPair {
            own_criteria: vec!["My own words".into()],
            ..new_pair("A")
        },
    )
    .unwrap();
    let en = criterion::list_in(&db, p.id, Lang::En).unwrap();
    let id = criterion::list_in(&db, p.id, Lang::Id).unwrap();
    let de = criterion::list_in(&db, p.id, Lang::De).unwrap();
    let texts = |l: &[criterion::Criterion]| l.iter().map(|c| c.text.clone()).collect::<Vec<_>>();
    let ids = |l: &[criterion::Criterion]| l.iter().map(|c| c.id).collect::<Vec<_>>();
    assert_eq!(ids(&en), ids(&id));
    assert_eq!(ids(&en), ids(&de));
    assert_eq!(en[2].text, "Merged one patch");
    assert_eq!(id[2].text, "Satu patch sudah digabungkan");
    assert_eq!(de[2].text, "Einen Patch gemergt");
    // The pair's own criterion is its own words in every language.
    assert_eq!(texts(&id).last().unwrap(), "My own words");
    assert_eq!(texts(&de).last().unwrap(), "My own words");
    // Nothing stored changed: English reads as before.
    assert_eq!(criterion::list(&db, p.id).unwrap(), en);
    let one = criterion::get_in(&db, en[0].id, Lang::ZhCn).unwrap();
    assert_eq!(one.text, "已按照《开发者指南》向 Gerrit 提交变更");
    // The check-in form follows the language too.
    let form = |lang| checkin::form(&db, p.id, Some(1), trellis_core::time::now(), lang).unwrap();
    let (f_en, f_ko) = (form(Lang::En), form(Lang::Ko));
    let q = |f: &CheckinForm| {
        f.questions
            .iter()
            .find(|q| q.kind == QuestionKind::Criteria)
            .unwrap()
            .clone()
    };
    assert_eq!(q(&f_ko).text, "기수의 수료 기준 중 어떤 것을 달성했나요?");
    assert_eq!(q(&f_ko).criteria[2].text, "패치 하나가 병합됨");
    assert_eq!(
        q(&f_ko).criteria.iter().map(|d| &d.id).collect::<Vec<_>>(),
        q(&f_en).criteria.iter().map(|d| &d.id).collect::<Vec<_>>()
    );
    // British English: its own words where it has them, English elsewhere.
    let gb = form(Lang::EnGb);
    let text_of = |f: &CheckinForm, id: &str| {
        f.questions
            .iter()
            .find(|q| q.id == id)
            .unwrap()
            .text
            .clone()
    };
    assert!(text_of(&gb, "recommend").contains("programme"));
    assert_eq!(text_of(&gb, "satisfaction"), text_of(&f_en, "satisfaction"));
}

#[test]
fn the_language_choice_is_this_machines_and_reads_back() {
    let db: Db = db();
    assert_eq!(trellis_core::lang::chosen(&db).unwrap(), None);
    trellis_core::lang::choose(&db, Some(Lang::EsMx)).unwrap();
    assert_eq!(trellis_core::lang::chosen(&db).unwrap(), Some(Lang::EsMx));
}

mod record {
    use super::*;
    use trellis_core::criterion::MarkMet;
    use trellis_core::record::{self, RecordFormat};
    use trellis_core::{action, meeting};

    fn seeded() -> (Db, PairId) {
        let db = db();
        let p = add_pair(&db, "Ada").id;
        let c = criterion::list(&db, p).unwrap()[2].id;
        criterion::mark_met(
            &db,
            c,
            MarkMet {
                on: Some("2026-04-01".parse().unwrap()),
                evidence: None,
            },
        )
        .unwrap();
        meeting::log(
            &db,
            p,
            meeting::NewMeeting {
                agenda: "Talk about Gerrit".into(),
                actions: vec![action(
                    "Push the patch set",
                    Role::Mentee,
                    Some("2026-04-10"),
                )],
                ..meeting_at("2026-03-10T15:00:00Z")
            },
        )
        .unwrap();
        action::add(&db, p, None, action("Read the guide", Role::Mentor, None)).unwrap();
        (db, p)
    }

    fn md(db: &Db, p: PairId, lang: Lang) -> String {
        record::export(db, p, RecordFormat::Markdown, false, lang).unwrap()
    }

    #[test]
    fn the_markdown_record_has_the_persons_language_for_its_headings() {
        let (db, p) = seeded();
        let en = md(&db, p, Lang::En);
        for h in [
            "# Mentorship with Ada — Get your first patch merged",
            "- Program: OpenStack Mentoring",
            "## Graduation criteria (1 of 4 met)",
            "- [x] Merged one patch — met 2026-04-01",
            "## Goals",
            "## Meetings (1)",
            "**Agenda**",
            "- [ ] Push the patch set (mentee, due 2026-04-10)",
            "## Other action items",
            "## Notes (0)",
        ] {
            assert!(en.contains(h), "{h} missing from\n{en}");
        }
        let id = md(&db, p, Lang::Id);
        for h in [
            "# Pendampingan bersama Ada — Patch pertama Anda digabungkan",
            "- Kohort: Patch pertama Anda digabungkan",
            "## Kriteria kelulusan (1 dari 4 terpenuhi)",
            "- [x] Satu patch sudah digabungkan — terpenuhi 2026-04-01",
            "## Tujuan",
            "## Pertemuan (1)",
            "**Agenda**",
            "- [ ] Push the patch set (mentee, tenggat 2026-04-10)",
            "## Butir tindakan lainnya",
            "## Catatan (0)",
        ] {
            assert!(id.contains(h), "{h} missing from\n{id}");
        }
        // What the pair wrote stays as written.
        assert!(id.contains("Talk about Gerrit") && id.contains("Read the guide"));
        // No English heading is left in any other language (British English
        // writes the same headings but its own "Programme").
        for lang in [Lang::ZhCn, Lang::Id, Lang::Ko, Lang::EsMx, Lang::De] {
            let text = md(&db, p, lang);
            for english in [
                "## Graduation criteria",
                "## Goals",
                "## Meetings",
                "## Notes",
                "- Cohort:",
                "Mentorship with",
            ] {
                assert!(!text.contains(english), "{lang}: '{english}' in\n{text}");
            }
        }
        let gb = md(&db, p, Lang::EnGb);
        assert!(gb.contains("- Programme: OpenStack Mentoring") && gb.contains("## Goals"));
        assert!(md(&db, p, Lang::Ko).contains("## 수료 기준 (4개 중 1개 달성)"));
    }

    #[test]
    fn the_json_record_is_the_same_in_every_language() {
        let (db, p) = seeded();
        let json = |lang| {
            let mut v: serde_json::Value = serde_json::from_str(
                &record::export(&db, p, RecordFormat::Json, false, lang).unwrap(),
            )
            .unwrap();
            v.as_object_mut().unwrap().remove("exportedAt");
            v
        };
        let en = json(Lang::En);
        assert_eq!(en["cohortName"], "Get your first patch merged");
        for lang in Lang::ALL {
            assert_eq!(json(lang), en, "{lang}");
        }
    }
}

#[test]
fn the_pairs_cohort_and_program_read_in_the_language() {
    let db = db();
    add_pair(&db, "Ada");
    let now = trellis_core::time::now();
    let all = trellis_core::status::overview(&db, now).unwrap();
    assert_eq!(all[0].cohort_name, "Get your first patch merged");
    let all = trellis_core::status::overview_in(&db, now, Lang::Id).unwrap();
    assert_eq!(
        (all[0].program_name.as_str(), all[0].cohort_name.as_str()),
        ("Mentoring OpenStack", "Patch pertama Anda digabungkan")
    );
    assert_eq!(all[0].pair.cohort_id, "first-patch");
    let one = trellis_core::status::for_pair_in(&db, all[0].pair.id, now, Lang::Ko).unwrap();
    assert_ne!(one.cohort_name, "Get your first patch merged");
    assert_eq!(one.pair.cohort_id, "first-patch");
}

/// The example in docs/pack-format.md, with its translation, is a valid pack.
#[test]
fn the_documented_translation_example_imports() {
    let doc = include_str!("../../../../docs/pack-format.md");
    let block = |after: &str| {
        let from = doc.find(after).unwrap();
        let start = doc[from..].find("```toml\n").unwrap() + from + 8;
        let end = doc[start..].find("```").unwrap() + start;
        doc[start..end].to_string()
    };
    let example = block("## Complete example");
    // The complete example on its own is a valid pack, as documented.
    pack::parse(&example).expect("the complete example of docs/pack-format.md");
    let src = format!("{example}\n{}", block("## Translations"));
    let p = pack::parse(&src).unwrap();
    let id = p.in_lang(Lang::Id);
    assert_eq!(id.program.name, "Mentoring Lanternfly");
    assert!(id
        .questions
        .iter()
        .any(|q| q.text == "Bagaimana Anda biasanya bertemu?"));
}
