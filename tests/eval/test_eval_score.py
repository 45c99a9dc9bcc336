"""Scorer unit tests on hand-made gold/prediction pairs (no corpus needed)."""

from __future__ import annotations

from rasid.eval.score import match_events, pair_score, score
from rasid.models import Claim, DocResult, Entity, Event, Evidence, Speaker


def gold_event(**kw):
    base = {
        "event_type": "Battles", "sub_event_type": "Armed clash", "actor1": "SDF: Syrian Democratic Forces",
        "actor2": "IS: Islamic State", "location": "Hajin", "admin1": "Deir ez-Zor", "latitude": 34.694,
        "longitude": 40.829, "geo_precision": 1, "fatalities": 0, "modality": "asserted", "event_date": None,
        "time_precision": None, "evidence": [[0, 5]],
    }
    base.update(kw)
    return base


def pred_event(**kw):
    base = {
        "event_type": "Battles", "sub_event_type": "Armed clash", "actor1": "IS: Islamic State",
        "actor2": "SDF: Syrian Democratic Forces", "location": "Hajin", "admin1": "Deir ez-Zor",
        "latitude": 34.70, "longitude": 40.83, "geo_precision": 1, "modality": "asserted",
    }
    base.update(kw)
    return Event(**base)


def run(gold_events, pred_events, **kw):
    gold = [{"doc_id": "d1", "events": gold_events, "places": [], "claims": []}]
    results = {"d1": DocResult(doc_id="d1", events=pred_events)}
    return score(gold, results, {"d1": "hello world"}, **kw)


def test_perfect_match_counts_once_and_actor_order_is_ignored():
    out = run([gold_event()], [pred_event(), pred_event()])
    assert out["events"]["tp"] == 1
    assert out["events"]["fp"] == 1  # the duplicate is an extra event
    assert out["extra_events_per_article"] == 1.0
    assert out["fields"]["actors"]["accuracy"] == 1.0
    assert out["error_kinds"] == {"extra: duplicate of a matched event": 1}


def test_place_beyond_10_km_does_not_match():
    # Al-Baghuz is ~28 km from Hajin
    out = run([gold_event()], [pred_event(location="Al-Baghuz", latitude=34.459, longitude=40.945)])
    assert out["events"]["tp"] == 0 and out["events"]["fn"] == 1 and out["events"]["fp"] == 1
    assert out["_misses"][0]["reason"] == "wrong place"
    assert out["_misses"][0]["nearest_prediction"] == "Al-Baghuz (28 km)"
    assert out["_misses"][0]["evidence"] == "hello"


def test_sensitivity_window_of_25_km():
    # ~15 km east of Hajin: a miss at 10 km, a match in the 25 km sensitivity figure
    out = run([gold_event()], [pred_event(latitude=34.70, longitude=40.99)])
    assert out["events"]["tp"] == 0
    assert out["events_within_25km"]["tp"] == 1 and out["events_within_25km"]["f1"] == 1.0


def test_different_type_family_does_not_match():
    out = run([gold_event()], [pred_event(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike")])
    assert out["events"]["tp"] == 0
    assert out["_misses"][0]["reason"] == "no predicted event of this type in the article"


def test_date_within_one_day_matches_and_two_days_do_not():
    g = gold_event(event_date="2018-12-14", time_precision=1)
    assert run([g], [pred_event(event_date="2018-12-15")])["events"]["tp"] == 1
    assert run([g], [pred_event(event_date="2018-12-16")])["events"]["tp"] == 0
    # unknown on one side: the date does not block the match, but the date field is wrong
    out = run([g], [pred_event()])
    assert out["events"]["tp"] == 1 and out["fields"]["event_date"]["accuracy"] == 0.0


def test_without_coordinates_name_or_admin1_at_precision_3():
    g = gold_event(latitude=None, longitude=None)
    assert run([g], [pred_event(latitude=None, longitude=None, location="Hajin")])["events"]["tp"] == 1
    assert run([g], [pred_event(latitude=None, longitude=None, location="Susah")])["events"]["tp"] == 0
    coarse = gold_event(latitude=None, longitude=None, location="Deir ez-Zor", geo_precision=3)
    pred = pred_event(latitude=None, longitude=None, location="Deir al-Zor governorate", admin1="Deir al-Zor")
    assert run([coarse], [pred])["events"]["tp"] == 1


def test_governorate_level_gold_matches_a_prediction_in_that_governorate():
    coarse = gold_event(location="Deir ez-Zor", latitude=35.336, longitude=40.141, geo_precision=3)
    assert run([coarse], [pred_event()])["events"]["tp"] == 1  # Hajin is ~80 km away, same governorate
    # but a vague prediction does not match a precise gold event far away
    vague = pred_event(location="Deir ez-Zor", latitude=35.336, longitude=40.141, geo_precision=3)
    assert run([gold_event()], [vague])["events"]["tp"] == 0
    assert run([coarse], [pred_event(admin1="Raqqa")])["events"]["tp"] == 0


def test_greedy_matching_prefers_the_closer_pair():
    gold = [gold_event(), gold_event(location="Susah", latitude=34.545, longitude=40.885)]
    pred = [
        pred_event(location="Susah", latitude=34.55, longitude=40.88).model_dump(),
        pred_event().model_dump(),
    ]
    assert match_events(gold, pred) == [(0, 1), (1, 0)]
    assert pair_score(gold[0], pred[1]) is not None


def test_modality_filter_and_reason_for_non_reportable_gold():
    g = gold_event(modality="background")
    out = run([g], [pred_event()])
    assert out["events"] == {"tp": 0, "fp": 1, "fn": 0, "precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert out["_extras"][0]["reason"] == "gold codes this event as background"
    out_all = run([g], [pred_event()], modalities=None)
    assert out_all["events"]["tp"] == 1 and out_all["fields"]["modality"]["accuracy"] == 0.0


def test_field_accuracy_fatalities_subtype_governorate():
    g = gold_event(fatalities=3, sub_event_type="Non-state actor overtakes territory")
    out = run([g], [pred_event(fatalities=5, admin1="Homs")])
    assert out["events"]["tp"] == 1
    assert out["fields"]["fatalities"]["accuracy"] == 0.0
    assert out["fields"]["sub_event_type"]["accuracy"] == 0.0
    assert out["wrong_governorate"] == 1
    assert out["event_distance_km"]["median"] is not None and out["event_distance_km"]["median"] < 2


def test_precision_recall_per_type():
    gold = [gold_event(), gold_event(event_type="Protests", sub_event_type="Peaceful protest", actor1="Protesters (Syria)")]
    out = run(gold, [pred_event()])
    assert out["events"]["precision"] == 1.0 and out["events"]["recall"] == 0.5
    assert out["events_by_type"]["Protests"]["fn"] == 1
    assert out["events_by_type"]["Battles"]["f1"] == 1.0


def test_places_and_claims():
    gold = [{
        "doc_id": "d1", "events": [],
        "places": [{"start": 0, "end": 5, "name": "Hajin", "latitude": 34.694, "longitude": 40.829},
                   {"start": 6, "end": 11, "name": "Manbij", "latitude": 36.528, "longitude": 37.955}],
        "claims": [{"subject": "x", "value": 4, "unit": "towns", "speaker": {"name": "Halab Today"}, "source_type": "outlet",
                    "evidence": [[0, 5]]},
                   {"subject": "y", "value": 12, "unit": "person", "category": "killed", "source_type": "activists",
                    "evidence": [[0, 5]]},
                   {"subject": "z", "value": 7, "unit": "person", "category": "killed", "evidence": [[0, 5]]}],
    }]
    result = DocResult(
        doc_id="d1",
        entities=[Entity(kind="place", text="hello", start=0, end=5, canonical="Hajin", latitude=34.70, longitude=40.83),
                  Entity(kind="place", text="world", start=6, end=11, canonical="Aleppo", latitude=36.2, longitude=37.15)],
        claims=[Claim(subject="towns", value=4.0, unit="town", speaker=Speaker(name="Halab Today"), source_type="outlet"),
                Claim(subject="dead", value=12, unit="families"),
                Claim(subject="wounded", value=7, unit="person")],
    )
    out = score(gold, {"d1": result})
    assert out["places"]["found"] == 1 and out["places"]["recall"] == 0.5 and out["places"]["doc_recall"] == 0.5
    assert out["places"]["distance_km"]["n"] == 2
    # 12 has the wrong unit class, 7 the wrong category (wounded, not killed)
    assert out["claims"]["recall"] == round(1 / 3, 4) and out["claims"]["value_recall"] == 1.0
    assert out["claims"]["speaker_accuracy"] == 1.0


def test_missing_result_counts_every_gold_event_as_missed():
    gold = [{"doc_id": "nope", "events": [gold_event()], "places": [], "claims": []}]
    out = score(gold, {})
    assert out["events"]["fn"] == 1 and out["articles"] == 1


def test_propositions_are_found_by_evidence_and_stance():
    gold = [{
        "doc_id": "d1", "events": [], "places": [],
        "claims": [{"subject": "talks with IS", "value": "talks took place", "stance": "deny",
                    "source_type": "official", "evidence": [[10, 30]]},
                   {"subject": "talks requested", "value": "request for talks", "stance": "reject",
                    "source_type": "official", "evidence": [[40, 60]]},
                   {"subject": "control of the town", "value": "IS holds the town", "stance": "affirm",
                    "source_type": "local_sources", "evidence": [[70, 90]]}],
    }]
    ev = [Evidence(start=0, end=35, text="x")]
    result = DocResult(doc_id="d1", claims=[
        Claim(subject="negotiations", value="المفاوضات", stance="deny", source_type="official", evidence=ev),
        # the right place, the wrong stance: not found
        Claim(subject="negotiations", value="طلب التفاوض", stance="affirm", source_type="official",
              evidence=[Evidence(start=38, end=65, text="x")]),
        # a figure over the third claim's words is not a proposition
        Claim(subject="killed", value=3, unit="person", evidence=[Evidence(start=70, end=90, text="x")]),
    ])
    out = score(gold, {"d1": result})
    props = out["claims"]["propositions"]
    assert props == {"gold": 3, "found": 1, "recall": round(1 / 3, 4), "predicted": 2, "predicted_on_gold": 2,
                     "precision_on_gold": 1.0}
    assert out["claims"]["recall"] == round(1 / 3, 4) and out["claims"]["speaker_accuracy"] == 1.0
    kinds = [(e["kind"], e["gold"].split("=")[0]) for e in out["_claim_errors"]]
    assert kinds == [("missed", "talks requested"), ("missed", "control of the town")]


def test_reject_is_a_gold_stance():
    from rasid.eval.vocab import STANCES

    assert "reject" in STANCES


def test_unit_names_of_the_annotators_and_the_extractor_agree():
    gold = [{"doc_id": "d1", "events": [], "places": [],
             "claims": [{"subject": "a", "value": 10, "unit": "barrel", "evidence": [[0, 5]]},
                        {"subject": "b", "value": 2, "unit": "rocket", "evidence": [[0, 5]]},
                        {"subject": "c", "value": 5000000, "unit": "SYP", "evidence": [[0, 5]]},
                        {"subject": "d", "value": 3, "unit": "shell", "evidence": [[0, 5]]}]}]
    result = DocResult(doc_id="d1", claims=[Claim(subject="x", value=10, unit="barrel_bomb"),
                                            Claim(subject="y", value=2, unit="missile"),
                                            Claim(subject="z", value=5e6, unit="lira"),
                                            Claim(subject="w", value=3, unit="missile")])
    assert score(gold, {"d1": result})["claims"]["recall"] == 0.75  # a missile is no shell


def test_governorate_spellings_of_gold_and_extractor_are_one_governorate():
    # the gold writes GeoNames/OCHA names, rasid ACLED's: the same governorate is not a wrong one
    hodeidah = {"location": "Hodeidah", "latitude": 14.798, "longitude": 42.955}
    for gold_admin, pred_admin in (("Muhafazat al Hudaydah", "Al Hudaydah"), ("Liban-Sud", "South"),
                                   ("Shamal Kurdufan", "North Kordofan"), ("Banghazi", "Benghazi")):
        out = run([gold_event(admin1=gold_admin, **hodeidah)], [pred_event(admin1=pred_admin, **hodeidah)])
        assert out["fields"]["admin1"]["accuracy"] == 1.0, (gold_admin, pred_admin)
        assert out["wrong_governorate"] == 0
    out = run([gold_event(admin1="Muhafazat al Hudaydah", **hodeidah)], [pred_event(admin1="Taizz", **hodeidah)])
    assert out["wrong_governorate"] == 1


def test_actor_errors_of_matched_events_say_what_is_wrong():
    from rasid.eval.score import actor_error_kind

    sdf, is_, civ = "SDF: Syrian Democratic Forces", "IS: Islamic State", "Civilians (Syria)"
    out = run([gold_event()], [pred_event(actor1=sdf, actor2=None)])
    assert out["events"]["tp"] == 1 and out["fields"]["actors"]["accuracy"] == 0.0
    (err,) = out["_actor_errors"]
    assert err["kind"] == "side missing" and err["gold"] == [sdf, is_] and err["predicted"] == [sdf, None]
    assert err["evidence"] == "hello"
    assert actor_error_kind(gold_event(actor2=None), {"actor1": sdf, "actor2": civ}) == "side extra"
    assert actor_error_kind(gold_event(), {"actor1": sdf, "actor2": civ}) == "other side wrong"
    assert actor_error_kind(gold_event(), {"actor1": civ, "actor2": None}) == "no side right"
    # the same pair in another order, or a period in brackets, is no error
    assert run([gold_event()], [pred_event()])["_actor_errors"] == []
    syria = "Military Forces of Syria (2000-2024)"
    assert run([gold_event(actor1="Military Forces of Syria (2000-)")], [pred_event(actor2=syria)])["_actor_errors"] == []


def test_one_arabic_noun_in_two_english_words_is_one_unit_class():
    # "مواقع" is written "sites" or "positions", "سيارات" "cars" or "vehicles"; a site is still no village
    gold = [{"doc_id": "d1", "events": [], "places": [],
             "claims": [{"subject": "a", "value": 7, "unit": "site", "evidence": [[0, 5]]},
                        {"subject": "b", "value": 3, "unit": "car", "evidence": [[0, 5]]},
                        {"subject": "c", "value": 4, "unit": "site", "evidence": [[0, 5]]}]}]
    result = DocResult(doc_id="d1", claims=[Claim(subject="x", value=7, unit="position"),
                                            Claim(subject="y", value=3, unit="vehicle"),
                                            Claim(subject="z", value=4, unit="village")])
    assert score(gold, {"d1": result})["claims"]["recall"] == 0.6667


def test_claim_errors_are_counted_by_kind():
    """Each gold claim not found with its speaker counts once, under why (missed or which speaker mistake)."""
    def gold_claim(subject, value, source_type, start, **kw):
        return {"subject": subject, "value": value, "unit": "person", "source_type": source_type,
                "evidence": [[start, start + 5]], **kw}

    gold = [{
        "doc_id": "d1", "events": [], "places": [],
        "claims": [gold_claim("a", 3, "activists", 0),          # found, right type
                   gold_claim("b", 4, "official", 10),          # never read
                   gold_claim("c", 5, "official", 20, category="killed"),  # read as wounded
                   gold_claim("d", 6, "activists", 30),         # given to the outlet
                   gold_claim("e", 7, "outlet", 40),            # given to a source
                   gold_claim("f", 8, "spokesperson", 50),      # a source of another type
                   gold_claim("g", 9, "activists", 60)],        # the outlet and another type
    }]

    def pred(value, source_type, subject="person"):
        return Claim(subject=subject, value=value, unit="person", source_type=source_type)

    result = DocResult(doc_id="d1", claims=[
        pred(3, "activists"), pred(5, "official", subject="wounded"), pred(6, "outlet"), pred(7, "official"),
        pred(8, "official"), pred(9, "outlet"), pred(9, "official"),
    ])
    out = score(gold, {"d1": result})
    assert out["claims"]["error_kinds"] == {"missed_value": 1, "missed_unit_or_stance": 1, "speaker_outlet": 1,
                                            "speaker_not_outlet": 1, "speaker_type": 2}
    why = {e["gold"].split("=")[0]: e["why"] for e in out["_claim_errors"]}
    assert why == {"b": "missed_value", "c": "missed_unit_or_stance", "d": "speaker_outlet",
                   "e": "speaker_not_outlet", "f": "speaker_type", "g": "speaker_type"}
    assert out["claims"]["recall"] == round(5 / 7, 4) and out["claims"]["speaker_accuracy"] == round(1 / 5, 4)
