//! The Telegram transport (`rulebot serve`), the only module that touches teloxide:
//! configuration from the environment, startup (getMe, webhook set-up, setMyCommands),
//! receiving updates (long polling or a webhook), one ordered worker per chat that
//! turns messages and button presses into [`Incoming`](crate::conversation::Incoming)
//! for the [`Conversation`], throttled sending with retries, the reminder scheduler
//! with a Telegram [`Notifier`](crate::reminders::Notifier), and a clean shutdown on
//! SIGTERM or Ctrl-C. The token never appears in a log line or an error: every error
//! text passes through [`scrub`].

pub mod buttons;
mod handle;
pub mod listener;
pub mod render;
mod send;
mod updates;

use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use anyhow::{Result, anyhow, bail};
use chrono::{DateTime, FixedOffset};
use teloxide::adaptors::Throttle;
use teloxide::adaptors::throttle::{Limits, Settings};
use teloxide::prelude::*;
use teloxide::types::{AllowedUpdate, BotCommand, Me};
use tokio::sync::watch;

use crate::conversation::Conversation;
use crate::store::{Opened, Paths};
use crate::upload::UploadConfig;

pub use send::{TelegramNotifier, classify};

/// The bot with teloxide's throttling in front of it.
pub(crate) type TgBot = Throttle<Bot>;

/// Options of `rulebot serve`.
#[derive(Debug, Clone, Default)]
pub struct ServeOptions {
    /// Webhook mode: the public HTTPS URL Telegram posts updates to.
    pub webhook: Option<String>,
    /// Webhook mode: the local address to listen on.
    pub listen: Option<SocketAddr>,
}

/// The default listen address in webhook mode.
pub const DEFAULT_LISTEN: &str = "0.0.0.0:8443";

/// Which updates the bot asks for.
pub(crate) fn allowed_updates() -> Vec<AllowedUpdate> {
    vec![AllowedUpdate::Message, AllowedUpdate::CallbackQuery]
}

static TOKEN: OnceLock<String> = OnceLock::new();

/// Removes the bot token from a text (teloxide's errors carry the request URL,
/// which contains the token).
pub fn scrub(text: impl std::fmt::Display) -> String {
    let s = text.to_string();
    match TOKEN.get() {
        Some(t) if !t.is_empty() => s.replace(t.as_str(), "<token>"),
        _ => s,
    }
}

/// An error with its chain of causes ("a: b: c"), scrubbed of the token. (Never the
/// Debug form: reqwest's includes the request URL.)
pub fn scrub_err(e: &(dyn std::error::Error + 'static)) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        let t = c.to_string();
        if !s.contains(&t) {
            s.push_str(": ");
            s.push_str(&t);
        }
        cur = c.source();
    }
    scrub(s)
}

/// Now, in Asia/Shanghai: the real clock, moved on by the whole seconds written
/// in the file `RULEBOT_TEST_CLOCK` names, when it is set (end-to-end tests move
/// the binary's time instead of waiting for it; a missing or unreadable file
/// moves nothing).
pub(crate) fn now() -> DateTime<FixedOffset> {
    let real = chrono::Utc::now().with_timezone(&crate::when::shanghai());
    match TEST_CLOCK.as_deref() {
        Some(path) => {
            let ahead = std::fs::read_to_string(path)
                .ok()
                .and_then(|s| s.trim().parse::<i64>().ok())
                .unwrap_or(0);
            real + chrono::Duration::seconds(ahead)
        }
        None => real,
    }
}

/// The file of `RULEBOT_TEST_CLOCK`, read once.
static TEST_CLOCK: std::sync::LazyLock<Option<std::path::PathBuf>> =
    std::sync::LazyLock::new(|| std::env::var_os("RULEBOT_TEST_CLOCK").map(Into::into));

/// How long the reminder scheduler sleeps at most between readings of [`now`]: a
/// minute, or a fifth of a second under a test clock, whose time may jump.
pub(crate) fn longest_wait() -> Duration {
    if TEST_CLOCK.is_some() {
        Duration::from_millis(200)
    } else {
        Duration::from_secs(60)
    }
}

/// Shared by every worker.
pub(crate) struct App {
    pub conv: Arc<Conversation>,
    pub bot: TgBot,
    pub me: Me,
    /// RULEBOT_ALLOWED_CHATS, when set.
    pub allowed: Option<HashSet<i64>>,
}

impl App {
    pub fn allows(&self, chat_id: i64) -> bool {
        self.allowed.as_ref().is_none_or(|a| a.contains(&chat_id))
    }

    pub fn username(&self) -> Option<&str> {
        self.me.user.username.as_deref()
    }
}

/// Parses RULEBOT_ALLOWED_CHATS: comma-separated chat ids.
pub fn parse_allowed_chats(s: &str) -> Result<HashSet<i64>> {
    let mut out = HashSet::new();
    for part in s.split([',', ',', ' ', '\n']) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let id: i64 = part
            .parse()
            .map_err(|_| anyhow!("RULEBOT_ALLOWED_CHATS 中的“{part}”不是聊天编号(整数)"))?;
        out.insert(id);
    }
    if out.is_empty() {
        bail!("RULEBOT_ALLOWED_CHATS 已设置但没有任何聊天编号");
    }
    Ok(out)
}

/// Parses RULEBOT_OPERATORS: comma-separated user ids that may upload rule
/// documents in a private chat (unset or empty: nobody).
pub fn parse_operators(s: &str) -> Result<HashSet<i64>> {
    let mut out = HashSet::new();
    for part in s.split([',', ',', ' ', '\n']) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let id: i64 = part
            .parse()
            .map_err(|_| anyhow!("RULEBOT_OPERATORS 中的“{part}”不是用户编号(整数)"))?;
        out.insert(id);
    }
    Ok(out)
}

struct Config {
    bot: Bot,
    allowed: Option<HashSet<i64>>,
    webhook_secret: Option<String>,
    operators: HashSet<i64>,
}

fn config_from_env() -> Result<Config> {
    let token = std::env::var("TELOXIDE_TOKEN")
        .ok()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            anyhow!("请在环境变量 TELOXIDE_TOKEN 中提供机器人的令牌(向 @BotFather 申请)")
        })?;
    let _ = TOKEN.set(token.clone());
    // TELOXIDE_PROXY is honoured as teloxide does.
    let mut bot = Bot::with_client(token, teloxide::net::client_from_env());
    if let Ok(url) = std::env::var("TELOXIDE_API_URL") {
        let trimmed = url.trim().trim_end_matches('/');
        if !trimmed.is_empty() {
            check_url(&bot, trimmed)
                .map_err(|e| anyhow!("TELOXIDE_API_URL “{}” 不是有效的网址:{e}", scrub(trimmed)))?;
            let parsed = bot.api_url().join(trimmed)?;
            bot = bot.set_api_url(parsed);
        }
    }
    let allowed = match std::env::var("RULEBOT_ALLOWED_CHATS") {
        Ok(s) if !s.trim().is_empty() => Some(parse_allowed_chats(&s)?),
        _ => None,
    };
    let webhook_secret = match std::env::var("RULEBOT_WEBHOOK_SECRET") {
        Ok(s) if !s.is_empty() => {
            if s.len() > 256
                || !s
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            {
                bail!("RULEBOT_WEBHOOK_SECRET 只能含 A-Z a-z 0-9 _ -,长度 1–256");
            }
            Some(s)
        }
        _ => None,
    };
    let operators = parse_operators(&std::env::var("RULEBOT_OPERATORS").unwrap_or_default())?;
    Ok(Config {
        bot,
        allowed,
        webhook_secret,
        operators,
    })
}

/// Checks an absolute http(s) URL; returns its path. (teloxide does not re-export
/// its URL type, so URLs are parsed through the bot's API URL where needed.)
pub(crate) fn check_url(bot: &Bot, s: &str) -> Result<String, String> {
    let lower = s.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return Err("需要 http:// 或 https:// 开头的网址".into());
    }
    let u = bot.api_url().join(s).map_err(|e| e.to_string())?;
    if u.cannot_be_a_base() || u.host_str().is_none_or(str::is_empty) {
        return Err("网址缺少主机名".into());
    }
    Ok(u.path().to_string())
}

/// A webhook secret (64 hex digits) from the system's random source; where there is
/// none, a hash of the clock, the process and the token.
fn generate_secret() -> String {
    use sha2::{Digest, Sha256};
    use std::io::Read;
    let mut seed = [0u8; 32];
    let random = std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut seed))
        .is_ok();
    let mut h = Sha256::new();
    h.update(seed);
    if !random {
        h.update(format!(
            "{:?}{}{:?}",
            std::time::SystemTime::now(),
            std::process::id(),
            std::thread::current().id()
        ));
        h.update(TOKEN.get().map(String::as_str).unwrap_or("").as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// `rulebot serve`: builds a runtime and runs the bot until SIGTERM or Ctrl-C.
pub fn run(paths: &Paths, options: ServeOptions) -> Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let result = rt.block_on(serve(paths, options));
    rt.shutdown_timeout(Duration::from_secs(2));
    result
}

/// Runs the bot until SIGTERM or Ctrl-C; in-flight answers finish, the store is
/// flushed.
pub async fn serve(paths: &Paths, options: ServeOptions) -> Result<()> {
    let config = config_from_env()?;
    if options.listen.is_some() && options.webhook.is_none() {
        bail!("--listen 只用于 webhook 模式,请同时给出 --webhook 公网地址");
    }
    let webhook = match &options.webhook {
        Some(u) => {
            let path = check_url(&config.bot, u.trim())
                .map_err(|e| anyhow!("--webhook “{u}” 不是有效的网址:{e}"))?;
            Some((u.trim().to_string(), path))
        }
        None => None,
    };
    let Opened { engine, store, .. } = crate::store::open(paths)?;
    let conv = Arc::new(
        Conversation::new(engine, store.clone()).with_uploads(UploadConfig {
            paths: paths.clone(),
            operators: config.operators.clone(),
        }),
    );
    warm_in_background(conv.engine());

    let (shutdown_tx, shutdown_rx) = watch::channel(false);
    let signals = tokio::spawn(watch_signals(shutdown_tx.clone()));

    let raw = config.bot.clone();
    // Telegram's limits. RULEBOT_THROTTLE=off lifts them, for measuring what the
    // bot itself can do against a local Bot API server (never against Telegram).
    let limits = if std::env::var("RULEBOT_THROTTLE").is_ok_and(|v| v == "off") {
        tracing::warn!("RULEBOT_THROTTLE=off: outgoing messages are not throttled");
        Limits {
            messages_per_sec_chat: 1_000_000,
            messages_per_min_chat: 1_000_000,
            messages_per_min_channel_or_supergroup: 1_000_000,
            messages_per_sec_overall: 1_000_000,
        }
    } else {
        Limits {
            messages_per_sec_chat: 1,
            messages_per_min_chat: 20,
            messages_per_min_channel_or_supergroup: 20,
            messages_per_sec_overall: 30,
        }
    };
    let bot: TgBot = Throttle::spawn_with_settings(raw.clone(), Settings::default().limits(limits));

    // Startup: every step gives up when a shutdown is asked for.
    let Some(me) = until_shutdown(&shutdown_rx, startup_get_me(&raw)).await? else {
        tracing::info!("stopped during startup");
        signals.abort();
        return Ok(());
    };
    let username = me.user.username.clone().unwrap_or_default();
    tracing::info!(bot = %username, "connected to the Bot API");

    let source = match &webhook {
        Some((url, path)) => {
            let listen = options.listen.unwrap_or_else(|| {
                DEFAULT_LISTEN
                    .parse()
                    .expect("valid default listen address")
            });
            let secret = config
                .webhook_secret
                .clone()
                .unwrap_or_else(generate_secret);
            let listener = tokio::net::TcpListener::bind(listen)
                .await
                .map_err(|e| anyhow!("无法监听 {listen}:{e}"))?;
            let bound = listener.local_addr().unwrap_or(listen);
            if until_shutdown(&shutdown_rx, updates::set_webhook(&raw, url, &secret))
                .await?
                .is_none()
            {
                signals.abort();
                return Ok(());
            }
            tracing::info!(listen = %bound, path = %path, "webhook mode");
            updates::Source::Webhook {
                listener,
                path: path.clone(),
                secret,
            }
        }
        None => {
            if until_shutdown(&shutdown_rx, updates::remove_webhook(&raw))
                .await?
                .is_none()
            {
                signals.abort();
                return Ok(());
            }
            tracing::info!("long polling mode");
            updates::Source::Polling
        }
    };
    set_commands(&raw).await;

    let app = Arc::new(App {
        conv: conv.clone(),
        bot: bot.clone(),
        me,
        allowed: config.allowed,
    });

    // The reminder scheduler, with a real clock.
    let reminders = {
        let conv = conv.clone();
        let notifier = TelegramNotifier::new(bot.clone());
        let rx = shutdown_rx.clone();
        tokio::spawn(async move { conv.reminders.run(notifier, now, longest_wait(), rx).await })
    };

    let (tx, rx) = tokio::sync::mpsc::channel(256);
    let receiving = tokio::spawn(updates::receive(
        source,
        raw.clone(),
        tx,
        shutdown_rx.clone(),
    ));
    handle::dispatch(app, rx).await;
    // The receiver ends only on shutdown (or when the listener fails); either way stop.
    let _ = shutdown_tx.send(true);
    if let Err(e) = receiving.await {
        tracing::error!(error = %scrub(e), "update receiver failed");
    }
    if tokio::time::timeout(Duration::from_secs(10), reminders)
        .await
        .is_err()
    {
        tracing::warn!("reminder scheduler did not stop in time");
    }
    signals.abort();
    store.flush().map_err(|e| anyhow!("刷新存储失败:{e}"))?;
    tracing::info!("stopped; store flushed");
    Ok(())
}

/// Runs `f` unless a shutdown is asked for first (then None).
async fn until_shutdown<T>(
    shutdown: &watch::Receiver<bool>,
    f: impl std::future::Future<Output = Result<T>>,
) -> Result<Option<T>> {
    let mut rx = shutdown.clone();
    if *rx.borrow() {
        return Ok(None);
    }
    tokio::select! {
        r = f => r.map(Some),
        _ = stopped(&mut rx) => Ok(None),
    }
}

/// Resolves when the shutdown flag is set.
pub(crate) async fn stopped(rx: &mut watch::Receiver<bool>) {
    let _ = rx.wait_for(|s| *s).await;
}

/// getMe, retried while the network or the server fails; a bad token is an error.
async fn startup_get_me(bot: &Bot) -> Result<Me> {
    let mut attempt = 0u32;
    loop {
        let why = match bot.get_me().await {
            Ok(me) => return Ok(me),
            Err(e) => match classify(&e) {
                crate::reminders::SendError::Temporary(why) => why,
                crate::reminders::SendError::RetryAfter(s) => {
                    tokio::time::sleep(Duration::from_secs(s)).await;
                    continue;
                }
                _ => bail!("Bot API 拒绝了 getMe(令牌是否正确?):{}", scrub_err(&e)),
            },
        };
        attempt += 1;
        let wait = send::backoff(attempt);
        tracing::warn!(attempt, wait_ms = wait.as_millis() as u64, error = %why, "getMe failed; retrying");
        tokio::time::sleep(wait).await;
    }
}

/// setMyCommands with the command table's names and Chinese descriptions.
async fn set_commands(bot: &Bot) {
    let commands: Vec<BotCommand> = rulebot_chat::commands::TABLE
        .iter()
        .map(|c| BotCommand::new(c.name, c.description))
        .collect();
    let r = send::with_retry("setMyCommands", 3, || {
        let req = bot.set_my_commands(commands.clone());
        async move { req.await }
    })
    .await;
    if let Err(e) = r {
        tracing::warn!(error = %scrub_err(&e), "setMyCommands failed; the command menu may be stale");
    }
}

/// Sets the shutdown flag on SIGTERM or SIGINT; a second signal exits at once.
pub(crate) async fn watch_signals(tx: watch::Sender<bool>) {
    let mut count = 0;
    loop {
        wait_for_signal().await;
        count += 1;
        if count == 1 {
            tracing::info!("signal received; finishing in-flight answers and stopping");
            let _ = tx.send(true);
        } else {
            tracing::warn!("second signal; exiting now");
            std::process::exit(130);
        }
    }
}

#[cfg(unix)]
async fn wait_for_signal() {
    use tokio::signal::unix::{SignalKind, signal};
    match signal(SignalKind::terminate()) {
        Ok(mut term) => {
            tokio::select! {
                _ = term.recv() => {}
                _ = tokio::signal::ctrl_c() => {}
            }
        }
        Err(_) => {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

#[cfg(not(unix))]
async fn wait_for_signal() {
    let _ = tokio::signal::ctrl_c().await;
}

/// Compiles, on a thread of its own, the patterns a question would otherwise
/// compile on first use, and fills their tables by answering the intents'
/// examples (see [`crate::engine::Engine::warm`]): the start does not wait
/// for them, and the first questions rarely do.
pub fn warm_in_background(engine: Arc<crate::engine::Engine>) {
    let spawned = std::thread::Builder::new()
        .name("warm".into())
        .spawn(move || {
            if let Err(e) = engine.warm(now()) {
                tracing::warn!(error = %e, "a pattern did not compile; it matches nothing");
            }
        });
    if let Err(e) = spawned {
        tracing::warn!(error = %e, "could not start the warm-up thread");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_parse() {
        assert_eq!(parse_operators("").unwrap(), HashSet::new());
        assert_eq!(
            parse_operators("12, 34,56").unwrap(),
            HashSet::from([12, 34, 56])
        );
        assert!(parse_operators("12,abc").is_err());
    }

    #[test]
    fn allowed_chats_parse() {
        let s = parse_allowed_chats("1, -1001234567890,42").unwrap();
        assert!(s.contains(&1) && s.contains(&-1001234567890) && s.contains(&42));
        assert!(parse_allowed_chats("1,abc").is_err());
        assert!(parse_allowed_chats(" , ").is_err());
    }

    #[test]
    fn scrub_removes_the_token() {
        let _ = TOKEN.set("123:SECRET".into());
        if TOKEN.get().map(String::as_str) == Some("123:SECRET") {
            assert_eq!(
                scrub("error sending request for url (http://x/bot123:SECRET/GetMe)"),
                "error sending request for url (http://x/bot<token>/GetMe)"
            );
        }
    }
}
