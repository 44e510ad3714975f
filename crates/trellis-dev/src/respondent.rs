//! Survey files of made-up respondents for the organizer's report, valid
//! for the built-in OpenStack pack ([`survey_file`]).

use std::path::Path;

use rand::{RngExt, SeedableRng};

use trellis_core::checkin::CriterionAnswer;
use trellis_core::pack::{self, Pack, QuestionKind};
use trellis_core::survey::{
    self, Activity, Bucket, ClosedAnswer, CriteriaMet, OrderedMap, SurveyFile, SurveyRole,
};
use trellis_core::{Db, Error, Result};

use super::random::Rng;

/// The survey file of one made-up respondent of the built-in OpenStack pack:
/// valid, fitting the pack, a fresh respondent id from the generator.
pub fn survey_file(pk: &Pack, rng_seed: u64) -> Result<Vec<u8>> {
    let mut rng = Rng::seed_from_u64(rng_seed);
    let cohort = &pk.cohorts[rng.random_range(0..pk.cohorts.len())];
    let role = [
        SurveyRole::Mentor,
        SurveyRole::Mentee,
        SurveyRole::Mentee,
        SurveyRole::PreferNotToSay,
    ][rng.random_range(0..4usize)];
    let mut answers = Vec::new();
    let mut criteria = Vec::new();
    for q in &pk.questions {
        let asked = match role.role() {
            Some(r) => q.roles.contains(&r),
            None => q.roles.len() > 1,
        };
        if !asked || q.prefill == Some(trellis_core::pack::Prefill::Role) || rng.random_bool(0.08) {
            continue;
        }
        match q.kind {
            QuestionKind::Criteria => {
                for d in &cohort.criteria {
                    criteria.push((
                        d.id.clone(),
                        CriterionAnswer::ALL[rng.random_range(0..4usize)],
                    ));
                }
            }
            QuestionKind::Choice if !q.options.is_empty() => {
                let o = &q.options[rng.random_range(0..q.options.len())];
                answers.push((q.id.clone(), ClosedAnswer::Text(o.id.clone())));
            }
            QuestionKind::Choice => {}
            QuestionKind::Scale => {
                let (lo, hi) = (q.min.unwrap_or(0), q.max.unwrap_or(0));
                answers.push((
                    q.id.clone(),
                    ClosedAnswer::Number(i64::from(rng.random_range(lo..=hi))),
                ));
            }
        }
    }
    let of = cohort.criteria.len() as u32;
    let random_bytes: [u8; 16] = rng.random();
    let f = SurveyFile {
        format: survey::FORMAT.into(),
        format_version: survey::FORMAT_VERSION.into(),
        respondent_id: uuid::Builder::from_random_bytes(random_bytes)
            .into_uuid()
            .to_string(),
        revision: Some(1),
        program_id: pk.program.id.clone(),
        pack_version: pk.program.version.clone(),
        cohort_id: Some(cohort.id.clone()),
        role,
        match_month: None,
        match_year: Some(rng.random_range(2017..2027)),
        match_term: None,
        checkin_number: 1,
        answers: OrderedMap(answers),
        criteria: OrderedMap(criteria),
        activity: Activity {
            meetings: Bucket::ALL[rng.random_range(0..5usize)],
            goals_set: Bucket::ALL[rng.random_range(0..5usize)],
            goals_achieved: Bucket::ALL[rng.random_range(0..5usize)],
            criteria_met: Some(CriteriaMet {
                met: rng.random_range(0..=of),
                of,
            }),
        },
        comment: None,
    };
    survey::render(&f)
}

/// Write `n` survey files (`survey-000001.json`, …) into `dir` for the
/// program `program_id`; returns the total bytes written.
#[allow(
    clippy::disallowed_methods,
    reason = "benchmark inputs in a scratch folder: neither private nor a person's"
)]
pub fn write_survey_files(db: &Db, program_id: &str, dir: &Path, seed: u64, n: u32) -> Result<u64> {
    let pk = pack::get(db, program_id)?;
    std::fs::create_dir_all(dir).map_err(|e| {
        Error::io(
            trellis_core::IoOp::Write,
            format!("cannot create {}", dir.display()),
            e,
        )
    })?;
    let mut total = 0u64;
    for i in 0..n {
        let bytes = survey_file(&pk, seed.wrapping_mul(1_000_003).wrapping_add(u64::from(i)))?;
        let path = dir.join(format!("survey-{i:06}.json"));
        std::fs::write(&path, &bytes).map_err(|e| {
            Error::io(
                trellis_core::IoOp::Write,
                format!("cannot write {}", path.display()),
                e,
            )
        })?;
        total += bytes.len() as u64;
    }
    Ok(total)
}
