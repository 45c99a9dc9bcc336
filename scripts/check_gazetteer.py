"""Check the systematic gazetteer files (rasid/data/gazetteer/admin_units.tsv and towns.tsv).

    python scripts/check_gazetteer.py [--report]      # exit 1 and list the problems, if any

Checks, per row: an Arabic and a Latin name; a source key listed in admin/sources.tsv; how the
coordinates were obtained (`coord`); no duplicate id, and no two rows of one governorate with the same
normalised Arabic name and level. Coordinates must lie inside the row's country (bounding box) and in its
governorate. No boundary polygons are available offline, so "in its governorate" is approximated: the
district seat nearest the point (districts.tsv plus the district rows of this file) must be a seat of the
named governorate, or one of them must be no more than SLACK_KM further than the nearest seat. A row may
be allowed to fail that test in ALLOWED, with the reason.
towns.tsv (scripts/build_towns.py): in sync with its transcription, unique ids, names, sources, points
inside the country (`check_towns`).
admin/sy_ocha_admin4.tsv (Aleppo's OCHA communities, scripts/build_admin4.py): unique C-pcodes, a parent
sub-district that exists in sy_ocha_admin.tsv with the row's admin1/admin2/admin3, Arabic and Latin names,
a listed source; each community is in admin_units.tsv (level admin4, at its sub-district's point) or in
sy_ocha_admin4_left_out.txt with a reason (`check_admin4`). Community names repeat only across sub-districts.
`--report` prints the coverage: rows per source and country, nahiyas and districts per governorate.
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rasid.geo.admin import haversine_km, in_bbox  # noqa: E402
from rasid.geo.gazetteer import (  # noqa: E402
    ADMIN_FILE,
    DATA_DIR,
    District,
    Place,
    name_key,
    read_admin_units,
    read_districts,
)
from rasid.lexicon.tsv import has_arabic, read_tsv  # noqa: E402

SLACK_KM = 15.0
#: id -> why its point may sit nearer another governorate's district seats.
ALLOWED: dict[str, str] = {
    "ocha:SY050202": "Al-Ziyarah lies in the northern Ghab plain, nearer Jisr ash-Shughur's seat than "
                     "As-Suqaylabiyah's, but is a nahiya of As-Suqaylabiyah district (Hama)",
    "ocha:SY120001": "Bosra ash-Sham is on Daraa's eastern edge, nearer Salkhad's seat than Daraa's",
    "adm:IQ-ANB-RUT-NUK": "Al-Nukhayb, deep in the desert, is administered from Anbar (Al-Rutba) although "
                          "Karbala's Ain al-Tamur seat is nearer",
    "adm:IQ-ANB-RAM-RAH": "Al-Rahhaliya, west of Lake Razzaza, is Anbar's (Ramadi district) though Ain "
                          "al-Tamur's seat (Karbala) is nearer",
    "adm:IQ-NIN-MOS-QAY": "Al-Qayyarah lies on the Tigris south of Mosul, nearer Makhmour's seat (Erbil) "
                          "across the river than any Ninewa seat",
    "adm:IQ-NIN-TLK-FAY": "Fayda, a nahiya of Tilkaif (Ninewa), lies just south of the city of Duhok",
    "adm:IQ-SUL-DAR": "Darbandikhan, on the dam of the same name, is nearer Halabja's seat than "
                      "Sulaymaniyah's other district seats",
}


def source_keys() -> set[str]:
    return {r.get("key") for r in read_tsv(DATA_DIR / "admin" / "sources.tsv", ("key", "what", "where"))}


def check(places: list[Place], rows: list[dict[str, str]], districts: list[District]) -> list[str]:
    problems: list[str] = []
    keys = source_keys()
    seen_ids: set[str] = set()
    seen_names: dict[tuple[str, str, str, str], str] = {}
    seats: dict[str, list[District]] = defaultdict(list)
    for d in districts:
        seats[d.country].append(d)
    for p, row in zip(places, rows, strict=True):
        where = f"{ADMIN_FILE.name}:{p.id}"
        if p.id in seen_ids:
            problems.append(f"{where}: duplicate id")
        seen_ids.add(p.id)
        if not p.names_ar or not all(has_arabic(n) for n in p.names_ar):
            problems.append(f"{where}: an Arabic name is missing")
        if not re.search(r"[A-Za-z]", p.name):
            problems.append(f"{where}: the Latin name is missing")
        if p.source.removeprefix("admin:") not in keys:
            problems.append(f"{where}: source {p.source!r} is not in admin/sources.tsv")
        if not row.get("coord"):
            problems.append(f"{where}: column coord (how the coordinates were obtained) is empty")
        for n in p.names_ar:
            # communities (admin4) share names across sub-districts, as villages do
            scope = p.admin1 if row.get("level") != "admin4" else f"{p.admin1}/{p.admin3}"
            k = (p.country, scope or "", row.get("level", ""), name_key(n))
            if k in seen_names and seen_names[k] != p.id:
                problems.append(f"{where}: '{n}' repeats {seen_names[k]} (same governorate and level)")
            seen_names[k] = p.id
        if not in_bbox(p.country, p.lat, p.lon):
            problems.append(f"{where}: ({p.lat}, {p.lon}) is outside {p.country}")
            continue
        if p.feature == "admin1" or p.id in ALLOWED:
            continue
        cands = seats.get(p.country, [])
        if not cands:
            continue
        nearest = min(cands, key=lambda d: haversine_km(p.lat, p.lon, d.lat, d.lon))
        own = [d for d in cands if d.admin1 == p.admin1]
        if not own:
            problems.append(f"{where}: no district seat known for governorate {p.admin1!r}")
            continue
        d_own = min(haversine_km(p.lat, p.lon, d.lat, d.lon) for d in own)
        d_any = haversine_km(p.lat, p.lon, nearest.lat, nearest.lon)
        if nearest.admin1 != p.admin1 and d_own > d_any + SLACK_KM:
            problems.append(f"{where}: ({p.lat}, {p.lon}) is nearer {nearest.admin2} ({nearest.admin1}, "
                            f"{d_any:.0f} km) than any district seat of {p.admin1} ({d_own:.0f} km)")
    return problems


def report(places: list[Place], rows: list[dict[str, str]]) -> None:
    by_source: Counter[tuple[str, str]] = Counter()
    by_gov: Counter[tuple[str, str, str]] = Counter()
    coords: Counter[tuple[str, str]] = Counter()
    for p, row in zip(places, rows, strict=True):
        by_source[(p.source.removeprefix("admin:"), p.country)] += 1
        by_gov[(p.country, p.admin1 or "", row.get("level", ""))] += 1
        coords[(p.country, row.get("coord", "").split(":")[0].split(";")[0])] += 1
    print("rows per source and country:")
    for (src, cc), n in sorted(by_source.items()):
        print(f"  {src:14} {cc}  {n}")
    print("how coordinates were obtained:")
    for (cc, how), n in sorted(coords.items()):
        print(f"  {cc} {how:12} {n}")
    print("units per governorate:")
    for (cc, gov, level), n in sorted(by_gov.items()):
        print(f"  {cc} {gov:24} {level:7} {n}")


def load() -> tuple[list[Place], list[dict[str, str]]]:
    places = read_admin_units()
    rows = [r.cells for r in read_tsv(ADMIN_FILE, ("id",))]
    return places, rows


def check_towns() -> tuple[int, list[str]]:
    """towns.tsv: up to date with its transcription (scripts/build_towns.py), unique ids that no supplement
    row takes, an Arabic and a Latin name, a listed source, a known feature and rule, a point inside the
    country, and for GeoNames rows the GeoNames point."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_towns

    from rasid.geo.gazetteer import TOWNS_COLUMNS, TOWNS_FILE, read_places, read_towns, supplement_files

    problems: list[str] = []
    built = build_towns.build()
    committed = [r.cells for r in read_tsv(TOWNS_FILE, ("id",))]
    if [{c: r.get(c) or "" for c in TOWNS_COLUMNS} for r in built] != [
            {c: r.get(c) or "" for c in TOWNS_COLUMNS} for r in committed]:
        problems.append(f"{TOWNS_FILE.name}: out of date with admin/towns_ar.tsv (run scripts/build_towns.py)")
    keys = source_keys()
    supplement_ids = {p.id for path in supplement_files() for p in read_places(path, "supplement")}
    seen: set[str] = set()
    places = read_towns()
    for p, row in zip(places, committed, strict=True):
        where = f"{TOWNS_FILE.name}:{p.id}"
        if p.id in seen or p.id in supplement_ids:
            problems.append(f"{where}: duplicate id")
        seen.add(p.id)
        if not re.search(r"[A-Za-z]", p.name) or not all(has_arabic(n) for n in p.names_ar):
            problems.append(f"{where}: needs a Latin name and Arabic names")
        if row.get("source") not in keys:
            problems.append(f"{where}: source {row.get('source')!r} is not in admin/sources.tsv")
        if not in_bbox(p.country, p.lat, p.lon):
            problems.append(f"{where}: ({p.lat}, {p.lon}) is outside {p.country}")
    return len(places), problems


ADMIN4_FILE = DATA_DIR / "admin" / "sy_ocha_admin4.tsv"
ADMIN4_LEFT_OUT = DATA_DIR / "admin" / "sy_ocha_admin4_left_out.txt"


def check_admin4(places: list[Place], rows: list[dict[str, str]]) -> tuple[int, list[str]]:
    """sy_ocha_admin4.tsv: unique pcodes, an existing parent sub-district whose names the row repeats, Arabic
    and Latin names, a listed source; each community coded in admin_units.tsv at its sub-district's point
    (level admin4) or listed with a reason in sy_ocha_admin4_left_out.txt."""
    problems: list[str] = []
    keys = source_keys()
    admin = {r.get("pcode"): r for r in read_tsv(DATA_DIR / "admin" / "sy_ocha_admin.tsv",
                                                  ("level", "pcode", "name_en", "name_ar"))}
    units = {row.get("pcode"): (p, row) for p, row in zip(places, rows, strict=True)}
    left_out = {line.split("\t")[0] for line in ADMIN4_LEFT_OUT.read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#")}
    seen: set[str] = set()
    n = 0
    for r in read_tsv(ADMIN4_FILE, ("pcode", "parent", "admin1", "admin2", "admin3", "name_en", "name_ar",
                                     "names_ar", "source")):
        n += 1
        code = r.get("pcode")
        where = f"{ADMIN4_FILE.name}:{code}"
        if not re.fullmatch(r"C\d{4}", code) or code in seen:
            problems.append(f"{where}: pcode malformed or repeated")
        seen.add(code)
        a3 = admin.get(r.get("parent"))
        if a3 is None or a3.get("level") != "admin3":
            problems.append(f"{where}: parent {r.get('parent')!r} is no sub-district of sy_ocha_admin.tsv")
        else:
            a2 = admin[a3.get("parent")]
            a1 = admin[a2.get("parent")]
            if (r.get("admin1"), r.get("admin2"), r.get("admin3")) != (a1.get("name_en"), a2.get("name_en"),
                                                                        a3.get("name_en")):
                problems.append(f"{where}: admin1/admin2/admin3 differ from its parent's")
        if not has_arabic(r.get("name_ar")) or not r.many("names_ar") or \
                not all(has_arabic(x) and not re.search(r"[A-Za-z]", x) for x in r.many("names_ar")):
            problems.append(f"{where}: an Arabic name is missing")
        if not re.search(r"[A-Za-z]", r.get("name_en")):
            problems.append(f"{where}: the Latin name is missing")
        if r.get("source") not in keys:
            problems.append(f"{where}: source {r.get('source')!r} is not in admin/sources.tsv")
        unit = units.get(code)
        if unit is None:
            if code not in left_out:
                problems.append(f"{where}: neither in {ADMIN_FILE.name} nor in {ADMIN4_LEFT_OUT.name}")
            continue
        p, row = unit
        seat = units.get(r.get("parent"))
        if row.get("level") != "admin4" or seat is None or (p.lat, p.lon) != (seat[0].lat, seat[0].lon):
            problems.append(f"{where}: not coded at its sub-district's point in {ADMIN_FILE.name}")
        if not set(p.names_ar) <= set(r.many("names_ar")):
            problems.append(f"{where}: {ADMIN_FILE.name} gives it names it does not have")
    return n, problems


def main(argv: list[str]) -> int:
    places, rows = load()
    problems = check(places, rows, read_districts(units=places))
    n_towns, town_problems = check_towns()
    problems += town_problems
    n_admin4, admin4_problems = check_admin4(places, rows)
    problems += admin4_problems
    if "--report" in argv:
        report(places, rows)
    for line in problems:
        print(line)
    print(f"{len(places)} admin rows, {n_towns} town rows and {n_admin4} communities checked, "
          f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
