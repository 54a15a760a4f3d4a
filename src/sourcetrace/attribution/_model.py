"""Loading and running the trained attribution tagger (ONNX Runtime, no PyTorch).

The shipped model lives in ``sourcetrace/data/attribution-model/``: ``model.onnx`` (int8 weights),
``tokenizer.json`` and ``meta.json`` (its name, labels, window and the SHA-256 of ``model.onnx``).
It is trained by ``training/train_attribution.py``.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from sourcetrace.attribution._tagger import LABELS, Linked, Tagged, decode, link, windows
from sourcetrace.errors import AttributionModelError

__all__ = ["MODEL_DIR", "TaggerModel", "load_tagger", "model_dir"]

MODEL_DIR = Path(__file__).resolve().parents[1] / "data" / "attribution-model"
_FIX = "reinstall sourcetrace (pip install --force-reinstall sourcetrace), or run with --engine rules"
_cache: dict[Path, TaggerModel] = {}


@dataclass(frozen=True, slots=True)
class Meta:
    name: str
    window: int
    sha256: str | None


class TaggerModel:
    """The tagger in ``directory``; raises :class:`~sourcetrace.errors.AttributionModelError`
    naming the file at fault when a file is missing, unreadable or not what ``meta.json`` says.
    ``threads`` is ONNX Runtime's thread count (default ``$SOURCETRACE_MODEL_THREADS``, else 1:
    the batch commands run one analysis process per core)."""

    def __init__(self, directory: Path | str = MODEL_DIR, *, threads: int | None = None) -> None:
        directory = Path(directory)
        self.meta = _meta(directory / "meta.json")
        model_path = directory / "model.onnx"
        data = _read(model_path)
        if self.meta.sha256 is not None and hashlib.sha256(data).hexdigest() != self.meta.sha256:
            raise _fail(model_path, "the file is damaged (its SHA-256 is not the one meta.json records)")
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise AttributionModelError(None, f"the attribution model needs {exc.name}: pip install "
                                        "onnxruntime tokenizers, or run with --engine rules") from exc
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or _threads()
        options.inter_op_num_threads = 1
        try:
            self._session = ort.InferenceSession(data, options, providers=["CPUExecutionProvider"])
        except Exception as exc:
            raise _fail(model_path, f"ONNX Runtime cannot load it ({_first_line(exc)})") from exc
        # The shipped graph takes no attention mask (every piece of a window is attended to);
        # a model exported before it was slimmed (training/slim_onnx.py) still asks for one.
        self._masked = any(i.name == "attention_mask" for i in self._session.get_inputs())
        tokenizer_path = directory / "tokenizer.json"
        try:
            self._tokenizer = Tokenizer.from_str(_read(tokenizer_path).decode("utf-8"))
        except AttributionModelError:
            raise
        except Exception as exc:
            raise _fail(tokenizer_path, f"not a tokenizer ({_first_line(exc)})") from exc
        self._tokenizer.no_padding()
        self._tokenizer.no_truncation()
        cls, sep = self._tokenizer.token_to_id("[CLS]"), self._tokenizer.token_to_id("[SEP]")
        if cls is None or sep is None:
            raise _fail(tokenizer_path, "not the model's tokenizer (no [CLS] or [SEP] piece)")
        self._cls: int = cls
        self._sep: int = sep
        self.name = self.meta.name

    def tag(self, text: str) -> list[Tagged]:
        """The spans the model labels in ``text``."""
        probs, offsets = self.probabilities(text)
        return decode(probs, offsets, text) if offsets else []

    def probabilities(self, text: str) -> tuple[np.ndarray, list[tuple[int, int]]]:
        """Each word piece's label probabilities (one row a piece, one column a label of
        :data:`LABELS`), and the pieces' character offsets."""
        enc = self._tokenizer.encode(text, add_special_tokens=False)
        offsets = enc.offsets
        if not offsets:
            return np.zeros((0, len(LABELS)), dtype=np.float32), []
        ids = np.asarray(enc.ids, dtype=np.int64)
        probs = np.zeros((len(offsets), len(LABELS)), dtype=np.float32)
        # One window a run: windows differ in length, and padding them to a batch costs more
        # than the batch saves on one core. ONNX Runtime holds one window at a time however long
        # the text; the text's own arrays are a few dozen bytes a piece.
        for w in windows(offsets, text, self.meta.window):
            batch = np.empty((1, w.end - w.start + 2), dtype=np.int64)
            batch[0, 0], batch[0, -1] = self._cls, self._sep
            batch[0, 1:-1] = ids[w.start : w.end]
            feed = {"input_ids": batch}
            if self._masked:
                feed["attention_mask"] = np.ones_like(batch)
            logits = self._session.run(None, feed)[0]
            rows = logits[0, 1 + w.keep_start - w.start : 1 + w.keep_end - w.start]
            rows = np.exp(rows - rows.max(axis=1, keepdims=True))
            probs[w.keep_start : w.keep_end] = rows / rows.sum(axis=1, keepdims=True)
        return probs, offsets

    def attributions(self, text: str) -> list[Linked]:
        """The model's attributions in ``text``: its spans, linked to their cues."""
        return link(self.tag(text), text)


def model_dir() -> Path:
    """Where the model is read from: ``$SOURCETRACE_MODEL_DIR`` when set (a model you trained),
    else the one shipped in the package."""
    given = os.environ.get("SOURCETRACE_MODEL_DIR")
    return Path(given) if given else MODEL_DIR


def load_tagger(directory: Path | str | None = None) -> TaggerModel:
    """The tagger in ``directory`` (default: :func:`model_dir`), loaded once per process."""
    path = Path(directory if directory is not None else model_dir()).resolve()
    if path not in _cache:
        _cache[path] = TaggerModel(path)
    return _cache[path]


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise _fail(path, "the attribution model file is missing") from None
    except OSError as exc:
        raise _fail(path, f"cannot be read ({exc.strerror})") from None


def _meta(path: Path) -> Meta:
    try:
        data: Any = json.loads(_read(path).decode("utf-8"))
        meta = Meta(name=str(data["name"]), window=int(data["window"]), sha256=data.get("sha256"))
        if not 8 <= meta.window <= 510:
            raise ValueError(f"window {meta.window} is not between 8 and 510 pieces")
        return meta
    except AttributionModelError:
        raise
    except (ValueError, KeyError, TypeError) as exc:
        raise _fail(path, f"not the model's description ({_first_line(exc)})") from None


def _threads() -> int:
    """``$SOURCETRACE_MODEL_THREADS`` when it is a positive number, else 1."""
    given = os.environ.get("SOURCETRACE_MODEL_THREADS", "")
    return int(given) if given.isdigit() and int(given) > 0 else 1


def _fail(path: Path, reason: str) -> AttributionModelError:
    return AttributionModelError(str(path), f"{reason}; {_FIX}")


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0][:200] if lines else type(exc).__name__
