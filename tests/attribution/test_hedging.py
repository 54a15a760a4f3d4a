"""How certain a claim is made to sound (``_hedging``)."""

from __future__ import annotations

import pytest

from sourcetrace.attribution import default_lexicon
from sourcetrace.attribution._hedging import certainty, find_hedges
from sourcetrace.model import Certainty, Hedge


def _hedges(text: str) -> tuple[Hedge, ...]:
    return find_hedges(text, [(0, len(text))], default_lexicon())


@pytest.mark.parametrize("text, phrase, level", [
    ("The plan could fail before the summer.", "could", "hedged"),
    ("Prices may rise again next year.", "may", "hedged"),
    ("Talks might collapse this week.", "might", "speculative"),
    ("The deal has reportedly collapsed.", "reportedly", "hedged"),
    ("The bridge is expected to reopen on Monday.", "is expected to", "hedged"),
])
def test_hedge_words_and_their_level(text: str, phrase: str, level: Certainty) -> None:
    hedges = _hedges(text)
    assert len(hedges) == 1
    (hedge,) = hedges
    where = text.index(phrase)
    # The hedge lies within the phrase (for "is expected to", all or part of it).
    assert where <= hedge.start < hedge.end <= where + len(phrase)
    assert text[hedge.start : hedge.end] == hedge.cue
    assert hedge.level == level
    assert certainty(hedges) == level


@pytest.mark.parametrize("text", [
    "The bridge reopened on Monday.",
    "The minister announced the budget.",
    "",
])
def test_no_hedge_is_asserted(text: str) -> None:
    assert _hedges(text) == ()
    assert certainty(_hedges(text)) == "asserted"


def test_the_month_may_is_not_a_hedge() -> None:
    assert _hedges("The bridge will reopen in May.") == ()
    assert _hedges("The vote was held on 3 May 2024.") == ()


def test_hedges_are_matched_case_insensitively_as_whole_words() -> None:
    assert [h.cue for h in _hedges("Reportedly, the deal is done.")] == ["Reportedly"]
    assert _hedges("The mightiest army is couldron-free.") == ()


def test_the_highest_level_wins() -> None:
    hedges = _hedges("It could, possibly, fail.")
    assert [(h.cue, h.level) for h in hedges] == [("could", "hedged"), ("possibly", "speculative")]
    assert certainty(hedges) == "speculative"
    assert certainty([]) == "asserted"


def test_only_the_given_stretches_are_searched_and_overlaps_count_once() -> None:
    text = "It may rain. It will not. It might snow."
    lexicon = default_lexicon()
    middle = (text.index("It will"), text.index(" It might"))
    assert find_hedges(text, [middle], lexicon) == ()
    first = (0, text.index(" It will"))
    both = find_hedges(text, [first, first, (0, len(text))], lexicon)
    assert [h.cue for h in both] == ["may", "might"]
    assert [h.start for h in both] == [text.index("may"), text.index("might")]
