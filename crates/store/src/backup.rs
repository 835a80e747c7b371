//! Backing up and restoring the user's data — chat settings, conversation
//! context and reminders, the only data that cannot be rebuilt from `data/` —
//! as JSON lines: a versioned header, then one line per stored entry.

use std::io::{BufRead, Write};

use serde::{Deserialize, Serialize};

use crate::journal::{hex, unhex};
use crate::{Store, StoreError};

/// The trees that hold user data.
pub const USER_TREES: [&str; 3] = ["settings", "context", "reminders"];
/// What the header's `format` says.
pub const FORMAT: &str = "rulebot-backup";
/// The version of the backup format written.
pub const VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    format: String,
    version: u32,
    trees: Vec<String>,
    entries: usize,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    tree: String,
    /// The key, in hex (keys may hold binary timestamps).
    key: String,
    /// The value, in hex.
    value: String,
}

/// Why a backup could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The file could not be read or written.
    #[error("备份文件读写失败:{0}")]
    Io(#[from] std::io::Error),
    /// A line of the file is not what a backup holds (nothing was restored).
    #[error("备份文件第{line}行无效:{message}(未恢复任何数据)")]
    Invalid {
        /// The line (1-based).
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// Writes every user entry of `store` to `out`; the number written.
pub fn backup(store: &Store, out: &mut impl Write) -> Result<usize, BackupError> {
    let mut entries = Vec::new();
    for tree in USER_TREES {
        for (k, v) in store.scan_raw(tree)? {
            entries.push(Entry {
                tree: tree.to_string(),
                key: hex(&k),
                value: hex(&v),
            });
        }
    }
    let header = Header {
        format: FORMAT.into(),
        version: VERSION,
        trees: USER_TREES.iter().map(|t| t.to_string()).collect(),
        entries: entries.len(),
    };
    writeln!(out, "{}", json_line(&header))?;
    for e in &entries {
        writeln!(out, "{}", json_line(e))?;
    }
    out.flush()?;
    Ok(entries.len())
}

/// A value as one JSON line.
fn json_line<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("backup lines serialise")
}

/// Reads a backup from `input`, checks every line, then replaces the user
/// data of `store` with it (all or nothing) and flushes; the number restored.
pub fn restore(store: &Store, input: impl BufRead) -> Result<usize, BackupError> {
    let invalid = |line: usize, message: String| BackupError::Invalid { line, message };
    let mut lines = input.lines();
    let first = lines
        .next()
        .transpose()?
        .ok_or_else(|| invalid(1, "文件为空".into()))?;
    let header: Header =
        serde_json::from_str(&first).map_err(|e| invalid(1, format!("不是备份文件头:{e}")))?;
    if header.format != FORMAT {
        return Err(invalid(1, format!("格式“{}”不是 {FORMAT}", header.format)));
    }
    if header.version > VERSION {
        return Err(invalid(
            1,
            format!("版本 {} 比本程序支持的 {VERSION} 新", header.version),
        ));
    }
    let mut by_tree: Vec<(String, Vec<crate::RawEntry>)> = USER_TREES
        .iter()
        .map(|t| (t.to_string(), Vec::new()))
        .collect();
    let mut n = 0;
    for (i, l) in lines.enumerate() {
        let line_no = i + 2;
        let l = l?;
        if l.trim().is_empty() {
            continue;
        }
        let e: Entry = serde_json::from_str(&l).map_err(|e| invalid(line_no, e.to_string()))?;
        let (Some(k), Some(v)) = (unhex(&e.key), unhex(&e.value)) else {
            return Err(invalid(line_no, "键或值不是十六进制".into()));
        };
        let Some((_, slot)) = by_tree.iter_mut().find(|(t, _)| *t == e.tree) else {
            return Err(invalid(line_no, format!("未知的数据类别“{}”", e.tree)));
        };
        slot.push((k, v));
        n += 1;
    }
    if n != header.entries {
        return Err(invalid(
            1,
            format!(
                "文件头说有 {} 条,实际读到 {n} 条(文件不完整?)",
                header.entries
            ),
        ));
    }
    for (tree, entries) in by_tree {
        let old: Vec<Vec<u8>> = store.scan_raw(&tree)?.into_iter().map(|(k, _)| k).collect();
        store.apply(&tree, entries, old)?;
    }
    store.flush()?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_data_round_trips_and_bad_files_change_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let a = Store::open(&tmp.path().join("a")).unwrap();
        a.put_raw(
            "settings",
            b"chat:1",
            r#"{"jurisdiction":"株洲市"}"#.as_bytes(),
        )
        .unwrap();
        a.put_raw("reminders", &[b'd', b'/', 0, 255, 7], b"id1")
            .unwrap();
        a.put_raw("reminders", b"r/id1", r#"{"text":"回复会签"}"#.as_bytes())
            .unwrap();
        let mut file = Vec::new();
        assert_eq!(backup(&a, &mut file).unwrap(), 3);

        let b = Store::open(&tmp.path().join("b")).unwrap();
        b.put_raw("settings", b"chat:9", b"{}").unwrap();
        assert_eq!(restore(&b, file.as_slice()).unwrap(), 3);
        for tree in USER_TREES {
            assert_eq!(
                a.scan_raw(tree).unwrap(),
                b.scan_raw(tree).unwrap(),
                "{tree}"
            );
        }

        // A truncated or foreign file restores nothing.
        let text = String::from_utf8(file.clone()).unwrap();
        let cut: String = text.lines().take(2).map(|l| format!("{l}\n")).collect();
        let c = Store::open(&tmp.path().join("c")).unwrap();
        c.put_raw("settings", b"chat:5", b"{}").unwrap();
        for bad in [
            cut.as_str(),
            "{\"format\":\"x\",\"version\":1,\"trees\":[],\"entries\":0}\n",
            "",
            "garbage\n",
        ] {
            assert!(restore(&c, bad.as_bytes()).is_err(), "{bad:?}");
            assert_eq!(c.scan_raw("settings").unwrap().len(), 1);
        }
    }
}
