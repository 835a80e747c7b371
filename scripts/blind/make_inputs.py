#!/usr/bin/env python3
"""Build a blind writer's inputs from the stored documents: each article as
`rulebot show` prints it (without rulebot's own reading of its limits), the case
format, DEADLINES.md, the holiday notices and the phrase checker.

    cargo build --release
    python3 scripts/blind/make_inputs.py /work/blind/inputs

The writer sees only that folder (and the prompt in prompt.md); check.py reads
articles.json next to it.
"""
import json, pathlib, shutil, subprocess, sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = ROOT / "target/release/rulebot"
out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "/work/blind/inputs")
out.mkdir(parents=True, exist_ok=True)
db = out / ".db"

listing = subprocess.run([BIN, "--db", db, "list"], capture_output=True, text=True, check=True).stdout
articles = {}
for line in listing.splitlines():
    fields = line.split("\t")
    name, count = fields[0], int(fields[4].split()[0])
    parts = []
    for n in range(1, count + 1):
        r = subprocess.run([BIN, "--db", db, "show", name, str(n)], capture_output=True, text=True)
        if r.returncode != 0 or not r.stdout.strip():
            print(f"missing: {name} {n}", file=sys.stderr)
            continue
        chapter = next((l[3:] for l in r.stdout.splitlines() if l.startswith("章节:")), "")
        body = r.stdout.split("\n\n", 1)[1].split("\n\n时限与频次")[0].strip()
        parts.append(f"=== {name} 第{n}条 ({chapter}) ===\n{body}\n")
        articles[f"{name}#{n}"] = body
    (out / f"{name}-articles.txt").write_text("\n".join(parts), encoding="utf-8")
(out / "articles.json").write_text(json.dumps(articles, ensure_ascii=False), encoding="utf-8")
shutil.copy(ROOT / "DEADLINES.md", out / "DEADLINES.md")
shutil.copy(ROOT / "tests/data/EVAL_FORMAT.md", out / "case-format.md")
shutil.copy(pathlib.Path(__file__).with_name("check.py"), out / "check.py")
shutil.copytree(ROOT / "data/holidays", out / "holiday-cn", dirs_exist_ok=True)
shutil.rmtree(db, ignore_errors=True)
print(f"{len(articles)} articles written to {out}")
