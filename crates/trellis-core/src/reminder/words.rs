//! The fixed words of reminders, per language: titles, bodies, counts and
//! the formats of dates. A reminder names the partner and counts, never what
//! anyone wrote. `{name}` marks where a value goes (see [`fill`]); a count
//! is `[one, other]` with `{n}` for the number (languages without plurals
//! repeat the form). Dates are written with the language's own month and
//! weekday names (chrono's `format_localized`, in [`Words::locale`]); Chinese
//! and Korean write their dates with numbers, as they usually do. Words
//! follow `docs/i18n-glossary.md`.

use crate::lang::Lang;
pub(super) use crate::text::fill;

pub(super) struct Words {
    /// The locale of the month and weekday names in the date formats.
    pub locale: chrono::Locale,
    /// `{name}`, `{minutes}`
    pub meeting_title: &'static str,
    /// `{mine}`, `{theirs}`
    pub meeting_body: &'static str,
    /// A meeting's start (chrono format, in a zone, with [`Self::locale`]'s names).
    pub at: &'static str,
    /// `{number}`, `{name}`
    pub checkin_title: &'static str,
    /// `{state}`, `{date}`
    pub checkin_body: &'static str,
    /// A check-in's day (chrono format).
    pub date: &'static str,
    pub due_today: &'static str,
    /// `{days}`
    pub due_in: &'static str,
    /// `{days}`
    pub overdue: &'static str,
    /// `{items}`, `{name}`
    pub actions_title: &'static str,
    /// `{date}`, `{whose}`
    pub actions_body: &'static str,
    /// The day action items are due (chrono format).
    pub due_date: &'static str,
    /// `{name}`: every one of them is the partner's.
    pub theirs_all: &'static str,
    /// Every one of them is mine.
    pub mine_all: &'static str,
    /// `{mine}`: some of them are mine.
    pub some_mine: &'static str,
    /// `{name}`, `{days}`
    pub drift_title: &'static str,
    /// `{cadence}`
    pub drift_body: &'static str,
    pub minutes: [&'static str; 2],
    /// How long (since, in, by).
    pub days: [&'static str; 2],
    pub items: [&'static str; 2],
    /// How often to meet.
    pub cadence: [&'static str; 2],
}

const EN: Words = Words {
    locale: Lang::En.locale(),
    meeting_title: "Meeting with {name} in {minutes}",
    meeting_body: "{mine} (partner: {theirs})",
    at: "%a %-d %b %Y %H:%M %Z",
    checkin_title: "Check-in {number} with {name} is open",
    checkin_body: "Its questions are ready; it is {state} ({date}).",
    date: "%-d %b %Y",
    due_today: "due today",
    due_in: "due in {days}",
    overdue: "overdue by {days}",
    actions_title: "{items} due tomorrow with {name}",
    actions_body: "Due {date}. {whose}.",
    due_date: "%a %-d %b",
    theirs_all: "{name} owes them",
    mine_all: "You owe them",
    some_mine: "{mine} of them yours",
    drift_title: "No meeting with {name} for {days}",
    drift_body: "You agreed to meet every {cadence}. Time to schedule the next one.",
    minutes: ["1 minute", "{n} minutes"],
    days: ["1 day", "{n} days"],
    items: ["1 action item", "{n} action items"],
    cadence: ["1 day", "{n} days"],
};

const EN_GB: Words = Words {
    locale: Lang::EnGb.locale(),
    ..EN
};

const ZH_CN: Words = Words {
    locale: Lang::ZhCn.locale(),
    meeting_title: "{minutes}后与 {name} 会面",
    meeting_body: "{mine}（对方：{theirs}）",
    at: "%Y年%-m月%-d日 %A %H:%M %Z",
    checkin_title: "与 {name} 的第 {number} 次阶段回顾已开放",
    checkin_body: "问题已准备好；{state}（{date}）。",
    date: "%Y年%-m月%-d日",
    due_today: "今天截止",
    due_in: "{days}后截止",
    overdue: "已逾期 {days}",
    actions_title: "与 {name} 的 {items}明天到期",
    actions_body: "{date}到期。{whose}。",
    due_date: "%-m月%-d日 %A",
    theirs_all: "都由 {name} 负责",
    mine_all: "都由你负责",
    some_mine: "其中 {mine} 个由你负责",
    drift_title: "已 {days}未与 {name} 会面",
    drift_body: "你们约定{cadence}会面一次。是时候安排下一次会面了。",
    minutes: ["1 分钟", "{n} 分钟"],
    days: ["1 天", "{n} 天"],
    items: ["1 个行动项", "{n} 个行动项"],
    cadence: ["每天", "每 {n} 天"],
};

const ID: Words = Words {
    locale: Lang::Id.locale(),
    meeting_title: "Pertemuan dengan {name} dalam {minutes}",
    meeting_body: "{mine} (mitra: {theirs})",
    at: "%A, %-d %B %Y %H.%M %Z",
    checkin_title: "Check-in {number} dengan {name} sudah dibuka",
    checkin_body: "Pertanyaannya sudah siap; {state} ({date}).",
    date: "%-d %B %Y",
    due_today: "tenggatnya hari ini",
    due_in: "tenggatnya {days} lagi",
    overdue: "terlambat {days}",
    actions_title: "{items} dengan {name} jatuh tempo besok",
    actions_body: "Tenggat {date}. {whose}.",
    due_date: "%A, %-d %B",
    theirs_all: "Semuanya tanggungan {name}",
    mine_all: "Semuanya tanggungan Anda",
    some_mine: "{mine} di antaranya tanggungan Anda",
    drift_title: "Belum ada pertemuan dengan {name} selama {days}",
    drift_body: "Anda sepakat bertemu setiap {cadence}. Saatnya menjadwalkan pertemuan berikutnya.",
    minutes: ["1 menit", "{n} menit"],
    days: ["1 hari", "{n} hari"],
    items: ["1 butir tindakan", "{n} butir tindakan"],
    cadence: ["hari", "{n} hari"],
};

const KO: Words = Words {
    locale: Lang::Ko.locale(),
    meeting_title: "{minutes} 후 {name}님과 미팅",
    meeting_body: "{mine} (상대: {theirs})",
    at: "%Y. %-m. %-d. (%a) %H:%M %Z",
    checkin_title: "{name}님과의 {number}차 체크인이 열렸어요",
    checkin_body: "질문이 준비됐어요. {state} ({date}).",
    date: "%Y. %-m. %-d.",
    due_today: "오늘이 기한이에요",
    due_in: "기한까지 {days} 남았어요",
    overdue: "기한이 {days} 지났어요",
    actions_title: "내일 기한: {name}님과의 {items}",
    actions_body: "기한 {date}. {whose}.",
    due_date: "%-m월 %-d일 (%a)",
    theirs_all: "모두 {name}님 담당이에요",
    mine_all: "모두 내 담당이에요",
    some_mine: "그중 {mine}개는 내 담당이에요",
    drift_title: "{name}님과 {days} 동안 미팅이 없었어요",
    drift_body: "{cadence} 만나기로 했어요. 다음 미팅을 잡을 때예요.",
    minutes: ["1분", "{n}분"],
    days: ["1일", "{n}일"],
    items: ["실행 항목 1개", "실행 항목 {n}개"],
    cadence: ["매일", "{n}일마다"],
};

const ES_MX: Words = Words {
    locale: Lang::EsMx.locale(),
    meeting_title: "Reunión con {name} en {minutes}",
    meeting_body: "{mine} (tu contraparte: {theirs})",
    at: "%A %-d de %B de %Y, %H:%M %Z",
    checkin_title: "El seguimiento {number} con {name} está abierto",
    checkin_body: "Sus preguntas están listas; {state} ({date}).",
    date: "%-d de %B de %Y",
    due_today: "vence hoy",
    due_in: "vence en {days}",
    overdue: "venció hace {days}",
    actions_title: "Con {name}: {items} mañana",
    actions_body: "Fecha límite: {date}. {whose}.",
    due_date: "%A %-d de %B",
    theirs_all: "A cargo de {name}",
    mine_all: "A tu cargo",
    some_mine: "A tu cargo: {mine}",
    drift_title: "Sin reuniones con {name} desde hace {days}",
    drift_body: "Acordaron reunirse {cadence}. Es momento de agendar la siguiente.",
    minutes: ["1 minuto", "{n} minutos"],
    days: ["1 día", "{n} días"],
    items: ["1 acción pendiente vence", "{n} acciones pendientes vencen"],
    cadence: ["cada día", "cada {n} días"],
};

const DE: Words = Words {
    locale: Lang::De.locale(),
    meeting_title: "Treffen mit {name} in {minutes}",
    meeting_body: "{mine} (Partner: {theirs})",
    at: "%a, %-d. %B %Y, %H:%M %Z",
    checkin_title: "Check-in {number} mit {name} ist offen",
    checkin_body: "Die Fragen sind bereit – {state} ({date}).",
    date: "%-d. %B %Y",
    due_today: "heute fällig",
    due_in: "fällig in {days}",
    overdue: "seit {days} überfällig",
    actions_title: "{items} mit {name} morgen fällig",
    actions_body: "Fällig am {date}. {whose}.",
    due_date: "%A, %-d. %B",
    theirs_all: "Zuständig ist {name}",
    mine_all: "Zuständig bist du",
    some_mine: "Deine davon: {mine}",
    drift_title: "Kein Treffen mit {name} seit {days}",
    drift_body:
        "Ihr habt vereinbart, euch {cadence} zu treffen. Zeit, das nächste Treffen zu planen.",
    minutes: ["1 Minute", "{n} Minuten"],
    days: ["1 Tag", "{n} Tagen"],
    items: ["1 Aufgabe", "{n} Aufgaben"],
    cadence: ["jeden Tag", "alle {n} Tage"],
};

impl Words {
    pub fn of(lang: Lang) -> &'static Words {
        match lang {
            Lang::En => &EN,
            Lang::EnGb => &EN_GB,
            Lang::ZhCn => &ZH_CN,
            Lang::Id => &ID,
            Lang::Ko => &KO,
            Lang::EsMx => &ES_MX,
            Lang::De => &DE,
        }
    }
}

/// `n` in the form of `forms` that fits it: `[one, other]`.
pub(super) fn count(forms: [&str; 2], n: i64) -> String {
    let form = if n == 1 { forms[0] } else { forms[1] };
    fill(form, &[("n", &n.to_string())])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::placeholders;

    #[test]
    fn every_language_fills_the_same_placeholders() {
        let templates = |w: &Words| {
            [
                w.meeting_title,
                w.meeting_body,
                w.checkin_title,
                w.checkin_body,
                w.due_in,
                w.overdue,
                w.actions_title,
                w.actions_body,
                w.theirs_all,
                w.some_mine,
                w.drift_title,
                w.drift_body,
                w.minutes[1],
                w.days[1],
                w.items[1],
                w.cadence[1],
            ]
        };
        for lang in Lang::ALL {
            for (en, other) in templates(&EN).iter().zip(templates(Words::of(lang))) {
                assert_eq!(placeholders(en), placeholders(other), "{lang}: {other}");
            }
        }
    }

    #[test]
    fn dates_use_the_languages_own_month_and_weekday_names() {
        use chrono::{Datelike, NaiveDate};
        let year = || {
            (0u64..365).map(|d| NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(d))
        };
        // Every month and weekday name (full and short) in `locale`.
        let names = |locale| {
            let mut v = Vec::new();
            for d in year().filter(|d| d.day() <= 7) {
                for f in ["%B", "%b", "%A", "%a"] {
                    v.push(d.format_localized(f, locale).to_string().trim().to_string());
                }
            }
            v
        };
        let english = names(chrono::Locale::en_US);
        for lang in Lang::ALL
            .into_iter()
            .filter(|l| !matches!(l, Lang::En | Lang::EnGb))
        {
            let w = Words::of(lang);
            let own = names(w.locale);
            assert_ne!(own, english, "{lang}: English names");
            for day in year() {
                let at = day
                    .and_hms_opt(16, 0, 0)
                    .unwrap()
                    .and_utc()
                    .with_timezone(&chrono_tz::Europe::Berlin);
                let texts = [
                    day.format_localized(w.date, w.locale).to_string(),
                    day.format_localized(w.due_date, w.locale).to_string(),
                    at.format_localized(w.at, w.locale).to_string(),
                ];
                for text in texts {
                    for word in text.split(|c: char| !c.is_alphabetic()) {
                        assert!(
                            !english.iter().any(|e| e == word) || own.iter().any(|o| o == word),
                            "{lang}: English {word:?} in {text}"
                        );
                    }
                }
            }
        }
        // English is as it was.
        let tue = NaiveDate::from_ymd_opt(2026, 3, 17).unwrap();
        assert_eq!(
            tue.format_localized(EN.due_date, EN.locale).to_string(),
            "Tue 17 Mar"
        );
        assert_eq!(
            tue.format_localized(EN.date, EN.locale).to_string(),
            "17 Mar 2026"
        );
        assert_eq!(
            tue.format_localized(DE.date, DE.locale).to_string(),
            "17. März 2026"
        );
    }

    #[test]
    fn a_count_takes_the_form_that_fits_it() {
        assert_eq!(count(EN.days, 1), "1 day");
        assert_eq!(count(EN.days, 15), "15 days");
        assert_eq!(count(DE.days, 15), "15 Tagen");
        assert_eq!(count(DE.cadence, 1), "jeden Tag");
        assert_eq!(count(ID.items, 2), "2 butir tindakan");
    }
}
