"""The documents' wording: one gettext catalogue, extracted with Babel's tools, complete in Swedish.

The messages are extracted from the code and the templates exactly as README's refresh
command does (babel.cfg), so a text added, changed or removed without refreshing the
catalogue fails here, naming it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po
from conftest import REPO
from jinja2 import DictLoader, Environment, select_autoescape

from est_cli.render import i18n
from est_cli.render.fmt import Formatter
from est_cli.render.labels import owner_names, status_names, time_bands

POT = REPO / "est_cli" / "locale" / "est.pot"
REFRESH = "refresh the catalogue with the two pybabel commands in README (Development)"


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, locale=locale)


def _key(message: Message) -> tuple[object, str | None]:
    msgid = message.id
    return (tuple(msgid) if isinstance(msgid, list | tuple) else msgid, message.context)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """What `pybabel extract -F babel.cfg …` finds in the sources now."""
    out = tmp_path_factory.mktemp("pot") / "est.pot"
    args = ["pybabel", "-q", "extract", "-F", str(REPO / "babel.cfg"), "--add-location=file"]
    args += ["--sort-output", "--no-wrap", "--project=est", "-o", str(out), str(REPO)]
    CommandLineInterface().run(args)
    catalog = _read(out)
    files = {path for message in catalog for path, _line in message.locations}
    assert any(f.endswith(".py") for f in files), "babel.cfg finds no messages in the code"
    assert any(f.endswith(".j2") for f in files), "babel.cfg finds no messages in the templates"
    return catalog


@pytest.fixture(scope="module")
def swedish() -> Catalog:
    return _read(i18n.po_path("sv"), locale="sv")


def _ids(catalog: Catalog) -> set[tuple[object, str | None]]:
    return {_key(m) for m in catalog if m.id}


def test_every_message_in_code_and_templates_has_a_swedish_translation(
    extracted: Catalog, swedish: Catalog
) -> None:
    problems = []
    for message in extracted:
        if not message.id:
            continue
        entry = swedish.get(message.id, context=message.context)
        strings = entry.string if entry is not None else None
        forms = list(strings) if isinstance(strings, list | tuple) else [strings]
        if entry is None:
            problems.append(f"missing: {_key(message)}")
        elif entry.fuzzy:
            problems.append(f"fuzzy (review and remove the flag): {_key(message)}")
        elif not all(forms) or len(forms) != (2 if message.pluralizable else 1):
            problems.append(f"untranslated: {_key(message)}")
    assert not problems, f"{REFRESH}, then translate:\n" + "\n".join(problems)


def test_the_catalogue_holds_no_obsolete_or_unused_entries(
    extracted: Catalog, swedish: Catalog
) -> None:
    assert not swedish.obsolete, f"obsolete entries in est.po: {sorted(swedish.obsolete)}"
    unused = _ids(swedish) - _ids(extracted)
    assert not unused, f"est.po has messages no code uses ({REFRESH}): {sorted(map(str, unused))}"


def test_the_template_is_up_to_date(extracted: Catalog) -> None:
    committed = _read(POT)
    assert _ids(committed) == _ids(extracted), REFRESH


def test_translations_keep_placeholders_and_swedish_plural_rule(swedish: Catalog) -> None:
    errors = [(m.id, [str(e) for e in errs]) for m, errs in swedish.check()]
    assert errors == []
    assert swedish.plural_forms == "nplurals=2; plural=(n != 1);"
    for message in swedish:
        if message.id:
            assert "python-format" in message.flags or "%" not in str(message.id), message.id


def test_swedish_words_come_from_the_catalogue_and_english_from_the_msgids() -> None:
    sv, en = i18n.Words("sv"), i18n.Words("en")
    assert i18n.translations("sv") is i18n.translations("sv")  # read once per process
    assert sv.gettext("The week in figures") == "Veckan i siffror"
    assert en.gettext("The week in figures") == "The week in figures"
    one = "During the week, %(num)s incident was reported."
    many = "During the week, %(num)s incidents were reported."
    assert sv.ngettext(one, many, 1, num="1") == "Under veckan rapporterades 1 händelse."
    assert sv.ngettext(one, many, 1234, num="1\u00a0234") == (
        "Under veckan rapporterades 1\u00a0234 händelser."
    )
    assert en.ngettext(one, many, 0) == "During the week, 0 incidents were reported."
    week = "Week %(number)s, %(span)s"
    assert sv.gettext(week, number=9, span="1–7 mars") == "Vecka 9, 1–7 mars"
    assert en.gettext(week, number=9, span="1–7 March") == "Week 9, 1–7 March"
    assert sv.pgettext("tertial", "second") == "andra"
    assert status_names(sv)["inställd"] == "Inställd"
    assert status_names(en)["ej påbörjad"] == "Not started"
    assert owner_names(sv)["gemensamt"] == "Polisen och kommunen"
    assert time_bands(sv)[0] == "Natt 00–06" and time_bands(en)[3] == "Evening 18–24"


def test_lists_are_joined_by_the_locales_rules() -> None:
    sv, en = Formatter("sv"), Formatter("en")
    assert sv.join([]) == "" and sv.join(["Polisen"]) == "Polisen"
    assert sv.join(["Polisen", "kommunen"]) == "Polisen och kommunen"
    assert en.join(["A", "B", "C", "D"]) == "A, B, C and D"  # en_GB: no serial comma


def test_templates_escape_messages_and_their_variables_in_html_only() -> None:
    templates = {"x.html.j2": "{{ _(\"est's <b>%(v)s</b>\", v='<i>') }}"}
    templates["x.md.j2"] = templates["x.html.j2"]
    env = Environment(
        loader=DictLoader(templates),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
    )
    i18n.install(env, "en")
    assert env.get_template("x.html.j2").render() == "est&#39;s &lt;b&gt;&lt;i&gt;&lt;/b&gt;"
    assert env.get_template("x.md.j2").render() == "est's <b><i></b>"
