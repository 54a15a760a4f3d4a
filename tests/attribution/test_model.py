"""The shipped attribution model: it loads, it labels, it says what it found; and a missing or
damaged model file gives one clear error naming the file while ``--engine rules`` still works."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from sourcetrace.attribution import ENGINE, MODEL_DIR, Analyzer, TaggerModel, load_tagger
from sourcetrace.cli import cli
from sourcetrace.errors import AttributionModelError, ConfigError
from sourcetrace.model import Analysis, Article

TEXT = ("The ministry said on Tuesday that the ferry contract would be reviewed.\n\n"
        '"We have nothing to hide," a spokeswoman for the operator told reporters.\n\n'
        "According to two officials familiar with the talks, the review could take months.")


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "model"
    shutil.copytree(MODEL_DIR, target)
    return target


def test_the_shipped_model_is_small_versioned_and_whole() -> None:
    meta = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    assert meta["name"] == "sourcetrace-attr-1.0"
    size = sum(p.stat().st_size for p in MODEL_DIR.iterdir())
    assert size < 30_000_000, size
    tagger = load_tagger()
    assert tagger.name == "sourcetrace-attr-1.0"
    assert load_tagger() is tagger  # once per process


@pytest.fixture(scope="module")
def hybrid(analyzer: Analyzer) -> Analyzer:
    return Analyzer(nlp=analyzer.nlp)


def test_the_model_finds_the_roles() -> None:
    spans = load_tagger().tag(TEXT)
    found = {(s.role, TEXT[s.start : s.end]) for s in spans}
    assert ("cue", "said") in found
    assert ("cue", "According to") in found
    assert any(role == "source" and "spokeswoman" in words for role, words in found)
    assert all(0 < s.confidence <= 1 for s in spans)


def test_hybrid_attributions_name_the_model_and_keep_the_rules_layer(hybrid: Analyzer) -> None:
    analysis = hybrid.analyze(Article.from_text(TEXT, input="t", language="en"))
    assert analysis.engine == f"{ENGINE}+sourcetrace-attr-1.0"
    modelled = [a for a in analysis.attributions if a.model == "sourcetrace-attr-1.0"]
    assert modelled, [a.to_dict(TEXT) for a in analysis.attributions]
    for a in modelled:
        assert a.confidence is not None and 0 < a.confidence <= 1
        assert a.rule  # the rule that found the same cue, or "model"
    said = next(a for a in modelled if TEXT[a.cue[0].start : a.cue[0].end] == "said")
    source = analysis.source(said.source_id)
    assert source is not None and source.type == "organisation"  # typing works on the model's spans
    according = next(a for a in analysis.attributions if "According" in TEXT[a.cue[0].start : a.cue[0].end])
    officials = analysis.source(according.source_id)
    assert officials is not None and officials.type == "anonymous"
    data = analysis.to_dict()
    assert Analysis.from_dict(json.loads(json.dumps(data))) == analysis
    assert data["attributions"][0]["model"] is not None or data["attributions"][0]["rule"]


def test_hostile_text_is_analysed_by_the_model_too(hybrid: Analyzer) -> None:
    # Lone surrogates (from Python callers), control characters, no paragraphs, a long run of one word.
    text = "Officials said \ud800 the \x00 plan failed. " + "word " * 3000
    analysis = hybrid.analyze(Article.from_text(text, input="t", language="en"))
    spans = [s for a in analysis.attributions for s in (*a.cue, *a.content)]
    assert all(0 <= s.start <= s.end <= len(text) for s in spans)


def test_rules_engine_carries_no_model_fields(analyzer: Analyzer) -> None:
    rules = Analyzer(nlp=analyzer.nlp, engine="rules")
    analysis = rules.analyze(Article.from_text(TEXT, input="t", language="en"))
    assert analysis.engine == ENGINE
    assert analysis.attributions
    assert all(a.model is None and a.confidence is None for a in analysis.attributions)


def test_model_engine_keeps_only_the_model_s_attributions(analyzer: Analyzer) -> None:
    model = Analyzer(nlp=analyzer.nlp, engine="model")
    analysis = model.analyze(Article.from_text(TEXT, input="t", language="en"))
    assert analysis.engine == "sourcetrace-attr-1.0"
    assert analysis.attributions
    assert all(a.model == "sourcetrace-attr-1.0" for a in analysis.attributions)


def test_an_unknown_engine_is_refused() -> None:
    with pytest.raises(ConfigError, match="unknown engine 'neural'"):
        Analyzer(engine="neural")


def test_a_missing_model_file_is_named(copy: Path) -> None:
    (copy / "model.onnx").unlink()
    with pytest.raises(AttributionModelError) as caught:
        TaggerModel(copy)
    message = caught.value.message
    assert message.startswith(f"[E402] {copy / 'model.onnx'}: the attribution model file is missing")
    assert "reinstall" in message and "--engine rules" in message


def test_a_damaged_model_file_is_named(copy: Path) -> None:
    data = bytearray((copy / "model.onnx").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (copy / "model.onnx").write_bytes(bytes(data))
    with pytest.raises(AttributionModelError, match=r"model\.onnx: the file is damaged"):
        TaggerModel(copy)


def test_a_model_file_onnx_cannot_read_is_named(copy: Path) -> None:
    (copy / "model.onnx").write_bytes(b"not a model")
    meta = json.loads((copy / "meta.json").read_text())
    meta["sha256"] = None  # no checksum to catch it first: ONNX Runtime itself refuses it
    (copy / "meta.json").write_text(json.dumps(meta))
    with pytest.raises(AttributionModelError, match=r"model\.onnx: ONNX Runtime cannot load it"):
        TaggerModel(copy)


def test_a_broken_description_or_tokenizer_is_named(copy: Path) -> None:
    (copy / "tokenizer.json").write_text("{", encoding="utf-8")
    with pytest.raises(AttributionModelError, match=r"tokenizer\.json: not a tokenizer"):
        TaggerModel(copy)
    meta = json.loads((copy / "meta.json").read_text())
    (copy / "meta.json").write_text(json.dumps({**meta, "window": 0}), encoding="utf-8")
    with pytest.raises(AttributionModelError, match=r"meta\.json: .*window 0 is not between 8 and 510"):
        TaggerModel(copy)
    (copy / "meta.json").write_text("[]", encoding="utf-8")
    with pytest.raises(AttributionModelError, match=r"meta\.json: not the model's description"):
        TaggerModel(copy)


def test_cli_with_a_missing_model_fails_once_and_rules_still_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCETRACE_MODEL_DIR", str(tmp_path / "nowhere"))
    story = tmp_path / "story.txt"
    story.write_text(TEXT, encoding="utf-8")
    runner = CliRunner()
    failed = runner.invoke(cli, ["analyze", str(story)])
    assert failed.exit_code == 2
    lines = failed.stderr.strip().splitlines()
    assert len(lines) == 1 and "[E402]" in lines[0] and "nowhere" in lines[0] and "meta.json" in lines[0]
    worked = runner.invoke(cli, ["analyze", "--engine", "rules", "--format", "json", str(story)])
    assert worked.exit_code == 0, worked.stderr
    assert json.loads(worked.stdout)["engine"] == ENGINE
