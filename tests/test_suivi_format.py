"""Le format du suivi : lecture des champs, montants exacts, ordre de `acv fmt`, schéma JSON."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from acvkit.loading import load_folder
from acvkit.models import StatutFinancement
from tests.conftest import ROOT, edit, flat, run

F1 = "fiches/bethune/fa-1-places.yaml"
SUIVI = """suivi:
  - date: 2024-06-30
    statut: en_cours
    note: Marché de maîtrise d'œuvre attribué
  - date: 2024-12-31
    statut: en_cours_finance
    vigilance: [Retard du diagnostic amiante]
"""
FINANCEUR = """  - financeur: region-hdf
    montant: 100000
    montant_verse: 50000.25
    reference: DEL-2024-112
    date_attribution: 2024-11-15
    montant_attribue: 100000
    statut: verse
"""


def _with_suivi(positive: Path) -> Path:
    fiche = positive / F1
    edit(
        fiche,
        "lancement: T1 2025\n",
        "realise:\n  - {annee: 2025, montant: 1000}\nlancement: T1 2025\n",
    )
    edit(fiche, "  - {financeur: region-hdf, montant: 100000}\n", FINANCEUR)
    edit(fiche, "description: |", "statut: en_cours_finance\n" + SUIVI + "description: |")
    return fiche


def test_champs_lus_en_decimal(positive: Path) -> None:
    _with_suivi(positive)
    fiche = next(e.model for e in load_folder(positive).dataset.fiches if e.model.numero == 1)
    assert fiche.suivi is not None and [e.statut.value for e in fiche.suivi] == [
        "en_cours",
        "en_cours_finance",
    ]
    assert fiche.suivi[1].vigilance == ["Retard du diagnostic amiante"]
    assert fiche.financements is not None
    line = fiche.financements[0]
    assert line.statut is StatutFinancement.VERSE
    assert line.montant_verse == Decimal("50000.25") and isinstance(line.montant_verse, Decimal)
    assert line.date_attribution is not None and line.date_attribution.isoformat() == "2024-11-15"
    assert fiche.realise is not None and fiche.realise[0].montant == Decimal(1000)


def test_montant_verse_en_texte_refuse_a_sa_ligne(positive: Path) -> None:
    fiche = _with_suivi(positive)
    edit(fiche, "montant_verse: 50000.25", 'montant_verse: "50 000"')
    lines = fiche.read_text(encoding="utf-8").splitlines()
    expected = next(i for i, t in enumerate(lines, 1) if "montant_verse" in t)
    assert [F1, expected] in [r[:2] for r in flat(positive, "path", "line", "code")]


def test_statut_de_financement_inconnu_refuse(positive: Path) -> None:
    fiche = _with_suivi(positive)
    edit(fiche, "statut: verse", "statut: payé")
    assert run("validate", "--data", str(positive)).exit_code == 1


def test_fmt_range_les_cles_du_financement(positive: Path) -> None:
    fiche = _with_suivi(positive)
    assert run("fmt", "--data", str(positive)).exit_code == 0
    texte = fiche.read_text(encoding="utf-8")
    order = [
        "montant: 100000",
        "statut: verse",
        "montant_attribue",
        "montant_verse",
        "date_attribution",
        "reference",
    ]
    positions = [texte.index(key) for key in order]
    assert positions == sorted(positions)
    assert (
        texte.index("statut: en_cours_finance")
        < texte.index("suivi:")
        < texte.index("description:")
    )
    assert texte.index("realise:") > texte.index("livraison:")


def test_schema_decrit_le_suivi() -> None:
    schema = json.loads((ROOT / "schemas/fiche.schema.json").read_text(encoding="utf-8"))
    assert {"suivi", "realise", "statut"} <= set(schema["properties"])
    financement = schema["definitions"]["Financement"]["properties"]
    assert {
        "montant_demande",
        "montant_attribue",
        "montant_verse",
        "date_attribution",
        "reference",
        "statut",
    } <= set(financement)
    assert run("schema", "--check").exit_code == 0
