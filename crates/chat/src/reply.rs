//! A reply to one message, and the buttons under it.

use rulebot_core::answer::escape_html;

/// A button under a reply: its label and callback data (≤ 64 bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Button {
    pub label: String,
    pub data: String,
}

/// One reply.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    /// Plain text (terminal).
    pub text: String,
    /// Telegram HTML, already split into messages under Telegram's limit.
    pub html: Vec<String>,
    pub buttons: Vec<Button>,
    /// Reply to this message (groups).
    pub reply_to: Option<i64>,
}

impl Reply {
    pub(crate) fn plain(text: impl Into<String>, reply_to: Option<i64>) -> Reply {
        let text = text.into();
        Reply {
            html: rulebot_core::answer::pack_html(
                &rulebot_core::answer::split_escaped(&text, rulebot_core::answer::TELEGRAM_LIMIT)
                    .iter()
                    .map(|p| escape_html(p))
                    .collect::<Vec<_>>(),
                rulebot_core::answer::TELEGRAM_LIMIT,
            ),
            text,
            buttons: Vec::new(),
            reply_to,
        }
    }
}
