//! From updates to the conversation and back: one worker per chat handles that
//! chat's updates in order (different chats run side by side); a message becomes an
//! [`Incoming`] (mention, reply-to-bot and admin flags filled), a button press goes
//! to [`Conversation::callback`](crate::conversation::Conversation::callback).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use teloxide::prelude::*;
use teloxide::types::{
    CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, MessageEntity, MessageEntityKind,
    MessageKind, ThreadId, UpdateKind,
};
use tokio::sync::mpsc;
use tokio::task::JoinSet;

use super::send::{Target, send_reply, with_retry};
use super::{App, now, scrub_err};
use crate::conversation::{ChatKind, Incoming, Reply, SORRY};
use crate::reply::Action;
use crate::rules::upload::{parse_caption, precheck};
use teloxide::net::Download;

/// A chat's worker ends after this long without updates.
const WORKER_IDLE: Duration = Duration::from_secs(600);

/// The chat an update belongs to (its ordering key).
fn chat_of(u: &Update) -> i64 {
    match &u.kind {
        UpdateKind::Message(m) => m.chat.id.0,
        UpdateKind::CallbackQuery(q) => q
            .message
            .as_ref()
            .map(|m| m.chat().id.0)
            .unwrap_or(q.from.id.0 as i64),
        _ => 0,
    }
}

/// Hands updates to per-chat workers until the channel closes, then waits for the
/// in-flight ones to finish.
pub(crate) async fn dispatch(app: Arc<App>, mut rx: mpsc::Receiver<Update>) {
    let mut workers: HashMap<i64, mpsc::UnboundedSender<Update>> = HashMap::new();
    let mut tasks = JoinSet::new();
    while let Some(u) = rx.recv().await {
        let chat = chat_of(&u);
        let mut pending = Some(u);
        if let Some(w) = workers.get(&chat) {
            match w.send(pending.take().expect("update")) {
                Ok(()) => {}
                Err(e) => pending = Some(e.0),
            }
        }
        if let Some(u) = pending {
            let (wtx, wrx) = mpsc::unbounded_channel();
            let _ = wtx.send(u);
            workers.insert(chat, wtx);
            tasks.spawn(worker(app.clone(), wrx));
        }
        while let Some(r) = tasks.try_join_next() {
            if let Err(e) = r {
                tracing::error!(error = %e, "a chat worker failed");
            }
        }
        if workers.len() > 256 {
            workers.retain(|_, w| !w.is_closed());
        }
    }
    drop(workers);
    while let Some(r) = tasks.join_next().await {
        if let Err(e) = r {
            tracing::error!(error = %e, "a chat worker failed");
        }
    }
}

async fn worker(app: Arc<App>, mut rx: mpsc::UnboundedReceiver<Update>) {
    loop {
        match tokio::time::timeout(WORKER_IDLE, rx.recv()).await {
            Ok(Some(u)) => handle_update(&app, u).await,
            Ok(None) => return,
            Err(_) => {
                // Idle: refuse new updates, finish what already arrived.
                rx.close();
                while let Ok(u) = rx.try_recv() {
                    handle_update(&app, u).await;
                }
                return;
            }
        }
    }
}

async fn handle_update(app: &App, u: Update) {
    match u.kind {
        UpdateKind::Message(m) => on_message(app, m).await,
        UpdateKind::CallbackQuery(q) => on_callback(app, q).await,
        _ => tracing::debug!(update = u.id.0, "update of another kind ignored"),
    }
}

/// The text of a UTF-16 range (entity offsets are in UTF-16 code units); None when
/// the range does not fall on character boundaries inside the text.
fn utf16_slice(text: &str, offset: usize, length: usize) -> Option<&str> {
    let end16 = offset.checked_add(length)?;
    let (mut start, mut end) = (None, None);
    let mut pos16 = 0usize;
    for (i, c) in text.char_indices() {
        if pos16 == offset {
            start = Some(i);
        }
        if pos16 == end16 {
            end = Some(i);
            break;
        }
        pos16 += c.len_utf16();
    }
    if pos16 == end16 && end.is_none() {
        end = Some(text.len());
    }
    if offset == end16 && start.is_none() && end == Some(text.len()) {
        start = end;
    }
    text.get(start?..end?)
}

/// Does the message mention the bot: an @mention entity of its username, a text
/// mention of its user, or @username written in the text?
fn mentions_bot(
    text: &str,
    entities: &[MessageEntity],
    username: Option<&str>,
    me: UserId,
) -> bool {
    let by_entity = entities.iter().any(|e| match &e.kind {
        MessageEntityKind::Mention => utf16_slice(text, e.offset, e.length)
            .and_then(|m| m.strip_prefix('@'))
            .zip(username)
            .is_some_and(|(m, u)| m.eq_ignore_ascii_case(u)),
        MessageEntityKind::TextMention { user } => user.id == me,
        _ => false,
    });
    by_entity
        || username.is_some_and(|u| {
            let needle = format!("@{}", u.to_ascii_lowercase());
            let lower = text.to_ascii_lowercase();
            lower.match_indices(&needle).any(|(i, _)| {
                // Not a prefix of a longer username.
                !lower[i + needle.len()..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
            })
        })
}

/// Commands that need to know whether the sender administers the group (the
/// command table says which).
fn needs_admin(text: &str, username: Option<&str>) -> bool {
    rulebot_chat::commands::needs_admin(text, username)
}

async fn on_message(app: &App, msg: Message) {
    let chat_id = msg.chat.id.0;
    if !app.allows(chat_id) {
        tracing::debug!(
            chat = chat_id,
            "message from a chat not on RULEBOT_ALLOWED_CHATS ignored"
        );
        return;
    }
    let kind = if msg.chat.is_private() {
        ChatKind::Private
    } else if msg.chat.is_group() || msg.chat.is_supergroup() {
        ChatKind::Group
    } else {
        return;
    };
    let from = msg.from.as_ref();
    // Other bots (but not an anonymous group administrator, who posts as the group).
    let anonymous_admin = msg
        .sender_chat
        .as_ref()
        .is_some_and(|c| c.id == msg.chat.id);
    if from.is_some_and(|u| u.is_bot) && !anonymous_admin {
        return;
    }
    let thread = if msg.is_topic_message {
        msg.thread_id
    } else {
        None
    };
    let target = Target { chat_id, thread };
    let document = msg.document();
    let (text, entities) = match (msg.text(), msg.caption()) {
        (Some(t), _) => (t, msg.entities().unwrap_or(&[])),
        (None, Some(c)) => (c, msg.caption_entities().unwrap_or(&[])),
        // A file without a caption: the upload's check asks for one.
        (None, None) if document.is_some() => ("", &[][..]),
        (None, None) => {
            if kind == ChatKind::Private && matches!(msg.kind, MessageKind::Common(_)) {
                let reply = Reply::plain("请用文字提问,例如:常务会议多久开一次?", None);
                send_reply(&app.bot, target, &reply).await;
            }
            return;
        }
    };
    let username = app.username();
    let user_id = from
        .map(|u| u.id.0 as i64)
        .or(msg.sender_chat.as_ref().map(|c| c.id.0))
        .unwrap_or(chat_id);
    // The name is for addressing the owner in a group; in a private chat a
    // reminder does not start with the user's own name (regression).
    let user_name = if anonymous_admin || kind == ChatKind::Private {
        None
    } else {
        from.map(|u| u.full_name())
    };
    let reply_to_bot = msg.reply_to_message().is_some_and(|r| {
        r.forum_topic_created().is_none() && r.from.as_ref().is_some_and(|u| u.id == app.me.user.id)
    });
    let mut incoming = Incoming {
        chat_id,
        chat_kind: kind,
        user_id,
        user_name,
        message_id: Some(msg.id.0 as i64),
        text,
        bot_username: username,
        mentions_bot: mentions_bot(text, entities, username, app.me.user.id),
        reply_to_bot,
        is_admin: kind == ChatKind::Private,
        now: now(),
    };
    if !app.conv.addressed(&incoming) {
        tracing::trace!(chat = chat_id, "group message not addressed to the bot");
        return;
    }
    if kind == ChatKind::Group && (needs_admin(text, username) || document.is_some()) {
        incoming.is_admin = anonymous_admin || is_group_admin(app, chat_id, user_id).await;
    }
    if let Some(doc) = document {
        tracing::debug!(chat = chat_id, message = msg.id.0, "an uploaded file");
        let reply = upload(app, &incoming, doc).await;
        send_reply(&app.bot, target, &reply).await;
        return;
    }
    tracing::debug!(chat = chat_id, message = msg.id.0, "answering");
    let replies = converse(app, &incoming).await;
    for reply in &replies {
        send_reply(&app.bot, target, reply).await;
    }
}

/// A file sent with a caption: the sender's permission, the file's name and
/// size and the caption are checked first, then the file is fetched (getFile and its download)
/// and handed to the conversation's upload check.
async fn upload(app: &App, m: &Incoming<'_>, doc: &teloxide::types::Document) -> Reply {
    let reply_to = m.message_id.filter(|_| m.chat_kind == ChatKind::Group);
    if let Err(refusal) = app.conv.may_upload(m) {
        return refusal;
    }
    let name = doc.file_name.clone().unwrap_or_default();
    // What can be told without the file: its name, size and caption.
    let checked = precheck(&name, doc.file.size as usize).and_then(|_| parse_caption(m.text));
    if let Err(e) = checked {
        return Reply::plain(format!("{e}\n文件未保存。"), reply_to);
    }
    let file = with_retry("getFile", 3, || {
        app.bot.get_file(doc.file.id.clone()).into_future()
    })
    .await;
    let file = match file {
        Ok(f) => f,
        Err(e) => {
            tracing::error!(error = %scrub_err(&e), "getFile failed");
            return Reply::plain(format!("{SORRY}(未能取得文件)"), reply_to);
        }
    };
    let mut bytes = Vec::new();
    if let Err(e) = app.bot.inner().download_file(&file.path, &mut bytes).await {
        tracing::error!(error = %scrub_err(&e), "downloading an uploaded file failed");
        return Reply::plain(format!("{SORRY}(未能下载文件)"), reply_to);
    }
    let conv = app.conv.clone();
    let owned = OwnedIncoming::from(m);
    match tokio::task::spawn_blocking(move || conv.upload(&owned.as_incoming(), &name, bytes)).await
    {
        Ok(r) => r,
        Err(e) => {
            tracing::error!(error = %e, "the conversation failed on an upload");
            sorry(reply_to)
        }
    }
}

/// getChatMember: is the user the group's owner or an administrator?
async fn is_group_admin(app: &App, chat_id: i64, user_id: i64) -> bool {
    if user_id <= 0 {
        return false;
    }
    let r = with_retry("getChatMember", 3, || {
        app.bot
            .get_chat_member(ChatId(chat_id), UserId(user_id as u64))
            .into_future()
    })
    .await;
    match r {
        Ok(m) => m.is_privileged(),
        Err(e) => {
            tracing::warn!(chat = chat_id, error = %scrub_err(&e), "getChatMember failed; treating as not an admin");
            false
        }
    }
}

/// Runs the conversation on a blocking thread (it reads and writes the store); a
/// panic inside becomes an apology, not a dead worker.
async fn converse(app: &App, m: &Incoming<'_>) -> Vec<Reply> {
    let conv = app.conv.clone();
    let owned = OwnedIncoming::from(m);
    let reply_to = m.message_id.filter(|_| m.chat_kind == ChatKind::Group);
    match tokio::task::spawn_blocking(move || conv.handle(&owned.as_incoming())).await {
        Ok(r) => r,
        Err(e) => {
            tracing::error!(error = %e, "the conversation failed on a message");
            vec![sorry(reply_to)]
        }
    }
}

fn sorry(reply_to: Option<i64>) -> Reply {
    Reply::plain(SORRY, reply_to)
}

/// An [`Incoming`] that owns its strings (to cross into a blocking task).
struct OwnedIncoming {
    chat_id: i64,
    chat_kind: ChatKind,
    user_id: i64,
    user_name: Option<String>,
    message_id: Option<i64>,
    text: String,
    bot_username: Option<String>,
    mentions_bot: bool,
    reply_to_bot: bool,
    is_admin: bool,
    now: chrono::DateTime<chrono::FixedOffset>,
}

impl From<&Incoming<'_>> for OwnedIncoming {
    fn from(m: &Incoming<'_>) -> OwnedIncoming {
        OwnedIncoming {
            chat_id: m.chat_id,
            chat_kind: m.chat_kind,
            user_id: m.user_id,
            user_name: m.user_name.clone(),
            message_id: m.message_id,
            text: m.text.to_string(),
            bot_username: m.bot_username.map(str::to_string),
            mentions_bot: m.mentions_bot,
            reply_to_bot: m.reply_to_bot,
            is_admin: m.is_admin,
            now: m.now,
        }
    }
}

impl OwnedIncoming {
    fn as_incoming(&self) -> Incoming<'_> {
        Incoming {
            chat_id: self.chat_id,
            chat_kind: self.chat_kind,
            user_id: self.user_id,
            user_name: self.user_name.clone(),
            message_id: self.message_id,
            text: &self.text,
            bot_username: self.bot_username.as_deref(),
            mentions_bot: self.mentions_bot,
            reply_to_bot: self.reply_to_bot,
            is_admin: self.is_admin,
            now: self.now,
        }
    }
}

async fn on_callback(app: &App, q: CallbackQuery) {
    // A chat that is not allowed gets nothing, not even the button's answer
    // (regression: answerCallbackQuery went out before the check).
    let chat_id = q.message.as_ref().map(|m| m.chat().id.0);
    if !chat_id.is_some_and(|c| app.allows(c)) {
        tracing::debug!(
            chat = ?chat_id,
            "button from a chat not on RULEBOT_ALLOWED_CHATS ignored"
        );
        return;
    }
    // Answered at once, so the button stops spinning.
    let answered = with_retry("answerCallbackQuery", 2, || {
        app.bot.answer_callback_query(q.id.clone()).into_future()
    })
    .await;
    if let Err(e) = answered {
        tracing::warn!(error = %scrub_err(&e), "answerCallbackQuery failed");
    }
    let Some(message) = &q.message else {
        return;
    };
    let chat = message.chat();
    let chat_id = chat.id.0;
    // Data rulebot never sent (or from an older version) does nothing.
    let Some(action) = q.data.as_deref().and_then(super::buttons::decode) else {
        return;
    };
    let group = !chat.is_private();
    let thread: Option<ThreadId> = message
        .regular_message()
        .filter(|m| m.is_topic_message)
        .and_then(|m| m.thread_id);
    let conv = app.conv.clone();
    let user_id = q.from.id.0 as i64;
    let user_name = group.then(|| q.from.full_name());
    let at = now();
    let reply_to = group.then(|| message.id().0 as i64);
    // In a group an administrator may end or snooze a member's reminder
    // (authorisation is the conversation's; the platform says who administers).
    let admin = !group
        || (matches!(action, Action::Done { .. } | Action::Snooze { .. })
            && is_group_admin(app, chat_id, user_id).await);
    let result = tokio::task::spawn_blocking(move || {
        conv.callback(chat_id, user_id, user_name, admin, &action, at)
    })
    .await;
    let reply = match result {
        Ok(Some(mut r)) => {
            r.reply_to = reply_to;
            r
        }
        Ok(None) => return,
        Err(e) => {
            tracing::error!(error = %e, "the conversation failed on a button");
            sorry(reply_to)
        }
    };
    // The pressed message's buttons give way to the outcome, so they cannot be
    // pressed again.
    if let Some(outcome) = &reply.settles {
        let keyboard = InlineKeyboardMarkup::new([[InlineKeyboardButton::callback(
            outcome.clone(),
            super::buttons::SETTLED,
        )]]);
        let edited = with_retry("editMessageReplyMarkup", 2, || {
            app.bot
                .edit_message_reply_markup(chat.id, message.id())
                .reply_markup(keyboard.clone())
                .into_future()
        })
        .await;
        if let Err(e) = edited {
            tracing::warn!(error = %scrub_err(&e), "editMessageReplyMarkup failed");
        }
    }
    send_reply(&app.bot, Target { chat_id, thread }, &reply).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_ranges() {
        let t = "问一下 @规则 @rule_bot 好";
        // "问一下 " is 4 UTF-16 units; "@规则 " 4 more.
        assert_eq!(utf16_slice(t, 8, 9), Some("@rule_bot"));
        assert_eq!(utf16_slice("😀@bot", 2, 4), Some("@bot"));
        assert_eq!(utf16_slice("😀@bot", 1, 4), None);
        assert_eq!(utf16_slice("abc", 2, 10), None);
        assert_eq!(utf16_slice("abc", 3, 0), Some(""));
    }

    #[test]
    fn mention_detection() {
        let me = UserId(42);
        assert!(mentions_bot(
            "@Rule_Bot 常务会议",
            &[],
            Some("rule_bot"),
            me
        ));
        assert!(!mentions_bot(
            "@rule_bot2 常务会议",
            &[],
            Some("rule_bot"),
            me
        ));
        assert!(!mentions_bot("常务会议", &[], Some("rule_bot"), me));
        let e = MessageEntity {
            kind: MessageEntityKind::Mention,
            offset: 5,
            length: 9,
        };
        assert!(mentions_bot("你好😀 @rule_bot", &[e], Some("rule_bot"), me));
    }

    #[test]
    fn admin_needed_only_to_change_things() {
        assert!(needs_admin("/city 株洲", None));
        assert!(needs_admin("/cancel 3", None));
        assert!(!needs_admin("/city", None));
        assert!(!needs_admin("/ask 常务会议", None));
    }
}
