//! Reminders that are never lost: parsing a request, storing it (flushed before it
//! is confirmed), and a scheduler that delivers due reminders through a
//! [`Notifier`] — Telegram in the bot, stdout in the terminal, a fake in tests.
//! Time is always passed in, so tests drive the scheduler without sleeping.
//!
//! Here: the service (create, cancel, buttons' actions, the scheduler). Beside
//! it: `model` (what is stored, and its keys), `request` (whether a message
//! asks for a reminder, and its moment), `text` (what users read, and the
//! buttons as typed actions).

use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use thiserror::Error;

mod model;
mod request;
mod text;

pub use model::{MAX_PENDING_PER_USER, Reminder, Repeat, State};
pub(crate) use model::{TREE, due_key, rem_key};
pub(crate) use request::parse_request;
pub use request::reminder_request;
pub use text::{confirmation, deadline_buttons, format_moment, listing, snooze_buttons, summary};

use crate::reply::{Action, Button, DeadlineDay, Later};
use rulebot_core::calendar::Calendar;
use rulebot_core::when::{Moment, WhenError, shanghai};
use rulebot_store::{Store, StoreError, to_json};

/// A reminder delivered more than this late is marked late.
const LATE_AFTER_SECONDS: i64 = 60;

/// Reminder errors; the Display text is for the user (Chinese).
#[derive(Debug, Error)]
pub enum ReminderError {
    /// No time could be read from the request.
    #[error(
        "没看懂提醒的时间。请写成“明天上午9点”“12月1日9:30”“30分钟后”“每周一上午9点”这样的形式,例如:/remind 明天上午9点 回复会签"
    )]
    NoTime,
    /// The time written cannot exist (2月30日, 25点).
    #[error("{0}")]
    Invalid(#[from] WhenError),
    /// The time is already past.
    #[error("{when}已经过去了,请设一个将来的时间。")]
    Past {
        /// The moment, as shown to the user.
        when: String,
    },
    /// The time is more than ten years ahead.
    #[error("{when}在十年以后,请确认时间。")]
    TooFar {
        /// The moment, as shown to the user.
        when: String,
    },
    /// Nothing to be reminded of was written.
    #[error("请写上要提醒的事情,例如:/remind 明天上午9点 回复会签")]
    NoText,
    /// The user has as many pending reminders as allowed.
    #[error("您已有{MAX_PENDING_PER_USER}条待办提醒,达到上限;请先用 /cancel 取消一些。")]
    TooMany,
    /// No reminder has this id in this chat.
    #[error("没有找到编号为 {0} 的提醒(用 /reminders 查看编号)。")]
    NotFound(String),
    /// The reminder belongs to someone else (and the user is no admin).
    #[error("只能取消自己设置的提醒(群管理员除外)。")]
    NotYours,
    /// A button of someone else's reminder was pressed.
    #[error("这是别人的提醒,只有设置它的人可以处理。")]
    NotYourButton,
    /// The store failed (logged; the user gets an apology).
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Why a send failed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SendError {
    /// 429: try again after this many seconds.
    #[error("rate limited, retry after {0}s")]
    RetryAfter(u64),
    /// Network trouble or a 5xx: try again with backoff.
    #[error("temporary failure: {0}")]
    Temporary(String),
    /// 403: the chat blocked the bot or removed it.
    #[error("blocked by the chat")]
    Blocked,
    /// Anything else: give up on this delivery.
    #[error("permanent failure: {0}")]
    Permanent(String),
}

/// Whom a group delivery addresses: the reminder's owner, by user id, so the
/// platform notifies them (a Telegram text mention). Private deliveries have none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The owner's user id.
    pub user_id: i64,
    /// The name shown.
    pub name: String,
}

/// Something that can deliver a reminder to a chat.
pub trait Notifier: Send + Sync {
    /// Sends `text` to `chat_id`, addressed to `mention` when given, with
    /// buttons under it.
    fn send(
        &self,
        chat_id: i64,
        mention: Option<&Mention>,
        text: &str,
        buttons: &[Button],
    ) -> impl std::future::Future<Output = Result<(), SendError>> + Send;
}

/// The reminders service: storage plus a wake-up signal for the scheduler.
#[derive(Clone)]
pub struct Reminders {
    store: Store,
    /// The official calendar, for reminders on working days.
    calendar: Calendar,
    wake: std::sync::Arc<tokio::sync::Notify>,
}

impl Reminders {
    /// The service over a store; `calendar` decides which days are working
    /// days for "每个工作日" reminders.
    pub fn new(store: Store, calendar: Calendar) -> Reminders {
        Reminders {
            store,
            calendar,
            wake: std::sync::Arc::new(tokio::sync::Notify::new()),
        }
    }

    /// Creates a reminder from words ("明天上午9点 回复会签"); flushed to disk
    /// before it returns.
    pub fn create_from_text(
        &self,
        chat_id: i64,
        user_id: i64,
        user_name: Option<String>,
        text: &str,
        now: DateTime<FixedOffset>,
        cal: &Calendar,
    ) -> Result<Reminder, ReminderError> {
        let (moment, body) = parse_request(text, now, cal)?;
        if body.is_empty() {
            return Err(ReminderError::NoText);
        }
        self.create(
            chat_id,
            user_id,
            user_name,
            &body,
            moment.at,
            moment.recurrence.into(),
            now,
        )
    }

    /// Creates a reminder at `at`.
    #[allow(clippy::too_many_arguments)]
    pub fn create(
        &self,
        chat_id: i64,
        user_id: i64,
        user_name: Option<String>,
        text: &str,
        at: DateTime<FixedOffset>,
        repeat: Repeat,
        now: DateTime<FixedOffset>,
    ) -> Result<Reminder, ReminderError> {
        if at <= now {
            return Err(ReminderError::Past {
                when: format_moment(at),
            });
        }
        // Regression: "/remind 9999年1月1日 开会" was stored.
        if at > now + Duration::days(rulebot_core::when::MAX_AHEAD_DAYS) {
            return Err(ReminderError::TooFar {
                when: format_moment(at),
            });
        }
        if self.pending_count(user_id)? >= MAX_PENDING_PER_USER {
            return Err(ReminderError::TooMany);
        }
        // Regression: pressing "到期前一天提醒" twice stored two identical
        // reminders. The same reminder again is the one already set.
        let text_kept: String = text.chars().take(500).collect();
        if let Some(same) = self
            .pending_for(chat_id, user_id)?
            .into_iter()
            .find(|r| r.text == text_kept && r.scheduled == at.timestamp() && r.repeat == repeat)
        {
            return Ok(same);
        }
        let id = self.next_id()?;
        let r = Reminder {
            id,
            chat_id,
            user_id,
            user_name,
            text: text.chars().take(500).collect(),
            due: at.timestamp(),
            scheduled: at.timestamp(),
            repeat,
            state: State::Pending,
            attempts: 0,
            delivered_at: None,
            snoozed_from: None,
        };
        self.store.apply(
            TREE,
            vec![
                (rem_key(&r.id), to_json(&r)?),
                (due_key(r.due, &r.id), r.id.as_bytes().to_vec()),
            ],
            vec![],
        )?;
        self.wake.notify_one();
        Ok(r)
    }

    fn next_id(&self) -> Result<String, ReminderError> {
        let n = self.store.generate_id()?;
        Ok(base36(n + 1))
    }

    /// One reminder by id.
    pub fn get(&self, id: &str) -> Result<Option<Reminder>, ReminderError> {
        Ok(self.store.get::<Reminder>(TREE, &rem_key(id))?)
    }

    fn all(&self) -> Result<Vec<Reminder>, ReminderError> {
        Ok(self
            .store
            .scan_prefix::<Reminder>(TREE, b"r/")?
            .into_iter()
            .map(|(_, r)| r)
            .collect())
    }

    fn pending_count(&self, user_id: i64) -> Result<usize, ReminderError> {
        Ok(self
            .all()?
            .iter()
            .filter(|r| r.user_id == user_id && r.state == State::Pending)
            .count())
    }

    /// The user's pending reminders in a chat, soonest first.
    pub fn pending_for(&self, chat_id: i64, user_id: i64) -> Result<Vec<Reminder>, ReminderError> {
        let mut v = self.in_state(chat_id, user_id, State::Pending)?;
        v.sort_by_key(|r| r.due);
        Ok(v)
    }

    /// The user's reminders in a chat that are in `state`.
    fn in_state(
        &self,
        chat_id: i64,
        user_id: i64,
        state: State,
    ) -> Result<Vec<Reminder>, ReminderError> {
        Ok(self
            .all()?
            .into_iter()
            .filter(|r| r.chat_id == chat_id && r.user_id == user_id && r.state == state)
            .collect())
    }

    /// The user's reminders in a chat whose delivery was given up, latest first.
    pub fn failed_for(&self, chat_id: i64, user_id: i64) -> Result<Vec<Reminder>, ReminderError> {
        let mut v = self.in_state(chat_id, user_id, State::Failed)?;
        v.sort_by_key(|r| std::cmp::Reverse(r.due));
        Ok(v)
    }

    fn save(&self, r: &Reminder, old_due: Option<i64>) -> Result<(), ReminderError> {
        let mut puts = vec![(rem_key(&r.id), to_json(r)?)];
        if r.state == State::Pending {
            puts.push((due_key(r.due, &r.id), r.id.as_bytes().to_vec()));
        }
        let removes = match old_due {
            Some(d) if !(r.state == State::Pending && d == r.due) => vec![due_key(d, &r.id)],
            _ => vec![],
        };
        self.store.apply(TREE, puts, removes)?;
        Ok(())
    }

    /// Cancels one of the user's reminders (an administrator may cancel any in
    /// their group).
    pub fn cancel(
        &self,
        chat_id: i64,
        user_id: i64,
        id: &str,
        admin: bool,
    ) -> Result<Reminder, ReminderError> {
        let mut r = self
            .get(id)?
            .filter(|r| r.chat_id == chat_id && r.state == State::Pending)
            .ok_or_else(|| ReminderError::NotFound(id.to_string()))?;
        if r.user_id != user_id && !admin {
            return Err(ReminderError::NotYours);
        }
        r.state = State::Cancelled;
        self.save(&r, Some(r.due))?;
        Ok(r)
    }

    /// The earliest pending due time.
    pub fn next_due(&self) -> Result<Option<i64>, ReminderError> {
        let v = self.store.range_raw(TREE, b"d/", b"d0")?;
        Ok(v.first().map(|(k, _)| {
            let mut b = [0u8; 8];
            b.copy_from_slice(&k[2..10]);
            (u64::from_be_bytes(b) ^ (1 << 63)) as i64
        }))
    }

    /// Reminders due at `now`: a range scan over the due index.
    pub fn due(&self, now: DateTime<FixedOffset>) -> Result<Vec<Reminder>, ReminderError> {
        let end = due_key(now.timestamp() + 1, "");
        let ids = self.store.range_raw(TREE, b"d/", &end)?;
        let mut out = Vec::new();
        for (_, id) in ids {
            if let Some(r) = self.get(&String::from_utf8_lossy(&id))?
                && r.state == State::Pending
            {
                out.push(r);
            }
        }
        Ok(out)
    }

    /// Delivers every reminder due at `now`. Returns how many were sent.
    pub async fn deliver_due<N: Notifier>(
        &self,
        notifier: &N,
        now: DateTime<FixedOffset>,
    ) -> Result<usize, ReminderError> {
        let mut sent = 0;
        for mut r in self.due(now)? {
            let late = (now.timestamp() - r.scheduled) / 60;
            let mut text = format!("⏰ 提醒:{}", r.text);
            // A name is kept only for reminders set in a group.
            let mention = r.user_name.clone().map(|name| Mention {
                user_id: r.user_id,
                name,
            });
            if now.timestamp() - r.scheduled > LATE_AFTER_SECONDS {
                text.push_str(&format!("(延迟{late}分钟)"));
            }
            let buttons = snooze_buttons(&r.id);
            let old_due = r.due;
            match notifier
                .send(r.chat_id, mention.as_ref(), &text, &buttons)
                .await
            {
                Ok(()) => {
                    sent += 1;
                    r.delivered_at = Some(now.timestamp());
                    r.attempts = 0;
                    let next = Moment {
                        at: shanghai()
                            .timestamp_opt(r.scheduled, 0)
                            .single()
                            .unwrap_or(now),
                        recurrence: r.repeat.recurrence(),
                        time_given: true,
                        start: 0,
                        end: 0,
                    }
                    .next_after(now, &self.calendar);
                    match (r.repeat, next) {
                        (Repeat::Once, _) | (_, None) => r.state = State::Delivered,
                        (_, Some(n)) => {
                            r.due = n.timestamp();
                            r.scheduled = n.timestamp();
                        }
                    }
                    self.save(&r, Some(old_due))?;
                }
                Err(SendError::Blocked) => {
                    tracing::warn!(
                        chat = r.chat_id,
                        "chat blocked the bot; ending its reminders"
                    );
                    for mut other in self.all()? {
                        if other.chat_id == r.chat_id && other.state == State::Pending {
                            other.state = State::Cancelled;
                            self.save(&other, Some(other.due))?;
                        }
                    }
                }
                Err(SendError::Permanent(e)) => {
                    tracing::error!(id = %r.id, error = %e, "reminder could not be delivered");
                    r.state = State::Failed;
                    self.save(&r, Some(old_due))?;
                }
                Err(e) => {
                    r.attempts += 1;
                    if crate::retry::DELIVERIES.exhausted(r.attempts) {
                        tracing::error!(id = %r.id, chat = r.chat_id, error = %e, attempts = r.attempts, "reminder could not be delivered; giving up");
                        r.state = State::Failed;
                        self.save(&r, Some(old_due))?;
                        continue;
                    }
                    let wait = match e {
                        SendError::RetryAfter(s) => s as i64,
                        _ => crate::retry::DELIVERIES.delay(r.attempts).as_secs() as i64,
                    };
                    tracing::warn!(id = %r.id, error = %e, wait, "reminder delivery failed; retrying");
                    r.due = now.timestamp() + wait.max(1);
                    self.save(&r, Some(old_due))?;
                }
            }
        }
        Ok(sent)
    }

    /// Runs the scheduler until `shutdown` resolves: wakes at the next due time, or
    /// when a new reminder arrives, and delivers what is due. `clock` gives now;
    /// the scheduler reads it again at least every `longest_wait` (a clock that
    /// may jump, as a test's does, is read often).
    pub async fn run<N: Notifier, C: Fn() -> DateTime<FixedOffset>>(
        &self,
        notifier: N,
        clock: C,
        longest_wait: StdDuration,
        mut shutdown: tokio::sync::watch::Receiver<bool>,
    ) {
        let longest = longest_wait.max(StdDuration::from_millis(50));
        loop {
            if *shutdown.borrow() {
                return;
            }
            let now = clock();
            if let Err(e) = self.deliver_due(&notifier, now).await {
                tracing::error!(error = %e, "reminder scheduler");
            }
            let wait = match self.next_due() {
                Ok(Some(t)) => StdDuration::from_millis(
                    ((t - clock().timestamp()).max(0) as u64 * 1000).max(50),
                )
                .min(longest),
                _ => longest,
            };
            tokio::select! {
                _ = tokio::time::sleep(wait) => {}
                _ = self.wake.notified() => {}
                _ = shutdown.changed() => {}
            }
        }
    }

    /// Handles a button: snooze, done, or a reminder for a computed deadline.
    /// Returns the text to show, or None for data that is not ours.
    pub fn handle_callback(
        &self,
        chat_id: i64,
        user_id: i64,
        user_name: Option<String>,
        action: &Action,
        now: DateTime<FixedOffset>,
        cal: &Calendar,
    ) -> Result<Option<String>, ReminderError> {
        self.handle_press(chat_id, user_id, user_name, false, action, now, cal)
    }

    /// Like [`Reminders::handle_callback`], by a presser who may administer the
    /// group (`admin`): an administrator may end or snooze any member's reminder
    /// there, which stays the owner's.
    #[allow(clippy::too_many_arguments)]
    pub fn handle_press(
        &self,
        chat_id: i64,
        user_id: i64,
        user_name: Option<String>,
        admin: bool,
        action: &Action,
        now: DateTime<FixedOffset>,
        cal: &Calendar,
    ) -> Result<Option<String>, ReminderError> {
        match action {
            Action::Snooze { id, later } => {
                let Some(r) = self.get(id)?.filter(|r| r.chat_id == chat_id) else {
                    return Err(ReminderError::NotFound(id.to_string()));
                };
                // Regression: anyone in a group could snooze (a copy in their
                // own name) or end another member's reminder.
                if r.user_id != user_id && !admin {
                    return Err(ReminderError::NotYourButton);
                }
                // The snoozed reminder stays its owner's, whoever pressed.
                let user_name = if r.user_id == user_id {
                    user_name.or(r.user_name.clone())
                } else {
                    r.user_name.clone()
                };
                let at = match later {
                    Later::TenMinutes => now + Duration::minutes(10),
                    Later::OneHour => now + Duration::hours(1),
                    Later::TomorrowNine => at_nine(now.date_naive() + Duration::days(1)),
                };
                // A one-off reminder moves: same id, due again at the new time
                // (#12: each snooze made a copy). A repeating one keeps its series
                // and gets a one-off copy for this time.
                if r.repeat == Repeat::Once && r.state != State::Done {
                    let mut r = r;
                    let old = r.due;
                    r.due = at.timestamp();
                    r.scheduled = at.timestamp();
                    r.state = State::Pending;
                    r.attempts = 0;
                    r.delivered_at = None;
                    r.user_name = user_name;
                    self.save(&r, Some(old))?;
                    self.wake.notify_one();
                    return Ok(Some(format!("好的,{}再提醒(#{})", format_moment(at), r.id)));
                }
                let mut n = self.create(
                    chat_id,
                    r.user_id,
                    user_name,
                    &r.text,
                    at,
                    Repeat::Once,
                    now,
                )?;
                if n.snoozed_from.is_none() {
                    n.snoozed_from = Some(r.snoozed_from.clone().unwrap_or(r.id.clone()));
                    self.save(&n, Some(n.due))?;
                }
                Ok(Some(format!("好的,{}再提醒(#{})", format_moment(at), n.id)))
            }
            Action::Done { id } => {
                let Some(mut r) = self.get(id)?.filter(|r| r.chat_id == chat_id) else {
                    // Regression: a reminder that does not exist was "marked done".
                    return Err(ReminderError::NotFound(id.to_string()));
                };
                if r.user_id != user_id && !admin {
                    return Err(ReminderError::NotYourButton);
                }
                // The snoozed copies of the same reminder end with it
                // (regression: after three snoozes they still fired).
                let root = r.snoozed_from.clone().unwrap_or(r.id.clone());
                for mut copy in self.pending_for(chat_id, r.user_id)? {
                    if copy.id != r.id && copy.snoozed_from.as_deref() == Some(root.as_str()) {
                        copy.state = State::Done;
                        self.save(&copy, Some(copy.due))?;
                    }
                }
                // A repeating reminder's "已完成" is this time's; the series goes
                // on (regression: one press ended a weekly reminder for good).
                if r.repeat != Repeat::Once && r.state == State::Pending {
                    return Ok(Some("本次已完成 ✅,之后照常提醒".into()));
                }
                if r.state == State::Delivered || r.state == State::Pending {
                    let old = r.due;
                    r.state = State::Done;
                    self.save(&r, Some(old))?;
                }
                Ok(Some("已标记为完成 ✅".into()))
            }
            Action::Deadline { date, day } => {
                let r = self
                    .set_for_deadline(chat_id, user_id, user_name, *date, *day, None, now, cal)?;
                Ok(Some(confirmation(&r)))
            }
            // The conversation answers an upload's buttons.
            Action::Upload { .. } => Ok(None),
        }
    }

    /// Sets a reminder for a computed deadline (09:00 on the working day before,
    /// or on the day), saying what falls due when `about` is known (the
    /// question the deadline answered).
    #[allow(clippy::too_many_arguments)]
    pub fn set_for_deadline(
        &self,
        chat_id: i64,
        user_id: i64,
        user_name: Option<String>,
        d: NaiveDate,
        day: DeadlineDay,
        about: Option<&str>,
        now: DateTime<FixedOffset>,
        cal: &Calendar,
    ) -> Result<Reminder, ReminderError> {
        let (at, what) = match day {
            // The working day before: a Monday's deadline is told on
            // Friday (or the 调休 Saturday), not on Sunday.
            DeadlineDay::DayBefore => {
                let before = cal
                    .last_working_day_before(d)
                    .unwrap_or(d - Duration::days(1));
                let what = if before == d - Duration::days(1) {
                    "明天".to_string()
                } else {
                    rulebot_core::deadline::format_date(d).to_string()
                };
                (at_nine(before), what)
            }
            DeadlineDay::SameDay => (at_nine(d), "今天".to_string()),
        };
        let text = if what == "明天" || what == "今天" {
            format!(
                "办理时限{what}({})到期",
                rulebot_core::deadline::format_date(d)
            )
        } else {
            format!("办理时限{what}到期")
        };
        // Regression: what falls due was lost ("办理时限明天(…)到期").
        let text = match about.map(str::trim).filter(|a| !a.is_empty()) {
            Some(a) => format!("{text}:{}", a.chars().take(60).collect::<String>()),
            None => text,
        };
        self.create(chat_id, user_id, user_name, &text, at, Repeat::Once, now)
    }
}

fn at_nine(d: NaiveDate) -> DateTime<FixedOffset> {
    let t = d.and_time(NaiveTime::from_hms_opt(9, 0, 0).expect("valid time"));
    shanghai()
        .from_local_datetime(&t)
        .single()
        .expect("UTC+8 has no gaps")
}

fn base36(mut n: u64) -> String {
    const D: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut s = Vec::new();
    while n > 0 {
        s.push(D[(n % 36) as usize]);
        n /= 36;
    }
    if s.is_empty() {
        s.push(b'0');
    }
    s.reverse();
    String::from_utf8(s).expect("ascii")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    /// A notifier that records what it sends and fails as told.
    #[derive(Default)]
    struct Fake {
        sent: Mutex<Vec<(i64, String)>>,
        fail_next: Mutex<Vec<SendError>>,
    }

    impl Notifier for Fake {
        async fn send(
            &self,
            chat_id: i64,
            mention: Option<&Mention>,
            text: &str,
            _b: &[Button],
        ) -> Result<(), SendError> {
            if let Some(e) = self.fail_next.lock().unwrap().pop() {
                return Err(e);
            }
            let text = match mention {
                Some(m) => format!("@{}({}) {text}", m.name, m.user_id),
                None => text.to_string(),
            };
            self.sent.lock().unwrap().push((chat_id, text));
            Ok(())
        }
    }

    fn t(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn service() -> (tempfile::TempDir, Reminders) {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::open(&tmp.path().join("db")).unwrap();
        (tmp, Reminders::new(store, cal()))
    }

    fn cal() -> Calendar {
        Calendar::load(
            &std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
                .join("data/holidays"),
        )
        .unwrap()
    }

    fn block_on<F: std::future::Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(f)
    }

    #[test]
    fn parses_requests_in_words() {
        let now = t("2026-11-26T10:00:00+08:00");
        let (m, body) = parse_request("提醒我明天上午9点回复会签", now, &cal()).unwrap();
        assert_eq!(m.at, t("2026-11-27T09:00:00+08:00"));
        assert_eq!(body, "回复会签");
        let (m, body) = parse_request("12月1日9:30 报备出差", now, &cal()).unwrap();
        assert_eq!(m.at, t("2026-12-01T09:30:00+08:00"));
        assert_eq!(body, "报备出差");
        let now = t("2026-11-26T10:00:00+08:00");
        let asks = |q: &str| reminder_request(q, now, &cal()).is_some();
        assert!(asks("提醒我明天上午9点回复会签"));
        assert!(asks("后天下午三点的时候提醒我开会"));
        assert!(!asks("常务会议多久开一次"));
        // Regression: the time first, then 提醒我, was answered as a rule question.
        assert!(asks("10分钟后提醒我开会"));
        assert!(asks("明天上午9点提醒我交材料"));
        assert!(asks("下周五上午十点半提醒我报送材料"));
        assert!(!asks("会签文件收到后要不要提醒我们领导"));
        assert!(!asks("开会前几天提醒我们科室?"));
        assert!(!asks("明天上午提醒我们科室的是谁?"));
        assert!(asks("-5分钟后提醒我开会"));
        assert!(asks("每周八上午9点提醒我开会"));
        let (m, body) = parse_request("10分钟后提醒我开会", now, &cal()).unwrap();
        assert_eq!(m.at, t("2026-11-26T10:10:00+08:00"));
        assert_eq!(body, "开会");
        let (m, body) = parse_request("明天上午9点提醒我交材料", now, &cal()).unwrap();
        assert_eq!(m.at, t("2026-11-27T09:00:00+08:00"));
        assert_eq!(body, "交材料");
        let (m, _) = parse_request("提醒我两个半小时后报送", now, &cal()).unwrap();
        assert_eq!(m.at, t("2026-11-26T12:30:00+08:00"));
        let (m, body) = parse_request("后天下午三点的时候提醒我开会", now, &cal()).unwrap();
        assert_eq!(m.at, t("2026-11-28T15:00:00+08:00"));
        assert_eq!(body, "开会");
        // Regression: full-width digits and colon (voice and phone keyboards).
        let (m, body) = parse_request("１２月１日９：３０ 报备出差", now, &cal()).unwrap();
        assert_eq!(m.at, t("2026-12-01T09:30:00+08:00"));
        assert_eq!(body, "报备出差");
    }

    /// Regression (issue 13): times the user did not write were stored.
    #[test]
    fn hostile_times_are_refused_and_store_nothing() {
        let (_t, r) = service();
        let now = t("2026-11-26T10:00:00+08:00");
        for text in [
            "2147483648天后 开会",
            "1e9分钟后 开会",
            "-5分钟后提醒我开会",
            "100000年后提醒我开会",
            "每周八上午9点提醒我开会",
            "明天上午13点 开会",
            "9999年1月1日 开会",
            "99999999分钟后 开会",
        ] {
            let e = r
                .create_from_text(7, 1, None, text, now, &cal())
                .expect_err(text);
            let shown = e.to_string();
            assert!(
                !shown.is_empty() && !matches!(e, ReminderError::Store(_)),
                "{text}: {shown}"
            );
        }
        assert!(r.pending_for(7, 1).unwrap().is_empty());
        // What is meant still works.
        assert!(
            r.create_from_text(7, 1, None, "下午3点 开会", now, &cal())
                .is_ok()
        );
        assert!(
            r.create_from_text(7, 1, None, "每周一上午9点 例会", now, &cal())
                .is_ok()
        );
    }

    #[test]
    fn bad_times_store_nothing() {
        let (_t, r) = service();
        let now = t("2026-11-26T10:00:00+08:00");
        let e = r.create_from_text(1, 1, None, "2月30日 交材料", now, &cal());
        assert!(matches!(e, Err(ReminderError::Invalid(_))), "{e:?}");
        let e = r.create_from_text(1, 1, None, "回头 交材料", now, &cal());
        assert!(matches!(e, Err(ReminderError::NoTime)), "{e:?}");
        let e = r.create_from_text(1, 1, None, "昨天上午9点 交材料", now, &cal());
        assert!(matches!(e, Err(ReminderError::Past { .. })), "{e:?}");
        assert!(r.pending_for(1, 1).unwrap().is_empty());
        assert_eq!(r.next_due().unwrap(), None);
    }

    #[test]
    fn delivers_when_due_once() {
        let (_t, r) = service();
        let fake = Fake::default();
        let now = t("2026-11-26T10:00:00+08:00");
        let rem = r
            .create_from_text(7, 1, None, "30分钟后 回复会签", now, &cal())
            .unwrap();
        assert_eq!(r.next_due().unwrap(), Some(rem.due));
        block_on(async {
            assert_eq!(
                r.deliver_due(&fake, now + Duration::minutes(29))
                    .await
                    .unwrap(),
                0
            );
            assert_eq!(
                r.deliver_due(&fake, now + Duration::minutes(30))
                    .await
                    .unwrap(),
                1
            );
            assert_eq!(
                r.deliver_due(&fake, now + Duration::minutes(31))
                    .await
                    .unwrap(),
                0
            );
        });
        let sent = fake.sent.lock().unwrap();
        assert_eq!(sent.len(), 1);
        assert_eq!(sent[0].0, 7);
        assert!(sent[0].1.contains("回复会签") && !sent[0].1.contains("延迟"));
        assert_eq!(r.get(&rem.id).unwrap().unwrap().state, State::Delivered);
    }

    #[test]
    fn a_late_delivery_is_marked() {
        let (_t, r) = service();
        let fake = Fake::default();
        let now = t("2026-11-26T10:00:00+08:00");
        r.create_from_text(7, 1, None, "1小时后 开会", now, &cal())
            .unwrap();
        block_on(r.deliver_due(&fake, now + Duration::minutes(75))).unwrap();
        assert!(fake.sent.lock().unwrap()[0].1.contains("(延迟15分钟)"));
    }

    #[test]
    fn an_earlier_reminder_wakes_the_scheduler() {
        let (_t, r) = service();
        let now = t("2026-11-26T10:00:00+08:00");
        r.create_from_text(7, 1, None, "明天上午9点 甲", now, &cal())
            .unwrap();
        let later = r.next_due().unwrap().unwrap();
        let woken = r.wake.clone();
        let early = r
            .create_from_text(7, 1, None, "10分钟后 乙", now, &cal())
            .unwrap();
        assert_eq!(r.next_due().unwrap(), Some(early.due));
        assert!(early.due < later);
        // The notification is stored as a permit: the scheduler's next wait returns at once.
        block_on(async {
            tokio::time::timeout(StdDuration::from_millis(100), woken.notified())
                .await
                .expect("woken");
        });
    }

    /// Regression: "每个工作日上午9点" set on 2026-09-30 fired on 国庆 (10月1日,
    /// 10月2日) and skipped 调休 Saturdays; it follows the official calendar.
    #[test]
    fn working_day_reminders_follow_the_official_calendar() {
        let (_t, r) = service();
        let fake = Fake::default();
        let now = t("2026-09-30T08:00:00+08:00");
        let rem = r
            .create_from_text(7, 1, None, "每个工作日上午9点 打卡", now, &cal())
            .unwrap();
        assert_eq!(rem.due, t("2026-09-30T09:00:00+08:00").timestamp());
        let mut fired = Vec::new();
        let mut at = t("2026-09-30T09:00:00+08:00");
        block_on(async {
            for _ in 0..3 {
                r.deliver_due(&fake, at).await.unwrap();
                let next = r.pending_for(7, 1).unwrap()[0].due;
                fired.push(next);
                at = DateTime::from_timestamp(next, 0).unwrap().fixed_offset();
            }
        });
        let days: Vec<String> = fired
            .iter()
            .map(|ts| {
                DateTime::from_timestamp(*ts, 0)
                    .unwrap()
                    .with_timezone(&shanghai())
                    .format("%m-%d")
                    .to_string()
            })
            .collect();
        let c = cal();
        for d in &days {
            let date = NaiveDate::parse_from_str(&format!("2026-{d}"), "%Y-%m-%d").unwrap();
            assert!(c.is_working_day(date), "{d} is not a working day: {days:?}");
        }
        assert!(!days.contains(&"10-01".to_string()), "{days:?}");
    }

    #[test]
    fn weekly_reminders_recur() {
        let (_t, r) = service();
        let fake = Fake::default();
        let now = t("2026-11-26T10:00:00+08:00"); // Thursday
        let rem = r
            .create_from_text(7, 1, None, "每周一上午9点 交周报", now, &cal())
            .unwrap();
        assert_eq!(rem.due_at(), t("2026-11-30T09:00:00+08:00"));
        block_on(r.deliver_due(&fake, t("2026-11-30T09:00:00+08:00"))).unwrap();
        let again = r.get(&rem.id).unwrap().unwrap();
        assert_eq!(again.state, State::Pending);
        assert_eq!(again.due_at(), t("2026-12-07T09:00:00+08:00"));
    }

    #[test]
    fn failed_sends_are_retried_and_blocked_chats_end() {
        let (_t, r) = service();
        let fake = Fake::default();
        let now = t("2026-11-26T10:00:00+08:00");
        r.create_from_text(7, 1, None, "10分钟后 甲", now, &cal())
            .unwrap();
        fake.fail_next
            .lock()
            .unwrap()
            .push(SendError::RetryAfter(5));
        let due = now + Duration::minutes(10);
        block_on(async {
            assert_eq!(r.deliver_due(&fake, due).await.unwrap(), 0);
            assert_eq!(
                r.deliver_due(&fake, due + Duration::seconds(4))
                    .await
                    .unwrap(),
                0
            );
            assert_eq!(
                r.deliver_due(&fake, due + Duration::seconds(5))
                    .await
                    .unwrap(),
                1
            );
        });
        r.create_from_text(8, 1, None, "10分钟后 乙", now, &cal())
            .unwrap();
        r.create_from_text(8, 1, None, "20分钟后 丙", now, &cal())
            .unwrap();
        fake.fail_next.lock().unwrap().push(SendError::Blocked);
        block_on(r.deliver_due(&fake, due)).unwrap();
        assert!(r.pending_for(8, 1).unwrap().is_empty());
    }

    /// Regression: a failed delivery was retried forever. It is retried by the
    /// delivery policy, then given up (and logged), and nothing else is sent.
    #[test]
    fn failed_deliveries_end_after_the_policy() {
        let (_t, r) = service();
        let fake = Fake::default();
        let now = t("2026-11-26T10:00:00+08:00");
        r.create_from_text(7, 1, None, "10分钟后 甲", now, &cal())
            .unwrap();
        let tries = crate::retry::DELIVERIES.attempts as usize + 1;
        *fake.fail_next.lock().unwrap() = vec![SendError::Temporary("down".into()); tries + 5];
        let mut at = now + Duration::minutes(10);
        block_on(async {
            for _ in 0..tries + 3 {
                assert_eq!(r.deliver_due(&fake, at).await.unwrap(), 0);
                at += Duration::minutes(10);
            }
        });
        assert!(r.pending_for(7, 1).unwrap().is_empty());
        // Every try but the ones after giving up reached the notifier.
        assert_eq!(fake.fail_next.lock().unwrap().len(), 5);
        // Kept, and listed as failed (#12).
        let failed = r.failed_for(7, 1).unwrap();
        assert_eq!(failed.len(), 1);
        assert_eq!(failed[0].text, "甲");
        assert_eq!(failed[0].state, State::Failed);
    }

    /// Regressions: after snoozing three times, "已完成" ended only the one
    /// pressed and the copies still fired (snoozing now moves the reminder); one
    /// "已完成" on a weekly reminder ended the series.
    #[test]
    fn done_ends_snoozed_copies_and_only_this_time_of_a_series() {
        let (_t, r) = service();
        let c = cal();
        let fake = Fake::default();
        let now = t("2026-11-26T10:00:00+08:00");
        let first = r
            .create_from_text(7, 1, None, "10分钟后 交材料", now, &c)
            .unwrap();
        let snooze = |id: &str, at| {
            let later = Later::OneHour;
            r.handle_callback(
                7,
                1,
                None,
                &Action::Snooze {
                    id: id.into(),
                    later,
                },
                at,
                &c,
            )
            .unwrap();
        };
        snooze(&first.id, now);
        snooze(&first.id, now + Duration::minutes(1));
        snooze(&first.id, now + Duration::minutes(2));
        block_on(r.deliver_due(&fake, now + Duration::minutes(10))).unwrap();
        // Snoozing moves the reminder (#12): one, with its id, due an hour after
        // the last press; nothing fired at the first time.
        let pending = r.pending_for(7, 1).unwrap();
        assert_eq!(pending.len(), 1);
        assert_eq!(pending[0].id, first.id);
        assert_eq!(
            pending[0].due,
            (now + Duration::minutes(2) + Duration::hours(1)).timestamp()
        );
        assert!(fake.sent.lock().unwrap().is_empty());
        r.handle_callback(
            7,
            1,
            None,
            &Action::Done {
                id: first.id.clone(),
            },
            now,
            &c,
        )
        .unwrap();
        assert!(r.pending_for(7, 1).unwrap().is_empty());

        let weekly = r
            .create_from_text(8, 1, None, "每周一上午9点 例会", now, &c)
            .unwrap();
        block_on(r.deliver_due(&fake, weekly.due_at())).unwrap();
        let msg = r
            .handle_callback(
                8,
                1,
                None,
                &Action::Done {
                    id: weekly.id.clone(),
                },
                now,
                &c,
            )
            .unwrap()
            .unwrap();
        assert!(msg.contains("本次"), "{msg}");
        assert_eq!(r.pending_for(8, 1).unwrap().len(), 1, "the series goes on");
    }

    #[test]
    fn snooze_cancel_and_limits() {
        let (_t, r) = service();
        let now = t("2026-11-26T10:00:00+08:00");
        let c = cal();
        let rem = r
            .create_from_text(7, 1, None, "10分钟后 甲", now, &c)
            .unwrap();
        let msg = r
            .handle_callback(
                7,
                1,
                None,
                &Action::Snooze {
                    id: rem.id.clone(),
                    later: Later::OneHour,
                },
                now,
                &c,
            )
            .unwrap()
            .unwrap();
        assert!(msg.contains("11:00"), "{msg}");
        assert!(msg.contains(&format!("#{}", rem.id)), "{msg}");
        assert_eq!(r.pending_for(7, 1).unwrap().len(), 1);
        assert!(matches!(
            r.cancel(7, 2, &rem.id, false),
            Err(ReminderError::NotYours)
        ));
        assert!(r.cancel(7, 2, &rem.id, true).is_ok());
        assert!(matches!(
            r.cancel(7, 1, &rem.id, false),
            Err(ReminderError::NotFound(_))
        ));
        // The snoozed reminder was the one cancelled: no copy is left behind.
        assert!(r.pending_for(7, 1).unwrap().is_empty());
        let msg = r
            .handle_callback(
                7,
                1,
                None,
                &Action::Deadline {
                    date: NaiveDate::from_ymd_opt(2026, 12, 10).unwrap(),
                    day: DeadlineDay::DayBefore,
                },
                now,
                &c,
            )
            .unwrap()
            .unwrap();
        assert!(msg.contains("2026年12月9日"), "{msg}");
        // Regression: the day before a Monday's deadline was the Sunday; it is
        // the Friday, and what falls due is named with its date.
        let msg = r
            .handle_callback(
                6,
                3,
                None,
                &Action::Deadline {
                    date: NaiveDate::from_ymd_opt(2026, 12, 7).unwrap(),
                    day: DeadlineDay::DayBefore,
                },
                now,
                &c,
            )
            .unwrap()
            .unwrap();
        assert!(msg.contains("2026年12月4日"), "{msg}");
        // Regression: the same deadline button pressed twice sets one reminder.
        let before = r.pending_for(6, 3).unwrap().len();
        let press = Action::Deadline {
            date: NaiveDate::from_ymd_opt(2026, 12, 7).unwrap(),
            day: DeadlineDay::DayBefore,
        };
        r.handle_callback(6, 3, None, &press, now, &c).unwrap();
        assert_eq!(r.pending_for(6, 3).unwrap().len(), before);
        // Regression: another member's press neither snoozes nor ends it.
        assert!(matches!(
            r.handle_callback(7, 2, None, &Action::Done { id: rem.id.clone() }, now, &c),
            Err(ReminderError::NotYourButton)
        ));
        // Regression: "已完成" on a reminder that does not exist says so.
        assert!(matches!(
            r.handle_callback(7, 1, None, &Action::Done { id: "zzz".into() }, now, &c),
            Err(ReminderError::NotFound(_))
        ));
        let already = r.pending_count(1).unwrap();
        for i in 0..(MAX_PENDING_PER_USER - already) {
            r.create(
                9,
                1,
                None,
                &format!("第{i}个"),
                now + Duration::days(1),
                Repeat::Once,
                now,
            )
            .unwrap();
        }
        let e = r.create(
            9,
            1,
            None,
            "多一个",
            now + Duration::days(1),
            Repeat::Once,
            now,
        );
        assert!(matches!(e, Err(ReminderError::TooMany)));
        // A group administrator may end it; it stays the owner's.
        let ended = r
            .handle_press(
                7,
                2,
                None,
                true,
                &Action::Done { id: rem.id.clone() },
                now,
                &c,
            )
            .unwrap();
        assert!(ended.is_some_and(|t| t.contains("完成")));
        assert_eq!(r.get(&rem.id).unwrap().map(|x| x.user_id), Some(1));
    }

    #[test]
    fn reminders_survive_reopening_the_store() {
        let tmp = tempfile::tempdir().unwrap();
        let now = t("2026-11-26T10:00:00+08:00");
        let id = {
            let r = Reminders::new(Store::open(&tmp.path().join("db")).unwrap(), cal());
            r.create_from_text(7, 1, None, "明天上午9点 甲", now, &cal())
                .unwrap()
                .id
        };
        let r = Reminders::new(Store::open(&tmp.path().join("db")).unwrap(), cal());
        assert_eq!(r.pending_for(7, 1).unwrap()[0].id, id);
        let next = r
            .create_from_text(7, 1, None, "明天上午10点 乙", now, &cal())
            .unwrap();
        assert_ne!(next.id, id);
    }
}
