"""Build rasid/data/gazetteer/admin_units.tsv from the transcribed source lists in rasid/data/gazetteer/admin/.

    python scripts/build_admin_gazetteer.py            # writes admin_units.tsv and prints a coverage report

Inputs (facts, each with a source key listed in admin/sources.tsv):
- sy_ocha_admin.tsv: Syria's governorates, districts and the 272 sub-districts (nahiyas), OCHA pcodes;
- ye_ocha_admin.tsv + ye_district_centres.tsv: Yemen's 333 districts and their centre coordinates;
- lb_ps_ly_sd_admin.tsv: Lebanese districts, Palestinian governorates, Libyan districts, Sudanese states;
- iq_admin.tsv: Iraq's districts (qada) and sub-districts (nahiya) in the 18 governorates and Halabja;
- sy_ocha_admin4.tsv: Aleppo's 1,904 OCHA communities (admin4), built by scripts/build_admin4.py.

Coordinates: a unit named after its seat town takes the town's coordinates from the curated supplement or
GeoNames cities500 (same normalised Arabic name, nearest to the district seat, within SEAT_KM; a Syrian
nahiya also the governorate's only town of its name within 100 km of the district seat), recorded
in column `coord` as ``seat:<place id>``; otherwise the source's own coordinates (``source``) or, for a
Syrian nahiya whose seat is unknown, its district seat (``admin2-seat``, feature region, cue-only).
Matching rule (`match`): a single-word name that no curated or Syrian/Iraqi place carries is cue-only
(many are common words: الكرامة، الثورة، عين ...); other unit names are weak (a cue word or a preposition
first); names that start with their own cue word (محافظة، قضاء، ولاية، شعبية، مدينة) match as usual.
"""

from __future__ import annotations

import difflib
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rasid.geo.admin import canonical_admin1, haversine_km  # noqa: E402
from rasid.geo.gazetteer import (  # noqa: E402
    ADMIN_FILE,
    DATA_DIR,
    Place,
    geonames_places,
    name_key,
    read_districts,
    read_places,
    read_stopnames,
    read_towns,
    supplement_files,
)
from rasid.lexicon.tsv import read_tsv  # noqa: E402

SRC = DATA_DIR / "admin"
SEAT_KM = 30.0
HEADER = ("id", "name", "names_ar", "feature", "lat", "lon", "country", "admin1", "admin2", "admin3",
          "population", "level", "pcode", "coord", "match", "source")
#: where a country row is placed (its capital's first-level unit)
_CAPITAL_ADMIN1 = {"YE": "Amanat al Asimah", "LY": "Tripoli", "SD": "Khartoum", "PS": "West Bank"}
_CUED = ("محافظه ", "قضاء ", "ولايه ", "شعبيه ", "مدينه ", "ناحيه ", "مركز ")


class Seats:
    """Known towns (supplement + GeoNames) by normalised Arabic name, to place units at their seat."""

    def __init__(self, places: list[Place]) -> None:
        self.by_name: dict[str, list[Place]] = defaultdict(list)
        for p in places:
            if p.feature in ("populated", "neighbourhood", "admin1"):
                for n in p.names_ar:
                    self.by_name[name_key(n)].append(p)

    def find(self, name: str, country: str, lat: float, lon: float, km: float = SEAT_KM) -> Place | None:
        key = name_key(name)
        keys = {key, key[2:] if key.startswith("ال") else "ال" + key}
        cands = [p for k in keys for p in self.by_name.get(k, ()) if p.country == country]
        cands = [p for p in cands if haversine_km(p.lat, p.lon, lat, lon) <= km]
        return min(cands, key=lambda p: haversine_km(p.lat, p.lon, lat, lon)) if cands else None


def _match_rule(names: list[str], strong_names: set[str]) -> str:
    keys = [name_key(n) for n in names]
    if all(k.startswith(_CUED) for k in keys):
        return "default"
    bare = [k for k in keys if not k.startswith(_CUED)]
    if any(k in strong_names for k in bare):
        return "default"
    return "cue" if all(" " not in k for k in bare) else "weak"


def _row(**kw: object) -> dict[str, object]:
    return {k: kw.get(k, "") for k in HEADER}


def build_syria(seats: Seats, strong: set[str], report: Counter[str]) -> list[dict[str, object]]:
    rows = list(read_tsv(SRC / "sy_ocha_admin.tsv", ("level", "pcode", "name_en", "name_ar")))
    by_code = {r.get("pcode"): r for r in rows}
    seat_of = {(d.country, d.admin2): d for d in read_districts()}
    out = []
    for r in rows:
        if r.get("level") != "admin3":
            continue
        d = by_code[r.get("parent")]
        g = by_code[d.get("parent")]
        admin1 = canonical_admin1(g.get("name_en")) or g.get("name_en")
        admin2 = d.get("name_en")
        dseat = seat_of.get(("SY", admin2)) or _nearest_seat_by_name(seat_of, admin1, d.get("name_ar"), seats)
        name_ar = r.get("name_ar")
        seat_name = re.sub(r"^مركز\s*", "", name_ar)
        ref = (dseat.lat, dseat.lon) if dseat else (0.0, 0.0)
        seat = seats.find(seat_name, "SY", *ref, km=60.0) if dseat else None
        if seat is None and dseat is not None:
            # a seat town further out (Maskana, 63 km from Menbij): the only town of that name in the governorate
            far = [p for p in seats.by_name.get(name_key(seat_name), ()) if p.country == "SY" and p.admin1 == admin1
                   and haversine_km(p.lat, p.lon, *ref) <= 100.0]
            seat = far[0] if len(far) == 1 else None
        if seat is not None:
            lat, lon, coord, feature = seat.lat, seat.lon, f"seat:{seat.id}", "populated"
            report["SY nahiya seat found"] += 1
        elif dseat is not None:
            lat, lon, coord, feature = dseat.lat, dseat.lon, "admin2-seat", "region"
            report["SY nahiya at district seat"] += 1
        else:
            raise SystemExit(f"no district seat for {admin2} ({admin1})")
        names = [seat_name] if seat is not None or name_ar.startswith("مركز") else [name_ar]
        rule = "default" if seat is not None and name_key(seat_name) in strong else _match_rule(names, strong)
        if feature == "region":
            rule = "cue"
        out.append(_row(id=f"ocha:{r.get('pcode')}", name=r.get("name_en"), names_ar="|".join(names),
                        feature=feature, lat=f"{lat:.4f}", lon=f"{lon:.4f}", country="SY", admin1=admin1,
                        admin2=admin2, admin3=r.get("name_en"), level="admin3", pcode=r.get("pcode"),
                        coord=coord, match=rule, source="ocha-syr-cod"))
    return out


def _nearest_seat_by_name(seat_of: dict, admin1: str, name_ar: str, seats: Seats):  # type: ignore[no-untyped-def]
    """A district missing from districts.tsv: its seat town by Arabic name, in the governorate."""
    name = re.sub(r"^مركز\s*", "", name_ar)
    cands = [p for p in seats.by_name.get(name_key(name), []) if p.country == "SY" and p.admin1 == admin1]
    if not cands:
        return None
    p = cands[0]
    from rasid.geo.gazetteer import District

    return District("SY", admin1, name, p.lat, p.lon)


def _en_key(s: str) -> str:
    s = s.lower().replace("‑", "-")
    s = re.sub(r"\b(al|as|ash|at|ad|adh|ar|az|an|ath)[-\s']", "", s)
    s = re.sub(r"\b(city)\b", "city", s)
    return re.sub(r"[^a-z]", "", s)


def build_yemen(seats: Seats, strong: set[str], report: Counter[str]) -> list[dict[str, object]]:
    rows = list(read_tsv(SRC / "ye_ocha_admin.tsv", ("level", "pcode", "name_en", "name_ar")))
    gov = {r.get("pcode"): r for r in rows if r.get("level") == "admin1"}
    centres: dict[str, list[tuple[str, float, float]]] = defaultdict(list)
    for c in read_tsv(SRC / "ye_district_centres.tsv", ("gov", "name_en", "lat", "lon")):
        centres[c.get("gov")].append((_en_key(c.get("name_en")), float(c.get("lat")), float(c.get("lon"))))
    out = []
    pairs = _pair_centres([r for r in rows if r.get("level") == "admin2"], centres)
    for r in rows:
        if r.get("level") != "admin2":
            continue
        g = gov[r.get("parent")]
        admin1 = canonical_admin1(g.get("name_en")) or g.get("name_en")
        c = pairs.get(r.get("pcode"))
        if c is None:
            report["YE district without centre (skipped)"] += 1
            print(f"  YE no centre: {r.get('pcode')} {r.get('name_en')}", file=sys.stderr)
            continue
        name_ar = r.get("name_ar")
        lat, lon, coord = c[1], c[2], "source"
        seat = seats.find(name_ar, "YE", lat, lon)
        if seat is not None:
            coord = f"source; seat {seat.id} at {haversine_km(seat.lat, seat.lon, lat, lon):.0f} km"
            report["YE district with a seat town"] += 1
        report["YE district"] += 1
        out.append(_row(id=f"ocha:YE{r.get('pcode')[2:]}", name=r.get("name_en"), names_ar=name_ar,
                        feature="region", lat=f"{lat:.4f}", lon=f"{lon:.4f}", country="YE", admin1=admin1,
                        admin2=r.get("name_en"), level="admin2", pcode=r.get("pcode"), coord=coord,
                        match=_match_rule([name_ar], strong), source="ocha-yem-cod"))
    for code, g in gov.items():
        admin1 = canonical_admin1(g.get("name_en")) or g.get("name_en")
        names = [g.get("name_ar"), "محافظة " + g.get("name_ar")]
        pts = [c for c in centres[code]]
        lat = sum(p[1] for p in pts) / len(pts)
        lon = sum(p[2] for p in pts) / len(pts)
        seat = seats.find(g.get("name_ar"), "YE", lat, lon, km=150.0)
        coord = "mean of district centres"
        if seat is not None:
            lat, lon, coord = seat.lat, seat.lon, f"seat:{seat.id}"
        out.append(_row(id=f"ocha:{code}", name=admin1, names_ar="|".join(names), feature="admin1",
                        lat=f"{lat:.4f}", lon=f"{lon:.4f}", country="YE", admin1=admin1, level="admin1",
                        pcode=code, coord=coord, match="default" if seat is not None else "weak",
                        source="ocha-yem-cod"))
    return out


def _pair_centres(districts: list, centres: dict) -> dict:  # type: ignore[type-arg]
    """District pcode -> (key, lat, lon): per governorate, the most similar English names first
    (difflib ratio >= 0.5); a last unpaired district and centre of a governorate are paired."""
    out = {}
    by_gov: dict[str, list] = defaultdict(list)  # type: ignore[type-arg]
    for r in districts:
        by_gov[r.get("parent")].append(r)
    for gov, ds in by_gov.items():
        pool = list(centres.get(gov, []))
        scored = sorted(((difflib.SequenceMatcher(None, _en_key(r.get("name_en")), c[0]).ratio(), i, j)
                         for i, r in enumerate(ds) for j, c in enumerate(pool)), reverse=True)
        done_d: set[int] = set()
        done_c: set[int] = set()
        for ratio, i, j in scored:
            if ratio < 0.5 or i in done_d or j in done_c:
                continue
            done_d.add(i)
            done_c.add(j)
            out[ds[i].get("pcode")] = pool[j]
        left_d = [i for i in range(len(ds)) if i not in done_d]
        left_c = [j for j in range(len(pool)) if j not in done_c]
        if len(left_d) == 1 and len(left_c) == 1:
            out[ds[left_d[0]].get("pcode")] = pool[left_c[0]]
    return out


def build_iraq(seats: Seats, strong: set[str], report: Counter[str]) -> list[dict[str, object]]:
    """Iraqi qadas (admin2, feature region) and nahiyas (admin3) from iq_admin.tsv. A point given there is
    replaced by the seat town's (same Arabic name within 25 km); a qada without a point takes its
    districts.tsv seat; a nahiya without a point takes its seat town within 60 km of the district seat, or
    else the district seat itself (feature region, cue-only), as Syria's nahiyas do."""
    rows = list(read_tsv(SRC / "iq_admin.tsv", ("level", "code", "admin1", "name_en", "names_ar")))
    seat_of = {(d.admin1, d.admin2): d for d in read_districts() if d.country == "IQ"}
    qadas: dict[str, tuple[str, float, float]] = {}
    out = []
    for r in rows:
        level, admin1, name_en = r.get("level"), r.get("admin1"), r.get("name_en")
        if canonical_admin1(admin1) != admin1:
            raise SystemExit(f"iq_admin.tsv: {admin1!r} is not a canonical governorate name")
        names = r.many("names_ar")
        # a common-word name is listed only with its cue word (ناحية الحرية); the seat town has the bare name
        seat_name = re.sub(r"^(ناحية|قضاء)\s+", "", names[0])
        given = bool(r.get("lat"))
        if level == "admin2":
            if given:
                lat, lon, coord = float(r.get("lat")), float(r.get("lon")), "source"
            elif (admin1, name_en) in seat_of:
                d = seat_of[(admin1, name_en)]
                lat, lon, coord = d.lat, d.lon, "rasid-districts"
            else:
                raise SystemExit(f"iq_admin.tsv: qada {name_en} ({admin1}) has no point and no districts.tsv seat")
            seat = seats.find(seat_name, "IQ", lat, lon, km=25.0)
            if seat is not None:
                lat, lon, coord = seat.lat, seat.lon, f"seat:{seat.id}"
                report["IQ qada at its seat town"] += 1
            report["IQ qada"] += 1
            qadas[r.get("code")] = (name_en, lat, lon)
            out.append(_row(id=f"adm:IQ-{r.get('code')}", name=name_en, names_ar="|".join(names),
                            feature="region", lat=f"{lat:.4f}", lon=f"{lon:.4f}", country="IQ", admin1=admin1,
                            admin2=name_en, level="admin2", pcode="", coord=coord,
                            match=_match_rule(names, strong), source="rasid-iq-admin"))
            continue
        qada, dlat, dlon = qadas[r.get("parent")]
        feature = "populated"
        if given:
            lat, lon, coord = float(r.get("lat")), float(r.get("lon")), "source"
            seat = seats.find(seat_name, "IQ", lat, lon, km=25.0)
        else:
            seat = seats.find(seat_name, "IQ", dlat, dlon, km=60.0)
            lat, lon, coord, feature = dlat, dlon, "admin2-seat", "region"
        if seat is not None:
            lat, lon, coord, feature = seat.lat, seat.lon, f"seat:{seat.id}", "populated"
        report[f"IQ nahiya {'at its seat town' if seat else coord}"] += 1
        cued = all(name_key(n).startswith(_CUED) for n in names)
        rule = "default" if cued else "cue" if feature == "region" else _match_rule(names, strong)
        out.append(_row(id=f"adm:IQ-{r.get('code')}", name=name_en, names_ar="|".join(names), feature=feature,
                        lat=f"{lat:.4f}", lon=f"{lon:.4f}", country="IQ", admin1=admin1, admin2=qada,
                        admin3=name_en, level="admin3", pcode="", coord=coord, match=rule,
                        source="rasid-iq-admin"))
    return out


def build_others(seats: Seats, strong: set[str], report: Counter[str]) -> list[dict[str, object]]:
    cols = ("country", "level", "code", "name_en", "names_ar", "seat_ar", "lat", "lon")
    rows = list(read_tsv(SRC / "lb_ps_ly_sd_admin.tsv", cols))
    by_code = {r.get("code"): r for r in rows}
    out = []
    for r in rows:
        cc, level = r.get("country"), r.get("level")
        lat, lon = float(r.get("lat")), float(r.get("lon"))
        seat = seats.find(r.get("seat_ar"), cc, lat, lon, km=25.0)
        coord = "source"
        if seat is not None:
            lat, lon, coord = seat.lat, seat.lon, f"seat:{seat.id}"
            report[f"{cc} seat found in GeoNames/supplement"] += 1
        report[f"{cc} {level}"] += 1
        parent = by_code.get(r.get("parent")) if r.get("parent") else None
        admin1 = (parent or r).get("name_en") if level != "country" else _CAPITAL_ADMIN1[cc]
        admin2 = r.get("name_en") if level == "admin2" else ""
        names = r.many("names_ar")
        feature = {"admin1": "admin1", "country": "country"}.get(level, "region")
        out.append(_row(id=f"adm:{r.get('code')}", name=r.get("name_en"), names_ar="|".join(names),
                        feature=feature, lat=f"{lat:.4f}", lon=f"{lon:.4f}", country=cc, admin1=admin1,
                        admin2=admin2, level=level, pcode=r.get("code"), coord=coord,
                        match=_match_rule(names, strong), source="rasid-admin"))
    return out


#: first words that make a name read like a person's ("أبو جبار", "الشيخ علي", "حاج خليل"): cue-only
_PERSON_HEADS = frozenset(name_key(w) for w in (
    "أبو", "ابو", "أم", "ام", "الشيخ", "شيخ", "حاج", "حاجي", "حج", "الحج", "السيد", "علي", "عبده", "سيف", "نور",
    "جمعة", "لاله", "يوسف", "حسن", "حيدر", "عمر"))


def _article_variants(key: str) -> set[str]:
    return {key, key[2:] if key.startswith("ال") else "ال" + key}


def build_syria_admin4(units: list[dict[str, object]], known: set[str], report: Counter[str],
                       left_out: list[tuple[str, str, str]]) -> list[dict[str, object]]:
    """Aleppo's OCHA communities (sy_ocha_admin4.tsv), each at its sub-district's seat point (the source has
    no coordinates; `coord` = ``admin3-seat:<unit id>``, level admin4, read as precision 2).

    A bigger place always wins: a name that a known place carries (supplement, towns, GeoNames, the other
    admin units; with or without the article) is not given to the community, nor is a stop name of kind
    `never` (common words: stopnames.tsv), nor a name an earlier community of its sub-district has (the
    list gives a few villages twice, or two halves of a village one alternative name). One-word names are cue-only (``قرية X``, ``بلدة X``), longer
    names weak (a cue word or a preposition first) unless they read like a person's (`_PERSON_HEADS`: cue-only),
    stop names of kind weak/cue keep that rule. A community
    left without a name is left out (`left_out`: pcode, name, reason)."""
    never, weak_stop, cue_stop = read_stopnames()
    seat = {str(u["pcode"]): u for u in units if u["country"] == "SY" and u["level"] == "admin3"}
    taken: dict[tuple[str, str], str] = {}  # (sub-district, name key) -> the community that has the name
    out = []
    for r in read_tsv(SRC / "sy_ocha_admin4.tsv", ("pcode", "parent", "admin1", "admin2", "admin3", "name_en",
                                                   "name_ar", "names_ar", "source")):
        unit = seat[r.get("parent")]
        names, rules, why = [], set(), []
        for n in r.many("names_ar"):
            key = name_key(n)
            variants = _article_variants(key)
            if variants & known:
                why.append(f"{n}: a known place's name")
                continue
            if variants & never:
                why.append(f"{n}: a common word (stopnames never)")
                continue
            other = taken.get((r.get("parent"), key))
            if other is not None and other != r.get("pcode"):
                why.append(f"{n}: {other}'s name in the same sub-district (listed twice)")
                continue
            taken[(r.get("parent"), key)] = r.get("pcode")
            names.append(n)
            if variants & cue_stop or " " not in key or key.split(" ", 1)[0] in _PERSON_HEADS:
                rules.add("cue")
            else:
                rules.add("weak")
        if not names:
            report["SY community left out (admin/sy_ocha_admin4_left_out.txt)"] += 1
            left_out.append((r.get("pcode"), r.get("name_ar"), "; ".join(why)))
            continue
        report["SY community (admin4) at its sub-district seat"] += 1
        rule = "weak" if "weak" in rules else "cue"
        coord = f"admin3-seat:{unit['id']}" if str(unit["coord"]).startswith("seat:") else \
            f"admin3-seat:{unit['id']} ({unit['coord']})"
        out.append(_row(id=f"ocha:{r.get('pcode')}", name=r.get("name_en"), names_ar="|".join(names),
                        feature="populated", lat=unit["lat"], lon=unit["lon"], country="SY",
                        admin1=r.get("admin1"), admin2=r.get("admin2"), admin3=r.get("admin3"), level="admin4",
                        pcode=r.get("pcode"), coord=coord, match=rule, source=r.get("source")))
    return out


def main() -> int:
    supplement = [p for path in supplement_files() for p in read_places(path, "supplement")]
    geonames = geonames_places()
    seats = Seats(supplement + geonames)
    strong = {name_key(n) for p in supplement for n in p.names_ar}
    strong |= {name_key(n) for p in geonames if p.country in ("SY", "IQ") for n in p.names_ar}
    report: Counter[str] = Counter()
    rows = build_syria(seats, strong, report) + build_yemen(seats, strong, report) + \
        build_others(seats, strong, report) + build_iraq(seats, strong, report)
    # names a community may not take: every place the gazetteer matches already (a bigger place wins)
    known = {name_key(n) for p in supplement + read_towns() for n in p.names_ar}
    known |= {name_key(n) for p in geonames
              if p.country not in ("TR", "JO") or p.population >= 100_000 for n in p.names_ar}
    known |= {name_key(n) for row in rows for n in str(row["names_ar"]).split("|")}
    left_out: list[tuple[str, str, str]] = []
    rows += build_syria_admin4(rows, known, report, left_out)
    with (SRC / "sy_ocha_admin4_left_out.txt").open("w", encoding="utf-8") as fh:
        fh.write("# Aleppo communities of sy_ocha_admin4.tsv not in admin_units.tsv, and why (written by\n"
                 "# scripts/build_admin_gazetteer.py): pcode, name as listed, reason.\n")
        for row in left_out:
            fh.write("\t".join(row) + "\n")
    with ADMIN_FILE.open("w", encoding="utf-8") as fh:
        fh.write("# Administrative units listed systematically, generated by scripts/build_admin_gazetteer.py from\n"
                 "# rasid/data/gazetteer/admin/*.tsv (do not edit by hand: edit those and rebuild). Columns: see\n"
                 "# docs/geo.md. source = a key of admin/sources.tsv; coord = how lat/lon were obtained.\n")
        fh.write("\t".join(HEADER) + "\n")
        for row in rows:
            fh.write("\t".join(str(row[k]) for k in HEADER) + "\n")
    for k, v in sorted(report.items()):
        print(f"{k}: {v}")
    print(f"{len(rows)} rows -> {ADMIN_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
