//! A refused sync file says why in a stable code, so that the desktop can
//! title it ("altered", "another pair's") without reading its words.

use trellis_core::{sync, ErrorCode, ErrorKind};

use super::*;

#[test]
fn a_file_changed_on_the_way_is_refused_as_altered() {
    let t = two();
    let mut file = sync::export(&t.a, t.pair).unwrap();
    let last = file.len() - 1;
    file[last] ^= 1;
    let e = refused(&t.b, ErrorKind::Format, || sync::import(&t.b, &file));
    assert_eq!(e.code(), ErrorCode::FileAltered, "{e}");
    assert_eq!(e.report().params["what"], "sync_file");
}

#[test]
fn a_file_of_a_pair_not_shared_here_is_refused_as_another_pairs() {
    let t = two();
    let file = sync::export(&t.a, t.pair).unwrap();
    let stranger = db();
    let e = refused(&stranger, ErrorKind::Format, || {
        sync::import(&stranger, &file)
    });
    assert_eq!(e.code(), ErrorCode::FileOfAnotherPair, "{e}");
}

#[test]
fn an_invite_opened_with_the_wrong_code_is_refused_as_altered() {
    let a = db();
    let p = add_pair(&a, "Morgan Mentor");
    let (inv, _) = invite(&a, p.id, "Ada Mentee");
    let b = db();
    let e = refused(&b, ErrorKind::Format, || accept(&b, &inv, "7K3M-Q9XD-2WPA"));
    assert_eq!(e.code(), ErrorCode::FileAltered, "{e}");
    assert_eq!(e.report().params["what"], "invite_file");
}

#[test]
fn refused_input_keeps_its_field_apart_from_its_words() {
    let e = trellis_core::Error::invalid(
        "answers.recommend",
        trellis_core::Reason::OffScale {
            value: "11".into(),
            min: 0,
            max: 10,
        },
    );
    assert_eq!(
        e.to_string(),
        "answer to 'recommend': 11 is outside the scale; give a whole number from 0 to 10 or prefer-not-to-say"
    );
    let report = e.report();
    assert_eq!(report.code, ErrorCode::Invalid);
    assert_eq!(report.field.as_deref(), Some("answers.recommend"));
    assert_eq!(report.params["rule"], "off_scale");
    assert_eq!(report.params["value"], "11");
    assert_eq!(report.params["min"], "0");
    assert_eq!(report.params["max"], "10");
    assert!(report.params["reason"].starts_with("11 is outside the scale"));
}
