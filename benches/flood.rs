//! `cargo bench --bench flood`: the memory of `rulebot serve --webhook` under a
//! flood of unauthenticated connections (#13: 300 connections each announcing
//! ~1 MiB and sending part of it took RSS from 56 MB to 219 MB). Prints the
//! server's RSS before, at the peak of the flood and after it, and whether an
//! authenticated update is still answered.

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use common::{FakeApi, Serve, message};
use tokio::io::AsyncWriteExt;

fn rss_kb(pid: u32, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

#[tokio::main]
async fn main() {
    let api = FakeApi::start().await;
    let tmp = tempfile::tempdir().unwrap();
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let public = format!("http://127.0.0.1:{port}/tg/hook");
    let listen = format!("127.0.0.1:{port}");
    let mut serve = Serve::start(
        &api,
        &tmp.path().join("store"),
        None,
        &["--webhook", &public, "--listen", &listen],
        &[("RUST_LOG", "error")],
    );
    let pid = serve.child.id();
    let deadline = Instant::now() + Duration::from_secs(60);
    while tokio::net::TcpStream::connect(&listen).await.is_err() {
        assert!(Instant::now() < deadline, "the webhook never listened");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let before = rss_kb(pid, "VmRSS:");

    // 300 connections, each announcing 1 MiB with no secret and sending 64 KiB of it,
    // plus 300 that send half a request head and then nothing.
    let chunk = vec![b'a'; 64 * 1024];
    let mut held = Vec::new();
    for i in 0..600 {
        let Ok(mut s) = tokio::net::TcpStream::connect(&listen).await else {
            continue;
        };
        let head = if i % 2 == 0 {
            format!(
                "POST /tg/hook HTTP/1.1\r\nHost: {listen}\r\nContent-Type: application/json\r\nContent-Length: 1048576\r\n\r\n"
            )
        } else {
            format!("POST /tg/hook HTTP/1.1\r\nHost: {listen}\r\n")
        };
        let _ = s.write_all(head.as_bytes()).await;
        if i % 2 == 0 {
            let _ = tokio::time::timeout(Duration::from_millis(20), s.write_all(&chunk)).await;
        }
        held.push(s);
    }
    let mut peak = 0;
    for _ in 0..20 {
        peak = peak.max(rss_kb(pid, "VmRSS:"));
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    drop(held);
    // Past the idle limit, so every connection of the flood is gone.
    tokio::time::sleep(Duration::from_secs(12)).await;
    let after = rss_kb(pid, "VmRSS:");
    let hwm = rss_kb(pid, "VmHWM:");

    // Still answering.
    let set = api.calls("SetWebhook");
    let secret = set[0].body["secret_token"].as_str().unwrap().to_string();
    let (mut update, _) = message(&api, 4001, 4001, "株洲市政府常务会议多久开一次?");
    update["update_id"] = serde_json::json!(1);
    let body = update.to_string();
    let mut s = tokio::net::TcpStream::connect(&listen).await.unwrap();
    let req = format!(
        "POST /tg/hook HTTP/1.1\r\nHost: {listen}\r\nConnection: close\r\nContent-Type: application/json\r\nX-Telegram-Bot-Api-Secret-Token: {secret}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes()).await.unwrap();
    let answered = tokio::time::timeout(
        Duration::from_secs(30),
        api.wait_sent(4001, 1, Duration::from_secs(30)),
    )
    .await
    .is_ok();
    println!("| 连接 | 之前 RSS | 洪峰 RSS | 之后 RSS | 峰值 (VmHWM) | 洪峰后仍回答 |");
    println!("|---:|---:|---:|---:|---:|---|");
    println!(
        "| 600 | {:.1} MB | {:.1} MB | {:.1} MB | {:.1} MB | {} |",
        before as f64 / 1024.0,
        peak as f64 / 1024.0,
        after as f64 / 1024.0,
        hwm as f64 / 1024.0,
        if answered { "是" } else { "否" }
    );
    serve.terminate(Duration::from_secs(30)).await;
}
