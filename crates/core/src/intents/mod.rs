//! Declarative intents: what a civil servant asks about, how the question says it,
//! and which article of each jurisdiction's work rules governs it. Everything is
//! data in `intents/*.toml`; this module loads and validates it, prepares a
//! question (mentions, fillers, synonyms, numerals, places) and scores intents.
//!
//! Files in the intents folder:
//! - `_template.toml` (and any file starting with `_`): documentation, not loaded;
//! - `synonyms.toml`: fillers, synonym groups and regex rewrites;
//! - `places.toml`: the gazetteer of Chinese places rulebot has no document for;
//! - `out_of_scope.toml`: topics no work rule covers, and chit-chat;
//! - every other `*.toml`: one intent.

mod lazy;
mod load;
mod places;
pub(crate) mod prefilter;
mod prepare;
mod yes_no;

use std::collections::HashMap;
use std::path::PathBuf;

use regex::Regex;

/// The version of how articles are read for matching ([`IntentSet::matching_text`],
/// [`crate::search::terms`]): what a store derived from the articles (search
/// index, governing articles) is keyed by, so an upgrade that reads articles
/// differently never answers from an index built the old way.
pub const MATCHING_VERSION: u32 = 5;

pub use lazy::LazyRegex;
#[cfg(test)]
pub(crate) use load::shipped_synonyms;
pub use load::{IntentError, load_cues};
pub use places::{PlaceMention, PlaceRole};
pub use prepare::Prepared;
pub(crate) use prepare::Synonyms;

/// A regex with a weight.
#[derive(Debug, Clone)]
pub struct Weighted {
    pub re: LazyRegex,
    pub weight: f32,
}

/// The article an intent picks in one jurisdiction, with its article-side score.
#[derive(Debug, Clone, PartialEq)]
pub struct Governing {
    /// Index into `corpus.articles`.
    pub article: usize,
    /// Shared by every governing article of the jurisdiction (one copy of the
    /// name, not one per article: 280,000 entries at 1,000 documents).
    pub jurisdiction: std::sync::Arc<str>,
    /// Sum of the weights of the article patterns it matches.
    pub score: f32,
}

/// One topic a civil servant asks about.
#[derive(Debug, Clone)]
pub struct Intent {
    pub id: String,
    pub title: String,
    pub summary: String,
    /// Slots the intent uses: `role`, `place`, `date`, `meeting`.
    pub slots: Vec<String>,
    pub require: Vec<LazyRegex>,
    pub exclude: Vec<LazyRegex>,
    pub patterns: Vec<Weighted>,
    pub keywords: Vec<(String, f32)>,
    /// The score an article's patterns must reach for it to be governing.
    pub article_min_score: f32,
    pub examples: Vec<String>,
    pub counter_examples: Vec<String>,
    /// Every article in the corpus scoring at least `article_min_score`, best
    /// first (the article patterns are compiled only to find these, when the
    /// store holds none for the intents' fingerprint, and dropped after).
    pub governing: Vec<Governing>,
    /// `governing` positions by jurisdiction.
    pub by_jurisdiction: rustc_hash::FxHashMap<String, Vec<usize>>,
    /// The file it was read from.
    pub file: PathBuf,
    /// Intents (indices into `IntentSet::intents`) this one silences when it
    /// scores: a narrower topic asked in the broader one's words (哪个纲要 is
    /// the rule-of-law outline's, not the yearly report's).
    pub supersedes: Vec<usize>,
}

impl Intent {
    /// Scores a prepared (canonical) question; 0 when a `require` pattern is
    /// missing or an `exclude` pattern matches.
    pub fn score(&self, canonical: &str) -> f32 {
        self.score_some(canonical, &|_| true)
    }

    /// [`Intent::score`], running only the patterns `may_match` lets through
    /// (the others cannot match: none of their literal prefixes occur).
    fn score_some(&self, canonical: &str, may_match: &dyn Fn(usize) -> bool) -> f32 {
        if !self.require.is_empty() && !self.require.iter().any(|r| r.is_match(canonical)) {
            return 0.0;
        }
        let mut s = 0.0;
        for (k, p) in self.patterns.iter().enumerate() {
            if may_match(k) && p.re.is_match(canonical) {
                s += p.weight;
            }
        }
        for (k, w) in &self.keywords {
            if canonical.contains(k.as_str()) {
                s += w;
            }
        }
        // The excludes only matter for an intent that scored: run them last.
        if s > 0.0 && self.exclude.iter().any(|r| r.is_match(canonical)) {
            return 0.0;
        }
        s
    }

    /// The best article-side score of any article in the corpus.
    pub fn max_article_score(&self) -> f32 {
        self.governing.first().map(|g| g.score).unwrap_or(0.0)
    }

    /// The articles this intent picks in `jurisdiction`, best first.
    pub fn governing_in<'a>(
        &'a self,
        jurisdiction: &'a str,
    ) -> impl Iterator<Item = &'a Governing> + 'a {
        self.by_jurisdiction
            .get(jurisdiction)
            .into_iter()
            .flatten()
            .map(|&i| &self.governing[i])
    }
}

/// Characters a document's scrape lost (its metadata `lost`, compiled per
/// document id), read restored in `text`: by matching and by the intents'
/// article patterns alike.
pub(crate) fn restore_lost(
    lost: &HashMap<String, Vec<(Regex, String)>>,
    doc_id: &str,
    text: &str,
) -> String {
    let mut text = text.to_string();
    for (re, to) in lost.get(doc_id).map(Vec::as_slice).unwrap_or(&[]) {
        text = re.replace_all(&text, to.as_str()).into_owned();
    }
    text
}

/// What a load finds by matching every article against the intents and the
/// out-of-scope topics; kept beside the corpus so that the next start need not
/// match them again (the slow part at scale).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct GoverningCache {
    /// The governing articles of each intent: id → (article, score), best first.
    pub governing: HashMap<String, Vec<(u32, f32)>>,
    /// The articles that cover each out-of-scope topic (match its
    /// `covered_by`): id → articles.
    pub covering: HashMap<String, Vec<u32>>,
}

impl IntentSet {
    /// The governing and covering articles found, to give to
    /// [`IntentSet::load_cached`] next time.
    pub fn governing_cache(&self) -> GoverningCache {
        let governing = self
            .intents
            .iter()
            .map(|i| {
                (
                    i.id.clone(),
                    i.governing
                        .iter()
                        .map(|g| (g.article as u32, g.score))
                        .collect(),
                )
            })
            .collect();
        let covering = self
            .covered
            .get()
            .map(|c| {
                c.iter()
                    .map(|(id, v)| (id.clone(), v.iter().map(|&i| i as u32).collect()))
                    .collect()
            })
            .unwrap_or_default();
        GoverningCache {
            governing,
            covering,
        }
    }
}

/// Positions in `governing` by jurisdiction, best first.
pub(crate) fn index_by_jurisdiction(
    governing: &[Governing],
) -> rustc_hash::FxHashMap<String, Vec<usize>> {
    let mut m = rustc_hash::FxHashMap::<String, Vec<usize>>::default();
    for (i, g) in governing.iter().enumerate() {
        // The name copied once per jurisdiction, not once per article.
        match m.get_mut(&*g.jurisdiction) {
            Some(v) => v.push(i),
            None => {
                m.insert(g.jurisdiction.to_string(), vec![i]);
            }
        }
    }
    m
}

/// A topic no work rule covers (年休假, 公积金 …).
#[derive(Debug, Clone)]
pub struct OutOfScopeTopic {
    pub id: String,
    pub title: String,
    /// What a question about the topic says.
    pub patterns: Vec<LazyRegex>,
    /// What an article that covers the topic says: a question is refused as out
    /// of scope only when no held article in scope matches one of these.
    pub covered_by: Vec<LazyRegex>,
    /// `covered_by` was written for the topic. Without it, an article covers the
    /// question when it has the words the question matched (党员组织关系), not
    /// when it has any other words of the topic (民主生活会).
    pub covered_by_given: bool,
    /// What makes a question that matches `patterns` not about the topic
    /// (执法…录像 is the enforcement record, not a meeting recorded).
    pub unless: Vec<LazyRegex>,
}

/// The out-of-scope topic a question matched, and the words it matched by.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicMatch {
    pub id: String,
    pub title: String,
    /// The question's words the topic's pattern matched (党员组织关系).
    pub words: String,
}

/// How one jurisdiction is named in questions.
#[derive(Debug, Clone)]
pub struct JurisdictionNames {
    pub jurisdiction: String,
    /// Full name and short names, longest first.
    pub names: Vec<String>,
    /// One-character abbreviations (离昆).
    pub abbreviations: Vec<String>,
}

/// Everything loaded from the intents folder, validated against the corpus.
#[derive(Debug, Clone)]
pub struct IntentSet {
    pub intents: Vec<Intent>,
    pub out_of_scope: Vec<OutOfScopeTopic>,
    /// Words that set the scene, read out before out-of-scope topics are matched
    /// (`out_of_scope.toml` `[[scene]]`): pattern and replacement.
    pub(crate) scenes: Vec<(Regex, String)>,
    /// What cuts a message into its questions (`out_of_scope.toml` `[asides]`).
    pub(crate) asides: Option<Regex>,
    /// What ends a sentence, to find remarks (`[asides]` `remark`).
    pub(crate) remarks: Option<Regex>,
    pub(crate) chitchat: prepare::InOrder<()>,
    /// Questions to rulebot about itself (`out_of_scope.toml` `[[about_bot]]`).
    pub(crate) about_bot: Vec<(AboutBot, Vec<regex::Regex>)>,
    pub(crate) fillers: prepare::InOrder<()>,
    pub(crate) synonyms: prepare::Synonyms,
    pub(crate) gazetteer: places::Gazetteer,
    /// Every place name by its first character (held jurisdictions and the gazetteer).
    pub(crate) place_index: places::PlaceIndex,
    /// Held jurisdictions' names by their first two characters (slip repair).
    pub(crate) names: places::NameIndex,
    /// Which intents a question can match, in one pass.
    pub(crate) prefilter: prefilter::Prefilter,
    /// Which out-of-scope patterns (flattened over topics) may match a question.
    pub(crate) oos_gate: prefilter::PatternGate,
    pub jurisdictions: Vec<JurisdictionNames>,
    /// The question words (`cues.toml`), read by [`crate::reading::Asks`].
    pub cues: crate::reading::Cues,
    /// Per out-of-scope topic, the articles (indices into the corpus) that cover
    /// it: read once from the corpus, on the first question about such a topic.
    pub(crate) covered: std::sync::OnceLock<HashMap<String, Vec<usize>>>,
    /// Per document id, the characters its scrape lost (metadata `lost`),
    /// restored in the matching text.
    pub(crate) lost: HashMap<String, Vec<(Regex, String)>>,
}

/// A question to rulebot about itself, by what answers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AboutBot {
    /// 你是谁开发的 / 你是机器人吗: what rulebot is and how to ask it.
    Introduction,
    /// 你收录了哪些城市的规则: the documents held.
    Documents,
}

/// An intent's score for one question.
#[derive(Debug, Clone, PartialEq)]
pub struct IntentScore {
    /// Index into `IntentSet::intents`.
    pub intent: usize,
    pub score: f32,
}

/// Score an intent needs for rulebot to answer with it.
pub const ANSWER_SCORE: f32 = 3.0;
/// Score below which an intent is not even offered as "did you mean".
pub const CLARIFY_SCORE: f32 = 1.5;

impl IntentSet {
    /// Is `c` a character of everyday question language, never taken for a
    /// voice-input slip (synonyms.toml `never_slips`)?
    pub fn never_slips(&self, c: char) -> bool {
        self.synonyms.never_slips.binary_search(&c).is_ok()
    }

    /// Words of everyday question language that name no topic (synonyms.toml
    /// `everyday_words`).
    pub fn everyday_words(&self) -> &crate::unfamiliar::WordList {
        &self.synonyms.everyday_words
    }

    /// The asker's own words that a repair leaves as they are (synonyms.toml
    /// `never_repaired`: 复印 is not a slip for 复议).
    pub fn never_repaired(&self) -> &crate::unfamiliar::WordList {
        &self.synonyms.never_repaired
    }

    /// The titles of the covered topics, for a refusal message.
    pub fn topics(&self) -> Vec<&str> {
        // Topics that most documents govern first: those are what most people ask.
        let mut v: Vec<(usize, &str)> = self
            .intents
            .iter()
            .map(|i| {
                let mut docs: Vec<&str> = i.governing.iter().map(|g| &*g.jurisdiction).collect();
                docs.sort_unstable();
                docs.dedup();
                (docs.len(), i.title.as_str())
            })
            .collect();
        v.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
        v.into_iter().map(|(_, t)| t).collect()
    }

    /// Compiles now every pattern that is otherwise compiled on its first use:
    /// the intents' question patterns and the out-of-scope topics' (with their
    /// `covered_by`, read only when the store holds no covering articles, when
    /// `covered_by` is set). For a server to warm up before its first question,
    /// and for a check that each pattern compiles.
    pub fn compile_all(&self, covered_by: bool) -> Result<(), regex::Error> {
        for it in &self.intents {
            let question = it.patterns.iter().map(|p| &p.re);
            for r in it.require.iter().chain(&it.exclude).chain(question) {
                r.try_compile()?;
            }
        }
        for t in &self.out_of_scope {
            let covered = t.covered_by.iter().filter(|_| covered_by);
            for r in t.patterns.iter().chain(covered).chain(&t.unless) {
                r.try_compile()?;
            }
        }
        Ok(())
    }

    /// The intent with this id.
    pub fn get(&self, id: &str) -> Option<&Intent> {
        self.intents.iter().find(|i| i.id == id)
    }

    /// Prepares a question: mentions and fillers removed, numerals as digits,
    /// places recognised, synonyms folded to the rules' vocabulary.
    pub fn prepare(&self, question: &str) -> Prepared {
        prepare::without_asides(self, question, prepare::prepare(self, question))
    }

    /// Folds text into the rules' vocabulary (synonyms and rewrites), as
    /// [`IntentSet::prepare`] does after places are read.
    pub fn fold(&self, text: &str) -> String {
        self.synonyms.apply(text)
    }

    /// Scores every intent on a prepared question; those above 0, best first.
    pub fn classify(&self, prepared: &Prepared) -> Vec<IntentScore> {
        self.classify_canonical(&prepared.canonical)
    }

    /// Scores every intent on a question's canonical text (a prepared
    /// question's, or the same with its slips repaired); those above 0, best first.
    pub fn classify_canonical(&self, canonical: &str) -> Vec<IntentScore> {
        let on = self.prefilter.candidates(canonical);
        let mut out: Vec<IntentScore> = self
            .intents
            .iter()
            .enumerate()
            .filter(|(i, _)| on.intent(*i))
            .map(|(i, it)| IntentScore {
                intent: i,
                score: it.score_some(canonical, &|k| on.pattern(i, k)),
            })
            .filter(|s| s.score > 0.0)
            .collect();
        let silenced: Vec<usize> = out
            .iter()
            .flat_map(|s| self.intents[s.intent].supersedes.iter().copied())
            .collect();
        if !silenced.is_empty() {
            out.retain(|s| !silenced.contains(&s.intent));
        }
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.intent.cmp(&b.intent)));
        out
    }

    /// The best intent for a question, if it reaches [`ANSWER_SCORE`].
    pub fn best_intent(&self, question: &str) -> Option<(&Intent, f32)> {
        let p = self.prepare(question);
        if p.out_of_scope.is_some() || p.chitchat || p.empty {
            return None;
        }
        let scores = self.classify(&p);
        let top = scores.first()?;
        (top.score >= ANSWER_SCORE).then(|| (&self.intents[top.intent], top.score))
    }

    /// An article as matching reads it (bump [`MATCHING_VERSION`] when this
    /// changes): its chapter title and text, normalised (script, width,
    /// numerals, dates that lost 年 and 月) and folded into the same canonical
    /// vocabulary as questions. Only for matching: citations quote the stored
    /// text.
    pub fn matching_text(&self, a: &crate::rules::Article) -> String {
        let mut s = String::with_capacity(a.text.len() + 32);
        if let Some(ch) = &a.chapter {
            s.push_str(ch);
            s.push('\n');
        }
        // A date the page printed without 年 and 月 (200858日) reads as one;
        // characters the page lost (由长召集) are read restored.
        let text = crate::text::restore_date_marks(&a.text);
        s.push_str(&restore_lost(&self.lost, &a.doc_id, &text));
        self.synonyms
            .apply(&crate::text::numerals_to_digits(&crate::text::normalize(
                &s,
            )))
    }

    /// The out-of-scope topic with this id.
    pub fn out_of_scope_by_id(&self, id: &str) -> Option<&OutOfScopeTopic> {
        self.out_of_scope.iter().find(|t| t.id == id)
    }

    /// The articles of `corpus` (the one this set was loaded against) that cover
    /// the out-of-scope topic `id` (match its `covered_by`): found at load (or
    /// read from the store's cache), else on the first call.
    fn articles_covering(&self, id: &str, corpus: &crate::rules::parse::Corpus) -> &[usize] {
        let covered = self.covered.get_or_init(|| self.find_covering(corpus));
        covered.get(id).map(Vec::as_slice).unwrap_or_default()
    }

    /// Every article read against every out-of-scope topic's `covered_by`.
    pub(crate) fn find_covering(
        &self,
        corpus: &crate::rules::parse::Corpus,
    ) -> HashMap<String, Vec<usize>> {
        let mut by_topic: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, a) in corpus.articles.iter().enumerate() {
            let text = self.matching_text(a);
            for t in &self.out_of_scope {
                if t.covered_by.iter().any(|re| re.is_match(&text)) {
                    by_topic.entry(t.id.clone()).or_default().push(i);
                }
            }
        }
        by_topic
    }

    /// The out-of-scope topic a prepared canonical question is about, if any,
    /// with the words it matched; `whole` is the question before its scene was
    /// read out, which a topic's `unless` reads too (执法的时候要不要全过程录像:
    /// the clause that says when is still what the recording is of).
    pub(crate) fn out_of_scope_topic(&self, canonical: &str, whole: &str) -> Option<TopicMatch> {
        let on = self.oos_gate.open(canonical);
        let mut k = 0usize;
        self.out_of_scope.iter().find_map(|t| {
            let first = k;
            k += t.patterns.len();
            t.patterns
                .iter()
                .enumerate()
                .filter(|(j, _)| on.get(first + j).copied().unwrap_or(true))
                .find_map(|(_, r)| {
                    r.get()
                        .find_iter(canonical)
                        .find(|m| !glossed(canonical, m) && !names_a_body(canonical, m))
                })
                .filter(|_| {
                    !t.unless
                        .iter()
                        .any(|u| u.is_match(canonical) || u.is_match(whole))
                })
                .map(|m| TopicMatch {
                    id: t.id.clone(),
                    title: t.title.clone(),
                    words: m.as_str().to_string(),
                })
        })
    }

    /// Does article `article` (an index into `corpus.articles`) cover the
    /// out-of-scope topic matched (its `covered_by`, and the topic's words
    /// unless `covered_by` was written)?
    pub fn article_covers(
        &self,
        m: &TopicMatch,
        article: usize,
        corpus: &crate::rules::parse::Corpus,
    ) -> bool {
        self.articles_covering(&m.id, corpus).contains(&article) && self.covers(m, article, corpus)
    }

    /// Does an article of one of `scope` cover the topic the question matched
    /// (see [`OutOfScopeTopic::covered_by_given`])? Only the articles that match
    /// the topic's `covered_by` are read.
    pub fn topic_covered(
        &self,
        m: &TopicMatch,
        scope: &[String],
        corpus: &crate::rules::parse::Corpus,
    ) -> bool {
        self.articles_covering(&m.id, corpus)
            .iter()
            .filter(|&&i| scope.contains(&corpus.articles[i].jurisdiction))
            .any(|&i| self.covers(m, i, corpus))
    }

    /// Of an article its `covered_by` picked: does it cover the topic as
    /// matched (any such article when `covered_by` was written, else one that
    /// has the topic's words)?
    fn covers(&self, m: &TopicMatch, article: usize, corpus: &crate::rules::parse::Corpus) -> bool {
        let Some(t) = self.out_of_scope_by_id(&m.id) else {
            return false;
        };
        let a = &corpus.articles[article];
        t.covered_by_given
            || self.matching_text(a).contains(&m.words)
            || crate::text::normalize(&a.text).contains(&m.words)
    }
}

/// Is a topic's words matched in `text` one side of a word and its gloss in
/// brackets (盖章(会签), 会签(盖章))? The asker names the thing twice, in
/// their words and in the rules', and the rules' word says what is asked.
fn glossed(text: &str, m: &regex::Match<'_>) -> bool {
    text[m.end()..].starts_with(['(', '（'])
        || (text[..m.start()].ends_with(['(', '（']) && text[m.end()..].starts_with([')', '）']))
}

/// Is a topic's words matched in `text` the name of a body (医保局, 财政局预算科
/// read 部门预算科, 社保中心): the office that asks or is asked about, not the
/// topic?
fn names_a_body(text: &str, m: &regex::Match<'_>) -> bool {
    // Each suffix, and the characters that would make it part of another word
    // (医保处理, 社保委托, 预算科学, 局面).
    const BODY_SUFFIXES: [(&str, &str); 8] = [
        ("局", "面限"),
        ("科", "学"),
        ("处", "理罚分置"),
        ("厅", ""),
        ("委", "托员屈"),
        ("办公室", ""),
        ("中心", ""),
        ("站", "出"),
    ];
    let after = &text[m.end()..];
    BODY_SUFFIXES.iter().any(|(s, not_before)| {
        after
            .strip_prefix(s)
            .is_some_and(|rest| !rest.starts_with(|c: char| not_before.contains(c)))
    })
}

#[cfg(test)]
mod tests {
    use super::{glossed, names_a_body};

    #[test]
    fn a_topic_word_before_a_body_suffix_names_the_body() {
        let at = |text: &str, word: &str| {
            let re = regex::Regex::new(word).expect("word");
            let m = re.find(text).expect("found");
            names_a_body(text, &m)
        };
        assert!(at("部门和医保局协商了好几轮", "医保"));
        assert!(at("部门预算科在写通知", "部门预算"));
        assert!(!at("医保报销比例是多少", "医保"));
        assert!(!at("部门预算什么时候报", "部门预算"));
        assert!(!at("工伤处理要多久", "工伤"));
        assert!(!at("社保委托银行代扣", "社保"));
    }

    #[test]
    fn a_word_beside_its_gloss_in_brackets_is_glossed() {
        let at = |text: &str, word: &str| {
            let re = regex::Regex::new(word).expect("word");
            let m = re.find(text).expect("found");
            glossed(text, &m)
        };
        assert!(at("让我们盖章(会签),几天回", "盖章"));
        assert!(at("让我们会签（盖章）,几天回", "盖章"));
        assert!(!at("公章丢了,盖章找谁", "盖章"));
        assert!(!at("会签(盖章)以后还要盖章吗", "盖章吗"));
    }
}
