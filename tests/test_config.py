"""Configuration, commentaires de suppression et ligne de base."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import edit, flat, run

F1 = "fiches/bethune/fa-1-places.yaml"


def _introduce_faults(positive: Path) -> None:
    edit(positive / F1, "livraison: Fin 2026", "livraison: 2027-2029")  # CAL003 ligne 23
    edit(positive / F1, "lancement: T1 2025", "lancement: courant 2025")  # CAL005 ligne 22


def test_acv_toml_select_ignore_severite(positive: Path) -> None:
    _introduce_faults(positive)
    assert flat(positive, "line", "code", "severity") == [
        [22, "CAL005", "warning"],
        [23, "CAL003", "warning"],
    ]
    (positive / "acv.toml").write_text(
        'ignore = ["CAL005"]\n[severite]\nCAL003 = "erreur"\n', encoding="utf-8"
    )
    assert flat(positive, "line", "code", "severity") == [[23, "CAL003", "error"]]


def test_pyproject_tool_acv_et_ligne_de_commande_l_emporte(positive: Path) -> None:
    _introduce_faults(positive)
    (positive.parent / "pyproject.toml").write_text(
        '[tool.acv]\nselect = ["CAL003"]\n', encoding="utf-8"
    )
    assert flat(positive, "code") == [["CAL003"]]
    result = run("validate", "--data", str(positive), "--select", "CAL", "--ignore", "CAL003")
    assert "CAL005" in result.stdout and "CAL003" not in result.stdout


def test_ignore_par_chemin(positive: Path) -> None:
    _introduce_faults(positive)
    (positive / "acv.toml").write_text(
        '[ignore-par-chemin]\n"fiches/bethune/*" = ["CAL"]\n', encoding="utf-8"
    )
    assert flat(positive, "code") == []


def test_regle_inconnue_en_configuration(positive: Path) -> None:
    (positive / "acv.toml").write_text('ignore = ["CAL999"]\n', encoding="utf-8")
    result = run("validate", "--data", str(positive))
    assert result.exit_code == 2 and "règle inconnue « CAL999 »" in result.stderr
    (positive / "acv.toml").write_text('ignorer = ["CAL003"]\n', encoding="utf-8")
    result = run("validate", "--data", str(positive))
    assert result.exit_code == 2 and "clé de configuration inconnue « ignorer »" in result.stderr
    assert run("validate", "--data", str(positive), "--select", "XYZ").exit_code == 2


def test_suppression_en_fin_de_ligne_et_seule(positive: Path) -> None:
    _introduce_faults(positive)
    edit(
        positive / F1,
        "livraison: 2027-2029",
        "livraison: 2027-2029  # acv: ignore[CAL003] phasage validé",
    )
    edit(
        positive / F1,
        "lancement: courant",
        "# acv: ignore[CAL005] formule du comité\nlancement: courant",
    )
    assert flat(positive, "code") == []
    assert "2 tus par commentaire" in run("validate", "--data", str(positive)).stdout


def test_suppression_sans_raison_inutile_ou_inconnue(positive: Path) -> None:
    _introduce_faults(positive)
    edit(positive / F1, "livraison: 2027-2029", "livraison: 2027-2029  # acv: ignore[CAL003]")
    edit(positive / F1, "numero: 1\n", "numero: 1  # acv: ignore[CON001] ancien\n")
    edit(positive / F1, "type: etude", "type: etude  # acv: ignore[CAL03] faute")
    assert flat(positive, "line", "code") == [
        [1, "SUP002"],
        [4, "SUP003"],
        [22, "CAL005"],
        [23, "SUP001"],
    ]


def test_ligne_de_base(positive: Path, tmp_path: Path) -> None:
    _introduce_faults(positive)
    baseline = tmp_path / "base.json"
    first = run("validate", "--data", str(positive), "--baseline", str(baseline))
    assert first.exit_code == 0 and baseline.exists()
    assert "0 erreur, 0 avertissement, 2 déjà dans la ligne de base" in first.stdout
    # Déplacer les lignes ne réveille rien ; un nouveau problème est signalé seul.
    fiche = positive / F1
    fiche.write_text("# en-tête\n" + fiche.read_text(encoding="utf-8"), encoding="utf-8")
    edit(fiche, 'sous_axe: "4.2"', 'sous_axe: "4.9"')
    second = run(
        "validate", "--data", str(positive), "--baseline", str(baseline), "--format", "json"
    )
    assert second.exit_code == 1
    assert '"code": "INT003"' in second.stdout and "CAL003" not in second.stdout


def test_costs_ne_cherche_que_les_erreurs_mais_respecte_la_configuration(positive: Path) -> None:
    # costs et build ne calculent pas les avertissements (plus rapide) : un avertissement ne
    # bloque pas, une suppression qui vise un avertissement n'est pas dite inutile…
    _introduce_faults(positive)
    edit(positive / F1, "livraison: 2027-2029", "livraison: 2027-2029  # acv: ignore[CAL005] test")
    assert run("couts", "--data", str(positive)).exit_code == 0
    # … mais un avertissement promu en erreur par acv.toml bloque, situé à sa ligne.
    (positive / "acv.toml").write_text('[severite]\nCAL003 = "erreur"\n', encoding="utf-8")
    blocked = run("couts", "--data", str(positive))
    assert blocked.exit_code == 1
    assert f"{positive.as_posix()}/{F1}:23:" in blocked.stderr and "CAL003" in blocked.stderr
    assert "SUP002" not in blocked.stderr
