//! /remind, /reminders and /cancel: set a reminder, list one's own, cancel one
//! (a group's admins may cancel any member's).

use crate::conversation::{ChatKind, Conversation, Incoming, Reply, SORRY};
use crate::reminders::ReminderError;

pub(super) fn remind(
    c: &Conversation,
    m: &Incoming<'_>,
    args: &str,
    reply_to: Option<i64>,
) -> Reply {
    c.remind(m, args, reply_to)
}

pub(super) fn list(
    c: &Conversation,
    m: &Incoming<'_>,
    _args: &str,
    reply_to: Option<i64>,
) -> Reply {
    c.list_reminders(m, reply_to)
}

pub(super) fn cancel(
    c: &Conversation,
    m: &Incoming<'_>,
    args: &str,
    reply_to: Option<i64>,
) -> Reply {
    c.cancel(m, args, reply_to)
}

impl Conversation {
    pub(crate) fn remind(&self, m: &Incoming<'_>, args: &str, reply_to: Option<i64>) -> Reply {
        match self.reminders.create_from_text(
            m.chat_id,
            m.user_id,
            m.user_name.clone(),
            args,
            m.now,
            &self.engine().calendar,
        ) {
            Ok(r) => Reply::plain(crate::reminders::confirmation(&r), reply_to),
            Err(ReminderError::Store(e)) => {
                tracing::error!(error = %e, "saving a reminder failed");
                Reply::plain(SORRY, reply_to)
            }
            Err(e) => Reply::plain(e.to_string(), reply_to),
        }
    }
    pub(crate) fn list_reminders(&self, m: &Incoming<'_>, reply_to: Option<i64>) -> Reply {
        let lists = self
            .reminders
            .pending_for(m.chat_id, m.user_id)
            .and_then(|p| Ok((p, self.reminders.failed_for(m.chat_id, m.user_id)?)));
        match lists {
            Ok((pending, failed)) if pending.is_empty() && failed.is_empty() => {
                Reply::plain("您在本聊天中没有待办的提醒。", reply_to)
            }
            Ok((pending, failed)) => {
                Reply::plain(crate::reminders::listing(&pending, &failed), reply_to)
            }
            Err(e) => {
                tracing::error!(error = %e, "listing reminders failed");
                Reply::plain(SORRY, reply_to)
            }
        }
    }
    pub(crate) fn cancel(&self, m: &Incoming<'_>, id: &str, reply_to: Option<i64>) -> Reply {
        let id = id.trim().trim_start_matches('#');
        if id.is_empty() {
            return Reply::plain("用法:/cancel 提醒编号(用 /reminders 查看编号)", reply_to);
        }
        let admin = m.chat_kind == ChatKind::Group && m.is_admin;
        match self.reminders.cancel(m.chat_id, m.user_id, id, admin) {
            Ok(r) => Reply::plain(format!("已取消提醒 #{}:{}", r.id, r.text), reply_to),
            Err(ReminderError::Store(e)) => {
                tracing::error!(error = %e, "cancelling a reminder failed");
                Reply::plain(SORRY, reply_to)
            }
            Err(e) => Reply::plain(e.to_string(), reply_to),
        }
    }
}
