"""The curated supplement, districts and stop names: every entry checked as data."""

from __future__ import annotations

import contextlib
import io
from collections import Counter

import pytest

from rasid.geo.admin import COUNTRIES, FOCUS, canonical_admin1, haversine_km, in_bbox, is_known_admin1
from rasid.geo.gazetteer import (
    DATA_DIR,
    FEATURES,
    read_districts,
    read_places,
    read_stopnames,
    supplement_files,
)
from rasid.lexicon.tsv import LexiconError, has_arabic

SUPPLEMENT = [p for path in supplement_files() for p in read_places(path, "supplement")]

#: Places whose governorate differs from reverse_geocoder's nearest-city answer for a known reason:
#: reverse_geocoder returns the governorate of the nearest GeoNames city, which near a governorate
#: border (or a desert with few towns) is often the neighbour's. Each was checked by hand.
ADMIN1_BORDER_OK = {
    "sy-suwar": "Khabur valley, Deir ez-Zor side; nearest town Markada is Hasakah",
    "sy-tal-shaer": "north of Al-Suwar, Deir ez-Zor side of the Khabur",
    "sy-kabajeb": "Deir ez-Zor-Palmyra road; nearest town Al-Sukhnah is Homs",
    "sy-shaer-field": "Homs desert; nearest town Uqayribat is Hama",
    "sy-tanf": "Homs desert at the Iraq/Jordan triangle", "sy-tanf-crossing": "as Al-Tanf",
    "sy-rukban": "as Al-Tanf",
    "sy-dam-jobar": "Damascus city district at the Ghouta edge", "sy-dam-qaboun": "Damascus city district",
    "sy-dam-tadamon": "Damascus city district", "sy-dam-qadam": "Damascus city district",
    "sy-mezzeh-airbase": "in Mezzeh, Damascus city",
    "iq-nukhayb": "Anbar desert town; nearest town Ayn Tamr is Karbala",
    "iq-rahaliya": "Anbar, west of Razzaza lake; nearest town is Karbala's",
    "iq-mosul-dam": "Ninewa side of the Duhok border", "iq-qayyarah": "Ninewa; nearest town Shirqat is Salah al-Din",
    "iq-qwest": "as Qayyarah", "iq-alqosh": "Ninewa (Tel Kaif district) next to Duhok",
    "iq-khazir": "Ninewa/Erbil line", "iq-gwer": "Makhmur district, administered from Erbil",
    "iq-zab": "Kirkuk (Hawija district) next to Makhmur", "iq-udhaim-dam": "Diyala/Salah al-Din line",
    "iq-gov-halabja": "Halabja became a governorate after reverse_geocoder's data",
    "iq-bani-saad": "Diyala next to Baghdad's border",
    "sy-gov-rural-damascus": "the countryside governorate is coded at Damascus, its administrative centre",
}
#: At most this share of (non-listed) disagreements is tolerated.
TOLERANCE = 0.0


def test_supplement_is_big_and_ids_unique():
    assert len(SUPPLEMENT) >= 400
    dup = [k for k, v in Counter(p.id for p in SUPPLEMENT).items() if v > 1]
    assert not dup


@pytest.mark.parametrize("place", SUPPLEMENT, ids=lambda p: p.id)
def test_entry_is_consistent(place):
    assert place.feature in FEATURES
    assert place.country in COUNTRIES
    assert in_bbox(place.country, place.lat, place.lon), (place.lat, place.lon)
    assert place.names_ar and all(has_arabic(n) for n in place.names_ar)
    assert place.name and not has_arabic(place.name), "English name expected"
    if place.country in FOCUS:
        assert place.admin1 and is_known_admin1(place.country, place.admin1), place.admin1


def test_neighbourhood_parents_exist_and_are_near():
    by_id = {p.id: p for p in SUPPLEMENT}
    for p in SUPPLEMENT:
        if p.parent:
            city = by_id.get(p.parent)
            assert city is not None, p.id
            assert city.feature == "populated"
            assert city.admin1 == p.admin1
            assert haversine_km(p.lat, p.lon, city.lat, city.lon) < 15, p.id


def test_admin1_agrees_with_reverse_geocoder():
    import reverse_geocoder

    checked = [p for p in SUPPLEMENT
               if p.country in FOCUS and p.feature not in ("country", "region", "river", "desert")]
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        answers = reverse_geocoder.search([(p.lat, p.lon) for p in checked], mode=1)
    bad = []
    for p, a in zip(checked, answers, strict=True):
        if a["cc"] != p.country:
            continue  # border places: the nearest GeoNames city is across the border (bbox is checked)
        if canonical_admin1(a["admin1"]) != p.admin1 and p.id not in ADMIN1_BORDER_OK:
            bad.append((p.id, p.admin1, a["admin1"], a["name"]))
    assert len(bad) <= TOLERANCE * len(checked), bad


def test_border_allowlist_is_not_stale():
    ids = {p.id for p in SUPPLEMENT}
    assert set(ADMIN1_BORDER_OK) <= ids


def test_districts_file():
    districts = read_districts()
    assert len(districts) > 100
    for d in districts:
        assert is_known_admin1(d.country, d.admin1), d
        assert in_bbox(d.country, d.lat, d.lon), d
    # every governorate of Syria and Iraq has at least one district seat
    have = {(d.country, d.admin1) for d in districts}
    from rasid.geo.admin import GEONAMES_ADMIN1

    for cc in ("SY", "IQ"):
        for name in GEONAMES_ADMIN1[cc].values():
            assert (cc, name) in have, name


def test_stopnames_cover_common_words():
    never, weak, cue = read_stopnames()
    for word in ("الحرب", "الجيش", "السلام", "المدينه", "المنطقه", "محمد"):
        assert word in never
    assert "الباب" in weak and "الحراك" in cue


def test_bad_supplement_line_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text(
        "id\tname\tnames_ar\tfeature\tlat\tlon\tcountry\tadmin1\n"
        "x-1\tGood\tقرية\tpopulated\t35.0\t40.0\tSY\tDeir ez-Zor\n"
        "x-2\tBad\tقرية\tpopulated\tnorth\t40.0\tSY\tDeir ez-Zor\n",
        encoding="utf-8",
    )
    with pytest.raises(LexiconError, match=r"bad\.tsv:3: .*lat"):
        list(read_places(bad, "t"))
    bad.write_text("id\tname\tnames_ar\tfeature\tlat\tlon\tcountry\tadmin1\n"
                   "x-3\tLatin\tHajin\tpopulated\t35.0\t40.0\tSY\tDeir ez-Zor\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r":2: names_ar must be Arabic"):
        list(read_places(bad, "t"))


def test_data_dir_has_the_three_files():
    for name in ("supplement.tsv", "districts.tsv", "stopnames.tsv"):
        assert (DATA_DIR / name).is_file()
