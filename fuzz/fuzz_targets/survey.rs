#![no_main]
//! Survey files reach the parser as raw bytes (`report::read_file`).

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use trellis_core::pack::{self, Pack};
use trellis_core::{report, survey};

fn packs() -> &'static [Pack] {
    static PACKS: OnceLock<Vec<Pack>> = OnceLock::new();
    PACKS.get_or_init(|| pack::builtin().unwrap_or_default())
}

fuzz_target!(|data: &[u8]| {
    let Ok(f) = survey::parse(data) else {
        return;
    };
    // What reads writes back to the same file.
    let bytes = survey::render(&f).expect("a parsed survey file renders");
    assert_eq!(
        survey::parse(&bytes).expect("a rendered survey file parses"),
        f
    );
    // The report's own checks and aggregation take any file that parses.
    for pk in packs() {
        if report::fits_pack(&f, pk).is_ok() {
            for k in [1, 5] {
                let _ = report::aggregate(pk, std::slice::from_ref(&f), k);
            }
        }
    }
});
