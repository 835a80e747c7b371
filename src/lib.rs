//! rulebot (规则助手): finds the article of a local government's work rules that
//! governs a question, quotes it with its citation, computes deadlines on the
//! official calendar and keeps reminders.
//!
//! Modules depend one way: text/rules ← limits, calendar, when, deadline,
//! intents, store, search ← answer ← conversation ← bot, console, reminders.

pub mod answer;
pub mod bench;
pub mod bot;
pub mod calendar;
pub mod console;
pub mod conversation;
pub mod deadline;
pub mod engine;
pub mod eval;
pub mod explain;
pub mod homophones;
pub mod intents;
pub mod limits;
pub mod rank;
pub mod reading;
pub mod reminders;
pub mod rules;
pub mod search;
pub mod store;
pub mod text;
pub mod when;
