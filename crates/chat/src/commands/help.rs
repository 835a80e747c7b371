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
        if self.command_words {
            for c in super::TABLE {
                if let Some(w) = c.words.first() {
                    let slash = format!("/{}", c.name);
                    s.push_str(&format!("{w} — {}\n", c.description.replace(&slash, w)));
                }
            }
            s.push_str(&format!(
                "\n已收录:{}。在群里请 @我 提问。",
                self.engine().jurisdictions().join("、")
            ));
            return s;
        }
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

#[cfg(test)]
mod tests {
    use crate::commands::TABLE;

    /// Every description's example names its own command, so the word form
    /// reads right ("设置提醒:提醒 明天上午9点 回复会签").
    #[test]
    fn word_forms_of_the_descriptions() {
        for c in TABLE {
            if let Some(w) = c.words.first() {
                let d = c.description.replace(&format!("/{}", c.name), w);
                assert!(!d.contains('/'), "{d}");
            }
        }
    }
}
