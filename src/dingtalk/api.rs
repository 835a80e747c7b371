//! 钉钉's sending: a message's session webhook (markdown, while it works), else
//! the robot API with an access token (`/v1.0/oauth2/accessToken` with the
//! AppKey and AppSecret, cached until shortly before it expires and fetched
//! again, once, when a call is refused as unauthenticated):
//! `/v1.0/robot/oToMessages/batchSend` to a member, `/v1.0/robot/groupMessages/send`
//! to a group. No error text carries the secret, the token or a webhook's
//! session (the request URL is stripped from every HTTP error).

use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio::sync::Mutex;

use crate::reminders::SendError;

/// The platform's API.
pub const DEFAULT_API_URL: &str = "https://api.dingtalk.com";
/// A token is fetched again this long before the platform says it expires.
const TOKEN_MARGIN: Duration = Duration::from_secs(300);
/// One HTTP request's time limit.
const HTTP_TIMEOUT: Duration = Duration::from_secs(10);

/// Where a message goes through the API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A member, by staff id.
    User(String),
    /// A group, by openConversationId.
    Group(String),
}

/// A markdown message: DingTalk shows the title in notifications.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Markdown {
    /// The notification's title.
    pub title: String,
    /// The markdown.
    pub text: String,
}

/// The robot's API client.
pub struct Api {
    http: reqwest::Client,
    base: String,
    app_key: String,
    app_secret: String,
    robot_code: String,
    token: Mutex<Option<(String, Instant)>>,
}

impl std::fmt::Debug for Api {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Api")
            .field("base", &self.base)
            .field("robot_code", &self.robot_code)
            .finish_non_exhaustive()
    }
}

fn http_error(e: reqwest::Error) -> SendError {
    let e = e.without_url();
    SendError::Temporary(e.to_string())
}

/// The scheduler's kind of a refused API call (HTTP status and the body's code).
pub fn classify(status: u16, code: &str) -> SendError {
    match status {
        429 => SendError::RetryAfter(5),
        500..=599 => SendError::Temporary(format!("HTTP {status} {code}")),
        403 if code.contains("Forbidden") || code.contains("NotFound") => SendError::Blocked,
        _ => SendError::Permanent(format!("HTTP {status} {code}")),
    }
}

/// Does this refusal say the access token is expired or invalid?
pub fn token_refused(status: u16, code: &str) -> bool {
    status == 401 || code == "InvalidAuthentication"
}

impl Api {
    /// A client for `base`.
    pub fn new(
        base: &str,
        app_key: &str,
        app_secret: &str,
        robot_code: &str,
    ) -> anyhow::Result<Api> {
        let http = reqwest::Client::builder()
            .timeout(HTTP_TIMEOUT)
            .build()
            .map_err(|e| anyhow::anyhow!("无法创建 HTTP 客户端:{e}"))?;
        Ok(Api {
            http,
            base: base.trim().trim_end_matches('/').to_string(),
            app_key: app_key.to_string(),
            app_secret: app_secret.to_string(),
            robot_code: robot_code.to_string(),
            token: Mutex::new(None),
        })
    }

    async fn token(&self, force: bool) -> Result<String, SendError> {
        let mut cached = self.token.lock().await;
        if !force
            && let Some((t, until)) = cached.as_ref()
            && Instant::now() < *until
        {
            return Ok(t.clone());
        }
        let r = self
            .http
            .post(format!("{}/v1.0/oauth2/accessToken", self.base))
            .json(&json!({"appKey": self.app_key, "appSecret": self.app_secret}))
            .send()
            .await
            .map_err(http_error)?;
        let status = r.status().as_u16();
        let body: Value = r.json().await.unwrap_or(Value::Null);
        let token = body["accessToken"].as_str().filter(|t| !t.is_empty());
        let Some(token) = token.filter(|_| status == 200) else {
            let code = body["code"].as_str().unwrap_or("");
            tracing::error!(status, code, "accessToken refused (AppKey and AppSecret?)");
            return Err(classify(status, code));
        };
        let expires = Duration::from_secs(body["expireIn"].as_u64().unwrap_or(7200));
        *cached = Some((
            token.to_string(),
            Instant::now() + expires.saturating_sub(TOKEN_MARGIN),
        ));
        tracing::debug!(expires_in = expires.as_secs(), "access token fetched");
        Ok(token.to_string())
    }

    /// Sends through the robot API; a refused token is fetched again once.
    pub async fn send(&self, to: &Target, md: &Markdown) -> Result<(), SendError> {
        let param = json!({"title": md.title, "text": md.text}).to_string();
        let (path, body) = match to {
            Target::User(u) => (
                "/v1.0/robot/oToMessages/batchSend",
                json!({"robotCode": self.robot_code, "userIds": [u],
                       "msgKey": "sampleMarkdown", "msgParam": param}),
            ),
            Target::Group(c) => (
                "/v1.0/robot/groupMessages/send",
                json!({"robotCode": self.robot_code, "openConversationId": c,
                       "msgKey": "sampleMarkdown", "msgParam": param}),
            ),
        };
        let mut refreshed = false;
        loop {
            let token = self.token(refreshed).await?;
            let r = self
                .http
                .post(format!("{}{path}", self.base))
                .header("x-acs-dingtalk-access-token", token)
                .json(&body)
                .send()
                .await
                .map_err(http_error)?;
            let status = r.status().as_u16();
            if status == 200 {
                return Ok(());
            }
            let v: Value = r.json().await.unwrap_or(Value::Null);
            let code = v["code"].as_str().unwrap_or("").to_string();
            if token_refused(status, &code) && !refreshed {
                tracing::info!(status, code = %code, "access token refused; fetching a new one");
                refreshed = true;
                continue;
            }
            return Err(classify(status, &code));
        }
    }

    /// Opens a stream connection (`/v1.0/gateway/connections/open`) for the
    /// given subscriptions (type, topic): the WebSocket endpoint and its ticket.
    pub async fn open_connection(
        &self,
        subscriptions: &[(&str, &str)],
    ) -> Result<(String, String), SendError> {
        let subs: Vec<Value> = subscriptions
            .iter()
            .map(|(t, topic)| json!({"type": t, "topic": topic}))
            .collect();
        let r = self
            .http
            .post(format!("{}/v1.0/gateway/connections/open", self.base))
            .json(&json!({"clientId": self.app_key, "clientSecret": self.app_secret,
                          "subscriptions": subs, "ua": concat!("rulebot/", env!("CARGO_PKG_VERSION")),
                          "localIp": ""}))
            .send()
            .await
            .map_err(http_error)?;
        let status = r.status().as_u16();
        let body: Value = r.json().await.unwrap_or(Value::Null);
        match (body["endpoint"].as_str(), body["ticket"].as_str()) {
            (Some(e), Some(t)) if status == 200 && !e.is_empty() && !t.is_empty() => {
                Ok((e.to_string(), t.to_string()))
            }
            _ => Err(classify(status, body["code"].as_str().unwrap_or(""))),
        }
    }

    /// Answers through a session webhook with an ActionCard: the markdown and
    /// its buttons, (title, actionURL) pairs.
    pub async fn send_action_card(
        &self,
        url: &str,
        md: &Markdown,
        buttons: &[(String, String)],
    ) -> Result<(), SendError> {
        let btns: Vec<Value> = buttons
            .iter()
            .map(|(t, u)| json!({"title": t, "actionURL": u}))
            .collect();
        let body = json!({"msgtype": "actionCard",
            "actionCard": {"title": md.title, "text": md.text, "btnOrientation": "0", "btns": btns}});
        self.post_webhook(url, &body).await
    }

    /// Answers through a session webhook (`at`: staff ids to @mention).
    pub async fn send_webhook(
        &self,
        url: &str,
        md: &Markdown,
        at: &[String],
    ) -> Result<(), SendError> {
        let mut body = json!({"msgtype": "markdown",
            "markdown": {"title": md.title, "text": md.text}});
        if !at.is_empty() {
            body["at"] = json!({"atUserIds": at});
        }
        self.post_webhook(url, &body).await
    }

    async fn post_webhook(&self, url: &str, body: &Value) -> Result<(), SendError> {
        let r = self
            .http
            .post(url)
            .json(body)
            .send()
            .await
            .map_err(http_error)?;
        let status = r.status().as_u16();
        let v: Value = r.json().await.unwrap_or(Value::Null);
        let code = v["errcode"]
            .as_i64()
            .unwrap_or(if status == 200 { 0 } else { -1 });
        if status == 200 && code == 0 {
            Ok(())
        } else {
            Err(SendError::Temporary(format!(
                "session webhook: HTTP {status}, errcode {code}"
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_are_classified() {
        assert!(token_refused(401, ""));
        assert!(token_refused(400, "InvalidAuthentication"));
        assert!(!token_refused(400, "invalidParameter"));
        assert_eq!(classify(429, ""), SendError::RetryAfter(5));
        assert!(matches!(classify(503, ""), SendError::Temporary(_)));
        assert!(matches!(
            classify(400, "invalidParameter"),
            SendError::Permanent(_)
        ));
    }
}
