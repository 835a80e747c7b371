//! The vetted corpus of Chinese time expressions (tests/data/time_corpus.toml):
//! every case read through the paths the product uses, all failures reported
//! at once.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Deserialize;

use super::{parse_date, parse_moment_with, shanghai};
use crate::calendar::test_calendar;

const CORPUS: &str = include_str!("../../tests/data/time_corpus.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CorpusFile {
    /// The default moment the phrases are said.
    now: DateTime<FixedOffset>,
    case: Vec<Case>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum VsDuckling {
    Same,
    Differs,
    NotRead,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    text: Option<String>,
    texts: Option<Vec<String>>,
    now: Option<DateTime<FixedOffset>>,
    date: Option<NaiveDate>,
    moment: Option<String>,
    every: Option<String>,
    #[serde(default)]
    nothing: bool,
    date_error: Option<String>,
    moment_error: Option<String>,
    duckling: Option<VsDuckling>,
    note: Option<String>,
}

impl Case {
    fn phrases(&self) -> Vec<&str> {
        self.text
            .iter()
            .chain(self.texts.iter().flatten())
            .map(String::as_str)
            .collect()
    }
}

/// A question's text as `Reading::new` gives it to `find_dates`.
fn as_question(text: &str) -> String {
    crate::text::numerals_to_digits(&crate::text::normalize(text))
}

/// A reminder's text as the chat's `parse_request` gives it to `parse_moment_with`.
fn as_reminder(text: &str) -> String {
    crate::text::to_half_width(text)
}

/// What is wrong with one phrase of a case, if anything.
fn check(case: &Case, text: &str, now: DateTime<FixedOffset>) -> Vec<String> {
    let cal = test_calendar();
    let mut wrong = Vec::new();
    let date = parse_date(&as_question(text), now, &cal);
    let moment = parse_moment_with(&as_reminder(text), now, &cal);
    if let Some(want) = case.date {
        match &date {
            Ok(Some(m)) if m.date == want => {}
            other => wrong.push(format!("date: want {want}, got {other:?}")),
        }
    }
    if let Some(want) = &case.date_error {
        match &date {
            Err(e) if e.to_string().contains(want.as_str()) => {}
            other => wrong.push(format!("date: want an error with “{want}”, got {other:?}")),
        }
    }
    if let Some(want) = &case.moment {
        match &moment {
            Ok(Some(m))
                if m.at
                    .with_timezone(&shanghai())
                    .format("%Y-%m-%d %H:%M")
                    .to_string()
                    == *want
                    && case
                        .every
                        .as_ref()
                        .is_none_or(|e| *e == format!("{:?}", m.recurrence))
                    && (case.every.is_some() || !m.recurs()) => {}
            Ok(Some(m)) => wrong.push(format!(
                "moment: want {want} {:?}, got {} {:?}",
                case.every,
                m.at.with_timezone(&shanghai()).format("%Y-%m-%d %H:%M"),
                m.recurrence
            )),
            other => wrong.push(format!("moment: want {want}, got {other:?}")),
        }
    }
    if let Some(want) = &case.moment_error {
        match &moment {
            Err(e) if e.to_string().contains(want.as_str()) => {}
            other => wrong.push(format!(
                "moment: want an error with “{want}”, got {other:?}"
            )),
        }
    }
    if case.nothing {
        if !matches!(date, Ok(None)) {
            wrong.push(format!("date: want nothing, got {date:?}"));
        }
        if !matches!(moment, Ok(None)) {
            wrong.push(format!("moment: want nothing, got {moment:?}"));
        }
    }
    wrong
}

fn load() -> CorpusFile {
    toml::from_str(CORPUS).unwrap_or_else(|e| panic!("time_corpus.toml: {e}"))
}

#[test]
fn the_vetted_corpus_reads_as_decided() {
    let file = load();
    let mut failures = Vec::new();
    for case in &file.case {
        let now = case.now.unwrap_or(file.now);
        for text in case.phrases() {
            for w in check(case, text, now) {
                failures.push(format!("{text} (at {now}): {w}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of the corpus phrases read otherwise than decided:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_case_is_well_formed() {
    let file = load();
    let mut bad = Vec::new();
    for (i, case) in file.case.iter().enumerate() {
        let what = format!("case {} ({:?})", i + 1, case.phrases());
        if case.phrases().is_empty() || (case.text.is_some() && case.texts.is_some()) {
            bad.push(format!("{what}: give `text` or `texts`"));
        }
        let expects = [
            case.date.is_some(),
            case.moment.is_some(),
            case.nothing,
            case.date_error.is_some(),
            case.moment_error.is_some(),
        ];
        if !expects.contains(&true) {
            bad.push(format!("{what}: says nothing of what is read"));
        }
        if case.nothing && expects.iter().filter(|e| **e).count() > 1 {
            bad.push(format!("{what}: `nothing` with a reading"));
        }
        if case.every.is_some() && case.moment.is_none() {
            bad.push(format!("{what}: `every` without `moment`"));
        }
        match case.duckling {
            Some(VsDuckling::Differs | VsDuckling::NotRead) if case.note.is_none() => {
                bad.push(format!("{what}: a difference from duckling needs a note"))
            }
            Some(VsDuckling::NotRead) if !case.nothing && case.moment_error.is_none() => {
                bad.push(format!("{what}: `not-read` but a reading is expected"))
            }
            _ => {}
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// The counts NOTES-time.md reports: `cargo test -p rulebot-core --lib
/// corpus_counts -- --nocapture`.
#[test]
fn corpus_counts() {
    let file = load();
    let mut counts = [0usize; 4];
    for case in &file.case {
        let n = case.phrases().len();
        let k = match case.duckling {
            Some(VsDuckling::Same) => 0,
            Some(VsDuckling::Differs) => 1,
            Some(VsDuckling::NotRead) => 2,
            None => 3,
        };
        counts[k] += n;
    }
    println!(
        "phrases: {} (duckling: {} read the same, {} read differently, {} not read; {} our own)",
        counts.iter().sum::<usize>(),
        counts[0],
        counts[1],
        counts[2],
        counts[3]
    );
    assert!(counts[0] > 0);
}
