//! Reading a reminder request: whether a message asks to be reminded, and its
//! moment and what to remind of.

use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset};
use regex::Regex;
use rulebot_core::calendar::Calendar;
use rulebot_core::when::{Moment, parse_moment_with};

use super::ReminderError;

static REQUEST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(请|麻烦|帮我)?(到时候?|届时)?(提醒我|提醒一下|提醒下|叫我|提醒)|(的时候|时|前)(提醒我|叫我)|提醒我[一下]*[。.!!]*$")
        .unwrap()
});
static FILLER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(请|麻烦|帮我)?(到时候?|届时)?(提醒我|提醒一下|提醒下|提醒|叫我)[::,, ]*|(的时候|时)?(提醒我|叫我)[一下]*[::,, ]*|^[::,, 在于]+|[::,, 。.!!]+$")
        .unwrap()
});

/// Words that ask to be reminded, wherever they stand.
static ASK_TO_REMIND: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"提醒我(?:[^们]|$)|提醒一下我|叫我|提醒下我").unwrap());

/// If `text` asks for a reminder, the request: "提醒我…", "…的时候提醒我", or a
/// time first and then 提醒我 ("10分钟后提醒我开会", "明天上午9点提醒我交材料").
pub fn reminder_request<'a>(
    text: &'a str,
    now: DateTime<FixedOffset>,
    cal: &Calendar,
) -> Option<&'a str> {
    let t = text.trim();
    if REQUEST.is_match(t) {
        return Some(t);
    }
    // A moment written before the words that ask: the moment is the reminder's.
    let asks = ASK_TO_REMIND.find(t)?;
    let half = rulebot_core::text::to_half_width(&t[..asks.start()]);
    match parse_moment_with(&half, now, cal) {
        Ok(Some(moment)) => (moment.end >= half.trim_end().len()).then_some(t),
        // A time that cannot be set (-5分钟后, 每周八): a request all the same,
        // so that the user is told why.
        Err(_) => Some(t),
        Ok(None) => None,
    }
}

/// Splits a request into its moment and what to remind of.
pub(crate) fn parse_request(
    text: &str,
    now: DateTime<FixedOffset>,
    cal: &Calendar,
) -> Result<(Moment, String), ReminderError> {
    // Full-width digits and colons (明天９：３０) read like half-width ones.
    let half = rulebot_core::text::to_half_width(text);
    let text = half.as_str();
    let moment = parse_moment_with(text, now, cal)?.ok_or(ReminderError::NoTime)?;
    let mut rest = String::new();
    rest.push_str(&text[..moment.start.min(text.len())]);
    rest.push(' ');
    rest.push_str(&text[moment.end.min(text.len())..]);
    let mut body = rest.trim().to_string();
    for _ in 0..3 {
        body = FILLER.replace_all(body.trim(), "").trim().to_string();
    }
    Ok((moment, body))
}
