//! Opening rulebot on its store: ingest `data/` when it changed, then load the
//! corpus, the intents (with their governing articles cached per corpus
//! generation) and the search index (its posting lists built once and stored).

use std::path::{Path, PathBuf};

use rulebot_core::calendar::{Calendar, CalendarError};
use rulebot_core::engine::Engine;
use rulebot_core::intents::{GoverningCache, IntentError, IntentSet};
use rulebot_core::rules::parse::Corpus;
use rulebot_core::search::{IndexStats, MemoryPostings, PostingSource, SearchIndex};
use thiserror::Error;

use crate::{IngestOutcome, RawTree, Store, StoreError};

/// Where things live.
#[derive(Debug, Clone)]
pub struct Paths {
    pub db: PathBuf,
    pub data: PathBuf,
    pub intents: PathBuf,
}

impl Paths {
    /// The defaults: `./data` and `./intents` when they exist (a checkout), else
    /// the folders of the source tree this binary was built from; the store in
    /// `./rulebot-store`.
    pub fn defaults() -> Paths {
        let pick = |name: &str| {
            let here = PathBuf::from(name);
            if here.is_dir() {
                here
            } else {
                Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join(name)
            }
        };
        Paths {
            db: PathBuf::from("rulebot-store"),
            data: pick("data"),
            intents: pick("intents"),
        }
    }
}

/// Why rulebot could not start on its store. Display names the file or path
/// (for operators).
#[derive(Debug, Error)]
pub enum OpenError {
    /// The store could not be opened, read or written.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The holiday calendar in the data folder could not be read.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    /// The intents folder could not be read or is invalid.
    #[error(transparent)]
    Intents(#[from] IntentError),
    /// The store holds no rule document after ingesting the data folder.
    #[error("存储 {0} 中没有任何规则文档;请检查数据目录后运行 rulebot ingest")]
    EmptyStore(PathBuf),
}

/// rulebot opened on its store.
pub struct Opened {
    /// What answers.
    pub engine: Engine,
    /// The store it was loaded from, which also keeps the user's data.
    pub store: Store,
    /// What opening the store did (ingested, or already up to date).
    pub ingest: IngestOutcome,
}

/// Opens the store at `paths.db` (creating and filling it from `paths.data` on
/// first use, re-ingesting when the data changed) and loads the rest.
pub fn open(paths: &Paths) -> Result<Opened, OpenError> {
    let store = Store::open(&paths.db)?;
    open_with(store, paths)
}

/// Only the engine of [`open`] (tools and tests that keep no user data).
pub fn open_engine(paths: &Paths) -> Result<Engine, OpenError> {
    open(paths).map(|o| o.engine)
}

/// Like [`open`] with a store already opened.
pub fn open_with(store: Store, paths: &Paths) -> Result<Opened, OpenError> {
    open_reading_at(store, paths, rulebot_core::intents::MATCHING_VERSION)
}

/// [`open_with`], with the version of how articles are read for matching given
/// (tests play an older build).
fn open_reading_at(
    store: Store,
    paths: &Paths,
    matching_version: u32,
) -> Result<Opened, OpenError> {
    let t = std::time::Instant::now();
    let ingest = store.ingest(&paths.data, false)?;
    let t_ingest = t.elapsed();
    // The articles and index can always be rebuilt from `data/`: a store whose
    // copy of them cannot be read is ingested again.
    let corpus = match store.corpus() {
        Ok(c) => c,
        Err(e) => {
            tracing::warn!(
                "存储中的条文无法读取({e}),正从 {} 重新导入",
                paths.data.display()
            );
            store.ingest(&paths.data, true)?;
            store.corpus()?
        }
    };
    let t_corpus = t.elapsed();
    if corpus.articles.is_empty() {
        return Err(OpenError::EmptyStore(paths.db.clone()));
    }
    let calendar = Calendar::load(&paths.data.join("holidays"))?;
    let generation = store.generation()?.unwrap_or_default();
    let intents_key = crate::fingerprint(&paths.intents)
        .ok()
        .map(|fp| derived_key(&fp, matching_version));
    let intents = stored_intents(
        &store,
        &generation,
        &paths.intents,
        intents_key.as_deref(),
        &corpus,
    )?;
    let t_intents = t.elapsed();
    let index = stored_index(
        &store,
        &generation,
        &corpus,
        &intents,
        intents_key.as_deref().unwrap_or_default(),
    )?;
    let t_index = t.elapsed();
    tracing::debug!(
        ?ingest,
        check_or_ingest = ?t_ingest,
        corpus = ?(t_corpus - t_ingest),
        intents = ?(t_intents - t_corpus),
        index = ?(t_index - t_intents),
        total = ?t.elapsed(),
        "engine ready"
    );
    Ok(Opened {
        engine: Engine::new(corpus, index, intents, calendar),
        store,
        ingest,
    })
}

/// Posting lists read from the store.
struct StoredPostings(RawTree);

impl PostingSource for StoredPostings {
    fn postings(&self, term: &str) -> Option<std::borrow::Cow<'_, [u8]>> {
        self.0.get(term.as_bytes()).map(std::borrow::Cow::Owned)
    }
}

/// Corpora up to this many articles keep their posting lists in memory.
const IN_MEMORY_POSTINGS_UP_TO: usize = 20_000;

/// The key of what is derived from the articles and the intents folder: its
/// fingerprint and the version of how articles are read for matching.
fn derived_key(intents_fingerprint: &str, matching_version: u32) -> String {
    format!("{intents_fingerprint}-m{matching_version}")
}

/// The search index of this generation of the corpus: its posting lists live in the
/// store (built and written once, after an ingest), so a start reads only the
/// statistics.
fn stored_index(
    store: &Store,
    generation: &str,
    corpus: &Corpus,
    intents: &IntentSet,
    intents_key: &str,
) -> Result<SearchIndex, OpenError> {
    // The index reads articles in the intents' canonical vocabulary, so it
    // belongs to this corpus generation and this intents folder.
    let derived = format!("derived/{generation}");
    let postings = format!("postings/{generation}/{intents_key}");
    let stats_key = format!("search_stats/{intents_key}");
    let stats = store
        .get_raw(&derived, stats_key.as_bytes())?
        .and_then(|b| bincode::deserialize::<IndexStats>(&b).ok())
        .filter(|s| s.len() == corpus.articles.len());
    let stats = match stats {
        Some(s) => s,
        None => {
            let built = SearchIndex::build_parts(&corpus.articles, &|a| intents.matching_text(a));
            store.fill_tree(
                &postings,
                built
                    .postings
                    .iter()
                    .map(|(t, p)| (t.as_bytes(), p.as_slice())),
            )?;
            // Written last: present only when the postings are complete.
            let bytes = bincode::serialize(&built.stats).map_err(|e| StoreError::Corrupt {
                what: "search index".into(),
                message: e.to_string(),
            })?;
            store.put_raw(&derived, stats_key.as_bytes(), &bytes)?;
            built.stats
        }
    };
    // A small corpus keeps its posting lists in memory (fastest); a large one reads
    // them from the store as questions need them (start-up and memory stay small).
    let source: Box<dyn PostingSource> = if stats.len() <= IN_MEMORY_POSTINGS_UP_TO {
        let map = store
            .scan_raw(&postings)?
            .into_iter()
            .map(|(k, v)| (String::from_utf8_lossy(&k).into_owned(), v))
            .collect();
        Box::new(MemoryPostings(map))
    } else {
        Box::new(StoredPostings(store.tree(&postings)?))
    };
    Ok(SearchIndex::with_source(stats, source))
}

/// The intents, reusing the governing articles found for the same intents folder
/// over this generation of the corpus.
fn stored_intents(
    store: &Store,
    generation: &str,
    dir: &Path,
    intents_key: Option<&str>,
    corpus: &Corpus,
) -> Result<IntentSet, OpenError> {
    let derived = format!("derived/{generation}");
    let key = match intents_key {
        // v2: the covering articles of the out-of-scope topics too.
        Some(fp) => format!("governing-v2/{fp}"),
        // The load below reports an unreadable folder with its path.
        None => return Ok(IntentSet::load(dir, corpus)?),
    };
    let cache: Option<GoverningCache> = store
        .get_raw(&derived, key.as_bytes())?
        .and_then(|b| bincode::deserialize(&b).ok());
    let set = IntentSet::load_cached(dir, corpus, cache.as_ref())?;
    if cache.is_none() {
        let bytes =
            bincode::serialize(&set.governing_cache()).map_err(|e| StoreError::Corrupt {
                what: "intents".into(),
                message: e.to_string(),
            })?;
        store.put_raw(&derived, key.as_bytes(), &bytes)?;
    }
    Ok(set)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A new store over the shipped data and intents (the temp dir lives as long
    /// as it is held).
    fn shipped_paths() -> (tempfile::TempDir, Paths) {
        let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
        let tmp = tempfile::tempdir().unwrap();
        let paths = Paths {
            db: tmp.path().join("store"),
            data: root.join("data"),
            intents: root.join("intents"),
        };
        (tmp, paths)
    }

    /// Regression: an index derived by an older build (articles read another
    /// way for matching) was reused after an upgrade, because only the data
    /// and the intents folder keyed it.
    #[test]
    fn what_is_derived_is_keyed_by_how_articles_are_read() {
        assert_ne!(derived_key("abc", 1), derived_key("abc", 2));
        assert_ne!(derived_key("abc", 2), derived_key("abd", 2));
        let (_tmp, paths) = shipped_paths();
        let q = "常务会议多久开一次";
        // An older build (matching version 1) derived its index from the articles
        // read its own way: here, as if every article read 旧.
        let opened = open_reading_at(Store::open(&paths.db).unwrap(), &paths, 1).unwrap();
        assert!(!opened.engine.index.search(q, None, 5).is_empty());
        let generation = opened.store.generation().unwrap().unwrap();
        let key = derived_key(&crate::fingerprint(&paths.intents).unwrap(), 1);
        let old = SearchIndex::build_parts(&opened.engine.corpus.articles, &|_| "旧".into());
        opened
            .store
            .put_raw(
                &format!("derived/{generation}"),
                format!("search_stats/{key}").as_bytes(),
                &bincode::serialize(&old.stats).unwrap(),
            )
            .unwrap();
        drop(opened);
        // The same version reuses what it derived (the old reading finds nothing) …
        let same = open_reading_at(Store::open(&paths.db).unwrap(), &paths, 1).unwrap();
        assert!(same.engine.index.search(q, None, 5).is_empty());
        drop(same);
        // … an upgrade that reads articles another way derives afresh.
        let upgraded = open_reading_at(Store::open(&paths.db).unwrap(), &paths, 2).unwrap();
        let hits = upgraded.engine.index.search(q, None, 5);
        assert!(!hits.is_empty());
        let fresh = SearchIndex::build(&upgraded.engine.corpus.articles, &|a| {
            upgraded.engine.intents.matching_text(a)
        });
        assert_eq!(hits, fresh.search(q, None, 5));
    }

    /// The index read from the store ranks exactly as the one built in memory, and a
    /// second start reuses it (and the intents' governing articles).
    #[test]
    fn stored_index_and_intents_match_fresh_ones() {
        let (_tmp, paths) = shipped_paths();
        let Opened {
            engine: e, store, ..
        } = open(&paths).unwrap();
        let generation = store.generation().unwrap().unwrap();
        let key = derived_key(
            &crate::fingerprint(&paths.intents).unwrap(),
            rulebot_core::intents::MATCHING_VERSION,
        );
        let stats: IndexStats = bincode::deserialize(
            &store
                .get_raw(
                    &format!("derived/{generation}"),
                    format!("search_stats/{key}").as_bytes(),
                )
                .unwrap()
                .unwrap(),
        )
        .unwrap();
        let on_disk = SearchIndex::with_source(
            stats,
            Box::new(StoredPostings(
                store.tree(&format!("postings/{generation}/{key}")).unwrap(),
            )),
        );
        let fresh = SearchIndex::build(&e.corpus.articles, &|a| e.intents.matching_text(a));
        for q in [
            "常务会议多久开一次",
            "会签文件7个工作日内回复",
            "710",
            "规范性文件备案",
            "离朝外出",
        ] {
            assert_eq!(
                on_disk.search(q, None, 10),
                fresh.search(q, None, 10),
                "{q}"
            );
            assert_eq!(
                on_disk.search(q, Some(&["株洲市"]), 10),
                fresh.search(q, Some(&["株洲市"]), 10),
                "{q}"
            );
        }
        let governing = e.intents.governing_cache();
        drop(on_disk);
        drop(e);
        drop(store);
        let again = open(&paths).unwrap().engine;
        assert_eq!(again.intents.governing_cache(), governing);
        let fresh = IntentSet::load(&paths.intents, &again.corpus).unwrap();
        assert_eq!(fresh.governing_cache(), governing);
    }
}
