//! The parser on the five real documents in data/rules.

use std::path::Path;

use rulebot::rules::parse::{Corpus, load_corpus};

fn corpus() -> Corpus {
    load_corpus(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data/rules")).unwrap()
}

fn article<'a>(c: &'a Corpus, jurisdiction: &str, n: u32) -> &'a rulebot::rules::Article {
    c.articles
        .iter()
        .find(|a| a.jurisdiction == jurisdiction && a.number == n)
        .unwrap_or_else(|| panic!("{jurisdiction} 第{n}条 missing"))
}

#[test]
fn article_counts_per_document() {
    let c = corpus();
    let count = |j: &str| c.articles.iter().filter(|a| a.jurisdiction == j).count();
    assert_eq!(count("昆山市"), 59);
    assert_eq!(count("吐鲁番市"), 68);
    assert_eq!(count("株洲市"), 50);
    assert_eq!(count("乐清市"), 34);
    assert_eq!(count("朝阳市双塔区"), 84);
    for d in &c.documents {
        let numbers: Vec<u32> = c
            .articles
            .iter()
            .filter(|a| a.doc_id == d.id)
            .map(|a| a.number)
            .collect();
        assert_eq!(
            numbers,
            (1..=numbers.len() as u32).collect::<Vec<_>>(),
            "{}",
            d.id
        );
        assert_eq!(d.article_count, numbers.len());
    }
}

#[test]
fn articles_are_quoted_exactly() {
    let c = corpus();
    assert!(
        article(&c, "株洲市", 44)
            .text
            .contains("市人民政府常务会议一般每月召开二次")
    );
    assert!(
        article(&c, "昆山市", 45)
            .text
            .starts_with("报送市政府审批的公文,应一事一文")
    );
    assert_eq!(article(&c, "昆山市", 1).label, "第一条");
    assert!(
        article(&c, "吐鲁番市", 22)
            .text
            .starts_with("市政府建立法律顾问制度")
    );
    assert_eq!(article(&c, "吐鲁番市", 68).label, "六十八、");
    assert_eq!(
        article(&c, "吐鲁番市", 68).text,
        "市政府直属机构、办事机构、直属事业单位适用本规则。"
    );
    assert!(
        article(&c, "乐清市", 8)
            .text
            .starts_with("市长离开乐清(出差、出访)期间")
    );
    assert!(
        article(&c, "朝阳市双塔区", 71)
            .text
            .contains("一般应提前2天(不含出行当日)")
    );
}

#[test]
fn chrome_is_dropped() {
    let c = corpus();
    for a in &c.articles {
        for junk in [
            "浏览量",
            "加盟电话",
            "【字体",
            "索引号",
            "精确检索",
            "昆政发〔2012〕22号",
        ] {
            assert!(
                !a.text.contains(junk),
                "{} {}: {junk}",
                a.jurisdiction,
                a.number
            );
        }
    }
    assert!(
        article(&c, "昆山市", 1)
            .text
            .starts_with("昆山市第十六届人民代表大会")
    );
    assert!(article(&c, "昆山市", 59).text.ends_with("同时废止。"));
}

#[test]
fn lost_numbers_are_recovered_in_shuangta() {
    let c = corpus();
    // "政府工作部门实行…" opens 第九条 with no number at all.
    let a9 = article(&c, "朝阳市双塔区", 9);
    assert!(a9.text.starts_with("政府工作部门实行党组"));
    assert!(a9.number_inferred);
    assert_eq!(a9.label, "");
    // "、坚持发展为第一要务" is 第十一条.
    let a11 = article(&c, "朝阳市双塔区", 11);
    assert!(a11.text.starts_with("坚持发展为第一要务"));
    assert_eq!(a11.label, "、");
    assert!(a11.number_inferred);
    // A complete printed number is not inferred.
    let a41 = article(&c, "朝阳市双塔区", 41);
    assert_eq!(a41.label, "四十一、");
    assert!(!a41.number_inferred);
    assert!(!article(&c, "朝阳市双塔区", 10).number_inferred);
    // "四十" stands for 四十三 … 四十八 here.
    let a46 = article(&c, "朝阳市双塔区", 46);
    assert_eq!(a46.label, "四十");
    assert!(a46.number_inferred);
    assert!(
        a46.text
            .contains("会议纪要原则上在会议结束后2个工作日内印发")
    );
    // The last two are both printed "八十、".
    assert_eq!(
        article(&c, "朝阳市双塔区", 84).text,
        "本规则自下发之日起执行。"
    );
    assert!(
        article(&c, "朝阳市双塔区", 83)
            .text
            .starts_with("驻区垂管部门参照执行本规则")
    );
}

#[test]
fn split_lines_are_joined_in_yueqing() {
    let c = corpus();
    assert!(
        article(&c, "乐清市", 10)
            .text
            .contains("负责处理市政府的日常工作")
    );
    // A paragraph that ends a sentence stays a paragraph of its own.
    assert!(
        article(&c, "乐清市", 11)
            .text
            .contains("负责制,由其领导本部门的工作。\n市政府组成部门主要负责人")
    );
}

#[test]
fn incomplete_text_is_flagged() {
    let c = corpus();
    let last = article(&c, "株洲市", 50);
    assert!(last.incomplete);
    assert!(last.text.ends_with("应坚持精简、高效、节"));
    assert!(!article(&c, "乐清市", 34).incomplete);
    let zz = c
        .documents
        .iter()
        .find(|d| d.meta.jurisdiction == "株洲市")
        .unwrap();
    assert!(zz.anomalies.iter().any(|a| a.message.contains("不完整")));
}

/// Every phrase the project's evaluation cases quote is in the article they name:
/// the numbering agrees with the cases, including inferred numbers.
#[test]
fn numbering_agrees_with_evaluation_cases() {
    let c = corpus();
    let cases =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/dev.jsonl"))
            .unwrap();
    let mut checked = 0;
    for line in cases.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        for acc in v["expect"]["accept"].as_array().into_iter().flatten() {
            let doc = acc["doc"].as_str().unwrap();
            let n = acc["article"].as_u64().unwrap() as u32;
            let phrase = acc["phrase"].as_str().unwrap();
            let a = article(&c, doc, n);
            assert!(a.text.contains(phrase), "{doc} 第{n}条 lacks “{phrase}”");
            checked += 1;
        }
    }
    assert!(checked > 80);
}

/// #14: a document is found by its title as well as by its place
/// (`rulebot show 株洲市人民政府工作规则 44`); a name several titles share finds none.
#[test]
fn documents_are_found_by_title() {
    let c = corpus();
    let j = |n: &str| c.document_by_name(n).map(|d| d.meta.jurisdiction.clone());
    assert_eq!(j("株洲市人民政府工作规则").as_deref(), Some("株洲市"));
    assert_eq!(j("《昆山市人民政府工作规则》").as_deref(), Some("昆山市"));
    assert_eq!(j("乐清市人民政府工作"), Some("乐清市".into()));
    assert_eq!(j("株洲").as_deref(), Some("株洲市"));
    assert_eq!(j("工作规则"), None);
    assert_eq!(j("规"), None);
}

/// #14: the same document as an HTML page saved from a browser (site chrome,
/// scripts, navigation and footer around it) and as a Word document reads into
/// the same articles, word for word, as the scraped text it was built from.
#[test]
fn html_and_docx_read_as_the_text_they_hold() {
    use rulebot::rules::parse::load_document;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (built, text) in [
        (
            "tests/data/formats/yueqing-2020.toml",
            "data/rules/yueqing-2020.toml",
        ),
        (
            "tests/data/formats/shuangta-2022.toml",
            "data/rules/shuangta-2022.toml",
        ),
    ] {
        let (doc, articles) = load_document(&root.join(built)).unwrap();
        let (want_doc, want) = load_document(&root.join(text)).unwrap();
        assert_eq!(doc.article_count, want_doc.article_count, "{built}");
        for (a, w) in articles.iter().zip(&want) {
            assert_eq!(
                (a.number, &a.label, &a.chapter, &a.text, a.incomplete),
                (w.number, &w.label, &w.chapter, &w.text, w.incomplete),
                "{built}"
            );
            assert_eq!(a.limits, w.limits, "{built} {}", a.number);
        }
        for a in &articles {
            for chrome in ["脚本写出", "打印本页", "ICP备", "首页", "\t"] {
                assert!(!a.text.contains(chrome), "{built} {}: {}", a.number, a.text);
            }
        }
    }
}

/// A file that is not what its extension says is reported with its path, in
/// Chinese, and nothing is read.
#[test]
fn a_broken_docx_is_reported_with_its_file() {
    use rulebot::rules::parse::load_document;
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("x.toml"),
        "jurisdiction = \"某市\"\ntitle = \"某市人民政府工作规则\"\nsource = \"x.docx\"\n",
    )
    .unwrap();
    std::fs::write(
        tmp.path().join("x.docx"),
        "第一条 这是文本,不是 Word 文档。\n",
    )
    .unwrap();
    let e = load_document(&tmp.path().join("x.toml"))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("x.docx") && e.contains("不是有效的 .docx 文件"),
        "{e}"
    );
    let e = load_document(&tmp.path().join("missing.toml"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("missing.toml"), "{e}");
}
