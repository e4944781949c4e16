"""Le tableur ANCT : relu avec openpyxl, comparé cellule par cellule aux chiffres de l'agrégation."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from acvkit.anct.columns import MappingError, load_colonnes
from acvkit.anct.computed import COMPUTED_VALUES
from acvkit.anct.export.workbook import XlsxError, render_xlsx
from acvkit.annexes.assemble import build_annexes
from acvkit.annexes.formats import RenderInput
from acvkit.costs.aggregate import aggregate_dataset, reste_a_charge
from acvkit.costs.fiche import BaseMontant
from acvkit.loading.dataset import Dataset
from acvkit.loading.folder import load_folder
from tests.conftest import AVENANT, ROOT, edit

TEMPLATES = ROOT / "src" / "acvkit" / "templates"
COLONNES = TEMPLATES / "anct" / "colonnes.yaml"
XLSX_FILE = "anct/plan-action-ACV031.xlsx"


def _dataset(folder: Path) -> Dataset:
    result = load_folder(folder)
    assert not [d for d in result.diagnostics if d.severity.value == "error"], result.diagnostics
    return result.dataset


def _render(data: Dataset, templates: Path = TEMPLATES, commit: str | None = "abc123") -> bytes:
    inp = RenderInput(build_annexes(data, date(2026, 1, 1)), templates, data, commit)
    files = render_xlsx(inp)
    assert len(files) == 1
    return next(iter(files.values()))


def _workbook(content: bytes) -> Workbook:
    return load_workbook(io.BytesIO(content))


def _column(ws: Worksheet, champ: str, mapping: Path = COLONNES) -> int:
    """Le numéro (1…) de la colonne qui lit `champ`, d'après le fichier des colonnes."""
    colonnes = load_colonnes(mapping).colonnes
    index = next(i for i, c in enumerate(colonnes) if c.champ == champ)
    assert ws.cell(row=1, column=index + 1).value == colonnes[index].entete
    return index + 1


def _autofilter(ws: Worksheet, nom: str) -> str:
    """La plage filtrée de la feuille : celle de son unique tableau Excel `nom`, à ligne
    d'en-tête (un tableau porte son propre filtre ; la feuille n'en a pas d'autre)."""
    assert ws.auto_filter.ref is None
    assert list(ws.tables) == [nom]
    data_table = ws.tables[nom]
    assert data_table.headerRowCount == 1 and data_table.autoFilter is not None
    assert data_table.autoFilter.ref == data_table.ref
    # Les noms de colonnes du tableau sont les en-têtes écrits en ligne 1.
    assert [c.name for c in data_table.tableColumns] == [
        c.value
        for c in next(ws.iter_rows(min_row=1, max_row=1, max_col=len(data_table.tableColumns)))
    ]
    return str(data_table.ref)


def _cells(ws: Worksheet, column: int) -> list[Any]:
    """Les valeurs lues d'une colonne, de types variés (comme `_AnyCellValue` des stubs)."""
    return [ws.cell(row=r, column=column).value for r in range(2, ws.max_row + 1)]


@pytest.fixture(scope="module")
def data() -> Dataset:
    return _dataset(AVENANT)


@pytest.fixture(scope="module")
def content(data: Dataset) -> bytes:
    return _render(data)


@pytest.fixture(scope="module")
def wb(content: bytes) -> Workbook:
    return _workbook(content)


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    """Une copie modifiable des gabarits (et donc du fichier des colonnes)."""
    target = tmp_path / "templates"
    shutil.copytree(TEMPLATES, target)
    return target


# --- Le fichier et ses feuilles ----------------------------------------------------------------


def test_un_fichier_nomme_par_l_identifiant_anct(data: Dataset) -> None:
    inp = RenderInput(build_annexes(data, date(2026, 1, 1)), TEMPLATES, data, "abc123")
    assert list(render_xlsx(inp)) == [XLSX_FILE]


def test_feuilles(wb: Workbook) -> None:
    assert wb.sheetnames == [
        "Lisez-moi",
        "Actions",
        "Financements",
        "Synthèse",
        "Référentiel",
        "Indicateurs",
        "Listes",
    ]
    assert wb.active is not None and wb.active.title == "Lisez-moi"


def test_sans_donnees_lues(data: Dataset) -> None:
    inp = RenderInput(build_annexes(data, date(2026, 1, 1)), TEMPLATES, None, None)
    with pytest.raises(XlsxError, match="besoin des données lues"):
        render_xlsx(inp)


# --- Actions -----------------------------------------------------------------------------------


def test_une_ligne_d_en_tete_puis_une_ligne_par_fiche(wb: Workbook) -> None:
    ws = wb["Actions"]
    assert ws.max_row == 1 + 22
    entetes = [c.entete for c in load_colonnes(COLONNES).colonnes]
    assert [c.value for c in ws[1]] == entetes
    numeros = _cells(ws, _column(ws, "fiche.numero"))
    assert numeros == sorted(numeros)
    assert numeros[0] == 1 and numeros[-1] == 65
    # Aucune ligne de total : chaque ligne est une fiche.
    assert all(isinstance(n, int) for n in numeros)


def test_en_tete_fige_filtre_et_largeurs(wb: Workbook) -> None:
    ws = wb["Actions"]
    assert ws.freeze_panes == "F2"  # en-tête, et les colonnes jusqu'à l'intitulé de l'action
    largeur = len(load_colonnes(COLONNES).colonnes)
    last = ws.cell(row=1, column=largeur)
    assert isinstance(last, Cell)
    assert _autofilter(ws, "Actions") == f"A1:{last.column_letter}23"
    assert ws.column_dimensions["E"].width == 45  # « Intitulé de l'action »


def test_identifiant_collectivite_et_codes(wb: Workbook) -> None:
    ws = wb["Actions"]
    line = {ws.cell(row=r, column=4).value: r for r in range(2, ws.max_row + 1)}
    fa1, fa56 = line[1], line[56]
    assert ws.cell(row=fa1, column=1).value == "ACV031"
    code = _column(ws, "calcul.code_collectivite")
    assert ws.cell(row=fa1, column=code).value == "200072460"  # SIREN de la CABBALR
    assert ws.cell(row=fa56, column=code).value == "62178"  # INSEE de Bruay-La-Buissière
    assert ws.cell(row=fa56, column=code).data_type == "s"
    periode = _column(ws, "programme.periode")
    assert ws.cell(row=fa56, column=periode).value == "2023-2026"


def test_somme_des_couts_egale_a_l_agregation(wb: Workbook, data: Dataset) -> None:
    ws = wb["Actions"]
    total = aggregate_dataset(data, ("axe",)).total.cout
    couts = _cells(ws, _column(ws, "calcul.cout_total"))
    bases = _cells(ws, _column(ws, "calcul.base_cout"))
    by_base: dict[object, Decimal] = defaultdict(Decimal)
    for cout, base in zip(couts, bases, strict=True):
        if cout is not None:
            by_base[base] += Decimal(str(cout))
        else:
            assert base is None  # coût « à déterminer » : ni montant ni base
    assert sum(by_base.values()) == total.all_bases() == Decimal("17336454")
    assert dict(by_base) == {"HT": total.HT, "TTC": total.TTC, "non précisé": total.non_precise}


def test_etat_du_cout(wb: Workbook) -> None:
    ws = wb["Actions"]
    numeros = _cells(ws, _column(ws, "fiche.numero"))
    cout_states = dict(zip(numeros, _cells(ws, _column(ws, "calcul.etat_cout")), strict=True))
    couts = dict(zip(numeros, _cells(ws, _column(ws, "calcul.cout_total")), strict=True))
    assert cout_states[52] == "partiel" and couts[52] == 20000
    assert cout_states[53] == "à déterminer" and couts[53] is None
    assert cout_states[62] == "connu" and couts[62] == 970000


def test_financements_chiffres(wb: Workbook) -> None:
    # Les mots du glossaire : les partenaires d'un côté, l'argent du maître d'ouvrage de l'autre
    # (FA 48 : 42 800 € HT de la Ville de Béthune, qui en est le maître d'ouvrage).
    ws = wb["Actions"]
    montants = _cells(ws, _column(ws, "calcul.financements_partenaires"))
    assert sum(Decimal(str(m)) for m in montants if m is not None) == Decimal("573451.61")
    auto = _cells(ws, _column(ws, "calcul.autofinancement"))
    assert [Decimal(str(m)) for m in auto if m is not None] == [Decimal("42800")]
    fin = wb["Financements"]
    assert sum(Decimal(str(m)) for m in _cells(fin, 5) if m is not None) == Decimal("616251.61")


def test_financeurs_en_une_cellule(wb: Workbook) -> None:
    ws = wb["Actions"]
    numeros = _cells(ws, _column(ws, "fiche.numero"))
    textes = dict(zip(numeros, _cells(ws, _column(ws, "calcul.financeurs")), strict=True))
    spaces = {ord("\u202f"): " ", ord("\u00a0"): " "}
    assert str(textes[56]).translate(spaces) == (
        "Communauté d'Agglomération de Béthune-Bruay, Artois Lys Romane : 100 625,61 €"
    )
    assert str(textes[48]).translate(spaces) == "Ville de Béthune : 42 800 € HT (autofinancement)"
    assert textes[60] == (
        "Région Hauts-de-France ; Fonds européen de développement régional ; "
        "Département du Pas-de-Calais"
    )
    assert textes[41] == "A déterminer"


def test_reste_a_charge(wb: Workbook, data: Dataset) -> None:
    ws = wb["Actions"]
    numeros = _cells(ws, _column(ws, "fiche.numero"))
    restes = dict(zip(numeros, _cells(ws, _column(ws, "calcul.reste_a_charge")), strict=True))
    for entry in data.fiches:
        expected = reste_a_charge(entry.model)
        actual = restes[entry.model.numero]
        assert (None if actual is None else Decimal(str(actual))) == expected
    assert Decimal(str(restes[56])) == Decimal("140875.39")


def test_montants_en_nombres_au_format_euros(wb: Workbook) -> None:
    ws = wb["Actions"]
    for champ in ("calcul.cout_total", "calcul.financements_partenaires", "calcul.reste_a_charge"):
        column = _column(ws, champ)
        cells = [ws.cell(row=r, column=column) for r in range(2, ws.max_row + 1)]
        nonempty = [c for c in cells if c.value is not None]
        assert nonempty, champ
        for cell in nonempty:
            assert cell.data_type == "n", (champ, cell.coordinate, cell.value)
            assert cell.number_format == '#,##0.00 "€"'
    fin = wb["Financements"]
    assert all(fin.cell(row=r, column=5).data_type == "n" for r in range(2, fin.max_row + 1))


def test_annees_et_dates_telles_qu_ecrites(wb: Workbook) -> None:
    ws = wb["Actions"]
    numeros = _cells(ws, _column(ws, "fiche.numero"))

    def per_fiche(champ: str) -> dict[object, object]:
        return dict(zip(numeros, _cells(ws, _column(ws, champ)), strict=True))

    lancement, livraison = per_fiche("calcul.lancement"), per_fiche("calcul.livraison")
    debut, fin = per_fiche("calcul.annee_debut"), per_fiche("calcul.annee_fin")
    assert (lancement[62], livraison[62], debut[62], fin[62]) == (
        "T1 2025",
        "2027-2029",
        2025,
        2029,
    )
    assert lancement[53] == "2024" and livraison[53] == "2024 -2025"
    # FA 48 est datée par phases.
    assert lancement[48] == "Enquête publique : 2022\nEtude urbaine et architecturale : Mai 2023"
    assert (debut[48], fin[48]) == (2022, 2023)
    assert (debut[61], fin[61]) == (None, None)


def test_listes_dans_une_cellule(wb: Workbook) -> None:
    ws = wb["Actions"]
    numeros = _cells(ws, _column(ws, "fiche.numero"))
    objectifs = dict(zip(numeros, _cells(ws, _column(ws, "calcul.objectifs")), strict=True))
    lines = str(objectifs[62]).split("\n")
    assert lines[0].startswith("Dans cette étude")  # la phrase d'introduction
    assert lines[1] == "Requalifier l’aménagement urbain (qualité, fonctionnalité, accessibilité)"
    indicateurs = dict(zip(numeros, _cells(ws, _column(ws, "calcul.indicateurs")), strict=True))
    texte = str(indicateurs[62])
    assert texte.startswith("Indicateurs d'avancement :\nPour chaque espace à aménager :\n")
    assert "Indicateurs de résultat :\n" in texte
    assert "\n– Présence du végétal" in texte


# --- Textes : jamais des formules ----------------------------------------------------------------


def test_un_titre_qui_ressemble_a_une_formule_reste_du_texte(
    positive: Path, templates: Path
) -> None:
    formula = '=HYPERLINK("http://x","y")'
    edit(
        positive / "fiches" / "bethune" / "fa-1-places.yaml",
        "titre: Aménagement des places",
        'titre: \'=HYPERLINK("http://x","y")\'',
    )
    edit(
        positive / "fiches" / "cabbalr" / "fa-2-velo.yaml",
        "titre: ",
        "titre: '@SUM(A1)' # ",
    )
    content = _render(_dataset(positive), templates)
    ws = _workbook(content)["Actions"]
    titre = _column(ws, "fiche.titre")
    cell = ws.cell(row=2, column=titre)
    assert cell.value == formula
    assert cell.data_type == "s"
    assert cell.quotePrefix
    autre = ws.cell(row=3, column=titre)
    assert (autre.value, autre.data_type) == ("@SUM(A1)", "s")
    # Dans le fichier même : aucune formule, nulle part.
    archive = zipfile.ZipFile(io.BytesIO(content))
    for name in archive.namelist():
        if name.startswith("xl/worksheets/"):
            assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)


def test_un_caractere_de_controle_est_une_erreur_claire(positive: Path) -> None:
    edit(
        positive / "fiches" / "bethune" / "fa-1-places.yaml",
        "titre: Aménagement des places",
        'titre: "Aménagement\\x01des places"',
    )
    # La validation le refuse déjà (YML014) ; le tableur garde sa propre défense.
    result = load_folder(positive)
    assert [d.code for d in result.diagnostics if d.severity.value == "error"] == ["YML014"]
    with pytest.raises(
        XlsxError, match=r"FA 1, colonne « Intitulé de l'action » : caractère de contrôle U\+0001"
    ):
        _render(result.dataset)


# --- Listes déroulantes -------------------------------------------------------------------------


def test_listes_masquees_et_validations(wb: Workbook) -> None:
    lists = wb["Listes"]
    assert lists.sheet_state == "hidden"
    ws = wb["Actions"]
    validations = ws.data_validations.dataValidation
    assert len(validations) == 3
    expected = {
        "calcul.type": ["Étude", "Action"],
        "calcul.statut": [
            "À engager",
            "En cours",
            "En cours – financée",
            "Livrée",
            "Abandonnée",
        ],
        "fiche.sous_axe": [
            *("1.2", "1.6", "2.2", "2.4", "2.5", "2.6", "3.1", "3.3", "3.4"),
            *("3.6", "4.1", "4.2", "4.3", "4.4", "5.2"),
        ],
    }
    for champ, valeurs in expected.items():
        entete = ws.cell(row=1, column=_column(ws, champ))
        assert isinstance(entete, Cell)
        letter = entete.column_letter
        rule = next(v for v in validations if str(v.sqref).startswith(f"{letter}2:"))
        assert rule.type == "list"
        formula = str(rule.formula1)
        # Une plage de la feuille « Listes », jamais une liste écrite dans la règle.
        match = re.fullmatch(r"'Listes'!\$([A-Z])\$2:\$\1\$(\d+)", formula)
        assert match, formula
        cells = lists[f"{match.group(1)}2:{match.group(1)}{match.group(2)}"]
        assert [line[0].value for line in cells] == valeurs
        assert str(rule.sqref) == f"{letter}2:{letter}123"


# --- Financements, Synthèse, Référentiel, Lisez-moi ------------------------------------------------


def test_financements_une_ligne_par_fiche_et_financeur(wb: Workbook, data: Dataset) -> None:
    ws = wb["Financements"]
    expected = sum(len(e.model.financements or []) for e in data.fiches)
    assert ws.max_row == 1 + expected == 18
    assert [c.value for c in ws[1]] == [
        "N° fiche",
        "Intitulé de l'action",
        "Financeur (identifiant)",
        "Financeur",
        "Montant",
        "Base",
        "Nature",
        "Taux (% du coût)",
        "Cofinanceurs",
        "Note",
        # La vie du financement (suivi) : vide dans l'avenant tel que signé.
        "Statut du financement",
        "Montant demandé",
        "Montant attribué",
        "Montant versé",
        "Date d'attribution",
        "Référence",
    ]
    lines = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    opah = [1, "Suivi et animation de l'OPAH-RU", "anah", "Agence nationale de l'habitat"]
    # Sans montant ni base : vide ; la nature, celle du glossaire (subvention par défaut).
    assert [*opah, None, None, "subvention", None, None, None, *[None] * 6] in lines
    assert lines[8][:3] == [56, "Aménagement de la rue Hermant", "cabbalr"]
    assert Decimal(str(lines[8][4])) == Decimal("100625.61")
    assert lines[8][5] == "non précisé"
    assert (
        ws.freeze_panes == "C2" and _autofilter(ws, "Financements") == "A1:P18"
    )  # N° fiche et intitulé


def _synthese_table(ws: Worksheet, titre: str) -> list[list[object]]:
    debut = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == titre)
    lines: list[list[object]] = []
    for r in range(debut + 2, ws.max_row + 1):
        line: list[object] = [ws.cell(row=r, column=c).value for c in range(1, 8)]
        lines.append(line)
        if line[0] == "Total":
            break
    return lines


@pytest.mark.parametrize(
    ("titre", "dimension"), [("Coûts par axe", "axe"), ("Coûts par collectivité", "collectivite")]
)
def test_synthese_par_base_avec_totaux(
    wb: Workbook, data: Dataset, titre: str, dimension: str
) -> None:
    agregat = aggregate_dataset(data, (dimension,))
    lines = _synthese_table(wb["Synthèse"], titre)
    assert [line[0] for line in lines] == [g.libelle[0] for g in agregat.groupes] + ["Total"]
    for line, groupe in zip(lines, [*agregat.groupes, agregat.total], strict=True):
        assert line[1] == len(groupe.fiches)
        # Une base où aucun coût n'est chiffré : cellule vide, jamais un 0.
        assert line[2:5] == [
            groupe.cout.get(b) if b in groupe.cout.seen else None for b in BaseMontant
        ]
    assert lines[-1][2:5] == [9535500, 2085686, 5715268]


def test_synthese_graphiques(wb: Workbook, content: bytes) -> None:
    charts = wb["Synthèse"]._charts  # type: ignore[attr-defined]  # absent des stubs d'openpyxl
    assert len(charts) == 2
    # Bases côte à côte, jamais empilées ; le premier groupe (axe 1) en haut.
    assert all(c.tagname == "barChart" and c.grouping == "clustered" for c in charts)
    assert all(c.x_axis.scaling.orientation == "maxMin" for c in charts)
    archive = zipfile.ZipFile(io.BytesIO(content))
    xml = [archive.read(n) for n in archive.namelist() if n.startswith("xl/charts/chart")]
    assert len(xml) == 2
    assert all(b"<barChart>" in x and "'Synthèse'!$C$".encode() in x for x in xml)


def test_referentiel(wb: Workbook, data: Dataset) -> None:
    ws = wb["Référentiel"]
    lines = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    codes = [line[0] for line in lines]
    assert codes[:3] == ["1", "1.2", "1.6"] and codes[-1] == "transversal"
    assert ["4.2", "sous-axe", "Requalification de l'espace public"] in lines
    assert len(lines) == len(data.axes) + len(data.sous_axes())


def test_lisez_moi(wb: Workbook) -> None:
    ws = wb["Lisez-moi"]
    valeurs = {row[0].value: row[1].value for row in ws.iter_rows()}
    assert valeurs["Source"] == (
        "Avenant n°2 à la convention cadre pluriannuelle Action Cœur de Ville de Béthune et "
        "Bruay-La-Buissière – Mise en œuvre du programme pour la période 2023-2026"
    )
    assert valeurs["Avenant"] == "n°2"
    assert valeurs["Données (commit)"] == "abc123"
    assert valeurs["Généré le"] == "1er janvier 2026"
    assert valeurs["Période du programme"] == "2023-2026 (du 1er janvier 2024 au 31 décembre 2026)"
    assert valeurs["Nombre de fiches action"] == 22
    assert valeurs["Nombre de financements"] == 17
    assert valeurs["dont avec un montant"] == 5
    assert valeurs["Réimporter"] == "acv import FICHIER.xlsx --data data, puis --write pour écrire"


def test_hors_git(data: Dataset) -> None:
    ws = _workbook(_render(data, commit=None))["Lisez-moi"]
    valeurs = {row[0].value: row[1].value for row in ws.iter_rows()}
    assert valeurs["Données (commit)"] == "hors git"


# --- Déterminisme -------------------------------------------------------------------------------


def test_proprietes_fixes_et_octets_stables(data: Dataset, content: bytes) -> None:
    wb = _workbook(content)
    assert wb.properties.creator == "acvkit"
    assert wb.properties.created == datetime(2000, 1, 1)
    assert wb.properties.modified == datetime(2000, 1, 1)
    first, second = (
        zipfile.ZipFile(io.BytesIO(content)),
        zipfile.ZipFile(io.BytesIO(_render(data))),
    )
    assert first.namelist() == second.namelist()
    for name in first.namelist():
        assert first.read(name) == second.read(name), name
    assert b"2000-01-01T00:00:00Z" in first.read("docProps/core.xml")


# --- Le fichier des colonnes ---------------------------------------------------------------------


def test_chaque_valeur_calculee_est_documentee() -> None:
    entete = COLONNES.read_text(encoding="utf-8").split("\ncolonnes:")[0]
    for nom in COMPUTED_VALUES:
        assert re.search(rf"^#\s+{nom}\b", entete, re.MULTILINE), nom


def test_changer_un_en_tete_change_le_tableur(data: Dataset, templates: Path) -> None:
    edit(templates / "anct" / "colonnes.yaml", "entete: Coût total", "entete: Montant du projet")
    ws = _workbook(_render(data, templates))["Actions"]
    entetes = [c.value for c in ws[1]]
    assert "Montant du projet" in entetes and "Coût total" not in entetes


def test_colonne_de_date(data: Dataset, templates: Path) -> None:
    mapping = templates / "anct" / "colonnes.yaml"
    with mapping.open("a", encoding="utf-8") as f:
        f.write("  - {entete: Début, champ: fiche.debut, type: date}\n")
        f.write(
            "  - {entete: SIREN de l'EPCI, champ: programme.territoire.epci.siren, type: texte}\n"
        )
    ws = _workbook(_render(data, templates))["Actions"]
    debut = _column(ws, "fiche.debut", mapping)
    assert ws.cell(row=2, column=debut).value == datetime(2022, 10, 1)  # FA 1 : T4 2022
    cell = ws.cell(row=2, column=debut)
    assert isinstance(cell, Cell) and cell.is_date
    siren = _column(ws, "programme.territoire.epci.siren", mapping)
    assert ws.cell(row=2, column=siren).value == "200072460"


@pytest.mark.parametrize(
    ("before", "after", "message"),
    [
        (
            "champ: fiche.titre",
            "champ: fiche.titr",
            "colonne 5 « Intitulé de l'action » : champ inconnu « fiche.titr » (« titr » n'est "
            "pas un champ de Fiche : vouliez-vous dire « titre » ?)",
        ),
        (
            "champ: calcul.cout_total",
            "champ: calcul.cout",
            "colonne 14 « Coût total » : champ inconnu « calcul.cout » (« cout » n'est pas une "
            "valeur calculée : vouliez-vous dire « cout_total » ?)",
        ),
        (
            "champ: fiche.titre",
            "champ: titre",
            "colonne 5 « Intitulé de l'action » : champ inconnu « titre »",
        ),
        (
            "champ: programme.periode",
            "champ: programme.territoire",
            "colonne 27 « Période du programme » : champ inconnu « programme.territoire » "
            "(il désigne un ensemble de champs",
        ),
        (
            "champ: calcul.cout_total",
            "champ: fiche.titre",
            "colonne 14 « Coût total » : le champ « fiche.titre » donne du texte, il ne peut pas "
            "remplir une colonne de type montant",
        ),
        (
            "    type: montant\n    format",
            "    type: euros\n    format",
            "colonne 14 « Coût total » : type « euros » inconnu (possibles : texte, entier, "
            "montant, date, liste)",
        ),
        ("    largeur: 10\n", "    largeur: 10\n    couleur: rouge\n", "clé inconnue « couleur »"),
        (
            "entete: Coût total",
            "entete: Statut",
            "colonne 25 « Statut » : en-tête en double",
        ),
    ],
)
def test_colonnes_fausses(
    data: Dataset, templates: Path, before: str, after: str, message: str
) -> None:
    edit(templates / "anct" / "colonnes.yaml", before, after)
    with pytest.raises(MappingError) as exc:
        _render(data, templates)
    assert message in str(exc.value)


def test_colonnes_absentes(data: Dataset, tmp_path: Path) -> None:
    with pytest.raises(MappingError, match="colonnes du tableur ANCT introuvables"):
        _render(data, tmp_path)
