//! Time limits, frequencies, thresholds and quorums found in an article's text.
//!
//! [`extract`] reads every limit in an article's text into a [`TimeLimit`]:
//!
//! | kind | examples |
//! |------|----------|
//! | `WorkingDaysWithin` | 6个工作日内办结, 不得超过20个工作日, 会议结束后2个工作日内印发 |
//! | `CalendarDaysWithin` | 十天内…报告, 自发布之日起15日内备案, 7天之内办结, 两周内 (unit 周) |
//! | `DaysInAdvance` | 提前2天(不含出行当日), 会议召开2天前, 提前3个工作日 |
//! | `Term` | 聘期为两年, 1个月内有结果, 五年有效期, 半年 (quantity 6, unit 个月) |
//! | `Frequency` | 每月召开二次, 一般每半年召开一次, 一年不超过一次, 每两周召开一次, 月度评价考核 (once a month), 定期召开, 根据需要召开 (no number: quantity 0) |
//! | `Threshold` | 外出1天以上 |
//! | `Quorum` | 半数以上出席 (quantity = per cent: 半数 50, 三分之二 67) |
//! | `Count` | 一般聘2-3人, 原则上不超过5人, 控制在1000字以内 |
//! | `HoursWithin` | 2小时内报告, 24个小时之内 (unit 小时; stated, never dated) |
//! | `Extension` | 延长的期限最长不得超过20个工作日 (a working-day or day limit whose clause extends another; stated, never dated) |
//! | `YearlyDate` | 每年1月31日前, 每年3月31日之前 (quantity the month, quantity_max the day) |
//! | `Duration` | 年休假5天, 休假15天 (a number of days granted or spent; stated, never dated) |
//!
//! `span` is the exact substring (it includes a leading 不得超过 / 提前 / 会议召开
//! and a trailing 内 / (不含出行当日) where present), `offset` its byte offset,
//! `context` the clause around it (between 。;;!?and line breaks).
//!
//! # Event vocabulary
//!
//! `event` names what the limit counts from (or before), as one of these
//! short canonical words, read from the sentence around the span:
//!
//! - `收到`: a document is received (批办, 转办, 转来, 交办, 收文, 会签, 征求意见 …);
//! - `会议结束`: the end of a meeting (会议结束后 …);
//! - `会议召开`: the day a meeting is held, for limits before it (会议召开2天前);
//! - `会议`: a meeting's day where the text does not say start or end
//!   (对市政府召开的会议贯彻落实情况…十天内);
//! - `发布`: publication (自发布之日起, 印发之日);
//! - `部署`: the day a task is assigned (从部署当日算起);
//! - `出行`: the day of departure (离朝外出…提前2天(不含出行当日));
//! - `聘任`: appointment (聘期为两年);
//! - `外出`: absence, for thresholds (外出、休假1天以上).
//!
//! [`event_matches`] tells whether an event named in a question (see
//! `when.rs`: 收到, 会议, 出行, 发布, 部署, 聘任) fits a limit's event.
//!
//! `start_counts` is true where the sentence says the start day counts
//! (从部署当日算起, 当天起算); DEADLINES.md rule 4.

use std::sync::LazyLock;

use regex::Regex;

use crate::rules::model::{Event, LimitKind, TimeLimit};
use crate::text::parse_chinese_numeral;

/// One pattern: its regex and what a match means.
struct Pattern {
    re: Regex,
    build: fn(&regex::Captures, &str) -> Option<Partial>,
}

/// What a pattern reads from a match; the rest is filled from the sentence.
struct Partial {
    kind: LimitKind,
    quantity: u32,
    quantity_max: Option<u32>,
    unit: String,
    per: Option<String>,
    /// The span within the match (byte range relative to the text).
    start: usize,
    end: usize,
}

fn num(s: &str) -> Option<u32> {
    parse_chinese_numeral(s.trim())
}

fn re(s: &str) -> Regex {
    Regex::new(&s.replace("NUM", crate::numerals::NUM_PATTERN)).expect("limit pattern")
}

fn whole(c: &regex::Captures) -> (usize, usize) {
    let m = c.get(0).expect("match");
    (m.start(), m.end())
}

/// Is the byte just before `at` the character `月` (a date such as 3月5日, not a period)?
fn after_month(text: &str, at: usize) -> bool {
    text[..at].ends_with('月')
}

/// Normalises a unit as written (个工作日 → 工作日, 个星期 → 周).
fn unit_of(s: &str) -> String {
    match s {
        "个工作日" | "工作日" => "工作日".into(),
        "个星期" | "星期" | "周" => "周".into(),
        "个月" | "月" => "个月".into(),
        other => other.into(),
    }
}

static PATTERNS: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
    vec![
        // A date in every year: 每年1月31日前 (每年三月底前, with no day, is not read).
        Pattern {
            re: re(r"每年\s*(NUM)\s*月\s*(NUM)\s*[日号]\s*(?:之前|以前|前)"),
            build: |c, _| {
                let (start, end) = whole(c);
                let month = num(&c[1])?;
                let day = num(&c[2])?;
                // A day that no year has (2月30日) is no date.
                chrono::NaiveDate::from_ymd_opt(2024, month, day)?;
                Some(Partial {
                    kind: LimitKind::YearlyDate,
                    quantity: month,
                    quantity_max: Some(day),
                    unit: "日".into(),
                    per: Some("年".into()),
                    start,
                    end,
                })
            },
        },
        // Frequencies first: 每月召开二次, 每半年召开一次, 每两周召开一次, 每月不少于一次.
        Pattern {
            re: re(
                r"每\s*(半年|半个?月|[一二两三四五六七八九十\d]*\s*个?\s*(?:月|年|周|季度|季|旬|星期|天|日))[^。;;,,\n]{0,10}?(NUM)\s*次",
            ),
            build: |c, _| {
                let (start, end) = whole(c);
                let per = c[1].replace(char::is_whitespace, "").replace('个', "");
                let per = match per.as_str() {
                    "日" => "天".to_string(),
                    "星期" => "周".to_string(),
                    "季" => "季度".to_string(),
                    _ => per,
                };
                Some(Partial {
                    kind: LimitKind::Frequency,
                    quantity: num(&c[2])?,
                    quantity_max: None,
                    unit: "次".into(),
                    per: Some(per),
                    start,
                    end,
                })
            },
        },
        // 一年不超过一次, 一个月至少一次.
        Pattern {
            re: re(
                r"一\s*个?\s*(年|月|周|季度)\s*(?:内|之内)?\s*(?:原则上)?\s*(?:不超过|不得超过|不少于|至少|最多|召开|开展)?\s*(NUM)\s*次",
            ),
            build: |c, _| {
                let (start, end) = whole(c);
                Some(Partial {
                    kind: LimitKind::Frequency,
                    quantity: num(&c[2])?,
                    quantity_max: None,
                    unit: "次".into(),
                    per: Some(c[1].to_string()),
                    start,
                    end,
                })
            },
        },
        // 月度评价考核, 季度讲评, 实行月度调度: once a month, a quarter, a year.
        Pattern {
            re: re(r"(月度|季度|年度)\s*(?:评价|考核|调度|讲评|督查|通报|分析|例会|会商|点评)"),
            build: |c, _| {
                let (start, end) = whole(c);
                Some(Partial {
                    kind: LimitKind::Frequency,
                    quantity: 1,
                    quantity_max: None,
                    unit: "次".into(),
                    per: Some(c[1].trim_end_matches('度').replace("季", "季度")),
                    start,
                    end,
                })
            },
        },
        // 每年要向市人民政府报告, 每季度通报: a report made every period is made
        // once in it (每年1月31日前 is a date, read above).
        Pattern {
            re: re(
                r"每\s*(年|半年|季度|季|月|周)\s*(?:都|均|要|应|应当|须|需|需要|必须)?\s*(?:向[^,。;;,\n]{0,14}?)?(?:报告|报送|提交|通报|讲评|汇报)",
            ),
            build: |c, _| {
                let (start, end) = whole(c);
                let per = match &c[1] {
                    "季" => "季度".to_string(),
                    p => p.to_string(),
                };
                Some(Partial {
                    kind: LimitKind::Frequency,
                    quantity: 1,
                    quantity_max: None,
                    unit: "次".into(),
                    per: Some(per),
                    start,
                    end,
                })
            },
        },
        // 定期召开 / 不定期召开 / 定期向分管副市长汇报, and a meeting held as needed
        // (会议根据需要召开, 根据需要可临时召开): a frequency stated without a number
        // (quantity 0).
        Pattern {
            re: re(
                r"(?:不)?定期\s*(?:召开|举行|(?:向[^,，。;；]{1,12})?(?:汇报|报告))|(?:根据(?:工作)?需要|必要时)\s*(?:可以?)?\s*(?:临时|随时)?\s*召开",
            ),
            build: |c, _| {
                let (start, end) = whole(c);
                Some(Partial {
                    kind: LimitKind::Frequency,
                    quantity: 0,
                    quantity_max: None,
                    unit: "次".into(),
                    per: None,
                    start,
                    end,
                })
            },
        },
        // 提前2天(不含出行当日), 提前3个工作日.
        Pattern {
            re: re(r"提前\s*(NUM)\s*(个工作日|工作日|天|日)(?:\s*[((][^))]{0,20}[))])?"),
            build: |c, _| {
                let (start, end) = whole(c);
                Some(Partial {
                    kind: LimitKind::DaysInAdvance,
                    quantity: num(&c[1])?,
                    quantity_max: None,
                    unit: unit_of(&c[2]),
                    per: None,
                    start,
                    end,
                })
            },
        },
        // 会议召开2天前 (not 3月5日前, which is a date).
        Pattern {
            re: re(
                r"((?:会议召开|召开会议|开会|出行|出发|会议)?)\s*(NUM)\s*(个工作日|工作日|天|日)\s*(?:之前|以前|前)",
            ),
            build: |c, text| {
                let n = c.get(2).expect("group");
                if c[1].is_empty() && after_month(text, n.start()) {
                    return None;
                }
                let (start, end) = whole(c);
                Some(Partial {
                    kind: LimitKind::DaysInAdvance,
                    quantity: num(n.as_str())?,
                    quantity_max: None,
                    unit: unit_of(&c[3]),
                    per: None,
                    start,
                    end,
                })
            },
        },
        // 6个工作日内, 不得超过20个工作日, 9个工作日.
        Pattern {
            re: re(
                r"(?:不得超过|不超过|最长不超过|最多)?\s*(NUM)\s*个?\s*工作日\s*(?:之内|以内|内)?",
            ),
            build: |c, _| {
                let (mut start, end) = whole(c);
                let text = c.get(0).expect("match").as_str();
                start += text.len() - text.trim_start().len();
                Some(Partial {
                    kind: LimitKind::WorkingDaysWithin,
                    quantity: num(&c[1])?,
                    quantity_max: None,
                    unit: "工作日".into(),
                    per: None,
                    start,
                    end,
                })
            },
        },
        // 外出1天以上.
        Pattern {
            re: re(r"(NUM)\s*(个工作日|天|日|个月|小时|周)\s*(?:及以上|以上)"),
            build: |c, text| {
                let n = c.get(1).expect("group");
                if after_month(text, n.start()) {
                    return None;
                }
                let (start, end) = whole(c);
                Some(Partial {
                    kind: LimitKind::Threshold,
                    quantity: num(n.as_str())?,
                    quantity_max: None,
                    unit: unit_of(&c[2]),
                    per: None,
                    start,
                    end,
                })
            },
        },
        // 2小时内, 24个小时之内.
        Pattern {
            re: re(r"(?:不得超过|不超过)?\s*(NUM)\s*个?\s*小时\s*(?:之内|以内|内)"),
            build: |c, _| {
                let (mut start, end) = whole(c);
                let m = c.get(0).expect("match").as_str();
                start += m.len() - m.trim_start().len();
                Some(Partial {
                    kind: LimitKind::HoursWithin,
                    quantity: num(&c[1])?,
                    quantity_max: None,
                    unit: "小时".into(),
                    per: None,
                    start,
                    end,
                })
            },
        },
        // 十天内, 15日内, 7天之内, 两周内.
        Pattern {
            re: re(r"(?:不得超过|不超过)?\s*(NUM)\s*(天|日|周|个星期)\s*(?:之内|以内|内)"),
            build: |c, text| {
                let n = c.get(1).expect("group");
                if after_month(text, n.start()) {
                    return None;
                }
                let (mut start, end) = whole(c);
                let m = c.get(0).expect("match").as_str();
                start += m.len() - m.trim_start().len();
                Some(Partial {
                    kind: LimitKind::CalendarDaysWithin,
                    quantity: num(n.as_str())?,
                    quantity_max: None,
                    unit: unit_of(&c[2]),
                    per: None,
                    start,
                    end,
                })
            },
        },
        // 1个月内, 三个月.
        Pattern {
            re: re(r"(NUM|半)\s*个\s*月\s*(?:之内|以内|内)?"),
            build: |c, _| {
                let (start, end) = whole(c);
                let q = if &c[1] == "半" { 0 } else { num(&c[1])? };
                if q == 0 || q > 120 {
                    return None;
                }
                Some(Partial {
                    kind: LimitKind::Term,
                    quantity: q,
                    quantity_max: None,
                    unit: "个月".into(),
                    per: None,
                    start,
                    end,
                })
            },
        },
        // 聘期为两年, 五年有效期, 半年内, 任期三年.
        Pattern {
            re: re(
                r"((?:聘期|任期|期限|有效期|试用期)\s*(?:为|是)?\s*|为期\s*)?(NUM|半)\s*年\s*(有效期|期满|之内|以内|内)?",
            ),
            build: |c, text| {
                if c.get(1).is_none() && c.get(3).is_none() {
                    return None;
                }
                let n = c.get(2).expect("group");
                // Not 2021年 or 年初 etc.: a small number, not inside a longer one.
                if text[..n.start()].ends_with(|ch: char| ch.is_ascii_digit()) {
                    return None;
                }
                let (start, end) = whole(c);
                if n.as_str() == "半" {
                    return Some(Partial {
                        kind: LimitKind::Term,
                        quantity: 6,
                        quantity_max: None,
                        unit: "个月".into(),
                        per: None,
                        start,
                        end,
                    });
                }
                let q = num(n.as_str())?;
                if q == 0 || q > 100 {
                    return None;
                }
                Some(Partial {
                    kind: LimitKind::Term,
                    quantity: q,
                    quantity_max: None,
                    unit: "年".into(),
                    per: None,
                    start,
                    end,
                })
            },
        },
        // 半数以上, 三分之二以上, 过半数.
        Pattern {
            re: re(r"(过半数|半数|(NUM)\s*分之\s*(NUM))\s*(?:及以上|以上)?"),
            build: |c, _| {
                let (start, end) = whole(c);
                let all = c.get(0).expect("match").as_str();
                let pct = if c.get(2).is_some() {
                    let den = num(&c[2])?;
                    let nom = num(&c[3])?;
                    if den == 0 || nom > den {
                        return None;
                    }
                    (nom * 100).div_ceil(den)
                } else {
                    50
                };
                if !(all.contains("以上") || all.starts_with('过')) {
                    return None;
                }
                Some(Partial {
                    kind: LimitKind::Quorum,
                    quantity: pct,
                    quantity_max: None,
                    unit: "%".into(),
                    per: None,
                    start,
                    end,
                })
            },
        },
        // 一般聘2-3人.
        Pattern {
            re: re(r"(NUM)\s*[-—–~~至到]\s*(NUM)\s*(人|名|家|项)"),
            build: |c, _| {
                let (start, end) = whole(c);
                Some(Partial {
                    kind: LimitKind::Count,
                    quantity: num(&c[1])?,
                    quantity_max: Some(num(&c[2])?),
                    unit: c[3].to_string(),
                    per: None,
                    start,
                    end,
                })
            },
        },
        // 一般应由一位政府领导参加, 安排一名副市长陪同: how many leaders take part.
        Pattern {
            re: re(
                r"(?:由|安排|派|请)\s*(NUM)\s*(位|名)\s*[^,。;;,]{0,8}?(?:领导|负责人|同志|市长|区长|县长)",
            ),
            build: |c, _| {
                let (start, end) = whole(c);
                Some(Partial {
                    kind: LimitKind::Count,
                    quantity: num(&c[1])?,
                    quantity_max: None,
                    unit: c[2].to_string(),
                    per: None,
                    start,
                    end,
                })
            },
        },
        // 原则上不超过5人, 控制在1000字以内, 3人以上.
        Pattern {
            re: re(
                r"(?:不超过|不得超过|不多于|不少于|至少|最多|控制在)?\s*(NUM)\s*(人|名|字|页)\s*(以内|以下|以上|之内)?",
            ),
            build: |c, _| {
                let m = c.get(0).expect("match").as_str();
                let bounded = m.trim_start().starts_with(|ch: char| !ch.is_ascii_digit())
                    && !m
                        .trim_start()
                        .starts_with(|ch: char| "零〇一二两三四五六七八九十百".contains(ch));
                if !bounded && c.get(3).is_none() {
                    return None;
                }
                let (mut start, end) = whole(c);
                start += m.len() - m.trim_start().len();
                Some(Partial {
                    kind: LimitKind::Count,
                    quantity: num(&c[1])?,
                    quantity_max: None,
                    unit: c[2].to_string(),
                    per: None,
                    start,
                    end,
                })
            },
        },
        // Last, what no pattern above took: a number of days granted or spent
        // (年休假5天, 休假15天, 产假98天), not counted from an event.
        Pattern {
            re: re(r"(NUM)\s*(天|日)"),
            build: |c, text| {
                let n = c.get(1).expect("group");
                let (start, end) = whole(c);
                let after = &text[end..];
                let before = &text[..n.start()];
                // 3月5日 is a date; 5天内 / 5天前 / 5天后 / 5日起 are taken above or
                // are no amount.
                if after_month(text, n.start())
                    || before.ends_with(['月', '年', '第', '每', '前', '近'])
                    || [
                        "内", "之内", "以内", "前", "之前", "以前", "后", "之后", "以后", "起",
                        "以上", "以下", "左右",
                    ]
                    .iter()
                    .any(|w| after.trim_start().starts_with(w))
                {
                    return None;
                }
                // More days than a year holds is a date's digits (2008年5月8日 with
                // characters lost), not a number of days.
                let days = num(n.as_str()).filter(|d| (1..=366).contains(d))?;
                Some(Partial {
                    kind: LimitKind::Duration,
                    quantity: days,
                    quantity_max: None,
                    unit: "天".into(),
                    per: None,
                    start,
                    end,
                })
            },
        },
    ]
});

/// Byte range of the piece of `text` around `at`, bounded by any of `stops`.
fn piece(text: &str, start: usize, end: usize, stops: &[char]) -> (usize, usize) {
    let from = text[..start]
        .char_indices()
        .rev()
        .find(|(_, c)| stops.contains(c))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let to = text[end..]
        .char_indices()
        .find(|(_, c)| stops.contains(c))
        .map(|(i, _)| end + i)
        .unwrap_or(text.len());
    (from, to)
}

const SENTENCE_STOPS: &[char] = &['。', '!', '?', '!', '?', '\n'];
const CLAUSE_STOPS: &[char] = &['。', '!', '?', '!', '?', '\n', ';', ';'];

fn any(s: &str, words: &[&str]) -> bool {
    words.iter().any(|w| s.contains(w))
}

/// The event a limit counts from, from the sentence around it.
fn detect_event(kind: LimitKind, span: &str, clause: &str, sentence: &str) -> Option<Event> {
    let e = Some;
    match kind {
        LimitKind::Frequency | LimitKind::Quorum | LimitKind::Count => return None,
        LimitKind::Threshold => {
            return if any(sentence, &["外出", "出差", "休假", "请假", "离"]) {
                e(Event::Away)
            } else {
                None
            };
        }
        LimitKind::DaysInAdvance => {
            if any(span, &["会议", "开会"]) {
                return e(Event::MeetingHeld);
            }
            if any(span, &["出行", "出发"]) || any(clause, &["出行", "出发", "外出", "出差", "离"])
            {
                return e(Event::Travel);
            }
            if any(clause, &["会议召开", "召开会议", "开会", "会议"]) {
                return e(Event::MeetingHeld);
            }
            if any(sentence, &["出行", "出发", "外出", "出差"]) {
                return e(Event::Travel);
            }
            if any(sentence, &["会议"]) {
                return e(Event::MeetingHeld);
            }
            return None;
        }
        _ => {}
    }
    for scope in [clause, sentence] {
        if any(scope, &["会议结束", "会后", "散会"]) {
            return e(Event::MeetingEnds);
        }
        if scope.contains("部署") {
            return e(Event::Deployed);
        }
        if any(
            scope,
            &[
                "发布之日",
                "发布后",
                "公布之日",
                "印发之日",
                "发文之日",
                "施行之日",
                "自发布",
                "发布",
            ],
        ) && !any(scope, &["收到", "批办", "转办", "会签"])
        {
            return e(Event::Published);
        }
        if kind == LimitKind::Term && any(scope, &["聘期", "聘任", "聘用", "受聘"]) {
            return e(Event::Appointed);
        }
        if any(
            scope,
            &[
                "收到",
                "收文",
                "批办",
                "转办",
                "交办",
                "转来",
                "来文",
                "会签",
                "征求意见",
                "批示",
            ],
        ) {
            return e(Event::Received);
        }
        if any(scope, &["会议", "会上"]) {
            return e(Event::Meeting);
        }
    }
    None
}

/// Does the sentence say the start day counts (从部署当日算起)?
fn start_day_counts(sentence: &str) -> bool {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:当日|当天|之日)\s*(?:算起|起算|计起|计入)|(?:^|[^不])含当日").expect("re")
    });
    RE.is_match(sentence) && !sentence.contains("不含当日")
}

/// Every time limit, frequency, threshold, quorum and count in `text`, in text order.
pub fn extract(text: &str) -> Vec<TimeLimit> {
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut found: Vec<Partial> = Vec::new();
    for pattern in PATTERNS.iter() {
        for caps in pattern.re.captures_iter(text) {
            let Some(p) = (pattern.build)(&caps, text) else {
                continue;
            };
            if p.start >= p.end || taken.iter().any(|&(s, e)| p.start < e && s < p.end) {
                continue;
            }
            taken.push((p.start, p.end));
            found.push(p);
        }
    }
    found.sort_by_key(|p| p.start);
    found
        .into_iter()
        .map(|p| {
            let span = &text[p.start..p.end];
            let (cs, ce) = piece(text, p.start, p.end, CLAUSE_STOPS);
            let (ss, se) = piece(text, p.start, p.end, SENTENCE_STOPS);
            let clause = text[cs..ce].trim();
            let sentence = &text[ss..se];
            // A limit on an extension (延长的期限最长不得超过20个工作日) is how far
            // another limit may run on, not a limit from the event.
            let before = &text[cs..p.start];
            let kind = match p.kind {
                LimitKind::WorkingDaysWithin | LimitKind::CalendarDaysWithin
                    if before.contains("延长") =>
                {
                    LimitKind::Extension
                }
                k => k,
            };
            let p = Partial { kind, ..p };
            let event = match p.kind {
                LimitKind::Extension | LimitKind::YearlyDate | LimitKind::Duration => None,
                k => detect_event(k, span, clause, sentence),
            };
            let start_counts = matches!(
                p.kind,
                LimitKind::CalendarDaysWithin | LimitKind::Term | LimitKind::WorkingDaysWithin
            ) && start_day_counts(sentence);
            TimeLimit {
                kind: p.kind,
                quantity: p.quantity,
                quantity_max: p.quantity_max,
                unit: p.unit,
                per: p.per,
                event,
                start_counts,
                span: span.to_string(),
                context: clause.to_string(),
                offset: p.start,
            }
        })
        .collect()
}

/// Does an event named in a question fit a limit's event? `会议` fits 会议结束,
/// 会议召开 and 会议; `出行` fits 外出 (see [`Event::fits`]).
pub fn event_matches(limit_event: Event, question_event: Event) -> bool {
    limit_event.fits(question_event)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Article texts as they stand in data/rules/*.txt.
    const KUNSHAN_52: &str = "市政府及各部门要切实提高公文办理的质量和效率,对市政府批办或市政府办公室转办的公文,属职权范围内的事项,各部门应在6个工作日内办结;需要报市政府审批的事项,应提出本部门书面意见,在6个工作日内回复;需要主办部门会同相关部门办理的事项,主办部门要抓紧会商,在9个工作日内提出办理意见;需要调查论证的事项,不得超过20个工作日。特急、紧急的公文,以市政府明确的办理时限为准。";
    const KUNSHAN_44: &str = "各部门对市政府召开的会议贯彻落实情况,要在十天内及时以书面形式向市政府办公室报告。市政府办公室对会议精神的执行情况要进行检查、催办和通报。";
    const KUNSHAN_55: &str = "严格执行请销假制度。市政府组成人员和各区镇、市各直属单位的行政主要负责人离昆(除苏州市内)外出访问、考察、出差以及因私外出、休假1天以上的,需事先向市政府提出书面请假,由市政府办公室报市政府领导批准后实施。";
    const KUNSHAN_37: &str = "市政府全体会议一般每半年召开一次。";
    const KUNSHAN_38: &str = "市政府常务会议一般每月不少于一次,根据需要可临时召开。";
    const KUNSHAN_22: &str = "规范性文件实行五年有效期制度,应定期开展清理和评估,及时修改或废止。";
    const SHUANGTA_46: &str = "会议纪要由政府分管领导签发,涉及其他政府领导分管工作的,会议纪要签发前须经相关领导审阅同意。会议纪要原则上在会议结束后2个工作日内印发。";
    const SHUANGTA_53: &str = "部门之间征求意见或会签文件时,除主办部门另有时限要求外,一般应在7个工作日内回复;特殊情况不能按期回复的,应主动与主办部门沟通并商定回复时限与方式,逾期不回复视为无不同意见。";
    const SHUANGTA_63: &str = "严格执行“710”工作制度,一般事项应在7天之内办结,复杂事项1个月内有结果,年初确定的所有事项在年底清零销号,事项落实起始时间从部署当日算起。";
    const SHUANGTA_71: &str = "区政府各部门主要负责人离朝外出,需事先征得区政府分管领导同意,一般应提前2天(不含出行当日)向区政府办公室报备,由区政府办公室向区长报告,经批准后方可离开。";
    const SHUANGTA_41: &str = "会议一般每半月召开1次。由议题呈报单位主要领导向常务会议汇报,汇报材料须经区政府办公室审核后,由区政府分管领导审定。原则上应在会议召开2天前,履行完审核程序。汇报要简明扼要,突出重点,汇报材料文字量一般应控制在1000字以内。";
    const SHUANGTA_42: &str = "区长例会由区长、副区长参加,区长或受区长委托的副区长召集和主持。区政府相关部门根据需要列席会议。区长例会每两周召开一次。";
    const TURPAN_22: &str = "市政府建立法律顾问制度,政府法律顾问应当从法学专家、高层次法律人才中聘任,一般聘2-3人,聘期为两年。";
    const TURPAN_44: &str = "市政府全体会议和市政府常务会议讨论通过决定印发的文件,原则上须在会议结束后7个工作日内印发。";
    const TURPAN_45: &str = "以部门名义召开全市性会议,主办部门应事先征得市政府分管领导同志同意,再正式向市政府报送请示。原则上一个部门召开全市性会议一年不超过一次。不得在高级宾馆和风景名胜区开会。";
    const YUEQING_25: &str = "部门的行政规范性文件要按规定自发布之日起 15日内向市政府备案。";
    const ZHUZHOU_44: &str = "市人民政府常务会议一般每月召开二次。根据需要,可邀请、安排有关方面领导同志、县市区人民政府主要负责人和有关部门、有关企业主要负责人列席会议。市人民政府常务会议有半数以上常务会议组成人员出席方为有效。";
    const ZHUZHOU_43: &str = "市人民政府全体会议一般每年召开二次。";

    fn one(text: &str, kind: LimitKind) -> Vec<TimeLimit> {
        extract(text)
            .into_iter()
            .filter(|l| l.kind == kind)
            .collect()
    }

    fn check_spans(text: &str) {
        for l in extract(text) {
            assert_eq!(&text[l.offset..l.offset + l.span.len()], l.span, "{l:?}");
            assert!(text.contains(&l.context));
            assert!(l.context.contains(&l.span));
        }
    }

    #[test]
    fn reporting_regularly_is_a_frequency_without_a_number() {
        for t in [
            "各部门要定期向分管副长汇报本部门工作",
            "定期召开",
            "定期报告工作进展",
            "会议根据需要召开,安排有关部门负责人出席。",
            "市政府根据需要可召开专题会议",
            "根据需要可临时召开。",
        ] {
            let ls = extract(t);
            assert!(
                ls.iter()
                    .any(|l| l.kind == LimitKind::Frequency && l.quantity == 0),
                "{t}: {ls:?}"
            );
        }
    }

    #[test]
    fn days_granted_are_durations() {
        // 《职工带薪年休假条例》第三条.
        let ls = extract(
            "职工累计工作已满1年不满10年的,年休假5天;已满10年不满20年的,年休假10天;已满20年的,年休假15天。",
        );
        let got: Vec<(LimitKind, u32)> = ls.iter().map(|l| (l.kind, l.quantity)).collect();
        assert_eq!(
            got,
            [
                (LimitKind::Duration, 5),
                (LimitKind::Duration, 10),
                (LimitKind::Duration, 15)
            ]
        );
        // Dates, limits and thresholds are not.
        for t in [
            "3月5日召开",
            "5天内报送",
            "会议召开2天前",
            "外出1天以上",
            "自2008年5月8日起施行",
            "200858日",
        ] {
            assert!(
                extract(t).iter().all(|l| l.kind != LimitKind::Duration),
                "{t}: {:?}",
                extract(t)
            );
        }
    }

    #[test]
    fn yearly_dates_and_extensions() {
        // 《政府信息公开条例》第四十九条、第三十三条.
        let ls = extract(
            "县级以上人民政府部门应当在每年1月31日前向本级政府信息公开工作主管部门提交本行政机关上一年度政府信息公开工作年度报告并向社会公布。",
        );
        assert_eq!(ls.len(), 1, "{ls:?}");
        assert_eq!(
            (ls[0].kind, ls[0].quantity, ls[0].quantity_max),
            (LimitKind::YearlyDate, 1, Some(31))
        );
        assert_eq!(ls[0].span, "每年1月31日前");
        let ls = extract(
            "行政机关不能当场答复的,应当自收到申请之日起20个工作日内予以答复;需要延长答复期限的,应当经政府信息公开工作机构负责人同意并告知申请人,延长的期限最长不得超过20个工作日。",
        );
        let kinds: Vec<LimitKind> = ls.iter().map(|l| l.kind).collect();
        assert_eq!(
            kinds,
            [LimitKind::WorkingDaysWithin, LimitKind::Extension],
            "{ls:?}"
        );
        assert_eq!(ls[1].event, None);
        // 不得超过20个工作日 on its own is still a limit (昆山 第五十二条).
        let ls = extract("需要调查论证的事项,不得超过20个工作日。");
        assert_eq!(ls[0].kind, LimitKind::WorkingDaysWithin);
        // No such day, no date.
        assert!(
            extract("每年2月30日前报送")
                .iter()
                .all(|l| l.kind != LimitKind::YearlyDate)
        );
    }

    #[test]
    fn working_days_kunshan() {
        let ls = extract(KUNSHAN_52);
        let spans: Vec<_> = ls.iter().map(|l| l.span.as_str()).collect();
        assert_eq!(
            spans,
            [
                "6个工作日内",
                "6个工作日内",
                "9个工作日内",
                "不得超过20个工作日"
            ]
        );
        for (l, q) in ls.iter().zip([6, 6, 9, 20]) {
            assert_eq!(l.kind, LimitKind::WorkingDaysWithin);
            assert_eq!(l.quantity, q);
            assert_eq!(l.unit, "工作日");
            assert_eq!(l.event.map(Event::name), Some("收到"), "{l:?}");
            assert!(!l.start_counts);
        }
        assert!(ls[0].context.contains("各部门应在6个工作日内办结"));
        assert!(ls[2].context.contains("会同相关部门办理"));
        assert!(ls[3].context.starts_with("需要调查论证的事项"));
        check_spans(KUNSHAN_52);
    }

    #[test]
    fn working_days_meetings_and_countersigning() {
        let l = &one(SHUANGTA_46, LimitKind::WorkingDaysWithin)[0];
        assert_eq!(
            (l.quantity, l.event.map(Event::name)),
            (2, Some("会议结束"))
        );
        assert_eq!(l.span, "2个工作日内");
        let l = &one(TURPAN_44, LimitKind::WorkingDaysWithin)[0];
        assert_eq!(
            (l.quantity, l.event.map(Event::name)),
            (7, Some("会议结束"))
        );
        let l = &one(SHUANGTA_53, LimitKind::WorkingDaysWithin)[0];
        assert_eq!((l.quantity, l.event.map(Event::name)), (7, Some("收到")));
        assert_eq!(extract(SHUANGTA_53).len(), 1);
        check_spans(SHUANGTA_46);
        check_spans(SHUANGTA_53);
    }

    #[test]
    fn calendar_days() {
        let l = &one(KUNSHAN_44, LimitKind::CalendarDaysWithin)[0];
        assert_eq!((l.quantity, l.unit.as_str()), (10, "天"));
        assert_eq!(l.span, "十天内");
        assert_eq!(l.event.map(Event::name), Some("会议"));
        assert!(!l.start_counts);
        let l = &one(YUEQING_25, LimitKind::CalendarDaysWithin)[0];
        assert_eq!((l.quantity, l.unit.as_str()), (15, "日"));
        assert_eq!(l.event.map(Event::name), Some("发布"));
        assert!(!l.start_counts);
        assert_eq!(l.span, "15日内");
        let ls = extract(SHUANGTA_63);
        assert_eq!(ls.len(), 2, "{ls:?}");
        assert_eq!(ls[0].kind, LimitKind::CalendarDaysWithin);
        assert_eq!((ls[0].quantity, ls[0].span.as_str()), (7, "7天之内"));
        assert_eq!(ls[0].event.map(Event::name), Some("部署"));
        assert!(ls[0].start_counts);
        assert_eq!(ls[1].kind, LimitKind::Term);
        assert_eq!((ls[1].quantity, ls[1].unit.as_str()), (1, "个月"));
        assert_eq!(ls[1].event.map(Event::name), Some("部署"));
        check_spans(SHUANGTA_63);
        check_spans(YUEQING_25);
    }

    #[test]
    fn days_in_advance() {
        let l = &one(SHUANGTA_71, LimitKind::DaysInAdvance)[0];
        assert_eq!(l.span, "提前2天(不含出行当日)");
        assert_eq!((l.quantity, l.unit.as_str()), (2, "天"));
        assert_eq!(l.event.map(Event::name), Some("出行"));
        let ls = extract(SHUANGTA_41);
        let l = ls
            .iter()
            .find(|l| l.kind == LimitKind::DaysInAdvance)
            .unwrap();
        assert_eq!(l.span, "会议召开2天前");
        assert_eq!(
            (l.quantity, l.event.map(Event::name)),
            (2, Some("会议召开"))
        );
        let f = ls.iter().find(|l| l.kind == LimitKind::Frequency).unwrap();
        assert_eq!((f.quantity, f.per.as_deref()), (1, Some("半月")));
        let c = ls.iter().find(|l| l.kind == LimitKind::Count).unwrap();
        assert_eq!((c.quantity, c.unit.as_str()), (1000, "字"));
        assert_eq!(ls.len(), 3, "{ls:?}");
        check_spans(SHUANGTA_41);
        check_spans(SHUANGTA_71);
        // A date is not a period.
        assert!(one("请于3月5日前报送", LimitKind::DaysInAdvance).is_empty());
        let l = &one("应提前3个工作日报送", LimitKind::DaysInAdvance)[0];
        assert_eq!((l.quantity, l.unit.as_str()), (3, "工作日"));
    }

    #[test]
    fn terms() {
        let ls = extract(TURPAN_22);
        assert_eq!(ls.len(), 2, "{ls:?}");
        assert_eq!(ls[0].kind, LimitKind::Count);
        assert_eq!((ls[0].quantity, ls[0].quantity_max), (2, Some(3)));
        assert_eq!(ls[0].span, "2-3人");
        assert_eq!(ls[1].kind, LimitKind::Term);
        assert_eq!((ls[1].quantity, ls[1].unit.as_str()), (2, "年"));
        assert_eq!(ls[1].span, "聘期为两年");
        assert_eq!(ls[1].event.map(Event::name), Some("聘任"));
        let l = &one(KUNSHAN_22, LimitKind::Term)[0];
        assert_eq!((l.quantity, l.unit.as_str()), (5, "年"));
        // Years as dates are not terms.
        assert!(extract("2022年5月25日印发,《纲要(2021-2025年)》,年初确定,年底清零").is_empty());
    }

    #[test]
    fn frequencies() {
        let cases = [
            (ZHUZHOU_44, 2, "月"),
            (ZHUZHOU_43, 2, "年"),
            (KUNSHAN_37, 1, "半年"),
            (KUNSHAN_38, 1, "月"),
            (TURPAN_45, 1, "年"),
            (SHUANGTA_42, 1, "两周"),
            (
                "党组会议一般每月召开1次,遇有重要情况可以临时召开。",
                1,
                "月",
            ),
            ("会议一般每年召开1次。", 1, "年"),
            ("每周召开一次", 1, "周"),
            // A period's own review (月度评价考核, 季度讲评): once per period.
            ("坚持重点工作月度评价考核制度", 1, "月"),
            ("实行季度讲评", 1, "季度"),
            // A report made every period (每年要向…报告): once per period.
            (
                "市人民政府各部门每年要向市人民政府报告本部门法治政府建设的具体情况。",
                1,
                "年",
            ),
            ("每季度通报一次进展", 1, "季度"),
        ];
        for (text, q, per) in cases {
            // Besides, a meeting may be held as needed (根据需要可临时召开: no number).
            let ls: Vec<_> = one(text, LimitKind::Frequency)
                .into_iter()
                .filter(|l| l.quantity > 0)
                .collect();
            assert_eq!(ls.len(), 1, "{text}");
            assert_eq!(
                (ls[0].quantity, ls[0].per.as_deref()),
                (q, Some(per)),
                "{text}"
            );
            assert_eq!(ls[0].event, None);
            check_spans(text);
        }
        // 一年不超过一次 is a frequency, not a term.
        assert!(one(TURPAN_45, LimitKind::Term).is_empty());
        // A date in every year is not a frequency.
        assert!(one("每年1月31日前向本级政府报告", LimitKind::Frequency).is_empty());
    }

    #[test]
    fn threshold_quorum_count() {
        let l = &one(KUNSHAN_55, LimitKind::Threshold)[0];
        assert_eq!((l.quantity, l.unit.as_str()), (1, "天"));
        assert_eq!(l.span, "1天以上");
        assert_eq!(l.event.map(Event::name), Some("外出"));
        assert_eq!(extract(KUNSHAN_55).len(), 1);
        let l = &one(ZHUZHOU_44, LimitKind::Quorum)[0];
        assert_eq!((l.quantity, l.span.as_str()), (50, "半数以上"));
        let l = &one("须有三分之二以上组成人员出席", LimitKind::Quorum)[0];
        assert_eq!(l.quantity, 67);
        let l = &one("随行人员原则上不超过5人", LimitKind::Count)[0];
        assert_eq!((l.quantity, l.unit.as_str()), (5, "人"));
        assert_eq!(l.span, "不超过5人");
        // How many leaders take part (一位政府领导参加接待活动).
        let t = "除重大接待任务外,原则上一般应由一位政府领导参加接待活动。";
        let l = &one(t, LimitKind::Count)[0];
        assert_eq!((l.quantity, l.unit.as_str()), (1, "位"));
        check_spans(t);
        check_spans(ZHUZHOU_44);
    }

    #[test]
    fn nothing_in_plain_text() {
        assert!(extract("请示应当一文一事,报告不得夹带请示事项。").is_empty());
        assert!(extract("").is_empty());
        assert!(extract("涉及两个以上部门职权范围的事项,要充分听取相关部门的意见").is_empty());
    }

    #[test]
    fn all_rule_files_extract_without_panic_and_spans_are_exact() {
        let dir =
            std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("data/rules");
        let mut n = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().and_then(|e| e.to_str()) == Some("txt") {
                let text = std::fs::read_to_string(&path).unwrap();
                for l in extract(&text) {
                    assert_eq!(&text[l.offset..l.offset + l.span.len()], l.span);
                    n += 1;
                }
            }
        }
        assert!(n >= 20, "{n}");
    }

    #[test]
    fn events_match() {
        assert!(event_matches(Event::MeetingEnds, Event::Meeting));
        assert!(event_matches(Event::MeetingHeld, Event::Meeting));
        assert!(event_matches(Event::Away, Event::Travel));
        assert!(!event_matches(Event::Received, Event::Meeting));
        assert!(!event_matches(Event::Published, Event::Deployed));
    }

    /// #12: limits in hours have a kind of their own, stated and never dated.
    #[test]
    fn limits_in_hours() {
        let text =
            "发生重大突发事件,事发单位应在2小时内报告市政府,最迟不得超过24个小时之内书面报告。";
        let ls = one(text, LimitKind::HoursWithin);
        assert_eq!(
            ls.iter().map(|l| l.quantity).collect::<Vec<_>>(),
            vec![2, 24]
        );
        assert!(ls.iter().all(|l| l.unit == "小时" && !l.kind.is_deadline()));
        assert!(one(text, LimitKind::CalendarDaysWithin).is_empty());
        check_spans(text);
        let cal = crate::calendar::Calendar::default();
        let d = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert!(matches!(
            crate::deadline::compute(&ls[0], d, &cal),
            Ok(None)
        ));
    }
}
