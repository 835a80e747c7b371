//! An HTML page saved from a browser → its body text, one block a line, for the
//! document parser (scripts, styles, forms and the page's head dropped).
//!
//! The page is parsed with html5ever (through `scraper`), as a browser would, so
//! unclosed tags, entities and stray markup read the way the page shows them. A
//! block element (p, div, li, tr, h1–h6 …) or a `<br>` ends a line; text inside a
//! block is joined with its runs of white space collapsed, as a browser renders
//! it. What is left is the page's text as a reader sees it, which the parser then
//! reads exactly as it reads a scraped text page (the site's navigation before the
//! title and its footer after the last article are recognised there).

use ego_tree::NodeRef;
use scraper::{Html, Node};

/// Elements whose content is never text a reader sees.
const SKIPPED: &[&str] = &[
    "head", "script", "style", "noscript", "template", "iframe", "svg", "canvas", "object",
    "embed", "select", "option", "button", "input", "textarea", "map", "audio", "video",
];

/// Elements that stand on lines of their own (a table row is a line; its cells
/// are apart by a space).
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
];

/// The text of an HTML page as a reader sees it: one line per block, in order.
/// Never fails: html5ever reads any byte string as some document; a page with
/// no text gives an empty string (the parser then says it found no articles).
pub fn page_text(html: &str) -> String {
    let doc = Html::parse_document(html);
    let mut out = Text::default();
    walk(doc.tree.root(), &mut out, false);
    out.finish()
}

/// Lines being built: the current line's text and whether white space is pending.
#[derive(Default)]
struct Text {
    lines: Vec<String>,
    line: String,
    space: bool,
    /// The pending white space holds a line break of the source.
    segment_break: bool,
}

/// A character of the wide (East Asian) kind: a line break of the source between
/// two of them is dropped, not read as a space (CSS Text 3, segment breaks).
fn wide(c: char) -> bool {
    crate::text::is_cjk(c)
        || matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}' | '\u{2018}'..='\u{201D}')
}

impl Text {
    fn push_str(&mut self, s: &str, pre: bool) {
        if pre {
            for (i, part) in s.split('\n').enumerate() {
                if i > 0 {
                    self.break_line();
                }
                self.line.push_str(part);
            }
            return;
        }
        for c in s.chars() {
            if c.is_ascii_whitespace() {
                self.space = true;
                self.segment_break |= c == '\n' || c == '\r';
                continue;
            }
            if self.space && !self.line.is_empty() {
                let between_wide =
                    self.segment_break && wide(c) && self.line.chars().last().is_some_and(wide);
                if !between_wide {
                    self.line.push(' ');
                }
            }
            self.space = false;
            self.segment_break = false;
            self.line.push(c);
        }
    }

    fn break_line(&mut self) {
        let line = std::mem::take(&mut self.line);
        self.space = false;
        self.segment_break = false;
        // One line per block with text, as a page scraped to text has it (the
        // parser joins a line left open with the next, as it does there).
        let trimmed = line.trim_end();
        if !trimmed.is_empty() {
            self.lines.push(trimmed.to_string());
        }
    }

    fn finish(mut self) -> String {
        self.break_line();
        let mut s = self.lines.join("\n");
        s.push('\n');
        s
    }
}

fn walk(node: NodeRef<'_, Node>, out: &mut Text, pre: bool) {
    match node.value() {
        Node::Text(t) => out.push_str(t, pre),
        Node::Element(e) => {
            let name = e.name();
            if SKIPPED.contains(&name) {
                return;
            }
            if name == "br" {
                out.break_line();
                return;
            }
            let block = BLOCKS.contains(&name);
            if block {
                out.break_line();
            }
            let pre = pre || name == "pre" || name == "textarea";
            for child in node.children() {
                walk(child, out, pre);
            }
            if block {
                out.break_line();
            } else if name == "td" || name == "th" {
                out.space = true;
            }
        }
        Node::Document | Node::Fragment => {
            for child in node.children() {
                walk(child, out, pre);
            }
        }
        // Comments, doctype, processing instructions: nothing a reader sees.
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_lines_and_chrome_is_dropped() {
        let html = r#"<!DOCTYPE html><html><head><title>某市人民政府工作规则_政府网</title>
<style>p{color:red}</style><script>var x = "第一条 不是条文";</script></head>
<body><div class="nav"><a href="/">首页</a> &gt; <a>政务公开</a></div>
<h1>某市人民政府工作规则</h1>
<div class="content"><p>第一章&nbsp;总则</p>
<p>第一条　为了规范
   政府工作,制定本规则。</p><p>第二条 会议每月召开<b>二次</b>。<br>必要时可随时召开。</p>
<!-- 第三条 注释里的不是条文 -->
<table><tr><td>第三条</td><td>表格里的条文。</td></tr></table></div>
<noscript>请启用脚本</noscript><div class="foot">打印本页 关闭窗口</div></body></html>"#;
        let text = page_text(html);
        let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(
            lines,
            [
                "首页 > 政务公开",
                "某市人民政府工作规则",
                "第一章\u{a0}总则",
                "第一条\u{3000}为了规范政府工作,制定本规则。",
                "第二条 会议每月召开二次。",
                "必要时可随时召开。",
                "第三条 表格里的条文。",
                "打印本页 关闭窗口",
            ]
        );
        assert!(!text.contains("不是条文"));
        assert!(!text.contains("请启用脚本"));
    }

    #[test]
    fn a_page_without_text_is_empty() {
        assert_eq!(
            page_text("<html><body><script>x()</script></body></html>").trim(),
            ""
        );
        assert_eq!(page_text("").trim(), "");
    }
}
