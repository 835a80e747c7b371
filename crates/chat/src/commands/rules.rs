//! /rules: the documents held, with their numbers, dates and article counts.

use crate::conversation::{Conversation, Incoming, Reply};

pub(super) fn run(
    c: &Conversation,
    _m: &Incoming<'_>,
    _args: &str,
    reply_to: Option<i64>,
) -> Reply {
    let mut lines = vec!["已收录的工作规则:".to_string()];
    let engine = c.engine();
    for d in &engine.corpus.documents {
        lines.push(format!(
            "· {}《{}》{}{},{} 条{}",
            d.meta.jurisdiction,
            d.meta.title,
            d.meta.doc_number.as_deref().unwrap_or(""),
            d.meta
                .issued_text()
                .map(|t| format!("({t})"))
                .unwrap_or_default(),
            d.article_count,
            d.meta
                .note
                .as_deref()
                .map(|n| format!("。注:{n}"))
                .unwrap_or_default()
        ));
    }
    Reply::plain(lines.join("\n"), reply_to)
}
