//! /article: one article in full, by jurisdiction and number (/article 株洲 44).

use rulebot_core::answer::Answer;

use crate::conversation::{Conversation, Incoming, Reply, render};

pub(super) fn run(c: &Conversation, _m: &Incoming<'_>, args: &str, reply_to: Option<i64>) -> Reply {
    c.article(args, reply_to)
}

impl Conversation {
    pub(crate) fn article(&self, args: &str, reply_to: Option<i64>) -> Reply {
        let mut parts = args.split_whitespace();
        let (Some(name), Some(num)) = (parts.next(), parts.next()) else {
            return Reply::plain("用法:/article 辖区 条号,例如 /article 株洲 44", reply_to);
        };
        let engine = self.engine();
        let n = num.trim_start_matches('第').trim_end_matches(['条', '、']);
        let Some(n) = rulebot_core::text::parse_chinese_numeral(n).filter(|n| *n > 0) else {
            return Reply::plain(
                format!("无法识别的条号“{num}”,请写成 44 或 四十四"),
                reply_to,
            );
        };
        let doc = match engine.corpus.document_for_article(name, n) {
            Ok(doc) => doc,
            Err(titles) if titles.is_empty() => return Reply::plain(self.not_held(name), reply_to),
            Err(titles) => {
                return Reply::plain(
                    rulebot_core::rules::parse::several_documents(name, n, &titles),
                    reply_to,
                );
            }
        };
        let Some((index, _)) = engine.corpus.article(&doc.id, n) else {
            return Reply::plain(
                format!(
                    "《{}》没有第{n}条(共 {} 条)",
                    doc.meta.title, doc.article_count
                ),
                reply_to,
            );
        };
        let answer = Answer::single(rulebot_core::answer::Citation::of(&engine.corpus, index));
        render(&answer, reply_to)
    }
}
