//! Uploading a rule document from the chat (#14), through the real binary: in
//! `rulebot chat` by path, and in Telegram as a file with a caption against the
//! fake Bot API (getFile and the file download): an operator's upload confirmed
//! and answered from (also after a restart), refusals (not an operator, not a
//! group administrator, over 2 MB, another format), and an unconfirmed upload
//! leaving the data and the store unchanged.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;
use serde_json::json;

const T: Duration = Duration::from_secs(30);
const CAPTION: &str = "全国 《职工带薪年休假条例》";
const ASK: &str = "工作满10年年休假几天?";

fn annual_leave_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/national/nianxiujia-2007.md")
}

fn annual_leave() -> Vec<u8> {
    std::fs::read(annual_leave_path()).unwrap()
}

/// A copy of the shipped data folder in `dir`.
fn data_copy(dir: &Path) -> PathBuf {
    let data = dir.join("data");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data"), &data);
    data
}

/// The names in the data folder's rules/.
fn rules(data: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(data.join("rules"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// `rulebot chat` on `data` and the store `db` with `input`; its standard output.
fn chat(data: &Path, db: &Path, input: &str) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rulebot"))
        .arg("chat")
        .env("RULEBOT_DB", db)
        .env("RULEBOT_DATA", data)
        .env_remove("TELOXIDE_TOKEN")
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start rulebot chat");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_string();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("rulebot chat did not finish in time");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    writer.join().unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `rulebot chat`: 上传 PATH 全国 《标题》 reports, 取消 drops it, 确认 ingests it,
/// and the document answers, in this session and after a restart.
#[test]
fn terminal_upload_by_path() {
    let dir = tempfile::tempdir().unwrap();
    let data = data_copy(dir.path());
    let db = dir.path().join("db");
    let before = rules(&data);
    let pdf = dir.path().join("规则.pdf");
    std::fs::write(&pdf, b"%PDF-1.4").unwrap();
    let path = annual_leave_path();
    let input = format!(
        "上传 {pdf} 全国 《某条例》\n\
         上传 {missing} 全国 《某条例》\n\
         上传 {path} 全国 《职工带薪年休假条例》\n\
         取消\n\
         {ASK}\n",
        pdf = pdf.display(),
        missing = dir.path().join("nope.md").display(),
        path = path.display(),
    );
    let out = chat(&data, &db, &input);
    assert!(out.contains("不支持的文件格式“规则.pdf”"), "{out}");
    assert!(out.contains("找不到文件"), "{out}");
    assert!(out.contains("文件检查:《职工带薪年休假条例》"), "{out}");
    assert!(out.contains("条文:10 条"), "{out}");
    assert!(
        out.contains("末条:第十条 本条例自2008年1月1日起施行。"),
        "{out}"
    );
    assert!(out.contains("已取消"), "{out}");
    assert_eq!(
        rules(&data),
        before,
        "an upload not confirmed stores nothing"
    );
    assert!(
        !out.contains("《职工带薪年休假条例》第"),
        "not answered from: {out}"
    );

    let input = format!(
        "上传 {path} 全国 《职工带薪年休假条例》\n确认\n{ASK}\n",
        path = path.display()
    );
    let out = chat(&data, &db, &input);
    assert!(
        out.contains("已加入《职工带薪年休假条例》(全国,10 条)"),
        "{out}"
    );
    let answer = &out[out.find("已加入").unwrap()..];
    assert!(answer.contains("《职工带薪年休假条例》第"), "{out}");
    let after = rules(&data);
    assert_eq!(after.len(), before.len() + 2, "{after:?}");
    let meta = after
        .iter()
        .find(|n| n.ends_with(".toml") && !before.contains(n))
        .unwrap();
    let meta = std::fs::read_to_string(data.join("rules").join(meta)).unwrap();
    assert!(meta.contains("jurisdiction = \"全国\""), "{meta}");
    assert!(meta.contains("title = \"职工带薪年休假条例\""), "{meta}");

    // A restart answers from it.
    let out = chat(&data, &db, &format!("{ASK}\n"));
    assert!(out.contains("《职工带薪年休假条例》第"), "{out}");
}

fn text(c: &Call) -> String {
    c.body["text"].as_str().unwrap_or("").to_string()
}

/// Waits for the `n`-th message to `chat`; its text without HTML.
async fn nth(api: &FakeApi, chat: i64, n: usize) -> (String, Call) {
    let sent = api.wait_sent(chat, n, T).await;
    let c = sent[n - 1].clone();
    (check_html(&text(&c)).unwrap(), c)
}

/// An operator sends a markdown file in a private chat: the report with two
/// buttons, 确认 stores it and the running bot answers from it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn telegram_operator_upload_confirmed_and_answered() {
    let api = FakeApi::start().await;
    let dir = tempfile::tempdir().unwrap();
    let data = data_copy(dir.path());
    let before = rules(&data);
    let _bot = Serve::start(
        &api,
        &dir.path().join("db"),
        Some(&data),
        &[],
        &[("RULEBOT_OPERATORS", "1001, 42")],
    );
    let op = 1001;
    let bytes = annual_leave();
    api.add_file("f1", bytes.clone());
    let (u, _) = document(
        &api,
        op,
        op,
        "f1",
        "年休假条例.md",
        bytes.len(),
        Some(CAPTION),
    );
    api.push(u);
    let (report, call) = nth(&api, op, 1).await;
    assert!(
        report.contains("文件检查:《职工带薪年休假条例》"),
        "{report}"
    );
    assert!(report.contains("地区:全国"), "{report}");
    assert!(report.contains("首条:第一条"), "{report}");
    assert!(report.contains("回复“确认”"), "{report}");
    let buttons = call.body["reply_markup"]["inline_keyboard"].to_string();
    assert!(
        buttons.contains("upl:ok") && buttons.contains("upl:no"),
        "{buttons}"
    );
    assert_eq!(api.count("GetFile"), 1);
    assert_eq!(api.downloads(), ["documents/f1"]);
    assert_eq!(rules(&data), before);

    let (u, _) = message(&api, op, op, "确认");
    api.push(u);
    let (done, _) = nth(&api, op, 2).await;
    assert!(done.contains("已加入《职工带薪年休假条例》"), "{done}");
    assert_eq!(rules(&data).len(), before.len() + 2);

    let (u, _) = message(&api, op, op, ASK);
    api.push(u);
    let (answer, _) = nth(&api, op, 3).await;
    assert!(answer.contains("《职工带薪年休假条例》第"), "{answer}");
}

/// Refusals store nothing and fetch nothing; an unconfirmed upload changes
/// nothing; a group administrator's upload is confirmed with the button.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn telegram_refusals_unconfirmed_and_group_admin() {
    let api = FakeApi::start().await;
    let dir = tempfile::tempdir().unwrap();
    let data = data_copy(dir.path());
    let before = rules(&data);
    let _bot = Serve::start(
        &api,
        &dir.path().join("db"),
        Some(&data),
        &[],
        &[("RULEBOT_OPERATORS", "1001")],
    );
    let bytes = annual_leave();
    api.add_file("f1", bytes.clone());

    // Not an operator, in a private chat.
    let (u, _) = document(&api, 2002, 2002, "f1", "a.md", bytes.len(), Some(CAPTION));
    api.push(u);
    let (r, _) = nth(&api, 2002, 1).await;
    assert!(r.contains("只有本部署的操作员"), "{r}");
    // Not an administrator, in a group.
    let g = -100_555;
    let (u, id) = document(
        &api,
        g,
        2002,
        "f1",
        "a.md",
        bytes.len(),
        Some(&format!("/upload {CAPTION}")),
    );
    api.push(u);
    let (r, call) = nth(&api, g, 1).await;
    assert!(r.contains("只有本群管理员"), "{r}");
    assert_eq!(call.body["reply_parameters"]["message_id"], json!(id));
    // Over 2 MB, and another format (an operator).
    let op = 1001;
    let (u, _) = document(&api, op, op, "big", "a.md", 3 * 1024 * 1024, Some(CAPTION));
    api.push(u);
    let (r, _) = nth(&api, op, 1).await;
    assert!(r.contains("文件太大(3.0 MB),上限为 2 MB"), "{r}");
    let (u, _) = document(&api, op, op, "pdf", "规则.pdf", 100, Some(CAPTION));
    api.push(u);
    let (r, _) = nth(&api, op, 2).await;
    assert!(r.contains("不支持的文件格式“规则.pdf”"), "{r}");
    // No caption.
    let (u, _) = document(&api, op, op, "f1", "a.md", bytes.len(), None);
    api.push(u);
    let (r, _) = nth(&api, op, 3).await;
    assert!(r.contains("请在文件说明中写明地区和标题"), "{r}");
    assert_eq!(api.count("GetFile"), 0, "a refused file is not fetched");

    // An upload left unconfirmed: a question is not answered from it, and
    // nothing was written or ingested.
    let (u, _) = document(&api, op, op, "f1", "a.md", bytes.len(), Some(CAPTION));
    api.push(u);
    let (r, _) = nth(&api, op, 4).await;
    assert!(r.contains("文件检查"), "{r}");
    let (u, _) = message(&api, op, op, ASK);
    api.push(u);
    let (r, _) = nth(&api, op, 5).await;
    assert!(!r.contains("《职工带薪年休假条例》第"), "{r}");
    assert_eq!(rules(&data), before);
    // Its 取消 button drops it.
    api.push(callback(op, op, 9999, "upl:no"));
    let (r, _) = nth(&api, op, 6).await;
    assert!(r.contains("已取消"), "{r}");

    // A group administrator uploads and presses 确认加入.
    api.make_admin(g, 3003);
    let (u, _) = document(
        &api,
        g,
        3003,
        "f1",
        "a.md",
        bytes.len(),
        Some(&format!("/upload@{BOT_USERNAME} {CAPTION}")),
    );
    api.push(u);
    let (r, _) = nth(&api, g, 2).await;
    assert!(r.contains("文件检查:《职工带薪年休假条例》"), "{r}");
    api.push(callback(g, 3003, 9998, "upl:ok"));
    let (r, _) = nth(&api, g, 3).await;
    assert!(r.contains("已加入《职工带薪年休假条例》"), "{r}");
    assert_eq!(rules(&data).len(), before.len() + 2);
    let edits = api.calls("EditMessageReplyMarkup");
    assert!(
        edits.iter().any(|c| c.body.to_string().contains("已加入")),
        "{edits:?}"
    );
}
