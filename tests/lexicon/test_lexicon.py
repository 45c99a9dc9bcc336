"""Lexicons are data: the bundled files load and a bad entry names its file and line."""

from pathlib import Path

import pytest

from rasid.lexicon.loader import build_lexicon
from rasid.lexicon.tsv import LexiconError

HEADER = "id\tcanonical\tinter\tkind\tcountry\tparent\tfocus\taliases_ar\taliases_en\n"


def _write_lexicon(tmp: Path, actors: str) -> Path:
    bundled = Path(__file__).resolve().parents[2] / "rasid" / "data" / "lexicon"
    (tmp / "actors.tsv").write_text(actors, encoding="utf-8")
    for name in ("triggers.tsv", "cues.tsv"):
        (tmp / name).write_text((bundled / name).read_text(encoding="utf-8"), encoding="utf-8")
    return tmp


def test_bundled_lexicons_load_and_cover_the_main_forces():
    lex = build_lexicon()
    names = {a.canonical for a in lex.actors.values()}
    for expected in ("SDF: Syrian Democratic Forces", "IS: Islamic State", "HTS: Hayat Tahrir al-Sham",
                     "PMF: Popular Mobilization Forces", "Military Forces of Turkey (2016-)"):
        assert expected in names
    assert lex.actor_matcher.get("قسد")[0].actor.id == "sdf"
    assert len(lex.trigger_matcher) > 300


def test_bad_inter_code_names_file_and_line(tmp_path):
    d = _write_lexicon(tmp_path, HEADER + "x\tX\t12\tarmed\tSY\t\trebel\tقوة اكس\tX\n")
    with pytest.raises(LexiconError, match=r"actors.tsv:2: 'inter' must be between 0 and 8"):
        build_lexicon(d)


def test_duplicate_alias_across_actors_is_rejected(tmp_path):
    rows = "a\tA\t2\tarmed\tSY\t\trebel\tقوة الف\t\nb\tB\t2\tarmed\tSY\t\trebel\tقوة الف\t\n"
    d = _write_lexicon(tmp_path, HEADER + rows)
    with pytest.raises(LexiconError, match=r"actors.tsv:3: alias 'قوة الف' already belongs to 'a'"):
        build_lexicon(d)


def test_unknown_parent_and_latin_arabic_alias_are_rejected(tmp_path):
    d = _write_lexicon(tmp_path, HEADER + "a\tA\t2\tarmed\tSY\tnobody\trebel\tقوة\t\n")
    with pytest.raises(LexiconError, match="parent 'nobody'"):
        build_lexicon(d)
    d = _write_lexicon(tmp_path, HEADER + "a\tA\t2\tarmed\tSY\t\trebel\tLatin only\t\n")
    with pytest.raises(LexiconError, match="no Arabic letters"):
        build_lexicon(d)


def test_lexicon_check_command_reports_file_and_line(tmp_path):
    from typer.testing import CliRunner

    from rasid.cli import app

    runner = CliRunner()
    ok = runner.invoke(app, ["lexicon", "check"])
    assert ok.exit_code == 0 and ok.output.startswith("ok: ")
    d = _write_lexicon(tmp_path, HEADER + "x\tX\t9\tarmed\tSY\t\trebel\tقوة\t\n")
    bad = runner.invoke(app, ["lexicon", "check", str(d)])
    assert bad.exit_code == 1
    assert "actors.tsv:2: 'inter' must be between 0 and 8, not 9" in bad.output
