"""Turning the tagger's attributions into engine candidates, and merging them with the rules'.
Spans and parses are written by hand here; the model is not needed."""

from __future__ import annotations

from sourcetrace.attribution._cues import Candidate, Mention
from sourcetrace.attribution._hybrid import MODEL_RULE, Parsed, Token, merge, model_candidates
from sourcetrace.attribution._tagger import Linked, Tagged

TEXT = "A spokeswoman for the ministry, who declined to be named, said the plan had failed."


def _tagged(role: str, words: str) -> Tagged:
    start = TEXT.index(words)
    return Tagged(role, start, start + len(words), 0.9)


def _parsed() -> Parsed:
    tags = {"A": "DT", "spokeswoman": "NN", "for": "IN", "the": "DT", "ministry": "NN", ",": ",",
            "who": "WP", "declined": "VBD", "to": "TO", "be": "VB", "named": "VBN", "said": "VBD",
            "plan": "NN", "had": "VBD", "failed": "VBN", ".": "."}
    tokens = []
    pos = 0
    words = TEXT.replace(",", " ,").replace(".", " .").split()
    said = TEXT.index("said")
    for word in words:
        start = TEXT.index(word, pos)
        pos = start + len(word)
        # Every token of the source phrase hangs (eventually) on "spokeswoman", which hangs on "said".
        head = said if word == "spokeswoman" else TEXT.index("spokeswoman")
        tokens.append(Token(start, pos, word, tags[word], head))
    return Parsed(tokens, [(0, len(TEXT))])


LINKED = Linked(
    cue=_tagged("cue", "said"),
    sources=[_tagged("source", "A spokeswoman for the ministry, who declined to be named")],
    content=[_tagged("content", "the plan had failed")],
)


def test_a_tagged_attribution_becomes_a_candidate_with_the_parse_s_words() -> None:
    (cand,) = model_candidates([LINKED], [], _parsed(), TEXT, "sourcetrace-attr-1.0")
    assert cand.rule == MODEL_RULE and cand.model == "sourcetrace-attr-1.0" and cand.confidence == 0.9
    assert TEXT[cand.cue[0][0] : cand.cue[0][1]] == "said"
    assert [TEXT[s:e] for s, e in cand.content] == ["the plan had failed"]
    assert cand.source is not None
    assert TEXT[cand.source.start : cand.source.end].startswith("A spokeswoman")
    assert cand.source.head == "spokeswoman" and cand.source.head_tag == "NN"
    # The words that type the source stop where the relative clause begins.
    assert [w for w, _ in cand.source.words] == ["A", "spokeswoman", "for", "the", "ministry"]
    assert cand.sentence == (0, len(TEXT))


def test_the_rule_that_found_the_same_cue_names_it_and_lends_its_mention() -> None:
    said = TEXT.index("said")
    mention = Mention(0, 13, head="spokeswoman", head_tag="NN", words=(("A", "DT"), ("spokeswoman", "NN")))
    rule = Candidate(cue=[(said, said + 4)], content=[(said + 5, len(TEXT) - 1)], source=mention,
                     rule="verb_ccomp", sentence=(0, len(TEXT)))
    (cand,) = model_candidates([LINKED], [rule], _parsed(), TEXT, "m")
    assert cand.rule == "verb_ccomp" and cand.model == "m"
    assert cand.source is not None and cand.source.words == mention.words
    assert (cand.source.start, cand.source.end) == (LINKED.sources[0].start, LINKED.sources[0].end)


def test_an_unparsed_source_is_typed_by_the_shape_of_its_words() -> None:
    text = "Reuters reported the deal."
    linked = Linked(Tagged("cue", 8, 16, 0.8), [Tagged("source", 0, 7, 0.8)],
                    [Tagged("content", 17, 25, 0.8)])
    (cand,) = model_candidates([linked], [], Parsed([], []), text, "m")
    assert cand.source is not None and cand.source.words == (("Reuters", "NNP"),)
    assert cand.sentence == (0, len(text))  # the paragraph, when no sentence was parsed


def test_hybrid_keeps_trusted_rules_only_where_the_model_marked_no_cue() -> None:
    def cand(cue: tuple[int, int], rule: str) -> Candidate:
        return Candidate(cue=[cue], content=[(cue[1] + 1, cue[1] + 5)], source=None, rule=rule,
                         sentence=(0, 99))

    model = [cand((10, 14), MODEL_RULE)]
    rules = [cand((10, 14), "verb_ccomp"), cand((30, 38), "according_to"), cand((50, 55), "verb_object"),
             cand((12, 20), "verb_quote")]
    kept = merge(model, rules, hybrid=True)
    assert [(c.cue[0], c.rule) for c in kept] == [((10, 14), MODEL_RULE), ((30, 38), "according_to")]
    assert merge(model, rules, hybrid=False) == model
