//! Tests of the desktop shell without a display: commands through Tauri's mock
//! runtime, and the security settings (capabilities, CSP) as data.

#![allow(
    clippy::disallowed_methods,
    reason = "tests and benches write and open damaged or scratch files on purpose"
)]
// clippy's allow-unwrap-in-tests covers `#[test]` functions, not the helpers they share.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a panic in a test helper is the failure report we want"
)]

mod commands;
mod encryption;
mod language;
mod recovery;
mod reminder;
mod security;
mod sync;
mod util;
