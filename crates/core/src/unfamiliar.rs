//! Unfamiliar words: the words of a question that no article uses (驻村,
//! 交通事故, 几菜一汤). A question about one of them is often about something
//! the rules do not settle, however well its other words match an article:
//! ranking asks for more confidence before citing anything for it.
//!
//! Pure: the caller says which pairs of characters the articles have, which
//! characters are everyday question language (never_slips) and which words are
//! (everyday_words).

use aho_corasick::AhoCorasick;

use crate::text::is_cjk;

/// A list of words found in a text in one pass: the everyday words (synonyms.toml
/// `everyday_words`) and the asker's words never repaired (`never_repaired`).
#[derive(Debug, Clone, Default)]
pub struct WordList {
    finder: Option<AhoCorasick>,
}

impl WordList {
    /// The finder of `words` (empty ones are ignored).
    pub fn new(words: &[String]) -> WordList {
        let words: Vec<&str> = words
            .iter()
            .map(String::as_str)
            .filter(|w| !w.is_empty())
            .collect();
        WordList {
            finder: if words.is_empty() {
                None
            } else {
                AhoCorasick::new(words).ok()
            },
        }
    }

    /// `repaired` (a repair of `text`, one character for another) with the
    /// characters of everyday words put back (复印 is the asker's word, not a
    /// slip for 复议); `None` when nothing repaired is left.
    pub fn keep_words(&self, text: &str, repaired: String) -> Option<String> {
        if text.chars().count() != repaired.chars().count() {
            return Some(repaired);
        }
        let spans = self.spans(text);
        let kept: String = text
            .char_indices()
            .zip(repaired.chars())
            .map(|((i, a), b)| {
                if a != b && spans.iter().any(|&(from, to)| i >= from && i < to) {
                    a
                } else {
                    b
                }
            })
            .collect();
        (kept != text).then_some(kept)
    }

    /// Every occurrence of an everyday word in `text`, overlapping ones too,
    /// as byte ranges.
    fn spans(&self, text: &str) -> Vec<(usize, usize)> {
        self.finder.as_ref().map_or_else(Vec::new, |f| {
            f.find_overlapping_iter(text)
                .map(|m| (m.start(), m.end()))
                .collect()
        })
    }
}

/// The runs of two or more characters of `text` that are covered neither by a
/// pair of characters the articles have (`known`), nor by an everyday word, nor
/// are everyday characters (`plain`), in order of appearance.
pub fn unfamiliar_words(
    text: &str,
    known: &dyn Fn(&str) -> bool,
    plain: &dyn Fn(char) -> bool,
    everyday: &WordList,
) -> Vec<String> {
    // By character: its byte offset (and one past the end).
    let starts: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let chars: Vec<char> = text.chars().collect();
    let mut covered: Vec<bool> = chars.iter().map(|&c| !is_cjk(c) || plain(c)).collect();
    // Everyday words, wherever they occur.
    for (from, to) in everyday.spans(text) {
        let (Ok(a), Ok(b)) = (starts.binary_search(&from), starts.binary_search(&to)) else {
            continue;
        };
        covered[a..b].iter_mut().for_each(|c| *c = true);
    }
    let mut pair = String::new();
    for i in 0..chars.len().saturating_sub(1) {
        if !(is_cjk(chars[i]) && is_cjk(chars[i + 1])) {
            continue;
        }
        pair.clear();
        pair.push(chars[i]);
        pair.push(chars[i + 1]);
        if known(&pair) {
            covered[i] = true;
            covered[i + 1] = true;
        }
    }
    let mut out = Vec::new();
    let mut run = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if covered[i] {
            if run.chars().count() >= 2 {
                out.push(std::mem::take(&mut run));
            }
            run.clear();
        } else {
            run.push(c);
        }
    }
    if run.chars().count() >= 2 {
        out.push(run);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{WordList, unfamiliar_words};

    fn words(text: &str) -> Vec<String> {
        let corpus = "公务接待和公务用车要严格管理,请假要经审批,会议纪要由秘书长签发。";
        let known = |p: &str| corpus.contains(p);
        let plain = |c: char| "的是了吗么几个怎".contains(c);
        let everyday = WordList::new(&["怎么".to_string(), "下午".to_string()]);
        unfamiliar_words(text, &known, &plain, &everyday)
    }

    #[test]
    fn a_word_no_article_uses_is_unfamiliar() {
        assert_eq!(words("驻村队员请假怎么审批"), vec!["驻村队员"]);
        assert_eq!(words("公务接待标准是几菜一汤"), vec!["标准", "菜一汤"]);
    }

    #[test]
    fn everyday_language_and_known_pairs_are_not() {
        assert!(words("下午的会议纪要由谁签发").is_empty());
        assert!(words("公务用车怎么管理").is_empty());
    }

    #[test]
    fn a_repair_keeps_everyday_words() {
        let everyday = WordList::new(&["复印".to_string(), "一定".to_string()]);
        let keep = |t: &str, r: &str| everyday.keep_words(t, r.to_string());
        assert_eq!(keep("涉密文件能复印吗", "涉密文件能复议吗"), None);
        assert_eq!(
            keep("市长办工会一定要", "市长办公会议定要").as_deref(),
            Some("市长办公会一定要")
        );
        assert_eq!(
            keep("长务会议几次", "常务会议几次").as_deref(),
            Some("常务会议几次")
        );
    }

    #[test]
    fn a_single_character_is_not_a_word() {
        // 谁 alone between known pairs.
        assert!(words("会议纪要谁签发").is_empty());
    }
}
