//! `ask --explain`: how a question was read, each candidate's evidence and the
//! decision, in plain text, so that a wrong answer can be diagnosed without a
//! debugger.

use std::fmt::Write as _;

use crate::engine::Engine;
use crate::rank::{Decision, Ranking};
use crate::reading::Reading;

/// The explanation of one ranking.
pub fn render(engine: &Engine, reading: &Reading, ranking: &Ranking) -> String {
    let u = &ranking.understanding;
    let p = &reading.prepared;
    let mut s = String::new();
    let _ = writeln!(s, "── 理解 ──");
    let _ = writeln!(s, "匹配文本:{}", p.canonical);
    if let Some(r) = &ranking.understanding.repaired {
        let _ = writeln!(s, "按读音纠正后检索:{r}");
    }
    let list = |v: &[String]| {
        if v.is_empty() {
            "-".to_string()
        } else {
            v.join("、")
        }
    };
    if let Some((topic, words)) = &p.aside {
        let _ = writeln!(s, "另问(不属工作规则,未读入):{words}({topic})");
    }
    let _ = writeln!(s, "问题指明的辖区:{}", list(&reading.jurisdictions));
    let _ = writeln!(s, "提问者所在地:{}", list(&reading.home));
    let _ = writeln!(s, "检索范围:{}", list(&u.scope));
    let _ = writeln!(s, "未收录的地名:{}", list(&reading.unknown_places));
    // Words no article uses: with one, the answer needs more confidence
    // (`Weights::clarify_at_unfamiliar`).
    let _ = writeln!(s, "规则中没有的词:{}", list(&u.unfamiliar));
    let _ = writeln!(
        s,
        "目的地:{}",
        reading.destination.as_deref().unwrap_or("-")
    );
    let _ = writeln!(s, "身份:{}", p.role.as_deref().unwrap_or("-"));
    let dates: Vec<String> = reading
        .dates
        .iter()
        .map(|d| {
            format!(
                "{} → {}{}",
                d.text,
                d.date,
                d.event.map(|e| format!("({e})")).unwrap_or_default()
            )
        })
        .collect();
    let _ = writeln!(s, "日期:{}", list(&dates));
    if let Some(e) = &reading.date_error {
        let _ = writeln!(s, "日期有误:{e}");
    }
    let asks: Vec<String> = reading
        .asks
        .names(&engine.intents.cues)
        .iter()
        .map(|a| a.to_string())
        .collect();
    let _ = writeln!(s, "所问:{}", list(&asks));
    if let Some(crate::intents::TopicMatch { title, words, .. }) = &p.out_of_scope {
        let _ = writeln!(s, "未收录的主题:{title}(“{words}”)");
    }
    let intents: Vec<String> = u
        .intents
        .iter()
        .map(|(id, title, score)| format!("{title}[{id}] {score:.2}"))
        .collect();
    let _ = writeln!(s, "意图:{}", list(&intents));
    let _ = writeln!(s, "── 候选 ──");
    if ranking.hits.is_empty() {
        let _ = writeln!(s, "(无)");
    }
    for (i, h) in ranking.hits.iter().enumerate() {
        let a = &engine.corpus.articles[h.article];
        let e = &h.evidence;
        let _ = writeln!(
            s,
            "{}. {} 第{}条  总分 {:.3} = 文本 {:.2} · 覆盖 {:.2} · 命中 {:.2} · 意图 {:.2}{} · 类型 {:.2}",
            i + 1,
            a.jurisdiction,
            a.number,
            h.score,
            e.text,
            e.coverage,
            e.matched,
            e.intent,
            h.intent
                .as_deref()
                .map(|i| format!("({i})"))
                .unwrap_or_default(),
            e.kind
        );
    }
    let _ = writeln!(s, "── 决定 ──");
    let decision = match &ranking.decision {
        Decision::Answer => format!("回答(其中 {} 条为各辖区的依据)", ranking.governing),
        Decision::Clarify => "请用户确认(您是不是想问)".to_string(),
        Decision::Refuse(r) => format!("拒答:{r:?}"),
        Decision::UnknownPlace(p) => format!("未收录该地:{p}"),
        Decision::ChitChat => "寒暄或问本助手".to_string(),
        Decision::Documents => "问收录了哪些规则".to_string(),
    };
    let _ = writeln!(s, "{decision};置信度 {:.2}", u.confidence);
    s
}
