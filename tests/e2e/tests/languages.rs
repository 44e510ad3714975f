//! Issue 18's journeys: Trellis in the person's language. A mentee whose
//! system speaks Indonesian sees the window in Indonesian from the first
//! start; and under the pseudo-locale (every word accented, ~35% longer, in
//! brackets) no screen cuts a control, overlaps two or scrolls sideways, at
//! the smallest window and a common one.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;

use fantoccini::key::Key;

use crate::app::{poll, repo_root, App};
use crate::xpath::{button_in, containing, dialog, field_in, lit, radio_in};

/// Every message of a language's catalogue, `area.key` → text.
fn catalogue(locale: &str) -> BTreeMap<String, String> {
    let dir = repo_root().join("ui/src/i18n/messages").join(locale);
    let mut out = BTreeMap::new();
    for entry in fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("a catalogue file").path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let area = path.file_stem().and_then(|s| s.to_str()).expect("an area");
        let text = fs::read_to_string(&path).expect("a catalogue");
        let messages: BTreeMap<String, String> =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for (key, message) in messages {
            out.insert(format!("{area}.{key}"), message);
        }
    }
    out
}

/// A text of the built-in OpenStack pack: `key = "…"` in the table
/// `[section]`, or `key = "…"` inside an inline table of that section.
fn pack_text(section: &str, key: &str) -> String {
    let path = repo_root().join("crates/trellis-core/packs/openstack.toml");
    let text = fs::read_to_string(&path).expect("the OpenStack pack");
    let header = format!("[{section}]");
    let body = text
        .split_once(&format!("{header}\n"))
        .unwrap_or_else(|| panic!("{header} in the OpenStack pack"))
        .1;
    let body = body.split("\n[").next().unwrap_or(body);
    let needle = format!("{key} = \"");
    let start = body
        .find(&needle)
        .unwrap_or_else(|| panic!("{key} in {header}"))
        + needle.len();
    let rest = &body[start..];
    rest[..rest.find('"').expect("a closing quote")].to_owned()
}

/// English sentences a screen could show as they are (no parameters, at
/// least three words: a pack's own short texts, such as a check-in option
/// the core gives in English, are not the window's words), which `other` words differently: any of them on a
/// screen in `other`'s language is a word left untranslated.
fn english_only(other: Option<&BTreeMap<String, String>>) -> Vec<String> {
    let english = catalogue("en");
    english
        .iter()
        .filter(|(key, text)| {
            !text.contains('{')
                && text.split_whitespace().count() >= 3
                && text.len() >= 12
                && other.is_none_or(|o| o.get(*key).is_some_and(|t| t != *text))
        })
        .map(|(_, text)| text.clone())
        .collect()
}

/// Which of `sentences` the page shows now.
async fn shown(app: &App, sentences: &[String]) -> Vec<String> {
    let found = app
        .execute(
            "reading the page's words",
            "const text = document.body.innerText.replace(/\\s+/g, ' '); \
             return arguments[0].filter((s) => text.includes(s));",
            vec![serde_json::json!(sentences)],
        )
        .await;
    serde_json::from_value(found).expect("a list of sentences")
}

/// What a layout does wrong now: controls whose words are cut (clipped or
/// spilling out of a button) without a tooltip that holds them, controls that
/// overlap, and a page wider than the window.
const LAYOUT_PROBLEMS: &str = r#"
const problems = [];
// The part of an element one can see: its box cut by every ancestor that
// clips (a scrolled tab strip, a list that scrolls), or null.
const box = (el) => {
  const r = el.getBoundingClientRect();
  if (r.width <= 1 || r.height <= 1) return null;
  const cs = getComputedStyle(el);
  if (cs.visibility === 'hidden' || cs.display === 'none' || el.closest('[aria-hidden="true"], [inert]')) return null;
  let { left, top, right, bottom } = r;
  for (let a = el.parentElement; a; a = a.parentElement) {
    const as = getComputedStyle(a);
    if (as.overflowX === 'visible' && as.overflowY === 'visible') continue;
    const ar = a.getBoundingClientRect();
    left = Math.max(left, ar.left);
    top = Math.max(top, ar.top);
    right = Math.min(right, ar.right);
    bottom = Math.min(bottom, ar.bottom);
  }
  if (right - left <= 1 || bottom - top <= 1) return null;
  return { left, top, right, bottom };
};
const label = (el) => `${el.tagName.toLowerCase()} “${(el.innerText || '').trim().replace(/\s+/g, ' ').slice(0, 60)}”`;
// With a dialog open, the dialog (the page behind it is checked on its own).
const dialog = document.querySelector('dialog[open]');
const root = dialog ?? document;
if (dialog) {
  const d = dialog.getBoundingClientRect();
  if (d.left < -1 || d.top < -1 || d.right > window.innerWidth + 1 || d.bottom > window.innerHeight + 1) {
    problems.push(`the dialog ${label(dialog.querySelector('h2') ?? dialog)} leaves the window: ${Math.round(d.width)}×${Math.round(d.height)} at ${Math.round(d.left)},${Math.round(d.top)}`);
  }
  for (const el of [dialog, ...dialog.querySelectorAll('*')]) {
    const cs = getComputedStyle(el);
    if (['auto', 'scroll'].includes(cs.overflowX) && el.scrollWidth > el.clientWidth + 1) {
      problems.push(`the dialog scrolls sideways: ${label(el)} is ${el.scrollWidth} px in ${el.clientWidth}`);
    }
  }
}
const boxes = [];
for (const el of root.querySelectorAll('button, a[href], label, [role=tab], [role=menuitem], h1, h2, h3, h4, th, legend, summary, select')) {
  const r = box(el);
  if (!r || !(el.innerText || '').trim()) continue;
  const cs = getComputedStyle(el);
  const clipsX = cs.overflowX !== 'visible' || cs.textOverflow === 'ellipsis';
  const cutX = el.scrollWidth > el.clientWidth + 1 && (clipsX || el.tagName === 'BUTTON');
  const cutY = el.scrollHeight > el.clientHeight + 2 && cs.overflowY === 'hidden';
  if ((cutX || cutY) && !el.title) {
    problems.push(`cut: ${label(el)} needs ${el.scrollWidth}×${el.scrollHeight}, has ${el.clientWidth}×${el.clientHeight}`);
  }
  if (['BUTTON', 'A', 'LABEL', 'SELECT'].includes(el.tagName) || el.getAttribute('role') === 'tab') boxes.push([el, r]);
}
for (let i = 0; i < boxes.length; i++) {
  for (let j = i + 1; j < boxes.length; j++) {
    const [a, ra] = boxes[i];
    const [b, rb] = boxes[j];
    if (a.contains(b) || b.contains(a)) continue;
    const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
    const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
    if (w > 2 && h > 2) problems.push(`overlap: ${label(a)} and ${label(b)}`);
  }
}
const wide = document.documentElement.scrollWidth;
if (wide > window.innerWidth + 1) problems.push(`the page scrolls sideways: ${wide} px in ${window.innerWidth}`);
return problems;
"#;

/// Waits until the screen at `hash` has loaded (nothing busy, two frames painted).
async fn show(app: &App, hash: &str) {
    app.execute(
        "opening a screen",
        "location.hash = arguments[0];",
        vec![serde_json::json!(hash)],
    )
    .await;
    poll(
        &format!("the screen {hash} to load"),
        std::time::Duration::from_secs(30),
        || async {
            let busy = app
                .execute(
                    "asking whether the screen is busy",
                    "return document.querySelectorAll('[aria-busy=\"true\"], .spinner').length",
                    vec![],
                )
                .await;
            Ok::<_, fantoccini::error::CmdError>((busy.as_u64() == Some(0)).then_some(()))
        },
    )
    .await;
    painted(app).await;
}

/// Waits for two frames to be painted.
async fn painted(app: &App) {
    app.execute(
        "two frames painted",
        "const done = arguments[arguments.length - 1]; \
         requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50)));",
        vec![],
    )
    .await;
}

#[tokio::test]
async fn a_mentee_whose_system_speaks_indonesian_sees_trellis_in_indonesian() {
    let lang = Path::new("id_ID.UTF-8");
    let app = App::launch_with_env(
        "indonesian",
        &[
            ("LANG", lang),
            ("LC_ALL", lang),
            ("LANGUAGE", Path::new("id")),
        ],
    )
    .await;
    app.wait_for("the window in Indonesian", "//html[@lang='id']")
        .await;
    let id = catalogue("id");
    let word = |key: &str| {
        id.get(key)
            .unwrap_or_else(|| panic!("{key} in the Indonesian catalogue"))
            .clone()
    };
    let english = english_only(Some(&id));
    app.screenshot("first-run").await;
    let left = shown(&app, &english).await;
    assert!(left.is_empty(), "English on the first screen: {left:?}");

    // A first pair, as a mentee in OpenStack's first-patch cohort: the
    // program, the cohort and its graduation criteria read in Indonesian.
    app.click_button(&word("home.empty.create")).await;
    let d = dialog(&word("home.new.title"));
    app.wait_for("the New pair dialog, in Indonesian", &d).await;
    app.click(
        "the role Mentee",
        &radio_in(&d, &word("home.new.role"), &word("home.new.mentee")),
    )
    .await;
    app.fill(
        "the partner's name",
        &field_in(&d, &word("home.new.partnerName")),
        "Ayu Lestari",
    )
    .await;
    app.choose(
        "the program",
        &field_in(&d, &word("home.new.program")),
        &pack_text("translations.id.program", "name"),
    )
    .await;
    app.choose(
        "the cohort",
        &field_in(&d, &word("home.new.cohort")),
        &pack_text("translations.id.cohorts.first-patch", "name"),
    )
    .await;
    let merged = pack_text("translations.id.cohorts.first-patch", "merged-one-patch");
    app.wait_for(
        "the cohort's criteria, in Indonesian",
        &format!("{d}{}", containing(&merged)),
    )
    .await;
    app.screenshot("new-pair").await;
    let left = shown(&app, &english).await;
    assert!(left.is_empty(), "English in the New pair dialog: {left:?}");
    app.click("Create pair", &button_in(&d, &word("home.new.create")))
        .await;
    app.wait_gone("the New pair dialog to close", &d).await;
    app.wait_for("the pair's screen", "//h1[normalize-space()='Ayu Lestari']")
        .await;
    app.screenshot("pair").await;
    let left = shown(&app, &english).await;
    assert!(left.is_empty(), "English on the pair's screen: {left:?}");
    app.quit().await;
}

/// The app on a generated history, its page in the pseudo-locale, and the
/// address of its first pair.
async fn pseudo_app(journey: &'static str) -> (App, String) {
    let app = App::launch_prepared(journey, &[], |dir| {
        let generator = repo_root().join("target/debug/trellis-dev");
        let out = Command::new(&generator)
            .arg("--data-dir")
            .arg(dir)
            .args(["generate", "--scale", "tiny", "--seed", "1"])
            .output()
            .unwrap_or_else(|e| panic!("{}: {e}", generator.display()));
        assert!(
            out.status.success(),
            "generating a history: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    })
    .await;
    let url = app.url().await;
    let base = url.split(['?', '#']).next().expect("the app's address");
    app.navigate(
        &format!("{base}?locale=en-XA#/"),
        std::time::Duration::from_secs(60),
    )
    .await
    .expect("the app's own page, in the pseudo-locale");
    app.wait_for(
        "the window in the pseudo-locale",
        "//nav[contains(., '·]')]",
    )
    .await;
    let pair = app
        .execute(
            "the first pair's address",
            "const a = document.querySelector('a[href^=\"#/pair/\"]'); return a ? a.getAttribute('href') : null;",
            vec![],
        )
        .await;
    let pair = pair
        .as_str()
        .expect("a generated pair in the sidebar")
        .to_owned();
    (app, pair)
}

#[tokio::test]
async fn no_screen_breaks_under_the_pseudo_locale() {
    let (app, pair) = pseudo_app("pseudo").await;
    let mut screens: Vec<String> = ["#/", "#/week", "#/search", "#/organizer", "#/settings"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    for tab in [
        "overview",
        "goals",
        "meetings",
        "notes",
        "graduation",
        "checkin",
        "trash",
    ] {
        screens.push(format!("{pair}/{tab}"));
    }
    let english = english_only(None);
    let mut problems = Vec::new();
    for (width, height) in [(800, 600), (1280, 800)] {
        app.resize(width, height).await;
        for screen in &screens {
            show(&app, screen).await;
            let name = screen
                .trim_start_matches("#/")
                .split('/')
                .filter(|s| !s.starts_with("p-") && s.len() < 20)
                .collect::<Vec<_>>()
                .join("-");
            let name = if name.is_empty() { "home".into() } else { name };
            app.screenshot(&format!("{width}x{height}-{name}")).await;
            let found = app
                .execute("the layout's problems", LAYOUT_PROBLEMS, vec![])
                .await;
            for p in found.as_array().into_iter().flatten() {
                problems.push(format!(
                    "{width}×{height} {screen}: {}",
                    p.as_str().unwrap_or("")
                ));
            }
            for s in shown(&app, &english).await {
                problems.push(format!("{width}×{height} {screen}: English left: “{s}”"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "under the pseudo-locale:\n{}",
        problems.join("\n")
    );
    app.quit().await;
}

/// A message without arguments as the pseudo-locale shows it (as
/// `ui/src/i18n/pseudo.ts` makes it): accented, padded by a third with
/// middle dots, in brackets.
fn pseudo(english: &str) -> String {
    const PLAIN: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const ACCENTED: &str = "áƀçðéƒĝĥíĵķĺɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĹṀÑÖÞǪŔŠŢÛṼŴẊÝŽ";
    let accented: String = english
        .chars()
        .map(|c| match PLAIN.find(c) {
            Some(i) => ACCENTED
                .chars()
                .nth(i)
                .expect("as many accented letters as plain"),
            None => c,
        })
        .collect();
    let pad = (english.encode_utf16().count() * 35).div_ceil(100);
    let dots = "·".repeat(pad);
    format!("[{accented}{}{dots}]", if pad > 0 { " " } else { "" })
}

/// How a person opens a dialog: a button or menu item (by its message), or a
/// shortcut.
enum Step {
    Press(&'static str),
    Ctrl(char),
}

/// Every dialog a person opens from the screens, by the screen (`{pair}` for
/// the first pair) and the steps that open it.
const DIALOGS: &[(&str, &[Step])] = &[
    ("#/", &[Step::Press("home.newPair")]),
    ("#/", &[Step::Ctrl('k')]),
    ("{pair}/overview", &[Step::Ctrl('n')]),
    ("{pair}/overview", &[Step::Press("pair.edit")]),
    ("{pair}/overview", &[Step::Press("pair.sync")]),
    ("{pair}/meetings", &[Step::Press("schedule.editHours")]),
    (
        "{pair}/overview",
        &[
            Step::Press("pair.moreActions"),
            Step::Press("pair.menuEndEarly"),
        ],
    ),
    (
        "{pair}/overview",
        &[
            Step::Press("pair.moreActions"),
            Step::Press("pair.menuDelete"),
        ],
    ),
    ("{pair}/goals", &[Step::Press("goals.add")]),
    ("{pair}/meetings", &[Step::Press("meetings.log")]),
    ("{pair}/notes", &[Step::Press("notes.add")]),
    ("{pair}/graduation", &[Step::Press("graduation.markMet")]),
    ("#/settings", &[Step::Press("encryption.turnOn")]),
];

#[tokio::test]
async fn no_dialog_breaks_under_the_pseudo_locale() {
    let (app, pair) = pseudo_app("pseudo-dialogs").await;
    let english = catalogue("en");
    let sentences = english_only(None);
    let mut problems = Vec::new();
    for (width, height) in [(800, 600), (1280, 800)] {
        app.resize(width, height).await;
        for (screen, steps) in DIALOGS {
            let screen = screen.replace("{pair}", &pair);
            show(&app, &screen).await;
            let mut name = Vec::new();
            for step in *steps {
                match step {
                    Step::Press(key) => {
                        let label = pseudo(
                            english
                                .get(*key)
                                .unwrap_or_else(|| panic!("no English message {key}")),
                        );
                        let l = lit(&label);
                        let control = format!(
                            "//*[self::button or @role='menuitem'][normalize-space()={l} or @aria-label={l}]"
                        );
                        let what = format!("“{label}”");
                        app.scroll_to(&what, &control).await;
                        app.click(&what, &control).await;
                        name.push(key.replace('.', "-"));
                    }
                    Step::Ctrl(c) => {
                        app.press_ctrl(*c).await;
                        name.push(format!("ctrl-{c}"));
                    }
                }
            }
            let open = "//dialog[@open]";
            app.wait_visible(&format!("the dialog of {}", name.join(" › ")), open)
                .await;
            painted(&app).await;
            let name = name.join("-");
            app.screenshot(&format!("{width}x{height}-dialog-{name}"))
                .await;
            let found = app
                .execute("the dialog's layout problems", LAYOUT_PROBLEMS, vec![])
                .await;
            for p in found.as_array().into_iter().flatten() {
                problems.push(format!(
                    "{width}×{height} {name}: {}",
                    p.as_str().unwrap_or("")
                ));
            }
            for s in shown(&app, &sentences).await {
                problems.push(format!("{width}×{height} {name}: English left: “{s}”"));
            }
            app.press(Key::Escape).await;
            app.wait_gone(&format!("the dialog of {name} to close"), open)
                .await;
        }
    }
    assert!(
        problems.is_empty(),
        "dialogs under the pseudo-locale:\n{}",
        problems.join("\n")
    );
    app.quit().await;
}
