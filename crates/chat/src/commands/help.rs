//! /start and /help: what rulebot answers, example questions, the commands.

use crate::conversation::{Conversation, Incoming, Reply};

pub(super) fn run(
    c: &Conversation,
    _m: &Incoming<'_>,
    _args: &str,
    reply_to: Option<i64>,
) -> Reply {
    Reply::plain(c.help_text(), reply_to)
}

impl Conversation {
    pub(crate) fn help_text(&self) -> String {
        let mut s = String::from(
            "我是规则助手,可以查询政府工作规则的条文(附出处),并按国务院放假安排计算办理时限。\n\n可以这样问:\n· 常务会议多久开一次?\n· 会签文件今天收到,最晚哪天回复?\n· 我们局长下周三去北京出差,要提前几天报备?\n· 规范性文件发布后多少天内备案?\n\n命令:\n",
        );
        for c in super::TABLE {
            s.push_str(&format!("/{} — {}\n", c.name, c.description));
        }
        s.push_str(&format!(
            "\n已收录:{}。在群里请 @我、回复我的消息或用 /ask 提问。",
            self.engine().jurisdictions().join("、")
        ));
        s
    }
}
