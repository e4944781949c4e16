"""Le vrai pre-commit, dans un dépôt git temporaire : un commit avec une fiche cassée est refusé."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from ruamel.yaml import YAML

from tests.conftest import POSITIVE, ROOT

BIN = Path(sys.executable).parent


def _hooks_as_local() -> str:
    """Les crochets de .pre-commit-hooks.yaml, tels quels, avec l'acv de cet environnement."""
    hooks = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    lines = ["repos:", "  - repo: local", "    hooks:"]
    for hook in hooks:
        assert hook["pass_filenames"] is False and hook["require_serial"] is True
        lines += [
            f"      - id: {hook['id']}",
            f"        name: {hook['name']}",
            f"        entry: {BIN / 'acv'} {hook['entry'].removeprefix('acv ')}",
            "        language: system",
            "        pass_filenames: false",
            "        require_serial: true",
            f"        files: '{hook['files']}'",
        ]
    return "\n".join(lines) + "\n"


def _git(repo: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, env=env, check=False
    )


def test_commit_refuse_puis_accepte(tmp_path: Path) -> None:
    repo = tmp_path / "depot"
    shutil.copytree(POSITIVE, repo / "data")
    (repo / ".pre-commit-config.yaml").write_text(_hooks_as_local(), encoding="utf-8")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    assert _git(repo, "init", "-q", "-b", "main", env=env).returncode == 0
    schemas = subprocess.run(
        [str(BIN / "acv"), "schema"], cwd=repo, capture_output=True, text=True, check=False
    )
    assert schemas.returncode == 0, schemas.stderr
    installed = subprocess.run(
        [str(BIN / "pre-commit"), "install"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert installed.returncode == 0, installed.stderr
    _git(repo, "add", "-A", env=env)
    ok = _git(repo, "commit", "-q", "-m", "données propres", env=env)
    assert ok.returncode == 0, ok.stdout + ok.stderr

    fiche = repo / "data/fiches/bethune/fa-1-places.yaml"
    fiche.write_text(
        fiche.read_text(encoding="utf-8").replace('sous_axe: "4.2"', 'sous_axe: "4.9"'),
        encoding="utf-8",
    )
    _git(repo, "add", "-A", env=env)
    refused = _git(repo, "commit", "-q", "-m", "sous-axe inconnu", env=env)
    assert refused.returncode != 0
    assert (
        "data/fiches/bethune/fa-1-places.yaml:5:11: INT003 sous-axe « 4.9 » inconnu"
        in refused.stdout + refused.stderr
    )

    fiche.write_text(
        fiche.read_text(encoding="utf-8").replace('sous_axe: "4.9"', 'sous_axe: "4.2"'),
        encoding="utf-8",
    )
    (repo / "data/README.txt").write_text("notes\n", encoding="utf-8")
    _git(repo, "add", "-A", env=env)
    accepted = _git(repo, "commit", "-q", "-m", "corrigé", env=env)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
