//! A pack's texts in other languages: the `[translations.<tag>]` tables of
//! a pack file, checked against the pack's own ids, and a pack shown in one
//! language ([`Pack::in_lang`]), each missing text falling back to the
//! pack's own. Ids never change with the language, so survey files and
//! reports stay language-neutral. See `docs/pack-format.md`.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;
use toml::Spanned;

use super::parse::Check;
use super::{Pack, Question, QuestionKind};
use crate::lang::{self, Lang};
use crate::Result;

/// A pack's texts in one language; `None` or a missing entry: the pack's own.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Texts {
    pub program_name: Option<String>,
    pub program_description: Option<String>,
    /// By cohort id.
    pub cohorts: HashMap<String, CohortTexts>,
    /// By question id.
    pub questions: HashMap<String, QuestionTexts>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct CohortTexts {
    pub name: Option<String>,
    pub description: Option<String>,
    /// The suggested goals in order, as many as the pack's own.
    pub suggested_goals: Option<Vec<String>>,
    /// Criterion texts by criterion id.
    pub criteria: HashMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct QuestionTexts {
    pub text: Option<String>,
    pub min_label: Option<String>,
    pub max_label: Option<String>,
    /// Option labels by option id.
    pub options: HashMap<String, String>,
}

// ---- as written ----

type Keyed<T> = BTreeMap<Spanned<String>, T>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTranslation {
    #[serde(default)]
    program: Option<Spanned<RawProgramTr>>,
    #[serde(default)]
    cohorts: Keyed<RawCohortTr>,
    #[serde(default)]
    questions: Keyed<RawQuestionTr>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProgramTr {
    #[serde(default)]
    name: Option<Spanned<String>>,
    #[serde(default)]
    description: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCohortTr {
    #[serde(default)]
    name: Option<Spanned<String>>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    suggested_goals: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    criteria: Keyed<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestionTr {
    #[serde(default)]
    text: Option<Spanned<String>>,
    #[serde(default)]
    min_label: Option<Spanned<String>>,
    #[serde(default)]
    max_label: Option<Spanned<String>>,
    #[serde(default)]
    options: Keyed<Spanned<String>>,
}

impl Check<'_> {
    /// Check the `[translations]` of a pack (`pack`: its program, cohorts
    /// and questions as already checked; `None` for the built-in questions
    /// file, which has only questions).
    pub(super) fn translations(
        &self,
        raw: Keyed<RawTranslation>,
        pack: Option<&Pack>,
        questions: &[Question],
    ) -> Result<BTreeMap<Lang, Texts>> {
        let mut out = BTreeMap::new();
        for (tag, t) in raw {
            let lang: Lang = tag.get_ref().parse().map_err(|_| {
                self.fail(
                    "translations",
                    tag.span(),
                    format!(
                        "'{}' is not a language Trellis ships in; use one of: {}",
                        tag.get_ref(),
                        lang::tags()
                    ),
                )
            })?;
            let field = |rest: &str| format!("translations.{lang}.{rest}");
            let mut texts = Texts::default();
            if let Some(p) = t.program {
                let span = p.span();
                let p = p.into_inner();
                if pack.is_none() {
                    return Err(self.fail(&field("program"), span, "this file has no program"));
                }
                texts.program_name = p
                    .name
                    .map(|n| self.text(&field("program.name"), &n))
                    .transpose()?;
                texts.program_description = p.description.map(|d| d.trim().to_string());
            }
            for (id, c) in t.cohorts {
                let Some(cohort) =
                    pack.and_then(|p| p.cohorts.iter().find(|x| x.id == *id.get_ref()))
                else {
                    return Err(self.fail(
                        &field("cohorts"),
                        id.span(),
                        format!("'{}' is not a cohort of this pack", id.get_ref()),
                    ));
                };
                let mut ct = CohortTexts {
                    name: c
                        .name
                        .map(|n| self.text(&field("cohorts.name"), &n))
                        .transpose()?,
                    description: c.description.map(|d| d.trim().to_string()),
                    ..CohortTexts::default()
                };
                if let Some(goals) = c.suggested_goals {
                    let span = goals.span();
                    let goals = goals.into_inner();
                    if goals.len() != cohort.suggested_goals.len() {
                        return Err(self.fail(
                            &field("cohorts.suggested_goals"),
                            span,
                            format!(
                                "'{}' has {} suggested goals; give all {} in the same order",
                                cohort.id,
                                cohort.suggested_goals.len(),
                                cohort.suggested_goals.len()
                            ),
                        ));
                    }
                    ct.suggested_goals = Some(
                        goals
                            .iter()
                            .map(|g| self.text(&field("cohorts.suggested_goals"), g))
                            .collect::<Result<_>>()?,
                    );
                }
                for (cid, text) in c.criteria {
                    if !cohort.criteria.iter().any(|d| d.id == *cid.get_ref()) {
                        return Err(self.fail(
                            &field("cohorts.criteria"),
                            cid.span(),
                            format!(
                                "'{}' is not a criterion of cohort '{}'",
                                cid.get_ref(),
                                cohort.id
                            ),
                        ));
                    }
                    let text = self.text(&field("cohorts.criteria"), &text)?;
                    ct.criteria.insert(cid.into_inner(), text);
                }
                texts.cohorts.insert(cohort.id.clone(), ct);
            }
            for (id, q) in t.questions {
                let Some(question) = questions.iter().find(|x| x.id == *id.get_ref()) else {
                    return Err(self.fail(
                        &field("questions"),
                        id.span(),
                        format!("'{}' is not a question of this pack", id.get_ref()),
                    ));
                };
                let label = |key: &str, v: Option<Spanned<String>>| -> Result<Option<String>> {
                    let Some(v) = v else { return Ok(None) };
                    if question.kind != QuestionKind::Scale {
                        return Err(self.fail(
                            &field(&format!("questions.{key}")),
                            v.span(),
                            format!("'{}' is not a scale question", question.id),
                        ));
                    }
                    self.text(&field(&format!("questions.{key}")), &v).map(Some)
                };
                let mut qt = QuestionTexts {
                    text: q
                        .text
                        .map(|t| self.text(&field("questions.text"), &t))
                        .transpose()?,
                    min_label: label("min_label", q.min_label)?,
                    max_label: label("max_label", q.max_label)?,
                    options: HashMap::new(),
                };
                for (oid, l) in q.options {
                    if !question.options.iter().any(|o| o.id == *oid.get_ref()) {
                        return Err(self.fail(
                            &field("questions.options"),
                            oid.span(),
                            format!(
                                "'{}' is not an option of question '{}'",
                                oid.get_ref(),
                                question.id
                            ),
                        ));
                    }
                    let l = self.text(&field("questions.options"), &l)?;
                    qt.options.insert(oid.into_inner(), l);
                }
                texts.questions.insert(question.id.clone(), qt);
            }
            out.insert(lang, texts);
        }
        Ok(out)
    }
}

/// Replace `to` with the translation, if there is one.
fn put(to: &mut String, from: Option<&String>) {
    if let Some(t) = from {
        to.clone_from(t);
    }
}

impl Pack {
    /// The pack as shown to someone reading `lang`: each text in that
    /// language where the pack gives it, else the pack's own (English for
    /// the built-in packs). Ids, the schedule and everything a survey file
    /// or a report counts stay as they are. The result holds no other
    /// language, so showing it in another takes the pack again.
    pub fn in_lang(&self, lang: Lang) -> Pack {
        let mut p = self.clone();
        p.translations = BTreeMap::new();
        let Some(t) = self.translations.get(&lang) else {
            return p;
        };
        put(&mut p.program.name, t.program_name.as_ref());
        put(&mut p.program.description, t.program_description.as_ref());
        for c in &mut p.cohorts {
            let Some(ct) = t.cohorts.get(&c.id) else {
                continue;
            };
            put(&mut c.name, ct.name.as_ref());
            put(&mut c.description, ct.description.as_ref());
            if let Some(goals) = &ct.suggested_goals {
                c.suggested_goals.clone_from(goals);
            }
            for d in &mut c.criteria {
                put(&mut d.text, ct.criteria.get(&d.id));
            }
        }
        for q in &mut p.questions {
            let Some(qt) = t.questions.get(&q.id) else {
                continue;
            };
            put(&mut q.text, qt.text.as_ref());
            if qt.min_label.is_some() {
                q.min_label.clone_from(&qt.min_label);
            }
            if qt.max_label.is_some() {
                q.max_label.clone_from(&qt.max_label);
            }
            for o in &mut q.options {
                put(&mut o.label, qt.options.get(&o.id));
            }
        }
        p
    }

    /// The languages the pack gives texts in besides its own.
    pub fn translated_into(&self) -> Vec<Lang> {
        self.translations.keys().copied().collect()
    }
}
