//! Which intents, and which of their patterns, a question can possibly match,
//! found in one pass: every match of an intent's gate (its `require` patterns,
//! or else its patterns and keywords) begins with one of the gate's literal
//! prefixes, so an intent none of whose prefixes occur in the question scores 0
//! without running a regex; likewise a pattern none of whose prefixes occur.

use std::collections::HashMap;

use aho_corasick::AhoCorasick;
use regex_syntax::hir::literal::{ExtractKind, Extractor};

use super::Intent;

/// Literal prefixes of every intent's gate and of every pattern: which intents
/// may score, and which of their patterns may match.
#[derive(Debug, Clone, Default)]
pub(crate) struct Prefilter {
    /// By intent: its gate's prefixes.
    intents: PatternGate,
    /// By pattern, numbered across intents (see `first_pattern`).
    patterns: PatternGate,
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

/// Adds `x` to `v` unless it is there.
fn push_once(v: &mut Vec<u32>, x: u32) {
    if !v.contains(&x) {
        v.push(x);
    }
}

impl Prefilter {
    pub(crate) fn build(intents: &[Intent]) -> Prefilter {
        let mut first_pattern = Vec::with_capacity(intents.len() + 1);
        let mut next = 0u32;
        for it in intents {
            first_pattern.push(next);
            next += it.patterns.len() as u32;
        }
        first_pattern.push(next);
        let patterns = PatternGate::build(
            intents
                .iter()
                .flat_map(|it| it.patterns.iter().map(|p| p.re.as_str())),
        );
        // An intent's gate: its `require` patterns, or else its patterns and
        // keywords.
        let gates = intents.iter().map(|it| {
            if !it.require.is_empty() {
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
            }
        });
        Prefilter {
            intents: PatternGate::from_prefixes(gates),
            patterns,
            first_pattern,
        }
    }

    /// The intents that may score above 0 on `canonical`, and the patterns that
    /// may match it.
    pub(crate) fn candidates(&self, canonical: &str) -> Candidates<'_> {
        Candidates {
            intents: self.intents.open(canonical),
            patterns: self.patterns.open(canonical),
            first_pattern: &self.first_pattern,
        }
    }
}

/// Which of a list of patterns may match a text: each pattern with a finite set
/// of literal prefixes runs only when one of them occurs.
#[derive(Debug, Clone, Default)]
pub(crate) struct PatternGate {
    ac: Option<AhoCorasick>,
    /// For each literal of `ac`: the patterns it opens.
    opens: Vec<Vec<u32>>,
    /// Patterns with no finite set of prefixes: always open.
    always: Vec<u32>,
    n: usize,
}

impl PatternGate {
    /// The gate of regex patterns, by the prefixes each match begins with.
    pub(crate) fn build<'a>(patterns: impl Iterator<Item = &'a str>) -> PatternGate {
        PatternGate::from_prefixes(patterns.map(prefixes))
    }

    /// The gate of items given by their literal prefixes (`None`: always open).
    fn from_prefixes(items: impl Iterator<Item = Option<Vec<Vec<u8>>>>) -> PatternGate {
        let mut index: HashMap<Vec<u8>, usize> = HashMap::new();
        let mut opens: Vec<Vec<u32>> = Vec::new();
        let mut always = Vec::new();
        let mut n = 0u32;
        for item in items {
            match item {
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
            // Could not build: every item open.
            always = (0..n).collect();
        }
        PatternGate {
            ac,
            opens,
            always,
            n: n as usize,
        }
    }

    /// By item: may it match `text`?
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
