//! Text normalisation shared by matching and search: traditional → simplified,
//! full-width → half-width, Chinese numerals, and character tokens. Pure functions.

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// Writes `n` (0 < n < 1000) as a Chinese numeral the way article numbers are
/// printed: 十, 十一, 二十, 四十四, 一百零五.
pub fn chinese_numeral(n: u32) -> String {
    if n == 0 {
        return "零".into();
    }
    let mut out = String::new();
    let hundreds = n / 100;
    let tens = (n / 10) % 10;
    let ones = n % 10;
    if hundreds > 0 {
        out.push(DIGITS[hundreds as usize]);
        out.push('百');
        if tens == 0 && ones > 0 {
            out.push('零');
        }
    }
    if tens > 0 {
        if !(tens == 1 && hundreds == 0) {
            out.push(DIGITS[tens as usize]);
        }
        out.push('十');
    }
    if ones > 0 {
        out.push(DIGITS[ones as usize]);
    }
    out
}

/// Reads a Chinese numeral such as 四十四, 十, 一百零五, 两 or an Arabic number.
/// Returns `None` for anything else.
pub fn parse_chinese_numeral(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    if s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok();
    }
    let mut total = 0u32;
    let mut current: Option<u32> = None;
    for c in s.chars() {
        let digit = match c {
            '零' | '〇' => Some(0),
            '一' => Some(1),
            '二' | '两' => Some(2),
            '三' => Some(3),
            '四' => Some(4),
            '五' => Some(5),
            '六' => Some(6),
            '七' => Some(7),
            '八' => Some(8),
            '九' => Some(9),
            _ => None,
        };
        match (digit, c) {
            (Some(d), _) => current = Some(d),
            (None, '十') => {
                total += current.unwrap_or(1) * 10;
                current = None;
            }
            (None, '百') => {
                total += current.unwrap_or(1) * 100;
                current = None;
            }
            (None, '千') => {
                total += current.unwrap_or(1) * 1000;
                current = None;
            }
            _ => return None,
        }
    }
    Some(total + current.unwrap_or(0))
}

/// Folds full-width ASCII and the ideographic space to their half-width forms.
pub fn to_half_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Normalises text for matching (never for quoting): traditional → simplified,
/// full-width → half-width, lower case, runs of white space folded.
pub fn normalize(s: &str) -> String {
    let simplified = fast2s::convert(s);
    let half = to_half_width(&simplified);
    let mut out = String::with_capacity(half.len());
    let mut last_space = false;
    for c in half.chars() {
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            out.extend(c.to_lowercase());
            last_space = false;
        }
    }
    out.trim().to_string()
}

/// Is `c` a CJK ideograph?
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// Is `c` a character that carries meaning in a question (an ideograph, a
/// letter or a digit)? Emoji, punctuation and symbols do not.
pub fn is_meaningful(c: char) -> bool {
    is_cjk(c) || c.is_alphanumeric() && !is_emoji_like(c)
}

fn is_emoji_like(c: char) -> bool {
    matches!(c as u32, 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0xFE00..=0xFE0F | 0x200D)
}

/// Removes chat mentions (`@规则助手`, `@bot_name`) and bot commands (`/ask`,
/// `/ask@rulebot`) from a question. A mention runs to the next white space or
/// punctuation, and at most 12 characters.
pub fn strip_mentions(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let at_word_start = i == 0 || !chars[i - 1].is_ascii_alphanumeric();
        if (c == '@' || c == '＠') && i + 1 < chars.len() && is_mention_char(chars[i + 1]) {
            let mut j = i + 1;
            while j < chars.len() && j - i <= 12 && is_mention_char(chars[j]) {
                j += 1;
            }
            out.push(' ');
            i = j;
            continue;
        }
        if (c == '/' || c == '／')
            && at_word_start
            && i + 1 < chars.len()
            && chars[i + 1].is_ascii_alphabetic()
        {
            let mut j = i + 1;
            while j < chars.len() && (chars[j].is_ascii_alphanumeric() || chars[j] == '_') {
                j += 1;
            }
            if j < chars.len() && chars[j] == '@' {
                j += 1;
                while j < chars.len() && (chars[j].is_ascii_alphanumeric() || chars[j] == '_') {
                    j += 1;
                }
            }
            out.push(' ');
            i = j;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

fn is_mention_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-' || c == '.'
}

const NUMERAL_CHARS: &str = "零〇一二两三四五六七八九十百";
const COUNTERS: [&str; 19] = [
    "个", "天", "日", "年", "次", "人", "周", "月", "名", "位", "小时", "件", "条", "岁", "倍",
    "号", "分钟", "届", "期",
];

/// Writes Chinese numerals that count something (十天, 两周, 一年, 第三次) as
/// digits (10天, 2周, 1年, 第3次). Numerals inside words (一般, 一把手, 一文一事)
/// stay as they are.
pub fn numerals_to_digits(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        if NUMERAL_CHARS.contains(chars[i]) {
            let mut j = i;
            while j < chars.len() && NUMERAL_CHARS.contains(chars[j]) {
                j += 1;
            }
            let run: String = chars[i..j].iter().collect();
            let rest: String = chars[j..chars.len().min(j + 2)].iter().collect();
            let counted = COUNTERS.iter().any(|c| rest.starts_with(c));
            match parse_chinese_numeral(&run) {
                Some(n) if counted && (j - i > 1 || run != "零") => out.push_str(&n.to_string()),
                _ => out.push_str(&run),
            }
            i = j;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_round_trip() {
        for n in 1..=200 {
            assert_eq!(parse_chinese_numeral(&chinese_numeral(n)), Some(n), "{n}");
        }
        assert_eq!(chinese_numeral(44), "四十四");
        assert_eq!(chinese_numeral(10), "十");
        assert_eq!(chinese_numeral(105), "一百零五");
        assert_eq!(parse_chinese_numeral("两"), Some(2));
        assert_eq!(parse_chinese_numeral("12"), Some(12));
        assert_eq!(parse_chinese_numeral("章"), None);
    }

    #[test]
    fn normalises_width_and_script() {
        assert_eq!(normalize("會簽文件ＡＢ１２　幾天"), "会签文件ab12 几天");
    }

    #[test]
    fn strips_mentions_and_commands() {
        assert_eq!(strip_mentions("@规则助手 请问").trim(), "请问");
        assert_eq!(strip_mentions("/ask@rulebot 常务会议").trim(), "常务会议");
        assert_eq!(strip_mentions("/ask 常务会议").trim(), "常务会议");
        assert_eq!(strip_mentions("a/b 常务会议"), "a/b 常务会议");
    }

    #[test]
    fn counted_numerals_become_digits() {
        assert_eq!(numerals_to_digits("十天内"), "10天内");
        assert_eq!(numerals_to_digits("两周一次"), "2周1次");
        assert_eq!(
            numerals_to_digits("一般一把手一文一事"),
            "一般一把手一文一事"
        );
        assert_eq!(numerals_to_digits("第三十次"), "第30次");
    }
}
