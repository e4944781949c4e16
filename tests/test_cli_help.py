"""L'interface elle-même : aide française avec un exemple pour chaque commande, version, couleurs, verbosité."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import click
import pytest

from acvkit.cli import app
from tests.conftest import AVENANT, run


def _commands(command: click.Command, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [path]
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        found += _commands(sub, (*path, name))
    return found


COMMANDS = _commands(app)


def test_toutes_les_commandes_sont_connues() -> None:
    names = {" ".join(c) for c in COMMANDS}
    assert {
        "validate",
        "couts",
        "list",
        "show",
        "build",
        "fmt",
        "schema",
        "rules",
        "new fiche",
        "new indicateur",
    } <= names


@pytest.mark.parametrize("path", COMMANDS, ids=[" ".join(c) or "acv" for c in COMMANDS])
def test_aide_en_francais_avec_exemple(path: tuple[str, ...]) -> None:
    result = run(*path, "--help")
    assert result.exit_code == 0
    texte = " ".join(result.stdout.replace("│", " ").split())
    assert "Exemple" in texte, f"« acv {' '.join(path)} --help » n'a pas d'exemple"
    assert "Affiche cette aide et quitte." in texte
    assert "Show this message" not in texte and "Usage:" not in texte


def test_erreur_de_saisie_en_francais() -> None:
    result = run("validate", "--format", "xml")
    assert result.exit_code == 2
    assert "valeur invalide pour --format : « xml » n'est pas une valeur possible" in (
        result.stderr
    )


def test_pas_de_couleur_hors_terminal_ni_avec_no_color() -> None:
    env = {"NO_COLOR": "1", "FORCE_COLOR": "", "TERM": "xterm-256color"}
    done = subprocess.run(
        [sys.executable, "-m", "acvkit", "validate", "--data", str(AVENANT)],
        capture_output=True,
        text=True,
        env={**_env(), **env},
        check=False,
    )
    assert done.returncode == 0
    assert "\x1b[" not in done.stdout


def _env() -> dict[str, str]:
    import os

    return dict(os.environ)


def test_quiet_et_verbose() -> None:
    quiet = run("-q", "validate", "--data", str(AVENANT))
    assert "fichiers vérifiés" not in quiet.stdout and "CON003" in quiet.stdout
    verbose = run("-v", "validate", "--data", str(AVENANT))
    assert "Configuration : " in verbose.stdout and "fichiers vérifiés" in verbose.stdout


def test_erreur_interne_sans_trace(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # Un bogue simulé : message court en français, trace dans un journal, code 3 (le sien).
    import acvkit.api

    def boom(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("bogue simulé")

    monkeypatch.setattr(acvkit.api, "_validate_report", boom)
    monkeypatch.setattr(sys, "argv", ["acv", "validate", "--data", str(AVENANT)])
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    from acvkit.cli import main

    with pytest.raises(SystemExit) as info:
        main()
    assert info.value.code == 3
    logs = list(tmp_path.glob("acv-erreur-*.log"))
    assert len(logs) == 1 and "RuntimeError: bogue simulé" in logs[0].read_text(encoding="utf-8")
