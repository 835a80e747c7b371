//! The integration tests, one binary: the real `rulebot` binary against fake
//! platform servers on 127.0.0.1 (`bot` for Telegram, `wecom` for 企业微信, `dingtalk` for 钉钉), the terminal chat and CLI, the
//! evaluation floors and understanding regressions, intents, the parser,
//! robustness, and the layering of the crates.

mod bot;
mod chat;
mod cli;
mod common;
mod dingtalk;
mod eval;
mod intents;
mod layers;
mod parser;
mod robustness;
mod upload;
mod wecom;
