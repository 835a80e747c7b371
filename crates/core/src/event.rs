//! Events: what a time limit counts from (or before), and what a date in a
//! question is the day of. Shared by the time expressions (`when`) and the
//! rules' limits, so neither depends on the other.

use serde::{Deserialize, Serialize};

/// What a time limit counts from (or before), or what a date in a question is
/// the day of. A limit's event and a question's fit when they are of one family
/// ([`Event::fits`]): 会议 fits 会议结束 and 会议召开; 出行 fits 外出.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Event {
    /// 收到: a document received (批办, 转办, 会签, 征求意见 …).
    Received,
    /// 会议: a meeting, as a question names it.
    Meeting,
    /// 会议结束: the end of a meeting (纪要 N 日内印发).
    MeetingEnds,
    /// 会议召开: the day a meeting is held (提前 N 天送材料).
    MeetingHeld,
    /// 出行: leaving for a trip.
    Travel,
    /// 外出: being away (a threshold: 外出 N 天以上).
    Away,
    /// 发布: a document published or issued.
    Published,
    /// 部署: a task assigned.
    Deployed,
    /// 聘任: an appointment (a term: 聘期 N 年).
    Appointed,
}

/// Every event.
const ALL: [Event; 9] = [
    Event::Received,
    Event::Meeting,
    Event::MeetingEnds,
    Event::MeetingHeld,
    Event::Travel,
    Event::Away,
    Event::Published,
    Event::Deployed,
    Event::Appointed,
];

impl Event {
    /// The word rule lines and `--explain` use: 收到, 会议结束, 出行 …
    pub fn name(self) -> &'static str {
        match self {
            Event::Received => "收到",
            Event::Meeting => "会议",
            Event::MeetingEnds => "会议结束",
            Event::MeetingHeld => "会议召开",
            Event::Travel => "出行",
            Event::Away => "外出",
            Event::Published => "发布",
            Event::Deployed => "部署",
            Event::Appointed => "聘任",
        }
    }

    /// The event a word names (the inverse of [`Event::name`]).
    pub fn from_name(name: &str) -> Option<Event> {
        ALL.into_iter().find(|e| e.name() == name)
    }

    /// The family an event belongs to (meetings, trips, or itself).
    fn family(self) -> Event {
        match self {
            Event::Meeting | Event::MeetingEnds | Event::MeetingHeld => Event::Meeting,
            Event::Travel | Event::Away => Event::Travel,
            e => e,
        }
    }

    /// Does a question's event fit this limit's event?
    pub fn fits(self, question: Event) -> bool {
        self.family() == question.family()
    }
}

impl std::fmt::Display for Event {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_families_fit() {
        for e in ALL {
            assert_eq!(Event::from_name(e.name()), Some(e));
            assert!(e.fits(e));
        }
        assert!(Event::MeetingEnds.fits(Event::Meeting));
        assert!(Event::Away.fits(Event::Travel));
        assert!(!Event::Received.fits(Event::Published));
        assert_eq!(Event::from_name("开会"), None);
    }
}
