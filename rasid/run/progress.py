"""Progress on stderr: articles done out of the total with time left, and a second line that follows
the segments of a long document (so a 50 MB file never sits silent for minutes)."""

from __future__ import annotations

import sys
from typing import IO, Any


class Progress:
    """A no-op unless `enabled`; `total` (from `rasid.ingest.readers.count_inputs`) gives the time left."""

    def __init__(self, total: int | None = None, *, desc: str = "articles", enabled: bool = True,
                 file: IO[str] | None = None) -> None:
        self.total = total
        self.done = 0
        self._bar: Any = None
        self._segments: Any = None
        self._segment_label: str | None = None
        self._file = file or sys.stderr
        if enabled:
            from tqdm import tqdm

            self._bar = tqdm(total=total, desc=desc, unit="doc", file=self._file, dynamic_ncols=True,
                             smoothing=0.1)

    def advance(self, n: int = 1, **counts: int) -> None:
        self.done += n
        if self._bar is not None:
            self._bar.update(n)
            if counts:
                self._bar.set_postfix(counts, refresh=False)

    def segment(self, label: str, done: int, total: int) -> None:
        """Segment `done` of `total` of the long document `label` is finished."""
        if self._bar is None:
            return
        if self._segment_label != label:
            self._close_segments()
            from tqdm import tqdm

            self._segments = tqdm(total=total, desc=f"  {label[-40:]}", unit="seg", file=self._file,
                                  dynamic_ncols=True, leave=False, position=1)
            self._segment_label = label
        self._segments.update(done - self._segments.n)
        if done >= total:
            self._close_segments()

    def _close_segments(self) -> None:
        if self._segments is not None:
            self._segments.close()
        self._segments = None
        self._segment_label = None

    def close(self) -> None:
        self._close_segments()
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
