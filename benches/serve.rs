//! `cargo bench --bench serve`: updates per second through the real `rulebot serve`
//! against the fake Bot API on 127.0.0.1, with throttling off (what the bot itself
//! can do) and on (it must stay within Telegram's limits). Prints figures.

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use common::{FakeApi, Serve, message};

const QUESTIONS: &[&str] = &[
    "株洲市政府常务会议一般多久开一次?",
    "会签文件几天内回复?",
    "双塔区各部门主要负责人离开朝阳外出,要提前几天报备?",
    "规范性文件发布后多少天内备案?",
    "好的收到,谢谢",
];

async fn run(updates: usize, chats: i64, throttle: bool) -> (usize, Duration, f64) {
    let api = FakeApi::start().await;
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("store");
    let env: Vec<(&str, &str)> = if throttle {
        vec![("RUST_LOG", "warn")]
    } else {
        vec![("RULEBOT_THROTTLE", "off"), ("RUST_LOG", "warn")]
    };
    // Warm up: start-up and one answer, so that the figure is steady state.
    let mut serve = Serve::start(&api, &db, None, &[], &env);
    let (u, _) = message(&api, 1, 1, "常务会议多久开一次");
    api.push(u);
    api.wait_sent(1, 1, Duration::from_secs(60)).await;
    let before = api.count("SendMessage");
    let cpu_before = serve.cpu_seconds().unwrap_or(0.0);
    let start = Instant::now();
    for i in 0..updates {
        let chat = 1000 + (i as i64 % chats);
        let (u, _) = message(&api, chat, chat, QUESTIONS[i % QUESTIONS.len()]);
        api.push(u);
    }
    let deadline = start + Duration::from_secs(120);
    let mut done = 0;
    while Instant::now() < deadline {
        done = api.count("SendMessage") - before;
        if done >= updates {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let took = start.elapsed();
    let cpu = serve.cpu_seconds().unwrap_or(0.0) - cpu_before;
    serve.terminate(Duration::from_secs(30)).await;
    (done, took, cpu)
}

#[tokio::main]
async fn main() {
    println!(
        "| 节流 | 更新数 | 会话数 | 已回复 | 用时 s | 每秒更新 | rulebot CPU s | 每 CPU 秒更新 |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (throttle, updates, chats) in [(false, 4000, 400), (true, 300, 300)] {
        let (done, took, cpu) = run(updates, chats, throttle).await;
        println!(
            "| {} | {updates} | {chats} | {done} | {:.2} | {:.0} | {:.2} | {:.0} |",
            if throttle { "开" } else { "关" },
            took.as_secs_f64(),
            done as f64 / took.as_secs_f64(),
            cpu,
            if cpu > 0.0 { done as f64 / cpu } else { 0.0 }
        );
    }
}
