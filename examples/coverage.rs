//! Which intents have no governing article in which jurisdiction: `cargo run --example coverage`.
//! A gap in a complete document is worth a look (an article pattern too narrow).
use rulebot::store::Paths;
use std::path::Path;
fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let e = rulebot::store::open_engine(&Paths {
        db: std::env::temp_dir().join("rb-gaps"),
        data: root.join("data"),
        intents: root.join("intents"),
    })
    .unwrap();
    let js = e.jurisdictions();
    for it in &e.intents.intents {
        let missing: Vec<&str> = js
            .iter()
            .filter(|j| it.governing_in(j).next().is_none())
            .map(|s| s.as_str())
            .collect();
        if !missing.is_empty() {
            println!("{}\t{}\t缺: {}", it.id, it.title, missing.join(","));
        }
    }
}
