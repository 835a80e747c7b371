//! What the HTTP-callback platforms (企业微信, 钉钉) share: the axum server with
//! the same limits as Telegram's webhook (bodies, time, requests in flight,
//! connections), one ordered lane of work per chat so a member's messages are
//! answered in order while the callback is acknowledged at once, the replay
//! guard (timestamps far off, message ids already seen), numbered choices that
//! stand in for buttons, and the markdown rendering ([`markdown`]).

pub mod markdown;

use std::collections::{HashMap, HashSet, VecDeque};
use std::future::Future;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Result, anyhow};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use chrono::{DateTime, FixedOffset};
use tokio::net::TcpListener;
use tokio::sync::{mpsc, watch};
use tokio::task::JoinSet;
use tower::limit::ConcurrencyLimitLayer;
use tower_http::timeout::TimeoutLayer;

use crate::conversation::{ChatKind, Conversation, Incoming, Reply, SORRY};
use crate::peers::{self, Peer};
use crate::reminders::Notifier;
use crate::reply::Action;
use crate::store::{Opened, Paths};

/// The largest callback body accepted.
pub const MAX_BODY: usize = 1 << 20;
/// How long one callback request may take, body included.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);
/// Callback requests served at once.
pub const MAX_IN_FLIGHT: usize = 64;
/// A lane ends after this long without work.
const LANE_IDLE: Duration = Duration::from_secs(600);
/// How long numbered choices stay open.
const CHOICES_OPEN: Duration = Duration::from_secs(24 * 3600);

/// The limits every callback server has: bodies up to [`MAX_BODY`], each
/// request bounded by [`REQUEST_TIMEOUT`], at most [`MAX_IN_FLIGHT`] at once.
pub fn limited<S: Clone + Send + Sync + 'static>(router: Router<S>) -> Router<S> {
    router
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(ConcurrencyLimitLayer::new(MAX_IN_FLIGHT))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
}

/// Serves `app` (already [`limited`]) on `listener` until shutdown; connections
/// bounded and idle ones closed by [`Capped`](crate::bot::listener::Capped).
pub async fn serve(listener: TcpListener, app: Router, mut shutdown: watch::Receiver<bool>) {
    let served = axum::serve(crate::bot::listener::Capped::new(listener), app)
        .with_graceful_shutdown(async move {
            let _ = shutdown.wait_for(|s| *s).await;
        })
        .await;
    if let Err(e) = served {
        tracing::error!(error = %e, "the callback server failed");
    }
}

/// Work for one chat, handed to its lane.
pub type Job = std::pin::Pin<Box<dyn Future<Output = ()> + Send>>;

/// Runs jobs one chat at a time, in the order they arrived (chats side by side),
/// until the channel closes; then waits for the jobs already given.
pub async fn lanes(mut rx: mpsc::Receiver<(String, Job)>) {
    let mut workers: HashMap<String, mpsc::UnboundedSender<Job>> = HashMap::new();
    let mut tasks = JoinSet::new();
    while let Some((key, job)) = rx.recv().await {
        let mut pending = Some(job);
        if let Some(w) = workers.get(&key) {
            match w.send(pending.take().expect("job")) {
                Ok(()) => {}
                Err(e) => pending = Some(e.0),
            }
        }
        if let Some(job) = pending {
            let (wtx, wrx) = mpsc::unbounded_channel();
            let _ = wtx.send(job);
            workers.insert(key, wtx);
            tasks.spawn(lane(wrx));
        }
        while let Some(r) = tasks.try_join_next() {
            if let Err(e) = r {
                tracing::error!(error = %e, "a chat's lane failed");
            }
        }
        if workers.len() > 256 {
            workers.retain(|_, w| !w.is_closed());
        }
    }
    drop(workers);
    while let Some(r) = tasks.join_next().await {
        if let Err(e) = r {
            tracing::error!(error = %e, "a chat's lane failed");
        }
    }
}

async fn lane(mut rx: mpsc::UnboundedReceiver<Job>) {
    loop {
        match tokio::time::timeout(LANE_IDLE, rx.recv()).await {
            Ok(Some(job)) => job.await,
            Ok(None) => return,
            Err(_) => {
                rx.close();
                while let Ok(job) = rx.try_recv() {
                    job.await;
                }
                return;
            }
        }
    }
}

/// Is a callback's timestamp (Unix seconds) within `window` seconds of now?
pub fn fresh(timestamp: i64, now: i64, window: i64) -> bool {
    (now - timestamp).abs() <= window
}

/// The message ids seen lately (a bounded memory: the oldest are forgotten
/// first; older ones are stopped by the timestamp window).
pub struct Seen {
    set: HashSet<String>,
    order: VecDeque<String>,
    cap: usize,
}

impl Seen {
    /// Remembers up to `cap` ids.
    pub fn new(cap: usize) -> Seen {
        Seen {
            set: HashSet::new(),
            order: VecDeque::new(),
            cap: cap.max(1),
        }
    }

    /// Records `id`; false when it was already seen.
    pub fn first_time(&mut self, id: &str) -> bool {
        if self.set.contains(id) {
            return false;
        }
        if self.order.len() >= self.cap
            && let Some(old) = self.order.pop_front()
        {
            self.set.remove(&old);
        }
        self.set.insert(id.to_string());
        self.order.push_back(id.to_string());
        true
    }
}

/// The numbered choices last offered to a member in a chat, which a reply of
/// just a number picks (the platforms' stand-in for buttons). Kept in memory:
/// after a restart a number is read as an ordinary message.
#[derive(Default)]
pub struct Choices {
    open: Mutex<HashMap<(i64, i64), Offered>>,
}

/// When choices were offered, and what each number does.
type Offered = (Instant, Vec<Action>);

impl Choices {
    /// Offers `actions` to `user` in `chat` (replacing what was offered before).
    pub fn offer(&self, chat: i64, user: i64, actions: Vec<Action>) {
        let mut open = self.open.lock().unwrap_or_else(|p| p.into_inner());
        if open.len() > 10_000 {
            open.retain(|_, (at, _)| at.elapsed() < CHOICES_OPEN);
        }
        if actions.is_empty() {
            open.remove(&(chat, user));
        } else {
            open.insert((chat, user), (Instant::now(), actions));
        }
    }

    /// The action numbered `n` (1-based) offered to `user` in `chat`, if open.
    pub fn pick(&self, chat: i64, user: i64, n: usize) -> Option<Action> {
        let open = self.open.lock().unwrap_or_else(|p| p.into_inner());
        let (at, actions) = open.get(&(chat, user))?;
        if at.elapsed() >= CHOICES_OPEN {
            return None;
        }
        actions.get(n.checked_sub(1)?).cloned()
    }
}

/// The set of RULEBOT_OPERATORS (platform user ids who administer every group
/// where the platform does not say who does).
pub fn operators_from_env() -> HashSet<String> {
    std::env::var("RULEBOT_OPERATORS")
        .unwrap_or_default()
        .split([',', ',', ' ', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Reads required environment variables; the error names every one missing, in
/// Chinese and English.
pub fn require_env(platform: &str, names: &[(&str, &str)]) -> anyhow::Result<Vec<String>> {
    let mut values = Vec::new();
    let mut missing = Vec::new();
    for (name, what) in names {
        match std::env::var(name) {
            Ok(v) if !v.trim().is_empty() => values.push(v.trim().to_string()),
            _ => missing.push(format!("{name}({what})")),
        }
    }
    if !missing.is_empty() {
        anyhow::bail!(
            "{platform} 缺少环境变量 / missing environment variables: {}",
            missing.join("、")
        );
    }
    Ok(values)
}

/// What a platform's handlers share: the conversation, the lanes' queue and the
/// open numbered choices.
#[derive(Clone)]
pub struct Ctx {
    /// The one brain.
    pub conv: Arc<Conversation>,
    /// Work for the lanes: (chat key, job).
    pub jobs: mpsc::Sender<(String, Job)>,
    /// Numbered choices offered.
    pub choices: Arc<Choices>,
}

impl Ctx {
    /// Queues a job on its chat's lane; false when the queue is full (the
    /// platform gets a 503 and retries).
    pub fn queue(&self, chat_key: String, job: Job) -> bool {
        self.jobs.try_send((chat_key, job)).is_ok()
    }
}

/// Where a platform's messages come from besides HTTP callbacks: a task given
/// the shutdown flag (钉钉's stream connection).
pub type Source = Box<dyn FnOnce(watch::Receiver<bool>) -> Job + Send>;

/// What a platform brings to [`run`].
pub struct Parts<N> {
    /// The callback routes (served on `--listen`), if it takes callbacks.
    pub router: Option<Router>,
    /// Delivers reminders.
    pub notifier: N,
    /// A connection of its own that receives messages, if any.
    pub source: Option<Source>,
}

/// Runs a platform until SIGTERM or Ctrl-C: opens the store, builds the
/// platform's parts with `build` (a router at its path, a reminder notifier, a
/// source of its own), serves the router on `listen`, runs the source and the
/// reminder scheduler; on shutdown in-flight answers finish and the store is
/// flushed.
pub fn run<N, F>(paths: &Paths, listen: Option<SocketAddr>, name: &str, build: F) -> Result<()>
where
    N: Notifier + 'static,
    F: FnOnce(Ctx) -> Result<Parts<N>>,
{
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let result = rt.block_on(async move {
        let listen = listen.unwrap_or_else(|| {
            crate::bot::DEFAULT_LISTEN
                .parse()
                .expect("valid default listen address")
        });
        let Opened { engine, store, .. } = crate::store::open(paths)?;
        let conv = Arc::new(Conversation::new(engine, store.clone()).with_command_words());
        crate::bot::warm_in_background(conv.engine());
        let (jobs, jobs_rx) = mpsc::channel(256);
        let ctx = Ctx {
            conv: conv.clone(),
            jobs,
            choices: Arc::new(Choices::default()),
        };
        let parts = build(ctx)?;
        let listener = match &parts.router {
            Some(_) => {
                let l = TcpListener::bind(listen)
                    .await
                    .map_err(|e| anyhow!("无法监听 {listen}:{e}"))?;
                let bound = l.local_addr().unwrap_or(listen);
                tracing::info!(listen = %bound, platform = name, "callback server listening");
                Some(l)
            }
            None => None,
        };

        let (shutdown_tx, shutdown_rx) = watch::channel(false);
        let signals = tokio::spawn(crate::bot::watch_signals(shutdown_tx.clone()));
        let reminders = {
            let conv = conv.clone();
            let rx = shutdown_rx.clone();
            let notifier = parts.notifier;
            let wait = crate::bot::longest_wait();
            tokio::spawn(async move {
                conv.reminders
                    .run(notifier, crate::bot::now, wait, rx)
                    .await
            })
        };
        let lanes = tokio::spawn(lanes(jobs_rx));
        let source = parts.source.map(|s| tokio::spawn(s(shutdown_rx.clone())));
        match (listener, parts.router) {
            (Some(l), Some(router)) => serve(l, router, shutdown_rx.clone()).await,
            _ => {
                let mut rx = shutdown_rx.clone();
                let _ = rx.wait_for(|s| *s).await;
            }
        }
        let _ = shutdown_tx.send(true);
        if let Some(s) = source
            && tokio::time::timeout(Duration::from_secs(10), s)
                .await
                .is_err()
        {
            tracing::warn!("the connection did not close in time");
        }
        // The router and the source (and with them every sender of the lanes'
        // queue) are gone: the lanes finish what they were given, then end.
        if let Err(e) = lanes.await {
            tracing::error!(error = %e, "the lanes failed");
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
    });
    rt.shutdown_timeout(Duration::from_secs(2));
    result
}

/// A text message from a platform, as the transport read it.
#[derive(Debug, Clone)]
pub struct Inbound {
    /// The chat (a member for a private chat, or a group).
    pub chat: Peer,
    /// The sender.
    pub user: Peer,
    /// How to address the sender in a group.
    pub user_name: Option<String>,
    /// From a group chat (already known to address the bot).
    pub group: bool,
    /// The text, the bot's mention removed.
    pub text: String,
    /// The sender administers the chat (always in a private chat).
    pub is_admin: bool,
    /// A button the platform says was pressed (a 企业微信 card's), if that is
    /// what this is rather than text.
    pub pressed: Option<Action>,
    /// When it arrived.
    pub now: DateTime<FixedOffset>,
}

/// The numeric ids of a message's chat and sender (stored before use).
pub async fn ids(conv: &Arc<Conversation>, chat: &Peer, user: &Peer) -> Result<(i64, i64)> {
    let conv = conv.clone();
    let (chat, user) = (chat.clone(), user.clone());
    tokio::task::spawn_blocking(move || -> Result<(i64, i64)> {
        let c = peers::id_for(&conv.store, &chat)?;
        let u = if user == chat {
            c
        } else {
            peers::id_for(&conv.store, &user)?
        };
        Ok((c, u))
    })
    .await?
}

/// What a message makes the conversation say: a number picks an open choice,
/// a command's word stands for the command, anything else goes to the
/// conversation as it is. The buttons of the last reply are offered as
/// numbered choices. Failures become an apology.
pub async fn converse(ctx: &Ctx, m: Inbound) -> Vec<Reply> {
    let (chat_id, user_id) = match ids(&ctx.conv, &m.chat, &m.user).await {
        Ok(x) => x,
        Err(e) => {
            tracing::error!(error = %e, "storing a chat's id failed");
            return vec![Reply::plain(SORRY, None)];
        }
    };
    let conv = ctx.conv.clone();
    let from_card = m.pressed.is_some();
    let picked = m.pressed.clone().or_else(|| {
        markdown::choice_number(&m.text).and_then(|n| ctx.choices.pick(chat_id, user_id, n))
    });
    let text = crate::commands::from_words(&m.text).unwrap_or_else(|| m.text.clone());
    let kind = if m.group {
        ChatKind::Group
    } else {
        ChatKind::Private
    };
    let result = tokio::task::spawn_blocking(move || match picked {
        Some(action) => conv
            .callback(chat_id, user_id, m.user_name, m.is_admin, &action, m.now)
            .into_iter()
            .collect(),
        None => conv.handle(&Incoming {
            chat_id,
            chat_kind: kind,
            user_id,
            user_name: m.user_name,
            message_id: None,
            text: &text,
            bot_username: None,
            mentions_bot: true,
            reply_to_bot: false,
            is_admin: m.is_admin,
            now: m.now,
        }),
    })
    .await;
    let replies: Vec<Reply> = match result {
        Ok(r) => r,
        Err(e) => {
            tracing::error!(error = %e, "the conversation failed on a message");
            vec![Reply::plain(SORRY, None)]
        }
    };
    // New buttons are the choices now open; a number that did what it offered
    // closes the choices it came from (a card's press leaves them).
    if let Some(last) = replies.last() {
        let actions: Vec<Action> = last.buttons.iter().map(|b| b.action.clone()).collect();
        if !actions.is_empty() || (last.settles.is_some() && !from_card) {
            ctx.choices.offer(chat_id, user_id, actions);
        }
    }
    replies
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_within_the_window_only() {
        assert!(fresh(1000, 1000, 300));
        assert!(fresh(700, 1000, 300));
        assert!(fresh(1300, 1000, 300));
        assert!(!fresh(699, 1000, 300));
        assert!(!fresh(1301, 1000, 300));
    }

    #[test]
    fn seen_ids_are_remembered_within_the_bound() {
        let mut s = Seen::new(2);
        assert!(s.first_time("a"));
        assert!(!s.first_time("a"));
        assert!(s.first_time("b"));
        assert!(s.first_time("c"));
        // "a" was forgotten first.
        assert!(s.first_time("a"));
        assert!(!s.first_time("c"));
    }

    #[test]
    fn choices_are_per_member_and_replaced() {
        let c = Choices::default();
        let done = |id: &str| Action::Done { id: id.into() };
        c.offer(1, 2, vec![done("a"), done("b")]);
        assert_eq!(c.pick(1, 2, 2), Some(done("b")));
        assert_eq!(c.pick(1, 3, 1), None);
        assert_eq!(c.pick(1, 2, 3), None);
        assert_eq!(c.pick(1, 2, 0), None);
        c.offer(1, 2, vec![done("c")]);
        assert_eq!(c.pick(1, 2, 1), Some(done("c")));
        c.offer(1, 2, Vec::new());
        assert_eq!(c.pick(1, 2, 1), None);
    }

    #[tokio::test]
    async fn lanes_keep_a_chats_order() {
        let (tx, rx) = mpsc::channel(16);
        let seen = Arc::new(Mutex::new(Vec::new()));
        for i in 0..5u64 {
            let seen = seen.clone();
            let job: Job = Box::pin(async move {
                // Earlier jobs take longer: order must still hold.
                tokio::time::sleep(Duration::from_millis(10 * (5 - i))).await;
                seen.lock().unwrap().push(i);
            });
            tx.send(("chat".to_string(), job)).await.unwrap();
        }
        drop(tx);
        lanes(rx).await;
        assert_eq!(*seen.lock().unwrap(), vec![0, 1, 2, 3, 4]);
    }
}
