"""The data files shipped with sourcetrace: outlet table, cleaner rules, lexicons, examples."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["load_json"]


@cache
def load_json(name: str) -> Any:
    """A shipped JSON data file, parsed once per process. Callers must not modify it."""
    return json.loads(resources.files(__name__).joinpath(name).read_text(encoding="utf-8"))
