//! The rule documents as citable entries: documents, articles and the time limits inside them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Metadata of one rule document, read from `data/rules/<id>.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentMeta {
    /// Full name of the jurisdiction, e.g. `朝阳市双塔区`.
    pub jurisdiction: String,
    /// Other names people use for it, e.g. `双塔`, `朝阳双塔`.
    #[serde(default)]
    pub short_names: Vec<String>,
    /// One-character abbreviations used in phrases such as `离朝`, `离昆`.
    #[serde(default)]
    pub abbreviations: Vec<String>,
    /// How the document names its own government, e.g. `市政府`, `区政府`.
    #[serde(default)]
    pub government: Option<String>,
    /// Document title, e.g. `朝阳市双塔区人民政府工作规则`.
    pub title: String,
    /// 文号, e.g. `朝双政发〔2022〕7号`.
    #[serde(default)]
    pub doc_number: Option<String>,
    /// Date issued.
    #[serde(default)]
    pub issued: Option<NaiveDate>,
    /// The text file (in the same folder) holding the page as scraped.
    pub source: String,
    /// A note on the scraped text, e.g. where it is incomplete.
    #[serde(default)]
    pub note: Option<String>,
    /// Characters the scrape lost (双塔's 区: 由长召集 for 由区长召集), restored
    /// for matching only: citations quote the stored text.
    #[serde(default)]
    pub lost: Vec<LostText>,
}

/// One restoration of characters a scraped page lost: where `re` matches, the
/// matching text reads `to` (regex replacement syntax, `${1}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LostText {
    /// What is left on the page (a Rust regex).
    pub re: String,
    /// What matching reads instead.
    pub to: String,
}

impl DocumentMeta {
    /// The note, when it says the scraped text is incomplete (抓取文本不完整…).
    pub fn incomplete_note(&self) -> Option<&str> {
        self.note.as_deref().filter(|n| n.contains("不完整"))
    }

    /// The date issued, as written in answers (2012年5月12日).
    pub fn issued_text(&self) -> Option<String> {
        self.issued.map(|d| d.format("%Y年%-m月%-d日").to_string())
    }
}

/// A parsed document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Stable id: the metadata file's stem, e.g. `shuangta-2022`.
    pub id: String,
    pub meta: DocumentMeta,
    pub article_count: usize,
    /// What the parser noticed: inferred numbers, incomplete text …
    pub anomalies: Vec<Anomaly>,
}

/// Something the parser noticed in a source page, with its line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Anomaly {
    /// 1-based line in the source file.
    pub line: usize,
    pub message: String,
}

/// One article (条) of a document, with its text exactly as the source has it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub doc_id: String,
    pub jurisdiction: String,
    /// The article's number in sequence (第N条 or N、), 1-based.
    pub number: u32,
    /// The label as printed (`第四十四条`, `四十一、`, `二十`), empty where the source lost it.
    pub label: String,
    /// The chapter heading it stands under, as printed.
    pub chapter: Option<String>,
    /// The article's text as the source has it (split lines joined), without its label.
    pub text: String,
    /// The number was recovered from the sequence, not read from the page.
    pub number_inferred: bool,
    /// The scraped text stops inside this article.
    pub incomplete: bool,
    /// 1-based line in the source where the article starts.
    pub line: usize,
    /// Time limits, frequencies, thresholds … found in the text.
    pub limits: Vec<TimeLimit>,
}

impl Article {
    /// An article numbered 1 of `jurisdiction` with `text` and nothing else
    /// read from it, for tests.
    #[cfg(test)]
    pub(crate) fn sample(jurisdiction: &str, text: &str) -> Article {
        Article {
            doc_id: jurisdiction.into(),
            jurisdiction: jurisdiction.into(),
            number: 1,
            label: String::new(),
            chapter: None,
            text: text.into(),
            number_inferred: false,
            incomplete: false,
            line: 1,
            limits: vec![],
        }
    }

    /// The article's number as a citation shows it, e.g. `第四十四条`.
    pub fn cite_number(&self) -> String {
        format!("第{}条", crate::text::chinese_numeral(self.number))
    }
}

/// What kind of limit a phrase in an article sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LimitKind {
    /// N个工作日内 (DEADLINES.md rule 1).
    WorkingDaysWithin,
    /// N日内 / N天内 (rule 2, or rule 4 when the start day counts).
    CalendarDaysWithin,
    /// 提前N天 / N天前 (rule 5).
    DaysInAdvance,
    /// A term of N months or years (rule 3), e.g. 聘期为两年, 1个月内有结果.
    Term,
    /// 每月召开二次, 一般每半年召开一次, 一年不超过一次.
    Frequency,
    /// 外出1天以上.
    Threshold,
    /// 半数以上出席.
    Quorum,
    /// 一般聘2-3人.
    Count,
    /// 2小时内报告, 24小时之内: a limit in hours, stated (a date alone cannot hold it).
    HoursWithin,
    /// 延长的期限最长不得超过20个工作日: how far a limit may be extended, stated
    /// (the date it gives depends on the limit extended and on a decision).
    Extension,
    /// 每年1月31日前: a date in every year (DEADLINES.md rule 6). `quantity` is
    /// the month, `quantity_max` the day.
    YearlyDate,
    /// 年休假5天, 休假15天: a number of days granted or spent, stated (not
    /// counted from an event).
    Duration,
}

impl LimitKind {
    /// A kind that yields a date from an event (DEADLINES.md rules 1–5), not a
    /// frequency, threshold, quorum or count.
    pub fn is_deadline(self) -> bool {
        matches!(
            self,
            LimitKind::WorkingDaysWithin
                | LimitKind::CalendarDaysWithin
                | LimitKind::DaysInAdvance
                | LimitKind::Term
                | LimitKind::YearlyDate
        )
    }

    /// A kind that answers "how long" (几天 / 多久 / 时限): a deadline kind, or a
    /// limit in hours (stated, never dated).
    pub fn answers_how_long(self) -> bool {
        self.is_deadline()
            || matches!(
                self,
                LimitKind::HoursWithin | LimitKind::Extension | LimitKind::Duration
            )
    }
}

pub use crate::event::Event;

/// One time limit (or frequency, threshold, quorum, count) found in an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeLimit {
    pub kind: LimitKind,
    /// The quantity (N); for a range such as 2-3 the lower bound.
    pub quantity: u32,
    /// Upper bound of a range (2-3人), if any.
    pub quantity_max: Option<u32>,
    /// The unit as written: 工作日, 日, 天, 个月, 年, 次, 人 …
    pub unit: String,
    /// For a frequency: the period (月, 半年, 年, 两周, 半月, 周).
    pub per: Option<String>,
    /// The event it counts from or before.
    pub event: Option<Event>,
    /// The start day counts as day 1 (从部署当日算起).
    pub start_counts: bool,
    /// The exact text span in the article.
    pub span: String,
    /// The clause around the span (for choosing which limit a question is about).
    pub context: String,
    /// Byte offset of `span` in the article text.
    pub offset: usize,
}
