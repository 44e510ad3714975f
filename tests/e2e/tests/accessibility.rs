//! Issue 19: the screens and main dialogs checked with axe-core inside the
//! real WebKitGTK window, in both themes; the suite fails on any violation of
//! impact "serious" or "critical". axe-core comes from the UI's npm packages
//! (`ui/node_modules/axe-core`) and is handed to the page through WebDriver
//! (the app never loads it).

use crate::app::App;
use crate::xpath::{button, dialog, lit, tab};

const SAMPLE: &str = "Sam Rivera (sample)";

fn axe_source() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../ui/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("axe-core at {} (npm ci in ui/): {e}", path.display()))
}

/// Runs axe on the page once its animations (a dialog fading in) have
/// finished, and returns its serious and critical
/// violations, one line each: rule, impact, the elements.
async fn audit(app: &App, axe: &str, screen: &str) -> Vec<String> {
    let script = format!(
        "{axe}\n;return Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null))) \
         .then(() => axe.run(document, {{ resultTypes: ['violations'] }})).then((r) => \
         r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical') \
         .map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(' | ')));"
    );
    let found = app
        .execute(&format!("axe on {screen}"), &script, vec![])
        .await;
    let found: Vec<String> = serde_json::from_value(found).expect("a list of violations");
    found
        .into_iter()
        .map(|v| format!("{screen}: {v}"))
        .collect()
}

async fn set_theme(app: &App, theme: &str) {
    app.execute(
        "choosing the theme",
        "document.documentElement.dataset.theme = arguments[0]; return null;",
        vec![serde_json::json!(theme)],
    )
    .await;
}

async fn close_dialog(app: &App, title: &str) {
    let d = dialog(title);
    app.click(
        &format!("Cancel in “{title}”"),
        &format!("{d}//button[normalize-space()='Cancel']"),
    )
    .await;
    app.wait_gone(&format!("the dialog “{title}” to close"), &d)
        .await;
}

#[tokio::test]
async fn every_screen_and_main_dialog_has_no_serious_accessibility_violation_in_either_theme() {
    let app = App::launch("accessibility").await;
    let axe = axe_source();

    app.click_button("Try with sample data").await;
    let pair_link = format!("//aside//a[contains(normalize-space(), {})]", lit(SAMPLE));
    app.wait_for("the sample pair in the sidebar", &pair_link)
        .await;

    let mut violations = Vec::new();
    for theme in ["light", "dark"] {
        set_theme(&app, theme).await;

        app.click("Home", "//aside//a[normalize-space()='Home']")
            .await;
        app.wait_for("Home", "//h1[normalize-space()='Home']").await;
        violations.extend(audit(&app, &axe, &format!("{theme} Home")).await);

        app.click_button("New pair").await;
        app.wait_for("the New pair dialog", &dialog("New pair"))
            .await;
        violations.extend(audit(&app, &axe, &format!("{theme} New pair dialog")).await);
        close_dialog(&app, "New pair").await;

        app.click("the sample pair", &pair_link).await;
        app.wait_for(
            "the pair screen",
            &format!("//h1[normalize-space()={}]", lit(SAMPLE)),
        )
        .await;
        for name in [
            "Overview",
            "Goals",
            "Meetings",
            "Notes",
            "Graduation",
            "Check-in",
        ] {
            app.click(&format!("the tab “{name}”"), &tab(name)).await;
            app.wait_for(
                &format!("the tab “{name}” selected"),
                &format!("{}[@aria-selected='true']", tab(name)),
            )
            .await;
            violations.extend(audit(&app, &axe, &format!("{theme} pair, {name}")).await);
            let main_dialog = match name {
                "Goals" => Some(("Add goal", "Add goal")),
                "Meetings" => Some(("Log meeting", "Log meeting")),
                "Notes" => Some(("Add note", "Add note")),
                _ => None,
            };
            if let Some((opener, title)) = main_dialog {
                app.click(
                    &format!("the button “{opener}”"),
                    &format!("({})[1]", button(opener)),
                )
                .await;
                app.wait_for(&format!("the dialog “{title}”"), &dialog(title))
                    .await;
                violations.extend(audit(&app, &axe, &format!("{theme} {title} dialog")).await);
                close_dialog(&app, title).await;
            }
        }

        for (link, heading) in [
            ("Search", "Search"),
            ("Organizer", "Organizer"),
            ("Settings", "Settings"),
        ] {
            app.click(
                link,
                &format!("//aside//a[normalize-space()={}]", lit(link)),
            )
            .await;
            app.wait_for(
                heading,
                &format!("//h1[normalize-space()={}]", lit(heading)),
            )
            .await;
            violations.extend(audit(&app, &axe, &format!("{theme} {heading}")).await);
        }
    }
    app.screenshot("dark-settings").await;
    app.quit().await;
    assert!(
        violations.is_empty(),
        "serious or critical accessibility violations:\n{}",
        violations.join("\n")
    );
}

/// GTK's high-contrast and reduced-motion settings reach the real window:
/// with the GTK theme named HighContrast (as GNOME's "High Contrast" switch
/// sets it) and animations off, WebKitGTK reports `prefers-contrast: more`
/// and `prefers-reduced-motion: reduce`; the app's tokens draw every field's
/// edge and the focus ring in the text colour, its transitions take no time,
/// and axe still finds nothing serious.
#[tokio::test]
async fn gtk_high_contrast_and_reduced_motion_settings_reach_the_real_window() {
    let config = tempfile::tempdir().expect("a temporary XDG_CONFIG_HOME");
    std::fs::create_dir_all(config.path().join("gtk-3.0")).expect("gtk-3.0 folder");
    std::fs::write(
        config.path().join("gtk-3.0/settings.ini"),
        "[Settings]\ngtk-theme-name=HighContrast\ngtk-enable-animations=false\n",
    )
    .expect("a GTK settings file");
    let app = App::launch_with_env("high-contrast", &[("XDG_CONFIG_HOME", config.path())]).await;
    let axe = axe_source();

    let seen = app
        .execute(
            "reading the contrast the page sees",
            "const s = getComputedStyle(document.documentElement); return { \
             more: matchMedia('(prefers-contrast: more)').matches, \
             text: s.getPropertyValue('--color-text').trim(), \
             edge: s.getPropertyValue('--color-border-input').trim(), \
             focus: s.getPropertyValue('--color-focus').trim(), \
             ring: s.getPropertyValue('--focus-ring-width').trim(), \
             example: s.getPropertyValue('--color-placeholder').trim(), \
             still: matchMedia('(prefers-reduced-motion: reduce)').matches, \
             duration: s.getPropertyValue('--duration-normal').trim() };",
            vec![],
        )
        .await;
    assert_eq!(
        seen["more"], true,
        "WebKitGTK did not report prefers-contrast: more: {seen}"
    );
    assert_eq!(
        seen["edge"], seen["text"],
        "a field's edge in the text colour: {seen}"
    );
    assert_eq!(
        seen["focus"], seen["text"],
        "the focus ring in the text colour: {seen}"
    );
    assert_eq!(seen["ring"], "3px", "a thicker focus ring: {seen}");
    assert_eq!(
        seen["still"], true,
        "WebKitGTK did not report prefers-reduced-motion: {seen}"
    );
    assert_eq!(seen["duration"], "0ms", "no motion: {seen}");
    assert_ne!(
        seen["example"], seen["text"],
        "an example in a field never looks like a value: {seen}"
    );

    app.click_button("New pair").await;
    app.wait_for("the New pair dialog", &dialog("New pair"))
        .await;
    let violations = audit(&app, &axe, "high-contrast New pair dialog").await;
    app.screenshot("new-pair").await;
    close_dialog(&app, "New pair").await;
    app.quit().await;
    assert!(
        violations.is_empty(),
        "serious or critical accessibility violations:\n{}",
        violations.join("\n")
    );
}
