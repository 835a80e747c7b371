//! A Word `.docx` file → its body text, one paragraph a line, for the document
//! parser.
//!
//! A `.docx` is a zip archive; the body is `word/document.xml` (WordprocessingML).
//! Each `<w:p>` is a paragraph and ends a line; its text is the `<w:t>` runs in
//! order, `<w:tab/>` a tab and `<w:br/>` / `<w:cr/>` a line break. Deleted text
//! of tracked changes (`<w:delText>`) is not read; inserted text (`<w:ins>`) is.
//! Tables read row by row, a cell's paragraphs as lines. Headers, footers,
//! footnotes and comments live in other parts of the archive and are not read.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::Event;
use thiserror::Error;

/// Why a `.docx` file could not be read.
#[derive(Debug, Error)]
pub enum DocxError {
    /// The file is not a zip archive (not a .docx, or damaged).
    #[error("不是有效的 .docx 文件(zip 结构损坏或不是 Word 文档): {0}")]
    Zip(#[source] zip::result::ZipError),
    /// The archive holds no `word/document.xml`.
    #[error("不是有效的 .docx 文件: 缺少正文部分 word/document.xml")]
    NoBody,
    /// The body could not be read out of the archive.
    #[error("读取 .docx 正文失败: {0}")]
    Io(#[source] std::io::Error),
    /// The body's XML is malformed.
    #[error(".docx 正文的 XML 格式错误(第 {paragraph} 段附近): {message}")]
    Xml {
        /// The paragraph (1-based) reached when the XML broke.
        paragraph: usize,
        /// What the XML reader said.
        message: String,
    },
}

/// The largest body (`word/document.xml`, uncompressed) read: 64 MiB, far above
/// any rule document; a larger one is a damaged or hostile file.
const MAX_BODY: u64 = 64 << 20;

/// The text of a `.docx` file: one line per paragraph, in order.
pub fn document_text(bytes: &[u8]) -> Result<String, DocxError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(DocxError::Zip)?;
    let mut part = match archive.by_name("word/document.xml") {
        Ok(p) => p,
        Err(zip::result::ZipError::FileNotFound) => return Err(DocxError::NoBody),
        Err(e) => return Err(DocxError::Zip(e)),
    };
    let mut xml = String::new();
    part.by_ref()
        .take(MAX_BODY)
        .read_to_string(&mut xml)
        .map_err(DocxError::Io)?;
    body_text(&xml)
}

/// The text of WordprocessingML (`word/document.xml`).
pub fn body_text(xml: &str) -> Result<String, DocxError> {
    let mut reader = Reader::from_str(xml);
    let mut out = String::new();
    let mut line = String::new();
    let mut paragraphs = 0usize;
    // Inside <w:t> (text is read) and inside <w:delText> / <w:instrText> (not).
    let mut in_text = false;
    loop {
        let event = reader.read_event().map_err(|e| DocxError::Xml {
            paragraph: paragraphs + 1,
            message: e.to_string(),
        })?;
        match event {
            Event::Start(e) => match e.local_name().into_inner() {
                "t" => in_text = true,
                "tab" => line.push('\t'),
                "br" | "cr" => end_line(&mut out, &mut line),
                _ => {}
            },
            Event::Empty(e) => match e.local_name().into_inner() {
                "tab" => line.push('\t'),
                "br" | "cr" => end_line(&mut out, &mut line),
                "p" => {
                    paragraphs += 1;
                    end_line(&mut out, &mut line);
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().into_inner() {
                "t" => in_text = false,
                "p" => {
                    paragraphs += 1;
                    end_line(&mut out, &mut line);
                }
                _ => {}
            },
            Event::Text(t) if in_text => line.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text => {
                // &amp; &lt; &#x4E00; … inside a run's text.
                let resolved = r.resolve_char_ref().ok().flatten();
                match resolved {
                    Some(c) => line.push(c),
                    None => match quick_xml::escape::resolve_predefined_entity(&r) {
                        Some(s) => line.push_str(s),
                        None => {
                            return Err(DocxError::Xml {
                                paragraph: paragraphs + 1,
                                message: format!("未知的实体 &{};", &*r),
                            });
                        }
                    },
                }
            }
            Event::CData(t) if in_text => line.push_str(&t.xml10_content()),
            Event::Eof => break,
            _ => {}
        }
    }
    if !line.is_empty() {
        end_line(&mut out, &mut line);
    }
    Ok(out)
}

/// Ends a line: the paragraph's text (or an empty line for an empty paragraph,
/// which the parser reads as a paragraph break).
fn end_line(out: &mut String, line: &mut String) {
    out.push_str(line.trim_end());
    out.push('\n');
    line.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body>
<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>某市人民政府</w:t></w:r><w:r><w:t>工作规则</w:t></w:r></w:p>
<w:p/>
<w:p><w:r><w:t>第一章</w:t></w:r><w:r><w:tab/><w:t>总则</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">第一条 为了规范政府工作 &amp; 会议,</w:t></w:r><w:del><w:r><w:delText>删去的字</w:delText></w:r></w:del><w:ins><w:r><w:t>制定本规则。</w:t></w:r></w:ins></w:p>
<w:p><w:r><w:t>第二条 会议每月召开二次。</w:t><w:br/><w:t>必要时可随时召开。</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>第三条 表格里的条文。</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:sectPr/>
</w:body></w:document>"#;

    #[test]
    fn paragraphs_are_lines() {
        let text = body_text(BODY).unwrap();
        assert_eq!(
            text,
            "某市人民政府工作规则\n\n第一章\t总则\n第一条 为了规范政府工作 & 会议,制定本规则。\n\
             第二条 会议每月召开二次。\n必要时可随时召开。\n第三条 表格里的条文。\n"
        );
    }

    #[test]
    fn not_a_docx_is_a_clear_error() {
        let e = document_text(b"plain text, not a zip").unwrap_err();
        assert!(matches!(e, DocxError::Zip(_)), "{e}");
        assert!(e.to_string().contains(".docx"), "{e}");
        let e = body_text("<w:document><w:body><w:p><w:t>第一条</w:p>").unwrap_err();
        assert!(matches!(e, DocxError::Xml { .. }), "{e}");
    }

    #[test]
    fn a_zip_without_a_body_is_a_clear_error() {
        let mut buf = Vec::new();
        {
            let mut w = zip::ZipWriter::new(Cursor::new(&mut buf));
            w.start_file("word/styles.xml", zip::write::SimpleFileOptions::default())
                .unwrap();
            std::io::Write::write_all(&mut w, b"<w:styles/>").unwrap();
            w.finish().unwrap();
        }
        assert!(matches!(document_text(&buf), Err(DocxError::NoBody)));
    }
}
