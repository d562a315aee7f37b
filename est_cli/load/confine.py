"""Only files inside the workspace are read.

A workspace repository takes pull requests from many partners, and `est check` runs on them
in CI, where what est prints ends up in a public log. So a file's content is only read when
the file lies inside the workspace folder once every link is followed: a link in
data/incidents/ to /etc/passwd, a glob in est.yaml with '..' or an absolute path, or a
templates/ folder that is a link elsewhere is refused with the path as it is written, and
nothing of what lies outside is read or shown. Nor does est write into a report folder that
is a link elsewhere. A path given on the command line (--pledge, --out) is the user's own
choice and may lie anywhere.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath, PureWindowsPath

from est_cli.errors import N_, Problem, Text
from est_cli.load.yamldoc import YamlDoc
from est_cli.models.settings import Settings

OUTSIDE_HINT = N_(
    "est reads only the workspace's own files, not what lies outside its folder or in .git/; "
    "copy the file into the workspace instead of linking to it"
)
# What leads outside: a message each, so that each reads well in every language.
_OUTSIDE = {
    ("file", False): N_(
        "this file leads outside the workspace folder (through a link or '..'), so est does "
        "not read it"
    ),
    ("template", False): N_(
        "this template leads outside the workspace folder (through a link or '..'), so est "
        "does not read it"
    ),
    ("folder", True): N_(
        "this folder leads outside the workspace folder (through a link or '..'), so est "
        "does not write into it"
    ),
}


def lexically_inside(root: Path, path: Path) -> bool:
    """Whether `path`, as written (links not followed, '..' applied), is in `root`."""
    written = Path(os.path.abspath(path))
    return written == root or root in written.parents


def resolves_inside(root: Path, path: Path) -> bool:
    """Whether `path` lies in `root` (a resolved folder) with every link followed, and not in
    its .git/ (git's own files: in CI, .git/config may hold the token the checkout used)."""
    try:
        real = path.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return False
    if real == root:
        return True
    return root in real.parents and real.relative_to(root).parts[0] != ".git"


def as_written(root: Path, path: Path) -> str:
    """`path` relative to `root` as the user wrote it: a link's own name, not its target."""
    if lexically_inside(root, path):
        return Path(os.path.abspath(path)).relative_to(root).as_posix()
    return Path(os.path.relpath(path, root)).as_posix() if path.is_absolute() else str(path)


def outside_problem(rel: str, what: str = "file", *, writes: bool = False) -> Problem:
    """The error for a path that leads outside the workspace; it never names the target.

    `writes`: an output folder (reports/weekly/ a link elsewhere), which est does not write
    into either: only --out on the command line chooses a place outside the workspace."""
    return Problem(
        rel,
        None,
        None,
        None,
        _OUTSIDE.get((what, writes)) or _outside(what, writes),
        hint=N_("make it a plain folder in the workspace, or choose where to write with --out")
        if writes
        else OUTSIDE_HINT,
        code="outside-workspace",
        fatal=True,
    )


def _outside(what: str, writes: bool) -> str:
    """The English of an unusual case (no message of its own)."""
    does = "does not write into it" if writes else "does not read it"
    return f"this {what} leads outside the workspace folder (through a link or '..'), so est {does}"


def pattern_escapes(pattern: str) -> Text | None:
    """Why a glob pattern of est.yaml reaches outside the workspace, or None when it does not."""
    if PurePosixPath(pattern).is_absolute() or PureWindowsPath(pattern).is_absolute():
        return N_(
            "'%(pattern)s' is an absolute path: est reads only files inside the workspace folder",
            pattern=pattern,
        )
    if ".." in PurePosixPath(pattern.replace("\\", "/")).parts:
        return N_(
            "'%(pattern)s' goes up with '..': est reads only files inside the workspace folder",
            pattern=pattern,
        )
    return None


def pattern_problems(settings: Settings, doc: YamlDoc) -> list[Problem]:
    """An error at each pattern in `sources` of est.yaml that reaches outside the workspace."""
    out = []
    for i, source in enumerate(settings.sources.incidents):
        for j, pattern in enumerate(source.files):
            why = pattern_escapes(pattern)
            if why:
                out.append(
                    doc.problem(
                        ("sources", "incidents", i, "files", j),
                        why,
                        hint=N_(
                            "write the pattern relative to the workspace, e.g. "
                            "'data/incidents/*.csv', and keep the exports there"
                        ),
                        code="outside-workspace",
                    )
                )
    return out
