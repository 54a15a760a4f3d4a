"""Derive sourcetrace's cue-verb table from PolNeAR train: how often each verb, in each frame, is
an attribution cue.

A verb's frame is the first of ``ccomp``, ``xcomp``, ``dobj``, ``prep``, ``none`` that it governs
(its clausal complement, infinitive complement, direct object, prepositional phrase), and its
subject class says what its subject is (a name or personal pronoun, another noun, "it", none…;
see ``sourcetrace.attribution._cues.subject_class``). For each (lemma, frame) and (lemma,
frame/subject) the script counts how often the verb heads a gold cue span and how often it
occurs, and writes to ``src/sourcetrace/data/cues.json`` the frames whose rate reaches
``--min-rate`` (with at least ``--min-count`` cues), and the frame/subject rates seen at least
``--min-uses`` times. The engine reads that table; nothing else is learnt.

    python training/cue_lexicon.py [--train ../shared/data/polnear/train] [--out PATH]

Only the train split is read: dev stays for checking, as the evaluation script expects.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "evaluation"))
sys.path.insert(0, str(ROOT / "src"))

from polnear import load_split  # noqa: E402

from sourcetrace.attribution._cues import cue_key  # noqa: E402

Counts = Counter[tuple[str, str]]


def count(train: Path) -> tuple[Counts, Counts, Counts, Counter[str], Counter[str]]:
    """Cue heads and uses per (lemma, frame); verb forms; and per word form, all its uses and
    its uses as a cue head (to pick the words that make a sentence worth parsing)."""
    from sourcetrace.attribution import load_pipeline

    nlp = load_pipeline(components=False)
    docs = load_split(train)
    cues: Counter[tuple[str, str]] = Counter()
    seen: Counter[tuple[str, str]] = Counter()
    forms: Counter[tuple[str, str]] = Counter()
    form_uses: Counter[str] = Counter()
    form_cues: Counter[str] = Counter()
    texts = (d.text for d in docs)
    for document, doc in zip(docs, nlp.pipe(texts, batch_size=32), strict=True):
        starts = {
            start for a in document.attributions if a.cue for start, _ in a.cue
        }
        cue_chars = {i for a in document.attributions if a.cue for s, e in a.cue for i in range(s, e)}
        for token in doc:
            form_uses[token.lower_] += 1
            if token.pos_ not in ("VERB", "AUX"):
                continue
            lemma = token.lemma_.lower()
            forms[(token.lower_, lemma)] += 1
            cue = token.idx in cue_chars or token.idx in starts
            for key in cue_key(token):
                seen[(lemma, key)] += 1
                cues[(lemma, key)] += cue
            form_cues[token.lower_] += cue
    return cues, seen, forms, form_uses, form_cues


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", type=Path, default=ROOT.parent / "shared/data/polnear/train")
    parser.add_argument("--out", type=Path, default=ROOT / "src/sourcetrace/data/cues.json")
    parser.add_argument("--min-rate", type=float, default=0.15)
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--min-trigger", type=float, default=0.05)
    parser.add_argument("--min-uses", type=int, default=8)
    args = parser.parse_args()
    cues, seen, forms, form_uses, form_cues = count(args.train)
    table: dict[str, dict[str, float]] = {}
    for (lemma, key), n in sorted(cues.items()):
        uses = seen[(lemma, key)]
        rate = n / uses
        # A frame's rate is kept when it is high enough to matter; a frame-with-subject rate is
        # kept when seen often enough to be trusted, high or low, so that it can overrule its frame.
        trusted = uses >= args.min_uses if "/" in key else n >= args.min_count and rate >= args.min_rate
        if trusted and lemma.isalpha():
            table.setdefault(lemma, {})[key] = round(rate, 3)
    table = {lemma: rates for lemma, rates in table.items()
             if any(r >= args.min_rate for k, r in rates.items() if "/" not in k)}
    words = {
        form: lemma for (form, lemma), _ in sorted(forms.items(), key=lambda kv: kv[1])
        if lemma in table and form.isalpha()
    }
    # A sentence is parsed only when it holds a trigger: a form of a cue verb that heads a cue in
    # at least the lexicon's trigger_threshold of all its uses (nouns included: "states",
    # "support", "post" are mostly not verbs, and parsing every sentence that holds them costs
    # time for nothing). The rates are written down so that the threshold can be tuned.
    triggers = {
        form: round(form_cues[form] / form_uses[form], 3) for form in sorted(words)
        if form_cues[form] >= args.min_count and form_cues[form] / form_uses[form] >= args.min_trigger
    }
    out = {
        "about": "Cue verbs by frame with the rate at which they head a cue in PolNeAR train; "
                 "written by training/cue_lexicon.py.",
        "min_rate": args.min_rate,
        "verbs": table,
        "forms": words,
        "min_trigger": args.min_trigger,
        "triggers": triggers,
    }
    args.out.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(table)} cue verbs, {sum(len(v) for v in table.values())} frames, "
          f"{len(triggers)} trigger words -> {args.out}")


if __name__ == "__main__":
    main()
