//! From a question to the articles that govern it: intents pick the governing
//! article of each jurisdiction, BM25 text retrieval breaks ties and fills in,
//! and the intent score decides between an answer, "did you mean" and a refusal.

use std::collections::HashMap;

use crate::intents::{ANSWER_SCORE, CLARIFY_SCORE, IntentSet, PlaceRole, Prepared};
use crate::rules::parse::Corpus;
use crate::search::SearchIndex;

/// What rulebot should do with a question.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// `hits[0]` is the citation; the rest are alternatives (other jurisdictions
    /// first when the question named none, then related articles).
    Answer,
    /// Not sure: `hits` are "did you mean" alternatives.
    Clarify,
    /// Cite nothing.
    Refuse(RefuseReason),
    /// The question is about a place rulebot has no document for (苏州市, 温州).
    UnknownPlace(String),
    /// A greeting or acknowledgement (你好在吗, 好的收到谢谢).
    ChitChat,
}

/// Why rulebot cites nothing.
#[derive(Debug, Clone, PartialEq)]
pub enum RefuseReason {
    /// A topic no work rule covers (年休假, 公积金 …).
    OutOfScope { topic: String },
    /// Nothing in the rules matches the question.
    NoMatch,
    /// Only emoji, punctuation or white space.
    EmptyQuestion,
    /// The topic is covered, but the jurisdiction's document has no article on it
    /// (its scraped text is incomplete, or its rules say nothing about it).
    NotInDocument { jurisdiction: String, topic: String },
}

/// One article offered, best first.
#[derive(Debug, Clone, PartialEq)]
pub struct RankedHit {
    /// Index into `corpus.articles`.
    pub article: usize,
    pub score: f32,
    /// The intent that picked it (None: text retrieval only).
    pub intent: Option<String>,
}

/// What rulebot understood of the question.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Understanding {
    /// The question as matched (normalised, mentions and fillers removed,
    /// places and synonyms folded).
    pub normalized: String,
    /// Intents that matched: (id, title, score), best first.
    pub intents: Vec<(String, String, f32)>,
    /// Jurisdictions named in the question as its subject.
    pub jurisdictions: Vec<String>,
    /// Jurisdictions searched (named, else the chat's default, else all).
    pub scope: Vec<String>,
    /// Who the question is about, in the rules' words (部门主要负责人, 市长 …).
    pub role: Option<String>,
    /// A destination named (沈阳, 北京).
    pub place: Option<String>,
    /// The date phrase (1月28日, 下周一, 今天).
    pub date: Option<String>,
    /// Places rulebot has no document for, named as the subject.
    pub unknown_places: Vec<String>,
    /// 0‥1: how sure rulebot is of the first hit.
    pub confidence: f32,
}

/// The result of ranking a question.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranking {
    pub decision: Decision,
    pub hits: Vec<RankedHit>,
    pub understanding: Understanding,
}

/// Most hits returned.
const MAX_HITS: usize = 8;

/// Ranks the articles for a question. `default_jurisdiction` is the chat's
/// default (full name, e.g. `朝阳市双塔区`); a place named in the question overrides it.
pub fn rank(
    question: &str,
    default_jurisdiction: Option<&str>,
    corpus: &Corpus,
    index: &SearchIndex,
    intents: &IntentSet,
) -> Ranking {
    let p = intents.prepare(question);
    let mut u = understanding_of(&p);
    let refuse = |u: Understanding, r: RefuseReason| Ranking {
        decision: Decision::Refuse(r),
        hits: vec![],
        understanding: u,
    };

    if p.empty {
        return refuse(u, RefuseReason::EmptyQuestion);
    }
    if p.chitchat {
        return Ranking {
            decision: Decision::ChitChat,
            hits: vec![],
            understanding: u,
        };
    }
    if let Some((_, title)) = &p.out_of_scope {
        return refuse(
            u,
            RefuseReason::OutOfScope {
                topic: title.clone(),
            },
        );
    }

    // Scope: jurisdictions named as the subject, else the default, else all.
    let all: Vec<String> = corpus
        .documents
        .iter()
        .map(|d| d.meta.jurisdiction.clone())
        .collect();
    let scope: Vec<String> = if !u.jurisdictions.is_empty() {
        u.jurisdictions.clone()
    } else if let Some(unknown) = u.unknown_places.first() {
        let unknown = unknown.clone();
        return Ranking {
            decision: Decision::UnknownPlace(unknown),
            hits: vec![],
            understanding: u,
        };
    } else if let Some(d) = default_jurisdiction.and_then(|d| corpus.document_by_name(d)) {
        vec![d.meta.jurisdiction.clone()]
    } else {
        all.clone()
    };
    u.scope = scope.clone();

    // Text retrieval in scope.
    let filter: Vec<&str> = scope.iter().map(String::as_str).collect();
    let search = index.search(&p.canonical, Some(&filter), 40);
    let max_bm = search.iter().map(|h| h.score).fold(0.0f32, f32::max);
    let bm: HashMap<usize, f32> = search
        .iter()
        .map(|h| (h.article, if max_bm > 0.0 { h.score / max_bm } else { 0.0 }))
        .collect();

    let scores = intents.classify(&p);
    let top = scores.first().map(|s| s.score).unwrap_or(0.0);
    let second = scores.get(1).map(|s| s.score).unwrap_or(0.0);
    u.intents = scores
        .iter()
        .take(5)
        .map(|s| {
            let it = &intents.intents[s.intent];
            (it.id.clone(), it.title.clone(), s.score)
        })
        .collect();
    u.confidence = confidence(top, second);

    if top < CLARIFY_SCORE {
        return refuse(u, RefuseReason::NoMatch);
    }

    // Candidates: for each plausible intent, its best article in each jurisdiction.
    struct Cand {
        intent: usize,
        hit: RankedHit,
    }
    let mut cands: Vec<Cand> = Vec::new();
    for s in scores
        .iter()
        .filter(|s| s.score >= CLARIFY_SCORE && s.score >= top * 0.5)
        .take(5)
    {
        let it = &intents.intents[s.intent];
        let max_a = it.max_article_score().max(f32::EPSILON);
        for j in &scope {
            let best = it
                .governing_in(j)
                .map(|g| {
                    (
                        g.article,
                        g.score / max_a * 2.0 + bm.get(&g.article).copied().unwrap_or(0.0) * 1.5,
                    )
                })
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
            if let Some((article, value)) = best {
                cands.push(Cand {
                    intent: s.intent,
                    hit: RankedHit {
                        article,
                        score: s.score / top * 10.0 + value,
                        intent: Some(it.id.clone()),
                    },
                });
            }
        }
    }

    // The answering intent: the best one with an article in scope, close to the top.
    let answering = scores
        .iter()
        .filter(|s| s.score >= ANSWER_SCORE && s.score >= top * 0.75)
        .find(|s| cands.iter().any(|c| c.intent == s.intent))
        .map(|s| s.intent);

    let mut hits: Vec<RankedHit> = Vec::new();
    let push = |h: RankedHit, hits: &mut Vec<RankedHit>| {
        if hits.len() < MAX_HITS && !hits.iter().any(|x| x.article == h.article) {
            hits.push(h);
        }
    };
    let mut order: Vec<&Cand> = cands.iter().collect();
    order.sort_by(|a, b| {
        let ka = Some(a.intent) == answering;
        let kb = Some(b.intent) == answering;
        kb.cmp(&ka).then(b.hit.score.total_cmp(&a.hit.score))
    });
    for c in order {
        push(c.hit.clone(), &mut hits);
    }
    for h in search.iter().take(3) {
        push(
            RankedHit {
                article: h.article,
                score: bm.get(&h.article).copied().unwrap_or(0.0),
                intent: None,
            },
            &mut hits,
        );
    }

    if answering.is_some() {
        return Ranking {
            decision: Decision::Answer,
            hits,
            understanding: u,
        };
    }
    if top >= ANSWER_SCORE {
        // Understood, but the document in scope has no article on it.
        let it = &intents.intents[scores[0].intent];
        return refuse(
            u.clone(),
            RefuseReason::NotInDocument {
                jurisdiction: scope.join("、"),
                topic: it.title.clone(),
            },
        );
    }
    hits.retain(|h| h.intent.is_some());
    if hits.is_empty() {
        return refuse(u, RefuseReason::NoMatch);
    }
    Ranking {
        decision: Decision::Clarify,
        hits,
        understanding: u,
    }
}

fn understanding_of(p: &Prepared) -> Understanding {
    let mut jurisdictions: Vec<String> = Vec::new();
    let mut unknown = Vec::new();
    let mut place = None;
    for m in &p.places {
        match (&m.jurisdiction, m.role) {
            (Some(j), PlaceRole::Subject | PlaceRole::Home) if !jurisdictions.contains(j) => {
                jurisdictions.push(j.clone());
            }
            (None, PlaceRole::Subject) => unknown.push(m.name.clone()),
            (_, PlaceRole::Destination) if place.is_none() => place = Some(m.name.clone()),
            _ => {}
        }
    }
    Understanding {
        normalized: p.canonical.clone(),
        jurisdictions,
        role: p.role.clone(),
        place,
        date: p.date.clone(),
        unknown_places: unknown,
        ..Understanding::default()
    }
}

/// 0‥1 from the top intent score and its margin over the runner-up.
fn confidence(top: f32, second: f32) -> f32 {
    if top <= 0.0 {
        return 0.0;
    }
    let strength = 1.0 - (-top / ANSWER_SCORE).exp();
    let margin = ((top - second) / top).clamp(0.0, 1.0);
    (strength * (0.6 + 0.4 * margin)).clamp(0.0, 1.0)
}
