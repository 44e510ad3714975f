use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use clap::Subcommand;
use trellis_core::checkin::{
    self, Answer, Answers, CheckinForm, CheckinQuestion, CriterionAnswer, PREFER_NOT_TO_SAY,
};
use trellis_core::id::PairId;
use trellis_core::lang::Lang;
use trellis_core::pack::QuestionKind;
use trellis_core::{survey, Db, Error, Resolve, Result};

use crate::output::Output;

#[derive(Subcommand)]
pub enum Cmd {
    /// The check-in's questions, the suggestions from the log, and when it is due.
    Show {
        #[arg(long)]
        pair: String,
        /// Which check-in of the schedule (default: the one due).
        #[arg(long)]
        number: Option<u32>,
    },
    /// Answer the check-in: asked question by question in a terminal, or
    /// from a JSON file {questionId: answer} ('-' reads standard input).
    Answer {
        #[arg(long)]
        pair: String,
        #[arg(long)]
        number: Option<u32>,
        #[arg(long, value_name = "FILE")]
        file: Option<PathBuf>,
    },
    /// Write the anonymised survey file for the organizers. With --preview,
    /// print its exact bytes and write nothing.
    Export {
        #[arg(long)]
        pair: String,
        #[arg(long)]
        number: Option<u32>,
        /// Where to write the survey file.
        #[arg(long, value_name = "FILE", required_unless_present = "preview")]
        out: Option<PathBuf>,
        /// Print the exact bytes that would be written; write nothing.
        #[arg(long)]
        preview: bool,
        /// With --preview: after the bytes, say in plain words what each
        /// line tells the organizer, and how to send the file (the default
        /// on a terminal; without it, elsewhere, only the bytes are printed
        /// so that they can be saved and given back with --previewed).
        #[arg(long, requires = "preview")]
        explain: bool,
        /// Write exactly these previewed bytes (saved from --preview); refused
        /// if the check-in would now give anything else.
        #[arg(long, value_name = "FILE", conflicts_with_all = ["preview", "comment"])]
        previewed: Option<PathBuf>,
        /// An optional comment for the organizers (no names, e-mail addresses or links).
        #[arg(long, requires = "consent")]
        comment: Option<String>,
        /// I have read the comment in the preview and agree that it goes in the file.
        #[arg(long)]
        consent: bool,
        /// Your own name, only to check that the comment does not carry it
        /// (it is never stored or written).
        #[arg(long, value_name = "NAME")]
        my_name: Option<String>,
    },
    #[command(flatten)]
    Calendar(super::calendar::CheckinCmd),
}

fn describe(q: &CheckinQuestion) -> String {
    match q.kind {
        QuestionKind::Choice => q
            .options
            .iter()
            .map(|o| format!("{} ({})", o.id, o.label))
            .collect::<Vec<_>>()
            .join(" | "),
        QuestionKind::Scale => format!(
            "{}{} … {}{}",
            q.min.unwrap_or(0),
            q.min_label
                .as_ref()
                .map(|l| format!(" {l}"))
                .unwrap_or_default(),
            q.max.unwrap_or(0),
            q.max_label
                .as_ref()
                .map(|l| format!(" {l}"))
                .unwrap_or_default()
        ),
        QuestionKind::Criteria => q
            .criteria
            .iter()
            .map(|c| format!("{} ({})", c.id, c.text))
            .collect::<Vec<_>>()
            .join(" | "),
    }
}

fn answer_text(a: &Answer) -> String {
    match a {
        Answer::Number(n) => n.to_string(),
        Answer::Text(t) => t.clone(),
        Answer::Criteria(m) => m
            .iter()
            .map(|(k, v)| format!("{k}={}", v.as_str()))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

fn show(f: &CheckinForm) -> String {
    let mut s = format!(
        "Check-in {} of {} — due {} ({})\n",
        f.number,
        f.scheduled,
        f.due_on,
        match f.days_until {
            d if d < 0 => format!("{} days ago", -d),
            0 => "today".into(),
            d => format!("in {d} days"),
        }
    );
    match (&f.answered_at, &f.exported_at) {
        (_, Some(e)) => s.push_str(&format!(
            "Answered; survey file written {}\n",
            e.format("%Y-%m-%d")
        )),
        (Some(a), None) => s.push_str(&format!(
            "Answered {}; not exported yet (trellis checkin export --pair … --preview)\n",
            a.format("%Y-%m-%d")
        )),
        (None, None) => s.push_str("Not answered yet (trellis checkin answer --pair …)\n"),
    }
    for q in &f.questions {
        s.push_str(&format!("\n{} — {}\n  {}\n", q.id, q.text, describe(q)));
        if let Some(c) = &q.only_if {
            s.push_str(&format!(
                "  only when {} is {} (else not asked, and no answer to it is kept)\n",
                c.question,
                c.answers.join(" or ")
            ));
        }
        if let Some(p) = &q.prefill {
            s.push_str(&format!("  suggested: {}\n", answer_text(p)));
        }
        if let Some(a) = f.answers.get(&q.id) {
            s.push_str(&format!("  answered: {}\n", answer_text(a)));
        }
    }
    s.push_str(&format!(
        "\nEvery question also allows {PREFER_NOT_TO_SAY}."
    ));
    s
}

fn ask_line(prompt: &str) -> Result<Option<String>> {
    let mut err = std::io::stderr().lock();
    let _ = write!(err, "{prompt}");
    let _ = err.flush();
    let mut line = String::new();
    let n = std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| Error::io(trellis_core::IoOp::Read, "cannot read the answer", e))?;
    if n == 0 {
        return Ok(None);
    }
    Ok(Some(line.trim().to_string()))
}

/// Ask every question on the terminal (questions on stderr, answers on stdin).
fn ask(f: &CheckinForm) -> Result<Answers> {
    let mut out = Answers::new();
    eprintln!(
        "Check-in {} — Enter keeps the suggestion in [brackets] (or skips), 'p' is prefer not to say.",
        f.number
    );
    for q in &f.questions {
        // A question that does not apply to the answers so far is not asked.
        if let Some(c) = &q.only_if {
            let given = match out.get(&c.question) {
                Some(Answer::Text(t)) => Some(t.as_str()),
                _ => None,
            };
            if !c.holds(given) {
                continue;
            }
        }
        eprintln!("\n{}", q.text);
        let suggested = q.prefill.clone();
        let answer = match q.kind {
            QuestionKind::Choice => {
                for (i, o) in q.options.iter().enumerate() {
                    eprintln!("  {}. {}", i + 1, o.label);
                }
                loop {
                    let hint = suggested
                        .as_ref()
                        .map(|a| format!(" [{}]", answer_text(a)))
                        .unwrap_or_default();
                    let Some(l) = ask_line(&format!("> number{hint}: "))? else {
                        return Ok(out);
                    };
                    match l.as_str() {
                        "" => break suggested.clone(),
                        "p" => break Some(Answer::prefer_not_to_say()),
                        s => match s
                            .parse::<usize>()
                            .ok()
                            .and_then(|i| q.options.get(i.wrapping_sub(1)))
                        {
                            Some(o) => break Some(Answer::Text(o.id.clone())),
                            None => eprintln!("  type 1 to {}, p, or Enter", q.options.len()),
                        },
                    }
                }
            }
            QuestionKind::Scale => {
                let (lo, hi) = (q.min.unwrap_or(0), q.max.unwrap_or(0));
                loop {
                    let Some(l) = ask_line(&format!("> {lo}–{hi}: "))? else {
                        return Ok(out);
                    };
                    match l.as_str() {
                        "" => break None,
                        "p" => break Some(Answer::prefer_not_to_say()),
                        s => match s.parse::<i32>() {
                            Ok(n) if (lo..=hi).contains(&n) => break Some(Answer::Number(n)),
                            _ => eprintln!("  type a whole number from {lo} to {hi}, p, or Enter"),
                        },
                    }
                }
            }
            QuestionKind::Criteria => {
                let mut map = std::collections::BTreeMap::new();
                for c in &q.criteria {
                    let s = match &suggested {
                        Some(Answer::Criteria(m)) => m.get(&c.id).copied(),
                        _ => None,
                    };
                    loop {
                        let hint = s.map(|a| format!(" [{}]", a.as_str())).unwrap_or_default();
                        let Some(l) = ask_line(&format!(
                            "  {} — y / n / a (not applicable) / p{hint}: ",
                            c.text
                        ))?
                        else {
                            return Ok(out);
                        };
                        let a = match l.as_str() {
                            "" => s,
                            "y" => Some(CriterionAnswer::Yes),
                            "n" => Some(CriterionAnswer::No),
                            "a" => Some(CriterionAnswer::NotApplicable),
                            "p" => Some(CriterionAnswer::PreferNotToSay),
                            _ => {
                                eprintln!("  type y, n, a, p, or Enter");
                                continue;
                            }
                        };
                        if let Some(a) = a {
                            map.insert(c.id.clone(), a);
                        }
                        break;
                    }
                }
                (!map.is_empty()).then_some(Answer::Criteria(map))
            }
        };
        if let Some(a) = answer {
            out.insert(q.id.clone(), a);
        }
    }
    Ok(out)
}

pub fn run(db: &Db, cmd: Cmd) -> Result<Output> {
    let now = trellis_core::time::now();
    match cmd {
        Cmd::Calendar(c) => super::calendar::run_checkin(db, c),
        Cmd::Show { pair, number } => {
            let f = checkin::form(db, PairId::resolve(db, &pair)?, number, now, Lang::En)?;
            let text = show(&f);
            Output::new(&f, text)
        }
        Cmd::Answer { pair, number, file } => {
            let pair = PairId::resolve(db, &pair)?;
            let form = checkin::form(db, pair, number, now, Lang::En)?;
            let answers = match file {
                Some(p) if p.as_os_str() == "-" => {
                    let mut s = String::new();
                    std::io::Read::read_to_string(&mut std::io::stdin().lock(), &mut s)
                        .map_err(|e| Error::io(trellis_core::IoOp::Read, "cannot read standard input", e))?;
                    checkin::parse_answers(&s)?
                }
                Some(p) => checkin::parse_answers(&trellis_core::file::read_text(&p, 256 * 1024, trellis_core::FileKind::CheckinAnswers)?)?,
                None if std::io::stdin().is_terminal() => ask(&form)?,
                None => {
                    return Err(Error::invalid(
                        "answers",
                        trellis_core::Reason::usage("give --file FILE with a JSON object {questionId: answer} ('-' for standard input), or run in a terminal to be asked"),
                    ))
                }
            };
            let saved = checkin::answer(db, pair, form.number, answers)?;
            let text = format!(
                "Saved {} answer(s) to check-in {}. Preview the survey file: trellis checkin export --pair {} --preview",
                saved.answers.len(),
                saved.number,
                crate::output::short(pair)
            );
            Output::new(&saved, text)
        }
        Cmd::Export {
            pair,
            number,
            out,
            preview,
            explain,
            previewed,
            comment,
            consent,
            my_name,
        } => {
            let pair = PairId::resolve(db, &pair)?;
            let number = match number {
                Some(n) => n,
                None => checkin::form(db, pair, None, now, Lang::En)?.number,
            };
            if comment.is_some() && !consent {
                return Err(Error::invalid(
                    "comment",
                    trellis_core::Reason::usage(
                        "goes in only with --consent, after you have read it in the preview",
                    ),
                ));
            }
            if preview {
                let bytes = survey::preview_as(db, pair, number, comment, my_name.as_deref())?;
                let text = String::from_utf8(bytes).map_err(|_| Error::Format {
                    file: trellis_core::FileKind::SurveyFile,
                    what: "survey file".into(),
                    reason: "not UTF-8".into(),
                })?;
                let parsed = survey::parse(text.as_bytes()).map_err(|p| Error::Format {
                    file: trellis_core::FileKind::SurveyFile,
                    what: "survey file".into(),
                    reason: p.reason,
                })?;
                let lines = survey::explain(&parsed);
                let channel = survey::channel(db, pair)?;
                let doc = serde_json::json!({
                    "pairId": pair,
                    "number": number,
                    "bytes": text.len(),
                    "preview": text,
                    "explained": lines,
                    "channel": channel,
                });
                if !(explain || std::io::stdout().is_terminal()) {
                    return Output::new(&doc, text);
                }
                let mut shown = text.clone();
                shown.push_str("\nWhat each line tells the organizer:\n");
                for l in &lines {
                    shown.push_str(&format!("  {}: {}\n", l.key, l.meaning));
                }
                shown.push('\n');
                shown.push_str(&survey::channel_text(&channel));
                return Output::new(&doc, shown);
            }
            let Some(path) = out else {
                return Err(Error::invalid(
                    "out",
                    trellis_core::Reason::usage("give --out FILE (or --preview)"),
                ));
            };
            let (bytes, done) = match previewed {
                Some(p) => {
                    let bytes = std::fs::read(&p).map_err(|e| {
                        Error::io(
                            trellis_core::IoOp::Read,
                            format!("cannot read {}", p.display()),
                            e,
                        )
                    })?;
                    let done =
                        survey::export_as(db, pair, number, &path, &bytes, my_name.as_deref())?;
                    (bytes, done)
                }
                None => survey::preview_and_export_as(
                    db,
                    pair,
                    number,
                    comment,
                    &path,
                    my_name.as_deref(),
                )?,
            };
            let text = format!(
                "{}\nWrote {} ({} bytes, the exact bytes above; revision {} of this check-in's file — a report counts only the latest). Check-in {} is marked exported.\n{}",
                String::from_utf8_lossy(&bytes).trim_end(),
                done.path,
                done.bytes,
                done.revision,
                done.number,
                survey::channel_text(&done.channel)
            );
            Output::new(&done, text)
        }
    }
}
