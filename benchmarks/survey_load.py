"""How long the survey loader takes on a large generated export, and what it read.

Writes a workspace (the demo's est.yaml and its 12 factors) with N survey responses in one
Microsoft Forms style CSV, a few of them wrong (an unknown area, an answer off the scale, an
unreadable timestamp, a repeated respondent), then times `load_survey` (best of --runs) and
prints a digest of the frame and of the problems, so two versions of the loader can be
compared for speed and for giving the same result:

    .venv/bin/python benchmarks/survey_load.py                 # 50 000 responses, best of 3
    .venv/bin/python benchmarks/survey_load.py --rows 200000 --runs 1
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import random
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "examples"))

from generate_survey import FACTORS, HEADERS, LEVELS, RESPONDENTS  # noqa: E402

from est_cli.load.survey import load_survey  # noqa: E402
from est_cli.load.workspace import load_workspace  # noqa: E402


def write(root: Path, rows: int, seed: int) -> None:
    shutil.copy(ROOT / "est.yaml", root / "est.yaml")
    (root / "data" / "survey").mkdir(parents=True)
    rng = random.Random(seed)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([*HEADERS, *FACTORS, "Övriga kommentarer"])
    first = date(2021, 1, 5)
    for n in range(1, rows + 1):
        tuesday = first + timedelta(weeks=int(rng.random() * 50))
        minute = int(rng.random() * 600)
        stamp = f"{tuesday.isoformat()} {8 + minute // 60:02d}:{minute % 60:02d}:00"
        name, organisation, area = RESPONDENTS[int(rng.random() * len(RESPONDENTS))]
        if rng.random() < 0.9:  # most answers come from people nobody listed
            name = f"Svarande {int(rng.random() * 100000)}"
        answers = [
            "Vet ej" if rng.random() < 0.04 else LEVELS[int(rng.random() * 4)] for _ in FACTORS
        ]
        area_text = area.capitalize()
        kind = rng.random()
        if kind < 0.002:
            area_text = "Sundaa"
        elif kind < 0.004:
            answers[3] = "Mycket"
        elif kind < 0.006:
            stamp = "igår"
        comment = "Lugn vecka." if rng.random() < 0.2 else ""
        writer.writerow([n, stamp, stamp, name, organisation, area_text, *answers, comment])
    path = root / "data" / "survey" / "enkat.csv"
    path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write(root, args.rows, args.seed)
        best = float("inf")
        for _ in range(args.runs):
            ws = load_workspace(root)
            start = time.perf_counter()
            result = load_survey(ws)
            best = min(best, time.perf_counter() - start)
        frame = result.frame.sort_values(["source", "line"], kind="stable")
        digest = hashlib.sha256(frame.to_csv(index=False).encode()).hexdigest()[:16]
        said = "\n".join(
            f"{p.file}:{p.line}:{p.field}:{p.severity}:{p.code}:{p.message}:{p.hint}"
            for p in result.problems
        )
        problems = hashlib.sha256(said.encode()).hexdigest()[:16]
        used, found = len(result.frame), len(result.problems)
        print(f"responses: {args.rows}, used: {used}, problems: {found}")
        print(f"load_survey best of {args.runs}: {best:.2f} s")
        print(f"frame digest: {digest}, problems digest: {problems}")


if __name__ == "__main__":
    main()
