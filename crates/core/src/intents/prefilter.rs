//! Which intents a question can possibly match, found in one pass: every match
//! of an intent's gate (its `require` patterns, or else its patterns and
//! keywords) begins with one of the gate's literal prefixes, so an intent none
//! of whose prefixes occur in the question scores 0 without running a regex.

use aho_corasick::AhoCorasick;
use regex_syntax::hir::literal::{ExtractKind, Extractor};

use super::Intent;

/// Literal prefixes of every intent's gate, and the intents that have none.
#[derive(Debug, Clone, Default)]
pub(crate) struct Prefilter {
    ac: Option<AhoCorasick>,
    /// For each literal of `ac`: the intents it opens.
    opens: Vec<Vec<u32>>,
    /// Intents whose gate has no finite set of prefixes: always scored.
    always: Vec<u32>,
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

impl Prefilter {
    pub(crate) fn build(intents: &[Intent]) -> Prefilter {
        let mut lits: Vec<Vec<u8>> = Vec::new();
        let mut opens: Vec<Vec<u32>> = Vec::new();
        let mut always = Vec::new();
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
                        match lits.iter().position(|x| *x == l) {
                            Some(k) => {
                                if !opens[k].contains(&i) {
                                    opens[k].push(i)
                                }
                            }
                            None => {
                                lits.push(l);
                                opens.push(vec![i]);
                            }
                        }
                    }
                }
                None => always.push(i),
            }
        }
        let ac = AhoCorasick::new(&lits).ok();
        if ac.is_none() {
            // Could not build: score every intent.
            always = (0..intents.len() as u32).collect();
        }
        Prefilter { ac, opens, always }
    }

    /// The intents that may score above 0 on `canonical`, in order.
    pub(crate) fn candidates(&self, canonical: &str, n: usize) -> Vec<bool> {
        let mut on = vec![false; n];
        for &i in &self.always {
            on[i as usize] = true;
        }
        if let Some(ac) = &self.ac {
            for m in ac.find_overlapping_iter(canonical) {
                for &i in &self.opens[m.pattern().as_usize()] {
                    on[i as usize] = true;
                }
            }
        }
        on
    }
}
