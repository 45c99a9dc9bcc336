"""Session-wide: the reliability figures that tests put in `config.rasid_figures` (faults injected, inputs
fuzzed, rows lost) are printed at the end of the run, and written as JSON to $RASID_RELIABILITY_REPORT."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    figures = getattr(terminalreporter.config, "rasid_figures", None)
    if not figures:
        return
    terminalreporter.write_sep("-", "reliability figures (docs/reliability.md)")
    for name, values in sorted(figures.items()):
        terminalreporter.write_line(f"{name}: " + ", ".join(f"{k}={v}" for k, v in values.items()))
    report = os.environ.get("RASID_RELIABILITY_REPORT")
    if report:
        Path(report).write_text(json.dumps(figures, indent=2, sort_keys=True) + "\n", encoding="utf-8")
