//! rulebot's core (规则助手): everything that reads and answers, with no I/O
//! framework below it — no tokio, sled or teloxide. Text and numerals, the
//! official calendar and time expressions, deadlines, rule documents and their
//! parser, intents, search, ranking and the structured answer.
//!
//! Modules depend one way: numerals ← text ← event ← calendar ← when ← rules (model, limits,
//! parse) ← deadline; text ← homophones ← search; text ← unfamiliar ← rank; rules, text ←
//! intents ← reading ← rank ← answer ← engine ← eval, explain.

pub mod answer;
pub mod calendar;
pub mod deadline;
pub mod engine;
pub mod eval;
pub mod event;
pub mod explain;
pub mod homophones;
pub mod intents;
pub mod numerals;
pub mod rank;
pub mod reading;
pub mod rules;
pub mod search;
pub mod text;
pub mod unfamiliar;
pub mod when;
