//! A reply to one message, transport-neutral: its body (text, or a structured
//! answer), the buttons under it as typed actions, and the message it answers.
//! Each transport renders it (Telegram HTML and callback data in the binary's
//! `bot`, plain text and numbered buttons in the terminal).

use chrono::NaiveDate;
use rulebot_core::answer::Answer;

/// When a snoozed reminder fires again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Later {
    /// Ten minutes after the press.
    TenMinutes,
    /// An hour after the press.
    OneHour,
    /// 09:00 the next day.
    TomorrowNine,
}

/// Which day a reminder for a computed deadline fires (at 09:00).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineDay {
    /// The day before the deadline.
    DayBefore,
    /// The deadline's own day.
    SameDay,
}

/// What pressing a button asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Remind again later (reminder id).
    Snooze {
        /// The reminder snoozed.
        id: String,
        /// When it fires again.
        later: Later,
    },
    /// Mark a reminder done (reminder id).
    Done {
        /// The reminder done.
        id: String,
    },
    /// Set a reminder for a computed deadline.
    Deadline {
        /// The deadline.
        date: NaiveDate,
        /// Which day to be reminded.
        day: DeadlineDay,
    },
    /// Confirm (or drop) the document this chat uploaded.
    Upload {
        /// Ingest it (`false`: drop it).
        confirm: bool,
    },
}

/// A button under a reply: its label and what pressing it asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Button {
    /// What the button says.
    pub label: String,
    /// What pressing it does.
    pub action: Action,
}

/// What a reply says.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// Plain text (a transport escapes and splits it as it needs).
    Text(String),
    /// An answer with its citations, lines and deadline.
    Answer(Box<Answer>),
}

/// One reply.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    /// What it says.
    pub body: Body,
    /// Buttons under it.
    pub buttons: Vec<Button>,
    /// Reply to this message (groups).
    pub reply_to: Option<i64>,
    /// Answering a button press that did what it offered: the outcome that
    /// replaces the pressed message's buttons ("✅ 已完成"), so they cannot be
    /// pressed again. `None` leaves them (a press by someone else, an error).
    pub settles: Option<String>,
}

impl Reply {
    /// A reply of plain text.
    pub fn plain(text: impl Into<String>, reply_to: Option<i64>) -> Reply {
        Reply {
            body: Body::Text(text.into()),
            buttons: Vec::new(),
            reply_to,
            settles: None,
        }
    }

    /// A reply that is an answer.
    pub fn answer(answer: Answer, reply_to: Option<i64>) -> Reply {
        Reply {
            body: Body::Answer(Box::new(answer)),
            buttons: Vec::new(),
            reply_to,
            settles: None,
        }
    }

    /// The reply as plain text (the terminal, and a fallback elsewhere).
    pub fn text(&self) -> String {
        match &self.body {
            Body::Text(t) => t.clone(),
            Body::Answer(a) => a.to_text(),
        }
    }
}
