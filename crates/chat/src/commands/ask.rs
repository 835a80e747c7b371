//! /ask: a question, as a command (groups address rulebot this way).

use crate::conversation::{Conversation, Incoming, Reply};

pub(super) fn run(c: &Conversation, m: &Incoming<'_>, q: &str, reply_to: Option<i64>) -> Reply {
    if q.trim().is_empty() {
        return Reply::plain(
            "请在 /ask 后面写上问题,例如:/ask 常务会议多久开一次?",
            reply_to,
        );
    }
    c.question(m, q, reply_to)
}
