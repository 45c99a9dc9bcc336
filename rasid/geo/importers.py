"""Importers for bigger gazetteers: GeoNames country dumps and OCHA-style P-coded place lists.

Both are converted to the supplement's TSV format and written to the user data dir
(`rasid.geo.gazetteer.user_data_dir`), where the next `load()` picks them up (the cache key changes).
Only places with an Arabic name are kept: the geoparser matches Arabic text.
"""

from __future__ import annotations

import csv
import io
import re
import urllib.request
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from rasid.geo.admin import GAZETTEER_COUNTRIES, GEONAMES_ADMIN1, canonical_admin1
from rasid.lexicon.tsv import has_arabic

GEONAMES_DUMP_URL = "https://download.geonames.org/export/dump/"
HEADER = ("id", "name", "names_ar", "feature", "lat", "lon", "country", "admin1", "admin2", "population",
          "parent")

#: GeoNames feature (class, code) -> our feature; class P is always "populated" unless listed.
GEONAMES_FEATURES: dict[tuple[str, str], str] = {
    ("P", "PPLX"): "neighbourhood", ("S", "CMPRF"): "camp", ("S", "CMP"): "camp",
    ("S", "AIRB"): "airport", ("S", "AIRF"): "airport", ("S", "AIRP"): "airport", ("S", "MILB"): "base",
    ("S", "INSM"): "base", ("S", "BDG"): "bridge", ("S", "PSTB"): "crossing", ("S", "PRN"): "prison",
    ("S", "DAM"): "dam", ("H", "DAM"): "dam", ("T", "MT"): "mountain", ("T", "MTS"): "mountain",
    ("T", "HLL"): "mountain", ("H", "STM"): "river", ("H", "LK"): "lake", ("H", "RSV"): "lake",
    ("L", "OILF"): "field", ("L", "GASF"): "field", ("S", "OILW"): "field", ("T", "DSRT"): "desert",
}


class ImportError_(ValueError):
    """A gazetteer file could not be imported; the message says which line and why."""


def _clean(cell: str) -> str:
    return re.sub(r"[\t\r\n|]+", " ", cell).strip()


def _row(place: dict[str, Any]) -> str:
    return "\t".join(_clean(str(place.get(k, "") if place.get(k) is not None else "")) for k in HEADER)


def write_tsv(places: Iterable[dict[str, Any]], dest: Path, source: str) -> int:
    """Write places (dicts with HEADER keys; names_ar a list) in the supplement format; returns count."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    tmp = dest.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(f"# imported from {source}\n")
        fh.write("\t".join(HEADER) + "\n")
        for p in places:
            names = [_clean(x) for x in p["names_ar"] if _clean(x)]
            if not names:
                continue
            fh.write(_row({**p, "names_ar": "|".join(dict.fromkeys(names))}) + "\n")
            n += 1
    tmp.replace(dest)
    return n


# ---- GeoNames ---------------------------------------------------------------------------------------
def _open_geonames(path: Path) -> IO[str]:
    if path.suffix.lower() == ".zip":
        zf = zipfile.ZipFile(path)
        members = [n for n in zf.namelist() if n.endswith(".txt") and not n.lower().startswith("readme")]
        if not members:
            raise ImportError_(f"{path}: no .txt member in the zip")
        return io.TextIOWrapper(zf.open(members[0]), encoding="utf-8")
    return path.open(encoding="utf-8")


def parse_geonames(lines: Iterable[str], origin: str = "geonames") -> Iterator[dict[str, Any]]:
    """Places from the standard 19-column GeoNames dump format (tab-separated, no header)."""
    for number, line in enumerate(lines, start=1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 19:
            raise ImportError_(f"{origin}:{number}: expected 19 tab-separated columns, found {len(cols)}")
        gid, name, _ascii, alternates, lat, lon, fclass, fcode, cc = cols[:9]
        admin1_code, population = cols[10], cols[14]
        feature = GEONAMES_FEATURES.get((fclass, fcode)) or ("populated" if fclass == "P" else None)
        if feature is None:
            continue
        names = [n for n in alternates.split(",") if has_arabic(n) and not re.search(r"[A-Za-z]", n)]
        if has_arabic(name):
            names.insert(0, name)
        if not names:
            continue
        try:
            latitude, longitude = float(lat), float(lon)
            pop = int(population or 0)
        except ValueError:
            raise ImportError_(f"{origin}:{number}: bad coordinates or population") from None
        yield {
            "id": f"gn:{gid}", "name": name, "names_ar": names, "feature": feature, "lat": f"{latitude:.5f}",
            "lon": f"{longitude:.5f}", "country": cc,
            "admin1": GEONAMES_ADMIN1.get(cc, {}).get(admin1_code, ""), "admin2": "", "population": pop,
            "parent": "",
        }


def import_geonames(path: Path, dest_dir: Path | None = None, countries: Iterable[str] | None = None) -> Path:
    """Convert a GeoNames dump (``SY.txt``, ``SY.zip`` ...) into the user gazetteer; returns the file."""
    from rasid.geo.gazetteer import user_data_dir

    wanted = {c.upper() for c in countries} if countries else None
    with _open_geonames(path) as fh:
        places = [p for p in parse_geonames(fh, str(path)) if wanted is None or p["country"] in wanted]
    places = [p for p in places if p["country"] in GAZETTEER_COUNTRIES]
    dest = (dest_dir or user_data_dir()) / f"geonames-{path.stem}.tsv"
    if write_tsv(places, dest, f"GeoNames dump {path.name}") == 0:
        dest.unlink(missing_ok=True)
        raise ImportError_(f"{path}: no places with Arabic names in countries {sorted(GAZETTEER_COUNTRIES)}")
    return dest


# ---- OCHA-style CSV -----------------------------------------------------------------------------------
#: Our field -> candidate column names (first present wins; matched case-insensitively).
OCHA_COLUMNS: dict[str, tuple[str, ...]] = {
    "name_ar": ("admin4Name_ar", "name_ar", "placeName_ar", "Location_Name_AR", "name_arabic"),
    "name_en": ("admin4Name_en", "name_en", "placeName_en", "Location_Name_EN", "name"),
    "pcode": ("admin4Pcode", "pcode", "PCODE", "placePcode", "Location_Pcode"),
    "lat": ("latitude", "lat", "Latitude_y", "y"),
    "lon": ("longitude", "lon", "long", "Longitude_x", "x"),
    "admin1": ("admin1Name_en", "admin1", "ADM1_EN", "governorate"),
    "admin2": ("admin2Name_en", "admin2", "ADM2_EN", "district"),
    "country": ("admin0Pcode", "country", "iso2", "ADM0_PCODE"),
}


def parse_ocha(fh: IO[str], origin: str, columns: dict[str, str] | None = None,
               country: str | None = None) -> Iterator[dict[str, Any]]:
    """Places from a populated-places CSV with P-codes; `columns` overrides column names."""
    reader = csv.DictReader(fh)
    header = reader.fieldnames or []
    lower = {h.lower().strip(): h for h in header}
    chosen: dict[str, str | None] = {}
    for key, candidates in OCHA_COLUMNS.items():
        wanted = (columns or {}).get(key)
        if wanted:
            if wanted.lower() not in lower:
                raise ImportError_(f"{origin}:1: no column {wanted!r} (columns: {', '.join(header)})")
            chosen[key] = lower[wanted.lower()]
        else:
            chosen[key] = next((lower[c.lower()] for c in candidates if c.lower() in lower), None)
    for key in ("name_ar", "pcode", "lat", "lon"):
        if chosen[key] is None:
            raise ImportError_(
                f"{origin}:1: cannot find the {key} column; name it with --{key.replace('_', '-')} "
                f"(columns: {', '.join(header)})"
            )
    if chosen["country"] is None and not country:
        raise ImportError_(f"{origin}:1: no country column; pass --country SY|IQ|...")

    def get(row: dict[str, str], key: str) -> str:
        col = chosen[key]
        return (row.get(col) or "").strip() if col else ""

    for number, row in enumerate(reader, start=2):
        name_ar = get(row, "name_ar")
        if not name_ar or not has_arabic(name_ar):
            continue
        try:
            lat, lon = float(get(row, "lat")), float(get(row, "lon"))
        except ValueError:
            raise ImportError_(f"{origin}:{number}: latitude/longitude are not numbers") from None
        cc = (country or get(row, "country"))[:2].upper()
        pcode = get(row, "pcode")
        yield {
            "id": f"pcode:{pcode}", "name": get(row, "name_en") or pcode,
            "names_ar": [n for n in re.split(r"[|/،]", name_ar) if n.strip()], "feature": "populated",
            "lat": f"{lat:.5f}", "lon": f"{lon:.5f}", "country": cc,
            "admin1": canonical_admin1(get(row, "admin1")) or "", "admin2": get(row, "admin2"),
            "population": "", "parent": "",
        }


def import_ocha(path: Path, dest_dir: Path | None = None, columns: dict[str, str] | None = None,
                country: str | None = None) -> Path:
    from rasid.geo.gazetteer import user_data_dir

    with path.open(encoding="utf-8-sig", newline="") as fh:
        places = [p for p in parse_ocha(fh, str(path), columns, country) if p["country"] in GAZETTEER_COUNTRIES]
    dest = (dest_dir or user_data_dir()) / f"ocha-{path.stem}.tsv"
    if write_tsv(places, dest, f"OCHA places {path.name}") == 0:
        dest.unlink(missing_ok=True)
        raise ImportError_(f"{path}: no rows with an Arabic name and a known country")
    return dest


# ---- download -------------------------------------------------------------------------------------
Opener = Callable[[str], Any]


def download_geonames(countries: Iterable[str], dest_dir: Path | None = None, base_url: str = GEONAMES_DUMP_URL,
                      opener: Opener | None = None, workdir: Path | None = None) -> list[Path]:
    """Fetch ``{base_url}{CC}.zip`` for each country and import it; returns the written files.

    `opener` defaults to `urllib.request.urlopen` (any URL scheme it knows, file:// included).
    """
    import tempfile

    open_url = opener or (lambda url: urllib.request.urlopen(url, timeout=60))  # noqa: S310
    out = []
    base = base_url if base_url.endswith("/") else base_url + "/"
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        for cc in countries:
            cc = cc.upper()
            if not re.fullmatch(r"[A-Z]{2}", cc):
                raise ImportError_(f"not a country code: {cc!r}")
            url = f"{base}{cc}.zip"
            try:
                with open_url(url) as resp:
                    data = resp.read()
            except OSError as exc:
                raise ImportError_(f"cannot fetch {url}: {exc}") from None
            local = Path(tmp) / f"{cc}.zip"
            local.write_bytes(data)
            try:
                out.append(import_geonames(local, dest_dir, countries=[cc]))
            except zipfile.BadZipFile:
                raise ImportError_(f"{url}: not a zip file") from None
    return out
