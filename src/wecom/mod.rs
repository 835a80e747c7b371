//! The 企业微信 (WeCom) transport (`rulebot serve --platform wecom`): a
//! self-built application in callback mode. GET `/wecom` answers the URL
//! verification; POST `/wecom` takes encrypted message callbacks — signature,
//! timestamp window, message id and receive id checked before anything is
//! read, an empty 200 at once, the answer worked out on the chat's lane and
//! sent through the message API ([`api`]) as markdown. Private messages are
//! questions; a message from a group chat (one carrying `ChatId`) is answered
//! only when it @mentions the bot, to the group through `appchat/send`.
//! Reminders are delivered by [`WecomNotifier`] to the member or group they
//! were set in, found through the stored id mapping ([`crate::peers`]).
//! Buttons are numbered choices in the text and, in private chats, a button
//! card (`template_card`) whose presses come back as `template_card_event`.

pub mod api;
pub mod crypto;
pub mod xml;

use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use anyhow::{Result, anyhow};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::conversation::Reply;
use crate::hooks::{self, Ctx, Inbound, Seen, markdown};
use crate::peers::{self, Peer, PeerKind};
use crate::reminders::{Mention, Notifier, SendError};
use crate::reply::Button;
use crate::store::{Paths, Store};
use api::{Api, Target};
use crypto::{Crypto, CryptoError};

/// The platform's name in the id mapping.
pub const PLATFORM: &str = "wecom";
/// The callback's path.
pub const PATH: &str = "/wecom";
/// The markdown message's limit, in bytes (UTF-8).
pub const LIMIT: usize = 2048;
/// How far a callback's timestamp may be from now, in seconds.
pub const WINDOW_SECS: i64 = 300;
/// How many message ids are remembered against replays.
const SEEN_CAP: usize = 4096;
/// The name members @mention in a group unless WECOM_BOT_NAME says otherwise.
pub const DEFAULT_BOT_NAME: &str = "规则助手";

/// The application's settings, from the environment.
pub struct Config {
    /// The corp id (the receive id of callbacks).
    pub corp_id: String,
    /// The application's agent id.
    pub agent_id: i64,
    /// The application's secret.
    pub secret: String,
    /// The callback Token.
    pub token: String,
    /// The callback EncodingAESKey.
    pub aes_key: String,
    /// Where the API is.
    pub api_url: String,
    /// The name members @mention in groups.
    pub bot_name: String,
    /// RULEBOT_OPERATORS: userids who administer every group.
    pub operators: HashSet<String>,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("corp_id", &self.corp_id)
            .field("agent_id", &self.agent_id)
            .field("api_url", &self.api_url)
            .finish_non_exhaustive()
    }
}

/// Reads the configuration; a missing or malformed variable is a clear error.
pub fn config_from_env() -> Result<Config> {
    let v = hooks::require_env(
        "企业微信 / WeCom",
        &[
            ("WECOM_CORP_ID", "企业ID / corp id"),
            ("WECOM_AGENT_ID", "应用 AgentId"),
            ("WECOM_SECRET", "应用 Secret"),
            ("WECOM_TOKEN", "接收消息 Token"),
            ("WECOM_AES_KEY", "接收消息 EncodingAESKey"),
        ],
    )?;
    let agent_id = v[1]
        .parse()
        .map_err(|_| anyhow!("WECOM_AGENT_ID 应为整数(应用的 AgentId)/ must be an integer"))?;
    let api_url = std::env::var("WECOM_API_URL")
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| api::DEFAULT_API_URL.to_string());
    if !(api_url.starts_with("http://") || api_url.starts_with("https://")) {
        return Err(anyhow!(
            "WECOM_API_URL “{api_url}” 需要 http:// 或 https:// 开头"
        ));
    }
    let bot_name = std::env::var("WECOM_BOT_NAME")
        .ok()
        .map(|s| s.trim().trim_start_matches('@').to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| DEFAULT_BOT_NAME.to_string());
    Ok(Config {
        corp_id: v[0].clone(),
        agent_id,
        secret: v[2].clone(),
        token: v[3].clone(),
        aes_key: v[4].clone(),
        api_url,
        bot_name,
        operators: hooks::operators_from_env(),
    })
}

/// Runs the WeCom transport until SIGTERM or Ctrl-C.
pub fn run(paths: &Paths, listen: Option<SocketAddr>) -> Result<()> {
    let config = config_from_env()?;
    let crypto = Crypto::new(&config.token, &config.aes_key, &config.corp_id)
        .map_err(|e| anyhow!("WECOM_AES_KEY:{e}"))?;
    let api = Arc::new(Api::new(
        &config.api_url,
        &config.corp_id,
        &config.secret,
        config.agent_id,
    )?);
    hooks::run(paths, listen, PLATFORM, move |ctx| {
        let notifier = WecomNotifier {
            api: api.clone(),
            store: ctx.conv.store.clone(),
            choices: ctx.choices.clone(),
        };
        let state = Arc::new(Hook {
            crypto,
            api,
            ctx,
            seen: Mutex::new(Seen::new(SEEN_CAP)),
            bot_name: config.bot_name,
            operators: config.operators,
            clock: Box::new(|| chrono::Utc::now().timestamp()),
        });
        Ok(hooks::Parts {
            router: Some(router(state)),
            notifier,
            source: None,
        })
    })
}

/// What the callback's handlers share.
pub struct Hook {
    crypto: Crypto,
    api: Arc<Api>,
    ctx: Ctx,
    seen: Mutex<Seen>,
    bot_name: String,
    operators: HashSet<String>,
    /// Now, in Unix seconds (injectable for tests).
    clock: Box<dyn Fn() -> i64 + Send + Sync>,
}

/// The callback's routes, with the shared limits.
pub fn router(state: Arc<Hook>) -> Router {
    hooks::limited(
        Router::new()
            .route(PATH, get(verify_url).post(receive))
            .with_state(state),
    )
}

/// GET: the console's URL verification. The decrypted echostr is the answer.
async fn verify_url(
    State(hook): State<Arc<Hook>>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let (Some(sig), Some(ts), Some(nonce), Some(echo)) = (
        q.get("msg_signature"),
        q.get("timestamp"),
        q.get("nonce"),
        q.get("echostr"),
    ) else {
        return (StatusCode::BAD_REQUEST, "").into_response();
    };
    // Base64 has no spaces: a "+" the sender left unescaped was read as one.
    let echo = echo.replace(' ', "+");
    match hook.crypto.verify_and_decrypt(sig, ts, nonce, &echo) {
        Ok(plain) => {
            tracing::info!("URL verification answered");
            (StatusCode::OK, plain).into_response()
        }
        Err(e) => {
            tracing::warn!(error = %e, "URL verification rejected");
            (status_of(&e), "").into_response()
        }
    }
}

fn status_of(e: &CryptoError) -> StatusCode {
    match e {
        CryptoError::BadSignature => StatusCode::UNAUTHORIZED,
        CryptoError::WrongReceiver => StatusCode::FORBIDDEN,
        _ => StatusCode::BAD_REQUEST,
    }
}

/// Why a callback was refused (what the log says; the platform sees a status).
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum Rejected {
    /// msg_signature, timestamp or nonce is missing.
    #[error("query parameters missing")]
    MissingQuery,
    /// The timestamp is not a number or too far from now.
    #[error("timestamp outside the window")]
    Stale,
    /// The body is not the callback XML.
    #[error("body: {0}")]
    Body(#[from] xml::XmlError),
    /// Signature, ciphertext or receive id.
    #[error("{0}")]
    Crypto(#[from] CryptoError),
}

impl Rejected {
    fn status(&self) -> StatusCode {
        match self {
            Rejected::MissingQuery | Rejected::Body(_) => StatusCode::BAD_REQUEST,
            Rejected::Stale => StatusCode::FORBIDDEN,
            Rejected::Crypto(e) => status_of(e),
        }
    }
}

/// Checks a POSTed callback and returns its decrypted message: the signature
/// first, then the timestamp window, then the receive id.
pub fn open_callback(
    crypto: &Crypto,
    q: &HashMap<String, String>,
    body: &str,
    now: i64,
) -> Result<xml::Message, Rejected> {
    let (Some(sig), Some(ts), Some(nonce)) =
        (q.get("msg_signature"), q.get("timestamp"), q.get("nonce"))
    else {
        return Err(Rejected::MissingQuery);
    };
    let env = xml::envelope(body)?;
    let expected = crypto.signature(ts, nonce, &env.encrypt);
    if !crypto::constant_time_eq(expected.as_bytes(), sig.trim().as_bytes()) {
        return Err(Rejected::Crypto(CryptoError::BadSignature));
    }
    let at: i64 = ts.trim().parse().map_err(|_| Rejected::Stale)?;
    if !hooks::fresh(at, now, WINDOW_SECS) {
        return Err(Rejected::Stale);
    }
    let plain = crypto.verify_and_decrypt(sig, ts, nonce, &env.encrypt)?;
    Ok(xml::message(&plain)?)
}

/// POST: a message callback. Checked, acknowledged with an empty 200 at once,
/// worked out on the chat's lane.
async fn receive(
    State(hook): State<Arc<Hook>>,
    Query(q): Query<HashMap<String, String>>,
    body: Bytes,
) -> Response {
    let body = String::from_utf8_lossy(&body);
    let msg = match open_callback(&hook.crypto, &q, &body, (hook.clock)()) {
        Ok(m) => m,
        Err(e) => {
            tracing::warn!(error = %e, "callback rejected");
            return (e.status(), "").into_response();
        }
    };
    // A message id seen before is the platform's retry (or a replay): nothing
    // is processed again, and the 200 stops the retries.
    // A card's button counts once per card (the platform gives presses no MsgId).
    let id = match (&msg.msg_id, &msg.task_id, &msg.event_key) {
        (Some(id), _, _) => id.clone(),
        (None, Some(task), Some(key)) => format!("card:{task}:{key}"),
        _ => format!("{}:{}", msg.from, msg.create_time.unwrap_or(0)),
    };
    let first = hook
        .seen
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .first_time(&id);
    if !first {
        tracing::info!(msg_id = %id, "message id already seen; ignored");
        return (StatusCode::OK, "").into_response();
    }
    let key = msg
        .chat_id
        .clone()
        .unwrap_or_else(|| format!("u:{}", msg.from));
    let h = hook.clone();
    if !hook
        .ctx
        .queue(key, Box::pin(async move { handle(&h, msg).await }))
    {
        tracing::warn!("too much work queued; the platform will retry");
        return (StatusCode::SERVICE_UNAVAILABLE, "").into_response();
    }
    (StatusCode::OK, "").into_response()
}

/// Removes "@name" (and the space after it) from a group message; None when
/// the bot is not mentioned.
pub fn strip_mention(text: &str, name: &str) -> Option<String> {
    let needle = format!("@{name}");
    if !text.contains(&needle) {
        return None;
    }
    Some(
        text.replace(&needle, " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// Answers one message and sends the replies.
async fn handle(hook: &Hook, msg: xml::Message) {
    let group = msg.chat_id.is_some();
    let target = match &msg.chat_id {
        Some(c) => Target::Group(c.clone()),
        None => Target::User(msg.from.clone()),
    };
    if msg.event.as_deref() == Some(CARD_EVENT) {
        pressed(hook, msg).await;
        return;
    }
    if msg.msg_type != "text" {
        if !group && msg.msg_type != "event" {
            let r = Reply::plain("请用文字提问,例如:常务会议多久开一次?", None);
            send_reply(&hook.api, &target, &r).await;
        }
        return;
    }
    let content = msg.content.clone().unwrap_or_default();
    let text = if group {
        match strip_mention(&content, &hook.bot_name) {
            Some(t) => t,
            None => {
                tracing::trace!("group message not addressed to the bot");
                return;
            }
        }
    } else {
        content.trim().to_string()
    };
    let user = Peer::new(PLATFORM, PeerKind::User, &msg.from);
    let chat = match &msg.chat_id {
        Some(c) => Peer::new(PLATFORM, PeerKind::Group, c),
        None => user.clone(),
    };
    let is_admin = !group
        || hook.operators.contains(&msg.from)
        || (wants_admin(&text) && owns(hook, msg.chat_id.as_deref(), &msg.from).await);
    let inbound = Inbound {
        chat,
        user,
        user_name: group.then(|| msg.from.clone()),
        group,
        text,
        is_admin,
        pressed: None,
        now: crate::bot::now(),
    };
    for reply in hooks::converse(&hook.ctx, inbound).await {
        send_reply(&hook.api, &target, &reply).await;
    }
}

/// The event of a card's button.
pub const CARD_EVENT: &str = "template_card_event";

/// A card's button key for an action: Telegram's callback data with `@` for
/// `:` (keys allow letters, digits and `_-@`).
pub fn button_key(action: &crate::reply::Action) -> String {
    crate::bot::buttons::encode(action).replace(':', "@")
}

/// The action of a card's button key; None for keys rulebot never sent.
pub fn key_action(key: &str) -> Option<crate::reply::Action> {
    crate::bot::buttons::decode(&key.replace('@', ":"))
}

/// A unique task id for a card.
fn task_id() -> String {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    format!("rb{}_{n}", chrono::Utc::now().timestamp_millis())
}

/// A card's button was pressed (cards go to private chats only): the action
/// runs as a Telegram button's would, the card's buttons give way to the
/// outcome, and the reply is sent.
async fn pressed(hook: &Hook, msg: xml::Message) {
    let Some(action) = msg.event_key.as_deref().and_then(key_action) else {
        tracing::debug!("a card button rulebot never sent ignored");
        return;
    };
    let user = Peer::new(PLATFORM, PeerKind::User, &msg.from);
    let inbound = Inbound {
        chat: user.clone(),
        user,
        user_name: None,
        group: false,
        text: String::new(),
        is_admin: true,
        pressed: Some(action),
        now: crate::bot::now(),
    };
    let target = Target::User(msg.from.clone());
    for reply in hooks::converse(&hook.ctx, inbound).await {
        if let (Some(outcome), Some(code)) = (&reply.settles, &msg.response_code)
            && let Err(e) = hook.api.settle_card(&msg.from, code, outcome).await
        {
            tracing::warn!(error = %e, "update_template_card failed");
        }
        send_reply(&hook.api, &target, &reply).await;
    }
}

/// Buttons as a card under a member's message (labels and keys); groups
/// (appchat) take no cards and keep the numbered choices alone.
async fn send_card(api: &Api, to: &Target, text: &str, buttons: &[Button]) {
    let Target::User(user) = to else {
        return;
    };
    if buttons.is_empty() {
        return;
    }
    let desc: String = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .chars()
        .take(30)
        .collect();
    let pairs: Vec<(String, String)> = buttons
        .iter()
        .map(|b| (b.label.clone(), button_key(&b.action)))
        .collect();
    if let Err(e) = api.send_buttons(user, &task_id(), &desc, &pairs).await {
        tracing::warn!(error = %e, "the button card could not be sent; the numbered choices stand");
    }
}

/// Does this message need to know whether its sender administers the group?
fn wants_admin(text: &str) -> bool {
    let t = crate::commands::from_words(text).unwrap_or_else(|| text.to_string());
    crate::commands::needs_admin(&t, None) || markdown::choice_number(text).is_some()
}

/// Is `user` the owner of the group chat (appchat/get)?
async fn owns(hook: &Hook, chat: Option<&str>, user: &str) -> bool {
    let Some(chat) = chat else {
        return true;
    };
    match hook.api.chat_owner(chat).await {
        Ok(owner) => owner.as_deref() == Some(user),
        Err(e) => {
            tracing::warn!(error = %e, "appchat/get failed; treating as not an admin");
            false
        }
    }
}

/// Sends a reply's markdown messages in order, retrying temporary failures.
async fn send_reply(api: &Api, to: &Target, reply: &Reply) {
    for piece in markdown::reply_markdown(reply, LIMIT) {
        if let Err(e) = send_with_retry(api, to, &piece).await {
            tracing::error!(error = %e, "a reply could not be sent");
            return;
        }
    }
    send_card(api, to, &reply.text(), &reply.buttons).await;
}

async fn send_with_retry(api: &Api, to: &Target, content: &str) -> Result<(), SendError> {
    let policy = crate::retry::REQUESTS;
    let mut attempt = 0;
    loop {
        match api.send_markdown(to, content).await {
            Ok(()) => return Ok(()),
            Err(SendError::Temporary(why)) if !policy.exhausted(attempt + 1) => {
                attempt += 1;
                tracing::warn!(attempt, error = %why, "send failed; retrying");
                tokio::time::sleep(policy.delay(attempt)).await;
            }
            Err(e) => return Err(e),
        }
    }
}

/// Delivers reminders to the member or group they were set in.
pub struct WecomNotifier {
    api: Arc<Api>,
    store: Store,
    choices: Arc<hooks::Choices>,
}

impl Notifier for WecomNotifier {
    fn send(
        &self,
        chat_id: i64,
        mention: Option<&Mention>,
        text: &str,
        buttons: &[Button],
    ) -> impl std::future::Future<Output = Result<(), SendError>> + Send {
        let api = self.api.clone();
        let store = self.store.clone();
        let choices = self.choices.clone();
        let name = mention.map(|m| m.name.clone());
        let owner = mention.map(|m| m.user_id).unwrap_or(chat_id);
        let text = text.to_string();
        let buttons = buttons.to_vec();
        async move {
            let peer = peers::lookup(&store, chat_id)
                .map_err(|e| SendError::Temporary(e.to_string()))?
                .filter(|p| p.platform == PLATFORM)
                .ok_or_else(|| {
                    SendError::Permanent(format!("chat {chat_id} is not a WeCom chat"))
                })?;
            let target = match peer.kind {
                PeerKind::User => Target::User(peer.id),
                PeerKind::Group => Target::Group(peer.id),
            };
            let pieces = markdown::delivery_markdown(name.as_deref(), &text, &buttons, LIMIT);
            for piece in &pieces {
                api.send_markdown(&target, piece).await?;
            }
            send_card(&api, &target, &text, &buttons).await;
            choices.offer(
                chat_id,
                owner,
                buttons.into_iter().map(|b| b.action).collect(),
            );
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo";
    const AES_KEY: &str = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt";
    const CORP_ID: &str = "ww1436e0e65a779aee";

    fn signed(c: &Crypto, inner: &str, ts: i64) -> (HashMap<String, String>, String) {
        let enc = c.encrypt(b"abcdefghijklmnop", inner);
        let ts = ts.to_string();
        let sig = c.signature(&ts, "nonce1", &enc);
        let q = HashMap::from([
            ("msg_signature".to_string(), sig),
            ("timestamp".to_string(), ts),
            ("nonce".to_string(), "nonce1".to_string()),
        ]);
        let body = format!(
            "<xml><ToUserName><![CDATA[{CORP_ID}]]></ToUserName><Encrypt><![CDATA[{enc}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>"
        );
        (q, body)
    }

    const INNER: &str = "<xml><ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[常务会议多久开一次?]]></Content><MsgId>1</MsgId><AgentID>1000002</AgentID></xml>";

    #[test]
    fn a_signed_fresh_callback_opens() {
        let c = Crypto::new(TOKEN, AES_KEY, CORP_ID).unwrap();
        let (q, body) = signed(&c, INNER, 1_700_000_000);
        let m = open_callback(&c, &q, &body, 1_700_000_100).unwrap();
        assert_eq!(m.from, "zhangsan");
        assert_eq!(m.content.as_deref(), Some("常务会议多久开一次?"));
    }

    #[test]
    fn bad_signature_stale_time_and_other_receivers_are_rejected() {
        let c = Crypto::new(TOKEN, AES_KEY, CORP_ID).unwrap();
        let (mut q, body) = signed(&c, INNER, 1_700_000_000);
        // Stale (the injected clock is 301 s later), and from the future.
        assert_eq!(
            open_callback(&c, &q, &body, 1_700_000_301),
            Err(Rejected::Stale)
        );
        assert_eq!(
            open_callback(&c, &q, &body, 1_699_999_699),
            Err(Rejected::Stale)
        );
        // Another corp's application (same token and key, other receive id).
        let other = Crypto::new(TOKEN, AES_KEY, "wwOTHER").unwrap();
        let (q2, body2) = signed(&other, INNER, 1_700_000_000);
        assert_eq!(
            open_callback(&c, &q2, &body2, 1_700_000_000),
            Err(Rejected::Crypto(CryptoError::WrongReceiver))
        );
        // A changed signature.
        q.insert("msg_signature".into(), "0".repeat(40));
        assert_eq!(
            open_callback(&c, &q, &body, 1_700_000_000),
            Err(Rejected::Crypto(CryptoError::BadSignature))
        );
        q.remove("nonce");
        assert_eq!(
            open_callback(&c, &q, &body, 1_700_000_000),
            Err(Rejected::MissingQuery)
        );
    }

    #[test]
    fn button_keys_round_trip_within_the_platforms_characters() {
        use crate::reply::{Action, DeadlineDay, Later};
        let actions = [
            Action::Snooze {
                id: "ab12".into(),
                later: Later::TomorrowNine,
            },
            Action::Done { id: "ab12".into() },
            Action::Deadline {
                date: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
                day: DeadlineDay::DayBefore,
            },
        ];
        for a in actions {
            let k = button_key(&a);
            assert!(k.len() <= 128);
            assert!(
                k.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '@')),
                "{k}"
            );
            assert_eq!(key_action(&k), Some(a));
        }
        assert_eq!(key_action("whatever"), None);
        assert_ne!(task_id(), task_id());
    }

    #[test]
    fn group_mentions() {
        assert_eq!(
            strip_mention("@规则助手 常务会议多久开一次?", "规则助手").as_deref(),
            Some("常务会议多久开一次?")
        );
        assert_eq!(strip_mention("常务会议多久开一次?", "规则助手"), None);
        assert_eq!(
            strip_mention("请问@规则助手 城市 株洲", "规则助手").as_deref(),
            Some("请问 城市 株洲")
        );
    }
}
