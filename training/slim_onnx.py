"""Take out of the exported tagger graph what the engine never needs, without changing its output.

    python training/slim_onnx.py IN.onnx OUT.onnx

The engine runs one window at a time with every piece attended to, so the attention mask is all
ones. PyTorch's export still computes it: it turns the mask into an additive bias in every layer,
guards the softmax against rows that are all masked (IsNaN, Where) and rebuilds the heads' shapes
from the input's size at each reshape. On PolNeAR dev that bookkeeping took an eighth of ONNX
Runtime's time. This drops the ``attention_mask`` input and the nodes fed by it, gives the
reshapes constant shapes (0 copies a dimension, as ONNX defines) and removes those that change
nothing. The slimmed graph is run beside the original on windows of four sizes (up to the shipped
window's 128 pieces) and must give the same logits, or nothing is written.
``train_attribution.py`` slims every model it exports; run this on a model written by an earlier
version of it.
"""

from __future__ import annotations

import os
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

from sourcetrace.attribution._model import _first_line  # an error's first line, as the loader says it

__all__ = ["slim"]

MASK = "attention_mask"
_PROBES = ((1, 9), (2, 23), (1, 61), (1, 128))
"""(windows, pieces) of the probe runs: batch and length vary between the first two."""


def slim(source: Path, target: Path) -> None:
    """Write ``source``'s graph slimmed to ``target`` (the same path is fine)."""
    import onnx

    model = onnx.load(str(source))
    graph = model.graph
    if any(i.name == MASK for i in graph.input):
        _drop_mask(graph)
    try:
        _constant_reshapes(model)
    except Exception as exc:  # ONNX Runtime's own errors: say which file, and that nothing was written
        reason = f"cannot be run to read its shapes ({_first_line(exc)})"
        raise ValueError(f"{source}: {reason}; not written") from exc
    _prune(graph)
    if any(i.name == MASK for i in graph.input):
        raise ValueError(f"{source}: the attention mask is still used after slimming; not written")
    onnx.checker.check_model(model)
    data = model.SerializeToString()
    _same_logits(source.read_bytes(), data, source)
    partial = target.with_name(target.name + ".partial")
    partial.write_bytes(data)
    os.replace(partial, target)


def _drop_mask(graph: Any) -> None:
    """Softmax(scores + bias(mask)) → Softmax(scores); Where(IsNaN(p), 0, p) → p."""
    producer = {out: node for node in graph.node for out in node.output}
    unmasked = set()
    for node in graph.node:  # in order: once a layer's bias is gone, the next layer's scores are free of it
        if node.op_type != "Softmax":
            continue
        add = producer.get(node.input[0])
        if add is None or add.op_type != "Add":
            continue
        from_mask = _downstream(graph, MASK)
        scores = [i for i in add.input if i not in from_mask]
        if len(scores) == 1 and len(add.input) == 2:
            node.input[0] = scores[0]
            unmasked.add(node.output[0])
    for node in graph.node:  # the guard of those softmaxes only: a row can no longer be all masked
        if node.op_type != "Where" or node.input[2] not in unmasked:
            continue
        test = producer.get(node.input[0])
        if test is not None and test.op_type == "IsNaN" and test.input[0] == node.input[2]:
            _rewire(graph, node.output[0], node.input[2])


def _downstream(graph: Any, name: str) -> set[str]:
    """Every value computed, however indirectly, from ``name``."""
    users = defaultdict(list)
    for node in graph.node:
        for value in node.input:
            users[value].append(node)
    seen = {name}
    todo = [name]
    while todo:
        for node in users[todo.pop()]:
            for out in node.output:
                if out not in seen:
                    seen.add(out)
                    todo.append(out)
    return seen


def _constant_reshapes(model: Any) -> None:
    """A reshape whose shape is computed at run time gets a constant one, read off two probe runs:
    a dimension that follows the number or length of windows is copied (0) from the input's same
    dimension, or inferred (-1); a reshape whose output has its input's shape is removed."""
    from onnx import numpy_helper

    graph = model.graph
    producer = {out: node for node in graph.node for out in node.output}
    constant = {i.name for i in graph.initializer}
    dynamic = [n for n in graph.node if n.op_type == "Reshape" and n.input[1] not in constant
               and producer.get(n.input[1]) is not None and producer[n.input[1]].op_type != "Constant"]
    if not dynamic:
        return
    wanted = sorted({v for n in dynamic for v in (n.input[0], n.output[0])})
    short, long = (_probe(model, wanted, *shape) for shape in _PROBES[:2])
    for node in dynamic:
        before, after = short[node.input[0]], short[node.output[0]]
        before_long, after_long = long[node.input[0]], long[node.output[0]]
        if before == after and before_long == after_long:
            if _rewire(graph, node.output[0], node.input[0]):
                graph.node.remove(node)
            continue
        if any(a.name == "allowzero" and a.i for a in node.attribute):
            continue  # there 0 means a dimension of size zero, not "copy it"
        shape = []
        for k, (dim, dim_long) in enumerate(zip(after, after_long, strict=True)):
            if dim == dim_long:
                shape.append(dim)
            elif k < len(before) and before[k] == dim and before_long[k] == dim_long:
                shape.append(0)
            else:
                shape.append(-1)
        if shape.count(-1) > 1:
            continue  # not expressible as one constant shape: left as it is
        name = f"{node.output[0]}/constant_shape"
        graph.initializer.append(numpy_helper.from_array(np.asarray(shape, dtype=np.int64), name))
        node.input[1] = name


def _probe(model: Any, values: list[str], batch: int, length: int) -> dict[str, tuple[int, ...]]:
    """The shapes ``values`` take when the model runs on ``batch`` windows of ``length`` pieces."""
    import onnx

    probe = onnx.ModelProto()
    probe.CopyFrom(model)
    known = {o.name for o in probe.graph.output}
    probe.graph.output.extend(onnx.ValueInfoProto(name=v) for v in values if v not in known)
    session = _session(probe.SerializeToString())
    names = [o.name for o in session.get_outputs()]
    outputs = session.run(None, _feed(session, batch, length))
    return {name: tuple(out.shape) for name, out in zip(names, outputs, strict=True)}


def _rewire(graph: Any, old: str, new: str) -> bool:
    """Feed ``new`` wherever ``old`` was read; not done (False) when ``old`` is a graph output."""
    if any(o.name == old for o in graph.output):
        return False
    for node in graph.node:
        for k, value in enumerate(node.input):
            if value == old:
                node.input[k] = new
    return True


def _prune(graph: Any) -> None:
    """Drop nodes, initializers and inputs that no output depends on."""
    needed = {o.name for o in graph.output}
    kept = []
    for node in reversed(list(graph.node)):
        if any(out in needed for out in node.output):
            kept.append(node)
            needed.update(v for v in node.input if v)
    del graph.node[:]
    graph.node.extend(reversed(kept))
    for field in (graph.initializer, graph.input):
        keep = [item for item in field if item.name in needed]
        del field[:]
        field.extend(keep)


def _session(data: bytes) -> Any:
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    return ort.InferenceSession(data, options, providers=["CPUExecutionProvider"])


def _feed(session: Any, batch: int, length: int) -> dict[str, np.ndarray]:
    ids = np.random.default_rng(length).integers(1000, 5000, size=(batch, length), dtype=np.int64)
    wanted = {i.name for i in session.get_inputs()}
    return {k: v for k, v in (("input_ids", ids), (MASK, np.ones_like(ids))) if k in wanted}


def _same_logits(original: bytes, slimmed: bytes, source: Path) -> None:
    try:
        before, after = _session(original), _session(slimmed)
        runs = [(before.run(None, _feed(before, *shape))[0], after.run(None, _feed(after, *shape))[0])
                for shape in _PROBES]
    except Exception as exc:
        reason = f"the slimmed graph cannot be run ({_first_line(exc)})"
        raise ValueError(f"{source}: {reason}; not written") from exc
    for (batch, length), (a, b) in zip(_PROBES, runs, strict=True):
        if a.shape != b.shape or not np.allclose(a, b, rtol=0, atol=1e-5):
            raise ValueError(f"{source}: the slimmed graph's logits differ on {batch} × {length} pieces; "
                             "not written")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__.split("\n\n")[1].strip())
    slim(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"wrote {sys.argv[2]}")
