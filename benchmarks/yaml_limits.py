"""How long est takes to refuse YAML that expands, and to read the largest file it accepts.

Usage:  python benchmarks/yaml_limits.py [--runs 3]

Times est_cli.load.yamldoc.load_yaml (the loader every est.yaml, pledge and week file goes
through) on hostile files written to a temporary folder: a billion-laughs file (9**9 values
from under 400 bytes), an alias inside its own anchor, 100,000 levels of brackets, a 50 MB
file, and, for comparison, a plain file of 100,001 values (refused when the limit is reached)
and a realistic pledge-shaped file just under the size limit (accepted: the slowest a file
within the limits can be). Prints the best of `--runs` for each, and the problem est reports.
The test suite proves the refusals (tests/test_yaml_limits.py); it times nothing.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from est_cli.load.yamldoc import load_yaml
from est_cli.load.yamlparser import MAX_BYTES, MAX_VALUES


def billion_laughs() -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    return "\n".join(lines) + "\n"


def pledge_like(size: int) -> str:
    """Activities as a pledge has them, repeated until the file is just under `size` bytes."""
    item = (
        "  - id: vandring{n}\n"
        "    text: Vi genomför trygghetsvandringar i centrum tillsammans med fastighetsägare.\n"
        "    owner: gemensamt\n"
    )
    out, n, total = ["activities:\n"], 0, len("activities:\n")
    while total + len(item.format(n=n).encode()) <= size:
        out.append(item.format(n=n))
        total += len(out[-1].encode())
        n += 1
    return "".join(out)


CASES = {
    "billion laughs (9**9 values)": lambda: billion_laughs(),
    "alias inside its own anchor": lambda: "x: &x [*x]\n",
    "100,000 levels of [": lambda: "a: " + "[" * 100_000 + "]" * 100_000 + "\n",
    "50 MB file": lambda: "a: " + "x" * 50_000_000 + "\n",
    f"{MAX_VALUES + 1:,} plain values": lambda: "[" + ", ".join(["1"] * (MAX_VALUES + 1)) + "]\n",
    "pledge-shaped file just under 1 MB (accepted)": lambda: pledge_like(MAX_BYTES),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"| file | bytes | best of {args.runs} | est says |")
    print("|---|---:|---:|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in CASES.items():
            path = Path(tmp) / "case.yaml"
            path.write_text(make(), encoding="utf-8")
            times, problems = [], []
            for _ in range(args.runs):
                start = time.perf_counter()
                _doc, problems = load_yaml(path, "case.yaml")
                times.append(time.perf_counter() - start)
            said = str(problems[0]) if problems else "accepted"
            print(f"| {name} | {path.stat().st_size:,} | {min(times):.3f} s | {said} |")


if __name__ == "__main__":
    main()
