"""The file-format models: defaults, the category taxonomy, and the rules they enforce."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import BASIC_PLEDGE
from pydantic import ValidationError

from est_cli.load.yamldoc import parse_yaml
from est_cli.models.base import Insats, Owner, Status
from est_cli.models.pledge import Pledge
from est_cli.models.settings import IncidentSource, Settings
from est_cli.models.taxonomy import DEFAULT_CATEGORIES, DEFAULT_CATEGORY_IDS
from est_cli.models.week import WeekNotes

MINIMAL = {"municipality": "X", "parties": ["Polisen"], "areas": [{"id": "a", "name": "A"}]}

# DESIGN.md, "Default category taxonomy (Swedish label, id)"
DESIGN_TAXONOMY = {
    "skadegorelse": "Skadegörelse",
    "klotter": "Klotter",
    "nedskrapning": "Nedskräpning",
    "anlagd_brand": "Anlagd brand",
    "samling": "Otrygghetsskapande samling",
    "narkotika": "Misstänkt droghantering",
    "hot_vald": "Hot och våld",
    "ran": "Rån",
    "inbrott": "Inbrott",
    "stold": "Stöld",
    "incident_personal": "Incident mot personal",
    "trafik": "Olovlig trafik/buskörning",
    "ordningsstorning": "Ordningsstörning",
    "otrygg_plats": "Otrygg plats (belysning, insyn)",
    "olovligt_boende": "Olovligt boende",
    "arrangemang": "Arrangemang",
    "ryktesspridning": "Ryktesspridning",
}


def settings(**extra: object) -> Settings:
    return Settings.model_validate({**MINIMAL, **extra})


def test_default_taxonomy_is_designs() -> None:
    assert {cid: name for cid, name, _, _ in DEFAULT_CATEGORIES} == DESIGN_TAXONOMY
    assert list(DEFAULT_CATEGORY_IDS) == list(DESIGN_TAXONOMY)


def test_settings_defaults() -> None:
    s = settings()
    assert (s.language, s.timezone, s.default_categories) == ("sv", "Europe/Stockholm", True)
    assert s.sources.incidents[0].files == ["data/incidents/*.csv"]
    assert (s.sources.incidents[0].delimiter, s.sources.incidents[0].encoding) == ("auto", "auto")
    assert s.publication.suppress_below == 3
    assert [c.id for c in s.resolved_categories()] == list(DESIGN_TAXONOMY)


def test_workspace_extends_the_taxonomy() -> None:
    s = settings(
        categories=[
            {"id": "skadegorelse", "aliases": ["Vandalism"]},  # add an alias to a default
            {"id": "fyrverkerier", "name": "Fyrverkerier", "group": "ordning"},
        ]
    )
    cats = {c.id: c for c in s.resolved_categories()}
    assert list(cats)[-1] == "fyrverkerier"
    assert len(cats) == len(DESIGN_TAXONOMY) + 1
    assert cats["skadegorelse"].name == "Skadegörelse"
    assert "Vandalism" in cats["skadegorelse"].aliases
    assert "vandalisering" in cats["skadegorelse"].aliases  # the default aliases stay
    assert cats["fyrverkerier"].group == "ordning"


def test_workspace_replaces_the_taxonomy() -> None:
    s = settings(
        default_categories=False,
        categories=[{"id": "brand", "name": "Brand"}, {"id": "klotter", "name": "Graffiti"}],
    )
    assert [(c.id, c.name) for c in s.resolved_categories()] == [
        ("brand", "Brand"),
        ("klotter", "Graffiti"),
    ]


def test_unknown_keys_are_forbidden_everywhere() -> None:
    for model, data in (
        (Settings, {**MINIMAL, "municipalty": "X"}),
        (Settings, {**MINIMAL, "areas": [{"id": "a", "name": "A", "alias": ["x"]}]}),
        (IncidentSource, {"files": ["x"], "separator": ";"}),
        (WeekNotes, {"week": "2026-W47", "meeting_date": "2026-11-19", "assessment": "x", "x": 1}),
    ):
        with pytest.raises(ValidationError) as info:
            model.model_validate(data)
        assert [e["type"] for e in info.value.errors()] == ["extra_forbidden"]


def test_timezone_must_exist() -> None:
    with pytest.raises(ValidationError, match="'Europe/Stokholm' is not a known time zone"):
        settings(timezone="Europe/Stokholm")
    assert settings(timezone="Europe/Helsinki").timezone == "Europe/Helsinki"


def test_source_files_may_be_one_pattern() -> None:
    assert IncidentSource.model_validate({"files": "exports/*.csv"}).files == ["exports/*.csv"]


def test_column_mapping_values_are_fields() -> None:
    src = IncidentSource.model_validate({"files": ["x"], "columns": {"Typ": "category"}})
    assert src.columns == {"Typ": "category"}
    with pytest.raises(ValidationError):
        IncidentSource.model_validate({"files": ["x"], "columns": {"Typ": "kategori"}})


def test_text_is_stripped_and_ids_are_lower_case() -> None:
    s = settings(areas=[{"id": "ramdal", "name": "  Ramdal  "}])
    assert s.areas[0].name == "Ramdal"
    for bad in ("Ramdal", "östra", "norr om", "_x", ""):
        with pytest.raises(ValidationError):
            settings(areas=[{"id": bad, "name": "X"}])
    for good in ("ramdal", "ostra_stadsdelen", "t1-2021", "9an"):
        assert settings(areas=[{"id": good, "name": "X"}]).areas[0].id == good


def load_pledge_text(text: str) -> Pledge:
    doc, problems = parse_yaml(text, "p.yaml")
    assert doc is not None and problems == []
    return Pledge.model_validate(doc.data)


def test_pledge_parses_with_enums_and_dates() -> None:
    pledge = load_pledge_text(
        BASIC_PLEDGE
        + "    follow_ups:\n      2021-T1:\n        status: pågår\n        measures: Rondering\n"
    )
    assert (pledge.valid_from, pledge.valid_to) == (date(2021, 1, 1), date(2021, 12, 31))
    focus = pledge.focus_areas[0]
    assert focus.activities[0].owner is Owner.gemensamt
    assert focus.activities[0].target is not None and focus.activities[0].target.count == 4
    assert focus.follow_ups["2021-T1"].status is Status.pagar
    assert focus.follow_ups["2021-T1"].measures == ["Rondering"]
    assert focus.indicators[0].areas == []  # all areas


@pytest.mark.parametrize("key", ["2021-T0", "2021-T4", "21-T1", "2021-t1", "2021T1"])
def test_tertial_keys(key: str) -> None:
    text = BASIC_PLEDGE + f"    follow_ups:\n      {key}:\n        status: pågår\n"
    doc, _ = parse_yaml(text, "p.yaml")
    with pytest.raises(ValidationError, match="is not a tertial"):
        Pledge.model_validate(doc.data)


@pytest.mark.parametrize(
    ("week", "ok"),
    [("2020-W53", True), ("2026-W53", True), ("2021-W53", False), ("2026-W00", False),
     ("2026-W1", False), ("2026-47", False), ("2026-W47", True)],
)  # fmt: skip
def test_week_keys(week: str, ok: bool) -> None:
    data = {"week": week, "meeting_date": "2026-11-19", "assessment": "x"}
    if ok:
        assert WeekNotes.model_validate(data).week == week
    else:
        with pytest.raises(ValidationError):
            WeekNotes.model_validate(data)


def test_insats_defaults() -> None:
    ins = Insats.model_validate({"title": "Riktad insats", "start": "2021-03-01"})
    assert (ins.end, ins.area, ins.categories, ins.owner) == (None, None, [], None)


def test_status_values_are_swedish() -> None:
    assert [s.value for s in Status] == ["ej påbörjad", "pågår", "genomförd", "inställd"]
    assert [o.value for o in Owner] == ["polisen", "kommunen", "gemensamt"]
