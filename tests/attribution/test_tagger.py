"""The trained tagger's text side: windows over an article's word pieces, decoding labels into
spans, linking spans into attributions. No model is needed: labels are given."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from sourcetrace.attribution._tagger import LABELS, Tagged, Window, best_labels, decode, link, windows

WINDOW = 510


def _pieces(text: str) -> list[tuple[int, int]]:
    """Whitespace words as word pieces."""
    out, start = [], None
    for i, ch in enumerate(text + " "):
        if ch.isspace():
            if start is not None:
                out.append((start, i))
                start = None
        elif start is None:
            start = i
    return out


def _kept(found: list[Window], count: int) -> list[int]:
    """How many windows keep each piece."""
    seen = [0] * count
    for w in found:
        assert w.start <= w.keep_start < w.keep_end <= w.end
        assert w.end - w.start <= WINDOW
        for i in range(w.keep_start, w.keep_end):
            seen[i] += 1
    return seen


def test_windows_pack_whole_paragraphs_and_keep_every_piece_once() -> None:
    paragraphs = [" ".join(f"w{p}_{k}" for k in range(n)) for p, n in enumerate((200, 250, 100, 30, 400))]
    text = "\n\n".join(paragraphs)
    offsets = _pieces(text)
    found = windows(offsets, text, WINDOW)
    assert _kept(found, len(offsets)) == [1] * len(offsets)
    # 200 + 250 fit one window; 100 + 30 another, since 400 more would not fit; 400 alone.
    assert [w.end - w.start for w in found] == [450, 130, 400]
    for w in found[1:]:  # a window starts at a paragraph's first piece
        assert text[offsets[w.start][0] - 1] == "\n"


def test_a_long_paragraph_gets_overlapping_windows_each_keeping_its_middle() -> None:
    text = "intro words here\n\n" + " ".join(f"x{k}" for k in range(1500)) + "\n\nlast one"
    offsets = _pieces(text)
    found = windows(offsets, text, WINDOW)
    assert _kept(found, len(offsets)) == [1] * len(offsets)
    long = [w for w in found if w.end - w.start == WINDOW]
    assert len(long) >= 3
    for a, b in itertools.pairwise(long):
        assert a.end - b.start >= WINDOW // 4  # overlap
        assert a.keep_end == b.keep_start
        assert a.keep_end - a.start > 0 and b.end - b.keep_start > 0


def test_windows_of_nothing() -> None:
    assert windows([], "") == []


def _probs(labels: list[str], sure: float = 0.9) -> np.ndarray:
    rows = np.full((len(labels), len(LABELS)), (1 - sure) / (len(LABELS) - 1), dtype=np.float32)
    for i, name in enumerate(labels):
        rows[i, LABELS.index(name)] = sure
    return rows


def test_decode_reads_bio_and_repairs_a_stray_inside_label() -> None:
    text = "Officials said the plan would fail soon ."
    offsets = _pieces(text)
    labels = ["B-source", "B-cue", "I-content", "I-content", "I-content", "I-content", "I-content", "O"]
    probs = _probs(labels)
    probs[2, LABELS.index("I-content")], probs[2, LABELS.index("B-content")] = 0.6, 0.3 + 0.1 / 6
    spans = decode(probs, offsets, text)  # "the": I-content, which cannot follow a cue; B-content next best
    assert [(s.role, text[s.start : s.end]) for s in spans] == [
        ("source", "Officials"), ("cue", "said"), ("content", "the plan would fail soon"),
    ]
    # A piece's probability of its role: its label's 0.9 and the other label of the role's 0.1 / 6.
    assert all(s.confidence == pytest.approx(0.9 + 0.1 / 6) for s in spans)


def test_decode_widens_spans_to_whole_words() -> None:
    text = "Spokeswoman Okonkwo-Briggs said"
    # word pieces inside words: "Spokes" "woman" "Okonkwo" "-" "Briggs" "said"
    offsets = [(0, 6), (6, 11), (12, 19), (19, 20), (20, 26), (27, 31)]
    labels = ["O", "B-source", "I-source", "I-source", "I-source", "B-cue"]
    spans = decode(_probs(labels), offsets, text)
    assert [(s.role, text[s.start : s.end]) for s in spans] == [
        ("source", "Spokeswoman Okonkwo-Briggs"), ("cue", "said"),
    ]


def test_a_span_of_punctuation_alone_is_dropped() -> None:
    text = "’ said “ yes ; Graham : no"
    labels = ["B-source", "B-cue", "B-content", "I-content", "B-content", "B-source", "B-cue", "B-content"]
    spans = decode(_probs(labels), _pieces(text), text)
    assert [(s.role, text[s.start : s.end]) for s in spans] == [
        ("cue", "said"), ("content", "“ yes"), ("source", "Graham"), ("cue", ":"), ("content", "no"),
    ]


def test_two_begin_labels_make_two_spans() -> None:
    text = "a b c d"
    spans = decode(_probs(["B-content", "I-content", "B-content", "I-content"]), _pieces(text), text)
    assert [text[s.start : s.end] for s in spans] == ["a b", "c d"]


def test_an_unsure_piece_inside_a_span_does_not_cut_it() -> None:
    text = "he said the plan would surely fail"
    probs = _probs(["B-source", "B-cue", "B-content", "I-content", "I-content", "O", "I-content"])
    probs[5] = [0.4, 0.0, 0.0, 0.0, 0.0, 0.0, 0.35]  # "surely": O by a little
    spans = decode(probs, _pieces(text), text)
    assert [(s.role, text[s.start : s.end]) for s in spans] == [
        ("source", "he"), ("cue", "said"), ("content", "the plan would surely fail"),
    ]
    # Read label by label, the same probabilities cut the content in two.
    assert [LABELS[k] for k in probs.argmax(axis=1)][5:] == ["O", "I-content"]


def test_opening_a_span_costs_so_a_lone_unsure_piece_stays_outside() -> None:
    text = "the weather was fine on Tuesday"
    probs = _probs(["O"] * 6, sure=0.55)
    probs[3] = [0.3, 0.0, 0.0, 0.0, 0.0, 0.7, 0.0]  # "fine": B-content, 0.7 against O's 0.3
    assert decode(probs, _pieces(text), text, entry=(0.0, 0.0, 0.0))[0].role == "content"
    assert decode(probs, _pieces(text), text, entry=(1.0, 1.0, 1.0)) == []
    assert best_labels(probs[:0]) == []


def _tag(text: str, role: str, words: str, nth: int = 0) -> Tagged:
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return Tagged(role, start, start + len(words), 0.8)


def test_link_gives_each_cue_its_nearest_source_and_content_in_the_paragraph() -> None:
    text = ("The minister said the talks failed. Aides told reporters that a deal was close.\n\n"
            "Nothing else.")
    spans = [
        _tag(text, "source", "The minister"), _tag(text, "cue", "said"),
        _tag(text, "content", "the talks failed"), _tag(text, "source", "Aides"),
        _tag(text, "cue", "told reporters"), _tag(text, "content", "a deal was close"),
    ]
    linked = link(spans, text)
    got = [(text[a.cue.start : a.cue.end], [text[s.start : s.end] for s in a.sources],
            [text[c.start : c.end] for c in a.content]) for a in linked]
    assert got == [
        ("said", ["The minister"], ["the talks failed"]),
        ("told reporters", ["Aides"], ["a deal was close"]),
    ]
    assert linked[0].confidence == pytest.approx(0.8)


def test_a_cue_in_the_same_sentence_wins_over_a_nearer_one_in_the_next() -> None:
    text = ("According to the Times, the president approved the strikes. "
            "This decision, confirmed by aides, is new.")
    spans = [
        _tag(text, "cue", "According to"), _tag(text, "source", "the Times"),
        _tag(text, "content", "the president approved the strikes"), _tag(text, "cue", "confirmed by"),
        _tag(text, "source", "aides"), _tag(text, "content", "This decision"),
    ]
    according, confirmed = link(spans, text)
    assert [text[c.start : c.end] for c in according.content] == ["the president approved the strikes"]
    assert [text[c.start : c.end] for c in confirmed.content] == ["This decision"]


def test_a_quotation_continued_in_the_next_paragraph_stays_with_its_cue() -> None:
    text = '"We will not back down," she said, "not now.\n\n"And not ever."'
    spans = [
        _tag(text, "content", "We will not back down"), _tag(text, "source", "she"),
        _tag(text, "cue", "said"), _tag(text, "content", "not now."),
        _tag(text, "content", "And not ever."),
    ]
    (only,) = link(spans, text)
    pieces = [text[c.start : c.end] for c in only.content]
    assert pieces == ["We will not back down", "not now.", "And not ever."]
    assert [text[s.start : s.end] for s in only.sources] == ["she"]


def test_a_second_cue_of_the_same_speaker_shares_the_source() -> None:
    text = "The senator said taxes would rise and added that spending would fall."
    spans = [
        _tag(text, "source", "The senator"), _tag(text, "cue", "said"),
        _tag(text, "content", "taxes would rise"), _tag(text, "cue", "added"),
        _tag(text, "content", "spending would fall"),
    ]
    first, second = link(spans, text)
    assert [text[s.start : s.end] for s in second.sources] == ["The senator"]
    assert [text[c.start : c.end] for c in second.content] == ["spending would fall"]
    assert [text[c.start : c.end] for c in first.content] == ["taxes would rise"]


def test_no_cue_no_attribution() -> None:
    text = "Officials and a plan."
    assert link([_tag(text, "source", "Officials"), _tag(text, "content", "a plan")], text) == []


def test_a_cues_sources_come_nearest_first() -> None:
    # One cue, two sources in its paragraph: the engine names the first, so it must be the nearer.
    text = "Unlike the governor, the mayor’s spokesman said on Monday that the bridge would close."
    spans = [
        _tag(text, "source", "the governor"), _tag(text, "source", "the mayor’s spokesman"),
        _tag(text, "cue", "said"), _tag(text, "content", "the bridge would close"),
    ]
    (only,) = link(spans, text)
    assert [text[s.start : s.end] for s in only.sources] == ["the mayor’s spokesman", "the governor"]
