"""The police's open events (polisen.se, /api/events): their types and est's categories.

The police publish every public event with a type ("Stöld", "Brand", "Sammanfattning natt").
`POLICE_TYPES` says what each type is for est: a default category where the meaning is the
same, the police's own category where est's taxonomy has no close match (the police's
"Brand" is any fire, not an arson), or nothing: a type that is no incident for a lägesbild
(`SKIPPED_TYPES`). A workspace extends or overrides the table under `polisen:` in est.yaml.
"""

from __future__ import annotations

import re
import unicodedata

POLISEN_DIR = "data/polisen"
POLISEN_FILES = f"{POLISEN_DIR}/*.csv"
POLISEN_ORG = "Polisen"
POLISEN_GROUP = "polisen"

# Police type → a default category of est (DESIGN.md), where the two mean the same.
TO_DEFAULT: dict[str, str] = {
    "Skadegörelse": "skadegorelse",
    "Misshandel": "hot_vald",
    "Misshandel, grov": "hot_vald",
    "Olaga hot": "hot_vald",
    "Våld/hot mot tjänsteman": "hot_vald",
    "Rån": "ran",
    "Rån väpnat": "ran",
    "Rån övrigt": "ran",
    "Rån, försök": "ran",
    "Inbrott": "inbrott",
    "Inbrott, försök": "inbrott",
    "Stöld": "stold",
    "Stöld, försök": "stold",
    "Stöld, ringa": "stold",
    "Motorfordon, stöld": "stold",
    "Narkotikabrott": "narkotika",
}

# Types kept as the police's own category (est has no close match): "Brand" is any fire.
OWN_TYPES: tuple[str, ...] = (
    "Alkohollagen",
    "Bedrägeri",
    "Bombhot",
    "Brand",
    "Bråk",
    "Detonation",
    "Ekobrott",
    "Farligt föremål, misstänkt",
    "Fylleri/LOB",
    "Förfalskningsbrott",
    "Häleri",
    "Knivlagen",
    "Larm inbrott",
    "Larm överfall",
    "Miljöbrott",
    "Missbruk av urkund",
    "Mord/dråp",
    "Mord/dråp, försök",
    "Ofog barn/ungdom",
    "Ofredande/förargelse",
    "Olaga frihetsberövande",
    "Olaga intrång/hemfridsbrott",
    "Olovlig körning",
    "Ordningslagen",
    "Rattfylleri",
    "Sabotage mot blåljusverksamhet",
    "Sedlighetsbrott",
    "Skottlossning",
    "Skottlossning, misstänkt",
    "Stöld/inbrott",
    "Trafikbrott",
    "Vapenlagen",
    "Våldtäkt",
    "Våldtäkt, försök",
    "Vållande till kroppsskada",
)

# Types that are no incident for a lägesbild: skipped by default, and counted.
SKIPPED_TYPES: tuple[str, ...] = (
    "Anträffad död",
    "Anträffat gods",
    "Arbetsplatsolycka",
    "Brand automatlarm",
    "Djur skadat/omhändertaget",
    "Efterlyst person",
    "Fjällräddning",
    "Försvunnen person",
    "Gränskontroll",
    "Information",
    "Kontroll person/fordon",
    "Motorfordon, anträffat stulet",
    "Naturkatastrof",
    "Olyckor",
    "Polisinsats/kommendering",
    "Räddningsinsats",
    "Sammanfattning dag",
    "Sammanfattning dygn",
    "Sammanfattning eftermiddag",
    "Sammanfattning förmiddag",
    "Sammanfattning helg",
    "Sammanfattning kväll",
    "Sammanfattning kväll och natt",
    "Sammanfattning natt",
    "Sammanfattning vecka",
    "Sjukdom/olycksfall",
    "Sjölagen",
    "Spridning smittsamma kemikalier",
    "Tillfälligt obemannat",
    "Trafikhinder",
    "Trafikkontroll",
    "Trafikolycka",
    "Trafikolycka, personskada",
    "Trafikolycka, singel",
    "Trafikolycka, smitning",
    "Trafikolycka, vilt",
    "Uppdatering",
    "Utlänningslagen",
    "Varningslarm/haveri",
    "Övrigt",
)

_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})


def own_category_id(police_type: str) -> str:
    """'Farligt föremål, misstänkt' → 'polisen_farligt_foremal_misstankt'."""
    folded = unicodedata.normalize("NFKC", police_type).casefold().translate(_FOLD)
    return "polisen_" + "_".join(re.findall(r"[a-z0-9]+", folded))


def own_category_name(police_type: str) -> str:
    """The display name: the police's word, marked so no export's 'Brand' can match it."""
    return f"{police_type} (polisen)"


# The categories the police table adds: (id, name, group, aliases), as DEFAULT_CATEGORIES.
POLICE_CATEGORIES: tuple[tuple[str, str, str, tuple[str, ...]], ...] = tuple(
    (own_category_id(t), own_category_name(t), POLISEN_GROUP, ()) for t in OWN_TYPES
)


def builtin_types() -> dict[str, str | None]:
    """Every known police type → its category id, or None when skipped."""
    table: dict[str, str | None] = dict.fromkeys(SKIPPED_TYPES)
    table.update(TO_DEFAULT)
    table.update({t: own_category_id(t) for t in OWN_TYPES})
    return table
