//! Receiving updates: long polling (getUpdates with an offset, confirmed on
//! shutdown) or a webhook (a small HTTP server that accepts only POSTs to the
//! webhook's path carrying Telegram's secret-token header). Both feed one channel
//! and stop when the shutdown flag is set.

use std::time::Duration;

use anyhow::{Result, anyhow};
use teloxide::prelude::*;
use teloxide::types::UpdateKind;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, watch};

use super::send::{backoff, classify, with_retry};
use super::{allowed_updates, scrub_err, stopped};
use crate::reminders::SendError;

/// The long-polling timeout (below reqwest's 17 s request timeout in teloxide).
const POLL_TIMEOUT_SECS: u32 = 10;
/// The largest webhook request accepted.
const MAX_BODY: usize = 1 << 20;
const MAX_HEAD: usize = 16 << 10;

/// Where updates come from.
pub(crate) enum Source {
    Polling,
    Webhook {
        listener: TcpListener,
        path: String,
        secret: String,
    },
}

/// Polling needs no webhook: removes one if set.
pub(crate) async fn remove_webhook(bot: &Bot) -> Result<()> {
    let info = with_retry("getWebhookInfo", u32::MAX, || {
        bot.get_webhook_info().into_future()
    })
    .await
    .map_err(|e| anyhow!("getWebhookInfo 失败:{}", scrub_err(&e)))?;
    if info.url.is_some() {
        tracing::info!("a webhook is set; deleting it for long polling");
        with_retry("deleteWebhook", u32::MAX, || {
            bot.delete_webhook().into_future()
        })
        .await
        .map_err(|e| anyhow!("deleteWebhook 失败:{}", scrub_err(&e)))?;
    }
    Ok(())
}

/// Registers the webhook with its secret token.
pub(crate) async fn set_webhook(bot: &Bot, url: &str, secret: &str) -> Result<()> {
    let parsed = bot.api_url().join(url)?;
    with_retry("setWebhook", u32::MAX, || {
        bot.set_webhook(parsed.clone())
            .secret_token(secret.to_string())
            .allowed_updates(allowed_updates())
            .into_future()
    })
    .await
    .map_err(|e| anyhow!("setWebhook 失败:{}", scrub_err(&e)))?;
    Ok(())
}

/// Receives updates until shutdown; dropping `tx` at the end tells the workers.
pub(crate) async fn receive(
    source: Source,
    bot: Bot,
    tx: mpsc::Sender<Update>,
    shutdown: watch::Receiver<bool>,
) {
    match source {
        Source::Polling => poll(bot, tx, shutdown).await,
        Source::Webhook {
            listener,
            path,
            secret,
        } => webhook(listener, path, secret, tx, shutdown).await,
    }
}

async fn forward(tx: &mpsc::Sender<Update>, u: Update) -> bool {
    if let UpdateKind::Error(_) = &u.kind {
        tracing::warn!(update = u.id.0, "skipped an update that could not be read");
        return true;
    }
    tx.send(u).await.is_ok()
}

async fn poll(bot: Bot, tx: mpsc::Sender<Update>, mut shutdown: watch::Receiver<bool>) {
    let mut offset: i32 = 0;
    let mut errors = 0u32;
    'outer: loop {
        if *shutdown.borrow() {
            break;
        }
        let mut req = bot
            .get_updates()
            .timeout(POLL_TIMEOUT_SECS)
            .allowed_updates(allowed_updates());
        if offset != 0 {
            req = req.offset(offset);
        }
        let result = tokio::select! {
            r = req.into_future() => r,
            _ = stopped(&mut shutdown) => break,
        };
        let wait = match result {
            Ok(updates) => {
                errors = 0;
                for u in updates {
                    offset = offset.max(u.id.as_offset());
                    if !forward(&tx, u).await {
                        break 'outer;
                    }
                }
                continue;
            }
            Err(e) => match classify(&e) {
                SendError::RetryAfter(s) => Duration::from_secs(s.max(1)),
                _ => {
                    errors += 1;
                    if matches!(
                        e,
                        teloxide::RequestError::Api(
                            teloxide::errors::ApiError::TerminatedByOtherGetUpdates
                        )
                    ) {
                        tracing::error!(
                            "another instance is polling with this token; only one may run"
                        );
                    } else {
                        tracing::warn!(error = %scrub_err(&e), errors, "getUpdates failed");
                    }
                    backoff(errors + 1)
                }
            },
        };
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = stopped(&mut shutdown) => break,
        }
    }
    // Confirm what was received, so a restart does not see it again.
    if offset != 0 {
        let confirm = bot.get_updates().offset(offset).timeout(0).limit(1);
        match tokio::time::timeout(Duration::from_secs(5), confirm.into_future()).await {
            Ok(Ok(_)) => tracing::debug!(offset, "confirmed received updates"),
            Ok(Err(e)) => tracing::warn!(error = %scrub_err(&e), "confirming updates failed"),
            Err(_) => tracing::warn!("confirming updates timed out"),
        }
    }
}

async fn webhook(
    listener: TcpListener,
    path: String,
    secret: String,
    tx: mpsc::Sender<Update>,
    mut shutdown: watch::Receiver<bool>,
) {
    let mut conns = tokio::task::JoinSet::new();
    loop {
        tokio::select! {
            r = listener.accept() => match r {
                Ok((stream, _)) => {
                    let (path, secret, tx) = (path.clone(), secret.clone(), tx.clone());
                    conns.spawn(async move {
                        if let Err(e) = tokio::time::timeout(
                            Duration::from_secs(15),
                            webhook_conn(stream, &path, &secret, &tx),
                        ).await {
                            tracing::debug!(error = %e, "webhook connection timed out");
                        }
                    });
                }
                Err(e) => {
                    tracing::warn!(error = %e, "accepting a webhook connection failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            },
            _ = stopped(&mut shutdown) => break,
        }
        while conns.try_join_next().is_some() {}
    }
    drop(listener);
    // Requests already read are forwarded before the channel closes.
    let _ = tokio::time::timeout(Duration::from_secs(5), async {
        while conns.join_next().await.is_some() {}
    })
    .await;
}

/// One request a connection (answered with `Connection: close`).
async fn webhook_conn(
    mut stream: TcpStream,
    path: &str,
    secret: &str,
    tx: &mpsc::Sender<Update>,
) -> std::io::Result<()> {
    let (status, text) = match read_request(&mut stream).await? {
        None => (400, "Bad Request"),
        Some(req) => judge(&req, path, secret, tx).await,
    };
    let resp = format!(
        "HTTP/1.1 {status} {text}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
        text.len()
    );
    stream.write_all(resp.as_bytes()).await?;
    stream.shutdown().await
}

async fn judge(
    req: &Request,
    path: &str,
    secret: &str,
    tx: &mpsc::Sender<Update>,
) -> (u16, &'static str) {
    let req_path = req.target.split('?').next().unwrap_or("");
    if req_path != path {
        return (404, "Not Found");
    }
    if req.method != "POST" {
        return (405, "Method Not Allowed");
    }
    let given = req
        .headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("x-telegram-bot-api-secret-token"))
        .map(|(_, v)| v.as_str());
    if !given.is_some_and(|g| constant_time_eq(g.as_bytes(), secret.as_bytes())) {
        tracing::warn!("webhook request without the right secret token rejected");
        return (401, "Unauthorized");
    }
    match serde_json::from_slice::<Update>(&req.body) {
        Ok(u) => {
            if forward(tx, u).await {
                (200, "OK")
            } else {
                (503, "Service Unavailable")
            }
        }
        Err(e) => {
            tracing::warn!(error = %e, "webhook body is not an update");
            (400, "Bad Request")
        }
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[derive(Debug)]
struct Request {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

/// Reads one HTTP/1.1 request with a Content-Length body; None when malformed.
async fn read_request(stream: &mut TcpStream) -> std::io::Result<Option<Request>> {
    let mut buf = Vec::with_capacity(4096);
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        if buf.len() > MAX_HEAD {
            return Ok(None);
        }
        let mut chunk = [0u8; 4096];
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Ok(None);
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let Ok(head) = std::str::from_utf8(&buf[..head_end]) else {
        return Ok(None);
    };
    let mut lines = head.split("\r\n");
    let mut first = lines.next().unwrap_or("").split_whitespace();
    let (Some(method), Some(target)) = (first.next(), first.next()) else {
        return Ok(None);
    };
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    if headers
        .iter()
        .any(|(k, _)| k.eq_ignore_ascii_case("transfer-encoding"))
    {
        return Ok(None);
    }
    let len = match headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
    {
        Some((_, v)) => match v.parse::<usize>() {
            Ok(n) if n <= MAX_BODY => n,
            _ => return Ok(None),
        },
        None => 0,
    };
    let mut body = buf[head_end + 4..].to_vec();
    while body.len() < len {
        let mut chunk = vec![0u8; (len - body.len()).min(64 << 10)];
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Ok(None);
        }
        body.extend_from_slice(&chunk[..n]);
    }
    body.truncate(len);
    Ok(Some(Request {
        method: method.to_string(),
        target: target.to_string(),
        headers,
        body,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compares_secrets() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"abcd"));
    }
}
