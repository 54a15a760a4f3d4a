"""Cutting an article into sentences and into the stretches worth parsing (``_segment``)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sourcetrace.attribution import default_lexicon
from sourcetrace.attribution._segment import MAX_PIECE, Segment, segments, sentences
from sourcetrace.model import Article

TRIGGERS = frozenset({"said", "says", "according", "reportedly"})


def _pieces(text: str) -> list[str]:
    return [text[s:e] for s, e in sentences(text, 0, len(text))]


def _check_bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of ``text[start:end]``, checked to be short, inside the stretch and in order."""
    pieces = list(sentences(text, start, end))
    last = start
    for s, e in pieces:
        assert last <= s < e <= end
        assert e - s <= MAX_PIECE
        last = e
    return pieces


# -- sentences -------------------------------------------------------------------------------------


def test_sentences_split_at_end_punctuation() -> None:
    text = "The bridge is closed. Will it reopen? Nobody knows! 2025 will tell."
    assert _pieces(text) == ["The bridge is closed.", "Will it reopen?", "Nobody knows!", "2025 will tell."]


def test_no_split_after_titles_and_initials() -> None:
    text = ("Mr. Smith met Dr. Jones in the U.S. Capitol on Jan. 5. The U.S. Army said it was ready. "
            "Then it rained.")
    assert _pieces(text) == [
        "Mr. Smith met Dr. Jones in the U.S. Capitol on Jan. 5.",
        "The U.S. Army said it was ready.",
        "Then it rained.",
    ]


def test_sentence_keeps_its_closing_quote_or_bracket() -> None:
    # The end of a sentence is the period and the closing marks after it; they must not fall
    # between two pieces (the parser would see an unbalanced quotation).
    text = 'He said "no." It rained. (Really.) Then the sun came out.'
    assert _pieces(text) == ['He said "no."', "It rained.", "(Really.)", "Then the sun came out."]


def test_sentences_work_on_a_stretch_of_the_text() -> None:
    text = "Skip this. Take this one. And this one. Not this."
    start, end = text.index("Take"), text.index(" Not")
    assert [text[s:e] for s, e in sentences(text, start, end)] == ["Take this one.", "And this one."]


def test_megabyte_without_spaces_or_punctuation_is_cut_into_bounded_pieces() -> None:
    text = "x" * 1_000_000
    pieces = _check_bounded(text, 0, len(text))
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert sum(e - s for s, e in pieces) == len(text)  # nothing lost when there is no white space


def test_long_run_of_words_without_punctuation_is_cut_at_white_space() -> None:
    text = "word " * 200_000
    pieces = _check_bounded(text, 0, len(text))
    assert len(pieces) > 1
    for s, e in pieces:
        assert not text[s].isspace()
        assert text[s:e].strip().endswith("word")  # never inside a word


_CHUNKS = st.one_of(
    st.sampled_from(["said", "Mr.", "U.S.", "Jan.", ".", "!", "?", " ", "  ", "\n", "\n\n", "\t", "“", "”",
                     '"', "'", "(", ")", "A", "the", "5."]),
    st.text(alphabet="abcXYZ .,!?\"“”'()\n", max_size=40),
    st.builds(lambda ch, n: ch * n, st.sampled_from(["x", "ab", " ", "."]), st.integers(1, 8_000)),
)


@settings(max_examples=150, deadline=None)
@given(chunks=st.lists(_CHUNKS, max_size=30), cut=st.tuples(st.floats(0, 1), st.floats(0, 1)))
def test_sentences_are_never_longer_than_max_piece(chunks: list[str], cut: tuple[float, float]) -> None:
    text = "".join(chunks)
    a, b = sorted(int(f * len(text)) for f in cut)
    _check_bounded(text, 0, len(text))
    _check_bounded(text, a, b)


# -- segments --------------------------------------------------------------------------------------


def _article(text: str) -> Article:
    return Article.from_text(text)


def _check_cover(article: Article, segs: list[Segment]) -> None:
    """Segments lie in text order inside paragraphs, and every non-space character is in one."""
    text = article.text
    last = 0
    for seg in segs:
        assert last <= seg.start < seg.end <= len(text)
        assert any(p.start <= seg.start and seg.end <= p.end for p in article.paragraphs)
        last = seg.end
    covered = {i for seg in segs for i in range(seg.start, seg.end)}
    missing = [i for i, ch in enumerate(text) if not ch.isspace() and i not in covered]
    assert not missing, f"not in any segment: {[text[i] for i in missing]}"


def test_segments_mark_sentences_with_a_trigger_word_for_parsing() -> None:
    article = _article(
        "The sky was grey on Monday. Officials said the bridge would reopen. It did not.\n\n"
        "Traffic was heavy. “We are ready,” a driver told us. Nobody else spoke.\n\n"
        "According to the mayor, repairs are done. The deal has reportedly collapsed.\n\n"
        "Nothing in this paragraph counts at all."
    )
    segs = segments(article, TRIGGERS)
    _check_cover(article, segs)
    parsed = [article.text[s.start : s.end] for s in segs if s.parse]
    skipped = [article.text[s.start : s.end] for s in segs if not s.parse]
    assert parsed == [
        "Officials said the bridge would reopen.",
        "According to the mayor, repairs are done. The deal has reportedly collapsed.",
    ]
    # A quotation mark alone does not make a sentence worth parsing ("told" is no trigger here):
    # quotations are found in the whole text and joined to their cues afterwards.
    assert skipped == ["The sky was grey on Monday.", "It did not.", "Traffic was heavy.",
                       "“We are ready,” a driver told us.", "Nobody else spoke.",
                       "Nothing in this paragraph counts at all."]


def test_consecutive_kept_sentences_of_one_paragraph_are_parsed_together() -> None:
    article = _article("He said one thing. She said another.\n\nThey said a third.")
    segs = segments(article, TRIGGERS)
    assert [(article.text[s.start : s.end], s.parse) for s in segs] == [
        ("He said one thing. She said another.", True),
        ("They said a third.", True),
    ]


def test_the_shipped_triggers_include_forms_of_say() -> None:
    article = _article("The weather was fine. The minister said the bridge would reopen.")
    segs = segments(article, default_lexicon().trigger_words)
    assert [(article.text[s.start : s.end], s.parse) for s in segs] == [
        ("The weather was fine.", False),
        ("The minister said the bridge would reopen.", True),
    ]


def test_segments_cover_a_long_paragraph_in_bounded_pieces() -> None:
    article = _article("lorem ipsum " * 50_000 + "\n\nThe end, they said.")
    segs = segments(article, TRIGGERS)
    _check_cover(article, segs)
    assert all(s.end - s.start <= 6_000 for s in segs)
    assert segs[-1] == Segment(article.text.index("The end"), len(article.text), parse=True)


def test_segments_of_an_article_without_paragraphs() -> None:
    article = Article.from_text("")
    assert segments(article, TRIGGERS) == []
