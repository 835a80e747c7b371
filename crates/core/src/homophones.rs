//! Voice-input slips: a character of the question that makes pairs no article
//! has is replaced by a character of the same sound that makes pairs the
//! articles do have (长务会议 → 常务会议, 绘签件 → 会签件, 法律顾文 → 法律顾问).
//!
//! Only characters the documents use are candidates; a character is replaced
//! only when it joins no pair the articles have with either neighbour and the
//! replacement joins one with every neighbour, one of them a collocation (a
//! pair found in a good share of the articles that have its rarer character).
//! The stored text is never changed, only what is matched.

use std::collections::HashMap;

use pinyin::ToPinyinMulti;

use crate::text::is_cjk;

/// A repaired pair must be in at least this share of the articles that have
/// its rarer character: 常务 is in 74 % of those with 常, 会签 in 10 % of
/// those with 签; 件实 (文件实行) in 4 % of those with 件, 上会 in 3 %.
const COLLOCATION: f32 = 0.08;

/// Characters that stand before any noun (的, the measure word 个): a pair
/// they make with the next character vouches for nothing.
const VOUCHES_FOR_NOTHING: &str = "的个";

/// Particles that end a question (吗, 呢 …): no word goes on through them.
const FINAL_PARTICLES: &str = "吗呢吧啊呀嘛哦";

/// Characters of the documents, by sound (toneless pinyin).
#[derive(Debug, Default, Clone)]
pub struct Homophones {
    by_sound: HashMap<&'static str, Vec<char>>,
}

/// Every toneless reading of `c` (a heteronym has several: 长 chang, zhang).
pub(crate) fn sounds(c: char) -> impl Iterator<Item = &'static str> {
    c.to_pinyin_multi()
        .into_iter()
        .flat_map(|m| m.into_iter().map(|p| p.plain()))
}

/// Do two characters share a reading?
pub fn same_sound(a: char, b: char) -> bool {
    a == b || sounds(a).any(|x| sounds(b).any(|y| x == y))
}

/// A toneless reading with the confusions of accented speech and fuzzy pinyin
/// input folded (zh/z, ch/c, sh/s, n/l; ang/an, eng/en, ing/in): 山 shan and
/// 三 san read alike.
fn folded(s: &str) -> String {
    let (initial, rest) = [("zh", "z"), ("ch", "c"), ("sh", "s"), ("n", "l")]
        .into_iter()
        .find_map(|(from, to)| s.strip_prefix(from).map(|r| (to, r)))
        .unwrap_or(("", s));
    let rest = ["ang", "eng", "ing"]
        .into_iter()
        .find_map(|f| rest.strip_suffix(f).map(|r| format!("{r}{}", &f[..2])))
        .unwrap_or_else(|| rest.to_string());
    format!("{initial}{rest}")
}

/// Do two characters read alike to an accented speaker or a fuzzy-pinyin
/// input (昆三 for 昆山)? Looser than [`same_sound`]: for names only, where
/// the rest of the name vouches for the reading.
pub fn near_sound(a: char, b: char) -> bool {
    same_sound(a, b) || sounds(a).any(|x| sounds(b).any(|y| folded(x) == folded(y)))
}

impl Homophones {
    /// The table of the given characters (those the documents use).
    /// Each is filed under its first (common) reading only: a slip is typed for
    /// a word as it is usually read, so 提 (ti; shi only in old readings) never
    /// stands in for 事 (分管的事出了 is not 提出了), while 市 still does (副事长).
    pub fn new(chars: impl IntoIterator<Item = char>) -> Homophones {
        let mut by_sound: HashMap<&'static str, Vec<char>> = HashMap::new();
        for c in chars.into_iter().filter(|c| is_cjk(*c)) {
            for s in sounds(c).take(1) {
                let v = by_sound.entry(s).or_default();
                if !v.contains(&c) {
                    v.push(c);
                }
            }
        }
        for v in by_sound.values_mut() {
            v.sort_unstable();
        }
        Homophones { by_sound }
    }

    /// The text with its slips repaired, or `None` when nothing needed it.
    /// `known(term)` is the number of articles with the term, a pair or a
    /// single character (0: none);
    /// `plain(c)`: a character of everyday language, never a suspect.
    pub fn repair(
        &self,
        text: &str,
        known: &dyn Fn(&str) -> u32,
        plain: &dyn Fn(char) -> bool,
    ) -> Option<String> {
        let chars: Vec<char> = text.chars().collect();
        // One buffer for every pair looked up.
        let buf = std::cell::RefCell::new(String::with_capacity(8));
        let pair = |a: char, b: char| -> u32 {
            if is_cjk(a) && is_cjk(b) {
                let mut s = buf.borrow_mut();
                s.clear();
                s.push(a);
                s.push(b);
                known(&s)
            } else {
                0
            }
        };
        // A character typed twice (市政府府) where the documents never double it;
        // not in a doubled word of two doubled characters (沸沸扬扬, 清清楚楚).
        let aabb = |i: usize| -> bool {
            let at = |k: usize| chars.get(k).copied();
            let starts = |k: usize| {
                at(k).is_some()
                    && at(k) == at(k + 1)
                    && at(k + 2).is_some()
                    && at(k + 2) == at(k + 3)
                    && at(k) != at(k + 2)
            };
            // `i` is the second of a doubled pair: the word starts at i - 1 or i - 3.
            starts(i - 1) || (i >= 3 && starts(i - 3))
        };
        let before = chars.len();
        let mut kept: Vec<char> = Vec::with_capacity(before);
        for i in 0..chars.len() {
            let (a, b) = (i.checked_sub(1).map(|k| chars[k]), chars[i]);
            if let Some(a) = a
                && a == b
                && is_cjk(a)
                && !plain(a)
                && pair(a, b) == 0
                && !aabb(i)
            {
                continue;
            }
            kept.push(b);
        }
        let mut chars = kept;
        let doubled = chars.len() != before;
        let single = |c: char| -> u32 {
            let mut buf = [0u8; 4];
            known(c.encode_utf8(&mut buf))
        };
        let collocation = |d: u32, a: char, b: char| -> bool {
            let rarer = single(a).min(single(b)).max(1);
            d as f32 >= COLLOCATION * rarer as f32
        };
        let mut changed = false;
        for i in 0..chars.len() {
            let c = chars[i];
            // Beside a digit or a letter (9号, 1个) a character is a unit or a
            // measure word, not a slip.
            let beside_alnum = [i.checked_sub(1), Some(i + 1)]
                .into_iter()
                .flatten()
                .filter_map(|j| chars.get(j))
                .any(|n| n.is_ascii_alphanumeric());
            // X不X and X没X ask yes or no (追不追责, 去没去): the first X is the
            // question's own word, not a slip.
            let a_not_a =
                chars.get(i + 2) == Some(&c) && matches!(chars.get(i + 1), Some('不' | '没'));
            if !is_cjk(c) || beside_alnum || a_not_a {
                continue;
            }
            // 的 before a character vouches for nothing (的意题: 的意 is in every
            // article that says 的意见): it joins the first character of any noun.
            // Nor does the measure word 个 (配个密书): it stands before any noun,
            // and a slip after it is judged by the character that follows.
            let prev = i
                .checked_sub(1)
                .map(|j| chars[j])
                .filter(|p| is_cjk(*p) && !VOUCHES_FOR_NOTHING.contains(*p));
            // A sentence-final particle (专题汇吗) ends the words; it vouches for
            // no pair, as punctuation does not. Nor does 的 after a character
            // (好几个亿的): it follows any word.
            let next = chars
                .get(i + 1)
                .copied()
                .filter(|n| is_cjk(*n) && !FINAL_PARTICLES.contains(*n) && *n != '的');
            // (pairs joined, collocations among them, articles with them) for a
            // character at position i. A collocation is a pair of the documents'
            // own words, not two words that happen to meet (文件|实行 makes 件实
            // in a few articles; 常务 is in most that have 常).
            let fit = |x: char| -> (u32, u32, u32) {
                let (mut joined, mut tight, mut df) = (0, 0, 0);
                for (a, b) in [prev.map(|p| (p, x)), next.map(|n| (x, n))]
                    .into_iter()
                    .flatten()
                {
                    let d = pair(a, b);
                    if d > 0 {
                        joined += 1;
                        tight += collocation(d, a, b) as u32;
                        df += d;
                    }
                }
                (joined, tight, df)
            };
            // Only a character that joins no known pair on either side is a
            // suspect, and only a replacement joined on every side, in a
            // collocation on one at least, repairs it.
            let sides = prev.is_some() as u32 + next.is_some() as u32;
            if sides == 0 || fit(c).0 > 0 {
                continue;
            }
            // A character of everyday language is a suspect only between two
            // characters it joins no known pair with (请是报告: 请示 and 示报
            // are the documents' own), never at an edge (这个是?).
            if plain(c) && sides < 2 {
                continue;
            }
            let mut best: Option<(char, (u32, u32, u32))> = None;
            for s in sounds(c) {
                for &x in self.by_sound.get(s).map(Vec::as_slice).unwrap_or(&[]) {
                    if x == c {
                        continue;
                    }
                    let f = fit(x);
                    if f.0 == sides && f.1 > 0 && best.is_none_or(|(_, b)| f > b) {
                        best = Some((x, f));
                    }
                }
            }
            if let Some((x, _)) = best {
                chars[i] = x;
                changed = true;
            }
        }
        (changed || doubled).then(|| chars.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(docs: &[&str]) -> (Homophones, impl Fn(&str) -> u32) {
        let h = Homophones::new(docs.iter().flat_map(|d| d.chars()));
        let docs: Vec<String> = docs.iter().map(|d| d.to_string()).collect();
        (h, move |p: &str| {
            docs.iter().filter(|d| d.contains(p)).count() as u32
        })
    }

    fn plain(c: char) -> bool {
        "的是个".contains(c)
    }

    #[test]
    fn accented_readings_are_near() {
        assert!(near_sound('三', '山') && near_sound('洲', '舟') && near_sound('清', '勤'));
        assert!(near_sound('兰', '南') && near_sound('常', '残'));
        assert!(!near_sound('三', '川') && !near_sound('株', '楚'));
        assert!(!near_sound('昆', '山'));
    }

    #[test]
    fn slips_are_repaired_by_sound() {
        let (h, known) = table(&[
            "市政府常务会议由市长召集",
            "会签件应在三个工作日内回复",
            "政府法律顾问一般聘2至3人",
        ]);
        assert_eq!(
            h.repair("长务会议要到多少人", &known, &plain).as_deref(),
            Some("常务会议要到多少人")
        );
        assert_eq!(
            h.repair("绘签件几天回", &known, &plain).as_deref(),
            Some("会签件几天回")
        );
        assert_eq!(
            h.repair("聘几个法律顾文", &known, &plain).as_deref(),
            Some("聘几个法律顾问")
        );
    }

    #[test]
    fn everyday_characters_are_repaired_only_between_unknown_pairs() {
        let (h, known) = table(&["向区委请示报告", "请示报告", "市政府"]);
        // Regression (fresh-52, fresh-23): 请是报告 is 请示报告.
        assert_eq!(
            h.repair("向谁请是报告", &known, &plain).as_deref(),
            Some("向谁请示报告")
        );
        // At the edge of the words it stays (这个是 before a question mark).
        assert_eq!(h.repair("这个是?", &known, &plain), None);
    }

    #[test]
    fn the_words_before_any_noun_vouch_for_nothing() {
        // Regression (fresh-178): 配个密书 is 配个秘书, although 个秘 is in no article.
        let (h, known) = table(&["配备秘书", "保密工作", "秘书长", "书面意见"]);
        assert_eq!(
            h.repair("能不能配个密书", &known, &plain).as_deref(),
            Some("能不能配个秘书")
        );
        // 的 after a character vouches for nothing either: 亿的 is no slip of 议的
        // (会议的), and 新 beside 的 alone is no suspect.
        let (h, known) = table(&["会议的决定", "审议通过", "新闻发布", "中心的工作"]);
        assert_eq!(h.repair("好几个亿的投资", &known, &plain), None);
        assert_eq!(h.repair("新的代表", &known, &plain), None);
    }

    #[test]
    fn a_not_a_is_a_question_not_a_slip() {
        // Regression (fresh-52): 追不追责 was read 对不追责.
        let (h, known) = table(&["对不符合规定的事项", "责任追究", "追究责任"]);
        assert_eq!(h.repair("执法出了错 追不追责", &known, &plain), None);
    }

    #[test]
    fn a_replacement_is_read_as_usual() {
        // Regression (fresh-42): 提 has an old reading shi; 事出 is no slip of 提出.
        let (h, known) = table(&["部门提出意见", "提出建议", "副市长协助市长工作"]);
        assert_eq!(h.repair("分管的事出了大情况", &known, &plain), None);
        // 市 is read shi: 副事长 is 副市长.
        assert_eq!(
            h.repair("副事长协助谁", &known, &plain).as_deref(),
            Some("副市长协助谁")
        );
    }

    #[test]
    fn a_character_typed_twice_is_read_once() {
        // Regression (fresh-30): 市政府府 where no document doubles 府.
        let (h, known) = table(&["市政府实行全体会议制度", "常常"]);
        assert_eq!(
            h.repair("市政府府的会有哪几种", &known, &plain).as_deref(),
            Some("市政府的会有哪几种")
        );
        // A pair the documents double stays (常常); a plain one too (个个).
        assert_eq!(h.repair("常常开会", &known, &plain), None);
        // Regression (fresh-50): a doubled word of doubled characters is a word
        // (沸沸扬扬 was read 沸扬).
        assert_eq!(h.repair("网上炒得沸沸扬扬的事", &known, &plain), None);
        assert_eq!(h.repair("个个都要", &known, &plain), None);
    }

    #[test]
    fn a_pair_with_de_before_it_vouches_for_nothing() {
        // Regression (fresh-11, -15, -20, -23): 的意 is known from 的意见, yet
        // 的意题 is 的议题.
        let (h, known) = table(&["会议议题由市长确定", "征求有关部门的意见"]);
        assert_eq!(
            h.repair("会议的意题谁定", &known, &plain).as_deref(),
            Some("会议的议题谁定")
        );
        // A known pair after it still vouches: 的意见 stays.
        assert_eq!(h.repair("部门的意见", &known, &plain), None);
    }

    #[test]
    fn pairs_that_only_meet_across_words_repair_nothing() {
        // 件实 is in one article of the thirteen with 件 (文件实行): two words
        // meeting, not a collocation, so 两件事 keeps its 事.
        let mut docs = vec!["文件实行统一编号"];
        docs.extend(["会签件", "文件", "件数", "急件", "来件", "附件"]);
        docs.extend(["案件", "条件", "邮件", "稿件", "证件", "函件"]);
        docs.extend(["落实", "实施", "实际", "核实", "真实", "实效", "切实"]);
        docs.extend(["实行", "事实", "务实", "充实", "属实", "实地", "实现"]);
        let (h, known) = table(&docs);
        assert_eq!(h.repair("两件事", &known, &plain), None);
    }

    #[test]
    fn words_the_documents_lack_are_left_alone() {
        let (h, known) = table(&["市政府常务会议由市长召集"]);
        // No character of the same sound makes a known pair.
        assert_eq!(h.repair("单位体检标准", &known, &plain), None);
        // Already known on every side.
        assert_eq!(h.repair("常务会议", &known, &plain), None);
        assert_eq!(h.repair("", &known, &plain), None);
        // Everyday characters and measure words beside digits are never suspects.
        let (h, known) = table(&["会议纪要由秘书长签发", "市政府的职责"]);
        assert_eq!(h.repair("是谁签发", &known, &plain), None);
        assert_eq!(h.repair("9号纪要", &known, &plain), None);
        assert_eq!(
            h.repair("机要谁签发", &known, &plain).as_deref(),
            Some("纪要谁签发")
        );
    }
}
