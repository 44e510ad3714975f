//! The Trellis window under test, driven through `tauri-driver` and Debian's
//! `WebKitWebDriver`.
//!
//! An [`App`] owns everything one journey starts: a fresh data directory, a
//! `tauri-driver` on free ports (its own, so journeys never share a driver)
//! and a WebDriver session whose window is the real app on that directory.
//! Elements are found the way a person finds them: buttons by their name,
//! fields by their `<label>`, dialogs by their title, tabs by role. Nothing
//! waits a fixed time: every step polls for the state it needs, with a
//! timeout, and a timeout says what it was waiting for.
//!
//! Dropping an `App` (also while a failed assertion unwinds) stops
//! `tauri-driver` with SIGTERM and then ends, by process id, whatever it had
//! started that is still alive, so no app or driver outlives its journey.

use std::fs;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::Element;
use fantoccini::error::{CmdError, ErrorStatus};
use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use serde_json::json;

use crate::driver::{self, Driver};
use crate::xpath::{button, lit};

/// The environment variable naming the `trellis-desktop` binary to test.
pub const APP_ENV: &str = "TRELLIS_E2E_APP";
/// The environment variable naming the directory for screenshots.
pub const SCREENSHOTS_ENV: &str = "TRELLIS_E2E_SCREENSHOTS";

/// How long any one step may take before the journey fails.
const STEP_TIMEOUT: Duration = Duration::from_secs(15);
/// How often a condition is checked again while waiting for it.
const POLL: Duration = Duration::from_millis(50);

/// The root of the Trellis repository (this crate lives in `tests/e2e`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The app binary: `$TRELLIS_E2E_APP`, else the root workspace's debug build.
fn app_binary() -> PathBuf {
    let path = std::env::var_os(APP_ENV)
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("target/debug/trellis-desktop"));
    assert!(
        path.is_file(),
        "the app binary {} does not exist: run tests/e2e/run.sh, or build it with \
         `cargo build -p trellis-desktop` and set {APP_ENV}",
        path.display()
    );
    std::path::absolute(&path).expect("the app binary's absolute path")
}

/// Where screenshots go: `$TRELLIS_E2E_SCREENSHOTS`, else `target/e2e-screenshots`.
fn screenshot_dir() -> PathBuf {
    std::env::var_os(SCREENSHOTS_ENV)
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("target/e2e-screenshots"))
}

/// Polls `check` until it yields a value or `timeout` passes; then panics
/// saying what was awaited. `check` returns `Ok(None)` for "not yet".
pub async fn poll<T, F, Fut>(what: &str, timeout: Duration, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<Option<T>, CmdError>>,
{
    let start = Instant::now();
    let mut last_error = None;
    loop {
        match check().await {
            Ok(Some(value)) => return value,
            Ok(None) => {}
            Err(e) if is_transient(&e) => last_error = Some(e),
            Err(e) => panic!("while waiting for {what}: {e}"),
        }
        if start.elapsed() > timeout {
            match last_error {
                Some(e) => {
                    panic!("timed out after {timeout:?} waiting for {what} (last error: {e})")
                }
                None => panic!("timed out after {timeout:?} waiting for {what}"),
            }
        }
        tokio::time::sleep(POLL).await;
    }
}

/// Errors that a re-render or an animation explains, worth another try.
fn is_transient(e: &CmdError) -> bool {
    matches!(
        e,
        CmdError::Standard(w) if matches!(
            w.error,
            ErrorStatus::NoSuchElement
                | ErrorStatus::StaleElementReference
                | ErrorStatus::ElementClickIntercepted
                | ErrorStatus::ElementNotInteractable
                | ErrorStatus::InvalidElementState
        )
    )
}

// --------------------------------------------------------------------- app

/// The app's data directory for one journey: kept (and its path printed) when
/// the journey fails, so the database can be looked at.
struct DataDir(Option<tempfile::TempDir>);

impl DataDir {
    fn path(&self) -> &Path {
        self.0.as_ref().expect("the data directory").path()
    }
}

impl Drop for DataDir {
    fn drop(&mut self) {
        if std::thread::panicking() {
            if let Some(dir) = self.0.take() {
                eprintln!(
                    "the failed journey's data directory is kept: {}",
                    dir.keep().display()
                );
            }
        }
    }
}

/// One journey's app: a fresh data directory, a driver and a session.
pub struct App {
    client: Client,
    journey: &'static str,
    // Dropped in this order: the driver (and with it the app), then the data.
    driver: Driver,
    data: DataDir,
}

impl App {
    /// Starts the app on a fresh, empty data directory.
    pub async fn launch(journey: &'static str) -> Self {
        Self::launch_with_env(journey, &[]).await
    }

    /// Starts the app on a fresh data directory with extra environment
    /// variables (for example `XDG_CONFIG_HOME` holding a GTK setting).
    pub async fn launch_with_env(journey: &'static str, env: &[(&str, &Path)]) -> Self {
        Self::launch_prepared(journey, env, |_| {}).await
    }

    /// Starts the app on a fresh data directory that `prepare` fills first
    /// (with a generated history, say), with extra environment variables.
    pub async fn launch_prepared(
        journey: &'static str,
        env: &[(&str, &Path)],
        prepare: impl FnOnce(&Path),
    ) -> Self {
        let data = DataDir(Some(
            tempfile::Builder::new()
                .prefix(&format!("trellis-e2e-{journey}-"))
                .tempdir()
                .expect("a temporary data directory"),
        ));
        prepare(data.path());
        let logs = repo_root().join("target/e2e-logs");
        fs::create_dir_all(&logs).expect("the log directory");
        let driver = Driver::start_with_env(&logs.join(format!("{journey}-tauri-driver.log")), env);
        let client = connect(&driver.url, data.path()).await;
        let app = Self {
            client,
            journey,
            driver,
            data,
        };
        app.wait_ready().await;
        app
    }

    /// Quits the app (ends the WebDriver session, which closes the window and
    /// ends the process) and starts it again on the same data directory.
    pub async fn restart(self) -> Self {
        self.restart_after(|_| {}).await
    }

    /// Quits the app, lets `between` change its data directory (as a crash
    /// or a broken disk would), and starts the app again on it.
    pub async fn restart_after(self, between: impl FnOnce(&Path)) -> Self {
        let Self {
            client,
            journey,
            driver,
            data,
        } = self;
        client
            .close()
            .await
            .expect("ending the session quits the app");
        between(data.path());
        let client = connect(&driver.url, data.path()).await;
        let app = Self {
            client,
            journey,
            driver,
            data,
        };
        app.wait_ready().await;
        app
    }

    /// Quits the app and stops the driver.
    pub async fn quit(self) {
        let Self { client, .. } = self;
        client
            .close()
            .await
            .expect("ending the session quits the app");
    }

    async fn wait_ready(&self) {
        // The shell is mounted and the sidebar knows whether there are pairs,
        // or the database could not be opened and the recovery screen shows.
        self.wait_for(
            "the app shell or the recovery screen",
            "//nav[@aria-label='Main'] | //section[@aria-labelledby='sidebar-pairs'] \
             | //main[contains(concat(' ', @class, ' '), ' recovery ')]",
        )
        .await;
    }

    // ----------------------------------------------------------- finding

    /// Waits until `xpath` matches an element and returns the first.
    pub async fn wait_for(&self, what: &str, xpath: &str) -> Element {
        poll(what, STEP_TIMEOUT, || async {
            match self.client.find(Locator::XPath(xpath)).await {
                Ok(e) => Ok(Some(e)),
                Err(e) if is_transient(&e) => Ok(None),
                Err(e) => Err(e),
            }
        })
        .await
    }

    /// Waits until `xpath` matches a displayed element.
    pub async fn wait_visible(&self, what: &str, xpath: &str) -> Element {
        poll(what, STEP_TIMEOUT, || async {
            for e in self.client.find_all(Locator::XPath(xpath)).await? {
                if e.is_displayed().await.unwrap_or(false) {
                    return Ok(Some(e));
                }
            }
            Ok(None)
        })
        .await
    }

    /// Waits until nothing matches `xpath` any more.
    pub async fn wait_gone(&self, what: &str, xpath: &str) {
        poll(what, STEP_TIMEOUT, || async {
            let found = self.client.find_all(Locator::XPath(xpath)).await?;
            Ok(found.is_empty().then_some(()))
        })
        .await
    }

    /// How many elements match `xpath` now.
    pub async fn count(&self, xpath: &str) -> usize {
        self.client
            .find_all(Locator::XPath(xpath))
            .await
            .map(|v| v.len())
            .unwrap_or_else(|e| panic!("counting {xpath}: {e}"))
    }

    /// Waits until exactly `n` elements match `xpath`.
    pub async fn wait_count(&self, what: &str, xpath: &str, n: usize) {
        poll(what, STEP_TIMEOUT, || async {
            let found = self.client.find_all(Locator::XPath(xpath)).await?;
            Ok((found.len() == n).then_some(()))
        })
        .await
    }

    /// The visible text of the first match of `xpath`, once there is one.
    pub async fn text_of(&self, what: &str, xpath: &str) -> String {
        let e = self.wait_for(what, xpath).await;
        e.text()
            .await
            .unwrap_or_else(|e| panic!("reading {what}: {e}"))
    }

    /// The current value of the form control `xpath`.
    pub async fn value_of(&self, what: &str, xpath: &str) -> String {
        let e = self.wait_for(what, xpath).await;
        e.prop("value")
            .await
            .unwrap_or_else(|e| panic!("reading {what}: {e}"))
            .unwrap_or_default()
    }

    // ------------------------------------------------------------ acting

    /// Clicks the first displayed, enabled match of `xpath`, waiting (and
    /// trying again) while it is missing, disabled, busy or covered.
    pub async fn click(&self, what: &str, xpath: &str) {
        poll(&format!("{what} to be clickable"), STEP_TIMEOUT, || async {
            for e in self.client.find_all(Locator::XPath(xpath)).await? {
                if !e.is_displayed().await.unwrap_or(false)
                    || !e.is_enabled().await.unwrap_or(false)
                {
                    continue;
                }
                if e.attr("aria-busy").await?.as_deref() == Some("true") {
                    continue;
                }
                e.click().await?;
                return Ok(Some(()));
            }
            Ok(None)
        })
        .await
    }

    /// Clicks the button named `name` (anywhere on screen).
    pub async fn click_button(&self, name: &str) {
        self.click(&format!("the button “{name}”"), &button(name))
            .await;
    }

    /// Replaces the contents of the form control `xpath` with `text`, typed.
    ///
    /// The field gets focus first, as it does when a person tabs to it (and
    /// a dialog then scrolls it wholly into view): WebKitWebDriver's Element
    /// Clear does not scroll a field inside a scrolling dialog body into view
    /// itself, and refuses one whose centre is below the fold (issue 11: the
    /// Milestones field under DejaVu's wider text).
    pub async fn fill(&self, what: &str, xpath: &str, text: &str) {
        let e = self.wait_visible(what, xpath).await;
        let arg = serde_json::to_value(&e).expect("an element reference");
        self.client
            .execute("arguments[0].focus();", vec![arg])
            .await
            .unwrap_or_else(|e| panic!("focusing {what}: {e}"));
        e.clear()
            .await
            .unwrap_or_else(|e| panic!("clearing {what}: {e}"));
        if !text.is_empty() {
            e.send_keys(text)
                .await
                .unwrap_or_else(|e| panic!("typing into {what}: {e}"));
        }
    }

    /// Types `lines` into the form control `xpath`, one per line (Enter between).
    pub async fn fill_lines(&self, what: &str, xpath: &str, lines: &[&str]) {
        let enter = char::from(Key::Enter).to_string();
        self.fill(what, xpath, &lines.join(&enter)).await;
    }

    /// Chooses the option labelled `label` in the `<select>` at `xpath`,
    /// waiting until the option is there.
    pub async fn choose(&self, what: &str, xpath: &str, label: &str) {
        let option = format!("{xpath}/option[normalize-space()={}]", lit(label));
        self.wait_for(&format!("the option “{label}” of {what}"), &option)
            .await;
        let select = self.wait_for(what, xpath).await;
        select
            .select_by_label(label)
            .await
            .unwrap_or_else(|e| panic!("choosing “{label}” in {what}: {e}"));
    }

    /// Sets the `<input>` at `xpath` the way its native picker would (date,
    /// time and datetime-local inputs have no typeable text in WebKitGTK),
    /// firing the `input` and `change` events the UI listens to.
    pub async fn set_native_value(&self, what: &str, xpath: &str, value: &str) {
        let e = self.wait_for(what, xpath).await;
        let element = serde_json::to_value(&e).expect("an element reference");
        self.client
            .execute(
                "const [el, v] = arguments; el.value = v; \
                 el.dispatchEvent(new Event('input', { bubbles: true })); \
                 el.dispatchEvent(new Event('change', { bubbles: true }));",
                vec![element, json!(value)],
            )
            .await
            .unwrap_or_else(|e| panic!("setting {what}: {e}"));
    }

    /// Scrolls the element at `xpath` to the middle of its scrolling box.
    pub async fn scroll_to(&self, what: &str, xpath: &str) {
        let e = self.wait_for(what, xpath).await;
        let element = serde_json::to_value(&e).expect("an element reference");
        self.client
            .execute(
                "arguments[0].scrollIntoView({ block: 'center' });",
                vec![element],
            )
            .await
            .unwrap_or_else(|e| panic!("scrolling to {what}: {e}"));
    }

    /// Presses one key on the keyboard (wherever the focus is): Escape, Tab.
    pub async fn press(&self, key: Key) {
        let value = char::from(key);
        let keys = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value })
            .then(KeyAction::Up { value });
        self.client
            .perform_actions(keys)
            .await
            .unwrap_or_else(|e| panic!("pressing {key:?}: {e}"));
        self.client
            .release_actions()
            .await
            .unwrap_or_else(|e| panic!("releasing {key:?}: {e}"));
    }

    /// Presses Ctrl + `key` on the keyboard (wherever the focus is).
    pub async fn press_ctrl(&self, key: char) {
        let keys = KeyActions::new("keyboard".into())
            .then(KeyAction::Down {
                value: Key::Control.into(),
            })
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key })
            .then(KeyAction::Up {
                value: Key::Control.into(),
            });
        self.client
            .perform_actions(keys)
            .await
            .unwrap_or_else(|e| panic!("pressing Ctrl+{key}: {e}"));
        self.client
            .release_actions()
            .await
            .unwrap_or_else(|e| panic!("releasing Ctrl+{key}: {e}"));
    }

    /// The data directory this journey's app runs on.
    pub fn data_dir(&self) -> &Path {
        self.data.path()
    }

    /// Asks the window to load `url` with WebDriver's "navigate to", which
    /// returns when the new page has loaded, or with an error once
    /// `page_load` has passed without one (as when the app cancels the
    /// navigation: nothing loads). The error, if any, comes back as text.
    pub async fn navigate(&self, url: &str, page_load: Duration) -> Result<(), String> {
        let timeouts =
            |page_load| fantoccini::wd::TimeoutConfiguration::new(None, Some(page_load), None);
        self.client
            .update_timeouts(timeouts(page_load))
            .await
            .expect("a shorter page-load timeout");
        let asked = self.client.goto(url).await.map_err(|e| e.to_string());
        self.client
            .update_timeouts(timeouts(Duration::from_secs(300)))
            .await
            .expect("the default page-load timeout");
        asked
    }

    /// Runs `script` in the page and returns what it returns.
    pub async fn script(&self, script: &str) -> serde_json::Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("running {script}: {e}"))
    }

    /// The page's current `document.title`.
    pub async fn title(&self) -> String {
        self.client.title().await.expect("the document title")
    }

    /// The page's current URL.
    pub async fn url(&self) -> String {
        self.client
            .current_url()
            .await
            .expect("the page URL")
            .to_string()
    }

    /// Runs `script` in the page (WebDriver `execute`) and returns its value:
    /// for what a person cannot do through the window, such as reading a text
    /// exactly or standing in for a native file dialog.
    pub async fn execute(
        &self,
        what: &str,
        script: &str,
        args: Vec<serde_json::Value>,
    ) -> serde_json::Value {
        self.client
            .execute(script, args)
            .await
            .unwrap_or_else(|e| panic!("{what}: {e}"))
    }

    /// Reloads the page, as a person reopening the screen would see it.
    pub async fn reload(&self) {
        self.client.refresh().await.expect("reloading the page");
        self.wait_ready().await;
    }

    /// Sets the window to `width` × `height` (WebDriver Set Window Rect) and
    /// waits until the page is laid out at its new width.
    pub async fn resize(&self, width: u32, height: u32) {
        self.client
            .set_window_rect(0, 0, width, height)
            .await
            .unwrap_or_else(|e| panic!("resizing the window to {width}×{height}: {e}"));
        poll(
            &format!("the window at {width}×{height}"),
            STEP_TIMEOUT,
            || async {
                // The page's width, not the window's: the window's frame (if
                // the toolkit draws one) may take a little of it.
                let inner = self
                    .client
                    .execute("return window.innerWidth", vec![])
                    .await?;
                let width = u64::from(width);
                Ok(inner
                    .as_u64()
                    .is_some_and(|i| i <= width && i + 100 >= width)
                    .then_some(()))
            },
        )
        .await;
    }

    /// Saves the window as `<screenshots>/<journey>-<step>.png`.
    pub async fn screenshot(&self, step: &str) {
        let dir = screenshot_dir();
        fs::create_dir_all(&dir).expect("the screenshot directory");
        // WebKitWebDriver captures the last frame painted, which can be from
        // before the latest typing; two animation frames later the page has
        // painted what the DOM holds now.
        self.client
            .execute_async(
                "const done = arguments[arguments.length - 1]; \
                 requestAnimationFrame(() => requestAnimationFrame(() => done()));",
                vec![],
            )
            .await
            .expect("a rendering update before the screenshot");
        let png = self.client.screenshot().await.expect("a screenshot");
        let path = dir.join(format!("{}-{step}.png", self.journey));
        fs::write(&path, png).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
    }
}

/// A session whose window is the app on `data_dir`.
async fn connect(url: &str, data_dir: &Path) -> Client {
    let data_dir = data_dir.to_str().expect("a UTF-8 temporary path");
    driver::session(url, &app_binary(), &["--data-dir", data_dir]).await
}
