"""Aleppo's OCHA communities (admin4): found by name, coded at their sub-district's seat with precision 2,
common words and bigger places' names left alone. The sentences are written for these tests."""

from __future__ import annotations

import sys
from pathlib import Path

from rasid.geo.gazetteer import ADMIN_FILE, DATA_DIR, load, name_key, read_admin_units, read_stopnames
from rasid.geo.geoparser import Geoparser
from rasid.lexicon.tsv import read_tsv
from rasid.text.normalize import NormText

ROOT = Path(__file__).resolve().parents[2]


def _parse(text: str):  # type: ignore[no-untyped-def]
    return Geoparser(load()).parse(NormText.of(text))


def _units() -> dict[str, object]:
    return {p.id: p for p in read_admin_units(ADMIN_FILE)}


def test_communities_are_listed_under_their_sub_district_with_names_and_source() -> None:
    rows = list(read_tsv(DATA_DIR / "admin" / "sy_ocha_admin4.tsv", ("pcode", "parent", "names_ar", "source")))
    assert len(rows) == 1904 and len({r.get("pcode") for r in rows}) == 1904
    assert {r.get("parent")[:4] for r in rows} == {"SY02"}  # the dump covers Aleppo governorate only
    units = _units()
    coded = [p for p in units.values() if p.id.startswith("ocha:C")]  # type: ignore[attr-defined]
    assert len(coded) > 1500
    for p in coded:
        seat = next(u for u in units.values() if u.admin3 == p.admin3 and u.id.startswith("ocha:SY02"))  # type: ignore[attr-defined]
        assert (p.lat, p.lon) == (seat.lat, seat.lon) and p.coarse and p.admin1 == "Aleppo"  # type: ignore[attr-defined]


def test_a_trailing_district_name_is_a_disambiguator_and_underscores_separate_names() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_admin4

    quals = {name_key(q) for q in ("عفرين", "منبج", "سمعان", "الباب")}
    assert build_admin4.derive_names("العمرية عفرين", quals) == ["العمرية", "العمرية عفرين"]
    assert build_admin4.derive_names("تل السوس_أبو سوس", quals) == ["تل السوس", "أبو سوس"]
    assert build_admin4.derive_names("أم عدسة قرب منبج", quals) == ["أم عدسة", "أم عدسة قرب منبج"]
    assert build_admin4.derive_names("المنصورة (الباب)", quals) == ["المنصورة", "المنصورة الباب"]
    assert build_admin4.derive_names("دير سمعان", quals) == ["دير سمعان"]  # "دير" alone names nothing
    assert build_admin4.derive_names("زهرةالحياة", quals) == ["زهرة الحياة"]


def test_community_after_a_village_cue_is_coded_at_its_sub_district_seat_with_precision_2() -> None:
    found = [m for m in _parse("قصفت المدفعية التركية قرية حربل في ريف حلب الشمالي صباح اليوم.")
             if m.place_id == "ocha:C1631"]
    assert found, "Harbal after قرية"
    seat = _units()["ocha:SY020403"]  # Mare' sub-district
    m = found[0]
    assert m.geo_precision == 2 and m.admin1 == "Aleppo"
    assert (m.latitude, m.longitude) == (seat.lat, seat.lon)  # type: ignore[attr-defined]


def test_a_two_word_community_needs_no_cue_word_after_a_preposition_but_one_word_does() -> None:
    found = _parse("دارت اشتباكات عنيفة في كفر كلبين شمالي حلب بين الفصائل.")
    assert any(m.place_id == "ocha:C1568" and m.geo_precision == 2 for m in found), [m.name for m in found]
    # a one-word community name needs its cue word: "حربل" alone is not read
    bare = _parse("قال حربل إن الوضع هادئ في المدينة.")
    assert not any(m.place_id == "ocha:C1631" for m in bare)


def test_common_words_among_community_names_are_not_places() -> None:
    text = ("أكدت منظمات من قطر أن المناطق المنكوبة والمعزولة شمالي حلب بحاجة إلى مساعدات، وأن الأعمال "
            "استؤنفت في ساعات الظهيرة قرب الكلية بعد السلامة من القصف، وتحدث القاضي عن الحكمة.")
    hits = [m for m in _parse(text) if (m.place_id or "").startswith("ocha:C")]
    assert not hits, [(m.surface, m.place_id) for m in hits]
    never, weak, cue = read_stopnames()
    for word in ("المنكوبة", "المعزولة", "قطر", "الكلية", "الكروم", "ظهيرة"):
        assert name_key(word) in never
    assert name_key("السلامة") in weak  # the Azaz village keeps it, cue-only: "قرية السلامة"
    assert _units()["ocha:C1561"].match == "cue"  # type: ignore[attr-defined]


def test_a_bigger_place_of_the_same_name_wins() -> None:
    units = _units()
    names = {name_key(n) for p in units.values() if p.id.startswith("ocha:C") for n in p.names_ar}  # type: ignore[attr-defined]
    for word in ("الجديدة", "الزهراء", "المالكية", "العزيزية", "الباب", "منبج", "خان طومان"):
        assert name_key(word) not in names, word
    found = _parse("سقطت قذائف على مدينة المالكية في ريف الحسكة.")
    assert any(m.admin1 == "Hasakah" for m in found), [(m.name, m.admin1) for m in found]


def test_a_community_the_text_puts_in_another_governorate_is_an_unknown_village_there() -> None:
    found = _parse('قتل شخص بانفجار لغم قرب قرية "تل شعير" التابعة لبلدة القحطانية شرقي القامشلي.')
    village = [m for m in found if m.surface.startswith("تل شعير")]
    assert village and village[0].admin1 == "Hasakah" and village[0].place_id != "ocha:C1011"
