"""Who says a claim: sources located in a body or a place, sources named again, medical sources, forces
and parties (issue 13). Sentences written for these tests."""

from __future__ import annotations

from test_claims import claims_of


def _one(text: str, subject: str):
    found = [c for c in claims_of(text) if c.subject == subject]
    assert found, [c.model_dump() for c in claims_of(text)]
    return found[0]


def test_source_in_a_body_takes_the_body_type() -> None:
    c = _one("قال مصدر في قيادة شرطة حمص إن عبوة ناسفة انفجرت وأدت إلى إصابة 4 أشخاص.", "wounded")
    assert c.source_type == "official" and "شرطة حمص" in (c.speaker.role or "")


def test_source_in_a_place_is_a_local_source_and_stops_before_the_outlet() -> None:
    c = _one("قال مصدر في بلدة القصير لوكالة الأنباء إن القصف أدى إلى مقتل 5 مدنيين.", "killed")
    assert c.source_type == "local_sources"
    assert "وكالة" not in (c.speaker.role or "")


def test_bare_source_stays_unknown() -> None:
    assert _one("قالت مصادر إن 6 أشخاص قتلوا في القصف.", "killed").source_type == "unknown"


def test_anaphoric_source_keeps_the_type_it_was_read_with() -> None:
    text = ("أفاد مصدر في شرطة كركوك بأن عبوة انفجرت قرب السوق. "
            "وأضاف المصدر أن الانفجار أدى إلى إصابة 3 أشخاص.")
    assert _one(text, "wounded").source_type == "official"


def test_medical_sources_are_local_sources() -> None:
    assert _one("قالت مصادر طبية إن 6 أشخاص قتلوا في القصف.", "killed").source_type == "local_sources"


def test_a_force_announcing_is_an_official_source() -> None:
    assert _one("أعلنت قوات الحماية مقتل 30 من عناصر الخصم في المعارك.", "killed").source_type == "official"


def test_a_speaker_named_with_no_role_word_is_taken_as_official() -> None:
    c = _one("وقال سمير الأحمد إن القصف أدى إلى مقتل 4 مدنيين.", "killed")
    assert c.source_type == "official" and c.speaker.name == "سمير الأحمد"


def test_residents_are_witnesses() -> None:
    c = _one("قال سكان في البلدة إن 3 أشخاص قتلوا في القصف.", "killed")
    assert c.source_type == "witness" and c.speaker.role == "سكان"


def test_a_verb_with_no_subject_inside_reported_words_keeps_the_speaker_of_the_sentence() -> None:
    # "رصد" has no subject of its own: what follows is still the monitor's account
    c = _one("ذكر المرصد أنه رصد قصفا على الحي، وأضاف أن 3 أشخاص قتلوا.", "killed")
    assert c.source_type == "activists"
    assert "المرصد" in (c.speaker.name or c.speaker.role or "")


def test_affiliated_is_not_a_speech_verb() -> None:
    found = claims_of("أطلق مسلحون تابعون للجماعة صاروخا على البلدة، ما أدى إلى مقتل شخصين.", outlet="example.net")
    c = next(c for c in found if c.subject == "killed")
    assert c.source_type == "outlet" and c.speaker.name == "example.net"
    assert _one("وتابع المسؤول أن 4 أشخاص قتلوا في الهجوم.", "killed").speaker.role == "المسؤول"


def test_the_speaker_ends_before_the_proposition_it_claims() -> None:
    c = _one("أعلن التنظيم سيطرته على بلدة الوادي بعد معارك عنيفة.", "control")
    assert c.source_type == "official" and c.speaker.name == "التنظيم"


def test_a_headline_takes_the_first_named_source_of_the_article() -> None:
    text = ("مقتل 7 مدنيين بقصف على بلدة الحمراء\n"
            "تعرضت بلدة الحمراء صباح اليوم لقصف مدفعي عنيف.\n"
            "وقال المرصد إن القصف أصاب منازل المدنيين وسط البلدة.")
    killed = [c for c in claims_of(text) if c.subject == "killed"]
    assert killed and killed[0].source_type == "activists"


def test_a_headline_with_no_named_source_in_the_article_is_the_outlets() -> None:
    text = ("مقتل 7 مدنيين بقصف على بلدة الحمراء\n"
            "تعرضت بلدة الحمراء صباح اليوم لقصف مدفعي عنيف أصاب منازل المدنيين.")
    assert _one(text, "killed").source_type == "outlet"


def test_a_first_sentence_that_is_no_headline_stays_the_outlets() -> None:
    text = ("قتل 7 مدنيين اليوم في قصف مدفعي على بلدة الحمراء. "
            "وقال المرصد إن القصف أصاب منازل المدنيين وسط البلدة.")
    assert _one(text, "killed").source_type == "outlet"


def test_a_monitors_own_site_publishes_the_monitors_figures() -> None:
    text = "قتل 4 مدنيين في قصف مدفعي على أطراف البلدة اليوم."
    own = [c for c in claims_of(text, outlet="www.syriahr.com") if c.subject == "killed"]
    assert own and own[0].source_type == "activists" and own[0].speaker.name == "www.syriahr.com"
    other = [c for c in claims_of(text, outlet="news-example.com") if c.subject == "killed"]
    assert other and other[0].source_type == "outlet"


# Medical, rescue and humanitarian sources (docs/annotation.md, decided 2026-12-07): the body named decides.

def test_a_health_ministry_is_official() -> None:
    assert _one("أعلنت وزارة الصحة أن 9 أشخاص قتلوا في الغارة.", "killed").source_type == "official"


def test_a_source_inside_a_health_department_is_official() -> None:
    c = _one("قال مصدر في دائرة صحة الموصل إن 5 أشخاص قتلوا في التفجير.", "killed")
    assert c.source_type == "official"


def test_a_hospital_director_is_official() -> None:
    assert _one("قال مدير مستشفى البلدة إن 4 مدنيين قتلوا في القصف.", "killed").source_type == "official"


def test_a_medical_source_in_a_hospital_is_a_local_source() -> None:
    c = _one("قال مصدر طبي في مستشفى المدينة إن 7 أشخاص قتلوا في الانفجار.", "killed")
    assert c.source_type == "local_sources"


def test_a_doctor_is_a_local_source_not_a_named_official() -> None:
    c = _one("وقال طبيب في المستشفى الميداني إن 6 جرحى وصلوا بعد القصف.", "wounded")
    assert c.source_type == "local_sources"


def test_paramedics_are_local_sources() -> None:
    assert _one("قال مسعفون إن 3 أشخاص قتلوا في الغارة.", "killed").source_type == "local_sources"


def test_civil_defence_is_a_local_source() -> None:
    c = _one("قال الدفاع المدني إن 8 أشخاص قتلوا في الغارة على الحي.", "killed")
    assert c.source_type == "local_sources"


def test_security_and_medical_sources_take_the_first_type() -> None:
    c = _one("أفادت مصادر أمنية وطبية بأن 2 من المتظاهرين قتلوا.", "killed")
    assert c.source_type == "official"


def test_a_doctors_committee_documents_like_activists() -> None:
    c = _one("قالت لجنة الأطباء المركزية إن 2 من المحتجين قتلوا برصاص قوات الأمن.", "killed")
    assert c.source_type == "activists"


def test_a_sourcing_phrase_ending_in_the_source_noun_keeps_it_as_the_head() -> None:
    # "بحسب مصادر": the noun "مصادر" is inside the sourcing cue; "محلية" alone is no name of an official
    c = _one("قتل 5 مدنيين في قصف على قرية الجديدة، بحسب مصادر محلية.", "killed")
    assert c.source_type == "local_sources" and "مصادر محلية" in (c.speaker.role or c.speaker.name or "")
    c = _one("أصيب 7 أشخاص في الانفجار، وفقا لمصادر أهلية في البلدة.", "wounded")
    assert c.source_type == "local_sources"


def test_a_sourcing_phrase_with_an_unknown_adjective_is_an_unqualified_source() -> None:
    c = _one("قتل 4 عناصر من الشرطة في الهجوم، بحسب مصادر متقاطعة.", "killed")
    assert c.source_type == "unknown"


def test_a_bare_name_takes_the_role_given_with_it_earlier() -> None:
    text = ("وقال المتحدث باسم قوات الحماية، خالد سعيد العمر، في بيان إن الهجوم صُدّ. "
            "وأوضح العمر أن 12 مهاجما قتلوا في الاشتباكات.")
    assert _one(text, "killed").source_type == "spokesperson"


def test_a_relayed_source_speaks_rather_than_the_outlet_relaying_it() -> None:
    c = _one("ونقلت وكالة سبوتنيك عن مسؤول في وزارة الصحة أن 9 أشخاص قتلوا في الغارة.", "killed")
    assert c.source_type == "official"


def test_is_named_after_an_indefinite_noun_is_no_speech_verb() -> None:
    text = "وقالت مراسلة الموقع إن شابا يدعى سامر خطف وطلب الخاطفون مبلغ 20 مليون ليرة."
    lira = [c for c in claims_of(text) if c.unit == "lira"]
    assert lira and lira[0].source_type == "outlet"
    assert (lira[0].speaker.name or lira[0].speaker.role) == "مراسلة الموقع"  # not "... إن شابا" before "يدعى"


def test_a_quote_going_on_past_a_full_stop_keeps_its_speaker() -> None:
    text = ('وقال المسؤول في الوزارة "انفجرت عبوة ناسفة قرب السوق. '
            'وأدت إلى إصابة 6 أشخاص".')
    assert _one(text, "wounded").source_type == "official"


# Since branch claims4 (docs/claims.md): sentences written for these tests.

def test_that_before_a_verb_is_no_speaker() -> None:
    text = 'ذكر المرصد، "أنه رصد عصر اليوم قصفا على البلدة أدى إلى مقتل 4 أشخاص".'
    assert _one(text, "killed").source_type == "activists"


def test_estimates_are_speech_and_un_agencies_are_official() -> None:
    c = _one("وتقدر مفوضية اللاجئين عدد النازحين في الإقليم بنحو 50 ألف نازح.", "displaced")
    assert c.source_type == "official"
    c = _one("قالت المنظمة الدولية للهجرة إن 3000 شخص نزحوا من القرى.", "displaced")
    assert c.source_type == "official"


def test_societies_and_documentation_offices_are_activists() -> None:
    assert _one("قالت جمعية حقوقية إن 6 صحفيين اعتقلوا خلال الحملة.", "captured").source_type == "activists"
    c = _one("ووثق مكتب توثيق الضحايا في المحافظة مقتل 9 مدنيين.", "killed")
    assert c.source_type == "activists"
    assert _one("قالت جمعية الهلال الأحمر إن 5 أشخاص قتلوا.", "killed").source_type == "official"


def test_a_role_after_the_name_types_the_speaker_and_its_later_mentions() -> None:
    text = ("وقال سالم أبو عمر الحسيني، المتحدث باسم الحركة، إن 11 عنصرا من الأمن قتلوا. "
            "وأضاف الحسيني أن 3 آخرين أصيبوا بجروح.")
    assert _one(text, "killed").source_type == "spokesperson"
    assert _one(text, "wounded").source_type == "spokesperson"


def test_spoke_of_is_speech_only_with_a_speaker() -> None:
    assert _one("من جانبها، تحدثت وكالة الأنباء الرسمية عن مقتل 6 أشخاص.", "killed").source_type == "agency"
    assert _one("وتحدث انفجارات متكررة في السوق أدت إلى مقتل 3 أشخاص.", "killed").source_type == "outlet"


def test_according_to_a_spokesman_but_not_to_a_law() -> None:
    c = _one("قتل 5 مدنيين في القصف، طبقا لتصريحات المتحدث باسم الجيش.", "killed")
    assert c.source_type == "spokesperson"
    assert _one("قتل 5 مدنيين في القصف، طبقا للقانون الدولي.", "killed").source_type == "outlet"


def test_a_sentence_opening_with_also_goes_on_with_the_report_before() -> None:
    text = "وقال المرصد إن 7 مدنيين قتلوا في الغارات. كما قتلت الغارات 20 مسلحا من الفصائل."
    tolls = [c for c in claims_of(text) if c.value == 20.0]
    assert tolls and tolls[0].source_type == "activists"


def test_an_agency_dateline_makes_the_unattributed_figures_the_agency_s() -> None:
    text = "انفجار في المدينة\nصنعاء - (د ب أ)\nقتل 3 جنود في انفجار عبوة ناسفة اليوم."
    c = _one(text, "killed")
    assert c.source_type == "agency" and c.speaker.name == "د ب أ"
    assert _one("قتل 3 جنود في انفجار عبوة ناسفة اليوم.", "killed").source_type == "outlet"


def test_unnamed_sources_on_a_monitor_s_site_are_the_monitor_s() -> None:
    text = "قالت مصادر إن قوات الأمن اعتقلت 10 شبان في البلدة."
    own = [c for c in claims_of(text, outlet="www.syriahr.com") if c.value == 10.0]
    assert own and own[0].source_type == "activists"
    other = [c for c in claims_of(text, outlet="news-example.com") if c.value == 10.0]
    assert other and other[0].source_type == "unknown"


def test_is_estimated_at_is_no_speech_verb() -> None:
    c = _one("وقال القائد إن التنظيم يتحصن في مساحة تقدر بنحو 9 كيلومترات مربعة.", "area")
    assert c.speaker.role == "القائد"  # not the words before "تقدر"


def test_a_verb_in_a_relative_clause_after_a_figure_sources_nothing() -> None:
    text = "قتل 12 شخصا في تفجير انتحاري وسط المدينة أمس، والذي أعلنت الجماعة مسؤوليتها عنه."
    assert _one(text, "killed").source_type == "outlet"
    assert _one("قتل 12 شخصا في تفجير انتحاري وسط المدينة، حسب ما أعلنت الشرطة.", "killed").source_type == "official"


def test_a_verb_of_purpose_is_no_report() -> None:
    text = "قتل مدنيان في القصف بعد رفض الأهالي دخول القوات إلى البلدة لنشر نقاط مراقبة."
    assert _one(text, "killed").source_type == "outlet"
    assert _one("ولفت المسؤول إلى مقتل مدنيين اثنين في القصف.", "killed").source_type == "official"


def test_a_name_met_with_its_role_keeps_it_when_the_phrase_runs_on() -> None:
    text = ("ونقل الموقع عن الناطق باسم غرفة عمليات الفجر، العميد سالم الحداد، قوله إن قواتنا تقدمت في الحي. "
            "وأكد الحداد عثور قوات الفجر على جثث في مدرسة، وأشار إلى سقوط قتيل واحد و12 جريحاً من قوات الفجر.")
    assert _one(text, "wounded").source_type == "spokesperson"  # not the outlet quoting him, not "قوات"


def test_a_sourcing_phrase_naming_no_typed_source_leaves_the_figure_to_the_speaker() -> None:
    text = 'وقال الناطق باسم وزارة الداخلية، إن "الشرطة قامت بحملة تفتيش وفق معلومات استخباراتية، أسفرت عن اعتقال 20 عنصرا".'
    assert _one(text, "captured").source_type == "spokesperson"
    text = "ونقلت وكالة الأنباء، نقلا عن مصادر لها في الشرطة، أن قوات الأمن قتلت اثنين من المحتجين."
    assert _one(text, "killed").source_type == "agency"
    assert _one("قتل 5 مدنيين في القصف، وفق المرصد.", "killed").source_type == "activists"


def test_a_private_source_is_a_local_source_not_the_outlet_it_spoke_to() -> None:
    # the source head comes first; the site it spoke to does not make the figure the outlet's
    c = _one("وقال مصدر خاص لموقع النهر إن 4 عناصر من الشرطة قتلوا في الاشتباك.", "killed")
    assert c.source_type == "local_sources"
    c = _one("وأفادت مصادر خاصة بأن 7 مدنيين أصيبوا في القصف على القرية.", "wounded")
    assert c.source_type == "local_sources"


def test_an_agency_in_brackets_after_the_city_is_a_dateline() -> None:
    c = _one("انفجار في السوق\nالموصل (رويترز) - قتل 4 مدنيين في انفجار سيارة مفخخة اليوم.", "killed")
    assert c.source_type == "agency" and c.speaker.name == "رويترز"
    c = _one("صاروخ على المطار\nبغداد- (يو بي آي) أصيب 3 جنود بسقوط صاروخ على المطار.", "wounded")
    assert c.source_type == "agency"
    # a bracket that names no agency is no dateline
    assert _one("قصف على البلدة\nحلب (خاص) - قتل 5 مدنيين بقصف على البلدة.", "killed").source_type == "outlet"


def test_the_outlet_a_source_spoke_to_is_not_the_speaker() -> None:
    c = _one("وبحسب مصادر محلية تحدثت لموقع النهر فإن 5 مدنيين قتلوا في القصف.", "killed")
    assert c.source_type == "local_sources"
    text = "قال المرصد إن الطائرات قصفت البلدة فجرا. وأضاف لوكالة الأنباء أن 6 مدنيين أصيبوا في القصف."
    assert _one(text, "wounded").source_type == "activists"  # the monitor went on speaking to the agency


def test_sources_from_inside_a_place_tribal_sources_and_notables_are_local_sources() -> None:
    for who in ("مصادر من داخل المدينة", "مصادر من أبناء المنطقة", "مصادر عشائرية", "وجهاء القرية"):
        assert _one(f"وقالت {who} إن 5 عناصر قتلوا في الكمين.", "killed").source_type == "local_sources", who


def test_citizens_are_witnesses_and_coordination_committees_activists() -> None:
    assert _one("وقال مواطنون إن 4 مدنيين قتلوا في القصف.", "killed").source_type == "witness"
    assert _one("وأفادت تنسيقيات محلية بمقتل 3 مدنيين في القصف.", "killed").source_type == "activists"


def test_a_media_activist_and_a_town_media_centre_are_activists() -> None:
    assert _one("وقال الإعلامي سامر الحسن إن 5 مدنيين قتلوا في القصف.", "killed").source_type == "activists"
    assert _one("وقال المركز الإعلامي في البلدة إن 3 مدنيين أصيبوا.", "wounded").source_type == "activists"


def test_a_media_centre_of_a_body_speaks_for_the_body() -> None:
    # "الإعلامي" after a noun is an adjective: the body named after it decides
    c = _one("وقال مصدر في المركز الإعلامي للجيش إن 20 مسلحا قتلوا في القصف.", "killed")
    assert c.source_type == "official"
    c = _one("وذكر الذراع الإعلامي للتنظيم وكالة النبأ أن 7 جنود قتلوا في الهجوم.", "killed")
    assert c.source_type == "agency"
    c = _one("وأعلن المركز الإعلامي لعملية الفجر أن 4 مسلحين قتلوا.", "killed")
    assert c.source_type == "official"


def test_a_member_of_a_body_takes_the_body_type() -> None:
    c = _one("وقال عضو في الشبكة السورية لحقوق الإنسان إن 9 مدنيين قتلوا.", "killed")
    assert c.source_type == "activists"
    c = _one("وقال عضو المجلس المحلي سامر الحسن إن 6 مدنيين قتلوا.", "killed")
    assert c.source_type == "official"
    assert _one("وقالت لجان التنسيق المحلية إن 8 مدنيين قتلوا.", "killed").source_type == "activists"


# --- branch claims6 (sentences ours) ------------------------------------------------------------------


def test_a_quote_mark_closing_a_sentence_opens_no_quotation() -> None:
    text = ('وكانت القوات أعلنت أمس إحباط هجومين على مواقعها وتكبيد المهاجمين خسائر". '
            "وتشهد المحافظة تصعيدا، حيث قتل 10 مسلحين في معارك أمس.")
    assert _one(text, "killed").source_type == "outlet"


def test_a_new_clause_of_saying_after_a_figure_sources_nothing_before_it() -> None:
    text = "وقتل 36 من عناصر التنظيم في اشتباكات مع الفصائل، وأعلن الائتلاف من إسطنبول تأييده للفصائل."
    assert _one(text, "killed").source_type == "outlet"
    # where it was said, or "added": the figure is the speaker's
    assert _one("وقتل 5 مدنيين في قصف على البلدة، وأعلن المرصد في تقريره اليومي.", "killed").source_type == "activists"
    assert _one("وقتل 5 مدنيين في قصف على البلدة، وأضاف المرصد في تقريره.", "killed").source_type == "activists"


def test_a_body_named_by_its_noun_alone_is_the_one_named_before() -> None:
    text = ("وقالت لجنة أطباء السودان المركزية إن شابا قتل برصاص القوات. "
            "وفي منشور آخر، أكدت اللجنة مقتل متظاهر ثان في العاصمة.")
    assert _one(text, "killed").source_type == "activists"


def test_two_speakers_joined_by_and() -> None:
    assert _one("وقالت وسائل إعلام محلية وناشطون إن أربعة متظاهرين قتلوا.", "killed").source_type == "activists"
    text = "وقال متحدث باسم الشرطة ومسؤولون في قطاع الصحة إن 22 شخصا قتلوا."
    assert _one(text, "killed").source_type == "official"


def test_a_time_word_between_the_verb_and_its_subject() -> None:
    c = _one("وقالت أمس وزارة الصحة إن 5 أشخاص قتلوا في الانفجار.", "killed")
    assert c.source_type == "official" and c.speaker.role == "وزارة الصحة"
    c = _one("أوقع الانفجار 3 قتلى، حسب ما أعلنت الثلاثاء وزارة الصحة.", "killed")
    assert c.speaker.role == "وزارة الصحة"


def test_a_passive_transfer_is_no_report() -> None:
    assert _one("لقي طفل مصرعه وأصيب 3 آخرون، وتم نقلهم إلى المستشفى.", "wounded").source_type == "outlet"


def test_rights_groups_collectives_relatives_tribes_and_protesters() -> None:
    assert _one("ورصدت منظمات حقوقية اعتقال 5 شبان في البلدة.", "captured").source_type == "activists"
    assert _one('وقال "تجمع أحرار البلدة" إن القوات اعتقلت 3 شبان.', "captured").source_type == "activists"
    assert _one("وقال أقارب الضحايا إن 5 أشخاص قتلوا في القصف.", "killed").source_type == "witness"
    assert _one("وقالت مصادر قبلية إن 5 أشخاص قتلوا في الاشتباك.", "killed").source_type == "local_sources"
    assert _one("وقال محتجون إن 3 متظاهرين قتلوا برصاص الأمن.", "killed").source_type == "witness"
