//! rulebot (规则助手): finds the article of a local government's work rules that
//! governs a question, quotes it with its citation, computes deadlines on the
//! official calendar and keeps reminders.
//!
//! The layers are crates, and their arrows point one way:
//! `rulebot-core` (pure: text, calendar, time expressions, deadlines, rule
//! documents, intents, search, ranking, answers) ← `rulebot-store` (the only
//! sled user) ← `rulebot-chat` (commands, settings, context, reminders) ← this
//! package: the transports (Telegram, 企业微信, 钉钉, terminal), the benchmark harness and the
//! CLI. The layers below are re-exported under their module names.

pub use rulebot_chat::{commands, conversation, peers, reminders, reply, retry, upload};
pub use rulebot_core::{
    answer, calendar, deadline, engine, eval, explain, homophones, intents, rank, reading, rules,
    search, text, when,
};
pub use rulebot_store as store;

pub mod bench;
pub mod bot;
pub mod console;
pub mod dingtalk;
pub mod hooks;
pub mod layout;
pub mod wecom;
