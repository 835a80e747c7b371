//! Opening the store against its journal: the user's data in the store is
//! checked against the journal's; data the store lost is restored from the
//! journal, and a store that cannot be opened or read is moved aside (never
//! deleted) and rebuilt with the journal's data. What was done is a
//! [`Recovery`], one line for the operator.

use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::journal::{self, Journal, State};
use crate::{KEY_NEXT_ID, META, Store, StoreError, USER_TREES};

/// What opening the store had to repair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recovery {
    /// The store opened, but its user data differed from the journal's (lost in
    /// a crash or to damage): the journal's was written back.
    Repaired {
        /// The journal.
        journal: PathBuf,
        /// Entries that differed.
        differing: usize,
        /// Entries of user data now held.
        entries: usize,
    },
    /// The store could not be opened or read: it was moved aside, a fresh one
    /// made and the user's data restored from the journal.
    Rebuilt {
        /// The store's path.
        path: PathBuf,
        /// Where the damaged store now is.
        moved_to: PathBuf,
        /// What was wrong with it.
        reason: String,
        /// Entries of user data restored.
        entries: usize,
        /// Journal lines that were damaged and skipped.
        damaged_lines: usize,
    },
    /// The journal had damaged lines; the store was sound, so the journal was
    /// written again from the store.
    JournalRewritten {
        /// The journal.
        journal: PathBuf,
        /// Lines that were damaged.
        damaged_lines: usize,
    },
}

impl std::fmt::Display for Recovery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Recovery::Repaired {
                journal,
                differing,
                entries,
            } => write!(
                f,
                "存储中的用户数据与日志不一致({differing} 项缺失或不同,可能因崩溃或存储损坏),已按日志 {} 恢复;现有设置、上下文与提醒共 {entries} 项",
                journal.display()
            ),
            Recovery::Rebuilt {
                path,
                moved_to,
                reason,
                entries,
                damaged_lines,
            } => {
                write!(
                    f,
                    "存储 {} 已损坏({reason}),已移至 {}(未删除)并新建;已从用户数据日志恢复设置、上下文与提醒共 {entries} 项",
                    path.display(),
                    moved_to.display()
                )?;
                if *damaged_lines > 0 {
                    write!(f, ";日志中 {damaged_lines} 行损坏,已跳过")?;
                }
                Ok(())
            }
            Recovery::JournalRewritten {
                journal,
                damaged_lines,
            } => write!(
                f,
                "用户数据日志 {} 有 {damaged_lines} 行损坏;存储完好,已按存储重写日志",
                journal.display()
            ),
        }
    }
}

/// The user's data held by a sled database: every entry of the user trees (each
/// value must be JSON) and the id counter.
fn user_state(db: &sled::Db) -> Result<State, StoreError> {
    let mut state = State::new();
    for tree in USER_TREES {
        for kv in db.open_tree(tree)?.iter() {
            let (k, v) = kv?;
            serde_json::from_slice::<serde_json::Value>(&v).map_err(|e| StoreError::Corrupt {
                what: tree.to_string(),
                message: e.to_string(),
            })?;
            state.insert((tree.to_string(), k.to_vec()), v.to_vec());
        }
    }
    if let Some(v) = db.open_tree(META)?.get(KEY_NEXT_ID)? {
        state.insert((META.to_string(), KEY_NEXT_ID.to_vec()), v.to_vec());
    }
    Ok(state)
}

/// Makes the user's data of `db` equal to `state` (the id counter never goes
/// back), then flushes.
fn write_state(db: &sled::Db, state: &State) -> Result<(), StoreError> {
    for tree in USER_TREES {
        let t = db.open_tree(tree)?;
        t.clear()?;
        let mut batch = sled::Batch::default();
        for ((_, k), v) in state
            .range((tree.to_string(), Vec::new())..)
            .take_while(|((t, _), _)| t == tree)
        {
            batch.insert(k.as_slice(), v.as_slice());
        }
        t.apply_batch(batch)?;
    }
    if let Some(v) = state.get(&(META.to_string(), KEY_NEXT_ID.to_vec())) {
        let meta = db.open_tree(META)?;
        let read = |b: &[u8]| <[u8; 8]>::try_from(b).map(u64::from_be_bytes).unwrap_or(0);
        let have = meta.get(KEY_NEXT_ID)?.map(|b| read(&b)).unwrap_or(0);
        meta.insert(KEY_NEXT_ID, &read(v).max(have).to_be_bytes())?;
    }
    db.flush()?;
    Ok(())
}

/// Entries that differ between two states.
fn differing(a: &State, b: &State) -> usize {
    let only_a = a.iter().filter(|(k, v)| b.get(*k) != Some(*v)).count();
    let only_b = b.keys().filter(|k| !a.contains_key(*k)).count();
    only_a + only_b
}

/// Moves a damaged store aside: `<path>.damaged-<unix seconds>`.
fn move_aside(path: &Path) -> Result<PathBuf, StoreError> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    let base = path.file_name().unwrap_or_default().to_os_string();
    let mut to = path.to_path_buf();
    for n in 0.. {
        let mut name = base.clone();
        name.push(format!(".damaged-{secs}"));
        if n > 0 {
            name.push(format!("-{n}"));
        }
        to = path.with_file_name(name);
        if !to.exists() {
            break;
        }
    }
    std::fs::rename(path, &to).map_err(|e| StoreError::Open {
        path: path.to_path_buf(),
        source: Box::new(e),
    })?;
    Ok(to)
}

/// Is this an error of the store itself (damage), not of access to it?
fn is_damage(e: &StoreError) -> bool {
    match e {
        StoreError::Locked { .. } | StoreError::Journal { .. } => false,
        StoreError::Open { source, .. } => {
            let io = source.downcast_ref::<std::io::Error>().or_else(|| {
                match source.downcast_ref::<sled::Error>() {
                    Some(sled::Error::Io(io)) => Some(io),
                    _ => None,
                }
            });
            io.is_none_or(|io| io.kind() != std::io::ErrorKind::PermissionDenied)
        }
        _ => true,
    }
}

/// [`Store::open`]: the store at `path`, checked against its journal.
pub(crate) fn open(path: &Path) -> Result<Store, StoreError> {
    let jpath = journal::path_for(path);
    let replay = journal::read(&jpath)?;
    // sled may panic on some kinds of damage rather than return an error.
    let sound = std::panic::catch_unwind(AssertUnwindSafe(|| {
        let db = Store::open_sled(path)?;
        let state = user_state(&db)?;
        Ok::<_, StoreError>((db, state))
    }));
    let store = |db, journal, recovery: Option<Recovery>| {
        // One line for the operator, on stderr with the default log level.
        if let Some(r) = &recovery {
            tracing::warn!("{r}");
        }
        Store {
            db,
            path: path.to_path_buf(),
            journal: Arc::new(journal),
            recovery: recovery.map(Arc::new),
        }
    };
    let reason = match sound {
        Ok(Ok((db, state))) => {
            let journal = Journal::open(&jpath)?;
            let recovery = if !replay.existed {
                // A store from before the journal: the journal starts from it.
                journal.rewrite(&state)?;
                None
            } else if !replay.damaged.is_empty() {
                journal.rewrite(&state)?;
                Some(Recovery::JournalRewritten {
                    journal: jpath.clone(),
                    damaged_lines: replay.damaged.len(),
                })
            } else if state == replay.state {
                if replay.records > 1 || replay.torn_tail {
                    journal.rewrite(&state)?;
                }
                None
            } else {
                let n = differing(&state, &replay.state);
                write_state(&db, &replay.state)?;
                let now = user_state(&db)?;
                journal.rewrite(&now)?;
                Some(Recovery::Repaired {
                    journal: jpath.clone(),
                    differing: n,
                    entries: now.len(),
                })
            };
            return Ok(store(db, journal, recovery));
        }
        Ok(Err(e)) if !is_damage(&e) => return Err(e),
        Ok(Err(e)) => e.to_string(),
        Err(_) => "读取时 sled 出错中止".to_string(),
    };
    let moved_to = move_aside(path)?;
    if !replay.existed {
        return Err(StoreError::Damaged {
            path: path.to_path_buf(),
            moved_to,
            reason,
        });
    }
    let db = Store::open_sled(path)?;
    write_state(&db, &replay.state)?;
    let journal = Journal::open(&jpath)?;
    let now = user_state(&db)?;
    journal.rewrite(&now)?;
    let recovery = Recovery::Rebuilt {
        path: path.to_path_buf(),
        moved_to,
        reason,
        entries: replay.state.len(),
        damaged_lines: replay.damaged.len(),
    };
    Ok(store(db, journal, Some(recovery)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ten reminders and a setting, saved, then the store damaged one way.
    fn saved(dir: &Path) -> PathBuf {
        let db = dir.join("db");
        let s = Store::open(&db).unwrap();
        for i in 0..10u8 {
            s.put("reminders", &[i], &format!("提醒{i}")).unwrap();
        }
        s.put("settings", b"chat", &"株洲市").unwrap();
        s.generate_id().unwrap();
        s.generate_id().unwrap();
        drop(s);
        db
    }

    fn held(s: &Store) -> (usize, Option<String>, u64) {
        let n = s.scan_raw("reminders").unwrap().len();
        let city = s.get::<String>("settings", b"chat").unwrap();
        (n, city, s.generate_id().unwrap())
    }

    fn files(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                out.extend(files(&p));
            } else {
                out.push(p);
            }
        }
        out.sort();
        out
    }

    #[test]
    fn every_kind_of_damage_keeps_the_users_data() {
        type Damage = fn(&Path);
        let damages: [(&str, Damage); 6] = [
            ("store deleted", |db| std::fs::remove_dir_all(db).unwrap()),
            ("every file emptied", |db| {
                for f in files(db) {
                    std::fs::write(f, b"").unwrap();
                }
            }),
            ("every file cut to half", |db| {
                for f in files(db) {
                    let len = std::fs::metadata(&f).unwrap().len();
                    let h = std::fs::OpenOptions::new().write(true).open(&f).unwrap();
                    h.set_len(len / 2).unwrap();
                }
            }),
            ("64 bytes overwritten in every file", |db| {
                for f in files(db) {
                    let mut b = std::fs::read(&f).unwrap();
                    let at = b.len() / 3;
                    for x in b.iter_mut().skip(at).take(64) {
                        *x = 0xa5;
                    }
                    std::fs::write(&f, b).unwrap();
                }
            }),
            ("the data file replaced by garbage", |db| {
                for f in files(db) {
                    std::fs::write(f, [0x5a_u8; 4096]).unwrap();
                }
            }),
            ("the configuration removed", |db| {
                let _ = std::fs::remove_file(db.join("conf"));
            }),
        ];
        for (what, damage) in damages {
            let tmp = tempfile::tempdir().unwrap();
            let db = saved(tmp.path());
            damage(&db);
            let s = Store::open(&db).unwrap_or_else(|e| panic!("{what}: {e}"));
            assert_eq!(
                held(&s),
                (10, Some("株洲市".into()), 2),
                "{what}: {:?}",
                s.recovery()
            );
            // Whatever happened was said, unless the store was sound after all.
            if let Some(r) = s.recovery() {
                assert!(!r.to_string().is_empty(), "{what}");
            }
            drop(s);
            // The next start finds everything in order and says nothing.
            let s = Store::open(&db).unwrap();
            assert_eq!(s.recovery(), None, "{what}");
            assert_eq!(held(&s).0, 10, "{what}");
        }
    }

    #[test]
    fn a_sound_store_is_silent_and_a_damaged_journal_is_rewritten() {
        let tmp = tempfile::tempdir().unwrap();
        let db = saved(tmp.path());
        let s = Store::open(&db).unwrap();
        assert_eq!(s.recovery(), None);
        let j = s.journal_path().to_path_buf();
        drop(s);
        let text = std::fs::read_to_string(&j).unwrap();
        let broken: String = text.replacen("22e68f90", "22e68f91", 1);
        assert_ne!(text, broken);
        std::fs::write(&j, broken).unwrap();
        let s = Store::open(&db).unwrap();
        assert!(
            matches!(
                s.recovery(),
                Some(Recovery::JournalRewritten {
                    damaged_lines: 1,
                    ..
                })
            ),
            "{:?}",
            s.recovery()
        );
        assert_eq!(held(&s).0, 10);
        drop(s);
        // Lost by the store alone (a crash between journal and store): restored.
        let s = Store::open(&db).unwrap();
        s.db.open_tree("reminders").unwrap().remove([3u8]).unwrap();
        s.db.flush().unwrap();
        drop(s);
        let s = Store::open(&db).unwrap();
        assert!(matches!(
            s.recovery(),
            Some(Recovery::Repaired { differing: 1, .. })
        ));
        assert_eq!(held(&s).0, 10);
    }

    #[test]
    fn a_damaged_store_without_a_journal_is_moved_aside_and_the_start_fails() {
        let tmp = tempfile::tempdir().unwrap();
        let db = saved(tmp.path());
        std::fs::remove_file(journal::path_for(&db)).unwrap();
        for f in files(&db) {
            std::fs::write(f, [0x5a_u8; 4096]).unwrap();
        }
        match Store::open(&db) {
            Err(StoreError::Damaged { moved_to, .. }) => assert!(moved_to.exists()),
            Err(e) => panic!("{e}"),
            Ok(s) => panic!("opened: {:?}", s.recovery()),
        }
        // The next start begins afresh.
        assert_eq!(held(&Store::open(&db).unwrap()).0, 0);
    }
}
