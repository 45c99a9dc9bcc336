"""Is extraction output byte-identical to a given revision's? (refactorings must not change a single byte)

    python bench/compare_output.py                      # working tree vs. the baseline revision ac4de23
    python bench/compare_output.py --rev main           # ... vs. another revision
    python bench/compare_output.py --snapshot out.jsonl # only write the working tree's snapshot

A snapshot is one JSON line per document: its key and `Pipeline().process(doc)` dumped exactly as
`rasid extract` writes it. The documents: the dev and the extra corpus (../shared/corpus, read at run
time), the benchmark sentences (../shared/benchmarks/arabic_event_gsr), the long articles
bench/bench_extract.py assembles (from the corpus and from the examples) and every bundled example.
Snapshots stay outside the repository (third-party text): a revision's snapshot is made once, by this
same script run against a temporary `git worktree` of that revision, and cached under
~/.cache/rasid/compare/ keyed by the commit and the input set.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
CORPORA = [SHARED / "corpus" / "news_dev.jsonl", SHARED / "corpus" / "news_more.jsonl"]
GSR = SHARED / "benchmarks" / "arabic_event_gsr"
BASELINE_REV = "ac4de23"
#: Long articles: (source, count, words) as bench/bench_extract.py builds them.
LONG = (("corpus", 300, 1000), ("examples", 100, 1000))
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "rasid" / "compare"
#: Bump when the document set or the snapshot format changes (old cached snapshots then go stale).
INPUT_VERSION = "1"


def documents() -> Iterator[tuple[str, object]]:
    """(key, Document or ReadFailure) for every input, in a fixed order."""
    sys.path.insert(0, str(HERE))
    from bench_extract import make_articles

    from rasid.ingest.readers import read_paths
    from rasid.models import Document

    for path in CORPORA:
        if path.is_file():
            for item in read_paths([path]):
                yield f"{path.name}:{item.doc_id}", item
    for name in ("assault_dev.csv", "protest_dev.csv"):
        path = GSR / name
        if path.is_file():
            with path.open(encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle):
                    yield f"{name}:{row['id']}", Document(doc_id=row["id"], text=row["text"])
    for source, count, words in LONG:
        if source == "corpus" and not CORPORA[0].is_file():
            continue
        for i, text in enumerate(make_articles(count, words, source=source)):
            yield f"long-{source}:{i}", Document(doc_id=str(i), text=text, published="2019-03-22")
    for item in read_paths(sorted((ROOT / "examples").iterdir())):
        yield f"examples:{item.doc_id}", item


def snapshot(out: Path) -> int:
    """Write the snapshot of the `rasid` found on sys.path; the number of documents."""
    from rasid.ingest.readers import ReadFailure
    from rasid.models import DocResult
    from rasid.pipeline import Pipeline

    pipeline = Pipeline().warm(freeze=True)
    n = 0
    with out.open("w", encoding="utf-8") as handle:
        for key, item in documents():
            if isinstance(item, ReadFailure):
                result = DocResult(doc_id=item.doc_id, errors=[item.message])
            else:
                result = pipeline.process(item)  # type: ignore[arg-type]
            record = json.dumps(result.model_dump(mode="json"), ensure_ascii=False)
            handle.write(json.dumps(key, ensure_ascii=False) + "\t" + record + "\n")
            n += 1
    return n


def inputs_digest() -> str:
    """Changes when the document set can: input files, the long-article recipe, this format."""
    h = hashlib.sha256(f"{INPUT_VERSION} {LONG}".encode())
    files = [*CORPORA, GSR / "assault_dev.csv", GSR / "protest_dev.csv", HERE / "bench_extract.py",
             *sorted((ROOT / "examples").iterdir())]
    for path in files:
        if path.is_file():
            h.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()[:12]


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()


def revision_snapshot(rev: str) -> Path:
    """The (cached) snapshot of a revision, made in a temporary worktree of it with this script."""
    commit = _git("rev-parse", "--verify", f"{rev}^{{commit}}")
    path = CACHE / f"{commit}-{inputs_digest()}.jsonl"
    if path.is_file():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="rasid-compare-") as tmp:
        tree = Path(tmp) / "tree"
        _git("worktree", "add", "--detach", str(tree), commit)
        try:
            env = {k: v for k, v in os.environ.items() if not k.startswith("RASID_")}
            env["PYTHONPATH"] = str(tree)  # that revision's package shadows the installed one
            partial = path.with_suffix(".partial")
            subprocess.run([sys.executable, str(Path(__file__).resolve()), "--snapshot", str(partial),
                            "--expect-package", str(tree / "rasid")], check=True, env=env, cwd=tmp)
            partial.rename(path)
        finally:
            _git("worktree", "remove", "--force", str(tree))
    return path


def compare(base: Path, new: Path, show: int = 5) -> int:
    """Differing documents (the first few printed with the first differing characters)."""
    a = base.read_text(encoding="utf-8").splitlines()
    b = new.read_text(encoding="utf-8").splitlines()
    if len(a) != len(b):
        print(f"document count differs: {len(a)} in the baseline, {len(b)} now")
    diffs = 0
    for x, y in zip(a, b, strict=False):
        if x == y:
            continue
        diffs += 1
        if diffs <= show:
            key = x.split("\t", 1)[0]
            i = next((k for k, (c, d) in enumerate(zip(x, y, strict=False)) if c != d), min(len(x), len(y)))
            print(f"DIFF {key}\n  base: ...{x[max(0, i - 120):i + 200]}\n  now:  ...{y[max(0, i - 120):i + 200]}")
    return diffs + abs(len(a) - len(b))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rev", default=BASELINE_REV, help="baseline revision (default: %(default)s)")
    parser.add_argument("--baseline", type=Path, help="compare against this snapshot file instead of --rev")
    parser.add_argument("--snapshot", type=Path, help="only write the working tree's snapshot here")
    parser.add_argument("--expect-package", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.snapshot is not None:
        import rasid

        if args.expect_package and Path(rasid.__file__).resolve().parent != args.expect_package.resolve():
            sys.exit(f"compare_output: imported {rasid.__file__}, not the revision's package")
        t0 = time.perf_counter()
        n = snapshot(args.snapshot)
        print(f"{n} documents in {time.perf_counter() - t0:.0f} s -> {args.snapshot}", file=sys.stderr)
        return
    base = args.baseline or revision_snapshot(args.rev)
    with tempfile.TemporaryDirectory(prefix="rasid-compare-") as tmp:
        now = Path(tmp) / "now.jsonl"
        env = {k: v for k, v in os.environ.items() if not k.startswith("RASID_")}
        env["PYTHONPATH"] = str(ROOT)
        subprocess.run([sys.executable, str(Path(__file__).resolve()), "--snapshot", str(now),
                        "--expect-package", str(ROOT / "rasid")], check=True, env=env, cwd=tmp)
        diffs = compare(base, now)
        total = len(now.read_text(encoding="utf-8").splitlines())
    label = args.baseline or f"{args.rev} ({base.name[:12]})"
    if diffs:
        print(f"DIFFERENT: {diffs} of {total} documents differ from {label}")
        sys.exit(1)
    print(f"IDENTICAL: {total} documents, byte for byte, as {label}")


if __name__ == "__main__":
    main()
