//! The CLI: the data dir.

use super::*;

#[test]
fn trellis_data_dir_is_honoured_and_data_dir_overrides_it() {
    let env = Env::new();
    let from_env = env.root().join("from-env");
    let from_flag = env.root().join("from-flag");

    trellis()
        .env("TRELLIS_DATA_DIR", &from_env)
        .args([
            "pair",
            "add",
            "--role",
            "mentor",
            "--partner",
            "Env Pair",
            "--cohort",
            "coa",
        ])
        .assert()
        .success();
    assert!(from_env.join(util::DB_FILE).is_file());

    trellis()
        .env("TRELLIS_DATA_DIR", &from_env)
        .arg("--data-dir")
        .arg(&from_flag)
        .args([
            "pair",
            "add",
            "--role",
            "mentor",
            "--partner",
            "Flag Pair",
            "--cohort",
            "coa",
        ])
        .assert()
        .success();
    assert!(from_flag.join(util::DB_FILE).is_file());

    let list = |dir: Option<&std::path::Path>| -> String {
        let mut c = trellis();
        c.env("TRELLIS_DATA_DIR", &from_env);
        if let Some(d) = dir {
            c.arg("--data-dir").arg(d);
        }
        let out = c.args(["pair", "list"]).output().unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let via_env = list(None);
    assert_contains(&via_env, &["Env Pair"]);
    assert_lacks(&via_env, &["Flag Pair"]);
    let via_flag = list(Some(&from_flag));
    assert_contains(&via_flag, &["Flag Pair"]);
    assert_lacks(&via_flag, &["Env Pair"]);
}

#[cfg(target_os = "linux")]
#[test]
fn without_either_the_platform_data_folder_is_used() {
    let env = Env::new();
    let xdg = env.root().join("xdg-data");
    trellis()
        .env("HOME", env.root())
        .env("XDG_DATA_HOME", &xdg)
        .args([
            "pair",
            "add",
            "--role",
            "mentee",
            "--partner",
            "Home Pair",
            "--cohort",
            "coa",
        ])
        .assert()
        .success();
    assert!(xdg.join("trellis").join(util::DB_FILE).is_file());
}

#[test]
fn a_database_written_by_a_newer_trellis_is_refused_and_left_alone() {
    let env = Env::new();
    env.pair("Ana Lopez");
    let db = env.dir().join(util::DB_FILE);
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let before = env.digest();
    let out = env.cmd(&["pair", "list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("error: this database was written by a newer Trellis (schema 99"),
        "{err}"
    );
    assert_contains(&err, &["update Trellis to open it"]);
    assert_eq!(env.digest(), before, "the newer database was changed");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let v: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, 99);
}
