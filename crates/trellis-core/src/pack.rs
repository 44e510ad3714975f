//! Program packs: the organizer's TOML file that defines a program's cohorts,
//! suggested goals, graduation criteria, check-in schedule and questions.
//! See `docs/pack-format.md`.

mod parse;
mod translation;

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::pair::Role;
use crate::{Db, Error, Reason, Result};

use parse::parse_as;
pub use parse::{default_question_set, parse};
pub use translation::{CohortTexts, QuestionTexts, Texts};

/// The format name every pack file carries.
pub const FORMAT: &str = "trellis-pack";
/// The major format version this build reads.
pub const FORMAT_MAJOR: u32 = 1;
/// Largest pack file accepted, checked before parsing.
pub const MAX_PACK_BYTES: usize = 1024 * 1024;

const OPENSTACK: &str = include_str!("../packs/openstack.toml");
const GENERIC: &str = include_str!("../packs/generic.toml");
const DEFAULT_QUESTIONS: &str = include_str!("../packs/default-questions.toml");

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Pack {
    pub format_version: String,
    pub program: Program,
    pub checkin: CheckinSchedule,
    pub cohorts: Vec<Cohort>,
    pub questions: Vec<Question>,
    /// True when the pack lists no questions and the built-in ones apply.
    pub default_questions: bool,
    /// True for packs compiled into Trellis.
    pub builtin: bool,
    /// The pack's texts in other languages (`[translations.<tag>]`); a
    /// screen gets the pack in its language through [`Pack::in_lang`].
    #[serde(skip)]
    #[ts(skip)]
    pub translations: std::collections::BTreeMap<crate::lang::Lang, Texts>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Program {
    pub id: String,
    pub name: String,
    pub version: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CheckinSchedule {
    pub days_after_match: Vec<u32>,
    pub min_group_size: u32,
    /// How finely a survey file says when the pair was matched.
    pub timing: SurveyTiming,
    /// Whether survey files carry the pair's answers per graduation
    /// criterion (and how many are met). Off unless the pack asks.
    pub survey_criteria: bool,
    /// Whether survey files carry the pair's cohort. Off unless the pack
    /// asks, or asks for criteria (a cohort's criteria tell its cohort):
    /// every file naming its cohort tells the organizer how many of each
    /// cohort answered, however small.
    pub survey_cohort: bool,
    /// The program's anonymous drop-off for survey files (a folder or an
    /// upload link the organizer runs), shown at export. Trellis sends nothing.
    pub drop_off: Option<String>,
    /// The program's named terms, oldest first, for `survey_timing = "term"`.
    pub terms: Vec<Term>,
}

/// A named term of a program ("2026 Spring"): the pairs matched from its
/// first day until the next term's.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Term {
    pub name: String,
    #[ts(type = "string")]
    pub from: chrono::NaiveDate,
}

/// Longest term name.
pub const MAX_TERM_NAME: usize = 40;

impl CheckinSchedule {
    /// The named term a pair matched on `date` belongs to: the last term
    /// that began on or before it (none before the first term).
    pub fn term_of(&self, date: chrono::NaiveDate) -> Option<&Term> {
        self.terms.iter().rev().find(|t| t.from <= date)
    }
}

/// How finely a survey file places the match in time: by default only the
/// check-in number; a pack may ask for the year of the match, or for the
/// name of the program's term the match falls in ("2026 Spring").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum SurveyTiming {
    #[default]
    CheckinNumber,
    MatchYear,
    Term,
}

/// Longest drop-off text.
pub const MAX_DROP_OFF: usize = 300;

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Cohort {
    pub id: String,
    pub name: String,
    pub list_tag: Option<String>,
    pub description: String,
    pub suggested_goals: Vec<String>,
    pub criteria: Vec<CriterionDef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CriterionDef {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum QuestionKind {
    Choice,
    Scale,
    Criteria,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Prefill {
    Role,
    Cohort,
    #[serde(rename = "meetings_last_4_weeks")]
    MeetingsLast4Weeks,
    GoalProgress,
    PairStatus,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Choice {
    pub id: String,
    pub label: String,
    /// No longer offered (`retired = true`): a new answer may not choose it,
    /// but survey files written when it was offered still read and report.
    #[serde(default, skip_serializing)]
    #[ts(skip)]
    pub retired: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Question {
    pub id: String,
    pub text: String,
    pub kind: QuestionKind,
    pub options: Vec<Choice>,
    pub min: Option<i32>,
    pub max: Option<i32>,
    pub min_label: Option<String>,
    pub max_label: Option<String>,
    pub roles: Vec<Role>,
    pub prefill: Option<Prefill>,
    /// Asked only when an earlier question got one of some answers (`None`:
    /// always asked).
    pub only_if: Option<Condition>,
}

/// When a question applies: the answer to the earlier choice question
/// `question` is one of `answers` (option ids). Any other answer, "prefer
/// not to say" or no answer at all, and the question is not asked, not
/// required, and no answer to it is kept or written to a survey file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct Condition {
    pub question: String,
    pub answers: Vec<String>,
}

impl Condition {
    /// Whether `answer`, the answer given to the condition's question, makes
    /// the question apply.
    pub fn holds(&self, answer: Option<&str>) -> bool {
        answer.is_some_and(|a| self.answers.iter().any(|x| x == a))
    }
}

/// One line of `pack list`.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PackSummary {
    pub id: String,
    pub name: String,
    pub version: String,
    pub builtin: bool,
    pub cohorts: Vec<String>,
}

impl Pack {
    pub fn cohort(&self, id: &str) -> Result<&Cohort> {
        self.cohorts.iter().find(|c| c.id == id).ok_or_else(|| {
            Error::invalid(
                "cohort",
                Reason::NotAChoice {
                    value: id.to_owned(),
                    choices: self.cohorts.iter().map(|c| c.id.clone()).collect(),
                },
            )
        })
    }

    pub fn summary(&self) -> PackSummary {
        PackSummary {
            id: self.program.id.clone(),
            name: self.program.name.clone(),
            version: self.program.version.clone(),
            builtin: self.builtin,
            cohorts: self.cohorts.iter().map(|c| c.id.clone()).collect(),
        }
    }
}

/// The packs compiled into Trellis.
pub fn builtin() -> Result<Vec<Pack>> {
    Ok(builtin_parsed()?.to_vec())
}

/// The built-in packs, parsed once per process: every screen that shows a
/// pair asks for its pack, and parsing the TOML each time cost more than
/// the screen's queries.
fn builtin_parsed() -> Result<&'static [Pack]> {
    static PARSED: std::sync::OnceLock<Vec<Pack>> = std::sync::OnceLock::new();
    if let Some(p) = PARSED.get() {
        return Ok(p);
    }
    let parsed = [OPENSTACK, GENERIC]
        .iter()
        .map(|src| parse_as(src, "built-in pack", true))
        .collect::<Result<Vec<_>>>()?;
    Ok(PARSED.get_or_init(|| parsed))
}

/// Import (or replace) a pack from its TOML text. Nothing is stored when it is refused.
pub fn import(db: &Db, src: &str) -> Result<Pack> {
    let pack = parse(src)?;
    let now = crate::time::now().to_rfc3339();
    db.write(|tx| {
        tx.execute(
            "INSERT INTO pack (program_id, version, name, source, imported_at) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (program_id) DO UPDATE SET version = excluded.version, name = excluded.name,
                 source = excluded.source, imported_at = excluded.imported_at",
            params![pack.program.id, pack.program.version, pack.program.name, src, now],
        )?;
        Ok(())
    })?;
    // Its check-in schedule may have changed for every pair in the program.
    crate::calendar::follow_all(db);
    Ok(pack)
}

/// Every pack available: imported ones, then the built-in ones they do not
/// replace; names in `lang` where the pack gives them.
pub fn list(db: &Db, lang: Lang) -> Result<Vec<PackSummary>> {
    let mut out: Vec<PackSummary> = imported(db)?
        .iter()
        .map(|p| p.in_lang(lang).summary())
        .collect();
    for p in builtin()? {
        if !out.iter().any(|s| s.id == p.program.id) {
            out.push(p.in_lang(lang).summary());
        }
    }
    Ok(out)
}

/// One pack by program id, as read in `lang` ([`Pack::in_lang`]).
pub fn get_in(db: &Db, program_id: &str, lang: Lang) -> Result<Pack> {
    Ok(get(db, program_id)?.in_lang(lang))
}

fn imported(db: &Db) -> Result<Vec<Pack>> {
    let sources: Vec<String> = db.read(|c| {
        let mut st = c.prepare_cached("SELECT source FROM pack ORDER BY name")?;
        let rows = st.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<String>>>()?)
    })?;
    sources.iter().map(|s| parse(s)).collect()
}

/// One pack by program id: an imported pack wins over a built-in one of the same id.
pub fn get(db: &Db, program_id: &str) -> Result<Pack> {
    let src: Option<String> = db.read(|c| {
        Ok(c.query_row(
            "SELECT source FROM pack WHERE program_id = ?1",
            [program_id],
            |r| r.get(0),
        )
        .optional()?)
    })?;
    if let Some(src) = src {
        return parse(&src);
    }
    builtin_parsed()?
        .iter()
        .find(|p| p.program.id == program_id)
        .cloned()
        .ok_or_else(|| Error::not_found("program", program_id))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
format = "trellis-pack"
format_version = "1.0"
[program]
id = "tiny"
name = "Tiny program"
version = "1"
[[cohorts]]
id = "only"
name = "The only cohort"
[[cohorts.criteria]]
id = "did-it"
text = "Did it"
"#;

    #[test]
    fn builtin_packs_parse_with_the_four_openstack_cohorts() {
        let packs = builtin().unwrap();
        let os = packs
            .iter()
            .find(|p| p.program.id == "openstack-mentoring")
            .unwrap();
        let ids: Vec<&str> = os.cohorts.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["first-patch", "first-cfp", "first-cloud", "coa"]);
        assert!(os
            .cohorts
            .iter()
            .all(|c| !c.criteria.is_empty() && c.list_tag.is_some()));
        assert!(os.default_questions);
        assert!(packs.iter().any(|p| p.program.id == "generic"));
    }

    #[test]
    fn default_questions_cover_both_roles_and_allow_criteria() {
        let qs = default_question_set().unwrap();
        assert!(qs.iter().any(|q| q.kind == QuestionKind::Criteria));
        assert!(qs.iter().any(|q| q.roles == [Role::Mentor]));
        assert!(qs.iter().any(|q| q.roles == [Role::Mentee]));
    }

    #[test]
    fn a_minimal_pack_gets_the_defaults() {
        let p = parse(MINIMAL).unwrap();
        assert_eq!(p.checkin.days_after_match, [90]);
        assert_eq!(p.checkin.min_group_size, 5);
        assert!(p.default_questions && !p.questions.is_empty());
    }

    #[test]
    fn a_missing_field_is_named_with_its_line() {
        let src = MINIMAL.replace("name = \"Tiny program\"\n", "");
        let e = parse(&src).unwrap_err().to_string();
        assert!(e.contains("line") && e.contains("name"), "{e}");
    }

    #[test]
    fn a_bad_cohort_id_names_its_line() {
        let src = MINIMAL.replace("id = \"only\"", "id = \"Only Cohort\"");
        let e = parse(&src).unwrap_err().to_string();
        assert!(e.contains("line 9") && e.contains("cohorts.id"), "{e}");
    }

    #[test]
    fn an_unknown_major_version_is_refused() {
        let src = MINIMAL.replace("\"1.0\"", "\"2.0\"");
        let e = parse(&src).unwrap_err().to_string();
        assert!(e.contains("not supported"), "{e}");
    }

    #[test]
    fn unknown_keys_are_refused() {
        let src = MINIMAL.replace("version = \"1\"", "version = \"1\"\nveriosn = 2");
        assert!(parse(&src).is_err());
    }

    #[test]
    fn importing_replaces_a_builtin_of_the_same_id_and_lists_once() {
        let db = Db::open_in_memory().unwrap();
        let src = MINIMAL.replace("\"tiny\"", "\"generic\"");
        import(&db, &src).unwrap();
        let list = list(&db, Lang::En).unwrap();
        assert_eq!(list.iter().filter(|p| p.id == "generic").count(), 1);
        assert_eq!(get(&db, "generic").unwrap().program.name, "Tiny program");
    }

    /// MINIMAL with its own questions: a status, then `extra` after it.
    fn with_questions(extra: &str) -> String {
        format!(
            r#"{MINIMAL}
[[questions]]
id = "status"
text = "Status?"
kind = "choice"
options = [{{ id = "on", label = "On" }}, {{ id = "ended", label = "Ended" }}]

[[questions]]
id = "happy"
text = "Happy?"
kind = "scale"
min = 1
max = 5
{extra}"#
        )
    }

    #[test]
    fn a_question_can_apply_only_after_some_answers_and_old_packs_stay_valid() {
        let p = parse(&with_questions(
            "\n[[questions]]\nid = \"why\"\ntext = \"Why?\"\nkind = \"choice\"\n\
             options = [{ id = \"aa\", label = \"A\" }, { id = \"bb\", label = \"B\" }]\n\
             only_if = { question = \"status\", answers = [\"ended\"] }\n",
        ))
        .unwrap();
        let why = p.questions.iter().find(|q| q.id == "why").unwrap();
        assert_eq!(
            why.only_if,
            Some(Condition {
                question: "status".into(),
                answers: vec!["ended".into()]
            })
        );
        assert!(p
            .questions
            .iter()
            .filter(|q| q.id != "why")
            .all(|q| q.only_if.is_none()));
        let end = default_question_set()
            .unwrap()
            .into_iter()
            .find(|q| q.id == "end-reason")
            .unwrap();
        assert_eq!(
            end.only_if.map(|c| (c.question, c.answers)),
            Some(("pair-status".to_string(), vec!["ended-early".to_string()]))
        );
    }

    #[test]
    fn only_if_must_name_an_earlier_choice_question_and_its_options() {
        let why = |cond: &str| {
            with_questions(&format!(
                "\n[[questions]]\nid = \"why\"\ntext = \"Why?\"\nkind = \"scale\"\nmin = 1\nmax = 3\nonly_if = {cond}\n"
            ))
        };
        for (cond, says) in [
            (
                "{ question = \"nope\", answers = [\"ended\"] }",
                "'nope' is not a question before 'why'",
            ),
            (
                "{ question = \"why\", answers = [\"ended\"] }",
                "'why' is not a question before 'why'",
            ),
            (
                "{ question = \"happy\", answers = [\"1\"] }",
                "'happy' is not a choice question",
            ),
            (
                "{ question = \"status\", answers = [\"over\"] }",
                "'over' is not an option of 'status'; use one of: on, ended",
            ),
            (
                "{ question = \"status\", answers = [] }",
                "at least one option",
            ),
            (
                "{ question = \"status\", answers = [\"on\", \"on\"] }",
                "'on' appears twice",
            ),
            ("{ question = \"status\" }", "answers"),
            (
                "{ question = \"status\", answers = [\"on\"], when = 1 }",
                "when",
            ),
        ] {
            let e = parse(&why(cond)).unwrap_err().to_string();
            assert!(e.contains(says), "{cond}: {e}");
        }
        // A later question is not "earlier", even though it exists.
        let src = with_questions("").replace(
            "max = 5\n",
            "max = 5\nonly_if = { question = \"later\", answers = [\"x\"] }\n\n[[questions]]\nid = \"later\"\ntext = \"Later?\"\nkind = \"choice\"\noptions = [{ id = \"xx\", label = \"X\" }, { id = \"yy\", label = \"Y\" }]\n",
        );
        let e = parse(&src).unwrap_err().to_string();
        assert!(
            e.contains("'later' is not a question before 'happy'")
                && e.contains("questions.only_if"),
            "{e}"
        );
        // The condition's question must be asked of everyone this one is.
        let src = with_questions("").replace(
            "options = [{ id = \"on\", label = \"On\" }, { id = \"ended\", label = \"Ended\" }]\n",
            "options = [{ id = \"on\", label = \"On\" }, { id = \"ended\", label = \"Ended\" }]\nroles = [\"mentor\"]\n",
        ) + "only_if = { question = \"status\", answers = [\"ended\"] }\n";
        let e = parse(&src).unwrap_err().to_string();
        assert!(e.contains("'status' is not asked of a mentee"), "{e}");
    }
}
