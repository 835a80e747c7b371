//! Shared by the bot tests: a fake Telegram Bot API server (axum on 127.0.0.1)
//! that records every call and serves queued updates, builders for updates, and a
//! guard around a running `rulebot serve`.
#![allow(dead_code)]

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path as UrlPath, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};

pub const TOKEN: &str = "123456789:TEST-token_ABCdefGHIjkl";
pub const BOT_ID: i64 = 777_000_111;
pub const BOT_USERNAME: &str = "rulebot_test_bot";

/// One recorded Bot API call.
#[derive(Debug, Clone)]
pub struct Call {
    pub method: String,
    pub body: Value,
    pub at: Instant,
}

#[derive(Default)]
struct Inner {
    updates: Vec<Value>,
    next_update_id: i64,
    next_message_id: i64,
    /// The highest offset getUpdates was called with (updates below are confirmed).
    confirmed: i64,
    calls: Vec<Call>,
    admins: HashSet<(i64, i64)>,
    /// Chats whose next sendMessage is answered 429 (retry_after seconds).
    rate_limit_once: HashMap<i64, u64>,
    /// Chats whose next sendMessage has its connection dropped.
    drop_once: HashSet<i64>,
    /// Files users sent: file_id → (file_path, bytes), for getFile and the download.
    files: HashMap<String, (String, Vec<u8>)>,
    /// Paths of the files downloaded, in order.
    downloads: Vec<String>,
}

/// The fake Bot API.
#[derive(Clone)]
pub struct FakeApi {
    pub addr: SocketAddr,
    inner: Arc<Mutex<Inner>>,
    changed: Arc<tokio::sync::Notify>,
}

impl FakeApi {
    /// Starts the server on 127.0.0.1 (a free port).
    pub async fn start() -> FakeApi {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let api = FakeApi {
            addr,
            inner: Arc::new(Mutex::new(Inner {
                next_update_id: 1000,
                next_message_id: 5000,
                ..Inner::default()
            })),
            changed: Arc::new(tokio::sync::Notify::new()),
        };
        let app = Router::new()
            .route("/{bot}/{method}", post(handle))
            .route("/file/{bot}/{*path}", get(download))
            .with_state(api.clone());
        tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        api
    }

    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Queues an update (its update_id is filled in); returns the update_id.
    pub fn push(&self, mut update: Value) -> i64 {
        let id = {
            let mut g = self.lock();
            g.next_update_id += 1;
            let id = g.next_update_id;
            update["update_id"] = json!(id);
            g.updates.push(update);
            id
        };
        self.changed.notify_waiters();
        id
    }

    /// A new message id (for messages users send).
    pub fn message_id(&self) -> i64 {
        let mut g = self.lock();
        g.next_message_id += 1;
        g.next_message_id
    }

    /// A file a user sends: getFile answers with its path, and the file URL
    /// (`/file/bot<token>/<path>`) serves its bytes.
    pub fn add_file(&self, file_id: &str, bytes: Vec<u8>) {
        let path = format!("documents/{file_id}");
        self.lock().files.insert(file_id.to_string(), (path, bytes));
    }

    /// The file paths downloaded so far.
    pub fn downloads(&self) -> Vec<String> {
        self.lock().downloads.clone()
    }

    pub fn make_admin(&self, chat: i64, user: i64) {
        self.lock().admins.insert((chat, user));
    }

    pub fn rate_limit_next_send(&self, chat: i64, retry_after: u64) {
        self.lock().rate_limit_once.insert(chat, retry_after);
    }

    pub fn drop_next_send(&self, chat: i64) {
        self.lock().drop_once.insert(chat);
    }

    /// How many calls of a method were made (cheap: nothing is cloned).
    pub fn count(&self, method: &str) -> usize {
        self.lock()
            .calls
            .iter()
            .filter(|c| c.method == method)
            .count()
    }

    pub fn calls(&self, method: &str) -> Vec<Call> {
        self.lock()
            .calls
            .iter()
            .filter(|c| c.method == method)
            .cloned()
            .collect()
    }

    /// Messages sent to a chat (successful or not), in order.
    pub fn sent_to(&self, chat: i64) -> Vec<Call> {
        self.calls("SendMessage")
            .into_iter()
            .filter(|c| c.body["chat_id"].as_i64() == Some(chat))
            .collect()
    }

    pub fn confirmed(&self) -> i64 {
        self.lock().confirmed
    }

    /// Waits until `f` gives Some, or panics after `timeout`.
    pub async fn wait_for<T>(
        &self,
        what: &str,
        timeout: Duration,
        mut f: impl FnMut(&FakeApi) -> Option<T>,
    ) -> T {
        let deadline = Instant::now() + timeout;
        loop {
            let notified = self.changed.notified();
            if let Some(v) = f(self) {
                return v;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                panic!("timed out after {timeout:?} waiting for {what}");
            }
            let _ = tokio::time::timeout(left.min(Duration::from_millis(200)), notified).await;
        }
    }

    /// Waits for the `n`-th (1-based) sendMessage to a chat that got through.
    pub async fn wait_sent(&self, chat: i64, n: usize, timeout: Duration) -> Vec<Call> {
        self.wait_for(&format!("{n} message(s) to chat {chat}"), timeout, |api| {
            let v: Vec<Call> = api
                .sent_to(chat)
                .into_iter()
                .filter(|c| c.body["_delivered"].as_bool() == Some(true))
                .collect();
            (v.len() >= n).then_some(v)
        })
        .await
    }

    /// Waits until the bot has fetched and confirmed update `id` (it asked for
    /// updates after it).
    pub async fn wait_confirmed(&self, id: i64, timeout: Duration) {
        self.wait_for(&format!("update {id} confirmed"), timeout, |api| {
            (api.confirmed() > id).then_some(())
        })
        .await
    }
}

/// The file download (`{api_url}/file/bot<token>/<file_path>`).
async fn download(
    State(api): State<FakeApi>,
    UrlPath((bot, path)): UrlPath<(String, String)>,
) -> Response {
    if bot != format!("bot{TOKEN}") {
        return StatusCode::NOT_FOUND.into_response();
    }
    let found = {
        let mut g = api.lock();
        g.downloads.push(path.clone());
        g.files
            .values()
            .find(|(p, _)| *p == path)
            .map(|(_, b)| b.clone())
    };
    api.changed.notify_waiters();
    match found {
        Some(bytes) => bytes.into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

fn ok(result: Value) -> Response {
    axum::Json(json!({"ok": true, "result": result})).into_response()
}

fn chat_json(id: i64) -> Value {
    if id < 0 {
        json!({"id": id, "type": "supergroup", "title": "测试办公室群"})
    } else {
        json!({"id": id, "type": "private", "first_name": "测试"})
    }
}

pub fn user_json(id: i64, name: &str) -> Value {
    json!({"id": id, "is_bot": false, "first_name": name})
}

pub fn bot_user_json() -> Value {
    json!({"id": BOT_ID, "is_bot": true, "first_name": "规则助手", "username": BOT_USERNAME})
}

/// The text fields of a multipart/form-data body, as a JSON object.
fn multipart_fields(content_type: &str, body: &[u8]) -> Option<Value> {
    let boundary = content_type.split("boundary=").nth(1)?.trim_matches('"');
    let body = String::from_utf8_lossy(body);
    let mut out = serde_json::Map::new();
    for part in body.split(&format!("--{boundary}")) {
        let Some((head, value)) = part.split_once("\r\n\r\n") else {
            continue;
        };
        let Some(name) = head
            .split("name=\"")
            .nth(1)
            .and_then(|n| n.split('"').next())
        else {
            continue;
        };
        let value = value.strip_suffix("\r\n").unwrap_or(value);
        let v = serde_json::from_str(value).unwrap_or_else(|_| json!(value));
        out.insert(name.to_string(), v);
    }
    Some(Value::Object(out))
}

async fn handle(
    State(api): State<FakeApi>,
    UrlPath((bot, method)): UrlPath<(String, String)>,
    headers: axum::http::HeaderMap,
    body: Bytes,
) -> Response {
    if bot != format!("bot{TOKEN}") {
        return (
            StatusCode::NOT_FOUND,
            axum::Json(json!({"ok": false, "error_code": 404, "description": "Not Found"})),
        )
            .into_response();
    }
    let content_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let mut body: Value = if body.is_empty() {
        json!({})
    } else if content_type.starts_with("multipart/form-data") {
        multipart_fields(&content_type, &body).unwrap_or(json!({"_unparsed": true}))
    } else {
        serde_json::from_slice(&body).unwrap_or(json!({"_unparsed": true}))
    };
    let record = |api: &FakeApi, body: &Value| {
        api.lock().calls.push(Call {
            method: method.clone(),
            body: body.clone(),
            at: Instant::now(),
        });
        api.changed.notify_waiters();
    };
    match method.as_str() {
        "GetMe" => {
            record(&api, &body);
            let mut me = bot_user_json();
            me["can_join_groups"] = json!(true);
            me["can_read_all_group_messages"] = json!(false);
            me["supports_inline_queries"] = json!(false);
            me["has_main_web_app"] = json!(false);
            me["can_connect_to_business"] = json!(false);
            ok(me)
        }
        "GetWebhookInfo" => {
            record(&api, &body);
            ok(json!({"url": "", "has_custom_certificate": false, "pending_update_count": 0}))
        }
        "DeleteWebhook" | "SetWebhook" | "SetMyCommands" | "AnswerCallbackQuery" => {
            record(&api, &body);
            ok(json!(true))
        }
        "GetUpdates" => {
            record(&api, &body);
            let offset = body["offset"].as_i64().unwrap_or(0);
            let timeout = body["timeout"].as_u64().unwrap_or(0).min(10);
            let limit = body["limit"].as_u64().unwrap_or(100) as usize;
            let deadline = Instant::now() + Duration::from_secs(timeout);
            // As Telegram: an offset confirms (forgets) every update below it.
            let offset = {
                let mut g = api.lock();
                g.confirmed = g.confirmed.max(offset);
                g.confirmed
            };
            api.changed.notify_waiters();
            loop {
                let notified = api.changed.notified();
                let ready: Vec<Value> = api
                    .lock()
                    .updates
                    .iter()
                    .filter(|u| u["update_id"].as_i64().unwrap_or(0) >= offset)
                    .take(limit)
                    .cloned()
                    .collect();
                let left = deadline.saturating_duration_since(Instant::now());
                if !ready.is_empty() || left.is_zero() {
                    return ok(Value::Array(ready));
                }
                let _ = tokio::time::timeout(left, notified).await;
            }
        }
        "GetFile" => {
            record(&api, &body);
            let id = body["file_id"].as_str().unwrap_or("").to_string();
            let file = api.lock().files.get(&id).cloned();
            match file {
                Some((path, bytes)) => ok(json!({
                    "file_id": id,
                    "file_unique_id": format!("u{id}"),
                    "file_size": bytes.len(),
                    "file_path": path,
                })),
                None => (
                    StatusCode::BAD_REQUEST,
                    axum::Json(json!({"ok": false, "error_code": 400, "description": "Bad Request: invalid file_id"})),
                )
                    .into_response(),
            }
        }
        "GetChatMember" => {
            record(&api, &body);
            let chat = body["chat_id"].as_i64().unwrap_or(0);
            let user = body["user_id"].as_i64().unwrap_or(0);
            let admin = api.lock().admins.contains(&(chat, user));
            if admin {
                ok(
                    json!({"status": "creator", "user": user_json(user, "管理员"), "is_anonymous": false}),
                )
            } else {
                ok(json!({"status": "member", "user": user_json(user, "成员")}))
            }
        }
        "SendMessage" => {
            let chat = body["chat_id"].as_i64().unwrap_or(0);
            let limited = api.lock().rate_limit_once.remove(&chat);
            if let Some(s) = limited {
                body["_delivered"] = json!(false);
                body["_status"] = json!(429);
                record(&api, &body);
                return (
                    StatusCode::TOO_MANY_REQUESTS,
                    axum::Json(json!({
                        "ok": false, "error_code": 429,
                        "description": format!("Too Many Requests: retry after {s}"),
                        "parameters": {"retry_after": s}
                    })),
                )
                    .into_response();
            }
            let dropped = api.lock().drop_once.remove(&chat);
            if dropped {
                body["_delivered"] = json!(false);
                body["_status"] = json!("dropped");
                record(&api, &body);
                // Ends the connection without a response (a network error for the bot).
                std::panic::resume_unwind(Box::new("dropping the connection"));
            }
            let id = api.message_id();
            body["_delivered"] = json!(true);
            body["_message_id"] = json!(id);
            record(&api, &body);
            let mut msg = json!({
                "message_id": id,
                "date": chrono_now(),
                "chat": chat_json(chat),
                "from": bot_user_json(),
                "text": body["text"].as_str().unwrap_or(""),
            });
            if let Some(r) = body.get("reply_markup") {
                msg["reply_markup"] = r.clone();
            }
            ok(msg)
        }
        "EditMessageReplyMarkup" => {
            let chat = body["chat_id"].as_i64().unwrap_or(0);
            record(&api, &body);
            let mut msg = json!({
                "message_id": body["message_id"].as_i64().unwrap_or(0),
                "date": chrono_now(),
                "chat": chat_json(chat),
                "from": bot_user_json(),
                "text": "",
            });
            if let Some(r) = body.get("reply_markup") {
                msg["reply_markup"] = r.clone();
            }
            ok(msg)
        }
        _ => {
            record(&api, &body);
            (
                StatusCode::NOT_FOUND,
                axum::Json(json!({"ok": false, "error_code": 404, "description": "Not Found: method not found"})),
            )
                .into_response()
        }
    }
}

fn chrono_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// UTF-16 length (entity offsets and lengths are in UTF-16 units).
pub fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// A message update.
pub fn message(api: &FakeApi, chat: i64, user: i64, text: &str) -> (Value, i64) {
    let id = api.message_id();
    let u = json!({
        "message": {
            "message_id": id,
            "date": chrono_now(),
            "chat": chat_json(chat),
            "from": user_json(user, "张三"),
            "text": text,
        }
    });
    (u, id)
}

/// A message update carrying a file (a document) with an optional caption; the
/// size is the one Telegram states (the bytes served are `api.add_file`'s).
pub fn document(
    api: &FakeApi,
    chat: i64,
    user: i64,
    file_id: &str,
    file_name: &str,
    size: usize,
    caption: Option<&str>,
) -> (Value, i64) {
    let id = api.message_id();
    let mut u = json!({
        "message": {
            "message_id": id,
            "date": chrono_now(),
            "chat": chat_json(chat),
            "from": user_json(user, "张三"),
            "document": {
                "file_id": file_id,
                "file_unique_id": format!("u{file_id}"),
                "file_name": file_name,
                "file_size": size,
            },
        }
    });
    if let Some(c) = caption {
        u["message"]["caption"] = json!(c);
    }
    (u, id)
}

/// Adds entities to a message update.
pub fn with_entities(mut u: Value, entities: Value) -> Value {
    u["message"]["entities"] = entities;
    u
}

/// Makes a message update a reply to one of the bot's messages.
pub fn replying_to_bot(mut u: Value, chat: i64, bot_message_id: i64) -> Value {
    u["message"]["reply_to_message"] = json!({
        "message_id": bot_message_id,
        "date": chrono_now(),
        "chat": chat_json(chat),
        "from": bot_user_json(),
        "text": "(之前的回答)",
    });
    u
}

/// A button press on one of the bot's messages.
pub fn callback(chat: i64, user: i64, bot_message_id: i64, data: &str) -> Value {
    json!({
        "callback_query": {
            "id": format!("cb{bot_message_id}{user}"),
            "from": user_json(user, "张三"),
            "chat_instance": "ci",
            "data": data,
            "message": {
                "message_id": bot_message_id,
                "date": chrono_now(),
                "chat": chat_json(chat),
                "from": bot_user_json(),
                "text": "(带按钮的回答)",
            }
        }
    })
}

/// The HTML tags Telegram accepts (those rulebot uses among them).
const TAGS: &[&str] = &[
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "code",
    "pre",
    "a",
    "blockquote",
    "tg-spoiler",
    "span",
];

/// Checks a message is valid Telegram HTML: only known tags, properly nested, and
/// every & starts an entity. Returns the text with tags removed and entities
/// decoded.
pub fn check_html(html: &str) -> Result<String, String> {
    let mut stack: Vec<String> = Vec::new();
    let mut out = String::new();
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        match c {
            '<' => {
                let end = rest
                    .find('>')
                    .ok_or_else(|| format!("unclosed < in {html:?}"))?;
                let tag = &rest[1..end];
                let (closing, name) = match tag.strip_prefix('/') {
                    Some(n) => (true, n),
                    None => (false, tag),
                };
                let name = name.split_whitespace().next().unwrap_or("").to_string();
                if !TAGS.contains(&name.as_str()) {
                    return Err(format!("unknown tag <{tag}> in {html:?}"));
                }
                if closing {
                    if stack.pop().as_deref() != Some(name.as_str()) {
                        return Err(format!("misnested </{name}> in {html:?}"));
                    }
                } else {
                    stack.push(name);
                }
                rest = &rest[end + 1..];
            }
            '&' => {
                let (ent, ch) = [
                    ("&amp;", '&'),
                    ("&lt;", '<'),
                    ("&gt;", '>'),
                    ("&quot;", '"'),
                ]
                .into_iter()
                .find(|(e, _)| rest.starts_with(e))
                .ok_or_else(|| format!("bare & in {html:?}"))?;
                out.push(ch);
                rest = &rest[ent.len()..];
            }
            '>' => return Err(format!("bare > in {html:?}")),
            c => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    if !stack.is_empty() {
        return Err(format!("unclosed tags {stack:?} in {html:?}"));
    }
    Ok(out)
}

/// A running `rulebot serve`; killed when dropped. Its standard error is collected.
pub struct Serve {
    pub child: Child,
    pub stderr: Arc<Mutex<String>>,
}

/// Copies the shipped data folder, adding a document with an article far longer
/// than one Telegram message (to test splitting through the binary).
pub fn data_with_long_article(dir: &Path) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let data = dir.join("data");
    copy_dir(&root, &data);
    std::fs::write(
        data.join("rules/longtest-2024.toml"),
        r#"jurisdiction = "长文市"
short_names = ["长文"]
government = "市政府"
title = "长文市人民政府工作规则"
doc_number = "长政发〔2024〕1号"
issued = "2024-01-01"
source = "longtest-2024.txt"
"#,
    )
    .unwrap();
    let mut text = String::from(
        "长文市人民政府工作规则\n第一章 总则\n第一条 为规范市政府工作,制定本规则。\n第二条 市政府各部门的工作要求如下:\n",
    );
    for i in 1..=119 {
        text.push_str(&format!(
            "({i})市政府各部门应当按照职责分工,认真做好<本部门>承担的各项工作&及时报告进展情况,确保政令畅通。\n"
        ));
    }
    text.push_str("第三条 本规则自印发之日起施行。\n");
    std::fs::write(data.join("rules/longtest-2024.txt"), text).unwrap();
    data
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

impl Serve {
    /// Starts `rulebot serve` against the fake API with the store at `db`.
    pub fn start(
        api: &FakeApi,
        db: &Path,
        data: Option<&Path>,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Serve {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_rulebot"));
        cmd.arg("serve")
            .args(args)
            .env("RULEBOT_DB", db)
            .env("TELOXIDE_TOKEN", TOKEN)
            .env("TELOXIDE_API_URL", api.url())
            .env("RUST_LOG", "debug")
            .env_remove("RULEBOT_ALLOWED_CHATS")
            .env_remove("TELOXIDE_PROXY")
            .env_remove("RULEBOT_WEBHOOK_SECRET")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        if let Some(d) = data {
            cmd.env("RULEBOT_DATA", d);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("start rulebot serve");
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut pipe = child.stderr.take().unwrap();
        let sink = stderr.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            loop {
                match pipe.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => sink
                        .lock()
                        .unwrap()
                        .push_str(&String::from_utf8_lossy(&buf[..n])),
                }
            }
        });
        Serve { child, stderr }
    }

    /// Starts `rulebot serve ARGS` for a callback platform (no Telegram
    /// variables) with the store at `db`, the environment given.
    pub fn start_platform(db: &Path, args: &[&str], env: &[(&str, &str)]) -> Serve {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_rulebot"));
        cmd.arg("serve")
            .args(args)
            .env("RULEBOT_DB", db)
            .env("RUST_LOG", "debug")
            .env_remove("TELOXIDE_TOKEN")
            .env_remove("RULEBOT_OPERATORS")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("start rulebot serve");
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut pipe = child.stderr.take().unwrap();
        let sink = stderr.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            loop {
                match pipe.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => sink
                        .lock()
                        .unwrap()
                        .push_str(&String::from_utf8_lossy(&buf[..n])),
                }
            }
        });
        Serve { child, stderr }
    }

    /// Waits until something listens on `addr` (or panics, with the log).
    pub async fn wait_listening(&self, addr: &str, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        while tokio::net::TcpStream::connect(addr).await.is_err() {
            assert!(
                Instant::now() < deadline,
                "rulebot never listened on {addr}; stderr:\n{}",
                self.stderr()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// CPU time (user + system) the process has used so far, in seconds (Linux).
    pub fn cpu_seconds(&self) -> Option<f64> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.child.id())).ok()?;
        // Fields after the command name (which is in parentheses): utime is the 12th.
        let rest = &stat[stat.rfind(')')? + 2..];
        let f: Vec<&str> = rest.split_whitespace().collect();
        let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
        Some(ticks / 100.0)
    }

    /// Sends SIGTERM and waits (bounded) for the exit code.
    pub async fn terminate(&mut self, timeout: Duration) -> Option<i32> {
        let pid = self.child.id().to_string();
        let st = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        assert!(st.success());
        self.wait(timeout).await
    }

    /// Waits (bounded) for the process to exit; its exit code.
    pub async fn wait(&mut self, timeout: Duration) -> Option<i32> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(st) = self.child.try_wait().unwrap() {
                return st.code();
            }
            if Instant::now() > deadline {
                panic!(
                    "rulebot did not exit within {timeout:?}; stderr:\n{}",
                    self.stderr()
                );
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

/// A free port on 127.0.0.1, as "127.0.0.1:PORT".
pub fn free_addr() -> String {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().to_string()
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
