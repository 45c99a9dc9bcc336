"""Do two stores hold the same data? Every table, row by row, clock columns left out.

    python bench/compare_stores.py sqlite:///before.db sqlite:///after.db
    python bench/compare_stores.py --digest sqlite:///a.db      # one hash per table, to compare later

For changes to how the store writes (memory, speed) that must not change what it stores: ingest the same
input into two fresh stores, one with each revision, and compare them. Rows are compared whole, ids
included, in a fixed order; the columns that hold the time of writing (`*_at`, `timestamp`) are left
out. Exit status 0 when every table is equal, 1 otherwise.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator

import sqlalchemy as sa

#: Columns that hold when a row was written, not what it says.
CLOCK = ("ingested_at", "updated_at", "replaced_at", "created_at", "undone_at", "timestamp")


def _rows(conn: sa.Connection, table: sa.Table) -> Iterator[str]:
    cols = [c for c in table.columns if c.name not in CLOCK]
    order = [c for c in cols if c.primary_key] or cols
    for row in conn.execute(sa.select(*cols).order_by(*order)):
        yield json.dumps([v.hex() if isinstance(v, bytes) else v for v in row], ensure_ascii=False,
                         sort_keys=True, default=str)


def tables(url: str) -> list[sa.Table]:
    from rasid.store.schema import metadata

    engine = sa.create_engine(url)
    try:
        present = set(sa.inspect(engine).get_table_names())
    finally:
        engine.dispose()
    return [t for t in metadata.sorted_tables if t.name in present]


def digest(url: str) -> dict[str, tuple[int, str]]:
    """table -> (rows, sha256 of its rows)."""
    engine = sa.create_engine(url)
    out = {}
    try:
        with engine.connect() as conn:
            for t in tables(url):
                h, n = hashlib.sha256(), 0
                for line in _rows(conn, t):
                    h.update(line.encode() + b"\n")
                    n += 1
                out[t.name] = (n, h.hexdigest())
    finally:
        engine.dispose()
    return out


def first_difference(a: str, b: str, table: str) -> str:
    ea, eb = sa.create_engine(a), sa.create_engine(b)
    t = next(t for t in tables(a) if t.name == table)
    try:
        with ea.connect() as ca, eb.connect() as cb:
            for i, (x, y) in enumerate(zip(_rows(ca, t), _rows(cb, t), strict=False)):
                if x != y:
                    return f"row {i}:\n  {x[:400]}\n  {y[:400]}"
    finally:
        ea.dispose()
        eb.dispose()
    return "one table has more rows"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("urls", nargs="+", help="one store (--digest) or two to compare")
    ap.add_argument("--digest", action="store_true", help="print each table's row count and hash")
    args = ap.parse_args()
    if args.digest:
        for url in args.urls:
            print(json.dumps({"store": url, "tables": digest(url)}))
        return 0
    if len(args.urls) != 2:
        ap.error("give two stores to compare")
    a, b = args.urls
    da, db = digest(a), digest(b)
    same = True
    for name in sorted(set(da) | set(db)):
        ra, rb = da.get(name), db.get(name)
        if ra == rb:
            print(f"{name}: {ra[0] if ra else 0} rows, equal")
            continue
        same = False
        print(f"{name}: DIFFERENT ({ra[0] if ra else '-'} vs {rb[0] if rb else '-'} rows)")
        if ra and rb:
            print("  " + first_difference(a, b, name))
    print("equal" if same else "DIFFERENT")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
