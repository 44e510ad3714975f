//! Search within one pair (issue 17, Ctrl+F on a pair's screen): only that
//! pair's items, however many the other pairs have that rank higher.

use trellis_core::id::PairId;
use trellis_core::note::{self, Attachment, Visibility};
use trellis_core::{search, ErrorKind};

use super::util::*;

#[test]
fn a_search_within_a_pair_finds_only_its_items_even_when_others_rank_first() {
    let db = db();
    let ada = add_pair(&db, "Ada");
    let bo = add_pair(&db, "Bo");
    // Bo has many better matches (the word twice), more than one page.
    for i in 0..30 {
        let body = format!("zuulcraft zuulcraft note {i}");
        note::add(
            &db,
            bo.id,
            note(&body, Visibility::Shared, Attachment::None),
        )
        .unwrap();
    }
    let mine = note::add(
        &db,
        ada.id,
        note(
            "a long note that mentions zuulcraft once among many other words",
            Visibility::Private,
            Attachment::None,
        ),
    )
    .unwrap();

    let everywhere = search::query(&db, "zuulcraft", 10).unwrap();
    assert_eq!(everywhere.len(), 10);
    assert!(
        everywhere.iter().all(|h| h.pair_id == bo.id),
        "Bo's rank first"
    );

    let within = search::query_in(&db, "zuulcraft", 10, Some(ada.id)).unwrap();
    assert_eq!(within.len(), 1);
    assert_eq!(within[0].item_id, mine.id.to_string());
    assert_eq!(within[0].pair_id, ada.id);

    let bos = search::query_in(&db, "zuulcraft", 50, Some(bo.id)).unwrap();
    assert_eq!(bos.len(), 30);
    assert!(bos.iter().all(|h| h.pair_id == bo.id));
    assert_eq!(
        search::query_in(&db, "zuulcraft", 50, None).unwrap().len(),
        31,
        "no pair: everywhere"
    );
}

#[test]
fn a_search_within_an_unknown_pair_is_not_found() {
    let db = db();
    add_pair(&db, "Ada");
    let e = err(search::query_in(&db, "anything", 10, Some(PairId::new())));
    assert_eq!(e.kind(), ErrorKind::NotFound);
}
