//! The domain rules of the Trellis core, on in-memory databases. One
//! integration binary, one module per noun of `src/`; helpers live in `util`.

#![allow(
    clippy::disallowed_methods,
    reason = "tests and benches write and open damaged or scratch files on purpose"
)]
// clippy.toml lets `#[test]` functions unwrap; the helpers and closures here
// are test code too, and a panic is the failure report we want.
#![allow(
    clippy::unwrap_used,
    reason = "test code: a panic is the failure report"
)]

mod attention;
mod calendar;
mod carried;
mod carried_sync;
mod clash;
mod clock;
mod criterion;
mod draft;
mod goal;
mod input;
mod lang;
mod lang_texts;
mod meeting;
mod migration;
mod milestone;
mod note;
mod pair;
mod present;
mod properties;
mod reason;
mod record;
mod reminder;
mod safety;
mod schedule;
mod scope;
mod search;
mod snapshot;
mod status;
mod sync;
mod trash;
mod util;
mod week;

use trellis_core::ErrorKind;
