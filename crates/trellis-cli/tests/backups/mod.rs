//! The CLI: backups.

use super::*;

fn partner_names(env: &Env) -> Vec<String> {
    let v = env.json(&["pair", "list"]);
    let mut names: Vec<String> = arr(&v)
        .iter()
        .map(|p| s(&p["partnerName"]).to_string())
        .collect();
    names.sort();
    names
}

#[test]
fn backup_now_list_and_restore_bring_back_what_was_there() {
    let env = Env::new();
    env.pair("Ada");
    let made = env.json(&["backup", "now"]);
    assert_eq!(s(&made["kind"]), "manual");
    let name = s(&made["name"]).to_string();
    env.pair("Grace");

    let list = env.json(&["backup", "list"]);
    assert!(arr(&list).iter().any(|b| s(&b["name"]) == name), "{list}");
    let text = env.ok(&["backup", "list"]);
    assert_contains(&text, &[&name, "manual", "NAME", "KIND"]);

    let out = env.ok(&["backup", "restore", &name]);
    assert_contains(&out, &["Restored", &name, "kept as", "pre-restore"]);
    assert_eq!(partner_names(&env), ["Ada"]);
    let list = env.json(&["backup", "list"]);
    assert!(
        arr(&list).iter().any(|b| s(&b["kind"]) == "pre_restore"),
        "{list}"
    );
}

#[test]
fn restoring_a_backup_that_does_not_exist_is_refused_and_changes_nothing() {
    let env = Env::new();
    env.pair("Ada");
    let err = env.refused(&[
        "backup",
        "restore",
        "trellis-2020-01-01T00-00-00.000Z-daily.db",
    ]);
    assert_contains(&err, &["no backup matches"]);
    let err = env.refused(&["backup", "restore", "../trellis.db"]);
    assert_contains(&err, &["not the name of a backup"]);
}

#[test]
fn a_damaged_database_is_refused_at_open_and_a_backup_restores_it() {
    let env = Env::new();
    env.pair("Ada");
    let name = s(&env.json(&["backup", "now"])["name"]).to_string();
    let db = env.dir().join(util::DB_FILE);
    let mut bytes = std::fs::read(&db).unwrap();
    bytes[4096..3 * 4096].fill(0xA5);
    std::fs::write(&db, &bytes).unwrap();

    let out = env.cmd(&["pair", "list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_contains(
        &err,
        &["error: the database", "damaged", "trellis backup restore"],
    );
    assert_eq!(
        std::fs::read(&db).unwrap(),
        bytes,
        "the damaged file was written to"
    );

    env.ok(&["backup", "restore", &name]);
    assert_eq!(partner_names(&env), ["Ada"]);
}

#[test]
fn the_days_backup_is_made_once_after_a_command_has_answered() {
    let env = Env::new();
    // The add leaves data worth keeping: today's backup follows its answer
    // (`ok` also checks that nothing was said on stderr).
    env.pair("Ada");
    let dailies = |env: &Env| {
        let list = env.json(&["backup", "list"]);
        arr(&list)
            .iter()
            .filter(|b| s(&b["kind"]) == "daily")
            .count()
    };
    assert_eq!(dailies(&env), 1);
    env.pair("Grace");
    assert_eq!(partner_names(&env), ["Ada", "Grace"]);
    assert_eq!(dailies(&env), 1, "one a day");
}

#[test]
fn a_new_data_dir_has_no_backups_and_says_how_to_make_one() {
    let env = Env::new();
    assert_eq!(env.json(&["backup", "list"]), serde_json::json!([]));
    assert_contains(
        &env.ok(&["backup", "list"]),
        &["No backups", "trellis backup now"],
    );
}
