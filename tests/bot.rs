//! The real `rulebot serve` binary against a fake Bot API server on 127.0.0.1:
//! private and group behaviour, HTML safety, 429 and network retries, splitting
//! long answers, buttons, webhook secret checks, clean SIGTERM, and reminders that
//! arrive on time and survive SIGKILL.

use std::time::{Duration, Instant};

use crate::common::*;
use serde_json::json;

const T: Duration = Duration::from_secs(20);

fn text(c: &Call) -> String {
    c.body["text"].as_str().unwrap_or("").to_string()
}

fn reply_to(c: &Call) -> Option<i64> {
    c.body["reply_parameters"]["message_id"].as_i64()
}

/// Messages to `chat` sent in reply to message `id`.
fn replies_to(api: &FakeApi, chat: i64, id: i64) -> Vec<Call> {
    api.sent_to(chat)
        .into_iter()
        .filter(|c| c.body["_delivered"] == json!(true) && reply_to(c) == Some(id))
        .collect()
}

async fn wait_reply_to(api: &FakeApi, chat: i64, id: i64) -> Call {
    api.wait_for(&format!("a reply to message {id} in {chat}"), T, |a| {
        replies_to(a, chat, id).into_iter().next()
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn private_and_group_chats() {
    let api = FakeApi::start().await;
    let dir = tempfile::tempdir().unwrap();
    let data = data_with_long_article(dir.path());
    let mut bot = Serve::start(&api, &dir.path().join("db"), Some(&data), &[], &[]);

    // Start-up: the commands are registered with their Chinese descriptions.
    let cmds = api
        .wait_for("setMyCommands", T, |a| {
            a.calls("SetMyCommands").into_iter().next()
        })
        .await;
    let names: Vec<&str> = cmds.body["commands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["command"].as_str().unwrap())
        .collect();
    for n in [
        "start",
        "help",
        "ask",
        "city",
        "rules",
        "article",
        "remind",
        "reminders",
        "cancel",
    ] {
        assert!(names.contains(&n), "{n} missing from {names:?}");
    }
    assert!(
        cmds.body["commands"][2]["description"]
            .as_str()
            .unwrap()
            .contains("提问")
    );

    // A private question gets the cited article, in HTML.
    let (u, _) = message(&api, 1001, 1001, "株洲市政府常务会议多久开一次?");
    api.push(u);
    let sent = api.wait_sent(1001, 1, T).await;
    let first = &sent[0];
    assert_eq!(first.body["parse_mode"], json!("HTML"));
    let plain = check_html(&text(first)).unwrap();
    assert!(plain.contains("第四十四条"), "{plain}");
    assert!(plain.contains("株洲"), "{plain}");
    assert!(
        reply_to(first).is_none(),
        "no reply threading in a private chat"
    );

    // A follow-up answers for the new city.
    let (u, _) = message(&api, 1001, 1001, "那吐鲁番呢?");
    api.push(u);
    let sent = api.wait_sent(1001, 2, T).await;
    let plain = check_html(&text(&sent[1])).unwrap();
    assert!(plain.contains("吐鲁番市人民政府工作规则"), "{plain}");
    assert!(plain.contains("常务会议"), "{plain}");

    // A question full of < > & is answered with valid HTML, the user's text escaped.
    let (u, _) = message(
        &api,
        1002,
        1002,
        "<b>常务会议</b> 多久开一次?<script>alert(1)</script> & <i>谁主持</i> >_<",
    );
    api.push(u);
    let sent = api.wait_sent(1002, 1, T).await;
    for c in &sent {
        let html = text(c);
        check_html(&html).unwrap();
        assert!(!html.contains("<script"), "{html}");
    }

    // Group: chatter without a mention gets nothing; /ask@bot, a mention and a reply
    // to the bot each get an answer replying to the asker.
    let g = -100_123_456_789;
    let (u, chatter) = message(&api, g, 2001, "今天中午食堂吃什么?");
    api.push(u);
    let (u, unaddressed) = message(&api, g, 2001, "常务会议多久开一次?");
    api.push(u);
    let (u, other_bot) = message(&api, g, 2001, "/ask@some_other_bot 常务会议多久开一次?");
    api.push(u);
    let (u, ask) = message(
        &api,
        g,
        2001,
        &format!("/ask@{BOT_USERNAME} 株洲常务会议谁来主持?"),
    );
    api.push(u);
    let r = wait_reply_to(&api, g, ask).await;
    assert!(check_html(&text(&r)).unwrap().contains("株洲"));

    let prefix = "请问 ";
    let mention = format!("@{BOT_USERNAME}");
    let (u, _) = message(
        &api,
        g,
        2002,
        &format!("{prefix}{mention} 吐鲁番市政府常务会议谁来主持?"),
    );
    let u = with_entities(
        u,
        json!([{"type": "mention", "offset": utf16_len(prefix), "length": utf16_len(&mention)}]),
    );
    let mentioned = u["message"]["message_id"].as_i64().unwrap();
    api.push(u);
    let r = wait_reply_to(&api, g, mentioned).await;
    assert!(check_html(&text(&r)).unwrap().contains("吐鲁番"));

    let bot_msg = r.body["_message_id"].as_i64().unwrap();
    let (u, _) = message(&api, g, 2003, "株洲市政府常务会议多久开一次?");
    let u = replying_to_bot(u, g, bot_msg);
    let replying = u["message"]["message_id"].as_i64().unwrap();
    api.push(u);
    let r = wait_reply_to(&api, g, replying).await;
    assert!(check_html(&text(&r)).unwrap().contains("第四十四条"));

    // /city by a non-admin is refused (checked with getChatMember); by an admin it works.
    let (u, city) = message(&api, g, 2004, "/city 株洲");
    api.push(u);
    let r = wait_reply_to(&api, g, city).await;
    assert!(text(&r).contains("只有群管理员"), "{}", text(&r));
    api.make_admin(g, 2005);
    let (u, city) = message(&api, g, 2005, &format!("/city@{BOT_USERNAME} 吐鲁番"));
    api.push(u);
    let r = wait_reply_to(&api, g, city).await;
    assert!(text(&r).contains("吐鲁番市"), "{}", text(&r));
    assert!(api.calls("GetChatMember").len() >= 2);
    // getChatMember only when needed: not for questions.
    let members_before = api.calls("GetChatMember").len();
    let (u, q) = message(
        &api,
        g,
        2006,
        &format!("/ask@{BOT_USERNAME} 常务会议多久开一次?"),
    );
    api.push(u);
    let r = wait_reply_to(&api, g, q).await;
    assert!(
        check_html(&text(&r)).unwrap().contains("吐鲁番"),
        "the group's default city applies"
    );
    assert_eq!(api.calls("GetChatMember").len(), members_before);
    // The unaddressed messages (handled before these, in order) got nothing.
    for id in [chatter, unaddressed, other_bot] {
        assert!(
            replies_to(&api, g, id).is_empty(),
            "message {id} should be ignored"
        );
    }

    // A first sendMessage answered 429 retry_after is waited out and delivered.
    api.rate_limit_next_send(1003, 1);
    let (u, _) = message(&api, 1003, 1003, "/rules");
    api.push(u);
    let sent = api.wait_sent(1003, 1, T).await;
    let all = api.sent_to(1003);
    assert_eq!(all[0].body["_status"], json!(429));
    assert!(text(&sent[0]).contains("已收录的工作规则"));
    assert!(sent[0].at.duration_since(all[0].at) >= Duration::from_millis(900));

    // A dropped connection (network error) is retried; the token is not logged.
    api.drop_next_send(1005);
    let (u, _) = message(&api, 1005, 1005, "/help");
    api.push(u);
    let sent = api.wait_sent(1005, 1, T).await;
    assert!(text(&sent[0]).contains("/ask"));
    assert_eq!(api.sent_to(1005)[0].body["_status"], json!("dropped"));

    // A long article is split into messages under 4096 characters, each valid HTML,
    // nothing lost.
    let (u, _) = message(&api, 1004, 1004, "/article 长文 2");
    api.push(u);
    let sent = api
        .wait_for("the long article", T, |a| {
            let v: Vec<Call> = a
                .sent_to(1004)
                .into_iter()
                .filter(|c| c.body["_delivered"] == json!(true))
                .collect();
            v.iter().any(|c| text(c).contains("(119)")).then_some(v)
        })
        .await;
    assert!(sent.len() >= 2, "{} message(s)", sent.len());
    let mut joined = String::new();
    for c in &sent {
        let t = text(c);
        assert!(t.chars().count() <= 4096, "{} chars", t.chars().count());
        joined.push_str(&check_html(&t).unwrap());
    }
    for i in 1..=119 {
        assert!(
            joined.contains(&format!("({i})市政府各部门")),
            "item {i} lost"
        );
    }
    assert!(joined.contains("<本部门>承担的各项工作&及时"));

    // A button press: answered, and the result sent to the chat.
    let cb = callback(1006, 1006, 9999, "dl:2031-03-10:day");
    api.push(cb);
    let sent = api.wait_sent(1006, 1, T).await;
    assert!(text(&sent[0]).contains("已设置提醒"), "{}", text(&sent[0]));
    assert!(!api.calls("AnswerCallbackQuery").is_empty());
    // The pressed message's buttons give way to the outcome (#12: they stayed,
    // and a second press stored a second reminder).
    let edits = api.calls("EditMessageReplyMarkup");
    let edit = edits
        .iter()
        .find(|c| c.body["message_id"] == json!(9999))
        .expect("the pressed message is edited");
    assert_eq!(edit.body["chat_id"], json!(1006));
    let keyboard = &edit.body["reply_markup"]["inline_keyboard"];
    assert_eq!(keyboard.as_array().map(Vec::len), Some(1), "{keyboard}");
    assert_eq!(keyboard[0][0]["text"], json!("⏰ 已设提醒"));
    assert_eq!(keyboard[0][0]["callback_data"], json!("settled"));
    // Pressing what is left does nothing.
    api.push(callback(1006, 1006, 9999, "settled"));
    let (u, _) = message(&api, 1006, 1006, "/reminders");
    api.push(u);
    let sent = api.wait_sent(1006, 2, T).await;
    assert!(text(&sent[1]).contains("#"), "{}", text(&sent[1]));
    assert_eq!(api.sent_to(1006).len(), 2);

    // Odd input never breaks the bot: a sticker in private, an empty text, a
    // message with a broken entity; the bot still answers afterwards.
    let mut sticker = message(&api, 1007, 1007, "x").0;
    sticker["message"].as_object_mut().unwrap().remove("text");
    sticker["message"]["sticker"] = json!({
        "file_id": "f", "file_unique_id": "u", "type": "regular",
        "width": 512, "height": 512, "is_animated": false, "is_video": false
    });
    api.push(sticker);
    let (u, _) = message(&api, 1007, 1007, "😀@x");
    api.push(with_entities(
        u,
        json!([{"type": "mention", "offset": 1, "length": 40}]),
    ));
    let (u, _) = message(&api, 1007, 1007, "株洲市政府常务会议多久开一次?");
    api.push(u);
    api.wait_for("the answer after odd input", T, |a| {
        a.sent_to(1007)
            .iter()
            .any(|c| text(c).contains("第四十四条"))
            .then_some(())
    })
    .await;

    // SIGTERM: an answer in flight is finished, then exit code 0.
    let (u, id) = message(&api, 1008, 1008, "株洲市政府常务会议多久开一次?");
    let uid = api.push(u);
    let _ = id;
    api.wait_confirmed(uid, T).await;
    let code = bot.terminate(T).await;
    assert_eq!(code, Some(0), "stderr:\n{}", bot.stderr());
    assert!(
        api.sent_to(1008)
            .iter()
            .any(|c| text(c).contains("第四十四条")),
        "the in-flight answer was not finished"
    );

    let log = bot.stderr();
    assert!(!log.contains(TOKEN), "the token leaked into the log");
    assert!(
        !log.contains("TEST-token"),
        "part of the token leaked into the log"
    );
    assert!(
        log.contains("request failed; retrying"),
        "expected the network error to be logged and retried:\n{log}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn allow_list_ignores_other_chats() {
    let api = FakeApi::start().await;
    let dir = tempfile::tempdir().unwrap();
    let mut bot = Serve::start(
        &api,
        &dir.path().join("db"),
        None,
        &[],
        &[("RULEBOT_ALLOWED_CHATS", "3001, -1009")],
    );
    let (u, _) = message(&api, 3002, 3002, "株洲市政府常务会议多久开一次?");
    let ignored = api.push(u);
    let (u, _) = message(&api, 3001, 3001, "株洲市政府常务会议多久开一次?");
    api.push(u);
    api.wait_sent(3001, 1, T).await;
    api.wait_confirmed(ignored, T).await;
    assert!(api.sent_to(3002).is_empty());
    assert_eq!(bot.terminate(T).await, Some(0));
    assert!(bot.stderr().contains("RULEBOT_ALLOWED_CHATS"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhook_checks_the_secret_token() {
    let api = FakeApi::start().await;
    let dir = tempfile::tempdir().unwrap();
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let public = format!("http://127.0.0.1:{port}/tg/hook");
    let listen = format!("127.0.0.1:{port}");
    let mut bot = Serve::start(
        &api,
        &dir.path().join("db"),
        None,
        &["--webhook", &public, "--listen", &listen],
        &[],
    );
    let set = api
        .wait_for("setWebhook", T, |a| {
            a.calls("SetWebhook").into_iter().next()
        })
        .await;
    assert_eq!(set.body["url"], json!(public));
    let secret = set.body["secret_token"].as_str().unwrap().to_string();
    assert!(secret.len() >= 16);
    assert!(
        api.calls("GetUpdates").is_empty(),
        "no polling in webhook mode"
    );

    let (update, _) = message(&api, 4001, 4001, "株洲市政府常务会议多久开一次?");
    let mut update = update;
    update["update_id"] = json!(1);
    let body = update.to_string();
    // Wait until the server listens.
    let deadline = Instant::now() + T;
    while tokio::net::TcpStream::connect(&listen).await.is_err() {
        assert!(Instant::now() < deadline, "webhook server never listened");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(post(&listen, "/tg/hook", None, &body).await, 401);
    assert_eq!(post(&listen, "/tg/hook", Some("wrong"), &body).await, 401);
    assert_eq!(post(&listen, "/other", Some(&secret), &body).await, 404);
    assert_eq!(
        post(&listen, "/tg/hook", Some(&secret), "{not json").await,
        400
    );
    assert!(api.sent_to(4001).is_empty());
    // The secret is checked before the body is read: a request that announces a
    // large body and sends none is refused at once, not waited for.
    assert_eq!(post_head_only(&listen, "/tg/hook", 900_000).await, 401);
    // A body over the limit is refused.
    let huge = format!("{{\"x\":\"{}\"}}", "a".repeat(1_100_000));
    assert_eq!(post(&listen, "/tg/hook", Some(&secret), &huge).await, 413);
    assert_eq!(post(&listen, "/tg/hook", Some(&secret), &body).await, 200);
    let sent = api.wait_sent(4001, 1, T).await;
    assert!(check_html(&text(&sent[0])).unwrap().contains("第四十四条"));
    assert_eq!(bot.terminate(T).await, Some(0));
}

/// Sends only the head of a POST announcing `len` bytes of body (no secret);
/// the status code, which must come without the body being sent.
async fn post_head_only(addr: &str, path: &str, len: usize) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    let req = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {len}\r\n\r\n{{"
    );
    s.write_all(req.as_bytes()).await.unwrap();
    let mut buf = vec![0u8; 512];
    let n = tokio::time::timeout(Duration::from_secs(5), s.read(&mut buf))
        .await
        .expect("an answer before the body is sent")
        .unwrap();
    let resp = String::from_utf8_lossy(&buf[..n]);
    resp.split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("bad response {resp:?}"))
}

/// POSTs a body over plain HTTP/1.1; the status code.
async fn post(addr: &str, path: &str, secret: Option<&str>, body: &str) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    let mut req = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
        body.len()
    );
    if let Some(sec) = secret {
        req.push_str(&format!("X-Telegram-Bot-Api-Secret-Token: {sec}\r\n"));
    }
    req.push_str("\r\n");
    req.push_str(body);
    // A server that refuses a body (413) may answer and close before the whole
    // body is written: what it answered is still read.
    let _ = s.write_all(req.as_bytes()).await;
    let mut resp = Vec::new();
    let mut chunk = [0u8; 4096];
    let read = tokio::time::timeout(T, async {
        while let Ok(n) = s.read(&mut chunk).await {
            if n == 0 {
                break;
            }
            resp.extend_from_slice(&chunk[..n]);
        }
    });
    read.await.expect("webhook response in time");
    let resp = String::from_utf8_lossy(&resp);
    resp.split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("bad response {resp:?}"))
}

/// Sets "/remind 1分钟后 …" in a chat; returns when the confirmation was sent.
async fn set_reminder(api: &FakeApi, chat: i64, what: &str) -> Instant {
    let (u, _) = message(api, chat, chat, &format!("/remind 1分钟后 {what}"));
    let id = api.push(u);
    let sent = api.wait_sent(chat, 1, T).await;
    assert!(text(&sent[0]).contains("已设置提醒"), "{}", text(&sent[0]));
    api.wait_confirmed(id, T).await;
    sent[0].at
}

fn reminders_of(api: &FakeApi, chat: i64, what: &str) -> Vec<Call> {
    api.sent_to(chat)
        .into_iter()
        .filter(|c| {
            c.body["_delivered"] == json!(true) && text(c).contains(&format!("⏰ 提醒:{what}"))
        })
        .collect()
}

/// The binary's clock for a test (`RULEBOT_TEST_CLOCK`): real time moved on by
/// the seconds the test writes, so a reminder a minute ahead needs no minute.
struct TestClock(std::path::PathBuf);

impl TestClock {
    fn new(dir: &std::path::Path) -> TestClock {
        let c = TestClock(dir.join("clock"));
        c.move_on(0);
        c
    }

    /// The environment that gives `rulebot serve` this clock.
    fn env(&self) -> [(&str, &str); 1] {
        [("RULEBOT_TEST_CLOCK", self.0.to_str().unwrap())]
    }

    /// Moves the clock to `secs` seconds ahead of real time (written whole, by a
    /// rename, so the binary never reads half a number).
    fn move_on(&self, secs: i64) {
        let tmp = self.0.with_extension("tmp");
        std::fs::write(&tmp, secs.to_string()).unwrap();
        std::fs::rename(&tmp, &self.0).unwrap();
    }
}

/// Nothing of `what` reaches `chat` while the clock stands (the scheduler reads
/// it every 200 ms under a test clock; a second is five readings).
async fn none_yet(api: &FakeApi, chat: i64, what: &str) {
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert!(
        reminders_of(api, chat, what).is_empty(),
        "{what} came early"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reminder_arrives_on_time() {
    let api = FakeApi::start().await;
    let dir = tempfile::tempdir().unwrap();
    let clock = TestClock::new(dir.path());
    let mut bot = Serve::start(&api, &dir.path().join("db"), None, &[], &clock.env());
    set_reminder(&api, 5001, "测试提醒").await;
    // Not before its minute …
    clock.move_on(45);
    none_yet(&api, 5001, "测试提醒").await;
    // … and at once after it.
    clock.move_on(65);
    let r = api
        .wait_for("the reminder", Duration::from_secs(30), |a| {
            reminders_of(a, 5001, "测试提醒").into_iter().next()
        })
        .await;
    // With snooze buttons.
    assert!(r.body["reply_markup"]["inline_keyboard"].is_array());
    // Regression: in a private chat it does not start with the user's name.
    assert!(text(&r).starts_with("⏰"), "{}", text(&r));
    // Not marked late: it came when due.
    assert!(!text(&r).contains("延迟"), "{}", text(&r));
    assert_eq!(bot.terminate(T).await, Some(0));
}

/// Regression (flaky before the test clock: it waited a real minute and checked
/// the arrival to within a few seconds under load).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reminder_survives_sigkill_and_arrives_once() {
    let api = FakeApi::start().await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let clock = TestClock::new(dir.path());
    let mut first = Serve::start(&api, &db, None, &[], &clock.env());
    set_reminder(&api, 6001, "重启提醒").await;
    first.child.kill().unwrap();
    first.wait(T).await;
    let mut second = Serve::start(&api, &db, None, &[], &clock.env());
    none_yet(&api, 6001, "重启提醒").await;
    clock.move_on(65);
    api.wait_for(
        "the reminder after a restart",
        Duration::from_secs(30),
        |a| reminders_of(a, 6001, "重启提醒").into_iter().next(),
    )
    .await;
    // Exactly once: nothing more arrives (the scheduler would retry within seconds).
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(reminders_of(&api, 6001, "重启提醒").len(), 1);
    // And the /remind update was not handled twice (no second confirmation).
    let confirmations = api
        .sent_to(6001)
        .iter()
        .filter(|c| text(c).contains("已设置提醒"))
        .count();
    assert_eq!(confirmations, 1);
    assert_eq!(second.terminate(T).await, Some(0));
}

/// A reminder that fell due while rulebot was down arrives at once on restart,
/// marked late; a 429 on its delivery is waited out and it is sent, once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reminder_due_while_down_arrives_late_marked_despite_429() {
    let api = FakeApi::start().await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    {
        // Stored while "the bot was down": due five minutes ago.
        let store = rulebot::store::Store::open(&db).unwrap();
        let calendar = rulebot::calendar::Calendar::load(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/holidays"),
        )
        .unwrap();
        let reminders = rulebot::reminders::Reminders::new(store, calendar);
        let now = chrono::Utc::now().with_timezone(&rulebot::when::shanghai());
        reminders
            .create(
                7001,
                7001,
                None,
                "停机期间到期",
                now - chrono::Duration::minutes(5),
                rulebot::reminders::Repeat::Once,
                now - chrono::Duration::minutes(10),
            )
            .unwrap();
        // One set in a group by 李四 (user 7002).
        reminders
            .create(
                -7002,
                7002,
                Some("李四".into()),
                "群里的提醒",
                now - chrono::Duration::minutes(5),
                rulebot::reminders::Repeat::Once,
                now - chrono::Duration::minutes(10),
            )
            .unwrap();
    }
    api.rate_limit_next_send(7001, 1);
    let started = Instant::now();
    let mut bot = Serve::start(&api, &db, None, &[], &[]);
    let r = api
        .wait_for("the late reminder", Duration::from_secs(60), |a| {
            reminders_of(a, 7001, "停机期间到期").into_iter().next()
        })
        .await;
    assert!(text(&r).contains("(延迟5分钟)"), "{}", text(&r));
    assert!(r.at.duration_since(started) < Duration::from_secs(30));
    let all = api.sent_to(7001);
    assert_eq!(all[0].body["_status"], json!(429), "{all:?}");
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(reminders_of(&api, 7001, "停机期间到期").len(), 1);
    // In the group the owner is mentioned by id, so Telegram notifies them
    // (#12: the name was plain text); the private one has no name (above).
    let g = reminders_of(&api, -7002, "群里的提醒");
    assert_eq!(g.len(), 1, "{:?}", api.sent_to(-7002));
    assert_eq!(g[0].body["parse_mode"], json!("HTML"));
    assert!(
        text(&g[0]).starts_with("<a href=\"tg://user?id=7002\">李四</a> ⏰"),
        "{}",
        text(&g[0])
    );
    assert!(check_html(&text(&g[0])).is_ok());
    assert_eq!(bot.terminate(T).await, Some(0));
}
