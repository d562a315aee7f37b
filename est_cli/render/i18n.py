"""The documents' wording: one gettext catalogue, English msgids, Swedish translations.

Every fixed text of a document (headings, labels, sentences, plurals) is a message in
`est_cli/locale/`: the English text is the msgid, `sv/LC_MESSAGES/est.po` holds the Swedish.
Only the .po is kept: it is compiled in memory with Babel the first time a process needs it.
English documents use the msgids as they are. User data (names, notes) is never translated.

Python code words text with `Words` (as `fmt.words`), templates with `jinja2.ext.i18n`
(`_()`, `ngettext`, `pgettext`, `npgettext`); both fill `%(name)s` placeholders from keyword
arguments, so a message reads the same wherever it is used. README (Development) says how
to refresh the catalogue after changing a text.
"""

from __future__ import annotations

from functools import cache
from io import BytesIO
from pathlib import Path
from typing import cast

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from jinja2 import Environment, pass_eval_context
from jinja2.nodes import EvalContext
from markupsafe import escape

DOMAIN = "est"
SOURCE_LANGUAGE = "en"  # the msgids


def locale_dir() -> Path:
    """The catalogues, shipped inside the package."""
    return Path(__file__).resolve().parents[1] / "locale"


def po_path(language: str) -> Path:
    return locale_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(language: str) -> NullTranslations:
    """The compiled catalogue of `language` (English: the msgids), read once per process."""
    if language == SOURCE_LANGUAGE:
        return NullTranslations()
    with po_path(language).open("rb") as po:
        catalog = read_po(po, locale=language, domain=DOMAIN)
    mo = BytesIO()
    write_mo(mo, catalog)  # fuzzy entries are left out: they fall back to English
    mo.seek(0)
    return Translations(mo, domain=DOMAIN)


class Words:
    """The catalogue of one language, called as Jinja's newstyle gettext is called.

    Keyword arguments fill the message's `%(name)s` placeholders; in ngettext `%(num)s` is
    the count unless given (give it formatted: `num=fmt.number(n)`).
    """

    def __init__(self, language: str):
        self.language = language
        self.translations = translations(language)

    def gettext(self, message: str, **variables: object) -> str:
        return self.translations.gettext(message) % variables

    def ngettext(self, singular: str, plural: str, n: int, **variables: object) -> str:
        variables.setdefault("num", n)
        return self.translations.ngettext(singular, plural, n) % variables

    def pgettext(self, context: str, message: str, **variables: object) -> str:
        return cast(str, self.translations.pgettext(context, message)) % variables

    def npgettext(
        self, context: str, singular: str, plural: str, n: int, **variables: object
    ) -> str:
        variables.setdefault("num", n)
        return self.translations.npgettext(context, singular, plural, n) % variables


def _text(eval_ctx: EvalContext, text: str) -> str:
    return escape(text) if eval_ctx.autoescape else text


class _PlainText:
    """The catalogue as templates see it: its messages are plain text, not markup.

    In an HTML template a message is escaped like every other text (a translation can add no
    HTML), its variables too; a Markdown template takes both as they are.
    """

    def __init__(self, translations: NullTranslations):
        self._t = translations

    @pass_eval_context
    def gettext(self, eval_ctx: EvalContext, message: str) -> str:
        return _text(eval_ctx, self._t.gettext(message))

    @pass_eval_context
    def ngettext(self, eval_ctx: EvalContext, singular: str, plural: str, n: int) -> str:
        return _text(eval_ctx, self._t.ngettext(singular, plural, n))

    @pass_eval_context
    def pgettext(self, eval_ctx: EvalContext, context: str, message: str) -> str:
        return _text(eval_ctx, cast(str, self._t.pgettext(context, message)))  # Babel: str | object

    @pass_eval_context
    def npgettext(
        self, eval_ctx: EvalContext, context: str, singular: str, plural: str, n: int
    ) -> str:
        return _text(eval_ctx, self._t.npgettext(context, singular, plural, n))


def install(env: Environment, language: str) -> None:
    """`_()`, `gettext`, `ngettext`, `pgettext` and `npgettext` in `env`'s templates."""
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_translations(  # type: ignore[attr-defined]  # added by the extension
        _PlainText(translations(language)), newstyle=True
    )
