//! The `rulebot` binary's commands: JSON output, batch mode, bad input, and the store.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_rulebot"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c.env_remove("RULEBOT_DB");
    c
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn run(db: &Path, args: &[&str]) -> Output {
    bin().arg("--db").arg(db).args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn db() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("store");
    (tmp, p)
}

#[test]
fn ask_json_cites_the_governing_article() {
    let (_t, db) = db();
    let o = run(
        &db,
        &[
            "ask",
            "--json",
            "--now",
            "2026-11-24T10:00:00+08:00",
            "株洲市政府常务会议一般多久开一次?",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    let c = &v["citations"][0];
    assert_eq!(c["jurisdiction"], "株洲市");
    assert_eq!(c["document"], "株洲市人民政府工作规则");
    assert_eq!(c["article"], 44);
    assert_eq!(c["label"], "第四十四条");
    assert_eq!(c["number_inferred"], false);
    assert!(
        c["text"]
            .as_str()
            .unwrap()
            .contains("市人民政府常务会议一般每月召开二次")
    );
    assert!(v["answer"].as_str().unwrap().contains("第四十四条"));
    assert!(v["deadline"].is_null());
    // The store was created on first use, and a second run reuses it.
    assert!(db.exists());
    let again = run(&db, &["ask", "--json", "株洲市政府常务会议一般多久开一次?"]);
    assert!(again.status.success());
}

#[test]
fn ask_plain_text_marks_inferred_numbers() {
    let (_t, db) = db();
    let o = run(&db, &["show", "双塔", "11"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("坚持发展为第一要务"), "{out}");
    assert!(out.contains("条号据上下文推定"), "{out}");
}

#[test]
fn show_prints_time_limits() {
    let (_t, db) = db();
    let o = run(&db, &["show", "朝阳市双塔区", "第七十一条"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("提前2天(不含出行当日)"), "{out}");
    assert!(out.contains("DaysInAdvance"), "{out}");
}

#[test]
fn list_counts_articles() {
    let (_t, db) = db();
    let o = run(&db, &["list"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for (j, n) in [
        ("昆山市", 59),
        ("吐鲁番市", 68),
        ("株洲市", 50),
        ("乐清市", 34),
        ("朝阳市双塔区", 84),
    ] {
        assert!(
            out.lines()
                .any(|l| l.starts_with(j) && l.contains(&format!("{n} 条"))),
            "{j} {n}: {out}"
        );
    }
    // Grouped by place (a place's documents together, in name order).
    let places: Vec<&str> = out.lines().filter_map(|l| l.split('\t').next()).collect();
    let mut sorted = places.clone();
    sorted.sort();
    assert_eq!(places, sorted, "{out}");
}

#[test]
fn ingest_reports_anomalies_with_lines() {
    let (_t, db) = db();
    let o = run(&db, &["ingest"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("shuangta-2022.txt:49: 条号缺失"), "{out}");
    assert!(out.contains("zhuzhou-2022.txt:208"), "{out}");
    // Checking a single document does not need the store.
    let o = run(&db, &["ingest", "data/rules/yueqing-2020.toml"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("乐清市《乐清市人民政府工作规则》:34 条"));
}

/// Runs `ask --batch` (with `extra` arguments) on `input`; one JSON value a line.
fn batch(db: &std::path::Path, extra: &[&str], input: &str) -> Vec<serde_json::Value> {
    let mut child = bin()
        .arg("--db")
        .arg(db)
        .args(["ask", "--batch"])
        .args(extra)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn batch_answers_each_line_and_reports_bad_lines() {
    let (_t, db) = db();
    let cases = std::fs::read_to_string(root().join("tests/data/dev.jsonl")).unwrap();
    let first: Vec<&str> = cases.lines().take(3).collect();
    let input = format!(
        "{}\nthis is not json\n{}\n{{\"id\": \"x\", \"question\": \"问\", \"now\": \"yesterday\"}}\n\n",
        first[0],
        first[1..].join("\n")
    );
    let lines = batch(&db, &[], &input);
    // One line out for every line in, the blank one included.
    assert_eq!(lines.len(), 6);
    assert!(lines[5]["error"].as_str().unwrap().contains("第6行"));
    assert_eq!(lines[0]["id"], "dev-001");
    assert!(lines[0]["citations"].is_array());
    assert!(lines[1]["error"].as_str().unwrap().contains("第2行"));
    assert_eq!(lines[2]["id"], "dev-002");
    assert_eq!(lines[4]["id"], "x");
    assert!(lines[4]["error"].is_string());
    assert!(lines[0].get("explain").is_none());
}

/// `ask --batch --explain` adds how each question was read and ranked, and
/// every answer carries its confidence.
#[test]
fn batch_explains_each_case_when_asked() {
    let (_t, db) = db();
    let cases = std::fs::read_to_string(root().join("tests/data/dev.jsonl")).unwrap();
    let input = cases.lines().take(2).collect::<Vec<_>>().join("\n");
    let lines = batch(&db, &["--explain"], &input);
    assert_eq!(lines.len(), 2);
    for l in &lines {
        let why = l["explain"].as_str().expect("explain");
        assert!(
            why.contains("── 理解 ──") && why.contains("── 决定 ──"),
            "{why}"
        );
        assert!(l["confidence"].is_number(), "{l}");
    }
}

#[test]
fn bad_questions_get_a_clear_message() {
    let (_t, db) = db();
    let o = run(&db, &["ask", ""]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("问题是空的"));
    let long = "常务会议".repeat(8_500); // 100 KB
    let o = run(&db, &["ask", &long]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("问题太长"));
    let o = run(&db, &["ask", "\u{1}\u{2}\u{7f}junk"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("无法识别"));
    let o = run(
        &db,
        &["ask", "--jurisdiction", "苏州", "常务会议多久开一次"],
    );
    assert!(!o.status.success());
    assert!(stderr(&o).contains("未收录的辖区“苏州”"), "{}", stderr(&o));
    let o = run(&db, &["show", "株洲", "九十九"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("没有第99条"), "{}", stderr(&o));
}

#[test]
fn a_missing_data_folder_names_the_path() {
    let (_t, db) = db();
    let o = bin()
        .arg("--db")
        .arg(&db)
        .args(["--data", "/nonexistent/rulebot-data", "list"])
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("/nonexistent/rulebot-data"),
        "{}",
        stderr(&o)
    );
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
}

#[test]
fn a_store_in_use_by_another_process_is_reported() {
    let (_t, db) = db();
    // This test process holds the store; the binary must say so and exit non-zero.
    let held = rulebot::store::Store::open(&db).unwrap();
    let o = run(&db, &["list"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("正被另一个运行中的 rulebot 占用"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains(&db.display().to_string()));
    drop(held);
    assert!(run(&db, &["list"]).status.success());
}

#[test]
fn deadlines_are_computed_in_json_and_impossible_dates_explained() {
    let (_t, db) = db();
    let o = run(
        &db,
        &[
            "ask",
            "--json",
            "--jurisdiction",
            "吐鲁番",
            "--now",
            "2025-09-26T15:00:00+08:00",
            "今天下午收到发改委发来的会签文件,对方没写回复时限,按规定我们最晚哪天要回复?",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(v["deadline"]["date"], "2025-10-13");
    assert!(
        v["deadline"]["rule"]
            .as_str()
            .unwrap()
            .contains("7个工作日")
    );
    assert!(
        v["answer"]
            .as_str()
            .unwrap()
            .contains("最晚:2025年10月13日(周一)")
    );

    let o = run(
        &db,
        &[
            "ask",
            "--jurisdiction",
            "吐鲁番",
            "会签文件2月30日收到,最晚哪天回复",
        ],
    );
    assert!(
        stdout(&o).contains("“2月30日”不是有效日期"),
        "{}",
        stdout(&o)
    );

    let o = run(
        &db,
        &[
            "ask",
            "--jurisdiction",
            "吐鲁番",
            "--now",
            "2026-11-26T10:00:00+08:00",
            "会签文件2027年3月5日收到,最晚哪天回复",
        ],
    );
    let out = stdout(&o);
    assert!(out.contains("最晚:2027年3月16日(周二)"), "{out}");
    assert_eq!(
        out.matches("2027年放假安排尚未收录,按双休日计算").count(),
        1,
        "{out}"
    );

    // Without a date, the limit is stated and a date invited.
    let o = run(
        &db,
        &["ask", "--jurisdiction", "吐鲁番", "会签文件几天内回复"],
    );
    assert!(stdout(&o).contains("告诉我收文"), "{}", stdout(&o));
}

/// `ask --explain` prints the reading, every candidate's evidence and the decision.
#[test]
fn ask_explain_shows_reading_evidence_and_decision() {
    let (_t, db) = db();
    let o = run(
        &db,
        &[
            "ask",
            "--explain",
            "--now",
            "2026-12-01T10:00:00+08:00",
            "-j",
            "株洲",
            "常务会议多久开一次?",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for part in [
        "── 理解 ──",
        "检索范围:株洲市",
        "所问:频次",
        "规则中没有的词:-",
        "── 候选 ──",
        "── 决定 ──",
        "置信度",
    ] {
        assert!(out.contains(part), "{part}: {out}");
    }
    assert!(out.contains("1. 株洲市 第44条"), "{out}");
    assert!(
        out.contains("文本") && out.contains("覆盖") && out.contains("意图"),
        "{out}"
    );
    assert!(out.contains("回答"), "{out}");
    // A refusal explains itself too.
    let o = run(&db, &["ask", "--explain", "今天中午食堂有啥好吃的"]);
    assert!(stdout(&o).contains("拒答"), "{}", stdout(&o));
    // Words no article uses are listed (everyday words such as 怎么 are not).
    let o = run(&db, &["ask", "--explain", "驻村工作队员请假怎么审批"]);
    assert!(
        stdout(&o).contains("规则中没有的词:驻村\n"),
        "{}",
        stdout(&o)
    );
}

/// Runs `rulebot chat` on a store with `input` on standard input; its output.
fn chat_on(db: &Path, input: &str) -> String {
    let o = chat_output(db, input);
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o)
}

/// Runs `rulebot chat` on a store with `input` on standard input.
fn chat_output(db: &Path, input: &str) -> Output {
    let mut child = bin()
        .arg("--db")
        .arg(db)
        .arg("chat")
        .env_remove("TELOXIDE_TOKEN")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// `rulebot backup` and `rulebot restore` carry the user's data (a chat's city,
/// reminders) to another store; a damaged backup restores nothing.
#[test]
fn backup_and_restore_carry_user_data() {
    let (tmp, db) = db();
    let out = chat_on(&db, "/city 株洲\n/remind 明天上午9点 回复会签\n");
    assert!(out.contains("已设置提醒"), "{out}");
    let file = tmp.path().join("backup.jsonl");
    let o = run(&db, &["backup", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("已备份"), "{}", stdout(&o));

    let other = tmp.path().join("other");
    let o = run(&other, &["restore", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = chat_on(&other, "/reminders\n/city\n");
    assert!(out.contains("回复会签"), "{out}");
    assert!(out.contains("本聊天的默认辖区:株洲市"), "{out}");

    // A cut file is refused with its line, and the store keeps what it had.
    let text = std::fs::read_to_string(&file).unwrap();
    let cut = tmp.path().join("cut.jsonl");
    std::fs::write(&cut, text.lines().next().unwrap()).unwrap();
    let o = run(&other, &["restore", cut.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("未恢复任何数据"), "{}", stderr(&o));
    let out = chat_on(&other, "/reminders\n");
    assert!(out.contains("回复会签"), "{out}");
}

/// Every file of a directory tree.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// Regression (#13): a damaged store lost every reminder and the next start said
/// nothing. Now the store is moved aside, the user's data comes back from the
/// journal, the operator is told in one line, and the start succeeds.
#[test]
fn a_damaged_store_keeps_reminders_and_settings_and_says_so() {
    let (tmp, db) = db();
    let out = chat_on(
        &db,
        "/city 株洲\n/remind 明天上午9点 回复会签\n/remind 后天下午3点 交材料\n",
    );
    assert!(out.contains("已设置提醒"), "{out}");
    for f in files_under(&db) {
        let len = std::fs::metadata(&f).unwrap().len();
        std::fs::OpenOptions::new()
            .write(true)
            .open(&f)
            .unwrap()
            .set_len(len / 2)
            .unwrap();
    }
    let o = chat_output(&db, "/reminders\n/city\n");
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("回复会签") && out.contains("交材料"), "{out}");
    assert!(out.contains("本聊天的默认辖区:株洲市"), "{out}");
    let err = stderr(&o);
    assert!(
        err.contains("已移至") && err.contains("已从用户数据日志恢复"),
        "{err}"
    );
    assert!(
        std::fs::read_dir(tmp.path()).unwrap().any(|e| e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .contains(".damaged-")),
        "the damaged store is kept"
    );

    // The other kinds of damage #13 saw: each time every reminder is still listed,
    // and what was done is said on stderr.
    type Damage = fn(&Path);
    let damages: [(&str, Damage); 4] = [
        ("emptied", |db| {
            for f in files_under(db) {
                std::fs::write(f, b"").unwrap();
            }
        }),
        ("64 bytes overwritten", |db| {
            for f in files_under(db) {
                let mut b = std::fs::read(&f).unwrap();
                let at = b.len() / 3;
                for x in b.iter_mut().skip(at).take(64) {
                    *x = 0xa5;
                }
                std::fs::write(&f, b).unwrap();
            }
        }),
        ("directory removed", |db| {
            std::fs::remove_dir_all(db).unwrap()
        }),
        ("config garbled", |db| {
            std::fs::write(db.join("conf"), b"garbled\n").unwrap();
        }),
    ];
    for (what, damage) in damages {
        damage(&db);
        let o = chat_output(&db, "/reminders\n");
        assert!(o.status.success(), "{what}: {}", stderr(&o));
        let out = stdout(&o);
        assert!(
            out.contains("回复会签") && out.contains("交材料"),
            "{what}: {out}"
        );
    }

    // Without a journal the damaged store is moved aside and the start fails.
    std::fs::remove_file(db.with_file_name("store.journal")).unwrap();
    for f in files_under(&db) {
        std::fs::write(f, [0x5a_u8; 4096]).unwrap();
    }
    let o = run(&db, &["ask", "常务会议多久开一次"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("没有用户数据日志"), "{}", stderr(&o));
}

/// A data folder holding the holiday notices and the given fixture documents
/// (metadata and source, from `tests/data/<dir>/`).
fn data_with(dir: &str, ids: &[&str]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let rules = tmp.path().join("rules");
    std::fs::create_dir_all(&rules).unwrap();
    std::fs::create_dir_all(tmp.path().join("holidays")).unwrap();
    for f in std::fs::read_dir(root().join("data/holidays")).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, tmp.path().join("holidays").join(f.file_name().unwrap())).unwrap();
    }
    for f in std::fs::read_dir(root().join("tests/data").join(dir)).unwrap() {
        let f = f.unwrap().path();
        let stem = f.file_stem().unwrap().to_string_lossy().into_owned();
        if ids.contains(&stem.as_str()) {
            std::fs::copy(&f, rules.join(f.file_name().unwrap())).unwrap();
        }
    }
    tmp
}

/// #14, end to end through the binary, one document of each format: ingest
/// (`rulebot ingest` reports the articles), ask (the article cited verbatim,
/// without markup, and its date computed), show (by place and by title).
#[test]
fn each_format_is_ingested_asked_shown_and_dated() {
    for (dir, id, question, j, now, cite, date, show, shown) in [
        (
            "formats",
            "yueqing-2020",
            "规范性文件今天刚发布,15日内备案,截止到几号",
            "乐清市",
            "2022-09-16T15:45:00+08:00",
            "15日内向市政府备案",
            "2022-10-08",
            ["乐清", "25"],
            "第二十五条",
        ),
        (
            "formats",
            "shuangta-2022",
            "会签文件今天到的,7个工作日回复,截止几号?",
            "朝阳市双塔区",
            "2024-04-30T09:15:00+08:00",
            "一般应在7个工作日内回复",
            "2024-05-13",
            ["朝阳市双塔区人民政府工作规则", "53"],
            "第五十三条",
        ),
        (
            "national",
            "xinxigongkai-2019",
            "我们12月1日收到信息公开申请,最晚哪天答复?",
            "",
            "2026-12-02T10:00:00+08:00",
            "自收到申请之日起20个工作日内予以答复",
            "2026-12-29",
            ["政府信息公开条例", "33"],
            "第三十三条",
        ),
    ] {
        let data = data_with(dir, &[id]);
        let (_t, db) = db();
        let with_data = |args: &[&str]| {
            let mut full = vec!["--data", data.path().to_str().unwrap()];
            full.extend_from_slice(args);
            run(&db, &full)
        };
        let o = with_data(&["ingest"]);
        assert!(o.status.success(), "{id}: {}", stderr(&o));
        let mut args = vec!["ask", "--json", "--now", now];
        if !j.is_empty() {
            args.extend(["--jurisdiction", j]);
        }
        args.push(question);
        let o = with_data(&args);
        assert!(o.status.success(), "{id}: {}", stderr(&o));
        let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
        let text = v["citations"][0]["text"].as_str().unwrap_or_default();
        assert!(text.contains(cite), "{id}: {v}");
        for markup in ["<", "##", "**", "\t"] {
            assert!(!text.contains(markup), "{id}: {text}");
        }
        assert_eq!(v["deadline"]["date"], date, "{id}: {v}");
        let o = with_data(&["show", show[0], show[1]]);
        assert!(o.status.success(), "{id}: {}", stderr(&o));
        assert!(stdout(&o).contains(shown), "{id}: {}", stdout(&o));
    }
}

/// #14: a place holding several documents (its 工作规则 and an 办法): a question
/// on the 办法's topic cites it under the place's name and title; `show` takes the
/// place when only one of its documents has the article, the title otherwise, and
/// names the documents when the place alone does not decide.
#[test]
fn a_place_with_several_documents() {
    let data = data_with("national", &[]);
    let rules = data.path().join("rules");
    for f in ["zhuzhou-2022.txt", "zhuzhou-2022.toml"] {
        std::fs::copy(root().join("data/rules").join(f), rules.join(f)).unwrap();
    }
    std::fs::copy(
        root().join("tests/data/national/xinxigongkai-2019.md"),
        rules.join("zhuzhou-xinxi.md"),
    )
    .unwrap();
    std::fs::write(
        rules.join("zhuzhou-xinxi.toml"),
        "jurisdiction = \"株洲市\"\nshort_names = [\"株洲\"]\ntitle = \"株洲市政府信息公开实施办法\"\nsource = \"zhuzhou-xinxi.md\"\n",
    )
    .unwrap();
    let (_t, db) = db();
    let with_data = |args: &[&str]| {
        let mut full = vec!["--data", data.path().to_str().unwrap()];
        full.extend_from_slice(args);
        run(&db, &full)
    };
    let o = with_data(&[
        "ask",
        "--json",
        "--now",
        "2026-12-02T10:00:00+08:00",
        "株洲市这边收到信息公开申请,几个工作日内要答复?",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(v["citations"][0]["jurisdiction"], "株洲市", "{v}");
    assert_eq!(
        v["citations"][0]["document"], "株洲市政府信息公开实施办法",
        "{v}"
    );
    assert_eq!(v["citations"][0]["article"], 33, "{v}");
    // Only the 办法 has a 第五十三条; both have a 第四十四条.
    let o = with_data(&["show", "株洲", "53"]);
    assert!(
        stdout(&o).contains("株洲市政府信息公开实施办法"),
        "{}",
        stdout(&o)
    );
    let o = with_data(&["show", "株洲", "44"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("多份文件") && stderr(&o).contains("《株洲市人民政府工作规则》"),
        "{}",
        stderr(&o)
    );
    let o = with_data(&["show", "株洲市人民政府工作规则", "44"]);
    assert!(stdout(&o).contains("常务会议"), "{}", stdout(&o));
}
