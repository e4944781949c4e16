"""acvkit ne change rien au processus qui l'emploie : ni le ramasse-miettes, ni le jeu de
données qu'on lui passe (issue #30 : pas d'état global modifié par la bibliothèque)."""

from __future__ import annotations

import gc
import sys
from datetime import date
from pathlib import Path

import pytest

from acvkit import api
from acvkit.linting.engine import Linter
from acvkit.loading import load_folder
from acvkit.loading.parallel import Workers
from tests.conftest import AVENANT, run


def test_le_linter_ne_modifie_pas_le_jeu_de_donnees_qu_on_lui_passe() -> None:
    dataset = load_folder(AVENANT).dataset
    assert dataset.date_rapport is None
    linter = Linter(api.load_config(AVENANT), as_of=date(2030, 1, 1))
    with Workers(1) as workers:
        report = linter.check(dataset, str(AVENANT), workers)
    assert dataset.date_rapport is None and dataset.suivi_delay_months == 6
    assert report.dataset.date_rapport == date(2030, 1, 1)


def test_la_commande_ne_gele_pas_le_ramasse_miettes(monkeypatch: pytest.MonkeyPatch) -> None:
    threshold = gc.get_threshold()
    frozen = gc.get_freeze_count()
    monkeypatch.setattr(sys, "argv", ["acv", "validate", "--data", str(AVENANT)])
    from acvkit.cli import main

    with pytest.raises(SystemExit) as done:
        main()
    assert done.value.code == 0
    assert gc.get_threshold() == threshold and gc.get_freeze_count() == frozen


def test_python_docx_retrouve_sa_classe_de_corps_apres_un_build(tmp_path: Path) -> None:
    import docx
    from docx.oxml.document import CT_Body

    import acvkit.annexes.docx.helpers  # noqa: F401  (l'import ne change rien)

    assert type(docx.Document().element.body) is CT_Body
    result = run("build", "--data", str(AVENANT), "--out", str(tmp_path / "out"), "-f", "docx")
    assert result.exit_code == 0, result.stderr
    assert list((tmp_path / "out").rglob("*.docx"))
    assert type(docx.Document().element.body) is CT_Body
