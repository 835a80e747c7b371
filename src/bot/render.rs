//! Telegram's rendering: an answer or a reply as Telegram HTML (bold
//! citations, blockquoted articles), split into messages under Telegram's
//! limit on block boundaries, never inside a tag.

use crate::answer::{Answer, split_text};
use crate::layout::{Marks, answer_blocks};

/// Telegram's limit on one message, in characters.
pub const TELEGRAM_LIMIT: usize = 4096;

/// Telegram HTML of an answer: the citation in bold, the article in a blockquote, the
/// deadline line, the alternatives; split into messages under Telegram's
/// limit on block boundaries, never inside a tag.
pub fn answer_html(a: &Answer) -> Vec<String> {
    pack_html(&answer_blocks(a, &Html), TELEGRAM_LIMIT)
}

/// Telegram HTML marks.
struct Html;

impl Marks for Html {
    fn text(&self, s: &str) -> String {
        escape_html(s)
    }
    fn bold(&self, s: &str) -> String {
        format!("<b>{s}</b>")
    }
    fn note(&self, s: &str) -> String {
        format!("<i>{s}</i>")
    }
    fn quoted(&self, text: &str) -> Vec<String> {
        split_escaped(text, TELEGRAM_LIMIT - 64)
            .iter()
            .map(|piece| format!("<blockquote>{}</blockquote>", escape_html(piece)))
            .collect()
    }
    fn refusal(&self, text: &str) -> Vec<String> {
        vec![escape_html(text)]
    }
    fn bullet(&self) -> &'static str {
        "•"
    }
}

/// Like [`split_text`], but each piece stays within `max` characters once escaped
/// for HTML (`<`, `>`, `&` grow to entities).
pub fn split_escaped(text: &str, max: usize) -> Vec<String> {
    let mut out = Vec::new();
    for piece in split_text(text, max) {
        let escaped = escape_html(&piece).chars().count();
        if escaped <= max || max < 16 {
            out.push(piece);
        } else {
            // Shrink in proportion to the growth, and a little more.
            let smaller = (max * max / escaped).saturating_sub(8).max(max / 4);
            out.extend(split_escaped(&piece, smaller));
        }
    }
    out
}

/// Packs self-contained HTML blocks into messages of at most `limit` characters,
/// blocks joined by blank lines. A block never straddles two messages.
pub fn pack_html(blocks: &[String], limit: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for b in blocks {
        let extra = if cur.is_empty() { 0 } else { 2 };
        if !cur.is_empty() && cur.chars().count() + extra + b.chars().count() > limit {
            out.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push_str("\n\n");
        }
        cur.push_str(b);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Escapes text for Telegram HTML (& < >).
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::{Citation, Outcome};

    #[test]
    fn long_text_is_split_under_the_limit_on_block_boundaries() {
        let text = "第一段。".repeat(900) + "\n" + &"第二段,".repeat(900);
        let pieces = split_text(&text, 1000);
        assert!(pieces.iter().all(|p| p.chars().count() <= 1000));
        assert_eq!(pieces.concat(), text);
        let blocks: Vec<String> = pieces
            .iter()
            .map(|p| format!("<blockquote>{}</blockquote>", escape_html(p)))
            .collect();
        let msgs = pack_html(&blocks, TELEGRAM_LIMIT);
        assert!(msgs.len() > 1);
        for m in &msgs {
            assert!(m.chars().count() <= TELEGRAM_LIMIT);
            assert_eq!(
                m.matches("<blockquote>").count(),
                m.matches("</blockquote>").count()
            );
        }
    }

    #[test]
    fn escaped_pieces_stay_under_the_limit() {
        let text = "(1)做好<本部门>工作&报告。\n".repeat(400);
        let pieces = split_escaped(&text, 1000);
        assert!(pieces.len() > 1);
        assert_eq!(pieces.concat(), text);
        for p in &pieces {
            assert!(escape_html(p).chars().count() <= 1000);
        }
    }

    #[test]
    fn escapes_html() {
        assert_eq!(escape_html("<b>&"), "&lt;b&gt;&amp;");
    }

    #[test]
    fn did_you_mean_options_are_bold_headers() {
        let cite = |n: u32| Citation {
            jurisdiction: "株洲市".into(),
            document: "株洲市人民政府工作规则".into(),
            article: 40 + n,
            label: String::new(),
            text: format!("第{n}条的正文。").repeat(30),
            number_inferred: false,
            incomplete: false,
            lines: Vec::new(),
            doc_number: None,
            index: 0,
        };
        let a = Answer {
            outcome: Outcome::Clarify,
            citations: (1..=5).map(cite).collect(),
            governing: 0,
            deadline: None,
            limit_note: None,
            applied: None,
            aside: None,
            confidence: Some(0.75),
        };
        let html = answer_html(&a).concat();
        assert!(
            html.contains("2. <b>《株洲市人民政府工作规则》第四十二条</b>"),
            "{html}"
        );
    }
}
