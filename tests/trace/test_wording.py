"""Two wordings of a quotation compared word by word: what is cosmetic, abridged, reworded or
substantive, and which words changed."""

from __future__ import annotations

import pytest

from sourcetrace.trace._wording import compare, quoted_parts, ratio, same_words, tokens


def _words(text: str) -> list:  # type: ignore[type-arg]
    return tokens(quoted_parts(text) or [(0, text)])


def _changes(a: str, b: str) -> list[tuple[str, str, str]]:
    return [(c.kind, c.a, c.b) for c in compare(_words(a), _words(b)).changes]


@pytest.mark.parametrize(("a", "b"), [
    ("\"He is becoming ISIS's best recruiter,\"", "“He is becoming ISIS’s best recruiter.”"),
    ("\"The colour of the programme was grey\"", "\"the color of the program was gray!\""),
    ("\"We do not want twelve more months of this\"", "\"We don't want 12 more months of this\""),
    ("\"Donald Trump's ignorant view\"", "\"Donald Trump‘s ignorant view\""),
])
def test_cosmetic_differences(a: str, b: str) -> None:
    diff = compare(_words(a), _words(b))
    assert diff.level == "cosmetic", diff.changes


def test_identical_wordings_have_no_level() -> None:
    diff = compare(_words("\"We will win\""), _words("\"We will win\""))
    assert (diff.level, diff.changes) == (None, ())


def test_an_ellipsis_an_excerpt_and_a_clause_left_out_are_abridged() -> None:
    full = "\"The budget is tight, but we will protect the library hours whatever the council decides\""
    assert _changes(full, "\"The budget is tight ... whatever the council decides\"") == [
        ("abridged", "tight but we will protect the library hours", "tight")]
    assert compare(_words(full), _words("\"we will protect the library hours\"")).level == "abridged"
    assert compare(_words("\"Let's dispel with this fiction\""),
                   _words("\"And let's dispel once and for all with this fiction\"")).level == "abridged"
    aside = compare(_words("\"there has never been a man or a woman more qualified than Hillary Clinton\""),
                    _words("\"there has never been a man or a woman - not me, not Bill, nobody - more "
                           "qualified than Hillary Clinton\""))
    assert aside.level == "abridged"  # an aside left out, negations and all
    bracketed = compare(_words("\"figure out what is going on\""),
                        _words("\"figure out what the [censored] is going on\""))
    assert bracketed.level == "abridged"


@pytest.mark.parametrize(("a", "b", "kind", "shown"), [
    ("\"The money should have been used for the schools\"",
     "\"The money shouldn’t have been used for the schools\"", "negation", ("should", "shouldn’t")),
    ("\"I am not a natural politician, like my husband\"",
     "\"I am not a natural politician, unlike my husband\"", "reversal", ("like", "unlike")),
    ("\"It is false that the senator took the money\"", "\"the senator took the money\"", "reversal",
     ("It is false that", "")),
    ("\"I will never, under any circumstances, raise taxes\"", "\"I will raise taxes\"", "negation",
     ("will never under any circumstances", "will")),
    ("\"We will win Ohio by 12 points\"", "\"We will win Ohio by 15 points\"", "number", ("12", "15")),
    ("\"We will win Ohio by 12 points\"", "\"We will win Iowa by 12 points\"", "name", ("Ohio", "Iowa")),
    ("\"Russia could send troops next month\"", "\"Russia will send troops next month\"", "modal",
     ("could", "will")),
])
def test_substantive_changes(a: str, b: str, kind: str, shown: tuple[str, str]) -> None:
    diff = compare(_words(a), _words(b))
    assert diff.level == "substantive"
    assert [(c.kind, c.a, c.b) for c in diff.substantive] == [(kind, *shown)]


def test_other_words_are_reworded() -> None:
    diff = compare(_words("\"the senator took the money from the lobby group\""),
                   _words("\"the senator took cash from the lobby group\""))
    assert diff.level == "reworded"
    assert diff.ops == (("equal", "the senator took", "the senator took"), ("replace", "the money", "cash"),
                        ("equal", "from the lobby group", "from the lobby group"))


def test_change_spans_point_into_the_article() -> None:
    text = 'She said: "We will win Ohio by 12 points," to cheers.'
    other = '"We will win Ohio by 15 points"'
    (change,) = compare(tokens(quoted_parts(text)), tokens(quoted_parts(other))).changes
    assert change.a_span is not None and text[change.a_span[0]:change.a_span[1]] == "12"


def test_quoted_parts_of_mixed_content() -> None:
    text = "that the convention \u201cwill be the most inclusive in our history\u201d and ''open''"
    assert [part for _, part in quoted_parts(text)] == ["will be the most inclusive in our history", "open"]
    offset, part = quoted_parts(text, 100)[0]
    assert text[offset - 100 : offset - 100 + len(part)] == part


def test_same_words_needs_long_shared_runs() -> None:
    a = _words("\"The new bridge will be finished before the winter storms arrive\"")
    assert same_words(a, _words("\"the new bridge will be finished before the winter storms\""))
    assert not same_words(a, _words("\"winter storms will delay the bridge, which may not be finished\""))
    assert not same_words(_words("\"best recruiter\""), _words("\"best recruiter\""))  # too short to tell
    assert ratio(a, a) == 1.0
