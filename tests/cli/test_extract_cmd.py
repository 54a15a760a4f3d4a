from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from sourcetrace.cli import cli
from tests.conftest import DATA

SCRAPE = str(DATA / "extract" / "scrape-wire-style.txt")
PAGE = str(DATA / "extract" / "page-with-links.html")


def _run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_json_for_one_article_and_array_for_several() -> None:
    one = _run("extract", SCRAPE)
    assert one.exit_code == 0
    data = json.loads(one.stdout)
    assert data["schema"] == "sourcetrace.article/1"
    assert data["title"] == "Port Strike Enters Second Week as Talks Stall"
    assert data["source"]["kind"] == "file" and data["source"]["format"] == "text"
    two = json.loads(_run("extract", SCRAPE, PAGE).stdout)
    assert [a["source"]["format"] for a in two] == ["text", "html"]


def test_jsonl_streams_one_line_per_article(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(Path(SCRAPE).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.html").write_bytes(Path(PAGE).read_bytes())
    result = _run("extract", str(tmp_path), "--format", "jsonl")
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert [json.loads(line)["source"]["input"] for line in lines] == [
        str(tmp_path / "a.txt"), str(tmp_path / "b.html")]


def test_text_and_markdown() -> None:
    text = _run("extract", PAGE, "-f", "text").stdout
    assert text.startswith("Ministry Confirms Review of Grain Export Licences\n=====")
    assert "The New York Times · by Priya Raman · 2025-01-14 · en" in text
    assert "[1] Reuters reported → https://www.reuters.com/world/grain-exports-2025-01-13/" in text
    md = _run("extract", PAGE, "-f", "markdown").stdout
    assert md.startswith("# Ministry Confirms Review of Grain Export Licences")
    assert "[Reuters reported](https://www.reuters.com/world/grain-exports-2025-01-13/)" in md
    assert "\n## Questions in parliament\n" in md
    assert "\n> “The review is routine" in md


def test_stdin() -> None:
    result = _run("extract", "-", input=Path(SCRAPE).read_bytes())
    assert result.exit_code == 0
    assert json.loads(result.stdout)["source"] == {
        "input": "-", "kind": "stdin", "format": "text",
        "sha256": json.loads(_run("extract", SCRAPE).stdout)["source"]["sha256"]}


def test_bad_inputs_give_one_line_each_and_the_batch_goes_on(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    junk = tmp_path / "junk.bin"
    junk.write_bytes(bytes(range(256)) * 8)
    result = _run("extract", str(empty), SCRAPE, str(junk), str(tmp_path / "missing.html"),
                  "-f", "jsonl")
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 1
    errors = result.stderr.splitlines()
    assert errors == [
        f"Error: [E201] {empty}: empty input",
        f"Error: [E201] {junk}: binary data, not HTML or text",
        f"Error: [E100] {tmp_path / 'missing.html'}: no such file or directory",
    ]


def test_exit_status_is_1_when_no_input_gives_an_article(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"   \n")
    result = _run("extract", str(empty))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: [E201]")


def test_progress_bar_only_when_asked_or_on_a_terminal(tmp_path: Path) -> None:
    quiet = _run("extract", SCRAPE, PAGE, "-f", "jsonl")
    assert quiet.stderr == ""  # CliRunner's stderr is not a terminal
    shown = _run("extract", SCRAPE, PAGE, "-f", "jsonl", "--progress")
    assert "2 articles, 0 errors" in shown.stderr
    assert len(shown.stdout.splitlines()) == 2


def test_installed_command_and_demo() -> None:
    exe = Path(sys.executable).with_name("sourcetrace")
    result = subprocess.run([str(exe), "demo"], capture_output=True, text=True, check=True)
    first = result.stdout.splitlines()[0]
    assert first in ("U.S. Greenlights Ukraine’s Use of Long-Range Missiles Against Russian and "
                     "North Korean Forces",
                     "Harbourton Council Delays Vote on Ferry Contract After Audit Questions")
    assert result.stderr == ""


def test_debug_shows_traceback_for_errors(tmp_path: Path) -> None:
    junk = tmp_path / "bad.gz"
    junk.write_bytes(b"\x1f\x8b\x08\x00" + b"\x00" * 20)
    result = _run("--debug", "extract", str(junk))
    assert result.exit_code == 1
    assert "Error: [E103]" in result.stderr
    assert "Traceback" in result.stderr


def test_bad_outlet_file_is_one_error_line_and_exit_2(tmp_path: Path) -> None:
    broken = tmp_path / "outlets.json"
    broken.write_text("{not json", encoding="utf-8")
    result = _run("extract", SCRAPE, "--outlets", str(broken))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: [E300] {broken}: not valid JSON")
    assert len(result.stderr.splitlines()) == 1
    broken.write_text('{"outlets": [{"name": "HG", "aliases": "HG"}]}', encoding="utf-8")
    result = _run("extract", SCRAPE, "--outlets", str(broken))
    assert result.stderr == f"Error: [E300] {broken}: outlet 1 (HG): aliases must be a list of strings\n"


def test_limits_must_be_positive() -> None:
    for option in ("--max-mb", "--timeout"):
        result = CliRunner().invoke(cli, ["extract", SCRAPE, option, "0"])
        assert result.exit_code == 2
        assert f"Invalid value for '{option}': 0.0 is not in the range x>0." in result.stderr


def test_empty_directory_is_reported(tmp_path: Path) -> None:
    result = _run("extract", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == f"Error: [E100] {tmp_path}: no document files under this directory\n"


def test_closed_pipe_ends_quietly_with_the_progress_bar_on(tmp_path: Path) -> None:
    for n in range(30):
        (tmp_path / f"p{n:02}.txt").write_text(Path(SCRAPE).read_text(encoding="utf-8"), encoding="utf-8")
    exe = Path(sys.executable).with_name("sourcetrace")
    command = f"'{exe}' extract '{tmp_path}' -f jsonl --progress | head -c 100 > /dev/null"
    result = subprocess.run(["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True)
    assert "Traceback" not in result.stderr and "I/O operation on closed file" not in result.stderr
    assert result.returncode in (0, 141)  # 141: head's SIGPIPE under pipefail
