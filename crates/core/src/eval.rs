//! Evaluation cases (the format of tests/data/EVAL_FORMAT.md): reading them, answering
//! them in batch, and scoring top-1 / top-3, refusals and deadlines.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{DateTime, FixedOffset};
use serde::Deserialize;

use crate::answer::{Answer, Outcome};
use crate::engine::{Engine, Question};

/// One case.
#[derive(Debug, Clone, Deserialize)]
pub struct Case {
    #[serde(default)]
    pub id: Option<String>,
    pub question: String,
    #[serde(default)]
    pub jurisdiction: Option<String>,
    #[serde(default)]
    pub now: Option<String>,
    #[serde(default)]
    pub expect: Option<Expect>,
    #[serde(default)]
    pub deadline: Option<ExpectedDeadline>,
}

/// What a correct answer cites.
#[derive(Debug, Clone, Deserialize)]
pub struct Expect {
    pub kind: String,
    #[serde(default)]
    pub accept: Vec<Accept>,
}

/// One acceptable citation.
#[derive(Debug, Clone, Deserialize)]
pub struct Accept {
    pub doc: String,
    pub article: u32,
    #[serde(default)]
    pub phrase: Option<String>,
}

/// The date a deadline case must compute.
#[derive(Debug, Clone, Deserialize)]
pub struct ExpectedDeadline {
    pub date: String,
    #[serde(default)]
    pub rule: Option<String>,
}

/// Asia/Shanghai.
pub fn shanghai() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("valid offset")
}

/// Reads a case's `now`, or the current time.
pub fn parse_now(now: Option<&str>) -> Result<DateTime<FixedOffset>, String> {
    match now {
        Some(s) => DateTime::parse_from_rfc3339(s)
            .map(|d| d.with_timezone(&shanghai()))
            .map_err(|e| format!("now 字段不是 RFC 3339 时间({s}): {e}")),
        None => Ok(chrono::Utc::now().with_timezone(&shanghai())),
    }
}

/// Answers one case (the `--batch` line); an error is a message for the `error` field.
pub fn answer_case(engine: &Engine, case: &Case) -> Result<Answer, String> {
    answer_case_explained(engine, case, false).map(|(a, _)| a)
}

/// [`answer_case`], with the `--explain` text of how the question was read and
/// ranked when `explain` is set (`None` for input refused before reading).
pub fn answer_case_explained(
    engine: &Engine,
    case: &Case,
    explain: bool,
) -> Result<(Answer, Option<String>), String> {
    let now = parse_now(case.now.as_deref())?;
    let jurisdiction = match case.jurisdiction.as_deref() {
        Some(j) => Some(
            engine
                .resolve_jurisdiction(j)
                .ok_or_else(|| format!("未收录的辖区:{j}"))?,
        ),
        None => None,
    };
    let q = Question {
        text: &case.question,
        jurisdiction: jurisdiction.as_deref(),
        now,
    };
    if !explain {
        return Ok((engine.ask(&q), None));
    }
    let (answer, why) = engine.ask_explained(&q);
    let text = why.map(|(reading, ranking)| crate::explain::render(engine, &reading, &ranking));
    Ok((answer, text))
}

fn matches(answer: &Answer, i: usize, accept: &[Accept]) -> bool {
    answer
        .citations
        .get(i)
        .is_some_and(|c| cited_matches(c, accept))
}

fn cited_matches(c: &crate::answer::Citation, accept: &[Accept]) -> bool {
    accept.iter().any(|a| {
        a.doc == c.jurisdiction
            && a.phrase.as_deref().is_none_or(|p| c.text.contains(p))
            && (a.phrase.is_some() || a.article == c.article)
    })
}

/// The figures of one evaluation run.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub article_cases: usize,
    pub top1: usize,
    pub top3: usize,
    /// `article` cases refused.
    pub false_refusals: usize,
    pub none_cases: usize,
    /// `none` cases refused (correct).
    pub correct_refusals: usize,
    pub deadline_cases: usize,
    pub deadline_exact: usize,
    pub errors: usize,
    /// jurisdiction → (cases, top-1)
    pub per_jurisdiction: BTreeMap<String, (usize, usize)>,
    /// Plain keyword search (character-bigram BM25 over the stored text, the
    /// chat's default jurisdiction as the only filter): top-1, top-3.
    pub keyword_top1: usize,
    pub keyword_top3: usize,
    /// Confidence in tenths → (answered or clarified cases, first citation right).
    pub calibration: BTreeMap<u8, (usize, usize)>,
    pub failures: Vec<String>,
}

impl Report {
    fn pct(a: usize, b: usize) -> f64 {
        if b == 0 {
            100.0
        } else {
            100.0 * a as f64 / b as f64
        }
    }

    /// Top-1 share of `article` cases, in percent.
    pub fn top1_pct(&self) -> f64 {
        Self::pct(self.top1, self.article_cases)
    }

    /// The summary a person reads.
    pub fn render(&self) -> String {
        let mut s = String::new();
        if !self.failures.is_empty() {
            let _ = writeln!(s, "未通过的用例:");
            for f in &self.failures {
                let _ = writeln!(s, "  {f}");
            }
            let _ = writeln!(s);
        }
        let _ = writeln!(s, "按辖区(条文用例 top-1):");
        for (j, (n, ok)) in &self.per_jurisdiction {
            let _ = writeln!(s, "  {j}: {ok}/{n} ({:.1}%)", Self::pct(*ok, *n));
        }
        let _ = writeln!(
            s,
            "条文用例 {}: top-1 {}/{} ({:.1}%), top-3 {}/{} ({:.1}%), 误拒 {}",
            self.article_cases,
            self.top1,
            self.article_cases,
            self.top1_pct(),
            self.top3,
            self.article_cases,
            Self::pct(self.top3, self.article_cases),
            self.false_refusals
        );
        let _ = writeln!(
            s,
            "拒答用例 {}: 正确拒答 {}/{}",
            self.none_cases, self.correct_refusals, self.none_cases
        );
        let _ = writeln!(
            s,
            "时限用例 {}: 日期完全正确 {}/{}; 出错 {}",
            self.deadline_cases, self.deadline_exact, self.deadline_cases, self.errors
        );
        let _ = writeln!(
            s,
            "关键词检索基线(字二元 BM25): top-1 {}/{} ({:.1}%), top-3 {}/{} ({:.1}%)",
            self.keyword_top1,
            self.article_cases,
            Self::pct(self.keyword_top1, self.article_cases),
            self.keyword_top3,
            self.article_cases,
            Self::pct(self.keyword_top3, self.article_cases)
        );
        let _ = write!(s, "置信度与首条引用正确率(条文与拒答用例中给出引用的):");
        for (tenth, (n, ok)) in &self.calibration {
            let _ = write!(
                s,
                "\n  {:.1}–{:.1}: {ok}/{n}",
                *tenth as f32 / 10.0,
                (*tenth + 1) as f32 / 10.0
            );
        }
        s
    }

    /// One row of the side-by-side table of `rulebot eval A B …`.
    pub fn row(&self, name: &str) -> String {
        format!(
            "| {name} | {}/{} | {:.1} % | {:.1} % | {} ({:.1} %) | {:.1} % | {}/{} | {:.1} % / {:.1} % |",
            self.article_cases,
            self.none_cases,
            self.top1_pct(),
            Self::pct(self.top3, self.article_cases),
            self.false_refusals,
            Self::pct(self.false_refusals, self.article_cases),
            Self::pct(self.correct_refusals, self.none_cases),
            self.deadline_exact,
            self.deadline_cases,
            Self::pct(self.keyword_top1, self.article_cases),
            Self::pct(self.keyword_top3, self.article_cases),
        )
    }

    /// The header of [`Report::row`]'s table.
    pub const TABLE_HEAD: &'static str = "| 用例集 | 条文/拒答 | top-1 | top-3 | 误拒 | 正确拒答 | 时限日期 | 关键词检索 top-1 / top-3 |\n|---|---|---|---|---|---|---|---|";
}

/// Runs every case and scores it.
pub fn evaluate(engine: &Engine, cases: &[Case]) -> Report {
    let mut r = Report::default();
    let keyword = crate::search::SearchIndex::build(&engine.corpus.articles, &|a| a.text.clone());
    for case in cases {
        if case.expect.as_ref().is_some_and(|e| e.kind == "article") {
            let j = case
                .jurisdiction
                .as_deref()
                .and_then(|j| engine.resolve_jurisdiction(j));
            let filter: Vec<&str> = j.iter().map(String::as_str).collect();
            let hits = keyword.search(
                &case.question,
                (!filter.is_empty()).then_some(filter.as_slice()),
                3,
            );
            let accept = &case.expect.as_ref().expect("article case").accept;
            let right = |i: usize| {
                hits.get(i).is_some_and(|h| {
                    let c = crate::answer::Citation::of(&engine.corpus, h.article);
                    cited_matches(&c, accept)
                })
            };
            if right(0) {
                r.keyword_top1 += 1;
            }
            if (0..3).any(right) {
                r.keyword_top3 += 1;
            }
        }
        let id = case.id.clone().unwrap_or_default();
        let answer = match answer_case(engine, case) {
            Ok(a) => a,
            Err(e) => {
                r.errors += 1;
                r.failures.push(format!("{id}: 错误 {e}"));
                continue;
            }
        };
        if !matches!(answer.outcome, Outcome::Refused(_))
            && let Some(c) = answer.confidence
        {
            let right = case
                .expect
                .as_ref()
                .is_some_and(|e| e.kind == "article" && matches(&answer, 0, &e.accept));
            let slot = r.calibration.entry(((c * 10.0) as u8).min(9)).or_default();
            slot.0 += 1;
            if right {
                slot.1 += 1;
            }
        }
        let cited = answer
            .citations
            .first()
            .filter(|_| !matches!(answer.outcome, Outcome::Refused(_)))
            .map(|c| format!("{} {}", c.jurisdiction, c.header()))
            .unwrap_or_else(|| "(未引用)".into());
        if let Some(expect) = &case.expect {
            match expect.kind.as_str() {
                "article" => {
                    r.article_cases += 1;
                    let refused = matches!(answer.outcome, Outcome::Refused(_));
                    let top1 = !refused && matches(&answer, 0, &expect.accept);
                    let top3 = !refused && (0..3).any(|i| matches(&answer, i, &expect.accept));
                    if refused {
                        r.false_refusals += 1;
                    }
                    if top1 {
                        r.top1 += 1;
                    }
                    if top3 {
                        r.top3 += 1;
                    }
                    let j = expect
                        .accept
                        .first()
                        .map(|a| a.doc.clone())
                        .unwrap_or_default();
                    let e = r.per_jurisdiction.entry(j).or_default();
                    e.0 += 1;
                    if top1 {
                        e.1 += 1;
                    }
                    if !top1 {
                        let want: Vec<String> = expect
                            .accept
                            .iter()
                            .map(|a| format!("{} 第{}条", a.doc, a.article))
                            .collect();
                        r.failures.push(format!(
                            "{id}: {} → 引用 {cited};应为 {}",
                            case.question,
                            want.join(" 或 ")
                        ));
                    }
                }
                "none" => {
                    r.none_cases += 1;
                    if matches!(answer.outcome, Outcome::Refused(_)) {
                        r.correct_refusals += 1;
                    } else {
                        r.failures
                            .push(format!("{id}: {} → 应拒答,却引用 {cited}", case.question));
                    }
                }
                _ => {}
            }
        }
        if let Some(want) = &case.deadline {
            r.deadline_cases += 1;
            let got = answer.deadline.as_ref().map(|d| d.date.clone());
            if got.as_deref() == Some(want.date.as_str()) {
                r.deadline_exact += 1;
            } else {
                r.failures.push(format!(
                    "{id}: {} → 日期 {};应为 {}",
                    case.question,
                    got.unwrap_or_else(|| "(未计算)".into()),
                    want.date
                ));
            }
        }
    }
    r
}

/// Reads JSON lines; a malformed line is returned as an error with its number.
pub fn read_cases(text: &str) -> Vec<Result<Case, String>> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str::<Case>(l).map_err(|e| format!("第{}行不是有效的用例: {e}", i + 1))
        })
        .collect()
}
