//! Time zones as people pick them: the canonical IANA names, the old and
//! alternative names that stand for them (`Asia/Calcutta` → `Asia/Kolkata`),
//! and the zone of this computer.
//!
//! Which names are aliases comes from the tz database's `backward` file of
//! the release chrono-tz is built from (`data/tzdata-backward`, checked
//! against chrono-tz's data by the tests below). Its "pre-2013 practice"
//! links are kept as names of their own: they are the places people live
//! in (`Europe/Oslo`), only merged with a neighbour whose clocks agree.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use chrono_tz::{Tz, TZ_VARIANTS};
use serde::Serialize;

/// The tz database release the alias file comes from; the same as
/// chrono-tz's `IANA_TZDB_VERSION` (a test checks).
pub const TZDB_VERSION: &str = "2025b";

const BACKWARD: &str = include_str!("../data/tzdata-backward");

/// Every zone name a person can pick, and the names that stand for one.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ZoneList {
    /// Canonical IANA names, sorted.
    pub names: Vec<String>,
    /// Old or alternative names and the canonical name each stands for,
    /// sorted by the old name.
    pub aliases: Vec<ZoneAlias>,
    /// This computer's zone (canonical), or `UTC` when it cannot be told.
    pub system: String,
}

/// An old or alternative zone name and the canonical one it stands for.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ZoneAlias {
    pub alias: String,
    pub zone: String,
}

struct Table {
    names: Vec<String>,
    aliases: BTreeMap<String, String>,
}

/// Names kept as they are although tzdb links them: `UTC` is what people
/// write (tzdb's canonical `Etc/UTC` maps to it instead).
const KEEP: &[&str] = &["UTC"];

fn build() -> Table {
    let mut kept_section = false;
    let mut links: Vec<(&str, &str, Option<&str>)> = Vec::new();
    for line in BACKWARD.lines() {
        if let Some(comment) = line.strip_prefix('#') {
            // Section headings: the pre-2013 one is kept, the next ends it.
            let c = comment.trim();
            if c.starts_with("Pre-2013 practice") {
                kept_section = true;
            } else if c.starts_with("Non-zone.tab") || c.starts_with("Alternate names") {
                kept_section = false;
            }
            continue;
        }
        let (body, target1) = match line.split_once("#=") {
            Some((b, t)) => (b, Some(t.trim())),
            None => (line, None),
        };
        let mut parts = body.split_whitespace();
        if parts.next() != Some("Link") {
            continue;
        }
        let (Some(target), Some(name)) = (parts.next(), parts.next()) else {
            continue;
        };
        if !kept_section {
            links.push((name, target, target1));
        }
    }
    let mut aliases: BTreeMap<String, String> = BTreeMap::new();
    for (name, target, target1) in &links {
        if KEEP.contains(name) {
            continue;
        }
        // Prefer the name the link would have pointed at (`#= TARGET1`)
        // when that is a name of its own here (`Iceland` → `Atlantic/Reykjavik`).
        let to = target1
            .filter(|t1| !links.iter().any(|(n, _, _)| n == t1))
            .unwrap_or(target);
        aliases.insert((*name).to_string(), (*to).to_string());
    }
    for utc in [
        "Etc/UTC",
        "Etc/UCT",
        "Etc/Universal",
        "Etc/Zulu",
        "UCT",
        "Universal",
        "Zulu",
    ] {
        aliases.insert(utc.to_string(), "UTC".to_string());
    }
    let mut names: Vec<String> = TZ_VARIANTS
        .iter()
        .map(|z| z.name().to_string())
        .filter(|n| !aliases.contains_key(n) && n != "Factory")
        .collect();
    names.sort();
    aliases.retain(|a, to| a != to && TZ_VARIANTS.iter().any(|z| z.name() == a));
    Table { names, aliases }
}

static TABLE: LazyLock<Table> = LazyLock::new(build);

/// The canonical zone a zone stands for (`Asia/Calcutta` → `Asia/Kolkata`).
pub fn canonical(tz: Tz) -> Tz {
    TABLE
        .aliases
        .get(tz.name())
        .and_then(|c| c.parse().ok())
        .unwrap_or(tz)
}

/// This computer's zone, canonical; `UTC` when the system does not say.
pub fn system() -> Tz {
    iana_time_zone::get_timezone()
        .ok()
        .and_then(|n| n.parse::<Tz>().ok())
        .map_or(Tz::UTC, canonical)
}

/// The canonical names, the alias map and this computer's zone.
pub fn list() -> ZoneList {
    ZoneList {
        names: TABLE.names.clone(),
        aliases: TABLE
            .aliases
            .iter()
            .map(|(alias, zone)| ZoneAlias {
                alias: alias.clone(),
                zone: zone.clone(),
            })
            .collect(),
        system: system().name().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tz(s: &str) -> Tz {
        s.parse().unwrap()
    }

    #[test]
    fn the_alias_file_is_the_release_chrono_tz_is_built_from() {
        assert_eq!(TZDB_VERSION, chrono_tz::IANA_TZDB_VERSION);
    }

    #[test]
    fn renamed_zones_map_to_their_current_names() {
        assert_eq!(canonical(tz("Asia/Calcutta")).name(), "Asia/Kolkata");
        assert_eq!(canonical(tz("Europe/Kiev")).name(), "Europe/Kyiv");
        assert_eq!(canonical(tz("US/Central")).name(), "America/Chicago");
        assert_eq!(canonical(tz("Asia/Saigon")).name(), "Asia/Ho_Chi_Minh");
        assert_eq!(canonical(tz("Etc/UTC")).name(), "UTC");
        assert_eq!(canonical(tz("Iceland")).name(), "Atlantic/Reykjavik");
    }

    #[test]
    fn places_merged_with_a_neighbour_keep_their_own_name() {
        for place in [
            "Europe/Oslo",
            "Europe/Amsterdam",
            "Africa/Addis_Ababa",
            "Asia/Kolkata",
            "UTC",
        ] {
            assert_eq!(canonical(tz(place)).name(), place);
            assert!(list().names.iter().any(|n| n == place), "{place} is listed");
        }
        assert!(!list().names.iter().any(|n| n == "Asia/Calcutta"));
    }

    #[test]
    fn every_alias_is_a_chrono_tz_zone_and_points_at_a_listed_name() {
        let l = list();
        assert!(l.aliases.len() > 100);
        for ZoneAlias { alias, zone: to } in &l.aliases {
            assert!(alias.parse::<Tz>().is_ok(), "{alias}");
            assert!(
                l.names.binary_search(to).is_ok(),
                "{alias} → {to} is not listed"
            );
        }
        for name in &l.names {
            assert_eq!(canonical(tz(name)).name(), name);
        }
        assert!(l.names.binary_search(&l.system).is_ok());
    }
}
