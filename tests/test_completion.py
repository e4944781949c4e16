"""Complétion du shell : codes de règles, collectivités et sous-axes lus dans les données."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from acvkit.rules import ALL_RULES
from tests.conftest import ROOT

ACV = str(Path(sys.executable).parent / "acv")


def _complete(ligne: str, cwd: Path = ROOT) -> list[str]:
    mots = ligne.split(" ")
    done = subprocess.run(
        [ACV],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={
            **os.environ,
            "_ACV_COMPLETE": "complete_bash",
            "COMP_WORDS": ligne,
            "COMP_CWORD": str(len(mots) - 1),
        },
        check=False,
    )
    return done.stdout.split()


def test_codes_de_regles() -> None:
    attendus = sorted(c for c in ALL_RULES if c.startswith("CAL"))
    assert _complete("acv validate --select CA") == ["CAL", *attendus]
    assert "INT,CAL001" in _complete("acv validate --ignore INT,CAL")
    assert _complete("acv rules SCH00") == sorted(c for c in ALL_RULES if c.startswith("SCH00"))


def test_collectivites_et_sous_axes_des_donnees() -> None:
    # Depuis un sous-dossier : le dossier de données est trouvé en remontant.
    collectivites = _complete("acv new fiche --collectivite b", cwd=ROOT / "data/fiches")
    assert "bethune" in collectivites and "bruay-la-buissiere" in collectivites
    assert all(c.startswith("b") for c in collectivites)
    sous_axes = _complete("acv new fiche --sous-axe 4", cwd=ROOT)
    assert sous_axes and all(s.startswith("4.") for s in sous_axes)
