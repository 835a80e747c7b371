//! The sled store, and the only crate that touches sled: documents and articles
//! (ingested all or nothing from `data/`), the built search index, chat
//! settings, conversation context and reminders; [`open`] starts rulebot on it.
//! The user's data is also written to a [`journal`] beside the store, from which
//! [`Store::open`] restores it when the store is lost or damaged.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};
use thiserror::Error;

use rulebot_core::rules::parse::{Corpus, ParseError, load_corpus};
use rulebot_core::rules::{Article, Document};

pub mod backup;
pub mod journal;
pub mod open;
mod recover;
pub use open::{OpenError, Opened, Paths, open, open_engine, open_with};
pub use recover::Recovery;

use backup::USER_TREES;
use journal::{Journal, Op};

/// Bumped whenever the layout of stored documents, articles or their search index
/// changes (an older store is re-ingested; settings and reminders are kept).
pub const SCHEMA_VERSION: u32 = 6;
/// Bumped whenever the parser would read the same data differently.
pub const PARSER_VERSION: u32 = 9;
/// Extra attempts (50 ms apart) to open a store that is locked.
const LOCK_RETRIES: usize = 10;

const META: &str = "meta";
/// Trees named `<kind>/<generation>`, dropped with their generation.
const GENERATION_TREES: &[&str] = &["documents", "articles", "postings", "derived"];
const KEY_SCHEMA: &[u8] = b"schema_version";
const KEY_FINGERPRINT: &[u8] = b"fingerprint";
const KEY_GENERATION: &[u8] = b"generation";
/// The next id [`Store::generate_id`] hands out.
const KEY_NEXT_ID: &[u8] = b"next_id";

/// A raw key and value.
pub type RawEntry = (Vec<u8>, Vec<u8>);

/// Store errors. The Display text is for operators: it names the path.
#[derive(Debug, Error)]
pub enum StoreError {
    /// Another process holds the store (sled allows one per path).
    #[error("存储 {path} 正被另一个运行中的 rulebot 占用;请先停止它,或用 --db 指定另一个存储")]
    Locked {
        /// The store's path.
        path: PathBuf,
    },
    /// The store could not be created or opened.
    #[error("无法打开存储 {path}: {source}")]
    Open {
        /// The store's path.
        path: PathBuf,
        /// What the file system or sled said.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// A read or write failed.
    #[error("存储读写失败: {0}")]
    Sled(#[from] sled::Error),
    /// A stored value could not be encoded or decoded.
    #[error("存储中的数据损坏({what}): {message}")]
    Corrupt {
        /// What was being stored or read.
        what: String,
        /// What the encoder said.
        message: String,
    },
    /// The user-data journal beside the store could not be read or written.
    #[error("用户数据日志 {path} 读写失败: {source}")]
    Journal {
        /// The journal's path.
        path: PathBuf,
        /// What the file system said.
        #[source]
        source: std::io::Error,
    },
    /// The store was damaged and there was no journal to restore the user's data
    /// from: the damaged store was moved aside; the next start begins afresh.
    #[error(
        "存储 {path} 已损坏且没有用户数据日志可用于恢复({reason});损坏的存储已移至 {moved_to}(未删除)。如有备份,请在下次启动前运行 rulebot restore 备份文件"
    )]
    Damaged {
        /// The store's path.
        path: PathBuf,
        /// Where the damaged store now is.
        moved_to: PathBuf,
        /// What was wrong with it.
        reason: String,
    },
    /// A rule document in the data folder could not be parsed.
    #[error(transparent)]
    Parse(#[from] ParseError),
    /// The data folder could not be read.
    #[error("无法读取数据目录 {path}: {source}")]
    Data {
        /// The file or folder.
        path: PathBuf,
        /// What the file system said.
        #[source]
        source: std::io::Error,
    },
}

/// What an ingest did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IngestOutcome {
    /// The store already held exactly this data.
    Unchanged,
    /// The data was (re)parsed and stored.
    Ingested { documents: usize, articles: usize },
}

/// The store. Cheap to clone: clones share one sled handle (sled allows one per path
/// per process).
#[derive(Clone)]
pub struct Store {
    db: sled::Db,
    path: PathBuf,
    journal: std::sync::Arc<Journal>,
    recovery: Option<std::sync::Arc<Recovery>>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

fn is_lock_error(e: &sled::Error) -> bool {
    match e {
        sled::Error::Io(io) => {
            io.kind() == std::io::ErrorKind::WouldBlock
                || io.to_string().contains("lock")
                || io.raw_os_error() == Some(11)
        }
        _ => false,
    }
}

/// Is `tree` one of the user's (journaled) trees?
fn is_user(tree: &str) -> bool {
    USER_TREES.contains(&tree)
}

impl Store {
    /// Opens (creating if needed) the store at `path` and its journal, checking
    /// the user's data against the journal: data the store lost is restored from
    /// the journal, and a store that cannot be opened or read is moved aside and
    /// rebuilt with the journal's data ([`Store::recovery`] says what happened).
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        recover::open(path)
    }

    /// What opening the store had to repair, if anything (one line for operators).
    pub fn recovery(&self) -> Option<&Recovery> {
        self.recovery.as_deref()
    }

    /// Where the user-data journal lives.
    pub fn journal_path(&self) -> &Path {
        self.journal.path()
    }

    /// Opens the sled database at `path` (creating it if needed).
    fn open_sled(path: &Path) -> Result<sled::Db, StoreError> {
        if let Some(parent) = path.parent()
            && !parent.as_os_str().is_empty()
            && !parent.exists()
        {
            std::fs::create_dir_all(parent).map_err(|e| StoreError::Open {
                path: path.to_path_buf(),
                source: Box::new(e),
            })?;
        }
        let config = sled::Config::new()
            .path(path)
            .flush_every_ms(Some(500))
            // The corpus is held in memory anyway; sled's cache only serves the
            // posting lists of large corpora.
            .cache_capacity(64 * 1024 * 1024);
        // A store this process has just dropped can stay locked for a moment while
        // sled's flusher thread ends: try a few times before calling it locked.
        let mut opened = config.open();
        for _ in 0..LOCK_RETRIES {
            match &opened {
                Err(e) if is_lock_error(e) => {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                    opened = config.open();
                }
                _ => break,
            }
        }
        let db = opened.map_err(|e| {
            if is_lock_error(&e) {
                StoreError::Locked {
                    path: path.to_path_buf(),
                }
            } else {
                StoreError::Open {
                    path: path.to_path_buf(),
                    source: Box::new(e),
                }
            }
        })?;
        Ok(db)
    }

    /// Where the store lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes everything to disk.
    pub fn flush(&self) -> Result<(), StoreError> {
        self.db.flush()?;
        Ok(())
    }

    fn meta(&self) -> Result<sled::Tree, StoreError> {
        Ok(self.db.open_tree(META)?)
    }

    /// The schema version stored, if any.
    pub fn schema_version(&self) -> Result<Option<u32>, StoreError> {
        Ok(self
            .meta()?
            .get(KEY_SCHEMA)?
            .and_then(|v| v.as_ref().try_into().ok().map(u32::from_be_bytes)))
    }

    /// The fingerprint of the data last ingested.
    pub fn fingerprint(&self) -> Result<Option<String>, StoreError> {
        Ok(self
            .meta()?
            .get(KEY_FINGERPRINT)?
            .map(|v| String::from_utf8_lossy(&v).into_owned()))
    }

    /// The id of the stored corpus (changes whenever it is re-ingested).
    pub fn generation(&self) -> Result<Option<String>, StoreError> {
        Ok(self
            .meta()?
            .get(KEY_GENERATION)?
            .map(|v| String::from_utf8_lossy(&v).into_owned()))
    }

    /// Parses `rules_dir` and stores it if the data (or the parser, or the schema)
    /// changed since the last ingest. All or nothing: the new documents are written
    /// beside the old ones and switched to in one atomic step; a failure leaves
    /// what was stored before intact. Chat settings and reminders are never touched.
    pub fn ingest(&self, data_dir: &Path, force: bool) -> Result<IngestOutcome, StoreError> {
        let rules_dir = data_dir.join("rules");
        let fp = fingerprint(data_dir)?;
        if !force
            && self.schema_version()? == Some(SCHEMA_VERSION)
            && self.fingerprint()?.as_deref() == Some(fp.as_str())
            && self.generation()?.is_some()
        {
            return Ok(IngestOutcome::Unchanged);
        }
        let corpus = load_corpus(&rules_dir)?;
        self.store_corpus(&corpus, &fp)?;
        Ok(IngestOutcome::Ingested {
            documents: corpus.documents.len(),
            articles: corpus.articles.len(),
        })
    }

    /// Stores a parsed corpus as a new generation and switches to it.
    pub fn store_corpus(&self, corpus: &Corpus, fingerprint: &str) -> Result<(), StoreError> {
        let old = self.generation()?;
        let mut generation = fingerprint[..16.min(fingerprint.len())].to_string();
        if old.as_deref() == Some(generation.as_str()) {
            generation.push('+');
        }
        let docs = self.db.open_tree(format!("documents/{generation}"))?;
        let arts = self.db.open_tree(format!("articles/{generation}"))?;
        docs.clear()?;
        arts.clear()?;
        for (i, d) in corpus.documents.iter().enumerate() {
            let mut key = (i as u32).to_be_bytes().to_vec();
            key.extend_from_slice(d.id.as_bytes());
            docs.insert(key, to_bin(d)?)?;
        }
        for (i, a) in corpus.articles.iter().enumerate() {
            arts.insert((i as u32).to_be_bytes(), to_bin(a)?)?;
        }
        docs.flush()?;
        arts.flush()?;
        let mut batch = sled::Batch::default();
        batch.insert(KEY_SCHEMA, &SCHEMA_VERSION.to_be_bytes());
        batch.insert(KEY_FINGERPRINT, fingerprint.as_bytes());
        batch.insert(KEY_GENERATION, generation.as_bytes());
        self.meta()?.apply_batch(batch)?;
        self.flush()?;
        // Drop every other generation (documents/, articles/, and what was derived
        // from them: postings/, derived/).
        for name in self.db.tree_names() {
            let name = String::from_utf8_lossy(&name).into_owned();
            if let Some((kind, g)) = name.split_once('/')
                && GENERATION_TREES.contains(&kind)
                && g != generation
            {
                self.db.drop_tree(name.as_bytes())?;
            }
        }
        Ok(())
    }

    /// Reads the stored documents and articles.
    pub fn corpus(&self) -> Result<Corpus, StoreError> {
        let Some(generation) = self.generation()? else {
            return Ok(Corpus::default());
        };
        let docs = self.db.open_tree(format!("documents/{generation}"))?;
        let arts = self.db.open_tree(format!("articles/{generation}"))?;
        let mut corpus = Corpus::default();
        for kv in docs.iter() {
            let (_, v) = kv?;
            corpus.documents.push(from_bin::<Document>(&v, "document")?);
        }
        for kv in arts.iter() {
            let (_, v) = kv?;
            corpus.articles.push(from_bin::<Article>(&v, "article")?);
        }
        Ok(corpus)
    }

    /// A JSON value from a named tree.
    pub fn get<T: DeserializeOwned>(
        &self,
        tree: &str,
        key: &[u8],
    ) -> Result<Option<T>, StoreError> {
        match self.db.open_tree(tree)?.get(key)? {
            Some(v) => Ok(Some(from_json(&v, tree)?)),
            None => Ok(None),
        }
    }

    /// Puts a JSON value into a named tree and flushes it to disk.
    pub fn put<T: Serialize>(&self, tree: &str, key: &[u8], value: &T) -> Result<(), StoreError> {
        self.put_raw(tree, key, &to_json(value)?)
    }

    /// Runs a write of `tree`, journaled first (fsynced with `sync`) when it is
    /// one of the user's trees.
    fn journaled<R>(
        &self,
        tree: &str,
        ops: impl FnOnce() -> Vec<Op>,
        sync: bool,
        write: impl FnOnce() -> Result<R, StoreError>,
    ) -> Result<R, StoreError> {
        if is_user(tree) {
            self.journal.write(&ops(), sync, write)
        } else {
            write()
        }
    }

    /// Puts a JSON value into a named tree without waiting for the disk (sled
    /// writes it within its flush interval): for data whose loss in a crash does not
    /// matter, such as conversation context.
    pub fn put_lazy<T: Serialize>(
        &self,
        tree: &str,
        key: &[u8],
        value: &T,
    ) -> Result<(), StoreError> {
        let v = to_json(value)?;
        let t = self.db.open_tree(tree)?;
        self.journaled(
            tree,
            || vec![Op::put(tree, key, &v)],
            false,
            || {
                t.insert(key, v.as_slice())?;
                Ok(())
            },
        )
    }

    /// Removes a key from a named tree and flushes.
    pub fn remove(&self, tree: &str, key: &[u8]) -> Result<(), StoreError> {
        let t = self.db.open_tree(tree)?;
        self.journaled(
            tree,
            || vec![Op::del(tree, key)],
            true,
            || {
                t.remove(key)?;
                t.flush()?;
                Ok(())
            },
        )
    }

    /// All values of a named tree whose key starts with `prefix`, in key order.
    pub fn scan_prefix<T: DeserializeOwned>(
        &self,
        tree: &str,
        prefix: &[u8],
    ) -> Result<Vec<(Vec<u8>, T)>, StoreError> {
        let t = self.db.open_tree(tree)?;
        let mut out = Vec::new();
        for kv in t.scan_prefix(prefix) {
            let (k, v) = kv?;
            out.push((k.to_vec(), from_json(&v, tree)?));
        }
        Ok(out)
    }

    /// Values of a named tree with keys in `start..end`, in key order.
    pub fn range<T: DeserializeOwned>(
        &self,
        tree: &str,
        start: &[u8],
        end: &[u8],
    ) -> Result<Vec<(Vec<u8>, T)>, StoreError> {
        let t = self.db.open_tree(tree)?;
        let mut out = Vec::new();
        for kv in t.range(start..end) {
            let (k, v) = kv?;
            out.push((k.to_vec(), from_json(&v, tree)?));
        }
        Ok(out)
    }

    /// Raw keys and values of a named tree with keys in `start..end`.
    pub fn range_raw(
        &self,
        tree: &str,
        start: &[u8],
        end: &[u8],
    ) -> Result<Vec<RawEntry>, StoreError> {
        let t = self.db.open_tree(tree)?;
        let mut out = Vec::new();
        for kv in t.range(start..end) {
            let (k, v) = kv?;
            out.push((k.to_vec(), v.to_vec()));
        }
        Ok(out)
    }

    /// Puts a raw value into a named tree and flushes it.
    pub fn put_raw(&self, tree: &str, key: &[u8], value: &[u8]) -> Result<(), StoreError> {
        let t = self.db.open_tree(tree)?;
        self.journaled(
            tree,
            || vec![Op::put(tree, key, value)],
            true,
            || {
                t.insert(key, value)?;
                t.flush()?;
                Ok(())
            },
        )
    }

    /// A raw value from a named tree.
    pub fn get_raw(&self, tree: &str, key: &[u8]) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self.db.open_tree(tree)?.get(key)?.map(|v| v.to_vec()))
    }

    /// Replaces a named tree's content with `entries` and flushes it.
    pub fn fill_tree<'a>(
        &self,
        tree: &str,
        entries: impl Iterator<Item = (&'a [u8], &'a [u8])>,
    ) -> Result<(), StoreError> {
        let t = self.db.open_tree(tree)?;
        let entries: Vec<(&[u8], &[u8])> = entries.collect();
        let ops = || {
            let mut ops = vec![Op::Clear(tree.to_string())];
            ops.extend(entries.iter().map(|(k, v)| Op::put(tree, k, v)));
            ops
        };
        self.journaled(tree, ops, true, || {
            t.clear()?;
            let mut batch = sled::Batch::default();
            for (n, (k, v)) in entries.iter().enumerate() {
                batch.insert(*k, *v);
                if (n + 1) % 100 == 0 {
                    t.apply_batch(std::mem::take(&mut batch))?;
                }
            }
            t.apply_batch(batch)?;
            t.flush()?;
            Ok(())
        })
    }

    /// Every raw key and value of a named tree.
    pub fn scan_raw(&self, tree: &str) -> Result<Vec<RawEntry>, StoreError> {
        let t = self.db.open_tree(tree)?;
        let mut out = Vec::new();
        for kv in t.iter() {
            let (k, v) = kv?;
            out.push((k.to_vec(), v.to_vec()));
        }
        Ok(out)
    }

    /// A read handle on a named tree, for lookups on the hot path.
    pub fn tree(&self, tree: &str) -> Result<RawTree, StoreError> {
        Ok(RawTree(self.db.open_tree(tree)?))
    }

    /// A new unique id: 0, 1, 2 … one after another across restarts (a counter
    /// in the store, flushed before it is handed out). sled's own generator
    /// jumps by about a million at each start, which made ids users must type
    /// (`/cancel 16v7l`) long.
    pub fn generate_id(&self) -> Result<u64, StoreError> {
        let meta = self.meta()?;
        self.journal.locked(|j| {
            let current = match meta.get(KEY_NEXT_ID)? {
                Some(b) => <[u8; 8]>::try_from(b.as_ref())
                    .map(u64::from_be_bytes)
                    .unwrap_or(0),
                // A store from before the counter: start above every id sled's
                // generator handed out (it never goes back), so none is reused.
                None => self.db.generate_id()?,
            };
            let next = current.saturating_add(1).to_be_bytes();
            j.append(&[Op::put(META, KEY_NEXT_ID, &next)], true)?;
            meta.insert(KEY_NEXT_ID, &next)?;
            self.db.flush()?;
            Ok(current)
        })
    }

    /// Applies several puts and removes to one tree atomically, then flushes.
    pub fn apply(
        &self,
        tree: &str,
        puts: Vec<(Vec<u8>, Vec<u8>)>,
        removes: Vec<Vec<u8>>,
    ) -> Result<(), StoreError> {
        let t = self.db.open_tree(tree)?;
        let ops = || {
            let mut ops: Vec<Op> = removes.iter().map(|k| Op::del(tree, k)).collect();
            ops.extend(puts.iter().map(|(k, v)| Op::put(tree, k, v)));
            ops
        };
        self.journaled(tree, ops, true, || {
            let mut batch = sled::Batch::default();
            for k in &removes {
                batch.remove(k.as_slice());
            }
            for (k, v) in &puts {
                batch.insert(k.as_slice(), v.as_slice());
            }
            t.apply_batch(batch)?;
            t.flush()?;
            Ok(())
        })
    }
}

/// A read handle on one tree of the store.
#[derive(Clone)]
pub struct RawTree(sled::Tree);

impl RawTree {
    /// The value under `key`; a read error is logged and reads as absent.
    pub fn get(&self, key: &[u8]) -> Option<Vec<u8>> {
        match self.0.get(key) {
            Ok(v) => v.map(|v| v.to_vec()),
            Err(e) => {
                tracing::error!(error = %e, "store read failed");
                None
            }
        }
    }
}

/// Serialises a value for the store.
pub fn to_json<T: Serialize>(value: &T) -> Result<Vec<u8>, StoreError> {
    serde_json::to_vec(value).map_err(|e| StoreError::Corrupt {
        what: "serialise".into(),
        message: e.to_string(),
    })
}

/// Documents and articles are stored compactly (bincode): reading them is most
/// of a start.
fn to_bin<T: Serialize>(value: &T) -> Result<Vec<u8>, StoreError> {
    bincode::serialize(value).map_err(|e| StoreError::Corrupt {
        what: "serialise".into(),
        message: e.to_string(),
    })
}

fn from_bin<T: DeserializeOwned>(bytes: &[u8], what: &str) -> Result<T, StoreError> {
    bincode::deserialize(bytes).map_err(|e| StoreError::Corrupt {
        what: what.to_string(),
        message: e.to_string(),
    })
}

fn from_json<T: DeserializeOwned>(bytes: &[u8], what: &str) -> Result<T, StoreError> {
    serde_json::from_slice(bytes).map_err(|e| StoreError::Corrupt {
        what: what.to_string(),
        message: e.to_string(),
    })
}

/// A fingerprint of everything under `data_dir` (file names and bytes), the parser
/// version and the schema version: when it changes, the data is re-ingested.
pub fn fingerprint(data_dir: &Path) -> Result<String, StoreError> {
    let mut files = Vec::new();
    collect_files(data_dir, data_dir, &mut files)?;
    files.sort();
    let mut h = Sha256::new();
    h.update(PARSER_VERSION.to_be_bytes());
    h.update(SCHEMA_VERSION.to_be_bytes());
    for rel in files {
        let bytes = std::fs::read(data_dir.join(&rel)).map_err(|source| StoreError::Data {
            path: data_dir.join(&rel),
            source,
        })?;
        h.update(rel.as_bytes());
        h.update((bytes.len() as u64).to_be_bytes());
        h.update(&bytes);
    }
    Ok(h.finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<String>())
}

fn collect_files(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<(), StoreError> {
    let entries = std::fs::read_dir(dir).map_err(|source| StoreError::Data {
        path: dir.to_path_buf(),
        source,
    })?;
    for e in entries {
        let e = e.map_err(|source| StoreError::Data {
            path: dir.to_path_buf(),
            source,
        })?;
        let p = e.path();
        if p.is_dir() {
            collect_files(root, &p, out)?;
        } else if let Ok(rel) = p.strip_prefix(root) {
            out.push(rel.to_string_lossy().into_owned());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data_dir() -> PathBuf {
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("data")
    }

    #[test]
    fn ingest_round_trip_and_idempotent() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::open(&tmp.path().join("db")).unwrap();
        let first = store.ingest(&data_dir(), false).unwrap();
        assert!(matches!(
            first,
            IngestOutcome::Ingested { documents: 5, .. }
        ));
        let parsed = load_corpus(&data_dir().join("rules")).unwrap();
        let stored = store.corpus().unwrap();
        assert_eq!(stored.documents, parsed.documents);
        assert_eq!(stored.articles, parsed.articles);
        assert_eq!(
            store.ingest(&data_dir(), false).unwrap(),
            IngestOutcome::Unchanged
        );
        drop(store);
        let reopened = Store::open(&tmp.path().join("db")).unwrap();
        assert_eq!(reopened.corpus().unwrap().articles, parsed.articles);
        assert_eq!(reopened.schema_version().unwrap(), Some(SCHEMA_VERSION));
    }

    /// Regression: ids jumped by about a million at each start (sled's
    /// generator), so users typed `/cancel 16v7l`. They follow one another
    /// across restarts.
    #[test]
    fn ids_follow_one_another_across_restarts() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::open(&tmp.path().join("db")).unwrap();
        assert_eq!(store.generate_id().unwrap(), 0);
        assert_eq!(store.generate_id().unwrap(), 1);
        drop(store);
        let store = Store::open(&tmp.path().join("db")).unwrap();
        assert_eq!(store.generate_id().unwrap(), 2);
    }

    #[test]
    fn failed_ingest_keeps_what_was_stored() {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        std::fs::create_dir_all(data.join("rules")).unwrap();
        for f in ["zhuzhou-2022.txt", "zhuzhou-2022.toml"] {
            std::fs::copy(data_dir().join("rules").join(f), data.join("rules").join(f)).unwrap();
        }
        let store = Store::open(&tmp.path().join("db")).unwrap();
        store.ingest(&data, false).unwrap();
        let before = store.corpus().unwrap();
        std::fs::write(data.join("rules/broken.toml"), "title = ").unwrap();
        let err = store.ingest(&data, false).unwrap_err();
        assert!(err.to_string().contains("broken.toml"), "{err}");
        assert_eq!(store.corpus().unwrap().articles, before.articles);
    }

    #[test]
    fn an_older_schema_is_rebuilt_keeping_settings_and_reminders() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::open(&tmp.path().join("db")).unwrap();
        store.ingest(&data_dir(), false).unwrap();
        store
            .put("settings", b"chat:1", &"株洲市".to_string())
            .unwrap();
        store.put("reminders", b"r/1", &"x".to_string()).unwrap();
        store
            .meta()
            .unwrap()
            .insert(KEY_SCHEMA, &0u32.to_be_bytes())
            .unwrap();
        assert!(matches!(
            store.ingest(&data_dir(), false).unwrap(),
            IngestOutcome::Ingested { .. }
        ));
        assert_eq!(store.schema_version().unwrap(), Some(SCHEMA_VERSION));
        assert_eq!(store.corpus().unwrap().articles.len(), 295);
        let v: Option<String> = store.get("settings", b"chat:1").unwrap();
        assert_eq!(v.as_deref(), Some("株洲市"));
        let r: Option<String> = store.get("reminders", b"r/1").unwrap();
        assert_eq!(r.as_deref(), Some("x"));
    }

    #[test]
    fn a_broken_text_file_is_reported_with_its_line() {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        std::fs::create_dir_all(data.join("rules")).unwrap();
        std::fs::copy(
            data_dir().join("rules/zhuzhou-2022.toml"),
            data.join("rules/zhuzhou-2022.toml"),
        )
        .unwrap();
        let mut bytes = std::fs::read(data_dir().join("rules/zhuzhou-2022.txt")).unwrap();
        bytes.truncate(3000);
        bytes.extend_from_slice(b"\n\xff\xfe junk");
        std::fs::write(data.join("rules/zhuzhou-2022.txt"), &bytes).unwrap();
        let store = Store::open(&tmp.path().join("db")).unwrap();
        let err = store.ingest(&data, false).unwrap_err().to_string();
        assert!(
            err.contains("zhuzhou-2022.txt") && err.contains("行"),
            "{err}"
        );
        assert!(store.corpus().unwrap().articles.is_empty());
        // A page cut off before any article names the file and the line.
        std::fs::write(
            data.join("rules/zhuzhou-2022.txt"),
            "株洲市人民政府工作规则\n",
        )
        .unwrap();
        let err = store.ingest(&data, false).unwrap_err().to_string();
        assert!(err.contains("zhuzhou-2022.txt:"), "{err}");
    }

    #[test]
    fn settings_survive_reingest() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::open(&tmp.path().join("db")).unwrap();
        store
            .put("settings", b"chat:1", &"株洲市".to_string())
            .unwrap();
        store.ingest(&data_dir(), true).unwrap();
        store.ingest(&data_dir(), true).unwrap();
        let v: Option<String> = store.get("settings", b"chat:1").unwrap();
        assert_eq!(v.as_deref(), Some("株洲市"));
    }
}
