"""The default category taxonomy (DESIGN.md); a workspace may extend or replace it."""

from __future__ import annotations

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
        ("brand", "anlagd brand/brandstiftan", "brandstiftan"),
    ),
    (
        "samling",
        "Otrygghetsskapande samling",
        "ordning",
        ("ungdomssamling", "samling ungdomar", "otrygghetsskapande samling"),
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
        ("buskörning", "olovlig trafik", "epa", "a-traktor", "mopedåkning"),
    ),
    ("ordningsstorning", "Ordningsstörning", "ordning", ("störning", "bråk", "ordningsstörning")),
    (
        "otrygg_plats",
        "Otrygg plats (belysning, insyn)",
        "miljö",
        ("otrygg plats", "belysning", "trasig belysning"),
    ),
    ("olovligt_boende", "Olovligt boende", "ordning", ("olovligt boende", "boende i förråd")),
    ("arrangemang", "Arrangemang", "övrigt", ("evenemang", "event")),
    ("ryktesspridning", "Ryktesspridning", "övrigt", ("rykten", "rykte")),
)

DEFAULT_CATEGORY_IDS = tuple(c[0] for c in DEFAULT_CATEGORIES)
