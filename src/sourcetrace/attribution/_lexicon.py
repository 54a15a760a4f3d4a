"""The word lists the rules read, loaded once from ``sourcetrace/data/attribution.json`` (written
by hand) and ``cues.json`` (cue verbs by frame, derived from PolNeAR train), and extensible from a
user's JSON file of the same shape."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from sourcetrace.data import load_json
from sourcetrace.errors import ConfigError
from sourcetrace.model import CERTAINTIES, Certainty

__all__ = ["Lexicon", "default_lexicon", "load_lexicon"]


@dataclass(frozen=True)
class Lexicon:
    """Everything the rules look words up in. Sets hold lower-case words unless named ``*_words``
    (proper-noun parts, matched as written)."""

    cue_verbs: dict[str, dict[str, float]]
    forms: dict[str, str]
    triggers: frozenset[str]
    trigger_lemmas: frozenset[str]
    cue_threshold: float
    adverb_cues: frozenset[str]
    noun_cues: frozenset[str]
    passive_agentless: frozenset[str]
    hedges: dict[str, Certainty]
    attitude_cues: frozenset[str]
    first_person: frozenset[str]
    male_pronouns: frozenset[str]
    female_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    neuter_pronouns: frozenset[str]
    relative_pronouns: frozenset[str]
    anonymous_heads: frozenset[str]
    anonymous_markers: frozenset[str]
    unspecified_heads: frozenset[str]
    document_heads: frozenset[str]
    outlet_work_heads: frozenset[str]
    outlet_heads: frozenset[str]
    organisation_heads: frozenset[str]
    organisation_words: frozenset[str]
    outlet_words: frozenset[str]
    places: frozenset[str]
    titles: frozenset[str]
    role_nouns: frozenset[str]
    determiners: frozenset[str]
    hedge_pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)
    trigger_words: frozenset[str] = field(init=False, repr=False, compare=False)
    verb_cues: frozenset[str] | None = field(init=False, repr=False, compare=False)
    """The lemmas a verb rule can accept (a rate at the threshold in some frame, an attitude verb,
    an agentless passive); ``None`` when the threshold is 0 or less and every verb can."""

    def __post_init__(self) -> None:
        phrases = sorted(self.hedges, key=len, reverse=True)
        # Words of a phrase may be parted by any white space, a line break included.
        pattern = r"\b(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases) + r")\b"
        object.__setattr__(self, "hedge_pattern", re.compile(pattern, re.IGNORECASE))
        # Forms of the lemmas named in trigger_lemmas (the verbs of reporting and attitude the
        # rules must never miss) are triggers whatever their rate.
        always = {form for form, lemma in self.forms.items() if lemma in self.trigger_lemmas}
        triggers = set(self.triggers) | always | self.trigger_lemmas | self.adverb_cues | {"according"}
        object.__setattr__(self, "trigger_words", frozenset(triggers))
        # "not rate < threshold", as _verb tests it: a NaN rate from a user's file passes there too.
        rated = {lemma for lemma, rates in self.cue_verbs.items()
                 if any(not rate < self.cue_threshold for rate in rates.values())}
        verbs = frozenset(rated | self.attitude_cues | self.passive_agentless)
        object.__setattr__(self, "verb_cues", verbs if self.cue_threshold > 0 else None)

    def is_cue_lemma(self, lemma: str) -> bool:
        return any(rate >= self.cue_threshold for rate in self.cue_verbs.get(lemma, {}).values())

    def cue_rate(self, lemma: str, frame: str, keyed: str | None = None) -> float:
        """How often ``lemma`` in this frame heads a cue; the rate for the frame with its subject
        class (``keyed``, "ccomp/named") when the table has one, else the frame's."""
        rates = self.cue_verbs.get(lemma, {})
        if keyed is not None and keyed in rates:
            return rates[keyed]
        return rates.get(frame, 0.0)

    def lemma(self, word: str) -> str:
        low = word.lower()
        return self.forms.get(low, low)


def _build(hand: dict[str, Any], cues: dict[str, Any]) -> Lexicon:
    sets = {
        name: frozenset(w if name.endswith("_words") or name in ("places", "titles") else w.lower()
                        for w in hand.get(name, ()))
        for name in (
            "adverb_cues", "noun_cues", "trigger_lemmas", "passive_agentless", "attitude_cues",
            "first_person", "male_pronouns", "female_pronouns", "plural_pronouns", "neuter_pronouns",
            "relative_pronouns", "anonymous_heads", "anonymous_markers", "unspecified_heads",
            "document_heads", "outlet_work_heads", "outlet_heads", "organisation_heads",
            "organisation_words", "outlet_words", "places", "titles", "role_nouns", "determiners",
        )
    }
    return Lexicon(
        cue_verbs={k: dict(v) for k, v in cues.get("verbs", {}).items()},
        forms=dict(cues.get("forms", {})),
        triggers=_triggers(cues.get("triggers", {}), float(hand.get("trigger_threshold", 0.0))),
        cue_threshold=float(hand.get("cue_threshold", 0.3)),
        hedges={k.lower(): v for k, v in hand.get("hedges", {}).items()},
        **sets,
    )


def _triggers(rates: dict[str, float] | list[str], threshold: float) -> frozenset[str]:
    """Word forms whose share of uses as a cue reaches ``threshold`` (a list counts whole)."""
    if isinstance(rates, list):
        return frozenset(rates)
    return frozenset(form for form, rate in rates.items() if rate >= threshold)


@cache
def default_lexicon() -> Lexicon:
    """The shipped lexicon."""
    return _build(load_json("attribution.json"), load_json("cues.json"))


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """The shipped lexicon, with the lists of a user's JSON file added (``cue_verbs`` and
    ``hedges`` merged key by key; lists extended). A user's cue verb is matched in the forms
    given under ``forms`` (``{"bragged": "brag"}``) and as its lemma."""
    if path is None:
        return default_lexicon()
    try:
        extra = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(str(path), f"cannot be read ({exc.strerror or exc})") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(str(path), f"not valid JSON ({type(exc).__name__}: {exc})") from exc
    if not isinstance(extra, dict):
        raise ConfigError(str(path), "a lexicon file must hold a JSON object")
    hand = dict(load_json("attribution.json"))
    shipped = load_json("cues.json")
    verbs: dict[str, Any] = dict(shipped["verbs"])
    forms: dict[str, str] = dict(shipped["forms"])
    triggers: dict[str, float] = dict(shipped["triggers"])
    for key, value in extra.items():
        if key == "cue_verbs" and isinstance(value, dict):
            if not all(isinstance(r, dict) and all(isinstance(x, int | float) for x in r.values())
                       for r in value.values()):
                raise ConfigError(str(path), 'cue_verbs must map a lemma to {frame: rate}, as in '
                                  '{"brag": {"ccomp": 0.9, "none": 0.5}}')
            verbs.update(value)
            for lemma in value:
                forms.setdefault(lemma, lemma)
                triggers[lemma] = 1.0
        elif key == "forms" and isinstance(value, dict):
            forms.update(value)
            triggers.update(dict.fromkeys(value, 1.0))
        elif key == "hedges" and isinstance(value, dict):
            bad = {k: v for k, v in value.items() if not str(k).strip() or v not in CERTAINTIES}
            if bad:
                raise ConfigError(str(path), f"hedges must map a word or phrase to one of "
                                  f"{', '.join(CERTAINTIES)}; not {bad!r}")
            hand["hedges"] = {**hand["hedges"], **value}
        elif isinstance(value, list) and isinstance(hand.get(key), list):
            if not all(isinstance(w, str) and w.strip() for w in value):
                raise ConfigError(str(path), f"{key} must be a list of words")
            hand[key] = [*hand[key], *value]
        elif key in ("cue_threshold", "trigger_threshold") and isinstance(value, int | float):
            hand[key] = value
        else:
            raise ConfigError(str(path), f"unknown or ill-typed lexicon entry {key!r}")
    return _build(hand, {"verbs": verbs, "forms": forms, "triggers": triggers})
