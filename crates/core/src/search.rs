//! Ranked text retrieval over articles: BM25 on character unigrams and bigrams of
//! normalised text, so Chinese works without a dictionary.

use std::collections::HashMap;

/// Term-keyed maps read on every question: a fast hash (the keys are short).
pub type TermMap<V> = HashMap<String, V, rustc_hash::FxBuildHasher>;

use serde::{Deserialize, Serialize};

use crate::homophones::Homophones;
use crate::rules::Article;
use crate::text::{is_cjk, normalize};

const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Bigrams say more than single characters.
const BIGRAM_WEIGHT: f32 = 2.0;
/// A pair of characters no article has counts this share of the rarest term
/// towards the query's weight: words such as 多久 or 一下 are not the rules' own,
/// but a topic the rules never mention (年休假) should lower the coverage.
const UNKNOWN_SHARE: f32 = 0.5;

/// One search result.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SearchHit {
    /// Index into the article list the index was built from.
    pub article: usize,
    pub score: f32,
    /// Share (0‥1) of the query's term weight (idf × unigram/bigram weight) that
    /// the article contains: how much of what the question says the article says.
    pub coverage: f32,
    /// The query's terms the article contains, in units of the rarest pair of
    /// characters (a pair found in one article only counts about 1): how much
    /// specific evidence there is, whatever the question's length.
    pub matched: f32,
}

/// The terms of a text: each CJK character, each pair of adjacent CJK characters,
/// and each run of ASCII letters or digits.
pub fn terms(text: &str) -> Vec<String> {
    terms_in(&normalize(text))
        .into_iter()
        .map(str::to_string)
        .collect()
}

/// [`terms`] of text already normalised, as slices of it.
pub fn terms_in(norm: &str) -> Vec<&str> {
    let mut out = Vec::new();
    // Where the CJK character before this one starts, if the one before is CJK.
    let mut prev: Option<usize> = None;
    // Where the run of ASCII letters or digits being read starts.
    let mut word: Option<usize> = None;
    for (i, c) in norm.char_indices() {
        let end = i + c.len_utf8();
        if is_cjk(c) {
            if let Some(w) = word.take() {
                out.push(&norm[w..i]);
            }
            out.push(&norm[i..end]);
            if let Some(p) = prev {
                out.push(&norm[p..end]);
            }
            prev = Some(i);
        } else {
            prev = None;
            if c.is_ascii_alphanumeric() {
                word.get_or_insert(i);
            } else if let Some(w) = word.take() {
                out.push(&norm[w..i]);
            }
        }
    }
    if let Some(w) = word {
        out.push(&norm[w..]);
    }
    out
}

fn is_bigram(t: &str) -> bool {
    // Ideographs are three bytes each: two of them are six.
    t.len() == 6 && t.chars().all(is_cjk)
}

/// Pairs of CJK characters, and runs of three or more ASCII letters or digits
/// (12345, 710, APP), weigh as words; single characters and short numbers (10天's
/// 10) as single characters.
fn term_weight(t: &str) -> f32 {
    if is_bigram(t) || (t.len() >= 3 && t.is_ascii()) {
        BIGRAM_WEIGHT
    } else {
        1.0
    }
}

/// Where posting lists come from: memory (built on the spot) or the store.
pub trait PostingSource: Send + Sync {
    /// The encoded posting list of a term (see [`encode_postings`]), if any:
    /// borrowed when held in memory, read when stored.
    fn postings(&self, term: &str) -> Option<std::borrow::Cow<'_, [u8]>>;
}

/// Posting lists held in memory.
#[derive(Debug, Default)]
pub struct MemoryPostings(pub TermMap<Vec<u8>>);

impl PostingSource for MemoryPostings {
    fn postings(&self, term: &str) -> Option<std::borrow::Cow<'_, [u8]>> {
        self.0
            .get(term)
            .map(|v| std::borrow::Cow::Borrowed(v.as_slice()))
    }
}

/// A posting list as bytes: for each (article, term frequency), in article order,
/// the gap from the previous article and the frequency, each as a LEB128 varint
/// (two or three bytes a posting instead of six).
pub fn encode_postings(list: &[(u32, u16)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(list.len() * 3);
    let mut last = 0u32;
    for &(doc, tf) in list {
        push_posting(&mut out, &mut last, doc, tf);
    }
    out
}

fn push_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Appends one posting; `last` is the previous article (0 before the first).
fn push_posting(out: &mut Vec<u8>, last: &mut u32, doc: u32, tf: u16) {
    push_varint(out, doc - *last);
    push_varint(out, tf as u32);
    *last = doc;
}

fn decode_postings(bytes: &[u8]) -> Postings<'_> {
    Postings {
        bytes,
        at: 0,
        last: 0,
    }
}

/// The (article, frequency) pairs of an encoded posting list, in order.
struct Postings<'a> {
    bytes: &'a [u8],
    at: usize,
    last: u32,
}

impl Postings<'_> {
    fn varint(&mut self) -> Option<u32> {
        let mut v = 0u32;
        let mut shift = 0;
        loop {
            let b = *self.bytes.get(self.at)?;
            self.at += 1;
            v |= ((b & 0x7f) as u32).checked_shl(shift)?;
            if b < 0x80 {
                return Some(v);
            }
            shift += 7;
        }
    }
}

impl Iterator for Postings<'_> {
    type Item = (u32, u16);

    fn next(&mut self) -> Option<(u32, u16)> {
        // Most postings are a gap and a frequency of one byte each.
        let (gap, tf) = match self.bytes.get(self.at..self.at + 2) {
            Some(&[g, t]) if g < 0x80 && t < 0x80 => {
                self.at += 2;
                (g as u32, t as u32)
            }
            _ => (self.varint()?, self.varint()?),
        };
        self.last = self.last.checked_add(gap)?;
        Some((self.last, tf.min(u16::MAX as u32) as u16))
    }
}

/// Adds a term of weight `w` to the scores (and the weight matched) of the
/// articles of its posting list before `end` that `allowed` lets through,
/// noting each article touched for the first time.
fn accumulate(
    bytes: &[u8],
    w: f32,
    norm: &[f32],
    acc: &mut [[f32; 2]],
    touched: &mut Vec<u32>,
    end: u32,
    allowed: impl Fn(u32) -> bool,
) {
    for (doc, tf) in decode_postings(bytes) {
        // The list is in article order: none after `end` is allowed.
        if doc >= end {
            break;
        }
        let (Some(&norm), Some(slot)) = (norm.get(doc as usize), acc.get_mut(doc as usize)) else {
            continue;
        };
        if !allowed(doc) {
            continue;
        }
        let tf = tf as f32;
        let s = w * tf * (K1 + 1.0) / (tf + norm);
        if slot[0] == 0.0 {
            touched.push(doc);
        }
        slot[0] += s;
        slot[1] += w;
    }
}

/// An article's BM25 score, ordered best first (ties by article): a total
/// order, so that the hits are the same however they are selected.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Ranked {
    score: f32,
    doc: u32,
}

impl Eq for Ranked {}

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        other
            .score
            .total_cmp(&self.score)
            .then(self.doc.cmp(&other.doc))
    }
}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// What BM25 needs besides the postings: lengths, and jurisdictions.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IndexStats {
    doc_len: Vec<u32>,
    avg_len: f32,
    /// Each article's jurisdiction, as an index into `jurisdictions`.
    jurisdiction_of: Vec<u32>,
    jurisdictions: Vec<String>,
    /// Document frequency of each term (to skip near-universal ones cheaply).
    df: TermMap<u32>,
}

impl IndexStats {
    /// Number of articles.
    pub fn len(&self) -> usize {
        self.doc_len.len()
    }

    /// No articles?
    pub fn is_empty(&self) -> bool {
        self.doc_len.is_empty()
    }
}

/// A BM25 index over articles.
pub struct SearchIndex {
    stats: IndexStats,
    source: Box<dyn PostingSource>,
    /// The articles' characters by sound, to repair a question's slips.
    homophones: Homophones,
    /// Each article's length term of BM25, `K1 · (1 − B + B · len / avg)`,
    /// worked out once instead of for every posting of every question.
    norm: Vec<f32>,
    /// For each jurisdiction, one past its last article: a search in a few
    /// jurisdictions stops reading a posting list there.
    ends: Vec<u32>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("articles", &self.stats.doc_len.len())
            .finish()
    }
}

/// An index built from articles: its statistics and every term's posting list.
pub struct Built {
    pub stats: IndexStats,
    pub postings: TermMap<Vec<u8>>,
}

impl SearchIndex {
    /// Indexes the articles in memory (their position in `articles` is the hit's
    /// `article`).
    pub fn build(articles: &[Article], text: &dyn Fn(&Article) -> String) -> SearchIndex {
        let b = SearchIndex::build_parts(articles, text);
        SearchIndex::with_source(b.stats, Box::new(MemoryPostings(b.postings)))
    }

    /// An index over stored posting lists.
    pub fn with_source(stats: IndexStats, source: Box<dyn PostingSource>) -> SearchIndex {
        let homophones = Homophones::new(stats.df.keys().filter_map(|t| {
            let mut cs = t.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => Some(c),
                _ => None,
            }
        }));
        let norm = stats
            .doc_len
            .iter()
            .map(|&len| K1 * (1.0 - B + B * len as f32 / stats.avg_len))
            .collect();
        let mut ends = vec![0u32; stats.jurisdictions.len()];
        for (doc, &j) in stats.jurisdiction_of.iter().enumerate() {
            if let Some(e) = ends.get_mut(j as usize) {
                *e = doc as u32 + 1;
            }
        }
        SearchIndex {
            stats,
            source,
            homophones,
            norm,
            ends,
        }
    }

    /// In how many articles `term` (a character, a pair or a word of letters or
    /// digits) occurs, and of how many articles in all.
    pub fn df(&self, term: &str) -> (u32, usize) {
        (
            self.stats.df.get(term).copied().unwrap_or(0),
            self.stats.doc_len.len(),
        )
    }

    /// `query` with its voice-input slips repaired by sound against the
    /// articles' pairs of characters, or `None` when it has none; `plain(c)`
    /// marks characters never taken for a slip.
    pub fn repair(&self, query: &str, plain: &dyn Fn(char) -> bool) -> Option<String> {
        self.homophones.repair(
            query,
            &|pair| self.stats.df.get(pair).copied().unwrap_or(0),
            plain,
        )
    }

    /// Builds the statistics and posting lists (to keep in memory or store) over
    /// `text(article)`: the article as matching reads it (canonical vocabulary,
    /// chapter title), never what is quoted.
    pub fn build_parts(articles: &[Article], text: &dyn Fn(&Article) -> String) -> Built {
        // Posting lists are written encoded as they grow (6 bytes a posting), so a
        // large corpus is indexed in little more memory than its lists take.
        // term → (encoded list, last article, postings)
        let mut postings: HashMap<String, (Vec<u8>, u32, u32)> = HashMap::new();
        let mut doc_len = Vec::with_capacity(articles.len());
        let mut tf: HashMap<String, u16> = HashMap::new();
        for (i, a) in articles.iter().enumerate() {
            let ts = terms(&text(a));
            doc_len.push(ts.len() as u32);
            tf.clear();
            for t in ts {
                let n = tf.entry(t).or_default();
                *n = n.saturating_add(1);
            }
            for (t, n) in tf.drain() {
                let (list, last, count) = postings.entry(t).or_default();
                push_posting(list, last, i as u32, n);
                *count += 1;
            }
        }
        let avg_len = if doc_len.is_empty() {
            1.0
        } else {
            doc_len.iter().map(|&l| l as f32).sum::<f32>() / doc_len.len() as f32
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
        let df = postings
            .iter()
            .map(|(t, (_, _, count))| (t.clone(), *count))
            .collect();
        Built {
            stats: IndexStats {
                doc_len,
                avg_len: avg_len.max(1.0),
                jurisdiction_of,
                jurisdictions,
                df,
            },
            postings: postings
                .into_iter()
                .map(|(t, (mut list, _, _))| {
                    list.shrink_to_fit();
                    (t, list)
                })
                .collect(),
        }
    }

    /// Number of indexed articles.
    pub fn len(&self) -> usize {
        self.stats.doc_len.len()
    }

    /// Is the index empty?
    pub fn is_empty(&self) -> bool {
        self.stats.doc_len.is_empty()
    }

    /// The best `limit` articles for `query`, optionally only those of the given
    /// jurisdictions (full names), best first.
    pub fn search(&self, query: &str, filter: Option<&[&str]>, limit: usize) -> Vec<SearchHit> {
        self.search_keeping(query, filter, limit, &[])
    }

    /// [`SearchIndex::search`], with the hits of the articles `keep` names kept
    /// too when they fall below the `limit` best (after those, best first).
    pub fn search_keeping(
        &self,
        query: &str,
        filter: Option<&[&str]>,
        limit: usize,
        keep: &[usize],
    ) -> Vec<SearchHit> {
        let st = &self.stats;
        let n = st.doc_len.len() as f32;
        // The filter as a flag per jurisdiction (None: every jurisdiction).
        // (A set of the names: with a thousand jurisdictions in scope, a list
        // compared name by name is a million comparisons a question.)
        let allowed: Option<Vec<bool>> = filter.map(|f| {
            let f: rustc_hash::FxHashSet<&str> = f.iter().copied().collect();
            st.jurisdictions
                .iter()
                .map(|j| f.contains(j.as_str()))
                .collect()
        });
        let allowed = allowed.filter(|a| a.iter().any(|x| !x));
        let end = allowed.as_ref().map_or(u32::MAX, |a| {
            a.iter()
                .zip(&self.ends)
                .filter(|(allowed, _)| **allowed)
                .map(|(_, &e)| e)
                .max()
                .unwrap_or(0)
        });
        let norm = normalize(query);
        let mut query_terms = terms_in(&norm);
        query_terms.sort_unstable();
        query_terms.dedup();
        // With enough pairs of characters to go on, single characters add little to
        // the ranking and cost the most (their posting lists are the longest).
        let bigrams = query_terms.iter().filter(|t| is_bigram(t)).count();
        // A pair no article has (a typo: 长务会议, 法律顾文) falls back to its
        // characters, so that the one that is right still counts.
        if bigrams >= 3 {
            let unknown: Vec<char> = query_terms
                .iter()
                .filter(|t| is_bigram(t) && !st.df.contains_key(**t))
                .flat_map(|t| t.chars())
                .collect();
            query_terms.retain(|t| {
                is_bigram(t)
                    || !t.chars().all(is_cjk)
                    || t.chars().next().is_some_and(|c| unknown.contains(&c))
            });
        }
        // Dense accumulator: one slot per article, and the list of those touched.
        // (score, weight of the terms matched), side by side.
        let mut acc = vec![[0f32; 2]; st.doc_len.len()];
        let mut touched: Vec<u32> = Vec::new();
        // The query's whole weight: every term, a term no article has at the
        // weight of the rarest (a word of the question the rules never use).
        let mut total = 0f32;
        let rarest = ((n + 0.5) / 0.5 + 1.0).ln();
        for t in &query_terms {
            let Some(&df) = st.df.get(*t) else {
                if is_bigram(t) {
                    total += term_weight(t) * rarest * UNKNOWN_SHARE;
                }
                continue;
            };
            let df = df as f32;
            // A term in most articles says almost nothing (idf < ln 2) and costs the
            // most to score: leave it out.
            if df > n / 2.0 && n >= 20.0 {
                continue;
            }
            let Some(bytes) = self.source.postings(t) else {
                continue;
            };
            let idf = ((n - df + 0.5) / (df + 0.5) + 1.0).ln();
            let w = term_weight(t) * idf;
            total += w;
            // One loop without the filter, one with it.
            match &allowed {
                None => accumulate(&bytes, w, &self.norm, &mut acc, &mut touched, end, |_| true),
                Some(a) => accumulate(&bytes, w, &self.norm, &mut acc, &mut touched, end, |doc| {
                    a[st.jurisdiction_of[doc as usize] as usize]
                }),
            }
        }
        let hit = |doc: u32| SearchHit {
            article: doc as usize,
            score: acc[doc as usize][0],
            coverage: if total > 0.0 {
                (acc[doc as usize][1] / total).min(1.0)
            } else {
                0.0
            },
            matched: acc[doc as usize][1] / (BIGRAM_WEIGHT * rarest),
        };
        let ranked = |doc: u32| Ranked {
            score: acc[doc as usize][0],
            doc,
        };
        let mut below: Vec<Ranked> = Vec::new();
        let best: Vec<Ranked> = if touched.len() <= limit {
            let mut best: Vec<Ranked> = touched.into_iter().map(ranked).collect();
            best.sort_unstable();
            best
        } else {
            // The `limit` best in a heap whose top is the worst of them: at a
            // thousand documents a question touches most of their articles, and
            // most are turned away by one comparison with the top.
            let mut heap = std::collections::BinaryHeap::with_capacity(limit + 1);
            for &doc in &touched {
                let r = ranked(doc);
                if heap.len() < limit {
                    heap.push(r);
                } else if let Some(mut worst) = heap.peek_mut()
                    && r < *worst
                {
                    *worst = r;
                }
            }
            let best = heap.into_sorted_vec();
            // Of those below the cut, only the kept ones (read by number, not by
            // passing over every article touched).
            if let Some(last) = best.last() {
                below.extend(
                    keep.iter()
                        .filter(|&&a| acc.get(a).is_some_and(|x| x[0] != 0.0))
                        .map(|&a| ranked(a as u32))
                        .filter(|r| r > last),
                );
                below.sort_unstable();
                below.dedup();
            }
            best
        };
        best.into_iter().chain(below).map(|r| hit(r.doc)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(j: &str, text: &str) -> Article {
        Article::sample(j, text)
    }

    #[test]
    fn postings_round_trip() {
        let list = vec![(0u32, 1u16), (7, 3), (70_000, 65_535)];
        assert_eq!(
            decode_postings(&encode_postings(&list)).collect::<Vec<_>>(),
            list
        );
    }

    #[test]
    fn terms_are_unigrams_and_bigrams() {
        assert_eq!(
            terms("会议纪要"),
            ["会", "议", "会议", "纪", "议纪", "要", "纪要"]
        );
        assert_eq!(terms("710制度"), ["710", "制", "度", "制度"]);
        // Letters and digits as runs, broken by a character or a mark; pairs
        // only of characters side by side.
        assert_eq!(
            terms("ABC会议 12,3号文x"),
            [
                "abc", "会", "议", "会议", "12", "3", "号", "文", "号文", "x"
            ]
        );
        assert_eq!(terms_in("会 议"), ["会", "议"]);
    }

    #[test]
    fn a_number_or_code_of_three_or_more_counts_as_a_word() {
        // 12345 (a hotline), 710 (a system): as specific as a pair of
        // characters, not as one character (fresh-64: 株洲规则里提到12345了嘛).
        assert_eq!(term_weight("12345"), BIGRAM_WEIGHT);
        assert_eq!(term_weight("710"), BIGRAM_WEIGHT);
        assert_eq!(term_weight("10"), 1.0);
        assert_eq!(term_weight("会"), 1.0);
        assert_eq!(term_weight("会议"), BIGRAM_WEIGHT);
    }

    #[test]
    fn ranks_and_filters() {
        let arts = vec![
            article("甲市", "常务会议一般每月召开二次"),
            article("乙市", "会签文件应在7个工作日内回复"),
            article("甲市", "全体会议一般每半年召开一次"),
        ];
        let idx = SearchIndex::build(&arts, &|a| a.text.clone());
        let hits = idx.search("常务会议多久开一次", None, 3);
        assert_eq!(hits[0].article, 0);
        let hits = idx.search("回复", Some(&["甲市"]), 3);
        assert!(hits.is_empty());
        assert!(idx.search("", None, 3).is_empty());
    }

    /// The articles `keep` names come back even below the cut, after the best.
    #[test]
    fn kept_articles_come_back_below_the_cut() {
        let arts = vec![
            article("甲市", "常务会议一般每月召开二次"),
            article("甲市", "全体会议一般每半年召开一次"),
            article("甲市", "严格遵守保密纪律"),
        ];
        let idx = SearchIndex::build(&arts, &|a| a.text.clone());
        let q = "常务会议一般每月召开几次,保密吗";
        let top: Vec<usize> = idx.search(q, None, 1).iter().map(|h| h.article).collect();
        assert_eq!(top, [0]);
        let kept: Vec<usize> = idx
            .search_keeping(q, None, 1, &[2])
            .iter()
            .map(|h| h.article)
            .collect();
        assert_eq!(kept, [0, 2]);
    }

    /// The `limit` best are the first `limit` of all hits sorted (best first,
    /// ties by article), however many tie: the selection is a total order.
    #[test]
    fn the_best_few_are_the_head_of_all_hits_sorted() {
        let texts = [
            "常务会议一般每月召开二次",
            "全体会议一般每半年召开一次",
            "常务会议由市长召集",
            "会议纪要由办公室起草",
        ];
        // Copies tie with each other, as a corpus of many like documents does.
        let arts: Vec<Article> = (0..40)
            .map(|i| article(&format!("{i}市"), texts[i % texts.len()]))
            .collect();
        let idx = SearchIndex::build(&arts, &|a| a.text.clone());
        let q = "常务会议一般多久召开一次";
        let all = idx.search(q, None, arts.len());
        assert!(all.len() > 20);
        assert!(all.windows(2).all(|w| {
            w[0].score > w[1].score || (w[0].score == w[1].score && w[0].article < w[1].article)
        }));
        for limit in [1, 3, 7, 10, 11, 20] {
            assert_eq!(idx.search(q, None, limit), all[..limit], "limit {limit}");
        }
        // A kept article below the cut comes after the best; one above it, once.
        let kept = idx.search_keeping(q, None, 3, &[all[5].article, all[0].article]);
        assert_eq!(kept, [&all[..3], &all[5..6]].concat());
        // Articles of a jurisdiction filtered out are neither hits nor kept.
        let only: Vec<&str> = vec!["0市", "1市"];
        let hits = idx.search_keeping(q, Some(&only), 1, &[2]);
        assert!(hits.iter().all(|h| h.article < 2), "{hits:?}");
        // A list read only up to the last article allowed still reaches it.
        let last: Vec<usize> = idx
            .search(q, Some(&["38市"]), 5)
            .iter()
            .map(|h| h.article)
            .collect();
        assert_eq!(last, [38]);
    }
}
