//! The journeys of issue 3 (and issue 6's recovery and XSS journeys), each
//! through the real app window on a fresh data directory. Run them with
//! `tests/e2e/run.sh`; screenshots of the key steps land in
//! `target/e2e-screenshots/<journey>-<step>.png`.

mod accessibility;
mod app;
mod driver;
mod languages;
mod xpath;

use app::App;
use xpath::{
    button, button_in, containing, dialog, field_error_in, field_in, lit, radio_in, tab, text,
    NEXT_MEETING, TAB_PANEL,
};

const PARTNER: &str = "Ada Lovelace";
const PROGRAM: &str = "OpenStack Mentoring";
const COHORT: &str = "Get your first patch merged";

/// The pair screen's heading, once the pair with `partner` is open.
fn pair_heading(partner: &str) -> String {
    format!("//h1[normalize-space()={}]", lit(partner))
}

/// Opens the tab `name` of the pair screen and waits until it is selected.
async fn open_tab(app: &App, name: &str) {
    app.click(&format!("the tab “{name}”"), &tab(name)).await;
    app.wait_for(
        &format!("the tab “{name}” to be selected"),
        &format!("{}[@aria-selected='true']", tab(name)),
    )
    .await;
}

/// From Home, creates a pair in which I am the mentee of `partner`, in the
/// OpenStack first-patch cohort, and waits until it is open.
async fn create_pair(app: &App, partner: &str, screenshot: Option<&str>) {
    app.click_button("Create your first pair").await;
    let d = dialog("New pair");
    app.wait_for("the New pair dialog", &d).await;
    app.click("the role Mentee", &radio_in(&d, "Your role", "Mentee"))
        .await;
    app.fill("Partner name", &field_in(&d, "Partner name"), partner)
        .await;
    app.choose("Program", &field_in(&d, "Program"), PROGRAM)
        .await;
    app.choose("Cohort", &field_in(&d, "Cohort"), COHORT).await;
    // The cohort's graduation criteria are shown before they are copied in.
    app.wait_for(
        "the cohort's criteria in the dialog",
        &format!("{d}{}", containing("Merged one patch")),
    )
    .await;
    if let Some(step) = screenshot {
        app.screenshot(step).await;
    }
    app.click("Create pair", &button_in(&d, "Create pair"))
        .await;
    app.wait_gone("the New pair dialog to close", &d).await;
    app.wait_for("the new pair's screen", &pair_heading(partner))
        .await;
}

/// Journey 1: first run → a pair → a goal with two milestones → a meeting
/// with an action item → the item is on the next meeting's agenda; then
/// Home and the pair at 800×600, 1280×800 and 2560×1440 (screenshots
/// `10-home-*` and `11-pair-*`).
#[tokio::test]
async fn a_first_meetings_action_item_is_carried_to_the_next_agenda() {
    let app = App::launch("first-run").await;

    // First run: Home offers to start.
    app.wait_visible("the empty Home", &text("No pairs yet"))
        .await;
    app.wait_visible("Try with sample data", &button("Try with sample data"))
        .await;
    app.wait_visible("New pair", &button("New pair")).await;
    app.screenshot("1-home-empty").await;

    // The window is set in the app's own typefaces, whatever the machine has
    // (this suite runs with a fontconfig that holds only a new machine's DejaVu).
    let loaded = app
        .execute(
            "the typefaces the page has loaded",
            "return document.fonts.ready.then(() => [...document.fonts] \
               .filter((f) => f.status === 'loaded').map((f) => f.family.replace(/[\"']/g, '')))",
            vec![],
        )
        .await;
    let loaded: Vec<String> = serde_json::from_value(loaded).expect("a list of families");
    assert!(
        loaded.iter().any(|f| f == "Inter Variable"),
        "the page should be set in its own Inter, loaded: {loaded:?}"
    );

    create_pair(&app, PARTNER, Some("2-new-pair-dialog")).await;
    app.wait_for(
        "the program and cohort above the name",
        &containing(&format!("{PROGRAM} · {COHORT}")),
    )
    .await;
    app.wait_for(
        "the sidebar link to the pair",
        &format!("//a[normalize-space()={}]", lit(PARTNER)),
    )
    .await;
    app.screenshot("3-pair-created").await;

    // A goal with two milestones.
    let goal = "Get a first patch merged in Nova";
    let milestones = ["Set up DevStack", "Push the change to Gerrit"];
    open_tab(&app, "Goals").await;
    app.click_button("Add goal").await;
    let d = dialog("Add goal");
    app.fill("Title", &field_in(&d, "Title"), goal).await;
    app.fill_lines("Milestones", &field_in(&d, "Milestones"), &milestones)
        .await;
    app.screenshot("4-goal-dialog").await;
    app.click("Save goal", &button_in(&d, "Save goal")).await;
    app.wait_gone("the goal dialog to close", &d).await;
    let card = format!(
        "{TAB_PANEL}//article[.//h3[normalize-space()={}]]",
        lit(goal)
    );
    for m in milestones {
        app.wait_for(
            &format!("the milestone “{m}”"),
            &format!("{card}//label[normalize-space()={}]", lit(m)),
        )
        .await;
    }
    app.wait_for(
        "the milestone count",
        &format!("{card}{}", containing("0 of 2 milestones")),
    )
    .await;
    app.screenshot("5-goal-added").await;

    // A meeting with an action item.
    let action = "Push a first patch set to Gerrit";
    open_tab(&app, "Meetings").await;
    app.wait_for(
        "no open action items yet",
        &format!("{NEXT_MEETING}{}", containing("No open action items")),
    )
    .await;
    app.click_button("Log meeting").await;
    let d = dialog("Log meeting");
    app.wait_for("the Log meeting dialog", &d).await;
    assert!(
        !app.value_of("Start", &field_in(&d, "Start"))
            .await
            .is_empty(),
        "a new meeting starts now by default"
    );
    app.fill(
        "Duration (minutes)",
        &field_in(&d, "Duration (minutes)"),
        "45",
    )
    .await;
    app.fill(
        "Agenda",
        &field_in(&d, "Agenda"),
        "How DevStack went; the bug to pick",
    )
    .await;
    app.fill("Action item", &field_in(&d, "Action item"), action)
        .await;
    app.choose("Owner", &field_in(&d, "Owner"), "Mentee (you)")
        .await;
    app.set_native_value("Due", &field_in(&d, "Due"), "2031-01-15")
        .await;
    app.screenshot("6-meeting-dialog").await;
    app.click("Save meeting", &button_in(&d, "Save meeting"))
        .await;
    app.wait_gone("the meeting dialog to close", &d).await;

    // The item is carried forward to the next meeting…
    let carried = format!("{NEXT_MEETING}//label[normalize-space()={}]", lit(action));
    app.wait_for("the action item in the Next meeting panel", &carried)
        .await;
    app.wait_for(
        "the item's owner and due date",
        &format!("{NEXT_MEETING}{}", containing("You · due")),
    )
    .await;
    app.wait_for(
        "the log to count the meeting",
        &containing("1 meeting logged"),
    )
    .await;
    app.screenshot("7-meeting-logged").await;

    // …so the next meeting's agenda starts from it…
    app.click_button("Log meeting").await;
    app.wait_for("the Log meeting dialog", &d).await;
    // It is a checklist to tick at the meeting, not text pasted into the agenda.
    let carried_forward = format!(
        "{d}//fieldset[legend[normalize-space()='Carried forward']]//label[normalize-space()={}]",
        lit(action)
    );
    app.wait_visible(
        "the open action item carried forward in the dialog",
        &carried_forward,
    )
    .await;
    let agenda = app.value_of("Agenda", &field_in(&d, "Agenda")).await;
    assert!(
        !agenda.contains("- [ ]"),
        "the agenda holds no raw checklist text, got {agenda:?}"
    );
    app.screenshot("8-next-agenda").await;
    app.click("Cancel", &button_in(&d, "Cancel")).await;
    app.wait_gone("the meeting dialog to close", &d).await;

    // …and the Overview shows it too.
    open_tab(&app, "Overview").await;
    app.wait_for("the action item on the Overview", &carried)
        .await;
    app.screenshot("9-overview").await;

    // Any window size (issue 17): Home and the pair at the smallest, a
    // common and the largest size the window is made for, to be looked at.
    let url = app.url().await;
    let pair_hash = url
        .split_once('#')
        .map(|(_, h)| format!("#{h}"))
        .expect("the pair screen's URL has a route");
    for (width, height) in [(800, 600), (1280, 800), (2560, 1440)] {
        app.resize(width, height).await;
        app.script("location.hash = '#/'").await;
        app.wait_visible("Home", "//h1[normalize-space()='Home']")
            .await;
        app.wait_for("the pair's card on Home", &pair_link(PARTNER))
            .await;
        app.screenshot(&format!("10-home-{width}x{height}")).await;
        app.execute(
            "back to the pair",
            "location.hash = arguments[0]",
            vec![serde_json::Value::from(pair_hash.clone())],
        )
        .await;
        app.wait_visible("the pair's screen", &pair_heading(PARTNER))
            .await;
        app.wait_for("the action item on the Overview", &carried)
            .await;
        app.screenshot(&format!("11-pair-{width}x{height}")).await;
    }

    app.quit().await;
}

/// Journey 2: a private and a shared note, a quick-capture note and an
/// unsaved quick-capture draft all survive quitting and restarting the app.
#[tokio::test]
async fn notes_and_an_unsaved_quick_note_survive_a_restart() {
    let app = App::launch("notes").await;
    app.wait_visible("the empty Home", &text("No pairs yet"))
        .await;
    create_pair(&app, PARTNER, None).await;

    let private = "I still find Gerrit's review UI confusing";
    let shared = "Questions about the Developer's Guide for Thursday";
    let quick = "Ask about the nova-specs process";
    let draft = "Half a thought about unit tests, not saved";

    let note = |body: &str, kind: &str| {
        format!(
            "{TAB_PANEL}//article[starts-with(@aria-label, '{kind} note:')][.//p[normalize-space()={}]]",
            lit(body)
        )
    };

    // A private note, marked as never leaving this machine.
    open_tab(&app, "Notes").await;
    app.click_button("Add note").await;
    let d = dialog("Add note");
    app.fill("Note", &field_in(&d, "Note"), private).await;
    app.wait_for(
        "the private explanation",
        &format!(
            "{d}{}",
            containing("Private notes never leave this machine")
        ),
    )
    .await;
    app.screenshot("1-private-note-dialog").await;
    app.click("Save note", &button_in(&d, "Save note")).await;
    app.wait_gone("the note dialog to close", &d).await;
    app.wait_for(
        "the private note, marked as never leaving this machine",
        &format!(
            "{}{}",
            note(private, "Private"),
            containing("Private · never leaves this machine")
        ),
    )
    .await;

    // A shared note.
    app.click_button("Add note").await;
    app.fill("Note", &field_in(&d, "Note"), shared).await;
    app.click("Shared", &radio_in(&d, "Who can read it", "Shared"))
        .await;
    app.wait_for(
        "the shared explanation",
        &format!("{d}{}", containing(&format!("Shared with {PARTNER}"))),
    )
    .await;
    app.click("Save note", &button_in(&d, "Save note")).await;
    app.wait_gone("the note dialog to close", &d).await;
    app.wait_for(
        "the shared note",
        &format!(
            "{}{}",
            note(shared, "Shared"),
            containing(&format!("Shared with {PARTNER}"))
        ),
    )
    .await;
    assert_eq!(
        app.count(&format!(
            "{}{}",
            note(shared, "Shared"),
            containing("never leaves this machine")
        ))
        .await,
        0,
        "the shared note is not marked private"
    );

    // Quick capture: Ctrl+N, type, Save note.
    let q = dialog("Quick note");
    app.press_ctrl('n').await;
    app.wait_for("the Quick note dialog", &q).await;
    app.fill("Note", &field_in(&q, "Note"), quick).await;
    app.screenshot("2-quick-note").await;
    app.click("Save note", &button_in(&q, "Save note")).await;
    app.wait_gone("the Quick note dialog to close", &q).await;
    app.wait_for("the quick note in the list", &note(quick, "Private"))
        .await;
    app.screenshot("3-notes").await;

    // A draft typed and not saved, then the app quits.
    app.press_ctrl('n').await;
    app.wait_for("the Quick note dialog", &q).await;
    let quick_field = field_in(&q, "Note");
    assert_eq!(
        app.value_of("the quick note", &quick_field).await,
        "",
        "a saved quick note leaves no draft behind"
    );
    app.fill("Note", &quick_field, draft).await;
    // What the person sees before walking away: the draft is on disk.
    app.wait_for(
        "the draft to be saved",
        &format!("{q}{}", text("Draft saved")),
    )
    .await;
    app.screenshot("4-draft-typed").await;

    let app = app.restart().await;

    // Everything is still there…
    app.click(
        "the pair (sidebar or Home)",
        &format!("//a[normalize-space()={}]", lit(PARTNER)),
    )
    .await;
    app.wait_for("the pair's screen", &pair_heading(PARTNER))
        .await;
    open_tab(&app, "Notes").await;
    app.wait_for(
        "the private note after the restart",
        &note(private, "Private"),
    )
    .await;
    app.wait_for("the shared note after the restart", &note(shared, "Shared"))
        .await;
    app.wait_for("the quick note after the restart", &note(quick, "Private"))
        .await;
    assert_eq!(
        app.count(&format!("{TAB_PANEL}//article")).await,
        3,
        "three notes, and the draft is not one of them"
    );
    app.screenshot("5-notes-after-restart").await;

    // …and the draft comes back in Quick note.
    app.press_ctrl('n').await;
    app.wait_for("the Quick note dialog", &q).await;
    app.wait_for(
        "the restored draft",
        &format!("{q}{}", containing("Draft from")),
    )
    .await;
    assert_eq!(app.value_of("the quick note", &quick_field).await, draft);
    app.screenshot("6-draft-restored").await;

    app.quit().await;
}

/// Journey 3: every graduation criterion marked met, one with an evidence
/// link → "Ready to graduate".
#[tokio::test]
async fn meeting_every_criterion_makes_the_pair_ready_to_graduate() {
    let app = App::launch("graduation").await;
    app.wait_visible("the empty Home", &text("No pairs yet"))
        .await;
    create_pair(&app, PARTNER, None).await;

    open_tab(&app, "Graduation").await;
    let mark = format!("{TAB_PANEL}{}", button("Mark met"));
    let total = app
        .wait_for(
            "the criteria",
            &format!("{TAB_PANEL}//strong[contains(., ' of ')]"),
        )
        .await
        .text()
        .await
        .expect("the met count");
    assert_eq!(
        total, "0 of 4",
        "the first-patch cohort has four criteria, none met"
    );
    assert_eq!(app.count(&mark).await, 4);
    app.screenshot("1-criteria").await;

    let evidence = "https://review.opendev.org/c/openstack/nova/+/912345";
    let d = dialog("Mark met");
    for left in (0..4).rev() {
        app.click("the first Mark met", &format!("({mark})[1]"))
            .await;
        app.wait_for("the Mark met dialog", &d).await;
        if left == 3 {
            app.fill("Evidence link", &field_in(&d, "Evidence link"), evidence)
                .await;
            app.screenshot("2-mark-met-with-evidence").await;
        }
        app.click("Mark as met", &button_in(&d, "Mark as met"))
            .await;
        app.wait_gone("the Mark met dialog to close", &d).await;
        app.wait_count("one criterion fewer to meet", &mark, left)
            .await;
    }

    app.wait_visible("the Ready to graduate banner", &text("Ready to graduate"))
        .await;
    app.wait_for(
        "4 of 4 met",
        &format!("{TAB_PANEL}//strong[normalize-space()='4 of 4']"),
    )
    .await;
    app.wait_for(
        "the evidence link",
        &format!(
            "{TAB_PANEL}//a[@href={0}][normalize-space()={0}]",
            lit(evidence)
        ),
    )
    .await;
    app.wait_for(
        "the Graduate button in the banner",
        &format!(
            "//*[@role='status'][.//*[normalize-space()='Ready to graduate']]{}",
            button("Graduate")
        ),
    )
    .await;
    app.screenshot("3-ready-to-graduate").await;

    // Home says so as well.
    app.click(
        "Home",
        "//nav[@aria-label='Main']//a[normalize-space()='Home']",
    )
    .await;
    let card = format!("//article[.//a[normalize-space()={}]]", lit(PARTNER));
    app.wait_for("the pair on Home", &card).await;
    app.wait_for(
        "the pair's card to say it is ready",
        &format!(
            "{card}{}",
            containing("Ready to graduate: all 4 criteria met")
        ),
    )
    .await;
    app.screenshot("4-home-ready").await;

    app.quit().await;
}

/// Journey 4: invalid input shows a clear message where it was typed and
/// changes nothing, as seen after the screen is loaded afresh.
#[tokio::test]
async fn invalid_input_is_refused_where_it_was_typed_and_changes_nothing() {
    let app = App::launch("invalid-input").await;
    app.wait_visible("the empty Home", &text("No pairs yet"))
        .await;
    app.click_button("Try with sample data").await;
    app.wait_for(
        "the sample pair's screen",
        "//h1[normalize-space()!='Home']",
    )
    .await;

    // What there is before anything invalid is tried.
    let goals = format!("{TAB_PANEL}//article[.//h3]");
    let meetings_line = containing("logged");
    let met = format!("{TAB_PANEL}//strong[contains(., ' of ')]");

    open_tab(&app, "Goals").await;
    app.wait_for("the sample goals", &goals).await;
    let goals_before = app.count(&goals).await;
    open_tab(&app, "Meetings").await;
    let meetings_before = app.text_of("the meeting count", &meetings_line).await;
    open_tab(&app, "Graduation").await;
    let met_before = app.text_of("the criteria met", &met).await;

    // A goal without a title.
    open_tab(&app, "Goals").await;
    app.click_button("Add goal").await;
    let d = dialog("Add goal");
    app.fill("Title", &field_in(&d, "Title"), "   ").await;
    app.fill_lines(
        "Milestones",
        &field_in(&d, "Milestones"),
        &["A milestone of no goal"],
    )
    .await;
    app.click("Save goal", &button_in(&d, "Save goal")).await;
    let message = app
        .text_of("the message under Title", &field_error_in(&d, "Title"))
        .await;
    assert_eq!(message, "Give the goal a short title.");
    app.wait_for(
        "Title marked invalid",
        &format!("{}[@aria-invalid='true']", field_in(&d, "Title")),
    )
    .await;
    app.screenshot("1-goal-without-title").await;
    app.click("Cancel", &button_in(&d, "Cancel")).await;
    app.wait_gone("the goal dialog to close", &d).await;
    assert_eq!(app.count(&goals).await, goals_before, "no goal was added");

    // A meeting that ends before it starts.
    open_tab(&app, "Meetings").await;
    app.click_button("Log meeting").await;
    let d = dialog("Log meeting");
    app.set_native_value("Start", &field_in(&d, "Start"), "2026-03-10T14:00")
        .await;
    app.click(
        "Give an end time instead",
        &button_in(&d, "Give an end time instead"),
    )
    .await;
    app.set_native_value("End", &field_in(&d, "End"), "13:30")
        .await;
    app.fill(
        "Action item",
        &field_in(&d, "Action item"),
        "Should never be saved",
    )
    .await;
    app.click("Save meeting", &button_in(&d, "Save meeting"))
        .await;
    let message = app
        .text_of("the message under End", &field_error_in(&d, "End"))
        .await;
    assert!(
        message.contains("before the start"),
        "the End field says why, got {message:?}"
    );
    // The dialog stays scrolled where Save was pressed (see the report);
    // bring the refused field into view for the screenshot.
    app.scroll_to("the End field", &field_in(&d, "End")).await;
    app.screenshot("2-meeting-ends-before-start").await;
    app.click("Cancel", &button_in(&d, "Cancel")).await;
    app.wait_gone("the meeting dialog to close", &d).await;

    // An evidence link that is not a web link.
    open_tab(&app, "Graduation").await;
    app.click(
        "the first Mark met",
        &format!("({TAB_PANEL}{})[1]", button("Mark met")),
    )
    .await;
    let d = dialog("Mark met");
    app.fill(
        "Evidence link",
        &field_in(&d, "Evidence link"),
        "javascript:alert(1)",
    )
    .await;
    app.click("Mark as met", &button_in(&d, "Mark as met"))
        .await;
    // Wait for the refusal to come back before reading it (under load the
    // round trip can take longer than the first look).
    let under_evidence = field_error_in(&d, "Evidence link");
    app.wait_for(
        "the message under Evidence link",
        &format!("{under_evidence}[contains(., 'not a web link')]"),
    )
    .await;
    let message = app
        .text_of("the message under Evidence link", &under_evidence)
        .await;
    assert!(
        message.contains("not a web link") && message.contains("https://"),
        "the Evidence link field says why, got {message:?}"
    );
    app.screenshot("3-javascript-evidence").await;
    app.click("Cancel", &button_in(&d, "Cancel")).await;
    app.wait_gone("the Mark met dialog to close", &d).await;

    // Loaded afresh, every list is as it was.
    app.reload().await;
    open_tab(&app, "Graduation").await;
    assert_eq!(app.text_of("the criteria met", &met).await, met_before);
    assert_eq!(
        app.count("//a[starts-with(normalize-space(@href), 'javascript')]")
            .await,
        0,
        "no javascript: link anywhere"
    );
    app.screenshot("4-graduation-unchanged").await;
    open_tab(&app, "Meetings").await;
    assert_eq!(
        app.text_of("the meeting count", &meetings_line).await,
        meetings_before
    );
    assert_eq!(app.count(&containing("Should never be saved")).await, 0);
    open_tab(&app, "Goals").await;
    app.wait_for("the goals", &goals).await;
    assert_eq!(app.count(&goals).await, goals_before, "no goal was added");
    assert_eq!(app.count(&containing("A milestone of no goal")).await, 0);
    app.screenshot("5-goals-unchanged").await;

    app.quit().await;
}

/// Overwrites the middle third of `file` with bytes that are no SQLite page.
fn damage(file: &std::path::Path) {
    let mut bytes = std::fs::read(file).expect("the database file");
    let (from, to) = (bytes.len() / 3, bytes.len() * 2 / 3);
    for (i, byte) in bytes[from..to].iter_mut().enumerate() {
        *byte = [0xA5, 0x5A, 0xFF, 0x00][i % 4];
    }
    std::fs::write(file, bytes).expect("the damaged database file");
}

/// The newest backup of `kind` in the data dir `dir`.
fn newest_backup(dir: &std::path::Path, kind: &str) -> std::path::PathBuf {
    let mut found: Vec<_> = std::fs::read_dir(dir.join("backups"))
        .expect("the backups folder")
        .map(|e| e.expect("a backups folder entry").path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(&format!("-{kind}.db")))
        })
        .collect();
    found.sort();
    found
        .pop()
        .unwrap_or_else(|| panic!("no {kind} backup in {}", dir.display()))
}

/// The form control of the field labelled `label` followed by "Optional".
fn optional_field_in(scope: &str, label: &str) -> String {
    format!(
        "//*[@id=({scope}//label[starts-with(normalize-space(), {})])[1]/@for]",
        lit(&format!("{label} "))
    )
}

/// The sidebar's or Home's link to the pair with `partner`.
fn pair_link(partner: &str) -> String {
    format!("//a[normalize-space()={}]", lit(partner))
}

/// Issue 6: the database is damaged between two runs. The window opens on a
/// recovery screen that says nothing was changed and has the newest good
/// backup chosen; restoring it brings the pair back without a restart.
/// Settings then lists the backups, makes one, and restores one after a
/// confirmation.
#[tokio::test]
async fn the_recovery_screen_restores_a_damaged_database_from_the_newest_backup() {
    let app = App::launch("recovery").await;
    app.wait_visible("the empty Home", &text("No pairs yet"))
        .await;
    create_pair(&app, PARTNER, None).await;

    // The next start makes the daily backup of a database that holds a pair.
    let app = app.restart().await;
    app.wait_for("the pair after a restart", &pair_link(PARTNER))
        .await;
    app.screenshot("1-pair-made").await;

    // Between two runs the database is damaged: a copy of the real database
    // (the backup just made, with the pair in it) with its middle overwritten.
    let app = app
        .restart_after(|dir| {
            let daily = newest_backup(dir, "daily");
            for stale in ["trellis.db-wal", "trellis.db-shm"] {
                let _ = std::fs::remove_file(dir.join(stale));
            }
            std::fs::copy(&daily, dir.join("trellis.db")).expect("a copy of the backup");
            damage(&dir.join("trellis.db"));
        })
        .await;

    let heading =
        "//h1[normalize-space()='Trellis found a problem in its database and has not changed anything']";
    app.wait_visible("the recovery screen", heading).await;
    assert_eq!(
        app.count("//nav[@aria-label='Main']").await,
        0,
        "the recovery screen takes the whole window"
    );
    let data_dir = app.data_dir().to_str().expect("a UTF-8 path").to_owned();
    assert_eq!(
        app.text_of("the data folder", "//code[@data-testid='data-dir']")
            .await,
        data_dir
    );
    let newest = app
        .wait_for(
            "the newest good backup",
            "//label[.//*[normalize-space()='Newest good backup']]//input[@type='radio']",
        )
        .await;
    assert_eq!(
        newest
            .prop("checked")
            .await
            .expect("the radio's state")
            .as_deref(),
        Some("true"),
        "the newest good backup is chosen already"
    );
    app.wait_for("the backup's kind", &containing("Daily ·"))
        .await;
    app.screenshot("2-recovery-screen").await;

    app.click_button("Restore this backup").await;
    app.wait_for("the pair, restored", &pair_link(PARTNER))
        .await;
    app.wait_for("the notice", &text("Backup restored")).await;
    app.wait_gone("the recovery screen to go", heading).await;
    app.screenshot("3-restored").await;
    app.click("the pair", &pair_link(PARTNER)).await;
    app.wait_for("the pair's screen", &pair_heading(PARTNER))
        .await;

    // Settings: the daily backup and the damaged database kept before the restore.
    app.click(
        "Settings",
        "//nav[@aria-label='App']//a[normalize-space()='Settings']",
    )
    .await;
    let rows = "//ul[@aria-label='Backups']/li";
    app.wait_count("two backups", rows, 2).await;
    app.wait_for(
        "the copy kept before the restore",
        &format!("{rows}{}", containing("Before a restore")),
    )
    .await;
    app.click_button("Back up now").await;
    app.wait_count("a third backup", rows, 3).await;
    app.wait_for(
        "the backup just made",
        &format!("{rows}{}", containing("Made by you")),
    )
    .await;
    app.scroll_to("the Backups card", "//h2[normalize-space()='Backups']")
        .await;
    app.screenshot("4-settings-backups").await;

    // Restore the daily backup again, after a confirmation.
    app.click(
        "Restore… on the daily backup",
        &format!("({rows}[.//*[contains(., 'Daily ·')]]//button)[1]"),
    )
    .await;
    let d = dialog("Restore this backup?");
    app.wait_for(
        "the promise that today's data is kept",
        &format!(
            "{d}{}",
            containing("A copy of your current data is kept first")
        ),
    )
    .await;
    app.screenshot("5-restore-confirm").await;
    app.click("Restore backup", &button_in(&d, "Restore backup"))
        .await;
    app.wait_gone("the dialog to close", &d).await;
    app.wait_count("the current data kept as a fourth backup", rows, 4)
        .await;

    // A normal start now.
    let app = app.restart().await;
    app.wait_for("the pair after a restart", &pair_link(PARTNER))
        .await;
    assert_eq!(app.count(heading).await, 0, "no recovery screen");
    app.quit().await;
}

const XSS_IMG: &str = r#"<img src=x onerror="document.title='pwned'">"#;
const XSS_SCRIPT: &str = "<script>document.title='pwned'</script>";
const XSS_LINK: &str = "javascript:document.title='pwned'";

/// Asserts that nothing typed has become markup or code: no element made
/// from a payload, no `javascript:` link, and the title untouched.
async fn assert_inert(app: &App, step: &str) {
    assert_eq!(
        app.count("//img[@src='x'] | //img[contains(@onerror, 'pwned')]")
            .await,
        0,
        "{step}: an <img> made from typed text"
    );
    assert_eq!(
        app.count("//script[contains(., 'pwned')]").await,
        0,
        "{step}: a <script> made from typed text"
    );
    assert_eq!(
        app.count(
            "//*[starts-with(translate(normalize-space(@href), 'JAVSCRIPT', 'javscript'), 'javascript:')]"
        )
        .await,
        0,
        "{step}: a javascript: link"
    );
    let title = app.title().await;
    assert!(
        !title.contains("pwned") && title.ends_with("Trellis"),
        "{step}: the title became {title:?}"
    );
    let marker = app
        .script("return document.querySelectorAll('[onerror], [onload], [onclick]').length")
        .await;
    assert_eq!(marker, 0, "{step}: an inline event handler in the page");
}

/// Issue 6: every field a person fills takes the three payloads and shows
/// them back as the literal text typed: no element is made from them, no
/// script runs, no `javascript:` link appears; a `javascript:` evidence link
/// is refused; and the window never navigates away from the app.
#[tokio::test]
async fn xss_payloads_typed_into_every_field_are_shown_as_inert_text() {
    let app = App::launch("xss").await;
    app.wait_visible("the empty Home", &text("No pairs yet"))
        .await;

    // Partner name.
    let partner = format!("Ada {XSS_IMG}");
    create_pair(&app, &partner, None).await;
    app.wait_for("the payload as the pair's name", &pair_heading(&partner))
        .await;
    assert_inert(&app, "partner name").await;

    // Goal title, why, milestone.
    let goal = format!("Goal {XSS_SCRIPT}");
    let why = format!("Why {XSS_IMG} {XSS_LINK}");
    let milestone = format!("Milestone {XSS_LINK}");
    open_tab(&app, "Goals").await;
    app.click_button("Add goal").await;
    let d = dialog("Add goal");
    app.fill("Title", &field_in(&d, "Title"), &goal).await;
    app.fill(
        "Why it matters",
        &optional_field_in(&d, "Why it matters"),
        &why,
    )
    .await;
    app.fill_lines("Milestones", &field_in(&d, "Milestones"), &[&milestone])
        .await;
    app.click("Save goal", &button_in(&d, "Save goal")).await;
    app.wait_gone("the goal dialog to close", &d).await;
    app.wait_for(
        "the goal title as text",
        &format!("//h3[normalize-space()={}]", lit(&goal)),
    )
    .await;
    app.wait_for("the why as text", &containing(&why)).await;
    app.wait_for(
        "the milestone as text",
        &format!("//label[normalize-space()={}]", lit(&milestone)),
    )
    .await;
    assert_inert(&app, "goal").await;
    app.screenshot("1-goal").await;

    // Meeting agenda, shared notes, action item.
    let agenda = format!("Agenda {XSS_IMG}");
    let notes = format!("Notes {XSS_SCRIPT}");
    let action = format!("Action {XSS_LINK}");
    open_tab(&app, "Meetings").await;
    app.click_button("Log meeting").await;
    let d = dialog("Log meeting");
    app.wait_for("the Log meeting dialog", &d).await;
    app.fill("Agenda", &field_in(&d, "Agenda"), &agenda).await;
    app.fill(
        "Shared notes",
        &optional_field_in(&d, "Shared notes"),
        &notes,
    )
    .await;
    app.fill("Action item", &field_in(&d, "Action item"), &action)
        .await;
    app.click("Save meeting", &button_in(&d, "Save meeting"))
        .await;
    app.wait_gone("the meeting dialog to close", &d).await;
    app.wait_for("the agenda as text", &containing(&agenda))
        .await;
    app.wait_for("the notes as text", &containing(&notes)).await;
    app.wait_for(
        "the action item as text",
        &format!("{NEXT_MEETING}//label[normalize-space()={}]", lit(&action)),
    )
    .await;
    assert_inert(&app, "meeting").await;
    app.screenshot("2-meeting").await;

    // A note.
    let note = format!("Note {XSS_IMG} {XSS_SCRIPT} {XSS_LINK}");
    open_tab(&app, "Notes").await;
    app.click_button("Add note").await;
    let d = dialog("Add note");
    app.fill("Note", &field_in(&d, "Note"), &note).await;
    app.click("Save note", &button_in(&d, "Save note")).await;
    app.wait_gone("the note dialog to close", &d).await;
    app.wait_for("the note as text", &containing(&note)).await;

    // Quick note.
    let quick = format!("Quick {XSS_SCRIPT}");
    let q = dialog("Quick note");
    app.press_ctrl('n').await;
    app.wait_for("the Quick note dialog", &q).await;
    app.fill("Note", &field_in(&q, "Note"), &quick).await;
    app.click("Save note", &button_in(&q, "Save note")).await;
    app.wait_gone("the Quick note dialog to close", &q).await;
    app.wait_for("the quick note as text", &containing(&quick))
        .await;
    assert_inert(&app, "notes").await;
    app.screenshot("3-notes").await;

    // Our own criterion; a javascript: evidence link is refused, and a web
    // link with markup in it is kept as text.
    let criterion = format!("Criterion {XSS_IMG}");
    open_tab(&app, "Graduation").await;
    app.fill(
        "Add your own criterion",
        &field_in(TAB_PANEL, "Add your own criterion"),
        &criterion,
    )
    .await;
    app.click_button("Add criterion").await;
    app.wait_for("the criterion as text", &containing(&criterion))
        .await;
    let mark = format!("{TAB_PANEL}{}", button("Mark met"));
    let d = dialog("Mark met");
    app.click("the first Mark met", &format!("({mark})[1]"))
        .await;
    app.wait_for("the Mark met dialog", &d).await;
    app.fill("Evidence link", &field_in(&d, "Evidence link"), XSS_LINK)
        .await;
    app.click("Mark as met", &button_in(&d, "Mark as met"))
        .await;
    let message = app
        .text_of(
            "the message under Evidence link",
            &field_error_in(&d, "Evidence link"),
        )
        .await;
    assert!(message.contains("not a web link"), "got {message:?}");
    let evidence = "https://review.opendev.org/?q=\"><img/src=x/onerror=document.title='pwned'><script>document.title='pwned'</script>";
    app.fill("Evidence link", &field_in(&d, "Evidence link"), evidence)
        .await;
    app.click("Mark as met", &button_in(&d, "Mark as met"))
        .await;
    app.wait_gone("the Mark met dialog to close", &d).await;
    app.wait_for(
        "the evidence link, as text",
        &format!("{TAB_PANEL}//a[normalize-space()={}]", lit(evidence)),
    )
    .await;
    assert_inert(&app, "graduation").await;
    app.screenshot("4-graduation").await;

    // Search: the payload typed in the box, and stored payloads in the hits.
    app.click(
        "Search",
        "//nav[@aria-label='Main']//a[normalize-space()='Search']",
    )
    .await;
    let search_box = "//input[@type='search']";
    app.fill("the search box", search_box, XSS_IMG).await;
    app.wait_for(
        "the search to answer",
        "//p[@role='status'][normalize-space()!='']",
    )
    .await;
    assert_inert(&app, "search for markup").await;
    app.fill("the search box", search_box, "pwned").await;
    app.wait_for(
        "hits showing the stored payloads as text",
        &format!(
            "//ol[@aria-label='Results']{}",
            containing("document.title=")
        ),
    )
    .await;
    assert_inert(&app, "search hits").await;
    app.screenshot("5-search").await;

    // Loaded afresh, everything is still inert.
    app.reload().await;
    app.click("the pair", &pair_link(&partner)).await;
    app.wait_for("the pair's screen", &pair_heading(&partner))
        .await;
    for tab_name in ["Overview", "Goals", "Meetings", "Notes", "Graduation"] {
        open_tab(&app, tab_name).await;
        assert_inert(&app, tab_name).await;
    }

    // The window does not leave the app, whatever a page asks.
    // A refused local port: were the navigation let through, its error page
    // would load at once (and nothing leaves this machine); cancelled,
    // nothing loads and "navigate to" gives up after the short timeout.
    let before = app.url().await;
    assert!(before.starts_with("tauri://localhost"), "{before}");
    let asked = app
        .navigate("http://127.0.0.1:9/away", std::time::Duration::from_secs(3))
        .await;
    assert_eq!(
        app.url().await,
        before,
        "still on the app's page ({asked:?})"
    );
    app.wait_for("the pair's screen, still there", &pair_heading(&partner))
        .await;
    app.screenshot("6-after-reload").await;

    app.quit().await;
}

/// The exact text the check-in's preview shows (its `<pre>`).
const SURVEY_PREVIEW: &str = "//pre[@aria-label='Survey file text']";

/// The value of the Organizer's summary figure `term` (Responses, Left out…).
fn report_fact(term: &str) -> String {
    format!(
        "//dl//dt[normalize-space()={}]/following-sibling::dd",
        lit(term)
    )
}

/// Tells the UI's dialog helpers (ui/src/lib/ipc.ts) which path the next
/// native dialog would have given. WebDriver cannot drive the GTK file
/// dialogs, so only end-to-end tests set `window.__TRELLIS_E2E__`, and only
/// the build run.sh makes for them (ui/dist-e2e, cargo feature `e2e`) passes
/// it to the shell; any other build ignores it and opens the real dialogs.
async fn stand_in_for_dialogs(
    app: &App,
    save: Option<&std::path::Path>,
    open: Option<&std::path::Path>,
) {
    let path = |p: Option<&std::path::Path>| {
        p.map_or(serde_json::Value::Null, |p| {
            serde_json::Value::from(p.to_str().expect("a UTF-8 temporary path"))
        })
    };
    app.execute(
        "standing in for the native dialogs",
        "window.__TRELLIS_E2E__ = { savePath: arguments[0] ?? undefined, openPath: arguments[1] ?? undefined };",
        vec![path(save), path(open)],
    )
    .await;
}

/// From Home, creates a pair in which I am the mentee of `partner` in the
/// first-patch cohort, matched `days_ago` days ago, and waits until it is open.
async fn create_pair_matched(app: &App, partner: &str, days_ago: u32) {
    app.click_button("Create your first pair").await;
    let d = dialog("New pair");
    app.wait_for("the New pair dialog", &d).await;
    app.click("the role Mentee", &radio_in(&d, "Your role", "Mentee"))
        .await;
    app.fill("Partner name", &field_in(&d, "Partner name"), partner)
        .await;
    app.choose("Program", &field_in(&d, "Program"), PROGRAM)
        .await;
    app.choose("Cohort", &field_in(&d, "Cohort"), COHORT).await;
    // The local calendar day `days_ago` days before today, as the date picker gives it.
    let matched = app
        .execute(
            "the match date",
            "const d = new Date(); d.setDate(d.getDate() - arguments[0]); \
             const p = (n) => String(n).padStart(2, '0'); \
             return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;",
            vec![days_ago.into()],
        )
        .await;
    let matched = matched.as_str().expect("a date");
    app.set_native_value("Match date", &field_in(&d, "Match date"), matched)
        .await;
    app.click("Create pair", &button_in(&d, "Create pair"))
        .await;
    app.wait_gone("the New pair dialog to close", &d).await;
    app.wait_for("the new pair's screen", &pair_heading(partner))
        .await;
}

/// Issue 4: a check-in comes due 90 days after the match → the questions are
/// answered (suggestions from the log kept, one "prefer not to say") → the
/// preview shows the survey file's exact text, a comment goes in only after
/// consent → the file saved is exactly the text shown → the Organizer view
/// reports it, and names a broken file it left out (with K = 1, below the
/// pack's minimum, under a warning).
#[tokio::test]
async fn a_due_checkin_is_answered_previewed_saved_and_reported() {
    let app = App::launch("checkin").await;
    let files = tempfile::tempdir().expect("a folder for the survey files");
    let surveys = files.path().join("surveys");
    std::fs::create_dir(&surveys).expect("the survey folder");
    app.wait_visible("the empty Home", &text("No pairs yet"))
        .await;

    create_pair_matched(&app, PARTNER, 88).await;
    app.wait_for(
        "the pair to say the check-in is due",
        &containing("Check-in due in 2 days"),
    )
    .await;

    // The form: every question for a mentee, the log's suggestions filled in.
    open_tab(&app, "Check-in").await;
    let questions = format!("{TAB_PANEL}//fieldset[legend]");
    app.wait_for("the check-in questions", &questions).await;
    // 14: the early-end reason is asked only once "Ended early" is chosen.
    assert_eq!(
        app.count(&questions).await,
        14,
        "the questions for a mentee"
    );
    assert_eq!(
        app.count(&format!(
            "{TAB_PANEL}//p[normalize-space()='Suggested from your log']"
        ))
        .await,
        5,
        "role, meetings, goal progress, pair status and the criteria are suggested"
    );
    app.screenshot("1-form").await;

    // Saving with questions unanswered marks them and saves nothing (the
    // question about an early end is not even shown to a pair that did not end).
    app.click_button("Save answers and preview").await;
    app.wait_for(
        "the unanswered questions to be named",
        &containing("9 questions need an answer"),
    )
    .await;
    app.wait_for(
        "the message on the first unanswered question",
        &format!(
            "{TAB_PANEL}//fieldset[legend[starts-with(normalize-space(), 'How often do you')]]{}",
            containing("Choose an answer, or “Prefer not to say”.")
        ),
    )
    .await;

    for (question, answer) in [
        ("How often do you and your partner have real-time check-ins (video, chat, IRC or in person)?", "Weekly"),
        ("How long does your partner usually take to respond to you?", "About a day"),
        ("How satisfied are you with the mentoring relationship?", "4"),
        ("We agreed clear goals and expectations.", "Prefer not to say"),
        ("Action items we agree on get followed up.", "5 (Strongly agree)"),
        ("Do you expect to keep working together after the program ends?", "Yes"),
        ("How likely are you to recommend this mentoring program to a friend or colleague?", "9"),
        ("Do you feel more confident contributing to the project than before the program?", "Yes"),
        ("What has been the biggest obstacle in your mentorship?", "Time zones"),
    ] {
        let option = radio_in(TAB_PANEL, question, answer);
        app.scroll_to(&format!("“{answer}” for “{question}”"), &option)
            .await;
        app.click(&format!("“{answer}” for “{question}”"), &option)
            .await;
    }
    app.wait_gone(
        "the unanswered questions' messages",
        &containing("need an answer"),
    )
    .await;
    app.click_button("Save answers and preview").await;

    // The preview: the exact text, and what it holds in plain words.
    app.wait_for(
        "the survey file's text",
        &format!("{SURVEY_PREVIEW}[contains(., '\"format\": \"trellis-survey\"')]"),
    )
    .await;
    app.wait_for(
        "the account of what leaves",
        &text("No names, notes, dates or links — only these answers."),
    )
    .await;
    app.screenshot("2-preview").await;

    // A comment goes in only once consent is ticked.
    let comment = "The weekly calls kept me going.";
    app.click_button("Add a comment").await;
    app.fill(
        "the comment",
        &field_in(TAB_PANEL, "Comment for the organizers"),
        comment,
    )
    .await;
    assert_eq!(
        app.count(&format!("{SURVEY_PREVIEW}[contains(., 'weekly calls')]"))
            .await,
        0,
        "no comment without consent"
    );
    // My name, only so the comment is checked not to carry it (never kept).
    app.fill("my name", &field_in(TAB_PANEL, "Your name"), "Ada Mbeki")
        .await;
    app.click(
        "the consent box",
        "//label[normalize-space()='Include this comment in the survey file']",
    )
    .await;
    app.wait_for(
        "the comment in the preview",
        &format!(
            "{SURVEY_PREVIEW}[contains(., {})]",
            lit(&format!("\"comment\": \"{comment}\""))
        ),
    )
    .await;
    app.screenshot("3-preview-with-comment").await;

    let shown = app
        .execute(
            "reading the preview",
            "return document.querySelector(\"pre[aria-label='Survey file text']\").textContent;",
            vec![],
        )
        .await;
    let shown = shown.as_str().expect("the preview's text").to_string();
    assert!(
        !shown.contains("Ada") && !shown.contains("Lovelace"),
        "no names: {shown}"
    );
    assert!(shown.contains("\"satisfaction\": 4"), "{shown}");
    assert!(
        shown.contains("\"clear-goals\": \"prefer-not-to-say\""),
        "{shown}"
    );

    // Saved through the (stood-in) save dialog: exactly the bytes shown.
    let survey = surveys.join("trellis-checkin-openstack-mentoring-1.json");
    stand_in_for_dialogs(&app, Some(&survey), None).await;
    app.click_button("Save survey file…").await;
    app.wait_for("the check-in to be done", &text("Check-in 1 is done"))
        .await;
    let written = std::fs::read_to_string(&survey).expect("the survey file");
    assert_eq!(written, shown, "the file holds exactly the previewed text");
    app.wait_for(
        "the check-in listed as saved",
        &format!("{TAB_PANEL}{}", containing("Survey file saved")),
    )
    .await;
    app.screenshot("4-done").await;

    // The Organizer reads the folder, with a file that is no survey beside it.
    std::fs::write(surveys.join("meeting-notes.json"), "{ \"notes\": ").expect("a broken file");
    app.click(
        "Organizer",
        "//nav[@aria-label='Main']//a[normalize-space()='Organizer']",
    )
    .await;
    stand_in_for_dialogs(&app, None, Some(&surveys)).await;
    app.click_button("Choose folder…").await;
    app.wait_for(
        "the report of the program",
        &format!("//h2[normalize-space()={}]", lit(PROGRAM)),
    )
    .await;
    assert_eq!(
        app.text_of("Files read", &report_fact("Files read")).await,
        "2"
    );
    assert_eq!(app.text_of("Left out", &report_fact("Left out")).await, "1");
    assert_eq!(
        app.text_of("Responses", &report_fact("Responses")).await,
        "fewer than 5",
        "one response is hidden at the pack's minimum group size"
    );
    app.wait_for(
        "the broken file, named with its reason",
        &format!(
            "//section[.//h2[contains(., 'left out')]]//li[.//*[normalize-space()='meeting-notes.json']]{}",
            containing("Not valid JSON")
        ),
    )
    .await;
    app.screenshot("5-organizer").await;

    // K = 1: the one response shows, under a warning.
    app.fill(
        "Minimum group size",
        &field_in("//main", "Minimum group size"),
        "1",
    )
    .await;
    app.click_button("Apply").await;
    app.wait_for(
        "the warning about small groups",
        &text("Showing groups as small as 1 — below the program’s minimum of 5"),
    )
    .await;
    assert_eq!(
        app.text_of("Responses", &report_fact("Responses")).await,
        "1"
    );
    let satisfied = "//section[.//h3[normalize-space()='How satisfied are you with the mentoring relationship?']]";
    assert_eq!(
        app.text_of(
            "the satisfaction answer 4",
            &format!("{satisfied}//tr[th[normalize-space()='4']]/td"),
        )
        .await,
        "1 · 100%",
        "my answer is counted (with its share of the answers)"
    );
    app.screenshot("6-organizer-k1").await;
    app.scroll_to("the satisfaction chart", satisfied).await;
    app.screenshot("7-organizer-charts").await;

    // The HTML report is saved where the (stood-in) dialog says.
    let html = files.path().join("report.html");
    stand_in_for_dialogs(&app, Some(&html), None).await;
    app.click_button("Save HTML report…").await;
    app::poll(
        "the HTML report to be written",
        std::time::Duration::from_secs(15),
        || async {
            Ok(std::fs::read_to_string(&html)
                .ok()
                .filter(|s| s.starts_with("<!DOCTYPE html>")))
        },
    )
    .await;

    app.quit().await;
}

/// Issue 5: the pair made on one machine is shared with the partner's by an
/// invite file; an update file from the partner brings their goal back. Two
/// windows, each on its own data directory (two installations).
#[tokio::test]
async fn an_invited_partner_adds_a_goal_and_the_update_file_brings_it_back_sync() {
    let files = tempfile::tempdir().expect("a folder for the files that travel");
    let invite = files.path().join("pair.trellis-invite");
    let update = files.path().join("from-mentor.trellis-sync");
    let me = "Sam Okafor";
    let sync = dialog(&format!("Sync with {PARTNER}"));

    // A (the mentee): a pair, then an invite in my name.
    let a = App::launch("sync-a").await;
    a.wait_visible("the empty Home", &text("No pairs yet"))
        .await;
    create_pair(&a, PARTNER, None).await;
    a.click_button("Sync").await;
    a.wait_visible("the Sync dialog", &sync).await;
    a.wait_for(
        "not shared yet",
        &format!("{sync}{}", containing("Not shared yet")),
    )
    .await;
    a.click("Invite partner…", &button_in(&sync, "Invite partner…"))
        .await;
    a.fill(
        "my name",
        &field_in(&sync, &format!("Your name, as {PARTNER} will see it")),
        me,
    )
    .await;
    a.screenshot("1-invite-form").await;
    stand_in_for_dialogs(&a, Some(&invite), None).await;
    a.click("Save invite…", &button_in(&sync, "Save invite…"))
        .await;
    a.wait_for(
        "the invite saved",
        &format!("{sync}{}", containing("Invite saved to")),
    )
    .await;
    assert!(invite.is_file(), "the invite is where the dialog said");
    // The one-time code, told another way than the file.
    let said = a
        .text_of(
            "the one-time code",
            &format!("{sync}{}", containing("One-time code: ")),
        )
        .await;
    let code: String = said
        .split("One-time code: ")
        .nth(1)
        .expect("a code")
        .chars()
        .take(14)
        .collect();
    a.screenshot("2-invite-saved").await;

    // B (the mentor, another installation): open the invite with its code,
    // see what it holds, join, save the answer; add a goal, send.
    let answer = files.path().join("answer.trellis-answer");
    let b = App::launch("sync-b").await;
    b.wait_visible("the empty Home", &text("No pairs yet"))
        .await;
    stand_in_for_dialogs(&b, Some(&answer), Some(&invite)).await;
    b.click_button("Open invite…").await;
    let join = dialog("Join a pair");
    b.wait_visible("the Join dialog", &join).await;
    b.fill("the code", &field_in(&join, "One-time code"), &code)
        .await;
    b.click("Open invite", &button_in(&join, "Open invite"))
        .await;
    b.wait_for(
        "what the invite holds, before anything is written",
        &format!("{join}{}", containing("Nothing is written until you join")),
    )
    .await;
    b.click(
        "Join and save the answer…",
        &button_in(&join, "Join and save the answer…"),
    )
    .await;
    // The preview already shows the safety code; joining is done when the
    // dialog offers to open the pair.
    b.wait_for("the joined pair", &button_in(&join, "Open the pair"))
        .await;
    b.wait_for(
        "the safety code",
        &format!("{join}{}", containing("Safety code:")),
    )
    .await;
    assert!(answer.is_file(), "the answer is where the dialog said");
    b.click("Open the pair", &button_in(&join, "Open the pair"))
        .await;
    b.wait_for("the joined pair's screen", &pair_heading(me))
        .await;
    b.wait_for(
        "my role mirrored",
        &containing(&format!(
            "You’re the mentor · {} is your mentee",
            me.split(' ').next().unwrap()
        )),
    )
    .await;
    b.screenshot("3-invite-accepted").await;
    let goal = "Review one patch from another contributor";
    open_tab(&b, "Goals").await;
    b.click_button("Add goal").await;
    let d = dialog("Add goal");
    b.fill("Title", &field_in(&d, "Title"), goal).await;
    b.click("Save goal", &button_in(&d, "Save goal")).await;
    b.wait_gone("the goal dialog to close", &d).await;
    let b_sync = dialog(&format!("Sync with {me}"));
    b.click_button("Sync").await;
    b.wait_visible("B's Sync dialog", &b_sync).await;
    stand_in_for_dialogs(&b, Some(&update), None).await;
    b.click("Send update…", &button_in(&b_sync, "Send update…"))
        .await;
    b.wait_for(
        "the update saved",
        &format!("{b_sync}{}", containing("Update saved to")),
    )
    .await;
    assert!(update.is_file(), "the update is where the dialog said");
    b.screenshot("4-update-sent").await;
    b.quit().await;

    // A receives the answer (the pair is paired), then the update.
    stand_in_for_dialogs(&a, None, Some(&answer)).await;
    a.click("Receive update…", &button_in(&sync, "Receive update…"))
        .await;
    a.wait_for(
        "paired: the safety code",
        &format!("{sync}{}", containing("Safety code:")),
    )
    .await;
    // A receives it: the partner's goal is here.
    stand_in_for_dialogs(&a, None, Some(&update)).await;
    a.click("Receive update…", &button_in(&sync, "Receive update…"))
        .await;
    a.wait_for(
        "what the update changed",
        &format!(
            "{sync}{}",
            containing(&format!("Received from {PARTNER}: "))
        ),
    )
    .await;
    a.wait_for(
        "the last sync time",
        &format!("{sync}{}", containing("Last synced")),
    )
    .await;
    a.screenshot("5-update-received").await;
    a.click("Close", &button_in(&sync, "Close")).await;
    a.wait_gone("the Sync dialog to close", &sync).await;
    open_tab(&a, "Goals").await;
    a.wait_for(
        "the partner's goal",
        &format!(
            "{TAB_PANEL}//article[.//h3[normalize-space()={}]]",
            lit(goal)
        ),
    )
    .await;
    a.screenshot("6-partner-goal-here").await;

    // The same file again changes nothing.
    a.click_button("Sync").await;
    a.wait_visible("the Sync dialog", &sync).await;
    a.click("Receive update…", &button_in(&sync, "Receive update…"))
        .await;
    a.wait_for(
        "up to date",
        &format!("{sync}{}", containing("Already up to date")),
    )
    .await;
    a.quit().await;
}
