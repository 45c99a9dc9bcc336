"""Extraction on Arabic sentences written for these tests: types, actors, modality, fatalities, evidence."""

import json
import subprocess
import sys
from pathlib import Path

from rasid.pipeline import extract_text

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
EVENT_FIELDS = ["event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2",
                "assoc_actor_2", "inter1", "inter2", "interaction", "location", "admin1", "admin2", "country", "iso",
                "latitude", "longitude", "geo_precision", "fatalities", "notes", "modality", "confidence", "evidence"]


def reportable(text: str, **kw):
    """The rules' reportable events (the learned layer after them is tested in tests/learn)."""
    return [e for e in extract_text(text, disable=["learned"], **kw).events if e.modality in ("asserted", "claimed")]


def test_territory_capture_with_actors_fatalities_and_date():
    text = "سيطرت قوات سوريا الديمقراطية، اليوم الجمعة، على بلدة هجين بعد اشتباكات مع تنظيم داعش أسفرت عن مقتل 9 عناصر."
    [event] = reportable(text, published="2018-12-14")
    assert event.event_type == "Battles"
    assert event.sub_event_type == "Non-state actor overtakes territory"
    assert event.actor1 == "SDF: Syrian Democratic Forces"
    assert event.actor2 == "IS: Islamic State"
    assert event.interaction == 22
    assert event.fatalities == 9
    assert event.event_date == "2018-12-14" and event.time_precision == 1


def test_government_regains_territory():
    [event] = reportable("استعادت قوات النظام السوري السيطرة على بلدة كفرنبودة بعد معارك عنيفة مع فصائل المعارضة أمس.")
    assert event.sub_event_type == "Government regains territory"
    assert event.actor1 == "Military Forces of Syria (2000-2024)"
    assert event.actor2 == "Opposition Rebels (Syria)"


def test_air_strike_with_civilian_victims():
    [event] = reportable("قتل أربعة مدنيين أمس جراء غارات شنها الطيران الروسي على قرية في ريف إدلب.")
    assert (event.event_type, event.sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")
    assert event.actor1 == "Military Forces of Russia (2000-)"
    assert event.actor2.startswith("Civilians")
    assert event.fatalities == 4


def test_wounded_are_not_fatalities():
    [event] = reportable("أصيب سبعة أشخاص بجروح أمس بانفجار عبوة ناسفة في سوق شعبي.")
    assert event.sub_event_type == "Remote explosive/landmine/IED"
    assert event.fatalities == 0


def test_denied_and_planned_events_are_flagged_not_reported():
    denied = extract_text("نفت قيادة قسد أمس ما تداولته مواقع عن انسحاب قواتها من بلدة الشحيل.").events
    assert all(e.modality == "denied" for e in denied)
    planned = extract_text("دعا ناشطون إلى التظاهر يوم الجمعة المقبل في ساحة المدينة احتجاجا على الغلاء.").events
    assert all(e.modality == "planned" for e in planned)


def test_a_plot_is_not_an_attack_but_a_failed_assassination_is():
    plot = reportable("اعتقلت الشرطة أمس خمسة أشخاص بتهمة محاولة شن هجوم انتحاري على مبنى المحافظة في كركوك.")
    assert [e.sub_event_type for e in plot] == ["Arrests"]
    events = reportable("نجا مدير الشرطة أمس من محاولة اغتيال إثر انفجار عبوة ناسفة بموكبه في الموصل.")
    assert [e.event_type for e in events] == ["Explosions/Remote violence"]


def test_history_is_background():
    events = extract_text("وكان تنظيم داعش قد سيطر على مدينة الموصل في عام 2014 بعد معارك مع الجيش العراقي.",
                          published="2019-05-01").events
    assert events and all(e.modality == "background" for e in events)
    earlier = extract_text("وقبل أسبوع سيطر مقاتلو العشائر على حي الجولان في الفلوجة بعد اشتباكات مع داعش.",
                           published="2016-02-25").events
    assert earlier and all(e.modality == "background" for e in earlier)


def test_talk_about_violence_is_not_an_event():
    assert not reportable("ناقشت المحكمة أمس قضية المتهمين بالتخطيط لاغتيال مسؤول سابق.")
    assert not reportable("تمتلك الدولة برنامجا لتطوير الصواريخ الباليستية.")


def test_commentary_and_weapons_named_without_use_are_not_events():
    assert not reportable("لو أنك سمعت دوي الانفجارات في تلك الليلة لعرفت معنى الخوف.")
    assert not reportable("هل تنفجر الأوضاع في المدينة بعد قرار الحكومة؟")
    assert not reportable("وأثارت تجربة صواريخ جديدة أجراها الجيش أمس قلق الدول المجاورة.")


def test_the_verb_not_the_weapon_carries_an_explosion():
    events = reportable("وقال مصدر في الشرطة إن سيارة مفخخة انفجرت صباح اليوم قرب مبنى المحافظة في مدينة كركوك.")
    assert [e.sub_event_type for e in events] == ["Remote explosive/landmine/IED"]
    assert any(ev.text == "انفجرت" for ev in events[0].evidence)


def test_weapons_fired_and_bombers_detonating_are_events():
    for text in ("وأطلقت الفصائل المسلحة فجر اليوم عشرات الصواريخ على أحياء مدينة حلب.",
                 "فجر انتحاري سيارة مفخخة أمام مطعم يرتاده عناصر الشرطة شمال الرمادي."):
        assert [e.event_type for e in reportable(text)] == ["Explosions/Remote violence"], text
    strike = reportable("وقتل القيادي في ضربة جوية استهدفت سيارته على طريق في ريف إدلب، بحسب مصادر محلية.")
    assert [e.sub_event_type for e in strike] == ["Air/drone strike"]


def test_sit_ins_and_gatherings_are_protests():
    for text in ("ويعتصم مئات العمال أمام مبنى المحافظة في مدينة البصرة للمطالبة بصرف رواتبهم.",
                 "وتجمع آلاف المتظاهرين في ساحة التحرير وسط بغداد احتجاجا على انقطاع الكهرباء."):
        assert [e.event_type for e in reportable(text)] == ["Protests"], text


def test_the_group_believed_behind_unidentified_gunmen_or_old_mines_is_the_perpetrator():
    for text in ("قتل نازح، الخميس، على يد مجهولين يعتقد أنهم من خلايا تنظيم داعش في مخيم الهول شرق الحسكة.",
                 "قتل أمس شخص بانفجار لغم أرضي من مخلفات تنظيم داعش على أطراف بلدة الجلاء."):
        events = reportable(text)
        assert events and events[0].actor1 == "IS: Islamic State", text
        assert events[0].actor2 == "Civilians (Syria)", text


def test_the_agent_of_a_passive_by_phrase_and_a_quoted_group_name():
    events = reportable("تعرضت بلدة كفرنبل جنوب إدلب أمس لقصف جوي من قبل الطيران الحربي، ما خلف إصابات بصفوف المدنيين.")
    assert events and events[0].actor1 == "Military Forces of Syria (2000-2024)"
    assert events[0].actor2 == "Civilians (Syria)"
    events = reportable("سيطرت قوات سوريا الديمقراطية اليوم على بلدة هجين بريف دير الزور بعد معارك مع تنظيم «الدولة».")
    assert events and (events[0].actor1, events[0].actor2) == ("SDF: Syrian Democratic Forces", "IS: Islamic State")


def test_the_arrested_group_is_never_the_one_arresting():
    events = reportable("أعلن مصدر أمني عراقي أمس إلقاء القبض على 20 من عناصر تنظيم داعش في أحد أحياء الموصل.")
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [
        ("Arrests", "Military Forces of Iraq (2014-)", "IS: Islamic State")]


def test_the_forces_are_the_group_just_named():
    text = ("داهمت قوات الأسايش صباح اليوم حي الدرعية في مدينة الرقة واعتقلت خمسة شبان. "
            "وقال ناشطون إن القوات نقلت المعتقلين إلى جهة مجهولة.")
    events = reportable(text, published="2023-05-02")
    assert [(e.sub_event_type, e.actor1) for e in events] == [("Arrests", "Asayish")]  # named as itself (gold)
    # the group named last is the target, not the forces; the follow-up is the same arrest
    text = ("داهمت قوات الأسايش صباح اليوم حي الدرعية في مدينة الرقة واعتقلت خمسة شبان قالت إنهم من خلايا تنظيم داعش. "
            "وقال ناشطون إن القوات نقلت المعتقلين إلى جهة مجهولة.")
    events = reportable(text, published="2023-05-02")
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [
        ("Arrests", "Asayish", "IS: Islamic State")]


def test_anaphora_resolves_to_the_group_in_focus():
    text = "هاجمت هيئة تحرير الشام مواقع قوات النظام في ريف حماة أمس. واشتبك عناصر الهيئة مع الجيش لساعات."
    events = reportable(text)
    assert events and all("HTS: Hayat Tahrir al-Sham" in (e.actor1, e.actor2) for e in events)


def test_every_evidence_span_points_into_the_original_text():
    text = (EXAMPLES / "deir_ez_zor_battle.txt").read_text(encoding="utf-8")
    result = extract_text(text, published="2019-03-22")
    assert result.events
    for event in result.events:
        assert event.evidence
        for ev in event.evidence:
            assert text[ev.start:ev.end] == ev.text
    for entity in result.entities:
        assert text[entity.start:entity.end] == entity.text


def test_cli_jsonl_contract_on_the_bundled_examples():
    proc = subprocess.run([sys.executable, "-m", "rasid", "extract", str(EXAMPLES)], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(records) == 6
    for record in records:
        assert set(record) >= {"doc_id", "title", "outlet", "published", "language", "events", "entities", "claims",
                               "errors"}
        for event in record["events"]:
            assert list(event)[: len(EVENT_FIELDS)] == EVENT_FIELDS or set(EVENT_FIELDS) <= set(event)
    assert sum(len(r["events"]) for r in records) >= 6


def test_coordinated_villages_are_separate_events_and_containers_are_not():
    text = "سيطرت قوات سوريا الديمقراطية أمس على بلدات السوسة والشعفة، وقرية الباغوز بريف دير الزور الشرقي."
    events = reportable(text)
    assert [e.location for e in events] == ["Al-Susah", "Al-Shafah", "Al-Baghuz Fawqani"]
    assert all(e.admin1 == "Deir ez-Zor" and e.geo_precision == 1 for e in events)


def test_a_vague_restatement_merges_into_the_precise_event():
    text = ("اشتباكات في ريف دير الزور\n"
            "اندلعت اشتباكات أمس بين قسد وتنظيم داعش في بلدة الشعفة بريف دير الزور الشرقي.\n"
            "وتواصلت الاشتباكات بين الطرفين في ريف دير الزور حتى ساعات المساء.")
    events = reportable(text)
    assert len(events) == 1 and events[0].location == "Al-Shafah"
    assert len(events[0].evidence) > 3
    text = ("مقتل جنديين بانفجار عبوة ناسفة جنوب الموصل\n"
            "قتل جنديان من الجيش العراقي أمس بانفجار عبوة ناسفة استهدفت دوريتهما قرب ناحية القيارة جنوب الموصل.")
    events = reportable(text)
    assert [(e.location, e.fatalities) for e in events] == [("Qayyarah", 2)]


def test_places_joined_by_and_are_separate_events_of_one_strike():
    events = reportable("قصفت القوات التركية صباح اليوم بالمدفعية محيط بلدة تل تمر، ومحيط قرية أبو رأسين بريف الحسكة.")
    assert sorted(e.location for e in events) == ["Abu Rasin", "Tal Tamr"]


def test_places_listed_after_an_event_become_events_of_the_same_kind():
    text = ("قصفت القوات التركية أمس قرية تل الورد بريف تل تمر. "
            "وامتد القصف ليشمل قرى أم الكيف والدردارة والطويلة.")
    events = reportable(text)
    assert {e.sub_event_type for e in events} == {"Shelling/artillery/missile attack"}
    assert {"Tal al-Ward", "Umm al-Kayf"} <= {e.location for e in events}
    assert all(e.actor1 == "Military Forces of Turkey (2016-)" for e in events)


def test_a_call_to_protest_stays_planned_beside_the_protest_held():
    text = (EXAMPLES / "suwayda_protest.txt").read_text(encoding="utf-8")
    events = extract_text(text).events
    assert sorted(e.modality for e in events) == ["asserted", "planned"]
    assert {e.sub_event_type for e in events} == {"Peaceful protest"}
    assert all(e.actor1 == "Protesters (Syria)" and e.location == "As-Suwayda" for e in events)


def test_who_holds_a_place_is_not_a_takeover():
    text = "قصفت قوات النظام أمس بلدة كفرنبل الخاضعة لسيطرة فصائل المعارضة في ريف إدلب."
    [event] = reportable(text)
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    assert event.actor1 == "Military Forces of Syria (2000-2024)"


def test_purpose_and_rescue_are_not_takeovers():
    planned = extract_text("بدأ الجيش العراقي أمس عملية عسكرية لاستعادة السيطرة على قضاء القائم.").events
    assert all(e.modality == "planned" or e.sub_event_type != "Government regains territory" for e in planned)
    rescue = reportable("حررت القوات الأمنية العراقية أمس عشرة مختطفين في قضاء الخالص بعد اشتباك مع خاطفيهم.")
    assert all("territory" not in e.sub_event_type for e in rescue)


def test_people_named_with_a_rank_a_spokesman_title_or_an_apposition():
    text = ("وقال فرهاد شامي، وهو مدير المركز الإعلامي لقسد، إن قواته طردت المسلحين من بلدة ذيبان أمس. "
            "وأعلن العميد يحيى رسول أن القوات دخلت القضاء، فيما قال المتحدث باسم التحالف الكولونيل ريان ديلون "
            "إن الغارات مستمرة.")
    result = extract_text(text)
    people = [e.text for e in result.entities if e.kind == "person"]
    assert people == ["فرهاد شامي", "يحيى رسول", "ريان ديلون"]
    assert all(text[e.start:e.end] == e.text for e in result.entities)


def test_the_event_day_not_the_report_day():
    text = "أفادت خلية الإعلام الأمني، اليوم السبت، بمقتل ستة مقاتلين في هجوم شنه عناصر داعش ليل أمس على قرية مكيشيفة."
    [event] = reportable(text, published="2020-05-02")
    assert event.event_date == "2020-05-01"


def test_both_sides_are_the_two_actors_just_named():
    text = ("سيطرت قوات سوريا الديمقراطية أمس على بلدة هجين بعد معارك مع تنظيم داعش. "
            "وتجددت الاشتباكات بين الطرفين مساء أمس في بلدة الشعفة.")
    clash = next(e for e in reportable(text) if e.location == "Al-Shafah")
    assert (clash.sub_event_type, clash.actor1, clash.actor2) == (
        "Armed clash", "SDF: Syrian Democratic Forces", "IS: Islamic State")


def test_a_headline_and_its_lead_are_one_event_on_the_lead_day():
    text = (EXAMPLES / "deir_ez_zor_battle.txt").read_text(encoding="utf-8")
    takeovers = [e for e in reportable(text, published="2019-03-22")
                 if e.sub_event_type == "Non-state actor overtakes territory"]
    assert len(takeovers) == 1
    assert (takeovers[0].event_date, takeovers[0].location, takeovers[0].fatalities) == (
        "2019-03-22", "Al-Baghuz Fawqani", 14)


def test_warm_loads_everything_and_can_freeze_it_out_of_the_collectors_sight():
    code = ("import gc; from rasid.pipeline import Pipeline; p = Pipeline().warm(freeze=True); "
            "print(gc.get_freeze_count()); print(len(p.process(__import__('rasid.models').models.Document("
            "doc_id='x', text='قصفت قوات النظام أمس بلدة كفرنبل جنوب إدلب.')).events))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert int(out[0]) > 10_000  # the lexicons and gazetteer are frozen
    assert int(out[1]) == 1


def test_protesters_gathering_or_marching_make_a_protest_without_a_protest_verb():
    for text in ("وتدفق مئات المتظاهرين إلى شوارع مدينة الناصرية صباح أمس يهتفون ضد المحافظ.",
                 "وأبلغت الخارجية السفير احتجاجها على قيام عشرات المتظاهرين أمس بالتجمع أمام مقر السفارة."):
        assert "Protests" in [e.event_type for e in reportable(text)], text


def test_chanting_protesters_or_who_gathered_are_no_new_protest():
    for text in ("وردد المتظاهرون هتافات ضد الوزير قبل أن يتفرقوا.",
                 "ورفع المتظاهرون الذين تجمعوا أمام البرلمان لافتات كتب عليها اسم المدينة."):
        assert [e.event_type for e in reportable(text)] == [], text


def test_a_march_organised_by_people_is_a_protest_not_a_drone():
    for text in ("ونظم المئات من أهالي بلدة جاسم مسيرة في الساحة العامة أمس للمطالبة بالإفراج عن المعتقلين.",
                 "وانطلقت أمس مسيرة من أمام المسجد الكبير في مدينة طفس بمشاركة العشرات."):
        types = [(e.event_type, e.sub_event_type) for e in reportable(text)]
        assert ("Protests", "Peaceful protest") in types, text
        assert all(t != "Explosions/Remote violence" for t, _ in types), text


def test_a_drone_stays_a_drone_beside_a_march_word():
    for text in ("وشارك في القصف أمس مسيرة تركية استهدفت سيارة قرب بلدة الدرباسية.",
                 "واستهدفت مسيرة أطلقها الحوثيون أمس سفينة قبالة ميناء الحديدة."):
        assert "Air/drone strike" in [e.sub_event_type for e in reportable(text)], text


def test_a_sentence_told_with_kanat_is_not_commentary_but_is_read_as_a_past_state():
    # issue 12: كانت is its own cue (was), no longer ك + أنت; it keeps halving the rules' confidence
    [plain] = reportable("قصف الطيران الحربي أمس بلدة كفرنبودة في ريف حماة ما أسفر عن مقتل 5 مدنيين.")
    [was] = reportable("قصف الطيران الحربي أمس بلدة كفرنبودة في ريف حماة التي كانت بيد الفصائل ما أسفر عن مقتل 5 مدنيين.")
    assert plain.sub_event_type == was.sub_event_type == "Air/drone strike"
    assert was.confidence < plain.confidence
