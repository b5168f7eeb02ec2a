"""Countries of state actors: 'Russia', 'Russian officials', 'the Kremlin' -> 'RUS', by the
country-converter package's name patterns (with the seats of government it does not know)."""

from __future__ import annotations

import logging
import re
from functools import cache
from typing import Any

# Where a government sits stands for the state in news ('Moscow said', 'the White House warned'):
# country-converter matches country names and adjectives, not capitals or palaces.
_SEATS = {
    "kremlin": "Russia",
    "moscow": "Russia",
    "white house": "United States",
    "washington": "United States",
    "pentagon": "United States",
    "beijing": "China",
    "kyiv": "Ukraine",
    "kiev": "Ukraine",
    "downing street": "United Kingdom",
    "whitehall": "United Kingdom",
    "london": "United Kingdom",
    "elysee": "France",
    "paris": "France",
    "berlin": "Germany",
    "tehran": "Iran",
    "pyongyang": "North Korea",
    "seoul": "South Korea",
    "tokyo": "Japan",
    "ankara": "Turkey",
    "damascus": "Syria",
    "baghdad": "Iraq",
    "kabul": "Afghanistan",
    "islamabad": "Pakistan",
    "new delhi": "India",
    "riyadh": "Saudi Arabia",
    "cairo": "Egypt",
    "brussels": "Belgium",
    "caracas": "Venezuela",
    "havana": "Cuba",
    "jerusalem": "Israel",
    "tel aviv": "Israel",
    "ottawa": "Canada",
    "canberra": "Australia",
}
# Heads of phrases that name a state or one of its organs ('Russian officials', 'the Iraqi army');
# 'an Israeli surveillance company' is from a country but is not the state.
STATE_NOUNS = {
    "government",
    "administration",
    "ministry",
    "minister",
    "ministers",
    "official",
    "officials",
    "president",
    "prime",
    "premier",
    "army",
    "military",
    "forces",
    "force",
    "troops",
    "police",
    "navy",
    "parliament",
    "senate",
    "congress",
    "court",
    "embassy",
    "ambassador",
    "envoy",
    "diplomat",
    "diplomats",
    "authorities",
    "authority",
    "state",
    "department",
    "cabinet",
    "leader",
    "leaders",
    "chancellor",
    "king",
    "foreign",
    "spokesman",
    "spokeswoman",
    "secretary",
    "regime",
    "junta",
    "security",
    "intelligence",
    "agency",
    "delegation",
    "legislature",
    "lawmakers",
    "judge",
}


@cache
def _converter() -> Any:
    """country-converter's converter, loaded once (its table read with 'NA', Namibia, kept as text:
    newer pandas would read it as missing)."""
    import country_converter as coco
    import pandas as pd
    from country_converter.country_converter import COUNTRY_DATA_FILE

    logging.getLogger("country_converter").setLevel(logging.ERROR)
    table = pd.read_csv(COUNTRY_DATA_FILE, sep="\t", encoding="utf-8", keep_default_na=False, na_values=[""])
    return coco.CountryConverter(country_data=table.astype({"ISO2": str, "ISO3": str}))


def _iso3(name: str) -> str | None:
    found = _converter().convert(name, to="ISO3", not_found=None)
    return found if isinstance(found, str) and re.fullmatch(r"[A-Z]{3}", found) else None


def country_of(name: str, kind: str) -> str | None:
    """The ISO 3166 alpha-3 code of the state ``name`` is (kind 'country') or an organ of, if any."""
    low = re.sub(r"^the\s+", "", name.strip().lower())
    if low in _SEATS:
        return _iso3(_SEATS[low])
    words = re.findall(r"[a-z]+", low)
    if kind != "country" and not (set(words) & STATE_NOUNS):
        return None
    # A person's name with a state title ('Russian Foreign Minister Sergei Lavrov') counts: the
    # title says whose organ they are.
    if kind == "person" and not (set(words) & STATE_NOUNS):
        return None
    return _iso3(name)
