"""What a communicator's reading of the demo's documents found (issue 15), kept from coming
back: sentences in the tertial's problem cells that began with a digit, category names with
capitals inside the chart's description, straight quotes around "Vet ej", and method notes
that began with the number of reports left out."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import TODAY
from test_week_wording import DEMO_WEEK, SENTENCE_START

from est_cli.load.workspace import load_workspace
from est_cli.render.i18n import Words
from est_cli.reports.weekly import build_weekly


@pytest.fixture(scope="module")
def week(tmp_path_factory: pytest.TempPathFactory, demo_ws: Path) -> Path:
    out = tmp_path_factory.mktemp("reading-week")
    build_weekly(
        load_workspace(demo_ws), today=TODAY, week=DEMO_WEEK, formats=["md", "html"], out=out
    )
    return out


@pytest.fixture(scope="module")
def tertial(tmp_path_factory: pytest.TempPathFactory, demo_ws: Path) -> Path:
    from typer.testing import CliRunner

    from est_cli.cli.app import app

    out = tmp_path_factory.mktemp("reading-tertial")
    args = [
        "tertial",
        "render",
        "-w",
        str(demo_ws),
        "-t",
        "2021-T1",
        "--format",
        "md,html",
        "-o",
        str(out),
    ]
    assert CliRunner().invoke(app, args).exit_code == 0
    return out


@pytest.fixture(scope="module")
def tertial_md(tertial: Path) -> str:
    return (tertial / "2021-T1.md").read_text(encoding="utf-8")


def _cell_sentences_starting_with_a_digit(md: str) -> list[str]:
    """Sentences inside table cells (the problem cells: lines joined by <br>) that begin with
    a digit. A cell that is only a value ("23", "färre än 3") is not a sentence."""
    found = []
    for line in md.splitlines():
        if not line.startswith("|"):
            continue
        for cell in line.strip("|").split("|"):
            for part in cell.split("<br>"):
                text = re.sub(r"^\*\*[^*]+\*\*", "", part.strip()).strip("*_ ")
                if not text.endswith("."):
                    continue
                for m in SENTENCE_START.finditer(text):
                    if m[1][0].isdigit():
                        found.append(text[m.start(1) : m.start(1) + 40])
    return found


def test_no_sentence_of_the_tertials_problem_cells_begins_with_a_digit(tertial_md):
    assert "Under perioden har 23 fall av skadegörelse rapporterats." in tertial_md
    assert _cell_sentences_starting_with_a_digit(tertial_md) == []
    # the check itself finds one
    assert _cell_sentences_starting_with_a_digit("| **A**<br>23 fall har rapporterats. | x |") == [
        "23 fall har rapporterats."
    ]


def test_the_charts_description_writes_category_names_in_lower_case(week):
    html = (week / f"{DEMO_WEEK}.html").read_text(encoding="utf-8")
    alt = re.search(r'alt="(Diagram över antal händelser[^"]*)"', html)
    assert alt is not None
    listed = alt[1].split("därefter ", 1)[1].split(".")[0]
    assert listed.startswith("ordningsstörning, inbrott, otrygg plats")
    assert not re.search(r"(?:, | och )[A-ZÅÄÖ]", listed), listed


def test_the_survey_note_quotes_vet_ej_with_swedish_quotation_marks(week):
    md = (week / f"{DEMO_WEEK}.md").read_text(encoding="utf-8")
    assert "Svaren ”Vet ej” och tomma svar räknas inte." in md
    assert "'Vet ej'" not in md


@pytest.mark.parametrize("num", [1, 4])
def test_the_method_notes_on_reports_left_out_do_not_begin_with_the_number(num):
    sv = Words("sv")
    pairs = [
        (
            "%(num)s report about something that is not part of the picture of the situation "
            "is not counted.",
            "%(num)s reports about things that are not part of the picture of the situation "
            "are not counted.",
        ),
        (
            "%(num)s report could not be used (for example because of an unknown area or date) "
            "and is not counted.",
            "%(num)s reports could not be used (for example because of an unknown area or "
            "date) and are not counted.",
        ),
    ]
    for one, many in pairs:
        text = sv.ngettext(one, many, num, num=str(num))
        assert text.startswith("Av rapporterna") and f" {num} " in text, text


def test_the_annexs_category_names_are_never_broken_inside_a_word(tertial):
    """The PDF's annex read "Sum-ma", "Kate-gori", "Skade-görelse": the month columns took
    the width and hyphens: auto broke the names. The annex's headers keep whole words."""
    html = (tertial / "2021-T1.html").read_text(encoding="utf-8")
    assert "section.annex th { -webkit-hyphens: manual; hyphens: manual; }" in html
    assert '<p class="table-note">Övriga kategorier: inbrott och klotter.</p>' in html
