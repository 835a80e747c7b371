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

/// What the webhook's handlers share.
struct Hook {
    secret: String,
    tx: mpsc::Sender<Update>,
}

/// Serves the webhook with axum until shutdown: POSTs to `path` only, the
/// secret-token header checked (in constant time) before the body is read,
/// bodies up to [`MAX_BODY`], each request bounded by [`REQUEST_TIMEOUT`] and at
/// most [`MAX_IN_FLIGHT`] at once.
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
    let served = axum::serve(listener, app)
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

    #[test]
    fn compares_secrets() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"abcd"));
    }
}
