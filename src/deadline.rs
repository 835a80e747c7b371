//! The rules of DEADLINES.md: event day + time limit → the last day, with one line of reasoning.
