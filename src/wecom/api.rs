//! 企业微信's message API: the access token (`gettoken` with the corp id and the
//! application's secret, cached until shortly before it expires and fetched
//! again, once, when a call answers 42001 or 40014), `message/send` to a member
//! and `appchat/send` to a group chat, as markdown. Errors are classified for
//! the reminder scheduler; no error text carries the secret or the token (the
//! request URL is stripped from every HTTP error).

use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio::sync::Mutex;

use crate::reminders::SendError;

/// The platform's API.
pub const DEFAULT_API_URL: &str = "https://qyapi.weixin.qq.com";
/// A token is fetched again this long before the platform says it expires.
const TOKEN_MARGIN: Duration = Duration::from_secs(300);
/// One HTTP request's time limit.
const HTTP_TIMEOUT: Duration = Duration::from_secs(10);

/// Where a message goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A member, by userid.
    User(String),
    /// A group chat, by chatid.
    Group(String),
}

/// The API client of one application.
pub struct Api {
    http: reqwest::Client,
    base: String,
    corp_id: String,
    secret: String,
    agent_id: i64,
    token: Mutex<Option<(String, Instant)>>,
}

impl std::fmt::Debug for Api {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Api")
            .field("base", &self.base)
            .field("agent_id", &self.agent_id)
            .finish_non_exhaustive()
    }
}

/// Does this errcode say the access token is expired or invalid?
pub fn token_expired(errcode: i64) -> bool {
    matches!(errcode, 42001 | 40014)
}

/// The scheduler's kind of a platform errcode: busy and frequency limits are
/// temporary, a member or chat that cannot be reached ends the delivery.
pub fn classify_errcode(errcode: i64, errmsg: &str) -> SendError {
    match errcode {
        -1 | 45009 | 45033 | 45047 => SendError::Temporary(format!("errcode {errcode}: {errmsg}")),
        // Invalid user, not in the application's visible range, user left or
        // disabled, chat not found.
        40003 | 60111 | 81013 | 60011 | 86003 | 86004 => SendError::Blocked,
        _ => SendError::Permanent(format!("errcode {errcode}: {errmsg}")),
    }
}

fn http_error(e: reqwest::Error) -> SendError {
    // Never the URL: it carries the token or the secret.
    let e = e.without_url();
    if e.is_status() && e.status().is_some_and(|s| s.is_client_error()) {
        SendError::Permanent(e.to_string())
    } else {
        SendError::Temporary(e.to_string())
    }
}

impl Api {
    /// A client for `base` (no trailing slash needed).
    pub fn new(base: &str, corp_id: &str, secret: &str, agent_id: i64) -> anyhow::Result<Api> {
        let http = reqwest::Client::builder()
            .timeout(HTTP_TIMEOUT)
            .build()
            .map_err(|e| anyhow::anyhow!("无法创建 HTTP 客户端:{e}"))?;
        Ok(Api {
            http,
            base: base.trim().trim_end_matches('/').to_string(),
            corp_id: corp_id.to_string(),
            secret: secret.to_string(),
            agent_id,
            token: Mutex::new(None),
        })
    }

    /// The cached token, or a new one (`force`: the cached one was refused).
    async fn token(&self, force: bool) -> Result<String, SendError> {
        let mut cached = self.token.lock().await;
        if !force
            && let Some((t, until)) = cached.as_ref()
            && Instant::now() < *until
        {
            return Ok(t.clone());
        }
        let resp: Value = self
            .http
            .get(format!("{}/cgi-bin/gettoken", self.base))
            .query(&[("corpid", &self.corp_id), ("corpsecret", &self.secret)])
            .send()
            .await
            .and_then(|r| r.error_for_status())
            .map_err(http_error)?
            .json()
            .await
            .map_err(http_error)?;
        let code = resp["errcode"].as_i64().unwrap_or(0);
        if code != 0 {
            let msg = resp["errmsg"].as_str().unwrap_or("");
            tracing::error!(
                errcode = code,
                errmsg = msg,
                "gettoken refused (corp id and secret?)"
            );
            return Err(match code {
                -1 | 45009 => SendError::Temporary(format!("gettoken errcode {code}")),
                _ => SendError::Permanent(format!("gettoken errcode {code}: {msg}")),
            });
        }
        let token = resp["access_token"]
            .as_str()
            .filter(|t| !t.is_empty())
            .ok_or_else(|| SendError::Temporary("gettoken: no access_token".into()))?
            .to_string();
        let expires = Duration::from_secs(resp["expires_in"].as_u64().unwrap_or(7200));
        let until = Instant::now() + expires.saturating_sub(TOKEN_MARGIN);
        *cached = Some((token.clone(), until));
        tracing::debug!(expires_in = expires.as_secs(), "access token fetched");
        Ok(token)
    }

    /// Sends one markdown message; a refused token is fetched again once.
    pub async fn send_markdown(&self, to: &Target, content: &str) -> Result<(), SendError> {
        let (path, body) = match to {
            Target::User(u) => (
                "message/send",
                json!({"touser": u, "msgtype": "markdown", "agentid": self.agent_id,
                       "markdown": {"content": content}}),
            ),
            Target::Group(c) => (
                "appchat/send",
                json!({"chatid": c, "msgtype": "markdown", "markdown": {"content": content}}),
            ),
        };
        self.post(path, &body).await
    }

    /// Posts `body` to `path` with the token; a refused token is fetched again once.
    async fn post(&self, path: &str, body: &Value) -> Result<(), SendError> {
        let url = format!("{}/cgi-bin/{path}", self.base);
        self.call(|token| {
            self.http
                .post(&url)
                .query(&[("access_token", token)])
                .json(body)
        })
        .await
        .map(|_| ())
    }

    /// One API call with the token (`request` builds it): the answer when its
    /// errcode is 0; a refused token is fetched again once.
    async fn call(
        &self,
        request: impl Fn(&str) -> reqwest::RequestBuilder,
    ) -> Result<Value, SendError> {
        let mut refreshed = false;
        loop {
            let token = self.token(refreshed).await?;
            let resp: Value = request(&token)
                .send()
                .await
                .and_then(|r| r.error_for_status())
                .map_err(http_error)?
                .json()
                .await
                .map_err(http_error)?;
            let code = resp["errcode"].as_i64().unwrap_or(0);
            if code == 0 {
                return Ok(resp);
            }
            if token_expired(code) && !refreshed {
                tracing::info!(errcode = code, "access token refused; fetching a new one");
                refreshed = true;
                continue;
            }
            return Err(classify_errcode(
                code,
                resp["errmsg"].as_str().unwrap_or(""),
            ));
        }
    }

    /// Sends a member a button card (`template_card`, `button_interaction`):
    /// (label, key) pairs, at most six.
    pub async fn send_buttons(
        &self,
        user: &str,
        task_id: &str,
        desc: &str,
        buttons: &[(String, String)],
    ) -> Result<(), SendError> {
        let list: Vec<Value> = buttons
            .iter()
            .take(6)
            .enumerate()
            .map(|(i, (text, key))| json!({"text": text, "style": if i == 0 { 1 } else { 2 }, "key": key}))
            .collect();
        let body = json!({"touser": user, "msgtype": "template_card", "agentid": self.agent_id,
            "template_card": {"card_type": "button_interaction",
                "main_title": {"title": "规则助手", "desc": desc},
                "task_id": task_id, "button_list": list}});
        self.post("message/send", &body).await
    }

    /// Replaces a pressed card's buttons with `outcome` (the card's one-time
    /// response code).
    pub async fn settle_card(
        &self,
        user: &str,
        response_code: &str,
        outcome: &str,
    ) -> Result<(), SendError> {
        let body = json!({"userids": [user], "agentid": self.agent_id,
            "response_code": response_code, "button": {"replace_name": outcome}});
        self.post("message/update_template_card", &body).await
    }

    /// The owner of a group chat (`appchat/get`), for the admin check.
    pub async fn chat_owner(&self, chat_id: &str) -> Result<Option<String>, SendError> {
        let url = format!("{}/cgi-bin/appchat/get", self.base);
        let resp = self
            .call(|token| {
                self.http
                    .get(&url)
                    .query(&[("access_token", token), ("chatid", chat_id)])
            })
            .await?;
        Ok(resp["chat_info"]["owner"].as_str().map(str::to_string))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errcodes_are_classified() {
        assert!(token_expired(42001) && token_expired(40014));
        assert!(!token_expired(0) && !token_expired(45009));
        assert!(matches!(
            classify_errcode(45009, "freq"),
            SendError::Temporary(_)
        ));
        assert!(matches!(
            classify_errcode(-1, "busy"),
            SendError::Temporary(_)
        ));
        assert_eq!(classify_errcode(60111, "no user"), SendError::Blocked);
        assert!(matches!(
            classify_errcode(40008, "bad type"),
            SendError::Permanent(_)
        ));
    }
}
