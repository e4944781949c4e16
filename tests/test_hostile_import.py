"""`acv import` hostile ou maladroit : rien de perdu, rien de corrompu, tout ou rien d'écrit.

Le tableur est celui qu'`acv build` produit pour le jeu `positive` (FA 1 en ligne 2, FA 2 en
ligne 3 de « Actions ») ; chaque test le modifie comme le ferait un partenaire.
"""

from __future__ import annotations

import errno
import re
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from ruamel.yaml import YAML

from acvkit.anct.importing import limits as import_limits
from tests.conftest import CellValue, column_numbers, run

XLSX = "anct/plan-action-ACV031.xlsx"
FA1 = "fiches/bethune/fa-1-places.yaml"
FA2 = "fiches/cabbalr/fa-2-velo.yaml"


@pytest.fixture
def workbook(positive: Path, tmp_path: Path) -> Path:
    result = run("build", "--data", str(positive), "--out", str(tmp_path / "out"), "-f", "xlsx")
    assert result.exit_code == 0, result.stderr
    return tmp_path / "out" / XLSX


def _texts(data: Path) -> dict[str, bytes]:
    return {p.relative_to(data).as_posix(): p.read_bytes() for p in sorted(data.rglob("*.yaml"))}


def _yaml(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def _edit_workbook(
    source: Path,
    sheet: str,
    numero: int,
    entete: str,
    valeur: CellValue,
    financeur: str = "",
) -> Path:
    wb = load_workbook(source)
    ws = wb[sheet]
    colonnes = column_numbers(ws)
    hit = False
    for line in range(2, ws.max_row + 1):
        if ws.cell(line, colonnes["N° fiche"]).value != numero:
            continue
        if financeur and ws.cell(line, colonnes["Financeur (identifiant)"]).value != financeur:
            continue
        ws.cell(line, colonnes[entete]).value = valeur
        hit = True
    assert hit
    cible = source.parent / "corrige.xlsx"
    wb.save(cible)
    return cible


def _run_import(workbook: Path, data: Path, *, write: bool = True) -> tuple[int, str, str]:
    args = ["import", str(workbook), "--data", str(data)] + (["--write"] if write else [])
    result = run(*args)
    assert "Erreur interne" not in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


# --- Chaque colonne documentée est vraiment importée ------------------------------------------


@pytest.mark.parametrize(
    ("numero", "file", "entete", "valeur", "champ", "expected"),
    [
        (1, FA1, "Intitulé de l'action", "Places rénovées", ("titre",), "Places rénovées"),
        (2, FA2, "Sous-axe", "4.2", ("sous_axe",), "4.2"),
        (1, FA1, "Description", "Une autre étude.", ("description",), "Une autre étude."),
        (1, FA1, "Date de lancement", "T2 2025", ("lancement",), "T2 2025"),
        (1, FA1, "Date de livraison", "Fin 2027", ("livraison",), "Fin 2027"),
        (2, FA2, "Coût total", 250000, ("cout", "total"), 250000),
    ],
)
def test_chaque_colonne_importee(
    positive: Path,
    workbook: Path,
    numero: int,
    file: str,
    entete: str,
    valeur: CellValue,
    champ: tuple[str, ...],
    expected: object,
) -> None:
    corrected = _edit_workbook(workbook, "Actions", numero, entete, valeur)
    code, output, errors = _run_import(corrected, positive)
    assert code == 0, output + errors
    read_result = _yaml(positive / file)
    for key in champ:
        read_result = read_result[key]
    assert read_result == expected
    assert run("validate", "--data", str(positive)).exit_code == 0


def test_montant_de_financement_importe(positive: Path, workbook: Path) -> None:
    corrected = _edit_workbook(workbook, "Financements", 2, "Montant", 90000, financeur="cabbalr")
    code, output, errors = _run_import(corrected, positive)
    assert code == 0, output + errors
    assert _yaml(positive / FA2)["financements"][0]["montant"] == 90000


def test_aller_retour_sans_changement(positive: Path, workbook: Path) -> None:
    before = _texts(positive)
    code, output, _ = _run_import(workbook, positive)
    assert code == 0 and "Aucun changement" in output
    assert _texts(positive) == before


# --- Une cellule douteuse est un diagnostic, jamais une suppression ---------------------------


@pytest.mark.parametrize(
    ("sheet", "entete", "valeur", "message", "financeur"),
    [
        ("Actions", "Coût total", "=SUM(1;2)", "formule", ""),
        ("Actions", "Coût total", "#REF!", "valeur d'erreur", ""),
        ("Actions", "Coût total", None, "cellule vidée", ""),
        ("Actions", "Coût total", -5, "montant négatif", ""),
        ("Actions", "Coût total", 10**20, "montant démesuré", ""),
        ("Actions", "Coût total", 1e300, "montant démesuré", ""),
        ("Actions", "Coût total", 12.345, "plus de deux décimales", ""),
        ("Actions", "Intitulé de l'action", None, "cellule vidée", ""),
        ("Actions", "Intitulé de l'action", '=HYPERLINK("x")', "formule", ""),
        ("Financements", "Montant", None, "cellule vidée", "cabbalr"),
        ("Financements", "Montant", "=1", "formule", "cabbalr"),
        ("Financements", "Montant", -1, "montant négatif", "cabbalr"),
    ],
)
def test_cellule_douteuse(
    positive: Path,
    workbook: Path,
    sheet: str,
    entete: str,
    valeur: CellValue,
    message: str,
    financeur: str,
) -> None:
    corrected = _edit_workbook(workbook, sheet, 2, entete, valeur, financeur=financeur)
    if valeur == "#REF!":
        wb = load_workbook(corrected)
        ws = wb[sheet]
        colonnes = column_numbers(ws)
        ws.cell(3, colonnes[entete]).data_type = "e"
        wb.save(corrected)
    before = _texts(positive)
    for write in (False, True):
        code, _, errors = _run_import(corrected, positive, write=write)
        assert code == 1
        line = 3 if sheet == "Actions" else 4  # FA 2 : 2e fiche, 3e ligne de financement
        assert f"{sheet}, ligne {line}, colonne « {entete} » : " in errors
        assert message in errors
        assert _texts(positive) == before
    assert "total: 241501" in (positive / FA2).read_text(encoding="utf-8")


def test_lignes_en_double(positive: Path, workbook: Path) -> None:
    wb = load_workbook(workbook)
    for nom in ("Actions", "Financements"):
        ws = wb[nom]
        ws.append([c.value for c in ws[2]])
    wb.save(workbook.parent / "double.xlsx")
    before = _texts(positive)
    code, _, errors = _run_import(workbook.parent / "double.xlsx", positive)
    assert code == 1
    assert re.search(
        r"Actions, ligne \d+, colonne « N° fiche » : FA 1 en double \(déjà ligne 2\)", errors
    )
    assert re.search(
        r"Financements, ligne \d+, colonne « Financeur \(identifiant\) » : FA 1 × \S+ en double",
        errors,
    )
    assert _texts(positive) == before


# --- Le résultat est validé en entier avant d'écrire ------------------------------------------


@pytest.mark.parametrize(
    ("numero", "file", "entete", "valeur", "code"),
    [
        (1, FA1, "Coût total", 1000, "MON001"),  # total plus bas que ses postes
    ],
)
def test_resultat_valide_avant_ecriture(
    positive: Path,
    workbook: Path,
    numero: int,
    file: str,
    entete: str,
    valeur: CellValue,
    code: str,
) -> None:
    corrected = _edit_workbook(workbook, "Actions", numero, entete, valeur)
    before = _texts(positive)
    for write in (False, True):
        output, _, errors = _run_import(corrected, positive, write=write)
        assert output == 1
        assert re.search(rf"{re.escape(str(positive / file))}:\d+:\d+: {code} ", errors), errors
        assert "rien n" in errors
        assert _texts(positive) == before


# --- Tout ou rien ; fins de ligne gardées ------------------------------------------------------


def _two_changes(workbook: Path) -> Path:
    corrected = _edit_workbook(workbook, "Actions", 1, "Intitulé de l'action", "Places rénovées")
    return _edit_workbook(corrected, "Actions", 2, "Intitulé de l'action", "Vélo partout")


def test_tout_ou_rien(positive: Path, workbook: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corrected = _two_changes(workbook)
    before = _texts(positive)
    original = Path.replace
    calls = {"n": 0}

    def replace(prepare: Path, cible: Path) -> Path:
        if prepare.name.endswith(".yaml.acv-nouveau"):
            calls["n"] += 1
            if calls["n"] == 2:
                raise PermissionError(errno.EACCES, "Permission denied", str(cible))
        return original(prepare, cible)

    monkeypatch.setattr(Path, "replace", replace)
    code, _, errors = _run_import(corrected, positive)
    assert code == 2
    assert "permission refusée ; aucun fichier n'est modifié" in errors
    assert _texts(positive) == before
    assert not [p for p in positive.rglob("*") if p.name.endswith((".tmp", ".acv-nouveau"))]


def test_fins_de_ligne_crlf_gardees(positive: Path, workbook: Path) -> None:
    for file in (FA1, FA2):
        path = positive / file
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    code, _, errors = _run_import(_two_changes(workbook), positive)
    assert code == 0, errors
    for file in (FA1, FA2):
        raw = (positive / file).read_bytes()
        assert raw.count(b"\r\n") == raw.count(b"\n")
    assert "Vélo partout" in (positive / FA2).read_text(encoding="utf-8")


# --- Ressources bornées, classeur mal formé ----------------------------------------------------


def _rewrite_zip(source: Path, cible: Path, replaced: dict[str, bytes | None]) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(cible, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            content = replaced.get(info.filename, zin.read(info))
            if info.filename in replaced and content is None:
                continue
            assert content is not None
            zout.writestr(info.filename, content)
    return cible


def _actions(workbook: Path) -> str:
    """Le chemin, dans l'archive, de la feuille « Actions » (lu dans xl/workbook.xml et ses
    relations : « Lisez-moi » est la première feuille, pas « Actions »)."""
    with zipfile.ZipFile(workbook) as z:
        workbook_xml = z.read("xl/workbook.xml").decode()
        relations = z.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(r'<sheet [^>]*name="Actions"[^>]*r:id="([^"]+)"', workbook_xml)
    assert rid
    cible = re.search(rf'<Relationship [^>]*Id="{rid.group(1)}"[^>]*/>', relations)
    assert cible
    path = re.search(r'Target="([^"]+)"', cible.group(0))
    assert path
    return "xl/" + path.group(1).removeprefix("/xl/")


def test_dimension_declaree_demesuree(positive: Path, workbook: Path) -> None:
    actions = _actions(workbook)
    with zipfile.ZipFile(workbook) as z:
        sheet = z.read(actions)
    sheet = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:Z200000"', sheet)
    big_workbook = _rewrite_zip(workbook, workbook.parent / "gros.xlsx", {actions: sheet})
    debut = time.perf_counter()
    code, _, errors = _run_import(big_workbook, positive)
    assert time.perf_counter() - debut < 5
    assert code == 1
    assert "déclare 200000 lignes" in errors and "refusé" in errors


def test_entree_decompressee_trop_grosse(
    positive: Path, workbook: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Une cellule de 400 Mo tient dans 400 Ko compressés : la taille décompressée est lue d'abord.
    actions = _actions(workbook)
    with zipfile.ZipFile(workbook) as z:
        sheet = z.read(actions)
    cell = b'<c r="ZZ1" t="inlineStr"><is><t>' + b"a" * 2_000_000 + b"</t></is></c>"
    sheet = sheet.replace(b"</row>", cell + b"</row>", 1)
    big_workbook = _rewrite_zip(workbook, workbook.parent / "gros.xlsx", {actions: sheet})
    assert big_workbook.stat().st_size < 200_000
    monkeypatch.setattr(import_limits, "ENTRY_BYTES_MAX", 1_000_000)
    code, _, errors = _run_import(big_workbook, positive)
    assert code == 1
    assert f"« {actions} » fait" in errors and "décompressé" in errors


def test_classeur_trop_gros(
    positive: Path, workbook: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(import_limits, "SIZE_MAX", 1000)
    code, _, errors = _run_import(workbook, positive)
    assert code == 1 and "classeur trop gros" in errors


@pytest.mark.parametrize(
    "replaced",
    [
        {"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row"},
        {"xl/styles.xml": None},
        {"xl/workbook.xml": b"pas du xml"},
    ],
)
def test_classeur_mal_forme(
    positive: Path, workbook: Path, replaced: dict[str, bytes | None]
) -> None:
    damaged = _rewrite_zip(workbook, workbook.parent / "abime.xlsx", replaced)
    code, _, errors = _run_import(damaged, positive)
    if code == 0:  # openpyxl se passe de styles : le classeur reste lisible, rien ne change
        assert "Aucun changement" in _run_import(damaged, positive)[1]
        return
    assert code == 1
    assert "classeur illisible (" in errors


def test_zip_tronque(positive: Path, workbook: Path) -> None:
    truncated = workbook.parent / "tronque.xlsx"
    truncated.write_bytes(workbook.read_bytes()[: workbook.stat().st_size // 2])
    code, _, errors = _run_import(truncated, positive)
    assert code == 1 and "classeur illisible" in errors


def test_cellule_trop_longue(positive: Path, workbook: Path) -> None:
    # Excel et openpyxl n'écrivent pas plus de 32 767 caractères ; un XML fabriqué, si.
    actions = _actions(workbook)
    with zipfile.ZipFile(workbook) as z:
        sheet = z.read(actions)
    assert sheet.count(b"<t>Sch&#233;ma cyclable</t>") == 1
    sheet = sheet.replace(b"<t>Sch&#233;ma cyclable</t>", b"<t>" + b"a" * 40_000 + b"</t>")
    long_text = _rewrite_zip(workbook, workbook.parent / "long.xlsx", {actions: sheet})
    before = _texts(positive)
    code, _, errors = _run_import(long_text, positive)
    assert code == 1
    assert (
        "Actions, ligne 3, colonne « Intitulé de l'action » : texte de 40000 caractères" in errors
    )
    assert _texts(positive) == before


def test_apercu_sans_fausse_ligne(positive: Path, workbook: Path) -> None:
    # openpyxl refuse d'écrire un ESC ; un retour à la ligne suffit à forger une ligne.
    fake_line = "data/programme.yaml:1:1: FAUX"
    corrected = _edit_workbook(
        workbook, "Actions", 1, "Intitulé de l'action", f"Places\n{fake_line}"
    )
    _, output, errors = _run_import(corrected, positive, write=False)
    assert not any(line.startswith(fake_line) for line in (output + errors).splitlines())
    assert f"Places\\n{fake_line}" in output
