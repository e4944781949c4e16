"""La lecture des fichiers : chaque fichier cassé donne un diagnostic situé, jamais une trace d'erreur."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, edit, flat, run

BROKEN = FIXTURES / "broken"
FICHE = "fiches/bethune/fa-1-places.yaml"


@pytest.mark.parametrize(
    ("fixture", "line", "column", "code"),
    [
        ("alias.yaml", 13, 17, "YML009"),
        ("bom.yaml", 1, 1, "YML004"),
        ("cle-double.yaml", 5, 1, "YML002"),
        ("cle-numerique.yaml", 5, 1, "YML013"),
        ("commentaires-seuls.yaml", 1, 1, "YML006"),
        ("deux-points.yaml", 2, 20, "YML001"),
        ("etiquette.yaml", 2, 8, "YML008"),
        ("guillemet.yaml", 2, 8, "YML001"),
        ("indentation.yaml", 10, 2, "YML001"),
        ("latin1.yaml", 2, 10, "YML003"),
        ("liste.yaml", 1, 1, "YML007"),
        ("scalaire.yaml", 1, 1, "YML007"),
        ("tabulation.yaml", 9, 1, "YML005"),
        ("utf16.yaml", 1, 1, "YML003"),
        ("vide.yaml", 1, 1, "YML006"),
    ],
)
def test_fichier_casse(positive: Path, fixture: str, line: int, column: int, code: str) -> None:
    shutil.copyfile(BROKEN / fixture, positive / FICHE)
    result = run("validate", "--data", str(positive))
    assert result.exit_code == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert flat(positive, "path", "line", "column", "code") == [[FICHE, line, column, code]]


def test_fins_de_ligne_windows_acceptees(positive: Path) -> None:
    shutil.copyfile(BROKEN / "crlf.yaml", positive / FICHE)
    assert flat(positive, "code") == []


def test_les_autres_fichiers_restent_verifies(positive: Path) -> None:
    shutil.copyfile(BROKEN / "vide.yaml", positive / FICHE)
    edit(positive / "fiches/cabbalr/fa-2-velo.yaml", 'sous_axe: "3.4"', 'sous_axe: "3.9"')
    assert flat(positive, "path", "line", "code") == [
        [FICHE, 1, "YML006"],
        ["fiches/cabbalr/fa-2-velo.yaml", 5, "INT003"],
    ]


def test_montant_exact_lu_dans_le_texte(positive: Path) -> None:
    # 0.1 + 0.2 en flottant ne fait pas 0.3 : lu comme texte, le total est exact.
    fiche = positive / FICHE
    edit(fiche, "montant: 250000}", "montant: 0.1}")
    edit(fiche, "montant: 300000.50}", "montant: 0.2}")
    edit(fiche, "total: 550000.50", "total: 0.3")
    edit(fiche, "montant: 100000}", "montant: 0.3}")
    assert flat(positive, "code") == []


@pytest.mark.parametrize(
    ("old", "new", "line", "column", "code"),
    [
        ("titre: Aménagement des places", "titre: 12", 2, 8, "SCH003"),
        ("type: etude", "type: Etude", 4, 7, "SCH003"),
        ("numero: 1\n", "", 1, 1, "SCH002"),
        ("lancement: T1 2025", "lancemant: T1 2025", 22, 1, "SCH001"),
        ("montant: 100000}", 'montant: "1 712 934 €"}', 20, 38, "SCH004"),
        ("montant: 100000}", "montant: -5}", 20, 38, "MON004"),
        ("montant: 100000}", "montant: 100000.123}", 20, 38, "MON004"),
        ("montant: 100000}", "montant: .nan}", 20, 38, "SCH004"),
        ("montant: 100000}", "montant: 0x10}", 20, 38, "SCH004"),
        ("montant: 100000}", "montant: 1e400}", 20, 38, "SCH004"),
        ("partenaires:\n  - cabbalr", "partenaires: cabbalr", 11, 14, "SCH003"),
        ("lancement: T1 2025", "lancement: 2025-01-15", 22, 1, None),
    ],
)
def test_erreur_de_schema_situee(
    positive: Path, old: str, new: str, line: int, column: int, code: str | None
) -> None:
    edit(positive / FICHE, old, new)
    expected = [] if code is None else [[FICHE, line, column, code]]
    assert flat(positive, "path", "line", "column", "code") == expected


def test_cle_inconnue_suggere(positive: Path) -> None:
    edit(positive / FICHE, "description:", "descripton:")
    result = run("validate", "--data", str(positive))
    assert "clé inconnue « descripton » : vouliez-vous dire « description » ?" in result.stdout


def test_lien_symbolique_vers_l_exterieur(positive: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("numero: 9\n", encoding="utf-8")
    (positive / "fiches/bethune/fa-9-lien.yaml").symlink_to(secret)
    assert flat(positive, "path", "code") == [["fiches/bethune/fa-9-lien.yaml", "YML010"]]


def test_dossier_nomme_yaml(positive: Path) -> None:
    (positive / "fiches/bethune/fa-9-x.yaml").mkdir()
    assert flat(positive, "path", "code") == [["fiches/bethune/fa-9-x.yaml", "YML010"]]


def test_lien_symbolique_interne_lu(positive: Path) -> None:
    # Un lien qui reste dans le dossier est lu comme le fichier qu'il désigne (ici : numéro en double).
    (positive / "fiches/bethune/fa-lien.yaml").symlink_to(positive / FICHE)
    codes = flat(positive, "path", "code")
    assert ["fiches/bethune/fa-lien.yaml", "YML010"] not in codes
    assert any(path == "fiches/bethune/fa-lien.yaml" for path, _ in codes)


def test_tube_nomme_refuse_sans_bloquer(positive: Path) -> None:
    os.mkfifo(positive / "fiches/bethune/fa-9-tube.yaml")
    assert flat(positive, "path", "code") == [["fiches/bethune/fa-9-tube.yaml", "YML010"]]


def test_dossiers_caches_ignores(positive: Path) -> None:
    cache = positive / "fiches/.brouillons"
    cache.mkdir()
    (cache / "fa-9-x.yaml").write_text("numero: [\n", encoding="utf-8")
    assert flat(positive, "path", "code") == []


def test_fichier_hors_structure(positive: Path) -> None:
    shutil.copyfile(positive / FICHE, positive / "fa-1-places.yaml")
    assert flat(positive, "path", "code") == [["fa-1-places.yaml", "STR001"]]


def test_fichier_obligatoire_absent(positive: Path) -> None:
    (positive / "partenaires.yaml").unlink()
    assert ["partenaires.yaml", "STR002"] in flat(positive, "path", "code")


@pytest.mark.parametrize("fin", ["\n", "\r\n", "\r", "\r\r\n"])
def test_tabulation_situee_comme_dans_un_editeur(fin: str) -> None:
    """YML005 donne la ligne et la colonne qu'un éditeur montre, quelles que soient les fins de
    ligne (\\r seul et \\r\\r\\n comptent comme un éditeur les compte)."""
    from acvkit.yaml.decode import decode_bytes
    from acvkit.yaml.document import YamlProblem

    texte = fin.join(["numero: 1", "objectifs:", "  - un", "  \t- deux", ""])
    editor_lines = texte.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    expected_line = next(i for i, line in enumerate(editor_lines, 1) if "\t" in line)
    with pytest.raises(YamlProblem) as problem:
        decode_bytes(texte.encode("utf-8"))
    assert problem.value.code == "YML005"
    assert (problem.value.line, problem.value.column) == (expected_line, 3)
