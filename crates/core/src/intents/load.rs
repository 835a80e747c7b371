//! Reading and validating the intents folder.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use regex::Regex;
use serde::Deserialize;

use super::lazy::LazyRegex;
use super::places::{Gazetteer, GazetteerFile, NameIndex};
use super::prepare::{Synonyms, SynonymsFile};
use super::{Governing, Intent, IntentSet, JurisdictionNames, OutOfScopeTopic, Weighted};
use crate::rules::parse::Corpus;
use crate::text::normalize;

/// Why the intents folder could not be loaded. Display names the file, the line
/// (where known) and the field.
#[derive(Debug)]
pub enum IntentError {
    /// A file or the folder could not be read.
    Io {
        /// The file or folder.
        file: PathBuf,
        /// What the file system said.
        source: std::io::Error,
    },
    /// A file is malformed or fails a check (unknown field, bad regex, an
    /// example that does not resolve to its intent…).
    Invalid {
        /// The file.
        file: PathBuf,
        /// The line, where known.
        line: Option<usize>,
        /// The field, or empty.
        field: String,
        /// What is wrong.
        message: String,
    },
}

impl fmt::Display for IntentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IntentError::Io { file, source } => {
                write!(f, "{}: 无法读取: {source}", file.display())
            }
            IntentError::Invalid {
                file,
                line,
                field,
                message,
            } => {
                write!(f, "{}", file.display())?;
                if let Some(l) = line {
                    write!(f, ":{l}")?;
                }
                if field.is_empty() {
                    write!(f, ": {message}")
                } else {
                    write!(f, ": 字段 `{field}`: {message}")
                }
            }
        }
    }
}

impl std::error::Error for IntentError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            IntentError::Io { source, .. } => Some(source),
            IntentError::Invalid { .. } => None,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WeightedFile {
    re: String,
    #[serde(default = "one")]
    weight: f32,
}

fn one() -> f32 {
    1.0
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionFile {
    #[serde(default)]
    require: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    patterns: Vec<WeightedFile>,
    #[serde(default)]
    keywords: BTreeMap<String, f32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ArticleFile {
    patterns: Vec<WeightedFile>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default = "default_min")]
    min_score: f32,
}

fn default_min() -> f32 {
    1.0
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IntentFile {
    id: String,
    title: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    slots: Vec<String>,
    question: QuestionFile,
    article: ArticleFile,
    examples: Vec<String>,
    #[serde(default)]
    counter_examples: Vec<String>,
    /// Intents (by id) this one silences when it matches: a narrower topic
    /// asked in the broader one's words.
    #[serde(default)]
    supersedes: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicFile {
    id: String,
    title: String,
    patterns: Vec<String>,
    /// Words an article that covers the topic has (default: `patterns`).
    #[serde(default)]
    covered_by: Vec<String>,
    /// Words that make a question matching `patterns` not about the topic.
    #[serde(default)]
    unless: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OutOfScopeFile {
    #[serde(default)]
    chitchat: Vec<String>,
    /// Words that set the scene, not the topic, read out before topics are
    /// matched (加班的时候, 起草一个停车管理的规范性文件).
    #[serde(default)]
    scene: Vec<SceneFile>,
    /// A message that asks several things (…谁主持 另外今天食堂几点开饭?).
    #[serde(default)]
    asides: Option<AsidesFile>,
    #[serde(default)]
    about_bot: Vec<AboutBotFile>,
    #[serde(default)]
    topic: Vec<TopicFile>,
}

/// A pattern whose match sets the scene; `to` replaces it (`$name` keeps a group).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SceneFile {
    re: String,
    to: String,
}

/// How a message is cut into its questions (a part asks something when it has a
/// word that asks: cues.toml `asking`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AsidesFile {
    /// What separates two questions of one message (dropped when cut).
    split: String,
    /// What ends a sentence: a sentence after the question that asks nothing
    /// and alone names a topic is a remark (…哪天要办结?今天周六还在加班).
    remark: String,
}

/// Questions to rulebot about itself, and what answers them.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AboutBotFile {
    reply: super::AboutBot,
    patterns: Vec<String>,
    /// Questions the patterns must match (checked at start).
    examples: Vec<String>,
}

const SLOTS: [&str; 4] = ["role", "place", "date", "meeting"];
const SPECIAL: [&str; 4] = [
    "synonyms.toml",
    "places.toml",
    "out_of_scope.toml",
    "cues.toml",
];

/// Reads and checks `cues.toml`: the question words, one regex per kind.
pub fn load_cues(path: &Path) -> Result<crate::reading::Cues, IntentError> {
    let src = Source::read(path)?;
    // A cue read by a named group must have it.
    let named = |r: regex::Regex, field: &str, group: &str| {
        if r.capture_names().any(|n| n == Some(group)) {
            Ok(r)
        } else {
            Err(src.error(field, field, format!("{field} 需要命名分组 (?P<{group}>…)")))
        }
    };
    let f: crate::reading::CuesFile = src.parse()?;
    let re = |field: &str, p: &str| src.regex(field, p);
    Ok(crate::reading::Cues {
        slips: f.slips.into_iter().collect(),
        not_asking: re("not_asking", &f.not_asking)?,
        starts: re("starts", &f.starts)?,
        rule_asked: re("rule_asked", &f.rule_asked)?,
        fewer_people: re("fewer_people", &f.fewer_people)?,
        reference: re("reference", &f.reference)?,
        system_asked: re("system_asked", &f.system_asked)?,
        when_as_case: re("when_as_case", &f.when_as_case)?,
        says_when: re("says_when", &f.says_when)?,
        identity_not_role: re("identity_not_role", &f.identity_not_role)?,
        asking: re("asking", &f.asking)?,
        few: re("few", &f.few)?,
        time_limit: re("time_limit", &f.time_limit)?,
        frequency: re("frequency", &f.frequency)?,
        frequency_named: re("frequency_named", &f.frequency_named)?,
        when: re("when", &f.when)?,
        quorum: re("quorum", &f.quorum)?,
        count: re("count", &f.count)?,
        threshold: re("threshold", &f.threshold)?,
        who: re("who", &f.who)?,
        members: re("members", &f.members)?,
        recipient: named(re("recipient", &f.recipient)?, "recipient", "verb")?,
        which_meeting: re("which_meeting", &f.which_meeting)?,
        compare: re("compare", &f.compare)?,
        identity: named(re("identity", &f.identity)?, "identity", "role")?,
        article_asked: named(
            re("article_asked", &f.article_asked)?,
            "article_asked",
            "number",
        )?,
        date: re("date", &f.date)?,
        deadline_date: re("deadline_date", &f.deadline_date)?,
        amount: re("amount", &f.amount)?,
        figure: re("figure", &f.figure)?,
        figure_named: re("figure_named", &f.figure_named)?,
        permission: re("permission", &f.permission)?,
        kinds: re("kinds", &f.kinds)?,
        title_asked: re("title_asked", &f.title_asked)?,
        in_advance: re("in_advance", &f.in_advance)?,
        limit_of: re("limit_of", &f.limit_of)?,
        step_asked: re("step_asked", &f.step_asked)?,
        body_asked: re("body_asked", &f.body_asked)?,
        body_words: re("body_words", &f.body_words)?,
        document_kinds: re("document_kinds", &f.document_kinds)?,
        approvals: re("approvals", &f.approvals)?,
        body_label: if f.body_label.contains("{verb}") {
            f.body_label.clone()
        } else {
            return Err(src.error(
                "body_label",
                "body_label",
                "body_label 需要含 {verb}".to_string(),
            ));
        },
        body_does: re("body_does", &f.body_does)?,
        permission_stated: re("permission_stated", &f.permission_stated)?,
        matter_to_meeting: re("matter_to_meeting", &f.matter_to_meeting)?,
        matters_listed: re("matters_listed", &f.matters_listed)?,
        meeting_destination: re("meeting_destination", &f.meeting_destination)?,
        meeting_origin: re("meeting_origin", &f.meeting_origin)?,
        offered_option: re("offered_option", &f.offered_option)?,
        details: f
            .details
            .iter()
            .map(|(class, d)| {
                let field = format!("details.{class}");
                Ok(crate::reading::Detail {
                    class: class.clone(),
                    label: d.label.clone(),
                    asked: re(&field, &d.asked)?,
                    stated: match d.stated.as_str() {
                        "" => None,
                        p => Some(re(&field, p)?),
                    },
                    ranks: d.ranks,
                })
            })
            .collect::<Result<Vec<_>, IntentError>>()?,
        unit_asked: {
            let all: Vec<&str> = f.units.values().map(|u| u.words.as_str()).collect();
            re(
                "units",
                &format!(
                    r"(几|多少)\s*个?\s*(?P<unit>{all})|(?P<measure>{all})数[^,。?!]{{0,8}}(几|多少|限制|上限|要求)",
                    all = all.join("|")
                ),
            )?
        },
        units: f
            .units
            .iter()
            .map(|(class, u)| {
                let field = format!("units.{class}");
                Ok(crate::reading::Unit {
                    class: class.clone(),
                    label: u.label.clone(),
                    whole: re(&field, &format!("^(?:{})$", u.words))?,
                    stated: re(
                        &field,
                        &format!(r"{}\s*个?\s*(?:{})", crate::numerals::NUM_PATTERN, u.words),
                    )?,
                })
            })
            .collect::<Result<Vec<_>, IntentError>>()?,
        figure_words: re("figure_words", &f.figure_words)?,
        asks_gate: Default::default(),
    }
    .gated())
}

/// The gazetteer of `path` alone (for the places module's tests).
#[cfg(test)]
pub(crate) fn load_gazetteer(path: &Path) -> Result<Gazetteer, IntentError> {
    let src = Source::read(path)?;
    let file: GazetteerFile = src.parse()?;
    Gazetteer::build(&src, file)
}

/// The shipped synonyms (intents/synonyms.toml), for unit tests.
#[cfg(test)]
pub(crate) fn shipped_synonyms() -> Synonyms {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../intents");
    load_synonyms(&dir.join("synonyms.toml")).expect("the shipped synonyms load")
}

#[cfg(test)]
pub(crate) fn load_synonyms(path: &Path) -> Result<Synonyms, IntentError> {
    let src = Source::read(path)?;
    let file: SynonymsFile = src.parse()?;
    Synonyms::build(&src, file).map(|(s, _)| s)
}

/// A character class of a regex (`[一二三四五六日天]`), set aside when a pattern
/// is checked for counted numerals.
static CHAR_CLASS: std::sync::LazyLock<Regex> =
    std::sync::LazyLock::new(|| Regex::new(r"\[(\\.|[^\]\\])*\]").expect("a valid regex"));

/// One file being read: its path and text, for error messages with lines.
pub(crate) struct Source {
    pub path: PathBuf,
    pub text: String,
}

impl Source {
    fn read(path: &Path) -> Result<Source, IntentError> {
        let text = fs::read_to_string(path).map_err(|source| IntentError::Io {
            file: path.to_path_buf(),
            source,
        })?;
        Ok(Source {
            path: path.to_path_buf(),
            text,
        })
    }

    /// The 1-based line of the first occurrence of `needle`, if any.
    fn line_of(&self, needle: &str) -> Option<usize> {
        if needle.is_empty() {
            return None;
        }
        self.text
            .find(needle)
            .map(|off| self.text[..off].matches('\n').count() + 1)
    }

    fn line_of_offset(&self, off: usize) -> usize {
        self.text[..off.min(self.text.len())].matches('\n').count() + 1
    }

    pub fn error(&self, field: &str, needle: &str, message: impl Into<String>) -> IntentError {
        let line = self.line_of(needle).or_else(|| {
            let key = field.rsplit('.').next().unwrap_or(field);
            let key = key.split('[').next().unwrap_or(key);
            self.line_of(&format!("{key} ="))
                .or_else(|| self.line_of(&format!("[{key}]")))
                .or_else(|| self.line_of(&format!("[[{key}]]")))
        });
        IntentError::Invalid {
            file: self.path.clone(),
            line,
            field: field.to_string(),
            message: message.into(),
        }
    }

    fn parse<T: for<'de> Deserialize<'de>>(&self) -> Result<T, IntentError> {
        toml::from_str(&self.text).map_err(|e| {
            let line = e.span().map(|s| self.line_of_offset(s.start));
            let message = e.message().to_string();
            let field = field_from_message(&message);
            IntentError::Invalid {
                file: self.path.clone(),
                line,
                field,
                message,
            }
        })
    }

    /// The checks every pattern passes: not empty, no counted Chinese numeral.
    fn check_pattern(&self, field: &str, pattern: &str) -> Result<(), IntentError> {
        if pattern.is_empty() {
            return Err(self.error(field, "", "空的正则表达式"));
        }
        // Questions and articles are matched with counted numerals as digits
        // (一个人 → 1个人, 每两周 → 每2周): a pattern written with one never
        // matches. Character classes ([一二三]) are sets, not numerals.
        let mut digits = String::with_capacity(pattern.len());
        let mut at = 0;
        for m in CHAR_CLASS.find_iter(pattern) {
            digits.push_str(&crate::text::numerals_to_digits(&pattern[at..m.start()]));
            digits.push_str(m.as_str());
            at = m.end();
        }
        digits.push_str(&crate::text::numerals_to_digits(&pattern[at..]));
        if digits != pattern {
            return Err(self.error(
                field,
                pattern,
                format!("正则里有计数的中文数字,问题和条文都已写成阿拉伯数字,这样永远匹配不上;请写成:{digits}"),
            ));
        }
        Ok(())
    }

    pub fn regex(&self, field: &str, pattern: &str) -> Result<Regex, IntentError> {
        self.check_pattern(field, pattern)?;
        Regex::new(pattern).map_err(|e| self.error(field, pattern, format!("正则表达式无效: {e}")))
    }

    /// [`Source::regex`], compiled on first use (its syntax checked now).
    pub(crate) fn lazy(&self, field: &str, pattern: &str) -> Result<LazyRegex, IntentError> {
        self.check_pattern(field, pattern)?;
        LazyRegex::new(pattern)
            .map_err(|e| self.error(field, pattern, format!("正则表达式无效: {e}")))
    }

    fn weighted(&self, field: &str, list: &[WeightedFile]) -> Result<Vec<Weighted>, IntentError> {
        list.iter()
            .enumerate()
            .map(|(i, w)| {
                let f = format!("{field}[{i}]");
                if !(w.weight.is_finite() && w.weight > 0.0) {
                    return Err(self.error(&f, &w.re, "weight 必须是正数"));
                }
                Ok(Weighted {
                    re: self.lazy(&format!("{f}.re"), &w.re)?,
                    weight: w.weight,
                })
            })
            .collect()
    }

    fn regexes(&self, field: &str, list: &[String]) -> Result<Vec<Regex>, IntentError> {
        list.iter()
            .enumerate()
            .map(|(i, p)| self.regex(&format!("{field}[{i}]"), p))
            .collect()
    }

    /// [`Source::regexes`], each compiled on first use.
    fn lazies(&self, field: &str, list: &[String]) -> Result<Vec<LazyRegex>, IntentError> {
        list.iter()
            .enumerate()
            .map(|(i, p)| self.lazy(&format!("{field}[{i}]"), p))
            .collect()
    }
}

fn field_from_message(message: &str) -> String {
    // toml reports "unknown field `foo`, expected …" and "missing field `bar`".
    if let Some(start) = message.find('`')
        && let Some(len) = message[start + 1..].find('`')
    {
        return message[start + 1..start + 1 + len].to_string();
    }
    String::new()
}

impl IntentSet {
    /// Loads and validates the intents folder against the corpus: unknown fields,
    /// bad regexes, duplicate ids, unknown slots and intents whose article patterns
    /// match no article are errors naming the file, line and field.
    pub fn load(dir: &Path, corpus: &Corpus) -> Result<IntentSet, IntentError> {
        IntentSet::load_cached(dir, corpus, None)
    }

    /// Like [`IntentSet::load`], reusing the governing articles found by an earlier
    /// load of the same intents over the same corpus (see [`IntentSet::governing_cache`]):
    /// matching every article against every intent is the slow part at scale.
    pub fn load_cached(
        dir: &Path,
        corpus: &Corpus,
        cache: Option<&super::GoverningCache>,
    ) -> Result<IntentSet, IntentError> {
        let entries = fs::read_dir(dir).map_err(|source| IntentError::Io {
            file: dir.to_path_buf(),
            source,
        })?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort();

        let file_name = |p: &Path| {
            p.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        };

        // Jurisdiction names from the documents' metadata.
        let mut jurisdictions: Vec<JurisdictionNames> = Vec::new();
        for d in &corpus.documents {
            let mut names = vec![d.meta.jurisdiction.clone()];
            for s in &d.meta.short_names {
                if !names.contains(s) {
                    names.push(s.clone());
                }
            }
            names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
            jurisdictions.push(JurisdictionNames {
                jurisdiction: d.meta.jurisdiction.clone(),
                names,
                abbreviations: d.meta.abbreviations.clone(),
            });
        }

        let synonyms_path = dir.join("synonyms.toml");
        let synonyms_src = Source::read(&synonyms_path)?;
        let synonyms_file: SynonymsFile = synonyms_src.parse()?;
        let (synonyms, fillers) = Synonyms::build(&synonyms_src, synonyms_file)?;

        let places_src = Source::read(&dir.join("places.toml"))?;
        let places_file: GazetteerFile = places_src.parse()?;
        let gazetteer = Gazetteer::build(&places_src, places_file)?;

        let cues = load_cues(&dir.join("cues.toml"))?;

        let oos_src = Source::read(&dir.join("out_of_scope.toml"))?;
        let oos_file: OutOfScopeFile = oos_src.parse()?;
        let mut scenes = Vec::new();
        for (i, sc) in oos_file.scene.iter().enumerate() {
            let re = oos_src.regexes(&format!("scene[{i}].re"), std::slice::from_ref(&sc.re))?;
            scenes.extend(re.into_iter().map(|r| (r, sc.to.clone())));
        }
        let (asides, remarks) = match &oos_file.asides {
            Some(a) => (
                oos_src
                    .regexes("asides.split", std::slice::from_ref(&a.split))?
                    .into_iter()
                    .next(),
                oos_src
                    .regexes("asides.remark", std::slice::from_ref(&a.remark))?
                    .into_iter()
                    .next(),
            ),
            None => (None, None),
        };
        let mut out_of_scope = Vec::new();
        for (i, t) in oos_file.topic.iter().enumerate() {
            let field = format!("topic[{i}].patterns");
            if t.patterns.is_empty() {
                return Err(oos_src.error(&field, &t.id, "至少需要一个正则"));
            }
            let patterns = oos_src.lazies(&field, &t.patterns)?;
            let covered_by = if t.covered_by.is_empty() {
                patterns.clone()
            } else {
                oos_src.lazies(&format!("topic[{i}].covered_by"), &t.covered_by)?
            };
            let unless = oos_src.lazies(&format!("topic[{i}].unless"), &t.unless)?;
            out_of_scope.push(OutOfScopeTopic {
                id: t.id.clone(),
                title: t.title.clone(),
                patterns,
                covered_by,
                covered_by_given: !t.covered_by.is_empty(),
                unless,
            });
        }

        // Characters a page lost (由长召集), read restored by the intents' article
        // patterns as by matching. Each pattern compiled once, however many
        // documents list it (a corpus of many copies of one city's pages).
        let mut lost = std::collections::HashMap::new();
        let mut compiled: std::collections::HashMap<&str, regex::Regex> =
            std::collections::HashMap::new();
        for d in corpus.documents.iter().filter(|d| !d.meta.lost.is_empty()) {
            let mut v = Vec::new();
            for l in &d.meta.lost {
                let re = match compiled.get(l.re.as_str()) {
                    Some(re) => re.clone(),
                    None => {
                        let re = regex::Regex::new(&l.re).map_err(|e| IntentError::Invalid {
                            file: PathBuf::from(format!("{}.toml", d.id)),
                            line: None,
                            field: "lost".into(),
                            message: e.to_string(),
                        })?;
                        compiled.insert(l.re.as_str(), re.clone());
                        re
                    }
                };
                v.push((re, l.to.clone()));
            }
            lost.insert(d.id.clone(), v);
        }
        // Each jurisdiction's name, shared by its governing articles.
        let mut names = rustc_hash::FxHashMap::<&str, std::sync::Arc<str>>::default();
        let mut name_of = |ai: usize| -> std::sync::Arc<str> {
            let j = corpus.articles[ai].jurisdiction.as_str();
            names.entry(j).or_insert_with(|| j.into()).clone()
        };
        // Articles normalised on first need (not at all when every intent is cached).
        let mut normalized_all: Vec<String> = Vec::new();

        let mut intents: Vec<Intent> = Vec::new();
        let mut superseding: Vec<Vec<String>> = Vec::new();
        for path in files {
            let name = file_name(&path);
            if name.starts_with('_') || SPECIAL.contains(&name.as_str()) {
                continue;
            }
            let src = Source::read(&path)?;
            let f: IntentFile = src.parse()?;
            if f.id.trim().is_empty()
                || !f.id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            {
                return Err(src.error("id", "id =", "id 只能由字母、数字和下划线组成,且不能为空"));
            }
            if f.title.trim().is_empty() {
                return Err(src.error("title", "title =", "title 不能为空"));
            }
            if intents.iter().any(|i| i.id == f.id) {
                return Err(src.error("id", "id =", format!("id `{}` 与另一个意图重复", f.id)));
            }
            for s in &f.slots {
                if !SLOTS.contains(&s.as_str()) {
                    return Err(src.error(
                        "slots",
                        s,
                        format!("未知的槽位 `{s}`(可用: {})", SLOTS.join(", ")),
                    ));
                }
            }
            if f.question.patterns.is_empty() && f.question.keywords.is_empty() {
                return Err(src.error(
                    "question",
                    "[question]",
                    "question 至少需要 patterns 或 keywords",
                ));
            }
            if f.article.patterns.is_empty() {
                return Err(src.error(
                    "article.patterns",
                    "[article]",
                    "article.patterns 不能为空",
                ));
            }
            if f.examples.is_empty() {
                return Err(src.error("examples", "examples", "至少需要一个例句"));
            }
            let mut keywords = Vec::new();
            for (k, w) in &f.question.keywords {
                if k.is_empty() || !(w.is_finite() && *w > 0.0) {
                    return Err(src.error("question.keywords", k, "关键词不能为空,权重必须是正数"));
                }
                keywords.push((normalize(k), *w));
            }
            let cached = cache.and_then(|c| c.governing.get(&f.id)).map(|list| {
                list.iter()
                    .filter(|(ai, _)| (*ai as usize) < corpus.articles.len())
                    .map(|&(ai, score)| Governing {
                        article: ai as usize,
                        jurisdiction: name_of(ai as usize),
                        score,
                    })
                    .collect::<Vec<_>>()
            });
            let mut governing = Vec::new();
            // The article patterns are compiled only to find the governing
            // articles (not when they are cached), and dropped after.
            if let Some(c) = cached {
                governing = c;
            } else {
                let article_patterns = src.weighted("article.patterns", &f.article.patterns)?;
                let article_exclude = src.lazies("article.exclude", &f.article.exclude)?;
                let normalized: Vec<String>;
                let texts: &[String] = if normalized_all.is_empty() {
                    normalized = corpus
                        .articles
                        .iter()
                        .map(|a| normalize(&super::restore_lost(&lost, &a.doc_id, &a.text)))
                        .collect();
                    normalized_all = normalized;
                    &normalized_all
                } else {
                    &normalized_all
                };
                for (ai, text) in texts.iter().enumerate() {
                    if article_exclude.iter().any(|r| r.is_match(text)) {
                        continue;
                    }
                    let score: f32 = article_patterns
                        .iter()
                        .filter(|p| p.re.is_match(text))
                        .map(|p| p.weight)
                        .sum();
                    if score >= f.article.min_score && score > 0.0 {
                        governing.push(Governing {
                            article: ai,
                            jurisdiction: name_of(ai),
                            score,
                        });
                    }
                }
            }
            // An intent whose articles none of the held documents has (a
            // deployment holding one city's rules, or only a national regulation)
            // stays known and lends no evidence: refusing to start would make a
            // document a code change. The shipped intents each govern an article
            // of the shipped documents (tests/intents.rs).
            governing.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.article.cmp(&b.article)));
            intents.push(Intent {
                id: f.id.clone(),
                title: f.title.clone(),
                summary: f.summary.clone(),
                slots: f.slots.clone(),
                require: src.lazies("question.require", &f.question.require)?,
                exclude: src.lazies("question.exclude", &f.question.exclude)?,
                patterns: src.weighted("question.patterns", &f.question.patterns)?,
                keywords,
                article_min_score: f.article.min_score,
                examples: f.examples.clone(),
                counter_examples: f.counter_examples.clone(),
                by_jurisdiction: super::index_by_jurisdiction(&governing),
                governing,
                file: path.clone(),
                supersedes: Vec::new(),
            });
            superseding.push(f.supersedes.clone());
        }
        // `supersedes` names intents by id: each must exist and not be itself.
        for (i, ids) in superseding.iter().enumerate() {
            let mut resolved = Vec::with_capacity(ids.len());
            for id in ids {
                match intents.iter().position(|it| &it.id == id) {
                    Some(j) if j != i => resolved.push(j),
                    _ => {
                        return Err(IntentError::Invalid {
                            file: intents[i].file.clone(),
                            line: None,
                            field: "supersedes".into(),
                            message: format!("supersedes 中的“{id}”不是另一个意图的 id"),
                        });
                    }
                }
            }
            intents[i].supersedes = resolved;
        }
        if intents.is_empty() {
            return Err(IntentError::Invalid {
                file: dir.to_path_buf(),
                line: None,
                field: String::new(),
                message: "没有找到任何意图文件".into(),
            });
        }
        let mut about_bot = Vec::new();
        for (i, a) in oos_file.about_bot.iter().enumerate() {
            let field = format!("about_bot[{i}].patterns");
            let patterns = oos_src.regexes(&field, &a.patterns)?;
            for e in &a.examples {
                let n = normalize(e);
                if !patterns.iter().any(|re| re.is_match(&n)) {
                    return Err(oos_src.error(
                        &format!("about_bot[{i}].examples"),
                        e,
                        format!("示例“{e}”不匹配任何 patterns"),
                    ));
                }
            }
            about_bot.push((a.reply, patterns));
        }
        // Longest first, so that 你是谁 is taken whole before 你.
        let mut chitchat: Vec<String> = oos_file.chitchat.iter().map(|s| normalize(s)).collect();
        chitchat.sort_by_key(|c| std::cmp::Reverse(c.chars().count()));
        let place_index = super::places::PlaceIndex::build(&jurisdictions, &gazetteer);
        let set = IntentSet {
            prefilter: super::prefilter::Prefilter::build(&intents),
            oos_gate: super::prefilter::PatternGate::build(
                out_of_scope
                    .iter()
                    .flat_map(|t| t.patterns.iter().map(|r| r.as_str())),
            ),
            intents,
            out_of_scope,
            scenes,
            asides,
            remarks,
            cues,
            chitchat: super::prepare::InOrder::new(chitchat.into_iter().map(|c| (c, ())).collect()),
            about_bot,
            fillers: super::prepare::InOrder::new(fillers.into_iter().map(|f| (f, ())).collect()),
            synonyms,
            gazetteer,
            names: NameIndex::build(&jurisdictions),
            place_index,
            jurisdictions,
            covered: std::sync::OnceLock::new(),
            lost,
        };
        // The articles covering each out-of-scope topic, found now (not on the
        // first question that names one) or read from the cache.
        let covering = match cache {
            Some(c) => c
                .covering
                .iter()
                .map(|(id, v)| (id.clone(), v.iter().map(|&i| i as usize).collect()))
                .collect(),
            None => set.find_covering(corpus),
        };
        let _ = set.covered.set(covering);
        Ok(set)
    }
}
