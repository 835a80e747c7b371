//! Rule documents: the model, the parser that reads scraped pages into it (and
//! the readers that turn HTML pages and Word documents into such text), and the
//! structured entries (time limits, frequencies, quorums) read from articles.

pub mod docx;
pub mod html;
pub mod limits;
pub mod model;
pub mod parse;
pub mod upload;

pub use model::{Anomaly, Article, Document, DocumentMeta, Event, LimitKind, TimeLimit};
