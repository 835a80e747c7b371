//! Working days from the State Council holiday notices in data/holidays.
//!
//! The notices are read at run time from a directory of `YYYY.json` files in
//! the holiday-cn format (`{"year", "papers", "days": [{"name", "date",
//! "isOffDay"}]}`); other files there (`schema.json`, `LICENSE` …) are
//! skipped. A year whose notice is missing, or whose `days` list is empty,
//! is computed with weekends only; [`Calendar::year_known`] and
//! [`Calendar::unknown_years`] let callers say so
//! ("2027年放假安排尚未收录,按双休日计算").

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Deserialize;

/// What could go wrong while loading the notices. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum CalendarError {
    /// The holidays folder could not be listed.
    #[error("cannot read holiday directory {path}: {source}")]
    ReadDir {
        /// The folder.
        path: PathBuf,
        /// What the file system said.
        source: std::io::Error,
    },
    /// A notice could not be read.
    #[error("cannot read holiday notice {path}: {source}")]
    Read {
        /// The notice's file.
        path: PathBuf,
        /// What the file system said.
        source: std::io::Error,
    },
    /// A notice is not valid JSON of the holiday-cn schema.
    #[error("holiday notice {path} is not valid: {source}")]
    Parse {
        /// The notice's file.
        path: PathBuf,
        /// What the JSON parser said.
        source: serde_json::Error,
    },
    /// A notice's year differs from its file name's.
    #[error("holiday notice {path} says year {found}, but its file name says {expected}")]
    YearMismatch {
        /// The notice's file.
        path: PathBuf,
        /// The year in the file name.
        expected: i32,
        /// The year in the notice.
        found: i32,
    },
    /// A notice lists a date far outside its year.
    #[error("holiday notice {path}: date {date} is too far from year {year}")]
    DateOutsideYear {
        /// The notice's file.
        path: PathBuf,
        /// The notice's year.
        year: i32,
        /// The date listed.
        date: NaiveDate,
    },
    /// A lunar new year day is not in its own year between 21 January and 20
    /// February, or not an official day off where the year's notice is held.
    #[error("{path}: {date} cannot be 正月初一 of {year}")]
    LunarNewYear {
        /// The file.
        path: PathBuf,
        /// The year it is given for.
        year: i32,
        /// The date given.
        date: NaiveDate,
    },
    /// A notice lists one date as both a holiday and a working day.
    #[error("holiday notice {path}: date {date} is listed twice with different meanings")]
    DuplicateDate {
        /// The notice's file.
        path: PathBuf,
        /// The date listed twice.
        date: NaiveDate,
    },
}

/// One holiday-cn file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NoticeFile {
    #[serde(rename = "$schema", default)]
    _schema: Option<String>,
    #[serde(rename = "$id", default)]
    _id: Option<String>,
    year: i32,
    #[allow(dead_code)]
    papers: Vec<String>,
    days: Vec<NoticeDay>,
}

/// One day of a notice, as the file has it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoticeDay {
    /// The holiday's name, e.g. `春节`, `国庆节、中秋节`.
    pub name: String,
    pub date: NaiveDate,
    /// `true`: official day off; `false`: make-up working day (调休上班).
    #[serde(rename = "isOffDay")]
    pub is_off_day: bool,
}

/// What a day is on the official calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DayKind {
    /// Monday to Friday, not a day off.
    Working,
    /// Saturday or Sunday, not a make-up working day.
    Weekend,
    /// An official day off (may fall on a weekend).
    Holiday { name: String },
    /// A Saturday or Sunday the notice makes a working day (调休上班).
    MakeupWorkday { name: String },
}

impl DayKind {
    pub fn is_working(&self) -> bool {
        matches!(self, DayKind::Working | DayKind::MakeupWorkday { .. })
    }
}

/// A run of consecutive official days off with one name, e.g. 2026-02-15..=2026-02-23 春节.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolidayRun {
    pub name: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// The official calendar: weekends plus the notices' days off and make-up working days.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    days: BTreeMap<NaiveDate, (bool, String)>,
    known_years: BTreeSet<i32>,
    /// 正月初一 by Gregorian year (`lunar-new-year.json`), for 正月初八, 大年初三.
    lunar_new_year: BTreeMap<i32, NaiveDate>,
}

/// The file of lunar new year days in the holidays folder.
pub const LUNAR_NEW_YEAR_FILE: &str = "lunar-new-year.json";

/// `lunar-new-year.json`: 正月初一 by Gregorian year.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LunarNewYearFile {
    #[allow(dead_code)]
    about: String,
    days: BTreeMap<i32, NaiveDate>,
}

/// A JSON file of the holidays folder, read and parsed.
fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, CalendarError> {
    let text = std::fs::read_to_string(path).map_err(|source| CalendarError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    serde_json::from_str(&text).map_err(|source| CalendarError::Parse {
        path: path.to_path_buf(),
        source,
    })
}

/// Is the file name `YYYY.json`? Returns the year.
fn notice_year(path: &Path) -> Option<i32> {
    let name = path.file_name()?.to_str()?;
    let stem = name.strip_suffix(".json")?;
    if stem.len() == 4 && stem.chars().all(|c| c.is_ascii_digit()) {
        stem.parse().ok()
    } else {
        None
    }
}

impl Calendar {
    /// Loads every `YYYY.json` in `dir`; other files are skipped.
    pub fn load(dir: &Path) -> Result<Calendar, CalendarError> {
        let entries = std::fs::read_dir(dir).map_err(|source| CalendarError::ReadDir {
            path: dir.to_path_buf(),
            source,
        })?;
        let mut paths = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|source| CalendarError::ReadDir {
                path: dir.to_path_buf(),
                source,
            })?;
            let path = entry.path();
            if let Some(year) = notice_year(&path) {
                paths.push((year, path));
            }
        }
        paths.sort();
        let mut cal = Calendar::default();
        for (expected, path) in paths {
            let file: NoticeFile = read_json(&path)?;
            if file.year != expected {
                return Err(CalendarError::YearMismatch {
                    path,
                    expected,
                    found: file.year,
                });
            }
            cal.add_notice(file.year, &file.days)
                .map_err(|e| e.with_path(&path))?;
        }
        let lunar = dir.join(LUNAR_NEW_YEAR_FILE);
        if lunar.exists() {
            let file: LunarNewYearFile = read_json(&lunar)?;
            for (year, date) in file.days {
                let md = (date.month(), date.day());
                let in_window = date.year() == year && ((1, 21)..=(2, 20)).contains(&md);
                let off = !cal.known_years.contains(&year)
                    || matches!(cal.day_kind(date), DayKind::Holiday { .. });
                if !in_window || !off {
                    return Err(CalendarError::LunarNewYear {
                        path: lunar,
                        year,
                        date,
                    });
                }
                cal.lunar_new_year.insert(year, date);
            }
        }
        Ok(cal)
    }

    /// 正月初一 of a Gregorian year, when the calendar has it.
    pub fn lunar_new_year(&self, year: i32) -> Option<NaiveDate> {
        self.lunar_new_year.get(&year).copied()
    }

    /// Builds a calendar from notices given in code (for tests):
    /// `(year, days)`; a year with an empty list stays unknown.
    pub fn from_notices(notices: &[(i32, Vec<NoticeDay>)]) -> Result<Calendar, CalendarError> {
        let mut cal = Calendar::default();
        for (year, days) in notices {
            cal.add_notice(*year, days)
                .map_err(|e| e.with_path(Path::new("<in memory>")))?;
        }
        Ok(cal)
    }

    /// A calendar with weekends only (no notice known).
    pub fn weekends_only() -> Calendar {
        Calendar::default()
    }

    fn add_notice(&mut self, year: i32, days: &[NoticeDay]) -> Result<(), NoticeProblem> {
        for d in days {
            // A notice may reach into the neighbouring year (the 2007 notice
            // lists 2006-12-30), but not further.
            if (d.date.year() - year).abs() > 1 {
                return Err(NoticeProblem::OutsideYear(year, d.date));
            }
            let value = (d.is_off_day, d.name.clone());
            match self.days.get(&d.date) {
                Some((off, _)) if *off != d.is_off_day => {
                    return Err(NoticeProblem::Duplicate(d.date));
                }
                Some(_) => {}
                None => {
                    self.days.insert(d.date, value);
                }
            }
        }
        if !days.is_empty() {
            self.known_years.insert(year);
        }
        Ok(())
    }

    /// A notice with a non-empty days list exists for `year`.
    pub fn year_known(&self, year: i32) -> bool {
        self.known_years.contains(&year)
    }

    /// The years with a notice.
    pub fn known_years(&self) -> impl Iterator<Item = i32> + '_ {
        self.known_years.iter().copied()
    }

    /// The years from `a` to `b` (either order, inclusive) that have no notice
    /// and are therefore computed with weekends only.
    pub fn unknown_years(&self, a: NaiveDate, b: NaiveDate) -> Vec<i32> {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        (lo.year()..=hi.year())
            .filter(|y| !self.year_known(*y))
            .collect()
    }

    /// What `date` is on the official calendar.
    pub fn day_kind(&self, date: NaiveDate) -> DayKind {
        match self.days.get(&date) {
            Some((true, name)) => DayKind::Holiday { name: name.clone() },
            Some((false, name)) if is_weekend(date) => {
                DayKind::MakeupWorkday { name: name.clone() }
            }
            // A make-up day on a weekday would be odd; it is a working day anyway.
            Some((false, _)) => DayKind::Working,
            None if is_weekend(date) => DayKind::Weekend,
            None => DayKind::Working,
        }
    }

    /// Monday to Friday unless an official day off, plus make-up working days.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        match self.days.get(&date) {
            Some((off, _)) => !off,
            None => !is_weekend(date),
        }
    }

    /// The holiday name of an official day off, if `date` is one.
    pub fn holiday_name(&self, date: NaiveDate) -> Option<&str> {
        match self.days.get(&date) {
            Some((true, name)) => Some(name),
            _ => None,
        }
    }

    /// `date` itself if it is a working day, else the next working day.
    pub fn next_working_day_on_or_after(&self, date: NaiveDate) -> Option<NaiveDate> {
        let mut d = date;
        while !self.is_working_day(d) {
            d = d.succ_opt()?;
        }
        Some(d)
    }

    /// `date` itself if it is a working day, else the last working day before it.
    pub fn last_working_day_on_or_before(&self, date: NaiveDate) -> Option<NaiveDate> {
        let mut d = date;
        while !self.is_working_day(d) {
            d = d.pred_opt()?;
        }
        Some(d)
    }

    /// The first working day strictly after `date`.
    pub fn next_working_day_after(&self, date: NaiveDate) -> Option<NaiveDate> {
        self.next_working_day_on_or_after(date.succ_opt()?)
    }

    /// The last working day strictly before `date`.
    pub fn last_working_day_before(&self, date: NaiveDate) -> Option<NaiveDate> {
        self.last_working_day_on_or_before(date.pred_opt()?)
    }

    /// The N-th working day after `date` (`date` itself not counted).
    /// `n == 0` gives `date`. `None` only past the end of chrono's range.
    pub fn nth_working_day_after(&self, date: NaiveDate, n: u32) -> Option<NaiveDate> {
        let mut d = date;
        for _ in 0..n {
            d = self.next_working_day_after(d)?;
        }
        Some(d)
    }

    /// The N-th working day before `date` (`date` itself not counted).
    pub fn nth_working_day_before(&self, date: NaiveDate, n: u32) -> Option<NaiveDate> {
        let mut d = date;
        for _ in 0..n {
            d = self.last_working_day_before(d)?;
        }
        Some(d)
    }

    /// Make-up working days (调休上班) in `from..=to`.
    pub fn makeup_days_between(&self, from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, String)> {
        if from > to {
            return Vec::new();
        }
        self.days
            .range(from..=to)
            .filter(|(d, (off, _))| !off && is_weekend(**d))
            .map(|(d, (_, name))| (*d, name.clone()))
            .collect()
    }

    /// Runs of official days off with the same name that meet `from..=to`;
    /// each run is given whole, even where it reaches outside the range.
    pub fn holiday_runs_between(&self, from: NaiveDate, to: NaiveDate) -> Vec<HolidayRun> {
        if from > to {
            return Vec::new();
        }
        let mut runs: Vec<HolidayRun> = Vec::new();
        let mut d = from;
        while d <= to {
            if let Some(run) = self.holiday_run(d) {
                let next = run.end.succ_opt();
                runs.push(run);
                match next {
                    Some(n) => d = n,
                    None => break,
                }
            } else {
                match d.succ_opt() {
                    Some(n) => d = n,
                    None => break,
                }
            }
        }
        runs
    }

    /// The run of official days off with one name that contains `date`.
    pub fn holiday_run(&self, date: NaiveDate) -> Option<HolidayRun> {
        let name = self.holiday_name(date)?.to_string();
        let mut start = date;
        while let Some(p) = start.pred_opt() {
            if self.holiday_name(p) == Some(name.as_str()) {
                start = p;
            } else {
                break;
            }
        }
        let mut end = date;
        while let Some(n) = end.succ_opt() {
            if self.holiday_name(n) == Some(name.as_str()) {
                end = n;
            } else {
                break;
            }
        }
        Some(HolidayRun { name, start, end })
    }

    /// The holiday block (a maximal run of non-working days holding at least
    /// one official day off) that contains `date`, or else the first one after
    /// it, looking ahead at most a year. The run is widened over adjacent
    /// weekends, so 2025-10-01..=10-08 or 2026-02-15..=02-23.
    /// With `name_hint` (e.g. `国庆`, `春节`) only blocks whose holiday name
    /// contains it count.
    pub fn holiday_block_from(
        &self,
        date: NaiveDate,
        name_hint: Option<&str>,
    ) -> Option<HolidayRun> {
        let limit = date.checked_add_days(Days::new(400))?;
        let mut d = date;
        while d <= limit {
            if let Some(name) = self.holiday_name(d)
                && name_hint.is_none_or(|h| name.contains(h))
            {
                let name = name.to_string();
                let mut start = d;
                while let Some(p) = start.pred_opt() {
                    if self.is_working_day(p) {
                        break;
                    }
                    start = p;
                }
                let mut end = d;
                while let Some(n) = end.succ_opt() {
                    if self.is_working_day(n) {
                        break;
                    }
                    end = n;
                }
                return Some(HolidayRun { name, start, end });
            }
            d = d.succ_opt()?;
        }
        None
    }
}

/// Saturday or Sunday.
pub fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

enum NoticeProblem {
    OutsideYear(i32, NaiveDate),
    Duplicate(NaiveDate),
}

impl NoticeProblem {
    fn with_path(self, path: &Path) -> CalendarError {
        match self {
            NoticeProblem::OutsideYear(year, date) => CalendarError::DateOutsideYear {
                path: path.to_path_buf(),
                year,
                date,
            },
            NoticeProblem::Duplicate(date) => CalendarError::DuplicateDate {
                path: path.to_path_buf(),
                date,
            },
        }
    }
}

#[cfg(test)]
pub(crate) fn test_calendar() -> Calendar {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("data/holidays");
    Calendar::load(&dir).expect("load data/holidays")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn loads_real_notices_and_skips_other_files() {
        let cal = test_calendar();
        for y in 2007..=2026 {
            assert!(cal.year_known(y), "{y}");
        }
        assert!(!cal.year_known(2027), "2027 has an empty days list");
        assert!(!cal.year_known(2006));
        assert_eq!(
            cal.unknown_years(d(2026, 12, 20), d(2027, 1, 10)),
            vec![2027]
        );
        assert!(
            cal.unknown_years(d(2025, 12, 20), d(2026, 1, 10))
                .is_empty()
        );
    }

    #[test]
    fn every_makeup_weekend_day_of_2025_and_2026_is_a_working_day() {
        let cal = test_calendar();
        let makeups = [
            d(2025, 1, 26),
            d(2025, 2, 8),
            d(2025, 4, 27),
            d(2025, 9, 28),
            d(2025, 10, 11),
            d(2026, 1, 4),
            d(2026, 2, 14),
            d(2026, 2, 28),
            d(2026, 5, 9),
            d(2026, 9, 20),
            d(2026, 10, 10),
        ];
        for m in makeups {
            assert!(is_weekend(m), "{m}");
            assert!(cal.is_working_day(m), "{m}");
            assert!(
                matches!(cal.day_kind(m), DayKind::MakeupWorkday { .. }),
                "{m}"
            );
        }
        // And they are exactly the weekend working days of those years.
        let mut found = Vec::new();
        let mut x = d(2025, 1, 1);
        while x <= d(2026, 12, 31) {
            if is_weekend(x) && cal.is_working_day(x) {
                found.push(x);
            }
            x = x.succ_opt().unwrap();
        }
        assert_eq!(found, makeups);
    }

    #[test]
    fn national_day_2026_is_off() {
        let cal = test_calendar();
        for day in 1..=7 {
            let x = d(2026, 10, day);
            assert!(!cal.is_working_day(x), "{x}");
            assert_eq!(
                cal.day_kind(x),
                DayKind::Holiday {
                    name: "国庆节".into()
                }
            );
        }
        assert!(cal.is_working_day(d(2026, 10, 8)));
        assert_eq!(cal.day_kind(d(2026, 10, 12)), DayKind::Working);
        assert_eq!(cal.day_kind(d(2026, 10, 11)), DayKind::Weekend);
    }

    #[test]
    fn spring_festival_and_new_year() {
        let cal = test_calendar();
        for day in 15..=23 {
            assert!(!cal.is_working_day(d(2026, 2, day)));
        }
        assert!(!cal.is_working_day(d(2025, 1, 1)));
        assert!(cal.is_working_day(d(2025, 1, 2)));
        let run = cal.holiday_run(d(2026, 2, 18)).unwrap();
        assert_eq!((run.start, run.end), (d(2026, 2, 15), d(2026, 2, 23)));
        let runs = cal.holiday_runs_between(d(2026, 9, 19), d(2026, 10, 8));
        let names: Vec<_> = runs.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["中秋节", "国庆节"]);
        assert_eq!(
            cal.makeup_days_between(d(2026, 2, 1), d(2026, 3, 1))
                .iter()
                .map(|x| x.0)
                .collect::<Vec<_>>(),
            [d(2026, 2, 14), d(2026, 2, 28)]
        );
    }

    #[test]
    fn year_2027_is_weekends_only() {
        let cal = test_calendar();
        // 2027-01-01 is a Friday: with no notice it counts as a working day.
        assert!(cal.is_working_day(d(2027, 1, 1)));
        assert_eq!(cal.day_kind(d(2027, 1, 2)), DayKind::Weekend);
        assert_eq!(cal.day_kind(d(2027, 10, 1)), DayKind::Working);
        assert!(!cal.year_known(2027));
    }

    #[test]
    fn helpers() {
        let cal = test_calendar();
        assert_eq!(
            cal.nth_working_day_after(d(2024, 12, 27), 6),
            Some(d(2025, 1, 7))
        );
        assert_eq!(
            cal.nth_working_day_after(d(2025, 12, 31), 1),
            Some(d(2026, 1, 4))
        );
        assert_eq!(
            cal.nth_working_day_after(d(2025, 12, 31), 0),
            Some(d(2025, 12, 31))
        );
        assert_eq!(
            cal.last_working_day_on_or_before(d(2026, 2, 22)),
            Some(d(2026, 2, 14))
        );
        assert_eq!(
            cal.next_working_day_on_or_after(d(2025, 10, 1)),
            Some(d(2025, 10, 9))
        );
        assert_eq!(
            cal.next_working_day_on_or_after(d(2025, 10, 9)),
            Some(d(2025, 10, 9))
        );
        assert_eq!(
            cal.last_working_day_before(d(2026, 10, 6)),
            Some(d(2026, 9, 30))
        );
        let block = cal.holiday_block_from(d(2025, 9, 20), None).unwrap();
        assert_eq!((block.start, block.end), (d(2025, 10, 1), d(2025, 10, 8)));
        let block = cal
            .holiday_block_from(d(2026, 1, 10), Some("春节"))
            .unwrap();
        assert_eq!((block.start, block.end), (d(2026, 2, 15), d(2026, 2, 23)));
    }

    #[test]
    fn errors_name_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("schema.json"), "{}").unwrap();
        std::fs::write(dir.path().join("LICENSE"), "x").unwrap();
        std::fs::write(
            dir.path().join("2030.json"),
            r#"{"year": 2030, "papers": [], "days": [{"name": "元旦", "date": "2030-01-01", "isOffDay": true, "extra": 1}]}"#,
        )
        .unwrap();
        let err = Calendar::load(dir.path()).unwrap_err();
        assert!(err.to_string().contains("2030.json"), "{err}");
        std::fs::write(
            dir.path().join("2030.json"),
            r#"{"year": 2031, "papers": [], "days": []}"#,
        )
        .unwrap();
        let err = Calendar::load(dir.path()).unwrap_err();
        assert!(matches!(err, CalendarError::YearMismatch { .. }), "{err}");
        std::fs::write(
            dir.path().join("2030.json"),
            r#"{"year": 2030, "papers": [], "days": [{"name": "元旦", "date": "2030-01-01", "isOffDay": true}]}"#,
        )
        .unwrap();
        let cal = Calendar::load(dir.path()).unwrap();
        assert!(cal.year_known(2030));
        assert!(!cal.is_working_day(d(2030, 1, 1)));
        assert!(Calendar::load(&dir.path().join("missing")).is_err());
        // 正月初一 must be a day off of its year's notice, in late January or
        // February (2030-01-01 is 元旦, not the lunar new year).
        std::fs::write(
            dir.path().join(LUNAR_NEW_YEAR_FILE),
            r#"{"about": "x", "days": {"2030": "2030-01-01"}}"#,
        )
        .unwrap();
        let err = Calendar::load(dir.path()).unwrap_err();
        assert!(
            matches!(err, CalendarError::LunarNewYear { year: 2030, .. }),
            "{err}"
        );
        std::fs::write(
            dir.path().join(LUNAR_NEW_YEAR_FILE),
            r#"{"about": "x", "days": {"2031": "2031-01-23"}}"#,
        )
        .unwrap();
        let cal = Calendar::load(dir.path()).unwrap();
        assert_eq!(cal.lunar_new_year(2031), Some(d(2031, 1, 23)));
    }

    /// Every lunar new year day shipped is an official day off of its year.
    #[test]
    fn lunar_new_year_days_are_days_off() {
        let cal = test_calendar();
        assert_eq!(cal.lunar_new_year(2025), Some(d(2025, 1, 29)));
        assert_eq!(cal.lunar_new_year(2026), Some(d(2026, 2, 17)));
        assert!(!cal.is_working_day(d(2026, 2, 17)));
    }

    #[test]
    fn from_notices_works() {
        let cal = Calendar::from_notices(&[(
            2030,
            vec![NoticeDay {
                name: "元旦".into(),
                date: d(2030, 1, 1),
                is_off_day: true,
            }],
        )])
        .unwrap();
        assert!(!cal.is_working_day(d(2030, 1, 1)));
        assert!(cal.year_known(2030));
    }
}
