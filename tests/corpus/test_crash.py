"""A killed ``sourcetrace ingest`` leaves whole articles only, and running it again completes
the corpus without duplicates.

The command runs as a real process over 40 small generated articles (``--workers 1``); the test
watches the database from outside and sends SIGKILL as soon as the first articles are stored,
which lands while the writer is storing a batch. Done once on a SQLite file and once on
PostgreSQL (a fresh database, dropped afterwards); each takes a few seconds.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")

ARTICLES = 40
PEOPLE = ("Jane Holt", "Tom Reyes", "Ana Silva", "Mark Chen", "Lena Berg")
TOPICS = ("ferry contract", "port strike", "school buses", "market hall", "city budget")


def _write_inputs(folder: Path) -> Path:
    """40 distinct plain-text articles, each with a few attributed claims."""
    folder.mkdir()
    for i in range(ARTICLES):
        person, topic = PEOPLE[i % len(PEOPLE)], TOPICS[(i // len(PEOPLE)) % len(TOPICS)]
        surname = person.split()[1]
        (folder / f"story-{i:02d}.txt").write_text(
            f"Report {i} on the {topic}\n\n"
            f"The council delayed decision {i} on the {topic} on Tuesday, according to {person}.\n\n"
            f"\"We need {i + 2} more days to read the audit,\" {surname} said.\n\n"
            f"Officials who asked not to be named said item {i} could cost twice as much.\n",
            encoding="utf-8",
        )
    return folder


def _command(inputs: Path, db: str) -> list[str]:
    script = Path(sys.executable).with_name("sourcetrace")
    if not script.exists():
        pytest.skip(f"the sourcetrace console script is not installed next to {sys.executable}")
    return [str(script), "ingest", str(inputs), "--db", db, "--workers", "1", "--no-progress"]


def _environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "SOURCETRACE_DB"}
    env["PYTHONUNBUFFERED"] = "1"
    return env


def _kill_once_stored(command: list[str], stored: Callable[[], int], workdir: Path) -> int:
    """Run ``command``, SIGKILL it once ``stored()`` is above zero; the count seen then."""
    with open(workdir / "killed.log", "wb") as log:
        proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=workdir,
                                env=_environment())
        deadline = time.monotonic() + 120
        seen = 0
        try:
            while proc.poll() is None and time.monotonic() < deadline:
                seen = stored()
                if seen > 0:
                    os.kill(proc.pid, signal.SIGKILL)
                    break
                time.sleep(0.005)
        finally:
            if proc.poll() is None and seen == 0:
                proc.kill()
            proc.wait(timeout=30)
    output = (workdir / "killed.log").read_text(encoding="utf-8", errors="replace")
    assert proc.returncode == -signal.SIGKILL, f"ingest ended on its own before it was killed:\n{output}"
    return seen


def _run_to_completion(command: list[str], workdir: Path) -> str:
    done = subprocess.run(command, capture_output=True, text=True, cwd=workdir, env=_environment(),
                          timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stderr


def _check_consistent(conn: Any) -> int:
    """Every stored article has exactly the rows its stored analysis says, nothing refers to a
    missing article, and no article is stored twice; returns the number of articles."""
    rows = conn.execute("SELECT id, analysis, claims FROM articles").fetchall()
    for article_id, data, claims in rows:
        analysis = json.loads(data)
        expected = {"attributions": len(analysis["attributions"]), "sources": len(analysis["sources"]),
                    "links": len(analysis["article"]["links"])}
        got = {table: conn.execute(f"SELECT count(*) FROM {table} WHERE article_id = {int(article_id)}")
               .fetchone()[0] for table in expected}
        assert got == expected, f"article {article_id}: rows {got}, its analysis says {expected}"
        assert claims == expected["attributions"]
        assert expected["attributions"] > 0  # every generated article has attributions to lose
    for table in ("sources", "attributions", "links"):
        orphans = conn.execute(
            f"SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)").fetchone()[0]
        assert orphans == 0, f"{orphans} rows of {table} belong to no article"
    total, keys, texts, inputs = conn.execute(
        "SELECT count(*), count(DISTINCT key), count(DISTINCT sha256), count(DISTINCT input) FROM articles"
    ).fetchone()
    assert total == keys == texts == inputs, (
        f"duplicates: {total} rows, {keys} keys, {texts} texts, {inputs} inputs")
    return int(total)


def _sqlite_count(path: Path) -> Callable[[], int]:
    def stored() -> int:
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=0.1)
        except sqlite3.Error:
            return 0
        try:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        except sqlite3.Error:  # not created yet, or busy
            return 0
        finally:
            conn.close()

    return stored


def test_a_killed_ingest_into_sqlite_leaves_whole_articles_and_completes_when_run_again(
    tmp_path: Path,
) -> None:
    db = tmp_path / "corpus.db"
    command = _command(_write_inputs(tmp_path / "inputs"), str(db))
    seen = _kill_once_stored(command, _sqlite_count(db), tmp_path)

    with sqlite3.connect(db) as conn:
        after_kill = _check_consistent(conn)
    conn.close()
    assert seen <= after_kill < ARTICLES

    _run_to_completion(command, tmp_path)
    with sqlite3.connect(db) as conn:
        assert _check_consistent(conn) == ARTICLES
    conn.close()


def test_a_killed_ingest_into_postgresql_leaves_whole_articles_and_completes_when_run_again(
    tmp_path: Path, pg_url: str
) -> None:
    import psycopg

    command = _command(_write_inputs(tmp_path / "inputs"), pg_url)
    with psycopg.connect(pg_url, autocommit=True) as watcher:
        def stored() -> int:
            try:
                return int(watcher.execute("SELECT count(*) FROM articles").fetchone()[0])
            except psycopg.errors.UndefinedTable:
                return 0

        seen = _kill_once_stored(command, stored, tmp_path)
        after_kill = _check_consistent(watcher)
        assert seen <= after_kill < ARTICLES

        _run_to_completion(command, tmp_path)
        assert _check_consistent(watcher) == ARTICLES
