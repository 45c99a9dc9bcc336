"""Helpers of the crash and lock tests: the processes of one marked run, and waiting for a condition."""

from __future__ import annotations

import os
import time
from collections.abc import Callable


def marked_processes(mark: str) -> list[int]:
    """Live processes whose environment carries `RASID_TEST_MARK=mark` (a run's processes and all their
    descendants)."""
    out = []
    needle = f"RASID_TEST_MARK={mark}".encode()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/environ", "rb") as fh:
                if needle in fh.read().split(b"\0"):
                    out.append(int(entry))
        except OSError:
            continue
    return out


def wait_for(check: Callable[[], bool], seconds: float) -> bool:
    """Whether `check` comes true within `seconds` (polled every 50 ms)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return check()
