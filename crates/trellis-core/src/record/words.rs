//! The fixed words of the Markdown record, per language: headings, labels
//! and the names of roles and states. What the pair wrote stays as written.
//! `{name}` marks where a value goes (see [`fill`]). Words follow
//! `docs/i18n-glossary.md`.

pub(crate) use crate::text::fill;

use crate::goal::GoalStatus;
use crate::lang::Lang;
use crate::meeting::MeetingMode;
use crate::pair::{PairStatus, Role};

pub(super) struct Words {
    /// `{partner}`, `{cohort}`
    pub title: &'static str,
    pub program: &'static str,
    pub cohort: &'static str,
    /// `{role}`, `{partner}`, `{partner_role}`
    pub my_role: &'static str,
    pub matched_on: &'static str,
    /// `{mine}`, `{theirs}`
    pub time_zones: &'static str,
    /// `{days}`
    pub cadence: &'static str,
    pub status: &'static str,
    pub exported: &'static str,
    /// `{met}`, `{total}`
    pub criteria: &'static str,
    pub none: &'static str,
    pub none_yet: &'static str,
    /// `{on}`
    pub met_on: &'static str,
    /// `{role}`
    pub confirmed_by: &'static str,
    pub evidence: &'static str,
    pub goals: &'static str,
    pub target: &'static str,
    pub achieved: &'static str,
    /// `{count}`
    pub meetings: &'static str,
    /// A meeting's time: `{mine}` (date, time, zone), `{theirs}` (the
    /// partner's time, day and zone).
    pub partner_time: &'static str,
    /// The partner's day when it is not mine (chrono format, the language's
    /// weekday names).
    pub partner_day: &'static str,
    /// `{minutes}`
    pub minutes: &'static str,
    pub goals_discussed: &'static str,
    pub agenda: &'static str,
    pub meeting_notes: &'static str,
    pub action_items: &'static str,
    /// `{date}`
    pub due: &'static str,
    pub other_action_items: &'static str,
    /// `{count}`
    pub notes: &'static str,
    pub private: &'static str,
    pub shared: &'static str,
    /// mentor, mentee
    pub roles: [&'static str; 2],
    /// active, paused, graduated, ended
    pub pair_status: [&'static str; 4],
    /// proposed, active, achieved, dropped
    pub goal_status: [&'static str; 4],
    /// video, chat, in person, event
    pub modes: [&'static str; 4],
}

const EN: Words = Words {
    title: "Mentorship with {partner} — {cohort}",
    program: "Program",
    cohort: "Cohort",
    my_role: "My role: {role}; {partner} is my {partner_role}",
    matched_on: "Matched on",
    time_zones: "Time zones: mine {mine}, partner's {theirs}",
    cadence: "Agreed cadence: every {days} days",
    status: "Status",
    exported: "Exported",
    criteria: "Graduation criteria ({met} of {total} met)",
    none: "_None._",
    none_yet: "_None yet._",
    met_on: "met {on}",
    confirmed_by: "confirmed by the {role}",
    evidence: "evidence",
    goals: "Goals",
    target: "Target",
    achieved: "Achieved",
    meetings: "Meetings ({count})",
    partner_time: "{mine} (partner: {theirs})",
    partner_day: "%a",
    minutes: "{minutes} min",
    goals_discussed: "Goals discussed",
    agenda: "Agenda",
    meeting_notes: "Notes",
    action_items: "Action items",
    due: "due {date}",
    other_action_items: "Other action items",
    notes: "Notes ({count})",
    private: "private",
    shared: "shared",
    roles: ["mentor", "mentee"],
    pair_status: ["active", "paused", "graduated", "ended"],
    goal_status: ["proposed", "active", "achieved", "dropped"],
    modes: ["video call", "chat / IRC", "in person", "at an event"],
};

const EN_GB: Words = Words {
    program: "Programme",
    ..EN
};

const ZH_CN: Words = Words {
    title: "与 {partner} 的指导 — {cohort}",
    program: "项目",
    cohort: "批次",
    my_role: "我的角色：{role}；{partner} 是我的{partner_role}",
    matched_on: "配对日期",
    time_zones: "时区：我的 {mine}，搭档的 {theirs}",
    cadence: "约定频率：每 {days} 天",
    status: "状态",
    exported: "导出时间",
    criteria: "结业标准（已达到 {met}/{total}）",
    none: "_无。_",
    none_yet: "_暂无。_",
    met_on: "{on} 达到",
    confirmed_by: "由{role}确认",
    evidence: "证明",
    goals: "目标",
    target: "目标日期",
    achieved: "达成日期",
    meetings: "会面（{count}）",
    partner_time: "{mine}（对方：{theirs}）",
    partner_day: "%A",
    minutes: "{minutes} 分钟",
    goals_discussed: "讨论的目标",
    agenda: "议程",
    meeting_notes: "笔记",
    action_items: "行动项",
    due: "截止 {date}",
    other_action_items: "其他行动项",
    notes: "笔记（{count}）",
    private: "私密",
    shared: "共享",
    roles: ["导师", "学员"],
    pair_status: ["进行中", "暂停", "已结业", "已结束"],
    goal_status: ["提议", "进行中", "已达成", "已放弃"],
    modes: ["视频通话", "聊天 / IRC", "面对面", "在活动中"],
};

const ID: Words = Words {
    title: "Pendampingan bersama {partner} — {cohort}",
    program: "Program",
    cohort: "Kohort",
    my_role: "Peran saya: {role}; {partner} adalah {partner_role} saya",
    matched_on: "Dipasangkan pada",
    time_zones: "Zona waktu: saya {mine}, pasangan {theirs}",
    cadence: "Jadwal yang disepakati: setiap {days} hari",
    status: "Status",
    exported: "Diekspor",
    criteria: "Kriteria kelulusan ({met} dari {total} terpenuhi)",
    none: "_Tidak ada._",
    none_yet: "_Belum ada._",
    met_on: "terpenuhi {on}",
    confirmed_by: "dikonfirmasi oleh {role}",
    evidence: "bukti",
    goals: "Tujuan",
    target: "Target",
    achieved: "Tercapai",
    meetings: "Pertemuan ({count})",
    partner_time: "{mine} (mitra: {theirs})",
    partner_day: "%A",
    minutes: "{minutes} menit",
    goals_discussed: "Tujuan yang dibahas",
    agenda: "Agenda",
    meeting_notes: "Catatan",
    action_items: "Butir tindakan",
    due: "tenggat {date}",
    other_action_items: "Butir tindakan lainnya",
    notes: "Catatan ({count})",
    private: "pribadi",
    shared: "dibagikan",
    roles: ["mentor", "mentee"],
    pair_status: ["aktif", "dijeda", "lulus", "berakhir"],
    goal_status: ["diusulkan", "aktif", "tercapai", "dibatalkan"],
    modes: [
        "panggilan video",
        "obrolan / IRC",
        "tatap muka",
        "di sebuah acara",
    ],
};

const KO: Words = Words {
    title: "{partner}와(과)의 멘토링 — {cohort}",
    program: "프로그램",
    cohort: "기수",
    my_role: "내 역할: {role}; {partner}은(는) 나의 {partner_role}",
    matched_on: "매칭일",
    time_zones: "시간대: 나 {mine}, 짝 {theirs}",
    cadence: "합의한 주기: {days}일마다",
    status: "상태",
    exported: "내보낸 시각",
    criteria: "수료 기준 ({total}개 중 {met}개 달성)",
    none: "_없음._",
    none_yet: "_아직 없음._",
    met_on: "{on} 달성",
    confirmed_by: "{role} 확인",
    evidence: "근거",
    goals: "목표",
    target: "목표일",
    achieved: "달성일",
    meetings: "미팅 ({count})",
    partner_time: "{mine} (상대: {theirs})",
    partner_day: "%A",
    minutes: "{minutes}분",
    goals_discussed: "논의한 목표",
    agenda: "안건",
    meeting_notes: "메모",
    action_items: "실행 항목",
    due: "기한 {date}",
    other_action_items: "기타 실행 항목",
    notes: "메모 ({count})",
    private: "비공개",
    shared: "공유",
    roles: ["멘토", "멘티"],
    pair_status: ["진행 중", "일시 중지", "수료", "종료"],
    goal_status: ["제안됨", "진행 중", "달성", "중단"],
    modes: ["화상 통화", "채팅 / IRC", "대면", "행사에서"],
};

const ES_MX: Words = Words {
    title: "Mentoría con {partner} — {cohort}",
    program: "Programa",
    cohort: "Cohorte",
    my_role: "Mi rol: {role}; {partner} es mi {partner_role}",
    matched_on: "Emparejamiento",
    time_zones: "Zonas horarias: la mía {mine}, la de mi compañero de mentoría {theirs}",
    cadence: "Frecuencia acordada: cada {days} días",
    status: "Estado",
    exported: "Exportado",
    criteria: "Criterios de graduación ({met} de {total} cumplidos)",
    none: "_Ninguno._",
    none_yet: "_Ninguno todavía._",
    met_on: "cumplido el {on}",
    confirmed_by: "confirmado por {role}",
    evidence: "evidencia",
    goals: "Metas",
    target: "Fecha objetivo",
    achieved: "Lograda",
    meetings: "Reuniones ({count})",
    partner_time: "{mine} (mi contraparte: {theirs})",
    partner_day: "%a",
    minutes: "{minutes} min",
    goals_discussed: "Metas tratadas",
    agenda: "Agenda",
    meeting_notes: "Notas",
    action_items: "Acciones pendientes",
    due: "vence {date}",
    other_action_items: "Otras acciones pendientes",
    notes: "Notas ({count})",
    private: "privada",
    shared: "compartida",
    roles: ["mentor", "aprendiz"],
    pair_status: ["activa", "en pausa", "graduada", "terminada"],
    goal_status: ["propuesta", "activa", "lograda", "descartada"],
    modes: ["videollamada", "chat / IRC", "en persona", "en un evento"],
};

const DE: Words = Words {
    title: "Mentoring mit {partner} — {cohort}",
    program: "Programm",
    cohort: "Kohorte",
    my_role: "Meine Rolle: {role}; {partner} ist mein Gegenüber ({partner_role})",
    matched_on: "Gematcht am",
    time_zones: "Zeitzonen: meine {mine}, die meines Gegenübers {theirs}",
    cadence: "Vereinbarter Rhythmus: alle {days} Tage",
    status: "Status",
    exported: "Exportiert",
    criteria: "Abschlusskriterien ({met} von {total} erfüllt)",
    none: "_Keine._",
    none_yet: "_Noch keine._",
    met_on: "erfüllt am {on}",
    confirmed_by: "bestätigt durch: {role}",
    evidence: "Nachweis",
    goals: "Ziele",
    target: "Zieldatum",
    achieved: "Erreicht",
    meetings: "Treffen ({count})",
    partner_time: "{mine} (Partner: {theirs})",
    partner_day: "%a",
    minutes: "{minutes} Min.",
    goals_discussed: "Besprochene Ziele",
    agenda: "Agenda",
    meeting_notes: "Notizen",
    action_items: "Aufgaben",
    due: "fällig {date}",
    other_action_items: "Weitere Aufgaben",
    notes: "Notizen ({count})",
    private: "privat",
    shared: "geteilt",
    roles: ["Mentor", "Mentee"],
    pair_status: ["aktiv", "pausiert", "abgeschlossen", "beendet"],
    goal_status: ["vorgeschlagen", "aktiv", "erreicht", "verworfen"],
    modes: [
        "Videoanruf",
        "Chat / IRC",
        "persönlich",
        "auf einer Veranstaltung",
    ],
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

    pub fn role(&self, r: Role) -> &'static str {
        match r {
            Role::Mentor => self.roles[0],
            Role::Mentee => self.roles[1],
        }
    }

    pub fn pair_status(&self, s: PairStatus) -> &'static str {
        match s {
            PairStatus::Active => self.pair_status[0],
            PairStatus::Paused => self.pair_status[1],
            PairStatus::Graduated => self.pair_status[2],
            PairStatus::Ended => self.pair_status[3],
        }
    }

    pub fn goal_status(&self, s: GoalStatus) -> &'static str {
        match s {
            GoalStatus::Proposed => self.goal_status[0],
            GoalStatus::Active => self.goal_status[1],
            GoalStatus::Achieved => self.goal_status[2],
            GoalStatus::Dropped => self.goal_status[3],
        }
    }

    pub fn mode(&self, m: MeetingMode) -> &'static str {
        match m {
            MeetingMode::Video => self.modes[0],
            MeetingMode::Chat => self.modes[1],
            MeetingMode::InPerson => self.modes[2],
            MeetingMode::Event => self.modes[3],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::placeholders;

    #[test]
    fn every_language_fills_the_same_placeholders() {
        let templates = |w: &Words| {
            [
                w.title,
                w.my_role,
                w.time_zones,
                w.cadence,
                w.criteria,
                w.met_on,
                w.confirmed_by,
                w.meetings,
                w.partner_time,
                w.minutes,
                w.due,
                w.notes,
            ]
        };
        for lang in Lang::ALL {
            for (en, other) in templates(&EN).iter().zip(templates(Words::of(lang))) {
                assert_eq!(placeholders(en), placeholders(other), "{lang}: {other}");
            }
        }
    }

    #[test]
    fn a_value_is_written_as_it_is() {
        assert_eq!(
            fill(
                "with {partner} — {cohort}",
                &[("partner", "{cohort}"), ("cohort", "C")]
            ),
            "with {cohort} — C"
        );
        assert_eq!(fill("{unknown} {", &[]), "{unknown} {");
    }
}
