//! The A-not-A question (参不参加, 开不开会, 能不能参加) folded before matching,
//! so that its middle (不参加, 不能参加) is not read as a negation.

use std::borrow::Cow;

use crate::text::is_cjk;

/// Modal verbs whose A-not-A form stays as typed (要不要, 是不是, 算不算): the
/// intents read them as questions already, and the verb after them is not
/// negated by them (要不要请假 holds no 不请假). 能不能 is folded to 能否, because
/// 不能参加 is a refusal to attend.
const KEPT: &[char] = &['要', '是', '算', '行', '需', '可', '会', '该', '应'];

/// Whether a verb's A-not-A form starts at `w` (three characters).
fn a_not_a(w: &[char]) -> bool {
    w[1] == '不' && w[0] == w[2] && is_cjk(w[0]) && !KEPT.contains(&w[0])
}

/// `参不参加` → `是否参加`, `开不开会` → `是否开会`, `能不能参加` → `能否参加`;
/// text without the form is borrowed unchanged.
pub(crate) fn fold(s: &str) -> Cow<'_, str> {
    // Most questions hold no 不: nothing to read, nothing copied.
    if !s.contains('不') {
        return Cow::Borrowed(s);
    }
    let chars: Vec<char> = s.chars().collect();
    if !chars.windows(3).any(a_not_a) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 4);
    let mut i = 0;
    while i < chars.len() {
        if i + 2 < chars.len() && a_not_a(&chars[i..i + 3]) {
            if chars[i] == '能' {
                out.push_str("能否");
                i += 3;
            } else {
                // The verb's second A stays: 参不参加 → 是否 + 参加.
                out.push_str("是否");
                i += 2;
            }
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn a_not_a_reads_as_whether() {
        assert_eq!(fold("府办主任参不参加常务会"), "府办主任是否参加常务会");
        assert_eq!(fold("今年开不开全体会"), "今年是否开全体会");
        assert_eq!(fold("主任能不能参加常务会议"), "主任能否参加常务会议");
        assert_eq!(fold("要不要请假"), "要不要请假");
        // A negation stays one.
        assert_eq!(fold("不参加常务会要请假吗"), "不参加常务会要请假吗");
        assert_eq!(fold("不能参加要请假吗"), "不能参加要请假吗");
        assert!(matches!(
            fold("常务会多久开一次"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
