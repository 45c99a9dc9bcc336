"""Geo tests run against a private cache and user-data dir so local imports never leak in."""

from __future__ import annotations

import os
import tempfile

import pytest

_TMP = tempfile.mkdtemp(prefix="rasid-geo-test-")
os.environ["RASID_CACHE_DIR"] = os.path.join(_TMP, "cache")
os.environ["RASID_DATA_DIR"] = os.path.join(_TMP, "data")


@pytest.fixture(scope="session")
def gaz():
    from rasid.geo.gazetteer import load

    return load()


@pytest.fixture(scope="session")
def gp(gaz):
    from rasid.geo.geoparser import Geoparser

    return Geoparser(gaz)


@pytest.fixture()
def parse(gp):
    from rasid.text.normalize import NormText

    def run(text: str):
        return gp.parse(NormText.of(text))

    return run
