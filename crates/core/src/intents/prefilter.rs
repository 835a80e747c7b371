//! Which intents, and which of their patterns, a question can possibly match,
//! found in one pass: every match of an intent's gate (its `require` patterns,
//! or else its patterns and keywords) begins with one of the gate's literal
//! prefixes, so an intent none of whose prefixes occur in the question scores 0
//! without running a regex; likewise a pattern none of whose prefixes occur.
//! A pattern is also shut when a part every match must contain (one of the
//! literals its match of a required group begins with: 报送 in
//! `(公文|请示)(报送|行文)`) occurs nowhere in the question.

use std::collections::HashMap;

use aho_corasick::AhoCorasick;
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind};

use super::Intent;

/// Literal prefixes of every intent's gate and of every pattern: which intents
/// may score, and which of their patterns may match, found in one pass.
#[derive(Debug, Clone, Default)]
pub(crate) struct Prefilter {
    /// By intent (the first `n_intents` items): its gate's prefixes; then by
    /// pattern, numbered across intents (see `first_pattern`).
    gate: PatternGate,
    n_intents: usize,
    /// The number of each intent's first pattern; one more entry, the total.
    first_pattern: Vec<u32>,
}

/// What [`Prefilter::candidates`] opened for one question.
#[derive(Debug, Clone)]
pub(crate) struct Candidates<'a> {
    /// By intent: may it score above 0? Then by pattern (numbered across
    /// intents, from `n_intents`): may it match?
    on: Vec<bool>,
    n_intents: usize,
    /// The prefilter's `first_pattern`.
    first_pattern: &'a [u32],
}

impl Candidates<'_> {
    /// May intent `intent` score above 0?
    pub(crate) fn intent(&self, intent: usize) -> bool {
        self.on.get(intent).copied().unwrap_or(true)
    }

    /// May pattern `k` of intent `intent` match?
    pub(crate) fn pattern(&self, intent: usize, k: usize) -> bool {
        self.first_pattern
            .get(intent)
            .and_then(|&f| self.on.get(self.n_intents + f as usize + k))
            .copied()
            .unwrap_or(true)
    }
}

/// What every match of a pattern begins with and contains: its literal
/// prefixes (`None`: not a finite set of non-empty strings) and what it
/// [`needs`] (`None`: nothing known).
type Known = (Option<Vec<Vec<u8>>>, Option<Needs>);

/// Branches (one must hold) of factors (each must occur), each factor a set of
/// literals one of which occurs.
type Needs = Vec<Vec<Vec<Vec<u8>>>>;

/// What every match of `pattern` begins with and contains, from one parse.
fn known(pattern: &str) -> Known {
    match regex_syntax::ParserBuilder::new().build().parse(pattern) {
        Ok(hir) => (hir_prefixes(&hir), needs(&hir)),
        Err(_) => (None, None),
    }
}

/// The prefixes every match of `hir` begins with, or `None` when they are not a
/// finite set of non-empty strings.
fn hir_prefixes(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let seq = Extractor::new().kind(ExtractKind::Prefix).extract(hir);
    let lits = seq.literals()?;
    if lits.is_empty() || lits.iter().any(|l| l.as_bytes().is_empty()) {
        return None;
    }
    Some(lits.iter().map(|l| l.as_bytes().to_vec()).collect())
}

/// What every match of `hir` contains, as branches (one must hold) of factors
/// (each must occur), each factor a set of literals one of which occurs: the
/// parts of a concatenation that cannot match empty and whose matches begin
/// with a finite set of literals. `None` when some branch has no such part
/// (nothing is known).
fn needs(hir: &Hir) -> Option<Needs> {
    let top = unwrap_captures(hir);
    let branches: Vec<&Hir> = match top.kind() {
        HirKind::Alternation(alts) => alts.iter().collect(),
        _ => vec![top],
    };
    let mut out = Vec::with_capacity(branches.len());
    for b in branches {
        let mut parts = Vec::new();
        concat_parts(b, &mut parts);
        let factors: Vec<Vec<Vec<u8>>> = parts.into_iter().filter_map(hir_prefixes).collect();
        if factors.is_empty() {
            return None;
        }
        out.push(factors);
    }
    Some(out)
}

/// `hir` without the capture groups around it.
fn unwrap_captures(mut hir: &Hir) -> &Hir {
    while let HirKind::Capture(c) = hir.kind() {
        hir = &c.sub;
    }
    hir
}

/// The parts of a concatenation (flattened through capture groups), or `hir`
/// itself.
fn concat_parts<'h>(hir: &'h Hir, out: &mut Vec<&'h Hir>) {
    let hir = unwrap_captures(hir);
    match hir.kind() {
        HirKind::Concat(parts) => {
            for p in parts {
                concat_parts(p, out);
            }
        }
        _ => out.push(hir),
    }
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
        let patterns: Vec<Known> = intents
            .iter()
            .flat_map(|it| it.patterns.iter().map(|p| known(p.re.as_str())))
            .collect();
        // An intent's gate: its `require` patterns (one of which must match),
        // or else its patterns and keywords.
        let gates = intents
            .iter()
            .zip(first_pattern.iter())
            .map(|(it, &first)| {
                if !it.require.is_empty() {
                    let required: Vec<Known> =
                        it.require.iter().map(|r| known(r.as_str())).collect();
                    let prefixes = required
                        .iter()
                        .map(|k| k.0.clone())
                        .collect::<Option<Vec<_>>>()
                        .map(|v| v.concat());
                    let needs = required
                        .iter()
                        .map(|k| k.1.clone())
                        .collect::<Option<Vec<_>>>()
                        .map(|v| v.concat());
                    (prefixes, needs)
                } else {
                    let own = &patterns[first as usize..first as usize + it.patterns.len()];
                    let prefixes = own
                        .iter()
                        .map(|k| k.0.clone())
                        .collect::<Option<Vec<_>>>()
                        .map(|v| {
                            let mut v = v.concat();
                            v.extend(it.keywords.iter().map(|(k, _)| k.as_bytes().to_vec()));
                            v
                        })
                        .filter(|v| !v.is_empty());
                    (prefixes, None)
                }
            });
        Prefilter {
            gate: PatternGate::with_known(gates.chain(patterns.iter().cloned())),
            n_intents: intents.len(),
            first_pattern,
        }
    }

    /// The intents that may score above 0 on `canonical`, and the patterns that
    /// may match it.
    pub(crate) fn candidates(&self, canonical: &str) -> Candidates<'_> {
        Candidates {
            on: self.gate.open(canonical),
            n_intents: self.n_intents,
            first_pattern: &self.first_pattern,
        }
    }
}

/// Which of a list of patterns may match a text: each pattern with a finite set
/// of literal prefixes runs only when one of them occurs, and only when, for
/// one of its branches, every part it [`needs`] occurs.
#[derive(Debug, Clone, Default)]
pub(crate) struct PatternGate {
    ac: Option<AhoCorasick>,
    /// For each literal of `ac`: the patterns it opens.
    opens: Vec<Vec<u32>>,
    /// Patterns with no finite set of prefixes: always open.
    always: Vec<u32>,
    /// By pattern: its branches, each a list of factors, each the literals
    /// (numbered as in `ac`) one of which must occur; empty when nothing is
    /// known.
    needs: Vec<Vec<Vec<Vec<u32>>>>,
    n: usize,
}

/// Numbers distinct literals.
#[derive(Default)]
struct Literals {
    index: HashMap<Vec<u8>, usize>,
    /// For each literal: the items it opens as a prefix.
    opens: Vec<Vec<u32>>,
}

impl Literals {
    fn id(&mut self, l: Vec<u8>) -> usize {
        let k = *self.index.entry(l).or_insert(self.opens.len());
        if k == self.opens.len() {
            self.opens.push(Vec::new());
        }
        k
    }
}

impl PatternGate {
    /// The gate of regex patterns, by the prefixes each match begins with and
    /// the parts it needs.
    pub(crate) fn build<'a>(patterns: impl Iterator<Item = &'a str>) -> PatternGate {
        PatternGate::with_known(patterns.map(known))
    }

    /// The gate of items given by their literal prefixes (`None`: always open)
    /// and what they need (`None`: nothing known).
    fn with_known(items: impl Iterator<Item = Known>) -> PatternGate {
        let mut lits = Literals::default();
        let mut always = Vec::new();
        let mut n = 0u32;
        let mut item_needs = Vec::new();
        for (item, need) in items {
            item_needs.push(need);
            match item {
                Some(ls) => {
                    for l in ls {
                        let k = lits.id(l);
                        push_once(&mut lits.opens[k], n);
                    }
                }
                None => always.push(n),
            }
            n += 1;
        }
        let needs: Vec<Vec<Vec<Vec<u32>>>> = item_needs
            .into_iter()
            .map(|need| {
                need.unwrap_or_default()
                    .into_iter()
                    .map(|branch| {
                        branch
                            .into_iter()
                            .map(|factor| {
                                let mut ids: Vec<u32> =
                                    factor.into_iter().map(|l| lits.id(l) as u32).collect();
                                ids.sort_unstable();
                                ids.dedup();
                                ids
                            })
                            .collect()
                    })
                    .collect()
            })
            .collect();
        let mut table: Vec<Vec<u8>> = vec![Vec::new(); lits.index.len()];
        for (l, k) in lits.index {
            table[k] = l;
        }
        let ac = AhoCorasick::new(&table).ok();
        if ac.is_none() {
            // Could not build: every item open.
            always = (0..n).collect();
        }
        PatternGate {
            ac,
            opens: lits.opens,
            always,
            needs,
            n: n as usize,
        }
    }

    /// By item: may it match `text`?
    pub(crate) fn open(&self, text: &str) -> Vec<bool> {
        let mut on = vec![false; self.n];
        for &k in &self.always {
            on[k as usize] = true;
        }
        let Some(ac) = &self.ac else {
            return on;
        };
        let mut found = vec![false; self.opens.len()];
        for m in ac.find_overlapping_iter(text) {
            let l = m.pattern().as_usize();
            found[l] = true;
            for &k in &self.opens[l] {
                on[k as usize] = true;
            }
        }
        for (k, need) in self.needs.iter().enumerate() {
            if on[k] && !need.is_empty() {
                on[k] = need.iter().any(|branch| {
                    branch
                        .iter()
                        .all(|factor| factor.iter().any(|&l| found[l as usize]))
                });
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
        // The third has no finite prefix, but needs 吗.
        assert_eq!(gate.open("开公众号要备案吗"), vec![true, false, true]);
        assert_eq!(gate.open("区委全会多久开"), vec![false, true, false]);
        assert_eq!(gate.open("常务会议吗"), vec![false, false, true]);
    }

    #[test]
    fn a_pattern_runs_only_when_every_part_it_needs_occurs() {
        let gate = PatternGate::build(
            [
                "(直接|私下).{0,6}(报|送).{0,10}(领导|市长)|越级",
                ".*吗$",
                "(公文|请示)(报送|行文)?规定",
            ]
            .into_iter(),
        );
        assert_eq!(gate.open("私下送给市长可以吗"), vec![true, true, false]);
        // 私下 begins the first, but neither 报 nor 送 follows: shut.
        assert_eq!(gate.open("私下找市长行吗"), vec![false, true, false]);
        assert_eq!(gate.open("越级"), vec![true, false, false]);
        assert_eq!(gate.open("请示规定呢"), vec![false, false, true]);
    }
}
