"""How certain a claim is made to sound: ``asserted``, ``hedged`` or ``speculative``.

The hedge words and phrases are data (``hedges`` in ``attribution.json``), each with the level it
sets: "could", "may", "reportedly", "is expected to", "appears" hedge; "might", "possibly",
"speculation", "unconfirmed" make a claim speculative. A claim takes the highest level among the
hedges inside its content and its cue.
"""

from __future__ import annotations

from collections.abc import Iterable

from sourcetrace.attribution._lexicon import Lexicon
from sourcetrace.model import CERTAINTIES, Certainty, Hedge

__all__ = ["certainty", "find_hedges"]


def find_hedges(text: str, spans: Iterable[tuple[int, int]], lexicon: Lexicon) -> tuple[Hedge, ...]:
    """The hedges inside the given stretches of ``text``, in text order, without duplicates."""
    found: dict[int, Hedge] = {}
    for start, end in spans:
        for match in lexicon.hedge_pattern.finditer(text, start, end):
            if match.group() == "May":
                continue  # the month, or a name; the modal is lower case but at a sentence's start
            phrase = " ".join(match.group().lower().split())
            level = lexicon.hedges.get(phrase, "hedged")
            found.setdefault(match.start(), Hedge(match.start(), match.end(), match.group(), level))
    return tuple(found[k] for k in sorted(found))


def certainty(hedges: Iterable[Hedge]) -> Certainty:
    """The highest level among ``hedges``; ``asserted`` when there are none."""
    rank = max((CERTAINTIES.index(h.level) for h in hedges), default=0)
    return CERTAINTIES[rank]
