"""The texts `est init`'s skeletons hold until someone writes the real ones.

A pledge or a lägesbild that still holds one must never be published (issue 14.4): `est
check` warns at each placeholder's line, and the commands that publish them refuse the file
(est_cli.reports.period.refuse_placeholders). tests/test_placeholders.py checks that every
text here is in its skeleton (est_cli/scaffold/pledge.yaml.j2, lagesbild.yaml.j2), so they
cannot drift.
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


# the lägesbild skeleton's text → what belongs there
LAGESBILD_PLACEHOLDERS = {
    "Sammanfatta årets lägesbild i några meningar.": N_("a summary of the year's lägesbild"),
    "Beskriv problemet: var, när och hur det visar sig.": (
        N_("where, when and how the problem shows")
    ),
    "Beskriv en orsak som analysen pekar på.": N_("a cause the analysis points to"),
    "Beskriv en föreslagen åtgärd.": N_("a measure you propose"),
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


def placeholder_problems(doc: YamlDoc, *, lagesbild: bool = False) -> list[Problem]:
    """A warning at every text of `doc` that is still the skeleton's placeholder (of the
    pledge's skeleton, or with `lagesbild` of the lägesbild's)."""
    known = LAGESBILD_PLACEHOLDERS if lagesbild else PLACEHOLDERS
    return [
        doc.problem(
            path,
            N_(
                "'%(text)s' is the placeholder est init wrote: the lägesbild is still the "
                "skeleton, and is not published until it is filled in",
                text=text.strip(),
            )
            if lagesbild
            else N_(
                "'%(text)s' is the placeholder est init wrote: the pledge is still the "
                "skeleton, and is not published until it is filled in",
                text=text.strip(),
            ),
            hint=N_("write %(what)s here", what=known[text.strip()]),
            severity="warning",
            code=PLACEHOLDER_CODE,
        )
        for path, text in _strings(doc.data)
        if text.strip() in known
    ]
