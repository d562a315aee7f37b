"""The texts `est init`'s pledge skeleton holds until someone writes the real ones.

A pledge that still holds one must never be published (issue 14.4): `est check` warns at
each placeholder's line, and `est tertial render` and `est pledge render` refuse the pledge
(est_cli.reports.period.refuse_placeholders). tests/test_placeholders.py checks that every
text here is in the skeleton (est_cli/scaffold/pledge.yaml.j2), so the two cannot drift.
"""

from __future__ import annotations

from collections.abc import Iterator

from est_cli.errors import N_, Problem
from est_cli.load.yamldoc import Path_, YamlData, YamlDoc

PLACEHOLDER_CODE = "placeholder"
# the skeleton's text → what belongs there
PLACEHOLDERS = {
    "Förnamn Efternamn": N_("the name of the person who signs"),
    "Det här ska vi åstadkomma tillsammans: beskriv målet med årets löfte.": (
        N_("the purpose of this year's pledge")
    ),
    "Beskriv problemet som medborgardialogen och lägesbilden visade.": (
        N_("the problem the citizen dialogue and the lägesbild showed")
    ),
}


def _strings(data: YamlData, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, str(key)))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, (*path, i))


def placeholder_problems(doc: YamlDoc) -> list[Problem]:
    """A warning at every text of `doc` that is still the skeleton's placeholder."""
    return [
        doc.problem(
            path,
            N_(
                "'%(text)s' is the placeholder est init wrote: the pledge is still the "
                "skeleton, and is not published until it is filled in",
                text=text.strip(),
            ),
            hint=N_("write %(what)s here", what=PLACEHOLDERS[text.strip()]),
            severity="warning",
            code=PLACEHOLDER_CODE,
        )
        for path, text in _strings(doc.data)
        if text.strip() in PLACEHOLDERS
    ]
