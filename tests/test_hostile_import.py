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

from acvkit.anct import import_limits, import_write
from tests.conftest import ValeurDeCellule, numeros_de_colonnes, run

XLSX = "anct/plan-action-ACV999.xlsx"
FA1 = "fiches/bethune/fa-1-places.yaml"
FA2 = "fiches/cabbalr/fa-2-velo.yaml"


@pytest.fixture
def classeur(positive: Path, tmp_path: Path) -> Path:
    result = run("build", "--data", str(positive), "--out", str(tmp_path / "out"), "-f", "xlsx")
    assert result.exit_code == 0, result.stderr
    return tmp_path / "out" / XLSX


def _textes(data: Path) -> dict[str, bytes]:
    return {p.relative_to(data).as_posix(): p.read_bytes() for p in sorted(data.rglob("*.yaml"))}


def _yaml(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def _modifie(
    source: Path,
    feuille: str,
    numero: int,
    entete: str,
    valeur: ValeurDeCellule,
    financeur: str = "",
) -> Path:
    wb = load_workbook(source)
    ws = wb[feuille]
    colonnes = numeros_de_colonnes(ws)
    trouve = False
    for ligne in range(2, ws.max_row + 1):
        if ws.cell(ligne, colonnes["N° fiche"]).value != numero:
            continue
        if financeur and ws.cell(ligne, colonnes["Financeur (identifiant)"]).value != financeur:
            continue
        ws.cell(ligne, colonnes[entete]).value = valeur
        trouve = True
    assert trouve
    cible = source.parent / "corrige.xlsx"
    wb.save(cible)
    return cible


def _importe(classeur: Path, data: Path, *, write: bool = True) -> tuple[int, str, str]:
    args = ["import", str(classeur), "--data", str(data)] + (["--write"] if write else [])
    result = run(*args)
    assert "Erreur interne" not in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


# --- Chaque colonne documentée est vraiment importée ------------------------------------------


@pytest.mark.parametrize(
    ("numero", "fichier", "entete", "valeur", "champ", "attendu"),
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
    classeur: Path,
    numero: int,
    fichier: str,
    entete: str,
    valeur: ValeurDeCellule,
    champ: tuple[str, ...],
    attendu: object,
) -> None:
    corrige = _modifie(classeur, "Actions", numero, entete, valeur)
    code, sortie, erreurs = _importe(corrige, positive)
    assert code == 0, sortie + erreurs
    lu = _yaml(positive / fichier)
    for cle in champ:
        lu = lu[cle]
    assert lu == attendu
    assert run("validate", "--data", str(positive)).exit_code == 0


def test_montant_de_financement_importe(positive: Path, classeur: Path) -> None:
    corrige = _modifie(classeur, "Financements", 2, "Montant", 90000, financeur="cabbalr")
    code, sortie, erreurs = _importe(corrige, positive)
    assert code == 0, sortie + erreurs
    assert _yaml(positive / FA2)["financements"][0]["montant"] == 90000


def test_aller_retour_sans_changement(positive: Path, classeur: Path) -> None:
    avant = _textes(positive)
    code, sortie, _ = _importe(classeur, positive)
    assert code == 0 and "Aucun changement" in sortie
    assert _textes(positive) == avant


# --- Une cellule douteuse est un diagnostic, jamais une suppression ---------------------------


@pytest.mark.parametrize(
    ("feuille", "entete", "valeur", "message", "financeur"),
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
    classeur: Path,
    feuille: str,
    entete: str,
    valeur: ValeurDeCellule,
    message: str,
    financeur: str,
) -> None:
    corrige = _modifie(classeur, feuille, 2, entete, valeur, financeur=financeur)
    if valeur == "#REF!":
        wb = load_workbook(corrige)
        ws = wb[feuille]
        colonnes = numeros_de_colonnes(ws)
        ws.cell(3, colonnes[entete]).data_type = "e"
        wb.save(corrige)
    avant = _textes(positive)
    for write in (False, True):
        code, _, erreurs = _importe(corrige, positive, write=write)
        assert code == 1
        ligne = 3 if feuille == "Actions" else 4  # FA 2 : 2e fiche, 3e ligne de financement
        assert f"{feuille}, ligne {ligne}, colonne « {entete} » : " in erreurs
        assert message in erreurs
        assert _textes(positive) == avant
    assert "total: 241501" in (positive / FA2).read_text(encoding="utf-8")


def test_lignes_en_double(positive: Path, classeur: Path) -> None:
    wb = load_workbook(classeur)
    for nom in ("Actions", "Financements"):
        ws = wb[nom]
        ws.append([c.value for c in ws[2]])
    wb.save(classeur.parent / "double.xlsx")
    avant = _textes(positive)
    code, _, erreurs = _importe(classeur.parent / "double.xlsx", positive)
    assert code == 1
    assert re.search(
        r"Actions, ligne \d+, colonne « N° fiche » : FA 1 en double \(déjà ligne 2\)", erreurs
    )
    assert re.search(
        r"Financements, ligne \d+, colonne « Financeur \(identifiant\) » : FA 1 × \S+ en double",
        erreurs,
    )
    assert _textes(positive) == avant


# --- Le résultat est validé en entier avant d'écrire ------------------------------------------


@pytest.mark.parametrize(
    ("numero", "fichier", "entete", "valeur", "code"),
    [
        (2, FA2, "Sous-axe", "4.9", "INT003"),
        (1, FA1, "Coût total", 1000, "MON001"),  # total plus bas que ses postes
    ],
)
def test_resultat_valide_avant_ecriture(
    positive: Path,
    classeur: Path,
    numero: int,
    fichier: str,
    entete: str,
    valeur: ValeurDeCellule,
    code: str,
) -> None:
    corrige = _modifie(classeur, "Actions", numero, entete, valeur)
    avant = _textes(positive)
    for write in (False, True):
        sortie, _, erreurs = _importe(corrige, positive, write=write)
        assert sortie == 1
        assert re.search(rf"{re.escape(str(positive / fichier))}:\d+:\d+: {code} ", erreurs), (
            erreurs
        )
        assert "rien n" in erreurs
        assert _textes(positive) == avant


# --- Tout ou rien ; fins de ligne gardées ------------------------------------------------------


def _deux_changements(classeur: Path) -> Path:
    corrige = _modifie(classeur, "Actions", 1, "Intitulé de l'action", "Places rénovées")
    return _modifie(corrige, "Actions", 2, "Intitulé de l'action", "Vélo partout")


def test_tout_ou_rien(positive: Path, classeur: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corrige = _deux_changements(classeur)
    avant = _textes(positive)
    original = import_write._remplacer
    appels = {"n": 0}

    def remplacer(prepare: Path, cible: Path) -> None:
        appels["n"] += 1
        if appels["n"] == 2:
            raise PermissionError(errno.EACCES, "Permission denied", str(cible))
        original(prepare, cible)

    monkeypatch.setattr(import_write, "_remplacer", remplacer)
    code, _, erreurs = _importe(corrige, positive)
    assert code == 1
    assert "permission refusée ; aucun fichier n'est modifié" in erreurs
    assert _textes(positive) == avant
    assert not list(positive.rglob("*.tmp"))


def test_fins_de_ligne_crlf_gardees(positive: Path, classeur: Path) -> None:
    for fichier in (FA1, FA2):
        chemin = positive / fichier
        chemin.write_bytes(chemin.read_bytes().replace(b"\n", b"\r\n"))
    code, _, erreurs = _importe(_deux_changements(classeur), positive)
    assert code == 0, erreurs
    for fichier in (FA1, FA2):
        brut = (positive / fichier).read_bytes()
        assert brut.count(b"\r\n") == brut.count(b"\n")
    assert "Vélo partout" in (positive / FA2).read_text(encoding="utf-8")


# --- Ressources bornées, classeur mal formé ----------------------------------------------------


def _reecrit(source: Path, cible: Path, remplace: dict[str, bytes | None]) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(cible, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            contenu = remplace.get(info.filename, zin.read(info))
            if info.filename in remplace and contenu is None:
                continue
            assert contenu is not None
            zout.writestr(info.filename, contenu)
    return cible


def _actions(classeur: Path) -> str:
    """Le chemin, dans l'archive, de la feuille « Actions » (lu dans xl/workbook.xml et ses
    relations : « Lisez-moi » est la première feuille, pas « Actions »)."""
    with zipfile.ZipFile(classeur) as z:
        classeur_xml = z.read("xl/workbook.xml").decode()
        relations = z.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(r'<sheet [^>]*name="Actions"[^>]*r:id="([^"]+)"', classeur_xml)
    assert rid
    cible = re.search(rf'<Relationship [^>]*Id="{rid.group(1)}"[^>]*/>', relations)
    assert cible
    chemin = re.search(r'Target="([^"]+)"', cible.group(0))
    assert chemin
    return "xl/" + chemin.group(1).removeprefix("/xl/")


def test_dimension_declaree_demesuree(positive: Path, classeur: Path) -> None:
    actions = _actions(classeur)
    with zipfile.ZipFile(classeur) as z:
        feuille = z.read(actions)
    feuille = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:Z200000"', feuille)
    gros = _reecrit(classeur, classeur.parent / "gros.xlsx", {actions: feuille})
    debut = time.perf_counter()
    code, _, erreurs = _importe(gros, positive)
    assert time.perf_counter() - debut < 5
    assert code == 1
    assert "déclare 200000 lignes" in erreurs and "refusé" in erreurs


def test_entree_decompressee_trop_grosse(
    positive: Path, classeur: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Une cellule de 400 Mo tient dans 400 Ko compressés : la taille décompressée est lue d'abord.
    actions = _actions(classeur)
    with zipfile.ZipFile(classeur) as z:
        feuille = z.read(actions)
    cellule = b'<c r="ZZ1" t="inlineStr"><is><t>' + b"a" * 2_000_000 + b"</t></is></c>"
    feuille = feuille.replace(b"</row>", cellule + b"</row>", 1)
    gros = _reecrit(classeur, classeur.parent / "gros.xlsx", {actions: feuille})
    assert gros.stat().st_size < 200_000
    monkeypatch.setattr(import_limits, "ENTREE_MAX", 1_000_000)
    code, _, erreurs = _importe(gros, positive)
    assert code == 1
    assert f"« {actions} » fait" in erreurs and "décompressé" in erreurs


def test_classeur_trop_gros(
    positive: Path, classeur: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(import_limits, "TAILLE_MAX", 1000)
    code, _, erreurs = _importe(classeur, positive)
    assert code == 1 and "classeur trop gros" in erreurs


@pytest.mark.parametrize(
    "remplace",
    [
        {"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row"},
        {"xl/styles.xml": None},
        {"xl/workbook.xml": b"pas du xml"},
    ],
)
def test_classeur_mal_forme(
    positive: Path, classeur: Path, remplace: dict[str, bytes | None]
) -> None:
    abime = _reecrit(classeur, classeur.parent / "abime.xlsx", remplace)
    code, _, erreurs = _importe(abime, positive)
    if code == 0:  # openpyxl se passe de styles : le classeur reste lisible, rien ne change
        assert "Aucun changement" in _importe(abime, positive)[1]
        return
    assert code == 1
    assert "classeur illisible (" in erreurs


def test_zip_tronque(positive: Path, classeur: Path) -> None:
    tronque = classeur.parent / "tronque.xlsx"
    tronque.write_bytes(classeur.read_bytes()[: classeur.stat().st_size // 2])
    code, _, erreurs = _importe(tronque, positive)
    assert code == 1 and "classeur illisible" in erreurs


def test_cellule_trop_longue(positive: Path, classeur: Path) -> None:
    # Excel et openpyxl n'écrivent pas plus de 32 767 caractères ; un XML fabriqué, si.
    actions = _actions(classeur)
    with zipfile.ZipFile(classeur) as z:
        feuille = z.read(actions)
    assert feuille.count(b"<t>Sch&#233;ma cyclable</t>") == 1
    feuille = feuille.replace(b"<t>Sch&#233;ma cyclable</t>", b"<t>" + b"a" * 40_000 + b"</t>")
    long = _reecrit(classeur, classeur.parent / "long.xlsx", {actions: feuille})
    avant = _textes(positive)
    code, _, erreurs = _importe(long, positive)
    assert code == 1
    assert (
        "Actions, ligne 3, colonne « Intitulé de l'action » : texte de 40000 caractères" in erreurs
    )
    assert _textes(positive) == avant


def test_apercu_sans_fausse_ligne(positive: Path, classeur: Path) -> None:
    # openpyxl refuse d'écrire un ESC ; un retour à la ligne suffit à forger une ligne.
    fausse = "data/programme.yaml:1:1: FAUX"
    corrige = _modifie(classeur, "Actions", 1, "Intitulé de l'action", f"Places\n{fausse}")
    _, sortie, erreurs = _importe(corrige, positive, write=False)
    assert not any(ligne.startswith(fausse) for ligne in (sortie + erreurs).splitlines())
    assert f"Places\\n{fausse}" in sortie
