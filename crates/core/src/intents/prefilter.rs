//! Which intents, and which of their patterns, a question can possibly match,
//! found in one pass: every match of an intent's gate (its `require` patterns,
//! or else its patterns and keywords) begins with one of the gate's literal
//! prefixes, so an intent none of whose prefixes occur in the question scores 0
//! without running a regex; likewise a pattern none of whose prefixes occur.

use std::collections::HashMap;

use aho_corasick::AhoCorasick;
use regex_syntax::hir::literal::{ExtractKind, Extractor};

use super::Intent;

/// Literal prefixes of every intent's gate and of every pattern, and the
/// intents and patterns that have none.
#[derive(Debug, Clone, Default)]
pub(crate) struct Prefilter {
    ac: Option<AhoCorasick>,
    /// For each literal of `ac`: the intents it opens.
    opens: Vec<Vec<u32>>,
    /// For each literal of `ac`: the patterns it opens (numbered across intents,
    /// see `first_pattern`).
    opens_patterns: Vec<Vec<u32>>,
    /// Intents whose gate has no finite set of prefixes: always scored.
    always: Vec<u32>,
    /// Patterns with no finite set of prefixes: always run.
    always_patterns: Vec<u32>,
    /// The number of each intent's first pattern; one more entry, the total.
    first_pattern: Vec<u32>,
}

/// What [`Prefilter::candidates`] opened for one question.
#[derive(Debug, Clone)]
pub(crate) struct Candidates<'a> {
    /// By intent: may it score above 0?
    pub(crate) intents: Vec<bool>,
    /// By pattern (numbered across intents): may it match?
    patterns: Vec<bool>,
    /// The prefilter's `first_pattern`.
    first_pattern: &'a [u32],
}

impl Candidates<'_> {
    /// May pattern `k` of intent `intent` match?
    pub(crate) fn pattern(&self, intent: usize, k: usize) -> bool {
        self.first_pattern
            .get(intent)
            .and_then(|&f| self.patterns.get(f as usize + k))
            .copied()
            .unwrap_or(true)
    }
}

/// The prefixes every match of `pattern` begins with, or `None` when they are
/// not a finite set of non-empty strings.
fn prefixes(pattern: &str) -> Option<Vec<Vec<u8>>> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    let seq = Extractor::new().kind(ExtractKind::Prefix).extract(&hir);
    let lits = seq.literals()?;
    if lits.is_empty() || lits.iter().any(|l| l.as_bytes().is_empty()) {
        return None;
    }
    Some(lits.iter().map(|l| l.as_bytes().to_vec()).collect())
}

/// The index of literal `l`, added (opening nothing yet) if new.
fn slot(
    index: &mut HashMap<Vec<u8>, usize>,
    opens: &mut Vec<Vec<u32>>,
    opens_patterns: &mut Vec<Vec<u32>>,
    l: Vec<u8>,
) -> usize {
    let n = index.len();
    let k = *index.entry(l).or_insert(n);
    if k == opens.len() {
        opens.push(Vec::new());
        opens_patterns.push(Vec::new());
    }
    k
}

/// Adds `x` to `v` unless it is there.
fn push_once(v: &mut Vec<u32>, x: u32) {
    if !v.contains(&x) {
        v.push(x);
    }
}

impl Prefilter {
    pub(crate) fn build(intents: &[Intent]) -> Prefilter {
        let mut opens: Vec<Vec<u32>> = Vec::new();
        let mut opens_patterns: Vec<Vec<u32>> = Vec::new();
        let mut always = Vec::new();
        let mut always_patterns = Vec::new();
        let mut first_pattern = Vec::with_capacity(intents.len() + 1);
        let mut index: HashMap<Vec<u8>, usize> = HashMap::new();
        let mut next = 0u32;
        for it in intents {
            first_pattern.push(next);
            for p in &it.patterns {
                match prefixes(p.re.as_str()) {
                    Some(ls) => {
                        for l in ls {
                            let k = slot(&mut index, &mut opens, &mut opens_patterns, l);
                            push_once(&mut opens_patterns[k], next);
                        }
                    }
                    None => always_patterns.push(next),
                }
                next += 1;
            }
        }
        first_pattern.push(next);
        for (i, it) in intents.iter().enumerate() {
            let i = i as u32;
            let gate: Option<Vec<Vec<u8>>> = if !it.require.is_empty() {
                it.require
                    .iter()
                    .map(|r| prefixes(r.as_str()))
                    .collect::<Option<Vec<_>>>()
                    .map(|v| v.concat())
            } else {
                it.patterns
                    .iter()
                    .map(|p| prefixes(p.re.as_str()))
                    .collect::<Option<Vec<_>>>()
                    .map(|v| {
                        let mut v = v.concat();
                        v.extend(it.keywords.iter().map(|(k, _)| k.as_bytes().to_vec()));
                        v
                    })
                    .filter(|v| !v.is_empty())
            };
            match gate {
                Some(gate) => {
                    for l in gate {
                        let k = slot(&mut index, &mut opens, &mut opens_patterns, l);
                        push_once(&mut opens[k], i);
                    }
                }
                None => always.push(i),
            }
        }
        let mut lits: Vec<Vec<u8>> = vec![Vec::new(); index.len()];
        for (l, k) in index {
            lits[k] = l;
        }
        let ac = AhoCorasick::new(&lits).ok();
        if ac.is_none() {
            // Could not build: score every intent, run every pattern.
            always = (0..intents.len() as u32).collect();
            always_patterns = (0..next).collect();
        }
        Prefilter {
            ac,
            opens,
            opens_patterns,
            always,
            always_patterns,
            first_pattern,
        }
    }

    /// The intents that may score above 0 on `canonical`, and the patterns that
    /// may match it.
    pub(crate) fn candidates(&self, canonical: &str, n: usize) -> Candidates<'_> {
        let mut intents = vec![false; n];
        let mut patterns = vec![false; self.first_pattern.last().copied().unwrap_or(0) as usize];
        for &i in &self.always {
            intents[i as usize] = true;
        }
        for &k in &self.always_patterns {
            patterns[k as usize] = true;
        }
        if let Some(ac) = &self.ac {
            for m in ac.find_overlapping_iter(canonical) {
                let l = m.pattern().as_usize();
                for &i in &self.opens[l] {
                    intents[i as usize] = true;
                }
                for &k in &self.opens_patterns[l] {
                    patterns[k as usize] = true;
                }
            }
        }
        Candidates {
            intents,
            patterns,
            first_pattern: &self.first_pattern,
        }
    }
}

/// Which of a flat list of patterns may match a text: each pattern with a finite
/// set of literal prefixes runs only when one of them occurs.
#[derive(Debug, Clone, Default)]
pub(crate) struct PatternGate {
    ac: Option<AhoCorasick>,
    opens: Vec<Vec<u32>>,
    always: Vec<u32>,
    n: usize,
}

impl PatternGate {
    pub(crate) fn build<'a>(patterns: impl Iterator<Item = &'a str>) -> PatternGate {
        let mut index: HashMap<Vec<u8>, usize> = HashMap::new();
        let mut opens: Vec<Vec<u32>> = Vec::new();
        let mut always = Vec::new();
        let mut n = 0u32;
        for p in patterns {
            match prefixes(p) {
                Some(ls) => {
                    for l in ls {
                        let k = *index.entry(l).or_insert(opens.len());
                        if k == opens.len() {
                            opens.push(Vec::new());
                        }
                        push_once(&mut opens[k], n);
                    }
                }
                None => always.push(n),
            }
            n += 1;
        }
        let mut lits: Vec<Vec<u8>> = vec![Vec::new(); index.len()];
        for (l, k) in index {
            lits[k] = l;
        }
        let ac = AhoCorasick::new(&lits).ok();
        if ac.is_none() {
            always = (0..n).collect();
        }
        PatternGate {
            ac,
            opens,
            always,
            n: n as usize,
        }
    }

    /// By pattern: may it match `text`?
    pub(crate) fn open(&self, text: &str) -> Vec<bool> {
        let mut on = vec![false; self.n];
        for &k in &self.always {
            on[k as usize] = true;
        }
        if let Some(ac) = &self.ac {
            for m in ac.find_overlapping_iter(text) {
                for &k in &self.opens[m.pattern().as_usize()] {
                    on[k as usize] = true;
                }
            }
        }
        on
    }
}

#[cfg(test)]
mod tests {
    use super::PatternGate;

    #[test]
    fn a_pattern_runs_only_when_one_of_its_prefixes_occurs() {
        let gate =
            PatternGate::build(["公众号[^,。]{0,10}备案", "(市委|区委)全会", ".*吗$"].into_iter());
        // The third has no finite prefix: always open.
        assert_eq!(gate.open("开公众号要备案吗"), vec![true, false, true]);
        assert_eq!(gate.open("区委全会多久开"), vec![false, true, true]);
        assert_eq!(gate.open("常务会议"), vec![false, false, true]);
    }
}
