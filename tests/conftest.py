"""Shared fixtures: paths to the project's own test data and to ../shared when it is there."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def data_dir() -> Path:
    return DATA


def shared_path(relative: str) -> Path:
    """A path under ../shared, or a skip saying what is missing."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"needs {path} (the shared data beside the checkout), which is absent")
    return path
