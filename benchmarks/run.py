#!/usr/bin/env python3
"""Time whole `est` processes on synthetic workspaces of several sizes; print a Markdown table.

    python benchmarks/run.py                      # 10k, 100k and 1M rows, best of 3
    python benchmarks/run.py --quick              # 10k rows, 1 run: the CI smoke test
    python benchmarks/run.py --sizes 100k --runs 5 --markdown /tmp/table.md

For each size, a workspace is written by benchmarks/generate.py (12 monthly files, a few
percent bad rows; see that script) into --workdir and reused by later runs as long as the
generator and its arguments are unchanged. Then every command

    est check -w WS
    est week build -w WS --week YEAR-W20 --format md,html,json --out TMP
    est tertial render -w WS --tertial YEAR-T2 --out TMP
    est stats -w WS --week YEAR-W20

runs as its own process inside a small wrapper process that reads the child's wall time and
peak resident set size (getrusage RUSAGE_CHILDREN), so the figures include interpreter
start-up, imports, reading, aggregation, rendering and writing:

- cold: `WS/.est/cache` is deleted before each timed run;
- warm: one untimed run fills the cache, then the timed runs leave it alone.

Wall time is the best of --runs runs (a case stops repeating once its timed runs have taken
--budget seconds), peak RSS the largest seen. "µs/row" is the wall time above the start-up
floor (the best time of `est --version`) divided by the number of rows: constant µs/row
across sizes means linear growth, and the growth table gives the exponent directly.

Exit status: 1 when any command crashed, i.e. exited with anything but 0 (for `est check`:
0 or 1, since the generated data has errors on purpose) or did not write its documents.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import json
import math
import os
import platform
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from generate import parse_size  # this folder is on sys.path when run as a script

HERE = Path(__file__).resolve().parent
GENERATOR = HERE / "generate.py"
YEAR = 2025
WEEK = f"{YEAR}-W20"
TERTIAL = f"{YEAR}-T2"
FILES = 12
SEED = 1
QUICK_SIZE = 10_000

# Runs one command and prints {"wall": s, "rss_kib": KiB, "rc": code, "out": tail, "err": tail}.
# A process of its own, so that RUSAGE_CHILDREN holds exactly the one est process.
_WRAPPER = r"""
import json, resource, subprocess, sys, time
timeout = float(sys.argv[1])
start = time.perf_counter()
try:
    proc = subprocess.run(sys.argv[2:], capture_output=True, timeout=timeout)
    rc, out, err = proc.returncode, proc.stdout, proc.stderr
except subprocess.TimeoutExpired as exc:
    rc, out, err = "timeout", exc.stdout or b"", exc.stderr or b""
wall = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
if sys.platform == "darwin":  # bytes there, KiB on Linux
    rss //= 1024
tail = lambda b: b[-3000:].decode("utf-8", "replace")
print(json.dumps({"wall": wall, "rss_kib": rss, "rc": rc, "out": tail(out), "err": tail(err)}))
"""


@dataclass(frozen=True)
class Command:
    name: str  # as shown in the table
    args: tuple[str, ...]  # after `est`; {ws} and {out} are filled in
    ok_codes: frozenset[int]
    outputs: tuple[str, ...] = ()  # files that must exist in {out} afterwards


COMMANDS = (
    Command("est check", ("check", "-w", "{ws}"), frozenset({0, 1})),
    Command(
        "est week build",
        ("week", "build", "-w", "{ws}", "--week", WEEK, "--format", "md,html,json"),
        frozenset({0}),
        (f"{WEEK}.md", f"{WEEK}.html", f"{WEEK}.json"),
    ),
    Command(
        "est tertial render",
        ("tertial", "render", "-w", "{ws}", "--tertial", TERTIAL),
        frozenset({0}),
        (f"{TERTIAL}.md", f"{TERTIAL}.html"),
    ),
    Command("est stats", ("stats", "-w", "{ws}", "--week", WEEK), frozenset({0})),
)
WRITES_OUT = {"est week build", "est tertial render"}  # these get --out TMP


@dataclass
class Sample:
    wall: float
    rss_kib: int
    rc: int | str
    out: str
    err: str


@dataclass
class Case:
    """One size × command × {cold, warm}: its timed runs."""

    samples: list[Sample] = field(default_factory=list)
    failure: str | None = None

    @property
    def best(self) -> float | None:
        return min((s.wall for s in self.samples), default=None)

    @property
    def peak_mib(self) -> float | None:
        return max((s.rss_kib for s in self.samples), default=0) / 1024 if self.samples else None

    @property
    def codes(self) -> list[int | str]:
        return sorted({s.rc for s in self.samples}, key=str)


def size_label(rows: int) -> str:
    for factor, suffix in ((1_000_000, "M"), (1000, "k")):
        if rows >= factor and rows % factor == 0:
            return f"{rows // factor}{suffix}"
    return str(rows)


def default_est() -> str:
    """The `est` installed next to this interpreter, else the one on PATH."""
    here = Path(sys.executable).parent
    found = shutil.which("est", path=str(here)) or shutil.which("est")
    if not found:
        raise SystemExit("no `est` executable next to sys.executable or on PATH; pass --est PATH")
    return found


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def generator_fingerprint() -> str:
    return hashlib.sha256(GENERATOR.read_bytes()).hexdigest()[:16]


def workspace(workdir: Path, rows: int) -> Path:
    """A generated workspace of `rows` rows: reused when generated by this generator with the
    same arguments, written afresh otherwise."""
    ws = workdir / f"ws-{size_label(rows)}-seed{SEED}"
    meta = ws / "bench-meta.json"
    want = {"generator": generator_fingerprint(), "rows": rows, "files": FILES, "seed": SEED}
    if meta.is_file():
        have = json.loads(meta.read_text(encoding="utf-8"))
        if all(have.get(k) == v for k, v in want.items()) and have.get("year") == YEAR:
            log(f"reusing {ws}")
            return ws
    if ws.exists():
        shutil.rmtree(ws)
    log(f"generating {rows:,} rows into {ws} …")
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            str(GENERATOR),
            str(ws),
            *("--rows", str(rows), "--files", str(FILES)),
            *("--seed", str(SEED), "--year", str(YEAR)),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    log(f"  generated in {time.perf_counter() - start:.1f} s")
    return ws


def measure(argv: list[str], timeout: float) -> Sample:
    raw = subprocess.run(
        [sys.executable, "-c", _WRAPPER, str(timeout), *argv],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return Sample(**json.loads(raw))


def problem(command: Command, sample: Sample, out: Path) -> str | None:
    """Why a run counts as a crash, or None."""
    if sample.rc not in command.ok_codes:
        tail = (sample.err or sample.out).strip().splitlines()[-12:]
        return f"exit {sample.rc}:\n    " + "\n    ".join(tail)
    missing = [name for name in command.outputs if not (out / name).is_file()]
    if missing:
        return f"exit {sample.rc} but did not write {', '.join(missing)}"
    return None


def run_case(
    est: str,
    command: Command,
    ws: Path,
    scratch: Path,
    *,
    warm: bool,
    runs: int,
    budget: float,
    timeout: float,
) -> Case:
    out = scratch / "out"
    argv = [est, *(a.format(ws=ws) for a in command.args)]
    if command.name in WRITES_OUT:
        argv += ["--out", str(out)]
    cache = ws / ".est" / "cache"
    case = Case()

    def once() -> Sample:
        if out.exists():
            shutil.rmtree(out)
        if not warm:
            shutil.rmtree(cache, ignore_errors=True)
        return measure(argv, timeout)

    if warm:  # fill the cache; not timed
        shutil.rmtree(cache, ignore_errors=True)
        first = once()
        case.failure = problem(command, first, out)
        if case.failure:
            case.samples.append(first)
            return case
    spent = 0.0
    for _ in range(runs):
        sample = once()
        case.samples.append(sample)
        case.failure = problem(command, sample, out)
        spent += sample.wall
        if case.failure or spent >= budget:
            break
    return case


def startup_floor(est: str, timeout: float) -> float:
    walls = []
    for _ in range(5):
        sample = measure([est, "--version"], timeout)
        if sample.rc != 0:
            raise SystemExit(f"`{est} --version` failed (exit {sample.rc}): {sample.err}")
        walls.append(sample.wall)
    return min(walls)


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 1024**2:.0f} GiB RAM"
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cpus": str(os.cpu_count()),
        "memory": mem,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
    }


def _load() -> float:
    """The 1-minute load average: other busy processes make the timings noisier."""
    try:
        return os.getloadavg()[0]
    except OSError:
        return float("nan")


def fmt_s(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def fmt_us(wall: float | None, floor: float, rows: int) -> str:
    if wall is None:
        return "–"
    return f"{max(wall - floor, 0.0) / rows * 1e6:.1f}"


def fmt_mib(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


def table(
    results: dict[tuple[int, str], dict[str, Case]], sizes: list[int], floor: float
) -> list[str]:
    lines = [
        "| rows | command | exit | cold wall (s) | warm wall (s) | cold µs/row | warm µs/row "
        "| cold peak RSS (MiB) | warm peak RSS (MiB) | runs cold/warm |",
        "|---:|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for rows in sizes:
        for command in COMMANDS:
            cases = results.get((rows, command.name))
            if cases is None:
                continue
            cold, warm = cases["cold"], cases["warm"]
            codes = sorted({*cold.codes, *warm.codes}, key=str)
            exit_cell = ", ".join(str(c) for c in codes)
            if cold.failure or warm.failure:
                exit_cell += " **FAILED**"
                lines.append(f"| {rows:,} | `{command.name}` | {exit_cell} |" + " – |" * 7)
                continue
            lines.append(
                f"| {rows:,} | `{command.name}` | {exit_cell} | {fmt_s(cold.best)} "
                f"| {fmt_s(warm.best)} | {fmt_us(cold.best, floor, rows)} "
                f"| {fmt_us(warm.best, floor, rows)} | {fmt_mib(cold.peak_mib)} "
                f"| {fmt_mib(warm.peak_mib)} | {len(cold.samples)}/{len(warm.samples)} |"
            )
    return lines


def growth(
    results: dict[tuple[int, str], dict[str, Case]], sizes: list[int], floor: float
) -> list[str]:
    """Exponent k in time-above-floor ∝ rows^k between consecutive sizes (1.00 = linear)."""
    if len(sizes) < 2:
        return []
    steps = list(itertools.pairwise(sizes))
    head = " | ".join(f"{size_label(a)} → {size_label(b)}" for a, b in steps)
    lines = [
        f"| command | {head} |",
        "|---|" + "---:|" * len(steps),
    ]

    def exponent(a: int, b: int, name: str, mode: str) -> str:
        ca, cb = results.get((a, name)), results.get((b, name))
        if not ca or not cb or ca[mode].best is None or cb[mode].best is None:
            return "–"
        ta, tb = ca[mode].best - floor, cb[mode].best - floor
        if ta <= 0 or tb <= 0:
            return "–"
        return f"{math.log(tb / ta) / math.log(b / a):.2f}"

    for command in COMMANDS:
        cells = [
            f"{exponent(a, b, command.name, 'cold')} / {exponent(a, b, command.name, 'warm')}"
            for a, b in steps
        ]
        lines.append(f"| `{command.name}` | " + " | ".join(cells) + " |")
    return lines


def report(
    results: dict[tuple[int, str], dict[str, Case]],
    sizes: list[int],
    floor: float,
    args: argparse.Namespace,
    est: str,
    version: str,
    started: dt.datetime,
    load_start: float,
) -> str:
    m = machine()
    argv = " ".join(shlex.quote(a) for a in sys.argv[1:])
    load = " → ".join(f"{x:.2f}" for x in (load_start, _load()))
    lines = [
        f"Command: `python benchmarks/run.py{' ' + argv if argv else ''}`  ",
        f"Date: {started:%Y-%m-%d %H:%M} UTC · {version} (`{est}`)  ",
        f"Machine: {m['cpu']}, {m['cpus']} CPUs, {m['memory']}, {m['os']}, "
        f"Python {m['python']}; 1-minute load average {load} (start → end)  ",
        f"Workspaces: benchmarks/generate.py, {FILES} monthly files of {YEAR}, seed {SEED}; "
        f"week {WEEK}, tertial {TERTIAL}. Start-up floor (`est --version`): {floor:.3f} s. "
        f"Wall: best of up to {args.runs} run(s), a case stops repeating after "
        f"{args.budget:g} s; peak RSS: the largest.",
        "",
        *table(results, sizes, floor),
    ]
    grow = growth(results, sizes, floor)
    if grow:
        lines += [
            "",
            "Growth: exponent k of (wall − floor) ∝ rows^k between sizes, cold / warm "
            "(1.00 = linear).",
            "",
            *grow,
        ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Time est check / week build / tertial render / stats at several sizes."
    )
    parser.add_argument(
        "--sizes",
        default="10k,100k,1M",
        help="comma-separated row counts, e.g. 10k,100k,1M (default)",
    )
    parser.add_argument(
        "--quick", action="store_true", help=f"{size_label(QUICK_SIZE)} rows, 1 run (for CI)"
    )
    parser.add_argument("--runs", type=int, default=3, help="timed runs per case (best is kept)")
    parser.add_argument(
        "--budget",
        type=float,
        default=60.0,
        help="stop repeating a case once its timed runs took this many seconds (default 60)",
    )
    parser.add_argument("--est", help="the est executable (default: next to sys.executable)")
    parser.add_argument(
        "--workdir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "est-bench",
        help="where generated workspaces are kept and reused (default: $TMPDIR/est-bench)",
    )
    parser.add_argument("--markdown", type=Path, help="also write the report to this file")
    parser.add_argument(
        "--timeout", type=float, default=1800.0, help="seconds before a run counts as crashed"
    )
    args = parser.parse_args(argv)
    if args.quick:
        sizes, args.runs = [QUICK_SIZE], 1
    else:
        try:
            sizes = sorted({parse_size(s) for s in args.sizes.split(",") if s.strip()})
        except argparse.ArgumentTypeError as exc:
            parser.error(str(exc))
        if not sizes or min(sizes) < 100:
            parser.error("--sizes: each size must be at least 100 rows")
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    est = args.est or default_est()
    started = dt.datetime.now(dt.UTC)
    load_start = _load()
    version = subprocess.run([est, "--version"], capture_output=True, text=True).stdout.strip()
    args.workdir.mkdir(parents=True, exist_ok=True)
    floor = startup_floor(est, args.timeout)
    log(f"{version}: start-up floor {floor:.3f} s")

    results: dict[tuple[int, str], dict[str, Case]] = {}
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="est-bench-out-") as tmp:
        scratch = Path(tmp)
        for rows in sizes:
            ws = workspace(args.workdir, rows)
            for command in COMMANDS:
                cases = {}
                for mode in ("cold", "warm"):
                    log(f"{rows:>10,} rows  {command.name:<20} {mode} …")
                    case = run_case(
                        est,
                        command,
                        ws,
                        scratch,
                        warm=mode == "warm",
                        runs=args.runs,
                        budget=args.budget,
                        timeout=args.timeout,
                    )
                    cases[mode] = case
                    if case.failure:
                        failures.append(f"{rows:,} rows, {command.name} ({mode}): {case.failure}")
                        log(f"  FAILED: {case.failure}")
                    else:
                        log(f"  {case.best:.2f} s, {case.peak_mib:.0f} MiB")
                results[(rows, command.name)] = cases

    text = report(results, sizes, floor, args, est, version, started, load_start)
    print(text, end="")
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")
    if failures:
        log("\nCommands that crashed:\n" + "\n".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
