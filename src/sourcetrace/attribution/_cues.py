"""Find attribution candidates in a parsed stretch of text: the cue, its source and its content.

This is the ``sourcetrace_attributions`` spaCy component. It reads the dependency parse only (no
named entities, no lemmatizer: word forms are mapped to lemmas with the lexicon's table) and
writes ``doc._.attributions``, a list of :class:`Candidate` with character offsets into the Doc.
Each candidate names the rule that produced it:

``according_to``       "according to X, CONTENT"
``adverb``             "CONTENT reportedly …" (no source)
``verb_ccomp``         "X said (that) CONTENT", "CONTENT, X said"
``verb_xcomp``         "X wants to CONTENT", "X refused to CONTENT"
``verb_object``        "X denied CONTENT", "X blasted the media for …"
``verb_prep``          "X spoke about CONTENT"
``verb_clause``        "X is calling for CONTENT", "X asked whether CONTENT"
``verb_quote``         "X said" next to a quotation that is its content
``passive_agent``      "CONTENT was confirmed by X", "a move confirmed by X"
``passive_agentless``  "it was reported that CONTENT"
``noun``               "X's claim that CONTENT", "her warning about CONTENT" (in a parsed sentence)

Which verbs count, and in which frame, comes from the cue table (``cues.json``): a verb is a cue
when the share of its uses in that frame that are cues in PolNeAR train reaches the threshold.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sourcetrace.attribution._lexicon import Lexicon

if TYPE_CHECKING:  # spaCy is imported when the pipeline loads, not with the package
    from spacy.tokens import Doc, Span, Token

__all__ = ["Candidate", "Mention", "cue_key", "find_candidates", "frame_of", "subject_class"]

Piece = tuple[int, int]
_FRAMES = ("ccomp", "xcomp", "dobj", "prep")
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_INHERIT = ("conj", "advcl", "xcomp", "pcomp")
_CLIMB = (*_INHERIT, "prep")  # a verb's subject is looked for up through these links
_EXPLETIVES = frozenset({"it", "there", "this"})
_SPEAKERS = frozenset({"i", "we", "you"})  # mostly inside quotations: the speaker's own hedges
_EDGE_PUNCT = frozenset(",;:-–—(")


@dataclass(slots=True)
class Mention:
    """A source as the parser saw it: its span, the words of its head phrase with their tags, and
    for a relative pronoun ("who") the noun phrase the clause hangs from."""

    start: int
    end: int
    head: str
    head_tag: str
    words: tuple[tuple[str, str], ...]
    antecedent: tuple[tuple[str, str], ...] = ()


@dataclass(slots=True)
class Candidate:
    """One attribution as found in a Doc; offsets are into the Doc's text."""

    cue: list[Piece]
    content: list[Piece]
    source: Mention | None
    rule: str
    sentence: Piece
    model: str | None = None
    """The trained model that found it, when one did (``confidence`` is then its confidence)."""
    confidence: float | None = None


def frame_of(token: Token) -> str:
    """The verb's frame: the first of its complements it has (clausal, infinitive, object,
    prepositional), or ``none``."""
    deps = {child.dep_ for child in token.children}
    return next((f for f in _FRAMES if f in deps), "none")


def subject_class(token: Token) -> str:
    """What kind of subject the verb has: ``speaker`` ("I", "we", "you"), ``named`` (a name or
    a third-person pronoun), ``thing`` ("it", "this"), ``noun``, ``passive``, ``inherited``
    (from a verb it is joined to: "X said … and added"), or ``none``. Cue rates differ sharply
    between them: "Trump thinks that" is a cue far more often than "the plan thinks"."""
    for child in token.children:
        if child.dep_ == "nsubjpass":
            return "passive"
        if child.dep_ in ("nsubj", "csubj"):
            if child.lower_ in _EXPLETIVES or child.lower_ == "that":
                return "thing"
            if child.lower_ in _SPEAKERS:
                return "speaker"
            return "named" if child.tag_ in ("PRP", "NNP", "NNPS", "WP") else "noun"
    return "inherited" if token.dep_ in _INHERIT else "none"


def cue_key(token: Token) -> tuple[str, str]:
    """The frame and the frame with its subject class, as the cue table keys them."""
    frame = frame_of(token)
    return frame, f"{frame}/{subject_class(token)}"


def find_candidates(doc: Doc, lexicon: Lexicon) -> list[Candidate]:
    """Every attribution candidate in ``doc``, in text order of their cues."""
    found: list[Candidate] = []
    for token in doc:
        low = token.lower_
        if low == "according" and any(c.lower_ == "to" for c in token.children):
            cand = _according(token)
        elif low in lexicon.adverb_cues:
            cand = _adverb(token)
        elif token.tag_.startswith("VB") and token.dep_ not in ("aux", "auxpass"):
            cand = _verb(token, lexicon)
        elif low in lexicon.noun_cues and token.tag_ in ("NN", "NNS"):
            cand = _noun(token)
        else:
            cand = None
        if cand is not None:
            found.append(cand)
    return found


# -- rules -----------------------------------------------------------------------------------------


def _according(token: Token) -> Candidate | None:
    to = next(c for c in token.children if c.lower_ == "to")
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    head = token.head if token.head.i != token.i else None
    if head is None:
        return None
    while head.dep_ in ("aux", "auxpass") and head.head.i != head.i:
        head = head.head
    content = _pieces(head.subtree, set(_ids(token.subtree)))
    if not content:
        return None
    return Candidate(
        cue=[_chars(token, to)], content=content, source=_mention(pobj), rule="according_to",
        sentence=_sent(token),
    )


def _adverb(token: Token) -> Candidate | None:
    head = token.head
    if head.i == token.i:
        return None
    content = _pieces(head.subtree, {token.i})
    if not content:
        return None
    return Candidate(cue=[_chars(token, token)], content=content, source=None, rule="adverb",
                     sentence=_sent(token))


def _noun(token: Token) -> Candidate | None:
    """"Trump's claim that CONTENT", "her warning about CONTENT": a cue noun with a possessor as
    source and a clause or an of/about/on phrase as content."""
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    if owner is None:
        return None
    clause = next((c for c in token.children if c.dep_ in ("acl", "ccomp")
                   and any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children)), None)
    if clause is not None:
        content = _span(clause.subtree, set())
        last = token
    else:
        prep = next((c for c in token.rights if c.dep_ == "prep" and c.lower_ in ("of", "about", "on")), None)
        pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep else None
        if prep is None or pobj is None:
            return None
        content = _span(pobj.subtree, set())
        last = prep
    if content is None:
        return None
    return Candidate(cue=[_chars(token, last)], content=[content], source=_mention(owner), rule="noun",
                     sentence=_sent(token))


def _verb(token: Token, lexicon: Lexicon) -> Candidate | None:
    lemma = lexicon.lemma(token.text)
    if lexicon.verb_cues is not None and lemma not in lexicon.verb_cues:
        return None  # what the test below would decide, before the parse is read for the frame
    frame, keyed = cue_key(token)
    rate = lexicon.cue_rate(lemma, frame, keyed)
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children) or (
        token.dep_ == "acl" and token.tag_ == "VBN"
    )
    agent = next((c for c in token.children if c.dep_ == "agent"), None)
    # Attitude verbs ("officials doubt", "X believes", "X fears") count whatever their rate in
    # the table, except in the first or second person: "I think", "you want" inside a
    # quotation are the speaker's hedges, not a second source.
    attitude = lemma in lexicon.attitude_cues and not _first_or_second_person(token, lexicon) and (
        frame in ("ccomp", "xcomp") or (frame == "none" and token.dep_ in ("advcl", "ccomp", "parataxis"))
    )
    if rate < lexicon.cue_threshold and not attitude and not (passive and lemma in lexicon.passive_agentless):
        return None
    source, rule_source = _source(token, agent, passive)
    content, rule = _content(token, agent, passive, attitude=attitude)
    if passive and agent is not None:
        rule = "passive_agent"
    elif passive and source is None:
        if lemma not in lexicon.passive_agentless:
            return None
        rule = "passive_agentless"
    elif source is None and rule_source == "none":
        return None
    cue = _cue_tokens(token, agent)
    cand = Candidate(cue=[cue], content=content, source=source, rule=rule,
                     sentence=_sent(token))
    return cand


def _first_or_second_person(token: Token, lexicon: Lexicon) -> bool:
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    return subject is not None and (subject.lower_ in lexicon.first_person or subject.lower_ == "you")


def _source(token: Token, agent: Token | None, passive: bool) -> tuple[Mention | None, str]:
    if agent is not None:
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
        return (_mention(pobj), "agent") if pobj is not None else (None, "none")
    subject = next((c for c in token.children if c.dep_ in ("nsubj", "csubj")), None)
    if subject is not None and not (passive and subject.lower_ in _EXPLETIVES):
        return _mention(subject), "subject"
    if passive:
        return None, "passive"
    head = token.head
    if (token.dep_ == "acl" and token.tag_ == "VBG" and head.tag_ in ("NNP", "NNPS", "PRP")
            and head.i < token.i):
        return _mention(head), "head"  # "Pope Francis, calling Christmas a sham, …"
    current = token
    for _ in range(4):  # "X said … and added", "X, adding that", "X wants to say", "X wavered in answering"
        if current.dep_ not in _CLIMB or current.head.i == current.i:
            break
        current = current.head
        subject = next((c for c in current.children if c.dep_ in ("nsubj", "csubj")), None)
        if subject is not None:
            return _mention(subject), "inherited"
    if token.dep_ == "ROOT":
        noun = _noun_before(token)
        if noun is not None:
            return _mention(noun), "adjacent"
    return None, "none"


def _noun_before(token: Token) -> Token | None:
    """The noun phrase ending right before a main verb that the parser left without a subject,
    as when it hangs "her adviser, Jake Sullivan," from the phrase before: "In a statement to
    the Observer, her adviser, Jake Sullivan, said: …"."""
    doc = token.doc
    i = token.i - 1
    while i >= 0 and doc[i].is_punct:
        i -= 1
    if i < 0 or not doc[i].tag_.startswith("NN"):
        return None
    noun = doc[i]
    while noun.head.i < noun.i and (noun.dep_ in ("compound", "flat") or (
            noun.dep_ == "appos" and noun.head.tag_ in ("NN", "NNS"))):  # "adviser, Jake Sullivan"
        noun = noun.head
    last = max(t.i for t in noun.subtree if not t.is_punct)
    return noun if last == i and noun.dep_ in ("appos", "pobj", "npadvmod", "dep") else None


def _content(token: Token, agent: Token | None, passive: bool, *, attitude: bool = False
             ) -> tuple[list[Piece], str]:
    span, rule = _content_span(token, agent, passive, attitude=attitude)
    if isinstance(span, list):
        return span, rule
    return ([span] if span else []), rule


def _content_span(token: Token, agent: Token | None, passive: bool, *, attitude: bool = False
                  ) -> tuple[Piece | list[Piece] | None, str]:
    children = list(token.children)
    ccomps = [c for c in children if c.dep_ == "ccomp"]
    if ccomps:
        skip: set[int] = set()
        return _span((t for c in ccomps for t in c.subtree), skip), "verb_ccomp"
    xcomp = next((c for c in children if c.dep_ == "xcomp"), None)
    if xcomp is not None:
        return _span(xcomp.subtree, set()), "verb_xcomp"
    dobj = next((c for c in children if c.dep_ == "dobj"), None)
    if dobj is not None:
        tokens = list(dobj.subtree)
        for c in children:
            if c.dep_ == "prep" and c.i > dobj.i:
                tokens.extend(c.subtree)
        return _span(tokens, set()), "verb_object"
    head = token.head
    reversed_clause = token.dep_ in ("ccomp", "parataxis") or (
        # "Although officials doubt CONTENT" parsed with the doubt as a clause of the content:
        # only for attitude verbs, or "While operations will focus on X, the report indicates
        # that …" would make the whole main clause what the operations focus on.
        attitude and token.dep_ == "advcl" and head.i > token.i and any(c.dep_ == "nsubj" for c in children)
    )
    if reversed_clause and head.i != token.i and head.tag_.startswith("VB"):
        # "CONTENT, X said" parsed with the content as the main clause.
        return _pieces(head.subtree, set(_ids(token.subtree))), "verb_ccomp"
    if passive:
        subject = next((c for c in children if c.dep_ == "nsubjpass"), None)
        if subject is not None and subject.lower_ not in _EXPLETIVES:
            return _span(subject.subtree, set()), "passive_agent"
        if token.dep_ == "acl":  # "The audit, first reported by X, found …": the audit
            own = {t.i for t in token.subtree}
            return _span([t for t in token.head.subtree if t.i < token.i and t.i not in own], set()), \
                "passive_agent"
    prep = _first_prep(token, agent)
    if prep is not None:
        pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
        if pobj is not None:
            return _span(pobj.subtree, set()), "verb_prep"
    clause = _marked_clause(token)
    if clause is not None:
        marks = {c.i for c in clause.children if c.dep_ == "mark"}
        return _span(clause.subtree, marks), "verb_clause"
    return None, "verb_quote"


def _marked_clause(token: Token) -> Token | None:
    """A clause after the verb introduced by "for", "whether" or "if", which the parser hangs
    as an adverbial clause: "is calling for the United States to act", "asked whether …"."""
    for child in token.rights:
        if child.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in ("for", "whether", "if") for c in child.children
        ):
            return child
    return None


def _first_prep(token: Token, agent: Token | None) -> Token | None:
    """The first prepositional phrase after the verb that is not its passive agent."""
    return next((c for c in token.children
                 if c.dep_ == "prep" and c.i > token.i and (agent is None or c.i != agent.i)), None)


def _prep_of(token: Token, agent: Token | None) -> Token | None:
    """The preposition of a "spoke about CONTENT" cue, which belongs to the cue."""
    children = list(token.children)
    if any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in children):
        return None
    prep = _first_prep(token, agent)
    if prep is not None and any(c.dep_ in ("pobj", "pcomp") for c in prep.children):
        return prep
    return None


# -- spans -----------------------------------------------------------------------------------------


def _cue_tokens(token: Token, agent: Token | None) -> Piece:
    """The cue's words: the verb with its auxiliaries, negation and the adverbs between or just
    before them ("has also called", "methodically exposed"), its particle, and the preposition,
    "by" or "for" that joins it to its content or source ("spoke about", "confirmed by"), and a
    colon right after it ("responded:")."""
    first = token
    for child in token.lefts:
        if child.dep_ in ("aux", "auxpass", "neg") and child.i >= token.i - 4:
            first = child
            break
    doc = token.doc
    while first.i > 0 and doc[first.i - 1].dep_ == "advmod" and doc[first.i - 1].tag_ == "RB" \
            and doc[first.i - 1].head.i == token.i:
        first = doc[first.i - 1]
    last = token
    for child in token.rights:
        if child.dep_ == "prt" and child.i <= token.i + 2:
            last = child
    if agent is not None and agent.i == last.i + 1:
        last = agent
    prep = _prep_of(token, agent)
    if prep is not None and prep.i <= last.i + 3:
        last = prep
    clause = _marked_clause(token) if prep is None else None
    mark = next((c for c in clause.children if c.dep_ == "mark"), None) if clause is not None else None
    if mark is not None and mark.lower_ == "for" and mark.i <= last.i + 2:
        last = mark
    if last.i + 1 < len(doc) and doc[last.i + 1].text == ":":
        last = doc[last.i + 1]
    return _chars(first, last)


def _mention(token: Token, *, phrase: bool = True) -> Mention:
    tokens = list(token.subtree) if phrase else [t for t in token.subtree if t.i <= token.i]
    # The span is the whole phrase, relative clauses included, as PolNeAR marks sources ("the
    # Coalition, which represents 20 million Americans,"); the words that name and type the
    # source leave those clauses out.
    start, end = tokens[0], tokens[-1]
    tokens = [t for t in tokens if not _inside_clause(t, token)] or [token]
    while end.i > start.i and (end.is_punct or end.dep_ == "cc") and end.text not in ")”":
        end = end.doc[end.i - 1]
    head_words = tuple((t.text, t.tag_) for t in tokens)
    antecedent: tuple[tuple[str, str], ...] = ()
    if token.tag_ in ("WP", "WDT", "WP$") or (token.lower_ == "that" and token.dep_ == "nsubj"):
        clause = token.head
        if clause.dep_ == "relcl" and clause.head.i != clause.i:
            noun = clause.head
            antecedent = tuple((t.text, t.tag_) for t in noun.subtree if t.i <= noun.i)
    return Mention(
        start=start.idx, end=end.idx + len(end.text), head=token.text, head_tag=token.tag_,
        words=head_words, antecedent=antecedent,
    )


def _inside_clause(t: Token, root: Token) -> bool:
    node = t
    while node.i != root.i and node.head.i != node.i:
        if node.dep_ in ("relcl", "acl") and node.head.i <= root.i + 8:
            return True
        node = node.head
    return False


def _span(tokens: Iterable[Token], skip: set[int]) -> Piece | None:
    kept = sorted((t for t in tokens if t.i not in skip), key=lambda t: t.i)
    if not kept:
        return None
    first, last = kept[0], kept[-1]
    doc = first.doc
    while first.i < last.i and (first.text in _EDGE_PUNCT or first.dep_ == "cc"):
        first = doc[first.i + 1]
    while last.i > first.i and last.text in _EDGE_PUNCT:
        last = doc[last.i - 1]
    if first.is_punct and first.i == last.i:
        return None
    return first.idx, last.idx + len(last.text)


def _pieces(tokens: Iterable[Token], skip: set[int]) -> list[Piece]:
    """The stretches of ``tokens`` left when ``skip`` is taken out, each trimmed like ``_span``;
    a stretch of punctuation alone is dropped."""
    kept = sorted((t for t in tokens if t.i not in skip), key=lambda t: t.i)
    runs: list[list[Token]] = []
    for t in kept:
        if runs and t.i == runs[-1][-1].i + 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    return [p for run in runs if (p := _span(run, set())) is not None]


def _chars(first: Token, last: Token) -> Piece:
    return first.idx, last.idx + len(last.text)


def _ids(tokens: Iterable[Token]) -> list[int]:
    return [t.i for t in tokens]


def _sent(token: Token) -> Piece:
    sent: Span = token.sent
    return sent.start_char, sent.end_char
