//! Rule documents uploaded from a chat: who may upload (operators in a private
//! chat, administrators in a group), the one pending upload per chat (checked,
//! nothing stored; it expires, and a new upload or 取消 drops it), and its
//! confirmation, which writes the document into the data folder's `rules/`,
//! re-ingests all or nothing, and swaps the conversation's engine.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::{DateTime, Duration, FixedOffset};
use thiserror::Error;

use crate::conversation::{ChatKind, Conversation, Incoming, SORRY, strip_mentions};
use crate::reply::{Action, Button, Reply};
use rulebot_core::engine::Engine;
use rulebot_core::rules::DocumentMeta;
use rulebot_core::rules::upload::{UploadCheck, check_upload};
use rulebot_store::{OpenError, Paths, Store, StoreError};

/// How long an unconfirmed upload waits.
pub const PENDING_MINUTES: i64 = 10;

/// Where uploads go, and who may upload in a private chat.
#[derive(Debug, Clone)]
pub struct UploadConfig {
    /// The deployment's folders (documents are written to `data/rules/`).
    pub paths: Paths,
    /// User ids that may upload in a private chat (RULEBOT_OPERATORS).
    pub operators: HashSet<i64>,
}

/// An upload checked and waiting for 确认.
struct Pending {
    user_id: i64,
    at: DateTime<FixedOffset>,
    check: UploadCheck,
    bytes: Vec<u8>,
}

/// The uploads of a conversation: its configuration (none: uploads are off)
/// and the pending upload of each chat.
#[derive(Default)]
pub(crate) struct Uploads {
    config: Option<UploadConfig>,
    pending: Mutex<HashMap<i64, Pending>>,
    /// One ingest at a time.
    ingesting: Mutex<()>,
}

/// Why a confirmed upload was not stored (nothing was: the files written are
/// removed again).
#[derive(Debug, Error)]
pub enum InstallError {
    /// The data folder already holds files of this name.
    #[error("数据目录中已有同名文件 {0}")]
    Exists(PathBuf),
    /// A file could not be written.
    #[error("写入 {path} 失败: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// What the file system said.
        source: std::io::Error,
    },
    /// The data folder (with the new document) could not be ingested.
    #[error(transparent)]
    Ingest(#[from] StoreError),
    /// The engine could not be built on the new corpus.
    #[error(transparent)]
    Open(#[from] OpenError),
}

/// Writes `bytes` to `path` through a temporary file in the same folder, renamed
/// when complete.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), InstallError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.part"));
    let result = (|| {
        use std::io::Write;
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    result.map_err(|source| {
        let _ = std::fs::remove_file(&tmp);
        InstallError::Write {
            path: path.to_path_buf(),
            source,
        }
    })
}

/// Stores a checked document for this deployment, all or nothing: its source
/// file, then its metadata (last, so a half-written document is never read),
/// then a forced re-ingest and a new engine. On any failure the written files
/// are removed and what was stored before stays.
pub fn install(
    paths: &Paths,
    store: &Store,
    check: &UploadCheck,
    bytes: &[u8],
    origin: &str,
) -> Result<Engine, InstallError> {
    let rules = paths.data.join("rules");
    let source = rules.join(&check.source_name);
    let meta = rules.join(format!("{}.toml", check.id));
    for p in [&source, &meta] {
        if p.exists() {
            return Err(InstallError::Exists(p.clone()));
        }
    }
    let undo = || {
        let _ = std::fs::remove_file(&meta);
        let _ = std::fs::remove_file(&source);
    };
    let written = write_atomic(&source, bytes)
        .and_then(|()| write_atomic(&meta, check.meta_toml(origin).as_bytes()));
    if let Err(e) = written {
        undo();
        return Err(e);
    }
    if let Err(e) = store.ingest(&paths.data, true) {
        undo();
        return Err(e.into());
    }
    match rulebot_store::open_with(store.clone(), paths) {
        Ok(opened) => Ok(opened.engine),
        Err(e) => {
            undo();
            if let Err(again) = store.ingest(&paths.data, true) {
                tracing::error!(error = %again, "re-ingesting after a failed upload failed");
            }
            Err(e.into())
        }
    }
}

/// Is this text 确认 or 取消 (an answer to a pending upload)? `Some(true)` to confirm.
fn yes_or_no(text: &str) -> Option<bool> {
    let t = text.trim().trim_end_matches(['。', '!', '!', '.']);
    match t {
        "确认" | "确认上传" | "确认加入" | "确定" => Some(true),
        "取消" | "取消上传" | "放弃" => Some(false),
        _ => None,
    }
}

impl Conversation {
    /// Turns uploads on: documents go to `config.paths.data`'s `rules/`.
    pub fn with_uploads(mut self, config: UploadConfig) -> Conversation {
        self.uploads.config = Some(config);
        self
    }

    fn pending(&self) -> std::sync::MutexGuard<'_, HashMap<i64, Pending>> {
        self.uploads
            .pending
            .lock()
            .unwrap_or_else(|p| p.into_inner())
    }

    /// May this sender upload here? In a private chat, an operator; in a group,
    /// an administrator. The refusal otherwise (nothing is fetched or stored).
    pub fn may_upload(&self, m: &Incoming<'_>) -> Result<(), Reply> {
        let reply_to = m.message_id.filter(|_| m.chat_kind == ChatKind::Group);
        let Some(config) = &self.uploads.config else {
            return Err(Reply::plain("本部署未开启从聊天上传规则文件。", reply_to));
        };
        let allowed = match m.chat_kind {
            ChatKind::Private => config.operators.contains(&m.user_id),
            ChatKind::Group => m.is_admin,
        };
        if allowed {
            return Ok(());
        }
        Err(Reply::plain(
            match m.chat_kind {
                ChatKind::Private => {
                    "只有本部署的操作员可以上传规则文件(由 RULEBOT_OPERATORS 指定)。文件未保存。"
                }
                ChatKind::Group => "只有本群管理员可以上传规则文件。文件未保存。",
            },
            reply_to,
        ))
    }

    /// An uploaded file (its caption is `m.text`): checked, and kept as this
    /// chat's pending upload when it passes; the reply is the check-mode report
    /// with 确认 / 取消 buttons, or the reason it cannot be taken.
    pub fn upload(&self, m: &Incoming<'_>, file_name: &str, bytes: Vec<u8>) -> Reply {
        let reply_to = m.message_id.filter(|_| m.chat_kind == ChatKind::Group);
        if let Err(refusal) = self.may_upload(m) {
            return refusal;
        }
        // A new upload replaces the one waiting; expired ones are let go.
        self.pending().retain(|&chat, p| {
            chat != m.chat_id
                && m.now.signed_duration_since(p.at) <= Duration::minutes(PENDING_MINUTES)
        });
        let engine = self.engine();
        let held: Vec<DocumentMeta> = engine
            .corpus
            .documents
            .iter()
            .map(|d| d.meta.clone())
            .collect();
        let caption = strip_mentions(m.text, m.bot_username);
        let check = match check_upload(file_name, &bytes, Some(&caption), &held) {
            Ok(c) => c,
            Err(e) => return Reply::plain(format!("{e}\n文件未保存。"), reply_to),
        };
        let text = format!(
            "{}\n\n回复“确认”将其加入本部署的规则库(加入后即可提问),回复“取消”放弃;{PENDING_MINUTES} 分钟内有效。",
            check.report()
        );
        self.pending().insert(
            m.chat_id,
            Pending {
                user_id: m.user_id,
                at: m.now,
                check,
                bytes,
            },
        );
        let mut reply = Reply::plain(text, reply_to);
        reply.buttons = vec![
            Button {
                label: "确认加入".into(),
                action: Action::Upload { confirm: true },
            },
            Button {
                label: "取消".into(),
                action: Action::Upload { confirm: false },
            },
        ];
        reply
    }

    /// Is this message 确认 or 取消 from the sender of this chat's pending upload?
    pub(crate) fn answers_upload(&self, m: &Incoming<'_>) -> bool {
        yes_or_no(&strip_mentions(m.text, m.bot_username)).is_some()
            && self
                .pending()
                .get(&m.chat_id)
                .is_some_and(|p| p.user_id == m.user_id)
    }

    /// 确认 or 取消 typed by the sender of this chat's pending upload; `None`
    /// for any other message.
    pub(crate) fn upload_answer(&self, m: &Incoming<'_>) -> Option<Reply> {
        if !self.answers_upload(m) {
            return None;
        }
        let confirm = yes_or_no(&strip_mentions(m.text, m.bot_username))?;
        let reply_to = m.message_id.filter(|_| m.chat_kind == ChatKind::Group);
        let mut reply = self.settle_upload(m.chat_id, m.user_id, confirm, m.now);
        reply.reply_to = reply_to;
        Some(reply)
    }

    /// A press of an upload's 确认加入 / 取消 button.
    pub(crate) fn upload_press(
        &self,
        chat_id: i64,
        user_id: i64,
        confirm: bool,
        now: DateTime<FixedOffset>,
    ) -> Reply {
        self.settle_upload(chat_id, user_id, confirm, now)
    }

    /// Ingests (or drops) the chat's pending upload, if this user sent it and it
    /// has not expired.
    fn settle_upload(
        &self,
        chat_id: i64,
        user_id: i64,
        confirm: bool,
        now: DateTime<FixedOffset>,
    ) -> Reply {
        let pending = {
            let mut all = self.pending();
            match all.get(&chat_id) {
                Some(p) if p.user_id == user_id => all.remove(&chat_id),
                Some(_) => {
                    return Reply::plain("只有上传者本人可以确认或取消这份文件。", None);
                }
                None => None,
            }
        };
        let Some(p) = pending else {
            return Reply::plain("没有待确认的上传(可能已确认、取消或过期)。", None);
        };
        if now.signed_duration_since(p.at) > Duration::minutes(PENDING_MINUTES) || now < p.at {
            return Reply::plain(
                format!("这份上传已超过 {PENDING_MINUTES} 分钟未确认,已作废;请重新发送文件。"),
                None,
            );
        }
        let title = p.check.meta.title.clone();
        if !confirm {
            let mut r = Reply::plain(format!("已取消,《{title}》未加入规则库。"), None);
            r.settles = Some("已取消".into());
            return r;
        }
        let Some(config) = &self.uploads.config else {
            return Reply::plain("本部署未开启从聊天上传规则文件。", None);
        };
        let _one = self
            .uploads
            .ingesting
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        let origin = format!(
            "uploaded from chat {chat_id} by user {user_id} at {}",
            now.to_rfc3339()
        );
        match install(&config.paths, &self.store, &p.check, &p.bytes, &origin) {
            Ok(engine) => {
                let articles = p.check.articles.len();
                self.replace_engine(engine);
                tracing::info!(document = %p.check.id, title = %title, chat = chat_id, user = user_id, "uploaded document ingested");
                let mut r = Reply::plain(
                    format!(
                        "已加入《{title}》({},{articles} 条),现在即可提问。查看某一条:/article {title} 1",
                        p.check.meta.jurisdiction
                    ),
                    None,
                );
                r.settles = Some("✅ 已加入".into());
                r
            }
            Err(InstallError::Ingest(StoreError::Parse(e))) => {
                Reply::plain(format!("加入失败,规则库未改变:{e}"), None)
            }
            Err(e) => {
                tracing::error!(error = %e, document = %p.check.id, "ingesting an uploaded document failed");
                Reply::plain(format!("{SORRY}规则库未改变。"), None)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reply::Body;
    use rulebot_core::answer::Outcome;
    use rulebot_core::engine::Question;

    fn root() -> PathBuf {
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).to_path_buf()
    }

    fn copy_dir(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                copy_dir(&e.path(), &to.join(e.file_name()));
            } else {
                std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
            }
        }
    }

    /// A conversation on a copy of the shipped data, user 7 an operator.
    fn conversation(tmp: &Path) -> Conversation {
        let paths = Paths {
            db: tmp.join("db"),
            data: tmp.join("data"),
            intents: root().join("intents"),
        };
        copy_dir(&root().join("data"), &paths.data);
        let opened = rulebot_store::open(&paths).unwrap();
        Conversation::new(opened.engine, opened.store).with_uploads(UploadConfig {
            paths,
            operators: HashSet::from([7]),
        })
    }

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn msg<'a>(
        text: &'a str,
        user_id: i64,
        kind: ChatKind,
        is_admin: bool,
        now: &str,
    ) -> Incoming<'a> {
        Incoming {
            chat_id: if kind == ChatKind::Group {
                -100
            } else {
                user_id
            },
            chat_kind: kind,
            user_id,
            user_name: None,
            message_id: Some(1),
            text,
            bot_username: None,
            mentions_bot: false,
            reply_to_bot: false,
            is_admin,
            now: at(now),
        }
    }

    fn annual_leave() -> Vec<u8> {
        std::fs::read(root().join("tests/data/national/nianxiujia-2007.md")).unwrap()
    }

    fn rules_files(c: &Conversation) -> usize {
        let dir = c.uploads.config.as_ref().unwrap().paths.data.join("rules");
        std::fs::read_dir(dir).unwrap().count()
    }

    const NOW: &str = "2026-12-01T10:00:00+08:00";
    const CAPTION: &str = "全国 《职工带薪年休假条例》";
    const ASK: &str = "工作满10年年休假几天?";

    fn answers(c: &Conversation, q: &str) -> String {
        let (a, _) = c.engine().ask_explained(&Question {
            text: q,
            jurisdiction: None,
            now: at(NOW),
        });
        match a.outcome {
            Outcome::Refused(_) => String::new(),
            _ => a.to_text(),
        }
    }

    /// An operator's upload is reported, and once confirmed it is stored in the
    /// data folder and answered from by the running conversation.
    #[test]
    fn an_operators_upload_confirmed_is_answered_from() {
        let tmp = tempfile::tempdir().unwrap();
        let c = conversation(tmp.path());
        let before = rules_files(&c);
        let docs = c.engine().corpus.documents.len();
        let r = c.upload(
            &msg(CAPTION, 7, ChatKind::Private, true, NOW),
            "条例.md",
            annual_leave(),
        );
        let text = r.text();
        assert!(text.contains("《职工带薪年休假条例》"), "{text}");
        assert!(text.contains("条文:10 条"), "{text}");
        assert!(
            text.contains("首条:第一条 为了维护职工休息休假权利"),
            "{text}"
        );
        assert_eq!(r.buttons.len(), 2);
        assert_eq!(rules_files(&c), before, "nothing stored before 确认");
        // Someone else's 确认 is not an answer to it.
        assert!(
            c.upload_answer(&msg("确认", 8, ChatKind::Private, true, NOW))
                .is_none()
        );
        let r = c.handle(&msg(
            "确认",
            7,
            ChatKind::Private,
            true,
            "2026-12-01T10:05:00+08:00",
        ));
        assert!(
            r[0].text().contains("已加入《职工带薪年休假条例》"),
            "{:?}",
            r[0]
        );
        assert_eq!(r[0].settles.as_deref(), Some("✅ 已加入"));
        assert_eq!(rules_files(&c), before + 2);
        assert_eq!(c.engine().corpus.documents.len(), docs + 1);
        assert!(
            answers(&c, ASK).contains("职工带薪年休假条例"),
            "{}",
            answers(&c, ASK)
        );
        // It survives a restart: the store holds it.
        let stored = c.store.corpus().unwrap();
        assert!(
            stored
                .documents
                .iter()
                .any(|d| d.meta.title == "职工带薪年休假条例")
        );
        // Sent again: already held.
        let r = c.upload(
            &msg(CAPTION, 7, ChatKind::Private, true, NOW),
            "条例.md",
            annual_leave(),
        );
        assert!(
            r.text().contains("已收录全国的《职工带薪年休假条例》"),
            "{}",
            r.text()
        );
    }

    /// Who may upload: operators in private, administrators in a group.
    #[test]
    fn only_operators_and_group_admins_upload() {
        let tmp = tempfile::tempdir().unwrap();
        let c = conversation(tmp.path());
        let r = c.upload(
            &msg(CAPTION, 8, ChatKind::Private, true, NOW),
            "a.md",
            annual_leave(),
        );
        assert!(r.text().contains("只有本部署的操作员"), "{}", r.text());
        let r = c.upload(
            &msg(CAPTION, 8, ChatKind::Group, false, NOW),
            "a.md",
            annual_leave(),
        );
        assert!(r.text().contains("只有本群管理员"), "{}", r.text());
        assert!(c.pending().is_empty());
        let r = c.upload(
            &msg(CAPTION, 8, ChatKind::Group, true, NOW),
            "a.md",
            annual_leave(),
        );
        assert_eq!(r.buttons.len(), 2, "{}", r.text());
        // In a group, 确认 reaches the uploader's pending upload unaddressed.
        assert!(c.addressed(&msg("取消", 8, ChatKind::Group, false, NOW)));
        assert!(!c.addressed(&msg("取消", 9, ChatKind::Group, false, NOW)));
        let r = c.handle(&msg("取消", 8, ChatKind::Group, false, NOW));
        assert!(r[0].text().contains("已取消"), "{:?}", r);
        assert!(c.pending().is_empty());
    }

    /// An upload not confirmed changes nothing; it expires, and a new upload
    /// replaces it.
    #[test]
    fn unconfirmed_uploads_change_nothing_and_expire() {
        let tmp = tempfile::tempdir().unwrap();
        let c = conversation(tmp.path());
        let before = rules_files(&c);
        let generation = c.store.generation().unwrap();
        c.upload(
            &msg(CAPTION, 7, ChatKind::Private, true, NOW),
            "a.md",
            annual_leave(),
        );
        let r = c.handle(&msg(
            "确认",
            7,
            ChatKind::Private,
            true,
            "2026-12-01T10:11:00+08:00",
        ));
        assert!(r[0].text().contains("已作废"), "{:?}", r);
        assert_eq!(rules_files(&c), before);
        assert_eq!(c.store.generation().unwrap(), generation);
        assert_eq!(answers(&c, ASK), "");
        // A wrong file replaces nothing and leaves nothing pending.
        let r = c.upload(
            &msg(CAPTION, 7, ChatKind::Private, true, NOW),
            "a.pdf",
            b"%PDF".to_vec(),
        );
        assert!(r.text().contains("不支持的文件格式"), "{}", r.text());
        assert!(c.pending().is_empty());
        let r = c.handle(&msg("确认", 7, ChatKind::Private, true, NOW));
        assert!(!r[0].text().contains("已加入"));
    }

    /// An ingest that fails (another document in the folder is broken) removes
    /// the files written and keeps what was stored.
    #[test]
    fn a_failed_ingest_leaves_everything_as_it_was() {
        let tmp = tempfile::tempdir().unwrap();
        let c = conversation(tmp.path());
        let rules = tmp.path().join("data/rules");
        let generation = c.store.generation().unwrap();
        c.upload(
            &msg(CAPTION, 7, ChatKind::Private, true, NOW),
            "a.md",
            annual_leave(),
        );
        std::fs::write(rules.join("broken.toml"), "title = ").unwrap();
        let before = rules_files(&c);
        let r = c.handle(&msg("确认", 7, ChatKind::Private, true, NOW));
        assert!(r[0].text().contains("加入失败,规则库未改变"), "{:?}", r);
        assert!(matches!(r[0].body, Body::Text(_)));
        assert_eq!(rules_files(&c), before);
        assert_eq!(c.store.generation().unwrap(), generation);
        assert_eq!(answers(&c, ASK), "");
    }

    #[test]
    fn confirmations_are_read() {
        assert_eq!(yes_or_no("确认"), Some(true));
        assert_eq!(yes_or_no(" 确认。"), Some(true));
        assert_eq!(yes_or_no("取消"), Some(false));
        assert_eq!(yes_or_no("确认一下会议时间"), None);
    }
}
