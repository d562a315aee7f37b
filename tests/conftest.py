"""Shared fixtures: temporary workspaces built from a dict of files, the terminal width, and
the CLI runner."""

from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]

# Hypothesis profiles, chosen with HYPOTHESIS_PROFILE: "ci" (the default) is the normal test
# run, where the fuzz tests (tests/fuzzing.py) take the few examples each names; "fuzz" is
# scripts/fuzz.sh's long campaign, EST_FUZZ_EXAMPLES examples for every property test;
# "long" is the differencing search's (tests/test_differencing.py sets its own budget).
settings.register_profile("ci", deadline=None, print_blob=True)
settings.register_profile("long", deadline=None, print_blob=True)
settings.register_profile(
    "fuzz",
    deadline=None,
    print_blob=True,
    max_examples=int(os.environ.get("EST_FUZZ_EXAMPLES", "1000")),
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
# The day the core's entry points are told it is, where a test does not say: a Wednesday
# after the test data, so no default period falls inside it by accident.
TODAY = date(2026, 12, 2)

BASIC_SETTINGS = """\
municipality: Testkommun
parties: [Polisen, Testkommun]
areas:
  - id: centrum
    name: Centrum
    aliases: [Centrala stan]
  - id: ramdal
    name: Ramdal
    aliases: [Ramdalsområdet]
  - id: sunda
    name: Sunda
publication:
  suppress_below: 3
"""

BASIC_PLEDGE = """\
title: Medborgarlöfte 2021
municipality: Testkommun
parties: [Polisen, Testkommun]
valid_from: 2021-01-01
valid_to: 2021-12-31
purpose: Öka tryggheten.
method: Vi arbetar enligt EST.
focus_areas:
  - id: skadegorelse
    title: Skadegörelse
    problem: Mycket skadegörelse i centrum.
    indicators:
      - categories: [skadegorelse, klotter]
        phrase: fall av skadegörelse
    activities:
      - id: vandringar
        text: Vi genomför trygghetsvandringar.
        owner: gemensamt
        target: {count: 4, unit: trygghetsvandringar}
"""

CSV_HEADER = "Datum;Tid;Område;Kategori;Plats;Beskrivning\n"

WorkspaceFactory = Callable[..., Path]


@pytest.fixture
def make_workspace(tmp_path: Path) -> WorkspaceFactory:
    """Build a workspace from {relative path: text or bytes}; est.yaml defaults to BASIC_SETTINGS.

    Text is dedented, so tests can write files inline. Pass est_yaml=None to leave it out.
    """

    def build(
        files: dict[str, str | bytes] | None = None, *, est_yaml: str | None = BASIC_SETTINGS
    ) -> Path:
        root = tmp_path / "ws"
        root.mkdir(exist_ok=True)
        all_files: dict[str, str | bytes] = {}
        if est_yaml is not None:
            all_files["est.yaml"] = est_yaml
        all_files.update(files or {})
        for rel, content in all_files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(textwrap.dedent(content), encoding="utf-8")
        return root

    return build


# What est prints must not depend on the terminal it runs in: every CLI test runs at each of
# these widths (narrow, the usual default, wide) and asserts the same content.
WIDTHS = (40, 80, 200)


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}cols")
def width(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """The terminal width for this test, as COLUMNS (rich and the help formatter read it).

    Set in the environment rather than only in a CliRunner, so that helpers creating their own
    runner, and subprocesses, see it too; it also overrides the width of the terminal that runs
    the tests. Use it directly, or with `pytestmark = pytest.mark.usefixtures("width")`.
    """
    monkeypatch.setenv("COLUMNS", str(request.param))
    return request.param


@pytest.fixture
def runner(width: int) -> CliRunner:
    """A CLI runner; tests that use it run once per width in WIDTHS."""
    return CliRunner(env={"COLUMNS": str(width)})


@pytest.fixture(autouse=True, scope="session")
def _cache_key_of_the_tests(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """est signs its cache with a key in the user's cache folder; the tests use their own."""
    patch = pytest.MonkeyPatch()
    patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
    yield
    patch.undo()


# What the demo workspace at the repository root is made of, apart from its templates/.
DEMO_INPUTS = ("est.yaml", "pledges", "weeks", "data", "logos", "geo", "lagesbild")


def demo_without_overrides(dst: Path) -> Path:
    """A copy of the demo workspace without its templates/ folder, at `dst`.

    The demo overrides some built-in templates (templates/README.md); what the built-ins alone
    make of the demo is rendered from this copy.
    """
    dst.mkdir(parents=True, exist_ok=True)
    for name in DEMO_INPUTS:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, dst / name)
        else:
            shutil.copyfile(src, dst / name)
    return dst


@pytest.fixture(scope="session")
def demo_ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the whole demo workspace, its templates/ included, for tests that build its
    documents: a build holds its document's lock in the workspace, so two test processes of
    a parallel run (pytest -n) building the demo's week from the repository at once would
    stop each other. One copy per process; its tests run one after the other."""
    root = demo_without_overrides(tmp_path_factory.mktemp("demo") / "ws")
    shutil.copytree(REPO / "templates", root / "templates")
    return root


@pytest.fixture
def english_problems(monkeypatch: pytest.MonkeyPatch) -> None:
    """The core's problem texts printed in English whatever the run's language, for tests
    written against the core's English wording of a problem (issue 11 §2). What is said in
    Swedish is tested in test_problem_language.py and test_check_catalogue.py."""
    from est_cli.cli.words import Say

    monkeypatch.setattr(Say, "text", lambda self, text: str(text))
