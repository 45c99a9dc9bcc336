"""The pipeline as a named list of components over one Doc, and the resources it owns."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasid.extract.doc import Doc
from rasid.models import Document
from rasid.pipeline import LEARNED, RULES, Pipeline, extract_text
from rasid.resources import default_resources, load_resources

TEXT = ("قصفت قوات النظام أمس بلدة كفرنبل في ريف إدلب، وقال المرصد إن ثلاثة مدنيين قتلوا.\n"
        "واعتقلت قوات الأسايش خمسة شبان في مدينة الرقة.")


def document(text: str = TEXT) -> Document:
    return Document(doc_id="d", text=text, published="2021-03-10")


def test_rule_components_in_order_and_plain_pipeline_shares_resources() -> None:
    pipe = Pipeline()
    assert pipe.component_names == [*(name for name, _ in RULES), LEARNED] == [
        "sentences", "places", "mentions", "dates", "numbers", "frames", "events", "entities", "claims", "learned"]
    assert pipe.resources is default_resources() is Pipeline().resources


def test_run_gives_the_doc_and_process_its_record() -> None:
    pipe = Pipeline()
    doc = pipe.run(document())
    assert isinstance(doc, Doc) and doc.language == "ar"
    assert len(doc.sentences) == 2 and doc.places and doc.dates and doc.numbers
    assert [e.sub_event_type for e in doc.events] == ["Shelling/artillery/missile attack", "Arrests"]
    assert doc.to_result() == pipe.process(document())


def test_disabled_component_leaves_its_part_empty() -> None:
    result = Pipeline(disable=["claims", "entities"]).process(document())
    assert result.claims == [] and result.entities == [] and len(result.events) == 2
    pipe = Pipeline()
    pipe.disable("events")
    assert pipe.disabled == ["events"] and pipe.process(document()).events == []
    pipe.enable("events")
    assert len(pipe.process(document()).events) == 2
    with pytest.raises(KeyError, match="no component named 'nope'"):
        Pipeline(disable=["nope"])


def test_the_model_is_read_only_when_the_learned_layer_runs_or_is_asked_for() -> None:
    from rasid.learn.layer import EventLayer, _bundled

    _bundled.cache_clear()
    rules_only = Pipeline(disable=[LEARNED])
    result = rules_only.process(document())
    assert len(result.events) == 2 and _bundled.cache_info().currsize == 0  # the model file never read
    rules_only.enable(LEARNED)
    assert rules_only.process(document()).events and _bundled.cache_info().currsize == 1
    assert isinstance(Pipeline().get_component(LEARNED), EventLayer)
    assert Pipeline().get_component(LEARNED) is EventLayer.bundled()  # loaded once per process
    replaced = Pipeline()
    assert replaced.replace_component(LEARNED, lambda doc: None) is EventLayer.bundled()


def test_a_component_added_after_the_rules_sees_and_changes_the_doc() -> None:
    """How a learned component plugs in: after `frames`, it may drop or reweight frames before `events`."""
    seen: list[int] = []

    def no_arrests(doc: Doc) -> None:
        seen.append(sum(len(fs) for fs in doc.frames))
        doc.frames = [[f for f in fs if f.sub_event_type != "Arrests"] for fs in doc.frames]
        doc.user_data["dropped"] = seen[-1] - sum(len(fs) for fs in doc.frames)

    pipe = Pipeline()
    pipe.add_component("no_arrests", no_arrests, after="frames")
    assert pipe.component_names.index("no_arrests") == pipe.component_names.index("frames") + 1
    doc = pipe.run(document())
    assert seen == [2] and doc.user_data == {"dropped": 1}
    assert [e.sub_event_type for e in doc.events] == ["Shelling/artillery/missile attack"]
    with pytest.raises(ValueError, match="exists already"):
        pipe.add_component("frames", no_arrests)


def test_replace_and_remove_a_component() -> None:
    pipe = Pipeline()
    old = pipe.replace_component("claims", lambda doc: None)
    assert pipe.process(document()).claims == [] and old is dict(RULES)["claims"]
    pipe.replace_component("claims", old)
    assert pipe.process(document()).claims
    pipe.remove_component("entities")
    assert "entities" not in pipe.component_names and pipe.process(document()).entities == []


def test_no_document_leaks_into_the_next() -> None:
    pipe = Pipeline()
    alone = pipe.process(document()).model_dump_json()
    other = document("انفجرت سيارة مفخخة في مدينة الباب بريف حلب وقتل أربعة أشخاص.")
    pipe.process(other)
    assert pipe.process(document()).model_dump_json() == alone
    # two Docs of the same text share nothing
    a, b = pipe.run(document()), pipe.run(document())
    assert a.scan is not b.scan and a.numbers is not b.numbers and a.claim_text is not b.claim_text


def test_two_lexicon_versions_in_one_process(tmp_path: Path) -> None:
    """An override folder adds an actor: only the pipeline built on those resources sees it."""
    header = "id\tcanonical\tinter\tkind\tcountry\tparent\tfocus\taliases_ar\taliases_en\n"
    (tmp_path / "actors.tsv").write_text(header + "falcons\tFalcons Brigade\t2\tarmed\tSY\t\t\tلواء الصقور الحمر\t\n",
                                         encoding="utf-8")
    text = "هاجم لواء الصقور الحمر حاجزا في بلدة كفرنبل."
    extended = Pipeline(load_resources(tmp_path)).process(document(text))
    plain = Pipeline().process(document(text))
    assert "Falcons Brigade" in {e.canonical for e in extended.entities}
    assert "Falcons Brigade" not in {e.canonical for e in plain.entities}


def test_environment_override_folder_is_honoured_for_every_table(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "months.tsv").write_text("form\tmonth\tfamily\nفبرار\t2\tlevant\n", encoding="utf-8")
    monkeypatch.setenv("RASID_LEXICON_DIR", str(tmp_path))
    assert default_resources().files.extra == tmp_path
    dated = [e.canonical for e in extract_text("قتل ثلاثة مدنيين في 5 فبرار 2021.").entities if e.kind == "date"]
    assert dated == ["2021-02-05"]
    monkeypatch.delenv("RASID_LEXICON_DIR")
    assert [e for e in extract_text("قتل ثلاثة مدنيين في 5 فبرار 2021.").entities if e.kind == "date"] == []


def test_extract_command_disable(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from rasid.cli import app

    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    runner = CliRunner()
    out = runner.invoke(app, ["extract", str(path), "--published", "2021-03-10", "--disable", "claims"])
    assert out.exit_code == 0
    record = json.loads(out.stdout.splitlines()[0])
    assert record["claims"] == [] and len(record["events"]) == 2
    rules_only = runner.invoke(app, ["extract", str(path), "--published", "2021-03-10", "--disable", "learned"])
    assert rules_only.exit_code == 0, rules_only.output
    assert {e["confidence"] for e in json.loads(rules_only.stdout.splitlines()[0])["events"]} != \
        {e["confidence"] for e in record["events"]}  # the layer's calibrated confidence is gone
    bad = runner.invoke(app, ["extract", str(path), "--disable", "nope"])
    assert bad.exit_code == 2 and "no component named 'nope'" in bad.output
