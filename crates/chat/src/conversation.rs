//! One brain for every transport: commands, chat settings (default jurisdiction),
//! follow-up questions within a conversation, and reminders requests. No transport
//! inside: Telegram and the terminal both turn their messages into [`Incoming`] and
//! send back the [`Reply`]s.

use std::sync::LazyLock;

use chrono::{DateTime, Duration, FixedOffset};
use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::reminders::{ReminderError, Reminders};
pub use crate::reply::{Button, Reply};
use rulebot_core::answer::{Answer, Outcome};
use rulebot_core::engine::{Engine, Question};
use rulebot_store::{Store, StoreError};

/// How long a follow-up refers to the previous question.
pub const FOLLOW_UP_WINDOW_MINUTES: i64 = 10;

const SETTINGS: &str = "settings";
const CONTEXT: &str = "context";

/// Private chat or group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChatKind {
    Private,
    Group,
}

/// A message as the conversation sees it.
#[derive(Debug, Clone)]
pub struct Incoming<'a> {
    pub chat_id: i64,
    pub chat_kind: ChatKind,
    pub user_id: i64,
    /// How to mention the user in a group (display name).
    pub user_name: Option<String>,
    pub message_id: Option<i64>,
    pub text: &'a str,
    /// The bot's username (without @), to recognise /cmd@bot and @bot mentions.
    pub bot_username: Option<&'a str>,
    /// The message mentions the bot (an @mention entity).
    pub mentions_bot: bool,
    /// The message replies to one of the bot's own messages.
    pub reply_to_bot: bool,
    /// The sender administers this chat (always true in a private chat or terminal).
    pub is_admin: bool,
    pub now: DateTime<FixedOffset>,
}

/// Per-chat settings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ChatSettings {
    /// The chat's default jurisdiction (full name).
    pub jurisdiction: Option<String>,
}

/// The last question a user asked in a chat.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Context {
    pub question: String,
    pub jurisdiction: Option<String>,
    /// RFC 3339
    pub at: String,
}

/// A parsed bot command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Start,
    Help,
    Ask(String),
    City(Option<String>),
    Rules,
    Article(String),
    Remind(String),
    Reminders,
    Cancel(String),
    Unknown(String),
}

/// The commands, with their Chinese descriptions (registered with setMyCommands).
pub const COMMANDS: &[(&str, &str)] = &[
    ("start", "开始使用规则助手"),
    ("help", "能回答什么,附示例问题"),
    ("ask", "提问:/ask 问题"),
    ("city", "查看或设置本聊天默认辖区:/city 株洲"),
    ("rules", "已收录的工作规则"),
    ("article", "查看某一条:/article 株洲 44"),
    ("remind", "设置提醒:/remind 明天上午9点 回复会签"),
    ("reminders", "查看本聊天中我的待办提醒"),
    ("cancel", "取消提醒:/cancel 提醒编号"),
];

/// Splits `/cmd@bot args` into a command, or None when the text is not a command
/// (or is addressed to another bot).
pub fn parse_command(text: &str, bot_username: Option<&str>) -> Option<Command> {
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
    let arg = || (!args.is_empty()).then(|| args.to_string());
    Some(match name.to_ascii_lowercase().as_str() {
        "start" => Command::Start,
        "help" => Command::Help,
        "ask" => Command::Ask(args.to_string()),
        "city" => Command::City(arg()),
        "rules" => Command::Rules,
        "article" => Command::Article(args.to_string()),
        "remind" => Command::Remind(args.to_string()),
        "reminders" => Command::Reminders,
        "cancel" => Command::Cancel(args.to_string()),
        other => Command::Unknown(other.to_string()),
    })
}

static MENTION: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"@[A-Za-z0-9_]{3,64}").unwrap());
static FOLLOW_UP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(那|那么|那如果|如果是|要是|换成|还有|再问一下)|呢[??!!。.]*$|^(具体)?(是)?(哪天|哪一天|几号|什么时候)|(出发|收到|开会|发布|部署)[了的]?[??。.]*$")
        .unwrap()
});

/// The conversation: an engine, the store behind it, and the reminders.
pub struct Conversation {
    pub engine: Engine,
    /// Where chat settings, context and reminders are kept.
    pub store: Store,
    pub reminders: Reminders,
}

impl Conversation {
    /// Builds the conversation on an engine and the store that keeps user data.
    pub fn new(engine: Engine, store: Store) -> Conversation {
        let reminders = Reminders::new(store.clone());
        Conversation {
            engine,
            store,
            reminders,
        }
    }

    fn settings(&self, chat_id: i64) -> ChatSettings {
        self.store
            .get::<ChatSettings>(SETTINGS, format!("chat:{chat_id}").as_bytes())
            .ok()
            .flatten()
            .unwrap_or_default()
    }

    fn save_settings(&self, chat_id: i64, s: &ChatSettings) -> Result<(), StoreError> {
        self.store
            .put(SETTINGS, format!("chat:{chat_id}").as_bytes(), s)
    }

    fn context_key(chat_id: i64, user_id: i64) -> Vec<u8> {
        format!("{chat_id}:{user_id}").into_bytes()
    }

    /// Should the bot answer this message at all? In a private chat, always; in a
    /// group, only commands addressed to it, mentions, and replies to it.
    pub fn addressed(&self, m: &Incoming<'_>) -> bool {
        match m.chat_kind {
            ChatKind::Private => true,
            ChatKind::Group => {
                m.mentions_bot
                    || m.reply_to_bot
                    || parse_command(m.text, m.bot_username).is_some_and(|c| {
                        // A bare /cmd in a group is for us only if it is one of ours.
                        !matches!(c, Command::Unknown(_))
                    })
            }
        }
    }

    /// Handles one message; returns the replies (none when the message is not for us).
    pub fn handle(&self, m: &Incoming<'_>) -> Vec<Reply> {
        if !self.addressed(m) {
            return Vec::new();
        }
        let reply_to = match m.chat_kind {
            ChatKind::Group => m.message_id,
            ChatKind::Private => None,
        };
        match parse_command(m.text, m.bot_username) {
            Some(cmd) => self.command(m, cmd, reply_to),
            None => {
                let text = strip_mentions(m.text, m.bot_username);
                vec![self.question(m, &text, reply_to)]
            }
        }
    }

    fn command(&self, m: &Incoming<'_>, cmd: Command, reply_to: Option<i64>) -> Vec<Reply> {
        let reply = match cmd {
            Command::Start | Command::Help => Reply::plain(self.help_text(), reply_to),
            Command::Ask(q) if q.trim().is_empty() => Reply::plain(
                "请在 /ask 后面写上问题,例如:/ask 常务会议多久开一次?",
                reply_to,
            ),
            Command::Ask(q) => self.question(m, &q, reply_to),
            Command::City(None) => {
                let s = self.settings(m.chat_id);
                let current = s
                    .jurisdiction
                    .map(|j| format!("本聊天的默认辖区:{j}"))
                    .unwrap_or_else(|| {
                        "本聊天尚未设置默认辖区(问题中未写明地方时,按所有已收录的辖区回答)".into()
                    });
                Reply::plain(
                    format!(
                        "{current}\n已收录:{}\n设置:/city 株洲;清除:/city 清除",
                        self.engine.jurisdictions().join("、")
                    ),
                    reply_to,
                )
            }
            Command::City(Some(name)) => self.set_city(m, &name, reply_to),
            Command::Rules => {
                let mut lines = vec!["已收录的工作规则:".to_string()];
                for d in &self.engine.corpus.documents {
                    lines.push(format!(
                        "· {}《{}》{}{},{} 条{}",
                        d.meta.jurisdiction,
                        d.meta.title,
                        d.meta.doc_number.as_deref().unwrap_or(""),
                        d.meta
                            .issued
                            .map(|i| format!("({})", i.format("%Y年%-m月%-d日")))
                            .unwrap_or_default(),
                        d.article_count,
                        d.meta
                            .note
                            .as_deref()
                            .map(|n| format!("。注:{n}"))
                            .unwrap_or_default()
                    ));
                }
                Reply::plain(lines.join("\n"), reply_to)
            }
            Command::Article(args) => self.article(&args, reply_to),
            Command::Remind(args) => self.remind(m, &args, reply_to),
            Command::Reminders => self.list_reminders(m, reply_to),
            Command::Cancel(id) => self.cancel(m, &id, reply_to),
            Command::Unknown(name) => Reply::plain(
                format!("不认识的命令 /{name}。发送 /help 查看可用命令。"),
                reply_to,
            ),
        };
        vec![reply]
    }

    fn help_text(&self) -> String {
        let mut s = String::from(
            "我是规则助手,可以查询政府工作规则的条文(附出处),并按国务院放假安排计算办理时限。\n\n可以这样问:\n· 常务会议多久开一次?\n· 会签文件今天收到,最晚哪天回复?\n· 我们局长下周三去北京出差,要提前几天报备?\n· 规范性文件发布后多少天内备案?\n\n命令:\n",
        );
        for (c, d) in COMMANDS {
            s.push_str(&format!("/{c} — {d}\n"));
        }
        s.push_str(&format!(
            "\n已收录:{}。在群里请 @我、回复我的消息或用 /ask 提问。",
            self.engine.jurisdictions().join("、")
        ));
        s
    }

    fn set_city(&self, m: &Incoming<'_>, name: &str, reply_to: Option<i64>) -> Reply {
        if m.chat_kind == ChatKind::Group && !m.is_admin {
            return Reply::plain("只有群管理员可以设置本群的默认辖区。", reply_to);
        }
        let name = name.trim();
        let mut s = self.settings(m.chat_id);
        if matches!(name, "清除" | "取消" | "无" | "none" | "-") {
            s.jurisdiction = None;
        } else {
            match self.engine.resolve_jurisdiction(name) {
                Some(j) => s.jurisdiction = Some(j),
                None => {
                    return Reply::plain(
                        format!(
                            "暂未收录“{name}”的工作规则。已收录:{}",
                            self.engine.jurisdictions().join("、")
                        ),
                        reply_to,
                    );
                }
            }
        }
        match self.save_settings(m.chat_id, &s) {
            Ok(()) => Reply::plain(
                match &s.jurisdiction {
                    Some(j) => format!("已将本聊天的默认辖区设为:{j}"),
                    None => "已清除本聊天的默认辖区".into(),
                },
                reply_to,
            ),
            Err(e) => {
                tracing::error!(error = %e, "saving chat settings failed");
                Reply::plain(SORRY, reply_to)
            }
        }
    }

    fn article(&self, args: &str, reply_to: Option<i64>) -> Reply {
        let mut parts = args.split_whitespace();
        let (Some(name), Some(num)) = (parts.next(), parts.next()) else {
            return Reply::plain("用法:/article 辖区 条号,例如 /article 株洲 44", reply_to);
        };
        let Some(doc) = self.engine.corpus.document_by_name(name) else {
            return Reply::plain(
                format!(
                    "暂未收录“{name}”的工作规则。已收录:{}",
                    self.engine.jurisdictions().join("、")
                ),
                reply_to,
            );
        };
        let n = num.trim_start_matches('第').trim_end_matches(['条', '、']);
        let Some(n) = rulebot_core::text::parse_chinese_numeral(n).filter(|n| *n > 0) else {
            return Reply::plain(
                format!("无法识别的条号“{num}”,请写成 44 或 四十四"),
                reply_to,
            );
        };
        let Some((index, _)) = self.engine.corpus.article(&doc.id, n) else {
            return Reply::plain(
                format!(
                    "《{}》没有第{n}条(共 {} 条)",
                    doc.meta.title, doc.article_count
                ),
                reply_to,
            );
        };
        let answer = Answer::single(rulebot_core::answer::Citation::of(
            &self.engine.corpus,
            index,
        ));
        render(&answer, reply_to)
    }

    /// Answers a question, using the asker's previous question when this one is a
    /// follow-up.
    fn question(&self, m: &Incoming<'_>, text: &str, reply_to: Option<i64>) -> Reply {
        let text = text.trim();
        if let Some(reply) = self.maybe_reminder_request(m, text, reply_to) {
            return reply;
        }
        let settings = self.settings(m.chat_id);
        let key = Self::context_key(m.chat_id, m.user_id);
        let previous: Option<Context> = self
            .store
            .get::<Context>(CONTEXT, &key)
            .ok()
            .flatten()
            .filter(|c| {
                DateTime::parse_from_rfc3339(&c.at).is_ok_and(|at| {
                    m.now.signed_duration_since(at) <= Duration::minutes(FOLLOW_UP_WINDOW_MINUTES)
                        && m.now >= at
                })
            });
        let default = settings.jurisdiction.clone();
        let mut asked = text.to_string();
        let mut jurisdiction = default.clone();
        if let Some(prev) = &previous
            && is_follow_up(text)
        {
            let named = self.named_jurisdiction(text);
            let base = if named.is_some() {
                self.strip_jurisdictions(&prev.question)
            } else {
                prev.question.clone()
            };
            asked = format!("{base} {text}");
            if named.is_none() {
                jurisdiction = prev.jurisdiction.clone().or(default.clone());
            }
        }
        let answer = self.engine.ask(&Question {
            text: &asked,
            jurisdiction: jurisdiction.as_deref(),
            now: m.now,
        });
        if !matches!(answer.outcome, Outcome::Refused(_)) {
            let ctx = Context {
                question: asked.clone(),
                jurisdiction: self.named_jurisdiction(&asked).or(jurisdiction.clone()),
                at: m.now.to_rfc3339(),
            };
            if let Err(e) = self.store.put_lazy(CONTEXT, &key, &ctx) {
                tracing::warn!(error = %e, "saving conversation context failed");
            }
        }
        let mut reply = render(&answer, reply_to);
        if let Some(d) = &answer.deadline {
            reply.buttons = crate::reminders::deadline_buttons(&d.date);
        }
        reply
    }

    /// The jurisdiction a text names, if any (full or short name).
    fn named_jurisdiction(&self, text: &str) -> Option<String> {
        let norm = rulebot_core::text::normalize(text);
        self.engine.corpus.documents.iter().find_map(|d| {
            std::iter::once(&d.meta.jurisdiction)
                .chain(d.meta.short_names.iter())
                .any(|n| norm.contains(n.as_str()))
                .then(|| d.meta.jurisdiction.clone())
        })
    }

    fn strip_jurisdictions(&self, text: &str) -> String {
        let mut names: Vec<&String> = self
            .engine
            .corpus
            .documents
            .iter()
            .flat_map(|d| std::iter::once(&d.meta.jurisdiction).chain(d.meta.short_names.iter()))
            .collect();
        names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
        let mut out = text.to_string();
        for n in names {
            out = out.replace(n.as_str(), "");
        }
        out
    }

    fn maybe_reminder_request(
        &self,
        m: &Incoming<'_>,
        text: &str,
        reply_to: Option<i64>,
    ) -> Option<Reply> {
        let body = crate::reminders::reminder_request(text)?;
        Some(self.remind(m, body, reply_to))
    }

    fn remind(&self, m: &Incoming<'_>, args: &str, reply_to: Option<i64>) -> Reply {
        match self.reminders.create_from_text(
            m.chat_id,
            m.user_id,
            m.user_name.clone(),
            args,
            m.now,
            &self.engine.calendar,
        ) {
            Ok(r) => Reply::plain(crate::reminders::confirmation(&r), reply_to),
            Err(ReminderError::Store(e)) => {
                tracing::error!(error = %e, "saving a reminder failed");
                Reply::plain(SORRY, reply_to)
            }
            Err(e) => Reply::plain(e.to_string(), reply_to),
        }
    }

    fn list_reminders(&self, m: &Incoming<'_>, reply_to: Option<i64>) -> Reply {
        match self.reminders.pending_for(m.chat_id, m.user_id) {
            Ok(list) if list.is_empty() => Reply::plain("您在本聊天中没有待办的提醒。", reply_to),
            Ok(list) => {
                let mut s = String::from("您的待办提醒:\n");
                for r in list {
                    s.push_str(&format!("{}\n", crate::reminders::summary(&r)));
                }
                s.push_str("取消:/cancel 编号");
                Reply::plain(s, reply_to)
            }
            Err(e) => {
                tracing::error!(error = %e, "listing reminders failed");
                Reply::plain(SORRY, reply_to)
            }
        }
    }

    fn cancel(&self, m: &Incoming<'_>, id: &str, reply_to: Option<i64>) -> Reply {
        let id = id.trim().trim_start_matches('#');
        if id.is_empty() {
            return Reply::plain("用法:/cancel 提醒编号(用 /reminders 查看编号)", reply_to);
        }
        let admin = m.chat_kind == ChatKind::Group && m.is_admin;
        match self.reminders.cancel(m.chat_id, m.user_id, id, admin) {
            Ok(r) => Reply::plain(format!("已取消提醒 #{}:{}", r.id, r.text), reply_to),
            Err(ReminderError::Store(e)) => {
                tracing::error!(error = %e, "cancelling a reminder failed");
                Reply::plain(SORRY, reply_to)
            }
            Err(e) => Reply::plain(e.to_string(), reply_to),
        }
    }

    /// Handles a button press (callback data) from a user in a chat.
    pub fn callback(
        &self,
        chat_id: i64,
        user_id: i64,
        user_name: Option<String>,
        data: &str,
        now: DateTime<FixedOffset>,
    ) -> Option<Reply> {
        let text = match self
            .reminders
            .handle_callback(chat_id, user_id, user_name, data, now)
        {
            Ok(Some(t)) => t,
            Ok(None) => return None,
            Err(ReminderError::Store(e)) => {
                tracing::error!(error = %e, "a reminder button failed");
                SORRY.to_string()
            }
            Err(e) => e.to_string(),
        };
        Some(Reply::plain(text, None))
    }
}

/// What the user sees when something inside went wrong.
pub const SORRY: &str = "抱歉,处理时出了点问题,请稍后再试。";

/// Is this short message a follow-up to the previous question?
pub fn is_follow_up(text: &str) -> bool {
    let t = text.trim();
    t.chars().count() <= 30 && FOLLOW_UP.is_match(t)
}

/// Removes @mentions of the bot (and leading addressing) from a question.
pub fn strip_mentions(text: &str, bot_username: Option<&str>) -> String {
    let out = MENTION.replace_all(text, |c: &regex::Captures<'_>| {
        let m = &c[0][1..];
        if bot_username.is_none_or(|b| b.eq_ignore_ascii_case(m)) {
            String::new()
        } else {
            c[0].to_string()
        }
    });
    out.trim().to_string()
}

/// Renders an answer as a reply (plain and HTML).
pub fn render(answer: &Answer, reply_to: Option<i64>) -> Reply {
    Reply {
        text: answer.to_text(),
        html: answer.to_html(),
        buttons: Vec::new(),
        reply_to,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_commands() {
        assert_eq!(
            parse_command("/ask@rulebot 常务会议", Some("rulebot")),
            Some(Command::Ask("常务会议".into()))
        );
        assert_eq!(parse_command("/ask@other 常务会议", Some("rulebot")), None);
        assert_eq!(parse_command("/city", None), Some(Command::City(None)));
        assert_eq!(
            parse_command("/city 株洲", None),
            Some(Command::City(Some("株洲".into())))
        );
        assert_eq!(parse_command("常务会议", None), None);
        assert_eq!(
            parse_command("/foo", None),
            Some(Command::Unknown("foo".into()))
        );
    }

    /// Regression: a long plain reply (help, rules, refusals) must still fit Telegram.
    #[test]
    fn long_plain_replies_are_split() {
        let text = "规则&<>,".repeat(2000);
        let r = Reply::plain(text.clone(), None);
        assert!(r.html.len() > 1);
        assert!(
            r.html
                .iter()
                .all(|m| m.chars().count() <= rulebot_core::answer::TELEGRAM_LIMIT)
        );
        assert_eq!(r.text, text);
    }

    #[test]
    fn recognises_follow_ups() {
        assert!(is_follow_up("那株洲呢?"));
        assert!(is_follow_up("副市长呢"));
        assert!(is_follow_up("具体哪天?我们12月1日出发"));
        assert!(!is_follow_up("株洲市政府常务会议多久开一次?"));
    }

    #[test]
    fn strips_bot_mentions_only() {
        assert_eq!(
            strip_mentions("@rulebot 常务会议", Some("rulebot")),
            "常务会议"
        );
        assert_eq!(
            strip_mentions("@someone 常务会议", Some("rulebot")),
            "@someone 常务会议"
        );
    }
}
