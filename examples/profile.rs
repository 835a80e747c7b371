//! Times the parts of the question path on a synthetic corpus: `cargo run --release --example profile -- 1000`.
//! With `PROFILE_LOOP=N` it then asks every question N more times and nothing else,
//! for `perf record`.
use std::path::Path;
use std::time::Instant;

use rulebot::engine::Question;
use rulebot::store::Paths;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let work = std::env::temp_dir().join(format!("rulebot-profile-{n}"));
    if !work.join("data").exists() {
        rulebot::bench::synthetic_data(&root.join("data"), &work.join("data"), n).unwrap();
    }
    let t = Instant::now();
    let rulebot::store::Opened {
        engine: e, store, ..
    } = rulebot::store::open(&Paths {
        db: work.join("store"),
        data: work.join("data"),
        intents: root.join("intents"),
    })
    .unwrap();
    println!("open {:?}", t.elapsed());
    // With PROFILE_LOOP the rebuilds are skipped: the profile is of answers only.
    let rounds: usize = std::env::var("PROFILE_LOOP")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    if rounds == 0 {
        let t = Instant::now();
        let corpus = store.corpus().unwrap();
        println!("  corpus read {:?}", t.elapsed());
        let t = Instant::now();
        let _ =
            rulebot::search::SearchIndex::build(&corpus.articles, &|a| e.intents.matching_text(a));
        println!("  index build {:?}", t.elapsed());
        let t = Instant::now();
        let _ = rulebot::intents::IntentSet::load(&root.join("intents"), &corpus).unwrap();
        println!("  intents load {:?}", t.elapsed());
    }
    // PROFILE_MATCH=text: only the questions holding it.
    let only = std::env::var("PROFILE_MATCH").unwrap_or_default();
    let qs: Vec<_> = rulebot::bench::questions(&root.join("tests/data/dev.jsonl"))
        .unwrap()
        .into_iter()
        .filter(|c| c.question.contains(only.as_str()))
        .collect();
    let now = rulebot::eval::parse_now(Some("2026-11-26T10:00:00+08:00")).unwrap();
    let (mut prep, mut class, mut search, mut rank, mut ask) = (0f64, 0f64, 0f64, 0f64, 0f64);
    // The whole answer, rendered, as a user gets it.
    let answer = |text: &str| {
        e.ask(&Question {
            text,
            jurisdiction: None,
            now,
        })
        .to_text()
    };
    let mut dates = 0f64;
    for q in &qs {
        let t = Instant::now();
        let _ = rulebot::when::find_dates(&q.question, now, &e.calendar);
        dates += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let p = e.intents.prepare(&q.question);
        prep += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let _ = e.intents.classify(&p);
        class += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let _ = e.index.search(&p.canonical, None, 40);
        search += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let _ = rulebot::rank::rank(&q.question, None, &e.corpus, &e.index, &e.intents);
        rank += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let _ = answer(&q.question);
        ask += t.elapsed().as_secs_f64();
    }
    // PROFILE_AS_BENCH=1: the loop asks as `rulebot bench` does (each case's
    // jurisdiction and time) instead of every question everywhere.
    let as_bench = std::env::var("PROFILE_AS_BENCH").is_ok();
    let asked: Vec<_> = qs
        .iter()
        .map(|c| {
            if as_bench {
                let j = c
                    .jurisdiction
                    .as_deref()
                    .and_then(|j| e.resolve_jurisdiction(j));
                (rulebot::eval::parse_now(c.now.as_deref()).unwrap(), j)
            } else {
                (now, None)
            }
        })
        .collect();
    let t = Instant::now();
    for _ in 0..rounds {
        for (q, (now, j)) in qs.iter().zip(&asked) {
            let _ = e
                .ask(&Question {
                    text: &q.question,
                    jurisdiction: j.as_deref(),
                    now: *now,
                })
                .to_text();
        }
    }
    if rounds > 0 {
        println!(
            "loop: {:.3} ms per question",
            t.elapsed().as_secs_f64() * 1000.0 / (rounds * qs.len()) as f64
        );
    }
    let k = qs.len() as f64 / 1000.0;
    println!(
        "per question ms: dates {:.3} prepare {:.3} classify {:.3} search {:.3} rank {:.3} ask {:.3}",
        dates / k,
        prep / k,
        class / k,
        search / k,
        rank / k,
        ask / k
    );
    // PROFILE_SLOWEST=N: the N slowest questions, asked as `rulebot bench` asks
    // them (each with its case's jurisdiction and time), best of five.
    let slowest: usize = std::env::var("PROFILE_SLOWEST")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    if slowest > 0 {
        let mut times: Vec<(f64, &str)> = qs
            .iter()
            .map(|c| {
                let now = rulebot::eval::parse_now(c.now.as_deref()).unwrap();
                let j = c
                    .jurisdiction
                    .as_deref()
                    .and_then(|j| e.resolve_jurisdiction(j));
                let best = (0..5)
                    .map(|_| {
                        let t = Instant::now();
                        let _ = e
                            .ask(&Question {
                                text: &c.question,
                                jurisdiction: j.as_deref(),
                                now,
                            })
                            .to_text();
                        t.elapsed().as_secs_f64() * 1e6
                    })
                    .fold(f64::MAX, f64::min);
                (best, c.question.as_str())
            })
            .collect();
        times.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (us, q) in times.iter().take(slowest) {
            println!("{us:>8.0} µs  {q}");
        }
    }
}
