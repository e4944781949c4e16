"""Tout ce que voit l'utilisateur d'acv est en français, y compris les messages de Click."""

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
    r"take effect|restart the terminal|Error|Try|Missing|Invalid|should be|Input|"
    r"Show this|[Pp]ositional|TEXT|PATH|INTEGER|default|required)\b"
)


def _acv(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [ACV, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "80", "NO_COLOR": "1", **env},
        check=False,
    )


def _plain(texte: str) -> str:
    """Le texte, espaces insécables lues comme des espaces."""
    return texte.replace("\u00a0", " ")


def test_ligne_d_utilisation_en_francais() -> None:
    help_text = _plain(_acv("--help").stdout)
    assert "Utilisation : acv [OPTIONS] COMMANDE [ARGUMENTS]..." in help_text
    assert not ENGLISH_WORDS.search(help_text), ENGLISH_WORDS.search(help_text)
    new_help = _plain(_acv("new", "--help").stdout)
    assert "Utilisation : acv new [OPTIONS] COMMANDE [ARGUMENTS]..." in new_help


def test_erreurs_de_saisie_en_francais() -> None:
    extra = _acv("couts", "extra")
    assert extra.returncode == 2 and "argument inattendu : extra" in extra.stderr
    unknown = _acv("couts", "-z")
    assert unknown.returncode == 2 and "Erreur : option inconnue : -z" in unknown.stderr
    near_miss = _acv("validate", "--form")
    assert "vouliez-vous dire --format ?" in near_miss.stderr
    command = _acv("valdate")
    assert command.returncode == 2
    assert "commande inconnue « valdate » ; vouliez-vous dire « validate » ?" in command.stderr
    number = _acv("show", "abc")
    assert number.returncode == 2
    assert "valeur invalide pour NUMERO : « abc » n'est pas un nombre entier" in number.stderr
    missing = _acv("new", "fiche", "--sous-axe", "4.2", "--titre", "T")
    assert missing.returncode == 2 and "option --collectivite manquante" in missing.stderr
    value = _acv("validate", "--format")
    assert value.returncode == 2 and "l'option --format demande une valeur" in value.stderr
    flag = _acv("validate", "--strict=oui")
    assert flag.returncode == 2 and "l'option --strict ne prend pas de valeur" in flag.stderr
    for done in (extra, unknown, near_miss, command, number, missing, value, flag):
        assert "Essayez « acv" in done.stderr or "Utilisation" in done.stderr, done.stderr
        assert not ENGLISH_WORDS.search(done.stderr), done.stderr


def test_aide_sans_type_anglais_ni_type_python() -> None:
    help_text = _acv("validate", "--help").stdout
    assert "<bool>" not in help_text and "<path>" not in help_text and "list[" not in help_text
    assert "--data DOSSIER" in help_text and "--baseline FICHIER" in help_text


def test_aide_pliee_a_80_colonnes_meme_sur_un_grand_terminal() -> None:
    # Les paragraphes de l'aide sont rejoints, puis pliés à 80 colonnes au plus.
    help_text = _acv("validate", "--help", COLUMNS="200").stdout
    assert "commande mal écrite (voir docs/commandes.md). Les options --select" in _plain(help_text)
    assert max(len(line) for line in help_text.splitlines()) <= 80


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
