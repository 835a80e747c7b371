//! Chinese numerals, in both the ways they are written: counting (四十四,
//! 一百零五, 两千零一十二, 三万) and digit by digit (二〇二六, 一九九八).
//! One module for the whole `u32` range, and the one regex fragment that
//! matches a number in rule texts and questions.

/// A number as rule texts and questions write it: Arabic digits or Chinese
/// numeral characters (used in the patterns of `rules::limits` and `when`).
pub const NUM_PATTERN: &str = r"(?:\d{1,9}|[零〇一二两三四五六七八九十百千万]+)";

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// The value of one digit character (〇 and 两 included).
pub fn digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Writes `n` below 10 000 in counting form (一千零五, 十, 二十, 一百一十).
fn below_10k(n: u32, out: &mut String, leading: bool) {
    let places = [(1000, '千'), (100, '百'), (10, '十')];
    let mut started = false;
    let mut zero = false;
    for (value, unit) in places {
        let d = (n / value) % 10;
        if d == 0 {
            zero = started;
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        // 十 alone opens a numeral (十五), 一十 inside one (一百一十).
        if !(d == 1 && value == 10 && !started && leading) {
            out.push(DIGITS[d as usize]);
        }
        out.push(unit);
        started = true;
    }
    let ones = n % 10;
    if ones > 0 {
        if zero {
            out.push('零');
        }
        out.push(DIGITS[ones as usize]);
    }
}

/// Writes `n` as a counting numeral, the way article numbers and amounts are
/// printed: 十, 十一, 二十, 四十四, 一百零五, 一千, 一万零一, 四十二亿.
pub fn chinese_numeral(n: u32) -> String {
    if n == 0 {
        return "零".into();
    }
    let mut out = String::new();
    let groups = [(n / 100_000_000, '亿'), ((n / 10_000) % 10_000, '万')];
    let mut started = false;
    let mut gap = false;
    for (g, unit) in groups {
        if g == 0 {
            gap = started;
            continue;
        }
        if gap || (started && g < 1000) {
            out.push('零');
        }
        below_10k(g, &mut out, !started);
        out.push(unit);
        started = true;
        gap = false;
    }
    let rest = n % 10_000;
    if rest > 0 {
        if started && (gap || rest < 1000) {
            out.push('零');
        }
        below_10k(rest, &mut out, !started);
    }
    out
}

/// Writes `n` digit by digit, as years are written: 2026 → 二〇二六.
pub fn digit_by_digit(n: u32) -> String {
    n.to_string()
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(0) => '〇',
            Some(d) => DIGITS[d as usize],
            None => c,
        })
        .collect()
}

/// Reads a counting numeral (四十四, 十, 一百零五, 两, 三万五千) or Arabic
/// digits. `None` for anything else, and for a value beyond `u32`.
pub fn parse_chinese_numeral(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    if s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok();
    }
    // Digits without a unit are read digit by digit (二零一五 is 2015, not 5);
    // two of them without a zero are a range (三五天, 七八个), left as before.
    if (s.chars().count() > 2 || s.contains(['零', '〇']))
        && s.chars().all(|c| digit(c).is_some() && c != '两')
    {
        return parse_digit_by_digit(s);
    }
    // total (above 亿 and 万), section (below them), current digit
    let mut total: u64 = 0;
    let mut section: u64 = 0;
    let mut current: Option<u64> = None;
    for c in s.chars() {
        if let Some(d) = digit(c) {
            current = Some(d as u64);
            continue;
        }
        let unit: u64 = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            '万' => 10_000,
            '亿' => 100_000_000,
            _ => return None,
        };
        if unit >= 10_000 {
            let group = section + current.take().unwrap_or(0);
            let group = if group == 0 && total == 0 { 1 } else { group };
            // 万 scales its own section (一亿零一百万); 亿 all before it (一万亿).
            total = if unit == 10_000 {
                total + group * unit
            } else {
                (total + group) * unit
            };
            section = 0;
        } else {
            section += current.take().unwrap_or(1) * unit;
        }
    }
    let value = total + section + current.unwrap_or(0);
    u32::try_from(value).ok()
}

/// Reads a numeral written digit by digit (二〇二六, 二零二六) or Arabic digits.
pub fn parse_digit_by_digit(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    if s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok();
    }
    let mut n: u64 = 0;
    for c in s.chars() {
        n = n * 10 + digit(c).filter(|_| c != '两')? as u64;
        if n > u32::MAX as u64 {
            return None;
        }
    }
    Some(n as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counting_numerals_as_printed() {
        for (n, s) in [
            (1, "一"),
            (10, "十"),
            (11, "十一"),
            (20, "二十"),
            (44, "四十四"),
            (100, "一百"),
            (105, "一百零五"),
            (110, "一百一十"),
            (1000, "一千"),
            (1005, "一千零五"),
            (1010, "一千零一十"),
            (2012, "二千零一十二"),
            (10_000, "一万"),
            (10_001, "一万零一"),
            (10_010, "一万零一十"),
            (15_000, "一万五千"),
            (100_000, "十万"),
            (1_000_000, "一百万"),
            (100_000_000, "一亿"),
            (100_000_001, "一亿零一"),
            (101_000_000, "一亿零一百万"),
        ] {
            assert_eq!(chinese_numeral(n), s, "{n}");
            assert_eq!(parse_chinese_numeral(s), Some(n), "{s}");
        }
        assert_eq!(parse_chinese_numeral("两"), Some(2));
        assert_eq!(parse_chinese_numeral("两千"), Some(2000));
        assert_eq!(parse_chinese_numeral("12"), Some(12));
        assert_eq!(parse_chinese_numeral("章"), None);
        assert_eq!(parse_chinese_numeral(""), None);
        assert_eq!(parse_chinese_numeral("五十亿"), None, "beyond u32");
    }

    /// Regression: `chinese_numeral(1000)` indexed past the digits and panicked.
    /// Every value round-trips, sampled over the whole range.
    #[test]
    fn every_value_round_trips() {
        let mut n: u64 = 0;
        while n <= u32::MAX as u64 {
            let v = n as u32;
            assert_eq!(parse_chinese_numeral(&chinese_numeral(v)), Some(v), "{v}");
            assert_eq!(parse_digit_by_digit(&digit_by_digit(v)), Some(v), "{v}");
            n = if n < 20_000 {
                n + 1
            } else {
                n * 1001 / 1000 + 7
            };
        }
        assert_eq!(
            parse_chinese_numeral(&chinese_numeral(u32::MAX)),
            Some(u32::MAX)
        );
    }

    #[test]
    fn digit_by_digit_years() {
        assert_eq!(digit_by_digit(2026), "二〇二六");
        assert_eq!(parse_digit_by_digit("二〇二六"), Some(2026));
        assert_eq!(parse_digit_by_digit("二零一二"), Some(2012));
        assert_eq!(parse_digit_by_digit("二十"), None);
        // Regression: 二零一五年三月三号 was read as 5年3月3号.
        assert_eq!(parse_chinese_numeral("二零一五"), Some(2015));
        assert_eq!(parse_chinese_numeral("一九九八"), Some(1998));
        assert_eq!(parse_digit_by_digit("九九九九九九九九九九"), None);
    }
}
