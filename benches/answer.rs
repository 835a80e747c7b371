//! `cargo bench`: answer latency (question in, rendered answer out) at 5 and 100
//! documents, and ingest of the five real documents.

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use rulebot::engine::{Engine, Question};
use rulebot::eval::parse_now;
use rulebot::store::Paths;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn engine(docs: usize, work: &Path) -> Engine {
    let data = work.join("data");
    rulebot::bench::synthetic_data(&root().join("data"), &data, docs).unwrap();
    rulebot::store::open_engine(&Paths {
        db: work.join("store"),
        data,
        intents: root().join("intents"),
    })
    .unwrap()
}

fn answer_latency(c: &mut Criterion) {
    let questions = rulebot::bench::questions(&root().join("tests/data/dev.jsonl")).unwrap();
    for docs in [5usize, 100] {
        let tmp = tempfile::tempdir().unwrap();
        let e = engine(docs, tmp.path());
        let mut i = 0;
        c.bench_function(&format!("answer/{docs}_documents"), |b| {
            b.iter(|| {
                let q = &questions[i % questions.len()];
                i += 1;
                let a = e.ask(&Question {
                    text: &q.question,
                    jurisdiction: None,
                    now: parse_now(q.now.as_deref()).unwrap(),
                });
                std::hint::black_box(a.to_text())
            })
        });
    }
}

fn ingest(c: &mut Criterion) {
    c.bench_function("parse/5_documents", |b| {
        b.iter(|| rulebot::rules::parse::load_corpus(&root().join("data/rules")).unwrap())
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = answer_latency, ingest
}
criterion_main!(benches);
