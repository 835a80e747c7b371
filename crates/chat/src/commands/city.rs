//! /city: shows the chat's default jurisdiction, or sets or clears it (in a
//! group, admins only).

use crate::conversation::{ChatKind, Conversation, Incoming, Reply, SORRY};

pub(super) fn run(c: &Conversation, m: &Incoming<'_>, args: &str, reply_to: Option<i64>) -> Reply {
    if !args.trim().is_empty() {
        return c.set_city(m, args, reply_to);
    }
    let s = c.settings(m.chat_id);
    let current = s
        .jurisdiction
        .map(|j| format!("本聊天的默认辖区:{j}"))
        .unwrap_or_else(|| {
            "本聊天尚未设置默认辖区(问题中未写明地方时,按所有已收录的辖区回答)".into()
        });
    Reply::plain(
        format!(
            "{current}\n已收录:{}\n设置:/city 株洲;清除:/city 清除",
            c.engine().jurisdictions().join("、")
        ),
        reply_to,
    )
}

impl Conversation {
    pub(crate) fn set_city(&self, m: &Incoming<'_>, name: &str, reply_to: Option<i64>) -> Reply {
        if m.chat_kind == ChatKind::Group && !m.is_admin {
            return Reply::plain("只有群管理员可以设置本群的默认辖区。", reply_to);
        }
        let name = name.trim();
        let mut s = self.settings(m.chat_id);
        if matches!(name, "清除" | "取消" | "无" | "none" | "-") {
            s.jurisdiction = None;
        } else {
            match self.engine().resolve_jurisdiction(name) {
                Some(j) => s.jurisdiction = Some(j),
                None => {
                    return Reply::plain(self.not_held(name), reply_to);
                }
            }
        }
        match self.save_settings(m.chat_id, &s) {
            Ok(()) => Reply::plain(
                match &s.jurisdiction {
                    Some(j) => format!("已将本聊天的默认辖区设为:{j}"),
                    None => "已清除本聊天的默认辖区".into(),
                },
                reply_to,
            ),
            Err(e) => {
                tracing::error!(error = %e, "saving chat settings failed");
                Reply::plain(SORRY, reply_to)
            }
        }
    }
}
