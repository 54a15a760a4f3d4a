"""The source-typing evaluation (evaluation/source_types.py).

Matching and scoring run on spans and types written here, with expected values worked out by hand in
the comments; one slow test runs the whole script on the shared PolNeAR dev data.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections import Counter
from pathlib import Path

import pytest

from sourcetrace.model import Analysis, Article, Attribution, Source, Span
from tests.conftest import ROOT, shared_path

sys.path.insert(0, str(ROOT / "evaluation"))
try:
    source_types = importlib.import_module("source_types")
finally:
    sys.path.pop(0)

Mention = source_types.Mention
Outcome = source_types.Outcome


def gold_line(article: str, spans: list[list[int]], kind: str, text: str | None = "x") -> str:
    return json.dumps({"article": article, "source_spans": spans, "type": kind, "source_text": text})


def outcomes(*pairs: tuple[str | None, str | None]) -> list[object]:
    """Outcomes from (gold type, predicted type) pairs; ``None`` leaves that side unmatched."""
    return [Outcome(Mention("a", ((0, 1),), g) if g else None, Mention("a", ((0, 1),), p) if p else None)
            for g, p in pairs]


# -- matching --------------------------------------------------------------------------------------


def test_overlap_counts_shared_characters_over_all_pieces() -> None:
    assert source_types.overlap(((0, 5),), ((5, 9),)) == 0  # touching is not overlapping
    assert source_types.overlap(((0, 5),), ((3, 9),)) == 2
    assert source_types.overlap(((0, 4), (10, 14)), ((2, 12),)) == 4  # 2 + 2


@pytest.mark.parametrize("order", [1, -1])
def test_largest_overlap_wins_whatever_the_order(order: int) -> None:
    gold = [((10, 22),)]  # "Donald Trump"
    predicted = [((17, 22),), ((10, 22),)][::order]  # "Trump" (5 shared), "Donald Trump" (12)
    ((g, p),) = source_types.match(gold, predicted)
    assert (g, predicted[p]) == (0, ((10, 22),))


def test_matching_is_one_to_one() -> None:
    # One prediction covering two gold spans goes to the one it shares more with (4 > 2); the other
    # gold span stays unmatched although it overlaps.
    gold = [((0, 3),), ((5, 10),)]
    assert source_types.match(gold, [((1, 9),)]) == [(1, 0)]
    # Two predictions inside one gold span: only one of them is matched.
    assert source_types.match([((0, 10),)], [((0, 3),), ((4, 10),)]) == [(0, 1)]


def test_ties_go_to_the_earlier_gold_in_text_order() -> None:
    gold = [((6, 10),), ((0, 4),)]  # listed out of text order
    assert source_types.match(gold, [((2, 8),)]) == [(1, 0)]  # 2 shared with each; (0, 4) comes first


def test_no_overlap_no_match() -> None:
    assert source_types.match([((0, 4),)], [((4, 8),)]) == []
    assert source_types.match([], [((0, 4),)]) == source_types.match([((0, 4),)], []) == []


def test_pair_up_keeps_articles_apart_and_accounts_for_every_mention() -> None:
    gold = [Mention("a", ((0, 5),), "person"), Mention("b", ((0, 5),), "outlet")]
    predicted = [Mention("a", ((0, 5),), "person"), Mention("c", ((0, 5),), "document")]
    result = source_types.pair_up(gold, predicted)
    assert result == [Outcome(gold[0], predicted[0]), Outcome(gold[1], None), Outcome(None, predicted[1])]


# -- reading ---------------------------------------------------------------------------------------


def test_events_sharing_a_span_are_one_mention_and_spanless_events_are_apart() -> None:
    lines = [
        gold_line("a", [[0, 5]], "person", "Obama"),
        gold_line("a", [[0, 5]], "person", "Obama"),  # a second event with the same source
        gold_line("a", [[9, 14]], "outlet", "Times"),
        gold_line("a", [], "author", None),
        "",
        gold_line("b", [], "unspecified", None),  # an article with no span at all still counts
    ]
    gold = source_types.load_gold(lines)
    assert gold.mentions == [Mention("a", ((0, 5),), "person", "Obama"),
                             Mention("a", ((9, 14),), "outlet", "Times")]
    assert gold.no_span == Counter({"author": 1, "unspecified": 1})
    assert gold.articles == ["a", "b"]


def test_a_span_with_two_types_or_an_unknown_type_is_an_error() -> None:
    with pytest.raises(ValueError, match=r"line 2: .* typed both person and outlet"):
        source_types.load_gold([gold_line("a", [[0, 5]], "person"), gold_line("a", [[0, 5]], "outlet")])
    with pytest.raises(ValueError, match="line 1: unknown source type 'journalist'"):
        source_types.load_gold([gold_line("a", [[0, 5]], "journalist")])


def test_predicted_mentions_are_distinct_spans_typed_by_their_source() -> None:
    text = "Obama said it. He added more. Reportedly, all is well."
    obama, he = Span(0, 5), Span(15, 17)

    def attribution(source: tuple[Span, ...], source_id: str | None) -> Attribution:
        return Attribution(cue=(), content=(), source=source, source_id=source_id, kind="indirect",
                           certainty="asserted", rule="test", sentence=Span(0, len(text)))

    analysis = Analysis(
        article=Article.from_text(text, input="a"),
        attributions=(attribution((obama,), "s1"), attribution((obama,), "s1"), attribution((he,), "s1"),
                      attribution((), None)),  # an agentless report has no source mention
        sources=(Source(id="s1", name="Obama", type="person", mentions=(obama, he)),),
    )
    assert source_types.predicted_mentions("a", analysis) == [
        Mention("a", ((0, 5),), "person", "Obama"), Mention("a", ((15, 17),), "person", "He")]
    broken = Analysis(article=analysis.article, attributions=(attribution((obama,), "s9"),))
    with pytest.raises(ValueError, match="points to no source"):
        source_types.predicted_mentions("a", broken)


# -- scoring ---------------------------------------------------------------------------------------


def test_matched_and_end_to_end_scores() -> None:
    scores = source_types.score(outcomes(
        ("person", "person"), ("person", "person"), ("person", "organisation"),  # 3 matched persons
        ("organisation", "organisation"),
        ("person", None),  # a missed person
        (None, "organisation"), (None, "person"),  # two spurious predictions
    ), articles=1)
    assert (scores.gold_mentions, scores.predicted_mentions, scores.matched) == (5, 6, 4)
    assert scores.type_accuracy == 3 / 4
    person = scores.per_type("person")
    assert (person["gold"], person["predicted"], person["right"]) == (4, 3, 2)
    assert person["matched_precision"] == 1.0  # 2 of the 2 matched predictions of person
    assert person["matched_recall"] == 2 / 3  # 2 of the 3 matched gold persons
    assert person["precision"] == 2 / 3  # 2 of the 3 predicted persons, the spurious one included
    assert person["recall"] == 2 / 4  # 2 of the 4 gold persons, the missed one included
    organisation = scores.per_type("organisation")
    assert organisation["matched_precision"] == 1 / 2
    assert organisation["matched_recall"] == 1.0
    assert (organisation["precision"], organisation["recall"]) == (1 / 3, 1.0)


def test_types_with_nothing_to_count_score_zero() -> None:
    scores = source_types.score([])
    values = scores.as_dict()
    assert (values["matched"], values["gold_mentions"], values["type_accuracy"]) == (0, 0, 0.0)
    assert all(v == 0 for row in values["per_type"].values() for v in row.values())


def test_as_dict_has_the_keys_and_the_confusion_table() -> None:
    scores = source_types.score(outcomes(("person", "outlet"), ("document", None)),
                                no_span=Counter({"author": 2}), articles=3)
    values = scores.as_dict()
    assert {"matched", "gold_mentions", "predicted_mentions", "type_accuracy", "per_type", "confusion",
            "no_span", "articles"} <= set(values)
    assert set(values["per_type"]) == set(source_types.TYPES)
    assert {"precision", "recall", "matched_precision", "matched_recall"} <= set(values["per_type"]["person"])
    assert values["confusion"]["person"]["outlet"] == 1
    assert values["confusion"]["document"]["none"] == 1
    assert values["no_span"] == {"author": 2}
    assert values["articles"] == 3
    assert json.loads(json.dumps(values)) == values


def test_mistyped_lists_only_matched_pairs_of_different_types() -> None:
    found = source_types.mistyped(outcomes(("person", "outlet"), ("person", "person"), ("person", None)))
    assert [(o.gold.type, o.predicted.type) for o in found] == [("person", "outlet")]


def test_format_table_shows_every_type_and_the_spanless_events() -> None:
    scores = source_types.score(outcomes(("person", "person"), ("outlet", None)),
                                no_span=Counter({"author": 2}), articles=1)
    table = source_types.format_table(scores)
    assert "2 gold mentions, 1 predicted, 1 matched" in table
    for kind in source_types.TYPES:
        assert f"\n{kind} " in table
    assert "events without a Source span (not scored): 2 (author 2)" in table


# -- the command -----------------------------------------------------------------------------------


def test_missing_gold_file_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert source_types.main([str(tmp_path / "absent.jsonl")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: no gold source types at") and err.count("\n") == 1


def test_missing_texts_exit_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    types = tmp_path / "dev.jsonl"
    types.write_text(gold_line("nowhere", [[0, 5]], "person") + "\n", encoding="utf-8")
    assert source_types.main([str(types), "--polnear", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "lacks 1 article(s), e.g. nowhere.txt" in err and err.count("\n") == 1


@pytest.mark.slow
def test_the_script_on_the_dev_data(capsys: pytest.CaptureFixture[str]) -> None:
    types = shared_path("data/polnear-source-types/dev.jsonl")
    polnear = shared_path("data/polnear/dev")
    assert source_types.main([str(types), "--polnear", str(polnear), "--json"]) == 0
    values = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert (values["articles"], values["gold_mentions"]) == (20, 438)  # as the data's README says
    assert sum(values["no_span"].values()) == 18
    assert 0 < values["matched"] <= values["gold_mentions"]
    assert 0.0 <= values["type_accuracy"] <= 1.0
    assert set(values["per_type"]) == set(source_types.TYPES)
    for row in values["per_type"].values():
        for key in ("precision", "recall", "matched_precision", "matched_recall"):
            assert 0.0 <= row[key] <= 1.0
