//! Question-only rewriting: mentions and bot commands, polite fillers, counted
//! numerals, places, synonyms and typos (all data from `intents/synonyms.toml`).
//! Never applied to article text.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use serde::Deserialize;

use super::load::{IntentError, Source};
use super::places::{self, PlaceMention, PlaceRole};
use super::yes_no;
use super::{IntentSet, LazyRegex};
use crate::text::{
    MAX_QUESTION_CHARS, is_meaningful, normalize, numerals_to_digits, strip_mentions,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupFile {
    canonical: String,
    variants: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RewriteFile {
    re: String,
    to: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SynonymsFile {
    #[serde(default)]
    fillers: Vec<String>,
    #[serde(default)]
    roles: Vec<String>,
    /// The roles (of `roles`) of the government's leaders whose own duties an
    /// article sets out (副市长, 秘书长): named as an article's subject, it is
    /// evidence for a question that names one.
    #[serde(default)]
    leaders: Vec<String>,
    /// What, right after a role's word, makes it part of another name (区长例会,
    /// 市长办公会议: a meeting, not who asks).
    #[serde(default)]
    role_not_before: Vec<String>,
    /// What, right before a role's word, makes it another role (副 in 副秘书长).
    #[serde(default)]
    role_not_after: Vec<String>,
    /// Characters of everyday question language never taken for a voice-input slip.
    #[serde(default)]
    never_slips: String,
    /// Words of everyday question language that name no topic (怎么, 时候, 下午).
    #[serde(default)]
    everyday_words: Vec<String>,
    /// The asker's own words that are never a voice-input slip for a word of
    /// the rules (复印 is not 复议); everyday words too.
    #[serde(default)]
    never_repaired: Vec<String>,
    /// An opening clause that says who asks for whom (帮王局问一下, 老大让查一下,
    /// 李主任交代的): read out of the question before it is matched.
    #[serde(default)]
    relays: Vec<String>,
    /// Short names of bodies no held document is about (国常会), read whole
    /// before places are found.
    #[serde(default)]
    abbreviation: Vec<GroupFile>,
    /// English words typed into a Chinese question (quorum, meeting minutes),
    /// read as the rules' words wherever they stand as whole words.
    #[serde(default)]
    english: Vec<GroupFile>,
    #[serde(default)]
    group: Vec<GroupFile>,
    #[serde(default)]
    rewrite: Vec<RewriteFile>,
}

/// Synonym groups (one pass, longest variant first) and regex rewrites.
#[derive(Debug, Clone)]
pub(crate) struct Synonyms {
    literal: Option<AhoCorasick>,
    map: HashMap<String, String>,
    rewrites: Vec<(LazyRegex, String)>,
    /// Which rewrites may match, found from their literals in one pass: only
    /// those are run (most match nothing).
    rewrite_gate: super::prefilter::PatternGate,
    /// Relays read at the question's start (`^…`) and at its end (`…$`).
    opening_relays: Vec<Regex>,
    closing_relays: Vec<Regex>,
    roles: Vec<String>,
    leaders: Vec<String>,
    role_not_before: Vec<String>,
    role_not_after: Vec<String>,
    pub(crate) never_slips: Vec<char>,
    /// Everyday words, normalised, found in one pass.
    pub(crate) everyday_words: crate::unfamiliar::WordList,
    /// Words never repaired as a slip, found in one pass.
    pub(crate) never_repaired: crate::unfamiliar::WordList,
    /// English words and phrases (lower case, one space between words) → the
    /// rules' words.
    english: HashMap<String, String>,
    /// The most words of any English phrase in `english`.
    english_words: usize,
    /// Short names → what they stand for, longest first.
    abbreviations: InOrder<String>,
}

/// Words read out or replaced one after another, in their order, and one scan
/// that finds whether any of them occurs (in most questions none does, and
/// nothing is done).
#[derive(Debug, Clone, Default)]
pub(crate) struct InOrder<T> {
    items: Vec<(String, T)>,
    any: Option<aho_corasick::AhoCorasick>,
    /// Every character of the words, sorted.
    chars: Vec<char>,
}

impl<T> InOrder<T> {
    pub(crate) fn new(items: Vec<(String, T)>) -> InOrder<T> {
        let words: Vec<&str> = items
            .iter()
            .map(|(w, _)| w.as_str())
            .filter(|w| !w.is_empty())
            .collect();
        let mut chars: Vec<char> = words.iter().flat_map(|w| w.chars()).collect();
        chars.sort_unstable();
        chars.dedup();
        InOrder {
            any: (!words.is_empty())
                .then(|| aho_corasick::AhoCorasick::new(words).ok())
                .flatten(),
            items,
            chars,
        }
    }

    /// Is `c` a character of one of the words? One that is not is never read
    /// out with them, however they are read.
    pub(crate) fn uses(&self, c: char) -> bool {
        self.chars.binary_search(&c).is_ok()
    }

    /// Every item, when the word of one of them occurs in `text`; none when
    /// none does (an item's own check for its word then finds nothing either).
    pub(crate) fn occurring(&self, text: &str) -> &[(String, T)] {
        match &self.any {
            Some(ac) if ac.is_match(text) => &self.items,
            Some(_) => &[],
            // No finder (none built): every item, checked one by one.
            None => &self.items,
        }
    }
}

impl Synonyms {
    pub(crate) fn build(
        src: &Source,
        f: SynonymsFile,
    ) -> Result<(Synonyms, Vec<String>), IntentError> {
        let mut map: HashMap<String, String> = HashMap::new();
        // Variants are read as questions are: counted numerals as digits
        // (多少天一次 is 多少天1次 in a question).
        let read = |w: &str| numerals_to_digits(&normalize(w));
        for (gi, g) in f.group.iter().enumerate() {
            let canonical = read(&g.canonical);
            if canonical.is_empty() {
                return Err(src.error(
                    &format!("group[{gi}].canonical"),
                    "canonical",
                    "canonical 不能为空",
                ));
            }
            if g.variants.is_empty() {
                return Err(src.error(
                    &format!("group[{gi}].variants"),
                    &g.canonical,
                    "variants 不能为空",
                ));
            }
            for v in g.variants.iter().chain(std::iter::once(&g.canonical)) {
                let v = read(v);
                if v.is_empty() {
                    return Err(src.error(
                        &format!("group[{gi}].variants"),
                        &g.canonical,
                        "variants 中有空字符串",
                    ));
                }
                if let Some(prev) = map.get(&v)
                    && *prev != canonical
                {
                    return Err(src.error(
                        &format!("group[{gi}].variants"),
                        &v,
                        format!("`{v}` 已经映射到 `{prev}`,不能再映射到 `{canonical}`"),
                    ));
                }
                map.insert(v, canonical.clone());
            }
        }
        // Leftmost-first over the variants longest first: what one regex
        // alternation of them matched, without its automata and caches.
        let literal = if map.is_empty() {
            None
        } else {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostFirst)
                    .build(keys)
                    .map_err(|e| src.error("group", "", format!("同义词组无法编译: {e}")))?,
            )
        };
        let mut rewrites = Vec::new();
        for (i, r) in f.rewrite.iter().enumerate() {
            rewrites.push((src.lazy(&format!("rewrite[{i}].re"), &r.re)?, r.to.clone()));
        }
        let rewrite_gate =
            super::prefilter::PatternGate::build(f.rewrite.iter().map(|r| r.re.as_str()));
        let (mut opening_relays, mut closing_relays) = (Vec::new(), Vec::new());
        for (i, r) in f.relays.iter().enumerate() {
            let re = src.regex(&format!("relays[{i}]"), r)?;
            if !r.starts_with('^') && !r.ends_with('$') {
                return Err(src.error(
                    &format!("relays[{i}]"),
                    r,
                    "relays 只读问题开头或结尾的一句,要以 ^ 开头或以 $ 结尾",
                ));
            }
            if r.starts_with('^') {
                opening_relays.push(re);
            } else {
                closing_relays.push(re);
            }
        }
        let mut english = HashMap::new();
        for (gi, g) in f.english.iter().enumerate() {
            for v in &g.variants {
                let key = v.split_whitespace().collect::<Vec<_>>().join(" ");
                if key.is_empty() || !key.chars().all(|c| c.is_ascii_lowercase() || c == ' ') {
                    return Err(src.error(
                        &format!("english[{gi}].variants"),
                        v,
                        "english 的 variants 只能是小写英文单词(以空格分隔)",
                    ));
                }
                if english.insert(key, normalize(&g.canonical)).is_some() {
                    return Err(src.error(
                        &format!("english[{gi}].variants"),
                        v,
                        format!("`{v}` 重复"),
                    ));
                }
            }
        }
        let english_words = english
            .keys()
            .map(|k| k.split(' ').count())
            .max()
            .unwrap_or(0);
        let mut abbreviations: Vec<(String, String)> = Vec::new();
        for (gi, g) in f.abbreviation.iter().enumerate() {
            for v in &g.variants {
                let v = normalize(v);
                if v.is_empty() || abbreviations.iter().any(|(k, _)| *k == v) {
                    return Err(src.error(
                        &format!("abbreviation[{gi}].variants"),
                        &v,
                        "abbreviation 的 variants 不能为空或重复",
                    ));
                }
                abbreviations.push((v, normalize(&g.canonical)));
            }
        }
        abbreviations.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        let fillers = longest_first(&f.fillers);
        let roles: Vec<String> = f.roles.iter().map(|s| normalize(s)).collect();
        let leaders: Vec<String> = f.leaders.iter().map(|s| normalize(s)).collect();
        if let Some(l) = leaders.iter().find(|l| !roles.contains(l)) {
            return Err(src.error("leaders", l, format!("`{l}` 不在 roles 中")));
        }
        let mut never_slips: Vec<char> = normalize(&f.never_slips)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        never_slips.sort_unstable();
        never_slips.dedup();
        let mut everyday = f.everyday_words.clone();
        everyday.extend(f.never_repaired.iter().cloned());
        let everyday_words = crate::unfamiliar::WordList::new(&longest_first(&everyday));
        let never_repaired = crate::unfamiliar::WordList::new(&longest_first(&f.never_repaired));
        Ok((
            Synonyms {
                literal,
                map,
                rewrites,
                rewrite_gate,
                opening_relays,
                closing_relays,
                roles,
                leaders,
                role_not_before: f.role_not_before.iter().map(|s| normalize(s)).collect(),
                role_not_after: f.role_not_after.iter().map(|s| normalize(s)).collect(),
                never_slips,
                everyday_words,
                never_repaired,
                english,
                english_words,
                abbreviations: InOrder::new(abbreviations),
            },
            fillers,
        ))
    }

    /// The question without an opening clause that only says who asks for whom
    /// (帮王局问一下: the asker's errand, not the topic), and without a closing
    /// one (…。办公室主任拿不准,让我查查规定); the question as it is when nothing
    /// would be left.
    pub(crate) fn without_relay<'a>(&self, s: &'a str) -> &'a str {
        let mut s = s;
        // Twice: a call logged, then the caller (又是档案馆的电话,老吴问:).
        for _ in 0..2 {
            let Some(m) = self
                .opening_relays
                .iter()
                .filter_map(|re| re.find(s))
                .find(|m| s[m.end()..].chars().any(is_meaningful))
            else {
                break;
            };
            s = &s[m.end()..];
        }
        for re in &self.closing_relays {
            // The clause end the relay starts with stays (谁来审定?).
            if let Some(m) = re.find(s)
                && s[..m.start()].chars().any(is_meaningful)
            {
                let end = m.start() + s[m.start()..].chars().next().map_or(0, char::len_utf8);
                return &s[..end];
            }
        }
        s
    }

    /// `s` with its short names (synonyms.toml `abbreviation`) written out.
    pub(crate) fn abbreviations_read(&self, s: &str) -> Option<String> {
        let mut out: Option<String> = None;
        for (short, long) in self.abbreviations.occurring(s) {
            let cur = out.as_deref().unwrap_or(s);
            if cur.contains(short.as_str()) {
                out = Some(cur.replace(short.as_str(), long));
            }
        }
        out
    }

    /// `s` with the English words and phrases of the glossary (synonyms.toml
    /// `english`) read as the rules' words: only whole words (a run of ASCII
    /// letters, so `sign` is not read in `design`), longest phrase first.
    pub(crate) fn english_read(&self, s: &str) -> Option<String> {
        if self.english.is_empty() || !s.bytes().any(|b| b.is_ascii_lowercase()) {
            return None;
        }
        // Words: maximal runs of ASCII letters, with their byte spans.
        let mut words: Vec<(usize, usize)> = Vec::new();
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i].is_ascii_lowercase() {
                let start = i;
                while i < bytes.len() && bytes[i].is_ascii_lowercase() {
                    i += 1;
                }
                words.push((start, i));
            } else {
                i += 1;
            }
        }
        let mut out = String::with_capacity(s.len());
        let mut last = 0;
        let mut w = 0;
        let mut changed = false;
        while w < words.len() {
            let mut found = None;
            for n in (1..=self.english_words.min(words.len() - w)).rev() {
                // The words of a phrase are separated by spaces alone.
                let span = &words[w..w + n];
                if span
                    .windows(2)
                    .any(|p| !s[p[0].1..p[1].0].chars().all(|c| c == ' '))
                {
                    continue;
                }
                let key = span
                    .iter()
                    .map(|&(a, b)| &s[a..b])
                    .collect::<Vec<_>>()
                    .join(" ");
                if let Some(zh) = self.english.get(&key) {
                    found = Some((n, zh));
                    break;
                }
            }
            match found {
                Some((n, zh)) => {
                    out.push_str(&s[last..words[w].0]);
                    out.push_str(zh);
                    last = words[w + n - 1].1;
                    w += n;
                    changed = true;
                }
                None => w += 1,
            }
        }
        if !changed {
            return None;
        }
        out.push_str(&s[last..]);
        Some(out)
    }

    /// Is `role` one of the government's leaders whose duties an article sets
    /// out (synonyms.toml `leaders`: 副市长, 秘书长; not the head, who is the
    /// subject of most articles, nor a department's, who mostly asks)?
    pub(crate) fn is_leader(&self, role: &str) -> bool {
        self.leaders.iter().any(|l| l == role)
    }

    /// The first role (synonyms.toml `roles`) the text names as a person, not
    /// as part of another name (区长例会: `role_not_before`; 副秘书长:
    /// `role_not_after`).
    pub(crate) fn role_in(&self, canonical: &str) -> Option<String> {
        self.roles
            .iter()
            .find(|r| {
                canonical
                    .match_indices(r.as_str())
                    .any(|(at, _)| self.names_person(canonical, at, r))
            })
            .cloned()
    }

    /// Is `role`, at byte `at` of `text`, named as a person, not as part of
    /// another name (区长例会: `role_not_before`; 副秘书长: `role_not_after`)?
    pub(crate) fn names_person(&self, text: &str, at: usize, role: &str) -> bool {
        let after = &text[at + role.len()..];
        let before = &text[..at];
        !self
            .role_not_before
            .iter()
            .any(|w| after.starts_with(w.as_str()))
            && !self
                .role_not_after
                .iter()
                .any(|w| before.ends_with(w.as_str()))
    }

    /// Folds synonyms, typos and rewrites into the canonical vocabulary.
    pub(crate) fn apply(&self, s: &str) -> String {
        let mut out = match &self.literal {
            Some(ac) => {
                let mut out = String::with_capacity(s.len() + 8);
                let mut at = 0;
                for m in ac.find_iter(s) {
                    if m.start() < at {
                        continue;
                    }
                    out.push_str(&s[at..m.start()]);
                    let word = &s[m.start()..m.end()];
                    let to = self.map.get(word).map_or(word, String::as_str);
                    out.push_str(to);
                    at = m.end() + already_said(word, to, &s[m.end()..]);
                }
                out.push_str(&s[at..]);
                out
            }
            None => s.to_string(),
        };
        // In order, each rewrite that matches the text as the ones before it
        // left it; which may match is asked of the gate again after each change.
        let mut open = self.rewrite_gate.open(&out);
        for (i, (re, to)) in self.rewrites.iter().enumerate() {
            if !open[i] {
                continue;
            }
            if let std::borrow::Cow::Owned(changed) = re.get().replace_all(&out, to.as_str()) {
                out = changed;
                open = self.rewrite_gate.open(&out);
            }
        }
        out
    }
}

/// How many bytes of `rest` the canonical word `to` already says when it
/// replaces the variant `from` (政府常务会 → 常务会议 before 议: the 议 is the
/// canonical's, 政府常务会议 is 常务会议, not 常务会议议). Checked over the
/// variant's last character and at most three more.
fn already_said(from: &str, to: &str, rest: &str) -> usize {
    // A word kept as it is says nothing more (哈哈 before 哈 stays).
    if from == to {
        return 0;
    }
    let Some(last) = from.chars().last() else {
        return 0;
    };
    let mut best = 0;
    let mut tail = String::from(last);
    for (i, c) in rest.char_indices().take(3) {
        tail.push(c);
        if to.ends_with(tail.as_str()) {
            best = i + c.len_utf8();
        }
    }
    best
}

/// The words normalised as questions are (counted numerals as digits), empty
/// ones dropped, longest (in characters) first.
fn longest_first(words: &[String]) -> Vec<String> {
    let mut out: Vec<String> = words
        .iter()
        .map(|s| numerals_to_digits(&normalize(s)))
        .filter(|s| !s.is_empty())
        .collect();
    out.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    out.dedup();
    out
}

/// A question ready for matching.
#[derive(Debug, Clone, Default)]
pub struct Prepared {
    /// Normalised (script, width, case), mentions and commands removed, counted
    /// numerals as digits, fillers removed.
    pub normalized: String,
    /// `normalized` with places replaced (外地 for a destination, 本地 for the
    /// home being left, removed when the subject) and synonyms folded.
    pub canonical: String,
    pub places: Vec<PlaceMention>,
    /// Nothing meaningful: only emoji, punctuation or white space.
    pub empty: bool,
    /// Only greetings and acknowledgements (你好, 在吗, 收到谢谢).
    pub chitchat: bool,
    /// A question to rulebot about itself (你是谁开发的, 你收录了哪些城市).
    pub about_bot: Option<super::AboutBot>,
    /// An out-of-scope topic it is about, with the words that matched it.
    pub out_of_scope: Option<super::TopicMatch>,
    /// Who the question is about (部门主要负责人, 市长 …), in canonical words.
    pub role: Option<String>,
    /// A second question of the message that is out of scope and set aside
    /// (另外今天食堂几点开饭?): its topic's title and its words as typed. The rest
    /// of the message is what was read.
    pub aside: Option<(String, String)>,
}

/// A message that asks several things, one of them about no work rule (…谁主持
/// 另外今天食堂几点开饭?, …有要求吗 还有报销单谁签字来着?): the parts about the rules
/// are read alone, when one of them asks something, and the first part set aside
/// is kept to be said back. Otherwise the whole message as read.
pub(crate) fn without_asides(set: &IntentSet, question: &str, whole: Prepared) -> Prepared {
    let Some(split) = &set.asides else {
        return whole;
    };
    if whole.out_of_scope.is_none() {
        return whole;
    }
    let parts: Vec<&str> = split
        .split(question)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if parts.len() < 2 {
        return without_remarks(set, question, whole);
    }
    let mut kept = Vec::new();
    let mut asked = false;
    let mut aside = None;
    for part in parts {
        let p = prepare(set, part);
        match p.out_of_scope {
            Some(m) => {
                aside.get_or_insert((m.title, part.to_string()));
            }
            None if p.empty || p.chitchat => {}
            None => {
                asked |= set.cues.asking.is_match(&p.normalized);
                kept.push(part);
            }
        }
    }
    if !asked || aside.is_none() {
        return without_remarks(set, question, whole);
    }
    let mut p = prepare(set, &kept.join(","));
    p.aside = aside;
    p
}

/// A sentence after the one that asks, that asks nothing itself and alone names
/// a topic no rule covers (…截止哪天要办结?今天周六还在加班): a remark about the
/// asker, read out of the question and not said back. Otherwise the whole
/// message as read.
fn without_remarks(set: &IntentSet, question: &str, whole: Prepared) -> Prepared {
    let Some(end) = &set.remarks else {
        return whole;
    };
    // Each sentence, and whether a question mark ends it (扣不扣工资? asks,
    // whatever its words).
    let mut sentences: Vec<(&str, bool)> = Vec::new();
    let mut last = 0;
    for m in end.find_iter(question) {
        sentences.push((&question[last..m.start()], m.as_str().contains(['?', '？'])));
        last = m.end();
    }
    sentences.push((&question[last..], false));
    sentences.retain(|(s, _)| !s.trim().is_empty());
    if sentences.len() < 2 {
        return whole;
    }
    let mut kept = Vec::new();
    let mut asked = false;
    let mut remark = false;
    for (i, (s, question_mark)) in sentences.iter().enumerate() {
        let s = s.trim();
        let p = prepare(set, s);
        let asks = *question_mark || set.cues.asking.is_match(&p.normalized);
        if i > 0 && p.out_of_scope.is_some() && !asks {
            remark = true;
        } else if p.out_of_scope.is_some() {
            return whole;
        } else {
            asked |= asks;
            kept.push(s);
        }
    }
    if !asked || !remark {
        return whole;
    }
    prepare(set, &kept.join("?"))
}

pub(crate) fn prepare(set: &IntentSet, question: &str) -> Prepared {
    // `Engine::ask` refuses longer questions; a caller that reads one directly
    // gets the first MAX_QUESTION_CHARS characters read.
    let truncated: String = question.chars().take(MAX_QUESTION_CHARS).collect();
    let mut n = numerals_to_digits(&normalize(&strip_mentions(&truncated)));
    if let Some(read) = set.synonyms.english_read(&n) {
        n = read;
    }
    if let Some(read) = set.synonyms.abbreviations_read(&n) {
        n = read;
    }
    if !n.chars().any(is_meaningful) {
        return Prepared {
            normalized: n,
            empty: true,
            ..Prepared::default()
        };
    }
    // Addressed to the bot before its name (助手) is taken for a filler.
    let about_bot = set
        .about_bot
        .iter()
        .find(|(_, res)| res.iter().any(|re| re.is_match(&n)))
        .map(|(a, _)| *a);
    for (f, ()) in set.fillers.occurring(&n) {
        if n.contains(f.as_str()) {
            n = n.replace(f.as_str(), " ");
        }
    }
    // Only chitchat when at most one meaningful character is left with its
    // words read out; two that are in none of its words are always left.
    let chitchat = n
        .chars()
        .filter(|c| is_meaningful(*c) && !set.chitchat.uses(*c))
        .nth(1)
        .is_none()
        && {
            let mut rest = n.clone();
            for (c, ()) in set.chitchat.occurring(&n) {
                if rest.contains(c.as_str()) {
                    rest = rest.replace(c.as_str(), "");
                }
            }
            rest.chars().filter(|c| is_meaningful(*c)).count() <= 1
        };

    if let Some(r) = set.names.repair(&n, &set.gazetteer) {
        n = r;
    }
    let found = places::detect(&n, &set.place_index, &set.gazetteer);
    let mut replaced = String::with_capacity(n.len());
    let mut last = 0;
    for p in &found {
        replaced.push_str(&n[last..p.start]);
        // A place inside a phrase quoted (要引“美丽吐鲁番”) is the phrase's own word:
        // it still names the jurisdiction, and the phrase is matched whole.
        if quoted_at(&n, p.start) {
            replaced.push_str(&n[p.start..p.end]);
            last = p.end;
            continue;
        }
        match (p.role, &p.jurisdiction) {
            (PlaceRole::Destination, _) => replaced.push_str("外地"),
            (PlaceRole::Home, _) if p.name.starts_with('离') && p.name.chars().count() == 2 => {
                replaced.push_str("离本地")
            }
            (PlaceRole::Home, _) => replaced.push_str("本地"),
            // Where a meeting is held (在双塔召开的全市性会议): the rules name the
            // place there too, so it stays; the question is still about it.
            (PlaceRole::Subject, Some(_))
                if set.gazetteer.convened_at(&n[..p.start], &n[p.end..]) =>
            {
                replaced.push_str(&p.name)
            }
            // Before the place's own offices (昆山市政府, 双塔区长, 吐鲁番市委) its
            // level stays, as the rules write them (市政府, 区长): the name alone goes.
            // So after 驻, 全, 本 (驻双塔区的 → 驻区的, as 驻区垂管部门).
            (PlaceRole::Subject | PlaceRole::Excluded, Some(_)) => {
                let level = p
                    .name
                    .chars()
                    .last()
                    .filter(|c| matches!(c, '市' | '区' | '县'));
                match level {
                    Some(l) if set.gazetteer.level_before(&n[..p.start]) => replaced.push(l),
                    Some(l) if set.gazetteer.office_after(&n[p.end..]) => replaced.push(l),
                    _ => replaced.push(' '),
                }
            }
            // A county of a held city that speaks to the city's own bodies
            // (高昌区报给市政府的公文): one of the 区县 the city's rules speak of
            // (places.toml `county_read_as`).
            (PlaceRole::Subject, None)
                if !set.gazetteer.county_read_as.is_empty()
                    && set.gazetteer.parent_addressed(&n, p).is_some() =>
            {
                replaced.push_str(&set.gazetteer.county_read_as)
            }
            (PlaceRole::Subject | PlaceRole::Excluded, None) => replaced.push_str(&p.name),
        }
        last = p.end;
    }
    replaced.push_str(&n[last..]);
    let canonical = set
        .synonyms
        .apply(&yes_no::fold(set.synonyms.without_relay(&replaced)));

    // Words that set the scene (加班的时候, 起草一个停车管理的规范性文件, 我这个
    // 试用期的来跟) are read out: the topic is what is asked.
    let topical = |t: &str| {
        let mut t = t.to_string();
        for (re, to) in &set.scenes {
            if re.is_match(&t) {
                t = re.replace_all(&t, to.as_str()).into_owned();
            }
        }
        t
    };
    // Who relays the question (新来的选调生问我) is not its topic, on either side.
    let unrelayed = set.synonyms.without_relay(&n);
    let out_of_scope = set
        .out_of_scope_topic(&topical(&canonical), &canonical)
        .or_else(|| set.out_of_scope_topic(&topical(unrelayed), unrelayed));
    let role = set.synonyms.role_in(&canonical);
    Prepared {
        normalized: n,
        canonical,
        places: found,
        empty: false,
        chitchat,
        about_bot,
        out_of_scope,
        role,
        aside: None,
    }
}

/// Is byte offset `at` of `text` inside a pair of quotation marks (“…”, 「…」)
/// closed on the same clause?
fn quoted_at(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let Some(open) = before.rfind(['“', '「', '『']) else {
        return false;
    };
    // Not closed between the opening mark and the place.
    if before[open..].contains(['”', '」', '』']) {
        return false;
    }
    text[at..]
        .find(['”', '」', '』'])
        .is_some_and(|close| close <= 3 * 16)
}

#[cfg(test)]
mod tests {

    #[test]
    fn words_in_order_are_all_read_when_one_occurs() {
        let w = super::InOrder::new(vec![("请问".to_string(), ()), ("一下".to_string(), ())]);
        assert_eq!(w.occurring("常务会议多久开").len(), 0);
        assert_eq!(w.occurring("问一下常务会议").len(), 2);
        let none: super::InOrder<()> = super::InOrder::new(Vec::new());
        assert!(none.occurring("请问").is_empty());
        assert!(w.uses('请') && w.uses('下') && !w.uses('会'));
    }

    use super::already_said;

    #[test]
    fn a_place_in_a_quoted_phrase_is_the_phrase_s() {
        let t = "要引“美丽吐鲁番”的提法";
        assert!(super::quoted_at(t, t.find("吐鲁番").unwrap()));
        let t = "吐鲁番的“两个维护”";
        assert!(!super::quoted_at(t, 0));
    }

    /// Regression (fresh-104): a role's word inside another name is not who
    /// the question is about.
    #[test]
    fn a_role_inside_another_name_is_no_role() {
        let s = crate::intents::load::shipped_synonyms();
        assert_eq!(s.role_in("刚开完区长例会,纪要几天印发"), None);
        assert_eq!(s.role_in("副秘书长能不能主持专题会议"), None);
        assert_eq!(s.role_in("市长热线的工单几天回复"), None);
        assert_eq!(s.role_in("区长外出要报备吗").as_deref(), Some("区长"));
        assert_eq!(s.role_in("副市长出差要报备吗").as_deref(), Some("副市长"));
    }

    /// Regression (fresh-122): an English word typed into the question is read
    /// as the rules' word before the cues read what is asked (常务会 frequency?
    /// asks how often), on whole words only.
    #[test]
    fn english_words_are_read_whole() {
        let s = crate::intents::load::shipped_synonyms();
        assert_eq!(
            s.english_read("常务会 frequency?").as_deref(),
            Some("常务会 频次?")
        );
        assert_eq!(
            s.english_read("全体会的quorum是多少").as_deref(),
            Some("全体会的法定人数是多少")
        );
        // The longest phrase first; its words apart only by spaces.
        assert_eq!(
            s.english_read("meeting minutes谁sign off").as_deref(),
            Some("会议纪要谁签发")
        );
        assert_eq!(
            s.english_read("meeting-minutes").as_deref(),
            Some("会议-会议纪要")
        );
        // Not inside another word; nothing known, nothing changed.
        assert_eq!(s.english_read("design 稿谁定"), None);
        assert_eq!(s.english_read("帮我check一下,ok吗"), None);
        assert_eq!(s.english_read("常务会几次"), None);
    }

    /// Regression (fresh-61, fresh-77): 国常会 is the State Council's meeting,
    /// read whole before places are found (not 国 + 常会).
    #[test]
    fn short_names_are_written_out() {
        let s = crate::intents::load::shipped_synonyms();
        assert_eq!(
            s.abbreviations_read("国常会谁主持").as_deref(),
            Some("国务院常务会议谁主持")
        );
        assert_eq!(s.abbreviations_read("常务会谁主持"), None);
    }

    #[test]
    fn variants_are_read_as_questions_are() {
        // Regression: the variant 多少天一次 never met the question's 多少天1次.
        let s = crate::intents::load::shipped_synonyms();
        let q = crate::text::numerals_to_digits("常务会议多少天一次");
        assert!(s.apply(&q).contains("多久"), "{}", s.apply(&q));
        // Office shorthand: 签报 is a request, 三重一大 the major matters.
        assert_eq!(s.apply("这个签报要谁签"), "这个请示要谁签");
        assert_eq!(s.apply("三重一大事项怎么定"), "重大事项怎么定");
        // Everyday words for the rules' own: the public, a lawsuit.
        assert_eq!(s.apply("老百姓的信"), "群众的信");
        assert_eq!(s.apply("输了官司"), "输了诉讼");
        assert_eq!(s.apply("上官网吗"), "上政府网站吗");
        // Passing work on, as people say it, is the rules' 推诿.
        assert_eq!(s.apply("来回踢皮球"), "来回推诿");
        // Approving leave, as people say it, is the rules' 准假.
        assert_eq!(s.apply("区长不在谁批假"), "区长不在谁准假");
        // An article put out, as people say it.
        assert_eq!(s.apply("在报纸上发篇文章"), "在报纸上发表文章");
        // Not compliant is the rules' 不符合规定; 合不合规 (A不A) asks whether,
        // and says nothing is out of line (fresh-81).
        assert_eq!(s.apply("不合规的事"), "不符合规定的事项");
        assert_eq!(s.apply("放在那边开,合不合规"), "放在那边开,合不合规");
    }

    #[test]
    fn an_opening_relay_is_read_out_and_nothing_else() {
        let s = crate::intents::load::shipped_synonyms();
        for (q, read) in [
            ("李主任交代的,专项债要上会吗", "专项债要上会吗"),
            ("老大让查一下,职工入学", "职工入学"),
            ("领导在车上问我,重要事项", "重要事项"),
            ("帮王局 :双随机", "双随机"),
            // A label that says who asks, before a colon (fresh-66).
            ("法学院学生提问:垂管部门要执行吗", "垂管部门要执行吗"),
            ("律师咨询:行政复议谁承办", "行政复议谁承办"),
            // A topic before a colon is no label.
            ("常务会议:谁主持", ""),
            // Content in the first clause stays (a medium asks, a leader travels).
            ("媒体打电话来问我们局的问题,规则怎么要求", ""),
            ("王局明天要去省里开会,找谁请假", ""),
            // A caller as a hotline logs one (fresh-77): the office's staff
            // member who phoned or came to ask, who called from where.
            (
                "刚才教育局一位科长打电话来问,保密员要不要持证",
                "保密员要不要持证",
            ),
            ("应急局的1个老同志打电话问,征地要评估吗", "征地要评估吗"),
            ("财政局的法制办同事问:重要事项要报告吗", "重要事项要报告吗"),
            (
                "司法局的小李在群里问:拍板的领导调走了还追责不",
                "拍板的领导调走了还追责不",
            ),
            (
                "来电人说自己在应急局上班,纪委函询什么程序",
                "纪委函询什么程序",
            ),
            ("上午接到应急局的电话,还能再开吗", "还能再开吗"),
            // Regression (fresh-145): a caller named as colleagues name one, who
            // phoned over (打电话过来), and a call logged before the question
            // (老吴 stays: 老张 was also one described by his post, f72-199).
            (
                "刚才信访局的马哥打电话过来问,常务会议多久开1次?",
                "常务会议多久开1次?",
            ),
            (
                "唉又是档案馆的电话,老吴问:副区长能来吗",
                "老吴问:副区长能来吗",
            ),
            // Who calls about what stays (the public's calls are a topic).
            ("群众来电咨询,多久要回复", ""),
            // Nothing but the relay: kept as it is.
            ("领导让我问下,", ""),
            // A closing relay (f97-232): who wants it looked up, after the question.
            (
                "1位局长对市政府定的事有看法。办公室主任拿不准,让我查查规定",
                "1位局长对市政府定的事有看法。",
            ),
            (
                "绩效考评结果谁来审定?科长让我问一下",
                "绩效考评结果谁来审定?",
            ),
            // What the relay's clause asks stays (让我查一下规则允不允许).
            ("办公室主任拿不准,让我查一下规则允不允许", ""),
        ] {
            let read = if read.is_empty() { q } else { read };
            assert_eq!(s.without_relay(q), read, "{q}");
        }
    }

    #[test]
    fn a_variant_before_the_rest_of_its_canonical_word() {
        // 政府常务会 + 议 → 常务会议: the 议 is already said.
        assert_eq!(
            already_said("政府常务会", "常务会议", "议多久开"),
            "议".len()
        );
        assert_eq!(already_said("政府常务会", "常务会议", "怎么开"), 0);
        assert_eq!(already_said("常务会议", "常务会议", "议程"), 0);
        assert_eq!(already_said("", "常务会议", "议"), 0);
        assert_eq!(already_said("哈哈", "哈哈", "哈"), 0);
    }
}
