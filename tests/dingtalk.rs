//! The real binary as a 钉钉 robot (`rulebot serve --platform dingtalk`) against
//! a fake DingTalk API on 127.0.0.1 (accessToken, oToMessages/batchSend,
//! groupMessages/send, session webhooks), driven with signed callbacks.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::{Path as UrlPath, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::post;
use serde_json::{Value, json};

use crate::common::*;

const T: Duration = Duration::from_secs(30);
const APP_KEY: &str = "dingappkey123";
const APP_SECRET: &str = "dingtalk-test-secret-never-logged";
const ROBOT: &str = "dingrobot123";

/// One message the bot sent (or tried to).
#[derive(Debug, Clone)]
struct Sent {
    /// "webhook:<session>", "batchSend" or "groupSend".
    via: String,
    body: Value,
    status: u16,
}

impl Sent {
    /// The markdown text, wherever it was sent.
    fn text(&self) -> String {
        if let Some(t) = self.body["markdown"]["text"].as_str() {
            return t.to_string();
        }
        let param: Value =
            serde_json::from_str(self.body["msgParam"].as_str().unwrap_or("{}")).unwrap();
        param["text"].as_str().unwrap_or("").to_string()
    }
}

#[derive(Default)]
struct Inner {
    /// connections/open calls, and the WebSocket endpoint they hand out.
    opens: usize,
    ws_endpoint: String,
    issued: u32,
    current: Option<String>,
    expire_next: bool,
    tokens: usize,
    sent: Vec<Sent>,
}

#[derive(Clone)]
struct FakeDing {
    addr: String,
    inner: Arc<Mutex<Inner>>,
}

impl FakeDing {
    async fn start() -> FakeDing {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        let fake = FakeDing {
            addr,
            inner: Arc::new(Mutex::new(Inner::default())),
        };
        let app = Router::new()
            .route("/v1.0/oauth2/accessToken", post(access_token))
            .route("/v1.0/robot/oToMessages/batchSend", post(batch_send))
            .route("/v1.0/robot/groupMessages/send", post(group_send))
            .route("/session/{id}", post(session))
            .route("/v1.0/gateway/connections/open", post(open_connection))
            .with_state(fake.clone());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        fake
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn webhook(&self, session: &str) -> String {
        format!("http://{}/session/{session}", self.addr)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn sent(&self) -> Vec<Sent> {
        self.lock().sent.clone()
    }

    fn delivered(&self, via: &str) -> Vec<Sent> {
        self.sent()
            .into_iter()
            .filter(|s| s.status == 200 && s.via == via)
            .collect()
    }

    async fn wait_n(&self, via: &str, n: usize) -> Vec<Sent> {
        let deadline = std::time::Instant::now() + T;
        loop {
            let v = self.delivered(via);
            if v.len() >= n {
                return v;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "timed out waiting for {n} via {via}; sent: {:#?}",
                self.sent()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

async fn access_token(
    State(f): State<FakeDing>,
    axum::Json(body): axum::Json<Value>,
) -> axum::response::Response {
    let mut g = f.lock();
    g.tokens += 1;
    if body["appKey"] != json!(APP_KEY) || body["appSecret"] != json!(APP_SECRET) {
        return (
            StatusCode::BAD_REQUEST,
            axum::Json(json!({"code": "invalidClientIdOrSecret", "message": "无效的凭证"})),
        )
            .into_response();
    }
    g.issued += 1;
    let t = format!("dt-{}", g.issued);
    g.current = Some(t.clone());
    axum::Json(json!({"accessToken": t, "expireIn": 7200})).into_response()
}

fn api_send(f: &FakeDing, via: &str, headers: &HeaderMap, body: Value) -> axum::response::Response {
    let mut g = f.lock();
    let token = headers
        .get("x-acs-dingtalk-access-token")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let ok = !g.expire_next && token.is_some() && token == g.current;
    if g.expire_next {
        g.expire_next = false;
        g.current = None;
    }
    let status = if ok { 200 } else { 401 };
    g.sent.push(Sent {
        via: via.into(),
        body,
        status,
    });
    if ok {
        axum::Json(json!({"processQueryKey": "k"})).into_response()
    } else {
        (
            StatusCode::UNAUTHORIZED,
            axum::Json(json!({"code": "InvalidAuthentication", "message": "不合法的access_token"})),
        )
            .into_response()
    }
}

async fn batch_send(
    State(f): State<FakeDing>,
    headers: HeaderMap,
    axum::Json(body): axum::Json<Value>,
) -> axum::response::Response {
    assert_eq!(body["robotCode"], json!(ROBOT));
    api_send(&f, "batchSend", &headers, body)
}

async fn group_send(
    State(f): State<FakeDing>,
    headers: HeaderMap,
    axum::Json(body): axum::Json<Value>,
) -> axum::response::Response {
    assert_eq!(body["robotCode"], json!(ROBOT));
    api_send(&f, "groupSend", &headers, body)
}

async fn open_connection(
    State(f): State<FakeDing>,
    axum::Json(body): axum::Json<Value>,
) -> axum::response::Response {
    let mut g = f.lock();
    g.opens += 1;
    let topics: Vec<&str> = body["subscriptions"]
        .as_array()
        .map(|a| a.iter().filter_map(|s| s["topic"].as_str()).collect())
        .unwrap_or_default();
    if body["clientId"] != json!(APP_KEY)
        || body["clientSecret"] != json!(APP_SECRET)
        || !topics.contains(&"/v1.0/im/bot/messages/get")
    {
        return (
            StatusCode::BAD_REQUEST,
            axum::Json(json!({"code": "invalidClient"})),
        )
            .into_response();
    }
    axum::Json(json!({"endpoint": g.ws_endpoint, "ticket": "tkt+/=secret"})).into_response()
}

async fn session(
    State(f): State<FakeDing>,
    UrlPath(id): UrlPath<String>,
    axum::Json(body): axum::Json<Value>,
) -> axum::Json<Value> {
    // A session the platform no longer knows answers an errcode.
    let broken = id == "broken";
    f.lock().sent.push(Sent {
        via: format!("webhook:{id}"),
        body,
        status: if broken { 400 } else { 200 },
    });
    if broken {
        return axum::Json(json!({"errcode": 300001, "errmsg": "session invalid"}));
    }
    axum::Json(json!({"errcode": 0, "errmsg": "ok"}))
}

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

struct Msg<'a> {
    staff: &'a str,
    text: &'a str,
    msg_id: &'a str,
    group: Option<&'a str>,
    at: bool,
    /// The session webhook and how long it stays open (ms, negative: expired).
    webhook: Option<(String, i64)>,
    robot: &'a str,
}

impl Msg<'_> {
    fn json(&self) -> String {
        let (url, until) = self
            .webhook
            .clone()
            .map(|(u, d)| (u, now_ms() + d))
            .unwrap_or_default();
        json!({
            "conversationId": self.group.unwrap_or("cidPRIVATE"),
            "chatbotCorpId": "dingcorp",
            "chatbotUserId": "$:LWCP_v1:$bot",
            "msgId": self.msg_id,
            "senderNick": "张三",
            "isAdmin": false,
            "senderStaffId": self.staff,
            "sessionWebhookExpiredTime": until,
            "createAt": now_ms(),
            "senderCorpId": "dingcorp",
            "conversationType": if self.group.is_some() { "2" } else { "1" },
            "senderId": format!("$:LWCP_v1:${}", self.staff),
            "isInAtList": self.at,
            "sessionWebhook": url,
            "text": {"content": self.text},
            "robotCode": self.robot,
            "msgtype": "text"
        })
        .to_string()
    }
}

fn msg<'a>(staff: &'a str, text: &'a str, msg_id: &'a str) -> Msg<'a> {
    Msg {
        staff,
        text,
        msg_id,
        group: None,
        at: false,
        webhook: None,
        robot: ROBOT,
    }
}

fn sign(secret: &str, ts: &str) -> String {
    rulebot::dingtalk::sign::sign(secret, ts)
}

async fn post_raw(addr: &str, ts: Option<String>, sig: Option<String>, body: String) -> u16 {
    let mut req = reqwest::Client::new()
        .post(format!("http://{addr}/dingtalk"))
        .header("content-type", "application/json")
        .body(body);
    if let Some(t) = ts {
        req = req.header("timestamp", t);
    }
    if let Some(s) = sig {
        req = req.header("sign", s);
    }
    let r = req.send().await.unwrap();
    let status = r.status().as_u16();
    assert!(r.text().await.unwrap().is_empty());
    status
}

/// Posts a message signed now; the HTTP status.
async fn say(addr: &str, m: &Msg<'_>) -> u16 {
    let ts = now_ms().to_string();
    let s = sign(APP_SECRET, &ts);
    post_raw(addr, Some(ts), Some(s), m.json()).await
}

async fn start(fake: &FakeDing, db: &std::path::Path, addr: &str) -> Serve {
    let url = fake.url();
    let env = [
        ("DINGTALK_APP_KEY", APP_KEY),
        ("DINGTALK_APP_SECRET", APP_SECRET),
        ("DINGTALK_ROBOT_CODE", ROBOT),
        ("DINGTALK_API_URL", url.as_str()),
    ];
    let bot = Serve::start_platform(db, &["--platform", "dingtalk", "--listen", addr], &env);
    bot.wait_listening(addr, T).await;
    bot
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn private_and_group_answers_through_session_webhooks() {
    let fake = FakeDing::start().await;
    let dir = tempfile::tempdir().unwrap();
    let addr = free_addr();
    let mut bot = start(&fake, &dir.path().join("db"), &addr).await;

    // A private question, answered through its session webhook with the article.
    let mut m = msg("zhangsan", "株洲市政府常务会议多久开一次?", "m1");
    m.webhook = Some((fake.webhook("p1"), 3_600_000));
    assert_eq!(say(&addr, &m).await, 200);
    let sent = fake.wait_n("webhook:p1", 1).await;
    assert_eq!(sent[0].body["msgtype"], json!("markdown"));
    assert!(
        !sent[0].body["markdown"]["title"]
            .as_str()
            .unwrap()
            .is_empty()
    );
    let md = sent[0].text();
    assert!(md.contains("第四十四条") && md.contains("株洲"), "{md}");
    assert!(md.contains("\n> "), "{md}");
    // A command as words.
    let mut m = msg("zhangsan", "城市 株洲", "m2");
    m.webhook = Some((fake.webhook("p1"), 3_600_000));
    assert_eq!(say(&addr, &m).await, 200);
    let sent = fake.wait_n("webhook:p1", 2).await;
    assert!(sent[1].text().contains("株洲"), "{}", sent[1].text());

    // A computed deadline's buttons: an ActionCard whose buttons send their
    // number; tapping the first (its number arrives as a message) sets the reminder.
    let mut m = msg(
        "zhangsan",
        "昆山 市府办今天转来一份公文,事项属于我们局职权范围内的,最晚哪天要办结?",
        "m2b",
    );
    m.webhook = Some((fake.webhook("p1"), 3_600_000));
    assert_eq!(say(&addr, &m).await, 200);
    let sent = fake.wait_n("webhook:p1", 3).await;
    let card = &sent[2].body;
    assert_eq!(card["msgtype"], json!("actionCard"), "{card}");
    assert!(
        card["actionCard"]["text"]
            .as_str()
            .unwrap()
            .contains("第五十二条"),
        "{card}"
    );
    assert_eq!(
        card["actionCard"]["btns"],
        json!([
            {"title": "到期前一天提醒", "actionURL": "dtmd://dingtalkclient/sendMessage?content=1"},
            {"title": "当天上午9点提醒", "actionURL": "dtmd://dingtalkclient/sendMessage?content=2"}
        ])
    );
    let mut tap = msg("zhangsan", "1", "m2c");
    tap.webhook = Some((fake.webhook("p1"), 3_600_000));
    assert_eq!(say(&addr, &tap).await, 200);
    let sent = fake.wait_n("webhook:p1", 4).await;
    assert!(sent[3].text().contains("已设置提醒"), "{}", sent[3].text());

    // In a group: without @ nothing; with @ the answer goes to the group's webhook.
    let mut g = msg("lisi", "常务会议多久开一次?", "m3");
    g.group = Some("cidGROUP1");
    g.webhook = Some((fake.webhook("g1"), 3_600_000));
    assert_eq!(say(&addr, &g).await, 200);
    let mut g = msg("lisi", "株洲市政府常务会议多久开一次?", "m4");
    g.group = Some("cidGROUP1");
    g.at = true;
    g.webhook = Some((fake.webhook("g1"), 3_600_000));
    assert_eq!(say(&addr, &g).await, 200);
    let sent = fake.wait_n("webhook:g1", 1).await;
    assert!(sent[0].text().contains("第四十四条"), "{}", sent[0].text());
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(fake.delivered("webhook:g1").len(), 1);
    // No token was needed.
    assert_eq!(fake.lock().tokens, 0);
    assert_eq!(bot.terminate(T).await, Some(0));
    let log = bot.stderr();
    assert!(!log.contains(APP_SECRET), "the secret was logged");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_stale_replayed_and_misaddressed_callbacks_are_rejected() {
    let fake = FakeDing::start().await;
    let dir = tempfile::tempdir().unwrap();
    let addr = free_addr();
    let mut bot = start(&fake, &dir.path().join("db"), &addr).await;
    let web = |m: &mut Msg<'_>| m.webhook = Some((fake.webhook("w"), 3_600_000));

    let mut m = msg("wangwu", "株洲市政府常务会议多久开一次?", "r1");
    web(&mut m);
    // Unsigned; signed with another secret.
    assert_eq!(post_raw(&addr, None, None, m.json()).await, 401);
    let ts = now_ms().to_string();
    assert_eq!(
        post_raw(&addr, Some(ts.clone()), Some(sign("wrong", &ts)), m.json()).await,
        401
    );
    // Two hours old, correctly signed.
    let old = (now_ms() - 2 * 3_600_000).to_string();
    assert_eq!(
        post_raw(
            &addr,
            Some(old.clone()),
            Some(sign(APP_SECRET, &old)),
            m.json()
        )
        .await,
        403
    );
    // For another robot.
    let mut other = msg("wangwu", "株洲市政府常务会议多久开一次?", "r2");
    other.robot = "someoneelse";
    web(&mut other);
    assert_eq!(say(&addr, &other).await, 403);
    // Once, then the same message id again: answered once.
    assert_eq!(say(&addr, &m).await, 200);
    assert_eq!(say(&addr, &m).await, 200);
    let mut last = msg("wangwu", "帮助", "r3");
    web(&mut last);
    assert_eq!(say(&addr, &last).await, 200);
    let sent = fake.wait_n("webhook:w", 2).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(fake.sent().len(), 2, "{:#?}", fake.sent());
    assert!(sent[0].text().contains("第四十四条"));
    assert!(sent[1].text().contains("规则助手"));
    assert_eq!(bot.terminate(T).await, Some(0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_webhooks_fall_back_to_the_api_and_a_refused_token_is_refreshed_once() {
    let fake = FakeDing::start().await;
    let dir = tempfile::tempdir().unwrap();
    let addr = free_addr();
    let mut bot = start(&fake, &dir.path().join("db"), &addr).await;
    let mut m = msg("zhaoliu", "帮助", "e1");
    m.webhook = Some((fake.webhook("old"), -1000));
    assert_eq!(say(&addr, &m).await, 200);
    let sent = fake.wait_n("batchSend", 1).await;
    assert_eq!(sent[0].body["userIds"], json!(["zhaoliu"]));
    assert_eq!(sent[0].body["msgKey"], json!("sampleMarkdown"));
    assert!(sent[0].text().contains("规则助手"));
    assert!(fake.delivered("webhook:old").is_empty());
    assert_eq!(fake.lock().tokens, 1);
    // The token is refused once: fetched again, the message sent.
    fake.lock().expire_next = true;
    let mut m = msg("zhaoliu", "帮助", "e2");
    m.webhook = Some((fake.webhook("old"), -1000));
    assert_eq!(say(&addr, &m).await, 200);
    fake.wait_n("batchSend", 2).await;
    assert_eq!(fake.lock().tokens, 2);
    let statuses: Vec<u16> = fake.sent().iter().map(|s| s.status).collect();
    assert_eq!(statuses, vec![200, 401, 200]);
    // A webhook that refuses (the session is gone): the API sends it, buttons
    // and all (a deadline's, as links).
    let mut m = msg(
        "zhaoliu",
        "昆山 市府办今天转来一份公文,事项属于我们局职权范围内的,最晚哪天要办结?",
        "e3",
    );
    m.webhook = Some((fake.webhook("broken"), 3_600_000));
    assert_eq!(say(&addr, &m).await, 200);
    let sent = fake.wait_n("batchSend", 3).await;
    let text = sent[2].text();
    assert!(text.contains("第五十二条"), "{text}");
    assert!(
        text.contains("[1. 到期前一天提醒](dtmd://dingtalkclient/sendMessage?content=1)"),
        "{text}"
    );
    assert_eq!(bot.terminate(T).await, Some(0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reminders_reach_the_right_member_and_group_after_a_restart() {
    let fake = FakeDing::start().await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let addr = free_addr();
    let mut first = start(&fake, &db, &addr).await;
    let mut m = msg("sunqi", "提醒 10分钟后 报送材料", "t1");
    m.webhook = Some((fake.webhook("s"), 3_600_000));
    assert_eq!(say(&addr, &m).await, 200);
    let sent = fake.wait_n("webhook:s", 1).await;
    assert!(sent[0].text().contains("已设置提醒"), "{}", sent[0].text());
    let mut g = msg("sunqi", "帮助", "t2");
    g.group = Some("cidGROUP2");
    g.at = true;
    g.webhook = Some((fake.webhook("g"), 3_600_000));
    assert_eq!(say(&addr, &g).await, 200);
    fake.wait_n("webhook:g", 1).await;
    assert_eq!(first.terminate(T).await, Some(0));

    {
        use rulebot::peers::{Peer, PeerKind};
        let store = rulebot::store::Store::open(&db).unwrap();
        let uid = rulebot::peers::id_for(&store, &Peer::new("dingtalk", PeerKind::User, "sunqi"))
            .unwrap();
        let gid =
            rulebot::peers::id_for(&store, &Peer::new("dingtalk", PeerKind::Group, "cidGROUP2"))
                .unwrap();
        let calendar = rulebot::calendar::Calendar::load(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/holidays"),
        )
        .unwrap();
        let reminders = rulebot::reminders::Reminders::new(store, calendar);
        assert_eq!(reminders.pending_for(uid, uid).unwrap().len(), 1);
        let now = chrono::Utc::now().with_timezone(&rulebot::when::shanghai());
        for (chat, name, what) in [
            (uid, None, "停机期间到期"),
            (gid, Some("张三"), "群里的提醒"),
        ] {
            reminders
                .create(
                    chat,
                    uid,
                    name.map(str::to_string),
                    what,
                    now - chrono::Duration::minutes(5),
                    rulebot::reminders::Repeat::Once,
                    now - chrono::Duration::minutes(10),
                )
                .unwrap();
        }
    }
    let mut second = start(&fake, &db, &addr).await;
    let p = fake.wait_n("batchSend", 1).await;
    assert_eq!(p[0].body["userIds"], json!(["sunqi"]));
    assert!(
        p[0].text().contains("⏰ 提醒:停机期间到期"),
        "{}",
        p[0].text()
    );
    assert!(p[0].text().contains("(延迟5分钟)"));
    // Its buttons: numbered choices that send their number when tapped.
    assert!(
        p[0].text()
            .contains("[4. 已完成](dtmd://dingtalkclient/sendMessage?content=4)"),
        "{}",
        p[0].text()
    );
    let g = fake.wait_n("groupSend", 1).await;
    assert_eq!(g[0].body["openConversationId"], json!("cidGROUP2"));
    assert!(
        g[0].text().starts_with("**张三** ⏰ 提醒:群里的提醒"),
        "{}",
        g[0].text()
    );
    assert_eq!(second.terminate(T).await, Some(0));
}

#[test]
fn missing_settings_are_named_at_start() {
    let dir = tempfile::tempdir().unwrap();
    for (platform, var) in [
        ("dingtalk", "DINGTALK_APP_SECRET"),
        ("wecom", "WECOM_AES_KEY"),
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_rulebot"))
            .args(["serve", "--platform", platform])
            .env("RULEBOT_DB", dir.path().join("db"))
            .env_remove("DINGTALK_APP_SECRET")
            .env_remove("WECOM_AES_KEY")
            .env("DINGTALK_APP_KEY", "k")
            .env("WECOM_CORP_ID", "ww1")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("缺少环境变量") && err.contains("missing"),
            "{err}"
        );
        assert!(err.contains(var), "{err}");
        assert!(
            !err.contains("DINGTALK_APP_KEY(") && !err.contains("WECOM_CORP_ID("),
            "{err}"
        );
    }
}

/// A stream frame as the platform sends it.
fn frame(kind: &str, topic: &str, id: &str, data: &str) -> String {
    json!({"specVersion": "1.0", "type": kind,
           "headers": {"topic": topic, "messageId": id, "contentType": "application/json",
                       "time": now_ms().to_string()},
           "data": data})
    .to_string()
}

type Ws = tokio_tungstenite::WebSocketStream<tokio::net::TcpStream>;

/// Reads text frames until one parses as JSON (or panics after the timeout).
async fn next_json(ws: &mut Ws) -> Value {
    use futures_util::StreamExt;
    loop {
        let m = tokio::time::timeout(T, ws.next())
            .await
            .expect("a frame from rulebot in time")
            .expect("the connection is open")
            .unwrap();
        if let tokio_tungstenite::tungstenite::Message::Text(t) = m {
            return serde_json::from_str(t.as_str()).unwrap();
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stream_mode_connects_out_answers_and_reconnects() {
    use futures_util::SinkExt;
    use tokio_tungstenite::tungstenite::Message as M;
    let fake = FakeDing::start().await;
    // The platform's WebSocket gateway: each connection (with the ticket it
    // came with) is handed to the test.
    let gw = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    fake.lock().ws_endpoint = format!("ws://{}/connect", gw.local_addr().unwrap());
    let (conn_tx, mut conns) = tokio::sync::mpsc::unbounded_channel::<(String, Ws)>();
    tokio::spawn(async move {
        loop {
            let (tcp, _) = gw.accept().await.unwrap();
            let uri = Arc::new(Mutex::new(String::new()));
            let seen = uri.clone();
            // The handshake's callback type is tungstenite's, large error and all.
            #[allow(clippy::result_large_err)]
            let cb = move |req: &tokio_tungstenite::tungstenite::handshake::server::Request,
                           resp| {
                *seen.lock().unwrap() = req.uri().to_string();
                Ok(resp)
            };
            let ws = tokio_tungstenite::accept_hdr_async(tcp, cb).await.unwrap();
            let uri = uri.lock().unwrap().clone();
            let _ = conn_tx.send((uri, ws));
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let url = fake.url();
    let env = [
        ("DINGTALK_APP_KEY", APP_KEY),
        ("DINGTALK_APP_SECRET", APP_SECRET),
        ("DINGTALK_ROBOT_CODE", ROBOT),
        ("DINGTALK_API_URL", url.as_str()),
    ];
    let mut bot = Serve::start_platform(
        &dir.path().join("db"),
        &["--platform", "dingtalk", "--stream"],
        &env,
    );
    let (uri, mut ws) = tokio::time::timeout(T, conns.recv())
        .await
        .expect("rulebot connects out")
        .unwrap();
    assert_eq!(uri, "/connect?ticket=tkt%2B%2F%3Dsecret");

    // The platform's ping is answered with its data.
    ws.send(M::text(frame(
        "SYSTEM",
        "ping",
        "p1",
        r#"{"opaque":"abc"}"#,
    )))
    .await
    .unwrap();
    let pong = next_json(&mut ws).await;
    assert_eq!(pong["code"], json!(200));
    assert_eq!(pong["headers"]["messageId"], json!("p1"));
    assert_eq!(pong["data"], json!(r#"{"opaque":"abc"}"#));

    // A robot message: acknowledged, answered through its session webhook.
    let mut m = msg("zhangsan", "株洲市政府常务会议多久开一次?", "s1");
    m.webhook = Some((fake.webhook("st"), 3_600_000));
    ws.send(M::text(frame(
        "CALLBACK",
        "/v1.0/im/bot/messages/get",
        "c1",
        &m.json(),
    )))
    .await
    .unwrap();
    let ack = next_json(&mut ws).await;
    assert_eq!(ack["code"], json!(200));
    assert_eq!(ack["headers"]["messageId"], json!("c1"));
    let sent = fake.wait_n("webhook:st", 1).await;
    assert!(sent[0].text().contains("第四十四条"), "{}", sent[0].text());

    // The platform says disconnect: rulebot opens a new connection.
    ws.send(M::text(frame("SYSTEM", "disconnect", "d1", "")))
        .await
        .unwrap();
    let (_, mut ws2) = tokio::time::timeout(T, conns.recv())
        .await
        .expect("rulebot reconnects")
        .unwrap();
    assert_eq!(fake.lock().opens, 2);
    let mut m = msg("zhangsan", "帮助", "s2");
    m.webhook = Some((fake.webhook("st"), 3_600_000));
    ws2.send(M::text(frame(
        "CALLBACK",
        "/v1.0/im/bot/messages/get",
        "c2",
        &m.json(),
    )))
    .await
    .unwrap();
    assert_eq!(
        next_json(&mut ws2).await["headers"]["messageId"],
        json!("c2")
    );
    let sent = fake.wait_n("webhook:st", 2).await;
    assert!(sent[1].text().contains("规则助手"));
    assert_eq!(bot.terminate(T).await, Some(0));
    let log = bot.stderr();
    assert!(
        !log.contains("tkt+/=secret") && !log.contains("tkt%2B"),
        "the ticket was logged"
    );
    assert!(!log.contains(APP_SECRET));
}
