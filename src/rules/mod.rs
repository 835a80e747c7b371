//! Rule documents: the model, and the parser that reads scraped pages into it.

pub mod model;
pub mod parse;

pub use model::{Anomaly, Article, Document, DocumentMeta, LimitKind, TimeLimit};
