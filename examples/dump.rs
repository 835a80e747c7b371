//! Prints what the parser finds in data/rules (documents, anomalies, each article's start):
//! `cargo run --example dump [DOC_ID]`.
use std::path::Path;
fn main() {
    let c = rulebot::rules::parse::load_corpus(Path::new("data/rules")).unwrap();
    let only = std::env::args().nth(1);
    for d in &c.documents {
        println!("{} {} {}", d.id, d.meta.jurisdiction, d.article_count);
        for a in &d.anomalies {
            println!("  L{}: {}", a.line, a.message);
        }
    }
    for a in &c.articles {
        if only.as_deref().is_some_and(|o| o != a.doc_id) {
            continue;
        }
        let t: String = a.text.chars().take(40).collect();
        println!(
            "{} #{} [{}] L{} {}{} | {}",
            a.doc_id,
            a.number,
            a.label,
            a.line,
            if a.number_inferred { "*" } else { "" },
            if a.incomplete { "!" } else { "" },
            t.replace('\n', "⏎")
        );
    }
}
