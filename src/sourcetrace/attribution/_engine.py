"""The attribution engine: from an :class:`~sourcetrace.model.Article` to an
:class:`~sourcetrace.model.Analysis`.

Stages, each in its own module: cut the text into stretches worth parsing (``_segment``), parse
them and find candidate attributions (``_cues`` in a spaCy component), attach quotations
(``_quotes``), nest attributions, type and merge sources (``_sources``), weigh hedging
(``_hedging``), list unattributed claims (``_claims``) and draw the provenance tree
(``_provenance``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sourcetrace.attribution._claims import unattributed_claims
from sourcetrace.attribution._cues import Candidate, Mention
from sourcetrace.attribution._hedging import certainty, find_hedges
from sourcetrace.attribution._hybrid import Parsed, Token, merge, model_candidates
from sourcetrace.attribution._lexicon import Lexicon, load_lexicon
from sourcetrace.attribution._model import TaggerModel, load_tagger
from sourcetrace.attribution._model import model_dir as default_model_dir
from sourcetrace.attribution._pipeline import COMPONENT, load_pipeline, one_blas_thread
from sourcetrace.attribution._provenance import link_sources, provenance_tree
from sourcetrace.attribution._quotes import QuoteIndex, attach_quotations, quotations
from sourcetrace.attribution._segment import Segment, segments
from sourcetrace.attribution._sources import SourceResolver
from sourcetrace.attribution._tagger import Linked
from sourcetrace.errors import AnalysisError, ConfigError, SourcetraceError
from sourcetrace.extract import default_outlets
from sourcetrace.extract._language import guess_language
from sourcetrace.extract.outlets import OutletTable
from sourcetrace.model import Analysis, Article, Attribution, Span

__all__ = ["ENGINE", "ENGINES", "MAX_CHARS", "Analyzer", "batched"]

ENGINE = "sourcetrace-rules-1.0"
ENGINES = ("hybrid", "model", "rules")
"""What finds attributions: the trained model with the rules' most reliable findings added
(``hybrid``, the default), the trained model alone, or the rules alone. The model's attributions
go through the same source typing, hedging, nesting and chains as the rules'."""
_NEAR = 40
MAX_CHARS = 400_000
"""Longest text analysed; the rest of a longer article is left out, with a warning."""


def batched(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """``items`` in lists of ``size`` (the last may be shorter), read as they come."""
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass
class _Work:
    article: Article
    segments: list[Segment]
    candidates: list[Candidate]
    warnings: list[str]
    limit: int
    tokens: list[Token] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    linked: list[Linked] = field(default_factory=list)


class Analyzer:
    """Finds attributions in articles. Load it once: the spaCy pipeline takes a moment to load.

    ``nlp`` is a pipeline from :func:`load_pipeline` (loaded on first use when not given);
    ``lexicon`` and ``outlets`` default to the shipped tables. ``engine`` is one of
    :data:`ENGINES`; the trained model (for ``hybrid`` and ``model``) is read from ``model_dir``
    on first use (default: ``$SOURCETRACE_MODEL_DIR``, else the model shipped in the package).
    """

    def __init__(
        self,
        *,
        nlp: Any = None,
        lexicon: Lexicon | None = None,
        outlets: OutletTable | None = None,
        batch_size: int = 64,
        engine: str = "hybrid",
        model_dir: Path | str | None = None,
    ) -> None:
        if engine not in ENGINES:
            raise ConfigError(None, f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
        self.engine = engine
        self.model_dir = Path(model_dir) if model_dir is not None else default_model_dir()
        self._tagger: TaggerModel | None = None
        self.lexicon = lexicon or load_lexicon()
        self._nlp = nlp
        if nlp is not None and lexicon is not None and COMPONENT in nlp.pipe_names:
            nlp.get_pipe(COMPONENT).lexicon = lexicon
        self.outlets = outlets or default_outlets()
        self.batch_size = batch_size

    @property
    def nlp(self) -> Any:
        """The spaCy pipeline, loaded on first use; its attribution component reads this
        analyzer's lexicon."""
        if self._nlp is None:
            self._nlp = load_pipeline()
            self._nlp.get_pipe(COMPONENT).lexicon = self.lexicon
        return self._nlp

    @property
    def tagger(self) -> TaggerModel:
        """The trained model, loaded on first use (raises ``AttributionModelError`` naming the file
        when its files are missing or damaged)."""
        if self._tagger is None:
            self._tagger = load_tagger(self.model_dir)
        return self._tagger

    @property
    def name(self) -> str:
        """What the analyses say produced them: the rules' version, the model's, or both."""
        if self.engine == "rules":
            return ENGINE
        model = self.tagger.name
        return model if self.engine == "model" else f"{ENGINE}+{model}"

    def analyze(self, article: Article) -> Analysis:
        """The analysis of one article."""
        return next(self.analyze_many([article]))

    def analyze_many(self, articles: Iterable[Article], *, group: int = 16) -> Iterator[Analysis]:
        """Analyses in input order; articles are parsed ``group`` at a time so that the parser
        works on full batches."""
        for batch in batched(articles, group):
            yield from self._run(batch)

    def analyze_each(
        self, articles: Iterable[Article], *, group: int = 8
    ) -> Iterator[Analysis | AnalysisError]:
        """Like :meth:`analyze_many`, for batches that must go on: an article whose analysis
        fails gives an ``AnalysisError`` naming it in its place, and the others are analysed.
        (A ``SourcetraceError`` that concerns every article, such as a missing model, is raised.)"""
        for batch in batched(articles, group):
            yield from self._each(batch)

    def _each(self, batch: list[Article]) -> list[Analysis | AnalysisError]:
        try:
            return list(self.analyze_many(batch, group=len(batch)))
        except SourcetraceError:
            raise
        except Exception:  # find the article that fails, and analyse the others one by one
            out: list[Analysis | AnalysisError] = []
            for article in batch:
                try:
                    out.append(self.analyze(article))
                except SourcetraceError:
                    raise
                except Exception as exc:
                    reason = f"analysis failed ({type(exc).__name__}: {exc})"
                    out.append(AnalysisError(article.source.label, reason))
            return out

    # -- stages ------------------------------------------------------------------------------------

    def _run(self, articles: list[Article]) -> Iterator[Analysis]:
        works = [self._prepare(a) for a in articles]
        jobs = [
            (_SURROGATE.sub("\ufffd", a.article.text[s.start : s.end]), (i, s.start))
            for i, a in enumerate(works) for s in a.segments if s.parse
        ]
        keep_parse = self.engine != "rules"
        with one_blas_thread():
            for doc, (i, base) in self.nlp.pipe(jobs, as_tuples=True, batch_size=self.batch_size):
                for cand in doc._.attributions or ():
                    works[i].candidates.append(_shift(cand, base))
                if keep_parse:
                    works[i].tokens.extend(
                        Token(t.idx + base, t.idx + base + len(t.text), t.text, t.tag_, t.head.idx + base)
                        for t in doc
                    )
                    works[i].sentences.extend((s.start_char + base, s.end_char + base) for s in doc.sents)
        for work in works:
            work.candidates.extend(_headline_colons(work.article, work.limit))
            yield self._assemble(work)

    def _prepare(self, article: Article) -> _Work:
        warnings: list[str] = []
        language = article.language or guess_language(article.text)
        if language is not None and language.split("-")[0].lower() != "en":  # "en-US" is English
            warnings.append(f"the text is in '{language}', not English: attribution rules are "
                            "English-only, so it was not analysed")
            return _Work(article, [], [], warnings, 0)
        if language is None and not _looks_english(article.text):
            warnings.append("the text does not read as English (too few English function words): "
                            "attributions found in it may be meaningless")
        limit = len(article.text)
        if limit > MAX_CHARS:
            warnings.append(f"the text has {limit:,} characters; only the first {MAX_CHARS:,} were analysed")
            limit = MAX_CHARS
        wanted = None
        linked: list[Linked] = []
        if self.engine != "rules":
            linked = self.tagger.attributions(_SURROGATE.sub("\ufffd", article.text[:limit]))
            wanted = _Marked(linked)
        segs = [replace(s, end=min(s.end, limit))
                for s in segments(article, self.lexicon.trigger_words, wanted) if s.start < limit]
        if not article.text.strip():
            warnings.append("the article has no text")
        return _Work(article, segs, [], warnings, limit, linked=linked)

    def _assemble(self, work: _Work) -> Analysis:
        article = work.article
        text = article.text
        quotes = quotations(article) if work.segments else []
        quoted = QuoteIndex(quotes)
        cands = attach_quotations(work.candidates, quoted, text)
        if self.engine != "rules" and work.segments:
            parsed = Parsed(work.tokens, work.sentences)
            found = model_candidates(work.linked, cands, parsed, text, self.tagger.name,
                                     fill=self.engine == "hybrid")
            cands = merge(found, cands, hybrid=self.engine == "hybrid")
        cands = _dedupe(cands)
        parents = _nesting(cands)
        resolver = SourceResolver(self.lexicon, self.outlets, article_outlet=article.outlet)
        attributions: list[Attribution] = []
        for index, cand in enumerate(cands):
            source_id = None
            if cand.source is not None:
                parent = parents[index]
                # The speaker of a quotation holding this one, when that was met first.
                speaker = attributions[parent].source_id if parent is not None and parent < index else None
                in_quote = bool(quoted.between(cand.source.start, cand.source.end))
                source_id = resolver.add(cand.source, speaker=speaker, in_quote=in_quote)
            attributions.append(self._attribution(cand, parents[index], source_id, quoted, text))
        sources = link_sources(article, attributions, resolver.sources())
        claims = unattributed_claims(article, work.segments, attributions, self.lexicon, limit=work.limit)
        return Analysis(
            article=article,
            attributions=tuple(attributions),
            sources=tuple(sources),
            unattributed=tuple(claims),
            provenance=provenance_tree(article, attributions, sources),
            warnings=tuple(work.warnings),
            engine=self.name,
        )

    def _attribution(
        self, cand: Candidate, parent: int | None, source_id: str | None, quoted: QuoteIndex, text: str
    ) -> Attribution:
        hedges = find_hedges(text, [*cand.content, *cand.cue], self.lexicon)
        start = min(cand.sentence[0], *(s for s, _ in cand.content), *(s for s, _ in cand.cue))
        end = max(cand.sentence[1], *(e for _, e in cand.content), *(e for _, e in cand.cue))
        return Attribution(
            cue=tuple(Span(*p) for p in cand.cue),
            content=tuple(Span(*p) for p in cand.content),
            source=(Span(cand.source.start, cand.source.end),) if cand.source else (),
            source_id=source_id,
            kind=quoted.directness(cand.content),
            certainty=certainty(hedges),
            rule=cand.rule,
            sentence=Span(start, end),
            hedges=hedges,
            parent=parent,
            model=cand.model,
            confidence=cand.confidence,
        )


class _Marked:
    """Whether the sentence ``[start, end)`` holds a span the model marked (cue or source): with
    the model, only those sentences are parsed, for the rules' view of them (rule names, the words
    and tags that type a source, the rules' own findings there). Parsing every sentence holding a
    cue word as well found nothing more the hybrid keeps on PolNeAR dev (relation F1 0.785 either
    way, measured while choosing), so the parser's time goes to the marked sentences only."""

    def __init__(self, linked: list[Linked]) -> None:
        self._starts = sorted({s.start for a in linked for s in (a.cue, *a.sources)})

    def __call__(self, start: int, end: int) -> bool:
        k = bisect.bisect_left(self._starts, start)
        return k < len(self._starts) and self._starts[k] < end


_WORDS = re.compile(r"\w+")
_SURROGATE = re.compile("[\ud800-\udfff]")  # lone surrogates (from Python callers) break the tokenizer
_ENGLISH = frozenset({
    "the", "a", "an", "of", "to", "in", "and", "that", "is", "was", "for", "on", "with", "by", "said",
    "it", "as", "at", "from", "he", "she",
})


def _looks_english(text: str) -> bool:
    """For texts too short for the language guess: does one word in twenty or more come from
    English's commonest words? (Any English prose of a dozen words passes.)"""
    words = _WORDS.findall(text[:5000].lower())
    if len(words) < 12:
        return True
    return sum(w in _ENGLISH for w in words) >= len(words) / 20


_HEADLINE = re.compile(r"([A-Z][\w.’'-]*(?: [A-Z&][\w.’'-]*| of| the){0,5}):\s+(\S.{8,}?)[.!]?$")


def _headline_colons(article: Article, limit: int) -> list[Candidate]:
    """"Graham: Trump's rhetoric destroying GOP's chances": a short name, a colon and what they
    said, the way headlines attribute (rule ``headline_colon``)."""
    found = []
    for p in article.paragraphs:
        if p.end > limit or p.end - p.start > 300:
            continue
        match = _HEADLINE.match(article.text, p.start, p.end)
        if match is None or len(match.group(2).split()) < 3:
            continue
        name = match.group(1)
        words = tuple((w, "NNP" if w[:1].isupper() else "IN") for w in name.split())
        mention = Mention(match.start(1), match.end(1), head=words[-1][0], head_tag="NNP", words=words)
        found.append(Candidate(
            cue=[(match.end(1), match.end(1) + 1)], content=[match.span(2)], source=mention,
            rule="headline_colon", sentence=(p.start, p.end),
        ))
    return found


def _shift(cand: Candidate, base: int) -> Candidate:
    cand.cue = [(s + base, e + base) for s, e in cand.cue]
    cand.content = [(s + base, e + base) for s, e in cand.content]
    cand.sentence = (cand.sentence[0] + base, cand.sentence[1] + base)
    if cand.source is not None:
        cand.source.start += base
        cand.source.end += base
    return cand


def _dedupe(cands: list[Candidate]) -> list[Candidate]:
    """One candidate per cue: when two overlap (a verb inside "according to"), keep the first."""
    cands = sorted(cands, key=lambda c: c.cue[0])
    out: list[Candidate] = []
    for cand in cands:
        if out and cand.cue[0][0] < out[-1].cue[0][1]:
            continue
        out.append(cand)
    return out


def _nesting(cands: list[Candidate]) -> list[int | None]:
    """For each candidate, the index of the candidate with the smallest content holding its cue.
    Candidates are in cue order and contents span a few sentences, so only the ``_NEAR``
    candidates on either side are looked at: the work stays linear on a huge text."""
    parents: list[int | None] = []
    for i, cand in enumerate(cands):
        cue_start, cue_end = cand.cue[0]
        best: tuple[int, int] | None = None
        for j in range(max(0, i - _NEAR), min(len(cands), i + _NEAR + 1)):
            other = cands[j]
            if j == i:
                continue
            for s, e in other.content:
                if s <= cue_start and cue_end <= e and (best is None or e - s < best[0]):
                    best = (e - s, j)
        parents.append(best[1] if best else None)
    return parents
