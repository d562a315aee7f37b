"""The built-in table of the police's event types (est_cli/models/polisen.py): one decision,
with its reason, for every type the police's open events feed uses."""

from __future__ import annotations

from collections import Counter

import pytest

from est_cli.load.aliases import normalize
from est_cli.models.polisen import (
    OWN,
    POLICE_CATEGORIES,
    POLICE_TYPES,
    POLISEN_GROUP,
    SKIP,
    builtin_types,
    is_summary,
    own_category_id,
    own_category_name,
)
from est_cli.models.taxonomy import DEFAULT_CATEGORY_IDS

# The 55 distinct `type` values of the shared real sample of polisen.se /api/events,
# /work/shared/data/polisen/events-2025-11--2026-04.jsonl (November 2025 – April 2026),
# spelled as the API writes them. Copied here so the tests do not read the sample.
SAMPLE_TYPES = (
    "Alkohollagen",
    "Anträffad död",
    "Arbetsplatsolycka",
    "Bedrägeri",
    "Brand",
    "Bråk",
    "Djur",
    "Efterlyst person",
    "Explosion",
    "Farligt föremål, misstänkt",
    "Fylleri/LOB",
    "Försvunnen person",
    "Hemfridsbrott",
    "Hets mot folkgrupp",
    "Häleri",
    "Information",
    "Knivlagen",
    "Larm Överfall",
    "Misshandel",
    "Misshandel, grov",
    "Mord/dråp",
    "Mord/dråp, försök",
    "Motorfordon, anträffat stulet",
    "Motorfordon, stöld",
    "Narkotikabrott",
    "Ofredande/förargelse",
    "Olaga frihetsberövande/människorov",
    "Olaga hot",
    "Olaga intrång",
    "Olovlig körning",
    "Ordningslagen",
    "Polisinsats/kommendering",
    "Rattfylleri",
    "Rån",
    "Rån, försök",
    "Sammanfattning kväll och natt",
    "Sammanfattning natt",
    "Sjukdom/olycksfall",
    "Skadegörelse",
    "Skottlossning",
    "Smällar",
    "Stöld",
    "Stöld/inbrott",
    "Trafikbrott",
    "Trafikhinder",
    "Trafikkontroll",
    "Trafikolycka",
    "Trafikolycka, personskada",
    "Trafikolycka, singel",
    "Trafikolycka, smitning från",
    "Trafikolycka, vilt",
    "Vapenlagen",
    "Våld/hot mot tjänsteman",
    "Vållande till kroppsskada",
    "Övrigt",
)

# Decisions taken on purpose (the missing types, and the theft rows).
DECIDED = {
    "Stöld/inbrott": "stold",
    "Stöld": "stold",
    "Stöld, försök": "stold",
    "Stöld, ringa": "stold",
    "Motorfordon, stöld": "stold",
    "Inbrott": "inbrott",
    "Inbrott, försök": "inbrott",
    "Mordbrand": "anlagd_brand",
    "Brand": OWN,
    "Olaga intrång": OWN,
    "Hemfridsbrott": OWN,
    "Olaga intrång/hemfridsbrott": OWN,
    "Sexualbrott": OWN,
    "Explosion": OWN,
    "Detonation": OWN,
    "Smällar": OWN,
    "Fylleri": OWN,
    "Fylleri/LOB": OWN,
    "Hets mot folkgrupp": OWN,
    "Åldringsbrott": OWN,
    "Larm Inbrott": OWN,
    "Larm Överfall": OWN,
    "Skyddslagen": SKIP,
    "Luftfartslagen": SKIP,
    "Lagen om hundar och katter": SKIP,
    "Kontroll": SKIP,
    "Djur": SKIP,
    "Trafikolycka, smitning från": SKIP,
    "Trafikolycka, smitning": SKIP,
}


def decisions() -> dict[str, str]:
    """Police type (normalised, as the import looks it up) → its decision."""
    return {normalize(d.type): d.decision for d in POLICE_TYPES}


def test_the_sample_list_is_the_samples_55_distinct_types() -> None:
    assert len(SAMPLE_TYPES) == 55
    assert len({normalize(t) for t in SAMPLE_TYPES}) == 55


@pytest.mark.parametrize("police_type", SAMPLE_TYPES)
def test_every_type_of_the_real_sample_has_a_decision(police_type: str) -> None:
    assert normalize(police_type) in decisions()
    assert normalize(police_type) in {normalize(t) for t in builtin_types()}


@pytest.mark.parametrize("police_type", sorted(DECIDED))
def test_the_decisions_taken_on_purpose(police_type: str) -> None:
    assert decisions()[normalize(police_type)] == DECIDED[police_type]


def test_stold_inbrott_counts_as_theft() -> None:
    assert builtin_types()["Stöld/inbrott"] == "stold"
    assert own_category_id("Stöld/inbrott") not in {c[0] for c in POLICE_CATEGORIES}


def test_every_decision_is_a_default_category_own_or_skip() -> None:
    assert OWN not in DEFAULT_CATEGORY_IDS and SKIP not in DEFAULT_CATEGORY_IDS
    valid = {*DEFAULT_CATEGORY_IDS, OWN, SKIP}
    assert [d for d in POLICE_TYPES if d.decision not in valid] == []
    # all three kinds of decision are used
    assert {OWN, SKIP} < {d.decision for d in POLICE_TYPES}


def test_every_entry_has_a_reason() -> None:
    assert POLICE_TYPES
    assert [d.type for d in POLICE_TYPES if not d.reason.strip()] == []


def test_no_type_appears_twice() -> None:
    counts = Counter(normalize(d.type) for d in POLICE_TYPES)
    assert [t for t, n in counts.items() if n > 1] == []
    assert len(builtin_types()) == len(POLICE_TYPES)


def test_every_summary_type_is_skipped() -> None:
    summaries = [d for d in POLICE_TYPES if normalize(d.type).startswith("sammanfattning")]
    assert {"Sammanfattning natt", "Sammanfattning kväll och natt"} <= {d.type for d in summaries}
    assert [d.type for d in summaries if d.decision != SKIP] == []
    assert all(is_summary(d.type) for d in summaries)
    assert all(builtin_types()[d.type] is None for d in summaries)


def test_is_summary_only_for_summaries() -> None:
    assert is_summary("SAMMANFATTNING natt")
    assert is_summary("  sammanfattning   dygn ")
    assert is_summary("Sammanfattning eftermiddag och kväll")  # one the table lacks
    not_summaries = [d.type for d in POLICE_TYPES if not d.type.startswith("Sammanfattning")]
    assert not_summaries
    assert [t for t in not_summaries if is_summary(t)] == []
    assert not is_summary("Information")
    assert not is_summary("")


def test_builtin_types_follow_the_decisions() -> None:
    table = builtin_types()
    for d in POLICE_TYPES:
        if d.decision == SKIP:
            assert table[d.type] is None, d.type
        elif d.decision == OWN:
            assert table[d.type] == own_category_id(d.type), d.type
        else:
            assert table[d.type] == d.decision, d.type


def test_police_categories_are_the_own_types_with_unique_ids() -> None:
    ids = [c[0] for c in POLICE_CATEGORIES]
    assert len(ids) == len(set(ids))
    assert not set(ids) & set(DEFAULT_CATEGORY_IDS)
    own = [d.type for d in POLICE_TYPES if d.decision == OWN]
    expected = tuple((own_category_id(t), own_category_name(t), POLISEN_GROUP, ()) for t in own)
    assert expected == POLICE_CATEGORIES
    assert ("polisen_brand", "Brand (polisen)", POLISEN_GROUP, ()) in POLICE_CATEGORIES
