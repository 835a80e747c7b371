//! The evaluation figures on the project's copy of the dev cases must never fall
//! below what the bot reaches now.

use std::path::Path;

use rulebot::engine::{Engine, Paths};
use rulebot::eval::{Case, evaluate, read_cases};

#[test]
fn dev_set_figures_do_not_regress() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let engine = Engine::open(&Paths {
        db: tmp.path().join("store"),
        data: root.join("data"),
        intents: root.join("intents"),
    })
    .unwrap();
    let text = std::fs::read_to_string(root.join("tests/data/dev.jsonl")).unwrap();
    let cases: Vec<Case> = read_cases(&text).into_iter().map(Result::unwrap).collect();
    let r = evaluate(&engine, &cases);
    println!("{}", r.render());
    assert_eq!(r.article_cases, 72);
    assert!(r.top1_pct() >= 95.0, "top-1 fell: {}", r.render());
    assert!(r.false_refusals <= 1, "{}", r.render());
    assert_eq!(r.correct_refusals, r.none_cases, "{}", r.render());
    assert_eq!(r.deadline_exact, r.deadline_cases, "{}", r.render());
    assert_eq!(r.errors, 0);
}
