"""Tout ce que voit l'utilisateur d'acv est en français, y compris les messages de Click et Typer."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import edit, flat

ACV = str(Path(sys.executable).parent / "acv")
ENGLISH_WORDS = re.compile(
    r"\b(Usage|COMMAND|ARGS|Got unexpected|Possible options|No such|completion installed|"
    r"take effect|restart the terminal)\b"
)


def _acv(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [ACV, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "80", "NO_COLOR": "1", **env},
        check=False,
    )


def test_ligne_d_utilisation_en_francais() -> None:
    help_text = _acv("--help").stdout
    assert "Utilisation : acv [OPTIONS] COMMANDE [ARGUMENTS]..." in help_text
    assert not ENGLISH_WORDS.search(help_text), ENGLISH_WORDS.search(help_text)
    assert "Utilisation : acv new [OPTIONS] COMMANDE [ARGUMENTS]..." in _acv("new", "--help").stdout


def test_erreurs_de_saisie_en_francais() -> None:
    extra = _acv("costs", "extra")
    assert extra.returncode == 2 and "argument inattendu : extra" in extra.stderr
    unknown = _acv("costs", "-z")
    assert "Option inconnue : -z" in unknown.stderr
    near_miss = _acv("validate", "--form")
    assert "(options possibles : --format)" in near_miss.stderr
    for output in (extra.stderr, unknown.stderr, near_miss.stderr):
        assert not ENGLISH_WORDS.search(output), output


def test_aide_sans_type_sur_les_drapeaux_ni_type_anglais() -> None:
    help_text = _acv("validate", "--help").stdout
    assert "<bool>" not in help_text and "<path>" not in help_text and "list[" not in help_text
    assert "<chemin>" in help_text


def test_aide_jamais_coupee_a_la_largeur_du_code() -> None:
    # La phrase qui suit « mal écrite. » continue sur la même ligne quand la place le permet.
    help_text = _acv("validate", "--help", COLUMNS="200").stdout
    assert "commande mal écrite. Les options --select" in help_text


def test_installation_de_la_completion_en_francais(tmp_path: Path) -> None:
    done = _acv("--install-completion", HOME=str(tmp_path), SHELL="/bin/bash")
    if done.returncode != 0:  # shell non détecté dans cet environnement
        assert not ENGLISH_WORDS.search(done.stdout + done.stderr)
        return
    assert "Complétion bash installée dans" in done.stdout
    assert "prochain démarrage du terminal" in done.stdout
    assert not ENGLISH_WORDS.search(done.stdout)


def test_collectivite_inconnue_accordee(positive: Path) -> None:
    edit(
        positive / "fiches/bethune/fa-1-places.yaml",
        "collectivite: bethune",
        "collectivite: betune",
    )
    messages = [m for code, m in flat(positive, "code", "message") if code == "INT004"]
    assert any("collectivité « betune » inconnue de partenaires.yaml" in str(m) for m in messages)
