//! Rendering for the markdown platforms (企业微信, 钉钉): an answer or a reply as
//! the markdown subset both show (bold, `>` quotes, plain lines; no tables, no
//! HTML), buttons as numbered choices in the text, split into messages under a
//! byte limit on paragraph boundaries (a long article on line or sentence
//! boundaries), never inside a block.

use crate::answer::split_text;
use crate::conversation::{Body, Button, Reply};
use crate::layout::{Marks, answer_blocks};

/// What a choice line says before the numbered buttons.
pub const CHOOSE: &str = "回复序号即可选择:";

/// A reply as markdown messages, each at most `limit` bytes (UTF-8); the
/// buttons, numbered, close the last one.
pub fn reply_markdown(reply: &Reply, limit: usize) -> Vec<String> {
    let mut blocks = match &reply.body {
        Body::Text(t) => text_blocks(t, limit),
        Body::Answer(a) => answer_blocks(a, &Markdown { limit }),
    };
    if let Some(c) = choices(&reply.buttons) {
        blocks.push(c);
    }
    pack(&blocks, limit)
}

/// A delivered reminder: addressed to its owner by name in a group, with its
/// buttons as numbered choices.
pub fn delivery_markdown(
    name: Option<&str>,
    text: &str,
    buttons: &[Button],
    limit: usize,
) -> Vec<String> {
    let mut blocks = text_blocks(text, limit);
    if let (Some(n), Some(first)) = (name, blocks.first_mut()) {
        *first = format!("**{}** {first}", neutral(n));
    }
    if let Some(c) = choices(buttons) {
        blocks.push(c);
    }
    pack(&blocks, limit)
}

/// Buttons as a numbered list ("1. 10分钟后"), or None without buttons.
pub fn choices(buttons: &[Button]) -> Option<String> {
    if buttons.is_empty() {
        return None;
    }
    let mut s = String::from(CHOOSE);
    for (i, b) in buttons.iter().enumerate() {
        s.push_str(&format!("\n{}. {}", i + 1, b.label));
    }
    Some(s)
}

/// The number a member typed to pick a choice ("1", "2。", "第2个"), if the
/// message is only that.
pub fn choice_number(text: &str) -> Option<usize> {
    let t = text
        .trim()
        .trim_end_matches(['.', '。', '、', ')', ')'])
        .trim_start_matches('第')
        .trim_end_matches(['个', '项']);
    if t.is_empty() || t.len() > 2 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok().filter(|n| *n >= 1)
}

/// Plain text as blocks: its paragraphs (blank-line separated), each within
/// the limit.
fn text_blocks(text: &str, limit: usize) -> Vec<String> {
    let max = chars_within(limit);
    let mut out = Vec::new();
    for para in text.split("\n\n") {
        if para.trim().is_empty() {
            continue;
        }
        for piece in split_text(para, max) {
            // A line break in markdown needs two; keep the author's lines.
            out.push(neutral(&piece).trim_end().to_string());
        }
    }
    out
}

/// Characters that surely fit in `limit` bytes once quoted (3 bytes a CJK
/// character, room for the quote marks and a header).
fn chars_within(limit: usize) -> usize {
    (limit.saturating_sub(96) / 4).max(16)
}

/// The markdown marks, for messages of at most `limit` bytes.
struct Markdown {
    limit: usize,
}

impl Marks for Markdown {
    fn text(&self, s: &str) -> String {
        neutral(s)
    }
    fn bold(&self, s: &str) -> String {
        format!("**{s}**")
    }
    fn note(&self, s: &str) -> String {
        format!("〔{s}〕")
    }
    fn quoted(&self, text: &str) -> Vec<String> {
        split_text(text, chars_within(self.limit))
            .iter()
            .map(|piece| quote(piece))
            .collect()
    }
    fn refusal(&self, text: &str) -> Vec<String> {
        text_blocks(text, self.limit)
    }
    fn bullet(&self) -> &'static str {
        "-"
    }
}

/// Text as a markdown quote, line by line.
fn quote(text: &str) -> String {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| format!("> {}", neutral(l)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Text made inert for markdown where it would change the layout: a line
/// starting with `#`, `>`, `-` or `*` and bold markers get their full-width
/// forms (the articles' own text never needs markup).
fn neutral(text: &str) -> String {
    let text = text.replace("**", "＊＊");
    text.lines()
        .map(|l| {
            let mut chars = l.chars();
            match chars.next() {
                Some('#') => format!("＃{}", chars.as_str()),
                Some('>') => format!("＞{}", chars.as_str()),
                Some('*') => format!("＊{}", chars.as_str()),
                Some('-') if chars.as_str().starts_with(' ') => format!("－{}", chars.as_str()),
                _ => l.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Packs blocks into messages of at most `limit` bytes, joined by blank lines;
/// a block never straddles two messages (a block over the limit alone is cut
/// on a character boundary, which the splitting above never produces).
pub fn pack(blocks: &[String], limit: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for b in blocks {
        let b = cut_to(b, limit);
        let extra = if cur.is_empty() { 0 } else { 2 };
        if !cur.is_empty() && cur.len() + extra + b.len() > limit {
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

fn cut_to(s: &str, limit: usize) -> &str {
    if s.len() <= limit {
        return s;
    }
    let mut end = limit;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::{Answer, Citation, Outcome};
    use crate::reply::Action;

    fn cite(n: u32, text: String) -> Citation {
        Citation {
            jurisdiction: "株洲市".into(),
            document: "株洲市人民政府工作规则".into(),
            article: n,
            label: String::new(),
            text,
            number_inferred: false,
            incomplete: false,
            lines: Vec::new(),
            doc_number: None,
            index: 0,
        }
    }

    fn answer(citations: Vec<Citation>, outcome: Outcome) -> Answer {
        Answer {
            outcome,
            citations,
            governing: 1,
            deadline: None,
            limit_note: None,
            applied: None,
            aside: None,
            confidence: Some(0.9),
        }
    }

    #[test]
    fn an_answer_has_its_citation_in_bold_and_the_article_quoted() {
        let a = answer(
            vec![cite(
                44,
                "市政府常务会议一般每月召开两次。\n# 不是标题".into(),
            )],
            Outcome::Answer,
        );
        let md = reply_markdown(&Reply::answer(a, None), 2048).concat();
        assert!(
            md.starts_with("**《株洲市人民政府工作规则》第四十四条**(株洲市)"),
            "{md}"
        );
        assert!(md.contains("> 市政府常务会议一般每月召开两次。"), "{md}");
        assert!(md.contains("> ＃ 不是标题"), "{md}");
    }

    #[test]
    fn long_articles_split_under_the_byte_limit_on_block_boundaries() {
        let text = "(1)市政府各部门应当按照职责分工,认真做好本部门承担的各项工作。\n".repeat(120);
        let a = answer(vec![cite(2, text)], Outcome::Answer);
        for limit in [2048, 4000] {
            let msgs = reply_markdown(&Reply::answer(a.clone(), None), limit);
            assert!(msgs.len() > 1);
            for m in &msgs {
                assert!(m.len() <= limit, "{} > {limit}", m.len());
                // Every line of the article stays quoted in every message.
                assert!(
                    m.lines()
                        .filter(|l| l.contains("市政府各部门"))
                        .all(|l| l.starts_with("> "))
                );
            }
            let all = msgs.concat();
            assert_eq!(all.matches("市政府各部门应当").count(), 120);
        }
    }

    #[test]
    fn buttons_become_numbered_choices() {
        let mut r = Reply::plain("⏰ 提醒:交材料", None);
        r.buttons = vec![
            Button {
                label: "10分钟后".into(),
                action: Action::Done { id: "1".into() },
            },
            Button {
                label: "✅ 已完成".into(),
                action: Action::Done { id: "1".into() },
            },
        ];
        let md = reply_markdown(&r, 2048).concat();
        assert!(
            md.ends_with("回复序号即可选择:\n1. 10分钟后\n2. ✅ 已完成"),
            "{md}"
        );
        assert_eq!(choice_number("2"), Some(2));
        assert_eq!(choice_number(" 1。"), Some(1));
        assert_eq!(choice_number("第2个"), Some(2));
        assert_eq!(choice_number("0"), None);
        assert_eq!(choice_number("12月1日"), None);
        assert_eq!(choice_number("123"), None);
    }

    #[test]
    fn a_group_delivery_names_its_owner() {
        let m = delivery_markdown(Some("zhangsan"), "⏰ 提醒:开会", &[], 2048).concat();
        assert_eq!(m, "**zhangsan** ⏰ 提醒:开会");
    }

    #[test]
    fn packing_never_exceeds_the_limit_even_for_one_huge_block() {
        let blocks = vec!["长".repeat(1000), "短".into()];
        let msgs = pack(&blocks, 100);
        assert!(msgs.iter().all(|m| m.len() <= 100));
    }
}
