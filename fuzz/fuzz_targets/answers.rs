#![no_main]
//! Check-in answers reach the parser as text (`file::read_text` or stdin).

use libfuzzer_sys::fuzz_target;
use trellis_core::checkin;

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = std::str::from_utf8(data) {
        let _ = checkin::parse_answers(src);
    }
});
