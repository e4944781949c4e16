"""La configuration pre-commit qu'écrit `acv init`, lancée pour de vrai par pre-commit.

pre-commit installe acvkit depuis une copie de cette extraction (--acvkit-source), dans un
environnement à lui : le premier commit d'un nouveau dépôt passe les trois crochets, et cet
environnement n'a pas les dépendances des documents (acv validate s'installe léger).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "t@example.org",
}


def _source(tmp_path: Path) -> Path:
    """Une copie de ce qu'il faut pour construire acvkit (pip n'écrit rien dans l'extraction)."""
    source = tmp_path / "acvkit"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for name in ("src", "templates"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=ignore)
    return source


@pytest.mark.skipif(shutil.which("git") is None, reason="git absent")
def test_le_premier_commit_passe_les_crochets_generes(tmp_path: Path) -> None:
    env = {
        **os.environ,
        **GIT_ENV,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit"),
        "NO_COLOR": "1",
    }
    source = _source(tmp_path)
    init = subprocess.run(
        [str(BIN / "acv"), "init", "plan", "--id-anct", "ACV099", "--epci", "CC du Val",
         "--siren", "200000008", "--commune", "Ville-sur-Val:99001", "--periode", "2023-2026",
         "--acvkit-source", str(source), "--git"],
        cwd=tmp_path, capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, check=False,
    )  # fmt: skip
    assert init.returncode == 0, init.stderr
    repo = tmp_path / "plan"
    subprocess.run([str(BIN / "pre-commit"), "install"], cwd=repo, env=env, check=True)
    # Une fiche écrite à la main, puis le commit : les crochets tournent (pre-commit install).
    fiche = repo / "data/fiches/ville-sur-val/fa-1-place.yaml"
    created = subprocess.run(
        [str(BIN / "acv"), "new", "fiche", "--collectivite", "ville-sur-val", "--sous-axe", "4",
         "--titre", "Place du Marché"],
        cwd=repo, capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert created.returncode == 0, created.stderr
    fiche = next((repo / "data/fiches/ville-sur-val").glob("fa-*.yaml"))
    subprocess.run(["git", "add", "-A"], cwd=repo, env=env, check=True)
    commit = subprocess.run(
        ["git", "commit", "-m", "Première fiche"],
        cwd=repo, capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    output = commit.stdout + commit.stderr
    assert commit.returncode == 0, output
    for name in ("acv fmt", "acv validate", "acv schema"):
        assert any(name in line and "Passed" in line for line in output.splitlines()), output
    # Une erreur dans les données : le commit est refusé, avec le diagnostic.
    fiche.write_text(
        fiche.read_text(encoding="utf-8").replace('sous_axe: "4"', 'sous_axe: "4.9"'),
        encoding="utf-8",
    )
    subprocess.run(["git", "add", "-A"], cwd=repo, env=env, check=True)
    refused = subprocess.run(
        ["git", "commit", "-m", "Sous-axe inconnu"],
        cwd=repo, capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert refused.returncode != 0
    assert "4.9" in refused.stdout + refused.stderr
    # L'environnement de pre-commit : acvkit sans les dépendances des documents.
    (acv,) = (tmp_path / "pre-commit").glob("repo*/py_env-*/bin/acv")
    python = acv.parent / "python"
    for module in ("matplotlib", "docx", "openpyxl", "numpy"):
        probe = subprocess.run(
            [str(python), "-c", f"import importlib.util as u; print(u.find_spec('{module}'))"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        assert probe.stdout.strip() == "None", module
    build = subprocess.run(
        [str(acv), "build"], cwd=repo, capture_output=True, text=True, env=env, check=False
    )
    assert build.returncode == 2
    assert 'pip install "acvkit[documents]"' in build.stderr, build.stderr
    assert "Traceback" not in build.stderr
