"""est.yaml: the workspace settings."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Literal
from zoneinfo import available_timezones

from pydantic import AfterValidator, Discriminator, Field, Tag, field_validator

from est_cli.errors import N_
from est_cli.models.base import Day, Identifier, Strict, Text, _check_tertial
from est_cli.models.polisen import POLICE_CATEGORIES, RETIRED_POLICE_CATEGORIES

# re-exported, so that est.yaml's whole model is one import
from est_cli.models.sources import DEFAULT_FILES as DEFAULT_FILES
from est_cli.models.sources import IncidentField as IncidentField
from est_cli.models.sources import IncidentSource as IncidentSource
from est_cli.models.sources import Pattern
from est_cli.models.sources import Sources as Sources
from est_cli.models.sources import StatisticsField as StatisticsField
from est_cli.models.sources import StatisticsSource as StatisticsSource
from est_cli.models.sources import SurveySource as SurveySource
from est_cli.models.survey import Survey
from est_cli.models.taxonomy import DEFAULT_CATEGORIES


class Language(StrEnum):
    sv = "sv"
    en = "en"


class Area(Strict):
    id: Identifier = Field(description="short id used in files, e.g. 'ramdal'")
    name: Text = Field(description="display name, e.g. 'Ramdal'")
    aliases: list[Text] = Field(
        default_factory=list, description="other spellings that appear in exports"
    )
    parent: Identifier | None = Field(
        default=None, description="id of the larger area this one belongs to (kommundel → område)"
    )
    population: int | None = Field(
        default=None,
        ge=1,
        le=100_000_000,
        description="inhabitants of the area, for the yearly lägesbild's rate per 1 000 "
        "inhabitants; without it the area's rate is not shown",
    )


class Category(Strict):
    id: Identifier = Field(description="short id, e.g. 'skadegorelse'")
    name: str | None = Field(
        default=None, description="display name; may be left out for a default category"
    )
    aliases: list[Text] = Field(default_factory=list, description="other spellings in exports")
    group: str | None = Field(default=None, description="optional group, e.g. 'brott'")


class Logo(Strict):
    """A party's logo, shown in the head of the published documents."""

    file: Text = Field(
        description="an SVG or PNG file in the workspace, e.g. 'logos/polisen.svg'; embedded "
        "in the HTML document"
    )
    alt: Text = Field(description="the text a screen reader says instead, e.g. 'Polisen'")


class Contact(Strict):
    """A public official to contact about the published documents (work contacts only)."""

    name: Text = Field(description="e.g. 'Anna Andersson'")
    role: Text | None = Field(
        default=None, description="title and party, e.g. 'trygghetssamordnare, Oxelösunds kommun'"
    )
    phone: Text | None = Field(default=None, description="work phone, e.g. '0155-383 00'")
    email: Text | None = Field(default=None, description="work e-mail address")

    @field_validator("email")
    @classmethod
    def _an_address(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
            raise ValueError(f"'{value}' is not an e-mail address; expected e.g. namn@kommun.se")
        return value


def _contact_kind(value: object) -> str:
    """A mapping is a contact person; anything else a contact detail written as text."""
    return "contact[person]" if isinstance(value, dict | Contact) else "contact[text]"


# A contact is a person (name, role, phone, e-mail) or a public detail written as text
# ("kommunens växel 0155-380 00"); the bracketed tags keep pydantic's union tags out of the
# paths est reports problems at (est_cli.load.yamlvalidation.path_is_tag).
ContactEntry = Annotated[
    Annotated[Contact, Tag("contact[person]")] | Annotated[Text, Tag("contact[text]")],
    Discriminator(_contact_kind),
]


def _check_document(key: str) -> str:
    """A key of `publication.published`: a tertial follow-up by its tertial, a pledge by its
    file in pledges/."""
    if re.fullmatch(r"pledges/[^/\\]+\.ya?ml", key):
        return key
    if re.fullmatch(r"\d{4}-T\d", key):
        return _check_tertial(key)
    raise ValueError(
        f"'{key}' names no document; expected a tertial such as 2021-T1 (its follow-up) or a "
        "pledge file such as pledges/2021.yaml"
    )


DocumentKey = Annotated[str, AfterValidator(_check_document)]


class Publication(Strict):
    suppress_below: int = Field(
        default=3,
        ge=0,
        description=(
            "in published documents, counts from 1 up to this number minus one are shown as "
            "'färre än N'; 0 turns suppression off"
        ),
    )
    contacts: list[ContactEntry] = Field(
        default_factory=list,
        description=(
            "whom readers of the published documents contact: persons (name, role, phone, "
            "email), listed under 'Kontakt' at the end of the tertial follow-up, or public "
            "details written as text, e.g. 'kommunens växel 0155-380 00'; these phone numbers "
            "and e-mail addresses may appear in published text, any other in a pledge or an "
            "insats is reported as personal data"
        ),
    )
    logos: list[Logo] = Field(
        default_factory=list,
        description="the parties' logos, in the order shown in the head of published documents",
    )
    published: dict[DocumentKey, Day] = Field(
        default_factory=dict,
        description="the publication date of each document: a tertial follow-up by its "
        "tertial ('2021-T1': 2021-05-12), the pledge by its file ('pledges/2021.yaml': "
        "2021-02-01); shown at the end of the document",
    )

    def persons(self) -> list[Contact]:
        return [c for c in self.contacts if isinstance(c, Contact)]

    def details(self) -> list[str]:
        return [c for c in self.contacts if isinstance(c, str)]


class Weekly(Strict):
    """How the weekly summary flags hotspots."""

    hotspot_baseline_weeks: int = Field(
        default=8, ge=2, le=52, description="weeks before the report week used as baseline"
    )
    hotspot_min_count: int = Field(
        default=3, ge=1, description="a combination needs at least this many incidents"
    )
    hotspot_p_value: float = Field(
        default=0.01, gt=0, lt=1, description="Poisson upper-tail probability threshold"
    )


class Evaluation(Strict):
    """The windows an insats is evaluated over (`est insats evaluate`, the tertial document)."""

    before_days: int = Field(
        default=28, ge=7, le=366, description="days before the insats' first day compared"
    )
    after_days: int = Field(
        default=28, ge=7, le=366, description="days after the insats' last day compared"
    )
    earlier_years: int = Field(
        default=3,
        ge=0,
        le=10,
        description="earlier years whose same weeks (52 weeks back each) are shown, where the "
        "data has them, to see what the season does without the insats",
    )


class Geometry(Strict):
    """The areas as polygons: a GeoJSON file in the workspace, one feature per area."""

    file: Pattern = Field(description="the GeoJSON file, e.g. 'areas.geojson' (WGS84)")
    property: Text = Field(
        description="the feature property that names the area (its id, name or alias), e.g. 'namn'"
    )


SKIP = "skip"


class Polisen(Strict):
    """How `est import polisen` reads the police's open events (polisen.se, /api/events)."""

    municipalities: list[Text] = Field(
        default_factory=list,
        description="the municipalities whose events to keep, by their official names as the "
        "police write them, e.g. ['Trelleborg', 'Vellinge']; default: the one of "
        "`municipality_code`",
    )
    area: Text | None = Field(
        default=None,
        description="an area (id, name or alias) to put the events in when no area is found "
        "in their summary; default: none, they count for the whole municipality without an "
        "area (the events carry only the municipality's position)",
    )
    county_events: Literal["skip", "keep"] = Field(
        default="skip",
        description="events the police publish for the whole county ('…, Skåne län'): never "
        "counted as the municipality's; 'keep' writes them apart, to data/polisen/lan/",
    )
    types: dict[Text, Identifier] = Field(
        default_factory=dict,
        description="police event type → category id, over est's built-in table (e.g. "
        "{'Brand': anlagd_brand}); 'skip' leaves the type out",
    )
    skip: list[Text] = Field(
        default_factory=list,
        description="more police event types to leave out (counted after the import)",
    )


class Settings(Strict):
    """The workspace settings file, est.yaml."""

    municipality: Text = Field(description="e.g. 'Oxelösunds kommun'")
    municipality_code: str | None = Field(
        default=None,
        pattern=r"^[0-9]{4}$",
        description="SCB's four-digit municipality code, e.g. '0481' for Oxelösund (est init "
        "writes it): which municipality's events `est import polisen` keeps",
    )
    parties: list[Text] = Field(
        min_length=1, description="the parties behind the work, e.g. [Polisen, Oxelösunds kommun]"
    )
    language: Language = Field(default=Language.sv, description="document language: sv or en")
    timezone: str = Field(default="Europe/Stockholm", description="IANA time zone of the data")
    areas: list[Area] = Field(min_length=1, description="the geographic areas incidents refer to")
    default_categories: bool = Field(
        default=True,
        description="start from est's default category taxonomy (false: only 'categories')",
    )
    categories: list[Category] = Field(
        default_factory=list,
        description="extra categories, or changes to default ones (same id: aliases are added)",
    )
    sources: Sources = Field(default_factory=Sources)
    publication: Publication = Field(default_factory=Publication)
    weekly: Weekly = Field(default_factory=Weekly)
    survey: Survey | None = Field(
        default=None,
        description="the weekly partner survey (enkät): factors, answer scale, respondents; "
        "without it the weekly report has no survey section",
    )
    geometry: Geometry | None = Field(
        default=None, description="the areas' polygons, for maps and for placing points"
    )
    polisen: Polisen | None = Field(
        default=None,
        description="the police's open events imported by `est import polisen` (its "
        "defaults apply when data/polisen/ holds events)",
    )
    evaluation: Evaluation = Field(
        default_factory=Evaluation,
        description="windows of the insatser's before/after evaluation (defaults: 28 days "
        "before and after, 3 earlier years)",
    )

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        if value not in available_timezones():
            raise ValueError(
                N_(
                    "'%(value)s' is not a known time zone; expected e.g. Europe/Stockholm",
                    value=value,
                )
            )
        return value

    def resolved_categories(self) -> list[Category]:
        """Default taxonomy merged with the workspace's own categories, in a stable order."""
        merged: dict[str, Category] = {}
        if self.default_categories:
            for cid, name, group, aliases in DEFAULT_CATEGORIES:
                merged[cid] = Category(id=cid, name=name, group=group, aliases=list(aliases))
        if self.polisen is not None:  # the police's own categories, where est has none close
            for cid, name, group, aliases in POLICE_CATEGORIES:
                merged[cid] = Category(id=cid, name=name, group=group, aliases=list(aliases))
            for old, cid in RETIRED_POLICE_CATEGORIES.items():  # rows imported before
                if cid in merged:
                    merged[cid].aliases.append(old)
        for cat in self.categories:
            base = merged.get(cat.id)
            if base is None:
                merged[cat.id] = cat.model_copy(update={"name": cat.name or cat.id})
            else:
                merged[cat.id] = Category(
                    id=cat.id,
                    name=cat.name or base.name,
                    group=cat.group or base.group,
                    aliases=[*base.aliases, *(a for a in cat.aliases if a not in base.aliases)],
                )
        return list(merged.values())
