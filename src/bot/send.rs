//! Sending: replies as Telegram HTML with an inline keyboard, retried on network
//! errors and 5xx (429s are waited out by the throttle, and here too if one gets
//! through); the error classification shared with the reminder [`Notifier`].

use std::future::Future;
use std::time::Duration;

use teloxide::RequestError;
use teloxide::errors::ApiError;
use teloxide::prelude::*;
use teloxide::types::{
    InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, MessageId, ParseMode,
    ReplyParameters, ThreadId,
};

use super::{TgBot, scrub, scrub_err};
use crate::conversation::{Body, Button, Reply};
use crate::reminders::{Mention, Notifier, SendError};

/// How many times a network error or 5xx is retried before a message is given up.
const MAX_TEMPORARY_RETRIES: u32 = 6;
/// How many 429s in a row are waited out for one message.
const MAX_RETRY_AFTER: u32 = 30;

/// Maps a teloxide error onto the reminder scheduler's kinds: 429 → RetryAfter,
/// 403 (blocked, kicked, deactivated) → Blocked, network trouble and 5xx →
/// Temporary, anything else → Permanent. The texts are scrubbed of the token.
pub fn classify(e: &RequestError) -> SendError {
    match e {
        RequestError::RetryAfter(s) => SendError::RetryAfter(s.seconds().into()),
        RequestError::Network(_) | RequestError::InvalidJson { .. } | RequestError::Io(_) => {
            SendError::Temporary(scrub_err(e))
        }
        RequestError::Api(api) => match api {
            ApiError::BotBlocked
            | ApiError::BotKicked
            | ApiError::BotKickedFromSupergroup
            | ApiError::BotKickedFromChannel
            | ApiError::UserDeactivated
            | ApiError::CantInitiateConversation
            | ApiError::CantTalkWithBots => SendError::Blocked,
            ApiError::Unknown(text) => {
                let t = text.to_ascii_lowercase();
                if t.starts_with("forbidden") {
                    SendError::Blocked
                } else if t.contains("internal server error")
                    || t.contains("bad gateway")
                    || t.contains("service unavailable")
                    || t.contains("gateway timeout")
                    || t.starts_with("5")
                    || t.contains("too many requests")
                {
                    SendError::Temporary(scrub_err(e))
                } else {
                    SendError::Permanent(scrub_err(e))
                }
            }
            _ => SendError::Permanent(scrub_err(e)),
        },
        RequestError::MigrateToChatId(_) => SendError::Permanent(scrub_err(e)),
    }
}

/// Backoff before retry number `attempt` (1-based), by the one retry policy.
pub(crate) fn backoff(attempt: u32) -> Duration {
    rulebot_chat::retry::REQUESTS.delay(attempt)
}

/// Runs a request, waiting out 429s and retrying network errors and 5xx with
/// backoff (at most `max_temporary` times).
pub(crate) async fn with_retry<T, F, Fut>(
    what: &str,
    max_temporary: u32,
    mut f: F,
) -> Result<T, RequestError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, RequestError>>,
{
    let mut temporary = 0;
    let mut limited = 0;
    loop {
        let e = match f().await {
            Ok(v) => return Ok(v),
            Err(e) => e,
        };
        match classify(&e) {
            SendError::RetryAfter(s) if limited < MAX_RETRY_AFTER => {
                limited += 1;
                tracing::warn!(method = what, retry_after = s, "rate limited; waiting");
                tokio::time::sleep(Duration::from_secs(s.max(1))).await;
            }
            SendError::Temporary(text) if temporary < max_temporary => {
                temporary += 1;
                let wait = backoff(temporary);
                tracing::warn!(
                    method = what,
                    attempt = temporary,
                    wait_ms = wait.as_millis() as u64,
                    error = %text,
                    "request failed; retrying"
                );
                tokio::time::sleep(wait).await;
            }
            _ => return Err(e),
        }
    }
}

/// The inline keyboard for buttons, two to a row.
pub(crate) fn keyboard(buttons: &[Button]) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(buttons.chunks(2).map(|row| {
        row.iter()
            .map(|b| {
                InlineKeyboardButton::callback(b.label.clone(), super::buttons::encode(&b.action))
            })
            .collect::<Vec<_>>()
    }))
}

fn no_preview() -> LinkPreviewOptions {
    LinkPreviewOptions {
        is_disabled: true,
        url: None,
        prefer_small_media: false,
        prefer_large_media: false,
        show_above_text: false,
    }
}

/// Where a reply goes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Target {
    pub chat_id: i64,
    /// The forum topic of the message answered.
    pub thread: Option<ThreadId>,
}

/// A reply as Telegram HTML, split into messages under Telegram's limit.
pub(crate) fn html(reply: &Reply) -> Vec<String> {
    use super::render::{TELEGRAM_LIMIT, answer_html, escape_html, pack_html, split_escaped};
    match &reply.body {
        Body::Text(text) => pack_html(
            &split_escaped(text, TELEGRAM_LIMIT)
                .iter()
                .map(|p| escape_html(p))
                .collect::<Vec<_>>(),
            TELEGRAM_LIMIT,
        ),
        Body::Answer(answer) => answer_html(answer),
    }
}

/// Sends one reply: its HTML messages in order (each replying to the asker's message
/// when `reply_to` is set), the buttons under the last one. If Telegram cannot parse
/// the HTML, the plain text is sent instead.
pub(crate) async fn send_reply(bot: &TgBot, to: Target, reply: &Reply) {
    let pieces = html(reply);
    let n = pieces.len();
    for (i, piece) in pieces.iter().enumerate() {
        let last = i + 1 == n;
        let r = with_retry("sendMessage", MAX_TEMPORARY_RETRIES, || {
            let req = message(bot, to, reply, piece, last).parse_mode(ParseMode::Html);
            async move { req.await }
        })
        .await;
        match r {
            Ok(_) => {}
            Err(RequestError::Api(ApiError::CantParseEntities(why))) => {
                tracing::error!(chat = to.chat_id, error = %scrub(why), "Telegram could not parse our HTML; sending plain text");
                send_plain(bot, to, reply).await;
                return;
            }
            Err(e) => {
                log_failure(to.chat_id, &e);
                return;
            }
        }
    }
}

/// One message of a reply: to its chat (and topic), replying to the asker, with
/// the buttons under the last piece.
fn message(
    bot: &TgBot,
    to: Target,
    reply: &Reply,
    piece: &str,
    last: bool,
) -> <TgBot as Requester>::SendMessage {
    let mut req = bot
        .send_message(ChatId(to.chat_id), piece.to_string())
        .link_preview_options(no_preview());
    if let Some(id) = reply.reply_to {
        req = req.reply_parameters(
            ReplyParameters::new(MessageId(id as i32)).allow_sending_without_reply(),
        );
    }
    if let Some(t) = to.thread {
        req = req.message_thread_id(t);
    }
    if last && !reply.buttons.is_empty() {
        req = req.reply_markup(keyboard(&reply.buttons));
    }
    req
}

/// The plain-text fallback of a reply.
async fn send_plain(bot: &TgBot, to: Target, reply: &Reply) {
    let pieces = crate::answer::split_text(&reply.text(), super::render::TELEGRAM_LIMIT - 96);
    let n = pieces.len();
    for (i, piece) in pieces.iter().enumerate() {
        let last = i + 1 == n;
        let r = with_retry("sendMessage", MAX_TEMPORARY_RETRIES, || {
            let req = message(bot, to, reply, piece, last);
            async move { req.await }
        })
        .await;
        if let Err(e) = r {
            log_failure(to.chat_id, &e);
            return;
        }
    }
}

fn log_failure(chat_id: i64, e: &RequestError) {
    match classify(e) {
        SendError::Blocked => {
            tracing::info!(
                chat = chat_id,
                "the chat blocked or removed the bot; reply dropped"
            )
        }
        other => tracing::error!(chat = chat_id, error = %other, "reply could not be sent"),
    }
}

/// Delivers reminders to Telegram chats (plain text, snooze buttons).
#[derive(Clone)]
pub struct TelegramNotifier {
    bot: TgBot,
}

impl TelegramNotifier {
    pub(crate) fn new(bot: TgBot) -> TelegramNotifier {
        TelegramNotifier { bot }
    }
}

impl Notifier for TelegramNotifier {
    fn send(
        &self,
        chat_id: i64,
        mention: Option<&Mention>,
        text: &str,
        buttons: &[Button],
    ) -> impl Future<Output = Result<(), SendError>> + Send {
        let mut req = self
            .bot
            .send_message(ChatId(chat_id), delivery_html(mention, text))
            .parse_mode(ParseMode::Html)
            .link_preview_options(no_preview());
        if !buttons.is_empty() {
            req = req.reply_markup(keyboard(buttons));
        }
        async move {
            match req.await {
                Ok(_) => Ok(()),
                Err(e) => Err(classify(&e)),
            }
        }
    }
}

/// A delivered reminder as Telegram HTML: in a group it starts with a text
/// mention of its owner (by user id, so they are notified even without a
/// username).
pub fn delivery_html(mention: Option<&Mention>, text: &str) -> String {
    let text = super::render::escape_html(text);
    match mention {
        Some(m) => format!(
            "<a href=\"tg://user?id={}\">{}</a> {text}",
            m.user_id,
            super::render::escape_html(&m.name)
        ),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_delivery_mentions_its_owner_by_id() {
        let m = Mention {
            user_id: 42,
            name: "张<三>".into(),
        };
        assert_eq!(
            delivery_html(Some(&m), "⏰ 提醒:交<材料>"),
            "<a href=\"tg://user?id=42\">张&lt;三&gt;</a> ⏰ 提醒:交&lt;材料&gt;"
        );
        assert_eq!(delivery_html(None, "⏰ 提醒:开会"), "⏰ 提醒:开会");
    }

    #[test]
    fn classifies_errors() {
        assert_eq!(
            classify(&RequestError::RetryAfter(
                teloxide::types::Seconds::from_seconds(7)
            )),
            SendError::RetryAfter(7)
        );
        assert_eq!(
            classify(&RequestError::Api(ApiError::BotBlocked)),
            SendError::Blocked
        );
        assert_eq!(
            classify(&RequestError::Api(ApiError::Unknown(
                "Forbidden: something new".into()
            ))),
            SendError::Blocked
        );
        assert!(matches!(
            classify(&RequestError::Api(ApiError::Unknown(
                "Internal Server Error".into()
            ))),
            SendError::Temporary(_)
        ));
        assert!(matches!(
            classify(&RequestError::Api(ApiError::ChatNotFound)),
            SendError::Permanent(_)
        ));
    }

    #[test]
    fn keyboard_has_two_buttons_a_row() {
        let b: Vec<Button> = (0..3)
            .map(|i| Button {
                label: format!("b{i}"),
                action: crate::conversation::Action::Done { id: i.to_string() },
            })
            .collect();
        let k = keyboard(&b);
        assert_eq!(k.inline_keyboard.len(), 2);
        assert_eq!(k.inline_keyboard[0].len(), 2);
    }

    #[test]
    fn long_plain_replies_are_split_under_the_limit() {
        let text = "规则&<>,".repeat(2000);
        let pieces = html(&Reply::plain(text, None));
        assert!(pieces.len() > 1);
        assert!(
            pieces
                .iter()
                .all(|m| m.chars().count() <= crate::bot::render::TELEGRAM_LIMIT)
        );
        assert!(pieces.concat().contains("&amp;&lt;&gt;"));
    }
}
