"""Une seule règle pour la date des documents (docs/commandes.md) : le dernier commit qui a changé
les données, pour `acv build` comme pour `make build` ; mêmes données, mêmes octets."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import POSITIVE, ROOT

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git absent")
ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "t@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


def _git(repo: Path, *args: str, date: str | None = None) -> str:
    env = {**os.environ, **ENV}
    if date is not None:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, env=env, check=True
    ).stdout.strip()


def _build(repo: Path, out: Path) -> dict[str, bytes]:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    done = subprocess.run(
        [sys.executable, "-m", "acvkit", "build", "--data", "data", "--out", str(out), "-f", "docx,xlsx,md"],
        cwd=repo, capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return {
        p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()
    }


def test_un_commit_qui_ne_touche_pas_les_donnees_ne_change_aucun_octet(tmp_path: Path) -> None:
    repo = tmp_path / "plan"
    shutil.copytree(POSITIVE, repo / "data", ignore=shutil.ignore_patterns(".acv-cache"))
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "données", date="2025-03-01T10:00:00Z")
    before = _build(repo, tmp_path / "avant")
    (repo / "README.md").write_text("notes\n", encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "notes", date="2025-09-15T10:00:00Z")
    after = _build(repo, tmp_path / "apres")
    assert before == after
    docx = next(content for name, content in after.items() if name.endswith(".docx"))
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        assert b"2025-03-01T10:00:00Z" in archive.read("docProps/core.xml")
    # make build date de même : son SOURCE_DATE_EPOCH est la date de ce commit des données.
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    command = re.search(r"^SOURCE_DATE_EPOCH \?= \$\(shell (.+?) 2>/dev/null", makefile, re.M)
    assert command is not None
    epoch = subprocess.run(
        command.group(1), shell=True, cwd=repo, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert epoch == _git(repo, "log", "-1", "--format=%ct", "--", "data")
