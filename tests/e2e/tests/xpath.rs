//! XPath for what a person looks for on screen: buttons by their name,
//! fields by their `<label>`, dialogs by their title, tabs by role. Shared
//! by the journeys and the desktop benchmark (`benches/desktop.rs`).

/// The "Next meeting" panel (on a pair's Overview and Meetings tab).
pub const NEXT_MEETING: &str =
    "//section[@aria-labelledby=//h2[normalize-space()='Next meeting']/@id]";

/// The panel of the selected tab.
pub const TAB_PANEL: &str = "//*[@role='tabpanel']";

/// `s` as an XPath string literal, whatever quotes it holds.
pub fn lit(s: &str) -> String {
    if !s.contains('\'') {
        format!("'{s}'")
    } else if !s.contains('"') {
        format!("\"{s}\"")
    } else {
        let parts: Vec<String> = s.split('\'').map(|p| format!("'{p}'")).collect();
        format!("concat({})", parts.join(", \"'\", "))
    }
}

/// The open dialog whose title is `title`.
pub fn dialog(title: &str) -> String {
    format!("//dialog[@open][.//h2[normalize-space()={}]]", lit(title))
}

/// A button named `name` (by its text or its `aria-label`) inside `scope`.
pub fn button_in(scope: &str, name: &str) -> String {
    let n = lit(name);
    format!("{scope}//button[normalize-space()={n} or @aria-label={n}]")
}

/// A button named `name` anywhere on screen.
pub fn button(name: &str) -> String {
    button_in("", name)
}

/// The form control that the `<label>` reading `label` inside `scope` is for.
pub fn field_in(scope: &str, label: &str) -> String {
    let scope = if scope.is_empty() { "/" } else { scope };
    format!(
        "//*[@id=({scope}//label[normalize-space()={}])[1]/@for]",
        lit(label)
    )
}

/// The error line under the field that `label` names (its `aria-describedby` target),
/// once it says something: the element may stand empty before the refusal arrives.
pub fn field_error_in(scope: &str, label: &str) -> String {
    let scope = if scope.is_empty() { "/" } else { scope };
    format!(
        "//*[@id=concat(({scope}//label[normalize-space()={}])[1]/@for, '-error')][normalize-space()]",
        lit(label)
    )
}

/// The radio button of a segmented control: the option `option` of the group `group`.
pub fn radio_in(scope: &str, group: &str, option: &str) -> String {
    format!(
        "{scope}//fieldset[legend[normalize-space()={}]]//label[normalize-space()={}]",
        lit(group),
        lit(option)
    )
}

/// The tab named `name`.
pub fn tab(name: &str) -> String {
    format!("//*[@role='tab'][normalize-space()={}]", lit(name))
}

/// Any element whose own text (normalized) is exactly `text`.
pub fn text(text: &str) -> String {
    format!("//*[normalize-space(text())={}]", lit(text))
}

/// Any element whose text contains `text`, innermost first.
pub fn containing(text: &str) -> String {
    format!(
        "//*[contains(normalize-space(), {t})][not(*[contains(normalize-space(), {t})])]",
        t = lit(text)
    )
}
