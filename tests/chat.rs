//! `rulebot chat` through its standard input: questions, a follow-up, /city,
//! /rules, commands, odd input, and the ways out (end of input, /quit, 退出).

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs `rulebot chat` with `input` on standard input (store in a temp dir);
/// returns (exit code, stdout, stderr). Bounded in time.
fn chat(input: &str, args: &[&str]) -> (Option<i32>, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_rulebot"))
        .arg("chat")
        .args(args)
        .env("RULEBOT_DB", dir.path().join("db"))
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
        // Dropping stdin is the end of input.
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("rulebot chat did not finish in time");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    writer.join().unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn questions_follow_ups_and_commands() {
    let input = "株洲市政府常务会议多久开一次?\n\
                 那吐鲁番呢?\n\
                 /city 株洲\n\
                 /city\n\
                 常务会议谁来主持?\n\
                 /rules\n\
                 /article 株洲 44\n\
                 \n\
                 <script>&& >>\n\
                 /nosuchcommand\n";
    let (code, out, err) = chat(input, &[]);
    assert_eq!(code, Some(0), "stderr: {err}");
    let answers: Vec<&str> = out.split("\n\n").collect();
    // The question cites the article.
    assert!(
        out.contains("《株洲市人民政府工作规则》第四十四条"),
        "{out}"
    );
    // The follow-up answers for Turpan.
    let turpan = out
        .find("《吐鲁番市人民政府工作规则》")
        .expect("the follow-up answers for Turpan");
    assert!(turpan > out.find("第四十四条").unwrap());
    // /city sets and shows the default.
    assert!(out.contains("已将本聊天的默认辖区设为:株洲市"), "{out}");
    assert!(out.contains("本聊天的默认辖区:株洲市"), "{out}");
    // A question without a place answers for the default city.
    let after_city = &out[out.find("本聊天的默认辖区:株洲市").unwrap()..];
    let next = after_city.split("已收录的工作规则").next().unwrap();
    assert!(next.contains("株洲市人民政府工作规则"), "{next}");
    assert!(!next.contains("吐鲁番市人民政府工作规则"), "{next}");
    // /rules lists every document.
    for j in ["昆山市", "吐鲁番市", "乐清市", "株洲市", "朝阳市双塔区"] {
        assert!(out.contains(&format!("· {j}《")), "{j} missing from /rules");
    }
    // Odd input and an unknown command get an answer, not a crash.
    assert!(out.contains("不认识的命令 /nosuchcommand"), "{out}");
    assert!(answers.len() >= 9, "{} answers:\n{out}", answers.len());
    // Plain text in the terminal: no HTML.
    assert!(!out.contains("<b>") && !out.contains("&lt;"), "{out}");
}

#[test]
fn quit_words_end_the_chat() {
    let (code, out, _) = chat("/help\n/quit\n株洲市政府常务会议多久开一次?\n", &[]);
    assert_eq!(code, Some(0));
    assert!(out.contains("/ask"));
    assert!(
        !out.contains("第四十四条"),
        "input after /quit was answered"
    );

    let (code, out, _) = chat("退出\n株洲市政府常务会议多久开一次?\n", &[]);
    assert_eq!(code, Some(0));
    assert!(out.trim().is_empty(), "{out}");
}

#[test]
fn jurisdiction_option_sets_the_default_and_reminders_confirm() {
    let (code, out, err) = chat(
        "常务会议多久开一次?\n/remind 明天上午9点 回复会签\n/reminders\n",
        &["--jurisdiction", "吐鲁番"],
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("吐鲁番市人民政府工作规则"), "{out}");
    assert!(out.contains("已设置提醒"), "{out}");
    assert!(out.contains("回复会签"), "{out}");

    let (code, _, err) = chat("", &["--jurisdiction", "火星"]);
    assert_ne!(code, Some(0));
    assert!(err.contains("未收录"), "{err}");
}

#[test]
fn invalid_utf8_is_answered_politely() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_rulebot"))
        .arg("chat")
        .env("RULEBOT_DB", dir.path().join("db"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    {
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(b"\xff\xfe\xfd\n").unwrap();
    }
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "did not finish");
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("无法识别的输入"), "{text}");
}

/// Regression: a reminder set from a deadline's button lost what falls due
/// ("办理时限明天(…)到期"); it names the question the deadline answered.
#[test]
fn a_deadline_button_reminds_of_what_is_due() {
    let (code, out, err) = chat(
        "/city 吐鲁番\n我们今天收到其他部门的会签文件,最晚哪天回复?\n2\n",
        &[],
    );
    assert_eq!(code, Some(0), "stderr: {err}");
    assert!(out.contains("最晚"), "{out}");
    let set = out
        .lines()
        .find(|l| l.contains("已设置提醒"))
        .unwrap_or_else(|| panic!("no reminder set: {out}"));
    assert!(set.contains("会签文件"), "{set}");
}
