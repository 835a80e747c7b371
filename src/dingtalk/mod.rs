//! The 钉钉 (DingTalk) transport (`rulebot serve --platform dingtalk`): an
//! enterprise-internal robot in HTTP callback mode. POST `/dingtalk` carries a
//! message as JSON with the `timestamp` and `sign` headers; the signature, the
//! hour's window, the robot code and the message id are checked before
//! anything is read, the callback is acknowledged at once, and the answer is
//! worked out on the chat's lane. Private chats are questions; in a group only
//! messages that @mention the robot are answered. Replies go through the
//! message's session webhook (markdown) while it works, else through the robot
//! API ([`api`]); reminders through the API (or a session webhook still open),
//! to the member or group found through the stored id mapping
//! ([`crate::peers`]). With `--stream` the messages come over the platform's
//! outbound stream connection instead ([`stream`]), for hosts with no public
//! address.

pub mod api;
pub mod message;
pub mod sign;
pub mod stream;

use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use anyhow::{Result, anyhow};
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;

use crate::conversation::Reply;
use crate::hooks::{self, Ctx, Inbound, Seen, markdown};
use crate::peers::{self, Peer, PeerKind};
use crate::reminders::{Mention, Notifier, SendError};
use crate::reply::Button;
use crate::store::{Paths, Store};
use api::{Api, Markdown, Target};
use message::Callback;

/// The platform's name in the id mapping.
pub const PLATFORM: &str = "dingtalk";
/// The callback's path.
pub const PATH: &str = "/dingtalk";
/// One markdown message's limit, in bytes (UTF-8; kept well under what the
/// platform takes).
pub const LIMIT: usize = 4000;
/// How many message ids are remembered against replays.
const SEEN_CAP: usize = 4096;

/// The robot's settings, from the environment.
pub struct Config {
    /// The application's AppKey (Client ID).
    pub app_key: String,
    /// The application's AppSecret (Client Secret): signs callbacks.
    pub app_secret: String,
    /// The robot's code.
    pub robot_code: String,
    /// Where the API is.
    pub api_url: String,
    /// RULEBOT_OPERATORS: staff ids who administer every group.
    pub operators: HashSet<String>,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("robot_code", &self.robot_code)
            .field("api_url", &self.api_url)
            .finish_non_exhaustive()
    }
}

/// Reads the configuration; a missing variable is a clear error.
pub fn config_from_env() -> Result<Config> {
    let v = hooks::require_env(
        "钉钉 / DingTalk",
        &[
            ("DINGTALK_APP_KEY", "应用 AppKey / Client ID"),
            ("DINGTALK_APP_SECRET", "应用 AppSecret / Client Secret"),
            ("DINGTALK_ROBOT_CODE", "机器人 RobotCode"),
        ],
    )?;
    let api_url = std::env::var("DINGTALK_API_URL")
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| api::DEFAULT_API_URL.to_string());
    if !(api_url.starts_with("http://") || api_url.starts_with("https://")) {
        return Err(anyhow!(
            "DINGTALK_API_URL “{api_url}” 需要 http:// 或 https:// 开头"
        ));
    }
    Ok(Config {
        app_key: v[0].clone(),
        app_secret: v[1].clone(),
        robot_code: v[2].clone(),
        api_url,
        operators: hooks::operators_from_env(),
    })
}

/// Session webhooks still open, by chat id (url, expiry in ms).
type Webhooks = Arc<Mutex<HashMap<i64, (String, i64)>>>;

/// Runs the DingTalk transport until SIGTERM or Ctrl-C: HTTP callbacks on
/// `listen`, or with `stream` the platform's stream connection (no listener).
pub fn run(paths: &Paths, listen: Option<SocketAddr>, stream: bool) -> Result<()> {
    if stream && listen.is_some() {
        return Err(anyhow!("--stream 模式不监听端口,请去掉 --listen"));
    }
    let config = config_from_env()?;
    let api = Arc::new(Api::new(
        &config.api_url,
        &config.app_key,
        &config.app_secret,
        &config.robot_code,
    )?);
    hooks::run(paths, listen, PLATFORM, move |ctx| {
        let webhooks: Webhooks = Arc::default();
        let notifier = DingtalkNotifier {
            api: api.clone(),
            store: ctx.conv.store.clone(),
            choices: ctx.choices.clone(),
            webhooks: webhooks.clone(),
        };
        let state = Arc::new(Hook {
            api,
            ctx,
            seen: Mutex::new(Seen::new(SEEN_CAP)),
            app_secret: config.app_secret,
            robot_code: config.robot_code,
            operators: config.operators,
            webhooks,
            clock_ms: Box::new(|| chrono::Utc::now().timestamp_millis()),
        });
        Ok(if stream {
            hooks::Parts {
                router: None,
                notifier,
                source: Some(Box::new(move |shutdown| {
                    Box::pin(stream::run(state, shutdown)) as hooks::Job
                })),
            }
        } else {
            hooks::Parts {
                router: Some(router(state)),
                notifier,
                source: None,
            }
        })
    })
}

/// What the callback's handlers share.
pub struct Hook {
    api: Arc<Api>,
    ctx: Ctx,
    seen: Mutex<Seen>,
    app_secret: String,
    robot_code: String,
    operators: HashSet<String>,
    webhooks: Webhooks,
    /// Now, in Unix milliseconds (injectable for tests).
    clock_ms: Box<dyn Fn() -> i64 + Send + Sync>,
}

/// The callback's route, with the shared limits.
pub fn router(state: Arc<Hook>) -> Router {
    hooks::limited(Router::new().route(PATH, post(receive)).with_state(state))
}

/// Why a callback was refused.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum Rejected {
    /// The signature headers.
    #[error("{0}")]
    Sign(#[from] sign::SignError),
    /// Not the robot's message JSON.
    #[error("body is not a robot message")]
    Body,
    /// For another robot.
    #[error("message for another robot")]
    WrongRobot,
}

impl Rejected {
    fn status(&self) -> StatusCode {
        match self {
            Rejected::Sign(sign::SignError::Stale) | Rejected::WrongRobot => StatusCode::FORBIDDEN,
            Rejected::Sign(_) => StatusCode::UNAUTHORIZED,
            Rejected::Body => StatusCode::BAD_REQUEST,
        }
    }
}

/// Checks a callback (signature and window first, then the robot code) and
/// reads it.
pub fn open_callback(
    app_secret: &str,
    robot_code: &str,
    headers: &HeaderMap,
    body: &[u8],
    now_ms: i64,
) -> Result<Callback, Rejected> {
    let h = |k: &str| headers.get(k).and_then(|v| v.to_str().ok());
    sign::verify(app_secret, h("timestamp"), h("sign"), now_ms)?;
    let c = Callback::parse(body).map_err(|_| Rejected::Body)?;
    if c.robot_code.as_deref().is_some_and(|r| r != robot_code) {
        return Err(Rejected::WrongRobot);
    }
    Ok(c)
}

async fn receive(State(hook): State<Arc<Hook>>, headers: HeaderMap, body: Bytes) -> Response {
    let msg = match open_callback(
        &hook.app_secret,
        &hook.robot_code,
        &headers,
        &body,
        (hook.clock_ms)(),
    ) {
        Ok(m) => m,
        Err(e) => {
            tracing::warn!(error = %e, "callback rejected");
            return (e.status(), "").into_response();
        }
    };
    accept(&hook, msg)
}

/// A checked message: seen before (ignored), or queued on its chat's lane.
fn accept(hook: &Arc<Hook>, msg: Callback) -> Response {
    let id = msg.msg_id.clone().unwrap_or_else(|| {
        format!(
            "{}:{}",
            msg.sender().unwrap_or(""),
            msg.create_at.unwrap_or(0)
        )
    });
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
        .conversation_id
        .clone()
        .unwrap_or_else(|| format!("u:{}", msg.sender().unwrap_or("")));
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

/// Where a reply goes: the session webhook while it works, else the API.
struct Route {
    webhook: Option<String>,
    target: Target,
}

async fn handle(hook: &Hook, msg: Callback) {
    let group = msg.is_group();
    let Some(sender) = msg.sender().map(str::to_string) else {
        tracing::warn!("message without a sender ignored");
        return;
    };
    let target = match (&msg.conversation_id, group) {
        (Some(c), true) => Target::Group(c.clone()),
        _ => Target::User(sender.clone()),
    };
    let now_ms = (hook.clock_ms)();
    let route = Route {
        webhook: msg.webhook(now_ms).map(|(u, _)| u.to_string()),
        target: target.clone(),
    };
    if group && msg.is_in_at_list != Some(true) {
        tracing::trace!("group message not addressed to the robot");
        return;
    }
    let Some(text) = msg.content() else {
        if !group {
            let r = Reply::plain("请用文字提问,例如:常务会议多久开一次?", None);
            send_reply(&hook.api, &route, &r).await;
        }
        return;
    };
    let user = Peer::new(PLATFORM, PeerKind::User, &sender);
    let chat = match &target {
        Target::Group(c) => Peer::new(PLATFORM, PeerKind::Group, c),
        Target::User(_) => user.clone(),
    };
    // Remember the session webhook for reminders while it works.
    if let (Some((url, until)), Ok((chat_id, _))) = (
        msg.webhook(now_ms),
        hooks::ids(&hook.ctx.conv, &chat, &user).await,
    ) {
        let mut w = hook.webhooks.lock().unwrap_or_else(|p| p.into_inner());
        if w.len() > 10_000 {
            w.retain(|_, (_, t)| *t > now_ms);
        }
        w.insert(chat_id, (url.to_string(), until));
    }
    let is_admin = !group || msg.is_admin == Some(true) || hook.operators.contains(&sender);
    let inbound = Inbound {
        chat,
        user,
        user_name: group.then(|| msg.sender_nick.clone().unwrap_or_else(|| sender.clone())),
        group,
        text,
        is_admin,
        pressed: None,
        now: crate::bot::now(),
    };
    for reply in hooks::converse(&hook.ctx, inbound).await {
        send_reply(&hook.api, &route, &reply).await;
    }
}

/// A markdown piece as DingTalk's markdown message: a title for the
/// notification, and line breaks made hard (DingTalk joins single lines). With
/// `links` (private chats), the numbered choices become links that send their
/// number when tapped (DingTalk's `dtmd://dingtalkclient/sendMessage`); in a
/// group such a message would not @mention the robot, so there the number is
/// typed after @.
pub fn to_markdown(piece: &str, links: bool) -> Markdown {
    let piece = if links {
        choice_links(piece)
    } else {
        piece.to_string()
    };
    let title: String = piece
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("规则助手")
        .trim_start_matches(['>', ' ', '#'])
        .replace("**", "")
        .chars()
        .take(24)
        .collect();
    let text = piece
        .split("\n\n")
        .map(|para| para.lines().collect::<Vec<_>>().join("  \n"))
        .collect::<Vec<_>>()
        .join("\n\n");
    Markdown { title, text }
}

/// The numbered lines after [`markdown::CHOOSE`] as links that send the number.
fn choice_links(piece: &str) -> String {
    let mut out = Vec::new();
    let mut in_choices = false;
    for line in piece.split('\n') {
        if line == markdown::CHOOSE {
            in_choices = true;
            out.push(line.to_string());
            continue;
        }
        let numbered = line
            .split_once(". ")
            .filter(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        match numbered {
            Some((n, label)) if in_choices => out.push(format!(
                "[{n}. {label}]({})",
                choice_url(n.parse().unwrap_or(0))
            )),
            _ => {
                in_choices = false;
                out.push(line.to_string());
            }
        }
    }
    out.join("\n")
}

async fn send_reply(api: &Api, route: &Route, reply: &Reply) {
    let private = matches!(route.target, Target::User(_));
    // In a private chat answered through its webhook, buttons are an
    // ActionCard's under the last message (each sends its number when tapped).
    if private
        && !reply.buttons.is_empty()
        && let Some(url) = &route.webhook
    {
        let mut bare = reply.clone();
        bare.buttons.clear();
        let pieces = markdown::reply_markdown(&bare, LIMIT);
        let buttons: Vec<(String, String)> = reply
            .buttons
            .iter()
            .enumerate()
            .map(|(i, b)| (b.label.clone(), choice_url(i + 1)))
            .collect();
        for (i, piece) in pieces.iter().enumerate() {
            let md = to_markdown(piece, false);
            let r = if i + 1 == pieces.len() {
                api.send_action_card(url, &md, &buttons).await
            } else {
                api.send_webhook(url, &md, &[]).await
            };
            if let Err(e) = r {
                tracing::warn!(error = %e, "session webhook failed; using the robot API");
                // The rest through the API, choices as links (packing is greedy,
                // so the pieces before the last are the same with or without them).
                for piece in markdown::reply_markdown(reply, LIMIT).iter().skip(i) {
                    let md = to_markdown(piece, true);
                    if let Err(e) = send_with_retry(api, &route.target, &md).await {
                        tracing::error!(error = %e, "a reply could not be sent");
                        return;
                    }
                }
                return;
            }
        }
        return;
    }
    for piece in markdown::reply_markdown(reply, LIMIT) {
        let md = to_markdown(&piece, private);
        if let Some(url) = &route.webhook {
            match api.send_webhook(url, &md, &[]).await {
                Ok(()) => continue,
                Err(e) => {
                    tracing::warn!(error = %e, "session webhook failed; using the robot API");
                }
            }
        }
        if let Err(e) = send_with_retry(api, &route.target, &md).await {
            tracing::error!(error = %e, "a reply could not be sent");
            return;
        }
    }
}

/// The link that sends choice number `n` when tapped.
fn choice_url(n: usize) -> String {
    format!("dtmd://dingtalkclient/sendMessage?content={n}")
}

async fn send_with_retry(api: &Api, to: &Target, md: &Markdown) -> Result<(), SendError> {
    let policy = crate::retry::REQUESTS;
    let mut attempt = 0;
    loop {
        match api.send(to, md).await {
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
pub struct DingtalkNotifier {
    api: Arc<Api>,
    store: Store,
    choices: Arc<hooks::Choices>,
    webhooks: Webhooks,
}

impl Notifier for DingtalkNotifier {
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
        let now_ms = chrono::Utc::now().timestamp_millis();
        let webhook = self
            .webhooks
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&chat_id)
            .filter(|(_, until)| *until > now_ms + 5_000)
            .map(|(u, _)| u.clone());
        async move {
            let peer = peers::lookup(&store, chat_id)
                .map_err(|e| SendError::Temporary(e.to_string()))?
                .filter(|p| p.platform == PLATFORM)
                .ok_or_else(|| {
                    SendError::Permanent(format!("chat {chat_id} is not a DingTalk chat"))
                })?;
            let target = match peer.kind {
                PeerKind::User => Target::User(peer.id),
                PeerKind::Group => Target::Group(peer.id),
            };
            let links = matches!(target, Target::User(_));
            for piece in markdown::delivery_markdown(name.as_deref(), &text, &buttons, LIMIT) {
                let md = to_markdown(&piece, links);
                let by_webhook = match &webhook {
                    Some(url) => api.send_webhook(url, &md, &[]).await.is_ok(),
                    None => false,
                };
                if !by_webhook {
                    api.send(&target, &md).await?;
                }
            }
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

    #[test]
    fn markdown_gets_a_title_and_hard_breaks() {
        let md = to_markdown(
            "**《株洲市人民政府工作规则》第四十四条**(株洲市)\n〔注〕\n\n> 第一行\n> 第二行",
            true,
        );
        assert_eq!(md.title, "《株洲市人民政府工作规则》第四十四条(株洲市)");
        assert_eq!(
            md.text,
            "**《株洲市人民政府工作规则》第四十四条**(株洲市)  \n〔注〕\n\n> 第一行  \n> 第二行"
        );
    }

    #[test]
    fn choices_become_links_in_private_chats() {
        let piece = "⏰ 提醒:开会\n\n回复序号即可选择:\n1. 10分钟后\n2. 已完成";
        let md = to_markdown(piece, true);
        assert!(
            md.text.ends_with(
                "回复序号即可选择:  \n[1. 10分钟后](dtmd://dingtalkclient/sendMessage?content=1)  \n[2. 已完成](dtmd://dingtalkclient/sendMessage?content=2)"
            ),
            "{}",
            md.text
        );
        // Numbered lines elsewhere (an answer's options) stay text.
        let other = to_markdown("您是不是想问:\n1. 第四十四条", true);
        assert!(!other.text.contains("dtmd"), "{}", other.text);
        assert!(!to_markdown(piece, false).text.contains("dtmd"));
    }

    #[test]
    fn callbacks_are_checked_before_they_are_read() {
        let secret = "s3cret";
        let body = br#"{"msgtype":"text","text":{"content":"hi"},"conversationType":"1","senderStaffId":"u1","robotCode":"robot1","msgId":"m1"}"#;
        let now = 1_700_000_000_000i64;
        let mut h = HeaderMap::new();
        h.insert("timestamp", now.to_string().parse().unwrap());
        h.insert(
            "sign",
            sign::sign(secret, &now.to_string()).parse().unwrap(),
        );
        let c = open_callback(secret, "robot1", &h, body, now).unwrap();
        assert_eq!(c.sender(), Some("u1"));
        assert_eq!(
            open_callback(secret, "robot2", &h, body, now),
            Err(Rejected::WrongRobot)
        );
        assert_eq!(
            open_callback(secret, "robot1", &h, body, now + 3_600_001),
            Err(Rejected::Sign(sign::SignError::Stale))
        );
        assert_eq!(
            open_callback("other", "robot1", &h, body, now),
            Err(Rejected::Sign(sign::SignError::BadSignature))
        );
        assert_eq!(
            open_callback(secret, "robot1", &h, b"{}", now),
            Err(Rejected::Body)
        );
    }
}
