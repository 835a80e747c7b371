//! The rules of DEADLINES.md: event day + time limit → the last day, with one line of reasoning.
//!
//! | kind | rule | result |
//! |------|------|--------|
//! | `WorkingDaysWithin` | 1 | the N-th working day after D (D not counted) |
//! | `CalendarDaysWithin` | 2 | D + N, moved to the next working day if it is not one |
//! | `CalendarDaysWithin`, `start_counts` | 4 | D + N − 1, then moved as in rule 2 |
//! | `Term` | 3 | the same day number N months / years later, or that month's last day |
//! | `DaysInAdvance` | 5 | E − N; if not a working day, the last working day before it |
//!
//! Frequencies, thresholds, quorums and counts are not deadlines: `Ok(None)`.
//! Every [`Deadline`] lists the years it touched that have no holiday notice
//! (`weekends_only_years`), and its `rule` line ends with
//! "2027年放假安排尚未收录,按双休日计算" where that applies.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use crate::calendar::{Calendar, DayKind, HolidayRun};
use crate::rules::model::{LimitKind, TimeLimit};

/// A computed last day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    /// The last day (for rule 5 the practical latest day).
    pub date: NaiveDate,
    /// The day the arithmetic gives before any move to a working day
    /// (D + N, D + N − 1, E − N; for rules 1 and 3 the same as `date`).
    pub nominal: NaiveDate,
    /// `date != nominal`: moved to the next (rule 2, 4) or previous (rule 5) working day.
    pub moved: bool,
    /// The event day the limit counts from (or before).
    pub event_day: NaiveDate,
    pub kind: LimitKind,
    /// One line of reasoning in Chinese, e.g.
    /// "15日内:发布当日不计,9月16日+15日=10月1日,是国庆假日,顺延至下一个工作日10月9日".
    pub rule: String,
    /// Years between the event day and the result computed with weekends only.
    pub weekends_only_years: Vec<i32>,
}

impl Deadline {
    /// "2027年放假安排尚未收录,按双休日计算" when a year had no notice.
    pub fn calendar_note(&self) -> Option<String> {
        calendar_note(&self.weekends_only_years)
    }
}

fn calendar_note(years: &[i32]) -> Option<String> {
    if years.is_empty() {
        return None;
    }
    let ys: Vec<String> = years.iter().map(|y| format!("{y}年")).collect();
    Some(format!("{}放假安排尚未收录,按双休日计算", ys.join("、")))
}

/// Why no date could be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeadlineError {
    /// The limit is zero days (or months).
    #[error("时限为0{unit},无法计算期限")]
    ZeroQuantity {
        /// The unit as written.
        unit: String,
    },
    /// The limit's unit is not one a date is counted in.
    #[error("无法按“{unit}”计算期限")]
    UnsupportedUnit {
        /// The unit as written.
        unit: String,
    },
    /// The date would fall outside the dates that can be represented.
    #[error("计算结果超出可计算的日期范围")]
    OutOfRange,
}

/// 周一 … 周日.
pub fn weekday_zh(date: NaiveDate) -> &'static str {
    match date.weekday() {
        Weekday::Mon => "周一",
        Weekday::Tue => "周二",
        Weekday::Wed => "周三",
        Weekday::Thu => "周四",
        Weekday::Fri => "周五",
        Weekday::Sat => "周六",
        Weekday::Sun => "周日",
    }
}

/// "2026年9月30日(周三)".
pub fn format_date(date: NaiveDate) -> String {
    format!(
        "{}年{}月{}日({})",
        date.year(),
        date.month(),
        date.day(),
        weekday_zh(date)
    )
}

/// "9月30日".
pub fn format_month_day(date: NaiveDate) -> String {
    format!("{}月{}日", date.month(), date.day())
}

/// Longest limit handled (about a century of days); beyond it the answer is not useful.
const MAX_QUANTITY: u32 = 36_500;

/// Applies DEADLINES.md to `limit` counted from (or before) `event_day`.
/// `Ok(None)` for frequencies, thresholds, quorums, counts and limits in hours.
pub fn compute(
    limit: &TimeLimit,
    event_day: NaiveDate,
    cal: &Calendar,
) -> Result<Option<Deadline>, DeadlineError> {
    if !limit.kind.is_deadline() {
        return Ok(None);
    }
    if limit.quantity == 0 {
        return Err(DeadlineError::ZeroQuantity {
            unit: limit.unit.clone(),
        });
    }
    if limit.quantity > MAX_QUANTITY {
        return Err(DeadlineError::OutOfRange);
    }
    let d = match limit.kind {
        LimitKind::WorkingDaysWithin => working_days(limit, event_day, cal)?,
        LimitKind::CalendarDaysWithin => calendar_days(limit, event_day, cal)?,
        LimitKind::Term => term(limit, event_day, cal)?,
        LimitKind::DaysInAdvance => in_advance(limit, event_day, cal)?,
        LimitKind::YearlyDate => yearly(limit, event_day, cal)?,
        _ => unreachable!("handled above"),
    };
    Ok(Some(d))
}

/// The event as the rule line names it: 收到当日, 会议当日 …
fn event_word(limit: &TimeLimit) -> &str {
    use crate::event::Event;
    match limit.event {
        Some(Event::MeetingEnds | Event::MeetingHeld | Event::Meeting) => "会议",
        Some(e) => e.name(),
        None => "起算日",
    }
}

/// The holiday's short name for a rule line: 国庆节、中秋节 → 国庆、中秋; 春节 stays.
fn short_holiday(name: &str) -> String {
    name.split('、')
        .map(|n| match n {
            "国庆节" | "中秋节" | "端午节" | "清明节" => n.trim_end_matches('节'),
            other => other,
        })
        .collect::<Vec<_>>()
        .join("、")
}

fn run_text(run: &HolidayRun) -> String {
    let range = if run.start == run.end {
        format_month_day(run.start)
    } else if run.start.month() == run.end.month() && run.start.year() == run.end.year() {
        format!("{}—{}日", format_month_day(run.start), run.end.day())
    } else {
        format!(
            "{}—{}",
            format_month_day(run.start),
            format_month_day(run.end)
        )
    };
    format!("{range}{}", short_holiday(&run.name))
}

/// "2月14日、2月28日(周六)" or "9月28日(周日)、10月11日(周六)".
fn makeup_text(days: &[(NaiveDate, String)]) -> String {
    let same = days
        .windows(2)
        .all(|w| w[0].0.weekday() == w[1].0.weekday());
    if same && !days.is_empty() {
        let list: Vec<String> = days.iter().map(|(d, _)| format_month_day(*d)).collect();
        format!("{}({})", list.join("、"), weekday_zh(days[0].0))
    } else {
        days.iter()
            .map(|(d, _)| format!("{}({})", format_month_day(*d), weekday_zh(*d)))
            .collect::<Vec<_>>()
            .join("、")
    }
}

/// What a day is, for a rule line: "周六调休上班" / "国庆假日" / "周六" / "".
fn day_note(cal: &Calendar, d: NaiveDate) -> String {
    match cal.day_kind(d) {
        DayKind::Working => String::new(),
        DayKind::Weekend => weekday_zh(d).to_string(),
        DayKind::Holiday { name } => format!("{}假日", first_holiday(&name)),
        DayKind::MakeupWorkday { .. } => format!("{}调休上班", weekday_zh(d)),
    }
}

/// 国庆节、中秋节 → 国庆 (the first name, short).
fn first_holiday(name: &str) -> String {
    short_holiday(name.split('、').next().unwrap_or(name))
}

/// A working day named with what it is: "1月4日(周日调休上班)" or "1月7日(周三)".
fn working_day_text(cal: &Calendar, d: NaiveDate) -> String {
    let note = day_note(cal, d);
    if note.is_empty() {
        format!("{}({})", format_month_day(d), weekday_zh(d))
    } else {
        format!("{}({note})", format_month_day(d))
    }
}

fn finish(
    mut rule: String,
    cal: &Calendar,
    kind: LimitKind,
    event_day: NaiveDate,
    nominal: NaiveDate,
    date: NaiveDate,
) -> Deadline {
    let lo = event_day.min(nominal).min(date);
    let hi = event_day.max(nominal).max(date);
    let weekends_only_years = cal.unknown_years(lo, hi);
    if let Some(note) = calendar_note(&weekends_only_years) {
        rule.push(';');
        rule.push_str(&note);
    }
    Deadline {
        date,
        nominal,
        moved: date != nominal,
        event_day,
        kind,
        rule,
        weekends_only_years,
    }
}

/// The head of a rule line: the limit as the article writes it.
fn head(limit: &TimeLimit, fallback: String) -> String {
    let s = limit.span.trim();
    if s.is_empty() {
        fallback
    } else {
        s.to_string()
    }
}

/// Rule 1.
fn working_days(
    limit: &TimeLimit,
    d: NaiveDate,
    cal: &Calendar,
) -> Result<Deadline, DeadlineError> {
    if limit.unit != "工作日" {
        return Err(DeadlineError::UnsupportedUnit {
            unit: limit.unit.clone(),
        });
    }
    let n = limit.quantity;
    let (date, counted_from) = if limit.start_counts {
        // The start day counts when it is a working day: it is the first.
        if cal.is_working_day(d) {
            (
                cal.nth_working_day_after(d, n - 1)
                    .ok_or(DeadlineError::OutOfRange)?,
                true,
            )
        } else {
            (
                cal.nth_working_day_after(d, n)
                    .ok_or(DeadlineError::OutOfRange)?,
                true,
            )
        }
    } else {
        (
            cal.nth_working_day_after(d, n)
                .ok_or(DeadlineError::OutOfRange)?,
            false,
        )
    };
    let ev = event_word(limit);
    let mut rule = format!("{}:", head(limit, format!("{n}个工作日内")));
    if counted_from {
        rule.push_str(&format!("{ev}当日({})算起", format_month_day(d)));
    } else {
        rule.push_str(&format!("{ev}当日({})不计", format_month_day(d)));
    }
    let after = d.succ_opt().ok_or(DeadlineError::OutOfRange)?;
    let makeups = cal.makeup_days_between(after, date);
    let runs = cal.holiday_runs_between(after, date);
    let mut parts = Vec::new();
    if !makeups.is_empty() {
        parts.push(format!("{}调休上班计入", makeup_text(&makeups)));
    }
    if !runs.is_empty() {
        let list: Vec<String> = runs.iter().map(run_text).collect();
        parts.push(format!("{}放假不计", list.join("、")));
    }
    if !parts.is_empty() {
        rule.push(';');
        rule.push_str(&parts.join(","));
    }
    rule.push_str(&format!(";第{n}个工作日为{}", working_day_text(cal, date)));
    Ok(finish(rule, cal, limit.kind, d, date, date))
}

/// Rule 2, or rule 4 where the start day counts.
fn calendar_days(
    limit: &TimeLimit,
    d: NaiveDate,
    cal: &Calendar,
) -> Result<Deadline, DeadlineError> {
    let n = limit.quantity;
    let days = match limit.unit.as_str() {
        "日" | "天" => n as u64,
        "周" => 7 * n as u64,
        other => {
            return Err(DeadlineError::UnsupportedUnit {
                unit: other.to_string(),
            });
        }
    };
    let ev = event_word(limit);
    let unit_word = if limit.unit == "周" {
        "天".to_string()
    } else {
        limit.unit.clone()
    };
    let (nominal, mut rule) = if limit.start_counts {
        let nominal = d
            .checked_add_days(Days::new(days - 1))
            .ok_or(DeadlineError::OutOfRange)?;
        let rule = format!(
            "{}、{ev}当日算起:{}为第1天,第{days}天为{}",
            head(limit, format!("{n}{}内", limit.unit)),
            format_month_day(d),
            format_month_day(nominal)
        );
        (nominal, rule)
    } else {
        let nominal = d
            .checked_add_days(Days::new(days))
            .ok_or(DeadlineError::OutOfRange)?;
        let rule = format!(
            "{}:{ev}当日不计,{}+{days}{unit_word}={}",
            head(limit, format!("{n}{}内", limit.unit)),
            format_month_day(d),
            format_month_day(nominal)
        );
        (nominal, rule)
    };
    let date = cal
        .next_working_day_on_or_after(nominal)
        .ok_or(DeadlineError::OutOfRange)?;
    match cal.day_kind(nominal) {
        DayKind::Working => rule.push_str(&format!("({}),是工作日", weekday_zh(nominal))),
        DayKind::MakeupWorkday { .. } => rule.push_str(&format!(
            ",该日{}调休上班,是工作日,不顺延",
            weekday_zh(nominal)
        )),
        DayKind::Holiday { name } if limit.start_counts => rule.push_str(&format!(
            "({}假日),顺延至下一个工作日{}",
            first_holiday(&name),
            working_day_text(cal, date)
        )),
        k @ (DayKind::Weekend | DayKind::Holiday { .. }) => {
            rule.push_str(&day_off(cal, &k, nominal, date, "顺延至下一个工作日"))
        }
    }
    Ok(finish(rule, cal, limit.kind, d, nominal, date))
}

/// ",是周六,<how>12月7日(周一)" / ",是国庆假日,<how>…": why the day moved.
fn day_off(
    cal: &Calendar,
    kind: &DayKind,
    nominal: NaiveDate,
    date: NaiveDate,
    how: &str,
) -> String {
    let what = match kind {
        DayKind::Holiday { name } => format!("{}假日", first_holiday(name)),
        _ => weekday_zh(nominal).to_string(),
    };
    format!(",是{what},{how}{}", working_day_text(cal, date))
}

/// Rule 3.
fn term(limit: &TimeLimit, d: NaiveDate, cal: &Calendar) -> Result<Deadline, DeadlineError> {
    let n = limit.quantity;
    let months = match limit.unit.as_str() {
        "个月" | "月" => n,
        "年" => n.checked_mul(12).ok_or(DeadlineError::OutOfRange)?,
        other => {
            return Err(DeadlineError::UnsupportedUnit {
                unit: other.to_string(),
            });
        }
    };
    let target_first = d
        .with_day(1)
        .and_then(|f| f.checked_add_months(Months::new(months)))
        .ok_or(DeadlineError::OutOfRange)?;
    // chrono clamps to the month's last day, as 第二百零二条 wants.
    let corresponding = d
        .checked_add_months(Months::new(months))
        .ok_or(DeadlineError::OutOfRange)?;
    let clamped = corresponding.day() != d.day();
    let h = head(limit, format!("{n}{}", limit.unit)).replacen("期为", "期", 1);
    let mut rule = format!("{h}:到期月对应日为期满日;");
    if clamped {
        rule.push_str(&format!(
            "{}年{}月没有{}日,取该月最后一日{}",
            target_first.year(),
            target_first.month(),
            d.day(),
            format_month_day(corresponding)
        ));
    } else {
        rule.push_str(&format!(
            "{}年{}起{}{},期满日为{}年{}",
            d.year(),
            format_month_day(d),
            n,
            limit.unit,
            corresponding.year(),
            format_month_day(corresponding)
        ));
    }
    let date = if limit.start_counts {
        let day_before = corresponding.pred_opt().ok_or(DeadlineError::OutOfRange)?;
        rule.push_str(&format!(
            ";{}当日算起,期满日为前一日{}",
            event_word(limit),
            format_month_day(day_before)
        ));
        day_before
    } else {
        corresponding
    };
    Ok(finish(rule, cal, limit.kind, d, date, date))
}

/// Rule 5.
fn in_advance(limit: &TimeLimit, e: NaiveDate, cal: &Calendar) -> Result<Deadline, DeadlineError> {
    let n = limit.quantity;
    use crate::event::Event;
    let ev = match limit.event {
        Some(Event::Travel) => "出行日",
        Some(Event::MeetingHeld | Event::Meeting) => "会议日",
        _ => "",
    };
    let h = head(limit, format!("提前{n}{}", limit.unit));
    // 会议召开2天前 already names the event.
    let ev = if h.contains(ev.trim_end_matches('日')) && !ev.is_empty() {
        ""
    } else {
        ev
    };
    if limit.unit == "工作日" {
        let date = cal
            .nth_working_day_before(e, n)
            .ok_or(DeadlineError::OutOfRange)?;
        let rule = format!(
            "{h}:{ev}{}往前数{n}个工作日({ev}当日不计)为{}",
            format_month_day(e),
            working_day_text(cal, date)
        );
        return Ok(finish(rule, cal, limit.kind, e, date, date));
    }
    if !matches!(limit.unit.as_str(), "天" | "日") {
        return Err(DeadlineError::UnsupportedUnit {
            unit: limit.unit.clone(),
        });
    }
    let nominal = e
        .checked_sub_days(Days::new(n as u64))
        .ok_or(DeadlineError::OutOfRange)?;
    let mut rule = format!(
        "{h}:{ev}{}({})往前{n}天为{}",
        format_month_day(e),
        weekday_zh(e),
        format_month_day(nominal)
    );
    let date = cal
        .last_working_day_on_or_before(nominal)
        .ok_or(DeadlineError::OutOfRange)?;
    match cal.day_kind(nominal) {
        DayKind::Working => rule.push_str(&format!("({}),是工作日", weekday_zh(nominal))),
        DayKind::MakeupWorkday { .. } => {
            rule.push_str(&format!(",该日{}调休上班,是工作日", weekday_zh(nominal)))
        }
        k @ (DayKind::Weekend | DayKind::Holiday { .. }) => rule.push_str(&day_off(
            cal,
            &k,
            nominal,
            date,
            "实际最晚为此前最后一个工作日",
        )),
    }
    Ok(finish(rule, cal, limit.kind, e, nominal, date))
}

/// Rule 6: 每年M月D日前, from day `e`: the next M月D日 on or after `e` (29 February
/// in a year without it: 28 February); if it is not a working day, the last working
/// day before it is the practical latest day, and the rule says why.
fn yearly(limit: &TimeLimit, e: NaiveDate, cal: &Calendar) -> Result<Deadline, DeadlineError> {
    let month = limit.quantity;
    let day = limit.quantity_max.unwrap_or(1);
    let on = |y: i32| {
        NaiveDate::from_ymd_opt(y, month, day)
            .or_else(|| NaiveDate::from_ymd_opt(y, month, day - 1))
            .ok_or(DeadlineError::OutOfRange)
    };
    let mut nominal = on(e.year())?;
    if nominal < e {
        nominal = on(e.year() + 1)?;
    }
    let h = head(limit, format!("每年{month}月{day}日前"));
    let mut rule = format!(
        "{h}:{}起的下一个{month}月{day}日为{}年{}({})",
        format_month_day(e),
        nominal.year(),
        format_month_day(nominal),
        weekday_zh(nominal)
    );
    let date = cal
        .last_working_day_on_or_before(nominal)
        .ok_or(DeadlineError::OutOfRange)?;
    match cal.day_kind(nominal) {
        DayKind::Working | DayKind::MakeupWorkday { .. } => rule.push_str(",是工作日"),
        k @ (DayKind::Weekend | DayKind::Holiday { .. }) => rule.push_str(&day_off(
            cal,
            &k,
            nominal,
            date,
            "实际最晚为此前最后一个工作日",
        )),
    }
    Ok(finish(rule, cal, limit.kind, e, nominal, date))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::test_calendar;
    use crate::rules::limits::extract;
    use crate::when;
    use chrono::{DateTime, FixedOffset};
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn limit(kind: LimitKind, q: u32, unit: &str, event: &str, start_counts: bool) -> TimeLimit {
        TimeLimit {
            kind,
            quantity: q,
            quantity_max: None,
            unit: unit.into(),
            per: None,
            event: crate::event::Event::from_name(event),
            start_counts,
            span: String::new(),
            context: String::new(),
            offset: 0,
        }
    }

    fn date(l: &TimeLimit, from: NaiveDate) -> Deadline {
        compute(l, from, &test_calendar()).unwrap().unwrap()
    }

    #[test]
    fn a_yearly_date_is_the_next_one_on_a_working_day() {
        let cal = test_calendar();
        let mut l = limit(LimitKind::YearlyDate, 1, "日", "", false);
        l.quantity_max = Some(31);
        l.event = None;
        l.span = "每年1月31日前".into();
        // Asked on 2026-12-02: the next is 2027-01-31, a Sunday → Friday 29th.
        let r = compute(&l, d(2026, 12, 2), &cal).unwrap().unwrap();
        assert_eq!(r.nominal, d(2027, 1, 31));
        assert_eq!(r.date, d(2027, 1, 29));
        assert!(r.rule.contains("实际最晚"), "{}", r.rule);
        // Asked on the day itself: that day.
        let mut l3 = l.clone();
        l3.quantity = 3;
        let r = compute(&l3, d(2025, 3, 31), &cal).unwrap().unwrap();
        assert_eq!((r.nominal, r.date), (d(2025, 3, 31), d(2025, 3, 31)));
    }

    #[test]
    fn formatting() {
        assert_eq!(format_date(d(2026, 9, 30)), "2026年9月30日(周三)");
        assert_eq!(weekday_zh(d(2025, 10, 13)), "周一");
        assert_eq!(weekday_zh(d(2025, 10, 12)), "周日");
    }

    #[test]
    fn rule1_working_days() {
        let w = |q| limit(LimitKind::WorkingDaysWithin, q, "工作日", "收到", false);
        // 元旦 2025: 1月1日 (Wednesday) off.
        let r = date(&w(6), d(2024, 12, 27));
        assert_eq!(r.date, d(2025, 1, 7));
        assert!(r.rule.contains("1月1日元旦放假不计"), "{}", r.rule);
        assert!(r.weekends_only_years.is_empty());
        // 元旦 2026 with the make-up Sunday 1月4日.
        let r = date(&w(2), d(2025, 12, 31));
        assert_eq!(r.date, d(2026, 1, 5));
        assert!(r.rule.contains("1月4日(周日)调休上班计入"), "{}", r.rule);
        assert!(r.rule.contains("1月1日—3日元旦放假不计"), "{}", r.rule);
        // 春节 2026.
        let r = date(&w(7), d(2026, 2, 12));
        assert_eq!(r.date, d(2026, 2, 28));
        assert_eq!(
            r.rule,
            "7个工作日内:收到当日(2月12日)不计;2月14日、2月28日(周六)调休上班计入,2月15日—23日春节放假不计;第7个工作日为2月28日(周六调休上班)"
        );
        // 春节 2025: 1月28日—2月4日, make-up 1月26日 and 2月8日.
        assert_eq!(date(&w(1), d(2025, 1, 27)).date, d(2025, 2, 5));
        assert_eq!(date(&w(3), d(2025, 1, 24)).date, d(2025, 2, 5));
        // 劳动节 2025: 5月1日—5日 off, 4月27日 (Sunday) worked.
        assert_eq!(date(&w(1), d(2025, 4, 26)).date, d(2025, 4, 27));
        assert_eq!(date(&w(3), d(2025, 4, 29)).date, d(2025, 5, 7));
        // 劳动节 2026: 5月1日—5日 off, 5月9日 (Saturday) worked.
        assert_eq!(date(&w(4), d(2026, 4, 30)).date, d(2026, 5, 9));
        // 国庆 2025 and 2026.
        assert_eq!(date(&w(7), d(2025, 9, 26)).date, d(2025, 10, 13));
        assert_eq!(date(&w(9), d(2026, 9, 18)).date, d(2026, 10, 8));
        // 2027: weekends only, flagged.
        let r = date(&w(5), d(2026, 12, 28));
        assert_eq!(r.date, d(2027, 1, 4));
        assert_eq!(r.weekends_only_years, vec![2027]);
        assert!(
            r.rule.ends_with("2027年放假安排尚未收录,按双休日计算"),
            "{}",
            r.rule
        );
        assert!(r.calendar_note().is_some());
        let r = date(&w(3), d(2027, 9, 29));
        assert_eq!(r.date, d(2027, 10, 4));
    }

    #[test]
    fn rule2_calendar_days() {
        let c = |q, unit: &str| limit(LimitKind::CalendarDaysWithin, q, unit, "发布", false);
        let r = date(&c(15, "日"), d(2026, 1, 30));
        assert_eq!(r.date, d(2026, 2, 14));
        assert!(!r.moved);
        assert!(
            r.rule.contains("该日周六调休上班,是工作日,不顺延"),
            "{}",
            r.rule
        );
        let r = date(&c(15, "日"), d(2025, 9, 16));
        assert_eq!((r.nominal, r.date), (d(2025, 10, 1), d(2025, 10, 9)));
        assert!(
            r.rule.contains("是国庆假日,顺延至下一个工作日10月9日"),
            "{}",
            r.rule
        );
        let r = date(&c(10, "天"), d(2025, 1, 20));
        assert_eq!(r.date, d(2025, 2, 5));
        assert!(r.rule.contains("是春节假日"), "{}", r.rule);
        // A plain weekend moves to Monday.
        let r = date(&c(3, "天"), d(2026, 3, 4));
        assert_eq!((r.nominal, r.date), (d(2026, 3, 7), d(2026, 3, 9)));
        // 元旦 2026 (1月1日—3日) then the make-up Sunday.
        assert_eq!(date(&c(2, "天"), d(2025, 12, 30)).date, d(2026, 1, 4));
        // 劳动节 2026.
        assert_eq!(date(&c(5, "日"), d(2026, 4, 28)).date, d(2026, 5, 6));
        // 2 weeks.
        assert_eq!(date(&c(2, "周"), d(2026, 3, 2)).date, d(2026, 3, 16));
        // 2027 weekends only: 2027-10-01 is a Friday, computed as a working day.
        let r = date(&c(10, "日"), d(2027, 9, 21));
        assert_eq!(r.date, d(2027, 10, 1));
        assert_eq!(r.weekends_only_years, vec![2027]);
    }

    #[test]
    fn rule4_start_day_counts() {
        let l = limit(LimitKind::CalendarDaysWithin, 7, "天", "部署", true);
        let r = date(&l, d(2025, 12, 26));
        assert_eq!((r.nominal, r.date), (d(2026, 1, 1), d(2026, 1, 4)));
        assert!(
            r.rule.contains("12月26日为第1天,第7天为1月1日"),
            "{}",
            r.rule
        );
        assert!(r.rule.contains("1月4日(周日调休上班)"), "{}", r.rule);
        let r = date(&l, d(2026, 3, 2));
        assert_eq!(r.date, d(2026, 3, 9)); // 3月8日 Sunday → Monday
        let r = date(&l, d(2026, 3, 3));
        assert_eq!(r.date, d(2026, 3, 9));
        let r = date(&l, d(2026, 3, 4));
        assert_eq!(r.date, d(2026, 3, 10));
    }

    #[test]
    fn rule3_terms() {
        let t = |q, unit: &str| limit(LimitKind::Term, q, unit, "聘任", false);
        let r = date(&t(2, "年"), d(2024, 2, 29));
        assert_eq!(r.date, d(2026, 2, 28));
        assert!(
            r.rule.contains("2026年2月没有29日,取该月最后一日2月28日"),
            "{}",
            r.rule
        );
        assert_eq!(date(&t(2, "年"), d(2024, 3, 1)).date, d(2026, 3, 1));
        assert_eq!(date(&t(1, "个月"), d(2026, 1, 31)).date, d(2026, 2, 28));
        assert_eq!(date(&t(1, "个月"), d(2028, 1, 31)).date, d(2028, 2, 29));
        assert_eq!(date(&t(1, "个月"), d(2026, 3, 31)).date, d(2026, 4, 30));
        assert_eq!(date(&t(6, "个月"), d(2026, 8, 31)).date, d(2027, 2, 28));
        assert_eq!(date(&t(4, "年"), d(2024, 2, 29)).date, d(2028, 2, 29));
        let r = date(&t(1, "年"), d(2026, 6, 1));
        assert_eq!(r.weekends_only_years, vec![2027]);
    }

    #[test]
    fn rule5_days_in_advance() {
        let a = |q, event: &str| limit(LimitKind::DaysInAdvance, q, "天", event, false);
        let r = date(&a(2, "出行"), d(2025, 10, 13));
        assert_eq!(r.date, d(2025, 10, 11));
        assert!(r.rule.contains("该日周六调休上班,是工作日"), "{}", r.rule);
        let r = date(&a(2, "出行"), d(2026, 10, 8));
        assert_eq!((r.nominal, r.date), (d(2026, 10, 6), d(2026, 9, 30)));
        assert!(
            r.rule
                .contains("是国庆假日,实际最晚为此前最后一个工作日9月30日"),
            "{}",
            r.rule
        );
        let r = date(&a(2, "会议召开"), d(2026, 2, 24));
        assert_eq!(r.date, d(2026, 2, 14));
        assert!(r.rule.contains("2月14日(周六调休上班)"), "{}", r.rule);
        // A plain weekend: the Friday before.
        assert_eq!(date(&a(2, "出行"), d(2026, 3, 9)).date, d(2026, 3, 6));
        // 元旦 2025 and 劳动节 2025.
        assert_eq!(date(&a(1, "出行"), d(2025, 1, 2)).date, d(2024, 12, 31));
        assert_eq!(date(&a(2, "出行"), d(2025, 5, 6)).date, d(2025, 4, 30));
        // 2027.
        let r = date(&a(2, "出行"), d(2027, 1, 4));
        assert_eq!(r.date, d(2027, 1, 1));
        assert_eq!(r.weekends_only_years, vec![2027]);
        // In working days.
        let l = limit(LimitKind::DaysInAdvance, 3, "工作日", "会议召开", false);
        assert_eq!(date(&l, d(2026, 2, 25)).date, d(2026, 2, 13));
    }

    #[test]
    fn not_deadlines() {
        let cal = test_calendar();
        for kind in [
            LimitKind::Frequency,
            LimitKind::Threshold,
            LimitKind::Quorum,
            LimitKind::Count,
        ] {
            let l = limit(kind, 2, "次", "", false);
            assert_eq!(compute(&l, d(2026, 1, 1), &cal).unwrap(), None);
        }
        let l = limit(LimitKind::WorkingDaysWithin, 0, "工作日", "收到", false);
        assert!(compute(&l, d(2026, 1, 1), &cal).is_err());
        let l = limit(LimitKind::CalendarDaysWithin, 3, "小时", "收到", false);
        assert!(compute(&l, d(2026, 1, 1), &cal).is_err());
    }

    // ---------------------------------------------------------- the dev set

    /// The governing article's sentence for each deadline case of tests/data/dev.jsonl.
    const ARTICLES: &[(&str, &str)] = &[
        (
            "dev-001",
            "对市政府批办或市政府办公室转办的公文,属职权范围内的事项,各部门应在6个工作日内办结;需要报市政府审批的事项,应提出本部门书面意见,在6个工作日内回复;需要主办部门会同相关部门办理的事项,主办部门要抓紧会商,在9个工作日内提出办理意见;需要调查论证的事项,不得超过20个工作日。",
        ),
        (
            "dev-003",
            "会议纪要由政府分管领导签发,涉及其他政府领导分管工作的,会议纪要签发前须经相关领导审阅同意。会议纪要原则上在会议结束后2个工作日内印发。",
        ),
        (
            "dev-012",
            "部门的行政规范性文件要按规定自发布之日起 15日内向市政府备案。",
        ),
        (
            "dev-016",
            "部门之间征求意见或会签文件时,除主办部门另有时限要求外,一般应在7个工作日内回复;特殊情况不能按期回复的,应主动与主办部门沟通并商定回复时限与方式,逾期不回复视为无不同意见。",
        ),
        (
            "dev-021",
            "区政府各部门主要负责人离朝外出,需事先征得区政府分管领导同意,一般应提前2天(不含出行当日)向区政府办公室报备,由区政府办公室向区长报告,经批准后方可离开。",
        ),
        (
            "dev-023",
            "对市政府批办或市政府办公室转办的公文,属职权范围内的事项,各部门应在6个工作日内办结;需要报市政府审批的事项,应提出本部门书面意见,在6个工作日内回复;需要主办部门会同相关部门办理的事项,主办部门要抓紧会商,在9个工作日内提出办理意见;需要调查论证的事项,不得超过20个工作日。",
        ),
        (
            "dev-029",
            "由议题呈报单位主要领导向常务会议汇报,汇报材料须经区政府办公室审核后,由区政府分管领导审定。原则上应在会议召开2天前,履行完审核程序。",
        ),
        (
            "dev-036",
            "区政府各部门主要负责人离朝外出,需事先征得区政府分管领导同意,一般应提前2天(不含出行当日)向区政府办公室报备,由区政府办公室向区长报告,经批准后方可离开。",
        ),
        (
            "dev-038",
            "对市政府批办或市政府办公室转办的公文,属职权范围内的事项,各部门应在6个工作日内办结;需要报市政府审批的事项,应提出本部门书面意见,在6个工作日内回复;需要主办部门会同相关部门办理的事项,主办部门要抓紧会商,在9个工作日内提出办理意见;需要调查论证的事项,不得超过20个工作日。",
        ),
        (
            "dev-046",
            "部门之间征求意见或会签文件时,除主办部门另有时限要求外,一般应在7个工作日内回复;特殊情况不能按期回复的,应主动与主办部门沟通并商定回复时限及方式,逾期不回复视为无不同意见。",
        ),
        (
            "dev-052",
            "部门的行政规范性文件要按规定自发布之日起 15日内向市政府备案。",
        ),
        (
            "dev-053",
            "严格执行“710”工作制度,一般事项应在7天之内办结,复杂事项1个月内有结果,年初确定的所有事项在年底清零销号,事项落实起始时间从部署当日算起。",
        ),
        (
            "dev-060",
            "市政府全体会议和市政府常务会议讨论通过决定印发的文件,原则上须在会议结束后7个工作日内印发。",
        ),
        (
            "dev-069",
            "市政府建立法律顾问制度,政府法律顾问应当从法学专家、高层次法律人才中聘任,一般聘2-3人,聘期为两年。",
        ),
        (
            "dev-076",
            "各部门对市政府召开的会议贯彻落实情况,要在十天内及时以书面形式向市政府办公室报告。",
        ),
    ];

    /// Picks the limit a case is about: the one whose clause holds the
    /// accepted phrase (or the phrase holds its span), a deadline kind.
    fn pick<'a>(limits: &'a [TimeLimit], phrase: &str) -> &'a TimeLimit {
        limits
            .iter()
            .filter(|l| {
                !matches!(
                    l.kind,
                    LimitKind::Frequency
                        | LimitKind::Threshold
                        | LimitKind::Quorum
                        | LimitKind::Count
                )
            })
            .find(|l| l.context.contains(phrase) || phrase.contains(l.span.as_str()))
            .unwrap_or_else(|| panic!("no limit for {phrase}: {limits:?}"))
    }

    #[test]
    fn every_deadline_case_of_the_dev_set() {
        let cal = test_calendar();
        let path = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
            .join("tests/data/dev.jsonl");
        let text = std::fs::read_to_string(path).unwrap();
        let mut n = 0;
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let case: serde_json::Value = serde_json::from_str(line).unwrap();
            if case["deadline"].is_null() {
                continue;
            }
            let id = case["id"].as_str().unwrap();
            let question = case["question"].as_str().unwrap();
            let now: DateTime<FixedOffset> =
                DateTime::parse_from_rfc3339(case["now"].as_str().unwrap()).unwrap();
            let expected: NaiveDate = case["deadline"]["date"].as_str().unwrap().parse().unwrap();
            let phrase = case["expect"]["accept"][0]["phrase"].as_str().unwrap();
            let article = ARTICLES
                .iter()
                .find(|(i, _)| *i == id)
                .unwrap_or_else(|| panic!("{id}: article text missing in the test"))
                .1;
            let limits = extract(article);
            let limit = pick(&limits, phrase);
            let mention = when::parse_date(question, now, &cal)
                .unwrap()
                .unwrap_or_else(|| panic!("{id}: no date in {question}"));
            if let (Some(le), Some(qe)) = (limit.event, mention.event) {
                assert!(
                    crate::rules::limits::event_matches(le, qe),
                    "{id}: limit event {le}, question event {qe}"
                );
            }
            let got = compute(limit, mention.date, &cal).unwrap().unwrap();
            println!(
                "{id}: {}\n   expected: {}",
                got.rule, case["deadline"]["rule"]
            );
            assert_eq!(got.date, expected, "{id}: {}", got.rule);
            assert!(got.weekends_only_years.is_empty());
            n += 1;
        }
        assert_eq!(n, ARTICLES.len());
    }

    // ---------------------------------------------------------- properties

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        (0i64..(365 * 22)).prop_map(|k| d(2007, 1, 1) + chrono::Duration::days(k))
    }

    proptest! {
        #[test]
        fn nth_working_day_is_a_working_day(day in any_date(), n in 1u32..60) {
            let cal = test_calendar();
            let r = cal.nth_working_day_after(day, n).unwrap();
            prop_assert!(cal.is_working_day(r));
            prop_assert!(r > day);
        }

        #[test]
        fn nth_working_day_is_monotonic(day in any_date(), n in 1u32..60, k in 0i64..30) {
            let cal = test_calendar();
            let a = cal.nth_working_day_after(day, n).unwrap();
            let b = cal.nth_working_day_after(day, n + 1).unwrap();
            prop_assert!(a < b);
            let later = day + chrono::Duration::days(k);
            let c = cal.nth_working_day_after(later, n).unwrap();
            prop_assert!(a <= c);
        }

        #[test]
        fn rule1_matches_calendar(day in any_date(), n in 1u32..40) {
            let cal = test_calendar();
            let l = limit(LimitKind::WorkingDaysWithin, n, "工作日", "收到", false);
            let r = compute(&l, day, &cal).unwrap().unwrap();
            prop_assert_eq!(r.date, cal.nth_working_day_after(day, n).unwrap());
            // Exactly n working days in (day, date].
            let mut count = 0;
            let mut x = day.succ_opt().unwrap();
            while x <= r.date {
                if cal.is_working_day(x) { count += 1; }
                x = x.succ_opt().unwrap();
            }
            prop_assert_eq!(count, n);
        }

        #[test]
        fn in_advance_is_at_most_e_minus_n(day in any_date(), n in 1u32..30) {
            let cal = test_calendar();
            let l = limit(LimitKind::DaysInAdvance, n, "天", "出行", false);
            let r = compute(&l, day, &cal).unwrap().unwrap();
            prop_assert!(r.date <= day - chrono::Duration::days(n as i64));
            prop_assert!(cal.is_working_day(r.date));
            // Nothing between it and E − N is a working day.
            let mut x = r.date.succ_opt().unwrap();
            while x <= r.nominal {
                prop_assert!(!cal.is_working_day(x));
                x = x.succ_opt().unwrap();
            }
        }

        #[test]
        fn calendar_days_is_at_least_d_plus_n(day in any_date(), n in 1u32..60, counts in any::<bool>()) {
            let cal = test_calendar();
            let l = limit(LimitKind::CalendarDaysWithin, n, "日", "发布", counts);
            let r = compute(&l, day, &cal).unwrap().unwrap();
            let base = day + chrono::Duration::days(n as i64 - i64::from(counts));
            prop_assert_eq!(r.nominal, base);
            prop_assert!(r.date >= base);
            prop_assert!(cal.is_working_day(r.date));
            if !counts {
                prop_assert!(r.date >= day + chrono::Duration::days(n as i64));
            }
        }

        #[test]
        fn term_keeps_the_day_or_takes_the_last(day in any_date(), months in 1u32..60) {
            let cal = test_calendar();
            let l = limit(LimitKind::Term, months, "个月", "聘任", false);
            let r = compute(&l, day, &cal).unwrap().unwrap();
            let m0 = day.year() * 12 + day.month0() as i32;
            let m1 = r.date.year() * 12 + r.date.month0() as i32;
            prop_assert_eq!(m1 - m0, months as i32);
            prop_assert!(r.date.day() == day.day() || r.date.succ_opt().unwrap().day() == 1);
        }

        #[test]
        fn rule_is_one_line(day in any_date(), n in 1u32..30, kind in 0usize..4) {
            let cal = test_calendar();
            let (k, unit) = [
                (LimitKind::WorkingDaysWithin, "工作日"),
                (LimitKind::CalendarDaysWithin, "天"),
                (LimitKind::DaysInAdvance, "天"),
                (LimitKind::Term, "年"),
            ][kind];
            let r = compute(&limit(k, n, unit, "收到", false), day, &cal).unwrap().unwrap();
            prop_assert!(!r.rule.contains('\n'));
        }
    }
}
