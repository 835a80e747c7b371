//! The brain in one place: the corpus, search index, intents and calendar, and
//! the answer to a question. Every transport (CLI, terminal chat, Telegram)
//! goes through [`Engine::ask`]; the store crate opens one from its store.

use chrono::{DateTime, Datelike, FixedOffset};
use thiserror::Error;

use crate::answer::{Answer, Citation, DeadlineOut, OPTIONS, Outcome, Refusal};
use crate::calendar::Calendar;
use crate::intents::IntentSet;
use crate::rank::{Decision, Ranking, RefuseReason, Weights, rank_reading};
use crate::reading::{Asks, Reading};
use crate::rules::parse::Corpus;
use crate::rules::{LimitKind, TimeLimit};
use crate::search::SearchIndex;

pub use crate::text::MAX_QUESTION_CHARS;

/// A question with its context.
#[derive(Debug, Clone)]
pub struct Question<'a> {
    pub text: &'a str,
    /// The chat's default jurisdiction (full name), if any.
    pub jurisdiction: Option<&'a str>,
    /// When it is asked (Asia/Shanghai).
    pub now: DateTime<FixedOffset>,
}

/// Everything needed to answer: the corpus, its search index, the intents and
/// the calendar. Pure: where they were loaded from is the store's business.
pub struct Engine {
    pub corpus: Corpus,
    pub index: SearchIndex,
    pub intents: IntentSet,
    pub calendar: Calendar,
    /// The topics covered (intent titles, most general first), for refusals.
    pub topics: Vec<String>,
}

/// How many held places [`Engine::warm`] answers the examples for as a chat's
/// default (besides none).
const WARM_JURISDICTIONS: usize = 5;

/// Why the engine cannot answer as asked (an operator's argument).
#[derive(Debug, Error)]
pub enum EngineError {
    /// A jurisdiction named on the command line is not held.
    #[error("未收录的辖区“{name}”。已收录:{known}")]
    UnknownJurisdiction {
        /// The name given.
        name: String,
        /// The jurisdictions held, joined with 、.
        known: String,
    },
}

impl Engine {
    /// The engine over loaded parts.
    pub fn new(
        corpus: Corpus,
        index: SearchIndex,
        intents: IntentSet,
        calendar: Calendar,
    ) -> Engine {
        let topics = intents.topics().into_iter().map(String::from).collect();
        Engine {
            corpus,
            index,
            intents,
            calendar,
            topics,
        }
    }

    /// Compiles the patterns otherwise compiled on a question's first use of
    /// them (see [`IntentSet::compile_all`]), then answers each intent's
    /// examples once, at `now`, with no jurisdiction and with each of the first
    /// held ones:
    /// the patterns built lazily elsewhere (dates, cues) are compiled and the
    /// search tables every pattern builds on first use are filled. For a
    /// server, off its start-up path; not for a one-shot `rulebot ask`, which
    /// needs few of them. Nothing is kept but what the patterns cache.
    pub fn warm(&self, now: DateTime<FixedOffset>) -> Result<(), regex::Error> {
        self.intents.compile_all(false)?;
        // With no default and with each of the first few held places as the
        // chat's (a corpus of a thousand documents is not asked a thousand times).
        let places = self.jurisdictions();
        let defaults = std::iter::once(None).chain(
            places
                .iter()
                .take(WARM_JURISDICTIONS)
                .map(|p| Some(p.as_str())),
        );
        for jurisdiction in defaults {
            for text in self.intents.intents.iter().flat_map(|it| &it.examples) {
                std::hint::black_box(self.ask(&Question {
                    text,
                    jurisdiction,
                    now,
                }));
            }
        }
        Ok(())
    }

    /// Full names of the jurisdictions held.
    pub fn jurisdictions(&self) -> Vec<String> {
        self.corpus
            .documents
            .iter()
            .map(|d| d.meta.jurisdiction.clone())
            .collect()
    }

    /// Resolves a jurisdiction an operator named (`--jurisdiction`), or an error that
    /// lists those held.
    pub fn jurisdiction_arg(&self, name: &str) -> Result<String, EngineError> {
        self.resolve_jurisdiction(name)
            .ok_or_else(|| EngineError::UnknownJurisdiction {
                name: name.to_string(),
                known: self.jurisdictions().join("、"),
            })
    }

    /// Resolves a jurisdiction given by name (full, short, or document id).
    pub fn resolve_jurisdiction(&self, name: &str) -> Option<String> {
        self.corpus
            .document_by_name(name)
            .map(|d| d.meta.jurisdiction.clone())
    }

    /// The held jurisdictions a text names as its subject or as the asker's
    /// own (read as ranking reads them: 不是双塔区的 names none).
    pub fn named_jurisdictions(&self, text: &str) -> Vec<String> {
        Reading::new(&self.intents, text, None).jurisdictions
    }

    /// The text, normalised, without the held places it names (a follow-up that
    /// names another place replaces them).
    pub fn without_places(&self, text: &str) -> String {
        let p = self.intents.prepare(text);
        let mut out = String::with_capacity(p.normalized.len());
        let mut last = 0;
        for m in &p.places {
            if m.jurisdiction.is_some()
                && matches!(
                    m.role,
                    crate::intents::PlaceRole::Subject | crate::intents::PlaceRole::Home
                )
            {
                out.push_str(&p.normalized[last..m.start]);
                last = m.end;
            }
        }
        out.push_str(&p.normalized[last..]);
        out
    }

    /// Answers one question.
    pub fn ask(&self, q: &Question<'_>) -> Answer {
        self.ask_explained(q).0
    }

    /// Answers one question, with the reading and ranking behind the answer
    /// (for `ask --explain`).
    pub fn ask_explained(&self, q: &Question<'_>) -> (Answer, Option<(Reading, Ranking)>) {
        if let Some(message) = check_input(q.text) {
            return (Answer::refused(Refusal::BadInput { message }), None);
        }
        let reading = Reading::new(&self.intents, q.text, Some((q.now, &self.calendar)));
        let ranking = rank_reading(
            &reading,
            q.jurisdiction,
            &self.corpus,
            &self.index,
            &self.intents,
            &Weights::default(),
        );
        let answer = self.answer_of(q, &reading, &ranking);
        (answer, Some((reading, ranking)))
    }

    fn answer_of(&self, q: &Question<'_>, reading: &Reading, ranking: &Ranking) -> Answer {
        // Cloned only for a refusal, not on every question.
        let topics = || self.topics.clone();
        let outcome = match &ranking.decision {
            Decision::Answer => Outcome::Answer,
            Decision::Clarify => Outcome::Clarify,
            Decision::ChitChat => return Answer::refused(Refusal::ChitChat),
            Decision::Documents => {
                return Answer::refused(Refusal::Documents {
                    held: self
                        .corpus
                        .documents
                        .iter()
                        .map(|d| {
                            let issued = d.meta.issued_text().map(|t| format!("({t})"));
                            format!(
                                "{}《{}》{}",
                                d.meta.jurisdiction,
                                d.meta.title,
                                issued.unwrap_or_default()
                            )
                        })
                        .collect(),
                });
            }
            Decision::UnknownPlace(place) => {
                return Answer::refused(Refusal::UnknownPlace {
                    place: place.clone(),
                    known: self.jurisdictions(),
                });
            }
            Decision::Refuse(reason) => {
                return Answer::refused(match reason {
                    RefuseReason::OutOfScope { topic } => Refusal::OutOfScope {
                        topic: topic.clone(),
                        topics: topics(),
                    },
                    RefuseReason::EmptyQuestion => Refusal::BadInput {
                        message: "请输入您想查询的问题,例如:“常务会议多久开一次?”".into(),
                    },
                    RefuseReason::NotInDocument {
                        jurisdiction,
                        topic,
                    } => Refusal::NotInDocument {
                        note: self
                            .corpus
                            .documents
                            .iter()
                            .filter(|d| jurisdiction.contains(d.meta.jurisdiction.as_str()))
                            .find_map(|d| d.meta.incomplete_note().map(str::to_string)),
                        jurisdiction: jurisdiction.clone(),
                        topic: topic.clone(),
                    },
                    RefuseReason::NoMatch => Refusal::NoMatch { topics: topics() },
                    RefuseReason::UnheldDocument { title } => Refusal::UnheldDocument {
                        title: title.clone(),
                        held: self
                            .corpus
                            .documents
                            .iter()
                            .map(|d| format!("《{}》", d.meta.title))
                            .collect(),
                    },
                    RefuseReason::NoSuchArticle { number, .. } => {
                        let docs: Vec<&crate::rules::Document> = self
                            .corpus
                            .documents
                            .iter()
                            .filter(|d| ranking.understanding.scope.contains(&d.meta.jurisdiction))
                            .filter(|d| d.meta.jurisdiction != crate::rank::NATIONAL)
                            .collect();
                        Refusal::NoSuchArticle {
                            documents: docs
                                .iter()
                                .map(|d| {
                                    format!("《{}》(收录 {} 条)", d.meta.title, d.article_count)
                                })
                                .collect(),
                            number: *number,
                            notes: docs
                                .iter()
                                .filter_map(|d| d.meta.incomplete_note().map(str::to_string))
                                .collect(),
                        }
                    }
                    RefuseReason::NotStated { what, nearest } => {
                        let c = Citation::of(&self.corpus, *nearest);
                        Refusal::NotStated {
                            what: what.clone(),
                            nearest: format!("{}({})", c.header(), c.jurisdiction),
                        }
                    }
                });
            }
        };
        if ranking.hits.is_empty() {
            return Answer::refused(Refusal::NoMatch { topics: topics() });
        }
        let mut citations: Vec<Citation> = ranking
            .hits
            .iter()
            .take(6)
            .map(|h| Citation::of(&self.corpus, h.article))
            .collect();
        let governing = ranking.governing.min(citations.len());
        let mut answer = Answer {
            outcome,
            citations: Vec::new(),
            governing,
            deadline: None,
            limit_note: None,
            applied: None,
            aside: None,
            confidence: Some(ranking.understanding.confidence),
        };
        if answer.outcome == Outcome::Answer {
            // Each governing article gets its own limit, frequency and date, under
            // its own quote when there are several.
            for (i, c) in citations.iter_mut().take(governing.max(1)).enumerate() {
                let article = &self.corpus.articles[c.index];
                let (deadline, note) = self.deadline_for(reading, &article.limits);
                if governing > 1 {
                    if let Some(d) = &deadline {
                        c.lines.push(d.display.clone());
                        c.lines.push(format!("依据:{}", d.rule));
                        c.lines.extend(d.notes.iter().map(|n| format!("注:{n}")));
                    } else if let Some(n) = &note {
                        c.lines.push(n.clone());
                    }
                }
                if i == 0 {
                    answer.deadline = deadline;
                    answer.limit_note = note;
                }
            }
            answer.applied = applied_line(&citations[0], reading, q.jurisdiction);
        } else {
            // "Did you mean": each option that states a time limit gets the date it
            // would give, under the option, so a deadline is never lost to doubt.
            for (i, c) in citations.iter_mut().take(OPTIONS).enumerate() {
                let article = &self.corpus.articles[c.index];
                if let (Some(d), _) = self.deadline_for(reading, &article.limits) {
                    c.lines.push(format!("若问此条:{}", d.display));
                    if i == 0 {
                        answer.deadline = Some(d);
                    }
                }
            }
        }
        answer.aside = reading
            .prepared
            .aside
            .as_ref()
            .map(|(topic, words)| aside_line(topic, words));
        answer.citations = citations;
        answer
    }

    /// The deadline a question asks for, computed on the calendar, or the limit
    /// stated with an invitation to give a date.
    fn deadline_for(
        &self,
        reading: &Reading,
        limits: &[TimeLimit],
    ) -> (Option<DeadlineOut>, Option<String>) {
        let candidates: Vec<&TimeLimit> = limits.iter().filter(|l| l.kind.is_deadline()).collect();
        let question = reading.prepared.canonical.as_str();
        let cues = &self.intents.cues;
        let stated = stated_limit(question, cues, &reading.asks, limits);
        if candidates.is_empty() {
            return (None, stated);
        }
        if let Some(e) = &reading.date_error {
            return (None, Some(format!("{e}")));
        }
        let mentions = &counting_mentions(&reading.dates);
        if mentions.is_empty() && stated.is_some() {
            return (None, stated);
        }
        let limit = pick_limit(question, &cues.time_limit, &candidates, mentions);
        // A date asked for with none given ("发来个会签文件,最晚几号回"): a limit
        // counted from an event runs from today, and the rule says so.
        let from_today = mentions.is_empty()
            && reading.asks.date
            && matches!(
                limit.kind,
                LimitKind::WorkingDaysWithin | LimitKind::CalendarDaysWithin
            );
        // A date in every year (每年1月31日前) needs no event: the next one from
        // the day of the question, or from a date the question gives.
        let yearly = limit.kind == LimitKind::YearlyDate;
        let from_today = from_today || (yearly && mentions.is_empty());
        let mention = if from_today {
            Some(reading.today)
        } else {
            pick_mention(limit, mentions).map(|m| {
                // What is done days before an event (提前2天报备) is for one to
                // come: a bare day already past (10号出发 said on the 29th) is
                // the next one.
                (limit.kind == LimitKind::DaysInAdvance)
                    .then(|| crate::when::coming(m, reading.today))
                    .flatten()
                    .unwrap_or(m.date)
            })
        };
        let Some(mention) = mention else {
            // No date: state the limit only when the question asks about time.
            if !reading.asks.time_limit {
                return (None, None);
            }
            let hint = match limit.kind {
                LimitKind::DaysInAdvance => "告诉我出行或开会的日期,我帮您算出最晚哪天",
                LimitKind::Term => "告诉我起算日期,我帮您算出到期日",
                _ => "告诉我收文(或会议、发布)日期,我帮您算出截止日",
            };
            return (None, Some(format!("时限:{}。{hint}。", limit.span)));
        };
        match crate::deadline::compute(limit, mention, &self.calendar) {
            Ok(Some(d)) => {
                let notes = d
                    .calendar_note()
                    .filter(|n| !d.rule.contains(n.as_str()))
                    .into_iter()
                    .collect();
                (
                    Some(DeadlineOut {
                        date: d.date.format("%Y-%m-%d").to_string(),
                        display: format!("最晚:{}", crate::deadline::format_date(d.date)),
                        rule: if from_today {
                            format!(
                                "问题未给出日期,按今天({}月{}日)起算;{}",
                                mention.month(),
                                mention.day(),
                                d.rule
                            )
                        } else {
                            d.rule
                        },
                        notes,
                    }),
                    None,
                )
            }
            Ok(None) => (None, None),
            Err(e) => (None, Some(e.to_string())),
        }
    }
}

/// A frequency, quorum, count, threshold or limit in hours the question asks
/// about, stated as the article's own clause (never turned into a date).
fn stated_limit(
    question: &str,
    cues: &crate::reading::Cues,
    asks: &Asks,
    limits: &[TimeLimit],
) -> Option<String> {
    let wanted = if asks.quorum {
        (LimitKind::Quorum, "出席要求")
    } else if asks.frequency {
        (LimitKind::Frequency, "频次")
    } else if asks.count {
        (LimitKind::Count, "人数")
    } else if asks.threshold {
        (LimitKind::Threshold, "界限")
    } else if asks.time_limit && limits.iter().any(|l| l.kind == LimitKind::HoursWithin) {
        (LimitKind::HoursWithin, "时限")
    } else if asks.time_limit
        && question.contains("延长")
        && limits.iter().any(|l| l.kind == LimitKind::Extension)
    {
        // 最多能延长多久: how far the limit may be extended.
        (LimitKind::Extension, "可延长")
    } else if asks.time_limit
        && !limits.iter().any(|l| l.kind.is_deadline())
        && limits.iter().any(|l| l.kind == LimitKind::Duration)
    {
        // 年休假几天: the days granted, as the article states them.
        (LimitKind::Duration, "天数")
    } else {
        return None;
    };
    let of_kind: Vec<&TimeLimit> = limits.iter().filter(|l| l.kind == wanted.0).collect();
    if of_kind.is_empty() {
        return None;
    }
    let limit = pick_limit(question, &cues.time_limit, &of_kind, &[]);
    // Several in one sentence (年休假5天;…10天;…15天, each under its own
    // condition): all of them, the conditions being in the quote, rather than
    // one picked by shared words.
    let together: Vec<&str> = of_kind
        .iter()
        .filter(|l| l.context == limit.context)
        .map(|l| l.span.as_str())
        .collect();
    Some(format!(
        "{}:{}(原文:“{}”)",
        wanted.1,
        together.join("、"),
        limit.context.trim()
    ))
}

/// Picks the limit a question is about: the one whose clause shares most with the
/// question, preferring one whose event matches a date's event.
fn pick_limit<'a>(
    question: &str,
    asks_limit: &regex::Regex,
    limits: &[&'a TimeLimit],
    mentions: &[crate::when::DateMention],
) -> &'a TimeLimit {
    // One limit: nothing to weigh.
    if let [only] = limits {
        return only;
    }
    // The question's pairs of characters (as search makes them), each looked
    // up as a substring of the normalised text: the same as a pair of its terms.
    let norm = crate::text::normalize(question);
    let mut q: Vec<&str> = crate::search::terms_in(&norm)
        .into_iter()
        .filter(|x| x.chars().count() == 2 && x.chars().all(crate::text::is_cjk))
        .collect();
    q.sort_unstable();
    q.dedup();
    // A pair counts by how few of the limits' clauses have it: 会同 names one
    // limit of 昆山 52, 部门 and 意见 are in most of them. What the first
    // clause says before its own condition and limit (对市政府批办…的公文,) is
    // said of every limit after it: each clause is read with it.
    let preamble = limits
        .iter()
        .min_by_key(|l| l.offset)
        .map(|first| shared_head(&first.context))
        .unwrap_or_default();
    let contexts: Vec<String> = limits
        .iter()
        .map(|l| {
            let c = if l.context.starts_with(preamble.as_str()) {
                l.context.clone()
            } else {
                format!("{preamble}{}", l.context)
            };
            crate::text::normalize(&c)
        })
        .collect();
    let weight: Vec<f32> = q
        .iter()
        .map(|x| {
            let n = contexts.iter().filter(|c| c.contains(*x)).count();
            if n == 0 { 0.0 } else { 1.0 / n as f32 }
        })
        .collect();
    // The part of the question that asks for the limit (最晚哪天要拿出处理意见,
    // by cues.toml `time_limit`), its pairs weighed as above.
    let ask_part = question
        .split([
            ',', '\u{FF0C}', '。', '?', '\u{FF1F}', '!', '\u{FF01}', ';', '\u{FF1B}',
        ])
        .find(|part| asks_limit.is_match(part))
        .unwrap_or("");
    let asked = |t: &str| -> f32 {
        q.iter()
            .zip(&weight)
            .filter(|(x, _)| ask_part.contains(*x) && t.contains(*x))
            .map(|(_, w)| w)
            .sum()
    };
    // `t` is normalised text.
    let shared = |t: &str| -> f32 {
        q.iter()
            .zip(&weight)
            .filter(|(x, _)| t.contains(*x))
            .map(|(_, w)| w)
            .sum()
    };
    let score = |l: &TimeLimit, context: &str| -> f32 {
        // The words around the span say what it is about (复杂事项1个月内):
        // they count more than the rest of the clause.
        let local = match l.context.find(l.span.as_str()) {
            Some(at) => {
                let before = crate::text::tail(&l.context[..at], 8);
                let after: String = l.context[at + l.span.len()..].chars().take(8).collect();
                format!("{before}{}{after}", l.span)
            }
            None => l.span.clone(),
        };
        // What must be done by the limit (在9个工作日内提出办理意见) is what the
        // question's ask names (最晚哪天要拿出处理意见): the words after the span,
        // against the asking part of the question only.
        let deliverable = match l.context.find(l.span.as_str()) {
            Some(at) => crate::text::normalize(
                &l.context[at + l.span.len()..]
                    .chars()
                    .take_while(|c| !matches!(c, ',' | '\u{FF0C}' | ';' | '\u{FF1B}' | '。'))
                    .collect::<String>(),
            ),
            None => String::new(),
        };
        let overlap = shared(context)
            + 2.0 * shared(&crate::text::normalize(&local))
            + 2.0 * asked(&deliverable);
        let event = mentions.iter().any(|m| {
            m.event
                .zip(l.event)
                .is_some_and(|(qe, le)| crate::rules::limits::event_matches(le, qe))
        });
        // The question names the figure ("按9个工作日的话"): that limit.
        let named = [
            format!("{}{}", l.quantity, l.unit),
            format!("{}个{}", l.quantity, l.unit),
        ]
        .iter()
        .any(|f| question.contains(f.as_str()));
        overlap + if event { 3.0 } else { 0.0 } + if named { 5.0 } else { 0.0 }
    };
    // Each limit scored once (max_by alone would score both sides of every
    // comparison).
    limits
        .iter()
        .zip(&contexts)
        .map(|(&l, context)| (score(l, context), l))
        .max_by(|(sa, a), (sb, b)| sa.total_cmp(sb).then(b.offset.cmp(&a.offset)))
        .map(|(_, l)| l)
        .expect("at least one limit")
}

/// The head of a clause that sets a limit: all but its last two comma-clauses
/// (the condition and the limit: 属职权范围内的事项,各部门应在6个工作日内办结),
/// empty when it has no more.
fn shared_head(clause: &str) -> String {
    let parts: Vec<&str> = clause.split_inclusive([',', '，']).collect();
    if parts.len() <= 2 {
        return String::new();
    }
    parts[..parts.len() - 2].concat()
}

/// The mentions a limit may count from: a holiday named without an event
/// (赶上国庆了, 最后一天正好是元旦) is a topic of the question, not a day.
fn counting_mentions(dates: &[crate::when::DateMention]) -> Vec<crate::when::DateMention> {
    dates
        .iter()
        .filter(|m| {
            (!matches!(m.source, crate::when::DateSource::Holiday { .. }) || m.event.is_some())
                && !m.guess
        })
        .cloned()
        .collect()
}

/// The date the limit counts from (or before): the date whose event matches the
/// limit's, nearest its event's word, the last of those (a follow-up's date
/// comes after the one it corrects), else an
/// explicit date said with what happened on it (2016年2月29号印发的…, not the
/// 2月29 of 五年后没有2月29啊), else any explicit date, else the first one.
fn pick_mention<'a>(
    limit: &TimeLimit,
    mentions: &'a [crate::when::DateMention],
) -> Option<&'a crate::when::DateMention> {
    let absolute = |m: &&crate::when::DateMention| {
        matches!(m.source, crate::when::DateSource::Absolute { .. })
    };
    let matches = |m: &&crate::when::DateMention| {
        m.event
            .zip(limit.event)
            .is_some_and(|(qe, le)| crate::rules::limits::event_matches(le, qe))
    };
    // A holiday named beside a written date (12月29日收到 中间过元旦) is what the
    // days pass over, not a second event: the written date wins.
    let holiday =
        |m: &&crate::when::DateMention| matches!(m.source, crate::when::DateSource::Holiday { .. });
    // A period's default day (年底最后一次常务会 → 12月31日) gives way to a day
    // named for the same event (今天开了年底最后一次常务会).
    let period = |m: &&crate::when::DateMention| {
        m.source == crate::when::DateSource::Relative
            && ["底", "末", "初", "头", "尾", "旬", "月中", "年中"]
                .iter()
                .any(|w| m.text.ends_with(w))
    };
    // Of several days said of the event, the one its word follows at once
    // (明天出发去北京 今天报备: 明天, whose 出发 is next to it, not 今天, which
    // the words only reach across the trip), else the last (a follow-up's date
    // comes after the one it corrects): the first of the nearest, read backwards.
    let of_event = |keep: &dyn Fn(&&crate::when::DateMention) -> bool| {
        mentions
            .iter()
            .rev()
            .filter(|m| keep(m) && matches(m))
            .min_by_key(|m| m.event_gap)
    };
    let by_event = of_event(&|m| !holiday(m) && !period(m))
        .or_else(|| of_event(&|m| !holiday(m)))
        .or_else(|| of_event(&|_| true));
    by_event
        .or_else(|| {
            mentions
                .iter()
                .rev()
                .filter(absolute)
                .find(|m| m.event.is_some())
        })
        .or_else(|| mentions.iter().rev().find(absolute))
        .or_else(|| mentions.first())
}

/// One line applying the article to the asker's role: the sentence of the article
/// that names the role, quoted. "您所在的X" only when X is the chat's default or
/// the question names X as the asker's own place; otherwise the jurisdiction is
/// named as the one whose rule it is.
fn applied_line(c: &Citation, reading: &Reading, default: Option<&str>) -> Option<String> {
    let role = reading.prepared.role.as_deref()?;
    let sentence = c
        .text
        .split(['。', '\n'])
        .find(|s| s.contains(role) || (role.contains("主要负责") && s.contains("主要负责")))?;
    let own = default == Some(c.jurisdiction.as_str()) || reading.home.contains(&c.jurisdiction);
    let whose = if own {
        format!("您所在的{}:", c.jurisdiction)
    } else {
        format!("{}:", c.jurisdiction)
    };
    Some(format!("{whose}{role}的规定是“{}。”", sentence.trim()))
}

/// A message for input that cannot be a question, or None.
pub fn check_input(text: &str) -> Option<String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Some("问题是空的,请输入您想查询的内容,例如:“常务会议多久开一次?”".into());
    }
    if trimmed.chars().count() > MAX_QUESTION_CHARS {
        return Some(format!(
            "问题太长(超过{MAX_QUESTION_CHARS}字),请精简后再问。"
        ));
    }
    let controls = trimmed
        .chars()
        .filter(|c| c.is_control() && !c.is_whitespace())
        .count();
    if controls > 0 || trimmed.contains('\u{FFFD}') {
        return Some("无法识别的输入(含有乱码或控制字符),请用文字提问。".into());
    }
    None
}

/// The line that says a second question of the message is not in the rules.
fn aside_line(topic: &str, words: &str) -> String {
    let words =
        words.trim_matches(|c: char| !crate::text::is_meaningful(c) || "?？!！。,，".contains(c));
    format!("另:您还问到的“{words}”属于{topic},不属于政府工作规则的内容,请咨询主管部门。")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn asks() -> &'static regex::Regex {
        &crate::reading::tests::cues().time_limit
    }

    /// Regression (fresh-107 … fresh-109): what the first clause says before its
    /// own condition (对市政府批办…的公文) is said of every limit, so 市政府批办
    /// in the question does not pick the first limit over the one it names
    /// (调研论证, 会同).
    #[test]
    fn the_head_of_the_first_clause_is_every_limit_s() {
        let text = "市政府及各部门要切实提高公文办理的质量和效率,对市政府批办或市政府办公室转办的公文,属职权范围内的事项,各部门应在6个工作日内办结;需要报市政府审批的事项,应提出本部门书面意见,在6个工作日内回复;需要主办部门会同相关部门办理的事项,主办部门要抓紧会商,在9个工作日内提出办理意见;需要调查论证的事项,不得超过20个工作日。";
        let limits = crate::rules::limits::extract(text);
        let refs: Vec<&TimeLimit> = limits.iter().collect();
        let q = "上周五收到市政府批办的一个事,需要先调研论证,最长期限到哪天?";
        assert_eq!(pick_limit(q, asks(), &refs, &[]).quantity, 20);
        let q = "刚收到市政府批过来的件,要我们会同发改、财政一起办。最后期限是哪天";
        assert_eq!(pick_limit(q, asks(), &refs, &[]).quantity, 9);
        assert_eq!(
            shared_head("属职权范围内的事项,各部门应在6个工作日内办结"),
            ""
        );
    }

    /// Regression: with two limits in one clause, the words next to each span decide.
    #[test]
    fn picks_the_limit_the_question_is_about() {
        let text = "严格执行“710”工作制度,一般事项应在7天之内办结,复杂事项1个月内有结果,年初确定的所有事项在年底清零销号。";
        let limits = crate::rules::limits::extract(text);
        let refs: Vec<&TimeLimit> = limits.iter().collect();
        assert_eq!(
            pick_limit("复杂事项多久要有结果", asks(), &refs, &[]).kind,
            LimitKind::Term
        );
        assert_eq!(
            pick_limit("一般事项多久办结", asks(), &refs, &[]).kind,
            LimitKind::CalendarDaysWithin
        );
        let text = "对市政府批办或市政府办公室转办的公文,属职权范围内的事项,各部门应在6个工作日内办结;需要主办部门会同相关部门办理的事项,主办部门要抓紧会商,在9个工作日内提出办理意见;需要调查论证的事项,不得超过20个工作日。";
        let limits = crate::rules::limits::extract(text);
        let refs: Vec<&TimeLimit> = limits.iter().collect();
        let q = "市政府批办的一个事项由我们主办、会同另外两个部门办理,办理意见最晚哪天要提出来?";
        assert_eq!(pick_limit(q, asks(), &refs, &[]).quantity, 9);
        assert_eq!(
            pick_limit("需要调查论证,最长能办到哪天", asks(), &refs, &[]).quantity,
            20
        );
        // Regression (fresh-27): the words of the clause's subject (办公室转办的
        // 公文) are the first limit's only; what the ask names to be done
        // (拿出处理意见) is the deliverable after the span.
        let q = "今天收到政府办公室转过来的公文,要我们牵头跟几个部门一起办,最晚哪天要拿出处理意见?";
        assert_eq!(pick_limit(q, asks(), &refs, &[]).quantity, 9);
        // Regression (fresh-7): the figure the question names picks its limit.
        assert_eq!(
            pick_limit("这件事按9个工作日算,哪天到期", asks(), &refs, &[]).quantity,
            9
        );
        assert_eq!(
            pick_limit("按20个工作日的话截止哪天", asks(), &refs, &[]).quantity,
            20
        );
    }

    /// Regression: a follow-up's date ("具体哪天?我们12月3日出发") replaces the one
    /// in the question it follows.
    #[test]
    fn a_later_date_for_the_same_event_wins() {
        let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
        let cal = Calendar::load(&root.join("data/holidays")).unwrap();
        let now = crate::eval::parse_now(Some("2026-11-26T10:00:00+08:00")).unwrap();
        let q = "我们局长下周三去北京出差,要提前几天报备? 具体哪天?我们12月3日出发";
        let mentions = crate::when::find_dates(q, now, &cal).unwrap();
        let limits = crate::rules::limits::extract("一般应提前2天(不含出行当日)向区政府办公室报备");
        assert_eq!(
            pick_mention(&limits[0], &mentions).map(|m| m.date),
            NaiveDate::from_ymd_opt(2026, 12, 3)
        );
    }

    /// Regression (fresh-83): a day named for the meeting (今天开了…) wins over
    /// the default day of a period said of it (年底最后一次常务会 → 12月31日).
    #[test]
    fn a_named_day_wins_over_a_period_for_the_same_event() {
        let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
        let cal = Calendar::load(&root.join("data/holidays")).unwrap();
        let now = crate::eval::parse_now(Some("2024-12-30T18:00:00+08:00")).unwrap();
        let q = "今天开了年底最后1次常务会议,通过的几个文件要印发,最迟哪天印发出去?";
        let mentions = crate::when::find_dates(q, now, &cal).unwrap();
        assert_eq!(mentions.len(), 2, "{mentions:?}");
        let limits =
            crate::rules::limits::extract("会议通过的文件原则上须在会议结束后7个工作日内印发。");
        assert_eq!(
            pick_mention(&limits[0], &mentions).map(|m| m.date),
            NaiveDate::from_ymd_opt(2024, 12, 30)
        );
        // A period alone is still the day counted from.
        let q = "年底开的常务会议,通过的文件最迟哪天印发?";
        let mentions = crate::when::find_dates(q, now, &cal).unwrap();
        assert_eq!(
            pick_mention(&limits[0], &mentions).map(|m| m.date),
            NaiveDate::from_ymd_opt(2024, 12, 31)
        );
    }

    /// A holiday named as a topic (赶上国庆了) is no day to count from; named as
    /// the day of an event (国庆节出发) it is.
    #[test]
    fn a_holiday_counts_only_as_the_day_of_an_event() {
        let cal = Calendar::default();
        let now = crate::eval::parse_now(Some("2025-09-26T10:00:00+08:00")).unwrap();
        let q = "会签件没写时限,最晚哪天回?赶上国庆了";
        let all = crate::when::find_dates(q, now, &cal).unwrap();
        assert_eq!(all.len(), 1, "{all:?}");
        assert!(counting_mentions(&all).is_empty());
        let q = "局长国庆节出发去北京,提前几天报备";
        let all = crate::when::find_dates(q, now, &cal).unwrap();
        assert_eq!(counting_mentions(&all).len(), 1, "{all:?}");
    }

    #[test]
    fn bad_input_is_caught() {
        assert!(check_input("  ").is_some());
        assert!(check_input(&"问".repeat(MAX_QUESTION_CHARS + 1)).is_some());
        assert!(check_input("\u{0}\u{1}abc").is_some());
        assert!(check_input("常务会议多久开一次").is_none());
    }
}
