"""acvkit ne change rien au processus qui l'emploie : ni le ramasse-miettes, ni le jeu de
données qu'on lui passe (issue #30 : pas d'état global modifié par la bibliothèque)."""

from __future__ import annotations

import gc
import sys
from datetime import date

import pytest

from acvkit import api
from acvkit.linting.engine import Linter
from acvkit.loading import load_folder
from acvkit.loading.parallel import Workers
from tests.conftest import AVENANT


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
