//! The question read once: normalised and canonical text, places and their roles,
//! the asker's role, the dates with their events, and what kind of answer the
//! question asks for. Ranking, the deadline and the answer text all use this
//! one [`Reading`]; nothing downstream re-reads the raw question.

use chrono::{DateTime, FixedOffset};
use regex::Regex;
use serde::Deserialize;

use crate::calendar::Calendar;
use crate::intents::{IntentSet, PlaceMention, PlaceRole, Prepared};
use crate::when::{DateMention, WhenError};

/// What kind of answer a question asks for, read from its question words. Several
/// may hold at once ("多久开一次,几个人到会才有效").
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Asks {
    /// 几天 / 哪天 / 最晚 / 时限 / 提前 …: a time limit (and, with a date, a deadline).
    pub time_limit: bool,
    /// 多久开一次 / 几次 / 频次: a frequency.
    pub frequency: bool,
    /// 多少人到会才有效 / 半数: a quorum.
    pub quorum: bool,
    /// 几个人 / 几名 / 聘几: a count.
    pub count: bool,
    /// 超过几天 / 多久算 / 以上才要: a threshold.
    pub threshold: bool,
    /// 谁 / 哪个领导 / 由谁: who chairs, signs, approves or is responsible.
    pub who: bool,
    /// 组成人员有谁 / 哪些领导参加: who a body or a meeting is made of.
    pub members: bool,
    /// 向谁请示 / 报谁审批: to whom something goes, by the verb that says what
    /// goes (请示, 审批): an article that sends it to someone (向区委请示)
    /// answers.
    pub recipient: Option<String>,
    /// 在哪个会上审议 / 上什么会: which meeting decides something.
    pub which_meeting: bool,
    /// 全体会和常务会有啥区别: two things compared, each answered by its own
    /// article rather than by one that names both.
    pub compare: bool,
    /// 能不能 / 可以吗 / 要不要 / 是否需要: a rule that permits, requires or forbids.
    pub permission: bool,
    /// 多少钱 / 费用标准 / 多少元: a sum of money.
    pub amount: bool,
    /// 哪天 / 几号 / 最晚 / 截止: a date (not only a number of days).
    pub date: bool,
    /// 几 / 多少 / 多久 / 哪天: the question asks for a figure, not only
    /// whether (部门每年要报吗 names a frequency and asks yes or no).
    pub figure: bool,
    /// 半数以上 / 提前3天: the question names a figure and asks whether the rules
    /// set it, which only an article stating such a figure answers.
    pub figure_named: bool,
    /// 哪几种会议 / 会议有哪几类: the kinds of something, by the one or two
    /// characters that name it (会议; 会 is `['会', '\0']`): answered by an
    /// article that lists them.
    pub kinds: Option<[char; 2]>,
    /// 贯彻哪个纲要 / 依据哪些法律: a document asked for by its kind (the group
    /// `kind` of `title_asked`, shortened to what a title ends in: 法律 → 法),
    /// which an article that names one of that kind in 《》 answers.
    pub title_of: Option<String>,
    /// 提前几天 / 几天前: a number of days in advance, which only a limit set
    /// before an event states (a threshold such as 外出1天以上 does not).
    pub in_advance: bool,
    /// 这个项目要不要上常务会: a kind of matter named with the meetings, which
    /// the article listing such matters answers.
    pub matter_to_meeting: bool,
    /// 周几 / 电话是多少 / 几点 / 在哪个会议室 / 现在是谁: a detail that only
    /// an article naming one states, by its class (an index into
    /// `intents/cues.toml` `[details]`, see [`Cues::detail`]).
    pub detail: Option<usize>,
    /// 新闻发言人是谁 / 第一责任人是哪位: who holds the role named (the words
    /// before 是谁), which only an article saying who it is answers.
    pub identity: Option<String>,
    /// 第十条是什么内容: the article asked for by its number.
    pub article: Option<u32>,
    /// 什么时候 / 何时: when something happens or starts (施行, 编制), a point in
    /// time rather than a time limit.
    pub when: bool,
    /// 几年 / 几次 / 多少平米 / 几届: the unit of the figure asked, by its class
    /// (an index into `intents/cues.toml` `[units]`, see [`Cues::unit_class`]):
    /// only an article stating a number in a unit of that class answers.
    pub unit: Option<usize>,
    /// 几天之内销假, 多少个工作日内报备案: the words after the time limit asked,
    /// up to the clause's end, which name what the limit is for (销假). A limit
    /// an article sets for something else it also names (报备 before a trip,
    /// 销假 after it, with no figure) does not answer.
    pub limit_of: Option<String>,
    /// 要不要报人大常委会备案, 需不需要先经审批: a step of procedure asked yes or
    /// no (备案, 审批, 公示 …), which only an article naming it answers.
    pub step: Option<String>,
    /// 报哪个部门备案, 哪个部门审批, 找谁批: a body asked for a step of
    /// procedure, which only an article that names a body beside the step
    /// answers.
    pub body_for: Option<BodyAsked>,
}

/// A body asked for a step of procedure (cues.toml `body_asked`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyAsked {
    /// The step's verb as asked: 备案, 审批, 签发, 认定.
    pub verb: String,
    /// What a refusal says is not stated: 备案的部门或领导.
    pub label: String,
}

/// Question words, by what they ask for (`intents/cues.toml`), matched on the
/// normalised question.
#[derive(Debug, Clone)]
pub struct Cues {
    /// Phrases with a question word that ask nothing (这几天, 好几个).
    pub(crate) not_asking: Regex,
    /// A time limit (and, with a date, a deadline): 几天 / 哪天 / 最晚 / 时限 / 提前.
    pub(crate) time_limit: Regex,
    /// A frequency asked: 多久开一次 / 几次 / 频次.
    pub(crate) frequency: Regex,
    /// A period named (每年的…): a frequency unless the question asks when.
    pub(crate) frequency_named: Regex,
    /// Words that ask when.
    pub(crate) when: Regex,
    /// When something takes effect (哪天开始执行, 何时生效): a point in time asked,
    /// not a time limit.
    pub(crate) starts: Regex,
    /// A clause that asks only whether a rule says (有规定吗, 有没有要求): the
    /// figure before it is still asked.
    pub(crate) rule_asked: Regex,
    /// How a word before 是谁 ends when it is no role (主持的, 分别, 都).
    pub(crate) identity_not_role: Regex,
    /// A clause that asks whether a system or mechanism exists (有长效机制吗,
    /// 有没有这个制度).
    pub(crate) system_asked: Regex,
    /// 什么时候 before a modal (啥时候要写): in which cases, not when.
    pub(crate) when_as_case: Regex,
    /// An article's words that place something in time (前, 后, 定期, 每年): an
    /// article without any says nothing of when.
    pub(crate) says_when: Regex,
    /// An article's words that keep a number of people down without a figure
    /// (减少陪同人员, 严格控制参会人数): they answer 人数有要求吗, not 几个人.
    pub(crate) fewer_people: Regex,
    /// Words that ask where or how the rules say something (民生那条怎么写的,
    /// “双碳”在哪条, 有没有说): left out of the text searched.
    pub(crate) reference: Regex,
    /// Any word that asks (几, 谁, 吗 …): tells a clause that asks from one that
    /// states (株洲常务会每月两次,吐鲁番常务会多久开一次).
    pub(crate) asking: Regex,
    /// A 几 that says "a few" before a yes-or-no clause (去外地几天): the group
    /// `keep` stays, 几 is read as 数.
    pub(crate) few: Regex,
    /// A quorum: 多少人到会才有效 / 半数.
    pub(crate) quorum: Regex,
    /// A count: 几个人 / 几名 / 聘几.
    pub(crate) count: Regex,
    /// A threshold: 超过几天 / 多久算 / 以上才要.
    pub(crate) threshold: Regex,
    /// Who chairs, signs, approves or is responsible: 谁 / 哪个领导 / 由谁.
    pub(crate) who: Regex,
    /// Who a body or a meeting is made of: 组成人员有谁 / 哪些领导参加.
    pub(crate) members: Regex,
    /// To whom something goes: 向谁请示 / 报谁审批; the group `verb`.
    pub(crate) recipient: Regex,
    /// Which meeting decides something: 在哪个会上审议 / 上什么会.
    pub(crate) which_meeting: Regex,
    /// Two things compared: 全体会和常务会有啥区别.
    pub(crate) compare: Regex,
    /// Who holds a role, asked by the role (新闻发言人是谁): the group `role`.
    pub(crate) identity: Regex,
    /// An article asked for by its number (第十条是什么内容): the group `number`.
    pub(crate) article_asked: Regex,
    /// A date (not only a number of days): 哪天 / 几号 / 最晚 / 截止.
    pub(crate) date: Regex,
    /// A date asked as a deadline (几月几号之前 / 最晚哪天), not the next one's day.
    pub(crate) deadline_date: Regex,
    /// A sum of money: 多少钱 / 费用标准 / 报酬多少.
    pub(crate) amount: Regex,
    /// A figure at all (几 / 多少 / 多久 / 哪天), not only whether.
    pub(crate) figure: Regex,
    /// A figure named (半数以上 / 提前3天 / 5个工作日).
    pub(crate) figure_named: Regex,
    /// A rule that permits, requires or forbids: 能不能 / 可以吗 / 要不要.
    pub(crate) permission: Regex,
    /// The kinds of something: 哪几种 / 哪几类 / 哪些类型.
    pub(crate) kinds: Regex,
    /// A document asked for by its kind (哪个纲要, 依据哪些法律): the group `kind`.
    pub(crate) title_asked: Regex,
    /// Days in advance: 提前几天 / 几天前.
    pub(crate) in_advance: Regex,
    /// The words a time limit is asked of, after its figure: the group `words`.
    pub(crate) limit_of: Regex,
    /// A step of procedure asked yes or no: the group `step`.
    pub(crate) step_asked: Regex,
    /// A body asked for a step of procedure: the group `verb`.
    pub(crate) body_asked: Regex,
    /// Words that name a body or an office holder that takes a step.
    pub(crate) body_words: Regex,
    /// Steps of approval in other words than the one asked.
    pub(crate) approvals: Regex,
    /// Kinds of document (纪要, 请示, 规范性文件): a limit stated of one kind in
    /// an article that names another asked is not that one's.
    pub(crate) document_kinds: Regex,
    /// What a refusal says is unsaid for a body asked; `{verb}` is the step.
    pub(crate) body_label: String,
    /// A body said to do something (由…办理).
    pub(crate) body_does: Regex,
    /// Words of `permission` that state a rule rather than ask one.
    pub(crate) permission_stated: Regex,
    /// A kind of matter named with the meetings (项目…要不要上常务会).
    pub(crate) matter_to_meeting: Regex,
    /// The kinds of matter an article lists (规划, 预算, 项目 …).
    pub(crate) matters_listed: Regex,
    /// Before a meeting named: it is where a matter goes (上, 提交, 往 …).
    pub(crate) meeting_destination: Regex,
    /// After a meeting named: it is where a document came from, or a day (定的,
    /// 通过的, 那天).
    pub(crate) meeting_origin: Regex,
    /// The option offered after the first (还是按季度, group 1).
    pub(crate) offered_option: Regex,
    /// Details asked that only an article naming one states (周几, 电话是多少,
    /// 几点, 现在是谁), in class-name order.
    pub(crate) details: Vec<Detail>,
    /// Units by class, in class-name order.
    pub(crate) units: Vec<Unit>,
    /// A figure asked with its unit (几年, 多少平米: the group `unit`) or by
    /// its measure (字数…多少: the group `measure`).
    pub(crate) unit_asked: Regex,
    /// The figure words of a question (几天, 多少个工作日, 多久开一次 …): what is
    /// asked, not what it is about, left out of the pairs that tie a stated
    /// figure to the question's subject.
    pub(crate) figure_words: Regex,
    /// Voice-input slips in the question words themselves (多小 → 多少, 能部能
    /// → 能不能), as written → as meant.
    pub(crate) slips: Vec<(String, String)>,
    /// Which of the cues [`Asks::of`] reads ([`Cue`], then `details`) may
    /// match a question, from their literals in one pass: most match nothing,
    /// and are not run.
    pub(crate) asks_gate: crate::intents::prefilter::PatternGate,
}

/// The cues [`Asks::of`] reads, numbered as in [`Cues::asks_gate`].
#[derive(Debug, Clone, Copy)]
enum Cue {
    Frequency,
    FrequencyNamed,
    When,
    Kinds,
    Starts,
    TimeLimit,
    Quorum,
    Count,
    Threshold,
    Who,
    Members,
    Recipient,
    WhichMeeting,
    Compare,
    Permission,
    Amount,
    Date,
    Figure,
    FigureNamed,
    TitleAsked,
    InAdvance,
    MatterToMeeting,
    Identity,
    ArticleAsked,
    UnitAsked,
    LimitOf,
    StepAsked,
    BodyAsked,
}

impl Cue {
    const ALL: [Cue; 28] = [
        Cue::Frequency,
        Cue::FrequencyNamed,
        Cue::When,
        Cue::Kinds,
        Cue::Starts,
        Cue::TimeLimit,
        Cue::Quorum,
        Cue::Count,
        Cue::Threshold,
        Cue::Who,
        Cue::Members,
        Cue::Recipient,
        Cue::WhichMeeting,
        Cue::Compare,
        Cue::Permission,
        Cue::Amount,
        Cue::Date,
        Cue::Figure,
        Cue::FigureNamed,
        Cue::TitleAsked,
        Cue::InAdvance,
        Cue::MatterToMeeting,
        Cue::Identity,
        Cue::ArticleAsked,
        Cue::UnitAsked,
        Cue::LimitOf,
        Cue::StepAsked,
        Cue::BodyAsked,
    ];
}

/// The cues of one question that may match it ([`Cues::asks_gate`]).
struct Gated<'a> {
    cues: &'a Cues,
    text: &'a str,
    on: Vec<bool>,
}

impl Gated<'_> {
    fn is_match(&self, k: Cue) -> bool {
        self.on[k as usize] && self.cues.cue(k).is_match(self.text)
    }

    fn captures(&self, k: Cue) -> Option<regex::Captures<'_>> {
        if !self.on[k as usize] {
            return None;
        }
        self.cues.cue(k).captures(self.text)
    }

    fn find(&self, k: Cue) -> Option<regex::Match<'_>> {
        if !self.on[k as usize] {
            return None;
        }
        self.cues.cue(k).find(self.text)
    }

    /// The first detail class asked.
    fn detail(&self) -> Option<usize> {
        let first = Cue::ALL.len();
        self.cues
            .details
            .iter()
            .enumerate()
            .position(|(i, d)| self.on[first + i] && d.asked.is_match(self.text))
    }
}

/// `intents/cues.toml` as written: one regex per kind of question word.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CuesFile {
    #[serde(default)]
    pub slips: std::collections::BTreeMap<String, String>,
    pub not_asking: String,
    pub time_limit: String,
    pub frequency: String,
    pub frequency_named: String,
    pub when: String,
    pub starts: String,
    pub rule_asked: String,
    pub fewer_people: String,
    pub reference: String,
    pub system_asked: String,
    pub when_as_case: String,
    pub says_when: String,
    pub identity_not_role: String,
    pub asking: String,
    pub few: String,
    pub quorum: String,
    pub count: String,
    pub threshold: String,
    pub who: String,
    pub members: String,
    pub recipient: String,
    pub which_meeting: String,
    pub compare: String,
    pub identity: String,
    pub article_asked: String,
    pub date: String,
    pub deadline_date: String,
    pub amount: String,
    pub figure: String,
    pub figure_named: String,
    pub permission: String,
    pub kinds: String,
    pub title_asked: String,
    pub in_advance: String,
    pub limit_of: String,
    pub step_asked: String,
    pub body_asked: String,
    pub body_words: String,
    pub approvals: String,
    pub document_kinds: String,
    pub body_label: String,
    pub body_does: String,
    pub permission_stated: String,
    pub matter_to_meeting: String,
    pub matters_listed: String,
    pub meeting_destination: String,
    pub meeting_origin: String,
    pub offered_option: String,
    pub figure_words: String,
    /// Detail classes: what asks for one, and what states one.
    pub details: std::collections::BTreeMap<String, DetailFile>,
    /// Unit classes: the words of each, as a regex, and what its figure is called.
    pub units: std::collections::BTreeMap<String, UnitFile>,
}

/// A unit class of `intents/cues.toml` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct UnitFile {
    pub label: String,
    pub words: String,
}

/// A class of units a figure is asked in (days, years, 字 …).
#[derive(Debug, Clone)]
pub struct Unit {
    /// The class's name in `cues.toml` (`days`, `words` …).
    pub class: String,
    /// What a figure in it is called in a refusal (天数, 字数).
    pub label: String,
    /// The unit words of the class, as a whole-match regex.
    pub(crate) whole: Regex,
    /// A number in one of them as an article states it (五年, 3000字).
    pub(crate) stated: Regex,
}

/// A detail class of `intents/cues.toml` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DetailFile {
    pub label: String,
    pub asked: String,
    pub stated: String,
    /// Whether an article that states one ranks higher (default yes).
    #[serde(default = "yes")]
    pub ranks: bool,
}

fn yes() -> bool {
    true
}

/// A detail that only an article naming one states (a day of the week, a
/// telephone number, an hour, a venue, a person's name).
#[derive(Debug, Clone)]
pub struct Detail {
    /// The class's name in `cues.toml` (`day`, `contact` …).
    pub class: String,
    /// What the class is called in `--explain` and in a refusal (星期或月份).
    pub label: String,
    /// Matched on the question: it asks for such a detail.
    pub(crate) asked: Regex,
    /// Matched on an article's text: it states one; `None` when the rules
    /// never do (a person's name).
    pub(crate) stated: Option<Regex>,
    /// An article that states one ranks higher; not when `stated` is what
    /// many articles say in passing (网站, 网上: where things are published).
    pub ranks: bool,
}

impl Detail {
    /// Does an article's text state a detail of this class?
    pub fn stated_in(&self, text: &str) -> bool {
        self.stated.as_ref().is_some_and(|re| re.is_match(text))
    }
}

/// The unit of a threshold the question names (请假超过2次要通报吗 names times):
/// asked yes or no, it is the figure the rule must state.
fn threshold_unit(c: &Cues, normalized: &str) -> Option<usize> {
    static NAMED: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
        Regex::new(r"(超过|不超过|不少于|至少|最多|满)[0-9]+个?(\p{Han}{1,3})")
            .expect("named threshold")
    });
    let m = NAMED.captures(normalized)?;
    let after: Vec<char> = m[2].chars().collect();
    (1..=after.len()).rev().find_map(|n| {
        let word: String = after[..n].iter().collect();
        c.units.iter().position(|u| u.whole.is_match(&word))
    })
}

impl Cues {
    /// The cue `k`.
    fn cue(&self, k: Cue) -> &Regex {
        match k {
            Cue::Frequency => &self.frequency,
            Cue::FrequencyNamed => &self.frequency_named,
            Cue::When => &self.when,
            Cue::Kinds => &self.kinds,
            Cue::Starts => &self.starts,
            Cue::TimeLimit => &self.time_limit,
            Cue::Quorum => &self.quorum,
            Cue::Count => &self.count,
            Cue::Threshold => &self.threshold,
            Cue::Who => &self.who,
            Cue::Members => &self.members,
            Cue::Recipient => &self.recipient,
            Cue::WhichMeeting => &self.which_meeting,
            Cue::Compare => &self.compare,
            Cue::Permission => &self.permission,
            Cue::Amount => &self.amount,
            Cue::Date => &self.date,
            Cue::Figure => &self.figure,
            Cue::FigureNamed => &self.figure_named,
            Cue::TitleAsked => &self.title_asked,
            Cue::InAdvance => &self.in_advance,
            Cue::MatterToMeeting => &self.matter_to_meeting,
            Cue::Identity => &self.identity,
            Cue::ArticleAsked => &self.article_asked,
            Cue::UnitAsked => &self.unit_asked,
            Cue::LimitOf => &self.limit_of,
            Cue::StepAsked => &self.step_asked,
            Cue::BodyAsked => &self.body_asked,
        }
    }

    /// The cues with their gate ([`Cues::asks_gate`]) built.
    pub(crate) fn gated(mut self) -> Cues {
        let patterns: Vec<String> = Cue::ALL
            .iter()
            .map(|&k| self.cue(k).as_str().to_string())
            .chain(self.details.iter().map(|d| d.asked.as_str().to_string()))
            .collect();
        self.asks_gate =
            crate::intents::prefilter::PatternGate::build(patterns.iter().map(String::as_str));
        self
    }

    /// A detail class by its index in [`Asks::detail`].
    pub fn detail(&self, index: usize) -> Option<&Detail> {
        self.details.get(index)
    }

    /// The name of a unit class (`days`, `years`, `area` …).
    pub fn unit_class(&self, index: usize) -> Option<&str> {
        self.units.get(index).map(|u| u.class.as_str())
    }

    /// The question without its figure words (几天, 多少个工作日内, 多久开一次):
    /// the words left say what the figure is about.
    pub fn without_figure_words(&self, text: &str) -> String {
        self.figure_words.replace_all(text, "，").into_owned()
    }
}

/// The kinds asked in [`Asks::names`] that ask for no figure (who, whether, when).
pub const NOT_FIGURES: [&str; 5] = ["由谁", "向谁", "可否", "时间", "文件"];

impl Asks {
    /// Reads the question words of a normalised question.
    pub fn of(c: &Cues, normalized: &str) -> Asks {
        // 多小钱, 能部能: the question words as meant (copied only when one is there).
        let mut fixed = std::borrow::Cow::Borrowed(normalized);
        for (from, to) in &c.slips {
            if fixed.contains(from.as_str()) {
                fixed = std::borrow::Cow::Owned(fixed.replace(from.as_str(), to));
            }
        }
        let normalized = fixed.as_ref();
        // "这几天" / "好几个部门" say how many, not ask it.
        let normalized = &c.not_asking.replace_all(normalized, "$keep");
        let normalized = &indefinite_before_yes_no(c, normalized);
        let normalized = &few_within_clauses(c, normalized);
        let g = Gated {
            cues: c,
            text: normalized,
            on: c.asks_gate.open(normalized),
        };
        // "每年的决策目录啥时候编" names a period and asks when; "每年要报吗"
        // names one and asks whether, which ranks articles with a frequency.
        // "每年报送几种简报" names a period and asks how many kinds.
        let frequency = g.is_match(Cue::Frequency)
            || (g.is_match(Cue::FrequencyNamed)
                && !g.is_match(Cue::When)
                && !g.is_match(Cue::Kinds));
        // "哪天开始执行" asks when a rule takes effect: a point in time that an
        // article names (自发布之日起执行), not a time limit.
        let starts = g.is_match(Cue::Starts);
        // "多久开一次" asks a frequency, not a time limit.
        let time_limit = !starts
            && if frequency {
                c.time_limit
                    .is_match(&c.frequency.replace_all(normalized, ""))
            } else {
                g.is_match(Cue::TimeLimit)
            };
        Asks {
            time_limit,
            frequency,
            quorum: g.is_match(Cue::Quorum),
            count: g.is_match(Cue::Count),
            threshold: g.is_match(Cue::Threshold),
            who: g.is_match(Cue::Who),
            members: g.is_match(Cue::Members),
            recipient: g
                .captures(Cue::Recipient)
                .and_then(|m| m.name("verb"))
                .map(|m| m.as_str().to_string()),
            which_meeting: g.is_match(Cue::WhichMeeting),
            compare: g.is_match(Cue::Compare),
            permission: g.is_match(Cue::Permission),
            amount: g.is_match(Cue::Amount),
            date: !starts && g.is_match(Cue::Date),
            figure: g.is_match(Cue::Figure),
            figure_named: g.is_match(Cue::FigureNamed),
            kinds: g
                .find(Cue::Kinds)
                .and_then(|m| kinds_named(normalized, m.start(), m.end())),
            title_of: g
                .captures(Cue::TitleAsked)
                .and_then(|m| m.name("kind"))
                .map(|m| match m.as_str() {
                    "法律" | "法规" => "法".to_string(),
                    k => k.to_string(),
                }),
            in_advance: g.is_match(Cue::InAdvance),
            matter_to_meeting: g.is_match(Cue::MatterToMeeting),
            detail: g.detail(),
            identity: g
                .captures(Cue::Identity)
                .and_then(|m| m.name("role"))
                .map(|m| m.as_str())
                // 主持的是谁 asks who does it; 审核、签发分别是谁 asks who does each
                // (cues.toml `identity_not_role`).
                .filter(|r| !c.identity_not_role.is_match(r))
                .map(str::to_string),
            article: g
                .captures(Cue::ArticleAsked)
                .and_then(|m| m.name("number"))
                .and_then(|m| crate::text::parse_chinese_numeral(m.as_str()))
                .filter(|n| *n > 0),
            when: starts || g.is_match(Cue::When),
            unit: g
                .captures(Cue::UnitAsked)
                .and_then(|m| {
                    let word = m.name("unit").or_else(|| m.name("measure"))?.as_str();
                    c.units.iter().position(|u| u.whole.is_match(word))
                })
                .or_else(|| threshold_unit(c, normalized)),
            limit_of: g
                .captures(Cue::LimitOf)
                .and_then(|m| m.name("words"))
                .map(|m| m.as_str().to_string())
                .filter(|_| time_limit),
            step: g
                .captures(Cue::StepAsked)
                .and_then(|m| m.name("step").or_else(|| m.name("checked")))
                .map(|m| m.as_str().to_string()),
            body_for: g
                .captures(Cue::BodyAsked)
                .and_then(|m| m.name("verb"))
                .map(|m| BodyAsked {
                    verb: m.as_str().to_string(),
                    label: c.body_label.replace("{verb}", m.as_str()),
                }),
        }
    }

    /// Does this reading (of a repaired text) still ask all that `before` asked?
    /// A repair that takes a question word away (多少字 read as 多少事) is not a
    /// slip repaired; one that adds an ask (才算有校 → 有效, a quorum) is.
    pub fn keeps(&self, before: &Asks) -> bool {
        fn kept<T>(after: &Option<T>, before: &Option<T>) -> bool {
            before.is_none() || after.is_some()
        }
        // Every field named (no `..`): a field added to `Asks` does not compile
        // here until it is said whether a repair may drop it.
        let Asks {
            time_limit,
            frequency,
            quorum,
            count,
            threshold,
            who,
            members,
            recipient,
            which_meeting,
            compare,
            permission,
            amount,
            date,
            figure,
            figure_named,
            kinds,
            title_of,
            in_advance,
            matter_to_meeting,
            detail,
            identity,
            article,
            when,
            unit,
            // What the limit is for is no question word: a repair may change it.
            limit_of: _,
            step,
            body_for,
        } = before;
        let flags = [
            (*time_limit, self.time_limit),
            (*frequency, self.frequency),
            (*quorum, self.quorum),
            (*count, self.count),
            (*threshold, self.threshold),
            (*who, self.who),
            (*members, self.members),
            (*which_meeting, self.which_meeting),
            (*compare, self.compare),
            (*permission, self.permission),
            (*amount, self.amount),
            (*date, self.date),
            (*figure, self.figure),
            (*figure_named, self.figure_named),
            (*in_advance, self.in_advance),
            (*matter_to_meeting, self.matter_to_meeting),
            (*when, self.when),
        ];
        flags.iter().all(|&(b, a)| !b || a)
            && kept(&self.kinds, kinds)
            && kept(&self.recipient, recipient)
            && kept(&self.title_of, title_of)
            && kept(&self.detail, detail)
            && kept(&self.identity, identity)
            && kept(&self.article, article)
            && kept(&self.unit, unit)
            && kept(&self.step, step)
            && kept(&self.body_for, body_for)
    }

    /// Does the question ask for a figure (a time limit, frequency, quorum,
    /// count, threshold or sum of money) that an article either states or does
    /// not? A question that names a period and asks whether (每年要报吗) does
    /// not; one that names the figure itself (半数以上才有效吗) does.
    pub fn quantity(&self) -> bool {
        ((self.figure || self.figure_named)
            && (self.time_limit
                || self.frequency
                || self.quorum
                || self.count
                || self.threshold
                || self.unit.is_some()))
            // Its cues ask by themselves (周一还是周五, 现在是谁, 发言人是谁,
            // 劳务费怎么算).
            || self.amount
            || self.detail.is_some()
            || self.identity.is_some()
    }

    /// Does an article's `text` state a number in the unit class asked? True
    /// when no unit is asked (the text is normalised only when one is).
    pub fn unit_stated(&self, cues: &Cues, text: &str) -> bool {
        let Some(class) = self.unit else {
            return true;
        };
        cues.units
            .get(class)
            .is_none_or(|u| u.stated.is_match(&crate::text::normalize(text)))
    }

    /// [`Asks::unit_stated`], in a clause that `about` accepts: a number in
    /// the unit said of what the question is about (讲话稿…多少字 is not
    /// answered by 汇报材料…不超过3000字).
    pub fn unit_stated_about(&self, cues: &Cues, text: &str, about: &dyn Fn(&str) -> bool) -> bool {
        let Some(class) = self.unit else {
            return true;
        };
        let Some(u) = cues.units.get(class) else {
            return true;
        };
        let text = crate::text::normalize(text);
        u.stated.find_iter(&text).any(|m| {
            let (from, to) = crate::text::clause_at(&text, m.start());
            about(&text[from..to])
        })
    }

    /// The kinds asked, as words (for `--explain` and a refusal): the step of
    /// procedure asked first (备案), the detail asked by its label in `cues`.
    pub fn names<'a>(&'a self, cues: &'a Cues) -> Vec<&'a str> {
        let mut v: Vec<&'a str> = Vec::new();
        // The step asked (备案, 审批) is what the article must name.
        if let Some(step) = &self.step {
            v.push(step);
        }
        // Who takes a step (备案的部门或领导).
        if let Some(b) = &self.body_for {
            v.push(&b.label);
        }
        for (on, name) in [
            (self.time_limit, "时限"),
            (self.frequency, "频次"),
            (self.quorum, "出席要求"),
            (self.count, "数量"),
            (self.threshold, "界限"),
            (self.who, "由谁"),
            (self.members, "组成人员"),
            (self.recipient.is_some(), "向谁"),
            (self.which_meeting, "会议"),
            (self.compare, "区别"),
            (self.permission, "可否"),
            (self.amount, "金额"),
            (self.kinds.is_some(), "种类"),
            (self.title_of.is_some(), "文件"),
            (self.when && !self.time_limit && !self.frequency, "时间"),
        ] {
            if on {
                v.push(name);
            }
        }
        if let Some(d) = self.detail.and_then(|i| cues.detail(i)) {
            v.push(&d.label);
        } else if self.identity.is_some() {
            v.push("人选");
        }
        // The unit's figure when no kind above names it (字数…多少).
        if v.iter().all(|n| NOT_FIGURES.contains(n))
            && let Some(u) = self.unit.and_then(|i| cues.units.get(i))
        {
            v.push(&u.label);
        }
        v
    }
}

/// A question whose last clause asks yes or no, and no figure (去外地几天,要走请假
/// 程序吗): a 几 in the clauses before it says "a few" (几天, 几个人), it does
/// not ask how many, so it is read as 数 (cues.toml `few`). Not when the last
/// clause asks only whether a rule says (提前几天,有规定吗), nor a 几 that the
/// clause asks by itself (每天要几个人, 到底几年, 提前几天).
fn indefinite_before_yes_no<'a>(c: &Cues, q: &'a str) -> std::borrow::Cow<'a, str> {
    let body = q.trim_end_matches(['?', '？', '!', '！', '。', ' ']);
    let Some(cut) = body.rfind([',', '，', ';', '；']) else {
        return q.into();
    };
    let (before, last) = body.split_at(cut);
    // The cheap test first: most questions have no 几 before their last clause.
    if !before.contains('几') {
        return q.into();
    }
    let yes_no = last.ends_with('吗') || last.ends_with('么') || c.permission.is_match(last);
    if !yes_no || c.figure.is_match(last) || c.rule_asked.is_match(last) {
        return q.into();
    }
    format!("{}{}", c.few.replace_all(before, "${keep}数"), &q[cut..]).into()
}

/// A 几 that asks no number within its clause, read as 数 by the same `few`
/// pattern as [`indefinite_before_yes_no`]:
/// - after a permission asked (能不能叫上几位人大代表一起): the clause asks
///   whether, not how many;
/// - before 哪位, 哪个 or 谁 asked later (几位副主任平时配合哪位领导): it names who
///   the clause is about, and asks who;
/// - a few of something that all or also do (科里几个人都挺关心, 好几个部门都沾边):
///   the clause says what several do, it does not ask how many.
fn few_within_clauses<'a>(c: &Cues, q: &'a str) -> std::borrow::Cow<'a, str> {
    if !q.contains('几') {
        return q.into();
    }
    let mut out = String::with_capacity(q.len());
    // A permission asked in a clause the next one continues (能不能分开,晚几天再发):
    // that clause asks whether too, when 几 is its only question word.
    let mut whether_open = false;
    for clause in q.split_inclusive([',', '，', ';', '；', '?', '？', '。']) {
        let continued = std::mem::take(&mut whether_open)
            && c.asking
                .find_iter(clause)
                .all(|m| m.as_str() == "几" || m.as_str() == "?" || m.as_str() == "？");
        // 必须, 允许, 不得 (cues.toml `permission_stated`) in a clause with no 吗
        // say what a rule does, they ask nothing (必须在几个月内答复 asks how many
        // months; 是必须一起发吗 asks).
        let asked_whether = c
            .permission
            .find_iter(clause)
            .find(|m| !c.permission_stated.is_match(m.as_str()) || clause.contains(['吗', '么']));
        let clause = match asked_whether {
            Some(m) => {
                // (能提拔吗,任职几年可以提: the first question is closed.)
                whether_open =
                    clause.ends_with([',', '，']) && !clause.contains(['吗', '呢', '么']);
                let (head, tail) = clause.split_at(m.end());
                std::borrow::Cow::Owned(format!("{head}{}", c.few.replace_all(tail, "${keep}数")))
            }
            None if continued => {
                std::borrow::Cow::Owned(c.few.replace_all(clause, "${keep}数").into_owned())
            }
            None => std::borrow::Cow::Borrowed(clause),
        };
        let clause = several_who_all(c, clause);
        let which = ["哪位", "哪个", "谁"]
            .iter()
            .filter_map(|w| clause.find(w))
            .min();
        match (clause.find('几'), which) {
            (Some(few), Some(at)) if few < at => {
                let (head, tail) = clause.split_at(at);
                out.push_str(&c.few.replace_all(head, "${keep}数"));
                out.push_str(tail);
            }
            _ => out.push_str(&clause),
        }
    }
    if out == q { q.into() } else { out.into() }
}

/// The clause with a 几 read as 数 where 都 or 也 follows it within four
/// characters of the thing counted (几个人都挺关心, 几位副市长都出差了).
fn several_who_all<'a>(c: &Cues, clause: std::borrow::Cow<'a, str>) -> std::borrow::Cow<'a, str> {
    let Some(at) = clause.find('几') else {
        return clause;
    };
    let after: Vec<char> = clause[at + '几'.len_utf8()..].chars().take(5).collect();
    let all_at = after.iter().position(|ch| matches!(ch, '都' | '也'));
    match all_at {
        Some(k) if k > 0 && after[..k].iter().all(|ch| crate::text::is_cjk(*ch)) => {
            let (head, tail) = clause.split_at(at + '几'.len_utf8());
            std::borrow::Cow::Owned(format!("{}{tail}", c.few.replace_all(head, "${keep}数")))
        }
        _ => clause,
    }
}

/// The one or two characters naming what a question asks the kinds of: the end
/// of the words after the cue (哪几种政府会议 → 会议, 哪几种会 → 会), else of the
/// words before it (会议有哪几种 → 会议).
fn kinds_named(q: &str, start: usize, end: usize) -> Option<[char; 2]> {
    const PARTICLES: &str = "吗呢啊呀的了吧嘛哦";
    let mut after: Vec<char> = q[end..]
        .chars()
        .take_while(|c| crate::text::is_cjk(*c) && !PARTICLES.contains(*c))
        .collect();
    // 建成哪几种政府来着: 来着 ends the sentence, the noun is before it.
    if after.ends_with(&['来', '着']) {
        after.truncate(after.len() - 2);
    }
    let words = if !after.is_empty() {
        after
    } else {
        let mut before: Vec<char> = q[..start]
            .chars()
            .rev()
            .take_while(|c| crate::text::is_cjk(*c))
            .collect();
        before.reverse();
        let mut s: String = before.into_iter().collect();
        for tail in [
            "都有", "共有", "包括", "分为", "分成", "有", "分", "是", "为",
        ] {
            if let Some(t) = s.strip_suffix(tail) {
                s = t.to_string();
                break;
            }
        }
        s.chars().collect()
    };
    match words.as_slice() {
        // 政府的会有哪几种: the noun is 会, not 的会.
        [.., a, b] if PARTICLES.contains(*a) => Some([*b, '\0']),
        [.., a, b] => Some([*a, *b]),
        [a] => Some([*a, '\0']),
        _ => None,
    }
}

/// The asker's own county, town or township as the subject (我们县的, 咱镇里,
/// 本乡政府); not its head (我们镇长 asks the city's rules about him).
static ASKER_LEVEL: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    Regex::new(r"(我们|咱们|我|咱|本)(县|镇|乡)(的|里|政府|委)").expect("asker level pattern")
});

/// Does the clause of `text` that names the place `m` ask something?
fn asks_in_clause(c: &Cues, text: &str, m: &PlaceMention) -> bool {
    const STOPS: [char; 10] = [',', '，', '。', ';', '；', '!', '！', '?', '？', '\n'];
    let start = text[..m.start]
        .char_indices()
        .rfind(|(_, c)| STOPS.contains(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[m.end..]
        .char_indices()
        .find(|(_, c)| STOPS.contains(c))
        .map_or(text.len(), |(i, c)| m.end + i + c.len_utf8());
    c.asking.is_match(&text[start..end])
}

/// A question as rulebot understood it, once.
#[derive(Debug, Clone, Default)]
pub struct Reading {
    /// The prepared text: normalised, canonical, places, role, topic flags.
    pub prepared: Prepared,
    /// What kind of answer it asks for.
    pub asks: Asks,
    /// Dates written in the question, each with its event (empty without a clock).
    pub dates: Vec<DateMention>,
    /// A date that cannot exist (2月30日), said back to the user.
    pub date_error: Option<WhenError>,
    /// The day the question is asked (Asia/Shanghai).
    pub today: chrono::NaiveDate,
    /// Jurisdictions the question names as its subject or as the asker's home.
    pub jurisdictions: Vec<String>,
    /// Jurisdictions the question names as the asker's own (我们昆山, 离昆).
    pub home: Vec<String>,
    /// Places rulebot has no document for, named as the subject.
    pub unknown_places: Vec<String>,
    /// A body named with its own meetings or rules (吐鲁番各区县政府自己的工作规则,
    /// 国务院常务会议): what is asked is that body's, whatever place is named
    /// with it.
    pub unheld_body: Option<String>,
    /// A destination named (北京, 沈阳).
    pub destination: Option<String>,
}

impl Reading {
    /// Reads a question. With `now` and a calendar, dates are read too.
    pub fn new(
        intents: &IntentSet,
        question: &str,
        when: Option<(DateTime<FixedOffset>, &Calendar)>,
    ) -> Reading {
        let prepared = intents.prepare(question);
        let asks = Asks::of(&intents.cues, &prepared.normalized);
        let today = when
            .map(|(now, _)| crate::when::today(now))
            .unwrap_or_default();
        let (dates, date_error) = match when {
            // The normalised text: full-width digits and traditional characters
            // read like the rest (２月６日 is 2月6日).
            Some((now, cal)) => match crate::when::find_dates(&prepared.normalized, now, cal) {
                Ok(d) => (d, None),
                Err(e) => (Vec::new(), Some(e)),
            },
            None => (Vec::new(), None),
        };
        let mut jurisdictions: Vec<String> = Vec::new();
        let mut home: Vec<String> = Vec::new();
        let mut unknown_places = Vec::new();
        let mut unheld_body = None;
        let mut destination = None;
        for m in &prepared.places {
            match (&m.jurisdiction, m.role) {
                (Some(j), PlaceRole::Subject | PlaceRole::Home) => {
                    if !jurisdictions.contains(j) {
                        jurisdictions.push(j.clone());
                    }
                    if m.role == PlaceRole::Home && !home.contains(j) {
                        home.push(j.clone());
                    }
                }
                // 吐鲁番高昌区政府的常务会议: the county's own government, named
                // by its full name; the city is only part of that name. Not when
                // the question also speaks of the city's bodies (吐鲁番高昌区政府
                // 报市政府审批的公文: the city's rules), unless it says the county's
                // own (自己, 本级).
                (None, PlaceRole::Subject)
                    if intents.gazetteer.county_by_full_name(
                        &prepared.normalized,
                        m,
                        &prepared.places,
                    ) && (intents
                        .gazetteer
                        .parent_addressed(&prepared.normalized, m)
                        .is_none()
                        || ["自己", "本级"]
                            .iter()
                            .any(|w| prepared.normalized.contains(w))) =>
                {
                    unheld_body.get_or_insert_with(|| m.name.clone());
                    unknown_places.push(m.name.clone());
                }
                // 高昌区报给市政府的公文: the asker is in a county of a held
                // city and asks about the city's rules.
                (None, PlaceRole::Subject) => {
                    match intents.gazetteer.parent_addressed(&prepared.normalized, m) {
                        Some(city) => {
                            for v in [&mut jurisdictions, &mut home] {
                                if !v.iter().any(|j| j == city) {
                                    v.push(city.to_string());
                                }
                            }
                        }
                        None => match intents
                            .gazetteer
                            .county_as_home(&prepared.normalized, m)
                            .or_else(|| intents.gazetteer.held_inside(&prepared.normalized, m))
                        {
                            // 我在鄯善县,政府规章公布后报哪里备案: the asker is in a
                            // county of a held city, whose rules answer; 朝阳市的
                            // 同事问:区长不在谁主持: the held district inside.
                            Some(held) => {
                                if !jurisdictions.iter().any(|j| j == held) {
                                    jurisdictions.push(held.to_string());
                                }
                            }
                            None => {
                                if m.body && unheld_body.is_none() {
                                    unheld_body = Some(m.name.clone());
                                }
                                unknown_places.push(m.name.clone())
                            }
                        },
                    }
                }
                (_, PlaceRole::Destination) if destination.is_none() => {
                    destination = Some(m.name.clone())
                }
                _ => {}
            }
        }
        // 我是吐鲁番的,想问下昆山市政府…: the asker's own place, said of the
        // asker, gives way to another held place named as the subject.
        let n = &prepared.normalized;
        let (own, named): (Vec<&PlaceMention>, Vec<&PlaceMention>) = prepared
            .places
            .iter()
            .filter(|m| m.role == PlaceRole::Subject && m.jurisdiction.is_some())
            .partition(|m| m.asker_own);
        // …or to a place held by no document named with its own government
        // (我们在昆山,想了解苏州市政府全体会议…).
        let unheld_own = !own.is_empty()
            && prepared.places.iter().any(|x| {
                x.jurisdiction.is_none()
                    && x.role == PlaceRole::Subject
                    && intents.gazetteer.owns(&n[x.end..])
            });
        for m in own {
            let j = m.jurisdiction.as_ref().expect("filtered");
            if named.iter().any(|x| x.jurisdiction.as_ref() != Some(j)) || unheld_own {
                jurisdictions.retain(|x| x != j);
                if !home.contains(j) {
                    home.push(j.clone());
                }
            }
        }
        // 株洲常务会每月两次,吐鲁番常务会多久开一次: a place named in a clause
        // that states gives way to one named in the clause that asks.
        if jurisdictions.len() > 1 {
            let asking: Vec<&String> = prepared
                .places
                .iter()
                .filter(|m| m.role == PlaceRole::Subject && asks_in_clause(&intents.cues, n, m))
                .filter_map(|m| m.jurisdiction.as_ref())
                .collect();
            if !asking.is_empty() {
                jurisdictions.retain(|j| asking.contains(&j));
            }
        }
        // 我们县的县长办公会议…: the asker's own county (town, township) when no
        // held document is of that level: a place held by no document, though
        // unnamed.
        if jurisdictions.is_empty()
            && unknown_places.is_empty()
            && let Some(m) = ASKER_LEVEL.captures(&prepared.normalized)
            && !intents
                .jurisdictions
                .iter()
                .any(|j| j.jurisdiction.ends_with(&m[2]))
            // 市里要求我们对本县…: the asker's county under a held city's bodies
            // asks the city's rules.
            && !intents
                .jurisdictions
                .iter()
                .filter_map(|j| j.jurisdiction.chars().last())
                .any(|level| intents.gazetteer.level_addressed(&prepared.normalized, level))
        {
            unknown_places.push(format!("{}{}", &m[1], &m[2]));
        }
        Reading {
            prepared,
            asks,
            dates,
            date_error,
            today,
            jurisdictions,
            home,
            unknown_places,
            unheld_body,
            destination,
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The shipped question words (`intents/cues.toml`), for tests.
    pub(crate) fn cues() -> &'static Cues {
        static CUES: std::sync::LazyLock<Cues> = std::sync::LazyLock::new(|| {
            let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../intents"));
            crate::intents::load_cues(&dir.join("cues.toml")).expect("cues.toml")
        });
        &CUES
    }

    /// The gate is built over `Cue::ALL` and read by each cue's number: the
    /// two orders are one.
    #[test]
    fn the_cues_are_numbered_in_their_gate_order() {
        for (i, &k) in Cue::ALL.iter().enumerate() {
            assert_eq!(k as usize, i, "{k:?}");
        }
    }

    /// The gate never shuts a cue that matches: on every question of the
    /// development sets (and their normalised forms), each cue [`Asks::of`]
    /// reads that matches is open.
    #[test]
    fn the_gate_opens_every_cue_that_matches() {
        let c = cues();
        let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data"));
        let mut checked = 0;
        for file in ["dev.jsonl", "dev-a.jsonl", "dev-b.jsonl"] {
            let text = std::fs::read_to_string(dir.join(file)).expect("a development set");
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                let v: serde_json::Value = serde_json::from_str(line).expect("a case");
                let q = v["question"].as_str().expect("a question");
                for q in [q.to_string(), crate::text::normalize(q)] {
                    let on = c.asks_gate.open(&q);
                    for (i, &k) in Cue::ALL.iter().enumerate() {
                        assert!(on[i] || !c.cue(k).is_match(&q), "{k:?} shut on {q}");
                        checked += usize::from(on[i]);
                    }
                    for (i, d) in c.details.iter().enumerate() {
                        assert!(on[Cue::ALL.len() + i] || !d.asked.is_match(&q), "{q}");
                    }
                }
            }
        }
        assert!(checked > 0);
    }

    #[test]
    fn an_article_asked_by_number() {
        let n = |q: &str| Asks::of(cues(), q).article;
        assert_eq!(n("乐清市政府工作规则第四十条是什么内容"), Some(40));
        assert_eq!(n("第44条讲的啥"), Some(44));
        assert_eq!(n("规则第十二条怎么规定的"), Some(12));
        // An article named in passing is not asked for.
        assert_eq!(n("第十条说的副市长分工,常务会议谁主持"), None);
        assert_eq!(n("按第十条,副市长谁分管"), None);
    }

    #[test]
    fn a_role_asked_by_name_is_read_whole() {
        let role = |q: &str| Asks::of(cues(), q).identity;
        assert_eq!(role("新闻发言人是谁?").as_deref(), Some("新闻发言人"));
        assert_eq!(role("第一责任人到底是哪位").as_deref(), Some("第一责任人"));
        // Who does something is not who holds a role.
        assert_eq!(role("常务会议纪要是谁签发的"), None);
        assert_eq!(role("市长不在时主持工作的是谁"), None);
        assert_eq!(role("纪要审核、签发分别是谁?"), None);
    }

    #[test]
    fn the_clause_that_asks() {
        let text = "株洲常务会每月两次,吐鲁番常务会多久开一次";
        let at = |name: &str| {
            let start = text.find(name).unwrap();
            PlaceMention {
                name: name.to_string(),
                jurisdiction: None,
                role: PlaceRole::Subject,
                asker_own: false,
                body: false,
                start,
                end: start + name.len(),
            }
        };
        assert!(!asks_in_clause(cues(), text, &at("株洲")));
        assert!(asks_in_clause(cues(), text, &at("吐鲁番")));
    }

    #[test]
    fn a_repair_keeps_what_was_asked() {
        let before = Asks::of(cues(), "政府工作报告一般写多少字");
        assert!(!Asks::of(cues(), "政府工作报告一般写多少事").keeps(&before));
        let before = Asks::of(cues(), "常务会到多少人才算有校");
        let after = Asks::of(cues(), "常务会到多少人才算有效");
        assert!(after.keeps(&before) && after.quorum && !before.quorum);
    }

    #[test]
    fn members_and_recipients_asked() {
        // Who the members are, not what is required of them.
        assert!(Asks::of(cues(), "常务会议组成人员有哪些").members);
        assert!(Asks::of(cues(), "政府组成人员都有谁?").members);
        assert!(!Asks::of(cues(), "市政府组成人员有哪些基本要求").members);
        // A fragment that ends on the members asks who they are.
        assert!(Asks::of(cues(), "吐鲁番 常务会 组成人员").members);
        assert!(!Asks::of(cues(), "组成人员要求").members);
        // To whom something goes, by the verb.
        assert_eq!(
            Asks::of(cues(), "重要事项向谁请示").recipient.as_deref(),
            Some("请示")
        );
        assert_eq!(
            Asks::of(cues(), "这个方案报谁审批").recipient.as_deref(),
            Some("审批")
        );
        assert_eq!(Asks::of(cues(), "谁来主持").recipient, None);
    }

    #[test]
    fn asking_how_often_and_how_many() {
        assert!(Asks::of(cues(), "全体会多久开").frequency);
        // 开一会 for 开一回 (fresh-44, fresh-58); a second question after it.
        assert!(Asks::of(cues(), "全体会议多久开1会").frequency);
        assert!(Asks::of(cues(), "常务会议多久开?能不能临时开").frequency);
        assert!(!Asks::of(cues(), "常务会议一般开多长时间").frequency);
        assert!(!Asks::of(cues(), "协调了几次都不行,下一步该找谁").frequency);
        assert!(Asks::of(cues(), "副秘书长有几个").count);
        // 几 after a permission asked says "a few" (fresh-60).
        assert!(!Asks::of(cues(), "调研能不能叫上几位人大代表一起").count);
        assert!(Asks::of(cues(), "调研最多叫几位人大代表").count);
        // 必须 says what a rule does: the 几 after it is asked (fresh-147).
        assert!(Asks::of(cues(), "人大代表建议必须在交办之日起几个月内答复代表?").time_limit);
        // 几 before 哪位 or 谁 in the same clause names who is asked about
        // (fresh-66); 几 after it, or in a clause of its own, asks how many.
        let a = Asks::of(cues(), "几位副主任平时主要是配合哪位领导工作的?");
        assert!(!a.count && a.who, "{a:?}");
        assert!(Asks::of(cues(), "谁主持,要几个人参加").count);
        // A few who all do something (fresh-81): no count asked.
        assert!(!Asks::of(cues(), "跟提拔有没有关系?科里几个人都挺关心").count);
        assert!(Asks::of(cues(), "科里要几个人参加").count);
        assert!(Asks::of(cues(), "常务会议要几个人参加").count);
        assert!(!Asks::of(cues(), "这些文件还算不算有效").quorum);
        assert!(Asks::of(cues(), "到几个人才算有效").quorum);
        // Members counted by their name (fresh-147).
        assert!(Asks::of(cues(), "党组会议需要多少党组成员到会才能召开").quorum);
        assert_eq!(
            Asks::of(cues(), "有几份是2015年出的,有效期几年").unit,
            Asks::of(cues(), "有效期几年").unit
        );
    }

    #[test]
    fn question_words_say_what_is_asked() {
        let a = Asks::of(cues(), "常务会议多久开一次");
        assert!(a.frequency && !a.who && !a.quorum && !a.time_limit);
        let a = Asks::of(cues(), "全体会多久开一回");
        assert!(a.frequency && !a.time_limit);
        assert!(Asks::of(cues(), "常务会要多少人到厂才算数?").quorum);
        let a = Asks::of(cues(), "全体会议一年开几回");
        assert!(a.frequency && !a.time_limit);
        let a = Asks::of(cues(), "常务会议要到多少人才算有效啊");
        assert!(a.quorum);
        let a = Asks::of(cues(), "会议纪要由谁签发");
        assert!(a.who && !a.frequency);
        let a = Asks::of(cues(), "会签文件最晚哪天回复");
        assert!(a.time_limit && !a.frequency);
        let a = Asks::of(cues(), "市长这几天去杭州出差,期间市政府工作谁主持?");
        assert!(!a.time_limit && a.who);
        // Regression (fresh-7): 提前几天 asks; 前几天 alone does not.
        assert!(Asks::of(cues(), "局长外出要提前几天报备").time_limit);
        assert!(!Asks::of(cues(), "前几天发的文件").time_limit);
        // Regression (fresh-82): 没几天 says a short while, asks nothing.
        let a = Asks::of(
            cues(),
            "刚考进来没几天,问个基础的:市长助理算不算市政府组成人员啊?",
        );
        assert!(!a.time_limit);
        // Regression (fresh-181): a few that will do (挂几天就行了) is said, not
        // asked; in how many days something can be done still asks.
        let a = Asks::of(
            cues(),
            "出台前要不要向社会公开征求意见?科长觉得放网上挂几天就行了",
        );
        assert!(!a.time_limit);
        assert!(Asks::of(cues(), "会签件几天就可以回复?").time_limit);
        // When a rule takes effect is a point in time, not a time limit; a
        // deadline to carry something out still is one.
        // (Questions are read with counted numerals as digits: 哪一天 is 哪1天.)
        let a = Asks::of(
            cues(),
            &crate::text::numerals_to_digits("这个办法从哪一天开始施行"),
        );
        assert!(a.when && !a.time_limit && !a.date);
        assert!(Asks::of(cues(), "新规定什么时候生效").when);
        // A few days said, then a yes-or-no question: no figure is asked.
        let a = Asks::of(cues(), "我要去外地几天,需要请假吗?");
        assert!(!a.time_limit && !a.figure, "{a:?}");
        // f103-096: what happened (伤了几个人) asks no count.
        let a = Asks::of(cues(), "工地出了事故,伤了几个人,要不要马上报市政府?");
        assert!(!a.count, "{a:?}");
        let a = Asks::of(cues(), "出差要提前几天,有规定吗");
        assert!(a.time_limit);
        let a = Asks::of(cues(), "常务会几个人到场才算数,有没有要求");
        assert!(a.quorum);
        let a = Asks::of(cues(), "值班每天要几个人,有加班费吗");
        assert!(a.count);
        let a = Asks::of(cues(), "聘期到底几年,到期会自动续吗");
        assert!(a.time_limit);
        let a = Asks::of(cues(), "去北京出差,提前几天报备?");
        assert!(a.time_limit);
        let a = Asks::of(cues(), "批示件几号前要执行完");
        assert!(a.time_limit && a.date);
        // Regression (fresh-183): the last day (最后一天, 最后期限) is a date asked.
        let a = Asks::of(
            cues(),
            &crate::text::numerals_to_digits("征求意见函今天到 帮算下最后一天"),
        );
        assert!(a.time_limit && a.date, "{a:?}");
        // Regression (fresh-18): before an event (到期前, 会前) it asks how long before.
        let a = Asks::of(cues(), "聘期届满前几个月要续聘");
        assert!(a.time_limit && a.in_advance);
        // Regression (fresh-186): 到期前多久 asks how long before, as 到期前几天 does.
        let a = Asks::of(cues(), "五年有效期,到期前多久要启动评估?");
        assert!(a.time_limit && a.in_advance, "{a:?}");
        let a = Asks::of(cues(), "我们的议题几个部门意见还没统一");
        assert!(!a.count);
        let a = Asks::of(cues(), "外出吃饭要报告吗");
        assert!(!a.time_limit && !a.frequency && !a.who);
        assert!(Asks::of(cues(), "能不能一个文件请示好几件事").permission);
    }

    #[test]
    fn a_document_asked_by_its_kind() {
        assert_eq!(
            Asks::of(cues(), "法治政府建设要贯彻哪个纲要")
                .title_of
                .as_deref(),
            Some("纲要")
        );
        assert_eq!(
            Asks::of(cues(), "工作规则是依据哪些法律定的")
                .title_of
                .as_deref(),
            Some("法")
        );
        assert_eq!(Asks::of(cues(), "纲要是什么时候印发的").title_of, None);
    }

    #[test]
    fn a_step_asked_yes_or_no_is_named() {
        let step = |q: &str| Asks::of(cues(), q).step;
        assert_eq!(
            step("目录编好了,要不要报市人大常委会备案").as_deref(),
            Some("备案")
        );
        assert_eq!(step("需不需要先经市政府审批").as_deref(), Some("审批"));
        // Asked when or where it is taken, or yes or no with 吗 (fresh-160/161).
        assert_eq!(step("目录要在什么时候向社会公布?").as_deref(), Some("公布"));
        assert_eq!(step("编好以后在哪里向社会公布?").as_deref(), Some("公布"));
        assert_eq!(step("编好以后要报市人大备案吗").as_deref(), Some("备案"));
        assert_eq!(step("要报市人大备案"), None);
        // Who files it, or how long it takes, is no step asked yes or no.
        assert_eq!(step("报谁备案"), None);
    }

    #[test]
    fn a_time_in_advance_asked_by_how_long() {
        // fresh-141: 提前多久 asks a limit before an event (a term of five years
        // does not answer it).
        assert!(Asks::of(cues(), "有效期快到了,要提前多久启动评估").in_advance);
        assert!(Asks::of(cues(), "要提前几天报备").in_advance);
    }

    #[test]
    fn a_body_asked_for_a_step_names_the_step() {
        let body = |q: &str| Asks::of(cues(), q).body_for.map(|b| b.verb);
        assert_eq!(body("年度计划要报哪个部门备案?").as_deref(), Some("备案"));
        assert_eq!(body("节会活动要哪个部门审批").as_deref(), Some("审批"));
        assert_eq!(body("规范性文件报哪里备案").as_deref(), Some("备案"));
        assert_eq!(body("延期找谁批").as_deref(), Some("批"));
        assert_eq!(body("隔离点设置归谁审批?").as_deref(), Some("审批"));
        // Who handles a case (fresh-160, fresh-162: 复议案件由哪个部门具体承办).
        assert_eq!(body("复议案件由哪个部门具体承办?").as_deref(), Some("承办"));
        // Who signs, named as a leader (fresh-152); a refusal names what is unsaid.
        assert_eq!(body("批评约谈单由哪位领导签发").as_deref(), Some("签发"));
        assert_eq!(
            Asks::of(cues(), "由哪位领导签发")
                .names(cues())
                .first()
                .copied(),
            Some("签发的部门或领导")
        );
        // Who is responsible is said in many words: no step asked.
        assert_eq!(body("规章由谁负责解释"), None);
        assert_eq!(body("要不要报备案"), None);
    }

    #[test]
    fn issues_counted_and_a_term_asked_are_figures() {
        let a = |q: &str| Asks::of(cues(), q);
        // 报几期 counts issues (fresh-144, fresh-163).
        assert!(a("1个部门1个月可以给市政府报几期简报?").count);
        // A term asked after what it is of (会期一般安排多长, 挂职期一般多长).
        assert!(a("全体会议每次会期一般安排多长?").time_limit);
        assert!(!a("会议期间手机要关机吗,时间多长不清楚,怎么办").time_limit);
    }

    #[test]
    fn a_limit_the_question_states_is_not_asked() {
        let limit = |q: &str| Asks::of(cues(), q).time_limit;
        // 出差几天 before another question is a few days, not how many
        // (fresh-160, fresh-162: 要离开吐鲁番去外地出差几天,需要履行什么手续).
        assert!(!limit("局长要离开吐鲁番去外地出差几天,需要履行什么手续?"));
        assert!(limit("局长出差要提前几天报备?"));
        assert!(limit("部门规范性文件要在多少日内报市政府备案"));
        assert!(limit("发布后几日内报备案?"));
        // 3天内 is what the asker's unit was told, not what is asked (fresh-159).
        assert!(!limit("想直接给各乡镇街下个通知,让他们3天内报数,这样行吗?"));
        assert!(!limit("我们局想10天内办完,行吗"));
    }

    #[test]
    fn a_frequency_is_asked_or_checked_not_spelled_by_accident() {
        let frequency = |q: &str| Asks::of(cues(), q).frequency;
        // A frequency stated and checked is asked.
        assert!(frequency("是不是规定每个月要集中学习2次?"));
        assert!(frequency("常务会每周1次吗"));
        assert!(frequency("会议间隔多久"));
        // 期间 then 隔离 is no 间隔 (fresh-155).
        assert!(!frequency("疫情防控期间隔离点设置归谁审批?"));
    }

    #[test]
    fn a_limit_is_asked_of_the_words_after_its_figure() {
        let of = |q: &str| Asks::of(cues(), q).limit_of;
        assert_eq!(of("出差回来几天内要销假").as_deref(), Some("销假"));
        assert_eq!(
            of("多少个工作日内要报市政府备案").as_deref(),
            Some("报市政府备案")
        );
        // No time limit asked: nothing.
        assert_eq!(of("要会同几个部门办"), None);
    }

    #[test]
    fn kinds_asked_name_what_is_listed() {
        assert_eq!(
            Asks::of(cues(), "开哪几种政府会议").kinds,
            Some(['会', '议'])
        );
        assert_eq!(
            Asks::of(cues(), "政府会议有哪几类?").kinds,
            Some(['会', '议'])
        );
        assert_eq!(
            Asks::of(cues(), "要建成哪几种政府").kinds,
            Some(['政', '府'])
        );
        // 来着 ends the sentence (fresh-63).
        assert_eq!(
            Asks::of(cues(), "规则说要建成哪几种政府来着").kinds,
            Some(['政', '府'])
        );
        // 政府的会: the noun is 会 (的 is no part of it).
        assert_eq!(
            Asks::of(cues(), "市政府的会有哪几种").kinds,
            Some(['会', '\0'])
        );
        // 哪几 always asks, also before a yes-or-no clause.
        assert_eq!(
            Asks::of(cues(), "市政府的会分哪几类,有市长办公会吗").kinds,
            Some(['会', '\0'])
        );
        // 哪4个, 哪几个: the items named are listed (fresh-65).
        assert_eq!(
            Asks::of(cues(), "组成人员要树立哪4个意识").kinds,
            Some(['意', '识'])
        );
        assert_eq!(
            Asks::of(cues(), "组成人员要有哪几个意识?").kinds,
            Some(['意', '识'])
        );
        assert_eq!(Asks::of(cues(), "常务会议多久开一次").kinds, None);
        // A cue with nothing named asks no kinds.
        assert_eq!(Asks::of(cues(), "哪几种?").kinds, None);
    }

    #[test]
    fn a_figure_is_asked_only_with_a_question_word() {
        // Regression: "部门每年要报…吗" names a frequency and asks yes or no.
        let a = Asks::of(cues(), "部门每年要报本部门法治政府建设情况吗");
        assert!(a.frequency && !a.quantity());
        assert!(Asks::of(cues(), "常务会议多久开一次").quantity());
        assert!(Asks::of(cues(), "标的额多少以上算较大").quantity());
        assert!(Asks::of(cues(), "单位每年组织体检吗,标准多少钱").amount);
        // Time limits in minutes and hours, sums called 报酬 or 工资.
        assert!(Asks::of(cues(), "事故多少分钟之内要报到市政府").quantity());
        assert!(Asks::of(cues(), "法律顾问一年给多少报酬").amount);
        // A period named while asking when is no frequency asked.
        let a = Asks::of(cues(), "每年的重大决策目录啥时候要编出来");
        assert!(!a.frequency && !a.quantity());
        // Nor while asking how many kinds (每年报送几种简报).
        assert!(!Asks::of(cues(), "部门每年向市政府报送几种简报有规定吗").frequency);
        // "哪几点" asks which points, not an hour of the day.
        assert!(
            Asks::of(cues(), "政务信息工作要抓住哪几点")
                .detail
                .is_none()
        );
        assert!(Asks::of(cues(), "常务会议几点开始").detail.is_some());
        // Who a body is made of; 政府组成人员 named as a role is not asked.
        assert!(Asks::of(cues(), "常务会组成人员有谁").members);
        assert!(Asks::of(cues(), "全体会议都是哪些人参加").members);
        assert!(!Asks::of(cues(), "对政府组成人员的学习有什么要求").members);
        // Voice slips in the question words are read as meant (fresh-29).
        assert!(Asks::of(cues(), "信访件要在多小天之内答复").time_limit);
        assert!(Asks::of(cues(), "法律顾问报酬是多小钱").amount);
        assert!(Asks::of(cues(), "主要领导能部能个人拍板").permission);
        // "例会多久" asks how often a meeting is held (fresh-30).
        assert!(Asks::of(cues(), "区长例会多久").frequency);
        assert!(Asks::of(cues(), "常务会议多久?").frequency);
        assert!(!Asks::of(cues(), "会议纪要多久印发").frequency);
        // Which meeting decides something.
        assert!(Asks::of(cues(), "政府规章在哪个会上审议通过").which_meeting);
        assert!(Asks::of(cues(), "这个事要上什么会").which_meeting);
        assert!(!Asks::of(cues(), "常务会议多久开一次").which_meeting);
        assert!(Asks::of(cues(), "全体会和常务会有啥区别").compare);
        assert!(Asks::of(cues(), "区长办公会议跟业务会议有什么不同").compare);
        assert!(!Asks::of(cues(), "部门意见不同怎么办").compare);
        // "经过哪几个人" asks who, not how many (fresh-27).
        let a = Asks::of(cues(), "常务会议纪要签发要经过哪几个人");
        assert!(a.who && !a.count);
        assert!(Asks::of(cues(), "常务会议要几个人参加").count);
        // A rate asked is a detail only a stated share answers.
        assert!(
            Asks::of(cues(), "提案办理满意率要达到多少")
                .detail
                .is_some()
        );
        // A figure named and asked about (fresh-7): only a stated quorum answers.
        assert!(Asks::of(cues(), "常务会要半数以上组成人员出席才有效吗").quantity());
        assert!(Asks::of(cues(), "要过半数组成人员到场才有效吗").quantity());
        assert!(!Asks::of(cues(), "12月8日去北京要报备吗").quantity());
    }

    fn detail(q: &str) -> Option<&'static str> {
        let c = cues();
        Asks::of(c, q)
            .detail
            .and_then(|i| c.detail(i))
            .map(|d| d.class.as_str())
    }

    fn c_detail(q: &str) -> &'static crate::reading::Detail {
        let c = cues();
        c.detail(Asks::of(c, q).detail.unwrap()).unwrap()
    }

    #[test]
    fn a_total_asked_is_a_count() {
        // fresh-110: 一共有多少个文种, 要列多少个事项 ask a number of things,
        // which only an article stating one (or listing them) answers; 一共有几种会
        // asks the kinds.
        assert!(Asks::of(cues(), "党政机关公文一共有多少个文种").count);
        assert!(Asks::of(cues(), "目录里一般要列多少个事项").count);
        assert!(!Asks::of(cues(), "区政府一共有几种会议").count);
        // 多少个代表 as 几个代表 (fresh-115).
        assert!(Asks::of(cues(), "提质询案要多少个代表联名").count);
    }

    #[test]
    fn details_asked_by_class() {
        assert_eq!(detail("区长例会一般周几开"), Some("day"));
        assert_eq!(detail("值班室电话是多少"), Some("contact"));
        assert_eq!(detail("常务会议几点开始"), Some("hour"));
        assert_eq!(detail("全体会议上午开还是下午开"), Some("hour"));
        assert_eq!(detail("全体会议在哪个会议室开"), Some("venue"));
        assert_eq!(detail("常务会在哪里召开"), Some("venue"));
        assert_eq!(detail("副市长由谁任命"), Some("appointment"));
        assert_eq!(detail("办公室主任现在是谁"), Some("name"));
        // Pay asked (fresh-61: the rules never state what anyone is paid).
        assert_eq!(detail("政府法律顾问的报酬是怎么定的"), Some("pay"));
        assert_eq!(detail("督查激励评上了,奖励资金有多少"), Some("pay"));
        assert_eq!(detail("值班补贴一天多少钱"), Some("pay"));
        assert_eq!(detail("罚没款能不能跟单位的奖金挂钩"), None);
        // A cap or a quantitative standard (fresh-110/111: 排量, 限额), stated
        // only with a number and its unit or a bound; a number of people capped
        // is a count.
        assert_eq!(detail("公务车排量和价格上限是多少"), Some("cap"));
        assert_eq!(detail("公务用车能配多大排量的"), Some("cap"));
        assert_eq!(detail("采购限额是多少"), Some("cap"));
        assert_eq!(detail("参会人数上限是多少人"), None);
        let cap = c_detail("采购限额是多少");
        assert!(cap.stated_in("单次不超过5万元") && !cap.stated_in("规范公务接待和公务用车"));
        // A procedure asked (fresh-144): stated by an article that sets out
        // steps, not by one that names the matter alone.
        assert_eq!(detail("离任审计具体程序是怎么走的"), Some("procedure"));
        assert_eq!(detail("常务会纪要的签发流程是怎样的"), Some("procedure"));
        let p = c_detail("审批流程是怎样的");
        assert!(p.stated_in("由秘书长审核后,报市长签发"));
        assert!(p.stated_in("经分管副市长同意后报市长"));
        assert!(!p.stated_in("对领导干部实行自然资源资产离任审计。"));
        assert!(!p.stated_in("经常深入基层,严格控制各项庆典"));
        // The cases in which something applies (five writers: 容错纠错): stated
        // by an article that names cases or exceptions.
        assert_eq!(detail("容错纠错 哪些情形可以免责"), Some("circumstances"));
        assert_eq!(
            detail("什么情况下可以直接给区领导个人报送公文"),
            Some("circumstances")
        );
        let c_ = c_detail("什么情况下适用");
        assert!(c_.stated_in("除绝密事项、重大突发事件外,一般不得直接向领导个人报送公文"));
        assert!(c_.stated_in("有下列情形之一的,应当请假"));
        assert!(!c_.stated_in("健全激励约束、容错纠错机制,严格责任追究。"));
        // An extension of a limit, and a form to fill in: named by few articles.
        assert_eq!(
            detail("复杂事项一个月办不完,可以申请延期吗"),
            Some("extension")
        );
        assert_eq!(detail("常务会要不要延期"), None);
        assert!(c_detail("能不能延长").stated_in("经批准可以适当延长办理期限"));
        assert_eq!(detail("离朝报备要填什么表"), Some("form"));
        assert_eq!(detail("有没有固定格式的报备单"), Some("form"));
        let f = c_detail("要填什么表格");
        assert!(!f.stated_in("须事先向政府办公室报告,经批准后方可离开"));
        assert!(f.stated_in("填写外出报备单"));
        // Who pays, and an appointment ended early (fresh-148/149).
        assert_eq!(detail("评估费用从哪里出"), Some("funding"));
        assert_eq!(detail("法律顾问中途能不能解聘"), Some("dismissal"));
        // Who holds a role, asked 由谁担任的.
        assert!(
            Asks::of(cues(), "新闻发言人具体是由谁担任的?")
                .identity
                .is_some()
        );
        // A vote (the documents name none).
        assert_eq!(
            detail("常务会议采用什么表决方式,举手还是无记名投票"),
            Some("vote")
        );
        // Not a detail: who reviews appointment papers, where to submit.
        assert_eq!(detail("人员任免文件谁负责初审"), None);
        assert_eq!(detail("常务会议多久开一次"), None);
        assert!(Asks::of(cues(), "常务会议几点开始").quantity());
        let c = cues();
        let d = c.detail(Asks::of(c, "几点开").detail.unwrap()).unwrap();
        assert!(d.stated_in("每周一上午召开") && !d.stated_in("每月召开一次"));
        let n = c
            .detail(Asks::of(c, "秘书长现在是谁").detail.unwrap())
            .unwrap();
        assert!(!n.stated_in("秘书长张三"), "the rules never state a name");
    }

    #[test]
    fn figures_asked_in_more_wordings() {
        let c = cues();
        // A measure asked by its noun asks its unit; its label names it.
        let a = Asks::of(c, "纪要字数要控制在多少以内");
        assert_eq!(a.unit.and_then(|u| c.unit_class(u)), Some("words"));
        assert!(a.quantity() && a.names(c) == ["字数"]);
        // How many at most (最多可以安排几个) is a count.
        assert!(Asks::of(c, "联络员最多可以安排几个").count);
        // Every so many years, per month so many issues: a frequency.
        let a = Asks::of(c, "规范性文件多少年清理一次");
        assert!(a.frequency && !a.time_limit);
        assert!(Asks::of(c, "简报一个月能报几期").frequency);
        assert!(Asks::of(c, "简报1个月能报几期").frequency);
        // A word count named and asked whether it is limited.
        let a = Asks::of(c, "汇报材料字数有限制吗");
        assert!(a.quantity() && a.unit.and_then(|u| c.unit_class(u)) == Some("words"));
        // 时限 is what is asked, not what it is about.
        assert!(
            !c.without_figure_words("审批承诺时限是多少")
                .contains("时限")
        );
    }
}
