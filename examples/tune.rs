//! Searches the ranking's weights and decision thresholds on development sets
//! (never on a fresh set): `cargo run --example tune -- tests/data/dev.jsonl …`.
//! Prints the best settings found and, for the defaults, how often the first
//! citation is right at each confidence.

use rulebot::engine::Engine;
use rulebot::eval::{Case, parse_now, read_cases};
use rulebot::rank::{Decision, Ranking, Weights, rank_reading};
use rulebot::reading::Reading;
use rulebot::store::Paths;

struct Scored {
    article: usize,
    answered: usize,
    top1: usize,
    top3: usize,
    refused_answerable: usize,
    none: usize,
    none_refused: usize,
}

fn right(e: &Engine, r: &Ranking, i: usize, case: &Case) -> bool {
    let Some(h) = r.hits.get(i) else { return false };
    let a = &e.corpus.articles[h.article];
    case.expect.as_ref().is_some_and(|x| {
        x.accept.iter().any(|acc| {
            acc.doc == a.jurisdiction && acc.phrase.as_deref().is_none_or(|p| a.text.contains(p))
        })
    })
}

fn score(e: &Engine, cases: &[(Case, Reading, Option<String>)], w: &Weights) -> Scored {
    let mut s = Scored {
        article: 0,
        answered: 0,
        top1: 0,
        top3: 0,
        refused_answerable: 0,
        none: 0,
        none_refused: 0,
    };
    for (case, reading, j) in cases {
        let r = rank_reading(reading, j.as_deref(), &e.corpus, &e.index, &e.intents, w);
        let refused = !matches!(r.decision, Decision::Answer | Decision::Clarify);
        match case.expect.as_ref().map(|x| x.kind.as_str()) {
            Some("article") => {
                s.article += 1;
                if refused {
                    s.refused_answerable += 1;
                } else {
                    s.answered += 1;
                    if right(e, &r, 0, case) {
                        s.top1 += 1;
                    }
                    if (0..3).any(|i| right(e, &r, i, case)) {
                        s.top3 += 1;
                    }
                }
            }
            Some("none") => {
                s.none += 1;
                if refused {
                    s.none_refused += 1;
                }
            }
            _ => {}
        }
    }
    s
}

fn e_label(e: &Engine, i: usize) -> String {
    let a = &e.corpus.articles[i];
    format!("{} {}", a.jurisdiction, a.number)
}

fn main() -> anyhow::Result<()> {
    let files: Vec<String> = std::env::args().skip(1).collect();
    let engine = rulebot::store::open_engine(&Paths {
        db: std::env::var("RULEBOT_DB")
            .map(Into::into)
            .unwrap_or_else(|_| std::env::temp_dir().join("rulebot-tune-store")),
        ..Paths::defaults()
    })?;
    let mut cases = Vec::new();
    for f in &files {
        for c in read_cases(&std::fs::read_to_string(f)?) {
            let c = c.map_err(anyhow::Error::msg)?;
            let now = parse_now(c.now.as_deref()).map_err(anyhow::Error::msg)?;
            let reading = Reading::new(&engine.intents, &c.question, Some((now, &engine.calendar)));
            let j = c
                .jurisdiction
                .as_deref()
                .and_then(|j| engine.resolve_jurisdiction(j));
            cases.push((c, reading, j));
        }
    }
    let objective = |s: &Scored| {
        s.top1 as f32 - 2.0 * s.refused_answerable as f32
            + 2.0 * s.none_refused as f32
            + 0.3 * s.top3 as f32
    };
    let mut best = (f32::MIN, Weights::default());
    let grid = std::env::var("TUNE_GRID").is_ok();
    for text in if grid { vec![0.5, 1.0, 1.5] } else { vec![] } {
        for coverage in [1.0, 2.0, 3.0] {
            for intent in [0.5, 1.0, 1.5, 2.0] {
                for kind in [0.0, 0.25, 0.5, 1.0] {
                    for answer_at in [0.15, 0.2, 0.25, 0.3, 0.35] {
                        let w = Weights {
                            text,
                            coverage,
                            intent,
                            kind,
                            answer_at,
                            clarify_at: answer_at * 0.75,
                            ..Weights::default()
                        };
                        let s = score(&engine, &cases, &w);
                        let o = objective(&s);
                        if o > best.0 {
                            best = (o, w);
                        }
                    }
                }
            }
        }
    }
    // TUNE_TRY="text,coverage,intent,kind;…": these settings, each reported
    // beside the defaults (a comparison of a few designs, not a search).
    let tries: Vec<Weights> = std::env::var("TUNE_TRY")
        .unwrap_or_default()
        .split(';')
        .filter(|t| !t.trim().is_empty())
        .filter_map(|t| {
            let v: Vec<f32> = t.split(',').filter_map(|x| x.trim().parse().ok()).collect();
            (v.len() == 4).then(|| Weights {
                text: v[0],
                coverage: v[1],
                intent: v[2],
                kind: v[3],
                ..Weights::default()
            })
        })
        .collect();
    let report = |name: &str, w: &Weights| {
        let s = score(&engine, &cases, w);
        println!(
            "{name}: {w:?}\n  top-1 {}/{} top-3 {}/{} refused-answerable {} none refused {}/{}",
            s.top1, s.article, s.top3, s.article, s.refused_answerable, s.none_refused, s.none
        );
    };
    report("default", &Weights::default());
    if grid {
        report("best", &best.1);
    }
    for w in &tries {
        report("try", w);
    }
    // Calibration and the cases on either side of the line, with the defaults.
    let w = Weights::default();
    let mut buckets = [(0usize, 0usize); 10];
    for (case, reading, j) in &cases {
        let r = rank_reading(
            reading,
            j.as_deref(),
            &engine.corpus,
            &engine.index,
            &engine.intents,
            &w,
        );
        let c = r.understanding.confidence;
        let kind = case.expect.as_ref().map(|x| x.kind.as_str()).unwrap_or("");
        let ok = kind == "article" && right(&engine, &r, 0, case);
        if !r.hits.is_empty() || kind == "none" {
            let b = &mut buckets[((c * 10.0) as usize).min(9)];
            b.0 += 1;
            if ok {
                b.1 += 1;
            }
        }
        if let Ok(path) = std::env::var("TUNE_DUMP") {
            use std::io::Write;
            let mut f = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .unwrap();
            let ev = r.hits.first().map(|h| h.evidence).unwrap_or_default();
            let second = 1.0 - r.understanding.lead;
            let chars = reading.prepared.normalized.chars().count();
            let unfamiliar = r.understanding.unfamiliar.len();
            writeln!(
                f,
                "{}\t{kind}\t{ok}\t{:.3}\t{:.3}\t{:.3}\t{:.3}\t{:.3}\t{:.3}\t{}\t{:?}\t{chars}\t{unfamiliar}\t{:.3}",
                case.id.clone().unwrap_or_default(),
                ev.text,
                ev.coverage,
                ev.matched,
                ev.intent,
                ev.kind,
                second,
                ev.unmet as u8,
                r.decision,
                r.understanding.confidence
            )
            .unwrap();
        }
        let answered = matches!(r.decision, Decision::Answer | Decision::Clarify);
        if (kind == "none" && answered) || (kind == "article" && !ok) {
            let top = r
                .hits
                .first()
                .map(|h| (e_label(&engine, h.article), h.evidence));
            println!(
                "{kind} {:?} conf {c:.3} {:?} {} {:?}",
                r.decision, case.id, case.question, top
            );
        }
    }
    for (i, (n, ok)) in buckets.iter().enumerate() {
        if *n > 0 {
            println!(
                "confidence {:.1}–{:.1}: {ok}/{n} right",
                i as f32 / 10.0,
                (i + 1) as f32 / 10.0
            );
        }
    }
    Ok(())
}
