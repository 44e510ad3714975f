//! Why an input is refused travels as a rule and its parameters, so the UI
//! can word it in the person's language; the CLI keeps its English words.

use std::collections::BTreeSet;

use trellis_core::{pair, ErrorCode, Reason};

use crate::util::*;

#[test]
fn every_rule_has_english_words_and_its_parameters() {
    let examples = Reason::examples();
    let rules: BTreeSet<String> = examples.iter().map(Reason::rule).collect();
    assert_eq!(rules.len(), examples.len(), "one example per rule");
    assert_eq!(
        rules,
        rules_in_binding("Reason"),
        "Reason::examples() and ui/src/bindings/Reason.ts name the same rules \
         (regenerate the bindings: cargo test -p trellis-desktop --lib contract)"
    );
    for reason in examples {
        let words = reason.to_string();
        assert!(!words.trim().is_empty(), "{reason:?} has no English words");
        assert!(!words.contains("{}"), "{reason:?}: {words}");
        let params = reason.params();
        assert_eq!(
            params
                .iter()
                .find(|(k, _)| k == "rule")
                .map(|(_, v)| v.clone()),
            Some(reason.rule())
        );
        for (name, value) in &params {
            assert!(!value.is_empty(), "{reason:?}: {name} is empty");
        }
    }
}

#[test]
fn refused_input_names_its_rule_and_parameters_beside_its_english() {
    let db = db();
    let mut form = new_pair("Ada Mentee");
    form.cadence_days = 0;
    let e = refused(&db, trellis_core::ErrorKind::Invalid, || {
        pair::add(&db, form)
    });
    let report = e.report();
    assert_eq!(report.code, ErrorCode::Invalid);
    assert_eq!(report.field.as_deref(), Some("cadence"));
    assert_eq!(report.params["rule"], "out_of_range");
    assert_eq!(report.params["min"], "1");
    assert_eq!(report.params["max"], "365");
    assert_eq!(report.params["unit"], "days");
    assert_eq!(report.params["reason"], "must be between 1 and 365 days");
    assert_eq!(e.to_string(), "cadence: must be between 1 and 365 days");

    let mut form = new_pair("   ");
    form.cadence_days = 14;
    let e = refused(&db, trellis_core::ErrorKind::Invalid, || {
        pair::add(&db, form)
    });
    assert_eq!(e.reason(), Some(&Reason::Required));
    assert_eq!(e.report().params["rule"], "required");
}

#[test]
fn a_choice_not_offered_lists_the_choices() {
    let e = trellis_core::goal::GoalStatus::parse("finished").unwrap_err();
    let params = e.report().params;
    assert_eq!(params["rule"], "not_a_choice");
    assert_eq!(params["value"], "finished");
    assert_eq!(params["choices"], "proposed, active, achieved, dropped");
    assert_eq!(
        e.to_string(),
        "status: 'finished' is not a choice; use proposed, active, achieved or dropped"
    );
}

#[test]
fn bad_dates_times_and_zones_have_their_own_rules() {
    let zone = chrono_tz::UTC;
    let date = trellis_core::time::parse_date("target date", "soon").unwrap_err();
    let time = trellis_core::time::parse_instant("start", "noon", zone).unwrap_err();
    let tz = trellis_core::time::parse_tz("my time zone", "Mars/Base").unwrap_err();
    assert_eq!(date.report().params["rule"], "not_a_date");
    assert_eq!(time.report().params["rule"], "not_a_time");
    assert_eq!(tz.report().params["rule"], "not_a_zone");
    assert_eq!(tz.report().params["value"], "Mars/Base");
}
