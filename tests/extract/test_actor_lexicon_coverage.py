"""Actor names the lexicon knows across the countries ACLED codes (issue 12): dual forms of civilian words, the
framings of one side that another side's framing word sits inside, and armed groups of Iraq, Syria and Sudan.
Sentences written for these tests."""

from __future__ import annotations

from rasid.pipeline import extract_text


def pairs(text: str) -> list[tuple[str | None, str | None]]:
    result = extract_text(text, published="2019-03-12", disable=["learned"])
    return [(e.actor1, e.actor2) for e in result.events]


def test_dual_civilian_words_are_the_civilians() -> None:
    # "مدنيان" (two civilians, nominative) is the civilians as "مدنيين" is; a shelling from no named side that
    # kills them is the unidentified armed group's
    assert pairs("قتل مدنيان وأصيب آخرون بقصف مدفعي على بلدة كفرنبل بريف إدلب.") == [
        ("Unidentified Armed Group (Syria)", "Civilians (Syria)")]
    assert pairs("أصيبت امرأتان بجروح جراء سقوط قذيفة هاون على حي الميدان في دمشق.") == [
        ("Unidentified Armed Group (Syria)", "Civilians (Syria)")]


def test_the_enemy_framing_of_russia_is_russia_not_israel() -> None:
    # "طائرات العدو" is Israel's aircraft in Lebanese and Palestinian news; "طائرات العدو الروسي" is Russia's
    assert pairs("شنت طائرات العدو الروسي غارات على مدينة خان شيخون بريف إدلب.") == [
        ("Military Forces of Russia (2000-)", None)]


def test_the_asayish_of_iraqi_kurdistan_are_the_kurdistan_region_police() -> None:
    assert pairs("اعتقلت قوات الأسايش ثلاثة شبان في مدينة السليمانية بإقليم كردستان العراق.") == [
        ("Police Forces of Iraq (2014-) Kurdistan Regional Government", "Civilians (Iraq)")]
    # in Syria they stay the Asayish
    assert pairs("اعتقلت قوات الأسايش ثلاثة شبان في مدينة القامشلي بريف الحسكة.")[0][0] == "Asayish"


def test_armed_groups_of_sinjar_darfur_and_idlib() -> None:
    assert pairs("قصفت طائرة مسيرة تركية مقرا لوحدات مقاومة سنجار في قضاء سنجار غربي نينوى.") == [
        ("Military Forces of Turkey (2016-)", "YBS: Sinjar Resistance Units")]
    assert pairs("اندلعت اشتباكات بين قوات الدعم السريع وحركة العدل والمساواة في مدينة الفاشر.") == [
        ("RSF: Rapid Support Forces", "JEM: Justice and Equality Movement")]
    assert pairs("هاجم مقاتلو الحزب الإسلامي التركستاني مواقع قوات النظام في ريف اللاذقية.") == [
        ("Turkistan Islamic Party", "Military Forces of Syria (2000-2024)")]
