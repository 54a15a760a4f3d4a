"""The PolNeAR loader and attribution metrics (evaluation/polnear.py).

The loader runs on tiny hand-written brat files under tests/data/brat-standoff/; the metrics on one short
article built here, with expected values worked out by hand in the comments.
"""

from __future__ import annotations

import importlib
import json
import re
import sys
import warnings
from pathlib import Path

import pytest

from tests.conftest import DATA, ROOT, shared_path

sys.path.insert(0, str(ROOT / "evaluation"))
try:
    polnear = importlib.import_module("polnear")
finally:
    sys.path.pop(0)

Attribution = polnear.Attribution
Document = polnear.Document

FIXTURES = DATA / "brat-standoff"
TEXT = (
    'The mayor said the plan would save the river. "It is late," she added. '
    "Critics called it “a bad deal.”"
)


def at(phrase: str) -> tuple[tuple[int, int], ...]:
    """The span of the only occurrence of ``phrase`` in TEXT."""
    start = TEXT.index(phrase)
    assert TEXT.find(phrase, start + 1) == -1, f"{phrase!r} is ambiguous in TEXT"
    return ((start, start + len(phrase)),)


def widened(phrase: str) -> tuple[tuple[int, int], ...]:
    """The span of ``phrase`` with the whitespace on either side of it."""
    ((start, end),) = at(phrase)
    while start > 0 and TEXT[start - 1].isspace():
        start -= 1
    while end < len(TEXT) and TEXT[end].isspace():
        end += 1
    return ((start, end),)


MAYOR = Attribution(at("The mayor"), at("said"), at("the plan would save the river"))
SHE = Attribution(at("she"), at("added"), at('"It is late,"'))
NO_SOURCE = Attribution(None, at("called"), at("“a bad deal.”"))


def scored(gold: list[object], predicted: list[object]) -> object:
    return polnear.score([Document("doc", TEXT, tuple(gold))], {"doc": predicted})


def load_quietly(split: Path) -> list[object]:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        documents: list[object] = polnear.load_split(split)
    return documents


# -- loading ---------------------------------------------------------------------------------------


def test_loads_every_article_sorted_without_warnings() -> None:
    documents = load_quietly(FIXTURES / "split")
    assert [doc.id for doc in documents] == ["alpha", "beta", "gamma"]
    assert documents[2].text == "Quiet day\nNothing happened.\n"


def test_first_annotator_in_sorted_order_is_used() -> None:
    alpha = load_quietly(FIXTURES / "split")[0]
    assert alpha.annotator == "a1b2"  # alpha_c3d4.ann has a single, shorter attribution
    assert len(alpha.attributions) == 3


def test_spans_discontinuous_pieces_and_stray_lines() -> None:
    alpha = load_quietly(FIXTURES / "split")[0]
    first, second, third = alpha.attributions
    assert first == Attribution(((23, 32),), ((33, 37),), ((38, 67),))
    assert second.content == ((69, 82), (94, 113))
    assert polnear.span_text(alpha.text, second.content) == '"It is late," "but not too late."'
    # E3 comes before the T lines it joins, after an annotator note, a blank line and a pasted line
    # that starts with "T" but is no T line.
    assert third == Attribution(((123, 137),), ((138, 142),), ((114, 121), (144, 162)))
    assert polnear.span_text(alpha.text, third.content) == "Critics remain unconvinced"
    assert polnear.span_text(alpha.text, third.source) == "a council aide"


def test_no_source_events_repeated_roles_and_empty_events() -> None:
    beta = load_quietly(FIXTURES / "split")[1]
    assert len(beta.attributions) == 3  # E4 has no arguments and is skipped
    according, report, no_source = beta.attributions
    assert polnear.span_text(beta.text, according.cue) == "according to"
    assert report.content == ((68, 85), (108, 131))  # Content and Content2 make one content
    assert polnear.span_text(beta.text, report.content) == "Turnout will rise and costs will fall too"
    assert no_source.source is None
    assert polnear.span_text(beta.text, no_source.content) == "the deal is off"


def test_article_without_annotation_has_no_attributions() -> None:
    gamma = load_quietly(FIXTURES / "split")[2]
    assert gamma.attributions == ()
    assert gamma.annotator is None


def test_malformed_lines_warn_with_file_and_line_and_the_rest_loads() -> None:
    with pytest.warns(polnear.AnnotationWarning) as record:
        (delta,) = polnear.load_split(FIXTURES / "malformed")
    messages = [str(w.message) for w in record]
    where = [re.search(r"delta_e5f6\.ann:(\d+):", m) for m in messages]
    lines = sorted(int(m.group(1)) for m in where if m)
    # E1 has three bad arguments; T5 bad offsets, T6 past the end, T7 reversed, T8 wrong text,
    # T1 twice, E2 refers to the dropped T6, E3 has no readable trigger.
    assert lines == [5, 5, 5, 6, 7, 8, 9, 10, 11, 12]
    assert any("orphan_e5f6.ann" in m and "no text file" in m for m in messages)
    assert len(messages) == 11
    assert delta.attributions == (
        Attribution(((14, 25),), ((26, 30),), ((31, 51),)),  # E1, its good arguments kept
        Attribution(((14, 25),), None, None),  # E4: T8 keeps its offsets despite its text field
    )


def test_missing_text_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="text"):
        polnear.load_split(tmp_path)


# -- role scores -----------------------------------------------------------------------------------


def test_perfect_prediction_scores_one_everywhere() -> None:
    scores = scored([MAYOR, SHE, NO_SOURCE], [MAYOR, SHE, NO_SOURCE])
    values = scores.as_dict()
    assert values.pop("articles") == 1
    assert values == dict.fromkeys(values, 1.0)
    assert (scores.gold_relations, scores.predicted_relations, scores.matched_relations) == (3, 3, 3)


def test_whitespace_around_spans_does_not_count() -> None:
    loose = [Attribution(*(widened(polnear.span_text(TEXT, span)) for span in (a.source, a.cue, a.content)))
             for a in (MAYOR, SHE)]
    assert loose[0].source != MAYOR.source and loose[0].content != MAYOR.content
    scores = scored([MAYOR, SHE], loose)
    values = scores.as_dict()
    values.pop("articles")
    assert values == dict.fromkeys(values, 1.0)


def test_partially_overlapping_content() -> None:
    # Gold content "the plan would save the river" has 24 non-whitespace characters, "the plan" 7.
    partial = Attribution(MAYOR.source, MAYOR.cue, at("the plan"))
    scores = scored([MAYOR], [partial])
    assert scores.content_precision == 1.0
    assert scores.content_recall == pytest.approx(7 / 24)
    assert scores.content_f1 == pytest.approx(14 / 31)  # 2 * (7/24) / (1 + 7/24)
    assert scores.source_f1 == scores.cue_f1 == 1.0
    assert scores.relation_f1 == 1.0  # the cues agree
    assert (scores.source_exact, scores.content_exact) == (1.0, 0.0)


def test_extra_prediction_lowers_role_precision_only() -> None:
    # Predicting "she" as a source as well: 8 gold source characters, 11 predicted.
    scores = scored([MAYOR], [MAYOR, Attribution(at("she"), None, None)])
    assert scores.source_precision == pytest.approx(8 / 11)
    assert scores.source_recall == 1.0
    assert scores.relation_precision == 0.5  # the stray source-only prediction is a relation too


# -- relations -------------------------------------------------------------------------------------


@pytest.mark.parametrize("order", [1, -1])
def test_two_predictions_compete_for_one_gold_cue(order: int) -> None:
    cue = at("said")[0]
    half_cue = Attribution(at("mayor"), ((cue[0], cue[0] + 2),), MAYOR.content)  # "sa": overlap 2
    full_cue = Attribution(MAYOR.source, MAYOR.cue, MAYOR.content)  # "said": overlap 4
    scores = scored([MAYOR], [half_cue, full_cue][::order])
    assert scores.matched_relations == 1
    assert (scores.relation_precision, scores.relation_recall) == (0.5, 1.0)
    assert scores.relation_f1 == pytest.approx(2 / 3)
    assert scores.source_exact == 1.0  # the full-cue prediction won, whatever the order


@pytest.mark.parametrize("order", [1, -1])
def test_equal_cue_overlaps_go_to_the_larger_content_overlap(order: int) -> None:
    narrow = Attribution(at("mayor"), MAYOR.cue, at("the plan"))
    full = Attribution(MAYOR.source, MAYOR.cue, MAYOR.content)
    scores = scored([MAYOR], [narrow, full][::order])
    assert scores.matched_relations == 1
    assert (scores.source_exact, scores.content_exact) == (1.0, 1.0)


def test_one_prediction_matches_at_most_one_gold() -> None:
    # One predicted cue covering both "said" (4 chars) and "added" (5) goes to the larger cue overlap,
    # even though its content is the mayor's.
    both = Attribution(SHE.source, at("said") + at("added"), MAYOR.content)
    scores = scored([MAYOR, SHE], [both])
    assert (scores.relation_precision, scores.relation_recall) == (1.0, 0.5)
    assert (scores.source_exact, scores.content_exact) == (1.0, 0.0)


def test_cueless_gold_matches_by_half_its_content() -> None:
    # Gold content "save the river" has 12 non-whitespace characters: "save th" covers 6, "save t" 5.
    gold = Attribution(at("she"), None, at("save the river"))
    half = scored([gold], [Attribution(at("she"), None, at("save th"))])
    assert (half.relation_precision, half.relation_recall, half.source_exact) == (1.0, 1.0, 1.0)
    assert half.content_exact == 0.0
    with_a_cue = scored([gold], [Attribution(None, at("added"), at("save th"))])
    assert with_a_cue.relation_recall == 1.0
    short = scored([gold], [Attribution(at("she"), None, at("save t"))])
    assert (short.relation_precision, short.relation_recall, short.matched_relations) == (0.0, 0.0, 0)


def test_gold_with_a_cue_is_not_matched_by_content_alone() -> None:
    scores = scored([MAYOR], [Attribution(MAYOR.source, None, MAYOR.content)])
    assert scores.content_f1 == 1.0
    assert scores.matched_relations == 0


def test_exact_match_trims_punctuation_and_quotes() -> None:
    trimmed = [MAYOR,
               Attribution(at('," she'), at("added"), at("It is late")),
               Attribution(None, at("called"), at("a bad deal"))]
    scores = scored([MAYOR, SHE, NO_SOURCE], trimmed)
    assert (scores.source_exact, scores.content_exact) == (1.0, 1.0)
    wrong_words = [MAYOR, Attribution(at("she"), at("added"), at("It is")),
                   Attribution(None, at("called"), at("“a bad"))]
    scores = scored([MAYOR, SHE, NO_SOURCE], wrong_words)
    assert scores.content_exact == pytest.approx(1 / 3)


def test_exact_span_f1_counts_trimmed_boundaries_per_role() -> None:
    # Punctuation and whitespace at the edges do not count; a word more or less does.
    guesses = [Attribution(widened("The mayor"), at("said"), at("the plan would save the")),
               Attribution(at("she"), at("added"), at("It is late"))]
    scores = scored([MAYOR, SHE], guesses)
    assert (scores.source_exact_f1, scores.cue_exact_f1) == (1.0, 1.0)
    assert scores.content_exact_precision == scores.content_exact_recall == 0.5


def test_exact_span_units_are_pieces_and_a_shared_span_counts_once() -> None:
    interrupted = Attribution(MAYOR.source, MAYOR.cue, (*at("the plan would"), *at("save the river")))
    twice = Attribution(MAYOR.source, at("added"), SHE.content)  # the mayor again: one source unit
    scores = scored([interrupted, twice], [MAYOR])
    assert scores.source_exact_f1 == 1.0
    assert scores.content_exact_recall == 0.0 and scores.content_exact_precision == 0.0  # 3 gold pieces
    assert scores.cue_exact_precision == 1.0 and scores.cue_exact_recall == 0.5
    half = scored([interrupted], [Attribution(MAYOR.source, MAYOR.cue, at("save the river"))])
    assert (half.content_exact_precision, half.content_exact_recall) == (1.0, 0.5)


def test_missing_source_matches_only_a_missing_source() -> None:
    assert scored([NO_SOURCE], [NO_SOURCE]).source_exact == 1.0
    with_source = Attribution(at("Critics"), NO_SOURCE.cue, NO_SOURCE.content)
    assert scored([NO_SOURCE], [with_source]).source_exact == 0.0
    without_source = Attribution(None, MAYOR.cue, MAYOR.content)
    assert scored([MAYOR], [without_source]).source_exact == 0.0


def test_a_source_trimmed_to_nothing_counts_as_missing() -> None:
    quote = TEXT.index('"')
    assert scored([NO_SOURCE], [Attribution(((quote, quote + 1),), NO_SOURCE.cue, NO_SOURCE.content)]
                  ).source_exact == 1.0


# -- edge cases and output -------------------------------------------------------------------------


def test_empty_predictions_score_zero_without_dividing_by_zero() -> None:
    scores = polnear.score([Document("doc", TEXT, (MAYOR,))], {})
    values = scores.as_dict()
    assert values.pop("articles") == 1
    assert values == dict.fromkeys(values, 0.0)
    nothing = polnear.score([], {}).as_dict()
    assert nothing.pop("articles") == 0
    assert nothing == dict.fromkeys(nothing, 0.0)


def test_predictions_for_unknown_documents_are_an_error() -> None:
    with pytest.raises(ValueError, match="not in gold"):
        polnear.score([Document("doc", TEXT, (MAYOR,))], {"doc": [MAYOR], "other": [MAYOR]})


def test_predicted_piece_outside_the_text_is_an_error() -> None:
    with pytest.raises(ValueError, match="outside the text"):
        scored([MAYOR], [Attribution(None, ((90, 200),), None)])


def test_as_dict_has_the_issue_keys_and_per_role_precision_recall() -> None:
    values = scored([MAYOR], [MAYOR]).as_dict()
    required = ["source_f1", "cue_f1", "content_f1", "relation_f1", "relation_precision", "relation_recall",
                "source_exact", "content_exact", "source_exact_f1", "cue_exact_f1", "content_exact_f1",
                "articles"]
    assert list(values)[: len(required)] == required
    extra = {f"{role}_{exact}{kind}" for exact in ("", "exact_") for role in ("source", "cue", "content")
             for kind in ("precision", "recall")}
    assert set(values) - set(required) == extra
    assert json.loads(json.dumps(values)) == values


def test_format_table_shows_every_row() -> None:
    table = polnear.format_table(scored([MAYOR, SHE], [MAYOR]))
    assert "1 articles" in table
    assert re.search(r"^relation\s+1\.000\s+0\.500\s+0\.667$", table, re.MULTILINE)
    for role in ("source", "cue", "content"):
        assert re.search(rf"^{role}\s+1\.000\s+0\.\d{{3}}\s+0\.\d{{3}}$", table, re.MULTILINE)
    assert "2 gold, 1 predicted, 1 matched" in table
    assert re.search(r"^exact span\s+precision\s+recall\s+F1$", table, re.MULTILINE)
    assert len(re.findall(r"^source\s", table, re.MULTILINE)) == 2  # character-level and exact rows


# -- the real data ---------------------------------------------------------------------------------


def test_dev_split_loads_and_scores_one_against_itself() -> None:
    split = shared_path("data/polnear/dev")
    documents = load_quietly(split)
    assert len(documents) == 84
    assert sum(len(doc.attributions) for doc in documents) == 2192  # first annotator's events only
    scores = polnear.score(documents, {doc.id: list(doc.attributions) for doc in documents})
    values = scores.as_dict()
    assert values.pop("articles") == 84
    assert values == dict.fromkeys(values, 1.0)
