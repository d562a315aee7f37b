"""Resolving the many spellings of an area or category to one id."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from est_cli.errors import N_, Text, did_you_mean, meant

_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """Case-, width- and whitespace-insensitive key: ' Ramdal  ' == 'RAMDAL'."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


@dataclass
class Registry:
    """Ids with display names and aliases, looked up by any spelling."""

    kind: str
    names: dict[str, str] = field(default_factory=dict)
    _lookup: dict[str, str] = field(default_factory=dict)
    conflicts: list[tuple[str, str, str]] = field(default_factory=list)
    _hints: dict[str, Text | None] = field(default_factory=dict, repr=False)
    # spelling (normalised) → (the id it could be taken for, what else it may mean): values
    # an export may not use until the workspace decides (est_cli.models.taxonomy)
    ambiguous: dict[str, tuple[str, str]] = field(default_factory=dict)

    @classmethod
    def build(cls, kind: str, entries: Iterable[tuple[str, str, Iterable[str]]]) -> Registry:
        entries = [(i, n, list(a)) for i, n, a in entries]
        reg = cls(kind)
        for ident, name, _ in entries:
            reg.names[ident] = name
        # ids and names first, so an alias can never take over a real entry's spelling
        for ident, name, _ in entries:
            reg._add(ident, ident)
            reg._add(name, ident)
        for ident, _, aliases in entries:
            for alias in aliases:
                reg._add(alias, ident)
        return reg

    def _add(self, spelling: str, ident: str) -> None:
        key = normalize(spelling)
        other = self._lookup.setdefault(key, ident)
        if other != ident:
            self.conflicts.append((spelling, other, ident))

    def resolve(self, raw: str) -> str | None:
        return self._lookup.get(normalize(raw))

    def ambiguity(self, raw: str) -> tuple[str, str] | None:
        """(id, other reading) when `raw` is a word an export uses for more than one thing."""
        return self.ambiguous.get(normalize(raw))

    def closest(self, raw: str, n: int = 3) -> list[str]:
        """The ids whose spellings are close to `raw`, closest first."""
        ids: list[str] = []
        for key in did_you_mean(normalize(raw), list(self._lookup), n=5):
            if self._lookup[key] not in ids:
                ids.append(self._lookup[key])
        return ids[:n]

    def unknown(self, raw: str) -> Text:
        """ "'Rattfylleri' is not a known category", as the message of a problem."""
        if self.kind == "area":
            return N_("'%(value)s' is not a known area", value=raw)
        return N_("'%(value)s' is not a known category", value=raw)

    def empty(self) -> Text:
        if self.kind == "area":
            return N_("the area is empty")
        return N_("the category is empty")

    def unknown_hint(self, raw: str) -> Text:
        """A close name, else the known ones."""
        return self.hint(raw) or N_("known: %(names)s", names=self.known())

    def hint(self, raw: str) -> Text | None:
        """'did you mean …?' naming entries by display name, matched on any spelling."""
        if raw not in self._hints:  # the same misspelling recurs in every monthly export
            self._hints[raw] = self._hint(raw)
        return self._hints[raw]

    def _hint(self, raw: str) -> Text | None:
        return meant(list(dict.fromkeys(self.names[i] for i in self.closest(raw))))

    def known(self, limit: int = 12) -> str:
        names = sorted(self.names.values(), key=normalize)
        if len(names) <= limit:
            return ", ".join(names)
        return N_(
            "%(names)s, … (%(count)s in all)", names=", ".join(names[:limit]), count=len(names)
        )
