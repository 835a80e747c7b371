//! The `rulebot` command line: a thin layer over the library.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow};
use clap::{Parser, Subcommand};

use rulebot::engine::{Engine, Question};
use rulebot::store::Paths;

/// Prints a line to stdout; a closed pipe (`rulebot … | head`) ends the program quietly.
macro_rules! out {
    ($($arg:tt)*) => {{
        let mut stdout = std::io::stdout().lock();
        if let Err(e) = writeln!(stdout, $($arg)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
        }
    }};
}
use rulebot::eval::{answer_case_explained, evaluate, parse_now, read_cases};
use rulebot::rules::parse::{load_corpus, load_document};
use rulebot::store::{IngestOutcome, Store};

#[derive(Parser, Debug)]
#[command(
    name = "rulebot",
    version,
    about = "规则助手:查询政府工作规则条文、计算办理时限、设置提醒"
)]
struct Cli {
    /// The sled store (created and filled from the data folder on first use).
    #[arg(long, env = "RULEBOT_DB", global = true)]
    db: Option<PathBuf>,
    /// The data folder (rules/ and holidays/).
    #[arg(long, env = "RULEBOT_DATA", global = true)]
    data: Option<PathBuf>,
    /// The intents folder.
    #[arg(long, env = "RULEBOT_INTENTS", global = true)]
    intents: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Answer a question (or, with --batch, evaluation cases from standard input).
    Ask {
        /// The chat's default jurisdiction (a place named in the question overrides it).
        #[arg(long, short)]
        jurisdiction: Option<String>,
        /// The moment the question is asked (RFC 3339); default now.
        #[arg(long)]
        now: Option<String>,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
        /// Read cases (one JSON object a line) from standard input, write one JSON object a line.
        #[arg(long)]
        batch: bool,
        /// Also print how the question was read, each candidate's evidence and the decision.
        #[arg(long)]
        explain: bool,
        /// The question.
        question: Vec<String>,
    },
    /// List the documents held, with their article counts.
    List,
    /// Show one article, e.g. `rulebot show 株洲 44` or `rulebot show 株洲市人民政府工作规则 44`.
    Show {
        /// A place (株洲, 株洲市) or a document's title.
        jurisdiction: String,
        /// The article number: 44, 四十四 or 第四十四条.
        article: String,
    },
    /// Parse the data folder and store it; with paths, only parse and report them.
    Ingest {
        /// Metadata files (*.toml) or folders to check without storing.
        paths: Vec<PathBuf>,
    },
    /// Write the user data (chat settings, context, reminders) to FILE as JSON lines
    Backup {
        /// Where to write the backup.
        file: PathBuf,
    },
    /// Replace the user data with a backup written by `rulebot backup` (all or nothing)
    Restore {
        /// The backup to read.
        file: PathBuf,
    },
    /// Score evaluation cases: top-1/top-3, refusals, deadlines, the keyword-search
    /// baseline and the confidence's meaning; several files side by side.
    Eval {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Measure speed and memory: ingest, store size, start-up, answer latency, peak RSS.
    Bench {
        /// Corpus sizes (documents) to measure.
        #[arg(long, value_delimiter = ',', default_values_t = [5usize, 100, 1000])]
        sizes: Vec<usize>,
        /// How many times each dev question is asked per size.
        #[arg(long, default_value_t = 20)]
        rounds: usize,
        /// Run the warm-up `rulebot serve` runs on a thread of its own at start
        /// (every pattern compiled, the intents' examples answered) and wait for
        /// it before the first question.
        #[arg(long)]
        warm: bool,
        /// Internal: ingest a corpus of this many documents in --work and print the
        /// figures as JSON (each phase runs in a child process of its own).
        #[arg(long, hide = true)]
        ingest: Option<usize>,
        /// Internal: start on the store in --work, answer, print the figures as JSON.
        #[arg(long, hide = true)]
        serve: bool,
        #[arg(long, hide = true)]
        work: Option<PathBuf>,
    },
    /// Run the bot: Telegram (token in TELOXIDE_TOKEN; long polling unless
    /// --webhook is given), 企业微信 (WECOM_* variables; callbacks at /wecom) or
    /// 钉钉 (DINGTALK_* variables; callbacks at /dingtalk).
    Serve {
        /// The messaging platform.
        #[arg(long, value_enum, default_value_t = Platform::Telegram)]
        platform: Platform,
        /// Telegram webhook mode: the public HTTPS URL Telegram posts updates to.
        #[arg(long, value_name = "PUBLIC_URL")]
        webhook: Option<String>,
        /// The local address to listen on (Telegram webhook mode, 企业微信 and
        /// 钉钉 callbacks; default 0.0.0.0:8443).
        #[arg(long, value_name = "ADDR")]
        listen: Option<std::net::SocketAddr>,
        /// 钉钉 stream mode: rulebot connects out to the platform (no public
        /// address, no listener).
        #[arg(long)]
        stream: bool,
    },
    /// Chat in the terminal with the same conversation as the bot (no token).
    Chat {
        /// The chat's default jurisdiction.
        #[arg(long, short)]
        jurisdiction: Option<String>,
    },
}

/// The messaging platforms `rulebot serve` speaks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Platform {
    /// Telegram (long polling or a webhook).
    Telegram,
    /// 企业微信: a self-built application in callback mode.
    Wecom,
    /// 钉钉: an enterprise-internal robot in HTTP callback mode.
    Dingtalk,
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                // sled's own log lines can quote a damaged file whole; rulebot
                // reports what sled said in its own one-line messages.
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn,sled=off")),
        )
        .with_writer(std::io::stderr)
        // Colour codes only on a terminal, never in a log file or journal.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("错误:{e:#}");
            ExitCode::FAILURE
        }
    }
}

fn paths(cli: &Cli) -> Paths {
    let d = Paths::defaults();
    Paths {
        db: cli.db.clone().unwrap_or(d.db),
        data: cli.data.clone().unwrap_or(d.data),
        intents: cli.intents.clone().unwrap_or(d.intents),
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    let paths = paths(&cli);
    match cli.command {
        Command::Ask {
            jurisdiction,
            now,
            json,
            batch,
            explain,
            question,
        } => {
            let engine = rulebot::store::open_engine(&paths)?;
            if batch {
                return run_batch(&engine, explain);
            }
            let text = question.join(" ");
            let now = parse_now(now.as_deref()).map_err(|e| anyhow!(e))?;
            let jurisdiction = match jurisdiction {
                Some(j) => Some(engine.jurisdiction_arg(&j)?),
                None => None,
            };
            let (answer, why) = engine.ask_explained(&Question {
                text: &text,
                jurisdiction: jurisdiction.as_deref(),
                now,
            });
            if explain {
                match &why {
                    Some((reading, ranking)) => {
                        out!("{}", rulebot::explain::render(&engine, reading, ranking))
                    }
                    None => out!("(输入未通过检查,未作理解)"),
                }
            }
            if json {
                out!("{}", answer.to_json());
            } else {
                out!("{}", answer.to_text());
            }
            Ok(match answer.outcome {
                rulebot::answer::Outcome::Refused(rulebot::answer::Refusal::BadInput {
                    ..
                }) => ExitCode::from(2),
                _ => ExitCode::SUCCESS,
            })
        }
        Command::List => {
            let engine = rulebot::store::open_engine(&paths)?;
            // By level, then place: national documents first, a place's documents together.
            let mut docs: Vec<_> = engine.corpus.documents.iter().collect();
            docs.sort_by_key(|d| {
                (
                    d.meta.jurisdiction != rulebot::rank::NATIONAL,
                    d.meta.jurisdiction.clone(),
                )
            });
            for d in docs {
                out!(
                    "{}\t《{}》\t{}\t{}\t{} 条{}",
                    d.meta.jurisdiction,
                    d.meta.title,
                    d.meta.doc_number.as_deref().unwrap_or("(无文号)"),
                    d.meta
                        .issued
                        .map(|i| i.to_string())
                        .unwrap_or_else(|| "-".into()),
                    d.article_count,
                    d.meta
                        .note
                        .as_deref()
                        .map(|n| format!("\t注:{n}"))
                        .unwrap_or_default()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Show {
            jurisdiction,
            article,
        } => {
            let engine = rulebot::store::open_engine(&paths)?;
            let number = parse_article_number(&article).ok_or_else(|| {
                anyhow!("无法识别的条号“{article}”,请写成 44、四十四 或 第四十四条")
            })?;
            let doc = engine
                .corpus
                .document_for_article(&jurisdiction, number)
                .map_err(|titles| {
                    if titles.is_empty() {
                        anyhow!(
                            "未收录的辖区“{jurisdiction}”。已收录:{}",
                            engine.jurisdictions().join("、")
                        )
                    } else {
                        anyhow!(
                            "{}",
                            rulebot::rules::parse::several_documents(
                                &jurisdiction,
                                number,
                                &titles
                            )
                        )
                    }
                })?;
            let (index, a) = engine.corpus.article(&doc.id, number).ok_or_else(|| {
                anyhow!(
                    "《{}》没有第{}条(共 {} 条)",
                    doc.meta.title,
                    number,
                    doc.article_count
                )
            })?;
            let c = rulebot::answer::Citation::of(&engine.corpus, index);
            out!("{}({})", c.header(), c.jurisdiction);
            if let Some(ch) = &a.chapter {
                out!("章节:{ch}");
            }
            out!(
                "原文条号:{}",
                if a.label.is_empty() {
                    "(缺失)"
                } else {
                    &a.label
                }
            );
            for n in c.notes() {
                out!("〔{n}〕");
            }
            out!("源文件第 {} 行", a.line);
            out!();
            out!("{}", a.text);
            if !a.limits.is_empty() {
                out!();
                out!("时限与频次:");
                for l in &a.limits {
                    out!(
                        "  · {:?} {}{}{}{} — “{}”",
                        l.kind,
                        l.quantity,
                        l.quantity_max.map(|m| format!("-{m}")).unwrap_or_default(),
                        l.unit,
                        l.event
                            .map(|e| format!(",起算事件:{e}"))
                            .unwrap_or_default(),
                        l.span
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Ingest { paths: targets } => {
            if targets.is_empty() {
                let store = Store::open(&paths.db)?;
                let outcome = store.ingest(&paths.data, true)?;
                let corpus = store.corpus()?;
                report_corpus(&corpus);
                if let IngestOutcome::Ingested {
                    documents,
                    articles,
                } = outcome
                {
                    out!(
                        "已写入存储 {}:{documents} 个文档,{articles} 条",
                        paths.db.display()
                    );
                }
                return Ok(ExitCode::SUCCESS);
            }
            for t in targets {
                let corpus = if t.is_dir() {
                    load_corpus(&t)?
                } else {
                    let (d, a) = load_document(&t)?;
                    rulebot::rules::parse::Corpus {
                        documents: vec![d],
                        articles: a,
                        ..Default::default()
                    }
                };
                report_corpus(&corpus);
            }
            out!("(仅检查,未写入存储)");
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench {
            sizes,
            rounds,
            warm,
            ingest,
            serve,
            work,
        } => {
            let phase = match (ingest, serve, work) {
                (Some(docs), false, Some(work)) => Some(BenchPhase::Ingest { docs, work }),
                (None, true, Some(work)) => Some(BenchPhase::Serve { work }),
                (None, false, _) => None,
                _ => return Err(anyhow!("--ingest/--serve 需要 --work")),
            };
            run_bench(&paths, &sizes, rounds, warm, phase)
        }
        Command::Eval { files } => {
            let engine = rulebot::store::open_engine(&paths)?;
            let mut rows = Vec::new();
            for file in &files {
                let text = std::fs::read_to_string(file)
                    .with_context(|| format!("无法读取 {}", file.display()))?;
                let mut cases = Vec::new();
                for c in read_cases(&text) {
                    cases.push(c.map_err(|e| anyhow!("{}: {e}", file.display()))?);
                }
                let report = evaluate(&engine, &cases);
                if files.len() > 1 {
                    out!("== {} ==", file.display());
                }
                out!("{}", report.render());
                let name = file
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                rows.push(report.row(&name));
            }
            if files.len() > 1 {
                out!("\n{}", rulebot::eval::Report::TABLE_HEAD);
                for r in rows {
                    out!("{r}");
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve {
            platform,
            webhook,
            listen,
            stream,
        } => {
            if stream && platform != Platform::Dingtalk {
                return Err(anyhow!("--stream 只用于钉钉(--platform dingtalk)"));
            }
            if platform != Platform::Telegram && webhook.is_some() {
                return Err(anyhow!(
                    "--webhook 只用于 Telegram;企业微信和钉钉的回调地址在平台后台配置,用 --listen 指定本地监听地址"
                ));
            }
            if platform == Platform::Telegram && listen.is_some() && webhook.is_none() {
                return Err(anyhow!(
                    "--listen 只用于 webhook 模式,请同时给出 --webhook 公网地址"
                ));
            }
            match platform {
                Platform::Telegram => {
                    rulebot::bot::run(&paths, rulebot::bot::ServeOptions { webhook, listen })?
                }
                Platform::Wecom => rulebot::wecom::run(&paths, listen)?,
                Platform::Dingtalk => rulebot::dingtalk::run(&paths, listen, stream)?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Chat { jurisdiction } => {
            rulebot::console::run(&paths, jurisdiction)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Backup { file } => {
            let store = Store::open(&paths.db)?;
            // Written beside the target and renamed, so a failed backup never
            // leaves half a file under the name given.
            let tmp = file.with_extension("partial");
            let mut out = std::io::BufWriter::new(
                std::fs::File::create(&tmp)
                    .with_context(|| format!("无法创建 {}", tmp.display()))?,
            );
            let n = rulebot::store::backup::backup(&store, &mut out)?;
            out.into_inner()
                .map_err(|e| anyhow!("写入 {} 失败:{e}", tmp.display()))?
                .sync_all()?;
            std::fs::rename(&tmp, &file).with_context(|| format!("无法写入 {}", file.display()))?;
            println!(
                "已备份 {n} 条用户数据(聊天设置、对话上下文、提醒)到 {}",
                file.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Restore { file } => {
            let input = std::fs::File::open(&file)
                .with_context(|| format!("无法读取 {}", file.display()))?;
            let store = Store::open(&paths.db)?;
            let n = rulebot::store::backup::restore(&store, std::io::BufReader::new(input))?;
            println!("已从 {} 恢复 {n} 条用户数据", file.display());
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn report_corpus(corpus: &rulebot::rules::parse::Corpus) {
    for d in &corpus.documents {
        out!(
            "{}《{}》:{} 条",
            d.meta.jurisdiction,
            d.meta.title,
            d.article_count
        );
        for a in &d.anomalies {
            out!("  {}:{}: {}", d.meta.source, a.line, a.message);
        }
        let limits: usize = corpus
            .articles
            .iter()
            .filter(|a| a.doc_id == d.id)
            .map(|a| a.limits.len())
            .sum();
        out!("  时限/频次条目:{limits}");
    }
}

fn parse_article_number(s: &str) -> Option<u32> {
    let s = s.trim();
    let s = s.strip_prefix('第').unwrap_or(s);
    let s = s.strip_suffix('条').unwrap_or(s);
    let s = s.strip_suffix('、').unwrap_or(s);
    rulebot::text::parse_chinese_numeral(s).filter(|n| *n > 0)
}

/// `ask --batch`: one case a line in, one JSON object a line out; a malformed line
/// gets an object with an `error` field and the run goes on. With `--explain`,
/// each object also has `explain`, how the question was read and ranked.
fn run_batch(engine: &Engine, explain: bool) -> Result<ExitCode> {
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut line_no = 0usize;
    let mut reader = stdin.lock();
    loop {
        let mut buf = Vec::new();
        let n = reader.read_until(b'\n', &mut buf)?;
        if n == 0 {
            break;
        }
        line_no += 1;
        let line = String::from_utf8_lossy(&buf);
        // One line out for every line in (regression: a blank line wrote nothing,
        // so answers no longer lined up with their cases).
        let value = if line.trim().is_empty() {
            serde_json::json!({"line": line_no, "error": format!("第{line_no}行是空行,没有用例")})
        } else {
            match serde_json::from_str::<rulebot::eval::Case>(&line) {
                Err(e) => {
                    serde_json::json!({"line": line_no, "error": format!("第{line_no}行不是有效的用例: {e}")})
                }
                Ok(case) => match answer_case_explained(engine, &case, explain) {
                    Ok((a, why)) => {
                        let mut v = a.to_json();
                        v["id"] = serde_json::json!(case.id);
                        if let Some(why) = why {
                            v["explain"] = serde_json::json!(why);
                        }
                        v
                    }
                    Err(e) => serde_json::json!({"id": case.id, "line": line_no, "error": e}),
                },
            }
        };
        writeln!(out, "{value}")?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `rulebot bench`: for each size, one child process ingests a synthetic corpus and
/// another starts on the result and answers (so that each peak memory is its own),
/// then one table.
fn run_bench(
    paths: &Paths,
    sizes: &[usize],
    rounds: usize,
    warm: bool,
    phase: Option<BenchPhase>,
) -> Result<ExitCode> {
    let questions_path = paths.data.join("../tests/data/dev.jsonl");
    let questions_path = if questions_path.exists() {
        questions_path
    } else {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/dev.jsonl")
    };
    if let Some(phase) = phase {
        let f = match phase {
            BenchPhase::Ingest { docs, work } => {
                rulebot::bench::measure_ingest(&paths.data, &paths.intents, docs, &work)?
            }
            BenchPhase::Serve { work } => {
                let questions = rulebot::bench::questions(&questions_path)?;
                rulebot::bench::measure_serve(&paths.intents, &questions, &work, rounds, warm)?
            }
        };
        out!("{}", serde_json::to_string(&f)?);
        return Ok(ExitCode::SUCCESS);
    }
    let exe = std::env::current_exe()?;
    let child = |args: &[String]| -> Result<rulebot::bench::Figures> {
        let out = std::process::Command::new(&exe)
            .arg("--data")
            .arg(&paths.data)
            .arg("--intents")
            .arg(&paths.intents)
            .arg("bench")
            .args(args)
            .stderr(std::process::Stdio::inherit())
            .output()?;
        if !out.status.success() {
            return Err(anyhow!("测量失败:{}", args.join(" ")));
        }
        Ok(serde_json::from_slice(&out.stdout)?)
    };
    let mut rows = Vec::new();
    for &n in sizes {
        eprintln!("测量 {n} 个文档…");
        let work = tempfile_dir()?;
        let w = work.display().to_string();
        let ingest = child(&["--ingest".into(), n.to_string(), "--work".into(), w.clone()]);
        let serve = ingest.as_ref().ok().map(|_| {
            let mut args = vec![
                "--serve".into(),
                "--work".into(),
                w.clone(),
                "--rounds".into(),
                rounds.to_string(),
            ];
            if warm {
                args.push("--warm".into());
            }
            child(&args)
        });
        let _ = std::fs::remove_dir_all(&work);
        let ingest = ingest?;
        let serve = serve.expect("ingest succeeded")?;
        rows.push(rulebot::bench::Figures {
            startup_ms: serve.startup_ms,
            p50_us: serve.p50_us,
            p99_us: serve.p99_us,
            warm_p99_us: serve.warm_p99_us,
            first_us: serve.first_us,
            warm_ms: serve.warm_ms,
            questions: serve.questions,
            peak_rss_kb: serve.peak_rss_kb,
            ..ingest
        });
    }
    out!("{}", rulebot::bench::render(&rows));
    Ok(ExitCode::SUCCESS)
}

/// One phase of one size, run in a child process.
enum BenchPhase {
    Ingest { docs: usize, work: PathBuf },
    Serve { work: PathBuf },
}

fn tempfile_dir() -> Result<PathBuf> {
    let p = std::env::temp_dir().join(format!(
        "rulebot-bench-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0)
    ));
    std::fs::create_dir_all(&p)?;
    Ok(p)
}
