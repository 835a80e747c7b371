//! One brain for every transport: commands, chat settings (default jurisdiction),
//! follow-up questions within a conversation, and reminders requests. No transport
//! inside: Telegram and the terminal both turn their messages into [`Incoming`] and
//! send back the [`Reply`]s.

use std::sync::{Arc, LazyLock, RwLock};

use chrono::{DateTime, Duration, FixedOffset};
use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::commands::{self, Parsed};
use crate::reminders::{ReminderError, Reminders};
pub use crate::reply::{Action, Body, Button, DeadlineDay, Later, Reply};
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

static MENTION: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"@[A-Za-z0-9_]{3,64}").unwrap());
static FOLLOW_UP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(那|那么|那如果|如果是|要是|换成|还有|再问一下)|呢[??!!。.]*$|^(具体)?(是)?(哪天|哪一天|几号|什么时候)|(出发|收到|开会|发布|部署)[了的]?[??。.]*$")
        .unwrap()
});

/// The conversation: an engine, the store behind it, and the reminders.
pub struct Conversation {
    /// What answers; replaced whole when an uploaded document is ingested
    /// (read it with [`Conversation::engine`]).
    engine: RwLock<Arc<Engine>>,
    /// Where chat settings, context and reminders are kept.
    pub store: Store,
    pub reminders: Reminders,
    /// Commands are written as words here (企业微信, 钉钉: no command menu), so
    /// /help shows "城市 株洲" rather than "/city 株洲".
    pub(crate) command_words: bool,
    /// Documents uploaded from chats, waiting for confirmation.
    pub(crate) uploads: crate::upload::Uploads,
}

impl Conversation {
    /// Builds the conversation on an engine and the store that keeps user data.
    pub fn new(engine: Engine, store: Store) -> Conversation {
        let reminders = Reminders::new(store.clone(), engine.calendar.clone());
        Conversation {
            engine: RwLock::new(Arc::new(engine)),
            store,
            reminders,
            command_words: false,
            uploads: Default::default(),
        }
    }

    /// The conversation of a platform where commands are written as words
    /// (see [`commands::from_words`]): /help lists them that way.
    pub fn with_command_words(mut self) -> Conversation {
        self.command_words = true;
        self
    }

    /// The engine answering now (a later upload may replace it; this one stays
    /// whole for as long as it is held).
    pub fn engine(&self) -> Arc<Engine> {
        self.engine
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Answers from `engine` from now on (after an upload was ingested).
    pub(crate) fn replace_engine(&self, engine: Engine) {
        *self.engine.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(engine);
    }

    pub(crate) fn settings(&self, chat_id: i64) -> ChatSettings {
        self.store
            .get::<ChatSettings>(SETTINGS, format!("chat:{chat_id}").as_bytes())
            .ok()
            .flatten()
            .unwrap_or_default()
    }

    pub(crate) fn save_settings(&self, chat_id: i64, s: &ChatSettings) -> Result<(), StoreError> {
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
                    || self.answers_upload(m)
                    // A bare /cmd in a group is for us only if it is one of ours.
                    || matches!(
                        commands::parse(m.text, m.bot_username),
                        Some(Parsed::Known(..))
                    )
            }
        }
    }

    /// Handles one message; returns the replies (none when the message is not for us).
    pub fn handle(&self, m: &Incoming<'_>) -> Vec<Reply> {
        // 确认 / 取消 for an upload waiting in this chat (even unaddressed in a group).
        if let Some(reply) = self.upload_answer(m) {
            return vec![reply];
        }
        if !self.addressed(m) {
            return Vec::new();
        }
        let reply_to = match m.chat_kind {
            ChatKind::Group => m.message_id,
            ChatKind::Private => None,
        };
        match commands::parse(m.text, m.bot_username) {
            Some(Parsed::Known(spec, args)) => vec![(spec.run)(self, m, &args, reply_to)],
            Some(Parsed::Unknown(name)) => vec![Reply::plain(
                format!("不认识的命令 /{name}。发送 /help 查看可用命令。"),
                reply_to,
            )],
            None => {
                let text = strip_mentions(m.text, m.bot_username);
                vec![self.question(m, &text, reply_to)]
            }
        }
    }

    /// Answers a question, using the asker's previous question when this one is a
    /// follow-up.
    pub(crate) fn question(&self, m: &Incoming<'_>, text: &str, reply_to: Option<i64>) -> Reply {
        let text = text.trim();
        if let Some(reply) = self.maybe_reminder_request(m, text, reply_to) {
            return reply;
        }
        let settings = self.settings(m.chat_id);
        let key = Self::context_key(m.chat_id, m.user_id);
        let previous: Option<Context> = self.context(m.chat_id, m.user_id).filter(|c| {
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
                self.engine().without_places(&prev.question)
            } else {
                prev.question.clone()
            };
            asked = format!("{base} {text}");
            if named.is_none() {
                jurisdiction = prev.jurisdiction.clone().or(default.clone());
            }
        }
        let (answer, read) = self.engine().ask_explained(&Question {
            text: &asked,
            jurisdiction: jurisdiction.as_deref(),
            now: m.now,
        });
        if !matches!(answer.outcome, Outcome::Refused(_)) {
            // The place the question named, as the engine read it (not read again).
            let named = read.and_then(|(r, _)| r.jurisdictions.into_iter().next());
            let ctx = Context {
                question: asked.clone(),
                jurisdiction: named.or(jurisdiction.clone()),
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

    /// The last question a user asked in a chat, if one is stored.
    fn context(&self, chat_id: i64, user_id: i64) -> Option<Context> {
        self.store
            .get::<Context>(CONTEXT, &Self::context_key(chat_id, user_id))
            .ok()
            .flatten()
    }

    /// What a user is told about a place rulebot holds no document for.
    pub(crate) fn not_held(&self, name: &str) -> String {
        format!(
            "暂未收录“{name}”的工作规则。已收录:{}",
            self.engine().jurisdictions().join("、")
        )
    }

    /// The jurisdiction a text names, if any, as the engine reads places.
    fn named_jurisdiction(&self, text: &str) -> Option<String> {
        self.engine().named_jurisdictions(text).into_iter().next()
    }

    pub(crate) fn maybe_reminder_request(
        &self,
        m: &Incoming<'_>,
        text: &str,
        reply_to: Option<i64>,
    ) -> Option<Reply> {
        let body = crate::reminders::reminder_request(text, m.now, &self.engine().calendar)?;
        Some(self.remind(m, body, reply_to))
    }

    /// Handles a button press (its action) from a user in a chat; `admin`: the
    /// presser administers the chat (always in a private chat or the terminal).
    pub fn callback(
        &self,
        chat_id: i64,
        user_id: i64,
        user_name: Option<String>,
        admin: bool,
        action: &Action,
        now: DateTime<FixedOffset>,
    ) -> Option<Reply> {
        if let Action::Upload { confirm } = action {
            return Some(self.upload_press(chat_id, user_id, *confirm, now));
        }
        let result = match action {
            // A deadline's reminder says what falls due: the question it answered.
            Action::Deadline { date, day } => {
                let asked = self.context(chat_id, user_id).map(|c| c.question);
                self.reminders
                    .set_for_deadline(
                        chat_id,
                        user_id,
                        user_name,
                        *date,
                        *day,
                        asked.as_deref(),
                        now,
                        &self.engine().calendar,
                    )
                    .map(|r| Some(crate::reminders::confirmation(&r)))
            }
            _ => self.reminders.handle_press(
                chat_id,
                user_id,
                user_name,
                admin,
                action,
                now,
                &self.engine().calendar,
            ),
        };
        // What replaces the pressed message's buttons once the press did its work.
        let outcome = match action {
            Action::Done { .. } => "✅ 已完成",
            Action::Snooze { .. } => "⏰ 已推迟",
            Action::Deadline { .. } => "⏰ 已设提醒",
            Action::Upload { .. } => "已处理",
        };
        let settles = matches!(result, Ok(Some(_))).then(|| outcome.to_string());
        let text = match result {
            Ok(Some(t)) => t,
            Ok(None) => return None,
            Err(ReminderError::Store(e)) => {
                tracing::error!(error = %e, "a reminder button failed");
                SORRY.to_string()
            }
            Err(e) => e.to_string(),
        };
        let mut reply = Reply::plain(text, None);
        reply.settles = settles;
        Some(reply)
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

/// An answer as a reply.
pub fn render(answer: &Answer, reply_to: Option<i64>) -> Reply {
    Reply::answer(answer.clone(), reply_to)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every tree of user data is one the backup carries.
    #[test]
    fn user_data_trees_are_backed_up() {
        for tree in [SETTINGS, CONTEXT, crate::reminders::TREE] {
            assert!(rulebot_store::backup::USER_TREES.contains(&tree), "{tree}");
        }
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
