"""Checks .ci/run makes of what gets installed and shipped. Run from the repository root:

    pip freeze --exclude-editable | python .ci/dist_checks.py constraints
    python .ci/dist_checks.py sdist dist/est_cli-X.tar.gz
    python .ci/dist_checks.py wheel dist/est_cli-X-py3-none-any.whl

Each prints one line when the check holds and exits non-zero, saying what to do, when not.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

# Tracked files that no test reads, so the sdist need not hold them.
NOT_FOR_TESTS = (".ci/", "benchmarks/", "scripts/")


def _name(requirement: str) -> str:
    """The normalised project name of a `pip freeze` or constraints line."""
    return re.sub(r"[-_.]+", "-", re.split(r"[=<>!~ @;\[]", requirement, maxsplit=1)[0]).lower()


def constraints() -> str:
    """Everything installed (pip freeze on stdin) is pinned in constraints.txt."""
    lines = Path("constraints.txt").read_text(encoding="utf-8").splitlines()
    pinned = {_name(x) for x in lines if "==" in x and not x.startswith((" ", "#"))}
    installed = [_name(x) for x in sys.stdin if x.strip() and not x.startswith("#")]
    loose = sorted(set(installed) - pinned)
    if loose:
        sys.exit(
            "installed but not pinned in constraints.txt (refresh it as README says): "
            + ", ".join(loose)
        )
    return f"{len(installed)} installed packages, all pinned in constraints.txt"


def sdist(path: str) -> str:
    """The sdist holds every tracked file but those under NOT_FOR_TESTS: the suite runs from it."""
    with tarfile.open(path) as archive:
        packed = {n.split("/", 1)[1] for n in archive.getnames() if "/" in n}
    listed = subprocess.run(["git", "ls-files", "-z"], capture_output=True, check=True, text=True)
    tracked = [f for f in listed.stdout.split("\0") if f and not f.startswith(NOT_FOR_TESTS)]
    missing = [f for f in tracked if f not in packed]
    if missing:
        sys.exit(
            "not in the sdist: add them to [tool.hatch.build.targets.sdist] include in\n"
            "pyproject.toml, or to NOT_FOR_TESTS in .ci/dist_checks.py if no test reads them:\n  "
            + "\n  ".join(missing)
        )
    return f"{len(packed)} files in the sdist, all {len(tracked)} tracked files the tests may read"


def wheel(path: str) -> str:
    """The wheel holds every built-in and scaffolding template, and only the package."""
    packed = set(zipfile.ZipFile(path).namelist())
    folders = ("est_cli/templates", "est_cli/scaffold")
    wanted = {p.as_posix() for folder in folders for p in Path(folder).glob("*.j2")}
    missing = sorted(wanted - packed)
    foreign = sorted(n for n in packed if not n.startswith(("est_cli/", "est_cli-")))
    if missing or foreign or not wanted:
        sys.exit(f"wheel: templates missing {missing}; not part of the package {foreign}")
    return f"{len(wanted)} templates in the wheel, nothing outside est_cli/"


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    print({"constraints": constraints, "sdist": sdist, "wheel": wheel}[command](*args))
