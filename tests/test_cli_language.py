"""One language per output (issue 11): what est prints follows the workspace's language.

Swedish by default, English with `language: en` in est.yaml or `--language en`; the words
come from the one catalogue and the numbers are in the language's format ('1 234' and '25,8'
in Swedish, '1,234' in English, never '6.6e-06'). The problems found in the files are worded
by the core and said in the same language (test_problem_language.py).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import BASIC_SETTINGS, CSV_HEADER

from est_cli.cli.app import app

NBSP = "\u00a0"  # Babel's Swedish thousands separator
# English words the summaries used to print in a Swedish workspace
ENGLISH = re.compile(
    r"\b(By category|By area|Category|change|Total|Hotspots|usual|Rows|read|wrote|"
    r"Incidents|previous|Meeting notes|Checked|errors?|warnings?|Stopped|Follow-up|ready)\b"
)


def _rows() -> str:
    """1,234 incidents in week 10 of 2021, and one a week before: a clear hotspot."""
    lines = []
    for week in range(1, 10):  # the baseline: one Klotter in Centrum a week
        day = date(2021, 1, 4) + timedelta(weeks=week - 1)
        lines.append(f"{day};10:00;Centrum;Klotter;;\n")
    for i in range(1234):
        day = date(2021, 3, 8) + timedelta(days=i % 7)
        lines.append(f"{day};{i % 24:02d}:00;Centrum;Klotter;;\n")
    lines.append("2021-03-20;10:00;Sunda;Stöld;;\n")  # the data runs past the week
    return "".join(lines)


@pytest.fixture
def sv(make_workspace) -> Path:
    return make_workspace({"data/incidents/a.csv": CSV_HEADER + _rows()})


@pytest.fixture
def en(tmp_path: Path) -> Path:
    root = tmp_path / "en"
    (root / "data/incidents").mkdir(parents=True)
    (root / "est.yaml").write_text(BASIC_SETTINGS + "language: en\n", encoding="utf-8")
    (root / "data/incidents/a.csv").write_text(CSV_HEADER + _rows(), encoding="utf-8")
    return root


def _swedish_only(output: str) -> None:
    english = ENGLISH.findall(output)
    assert not english, (english, output)


def test_stats_is_swedish_in_a_swedish_workspace(runner, sv: Path) -> None:
    result = runner.invoke(app, ["stats", "-w", str(sv), "--week", "2021-W10"])
    assert result.exit_code == 0, result.output
    assert "Per kategori" in result.output and "Totalt" in result.output
    assert f"Händelser: 1{NBSP}234" in result.output
    _swedish_only(result.output)


def test_stats_is_english_with_language_en(runner, sv: Path, en: Path) -> None:
    for args in (["-w", str(en)], ["-w", str(sv), "--language", "en"]):
        result = runner.invoke(app, ["stats", *args, "--week", "2021-W10"])
        assert result.exit_code == 0, result.output
        assert "By category" in result.output and "Incidents: 1,234" in result.output
        assert "Per kategori" not in result.output and "Händelser" not in result.output


def test_week_build_is_swedish_with_swedish_numbers(runner, sv: Path) -> None:
    result = runner.invoke(app, ["week", "build", "-w", str(sv), "--week", "2021-W10"])
    assert result.exit_code == 0, result.output
    assert "Områden som sticker ut (1):" in result.output
    assert "P < 0,001" in result.output  # not 'P = 6.6e-06'
    assert not re.search(r"\de-\d", result.output), result.output
    assert f"Rader: 1{NBSP}244 rader lästa, 1{NBSP}244 händelser använda" in result.output
    assert "skrev " in result.output
    _swedish_only(result.output)


def test_week_build_is_english_in_an_english_workspace(runner, en: Path) -> None:
    result = runner.invoke(app, ["week", "build", "-w", str(en), "--week", "2021-W10"])
    assert result.exit_code == 0, result.output
    assert "Hotspots (1):" in result.output and "P < 0.001" in result.output
    assert "Rows: 1,244 rows read, 1,244 incidents used" in result.output
    assert "wrote " in result.output and "Områden som sticker ut" not in result.output


def test_check_summary_and_problem_words_follow_the_language(runner, sv: Path) -> None:
    (sv / "data/incidents/b.csv").write_text(
        CSV_HEADER + "2021-03-10;;Atlantis;Stöld;;\n", encoding="utf-8"
    )
    swedish = runner.invoke(app, ["check", "-w", str(sv)])
    assert swedish.exit_code == 1
    assert "data/incidents/b.csv:2: fel: Område: 'Atlantis'" in swedish.output
    assert f"Kontrollerade 3 filer, 1{NBSP}245 rader: 1 fel, 0 varningar." in swedish.output
    english = runner.invoke(app, ["check", "-w", str(sv), "--language", "en"])
    assert "data/incidents/b.csv:2: error: Område: 'Atlantis'" in english.output
    assert "Checked 3 files, 1,245 rows: 1 error, 0 warnings." in english.output


def test_check_speaks_the_language_of_a_broken_est_yaml(runner, en: Path) -> None:
    """est.yaml that cannot be used still gives its language to the summary."""
    text = (en / "est.yaml").read_text(encoding="utf-8")
    (en / "est.yaml").write_text(text.replace("municipality:", "kommun:"), encoding="utf-8")
    result = runner.invoke(app, ["check", "-w", str(en)])
    assert result.exit_code == 1
    assert "est.yaml:1:1: error: municipality" in result.output
    assert re.search(r"^Checked \d+ files?", result.output, re.M), result.output


def test_stopped_and_error_follow_the_language(runner, sv: Path, en: Path) -> None:
    for root in (sv, en):
        (root / "data/incidents/c.csv").write_bytes(b"PK\x03\x04 not a csv")
    swedish = runner.invoke(app, ["week", "build", "-w", str(sv), "--week", "2021-W10"])
    assert swedish.exit_code == 1
    assert "c.csv: fel: det här är en Excel-arbetsbok (.xlsx)" in swedish.output
    assert "Stoppat:" in swedish.output and "Stopped" not in swedish.output
    english = runner.invoke(app, ["week", "build", "-w", str(en), "--week", "2021-W10"])
    assert "Stopped:" in english.output and "Stoppat" not in english.output
    assert "c.csv: error: this is an Excel workbook (.xlsx)" in english.output
    usage = runner.invoke(app, ["stats", "-w", str(sv), "--area", "Atlantis"])
    assert usage.exit_code == 2
    assert usage.output.startswith("fel: 'Atlantis' är inget känt område (kända: ")


def test_an_unknown_language_is_a_usage_error(runner, sv: Path) -> None:
    for command in (["check"], ["stats"], ["week", "build"], ["tertial", "render"]):
        result = runner.invoke(app, [*command, "-w", str(sv), "--language", "de"])
        assert result.exit_code == 2, (command, result.output)
        assert "unknown language 'de'" in result.output


def test_init_in_english_writes_an_english_workspace(runner, tmp_path: Path) -> None:
    target = tmp_path / "new"
    result = runner.invoke(app, ["init", str(target), "--year", "2021", "--language", "en"])
    assert result.exit_code == 0, result.output
    assert "Workspace ready in" in result.output and "created " in result.output
    assert "\nlanguage: en\n" in (target / "est.yaml").read_text(encoding="utf-8")
    check = runner.invoke(app, ["check", "-w", str(target)])
    assert check.output.endswith("Checked 4 files, 3 rows: 0 errors, 8 warnings.\n")
    swedish = runner.invoke(app, ["init", str(tmp_path / "sv"), "--year", "2021"])
    assert "Arbetsytan är klar i" in swedish.output and "skapade " in swedish.output
