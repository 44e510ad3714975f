//! The fixed words of the organizer report, per language: table titles, row
//! and column headings and the labels of rows that are not pack text (roles,
//! Net Promoter groups, "prefer not to say", "no answer" …), and the words
//! of the HTML page around the tables ([`Page`]). The pack's own
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
    /// The HTML page's own words.
    pub page: Page,
}

/// The words of the HTML page around the tables. Plain text (no `<`, `>`,
/// `&` or `"`: a test checks), so the page writes them as they are and
/// escapes only the values it fills in.
#[derive(Debug)]
pub struct Page {
    /// `{program}`
    pub title: &'static str,
    pub heading: &'static str,
    /// `{program}`, `{id}`, `{version}`
    pub byline: &'static str,
    pub no_program: &'static str,
    pub responses: &'static str,
    /// `{k}`
    pub fewer_than: &'static str,
    pub min_group: &'static str,
    pub nps: &'static str,
    /// `{hidden}`, `{k}`
    pub hidden_note: &'static str,
    pub override_label: &'static str,
    /// `{k}`, `{reason}`
    pub override_note: &'static str,
    /// `{k}`, `{groups}`, `{other}`
    pub groups_note: &'static str,
    pub nothing: &'static str,
    pub no_file: &'static str,
    /// `{k}`
    pub too_few: &'static str,
    /// A hidden value's tooltip.
    pub suppressed: &'static str,
    pub total: &'static str,
    /// `{title}`
    pub chart: &'static str,
    /// `{refused}`
    pub footer: &'static str,
}

const EN_PAGE: Page = Page {
    title: "Check-in report — {program}",
    heading: "Check-in survey report",
    byline: "{program} · program {id} · pack {version}",
    no_program: "No program",
    responses: "responses",
    fewer_than: "fewer than {k}",
    min_group: "smallest group shown (K)",
    nps: "Net Promoter Score",
    hidden_note: "A value shown as {hidden} is suppressed: its group has fewer than {k} respondents, \
        or it would let a group smaller than {k} be worked out from the totals and the other values. \
        Answers are anonymous; comments are never copied into this report.",
    override_label: "Made despite the ledger:",
    override_note: "its respondents differ from an earlier report's by fewer than {k}, \
        so comparing the two may give answers away. The organizer's reason: {reason}",
    groups_note: "Tables are broken down by groups of at least {k} respondents: {groups}. \
        A cohort with fewer joins \u{201c}{other}\u{201d}.",
    nothing: "Nothing to show",
    no_file: "No survey file could be reported.",
    too_few: "Fewer than {k} respondents: no count is shown.",
    suppressed: "suppressed",
    total: "Total",
    chart: "Chart: {title}",
    footer: "Made by Trellis from anonymised check-in survey files (format trellis-survey 1.x). \
        {refused} file(s) were refused and are not counted.",
};

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
    page: EN_PAGE,
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
    page: Page {
        byline: "{program} · programme {id} · pack {version}",
        no_program: "No programme",
        override_note: "its respondents differ from an earlier report's by fewer than {k}, \
            so comparing the two may give answers away. The organiser's reason: {reason}",
        ..EN_PAGE
    },
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
    page: Page {
        title: "阶段回顾报告 — {program}",
        heading: "阶段回顾问卷报告",
        byline: "{program} · 项目 {id} · 项目包 {version}",
        no_program: "没有项目",
        responses: "份回答",
        fewer_than: "少于 {k}",
        min_group: "显示的最小分组（K）",
        nps: "净推荐值",
        hidden_note: "显示为 {hidden} 的值已隐藏：它所属的分组少于 {k} 位填写者，\
            或者它会让人从总数和其他值推算出少于 {k} 人的分组。回答是匿名的；评论从不会复制到本报告中。",
        override_label: "不顾报告记录仍然生成：",
        override_note: "它的填写者与之前一份报告的填写者相差不到 {k} 位，对比两份报告可能泄露回答。\
            组织者的理由：{reason}",
        groups_note: "各表按至少 {k} 位填写者的分组细分：{groups}。人数较少的批次并入“{other}”。",
        nothing: "没有可显示的内容",
        no_file: "没有可计入报告的问卷文件。",
        too_few: "填写者少于 {k} 位：不显示任何数字。",
        suppressed: "已隐藏",
        total: "合计",
        chart: "图表：{title}",
        footer: "由 Trellis 根据匿名的阶段回顾问卷文件（格式 trellis-survey 1.x）生成。\
            {refused} 个文件被拒绝，未计入。",
    },
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
    page: Page {
        title: "Laporan check-in — {program}",
        heading: "Laporan survei check-in",
        byline: "{program} · program {id} · paket {version}",
        no_program: "Tanpa program",
        responses: "tanggapan",
        fewer_than: "kurang dari {k}",
        min_group: "kelompok terkecil yang ditampilkan (K)",
        nps: "Net Promoter Score",
        hidden_note: "Nilai yang tampil sebagai {hidden} disembunyikan: kelompoknya memiliki kurang dari {k} responden, \
            atau nilai itu akan memungkinkan kelompok yang lebih kecil dari {k} dihitung dari total dan nilai lainnya. \
            Jawaban bersifat anonim; komentar tidak pernah disalin ke laporan ini.",
        override_label: "Dibuat meskipun ditolak catatan laporan:",
        override_note: "respondennya berbeda kurang dari {k} dari responden laporan sebelumnya, \
            sehingga membandingkan keduanya dapat mengungkap jawaban. Alasan penyelenggara: {reason}",
        groups_note: "Tabel dipecah menurut kelompok dengan sedikitnya {k} responden: {groups}. \
            Kohort yang lebih kecil digabungkan ke \u{201c}{other}\u{201d}.",
        nothing: "Tidak ada yang dapat ditampilkan",
        no_file: "Tidak ada berkas survei yang dapat dilaporkan.",
        too_few: "Kurang dari {k} responden: tidak ada jumlah yang ditampilkan.",
        suppressed: "disembunyikan",
        total: "Total",
        chart: "Diagram: {title}",
        footer: "Dibuat oleh Trellis dari berkas survei check-in yang dianonimkan (format trellis-survey 1.x). \
            {refused} berkas ditolak dan tidak dihitung.",
    },
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
    page: Page {
        title: "체크인 보고서 — {program}",
        heading: "체크인 설문 보고서",
        byline: "{program} · 프로그램 {id} · 팩 {version}",
        no_program: "프로그램 없음",
        responses: "응답",
        fewer_than: "{k}명 미만",
        min_group: "표시되는 최소 그룹 (K)",
        nps: "순추천지수(NPS)",
        hidden_note: "{hidden} 표시는 숨겨진 값이에요. 그 그룹의 응답자가 {k}명 미만이거나, \
            합계와 다른 값으로 {k}명 미만의 그룹을 알아낼 수 있기 때문이에요. \
            응답은 익명이고, 의견은 이 보고서에 복사되지 않아요.",
        override_label: "보고서 기록에도 불구하고 작성됨:",
        override_note: "응답자가 이전 보고서와 {k}명 미만으로 달라서, 두 보고서를 비교하면 응답이 드러날 수 있어요. \
            운영자가 밝힌 이유: {reason}",
        groups_note: "표는 응답자가 {k}명 이상인 그룹별로 나뉘어요: {groups}. \
            그보다 적은 기수는 \u{2018}{other}\u{2019}에 합쳐져요.",
        nothing: "표시할 내용이 없어요",
        no_file: "보고서에 넣을 수 있는 설문 파일이 없어요.",
        too_few: "응답자가 {k}명 미만이라 숫자를 표시하지 않아요.",
        suppressed: "숨김",
        total: "합계",
        chart: "차트: {title}",
        footer: "익명 처리된 체크인 설문 파일(형식 trellis-survey 1.x)로 Trellis가 만들었어요. \
            파일 {refused}개가 거부되어 집계되지 않았어요.",
    },
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
    page: Page {
        title: "Informe de seguimiento — {program}",
        heading: "Informe de la encuesta de seguimiento",
        byline: "{program} · programa {id} · paquete {version}",
        no_program: "Sin programa",
        responses: "respuestas",
        fewer_than: "menos de {k}",
        min_group: "grupo más pequeño mostrado (K)",
        nps: "Net Promoter Score",
        hidden_note: "Un valor que aparece como {hidden} está oculto: su grupo tiene menos de {k} personas encuestadas, \
            o permitiría deducir un grupo de menos de {k} a partir de los totales y los demás valores. \
            Las respuestas son anónimas; los comentarios nunca se copian en este informe.",
        override_label: "Hecho a pesar del registro de informes:",
        override_note: "sus personas encuestadas difieren de las de un informe anterior en menos de {k}, \
            así que comparar ambos puede revelar respuestas. El motivo del organizador: {reason}",
        groups_note: "Las tablas se desglosan por grupos de al menos {k} personas encuestadas: {groups}. \
            Una cohorte con menos se une a \u{201c}{other}\u{201d}.",
        nothing: "Nada que mostrar",
        no_file: "No se pudo incluir ningún archivo de encuesta.",
        too_few: "Menos de {k} personas encuestadas: no se muestra ningún conteo.",
        suppressed: "oculto",
        total: "Total",
        chart: "Gráfica: {title}",
        footer: "Hecho por Trellis a partir de archivos de encuesta de seguimiento anonimizados \
            (formato trellis-survey 1.x). Se rechazaron {refused} archivo(s), que no se cuentan.",
    },
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
    page: Page {
        title: "Check-in-Bericht — {program}",
        heading: "Bericht der Check-in-Umfrage",
        byline: "{program} · Programm {id} · Paket {version}",
        no_program: "Kein Programm",
        responses: "Antworten",
        fewer_than: "weniger als {k}",
        min_group: "kleinste gezeigte Gruppe (K)",
        nps: "Net-Promoter-Score",
        hidden_note: "Ein als {hidden} gezeigter Wert ist ausgeblendet: Seine Gruppe hat weniger als {k} Befragte, \
            oder er würde erlauben, eine Gruppe von weniger als {k} aus den Summen und den anderen Werten \
            zu erschließen. Die Antworten sind anonym; Kommentare werden nie in diesen Bericht übernommen.",
        override_label: "Trotz des Berichtsprotokolls erstellt:",
        override_note: "Seine Befragten unterscheiden sich von denen eines früheren Berichts um weniger als {k}, \
            daher kann ein Vergleich der beiden Antworten preisgeben. Der Grund des Organisators: {reason}",
        groups_note: "Die Tabellen sind nach Gruppen von mindestens {k} Befragten aufgeteilt: {groups}. \
            Eine Kohorte mit weniger Befragten gehört zu \u{201e}{other}\u{201c}.",
        nothing: "Nichts zu zeigen",
        no_file: "Keine Umfragedatei konnte ausgewertet werden.",
        too_few: "Weniger als {k} Befragte: Es wird keine Zahl gezeigt.",
        suppressed: "ausgeblendet",
        total: "Summe",
        chart: "Diagramm: {title}",
        footer: "Von Trellis aus anonymisierten Umfragedateien der Check-ins erstellt \
            (Format trellis-survey 1.x). {refused} Datei(en) wurden abgelehnt und nicht gezählt.",
    },
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

    /// Every word and template of the tables (not the page's: see
    /// [`Page::all`]), in one order for every language.
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

impl Page {
    /// Every word and template of the page, in one order for every language.
    pub fn all(&self) -> Vec<&'static str> {
        vec![
            self.title,
            self.heading,
            self.byline,
            self.no_program,
            self.responses,
            self.fewer_than,
            self.min_group,
            self.nps,
            self.hidden_note,
            self.override_label,
            self.override_note,
            self.groups_note,
            self.nothing,
            self.no_file,
            self.too_few,
            self.suppressed,
            self.total,
            self.chart,
            self.footer,
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::placeholders;

    #[test]
    fn every_language_fills_the_same_placeholders() {
        let every = |w: &Words| [w.all(), w.page.all()].concat();
        for lang in Lang::ALL {
            let all = every(Words::of(lang));
            assert_eq!(all.len(), every(&EN).len());
            for (en, other) in every(&EN).iter().zip(all) {
                assert_eq!(placeholders(en), placeholders(other), "{lang}: {other}");
                assert!(!other.trim().is_empty(), "{lang}");
            }
        }
    }

    #[test]
    fn the_pages_words_are_plain_text() {
        for lang in Lang::ALL {
            for w in Words::of(lang).page.all() {
                assert!(!w.contains(['<', '>', '&', '"']), "{lang}: {w}");
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
