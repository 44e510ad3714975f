//! One module per domain noun: its subcommands and how they print.

pub mod action;
pub mod backup;
pub mod calendar;
pub mod checkin;
pub mod criterion;
pub mod encryption;
pub mod export;
pub mod goal;
pub mod meeting;
pub mod milestone;
pub mod note;
pub mod pack;
pub mod pair;
pub mod reminder;
pub mod schedule;
pub mod search;
pub mod status;
pub mod survey;
pub mod sync;
pub mod trash;
pub mod week;
pub mod zone;
