"""The hostile corpus: bad inputs, a misbehaving server, two writers, a kill — nothing lost or wrong.

Usage: python benchmarks/robustness.py [--big-chars 999000] [--skip-big]

Generates every case in a temporary folder and runs the real `extract` command on it, then checks:
every article lands exactly once (a record or a failure line), every item's offsets point at its
evidence, no run crashes (a traceback or an unexpected exit status), a second writer is refused, a
killed run resumes. Last, the peak memory of the rules over one article of --big-chars characters.
Prints the cases tried and the counts that must be 0.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import signal
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.inputs.load import Article, load_articles  # noqa: E402
from tests.conftest import extraction, quote, user_text  # noqa: E402
from tests.fake_openai import FakeOpenAI  # noqa: E402

GOOD = 'Article {n}. Kerry said it was "talk number {n}" in London on Friday.'
HTML = "<html><head><script>var s = 'x';</script></head><body><nav>Home | World</nav><article><p>{0}</p></article></body></html>"  # noqa: E501


def hostile_inputs(folder: Path) -> int:
    """Write the input cases; return how many articles (or would-be articles) they hold."""
    folder.mkdir(parents=True)
    cases: dict[str, bytes | None] = {f"good{n}.txt": GOOD.format(n=n).encode() for n in range(20)}
    text = GOOD.format(n=100)
    cases |= {
        "utf16.txt": text.encode("utf-16"),
        "latin1.txt": (text + " caf\xe9").encode("latin-1"),
        "stray.txt": text.encode().replace(b"London", b"Lond\xf6n"),
        "bom.txt": text.encode("utf-8-sig"),
        "cp1251.txt": "Лавров сказал, что переговоры были полезными, в пятницу.".encode("cp1251"),
        "empty.txt": b"",
        "blank.txt": b" \n\t\n",
        "one.txt": b"x",
        "nul.txt": b"x" * 9000 + b"\0",
        "png.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
        "long.txt": (text + "\n\n").encode() * 2500,
        "huge.txt": b"a " * 600_000,
        "page1.html": HTML.format(GOOD.format(n=101)).encode(),
        "page2.txt": ("<!-- saved -->" + HTML.format(GOOD.format(n=102))).encode(),
        "page3.txt": ('<?xml version="1.0"?>' + HTML.format(GOOD.format(n=103))).encode(),
        "a[\ttab\nline].txt": GOOD.format(n=104).encode(),
        "[bold]x[": None,
        "[bold]x[/x].txt": GOOD.format(n=105).encode(),
        "server500.txt": b"SCENARIO 500 " + text.encode(),
        "garbage.txt": b"SCENARIO garbage " + text.encode(),
        "huge-reply.txt": b"SCENARIO huge " + text.encode(),
        "invented.txt": b"SCENARIO invent " + text.encode(),
    }
    lines = [
        json.dumps({"id": "j1", "text": GOOD.format(n=200)}),
        '{"id": "s", "text": "bad \\ud800 text"}',
        "[" * 100_000 + "]" * 100_000,
        json.dumps({"id": "ls", "text": GOOD.format(n=201) + "\u2028end"}),
        json.dumps({"id": "j1", "text": GOOD.format(n=202)}),
        '{"text": 5}',
        "not json",
        "[1, 2]",
        json.dumps({"id": "meta", "text": GOOD.format(n=203), "outlet": "Reuters"}),
    ]
    cases["lines.jsonl"] = "\n".join(lines).encode()
    for name, data in cases.items():
        if data is None:
            (folder / name).mkdir()  # a folder named 'x[' holds 'x].txt': the path reads 'x[/x].txt'
        else:
            (folder / name).write_bytes(data)
    return sum(d is not None for d in cases.values()) - 1 + len(lines)


def script(request: dict[str, Any]) -> tuple[int, str]:
    """The misbehaving server: answers by the scenario the article names."""
    text = user_text(request)
    found = re.search(r'"(talk number \d+)"', text)
    right = extraction([quote(found.group(1))] if found else [])
    if "SCENARIO 500" in text:
        return 500, "internal error"
    if "SCENARIO garbage" in text:
        return 200, "{not json at all"
    if "SCENARIO huge" in text:
        return 200, json.dumps({"quotes": [{"text": "x" * 5_000_000}]})
    if "SCENARIO invent" in text:
        return 200, extraction([quote("Russia will pay dearly for this, he said")])
    return 200, right


def run(args: list[str], **kw: Any) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "extract", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        **kw,
    )


def crashed(proc: subprocess.CompletedProcess[str] | subprocess.Popen[str], stderr: str) -> bool:
    return "Traceback" in stderr or proc.returncode not in (0, 1, 2, 3, 130, -signal.SIGKILL)


def audit(inputs: Path, out: Path, failures: Path) -> tuple[int, int, int]:
    """(records, failure lines, items whose offsets do not point at their evidence)."""
    with warnings.catch_warnings():  # the run itself reported them
        warnings.simplefilter("ignore")
        texts = {a.sha256: a.text for a in load_articles([str(inputs)]) if isinstance(a, Article)}
    records = [json.loads(line) for line in out.read_text().splitlines() if line.strip()]
    wrong = sum(
        texts[r["text_sha256"]][i["start"] : i["end"]] != i["evidence"]
        for r in records
        for items in r["items"].values()
        for i in items
    )
    return len(records), len(failures.read_text().splitlines()), wrong


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--big-chars", type=int, default=999_000)
    ap.add_argument("--skip-big", action="store_true")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="hostile-"))
    inputs = tmp / "in"
    expected = hostile_inputs(inputs)
    crashes = lost = wrong = tried = 0
    with FakeOpenAI(script, latency=0.05) as server:
        common = ["--base-url", server.base_url, "--model", "fake", "--retries", "0", "--timeout", "5"]
        out, failures = tmp / "r.jsonl", tmp / "f.tsv"
        first = run(["run", str(inputs), "-o", str(out), "--failures", str(failures), "--no-cache", *common])
        tried += expected
        crashes += crashed(first, first.stderr)
        records, failed, wrong = audit(inputs, out, failures)
        duplicates_skipped = 0  # every text above is distinct
        lost += expected - records - failed - duplicates_skipped
        print(
            f"hostile inputs: {expected} cases -> {records} records, {failed} failures, rc {first.returncode}"
        )
        print(
            "  failed as expected, one line each:",
            "; ".join(
                f"{Path(line.split(chr(9))[0]).name}: {line.split(chr(9))[1][:40]}"
                for line in failures.read_text().splitlines()
            ),
        )

        # Two writers of one output: the second is refused; the first loses nothing.
        folder, shared = tmp / "many", tmp / "shared.jsonl"
        folder.mkdir()
        for n in range(40):
            (folder / f"a{n:02d}.txt").write_text(GOOD.format(n=n + 1000))
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        slow = ["run", str(folder), "-o", str(shared), "--no-cache", *common, "--workers", "2"]
        writer = subprocess.Popen(
            [sys.executable, "-m", "extract", *slow], cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True
        )
        while not shared.exists() or not shared.read_text():
            time.sleep(0.05)
        second = run(slow)
        _, stderr = writer.communicate(timeout=600)
        tried += 2
        crashes += crashed(second, second.stderr) + crashed(writer, stderr)
        refused = second.returncode == 2 and "being written by another" in second.stderr
        lost += 40 - len({json.loads(x)["source"] for x in shared.read_text().splitlines()})
        print(f"two writers: second refused {refused}; first wrote {len(shared.read_text().splitlines())}/40")

        # Kill mid-run, then the same command again: each article exactly once.
        killed = tmp / "killed.jsonl"
        again = ["run", str(folder), "-o", str(killed), "--no-cache", *common]
        proc = subprocess.Popen(
            [sys.executable, "-m", "extract", *again], cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True
        )
        while not killed.exists() or killed.read_text().count("\n") < 5:
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        resumed = run(again)
        tried += 2
        crashes += crashed(resumed, resumed.stderr)
        sources = [json.loads(x)["source"] for x in killed.read_text().splitlines()]
        lost += 40 - len(set(sources)) + (len(sources) - len(set(sources)))  # missing, or written twice
        print(f"kill and resume: {len(set(sources))}/40 articles, {len(sources) - len(set(sources))} twice")

    if not args.skip_big:
        big = tmp / "big.txt"
        base = (ROOT / "seeds" / "reuters_kerry_lavrov_2014-03-14.txt").read_text()
        big.write_text((base * (args.big_chars // len(base) + 1))[: args.big_chars])
        started = time.perf_counter()
        proc_big = run(["run", str(big), "-o", str(tmp / "big.jsonl"), "--strategy", "rules", "--no-cache"])
        rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        tried += 1
        crashes += crashed(proc_big, proc_big.stderr)
        print(
            f"{args.big_chars:,}-char article, rules: rc {proc_big.returncode}, "
            f"{time.perf_counter() - started:.0f} s, peak RSS {rss:,.0f} MiB"
        )
    print(f"\ncases tried {tried} | records lost {lost} | wrong offsets {wrong} | crashes {crashes}")


if __name__ == "__main__":
    main()
