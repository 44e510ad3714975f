//! The comment filter: a survey file's one free-text answer may not name
//! anyone or say how to reach them (names with or without diacritics,
//! handles, e-mail and web addresses, bare domains).

use super::{printable, MAX_COMMENT};
use crate::{Error, Reason, Result};

/// Endings of bare domains ("opendev.org") that the comment filter refuses.
const TLDS: [&str; 49] = [
    "com",
    "org",
    "net",
    "io",
    "dev",
    "me",
    "info",
    "edu",
    "gov",
    "co",
    "ly",
    "app",
    "ai",
    "de",
    "uk",
    "fr",
    "in",
    "cn",
    "jp",
    "br",
    "ru",
    "eu",
    "us",
    "xyz",
    "ca",
    "au",
    "nl",
    "se",
    "es",
    "it",
    "pl",
    "ch",
    "at",
    "be",
    "kr",
    "tw",
    "mx",
    "id",
    "no",
    "fi",
    "cz",
    "site",
    "page",
    "tech",
    "cloud",
    "social",
    "link",
    "blog",
    "foundation",
];

/// Words next to which a word is someone's handle.
const HANDLE_PLACES: [&str; 19] = [
    "irc",
    "nick",
    "nickname",
    "handle",
    "username",
    "user",
    "login",
    "account",
    "github",
    "gitlab",
    "gerrit",
    "launchpad",
    "matrix",
    "slack",
    "discord",
    "twitter",
    "mastodon",
    "oftc",
    "libera",
];
/// Of those, the ones a name follows ("my nick is ada").
const NAME_FOLLOWS: [&str; 7] = [
    "nick", "nickname", "handle", "username", "user", "login", "account",
];
/// Small words skipped when looking for the handle next to such a word.
const GLUE: [&str; 22] = [
    "is", "my", "me", "as", "on", "at", "the", "a", "an", "in", "called", "named", "was", "are",
    "by", "i", "and", "or", "to", "am", "via", "under",
];
/// Particles of names that are ordinary words on their own.
const PARTICLES: [&str; 16] = [
    "de", "la", "le", "van", "von", "der", "den", "da", "di", "du", "del", "dos", "bin", "al",
    "el", "y",
];

/// A letter without its diacritics, lowercased ("Ë" → "e", "ß" → "ss").
fn fold_char(c: char, out: &mut String) {
    let lower: String = c.to_lowercase().collect();
    for c in lower.chars() {
        let s = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'ǎ' => "a",
            'æ' => "ae",
            'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
            'ď' | 'đ' | 'ð' => "d",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
            'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
            'ĥ' | 'ħ' => "h",
            'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' | 'ǐ' => "i",
            'ĵ' => "j",
            'ķ' => "k",
            'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
            'ñ' | 'ń' | 'ņ' | 'ň' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'ǒ' => "o",
            'œ' => "oe",
            'ŕ' | 'ŗ' | 'ř' => "r",
            'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
            'ß' => "ss",
            'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
            'þ' => "th",
            'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'ǔ' => "u",
            'ŵ' => "w",
            'ý' | 'ÿ' | 'ŷ' => "y",
            'ź' | 'ż' | 'ž' => "z",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(s);
    }
}

/// Text lowercased and without diacritics.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// The words of a text, folded: runs of letters and digits.
fn folded_words(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Does a name appear in the words: the whole name, or any part of it on
/// its own (a first or a last name), with or without diacritics, in any case?
fn mentions(words: &[String], name: &str) -> bool {
    let parts: Vec<String> = folded_words(name);
    if parts.is_empty() {
        return false;
    }
    let whole = parts.iter().map(|w| w.chars().count()).sum::<usize>() >= 2
        && words.windows(parts.len()).any(|w| w == parts.as_slice());
    whole
        || parts.iter().any(|p| {
            p.chars().count() >= 2 && !PARTICLES.contains(&p.as_str()) && words.contains(p)
        })
}

/// A word that reads as a handle rather than a word: letters with digits,
/// or joined by `-` or `_` ("jdoe42", "jdoe-42", "j_doe").
fn handle_like(token: &str) -> bool {
    let has_letter = token.chars().any(char::is_alphabetic);
    let has_digit = token.chars().any(|c| c.is_ascii_digit());
    let joined = token
        .trim_matches(|c| c == '-' || c == '_')
        .contains(['-', '_']);
    has_letter && (has_digit || joined || token.contains('_'))
}

fn refuse(why: Reason) -> Error {
    Error::invalid("comment", why)
}

/// Check an optional comment: trimmed; at most [`MAX_COMMENT`] characters;
/// no e-mail address, web address or bare domain, no handle (`@name`, a nick
/// next to "IRC", "nick", "handle", "GitHub" …), and neither the partner's
/// name nor the person's own (`my_name`, when given) — whole or any part,
/// with or without diacritics, in any case. A refusal says why.
pub fn check_comment(
    comment: Option<&str>,
    partner_name: &str,
    my_name: Option<&str>,
) -> Result<Option<String>> {
    let Some(raw) = comment else { return Ok(None) };
    let t = raw.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let field = "comment";
    let n = t.chars().count();
    if n > MAX_COMMENT {
        return Err(Error::invalid(
            field,
            Reason::TooLong {
                length: n,
                max: MAX_COMMENT,
            },
        ));
    }
    if t.chars().any(|c| c.is_control() && c != '\n') {
        return Err(Error::invalid(field, Reason::ControlCharacters));
    }
    // Tokens as written (split on white space, outer punctuation trimmed).
    let tokens: Vec<(String, String)> = t
        .split_whitespace()
        .map(|token| {
            let w = fold(token.trim_matches(|c: char| "()[]{}<>\"'`,;:!?.".contains(c)));
            (token.to_string(), w)
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    for (token, w) in &tokens {
        if w.contains('@') {
            let (user, host) = w.split_once('@').unwrap_or_default();
            let token = printable(token, 60);
            return Err(refuse(if !user.is_empty() && host.contains('.') {
                Reason::ContainsEmail { token }
            } else {
                Reason::ContainsHandle { token }
            }));
        }
        let hostish = w
            .split("://")
            .last()
            .unwrap_or_default()
            .split(['/', ':', '?', '#'])
            .next()
            .unwrap_or_default();
        let labels: Vec<&str> = hostish.split('.').collect();
        let domain = labels.len() >= 2
            && labels
                .iter()
                .all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'))
            && labels.last().is_some_and(|tld| {
                TLDS.contains(tld)
                    || (w.contains('/')
                        && tld.len() >= 2
                        && tld.chars().all(|c| c.is_ascii_alphabetic()))
            });
        if w.contains("://") || w.starts_with("www.") || domain {
            return Err(refuse(Reason::ContainsLink {
                token: printable(token, 60),
            }));
        }
    }
    // Handles: a handle-like word anywhere near a place where people have
    // handles, or any word right after "nick", "handle", "user" ….
    let plain: Vec<&str> = tokens.iter().map(|(_, w)| w.as_str()).collect();
    for (i, w) in plain.iter().enumerate() {
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
        if !HANDLE_PLACES.contains(&bare) {
            continue;
        }
        let lo = i.saturating_sub(3);
        let hi = (i + 4).min(plain.len());
        for (j, other) in plain.iter().enumerate().take(hi).skip(lo) {
            let o = other.trim_matches(|c: char| !c.is_alphanumeric());
            if j == i || o.is_empty() || GLUE.contains(&o) || HANDLE_PLACES.contains(&o) {
                continue;
            }
            let follows = j > i
                && NAME_FOLLOWS.contains(&bare)
                && plain[i + 1..j]
                    .iter()
                    .all(|g| GLUE.contains(&g.trim_matches(|c: char| !c.is_alphanumeric())));
            if handle_like(o) || follows {
                return Err(refuse(Reason::ContainsNick {
                    token: printable(
                        tokens[j]
                            .0
                            .trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '_'),
                        60,
                    ),
                    near: printable(&tokens[i].0, 30),
                }));
            }
        }
    }
    let words = folded_words(t);
    if mentions(&words, partner_name) {
        return Err(refuse(Reason::NamesPartner));
    }
    if my_name.is_some_and(|m| mentions(&words, m)) {
        return Err(refuse(Reason::NamesYou));
    }
    Ok(Some(t.to_string()))
}
