//! Buttons' actions as Telegram callback data (at most 64 bytes) and back:
//! `snz:<id>:10m|1h|9am`, `done:<id>`, `dl:<YYYY-MM-DD>:pre|day`, `upl:ok|no`.

use chrono::NaiveDate;

use crate::reply::{Action, DeadlineDay, Later};

/// Telegram's limit on callback data, in bytes.
pub const CALLBACK_LIMIT: usize = 64;

/// The callback data of an action.
pub fn encode(action: &Action) -> String {
    match action {
        Action::Snooze { id, later } => {
            let how = match later {
                Later::TenMinutes => "10m",
                Later::OneHour => "1h",
                Later::TomorrowNine => "9am",
            };
            format!("snz:{id}:{how}")
        }
        Action::Done { id } => format!("done:{id}"),
        Action::Deadline { date, day } => {
            let which = match day {
                DeadlineDay::DayBefore => "pre",
                DeadlineDay::SameDay => "day",
            };
            format!("dl:{}:{which}", date.format("%Y-%m-%d"))
        }
        Action::Upload { confirm } => format!("upl:{}", if *confirm { "ok" } else { "no" }),
    }
}

/// The data of the button that shows a press's outcome: it does nothing.
pub const SETTLED: &str = "settled";

/// The action of callback data; `None` for data rulebot never sent.
pub fn decode(data: &str) -> Option<Action> {
    let parts: Vec<&str> = data.split(':').collect();
    let id_ok = |id: &str| !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric());
    Some(match parts.as_slice() {
        ["snz", id, how] if id_ok(id) => Action::Snooze {
            id: id.to_string(),
            later: match *how {
                "10m" => Later::TenMinutes,
                "1h" => Later::OneHour,
                "9am" => Later::TomorrowNine,
                _ => return None,
            },
        },
        ["done", id] if id_ok(id) => Action::Done { id: id.to_string() },
        ["dl", date, which] => Action::Deadline {
            date: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?,
            day: match *which {
                "pre" => DeadlineDay::DayBefore,
                "day" => DeadlineDay::SameDay,
                _ => return None,
            },
        },
        ["upl", "ok"] => Action::Upload { confirm: true },
        ["upl", "no"] => Action::Upload { confirm: false },
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_round_trip_within_telegrams_limit() {
        let long_id = "z".repeat(13);
        let actions = [
            Action::Snooze {
                id: long_id.clone(),
                later: Later::TomorrowNine,
            },
            Action::Snooze {
                id: "1".into(),
                later: Later::TenMinutes,
            },
            Action::Done { id: long_id },
            Action::Deadline {
                date: NaiveDate::from_ymd_opt(2026, 12, 7).unwrap(),
                day: DeadlineDay::DayBefore,
            },
            Action::Deadline {
                date: NaiveDate::from_ymd_opt(2026, 12, 7).unwrap(),
                day: DeadlineDay::SameDay,
            },
            Action::Upload { confirm: true },
            Action::Upload { confirm: false },
        ];
        for a in actions {
            let data = encode(&a);
            assert!(data.len() <= CALLBACK_LIMIT, "{data}");
            assert_eq!(decode(&data), Some(a));
        }
    }

    #[test]
    fn data_rulebot_never_sent_is_nothing() {
        for data in [
            "",
            "snz",
            "snz:1:2d",
            "snz::1h",
            "done:",
            "dl:2026-13-01:pre",
            "dl:2026-12-01:x",
            "x:y",
            "upl:yes",
            SETTLED,
        ] {
            assert_eq!(decode(data), None, "{data}");
        }
    }
}
