"""`acv fix` : corrections mécaniques sûres, le reste du fichier intact ; --diff n'écrit rien."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import edit, flat, run

F1 = "fiches/bethune/fa-1-places.yaml"


def _break_fiche(positive: Path) -> str:
    fiche = positive / F1
    clean = fiche.read_text(encoding="utf-8")
    edit(fiche, "titre:", "# un commentaire gardé\ntitr:")
    edit(fiche, "  - cabbalr", "  - cabalr")
    edit(fiche, 'sous_axe: "4.2"', "sous_axe: 4.2")
    return clean


def test_fix_diff_puis_fix(positive: Path) -> None:
    clean = _break_fiche(positive)
    broken = (positive / F1).read_text(encoding="utf-8")
    preview = run("fix", "--data", str(positive), "--diff")
    assert preview.exit_code == 1
    assert "+titre: Aménagement des places" in preview.stdout
    assert '+sous_axe: "4.2"' in preview.stdout
    assert (positive / F1).read_text(encoding="utf-8") == broken  # --diff n'écrit rien
    result = run("fix", "--data", str(positive))
    assert result.exit_code == 0, result.stdout + result.stderr
    after = (positive / F1).read_text(encoding="utf-8")
    assert after == clean.replace("titre:", "# un commentaire gardé\ntitre:")
    assert flat(positive, "code") == []


def test_fix_ne_devine_pas(positive: Path) -> None:
    # Aucun identifiant proche : rien n'est changé, l'erreur reste (sortie 1).
    edit(positive / F1, "  - cabbalr", "  - zzzzzz")
    before = (positive / F1).read_text(encoding="utf-8")
    result = run("fix", "--data", str(positive))
    assert result.exit_code == 1
    assert (positive / F1).read_text(encoding="utf-8") == before
