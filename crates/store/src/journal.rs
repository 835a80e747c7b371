//! The user-data journal: an append-only file beside the sled store with one
//! checksummed line per change to the data that cannot be rebuilt from `data/`
//! (chat settings, conversation context, reminders, the id counter). Each change
//! is written (and, for what the user is told is saved, fsynced) here before the
//! store applies it; when the store is lost or damaged, replaying the journal
//! brings that data back.
//!
//! Format: a first line `rulebot-journal 1`, then lines `<checksum> <json>` where
//! the checksum is the first 16 hex digits of the SHA-256 of the JSON, and the
//! JSON is one [`Record`]: the operations of one atomic change.

use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::StoreError;

/// The journal's first line.
const HEADER: &str = "rulebot-journal 1";

/// The user data a journal describes: (tree, key) → value.
pub type State = BTreeMap<(String, Vec<u8>), Vec<u8>>;

/// One operation on the user data. Keys and values are hex.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", deny_unknown_fields)]
pub enum Op {
    /// Sets a key of a tree.
    Put(String, String, String),
    /// Removes a key of a tree.
    Del(String, String),
    /// Empties a tree.
    Clear(String),
}

impl Op {
    /// Sets `key` of `tree` to `value`.
    pub fn put(tree: &str, key: &[u8], value: &[u8]) -> Op {
        Op::Put(tree.into(), hex(key), hex(value))
    }

    /// Removes `key` of `tree`.
    pub fn del(tree: &str, key: &[u8]) -> Op {
        Op::Del(tree.into(), hex(key))
    }

    /// Applies the operation to a state; `None` when a key is not hex.
    fn apply(&self, state: &mut State) -> Option<()> {
        match self {
            Op::Put(t, k, v) => {
                state.insert((t.clone(), unhex(k)?), unhex(v)?);
            }
            Op::Del(t, k) => {
                state.remove(&(t.clone(), unhex(k)?));
            }
            Op::Clear(t) => state.retain(|(tree, _), _| tree != t),
        }
        Some(())
    }
}

/// One line of the journal: the operations of one atomic change.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Record {
    ops: Vec<Op>,
}

/// What reading a journal found.
#[derive(Debug, Default)]
pub struct Replay {
    /// Whether there was a journal at all.
    pub existed: bool,
    /// The user data after every readable record.
    pub state: State,
    /// Readable records.
    pub records: usize,
    /// Line numbers (from 1) of records that failed their checksum or did not
    /// parse; a last line cut short by a crash is not counted here.
    pub damaged: Vec<usize>,
    /// The last line was cut short (a crash while it was written): ignored.
    pub torn_tail: bool,
}

/// The journal, open for appending.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    file: Mutex<File>,
}

/// The journal held for a change: appends go through it.
pub struct Locked<'a> {
    file: std::sync::MutexGuard<'a, File>,
    path: &'a Path,
}

impl Locked<'_> {
    /// Appends one atomic change, on disk before returning with `sync`.
    pub fn append(&mut self, ops: &[Op], sync: bool) -> Result<(), StoreError> {
        self.file
            .write_all(line(ops).as_bytes())
            .map_err(|e| io_error(self.path, e))?;
        if sync {
            self.file.sync_data().map_err(|e| io_error(self.path, e))?;
        }
        Ok(())
    }
}

/// Where the journal of the store at `db` lives: beside it, `<db>.journal`.
pub fn path_for(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(".journal");
    db.with_file_name(name)
}

fn io_error(path: &Path, e: std::io::Error) -> StoreError {
    StoreError::Journal {
        path: path.to_path_buf(),
        source: e,
    }
}

fn checksum(json: &str) -> String {
    let d = Sha256::digest(json.as_bytes());
    d.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

fn line(ops: &[Op]) -> String {
    let json = serde_json::to_string(&Record { ops: ops.to_vec() })
        .expect("journal records always serialise");
    format!("{} {json}\n", checksum(&json))
}

/// Reads the journal at `path` (a missing file is an empty, non-existent one).
pub fn read(path: &Path) -> Result<Replay, StoreError> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Replay::default()),
        Err(e) => return Err(io_error(path, e)),
    };
    let mut r = Replay {
        existed: true,
        ..Replay::default()
    };
    let text = String::from_utf8_lossy(&bytes);
    let complete = text.ends_with('\n');
    let lines: Vec<&str> = text.split_terminator('\n').collect();
    for (i, l) in lines.iter().enumerate() {
        let no = i + 1;
        let last = i + 1 == lines.len();
        if no == 1 {
            if *l != HEADER {
                r.damaged.push(no);
            }
            continue;
        }
        let ok = l.split_once(' ').and_then(|(sum, json)| {
            (checksum(json) == sum)
                .then(|| serde_json::from_str::<Record>(json).ok())
                .flatten()
        });
        match ok {
            Some(rec) => {
                let mut next = r.state.clone();
                if rec.ops.iter().all(|op| op.apply(&mut next).is_some()) {
                    r.state = next;
                    r.records += 1;
                } else {
                    r.damaged.push(no);
                }
            }
            None if last && !complete => r.torn_tail = true,
            None => r.damaged.push(no),
        }
    }
    Ok(r)
}

impl Journal {
    /// Opens the journal at `path` for appending, creating it with its header.
    pub fn open(path: &Path) -> Result<Journal, StoreError> {
        let fresh = !path.exists();
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(|e| io_error(path, e))?;
        if fresh {
            file.write_all(format!("{HEADER}\n").as_bytes())
                .and_then(|_| file.sync_all())
                .map_err(|e| io_error(path, e))?;
        }
        Ok(Journal {
            path: path.to_path_buf(),
            file: Mutex::new(file),
        })
    }

    /// Where the journal lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one atomic change and then runs `apply` (the store's own write),
    /// holding the journal so that changes reach the journal and the store in the
    /// same order. With `sync`, the line is on disk before `apply` runs.
    pub fn write<R>(
        &self,
        ops: &[Op],
        sync: bool,
        apply: impl FnOnce() -> Result<R, StoreError>,
    ) -> Result<R, StoreError> {
        self.locked(|j| {
            j.append(ops, sync)?;
            apply()
        })
    }

    /// Runs `f` holding the journal (a read-modify-write such as the id counter
    /// appends through the [`Locked`] it is given).
    pub fn locked<R>(&self, f: impl FnOnce(&mut Locked<'_>) -> R) -> R {
        let file = self.file.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut Locked {
            file,
            path: &self.path,
        })
    }

    /// Replaces the journal with one record holding `state` (compaction): written
    /// to a temporary file, fsynced, then renamed over the journal.
    pub fn rewrite(&self, state: &State) -> Result<(), StoreError> {
        let mut f = self.file.lock().unwrap_or_else(|p| p.into_inner());
        let tmp = self.path.with_extension("journal.tmp");
        let ops: Vec<Op> = state.iter().map(|((t, k), v)| Op::put(t, k, v)).collect();
        let mut body = format!("{HEADER}\n");
        if !ops.is_empty() {
            body.push_str(&line(&ops));
        }
        let write = || -> std::io::Result<()> {
            let mut t = File::create(&tmp)?;
            t.write_all(body.as_bytes())?;
            t.sync_all()?;
            std::fs::rename(&tmp, &self.path)?;
            if let Some(dir) = self.path.parent()
                && let Ok(d) = File::open(if dir.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    dir
                })
            {
                let _ = d.sync_all();
            }
            Ok(())
        };
        write().map_err(|e| io_error(&self.path, e))?;
        *f = OpenOptions::new()
            .append(true)
            .open(&self.path)
            .map_err(|e| io_error(&self.path, e))?;
        Ok(())
    }
}

pub(crate) fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

pub(crate) fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_replay_and_damage_is_found() {
        let tmp = tempfile::tempdir().unwrap();
        let p = path_for(&tmp.path().join("db"));
        assert_eq!(p, tmp.path().join("db.journal"));
        assert!(!read(&p).unwrap().existed);
        let j = Journal::open(&p).unwrap();
        j.write(&[Op::put("reminders", b"a", b"1")], true, || Ok(()))
            .unwrap();
        j.write(
            &[Op::put("reminders", b"b", b"2"), Op::del("reminders", b"a")],
            true,
            || Ok(()),
        )
        .unwrap();
        j.write(&[Op::put("settings", b"c", b"3")], true, || Ok(()))
            .unwrap();
        let r = read(&p).unwrap();
        assert!(r.existed && r.damaged.is_empty() && !r.torn_tail);
        assert_eq!(r.records, 3);
        let want: State = [
            (("reminders".to_string(), b"b".to_vec()), b"2".to_vec()),
            (("settings".to_string(), b"c".to_vec()), b"3".to_vec()),
        ]
        .into_iter()
        .collect();
        assert_eq!(r.state, want);

        // A crash mid-line: the cut line is ignored, nothing else lost.
        let mut bytes = std::fs::read(&p).unwrap();
        bytes.extend_from_slice(b"0123456789abcdef {\"ops\":[{\"put\"");
        std::fs::write(&p, &bytes).unwrap();
        let r = read(&p).unwrap();
        assert!(r.torn_tail && r.damaged.is_empty());
        assert_eq!(r.state, want);

        // A changed byte inside a record fails its checksum.
        let text = std::fs::read_to_string(&p)
            .unwrap()
            .replace("\"62\"", "\"63\"");
        std::fs::write(&p, text).unwrap();
        let r = read(&p).unwrap();
        assert_eq!(r.damaged, vec![3]);

        // Compaction keeps the state in one record.
        j.rewrite(&want).unwrap();
        let r = read(&p).unwrap();
        assert_eq!((r.records, r.damaged.len()), (1, 0));
        assert_eq!(r.state, want);
        j.write(&[Op::Clear("settings".into())], true, || Ok(()))
            .unwrap();
        assert_eq!(read(&p).unwrap().state.len(), 1);
    }
}
