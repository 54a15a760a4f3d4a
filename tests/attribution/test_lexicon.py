"""The word lists the rules read: the shipped lexicon and a user's file (``_lexicon``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sourcetrace.attribution import Lexicon, default_lexicon, load_lexicon
from sourcetrace.errors import ConfigError


def _write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


def test_default_lexicon_loads_once() -> None:
    lexicon = default_lexicon()
    assert isinstance(lexicon, Lexicon)
    assert default_lexicon() is lexicon
    assert load_lexicon() is lexicon and load_lexicon(None) is lexicon


def test_default_lexicon_knows_the_common_cues() -> None:
    lexicon = default_lexicon()
    assert lexicon.lemma("said") == "say" and lexicon.lemma("Says") == "say"
    assert lexicon.is_cue_lemma("say") and lexicon.is_cue_lemma("tell")
    assert not lexicon.is_cue_lemma("eat")
    assert 0 < lexicon.cue_threshold < 1
    assert {"said", "says", "told", "according", "reportedly"} <= lexicon.trigger_words
    assert "reportedly" in lexicon.adverb_cues
    assert {"could", "may", "might", "reportedly"} <= set(lexicon.hedges)
    assert set(lexicon.hedges.values()) <= {"hedged", "speculative"}
    assert "officials" in lexicon.anonymous_heads
    assert "statement" in lexicon.document_heads


def test_a_user_file_extends_lists_and_merges_cue_verbs_and_hedges(tmp_path: Path) -> None:
    path = _write(tmp_path / "mine.json", {
        "cue_verbs": {"opine": {"ccomp": 0.9}},
        "forms": {"opined": "opine", "opines": "opine"},
        "anonymous_heads": ["tipsters"],
        "hedges": {"conceivably": "speculative"},
        "cue_threshold": 0.5,
    })
    shipped = default_lexicon()
    mine = load_lexicon(path)
    assert mine is not shipped
    # Lists are extended, not replaced.
    assert "tipsters" in mine.anonymous_heads
    assert shipped.anonymous_heads <= mine.anonymous_heads
    assert "tipsters" not in shipped.anonymous_heads  # the shipped lexicon is left as it was
    # Cue verbs are merged key by key.
    assert mine.is_cue_lemma("opine") and mine.lemma("opined") == "opine"
    assert mine.cue_rate("say", "ccomp") == shipped.cue_rate("say", "ccomp")
    assert mine.cue_threshold == 0.5
    # Hedges too.
    assert mine.hedges["conceivably"] == "speculative"
    assert mine.hedges["could"] == shipped.hedges["could"]
    assert mine.hedge_pattern.search("It will conceivably fail.")


def test_a_user_cue_verb_and_its_forms_trigger_parsing(tmp_path: Path) -> None:
    path = _write(tmp_path / "mine.json", {"cue_verbs": {"opine": {"ccomp": 0.9}},
                                            "forms": {"opined": "opine"}})
    mine = load_lexicon(path)
    assert {"opine", "opined"} <= mine.trigger_words


def test_an_empty_user_file_gives_the_shipped_lists(tmp_path: Path) -> None:
    mine = load_lexicon(_write(tmp_path / "empty.json", {}))
    shipped = default_lexicon()
    assert mine.anonymous_heads == shipped.anonymous_heads
    assert mine.hedges == shipped.hedges
    assert mine.trigger_words == shipped.trigger_words


@pytest.mark.parametrize("content, reason", [
    ("{not json", "not valid JSON"),
    ('["a", "list"]', "a lexicon file must hold a JSON object"),
    ('{"no_such_list": ["x"]}', "unknown or ill-typed lexicon entry 'no_such_list'"),
    ('{"anonymous_heads": "tipsters"}', "unknown or ill-typed lexicon entry 'anonymous_heads'"),
    ('{"cue_threshold": "high"}', "unknown or ill-typed lexicon entry 'cue_threshold'"),
])
def test_a_bad_file_raises_config_error_naming_it(tmp_path: Path, content: str, reason: str) -> None:
    path = _write(tmp_path / "bad.json", content)
    with pytest.raises(ConfigError) as caught:
        load_lexicon(path)
    error = caught.value
    assert error.code == "E300" and error.exit_code == 2
    assert error.input == str(path)
    assert error.message.startswith(f"[E300] {path}: {reason}")


def test_a_missing_or_undecodable_file_raises_config_error(tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"
    with pytest.raises(ConfigError, match=r"\[E300\] .*missing\.json: cannot be read"):
        load_lexicon(missing)
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"titles": ["Señor"]}'.encode("latin-1"))
    with pytest.raises(ConfigError, match=r"\[E300\] .*latin\.json: not valid JSON"):
        load_lexicon(latin)


@pytest.mark.parametrize("content", [
    '{"hedges": {"ferry": "maybe"}}',
    '{"hedges": {"": "hedged"}}',
    '{"anonymous_heads": [3]}',
])
def test_bad_hedge_levels_and_list_items_are_refused(tmp_path: Path, content: str) -> None:
    path = tmp_path / "lexicon.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_lexicon(path)
    assert caught.value.code == "E300" and str(path) in caught.value.message


def test_verb_cues_are_the_lemmas_a_verb_rule_can_accept() -> None:
    import dataclasses

    lexicon = default_lexicon()
    assert lexicon.verb_cues is not None
    assert {"say", "tell"} <= lexicon.verb_cues and "eat" not in lexicon.verb_cues
    assert lexicon.attitude_cues <= lexicon.verb_cues
    assert lexicon.passive_agentless <= lexicon.verb_cues
    assert dataclasses.replace(lexicon, cue_threshold=0.0).verb_cues is None  # every verb may be one
