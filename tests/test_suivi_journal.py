"""`acv new suivi` : une entrée datée ajoutée au journal, commentaires et mise en page conservés."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.conftest import run

FA54 = "fiches/bruay-la-buissiere/fa-54-place-de-l-europe.yaml"


def test_ajoute_une_entree_en_gardant_les_commentaires(real_data: Path) -> None:
    file = real_data / FA54
    before = file.read_text(encoding="utf-8")
    assert "# " in before  # la fiche réelle a des commentaires
    first = run(
        "new",
        "suivi",
        "54",
        "--data",
        str(real_data),
        "--statut",
        "en_cours",
        "--note",
        "Marché attribué",
        "--vigilance",
        "Amiante",
        "--vigilance",
        "Réseaux",
        "--date",
        "2025-01-15",
    )
    assert first.exit_code == 0, first.stderr
    second = run(
        "new",
        "suivi",
        "54",
        "--data",
        str(real_data),
        "--statut",
        "en_cours_finance",
        "--date",
        "30/06/2025",
    )
    assert second.exit_code == 0, second.stderr
    after = file.read_text(encoding="utf-8")
    # Chaque ligne d'origine (commentaires compris) est toujours là, dans le même ordre.
    lines = iter(after.splitlines())
    assert all(any(x == o for x in lines) for o in before.splitlines())
    fiche = yaml.safe_load(after)
    assert fiche["statut"] == "en_cours_finance"
    assert [(str(e["date"]), e["statut"]) for e in fiche["suivi"]] == [
        ("2025-01-15", "en_cours"),
        ("2025-06-30", "en_cours_finance"),
    ]
    assert fiche["suivi"][0]["vigilance"] == ["Amiante", "Réseaux"]
    assert run("fmt", "--data", str(real_data), "--check").exit_code == 0
    validated = run(
        "validate",
        "--data",
        str(real_data),
        "--date-rapport",
        "2025-06-30",
        "--select",
        "SUI001,SUI002",
    )
    assert validated.exit_code == 0, validated.stdout


def test_refuse_une_date_anterieure_et_l_inconnu(real_data: Path) -> None:
    file = real_data / FA54
    ok = run(
        "new",
        "suivi",
        "54",
        "--data",
        str(real_data),
        "--statut",
        "en_cours",
        "--date",
        "2025-06-30",
    )
    assert ok.exit_code == 0
    before = file.read_text(encoding="utf-8")
    for options, message in (
        (["54", "--statut", "en_cours", "--date", "2025-01-01"], "plus ancien au plus récent"),
        (["54", "--statut", "livre"], "statut inconnu"),
        (["999", "--statut", "en_cours"], "aucune fiche FA 999"),
        (["54", "--statut", "en_cours", "--date", "2025-02-30"], "n'existe pas"),
    ):
        result = run("new", "suivi", *options, "--data", str(real_data))
        assert result.exit_code == 2 and message in result.stderr, (options, result.stderr)
    assert file.read_text(encoding="utf-8") == before
