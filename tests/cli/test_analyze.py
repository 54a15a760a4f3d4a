from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from sourcetrace.cli import cli
from tests.conftest import DATA

SCRAPE = str(DATA / "extract" / "scrape-wire-style.txt")
PAGE = str(DATA / "extract" / "page-with-links.html")
TITLES = ("U.S. Greenlights Ukraine’s Use of Long-Range Missiles Against Russian and North Korean Forces",
          "Harbourton Council Delays Vote on Ferry Contract After Audit Questions")


def _run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_json_for_one_article() -> None:
    result = _run("analyze", SCRAPE, "--format", "json")
    assert result.exit_code == 0
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert data["schema"] == "sourcetrace.analysis/1"
    assert data["engine"]
    assert data["article"]["schema"] == "sourcetrace.article/1"
    assert data["article"]["title"] == "Port Strike Enters Second Week as Talks Stall"
    assert data["attributions"] and data["sources"]
    text = data["article"]["text"]
    for attribution in data["attributions"]:
        for role in ("source", "cue", "content"):
            spans = attribution[role]["spans"]
            assert attribution[role]["text"] == " … ".join(text[s:e] for s, e in spans)
    assert set(data["summary"]) >= {"claims", "attributed", "unattributed", "sources", "share_anonymous",
                                    "share_hedged", "share_unattributed", "chains"}


def test_json_for_two_articles_is_an_array() -> None:
    data = json.loads(_run("analyze", SCRAPE, PAGE, "-f", "json").stdout)
    assert [d["schema"] for d in data] == ["sourcetrace.analysis/1"] * 2
    assert [d["article"]["source"]["format"] for d in data] == ["text", "html"]


def test_jsonl_gives_one_line_per_article() -> None:
    result = _run("analyze", SCRAPE, PAGE, "--format", "jsonl")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    rows = [json.loads(line) for line in lines]
    assert [r["schema"] for r in rows] == ["sourcetrace.analysis/1"] * 2
    assert [r["article"]["source"]["input"] for r in rows] == [SCRAPE, PAGE]


def test_text_report_has_the_legend_and_the_summary() -> None:
    result = _run("analyze", SCRAPE, "--format", "text")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("Port Strike Enters Second Week as Talks Stall\n")
    assert "Legend: [source] {cue} «content»" in out
    assert re.search(r"^Summary: \d+ claims, \d+ attributed to \d+ sources", out, re.MULTILINE)
    assert "\x1b[" not in out  # no colour when stdout is not a terminal
    assert "\x1b[" in _run("analyze", SCRAPE, "--color").stdout


def test_text_is_the_default_format() -> None:
    out = _run("analyze", SCRAPE).stdout
    assert "Legend: [source] {cue} «content»" in out
    assert "\nSummary: " in out


def test_a_missing_file_is_one_error_line_and_the_other_input_is_analysed(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = _run("analyze", str(missing), SCRAPE, "-f", "jsonl")
    assert result.exit_code == 0
    (line,) = result.stdout.splitlines()
    assert json.loads(line)["article"]["source"]["input"] == SCRAPE
    errors = result.stderr.splitlines()
    assert len(errors) == 1
    assert re.match(r"Error: \[E1\d\d\] ", errors[0])
    assert str(missing) in errors[0]


def test_exit_status_is_1_when_nothing_is_analysed(tmp_path: Path) -> None:
    result = _run("analyze", str(tmp_path / "missing.txt"))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: [E100]")


def test_stdin() -> None:
    result = _run("analyze", "-", "-f", "json", input=Path(SCRAPE).read_bytes())
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["article"]["source"]["kind"] == "stdin"
    assert data["attributions"]


def test_a_bad_lexicon_file_is_one_error_line_and_exit_2(tmp_path: Path) -> None:
    broken = tmp_path / "lexicon.json"
    broken.write_text("{not json", encoding="utf-8")
    result = _run("analyze", SCRAPE, "--lexicon", str(broken))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: [E300] {broken}: not valid JSON")
    assert len(result.stderr.splitlines()) == 1
    broken.write_text('{"anonymous_heads": "tipsters"}', encoding="utf-8")
    result = _run("analyze", SCRAPE, "--lexicon", str(broken))
    assert result.exit_code == 2
    assert result.stderr == f"Error: [E300] {broken}: unknown or ill-typed lexicon entry 'anonymous_heads'\n"


def test_a_lexicon_file_adds_cue_verbs(tmp_path: Path) -> None:
    lexicon = tmp_path / "lexicon.json"
    lexicon.write_text(json.dumps({"cue_verbs": {"opine": {"ccomp": 0.9}}}), encoding="utf-8")
    article = tmp_path / "article.txt"
    article.write_text("Council Plan Criticised\n\nCritics opine that the plan is a mistake.\n\n"
                       "The council meets again on Tuesday to discuss the budget.\n", encoding="utf-8")
    plain = json.loads(_run("analyze", str(article), "-f", "json", "--engine", "rules").stdout)
    assert "opine" not in [a["cue"]["text"] for a in plain["attributions"]]
    data = json.loads(_run("analyze", str(article), "-f", "json", "--engine", "rules",
                           "--lexicon", str(lexicon)).stdout)
    assert "opine" in [a["cue"]["text"] for a in data["attributions"]]


def test_demo() -> None:
    result = _run("demo")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] in TITLES
    assert "Legend: [source] {cue} «content»" in result.stdout
    assert "\nSummary: " in result.stdout
    assert result.stderr == ""


def test_demo_as_json() -> None:
    data = json.loads(_run("demo", "-f", "json").stdout)
    assert data["schema"] == "sourcetrace.analysis/1"
    assert data["article"]["title"] in TITLES
    assert data["attributions"]
