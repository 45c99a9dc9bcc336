"""Turn the transcribed OCHA admin4 facts (Aleppo's communities) into rasid/data/gazetteer/admin/sy_ocha_admin4.tsv.

    python scripts/build_admin4.py RAW_DIR        # RAW_DIR/c*.tsv + RAW_DIR/subdistricts.tsv

RAW_DIR holds the facts re-typed from the public PostgreSQL dump of OCHA's Syrian common operational dataset
(source key ``ocha-syr-admin4`` in admin/sources.tsv), kept outside the repository: ``c*.tsv`` rows
``id, name_en, name_ar, pcode, subdistrict_id`` (the dump's table of communities) and ``subdistricts.tsv``
(``sub_id, admin3_pcode, name_en, name_ar, district_id``). Only facts reach the output: the community's
pcode, its sub-district's pcode, its English and Arabic names as listed, and the Arabic names derived from
them for matching (``names_ar``):

- ``_``, ``/`` and `` - `` separate alternative names (``الصياح_صياح ظاهرية``, ``خريبة / قربة``);
- a trailing district or sub-district name is a disambiguator (``العمرية عفرين``, ``تل شعير سمعان``,
  ``المنصورة (تادف)``, ``أم عدسة قرب منبج``): the bare name is listed first, then the qualified one;
- ``قرية X`` is X; a ``ة`` glued to the next word is split (``زهرةالحياة``).

The output is checked by scripts/check_gazetteer.py and read by scripts/build_admin_gazetteer.py, which
codes each community at its sub-district's seat (its own point is not in the source) with precision 2.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rasid.geo.gazetteer import DATA_DIR, name_key  # noqa: E402
from rasid.lexicon.tsv import read_tsv  # noqa: E402

OUT = DATA_DIR / "admin" / "sy_ocha_admin4.tsv"
HEADER = ("pcode", "parent", "admin1", "admin2", "admin3", "name_en", "name_ar", "names_ar", "source")
SOURCE = "ocha-syr-admin4"
#: qualifier words that are no district or sub-district name as such (the dump's spellings)
_EXTRA_QUALIFIERS = ("سمعان", "جبل سمعان", "سفيرة", "السفبرة", "اتارب", "الاتارب", "خفسة", "الخفسة",
                     "أعزاز", "اعزاز", "عين العرب", "عين عرب", "مارع", "تل رفعت", "جنديرس", "جرابلس", "منبج",
                     "الباب", "عفرين", "تادف", "مسكنة")


#: first words of compound names ("كفر حلب", "دير سمعان", "حمو راجو"): what follows them is no qualifier
_HEADS = frozenset(name_key(w) for w in (
    "كفر", "دير", "تل", "جب", "عين", "خربة", "برج", "رسم", "قصر", "أم", "أبو", "بئر", "بير", "قلعة", "مزرعة",
    "جبل", "حمو", "شيخ", "الشيخ", "حاج", "باب", "بيت", "وادي", "راس", "رأس", "خان", "قناة", "جديدة"))


def qualifiers(units: list[dict[str, str]]) -> set[str]:
    """Normalised names of Aleppo's districts and sub-districts, which the dump appends to a community's
    name to tell namesakes apart."""
    out = {name_key(q) for q in _EXTRA_QUALIFIERS}
    for u in units:
        out.add(name_key(re.sub(r"^مركز\s*", "", u["name_ar"])))
    return out


def derive_names(name_ar: str, quals: set[str]) -> list[str]:
    """The names a community is matched by, bare names first (see the module docstring)."""
    text = re.sub(r"ة(?=[\u0621-\u064a])", "ة ", name_ar.strip())  # "زهرةالحياة"
    text = re.sub(r"\s*\(([^)]*)\)\s*", r" (\1)", text)
    parts = [p.strip() for p in re.split(r"_+|/| - |- | -|-", text) if p.strip()]
    bare: list[str] = []
    qualified: list[str] = []
    for i, part in enumerate(parts):
        m = re.fullmatch(r"(.+?)\s*\((.+)\)", part)
        if m:  # "المنصورة (تادف)"
            inner = m.group(2).strip()
            if name_key(inner) in quals:
                bare.append(m.group(1).strip())
                qualified.append(f"{m.group(1).strip()} {inner}")
            else:
                bare.append(m.group(1).strip())
                bare.append(inner)
            continue
        if i > 0 and name_key(part) in quals and bare:
            qualified.append(f"{bare[-1]} {part}")  # "الحجلية- الباب": a qualifier after the dash
            continue
        part = re.sub(r"^قرية\s+", "", part)
        words = part.split()
        cut = None
        for k in (3, 2, 1):  # the longest trailing qualifier ("أم عدسة قرب منبج", "تل أحمر عين العرب")
            if len(words) > k and name_key(" ".join(words[-k:])) in quals:
                cut = len(words) - k
                break
        if cut is not None:
            head = words[:cut]
            if head and head[-1] == "قرب":
                head = head[:-1]
            if head and not (len(head) == 1 and name_key(head[0]) in _HEADS):
                bare.append(" ".join(head))
                qualified.append(part)
                continue
        bare.append(part)
    out: list[str] = []
    for n in bare + qualified:
        n = re.sub(r"\s+", " ", n).strip()
        if n and n not in out:
            out.append(n)
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    raw = Path(argv[0])
    subs = {r.get("sub_id"): {"pcode": r.get("admin3_pcode"), "name_ar": r.get("name_ar")}
            for r in read_tsv(raw / "subdistricts.tsv", ("sub_id", "admin3_pcode", "name_ar"))}
    admin = {r.get("pcode"): r for r in read_tsv(DATA_DIR / "admin" / "sy_ocha_admin.tsv",
                                                  ("level", "pcode", "name_en", "name_ar"))}
    quals = qualifiers([{"name_ar": r.get("name_ar")} for p, r in admin.items()
                        if p.startswith("SY02") and r.get("level") != "admin1"])
    rows: list[tuple[int, list[str]]] = []
    seen_ids: set[int] = set()
    for path in sorted(raw.glob("c*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rid, name_en, name_ar, pcode, sub = line.split("\t")
            if int(rid) in seen_ids:
                raise SystemExit(f"{path.name}: id {rid} seen twice")
            seen_ids.add(int(rid))
            a3 = admin[subs[sub]["pcode"]]
            a2 = admin[a3.get("parent")]
            a1 = admin[a2.get("parent")]
            names = derive_names(name_ar, quals)
            rows.append((int(rid), [pcode, a3.get("pcode"), a1.get("name_en"), a2.get("name_en"),
                                    a3.get("name_en"), name_en.strip(), name_ar.strip(), "|".join(names), SOURCE]))
    if seen_ids != set(range(1, len(seen_ids) + 1)):
        raise SystemExit(f"ids are not 1..{len(seen_ids)}: missing {sorted(set(range(1, max(seen_ids))) - seen_ids)}")
    rows.sort(key=lambda r: (r[1][1], r[1][0]))
    with OUT.open("w", encoding="utf-8") as fh:
        fh.write("# Syria, Aleppo governorate: OCHA admin4 communities (villages, farms, towns below the sub-district\n"
                 "# seats), one row per community, generated by scripts/build_admin4.py from facts transcribed from\n"
                 "# a public dump of OCHA's common operational dataset (source key ocha-syr-admin4, admin/sources.tsv).\n"
                 "# pcode = the community's OCHA C-pcode; parent = its sub-district (admin3) pcode; name_ar as listed\n"
                 "# (`_`, `/`, ` - ` separate alternatives; a trailing district or sub-district name disambiguates);\n"
                 "# names_ar = the names matched, bare names first. The source gives no coordinates: a community is\n"
                 "# coded at its sub-district's seat (precision 2) by scripts/build_admin_gazetteer.py.\n")
        fh.write("\t".join(HEADER) + "\n")
        for _, r in rows:
            fh.write("\t".join(r) + "\n")
    print(f"{len(rows)} communities in {len({r[1][1] for r in rows})} sub-districts -> {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
