"""Données hostiles dans les sorties : ni formule dans un CSV, ni séquence de terminal, ni Markdown actif."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from acvkit.safe_text import csv_cell, visible
from tests.conftest import edit, run

PARTENAIRES = "partenaires.yaml"
FICHE = "fiches/bethune/fa-1-places.yaml"
FAKE_LINE = "data/programme.yaml:1:1: FAUX"


@pytest.mark.parametrize(
    "nom",
    [
        '=HYPERLINK("http://exemple.invalid";"clic")',
        "+SUM(1;2)",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1;2)",
        "=1+1",
    ],
)
def test_csv_sans_formule(positive: Path, nom: str) -> None:
    yaml_name = nom.replace("\\", "\\\\").replace('"', '\\"')
    edit(positive / PARTENAIRES, "nom: Ville de Béthune", f'nom: "{yaml_name}"')
    result = run("couts", "--data", str(positive), "--by", "collectivite", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout), delimiter=";"))
    cells = [c for row in rows for c in row]
    assert "'" + nom in cells
    assert nom not in cells
    for cell in cells:
        assert not re.match(r"[=+@\t\r]", cell), cell
        assert not cell.startswith("-") or re.fullmatch(r"-\d+(,\d+)?", cell), cell


def test_csv_nombres_et_textes_ordinaires_gardes() -> None:
    # Décision documentée dans acvkit.safe_text : un nombre négatif simple reste un nombre.
    assert csv_cell("-1234,50") == "-1234,50"
    assert csv_cell("-5") == "-5"
    assert csv_cell("-5 %") == "'-5 %"
    assert csv_cell("-1+1") == "'-1+1"
    assert csv_cell("\tx") == "'\tx"
    assert csv_cell("\rx") == "'\rx"
    assert csv_cell("Ville de Béthune") == "Ville de Béthune"
    assert csv_cell("550000,50") == "550000,50"


def test_list_ne_forge_pas_de_ligne(positive: Path) -> None:
    edit(
        positive / FICHE,
        "titre: Aménagement des places",
        f'titre: "Aménagement des places\\n{FAKE_LINE}"',
    )
    result = run("list", "--data", str(positive))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert not any(line.startswith("data/") for line in result.stdout.splitlines())
    assert "\\n" in result.stdout


def test_validate_texte_echappe_les_controles(positive: Path) -> None:
    edit(positive / FICHE, "collectivite: bethune", 'collectivite: "bethune\\e[31m"')
    edit(positive / FICHE, "maitre_ouvrage: bethune", f'maitre_ouvrage: "x\\n{FAKE_LINE}"')
    result = run("validate", "--data", str(positive))
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout
    assert FAKE_LINE not in [line.strip() for line in result.stdout.splitlines()]
    assert not any(line.startswith(FAKE_LINE) for line in result.stdout.splitlines())
    assert "\\x1b" in result.stdout


def test_show_echappe_les_controles(positive: Path) -> None:
    edit(positive / FICHE, "titre: Aménagement des places", 'titre: "\\e[31mROUGE\\e]0;titre\\a"')
    edit(
        positive / FICHE,
        "  Une étude des places a été menée.",
        "  Une étude [bold]gras[/bold] menée.",
    )
    result = run("show", "1", "--data", str(positive))
    output = result.stdout + result.stderr
    assert "Erreur interne" not in output
    assert "\x1b" not in output and "\x07" not in output
    assert "\\x1b[31mROUGE" in output
    assert "[bold]gras[/bold]" in output


def test_costs_tableau_echappe_les_controles(
    positive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "400")
    edit(
        positive / PARTENAIRES,
        "nom: Ville de Béthune",
        f'nom: "Ville de Béthune\\n{FAKE_LINE} [bold]x[/bold]"',
    )
    result = run("couts", "--data", str(positive), "--by", "collectivite")
    assert result.exit_code == 0, result.stderr
    assert f"Ville de Béthune\\n{FAKE_LINE} [bold]x[/bold]" in result.stdout
    assert not any(line.lstrip("│ ").startswith("data/") for line in result.stdout.splitlines())


def test_visible() -> None:
    assert visible("a\x1b[31mb") == "a\\x1b[31mb"
    assert visible("a\nb") == "a\\nb"
    assert visible("a\nb", lines=True) == "a\nb"
    assert visible("\u202eabc") == "\\u202eabc"
    assert visible("\x85\x9b") == "\\x85\\x9b"
    assert visible("C:\\dossier") == "C:\\dossier"
    assert visible("C:\\x1b\x1b") == "C:\\\\x1b\\x1b"
    assert visible("ordinaire é €") == "ordinaire é €"


def _markdown(positive: Path, tmp_path: Path) -> str:
    out = tmp_path / "sortie"
    result = run("build", "--data", str(positive), "--out", str(out), "--format", "md")
    assert result.exit_code == 0, result.stdout + result.stderr
    return (out / "md" / "fiches-action.md").read_text(encoding="utf-8")


def test_markdown_titre_sur_une_ligne(positive: Path, tmp_path: Path) -> None:
    edit(
        positive / FICHE,
        "titre: Aménagement des places",
        'titre: "Aménagement\\n---\\n# des places"',
    )
    texte = _markdown(positive, tmp_path)
    [titre] = [line for line in texte.splitlines() if line.startswith("### FA 1 ")]
    # Sur une seule ligne, « --- » et « # » ne sont plus en début de ligne : ils restent du texte.
    assert titre == "### FA 1 – Aménagement --- # des places"
    assert "\n---\n" not in texte


def test_markdown_entites_filets_et_balises(positive: Path, tmp_path: Path) -> None:
    edit(
        positive / FICHE,
        "  Une étude des places a été menée.",
        "  Une étude &amp; &#x41; <b>gras</b> menée.\n  ---\n  ===\n  ~~~",
    )
    texte = _markdown(positive, tmp_path)
    assert "Une étude \\&amp; \\&#x41; \\<b\\>gras\\</b\\> menée." in texte
    lines = texte.splitlines()
    for rule_marker in ("---", "===", "~~~"):
        assert not any(line.startswith(rule_marker) for line in lines)
        assert any(line.startswith("\\" + rule_marker) for line in lines)
