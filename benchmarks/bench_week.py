"""Wall time and peak memory of `est week build --week 2021-W10`, whole process.

Usage:  python benchmarks/bench_week.py [--scale 100] [--runs 3]

Measures the demo workspace at the repository root and a synthetic workspace whose exports
are the demo rows replicated `--scale` times (fresh ids, times shifted by a few minutes, so
no row is a duplicate). Each build runs as its own `est` process inside a small wrapper that
reads the child's peak resident set size (getrusage RUSAGE_CHILDREN), so the figures include
interpreter start-up, imports, reading, aggregation, rendering and writing.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WEEK = "2021-W10"

_WRAPPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.run(sys.argv[1:], capture_output=True, text=True)
wall = time.perf_counter() - start
rss_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"wall": wall, "rss_kib": rss_kib, "rc": proc.returncode,
                  "err": proc.stderr[-2000:]}))
"""


def est_command() -> list[str]:
    exe = shutil.which("est", path=str(Path(sys.executable).parent)) or shutil.which("est")
    return [exe] if exe else [sys.executable, "-m", "est_cli"]


def measure(workspace: Path, out: Path) -> dict[str, float]:
    cmd = [
        *est_command(),
        "week",
        "build",
        "--week",
        WEEK,
        "--workspace",
        str(workspace),
        "--format",
        "md,html,json",
        "--out",
        str(out),
    ]
    raw = subprocess.run(
        [sys.executable, "-c", _WRAPPER, *cmd], capture_output=True, text=True, check=True
    ).stdout
    result = json.loads(raw)
    if result["rc"] != 0:
        raise SystemExit(f"est failed ({result['rc']}):\n{result['err']}")
    return result


def synthetic_workspace(scale: int, target: Path) -> int:
    """Copy the demo settings and notes; write the exports `scale` times over. Returns rows."""
    shutil.copy(REPO / "est.yaml", target / "est.yaml")
    if (REPO / "weeks").is_dir():
        shutil.copytree(REPO / "weeks", target / "weeks")
    out_dir = target / "examples/incidents"
    out_dir.mkdir(parents=True)
    rows = 0
    for src in sorted((REPO / "examples/incidents").glob("*.csv")):
        raw = src.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:  # the demo's 2020 exports are Windows-1252, as Excel writes
            text = raw.decode("cp1252")
        reader = csv.reader(io.StringIO(text), delimiter=";")
        header = next(reader)
        body = [r for r in reader if any(c.strip() for c in r)]
        i_id, i_time = header.index("Händelse-ID"), header.index("Tid")
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter=";", lineterminator="\n")
        writer.writerow(header)
        for copy in range(scale):
            for n, row in enumerate(body):
                new = list(row)
                new[i_id] = f"{row[i_id]}-{copy:03d}"
                if new[i_time] and copy:
                    h, m = (int(x) for x in new[i_time].split(":"))
                    minute = (h * 60 + m + (copy * 7 + n) % 29 - 14) % (24 * 60)
                    new[i_time] = f"{minute // 60:02d}:{minute % 60:02d}"
                writer.writerow(new)
                rows += 1
        (out_dir / src.name).write_text(buf.getvalue(), encoding="utf-8")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3, help="best of N runs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        big = tmp_path / "big"
        big.mkdir()
        big_rows = synthetic_workspace(args.scale, big)
        small = tmp_path / "small"
        small.mkdir()
        demo_rows = synthetic_workspace(1, small)  # the demo's own rows, counted the same way
        cases = [("demo workspace", REPO, demo_rows), (f"synthetic ×{args.scale}", big, big_rows)]
        results = []
        for name, ws, rows in cases:
            runs = [measure(ws, tmp_path / f"out-{i}") for i in range(args.runs)]
            best = min(runs, key=lambda r: r["wall"])
            results.append((name, rows, best["wall"], max(r["rss_kib"] for r in runs)))
    print(f"est week build --week {WEEK} --format md,html,json (best of {args.runs} runs)")
    print(f"{'workspace':<22} {'rows':>9} {'wall time':>10} {'peak RSS':>10}")
    for name, rows, wall, rss in results:
        print(f"{name:<22} {rows:>9,} {wall:>9.2f}s {rss / 1024:>8.0f}MB")


if __name__ == "__main__":
    main()
