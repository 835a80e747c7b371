//! Places in a question: the jurisdictions rulebot has documents for (from the
//! documents' metadata) and the gazetteer of other Chinese places (from
//! `intents/places.toml`), each marked as the question's subject, a destination
//! (去沈阳开会) or the home being left (离开吐鲁番, 离昆).

use std::collections::HashMap;

use serde::Deserialize;

use super::JurisdictionNames;
use super::load::{IntentError, Source};
use crate::homophones::near_sound;
use crate::text::is_cjk;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct GazetteerFile {
    #[serde(default)]
    provinces: Vec<String>,
    #[serde(default)]
    cities: Vec<String>,
    #[serde(default)]
    counties: Vec<String>,
    /// Names that are also ordinary words: places only with a suffix or a travel cue.
    #[serde(default)]
    strict: Vec<String>,
    /// National and other bodies whose own rules rulebot does not hold (国务院):
    /// named as a question's subject they get the same answer as an unknown place.
    #[serde(default)]
    bodies: Vec<String>,
    /// What must follow a body's name for it to be the question's subject
    /// (常务会议, 工作规则, 秘书长): 贯彻国务院决策部署 is not about 国务院's rules.
    #[serde(default)]
    body_subject_next: Vec<String>,
    /// A clause that goes on to name a body's or place's own rules (乡镇政府要不要也
    /// 制定自己的工作规则): a regex read over the rest of the clause.
    #[serde(default)]
    own_rules_later: String,
    /// Levels named together (市县: the cities' and counties'): a body's name
    /// that begins inside one (市县政府) is not that body.
    #[serde(default)]
    collectives: Vec<String>,
    /// How a county of a held city that speaks to the city's own bodies
    /// (高昌区报市政府的请示) is read: as the rules name the city's counties (区县).
    #[serde(default)]
    county_read_as: String,
    /// The counties and districts of a held city, by the city's jurisdiction.
    #[serde(default)]
    within: std::collections::BTreeMap<String, Vec<String>>,
    /// What follows the city's level (市) when a question speaks of the city's
    /// own bodies (市政府, 市领导).
    #[serde(default)]
    parent_words: Vec<String>,
    /// The towns, townships and streets of a held jurisdiction, by its
    /// jurisdiction, each with its suffix (玉山镇, 龙山街道).
    #[serde(default)]
    towns: std::collections::BTreeMap<String, Vec<String>>,
    /// The city a held jurisdiction lies in (朝阳市双塔区 → 朝阳), by the
    /// jurisdiction.
    #[serde(default)]
    parents: std::collections::BTreeMap<String, String>,
    /// The levels of government a question may name with no place (区政府,
    /// 市长), each with the last character of its documents' jurisdictions.
    #[serde(default)]
    level: Vec<LevelFile>,
    /// What the words around a place say it is to the question.
    cues: PlaceCues,
}

/// places.toml `[[level]]`: a level of government and how a question names it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LevelFile {
    /// The last character of the jurisdictions of that level (区, 市).
    suffix: String,
    /// A regex matched on the normalised question: it names a body of that
    /// level (区政府, 副区长).
    named: String,
}

/// places.toml `[cues]`: what the words before or after a place say it is to
/// the question (see the file for each list).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PlaceCues {
    /// Before a place: the home being left (离开吐鲁番, 不在株洲).
    home: Vec<String>,
    /// Before a place followed by 的: the asker's own (我是吐鲁番的).
    asker: Vec<String>,
    /// Before a name that is also an ordinary word (places.toml `strict`): it
    /// is a place where the asker is (我们高昌的, 我在攸县).
    located: Vec<String>,
    /// Before a place: where a trip starts (从吐鲁番去乌鲁木齐), the home left.
    origin: Vec<String>,
    /// After a place named as a trip's start: the trip comes back from it
    /// (从北京回来): it is where the trip went.
    back: Vec<String>,
    /// After a place named as a trip's start: the asker leaves it for home
    /// (从吐鲁番回内地老家): the place left is the asker's.
    #[serde(default)]
    home_again: Vec<String>,
    /// Before a place: set aside (不是双塔区的, 除了昆山).
    excluded: Vec<String>,
    /// After a place: a newspaper or station named after it (苏州日报): the
    /// outlet, not the place, is spoken of.
    outlet: Vec<String>,
    /// Before a place held by no document: what a matter concerns (涉及台湾同胞
    /// 投资, 关于香港的): the place is the matter's, not the question's.
    #[serde(default)]
    concerning: Vec<String>,
    /// Before a place: where the asker is posted (借调到吐鲁番).
    posted: Vec<String>,
    /// Before a place: something sent there (送到, 报到).
    sent: Vec<String>,
    /// Verbs that 到 completes (收到, 提到): what follows is no destination.
    reached: Vec<String>,
    /// Before a place: where someone goes (去, 赴, 前往).
    destination: Vec<String>,
    /// After 在 + place: a trip (在北京开会).
    travel: Vec<String>,
    /// Between a place and a `travel` verb: where within it (在苏州市里跑).
    within_place: Vec<String>,
    /// Before 在 + place (after `away_when`): a person who is there, away on
    /// business (市长这周在北京): the place is where they went, not the rules asked.
    away: Vec<String>,
    /// Between a person (`away`) and 在: when they are there (这周, 这几天).
    away_when: Vec<String>,
    /// Of `travel`, the everyday verbs (办事, 开公司): after 在 + a held place
    /// they are business done there (在吐鲁番办事能不能网上办), a trip only when
    /// the question speaks of leave (`leave`).
    errand: Vec<String>,
    /// Anywhere in the question: leave or reporting a trip (请假, 报备, 出差).
    leave: Vec<String>,
    /// After a town's own government named where the asker is (我在张浦镇政府
    /// 工作): the asker's workplace, not the subject.
    workplace: Vec<String>,
    /// After 到 + a held place, in the same clause: the asker came there to
    /// work (刚到昆山市某局报到, 分到株洲…上班): where the asker is posted, no trip.
    #[serde(default)]
    arrival: Vec<String>,
    /// After a county's or town's own government (`own_body`), words that make
    /// it the unit the asker is from (攸县政府办的,想问…; 大荆镇政府的同事问): the
    /// asker's workplace in the held city, not the subject.
    affiliation: Vec<String>,
    /// After 在 + place: a meeting convened there (在双塔召开).
    convening: Vec<String>,
    /// After a town's name: its own government (玉山镇政府).
    own_body: Vec<String>,
    /// Anywhere in the question: a document's references asked (参照了温州的规则没有):
    /// a place whose rules a held article names in 《》 is then no subject.
    referenced: Vec<String>,
    /// Right before a held place named as the subject: words with which the
    /// rules write its level (驻区, 全市, 本市); the level stays when the name goes.
    level: Vec<String>,
}

impl PlaceCues {
    /// Every list named, for validation.
    fn lists(&self) -> [(&'static str, &[String]); 26] {
        [
            ("cues.home", &self.home),
            ("cues.asker", &self.asker),
            ("cues.located", &self.located),
            ("cues.origin", &self.origin),
            ("cues.back", &self.back),
            ("cues.home_again", &self.home_again),
            ("cues.excluded", &self.excluded),
            ("cues.outlet", &self.outlet),
            ("cues.concerning", &self.concerning),
            ("cues.posted", &self.posted),
            ("cues.sent", &self.sent),
            ("cues.reached", &self.reached),
            ("cues.destination", &self.destination),
            ("cues.travel", &self.travel),
            ("cues.within_place", &self.within_place),
            ("cues.away", &self.away),
            ("cues.away_when", &self.away_when),
            ("cues.errand", &self.errand),
            ("cues.leave", &self.leave),
            ("cues.workplace", &self.workplace),
            ("cues.arrival", &self.arrival),
            ("cues.affiliation", &self.affiliation),
            ("cues.convening", &self.convening),
            ("cues.own_body", &self.own_body),
            ("cues.referenced", &self.referenced),
            ("cues.level", &self.level),
        ]
    }
}

/// Other places: name → strict?
#[derive(Debug, Clone, Default)]
pub(crate) struct Gazetteer {
    names: HashMap<String, bool>,
    /// Of `names`, the bodies (国务院): the subject only when their own
    /// meetings or rules follow (国务院常务会议), not in 贯彻国务院决策部署.
    bodies: std::collections::HashSet<String>,
    /// What must follow a body's name for it to be the subject (places.toml
    /// `body_subject_next`).
    body_subject_next: Vec<String>,
    /// places.toml `own_rules_later`, if given.
    own_rules_later: Option<regex::Regex>,
    /// places.toml `collectives`.
    collectives: Vec<String>,
    /// places.toml `county_read_as`.
    pub(crate) county_read_as: String,
    /// A county or district of a held city (高昌 → 吐鲁番市), by name.
    within: HashMap<String, String>,
    /// places.toml `parent_words`.
    parent_words: Vec<String>,
    /// A town, township or street of a held jurisdiction (玉山镇 → 昆山市).
    towns: Vec<(String, String)>,
    /// The city a held jurisdiction lies in, by the city's name (朝阳 →
    /// 朝阳市双塔区).
    parents: HashMap<String, String>,
    /// places.toml `[[level]]`: a jurisdiction's last character, and what
    /// names a body of that level.
    levels: Vec<(char, regex::Regex)>,
    /// places.toml `[cues]`.
    cues: PlaceCues,
}

impl Gazetteer {
    pub(crate) fn build(src: &Source, f: GazetteerFile) -> Result<Gazetteer, IntentError> {
        let mut names = HashMap::new();
        for (field, list) in [
            ("provinces", &f.provinces),
            ("cities", &f.cities),
            ("counties", &f.counties),
            ("bodies", &f.bodies),
        ] {
            for n in list {
                let n = n.trim();
                if n.chars().count() < 2 {
                    return Err(src.error(field, n, format!("地名 `{n}` 太短(至少两个字)")));
                }
                names.insert(n.to_string(), false);
            }
        }
        for n in &f.strict {
            if !names.contains_key(n.as_str()) {
                return Err(src.error(
                    "strict",
                    n,
                    format!("`{n}` 不在 provinces/cities/counties 中"),
                ));
            }
            names.insert(n.clone(), true);
        }
        let bodies: std::collections::HashSet<String> =
            f.bodies.iter().map(|b| b.trim().to_string()).collect();
        let body_subject_next: Vec<String> = f
            .body_subject_next
            .iter()
            .map(|w| w.trim().to_string())
            .filter(|w| !w.is_empty())
            .collect();
        if !bodies.is_empty() && body_subject_next.is_empty() {
            return Err(src.error(
                "body_subject_next",
                "bodies",
                "列出了 bodies 就要写 body_subject_next(其后跟什么才算问它本身)",
            ));
        }
        let mut within = HashMap::new();
        for (city, counties) in &f.within {
            for c in counties {
                if !f.counties.contains(c) {
                    return Err(src.error("within", c, format!("`{c}` 不在 counties 中")));
                }
                within.insert(c.clone(), city.clone());
            }
            // A county named for its city (株洲县, now 渌口区) is the city's.
            within
                .entry(format!("{}县", stem(city, &SUFFIXES)))
                .or_insert_with(|| city.clone());
        }
        if !within.is_empty() && f.parent_words.is_empty() {
            return Err(src.error(
                "parent_words",
                "within",
                "列出了 within 就要写 parent_words(市政府、市领导 …)",
            ));
        }
        let mut towns = Vec::new();
        for (place, list) in &f.towns {
            for t in list {
                let t = t.trim();
                if !TOWN_SUFFIXES.iter().any(|s| t.ends_with(s)) || t.chars().count() < 3 {
                    return Err(src.error(
                        "towns",
                        t,
                        format!("`{t}` 要带上镇、乡或街道,且至少三个字"),
                    ));
                }
                towns.push((t.to_string(), place.clone()));
            }
        }
        let mut parents = HashMap::new();
        for (held, city) in &f.parents {
            if !names.contains_key(city.as_str()) {
                return Err(src.error("parents", city, format!("`{city}` 不在 cities 中")));
            }
            parents.insert(city.clone(), held.clone());
        }
        for (field, list) in f.cues.lists() {
            if list.is_empty() {
                return Err(src.error(field, "", format!("`{field}` 不能为空")));
            }
            if let Some(w) = list.iter().find(|w| w.trim().is_empty() || w.trim() != *w) {
                return Err(src.error(field, w, format!("`{field}` 中有空白或首尾带空格的词")));
            }
        }
        let mut levels = Vec::new();
        for (i, l) in f.level.iter().enumerate() {
            let mut chars = l.suffix.chars();
            let (Some(c), None) = (chars.next(), chars.next()) else {
                return Err(src.error(
                    &format!("level[{i}].suffix"),
                    &l.suffix,
                    format!(
                        "`suffix` 须为一个字(辖区名的末字,如 区、市),不是 `{}`",
                        l.suffix
                    ),
                ));
            };
            levels.push((c, src.regex(&format!("level[{i}].named"), &l.named)?));
        }
        let own_rules_later = if f.own_rules_later.is_empty() {
            None
        } else {
            Some(src.regex("own_rules_later", &f.own_rules_later)?)
        };
        Ok(Gazetteer {
            names,
            bodies,
            body_subject_next,
            own_rules_later,
            levels,
            collectives: f.collectives,
            county_read_as: f.county_read_as,
            within,
            parent_words: f.parent_words,
            towns,
            parents,
            cues: f.cues,
        })
    }

    /// The held city a county or district named in a question belongs to, when
    /// the question also speaks of that city's own bodies (高昌区报给市政府: 吐鲁番市);
    /// `mention` is the county's place in `text`. Not when those words follow
    /// the county's own name (醴陵市政府 is the county's).
    pub(crate) fn parent_addressed(&self, text: &str, mention: &PlaceMention) -> Option<&str> {
        let city = self.city_of_county(&mention.name)?;
        let level = city.chars().last()?;
        // The county's own suffix right after its name (醴陵市政府) is not the
        // city's level; the same character elsewhere (…县里的,问下市里规定,
        // where a filler left a space before 市) is.
        let after = &text[mention.end..];
        let after = after.strip_prefix(level).unwrap_or(after);
        let rest = format!("{} {}", &text[..mention.start], after);
        self.level_addressed(&rest, level).then_some(city)
    }

    /// A county or district of a held city (攸县, 鄯善县, 高昌区), by its name with
    /// or without its suffix: (the county as `within` lists it, the city).
    fn county(&self, name: &str) -> Option<(&str, &str)> {
        self.within
            .get_key_value(name)
            .or_else(|| self.within.get_key_value(stem(name, &SUFFIXES)))
            .map(|(c, city)| (c.as_str(), city.as_str()))
    }

    /// The held city a county or district is in (see [`Gazetteer::county`]).
    fn city_of_county(&self, name: &str) -> Option<&str> {
        self.county(name).map(|(_, city)| city)
    }

    /// The held city whose county `mention` is, named right after the city
    /// (吐鲁番高昌区, 株洲醴陵市: the county's full name) and before its own
    /// bodies (吐鲁番高昌区政府的常务会议): the county's own, held by no document.
    pub(crate) fn county_by_full_name(
        &self,
        text: &str,
        mention: &PlaceMention,
        places: &[PlaceMention],
    ) -> bool {
        let Some((county, city)) = self.county(&mention.name) else {
            return false;
        };
        let full_name = places
            .iter()
            .any(|p| p.end == mention.start && p.jurisdiction.as_deref() == Some(city))
            && self.office_after(&text[mention.end..]);
        // 我们托克逊县政府自己的常务会, 醴陵市政府本级的全体会议: said to be the
        // county's own, whatever else the question names; so is every mention
        // of a county once one of them is (醴陵市政府…醴陵自己的).
        let said_own = (text.contains("自己") || text.contains("本级"))
            && places.iter().any(|p| {
                p.jurisdiction.is_none()
                    && self.county(&p.name).is_some_and(|(c, _)| c == county)
                    && self.owns(&text[p.end..])
            });
        full_name || said_own
    }

    /// Does the clause that `after` begins name a body's or place's own rules
    /// further on (乡镇政府要不要也制定自己的工作规则, 自己也要定工作规则;
    /// places.toml `own_rules_later`)?
    /// Does a body's name beginning with `first` right after `before` start
    /// inside a collective of levels (places.toml `collectives`: 市县 in 市县政府)?
    fn in_collective(&self, before: &str, first: char) -> bool {
        self.collectives.iter().any(|c| {
            c.strip_suffix(first)
                .is_some_and(|head| !head.is_empty() && before.ends_with(head))
        })
    }

    /// The one level of government a question names (区政府 and no 市政府): the
    /// last character of its documents' jurisdictions. None when it names none
    /// or several.
    pub(crate) fn level_named(&self, normalized: &str) -> Option<char> {
        let mut named = self
            .levels
            .iter()
            .filter(|(_, re)| re.is_match(normalized))
            .map(|(c, _)| *c);
        match (named.next(), named.next()) {
            (Some(c), None) => Some(c),
            _ => None,
        }
    }

    fn own_rules_later(&self, after: &str) -> bool {
        let clause = after.split(crate::text::CLAUSE_ENDS).next().unwrap_or("");
        self.own_rules_later
            .as_ref()
            .is_some_and(|re| re.is_match(clause))
    }

    /// Does `after` (what follows a place's name) begin with the place's own
    /// government, leaders, meetings or rules (鄯善县政府, 醴陵的常务会议,
    /// 托克逊县自己的规定)?
    pub(crate) fn owns(&self, after: &str) -> bool {
        let after = after.trim_start();
        // 醴陵自己的: the county's own, whatever follows.
        if after.starts_with("自己") || after.starts_with("本级") {
            return true;
        }
        if self.own_rules_later(after) {
            return true;
        }
        let after = after.strip_prefix('的').unwrap_or(after);
        self.office_after(after)
            || self
                .cues
                .own_body
                .iter()
                .any(|w| after.starts_with(w.as_str()))
            || self
                .body_subject_next
                .iter()
                .any(|w| after.starts_with(w.as_str()))
    }

    /// The held city whose county `mention` is, when the county is named as
    /// where the asker is (我在鄯善县, 我们茶陵的, 醴陵的同事问), not before its
    /// own government, meetings or rules (鄯善县政府, 醴陵常务会议).
    pub(crate) fn county_as_home(&self, text: &str, mention: &PlaceMention) -> Option<&str> {
        let city = self.city_of_county(&mention.name)?;
        let after = &text[mention.end..];
        (!mention.body && (!self.owns(after) || self.affiliated(&mention.name, after)))
            .then_some(city)
    }

    /// Does `after` (what follows a county's or town's name) name its own
    /// government as the unit the asker is from (政府办公室的,想问…; 政府的同事),
    /// and ask nothing of that government's own (鄯善县政府办的,县政府常务会议谁
    /// 主持 asks the county's)?
    pub(crate) fn affiliated(&self, name: &str, after: &str) -> bool {
        // What is asked, past the unit named (攸县县府办的同事问,县市区的…: not
        // the 县府 of the unit itself).
        let own_level = |asked: &str| {
            name.chars()
                .last()
                .is_some_and(|level| self.level_addressed(asked, level))
        };
        self.cues.own_body.iter().any(|body| {
            after.strip_prefix(body.as_str()).is_some_and(|rest| {
                self.cues
                    .affiliation
                    .iter()
                    .find(|w| rest.starts_with(w.as_str()))
                    .is_some_and(|w| !own_level(&rest[w.len()..]))
            })
        })
    }

    /// The held jurisdiction inside the city `mention` names (朝阳 → 朝阳市双塔区),
    /// when the question speaks of it and not of the city's own bodies: by a
    /// town of it right after the city's name (温州柳市), or by its level where
    /// the city's differs (我在朝阳市,区长不在谁主持; 朝阳市区).
    pub(crate) fn held_inside(&self, text: &str, mention: &PlaceMention) -> Option<&str> {
        let held = self.parents.get(stem(&mention.name, &SUFFIXES))?;
        let after = &text[mention.end..];
        let town_next = self.towns.iter().any(|(t, j)| {
            let bare = stem(t, &TOWN_SUFFIXES);
            j == held && bare.chars().count() >= 2 && after.starts_with(bare)
        });
        if town_next {
            return Some(held.as_str());
        }
        if self.owns(after) {
            return None;
        }
        let level = held.chars().last()?;
        let rest = format!("{} {}", &text[..mention.start], after);
        (level != '市' && (after.starts_with(level) || self.level_addressed(&rest, level)))
            .then_some(held.as_str())
    }

    /// Does `after` (what follows a place's name) begin with the place's own
    /// leaders or offices (市政府, 分管副市长, 市长: places.toml `parent_words`
    /// after the level, or a deputy in charge)?
    pub(crate) fn office_after(&self, after: &str) -> bool {
        let after = after.strip_prefix(['市', '区', '县']).unwrap_or(after);
        if SLIP_AFTER_SUFFIX.iter().any(|w| after.starts_with(w)) {
            return false;
        }
        after.starts_with("分管")
            || after.starts_with('副')
            || self
                .parent_words
                .iter()
                .any(|w| after.starts_with(w.as_str()))
    }

    /// Does `before` (the question up to a held place) end with a word that the
    /// rules write with the place's level (驻双塔区 → 驻区; places.toml `cues.level`)?
    pub(crate) fn level_before(&self, before: &str) -> bool {
        self.cues.level.iter().any(|w| before.ends_with(w.as_str()))
    }

    /// Does `question` ask what a document referred to (places.toml
    /// `cues.referenced`: 参照, 参考)?
    pub(crate) fn asks_references(&self, question: &str) -> bool {
        self.cues
            .referenced
            .iter()
            .any(|w| question.contains(w.as_str()))
    }

    /// Is a place between `before` and `after` where a meeting is convened
    /// (see [`convened_at`]), by places.toml `cues.convening`?
    pub(crate) fn convened_at(&self, before: &str, after: &str) -> bool {
        convened_at(before, after, &self.cues.convening)
    }

    /// Does `text` speak of the own bodies of a place of this level (市里, 市政府,
    /// 全市 for 市)?
    pub(crate) fn level_addressed(&self, text: &str, level: char) -> bool {
        text.contains(&format!("全{level}"))
            || self
                .parent_words
                .iter()
                .any(|w| text.contains(&format!("{level}{w}")))
    }
}

/// What a place is to the question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceRole {
    /// The question is about this place's rules (株洲市政府常务会议 …).
    Subject,
    /// Where someone is going (去沈阳开会).
    Destination,
    /// The home being left (离开吐鲁番, 离昆, 不在株洲).
    Home,
    /// Named to be set aside (不是双塔区的, 除了昆山), or only as the name of an
    /// outlet (苏州日报): not what the question is about.
    Excluded,
}

/// One place named in a question.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceMention {
    /// As written, with its suffix (苏州市).
    pub name: String,
    /// The jurisdiction, when rulebot has its document.
    pub jurisdiction: Option<String>,
    pub role: PlaceRole,
    /// Said of the asker (我是吐鲁番的), not asked about: places.toml
    /// `cues.asker` before it and 的 after it.
    pub asker_own: bool,
    /// A body whose own rules are not held (国务院, 区县政府: places.toml
    /// `bodies`), named with its own meetings or rules after it.
    pub body: bool,
    /// Byte range in the text it was found in.
    pub start: usize,
    pub end: usize,
}

/// `name` without the first of `suffixes` it ends in (鄯善县 → 鄯善).
fn stem<'a>(name: &'a str, suffixes: &[&str]) -> &'a str {
    suffixes
        .iter()
        .find_map(|s| name.strip_suffix(s))
        .unwrap_or(name)
}

/// What a town's name ends in (places.toml `towns`).
const TOWN_SUFFIXES: [&str; 3] = ["镇", "乡", "街道"];

const SUFFIXES: [&str; 7] = ["自治州", "自治区", "地区", "省", "市", "县", "区"];

/// After a place's suffix, these begin a word that the suffix starts (市长, 县长,
/// 市场): the suffix is that word's, not the place's.
const SUFFIX_WORD_NEXT: [char; 2] = ['长', '场'];

/// After a place's suffix, a slip by sound that begins with 长 (长务会 for 常务会,
/// in three writers' 双塔区长务会): the suffix is the place's after all.
const SLIP_AFTER_SUFFIX: [&str; 1] = ["长务会"];

#[derive(Debug, Clone)]
enum Kind {
    Known(String),
    KnownHome(String),
    /// A town, township or street of a held jurisdiction (玉山镇 → 昆山市).
    Town(String),
    Other {
        strict: bool,
        body: bool,
    },
}

/// Every name a question may use for a place, by its first character, longest
/// first (held jurisdictions before other places of the same length): built once
/// when the intents are loaded, not per question.
#[derive(Debug, Clone, Default)]
pub(crate) struct PlaceIndex {
    by_first: HashMap<char, Vec<(String, Kind)>>,
}

impl PlaceIndex {
    pub(crate) fn build(known: &[JurisdictionNames], gazetteer: &Gazetteer) -> PlaceIndex {
        let mut by_first: HashMap<char, Vec<(String, Kind)>> = HashMap::new();
        for j in known {
            for n in &j.names {
                if let Some(c) = n.chars().next() {
                    by_first
                        .entry(c)
                        .or_default()
                        .push((n.clone(), Kind::Known(j.jurisdiction.clone())));
                }
            }
            for a in &j.abbreviations {
                by_first
                    .entry('离')
                    .or_default()
                    .push((format!("离{a}"), Kind::KnownHome(j.jurisdiction.clone())));
            }
        }
        for (town, j) in &gazetteer.towns {
            if let Some(c) = town.chars().next()
                && known.iter().any(|k| &k.jurisdiction == j)
            {
                by_first
                    .entry(c)
                    .or_default()
                    .push((town.clone(), Kind::Town(j.clone())));
            }
        }
        for (n, strict) in &gazetteer.names {
            if let Some(c) = n.chars().next() {
                by_first.entry(c).or_default().push((
                    n.clone(),
                    Kind::Other {
                        strict: *strict,
                        body: gazetteer.bodies.contains(n),
                    },
                ));
            }
        }
        for v in by_first.values_mut() {
            v.sort_by(|(a, ka), (b, kb)| {
                b.len()
                    .cmp(&a.len())
                    .then(matches!(ka, Kind::Other { .. }).cmp(&matches!(kb, Kind::Other { .. })))
                    .then(a.cmp(b))
            });
        }
        PlaceIndex { by_first }
    }
}

/// A county named after a held city (株洲县): a place held by no document.
const COUNTY_OF_CITY: Kind = Kind::Other {
    strict: false,
    body: false,
};

/// Does a trip come back from the place `after` follows (回来, 回, 返回), right
/// after it or after what was done there (从浙江考察回来, 从北京开完会回来)?
fn comes_back(after: &str, cues: &PlaceCues) -> bool {
    let back = |t: &str| cues.back.iter().any(|w| t.starts_with(w.as_str()));
    back(after)
        || cues.travel.iter().any(|w| {
            after
                .strip_prefix(w.as_str())
                .is_some_and(|rest| back(rest.trim_start_matches(['完', '了'])))
        })
}

/// Finds the places named in `text` (already normalised).
pub(crate) fn detect(text: &str, index: &PlaceIndex, gazetteer: &Gazetteer) -> Vec<PlaceMention> {
    let by_first = &index.by_first;
    let cues = &gazetteer.cues;
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let mut matched = None;
        if let Some(cands) = by_first.get(&c) {
            for (n, kind) in cands {
                if text[i..].starts_with(n.as_str()) {
                    // 调离乐清: 离 before the whole name, not the short 离乐 (离昆,
                    // 离株) that would leave 清 behind; the name is read next.
                    if let Kind::KnownHome(j) = kind {
                        let next = &text[i + '离'.len_utf8()..];
                        let whole = next
                            .chars()
                            .next()
                            .and_then(|f| by_first.get(&f))
                            .is_some_and(|cs| {
                                cs.iter().any(|(m, k)| {
                                    matches!(k, Kind::Known(kj) if kj == j)
                                        && m.chars().count() > 1
                                        && next.starts_with(m.as_str())
                                })
                            });
                        if whole {
                            continue;
                        }
                    }
                    let mut end = i + n.len();
                    let mut name = n.clone();
                    if let Kind::Other { strict, body } = kind {
                        // 管委会自己的主任办公会: what the body calls its own.
                        let after = &text[end..];
                        let own = ["自己的", "自己"]
                            .iter()
                            .find_map(|w| after.strip_prefix(w))
                            .unwrap_or(after);
                        // 市县政府: the cities' and counties' governments together.
                        if *body && gazetteer.in_collective(&text[..i], c) {
                            continue;
                        }
                        if *body
                            && !gazetteer.body_subject_next.iter().any(|w| {
                                after.starts_with(w.as_str()) || own.starts_with(w.as_str())
                            })
                            && !gazetteer.own_rules_later(after)
                        {
                            continue;
                        }
                        if let Some(s) = SUFFIXES.iter().find(|s| text[end..].starts_with(*s)) {
                            // 苏州市长 → 苏州 + 市长, 苏州市场 → 苏州 + 市场; 攸县县府办
                            // → 攸县 + 县府办 (a name that ends in the suffix).
                            if !text[end + s.len()..].starts_with(SUFFIX_WORD_NEXT)
                                && !name.ends_with(*s)
                            {
                                end += s.len();
                                name.push_str(s);
                            }
                        } else if *strict
                            && !cue_before(&text[..i], &cues.destination)
                            && !cue_before(&text[..i], &cues.home)
                            && !cue_before(&text[..i], &cues.located)
                            // 攸县政府: a name before its own government is a place.
                            && !cues.own_body.iter().any(|w| text[end..].starts_with(w.as_str()))
                        {
                            continue;
                        }
                    } else if (name.ends_with('市') || name.ends_with('区') || name.ends_with('县'))
                        && text[end..].starts_with(SUFFIX_WORD_NEXT)
                        && !SLIP_AFTER_SUFFIX.iter().any(|w| text[end..].starts_with(w))
                    {
                        // 乐清市长 → 乐清 + 市长, 吐鲁番市场监管 → 吐鲁番 + 市场监管
                        name.pop();
                        end -= '市'.len_utf8();
                    } else if let Kind::Town(_) = kind
                        && let Some(body) = cues
                            .own_body
                            .iter()
                            .find(|w| text[end..].starts_with(w.as_str()))
                        // 我在张浦镇政府工作, 大荆镇政府办的,想问…: where the
                        // asker works, in the held jurisdiction; what is asked
                        // is said elsewhere.
                        && !(cue_before(&text[..i], &cues.located)
                            && cues
                                .workplace
                                .iter()
                                .any(|w| text[end + body.len()..].starts_with(w.as_str())))
                        && !gazetteer.affiliated(&name, &text[end..])
                    {
                        // 玉山镇政府的会议: the town's own, held by no document.
                        matched = Some((name, end, &COUNTY_OF_CITY));
                        break;
                    } else if let Kind::Known(j) = kind
                        && j.ends_with('市')
                        && !name.ends_with(['市', '区', '县'])
                        && text[end..].starts_with('县')
                        && !text[end..].starts_with("县长")
                        // 株洲县市区, 株洲县区: the city's counties and districts.
                        && !["县市", "县区"].iter().any(|w| text[end..].starts_with(w))
                    {
                        // 株洲县 is a county named after the city, not the city:
                        // a place held by no document.
                        name.push('县');
                        end += '县'.len_utf8();
                        matched = Some((name, end, &COUNTY_OF_CITY));
                        break;
                    }
                    matched = Some((name, end, kind));
                    break;
                }
            }
        }
        match matched {
            Some((name, end, kind)) => {
                let before = &text[..i];
                let after = &text[end..];
                let role = match kind {
                    Kind::KnownHome(_) => PlaceRole::Home,
                    _ if cue_before(before, &cues.excluded) => PlaceRole::Excluded,
                    // 在苏州日报上发文章: the paper is named after a place held by
                    // no document; a held one's paper (株洲日报) says where the
                    // matter is.
                    _ if matches!(kind, Kind::Other { .. })
                        && cues.outlet.iter().any(|o| after.starts_with(o.as_str())) =>
                    {
                        PlaceRole::Excluded
                    }
                    // 涉及台湾同胞投资的规范性文件: the document's matter, not
                    // where it is made.
                    _ if matches!(kind, Kind::Other { .. })
                        && cue_before(before, &cues.concerning) =>
                    {
                        PlaceRole::Excluded
                    }
                    // 借调到吐鲁番市政府: where the asker now works; 调离乐清: where
                    // the one transferred worked (no trip).
                    _ if cue_before(before, &cues.posted) => PlaceRole::Subject,
                    _ if cue_before(before, &cues.home) => PlaceRole::Home,
                    // 把请示送到昆山分管副市长手里: a document sent to the place's
                    // own leaders or offices, not a trip.
                    _ if cue_before(before, &cues.sent) && gazetteer.office_after(after) => {
                        PlaceRole::Subject
                    }
                    // 从吐鲁番去乌鲁木齐: where a trip starts is the home left;
                    // 从北京回来, 从浙江考察回来: where it went.
                    _ if cue_before(before, &cues.origin)
                        && (!comes_back(after, cues)
                            || cues
                                .home_again
                                .iter()
                                .any(|w| after.starts_with(w.as_str()))) =>
                    {
                        PlaceRole::Home
                    }
                    // 收到吐鲁番市发改委发来的: 到 completes a verb, nobody goes.
                    // 刚到昆山市府办: a held place's own offices are where the
                    // asker works or goes on its business, not a trip away.
                    _ if cue_before(before, &cues.destination)
                        && !cue_before(before, &cues.reached)
                        && !(matches!(kind, Kind::Known(_))
                            && (gazetteer.office_after(after) || arrives_to_work(after, cues))) =>
                    {
                        PlaceRole::Destination
                    }
                    // 在北京开会, 在苏州市里跑: a trip (a word of where within
                    // the place may come between, places.toml `within_place`).
                    _ if before.ends_with('在')
                        && cues.travel.iter().any(|a| {
                            after.starts_with(a.as_str())
                                || cues.within_place.iter().any(|w| {
                                    after
                                        .strip_prefix(w.as_str())
                                        .is_some_and(|r| r.starts_with(a.as_str()))
                                })
                        })
                        && !gazetteer.convened_at(before, after)
                        // 在双塔开公司, 在吐鲁番办事: business done in a held
                        // place is about its rules, unless leave is spoken of.
                        && !(matches!(kind, Kind::Known(_) | Kind::Town(_))
                            && cues
                                .travel
                                .iter()
                                .filter(|a| after.starts_with(a.as_str()))
                                .max_by_key(|a| a.len())
                                .is_some_and(|verb| cues.errand.contains(verb))
                            && !cues.leave.iter().any(|w| text.contains(w.as_str()))) =>
                    {
                        PlaceRole::Destination
                    }
                    // 市长这周在北京: a person said to be in a place is away there;
                    // one in a held place's government (府办主任在昆山市政府里管啥)
                    // holds a post there.
                    _ if person_there(before, cues)
                        && !(matches!(kind, Kind::Known(_)) && gazetteer.office_after(after)) =>
                    {
                        PlaceRole::Destination
                    }
                    _ => PlaceRole::Subject,
                };
                let jurisdiction = match kind {
                    Kind::Known(j) | Kind::KnownHome(j) | Kind::Town(j) => Some(j.clone()),
                    Kind::Other { .. } => None,
                };
                // 我是吐鲁番的, 我们在昆山,: the asker's own place, said of
                // the asker and not asked about.
                let asker_own = (cues.asker.iter().any(|c| before.ends_with(c.as_str()))
                    && after.starts_with('的'))
                    || (cue_before(before, &cues.located) && after.starts_with([',', '，', ' ']));
                // 湖南省政府常务会议, 江苏省政府的全体会议: a place held by no
                // document, before its own body (places.toml `own_body`) and that
                // body's meetings or rules, is that body, whatever held place is
                // named with it (有个株洲的同事问,湖南省政府全体会议一年开几次).
                let body = match kind {
                    Kind::Other { body: true, .. } => true,
                    Kind::Other { .. } => cues.own_body.iter().any(|g| {
                        after.strip_prefix(g.as_str()).is_some_and(|rest| {
                            gazetteer
                                .body_subject_next
                                .iter()
                                .any(|w| rest.starts_with(w.as_str()))
                        })
                    }),
                    _ => false,
                };
                out.push(PlaceMention {
                    name,
                    jurisdiction,
                    role,
                    asker_own,
                    body,
                    start: i,
                    end,
                });
                i = end;
            }
            None => i += c.len_utf8(),
        }
    }
    out
}

/// Held jurisdictions' names (two characters or more), found by either of
/// their first two characters: a name with one slipped character keeps one of
/// them.
#[derive(Debug, Clone, Default)]
pub(crate) struct NameIndex {
    names: Vec<Vec<char>>,
    /// character → (name, its position in the name: 0 or 1)
    by_char: HashMap<char, Vec<(u32, u8)>>,
}

impl NameIndex {
    pub(crate) fn build(jurisdictions: &[JurisdictionNames]) -> NameIndex {
        let mut ix = NameIndex::default();
        for name in jurisdictions.iter().flat_map(|j| &j.names) {
            let cs: Vec<char> = name.chars().collect();
            if cs.len() < 2 || !cs.iter().all(|c| is_cjk(*c)) || ix.names.contains(&cs) {
                continue;
            }
            let n = ix.names.len() as u32;
            for (k, c) in cs.iter().take(2).enumerate() {
                ix.by_char.entry(*c).or_default().push((n, k as u8));
            }
            ix.names.push(cs);
        }
        ix
    }

    /// The text with a held name that a voice-input slip changed in one
    /// character (乐青 → 乐清, 坤山 → 昆山, 株州 → 株洲; read with an accent,
    /// 昆三 → 昆山) written right, or
    /// `None`. A window that is itself a place of the gazetteer is left alone.
    pub(crate) fn repair(&self, text: &str, gazetteer: &Gazetteer) -> Option<String> {
        let mut chars: Vec<char> = text.chars().collect();
        let mut changed = false;
        for i in 0..chars.len() {
            let Some(list) = self.by_char.get(&chars[i]) else {
                continue;
            };
            for &(n, k) in list {
                let want = &self.names[n as usize];
                let Some(start) = i.checked_sub(k as usize) else {
                    continue;
                };
                let Some(window) = chars.get(start..start + want.len()) else {
                    continue;
                };
                let mut differ = (0..want.len()).filter(|&p| window[p] != want[p]);
                let (Some(p), None) = (differ.next(), differ.next()) else {
                    continue;
                };
                // 昆山副市长: 昆山 is a name already; its suffix was not said,
                // so the next character is no slip of 市.
                if p + 1 == want.len() && self.names.iter().any(|n| n.as_slice() == &want[..p]) {
                    continue;
                }
                if !is_cjk(window[p]) || !near_sound(window[p], want[p]) {
                    continue;
                }
                let written: String = window.iter().collect();
                if gazetteer.names.contains_key(&written) {
                    continue;
                }
                chars[start + p] = want[p];
                changed = true;
            }
        }
        changed.then(|| chars.into_iter().collect())
    }
}

/// Is a place between `before` and `after` where a meeting is convened (在双塔
/// 召开, 在我们双塔区开个全市性会议), not where someone goes to attend one (在北京开
/// 会 is travel)? After 在 (or 在我们, 在咱们): a verb of convening, or 开 or 办
/// a meeting of the whole place (全市性, 全区性); or 开 or 办 after a meeting
/// put there (把现场会放在双塔开).
fn convened_at(before: &str, after: &str, convening: &[String]) -> bool {
    let before = before.trim_end();
    let before = before
        .strip_suffix("我们")
        .or_else(|| before.strip_suffix("咱们"))
        .unwrap_or(before);
    if !before.ends_with('在') {
        return false;
    }
    if convening.iter().any(|v| after.starts_with(v.as_str())) {
        return true;
    }
    // 把现场会放在双塔开: a meeting placed there (把 … 会 … 在) is held there.
    let clause = before
        .rsplit(crate::text::CLAUSE_ENDS)
        .next()
        .unwrap_or(before);
    if clause
        .split_once('把')
        .is_some_and(|(_, object)| object.contains('会'))
        && ["开", "办"].iter().any(|v| after.starts_with(v))
    {
        return true;
    }
    let Some(rest) = after
        .strip_prefix('开')
        .or_else(|| after.strip_prefix('办'))
    else {
        return false;
    };
    // Numerals are digits by now (开一次 → 开1次).
    let rest = ["一个", "一次", "1个", "1次", "个"]
        .iter()
        .find_map(|m| rest.strip_prefix(m))
        .unwrap_or(rest);
    // 全市性, 全区性, 全省性; 全市范围的 (said for 全市性).
    rest.strip_prefix('全').is_some_and(|r| {
        let r: Vec<char> = r.chars().take(3).collect();
        r.first() == Some(&'性') || r.get(1) == Some(&'性') || r[1..].starts_with(&['范', '围'])
    })
}

/// Does `before` (the text before a place) end with a person and 在, with
/// words of when between them (市长这周在, 局长目前人在)?
fn person_there(before: &str, cues: &PlaceCues) -> bool {
    let Some(mut rest) = before.trim_end().strip_suffix('在') else {
        return false;
    };
    for _ in 0..3 {
        match cues.away_when.iter().find(|w| rest.ends_with(w.as_str())) {
            Some(w) => rest = &rest[..rest.len() - w.len()],
            None => break,
        }
    }
    cue_before(rest, &cues.away)
}

/// Does the clause after a place (`after`) say the asker came there to work
/// (places.toml `cues.arrival`: 刚到昆山市某局报到)?
fn arrives_to_work(after: &str, cues: &PlaceCues) -> bool {
    let clause = after
        .split(crate::text::CLAUSE_ENDS)
        .next()
        .unwrap_or(after);
    cues.arrival.iter().any(|w| clause.contains(w.as_str()))
}

fn cue_before(before: &str, cues: &[String]) -> bool {
    let trimmed = before.trim_end();
    cues.iter().any(|c| trimmed.ends_with(c.as_str()))
}

#[cfg(test)]
mod tests {
    use super::{Gazetteer, arrives_to_work, cue_before, person_there};

    /// The shipped gazetteer (intents/places.toml).
    fn gazetteer() -> &'static Gazetteer {
        static G: std::sync::LazyLock<Gazetteer> = std::sync::LazyLock::new(|| {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../intents/places.toml");
            crate::intents::load::load_gazetteer(std::path::Path::new(path)).expect("places.toml")
        });
        &G
    }

    #[test]
    fn a_verb_that_to_completes_sends_nobody() {
        let c = &gazetteer().cues;
        assert!(cue_before("局长下周去", &c.destination));
        assert!(!cue_before("局长下周去", &c.reached));
        assert!(cue_before("今天收到", &c.destination));
        assert!(cue_before("今天收到", &c.reached));
        assert!(!cue_before("局长要到", &c.reached));
        assert!(cue_before("文件里提到", &c.reached));
    }

    /// Regression (fresh-157): 刚到昆山市某局报到 is where the asker came to
    /// work, not a trip (it was read 外出 and every city searched).
    #[test]
    fn arriving_to_work_is_no_trip() {
        let c = &gazetteer().cues;
        assert!(arrives_to_work("某局报到,一份请示里", c));
        assert!(arrives_to_work("发改委上班", c));
        assert!(!arrives_to_work("开会,回来要报到吗", c));
        assert!(!arrives_to_work("出差三天", c));
    }

    /// Regression (fresh-82, fresh-83): 市长这周在北京 says where the mayor is,
    /// not whose rules are asked.
    #[test]
    fn a_person_in_a_place_is_away_there() {
        let c = &gazetteer().cues;
        assert!(person_there("市长这周在", c));
        assert!(person_there("我们局长目前人在", c));
        assert!(person_there("分管领导在", c));
        assert!(!person_there("我们在", c));
        assert!(!person_there("常务会议在", c));
        assert!(!person_there("市长这周去", c));
    }

    #[test]
    fn a_meeting_of_the_whole_place_is_convened_there() {
        let convened_at = |b: &str, a: &str| gazetteer().convened_at(b, a);
        assert!(convened_at("外单位想在", "召开会议"));
        assert!(convened_at("有个部门想在我们", "开个全市性会议,能答应吗"));
        assert!(convened_at("打算在咱们", "开1次全省性的会"));
        assert!(convened_at("外面单位想在", "开全区性的会"));
        assert!(convened_at("外面的部门要在", "办全市性的会"));
        assert!(convened_at("想把全市春耕现场会放在", "开,我们局能答应吗"));
        assert!(convened_at("我们局计划下月在", "开1个全市范围的工作会"));
        assert!(!convened_at("把材料带上,局长在", "开会,周五回来"));
        assert!(!convened_at("局长在", "办事,周五回来"));
        // Attending a meeting elsewhere is travel.
        assert!(!convened_at("局长在", "开会,周五回来"));
        assert!(!convened_at("去", "召开的会议"));
        assert!(!convened_at("在", "开个培训会"));
    }
}
