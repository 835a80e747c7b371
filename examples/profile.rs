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
    let t = Instant::now();
    let corpus = store.corpus().unwrap();
    println!("  corpus read {:?}", t.elapsed());
    let t = Instant::now();
    let _ = rulebot::search::SearchIndex::build(&corpus.articles, &|a| e.intents.matching_text(a));
    println!("  index build {:?}", t.elapsed());
    let t = Instant::now();
    let _ = rulebot::intents::IntentSet::load(&root.join("intents"), &corpus).unwrap();
    println!("  intents load {:?}", t.elapsed());
    let qs = rulebot::bench::questions(&root.join("tests/data/dev.jsonl")).unwrap();
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
    let rounds: usize = std::env::var("PROFILE_LOOP")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let t = Instant::now();
    for _ in 0..rounds {
        for q in &qs {
            let _ = answer(&q.question);
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
}
