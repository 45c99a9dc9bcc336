"""Imported by the fork server when it starts: workers forked from it get a warm pipeline."""

from rasid.run.worker import warm_quietly

warm_quietly()
