"""Start-up time of `est --help` and `est --version`, whole process (issue 7).

Usage:  python benchmarks/startup.py [--runs 20] [--budget 0.10] [-- ARGS ...]

Each run starts `est` as its own process (the `est` script beside this Python, else
`python -m est_cli`) with its output discarded, and times it from spawn to exit. The best of
`--runs` runs is reported: the floor is what start-up costs, the rest is noise from the machine.
A plain `python -c "import typer"` is timed alongside for reference, since Typer alone is most
of the budget. Arguments after `--` are timed as one more command, e.g. `-- check --help`.

PYTHONDONTWRITEBYTECODE is left out of the commands' environment: an installed est has its
bytecode compiled, and compiling est's modules anew on every run would be timed otherwise
(the warm-up run writes the __pycache__ folders).

Exits 1 when a command's best time exceeds `--budget` seconds, so it can be run by hand or in
CI; the test suite does not time anything (see tests/test_startup.py for what must not load).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def est_command() -> list[str]:
    exe = shutil.which("est", path=str(Path(sys.executable).parent)) or shutil.which("est")
    return [exe] if exe else [sys.executable, "-m", "est_cli"]


ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(cmd: list[str]) -> None:
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, check=False)


def timings(cmd: list[str], runs: int) -> list[float]:
    run(cmd)  # warm-up: file cache, bytecode
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run(cmd)
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="process runs per command")
    parser.add_argument("--budget", type=float, default=0.10, help="seconds, best run")
    parser.add_argument("args", nargs="*", help="another est command to time")
    opts = parser.parse_args()

    est = est_command()
    commands = {
        "python -c 'import typer' (reference)": [sys.executable, "-c", "import typer"],
        "est --help": [*est, "--help"],
        "est --version": [*est, "--version"],
    }
    if opts.args:
        commands["est " + " ".join(opts.args)] = [*est, *opts.args]

    over = False
    print(f"best and median of {opts.runs} runs; budget {opts.budget:.3f} s")
    for name, cmd in commands.items():
        times = timings(cmd, opts.runs)
        best, median = min(times), statistics.median(times)
        checked = name.startswith("est ")
        verdict = ("ok" if best <= opts.budget else "OVER BUDGET") if checked else ""
        over |= checked and best > opts.budget
        print(f"  {name:<40} best {best:.3f} s   median {median:.3f} s   {verdict}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
