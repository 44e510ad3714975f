//! The desktop benchmark of issue 7: Trellis's window beside an empty Tauri
//! window (`tests/floor`, the floor), both driven through `tauri-driver`.
//!
//! - **Cold start**: from asking WebDriver for a session (which starts the
//!   binary) to the first interactive screen — Trellis's home screen showing
//!   the bench pair's card, the floor's static page — polled every 10 ms.
//!   The page cache is dropped before each start when this process may
//!   (`/proc/sys/vm/drop_caches`, as root), so each start reads from disk.
//! - **Idle memory**: the summed `Pss` of the app and its WebKit processes
//!   (`/proc/PID/smaps_rollup`), a few seconds after the first screen.
//! - **Click latency** (Trellis on the heavy data dir): a script in the
//!   page stamps `performance.now()`, clicks, and waits on a
//!   `MutationObserver` until the updated screen is in the DOM, then for the
//!   next frame to be painted; WebDriver's own round trip is not in it. The
//!   floor's reference click is timed the same way: its button replaces the
//!   twenty cards of its page (`tests/floor/dist/index.html`) with twenty
//!   others, what the renderer costs for a screen of that size at least.
//!
//! `scripts/bench-desktop.sh` builds both binaries in release, prepares the
//! heavy data dir and runs this with `cargo bench`; the figures go to
//! `target/bench-data/desktop.{md,json}`. `tests/e2e/run.sh` runs it once
//! with `--smoke` (one start each, two clicks per action, the debug builds
//! and a tiny data dir) so that it keeps working; nothing there depends on
//! the machine's speed.
//!
//! Settings (environment): `TRELLIS_BENCH_APP` and `TRELLIS_BENCH_FLOOR`
//! (the binaries), `TRELLIS_BENCH_DATA` (a data dir made by `trellis-dev
//! generate`, with its JSON output saved as `generated.json` inside),
//! `TRELLIS_BENCH_STARTS` (default 10), `TRELLIS_BENCH_CLICKS` (default 50),
//! `TRELLIS_BENCH_IDLE_SECS` (default 10), `TRELLIS_BENCH_OUT` (default
//! `target/bench-data`).

#[path = "../tests/driver.rs"]
mod driver;
#[path = "../tests/xpath.rs"]
#[allow(
    dead_code,
    reason = "shared with the journeys, which use every builder"
)]
mod xpath;

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use nix::sys::signal::{kill, Signal};
use nix::unistd::Pid;
use serde_json::{json, Value};

use driver::Driver;
use xpath::{button_in, dialog, lit, tab, NEXT_MEETING, TAB_PANEL};

/// How long a start or an awaited screen may take before the run fails.
const TIMEOUT: Duration = Duration::from_secs(60);
/// How often the first screen is looked for during a start.
const START_POLL: Duration = Duration::from_millis(10);
/// How often other conditions are checked while waiting.
const POLL: Duration = Duration::from_millis(25);

/// The floor's first screen: its static page.
const FLOOR_READY: &str = "//main[@id='ready']";
/// The floor's reference click: its button renders twenty cards, the one set
/// and then the other, so that every click changes the screen.
const FLOOR_CARDS_BUTTON: &str = "//button[@id='cards-next']";
/// How many cards the floor's reference click renders.
const FLOOR_CARDS: usize = 20;

type Result<T> = std::result::Result<T, String>;

struct Config {
    app: PathBuf,
    floor: PathBuf,
    data: PathBuf,
    pair_id: String,
    starts: usize,
    clicks: usize,
    idle: Duration,
    out: PathBuf,
    smoke: bool,
}

/// The repository's root (this crate lives in `tests/e2e`).
fn repo_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize().unwrap_or(root)
}

/// `path` as the figures show it: relative to the repository when inside it.
fn shown(path: &Path) -> String {
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    path.strip_prefix(repo_root())
        .unwrap_or(&path)
        .display()
        .to_string()
}

fn env_path(name: &str, default: &str) -> PathBuf {
    let root = repo_root();
    let path = std::env::var_os(name)
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join(default));
    std::path::absolute(&path).unwrap_or(path)
}

fn env_number(name: &str, default: usize) -> Result<usize> {
    match std::env::var(name) {
        Ok(v) => v
            .parse()
            .map_err(|_| format!("{name} must be a whole number, not {v:?}")),
        Err(_) => Ok(default),
    }
}

impl Config {
    fn from_env(smoke: bool) -> Result<Self> {
        let profile = if smoke { "debug" } else { "release" };
        let app = env_path(
            "TRELLIS_BENCH_APP",
            &format!("target/{profile}/trellis-desktop"),
        );
        let floor = env_path(
            "TRELLIS_BENCH_FLOOR",
            &format!("target/{profile}/trellis-floor"),
        );
        let data = env_path("TRELLIS_BENCH_DATA", "target/bench-data/desktop-data");
        for (what, path) in [("app", &app), ("floor", &floor)] {
            if !path.is_file() {
                return Err(format!(
                    "the {what} binary {} does not exist: run scripts/bench-desktop.sh",
                    path.display()
                ));
            }
        }
        let generated = data.join("generated.json");
        let summary: Value = fs::read(&generated)
            .map_err(|e| e.to_string())
            .and_then(|b| serde_json::from_slice(&b).map_err(|e| e.to_string()))
            .map_err(|e| {
                format!(
                    "{} is missing or unreadable ({e}): make the data dir with \
                     `trellis-dev --data-dir DIR generate … > DIR/generated.json`",
                    generated.display()
                )
            })?;
        let pair_id = summary["heaviestPair"]
            .as_str()
            .ok_or_else(|| format!("{} names no heaviestPair", generated.display()))?
            .to_owned();
        let (starts, clicks, idle) = if smoke { (1, 2, 1) } else { (10, 50, 10) };
        Ok(Self {
            app,
            floor,
            data,
            pair_id,
            starts: env_number("TRELLIS_BENCH_STARTS", starts)?.max(1),
            clicks: env_number("TRELLIS_BENCH_CLICKS", clicks)?.max(1),
            idle: Duration::from_secs(env_number("TRELLIS_BENCH_IDLE_SECS", idle)? as u64),
            out: env_path("TRELLIS_BENCH_OUT", "target/bench-data"),
            smoke,
        })
    }
}

// ------------------------------------------------------------ processes

/// Drops the kernel's page cache, so that a start reads its binary, its
/// libraries and its data from disk. False when this process may not.
fn drop_caches() -> bool {
    // SAFETY of the data: sync first, so that nothing dirty is dropped.
    let synced = std::process::Command::new("sync")
        .status()
        .is_ok_and(|s| s.success());
    synced && fs::write("/proc/sys/vm/drop_caches", "3").is_ok()
}

/// The proportional set size of `pid` in KiB (0 when it is gone).
fn pss_kib(pid: u32) -> u64 {
    let Ok(rollup) = fs::read_to_string(format!("/proc/{pid}/smaps_rollup")) else {
        return 0;
    };
    rollup
        .lines()
        .find_map(|l| l.strip_prefix("Pss:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn exe_name(pid: u32) -> String {
    fs::read_link(format!("/proc/{pid}/exe"))
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default()
}

/// The app and its WebKit processes: everything the driver started but
/// WebKitWebDriver itself. Each with its executable's name and PSS.
fn app_memory(driver: &Driver) -> Vec<(String, u64)> {
    driver
        .processes()
        .into_iter()
        .map(|pid| (exe_name(pid), pid))
        .filter(|(name, _)| !name.is_empty() && name != "WebKitWebDriver")
        .map(|(name, pid)| (name, pss_kib(pid)))
        .collect()
}

// ------------------------------------------------------------ page

async fn holds(client: &Client, xpath: &str) -> Result<bool> {
    let script = "return document.evaluate(arguments[0], document, null, \
                  XPathResult.BOOLEAN_TYPE, null).booleanValue;";
    client
        .execute(script, vec![json!(xpath)])
        .await
        .map(|v| v.as_bool().unwrap_or(false))
        .map_err(|e| format!("evaluating {xpath}: {e}"))
}

/// Waits until the XPath boolean expression `xpath` holds.
async fn wait_until(client: &Client, what: &str, xpath: &str, poll: Duration) -> Result<()> {
    let start = Instant::now();
    loop {
        // Right after a session starts the page may not be there yet.
        if holds(client, xpath).await.unwrap_or(false) {
            return Ok(());
        }
        if start.elapsed() > TIMEOUT {
            return Err(format!("timed out waiting for {what} ({xpath})"));
        }
        tokio::time::sleep(poll).await;
    }
}

async fn click(client: &Client, what: &str, xpath: &str) -> Result<()> {
    wait_until(client, what, &format!("boolean({xpath})"), POLL).await?;
    // A click from inside the page: the steps between timed clicks are not
    // what is measured, and a toast over a button must not fail the run.
    let script = "document.evaluate(arguments[0], document, null, \
                  XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue.click();";
    client
        .execute(script, vec![json!(xpath)])
        .await
        .map(drop)
        .map_err(|e| format!("clicking {what}: {e}"))
}

/// Clicks the element `target` from inside the page and returns the
/// milliseconds until the XPath boolean `done` holds and the next frame has
/// been painted.
async fn timed_click(client: &Client, target: &str, done: &str) -> Result<f64> {
    const SCRIPT: &str = r#"
        const [target, done, callback] = arguments;
        const node = document.evaluate(target, document, null,
            XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue;
        if (!node) { callback({ error: 'nothing to click at ' + target }); return; }
        const isDone = () => document.evaluate(done, document, null,
            XPathResult.BOOLEAN_TYPE, null).booleanValue;
        let finished = false, observer = null, timer = null;
        const start = performance.now();
        const finish = () => {
            if (finished) return;
            finished = true;
            observer.disconnect();
            clearTimeout(timer);
            // The frame that shows the change, then the moment after its paint.
            const domMs = performance.now() - start;
            requestAnimationFrame(() => setTimeout(() => callback({ ms: performance.now() - start, domMs,
                // Which commands the click called, and when (TRELLIS_BENCH_TRACE).
                // (ui/src/lib/ipc.ts puts each command call on the timeline.)
                calls: performance.getEntriesByType('measure')
                    .filter((e) => e.startTime >= start && e.name.startsWith('ipc '))
                    .map((e) => `${e.name.slice(4)} +${Math.round(e.startTime - start)}..${Math.round(e.startTime + e.duration - start)}`) }), 0));
        };
        observer = new MutationObserver(() => { if (isDone()) finish(); });
        observer.observe(document.documentElement,
            { subtree: true, childList: true, attributes: true, characterData: true });
        timer = setTimeout(() => {
            if (finished) return;
            finished = true;
            observer.disconnect();
            callback({ error: 'the screen did not update within 20 s: ' + done });
        }, 20000);
        node.click();
        if (isDone()) finish();
    "#;
    let value = client
        .execute_async(SCRIPT, vec![json!(target), json!(done)])
        .await
        .map_err(|e| format!("timing a click on {target}: {e}"))?;
    if std::env::var_os("TRELLIS_BENCH_TRACE").is_some() {
        eprintln!(
            "  {target} → {} ms (in the DOM after {} ms); calls: {}",
            value["ms"], value["domMs"], value["calls"]
        );
    }
    match value["ms"].as_f64() {
        Some(ms) => Ok(ms),
        None => Err(value["error"].as_str().unwrap_or("no result").to_owned()),
    }
}

// ------------------------------------------------------------ starts

struct Start {
    ms: f64,
    /// Of `ms`, the part before the page began to load (the process, the
    /// shell's set-up, the window): the page's `performance.timeOrigin`
    /// against the wall clock when the session was asked for.
    native_ms: f64,
    pss_kib: Option<u64>,
    processes: Vec<(String, u64)>,
}

/// Starts `binary` with `args` on a driver of its own, times it to `ready`,
/// and, when `idle` is given, measures its memory that long after.
async fn start_once(
    binary: &Path,
    args: &[&str],
    ready: &str,
    idle: Option<Duration>,
) -> Result<Start> {
    let log = std::env::temp_dir().join("trellis-bench-desktop-driver.log");
    let driver = Driver::start(&log);
    let started = Instant::now();
    let epoch = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_err(|e| e.to_string())?
        .as_secs_f64()
        * 1000.0;
    let client = driver::session(&driver.url, binary, args).await;
    wait_until(
        &client,
        "the first screen",
        &format!("boolean({ready})"),
        START_POLL,
    )
    .await?;
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let origin = client
        .execute("return performance.timeOrigin;", vec![])
        .await
        .map_err(|e| format!("the page's time origin: {e}"))?
        .as_f64()
        .unwrap_or(f64::NAN);
    if std::env::var_os("TRELLIS_BENCH_TRACE").is_some() {
        let script = "const n = performance.getEntriesByType('navigation')[0] || {}; \
            return { now: performance.now(), responseEnd: n.responseEnd, \
            domInteractive: n.domInteractive, domContentLoaded: n.domContentLoadedEventEnd, \
            load: n.loadEventEnd, marks: performance.getEntriesByType('mark') \
            .map((e) => `${e.name} ${Math.round(e.startTime)}`), \
            calls: performance.getEntriesByType('measure') \
            .map((e) => `${e.name.slice(4)} ${Math.round(e.startTime)}..${Math.round(e.startTime + e.duration)}`) };";
        let timing = client.execute(script, vec![]).await;
        eprintln!(
            "  {}: {ms:.0} ms, page from {:.0} ms: {}",
            binary.display(),
            origin - epoch,
            timing
                .map(|v| v.to_string())
                .unwrap_or_else(|e| e.to_string())
        );
    }
    let mut start = Start {
        ms,
        native_ms: origin - epoch,
        pss_kib: None,
        processes: Vec::new(),
    };
    if let Some(idle) = idle {
        tokio::time::sleep(idle).await;
        start.processes = app_memory(&driver);
        start.pss_kib = Some(start.processes.iter().map(|(_, k)| k).sum());
    }
    quit(&driver, client, binary).await?;
    Ok(start)
}

/// Quits the app the way a desktop session does at logout: SIGTERM, on which
/// Trellis closes its database cleanly and seals it (the next start relies
/// on the seal to skip the full integrity check). Waits until the process
/// has ended, then ends the session. (WebDriver's "close window" ends the
/// app abruptly, like a crash, so it is not used.)
async fn quit(driver: &Driver, client: Client, binary: &Path) -> Result<()> {
    let name = binary
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let app = driver
        .processes()
        .into_iter()
        .find(|&pid| exe_name(pid) == name)
        .ok_or_else(|| format!("no {name} process below the driver"))?;
    let pid = Pid::from_raw(i32::try_from(app).map_err(|e| e.to_string())?);
    kill(pid, Signal::SIGTERM).map_err(|e| format!("SIGTERM to {name}: {e}"))?;
    let start = Instant::now();
    // Gone, or a zombie (whose executable can no longer be read).
    while exe_name(app) == name {
        if start.elapsed() > TIMEOUT {
            return Err(format!("{name} did not exit after SIGTERM"));
        }
        tokio::time::sleep(POLL).await;
    }
    // The session has lost its browser; ending it may report that.
    let _ = client.close().await;
    Ok(())
}

/// The seal Trellis leaves on a clean close, checked after each of its runs.
fn sealed(data: &Path) -> Result<()> {
    let seal = data.join("trellis.db-seal");
    if seal.is_file() {
        Ok(())
    } else {
        Err(format!(
            "Trellis did not close its database cleanly on SIGTERM: no {}",
            seal.display()
        ))
    }
}

// ------------------------------------------------------------ clicks

struct Clicks {
    action: &'static str,
    ms: Vec<f64>,
}

async fn click_latency(cfg: &Config) -> Result<Vec<Clicks>> {
    let log = std::env::temp_dir().join("trellis-bench-desktop-clicks.log");
    let driver = Driver::start(&log);
    let data = cfg.data.to_string_lossy().into_owned();
    let client = driver::session(&driver.url, &cfg.app, &["--data-dir", &data]).await;
    let result = clicks_in(cfg, &client).await;
    let quitted = quit(&driver, client, &cfg.app).await;
    result.and_then(|clicks| quitted.map(|()| clicks))
}

/// The floor under a click: the empty window's button, which replaces the
/// twenty cards on its page with twenty others (the two sets in turn), timed
/// like Trellis's clicks, as many times.
async fn floor_click_latency(cfg: &Config) -> Result<Clicks> {
    let log = std::env::temp_dir().join("trellis-bench-desktop-floor-clicks.log");
    let driver = Driver::start(&log);
    let client = driver::session(&driver.url, &cfg.floor, &[]).await;
    let result = floor_clicks_in(cfg, &client).await;
    let quitted = quit(&driver, client, &cfg.floor).await;
    result.and_then(|clicks| quitted.map(|()| clicks))
}

async fn floor_clicks_in(cfg: &Config, client: &Client) -> Result<Clicks> {
    wait_until(
        client,
        "the empty window",
        &format!("boolean({FLOOR_READY})"),
        POLL,
    )
    .await?;
    let mut ms = Vec::new();
    for i in 0..cfg.clicks {
        // The page shows set "a" after its first click, then "b", "a", …
        let set = if i % 2 == 0 { "a" } else { "b" };
        let shown =
            format!("count(//section[@id='cards'][@data-set='{set}']/article) = {FLOOR_CARDS}");
        ms.push(timed_click(client, FLOOR_CARDS_BUTTON, &shown).await?);
    }
    Ok(Clicks {
        action: "for scale: the empty window renders twenty cards (the floor under a click)",
        ms,
    })
}

async fn clicks_in(cfg: &Config, client: &Client) -> Result<Vec<Clicks>> {
    let card = format!("//article//a[contains(@href, {})]", lit(&cfg.pair_id));
    let home_ready = format!("boolean({card})");
    wait_until(client, "the home screen", &home_ready, POLL).await?;
    let partner = client
        .find(Locator::XPath(&card))
        .await
        .map_err(|e| format!("the bench pair's card: {e}"))?
        .text()
        .await
        .map_err(|e| format!("the bench pair's name: {e}"))?;
    let heading = format!("//h1[normalize-space()={}]", lit(partner.trim()));
    let pair_ready = format!("boolean({heading}) and boolean({NEXT_MEETING})");
    let home_link = "//nav[@aria-label='Main']//a[@href='#/']";

    let mut all = vec![ipc_round_trips(client, cfg.clicks).await?];
    if std::env::var_os("TRELLIS_BENCH_TRACE").is_some() {
        // The commands behind the screens, alone (their inputs as the UI sends them).
        let pair = json!({ "input": { "pairId": cfg.pair_id } });
        let page = |more: Value| {
            let mut input = json!({ "pairId": cfg.pair_id });
            if let (Some(i), Value::Object(m)) = (input.as_object_mut(), more) {
                i.extend(m);
            }
            json!({ "input": input })
        };
        let probes = [
            ("get_status", json!({})),
            ("get_pair_summary", pair.clone()),
            (
                "get_timeline",
                page(json!({ "before": null, "limit": 100 })),
            ),
            ("get_next_meeting", pair.clone()),
            ("count_goals", pair.clone()),
            ("list_goals", page(json!({ "offset": 0, "limit": 50 }))),
            ("list_criteria", pair.clone()),
            ("list_notes", page(json!({ "offset": 0, "limit": 50 }))),
            ("list_meetings", page(json!({ "offset": 0, "limit": 20 }))),
        ];
        for (cmd, args) in probes {
            match invoke_times(client, 5, cmd, args).await {
                Ok(ms) => eprintln!("  {cmd}: {ms:?} ms"),
                Err(e) => eprintln!("  {cmd}: {e}"),
            }
        }
    }

    // Open the pair from the home screen.
    let mut ms = Vec::new();
    for _ in 0..cfg.clicks {
        ms.push(timed_click(client, &card, &pair_ready).await?);
        click(client, "the Home link", home_link).await?;
        wait_until(client, "the home screen", &home_ready, POLL).await?;
    }
    all.push(Clicks {
        action: "open a pair (home → pair overview)",
        ms,
    });

    click(client, "the bench pair", &card).await?;
    wait_until(client, "the pair screen", &pair_ready, POLL).await?;

    // Switch from the overview to the meeting log.
    let meetings_ready = format!("boolean({TAB_PANEL}//ol[contains(@class, 'meetings')]/li)");
    let mut ms = Vec::new();
    for _ in 0..cfg.clicks {
        ms.push(timed_click(client, &tab("Meetings"), &meetings_ready).await?);
        click(client, "the Overview tab", &tab("Overview")).await?;
        wait_until(
            client,
            "the overview",
            &format!("boolean({NEXT_MEETING})"),
            POLL,
        )
        .await?;
    }
    all.push(Clicks {
        action: "switch to Meetings (overview → meeting log)",
        ms,
    });

    // Add a note by quick capture, on the Notes tab.
    click(client, "the Notes tab", &tab("Notes")).await?;
    let quick = dialog("Quick note");
    let mut ms = Vec::new();
    for i in 0..cfg.clicks {
        let body = format!("Bench note {i} {}", std::process::id());
        press_ctrl_n(client).await?;
        wait_until(
            client,
            "the quick note dialog",
            &format!("boolean({quick})"),
            POLL,
        )
        .await?;
        let field = client
            .find(Locator::XPath(&format!("{quick}//textarea")))
            .await
            .map_err(|e| format!("the quick note's field: {e}"))?;
        field
            .send_keys(&body)
            .await
            .map_err(|e| format!("typing the note: {e}"))?;
        let shown = format!(
            "boolean({TAB_PANEL}//article[contains(@aria-label, {})])",
            lit(&body)
        );
        ms.push(timed_click(client, &button_in(&quick, "Save note"), &shown).await?);
        wait_until(
            client,
            "the quick note to close",
            &format!("not({quick})"),
            POLL,
        )
        .await?;
    }
    all.push(Clicks {
        action: "add a note by quick capture (Save → note in the list)",
        ms,
    });

    // Mark a criterion met (then unmark it, untimed, for the next turn).
    click(client, "the Graduation tab", &tab("Graduation")).await?;
    let mark = format!("({TAB_PANEL}//button[normalize-space()='Mark met'])[1]");
    let unmark = format!("{TAB_PANEL}//button[normalize-space()='Unmark']");
    wait_until(
        client,
        "the criteria",
        &format!("boolean({mark}) or boolean({unmark})"),
        POLL,
    )
    .await?;
    if !holds(client, &format!("boolean({mark})")).await? {
        unmark_one(client, &unmark).await?;
    }
    let mark_dialog = dialog("Mark met");
    let mut ms = Vec::new();
    for _ in 0..cfg.clicks {
        let before = client
            .find_all(Locator::XPath(&unmark))
            .await
            .map_err(|e| format!("counting met criteria: {e}"))?
            .len();
        click(client, "Mark met", &mark).await?;
        wait_until(
            client,
            "the Mark met dialog",
            &format!("boolean({mark_dialog})"),
            POLL,
        )
        .await?;
        let done = format!("count({unmark}) = {} and not({mark_dialog})", before + 1);
        ms.push(timed_click(client, &button_in(&mark_dialog, "Mark as met"), &done).await?);
        unmark_one(client, &unmark).await?;
    }
    all.push(Clicks {
        action: "mark a criterion met (Mark as met → criterion shown met)",
        ms,
    });
    Ok(all)
}

/// The floor under every click: `n` round trips of the cheapest command
/// (`app_info`) through Tauri's IPC, timed inside the page.
async fn ipc_round_trips(client: &Client, n: usize) -> Result<Clicks> {
    let ms = invoke_times(client, n, "app_info", json!({})).await?;
    Ok(Clicks {
        action: "for scale: one IPC round trip (app_info), no click",
        ms,
    })
}

/// `n` calls of the command `cmd` with `args`, each timed inside the page.
async fn invoke_times(client: &Client, n: usize, cmd: &str, args: Value) -> Result<Vec<f64>> {
    const SCRIPT: &str = r#"
        const [n, cmd, args, callback] = arguments;
        const invoke = window.__TAURI_INTERNALS__.invoke;
        (async () => {
            const ms = [];
            for (let i = 0; i < n; i++) {
                const start = performance.now();
                await invoke(cmd, args);
                ms.push(performance.now() - start);
            }
            callback({ ms });
        })().catch((e) => callback({ error: String(e) }));
    "#;
    let value = client
        .execute_async(SCRIPT, vec![json!(n), json!(cmd), args])
        .await
        .map_err(|e| format!("timing {cmd}: {e}"))?;
    Ok(value["ms"]
        .as_array()
        .ok_or_else(|| format!("{cmd}: {}", value["error"].as_str().unwrap_or("no result")))?
        .iter()
        .filter_map(Value::as_f64)
        .collect())
}

async fn press_ctrl_n(client: &Client) -> Result<()> {
    let keys = KeyActions::new("keyboard".into())
        .then(KeyAction::Down {
            value: Key::Control.into(),
        })
        .then(KeyAction::Down { value: 'n' })
        .then(KeyAction::Up { value: 'n' })
        .then(KeyAction::Up {
            value: Key::Control.into(),
        });
    client
        .perform_actions(keys)
        .await
        .map_err(|e| format!("pressing Ctrl+N: {e}"))?;
    client
        .release_actions()
        .await
        .map_err(|e| format!("releasing Ctrl+N: {e}"))
}

async fn unmark_one(client: &Client, unmark: &str) -> Result<()> {
    let before = client
        .find_all(Locator::XPath(unmark))
        .await
        .map_err(|e| format!("counting met criteria: {e}"))?
        .len();
    click(client, "Unmark", &format!("({unmark})[1]")).await?;
    let confirm = dialog("Unmark this criterion?");
    click(client, "Unmark (confirm)", &button_in(&confirm, "Unmark")).await?;
    wait_until(
        client,
        "the criterion to be unmarked",
        &format!("count({unmark}) = {}", before.saturating_sub(1)),
        POLL,
    )
    .await
}

// ------------------------------------------------------------ figures

fn median(v: &[f64]) -> f64 {
    percentile(v, 50.0)
}

/// The nearest-rank percentile.
fn percentile(v: &[f64], p: f64) -> f64 {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    if s.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * s.len() as f64).ceil() as usize;
    s[rank.clamp(1, s.len()) - 1]
}

fn mib(kib: f64) -> String {
    format!("{:.0} MiB", kib / 1024.0)
}

fn verdict(ratio: f64, target: f64) -> &'static str {
    if ratio <= target {
        "✓"
    } else {
        "✗"
    }
}

async fn run(cfg: &Config) -> Result<()> {
    let data = cfg.data.to_string_lossy().into_owned();
    let app_args = ["--data-dir", data.as_str()];
    let app_ready = format!("//article//a[contains(@href, {})]", lit(&cfg.pair_id));
    let memory_samples = cfg.starts.min(3);

    // One start of Trellis (`trellis`) or of the floor, and for Trellis the
    // check that it quit cleanly.
    let start = |trellis: bool, idle: Option<Duration>| {
        let app_args = &app_args;
        let app_ready = &app_ready;
        async move {
            if !trellis {
                return start_once(&cfg.floor, &[], FLOOR_READY, idle).await;
            }
            let s = start_once(&cfg.app, app_args, app_ready, idle).await?;
            sealed(&cfg.data)?;
            Ok(s)
        }
    };

    // A first start of each, not counted: the app makes the day's backup.
    eprintln!("desktop: warming up (one start of each, not counted)");
    start(true, None).await?;
    start(false, None).await?;

    let mut app = Vec::new();
    let mut floor = Vec::new();
    let mut app_warm = Vec::new();
    let mut floor_warm = Vec::new();
    let mut cold = true;
    for i in 0..cfg.starts {
        let idle = (i < memory_samples).then_some(cfg.idle);
        // Alternate which goes first, so that neither always follows the other.
        for trellis in [i % 2 == 0, i % 2 != 0] {
            let name = if trellis { "trellis" } else { "floor" };
            // A smoke run only checks that the bench works: no need to drop.
            cold &= !cfg.smoke && drop_caches();
            let s = start(trellis, idle).await?;
            let pss = s.pss_kib.map(|k| format!(", {} PSS", mib(k as f64)));
            eprintln!(
                "desktop: start {} of {}: {name} {:.0} ms{}",
                i + 1,
                cfg.starts,
                s.ms,
                pss.unwrap_or_default()
            );
            // And again at once, its files still in the page cache.
            let w = start(trellis, None).await?;
            eprintln!(
                "desktop: start {} of {}: {name} {:.0} ms warm",
                i + 1,
                cfg.starts,
                w.ms
            );
            if trellis {
                app.push(s);
                app_warm.push(w.ms);
            } else {
                floor.push(s);
                floor_warm.push(w.ms);
            }
        }
    }

    eprintln!("desktop: click latency, {} of each action", cfg.clicks);
    // The floor's reference click first, then Trellis's, in the table's order.
    let mut clicks = vec![floor_click_latency(cfg).await?];
    clicks.extend(click_latency(cfg).await?);
    sealed(&cfg.data)?;

    let app_ms: Vec<f64> = app.iter().map(|s| s.ms).collect();
    let floor_ms: Vec<f64> = floor.iter().map(|s| s.ms).collect();
    let app_pss: Vec<f64> = app
        .iter()
        .filter_map(|s| s.pss_kib)
        .map(|k| k as f64)
        .collect();
    let floor_pss: Vec<f64> = floor
        .iter()
        .filter_map(|s| s.pss_kib)
        .map(|k| k as f64)
        .collect();
    let start_ratio = median(&app_ms) / median(&floor_ms);
    let pss_ratio = median(&app_pss) / median(&floor_pss);

    let mut md = String::new();
    let _ = writeln!(
        md,
        "Binaries: {} and {} ({}). Data: {}. Page cache {} before each start.\n",
        shown(&cfg.app),
        shown(&cfg.floor),
        if cfg.smoke {
            "smoke run: debug builds, one start"
        } else {
            "release builds"
        },
        shown(&cfg.data),
        match (cold, cfg.smoke) {
            (true, _) => "dropped",
            (false, true) => "not dropped (smoke run)",
            (false, false) => "not dropped (not root)",
        },
    );
    md.push_str(
        "| measure | Trellis | empty window | ratio | target |\n|---|---:|---:|---:|---|\n",
    );
    let _ = writeln!(
        md,
        "| cold start to first screen{}, median of {} | {:.0} ms | {:.0} ms | {:.2}× | ≤ 1.2× {} |",
        if cold { " (page cache dropped)" } else { "" },
        app_ms.len(),
        median(&app_ms),
        median(&floor_ms),
        start_ratio,
        verdict(start_ratio, 1.2)
    );
    let warm_ratio = median(&app_warm) / median(&floor_warm);
    let _ = writeln!(
        md,
        "| warm start (again at once), median of {} | {:.0} ms | {:.0} ms | {:.2}× | ≤ 1.2× {} |",
        app_warm.len(),
        median(&app_warm),
        median(&floor_warm),
        warm_ratio,
        verdict(warm_ratio, 1.2)
    );
    let _ = writeln!(
        md,
        "| idle memory (PSS, app + WebKit), median of {} | {} | {} | {:.2}× | ≤ 1.2× {} |",
        app_pss.len(),
        mib(median(&app_pss)),
        mib(median(&floor_pss)),
        pss_ratio,
        verdict(pss_ratio, 1.2)
    );
    let describe = |s: &Start| {
        s.processes
            .iter()
            .map(|(n, k)| format!("{n} {}", mib(*k as f64)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if let (Some(a), Some(f)) = (app.first(), floor.first()) {
        let _ = writeln!(
            md,
            "\nProcesses at the first memory sample: Trellis: {}; empty window: {}.",
            describe(a),
            describe(f)
        );
    }
    let _ = writeln!(
        md,
        "Every start, ms: Trellis {:?}; empty window {:?}.",
        app_ms.iter().map(|v| v.round() as i64).collect::<Vec<_>>(),
        floor_ms
            .iter()
            .map(|v| v.round() as i64)
            .collect::<Vec<_>>()
    );
    let app_native: Vec<f64> = app.iter().map(|s| s.native_ms).collect();
    let floor_native: Vec<f64> = floor.iter().map(|s| s.native_ms).collect();
    let _ = writeln!(
        md,
        "Of the median start, before the page began to load (process, shell, window): \
         Trellis {:.0} ms, empty window {:.0} ms; the page to its first screen: \
         Trellis {:.0} ms, empty window {:.0} ms.\n",
        median(&app_native),
        median(&floor_native),
        median(&app_ms) - median(&app_native),
        median(&floor_ms) - median(&floor_native),
    );
    md.push_str("| click → updated screen | median | p95 | max | clicks | p95 ≤ 50 ms |\n|---|---:|---:|---:|---:|---|\n");
    for c in &clicks {
        let p95 = percentile(&c.ms, 95.0);
        let _ = writeln!(
            md,
            "| {} | {:.1} ms | {:.1} ms | {:.1} ms | {} | {} |",
            c.action,
            median(&c.ms),
            p95,
            percentile(&c.ms, 100.0),
            c.ms.len(),
            if p95 <= 50.0 { "✓" } else { "✗" }
        );
    }

    let figures = json!({
        "smoke": cfg.smoke,
        "cacheDropped": cold,
        "start": {
            "trellisMs": app_ms,
            "floorMs": floor_ms,
            "ratio": start_ratio,
            "trellisBeforePageMs": app_native,
            "floorBeforePageMs": floor_native,
            "trellisWarmMs": app_warm,
            "floorWarmMs": floor_warm,
            "warmRatio": warm_ratio,
        },
        "pssKib": { "trellis": app_pss, "floor": floor_pss, "ratio": pss_ratio },
        "clicks": clicks.iter().map(|c| json!({ "action": c.action, "ms": c.ms })).collect::<Vec<_>>(),
    });
    let name = if cfg.smoke {
        "desktop-smoke"
    } else {
        "desktop"
    };
    fs::create_dir_all(&cfg.out).map_err(|e| format!("{}: {e}", cfg.out.display()))?;
    let md_path = cfg.out.join(format!("{name}.md"));
    fs::write(&md_path, &md).map_err(|e| format!("{}: {e}", md_path.display()))?;
    fs::write(
        cfg.out.join(format!("{name}.json")),
        serde_json::to_vec_pretty(&figures).map_err(|e| e.to_string())?,
    )
    .map_err(|e| format!("{}: {e}", cfg.out.display()))?;
    println!("{md}");
    eprintln!("desktop: figures written to {}", md_path.display());
    Ok(())
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let smoke = std::env::args().any(|a| a == "--smoke");
    let result = match Config::from_env(smoke) {
        Ok(cfg) => run(&cfg).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("desktop bench: error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
