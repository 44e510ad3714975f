#![no_main]
//! Pack files reach the parser as text (`file::read_text` refuses other
//! bytes first), so the fuzzer's bytes are read the same way.

use libfuzzer_sys::fuzz_target;
use trellis_core::pack;

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = std::str::from_utf8(data) {
        let _ = pack::parse(src);
    }
});
