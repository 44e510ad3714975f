use std::path::PathBuf;

use clap::Subcommand;
use trellis_core::id::PairId;
use trellis_core::sync::{self, Side};
use trellis_core::{confirmation, Db, Resolve, Result};

use crate::output::{line, short, table, Output};

#[derive(Subcommand)]
pub enum Cmd {
    /// Write the invite file that gives your partner this pair, with new keys.
    /// It opens only with the one-time code printed here: tell your partner
    /// the code another way than the file (a call, a chat).
    Invite {
        #[arg(long)]
        pair: String,
        /// Your name, as your partner's copy will show it.
        #[arg(long)]
        my_name: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Start over with new keys for a pair that is paired already: files
        /// made with the old keys are refused from now on.
        #[arg(long)]
        re_pair: bool,
    },
    /// Show what your partner's invite holds (who, program, cohort, what it
    /// adds) without writing anything.
    Preview {
        file: PathBuf,
        /// The one-time code your partner told you.
        #[arg(long)]
        code: String,
    },
    /// Join your partner's pair: show what the invite holds and the safety
    /// code, ask, and only then make the pair and write the answer to send
    /// back (it carries your key, sealed to theirs).
    Join {
        file: PathBuf,
        /// The one-time code your partner told you.
        #[arg(long)]
        code: String,
        /// Where to write the answer for your partner.
        #[arg(long, value_name = "FILE")]
        answer: PathBuf,
        /// Join without asking (for scripts).
        #[arg(long)]
        yes: bool,
    },
    /// Make the pair your partner's invite file describes without asking
    /// (`join` shows it first), and write the answer to send back.
    Accept {
        file: PathBuf,
        /// The one-time code your partner told you.
        #[arg(long)]
        code: String,
        /// Where to write the answer for your partner.
        #[arg(long, value_name = "FILE")]
        answer: PathBuf,
    },
    /// Bring this machine's sync clock back to now when it ran more than a
    /// day ahead (a wrong system date): the partner refuses such files.
    RepairClock,
    /// Write an update file for your partner: to FILE, or your own file in a
    /// shared folder.
    Export {
        #[arg(long)]
        pair: String,
        #[arg(
            long,
            value_name = "FILE",
            required_unless_present = "folder",
            conflicts_with = "folder"
        )]
        out: Option<PathBuf>,
        /// A folder both of you sync (Syncthing, Dropbox, a network share).
        #[arg(long, value_name = "DIR")]
        folder: Option<PathBuf>,
    },
    /// Merge your partner's update file (or their answer to your invite), or
    /// every partner file in a shared folder.
    Import {
        #[arg(required_unless_present = "folder", conflicts_with = "folder")]
        file: Option<PathBuf>,
        #[arg(long, value_name = "DIR")]
        folder: Option<PathBuf>,
    },
    /// A folder both of you sync (Syncthing, Nextcloud, Dropbox, a network
    /// share): each side writes only its own encrypted file there and reads
    /// the partner's.
    #[command(subcommand)]
    Folder(FolderCmd),
    /// Changes both of you made to the same thing, to review.
    Conflicts {
        #[arg(long)]
        pair: String,
        /// Include resolved ones.
        #[arg(long)]
        all: bool,
    },
    /// Settle a conflict: keep mine or theirs.
    Resolve {
        id: i64,
        #[arg(long, value_name = "mine|theirs")]
        keep: String,
    },
    /// Whether a pair is shared, when it last heard from the partner, open conflicts.
    Status {
        #[arg(long)]
        pair: String,
    },
    /// Who confirmed which graduation criterion.
    Confirmations {
        #[arg(long)]
        pair: String,
    },
}

#[derive(Subcommand)]
pub enum FolderCmd {
    /// Sync a pair through this folder from now on (not the data folder,
    /// nor one that holds it).
    Set {
        #[arg(long)]
        pair: String,
        dir: PathBuf,
    },
    /// Stop syncing a pair through its folder (the files there stay).
    Clear {
        #[arg(long)]
        pair: String,
    },
    /// Exchange now: read the partner's file, then write mine; every pair
    /// with a folder, or one.
    Now {
        #[arg(long)]
        pair: Option<String>,
    },
}

fn folder_sync_text(f: &sync::FolderSync) -> String {
    let mut parts = vec![format!("Pair {}:", short(f.pair_id))];
    match (&f.imported, &f.refused) {
        (Some(i), _) => parts.push(imported_text(i)),
        (None, Some(why)) => parts.push(format!(
            "your partner's file was refused ({why}); nothing of it was imported"
        )),
        (None, None) => parts.push("no file from your partner yet".into()),
    }
    match (&f.written, &f.error) {
        (Some(w), _) => parts.push(format!("wrote {} ({} bytes)", w.path, w.bytes)),
        (None, Some(e)) => parts.push(format!("your file was not written ({e})")),
        (None, None) => {}
    }
    parts.join("\n  ")
}

fn run_folder(db: &Db, cmd: FolderCmd) -> Result<Output> {
    match cmd {
        FolderCmd::Set { pair, dir } => {
            let f = sync::set_folder(db, PairId::resolve(db, &pair)?, &dir)?;
            let text = format!(
                "Syncing through {}: this side writes {}, and reads {} from your partner.\n\
                 Your partner chooses the same folder on their machine. Exchange now: trellis sync folder now",
                f.path, f.my_file, f.partner_file
            );
            Output::new(&f, text)
        }
        FolderCmd::Clear { pair } => {
            let id = PairId::resolve(db, &pair)?;
            sync::clear_folder(db, id)?;
            let json = serde_json::json!({ "pairId": id, "folder": null });
            Output::new(
                &json,
                "No shared folder for this pair now; the files there stay",
            )
        }
        FolderCmd::Now { pair } => {
            let all = match pair {
                Some(p) => vec![sync::sync_folder(db, PairId::resolve(db, &p)?)?],
                None => sync::sync_folders(db)?,
            };
            for f in &all {
                if let Some(why) = &f.refused {
                    eprintln!("warning: your partner's file was refused ({why}); nothing of it was imported");
                }
            }
            let text = if all.is_empty() {
                "No pair has a shared folder: trellis sync folder set --pair ID DIR".to_string()
            } else {
                all.iter()
                    .map(folder_sync_text)
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            Output::new(&all, text)
        }
    }
}

fn imported_text(i: &sync::Imported) -> String {
    if i.up_to_date {
        return format!("Up to date: nothing new from {}", i.partner_name);
    }
    let mut s = format!(
        "Imported from {}: {} added, {} changed, {} removed",
        i.partner_name, i.inserted, i.updated, i.deleted
    );
    if i.new_conflicts > 0 {
        s.push_str(&format!(
            "\n{} conflict(s) to review: trellis sync conflicts --pair {}",
            i.new_conflicts,
            short(i.pair_id)
        ));
    }
    s
}

fn value_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => "—".into(),
        serde_json::Value::String(s) => line(s, 40),
        v => v.to_string(),
    }
}

fn read(file: &std::path::Path) -> Result<Vec<u8>> {
    std::fs::read(file).map_err(|e| {
        trellis_core::Error::io(
            trellis_core::IoOp::Read,
            format!("cannot read {}", file.display()),
            e,
        )
    })
}

/// What an invite holds, in words.
fn preview_text(p: &sync::InvitePreview) -> String {
    let mut s = format!(
        "{} ({}) invites you as the {} to a pair in {} — {}.\n\
         It adds {} goal(s), {} meeting(s), {} shared note(s), {} criteria{}{}.",
        p.inviter_name,
        p.inviter_role.as_str(),
        p.my_role.as_str(),
        p.program_name,
        p.cohort_name,
        p.goals,
        p.meetings,
        p.notes,
        p.criteria,
        if p.new_program {
            ", and the program itself"
        } else {
            ""
        },
        if p.re_pair {
            "; the pair is here already: joining starts over with new keys"
        } else {
            ""
        }
    );
    if let Some(code) = &p.safety_code {
        s.push_str(&format!(
            "\nSafety code: {code}\n\
             Your partner's screen shows the same code once you join: compare it once (a call, a chat)."
        ));
    }
    s
}

fn accepted_text(a: &sync::Accepted, answer: &std::path::Path) -> String {
    format!(
        "Joined: you are the {} in the pair with {} ({}); {} item(s) came with it.\n\
         Safety code: {}\n\
         Compare it with your partner's once (a call, a chat): the same code means no one stands between you.\n\
         Send them the answer: {}",
        a.pair.my_role.as_str(),
        a.pair.partner_name,
        short(a.pair.id),
        a.inserted,
        a.safety_code,
        answer.display()
    )
}

/// Ask a yes/no question on stderr; anything but y or yes (or no answer) is no.
fn confirm(question: &str) -> Result<bool> {
    use std::io::Write;
    eprint!("{question}");
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).map_err(|e| {
        trellis_core::Error::io(trellis_core::IoOp::Read, "cannot read the answer", e)
    })?;
    Ok(matches!(
        line.trim().to_ascii_lowercase().as_str(),
        "y" | "yes"
    ))
}

pub fn run(db: &Db, cmd: Cmd) -> Result<Output> {
    // The live database must not sit in a folder a sync tool copies around.
    if let Some(w) = db
        .path()
        .and_then(|p| p.parent())
        .and_then(sync::synced_folder_warning)
    {
        eprintln!("warning: {w}");
    }
    if !matches!(cmd, Cmd::RepairClock) {
        if let Some(ms) = sync::clock_ahead(db)? {
            eprintln!(
                "warning: this machine's sync clock is {} hours ahead; your partner refuses its files. \
                 Check the date and time, then run `trellis sync repair-clock`",
                ms / 3_600_000
            );
        }
    }
    match cmd {
        Cmd::Invite {
            pair,
            my_name,
            out,
            re_pair,
        } => {
            let id = PairId::resolve(db, &pair)?;
            let (w, inv) = sync::invite_to(db, id, &my_name, re_pair, &out)?;
            let text = format!(
                "Wrote the invite to {} ({} bytes).\n\
                 One-time code: {}\n\
                 Tell your partner the code another way than the file (a call, a chat); the file alone opens nothing.\n\
                 They run: trellis sync accept FILE --code CODE --answer ANSWER\n\
                 Then import their answer: trellis sync import ANSWER",
                w.path, w.bytes, inv.code
            );
            let json = serde_json::json!({
                "pairId": w.pair_id, "path": w.path, "bytes": w.bytes, "code": inv.code,
            });
            Output::new(&json, text)
        }
        Cmd::Preview { file, code } => {
            let p = sync::preview_invite(db, &read(&file)?, &code)?;
            let text = format!(
                "{}\nNothing was written. Join: trellis sync join FILE --code CODE --answer ANSWER",
                preview_text(&p)
            );
            Output::new(&p, text)
        }
        Cmd::Join {
            file,
            code,
            answer,
            yes,
        } => {
            let key = sync::JoinKey::new()?;
            let bytes = read(&file)?;
            let p = sync::preview_join(db, &bytes, &code, &key)?;
            eprintln!("{}", preview_text(&p));
            if !yes && !confirm("Join this pair? [y/N] ")? {
                return Err(trellis_core::Error::Conflict(
                    trellis_core::Clash::NotJoined,
                ));
            }
            let a = sync::accept_file(db, &file, &code, &key, &answer)?;
            Output::new(&a, accepted_text(&a, &answer))
        }
        Cmd::Accept { file, code, answer } => {
            let a = sync::accept_file(db, &file, &code, &sync::JoinKey::new()?, &answer)?;
            Output::new(&a, accepted_text(&a, &answer))
        }
        Cmd::RepairClock => {
            let r = sync::repair_clock(db)?;
            let text = if r.was_ahead_ms > 0 {
                format!(
                    "The sync clock was {} hours ahead; {} stamp(s) moved back to now. Export again.",
                    r.was_ahead_ms / 3_600_000,
                    r.restamped
                )
            } else {
                "The sync clock was not ahead; nothing changed".to_string()
            };
            Output::new(&r, text)
        }
        Cmd::Export { pair, out, folder } => {
            let id = PairId::resolve(db, &pair)?;
            let w = match (out, folder) {
                (_, Some(dir)) => sync::export_to_folder(db, id, &dir)?,
                (Some(path), None) => sync::export_to(db, id, &path)?,
                (None, None) => {
                    return Err(trellis_core::Error::invalid(
                        "export",
                        trellis_core::Reason::usage("give --out FILE or --folder DIR"),
                    ))
                }
            };
            let text = format!("Wrote {} ({} bytes)", w.path, w.bytes);
            Output::new(&w, text)
        }
        Cmd::Import { file, folder } => match (file, folder) {
            (_, Some(dir)) => {
                let all = sync::import_folder(db, &dir)?;
                let mut text = String::new();
                for f in &all {
                    match (&f.imported, &f.refused) {
                        (Some(i), _) => {
                            text.push_str(&format!("{}: {}\n", f.path, imported_text(i)))
                        }
                        (None, Some(why)) => {
                            eprintln!(
                                "warning: {} was refused ({why}); nothing of it was imported",
                                f.path
                            );
                        }
                        _ => {}
                    }
                }
                if all.is_empty() {
                    text = format!("No update files from a partner in {}", dir.display());
                }
                Output::new(&all, text)
            }
            (Some(path), None) => {
                let head = {
                    use std::io::Read;
                    let mut buf = [0u8; 32];
                    let n = std::fs::File::open(&path)
                        .and_then(|mut f| f.read(&mut buf))
                        .map_err(|e| {
                            trellis_core::Error::io(
                                trellis_core::IoOp::Read,
                                format!("cannot read {}", path.display()),
                                e,
                            )
                        })?;
                    buf[..n].to_vec()
                };
                if sync::file_kind(&head) == Some("answer") {
                    let a = sync::import_answer_file(db, &path)?;
                    let text = format!(
                        "Paired with {}: update files can go both ways now.\n\
                         Safety code: {}\n\
                         Compare it with your partner's once (a call, a chat): the same code means no one stands between you.",
                        a.partner_name, a.safety_code
                    );
                    return Output::new(&a, text);
                }
                let i = sync::import_file(db, &path)?;
                let text = imported_text(&i);
                Output::new(&i, text)
            }
            (None, None) => Err(trellis_core::Error::invalid(
                "import",
                trellis_core::Reason::usage("give FILE or --folder DIR"),
            )),
        },
        Cmd::Folder(f) => run_folder(db, f),
        Cmd::Conflicts { pair, all } => {
            let list = sync::conflicts(db, PairId::resolve(db, &pair)?, all)?;
            if list.is_empty() {
                return Output::new(&list, "No conflicts to review");
            }
            let rows = list
                .iter()
                .map(|k| {
                    vec![
                        k.id.to_string(),
                        format!("{} “{}”", k.item, line(&k.label, 30)),
                        k.field.clone(),
                        value_text(&k.current),
                        format!("{} ({})", value_text(&k.lost), k.lost_side.as_str()),
                        k.resolution.map_or("open", Side::as_str).to_string(),
                    ]
                })
                .collect();
            let mut text = table(&["ID", "ITEM", "FIELD", "NOW", "LOST", "STATE"], rows);
            text.push_str("\nSettle one: trellis sync resolve ID --keep mine|theirs");
            Output::new(&list, text)
        }
        Cmd::Resolve { id, keep } => {
            let k = sync::resolve(db, id, Side::parse(&keep)?)?;
            let text = format!(
                "Conflict {} resolved: kept {} for the {}'s {}",
                k.id,
                keep.trim().to_ascii_lowercase(),
                k.item,
                k.field
            );
            Output::new(&k, text)
        }
        Cmd::Status { pair } => {
            let s = sync::status(db, PairId::resolve(db, &pair)?)?;
            let text = if s.needs_re_pair {
                "Shared with an older Trellis whose files anyone on the way could read: re-pair \
                 (`trellis sync invite --re-pair`)"
                    .to_string()
            } else if s.waiting_for_answer {
                "Invited: waiting for your partner's answer (`trellis sync import ANSWER`)"
                    .to_string()
            } else if s.shared {
                let mut t = format!(
                    "Shared with your partner; last update imported: {}; open conflicts: {}\n\
                     Safety code: {}\nThis installation: {}",
                    s.last_import_at.as_deref().unwrap_or("never"),
                    s.open_conflicts,
                    s.safety_code.as_deref().unwrap_or("—"),
                    s.replica
                );
                if let Some(f) = &s.folder {
                    t.push_str(&format!(
                        "\nShared folder: {}; last synced there: {}",
                        f.path,
                        f.last_sync_at.as_deref().unwrap_or("never")
                    ));
                }
                t
            } else {
                "Not shared yet: write an invite with `trellis sync invite`".to_string()
            };
            Output::new(&s, text)
        }
        Cmd::Confirmations { pair } => {
            let list = confirmation::list(db, PairId::resolve(db, &pair)?)?;
            let who = |c: &Option<confirmation::Confirmation>| {
                c.as_ref()
                    .map_or_else(|| "—".to_string(), |c| c.met_on.to_string())
            };
            let rows = list
                .iter()
                .map(|c| {
                    vec![
                        short(c.criterion_id),
                        line(&c.text, 40),
                        who(&c.mentor),
                        who(&c.mentee),
                        if c.confirmed_by_both { "yes" } else { "no" }.to_string(),
                    ]
                })
                .collect();
            let both = list.iter().filter(|c| c.confirmed_by_both).count();
            let mut text = table(&["ID", "CRITERION", "MENTOR", "MENTEE", "BOTH"], rows);
            text.push_str(&format!("\n{both} of {} confirmed by both", list.len()));
            Output::new(&list, text)
        }
    }
}
