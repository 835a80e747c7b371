//! The terminal transport (`rulebot chat`): lines from standard input go to the
//! same [`Conversation`] as Telegram's, as a private chat (chat 0, user 0, an
//! administrator); replies print as plain text. Buttons print numbered and are
//! pressed by typing the number. At a terminal, lines are edited with history
//! (rustyline) and what arrives meanwhile prints above the prompt. The reminder scheduler runs with a stdout
//! [`Notifier`], so reminders fire in the terminal. Ends at end of input or on
//! `/quit` or `退出`.

use std::collections::HashSet;
use std::io::{IsTerminal, Write};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Result, anyhow};
use chrono::{DateTime, FixedOffset};
use tokio::io::AsyncBufReadExt;
use tokio::sync::watch;

use crate::conversation::{Button, ChatKind, Conversation, Incoming, Reply};
use crate::reminders::{Mention, Notifier, SendError};
use crate::rules::upload::precheck;
use crate::store::{Opened, Paths};
use crate::upload::UploadConfig;

/// The terminal's chat and user.
pub const CONSOLE_CHAT: i64 = 0;

/// Words that end the chat.
pub fn is_quit(line: &str) -> bool {
    matches!(
        line.trim(),
        "/quit" | "/exit" | "退出" | "quit" | "exit" | "/退出"
    )
}

fn now() -> DateTime<FixedOffset> {
    chrono::Utc::now().with_timezone(&crate::when::shanghai())
}

/// The buttons last shown (a reply's or a reminder's), pressed by number.
type Shown = Arc<Mutex<Vec<Button>>>;

/// Where the terminal's output goes: standard output, or at an interactive
/// terminal the line editor's printer, which prints above the line being typed
/// and redraws the prompt (a reminder that fires mid-line does not break it).
#[derive(Clone)]
enum Out {
    Plain,
    Editor(Arc<Mutex<Box<dyn rustyline::ExternalPrinter + Send>>>),
}

impl Out {
    fn print(&self, text: &str) {
        match self {
            Out::Plain => {
                let stdout = std::io::stdout();
                let mut out = stdout.lock();
                let _ = writeln!(out, "{text}");
                let _ = out.flush();
            }
            Out::Editor(p) => {
                let mut p = p.lock().unwrap_or_else(|e| e.into_inner());
                let _ = p.print(text.to_string());
            }
        }
    }
}

/// The line listing `buttons` by number (remembered as the ones shown), if any.
fn buttons_line(shown: &Shown, buttons: &[Button]) -> Option<String> {
    let mut s = shown.lock().unwrap_or_else(|p| p.into_inner());
    s.clear();
    if buttons.is_empty() {
        return None;
    }
    s.extend(buttons.iter().cloned());
    let line: Vec<String> = buttons
        .iter()
        .enumerate()
        .map(|(i, b)| format!("[{}] {}", i + 1, b.label))
        .collect();
    Some(format!("{}(输入编号选择)", line.join("  ")))
}

/// Prints reminders in the terminal.
struct StdoutNotifier {
    shown: Shown,
    out: Out,
}

impl Notifier for StdoutNotifier {
    fn send(
        &self,
        _chat_id: i64,
        mention: Option<&Mention>,
        text: &str,
        buttons: &[Button],
    ) -> impl std::future::Future<Output = Result<(), SendError>> + Send {
        let mut msg = match mention {
            Some(m) => format!("\n@{} {text}", m.name),
            None => format!("\n{text}"),
        };
        if let Some(line) = buttons_line(&self.shown, buttons) {
            msg.push('\n');
            msg.push_str(&line);
        }
        self.out.print(&msg);
        std::future::ready(Ok(()))
    }
}

fn print_reply(out: &Out, shown: &Shown, reply: &Reply) {
    let mut msg = reply.text();
    if let Some(line) = buttons_line(shown, &reply.buttons) {
        msg.push('\n');
        msg.push_str(&line);
    }
    msg.push('\n');
    out.print(&msg);
}

/// Reads lines with editing and history (arrow keys, Ctrl-R) on a thread of its
/// own, sending each to `tx`; ends at end of input or Ctrl-C. Returns the
/// printer for everything shown meanwhile.
fn line_editor(tx: tokio::sync::mpsc::Sender<String>) -> Result<Out> {
    let mut rl = rustyline::DefaultEditor::new()?;
    let printer = rl.create_external_printer()?;
    std::thread::spawn(move || {
        while let Ok(line) = rl.readline("> ") {
            if !line.trim().is_empty() {
                let _ = rl.add_history_entry(line.as_str());
            }
            if tx.blocking_send(line).is_err() {
                break;
            }
        }
    });
    Ok(Out::Editor(Arc::new(Mutex::new(Box::new(printer)))))
}

/// `rulebot chat`: builds a runtime and chats until end of input.
pub fn run(paths: &Paths, jurisdiction: Option<String>) -> Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let result = rt.block_on(chat(paths, jurisdiction));
    rt.shutdown_timeout(Duration::from_secs(1));
    result
}

/// Chats on standard input and output until end of input, `/quit` or `退出`.
pub async fn chat(paths: &Paths, jurisdiction: Option<String>) -> Result<()> {
    let Opened { engine, store, .. } = crate::store::open(paths)?;
    let jurisdiction = match jurisdiction {
        Some(j) => Some(engine.jurisdiction_arg(&j)?),
        None => None,
    };
    // The terminal's user runs this deployment: an operator, who may upload.
    let conv = Arc::new(
        Conversation::new(engine, store.clone()).with_uploads(UploadConfig {
            paths: paths.clone(),
            operators: HashSet::from([CONSOLE_CHAT]),
        }),
    );
    let shown: Shown = Arc::new(Mutex::new(Vec::new()));
    let interactive = std::io::stdin().is_terminal();

    // At a terminal, lines are edited (arrow keys, history); else read as they come.
    let (tx, mut rx) = tokio::sync::mpsc::channel::<String>(16);
    let out = if interactive {
        line_editor(tx)?
    } else {
        tokio::spawn(async move {
            let mut stdin = tokio::io::BufReader::new(tokio::io::stdin());
            let mut buf = Vec::new();
            loop {
                buf.clear();
                match stdin.read_until(b'\n', &mut buf).await {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {
                        let line = String::from_utf8_lossy(&buf).into_owned();
                        if tx.send(line).await.is_err() {
                            break;
                        }
                    }
                }
            }
        });
        Out::Plain
    };

    let (shutdown_tx, shutdown_rx) = watch::channel(false);
    let scheduler = {
        let conv = conv.clone();
        let notifier = StdoutNotifier {
            shown: shown.clone(),
            out: out.clone(),
        };
        let wait = std::time::Duration::from_secs(60);
        tokio::spawn(async move { conv.reminders.run(notifier, now, wait, shutdown_rx).await })
    };

    if let Some(j) = &jurisdiction {
        let text = format!("/city {j}");
        for r in handle(&conv, &text).await {
            print_reply(&out, &shown, &r);
        }
    }
    if interactive {
        out.print("规则助手(终端)。直接输入问题,/help 查看命令,/quit 或“退出”结束。\n");
    }

    while let Some(line) = rx.recv().await {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if is_quit(line) {
            break;
        }
        if let Some(button) = pressed(&shown, line) {
            let conv2 = conv.clone();
            let r = tokio::task::spawn_blocking(move || {
                conv2.callback(
                    CONSOLE_CHAT,
                    CONSOLE_CHAT,
                    None,
                    true,
                    &button.action,
                    now(),
                )
            })
            .await
            .map_err(|e| anyhow!("{e}"))?;
            match r {
                Some(r) => print_reply(&out, &shown, &r),
                None => print_reply(&out, &shown, &Reply::plain("这个按钮已失效。", None)),
            }
            continue;
        }
        if let Some(rest) = upload_line(line) {
            let r = upload_file(&conv, rest).await;
            print_reply(&out, &shown, &r);
            continue;
        }
        for r in handle(&conv, line).await {
            print_reply(&out, &shown, &r);
        }
    }

    let _ = shutdown_tx.send(true);
    let _ = tokio::time::timeout(Duration::from_secs(5), scheduler).await;
    store.flush().map_err(|e| anyhow!("刷新存储失败:{e}"))?;
    Ok(())
}

/// A number typed right after buttons were shown presses one.
fn pressed(shown: &Shown, line: &str) -> Option<Button> {
    let n: usize = line.parse().ok()?;
    let s = shown.lock().unwrap_or_else(|p| p.into_inner());
    n.checked_sub(1).and_then(|i| s.get(i).cloned())
}

/// A line of the terminal as the conversation sees it.
fn incoming(text: &str) -> Incoming<'_> {
    Incoming {
        chat_id: CONSOLE_CHAT,
        chat_kind: ChatKind::Private,
        user_id: CONSOLE_CHAT,
        user_name: None,
        message_id: None,
        text,
        bot_username: None,
        mentions_bot: false,
        reply_to_bot: false,
        is_admin: true,
        now: now(),
    }
}

/// `上传 PATH 株洲 《标题》` (or `/upload PATH …`): the path and the caption.
fn upload_line(line: &str) -> Option<&str> {
    let rest = line
        .strip_prefix("上传")
        .or_else(|| line.strip_prefix("/upload"))?;
    rest.starts_with(char::is_whitespace)
        .then(|| rest.trim())
        .filter(|r| !r.is_empty())
}

/// Uploads a file named on the terminal: the same check and confirmation as a
/// file sent in Telegram.
async fn upload_file(conv: &Arc<Conversation>, rest: &str) -> Reply {
    let (path, caption) = match rest.split_once(char::is_whitespace) {
        Some((p, c)) => (p, c.trim().to_string()),
        None => (rest, String::new()),
    };
    let name = std::path::Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let size = match std::fs::metadata(path) {
        Ok(m) if m.is_file() => m.len(),
        _ => {
            return Reply::plain(
                format!("找不到文件“{path}”。用法:上传 文件路径 株洲 《标题》"),
                None,
            );
        }
    };
    if let Err(e) = precheck(&name, usize::try_from(size).unwrap_or(usize::MAX)) {
        return Reply::plain(format!("{e}\n文件未保存。"), None);
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return Reply::plain(format!("无法读取“{path}”:{e}"), None),
    };
    let conv = conv.clone();
    let r =
        tokio::task::spawn_blocking(move || conv.upload(&incoming(&caption), &name, bytes)).await;
    r.unwrap_or_else(|e| {
        tracing::error!(error = %e, "the conversation failed on an upload");
        Reply::plain(crate::conversation::SORRY, None)
    })
}

async fn handle(conv: &Arc<Conversation>, text: &str) -> Vec<Reply> {
    let conv = conv.clone();
    let text = text.to_string();
    let r = tokio::task::spawn_blocking(move || conv.handle(&incoming(&text))).await;
    match r {
        Ok(r) => r,
        Err(e) => {
            tracing::error!(error = %e, "the conversation failed");
            vec![Reply::plain(crate::conversation::SORRY, None)]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quit_words() {
        assert!(is_quit("/quit"));
        assert!(is_quit(" 退出 "));
        assert!(!is_quit("退出会议要请假吗"));
    }

    #[test]
    fn upload_lines() {
        assert_eq!(
            upload_line("上传 a.md 株洲 《办法》"),
            Some("a.md 株洲 《办法》")
        );
        assert_eq!(
            upload_line("/upload a.md 全国 条例"),
            Some("a.md 全国 条例")
        );
        assert_eq!(upload_line("上传"), None);
        assert_eq!(upload_line("上传文件需要审批吗"), None);
    }

    #[test]
    fn numbers_press_shown_buttons() {
        let done = crate::conversation::Action::Done { id: "x".into() };
        let shown: Shown = Arc::new(Mutex::new(vec![Button {
            label: "a".into(),
            action: done.clone(),
        }]));
        assert_eq!(pressed(&shown, "1").map(|b| b.action), Some(done));
        assert!(pressed(&shown, "2").is_none());
        assert!(pressed(&shown, "0").is_none());
        assert!(pressed(&shown, "常务会议").is_none());
    }
}
