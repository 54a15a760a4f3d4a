"""The attribution engine end to end: roles, rules, source types, chains, hedging, bad input.

The rules are still being tuned, so these tests pin what a reader relies on in clear cases (who
is the source, of which type, by which rule, what the content covers) and the invariants every
analysis keeps (offsets inside the text, the JSON round trip), not the exact spans of hard
sentences.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sourcetrace.attribution import MAX_CHARS, Analyzer, load_lexicon
from sourcetrace.extract import extract_text
from sourcetrace.model import (
    SOURCE_TYPES,
    Analysis,
    Article,
    Attribution,
    ProvenanceNode,
    Source,
    SourceType,
    Span,
)
from tests.conftest import DATA, shared_path


@pytest.fixture(scope="module")
def analyzer(analyzer: Analyzer) -> Analyzer:
    """The rules alone: these tests pin what the rules find (the model's are in test_model.py);
    the session's spaCy pipeline is shared."""
    return Analyzer(nlp=analyzer.nlp, engine="rules")


def _analyze(analyzer: Analyzer, text: str, **fields: str) -> Analysis:
    analysis = analyzer.analyze(Article.from_text(text, **fields))
    _check(analysis)
    return analysis


def _text(analysis: Analysis, spans: tuple[Span, ...]) -> str:
    return " … ".join(analysis.article.text[s.start : s.end] for s in spans)


def _by_cue(analysis: Analysis, cue: str) -> Attribution:
    found = [a for a in analysis.attributions if cue.lower() in _text(analysis, a.cue).lower()]
    cues = [_text(analysis, a.cue) for a in analysis.attributions]
    assert found, f"no attribution with cue {cue!r} in {cues}"
    return found[0]


def _source(analysis: Analysis, attribution: Attribution) -> Source:
    source = analysis.source(attribution.source_id)
    assert source is not None, f"no source for {_text(analysis, attribution.cue)!r}"
    return source


def _tree(analysis: Analysis) -> ProvenanceNode:
    assert analysis.provenance is not None
    return analysis.provenance


def _check(analysis: Analysis) -> None:
    """What every analysis keeps, whatever the rules find."""
    text = analysis.article.text
    n = len(text)

    def inside(span: Span | tuple[int, int]) -> None:
        start, end = (span.start, span.end) if isinstance(span, Span) else span
        assert 0 <= start < end <= n, f"span {start}:{end} outside text of length {n}"

    ids = [s.id for s in analysis.sources]
    assert len(set(ids)) == len(ids)
    for i, a in enumerate(analysis.attributions):
        assert a.cue, "an attribution always has a cue"
        for span in (*a.cue, *a.content, *a.source, a.sentence):
            inside(span)
        for cue in a.cue:
            assert a.sentence.start <= cue.start and cue.end <= a.sentence.end
            assert not any(c.start < cue.end and cue.start < c.end for c in a.content), "cue inside content"
        for hedge in a.hedges:
            inside((hedge.start, hedge.end))
            assert text[hedge.start : hedge.end] == hedge.cue
        if a.source_id is None:
            assert not a.source
        else:
            source = analysis.source(a.source_id)
            assert source is not None
            assert all(span in source.mentions for span in a.source)
        if a.parent is not None:
            assert 0 <= a.parent < len(analysis.attributions) and a.parent != i
        assert a.kind in ("direct", "indirect", "mixed")
        assert a.certainty in ("asserted", "hedged", "speculative")
        assert a.rule
    for source in analysis.sources:
        assert source.type in SOURCE_TYPES
        assert source.name
        for span in source.mentions:
            inside(span)
        assert source.via is None or source.via in ids
    for claim in analysis.unattributed:
        inside(claim.span)
    # The JSON form round-trips, through real JSON text.
    data = analysis.to_dict()
    assert data["schema"] == "sourcetrace.analysis/1"
    assert Analysis.from_dict(json.loads(json.dumps(data))) == analysis
    summary = analysis.summary()
    for key in ("share_anonymous", "share_hedged", "share_unattributed"):
        assert 0.0 <= summary[key] <= 1.0
    assert summary["claims"] == summary["attributed"] + summary["unattributed"]
    assert summary["attributed"] == len(analysis.attributions)


# -- the rules, one clear case each ----------------------------------------------------------------


def test_said_that(analyzer: Analyzer) -> None:
    analysis = _analyze(analyzer, "The minister said that the bridge would reopen in May.")
    a = _by_cue(analysis, "said")
    assert a.rule == "verb_ccomp"
    assert "minister" in _text(analysis, a.source)
    assert _source(analysis, a).type == "person"
    assert "the bridge would reopen in May" in _text(analysis, a.content)
    assert a.kind == "indirect"


def test_quotation_then_speaker(analyzer: Analyzer) -> None:
    analysis = _analyze(analyzer, '"We will not back down," the senator said.')
    a = _by_cue(analysis, "said")
    assert a.rule in ("verb_ccomp", "verb_quote")
    assert "senator" in _text(analysis, a.source)
    assert _source(analysis, a).type == "person"
    assert "We will not back down" in _text(analysis, a.content)
    assert a.kind == "direct"
    assert a.certainty == "asserted"


def test_interrupted_quotation_has_both_parts_as_content(analyzer: Analyzer) -> None:
    analysis = _analyze(analyzer, '"We will not," she said, "back down."')
    a = _by_cue(analysis, "said")
    content = _text(analysis, a.content)
    assert "We will not" in content and "back down" in content
    assert a.kind == "direct"


def test_according_to(analyzer: Analyzer) -> None:
    analysis = _analyze(analyzer, "According to The New York Times, the plan was approved.")
    a = _by_cue(analysis, "According to")
    assert a.rule == "according_to"
    source = _source(analysis, a)
    assert (source.name, source.type) == ("The New York Times", "outlet")
    assert "the plan was approved" in _text(analysis, a.content)


def test_passive_with_agent(analyzer: Analyzer) -> None:
    analysis = _analyze(analyzer, "The decision was confirmed by unnamed American officials.")
    a = _by_cue(analysis, "confirmed")
    assert a.rule == "passive_agent"
    source = _source(analysis, a)
    assert (source.name, source.type) == ("unnamed American officials", "anonymous")
    assert "decision" in _text(analysis, a.content)


def test_agentless_passive_has_no_source(analyzer: Analyzer) -> None:
    analysis = _analyze(analyzer, "It was reported that talks had stalled.")
    a = _by_cue(analysis, "reported")
    assert a.rule == "passive_agentless"
    assert a.source_id is None and a.source == ()
    assert "talks had stalled" in _text(analysis, a.content)
    assert analysis.sources == ()
    assert [c.label for c in _tree(analysis).children] == ["(no source given)"]
    assert analysis.summary()["share_anonymous"] == 1.0  # a claim with no source counts as anonymous


def test_reportedly_is_a_sourceless_hedged_cue(analyzer: Analyzer) -> None:
    analysis = _analyze(analyzer, "The deal has reportedly collapsed.")
    a = _by_cue(analysis, "reportedly")
    assert a.rule == "adverb"
    assert a.source_id is None
    assert "collapsed" in _text(analysis, a.content)
    assert a.certainty == "hedged"
    assert "reportedly" in [h.cue for h in a.hedges]


def test_attitude_verb(analyzer: Analyzer) -> None:
    analysis = _analyze(analyzer, "Officials doubt the plan will work.")
    a = _by_cue(analysis, "doubt")
    assert "Officials" in _text(analysis, a.source)
    assert _source(analysis, a).type == "anonymous"
    assert "the plan will work" in _text(analysis, a.content)


def test_a_cue_noun_with_its_owner_inside_a_report(analyzer: Analyzer) -> None:
    analysis = _analyze(analyzer, "Officials said that Trump's claim that the election was rigged was false.")
    claim = _by_cue(analysis, "claim")
    assert claim.rule == "noun"
    assert _text(analysis, claim.source) == "Trump's"  # the possessive, as PolNeAR marks it
    assert _source(analysis, claim).name == "Trump"
    assert _text(analysis, claim.content) == "that the election was rigged"
    said = _by_cue(analysis, "said")
    assert claim.parent == analysis.attributions.index(said)


def test_a_speaker_the_parser_left_without_a_subject(analyzer: Analyzer) -> None:
    text = ('In a statement to the Observer, her senior policy adviser, Jake Sullivan, said: '
            '"The plan is sound." Sullivan added that talks would resume.')
    analysis = _analyze(analyzer, text)
    said, added = _by_cue(analysis, "said"), _by_cue(analysis, "added")
    source = _source(analysis, said)
    assert (source.name, source.type, source.role) == ("Jake Sullivan", "person", "senior policy adviser")
    assert added.source_id == said.source_id


def test_unattributed_claims_are_listed(analyzer: Analyzer) -> None:
    text = "The bridge has been closed for repairs since last spring. Will it reopen before the summer?"
    analysis = _analyze(analyzer, text)
    assert analysis.attributions == ()
    assert [analysis.article.text[c.span.start : c.span.end] for c in analysis.unattributed] == [
        "The bridge has been closed for repairs since last spring."]
    assert analysis.summary()["share_unattributed"] == 1.0


# -- source types ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text, cue, words, kind", [
    ("I wrote last week that the plan would fail.", "wrote", "I", "author"),
    ("Critics say the plan is a mistake.", "say", "Critics", "unspecified"),
    ("A statement said the company would cut jobs.", "said", "statement", "document"),
    ("The report said the ministry had failed.", "said", "report", "document"),
    ("The Pentagon said the drills would continue.", "said", "Pentagon", "organisation"),
    ("The transport ministry said the port would reopen.", "said", "ministry", "organisation"),
    ("Reuters reported that the deal was close.", "reported", "Reuters", "outlet"),
    ("Theresa May said the vote would go ahead.", "said", "Theresa May", "person"),
    ("Unnamed officials said the port would reopen.", "said", "officials", "anonymous"),
    ("Sources said the deal was close.", "said", "Sources", "anonymous"),
])
def test_source_types(analyzer: Analyzer, text: str, cue: str, words: str, kind: SourceType) -> None:
    analysis = _analyze(analyzer, text)
    a = _by_cue(analysis, cue)
    assert words in _text(analysis, a.source)
    assert _source(analysis, a).type == kind


def test_the_articles_own_outlet_is_an_outlet(analyzer: Analyzer) -> None:
    analysis = _analyze(analyzer, "Northern Wire reported that the strike had ended.", outlet="Northern Wire")
    assert _source(analysis, _by_cue(analysis, "reported")).type == "outlet"


def test_the_author_is_not_in_the_provenance_tree(analyzer: Analyzer) -> None:
    analysis = _analyze(analyzer, "We reported on Monday that the ministry had failed.", outlet="EU Today")
    a = _by_cue(analysis, "reported")
    assert _source(analysis, a).type == "author"
    assert _tree(analysis).children == ()
    assert _tree(analysis).claims == 1  # the article's own claims count at the root


def test_mentions_of_one_person_merge_with_name_and_role(analyzer: Analyzer) -> None:
    analysis = _analyze(
        analyzer, "Biden said the economy was strong. President Joe Biden added that jobs were growing.")
    said, added = _by_cue(analysis, "said"), _by_cue(analysis, "added")
    assert said.source_id == added.source_id
    (person,) = [s for s in analysis.sources if s.type == "person"]
    assert person.id == said.source_id
    assert person.name.endswith("Joe Biden")
    assert person.role == "President"
    assert _text(analysis, person.mentions) == "Biden … President Joe Biden"


# -- quotations over paragraphs --------------------------------------------------------------------


@pytest.mark.parametrize("open_mark, close_mark", [("“", "”"), ('"', '"')])
def test_quotation_continued_over_two_paragraphs(analyzer: Analyzer, open_mark: str, close_mark: str) -> None:
    text = (f"{open_mark}We will rebuild the bridge, and we will do it this year.\n\n"
            f"{open_mark}Nobody should doubt that,{close_mark} she said.")
    analysis = _analyze(analyzer, text)
    a = _by_cue(analysis, "said")
    first, second = analysis.article.paragraphs
    assert any(s.start < first.end and first.start < s.end for s in a.content)
    assert any(s.start < second.end and second.start < s.end for s in a.content)
    content = _text(analysis, a.content)
    assert "We will rebuild the bridge" in content and "Nobody should doubt that" in content
    assert a.kind == "direct"
    assert _source(analysis, a).type == "person"


# -- nesting and chains ----------------------------------------------------------------------------


def _nested(analysis: Analysis, outer_cue: str, inner_cue: str) -> tuple[Attribution, Attribution]:
    outer, inner = _by_cue(analysis, outer_cue), _by_cue(analysis, inner_cue)
    assert inner.parent == analysis.attributions.index(outer)
    (cue,) = inner.cue
    assert any(s.start <= cue.start and cue.end <= s.end for s in outer.content)
    return outer, inner


def test_a_report_inside_a_report_is_nested_and_chained(analyzer: Analyzer) -> None:
    text = "The New York Times reports that officials say the talks failed."
    analysis = _analyze(analyzer, text, outlet="EU Today")
    outer, inner = _nested(analysis, "reports", "say")
    times, officials = _source(analysis, outer), _source(analysis, inner)
    assert (times.name, times.type) == ("The New York Times", "outlet")
    assert (officials.name, officials.type) == ("officials", "anonymous")
    assert officials.via == times.id
    assert ["EU Today", "The New York Times", "officials"] in _tree(analysis).chains()
    assert analysis.summary()["chains"] == _tree(analysis).chains()
    (node,) = _tree(analysis).children
    assert node.source_id == times.id and node.link is None
    assert [(c.label, c.link) for c in node.children] == [("officials", "nested")]


def test_the_times_reports_that_officials_say(analyzer: Analyzer) -> None:
    text = "The Times reports that officials say the talks failed."
    analysis = _analyze(analyzer, text, outlet="EU Today")
    outer, inner = _nested(analysis, "reports", "say")
    assert _source(analysis, outer).type == "outlet"
    assert _source(analysis, inner).via == outer.source_id
    chains = _tree(analysis).chains()
    assert any(c[0] == "EU Today" and "Times" in c[1] and c[2:] == ["officials"] for c in chains)


def test_the_times_after_the_new_york_times_is_the_same_outlet(analyzer: Analyzer) -> None:
    text = ("According to The New York Times, the plan was approved.\n\n"
            "The Times reports that officials say the talks failed.")
    analysis = _analyze(analyzer, text, outlet="EU Today")
    first, later = _by_cue(analysis, "According to"), _by_cue(analysis, "reports")
    assert later.source_id == first.source_id
    assert ["EU Today", "The New York Times", "officials"] in _tree(analysis).chains()


def test_the_root_is_the_outlet_else_the_domain_else_the_title(analyzer: Analyzer) -> None:
    text = "Officials said the talks failed."
    assert _tree(_analyze(analyzer, text, outlet="EU Today")).label == "EU Today"
    assert _tree(_analyze(analyzer, text, domain="example.org")).label == "example.org"
    assert _tree(_analyze(analyzer, text, title="Talks fail")).label == "Talks fail"


# -- hedging ---------------------------------------------------------------------------------------


def test_hedges_in_the_content_lower_the_certainty(analyzer: Analyzer) -> None:
    analysis = _analyze(analyzer, "Analysts said prices might rise. The minister said prices rose.")
    might, rose = analysis.attributions
    assert might.certainty == "speculative" and [h.cue for h in might.hedges] == ["might"]
    assert rose.certainty == "asserted" and rose.hedges == ()


# -- a user's lexicon ------------------------------------------------------------------------------


def test_a_user_cue_verb_reaches_the_rules(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.json"
    path.write_text(json.dumps({"cue_verbs": {"opine": {"ccomp": 0.9}}}), encoding="utf-8")
    analysis = Analyzer(lexicon=load_lexicon(path), engine="rules").analyze(
        Article.from_text("Critics opine that the plan is a mistake."))
    a = _by_cue(analysis, "opine")
    assert "Critics" in _text(analysis, a.source)
    assert "the plan is a mistake" in _text(analysis, a.content)


# -- invariants on whole articles -----------------------------------------------------------------

BRIEF_CASES = "\n\n".join([
    "The minister said that the bridge would reopen in May.",
    '"We will not back down," the senator said.',
    "According to The New York Times, the plan was approved.",
    "The decision was confirmed by unnamed American officials.",
    "It was reported that talks had stalled. The deal has reportedly collapsed.",
    "Officials doubt the plan will work. The Times reports that officials say the talks failed.",
    "“First part of a long statement.",
    "“Second part of it,” she said. Biden said X. President Joe Biden added Y.",
    "I wrote that it is. Critics say it is not. A statement said so. The Pentagon said nothing.",
    "The bridge has been closed for repairs since last spring, the council noted.",
])


@pytest.mark.parametrize("name", ["brief", *sorted(p.name for p in (DATA / "extract").glob("*.*"))])
def test_every_span_is_inside_the_text_and_the_json_round_trips(analyzer: Analyzer, name: str) -> None:
    if name == "brief":
        article = Article.from_text(BRIEF_CASES, outlet="EU Today")
    else:
        article = extract_text((DATA / "extract" / name).read_text(encoding="utf-8"), input=name)
    analysis = analyzer.analyze(article)
    _check(analysis)  # spans, ids, parents, the JSON round trip, the summary's shares
    assert analysis.article is article
    if not any(language in name for language in ("chinese", "spanish")):
        assert analysis.attributions


# -- bad input: always an Analysis, never an exception ---------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n\n  \n"])
def test_empty_text(analyzer: Analyzer, text: str) -> None:
    analysis = _analyze(analyzer, text)
    assert analysis.attributions == () and analysis.sources == () and analysis.unattributed == ()
    assert any("no text" in w for w in analysis.warnings)


def test_german_text_gives_a_warning_and_no_attributions(analyzer: Analyzer) -> None:
    text = ("Die Regierung hat am Montag erklärt, dass die Brücke im Mai wieder geöffnet wird. "
            "Der Minister sagte, es gebe keine Verzögerungen bei den Bauarbeiten.")
    analysis = _analyze(analyzer, text)
    assert analysis.attributions == () and analysis.unattributed == ()
    assert len(analysis.warnings) == 1 and "English" in analysis.warnings[0]


def test_a_declared_language_is_trusted(analyzer: Analyzer) -> None:
    analysis = _analyze(analyzer, "Officials said the talks failed.", language="fr")
    assert analysis.attributions == ()
    assert "'fr'" in analysis.warnings[0]


def test_unbalanced_quotation_marks_do_not_swallow_the_article(analyzer: Analyzer) -> None:
    text = ("“The plan was never going to work, the senator said on Monday.\n\n"
            "Another paragraph follows here without any quotation.\n\n"
            "The minister said that the vote would go ahead.")
    analysis = _analyze(analyzer, text)
    last = analysis.article.paragraphs[-1]
    (a,) = [a for a in analysis.attributions if a.cue[0].start >= last.start]
    assert "minister" in _text(analysis, a.source)
    assert "the vote would go ahead" in _text(analysis, a.content)
    assert a.kind == "indirect"


@pytest.mark.parametrize("text", [
    "“All quotes.” “More quotes.” “Yet more.”",
    '"All quotes." "More quotes."\n\n"And more, said nobody."',
    "“”“”“”",
    '"""""""',
    "“Unclosed",
])
def test_text_that_is_all_quotes(analyzer: Analyzer, text: str) -> None:
    analysis = _analyze(analyzer, text)
    assert analysis.article.text == text


def test_a_megabyte_without_spaces(analyzer: Analyzer) -> None:
    analysis = _analyze(analyzer, "x" * 1_000_000)
    assert analysis.attributions == ()
    assert any(f"{MAX_CHARS:,}" in w for w in analysis.warnings)


@pytest.mark.slow
def test_a_megabyte_paragraph_full_of_attributions_finishes(analyzer: Analyzer) -> None:
    sentence = "Officials said the talks had failed, and “we will not back down,” the senator added. "
    text = sentence * (1_000_000 // len(sentence) + 1)
    analysis = _analyze(analyzer, text)
    assert len(analysis.article.paragraphs) == 1
    assert analysis.attributions
    assert any(f"{MAX_CHARS:,}" in w for w in analysis.warnings)


def test_nothing_is_found_past_the_analysed_part(analyzer: Analyzer) -> None:
    filler = "x " * ((MAX_CHARS - 200) // 2)
    analysis = _analyze(analyzer, filler + "Officials said the talks failed. " * 20)
    assert any(f"only the first {MAX_CHARS:,}" in w for w in analysis.warnings)
    assert analysis.attributions
    assert [a for a in analysis.attributions if a.cue[0].start >= MAX_CHARS] == []


def test_many_articles_come_back_in_order(analyzer: Analyzer) -> None:
    texts = ["", "Der Minister sagte, es gebe keine Verzögerungen bei den Bauarbeiten im Mai.",
             "The minister said that the bridge would reopen.", "“Unclosed"] * 5
    articles = [Article.from_text(t, input=f"a{i}") for i, t in enumerate(texts)]
    analyses = list(analyzer.analyze_many(articles, group=3))
    assert [a.article for a in analyses] == articles
    for analysis in analyses:
        _check(analysis)
    assert [bool(a.attributions) for a in analyses] == [t.startswith("The minister") for t in texts]


# -- the example article ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example(analyzer: Analyzer) -> Analysis:
    text = shared_path("examples/eutoday-atacms-authorisation.txt").read_text(encoding="utf-8")
    analysis = analyzer.analyze(extract_text(text, input="eutoday.txt"))
    _check(analysis)
    return analysis


def _named(analysis: Analysis, name: str) -> Source:
    found = [s for s in analysis.sources if s.name == name]
    assert found, f"no source {name!r} in {[s.name for s in analysis.sources]}"
    return found[0]


def test_example_sources_and_types(example: Analysis) -> None:
    assert example.article.outlet == "EU Today"
    assert _named(example, "The New York Times").type == "outlet"
    assert _named(example, "unnamed American officials").type == "anonymous"
    assert _named(example, "U.S. sources").type == "anonymous"
    assert _named(example, "Bloomberg").type == "outlet"
    assert example.warnings == ()


def test_example_bloomberg_claim_is_hedged(example: Analysis) -> None:
    bloomberg = _named(example, "Bloomberg")
    (claim,) = [a for a in example.attributions if a.source_id == bloomberg.id]
    assert "up to 100,000 troops" in _text(example, claim.content)
    assert claim.certainty != "asserted"
    assert claim.rule == "verb_ccomp"


def test_example_chain_from_the_outlet_through_the_times(example: Analysis) -> None:
    chains = _tree(example).chains()
    assert ["EU Today", "The New York Times", "unnamed American officials"] in chains
    officials = _named(example, "unnamed American officials")
    assert officials.via == _named(example, "The New York Times").id
    assert officials.via_reason


def test_example_summary(example: Analysis) -> None:
    summary = example.summary()
    assert summary["attributed"] >= 5
    assert summary["claims_by_source_type"]["outlet"] >= 2
    assert summary["claims_by_source_type"]["anonymous"] >= 2
    assert 0 < summary["share_anonymous"] < 1


def test_sources_the_author_cites_hang_from_the_article(analyzer: Analyzer) -> None:
    analysis = _analyze(analyzer, "I reported that officials say the deal is dead.")
    assert ["this article", "officials"] in _tree(analysis).chains()


def test_text_that_looks_like_markup_is_printed_as_text(analyzer: Analyzer) -> None:
    from sourcetrace.cli._report import render_report

    text = "Officials said on Monday that the [/caption] ferry contract [bold]ended[/bold]."
    analysis = _analyze(analyzer, text)
    report = render_report(analysis)
    assert "[/caption]" in report and "[bold]ended[/bold]" in report


def test_an_article_whose_analysis_fails_gives_its_error_and_the_others_go_on() -> None:
    from sourcetrace.errors import AnalysisError

    class Failing(Analyzer):
        def _assemble(self, work):  # type: ignore[no-untyped-def]
            if work.article.source.input == "bad":
                raise RuntimeError("boom")
            return super()._assemble(work)

    texts = {"one": "Officials said the talks failed.", "bad": "The minister said no.",
             "two": "The mayor said the bridge would reopen."}
    articles = [Article.from_text(t, input=name) for name, t in texts.items()]
    results = list(Failing().analyze_each(articles))
    assert [type(r).__name__ for r in results] == ["Analysis", "AnalysisError", "Analysis"]
    error = results[1]
    assert isinstance(error, AnalysisError)
    assert error.message == "[E400] bad: analysis failed (RuntimeError: boom)"


def test_the_pipeline_multiplies_with_numpy_not_blis(analyzer: Analyzer) -> None:
    from thinc.api import NumpyOps

    tok2vec = analyzer.nlp.get_pipe("tok2vec").model
    numpy_ops = [node.ops for node in tok2vec.walk() if isinstance(node.ops, NumpyOps)]
    assert numpy_ops and not any(ops.use_blis for ops in numpy_ops)
    doc = analyzer.nlp("Officials said the talks had failed.")
    assert [t.dep_ for t in doc][:2] == ["nsubj", "ROOT"]
