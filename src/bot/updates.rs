//! Receiving updates: long polling (getUpdates with an offset, confirmed on
//! shutdown) or a webhook (an axum server that accepts only POSTs to the
//! webhook's path carrying Telegram's secret-token header). Both feed one channel
//! and stop when the shutdown flag is set.

use std::time::Duration;

use anyhow::{Result, anyhow};
use std::sync::Arc;
use teloxide::prelude::*;
use teloxide::types::UpdateKind;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use tokio::net::TcpListener;
use tokio::sync::{mpsc, watch};
use tower::limit::ConcurrencyLimitLayer;
use tower_http::timeout::TimeoutLayer;

use super::send::{backoff, classify, with_retry};
use super::{allowed_updates, scrub_err, stopped};
use crate::reminders::SendError;

/// The long-polling timeout (below reqwest's 17 s request timeout in teloxide).
const POLL_TIMEOUT_SECS: u32 = 10;
/// The largest webhook request body accepted.
const MAX_BODY: usize = 1 << 20;
/// How long one webhook request may take, body included.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);
/// Webhook requests served at once (Telegram sends up to 40 by default).
const MAX_IN_FLIGHT: usize = 64;

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
            // One update the JSON parser rejects (a lone surrogate in a text)
            // failed the whole batch, and the offset never moved past it
            // (regression): the updates are read one by one from the raw body,
            // an unreadable one is logged without its text and skipped.
            Err(teloxide::RequestError::InvalidJson { raw, .. }) => {
                errors = 0;
                let (updates, last) = salvage(&raw);
                for u in updates {
                    offset = offset.max(u.id.as_offset());
                    if !forward(&tx, u).await {
                        break 'outer;
                    }
                }
                match last {
                    Some(id) => offset = offset.max(id.saturating_add(1)),
                    None => {
                        tracing::error!("getUpdates answered with a body that holds no update id")
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

/// The updates of a getUpdates body the strict parser rejected, read one by
/// one, and the highest update id seen (to move the offset past the bad ones).
fn salvage(raw: &str) -> (Vec<Update>, Option<i32>) {
    let repaired = replace_lone_surrogates(raw);
    let ids = || {
        UPDATE_ID
            .captures_iter(raw)
            .filter_map(|c| c[1].parse::<i32>().ok())
            .max()
    };
    let Ok(body) = serde_json::from_str::<serde_json::Value>(&repaired) else {
        tracing::error!("a getUpdates body could not be read at all; skipping its updates");
        return (Vec::new(), ids());
    };
    let mut out = Vec::new();
    let mut last = None;
    for item in body["result"].as_array().map(Vec::as_slice).unwrap_or(&[]) {
        let id = item["update_id"]
            .as_i64()
            .and_then(|i| i32::try_from(i).ok());
        last = last.max(id);
        match serde_json::from_value::<Update>(item.clone()) {
            Ok(u) => out.push(u),
            Err(e) => {
                tracing::warn!(update = ?id, error = %e, "skipped an update that could not be read")
            }
        }
    }
    (out, last.or_else(ids))
}

static UPDATE_ID: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r#""update_id"\s*:\s*(\d+)"#).expect("regex"));

/// JSON text with each unpaired UTF-16 surrogate escape (`\ud83d` alone)
/// replaced by U+FFFD, which every parser accepts.
fn replace_lone_surrogates(raw: &str) -> String {
    let b = raw.as_bytes();
    let mut out = String::with_capacity(raw.len());
    let mut i = 0;
    let hex = |at: usize| -> Option<u16> {
        raw.get(at..at + 4)
            .and_then(|h| u16::from_str_radix(h, 16).ok())
    };
    let mut last = 0;
    while i + 6 <= b.len() {
        if b[i] == b'\\' && b[i + 1] == b'\\' {
            i += 2;
            continue;
        }
        if b[i] == b'\\'
            && b[i + 1] == b'u'
            && let Some(u) = hex(i + 2)
        {
            let high = (0xD800..0xDC00).contains(&u);
            let low = (0xDC00..0xE000).contains(&u);
            let paired_low = high
                && raw.get(i + 6..i + 8) == Some("\\u")
                && hex(i + 8).is_some_and(|l| (0xDC00..0xE000).contains(&l));
            if paired_low {
                i += 12;
                continue;
            }
            if high || low {
                out.push_str(&raw[last..i]);
                out.push_str("\\ufffd");
                i += 6;
                last = i;
                continue;
            }
            i += 6;
            continue;
        }
        i += 1;
    }
    out.push_str(&raw[last..]);
    out
}

/// What the webhook's handlers share.
struct Hook {
    secret: String,
    tx: mpsc::Sender<Update>,
}

/// Serves the webhook with axum until shutdown: POSTs to `path` only, the
/// secret-token header checked (in constant time) before the body is read,
/// bodies up to [`MAX_BODY`], each request bounded by [`REQUEST_TIMEOUT`] and at
/// most [`MAX_IN_FLIGHT`] at once; connections bounded and idle ones closed by
/// [`Capped`](super::listener::Capped).
async fn webhook(
    listener: TcpListener,
    path: String,
    secret: String,
    tx: mpsc::Sender<Update>,
    mut shutdown: watch::Receiver<bool>,
) {
    let hook = Arc::new(Hook { secret, tx });
    let app = Router::new()
        .route(&path, post(receive_update))
        .route_layer(middleware::from_fn_with_state(hook.clone(), check_secret))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(ConcurrencyLimitLayer::new(MAX_IN_FLIGHT))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .with_state(hook);
    let served = axum::serve(super::listener::Capped::new(listener), app)
        .with_graceful_shutdown(async move { stopped(&mut shutdown).await })
        .await;
    if let Err(e) = served {
        tracing::error!(error = %e, "the webhook server failed");
    }
}

/// Rejects a request without Telegram's secret token before its body is read.
async fn check_secret(
    State(hook): State<Arc<Hook>>,
    req: axum::extract::Request,
    next: middleware::Next,
) -> Response {
    let given = req
        .headers()
        .get("x-telegram-bot-api-secret-token")
        .map(|v| v.as_bytes());
    if !given.is_some_and(|g| constant_time_eq(g, hook.secret.as_bytes())) {
        tracing::warn!("webhook request without the right secret token rejected");
        return (StatusCode::UNAUTHORIZED, "Unauthorized").into_response();
    }
    next.run(req).await
}

/// One update, forwarded to the workers.
async fn receive_update(State(hook): State<Arc<Hook>>, body: Bytes) -> (StatusCode, &'static str) {
    match serde_json::from_slice::<Update>(&body) {
        Ok(u) => {
            if forward(&hook.tx, u).await {
                (StatusCode::OK, "OK")
            } else {
                (StatusCode::SERVICE_UNAVAILABLE, "Service Unavailable")
            }
        }
        Err(e) => {
            tracing::warn!(error = %e, "webhook body is not an update");
            (StatusCode::BAD_REQUEST, "Bad Request")
        }
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression (issue 13): one update with a lone surrogate escape stopped
    /// polling for good. The others are read, and the offset moves past it.
    #[test]
    fn a_bad_update_is_skipped_and_the_rest_read() {
        let good = |id: i64, text: &str| {
            serde_json::json!({"update_id": id, "message": {"message_id": id, "date": 0,
                "chat": {"id": 1, "type": "private", "first_name": "a"},
                "from": {"id": 1, "is_bot": false, "first_name": "a"}, "text": text}})
            .to_string()
        };
        let bad = good(8, "XX").replace("XX", "\\ud83d 坏");
        let raw = format!(
            r#"{{"ok":true,"result":[{},{},{}]}}"#,
            good(7, "常务会议"),
            bad,
            good(9, "会签")
        );
        assert!(serde_json::from_str::<serde_json::Value>(&raw).is_err());
        let (updates, last) = salvage(&raw);
        assert_eq!(last, Some(9));
        assert_eq!(updates.len(), 3, "the repaired one is read too");
        // A body beyond repair still moves the offset past every id in it.
        let (updates, last) = salvage(r#"{"ok":true,"result":[{"update_id": 12, "message": {"#);
        assert!(updates.is_empty());
        assert_eq!(last, Some(12));
        // Pairs are left alone.
        assert_eq!(
            replace_lone_surrogates(r#""\ud83d\ude00""#),
            r#""\ud83d\ude00""#
        );
        assert_eq!(replace_lone_surrogates(r#""a\udc00b""#), r#""a\ufffdb""#);
        assert_eq!(replace_lone_surrogates(r#""\\ud800""#), r#""\\ud800""#);
    }

    #[test]
    fn compares_secrets() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"abcd"));
    }
}
