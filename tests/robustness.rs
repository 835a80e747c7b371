//! Property tests: arbitrary bytes and arbitrary Chinese text never panic the
//! rule-document parser, the question path, or the date and time parsers.

use std::path::Path;
use std::sync::OnceLock;

use proptest::prelude::*;
use rulebot::engine::{Engine, Question};
use rulebot::rules::DocumentMeta;
use rulebot::store::Paths;

fn engine() -> &'static Engine {
    static E: OnceLock<(tempfile::TempDir, Engine)> = OnceLock::new();
    &E.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let e = rulebot::store::open_engine(&Paths {
            db: tmp.path().join("store"),
            data: root.join("data"),
            intents: root.join("intents"),
        })
        .unwrap();
        (tmp, e)
    })
    .1
}

fn meta() -> DocumentMeta {
    DocumentMeta {
        jurisdiction: "测试市".into(),
        short_names: vec![],
        abbreviations: vec![],
        government: None,
        title: "测试市人民政府工作规则".into(),
        doc_number: None,
        issued: None,
        source: "t.txt".into(),
        note: None,
        lost: Vec::new(),
    }
}

/// Text made of the pieces rule pages and questions are made of.
fn chinese_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "第",
        "条",
        "章",
        "一",
        "二",
        "十",
        "四十",
        "、",
        "(",
        ")",
        "(一)",
        "\n",
        "\n\n",
        " ",
        "市政府",
        "常务会议",
        "会签",
        "工作日",
        "提前2天",
        "7个工作日内",
        "2月30日",
        "明天",
        "下周三",
        "月底",
        "节后第一天",
        "@bot",
        "/ask",
        "<b>",
        "&",
        "'; DROP TABLE",
        "👍",
        "。",
        ",",
        "?",
        "测试市人民政府工作规则",
        "株洲",
        "双塔",
        "苏州",
        "12/1",
        "2026-12-01",
        "每周一上午9点",
        "30分钟后",
        "\u{3000}",
        "１２３",
        "會簽",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn parser_never_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = rulebot::rules::parse::parse_document("t", meta(), &text);
    }

    #[test]
    fn parser_never_panics_on_rule_like_text(text in chinese_text()) {
        if let Ok((doc, arts)) = rulebot::rules::parse::parse_document("t", meta(), &text) {
            prop_assert_eq!(doc.article_count, arts.len());
            for (i, a) in arts.iter().enumerate() {
                prop_assert_eq!(a.number as usize, i + 1);
                for l in &a.limits {
                    prop_assert_eq!(&a.text[l.offset..l.offset + l.span.len()], l.span.as_str());
                }
            }
        }
    }

    #[test]
    fn questions_never_panic(text in chinese_text(), any_text in ".{0,200}") {
        let now = rulebot::eval::parse_now(Some("2026-11-26T10:00:00+08:00")).unwrap();
        for q in [text.as_str(), any_text.as_str()] {
            let a = engine().ask(&Question { text: q, jurisdiction: None, now });
            let _ = a.to_text();
            let html = rulebot::bot::render::answer_html(&a);
            for m in html {
                prop_assert!(m.chars().count() <= rulebot::bot::render::TELEGRAM_LIMIT);
            }
        }
    }

    #[test]
    fn date_parsers_never_panic(text in chinese_text(), any_text in ".{0,200}") {
        let now = rulebot::eval::parse_now(Some("2026-11-26T10:00:00+08:00")).unwrap();
        let cal = &engine().calendar;
        for q in [text.as_str(), any_text.as_str()] {
            let _ = rulebot::when::find_dates(q, now, cal);
            let _ = rulebot::when::parse_moment_with(q, now, cal);
        }
    }
}

#[test]
fn odd_questions_are_answered_or_refused() {
    let now = rulebot::eval::parse_now(Some("2026-11-26T10:00:00+08:00")).unwrap();
    let long = "常务会议多久开一次".repeat(1100);
    for q in [
        "👍👍👍",
        "?!。,,,",
        long.as_str(),
        "SELECT * FROM articles; DROP TABLE x;--",
        "<script>alert(1)</script> 常务会议",
        "常务会议 meeting 多久 once",
    ] {
        let a = engine().ask(&Question {
            text: q,
            jurisdiction: None,
            now,
        });
        assert!(!a.to_text().is_empty(), "{q}");
    }
}
