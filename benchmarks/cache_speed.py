"""Cold vs cached `extract run` over the seeds, as whole commands, in one run.

Usage: python benchmarks/cache_speed.py [--repeat 3] [extra `extract run` options...]
Prints seconds for the cold run (empty cache), the best of N cached runs, and their ratio.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXTRACT = Path(sys.executable).parent / "extract"


def timed(cmd: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"command failed: {' '.join(cmd)}\n{done.stderr}")
    print("   ", done.stderr.strip().splitlines()[-1])
    return elapsed


def main() -> None:
    args = sys.argv[1:]
    repeat = 3
    if args[:1] == ["--repeat"]:
        repeat, args = int(args[1]), args[2:]
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [
            str(EXTRACT),
            "run",
            "seeds/",
            "-o",
            f"{tmp}/records.jsonl",
            "--overwrite",  # else the re-run resumes, and there is nothing left to do
            "--cache-dir",
            f"{tmp}/cache",
            *args,
        ]
        print("cold run:")
        cold = timed(cmd)
        print(f"cached runs (best of {repeat}):")
        warm = min(timed(cmd) for _ in range(repeat))
    print(f"\ncold {cold:.2f} s | cached {warm:.2f} s | speed-up {cold / warm:.0f}x")


if __name__ == "__main__":
    main()
