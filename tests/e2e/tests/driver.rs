//! The processes behind a WebDriver session with a Tauri app: a
//! `tauri-driver` of its own on free ports, the session that starts the app,
//! and the process tree below them. Shared by the journeys (`app.rs`) and the
//! desktop benchmark (`benches/desktop.rs`).
//!
//! Dropping a [`Driver`] (also while a failed assertion unwinds) stops
//! `tauri-driver` with SIGTERM and then ends, by process id, whatever it had
//! started that is still alive, so no app or driver outlives its user.

use std::fs::{self, File};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};
use nix::sys::signal::{kill, Signal};
use nix::unistd::Pid;
use serde_json::json;

/// How long tauri-driver gets to listen on its port.
const START_TIMEOUT: Duration = Duration::from_secs(15);
/// How often a process is checked again while waiting for it.
const POLL: Duration = Duration::from_millis(50);
/// How long processes get to exit after SIGTERM.
const EXIT_TIMEOUT: Duration = Duration::from_secs(10);

/// A TCP port nobody listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|l| l.local_addr())
        .expect("a free local port")
        .port()
}

/// A running `tauri-driver`; stopped with SIGTERM when dropped.
pub struct Driver {
    child: Child,
    pub url: String,
}

impl Driver {
    pub fn start(log: &Path) -> Self {
        Self::start_with_env(log, &[])
    }

    /// Starts the driver with extra environment variables, which the app it
    /// starts inherits (a GTK setting for one journey, say).
    pub fn start_with_env(log: &Path, env: &[(&str, &Path)]) -> Self {
        let port = free_port();
        let native_port = free_port();
        let log = File::create(log).expect("the tauri-driver log file");
        let child = Command::new("tauri-driver")
            .args(["--port", &port.to_string()])
            .args(["--native-port", &native_port.to_string()])
            .envs(env.iter().map(|(k, v)| (*k, *v)))
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("the log file, twice"))
            .stderr(log)
            .spawn()
            .expect("tauri-driver (cargo install tauri-driver --locked --version ^2)");
        let mut driver = Self {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        // Ready when both listen: tauri-driver, and the WebKitWebDriver it
        // starts at once (a session asked for before that fails, which
        // happens when the page cache is cold).
        let start = Instant::now();
        for p in [port, native_port] {
            while TcpStream::connect((Ipv4Addr::LOCALHOST, p)).is_err() {
                if let Ok(Some(status)) = driver.child.try_wait() {
                    panic!(
                        "tauri-driver exited at start ({status}); is WebKitWebDriver installed?"
                    );
                }
                assert!(
                    start.elapsed() < START_TIMEOUT,
                    "tauri-driver (or WebKitWebDriver) did not listen on port {p}"
                );
                std::thread::sleep(POLL);
            }
        }
        driver
    }
}

impl Driver {
    /// Every live process tauri-driver has started: WebKitWebDriver and,
    /// while a session is open, the app and its web processes.
    pub fn processes(&self) -> Vec<u32> {
        descendants(self.child.id())
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let pid = self.child.id();
        // Everything it started: WebKitWebDriver and, if a session is still
        // open, the app and its web processes. tauri-driver stops only
        // WebKitWebDriver, which would leave the app behind.
        let started = self.processes();
        terminate(pid);
        let deadline = Instant::now() + EXIT_TIMEOUT;
        while matches!(self.child.try_wait(), Ok(None)) && Instant::now() < deadline {
            std::thread::sleep(POLL);
        }
        for &p in &started {
            if running(p) {
                terminate(p);
            }
        }
        while started.iter().any(|&p| running(p)) && Instant::now() < deadline {
            std::thread::sleep(POLL);
        }
        if let Some(p) = started.iter().find(|&&p| running(p)) {
            eprintln!("warning: process {p} started by tauri-driver is still running");
        }
    }
}

fn terminate(pid: u32) {
    if let Ok(pid) = i32::try_from(pid) {
        let _ = kill(Pid::from_raw(pid), Signal::SIGTERM);
    }
}

/// `pid`'s parent and state letter, from `/proc/<pid>/stat`.
fn stat(pid: u32) -> Option<(u32, char)> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // "pid (comm) state ppid …"; comm may hold spaces and parentheses.
    let mut rest = stat[stat.rfind(')')? + 1..].split_whitespace();
    let state = rest.next()?.chars().next()?;
    let ppid = rest.next()?.parse().ok()?;
    Some((ppid, state))
}

/// Alive and not a zombie (PID 1 here does not reap orphans).
fn running(pid: u32) -> bool {
    matches!(stat(pid), Some((_, state)) if state != 'Z' && state != 'X')
}

/// Every live process below `root`.
fn descendants(root: u32) -> Vec<u32> {
    let Ok(entries) = fs::read_dir("/proc") else {
        return Vec::new();
    };
    let parents: Vec<(u32, u32)> = entries
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|pid| Some((pid, stat(pid)?.0)))
        .collect();
    let mut found = vec![root];
    let mut i = 0;
    while i < found.len() {
        let parent = found[i];
        found.extend(
            parents
                .iter()
                .filter(|&&(_, pp)| pp == parent)
                .map(|&(p, _)| p),
        );
        i += 1;
    }
    found.remove(0);
    found
}

/// A WebDriver session through `driver_url` whose window is `application`
/// started with `args`.
pub async fn session(driver_url: &str, application: &Path, args: &[&str]) -> Client {
    let caps = json!({
        "tauri:options": {
            "application": application,
            "args": args,
        }
    });
    let serde_json::Value::Object(caps) = caps else {
        unreachable!("capabilities are an object")
    };
    ClientBuilder::native()
        .capabilities(caps)
        .connect(driver_url)
        .await
        .unwrap_or_else(|e| panic!("a WebDriver session with the app through {driver_url}: {e}"))
}
