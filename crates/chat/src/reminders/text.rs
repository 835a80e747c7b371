//! What reminders say to the user (confirmations, lists, times) and the
//! buttons under them, as typed actions.

use chrono::{DateTime, FixedOffset, NaiveDate};
use rulebot_core::when::shanghai;

use super::Reminder;
use crate::reply::{Action, Button, DeadlineDay, Later};

/// 2026年12月1日(周二)09:00
pub fn format_moment(at: DateTime<FixedOffset>) -> String {
    let local = at.with_timezone(&shanghai());
    format!(
        "{}{}",
        rulebot_core::deadline::format_date(local.date_naive()),
        local.format("%H:%M")
    )
}

/// The confirmation shown after a reminder is stored.
pub fn confirmation(r: &Reminder) -> String {
    format!(
        "好的,已设置提醒 #{}:{}{}提醒您“{}”(北京时间)。取消:/cancel {}",
        r.id,
        format_moment(r.due_at()),
        r.repeat.describe(),
        r.text,
        r.id
    )
}

/// One line for /reminders.
pub fn summary(r: &Reminder) -> String {
    format!(
        "#{} {}{} {}",
        r.id,
        format_moment(r.due_at()),
        r.repeat.describe(),
        r.text
    )
}

/// The buttons under a delivered reminder.
pub fn snooze_buttons(id: &str) -> Vec<Button> {
    let snooze = |label: &str, later| Button {
        label: label.into(),
        action: Action::Snooze {
            id: id.to_string(),
            later,
        },
    };
    vec![
        snooze("10分钟后", Later::TenMinutes),
        snooze("1小时后", Later::OneHour),
        snooze("明天上午9点", Later::TomorrowNine),
        Button {
            label: "已完成".into(),
            action: Action::Done { id: id.to_string() },
        },
    ]
}

pub fn deadline_buttons(date: &str) -> Vec<Button> {
    let Ok(date) = NaiveDate::parse_from_str(date, "%Y-%m-%d") else {
        return Vec::new();
    };
    vec![
        Button {
            label: "到期前一天提醒".into(),
            action: Action::Deadline {
                date,
                day: DeadlineDay::DayBefore,
            },
        },
        Button {
            label: "当天上午9点提醒".into(),
            action: Action::Deadline {
                date,
                day: DeadlineDay::SameDay,
            },
        },
    ]
}
