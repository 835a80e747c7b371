//! Chinese date and time phrases in a question → dates and moments (Asia/Shanghai).
//!
//! All parsers are pure functions of the text, `now` and (where holidays
//! matter) the [`Calendar`]. "No date here" is `Ok(None)` / an empty list;
//! a date that cannot exist (2月30日, 13月1日, 25点) is an `Err` whose
//! `Display` says why in Chinese. Questions reach [`find_dates`] normalised
//! (traditional → simplified, full width → half width, counted numerals as
//! digits); reminders reach [`parse_moment`] in half width, and traditional
//! characters are folded here (下週一 9點), keeping byte spans.
//!
//! Dates ([`find_dates`], [`parse_date`]):
//! - absolute: 2026年12月1日, 二〇二六年十二月一日, 二零一五年三月三, 明年3月1日,
//!   12月1日, 12月1号, 十二月一日, 三月一 / 二月十五 (a Chinese day without
//!   日/号 only where the phrase ends: 二月十三到十五), 12/1, 2026-12-01,
//!   2026/12/1, 2026.12.1, 3/3/2015 and 10/31/1974 (month/day/year or
//!   day/month/year where only one fits; 3/4/2015 is asked about; a two-digit
//!   year last is not read); a date without a year takes the year (this, last
//!   or next) that puts it nearest to `now`;
//! - counted weekdays: 十月第一个星期一, 11月最后一个周五 (the month's year as
//!   for 10月1日);
//! - parts of a month or year: 3月底, 三月头, 五月中, 六月尾, 明年3月初 (初/头
//!   the 1st, 中/中旬 the 15th, 底/末/尾 the last day); 月底 / 月末 / 月尾,
//!   月初 / 月头, 月中, 下个月底, 下月初, 下月中旬; 年底 / 年末 / 年尾, 年初,
//!   今年底, 去年底, 明年初, 2017年头, 2025年底 (年头 needs its year: 这年头 is
//!   no date);
//! - relative: 今天 明天 后天 大后天 昨天 前天 大前天 (今晚, 明早 …);
//!   周三 / 礼拜三 / 星期天 / 本周三 / 这周三 / 这礼拜三 = this calendar week's
//!   day (weeks start on Monday), 下周三 = next calendar week's, 上周三,
//!   下下周三; 周末 = Saturday; 下个月5号, 本月20日, 上月3号, 5号 (this month;
//!   next month when already past and told of something to come: 6号要出差);
//!   3天后, 三天之后, 两周后, 三个礼拜后, 一个月后, 5个工作日后; 两天前收到的,
//!   两个礼拜之前部署的 (a past day only with what happened then: a bare 3天前
//!   beside a meeting is a limit);
//! - holidays: 节后第一天, 国庆节后第一个工作日, 春节后上班第一天 (the first
//!   working day after the holiday block that is under way or comes next),
//!   节前最后一个工作日, 端午节后那个周一 (the first such weekday after the
//!   block). Phrases such as 国庆节后10月8日 yield the explicit date.
//!   Holidays with a fixed date as their day ([`DateSource::Holiday`]): 元旦,
//!   妇女节, 劳动节, 青年节, 儿童节, 建党节, 建军节, 教师节, 国庆(节) — this
//!   year's unless more than a week past, else next year's; 明年元旦, 去年国庆,
//!   2014年元旦 that year's. Not when the name is the time off or a topic
//!   (国庆节后, 元旦假期, 中秋国庆连着放, 元旦怎么算). Lunar festivals (春节,
//!   端午, 中秋) and 清明 are not read as a day; days of the first lunar month
//!   are (正月初八, 大年初三, 正月十五, 正月廿一), on the calendar's table of lunar
//!   new year days (`lunar-new-year.json`): the coming one unless this year's
//!   passed more than a month ago.
//! - a weekday beside a date confirms it: 3月10号周二, 1月5日(周一), 周日,
//!   二月十号, 明天周五, 今天是周三, 下周三(12月9日), 12月9日(下周三) read as
//!   one mention when they agree and are a [`WhenError::WeekdayMismatch`] when
//!   they do not (明天、周五 lists two days).
//!
//! Not read, on purpose (see crates/core/tests/data/time_corpus.toml, the
//! vetted corpus): weeks, months and years without a day (下周, 3月份, 明年),
//! spans (下三天, 前两天), seconds, 现在, Cantonese words (聽日, 尋日, 宜家,
//! 後日), foreign and religious festivals. A span (6月12号到7月3号) is read as
//! its dates.
//!
//! Each mention carries its byte span and the event the words around it name
//! (the nearest one in its clause): 收到 (收到, 收文, 转来, 批办 …), 会议
//! (开会, 召开, 会议, 开完 …), 出行 (出发, 出差, 出行, 去, 赴 …), 发布 (发布,
//! 印发, 公布), 部署 (部署, 布置), 聘任 (聘).
//!
//! Moments for reminders ([`parse_moment`]): 明天上午9点, 后天下午三点,
//! 下午三点十五, 12月1日9:30, 下周一早上 (a part of the day without a clock
//! time: 早上/上午 9:00, 中午 12:00, 下午 14:00, 傍晚 18:00, 晚上 / 晚间 / 周一晚
//! 20:00; a day alone: 9:00), 30分钟后, 三分钟之后, 1小时后, 三个钟后, 半小时后,
//! 今晚8点, 十点半, 国庆节晚上; 3pm, 3:15pm, 9:30am; recurring 每天8点,
//! 每周一上午9点, 每个工作日9点, 每月1日, 每月最后一个工作日 (每月底). A clock time from 1 to 6 o'clock with no
//! part of the day is in the afternoon (三点 = 15:00; 凌晨三点 and 06:30 stay in
//! the morning); one with no day that has already passed today means tomorrow;
//! a weekday alone already past this week (周一 said on a Tuesday) is the
//! coming one. A time zone other than Beijing's (4pm CET) is refused.

use std::sync::LazyLock;

use chrono::{
    DateTime, Datelike, Days, Duration, FixedOffset, Months, NaiveDate, NaiveTime, TimeZone,
    Weekday,
};
use regex::Regex;

use crate::calendar::Calendar;
use crate::event::Event;
use crate::text::parse_chinese_numeral;

/// Asia/Shanghai: UTC+8, no daylight saving time.
pub fn shanghai() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("UTC+8")
}

/// Today's date in Asia/Shanghai.
pub fn today(now: DateTime<FixedOffset>) -> NaiveDate {
    now.with_timezone(&shanghai()).date_naive()
}

/// A date or time that cannot exist, or one the data cannot answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WhenError {
    /// 2月30日, 13月1日, 2025年2月29日.
    #[error("“{text}”不是有效日期:{reason}")]
    InvalidDate {
        /// The phrase as written.
        text: String,
        /// Why it cannot exist.
        reason: String,
    },
    /// 25点, 9:75.
    #[error("“{text}”不是有效时间:{reason}")]
    InvalidTime {
        /// The phrase as written.
        text: String,
        /// Why it cannot exist.
        reason: String,
    },
    /// 节后第一天 when no holiday notice covers the coming months.
    #[error("“{text}”无法确定:{reason}")]
    Unresolvable {
        /// The phrase as written.
        text: String,
        /// What is missing.
        reason: String,
    },
    /// A weekday written beside a date that falls on another day (3月10号周三,
    /// 明天周五 on a Wednesday), or a week that does not hold the date
    /// (下周三(12月16日) when 下周三 is 12月9日).
    #[error("“{text}”前后不一致:{date}是{actual},请确认是哪一天")]
    WeekdayMismatch {
        /// The date and weekday as written.
        text: String,
        /// The date (12月7日), or the weekday with its week (下周三).
        date: String,
        /// Its real weekday (周一), or the date the weekday is (12月9日).
        actual: String,
    },
}

/// How a date was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateSource {
    /// Written out; `year_given` false when the year was inferred from `now`.
    Absolute { year_given: bool },
    /// 今天, 下周三, 3天后, 月底 …
    Relative,
    /// 节后第一天 and the like: the first working day after a holiday block.
    AfterHoliday { holiday: String },
    /// 节前最后一个工作日.
    BeforeHoliday { holiday: String },
    /// A holiday with a fixed date, named as a day (国庆节, 元旦): not preferred
    /// to a written date.
    Holiday { holiday: String },
}

/// A date mentioned in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    pub date: NaiveDate,
    /// Byte range of the phrase in the text.
    pub start: usize,
    pub end: usize,
    /// The phrase as written.
    pub text: String,
    /// The event the words around it name: 收到, 会议, 出行, 发布, 部署, 聘任.
    pub event: Option<Event>,
    /// How far (bytes) from the phrase the event's word is: 0 when it follows
    /// at once (明天出发), more when it is told further off (明天出发去北京 今天
    /// 报备: 今天 is 出发's only across the words between).
    pub event_gap: usize,
    /// The asker's guess at the answer (是不是10月中旬?, 应该是15号吧), not a
    /// date anything happens on.
    pub guess: bool,
    pub source: DateSource,
}

/// Month or day: Arabic, or Chinese up to 三十一.
const MD: &str = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})";

/// The holidays' names as people say them before 后 / 前 (国庆后, 五一节后, 十一
/// 之后): `HOLIDAYS` in a pattern.
const HOLIDAYS: &str = "元旦|春节|清明|五一|劳动|端午|中秋|国庆|十一";

fn re(s: &str) -> Regex {
    Regex::new(
        &s.replace("MD", MD)
            .replace("NUM", crate::numerals::NUM_PATTERN)
            .replace("HOLIDAYS", HOLIDAYS),
    )
    .expect("when pattern")
}

fn num(s: &str) -> Option<u32> {
    parse_chinese_numeral(s.trim())
}

/// 2026 or 二〇二六 / 二零二六.
fn year_num(s: &str) -> Option<i32> {
    crate::numerals::parse_digit_by_digit(s).and_then(|y| i32::try_from(y).ok())
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let first = NaiveDate::from_ymd_opt(year, month, 1).expect("month");
    let next = first
        .checked_add_months(Months::new(1))
        .expect("next month");
    (next - first).num_days() as u32
}

fn last_of_month(d: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(d.year(), d.month(), days_in_month(d.year(), d.month())).expect("day")
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).expect("day 1")
}

/// A checked date, with the reason in Chinese when it cannot exist.
fn make_date(text: &str, year: Option<i32>, month: u32, day: u32) -> Result<NaiveDate, WhenError> {
    let bad = |reason: String| WhenError::InvalidDate {
        text: text.to_string(),
        reason,
    };
    if !(1..=12).contains(&month) {
        return Err(bad(format!("一年只有12个月,没有{month}月")));
    }
    if day == 0 {
        return Err(bad("日期从1日开始,没有0日".into()));
    }
    let max = match year {
        Some(y) => days_in_month(y, month),
        None => [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month as usize - 1],
    };
    if day > max {
        return Err(bad(match year {
            Some(y) if month == 2 && day == 29 => format!("{y}年不是闰年,2月没有29日"),
            _ => format!("{month}月只有{max}天,没有{day}日"),
        }));
    }
    match year {
        Some(y) => {
            NaiveDate::from_ymd_opt(y, month, day).ok_or_else(|| bad("超出可计算的范围".into()))
        }
        None => unreachable!("callers pass a year"),
    }
}

/// The year for a month and day written without one: the year (last, this or
/// next) that puts the date nearest to `today`.
fn infer_year(text: &str, today: NaiveDate, month: u32, day: u32) -> Result<NaiveDate, WhenError> {
    // Validate the month and day in the abstract first (13月1日, 4月31日).
    let y = today.year();
    if !(1..=12).contains(&month) || day == 0 {
        return make_date(text, Some(y), month, day);
    }
    let mut best: Option<NaiveDate> = None;
    for cand in [y, y - 1, y + 1] {
        if let Some(d) = NaiveDate::from_ymd_opt(cand, month, day) {
            let dist = (d - today).num_days().abs();
            // Within half a year, this year wins.
            let better = match best {
                None => true,
                Some(b) => {
                    let bd = (b - today).num_days().abs();
                    if b.year() == y && bd <= 183 {
                        false
                    } else {
                        dist < bd
                    }
                }
            };
            if better {
                best = Some(d);
            }
        }
    }
    match best {
        Some(d) => Ok(d),
        None => make_date(text, Some(y), month, day),
    }
}

fn weekday_index(c: &str) -> Option<u32> {
    Some(match c {
        "一" | "1" => 0,
        "二" | "2" => 1,
        "三" | "3" => 2,
        "四" | "4" => 3,
        "五" | "5" => 4,
        "六" | "6" | "末" => 5,
        "日" | "天" | "7" | "0" => 6,
        _ => return None,
    })
}

fn monday_of(d: NaiveDate) -> NaiveDate {
    d - Duration::days(d.weekday().num_days_from_monday() as i64)
}

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n as u64))
    } else {
        d.checked_sub_days(Days::new((-n) as u64))
    }
}

fn out_of_range(text: &str) -> WhenError {
    WhenError::InvalidDate {
        text: text.to_string(),
        reason: "超出可计算的范围".into(),
    }
}

/// Words that name an event, by family.
const EVENT_WORDS: &[(Event, &[&str])] = &[
    (
        Event::Received,
        &[
            "收到",
            "收文",
            "转来",
            "转办",
            "批办",
            "交办",
            "来文",
            "发来",
            "送来",
            "接到",
            "签收",
            "收的",
            "转过来",
            "批转",
            "拿到",
        ],
    ),
    (Event::Deployed, &["部署", "布置"]),
    (
        Event::Published,
        &["发布", "印发的", "公布", "发文", "出台", "下发", "印发"],
    ),
    (Event::Appointed, &["聘"]),
    (
        Event::Travel,
        &[
            "出发", "出差", "出行", "外出", "出访", "离开", "动身", "启程", "去", "赴", "前往",
            "出去", "出门", "离昆", "离朝", "离株", "离乐", "离吐",
        ],
    ),
    (
        Event::Meeting,
        &[
            "会议",
            "开会",
            "例会",
            "常务会",
            "全体会",
            "开完",
            "召开",
            "会上",
            "开了",
            "开个会",
            "讨论通过",
            "上会",
            "研究通过",
            "审议通过",
            "议定",
        ],
    ),
];

/// Words containing an event word that do not name the event. Going to an
/// office in town to hand in or report something (今天去府办报备, 去办公室请假)
/// is an errand, not leaving for a trip.
const NOT_EVENT: &[&str] = &[
    "去年",
    "过去",
    "失去",
    "去除",
    "删去",
    "回去",
    "去掉",
    "去向",
    "会签",
    "去世",
    "去办公室",
    "去府办",
    "去政府办公室",
    "去报备",
    "去报告",
    "去请假",
    "去备案",
];

/// The byte range of the clause of `text` around `start..end`: from after the
/// punctuation before it to the punctuation after it.
fn clause_around(text: &str, start: usize, end: usize) -> (usize, usize) {
    const STOPS: &[char] = &[',', ',', '。', ';', ';', '!', '!', '?', '?', '\n', '、'];
    let from = text[..start]
        .char_indices()
        .rev()
        .find(|(_, c)| STOPS.contains(c))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let to = text[end..]
        .char_indices()
        .find(|(_, c)| STOPS.contains(c))
        .map(|(i, _)| end + i)
        .unwrap_or(text.len());
    (from, to)
}

/// The event named nearest to `start..end` within its clause.
pub fn event_near(text: &str, start: usize, end: usize) -> Option<Event> {
    event_and_gap(text, start, end).map(|(e, _)| e)
}

/// The event named nearest to `start..end` within its clause, and how far
/// (bytes) from it its word is.
fn event_and_gap(text: &str, start: usize, end: usize) -> Option<(Event, usize)> {
    let (from, to) = clause_around(text, start, end);
    let mut best: Option<(usize, usize, Event)> = None;
    for (rank, (family, words)) in EVENT_WORDS.iter().enumerate() {
        for w in words.iter() {
            for (i, _) in text[from..to].match_indices(w) {
                let at = from + i;
                let wend = at + w.len();
                // Inside the date phrase itself (今天 …) does not count.
                if at < end && wend > start {
                    continue;
                }
                let masked = NOT_EVENT.iter().any(|n| {
                    text[from..to].match_indices(n).any(|(j, _)| {
                        let ns = from + j;
                        ns <= at && at < ns + n.len()
                    })
                });
                if masked {
                    continue;
                }
                let dist = if at >= end { at - end } else { start - wend };
                if best.is_none_or(|(d, r, _)| dist < d || (dist == d && rank < r)) {
                    best = Some((dist, rank, *family));
                }
            }
        }
    }
    best.map(|(d, _, f)| (f, d))
}

struct Found {
    start: usize,
    end: usize,
    date: NaiveDate,
    source: DateSource,
}

type Scan = fn(&str, NaiveDate, &Calendar) -> Result<Vec<Found>, WhenError>;

static FULL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(今年|明年|去年|前年|后年)?(\d{4}|\d{2}|[〇零一二三四五六七八九]{4})?\s*(?:年)?\s*(MD)\s*月\s*(MD)\s*([日号])?",
    )
});
static ISO_DATE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(\d{4})\s*([-/.])\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})"));
static SLASH_DATE: LazyLock<Regex> = LazyLock::new(|| re(r"(\d{1,2})([/.])(\d{1,2})"));
static MONTH_REL: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(下下个?月|下个?月|本月|这个?月|上个?月|当月)\s*(?:的)?\s*(MD)\s*[日号]")
});
static MONTH_EDGE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(下下个?月|下个?月|本月|这个?月|上个?月|当月)?\s*(月底|月末|月初|月头|月尾|月中|底|末|初|头|尾|中)",
    )
});
/// 年底, 今年底, 明年年初, 2017年头, 二〇二五年年底.
static YEAR_EDGE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:(今年|明年|本年|去年|前年|后年)|(\d{4}|[〇零一二三四五六七八九]{4})\s*年)?\s*(?:的)?\s*(年底|年末|年初|年头|年尾|底|末|初|头|尾)",
    )
});
/// 十月第一个星期一, 11月最后一个周五, 2026年10月的第2个周三.
static NTH_WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:(\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*)?(MD)\s*月\s*(?:份)?\s*(?:的)?\s*(?:第\s*([1-5一二三四五])|最后\s*(?:一|1)?)\s*个\s*(?:周|星期|礼拜)\s*([一二三四五六日天1-7])",
    )
});
/// 3/3/2015, 10/31/1974: month/day/year (or day/month/year).
static US_DATE: LazyLock<Regex> = LazyLock::new(|| re(r"(\d{1,2})/(\d{1,2})/(\d{4})"));
/// 三月头, 5月中, 六月尾, 3月底, 2017年初.
static MONTH_PART: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:(今年|明年|去年|(\d{4}|[〇零一二三四五六七八九]{4})\s*年)\s*)?(MD)\s*月\s*(?:份)?\s*(?:的)?\s*(初|头|中旬|中|底|末|尾)",
    )
});
/// Holidays and commemorative days with a fixed date.
static FIXED_HOLIDAY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(今年|明年|去年|(\d{4}|[〇零一二三四五六七八九]{4})\s*年)?\s*(?:的)?\s*(元旦节|元旦|(?:三八)?(?:国际)?妇女节|(?:五一)?(?:国际)?劳动节|(?:五四)?青年节|(?:六一)?(?:国际)?儿童节|(?:七一)?建党节|(?:八一)?建军节|教师节|国庆节|国庆)",
    )
});
static BARE_DAY: LazyLock<Regex> = LazyLock::new(|| re(r"(\d{1,2})\s*号"));
/// A day of the first lunar month: 正月初八, 大年初三, 农历正月十五, 正月8号.
static LUNAR_DAY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:农历|阴历)?\s*(?:正月|大年)\s*(?:初\s*(\d{1,2}|[一二三四五六七八九十])|(\d{1,2})\s*[日号]|(十[一二三四五六七八九]?|二十[一二三四五六七八九]?|廿[一二三四五六七八九]|三十))",
    )
});
static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(下下个?|下个?|上个?|本|这个?|这一)?\s*(?:周|星期|礼拜)\s*([一二三四五六日天末1-7])")
});
static DAY_WORD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"大大后天|大后天|后天|明天|明日|明早|明晚|明儿|今天|今日|今早|今晚|今儿|今夜|昨天|昨日|昨晚|昨儿|大前天|前天",
    )
});
static OFFSET: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?:过\s*)?(NUM|半|一个半)\s*(个)?\s*(天|日|周|星期|礼拜|月|年|工作日)\s*(后|以后|之后)")
});
static HOLIDAY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"((?:HOLIDAYS)(?:节)?(?:假期|长假|假)?|节|假期|长假|放假)\s*(?:过)?\s*(后|结束后|以后|之后|收假后|前|之前|以前)\s*(?:的)?\s*(第[一1]天|第[一1]个工作日|头[一1]个工作日|首个工作日|上班第[一1]天|第[一1]个上班日|一上班|上班|开工|最后[一1]天|最后[一1]个工作日|最后[一1]个上班日)",
    )
});

static HOLIDAY_WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"((?:HOLIDAYS)(?:节)?(?:假期|长假|假)?)\s*(?:过)?\s*(?:后|结束后|以后|之后|收假后)\s*(?:的)?\s*(?:那个|那|第[一1]个)?\s*(?:周|星期|礼拜)([一二三四五六日天1-7])",
    )
});

fn scan_full(text: &str, today: NaiveDate, _: &Calendar) -> Result<Vec<Found>, WhenError> {
    let mut out = Vec::new();
    for c in FULL_DATE.captures_iter(text) {
        let m = c.get(0).expect("match");
        let year_digits = c.get(2);
        let day_str = &c[4];
        let has_suffix = c.get(5).is_some();
        // 3月5 without 日/号: Arabic days not followed by more digits, or
        // Chinese ones that end a phrase (三月一, 二月十三到十五).
        if !has_suffix
            && !day_str.chars().all(|ch| ch.is_ascii_digit())
            && !text[m.end()..].trim_start().is_empty()
            && !text[m.end()..].starts_with(|ch: char| {
                ch.is_whitespace() || ch.is_ascii_punctuation() || ",。、;:!?)到至~—".contains(ch)
            })
        {
            continue;
        }
        if !has_suffix {
            let rest = &text[m.end()..];
            if rest.starts_with(|ch: char| ch.is_ascii_digit() || "天个日号".contains(ch)) {
                continue;
            }
        }
        // A year written without 年 (2026 12月) does not count; neither does 第3月.
        let raw = m.as_str();
        if year_digits.is_some() && !raw.contains('年') {
            continue;
        }
        if text[..m.start()].ends_with(|ch: char| ch.is_ascii_digit()) {
            continue;
        }
        let (Some(month), Some(day)) = (num(&c[3]), num(day_str)) else {
            continue;
        };
        let start = m.start();
        let end = m.end();
        let phrase = text[start..end].trim();
        let date = if let Some(y) = year_digits {
            let mut year = year_num(y.as_str()).ok_or_else(|| out_of_range(phrase))?;
            if y.as_str().len() == 2 {
                year += 2000; // 26年3月1日
            }
            make_date(phrase, Some(year), month, day)?
        } else if let Some(rel) = c.get(1) {
            let year = today.year() + year_shift(rel.as_str());
            make_date(phrase, Some(year), month, day)?
        } else {
            infer_year(phrase, today, month, day)?
        };
        out.push(Found {
            start,
            end,
            date,
            source: DateSource::Absolute {
                year_given: year_digits.is_some() || c.get(1).is_some(),
            },
        });
    }
    Ok(out)
}

fn scan_iso(text: &str, _: NaiveDate, _: &Calendar) -> Result<Vec<Found>, WhenError> {
    let mut out = Vec::new();
    for c in ISO_DATE.captures_iter(text) {
        let m = c.get(0).expect("match");
        if text[..m.start()].ends_with(|ch: char| ch.is_ascii_digit())
            || text[m.end()..].starts_with(|ch: char| ch.is_ascii_digit())
        {
            continue;
        }
        // 2026-12-01 / 2026/12/1 / 2026.12.1: the two separators must agree.
        let sep = &c[2];
        if m.as_str().matches(sep).count() < 2 {
            continue;
        }
        let year: i32 = c[1].parse().map_err(|_| out_of_range(m.as_str()))?;
        let (Some(month), Some(day)) = (num(&c[3]), num(&c[4])) else {
            continue;
        };
        let date = make_date(m.as_str(), Some(year), month, day)?;
        out.push(Found {
            start: m.start(),
            end: m.end(),
            date,
            source: DateSource::Absolute { year_given: true },
        });
    }
    Ok(out)
}

fn scan_slash(text: &str, today: NaiveDate, _: &Calendar) -> Result<Vec<Found>, WhenError> {
    let mut out = Vec::new();
    for c in SLASH_DATE.captures_iter(text) {
        let m = c.get(0).expect("match");
        let before = &text[..m.start()];
        let after = &text[m.end()..];
        if before.ends_with(|ch: char| ch.is_ascii_digit() || ch == '/' || ch == '.')
            || after
                .starts_with(|ch: char| ch.is_ascii_digit() || ch == '/' || ch == '%' || ch == '.')
            || ["以上", "以下", "以内"]
                .iter()
                .any(|w| after.trim_start().starts_with(w))
        {
            continue;
        }
        // 3.16 is a date, 1.5天 / 3.5万 a number.
        if &c[2] == "."
            && after.starts_with(|ch: char| {
                "天个日倍万亿元米小分秒周年月岁斤公里千百十".contains(ch)
                    || ch.is_ascii_alphabetic()
            })
        {
            continue;
        }
        let (Some(month), Some(day)) = (num(&c[1]), num(&c[3])) else {
            continue;
        };
        // 去年3.15: the year word says which year (1/2 could be a fraction;
        // only month/day pairs that exist count).
        let year_word = YEAR_WORDS.into_iter().find(|(w, _)| before.ends_with(w));
        let (start, date, year_given) = match year_word {
            Some((w, k)) => {
                let Some(date) = NaiveDate::from_ymd_opt(today.year() + k, month, day) else {
                    continue;
                };
                (m.start() - w.len(), date, true)
            }
            None => {
                let Ok(date) = infer_year(m.as_str(), today, month, day) else {
                    continue;
                };
                (m.start(), date, false)
            }
        };
        out.push(Found {
            start,
            end: m.end(),
            date,
            source: DateSource::Absolute { year_given },
        });
    }
    Ok(out)
}

/// Relative year words and how many years from this one they are.
const YEAR_WORDS: [(&str, i32); 5] = [
    ("今年", 0),
    ("明年", 1),
    ("去年", -1),
    ("前年", -2),
    ("后年", 2),
];

/// How many years from this one a relative year word is (今年, 本年: 0).
fn year_shift(word: &str) -> i32 {
    YEAR_WORDS
        .iter()
        .find(|(w, _)| *w == word)
        .map_or(0, |(_, k)| *k)
}

fn month_shift(word: &str) -> i32 {
    if word.starts_with("下下") {
        2
    } else if word.starts_with('下') {
        1
    } else if word.starts_with('上') {
        -1
    } else {
        0
    }
}

fn shift_month(today: NaiveDate, k: i32) -> Option<NaiveDate> {
    let first = first_of_month(today);
    if k >= 0 {
        first.checked_add_months(Months::new(k as u32))
    } else {
        first.checked_sub_months(Months::new((-k) as u32))
    }
}

fn scan_month_rel(text: &str, today: NaiveDate, _: &Calendar) -> Result<Vec<Found>, WhenError> {
    let mut out = Vec::new();
    for c in MONTH_REL.captures_iter(text) {
        let m = c.get(0).expect("match");
        let first =
            shift_month(today, month_shift(&c[1])).ok_or_else(|| out_of_range(m.as_str()))?;
        let Some(day) = num(&c[2]) else { continue };
        let date = make_date(m.as_str(), Some(first.year()), first.month(), day)?;
        out.push(Found {
            start: m.start(),
            end: m.end(),
            date,
            source: DateSource::Relative,
        });
    }
    for c in MONTH_EDGE.captures_iter(text) {
        let m = c.get(0).expect("match");
        let edge = &c[2];
        let month_word = c.get(1).is_some();
        // 底/末/初 alone need a month word before them (下个月底), else 年底 … would match.
        if !month_word && !edge.starts_with('月') {
            continue;
        }
        // 月中, 月头, 月尾 alone: not in 一个月中, 每月中, 3个月头.
        if !month_word
            && ["月中", "月头", "月尾"].contains(&edge)
            && text[..m.start()]
                .chars()
                .next_back()
                .is_some_and(|b| b.is_ascii_digit() || "个每几一二两三四五六七八九十".contains(b))
        {
            continue;
        }
        if edge.ends_with('中') && !mid_month_ends(&text[m.end()..]) {
            continue;
        }
        if tells_the_present(&text[m.end()..]) {
            continue;
        }
        let first = shift_month(today, c.get(1).map_or(0, |w| month_shift(w.as_str())))
            .ok_or_else(|| out_of_range(m.as_str()))?;
        out.push(Found {
            start: m.start(),
            end: m.end(),
            date: month_part(first, edge),
            source: DateSource::Relative,
        });
    }
    for c in YEAR_EDGE.captures_iter(text) {
        let m = c.get(0).expect("match");
        let edge = &c[3];
        let year = match (c.get(1), c.get(2)) {
            // 今年头一回 is no date: after a year word only 底, 末, 初 stand alone.
            (Some(_), _) if ["头", "尾"].contains(&edge) => continue,
            (Some(w), _) => today.year() + year_shift(w.as_str()),
            (None, Some(y)) => year_num(y.as_str()).ok_or_else(|| out_of_range(m.as_str()))?,
            // 年头 alone is "these days" (这年头); 底 alone is no year's.
            (None, None) if edge.chars().count() == 2 && edge != "年头" => today.year(),
            (None, None) => continue,
        };
        // 2025年底 reads 底 after 年; 年底 after a month (3月年底) is no year edge.
        if text[..m.start()].ends_with('月') || tells_the_present(&text[m.end()..]) {
            continue;
        }
        let date = if edge.ends_with('初') || edge.ends_with('头') {
            NaiveDate::from_ymd_opt(year, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(year, 12, 31)
        }
        .ok_or_else(|| out_of_range(m.as_str()))?;
        out.push(Found {
            start: m.start(),
            end: m.end(),
            date,
            source: DateSource::Relative,
        });
    }
    Ok(out)
}

/// The day a part of a month names: 初/头 the first, 中 the 15th, 底/末/尾 the last.
fn month_part(first: NaiveDate, edge: &str) -> NaiveDate {
    if edge.ends_with('初') || edge.ends_with('头') {
        first
    } else if edge.contains('中') {
        first.with_day(15).expect("15th")
    } else {
        last_of_month(first)
    }
}

/// 月中 ends a phrase (五月中, 月中前, 下月中旬), unlike 3月中央 or 月中有.
fn mid_month_ends(rest: &str) -> bool {
    rest.is_empty()
        || rest.starts_with(|ch: char| {
            ch.is_whitespace()
                || ch.is_ascii_punctuation()
                || ",。、;:!?)」旬前后左到至以之".contains(ch)
        })
}

/// 三月头, 5月中, 六月尾, 3月底, 明年3月初: a part of a written month.
fn scan_month_part(text: &str, today: NaiveDate, _: &Calendar) -> Result<Vec<Found>, WhenError> {
    let mut out = Vec::new();
    for c in MONTH_PART.captures_iter(text) {
        let m = c.get(0).expect("match");
        if text[..m.start()].ends_with(|ch: char| ch.is_ascii_digit()) {
            continue;
        }
        let edge = &c[4];
        if edge == "中" && !mid_month_ends(&text[m.end()..]) {
            continue;
        }
        let Some(month) = num(&c[3]) else { continue };
        let phrase = m.as_str().trim();
        let year = match (c.get(1), c.get(2)) {
            (_, Some(y)) => year_num(y.as_str()).ok_or_else(|| out_of_range(phrase))?,
            (Some(w), None) => today.year() + year_shift(w.as_str()),
            (None, None) => {
                // The year that puts the month nearest (a day every month has).
                let probe = if edge.ends_with('初') || edge.ends_with('头') {
                    1
                } else if edge.contains('中') {
                    15
                } else {
                    28
                };
                infer_year(phrase, today, month, probe)?.year()
            }
        };
        let first = make_date(phrase, Some(year), month, 1)?;
        out.push(Found {
            start: m.start(),
            end: m.end(),
            date: month_part(first, edge),
            source: DateSource::Absolute {
                year_given: c.get(1).is_some(),
            },
        });
    }
    Ok(out)
}

/// 十月第一个星期一, 11月最后一个周五: a weekday counted in a written month.
fn scan_nth_weekday(text: &str, today: NaiveDate, _: &Calendar) -> Result<Vec<Found>, WhenError> {
    let mut out = Vec::new();
    for c in NTH_WEEKDAY.captures_iter(text) {
        let m = c.get(0).expect("match");
        if text[..m.start()].ends_with(|ch: char| ch.is_ascii_digit()) {
            continue;
        }
        let phrase = m.as_str().trim();
        let (Some(month), Some(idx)) = (num(&c[2]), weekday_index(&c[4])) else {
            continue;
        };
        let year = match c.get(1) {
            Some(y) => year_num(y.as_str()).ok_or_else(|| out_of_range(phrase))?,
            None => infer_year(phrase, today, month, 1)?.year(),
        };
        let first = make_date(phrase, Some(year), month, 1)?;
        let last = last_of_month(first);
        let date = match c.get(3).and_then(|n| num(n.as_str())) {
            Some(n) => {
                let to_first = (idx + 7 - first.weekday().num_days_from_monday()) % 7;
                let d = add_days(first, (to_first + 7 * (n - 1)) as i64)
                    .ok_or_else(|| out_of_range(phrase))?;
                if d > last {
                    return Err(WhenError::InvalidDate {
                        text: phrase.to_string(),
                        reason: format!(
                            "{year}年{month}月没有第{n}个{}",
                            WEEKDAY_NAMES[idx as usize]
                        ),
                    });
                }
                d
            }
            None => {
                let back = (last.weekday().num_days_from_monday() + 7 - idx) % 7;
                add_days(last, -(back as i64)).ok_or_else(|| out_of_range(phrase))?
            }
        };
        out.push(Found {
            start: m.start(),
            end: m.end(),
            date,
            source: DateSource::Absolute {
                year_given: c.get(1).is_some(),
            },
        });
    }
    Ok(out)
}

/// 3/3/2015, 10/31/1974: read when only one of month/day/year and
/// day/month/year fits; 3/4/2015 is asked about.
fn scan_us(text: &str, _: NaiveDate, _: &Calendar) -> Result<Vec<Found>, WhenError> {
    let mut out = Vec::new();
    for c in US_DATE.captures_iter(text) {
        let m = c.get(0).expect("match");
        if text[..m.start()].ends_with(|ch: char| ch.is_ascii_digit() || ch == '/')
            || text[m.end()..].starts_with(|ch: char| ch.is_ascii_digit() || ch == '/')
        {
            continue;
        }
        let (Ok(a), Ok(b), Ok(year)) = (c[1].parse::<u32>(), c[2].parse::<u32>(), c[3].parse())
        else {
            continue;
        };
        let (month, day) = match (a, b) {
            _ if a == b => (a, b),
            (1..=12, 13..) => (a, b),
            (13.., 1..=12) => (b, a),
            (1..=12, 1..=12) => {
                return Err(WhenError::Unresolvable {
                    text: m.as_str().to_string(),
                    reason: format!(
                        "是{year}年{a}月{b}日还是{year}年{b}月{a}日?请写成“{year}年{a}月{b}日”这样的形式"
                    ),
                });
            }
            _ => continue,
        };
        let date = make_date(m.as_str(), Some(year), month, day)?;
        out.push(Found {
            start: m.start(),
            end: m.end(),
            date,
            source: DateSource::Absolute { year_given: true },
        });
    }
    Ok(out)
}

/// 元旦, 劳动节, 国庆节, 明年元旦: a holiday with a fixed date, as its day —
/// this year's unless more than a week past, then next year's. Not when the
/// holiday names its time off (国庆节后, 元旦假期, 国庆前).
fn scan_fixed_holiday(text: &str, today: NaiveDate, _: &Calendar) -> Result<Vec<Found>, WhenError> {
    const DAYS: [(&str, u32, u32); 9] = [
        ("元旦", 1, 1),
        ("妇女节", 3, 8),
        ("劳动节", 5, 1),
        ("青年节", 5, 4),
        ("儿童节", 6, 1),
        ("建党节", 7, 1),
        ("建军节", 8, 1),
        ("教师节", 9, 10),
        ("国庆", 10, 1),
    ];
    // The holiday as time off or as a topic (国庆节后, 元旦假期, 中秋国庆连着放,
    // 元旦怎么算), not as a day.
    const TIME_OFF: [&str; 17] = [
        "后", "前", "期间", "假", "长假", "放", "收假", "结束", "过后", "以", "之", "连", "怎么",
        "咋", "顺延", "中间", "调休",
    ];
    let mut out = Vec::new();
    for c in FIXED_HOLIDAY.captures_iter(text) {
        let m = c.get(0).expect("match");
        if TIME_OFF
            .iter()
            .any(|w| text[m.end()..].trim_start().starts_with(w))
        {
            continue;
        }
        let name = &c[3];
        let Some(&(holiday, month, day)) = DAYS.iter().find(|(k, _, _)| name.contains(k)) else {
            continue;
        };
        let phrase = m.as_str().trim();
        let year = match (c.get(1), c.get(2)) {
            (_, Some(y)) => year_num(y.as_str()).ok_or_else(|| out_of_range(phrase))?,
            (Some(w), None) => today.year() + year_shift(w.as_str()),
            (None, None) => {
                let this = make_date(phrase, Some(today.year()), month, day)?;
                if this + Duration::days(7) < today {
                    today.year() + 1
                } else {
                    today.year()
                }
            }
        };
        let date = make_date(phrase, Some(year), month, day)?;
        out.push(Found {
            start: m.start(),
            end: m.end(),
            date,
            source: DateSource::Holiday {
                holiday: holiday.to_string(),
            },
        });
    }
    Ok(out)
}

/// 正月初八, 大年初三: the day of the first lunar month, on the calendar's table
/// of lunar new year days; the coming one unless this year's was less than a
/// month ago. Nothing when the calendar lacks the year.
fn scan_lunar_day(text: &str, today: NaiveDate, cal: &Calendar) -> Result<Vec<Found>, WhenError> {
    let mut out = Vec::new();
    for c in LUNAR_DAY.captures_iter(text) {
        let m = c.get(0).expect("match");
        let day = match (c.get(1).or(c.get(2)), c.get(3)) {
            (Some(n), _) => num(n.as_str()),
            (None, Some(n)) => num(&n.as_str().replace('廿', "二十")),
            (None, None) => None,
        };
        let Some(day) = day.filter(|d| (1..=30).contains(d)) else {
            continue;
        };
        let on = |year: i32| {
            cal.lunar_new_year(year)
                .map(|first| first + Duration::days(i64::from(day) - 1))
        };
        let date = match on(today.year()) {
            Some(d) if d + Duration::days(30) < today => on(today.year() + 1),
            d => d,
        };
        let Some(date) = date else { continue };
        out.push(Found {
            start: m.start(),
            end: m.end(),
            date,
            source: DateSource::Absolute { year_given: false },
        });
    }
    Ok(out)
}

fn scan_bare_day(text: &str, today: NaiveDate, _: &Calendar) -> Result<Vec<Found>, WhenError> {
    let mut out = Vec::new();
    for c in BARE_DAY.captures_iter(text) {
        let m = c.get(0).expect("match");
        let before = &text[..m.start()];
        let after = &text[m.end()..];
        // 〔2022〕7号, 1号文件, 3号楼, 12号线 are not dates.
        if before.ends_with(|ch: char| ch.is_ascii_digit() || "〕]】)第".contains(ch))
            || after.starts_with(|ch: char| "文令楼线院窗房室会台机字".contains(ch))
        {
            continue;
        }
        let Some(day) = num(&c[1]) else { continue };
        let Some(this_month) = NaiveDate::from_ymd_opt(today.year(), today.month(), day) else {
            continue;
        };
        // A day already past, told of something still to come (6号要去大连出差 said
        // on the 26th, 五一后6号), is next month's.
        let next_month = this_month.checked_add_months(chrono::Months::new(1));
        // A day already past with the weekday it falls on next month, and not
        // this month (6号周六 said on 27 April 2023: 6 May), is next month's.
        let weekday_next = weekday_right_after(after).is_some_and(|(idx, w)| {
            this_month < today
                && !weekday_agrees(idx, w, this_month)
                && next_month.is_some_and(|n| weekday_agrees(idx, w, n))
        });
        let date =
            if this_month < today && (weekday_next || ahead_in_clause(text, m.start(), m.end())) {
                match next_month {
                    Some(d) => d,
                    None => continue,
                }
            } else {
                this_month
            };
        out.push(Found {
            start: m.start(),
            end: m.end(),
            date,
            source: DateSource::Relative,
        });
    }
    Ok(out)
}

/// The weekday written right after a date (6号周六, 6号(星期六)): its index and
/// its words.
fn weekday_right_after(after: &str) -> Option<(u32, &str)> {
    let rest = after.trim_start_matches([' ', '(', '(', '是']);
    let c = WEEKDAY.captures(rest)?;
    let m = c.get(0)?;
    (m.start() == 0 && c.get(1).is_none()).then_some(())?;
    Some((weekday_index(&c[2])?, m.as_str()))
}

/// Does the clause around `start..end` tell of something still to come: 要 /
/// 将 / 准备 / 打算 / 计划 after the phrase, or a holiday it follows (五一后)?
fn ahead_in_clause(text: &str, start: usize, end: usize) -> bool {
    static AHEAD: LazyLock<Regex> =
        LazyLock::new(|| re(r"^[^,，。;；?？!！]{0,8}?(要|将|准备|打算|计划|预计)"));
    static AFTER_HOLIDAY: LazyLock<Regex> =
        LazyLock::new(|| re(r"(HOLIDAYS)(节)?(假期)?(后|过后|以后|之后)\s*$"));
    AHEAD.is_match(&text[end..]) || AFTER_HOLIDAY.is_match(&text[..start])
}

fn scan_weekday(text: &str, today: NaiveDate, _: &Calendar) -> Result<Vec<Found>, WhenError> {
    let mut out = Vec::new();
    for c in WEEKDAY.captures_iter(text) {
        let m = c.get(0).expect("match");
        // 每周一 is a recurrence, 一周 / 两周 a length.
        if text[..m.start()].ends_with('每') {
            continue;
        }
        let Some(idx) = weekday_index(&c[2]) else {
            continue;
        };
        let weeks = c.get(1).map_or(0, |w| {
            let w = w.as_str();
            if w.starts_with("下下") {
                2
            } else if w.starts_with('下') {
                1
            } else if w.starts_with('上') {
                -1
            } else {
                0
            }
        });
        let date = add_days(monday_of(today), weeks * 7 + idx as i64)
            .ok_or_else(|| out_of_range(m.as_str()))?;
        out.push(Found {
            start: m.start(),
            end: m.end(),
            date,
            source: DateSource::Relative,
        });
    }
    Ok(out)
}

fn scan_day_word(text: &str, today: NaiveDate, _: &Calendar) -> Result<Vec<Found>, WhenError> {
    let mut out = Vec::new();
    for m in DAY_WORD.find_iter(text) {
        let w = m.as_str();
        let k = match w {
            "大大后天" => 4,
            "大后天" => 3,
            "后天" => 2,
            "大前天" => -3,
            "前天" => -2,
            _ if w.starts_with('明') => 1,
            _ if w.starts_with('昨') => -1,
            _ => 0,
        };
        let date = add_days(today, k).ok_or_else(|| out_of_range(w))?;
        out.push(Found {
            start: m.start(),
            end: m.end(),
            date,
            source: DateSource::Relative,
        });
    }
    Ok(out)
}

fn scan_offset(text: &str, today: NaiveDate, cal: &Calendar) -> Result<Vec<Found>, WhenError> {
    let mut out = Vec::new();
    for c in OFFSET.captures_iter(text) {
        let m = c.get(0).expect("match");
        check_number_start(text, m.start())?;
        let unit = &c[3];
        let q = &c[1];
        let phrase = m.as_str();
        let date = match (q, unit) {
            ("半", "月") => add_days(today, 15),
            ("半", "年") => today.checked_add_months(Months::new(6)),
            ("半", _) | ("一个半", _) => continue,
            _ => {
                let Some(n) = num(q) else { continue };
                let days = match unit {
                    "周" | "星期" | "礼拜" => n as i64 * 7,
                    "月" => n as i64 * 31,
                    "年" => n as i64 * 366,
                    _ => n as i64,
                };
                if days > MAX_AHEAD_DAYS {
                    return Err(too_far(phrase));
                }
                match unit {
                    "天" | "日" => add_days(today, n as i64),
                    "周" | "星期" | "礼拜" => add_days(today, 7 * n as i64),
                    "月" => today.checked_add_months(Months::new(n)),
                    "年" => today.checked_add_months(Months::new(n.saturating_mul(12))),
                    "工作日" => cal.nth_working_day_after(today, n.min(100_000)),
                    _ => continue,
                }
            }
        }
        .ok_or_else(|| out_of_range(phrase))?;
        out.push(Found {
            start: m.start(),
            end: m.end(),
            date,
            source: DateSource::Relative,
        });
    }
    Ok(out)
}

/// The holiday a name says (五一 → 劳动, 十一 → 国庆), as the calendar names it.
fn holiday_hint(w: &str) -> Option<&'static str> {
    [
        ("元旦", "元旦"),
        ("春节", "春节"),
        ("五一", "劳动"),
        ("劳动", "劳动"),
        ("十一", "国庆"),
        ("国庆", "国庆"),
        ("清明", "清明"),
        ("端午", "端午"),
        ("中秋", "中秋"),
    ]
    .iter()
    .find(|(k, _)| w.starts_with(k))
    .map(|(_, h)| *h)
}

/// A holiday block asked of (`text`) in a year whose notice is not held.
fn holiday_unlisted(text: &str, today: NaiveDate, before: bool) -> WhenError {
    WhenError::Unresolvable {
        text: text.to_string(),
        reason: format!(
            "{}年放假安排尚未收录,无法确定{}",
            today.year() + i32::from(today.month() >= 10),
            if before {
                "节前的日期"
            } else {
                "节后的日期"
            }
        ),
    }
}

/// 端午节后那个周一, 国庆后的第一个周三: the first such weekday after the
/// holiday block.
fn scan_holiday_weekday(
    text: &str,
    today: NaiveDate,
    cal: &Calendar,
) -> Result<Vec<Found>, WhenError> {
    let mut out = Vec::new();
    for c in HOLIDAY_WEEKDAY.captures_iter(text) {
        let m = c.get(0).expect("match");
        let Some(hint) = holiday_hint(&c[1]) else {
            continue;
        };
        let Some(target) = weekday_index(&c[2]) else {
            continue;
        };
        let Some(block) = cal.holiday_block_from(today, Some(hint)) else {
            return Err(holiday_unlisted(m.as_str(), today, false));
        };
        let date = (1..=7)
            .filter_map(|k| block.end.checked_add_days(chrono::Days::new(k)))
            .find(|d| d.weekday().num_days_from_monday() == target)
            .ok_or_else(|| out_of_range(m.as_str()))?;
        out.push(Found {
            start: m.start(),
            end: m.end(),
            date,
            source: DateSource::Relative,
        });
    }
    Ok(out)
}

fn scan_holiday(text: &str, today: NaiveDate, cal: &Calendar) -> Result<Vec<Found>, WhenError> {
    let mut out = Vec::new();
    for c in HOLIDAY.captures_iter(text) {
        let m = c.get(0).expect("match");
        let w = &c[1];
        let hint = holiday_hint(w);
        let before = c[2].ends_with('前');
        let Some(block) = cal.holiday_block_from(today, hint) else {
            return Err(holiday_unlisted(m.as_str(), today, before));
        };
        let (date, source) = if before {
            (
                cal.last_working_day_before(block.start),
                DateSource::BeforeHoliday {
                    holiday: block.name.clone(),
                },
            )
        } else {
            (
                cal.next_working_day_after(block.end),
                DateSource::AfterHoliday {
                    holiday: block.name.clone(),
                },
            )
        };
        out.push(Found {
            start: m.start(),
            end: m.end(),
            date: date.ok_or_else(|| out_of_range(m.as_str()))?,
            source,
        });
    }
    Ok(out)
}

static PAST: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(NUM|半)\s*(个)?\s*(天|日|周|星期|礼拜|月)\s*(前|以前|之前)\s*(?:就)?(收到|收的|接到|发来|发的|转来|送来|部署|布置|交办|印发|发布|下发|开的|开了|开完)",
    )
});
static PART_OF_DAY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(上午|下午|早上|中午|傍晚|晚上|刚才|刚刚)\s*(?:刚)?(收到|收的|接到|发来|发的|转来|送来|部署|布置|交办|印发|开的|开了|开完)",
    )
});

/// "3天前收到", "两周前部署的": a day in the past, told by what happened then
/// (a bare "3天前" beside a meeting is a limit, not a date).
fn scan_past(text: &str, today: NaiveDate, _cal: &Calendar) -> Result<Vec<Found>, WhenError> {
    let mut out = Vec::new();
    for c in PAST.captures_iter(text) {
        let m = c.get(0).expect("match");
        let Some(n) = num(&c[1]).map(i64::from) else {
            continue;
        };
        let date = match &c[3] {
            "天" | "日" => add_days(today, -n),
            "周" | "星期" | "礼拜" => add_days(today, -7 * n),
            _ => u32::try_from(n)
                .ok()
                .and_then(|n| today.checked_sub_months(Months::new(n))),
        }
        .ok_or_else(|| out_of_range(m.as_str()))?;
        out.push(Found {
            start: m.start(),
            end: c.get(4).expect("group").end(),
            date,
            source: DateSource::Relative,
        });
    }
    Ok(out)
}

/// "下午发来", "上午刚部署": a part of today, when no other day stands before it
/// (明天下午 is tomorrow's).
fn scan_part_of_day(
    text: &str,
    today: NaiveDate,
    _cal: &Calendar,
) -> Result<Vec<Found>, WhenError> {
    let mut out = Vec::new();
    for c in PART_OF_DAY.captures_iter(text) {
        let word = c.get(1).expect("group");
        let before = text[..word.start()].trim_end().chars().next_back();
        let after_a_day = before
            .is_some_and(|b| b.is_ascii_digit() || "天日号末一二三四五六七八九十".contains(b));
        if after_a_day {
            continue;
        }
        out.push(Found {
            start: word.start(),
            end: word.end(),
            date: today,
            source: DateSource::Relative,
        });
    }
    Ok(out)
}

/// The furthest ahead a relative time may reach (ten years): "2147483648天后"
/// is a typing accident, not a plan.
pub const MAX_AHEAD_DAYS: i64 = 3660;

fn too_far(text: &str) -> WhenError {
    WhenError::Unresolvable {
        text: text.to_string(),
        reason: "超过十年,请确认时间".into(),
    }
}

/// A number in a relative time must start there: "-5分钟后", "1e9分钟后" and
/// "2147483648天后" (of which only the last digits fit) are not times the user
/// meant (regression: they were set as 5 minutes, 9 minutes and 147483648 days).
fn check_number_start(text: &str, start: usize) -> Result<(), WhenError> {
    let before = text[..start].chars().next_back();
    if before.is_some_and(|b| b.is_ascii_alphanumeric() || "-−+.".contains(b)) {
        let word_start = text[..start]
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_ascii_alphanumeric() || "-−+.".contains(*c))
            .last()
            .map(|(i, _)| i)
            .unwrap_or(start);
        let end = text[start..]
            .char_indices()
            .find(|(_, c)| !c.is_ascii_digit())
            .map(|(i, _)| start + i)
            .unwrap_or(text.len());
        return Err(WhenError::InvalidTime {
            text: text[word_start..end].to_string(),
            reason: "无法识别这个数字,请写成“30分钟后”“3天后”这样的形式".into(),
        });
    }
    Ok(())
}

/// Every date mentioned in `text`, in text order, relative to `now`.
pub fn find_dates(
    text: &str,
    now: DateTime<FixedOffset>,
    cal: &Calendar,
) -> Result<Vec<DateMention>, WhenError> {
    let today = today(now);
    // A date the question says does not exist (2026年没有2月29号) is neither a
    // mistake to point out nor a date to count from; nor is a make-up working
    // day told of in passing (6号周六上班,).
    let masked = mask_dates_not_of_the_matter(text);
    let text = masked.as_str();
    // Earlier scanners win where phrases overlap.
    let scans: [Scan; 17] = [
        scan_holiday_weekday,
        scan_holiday,
        scan_lunar_day,
        scan_fixed_holiday,
        scan_iso,
        scan_us,
        scan_nth_weekday,
        scan_month_part,
        scan_full,
        scan_month_rel,
        scan_weekday,
        scan_past,
        scan_offset,
        scan_day_word,
        scan_slash,
        scan_bare_day,
        scan_part_of_day,
    ];
    let mut taken: Vec<Found> = Vec::new();
    for scan in scans {
        for f in scan(text, today, cal)? {
            if taken.iter().any(|t| f.start < t.end && t.start < f.end) {
                continue;
            }
            taken.push(f);
        }
    }
    just_now(text, today, &mut taken);
    taken.sort_by_key(|f| f.start);
    let taken = confirm_weekdays(text, taken, today)?;
    Ok(taken
        .into_iter()
        .map(|f| {
            // Trim leading white space the patterns allow.
            let raw = &text[f.start..f.end];
            let start = f.start + (raw.len() - raw.trim_start().len());
            let end = f.end - (raw.len() - raw.trim_end().len());
            let event = event_and_gap(text, start, end);
            DateMention {
                date: f.date,
                start,
                end,
                text: text[start..end].to_string(),
                event: event.map(|(e, _)| e),
                event_gap: event.map_or(usize::MAX, |(_, g)| g),
                guess: guessed(text, start, end),
                source: f.source,
            }
        })
        .collect())
}

/// 刚开完, 刚收到: what has just happened, with no day said for it, happened
/// today (the day a limit counts from), unless its clause names a day (昨天刚发布).
/// Only when the clause names the event (刚才有人打电话问 names none).
fn just_now(text: &str, today: NaiveDate, taken: &mut Vec<Found>) {
    static JUST: LazyLock<Regex> = LazyLock::new(|| re(r"刚(?:刚|才)?"));
    for m in JUST.find_iter(text) {
        let (from, to) = clause_around(text, m.start(), m.end());
        if taken.iter().any(|t| t.start < to && from < t.end) {
            continue;
        }
        // The event follows the word (刚开完会), within a few characters.
        let after: String = text[m.end()..to].chars().take(6).collect();
        if event_near(&after, 0, 0).is_none() {
            continue;
        }
        taken.push(Found {
            start: m.start(),
            end: m.end(),
            date: today,
            source: DateSource::Relative,
        });
    }
}

/// Is the phrase at `start..end` the asker's guess at the answer: after 是不是 /
/// 是否 / 应该是 / 大概是 … in its clause, or right before 吗 / 对吗 / 是吧?
fn guessed(text: &str, start: usize, end: usize) -> bool {
    const BEFORE: [&str; 7] = [
        "是不是",
        "是否",
        "会不会",
        "应该是",
        "大概是",
        "估计是",
        "难道是",
    ];
    const AFTER: [&str; 6] = ["吗", "对吗", "对不对", "是吧", "对吧", "没错吧"];
    // 那就是6月2号? / 也就是说是6月2号? offers the asker's own result.
    const OFFERED: [&str; 4] = ["那就是", "也就是", "那是", "那不就是"];
    let clause_start = text[..start]
        .char_indices()
        .rev()
        .find(|(_, c)| crate::text::CLAUSE_ENDS.contains(c))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let before = text[clause_start..start].trim_end();
    let after = text[end..].trim_start();
    // 是不是从12月1日算起 proposes where to count from: a date to use.
    const COUNTED_FROM: [&str; 4] = ["算", "起", "开始", "当天"];
    let from = before.ends_with('从') || COUNTED_FROM.iter().any(|w| after.starts_with(w));
    let asked = after
        .trim_start_matches(['吧', '吗', '呢', '啊', '呀', '了'])
        .starts_with(['?', '？']);
    (BEFORE.iter().any(|w| before.ends_with(w)) && !from)
        || (OFFERED.iter().any(|w| before.ends_with(w)) && !from && asked)
        || AFTER.iter().any(|w| after.starts_with(w))
}

/// After a month's or year's edge, 了 says what time it is now (年底了,今天收到…;
/// 月底了我们局今天发了…): the season, not a day of the matter.
fn tells_the_present(after: &str) -> bool {
    after.starts_with('了')
}

/// A month and day the text says there is none of (after 没有 / 没 / 并无, or
/// before 不存在), or that a year has (那年有2月29): the calendar's, not a day of
/// the matter.
static DENIED_DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:没有|并没有|没|并无|无|年也?有)\s*MD\s*月\s*MD\s*[日号]?|MD\s*月\s*MD\s*[日号]\s*(?:不存在|是不存在的)",
    )
});

/// A day the calendar makes a working one, told as such in a clause of its own,
/// hedged or not (6号周六上班, 5月6日调休上班, 1月4号好像还要上班): the official
/// calendar's, not a day of the matter asked. Said of the matter's day (1月26日(周日调休上班)开会, 2月18日
/// (补班那天)收到) it is that day, and stays.
static MAKEUP_DAY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"((?:(?:MD\s*月\s*)?MD\s*[日号]|(?:明天|后天|大后天|这|本|下)?\s*(?:周|星期|礼拜)[六日天]|明天|后天)\s*(?:(?:周|星期|礼拜)[一二三四五六日天])?\s*(?:好像|似乎|应该|估计|听说|据说|貌似)?\s*(?:要|得|也|正常|还要|还得)?\s*(?:调休上班|上班|补班|调休))([,，。;；]|$)",
    )
});

/// `text` with each denied date and each calendar make-up day blanked out, byte
/// for byte (offsets stay valid).
fn mask_dates_not_of_the_matter(text: &str) -> String {
    let denied = DENIED_DATE.replace_all(text, |c: &regex::Captures| " ".repeat(c[0].len()));
    // A make-up day that the next clause takes up (后天周日补班,要是那天收到…) is
    // the matter's day after all.
    MAKEUP_DAY
        .replace_all(&denied, |c: &regex::Captures| {
            let whole = c.get(0).expect("the match");
            let next: String = denied[whole.end()..]
                .chars()
                .take_while(|ch| !crate::text::CLAUSE_ENDS.contains(ch))
                .collect();
            if ["那天", "当天", "那一天"].iter().any(|w| next.contains(w)) {
                whole.as_str().to_string()
            } else {
                format!("{}{}", " ".repeat(c[1].len()), &c[2])
            }
        })
        .into_owned()
}

const WEEKDAY_NAMES: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];

fn month_day(d: NaiveDate) -> String {
    format!("{}月{}日", d.month(), d.day())
}

/// A mention that is a weekday: its index and whether a week word stands
/// before it (下周三, 本周五), or `None` for other dates.
fn weekday_of(text: &str, f: &Found) -> Option<(u32, bool)> {
    let written = text[f.start..f.end].trim();
    let c = WEEKDAY.captures(written)?;
    if c[0].len() != written.len() {
        return None;
    }
    Some((weekday_index(&c[2])?, c.get(1).is_some()))
}

/// Where two adjacent mentions end, with the closing bracket of 下周三(12月9日).
fn closing_bracket(text: &str, a: &Found, b: &Found) -> usize {
    let (first, second) = if a.start <= b.start { (a, b) } else { (b, a) };
    let end = second.end;
    if text[first.end..second.start].contains(['(', '('])
        && let Some(close) = text[end..]
            .chars()
            .next()
            .filter(|c| [')', ')'].contains(c))
    {
        return end + close.len_utf8();
    }
    end
}

/// Does a weekday written as `idx` (周末: 5) agree with `date`?
fn weekday_agrees(idx: u32, written: &str, date: NaiveDate) -> bool {
    let actual = date.weekday().num_days_from_monday();
    idx == actual || (idx == 5 && written.contains('末') && actual == 6)
}

/// The one day two adjacent mentions name, or why they disagree. `day` is the
/// date (written, or counted: 明天), `wd` the weekday beside it.
fn agree(
    text: &str,
    day: &Found,
    wd: &Found,
    idx: u32,
    week: bool,
    today: NaiveDate,
) -> Result<(), WhenError> {
    let (from, to) = (day.start.min(wd.start), closing_bracket(text, day, wd));
    let written = text[from..to].trim().to_string();
    if !weekday_agrees(idx, &text[wd.start..wd.end], day.date) {
        return Err(WhenError::WeekdayMismatch {
            text: written,
            date: month_day(day.date),
            actual: WEEKDAY_NAMES[day.date.weekday().num_days_from_monday() as usize].into(),
        });
    }
    // 上周三(1月18号) said on Friday 20 January: the Wednesday just past, which
    // people call 上周三 loosely; the written date names it and its weekday agrees,
    // so it is taken. Likewise 下周五(12月4日) said on a Wednesday for the Friday
    // to come. Only the nearest such day in the week word's direction.
    let gap = (day.date - wd.date).num_days();
    let loose = (gap == 7 && day.date < today) || (gap == -7 && day.date > today);
    // 下周三(12月16日): the right weekday of another week.
    if week && wd.date != day.date && !loose {
        return Err(WhenError::WeekdayMismatch {
            text: written,
            date: text[wd.start..wd.end].trim().to_string(),
            actual: month_day(wd.date),
        });
    }
    Ok(())
}

/// A weekday written beside a date confirms it instead of naming a day of
/// this week: 3月10号周二, 1月5日(周一), 周日, 二月十号, 明天周五, 今天是周三,
/// 下周三(12月9日), 12月9日(下周三). The two read as one mention when they
/// agree, and are asked about when they do not. Separators: white space,
/// brackets and 是; after a written date also , and 、 (明天、周五 lists two days).
fn confirm_weekdays(
    text: &str,
    found: Vec<Found>,
    today: NaiveDate,
) -> Result<Vec<Found>, WhenError> {
    let mut out: Vec<Found> = Vec::with_capacity(found.len());
    for f in found {
        let this_wd = weekday_of(text, &f);
        let Some(prev) = out.last() else {
            out.push(f);
            continue;
        };
        let gap = &text[prev.end..f.start];
        let prev_wd = weekday_of(text, prev);
        let written = |x: &Found| matches!(x.source, DateSource::Absolute { .. });
        let joins = |seps: &str| gap.chars().all(|c| c.is_whitespace() || seps.contains(c));
        let merged = match (prev_wd, this_wd) {
            // 3月10号周二, 明天周五, 12月9日(下周三), 今天是周三, 9月27号那个周日.
            (None, Some((idx, week)))
                if (written(prev) && joins("((,,、是那个"))
                    || (!week && prev.source == DateSource::Relative && joins("((是")) =>
            {
                agree(text, prev, &f, idx, week, today)?;
                Some(Found {
                    start: prev.start,
                    end: f.end,
                    date: prev.date,
                    source: prev.source.clone(),
                })
            }
            // 周日, 二月十号; 下周三(12月9日).
            (Some((idx, week)), None) if written(&f) && joins("((,,") => {
                agree(text, &f, prev, idx, week, today)?;
                Some(Found {
                    start: prev.start,
                    end: f.end,
                    date: f.date,
                    source: f.source.clone(),
                })
            }
            _ => None,
        };
        if let Some(mut m) = merged {
            // Take in the closing bracket of 下周三(12月9日).
            m.end = closing_bracket(text, prev, &f);
            out.pop();
            out.push(m);
            continue;
        }
        // "那是周六啊": a weekday said of a day already named or counted (the
        // day two days before), not a new date.
        if this_wd.is_some_and(|(_, week)| !week)
            && DESCRIBES.iter().any(|d| text[..f.start].ends_with(d))
        {
            continue;
        }
        out.push(f);
    }
    Ok(out)
}

/// Words before a weekday that say what weekday a day already named is.
const DESCRIBES: [&str; 8] = [
    "那是",
    "这是",
    "那天是",
    "这天是",
    "当天是",
    "正好是",
    "刚好是",
    "恰好是",
];

/// The coming occurrence of a day the question names without month or week
/// (5号 said on the 26th, 周一 said on a Tuesday) that the reading placed in
/// the past: next month's 5th, next week's Monday. `None` for any other
/// mention or a day not past. For what must be done before the day (提前2天报备),
/// which cannot be done for a day gone by.
pub fn coming(m: &DateMention, today: NaiveDate) -> Option<NaiveDate> {
    if m.date >= today || m.source != DateSource::Relative {
        return None;
    }
    let whole = |re: &Regex| {
        re.find(&m.text)
            .is_some_and(|f| f.range() == (0..m.text.len()))
    };
    if whole(&BARE_DAY) {
        m.date.checked_add_months(Months::new(1))
    } else if WEEKDAY
        .captures(&m.text)
        .is_some_and(|c| c.get(1).is_none() && c[0].len() == m.text.len())
    {
        m.date.checked_add_days(Days::new(7))
    } else {
        None
    }
}

/// The date a question is about: the first mention that names an event, else
/// the first mention. `Ok(None)` when the text mentions no date.
pub fn parse_date(
    text: &str,
    now: DateTime<FixedOffset>,
    cal: &Calendar,
) -> Result<Option<DateMention>, WhenError> {
    let all = find_dates(text, now, cal)?;
    let with_event = all.iter().position(|m| m.event.is_some());
    Ok(match with_event {
        Some(i) => all.into_iter().nth(i),
        None => all.into_iter().next(),
    })
}

/// The date of a given event (收到, 会议, 出行 …) in the question, if one is
/// mentioned with it; else the date [`parse_date`] picks.
pub fn event_date(
    text: &str,
    now: DateTime<FixedOffset>,
    cal: &Calendar,
    event: Event,
) -> Result<Option<DateMention>, WhenError> {
    let all = find_dates(text, now, cal)?;
    if let Some(m) = all.iter().find(|m| m.event == Some(event)) {
        return Ok(Some(m.clone()));
    }
    parse_date(text, now, cal)
}

// ---------------------------------------------------------------- moments

/// Whether and how a reminder repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recurrence {
    Once,
    Daily,
    /// Working days on the official calendar (每个工作日): no holidays, and
    /// 调休 Saturdays and Sundays included.
    Weekdays,
    Weekly(Weekday),
    /// On this day of each month; months without it use their last day.
    Monthly(u32),
    /// On the last working day of each month, on the official calendar
    /// (每月最后一个工作日).
    MonthlyLastWorkday,
}

impl Recurrence {
    /// Does an occurrence fall on day `d`?
    pub fn falls_on(self, d: NaiveDate, cal: &Calendar) -> bool {
        match self {
            Recurrence::Once | Recurrence::Daily => true,
            Recurrence::Weekdays => cal.is_working_day(d),
            Recurrence::Weekly(w) => d.weekday() == w,
            Recurrence::Monthly(day) => d.day() == day.min(days_in_month(d.year(), d.month())),
            Recurrence::MonthlyLastWorkday => {
                let last = NaiveDate::from_ymd_opt(
                    d.year(),
                    d.month(),
                    days_in_month(d.year(), d.month()),
                );
                last.and_then(|l| cal.last_working_day_on_or_before(l)) == Some(d)
            }
        }
    }
}

/// A moment for a reminder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moment {
    /// The (first) moment, in Asia/Shanghai.
    pub at: DateTime<FixedOffset>,
    pub recurrence: Recurrence,
    /// A clock time was written (false: the default for the day or part of day).
    pub time_given: bool,
    /// Byte range of the phrases used (from the first to the last).
    pub start: usize,
    pub end: usize,
}

impl Moment {
    pub fn recurs(&self) -> bool {
        self.recurrence != Recurrence::Once
    }

    /// The first occurrence strictly after `t` (`None` for a one-off already past).
    pub fn next_after(
        &self,
        t: DateTime<FixedOffset>,
        cal: &Calendar,
    ) -> Option<DateTime<FixedOffset>> {
        if self.at > t {
            return Some(self.at);
        }
        let time = self.at.with_timezone(&shanghai()).time();
        let start = today(t);
        for k in 0..=400 {
            let d = add_days(start, k)?;
            if self.recurrence == Recurrence::Once {
                return None;
            }
            if self.recurrence.falls_on(d, cal) {
                let at = at_local(d, time)?;
                if at > t {
                    return Some(at);
                }
            }
        }
        None
    }
}

fn at_local(d: NaiveDate, t: NaiveTime) -> Option<DateTime<FixedOffset>> {
    shanghai().from_local_datetime(&d.and_time(t)).single()
}

static REL_TIME: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?:(NUM)\s*个?\s*(半)?|(半))\s*个?\s*(分钟|分|小时|钟头|个钟|刻钟|刻)\s*(后|以后|之后)")
});
static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(\d{1,2})\s*[::]\s*(\d{1,2})(?:\s*([aApP])\.?[mM]?\.?)?|(\d{1,2}|[零一二两三四五六七八九十]{1,3})\s*[点时](?:\s*(半|一刻|三刻|钟|整|(\d{1,2}|[零一二三四五六七八九十]{1,3})\s*分?))?|(\d{1,2})\s*([aApP])\.?[mM]\.?",
    )
});
/// A time zone written after a clock time (4pm CET): reminders are in Beijing time.
static ZONE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\s*(?i:utc|gmt|cet|cest|est|edt|pst|pdt|jst|bst|ist)(?:[^a-zA-Z]|$)"));
static REPEAT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"每\s*(?:(天|日|晚|早|个工作日|工作日)|(?:个)?(?:周|星期|礼拜)\s*([一二三四五六日天1-7八九十0-9])|(?:个)?月\s*(?:的)?\s*(最后\s*一\s*个\s*工作日|月?底|月?末)|(?:个)?月\s*(MD)\s*[日号]?)",
    )
});

/// Parts of the day: the word, its default hour, and whether 1–11 means p.m.
const PERIODS: &[(&str, u32, bool)] = &[
    ("凌晨", 6, false),
    ("早上", 9, false),
    ("早晨", 9, false),
    ("今早", 9, false),
    ("明早", 9, false),
    ("上午", 9, false),
    ("中午", 12, true),
    ("下午", 14, true),
    ("傍晚", 18, true),
    ("晚上", 20, true),
    ("晚间", 20, true),
    ("今晚", 20, true),
    ("明晚", 20, true),
    ("昨晚", 20, true),
    ("今夜", 21, true),
    ("夜里", 21, true),
    ("每晚", 20, true),
    ("每早", 9, false),
];

fn find_period(text: &str) -> Option<(usize, usize, u32, bool, &'static str)> {
    // 晚 alone is the evening right after a day (周一晚, 明天晚8点), never in
    // 晚点 (later) or 最晚.
    let bare_evening = text.match_indices('晚').find_map(|(i, _)| {
        let after_day = text[..i]
            .chars()
            .next_back()
            .is_some_and(|b| b.is_ascii_digit() || "一二三四五六日天末号".contains(b));
        let word = text[i..].starts_with("晚上") || text[i..].starts_with("晚间");
        (after_day && !word).then_some((i, i + '晚'.len_utf8(), 20, true, "晚上"))
    });
    PERIODS
        .iter()
        .filter_map(|(w, h, pm)| text.find(w).map(|i| (i, i + w.len(), *h, *pm, *w)))
        .chain(bare_evening)
        .min_by_key(|p| p.0)
}

/// A clock time as written.
#[derive(Debug, Clone, Copy)]
struct Clock {
    start: usize,
    end: usize,
    /// The hour as written (3 in 3pm, 15 in 15:00).
    hour: u32,
    minute: u32,
    /// am (false) or pm (true), when written.
    pm: Option<bool>,
    /// Written with a leading zero (06:30): a 24-hour time, never moved to p.m.
    padded: bool,
}

/// A clock time in `text`: 9点, 十点半, 9:30, 3:15pm, 3pm.
fn find_clock(text: &str) -> Result<Option<Clock>, WhenError> {
    for c in CLOCK.captures_iter(text) {
        let m = c.get(0).expect("match");
        if text[..m.start()].ends_with(|ch: char| ch.is_ascii_digit()) {
            continue;
        }
        let mut end = m.end();
        let mut pm = None;
        let mut padded = false;
        let (h, min) = if let (Some(h), Some(mm)) = (c.get(1), c.get(2)) {
            padded = h.as_str().len() == 2 && h.as_str().starts_with('0');
            if let Some(ap) = c.get(3) {
                // 3:15p / 3:15pm, but not the a of "9:30 at".
                if text[m.end()..].starts_with(|ch: char| ch.is_ascii_alphabetic()) {
                    end = mm.end();
                } else {
                    pm = Some(ap.as_str().eq_ignore_ascii_case("p"));
                }
            }
            (num(h.as_str()), num(mm.as_str()))
        } else if let (Some(h), Some(ap)) = (c.get(7), c.get(8)) {
            if text[m.end()..].starts_with(|ch: char| ch.is_ascii_alphabetic()) {
                continue;
            }
            pm = Some(ap.as_str().eq_ignore_ascii_case("p"));
            (num(h.as_str()), Some(0))
        } else {
            let Some(h) = c.get(4) else { continue };
            // 几点 / 按时 / 小时 are not clock times.
            if m.as_str().contains('时') && text[m.end()..].starts_with(['限', '间', '候', '效'])
            {
                continue;
            }
            let min = match c.get(5).map(|x| x.as_str()) {
                None | Some("钟") | Some("整") => Some(0),
                Some("半") => Some(30),
                Some("一刻") => Some(15),
                Some("三刻") => Some(45),
                Some(_) => c.get(6).and_then(|x| num(x.as_str())),
            };
            (num(h.as_str()), min)
        };
        let (Some(h), Some(min)) = (h, min) else {
            continue;
        };
        let written = &text[m.start()..end];
        if h > 24 || (h == 24 && min > 0) || (pm.is_some() && h > 12) {
            return Err(WhenError::InvalidTime {
                text: written.to_string(),
                reason: format!("一天只有24小时,没有{h}点"),
            });
        }
        if min > 59 {
            return Err(WhenError::InvalidTime {
                text: written.to_string(),
                reason: format!("一小时只有60分钟,没有{min}分"),
            });
        }
        if ZONE.is_match(&text[end..]) {
            return Err(WhenError::InvalidTime {
                text: text[m.start()..].trim().to_string(),
                reason: "提醒按北京时间设置,请换算成北京时间再写".into(),
            });
        }
        return Ok(Some(Clock {
            start: m.start(),
            end,
            hour: h,
            minute: min,
            pm,
            padded,
        }));
    }
    Ok(None)
}

/// A moment for a reminder in `text` (see the module docs); weekends-only for
/// holiday phrases. `Ok(None)` when the text names no moment.
pub fn parse_moment(text: &str, now: DateTime<FixedOffset>) -> Result<Option<Moment>, WhenError> {
    parse_moment_with(text, now, &Calendar::weekends_only())
}

/// [`parse_moment`] with the holiday calendar (for 节后第一天上午9点).
pub fn parse_moment_with(
    text: &str,
    now: DateTime<FixedOffset>,
    cal: &Calendar,
) -> Result<Option<Moment>, WhenError> {
    let now = now.with_timezone(&shanghai());
    // Traditional characters read like simplified ones (下週一 9點); the
    // folding keeps byte lengths, so spans fit the text as written.
    let folded = crate::text::fold_script(text);
    let text = folded.as_str();
    // 30分钟后, 1小时后, 半小时后.
    if let Some(c) = REL_TIME.captures(text) {
        let m = c.get(0).expect("match");
        check_number_start(text, m.start())?;
        // 30分钟后, 两个半小时后, 半小时后, 一刻钟后.
        let minutes_per: i64 = match &c[4] {
            u if u.starts_with('分') => 1,
            u if u.starts_with('刻') => 15,
            _ => 60,
        };
        let whole = match c.get(1) {
            Some(q) => match num(q.as_str()) {
                Some(n) => n as i64,
                None => return Ok(None),
            },
            None => 0,
        };
        let half = c.get(2).is_some() || c.get(3).is_some();
        let minutes = whole
            .checked_mul(minutes_per)
            .and_then(|m| m.checked_add(if half { minutes_per / 2 } else { 0 }))
            .filter(|m| *m <= MAX_AHEAD_DAYS * 24 * 60)
            .ok_or_else(|| too_far(m.as_str()))?;
        let at = now
            .checked_add_signed(Duration::minutes(minutes))
            .ok_or_else(|| out_of_range(m.as_str()))?;
        return Ok(Some(Moment {
            at,
            recurrence: Recurrence::Once,
            time_given: true,
            start: m.start(),
            end: m.end(),
        }));
    }

    let today = today(now);
    let mut start = usize::MAX;
    let mut end = 0;
    let mut note = |s: usize, e: usize| {
        start = start.min(s);
        end = end.max(e);
    };

    // Recurrence and the first candidate day.
    let mut recurrence = Recurrence::Once;
    let mut day: Option<NaiveDate> = None;
    let mut masked = text.to_string();
    if let Some(c) = REPEAT.captures(text) {
        let m = c.get(0).expect("match");
        note(m.start(), m.end());
        if let Some(w) = c.get(1) {
            recurrence = if w.as_str().contains("工作日") {
                Recurrence::Weekdays
            } else {
                Recurrence::Daily
            };
        } else if let Some(w) = c.get(2) {
            // Regression: "每周八" was set once, for tomorrow.
            let Some(idx) = weekday_index(w.as_str()) else {
                return Err(WhenError::InvalidDate {
                    text: m.as_str().to_string(),
                    reason: format!("一周只有七天,没有周{}", w.as_str()),
                });
            };
            recurrence = Recurrence::Weekly(Weekday::try_from(idx as u8).unwrap_or(Weekday::Mon));
        } else if c.get(3).is_some() {
            // 每月最后一个工作日 (每月底: the month's end, on a working day).
            recurrence = Recurrence::MonthlyLastWorkday;
        } else if let Some(d) = c.get(4) {
            let d = num(d.as_str()).unwrap_or(0);
            if !(1..=31).contains(&d) {
                return Err(WhenError::InvalidDate {
                    text: m.as_str().to_string(),
                    reason: format!("一个月最多31天,没有{d}日"),
                });
            }
            recurrence = Recurrence::Monthly(d);
        }
        // Keep 每晚 / 每早 visible as parts of the day; hide the rest from the date scanners.
        let blank: String = " ".repeat(m.len());
        masked.replace_range(m.range(), &blank);
    } else if let Some(d) = find_dates(text, now, cal)?.into_iter().next() {
        note(d.start, d.end);
        // A reminder is for the future: a weekday alone already past this
        // week (周一 said on a Tuesday) is the coming one.
        let bare_weekday = d.source == DateSource::Relative
            && WEEKDAY
                .captures(&d.text)
                .is_some_and(|c| c.get(1).is_none() && c[0].len() == d.text.len());
        day = Some(if bare_weekday && d.date < today {
            add_days(d.date, 7).ok_or_else(|| out_of_range(&d.text))?
        } else {
            d.date
        });
        masked.replace_range(d.start..d.end, &" ".repeat(d.end - d.start));
    }

    let period = find_period(text);
    if let Some((s, e, ..)) = period {
        note(s, e);
    }
    let clock = find_clock(&masked)?;
    if let Some(c) = clock {
        note(c.start, c.end);
    }
    if recurrence == Recurrence::Once && day.is_none() && clock.is_none() {
        // A part of the day alone (今晚) still names today.
        match period {
            Some((_, _, _, _, w)) if w.starts_with('今') || w.starts_with('明') => {
                day = Some(if w.starts_with('明') {
                    add_days(today, 1).ok_or_else(|| out_of_range(w))?
                } else {
                    today
                });
            }
            _ => return Ok(None),
        }
    }
    if let Some((_, _, _, _, w)) = period
        && day.is_none()
        && recurrence == Recurrence::Once
        && (w.starts_with('今') || w.starts_with('明'))
    {
        day = Some(if w.starts_with('明') {
            add_days(today, 1).ok_or_else(|| out_of_range(w))?
        } else {
            today
        });
    }

    let (hour, minute, time_given) = match (clock, period) {
        // 3pm, 3:15pm, 12am.
        (
            Some(Clock {
                hour: h,
                minute: m,
                pm: Some(pm),
                ..
            }),
            _,
        ) => (
            match (pm, h) {
                (true, 12) => 12,
                (true, h) => h + 12,
                (false, 12) => 0,
                (false, h) => h,
            },
            m,
            true,
        ),
        // Regression: "明天上午13点" was set for 13:00 without a word.
        (
            Some(Clock {
                start: s,
                end: e,
                hour: h,
                ..
            }),
            Some((_, _, _, false, w)),
        ) if h > 12 && w != "凌晨" => {
            return Err(WhenError::InvalidTime {
                text: format!("{w}{}", &text[s..e]),
                reason: format!("{w}没有{h}点,是下午{}点吗?", h - 12),
            });
        }
        (
            Some(Clock {
                hour: h, minute: m, ..
            }),
            Some((_, _, _, pm, w)),
        ) => {
            let h = if w == "凌晨" && h == 12 {
                0
            } else if w == "中午" {
                if h <= 3 { h + 12 } else { h }
            } else if pm && h < 12 {
                h + 12
            } else {
                h
            };
            (h, m, true)
        }
        // 1 to 6 o'clock with no part of the day is the afternoon: an office
        // sets no 3 a.m. reminder, and 三点开会 is at 15:00 (06:30 written
        // with its zero stays in the morning).
        (
            Some(Clock {
                hour: h,
                minute: m,
                padded,
                ..
            }),
            None,
        ) => (
            if (1..=6).contains(&h) && !padded {
                h + 12
            } else {
                h
            },
            m,
            true,
        ),
        (None, Some((_, _, h, _, _))) => (h, 0, false),
        (None, None) => (9, 0, false),
    };
    let (hour, carry) = if hour == 24 { (0, 1) } else { (hour, 0) };
    let time = NaiveTime::from_hms_opt(hour, minute, 0).ok_or_else(|| WhenError::InvalidTime {
        text: text.to_string(),
        reason: "时间无效".into(),
    })?;

    let at = match recurrence {
        Recurrence::Once => {
            let explicit_day = day.is_some();
            let d = day.unwrap_or(today);
            let d = add_days(d, carry).ok_or_else(|| out_of_range(text))?;
            let mut at = at_local(d, time).ok_or_else(|| out_of_range(text))?;
            if !explicit_day && at <= now {
                at = at_local(add_days(d, 1).ok_or_else(|| out_of_range(text))?, time)
                    .ok_or_else(|| out_of_range(text))?;
            }
            at
        }
        _ => {
            let seed = Moment {
                at: at_local(today, time).ok_or_else(|| out_of_range(text))?,
                recurrence,
                time_given,
                start,
                end,
            };
            // The first occurrence from now on (today's included if still ahead).
            let probe = now - Duration::seconds(1);
            let mut first = None;
            for k in 0..=400 {
                let Some(d) = add_days(today, k) else { break };
                if recurrence.falls_on(d, cal)
                    && let Some(at) = at_local(d, time)
                    && at > now
                    && at > probe
                {
                    first = Some(at);
                    break;
                }
            }
            first.unwrap_or(seed.at)
        }
    };
    Ok(Some(Moment {
        at,
        recurrence,
        time_given,
        start,
        end,
    }))
}

#[cfg(test)]
mod corpus_tests;

#[cfg(test)]
mod guess_tests {
    use super::{guessed, mask_dates_not_of_the_matter};

    fn at(text: &str, phrase: &str) -> bool {
        let start = text.find(phrase).expect("phrase");
        guessed(text, start, start + phrase.len())
    }

    #[test]
    fn a_date_offered_as_the_answer_is_a_guess() {
        assert!(at("今天收到的,是不是10月中旬?具体哪天", "10月中旬"));
        assert!(at("最晚是11月3日吗", "11月3日"));
        assert!(!at("今天收到的会签件,最晚哪天回复", "今天"));
        // A date proposed to count from is used.
        assert!(!at("是不是从12月1日算起", "12月1日"));
        // f96-231: the asker's own sum, offered for checking.
        assert!(at("十天内交对吧?那就是6月2号?", "6月2号"));
        assert!(at("那不就是6月2号吧?", "6月2号"));
        assert!(!at("那就是6月2号开的会,几号交?", "6月2号"));
    }

    #[test]
    fn a_date_said_not_to_exist_is_blanked_in_place() {
        let t = "2024年2月29号聘的,2026年没有2月29号,到期哪天";
        let m = mask_dates_not_of_the_matter(t);
        assert_eq!(m.len(), t.len());
        assert!(m.contains("2024年2月29号聘的") && !m.contains("没有2月29号"));
    }

    /// Regression (fresh-127): a make-up working day told of (6号周六上班) is the
    /// calendar's, not the day the matter starts.
    #[test]
    fn a_make_up_day_told_of_is_blanked() {
        let t = "今天收到会签件,五一放五天,6号周六上班,最晚哪天回";
        let m = mask_dates_not_of_the_matter(t);
        assert_eq!(m.len(), t.len());
        assert!(!m.contains("6号") && m.contains("今天收到"));
        assert!(!mask_dates_not_of_the_matter("5月6日星期六调休上班。").contains('6'));
        assert!(mask_dates_not_of_the_matter("6号上午开会").contains("6号"));
        // Regression (fresh-169): hedged (1月4号好像还要上班).
        assert!(!mask_dates_not_of_the_matter("元旦放三天,1月4号好像还要上班").contains("4号"));
        // Said of the matter's own day, it stays.
        let t = "1月26日(周日调休上班)开会,文件几号印发";
        assert_eq!(mask_dates_not_of_the_matter(t), t);
        // Regression (fresh-137): a day a year has (那年有2月29) is the calendar's.
        let t = "2016年2月29日发的文件,有效期到哪天?那年有2月29,今年没有";
        let m = mask_dates_not_of_the_matter(t);
        assert!(
            m.starts_with("2016年2月29日") && m.matches("2月29").count() == 1,
            "{m}"
        );
        // Regression (fresh-137): a relative day told as a make-up day (明天周六要补班).
        let t = "下午收到会签文件,明天周六要补班,接着就清明放假";
        let m = mask_dates_not_of_the_matter(t);
        assert!(!m.contains("明天") && m.contains("下午收到"), "{m}");
        // Taken up by the next clause (要是那天收到), it is the matter's day.
        let t = "后天周日补班,要是那天收到转办的件,哪天办结";
        assert_eq!(mask_dates_not_of_the_matter(t), t);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::test_calendar;
    use proptest::prelude::*;

    fn now(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn date_of(text: &str, at: &str) -> NaiveDate {
        let cal = test_calendar();
        parse_date(text, now(at), &cal)
            .unwrap_or_else(|e| panic!("{text}: {e}"))
            .unwrap_or_else(|| panic!("{text}: no date"))
            .date
    }

    const NOW: &str = "2025-10-09T15:00:00+08:00"; // Thursday

    /// Regression (fresh-104): 刚开完 happened today, with its event; not when
    /// its clause names a day (昨天刚发布), nor with no event (刚才有人问).
    #[test]
    fn what_just_happened_happened_today() {
        let cal = test_calendar();
        let found = |q: &str| -> Vec<(String, NaiveDate, Option<Event>)> {
            find_dates(q, now(NOW), &cal)
                .unwrap()
                .into_iter()
                .map(|m| (m.text, m.date, m.event))
                .collect()
        };
        let today = NaiveDate::from_ymd_opt(2025, 10, 9).unwrap();
        let d = found("刚开完区长例会,纪要几天印发?后天就放假了,最晚哪天");
        assert_eq!(d[0], ("刚".to_string(), today, Some(Event::Meeting)));
        assert_eq!(d.len(), 2);
        let d = found("昨天刚发布的规范性文件,备案最晚哪天");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].0, "昨天");
        assert!(found("刚才有个科长打电话问,纪要几天印发").is_empty());
    }

    /// Regression (fresh-85): 正月初八 is a day on the lunar new year table,
    /// the coming one unless this year's passed more than a month ago.
    #[test]
    fn days_of_the_first_lunar_month() {
        let at = "2025-01-20T10:00:00+08:00";
        assert_eq!(date_of("主任打算正月初八去北京", at), d(2025, 2, 5));
        assert_eq!(date_of("大年初三值班", at), d(2025, 1, 31));
        assert_eq!(date_of("正月十五之前", at), d(2025, 2, 12));
        assert_eq!(date_of("正月廿一", at), d(2025, 2, 18));
        // After this year's has passed: next year's (2026-02-17 is 初一).
        assert_eq!(date_of("正月初八出差", NOW), d(2026, 2, 24));
        // 正月 alone names no day.
        let cal = test_calendar();
        assert!(
            parse_date("正月里不开会", now(NOW), &cal)
                .unwrap()
                .is_none()
        );
    }

    /// #12: 每月最后一个工作日 on the official calendar (a month ending on a
    /// weekend or a holiday fires on the working day before).
    #[test]
    fn the_last_working_day_of_each_month() {
        let cal = crate::calendar::test_calendar();
        let now = DateTime::parse_from_rfc3339("2026-01-10T10:00:00+08:00").unwrap();
        let m = parse_moment_with("每月最后一个工作日下午4点 报送月报", now, &cal)
            .unwrap()
            .unwrap();
        assert_eq!(m.recurrence, Recurrence::MonthlyLastWorkday);
        // 2026-01-31 is a Saturday: Friday 30 January.
        assert_eq!(m.at.to_rfc3339(), "2026-01-30T16:00:00+08:00");
        let next = m.next_after(m.at, &cal).unwrap();
        // February 2026 ends on Saturday 28th, a 调休 working day (春节).
        assert_eq!(next.to_rfc3339(), "2026-02-28T16:00:00+08:00");
        let next = m.next_after(next, &cal).unwrap();
        assert_eq!(next.to_rfc3339(), "2026-03-31T16:00:00+08:00");
        let m = parse_moment_with("每月底9点提醒我对账", now, &cal)
            .unwrap()
            .unwrap();
        assert_eq!(m.recurrence, Recurrence::MonthlyLastWorkday);
    }

    #[test]
    fn absolute_dates() {
        assert_eq!(date_of("2026年12月1日开会", NOW), d(2026, 12, 1));
        assert_eq!(date_of("二〇二六年十二月一日", NOW), d(2026, 12, 1));
        assert_eq!(date_of("12月1日", NOW), d(2025, 12, 1));
        assert_eq!(date_of("12月1号", NOW), d(2025, 12, 1));
        assert_eq!(date_of("十二月一日", NOW), d(2025, 12, 1));
        assert_eq!(date_of("12/1截止", NOW), d(2025, 12, 1));
        assert_eq!(date_of("文件是3.16发布的", NOW), d(2026, 3, 16));
        // Regression (fresh-23): the year word before a dotted date is its year.
        assert_eq!(date_of("去年3.15聘的", NOW), d(2024, 3, 15));
        assert_eq!(date_of("明年1/20开", NOW), d(2026, 1, 20));
        assert_eq!(
            date_of("五一节后第一天收到的", "2026-03-18T10:00:00+08:00"),
            d(2026, 5, 6)
        );
        assert_eq!(date_of("2026-12-01", NOW), d(2026, 12, 1));
        assert_eq!(date_of("2026/12/1", NOW), d(2026, 12, 1));
        assert_eq!(date_of("2026.12.1", NOW), d(2026, 12, 1));
        assert_eq!(date_of("2026年 12 月 1 日", NOW), d(2026, 12, 1));
        assert_eq!(date_of("明年3月1日", NOW), d(2026, 3, 1));
        assert_eq!(date_of("26年3月1日", NOW), d(2026, 3, 1));
        // The year nearest to now.
        assert_eq!(
            date_of("1月30日发布的", "2026-02-02T09:00:00+08:00"),
            d(2026, 1, 30)
        );
        assert_eq!(
            date_of("1月5日要开会", "2025-12-20T09:00:00+08:00"),
            d(2026, 1, 5)
        );
        assert_eq!(
            date_of("12月28日收到的", "2026-01-05T09:00:00+08:00"),
            d(2025, 12, 28)
        );
        assert_eq!(
            date_of("10月8日要去北京出差", "2026-09-24T11:00:00+08:00"),
            d(2026, 10, 8)
        );
        assert_eq!(date_of("2024年2月29日聘的", NOW), d(2024, 2, 29));
    }

    #[test]
    fn impossible_dates_are_errors() {
        let cal = test_calendar();
        for text in [
            "2月30日收到的",
            "13月1日",
            "2025年2月29日",
            "4月31号",
            "2026-02-30",
            "0月3日",
            "下个月31号",
        ] {
            let r = parse_date(text, now("2025-10-09T15:00:00+08:00"), &cal);
            let err = r.expect_err(text);
            let msg = err.to_string();
            assert!(msg.contains("不是有效日期"), "{text}: {msg}");
        }
        let e = parse_date("13月1日", now(NOW), &cal)
            .unwrap_err()
            .to_string();
        assert!(e.contains("没有13月"), "{e}");
        let e = parse_date("2月30日", now(NOW), &cal)
            .unwrap_err()
            .to_string();
        assert!(e.contains("2月") && e.contains("30日"), "{e}");
    }

    #[test]
    fn no_date_is_none() {
        let cal = test_calendar();
        for text in [
            "好的收到,谢谢啦辛苦👍",
            "政府常务会议一般多久召开一次?",
            "15日内向市政府备案",
            "一般几个工作日内要回复?",
            "〔2022〕7号文件",
            "区长例会每两周召开一次",
            "外出1.5天以上要请假",
            "占比1/2以上",
            "",
        ] {
            assert_eq!(parse_date(text, now(NOW), &cal).unwrap(), None, "{text}");
        }
    }

    #[test]
    fn relative_days() {
        assert_eq!(date_of("今天", NOW), d(2025, 10, 9));
        assert_eq!(date_of("明天", NOW), d(2025, 10, 10));
        assert_eq!(date_of("后天", NOW), d(2025, 10, 11));
        assert_eq!(date_of("大后天", NOW), d(2025, 10, 12));
        assert_eq!(date_of("昨天", NOW), d(2025, 10, 8));
        assert_eq!(date_of("前天", NOW), d(2025, 10, 7));
        assert_eq!(date_of("大前天", NOW), d(2025, 10, 6));
        assert_eq!(date_of("3天后", NOW), d(2025, 10, 12));
        assert_eq!(date_of("两周后", NOW), d(2025, 10, 23));
        assert_eq!(date_of("一个月后", NOW), d(2025, 11, 9));
        // 10-11 (Saturday) is a make-up working day.
        assert_eq!(date_of("3个工作日后", NOW), d(2025, 10, 13));
        // Time zone: 23:30 UTC on Oct 8 is already Oct 9 in Shanghai.
        assert_eq!(date_of("今天", "2025-10-08T23:30:00+00:00"), d(2025, 10, 9));
    }

    /// Regression: a weekday beside a date confirms it (主任3月10号周二去北京,
    /// asked on 3月4日, is 3月10日, not this week's Tuesday); one that contradicts
    /// it is asked about.
    #[test]
    fn weekday_beside_a_date_confirms_it() {
        let cal = Calendar::default();
        let now = shanghai().with_ymd_and_hms(2026, 3, 4, 10, 0, 0).unwrap();
        let d = find_dates("主任3月10号周二去北京,离朝报备最晚啥时候?", now, &cal).unwrap();
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].date, NaiveDate::from_ymd_opt(2026, 3, 10).unwrap());
        let now = shanghai().with_ymd_and_hms(2025, 12, 29, 10, 0, 0).unwrap();
        let d = find_dates("1月5号(周一)离朝", now, &cal).unwrap();
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].date, NaiveDate::from_ymd_opt(2026, 1, 5).unwrap());
        let e = find_dates(
            "3月10号周三去北京",
            shanghai().with_ymd_and_hms(2026, 3, 4, 10, 0, 0).unwrap(),
            &cal,
        )
        .unwrap_err();
        assert!(matches!(e, WhenError::WeekdayMismatch { .. }), "{e}");
        assert!(e.to_string().contains("周二"), "{e}");
        // A weekday on its own still names a day of this week.
        let d = find_dates("周二开会", now, &cal).unwrap();
        assert_eq!(d.len(), 1);
    }

    /// A weekday beside a counted date (明天周五) or a week-day with its week
    /// beside a written date (下周三(12月9日)) is checked like one beside a
    /// written date: one mention when they agree, a question when not (#12).
    #[test]
    fn weekday_beside_a_relative_date_is_checked() {
        let cal = Calendar::default();
        let wed = shanghai().with_ymd_and_hms(2026, 12, 2, 10, 0, 0).unwrap();
        let d = find_dates("明天周四上午开会", wed, &cal).unwrap();
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].text, "明天周四");
        assert_eq!(d[0].date, NaiveDate::from_ymd_opt(2026, 12, 3).unwrap());
        let e = find_dates("明天周五上午开会", wed, &cal).unwrap_err();
        assert_eq!(
            e,
            WhenError::WeekdayMismatch {
                text: "明天周五".into(),
                date: "12月3日".into(),
                actual: "周四".into(),
            }
        );
        assert_eq!(
            e.to_string(),
            "“明天周五”前后不一致:12月3日是周四,请确认是哪一天"
        );
        // With its week, and the written date in brackets: one mention, the
        // closing bracket included.
        let d = find_dates("局长下周三(12月9日)去北京出差", wed, &cal).unwrap();
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].text, "下周三(12月9日)");
        assert_eq!(d[0].date, NaiveDate::from_ymd_opt(2026, 12, 9).unwrap());
        assert_eq!(d[0].event, Some(Event::Travel));
        assert_eq!(d[0].source, DateSource::Absolute { year_given: false });
        // Going to the office to report is an errand, not the trip
        // (fresh-177: 后天(6月5号)要去外地学习,今天去府办报备 → the trip is 6月5号).
        let d = find_dates("后天要去外地学习,今天去府办报备来得及吗", wed, &cal).unwrap();
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(d[0].event, Some(Event::Travel));
        assert_eq!(d[1].event, None, "{d:?}");
        let e = find_dates("下周三(12月16日)去北京", wed, &cal).unwrap_err();
        assert_eq!(
            e.to_string(),
            "“下周三(12月16日)”前后不一致:下周三是12月9日,请确认是哪一天"
        );
        let e = find_dates("下周三(12月10日)去北京", wed, &cal).unwrap_err();
        assert!(e.to_string().contains("12月10日是周四"), "{e}");
        // 上周三(1月18号) said on Friday 20 January 2023 (fresh-11): the
        // Wednesday just past, named by its date, is taken; two weeks off is not.
        let fri = shanghai().with_ymd_and_hms(2023, 1, 20, 16, 0, 0).unwrap();
        let d = find_dates("上周三(1月18号)开的会", fri, &cal).unwrap();
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].date, NaiveDate::from_ymd_opt(2023, 1, 18).unwrap());
        assert!(find_dates("上周三(1月4号)开的会", fri, &cal).is_err());
        let d = find_dates("下周五(12月4日)开会", wed, &cal).unwrap();
        assert_eq!(d[0].date, NaiveDate::from_ymd_opt(2026, 12, 4).unwrap());
        // The weekday before the date, and the date before its week.
        assert!(find_dates("周一,12月7日开会", wed, &cal).is_ok());
        assert!(find_dates("周二,12月7日开会", wed, &cal).is_err());
        assert!(find_dates("12月9日(下周三)开会", wed, &cal).is_ok());
        // 今天是周四吗: asked back.
        assert!(find_dates("今天是周四吗", wed, &cal).is_err());
        // Two days listed are not one confirmed.
        let d = find_dates("明天、周五都要开会", wed, &cal).unwrap();
        assert_eq!(d.len(), 2, "{d:?}");
        // A reminder: the disagreement is said, agreement sets the day.
        assert!(matches!(
            parse_moment("明天周五上午9点提醒我", wed),
            Err(WhenError::WeekdayMismatch { .. })
        ));
        let m = parse_moment("下周三(12月9日)上午9点提醒我开会", wed)
            .unwrap()
            .unwrap();
        assert_eq!(m.at, ts("2026-12-09T09:00:00+08:00"));
        assert_eq!(
            &"下周三(12月9日)上午9点提醒我开会"[m.start..m.end],
            "下周三(12月9日)上午9点"
        );
    }

    /// Reminders read traditional characters, and their spans fit the text as
    /// written (the body is cut out of it).
    #[test]
    fn reminders_in_traditional_characters() {
        let n = now("2013-02-12T04:30:00+08:00");
        let text = "下週一晚上8點提醒我開會";
        let m = parse_moment(text, n).unwrap().unwrap();
        assert_eq!(m.at, ts("2013-02-18T20:00:00+08:00"));
        assert_eq!(&text[m.start..m.end], "下週一晚上8點");
    }

    /// Office readings of clock times (#12): 1–6点 alone is the afternoon,
    /// am/pm are read, another time zone is refused.
    #[test]
    fn clock_times_as_an_office_reads_them() {
        let n = "2025-10-09T10:00:00+08:00";
        assert_eq!(moment("三点开会", n).at, ts("2025-10-09T15:00:00+08:00"));
        assert_eq!(moment("明天2点半", n).at, ts("2025-10-10T14:30:00+08:00"));
        assert_eq!(moment("凌晨3点", n).at, ts("2025-10-10T03:00:00+08:00"));
        assert_eq!(moment("06:30", n).at, ts("2025-10-10T06:30:00+08:00"));
        assert_eq!(moment("7点", n).at, ts("2025-10-10T07:00:00+08:00"));
        assert_eq!(moment("12点", n).at, ts("2025-10-09T12:00:00+08:00"));
        assert_eq!(moment("4pm", n).at, ts("2025-10-09T16:00:00+08:00"));
        assert_eq!(moment("9:30am", n).at, ts("2025-10-10T09:30:00+08:00"));
        assert_eq!(moment("12am", n).at, ts("2025-10-10T00:00:00+08:00"));
        // "at" after a time is no a.m.
        assert_eq!(
            moment("明天9:30 at office", n).at,
            ts("2025-10-10T09:30:00+08:00")
        );
        let e = parse_moment("4pm CET", now(n)).unwrap_err();
        assert!(e.to_string().contains("北京时间"), "{e}");
        assert!(parse_moment("13pm", now(n)).is_err());
        // 晚点 is "later", not the evening.
        assert_eq!(parse_moment("晚点提醒我", now(n)).unwrap(), None);
    }

    /// A weekday alone in a reminder is the coming one; in a question it is
    /// this week's (周一收到的).
    #[test]
    fn a_bare_weekday_in_a_reminder_is_ahead() {
        let tue = "2013-02-12T10:00:00+08:00";
        assert_eq!(
            moment("周一上午9点", tue).at,
            ts("2013-02-18T09:00:00+08:00")
        );
        assert_eq!(
            moment("周三上午9点", tue).at,
            ts("2013-02-13T09:00:00+08:00")
        );
        // 这周一 / 上周一 say which week: left as written (and refused as past).
        assert_eq!(
            moment("这周一上午9点", tue).at,
            ts("2013-02-11T09:00:00+08:00")
        );
        assert_eq!(date_of("周一收到的", tue), d(2013, 2, 11));
    }

    /// A bare day already past this month, told of something still to come, is
    /// next month's; one that has happened stays this month's.
    #[test]
    fn a_past_bare_day_of_a_coming_event_is_next_months() {
        let n = "2024-04-26T10:00:00+08:00";
        assert_eq!(date_of("局长6号一早要去大连出差", n), d(2024, 5, 6));
        assert_eq!(date_of("五一后6号出发", n), d(2024, 5, 6));
        assert_eq!(date_of("6号收到的文件", n), d(2024, 4, 6));
        assert_eq!(date_of("28号要开会", n), d(2024, 4, 28));
        // Regression (fresh-127): the weekday said with it names the month.
        let n = "2023-04-27T17:10:00+08:00";
        assert_eq!(date_of("6号周六出发", n), d(2023, 5, 6));
        assert_eq!(date_of("6号周四收到的", n), d(2023, 4, 6));
    }

    /// Regression (fresh-183): the day of something to be done before it
    /// (提前2天报备), named bare and already past, is the coming one.
    #[test]
    fn the_coming_day_of_a_bare_day_or_weekday() {
        let cal = test_calendar();
        let coming_of = |text: &str, at: &str| {
            let m = parse_date(text, now(at), &cal).unwrap().unwrap();
            coming(&m, today(now(at)))
        };
        let n = "2022-09-29T10:40:00+08:00"; // Thursday
        assert_eq!(coming_of("主任10号出发去北京", n), Some(d(2022, 10, 10)));
        assert_eq!(coming_of("周一出发", n), Some(d(2022, 10, 3)));
        // Not past, or not bare: as read.
        assert_eq!(coming_of("30号出发", n), None);
        assert_eq!(coming_of("9月10日出发", n), None);
        assert_eq!(coming_of("上周一出发的", n), None);
    }

    #[test]
    fn parts_of_months_and_years() {
        let n = "2013-02-12T10:00:00+08:00";
        assert_eq!(date_of("3月底前报送", n), d(2013, 3, 31));
        assert_eq!(date_of("五月中", n), d(2013, 5, 15));
        assert_eq!(date_of("下月中旬", n), d(2013, 3, 15));
        assert_eq!(date_of("月尾", n), d(2013, 2, 28));
        assert_eq!(date_of("去年底收到的", n), d(2012, 12, 31));
        assert_eq!(date_of("2025年底", n), d(2025, 12, 31));
        assert_eq!(date_of("明年初", n), d(2014, 1, 1));
        let cal = test_calendar();
        for text in [
            "今年头一回开这个会",
            "这年头",
            "12月中央经济工作会议",
            "一个月中有几天",
        ] {
            assert_eq!(parse_date(text, now(n), &cal).unwrap(), None, "{text}");
        }
    }

    #[test]
    fn fixed_holidays_and_counted_weekdays() {
        let n = "2013-02-12T10:00:00+08:00";
        assert_eq!(date_of("国庆节出发", n), d(2013, 10, 1));
        assert_eq!(date_of("元旦", n), d(2014, 1, 1));
        assert_eq!(date_of("元旦", "2013-01-05T10:00:00+08:00"), d(2013, 1, 1));
        assert_eq!(date_of("去年国庆", n), d(2012, 10, 1));
        let cal = test_calendar();
        for text in [
            "国庆节后第一天",
            "元旦假期",
            "中秋国庆连着放",
            "国庆长假",
            "国庆前报送",
        ] {
            let all = find_dates(text, now("2025-09-01T10:00:00+08:00"), &cal).unwrap();
            assert!(
                all.iter()
                    .all(|m| !matches!(m.source, DateSource::Holiday { .. })),
                "{text}: {all:?}"
            );
        }
        let m = parse_date("国庆节出发", now(n), &cal).unwrap().unwrap();
        assert_eq!(
            m.source,
            DateSource::Holiday {
                holiday: "国庆".into()
            }
        );
        assert_eq!(
            date_of("十月第一个星期一", "2013-08-01T10:00:00+08:00"),
            d(2013, 10, 7)
        );
        assert_eq!(
            date_of("11月最后一个周五", "2013-08-01T10:00:00+08:00"),
            d(2013, 11, 29)
        );
        let e = parse_date("2月第5个周一", now("2026-01-10T10:00:00+08:00"), &cal).unwrap_err();
        assert!(e.to_string().contains("没有第5个周一"), "{e}");
    }

    #[test]
    fn month_day_year_only_when_unambiguous() {
        let n = "2013-02-12T10:00:00+08:00";
        assert_eq!(date_of("3/3/2015", n), d(2015, 3, 3));
        assert_eq!(date_of("10/31/1974", n), d(1974, 10, 31));
        assert_eq!(date_of("31/10/1974", n), d(1974, 10, 31));
        let e = parse_date("3/4/2015", now(n), &test_calendar()).unwrap_err();
        assert!(e.to_string().contains("3月4日还是"), "{e}");
    }

    /// Regression: "3天前收到" was no date (the deadline ran from today) and
    /// "下午发来" computed nothing; a bare "3天前" beside a meeting is a limit.
    #[test]
    fn past_days_and_parts_of_today() {
        let cal = Calendar::default();
        let now = shanghai().with_ymd_and_hms(2026, 9, 28, 10, 0, 0).unwrap();
        let d = find_dates("3天前收到的会签文件最晚哪天回复", now, &cal).unwrap();
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].date, NaiveDate::from_ymd_opt(2026, 9, 25).unwrap());
        assert_eq!(d[0].event, Some(Event::Received));
        let d = find_dates("两周前部署的督办事项", now, &cal).unwrap();
        assert_eq!(d[0].date, NaiveDate::from_ymd_opt(2026, 9, 14).unwrap());
        let d = find_dates("交通局下午发来征求意见稿要会签,几号前回复?", now, &cal).unwrap();
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].date, NaiveDate::from_ymd_opt(2026, 9, 28).unwrap());
        assert_eq!(d[0].event, Some(Event::Received));
        let d = find_dates("明天下午发来的文件", now, &cal).unwrap();
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].date, NaiveDate::from_ymd_opt(2026, 9, 29).unwrap());
        assert!(
            find_dates("常务会议3天前要送材料吗", now, &cal)
                .unwrap()
                .is_empty()
        );
        // 最后一天 reads as 最后1天 once counted numerals are digits.
        let real = Calendar::load(
            &std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
                .join("data/holidays"),
        )
        .unwrap();
        let eve = shanghai().with_ymd_and_hms(2022, 9, 30, 11, 0, 0).unwrap();
        let d = find_dates("节前最后1天收到会签", eve, &real).unwrap();
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].date, NaiveDate::from_ymd_opt(2022, 9, 30).unwrap());
    }

    /// Regression: "那是周六啊" says what weekday a day counted back is; it
    /// names no new date (the travel day stays 下周一).
    #[test]
    fn a_weekday_said_of_a_day_is_no_new_date() {
        let cal = Calendar::default();
        let now = shanghai().with_ymd_and_hms(2021, 5, 6, 10, 0, 0).unwrap();
        let d = find_dates(
            "主任下周一去省里 报备要提前两天 那是周六啊 怎么算",
            now,
            &cal,
        )
        .unwrap();
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].date, NaiveDate::from_ymd_opt(2021, 5, 10).unwrap());
        // Said as a plan, a weekday still names a day.
        let d = find_dates("会议是周六开", now, &cal).unwrap();
        assert_eq!(d.len(), 1, "{d:?}");
    }

    #[test]
    fn weekdays() {
        // 2025-10-09 is a Thursday; the week runs Mon 10-06 .. Sun 10-12.
        assert_eq!(date_of("下周一", NOW), d(2025, 10, 13));
        assert_eq!(date_of("下周三", NOW), d(2025, 10, 15));
        assert_eq!(date_of("下星期三", NOW), d(2025, 10, 15));
        assert_eq!(date_of("本周五", NOW), d(2025, 10, 10));
        assert_eq!(date_of("这周五", NOW), d(2025, 10, 10));
        assert_eq!(date_of("周五", NOW), d(2025, 10, 10));
        assert_eq!(date_of("周三", NOW), d(2025, 10, 8));
        assert_eq!(date_of("星期日", NOW), d(2025, 10, 12));
        assert_eq!(date_of("这周末", NOW), d(2025, 10, 11));
        assert_eq!(date_of("下周末", NOW), d(2025, 10, 18));
        assert_eq!(date_of("上周五", NOW), d(2025, 10, 3));
        assert_eq!(date_of("下下周一", NOW), d(2025, 10, 20));
        // On a Sunday, 下周一 is the next day.
        assert_eq!(
            date_of("下周一", "2025-10-12T10:00:00+08:00"),
            d(2025, 10, 13)
        );
    }

    #[test]
    fn months() {
        assert_eq!(date_of("下个月5号", NOW), d(2025, 11, 5));
        assert_eq!(date_of("下月5日", NOW), d(2025, 11, 5));
        assert_eq!(date_of("本月20号", NOW), d(2025, 10, 20));
        assert_eq!(date_of("月底", NOW), d(2025, 10, 31));
        assert_eq!(date_of("本月底", NOW), d(2025, 10, 31));
        assert_eq!(date_of("下个月底", NOW), d(2025, 11, 30));
        assert_eq!(date_of("月初", NOW), d(2025, 10, 1));
        assert_eq!(date_of("下月初", NOW), d(2025, 11, 1));
        assert_eq!(date_of("年底", NOW), d(2025, 12, 31));
        // 年底了 / 月底了 tell the season: the day of the matter is another.
        assert_eq!(
            date_of("年底了我们局今天赶着发了一个规范性文件", NOW),
            d(2025, 10, 9)
        );
        assert_eq!(date_of("月底了我们今天收到一个件", NOW), d(2025, 10, 9));
        assert_eq!(date_of("20号之前交", NOW), d(2025, 10, 20));
        assert_eq!(date_of("月底", "2024-02-10T10:00:00+08:00"), d(2024, 2, 29));
        assert_eq!(
            date_of("下个月5号", "2025-12-10T10:00:00+08:00"),
            d(2026, 1, 5)
        );
    }

    #[test]
    fn holidays() {
        // Before 国庆 2025 (10-01..08): first working day after is 10-09.
        assert_eq!(
            date_of("节后第一天", "2025-09-20T10:00:00+08:00"),
            d(2025, 10, 9)
        );
        // During the holiday: the current block.
        assert_eq!(
            date_of("节后第一天", "2025-10-03T10:00:00+08:00"),
            d(2025, 10, 9)
        );
        assert_eq!(
            date_of("春节后第一个工作日", "2026-01-10T10:00:00+08:00"),
            d(2026, 2, 24)
        );
        assert_eq!(
            date_of("国庆节后第一天", "2026-09-01T10:00:00+08:00"),
            d(2026, 10, 8)
        );
        assert_eq!(
            date_of("节前最后一个工作日", "2026-09-01T10:00:00+08:00"),
            d(2026, 9, 24)
        );
        // Regression (fresh-117): a weekday said of a written date through 那个
        // (9月27号那个周日) confirms it, asked on the Monday after.
        assert_eq!(
            date_of("9月27号那个周日收到的", "2020-09-28T10:00:00+08:00"),
            d(2020, 9, 27)
        );
        // Regression (fresh-117): the first such weekday after the block (端午
        // 2022: 06-03..05; 国庆 2025: 10-01..08), not this week's.
        assert_eq!(
            date_of("端午节后那个周一要去开会", "2022-05-18T10:00:00+08:00"),
            d(2022, 6, 6)
        );
        assert_eq!(
            date_of("国庆后的第一个周三", "2025-09-20T10:00:00+08:00"),
            d(2025, 10, 15)
        );
        // An explicit date next to 节后 wins.
        let cal = test_calendar();
        let all = find_dates(
            "国庆节后10月8日要去北京出差",
            now("2026-09-24T11:00:00+08:00"),
            &cal,
        )
        .unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].date, d(2026, 10, 8));
        assert_eq!(all[0].event.map(Event::name), Some("出行"));
        // No notice for the coming holidays: a clear error.
        let e = parse_date("节后第一天", now("2026-12-01T10:00:00+08:00"), &cal).unwrap_err();
        assert!(e.to_string().contains("尚未收录"), "{e}");
    }

    #[test]
    fn events_and_spans() {
        let cal = test_calendar();
        let cases = [
            (
                "市府办今天转来一份公文,事项属于我们局职权范围内的,最晚哪天要办结?",
                "今天",
                "收到",
            ),
            (
                "区长例会今天下午刚开完,会议纪要最晚什么时候要印发?",
                "今天",
                "会议",
            ),
            (
                "下周一我们局长要去沈阳开会,离朝外出的报备最晚哪天交?",
                "下周一",
                "出行",
            ),
            ("我们局的一个行政规范性文件9月16日发布的", "9月16日", "发布"),
            ("今天部署的一般事项最晚哪天要办结?", "今天", "部署"),
            (
                "法律顾问是2024年2月29日聘的,聘期到哪天为止?",
                "2024年2月29日",
                "聘任",
            ),
            (
                "节后第一次区政府常务会议定在2月24日,我们单位的汇报材料审核程序最晚哪天要走完?",
                "2月24日",
                "会议",
            ),
            ("今天下午收到发改委发来的会签文件", "今天", "收到"),
            ("昨天市政府常务会议讨论通过了我们起草的文件", "昨天", "会议"),
            ("我们局长下周三的市政府常务会参加不了", "下周三", "会议"),
            ("市政府1月20日开了全市安全生产工作会议", "1月20日", "会议"),
        ];
        for (text, phrase, event) in cases {
            let m = parse_date(text, now(NOW), &cal).unwrap().unwrap();
            assert_eq!(m.text, phrase, "{text}");
            assert_eq!(&text[m.start..m.end], phrase);
            assert_eq!(m.event.map(Event::name), Some(event), "{text}");
        }
        let m = parse_date("12月1日", now(NOW), &cal).unwrap().unwrap();
        assert_eq!(m.event, None);
        assert_eq!(m.source, DateSource::Absolute { year_given: false });
    }

    fn moment(text: &str, at: &str) -> Moment {
        parse_moment(text, now(at))
            .unwrap_or_else(|e| panic!("{text}: {e}"))
            .unwrap_or_else(|| panic!("{text}: none"))
    }

    fn ts(s: &str) -> DateTime<FixedOffset> {
        now(s)
    }

    #[test]
    fn moments() {
        let n = "2025-10-09T15:00:00+08:00";
        let m = moment("明天上午9点提醒我", n);
        assert_eq!(m.at, ts("2025-10-10T09:00:00+08:00"));
        assert!(m.time_given && !m.recurs());
        assert_eq!(
            moment("后天下午三点", n).at,
            ts("2025-10-11T15:00:00+08:00")
        );
        assert_eq!(moment("12月1日9:30", n).at, ts("2025-12-01T09:30:00+08:00"));
        let m = moment("下周一早上", n);
        assert_eq!(m.at, ts("2025-10-13T09:00:00+08:00"));
        assert!(!m.time_given);
        assert_eq!(moment("30分钟后", n).at, ts("2025-10-09T15:30:00+08:00"));
        assert_eq!(moment("1小时后", n).at, ts("2025-10-09T16:00:00+08:00"));
        assert_eq!(moment("半小时后", n).at, ts("2025-10-09T15:30:00+08:00"));
        // Regression: 两个半小时后 was read as 30 minutes; 一刻钟 not at all.
        assert_eq!(
            moment("两个半小时后", n).at,
            ts("2025-10-09T17:30:00+08:00")
        );
        assert_eq!(
            moment("一个半小时后", n).at,
            ts("2025-10-09T16:30:00+08:00")
        );
        assert_eq!(moment("一刻钟后", n).at, ts("2025-10-09T15:15:00+08:00"));
        assert_eq!(moment("三刻钟以后", n).at, ts("2025-10-09T15:45:00+08:00"));
        assert_eq!(moment("90分钟后", n).at, ts("2025-10-09T16:30:00+08:00"));
        assert_eq!(moment("今晚8点", n).at, ts("2025-10-09T20:00:00+08:00"));
        assert_eq!(moment("明天十点半", n).at, ts("2025-10-10T10:30:00+08:00"));
        assert_eq!(moment("中午1点", n).at, ts("2025-10-10T13:00:00+08:00"));
        // A time with no day that has passed today means tomorrow.
        assert_eq!(moment("9点提醒我", n).at, ts("2025-10-10T09:00:00+08:00"));
        assert_eq!(moment("下午4点", n).at, ts("2025-10-09T16:00:00+08:00"));
        assert_eq!(moment("明天", n).at, ts("2025-10-10T09:00:00+08:00"));
    }

    #[test]
    fn recurring_moments() {
        let n = "2025-10-09T15:00:00+08:00"; // Thursday
        let m = moment("每周一上午9点", n);
        assert_eq!(m.recurrence, Recurrence::Weekly(Weekday::Mon));
        assert_eq!(m.at, ts("2025-10-13T09:00:00+08:00"));
        assert!(m.recurs());
        assert_eq!(
            m.next_after(m.at, &Calendar::weekends_only()),
            Some(ts("2025-10-20T09:00:00+08:00"))
        );
        let m = moment("每月1日", n);
        assert_eq!(m.recurrence, Recurrence::Monthly(1));
        assert_eq!(m.at, ts("2025-11-01T09:00:00+08:00"));
        let m = moment("每天下午5点", n);
        assert_eq!(m.recurrence, Recurrence::Daily);
        assert_eq!(m.at, ts("2025-10-09T17:00:00+08:00"));
        let m = moment("每月31号", n);
        assert_eq!(m.at, ts("2025-10-31T09:00:00+08:00"));
        assert_eq!(
            m.next_after(m.at, &Calendar::weekends_only()),
            Some(ts("2025-11-30T09:00:00+08:00"))
        );
        assert_eq!(
            moment("每周四下午3点", n).at,
            ts("2025-10-16T15:00:00+08:00")
        );
    }

    #[test]
    fn bad_and_missing_moments() {
        let n = now("2025-10-09T15:00:00+08:00");
        assert!(parse_moment("明天25点", n).is_err());
        assert!(parse_moment("明天9:75", n).is_err());
        assert!(parse_moment("2月30日上午9点", n).is_err());
        assert_eq!(parse_moment("好的谢谢", n).unwrap(), None);
        assert_eq!(parse_moment("会议纪要几个工作日内印发", n).unwrap(), None);
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            let cal = test_calendar();
            let n = now(NOW);
            let _ = find_dates(&s, n, &cal);
            let _ = parse_moment(&s, n);
        }

        #[test]
        fn never_panics_on_date_like(s in "[0-9一二三四五六七八九十两年月日号周下本这每个天后前点分半:/.\\- ]{0,24}") {
            let cal = test_calendar();
            let n = now(NOW);
            if let Ok(ms) = find_dates(&s, n, &cal) {
                for m in ms {
                    prop_assert_eq!(&s[m.start..m.end], m.text.as_str());
                }
            }
            let _ = parse_moment(&s, n);
        }

        /// The phrases of #12 (weekdays beside dates, parts of months,
        /// holidays, am/pm), shuffled: spans stay on the text.
        #[test]
        fn never_panics_on_corpus_like(s in "[0-9一二三五十年月日号周礼拜星期下上这明今天是第个最后头中尾底初元旦国庆节假前()(),、:apm ]{0,24}") {
            let cal = test_calendar();
            let n = now(NOW);
            if let Ok(ms) = find_dates(&s, n, &cal) {
                for m in ms {
                    prop_assert_eq!(&s[m.start..m.end], m.text.as_str());
                }
            }
            if let Ok(Some(m)) = parse_moment(&s, n) {
                prop_assert!(m.start <= m.end && m.end <= s.len());
            }
        }
    }
}
