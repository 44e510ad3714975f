//! The languages Trellis speaks, and the one the person chose.
//!
//! Seven languages at launch, named by their BCP 47 tags; English (`en`) is
//! the source of every text and the fallback of every missing one. A system
//! locale (`id_ID.UTF-8`, `zh-Hans`, `en-AU`) is matched to the nearest of
//! them by [`Lang::negotiate`]. The person's choice is this machine's own
//! setting (never synced, never in a file that leaves it); no choice means
//! "follow the system".

use std::fmt;
use std::str::FromStr;

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::{Db, Error, Result};

/// A language Trellis ships in. Serialized as its BCP 47 tag.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    Serialize,
    Deserialize,
    ts_rs::TS,
)]
#[ts(export)]
pub enum Lang {
    /// English: the source language and the fallback.
    #[default]
    #[serde(rename = "en")]
    En,
    /// English (United Kingdom).
    #[serde(rename = "en-GB")]
    EnGb,
    /// Chinese (Simplified).
    #[serde(rename = "zh-CN")]
    ZhCn,
    /// Indonesian.
    #[serde(rename = "id")]
    Id,
    /// Korean.
    #[serde(rename = "ko")]
    Ko,
    /// Spanish (Mexico).
    #[serde(rename = "es-MX")]
    EsMx,
    /// German.
    #[serde(rename = "de")]
    De,
}

/// English (United States-style) is the default of `en`; these regions
/// write British English, the nearer of the two.
const BRITISH_REGIONS: &[&str] = &[
    "gb", "uk", "au", "nz", "ie", "in", "za", "sg", "hk", "mt", "pk", "ng", "ke", "gh", "lk", "bd",
    "my", "zw", "ug", "tz", "jm", "cy", "gi", "im", "je", "gg",
];

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 7] = [
        Lang::En,
        Lang::EnGb,
        Lang::ZhCn,
        Lang::Id,
        Lang::Ko,
        Lang::EsMx,
        Lang::De,
    ];

    /// The BCP 47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::EnGb => "en-GB",
            Lang::ZhCn => "zh-CN",
            Lang::Id => "id",
            Lang::Ko => "ko",
            Lang::EsMx => "es-MX",
            Lang::De => "de",
        }
    }

    /// The locale whose month and weekday names chrono writes for this
    /// language (`%b`, `%B`, `%a`, `%A` through `format_localized`).
    pub const fn locale(self) -> chrono::Locale {
        match self {
            Lang::En => chrono::Locale::en_US,
            Lang::EnGb => chrono::Locale::en_GB,
            Lang::ZhCn => chrono::Locale::zh_CN,
            Lang::Id => chrono::Locale::id_ID,
            Lang::Ko => chrono::Locale::ko_KR,
            Lang::EsMx => chrono::Locale::es_MX,
            Lang::De => chrono::Locale::de_DE,
        }
    }

    /// The nearest language to a locale as systems name it: a BCP 47 tag
    /// (`id-ID`, `zh-Hans-SG`) or a POSIX locale (`id_ID.UTF-8`,
    /// `de_AT@euro`). Any region of a language we have matches it (`de-AT`
    /// → `de`, `es-419` → `es-MX`, Chinese in any script → `zh-CN`, the
    /// only Chinese we have); English follows the region (`en-AU` →
    /// `en-GB`); `C`, `POSIX`, empty and unknown languages get English.
    pub fn negotiate(locale: &str) -> Lang {
        // POSIX: language[_territory][.codeset][@modifier]
        let base = locale.trim();
        let base = base.split(['.', '@']).next().unwrap_or("");
        let lower = base.to_ascii_lowercase().replace('_', "-");
        let mut parts = lower.split('-').filter(|p| !p.is_empty());
        let language = parts.next().unwrap_or("");
        // The region is the first two-letter or three-digit subtag after
        // the language (a four-letter one is a script).
        let region =
            parts.find(|p| p.len() == 2 || (p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit())));
        match language {
            "en" => match region {
                Some(r) if BRITISH_REGIONS.contains(&r) => Lang::EnGb,
                _ => Lang::En,
            },
            "zh" | "cmn" => Lang::ZhCn,
            // `in` is Indonesian's withdrawn code, still sent by old Java systems.
            "id" | "in" | "ind" => Lang::Id,
            "ko" | "kor" => Lang::Ko,
            "es" | "spa" => Lang::EsMx,
            "de" | "deu" | "ger" | "gsw" => Lang::De,
            _ => Lang::En,
        }
    }

    /// The first of several locales, in order of preference (as in the
    /// `LANGUAGE` variable, `id:en`), that names a language we have; English
    /// when none does.
    pub fn negotiate_list<'a>(locales: impl IntoIterator<Item = &'a str>) -> Lang {
        for l in locales {
            let lang = Lang::negotiate(l);
            let primary = l.trim().split(['-', '_', '.', '@']).next().unwrap_or("");
            if lang != Lang::En || primary.eq_ignore_ascii_case("en") {
                return lang;
            }
        }
        Lang::En
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// Exactly one of the seven tags (as a pack or a setting names it), not a
/// locale to negotiate.
impl FromStr for Lang {
    type Err = Error;

    fn from_str(s: &str) -> Result<Lang> {
        Lang::ALL.into_iter().find(|l| l.tag() == s).ok_or_else(|| {
            Error::invalid(
                "language",
                crate::Reason::NotAChoice {
                    value: s.to_owned(),
                    choices: Lang::ALL.map(|l| l.tag().to_owned()).to_vec(),
                },
            )
        })
    }
}

/// The seven tags, comma-separated, for messages.
pub(crate) fn tags() -> String {
    Lang::ALL.map(Lang::tag).join(", ")
}

/// The language setting as the desktop shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Language {
    /// The person's choice; `None` follows the system.
    pub chosen: Option<Lang>,
    /// The system's language, negotiated to one we have.
    pub system: Lang,
    /// The language in use: the choice, else the system's.
    pub effective: Lang,
    /// Every language Trellis ships in, English first.
    pub available: Vec<Lang>,
}

impl Language {
    pub fn new(chosen: Option<Lang>, system: Lang) -> Language {
        Language {
            chosen,
            system,
            effective: chosen.unwrap_or(system),
            available: Lang::ALL.to_vec(),
        }
    }
}

/// The language the person chose on this machine (`None`: follow the
/// system). A stored tag this build does not know reads as no choice.
pub fn chosen(db: &Db) -> Result<Option<Lang>> {
    let tag: Option<String> = db.read(|c| {
        Ok(
            c.query_row("SELECT language FROM setting WHERE id = 1", [], |r| {
                r.get::<_, Option<String>>(0)
            })
            .optional()?
            .flatten(),
        )
    })?;
    Ok(tag.and_then(|t| t.parse().ok()))
}

/// Remember the person's language (`None`: follow the system again).
pub fn choose(db: &Db, lang: Option<Lang>) -> Result<Option<Lang>> {
    db.write(|tx| {
        tx.execute(
            "UPDATE setting SET language = ?1 WHERE id = 1",
            params![lang.map(Lang::tag)],
        )?;
        Ok(())
    })?;
    chosen(db)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_locales_find_the_nearest_language() {
        for (locale, want) in [
            ("id_ID.UTF-8", Lang::Id),
            ("id-ID", Lang::Id),
            ("in_ID", Lang::Id),
            ("en-US", Lang::En),
            ("en_US.UTF-8", Lang::En),
            ("C", Lang::En),
            ("C.UTF-8", Lang::En),
            ("POSIX", Lang::En),
            ("", Lang::En),
            ("fr-FR", Lang::En),
            ("en-AU", Lang::EnGb),
            ("en-GB", Lang::EnGb),
            ("en_GB.UTF-8", Lang::EnGb),
            ("en", Lang::En),
            ("zh", Lang::ZhCn),
            ("zh-Hans", Lang::ZhCn),
            ("zh-CN", Lang::ZhCn),
            ("zh-SG", Lang::ZhCn),
            ("zh_CN.GB18030", Lang::ZhCn),
            ("es", Lang::EsMx),
            ("es-419", Lang::EsMx),
            ("es-MX", Lang::EsMx),
            ("es_ES.UTF-8", Lang::EsMx),
            ("de-AT", Lang::De),
            ("de_DE@euro", Lang::De),
            ("ko-KR", Lang::Ko),
            ("ko_KR.UTF-8", Lang::Ko),
        ] {
            assert_eq!(Lang::negotiate(locale), want, "{locale}");
        }
    }

    #[test]
    fn a_list_of_locales_takes_the_first_one_we_have() {
        assert_eq!(Lang::negotiate_list(["fr", "de", "en"]), Lang::De);
        assert_eq!(Lang::negotiate_list(["en-GB", "id"]), Lang::EnGb);
        assert_eq!(Lang::negotiate_list(["fr", "it"]), Lang::En);
    }

    #[test]
    fn tags_round_trip_through_serde_and_parse_exactly() {
        for l in Lang::ALL {
            let json = serde_json::to_string(&l).unwrap();
            assert_eq!(json, format!("\"{}\"", l.tag()));
            assert_eq!(serde_json::from_str::<Lang>(&json).unwrap(), l);
            assert_eq!(l.tag().parse::<Lang>().unwrap(), l);
        }
        assert!("id-ID".parse::<Lang>().is_err());
        assert!("EN".parse::<Lang>().is_err());
    }

    #[test]
    fn the_choice_is_remembered_and_can_be_forgotten() {
        let db = Db::open_in_memory().unwrap();
        assert_eq!(chosen(&db).unwrap(), None);
        assert_eq!(choose(&db, Some(Lang::Ko)).unwrap(), Some(Lang::Ko));
        assert_eq!(chosen(&db).unwrap(), Some(Lang::Ko));
        assert_eq!(choose(&db, None).unwrap(), None);
        assert_eq!(chosen(&db).unwrap(), None);
        let l = Language::new(None, Lang::Id);
        assert_eq!(l.effective, Lang::Id);
        assert_eq!(Language::new(Some(Lang::De), Lang::Id).effective, Lang::De);
    }
}
