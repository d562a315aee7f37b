"""The YAML parser est reads every file with: safe, with limits counted while it composes.

A file is data from a pull request and must not be able to hang CI or fill its memory, so the
limits are checked before the work they bound (README, "Files are data"). Large files are
parsed by libyaml, small ones by PyYAML's Python parser, with the same composer.
"""

from __future__ import annotations

import yaml

from est_cli.errors import N_, Text

try:
    from yaml._yaml import CParser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    CParser = None  # type: ignore[misc, assignment]


_TIMESTAMP = "tag:yaml.org,2002:timestamp"


# Limits on what one YAML file may hold, generous for real files (a pledge is a few KB and a
# few hundred values; a county's est.yaml a few thousand): a file is data from a pull request,
# and must not be able to hang CI or fill its memory. Each is checked before the work it
# bounds: the size before reading, depth and values while composing, before any value is
# built, so that aliases that expand exponentially ("billion laughs") are refused at the alias.
MAX_BYTES = 1024 * 1024
MAX_DEPTH = 100
MAX_VALUES = 100_000


class LimitReached(Exception):
    """A file past one of the limits, at the node where it went past."""

    def __init__(self, event: yaml.Event, message: Text, hint: Text) -> None:
        super().__init__(message)
        mark = event.start_mark
        self.line: int | None = mark.line + 1 if mark else None
        self.col: int | None = mark.column + 1 if mark else None
        self.message, self.hint = message, hint


class Loader(yaml.SafeLoader):
    """SafeLoader without implicit timestamps (pydantic parses dates, and says where) that
    counts, while composing, the values and levels the file holds with its aliases expanded."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._limits()

    def _limits(self) -> None:
        self._depth = 0  # of the node being composed; the document's root is at 1
        self._deepest = 0  # the deepest level reached, aliases expanded, in the current node
        self._values = 0  # values so far, an alias counting every value its anchor holds
        self._anchored: dict[str, tuple[int, int]] = {}  # anchor: (values, levels) it holds
        self._open: set[str] = set()  # anchors of the nodes being composed

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event: yaml.NodeEvent = self.peek_event()  # type: ignore[no-untyped-call]
        depth = self._depth + 1
        anchor = event.anchor
        if isinstance(event, yaml.AliasEvent):
            if anchor in self._open:
                raise LimitReached(
                    event,
                    N_(
                        "the alias *%(anchor)s is inside the value it refers to, so it never ends",
                        anchor=anchor,
                    ),
                    N_(
                        "remove *%(anchor)s, or move it out of the value marked &%(anchor)s",
                        anchor=anchor,
                    ),
                )
            values, levels = self._anchored.get(anchor or "", (0, 0))  # unknown: yaml says so
            self._count(event, values, depth + levels - 1, alias=True)
            return super().compose_node(parent, index)
        before = self._values
        self._count(event, 1, depth, alias=False)
        outer, self._deepest, self._depth = self._deepest, depth, depth
        if anchor is not None:
            self._open.add(anchor)
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth = depth - 1
        if anchor is not None:
            self._open.discard(anchor)
            self._anchored[anchor] = (self._values - before, self._deepest - depth + 1)
        self._deepest = max(outer, self._deepest)
        return node

    def _count(self, event: yaml.NodeEvent, values: int, deepest: int, *, alias: bool) -> None:
        self._values += values
        self._deepest = max(self._deepest, deepest)
        repeat = N_(
            "an alias (*name) repeats everything its anchor (&name) holds, aliases in it "
            "included; write the values out instead"
        )
        if self._values > MAX_VALUES:
            limit = f"{MAX_VALUES:,}".replace(",", "\u00a0")  # 100 000: the same in both languages
            raise LimitReached(
                event,
                N_(
                    "the file holds more than %(limit)s values with its aliases expanded (est's "
                    "limit for a YAML file is %(limit)s)",
                    limit=limit,
                )
                if alias
                else N_(
                    "the file holds more than %(limit)s values (est's limit for a YAML file is "
                    "%(limit)s)",
                    limit=limit,
                ),
                repeat
                if alias
                else N_(
                    "est's YAML files hold settings, a pledge or notes; split a file this large "
                    "or remove what does not belong in it"
                ),
            )
        if deepest > MAX_DEPTH:
            raise LimitReached(
                event,
                N_(
                    "values are nested more than %(levels)s levels deep with the aliases "
                    "expanded (est's limit for a YAML file is %(levels)s)",
                    levels=MAX_DEPTH,
                )
                if alias
                else N_(
                    "values are nested more than %(levels)s levels deep (est's limit for a YAML "
                    "file is %(levels)s)",
                    levels=MAX_DEPTH,
                ),
                repeat
                if alias
                else N_(
                    "est's files need only a few levels; check for brackets that are not closed"
                ),
            )


Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _fast_loader() -> type[Loader] | None:
    """The same loader on libyaml's parser, about ten times faster on a large file.

    Only the events come from C; composing (where the limits are counted), resolving and
    constructing stay the Python code above, so positions and limits are the same. PyYAML's
    wheels ship libyaml; without it, the pure-Python loader does the same work more slowly.
    """
    if CParser is None:  # pragma: no cover - PyYAML built without libyaml
        return None

    class FastLoader(CParser, Loader):
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
            self._limits()

    # CParser composes in C, where nothing could be counted: its composing is replaced by
    # the Python Composer's, which Loader.compose_node hooks into.
    composing = "check_node get_node get_single_node compose_document"
    composing += " compose_scalar_node compose_sequence_node compose_mapping_node"
    for name in composing.split():
        setattr(FastLoader, name, getattr(yaml.composer.Composer, name))
    return FastLoader


FAST_LOADER = _fast_loader()
# Files up to this size (every real pledge, notes file and est.yaml) are read by the Python
# parser, whose syntax messages est's errors are worded on ("expected <block end>, but found
# '-'"); only larger ones need libyaml's speed, and get its wording of a syntax error.
PYTHON_PARSER_UP_TO = 64 * 1024
