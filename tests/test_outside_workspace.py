"""Nothing outside the workspace is read (issue 11): every kind of input that leads outside it,
through a link or a pattern, is refused with the path as written, and what lies outside (a
file holding a unique secret) never reaches the terminal, a report or the cache.

Paths given on the command line (--out, --pledge elsewhere) are the user's own choice and stay
allowed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import BASIC_PLEDGE, BASIC_SETTINGS, CSV_HEADER, WorkspaceFactory
from typer.testing import CliRunner, Result

from est_cli.cli.app import app

SECRET = "TOPSECRET-8f3a41c2"
ROWS = "2021-03-01;10:00;Centrum;Klotter;;\n2021-03-09;22:15;Sunda;Inbrott;;\n"
REFUSED = (
    "fel: this {what} leads outside the workspace folder (through a link or '..'), so est "
    "does not read it"
)


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the workspace whose files all hold SECRET, in each format est reads."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "export.csv").write_text(f"{SECRET};Tid\n{SECRET};x\n", encoding="utf-8")
    (folder / "file.yaml").write_text(f"title: {SECRET}\n{SECRET}: 1\n", encoding="utf-8")
    (folder / "est.yaml").write_text(
        BASIC_SETTINGS + f"municipality_extra: {SECRET}\n", encoding="utf-8"
    )
    (folder / "weekly.md.j2").write_text(f"{SECRET}\n", encoding="utf-8")
    (folder / "weekly.html.j2").write_text(f"<p>{SECRET}</p>\n", encoding="utf-8")
    return folder


def link(root: Path, rel: str, target: Path) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_dir() and not path.is_symlink():
        path.rmdir()
    path.symlink_to(target)


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def assert_secret_kept(root: Path, *results: Result) -> None:
    """SECRET is in no output and in no file inside the workspace (links not followed)."""
    for result in results:
        assert SECRET not in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
    for folder, _dirs, files in os.walk(root):  # os.walk does not enter linked folders
        for name in files:
            path = Path(folder) / name
            if not path.is_symlink():
                assert SECRET.encode() not in path.read_bytes(), path


def every_format(root: Path) -> list[Result]:
    return [run("check", "--workspace", str(root), "--format", f) for f in ("text", "json")] + [
        run("check", "--workspace", str(root), "--format", "github")
    ]


def test_an_export_linking_outside_is_refused(
    make_workspace: WorkspaceFactory, outside: Path
) -> None:
    """The issue's example: data/incidents/x.csv -> /etc/passwd printed the file's first line."""
    root = make_workspace({"data/incidents/a.csv": CSV_HEADER + ROWS})
    link(root, "data/incidents/x.csv", outside / "export.csv")
    link(root, "data/incidents/passwd.csv", Path("/etc/passwd"))
    results = every_format(root)
    assert all(r.exit_code == 1 for r in results)
    assert f"data/incidents/x.csv: {REFUSED.format(what='file')}" in results[0].output
    assert f"data/incidents/passwd.csv: {REFUSED.format(what='file')}" in results[0].output
    assert '"code": "outside-workspace"' in results[1].output
    assert "::error file=" in results[2].output and "x.csv" in results[2].output
    with pytest.MonkeyPatch.context() as patch:  # GitHub paths are relative to the current
        patch.chdir("/")  # folder: from /, a link's target would read as etc/passwd
        github = run("check", "--workspace", str(root), "--format", "github")
    assert "data/incidents/passwd.csv" in github.output and "etc/passwd" not in github.output
    assert "root:" not in results[0].output  # nothing of /etc/passwd either
    week = run("week", "build", "--workspace", str(root), "--week", "2021-W10")
    assert week.exit_code == 1 and "data/incidents/x.csv" in week.output
    assert_secret_kept(root, *results, week)


def test_an_exports_folder_linking_outside_is_refused(
    make_workspace: WorkspaceFactory, outside: Path
) -> None:
    root = make_workspace()
    link(root, "data/incidents", outside)
    result = run("check", "--workspace", str(root))
    assert result.exit_code == 1
    assert f"data/incidents/export.csv: {REFUSED.format(what='file')}" in result.output
    assert "no incident files match" not in result.output
    assert_secret_kept(root, result)


@pytest.mark.parametrize(
    ("pattern", "why"),
    [
        ("../outside/*.csv", "goes up with '..'"),
        ("data/../../outside/*.csv", "goes up with '..'"),
        ("{outside}/*.csv", "is an absolute path"),  # crashed: Non-relative patterns
    ],
)
def test_a_pattern_reaching_outside_is_refused_in_est_yaml(
    make_workspace: WorkspaceFactory, outside: Path, pattern: str, why: str
) -> None:
    pattern = pattern.format(outside=outside)
    settings = BASIC_SETTINGS + f'sources:\n  incidents:\n    - files: ["{pattern}"]\n'
    root = make_workspace({"pledges/2021.yaml": BASIC_PLEDGE}, est_yaml=settings)
    line = settings.count("\n")
    result = run("check", "--workspace", str(root))
    assert result.exit_code == 1
    assert (
        f"est.yaml:{line}:15: fel: sources.incidents[0].files[0]: '{pattern}' {why}: est "
        "reads only files inside the workspace folder"
    ) in result.output
    assert_secret_kept(root, result)


@pytest.mark.parametrize("rel", ["pledges/evil.yaml", "weeks/2021-W10.yaml"])
def test_a_pledge_or_week_file_linking_outside_is_refused(
    make_workspace: WorkspaceFactory, outside: Path, rel: str
) -> None:
    root = make_workspace({"pledges/2021.yaml": BASIC_PLEDGE, "data/incidents/a.csv": CSV_HEADER})
    link(root, rel, outside / "file.yaml")
    check = run("check", "--workspace", str(root))
    assert check.exit_code == 1
    assert f"{rel}: {REFUSED.format(what='file')}" in check.output
    without_settings = root / "est.yaml"
    without_settings.write_text("municipality: [\n", encoding="utf-8")  # est.yaml unusable
    broken = run("check", "--workspace", str(root))
    assert f"{rel}: {REFUSED.format(what='file')}" in broken.output
    assert_secret_kept(root, check, broken)


def test_a_pledge_folder_linking_outside_is_refused(
    make_workspace: WorkspaceFactory, outside: Path
) -> None:
    root = make_workspace()
    link(root, "pledges", outside)
    result = run("check", "--workspace", str(root))
    assert f"pledges/file.yaml: {REFUSED.format(what='file')}" in result.output
    assert_secret_kept(root, result)


def test_est_yaml_linking_outside_is_refused(
    make_workspace: WorkspaceFactory, outside: Path
) -> None:
    root = make_workspace({"pledges/2021.yaml": BASIC_PLEDGE}, est_yaml=None)
    link(root, "est.yaml", outside / "est.yaml")
    results = [
        run("check", "--workspace", str(root)),
        run("stats", "--workspace", str(root)),
        run("week", "build", "--workspace", str(root)),
    ]
    for result in results:
        assert result.exit_code == 1
        assert f"est.yaml: {REFUSED.format(what='file')}" in result.output
        assert "municipality_extra" not in result.output
    assert_secret_kept(root, *results)


@pytest.mark.parametrize("linked", ["templates/weekly.md.j2", "templates"])
def test_a_template_linking_outside_is_refused(
    make_workspace: WorkspaceFactory, outside: Path, linked: str
) -> None:
    root = make_workspace({"data/incidents/a.csv": CSV_HEADER + ROWS})
    link(root, linked, outside / "weekly.md.j2" if linked.endswith(".j2") else outside)
    result = run("week", "build", "--workspace", str(root), "--week", "2021-W10")
    assert result.exit_code == 1
    assert f"templates/weekly.md.j2: {REFUSED.format(what='template')}" in result.output
    assert not (root / "reports/weekly/2021-W10.md").exists()
    assert_secret_kept(root, result)


def test_a_link_inside_the_workspace_is_read_under_its_own_name(
    make_workspace: WorkspaceFactory,
) -> None:
    root = make_workspace(
        {"archive/2021.csv": CSV_HEADER + ROWS + "2021-03-10;;Atlantis;Stöld;;\n"}
    )
    link(root, "data/incidents/2021.csv", root / "archive/2021.csv")
    result = run("check", "--workspace", str(root))
    assert "data/incidents/2021.csv:4: fel: Område: 'Atlantis'" in result.output
    assert "leads outside" not in result.output


def test_paths_on_the_command_line_may_lie_anywhere(
    make_workspace: WorkspaceFactory, outside: Path, tmp_path: Path
) -> None:
    """--out and a --pledge outside the workspace are the user's choice; a --pledge naming a
    link inside the workspace is still a workspace file, and refused."""
    root = make_workspace({"data/incidents/a.csv": CSV_HEADER + ROWS})
    elsewhere = tmp_path / "drafts"
    elsewhere.mkdir()
    (elsewhere / "2021.yaml").write_text(BASIC_PLEDGE, encoding="utf-8")
    out = tmp_path / "published"
    week = run("week", "build", "-w", str(root), "--week", "2021-W10", "--out", str(out))
    assert week.exit_code == 0, week.output
    assert (out / "2021-W10.md").is_file()
    pledge = run("pledge", "render", "-w", str(root), "--pledge", str(elsewhere / "2021.yaml"))
    assert pledge.exit_code == 0, pledge.output
    link(root, "pledges/evil.yaml", outside / "file.yaml")
    evil = run("pledge", "render", "-w", str(root), "--pledge", str(root / "pledges/evil.yaml"))
    assert evil.exit_code == 1
    assert f"pledges/evil.yaml: {REFUSED.format(what='file')}" in evil.output
    assert_secret_kept(root, evil)


@pytest.mark.parametrize("linked", ["reports", "reports/weekly"])
def test_a_report_folder_linking_outside_is_not_written_into(
    make_workspace: WorkspaceFactory, tmp_path: Path, linked: str
) -> None:
    """Where reports go outside the workspace is chosen with --out, not by a link in a file."""
    root = make_workspace({"data/incidents/a.csv": CSV_HEADER + ROWS})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    link(root, linked, elsewhere)
    result = run("week", "build", "--workspace", str(root), "--week", "2021-W10")
    assert result.exit_code == 1
    assert (
        "reports/weekly: fel: this folder leads outside the workspace folder (through a link "
        "or '..'), so est does not write into it (make it a plain folder in the workspace, or "
        "choose where to write with --out)"
    ) in result.output
    assert list(elsewhere.rglob("*")) == []


@pytest.mark.parametrize("linked", [".est", ".est/cache"])
def test_a_cache_folder_linking_outside_is_neither_used_nor_cleared(
    make_workspace: WorkspaceFactory, tmp_path: Path, linked: str
) -> None:
    """`.est` committed as a link must not make est write its cache, or delete, elsewhere."""
    root = make_workspace({"data/incidents/a.csv": CSV_HEADER + ROWS})
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "cache").mkdir(parents=True)
    (elsewhere / "cache/precious.txt").write_text("keep me", encoding="utf-8")
    link(root, linked, elsewhere if linked == ".est" else elsewhere / "cache")
    for _ in range(2):  # the second run would read what the first wrote
        result = run("check", "--workspace", str(root))
        assert result.exit_code == 0, result.output
    week = run("week", "build", "--workspace", str(root), "--week", "2021-W10")
    if linked == ".est":  # the locks and the journal of a build would go there: refused
        assert week.exit_code == 1
        assert ".est/locks leads outside the workspace folder (through a link)" in week.output
        assert not (root / "reports").exists()
    else:
        assert week.exit_code == 0, week.output
    cleared = run("cache", "clear", "--workspace", str(root))
    assert cleared.exit_code == 1
    assert "fel: .est/cache leads outside the workspace folder (through a link)" in (cleared.output)
    assert sorted(p.name for p in elsewhere.rglob("*")) == ["cache", "precious.txt"]


def test_a_link_into_git_is_refused(make_workspace: WorkspaceFactory) -> None:
    """In CI, .git/config may hold the token the checkout used: git's files are not inputs."""
    root = make_workspace(
        {".git/config": f"[core]\n\tbare = false\n[http]\n\textraheader = {SECRET}\n"}
    )
    link(root, "data/incidents/x.csv", Path("../../.git/config"))
    link(root, "pledges/x.yaml", Path("../.git/config"))
    result = run("check", "--workspace", str(root))
    assert result.exit_code == 1
    assert f"data/incidents/x.csv: {REFUSED.format(what='file')}" in result.output
    assert f"pledges/x.yaml: {REFUSED.format(what='file')}" in result.output
    assert "[core]" not in result.output and SECRET not in result.output


# These tests hold the core's English wording of problems (conftest.english_problems).
pytestmark = pytest.mark.usefixtures("english_problems")
