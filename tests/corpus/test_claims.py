"""What makes two claims one: words, names, numbers and negation (``sourcetrace.corpus._claims``),
and which claims take part in grouping at all."""

from __future__ import annotations

import pytest

from sourcetrace.corpus._claims import NEGATED, ClaimUnit, buckets, content_words, names_in, same_claim


def _unit(text: str, *, kind: str = "attributed", rule: str | None = "verb_ccomp") -> ClaimUnit:
    return ClaimUnit(idx=0, kind=kind, text=text, sentence=text, start=0, end=len(text), rule=rule)


def test_words_are_stemmed_without_stopwords_numbers_whole() -> None:
    assert content_words("Officials banned 100,000 imports") == {"offici", "ban", "100000", "import"}
    assert content_words("the banning of imports") == {"ban", "import"}


def test_negation_is_a_word_but_not_only_is_not() -> None:
    assert NEGATED in content_words("she should face no criminal charges")
    assert NEGATED in content_words("the numbers don't add up")
    assert NEGATED not in content_words("Trump won not only in the Northeast")


def test_names_are_capitalised_words_inside_a_sentence() -> None:
    assert names_in("Officials said Mexico will not pay for the Wall") == {"mexico", "wall"}


@pytest.mark.parametrize(("a", "b"), [
    ("that Mexico will pay for the border wall", "Mexico would pay for the border wall"),
    ("“He is becoming ISIS’s best recruiter,”", "that he was ''becoming ISIS' best recruiter.''"),
    ("Trump has won Georgia, Virginia, Alabama, Massachusetts and Tennessee.",
     "Trump won Virginia, Georgia, Alabama, Massachusetts, and Tennessee."),
])
def test_the_same_claim_in_other_words(a: str, b: str) -> None:
    assert same_claim(_unit(a), _unit(b))


@pytest.mark.parametrize(("a", "b", "why"), [
    ("that she face criminal charges for the emails", "she should face no criminal charges for the emails",
     "negation"),
    ("the port will raise fees by 15 percent next year", "the port will raise fees by 20 percent next year",
     "numbers"),
    ("Trump leads Cruz in the Iowa polls this week", "Clinton leads Sanders in the Iowa polls this week",
     "names"),
    ("voters in Ohio back Donald Trump over Hillary Clinton",
     "voters in Ohio reject Donald Trump and Hillary Clinton alike", "other words"),
])
def test_claims_that_differ(a: str, b: str, why: str) -> None:
    assert not same_claim(_unit(a), _unit(b)), why


def test_one_claim_in_other_words_order_shares_its_lsh_buckets() -> None:
    first = buckets(content_words("the ministry will delay the grain export licences until June"))
    again = buckets(content_words("until June, the grain export licences will be delayed by the ministry"))
    other = buckets(content_words("the council approved the ferry contract after a long debate"))
    assert len(first) == 16 and first == again
    assert not set(first) & set(other)


@pytest.mark.parametrize(("unit", "groupable"), [
    (_unit("the ministry will delay the grain export licences"), True),
    (_unit("the numbers don't add up"), False),  # two words besides the negation
    (_unit("the allegations about the ferry contract", rule="verb_object"), False),  # a topic
    (_unit("for Donald Trump and Texas Sen. Ted Cruz"), False),  # only names
    (_unit("The poll has a margin of error of 3 points.", kind="unattributed", rule=None), False),
    (_unit("The Ohio poll has a margin of error of 3 points.", kind="unattributed", rule=None), True),
])
def test_which_claims_are_grouped(unit: ClaimUnit, groupable: bool) -> None:
    assert unit.groupable is groupable
