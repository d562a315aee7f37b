"""Resolving the spellings of areas and categories: any casing or spacing of an id, name or
alias finds the same id; anything else finds nothing (and gets a suggestion, not a guess)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from est_cli.load.aliases import Registry, normalize
from est_cli.models.settings import Settings

SETTINGS = Settings.model_validate(
    {
        "municipality": "Oxelösunds kommun",
        "parties": ["Polisen", "Oxelösunds kommun"],
        "areas": [
            {"id": "centrum", "name": "Centrum", "aliases": ["Centrala Oxelösund", "Torget"]},
            {"id": "ramdal", "name": "Ramdal", "aliases": ["Ramdalsområdet"]},
            {"id": "sunda", "name": "Sunda"},
            {"id": "frosang", "name": "Frösäng", "aliases": ["Frösängs hamn"]},
            {"id": "ostra_stadsdelen", "name": "Östra stadsdelen", "aliases": ["Öster"]},
        ],
        "categories": [{"id": "fyrverkerier", "name": "Fyrverkerier", "aliases": ["Smällare"]}],
    }
)
AREAS = Registry.build("area", [(a.id, a.name, a.aliases) for a in SETTINGS.areas])
CATEGORIES = Registry.build(
    "category", [(c.id, c.name or c.id, c.aliases) for c in SETTINGS.resolved_categories()]
)
SPELLINGS = [
    (registry, ident, spelling)
    for registry, entries in (
        (AREAS, [(a.id, a.name, a.aliases) for a in SETTINGS.areas]),
        (CATEGORIES, [(c.id, c.name, c.aliases) for c in SETTINGS.resolved_categories()]),
    )
    for ident, name, aliases in entries
    for spelling in (ident, name, *aliases)
]
ALL_KEYS = {normalize(s) for _, _, s in SPELLINGS}
WHITESPACE = st.text(alphabet=" \t\u00a0\u2003", min_size=1, max_size=3)


@st.composite
def respelled(draw: st.DrawFn) -> tuple[Registry, str, str]:
    """A spelling with random per-letter casing, padding and widened inner spaces."""
    registry, ident, spelling = draw(st.sampled_from(SPELLINGS))
    flips = draw(st.lists(st.booleans(), min_size=len(spelling), max_size=len(spelling)))
    cased = "".join(c.upper() if f else c.lower() for c, f in zip(spelling, flips, strict=True))
    inner = draw(WHITESPACE)
    text = draw(st.sampled_from(["", " ", "\t", "  "])) + cased.replace(" ", inner)
    return registry, ident, text + draw(st.sampled_from(["", " ", "\u00a0", "\r"]))


@given(respelled())
def test_any_casing_and_spacing_resolves_to_the_same_id(case: tuple[Registry, str, str]) -> None:
    registry, ident, text = case
    assert registry.resolve(text) == ident


def test_the_spellings_cover_areas_defaults_and_workspace_categories() -> None:
    idents = {ident for _, ident, _ in SPELLINGS}
    assert {"ramdal", "ostra_stadsdelen", "skadegorelse", "inbrott", "fyrverkerier"} <= idents
    assert CATEGORIES.resolve("SKADEGÖRELSE/VANDALISERING") == "skadegorelse"
    assert CATEGORIES.resolve("inbrottsförsök") == "inbrott"
    assert AREAS.resolve("ÖSTER") == "ostra_stadsdelen"


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäö -/", min_size=1, max_size=20))
def test_unrelated_words_resolve_to_nothing(word: str) -> None:
    if normalize(word) in ALL_KEYS:
        return
    assert AREAS.resolve(word) is None
    assert CATEGORIES.resolve(word) is None


@pytest.mark.parametrize("word", ["Ramdl", "Ramdal 2", "Centrum-", "Rams", "sund", ""])
def test_near_misses_are_not_guessed(word: str) -> None:
    assert AREAS.resolve(word) is None


def test_hint_names_display_names() -> None:
    assert AREAS.hint("Ramdl") == "did you mean 'Ramdal'?"
    assert AREAS.hint("ramdalsomradet") == "did you mean 'Ramdal'?"
    assert AREAS.hint("frosang") == "did you mean 'Frösäng'?"
    assert CATEGORIES.hint("Skadegrelse") == "did you mean 'Skadegörelse'?"
    assert AREAS.hint("Xyzzy") is None


def test_known_lists_names_sorted_and_cut() -> None:
    assert AREAS.known() == "Centrum, Frösäng, Ramdal, Sunda, Östra stadsdelen"
    assert CATEGORIES.known(limit=2) == "Anlagd brand, Arrangemang, … (18 in all)"


def test_alias_cannot_take_over_a_name_and_conflicts_are_reported() -> None:
    registry = Registry.build(
        "area",
        [
            ("norr", "Norr", ["Centrum"]),  # alias equal to another entry's name
            ("centrum", "Centrum", ["Torget"]),
            ("soder", "Söder", ["torget "]),  # same alias as centrum's, other spacing
        ],
    )
    assert registry.resolve("centrum") == "centrum"
    assert registry.resolve("Torget") == "centrum"
    assert ("Centrum", "centrum", "norr") in registry.conflicts
    assert ("torget ", "centrum", "soder") in registry.conflicts


def test_normalize() -> None:
    assert normalize("  Ramdals\u00a0 området\t") == "ramdals området"
    assert normalize("ＲＡＭＤＡＬ") == "ramdal"  # full-width letters from copy-paste
    assert normalize("Strasse") == normalize("STRASSE")
