//! What the generator draws from its seeded random source: names, zones,
//! words and sentences, days and instants, and ids stamped with the time
//! of the row they name.

use chrono::{DateTime, Days, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use rand::rngs::Xoshiro256PlusPlus;
use rand::RngExt;

pub(super) const PROGRAMS: [&str; 2] = ["openstack-mentoring", "generic"];
pub(super) const ZONES: [&str; 10] = [
    "Europe/Berlin",
    "America/Chicago",
    "Asia/Kolkata",
    "America/Sao_Paulo",
    "Europe/London",
    "Asia/Shanghai",
    "Africa/Lagos",
    "America/New_York",
    "Australia/Sydney",
    "UTC",
];
pub(super) const FIRST: [&str; 24] = [
    "Ada", "Sam", "Priya", "Chen", "Amara", "Lukas", "Sofia", "Kwame", "Mei", "Diego", "Noor",
    "Ivan", "Aiko", "Tomás", "Fatima", "Jonas", "Leila", "Ravi", "Olu", "Hana", "Mateo", "Zara",
    "Emil", "Yuki",
];
pub(super) const LAST: [&str; 20] = [
    "Rivera", "Okafor", "Sharma", "Wang", "Schmidt", "Costa", "Nakamura", "Mensah", "Ibrahim",
    "Petrov", "Silva", "Kowalski", "Haddad", "Fischer", "Tanaka", "Adeyemi", "Larsen", "Gupta",
    "Moreau", "Novak",
];
pub(super) const PROJECTS: [&str; 16] = [
    "Nova",
    "Neutron",
    "Keystone",
    "Cinder",
    "Glance",
    "Swift",
    "Horizon",
    "Ironic",
    "Zuul",
    "Kolla",
    "Tempest",
    "Heat",
    "Octavia",
    "Manila",
    "Designate",
    "Placement",
];
pub(super) const THINGS: [&str; 24] = [
    "patch",
    "review comments",
    "unit tests",
    "functional tests",
    "release notes",
    "docs page",
    "bug report",
    "blueprint",
    "spec",
    "CI job",
    "DevStack setup",
    "rebase",
    "gerrit workflow",
    "mailing list thread",
    "IRC meeting",
    "talk proposal",
    "slides",
    "deployment guide",
    "stable backport",
    "API reference",
    "tox environment",
    "contributor guide",
    "PTG session",
    "upgrade notes",
];
pub(super) const VERBS: [&str; 16] = [
    "Finish",
    "Review",
    "Rework",
    "Draft",
    "Push",
    "Read",
    "Ask about",
    "Fix",
    "Write",
    "Rebase",
    "Test",
    "Share",
    "Update",
    "Split",
    "Present",
    "Summarise",
];
const FEELINGS: [&str; 10] = [
    "went well",
    "felt slow",
    "was confusing at first",
    "finally clicked",
    "needs another pass",
    "got good feedback",
    "is blocked on a reviewer",
    "took longer than planned",
    "was easier than expected",
    "raised new questions",
];

pub(super) type Rng = Xoshiro256PlusPlus;

pub(super) fn pick<'a>(rng: &mut Rng, xs: &[&'a str]) -> &'a str {
    xs[rng.random_range(0..xs.len())]
}

fn sentence(rng: &mut Rng) -> String {
    let mut s = format!(
        "{} the {} {} for {}.",
        pick(rng, &VERBS),
        pick(rng, &THINGS),
        pick(rng, &FEELINGS),
        pick(rng, &PROJECTS)
    );
    // Now and then a bug number: the rare word a person searches for.
    if rng.random_bool(0.03) {
        s.push_str(&format!(
            " See bug {}.",
            rng.random_range(1_000_000..2_000_000)
        ));
    }
    s
}

pub(super) fn paragraph(rng: &mut Rng, min: usize, max: usize) -> String {
    let n = rng.random_range(min..=max);
    (0..n).map(|_| sentence(rng)).collect::<Vec<_>>().join(" ")
}

/// A UUID v7 stamped with `at`, its random bits from the generator.
pub(super) fn id_at(rng: &mut Rng, at: DateTime<Utc>) -> String {
    let bytes: [u8; 10] = rng.random();
    let ms = u64::try_from(at.timestamp_millis()).unwrap_or(0);
    uuid::Builder::from_unix_timestamp_millis(ms, &bytes)
        .into_uuid()
        .to_string()
}

pub(super) fn day_start(d: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&d.and_time(NaiveTime::MIN))
}

/// A random instant on day `d`, during working hours (UTC), to the minute.
pub(super) fn during(rng: &mut Rng, d: NaiveDate) -> DateTime<Utc> {
    day_start(d) + Duration::minutes(rng.random_range(7 * 60..21 * 60))
}

/// A uniformly random day in `[from, to]`.
pub(super) fn day_between(rng: &mut Rng, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    let span = (to - from).num_days().max(0);
    from + Days::new(rng.random_range(0..=span) as u64)
}
