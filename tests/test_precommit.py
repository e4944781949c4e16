"""Le vrai pre-commit avec les crochets publiés (.pre-commit-hooks.yaml) : `repo:` vers un
dépôt git d'acvkit, `rev:` à l'étiquette de la version, les crochets tels quels (fichiers passés).
La configuration qu'écrit `acv init` (crochets locaux) est lancée par tests/test_init_precommit.py."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from tests.conftest import POSITIVE, ROOT

BIN = Path(sys.executable).parent
PRE_COMMIT = BIN / "pre-commit"

pytestmark = pytest.mark.skipif(
    not PRE_COMMIT.exists() or shutil.which("git") is None or not (ROOT / ".git").exists(),
    reason="pre-commit, git ou le dépôt git d'acvkit absent",
)


def _version() -> str:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return str(project["version"])


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    }


def _git(repo: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, env=env, check=False
    )


def _acvkit_tagged(tmp_path: Path, env: dict[str, str]) -> Path:
    """Un clone d'acvkit (le commit courant), étiqueté comme une version publiée."""
    clone = tmp_path / "acvkit"
    done = subprocess.run(
        ["git", "clone", "-q", str(ROOT), str(clone)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    tag = _git(clone, "tag", "-a", f"v{_version()}", "-m", "version", env=env)
    assert tag.returncode == 0, tag.stderr
    return clone


def test_hooks_passent_les_fichiers() -> None:
    hooks = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    by_id = {h["id"]: h for h in hooks}
    assert by_id["acv-validate"]["pass_filenames"] is True
    assert by_id["acv-fmt"]["pass_filenames"] is True
    import re

    pattern = re.compile(by_id["acv-validate"]["files"])
    for path in ("data/fiches/x/fa-1.yaml", "acv.toml", "pyproject.toml", "acv-baseline.json"):
        assert pattern.search(path), path


def test_commit_refuse_puis_accepte(tmp_path: Path) -> None:
    env = _env(tmp_path)
    clone = _acvkit_tagged(tmp_path, env)
    repo = tmp_path / "depot"
    shutil.copytree(POSITIVE, repo / "data")
    # Les crochets publiés, tels quels ; seul l'environnement change (l'acv déjà installé ici,
    # plutôt qu'une installation par pip dans le cache de pre-commit).
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {clone.as_posix()}\n"
        f"    rev: v{_version()}\n"
        "    hooks:\n"
        "      - id: acv-fmt\n        language: system\n"
        "      - id: acv-validate\n        language: system\n"
        "      - id: acv-schema\n        language: system\n",
        encoding="utf-8",
    )
    assert _git(repo, "init", "-q", "-b", "main", env=env).returncode == 0
    schemas = subprocess.run(
        [str(BIN / "acv"), "schema"], cwd=repo, capture_output=True, text=True, check=False
    )
    assert schemas.returncode == 0, schemas.stderr
    installed = subprocess.run(
        [str(PRE_COMMIT), "install"], cwd=repo, capture_output=True, text=True, env=env, check=False
    )
    assert installed.returncode == 0, installed.stderr
    _git(repo, "add", "-A", env=env)
    ok = _git(repo, "commit", "-q", "-m", "données propres", env=env)
    assert ok.returncode == 0, ok.stdout + ok.stderr

    fiche = repo / "data/fiches/bethune/fa-1-places.yaml"
    clean = fiche.read_text(encoding="utf-8")
    fiche.write_text(clean.replace('sous_axe: "4.2"', 'sous_axe: "4.9"'), encoding="utf-8")
    _git(repo, "add", "-A", env=env)
    refused = _git(repo, "commit", "-q", "-m", "sous-axe inconnu", env=env)
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0
    assert "data/fiches/bethune/fa-1-places.yaml:5:11: INT003 sous-axe « 4.9 » inconnu" in output

    # Code écrit en nombre : acv fmt le corrige et nomme le fichier, le commit est refusé
    # (fichier modifié), puis accepté une fois la correction ajoutée.
    clean = clean.replace("titre: Aménagement des places", "titre: Aménagement de deux places")
    fiche.write_text(clean.replace('sous_axe: "4.2"', "sous_axe: 4.2"), encoding="utf-8")
    _git(repo, "add", "-A", env=env)
    reformatted = _git(repo, "commit", "-q", "-m", "code en nombre", env=env)
    assert reformatted.returncode != 0
    assert "data/fiches/bethune/fa-1-places.yaml : mis en forme" in (
        reformatted.stdout + reformatted.stderr
    )
    assert fiche.read_text(encoding="utf-8") == clean
    _git(repo, "add", "-A", env=env)
    accepted = _git(repo, "commit", "-q", "-m", "corrigé", env=env)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
