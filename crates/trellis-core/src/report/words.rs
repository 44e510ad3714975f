//! The fixed words of the organizer report, per language: table titles, row
//! and column headings and the labels of rows that are not pack text (roles,
//! Net Promoter groups, "prefer not to say", "no answer" …). The pack's own
//! texts come from the pack in the organizer's language; ids never change.
//! `{name}` marks where a value goes. Words follow `docs/i18n-glossary.md`.

pub(crate) use crate::text::fill;

use crate::lang::Lang;

/// One language's words.
#[derive(Debug)]
pub struct Words {
    pub checkin_title: &'static str,
    /// `{i}`, `{days}`
    pub checkin_row: &'static str,
    /// `{i}`
    pub checkin_column: &'static str,
    /// `{group}`, `{i}`
    pub group_at_checkin: &'static str,
    pub responses: &'static str,
    /// mentor, mentee, role not stated
    pub roles: [&'static str; 3],
    /// detractors, passives, promoters
    pub nps_rows: [&'static str; 3],
    pub nps_title: &'static str,
    pub prefer_not_to_say: &'static str,
    pub no_answer: &'static str,
    /// yes, no, not applicable
    pub criterion_answers: [&'static str; 3],
    pub criteria_title: &'static str,
    pub criteria_row_heading: &'static str,
    pub criteria_rate: &'static str,
    pub answer: &'static str,
    pub meetings: &'static str,
    pub goals_set: &'static str,
    pub goals_achieved: &'static str,
    pub criteria_met_title: &'static str,
    /// none, some, all, no program criteria, not in the file
    pub criteria_met_rows: [&'static str; 5],
    pub all_respondents: &'static str,
    pub other_cohorts: &'static str,
}

const EN: Words = Words {
    checkin_title: "Check-in",
    checkin_row: "Check-in {i} ({days} days after the match)",
    checkin_column: "Check-in {i}",
    group_at_checkin: "{group} · check-in {i}",
    responses: "Responses by role",
    roles: ["Mentor", "Mentee", "Role not stated"],
    nps_rows: ["Detractors (0–6)", "Passives (7–8)", "Promoters (9–10)"],
    nps_title: "Net Promoter groups",
    prefer_not_to_say: "Prefer not to say",
    no_answer: "No answer",
    criterion_answers: ["Yes", "No", "Not applicable"],
    criteria_title: "Graduation criteria met",
    criteria_row_heading: "Cohort — criterion",
    criteria_rate: "Met (of yes + no)",
    answer: "Answer",
    meetings: "Meetings logged",
    goals_set: "Goals set",
    goals_achieved: "Goals achieved",
    criteria_met_title: "Program criteria met (from the log)",
    criteria_met_rows: [
        "None",
        "Some",
        "All",
        "The pair has no program criteria",
        "Not in the file",
    ],
    all_respondents: "All respondents",
    other_cohorts: "Other cohorts",
};

const EN_GB: Words = Words {
    criteria_met_title: "Programme criteria met (from the log)",
    criteria_met_rows: [
        "None",
        "Some",
        "All",
        "The pair has no programme criteria",
        "Not in the file",
    ],
    ..EN
};

const ZH_CN: Words = Words {
    checkin_title: "阶段回顾",
    checkin_row: "第 {i} 次阶段回顾（结对后 {days} 天）",
    checkin_column: "第 {i} 次阶段回顾",
    group_at_checkin: "{group} · 第 {i} 次阶段回顾",
    responses: "按角色统计的回复",
    roles: ["导师", "学员", "未说明角色"],
    nps_rows: ["贬损者（0–6）", "被动者（7–8）", "推荐者（9–10）"],
    nps_title: "净推荐值分组",
    prefer_not_to_say: "不愿透露",
    no_answer: "未作答",
    criterion_answers: ["是", "否", "不适用"],
    criteria_title: "已达到的结业标准",
    criteria_row_heading: "批次 — 结业标准",
    criteria_rate: "已达到（占“是”+“否”）",
    answer: "回答",
    meetings: "已记录的会面",
    goals_set: "已设定的目标",
    goals_achieved: "已达成的目标",
    criteria_met_title: "已达到的项目标准（来自记录）",
    criteria_met_rows: ["无", "部分", "全部", "该结对没有项目标准", "文件中没有"],
    all_respondents: "全部受访者",
    other_cohorts: "其他批次",
};

const ID: Words = Words {
    checkin_title: "Check-in",
    checkin_row: "Check-in {i} ({days} hari setelah dipasangkan)",
    checkin_column: "Check-in {i}",
    group_at_checkin: "{group} · check-in {i}",
    responses: "Tanggapan menurut peran",
    roles: ["Mentor", "Mentee", "Peran tidak disebutkan"],
    nps_rows: ["Detraktor (0–6)", "Pasif (7–8)", "Promotor (9–10)"],
    nps_title: "Kelompok Net Promoter",
    prefer_not_to_say: "Memilih tidak menjawab",
    no_answer: "Tidak ada jawaban",
    criterion_answers: ["Ya", "Tidak", "Tidak berlaku"],
    criteria_title: "Kriteria kelulusan yang terpenuhi",
    criteria_row_heading: "Kohort — kriteria kelulusan",
    criteria_rate: "Terpenuhi (dari ya + tidak)",
    answer: "Jawaban",
    meetings: "Pertemuan yang dicatat",
    goals_set: "Tujuan yang ditetapkan",
    goals_achieved: "Tujuan yang tercapai",
    criteria_met_title: "Kriteria program yang terpenuhi (dari catatan)",
    criteria_met_rows: [
        "Tidak ada",
        "Sebagian",
        "Semua",
        "Pasangan ini tidak memiliki kriteria program",
        "Tidak ada di berkas",
    ],
    all_respondents: "Semua responden",
    other_cohorts: "Kohort lainnya",
};

const KO: Words = Words {
    checkin_title: "체크인",
    checkin_row: "체크인 {i} (매칭 후 {days}일)",
    checkin_column: "체크인 {i}",
    group_at_checkin: "{group} · 체크인 {i}",
    responses: "역할별 응답",
    roles: ["멘토", "멘티", "역할 밝히지 않음"],
    nps_rows: ["비추천자 (0–6)", "중립자 (7–8)", "추천자 (9–10)"],
    nps_title: "순추천 그룹",
    prefer_not_to_say: "밝히고 싶지 않음",
    no_answer: "응답 없음",
    criterion_answers: ["예", "아니요", "해당 없음"],
    criteria_title: "달성한 수료 기준",
    criteria_row_heading: "기수 — 수료 기준",
    criteria_rate: "달성 (예 + 아니요 중)",
    answer: "답변",
    meetings: "기록된 미팅",
    goals_set: "설정한 목표",
    goals_achieved: "달성한 목표",
    criteria_met_title: "달성한 프로그램 기준 (기록 기준)",
    criteria_met_rows: [
        "없음",
        "일부",
        "모두",
        "이 짝에는 프로그램 기준이 없음",
        "파일에 없음",
    ],
    all_respondents: "전체 응답자",
    other_cohorts: "기타 기수",
};

const ES_MX: Words = Words {
    checkin_title: "Seguimiento",
    checkin_row: "Seguimiento {i} ({days} días después del emparejamiento)",
    checkin_column: "Seguimiento {i}",
    group_at_checkin: "{group} · seguimiento {i}",
    responses: "Respuestas por rol",
    roles: ["Mentor", "Aprendiz", "Rol no indicado"],
    nps_rows: ["Detractores (0–6)", "Pasivos (7–8)", "Promotores (9–10)"],
    nps_title: "Grupos de Net Promoter",
    prefer_not_to_say: "Prefiero no decirlo",
    no_answer: "Sin respuesta",
    criterion_answers: ["Sí", "No", "No aplica"],
    criteria_title: "Criterios de graduación cumplidos",
    criteria_row_heading: "Cohorte — criterio de graduación",
    criteria_rate: "Cumplidos (de sí + no)",
    answer: "Respuesta",
    meetings: "Reuniones registradas",
    goals_set: "Metas fijadas",
    goals_achieved: "Metas logradas",
    criteria_met_title: "Criterios del programa cumplidos (según el registro)",
    criteria_met_rows: [
        "Ninguno",
        "Algunos",
        "Todos",
        "La pareja de mentoría no tiene criterios del programa",
        "No está en el archivo",
    ],
    all_respondents: "Todas las personas encuestadas",
    other_cohorts: "Otras cohortes",
};

const DE: Words = Words {
    checkin_title: "Check-in",
    checkin_row: "Check-in {i} ({days} Tage nach der Zuordnung)",
    checkin_column: "Check-in {i}",
    group_at_checkin: "{group} · Check-in {i}",
    responses: "Antworten nach Rolle",
    roles: ["Mentor", "Mentee", "Rolle nicht angegeben"],
    nps_rows: ["Kritiker (0–6)", "Indifferente (7–8)", "Promotoren (9–10)"],
    nps_title: "Net-Promoter-Gruppen",
    prefer_not_to_say: "Möchte ich nicht sagen",
    no_answer: "Keine Antwort",
    criterion_answers: ["Ja", "Nein", "Nicht zutreffend"],
    criteria_title: "Erfüllte Abschlusskriterien",
    criteria_row_heading: "Kohorte — Abschlusskriterium",
    criteria_rate: "Erfüllt (von Ja + Nein)",
    answer: "Antwort",
    meetings: "Erfasste Treffen",
    goals_set: "Gesetzte Ziele",
    goals_achieved: "Erreichte Ziele",
    criteria_met_title: "Erfüllte Programmkriterien (laut Protokoll)",
    criteria_met_rows: [
        "Keine",
        "Einige",
        "Alle",
        "Das Tandem hat keine Programmkriterien",
        "Nicht in der Datei",
    ],
    all_respondents: "Alle Befragten",
    other_cohorts: "Andere Kohorten",
};

impl Words {
    /// The words of `lang`.
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

    /// Every word and template, in one order for every language.
    pub fn all(&self) -> Vec<&'static str> {
        let mut v = vec![
            self.checkin_title,
            self.checkin_row,
            self.checkin_column,
            self.group_at_checkin,
            self.responses,
            self.nps_title,
            self.prefer_not_to_say,
            self.no_answer,
            self.criteria_title,
            self.criteria_row_heading,
            self.criteria_rate,
            self.answer,
            self.meetings,
            self.goals_set,
            self.goals_achieved,
            self.criteria_met_title,
            self.all_respondents,
            self.other_cohorts,
        ];
        v.extend(self.roles);
        v.extend(self.nps_rows);
        v.extend(self.criterion_answers);
        v.extend(self.criteria_met_rows);
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::placeholders;

    #[test]
    fn every_language_fills_the_same_placeholders() {
        for lang in Lang::ALL {
            let all = Words::of(lang).all();
            assert_eq!(all.len(), EN.all().len());
            for (en, other) in EN.all().iter().zip(all) {
                assert_eq!(placeholders(en), placeholders(other), "{lang}: {other}");
                assert!(!other.trim().is_empty(), "{lang}");
            }
        }
    }

    #[test]
    fn a_value_is_written_as_it_is() {
        assert_eq!(
            fill("{group} · check-in {i}", &[("group", "{i}"), ("i", "2")]),
            "{i} · check-in 2"
        );
        assert_eq!(fill("{unknown} {", &[]), "{unknown} {");
    }
}
