"""The default category taxonomy (DESIGN.md); a workspace may extend or replace it.

An alias may only say the same thing as its category: 'brandstiftan' is arson, 'brand' (any
fire: a car fire, a kitchen fire) is not. Words an export uses for more than one thing are
listed in AMBIGUOUS_CATEGORIES instead: est asks the workspace to decide, never guesses.
"""

from __future__ import annotations

from est_cli.errors import N_

DEFAULT_CATEGORIES: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    # id, Swedish label, group, common aliases seen in exports
    (
        "skadegorelse",
        "Skadegörelse",
        "skadegörelse",
        ("vandalisering", "skadegörelse/vandalisering"),
    ),
    ("klotter", "Klotter", "skadegörelse", ("graffiti", "klottring")),
    ("nedskrapning", "Nedskräpning", "miljö", ("skräp", "nedskräpat")),
    (
        "anlagd_brand",
        "Anlagd brand",
        "skadegörelse",
        ("anlagd brand/brandstiftan", "brandstiftan", "brandstiftelse"),
    ),
    (
        "samling",
        "Otrygghetsskapande samling",
        "ordning",
        ("otrygghetsskapande samling",),
    ),
    (
        "narkotika",
        "Misstänkt droghantering",
        "brott",
        ("droger", "narkotika", "droghantering", "misstänkt narkotikahantering"),
    ),
    ("hot_vald", "Hot och våld", "brott", ("hot", "våld", "hot/våld", "misshandel")),
    ("ran", "Rån", "brott", ("rån", "personrån")),
    (
        "inbrott",
        "Inbrott",
        "brott",
        # an attempt counts as the offence, as in the crime statistics
        ("inbrottsförsök", "bostadsinbrott", "villainbrott", "förrådsinbrott"),
    ),
    (
        "stold",
        "Stöld",
        "brott",
        ("stöld", "snatteri", "cykelstöld", "drivmedelsstöld", "katalysatorstöld"),
    ),
    (
        "incident_personal",
        "Incident mot personal",
        "ordning",
        ("hot mot personal", "incident personal"),
    ),
    (
        "trafik",
        "Olovlig trafik/buskörning",
        "trafik",
        ("buskörning", "olovlig trafik"),
    ),
    ("ordningsstorning", "Ordningsstörning", "ordning", ("ordningsstörning",)),
    (
        "otrygg_plats",
        "Otrygg plats (belysning, insyn)",
        "miljö",
        ("otrygg plats", "trasig belysning"),
    ),
    ("olovligt_boende", "Olovligt boende", "ordning", ("olovligt boende", "boende i förråd")),
    ("arrangemang", "Arrangemang", "övrigt", ("evenemang", "event")),
    ("ryktesspridning", "Ryktesspridning", "övrigt", ("rykten", "rykte")),
)

DEFAULT_CATEGORY_IDS = tuple(c[0] for c in DEFAULT_CATEGORIES)

# Words that exports use for more than one thing: spelling (as normalised) → the category it
# could be taken for, and what else it may mean. `est check` reports a row with such a value
# until est.yaml decides (an alias of that category, or an ignore entry); ids count too, so
# a bare 'Trafik' is not silently taken for olovlig trafik.
AMBIGUOUS_CATEGORIES: dict[str, tuple[str, str]] = {
    "brand": (
        "anlagd_brand",
        N_("any fire, also one not set on purpose (a car fire, a kitchen fire)"),
    ),
    "eldsvåda": ("anlagd_brand", N_("any fire, also one not set on purpose")),
    "bilbrand": ("anlagd_brand", N_("a car fire of any cause")),
    "samling": ("samling", N_("any gathering of people, also a peaceful one")),
    "ungdomssamling": ("samling", N_("young people gathering, which need not create insecurity")),
    "samling ungdomar": ("samling", N_("young people gathering, which need not create insecurity")),
    "ungdomar": ("samling", N_("any report about young people")),
    "trafik": ("trafik", N_("any traffic matter, e.g. a traffic accident or parking")),
    "epa": ("trafik", N_("any report about an EPA tractor, also lawful driving or an accident")),
    "a-traktor": (
        "trafik",
        N_("any report about an A tractor, also lawful driving or an accident"),
    ),
    "moped": (
        "trafik",
        N_("any report about a moped, also lawful driving, a theft or an accident"),
    ),
    "mopedåkning": ("trafik", N_("moped riding, which need not be unlawful")),
    "störning": (
        "ordningsstorning",
        N_("a disturbance in housing (neighbour noise), not in public"),
    ),
    "bråk": ("ordningsstorning", N_("a fight, which is Hot och våld")),
    "belysning": ("otrygg_plats", N_("any lighting matter, e.g. new lighting put up")),
    "drog": ("narkotika", N_("drug use or a drug-affected person, not handling")),
}
