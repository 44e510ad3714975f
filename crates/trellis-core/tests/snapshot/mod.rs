//! The core's `snapshot` rules, on in-memory databases.

use super::util::*;
use trellis_core::criterion::{self, MarkMet};
use trellis_core::draft;
use trellis_core::note::{self, Attachment, NotePatch, Visibility};

#[test]
fn the_snapshot_sees_every_kind_of_write() {
    let db = db();
    let empty = snapshot(&db);
    assert!(empty.contains("[pair]") && empty.contains("[search_index]"));
    let p = add_pair(&db, "Ada");
    let mut last = snapshot(&db);
    assert_ne!(last, empty);
    let n = note::add(&db, p.id, note("one", Visibility::Shared, Attachment::None)).unwrap();
    let c = criterion::list(&db, p.id).unwrap()[0].id;
    let writes: Vec<Box<dyn Fn()>> = vec![
        Box::new(|| {
            note::edit(
                &db,
                n.id,
                NotePatch {
                    visibility: Some(Visibility::Private),
                    ..NotePatch::default()
                },
            )
            .map(drop)
            .unwrap()
        }),
        Box::new(|| {
            criterion::mark_met(&db, c, MarkMet::default())
                .map(drop)
                .unwrap()
        }),
        Box::new(|| {
            draft::save(&db, p.id, "x", Visibility::Shared)
                .map(drop)
                .unwrap()
        }),
        Box::new(|| draft::discard(&db, p.id).unwrap()),
    ];
    for write in writes {
        write();
        let now = snapshot(&db);
        assert_ne!(now, last);
        last = now;
    }
}
