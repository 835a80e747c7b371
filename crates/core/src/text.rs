//! Text normalisation shared by matching and search: traditional → simplified,
//! full-width → half-width, Chinese numerals, and character tokens. Pure functions.

pub use crate::numerals::{chinese_numeral, parse_chinese_numeral};

/// The longest question accepted, in characters (a longer one is refused with a
/// message; nothing reads past it).
pub const MAX_QUESTION_CHARS: usize = 1000;

/// The marks that end a clause, half-width and full-width (normalised text has
/// only the first; text as typed or stored may have either).
pub const CLAUSE_ENDS: [char; 9] = [',', '，', '。', ';', '；', '!', '！', '?', '？'];

/// The last `n` characters of `s` (all of it when shorter), as a slice.
pub fn tail(s: &str, n: usize) -> &str {
    let from = s
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    if n == 0 { &s[s.len()..] } else { &s[from..] }
}

/// The byte range of the clause of `text` around byte `at`: from after the
/// mark ([`CLAUSE_ENDS`]) before it to the mark after it (not included).
pub fn clause_at(text: &str, at: usize) -> (usize, usize) {
    let start = text[..at].rfind(CLAUSE_ENDS).map_or(0, |i| {
        i + text[i..].chars().next().map_or(0, char::len_utf8)
    });
    let end = text[at..].find(CLAUSE_ENDS).map_or(text.len(), |e| at + e);
    (start, end)
}

/// Folds full-width ASCII and the ideographic space to their half-width forms.
pub fn to_half_width(s: &str) -> String {
    s.chars().map(half_width).collect()
}

/// Normalises text for matching (never for quoting): traditional → simplified,
/// full-width → half-width, lower case, runs of white space folded. One pass
/// over text no simplification changes (most text: the rules, most questions).
pub fn normalize(s: &str) -> String {
    let simplified;
    let s = if s.chars().any(may_simplify) {
        simplified = simplify(s);
        simplified.as_str()
    } else {
        s
    };
    let mut out = String::with_capacity(s.len());
    // Leading white space is dropped, trailing white space popped at the end.
    let mut last_space = true;
    for c in s.chars() {
        let c = half_width(c);
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else if is_cjk(c) {
                // No case to fold.
                out.push(c);
            } else {
                out.extend(c.to_lowercase());
            }
            last_space = false;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The half-width form of a full-width ASCII character or the ideographic
/// space; any other character as it is.
fn half_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// May [`simplify`] change `c`? True of every character fast2s maps, of those
/// it maps only beside certain others (藉口 → 借口), and of those [`OVERRIDES`]
/// maps; false of all others, which are then passed over without a look-up.
fn may_simplify(c: char) -> bool {
    // fast2s reads only three-byte characters (U+0800 … U+FFFF).
    let u = c as u32;
    (0x800..=0xFFFF).contains(&u) && {
        let bits = &*SIMPLIFIABLE;
        bits[(u / 64) as usize] & (1 << (u % 64)) != 0
    }
}

/// fast2s's characters that change on their own or beside certain others
/// (its table of special words: 藉口, 憑藉, 看著, 苧麻, 闔家, 鍾書, 校讎, 計畫 …).
const CHANGED_BESIDE_OTHERS: [char; 7] = ['藉', '著', '苧', '闔', '鍾', '讎', '畫'];

/// One bit per character of U+0000 … U+FFFF: may [`simplify`] change it?
/// Found once by converting every three-byte character, each on its own.
static SIMPLIFIABLE: std::sync::LazyLock<Vec<u64>> = std::sync::LazyLock::new(|| {
    let chars: Vec<char> = (0x800u32..=0xFFFF).filter_map(char::from_u32).collect();
    // A space between characters: no two of them make one of fast2s's words.
    let joined: String = chars.iter().flat_map(|&c| [c, ' ']).collect();
    let converted = fast2s::convert(&joined);
    let mut bits = vec![0u64; 0x10000 / 64];
    let mut set = |c: char| bits[c as usize / 64] |= 1 << (c as u32 % 64);
    for (a, b) in joined.chars().zip(converted.chars()) {
        if a != b {
            set(a);
        }
    }
    for c in CHANGED_BESIDE_OTHERS
        .into_iter()
        .chain(OVERRIDES.iter().map(|(from, _)| *from))
    {
        set(c);
    }
    bits
});

/// Traditional → simplified, character for character, each character keeping
/// its byte length: byte spans found in the result fit `s` (a reminder's time
/// is cut out of the text as written). Case and width are kept.
pub fn fold_script(s: &str) -> String {
    let simplified = simplify(s);
    if simplified.chars().count() != s.chars().count() {
        return s.to_string();
    }
    s.chars()
        .zip(simplified.chars())
        .map(|(a, b)| if a.len_utf8() == b.len_utf8() { b } else { a })
        .collect()
}

/// Traditional → simplified by fast2s's table, except where the table's
/// character is not the one the mainland writes: 瀋 is 沈 (瀋陽 → 沈阳, not 渖阳).
fn simplify(s: &str) -> String {
    let s = fast2s::convert(s);
    if s.contains(|c: char| OVERRIDES.iter().any(|(from, _)| *from == c)) {
        s.chars()
            .map(|c| {
                OVERRIDES
                    .iter()
                    .find(|(from, _)| *from == c)
                    .map_or(c, |(_, to)| *to)
            })
            .collect()
    } else {
        s
    }
}

/// What fast2s's table gives → what the mainland writes.
const OVERRIDES: [(char, char); 1] = [('渖', '沈')];

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

const NUMERAL_CHARS: &str = "零〇一二两三四五六七八九十百千";
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
            // A bare 百 or 千 is no count (会千件 is 会签件 misheard; a thousand is
            // 一千).
            let counted =
                COUNTERS.iter().any(|c| rest.starts_with(c)) && run != "百" && run != "千";
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

/// A date whose 年 and 月 a scraped page lost (200858日, 2012101日) with
/// them put back for matching: the year is the first four digits, and 月
/// follows the next one or two where the split is unambiguous (two digits
/// left: 5 and 8; four: 10 and 15). Other digits are left as they are.
pub fn restore_date_marks(s: &str) -> std::borrow::Cow<'_, str> {
    static LOST: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(^|[^0-9])((?:19|20)[0-9]{2})([0-9]{2,4})日").expect("date pattern")
    });
    LOST.replace_all(s, |c: &regex::Captures| {
        let rest = &c[3];
        let md = match rest.len() {
            2 => format!("{}月{}", &rest[..1], &rest[1..]),
            4 => format!("{}月{}", &rest[..2], &rest[2..]),
            _ => rest.to_string(),
        };
        format!("{}{}年{md}日", &c[1], &c[2])
    })
}

#[cfg(test)]
mod tests {

    /// Normalisation as it was before its one-pass form: fast2s on every
    /// text, then width, case and space in passes of their own.
    fn normalize_in_passes(s: &str) -> String {
        let half = to_half_width(&simplify(s));
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

    #[test]
    fn one_pass_normalisation_is_the_passes_one_by_one() {
        let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
        let mut texts: Vec<String> = Vec::new();
        for dir in ["data/rules", "tests/data"] {
            for e in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = e.unwrap().path();
                if let Ok(t) = std::fs::read_to_string(&path) {
                    texts.extend(t.lines().map(str::to_string));
                }
            }
        }
        // fast2s's words (藉口 → 借口, 看著 → 看着, 計畫 → 计划, 答覆 kept) and
        // what fast2s alone would get wrong (瀋陽 → 沈阳), white space and width.
        texts.extend(
            [
                "憑藉口才 看著 苧麻 闔家 鍾書 校讎 計畫 企畫 答覆 批覆 乾隆 乾坤 瞭望 慰藉",
                "  瀋陽市政府　ＡＢＣ１２３　常務會議  \t\n 會簽  ",
                "渖阳 ΣΑΣ İstanbul Straße 〇 ｈｔｔｐｓ：／／",
                "",
                " ",
            ]
            .map(str::to_string),
        );
        assert!(texts.len() > 10_000, "{}", texts.len());
        for t in &texts {
            assert_eq!(normalize(t), normalize_in_passes(t), "{t}");
        }
        // Every character fast2s changes on its own is marked.
        for c in (0x800u32..=0xFFFF).filter_map(char::from_u32) {
            let s = c.to_string();
            if simplify(&s) != s {
                assert!(may_simplify(c), "{c}");
            }
        }
    }

    #[test]
    fn tails_and_clauses() {
        assert_eq!(super::tail("主管部门应提出两个以上", 4), "两个以上");
        assert_eq!(super::tail("两个", 8), "两个");
        assert_eq!(super::tail("两个", 0), "");
        let t = "12345转来的工单,要几个工作日?";
        let at = t.find("工单").unwrap();
        let (a, b) = super::clause_at(t, at);
        assert_eq!(&t[a..b], "12345转来的工单");
        let (a, b) = super::clause_at(t, t.find("要").unwrap());
        assert_eq!(&t[a..b], "要几个工作日");
    }

    use super::*;

    #[test]
    fn folds_script_keeping_spans() {
        let t = "下週一晚上8點提醒我 ABC";
        let f = fold_script(t);
        assert_eq!(f, "下周一晚上8点提醒我 ABC");
        assert_eq!(f.len(), t.len());
        assert!(t.char_indices().all(|(i, _)| f.is_char_boundary(i)));
    }

    #[test]
    fn normalises_width_and_script() {
        assert_eq!(normalize("會簽文件ＡＢ１２　幾天"), "会签文件ab12 几天");
        // Regression (fresh-23): 瀋陽 is 沈阳, not fast2s's 渖阳.
        assert_eq!(normalize("局長要去瀋陽"), "局长要去沈阳");
        assert_eq!(fold_script("去瀋陽"), "去沈阳");
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
        // f102-291: a bare 千 is a slip, not a thousand.
        assert_eq!(numerals_to_digits("会千件今天到的"), "会千件今天到的");
        assert_eq!(numerals_to_digits("一千件"), "1000件");
    }

    #[test]
    fn dates_that_lost_their_marks() {
        assert_eq!(restore_date_marks("200858日印发"), "2008年5月8日印发");
        assert_eq!(restore_date_marks("20121015日"), "2012年10月15日");
        assert_eq!(restore_date_marks("2012101日"), "2012年101日");
        // A written date, a telephone number, a count of days: left alone.
        assert_eq!(restore_date_marks("2008年5月8日"), "2008年5月8日");
        assert_eq!(restore_date_marks("电话010598667"), "电话010598667");
        assert_eq!(restore_date_marks("15日内"), "15日内");
    }
}
