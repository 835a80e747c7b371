//! Ranked text retrieval over articles: BM25 on character unigrams and bigrams of
//! normalised text, so Chinese works without a dictionary.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::rules::Article;
use crate::text::{is_cjk, normalize};

const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Bigrams say more than single characters.
const BIGRAM_WEIGHT: f32 = 2.0;

/// One search result.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SearchHit {
    /// Index into the article list the index was built from.
    pub article: usize,
    pub score: f32,
}

/// An in-memory BM25 index over articles.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct SearchIndex {
    /// term → postings (article, term frequency)
    postings: HashMap<String, Vec<(u32, u16)>>,
    doc_len: Vec<f32>,
    avg_len: f32,
    /// Each article's jurisdiction, as an index into `jurisdictions`.
    jurisdiction_of: Vec<u32>,
    jurisdictions: Vec<String>,
}

/// The terms of a text: each CJK character, each pair of adjacent CJK characters,
/// and each run of ASCII letters or digits.
pub fn terms(text: &str) -> Vec<String> {
    let norm = normalize(text);
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    let mut word = String::new();
    for c in norm.chars() {
        if is_cjk(c) {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            out.push(c.to_string());
            if let Some(p) = prev {
                out.push(format!("{p}{c}"));
            }
            prev = Some(c);
        } else {
            prev = None;
            if c.is_ascii_alphanumeric() {
                word.push(c);
            } else if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

fn term_weight(t: &str) -> f32 {
    if t.chars().count() == 2 && t.chars().all(is_cjk) {
        BIGRAM_WEIGHT
    } else {
        1.0
    }
}

impl SearchIndex {
    /// Indexes the articles (their position in `articles` is the hit's `article`).
    pub fn build(articles: &[Article]) -> SearchIndex {
        let mut postings: HashMap<String, Vec<(u32, u16)>> = HashMap::new();
        let mut doc_len = Vec::with_capacity(articles.len());
        for (i, a) in articles.iter().enumerate() {
            let ts = terms(&a.text);
            doc_len.push(ts.len() as f32);
            let mut tf: HashMap<String, u16> = HashMap::new();
            for t in ts {
                *tf.entry(t).or_default() += 1;
            }
            for (t, n) in tf {
                postings.entry(t).or_default().push((i as u32, n));
            }
        }
        let avg_len = if doc_len.is_empty() {
            1.0
        } else {
            doc_len.iter().sum::<f32>() / doc_len.len() as f32
        };
        let mut jurisdictions: Vec<String> = Vec::new();
        let mut ids: HashMap<&str, u32> = HashMap::new();
        let jurisdiction_of = articles
            .iter()
            .map(|a| {
                *ids.entry(a.jurisdiction.as_str()).or_insert_with(|| {
                    jurisdictions.push(a.jurisdiction.clone());
                    jurisdictions.len() as u32 - 1
                })
            })
            .collect();
        SearchIndex {
            postings,
            doc_len,
            avg_len: avg_len.max(1.0),
            jurisdiction_of,
            jurisdictions,
        }
    }

    /// Number of indexed articles.
    pub fn len(&self) -> usize {
        self.doc_len.len()
    }

    /// Is the index empty?
    pub fn is_empty(&self) -> bool {
        self.doc_len.is_empty()
    }

    /// The best `limit` articles for `query`, optionally only those of the given
    /// jurisdictions (full names), best first.
    pub fn search(&self, query: &str, filter: Option<&[&str]>, limit: usize) -> Vec<SearchHit> {
        let n = self.doc_len.len() as f32;
        // The filter as a flag per jurisdiction (None: every jurisdiction).
        let allowed: Option<Vec<bool>> = filter.map(|f| {
            self.jurisdictions
                .iter()
                .map(|j| f.iter().any(|x| *x == j))
                .collect()
        });
        let allowed = allowed.filter(|a| a.iter().any(|x| !x));
        let mut query_terms = terms(query);
        query_terms.sort();
        query_terms.dedup();
        // Dense accumulator: one slot per article, and the list of those touched.
        let mut scores = vec![0f32; self.doc_len.len()];
        let mut touched: Vec<u32> = Vec::new();
        for t in &query_terms {
            let Some(list) = self.postings.get(t) else {
                continue;
            };
            let df = list.len() as f32;
            // A term in most articles says almost nothing (idf < ln 2) and costs the
            // most to score: leave it out.
            if df > n / 2.0 && n >= 20.0 {
                continue;
            }
            let idf = ((n - df + 0.5) / (df + 0.5) + 1.0).ln();
            let w = term_weight(t) * idf;
            for &(doc, tf) in list {
                if let Some(a) = &allowed {
                    if !a[self.jurisdiction_of[doc as usize] as usize] {
                        continue;
                    }
                }
                let tf = tf as f32;
                let len = self.doc_len[doc as usize];
                let s = w * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / self.avg_len));
                let slot = &mut scores[doc as usize];
                if *slot == 0.0 {
                    touched.push(doc);
                }
                *slot += s;
            }
        }
        let mut hits: Vec<SearchHit> = touched
            .into_iter()
            .map(|doc| SearchHit {
                article: doc as usize,
                score: scores[doc as usize],
            })
            .collect();
        let by_score = |a: &SearchHit, b: &SearchHit| {
            b.score.total_cmp(&a.score).then(a.article.cmp(&b.article))
        };
        if hits.len() > limit && limit > 0 {
            hits.select_nth_unstable_by(limit - 1, by_score);
            hits.truncate(limit);
        }
        hits.sort_by(by_score);
        hits.truncate(limit);
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(j: &str, text: &str) -> Article {
        Article {
            doc_id: j.into(),
            jurisdiction: j.into(),
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

    #[test]
    fn terms_are_unigrams_and_bigrams() {
        assert_eq!(
            terms("会议纪要"),
            ["会", "议", "会议", "纪", "议纪", "要", "纪要"]
        );
        assert_eq!(terms("710制度"), ["710", "制", "度", "制度"]);
    }

    #[test]
    fn ranks_and_filters() {
        let arts = vec![
            article("甲市", "常务会议一般每月召开二次"),
            article("乙市", "会签文件应在7个工作日内回复"),
            article("甲市", "全体会议一般每半年召开一次"),
        ];
        let idx = SearchIndex::build(&arts);
        let hits = idx.search("常务会议多久开一次", None, 3);
        assert_eq!(hits[0].article, 0);
        let hits = idx.search("回复", Some(&["甲市"]), 3);
        assert!(hits.is_empty());
        assert!(idx.search("", None, 3).is_empty());
    }
}
