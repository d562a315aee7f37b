"""The fuzz campaign's harness: run est on a generated workspace and judge what it did.

Whatever a workspace holds, est must end with exit code 0, 1 or 2 and its own messages:
never a traceback, and every problem line naming a file of the workspace (the oracle,
`run_est`). The test modules `test_fuzz_*.py` generate the workspaces; this module runs
them and counts what was tried, so that `scripts/fuzz.sh` can report it.

Budgets: the hypothesis profile "ci" (the default, registered in conftest.py) gives every
fuzz test the few examples `budget(n)` names, so the normal test run stays short;
HYPOTHESIS_PROFILE=fuzz gives each as many as EST_FUZZ_EXAMPLES (scripts/fuzz.sh).
"""

from __future__ import annotations

import atexit
import json
import os
import re
import shutil
import tempfile
import traceback
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from hypothesis import HealthCheck, settings
from typer.testing import CliRunner, Result

from est_cli.cli.app import app

FUZZING = os.environ.get("HYPOTHESIS_PROFILE") == "fuzz"
F = TypeVar("F", bound=Callable[..., Any])


def budget(ci_examples: int) -> Callable[[F], F]:
    """Hypothesis settings of a fuzz test: `ci_examples` in the normal run, the profile's
    max_examples under HYPOTHESIS_PROFILE=fuzz. Generated workspaces are slow and large by
    design, so the health checks about that are off."""
    quiet = [
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
        HealthCheck.filter_too_much,
    ]
    if FUZZING:
        return settings(deadline=None, suppress_health_check=quiet)
    return settings(max_examples=ci_examples, deadline=None, suppress_health_check=quiet)


# --- what was tried ----------------------------------------------------------------------


@dataclass
class Tally:
    """Inputs tried and tracebacks seen in this process; written for scripts/fuzz.sh."""

    inputs: Counter[str] = field(default_factory=Counter)  # workspaces, by test
    commands: Counter[str] = field(default_factory=Counter)  # est runs, by command
    exits: Counter[str] = field(default_factory=Counter)  # "command: exit code"
    tracebacks: int = 0
    failures: Counter[str] = field(default_factory=Counter)  # oracle failures, by kind

    def write(self) -> None:
        target = os.environ.get("EST_FUZZ_STATS")
        if not target or not (self.inputs or self.commands):
            return
        record = {
            "inputs": dict(self.inputs),
            "commands": dict(self.commands),
            "exits": dict(self.exits),
            "tracebacks": self.tracebacks,
            "failures": dict(self.failures),
        }
        with open(target, "a", encoding="utf-8") as out:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


TALLY = Tally()
atexit.register(TALLY.write)


# --- workspaces --------------------------------------------------------------------------


@contextmanager
def workspace(files: dict[str, str | bytes], *, test: str) -> Iterator[Path]:
    """A temporary workspace holding `files` (text is written as UTF-8, bytes as they are).

    Made per example, not with pytest's tmp_path: hypothesis runs many examples per test.
    """
    TALLY.inputs[test] += 1
    root = Path(tempfile.mkdtemp(prefix="est-fuzz-")) / "ws"
    try:
        write_files(root, files)
        yield root
    finally:
        shutil.rmtree(root.parent, ignore_errors=True)


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


# --- the oracle --------------------------------------------------------------------------

_RUNNER = CliRunner(env={"COLUMNS": "100"})
# A problem as est prints it: "file[:line[:col]]: error|warning: text".
_PROBLEM = re.compile(
    r"^(?P<file>.+?)(?::\d+(?::\d+)?)?: (?P<severity>error|warning|fel|varning): "
)
# est's own lines that are not about one file: the summary of a run that stopped, a
# command-level error (no pledge covers the tertial, nothing to build), a document warning,
# `est stats`' count of the rows it left out ("3 rows excluded, …"). A line of a problem
# broken in two (a newline in a quoted value) matches none of these, nor a problem.
# The same in Swedish, the default language; and, in `est check`, the est.yaml snippet that
# follows a problem (indented) and the count of rows est.yaml ignores.
_OWN = re.compile(
    r"^(Stopped: |Stoppat: |error: |fel: |warning: |varning: |    "
    r"|\d[\d,\u00a0 ]* (rows? excluded|rad(er)? uteslutna), "
    r"|\d[\d,\u00a0 ]* (rows? ignored by|rad(er)? utelämnade enligt) est.yaml: )"
)


class OracleFailure(AssertionError):
    """est did something a hostile or broken workspace must never make it do."""


def run_est(root: Path, *args: str) -> Result:
    """Run `est ARGS --workspace ROOT` in-process and hold it to the campaign's rules.

    Raises OracleFailure (with est's output) when est crashed, left with another exit code,
    printed a traceback or an internal error, or printed a problem line that names no file
    of the workspace.
    """
    command = " ".join(a for a in args[:2] if not a.startswith("-"))
    TALLY.commands[command] += 1
    result = _RUNNER.invoke(app, [*args, "--workspace", str(root)])
    TALLY.exits[f"{command}: {result.exit_code}"] += 1
    failures = judge(result, root, args)
    if failures:
        if any(kind == "traceback" for kind, _ in failures):
            TALLY.tracebacks += 1
        for kind, _ in failures:
            TALLY.failures[kind] += 1
        raise OracleFailure(_describe(args, result, failures))
    return result


def judge(result: Result, root: Path, args: Sequence[str]) -> list[tuple[str, str]]:
    """What is wrong with one run of est, as (kind, detail) pairs; empty when nothing is."""
    found: list[tuple[str, str]] = []
    exc = result.exception
    if exc is not None and not isinstance(exc, SystemExit):
        trace = "".join(traceback.format_exception(exc))
        found.append(("traceback", trace))
    if result.exit_code not in (0, 1, 2):
        found.append(("exit-code", f"exit code {result.exit_code}"))
    text = result.stdout + result.stderr
    if "Traceback" in text:
        found.append(("traceback", "'Traceback' in the output"))
    if "INTERNT" in text or re.search(r"internal error|internt fel", text, re.IGNORECASE):
        found.append(("internal", "an internal error (or INTERNT) in the output"))
    if "--format" in args and "json" in args and args[0] == "check":
        found += _json_problems(result.stdout, root)
    for line in result.stderr.splitlines() + _problem_lines(result.stdout, args):
        found += _names_a_file(line, root)
    return found


def _problem_lines(stdout: str, args: Sequence[str]) -> list[str]:
    """The lines of stdout that are problems: only `est check` prints them there."""
    if args[0] != "check" or "json" in args:
        return []
    lines = stdout.splitlines()
    return lines[:-1]  # the last line is the summary


def _names_a_file(line: str, root: Path) -> list[tuple[str, str]]:
    if not line.strip() or _OWN.match(line):
        return []
    if line.startswith("::"):  # a GitHub annotation: ::error file=…,line=…::text
        m = re.match(r"^::(error|warning) file=([^,]+)", line)
        if m and _is_workspace_file(m[2].replace("%3A", ":").replace("%2C", ","), root):
            return []
        return [("no-file", f"annotation without a workspace file: {line!r}")]
    m = _PROBLEM.match(line)
    if m is None:
        return [("no-file", f"a line that names no file: {line!r}")]
    if not _is_workspace_file(m["file"], root):
        return [("no-file", f"the file named does not exist in the workspace: {line!r}")]
    return []


def _json_problems(stdout: str, root: Path) -> list[tuple[str, str]]:
    try:
        data = json.loads(stdout)
    except ValueError:
        return [("json", f"--format json printed no JSON: {stdout[:500]!r}")]
    return [
        ("no-file", f"a JSON problem without a workspace file: {p!r}")
        for p in data["problems"]
        if not _is_workspace_file(p["file"] or "", root)
    ]


def _is_workspace_file(name: str, root: Path) -> bool:
    """A path of the workspace: an existing file (relative to it, or to the current folder),
    or the glob patterns of est.yaml's sources (a problem about files that are missing)."""
    if not name:
        return False
    if any(ch in name for ch in "*?["):
        return True
    path = Path(name)
    candidates = [path] if path.is_absolute() else [root / path, Path.cwd() / path]
    return any(c.exists() for c in candidates)


def _describe(args: Sequence[str], result: Result, failures: list[tuple[str, str]]) -> str:
    parts = [f"est {' '.join(args)}: exit code {result.exit_code}"]
    parts += [f"[{kind}] {detail}" for kind, detail in failures]
    parts.append("--- stdout ---\n" + result.stdout[-3000:])
    parts.append("--- stderr ---\n" + result.stderr[-3000:])
    return "\n".join(parts)
