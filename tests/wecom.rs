//! The real binary as a 企业微信 application (`rulebot serve --platform wecom`)
//! against a fake WeCom API on 127.0.0.1 (gettoken, message/send,
//! appchat/send, appchat/get), driven with signed, encrypted callbacks.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::{Query, State};
use axum::routing::{get, post};
use serde_json::{Value, json};

use crate::common::*;
use rulebot::wecom::crypto::Crypto;

const T: Duration = Duration::from_secs(30);
const CORP_ID: &str = "ww1436e0e65a779aee";
const TOKEN: &str = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo";
const AES_KEY: &str = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt";
const SECRET: &str = "test-app-secret-never-logged";

/// One message the bot sent (or tried to).
#[derive(Debug, Clone)]
struct Sent {
    path: String,
    body: Value,
    /// errcode answered.
    errcode: i64,
}

impl Sent {
    fn content(&self) -> String {
        self.body["markdown"]["content"]
            .as_str()
            .unwrap_or("")
            .to_string()
    }
}

#[derive(Default)]
struct Inner {
    issued: u32,
    current: Option<String>,
    expire_next: bool,
    gettoken: usize,
    sent: Vec<Sent>,
}

/// The fake WeCom API.
#[derive(Clone)]
struct FakeWecom {
    addr: String,
    inner: Arc<Mutex<Inner>>,
}

impl FakeWecom {
    async fn start() -> FakeWecom {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        let fake = FakeWecom {
            addr,
            inner: Arc::new(Mutex::new(Inner::default())),
        };
        let app = Router::new()
            .route("/cgi-bin/gettoken", get(gettoken))
            .route("/cgi-bin/message/send", post(send))
            .route("/cgi-bin/appchat/send", post(send))
            .route("/cgi-bin/message/update_template_card", post(send))
            .route("/cgi-bin/appchat/get", get(appchat_get))
            .with_state(fake.clone());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        fake
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The next send is answered 42001 (the token expired), once.
    fn expire_token(&self) {
        self.lock().expire_next = true;
    }

    fn sent(&self) -> Vec<Sent> {
        self.lock().sent.clone()
    }

    /// Markdown messages delivered to a member.
    fn delivered_to_user(&self, user: &str) -> Vec<Sent> {
        self.sent()
            .into_iter()
            .filter(|s| {
                s.errcode == 0
                    && s.body["touser"] == json!(user)
                    && s.body["msgtype"] == json!("markdown")
            })
            .collect()
    }

    /// Button cards delivered to a member.
    fn cards_to_user(&self, user: &str) -> Vec<Sent> {
        self.sent()
            .into_iter()
            .filter(|s| {
                s.errcode == 0
                    && s.body["touser"] == json!(user)
                    && s.body["msgtype"] == json!("template_card")
            })
            .collect()
    }

    fn delivered_to_chat(&self, chat: &str) -> Vec<Sent> {
        self.sent()
            .into_iter()
            .filter(|s| s.errcode == 0 && s.body["chatid"] == json!(chat))
            .collect()
    }

    async fn wait<T>(&self, what: &str, mut f: impl FnMut(&FakeWecom) -> Option<T>) -> T {
        let deadline = std::time::Instant::now() + T;
        loop {
            if let Some(v) = f(self) {
                return v;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "timed out waiting for {what}; sent: {:#?}",
                self.sent()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits for the n-th message delivered to a member.
    async fn wait_user(&self, user: &str, n: usize) -> Vec<Sent> {
        self.wait(&format!("{n} message(s) to {user}"), |f| {
            let v = f.delivered_to_user(user);
            (v.len() >= n).then_some(v)
        })
        .await
    }
}

async fn gettoken(
    State(f): State<FakeWecom>,
    Query(q): Query<HashMap<String, String>>,
) -> axum::Json<Value> {
    let mut g = f.lock();
    g.gettoken += 1;
    if q.get("corpid").map(String::as_str) != Some(CORP_ID)
        || q.get("corpsecret").map(String::as_str) != Some(SECRET)
    {
        return axum::Json(json!({"errcode": 40013, "errmsg": "invalid corpid"}));
    }
    g.issued += 1;
    let t = format!("tok-{}", g.issued);
    g.current = Some(t.clone());
    axum::Json(json!({"errcode": 0, "errmsg": "ok", "access_token": t, "expires_in": 7200}))
}

async fn send(
    State(f): State<FakeWecom>,
    uri: axum::http::Uri,
    Query(q): Query<HashMap<String, String>>,
    axum::Json(body): axum::Json<Value>,
) -> axum::Json<Value> {
    let mut g = f.lock();
    let token = q.get("access_token").cloned();
    let errcode = if g.expire_next {
        g.expire_next = false;
        g.current = None;
        42001
    } else if token.is_none() || token != g.current {
        40014
    } else {
        0
    };
    g.sent.push(Sent {
        path: uri.path().to_string(),
        body,
        errcode,
    });
    axum::Json(json!({"errcode": errcode, "errmsg": if errcode == 0 { "ok" } else { "token" }}))
}

async fn appchat_get(Query(q): Query<HashMap<String, String>>) -> axum::Json<Value> {
    axum::Json(json!({"errcode": 0, "errmsg": "ok",
        "chat_info": {"chatid": q.get("chatid"), "name": "办公室", "owner": "boss", "userlist": ["boss", "zhangsan"]}}))
}

fn crypto() -> Crypto {
    Crypto::new(TOKEN, AES_KEY, CORP_ID).unwrap()
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// A text message as the platform writes it (before encryption).
fn text_xml(from: &str, content: &str, msg_id: &str, chat: Option<&str>) -> String {
    let chat = chat
        .map(|c| format!("<ChatId><![CDATA[{c}]]></ChatId>"))
        .unwrap_or_default();
    format!(
        "<xml><ToUserName><![CDATA[{CORP_ID}]]></ToUserName><FromUserName><![CDATA[{from}]]></FromUserName><CreateTime>{}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{content}]]></Content><MsgId>{msg_id}</MsgId><AgentID>1000002</AgentID>{chat}</xml>",
        now()
    )
}

/// Encrypts and signs a callback: its query string and body.
fn signed(c: &Crypto, inner: &str, ts: i64) -> (String, String) {
    let enc = c.encrypt(b"0123456789abcdef", inner);
    let ts = ts.to_string();
    let nonce = "1597212914";
    let sig = c.signature(&ts, nonce, &enc);
    let body = format!(
        "<xml><ToUserName><![CDATA[{CORP_ID}]]></ToUserName><Encrypt><![CDATA[{enc}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>"
    );
    (
        format!("msg_signature={sig}&timestamp={ts}&nonce={nonce}"),
        body,
    )
}

async fn post_callback(addr: &str, query: &str, body: String) -> (u16, String) {
    let r = reqwest::Client::new()
        .post(format!("http://{addr}/wecom?{query}"))
        .body(body)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.text().await.unwrap())
}

/// Posts a text message from `from` (signed now); the HTTP status.
async fn say(addr: &str, from: &str, content: &str, msg_id: &str, chat: Option<&str>) -> u16 {
    let (q, b) = signed(&crypto(), &text_xml(from, content, msg_id, chat), now());
    let (status, body) = post_callback(addr, &q, b).await;
    assert!(
        body.is_empty(),
        "the answer goes through the API, not the response"
    );
    status
}

fn env(fake: &FakeWecom) -> Vec<(&'static str, String)> {
    vec![
        ("WECOM_CORP_ID", CORP_ID.into()),
        ("WECOM_AGENT_ID", "1000002".into()),
        ("WECOM_SECRET", SECRET.into()),
        ("WECOM_TOKEN", TOKEN.into()),
        ("WECOM_AES_KEY", AES_KEY.into()),
        ("WECOM_API_URL", fake.url()),
    ]
}

async fn start(fake: &FakeWecom, db: &std::path::Path, addr: &str) -> Serve {
    let env = env(fake);
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let bot = Serve::start_platform(db, &["--platform", "wecom", "--listen", addr], &env);
    bot.wait_listening(addr, T).await;
    bot
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn verification_private_questions_words_and_groups() {
    let fake = FakeWecom::start().await;
    let dir = tempfile::tempdir().unwrap();
    let addr = free_addr();
    let mut bot = start(&fake, &dir.path().join("db"), &addr).await;
    let c = crypto();

    // The console's URL verification: the decrypted echostr comes back.
    let echo = c.encrypt(b"fedcba9876543210", "1288432023552776189");
    let ts = now().to_string();
    let sig = c.signature(&ts, "47744683", &echo);
    let url = reqwest::Url::parse_with_params(
        &format!("http://{addr}/wecom"),
        &[
            ("msg_signature", sig.as_str()),
            ("timestamp", ts.as_str()),
            ("nonce", "47744683"),
            ("echostr", echo.as_str()),
        ],
    )
    .unwrap();
    let r = reqwest::get(url.clone()).await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(r.text().await.unwrap(), "1288432023552776189");
    // An echostr whose "+" was not escaped (read as a space) still verifies.
    let raw = format!(
        "http://{addr}/wecom?msg_signature={sig}&timestamp={ts}&nonce=47744683&echostr={}",
        echo.replace('/', "%2F").replace('=', "%3D")
    );
    assert!(echo.contains('+'), "{echo}");
    let r = reqwest::get(raw).await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(r.text().await.unwrap(), "1288432023552776189");
    // With a wrong signature: nothing echoed.
    let bad = url.as_str().replace(&sig, &"0".repeat(40));
    let r = reqwest::get(bad).await.unwrap();
    assert_eq!(r.status().as_u16(), 401);
    assert!(r.text().await.unwrap().is_empty());

    // A private question: an empty 200 at once, the cited article through message/send.
    assert_eq!(
        say(
            &addr,
            "zhangsan",
            "株洲市政府常务会议多久开一次?",
            "1001",
            None
        )
        .await,
        200
    );
    let sent = fake.wait_user("zhangsan", 1).await;
    let first = &sent[0];
    assert_eq!(first.path, "/cgi-bin/message/send");
    assert_eq!(first.body["msgtype"], json!("markdown"));
    assert_eq!(first.body["agentid"], json!(1000002));
    let md = first.content();
    assert!(md.contains("第四十四条"), "{md}");
    assert!(md.contains("株洲"), "{md}");
    assert!(md.contains("\n> "), "the article is quoted: {md}");
    assert!(md.len() <= 2048);

    // Commands as words: 城市 株洲 sets the chat's city, 帮助 lists the commands.
    assert_eq!(say(&addr, "zhangsan", "城市 株洲", "1002", None).await, 200);
    let sent = fake.wait_user("zhangsan", 2).await;
    assert!(sent[1].content().contains("株洲"), "{}", sent[1].content());
    assert_eq!(say(&addr, "zhangsan", "帮助", "1003", None).await, 200);
    let sent = fake.wait_user("zhangsan", 3).await;
    let help = sent[2].content();
    assert!(help.contains("规则助手"), "{help}");
    // The commands as words, the way they are written here.
    assert!(
        help.contains("城市 — 查看或设置本聊天默认辖区:城市 株洲"),
        "{help}"
    );
    assert!(
        help.contains("提醒 — 设置提醒:提醒 明天上午9点 回复会签"),
        "{help}"
    );
    assert!(!help.contains("/city"), "{help}");

    // A group message without @ is ignored; with @ it is answered to the group.
    assert_eq!(
        say(
            &addr,
            "lisi",
            "常务会议多久开一次?",
            "2001",
            Some("wrkGROUP1")
        )
        .await,
        200
    );
    assert_eq!(
        say(
            &addr,
            "lisi",
            "@规则助手 株洲市政府常务会议多久开一次?",
            "2002",
            Some("wrkGROUP1")
        )
        .await,
        200
    );
    let g = fake
        .wait("the group's answer", |f| {
            let v = f.delivered_to_chat("wrkGROUP1");
            (!v.is_empty()).then_some(v)
        })
        .await;
    assert_eq!(g[0].path, "/cgi-bin/appchat/send");
    assert!(g[0].content().contains("第四十四条"), "{}", g[0].content());
    // The one answer: the message without @ made none (same lane, handled first).
    assert_eq!(fake.delivered_to_chat("wrkGROUP1").len(), 1);
    assert!(fake.delivered_to_user("lisi").is_empty());

    assert_eq!(bot.terminate(T).await, Some(0));
    let log = bot.stderr();
    assert!(!log.contains(SECRET), "the secret was logged");
    assert!(!log.contains("tok-1"), "the access token was logged");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_stale_replayed_and_misaddressed_callbacks_are_rejected() {
    let fake = FakeWecom::start().await;
    let dir = tempfile::tempdir().unwrap();
    let addr = free_addr();
    let mut bot = start(&fake, &dir.path().join("db"), &addr).await;
    let c = crypto();

    // A bad signature.
    let (q, b) = signed(
        &c,
        &text_xml("wangwu", "常务会议多久开一次?", "3001", None),
        now(),
    );
    let forged = q.replace("msg_signature=", "msg_signature=0");
    assert_eq!(post_callback(&addr, &forged, b).await.0, 401);
    // Unsigned.
    let (_, b) = signed(
        &c,
        &text_xml("wangwu", "常务会议多久开一次?", "3002", None),
        now(),
    );
    assert_eq!(post_callback(&addr, "", b).await.0, 400);
    // A stale timestamp (ten minutes old), correctly signed.
    let (q, b) = signed(
        &c,
        &text_xml("wangwu", "常务会议多久开一次?", "3003", None),
        now() - 600,
    );
    assert_eq!(post_callback(&addr, &q, b).await.0, 403);
    // Encrypted for another corp (same token and key): a wrong receive id.
    let other = Crypto::new(TOKEN, AES_KEY, "wwOTHERCORP").unwrap();
    let (q, b) = signed(
        &other,
        &text_xml("wangwu", "常务会议多久开一次?", "3004", None),
        now(),
    );
    assert_eq!(post_callback(&addr, &q, b).await.0, 403);
    // A message, then the same MsgId again: acknowledged, answered once.
    assert_eq!(
        say(
            &addr,
            "wangwu",
            "株洲市政府常务会议多久开一次?",
            "3005",
            None
        )
        .await,
        200
    );
    assert_eq!(
        say(
            &addr,
            "wangwu",
            "株洲市政府常务会议多久开一次?",
            "3005",
            None
        )
        .await,
        200
    );
    // A last valid message on the same lane: once it is answered, everything
    // before it has been handled.
    assert_eq!(say(&addr, "wangwu", "帮助", "3006", None).await, 200);
    let sent = fake.wait_user("wangwu", 2).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let sent_now = fake.delivered_to_user("wangwu");
    assert_eq!(sent_now.len(), 2, "{sent_now:#?}");
    assert!(sent[0].content().contains("第四十四条"));
    assert!(sent[1].content().contains("规则助手"));
    assert_eq!(
        fake.sent().len(),
        2,
        "nothing else was sent: {:#?}",
        fake.sent()
    );
    assert_eq!(bot.terminate(T).await, Some(0));
    let log = bot.stderr();
    assert!(log.contains("callback rejected"), "{log}");
    assert!(log.contains("already seen"), "{log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_token_is_fetched_again_once() {
    let fake = FakeWecom::start().await;
    let dir = tempfile::tempdir().unwrap();
    let addr = free_addr();
    let mut bot = start(&fake, &dir.path().join("db"), &addr).await;
    assert_eq!(say(&addr, "zhaoliu", "帮助", "4001", None).await, 200);
    fake.wait_user("zhaoliu", 1).await;
    assert_eq!(fake.lock().gettoken, 1);
    // The cached token serves the next message too.
    assert_eq!(say(&addr, "zhaoliu", "帮助", "4002", None).await, 200);
    fake.wait_user("zhaoliu", 2).await;
    assert_eq!(fake.lock().gettoken, 1);
    // It expires: 42001, one new token, the message sent.
    fake.expire_token();
    assert_eq!(say(&addr, "zhaoliu", "帮助", "4003", None).await, 200);
    fake.wait_user("zhaoliu", 3).await;
    assert_eq!(fake.lock().gettoken, 2);
    let codes: Vec<i64> = fake.sent().iter().map(|s| s.errcode).collect();
    assert_eq!(codes, vec![0, 0, 42001, 0]);
    assert_eq!(bot.terminate(T).await, Some(0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reminders_reach_the_right_member_and_group_after_a_restart() {
    let fake = FakeWecom::start().await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let addr = free_addr();
    // First run: two members and a group write; their ids are stored.
    let mut first = start(&fake, &db, &addr).await;
    assert_eq!(
        say(&addr, "sunqi", "提醒 10分钟后 报送材料", "5001", None).await,
        200
    );
    let sent = fake.wait_user("sunqi", 1).await;
    assert!(
        sent[0].content().contains("已设置提醒"),
        "{}",
        sent[0].content()
    );
    assert_eq!(say(&addr, "zhouba", "帮助", "5002", None).await, 200);
    fake.wait_user("zhouba", 1).await;
    assert_eq!(
        say(&addr, "sunqi", "@规则助手 帮助", "5003", Some("wrkGROUP2")).await,
        200
    );
    fake.wait("the group's help", |f| {
        (!f.delivered_to_chat("wrkGROUP2").is_empty()).then_some(())
    })
    .await;
    assert_eq!(first.terminate(T).await, Some(0));

    // While it is down, reminders of sunqi (private) and of the group fall due
    // (written to the store as the running bot would have; no waiting).
    {
        let store = rulebot::store::Store::open(&db).unwrap();
        use rulebot::peers::{Peer, PeerKind, lookup};
        let user = Peer::new("wecom", PeerKind::User, "sunqi");
        let group = Peer::new("wecom", PeerKind::Group, "wrkGROUP2");
        let uid = rulebot::peers::id_for(&store, &user).unwrap();
        let gid = rulebot::peers::id_for(&store, &group).unwrap();
        assert_eq!(lookup(&store, uid).unwrap(), Some(user));
        let calendar = rulebot::calendar::Calendar::load(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/holidays"),
        )
        .unwrap();
        let reminders = rulebot::reminders::Reminders::new(store, calendar);
        // The one set by words in the first run is there, for sunqi.
        let pending = reminders.pending_for(uid, uid).unwrap();
        assert_eq!(pending.len(), 1);
        let now = chrono::Utc::now().with_timezone(&rulebot::when::shanghai());
        for (chat, name, what) in [
            (uid, None, "停机期间到期"),
            (gid, Some("sunqi"), "群里的提醒"),
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
    let r = fake
        .wait("the private reminder", |f| {
            f.delivered_to_user("sunqi")
                .into_iter()
                .find(|s| s.content().contains("⏰ 提醒:停机期间到期"))
        })
        .await;
    assert!(r.content().contains("(延迟5分钟)"), "{}", r.content());
    // Its buttons: numbered choices in the text, and a button card.
    assert!(
        r.content().contains("回复序号即可选择:\n1. 10分钟后"),
        "{}",
        r.content()
    );
    assert!(r.content().contains("4. 已完成"), "{}", r.content());
    let card = fake
        .wait("the button card", |f| {
            f.cards_to_user("sunqi").into_iter().next()
        })
        .await;
    let tc = &card.body["template_card"];
    assert_eq!(tc["card_type"], json!("button_interaction"));
    let buttons = tc["button_list"].as_array().unwrap();
    assert_eq!(buttons.len(), 4);
    assert_eq!(buttons[3]["text"], json!("已完成"));
    let key = buttons[3]["key"].as_str().unwrap().to_string();
    assert!(key.starts_with("done@"), "{key}");
    // The member presses 已完成: the card's buttons give way, the outcome is said.
    let before = fake.delivered_to_user("sunqi").len();
    let press = format!(
        "<xml><ToUserName><![CDATA[{CORP_ID}]]></ToUserName><FromUserName><![CDATA[sunqi]]></FromUserName><CreateTime>{}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[{key}]]></EventKey><TaskId><![CDATA[{}]]></TaskId><CardType><![CDATA[button_interaction]]></CardType><ResponseCode><![CDATA[rc-1]]></ResponseCode><AgentID>1000002</AgentID></xml>",
        now(),
        tc["task_id"].as_str().unwrap()
    );
    let (q, b) = signed(&crypto(), &press, now());
    assert_eq!(post_callback(&addr, &q, b).await.0, 200);
    let sent = fake.wait_user("sunqi", before + 1).await;
    let done = sent[before].content();
    assert!(done.contains("完成"), "{done}");
    let update = fake
        .wait("update_template_card", |f| {
            f.sent()
                .into_iter()
                .find(|s| s.path == "/cgi-bin/message/update_template_card")
        })
        .await;
    assert_eq!(update.body["response_code"], json!("rc-1"));
    assert_eq!(update.body["userids"], json!(["sunqi"]));
    assert!(
        update.body["button"]["replace_name"]
            .as_str()
            .unwrap()
            .contains("已完成")
    );
    let g = fake
        .wait("the group reminder", |f| {
            f.delivered_to_chat("wrkGROUP2")
                .into_iter()
                .find(|s| s.content().contains("⏰ 提醒:群里的提醒"))
        })
        .await;
    assert!(g.content().starts_with("**sunqi** ⏰"), "{}", g.content());
    // In the group (no cards there) the owner types the number after @.
    assert!(g.content().contains("4. 已完成"), "{}", g.content());
    assert_eq!(
        say(&addr, "sunqi", "@规则助手 4", "5005", Some("wrkGROUP2")).await,
        200
    );
    let done = fake
        .wait("the group's 已完成", |f| {
            f.delivered_to_chat("wrkGROUP2")
                .into_iter()
                .find(|s| s.content().contains("完成") && !s.content().contains("⏰"))
        })
        .await;
    assert!(!done.content().contains("别人的提醒"), "{}", done.content());
    // Nobody else got them.
    assert!(
        fake.delivered_to_user("zhouba")
            .iter()
            .all(|s| !s.content().contains("⏰"))
    );
    assert_eq!(second.terminate(T).await, Some(0));
}
