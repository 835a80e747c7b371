//! The reminder as stored: what it says, when it is due, how it repeats, its
//! state, and the keys it is stored under.

use chrono::{DateTime, FixedOffset, TimeZone, Weekday};
use rulebot_core::when::{Recurrence, shanghai};
use serde::{Deserialize, Serialize};

/// The tree reminders are stored in.
pub(crate) const TREE: &str = "reminders";
/// A user holds at most this many pending reminders.
pub const MAX_PENDING_PER_USER: usize = 100;

/// What a reminder repeats as (stored form).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "every", rename_all = "snake_case")]
pub enum Repeat {
    Once,
    Daily,
    Weekdays,
    /// 0 = Monday.
    Weekly {
        weekday: u8,
    },
    Monthly {
        day: u32,
    },
    /// The last working day of each month on the official calendar.
    MonthlyLastWorkday,
}

impl From<Recurrence> for Repeat {
    fn from(r: Recurrence) -> Repeat {
        match r {
            Recurrence::Once => Repeat::Once,
            Recurrence::Daily => Repeat::Daily,
            Recurrence::Weekdays => Repeat::Weekdays,
            Recurrence::Weekly(w) => Repeat::Weekly {
                weekday: w.num_days_from_monday() as u8,
            },
            Recurrence::Monthly(d) => Repeat::Monthly { day: d },
            Recurrence::MonthlyLastWorkday => Repeat::MonthlyLastWorkday,
        }
    }
}

impl Repeat {
    pub(crate) fn recurrence(self) -> Recurrence {
        match self {
            Repeat::Once => Recurrence::Once,
            Repeat::Daily => Recurrence::Daily,
            Repeat::Weekdays => Recurrence::Weekdays,
            Repeat::Weekly { weekday } => {
                Recurrence::Weekly(Weekday::try_from(weekday).unwrap_or(Weekday::Mon))
            }
            Repeat::Monthly { day } => Recurrence::Monthly(day),
            Repeat::MonthlyLastWorkday => Recurrence::MonthlyLastWorkday,
        }
    }

    pub(crate) fn describe(self) -> String {
        const W: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];
        match self {
            Repeat::Once => String::new(),
            Repeat::Daily => "(每天)".into(),
            Repeat::Weekdays => "(每个工作日)".into(),
            Repeat::Weekly { weekday } => format!("(每周{})", W[weekday as usize % 7]),
            Repeat::Monthly { day } => format!("(每月{day}日)"),
            Repeat::MonthlyLastWorkday => "(每月最后一个工作日)".into(),
        }
    }
}

/// Where a reminder is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    Pending,
    Delivered,
    Done,
    Cancelled,
    /// Delivery was given up (the retries ran out, or the platform refused it for
    /// good): kept, and listed as failed, so its owner learns of it.
    Failed,
}

/// One reminder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reminder {
    pub id: String,
    pub chat_id: i64,
    pub user_id: i64,
    pub user_name: Option<String>,
    pub text: String,
    /// When it is due (Unix seconds).
    pub due: i64,
    /// When it was first due this time round (for the late mark), Unix seconds.
    pub scheduled: i64,
    pub repeat: Repeat,
    pub state: State,
    pub attempts: u32,
    pub delivered_at: Option<i64>,
    /// The reminder this one snoozes (the first of a chain of snoozes), so
    /// that "已完成" on any of them ends the copies too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snoozed_from: Option<String>,
}

impl Reminder {
    /// The due time in Asia/Shanghai.
    pub fn due_at(&self) -> DateTime<FixedOffset> {
        shanghai()
            .timestamp_opt(self.due, 0)
            .single()
            .unwrap_or_else(|| shanghai().timestamp_opt(0, 0).unwrap())
    }
}

pub(crate) fn due_key(due: i64, id: &str) -> Vec<u8> {
    let mut k = b"d/".to_vec();
    k.extend_from_slice(&(due as u64 ^ (1 << 63)).to_be_bytes());
    k.extend_from_slice(id.as_bytes());
    k
}

pub(crate) fn rem_key(id: &str) -> Vec<u8> {
    format!("r/{id}").into_bytes()
}
