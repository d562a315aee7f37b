"""What the CLI itself says, in one language per output (issue 11).

Terminal output follows the workspace's language (`language:` in est.yaml, Swedish by
default) or `--language`, worded by the documents' one catalogue (est_cli.render.i18n) and
with the language's number format ('3 124', '25,8' in Swedish). A command makes one `Say`
at its start and tells it the language once the workspace is known; until then (an est.yaml
that cannot be found or read) it speaks Swedish, or the `--language` given.

Problems found in the files (est_cli.load) are worded in English by the core, each text a
`Text` that knows its message id: `Say.text` says it in the output's language (values from
the files stay as written). `--format json` keeps the English, stable for scripts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Babel loads when something is said, not at `est --help` (issue 7)
    from est_cli.render.fmt import Formatter

DEFAULT_LANGUAGE = "sv"


class Say:
    """The catalogue and number format of the language of one command's output."""

    def __init__(self, language: str = DEFAULT_LANGUAGE):
        self.language = language
        self._fmt: Formatter | None = None

    @classmethod
    def requested(cls, language: str | None) -> Say:
        """The `--language` given, checked (a usage error when unknown), else the default."""
        from est_cli.render.fmt import choose_language

        return cls(choose_language(language, DEFAULT_LANGUAGE))

    def use(self, language: str) -> None:
        if language != self.language:
            self.language, self._fmt = language, None

    @property
    def fmt(self) -> Formatter:
        from est_cli.render.fmt import Formatter

        if self._fmt is None:
            self._fmt = Formatter(self.language)
        return self._fmt

    def _(self, message: str, **variables: object) -> str:
        return self.fmt.words.gettext(message, **variables)

    def ngettext(self, singular: str, plural: str, n: int, **variables: object) -> str:
        """A plural form; `%(num)s` is `n` in the language's number format."""
        variables.setdefault("num", self.number(n))
        return self.fmt.words.ngettext(singular, plural, n, **variables)

    def text(self, text: object) -> str:
        """A core `Text` in this language; any other text as it is (English, or a value)."""
        from est_cli.errors import Lines, Text

        if not isinstance(text, Text):
            return str(text)
        if isinstance(text, Lines):
            return "\n".join(self.text(line) for line in text.lines)
        message = self.fmt.words.translations.gettext(text.msgid)
        if not text.params:
            return message
        return message % {
            k: self.text(v) if isinstance(v, Text) else v for k, v in text.params.items()
        }

    def number(self, value: float | None, decimals: int = 0) -> str:
        return self.fmt.number(value, decimals)

    def severities(self) -> dict[str, str]:
        """'error' / 'warning' as a problem line shows them."""
        return {
            "error": self.pgettext("severity", "error"),
            "warning": self.pgettext("severity", "warning"),
        }

    def pgettext(self, context: str, message: str, **variables: object) -> str:
        return self.fmt.words.pgettext(context, message, **variables)

    def ignored(self, by_rule: dict[str, int], named: int = 8) -> str:
        """'412 rows ignored by est.yaml: Trafikolycka 74, Sammanfattning natt 12, …'."""
        parts = [f"{rule} {self.number(n)}" for rule, n in list(by_rule.items())[:named]]
        more = ", …" if len(by_rule) > named else ""
        return self._(
            "%(rows)s ignored by est.yaml: %(rules)s",
            rows=self.ngettext("%(num)s row", "%(num)s rows", sum(by_rule.values())),
            rules=", ".join(parts) + more,
        )
