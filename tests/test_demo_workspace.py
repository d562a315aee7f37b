"""The demo workspace at the repository root: clean, current, and true to the published facts.

The incident rows are synthetic (examples/generate_incidents.py), but they must agree with
the medborgarlöfte 2021 follow-up of Oxelösund for T1 and give the weekly report a hotspot
in 2021-W10. These tests recompute those facts from the committed CSV files.
"""

from __future__ import annotations

import math
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from est_cli.cli.app import app
from est_cli.load.incidents import IncidentSet, load_incidents
from est_cli.load.workspace import load_pledge, load_workspace
from est_cli.models.incident import Incident
from est_cli.periods import IsoWeek, Tertial

REPO = Path(__file__).resolve().parents[1]
INCIDENTS = REPO / "data" / "incidents"
GENERATOR = REPO / "examples" / "generate_incidents.py"

T1_2021 = Tertial.parse("2021-T1")
HOTSPOT_WEEK = IsoWeek(2021, 10)


@pytest.fixture(scope="module")
def loaded() -> IncidentSet:
    return load_incidents(load_workspace(REPO))


def _in_t1(incidents: list[Incident], categories: set[str]) -> list[Incident]:
    first, last = T1_2021.first_day, T1_2021.last_day
    assert (first, last) == (date(2021, 1, 1), date(2021, 4, 30))
    return [
        i for i in incidents if first <= i.occurred_at.date() <= last and i.category in categories
    ]


def _week(incident: Incident) -> str:
    return IsoWeek.of(incident.occurred_at.date()).key


def _poisson_upper_tail(count: int, mean: float) -> float:
    """P(X >= count) for X ~ Poisson(mean)."""
    if mean == 0:
        return 0.0 if count > 0 else 1.0
    below = sum(math.exp(-mean) * mean**k / math.factorial(k) for k in range(count))
    return max(0.0, 1.0 - below)


def test_est_check_on_the_repository_is_clean(width: int) -> None:
    result = CliRunner().invoke(app, ["check", "--workspace", str(REPO)])
    assert result.exit_code == 0, result.output
    assert "0 fel, 0 varningar" in result.output


def test_every_row_is_usable(loaded: IncidentSet) -> None:
    assert loaded.problems == []
    assert loaded.excluded == []
    assert len(loaded.files) == 36  # 2019–2021, a file a month
    assert len(loaded.incidents) == loaded.rows_read


@pytest.mark.parametrize(
    ("categories", "expected"),
    [({"skadegorelse", "klotter"}, 23), ({"stold", "inbrott"}, 25)],
    ids=["skadegorelse", "stold-inbrott"],
)
def test_t1_2021_counts_and_top_areas_match_the_published_follow_up(
    loaded: IncidentSet, categories: set[str], expected: int
) -> None:
    rows = _in_t1(loaded.incidents, categories)
    assert len(rows) == expected
    ranked = Counter(i.area for i in rows).most_common()
    assert {area for area, _ in ranked[:3]} == {"centrum", "ramdal", "sunda"}
    assert ranked[2][1] > ranked[3][1], "the top three must stand clear of the rest"
    assert sum(n for _, n in ranked[:3]) > expected / 2, "mostly in the top three areas"


def test_inbrottsforsok_is_spelled_as_in_the_exports_and_counted_as_inbrott(
    loaded: IncidentSet,
) -> None:
    raw = b"".join(p.read_bytes() for p in sorted(INCIDENTS.glob("2021-*.csv")))
    assert "Inbrottsförsök".encode() in raw
    assert any(
        i.category == "inbrott" and "försök" in (i.description or "")
        for i in _in_t1(loaded.incidents, {"inbrott"})
    )


def test_no_villa_burglaries_in_sunda_after_the_operation(loaded: IncidentSet) -> None:
    ws = load_workspace(REPO)
    pledge = load_pledge(ws, REPO / "pledges" / "2021.yaml").model
    assert pledge is not None
    operation = next(x for x in pledge.insatser if x.area == "sunda")
    assert operation.end is not None
    sunda = [i for i in loaded.incidents if i.area == "sunda" and i.category == "inbrott"]
    before = [i for i in sunda if date(2021, 2, 1) <= i.occurred_at.date() < operation.start]
    after = [i for i in sunda if operation.end < i.occurred_at.date() <= date(2021, 8, 31)]
    assert len(before) >= 8
    assert after == []


@pytest.mark.parametrize(
    ("area", "category"), [("sunda", "inbrott"), ("ramdal", "ordningsstorning")]
)
def test_week_10_is_a_hotspot_by_the_weekly_rule(
    loaded: IncidentSet, area: str, category: str
) -> None:
    rule = load_workspace(REPO).settings.weekly
    per_week = Counter(
        _week(i) for i in loaded.incidents if i.area == area and i.category == category
    )
    baseline = [HOTSPOT_WEEK.shift(-n).key for n in range(1, rule.hotspot_baseline_weeks + 1)]
    assert baseline[-1] == "2021-W02"
    mean = sum(per_week[w] for w in baseline) / len(baseline)
    count = per_week[HOTSPOT_WEEK.key]
    assert count >= rule.hotspot_min_count
    assert mean <= 1.0
    assert _poisson_upper_tail(count, mean) < rule.hotspot_p_value


def test_regenerating_gives_byte_identical_files(tmp_path: Path) -> None:
    out = tmp_path / "incidents"
    subprocess.run(
        [sys.executable, str(GENERATOR), "--out", str(out)], check=True, capture_output=True
    )
    committed = {p.name: p.read_bytes() for p in INCIDENTS.glob("*.csv")}
    fresh = {p.name: p.read_bytes() for p in out.glob("*.csv")}
    assert sorted(fresh) == sorted(committed)
    stale = [name for name in committed if committed[name] != fresh[name]]
    assert stale == [], "run `python examples/generate_incidents.py` and commit the result"


def test_exports_look_like_excel_exports() -> None:
    files = sorted(INCIDENTS.glob("*.csv"))
    assert [p.stem for p in files] == [
        f"{y}-{m:02d}" for y in (2019, 2020, 2021) for m in range(1, 13)
    ]
    for path in files:
        raw = path.read_bytes()
        if path.stem.startswith(("2019", "2020")):
            assert not raw.startswith(b"\xef\xbb\xbf")
            with pytest.raises(UnicodeDecodeError):
                raw.decode("utf-8")  # really Windows-1252, not UTF-8 in disguise
            text = raw.decode("cp1252")
        else:
            assert raw.startswith(b"\xef\xbb\xbf")
            text = raw[3:].decode("utf-8")
        assert text.startswith("Händelse-ID;Datum;Tid;Område;Plats;Kategori;Organisation;")
        assert raw.count(b"\n") == raw.count(b"\r\n")


def test_a_realistic_shape(loaded: IncidentSet) -> None:
    rows = loaded.incidents
    per_week = Counter(_week(i) for i in rows if i.occurred_at.year == 2021)
    full = [n for w, n in per_week.items() if w.startswith("2021-W") and w != "2021-W52"]
    assert 20 <= sum(full) / len(full) <= 45
    assert 0.05 < sum(not i.has_time for i in rows) / len(rows) < 0.4
    assert len({i.reporter_org for i in rows}) >= 6
    evening = [i for i in rows if i.category == "ordningsstorning" and i.has_time]
    weekend_nights = [
        i
        for i in evening
        if (i.occurred_at.isoweekday() in (5, 6) and i.occurred_at.hour >= 18)
        or (i.occurred_at.isoweekday() in (6, 7) and i.occurred_at.hour < 6)
    ]
    assert len(weekend_nights) > len(evening) / 3
    summer = sum(1 for i in rows if i.category == "samling" and i.occurred_at.month in (6, 7, 8))
    winter = sum(1 for i in rows if i.category == "samling" and i.occurred_at.month in (1, 2, 12))
    assert summer > 1.5 * winter
    # year on year, T1 shows change: more skadegörelse in 2020, more inbrott in 2021
    t1 = {
        (year, cat): sum(
            1
            for i in rows
            if i.occurred_at.year == year and i.occurred_at.month <= 4 and i.category == cat
        )
        for year in (2020, 2021)
        for cat in ("skadegorelse", "inbrott")
    }
    assert t1[2020, "skadegorelse"] > t1[2021, "skadegorelse"]
    assert t1[2020, "inbrott"] < t1[2021, "inbrott"]
