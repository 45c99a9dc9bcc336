"""Mentions on their own: actors, triggers and cues per sentence (`mentions` component)."""

from __future__ import annotations

from extract_helpers import doc_upto


def test_anaphora_resolves_to_the_group_named_before() -> None:
    doc = doc_upto("هاجم تنظيم داعش حاجزا للجيش. وقال التنظيم في بيان إنه قتل جنديين.", "mentions")
    first, second = doc.mentions
    assert [a.actor.id for a in first.actors][:1] == ["is"]
    (org,) = [a for a in second.actors if a.anaphoric]
    assert org.actor.id == "is"


def test_no_trigger_inside_a_name_and_one_bucket_per_sentence() -> None:
    doc = doc_upto("زار وفد من هيئة تحرير الشام المنطقة. واندلعت اشتباكات عنيفة.", "mentions")
    assert len(doc.mentions) == len(doc.sentences) == 2
    assert doc.mentions[0].triggers == []  # "تحرير" is part of the group's name
    assert {k.kind for t in doc.mentions[1].triggers for k in t.kinds} == {"clash"}


def test_mentions_read_the_documents_single_scan() -> None:
    doc = doc_upto("قصفت قوات النظام بلدة كفرنبل.", "mentions")
    assert doc.scan is doc.scan  # worked out once
    lexicon = doc.resources.lexicon
    assert [m.key for m in lexicon.actor_matcher.find(doc.scan)] == [m.key for m in lexicon.actor_matcher.find(doc.text.norm)]
