"""Shared fixtures: the seed article and the development set are read from ../shared by path."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# No test may read or write the user gazetteer of whoever runs the suite: the default points at an empty
# folder, which subprocesses inherit. Tests of the user gazetteer pass their own path.
os.environ["GEOMAP_GAZETTEER"] = str(Path(tempfile.mkdtemp(prefix="geomap-tests-")) / "gazetteer.sqlite")

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seeds" / "000_4078ec1c0bb2b427.txt"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_article(seed_text):
    import geomap

    return geomap.parse(seed_text)
