"""Les dépendances des documents sont un extra (acvkit[documents]) : sans lui, acv build et
acv import disent en français quoi installer, et rien d'autre ne les demande."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from acvkit.annexes.runner import ALL_FORMATS
from acvkit.cli import build as build_command
from acvkit.cli import documents
from tests.conftest import AVENANT, ROOT, run


def _extra() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = {
        re.split(r"[<>=\[ ;]", d, maxsplit=1)[0].lower()
        for d in project["optional-dependencies"]["documents"]
    }
    base = {re.split(r"[<>=\[ ;]", d, maxsplit=1)[0].lower() for d in project["dependencies"]}
    assert not names & base
    return names


def test_l_extra_est_la_liste_que_verifie_la_commande() -> None:
    assert set(documents.MODULES.values()) == _extra()


def test_les_formats_de_build_sont_ceux_du_rendu() -> None:
    assert tuple(build_command.FORMATS) == ALL_FORMATS


@pytest.mark.parametrize(
    "command", [["build", "--out", "{tmp}"], ["import", str(Path("nulle-part.xlsx"))]]
)
def test_sans_l_extra_la_commande_dit_quoi_installer(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(documents, "find_spec", lambda name: None if name == "docx" else object())
    args = [a.replace("{tmp}", str(tmp_path / "out")) for a in command]
    result = run(*args, "--data", str(AVENANT))
    assert result.exit_code == 2
    assert "a besoin des dépendances des documents, absentes ici (python-docx)" in result.stderr
    assert 'pip install "acvkit[documents]"' in result.stderr
    assert not (tmp_path / "out").exists()


def test_valider_ne_demande_pas_l_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(documents, "find_spec", lambda name: None)
    assert run("validate", "--data", str(AVENANT)).exit_code == 0
