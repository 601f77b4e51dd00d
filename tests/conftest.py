import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SAMPLES = Path(
    os.environ.get(
        "READINGLIST_SAMPLES", Path(__file__).resolve().parents[2] / "shared" / "digests"
    )
)
SPACED_SAMPLE = SAMPLES / "000_51ae902ca77ec354.txt"
COMPACT_SAMPLE = SAMPLES / "001_b6027a86ed3f20a8.txt"
SECOND_SPACED_SAMPLE = SAMPLES / "002_128d8afdb42565d4.txt"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def samples() -> Path:
    assert SAMPLES.is_dir(), f"sample digests expected in {SAMPLES} (set READINGLIST_SAMPLES)"
    return SAMPLES


@pytest.fixture
def library(tmp_path):
    from readinglist.core.library import Library

    with Library(tmp_path / "library.sqlite") as lib:
        yield lib


@pytest.fixture
def sample_library(library, samples):
    library.import_files([samples])
    return library
