"""One header mapper for every source (issue 9): incident exports, survey exports and the
police's statistics are each a `Description` read by `map_columns`/`missing_columns`."""

from __future__ import annotations

import re

from conftest import REPO

from est_cli.load.describe import map_columns, missing_columns
from est_cli.load.headers import INCIDENTS
from est_cli.load.statistics import STATISTICS
from est_cli.load.survey_headers import survey_description
from est_cli.models.survey import Survey


def test_the_preferred_spelling_wins_whatever_the_column_order():
    headers = ["Rapportör", "Datum", "Organisation", "Område", "Kategori"]
    mapped = map_columns(headers, INCIDENTS, {})
    assert mapped.columns["reporter_org"] == 2  # Organisation over Rapportör
    assert mapped.unmapped == []


def test_est_yaml_mapping_goes_first_and_ignore_reads_nothing():
    headers = ["Når", "Område", "Kategori", "Datum"]
    mapped = map_columns(headers, INCIDENTS, {"når": "date", "datum": "ignore"})
    assert mapped.columns["date"] == 0 and 3 not in mapped.columns.values()


def test_a_missing_required_field_names_its_section_and_closest_header():
    headers = ["Datum", "Omrde", "Kategori"]
    [problem] = missing_columns("a.csv", 1, headers, INCIDENTS, map_columns(headers, INCIDENTS, {}))
    assert problem.fatal and "no column for area (Område)" in problem.message
    assert 'sources.incidents[].columns: {"Omrde": area}' in problem.hint
    # a timestamp stands in for the date
    assert not missing_columns(
        "a.csv",
        1,
        ["Tidpunkt", "Område", "Kategori"],
        INCIDENTS,
        map_columns(["Tidpunkt", "Område", "Kategori"], INCIDENTS, {}),
    )


def test_a_survey_factor_is_a_field_of_its_description():
    survey = Survey()
    description = survey_description(survey)
    first = survey.factors[0]
    headers = ["Tidstämpel", first.label, first.aliases[0], "Område", "Okänd fråga"]
    mapped = map_columns(headers, description, {})
    assert mapped.columns[first.id] == 1  # two columns of one factor: the first
    assert mapped.columns["submitted_at"] == 0 and mapped.columns["area"] == 3
    assert mapped.unmapped == [4]


def test_the_statistics_headers_in_swedish():
    mapped = map_columns(["Månad", "Kategori", "Antal anmälda brott", "Område"], STATISTICS, {})
    assert mapped.columns == {"month": 0, "category": 1, "count": 2, "area": 3}


def test_no_source_has_a_header_mapper_or_label_table_of_its_own():
    """The duplication issue 9 removed does not come back: one mapper, one `_PREFERENCE`."""
    load = REPO / "est_cli" / "load"
    mappers = {
        p.name
        for p in load.glob("*.py")
        if re.search(r"^def map_\w*headers|^_PREFERENCE =", p.read_text("utf-8"), re.M)
    }
    assert mappers == set()
    for name in ("survey.py", "statistics.py"):
        text = (load / name).read_text("utf-8")
        assert "for r in range(" not in text  # no row-by-row loop beside the column checks
