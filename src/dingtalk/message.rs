//! 钉钉's robot message callback (JSON), pure: who wrote, where (private chat
//! or group, the conversation id), the text, whether the robot was @mentioned,
//! the sender's admin flag, and the session webhook to answer through until it
//! expires.

use serde::Deserialize;

/// The callback body as the platform sends it (fields rulebot reads).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Callback {
    /// text, picture, richText, audio, …
    pub msgtype: String,
    /// The text of a text message.
    #[serde(default)]
    pub text: Option<Text>,
    /// The message id (encrypted by the platform; unique).
    #[serde(default)]
    pub msg_id: Option<String>,
    /// When it was sent (milliseconds).
    #[serde(default)]
    pub create_at: Option<i64>,
    /// "1" a private chat, "2" a group.
    pub conversation_type: String,
    /// The conversation (for a group, the openConversationId).
    #[serde(default)]
    pub conversation_id: Option<String>,
    /// The sender's id within the robot (always present).
    #[serde(default)]
    pub sender_id: Option<String>,
    /// The sender's display name.
    #[serde(default)]
    pub sender_nick: Option<String>,
    /// The sender's userid in the organisation (absent for outside contacts).
    #[serde(default)]
    pub sender_staff_id: Option<String>,
    /// The sender administers the group.
    #[serde(default)]
    pub is_admin: Option<bool>,
    /// The URL that answers this conversation.
    #[serde(default)]
    pub session_webhook: Option<String>,
    /// When that URL stops working (milliseconds).
    #[serde(default)]
    pub session_webhook_expired_time: Option<i64>,
    /// The robot was @mentioned.
    #[serde(default)]
    pub is_in_at_list: Option<bool>,
    /// The robot the message was for.
    #[serde(default)]
    pub robot_code: Option<String>,
}

/// A text message's text.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Text {
    /// What was written (the @mention of the robot removed by the platform).
    #[serde(default)]
    pub content: String,
}

impl Callback {
    /// Reads a callback body.
    pub fn parse(body: &[u8]) -> Result<Callback, serde_json::Error> {
        serde_json::from_slice(body)
    }

    /// From a group chat.
    pub fn is_group(&self) -> bool {
        self.conversation_type.trim() == "2"
    }

    /// The sender's id for the send API: the staff id, else the robot-scoped id.
    pub fn sender(&self) -> Option<&str> {
        self.sender_staff_id
            .as_deref()
            .or(self.sender_id.as_deref())
            .filter(|s| !s.trim().is_empty())
    }

    /// The text of a text message, trimmed.
    pub fn content(&self) -> Option<String> {
        (self.msgtype == "text")
            .then(|| self.text.as_ref().map(|t| t.content.trim().to_string()))
            .flatten()
    }

    /// The session webhook while it still works at `now_ms` (with a margin).
    pub fn webhook(&self, now_ms: i64) -> Option<(&str, i64)> {
        let url = self.session_webhook.as_deref()?;
        let until = self.session_webhook_expired_time?;
        (until > now_ms + 5_000 && (url.starts_with("https://") || url.starts_with("http://")))
            .then_some((url, until))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GROUP: &str = r#"{"conversationId":"cidGROUP==","atUsers":[{"dingtalkId":"$:LWCP_v1:$x"}],"chatbotCorpId":"dingcorp","chatbotUserId":"$:LWCP_v1:$bot","msgId":"msgA","senderNick":"张三","isAdmin":true,"senderStaffId":"zhangsan","sessionWebhookExpiredTime":1700005400000,"createAt":1700000000000,"senderCorpId":"dingcorp","conversationType":"2","senderId":"$:LWCP_v1:$zs","conversationTitle":"办公室","isInAtList":true,"sessionWebhook":"https://oapi.dingtalk.com/robot/sendBySession?session=abc","text":{"content":" 常务会议多久开一次?"},"robotCode":"dingrobot","msgtype":"text"}"#;

    #[test]
    fn reads_a_group_text_message() {
        let c = Callback::parse(GROUP.as_bytes()).unwrap();
        assert!(c.is_group());
        assert_eq!(c.sender(), Some("zhangsan"));
        assert_eq!(c.content().as_deref(), Some("常务会议多久开一次?"));
        assert_eq!(c.is_in_at_list, Some(true));
        assert_eq!(c.is_admin, Some(true));
        assert_eq!(c.robot_code.as_deref(), Some("dingrobot"));
        assert_eq!(
            c.webhook(1_700_000_000_000),
            Some((
                "https://oapi.dingtalk.com/robot/sendBySession?session=abc",
                1_700_005_400_000
            ))
        );
        // Expired (or about to): none.
        assert_eq!(c.webhook(1_700_005_399_000), None);
    }

    #[test]
    fn private_messages_and_other_types() {
        let c = Callback::parse(
            br#"{"msgtype":"picture","conversationType":"1","senderId":"$:x","content":{"downloadCode":"d"}}"#,
        )
        .unwrap();
        assert!(!c.is_group());
        assert_eq!(c.content(), None);
        assert_eq!(c.sender(), Some("$:x"));
        assert_eq!(c.webhook(0), None);
        assert!(Callback::parse(b"{not json").is_err());
        assert!(Callback::parse(br#"{"msgtype":"text"}"#).is_err());
    }
}
