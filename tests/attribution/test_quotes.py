"""Quotations found by their marks, across sentences and paragraphs (``_quotes``)."""

from __future__ import annotations

import pytest

from sourcetrace.attribution._quotes import Quotation, quotations
from sourcetrace.model import Article


def _quotes(text: str) -> tuple[Article, list[Quotation]]:
    article = Article.from_text(text)
    return article, quotations(article)


def _texts(article: Article, quote: Quotation) -> list[str]:
    return [article.text[s:e] for s, e in quote.pieces]


@pytest.mark.parametrize("text, quoted", [
    ("She said “we will win” and left.", "“we will win”"),
    ('She said "we will win" and left.', '"we will win"'),
    ("Il a dit «nous gagnerons» hier.", "«nous gagnerons»"),
])
def test_one_quotation_with_curly_straight_or_angle_marks(text: str, quoted: str) -> None:
    article, found = _quotes(text)
    assert len(found) == 1
    (quote,) = found
    assert _texts(article, quote) == [quoted]
    assert quote.closed
    assert (quote.start, quote.end) == (text.index(quoted), text.index(quoted) + len(quoted))


def test_several_quotations_in_a_sentence_in_text_order() -> None:
    text = 'He called it “a disgrace” and then “a farce”, and she said "nonsense" twice.'
    article, found = _quotes(text)
    assert [_texts(article, q) for q in found] == [["“a disgrace”"], ["“a farce”"], ['"nonsense"']]
    assert [q.start for q in found] == sorted(q.start for q in found)


def test_apostrophes_and_single_quotes_are_left_alone() -> None:
    _, found = _quotes("The minister's aides called it 'routine' and didn't comment.")
    assert found == []


@pytest.mark.parametrize("open_mark, close_mark", [("“", "”"), ('"', '"')])
def test_a_quotation_over_two_paragraphs_is_one_quotation_with_two_pieces(
    open_mark: str, close_mark: str
) -> None:
    text = (f"{open_mark}We will rebuild the bridge, and we will do it this year.\n\n"
            f"{open_mark}Nobody should doubt that,{close_mark} the mayor said.")
    article, found = _quotes(text)
    assert len(found) == 1
    (quote,) = found
    assert quote.closed
    assert _texts(article, quote) == [
        f"{open_mark}We will rebuild the bridge, and we will do it this year.",
        f"{open_mark}Nobody should doubt that,{close_mark}",
    ]
    first, second = article.paragraphs
    assert quote.pieces[0] == (first.start, first.end)  # the first piece runs to its paragraph's end
    assert quote.overlaps(second.start, second.start + 5)


def test_a_quotation_over_three_paragraphs() -> None:
    text = "“One.\n\n“Two, and more.\n\n“Three,” she said.\n\nAfter."
    article, found = _quotes(text)
    assert [_texts(article, q) for q in found] == [["“One.", "“Two, and more.", "“Three,”"]]


def test_an_unbalanced_opening_mark_closes_at_its_paragraph_end() -> None:
    text = ("“The plan was never going to work, the senator said.\n\n"
            "A later paragraph quotes “something else” plainly.\n\n"
            "A third paragraph has no quotation at all.")
    article, found = _quotes(text)
    first = article.paragraphs[0]
    assert len(found) == 2
    unbalanced, later = found
    assert not unbalanced.closed
    assert unbalanced.pieces == ((first.start, first.end),)
    assert later.closed and _texts(article, later) == ["“something else”"]
    third = article.paragraphs[2]
    assert not any(q.overlaps(third.start, third.end) for q in found)


def test_an_unbalanced_straight_mark_does_not_swallow_later_paragraphs() -> None:
    text = '"Unbalanced opening here and more.\n\nA later paragraph here.\n\nAnd another one.'
    article, found = _quotes(text)
    assert [(_texts(article, q), q.closed) for q in found] == [
        (['"Unbalanced opening here and more.'], False)]


def test_an_unbalanced_quotation_at_the_end_of_the_text() -> None:
    text = "The mayor spoke.\n\nShe said: “We will"
    article, found = _quotes(text)
    assert [(_texts(article, q), q.closed) for q in found] == [(["“We will"], False)]


def test_text_that_is_all_quotes() -> None:
    text = "“All quotes.” “More quotes.” “Yet more.”\n\n“And a paragraph of them.”"
    article, found = _quotes(text)
    assert [_texts(article, q) for q in found] == [
        ["“All quotes.”"], ["“More quotes.”"], ["“Yet more.”"], ["“And a paragraph of them.”"]]
    assert all(q.closed for q in found)


@pytest.mark.parametrize("text", ['""""""', "“”“”", "“", "”", '"', "", "\n\n\n"])
def test_marks_alone_give_no_quotation(text: str) -> None:
    _, found = _quotes(text)
    assert found == []


def test_every_piece_is_inside_the_text_and_its_paragraph() -> None:
    text = ('A “b” c "d\n\n"e" f “g\n\nh ” i “j”\n\n“k')
    article, found = _quotes(text)
    assert found
    for quote in found:
        for s, e in quote.pieces:
            assert 0 <= s < e <= len(text)
            assert any(p.start <= s and e <= p.end for p in article.paragraphs)
