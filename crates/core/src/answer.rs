//! An answer (citations, deadline, refusal) and its transport-free renderings:
//! plain text (the terminal, plain fallbacks) and the JSON of `ask --json`. Each
//! chat platform renders it its own way (Telegram HTML is in the binary's `bot`).

use serde::Serialize;

use crate::rules::Article;
use crate::rules::parse::Corpus;

/// One cited article, with everything a citation shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Citation {
    /// Full name of the jurisdiction, e.g. 株洲市.
    pub jurisdiction: String,
    /// Document title, e.g. 株洲市人民政府工作规则.
    pub document: String,
    /// The article's number in sequence.
    pub article: u32,
    /// The label as printed (`第四十四条`, `四十一、`), empty where lost.
    pub label: String,
    /// The article's text exactly as stored.
    pub text: String,
    /// The number was recovered from the sequence (条号据上下文推定).
    pub number_inferred: bool,
    /// The scraped text stops inside this article.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub incomplete: bool,
    /// Labelled lines for this article alone (its limit, frequency, computed
    /// date), when an answer quotes several jurisdictions or offers it as an
    /// option ("did you mean").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<String>,
    #[serde(skip)]
    pub doc_number: Option<String>,
    #[serde(skip)]
    pub index: usize,
}

impl Citation {
    /// Builds the citation of article `index` of the corpus.
    pub fn of(corpus: &Corpus, index: usize) -> Citation {
        let a: &Article = &corpus.articles[index];
        let doc = corpus.document(&a.doc_id);
        Citation {
            jurisdiction: a.jurisdiction.clone(),
            document: doc.map(|d| d.meta.title.clone()).unwrap_or_default(),
            article: a.number,
            label: a.label.clone(),
            text: a.text.clone(),
            number_inferred: a.number_inferred,
            incomplete: a.incomplete,
            lines: Vec::new(),
            doc_number: doc.and_then(|d| d.meta.doc_number.clone()),
            index,
        }
    }

    /// The header: 《株洲市人民政府工作规则》第四十四条.
    pub fn header(&self) -> String {
        format!(
            "《{}》第{}条",
            self.document,
            crate::text::chinese_numeral(self.article)
        )
    }

    /// Notes on the citation: inferred number, incomplete text.
    pub fn notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if self.number_inferred {
            if self.label.trim().is_empty() {
                notes.push("条号据上下文推定(原文条号缺失)".to_string());
            } else {
                notes.push(format!("条号据上下文推定(原文印作“{}”)", self.label.trim()));
            }
        }
        if self.incomplete {
            notes.push("原文抓取不完整,此条文本在中途中断".to_string());
        }
        notes
    }

    /// A short excerpt for lists of alternatives.
    pub fn excerpt(&self, chars: usize) -> String {
        let first = self.text.lines().next().unwrap_or("");
        // Where the character after the first `chars` starts, if there is one.
        let cut = first.char_indices().nth(chars).map(|(i, _)| i);
        let mut s = first[..cut.unwrap_or(first.len())].to_string();
        if cut.is_some() || self.text.contains('\n') {
            s.push('…');
        }
        s
    }
}

/// A computed deadline, as the answer shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeadlineOut {
    /// YYYY-MM-DD
    pub date: String,
    /// One line of reasoning.
    pub rule: String,
    /// 最晚:2026年9月30日(周三)
    #[serde(skip)]
    pub display: String,
    /// Extra notes (a year computed on weekends only …).
    #[serde(skip)]
    pub notes: Vec<String>,
}

/// Why nothing is cited.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Refusal {
    /// No rule covers the question.
    NoMatch { topics: Vec<String> },
    /// The question is about something the work rules do not govern.
    OutOfScope { topic: String, topics: Vec<String> },
    /// The topic is covered, but this jurisdiction's document has no article on it.
    NotInDocument {
        jurisdiction: String,
        topic: String,
        /// The document's note, where its scraped text is incomplete.
        note: Option<String>,
    },
    /// The question asks for a quantity that the closest article does not state.
    NotStated {
        what: String,
        /// The closest article's citation header and jurisdiction.
        nearest: String,
    },
    /// The article asked for by its number is not in the documents in scope.
    NoSuchArticle {
        /// Each document searched: 《title》 and how many articles its text has.
        documents: Vec<String>,
        /// 第N条 as asked.
        number: u32,
        /// Notes of documents whose scraped text is incomplete.
        notes: Vec<String>,
    },
    /// The question asks what a document says that rulebot does not hold.
    UnheldDocument {
        /// The title as asked, without 《》.
        title: String,
        /// The titles held, in 《》.
        held: Vec<String>,
    },
    /// The question names a place rulebot has no document for.
    UnknownPlace { place: String, known: Vec<String> },
    /// Small talk, or a question about what rulebot is.
    ChitChat,
    /// A question about what rulebot holds: the documents (jurisdiction and title).
    Documents { held: Vec<String> },
    /// The input cannot be a question (empty, too long, junk).
    BadInput { message: String },
}

/// What kind of answer this is.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The first citation governs the question.
    Answer,
    /// Not sure: the citations are "did you mean" alternatives.
    Clarify,
    /// Nothing is cited.
    Refused(Refusal),
}

/// The answer to one question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answer {
    pub outcome: Outcome,
    /// Best first. For an answer without a jurisdiction: one governing article per
    /// jurisdiction, best first.
    pub citations: Vec<Citation>,
    /// How many of `citations` are governing (the rest are alternatives).
    pub governing: usize,
    pub deadline: Option<DeadlineOut>,
    /// The time limit stated without a date, and an invitation to give one.
    pub limit_note: Option<String>,
    /// One line that applies the article to the asker's slot (role, place).
    pub applied: Option<String>,
    /// A second question of the message that no work rule covers, said back
    /// (另:“今天食堂几点开饭”属于机关食堂与就餐,不属于政府工作规则的内容。).
    pub aside: Option<String>,
    /// How sure rulebot was of the first citation (0‥1), where it ranked.
    #[serde(skip)]
    pub confidence: Option<f32>,
}

impl Answer {
    /// A refusal.
    pub fn refused(r: Refusal) -> Answer {
        Answer {
            outcome: Outcome::Refused(r),
            citations: Vec::new(),
            governing: 0,
            deadline: None,
            limit_note: None,
            applied: None,
            aside: None,
            confidence: None,
        }
    }

    /// The plain-text rendering (terminal, `answer` field of the JSON).
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        match &self.outcome {
            Outcome::Refused(r) => out.push_str(&refusal_text(r)),
            Outcome::Clarify => {
                out.push_str(CLARIFY_HEAD);
                out.push('\n');
                for (i, c) in self.options().iter().enumerate() {
                    out.push_str(&format!(
                        "{}. {}({}):{}\n",
                        i + 1,
                        c.header(),
                        c.jurisdiction,
                        c.excerpt(OPTION_EXCERPT)
                    ));
                    for line in &c.lines {
                        out.push_str(&format!("   {line}\n"));
                    }
                }
                if let Some(c) = self.options().first() {
                    out.push_str(&format!("\n{}", clarify_hint(c)));
                }
                if let Some(x) = &self.aside {
                    out.push_str(&format!("\n\n{x}"));
                }
            }
            Outcome::Answer => {
                for (i, c) in self
                    .citations
                    .iter()
                    .take(self.governing.max(1))
                    .enumerate()
                {
                    if i > 0 {
                        out.push('\n');
                    }
                    out.push_str(&format!("{}({})\n", c.header(), c.jurisdiction));
                    for n in c.notes() {
                        out.push_str(&format!("〔{n}〕\n"));
                    }
                    for line in c.text.lines() {
                        out.push_str(&format!("> {line}\n"));
                    }
                    for line in &c.lines {
                        out.push_str(&format!("{}:{line}\n", c.jurisdiction));
                    }
                }
                if let Some(a) = &self.applied {
                    out.push_str(&format!("\n{a}\n"));
                }
                if self.governing > 1 {
                    // Each jurisdiction's lines stand under its own quote.
                } else if let Some(d) = &self.deadline {
                    out.push_str(&format!("\n{}\n依据:{}\n", d.display, d.rule));
                    for n in &d.notes {
                        out.push_str(&format!("注:{n}\n"));
                    }
                } else if let Some(n) = &self.limit_note {
                    out.push_str(&format!("\n{n}\n"));
                }
                let others: Vec<&Citation> =
                    self.citations.iter().skip(self.governing.max(1)).collect();
                if !others.is_empty() {
                    out.push_str("\n其他可能相关的条文:\n");
                    for c in others {
                        out.push_str(&format!(
                            "· {}({}):{}\n",
                            c.header(),
                            c.jurisdiction,
                            c.excerpt(30)
                        ));
                    }
                }
                if let Some(x) = &self.aside {
                    out.push_str(&format!("\n{x}\n"));
                }
            }
        }
        out.trim_end().to_string()
    }

    /// The JSON object of `ask --json`.
    pub fn to_json(&self) -> serde_json::Value {
        let cited: &[Citation] = match self.outcome {
            Outcome::Refused(_) => &[],
            _ => &self.citations,
        };
        serde_json::json!({
            "answer": self.to_text(),
            "outcome": match &self.outcome {
                Outcome::Answer => "answer",
                Outcome::Clarify => "clarify",
                Outcome::Refused(_) => "refused",
            },
            "citations": cited,
            "deadline": self.deadline,
            "confidence": self.confidence,
        })
    }
}

/// The first line of a "did you mean".
pub const CLARIFY_HEAD: &str = "没有把握确定您问的是哪一条,您是不是想问:";
/// How many articles a "did you mean" offers.
pub(crate) const OPTIONS: usize = 3;
/// Characters of each option's opening words.
pub const OPTION_EXCERPT: usize = 40;

/// How to read one of the options in full.
pub fn clarify_hint(c: &Citation) -> String {
    format!(
        "查看全文:/article 辖区 条号,例如 /article {} {}",
        c.jurisdiction, c.article
    )
}

impl Answer {
    /// The articles a "did you mean" offers, best first (2–3 when there are).
    pub fn options(&self) -> &[Citation] {
        &self.citations[..self.citations.len().min(OPTIONS)]
    }
}

impl Answer {
    /// An answer that is exactly one article (`/article`).
    pub fn single(c: Citation) -> Answer {
        Answer {
            outcome: Outcome::Answer,
            citations: vec![c],
            governing: 1,
            deadline: None,
            limit_note: None,
            applied: None,
            aside: None,
            confidence: None,
        }
    }
}

/// Splits plain text into pieces of at most `max` characters, on line breaks where
/// possible, else on sentence ends, else anywhere.
pub fn split_text(text: &str, max: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for line in text.split_inclusive('\n') {
        if cur.chars().count() + line.chars().count() <= max {
            cur.push_str(line);
            continue;
        }
        if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        let mut rest: Vec<char> = line.chars().collect();
        while rest.len() > max {
            let window = &rest[..max];
            let cut = window
                .iter()
                .rposition(|c| matches!(c, '。' | ';' | ','))
                .map(|i| i + 1)
                .filter(|i| *i > max / 2)
                .unwrap_or(max);
            out.push(rest[..cut].iter().collect());
            rest = rest[cut..].to_vec();
        }
        cur = rest.into_iter().collect();
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// A few of the topics covered, for a refusal (the whole list is too long to read).
fn some_topics(topics: &[String]) -> String {
    const SHOWN: usize = 10;
    let mut s = topics
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join("、");
    if topics.len() > SHOWN {
        s.push_str(&format!("等{}类问题(发送 /help 查看示例)", topics.len()));
    }
    s
}

/// The message shown for a refusal.
pub fn refusal_text(r: &Refusal) -> String {
    match r {
        Refusal::NoMatch { topics } => format!(
            "没有找到相关规定。\n本助手只回答政府工作规则中的问题,例如:{}。",
            some_topics(topics)
        ),
        Refusal::OutOfScope { topic, topics } => format!(
            "没有找到相关规定:{topic}不属于政府工作规则的内容,请咨询主管部门或查阅相关专门规定。\n本助手可以回答:{}。",
            some_topics(topics)
        ),
        Refusal::NotInDocument {
            jurisdiction,
            topic,
            note,
        } => {
            let mut t = format!("没有找到相关规定:{jurisdiction}的工作规则中没有关于“{topic}”的条文。");
            if let Some(n) = note {
                t.push_str(&format!("\n注:{n}"));
            }
            t
        }
        Refusal::NotStated { what, nearest } => format!(
            "没有找到相关规定:收录的工作规则没有规定您问的{what}。最接近的条文是{nearest},但其中没有写明{what}。"
        ),
        Refusal::UnheldDocument { title, held } => format!(
            "暂未收录《{title}》,无法引用它的条文;收录的工作规则中也没有提到它。目前收录的有:{}。",
            held.join("、")
        ),
        Refusal::UnknownPlace { place, known } => format!(
            "暂未收录{place}的工作规则。目前收录的有:{}。",
            known.join("、")
        ),
        Refusal::ChitChat => {
            "您好!我是规则助手,可以查询政府工作规则的条文并计算办理时限。请直接提问,例如:“常务会议多久开一次?”“会签文件几天内回复?”".to_string()
        }
        Refusal::NoSuchArticle {
            documents,
            number,
            notes,
        } => {
            let mut t = format!("{}没有第{number}条。", documents.join("、"));
            for n in notes {
                t.push_str(&format!("\n注:{n}"));
            }
            t
        }
        Refusal::Documents { held } => format!(
            "目前收录的工作规则:{}。发送 /rules 查看文号、日期和条数。",
            held.join("、")
        ),
        Refusal::BadInput { message } => message.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusal_names_known_places() {
        let t = refusal_text(&Refusal::UnknownPlace {
            place: "苏州市".into(),
            known: vec!["昆山市".into(), "株洲市".into()],
        });
        assert!(t.contains("暂未收录苏州市的工作规则") && t.contains("昆山市、株洲市"));
        // A body is named as it is, not as a place (国务院 is no 该地).
        let t = refusal_text(&Refusal::UnknownPlace {
            place: "国务院".into(),
            known: vec!["昆山市".into()],
        });
        assert!(t.starts_with("暂未收录国务院的工作规则"), "{t}");
    }

    #[test]
    fn an_excerpt_is_the_first_line_cut_at_so_many_characters() {
        let c = cite("某市", 1, "市政府常务会议每月召开");
        assert_eq!(c.excerpt(3), "市政府…");
        assert_eq!(c.excerpt(11), "市政府常务会议每月召开");
        assert_eq!(c.excerpt(20), "市政府常务会议每月召开");
        assert_eq!(c.excerpt(0), "…");
        let c = cite("某市", 1, "第一行\n第二行");
        assert_eq!(c.excerpt(10), "第一行…");
    }

    fn cite(j: &str, n: u32, text: &str) -> Citation {
        Citation {
            jurisdiction: j.into(),
            document: format!("{j}人民政府工作规则"),
            article: n,
            label: format!("第{n}条"),
            text: text.into(),
            number_inferred: false,
            incomplete: false,
            lines: Vec::new(),
            doc_number: None,
            index: 0,
        }
    }

    #[test]
    fn did_you_mean_offers_two_or_three_labelled_options() {
        let a = Answer {
            outcome: Outcome::Clarify,
            citations: (1..=5)
                .map(|n| cite("株洲市", 40 + n, &format!("第{n}条的正文。").repeat(30)))
                .collect(),
            governing: 0,
            deadline: None,
            limit_note: None,
            applied: None,
            aside: None,
            confidence: Some(0.75),
        };
        let t = a.to_text();
        assert!(t.starts_with(CLARIFY_HEAD), "{t}");
        assert!(
            t.contains("1. 《株洲市人民政府工作规则》第四十一条(株洲市)"),
            "{t}"
        );
        assert!(t.contains("3. 《株洲市人民政府工作规则》第四十三条"), "{t}");
        assert!(!t.contains("4. "), "{t}");
        assert!(t.contains("/article 株洲市 41"), "{t}");
        // Options, not a quote: no article is given in full.
        assert!(t.chars().count() < 400, "{t}");
    }
}
