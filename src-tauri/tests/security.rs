//! The security settings read as data: what the window may call, and what its
//! pages may load. A change that widens either fails here first.

use std::collections::BTreeMap;

use serde_json::Value;

use trellis_desktop_lib::contract;

use crate::util::{package_file, package_json};

/// The permissions beyond Trellis's own commands that a capability may
/// grant, each with its reason. Trellis's own are `allow-<command>` for each
/// command of the contract (`src/contract/list.rs`) and nothing else.
const PLUGIN_PERMISSIONS: &[&str] = &[
    // Saved links (evidence URLs) open in the system browser on a click; the
    // scope allows http(s) URLs in the default browser only (see
    // `the_opener_may_open_only_web_links_in_the_default_browser`).
    "opener:allow-open-url",
];

/// `allow-<command>`, as tauri-build names a command's permission.
fn allow(command: &str) -> String {
    format!("allow-{}", command.replace('_', "-"))
}

/// Every permission any capability may grant.
fn allowed_permissions() -> Vec<String> {
    contract::NAMES
        .iter()
        .map(|name| allow(name))
        .chain(PLUGIN_PERMISSIONS.iter().map(|p| p.to_string()))
        .collect()
}

/// The only remote-looking sources the CSP may name: Tauri's IPC endpoints.
const IPC_SOURCES: &[&str] = &["ipc:", "http://ipc.localhost"];

fn capability_files() -> Vec<(String, Value)> {
    let dir = package_file("capabilities");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            assert!(
                name.ends_with(".json"),
                "{name}: capabilities are JSON files (TOML ones would escape this test)"
            );
            (name.clone(), package_json(&format!("capabilities/{name}")))
        })
        .collect()
}

fn permission_identifier(permission: &Value) -> &str {
    match permission {
        Value::String(identifier) => identifier,
        Value::Object(scoped) => scoped["identifier"].as_str().unwrap(),
        other => panic!("unexpected permission entry {other}"),
    }
}

fn config() -> Value {
    package_json("tauri.conf.json")
}

/// The CSP as directive → sources.
fn csp_directives(csp: &str) -> BTreeMap<String, Vec<String>> {
    csp.split(';')
        .map(str::trim)
        .filter(|directive| !directive.is_empty())
        .map(|directive| {
            let mut words = directive.split_whitespace().map(String::from);
            let name = words.next().unwrap();
            (name, words.collect())
        })
        .collect()
}

fn app_csp() -> BTreeMap<String, Vec<String>> {
    let config = config();
    let csp = config["app"]["security"]["csp"]
        .as_str()
        .expect("app.security.csp is one string");
    csp_directives(csp)
}

#[test]
fn capabilities_grant_only_the_allowlist() {
    let files = capability_files();
    assert!(!files.is_empty(), "no capability file found");
    let allowed = allowed_permissions();
    for (name, capability) in files {
        for permission in capability["permissions"].as_array().unwrap() {
            let identifier = permission_identifier(permission);
            assert!(
                allowed.iter().any(|a| a == identifier),
                "{name} grants {identifier}, which is not in the allowlist"
            );
        }
    }
}

#[test]
fn the_main_window_may_call_every_command_of_the_contract_and_no_other() {
    let main = package_json("capabilities/main.json");
    let granted: Vec<&str> = main["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(permission_identifier)
        .filter(|identifier| !identifier.contains(':'))
        .collect();
    let commands: Vec<String> = contract::NAMES.iter().map(|name| allow(name)).collect();
    assert_eq!(
        granted, commands,
        "capabilities/main.json must grant allow-<command> for each line of src/contract/list.rs, in its order"
    );
}

#[test]
fn capabilities_apply_to_the_main_window_and_local_pages_only() {
    for (name, capability) in capability_files() {
        assert_eq!(capability["windows"], serde_json::json!(["main"]), "{name}");
        assert!(
            capability.get("webviews").is_none(),
            "{name} names webviews"
        );
        assert!(
            capability.get("remote").is_none(),
            "{name} lets remote pages in"
        );
        assert_ne!(capability["local"], Value::Bool(false), "{name}");
    }
}

#[test]
fn the_configuration_selects_capability_files_and_inlines_none() {
    let config = config();
    let selected = config["app"]["security"]["capabilities"]
        .as_array()
        .expect("app.security.capabilities lists the capabilities in use");
    let files: Vec<Value> = capability_files()
        .into_iter()
        .map(|(_, capability)| capability["identifier"].clone())
        .collect();
    for entry in selected {
        assert!(
            entry.is_string(),
            "inline capability {entry}: put it in capabilities/"
        );
        assert!(
            files.contains(entry),
            "{entry} has no file in capabilities/"
        );
    }
}

#[test]
fn the_csp_allows_only_the_app_itself() {
    let csp = app_csp();
    assert_eq!(csp["default-src"], ["'self'"]);
    assert_eq!(csp["script-src"], ["'self'"]);
    assert_eq!(csp["object-src"], ["'none'"]);
    assert_eq!(csp["base-uri"], ["'none'"]);
    assert_eq!(csp["form-action"], ["'none'"]);
    assert_eq!(csp["frame-ancestors"], ["'none'"]);
}

#[test]
fn the_csp_never_allows_eval_wildcards_or_remote_origins() {
    for (directive, sources) in app_csp() {
        for source in &sources {
            let source = source.as_str();
            assert!(
                !source.eq_ignore_ascii_case("'unsafe-eval'")
                    && !source.eq_ignore_ascii_case("'wasm-unsafe-eval'"),
                "{directive} allows eval"
            );
            assert!(
                !source.contains('*'),
                "{directive} has the wildcard {source}"
            );
            let remote = source.contains("://")
                || ["http:", "https:", "ws:", "wss:", "blob:"].contains(&source);
            assert!(
                !remote || (directive == "connect-src" && IPC_SOURCES.contains(&source)),
                "{directive} allows the remote source {source}"
            );
        }
    }
}

#[test]
fn the_csp_lets_the_ui_reach_the_ipc() {
    assert_eq!(app_csp()["connect-src"], IPC_SOURCES);
}

#[test]
fn no_setting_loosens_the_csp_or_exposes_the_api_globally() {
    let config = config();
    let security = &config["app"]["security"];
    for key in [
        "devCsp",
        "dangerousDisableAssetCspModification",
        "assetProtocol",
        "headers",
    ] {
        assert!(security.get(key).is_none(), "app.security.{key} is set");
    }
    assert_eq!(config["app"]["withGlobalTauri"], Value::Bool(false));
}

#[test]
fn the_csp_parser_reads_directives_and_sources() {
    let csp = csp_directives("default-src 'self';  img-src 'self' data: ; ");
    assert_eq!(csp.len(), 2);
    assert_eq!(csp["img-src"], ["'self'", "data:"]);
}

/// The scope of every `opener:allow-open-url` grant: the `allow` entries.
fn opener_scopes() -> Vec<Value> {
    capability_files()
        .into_iter()
        .flat_map(|(_, capability)| capability["permissions"].as_array().unwrap().clone())
        .filter(|permission| permission_identifier(permission).starts_with("opener:"))
        .collect()
}

#[test]
fn the_opener_may_open_only_web_links_in_the_default_browser() {
    let grants = opener_scopes();
    assert_eq!(grants.len(), 1, "one opener grant: {grants:?}");
    let grant = &grants[0];
    assert_eq!(
        grant["identifier"], "opener:allow-open-url",
        "a scoped grant, not the plugin's default set (which adds mailto:, tel: and reveal)"
    );
    // Each entry: a URL pattern only — no `path`, no `app` (so only the
    // default browser), and no other scheme.
    assert_eq!(
        grant["allow"],
        serde_json::json!([{ "url": "https://*" }, { "url": "http://*" }])
    );
    assert!(grant.get("deny").is_none_or(Value::is_array));
}

#[test]
fn the_opener_refuses_anything_but_a_web_link_in_the_default_browser() {
    use crate::util::{invoke, mock_app, window};
    use serde_json::json;

    let temp = tempfile::tempdir().unwrap();
    let app = mock_app(temp.path());
    let main = window(&app, "main");
    // Only refusals are tried here: an allowed URL would open a real browser.
    for (url, with) in [
        ("javascript:document.title='pwned'", None),
        ("file:///etc/passwd", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("mailto:someone@example.com", None),
        ("ftp://example.com/", None),
        ("/etc/passwd", None),
        ("https://example.com/", Some("sh")),
        ("http://example.com/", Some("xterm")),
    ] {
        let error = invoke(
            &main,
            "plugin:opener|open_url",
            json!({ "url": url, "with": with }),
        )
        .unwrap_err();
        assert!(
            error.to_string().to_lowercase().contains("not allowed"),
            "{url} with {with:?}: {error}"
        );
    }
    // The plugin's other commands are not granted at all.
    for (cmd, args) in [
        ("plugin:opener|open_path", json!({ "path": "/etc/passwd" })),
        (
            "plugin:opener|reveal_item_in_dir",
            json!({ "paths": ["/etc"] }),
        ),
    ] {
        let error = invoke(&main, cmd, args).unwrap_err();
        assert!(
            error.to_string().to_lowercase().contains("not allowed"),
            "{cmd}: {error}"
        );
    }
}

// ---- the shell owns the paths (issue 14) ----

/// Commands that write or read a file take a token from a dialog the shell
/// ran, never a path: a compromised page cannot name `~/.bashrc`.
#[test]
fn no_command_writes_or_reads_a_path_the_page_names() {
    use crate::util::{invoke, mock_app, window};
    use serde_json::json;
    let temp = tempfile::tempdir().unwrap();
    let app = mock_app(temp.path());
    let w = window(&app, "main");
    let pair = invoke(
        &w,
        "add_pair",
        json!({ "input": {
            "myRole": "mentee", "partnerName": "Sam Rivera", "programId": "openstack-mentoring",
            "cohortId": "first-patch", "matchDate": "2026-09-01", "myTz": "UTC",
            "partnerTz": "UTC", "cadenceDays": 14, "ownCriteria": []
        }}),
    )
    .unwrap();
    let target = temp.path().join("planted.md");
    let victim = target.to_str().unwrap();
    let tries = [
        (
            "export_record",
            json!({ "pairId": pair["id"], "format": "markdown", "includePrivate": true, "file": victim }),
        ),
        (
            "export_record",
            json!({ "pairId": pair["id"], "format": "markdown", "includePrivate": true, "path": victim }),
        ),
        (
            "invite_partner",
            json!({ "pairId": pair["id"], "myName": "Ada", "file": victim }),
        ),
        (
            "send_update",
            json!({ "pairId": pair["id"], "file": victim }),
        ),
        (
            "export_meeting_ics",
            json!({ "pairId": pair["id"], "file": victim }),
        ),
        (
            "export_checkin_ics",
            json!({ "pairId": pair["id"], "file": victim }),
        ),
        (
            "set_calendar_folder",
            json!({ "pairId": pair["id"], "folder": temp.path().to_str().unwrap() }),
        ),
        ("import_pack", json!({ "file": victim })),
        (
            "accept_invite",
            json!({ "file": victim, "code": "7K3M-Q9XD-2WPA", "answerFile": victim }),
        ),
        (
            "preview_invite",
            json!({ "file": victim, "code": "7K3M-Q9XD-2WPA" }),
        ),
        ("receive_update", json!({ "file": victim })),
        (
            "build_report",
            json!({ "inputs": [temp.path().to_str().unwrap()], "minGroup": null }),
        ),
    ];
    for (cmd, input) in tries {
        let refused = invoke(&w, cmd, json!({ "input": input })).unwrap_err();
        // Refused as input: a token nobody chose, or no token at all.
        assert!(
            refused["kind"] == "invalid" || refused.to_string().contains("missing field `file`"),
            "{cmd} took a path from the page: {refused}"
        );
    }
    assert!(!target.exists());
    // Nor can the page open a dialog of its own, or call the plugin's.
    for cmd in ["plugin:dialog|save", "plugin:dialog|open"] {
        let refused = invoke(&w, cmd, json!({ "options": {} })).unwrap_err();
        assert!(
            refused.to_string().contains("not allowed"),
            "{cmd}: {refused}"
        );
    }
}

/// The release page carries no end-to-end hook: the bundle Vite built
/// without `VITE_TRELLIS_E2E` does not mention it (the shell ignores a path
/// from the page anyway, see `commands::file`).
#[test]
fn the_built_page_has_no_end_to_end_hook() {
    let assets = package_file("../ui/dist/assets");
    let Ok(entries) = std::fs::read_dir(&assets) else {
        panic!(
            "build the UI first (npm --prefix ui run build): {}",
            assets.display()
        );
    };
    let mut scripts = 0;
    for e in entries {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "js") {
            scripts += 1;
            let text = std::fs::read_to_string(&p).unwrap();
            assert!(
                !text.contains("__TRELLIS_E2E__"),
                "{} has the hook",
                p.display()
            );
        }
    }
    assert!(scripts > 0, "no script in {}", assets.display());
}

/// What a release binary is built from holds no end-to-end hook: `tauri
/// build` (scripts/package-deb.sh) and `run-app.sh --release` embed
/// `ui/dist`, made by `npm run build` (checked above to carry no hook), and
/// compile the shell with its default features only; the `e2e` feature that
/// lets the page name a dialog's path is in no default and named by no
/// script but the end-to-end run. (The binary's embedded assets are
/// compressed, so the inputs are what can be read.)
#[test]
fn a_release_build_is_made_from_inputs_without_the_end_to_end_hook() {
    let conf = package_json("tauri.conf.json");
    assert_eq!(conf["build"]["frontendDist"], "../ui/dist");
    assert_eq!(
        conf["build"]["beforeBuildCommand"]["script"],
        "npm run build"
    );
    let ui: Value =
        serde_json::from_str(&std::fs::read_to_string(package_file("../ui/package.json")).unwrap())
            .unwrap();
    let build = ui["scripts"]["build"].as_str().unwrap();
    assert!(
        !build.contains("e2e") && !build.contains("--mode"),
        "the UI's release build must be the plain one: {build}"
    );

    let manifest = std::fs::read_to_string(package_file("Cargo.toml")).unwrap();
    let default = manifest
        .lines()
        .find(|l| l.trim_start().starts_with("default ="))
        .expect("the shell's default features");
    assert!(
        !default.contains("e2e"),
        "e2e must never be a default feature: {default}"
    );
    for script in ["../scripts/package-deb.sh", "../scripts/run-app.sh"] {
        let text = std::fs::read_to_string(package_file(script)).unwrap();
        assert!(
            !text.contains("e2e"),
            "{script} builds what people run: it must not name the e2e feature"
        );
    }
}
