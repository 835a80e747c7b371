//! rulebot's conversation, one brain for every transport: commands, chat
//! settings, follow-up context, reminders and the replies they make. No
//! transport inside; the binary's transports turn their messages into
//! [`conversation::Incoming`] and render the [`reply::Reply`]s.
//!
//! Modules depend one way: reply ← reminders ← conversation ← commands (the
//! conversation dispatches through the command table).

pub mod commands;
pub mod conversation;
pub mod peers;
pub mod reminders;
pub mod reply;
pub mod retry;
pub mod upload;
