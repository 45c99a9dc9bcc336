"""Importers and the gazetteer CLI, on small files written here."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rasid.cli import app
from rasid.geo.importers import ImportError_, download_geonames, import_geonames, import_ocha

runner = CliRunner()


def geonames_line(gid, name, alternates, lat, lon, fclass, fcode, cc, admin1, pop=0):
    cols = [str(gid), name, name, ",".join(alternates), str(lat), str(lon), fclass, fcode, cc, "", admin1, "",
            "", "", str(pop), "", "200", "Asia/Damascus", "2020-01-01"]
    assert len(cols) == 19
    return "\t".join(cols)


def write_dump(path: Path) -> Path:
    path.write_text("\n".join([
        geonames_line(9000001, "Qaryat al-Tajriba", ["Qaryat al-Tajriba", "قرية التجربة الشرقية"], 35.1, 40.3,
                      "P", "PPL", "SY", "07", 1200),
        geonames_line(9000002, "No Arabic Here", ["Nowhere"], 35.2, 40.2, "P", "PPL", "SY", "07"),
        geonames_line(9000003, "Mukhayyam al-Tajriba", ["مخيم التجربة الغربي"], 36.3, 41.1, "S", "CMPRF", "SY",
                      "01"),
        geonames_line(9000004, "Some Hill", ["تلة التجربة"], 36.3, 41.1, "T", "HLL", "SY", "01"),
        geonames_line(9000005, "Unknown Spot", ["نقطة التجربة"], 36.3, 41.1, "S", "RSTN", "SY", "01"),
    ]) + "\n", encoding="utf-8")
    return path


def test_geonames_import_keeps_arabic_named_places(tmp_path):
    dest = import_geonames(write_dump(tmp_path / "SY.txt"), dest_dir=tmp_path / "out")
    rows = [r.split("\t") for r in dest.read_text(encoding="utf-8").splitlines()[2:]]
    by_id = {r[0]: r for r in rows}
    assert set(by_id) == {"gn:9000001", "gn:9000003", "gn:9000004"}  # no Arabic name / unmapped feature dropped
    village = by_id["gn:9000001"]
    assert village[2] == "قرية التجربة الشرقية" and village[3] == "populated" and village[7] == "Deir ez-Zor"
    assert by_id["gn:9000003"][3] == "camp" and by_id["gn:9000003"][7] == "Hasakah"


def test_imported_places_join_the_gazetteer(tmp_path):
    from rasid.geo.gazetteer import build
    from rasid.geo.geoparser import Geoparser
    from rasid.text.normalize import NormText

    dest = import_geonames(write_dump(tmp_path / "SY.txt"), dest_dir=tmp_path / "out")
    gaz = build(extra=[dest])
    (place,) = gaz.lookup("قرية التجربة الشرقية")
    assert place.source == "import:geonames-SY" and place.admin2 == "Al Mayadin"
    (m,) = Geoparser(gaz).parse(NormText.of("قصف على قرية التجربة الشرقية"))
    assert m.place_id == "gn:9000001" and m.admin1 == "Deir ez-Zor"


def test_geonames_import_reports_the_bad_line(tmp_path):
    bad = tmp_path / "IQ.txt"
    bad.write_text(geonames_line(1, "a", ["ب"], 33, 44, "P", "PPL", "IQ", "07") + "\n1\tonly\tthree\n",
                   encoding="utf-8")
    with pytest.raises(ImportError_, match=r"IQ\.txt:2: expected 19"):
        import_geonames(bad, dest_dir=tmp_path)


def write_ocha(path: Path, header: str) -> Path:
    path.write_text(
        header + "\n"
        "SY0701,Deir ez-Zor,Qaryat al-Ikhtibar,قرية الاختبار,35.20,40.40,Dayr az Zawr,Al Mayadin\n"
        "SY0702,Deir ez-Zor,Latin Only,,35.21,40.41,Dayr az Zawr,Al Mayadin\n",
        encoding="utf-8",
    )
    return path


def test_ocha_import_with_default_columns(tmp_path):
    csv = write_ocha(tmp_path / "places.csv", "admin4Pcode,admin1,admin4Name_en,admin4Name_ar,latitude,longitude,"
                                              "admin1Name_en,admin2Name_en")
    dest = import_ocha(csv, dest_dir=tmp_path / "out", country="SY")
    rows = [r.split("\t") for r in dest.read_text(encoding="utf-8").splitlines()[2:]]
    assert len(rows) == 1
    assert rows[0][:4] == ["pcode:SY0701", "Qaryat al-Ikhtibar", "قرية الاختبار", "populated"]
    assert rows[0][7] == "Deir ez-Zor" and rows[0][8] == "Al Mayadin"  # OCHA spelling made canonical


def test_ocha_import_with_configured_columns(tmp_path):
    csv = write_ocha(tmp_path / "p.csv", "code,gov,en,ar,y_coord,x_coord,gov_en,dist")
    with pytest.raises(ImportError_, match="name_ar"):
        import_ocha(csv, dest_dir=tmp_path, country="SY")
    dest = import_ocha(csv, dest_dir=tmp_path / "out", country="SY",
                       columns={"name_ar": "ar", "name_en": "en", "pcode": "code", "lat": "y_coord",
                                "lon": "x_coord", "admin1": "gov_en", "admin2": "dist"})
    assert "قرية الاختبار" in dest.read_text(encoding="utf-8")
    with pytest.raises(ImportError_, match="no column 'missing'"):
        import_ocha(csv, dest_dir=tmp_path, country="SY", columns={"name_ar": "missing"})


def test_download_from_a_local_mirror(tmp_path):
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    dump = write_dump(tmp_path / "SY.txt")
    with zipfile.ZipFile(mirror / "SY.zip", "w") as zf:
        zf.write(dump, "SY.txt")
    (out,) = download_geonames(["sy"], dest_dir=tmp_path / "out", base_url=mirror.as_uri())
    assert out.name == "geonames-SY.tsv" and "قرية التجربة الشرقية" in out.read_text(encoding="utf-8")
    with pytest.raises(ImportError_, match="cannot fetch"):
        download_geonames(["IQ"], dest_dir=tmp_path / "out", base_url=mirror.as_uri())


def test_download_with_an_injected_opener(tmp_path):
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.write(write_dump(tmp_path / "SY.txt"), "SY.txt")
    asked = []

    def opener(url):
        asked.append(url)
        return io.BytesIO(buf.getvalue())

    download_geonames(["SY"], dest_dir=tmp_path / "out", base_url="https://example.invalid/dump", opener=opener)
    assert asked == ["https://example.invalid/dump/SY.zip"]


def test_cache_key_changes_when_an_import_is_added(tmp_path, monkeypatch):
    from rasid.geo import gazetteer as gz

    monkeypatch.setenv("RASID_DATA_DIR", str(tmp_path / "data"))
    before = gz.inputs_digest()
    import_geonames(write_dump(tmp_path / "SY.txt"))
    assert gz.user_data_dir() == tmp_path / "data" / "gazetteer"
    assert gz.inputs_digest() != before


# ---- CLI ------------------------------------------------------------------------------------------
def test_cli_lookup_explains_the_ranking():
    result = runner.invoke(app, ["gazetteer", "lookup", "الحميدية", "--context", "قصف على مدينة طرطوس"])
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert "Tartous" in first and "score" in first
    assert "km" in result.output  # distance reasoning shown
    result = runner.invoke(app, ["gazetteer", "lookup", "Hajin"])
    assert result.exit_code == 0 and "34.69" in result.output


def test_cli_lookup_unknown_name_is_one_line_error():
    result = runner.invoke(app, ["gazetteer", "lookup", "لامكان"])
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0 and "Traceback" not in result.output


def test_cli_import_and_download(tmp_path, monkeypatch):
    monkeypatch.setenv("RASID_DATA_DIR", str(tmp_path / "data"))
    dump = write_dump(tmp_path / "SY.txt")
    result = runner.invoke(app, ["gazetteer", "import", str(dump)])
    assert result.exit_code == 0, result.output
    assert "imported 3 places" in result.output
    mirror = tmp_path / "m"
    mirror.mkdir()
    with zipfile.ZipFile(mirror / "IQ.zip", "w") as zf:
        zf.writestr("IQ.txt", geonames_line(7, "Qarya", ["قرية المثال"], 33.3, 44.4, "P", "PPL", "IQ", "07") + "\n")
    result = runner.invoke(app, ["gazetteer", "download", "IQ", "--base-url", mirror.as_uri()])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "data" / "gazetteer" / "geonames-IQ.tsv").is_file()


def test_cli_errors_have_no_traceback(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("not\ta\tgeonames\tline\n", encoding="utf-8")
    for args in (["gazetteer", "import", str(bad)], ["gazetteer", "import", str(tmp_path / "missing.txt")],
                 ["gazetteer", "import", str(bad), "--format", "xml"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, args
        assert result.stderr.startswith("rasid: ") and "Traceback" not in result.stderr


def test_cli_parse_debug_view(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("الميادين (سوريا) - اشتباكات في بلدة ذيبان بريف دير الزور الشرقي", encoding="utf-8")
    result = runner.invoke(app, ["gazetteer", "parse", str(f)])
    assert result.exit_code == 0, result.output
    assert "[dateline]" in result.output and "Thiban" in result.output and "eastern countryside" in result.output


def test_corrupt_cache_is_rebuilt(tmp_path, monkeypatch):
    from rasid.geo import gazetteer as gz

    monkeypatch.setenv("RASID_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(gz, "_LOADED", None)
    digest = gz.inputs_digest()
    path = tmp_path / "cache" / f"gazetteer-{digest}.pickle"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a pickle")
    g = gz.load()
    assert len(g.places) > 1000 and g.digest == digest
    assert path.stat().st_size > 10_000  # rewritten
    monkeypatch.setattr(gz, "_LOADED", None)
