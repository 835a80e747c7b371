//! Benchmarks behind `rulebot bench` and `cargo bench`: synthetic corpora made from
//! the real documents under new jurisdiction names, and the figures measured on
//! them (ingest, store size, start-up, answer latency, peak memory).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::engine::Question;
use crate::eval::{Case, parse_now, read_cases};
use crate::store::{Opened, Paths};

/// Writes a data folder with `docs` documents: the real ones first, then copies of
/// them under synthetic jurisdiction names (样例0005市 …). Holiday notices are copied.
pub fn synthetic_data(src: &Path, dest: &Path, docs: usize) -> std::io::Result<()> {
    let rules = dest.join("rules");
    let holidays = dest.join("holidays");
    std::fs::create_dir_all(&rules)?;
    std::fs::create_dir_all(&holidays)?;
    for e in std::fs::read_dir(src.join("holidays"))? {
        let p = e?.path();
        if p.is_file() {
            std::fs::copy(&p, holidays.join(p.file_name().unwrap_or_default()))?;
        }
    }
    let mut metas: Vec<PathBuf> = std::fs::read_dir(src.join("rules"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    metas.sort();
    for i in 0..docs {
        let meta_path = &metas[i % metas.len()];
        let raw = std::fs::read_to_string(meta_path)?;
        let mut meta: crate::rules::DocumentMeta = toml::from_str(&raw)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string()))?;
        let text = std::fs::read(meta_path.with_file_name(&meta.source))?;
        let stem = format!("{i:05}");
        if i >= metas.len() {
            meta.jurisdiction = format!("样例{i:04}市");
            meta.short_names = vec![format!("样例{i:04}")];
            meta.abbreviations = Vec::new();
        }
        meta.source = format!("{stem}.txt");
        std::fs::write(rules.join(&meta.source), text)?;
        std::fs::write(
            rules.join(format!("{stem}.toml")),
            toml::to_string(&meta)
                .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string()))?,
        )?;
    }
    Ok(())
}

/// The figures for one corpus size.
#[derive(Debug, Clone, Default, Serialize, serde::Deserialize)]
pub struct Figures {
    pub documents: usize,
    pub articles: usize,
    /// First start on an empty store: parse, store, build the index.
    pub ingest_ms: f64,
    pub store_bytes: u64,
    /// Peak memory of the ingesting process.
    pub ingest_rss_kb: Option<u64>,
    /// Start with the store in place.
    pub startup_ms: f64,
    pub p50_us: f64,
    pub p99_us: f64,
    /// p99 after the first pass over the questions: each regex builds its
    /// tables on first use, and the first pass is 1/rounds of the answers.
    #[serde(default)]
    pub warm_p99_us: f64,
    /// The first answer after start-up (its regexes all cold, unless warmed).
    #[serde(default)]
    pub first_us: f64,
    /// With `--warm`: the warm-up a server runs on a thread of its own at
    /// start (patterns compiled, the intents' examples answered), here waited
    /// for before the first question.
    #[serde(default)]
    pub warm_ms: f64,
    pub questions: usize,
    /// Peak memory of a process that starts and answers (what a server holds).
    pub peak_rss_kb: Option<u64>,
}

fn dir_size(p: &Path) -> u64 {
    let Ok(rd) = std::fs::read_dir(p) else {
        return 0;
    };
    rd.filter_map(|e| e.ok())
        .map(|e| {
            let p = e.path();
            if p.is_dir() {
                dir_size(&p)
            } else {
                e.metadata().map(|m| m.len()).unwrap_or(0)
            }
        })
        .sum()
}

/// Peak resident memory of this process (Linux), in KiB.
pub fn peak_rss_kb() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    s.lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1e6
}

fn paths(work: &Path, intents: &Path) -> Paths {
    Paths {
        db: work.join("store"),
        data: work.join("data"),
        intents: intents.to_path_buf(),
    }
}

/// Phase one, in a process of its own: builds a corpus of `docs` documents in
/// `work` and ingests it (first start on an empty store).
pub fn measure_ingest(
    data: &Path,
    intents: &Path,
    docs: usize,
    work: &Path,
) -> anyhow::Result<Figures> {
    synthetic_data(data, &work.join("data"), docs)?;
    let paths = paths(work, intents);
    let t = Instant::now();
    let Opened { engine, store, .. } = crate::store::open(&paths)?;
    let ingest_ms = t.elapsed().as_secs_f64() * 1e3;
    store.flush()?;
    let articles = engine.corpus.articles.len();
    drop(engine);
    drop(store);
    Ok(Figures {
        documents: docs,
        articles,
        ingest_ms,
        store_bytes: dir_size(&paths.db),
        ingest_rss_kb: peak_rss_kb(),
        ..Figures::default()
    })
}

/// Phase two, in a process of its own: starts on the store phase one left and
/// answers every question `rounds` times; with `warm`, compiles the patterns
/// otherwise compiled on first use on a thread of its own once started, as
/// `rulebot serve` does.
pub fn measure_serve(
    intents: &Path,
    questions: &[Case],
    work: &Path,
    rounds: usize,
    warm: bool,
) -> anyhow::Result<Figures> {
    let paths = paths(work, intents);
    let t = Instant::now();
    let engine = std::sync::Arc::new(crate::store::open(&paths)?.engine);
    let startup_ms = t.elapsed().as_secs_f64() * 1e3;
    // The warm-up a server runs on a thread of its own at start, here waited
    // for: the figures are those of a server whose warm-up has finished.
    let mut warm_ms = 0.0;
    if warm {
        let t = Instant::now();
        let now = parse_now(None).map_err(anyhow::Error::msg)?;
        engine.warm(now).map_err(anyhow::Error::from)?;
        warm_ms = t.elapsed().as_secs_f64() * 1e3;
    }
    let mut times = Vec::with_capacity(questions.len() * rounds);
    let mut warm = Vec::with_capacity(questions.len() * rounds.saturating_sub(1));
    for round in 0..rounds {
        for c in questions {
            let now = parse_now(c.now.as_deref()).map_err(anyhow::Error::msg)?;
            let j = c
                .jurisdiction
                .as_deref()
                .and_then(|j| engine.resolve_jurisdiction(j));
            let t = Instant::now();
            let a = engine.ask(&Question {
                text: &c.question,
                jurisdiction: j.as_deref(),
                now,
            });
            let rendered = a.to_text();
            let took = t.elapsed();
            times.push(took);
            if round > 0 {
                warm.push(took);
            }
            std::hint::black_box(rendered);
        }
    }
    let first_us = times.first().map_or(0.0, |d| d.as_secs_f64() * 1e6);
    times.sort();
    warm.sort();
    Ok(Figures {
        startup_ms,
        p50_us: percentile(&times, 0.50),
        p99_us: percentile(&times, 0.99),
        warm_p99_us: percentile(&warm, 0.99),
        first_us,
        warm_ms,
        questions: times.len(),
        peak_rss_kb: peak_rss_kb(),
        ..Figures::default()
    })
}

/// Reads the questions used for latency (the project's dev cases).
pub fn questions(path: &Path) -> anyhow::Result<Vec<Case>> {
    let text = std::fs::read_to_string(path)?;
    Ok(read_cases(&text)
        .into_iter()
        .filter_map(Result::ok)
        .collect())
}

/// The table a person reads.
pub fn render(rows: &[Figures]) -> String {
    let mb = |k: Option<u64>| {
        k.map(|k| format!("{:.1} MB", k as f64 / 1024.0))
            .unwrap_or_else(|| "-".into())
    };
    let mut s = String::from(
        "| 文档数 | 条文数 | 入库 ms | 入库峰值 RSS | 存储大小 | 启动 ms | 预热 ms | p50 µs | p99 µs | 首轮后 p99 µs | 首问 µs | 问答峰值 RSS |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for r in rows {
        s.push_str(&format!(
            "| {} | {} | {:.0} | {} | {:.1} MB | {:.1} | {} | {:.0} | {:.0} | {:.0} | {:.0} | {} |\n",
            r.documents,
            r.articles,
            r.ingest_ms,
            mb(r.ingest_rss_kb),
            r.store_bytes as f64 / 1_048_576.0,
            r.startup_ms,
            if r.warm_ms > 0.0 {
                format!("{:.0}", r.warm_ms)
            } else {
                "-".into()
            },
            r.p50_us,
            r.p99_us,
            r.warm_p99_us,
            r.first_us,
            mb(r.peak_rss_kb),
        ));
    }
    s
}
