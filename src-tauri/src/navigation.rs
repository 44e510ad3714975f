//! The window never leaves the app: a navigation to any other origin (a link
//! without `target`, `location.href = …` from a crafted page) is cancelled.
//! Saved links open in the system browser instead, and only on a click (the
//! UI's `openExternal`, through the opener plugin, scoped to http(s) URLs).

use tauri::plugin::{Builder, TauriPlugin};
use tauri::{Manager, Runtime, Url};

/// A plugin whose only job is the navigation hook: it applies to every
/// webview, including the main window that `tauri.conf.json` creates.
pub fn guard<R: Runtime>() -> TauriPlugin<R> {
    Builder::new("navigation-guard")
        .on_navigation(|webview, url| {
            let dev_url = if tauri::is_dev() {
                webview.config().build.dev_url.clone()
            } else {
                None
            };
            let allowed = is_app_url(url, dev_url.as_ref());
            if !allowed {
                eprintln!("warning: blocked a navigation away from the app to {url}");
            }
            allowed
        })
        .build()
}

/// Whether `url` is one of the app's own pages: `tauri://localhost` (Linux,
/// macOS), `http(s)://tauri.localhost` (Windows), or, in development only,
/// the dev server's origin.
pub fn is_app_url(url: &Url, dev_url: Option<&Url>) -> bool {
    let host = url.host_str();
    let own = match url.scheme() {
        "tauri" => host == Some("localhost"),
        "http" | "https" => host == Some("tauri.localhost"),
        _ => false,
    };
    let plain = url.port().is_none() && url.username().is_empty() && url.password().is_none();
    (own && plain) || dev_url.is_some_and(|dev| is_web(url) && dev.origin() == url.origin())
}

fn is_web(url: &Url) -> bool {
    matches!(url.scheme(), "http" | "https")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        text.parse().unwrap()
    }

    #[test]
    fn the_apps_own_pages_are_allowed() {
        for own in [
            "tauri://localhost",
            "tauri://localhost/index.html#/pair/1/goals",
            "http://tauri.localhost/",
            "https://tauri.localhost/#/settings",
        ] {
            assert!(is_app_url(&url(own), None), "{own}");
        }
    }

    #[test]
    fn every_other_origin_is_blocked() {
        for away in [
            "https://example.com/",
            "http://localhost:1420/",
            "http://127.0.0.1/",
            "https://tauri.localhost.example.com/",
            "https://localhost/",
            "tauri://example.com/",
            "tauri://localhost:8080/",
            "http://user@tauri.localhost/",
            "https://tauri.localhost:444/",
            "file:///etc/passwd",
            "data:text/html,<script>alert(1)</script>",
            "javascript:alert(1)",
            "about:blank",
        ] {
            assert!(!is_app_url(&url(away), None), "{away}");
        }
    }

    #[test]
    fn the_dev_server_is_allowed_only_when_it_is_given() {
        let dev = url("http://localhost:1420");
        assert!(is_app_url(
            &url("http://localhost:1420/#/search"),
            Some(&dev)
        ));
        assert!(!is_app_url(&url("http://localhost:1421/"), Some(&dev)));
        assert!(!is_app_url(&url("https://example.com/"), Some(&dev)));
        assert!(!is_app_url(&url("http://localhost:1420/"), None));
    }
}
