//! An answer laid out as blocks, the same for every transport: the citation's
//! header, the article quoted, its labelled lines, the deadline, the other
//! articles; "did you mean" options; a refusal. Each transport supplies its
//! marks ([`Marks`]: Telegram HTML, the callback platforms' markdown) and packs
//! the blocks into messages under its own limit.

use crate::answer::{
    Answer, CLARIFY_HEAD, Citation, OPTION_EXCERPT, Outcome, clarify_hint, refusal_text,
};

/// How a transport marks up text.
pub trait Marks {
    /// Text made safe for the markup (escaped, or made inert).
    fn text(&self, s: &str) -> String;
    /// Bold, `s` already safe.
    fn bold(&self, s: &str) -> String;
    /// A note under a citation's header (条号据上下文推定 …), `s` already safe.
    fn note(&self, s: &str) -> String;
    /// An article's text as quoted blocks, split to fit one message each.
    fn quoted(&self, text: &str) -> Vec<String>;
    /// A refusal's text as blocks.
    fn refusal(&self, text: &str) -> Vec<String>;
    /// What starts a line listing another article.
    fn bullet(&self) -> &'static str;
}

/// The blocks of an answer, in order.
pub fn answer_blocks(a: &Answer, m: &impl Marks) -> Vec<String> {
    let mut blocks: Vec<String> = Vec::new();
    let header = |c: &Citation| {
        format!(
            "{}({})",
            m.bold(&m.text(&c.header())),
            m.text(&c.jurisdiction)
        )
    };
    match &a.outcome {
        Outcome::Refused(r) => blocks.extend(m.refusal(&refusal_text(r))),
        Outcome::Clarify => {
            let mut b = m.text(CLARIFY_HEAD);
            for (i, c) in a.options().iter().enumerate() {
                b.push_str(&format!(
                    "\n{}. {}:{}",
                    i + 1,
                    header(c),
                    m.text(&c.excerpt(OPTION_EXCERPT))
                ));
                for line in &c.lines {
                    b.push_str(&format!("\n   {}", m.text(line)));
                }
            }
            blocks.push(b);
            if let Some(c) = a.options().first() {
                blocks.push(m.text(&clarify_hint(c)));
            }
            if let Some(x) = &a.aside {
                blocks.push(m.text(x));
            }
        }
        Outcome::Answer => {
            for c in a.citations.iter().take(a.governing.max(1)) {
                let mut head = header(c);
                for n in c.notes() {
                    head.push('\n');
                    head.push_str(&m.note(&m.text(&n)));
                }
                blocks.push(head);
                blocks.extend(m.quoted(&c.text));
                if !c.lines.is_empty() {
                    let lines: Vec<String> = c
                        .lines
                        .iter()
                        .map(|l| format!("{}:{}", m.text(&c.jurisdiction), m.text(l)))
                        .collect();
                    blocks.push(lines.join("\n"));
                }
            }
            if let Some(x) = &a.applied {
                blocks.push(m.text(x));
            }
            if a.governing > 1 {
                // Each jurisdiction's lines stand under its own quote.
            } else if let Some(d) = &a.deadline {
                let mut b = format!("{}\n依据:{}", m.bold(&m.text(&d.display)), m.text(&d.rule));
                for n in &d.notes {
                    b.push_str(&format!("\n注:{}", m.text(n)));
                }
                blocks.push(b);
            } else if let Some(n) = &a.limit_note {
                blocks.push(m.text(n));
            }
            let others: Vec<&Citation> = a.citations.iter().skip(a.governing.max(1)).collect();
            if !others.is_empty() {
                let mut b = String::from("其他可能相关的条文:");
                for c in others {
                    b.push_str(&format!(
                        "\n{} {}({}):{}",
                        m.bullet(),
                        m.text(&c.header()),
                        m.text(&c.jurisdiction),
                        m.text(&c.excerpt(30))
                    ));
                }
                blocks.push(b);
            }
            if let Some(x) = &a.aside {
                blocks.push(m.text(x));
            }
        }
    }
    blocks
}
