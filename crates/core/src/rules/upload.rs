//! A rule document uploaded from a chat, checked before anything is stored: the
//! file's format and size, the caption's place and title, and the check-mode
//! report (articles, chapters, anomalies, the first and last article). Pure: the
//! bytes and the held documents' metadata in, a report or a Chinese reason out.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;
use thiserror::Error;

use super::model::{Article, Document, DocumentMeta};
use super::parse::{SourceError, SourceFormat, parse_document, source_text};

/// The largest file accepted, in bytes (2 MB).
pub const MAX_UPLOAD_BYTES: usize = 2 * 1024 * 1024;

/// The jurisdiction of a national document.
pub const NATIONAL: &str = "全国";

/// The extensions accepted, as /help and the refusals list them.
pub const ACCEPTED: &str = ".txt、.md、.html(.htm)、.docx";

/// Why an upload cannot be taken. The Display text is for the uploader (Chinese).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum UploadError {
    /// The file's extension is not one of the formats read.
    #[error("不支持的文件格式“{name}”。请上传 {ACCEPTED} 文件。")]
    Format {
        /// The file's name as sent.
        name: String,
    },
    /// The file is larger than [`MAX_UPLOAD_BYTES`].
    #[error("文件太大({size}),上限为 2 MB。请只上传规则正文。")]
    TooLarge {
        /// Its size, as shown (e.g. `3.1 MB`).
        size: String,
    },
    /// The file holds nothing.
    #[error("文件是空的。")]
    Empty,
    /// The caption is missing or names no place.
    #[error(
        "请在文件说明中写明地区和标题,例如:株洲 《株洲市人民政府工作规则》;全国性文件写:全国 《职工带薪年休假条例》"
    )]
    NoPlace,
    /// The caption names no title.
    #[error("请在文件说明中写明标题,例如:{place} 《{place}人民政府工作规则》")]
    NoTitle {
        /// The place the caption named.
        place: String,
    },
    /// The place named is not a place name.
    #[error("“{place}”不像地名。请写已收录地区的名称或简称、新地区的全称,或“全国”。")]
    BadPlace {
        /// What the caption had where the place goes.
        place: String,
    },
    /// The title is too short or too long.
    #[error("标题“{title}”长度不对(应为 2–60 个字)。")]
    BadTitle {
        /// The title as given.
        title: String,
    },
    /// The same place already holds a document with this title.
    #[error("已收录{place}的《{title}》,不重复加入。")]
    Duplicate {
        /// The jurisdiction.
        place: String,
        /// The title.
        title: String,
    },
    /// A text file that is not UTF-8.
    #[error("文件不是 UTF-8 文本(第 {line} 行附近)。请另存为 UTF-8 编码后再上传。")]
    Encoding {
        /// The line near the first bad byte.
        line: usize,
    },
    /// A Word document that cannot be opened.
    #[error("无法读取这个 Word 文件:{0}")]
    Docx(String),
    /// The text holds no article (or cannot be read as a rule document).
    #[error("第 {at} {unit}:{message}。未能识别出条文,请检查文件内容。")]
    Parse {
        /// The line or paragraph.
        at: usize,
        /// 行 (text) or 段 (HTML, Word).
        unit: &'static str,
        /// What the parser said.
        message: String,
    },
}

/// An upload that passed the check: what would be stored, and its report.
#[derive(Debug, Clone, PartialEq)]
pub struct UploadCheck {
    /// The document's id (the stored files' stem), from its content and caption.
    pub id: String,
    /// The stored source file's name (`<id>.<ext>`).
    pub source_name: String,
    /// The metadata that would be written.
    pub meta: DocumentMeta,
    /// The document as parsed (with its anomalies).
    pub document: Document,
    /// Its articles.
    pub articles: Vec<Article>,
    /// The place is not one of the held jurisdictions (nor 全国).
    pub new_place: bool,
    /// How anomalies are located: 行 (text) or 段 (HTML, Word paragraphs).
    pub unit: &'static str,
}

static COMMAND: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(/upload(@[A-Za-z0-9_]+)?|上传)(\s+|$)").unwrap());
static MENTION: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"@[A-Za-z0-9_]{3,64}").unwrap());
static TITLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"《([^《》]*)》").unwrap());

/// The place and title a caption names: `株洲 《标题》`, `全国 标题`, `《标题》 株洲`,
/// with an optional leading `/upload` or `上传` and @mentions ignored.
pub fn parse_caption(caption: &str) -> Result<(String, String), UploadError> {
    let c = MENTION.replace_all(caption.trim(), "");
    let c = c.trim();
    let c = COMMAND.replace(c, "");
    let c = c.trim();
    let punct = |ch: char| {
        ch.is_whitespace() || ",,、::;;。.\u{3000}".contains(ch) || ch == '"' || ch == '“'
    };
    let (place, title) = match TITLE.captures(c) {
        Some(t) => {
            let whole = t.get(0).unwrap();
            let place = format!("{} {}", &c[..whole.start()], &c[whole.end()..]);
            (
                place.trim_matches(punct).to_string(),
                t[1].trim().to_string(),
            )
        }
        None => match c.split_once(char::is_whitespace) {
            Some((p, t)) => (
                p.trim_matches(punct).to_string(),
                t.trim_matches(punct).to_string(),
            ),
            None => (c.trim_matches(punct).to_string(), String::new()),
        },
    };
    if place.is_empty() {
        return Err(UploadError::NoPlace);
    }
    if title.is_empty() {
        return Err(UploadError::NoTitle { place });
    }
    Ok((place, title))
}

/// A size as people read it.
fn show_size(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// The extension a file name must have (lower case), or why it is refused.
pub fn accepted_extension(file_name: &str) -> Result<&'static str, UploadError> {
    let ext = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    Ok(match ext.as_str() {
        "txt" => "txt",
        "md" | "markdown" => "md",
        "html" | "htm" => "html",
        "docx" => "docx",
        _ => {
            return Err(UploadError::Format {
                name: file_name.to_string(),
            });
        }
    })
}

/// What can be told before the file is fetched: its format and its size.
pub fn precheck(file_name: &str, size: usize) -> Result<&'static str, UploadError> {
    let ext = accepted_extension(file_name)?;
    if size > MAX_UPLOAD_BYTES {
        return Err(UploadError::TooLarge {
            size: show_size(size),
        });
    }
    Ok(ext)
}

/// A stable 64-bit FNV-1a hash (the id of an uploaded document).
fn fnv(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for &b in *p {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The jurisdiction a place name stands for: a held one (by its name or a short
/// name, copying its names), 全国, or a new place. `true` when it is new.
fn resolve_place(place: &str, held: &[DocumentMeta]) -> Result<(DocumentMeta, bool), UploadError> {
    let blank = |jurisdiction: &str| DocumentMeta {
        jurisdiction: jurisdiction.to_string(),
        short_names: Vec::new(),
        abbreviations: Vec::new(),
        government: None,
        title: String::new(),
        doc_number: None,
        issued: None,
        source: String::new(),
        note: None,
        lost: Vec::new(),
    };
    if matches!(place, "全国" | "国家" | "中央" | "国务院") {
        return Ok((blank(NATIONAL), false));
    }
    if let Some(m) = held
        .iter()
        .find(|m| m.jurisdiction == place || m.short_names.iter().any(|s| s == place))
    {
        let mut meta = blank(&m.jurisdiction);
        if m.jurisdiction != NATIONAL {
            meta.short_names = m.short_names.clone();
            meta.abbreviations = m.abbreviations.clone();
            meta.government = m.government.clone();
        }
        return Ok((meta, false));
    }
    let n = place.chars().count();
    let cjk = place
        .chars()
        .all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    if !(2..=20).contains(&n) || !cjk {
        return Err(UploadError::BadPlace {
            place: place.to_string(),
        });
    }
    let mut meta = blank(place);
    if let Some(level) = ['市', '区', '县', '州', '盟', '旗']
        .into_iter()
        .find(|&c| place.ends_with(c))
    {
        if n > 2 {
            meta.short_names = vec![place.trim_end_matches(level).to_string()];
        }
        meta.government = Some(format!("{level}政府"));
    }
    Ok((meta, true))
}

/// Checks an upload: the file (name and bytes) and the caption naming its place
/// and title, against the documents held (`held`: their metadata). Nothing is
/// stored; the result says what would be.
pub fn check_upload(
    file_name: &str,
    bytes: &[u8],
    caption: Option<&str>,
    held: &[DocumentMeta],
) -> Result<UploadCheck, UploadError> {
    let ext = precheck(file_name, bytes.len())?;
    if bytes.is_empty() {
        return Err(UploadError::Empty);
    }
    let (place, title) = parse_caption(caption.unwrap_or(""))?;
    let n = title.chars().count();
    if !(2..=60).contains(&n) {
        return Err(UploadError::BadTitle { title });
    }
    let (mut meta, new_place) = resolve_place(&place, held)?;
    if held
        .iter()
        .any(|m| m.jurisdiction == meta.jurisdiction && m.title == title)
    {
        return Err(UploadError::Duplicate {
            place: meta.jurisdiction,
            title,
        });
    }
    let id = format!(
        "upload-{:016x}",
        fnv(&[bytes, meta.jurisdiction.as_bytes(), title.as_bytes()])
    );
    let source_name = format!("{id}.{ext}");
    meta.title = title;
    meta.source = source_name.clone();
    let format = SourceFormat::of(std::path::Path::new(&source_name));
    let unit = match format {
        SourceFormat::Text => "行",
        SourceFormat::Html | SourceFormat::Docx => "段",
    };
    let text = source_text(format, bytes.to_vec()).map_err(|e| match e {
        SourceError::Encoding { line } => UploadError::Encoding { line },
        SourceError::Docx(e) => UploadError::Docx(e.to_string()),
    })?;
    let (document, articles) = parse_document(&id, meta.clone(), &text)
        .map_err(|(at, message)| UploadError::Parse { at, unit, message })?;
    Ok(UploadCheck {
        id,
        source_name,
        meta,
        document,
        articles,
        new_place,
        unit,
    })
}

/// An article's opening words (at most `n` characters, on one line).
fn opening(a: &Article, n: usize) -> String {
    let flat: String = a.text.split('\n').collect::<Vec<_>>().join(" ");
    let mut out: String = flat.chars().take(n).collect();
    if flat.chars().count() > n {
        out.push('…');
    }
    out
}

static SECTION_SUFFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*第[一二三四五六七八九十百零〇]+节.*$").unwrap());

impl UploadCheck {
    /// The chapters, in order, without their sections.
    pub fn chapters(&self) -> Vec<String> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for a in &self.articles {
            if let Some(c) = &a.chapter {
                let c = SECTION_SUFFIX.replace(c, "").trim().to_string();
                if seen.insert(c.clone()) {
                    out.push(c);
                }
            }
        }
        out
    }

    /// The check-mode report, in Chinese (without the question that follows it).
    pub fn report(&self) -> String {
        let m = &self.meta;
        let place = if m.jurisdiction == NATIONAL {
            "全国(适用于所有地区)".to_string()
        } else if self.new_place {
            format!("{}(新地区)", m.jurisdiction)
        } else {
            m.jurisdiction.clone()
        };
        let chapters = self.chapters();
        let mut lines = vec![
            format!("文件检查:《{}》", m.title),
            format!("地区:{place}"),
            format!(
                "条文:{} 条;章:{}",
                self.articles.len(),
                if chapters.is_empty() {
                    "无".to_string()
                } else {
                    format!("{} 章", chapters.len())
                }
            ),
        ];
        if !chapters.is_empty() {
            lines.push(format!("  {}", chapters.join("、")));
        }
        if let (Some(first), Some(last)) = (self.articles.first(), self.articles.last()) {
            lines.push(format!(
                "首条:{} {}",
                first.cite_number(),
                opening(first, 30)
            ));
            lines.push(format!("末条:{} {}", last.cite_number(), opening(last, 30)));
        }
        let anomalies = &self.document.anomalies;
        if anomalies.is_empty() {
            lines.push("未发现问题。".to_string());
        } else {
            lines.push(format!("发现 {} 处问题:", anomalies.len()));
            for a in anomalies.iter().take(10) {
                lines.push(format!("· 第 {} {}:{}", a.line, self.unit, a.message));
            }
            if anomalies.len() > 10 {
                lines.push(format!("· ……另有 {} 处", anomalies.len() - 10));
            }
        }
        lines.join("\n")
    }

    /// The metadata file's text, as `data/rules/*.toml` are written.
    pub fn meta_toml(&self, origin: &str) -> String {
        let body = toml::to_string(&self.meta).unwrap_or_default();
        format!("# Metadata for {} ({origin}).\n{body}", self.source_name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn held() -> Vec<DocumentMeta> {
        vec![DocumentMeta {
            jurisdiction: "株洲市".into(),
            short_names: vec!["株洲".into()],
            abbreviations: vec!["株".into()],
            government: Some("市政府".into()),
            title: "株洲市人民政府工作规则".into(),
            doc_number: None,
            issued: None,
            source: "zhuzhou-2022.txt".into(),
            note: None,
            lost: Vec::new(),
        }]
    }

    const TEXT: &str = "株洲市人民政府公文处理办法\n第一章 总则\n第一条 为规范公文处理,制定本办法。\n第二条 会签文件应在7个工作日内回复。\n第二章 附则\n第三条 本办法自印发之日起施行。\n";

    #[test]
    fn captions_name_place_and_title() {
        let ok = |c: &str| parse_caption(c).unwrap();
        assert_eq!(
            ok("株洲 《株洲市公文办法》"),
            ("株洲".into(), "株洲市公文办法".into())
        );
        assert_eq!(
            ok("/upload 全国 职工带薪年休假条例"),
            ("全国".into(), "职工带薪年休假条例".into())
        );
        assert_eq!(
            ok("上传 《某某办法》,苏州市"),
            ("苏州市".into(), "某某办法".into())
        );
        assert_eq!(
            ok("@rulebot_test_bot 株洲:《办法》"),
            ("株洲".into(), "办法".into())
        );
        assert_eq!(parse_caption(""), Err(UploadError::NoPlace));
        assert_eq!(parse_caption("/upload"), Err(UploadError::NoPlace));
        assert_eq!(parse_caption("《办法》"), Err(UploadError::NoPlace));
        assert!(matches!(
            parse_caption("株洲"),
            Err(UploadError::NoTitle { .. })
        ));
    }

    #[test]
    fn a_good_upload_is_reported() {
        let c = check_upload(
            "办法.TXT",
            TEXT.as_bytes(),
            Some("株洲 《株洲市人民政府公文处理办法》"),
            &held(),
        )
        .unwrap();
        assert_eq!(c.meta.jurisdiction, "株洲市");
        assert_eq!(c.meta.short_names, ["株洲"]);
        assert!(!c.new_place);
        assert_eq!(c.articles.len(), 3);
        assert!(c.source_name.starts_with("upload-") && c.source_name.ends_with(".txt"));
        assert_eq!(c.meta.source, c.source_name);
        assert_eq!(c.chapters(), ["第一章 总则", "第二章 附则"]);
        let r = c.report();
        for want in [
            "《株洲市人民政府公文处理办法》",
            "地区:株洲市",
            "条文:3 条;章:2 章",
            "首条:第一条 为规范公文处理,制定本办法。",
            "末条:第三条 本办法自印发之日起施行。",
            "未发现问题",
        ] {
            assert!(r.contains(want), "{want} in {r}");
        }
        // The metadata reads back as the same metadata.
        let toml_text = c.meta_toml("uploaded");
        assert!(toml_text.starts_with("# Metadata for upload-"));
        let back: DocumentMeta = toml::from_str(&toml_text).unwrap();
        assert_eq!(back, c.meta);
        // The same file and caption give the same id.
        let again = check_upload(
            "x.txt",
            TEXT.as_bytes(),
            Some("株洲市 株洲市人民政府公文处理办法"),
            &held(),
        )
        .unwrap();
        assert_eq!(again.id, c.id);
    }

    #[test]
    fn anomalies_carry_their_line() {
        let text = "某办法\n第一条 甲。\n第二条 乙应当在";
        let c = check_upload("a.md", text.as_bytes(), Some("全国 《某办法》"), &held()).unwrap();
        assert_eq!(c.meta.jurisdiction, NATIONAL);
        assert!(c.meta.short_names.is_empty());
        let r = c.report();
        assert!(r.contains("地区:全国"), "{r}");
        assert!(
            r.contains("发现 1 处问题:\n· 第 3 行:文本在第二条中间中断"),
            "{r}"
        );
    }

    /// A Word document and a saved HTML page are read as the data folder reads
    /// them; their anomalies are located by paragraph.
    #[test]
    fn word_and_html_files_are_read() {
        let formats =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/formats");
        let docx = std::fs::read(formats.join("shuangta-2022.docx")).unwrap();
        let c = check_upload(
            "规则.docx",
            &docx,
            Some("朝阳市双塔区 《朝阳市双塔区人民政府工作规则》"),
            &held(),
        )
        .unwrap();
        assert!(c.new_place);
        assert_eq!(c.unit, "段");
        assert!(c.articles.len() > 50, "{}", c.articles.len());
        assert!(c.source_name.ends_with(".docx"));
        assert!(c.report().contains("· 第 "), "{}", c.report());
        let html = std::fs::read(formats.join("yueqing-2020.html")).unwrap();
        let c = check_upload(
            "page.htm",
            &html,
            Some("乐清市 乐清市人民政府工作规则"),
            &held(),
        )
        .unwrap();
        assert_eq!(c.articles.len(), 34);
        assert!(c.source_name.ends_with(".html"));
        assert!(c.report().contains("末条:第三十四条"), "{}", c.report());
    }

    #[test]
    fn new_places_get_names() {
        let c = check_upload(
            "a.txt",
            "苏州市人民政府工作规则\n第一条 甲。\n".as_bytes(),
            Some("苏州市 《苏州市人民政府工作规则》"),
            &held(),
        )
        .unwrap();
        assert!(c.new_place);
        assert_eq!(c.meta.short_names, ["苏州"]);
        assert_eq!(c.meta.government.as_deref(), Some("市政府"));
        assert!(c.report().contains("苏州市(新地区)"));
        assert!(matches!(
            check_upload("a.txt", b"x", Some("abc 《办法》"), &held()),
            Err(UploadError::BadPlace { .. })
        ));
    }

    #[test]
    fn refusals_are_clear() {
        let big = vec![b'a'; MAX_UPLOAD_BYTES + 1];
        let e = check_upload("a.txt", &big, Some("株洲 《办法》"), &held()).unwrap_err();
        assert_eq!(
            e,
            UploadError::TooLarge {
                size: "2.0 MB".into()
            }
        );
        assert!(e.to_string().contains("上限为 2 MB"));
        let e = check_upload("规则.pdf", b"%PDF", Some("株洲 《办法》"), &held()).unwrap_err();
        assert!(e.to_string().contains("不支持的文件格式“规则.pdf”"), "{e}");
        assert!(check_upload("noext", b"x", Some("株洲 《办法》"), &held()).is_err());
        assert_eq!(
            check_upload("a.txt", b"", Some("株洲 《办法》"), &held()),
            Err(UploadError::Empty)
        );
        assert_eq!(
            check_upload("a.txt", TEXT.as_bytes(), None, &held()),
            Err(UploadError::NoPlace)
        );
        assert_eq!(
            check_upload(
                "a.txt",
                TEXT.as_bytes(),
                Some("株洲 《株洲市人民政府工作规则》"),
                &held()
            ),
            Err(UploadError::Duplicate {
                place: "株洲市".into(),
                title: "株洲市人民政府工作规则".into()
            })
        );
        assert_eq!(
            check_upload("a.txt", b"\xff\xfe", Some("株洲 《办法》"), &held()),
            Err(UploadError::Encoding { line: 1 })
        );
        assert!(matches!(
            check_upload("a.docx", b"not a zip", Some("株洲 《办法》"), &held()),
            Err(UploadError::Docx(_))
        ));
        let e = check_upload(
            "a.txt",
            "只有一行\n".as_bytes(),
            Some("株洲 《办法》"),
            &held(),
        )
        .unwrap_err();
        assert!(
            matches!(
                e,
                UploadError::Parse {
                    at: 1,
                    unit: "行",
                    ..
                }
            ),
            "{e:?}"
        );
        assert_eq!(precheck("a.html", 10), Ok("html"));
        assert_eq!(precheck("a.HTM", 10), Ok("html"));
    }
}
