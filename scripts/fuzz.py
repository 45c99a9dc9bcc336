"""A longer fuzz run of the properties in tests/test_fuzz.py (CI gives each a few seconds).

    python scripts/fuzz.py --minutes 30                    # every property, the minutes shared out
    python scripts/fuzz.py --minutes 10 --only extractor
    python scripts/fuzz.py --atheris --only decode_any_bytes -- -max_total_time=600   # coverage-guided

Without --atheris the same random-buffer driver as CI runs longer; with it (pip install atheris),
libFuzzer mutates the inputs guided by coverage. A failure stops the run with the failing example.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import test_fuzz  # noqa: E402

PROPERTIES = test_fuzz.PROPERTIES


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--only", choices=PROPERTIES, action="append")
    ap.add_argument("--seed", type=int, default=test_fuzz.SEED, help="seed of the random buffers")
    ap.add_argument("--atheris", action="store_true", help="coverage-guided with atheris (one property)")
    args, rest = ap.parse_known_args()
    names = args.only or PROPERTIES
    test_fuzz.SEED = args.seed
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # its complaints about junk pages are expected
    if args.atheris:
        import atheris

        if len(names) != 1:
            sys.exit("--atheris fuzzes one property: give --only NAME")
        prop = getattr(test_fuzz, names[0])
        atheris.instrument_all()
        atheris.Setup([sys.argv[0], *rest], prop.hypothesis.fuzz_one_input)
        atheris.Fuzz()
        return
    per = args.minutes * 60 / len(names)
    print(f"seed {args.seed}, {per:.0f} s per property", flush=True)
    total = 0
    for name in names:
        started = time.monotonic()
        n = test_fuzz._drive(getattr(test_fuzz, name), per, name)
        total += n
        print(f"{name}: {n} inputs in {time.monotonic() - started:.0f} s, no failure", flush=True)
    print(f"total: {total} inputs, no exception, no silent mojibake, no input lost")


if __name__ == "__main__":
    main()
