//! The chat commands, each declared once in [`TABLE`]: its name, its Chinese
//! description, whether it asks whether the sender administers the group, and
//! its handler (one file per command or family). /help, Telegram's
//! setMyCommands, parsing and the admin check all come from the table, so
//! adding a command is one entry and its handler.

mod article;
mod ask;
mod city;
mod help;
mod reminders;
mod rules;
mod upload;

use crate::conversation::{Conversation, Incoming, Reply};

/// Whether a command needs to know if the sender administers the group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdminCheck {
    /// Anyone may run it; the sender's role does not matter.
    Never,
    /// Only with an argument (`/city 株洲` changes the group's setting; `/city` shows it).
    WithArgument,
    /// Always (`/cancel` lets an admin cancel another member's reminder).
    Always,
}

/// A command's handler: the conversation, the message, the text after the
/// command, and the message to reply to (in groups).
pub type Handler = fn(&Conversation, &Incoming<'_>, &str, Option<i64>) -> Reply;

/// One chat command.
pub struct CommandSpec {
    /// Its name, without the slash (`city`).
    pub name: &'static str,
    /// What it does, in Chinese, with an example (shown by /help and setMyCommands).
    pub description: &'static str,
    /// Whether it asks whether the sender administers the group.
    pub admin: AdminCheck,
    /// The words that say it on platforms without a command menu (企业微信,
    /// 钉钉): "城市 株洲" is `/city 株洲` there (see [`from_words`]).
    pub words: &'static [&'static str],
    /// What runs it.
    pub run: Handler,
}

impl std::fmt::Debug for CommandSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CommandSpec")
            .field("name", &self.name)
            .finish()
    }
}

/// Every command, in the order /help lists them.
pub const TABLE: &[CommandSpec] = &[
    CommandSpec {
        name: "start",
        description: "开始使用规则助手",
        admin: AdminCheck::Never,
        words: &[],
        run: help::run,
    },
    CommandSpec {
        name: "help",
        description: "能回答什么,附示例问题",
        admin: AdminCheck::Never,
        words: &["帮助"],
        run: help::run,
    },
    CommandSpec {
        name: "ask",
        description: "提问:/ask 问题",
        admin: AdminCheck::Never,
        words: &["提问"],
        run: ask::run,
    },
    CommandSpec {
        name: "city",
        description: "查看或设置本聊天默认辖区:/city 株洲",
        admin: AdminCheck::WithArgument,
        words: &["城市", "辖区"],
        run: city::run,
    },
    CommandSpec {
        name: "rules",
        description: "已收录的工作规则",
        admin: AdminCheck::Never,
        words: &["规则列表"],
        run: rules::run,
    },
    CommandSpec {
        name: "article",
        description: "查看某一条:/article 株洲 44",
        admin: AdminCheck::Never,
        words: &["条文"],
        run: article::run,
    },
    CommandSpec {
        name: "remind",
        description: "设置提醒:/remind 明天上午9点 回复会签",
        admin: AdminCheck::Never,
        words: &["提醒"],
        run: reminders::remind,
    },
    CommandSpec {
        name: "reminders",
        description: "查看本聊天中我的待办提醒",
        admin: AdminCheck::Never,
        words: &["我的提醒"],
        run: reminders::list,
    },
    CommandSpec {
        name: "cancel",
        description: "取消提醒:/cancel 提醒编号",
        admin: AdminCheck::Always,
        words: &["取消提醒"],
        run: reminders::cancel,
    },
    CommandSpec {
        name: "upload",
        description: "上传规则文件:发送文件,说明写 /upload 株洲 《标题》",
        admin: AdminCheck::Always,
        words: &["上传"],
        run: upload::run,
    },
];

/// A message read as a command.
#[derive(Debug)]
pub enum Parsed {
    /// One of ours, with the text after it (trimmed).
    Known(&'static CommandSpec, String),
    /// `/name` that is not ours (lower case).
    Unknown(String),
}

/// The command of `/cmd@bot args`, or `None` when the text is not a command (or
/// is addressed to another bot).
pub fn parse(text: &str, bot_username: Option<&str>) -> Option<Parsed> {
    let t = text.trim_start();
    let rest = t.strip_prefix('/')?;
    let (head, args) = match rest.find(char::is_whitespace) {
        Some(i) => (&rest[..i], rest[i..].trim()),
        None => (rest, ""),
    };
    let (name, target) = match head.split_once('@') {
        Some((n, b)) => (n, Some(b)),
        None => (head, None),
    };
    if let (Some(target), Some(me)) = (target, bot_username)
        && !target.eq_ignore_ascii_case(me)
    {
        return None;
    }
    let name = name.to_ascii_lowercase();
    Some(match TABLE.iter().find(|c| c.name == name) {
        Some(spec) => Parsed::Known(spec, args.to_string()),
        None => Parsed::Unknown(name),
    })
}

/// A message that starts with a command's word ("帮助", "城市 株洲", "提醒
/// 明天上午9点 开会"), as the slash command it stands for; None otherwise. A
/// word counts only alone or followed by a space, so "提醒我明天…" stays a
/// sentence (read as a reminder request) and "城市规划…" a question.
pub fn from_words(text: &str) -> Option<String> {
    let t = text.trim();
    for spec in TABLE {
        for w in spec.words {
            let Some(rest) = t.strip_prefix(w) else {
                continue;
            };
            if rest.is_empty() {
                return Some(format!("/{}", spec.name));
            }
            if rest.starts_with(char::is_whitespace) {
                return Some(format!("/{} {}", spec.name, rest.trim()));
            }
        }
    }
    None
}

/// Does this message need to know whether its sender administers the group?
pub fn needs_admin(text: &str, bot_username: Option<&str>) -> bool {
    match parse(text, bot_username) {
        Some(Parsed::Known(spec, args)) => match spec.admin {
            AdminCheck::Never => false,
            AdminCheck::WithArgument => !args.is_empty(),
            AdminCheck::Always => true,
        },
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(p: Option<Parsed>) -> Option<(String, String)> {
        match p? {
            Parsed::Known(spec, args) => Some((spec.name.to_string(), args)),
            Parsed::Unknown(n) => Some((format!("?{n}"), String::new())),
        }
    }

    #[test]
    fn parses_commands() {
        assert_eq!(
            name(parse("/ask@rulebot 常务会议", Some("rulebot"))),
            Some(("ask".into(), "常务会议".into()))
        );
        assert_eq!(name(parse("/ask@otherbot 常务会议", Some("rulebot"))), None);
        assert_eq!(name(parse("/city", None)), Some(("city".into(), "".into())));
        assert_eq!(
            name(parse("/City  株洲 ", None)),
            Some(("city".into(), "株洲".into()))
        );
        assert_eq!(name(parse("/foo", None)), Some(("?foo".into(), "".into())));
        assert_eq!(name(parse("常务会议", None)), None);
    }

    /// The table is the one list of commands: every name is unique, lower case
    /// and within Telegram's rules, every description is Chinese, and /help,
    /// parsing and the admin check all read it.
    #[test]
    fn commands_come_from_the_table() {
        let names: Vec<&str> = TABLE.iter().map(|c| c.name).collect();
        assert_eq!(
            names,
            [
                "start",
                "help",
                "ask",
                "city",
                "rules",
                "article",
                "remind",
                "reminders",
                "cancel",
                "upload"
            ]
        );
        for (i, c) in TABLE.iter().enumerate() {
            assert!(!names[..i].contains(&c.name), "{} twice", c.name);
            assert!(
                (1..=32).contains(&c.name.len())
                    && c.name
                        .chars()
                        .all(|ch| ch.is_ascii_lowercase() || ch == '_'),
                "{}",
                c.name
            );
            assert!(
                c.description
                    .chars()
                    .any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch))
            );
            assert!(
                matches!(parse(&format!("/{}", c.name), None), Some(Parsed::Known(s, _)) if s.name == c.name)
            );
        }
        assert!(needs_admin("/city 株洲", None));
        assert!(!needs_admin("/city", None));
        assert!(needs_admin("/cancel 3", None));
        assert!(needs_admin("/upload 株洲 《办法》", None));
        assert!(!needs_admin("/ask 常务会议", None));
        assert!(!needs_admin("常务会议", None));
        // Words are declared once, each for one command.
        let mut seen: Vec<&str> = Vec::new();
        for c in TABLE {
            for w in c.words {
                assert!(!seen.contains(w), "{w} twice");
                seen.push(w);
                assert_eq!(from_words(w), Some(format!("/{}", c.name)));
            }
        }
    }

    #[test]
    fn words_stand_for_commands_only_alone_or_before_a_space() {
        assert_eq!(from_words("帮助"), Some("/help".into()));
        assert_eq!(from_words(" 城市  株洲 "), Some("/city 株洲".into()));
        assert_eq!(from_words("城市\u{3000}株洲"), Some("/city 株洲".into()));
        assert_eq!(
            from_words("提醒 明天上午9点 回复会签"),
            Some("/remind 明天上午9点 回复会签".into())
        );
        assert_eq!(from_words("取消提醒 3"), Some("/cancel 3".into()));
        assert_eq!(from_words("我的提醒"), Some("/reminders".into()));
        assert_eq!(from_words("条文 株洲 44"), Some("/article 株洲 44".into()));
        assert_eq!(from_words("提醒我明天上午9点交材料"), None);
        assert_eq!(from_words("城市规划委员会多久开一次会"), None);
        assert_eq!(from_words("常务会议多久开一次?"), None);
    }
}
