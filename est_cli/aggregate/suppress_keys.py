"""What publication suppression works with: figures as published, their keys and kinds.

Split from est_cli.aggregate.suppress, which chooses what to hide; est_cli.aggregate.
suppress_bounds works out what a reader can tell from a choice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from est_cli.errors import EstError

State = Literal["shown", "suppressed", "hidden", "private"]
SHOWN: State = "shown"
SUPPRESSED: State = "suppressed"  # 1 … threshold-1: "färre än N"
HIDDEN: State = "hidden"  # secondary suppression: "×"
PRIVATE: State = "private"  # a part of other figures, never published on its own


@dataclass(frozen=True)
class Figure:
    """A count as published: its value when shown, otherwise only why it is not shown."""

    value: int | None
    state: State = SHOWN

    @property
    def shown(self) -> bool:
        return self.state == SHOWN


def is_small(value: int, threshold: int) -> bool:
    """True for counts that must not be published exactly: 1 … threshold-1."""
    return 1 <= value < threshold


def difference(current: Figure, previous: Figure) -> int | None:
    """current − previous, only when both are shown (else it could reveal a hidden count)."""
    if current.value is None or previous.value is None:
        return None
    return current.value - previous.value


Coord = int | str | tuple[int, ...] | tuple[str, ...]


@dataclass(frozen=True, order=True)
class Kind:
    """What sort of figure a key names, as far as suppression needs to know.

    leaf: not a sum of other figures (a cell of a table, an insats window): hidden in
        preference to a total, which would take more figures with it.
    standalone: published on its own, without totals beside it (an insats window): protected
        after the figures of tables, since protecting those is often enough.
    private: a part other figures are made of ("atom"), never published on its own.

    A document declares its kinds once and makes its keys with them: `CELL(0, 2, 1)`.
    """

    name: str
    leaf: bool = False
    standalone: bool = False
    private: bool = False

    def __call__(self, *at: Coord) -> FigureKey:
        return FigureKey(self, at)


@dataclass(frozen=True, order=True)
class FigureKey:
    """Names one count in a system of linked figures: its kind and where it is.

    Keys sort by kind name, then position, so every choice between figures is reproducible.
    """

    kind: Kind
    at: tuple[Coord, ...] = ()

    @property
    def leaf(self) -> bool:
        return self.kind.leaf

    @property
    def standalone(self) -> bool:
        return self.kind.standalone

    @property
    def private(self) -> bool:
        return self.kind.private

    def __str__(self) -> str:
        return f"{self.kind.name}({', '.join(map(str, self.at))})"


Line = tuple[FigureKey, list[FigureKey]]  # total = sum of parts


class SuppressionError(EstError):
    """Suppression could not prove a document's small counts safe: it is not published."""


class Unprotectable(SuppressionError):
    """What `known` tells a reader pins a small count down whatever else is hidden: the
    document must not tell it (`key` is the count pinned down)."""

    def __init__(self, key: FigureKey):
        super().__init__(
            f"{key} can be worked out from what the document tells of it, whatever is hidden"
        )
        self.key = key
