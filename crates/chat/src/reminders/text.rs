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

/// What `/reminders` shows: the pending reminders, soonest first, then those
/// whose delivery was given up, marked as such.
pub fn listing(pending: &[Reminder], failed: &[Reminder]) -> String {
    let mut s = String::new();
    if pending.is_empty() {
        s.push_str("您在本聊天中没有待办的提醒。\n");
    } else {
        s.push_str("您的待办提醒:\n");
        for r in pending {
            s.push_str(&format!("{}\n", summary(r)));
        }
    }
    if !failed.is_empty() {
        s.push_str("投递失败(已停止重试,请另行处理):\n");
        for r in failed {
            s.push_str(&format!("{} ⚠️\n", summary(r)));
        }
    }
    if !pending.is_empty() {
        s.push_str("取消:/cancel 编号");
    }
    s.trim_end().to_string()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reminders::State;

    fn reminder(id: &str, text: &str, state: State) -> Reminder {
        Reminder {
            id: id.into(),
            chat_id: 1,
            user_id: 1,
            user_name: None,
            text: text.into(),
            due: 1_800_000_000,
            scheduled: 1_800_000_000,
            repeat: crate::reminders::Repeat::Once,
            state,
            attempts: 0,
            delivered_at: None,
            snoozed_from: None,
        }
    }

    /// #12: a reminder whose delivery was given up is kept and listed as such.
    #[test]
    fn failed_reminders_are_listed_as_failed() {
        let p = [reminder("1", "交材料", State::Pending)];
        let f = [reminder("2", "报备", State::Failed)];
        let t = listing(&p, &f);
        assert!(t.starts_with("您的待办提醒:\n#1 "), "{t}");
        assert!(t.contains("投递失败(已停止重试,请另行处理):\n#2 "), "{t}");
        assert!(t.contains("报备 ⚠️"), "{t}");
        let t = listing(&[], &f);
        assert!(t.starts_with("您在本聊天中没有待办的提醒。"), "{t}");
        assert!(!t.contains("/cancel"), "{t}");
    }
}
