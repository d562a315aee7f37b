"""Nothing personal is published: personnummer, samordningsnummer, phone numbers and e-mail
addresses in pledge and insats texts are found (and only they), located and shown masked;
`est tertial render` and `est pledge render` refuse them unless --allow-personal-data."""

from __future__ import annotations

import json
from datetime import date

import pytest
from conftest import BASIC_SETTINGS, TODAY
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from est_cli.check import check_workspace
from est_cli.cli.app import app
from est_cli.errors import DataError
from est_cli.load.personal import find_personal_data
from est_cli.load.personnummer import luhn_ok
from est_cli.load.workspace import load_workspace
from est_cli.reports.pledge import render_pledge
from est_cli.reports.tertial import render_tertial


def check_digit(nine: str) -> str:
    total = 0
    for i, ch in enumerate(nine):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return str((10 - total % 10) % 10)


@st.composite
def identity_numbers(draw: st.DrawFn) -> tuple[str, bool]:
    """A valid personnummer or samordningsnummer as people write it, and which it is."""
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2025, 12, 31)))
    samordning = draw(st.booleans())
    nine = f"{born:%y%m}{born.day + (60 if samordning else 0):02d}"
    nine += f"{draw(st.integers(0, 999)):03d}"
    ten = nine + check_digit(nine)
    assert luhn_ok(ten)
    century = f"{born:%Y}"[:2]
    form = draw(st.sampled_from(["{t}", "{h}-{s}", "{c}{t}", "{c}{h}-{s}"]))
    return form.format(t=ten, h=ten[:6], s=ten[6:], c=century), samordning


PHONES = [
    "070-123 45 67",
    "0701234567",
    "070 123 45 67",
    "070-1234567",
    "08-123 456 78",
    "0155-123 45",
    "0155-38 00 00",
    "+46 70 123 45 67",
    "+46701234567",
    "0046 70 123 45 67",
    "+46 (0)8 123 456 78",
]
EMAILS = ["anna.svensson@oxelosund.se", "Per.Åberg@polisen.se", "x+tips@example.org"]


@pytest.mark.parametrize("number", PHONES)
def test_phone_numbers_written_the_usual_ways_are_found(number):
    found = find_personal_data(f"Ring Anna på {number}, helst kvällstid.")
    assert [f.what for f in found] == ["a phone number"]
    assert number[-4:-2] not in found[0].shown.replace(number[-2:], "")  # only the end shows
    assert number not in found[0].shown


@pytest.mark.parametrize("address", EMAILS)
def test_e_mail_addresses_are_found_and_masked(address):
    found = find_personal_data(f"Mejla {address}.")
    assert [f.what for f in found] == ["an e-mail address"]
    assert address.split("@")[0] not in found[0].shown
    assert found[0].shown.endswith("@" + address.split("@")[1])


NOT_PERSONAL = [
    "2021-03-12",
    "den 12 mars 2021 (2021-03-12 – 2021-04-30)",
    "01-04-2021",
    "31/12/2021",
    "2021-2022",
    "2021–2022",
    "KS 2021/123",
    "Dnr KS 2021/0123",
    "Dnr 2021-000123",
    "2021-W10",
    "vecka 10-12",
    "kl 08-12 och 13-17",
    "kl. 22.00-04.00",
    "1 234 fall",
    "23 fall av skadegörelse, 4 av 12",
    "613 30 Oxelösund",
    "Ring 112 vid nödläge, annars 114 14.",
    "8 av 10 (80 %)",
    "19850312-1234",  # the check digit is wrong: a case number, not a person
    "medborgarlöfte@",
    "www.oxelosund.se",
    "0,5 procent",
    "år 2020 0 fall",
]


@pytest.mark.parametrize("text", NOT_PERSONAL)
def test_dates_years_case_numbers_weeks_and_counts_are_not_personal(text):
    assert find_personal_data(text) == []


@settings(max_examples=60, deadline=None)
@given(identity_numbers(), st.sampled_from(["", "Anmälare ", "(", "pnr: "]))
def test_every_valid_identity_number_is_found_and_masked(number_kind, before):
    number, samordning = number_kind
    found = find_personal_data(f"{before}{number} ringde.")
    assert [f.what for f in found] == ["a samordningsnummer" if samordning else "a personnummer"]
    digits = number.replace("-", "")
    assert sum(ch.isdigit() for ch in found[0].shown) == 4  # two first, two last
    assert digits[2:-2] not in found[0].shown


@settings(max_examples=60, deadline=None)
@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
    st.sampled_from(
        [
            "{d:%Y-%m-%d}",
            "{d:%d-%m-%Y}",
            "{d:%d/%m/%Y}",
            "{d:%d.%m.%Y}",
            "{d:%Y}-{y}",
            "{d:%Y}–{y}",
            "KS {d:%Y}/{n}",
            "{d:%G}-W{d:%V}",
            "{d:%Y-%m-%d} kl {d:%H}.00",
            "{n} fall {d:%Y}",
            "{d:%Y%m%d}",
        ]
    ),
    st.integers(0, 99_999),
)
def test_no_date_year_span_case_number_or_count_is_personal(day, form, n):
    text = form.format(d=day, y=day.year + 1, n=n)
    assert find_personal_data(f"Sedan {text} har vi arbetat.") == []


# --- est check ------------------------------------------------------------------------------

PLEDGE = """\
title: Medborgarlöfte 2021
municipality: Testkommun
parties: [Polisen, Testkommun]
valid_from: 2021-01-01
valid_to: 2021-12-31
purpose: Öka tryggheten.
method: Vi arbetar enligt EST.
introduction: >-
  Medborgarlöftet bygger på
  vad invånarna har berättat. {intro}
focus_areas:
  - id: skadegorelse
    title: Skadegörelse
    problem: Mycket skadegörelse.
    activities:
      - id: vandringar
        text: Vi genomför trygghetsvandringar.
        owner: gemensamt
    follow_ups:
      2021-T1:
        status: pågår
        effect: Bedömd preventiv effekt.
      2021-T2:
        status: pågår
        effect: "{later}"
"""

WEEK = """\
week: 2021-W10
meeting_date: 2021-03-11
assessment: "Lugnt. Kontakt: {assessment}"
insatser:
  - title: Riktad insats
    start: 2021-03-12
    note: "{note}"
"""

CSV = "Datum;Tid;Område;Kategori\n2021-01-01;10:00;Centrum;Rån\n2021-12-31;10:00;Centrum;Rån\n"


def workspace(make_workspace, *, intro="", later="Ingen ändring.", note="", assessment="", est=""):
    return make_workspace(
        {
            "pledges/2021.yaml": PLEDGE.format(intro=intro, later=later),
            "weeks/2021-W10.yaml": WEEK.format(note=note, assessment=assessment),
            "data/incidents/a.csv": CSV,
        },
        est_yaml=BASIC_SETTINGS + est,
    )


def personal(problems):
    return [p for p in problems if p.code == "personal-data"]


def test_check_warns_at_the_line_and_field_with_the_number_masked(make_workspace):
    root = workspace(
        make_workspace,
        intro="Ring 070-123 45 67 eller 811228-9874.",
        note="Tips till anna.svensson@testkommun.se",
        assessment="070-765 43 21",  # internal only: the weekly report is not published
    )
    report = check_workspace(root, use_cache=False)
    found = personal(report.problems)
    assert [(p.file, p.line, p.field, p.severity) for p in found] == [
        ("pledges/2021.yaml", 10, "introduction", "warning"),
        ("pledges/2021.yaml", 10, "introduction", "warning"),
        ("weeks/2021-W10.yaml", 7, "insatser[0].note", "warning"),
    ]
    assert [p.col for p in found[:2]] == [36, 56]  # "  vad invånarna har berättat. Ring "
    text = "\n".join(str(p) for p in report.problems)
    assert "a phone number (070-…67)" in text
    assert "a personnummer (81…-…74)" in text
    assert "an e-mail address (a…@testkommun.se)" in text
    for secret in ("123 45 67", "811228", "9874", "anna.svensson", "765 43"):
        assert secret not in text
    assert "--allow-personal-data" in found[0].hint
    assert report.failed(strict=True) and not report.failed()


def test_contacts_in_the_settings_are_allowed_in_text(make_workspace):
    est = '  contacts: ["kommunens växel 0155-38 00 00", "Trygghet@Testkommun.se"]\n'
    root = workspace(
        make_workspace,
        intro="Frågor: 0155-38 00 00 eller trygghet@testkommun.se.",
        est=est,
    )
    assert personal(check_workspace(root, use_cache=False).problems) == []
    root = workspace(make_workspace, intro="Frågor: 0155-38 00 01.", est=est)
    assert len(personal(check_workspace(root, use_cache=False).problems)) == 1


def test_json_check_output_never_holds_the_number(make_workspace, runner: CliRunner):
    root = workspace(make_workspace, intro="pnr 811228-9874")
    result = runner.invoke(app, ["check", "-w", str(root), "--format", "json"])
    assert result.exit_code == 0
    records = [p for p in json.loads(result.stdout)["problems"] if p["code"] == "personal-data"]
    assert len(records) == 1 and records[0]["line"] == 10
    assert "9874" not in result.stdout and "811228" not in result.stdout


# --- the documents ----------------------------------------------------------------------------


def test_tertial_render_refuses_personal_data_and_writes_nothing(make_workspace):
    root = workspace(make_workspace, note="Kontakt 070-123 45 67")
    ws = load_workspace(root)
    with pytest.raises(DataError) as info:
        render_tertial(ws, today=TODAY, tertial="2021-T1", use_cache=False)
    assert "nothing was written" in str(info.value)
    assert [(p.file, p.field, p.severity) for p in personal(info.value.problems)] == [
        ("weeks/2021-W10.yaml", "insatser[0].note", "error")
    ]
    assert not (root / "reports").exists()

    result = render_tertial(
        ws, today=TODAY, tertial="2021-T1", use_cache=False, allow_personal_data=True
    )
    assert [p.severity for p in personal(result.warnings)] == ["warning"]
    assert (root / "reports" / "tertial" / "2021-T1.md").is_file()
    with pytest.raises(DataError, match="--strict"):
        render_tertial(
            ws,
            today=TODAY,
            tertial="2021-T1",
            use_cache=False,
            allow_personal_data=True,
            strict=True,
        )


def test_only_the_texts_that_reach_a_document_stop_it(make_workspace):
    # A later tertial's follow-up is not in the T1 document; an insats of another
    # tertial is not either; the assessment of a week is internal.
    root = workspace(make_workspace, later="070-123 45 67", assessment="070-765 43 21")
    ws = load_workspace(root)
    assert render_tertial(ws, today=TODAY, tertial="2021-T1", use_cache=False).written
    with pytest.raises(DataError, match="personal data"):
        render_tertial(ws, today=TODAY, tertial="2021-T2", use_cache=False)
    root = workspace(make_workspace, note="070-123 45 67")
    ws = load_workspace(root)
    assert render_tertial(ws, today=TODAY, tertial="2021-T2", use_cache=False).written
    assert render_pledge(ws, today=TODAY).written  # follow-ups are not in the pledge document


def test_pledge_render_refuses_personal_data_unless_allowed(make_workspace, runner: CliRunner):
    root = workspace(make_workspace, intro="Kontakt: per@example.org")
    args = ["pledge", "render", "-w", str(root)]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert "an e-mail address (p…@example.org)" in result.output
    assert "per@example.org" not in result.output
    assert not (root / "reports").exists()
    assert runner.invoke(app, [*args, "--allow-personal-data", "--strict"]).exit_code == 1
    assert not (root / "reports").exists()
    result = runner.invoke(app, [*args, "--allow-personal-data"])
    assert result.exit_code == 0, result.output
    assert "varning:" in result.output  # the pledge document's warnings, in its language
    assert (root / "reports" / "pledge" / "2021.md").is_file()


def test_tertial_render_cli_exit_code(make_workspace, runner: CliRunner):
    root = workspace(make_workspace, intro="811228-9874")
    args = ["tertial", "render", "-w", str(root), "-t", "2021-T1"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert "a personnummer (81…-…74)" in result.output and "9874" not in result.output
    assert not (root / "reports").exists()
    assert runner.invoke(app, [*args, "--allow-personal-data"]).exit_code == 0


# These tests hold the core's English wording of problems (conftest.english_problems).
pytestmark = pytest.mark.usefixtures("english_problems")
