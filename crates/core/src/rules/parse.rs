//! Scraped page → articles: drops the web page chrome, finds chapters, articles and
//! items, joins lines split inside an article, and recovers lost article numbers
//! from the sequence. Pure functions; the text of every article is kept as the
//! source has it.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;
use thiserror::Error;

use super::model::{Anomaly, Article, Document, DocumentMeta};
use crate::text::{chinese_numeral, parse_chinese_numeral};

/// Why a document could not be read.
#[derive(Debug, Error)]
pub enum ParseError {
    /// A file could not be read.
    #[error("无法读取 {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the file system said.
        source: std::io::Error,
    },
    /// A metadata TOML file is malformed.
    #[error("{path}: 元数据格式错误: {message}")]
    Meta {
        /// The metadata file.
        path: PathBuf,
        /// What is wrong, with the TOML parser's line and column.
        message: String,
    },
    /// A line of a document's text could not be read as the format says.
    #[error("{path}:{line}: {message}")]
    Text {
        /// The text file.
        path: PathBuf,
        /// The line (1-based).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A paragraph of an HTML page or a Word document could not be read as a
    /// rule document (the paragraph is counted in the text the reader sees).
    #[error("{path}: 第 {paragraph} 段: {message}")]
    Block {
        /// The source file.
        path: PathBuf,
        /// The paragraph (1-based) of the page's or document's text.
        paragraph: usize,
        /// What is wrong.
        message: String,
    },
    /// A Word document that cannot be opened.
    #[error("{path}: {source}")]
    Docx {
        /// The .docx file.
        path: PathBuf,
        /// What is wrong with it.
        #[source]
        source: super::docx::DocxError,
    },
    /// A text file is not UTF-8.
    #[error("{path}: 不是有效的 UTF-8 文本(第 {line} 行附近)")]
    Encoding {
        /// The text file.
        path: PathBuf,
        /// The line near the first bad byte.
        line: usize,
    },
    /// The folder holds no document.
    #[error("{dir}: 没有找到任何规则文档(*.toml 元数据及其文本)")]
    Empty {
        /// The folder.
        dir: PathBuf,
    },
}

/// Every document of a data folder, parsed.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub documents: Vec<Document>,
    /// All articles, document by document, in order.
    pub articles: Vec<Article>,
    /// What ranking reads of each article's own text, kept when first read
    /// (the articles are not changed once the corpus is read).
    pub facts: crate::rank::FactsMemo,
}

impl Corpus {
    /// What ranking reads of article `i`'s own text, read once and kept.
    pub fn facts(&self, i: usize) -> std::borrow::Cow<'_, crate::rank::ArticleFacts> {
        self.facts.get(&self.articles, i)
    }

    /// The document with this id.
    pub fn document(&self, doc_id: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == doc_id)
    }

    /// Finds a document by its jurisdiction's full or short name, its id, or its title.
    pub fn document_by_name(&self, name: &str) -> Option<&Document> {
        let name = name.trim();
        let by_place = self.documents.iter().find(|d| {
            d.meta.jurisdiction == name
                || d.id == name
                || d.meta.short_names.iter().any(|s| s == name)
        });
        if by_place.is_some() {
            return by_place;
        }
        // A document by its title (政府信息公开条例 33, 《职工带薪年休假条例》): the
        // exact title, else the one document whose title contains the name.
        let title = name.trim_start_matches('《').trim_end_matches('》');
        if title.chars().count() < 2 {
            return None;
        }
        if let Some(d) = self.documents.iter().find(|d| d.meta.title == title) {
            return Some(d);
        }
        let mut containing = self
            .documents
            .iter()
            .filter(|d| d.meta.title.contains(title));
        match (containing.next(), containing.next()) {
            (Some(d), None) => Some(d),
            _ => None,
        }
    }

    /// The document a name picks for showing its article `number` (rulebot show,
    /// /article): a title picks its document; a place with several documents
    /// (工作规则, 办法, 细则) picks the one that has that article. `Err` holds the
    /// titles among which the name does not decide (empty: no document by that
    /// name).
    pub fn document_for_article(&self, name: &str, number: u32) -> Result<&Document, Vec<String>> {
        let name = name.trim();
        let by_place = |d: &&Document| {
            d.meta.jurisdiction == name
                || d.id == name
                || d.meta.short_names.iter().any(|s| s == name)
        };
        let Some(place) = self.documents.iter().find(by_place) else {
            // Not a place: a title, or nothing.
            return self.document_by_name(name).ok_or_else(Vec::new);
        };
        let of_place: Vec<&Document> = self
            .documents
            .iter()
            .filter(|d| d.meta.jurisdiction == place.meta.jurisdiction)
            .collect();
        let having: Vec<&Document> = of_place
            .iter()
            .copied()
            .filter(|d| self.article(&d.id, number).is_some())
            .collect();
        match having.as_slice() {
            [one] => Ok(one),
            [] => Ok(place),
            several => Err(several.iter().map(|d| d.meta.title.clone()).collect()),
        }
    }

    /// The article of a document with this number.
    pub fn article(&self, doc_id: &str, number: u32) -> Option<(usize, &Article)> {
        self.articles
            .iter()
            .enumerate()
            .find(|(_, a)| a.doc_id == doc_id && a.number == number)
    }
}

/// What to say when a place's several documents all have the article asked for.
pub fn several_documents(name: &str, number: u32, titles: &[String]) -> String {
    let listed: Vec<String> = titles.iter().map(|t| format!("《{t}》")).collect();
    format!(
        "“{name}”有多份文件都有第{number}条:{}。请写明文件名,例如:{} {number}",
        listed.join("、"),
        titles.first().map(String::as_str).unwrap_or_default()
    )
}

/// Reads every `*.toml` metadata file in `dir` and the text file it names.
/// Documents come in the order of their file names.
pub fn load_corpus(dir: &Path) -> Result<Corpus, ParseError> {
    let entries = fs::read_dir(dir).map_err(|source| ParseError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut metas: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    metas.sort();
    if metas.is_empty() {
        return Err(ParseError::Empty {
            dir: dir.to_path_buf(),
        });
    }
    let mut corpus = Corpus::default();
    for meta_path in metas {
        let (doc, articles) = load_document(&meta_path)?;
        corpus.documents.push(doc);
        corpus.articles.extend(articles);
    }
    Ok(corpus)
}

/// Reads one metadata file and the page it names.
pub fn load_document(meta_path: &Path) -> Result<(Document, Vec<Article>), ParseError> {
    let raw = fs::read_to_string(meta_path).map_err(|source| ParseError::Io {
        path: meta_path.to_path_buf(),
        source,
    })?;
    let meta: DocumentMeta = toml::from_str(&raw).map_err(|e| ParseError::Meta {
        path: meta_path.to_path_buf(),
        message: e.to_string(),
    })?;
    let id = meta_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text_path = meta_path.with_file_name(&meta.source);
    let bytes = fs::read(&text_path).map_err(|source| ParseError::Io {
        path: text_path.clone(),
        source,
    })?;
    let format = SourceFormat::of(&text_path);
    let text = source_text(format, bytes).map_err(|e| match e {
        SourceError::Encoding { line } => ParseError::Encoding {
            path: text_path.clone(),
            line,
        },
        SourceError::Docx(source) => ParseError::Docx {
            path: text_path.clone(),
            source,
        },
    })?;
    parse_document(&id, meta, &text).map_err(|(line, message)| match format {
        SourceFormat::Text => ParseError::Text {
            path: text_path,
            line,
            message,
        },
        SourceFormat::Html | SourceFormat::Docx => ParseError::Block {
            path: text_path,
            paragraph: line,
            message,
        },
    })
}

/// The formats a document's source file may have, told by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFormat {
    /// Plain text: a page as scraped (`.txt`), or markdown as law collections
    /// publish it (`.md`); any extension not listed below.
    Text,
    /// An HTML page saved from a browser (`.html`, `.htm`).
    Html,
    /// A Word document (`.docx`).
    Docx,
}

impl SourceFormat {
    /// The format of a source file, by its extension.
    pub fn of(path: &Path) -> SourceFormat {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "html" | "htm" | "xhtml" => SourceFormat::Html,
            "docx" => SourceFormat::Docx,
            _ => SourceFormat::Text,
        }
    }
}

/// Why a source file's bytes are not text.
#[derive(Debug)]
pub enum SourceError {
    /// Not UTF-8 near this line.
    Encoding {
        /// The line (1-based) of the first bad byte.
        line: usize,
    },
    /// A .docx that cannot be read.
    Docx(super::docx::DocxError),
}

/// A source file's bytes as the text the parser reads: UTF-8 text as it is, an
/// HTML page's body text, a Word document's paragraphs.
pub fn source_text(format: SourceFormat, bytes: Vec<u8>) -> Result<String, SourceError> {
    let utf8 = |bytes: Vec<u8>| {
        String::from_utf8(bytes).map_err(|e| {
            let upto = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            SourceError::Encoding {
                line: upto.iter().filter(|&&b| b == b'\n').count() + 1,
            }
        })
    };
    match format {
        SourceFormat::Text => utf8(bytes),
        SourceFormat::Html => Ok(super::html::page_text(&utf8(bytes)?)),
        SourceFormat::Docx => super::docx::document_text(&bytes).map_err(SourceError::Docx),
    }
}

static CHAPTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^第[一二三四五六七八九十百零〇]+章").unwrap());
static SECTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^第[一二三四五六七八九十百零〇]+节([\s\u{3000}]|$)").unwrap());
static ARTICLE_A: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(第([一二三四五六七八九十百零〇]+)条)[\s\u{3000}]*").unwrap());
static ARTICLE_B_FULL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(([一二三四五六七八九十百零〇]+)、)[\s\u{3000}]*").unwrap());
static ARTICLE_B_DUN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(、)[\s\u{3000}]*").unwrap());
static ARTICLE_B_BARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(([一二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九]百[零一二三四五六七八九十]*))[^、一二三四五六七八九十百零〇]").unwrap()
});
static CHAPTER_SHORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[一二三四五六七八九十]+、[^。;\x{FF1B},\x{FF0C}:\x{FF1A}]{0,16}$").unwrap()
});
static ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([(\x{FF08}][一二三四五六七八九十]+[)\x{FF09}]|\d+[.\x{FF0E}、]|[①②③④⑤⑥⑦⑧⑨⑩])")
        .unwrap()
});
static DOC_NUMBER_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\S{0,12}〔\d{4}〕\d+号$").unwrap());
static TRAILING_CHROME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(【|打印本页|关闭窗口|分享到|扫一扫|责任编辑|来源[:\x{FF1A}]|上一篇|下一篇|相关链接|发布日期[:\x{FF1A}]|发布时间[:\x{FF1A}]|浏览量|浏览次数|加盟电话|索引号|精确检索|开始检索|朗读$|•|主办(单位)?[:\x{FF1A}]|承办(单位)?[:\x{FF1A}]|版权所有|网站标识码|联系我们$)|(浏览量|浏览次数)[:\x{FF1A}]?$|【字体|ICP备\d|公网安备").unwrap()
});

/// How a paragraph opens.
#[derive(Debug, Clone, PartialEq)]
enum Marker {
    /// 第X条 or X、 with the numeral as printed.
    Full(String),
    /// A numeral with no 、 (the source lost characters), e.g. 二十政府…
    Bare(String),
    /// A lone 、 (the number was lost).
    Dun,
    /// (一), 1. …: an item inside an article.
    Item,
    /// Plain text.
    None,
}

#[derive(Debug, Clone)]
struct Paragraph {
    line: usize,
    marker: Marker,
    /// The label as printed.
    label: String,
    /// Text after the label.
    body: String,
    /// The first paragraph after a chapter heading (or the body's start).
    opens_chapter: bool,
    chapter: Option<String>,
}

fn trim_line(s: &str) -> &str {
    s.trim_matches(|c: char| {
        c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}' || c == '\u{feff}'
    })
}

/// A line as markdown publishes it, read as text: `#` heading marks and `**`
/// around a whole line dropped, a `<!-- … -->` marker line empty (public law
/// collections write `# 标题`, `## 第一章 总则`, `<!-- INFO END -->`).
fn unmark(l: &str) -> &str {
    if l.starts_with("<!--") && l.ends_with("-->") {
        return "";
    }
    let l = if l.starts_with('#') {
        trim_line(l.trim_start_matches('#'))
    } else {
        l
    };
    match l.strip_prefix("**").and_then(|x| x.strip_suffix("**")) {
        Some(inner) if !inner.contains("**") => trim_line(inner),
        _ => l,
    }
}

fn ends_open(s: &str) -> bool {
    match s.chars().last() {
        None => false,
        Some(c) => !matches!(
            c,
            '。' | ';'
                | '\u{FF1B}'
                | ':'
                | '\u{FF1A}'
                | '!'
                | '\u{FF01}'
                | '?'
                | '\u{FF1F}'
                | '”'
                | '"'
                | ')'
                | '\u{FF09}'
                | '》'
        ),
    }
}

/// Parses one page. Errors carry the source line and a message.
pub fn parse_document(
    id: &str,
    meta: DocumentMeta,
    text: &str,
) -> Result<(Document, Vec<Article>), (usize, String)> {
    let lines: Vec<&str> = text.lines().map(trim_line).map(unmark).collect();
    let mut anomalies = Vec::new();

    // Style: 第X条 articles, or X、 articles.
    let count_a = lines.iter().filter(|l| ARTICLE_A.is_match(l)).count();
    let count_b = lines.iter().filter(|l| ARTICLE_B_FULL.is_match(l)).count();
    let style_a = count_a > 0 && count_a >= count_b;
    let has_chapters = lines.iter().any(|l| CHAPTER.is_match(l));
    let is_chapter =
        |l: &str| CHAPTER.is_match(l) || (style_a && !has_chapters && CHAPTER_SHORT.is_match(l));
    let marker_of = |l: &str| -> (Marker, String, String) {
        if style_a {
            if let Some(c) = ARTICLE_A.captures(l) {
                let whole = c.get(0).unwrap();
                return (
                    Marker::Full(c[2].to_string()),
                    c[1].to_string(),
                    l[whole.end()..].to_string(),
                );
            }
        } else {
            if let Some(c) = ARTICLE_B_FULL.captures(l) {
                let whole = c.get(0).unwrap();
                return (
                    Marker::Full(c[2].to_string()),
                    c[1].to_string(),
                    l[whole.end()..].to_string(),
                );
            }
            if let Some(c) = ARTICLE_B_DUN.captures(l) {
                let whole = c.get(0).unwrap();
                return (Marker::Dun, c[1].to_string(), l[whole.end()..].to_string());
            }
            if let Some(c) = ARTICLE_B_BARE.captures(l) {
                let numeral = c.get(1).unwrap();
                return (
                    Marker::Bare(numeral.as_str().to_string()),
                    numeral.as_str().to_string(),
                    l[numeral.end()..].to_string(),
                );
            }
        }
        if ITEM.is_match(l) {
            return (Marker::Item, String::new(), l.to_string());
        }
        (Marker::None, String::new(), l.to_string())
    };
    let starts_body = |i: usize| {
        lines[i + 1..]
            .iter()
            .filter(|l| !l.is_empty())
            .take(3)
            .any(|l| is_chapter(l) || !matches!(marker_of(l).0, Marker::None | Marker::Item))
    };

    // The body starts after the last standalone title line that is followed by articles.
    let title = meta.title.replace(char::is_whitespace, "");
    let body_start = lines
        .iter()
        .enumerate()
        .filter(|(i, l)| l.replace(char::is_whitespace, "") == title && starts_body(*i))
        .map(|(i, _)| i + 1)
        .next_back();
    let body_start = match body_start {
        Some(i) => i,
        None => {
            let first = lines
                .iter()
                .position(|l| is_chapter(l) || matches!(marker_of(l).0, Marker::Full(_)))
                .ok_or((1, "找不到标题或任何条文".to_string()))?;
            anomalies.push(Anomaly {
                line: first + 1,
                message: format!(
                    "未找到独立成行的标题“{}”,从第一个章节或条文处开始读取",
                    meta.title
                ),
            });
            first
        }
    };

    // Paragraphs: a line that does not open anything and follows a line left open
    // (no closing punctuation) is the rest of that line, split by the page.
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let mut chapter: Option<String> = None;
    // The chapter alone, without the section within it.
    let mut chapter_only: Option<String> = None;
    let mut opens_chapter = true;
    let mut prev_blank = false;
    let mut trailing_from: Option<usize> = None;
    for (i, line) in lines.iter().enumerate().skip(body_start) {
        if line.is_empty() {
            prev_blank = true;
            continue;
        }
        if DOC_NUMBER_LINE.is_match(line) || TRAILING_CHROME.is_match(line) {
            trailing_from.get_or_insert(i);
            anomalies.push(Anomaly {
                line: i + 1,
                message: format!("跳过页面附属内容“{line}”"),
            });
            continue;
        }
        if is_chapter(line) {
            chapter = Some(line.split_whitespace().collect::<Vec<_>>().join(" "));
            chapter_only = chapter.clone();
            opens_chapter = true;
            prev_blank = false;
            continue;
        }
        // A section (第一节 …) belongs to its chapter: "第二章 职责 第一节 会议".
        if SECTION.is_match(line) {
            let section = line.split_whitespace().collect::<Vec<_>>().join(" ");
            chapter = Some(match &chapter_only {
                Some(c) => format!("{c} {section}"),
                None => section,
            });
            prev_blank = false;
            continue;
        }
        let (marker, label, body) = marker_of(line);
        if marker == Marker::None
            && !prev_blank
            && let Some(last) = paragraphs.last_mut()
            && ends_open(&last.body)
        {
            last.body.push_str(line);
            continue;
        }
        paragraphs.push(Paragraph {
            line: i + 1,
            marker,
            label,
            body,
            opens_chapter,
            chapter: chapter.clone(),
        });
        opens_chapter = false;
        prev_blank = false;
    }
    if paragraphs.is_empty() {
        return Err((body_start + 1, "标题之后没有任何条文".into()));
    }

    let starts = assign_numbers(&paragraphs);

    // Build the articles.
    let mut articles: Vec<Article> = Vec::new();
    for (p, start) in paragraphs.iter().zip(&starts) {
        match start {
            Some(number) => {
                let inferred = match &p.marker {
                    Marker::Full(n) => parse_chinese_numeral(n) != Some(*number),
                    _ => true,
                };
                if inferred {
                    let how = match &p.marker {
                        Marker::Full(n) | Marker::Bare(n) if !n.is_empty() => {
                            format!("条号残缺(印作“{}”)", p.label.trim())
                        }
                        Marker::Dun => "条号缺失(仅存“、”)".into(),
                        _ => "条号缺失".into(),
                    };
                    anomalies.push(Anomaly {
                        line: p.line,
                        message: format!(
                            "{how},据上下文推定为{}",
                            if style_a {
                                format!("第{}条", chinese_numeral(*number))
                            } else {
                                format!("{}、", chinese_numeral(*number))
                            }
                        ),
                    });
                }
                articles.push(Article {
                    doc_id: id.to_string(),
                    jurisdiction: meta.jurisdiction.clone(),
                    number: *number,
                    label: p.label.clone(),
                    chapter: p.chapter.clone(),
                    text: p.body.clone(),
                    number_inferred: inferred,
                    incomplete: false,
                    line: p.line,
                    limits: Vec::new(),
                });
            }
            None => {
                let article = articles
                    .last_mut()
                    .expect("the first paragraph opens an article");
                article.text.push('\n');
                if p.marker == Marker::Item || matches!(p.marker, Marker::Full(_) | Marker::Bare(_))
                {
                    // Items and ignored markers keep their label as printed.
                    if matches!(p.marker, Marker::Full(_) | Marker::Bare(_)) {
                        article.text.push_str(&p.label);
                    }
                }
                article.text.push_str(&p.body);
            }
        }
    }
    if let Some(last) = articles.last_mut()
        && ends_open(&last.text)
    {
        last.incomplete = true;
        anomalies.push(Anomaly {
            line: last.line,
            message: format!(
                "文本在第{}条中间中断,该条不完整",
                chinese_numeral(last.number)
            ),
        });
    }
    for a in &mut articles {
        a.limits = crate::rules::limits::extract(&a.text);
    }
    anomalies.sort_by_key(|a| a.line);
    let doc = Document {
        id: id.to_string(),
        meta,
        article_count: articles.len(),
        anomalies,
    };
    Ok((doc, articles))
}

/// Is the printed numeral `printed` what is left of `numeral` after the page lost
/// characters? Same first character, and the rest a subsequence.
fn numeral_fits(printed: &str, number: u32) -> bool {
    let full = chinese_numeral(number);
    let mut want = printed.chars();
    let mut have = full.chars();
    if want.next() != have.next() {
        return false;
    }
    want.all(|c| have.by_ref().any(|h| h == c))
}

const INF: u32 = u32::MAX / 4;

/// Decides which paragraphs open an article and numbers them 1, 2, 3 … so that
/// every printed (possibly partial) number fits, with as few articles as possible
/// whose number is missing altogether; ties go to the earliest paragraph.
fn assign_numbers(paragraphs: &[Paragraph]) -> Vec<Option<u32>> {
    let n = paragraphs.len();
    // cost of opening article `k` (1-based) at paragraph p, and of continuing.
    // An exact printed number costs nothing, a partial one (characters lost) a
    // little, and an article whose number is lost altogether more.
    let open_cost = |p: &Paragraph, k: u32| -> u32 {
        match &p.marker {
            Marker::Full(s) | Marker::Bare(s) if parse_chinese_numeral(s) == Some(k) => 0,
            Marker::Full(s) | Marker::Bare(s) if numeral_fits(s, k) => 1,
            Marker::Full(_) | Marker::Bare(_) => 100,
            Marker::Dun => 1,
            Marker::None => 3,
            Marker::Item => INF,
        }
    };
    let continue_cost = |p: &Paragraph| -> u32 {
        let base = match &p.marker {
            Marker::Full(_) | Marker::Dun => 100,
            Marker::Bare(_) => 4,
            Marker::None | Marker::Item => 0,
        };
        base + if p.opens_chapter { 10 } else { 0 }
    };
    // best[i][k]: least cost for paragraphs i.. given k articles opened before i.
    let width = n + 1;
    let mut best = vec![INF; (n + 1) * width];
    for k in 0..=n {
        best[n * width + k] = 0;
    }
    for i in (0..n).rev() {
        let p = &paragraphs[i];
        for k in 0..=i {
            let open = open_cost(p, k as u32 + 1).saturating_add(best[(i + 1) * width + k + 1]);
            let cont = if k == 0 {
                INF
            } else {
                continue_cost(p).saturating_add(best[(i + 1) * width + k])
            };
            best[i * width + k] = open.min(cont);
        }
    }
    let mut out = Vec::with_capacity(n);
    let mut k = 0usize;
    for i in 0..n {
        let p = &paragraphs[i];
        let open = open_cost(p, k as u32 + 1).saturating_add(best[(i + 1) * width + k + 1]);
        let cont = if k == 0 {
            INF
        } else {
            continue_cost(p).saturating_add(best[(i + 1) * width + k])
        };
        if open <= cont {
            k += 1;
            out.push(Some(k as u32));
        } else {
            out.push(None);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(title: &str) -> DocumentMeta {
        DocumentMeta {
            jurisdiction: "测试市".into(),
            short_names: vec![],
            abbreviations: vec![],
            government: None,
            title: title.into(),
            doc_number: None,
            issued: None,
            source: "x.txt".into(),
            note: None,
            lost: Vec::new(),
        }
    }

    #[test]
    fn partial_numbers_fit() {
        assert!(numeral_fits("四十", 43));
        assert!(numeral_fits("四十", 40));
        assert!(numeral_fits("七十", 71));
        assert!(!numeral_fits("四十", 53));
        assert!(!numeral_fits("十", 21));
        assert!(numeral_fits("十九", 19));
    }

    #[test]
    fn recovers_lost_numbers_from_sequence() {
        let text = "某规则\n第一章 总则\n一、甲。\n二、乙。\n丙开头的条文。\n接着的段落。\n四、丁。\n、戊。\n";
        let (doc, arts) = parse_document("t", meta("某规则"), text).unwrap();
        assert_eq!(doc.article_count, 5);
        assert_eq!(arts[2].number, 3);
        assert!(arts[2].number_inferred);
        assert_eq!(arts[2].text, "丙开头的条文。\n接着的段落。");
        assert_eq!(arts[4].number, 5);
        assert!(arts[4].number_inferred);
        assert_eq!(arts[4].text, "戊。");
    }

    #[test]
    fn joins_split_lines_and_flags_incomplete_end() {
        let text = "页面\n某规则\n第一条 市政府办公室主任负责处理市政府\n的日常工作。\n第二条 应坚持精简、高效、节";
        let (doc, arts) = parse_document("t", meta("某规则"), text).unwrap();
        assert_eq!(arts[0].text, "市政府办公室主任负责处理市政府的日常工作。");
        assert!(arts[1].incomplete);
        assert!(doc.anomalies.iter().any(|a| a.line == 5));
    }

    #[test]
    fn no_articles_is_an_error() {
        assert!(parse_document("t", meta("某规则"), "只有一行\n").is_err());
    }

    /// #14: markdown as public law collections publish it: `#` title, `##`
    /// chapters, `<!-- … -->` markers, sections (第X节) within chapters.
    #[test]
    fn markdown_chapters_sections_and_markers() {
        let text = "# 中华人民共和国政府信息公开条例\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n第一条 为了保障公民依法获取政府信息,制定本条例。\n\n## 第四章 依申请公开\n\n### 第一节 申请\n\n第二条 行政机关收到政府信息公开申请,能够当场答复的,应当当场予以答复。\n\n第三条 **申请人**可以委托代理人。\n";
        let (doc, arts) =
            parse_document("t", meta("中华人民共和国政府信息公开条例"), text).unwrap();
        assert_eq!(doc.article_count, 3, "{arts:?}");
        assert_eq!(arts[0].chapter.as_deref(), Some("第一章 总则"));
        assert_eq!(arts[1].number, 2);
        assert!(!arts[1].number_inferred);
        assert_eq!(
            arts[1].chapter.as_deref(),
            Some("第四章 依申请公开 第一节 申请")
        );
        // The heading line is not glued into the article before it.
        assert!(!arts[0].text.contains("依申请公开"), "{}", arts[0].text);
        assert!(!arts.iter().any(|a| a.text.contains("INFO END")));
    }
}
