//! 钉钉's stream mode: rulebot opens the connection itself
//! (`/v1.0/gateway/connections/open` with the AppKey and AppSecret gives a
//! WebSocket endpoint and a one-time ticket), so a host with no public address
//! can serve. Frames are JSON: the platform's `ping` is answered with its data,
//! `disconnect` ends the connection, a robot message (topic
//! `/v1.0/im/bot/messages/get`) is acknowledged at once and answered on its
//! chat's lane as a callback would be. A lost connection is opened again with
//! backoff (1 s doubling to a minute) until shutdown. The ticket is never
//! logged.

use std::sync::Arc;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde::Deserialize;
use serde_json::json;
use tokio::sync::watch;
use tokio_tungstenite::tungstenite::Message as Ws;

use super::Hook;
use super::message::Callback;

/// The robot messages' topic.
pub const TOPIC_ROBOT: &str = "/v1.0/im/bot/messages/get";
/// What rulebot subscribes to.
pub const SUBSCRIPTIONS: [(&str, &str); 3] = [
    ("SYSTEM", "ping"),
    ("SYSTEM", "disconnect"),
    ("CALLBACK", TOPIC_ROBOT),
];
/// A connection that brings nothing for this long is probed with a ping.
const IDLE: Duration = Duration::from_secs(120);

/// One frame from the platform.
#[derive(Debug, Deserialize)]
struct Frame {
    #[serde(rename = "type", default)]
    kind: String,
    #[serde(default)]
    headers: std::collections::HashMap<String, String>,
    #[serde(default)]
    data: String,
}

/// What a frame asks for.
#[derive(Debug, PartialEq)]
pub enum Incoming {
    /// Answer with this frame (a pong, or an acknowledgement of an event).
    Reply(String),
    /// A robot message: acknowledge with the frame, then handle the message.
    Message(String, Box<Callback>),
    /// The platform is closing the connection: open another.
    Disconnect,
    /// Nothing to do (a frame that is not JSON).
    Ignore,
}

fn ack(message_id: &str, code: u16, message: &str, data: &str) -> String {
    json!({"code": code,
           "headers": {"contentType": "application/json", "messageId": message_id},
           "message": message, "data": data})
    .to_string()
}

/// Reads one text frame (pure).
pub fn read_frame(text: &str) -> Incoming {
    let Ok(f) = serde_json::from_str::<Frame>(text) else {
        return Incoming::Ignore;
    };
    let topic = f.headers.get("topic").map(String::as_str).unwrap_or("");
    let id = f.headers.get("messageId").map(String::as_str).unwrap_or("");
    match (f.kind.as_str(), topic) {
        ("SYSTEM", "ping") => Incoming::Reply(ack(id, 200, "OK", &f.data)),
        ("SYSTEM", "disconnect") => Incoming::Disconnect,
        ("CALLBACK", TOPIC_ROBOT) => match Callback::parse(f.data.as_bytes()) {
            Ok(c) => Incoming::Message(ack(id, 200, "OK", ""), Box::new(c)),
            Err(_) => Incoming::Reply(ack(id, 400, "bad robot message", "")),
        },
        _ => Incoming::Reply(ack(id, 404, "no handler", "")),
    }
}

/// Keeps a stream connection open until shutdown.
pub async fn run(hook: Arc<Hook>, mut shutdown: watch::Receiver<bool>) {
    let mut failures = 0u32;
    loop {
        if *shutdown.borrow() {
            return;
        }
        let r = tokio::select! {
            r = session(&hook) => r,
            _ = shutdown.wait_for(|s| *s) => return,
        };
        match r {
            Ok(()) => failures = 0,
            Err(e) => {
                failures += 1;
                tracing::warn!(error = %e, failures, "stream connection failed");
            }
        }
        let wait = Duration::from_secs(1u64 << failures.min(6)).min(Duration::from_secs(60));
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = shutdown.wait_for(|s| *s) => return,
        }
    }
}

/// One connection: open, read frames until it ends.
async fn session(hook: &Arc<Hook>) -> Result<(), String> {
    let (endpoint, ticket) = hook
        .api
        .open_connection(&SUBSCRIPTIONS)
        .await
        .map_err(|e| format!("connections/open: {e}"))?;
    let scrub = |e: &dyn std::fmt::Display| e.to_string().replace(&ticket, "<ticket>");
    let sep = if endpoint.contains('?') { '&' } else { '?' };
    let url = format!("{endpoint}{sep}ticket={}", encode(&ticket));
    let (ws, _) = tokio_tungstenite::connect_async(url.as_str())
        .await
        .map_err(|e| format!("connect: {}", scrub(&e)))?;
    tracing::info!("stream connection open");
    let (mut tx, mut rx) = ws.split();
    let mut probed = false;
    loop {
        let next = match tokio::time::timeout(IDLE, rx.next()).await {
            Ok(n) => n,
            Err(_) if !probed => {
                probed = true;
                tx.send(Ws::Ping(Vec::new().into()))
                    .await
                    .map_err(|e| scrub(&e))?;
                continue;
            }
            Err(_) => return Err("no answer to a ping".into()),
        };
        probed = false;
        let msg = match next {
            None => return Ok(()),
            Some(Err(e)) => return Err(scrub(&e)),
            Some(Ok(m)) => m,
        };
        match msg {
            Ws::Text(t) => match read_frame(t.as_str()) {
                Incoming::Reply(r) => tx.send(Ws::text(r)).await.map_err(|e| scrub(&e))?,
                Incoming::Message(r, c) => {
                    tx.send(Ws::text(r)).await.map_err(|e| scrub(&e))?;
                    if c.robot_code
                        .as_deref()
                        .is_some_and(|r| r != hook.robot_code)
                    {
                        tracing::warn!("stream message for another robot ignored");
                        continue;
                    }
                    let _ = super::accept(hook, *c);
                }
                Incoming::Disconnect => {
                    tracing::info!("the platform closes the stream connection; reconnecting");
                    let _ = tx.close().await;
                    return Ok(());
                }
                Incoming::Ignore => {}
            },
            Ws::Ping(p) => tx.send(Ws::Pong(p)).await.map_err(|e| scrub(&e))?,
            Ws::Close(_) => return Ok(()),
            _ => {}
        }
    }
}

/// Percent-encodes a query value.
fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(kind: &str, topic: &str, data: &str) -> String {
        json!({"specVersion": "1.0", "type": kind,
               "headers": {"topic": topic, "messageId": "mid-1", "contentType": "application/json", "time": "1700000000000"},
               "data": data})
        .to_string()
    }

    #[test]
    fn pings_are_answered_with_their_data() {
        let r = read_frame(&frame("SYSTEM", "ping", r#"{"opaque":"x"}"#));
        let Incoming::Reply(r) = r else {
            panic!("{r:?}")
        };
        let v: serde_json::Value = serde_json::from_str(&r).unwrap();
        assert_eq!(v["code"], json!(200));
        assert_eq!(v["headers"]["messageId"], json!("mid-1"));
        assert_eq!(v["data"], json!(r#"{"opaque":"x"}"#));
    }

    #[test]
    fn robot_messages_are_acknowledged_and_read() {
        let data = r#"{"msgtype":"text","text":{"content":"帮助"},"conversationType":"1","senderStaffId":"u1","msgId":"m1"}"#;
        let r = read_frame(&frame("CALLBACK", TOPIC_ROBOT, data));
        let Incoming::Message(ack, c) = r else {
            panic!("{r:?}")
        };
        assert!(ack.contains("\"messageId\":\"mid-1\"") && ack.contains("\"code\":200"));
        assert_eq!(c.content().as_deref(), Some("帮助"));
        assert_eq!(
            read_frame(&frame("SYSTEM", "disconnect", "")),
            Incoming::Disconnect
        );
        assert!(matches!(
            read_frame(&frame("EVENT", "other", "{}")),
            Incoming::Reply(r) if r.contains("404")
        ));
        assert!(matches!(
            read_frame(&frame("CALLBACK", TOPIC_ROBOT, "not json")),
            Incoming::Reply(r) if r.contains("400")
        ));
        assert_eq!(read_frame("garbage"), Incoming::Ignore);
    }

    #[test]
    fn tickets_are_encoded() {
        assert_eq!(encode("a+b/c=d"), "a%2Bb%2Fc%3Dd");
    }
}
