//! The evaluation figures must never fall below what the bot reaches now, on the
//! development sets (dev, dev-a, dev-b) and on the sets written blind
//! (`tests/data/fresh.jsonl`, `fresh-3.jsonl` … `fresh-41.jsonl`; each scored once
//! on a design before any of its cases was looked at); and the understanding defects
//! found by blind testing stay fixed (one test each).

use std::path::Path;

use rulebot::answer::{Answer, Outcome};
use rulebot::engine::{Engine, Question};
use rulebot::eval::{Case, Report, evaluate, parse_now, read_cases};
use rulebot::store::Paths;

fn engine() -> (tempfile::TempDir, Engine) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let engine = rulebot::store::open_engine(&Paths {
        db: tmp.path().join("store"),
        data: root.join("data"),
        intents: root.join("intents"),
    })
    .unwrap();
    (tmp, engine)
}

fn report(engine: &Engine, file: &str) -> Report {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("tests/data").join(file)).unwrap();
    let cases: Vec<Case> = read_cases(&text).into_iter().map(Result::unwrap).collect();
    let r = evaluate(engine, &cases);
    println!("{file}\n{}", r.render());
    assert_eq!(r.errors, 0);
    r
}

/// Floors: (file, top-1 at least, top-3 at least, false refusals at most,
/// correct refusals at least, exact deadlines at least), at the level reached.
const FLOORS: [(&str, usize, usize, usize, usize, usize); 190] = [
    ("dev.jsonl", 72, 72, 0, 8, 15),
    ("dev-a.jsonl", 122, 124, 0, 15, 30),
    ("dev-b.jsonl", 141, 141, 0, 31, 40),
    ("fresh.jsonl", 139, 139, 0, 31, 40),
    ("fresh-3.jsonl", 127, 127, 1, 29, 33),
    // Intent evidence weighed 0.8 (was 1.0): +15 first citations over the read
    // sets, one correct refusal fewer here and on fresh-9.
    // How much specific evidence weighed in ranking (Weights::matched 0.2): +11
    // first citations over the read sets; lost here a none refused, on fresh-5 a
    // first citation, on fresh-10 and fresh-11 a top-3.
    // f4-186 (昆山市政府领导能不能配专职秘书), lost to 配备秘书 read as 吐鲁番
    // writes it, is refused again since 能不能 is read as 能否 (not 不能配).
    ("fresh-4.jsonl", 172, 172, 0, 30, 33),
    ("fresh-5.jsonl", 199, 200, 0, 32, 40),
    ("fresh-6.jsonl", 244, 245, 0, 32, 43),
    // f7-339 (报常务会审的规范性文件要经过哪些审查) lost since long articles'
    // coverage counts less (fresh-61): 株洲 44 over 46, a near tie; f7-088 won
    // since the words asking where the rules say it are not searched (fresh-62).
    ("fresh-7.jsonl", 300, 300, 1, 38, 43),
    ("fresh-8.jsonl", 363, 365, 0, 44, 45),
    ("fresh-9.jsonl", 259, 259, 0, 64, 50),
    ("fresh-10.jsonl", 254, 254, 0, 66, 46),
    // f11-058 (株洲, 每年报送几种简报): 株洲 24 now states a yearly report (每年要向…
    // 报告), so it is no longer refused for want of a frequency; 简报 is in other
    // documents only.
    // 双塔's lost 区 read restored (区长, 全区性) shifted the pairs' weights: f11-155
    // (吐鲁番, a training in a scenic-spot hotel) fell below the confidence to answer.
    // 株洲县市区 is read as the city's counties and districts (three blind sets asked
    // 株洲县市区的政务公开): f11-308, on the counties' own rules, is answered with
    // the city's.
    ("fresh-11.jsonl", 254, 255, 0, 62, 46),
    ("fresh-12.jsonl", 241, 241, 1, 63, 42),
    ("fresh-13.jsonl", 226, 229, 0, 55, 40),
    // 政府常务会议 read once as 常务会议 (it was 常务会议议, in questions and
    // articles alike): one near tie here went the other way (吐鲁番 45 over 41).
    // A major matter to report (重大事项…向谁报告) is the departments' duty to report
    // (asked in three sets): f14-180, a deputy mayor's, now cites the departments' rule.
    ("fresh-14.jsonl", 234, 235, 0, 65, 45),
    ("fresh-15.jsonl", 235, 235, 0, 64, 45),
    ("fresh-16.jsonl", 234, 235, 0, 65, 45),
    ("fresh-17.jsonl", 234, 235, 0, 65, 45),
    ("fresh-18.jsonl", 234, 235, 0, 65, 45),
    ("fresh-19.jsonl", 234, 235, 0, 65, 45),
    ("fresh-20.jsonl", 232, 235, 0, 65, 45),
    ("fresh-21.jsonl", 232, 233, 1, 65, 45),
    ("fresh-22.jsonl", 232, 233, 2, 61, 45),
    ("fresh-23.jsonl", 230, 232, 2, 63, 45),
    ("fresh-24.jsonl", 229, 233, 1, 65, 45),
    // 昆山市政府 and 双塔区政府 are read as 市政府 and 区政府, as 株洲市政府 always
    // was (the government itself is what 由哪些人组成 asks of): three near ties
    // on 区政府 went the other way (f25-138, f26-116, f35-279).
    ("fresh-25.jsonl", 229, 233, 1, 65, 45),
    // One function named (公共服务这块) no longer lends the article listing every
    // function intent evidence: +6 first citations over 45 sets; 株洲 公共服务,
    // whose own article (16) is weaker text, is refused here and on fresh-37 and
    // fresh-40 instead of citing the list (one top-3 each).
    ("fresh-26.jsonl", 233, 235, 0, 64, 45),
    ("fresh-27.jsonl", 233, 233, 2, 65, 45),
    // f28-036 (双塔组成人员对决定有异议): with 区长 restored, the article on the
    // government's make-up (由区长、副区长…组成) now outranks 67.
    ("fresh-28.jsonl", 233, 235, 0, 60, 45),
    ("fresh-29.jsonl", 231, 233, 1, 63, 45),
    ("fresh-30.jsonl", 230, 232, 1, 65, 45),
    ("fresh-31.jsonl", 232, 234, 1, 65, 45),
    ("fresh-32.jsonl", 227, 230, 2, 64, 45),
    // top-1 −1, refused +1: 乐清有没有市长办公会议这个会 is read as which meetings
    // are held, which 乐清's scraped text does not say.
    ("fresh-33.jsonl", 234, 234, 1, 65, 45),
    ("fresh-34.jsonl", 228, 230, 4, 64, 45),
    // 咋 read as 怎么 (+1 first citation, +1 none refused over 46 sets): in a
    // near tie, 双塔 7 left the top 3 of f35-083, which has no 咋.
    ("fresh-35.jsonl", 231, 233, 1, 65, 45),
    // 在 + a held place + 办 (an errand) is read as business done there, not a
    // trip (fresh-56): f36-060 (在昆山办一个审批) no longer has 外地 in its matched
    // text and its near tie went the other way (昆山 31 over 33).
    ("fresh-36.jsonl", 230, 234, 0, 63, 45),
    ("fresh-37.jsonl", 232, 235, 0, 64, 45),
    ("fresh-38.jsonl", 229, 233, 2, 62, 45),
    ("fresh-39.jsonl", 233, 234, 0, 64, 45),
    ("fresh-40.jsonl", 232, 233, 0, 64, 45),
    ("fresh-41.jsonl", 232, 234, 0, 65, 45),
    // −1 since the words asking where the rules say it are not searched: f42-112
    // (领导一句话就想代替法律规定,株洲规则怎么说) is refused (its twin f32-258 is won).
    ("fresh-42.jsonl", 229, 232, 2, 63, 45),
    // none −1: f43-013 (游客在吐鲁番景区被宰了,去哪投诉) reads 景区 as the rules'
    // 风景名胜区 and cites where meetings may not be held.
    // A step asked yes or no is stated only by an article naming it: f43-108
    // (株洲市政府规章要不要向人大备案), cited wrongly before, is now refused.
    ("fresh-43.jsonl", 231, 231, 2, 59, 45),
    ("fresh-44.jsonl", 235, 235, 0, 64, 45),
    ("fresh-45.jsonl", 232, 233, 2, 63, 45),
    // −1 for the same reason: f46-242 (提交常务会审的规范性文件谁初审), 株洲 44 over 46.
    ("fresh-46.jsonl", 232, 234, 1, 64, 45),
    ("fresh-47.jsonl", 231, 235, 0, 63, 45),
    ("fresh-48.jsonl", 230, 232, 3, 64, 45),
    // One first citation fewer since 加班 alone is no out-of-scope topic: a
    // preamble 晚上加班整理材料,顺便问下: is no longer set aside (fresh-67).
    // One none refused fewer since 一共 is question language (街道办事处的编制一共
    // 多少个 is answered; six first citations won over all sets).
    ("fresh-49.jsonl", 230, 233, 2, 64, 45),
    ("fresh-50.jsonl", 230, 233, 2, 64, 45),
    ("fresh-51.jsonl", 235, 235, 0, 63, 45),
    ("fresh-52.jsonl", 233, 235, 0, 65, 45),
    ("fresh-53.jsonl", 227, 230, 2, 64, 44),
    ("fresh-54.jsonl", 232, 234, 1, 64, 44),
    ("fresh-55.jsonl", 230, 232, 3, 62, 45),
    ("fresh-56.jsonl", 228, 231, 1, 65, 45),
    ("fresh-57.jsonl", 232, 235, 0, 64, 45),
    ("fresh-58.jsonl", 232, 233, 0, 63, 45),
    ("fresh-59.jsonl", 234, 235, 0, 65, 45),
    ("fresh-60.jsonl", 224, 231, 2, 63, 45),
    // top-3 −1, refused +1: f61-292 (议案在哪个会上定下来) was a wrong first
    // citation naming no meeting and is now refused as not stated.
    ("fresh-61.jsonl", 223, 228, 5, 65, 44),
    ("fresh-62.jsonl", 232, 234, 1, 63, 45),
    // top-3 −1, refused +1 with top-1 +1: f63-002 (直接把请示送到副市长办公室,不走
    // 府办,昆山) is read as the office's review, an article 昆山 lacks.
    ("fresh-63.jsonl", 226, 227, 6, 62, 44),
    // top-1 −1, refused +1: 有没有市长办公会议这种会 (乐清 by default) is read as
    // which meetings are held, which 乐清's scraped text does not say.
    ("fresh-64.jsonl", 234, 234, 1, 64, 45),
    ("fresh-65.jsonl", 234, 234, 1, 63, 45),
    ("fresh-66.jsonl", 230, 232, 2, 62, 45),
    ("fresh-67.jsonl", 226, 230, 4, 63, 45),
    ("fresh-68.jsonl", 232, 235, 0, 62, 45),
    ("fresh-69.jsonl", 233, 235, 0, 64, 45),
    ("fresh-70.jsonl", 223, 228, 4, 63, 45),
    ("fresh-71.jsonl", 232, 235, 0, 62, 45),
    ("fresh-72.jsonl", 222, 229, 5, 64, 45),
    // top-1 −1: f73-120 (三个局都说不归自己管,踢皮球,谁定牵头) now cites the rule on
    // 推诿 (昆山 33) before the one on who leads (31).
    ("fresh-73.jsonl", 232, 234, 1, 64, 45),
    ("fresh-74.jsonl", 233, 233, 2, 63, 45),
    ("fresh-75.jsonl", 227, 228, 7, 63, 45),
    ("fresh-76.jsonl", 227, 231, 3, 65, 45),
    // refused +1 with top-1 +4: three wrong first citations drawn by a caller's
    // office (应急局 → 应急管理体系, 文旅局) are now refused.
    ("fresh-77.jsonl", 223, 229, 3, 62, 45),
    ("fresh-78.jsonl", 234, 234, 1, 63, 45),
    ("fresh-79.jsonl", 229, 234, 1, 64, 45),
    ("fresh-80.jsonl", 232, 234, 1, 63, 45),
    ("fresh-81.jsonl", 227, 233, 1, 65, 45),
    ("fresh-82.jsonl", 235, 235, 0, 65, 45),
    ("fresh-83.jsonl", 230, 234, 1, 64, 45),
    ("fresh-84.jsonl", 233, 235, 0, 65, 45),
    ("fresh-85.jsonl", 231, 233, 1, 64, 45),
    ("fresh-86.jsonl", 234, 234, 1, 65, 45),
    ("fresh-87.jsonl", 229, 234, 0, 60, 45),
    ("fresh-88.jsonl", 234, 235, 0, 64, 45),
    ("fresh-89.jsonl", 227, 233, 1, 65, 45),
    ("fresh-90.jsonl", 230, 234, 1, 65, 45),
    ("fresh-91.jsonl", 228, 233, 1, 63, 45),
    ("fresh-92.jsonl", 235, 235, 0, 64, 45),
    ("fresh-93.jsonl", 228, 231, 3, 64, 45),
    ("fresh-94.jsonl", 233, 234, 1, 63, 45),
    ("fresh-95.jsonl", 227, 230, 4, 64, 45),
    ("fresh-96.jsonl", 235, 235, 0, 64, 45),
    ("fresh-97.jsonl", 229, 232, 1, 64, 45),
    ("fresh-98.jsonl", 233, 235, 0, 63, 45),
    ("fresh-99.jsonl", 225, 230, 4, 64, 45),
    ("fresh-100.jsonl", 235, 235, 0, 65, 45),
    ("fresh-101.jsonl", 223, 228, 3, 60, 45),
    ("fresh-102.jsonl", 230, 233, 2, 60, 44),
    ("fresh-103.jsonl", 230, 234, 1, 63, 45),
    ("fresh-104.jsonl", 234, 235, 0, 64, 45),
    ("fresh-105.jsonl", 227, 229, 2, 64, 45),
    ("fresh-106.jsonl", 232, 233, 1, 65, 45),
    ("fresh-107.jsonl", 228, 232, 3, 64, 45),
    ("fresh-108.jsonl", 233, 234, 1, 64, 45),
    ("fresh-109.jsonl", 230, 231, 4, 60, 45),
    ("fresh-110.jsonl", 234, 235, 0, 65, 45),
    ("fresh-111.jsonl", 228, 232, 2, 65, 44),
    ("fresh-112.jsonl", 234, 235, 0, 64, 45),
    ("fresh-113.jsonl", 224, 232, 2, 65, 44),
    ("fresh-114.jsonl", 233, 234, 0, 65, 45),
    ("fresh-115.jsonl", 228, 233, 2, 64, 43),
    // f116-163 (稿子要不要先经过审定), cited wrongly before, is refused (审定
    // is named by none of the nearest articles).
    ("fresh-116.jsonl", 232, 233, 2, 65, 45),
    ("fresh-117.jsonl", 229, 231, 1, 64, 45),
    ("fresh-118.jsonl", 235, 235, 0, 64, 45),
    ("fresh-119.jsonl", 230, 234, 1, 61, 45),
    ("fresh-120.jsonl", 230, 233, 2, 65, 45),
    ("fresh-121.jsonl", 229, 233, 2, 65, 45),
    ("fresh-122.jsonl", 235, 235, 0, 61, 45),
    ("fresh-123.jsonl", 231, 233, 1, 64, 45),
    ("fresh-124.jsonl", 233, 234, 1, 65, 45),
    ("fresh-125.jsonl", 230, 232, 2, 60, 44),
    ("fresh-126.jsonl", 234, 235, 0, 63, 45),
    ("fresh-127.jsonl", 229, 235, 0, 63, 45),
    ("fresh-128.jsonl", 233, 234, 1, 60, 45),
    ("fresh-129.jsonl", 225, 233, 1, 64, 45),
    ("fresh-130.jsonl", 234, 234, 1, 63, 45),
    ("fresh-131.jsonl", 227, 230, 2, 64, 43),
    ("fresh-132.jsonl", 235, 235, 0, 63, 45),
    ("fresh-133.jsonl", 224, 231, 3, 64, 45),
    ("fresh-134.jsonl", 232, 233, 2, 63, 45),
    ("fresh-135.jsonl", 231, 233, 2, 63, 45),
    ("fresh-136.jsonl", 234, 235, 0, 63, 45),
    ("fresh-137.jsonl", 226, 233, 2, 64, 45),
    ("fresh-138.jsonl", 233, 233, 2, 61, 45),
    ("fresh-139.jsonl", 229, 231, 3, 60, 45),
    ("fresh-140.jsonl", 235, 235, 0, 63, 45),
    ("fresh-141.jsonl", 229, 232, 2, 64, 45),
    ("fresh-142.jsonl", 234, 234, 1, 63, 45),
    ("fresh-143.jsonl", 226, 231, 3, 62, 45),
    ("fresh-144.jsonl", 233, 235, 0, 61, 45),
    ("fresh-145.jsonl", 232, 234, 1, 63, 45),
    ("fresh-146.jsonl", 233, 234, 1, 63, 45),
    ("fresh-147.jsonl", 234, 234, 0, 65, 45),
    ("fresh-148.jsonl", 232, 234, 0, 64, 45),
    ("fresh-149.jsonl", 228, 233, 1, 64, 44),
    ("fresh-150.jsonl", 232, 234, 1, 62, 45),
    ("fresh-151.jsonl", 232, 233, 2, 62, 44),
    ("fresh-152.jsonl", 233, 233, 2, 63, 45),
    ("fresh-153.jsonl", 230, 234, 1, 61, 45),
    ("fresh-154.jsonl", 235, 235, 0, 64, 45),
    ("fresh-155.jsonl", 234, 235, 0, 63, 45),
    ("fresh-156.jsonl", 233, 234, 1, 64, 45),
    ("fresh-157.jsonl", 233, 235, 0, 62, 45),
    ("fresh-158.jsonl", 235, 235, 0, 63, 45),
    ("fresh-159.jsonl", 229, 232, 1, 61, 45),
    ("fresh-160.jsonl", 234, 234, 1, 62, 45),
    ("fresh-161.jsonl", 234, 235, 0, 62, 45),
    ("fresh-162.jsonl", 229, 233, 2, 62, 45),
    ("fresh-163.jsonl", 233, 234, 1, 62, 44),
    ("fresh-164.jsonl", 234, 235, 0, 63, 45),
    ("fresh-165.jsonl", 228, 231, 4, 62, 45),
    ("fresh-166.jsonl", 233, 235, 0, 65, 45),
    ("fresh-167.jsonl", 232, 233, 1, 61, 45),
    ("fresh-168.jsonl", 234, 235, 0, 63, 45),
    ("fresh-169.jsonl", 232, 234, 1, 62, 45),
    ("fresh-170.jsonl", 233, 234, 1, 65, 45),
    ("fresh-171.jsonl", 230, 233, 0, 61, 45),
    ("fresh-172.jsonl", 230, 234, 0, 59, 45),
    ("fresh-173.jsonl", 232, 235, 0, 62, 45),
    ("fresh-174.jsonl", 232, 234, 1, 62, 45),
    ("fresh-175.jsonl", 227, 232, 1, 60, 44),
    ("fresh-176.jsonl", 232, 234, 1, 63, 45),
    ("fresh-177.jsonl", 232, 233, 2, 65, 45),
    ("fresh-178.jsonl", 235, 235, 0, 63, 45),
    ("fresh-179.jsonl", 234, 235, 0, 62, 45),
    ("fresh-180.jsonl", 235, 235, 0, 64, 45),
    ("fresh-181.jsonl", 227, 233, 1, 62, 44),
    ("fresh-182.jsonl", 232, 232, 2, 63, 45),
    ("fresh-183.jsonl", 231, 234, 1, 63, 45),
    ("fresh-184.jsonl", 234, 235, 0, 65, 45),
    ("fresh-185.jsonl", 234, 235, 0, 64, 45),
    ("fresh-186.jsonl", 231, 234, 1, 63, 45),
    ("fresh-187.jsonl", 231, 234, 1, 61, 45),
    ("fresh-188.jsonl", 233, 235, 0, 62, 45),
];

#[test]
fn figures_do_not_regress_on_development_and_fresh_sets() {
    let (_tmp, e) = engine();
    for (file, top1, top3, refused, none, deadlines) in FLOORS {
        let r = report(&e, file);
        assert!(r.top1 >= top1, "{file}: top-1 fell\n{}", r.render());
        assert!(r.top3 >= top3, "{file}: top-3 fell\n{}", r.render());
        assert!(r.false_refusals <= refused, "{file}\n{}", r.render());
        assert!(r.correct_refusals >= none, "{file}\n{}", r.render());
        assert!(r.deadline_exact >= deadlines, "{file}\n{}", r.render());
        // The understanding beats plain keyword search on every set.
        assert!(r.top1 > r.keyword_top1, "{file}\n{}", r.render());
    }
}

/// The confidence means what it says on the fresh set: of the answers given at
/// 0.9 or more, at least 95 % cite the right article first, and in every band
/// with five answers or more, at least the band's lower edge are right (the
/// confidence never claims more than it delivers).
#[test]
fn confidence_is_calibrated_on_the_fresh_set() {
    let (_tmp, e) = engine();
    let r = report(&e, "fresh.jsonl");
    let (hi_n, hi_ok) = r.calibration.get(&9).copied().unwrap_or_default();
    assert!(hi_n >= 50, "{}", r.render());
    assert!(hi_ok * 100 >= hi_n * 95, "{}", r.render());
    for (band, (n, ok)) in &r.calibration {
        if *n >= 5 {
            assert!(
                ok * 10 >= n * usize::from(*band),
                "band {band}: {ok}/{n}\n{}",
                r.render()
            );
        }
    }
}

fn ask(e: &Engine, q: &str, j: Option<&str>, now: &str) -> Answer {
    e.ask(&Question {
        text: q,
        jurisdiction: j,
        now: parse_now(Some(now)).unwrap(),
    })
}

const NOW: &str = "2026-12-01T10:00:00+08:00";

fn first(a: &Answer) -> Option<(String, u32)> {
    (!matches!(a.outcome, Outcome::Refused(_)))
        .then(|| {
            a.citations
                .first()
                .map(|c| (c.jurisdiction.clone(), c.article))
        })
        .flatten()
}

/// Regression: wordings no pattern foresaw are answered by the article's text.
#[test]
fn unforeseen_wordings_are_answered() {
    let (_tmp, e) = engine();
    let a = ask(
        &e,
        "别的部门发来征求意见的文件几天回",
        Some("朝阳市双塔区"),
        NOW,
    );
    assert_eq!(
        first(&a),
        Some(("朝阳市双塔区".into(), 53)),
        "{}",
        a.to_text()
    );
    let a = ask(
        &e,
        "需要报市政府审批的事项,我们部门要先出书面意见,今天收到的办理单,按6个工作日回复的话是哪天?",
        None,
        NOW,
    );
    assert_eq!(first(&a), Some(("昆山市".into(), 52)), "{}", a.to_text());
    assert_eq!(
        a.deadline.as_ref().map(|d| d.date.as_str()),
        Some("2026-12-09")
    );
    let a = ask(&e, "政府法律顾文一般聘几个人?", Some("吐鲁番市"), NOW);
    assert_eq!(first(&a), Some(("吐鲁番市".into(), 22)), "{}", a.to_text());
    // The wording a pattern did foresee still answers the same article.
    let a = ask(&e, "会签件多久回", Some("朝阳市双塔区"), NOW);
    assert_eq!(a.outcome, Outcome::Answer, "{}", a.to_text());
    assert_eq!(
        first(&a),
        Some(("朝阳市双塔区".into(), 53)),
        "{}",
        a.to_text()
    );
    // A voice-input slip (长务 for 常务) any keyword search survives.
    let a = ask(&e, "长务会议要到多少人才算有效啊", Some("株洲市"), NOW);
    assert_eq!(a.outcome, Outcome::Answer, "{}", a.to_text());
    assert_eq!(first(&a), Some(("株洲市".into(), 44)), "{}", a.to_text());
}

/// Regression: leaving for a meal or a weekend hike is not leaving town; the
/// travel articles may be offered ("did you mean"), not given as the answer.
#[test]
fn a_meal_or_a_hike_is_not_travel() {
    let (_tmp, e) = engine();
    for q in ["外出吃饭要报告吗?", "周末外出爬山要报备吗"] {
        let a = ask(&e, q, None, NOW);
        assert!(
            !(a.outcome == Outcome::Answer && first(&a) == Some(("朝阳市双塔区".into(), 71))),
            "{q}: {}",
            a.to_text()
        );
    }
}

/// Regression (fresh-182): a meeting held as needed (会议根据需要召开) is how
/// often it is held; the question is answered, not refused as a frequency the
/// article does not state.
#[test]
fn a_meeting_held_as_needed_answers_how_often() {
    let (_tmp, e) = engine();
    let a = ask(&e, "株洲市政府专题会议多久召开一次?", None, NOW);
    assert_eq!(a.outcome, Outcome::Answer, "{}", a.to_text());
    assert_eq!(first(&a), Some(("株洲市".into(), 45)), "{}", a.to_text());
    assert!(a.to_text().contains("频次:根据需要召开"), "{}", a.to_text());
}

/// Regression (fresh-186): an office named after a topic no rule covers
/// (医保局, 财政局预算科) is who asks or is asked about, not the topic.
#[test]
fn an_office_named_after_a_topic_is_not_the_topic() {
    let (_tmp, e) = engine();
    let a = ask(
        &e,
        "双塔区卫健局和医保局在一个事情上协商了好几轮,还是谈不拢,局办的小赵问报区政府的时候该咋办?能不能直接找区长,还是先找分管领导",
        None,
        NOW,
    );
    assert_eq!(
        first(&a),
        Some(("朝阳市双塔区".into(), 24)),
        "{}",
        a.to_text()
    );
    // The topic itself is still refused.
    let a = ask(&e, "医保报销比例是多少", None, NOW);
    assert!(matches!(a.outcome, Outcome::Refused(_)), "{}", a.to_text());
}

/// Regression: topics no held document covers are refused.
#[test]
fn national_bodies_and_unstated_figures_are_refused() {
    let (_tmp, e) = engine();
    for q in [
        "国务院常务会议一般多久开一次?",
        "法律顾问一年的顾问费给多少钱",
        "单位新冠疫情防控有什么要求?",
    ] {
        let a = ask(&e, q, None, NOW);
        assert!(
            matches!(a.outcome, Outcome::Refused(_)),
            "{q}: {}",
            a.to_text()
        );
        assert!(a.to_text().contains("没有") || a.to_text().contains("暂未收录"));
    }
}

/// Regression: a place set aside (不是双塔区) is not the question's subject; a
/// figure the closest article does not state is refused although a farther
/// article states one; a figure named and asked about (每年要报吗) is not.
#[test]
fn places_set_aside_and_figures_asked() {
    let (_tmp, e) = engine();
    for (q, j) in [
        ("朝阳市政府(市里,不是双塔区)全体会议一年开几次?", None),
        ("区政府新闻发言人多久开一次发布会?", Some("朝阳市双塔区")),
        ("单位每年组织体检吗,标准多少钱?", None),
        (
            "政府合同标的额多少以上算较大、需要专家论证?",
            Some("株洲市"),
        ),
    ] {
        let a = ask(&e, q, j, NOW);
        assert!(
            matches!(a.outcome, Outcome::Refused(_)),
            "{q}: {}",
            a.to_text()
        );
    }
    let a = ask(
        &e,
        "部门每年要报本部门法治政府建设情况吗?",
        Some("株洲市"),
        NOW,
    );
    assert_eq!(first(&a), Some(("株洲市".into(), 24)), "{}", a.to_text());
    let a = ask(
        &e,
        "区长例会今天上午刚开完,下一次是哪天?",
        Some("朝阳市双塔区"),
        NOW,
    );
    assert_eq!(
        first(&a),
        Some(("朝阳市双塔区".into(), 42)),
        "{}",
        a.to_text()
    );
}

/// Regression: a date in full-width digits (２月６日) is read like 2月6日.
#[test]
fn full_width_dates_are_read() {
    let (_tmp, e) = engine();
    let a = ask(
        &e,
        "双塔区常务会议定在２月６日,汇报材料最迟哪天审核完?",
        None,
        "2024-01-30T16:30:00+08:00",
    );
    assert_eq!(
        a.deadline.as_ref().map(|d| d.date.as_str()),
        Some("2024-02-04"),
        "{}",
        a.to_text()
    );
}

/// Regression: voice-input slips in a place's name or a term are read by sound.
#[test]
fn slips_are_read_by_sound() {
    let (_tmp, e) = engine();
    let a = ask(&e, "市长出差期间谁主持工作?乐青", None, NOW);
    assert_eq!(first(&a), Some(("乐清市".into(), 8)), "{}", a.to_text());
    let a = ask(&e, "株州常务会议多久开一次", None, NOW);
    assert_eq!(first(&a), Some(("株洲市".into(), 44)), "{}", a.to_text());
}

/// Regression: with no city set, the answer never says "您所在的X" for a place the
/// user did not give, and each jurisdiction quoted gets its own labelled lines.
#[test]
fn several_jurisdictions_are_labelled_and_none_is_assumed() {
    let (_tmp, e) = engine();
    let a = ask(&e, "我们局长12月8日去北京出差,最晚哪天报备?", None, NOW);
    let t = a.to_text();
    assert!(!t.contains("您所在的"), "{t}");
    if a.governing > 1 {
        for c in a.citations.iter().take(a.governing) {
            for l in &c.lines {
                assert!(t.contains(&format!("{}:{l}", c.jurisdiction)), "{t}");
            }
        }
    }
    let shuangta = a
        .citations
        .iter()
        .take(a.governing.max(1))
        .find(|c| c.jurisdiction == "朝阳市双塔区");
    if let Some(c) = shuangta {
        assert!(
            c.lines.iter().any(|l| l.contains("12月4日")) || a.deadline.is_some(),
            "{t}"
        );
    }
    let a = ask(&e, "常务会议多久开一次?", None, NOW);
    let t = a.to_text();
    assert!(a.governing > 1, "{t}");
    assert!(t.contains("株洲市:频次:每月召开二次"), "{t}");
    assert!(!t.contains("\n频次:"), "an unlabelled line: {t}");
    // With the city set, the asker's own place is named as such.
    let a = ask(
        &e,
        "我们局长12月8日去北京出差,最晚哪天报备?",
        Some("朝阳市双塔区"),
        NOW,
    );
    assert_eq!(
        a.deadline.as_ref().map(|d| d.date.as_str()),
        Some("2026-12-04"),
        "{}",
        a.to_text()
    );
}

/// Regressions from fresh-5: a time limit the article states about something else
/// does not answer a figure asked (双塔 41's limits are about meetings, not 辞职);
/// "那是周六啊" says what weekday the counted day is and names no new date.
#[test]
fn figures_about_something_else_and_weekdays_said_of_a_day() {
    let (_tmp, e) = engine();
    let a = ask(
        &e,
        "公务员辞职要提前多久提出申请",
        Some("朝阳市双塔区"),
        NOW,
    );
    assert!(matches!(a.outcome, Outcome::Refused(_)), "{}", a.to_text());
    let a = ask(
        &e,
        "主任下周一去省里,离朝报备要提前两天,那是周六啊,怎么算",
        Some("朝阳市双塔区"),
        "2021-05-06T10:00:00+08:00",
    );
    assert_eq!(
        first(&a),
        Some(("朝阳市双塔区".into(), 71)),
        "{}",
        a.to_text()
    );
    let d = a.deadline.as_ref().expect("a date");
    assert_eq!(d.date, "2021-05-08", "{}", a.to_text());
}

/// Regressions from fresh-6: a first citation of middling confidence is offered
/// as "did you mean", not refused; a document's text outweighs an intent that
/// knows no article there once the confidence reaches 0.8.
#[test]
fn middling_confidence_is_offered_and_text_outweighs_a_missing_intent() {
    let (_tmp, e) = engine();
    let a = ask(&e, "市长办工会是固定时间开的吗", Some("昆山市"), NOW);
    assert!(!matches!(a.outcome, Outcome::Refused(_)), "{}", a.to_text());
    assert_eq!(first(&a), Some(("昆山市".into(), 39)), "{}", a.to_text());
    let a = ask(
        &e,
        "乐清市 规范性文件今天印发了,多少天内要报备,最晚哪天?",
        None,
        "2023-01-13T10:00:00+08:00",
    );
    assert_eq!(first(&a), Some(("乐清市".into(), 25)), "{}", a.to_text());
    assert!(a.deadline.is_some(), "{}", a.to_text());
}

/// Regressions from fresh-6: a question asking the kinds of something (哪几种会议)
/// is answered by the article that lists them, not refused.
#[test]
fn kinds_asked_are_answered_by_the_article_that_lists_them() {
    let (_tmp, e) = engine();
    let a = ask(&e, "昆山市政府开哪几种会议", None, NOW);
    assert!(!matches!(a.outcome, Outcome::Refused(_)), "{}", a.to_text());
    assert_eq!(first(&a), Some(("昆山市".into(), 36)), "{}", a.to_text());
    let a = ask(&e, "株洲市政府会议有哪几种", None, NOW);
    assert!(!matches!(a.outcome, Outcome::Refused(_)), "{}", a.to_text());
    assert_eq!(first(&a), Some(("株洲市".into(), 42)), "{}", a.to_text());
}

/// Regressions from fresh-7: "提前几天" asks a time limit (it was read as 前几天,
/// "a few days ago"), so an article that states none is not cited as the answer;
/// a quorum named and asked about (半数以上…才有效吗) is answered only by an
/// article stating one; the figure a question names picks the limit it counts.
#[test]
fn figures_asked_or_named_are_answered_only_where_stated() {
    let (_tmp, e) = engine();
    let a = ask(&e, "处长出差要提前几天跟办公室报备", Some("吐鲁番市"), NOW);
    assert!(matches!(a.outcome, Outcome::Refused(_)), "{}", a.to_text());
    let a = ask(
        &e,
        "全体会议得过半数成员出席才算有效吗",
        Some("吐鲁番市"),
        NOW,
    );
    assert!(matches!(a.outcome, Outcome::Refused(_)), "{}", a.to_text());
    let a = ask(
        &e,
        "我们主办、会同另外两个部门办理的市政府交办事项,3月2日收到,按9个工作日算哪天到期",
        Some("昆山市"),
        "2026-03-02T10:00:00+08:00",
    );
    assert_eq!(first(&a), Some(("昆山市".into(), 52)), "{}", a.to_text());
    assert_eq!(
        a.deadline.as_ref().map(|d| d.date.as_str()),
        Some("2026-03-13"),
        "{}",
        a.to_text()
    );
}

/// #14: a national regulation (jurisdiction 全国, markdown as LawRefBook/Laws
/// publishes it) dropped into `data/rules/` applies in every jurisdiction: a topic
/// only it covers is answered from it whatever the chat's city (年休假 was refused
/// as out of scope before any document was looked at), and the city's own
/// questions still cite the city first.
#[test]
fn a_national_document_answers_everywhere_and_lifts_out_of_scope() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(data.join("rules")).unwrap();
    std::fs::create_dir_all(data.join("holidays")).unwrap();
    for sub in ["rules", "holidays"] {
        for f in std::fs::read_dir(root.join("data").join(sub)).unwrap() {
            let f = f.unwrap().path();
            std::fs::copy(&f, data.join(sub).join(f.file_name().unwrap())).unwrap();
        }
    }
    for f in std::fs::read_dir(root.join("tests/data/national")).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, data.join("rules").join(f.file_name().unwrap())).unwrap();
    }
    let e = rulebot::store::open_engine(&Paths {
        db: tmp.path().join("store"),
        data,
        intents: root.join("intents"),
    })
    .unwrap();
    let a = ask(&e, "年休假能跨年度安排吗", Some("株洲市"), NOW);
    assert_eq!(first(&a), Some(("全国".into(), 5)), "{}", a.to_text());
    assert!(
        a.to_text().contains("《职工带薪年休假条例》"),
        "{}",
        a.to_text()
    );
    let a = ask(&e, "株洲市政府常务会议一般多久开一次?", Some("株洲市"), NOW);
    assert_eq!(first(&a), Some(("株洲市".into(), 44)), "{}", a.to_text());
    // Days granted are stated as the article states them, every tier with its
    // condition in the quote (第四条 was cited: 年休假10天 was no figure).
    let a = ask(&e, "工作满10年年休假几天?", Some("株洲市"), NOW);
    assert_eq!(first(&a), Some(("全国".into(), 3)), "{}", a.to_text());
    assert!(
        a.to_text().contains("天数:5天、10天、15天"),
        "{}",
        a.to_text()
    );
    // A date in every year (每年1月31日前): the next one, on a working day.
    let a = ask(
        &e,
        "部门的政府信息公开年度报告每年最晚什么时候交?",
        Some("株洲市"),
        NOW,
    );
    assert_eq!(first(&a), Some(("全国".into(), 49)), "{}", a.to_text());
    assert_eq!(
        a.deadline.as_ref().map(|d| d.date.as_str()),
        Some("2027-01-29"),
        "{}",
        a.to_text()
    );
    // An extension is stated, not dated.
    let a = ask(&e, "信息公开申请的答复期限最多能延长多久?", None, NOW);
    assert_eq!(first(&a), Some(("全国".into(), 33)), "{}", a.to_text());
    assert!(
        a.to_text().contains("可延长:不得超过20个工作日"),
        "{}",
        a.to_text()
    );
}

/// Each question (with its chat's city) is refused.
fn refused(e: &Engine, cases: &[(&str, Option<&str>)]) {
    for (q, j) in cases {
        let a = ask(e, q, *j, NOW);
        assert!(
            matches!(a.outcome, Outcome::Refused(_)),
            "{q}: {}",
            a.to_text()
        );
    }
}

/// The question is refused as asking `what`, which the closest article does not state.
fn not_stated(e: &Engine, q: &str, j: Option<&str>, what: &str) {
    let a = ask(e, q, j, NOW);
    assert!(
        matches!(
            &a.outcome,
            Outcome::Refused(rulebot::answer::Refusal::NotStated { what: w, .. }) if w == what
        ),
        "{q}: {}",
        a.to_text()
    );
}

/// The question is refused, with a refusal of the kind `is` accepts.
fn refused_as(
    e: &Engine,
    q: &str,
    j: Option<&str>,
    is: fn(&rulebot::answer::Refusal) -> bool,
) -> Answer {
    let a = ask(e, q, j, NOW);
    assert!(
        matches!(&a.outcome, Outcome::Refused(r) if is(r)),
        "{q}: {}",
        a.to_text()
    );
    a
}

/// The question is refused as an unknown place (a place held by no document).
fn unknown_place(e: &Engine, q: &str, j: Option<&str>) {
    refused_as(e, q, j, |r| {
        matches!(r, rulebot::answer::Refusal::UnknownPlace { .. })
    });
}

/// The question is refused as a topic no held document covers.
fn out_of_scope(e: &Engine, q: &str, j: Option<&str>) {
    refused_as(e, q, j, |r| {
        matches!(r, rulebot::answer::Refusal::OutOfScope { .. })
    });
}

/// Each question cites the article first.
fn cites(e: &Engine, cases: &[(&str, Option<&str>, (&str, u32))]) {
    for (q, j, (place, n)) in cases {
        let a = ask(e, q, *j, NOW);
        assert_eq!(
            first(&a),
            Some((place.to_string(), *n)),
            "{q}: {}",
            a.to_text()
        );
    }
}

/// Regressions found by fresh-9 (each a mechanism, checked on every set): a detail
/// asked that the closest article does not state is refused — days in advance
/// against a threshold (外出1天以上), a day of the week or a month against a
/// frequency, a contact detail; the figure words (几个工作日内) do not tie a
/// working-day limit on another matter to the question; a document asked about by
/// its title that is not held and that no held article names is refused. The
/// same articles still answer what they do state.
#[test]
fn details_not_stated_and_documents_not_held_are_refused() {
    let (_tmp, e) = engine();
    refused(
        &e,
        &[
            ("市直单位一把手外出,得提前几天打报告?", Some("昆山市")),
            ("区长例会是星期几开?", Some("朝阳市双塔区")),
            ("常务会议一般安排在几月份?", Some("株洲市")),
            ("政府办的传真号码是多少", Some("吐鲁番市")),
            ("依申请公开的信息要在几个工作日内答复申请人", Some("昆山市")),
            ("《信访工作条例》里规定信访件多少天办结?", None),
        ],
    );
    let a = ask(&e, "《信访工作条例》里规定信访件多少天办结?", None, NOW);
    assert!(
        a.to_text().contains("暂未收录《信访工作条例》"),
        "{}",
        a.to_text()
    );
    cites(
        &e,
        &[
            ("外出几天以上要书面请假?", Some("昆山市"), ("昆山市", 55)),
            (
                "区长例会多久开一次?",
                Some("朝阳市双塔区"),
                ("朝阳市双塔区", 42),
            ),
            (
                "昆山市政府批办的公文,属于我们职权范围的,几个工作日内办结?",
                None,
                ("昆山市", 52),
            ),
        ],
    );
}

/// Regressions found by fresh-10 (mechanisms, checked on every set): the unit of
/// the figure asked must be stated (几年 is not answered by 15日内, 一个月开几次
/// not by 定期召开, 多少平米 and 几届 by nothing held), while 多久开一次 is still
/// answered by 定期召开; a choice of weekdays (周一还是周五) asks a day; a
/// person's name (现在是谁) is never stated; a document not held asked about
/// (《…条例》是哪一年印发的) is refused even when an article names it.
#[test]
fn units_names_and_unheld_documents() {
    let (_tmp, e) = engine();
    refused(
        &e,
        &[
            ("规范性文件备案以后有效期有几年?", Some("乐清市")),
            ("吐鲁番市政府常务会议每年开几次?", None),
            ("局长办公室最多能用多少平米", Some("株洲市")),
            ("政府法律顾问最多连任几届?", Some("吐鲁番市")),
            ("区长例会安排在周二还是周四?", Some("朝阳市双塔区")),
            ("政府办公室主任目前是哪位?", Some("昆山市")),
            ("《党政机关公文处理工作条例》一共有多少条?", Some("株洲市")),
        ],
    );
    cites(
        &e,
        &[
            ("吐鲁番常务会议隔多久开一回", None, ("吐鲁番市", 41)),
            ("规范性文件有效期几年?", Some("昆山市"), ("昆山市", 22)),
            ("株洲市政府常务会议一个月开几次?", None, ("株洲市", 44)),
        ],
    );
}

/// Regressions found by fresh-11: 有效期 is no quorum asked (a term's end date
/// was refused as "出席要求"); a day of the month asked (每月几号开) needs an
/// article naming one.
#[test]
fn validity_terms_and_days_of_the_month() {
    let (_tmp, e) = engine();
    let a = ask(
        &e,
        "规范性文件是2021年3月1日印发的,五年有效期到哪天为止?",
        Some("昆山市"),
        NOW,
    );
    assert_eq!(
        first(&a),
        Some(("昆山市".to_string(), 22)),
        "{}",
        a.to_text()
    );
    assert!(a.deadline.is_some(), "{}", a.to_text());
    refused(
        &e,
        &[
            ("常务会议每个月几号开?", Some("株洲市")),
            ("区长例会每月的哪一天召开", Some("朝阳市双塔区")),
        ],
    );
}

/// Regressions found by fresh-12: a county named after a held city (株洲县) is
/// not the city; a request to write something (帮我写个请假条) is a task, not a
/// question the rules answer, while 写材料要用,…哪几种政府 still is.
#[test]
fn counties_and_drafting_requests() {
    let (_tmp, e) = engine();
    refused(
        &e,
        &[
            ("株洲县政府常务会议多久开一次?", None),
            // The asker's own county, unnamed (fresh-13); 我们镇长 is a person.
            ("咱们县里的县长办公会一般多久开一回", None),
            ("麻烦你帮我起草一份开会通知", Some("昆山市")),
        ],
    );
    let a = ask(&e, "株洲县政府常务会议多久开一次?", None, NOW);
    assert!(a.to_text().contains("株洲县"), "{}", a.to_text());
    cites(
        &e,
        &[
            ("株洲市政府常务会议多久开一次?", None, ("株洲市", 44)),
            (
                "写材料要用,昆山市政府工作的指导思想是什么",
                Some("昆山市"),
                ("昆山市", 2),
            ),
            (
                "写讲话稿要用,咱们市政府工作的准则是啥",
                Some("昆山市"),
                ("昆山市", 3),
            ),
        ],
    );
}

/// Regression (fresh-13): "还有效吗" asks whether a document is in force, not a
/// quorum (it was refused as 出席要求 not stated).
#[test]
fn still_in_force_is_no_quorum() {
    let (_tmp, e) = engine();
    cites(
        &e,
        &[(
            "昆山这个工作规则现在还有效吗?",
            Some("昆山市"),
            ("昆山市", 59),
        )],
    );
}

/// A point in time asked (什么时候开始执行) ranks the neighbour that names one
/// (本规则自下发之日起执行) above the one on the same topic that does not (驻区
/// 垂管部门参照执行本规则): three blind sets cited the second.
#[test]
fn a_point_in_time_asked() {
    let (_tmp, e) = engine();
    cites(
        &e,
        &[
            (
                "双塔区政府工作规则什么时候开始施行?",
                Some("朝阳市双塔区"),
                ("朝阳市双塔区", 84),
            ),
            // Regression (fresh-19): 哪天 with a verb of taking effect asks
            // that point, not a time limit the article would have to state.
            (
                "双塔区的工作规则是哪天开始执行的",
                Some("朝阳市双塔区"),
                ("朝阳市双塔区", 84),
            ),
            (
                "驻区的垂管部门要执行区政府工作规则吗?",
                Some("朝阳市双塔区"),
                ("朝阳市双塔区", 83),
            ),
        ],
    );
}

/// A deadline question answered as "did you mean" still computes its date: each
/// option that states a time limit carries the date it would give (fresh-11 and
/// fresh-13 lost two dates to a confidence of 0.77).
#[test]
fn a_doubtful_deadline_still_gets_its_date() {
    let (_tmp, e) = engine();
    let a = ask(
        &e,
        "文件今天刚发布,备案期限到几号",
        Some("乐清市"),
        "2025-06-03T11:00:00+08:00",
    );
    assert_eq!(first(&a), Some(("乐清市".into(), 25)), "{}", a.to_text());
    let d = a.deadline.as_ref().expect("a date");
    assert_eq!(d.date, "2025-06-18", "{}", a.to_text());
    assert!(a.to_text().contains("2025年6月18日"), "{}", a.to_text());
    if a.outcome == Outcome::Clarify {
        // The date stands under the option it belongs to, and no other.
        let with_date: Vec<_> = a.options().iter().filter(|c| !c.lines.is_empty()).collect();
        assert_eq!(with_date.len(), 1, "{}", a.to_text());
        assert_eq!(with_date[0].article, 25);
    }
}

/// Regressions found by fresh-14 (each a mechanism, checked on every set): an
/// hour, a venue, who appoints, a word count, a count "at most", a frequency
/// "every so many years" or "per month so many issues", asked about a topic an
/// article touches without stating it, are refused; a provincial government's
/// own 秘书长 is not a city's; 时限 in a question ties no limit to its subject;
/// a held name read with an accent (昆三) is the held place; a year the
/// scraped page printed without 年 and 月 (200858日) is matched as a year.
/// What the same articles do state is still answered.
#[test]
fn details_of_a_topic_not_stated_are_refused() {
    let (_tmp, e) = engine();
    refused(
        &e,
        &[
            ("乐清市政府常务会议下午几点开", None),
            ("株洲市政府全体会议在哪里开", None),
            ("昆山市政府副市长由谁任命", None),
            ("吐鲁番市政府的公文字数最多多少", None),
            ("双塔区政府常务会议最多能安排几个议题", None),
            ("省政府秘书长有哪些职责", None),
            ("乐清市政府的请示件字数有没有限制", None),
            ("株洲市政府部门的信息简报一个月可以报几期", None),
            ("吐鲁番市政府信息公开申请的答复时限是多少个工作日", None),
        ],
    );
    cites(
        &e,
        &[
            (
                "吐鲁番部门之间会签文件的回复时限是几个工作日",
                None,
                ("吐鲁番市", 48),
            ),
            ("双塔区人员任免文件谁负责初审", None, ("朝阳市双塔区", 55)),
            // A year the page printed without 年 and 月 (200858日).
            (
                "2008年印发的那个规则废止了吗",
                Some("昆山市"),
                ("昆山市", 59),
            ),
            // A held name read with an accent (三 san for 山 shan).
            ("昆三的常务会多久开一回", None, ("昆山市", 38)),
            (
                "双塔区政府常务会的汇报材料字数有没有限制",
                None,
                ("朝阳市双塔区", 41),
            ),
            (
                "自治区人民政府下达的任务吐鲁番各部门要落实吗",
                None,
                ("吐鲁番市", 27),
            ),
        ],
    );
}

/// Regression (fresh-15): a clause that sets the scene (加班的时候) names no
/// topic; the 会签件 received then is the question, and its date is computed.
/// Asked as the topic itself, 加班 is still out of scope.
#[test]
fn a_scene_is_not_the_topic() {
    let (_tmp, e) = engine();
    cites(
        &e,
        &[(
            "周末加班的时候接到一份会签文件,几个工作日内回复?",
            Some("吐鲁番市"),
            ("吐鲁番市", 48),
        )],
    );
    refused(&e, &[("周末加班有加班费吗", Some("吐鲁番市"))]);
}

/// Regression (fresh-16, fresh-4): a topic another document settles (会签 replies)
/// and the chat's document lacks (乐清's scraped text stops before its 公文
/// chapter) is refused with the note, even though the document's words match
/// well enough for an answer (its article on 规范性文件 also 征求…部门意见): the
/// articles that have the topic match it at least twice as well. Asked of a
/// document that has it, it is answered.
#[test]
fn a_topic_written_elsewhere_is_not_in_this_document() {
    let (_tmp, e) = engine();
    let a = refused_as(
        &e,
        "部门之间会签文件要几个工作日回复",
        Some("乐清市"),
        |r| matches!(r, rulebot::answer::Refusal::NotInDocument { .. }),
    );
    assert!(a.to_text().contains("不完整"), "{}", a.to_text());
    cites(
        &e,
        &[(
            "部门之间会签文件要几个工作日回复",
            Some("吐鲁番市"),
            ("吐鲁番市", 48),
        )],
    );
}

/// Regression (fresh-15, fresh-16): who holds a role, asked by the role (发言人是
/// 哪位), is answered only by an article that says who it is (…作为推进法治建设
/// 第一责任人); one that names the role in passing (新闻发言人制度建设) does not
/// say, and the refusal names what is missing (人选).
#[test]
fn who_holds_a_role_is_said_or_refused() {
    let (_tmp, e) = engine();
    not_stated(
        &e,
        "区政府的新闻发言人是哪位?",
        Some("朝阳市双塔区"),
        "人选",
    );
    // Regression (fresh-18): 由…召集 names the role in passing too.
    not_stated(&e, "市政府秘书长是哪位", Some("吐鲁番市"), "人选");
    cites(
        &e,
        &[("法治建设第一责任人是哪位", Some("乐清市"), ("乐清市", 23))],
    );
}

/// Regression (fresh-11, fresh-13, fresh-16): a sanction asked (会受什么处分, 要
/// 追责吗) is answered only by an article that says what follows (要追究…责任);
/// one that only sets the duty (严格执行财经纪律, 严禁泄漏…秘密) does not say.
#[test]
fn a_sanction_is_said_or_refused() {
    let (_tmp, e) = engine();
    for q in ["公款宴请会受什么处分", "泄露工作秘密有什么后果"] {
        not_stated(&e, q, None, "处理后果");
    }
    cites(
        &e,
        &[("推诿扯皮造成损失会被追责吗", Some("昆山市"), ("昆山市", 33))],
    );
}

/// Regression (fresh-2, fresh-13, fresh-14, fresh-15): a neighbour that an intent
/// picks by one word of the question (签批 → 双塔 58, on how leaders sign) does
/// not outrank the article that has most of the question's rare words (54: 不直接
/// 签批未经政府办公室审核办理的公文): ranking weighs how much specific evidence an
/// article has (`Weights::matched`).
#[test]
fn the_article_with_most_of_the_question_outranks_an_intents_neighbour() {
    let (_tmp, e) = engine();
    cites(
        &e,
        &[(
            "副区长能直接签批没有经过政府办审核的公文吗",
            Some("朝阳市双塔区"),
            ("朝阳市双塔区", 54),
        )],
    );
}

/// Regression (fresh-7, fresh-8, fresh-10, fresh-14): a condition not met said as
/// people say it (没经过审核) is read as the rules write it (未经…审核同意…不予安排),
/// so the article that sets the condition is cited, not its neighbour on who sets
/// the agenda; 没经验 is not 未经.
#[test]
fn a_condition_not_met_is_read_as_written() {
    let (_tmp, e) = engine();
    cites(
        &e,
        &[(
            "议题还没经过分管领导审核同意,可以安排会议吗",
            Some("朝阳市双塔区"),
            ("朝阳市双塔区", 45),
        )],
    );
    let p = e.intents.prepare("新来的没经验,没经过培训能上岗吗");
    assert!(
        p.canonical.contains("没经验") && p.canonical.contains("未经培训"),
        "{}",
        p.canonical
    );
}

/// Regressions (fresh-17): a date the question offers as its guess at the answer
/// (是不是下周五?) is not the day anything happened; a date it says does not exist
/// (2022年又没有2月29日) is neither an error nor a date to count from.
#[test]
fn a_guessed_or_denied_date_is_not_counted_from() {
    let (_tmp, e) = engine();
    let date = |q: &str| {
        let a = ask(&e, q, Some("吐鲁番市"), NOW);
        a.deadline.as_ref().map(|d| d.date.clone())
    };
    assert_eq!(
        date("会签件今天收到的,最晚是不是下周五?到底哪天").as_deref(),
        Some("2026-12-10")
    );
    assert_eq!(
        date("法律顾问是2020年2月29日签的合同,聘期两年,2022年又没有2月29日,哪天到期").as_deref(),
        Some("2022-02-28")
    );
}

/// Regression (fresh-17): an article asked for by its number (第N条讲的什么) is
/// that article of the document in scope; a number the document's text does not
/// have is said plainly, with the note on an incomplete text; with no place
/// named or chosen, each document's article of that number is an option.
#[test]
fn an_article_asked_by_number_is_that_article_or_none() {
    let (_tmp, e) = engine();
    cites(
        &e,
        &[("双塔区规则第四十四条讲的什么", None, ("朝阳市双塔区", 44))],
    );
    let a = ask(&e, "株洲的规则第六十条是什么内容", None, NOW);
    assert!(
        matches!(
            a.outcome,
            Outcome::Refused(rulebot::answer::Refusal::NoSuchArticle { number: 60, .. })
        ),
        "{}",
        a.to_text()
    );
    assert!(a.to_text().contains("不完整"), "{}", a.to_text());
    let a = ask(&e, "第三条原文是什么", None, NOW);
    assert_eq!(a.outcome, Outcome::Clarify, "{}", a.to_text());
    assert!(a.citations.iter().all(|c| c.text.len() > 10));
}

/// Regression (fresh-16, fresh-17): a held place named as where a meeting is held
/// (在双塔区举办全市性会议) stays in the text matched, as the rules name it there
/// (在双塔区召开的全…性会议 → 双塔 49), while the question is still about it.
#[test]
fn a_venue_named_is_matched_as_the_rules_name_it() {
    let (_tmp, e) = engine();
    cites(
        &e,
        &[(
            "市里有个部门想在双塔区举办全市性的会议,区里能直接答应吗",
            None,
            ("朝阳市双塔区", 49),
        )],
    );
}

/// Regression (fresh-8, fresh-9, fresh-10, fresh-15, fresh-17): an intent's
/// article side picks every article that says one of the rules its summary names:
/// 昆山 46 says only 不直接报送市政府领导同志个人, and is cited for it.
#[test]
fn an_intents_articles_cover_what_its_summary_names() {
    let (_tmp, e) = engine();
    cites(
        &e,
        &[(
            "部门的报告可以绕过办公室直接交给常务副市长吗",
            Some("昆山市"),
            ("昆山市", 46),
        )],
    );
}

/// Regression (fresh-4, fresh-5, fresh-7, fresh-9, fresh-11): 会 clipped from 会议
/// after a kind asked (都开哪几种会) is read as 会议, so the article on the kinds of
/// meeting is found, not refused.
#[test]
fn a_kind_of_meeting_asked_as_hui_is_a_meeting() {
    let (_tmp, e) = engine();
    let a = ask(&e, "咱们市政府平常都开哪几种会", Some("株洲市"), NOW);
    assert_eq!(first(&a), Some(("株洲市".into(), 42)), "{}", a.to_text());
    let p = e.intents.prepare("开会签会的时候");
    assert!(!p.canonical.contains("会议签"), "{}", p.canonical);
}

/// Regression (dev-a): a verb and its object split by 个 (题个词, 请个假) is read
/// as the rules write the word (题词), so the article on it is cited.
#[test]
fn a_verb_split_by_ge_is_the_word() {
    let (_tmp, e) = engine();
    cites(
        &e,
        &[(
            "协会开年会,能请副区长去题个词吗",
            Some("朝阳市双塔区"),
            ("朝阳市双塔区", 82),
        )],
    );
    let p = e.intents.prepare("明天要发个文,还要签一个字");
    assert!(
        p.canonical.contains("发文") && p.canonical.contains("签字"),
        "{}",
        p.canonical
    );
}

/// Regression (fresh-16): asked how current its data is, rulebot lists the
/// documents it holds with their dates, and cites no article.
#[test]
fn how_current_the_data_is_is_the_documents_dates() {
    let (_tmp, e) = engine();
    let a = ask(&e, "您的条文截至哪一年", None, NOW);
    assert!(a.citations.is_empty(), "{}", a.to_text());
    assert!(a.to_text().contains("2012年5月12日"), "{}", a.to_text());
}

/// Regression (fresh-17): a count asked with the verb that sets it (设几个, 配备几名,
/// 一共有几位) is a figure asked: answered by an article that states the number
/// (一般聘2-3人), refused when the closest article states none.
#[test]
fn a_count_asked_by_its_verb_is_a_figure() {
    let (_tmp, e) = engine();
    not_stated(&e, "市政府一共设几个副秘书长", Some("吐鲁番市"), "数量");
    cites(
        &e,
        &[(
            "政府法律顾问一般配备几名",
            Some("吐鲁番市"),
            ("吐鲁番市", 22),
        )],
    );
}

/// Regression (fresh-17): a township's or a province's own rules (镇政府的工作规则,
/// 省政府的规范性文件) are not any held city's; the same body named as one the city
/// answers to or reports from (贯彻省政府的决策部署, 乡镇政府报送…的公文) is not the subject.
#[test]
fn a_bodys_own_rules_are_not_the_citys() {
    let (_tmp, e) = engine();
    for q in [
        "镇政府的工作规则在哪能看到",
        "自治区政府的规范性文件备案要多少天",
    ] {
        unknown_place(&e, q, Some("吐鲁番市"));
    }
    cites(
        &e,
        &[(
            "乡镇政府报送区政府的公文谁签发",
            Some("朝阳市双塔区"),
            ("朝阳市双塔区", 51),
        )],
    );
}

/// Regressions (fresh-18): 哪个地方的规定 asks whose rule it is, not a venue (哪个地方
/// 开 still does); 规则里 / 规则中 names where a rule is sought, not what it is about
/// (its 规则 had picked the articles that say 本规则).
#[test]
fn whose_rule_and_in_the_rules_are_not_the_topic() {
    let (_tmp, e) = engine();
    cites(
        &e,
        &[(
            "常务会议要过半数组成人员到会,这是哪个地方的规定",
            None,
            ("株洲市", 44),
        )],
    );
    not_stated(&e, "常务会一般在哪个地方开", Some("株洲市"), "地点");
    let p = e.intents.prepare("规则里有没有提政务公开");
    assert!(!p.canonical.contains("规则"), "{}", p.canonical);
}

/// Regression (fresh-18): a gift named by what it is (送了些特产, 送的土特产) is
/// 送礼, as the rules write it (不得接受各地的送礼和宴请).
#[test]
fn a_gift_named_by_what_it_is_is_songli() {
    let (_tmp, e) = engine();
    cites(
        &e,
        &[(
            "下面乡镇送了些特产过来,可以收下吗",
            Some("朝阳市双塔区"),
            ("朝阳市双塔区", 77),
        )],
    );
}

/// Regression (fresh-18): the verb of finishing within a limit (答复, 办结) does not
/// tie a stated limit to the question: 政协提案…答复 is not answered by the 公文
/// article's 6个工作日内办结, which still answers 转办件…办结.
#[test]
fn a_limits_verb_is_not_its_topic() {
    let (_tmp, e) = engine();
    not_stated(
        &e,
        "政协提案一般多少个工作日内要答复",
        Some("昆山市"),
        "时限",
    );
    cites(
        &e,
        &[(
            "转办件属于职权范围的,几个工作日内办结",
            Some("昆山市"),
            ("昆山市", 52),
        )],
    );
}

/// Regression (fresh-19): a few days said, then a yes-or-no question (出差几天,要走
/// 请假手续吗) asks whether, not how many days: the article on leave answers it,
/// though it states no number of days.
#[test]
fn a_few_days_said_is_not_asked() {
    let (_tmp, e) = engine();
    cites(
        &e,
        &[(
            "我们主任要出差几天,要走请假手续吗",
            Some("吐鲁番市"),
            ("吐鲁番市", 57),
        )],
    );
}

/// Regression (fresh-19): points asked (扣几分, 扣多少分) are a figure in 分 that no
/// article states: refused as not stated, not answered by the article on the
/// matter (督查考核) that sets no score.
#[test]
fn points_asked_are_not_stated() {
    let (_tmp, e) = engine();
    not_stated(&e, "督查考核没完成任务要扣几分", None, "分值");
    not_stated(&e, "会议缺席一次扣多少分", None, "分值");
}

/// Regression (six blind sets, among them fresh-19 and fresh-20): a meeting of the
/// whole place opened at a held place (在我们双塔区开个全市性会议, 在咱们双塔区开一次
/// 全省性的会议) is convened there, not travel: the place stays in the question and
/// the article on meetings held in 双塔区 answers; 在沈阳开会 is still travel.
#[test]
fn a_meeting_of_the_whole_place_is_held_there() {
    let (_tmp, e) = engine();
    cites(
        &e,
        &[(
            "有个省直单位打算在咱们双塔区开一次全省性的会议,区里部门能直接同意吗",
            None,
            ("朝阳市双塔区", 49),
        )],
    );
    let p = e.intents.prepare("局长在沈阳开会,周五回来,要报备吗");
    assert!(
        p.places
            .iter()
            .any(|m| m.role == rulebot::intents::PlaceRole::Destination),
        "{:?}",
        p.places
    );
}

/// Regression (fresh-11 and fresh-20): a county or district of a held city named
/// with the city's own bodies (托克逊县…市政府领导, 荷塘区的…市政府全体会议) is where
/// the asker is: the city's rules answer. Named with its own bodies (荷塘区政府常务
/// 会议) it is still a place held by no document.
#[test]
fn a_county_of_a_held_city_asks_about_the_city() {
    let (_tmp, e) = engine();
    cites(
        &e,
        &[
            (
                "托克逊县想请市政府领导给我们的活动发个贺信,行吗",
                None,
                ("吐鲁番市", 67),
            ),
            (
                "我们是荷塘区的,市政府全体会议一般多久开一次",
                None,
                ("株洲市", 43),
            ),
        ],
    );
    unknown_place(&e, "荷塘区政府常务会议多久开一次", None);
}

/// Regression (fresh-20): where to find something (分工在哪里能查到) is a detail only
/// an article naming where things are published states (门户网站, 网上查询); the
/// article on the matter itself does not say it.
#[test]
fn where_to_find_it_is_said_or_refused() {
    let (_tmp, e) = engine();
    not_stated(&e, "区政府领导的分工在哪里能查到", None, "查阅途径");
    cites(
        &e,
        &[("昆山的网上便民服务项目在哪里可以查询", None, ("昆山市", 27))],
    );
}

/// Regression (eight blind sets): the particulars of official cars (开回家, 派车接
/// 人, 交通事故, 车改补贴) are no work rule's; the article that names 公务用车 in a
/// list still answers what rules there are on it.
#[test]
fn official_cars_particulars_are_out_of_scope() {
    let (_tmp, e) = engine();
    refused(
        &e,
        &[
            ("下班后可以把公务车开回家停吗", None),
            ("开会能不能派车到火车站接专家", Some("朝阳市双塔区")),
        ],
    );
    cites(&e, &[("昆山对公务用车有什么规定", None, ("昆山市", 34))]);
}

/// Regression (fourteen blind sets): the layout of an official document (几号字,
/// 字体, 页码, 发文字号) is the national standard's, not a work rule's; a document
/// that does not follow it is still the rules' matter (双塔 51).
#[test]
fn document_layout_is_out_of_scope() {
    let (_tmp, e) = engine();
    refused(
        &e,
        &[
            ("请示的标题用几号字,正文用什么字体", Some("朝阳市双塔区")),
            ("发文字号里的年份用什么括号", None),
        ],
    );
    cites(
        &e,
        &[(
            "格式不规范的公文办公室会退回吗",
            Some("朝阳市双塔区"),
            ("朝阳市双塔区", 51),
        )],
    );
}

/// Regression (fresh-8, fresh-19): whether the rules mention something (提没提到双碳,
/// 有没有讲到…) asks about the rest of the question; the asking words are left
/// out of matching, so they do not pick articles that say 没有 or 本规则.
#[test]
fn whether_the_rules_mention_it() {
    let (_tmp, e) = engine();
    cites(&e, &[("株洲的规则提没提到双碳", None, ("株洲市", 17))]);
    let p = e.intents.prepare("工作规则有没有讲到信用监督");
    assert!(
        !p.canonical.contains("没有") && !p.canonical.contains("规则"),
        "{}",
        p.canonical
    );
}

/// Regression (fresh-10, fresh-12, fresh-22): 社保 asked as policy (就业社保这类民生的
/// 事) is what an article on 社会保障 covers, so the out-of-scope topic of social
/// insurance does not refuse it where such an article is held; a person's own
/// insurance (社保断缴了怎么补) is still refused.
#[test]
fn social_security_policy_is_covered() {
    let (_tmp, e) = engine();
    let a = ask(&e, "就业社保这类民生的事,昆山规则怎么要求的", None, NOW);
    assert!(a.to_text().contains("第十四条"), "{}", a.to_text());
    refused(&e, &[("社保断缴了怎么补", None)]);
}

/// Regressions (fresh-22): a place's suffix that begins the next word is that
/// word's (吐鲁番市场监管 is 吐鲁番 + 市场监管, as 乐清市长 is 乐清 + 市长); a
/// variant followed by the rest of its canonical word (政府常务会 + 议) is read
/// as the canonical word once (常务会议, not 常务会议议), in questions and in
/// the articles' matching text.
#[test]
fn suffixes_and_variants_are_not_doubled() {
    let (_tmp, e) = engine();
    let p = e.intents.prepare("吐鲁番市场监管这块规则咋要求");
    assert!(p.canonical.contains("市场监管"), "{}", p.canonical);
    let p = e.intents.prepare("吐鲁番市政府常务会议多久开一次");
    assert!(
        p.canonical.contains("常务会议") && !p.canonical.contains("会议议"),
        "{}",
        p.canonical
    );
    // Regression (fresh-26, -27): a place said without its suffix (昆山副市长)
    // is not a slip of the suffix (昆山市市长): the deputy stays a deputy.
    for q in [
        "昆山副市长遇到重大情况要报告谁",
        "乐清副市长能不能代表市政府接待外宾",
    ] {
        let p = e.intents.prepare(q);
        assert!(p.canonical.contains("副市长"), "{q}: {}", p.canonical);
    }
    // A slip in a place's name is still repaired (乐青 → 乐清).
    let p = e.intents.prepare("乐青市长是谁");
    assert_eq!(
        p.places.first().and_then(|m| m.jurisdiction.as_deref()),
        Some("乐清市")
    );
}

/// Of several limits in one article, the one whose clause has the question's
/// rarer words counts: 会同 / 主办 name 昆山 52's nine days, 部门 and 意见 are in
/// most of its clauses (fresh-23 computed six days twice).
#[test]
fn the_limit_with_the_question_s_distinctive_words_counts() {
    let (_tmp, e) = engine();
    for q in [
        "6月1日收到的件,我们牵头会同其他部门,部门意见最晚啥时候出",
        "6月1日收到的件由我们主办,要几个部门一起,意见最晚哪天给",
    ] {
        let a = ask(&e, q, Some("昆山市"), "2026-05-28T09:00:00+08:00");
        assert_eq!(first(&a), Some(("昆山市".into(), 52)), "{}", a.to_text());
        let d = a.deadline.as_ref().expect("a date");
        // 9 working days after Monday 1 June 2026 (端午 is 19 June).
        assert_eq!(d.date, "2026-06-12", "{q}\n{}", a.to_text());
    }
}

/// Regression (fresh-23): a slip repaired by sound is folded into the rules'
/// words like the rest of the question (全提会 → 全体会 → 全体会议), and the
/// intents read it so: answered, not offered as "did you mean".
#[test]
fn a_repaired_slip_is_read_in_the_rules_words() {
    let (_tmp, e) = engine();
    for (q, want) in [
        ("株洲全提会由谁召集", ("株洲市", 43)),
        ("昆山全提会多久开一次", ("昆山市", 37)),
    ] {
        let a = ask(&e, q, None, NOW);
        assert_eq!(a.outcome, Outcome::Answer, "{q}: {}", a.to_text());
        assert_eq!(first(&a), Some((want.0.into(), want.1)), "{}", a.to_text());
    }
}

/// Regression (fresh-186): who is new (新来的副市长) is the asker's everyday
/// words, not a slip for 信来 (来信来访).
#[test]
fn who_is_new_is_not_a_slip() {
    let (_tmp, e) = engine();
    let (_, explained) = e.ask_explained(&Question {
        text: "新来的一位副市长问能不能给他配个秘书",
        jurisdiction: Some("吐鲁番市"),
        now: parse_now(Some(NOW)).unwrap(),
    });
    let (_, ranking) = explained.expect("read");
    assert_eq!(ranking.understanding.repaired, None);
}

/// Regressions (fresh-23): a place written in traditional characters is read as
/// the mainland writes it (瀋陽 is 沈阳, not fast2s's 渖阳), so a trip there is
/// travel; where a telephone number is written on a form (电话填在哪) is asked of
/// the text, not a number no article states.
#[test]
fn traditional_place_names_and_where_a_number_is_written() {
    let (_tmp, e) = engine();
    let a = ask(
        &e,
        "區長下週要去瀋陽開會,要提前幾天報備",
        Some("朝阳市双塔区"),
        NOW,
    );
    assert_eq!(
        first(&a),
        Some(("朝阳市双塔区".into(), 71)),
        "{}",
        a.to_text()
    );
    let a = ask(
        &e,
        "报区政府的请示,联系人和联系电话要写在哪里",
        Some("朝阳市双塔区"),
        NOW,
    );
    assert_eq!(
        first(&a),
        Some(("朝阳市双塔区".into(), 51)),
        "{}",
        a.to_text()
    );
    not_stated(&e, "双塔区政府值班电话是多少", None, "联系方式");
}

/// Regressions (fresh-23): pages and copies asked (几页, 几份), a floor or where
/// something is set up (哪一层, 设在什么地方) and a standard asked without 是
/// (标准多少) are figures and details only an article stating them answers.
#[test]
fn pages_copies_floors_and_standards_asked_are_not_stated() {
    let (_tmp, e) = engine();
    not_stated(&e, "乐清市政府全体会议的材料要准备几份", None, "份数");
    not_stated(&e, "吐鲁番的信息简报一期能写几页", None, "页数");
    not_stated(&e, "昆山市政府常务会议在哪一层开", None, "地点");
    not_stated(&e, "双塔区的政务公开栏设在什么地方", None, "地点");
    let a = ask(&e, "双塔公务接待午餐标准多少", None, NOW);
    assert!(matches!(a.outcome, Outcome::Refused(_)), "{}", a.to_text());
}

/// Regressions (fresh-11, -20, -23): 拍板 is to decide and a government's 大事
/// is a 重大事项; whether one person may decide one, or it must go to a
/// meeting, is asked of the article on collective decisions.
#[test]
fn whether_one_person_may_decide_a_major_matter() {
    let (_tmp, e) = engine();
    cites(
        &e,
        &[
            ("乐清市政府的大事可以副市长自己拍板吗", None, ("乐清市", 7)),
            // With 区长 named, 双塔 24 (重要的报区长审定, its lost 区 read restored
            // since the tenth session) ties 23 for the word; the asker's leader is
            // named generally here.
            (
                "双塔区政府的重大事项能不能主要领导个人拍板",
                None,
                ("朝阳市双塔区", 23),
            ),
        ],
    );
}

/// Regressions (fresh-6, -22, -23): several matters in one document, said as
/// people say it (一份里写两件事, 一个请示里报三件事), is what the rules call 一文一事;
/// 报…的文 / 的件 is a document submitted.
#[test]
fn several_matters_in_one_document() {
    let (_tmp, e) = engine();
    for (q, want) in [
        (
            "吐鲁番报市政府的请示,一个请示里能报三件事吗",
            ("吐鲁番市", 47),
        ),
        (
            "报区政府的件一份里写好几个事行吗 双塔",
            ("朝阳市双塔区", 51),
        ),
        ("昆山报给市政府的公文一份中能不能写多件事", ("昆山市", 45)),
    ] {
        let a = ask(&e, q, None, NOW);
        assert_eq!(a.outcome, Outcome::Answer, "{q}: {}", a.to_text());
        assert_eq!(
            first(&a),
            Some((want.0.into(), want.1)),
            "{q}: {}",
            a.to_text()
        );
    }
}

/// Regressions (fresh-21 … fresh-24): everyday matters of the office that no
/// work rule settles are refused as out of scope, however many words they share
/// with an article: health checks, a post's grade, dress and work passes,
/// personnel files, who bears a training's costs, how a document is numbered or
/// titled.
#[test]
fn everyday_office_matters_are_out_of_scope() {
    let (_tmp, e) = engine();
    for q in [
        "乐清市政府的职工体检多久组织一次",
        "吐鲁番市政府办公室主任是正处级还是副处级",
        "参加区政府常务会议要穿制服吗",
        "株洲市政府工作人员的工牌丢了找谁补",
        "调到别的局以后人事档案要怎么移交",
        "去省里参加培训,培训费由谁承担",
        "昆山市政府的请示文号格式是怎样的",
        "请示的标题格式有什么讲究",
    ] {
        refused_as(&e, q, None, |r| {
            matches!(r, rulebot::answer::Refusal::OutOfScope { .. })
        });
    }
}

/// Regression (eight blind sets): a document asked for by its kind (贯彻哪个纲要,
/// 依据哪部法律) is answered by the article that names one of that kind in 《》,
/// not by its neighbour that an intent on the topic picks.
#[test]
fn a_document_asked_by_its_kind_is_the_one_named() {
    let (_tmp, e) = engine();
    cites(
        &e,
        &[
            ("株洲推进法治建设落实的是哪个纲要", None, ("株洲市", 18)),
            (
                "双塔区政府工作规则根据什么法律制定",
                None,
                ("朝阳市双塔区", 1),
            ),
        ],
    );
}

/// Regressions (fresh-24): the matters named first (三个事放一份请示里) is still
/// 一文一事; a request slipped into a report as people say it (顺便写个请示) is
/// what the rules call 夹带请示.
#[test]
fn matters_first_and_a_request_slipped_into_a_report() {
    let (_tmp, e) = engine();
    cites(
        &e,
        &[
            (
                "三个事能不能放一份请示里报区政府 双塔",
                None,
                ("朝阳市双塔区", 51),
            ),
            (
                "吐鲁番给市政府的报告里能不能顺便写个请示",
                None,
                ("吐鲁番市", 47),
            ),
        ],
    );
}

/// Regressions (fresh-16, -21, -23 … -25): using the office's systems (an
/// electronic seal applied for, the video-conference software), phones at a
/// meeting and a renewal no document states are refused; whether the rules
/// mention the electronic seal system is still answered, and 以政府名义 in
/// foreign affairs is not issuing a document in the government's name.
#[test]
fn office_systems_phones_and_renewals() {
    let (_tmp, e) = engine();
    refused(
        &e,
        &[
            ("乐清市政府的电子印章在哪里申请", None),
            ("吐鲁番开视频会用的什么平台", None),
            ("双塔区政府开全体会议手机要关机吗", None),
            ("昆山市政府法律顾问合同到期了可以续签吗", None),
        ],
    );
    let a = ask(&e, "昆山的规则里提到电子签章系统了吗", None, NOW);
    assert_eq!(first(&a), Some(("昆山市".into(), 27)), "{}", a.to_text());
    let a = ask(
        &e,
        "株洲的副市长能不能用市政府的名义参加外事活动",
        None,
        NOW,
    );
    assert_eq!(first(&a), Some(("株洲市".into(), 9)), "{}", a.to_text());
}

/// Regressions found by fresh-26 (each a mechanism, checked on every set): the
/// kinds of government the guiding thought aims at; a report made every year is
/// a frequency; "哪几点" asks which points, not an hour; foreign guests are not a
/// visiting group; a meeting "全市范围的" is a citywide one; 写 is a verb, never a
/// slip; a major matter met by a deputy is reported; a seal, a document's
/// classification and an unstated rate are refused, as is who holds a role the
/// rules only name.
#[test]
fn what_fresh_26_taught() {
    let (_tmp, e) = engine();
    cites(
        &e,
        &[
            ("乐清市政府打算建设什么样的政府", None, ("乐清市", 2)),
            ("株洲要建成哪几类政府", None, ("株洲市", 2)),
            // 建成 is the rules' 建设 (no document says 建成).
            ("乐清要建成哪几种政府呀", None, ("乐清市", 2)),
            (
                "株洲市直部门法治政府建设情况要多久报告一次",
                None,
                ("株洲市", 24),
            ),
            (
                "双塔区的政务信息工作有哪几点要求",
                None,
                ("朝阳市双塔区", 31),
            ),
            ("株洲的副市长可以代表市政府会见外宾吗", None, ("株洲市", 9)),
            ("昆山部门要开全市范围的会议报谁批", None, ("昆山市", 43)),
            ("吐鲁番写报告时顺便捎上请示行不行", None, ("吐鲁番市", 47)),
            // 会 clipped from 会议 after 哪些 (fresh-15, -22, -23).
            ("双塔区政府一般都有哪些会啊", None, ("朝阳市双塔区", 38)),
            (
                "乐清副市长分管的工作遇到重大事项怎么办",
                None,
                ("乐清市", 9),
            ),
        ],
    );
    refused(
        &e,
        &[
            ("发给下面的通知要不要盖公章", Some("昆山市")),
            ("公文的密级怎么标", Some("株洲市")),
            ("人大建议办理的满意率要求是多少", Some("昆山市")),
            ("双塔区政府新闻发言人由谁担任", None),
        ],
    );
}

/// Regressions found by fresh-27 (each a mechanism, checked on every set): "哪几个人"
/// asks who, not how many; a sum asked by how it is reckoned (劳务费怎么算) or a
/// subsidy asked by its amount is a figure no article states; where a list is
/// looked up, which firm is engaged, and a document's letterhead or signature
/// block are refused.
#[test]
fn what_fresh_27_taught() {
    let (_tmp, e) = engine();
    cites(
        &e,
        &[
            ("株洲常务会议纪要由哪几位领导签发", None, ("株洲市", 48)),
            // Abbreviations of the rules' terms (稳评, 两高).
            ("吐鲁番搞项目之前要不要稳评", None, ("吐鲁番市", 25)),
            ("株洲对两高项目怎么要求", None, ("株洲市", 17)),
            // What a role is for, asked with 啥.
            ("株洲的政府秘书长都负责些啥", None, ("株洲市", 10)),
            // Who a meeting is made of: the article that says so (由…组成).
            ("吐鲁番市政府常务会议由哪些人组成", None, ("吐鲁番市", 41)),
            ("吐鲁番全体会议一般哪些领导参加", None, ("吐鲁番市", 40)),
            // The principles of work meetings (nine sets asked 株洲 50).
            ("昆山各部门开工作会,要讲究哪些原则", None, ("昆山市", 43)),
            ("株洲部门开工作会议有啥原则", None, ("株洲市", 50)),
            // 一般性事项 is the 710 rule's 一般事项.
            (
                "双塔区布置的一般性事项几天内办结",
                None,
                ("朝阳市双塔区", 63),
            ),
            // A document the office reviews is not one it issues.
            (
                "双塔区没经过府办审核把关的文件,区领导能签批吗",
                None,
                ("朝阳市双塔区", 54),
            ),
            // What to attach when a disagreement stays (争议各方的理由).
            (
                "昆山部门间争议协调不下来,向市政府提建议时要附什么",
                None,
                ("昆山市", 17),
            ),
            // Whether a deputy may sign what is sent up for approval.
            (
                "吐鲁番乡镇报市政府审批的文件,副镇长签发行吗",
                None,
                ("吐鲁番市", 51),
            ),
            // The asker's own place gives way to the place asked about.
            (
                "我是株洲的,想问问昆山的常务会议都有谁参加",
                None,
                ("昆山市", 38),
            ),
            // Finished (办完) is the rules' 办理完毕.
            (
                "双塔区领导批示的事办完了要报告吗",
                None,
                ("朝阳市双塔区", 61),
            ),
        ],
    );
    refused(
        &e,
        &[
            ("乡镇干部下村每天有多少补贴", Some("乐清市")),
            ("请来论证的专家劳务费怎么算", Some("吐鲁番市")),
            ("政府领导分工名单在哪看", Some("株洲市")),
            ("市政府的法律顾问是哪家律所", Some("昆山市")),
            ("两个部门联合发文,落款谁在前", Some("朝阳市双塔区")),
        ],
    );
}

/// Regressions found by fresh-28 (each a mechanism, checked on every set): a
/// department named by its line of work (市场监管局) is the asker's unit, not the
/// topic, while the bodies the rules give duties to (审计局) stay what is asked; a
/// leader in person (本人) is the rules' 个人; seating, a reward's sum and a rate
/// asked as a percentage are refused.
#[test]
fn what_fresh_28_taught() {
    let (_tmp, e) = engine();
    cites(
        &e,
        &[
            (
                "生态环境局想问,乐清规则里对食品药品安全怎么说",
                None,
                ("乐清市", 15),
            ),
            ("乐清的审计局归谁领导", None, ("乐清市", 11)),
            ("昆山的公文能直接交给市长本人吗", None, ("昆山市", 46)),
            // A letter received for comment is not one the government signs.
            (
                "双塔区,收到兄弟单位征求意见的函,几天内回复",
                None,
                ("朝阳市双塔区", 53),
            ),
            // How many leaders take part (一位政府领导参加).
            (
                "双塔区来了检查组,安排几位区领导陪同",
                None,
                ("朝阳市双塔区", 72),
            ),
            ("双塔区规则里讲没讲给基层减负", None, ("朝阳市双塔区", 68)),
            // 守法 is the rules' 遵守…法律.
            ("株洲对市政府组成人员守法有啥要求", None, ("株洲市", 6)),
            // One function named asks of that function's article, not the list.
            (
                "乐清规则里,政府购买的公共服务要公开目录吗",
                None,
                ("乐清市", 16),
            ),
            // 不合规 is the rules' 不符合规定.
            ("昆山,不合规的事情领导打招呼了,要办吗", None, ("昆山市", 33)),
            // Which meeting decides: the meeting's own article.
            ("吐鲁番的政府规章要经过哪个会审议", None, ("吐鲁番市", 41)),
        ],
    );
    refused(
        &e,
        &[
            ("全体会议主席台座次怎么排", Some("株洲市")),
            ("督查表彰的单位能拿多少奖励资金", Some("株洲市")),
            ("建议提案的办结率要达到百分之多少", Some("昆山市")),
        ],
    );
}

/// Characters a scrape lost (双塔's 区: 由长召集, 副长, 全性会议) are read restored
/// for matching, from the document's metadata (`lost`); the citation quotes the
/// page as stored. Regression (fresh-7, -17, -18): a deputy's meeting that
/// invites township heads needs the 区长's approval (原则上须经长批准).
#[test]
fn characters_a_scrape_lost_are_matched_restored() {
    let (_tmp, e) = engine();
    let plenary = e
        .corpus
        .articles
        .iter()
        .find(|a| a.jurisdiction == "朝阳市双塔区" && a.text.contains("由长召集"))
        .expect("a 双塔 article that lost 区 in 由区长召集");
    let m = e.intents.matching_text(plenary);
    assert!(m.contains("由区长召集"), "{m}");
    // 长期 stays 长期.
    assert!(
        !e.corpus
            .articles
            .iter()
            .filter(|a| a.jurisdiction == "朝阳市双塔区")
            .any(|a| e.intents.matching_text(a).contains("区长期"))
    );
    cites(
        &e,
        &[(
            "双塔区副区长召集的会,想请乡镇主要负责人参加,要谁批准",
            None,
            ("朝阳市双塔区", 48),
        )],
    );
    let a = ask(&e, "双塔区政府全体会议由谁召集", None, NOW);
    assert_eq!(
        first(&a),
        Some(("朝阳市双塔区".into(), plenary.number)),
        "{}",
        a.to_text()
    );
    assert!(a.to_text().contains("由长召集"), "{}", a.to_text());
    // The intents' article patterns read it restored too: 双塔's 政府实行长负责制 is
    // the head's responsibility system (区长负责制), and a department's
    // 局长负责制 is not.
    let it = e.intents.get("head_responsibility").expect("intent");
    let governs = |j: &str| -> Vec<u32> {
        it.governing_in(j)
            .map(|g| e.corpus.articles[g.article].number)
            .collect()
    };
    assert!(
        governs("朝阳市双塔区").contains(&6),
        "{:?}",
        governs("朝阳市双塔区")
    );
    assert!(!governs("乐清市").contains(&11), "{:?}", governs("乐清市"));
}

/// Regressions found by fresh-29 (each a mechanism, checked on every set): a
/// hedge on the figure (一般多久) is the asking, not a word that ties a limit to
/// the question (一般应在7个工作日内回复 is about letters, not 请示); voice slips in
/// the question words (多小钱) still ask a figure no article states.
#[test]
fn what_fresh_29_taught() {
    let (_tmp, e) = engine();
    refused(
        &e,
        &[
            ("报给区政府的请示一般多久能批下来", Some("朝阳市双塔区")),
            ("政府法律顾问一年报酬多小钱", Some("吐鲁番市")),
            // Parking and a post's grade asked with 啥 are out of scope.
            ("机关院里能停私家车吗,停车证找谁办", Some("昆山市")),
            ("市长助理算啥级别", Some("株洲市")),
        ],
    );
    // 一般事项 stays the 710 rule's term.
    cites(
        &e,
        &[
            (
                "双塔区今天交办的一般事项最晚哪天办结",
                None,
                ("朝阳市双塔区", 63),
            ),
            // One function named asks of its own article, not the list of functions.
            (
                "株洲规则里经济调节部分怎么讲市场的作用",
                None,
                ("株洲市", 13),
            ),
        ],
    );
}

/// Regressions found by fresh-30 (each a mechanism, checked on every set): 说了算
/// is to decide; a leader going down to do research is received, not receiving
/// (the research article, not the reception intent that the document lacks); a
/// meeting's 多久 asked alone asks how often.
#[test]
fn what_fresh_30_taught() {
    let (_tmp, e) = engine();
    cites(
        &e,
        &[
            ("株洲的重大事项副市长一个人说了算行吗", None, ("株洲市", 8)),
            (
                "吐鲁番领导下基层调研,陪同人员有啥要求",
                None,
                ("吐鲁番市", 66),
            ),
            ("双塔区长例会多久", None, ("朝阳市双塔区", 42)),
        ],
    );
}

/// Regressions found by fresh-31 (mechanisms, checked on every set): a slip
/// repaired by sound is read again for what it asks (才算有校 asks a quorum),
/// while a repair that takes a question word away (多少字 → 多少事) is none;
/// 多久开 asks a frequency and 找了几次都… asks none; 副秘书长 is not read as
/// 秘书长; 有几个 asks a count; a request slipped into a report is said with 申请
/// too; 回报 after a verb of need is reporting back; a meeting put in a place
/// (把会放在双塔开) is held there; a town of a held place (巴城镇, 龙山街道) is that
/// place, and its own government is held by no document; 没谈拢 is a disagreement;
/// 以会议落实会议 is the rules' 以会议贯彻会议; 几月底前 asks a month, which no
/// held article names.
#[test]
fn what_fresh_31_taught() {
    let (_tmp, e) = engine();
    cites(
        &e,
        &[
            ("株洲市政府常务会要多少人出席才算有校", None, ("株洲市", 44)),
            ("昆山的全体会议多久召开", None, ("昆山市", 37)),
            (
                "议题涉及两个部门意见不一,找了几次都没谈拢,株洲规定下一步找谁",
                None,
                ("株洲市", 46),
            ),
            (
                "吐鲁番部门之间有分歧时副秘书长做什么",
                None,
                ("吐鲁番市", 49),
            ),
            (
                "吐鲁番写工作报告时顺便附一段申请资金的话行不行",
                None,
                ("吐鲁番市", 47),
            ),
            (
                "双塔区领导批示的事办完了需要回报吗",
                None,
                ("朝阳市双塔区", 61),
            ),
            (
                "市里有个部门想把一个全市的会放在双塔开,能直接答应吗",
                None,
                ("朝阳市双塔区", 49),
            ),
            (
                "巴城镇这边问下,市政府全体会议多久开一次",
                None,
                ("昆山市", 37),
            ),
            (
                "龙山街道的同事问,区长例会多久开",
                None,
                ("朝阳市双塔区", 42),
            ),
        ],
    );
    refused(
        &e,
        &[
            ("政府工作报告一般写多少字", None),
            ("株洲市政府副秘书长有几个", None),
            ("株洲各部门的法治政府建设情况报告几月底前交", None),
        ],
    );
    unknown_place(&e, "玉山镇政府的常务会议纪要谁签发", None);
}

/// Regressions found by fresh-32 (mechanisms, checked on every set): several
/// matters written into one request across a comma are still 一文一事; 值夜班 is
/// 值班; a power no law grants is the article on powers by law; who chairs when
/// the head cannot come is not a meeting leave; a document being drafted is named
/// by its subject (停车管理的规范性文件), an asker on probation or an intern says
/// so of themselves: neither is an out-of-scope topic; 借调到 a place is the
/// asker's place, not a destination; 市里 over 本县 asks the city's rules; 有几份
/// 是 asks nothing; 没经过 is 未经 and 排上会 is 安排会议; 绕过政府办 to a leader's
/// signature is the article on the office's review (its own intent); office
/// equipment is out of scope.
#[test]
fn what_fresh_32_taught() {
    let (_tmp, e) = engine();
    let cases: Vec<(&str, Option<&str>, (&str, u32))> = vec![
        (
            "手头两件事都要市政府批,干脆写进一个请示里行吗,昆山",
            None,
            ("昆山市", 45),
        ),
        (
            "昨晚值夜班时接到电话说出了大事,昆山规定要马上报吗",
            None,
            ("昆山市", 56),
        ),
        (
            "领导要我们做一件法律没有授权的事,乐清规则怎么说",
            None,
            ("乐清市", 23),
        ),
        (
            "乐清的常务会市长来不了,常务副市长能替他主持吗",
            None,
            ("乐清市", 7),
        ),
        (
            "在起草一个停车管理的规范性文件,能不能在里面设定收费,株洲",
            None,
            ("株洲市", 20),
        ),
        (
            "提案转给我这个实习的来跟,昆山对提案办理有什么要求",
            None,
            ("昆山市", 28),
        ),
        (
            "我借调到昆山市政府了,外出几天要书面请假",
            Some("株洲市"),
            ("昆山市", 55),
        ),
        (
            "我在县政府办,市里对本县的政务公开有什么要求",
            Some("株洲市"),
            ("株洲市", 29),
        ),
        (
            "整理旧文件时发现有几份是2016年的,昆山规范性文件有效期几年",
            None,
            ("昆山市", 22),
        ),
        (
            "议题还没经过区领导审核,政府办能排上会吗",
            Some("朝阳市双塔区"),
            ("朝阳市双塔区", 45),
        ),
        (
            "我们想绕开政府办直接请副区长签批公文,行吗",
            Some("朝阳市双塔区"),
            ("朝阳市双塔区", 54),
        ),
    ];
    cites(&e, &cases);
    refused(
        &e,
        &[
            ("复印机坏了找谁修", Some("朝阳市双塔区")),
            ("办公室暖气一般开到几度", Some("乐清市")),
        ],
    );
}

/// Regressions found by fresh-33 (mechanisms, checked on every set): the views
/// of townships are the rules' 下级政府的意见; a township's 一把手 is its head, not a
/// department's; of two places, the one named in the clause that asks is asked
/// about (株洲…每月两次,昆山…多久开); 常会 is 常务会议 and 几此 asks 几次; 出疆 is
/// leaving; 有几个 before a noun at the end asks a count.
#[test]
fn what_fresh_33_taught() {
    let (_tmp, e) = engine();
    let cases: Vec<(&str, Option<&str>, (&str, u32))> = vec![
        ("乐清市政府做决定前要听听镇街的想法吗", None, ("乐清市", 34)),
        (
            "分管副区长召集的会,要请乡镇一把手参加吗",
            Some("朝阳市双塔区"),
            ("朝阳市双塔区", 48),
        ),
        (
            "株洲常务会议每月开两次,昆山的常务会议多久开一次",
            None,
            ("昆山市", 38),
        ),
        ("昆山常会一个月至少开几此", None, ("昆山市", 38)),
        ("吐鲁番局长出疆要请假吗", None, ("吐鲁番市", 57)),
    ];
    cites(&e, &cases);
    refused(&e, &[("昆山市政府有几个副秘书长", None)]);
}

/// Regressions found by fresh-34 (mechanisms, checked on every set): findings
/// rectified (整改) are reported under the article on accepting supervision, not
/// the auditor's independence; what a county sends up to the city (报给市政府批的
/// 文件) is signed as a request; talk online (帖子, 热搜, 网上转发) is public opinion,
/// not a document forwarded; 顺便请求 in a report is a request slipped in; 整治停车难
/// is a task, not the unit's parking; 去开几天会, asks no time limit; material
/// handed to a leader 他本人 is sent to a leader personally. Out of scope: a person's own insurance, a
/// meeting recorded, a meeting room booked, lateness (not 最迟到哪天), drinking,
/// which 密级 to mark.
#[test]
fn what_fresh_34_taught() {
    let (_tmp, e) = engine();
    let cases: Vec<(&str, Option<&str>, (&str, u32))> = vec![
        (
            "审计发现的问题整改好了要向谁报告,吐鲁番",
            None,
            ("吐鲁番市", 34),
        ),
        (
            "县里报给市政府批的文件由谁签字,吐鲁番",
            None,
            ("吐鲁番市", 51),
        ),
        (
            "网上有帖子在热议我们局的事,昆山规定怎么回应",
            None,
            ("昆山市", 30),
        ),
        (
            "写工作报告时顺便请求拨点经费行吗,吐鲁番",
            None,
            ("吐鲁番市", 47),
        ),
        (
            "会上要求我们局整治停车难,落实情况几天内报,昆山",
            None,
            ("昆山市", 44),
        ),
        ("规范性文件最迟到哪天备案", Some("昆山市"), ("昆山市", 22)),
        (
            "吐鲁番市长要去自治区开几天会,这期间由谁主持市政府工作",
            None,
            ("吐鲁番市", 5),
        ),
        (
            "局长想把报批材料直接送到分管副市长办公室给他本人,昆山允许吗",
            None,
            ("昆山市", 46),
        ),
    ];
    cites(&e, &cases);
    refused(
        &e,
        &[
            ("社保关系转到外地怎么办", Some("株洲市")),
            ("开会能不能录像", Some("株洲市")),
            ("会议室怎么预订", Some("株洲市")),
            ("开会迟到了怎么处理", Some("株洲市")),
            ("中午能喝酒吗", Some("株洲市")),
            ("会议纪要要标密级吗,标几级", Some("昆山市")),
        ],
    );
}

/// Regressions found by fresh-35 (mechanisms, checked on every set): 科室 is the
/// rules' 内设机构; a fine or a fee set in a 规范性文件 is 设定行政处罚 /
/// 行政事业性收费; two kinds that make up a system (实行全体会议、常务会议制度) list
/// the meetings; 考察了几天, 跨了几位, 多安排几个 ask no figure; a request signed
/// while the head travels is the request's signing, not travel; 请示能让…代签吗
/// asks who signs; what the rules ask of emergencies is an intent of its own,
/// while a response's particulars (应急响应几级) are out of scope.
#[test]
fn what_fresh_35_taught() {
    let (_tmp, e) = engine();
    let cases: Vec<(&str, Option<&str>, (&str, u32))> = vec![
        (
            "我们局的法规科能不能用科室的名义发规范性文件,双塔",
            None,
            ("朝阳市双塔区", 56),
        ),
        (
            "规范性文件里能不能加一条罚款,吐鲁番",
            None,
            ("吐鲁番市", 20),
        ),
        ("吐鲁番市政府都开哪几种会", None, ("吐鲁番市", 39)),
        (
            "局长去外地考察了几天,回来要交什么材料",
            Some("朝阳市双塔区"),
            ("朝阳市双塔区", 70),
        ),
        (
            "局长出差一周,有个请示要报市政府,副局长代签可以吗",
            Some("昆山市"),
            ("昆山市", 47),
        ),
        (
            "局长出差了,请示能让副局长代签吗",
            Some("昆山市"),
            ("昆山市", 47),
        ),
        (
            "市领导要来乡里调研,想多安排几个人陪同,吐鲁番有要求吗",
            None,
            ("吐鲁番市", 66),
        ),
        (
            "市政府发文内容跨了几位副市长的分管,谁签发?",
            Some("昆山市"),
            ("昆山市", 49),
        ),
    ];
    cites(&e, &cases);
    refused(
        &e,
        &[
            ("株洲市政府常务会议一次最多安排几个议题", None),
            ("防汛应急响应几级由谁启动", Some("朝阳市双塔区")),
        ],
    );
    // What the rules ask of emergencies in general is its own topic.
    cites(
        &e,
        &[("昆山规则对应急管理提了什么要求", None, ("昆山市", 13))],
    );
}

/// Regressions found by fresh-36 (mechanisms, checked on every set): 常务副区长 is
/// taken whole (not 常务副 + 区长); a request signed by 一把手 asks the request's
/// signing; a document sent to a place's leader (送到昆山分管副市长手里) makes the
/// place the subject, not a trip; a meeting of the whole place said as 全市范围的 is
/// held there; what is handed in after a trip (回来交什么) is the trip report; 集体负责
/// 还是市长负责 asks the head's responsibility system; a reporter asking whether the
/// decisions are made public asks about openness, not the news report; reporting
/// regularly (定期向分管副区长汇报) states a frequency.
#[test]
fn what_fresh_36_taught() {
    let (_tmp, e) = engine();
    let cases: Vec<(&str, Option<&str>, (&str, u32))> = vec![
        (
            "请示一定要局里一把手签发吗,副局长签行不行",
            Some("昆山市"),
            ("昆山市", 47),
        ),
        (
            "鄯善县给市政府报请示,县长不在,常务副县长签发可以吗",
            Some("吐鲁番市"),
            ("吐鲁番市", 51),
        ),
        (
            "下个月想在昆山开一个全市范围的工作会,要先报哪里审批",
            None,
            ("昆山市", 43),
        ),
        (
            "局长带队去外地考察了一周,回来要交什么",
            Some("朝阳市双塔区"),
            ("朝阳市双塔区", 70),
        ),
        ("乐清市政府是集体负责还是市长负责", None, ("乐清市", 6)),
        (
            "乐清的记者想知道市政府常务会议定下的事会不会对外公开",
            None,
            ("乐清市", 29),
        ),
        (
            "各部门多久向分管副区长汇报一次工作",
            Some("朝阳市双塔区"),
            ("朝阳市双塔区", 9),
        ),
    ];
    cites(&e, &cases);
    // A notice issued, named by its subject (种粮补贴的通知), is no question of pay.
    cites(
        &e,
        &[(
            "我们局出了个种粮补贴的通知,只涉及本部门,想请市府办转发,行吗",
            Some("昆山市"),
            ("昆山市", 51),
        )],
    );
    let q = "局长让我把请示直接送到昆山分管副市长手里,可以吗";
    let a = ask(&e, q, Some("株洲市"), NOW);
    assert_eq!(
        first(&a).map(|(j, _)| j),
        Some("昆山市".to_string()),
        "{q}: {}",
        a.to_text()
    );
}

/// Regressions from reading fresh-37 (scored once at the end of the eleventh
/// session), fresh-38 (group-chat messages) and fresh-39 (a general mix), each
/// scored once before it was read.
#[test]
fn what_fresh_37_to_39_taught() {
    let (_tmp, e) = engine();
    let cases: Vec<(&str, Option<&str>, (&str, u32))> = vec![
        // 十几个人 says a number; it asks none (the rule on 陪同 answers).
        (
            "市领导下个月来我们镇调研,镇里打算派十几个人全程陪着,吐鲁番对这个有规定吗",
            None,
            ("吐鲁番市", 66),
        ),
        // 双塔区政府 is 区政府, as 株洲市政府 is 市政府: the government is the subject.
        (
            "双塔区政府由哪些人组成",
            Some("乐清市"),
            ("朝阳市双塔区", 5),
        ),
        ("昆山市政府办副主任平时管哪些事", None, ("昆山市", 8)),
        // A second matter (另外/还有…) that no rule covers is set aside.
        (
            "双塔区长不在的时候谁主持区政府工作 另外今天食堂几点开饭?",
            None,
            ("朝阳市双塔区", 8),
        ),
        (
            "昆山市长办公会一般什么时候开,还有差旅费报销标准是多少",
            None,
            ("昆山市", 39),
        ),
        // The article that says which kinds make up the system (实行…制度)
        // answers 有几种, not one that lists them in passing.
        (
            "株洲市政府的会分哪几类,有市长办公会吗",
            None,
            ("株洲市", 42),
        ),
        // fresh-39: 参会的人 are the rules' 与会人员; how long a meeting or a
        // speech runs is 开短会、讲短话.
        (
            "会议材料什么时候发给参会的人?",
            Some("吐鲁番市"),
            ("吐鲁番市", 42),
        ),
        ("双塔对开会讲话的长短有没有要求", None, ("朝阳市双塔区", 48)),
        // fresh-40: 株洲县市区 are the city's counties and districts, not 株洲县;
        // every major question decided collectively is the rule on major matters.
        ("株洲县市区的政务公开工作归谁指导", None, ("株洲市", 29)),
        (
            "株洲的重大问题可以由主要领导一个人拍板吗",
            None,
            ("株洲市", 25),
        ),
        // 收到吐鲁番市…发来的: 到 completes 收, nobody travels there.
        (
            "昨天收到吐鲁番市交通局发来的会签件,没写回复时限,我们几天内要回?",
            None,
            ("吐鲁番市", 48),
        ),
        // Talk online as people say it (网友在议论); a preface as people ask it.
        (
            "这两天网友在网上议论我们局的一件事,昆山的规则要求怎么处理",
            None,
            ("昆山市", 30),
        ),
        ("吐鲁番的副市长能给协会的书写个序吗", None, ("吐鲁番市", 67)),
        ("乐清的部门碰到重大事项该向谁报告", None, ("乐清市", 11)),
    ];
    cites(&e, &cases);
    let a = ask(
        &e,
        "乐清重大决策出台前要听取哪些方面意见,顺便问下食堂几点开饭",
        None,
        NOW,
    );
    assert!(first(&a).is_some(), "{}", a.to_text());
    assert!(
        a.to_text()
            .contains("另:您还问到的“食堂几点开饭”属于机关食堂与就餐"),
        "{}",
        a.to_text()
    );
    refused(
        &e,
        &[
            // Only the set-aside part asks: the rest is a scene.
            ("刚开完常务会议,另外年休假怎么休?", Some("株洲市")),
            // A follow-up after a question mark is the same matter.
            (
                "常务会议纪要的标题有没有统一格式?编号规则是什么?",
                Some("株洲市"),
            ),
            // A standard of pay or of meals asked (按什么标准付, 标准最高是多少) is a sum.
            ("开论证会请的专家,劳务费按什么标准发", Some("乐清市")),
            (
                "上级来检查安排工作餐,每人标准最高是多少",
                Some("朝阳市双塔区"),
            ),
            ("食堂饭卡丢了找谁补办", None),
            // A second post or paid work outside: no article names it.
            ("副局长能不能兼任下属单位的负责人", Some("昆山市")),
            ("公务员能不能去企业兼职拿报酬", None),
        ],
    );
    unknown_place(&e, "株洲县政府常务会议多久开一次", None);
    // The date said with what happened on it counts, not a date repeated in a
    // remark (…没有2月29了吧); a renewal named as the reason asks none.
    for (q, j, now, date) in [
        (
            "2020年2月29日印发的规范性文件,五年有效期到哪天?2025年可没有2月29",
            "昆山市",
            "2024-05-06T09:00:00+08:00",
            "2025-02-28",
        ),
        (
            "市政府法律顾问是前年3月10日聘的,聘期哪天到?我们好提前准备续聘",
            "吐鲁番市",
            "2024-05-06T09:00:00+08:00",
            "2024-03-10",
        ),
    ] {
        let a = ask(&e, q, Some(j), now);
        assert_eq!(
            a.deadline.as_ref().map(|d| d.date.as_str()),
            Some(date),
            "{q}: {}",
            a.to_text()
        );
    }
}

/// Regressions found by fresh-41 (thirteenth session), each a mechanism checked
/// on every set.
#[test]
fn what_fresh_41_taught() {
    let (_tmp, e) = engine();
    // 个旧 is a city, and 一个旧 is "an old": a name that is also ordinary
    // words counts only with its suffix or after 去/到 (places.toml `strict`).
    let a = ask(
        &e,
        "我们局有一个旧城改造方案,想先上会再补风险评估,规则允许吗",
        Some("乐清市"),
        NOW,
    );
    assert!(
        !matches!(
            a.outcome,
            Outcome::Refused(rulebot::answer::Refusal::UnknownPlace { .. })
        ),
        "{}",
        a.to_text()
    );
    unknown_place(&e, "个旧市政府常务会议多久开一次", None);
    // The counties' or towns' own meetings and rules are theirs, whatever held
    // city is named with them (places.toml `bodies`).
    unknown_place(&e, "株洲县区政府的常务会议多久开一次", None);
    unknown_place(&e, "镇政府班子会一个月开几次", Some("昆山市"));
    // A document's references asked (参考过苏州市的规则吗): 苏州, whose rules 昆山 1
    // names in 《》, is what 昆山 followed, not the subject (fresh-47).
    cites(
        &e,
        &[(
            "昆山定工作规则的时候参考过苏州市的规则吗",
            Some("昆山市"),
            ("昆山市", 1),
        )],
    );
    unknown_place(&e, "苏州市政府常务会议多久开一次", Some("昆山市"));
    unknown_place(&e, "吐鲁番各区县人民政府自己定的规则要不要报批", None);
    // Named as a sender, they ask the city's rules.
    cites(
        &e,
        &[("吐鲁番区县政府往市里报的请示谁签发", None, ("吐鲁番市", 51))],
    );
    // Topics asked by several blind writers that no article settles
    // (out_of_scope.toml): how long records are kept, one's own investments,
    // epidemic measures, hotline work orders, the duty roster, an office's sections.
    for (q, j, topic) in [
        (
            "会议纪要归档以后保管期限是几年",
            Some("株洲市"),
            "档案保管期限",
        ),
        ("科员私下可以买股票吗", None, "个人投资理财"),
        ("机关干部要不要每周做核酸", Some("朝阳市双塔区"), "疫情防控"),
        (
            "热线转过来的工单我们局几天内要办结",
            Some("株洲市"),
            // Asked by when: the hotline's time limits (2026-12-05: that topic
            // is read before the hotline's orders in general).
            "12345热线的办理时限",
        ),
        ("国庆的值班表什么时候要排好", Some("昆山市"), "值班的排班"),
        ("乐清市政府办设了几个科室", None, "内设科室"),
        // Another body's own meetings (eight writers), not the government's
        // part in them (below).
        (
            "县委常委会一般每月开几次",
            None,
            "党委、人大、政协或乡镇自己的会议",
        ),
        (
            "镇长办公会的纪要谁来签发",
            Some("朝阳市双塔区"),
            "党委、人大、政协或乡镇自己的会议",
        ),
        // fresh-45: another body's agenda or a proposal's filing; an enforcement
        // certificate (two writers, in the same words).
        (
            "区人大常委会会议的议程由谁来定",
            None,
            "党委、人大、政协或乡镇自己的会议",
        ),
        (
            "政协委员交上去的提案多久能立案",
            None,
            "党委、人大、政协或乡镇自己的会议",
        ),
        ("新来的科员多久能拿到执法证", Some("株洲市"), "行政执法证件"),
        // Leaving, moving, and a body's establishment (fresh-46).
        (
            "干了三年想辞职,要提前几个月打报告",
            None,
            "辞职、调动与机构编制",
        ),
        (
            "吐鲁番新组建的局三定方案由谁审批",
            None,
            "辞职、调动与机构编制",
        ),
        (
            "从乡镇借调来的同志考勤由哪边负责",
            Some("昆山市"),
            "借调人员的管理",
        ),
        // A meal's standard, the website's running, weekend opening, a private
        // trip abroad (each asked by two to five writers).
        (
            "上级来调研,工作餐按几菜一汤安排",
            Some("乐清市"),
            "用餐标准",
        ),
        (
            "区政府网站的技术支持找哪家单位",
            Some("朝阳市双塔区"),
            "政府网站",
        ),
        ("市民中心节假日办不办公", Some("株洲市"), "作息时间"),
        ("科员因私出境要找谁批", None, "个人事务"),
        // fresh-47: a posting's term; a service hall's hours.
        ("去县里挂职的期限一般定几年", None, "借调人员的管理"),
        ("办事大厅几点开门", Some("吐鲁番市"), "作息时间"),
        // 咋 is read as 怎么 (fresh-44: 文号咋编).
        ("请示的文号咋编啊", None, "公文的排版格式"),
        // A topic is covered by an article with the words the question matched,
        // not with any other word of the topic (双塔's 列入党组 has 入党).
        ("调动以后党员组织关系怎么转", None, "党务工作"),
    ] {
        let a = refused_as(&e, q, j, |r| {
            matches!(r, rulebot::answer::Refusal::OutOfScope { .. })
        });
        assert!(a.to_text().contains(topic), "{q}: {}", a.to_text());
    }
    // 人数有没有要求 asks a number of people: refused where no article states one,
    // answered by a quorum where one does (fresh-44).
    not_stated(&e, "吐鲁番市政府全体会议对出席人数有没有要求", None, "数量");
    cites(
        &e,
        &[(
            "株洲常务会开会时到场人数不到一半还能开吗",
            None,
            ("株洲市", 44),
        )],
    );
    // …and by a rule that keeps the number down without a figure (减少陪同人员:
    // fresh-45).
    cites(
        &e,
        &[(
            "领导下基层调研,双塔区对随行人数有没有要求",
            None,
            ("朝阳市双塔区", 81),
        )],
    );
    // A deputy's own duties (副市长按分工负责分管工作) are not the head-responsibility
    // system's article (fresh-42, asked in four sets).
    cites(
        &e,
        &[
            ("株洲的副市长平时主要负责哪些工作", None, ("株洲市", 9)),
            ("吐鲁番市长和副市长是什么关系", None, ("吐鲁番市", 5)),
        ],
    );
    // A figure asked beside whether a mechanism exists (有清理机制吗) is answered by
    // the article naming the mechanism (three writers); the figure alone is not.
    cites(
        &e,
        &[(
            "双塔区的规范性文件多长时间清理一回?有没有清理机制",
            None,
            ("朝阳市双塔区", 19),
        )],
    );
    not_stated(&e, "双塔区规范性文件多长时间清理一次", None, "频次");
    // A letter received for comment (征求意见函) is a consultation to answer, not
    // a letter to sign (four writers).
    cites(
        &e,
        &[(
            "双塔区财政局发来的征求意见函,我们最晚哪天要回",
            None,
            ("朝阳市双塔区", 53),
        )],
    );
    // A section named as a sender is no question about an office's sections.
    cites(
        &e,
        &[
            (
                "局里的法规科能不能以科室名义对外发个规范性文件",
                Some("朝阳市双塔区"),
                ("朝阳市双塔区", 56),
            ),
            (
                "吐鲁番市人大常委会召开会议时,市政府这边通常派谁去列席",
                None,
                ("吐鲁番市", 46),
            ),
            // One function named is asked of its own article, not of the one
            // listing every function (双塔 10).
            (
                "双塔区规则里市场监管这部分怎么要求",
                None,
                ("朝阳市双塔区", 12),
            ),
        ],
    );
}

/// Regressions found by fresh-48 … fresh-55 (each a mechanism, checked on
/// every set).
#[test]
fn what_fresh_48_to_55_taught() {
    let (_tmp, e) = engine();
    // An opening clause that only relays who asks (王主任交代的, 帮李局问一下) is
    // read out: the relayer's title (主任 → 部门主要负责人) is not the topic.
    // Places named in it still count.
    cites(
        &e,
        &[
            (
                "王主任交代的,专项债的资金安排要不要上常务会议讨论(株洲)",
                None,
                ("株洲市", 26),
            ),
            (
                "帮李局问一下,昆山的全体会议多久开一次",
                None,
                ("昆山市", 37),
            ),
        ],
    );
    // An intent's article is weighed against the intent's best article in its
    // own document too: 昆山 24 words 执法…责任追究 less fully than another
    // document's 规范公正文明执法 article, yet it is 昆山's (fresh-48, fresh-50).
    cites(
        &e,
        &[(
            "执法人员办错了案要追责吗,昆山规则怎么说",
            None,
            ("昆山市", 24),
        )],
    );
    // Two meetings compared: each one's own article, not the one naming both
    // (吐鲁番 29 publishes both meetings' decisions).
    let a = ask(&e, "吐鲁番的全体会议跟常务会议有什么不同", None, NOW);
    let top: Vec<u32> = a.citations.iter().take(2).map(|c| c.article).collect();
    assert!(
        top.contains(&40) && top.contains(&41),
        "{top:?}: {}",
        a.to_text()
    );
    // A pattern once written 一个人 never met the question's 1个人: 市长一个人定
    // asks whether a matter needs the meeting (four writers).
    cites(
        &e,
        &[
            ("吐鲁番的重大事项可以市长一个人定吗", None, ("吐鲁番市", 6)),
            // 全会 for the government's 全体会议 (four writers).
            ("株洲市政府全会一年开几次", None, ("株洲市", 43)),
            // A body sued, as the rules write it (行政应诉; two writers).
            ("吐鲁番的局当了被告,规则有啥要求", None, ("吐鲁番市", 34)),
        ],
    );
    // 双塔's page lost 区 of 区委 too (向委请示报告): matching reads it restored
    // (six writers asked it).
    cites(
        &e,
        &[(
            "双塔区政府的重要事项要不要先向区委请示",
            None,
            ("朝阳市双塔区", 3),
        )],
    );
    // The departments, street offices and Party working committees of bodies
    // whose rules are not held are theirs (places.toml `bodies`).
    unknown_place(&e, "自治区政府部门之间征求意见一般几天回", None);
    unknown_place(&e, "双塔下面街道办的党工委会议一个月开几次", None);
    // A holiday named beside a written date (中间过元旦) is what the days pass
    // over, not a second event: counted from the written date (fresh-55).
    let a = ask(
        &e,
        "吐鲁番,会签件12月29日收到,中间过元旦,最晚哪天回",
        None,
        "2025-12-29T10:00:00+08:00",
    );
    assert_eq!(
        a.deadline.as_ref().map(|d| d.date.as_str()),
        Some("2026-01-08"),
        "{}",
        a.to_text()
    );
    // The things counted, listed (有几个坚持, 法定程序有几个: two writers); a
    // limit (最多安排几个议题) still asks a number.
    cites(
        &e,
        &[
            ("株洲市政府的工作准则有几个坚持", None, ("株洲市", 4)),
            ("吐鲁番重大决策的法定程序有几个", None, ("吐鲁番市", 23)),
        ],
    );
    not_stated(&e, "株洲常务会议一次最多安排几个议题", None, "数量");
    // 多就开一次 is 多久开一次 typed by sound (six writers).
    not_stated(&e, "昆山市政府新闻发布会多就开一次", None, "频次");
    // A leader's own article on the office's account is still the rules' matter.
    cites(
        &e,
        &[(
            "局长想以个人名义在公众号发篇文章,谈区里还没定的事,要报批吗(双塔)",
            None,
            ("朝阳市双塔区", 69),
        )],
    );
    // A development zone's committee calls its meetings its own (自己的).
    unknown_place(&e, "高新区管委会自己的主任办公会一个月开几次", None);
    // A county of a held city named as where the asker is (我在鄯善县, 茶陵这边,
    // 我们高昌的), not before its own government or meetings: the city's rules
    // answer (fresh-53 asked 35 questions so; 34 were refused as unknown
    // places). The city a held district lies in (朝阳市) is the asker's address
    // when the question speaks of the district's own bodies (区长) or names a
    // town of the held one right after it (温州柳市). Where a trip starts (从吐
    // 鲁番去乌鲁木齐) is the home left.
    cites(
        &e,
        &[
            (
                "我在鄯善县,政府规章公布以后报哪里备案",
                None,
                ("吐鲁番市", 19),
            ),
            ("茶陵这边问下,两个确立在规则里是哪一条", None, ("株洲市", 3)),
            (
                "我们高昌的,差旅和会议经费规则要求控制吗",
                None,
                ("吐鲁番市", 62),
            ),
            (
                "朝阳市的同事问:区长不在谁主持区政府工作",
                None,
                ("朝阳市双塔区", 8),
            ),
            (
                "温州柳市这边,部门一把手有重大事项要向谁报告",
                None,
                ("乐清市", 11),
            ),
            ("从吐鲁番去乌鲁木齐开会要报备吗", None, ("吐鲁番市", 57)),
        ],
    );
    unknown_place(
        &e,
        "我们托克逊县政府自己的常务会多久开一次,不是市里的",
        None,
    );
    unknown_place(&e, "攸县政府常务会议多久开一次", None);
    unknown_place(&e, "朝阳市政府那边(市本级)常务会议多久开一次", None);
    unknown_place(&e, "苏州市政府常务会议一般多久开一次", None);
    // A county named by its full name (吐鲁番高昌区) before its own government:
    // the county's meeting, not the city's (fresh-52).
    unknown_place(&e, "吐鲁番高昌区政府常务会议谁主持", None);
    unknown_place(&e, "株洲醴陵市政府全体会议多久开一次", None);
    // …but one that speaks of the city's bodies too asks the city's rules
    // (fresh-184).
    cites(
        &e,
        &[(
            "吐鲁番高昌区政府报市政府审批的公文,区里谁来签发?",
            None,
            ("吐鲁番市", 51),
        )],
    );
    // Topics asked by several blind writers that no article settles: rewards for
    // investment brought in (five writers), quotas of commendations (two).
    // 办工会 is 办公会 typed by sound, not the trade union below.
    cites(&e, &[("昆山市长办工会一般谁来召集", None, ("昆山市", 39))]);
    for (q, j, topic) in [
        ("招商引资项目落地后奖励怎么兑现", None, "招商引资奖励政策"),
        // Village elections (eleven writers), the trade union (eleven), fees
        // for information on request (three), allowances for duty (fresh-50).
        (
            "村里两委换届选举一般几年搞一次",
            None,
            "村(居)委会和党组织的换届选举",
        ),
        ("单位工会会费每个月交多少", None, "工会经费与会员福利"),
        ("依申请公开政府信息要收费吗", None, "政府信息公开的收费"),
        ("国庆值班补助一天多少", Some("昆山市"), "工资待遇"),
        // How the government work report is written (thirteen writers).
        ("政府工作报告一般写多少字合适", None, "政府工作报告的起草"),
        // Training hours (five writers), the publicity before an appointment
        // (eleven), drink at an official reception (four).
        ("干部每年的网络学习要完成多少学时", None, "干部培训学时"),
        (
            "干部提拔以后公示期一般多少天",
            None,
            "职称评审、职级晋升与干部任用",
        ),
        ("公务接待的时候能不能上酒", Some("昆山市"), "饮酒"),
        // Running an office's WeChat account (three writers) or the website.
        (
            "单位开通微信公众号要报哪里审批",
            None,
            "政务公众号的开设与运营",
        ),
        (
            "政府网站平时谁来维护",
            Some("朝阳市双塔区"),
            "政府网站的运行管理",
        ),
        // Paper and numerals are layout (six writers asked A4 or 16开).
        (
            "公文里的日期用阿拉伯数字还是汉字",
            None,
            "公文的排版格式(字体、字号、页码、发文字号)",
        ),
        // A broken video-conference system (four writers); a bonus's date.
        (
            "视频会议系统出故障了找哪个单位修",
            None,
            "视频会议系统的使用",
        ),
        ("年终考核奖一般什么时候发", Some("吐鲁番市"), "工资待遇"),
        // The CPPCC's own sessions (two writers), not the government's part.
        (
            "市政协全体会议一般每年几月开",
            Some("昆山市"),
            "党委、人大、政协或乡镇自己的会议",
        ),
        // Applying for special bonds (two writers); the service hall's weekend
        // hours (fresh-52).
        ("专项债的额度一般怎么申请", Some("株洲市"), "专项债券的申报"),
        (
            "政务服务大厅礼拜六能不能延时服务",
            None,
            "作息时间与放假安排",
        ),
        (
            "年底表彰的先进个人名额怎么分配",
            Some("吐鲁番市"),
            "年度考核等次与比例",
        ),
    ] {
        let a = refused_as(&e, q, j, |r| {
            matches!(r, rulebot::answer::Refusal::OutOfScope { .. })
        });
        assert!(a.to_text().contains(topic), "{q}: {}", a.to_text());
    }
}

#[test]
fn what_fresh_56_to_60_taught() {
    let (_tmp, e) = engine();
    cites(
        &e,
        &[
            // 向谁请示: the article that sends it to someone (向区委请示报告),
            // not the one on documents sent (向政府报送的请示).
            ("双塔区政府重要事项向谁请示", None, ("朝阳市双塔区", 3)),
            // 在 + a held place + 办事 / 开公司 is business done there, not a
            // trip: the place's own rules.
            (
                "我在吐鲁番办事,政府是不是要推进互联网加政务服务",
                None,
                ("吐鲁番市", 16),
            ),
            (
                "我在双塔开了家公司,听说区里检查要双随机",
                None,
                ("朝阳市双塔区", 20),
            ),
            // Two questions, one of them who: the article that answers who,
            // though the other asks a figure it does not state (fresh-57).
            (
                "吐鲁番常务会议多久开一次?会议纪要由谁签发",
                None,
                ("吐鲁番市", 44),
            ),
            // What members must do (组成人员应当带头遵守) is not who they are.
            ("株洲市政府组成人员应当带头遵守什么", None, ("株洲市", 6)),
            // Whether the earlier version still holds: the article that repeals
            // it (asked by four writers).
            (
                "昆山这版工作规则施行后,以前的那版还管用吗",
                None,
                ("昆山市", 59),
            ),
            // 家属 is the rules' 亲属.
            ("昆山市政府组成人员对家属有什么要求", None, ("昆山市", 35)),
            // Who leads the government's work, asked the other way round
            // (政府的工作谁主持, four writers), with the head away however
            // it is said.
            (
                "老大出国半个月,这段时间乐清市政府的工作谁主持",
                None,
                ("乐清市", 8),
            ),
            (
                "区长去党校学习一个月,双塔区政府的工作谁主持",
                None,
                ("朝阳市双塔区", 8),
            ),
            // A town's government named as where the asker works is the
            // asker's place in the held city, not a place held by no document.
            (
                "我在周庄镇政府工作,市里部门报市政府的重大项目涉及我们镇,要事先征求镇里和村里意见吗",
                None,
                ("昆山市", 17),
            ),
        ],
    );
}

#[test]
fn what_fresh_61_and_62_taught() {
    let (_tmp, e) = engine();
    // A long article holds more of any question's words by chance: its
    // coverage counts less (双塔's 常务会议 article, first citation of 32 wrong
    // answers on the read sets, no longer takes the 党组 meeting's agenda or the
    // 督查 report to the 常务会议).
    cites(
        &e,
        &[
            (
                "双塔区政府党组会议多长时间开一次,议题由谁定",
                None,
                ("朝阳市双塔区", 40),
            ),
            (
                "双塔区督查工作要不要向常务会议汇报",
                None,
                ("朝阳市双塔区", 62),
            ),
        ],
    );
    // The words that ask where the rules say it (在哪条, 那条怎么写的) are not
    // searched: the article with the topic is cited, not refused (fresh-62).
    cites(
        &e,
        &[
            ("“双碳”在株洲规则哪条", None, ("株洲市", 17)),
            // 攸县 is a county of 株洲 wherever it stands, not only after 我在
            // (it was listed with the names that are also ordinary words).
            (
                "攸县这边问:市直部门的重大事项涉及我们县,要不要先征求意见",
                Some("朝阳市双塔区"),
                ("株洲市", 27),
            ),
        ],
    );
    // 驻双塔区的 reads 驻区的, as the rules write it (驻区垂管部门参照执行本规则;
    // three writers).
    cites(
        &e,
        &[(
            "我们是驻双塔区的税务分局,这个规则我们也要执行吗",
            None,
            ("朝阳市双塔区", 83),
        )],
    );
    let p = e.intents.prepare("全昆山市的会议多不多");
    assert!(p.canonical.starts_with("全市"), "{}", p.canonical);
    // A document named by its subject (关于停车收费的请示) is not about parking.
    let a = ask(
        &e,
        "我们局要给市政府报一个关于停车收费的请示,涉及住建局的职责,两家意见不一样怎么办",
        Some("昆山市"),
        NOW,
    );
    assert!(
        !matches!(
            &a.outcome,
            Outcome::Refused(rulebot::answer::Refusal::OutOfScope { .. })
        ),
        "{}",
        a.to_text()
    );
    // A body's 常务… is its own (国务院常务汇议, a slip in the meeting's name).
    unknown_place(&e, "国务院常务汇议一般多久开一次", None);
    // Which meeting decides, where the closest article names none: the rules
    // do not say (fresh-61).
    refused_as(
        &e,
        "吐鲁番副市长的分工调整在哪个会定?",
        None,
        |r| matches!(r, rulebot::answer::Refusal::NotStated { .. }),
    );
    // Pay asked (报酬怎么定, 奖励资金有多少): no document states what anyone
    // is paid; the topic's article does not answer it.
    for (q, j) in [
        ("吐鲁番政府法律顾问的报酬是怎么定的", None),
        ("督查激励评上了,奖励资金有多少", Some("株洲市")),
    ] {
        refused_as(&e, q, j, |r| {
            matches!(r, rulebot::answer::Refusal::NotStated { .. })
        });
    }
}

/// The threshold below which nothing is cited depends on the question's words:
/// every word the rules' own (or everyday question language), 0.60; a word no
/// article uses (纸质, 退役军人), 0.68. Both pairs below sit between the two.
#[test]
fn unfamiliar_words_ask_for_more_confidence() {
    let (_tmp, e) = engine();
    cites(
        &e,
        &[
            ("株洲市政府怎么调节经济", None, ("株洲市", 13)),
            ("乐清的经济调控这块有什么要求", None, ("乐清市", 13)),
        ],
    );
    refused(
        &e,
        &[
            ("电子公文和纸质公文的效力一样吗", None),
            ("退役军人安置到机关要走什么程序", None),
        ],
    );
    // The words of an out-of-scope topic that a held article covers are not
    // unfamiliar (社保 as policy: 昆山's 社会保障).
    let a = ask(&e, "就业社保这类民生的事,昆山规则怎么要求的", None, NOW);
    assert!(a.to_text().contains("第十四条"), "{}", a.to_text());
}

#[test]
fn durations_and_interviews_asked_that_no_rule_sets() {
    let (_tmp, e) = engine();
    // 有效期多长 asks a duration: an article on the topic that states none does
    // not answer it (fresh-56).
    refused_as(&e, "双塔区规范性文件有效期多长", None, |r| {
        matches!(r, rulebot::answer::Refusal::NotStated { .. })
    });
    // The party committee's own plenary meeting is not the government's.
    refused_as(&e, "市委全会多久开一次", Some("株洲市"), |r| {
        matches!(r, rulebot::answer::Refusal::OutOfScope { .. })
    });
    // 多少金额 asks a sum of money, which no article states (fresh-57).
    refused_as(
        &e,
        "政府采购达到多少金额必须公开招标",
        None,
        |r| matches!(r, rulebot::answer::Refusal::NotStated { .. }),
    );
    // 多少票 asks a number of votes, which no article states (fresh-58; a budget's
    // adjustment is now a topic of its own, out of scope).
    refused_as(
        &e,
        "预算草案要人大常委会多少票通过",
        None,
        |r| matches!(r, rulebot::answer::Refusal::NotStated { .. }),
    );
    // A journalist arranging an interview is the press office's matter; a
    // leader giving one is the rules' (接受采访).
    refused_as(
        &e,
        "记者想专访副区长怎么申请",
        Some("朝阳市双塔区"),
        |r| matches!(r, rulebot::answer::Refusal::OutOfScope { .. }),
    );
    let a = refused_as(
        &e,
        "我是乐清的记者,想预约采访市长怎么申请",
        None,
        |r| matches!(r, rulebot::answer::Refusal::OutOfScope { .. }),
    );
    assert!(a.to_text().contains("媒体采访"), "{}", a.to_text());
}

/// Regressions found by fresh-64 and fresh-65 (mechanisms, checked on every set).
#[test]
fn what_fresh_64_and_65_taught() {
    let (_tmp, e) = engine();
    // A county's or town's own government named as the unit the asker is from
    // (X镇政府办的,想问…) places the asker in the held city, whose rules answer;
    // the same unit asking of its own government's meetings is a place held by
    // no document.
    cites(
        &e,
        &[
            (
                "柳市镇政府办的,想问法治建设第一责任人是谁",
                None,
                ("乐清市", 23),
            ),
            ("茶陵县政府的同事问,政务数据库怎么建", None, ("株洲市", 32)),
            // 往 + a place's own government + 报: a document sent there, whose
            // rules answer; nobody travels (the chat's default is elsewhere).
            (
                "往昆山市政府报的公文能一次写好几件事吗",
                Some("乐清市"),
                ("昆山市", 45),
            ),
        ],
    );
    unknown_place(&e, "鄯善县政府办的,县政府常务会议谁主持", None);
    // A sentence after the question that asks nothing is a remark: its topic
    // (加班) does not refuse the question; one that asks (加班费怎么算) does.
    cites(
        &e,
        &[(
            "双塔区政府常务会议多久开一次?今天周日我还在单位加班",
            None,
            ("朝阳市双塔区", 41),
        )],
    );
    refused_as(
        &e,
        "双塔区政府常务会议多久开一次?加班费怎么算",
        None,
        |r| matches!(r, rulebot::answer::Refusal::OutOfScope { .. }),
    );
    // Topics asked by several writers that no document speaks of: internships,
    // applying for special funds, a party group's theory study, posts in the
    // establishment, the format of a CPPCC proposal.
    for q in [
        "暑假想来政府办实习有什么条件",
        "申报专项资金需要什么材料",
        "中心组学习多久一次",
        "局里想增加两个行政编制找谁",
        "政协提案怎么写",
        "借调来的同志,考勤归哪个单位",
    ] {
        refused_as(&e, q, Some("株洲市"), |r| {
            matches!(r, rulebot::answer::Refusal::OutOfScope { .. })
        });
    }
    // An asker who is an intern asks about the rules; 编制 as drawing up is the
    // rules' own word.
    cites(
        &e,
        &[
            (
                "我在研究室实习,株洲市政府常务会议谁主持",
                None,
                ("株洲市", 44),
            ),
            ("株洲重大行政决策目录谁来编制", None, ("株洲市", 26)),
        ],
    );
    // A template or a sample asked (four writers) is stated only by an article
    // that names a format; 规范文件 asks none.
    refused_as(
        &e,
        "双塔区督查通报有没有统一模板",
        None,
        |r| matches!(r, rulebot::answer::Refusal::NotStated { .. }),
    );
    cites(
        &e,
        &[
            (
                "双塔区报区政府的请示要符合什么格式",
                None,
                ("朝阳市双塔区", 51),
            ),
            (
                "株洲涉港澳台的事,部门能自己出规范文件吗",
                None,
                ("株洲市", 20),
            ),
        ],
    );
}

/// Regressions found by fresh-66 and fresh-67 (mechanisms, checked on every set).
#[test]
fn what_fresh_66_and_67_taught() {
    let (_tmp, e) = engine();
    // Where the asker is (我们在乐清,) gives way to a place held by no document
    // named with its own government; alone, it is the place asked about.
    unknown_place(&e, "我们在乐清,想问温州市政府常务会议多久开一次", None);
    cites(
        &e,
        &[
            ("我们在乐清,市政府常务会议谁主持", None, ("乐清市", 7)),
            // 加班 as what the asker is doing is no topic; 加班 with 调休 or
            // 加班费 is.
            (
                "双塔区今天加班开党组会,纪要几天内印发",
                None,
                ("朝阳市双塔区", 46),
            ),
        ],
    );
    // A matter a meeting is to discuss, named by its subject, is not the
    // question's topic (out_of_scope.toml scene).
    cites(
        &e,
        &[(
            "明天常务会上审议食堂改造方案,局长能请假吗",
            Some("朝阳市双塔区"),
            ("朝阳市双塔区", 47),
        )],
    );
    // A sentence that a question mark ends asks, whatever its words: never a
    // remark read out.
    for q in [
        "周末加班以后能补休吗",
        "双塔区政府常务会议多久开一次?加班能调休吗?",
        "同事开公车接孩子被拍了,会给什么处分?扣不扣工资?",
    ] {
        refused_as(&e, q, None, |r| {
            matches!(r, rulebot::answer::Refusal::OutOfScope { .. })
        });
    }
}

/// What reading fresh-68, fresh-69 and fresh-70 taught (eighteenth session).
#[test]
fn what_fresh_68_to_70_taught() {
    let (_tmp, e) = engine();
    // A topic no rule covers, told in the situation before the question, is the
    // scene when the last clause alone is answered with confidence.
    cites(
        &e,
        &[
            (
                "镇上想搞一次应急演练,工作规则对应急预案有啥要求没",
                Some("昆山市"),
                ("昆山市", 13),
            ),
            (
                "执法队员嫌麻烦不想录像,乐清规则对执法全程记录有要求吗",
                None,
                ("乐清市", 27),
            ),
        ],
    );
    // Alone, or with a last clause that asks nothing a rule answers, it is
    // still refused.
    for q in ["应急演练一年搞几次", "开会的时候能录像吗"] {
        refused_as(&e, q, None, |r| {
            matches!(r, rulebot::answer::Refusal::OutOfScope { .. })
        });
    }
    // Law enforcement recorded is no meeting recorded (twentieth session, three
    // writers): the rules on recording enforcement in full are offered.
    let a = ask(&e, "执法队员不想录像,怎么办", None, NOW);
    assert!(
        first(&a).is_some_and(|f| f == ("乐清市".into(), 27) || f == ("朝阳市双塔区".into(), 20)),
        "{}",
        a.to_text()
    );
    // Topics several blind writers asked that no document covers: cadres sent to
    // a village, a meeting opened to the press or streamed, when the government
    // work report is published, any new-media account of an office.
    for q in [
        "驻村干部每个月补贴多少",
        "乡镇干部驻村每月要住几天",
        "记者想旁听政府常务会议,怎么申请",
        "常务会议能不能网上直播",
        "双塔区政府工作报告什么时候公开",
        "单位想开个政务视频号,找哪里审批",
    ] {
        refused_as(&e, q, None, |r| {
            matches!(r, rulebot::answer::Refusal::OutOfScope { .. })
        });
    }
    // Deputies and the public invited to sit in, and when the report is
    // discussed, are the rules' matter.
    cites(
        &e,
        &[
            ("株洲常务会议会不会请人大代表来旁听", None, ("株洲市", 28)),
            ("吐鲁番的政府工作报告在哪个会上讨论", None, ("吐鲁番市", 41)),
        ],
    );
    // A thing's name (门户网站叫什么) is not a person's: the rules may name it.
    cites(
        &e,
        &[("昆山规则里说的政府门户网站叫什么名字", None, ("昆山市", 27))],
    );
}

/// What reading fresh-71, fresh-72 and fresh-73 taught (eighteenth session).
#[test]
fn what_fresh_71_to_73_taught() {
    let (_tmp, e) = engine();
    // The one who does an act (签发人) is said by the act (送主任签发).
    cites(
        &e,
        &[
            (
                "政府办名义发个一般性通知,签发人是谁",
                Some("昆山市"),
                ("昆山市", 50),
            ),
            // Two meetings compared across a comma: each one's own article.
            (
                "吐鲁番的全体会和常务会,参会人员有啥区别?",
                None,
                ("吐鲁番市", 40),
            ),
            // 多久开次 drops 一 and still asks how often.
            ("昆山常务会最少多久开次", None, ("昆山市", 38)),
        ],
    );
    // Topics two writers or more asked that no document covers: a reply to a
    // proposal found wanting, 兼 before a post, booking an official car.
    for q in [
        "政协委员对提案的答复不满意,能要求重新办理吗",
        "街道办主任能不能兼社区书记",
        "公务用车平台的车怎么预约",
    ] {
        refused_as(&e, q, None, |r| {
            matches!(r, rulebot::answer::Refusal::OutOfScope { .. })
        });
    }
    // A province's own heads are the province's, not a held city's.
    unknown_place(&e, "省政府副省长外出要提前几天报备?", None);
    // 每年几月 asks a month, which no article states.
    not_stated(
        &e,
        "双塔领导干部个人有关事项报告每年几月填?",
        None,
        "星期或月份",
    );
}

/// What reading fresh-74 and fresh-75 taught (eighteenth session).
#[test]
fn what_fresh_74_and_75_taught() {
    let (_tmp, e) = engine();
    cites(
        &e,
        &[
            // A deputy sent in one's place: leave from the meeting.
            (
                "常务会那天局长走不开,能不能派副局长替他去",
                Some("昆山市"),
                ("昆山市", 55),
            ),
            // Talk spreading online, as people say it, is public opinion.
            (
                "网上有人在热炒我们局的事,规则要求怎么应对",
                Some("昆山市"),
                ("昆山市", 30),
            ),
            // Away on the day of a meeting: leave from the meeting.
            (
                "常务会那天我们局长想去外地看个展会,能请假吗",
                Some("朝阳市双塔区"),
                ("朝阳市双塔区", 47),
            ),
            // A held place's own offices are no trip away.
            (
                "我刚到昆山市府办,办公室副主任平时协助哪位领导",
                None,
                ("昆山市", 8),
            ),
            // The meeting or one leader: the matters decided collectively.
            (
                "专项债资金怎么分,是分管副市长定了就行,还是得上常务会讨论",
                Some("株洲市"),
                ("株洲市", 26),
            ),
            // Away at a party school is away.
            (
                "区长去党校学习半个月,区政府谁主持工作",
                Some("朝阳市双塔区"),
                ("朝阳市双塔区", 8),
            ),
        ],
    );
    // A street's or a township's own meetings are theirs.
    unknown_place(&e, "街道主任办公会多久开一次", Some("朝阳市双塔区"));
    for q in ["窗口人员能不能穿便装上班", "去档案馆查老档案要什么手续"] {
        refused_as(&e, q, None, |r| {
            matches!(r, rulebot::answer::Refusal::OutOfScope { .. })
        });
    }
}

/// Regressions found by reading fresh-76 to fresh-79 (77 and 79 the hotline), each a
/// mechanism measured on every set.
#[test]
fn what_fresh_76_to_79_taught() {
    let (_tmp, e) = engine();
    // A caller as the hotline logs one (an office's staff member who phoned):
    // the caller's office (应急局) is not the topic, so 应急管理 is not cited.
    refused(
        &e,
        &[
            ("吐鲁番应急局的老同志打电话问,纪委函询什么程序", None),
            (
                "来电人说自己在吐鲁番应急局上班,纪检谈话函询走什么程序",
                None,
            ),
        ],
    );
    cites(
        &e,
        &[
            // The scene is the opening clause (a new recruit, a topic no rule
            // covers); what follows it is asked and answered.
            (
                "刚来的选调生写材料,要引用乐清市政府工作的指导思想,原话怎么说",
                None,
                ("乐清市", 2),
            ),
            // The office skipped, said after the leader (没走政府办): the rule that
            // leaders do not sign what the office has not reviewed (two writers).
            (
                "这个请示直接拿到副区长那了,他能直接签吗?没走政府办",
                Some("朝阳市双塔区"),
                ("朝阳市双塔区", 54),
            ),
            // The meeting as where a thing goes: the thing is asked, not the
            // meeting (eleven writers).
            (
                "要上常务会的规范性文件,由谁先初审",
                Some("株洲市"),
                ("株洲市", 46),
            ),
            // Whether a kind of meeting is held at all: the article that says
            // which meetings the government holds (eleven writers).
            (
                "吐鲁番有市长办公会议吗,还是只有全体会和常务会",
                None,
                ("吐鲁番市", 39),
            ),
            // Which of several departments leads is coordination across them,
            // not each department's own duties (eleven writers).
            (
                "一件事涉及好几个部门的职责,谁来牵头",
                Some("昆山市"),
                ("昆山市", 31),
            ),
            // Passing work on (来回踢皮球) is the rules' 推诿.
            (
                "两个部门来回踢皮球,事情拖了半年没人办,规则怎么说",
                Some("昆山市"),
                ("昆山市", 33),
            ),
            // The office's own deputy, said apart from the office (nine writers).
            (
                "刚调到政府办,我们办里的副主任一般协助谁",
                Some("昆山市"),
                ("昆山市", 8),
            ),
            // A meeting at a hotel in a scenic spot, as people say it (景区,
            // 酒店): the rules' 高级宾馆和风景名胜区.
            (
                "业务会想放到景区那边的酒店开,可以吗",
                Some("吐鲁番市"),
                ("吐鲁番市", 45),
            ),
            // Who it should be (签发人应该是谁): the signer, said by the act.
            (
                "以市政府名义发个通知,签发人应该是谁",
                Some("昆山市"),
                ("昆山市", 49),
            ),
            // A secretary assigned, as people say it (配个秘书; five writers).
            ("吐鲁番的副市长能不能配个秘书", None, ("吐鲁番市", 63)),
            // One document sent to several at once is the rules' 多头报送
            // (three writers).
            (
                "一份请示同时送给好几个副市长,行不行",
                Some("昆山市"),
                ("昆山市", 45),
            ),
            // Not agreeing with what was decided, said plainly (three writers).
            (
                "常务会定的事我不同意,能在外面说吗",
                Some("朝阳市双塔区"),
                ("朝阳市双塔区", 67),
            ),
            // A leader's word above the law, as people say it, is the rules'
            // 以言代法 (six writers).
            (
                "领导一句话能不能顶替法律规定",
                Some("株洲市"),
                ("株洲市", 22),
            ),
            // An article put out as people say it (发篇文章) is 发表 (six writers).
            (
                "副区长想在报纸上发篇文章,讲还没研究过的事,要报批吗",
                Some("朝阳市双塔区"),
                ("朝阳市双塔区", 69),
            ),
        ],
    );
    // A count the asker names to be checked (不能超过8个,对吗) is a figure the
    // article must state.
    not_stated(
        &e,
        "听说规定全体会议一次议题不能超过8个,对吗",
        Some("朝阳市双塔区"),
        "界限",
    );
    // 有硬性要求吗 asks whether a rule says, so 几次 before it stays asked.
    not_stated(
        &e,
        "新闻发布会一年要开几次,有硬性要求吗",
        Some("朝阳市双塔区"),
        "频次",
    );
    // A fee asked a few words after it (培训费每人每天最多能花多少) asks a sum.
    not_stated(
        &e,
        "办个业务培训班,培训费每人每天最多能花多少",
        Some("朝阳市双塔区"),
        "金额",
    );
    // A province's own government's meetings are that body's, whatever held
    // place the asker names (two writers).
    unknown_place(&e, "有个株洲的朋友问,江西省政府全体会议一年开几次", None);
    unknown_place(&e, "我在昆山市政府办,江苏省政府常务会议谁主持", None);
    // What a document would say, quoted (写只准本地企业参与投标), is its content
    // asked about, not the topic of bidding (seven writers).
    for q in [
        "我们想在规范性文件里写只有本地企业能投标,行不行",
        "政策里能不能写只允许本地企业参加投标",
        // A subsidy policy for the public is no pay (fresh-81).
        "补贴政策老百姓看不懂,部门要不要解读",
    ] {
        let a = ask(&e, q, Some("株洲市"), NOW);
        assert!(
            !matches!(
                a.outcome,
                Outcome::Refused(rulebot::answer::Refusal::OutOfScope { .. })
            ),
            "{q}: {}",
            a.to_text()
        );
    }
    // Setting up an office's section, and where posts are applied for.
    for q in [
        "我们局想增设一个内设科室,找哪里批",
        "社区想多要两个人,编制去哪申请",
    ] {
        refused_as(&e, q, Some("朝阳市双塔区"), |r| {
            matches!(r, rulebot::answer::Refusal::OutOfScope { .. })
        });
    }
}

/// Regressions found by fresh-82 and fresh-83 (each a mechanism, checked on
/// every set).
#[test]
fn what_fresh_82_and_83_taught() {
    let (_tmp, e) = engine();
    cites(
        &e,
        &[
            // A leader said to be in a place held by no document is away
            // there; the rules asked are the chat's (two writers).
            (
                "市长这几天在上海招商,周四的常务会能让常务副市长主持吗",
                Some("昆山市"),
                ("昆山市", 38),
            ),
            // 上哪个会审议: an article close behind the first that names the
            // meeting answers, when the first names none.
            (
                "规章草案改好了,要上哪个会审议通过,常务会还是全体会?",
                Some("吐鲁番市"),
                ("吐鲁番市", 41),
            ),
            // 没几天 says a short while and asks nothing.
            (
                "来单位没几天,问一下市长助理算不算市政府组成人员",
                Some("昆山市"),
                ("昆山市", 5),
            ),
        ],
    );
    // A limit said in a clause with no subject of its own (原则上应在会议召开2
    // 天前,履行完审核程序) is said of the sentence before it (汇报材料…审核).
    let a = ask(
        &e,
        "5月4号开常务会,我们的汇报材料最晚哪天要审完?",
        Some("朝阳市双塔区"),
        "2023-04-25T16:00:00+08:00",
    );
    assert_eq!(
        first(&a),
        Some(("朝阳市双塔区".into(), 41)),
        "{}",
        a.to_text()
    );
    assert_eq!(
        a.deadline.as_ref().map(|d| d.date.as_str()),
        Some("2023-04-28"),
        "{}",
        a.to_text()
    );
    // A day named for the meeting wins over the default day of a period said
    // of it (年底最后一次常务会).
    let a = ask(
        &e,
        "今天开了年底最后一次常务会,通过的文件最迟哪天印发?",
        Some("吐鲁番市"),
        "2024-12-30T18:00:00+08:00",
    );
    assert_eq!(first(&a), Some(("吐鲁番市".into(), 44)), "{}", a.to_text());
    assert_eq!(
        a.deadline.as_ref().map(|d| d.date.as_str()),
        Some("2025-01-09"),
        "{}",
        a.to_text()
    );
    // A venue asked (哪个会议室) is no meeting asked.
    refused(&e, &[("区长例会一般在哪个会议室开", Some("朝阳市双塔区"))]);
}

/// Regressions found by fresh-84 (each a mechanism, checked on every set).
#[test]
fn what_fresh_84_taught() {
    let (_tmp, e) = engine();
    cites(
        &e,
        &[
            // Whether someone is a member (办公室主任算不算): the article that
            // lists the members, not the one on the person (four writers).
            (
                "市政府组成人员有哪些?办公室主任算不算",
                Some("乐清市"),
                ("乐清市", 4),
            ),
            // Someone else signing what is sent up, with the names the reading
            // writes (一把手 → 部门主要负责人) in between (four writers).
            (
                "报市政府的请示,一把手在外地,分管副局长代签行不行",
                Some("昆山市"),
                ("昆山市", 47),
            ),
            // A permission asked in a clause the next continues: 晚几天 is "a
            // few days later", no figure asked.
            (
                "政策文件和解读材料能不能分开,过几天再发解读?",
                Some("乐清市"),
                ("乐清市", 31),
            ),
            // Several matters in one request, said as people say it (这个请示里
            // 塞了三件事, 一文两事): the rules' 一文一事 (five writers).
            (
                "我这个请示里塞了三件事,会不会被退回来?",
                Some("昆山市"),
                ("昆山市", 45),
            ),
            ("请示能一文两事吗", Some("昆山市"), ("昆山市", 45)),
            // A meeting of the whole city named by its kind (three writers).
            (
                "局里想开一个全市范围的动员会,要报哪里批?",
                Some("昆山市"),
                ("昆山市", 43),
            ),
        ],
    );
}

/// Regressions found by fresh-85 (each a mechanism, checked on every set).
#[test]
fn what_fresh_85_taught() {
    let (_tmp, e) = engine();
    cites(
        &e,
        &[
            // 长务会 (a slip for 常务会) after a place's suffix is no 区长 (three
            // writers).
            ("双塔区长务会一般多久开一次", None, ("朝阳市双塔区", 41)),
            // A caller who phoned (…来电,说…) is the scene, and a title (副科长)
            // is no rank asked.
            (
                "财政局一个副科长来电,说在核对株洲市政府组成人员,秘书长算在里面吗?",
                None,
                ("株洲市", 5),
            ),
            // A trip within a place held by no document, a word of where
            // between (在苏州市里跑), is a trip, not that place's rules.
            (
                "我是镇长,要去上海出差,要不要书面请假?在苏州市里跑算不算",
                Some("昆山市"),
                ("昆山市", 55),
            ),
            // Someone else signing a request, with more words after 签 (签一下报
            // 市政府,行不行; five writers).
            (
                "局长出差了,请示件让副局长签一下报市政府,行不行?",
                Some("昆山市"),
                ("昆山市", 47),
            ),
            // 想请几位 says a few, it asks no number.
            (
                "株洲市政府常务会想请几位政协委员列席,有依据吗",
                None,
                ("株洲市", 28),
            ),
        ],
    );
    refused(&e, &[("常务会议上能拍照吗", Some("昆山市"))]);
    cites(
        &e,
        &[
            // A document photographed and passed on is a breach of secrecy, not
            // photographing a meeting (four writers).
            (
                "同事把内部会议材料拍照发到了朋友圈,规则里对保密怎么说?",
                Some("昆山市"),
                ("昆山市", 54),
            ),
            // Whether a kind of meeting exists (有没有市长办公会这一说).
            (
                "吐鲁番市政府有没有市长办公会这一说?",
                None,
                ("吐鲁番市", 39),
            ),
            // Going home far away is leaving the city (three writers).
            (
                "我们局长要回内地老家待几天,需要请假吗",
                Some("吐鲁番市"),
                ("吐鲁番市", 57),
            ),
            // Not agreeing with a decision, words between (对一个决定不太认同),
            // and saying so outside (four writers).
            (
                "分管副市长对常务会的决定有保留意见,能不能在外面讲",
                Some("昆山市"),
                ("昆山市", 53),
            ),
        ],
    );
    // An article an intent picks is scored on its text even when the search
    // for the question's many common words (文件, 领导, 要求) left it below the
    // cut: with every document in scope, a rule on secrecy answers.
    let a = ask(
        &e,
        "有个同志把内部文件拍照发朋友圈了,领导问工作规则里对保密有什么要求",
        None,
        NOW,
    );
    let secrecy = [
        ("昆山市".to_string(), 54),
        ("吐鲁番市".to_string(), 59),
        ("朝阳市双塔区".to_string(), 74),
    ];
    assert!(
        first(&a).is_some_and(|f| secrecy.contains(&f)),
        "{}",
        a.to_text()
    );
    // A day of the first lunar month is a date (正月初八 of 2025 is 5 February;
    // two days before falls in the 春节 days off).
    let a = ask(
        &e,
        "我们主任正月初八要离开朝阳去北京,最晚哪天报备?",
        Some("朝阳市双塔区"),
        "2025-01-20T10:00:00+08:00",
    );
    assert_eq!(
        first(&a),
        Some(("朝阳市双塔区".into(), 71)),
        "{}",
        a.to_text()
    );
    assert_eq!(
        a.deadline.as_ref().map(|d| d.date.as_str()),
        Some("2025-01-27"),
        "{}",
        a.to_text()
    );
}

/// Near misses the rules do not answer (found over fresh-5 … fresh-85, each a
/// mechanism checked on every set): who has which field, when something with
/// no word of time is done, a figure of another kind of meeting.
#[test]
fn near_misses_are_refused_and_their_neighbours_answered() {
    let (_tmp, e) = engine();
    refused(
        &e,
        &[
            ("昆山现在哪位副市长分管教育", None),
            ("株洲的副市长都分管哪些局", None),
            ("领导干部个人有关事项每年什么时候报", Some("吐鲁番市")),
            ("株洲市政府全体会议要多少人出席才有效?", None),
            // A figure's clause is not about the question for sharing a pair of
            // function words (要在多少天内 and 要在十天内).
            ("过年有企业硬塞了个红包,退不回去,要在多少天内上交?", None),
        ],
    );
    cites(
        &e,
        &[
            (
                "株洲市政府常务会议要多少人出席才有效?",
                None,
                ("株洲市", 44),
            ),
            // 啥时候要 asks in which cases, which the article says.
            (
                "双塔部门发文啥时候要写经区政府同意",
                None,
                ("朝阳市双塔区", 56),
            ),
        ],
    );
}

/// Regressions found by fresh-88 and fresh-89 (each a mechanism, checked on
/// every set).
#[test]
fn what_fresh_88_and_89_taught() {
    let (_tmp, e) = engine();
    cites(
        &e,
        &[
            // 签发OK吗 asks whether, as 签发行不行 does (six writers).
            (
                "部门报市政府的请示,分管副局长签发OK吗?",
                Some("昆山市"),
                ("昆山市", 47),
            ),
            // Who attends, asked tersely (参会人员?), with a candidate named.
            (
                "常务会参会人员?府办主任算不算",
                Some("昆山市"),
                ("昆山市", 38),
            ),
            // Law enforcement recorded in full is the enforcement record, not a
            // meeting recorded (three writers).
            (
                "执法要全程录像,乐清的工作规则里有这套要求吗?",
                None,
                ("乐清市", 27),
            ),
            // Whether it is held so often asks the frequency.
            ("常务会是不是每个月都得开?", Some("昆山市"), ("昆山市", 38)),
            // 只开全体会和常务会: which meetings the government holds.
            (
                "听人说吐鲁番市政府没有市长办公会,只开全体会和常务会,是这样吗",
                None,
                ("吐鲁番市", 39),
            ),
        ],
    );
    // English words typed into a question are read as the rules write them.
    let a = ask(
        &e,
        "今天开完区长例会,meeting minutes最晚哪天要发?",
        Some("朝阳市双塔区"),
        "2026-04-30T17:00:00+08:00",
    );
    assert_eq!(
        first(&a),
        Some(("朝阳市双塔区".into(), 46)),
        "{}",
        a.to_text()
    );
    assert!(a.deadline.is_some(), "{}", a.to_text());
    // Recording a meeting is still no rule's; a count or a sum asked tersely
    // (职数是几个, 需要几个代表联名, 限额标准多少万) is a figure the article must
    // state.
    refused(
        &e,
        &[
            ("常务会议能不能全程录音录像?", Some("株洲市")),
            ("市政府副秘书长职数是几个", None),
            ("人大代表提质询案,需要几个代表联名", None),
            ("政府采购 分散采购限额标准 多少万", None),
        ],
    );
    // Leave of staff who are not leaders, or of other kinds (事假), is no rule's
    // (three writers).
    refused_as(
        &e,
        "一般科员请三天事假要谁批?",
        Some("吐鲁番市"),
        |r| matches!(r, rulebot::answer::Refusal::OutOfScope { .. }),
    );
}

/// Regressions found by fresh-92 and fresh-93 (each a mechanism, checked on
/// every set).
#[test]
fn what_fresh_92_and_93_taught() {
    let (_tmp, e) = engine();
    cites(
        &e,
        &[
            // A province's meeting held here, as a city's is (four writers).
            (
                "省里有个厅想在我们区开个全省的现场会,我们能直接答应吗",
                Some("朝阳市双塔区"),
                ("朝阳市双塔区", 49),
            ),
            // 给市政府报公文 is a request sent up.
            (
                "县里给市政府报公文,县长出差,副县长签发行吗",
                Some("吐鲁番市"),
                ("吐鲁番市", 51),
            ),
            // A lawsuit lost (打官司输了 / 败诉) and its judgment.
            (
                "局里跟企业打官司败诉了,能不能先不执行判决",
                Some("吐鲁番市"),
                ("吐鲁番市", 34),
            ),
            // 前几年 says when, it asks no time limit.
            (
                "前几年定的一个决策现在出问题了,当时的领导还要追责吗",
                Some("吐鲁番市"),
                ("吐鲁番市", 38),
            ),
            // Whether it must go to the collective (是不是必须上常务会?还是分管领导定),
            // across the question mark; 秘书科 is an office, not a leader's secretary.
            (
                "专项债的钱怎么安排,是不是必须上常务会?还是分管副市长定就行",
                Some("株洲市"),
                ("株洲市", 26),
            ),
            (
                "有件全市的大事,分管领导想开个专题会就拍板,秘书科问是不是必须上全体会或者常务会",
                Some("株洲市"),
                ("株洲市", 26),
            ),
            // Who chairs the meeting while the mayor is away (five writers): the
            // meeting's rule, not the leave.
            (
                "市长下周出差,周三的常务会能不能让常务副市长代为主持",
                Some("昆山市"),
                ("昆山市", 38),
            ),
            // A joint document signed by all, asked whether the government approves
            // it: the joint-document rule, not the countersign reply.
            (
                "两个局联合发一个重要的规范性文件,会签完了,发布前要不要报市政府批",
                Some("吐鲁番市"),
                ("吐鲁番市", 20),
            ),
            // A secretary who asks is no question about secretaries for leaders.
            (
                "副市长分管的地方出了个大情况,秘书问先处理还是先报告,报给谁",
                Some("乐清市"),
                ("乐清市", 9),
            ),
            // A request slipped into a report, said at length (three writers).
            (
                "工作报告写好了,末尾想顺便请市政府拨点经费,这样行吗",
                Some("吐鲁番市"),
                ("吐鲁番市", 47),
            ),
            // Carbon peaking spelt out is the rules' “双碳”.
            ("规则里有没有讲碳达峰碳中和", Some("株洲市"), ("株洲市", 17)),
            // Blame that follows a decision-maker who has moved on.
            (
                "当年拍板的领导已经调离了,决策出了问题还追不追责",
                Some("吐鲁番市"),
                ("吐鲁番市", 38),
            ),
            // A phrase in quotation marks that one article writes word for word.
            ("株洲规则里提没提“双碳”", None, ("株洲市", 17)),
        ],
    );
    // The conditions for something asked (需要满足什么条件): the rules name none,
    // whatever article the topic matches (some twenty near misses).
    not_stated(&e, "容错免责要满足哪些条件", Some("吐鲁番市"), "条件");
    not_stated(&e, "申请公职律师需要什么条件", Some("株洲市"), "条件");
    // How to apply is not in the rules, but for leave and approval, which are.
    // (Signing up for a hearing is refused as the out-of-scope topic of hearing
    // participants since 2026-12-05, four writers.)
    refused(&e, &[("听证会群众要怎么报名参加", Some("乐清市"))]);
    not_stated(
        &e,
        "决策咨询专家库怎么报名",
        Some("乐清市"),
        "申请或报名办法",
    );
    cites(
        &e,
        &[("局长去北京出差,要怎么申请", Some("昆山市"), ("昆山市", 55))],
    );
    // Classified media and gifts handed in: what the rules never say (five and
    // three writers).
    for (q, j) in [
        ("机密文件能不能多复印几份给科室传阅", "昆山市"),
        ("外宾送给局长的纪念品要上交吗", "吐鲁番市"),
        // How soon a petition or a mayor's-mailbox letter is answered, and how
        // long a rectification may take (some 170 and seven near misses).
        ("市长信箱转来的留言部门要几天内回复", "朝阳市双塔区"),
        ("审计查出的问题整改期限是多少天", "昆山市"),
    ] {
        out_of_scope(&e, q, Some(j));
    }
    // A held place before its own meeting (往双塔区常务会上拿) is the place asked
    // about, not a trip's destination: only its rules are cited.
    let a = ask(
        &e,
        "处长想把这事直接往双塔区常务会上拿,按规定哪些事情不该上常务会",
        None,
        NOW,
    );
    assert!(
        !a.citations.is_empty() && a.citations.iter().all(|c| c.jurisdiction == "朝阳市双塔区"),
        "{}",
        a.to_text()
    );
}

/// Regressions found by fresh-96 to fresh-101 (each a mechanism, checked on
/// every set).
#[test]
fn what_fresh_96_to_101_taught() {
    let (_tmp, e) = engine();
    cites(
        &e,
        &[
            // The meeting named tells neighbouring articles apart: another single
            // meeting's article loses (党组会 and 区长办公会 议题, four writers).
            (
                "明天党组会,分管领导临时想加个议题,可以吗",
                Some("朝阳市双塔区"),
                ("朝阳市双塔区", 40),
            ),
            (
                "区长办公会议定期召开吗?议题由谁确定?",
                Some("朝阳市双塔区"),
                ("朝阳市双塔区", 43),
            ),
            // 常务副局长 is a department's deputy, not 常务副 + 局长.
            (
                "局长出差半个月,报市政府的请示可以让常务副局长签字吗",
                Some("昆山市"),
                ("昆山市", 47),
            ),
            // Sent to a leader himself (an intent of its own, not one reading of
            // the broader 公文报送规则).
            (
                "有个科把材料直接拿到副市长办公室去了,没有经过府办,这样可以吗",
                Some("昆山市"),
                ("昆山市", 46),
            ),
            (
                "哪些情况下公文可以直接送给市领导个人",
                Some("吐鲁番市"),
                ("吐鲁番市", 47),
            ),
            // Matters slipped into a request across a clause (一口气塞了两件事).
            (
                "处里起草了一个请示,顺手塞了两件事进去,一起报市政府可以吗",
                Some("昆山市"),
                ("昆山市", 45),
            ),
            // 借…地方开全市性会议 is a meeting held here.
            (
                "有个市直部门想借我们区的会场开个全市性的推进会,我们能直接答应吗",
                Some("朝阳市双塔区"),
                ("朝阳市双塔区", 49),
            ),
            // One leader deciding alone against the meeting (five writers).
            (
                "这个项目投资很大,分管领导说他自己就能定,我们觉得必须上会,规则怎么说",
                Some("吐鲁番市"),
                ("吐鲁番市", 6),
            ),
            // Meetings passed down by meetings, said plainly (three writers).
            (
                "上级开个会,我们就层层开会传达,规则里反对这种做法吗",
                Some("吐鲁番市"),
                ("吐鲁番市", 64),
            ),
            // A closing relay (…,科长让我查一下) is not who the question is about.
            (
                "一位副局长对市政府定的一个事有看法,想在采访时讲讲。办公室主任吃不准,让我查一下",
                Some("昆山市"),
                ("昆山市", 53),
            ),
            // 请示 … the head away … 能不能让副职签发, with the absence between.
            (
                "报市政府的请示,局长住院一个月,能不能让副局长签发先报",
                Some("昆山市"),
                ("昆山市", 47),
            ),
        ],
    );
    cites(
        &e,
        &[
            // 开不了常务会 is someone who cannot attend it.
            (
                "局长开不了下周的全体会,要跟谁请假",
                Some("吐鲁番市"),
                ("吐鲁番市", 43),
            ),
            // 开会传达开会、发文落实发文 (six writers).
            (
                "开会传达开会、发文落实发文,规则里怎么看",
                Some("朝阳市双塔区"),
                ("朝阳市双塔区", 79),
            ),
            // More matters put in one request, together (一块请示).
            (
                "写个请示,把另外三件事也一块请示了,行吗",
                Some("昆山市"),
                ("昆山市", 45),
            ),
            // A leader's own trip met with an escort and a meal is the research
            // article's 陪同人员, not receiving a visiting group.
            (
                "市长下周去乡里调研,乡里安排了一大帮人陪同,还准备了接待餐,合适吗",
                Some("吐鲁番市"),
                ("吐鲁番市", 66),
            ),
        ],
    );
    // Sections changed, the duty roster arranged, an account kept up: topics the
    // rules do not cover (five writers each or more).
    for (q, j) in [
        ("我们局的内设科室要调整,报谁批", Some("株洲市")),
        ("国庆期间领导带班怎么排", Some("昆山市")),
        ("单位公众号半年没更新,会不会被关停", Some("乐清市")),
    ] {
        out_of_scope(&e, q, j);
    }
    cites(
        &e,
        &[
            // A crowd that goes along (跟了一大群人) is the rules' 陪同人员.
            (
                "副市长下乡调研,后面跟了一大群人,这样行吗",
                Some("吐鲁番市"),
                ("吐鲁番市", 66),
            ),
            // 到底 only presses the question (到底由哪些人组成 has no word 底由).
            (
                "新来的问我,全体会到底由哪些人组成",
                Some("吐鲁番市"),
                ("吐鲁番市", 40),
            ),
            // The meeting as the question's topic: its own article over the one on
            // all meetings; a document that came from a meeting is the document's.
            (
                "区长办公会定期开不开?议题由谁提出",
                Some("朝阳市双塔区"),
                ("朝阳市双塔区", 43),
            ),
            (
                "常务会定的文件最晚多久要印发出去",
                Some("吐鲁番市"),
                ("吐鲁番市", 44),
            ),
            // The first item of a list the rules set out (工作准则第一条) is no
            // article number (two writers).
            ("政府工作准则第一条是什么", Some("株洲市"), ("株洲市", 4)),
            // Treated to a meal and given presents, said plainly, are the rules'
            // 宴请 and 送礼 (ten questions of eight writers).
            (
                "下面街道请我们吃个饭,能去吗",
                Some("朝阳市双塔区"),
                ("朝阳市双塔区", 77),
            ),
            (
                "企业寄来两盒月饼,能收吗",
                Some("朝阳市双塔区"),
                ("朝阳市双塔区", 77),
            ),
            // A department whose party secretary is not its head is the rules'
            // 党政主要负责人分设 (six writers).
            (
                "局里书记和局长不是一个人,到底谁负总责",
                Some("株洲市"),
                ("株洲市", 11),
            ),
            // Departments at odds over drafted rules: the legislation article's
            // third-party assessment, not rules in general (six writers).
            (
                "立规章的时候几个部门吵得厉害,该怎么办",
                Some("吐鲁番市"),
                ("吐鲁番市", 19),
            ),
            // Two meetings named together: the article whose first sentence names
            // just those two answers for both (市长召集和主持全体会议和常务会议).
            ("全体会和常务会由谁召集", Some("株洲市"), ("株洲市", 8)),
            // The general requirements of the government's members (ten questions
            // of nine writers): the article that sets them, not a department's.
            (
                "对政府组成人员总的要求是什么",
                Some("昆山市"),
                ("昆山市", 4),
            ),
            // 一般性工作事项 is the 710 rule's 一般事项.
            (
                "区里部署的一般性工作事项几天要办完",
                Some("朝阳市双塔区"),
                ("朝阳市双塔区", 63),
            ),
            // A kind of matter named with the meetings: the article that lists the
            // matters that go to them, not the one that says major matters do.
            (
                "有个好几亿的建设项目,要不要上全体会或者常务会定",
                Some("乐清市"),
                ("乐清市", 19),
            ),
            // Matters kneaded into one request (揉在一个请示里).
            (
                "把两件事揉在一个请示里报市政府,行吗",
                Some("昆山市"),
                ("昆山市", 45),
            ),
            // A request for money slipped into a report is the report's rule, not
            // a budget's adjustment.
            (
                "写工作报告的时候顺便申请追加经费,可以吗",
                Some("吐鲁番市"),
                ("吐鲁番市", 47),
            ),
        ],
    );
    // A budget added to in the year, a new portfolio announced, how many sit at
    // a working meal: what no work rule says (three to five writers each).
    for (q, j) in [
        ("年底部门想追加一点经费,要走什么程序", Some("昆山市")),
        ("副市长分工调整了,要不要在网上公布", Some("株洲市")),
        ("省里来人检查,陪餐人数有没有限制", Some("朝阳市双塔区")),
        // A leading group set up, minutes sent out, an official car renewed.
        ("区里想成立一个领导小组,报谁批", Some("朝阳市双塔区")),
        ("常务会纪要印好后要抄送哪些单位", Some("株洲市")),
        ("单位的公务车开了八年了,能申请更新吗", Some("吐鲁番市")),
        ("几个议事协调机构要撤并,报谁批", Some("吐鲁番市")),
        // A district's minutes filed above, a website message answered in time.
        ("区政府常务会议纪要要不要报市里备案", Some("朝阳市双塔区")),
        ("政府网站上的群众留言几个工作日内要回复", None),
    ] {
        out_of_scope(&e, q, j);
    }
    // A township's own work rules are not held (three writers).
    unknown_place(&e, "乡镇政府是不是也要定自己的工作规则", None);
    unknown_place(&e, "下级政府的工作规则要报备案吗", Some("乐清市"));
    unknown_place(&e, "乡镇政府自己也要定工作规则吗", None);
    // 多少名 asks a count, which the rules do not state.
    not_stated(&e, "政协委员提案要多少名委员联名", Some("吐鲁番市"), "数量");
    // Layout: a minute's numbering and the urgency marks (three writers each),
    // also when the next clause asks on (超时了怎么办, 单独编还是一起编).
    for (q, j) in [
        ("常务会纪要怎么编号?按年编还是按会编?", Some("株洲市")),
        ("公文的紧急程度怎么标注", None),
        ("热线派来的工单,几天要办结?超时了怎么处理", None),
    ] {
        out_of_scope(&e, q, j);
    }
}

/// Regressions found by fresh-91 (each a mechanism, checked on every set).
#[test]
fn what_fresh_91_taught() {
    let (_tmp, e) = engine();
    cites(
        &e,
        &[
            // A matter settled without the meeting asks which matters go to the
            // collective (eight writers), not how the meeting runs; 会不会 is not
            // 不上会.
            (
                "重大事项没经过常务会研究直接定了,算不算违规",
                Some("昆山市"),
                ("昆山市", 16),
            ),
            (
                "这会不会有问题,常务会能不能开",
                Some("昆山市"),
                ("昆山市", 38),
            ),
            // A family member's move abroad is a matter a leader reports, not a
            // trip on public money.
            (
                "副市长的儿子想出国做生意,这事要跟组织报告吗",
                Some("吐鲁番市"),
                ("吐鲁番市", 63),
            ),
            // 泄密 is the rules' 泄漏 (not a slip of 益密).
            ("有人泄密了,规则里怎么要求", Some("昆山市"), ("昆山市", 54)),
            // How long the trip is (想回老家几天,) is said, not asked: the rule on
            // leaving town answers, with no time limit demanded.
            (
                "处长春节想回老家几天,要不要跟单位请假?",
                Some("吐鲁番市"),
                ("吐鲁番市", 57),
            ),
            // Study itself asked about (对学习有什么规定; three writers).
            (
                "单位要组织集中学习,工作规则对学习有什么规定",
                Some("吐鲁番市"),
                ("吐鲁番市", 65),
            ),
            // Saying a decision is wrong is disagreeing with it.
            (
                "常务会定的事,有个副局长在外面说这个决定不合理,这样行吗",
                Some("昆山市"),
                ("昆山市", 53),
            ),
            // A meeting others hold here (seven writers) is not one's own
            // department's meeting.
            (
                "外地部门要来双塔办个全市范围的会,要不要先报区政府",
                None,
                ("朝阳市双塔区", 49),
            ),
            // A disagreement over a major matter put to the government (eight
            // writers) is the decision article's, not the request documents'.
            (
                "重大事项几个部门一直有分歧,报政府时怎么办",
                Some("朝阳市双塔区"),
                ("朝阳市双塔区", 24),
            ),
            (
                "牵头部门跟别的局争议一直消除不了,向市政府提建议时要一并交什么",
                Some("昆山市"),
                ("昆山市", 17),
            ),
            // A matter against the rules pressed to be done anyway (six writers).
            (
                "有人托关系要我们办个不合规的手续,能不能通融",
                Some("昆山市"),
                ("昆山市", 33),
            ),
            // The work style the rules call for (five writers).
            ("规则里倡导的做事风格是什么", Some("株洲市"), ("株洲市", 38)),
            // A county's request sent up: the place the reading removes leaves the
            // rules' 市政府 (报给吐鲁番市政府 → 报给市政府).
            (
                "县里报吐鲁番市政府的请示,县长不在,常务副县长签发行不行",
                None,
                ("吐鲁番市", 51),
            ),
            // The outline the rule-of-law government follows (six writers), not
            // its yearly report.
            (
                "法治政府建设规则里说要贯彻的那个纲要叫什么",
                Some("株洲市"),
                ("株洲市", 18),
            ),
            // Unrest a matter may stir, told to ask which assessment it needs.
            (
                "征地的事担心群众上访,吐鲁番要求事先做什么评估",
                None,
                ("吐鲁番市", 25),
            ),
            // The general duty of lawful administration and the government it aims
            // at (eight writers).
            ("依法行政有哪几项基本要求", Some("昆山市"), ("昆山市", 20)),
            (
                "规则里要建成一个啥样的法治政府",
                Some("吐鲁番市"),
                ("吐鲁番市", 17),
            ),
            // "The article on livelihoods" (民生那条) is the public-services article.
            (
                "规则里讲民生保障的那一条是怎么说的",
                Some("朝阳市双塔区"),
                ("朝阳市双塔区", 14),
            ),
            // Fines tied to bonuses ask whether enforcement is cut from money, not
            // pay (three writers).
            (
                "罚款收入能跟执法队员的奖金挂钩吗",
                Some("昆山市"),
                ("昆山市", 24),
            ),
            // Room for honest mistakes; 有几个年轻干部 asks no number of years.
            (
                "有几个年轻干部怕出错被追责,规则里讲没讲容错",
                Some("吐鲁番市"),
                ("吐鲁番市", 38),
            ),
            // A province's measures a held article names in 《》 are what the city
            // follows (要执行湖南的哪个办法), not a place the bot lacks.
            (
                "政务公开除了国家的条例,还要执行湖南的哪个办法",
                Some("株洲市"),
                ("株洲市", 29),
            ),
            // A policy that shuts out others' firms (nine writers).
            (
                "我们的扶持政策想写只给本地企业,外地公司不能申报,合规吗",
                Some("株洲市"),
                ("株洲市", 20),
            ),
            // A new policy the public does not understand asks for it to be explained.
            (
                "新出的政策老百姓看不明白,规则要求部门怎么做",
                Some("吐鲁番市"),
                ("吐鲁番市", 32),
            ),
            // The press release of a meeting (通稿) is the meeting news article's.
            (
                "常务会开完要发个通稿,稿子得谁审定",
                Some("株洲市"),
                ("株洲市", 49),
            ),
            // A department's leadership system asked by its name (three writers).
            (
                "区政府的工作部门实行的是什么领导体制",
                Some("朝阳市双塔区"),
                ("朝阳市双塔区", 9),
            ),
            // A department's own work meeting and what is asked of it.
            (
                "我们局要开个全系统工作会,规则对部门开会有啥要求",
                Some("株洲市"),
                ("株洲市", 50),
            ),
            // A topic not agreed yet, pressed onto the meeting (上常务会): whether it
            // may go up at all.
            (
                "两个部门意见还没统一,能不能先上常务会让领导定",
                Some("株洲市"),
                ("株洲市", 46),
            ),
            // Day-to-day work within a deputy's remit (five writers).
            (
                "分管副市长口子里的日常事务,他自己能定吗,还是要报市长",
                Some("昆山市"),
                ("昆山市", 31),
            ),
        ],
    );
}

/// Regressions found by fresh-104 and fresh-105 (each a mechanism, checked on
/// every set).
#[test]
fn what_fresh_104_105_taught() {
    let (_tmp, e) = engine();
    // The scene told between the clauses that ask (后天就放年假了) is not the
    // question's topic; what just happened (刚开完) happened today, the day the
    // limit counts from, not the day the holiday begins.
    let a = ask(
        &e,
        "刚开完区长例会,领导让我弄纪要。按规定几个工作日内要印发啊?后天就放年假了,最晚到哪天",
        Some("朝阳市双塔区"),
        "2024-02-08T17:30:00+08:00",
    );
    assert_eq!(
        first(&a),
        Some(("朝阳市双塔区".to_string(), 46)),
        "{}",
        a.to_text()
    );
    assert_eq!(
        a.deadline.as_ref().map(|d| d.date.as_str()),
        Some("2024-02-18"),
        "{}",
        a.to_text()
    );
    // 区长例会 is a meeting: the asker is not a 区长 (no role line is said).
    assert!(!a.to_text().contains("区长的规定"), "{}", a.to_text());
    cites(
        &e,
        &[
            // Who relays the question (新来的选调生问我) is not its topic.
            (
                "新入职的选调生问:政府是不是实行首长负责制?",
                Some("昆山市"),
                ("昆山市", 6),
            ),
            // The legal office looking a document over before it goes out is its
            // legality review (four writers).
            (
                "我们局起草了个规范性文件准备发,发之前要不要先让法制那边过一遍?",
                Some("昆山市"),
                ("昆山市", 21),
            ),
            // Which of several departments leads (new intent lead_department;
            // eleven writers): passing work on is the scene.
            (
                "一件事好几个部门都沾点边,大家互相推,规则上有没有说谁来牵头",
                Some("昆山市"),
                ("昆山市", 31),
            ),
            (
                "昆山这边一件事牵扯到三四个局,到底谁牵头",
                None,
                ("昆山市", 31),
            ),
            // A county of the held city sending to the city's own bodies is one
            // of the 区县 its rules speak of (three writers).
            (
                "吐鲁番高昌区报市政府的请示,区长不在,常务副区长签行不行?",
                Some("吐鲁番市"),
                ("吐鲁番市", 51),
            ),
            // 报备案 is a document filed (备案), not a trip reported (报备).
            (
                "文件3月5号发布,什么时候前要报备案?",
                Some("乐清市"),
                ("乐清市", 25),
            ),
            // The option offered after 还是 (按季度) is the asker's guess, not a
            // word the rules lack that the question is about.
            (
                "做年度考核方案要参考一下,株洲重点工作考核是按月还是按季度?",
                None,
                ("株洲市", 39),
            ),
        ],
    );
    // The weekday asked of a day counted by the article's limit is the date
    // computed (20号周六 was a make-up working day).
    let a = ask(
        &e,
        "局长22号(周一)要去北京,按规定提前两天报备,20号是周六,那是周五报还是周六报?",
        Some("朝阳市双塔区"),
        "2021-02-18T11:40:00+08:00",
    );
    assert_eq!(
        a.deadline.as_ref().map(|d| d.date.as_str()),
        Some("2021-02-20"),
        "{}",
        a.to_text()
    );
    // A county's own government is held by no document (three writers).
    refused(
        &e,
        &[
            (
                "我们是株洲下面一个县,县政府常务会议多久开一次有规定没",
                None,
            ),
            ("县政府的工作规则能不能直接照搬市里的", None),
        ],
    );
    // 市县政府 is the cities' and counties' governments together, not a county's.
    let a = ask(
        &e,
        "我是省府办的,想摸下底:几个市县政府常务会议一般多久开一次?",
        None,
        NOW,
    );
    assert!(first(&a).is_some(), "{}", a.to_text());
    // A clause that asks of the topic is no scene (陪餐最多能几个人).
    refused(
        &e,
        &[(
            "下周市里来人调研,办公室在排接待,问一顿工作餐陪餐最多能几个人",
            None,
        )],
    );
}

/// The warm-up a server runs at start compiles every question pattern and
/// changes no answer (it only fills what the patterns cache).
#[test]
fn warming_compiles_every_pattern_and_changes_no_answer() {
    let (_tmp, e) = engine();
    let q = "常务会议多久开一次?";
    let before = ask(&e, q, None, NOW).to_text();
    e.warm(parse_now(Some(NOW)).unwrap()).unwrap();
    for it in &e.intents.intents {
        for p in &it.patterns {
            assert!(p.re.is_compiled(), "{}: {}", it.id, p.re.as_str());
        }
    }
    assert_eq!(ask(&e, q, None, NOW).to_text(), before);
}

#[test]
fn what_fresh_110_111_taught() {
    let (_tmp, e) = engine();
    // A cap or a total asked that no article states (排量上限, 多少个文种), topics
    // several writers asked that no document covers (公务卡, 部门预算, 述职述廉, a
    // citizen request's reply limit, business on the side), an official car's
    // particulars in any words, and 复印 read as the asker wrote it.
    refused(
        &e,
        &[
            ("单位要换公务车,排量和价格上限是多少?", None),
            ("党政机关公文一共有多少个文种?", None),
            ("哪些支出必须用公务卡结算?", None),
            ("接待吃饭能不能用现金结账", Some("朝阳市双塔区")),
            ("明年的部门预算什么时候要报财政局?", None),
            ("领导干部年底述职述廉一般什么时候搞", None),
            ("12345转过来的工单,要几个工作日内回复群众?", None),
            ("市长信箱收到的来信要几天内答复", Some("株洲市")),
            ("有个同事在网上开网店卖土特产,这样行吗", None),
            (
                "同事周末开公车去钓鱼,被人拍了,怎么处理",
                Some("朝阳市双塔区"),
            ),
            ("秘书想把涉密文件复印一份留底,行不行?", Some("昆山市")),
            ("机密级文件能不能扫描到OA里给领导看", None),
            ("考核细则里每一项的分值是多少", None),
            ("局长一年因公出国能有几次", None),
            ("公文发出去有错别字,要发更正通知吗", None),
            ("政府新闻发布会一年开几场", None),
        ],
    );
    // What the rules do say stays answered: official cars in general, a
    // relative's business, which meeting decides the budget.
    cites(
        &e,
        &[
            ("公务用车和公务接待规则里怎么说的", None, ("昆山市", 34)),
            (
                "领导亲属在本地做生意,工作规则对这方面是怎么要求的",
                Some("昆山市"),
                ("昆山市", 35),
            ),
            (
                "财政局预算科问:吐鲁番市的财政预决算方案是上常务会定还是全体会定?",
                None,
                ("吐鲁番市", 24),
            ),
            // Points lost told as the scene are not what is asked.
            (
                "城管局政务公开检查被扣了分,说处罚结果没公开。行政处罚的依据、过程和结果要不要公开?",
                Some("株洲市"),
                ("株洲市", 30),
            ),
        ],
    );
}

#[test]
fn what_fresh_112_113_taught() {
    let (_tmp, e) = engine();
    refused(
        &e,
        &[
            ("地方政府债务限额由谁核定", None),
            ("巡察组进驻以后我们要提供哪些材料", None),
            ("政协委员的提案什么情况下不予立案", None),
            ("公职律师证怎么申请", None),
            ("请专家来论证,咨询费一人一天给多少", None),
            // A meeting room's dressing and refreshments (three writers).
            ("会议室要不要摆鲜花", None),
        ],
    );
    // The official calendar's words (过年放假顺延吗) are rulebot's own, not words
    // the rules lack: the date is counted on it (2025-01-20 + 15 days falls in
    // the Spring Festival break; the next working day).
    let a = ask(
        &e,
        "乐清这边,我们局下周一印发个规范性文件,备案最晚哪天,过年放假顺延吗",
        None,
        "2025-01-16T09:00:00+08:00",
    );
    assert_eq!(
        first(&a),
        Some(("乐清市".to_string(), 25)),
        "{}",
        a.to_text()
    );
    assert_eq!(
        a.deadline.as_ref().map(|d| d.date.as_str()),
        Some("2025-02-05"),
        "{}",
        a.to_text()
    );
    cites(
        &e,
        &[
            // A township's head named by a post (乡镇街的一把手, 书记主任) is not a
            // department's (three writers).
            (
                "副区长开个现场会,能不能把各乡镇街的一把手都叫来",
                Some("朝阳市双塔区"),
                ("朝阳市双塔区", 48),
            ),
            // The enforcement recorded in full is the rules', even when the clause
            // that says when (执法的时候) is read out as the scene.
            (
                "执法的时候要不要全过程录像啊",
                Some("乐清市"),
                ("乐清市", 27),
            ),
            // Who relays the question (党校培训班上有学员问, 有个街道书记问我) is not
            // its topic.
            (
                "有个街道书记问我,区政府研究的重要事项要不要先向区委请示报告?",
                Some("朝阳市双塔区"),
                ("朝阳市双塔区", 3),
            ),
            // Topics read out of a scene or the rules' own part of them (fresh-115):
            // a Saturday made up on the way to a deadline, an event on duty
            // reported, what the government puts before the standing committee,
            // what filing requires.
            (
                "夜里值班接到工厂起火的电话,带班领导说先别报,明天再说,昆山这边可以这样吗",
                None,
                ("昆山市", 56),
            ),
            (
                "提请人大常委会任免的人员由谁签署?",
                Some("昆山市"),
                ("昆山市", 48),
            ),
            (
                "档案馆来检查了,吐鲁番的规则对归档有什么要求?",
                None,
                ("吐鲁番市", 53),
            ),
            // What may not go on a meeting's agenda is an agenda rule (双塔 40:
            // 临时提议的事项一般不得列入党组会议议题; seven writers).
            (
                "临时想到的事能不能塞进这次党组会议题",
                Some("朝阳市双塔区"),
                ("朝阳市双塔区", 40),
            ),
            // Money to be shared out is a matter the meetings decide (six writers).
            ("株洲的专项债资金怎么分,要上常务会吗", None, ("株洲市", 26)),
            // Leaving a place for home (从吐鲁番回老家) leaves the asker's own place.
            (
                "局长过年想从吐鲁番回老家待几天,要跟谁请假",
                None,
                ("吐鲁番市", 57),
            ),
        ],
    );
}

#[test]
fn what_fresh_116_117_taught() {
    let (_tmp, e) = engine();
    // A plain matter (普通事项) is 双塔's 一般事项 (7 days, the day deployed
    // counted).
    let a = ask(
        &e,
        "双塔区昨天交办的普通事项,几号前得办完",
        None,
        "2023-03-01T09:30:00+08:00",
    );
    assert_eq!(
        a.deadline.as_ref().map(|d| d.date.as_str()),
        Some("2023-03-06"),
        "{}",
        a.to_text()
    );
    // A matter that is the office's own (是我们自己管的事; four writers) picks
    // 昆山 52's first limit (属职权范围内的事项, 6 working days), read in the
    // rules' words.
    let a = ask(
        &e,
        "今天收到市府办转来的件,是我们自己管的事,几个工作日要办完,最晚哪天",
        Some("昆山市"),
        "2024-04-25T10:00:00+08:00",
    );
    assert_eq!(
        a.deadline.as_ref().map(|d| d.date.as_str()),
        Some("2024-05-07"),
        "{}",
        a.to_text()
    );
    // A cap asked whose unit no article states (办公室最多多大面积), a post in
    // an association, a reward for bringing in investment: nothing held says.
    refused(
        &e,
        &[
            ("局长办公室最多能多大面积", None),
            ("副局长被商会请去当顾问,行不行", None),
            ("招商引资的中介奖励什么时候兑现", None),
        ],
    );
    // Away on the days told (市长那几天在北京): the place is where the mayor is,
    // not whose rules are asked; the question is read for the chat's city.
    let a = ask(
        &e,
        "外宾来访,市长那几天在北京,副市长出面会见,能代表市政府吗",
        Some("吐鲁番市"),
        NOW,
    );
    assert!(
        !matches!(
            a.outcome,
            Outcome::Refused(rulebot::answer::Refusal::UnknownPlace { .. })
        ),
        "{}",
        a.to_text()
    );
    assert!(a.to_text().contains("第七条"), "{}", a.to_text());
    cites(
        &e,
        &[
            // A held place typed in pinyin (Kunshan, zhuzhou; three writers).
            ("Zhuzhou 常务会多久开一次", None, ("株洲市", 44)),
            (
                "turpan的市政府常务会议由谁召集和主持",
                None,
                ("吐鲁番市", 41),
            ),
            // A policy's content told after a comma (出个扶持政策,只支持本地企业参与
            // 投标) is the document's, not a topic of its own.
            (
                "株洲这边想出个扶持政策,只让本地企业参与投标,会有问题吗",
                None,
                ("株洲市", 20),
            ),
            // 几几年 asks which year, not how many years.
            (
                "株洲规则里法治政府那条提的纲要是几几年的",
                None,
                ("株洲市", 18),
            ),
            // The office that numbers every normative document (统一登记编号) is
            // the rules', not a document's layout.
            (
                "规范性文件的文号是局里自己编,还是要统一登记编号?",
                Some("吐鲁番市"),
                ("吐鲁番市", 20),
            ),
        ],
    );
}

#[test]
fn what_fresh_118_119_taught() {
    let (_tmp, e) = engine();
    // Figures named and asked of (30分钟内…1小时内…哪条规定的), who now holds a
    // portfolio, another document's article (八项规定第一条 is not 第一条 of the
    // rules held), how hearing participants are chosen, 三审三校.
    refused(
        &e,
        &[
            ("突发事件是不是要20分钟内口头报告、2小时内书面报告?", None),
            ("分管文旅的是哪位副区长", None),
            ("听证会的参加人是怎么产生的", None),
            ("网站发稿要不要三审三校", None),
        ],
    );
    cites(
        &e,
        &[
            // A number of people told, not asked (任免几个人, 几个人争起来了).
            (
                "我们要提请人大常委会任免几个人,昆山市政府的文件由谁签署?",
                None,
                ("昆山市", 48),
            ),
            (
                "科里几个人争起来了,昆山的市长助理是协助市长还是副市长?",
                None,
                ("昆山市", 6),
            ),
            // A document about to be issued, named by its subject (要发一个停车管理的
            // 规范性文件): the question is about the document, not parking.
            (
                "我们局要发一个停车管理的规范性文件,发之前要不要过法制机构",
                Some("昆山市"),
                ("昆山市", 21),
            ),
        ],
    );
}

#[test]
fn what_fresh_120_121_taught() {
    let (_tmp, e) = engine();
    // Equipment written off, a document number run on through the year: nothing
    // held says.
    refused(
        &e,
        &[
            ("办公电脑用了八年要报废,找谁批", None),
            ("纪要的文号是全年流水编还是单独编", Some("株洲市")),
            // Another body's agenda (人大常委会开会的议程谁定; two writers).
            ("县人大常委会开会的议程由谁来定", None),
            // A limit named and asked of (提前五天发通知,有这条吗) that no article sets.
            ("听说会议通知要提前五天发,规则里有这条吗", Some("乐清市")),
        ],
    );
    cites(
        &e,
        &[
            // An accident told by what happened (厂里起火烧伤了人; three writers) is
            // a major event to report.
            (
                "厂里起火烧伤了几个工人,要不要马上报市政府",
                Some("吐鲁番市"),
                ("吐鲁番市", 58),
            ),
            // 哪几年的 asks which years, not how many.
            (
                "株洲规则里提的法治政府建设纲要是哪几年的",
                None,
                ("株洲市", 18),
            ),
        ],
    );
}

/// What fresh-122 and fresh-123 taught (each a mechanism, asked here in other
/// words than the sets').
#[test]
fn what_fresh_122_123_taught() {
    let (_tmp, e) = engine();
    cites(
        &e,
        &[
            // The leader the question is about is the subject of the article
            // (副市长按分工负责…遇到重大事项…向市长报告), not whom a department
            // reports to (向分管副市长和市长报告).
            (
                "乐清的副市长碰到重要情况,要不要及时向市长报告",
                None,
                ("乐清市", 9),
            ),
            // An English word is read as the rules' word before what is asked is
            // read (how often asks a frequency).
            ("吐鲁番 常务会 how often?", None, ("吐鲁番市", 41)),
            // 有几位县长问了 says who asked, not how many.
            (
                "有几位县长问了,全体会能请县市区政府负责同志列席吗",
                Some("株洲市"),
                ("株洲市", 43),
            ),
            // 收取…工本费 in a normative document is a fee it may not set.
            (
                "我们局的规范性文件里想规定收取证照工本费,行吗",
                Some("株洲市"),
                ("株洲市", 20),
            ),
            // 组成人员究竟包括谁 asks who the members are: the article listing them.
            ("乐清政府组成人员究竟包括谁", None, ("乐清市", 4)),
            // A leader who only circles a document gives no clear opinion (five
            // writers).
            (
                "区领导在请示上光画了个圈,办公室能往下流转吗",
                None,
                ("朝阳市双塔区", 58),
            ),
        ],
    );
    // A topic no work rule covers (职业年金, 社会保险) that a held article covers
    // in general (社会保障) is answered only by that article, not by another
    // the question's other words bring first (机关事业单位 → the rules' scope).
    refused(
        &e,
        &[("同事问机关事业单位的职业年金单位缴多少,个人缴多少", None)],
    );
}

/// Families of the read sets that several writers asked in their own words
/// (twenty-fifth session): each a mechanism, asked here in other words.
#[test]
fn families_asked_by_many_writers() {
    let (_tmp, e) = engine();
    cites(
        &e,
        &[
            // 算数吗 asks the quorum, and the neighbour that states it answers
            // before the one on leave from the meeting.
            (
                "株洲常务会今天只来了一半的人,定下来的事算数吗",
                None,
                ("株洲市", 44),
            ),
            // 村民代表, 居民代表 are the rules' 基层群众代表.
            (
                "区里搞垃圾中转站选址决策,上会时能不能叫几个村民代表来列席",
                None,
                ("朝阳市双塔区", 24),
            ),
            // A post online (帖子) is what the rules call 网民热议.
            (
                "抖音上有个帖子说我们局办事慢,转了好几千次,昆山规则要我们怎么处理",
                None,
                ("昆山市", 30),
            ),
            // A document in the party committee's and the government's names
            // together is a procedure, not a signature.
            (
                "吐鲁番这边以市委市政府名义联合发个文件,稿子是我们局起的,要先报市政府审议吗",
                None,
                ("吐鲁番市", 47),
            ),
            // 还没研究定的 is the rules' 未经…研究决定的; 专访 is 采访.
            (
                "昆山的副市长想接受电台专访,谈一个还没研究定的大事,要先报批吗",
                None,
                ("昆山市", 53),
            ),
            // Several matters named before the one document.
            (
                "两个事项能不能合在一份请示里报昆山市政府",
                None,
                ("昆山市", 45),
            ),
            // A leader's word that bends an enforcement decision is 以言代法.
            (
                "株洲的领导打个招呼就让我们对这家店从轻处罚,规则怎么说",
                None,
                ("株洲市", 22),
            ),
            // Others meddling in an audit: the audit office is not to be
            // interfered with (不受…干涉).
            (
                "吐鲁番审计局查账的时候,别的单位能不能干预",
                None,
                ("吐鲁番市", 9),
            ),
            // 常务汇: the meeting's name with a slip of the same sound.
            ("双塔常务汇一般多久开一回", None, ("朝阳市双塔区", 41)),
            // Before the government decides a major matter: 作出重大决策前.
            (
                "昆山市政府拍板一个大项目之前,要不要先听听人大政协的意见",
                None,
                ("昆山市", 18),
            ),
            // 牵涉到 is 涉及; 问问…意见 is 征求意见.
            (
                "这事牵涉到鄯善县,报吐鲁番市政府前要不要先问问县里的意见",
                None,
                ("吐鲁番市", 25),
            ),
            // Reporting to the party committee is its own topic.
            (
                "双塔区政府的重要事项是不是要先跟区委请示报告",
                None,
                ("朝阳市双塔区", 3),
            ),
        ],
    );
    // The State Council's executive meeting by its short name is no held
    // government's.
    refused(
        &e,
        &[
            ("国常会一个月开几次", Some("株洲市")),
            // Whether an electronic document counts as a paper one (two writers).
            (
                "OA里收到的电子版文件,跟纸质文件的效力等同吗",
                Some("昆山市"),
            ),
        ],
    );
}

/// What fresh-126 and fresh-127 taught (each a mechanism, asked here in other
/// words than the sets').
#[test]
fn what_fresh_126_127_taught() {
    let (_tmp, e) = engine();
    cites(
        &e,
        &[
            // 长务会: the meeting's first character slipped (six writers).
            ("株洲长务会一般多久开一回", None, ("株洲市", 44)),
            // A signed article (署名文章) is an article published.
            (
                "吐鲁番的副市长在报纸上登一篇署名文章,要不要报批",
                None,
                ("吐鲁番市", 56),
            ),
            // The check before a document goes out (发布之前过哪道关) is the rules'
            // 发布前…审核 (five writers).
            ("昆山的规范性文件发布之前要先过哪道关", None, ("昆山市", 21)),
            // Back from a meeting in the city (开完会回来) reports as after a trip.
            (
                "双塔这边,局长去市里开完会回来要不要给区政府报告",
                None,
                ("朝阳市双塔区", 70),
            ),
            // A meeting that only relays a meeting is 以会议贯彻会议 (four writers).
            (
                "有的单位开个会传达一下就算完事了,吐鲁番规则怎么说",
                None,
                ("吐鲁番市", 64),
            ),
            // What is put before the party committee's standing committee is the
            // government's own procedure first, not the committee's.
            (
                "吐鲁番:政府部门牵头起草、准备提请市委常委会审议的文件稿,是不是先报市政府审议",
                None,
                ("吐鲁番市", 47),
            ),
        ],
    );
    refused(
        &e,
        &[
            // 哪几个部门 asks which, not a narrative count.
            ("双塔的副区长们分管哪几个部门", None),
            // A limit named (不少于30天) that no article states.
            ("听说规定局长一年下乡调研不少于30天,规则里有吗", None),
        ],
    );
}

/// What fresh-128 and fresh-129 taught (each a mechanism, asked here in other
/// words than the sets').
#[test]
fn what_fresh_128_129_taught() {
    let (_tmp, e) = engine();
    cites(
        &e,
        &[
            // 有几份文件等着签 tells what waits, not a count asked.
            (
                "市长下周去北京学习,吐鲁番市政府的工作这几天谁主持?手上有几份文件等着签",
                None,
                ("吐鲁番市", 5),
            ),
            // Parking charges as a matter between departments are the scene.
            (
                "昆山停车收费的事几个部门都在推,到底谁牵头",
                None,
                ("昆山市", 31),
            ),
        ],
    );
    // Topics two or three writers asked that no article covers: who may see a
    // meeting's record, attending by video counted as present, periodicals
    // subscribed to, the constitutional oath, gifts given to foreign guests.
    refused(
        &e,
        &[
            ("专题会议的会议记录能不能复印一份给我们局", None),
            ("区政府常务会议用腾讯会议线上参加,算不算出席", None),
            ("机关订阅报刊一年有没有数量规定", None),
            ("新提拔的局长要宪法宣誓吗,誓词在哪找", None),
            ("外事活动中,我们给外宾送的纪念品有没有价值标准", None),
            // Three writers each: the political consultative conference's plenary
            // and who attends it, a website's yearly report, a feasibility study's
            // approval, a leader's handover.
            ("政协全体会议召开时,区政府哪些领导要去列席", None),
            ("政府网站的年度报表哪天要公开", None),
            ("这个项目的可行性研究报告报谁批", None),
            ("副局长调走了,离任交接要交哪些材料", None),
        ],
    );
    // 株洲's 新闻舆论 article answers public opinion (it is no longer a topic its
    // document lacks): offered at least.
    cites(
        &e,
        &[(
            "株洲这边网上好多人在议论我们局办事慢,上了热搜,按规则咋回应",
            None,
            ("株洲市", 36),
        )],
    );
}

/// Read after fresh-130 and fresh-131 were scored.
#[test]
fn what_fresh_130_131_taught() {
    let (_tmp, e) = engine();
    // A topic no rule covers told in an earlier question (带班领导电话没人接) does
    // not refuse a later question of its own that a rule answers.
    cites(
        &e,
        &[(
            "夜里值班遇到突发情况,带班领导电话打不通,怎么办? 值班报告有什么要求",
            Some("昆山市"),
            ("昆山市", 56),
        )],
    );
    // A time limit asked yes or no (是不是两个月内) is a time limit asked: no
    // article on the topic states one.
    refused(&e, &[("人大代表的建议,是不是两个月内必须办复?", None)]);
    // A report in the press that names no meeting is public opinion, not the
    // news of a meeting (two writers).
    cites(
        &e,
        &[(
            "报纸报道了我们局的问题,按规则该怎么回应",
            Some("株洲市"),
            ("株洲市", 36),
        )],
    );
    // How often a meeting is held does not answer how often anything else is
    // sent (三 writers: 政务信息, 文件数量, 调研天数).
    refused(
        &e,
        &[("各单位每月最少要报几篇政务信息?", Some("朝阳市双塔区"))],
    );
}

/// Read after fresh-132 and fresh-133 were scored.
#[test]
fn what_fresh_132_133_taught() {
    let (_tmp, e) = engine();
    cites(
        &e,
        &[
            // In-laws by name are kin (ten writers).
            (
                "处长的小舅子开了个公司想承揽我们局的项目,规则对这种事有啥要求",
                Some("昆山市"),
                ("昆山市", 35),
            ),
            // 请是 is 请示 (fifteen writers).
            ("请是里能不能写两个事?", Some("昆山市"), ("昆山市", 45)),
            // A few leaders settling a major matter in passing (碰了个头就定了:
            // ten writers ask whether one or a few may decide alone).
            (
                "有个重大事项,几个领导碰了个头就定了,吐鲁番这样行吗",
                None,
                ("吐鲁番市", 6),
            ),
            // Pinyin initials typed for speed (cwh: 常务会议).
            (
                "市长出差了,cwh还开不开,谁主持",
                Some("昆山市"),
                ("昆山市", 38),
            ),
            // Leave from a meeting is the meeting's article.
            (
                "局长参加不了常务会,向谁请假?",
                Some("株洲市"),
                ("株洲市", 47),
            ),
            // 人大常委会 is how people name 人民代表大会及其常务委员会 (four writers).
            (
                "株洲的规范性文件和规章要不要向人大常委会备案",
                None,
                ("株洲市", 33),
            ),
            // A meeting of the whole city by its kind, 性 unsaid (seven writers).
            (
                "我们局下个月想开个全市的工作推进大会,要先报哪里审批?",
                Some("昆山市"),
                ("昆山市", 43),
            ),
        ],
    );
    refused(
        &e,
        &[
            // A cadre who has stepped down (退下来) has retired.
            ("刚退下来的处长能不能去企业兼职?", None),
            // How many may dine with guests, the number before the word.
            ("公务接待来了6个人,能安排几个人陪餐?", None),
            // A frequency asked yes or no names its figure (至少要开1次).
            ("新闻发言人是不是每季度至少要开一次发布会?", None),
            // A handover asked by its procedure.
            ("副局长调走了,工作交接要办什么手续?", None),
            // Leave to travel, a topic 株洲's scraped text lacks, is not its
            // leave from meetings (six writers).
            ("株洲的副局长要离开株洲去外地出差,向谁请假?", None),
        ],
    );
}

/// Read after fresh-134 and fresh-135 were scored.
#[test]
fn what_fresh_134_135_taught() {
    let (_tmp, e) = engine();
    refused(
        &e,
        &[
            // Private travel abroad named by its purpose (因私去泰国旅游).
            ("科员因私去日本探亲要报谁批?", None),
            // The sanction a breach earns, asked by its kind (什么党纪处分).
            ("公款吃喝被查出来,一般给什么党纪处分?", None),
            // An honorary post, and a second post named by its holder (兼另一个局的一把手).
            ("商会想请副区长去当名誉会长,能去吗?", None),
            ("局长能不能临时兼另一个局的一把手?", None),
            // A word count stated of a report does not answer one of a speech.
            ("给领导写讲话稿有没有字数限制?", Some("朝阳市双塔区")),
            // Who holds which portfolio today (four writers).
            ("副市长的分工里,现在卫生是谁分管?", None),
            // A threshold named in times (超过三次) is answered only by a rule
            // that counts times, not by one that counts days of leave.
            ("常务会一年请假超过三次要通报批评吗?", None),
        ],
    );
    // An unfamiliar word in the scene (刚调到…) does not keep the question asked
    // past an out-of-scope topic (座次) from being answered.
    cites(
        &e,
        &[(
            "刚调到府办秘书科,领导让排常务会座次,常务会成员都有谁",
            Some("吐鲁番市"),
            ("吐鲁番市", 41),
        )],
    );
    // 帮忙写 after someone tells who drafts; at the head of a clause it asks the
    // bot to write.
    cites(
        &e,
        &[(
            "常务会的汇报材料是府办帮忙写还是部门自己写?",
            Some("吐鲁番市"),
            ("吐鲁番市", 42),
        )],
    );
    refused(&e, &[("帮忙写个请假条", None)]);
    // A review not finished (还没审完) is a draft not yet reviewed (未经…审核).
    cites(
        &e,
        &[(
            "决策草案司法局还没审完,能不能先拿到会上讨论?",
            Some("朝阳市双塔区"),
            ("朝阳市双塔区", 25),
        )],
    );
    // A count of times named yes or no is met by a frequency stated (一年不超过一次).
    cites(
        &e,
        &[(
            "吐鲁番的部门开全市性会议是不是一年最多1次?",
            None,
            ("吐鲁番市", 45),
        )],
    );
}

/// Read after fresh-136 and fresh-137 were scored.
#[test]
fn what_fresh_136_137_taught() {
    let (_tmp, e) = engine();
    // A decision told first and the disagreement later (six writers): not to
    // speak against what the government decided.
    cites(
        &e,
        &[(
            "常务会定了一件事,有个局长心里不同意,在外面跟人说这么定不对,行吗",
            Some("吐鲁番市"),
            ("吐鲁番市", 55),
        )],
    );
    refused(
        &e,
        &[
            // A family banquet and its size (three writers).
            ("女儿出嫁要办婚宴,桌数有没有限制?", None),
            // A project over its budgetary estimate (three writers).
            ("政府投资项目超了概算,要重新报批吗?", None),
            // A figure asked by its noun (天数) names it; a count asked in 场.
            ("领导每年下基层调研的天数有没有最低要求?", None),
            ("一年累计请假天数有没有上限?", None),
            ("重大决策听证会至少要开几场?", None),
        ],
    );
}

/// Regressions found by fresh-138 … fresh-141 (each a mechanism, checked on
/// every set).
#[test]
fn what_fresh_138_to_141_taught() {
    let (_tmp, e) = engine();
    cites(
        &e,
        &[
            // An A-not-A question is no negation: 参不参加 / 能不能参加 ask who
            // attends, not leave from a meeting (不参加, 不能参加).
            ("府办主任参不参加常务会啊", Some("昆山市"), ("昆山市", 38)),
            (
                "办公室主任能不能参加常务会议",
                Some("昆山市"),
                ("昆山市", 38),
            ),
            // A place a matter concerns (涉及台湾同胞投资) is not where it is asked
            // (two writers).
            (
                "我们准备出个涉及台湾同胞投资的规范性文件,要先请示市政府吗",
                Some("乐清市"),
                ("乐清市", 25),
            ),
        ],
    );
    // A time limit asked of something the article names apart from its limit
    // (双塔: 提前2天报备 before a trip, 销假 after it with no figure) is not
    // stated; the limit still answers what it is for.
    refused(&e, &[("双塔区领导出差回来几天内要销假", None)]);
    cites(
        &e,
        &[(
            "双塔区部门主要负责人离朝外出要提前几天报备",
            None,
            ("朝阳市双塔区", 71),
        )],
    );
    // Who a meeting is made of, asked of a document whose article only names
    // the meeting (乐清: 市长…召集和主持…常务会议), is not stated there; a
    // threshold asked by 多少算 (标的额多少算较大) is a figure the rules must state.
    refused(
        &e,
        &[
            ("市政府常务会议都由哪些人组成?", Some("乐清市")),
            ("株洲这边,政府合同标的额多少算较大,需要专家论证?", None),
        ],
    );
    cites(
        &e,
        &[("昆山市政府常务会议由哪些人参加", None, ("昆山市", 38))],
    );
    // A request to be signed while the head is away: who signs it is asked,
    // the trip is the scene (the travel intent stands aside when 请示 and 签
    // are in one sentence).
    cites(
        &e,
        &[(
            "局长出差一周,有个请示急着报市政府,办公室问能不能让副局长签发,还是等局长回来?",
            Some("昆山市"),
            ("昆山市", 47),
        )],
    );
    // A step of procedure asked yes or no that the nearest article never names
    // (株洲's decision catalogue and 备案; three writers) is not stated; one
    // that names it answers.
    not_stated(
        &e,
        "重大行政决策目录编好以后,要不要报人大常委会备案?",
        Some("株洲市"),
        "备案",
    );
    cites(
        &e,
        &[(
            "部门规范性文件发布后要不要报市政府备案",
            Some("乐清市"),
            ("乐清市", 25),
        )],
    );
    // A body of one level named with no place (区政府, 副区长) is searched in
    // the documents of that level: 朝阳市双塔区 is the district held.
    cites(
        &e,
        &[("区政府全体会议一年开几回?", None, ("朝阳市双塔区", 39))],
    );
    // 年底了 tells the season, not the day: the document went out today.
    let a = ask(
        &e,
        "年底了我们局今天赶着发了一个规范性文件,跨年了备案期限怎么算,最后一天是几号?",
        Some("乐清市"),
        "2020-12-28T15:20:00+08:00",
    );
    assert_eq!(
        a.deadline.as_ref().map(|d| d.date.as_str()),
        Some("2021-01-12"),
        "{}",
        a.to_text()
    );
    // Leave from a meeting is still read as leave.
    cites(
        &e,
        &[(
            "局长下周出差,不能参加常务会议,要向谁请假",
            Some("昆山市"),
            ("昆山市", 55),
        )],
    );
}

/// What fresh-144 to fresh-153 taught (read after their first score).
#[test]
fn what_fresh_144_to_153_taught() {
    let (_tmp, e) = engine();
    // A caller named as colleagues name one (马哥) who phoned over, and a call
    // logged before the question: the caller's office (信访局, 档案馆) is not
    // the topic.
    cites(
        &e,
        &[
            (
                "刚才信访局的马哥打电话过来问,株洲常务会多久开一次?",
                None,
                ("株洲市", 44),
            ),
            (
                "唉又是档案馆的电话,老吴问:副区长主持的会能不能把各乡镇街的一把手都叫来? 双塔的",
                None,
                ("朝阳市双塔区", 48),
            ),
        ],
    );
    // A quorum asked (多少人才算有效) is not answered by a threshold of days
    // (昆山: 外出…休假1天以上 in the article on leave the scene brings up).
    refused(
        &e,
        &[(
            "今天常务会好几个副市长都请假了,到会的不多,昆山这边常务会要到多少人才算有效啊?",
            None,
        )],
    );
    // A threshold of time asked (出差超过几天要报批) is not answered by a limit
    // in advance (双塔: 提前2天报备), which still answers 提前几天.
    refused(
        &e,
        &[("区长出差超过几天要向区委报批?", Some("朝阳市双塔区"))],
    );
    cites(
        &e,
        &[(
            "部门主要负责人离朝外出要提前几天报备",
            Some("朝阳市双塔区"),
            ("朝阳市双塔区", 71),
        )],
    );
    // A body asked for a step (报哪个部门备案) of an article that names the step
    // with no body beside it (双塔: 严格执行备案程序) is not stated; one that
    // names the body (乐清: 报市政府备案) answers.
    refused(
        &e,
        &[("督查考核年度计划要报哪个部门备案?", Some("朝阳市双塔区"))],
    );
    cites(
        &e,
        &[(
            "部门规范性文件要报哪里备案?",
            Some("乐清市"),
            ("乐清市", 25),
        )],
    );
    // Not stated: a quorum of the plenary (株洲 states one for 常务会议 only);
    // members counted by name (多少党组成员到会); a limit after 必须 (几个月内
    // 答复); the cases of 容错纠错 (five writers); a vote (the documents name none).
    refused(
        &e,
        &[
            ("株洲市政府全体会议需要多少组成人员出席才有效?", None),
            (
                "请问区政府党组会议需要多少党组成员到会才能召开?",
                Some("朝阳市双塔区"),
            ),
            (
                "人大代表建议必须在交办之日起几个月内答复代表?",
                Some("吐鲁番市"),
            ),
            ("容错纠错 哪些情形可以免责", Some("吐鲁番市")),
            (
                "请问市政府常务会议作决定时采用什么表决方式,举手还是无记名投票?",
                Some("株洲市"),
            ),
        ],
    );
    cites(
        &e,
        &[
            ("株洲常务会议要多少人出席才有效", None, ("株洲市", 44)),
            (
                "什么情况下可以直接给区领导个人报送公文",
                Some("朝阳市双塔区"),
                ("朝阳市双塔区", 51),
            ),
        ],
    );
    // Not stated: an extension of 710's limits (three writers), a form to fill
    // in (four), who approves what no article approves (庆典), who pays, an
    // adviser dismissed, who the spokesman is (asked 由谁担任的).
    refused(
        &e,
        &[
            (
                "710 复杂事项一个月办不完 能申请延期吗",
                Some("朝阳市双塔区"),
            ),
            (
                "离朝报备要填什么表,有没有固定格式的报备单?",
                Some("朝阳市双塔区"),
            ),
            ("我们想办个庆典活动,需要哪个部门审批?", Some("昆山市")),
            ("立法事项引入第三方评估,评估费用从哪里出?", Some("吐鲁番市")),
            ("法律顾问不称职的话,中途能不能解聘?", Some("吐鲁番市")),
            ("区政府新闻发言人具体是由谁担任的?", Some("朝阳市双塔区")),
        ],
    );
    // Who signs what an article only names (批评约谈单: 批评 approves nothing);
    // what follows a breach asked 会给什么处理; who does a matter asked beside a
    // figure, of an article that says nobody does anything (实行…离任审计).
    not_stated(
        &e,
        "“批评约谈单”由哪位领导签发?",
        Some("朝阳市双塔区"),
        "签发的部门或领导",
    );
    refused(
        &e,
        &[
            ("局长违反请销假规定会给什么处理?", Some("吐鲁番市")),
            (
                "自然资源资产离任审计具体由哪个部门来做,多长时间内要做完?",
                Some("乐清市"),
            ),
        ],
    );
    cites(
        &e,
        &[(
            "规章条文有歧义到底谁负责解释?",
            Some("株洲市"),
            ("株洲市", 19),
        )],
    );
}

/// What fresh-154 and later taught (read after their first score).
#[test]
fn what_fresh_154_on_taught() {
    let (_tmp, e) = engine();
    // Who signs the minutes of a meeting the article does not name (专题会议;
    // 吐鲁番 44 is on 全体会议 and 常务会议): three writers, three sets.
    refused(
        &e,
        &[
            ("吐鲁番市政府专题会议的纪要谁来签发?", None),
            ("专题会议纪要最后由谁签发", Some("吐鲁番市")),
        ],
    );
    // The article on the meetings named still answers who signs theirs, and
    // whether another kind exists.
    cites(
        &e,
        &[
            ("吐鲁番常务会议纪要谁签发?", None, ("吐鲁番市", 44)),
            (
                "吐鲁番市政府有没有市长办公会议这种会?",
                None,
                ("吐鲁番市", 39),
            ),
        ],
    );
    // A frequency stated and checked (是不是规定每个月学习2次) that the article
    // does not state (吐鲁番 65: 建设学习型机关).
    refused(&e, &[("吐鲁番是不是规定机关每个月要集中学习两次?", None)]);
    // 疫情防控期间隔离…: 期间 then 隔离 asks no interval; 归谁审批 asks who
    // approves, which 双塔 11 (统筹疫情防控) does not say.
    refused(
        &e,
        &[("疫情防控期间隔离点设置归谁审批?", Some("朝阳市双塔区"))],
    );
    // 到 + a held place + 报到 is where the asker came to work, not a trip
    // (it was read 外出 and every city searched); a phrase quoted in ASCII
    // quotes that an article close behind writes word for word.
    cites(
        &e,
        &[
            (
                "我刚到昆山市某局报到,一个请示里能不能写两件事?",
                None,
                ("昆山市", 45),
            ),
            (
                "市政府领导有没有'重大事项报告'这方面的要求?",
                Some("吐鲁番市"),
                ("吐鲁番市", 63),
            ),
        ],
    );
    // A limit asked of one kind of document (纪要) that the article limits for
    // another (吐鲁番 44: 纪要 are drafted and signed; 文件 are issued within 7
    // working days): three writers, three sets.
    refused(
        &e,
        &[("吐鲁番常务会议开完,会议纪要几个工作日内要印发?", None)],
    );
    cites(
        &e,
        &[(
            "吐鲁番常务会议讨论通过的文件几个工作日内要印发?",
            None,
            ("吐鲁番市", 44),
        )],
    );
    // A count asked with a verb of staffing (安排几个, 请几个) that the article
    // does not state (吐鲁番 63: 可安排联络员; 株洲 28: 邀请…代表列席).
    refused(
        &e,
        &[
            ("吐鲁番市领导的联络员能安排几个?", None),
            ("株洲常务会邀请人大代表列席,一次请几个?", None),
        ],
    );
    // 要不要向社会公布 asks a step the article must name (株洲 26: the
    // catalogue is compiled 于年初; nothing of publishing it): five writers.
    refused(
        &e,
        &[("株洲的重大行政决策目录编好了要不要向社会公布?", None)],
    );
    // 3天内 stated of the asker's case is no limit asked (双塔 56 answers
    // whether a department may instruct the towns directly).
    cites(
        &e,
        &[(
            "双塔区统计局想直接给各乡镇街下个指令性的通知,让他们三天内报数,这样行吗?",
            None,
            ("朝阳市双塔区", 56),
        )],
    );
    // A step asked when or where it is taken (什么时候向社会公布, 在哪里公布), or
    // yes or no with 吗 (要报市人大备案吗): eleven writers asked 株洲 26's
    // catalogue so, which it only says is compiled 于年初.
    refused(
        &e,
        &[
            ("株洲重大行政决策目录要在什么时候向社会公布?", None),
            ("株洲的重大行政决策目录编好以后在哪里公布?", None),
            ("株洲重大行政决策目录编好以后要报市人大备案吗", None),
        ],
    );
    // The papers to hand in are said by an article that names what goes with
    // a submission (昆山 47: 列出各方理由依据), not by one that only asks for
    // views (乐清 25: 征求相关部门的意见; three writers).
    refused(&e, &[("乐清部门规范性文件去市政府备案要交哪些材料?", None)]);
    cites(
        &e,
        &[(
            "部门之间意见谈不拢的事项报昆山市政府时要附什么材料?",
            None,
            ("昆山市", 47),
        )],
    );
    // Leave asked with the object first (常务会的假咋请) is leave from the
    // meeting (吐鲁番 43), not the meeting's article (41): two writers.
    cites(
        &e,
        &[(
            "局长那天要去自治区开会,吐鲁番市政府常务会的假该怎么请?",
            None,
            ("吐鲁番市", 43),
        )],
    );
    // A word glossed in brackets (盖章(会签)): the rules' word says what is
    // asked, not the out-of-scope topic of the asker's (公章的使用和管理).
    cites(
        &e,
        &[(
            "兄弟部门发来一份文件让我们盖章(会签),没写时限,一般几个工作日内回?",
            Some("吐鲁番市"),
            ("吐鲁番市", 48),
        )],
    );
    refused(&e, &[("单位公章丢了,盖章的事找谁?", Some("吐鲁番市"))]);
    // 出差几天 before the question asked is a few days, not a limit asked
    // (three writers).
    cites(
        &e,
        &[(
            "局长要离开吐鲁番去外地出差几天,需要履行什么请销假手续?",
            None,
            ("吐鲁番市", 57),
        )],
    );
    // Who signs (由谁签署): the article close behind that names a body beside
    // the step (吐鲁番 50: 由市长签署) answers before the one on the matter
    // (18: 规章): three writers.
    cites(
        &e,
        &[(
            "吐鲁番市政府发布的规章、决定和命令由谁签署?",
            None,
            ("吐鲁番市", 50),
        )],
    );
}

#[test]
fn what_fresh_166_on_taught() {
    let (_tmp, e) = engine();
    // How often the one meeting named meets: 吐鲁番 45 gives a frequency for a
    // department's citywide meetings (一年不超过一次) and never names 全体会议.
    refused(&e, &[("吐鲁番市政府全体会议多久开一次?", None)]);
    cites(&e, &[("吐鲁番常务会多久开一次", None, ("吐鲁番市", 41))]);
    // Who attends a meeting named by its abbreviation (办公会): 昆山 38 says who
    // attends 常务会议, and a later clause on the same meeting (副市长都要到吗)
    // does not make it the answer.
    let a = ask(
        &e,
        "会务组的同事问,昆山市长办公会都是哪些人参加?副市长都得到吗?",
        None,
        NOW,
    );
    assert_ne!(
        first(&a),
        Some(("昆山市".to_string(), 38)),
        "{}",
        a.to_text()
    );
    assert!(!matches!(a.outcome, Outcome::Answer), "{}", a.to_text());
    cites(&e, &[("昆山常务会都是哪些人参加?", None, ("昆山市", 38))]);
    // An out-of-scope word in the scene of a sentence that asks (在排…座次表,
    // 全体会到底哪些人参加?): the clauses without it ask, and are answered.
    cites(
        &e,
        &[(
            "办公室在排吐鲁番全体会的座次表,全体会到底哪些人参加?局长们是不是都要去",
            None,
            ("吐鲁番市", 40),
        )],
    );
    out_of_scope(&e, "12345热线派的工单,办理时限是几天?", None);
    // Whether a meeting is held regularly asks how often (是固定开还是有事才开),
    // which a department's citywide meetings (吐鲁番 45) do not answer for
    // 常务会议.
    // 是谁签署的 asks who takes the step: the article that names one (由市长
    // 签署) answers; one that names none (制发“批评约谈单”) does not say.
    // 攸县县府办的同事问: a county's office the asker is from (its 县 written
    // twice, 县府 for 县政府), in 株洲; what is asked is said after it.
    cites(
        &e,
        &[
            ("吐鲁番常务会是固定开还是有事才开?", None, ("吐鲁番市", 41)),
            ("双塔区长办公会定期召开吗?", None, ("朝阳市双塔区", 43)),
            ("吐鲁番市政府发布的命令是谁签署的?", None, ("吐鲁番市", 50)),
            (
                "攸县县府办的同事问,县市区的政务公开工作归谁指导考核?",
                None,
                ("株洲市", 29),
            ),
            (
                "攸县府办的同事问,县市区政务公开工作谁来考核?",
                None,
                ("株洲市", 29),
            ),
        ],
    );
    // 有效期制度 names a system but asks none (the 有 of 有效期): the figure
    // asked (几年) stays unstated.
    refused(
        &e,
        &[
            ("双塔的批评约谈单是谁签发的?", None),
            (
                "株洲的规范性文件有效期到底几年?规则里只说要完善有效期制度,具体几年呢",
                None,
            ),
        ],
    );
}

#[test]
fn what_fresh_170_to_172_taught() {
    let (_tmp, e) = engine();
    // A gloss in brackets is a clause of its own: 盖章 (an out-of-scope topic)
    // sets the scene, 会签件 beside it is what the deadline is of.
    let a = ask(
        &e,
        "收到一份要我们盖章的文件(说是会签件),对方没定时限,今天收到的,最晚哪天回复?",
        Some("朝阳市双塔区"),
        "2024-03-04T10:00:00+08:00",
    );
    assert_eq!(
        first(&a),
        Some(("朝阳市双塔区".into(), 53)),
        "{}",
        a.to_text()
    );
    assert_eq!(
        a.deadline.as_ref().map(|d| d.date.as_str()),
        Some("2024-03-13")
    );
    // 百分之几 asks a rate by itself, which 乐清 33 (出庭应诉) does not state.
    not_stated(&e, "出庭应诉率要达到百分之几?", Some("乐清市"), "比例");
    // 备案 is named in its own words or not at all: 审议 in 株洲 26 is no filing.
    not_stated(
        &e,
        "重大行政决策目录编完了报哪个部门备案?",
        Some("株洲市"),
        "备案的部门或领导",
    );
    // A county named for its city (株洲县) is the city's; the city's own level
    // asked after a filler (问下市里规定) is still asked.
    let a = ask(
        &e,
        "株洲县这边问一下市里的规定:常务会多久开一次?",
        None,
        NOW,
    );
    assert_eq!(first(&a), Some(("株洲市".into(), 44)), "{}", a.to_text());
    let a = ask(
        &e,
        "我是株洲县里的,问下市里规定:常务会多久开一次?",
        None,
        NOW,
    );
    assert_eq!(first(&a), Some(("株洲市".into(), 44)), "{}", a.to_text());
}

#[test]
fn what_fresh_173_taught() {
    let (_tmp, e) = engine();
    // Clauses typed with spaces, not commas: the day the trip or meeting is
    // on is the one its word follows at once (后天出发), not the day of the
    // act asked about (明天报备), which the trip's word reaches only across
    // the words between.
    for (q, article) in [
        ("局长后天出发去沈阳 明天报备来得及吗 最晚哪天报", 71),
        ("后天开常务会 材料明天才审完 按规定最晚哪天要审完", 41),
    ] {
        let a = ask(&e, q, Some("朝阳市双塔区"), "2024-06-11T10:00:00+08:00");
        assert_eq!(
            first(&a),
            Some(("朝阳市双塔区".into(), article)),
            "{}",
            a.to_text()
        );
        assert_eq!(
            a.deadline.as_ref().map(|d| d.date.as_str()),
            Some("2024-06-11"),
            "{q}"
        );
    }
}
