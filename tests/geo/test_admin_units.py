"""The systematic admin layer: its check script passes, and it reaches the geoparser with its rules."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from rasid.geo.gazetteer import ADMIN_FILE, load, read_admin_units
from rasid.geo.geoparser import Geoparser
from rasid.text.normalize import NormText

ROOT = Path(__file__).resolve().parents[2]


def test_check_script_passes_on_the_committed_file() -> None:
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_gazetteer.py")], capture_output=True,
                         text=True, cwd=ROOT)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "0 problem(s)" in out.stdout


def test_every_syrian_nahiya_is_listed_with_its_source() -> None:
    units = read_admin_units(ADMIN_FILE)
    nahiyas = [p for p in units if p.country == "SY" and p.id.startswith("ocha:SY")]
    assert len(nahiyas) == 272
    assert all(p.admin3 and p.admin2 and p.admin1 for p in nahiyas)
    assert all(p.source == "admin:ocha-syr-cod" for p in nahiyas)
    yemen = [p for p in units if p.country == "YE" and p.feature == "region"]
    assert len(yemen) == 333


def test_yemeni_district_needs_its_country_in_the_article() -> None:
    gp = Geoparser(load())
    # a Yemeni district named with a cue word, in a Yemeni story: found, coded to Yemen
    found = gp.parse(NormText.of("قصفت الطائرات مواقع في مديرية صرواح ومنطقة مجزر في محافظة مأرب اليمنية."))
    assert any(m.country == "Yemen" and m.admin1 == "Marib" for m in found)
    # the same kind of name in a story about Sinjar only is not taken for Yemen's
    iraq = gp.parse(NormText.of("قصفت الطائرات موقعا في منطقة مجزر غرب سنجار."))
    assert not any(m.country == "Yemen" for m in iraq)


def test_common_words_of_the_new_countries_are_not_places() -> None:
    gp = Geoparser(load())
    text = "وقع الهجوم في آب الماضي قرب البيت الأبيض، ورفع المقاتلون الراية البيضاء بحجة الهدنة."
    assert not [m.name for m in gp.parse(NormText.of(text))]
