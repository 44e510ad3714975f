//! Helpers shared by the shell tests.

use std::path::{Path, PathBuf};

use serde_json::Value;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};
use trellis_desktop_lib::{app_builder, context, AppState};

/// The origin of the app's own pages on Linux and macOS (`http://tauri.localhost` on Windows).
pub const APP_ORIGIN: &str = "tauri://localhost";

/// A mock app with the real configuration, commands and capabilities, keeping its
/// data in `data_dir`.
pub fn mock_app(data_dir: &Path) -> App<MockRuntime> {
    mock_app_with_keys(
        data_dir,
        Box::new(trellis_core::encryption::MemoryKeyStore::default()),
    )
}

/// [`mock_app`] whose keyring is `keys` (never the account's real keyring).
pub fn mock_app_with_keys(
    data_dir: &Path,
    keys: Box<dyn trellis_core::encryption::KeyStore>,
) -> App<MockRuntime> {
    let state = AppState::open_with_keys(data_dir.to_path_buf(), keys).unwrap();
    app_builder(mock_builder(), state).build(context()).unwrap()
}

/// The webview window labelled `label`, created if the configuration did not create it.
pub fn window(app: &App<MockRuntime>, label: &str) -> WebviewWindow<MockRuntime> {
    app.get_webview_window(label).unwrap_or_else(|| {
        WebviewWindowBuilder::new(app, label, Default::default())
            .build()
            .unwrap()
    })
}

/// Calls `cmd` with the JSON `args` from `window`, as a page at `origin` would.
/// `Ok` holds the command's value, `Err` the error the UI would receive.
pub fn invoke_from(
    window: &WebviewWindow<MockRuntime>,
    origin: &str,
    cmd: &str,
    args: Value,
) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: origin.parse().unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    tauri::test::get_ipc_response(window, request).map(|body| body.deserialize().unwrap())
}

/// Calls `cmd` with the JSON `args` from `window`, from the app's own origin.
pub fn invoke(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    invoke_from(window, APP_ORIGIN, cmd, args)
}

/// A file of the `src-tauri` package.
pub fn package_file(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// A JSON file of the `src-tauri` package, parsed.
pub fn package_json(relative: &str) -> Value {
    let path = package_file(relative);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}
