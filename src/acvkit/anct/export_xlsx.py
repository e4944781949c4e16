"""Le tableur du plan d'action pour la plateforme de recensement de l'ANCT (article 4 de l'avenant), avec openpyxl.

Feuilles : « Actions » (une ligne par fiche, colonnes lues dans templates/anct/colonnes.yaml),
« Financements » (une ligne par fiche et financeur), « Synthèse » (coûts par axe et par
collectivité, HT / TTC / non précisé, avec graphiques), « Référentiel » (axes et sous-axes),
« Lisez-moi » (la première), et « Listes », masquée, qui porte les valeurs des listes déroulantes.

Les montants sont des nombres (Decimal), jamais du texte ; un texte n'est jamais une formule,
même s'il commence par « = ». Aucune date du jour : les propriétés du classeur sont fixes.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from acvkit.anct.columns import (
    LISTES_FIXES,
    ColonnesAnct,
    Contexte,
    MappingError,
    Valeur,
    load_colonnes,
    valeur,
)
from acvkit.anct.suivi import ENTETES_CYCLE, STATUTS_FINANCEMENT
from acvkit.anct.xlsx_cells import (
    ENTETE_FONT,
    FORMAT_EUROS,
    HAUT,
    HAUT_RENVOI,
    TITRE_FONT,
    Styles,
)
from acvkit.anct.xlsx_cells import ecrire as _ecrire
from acvkit.anct.xlsx_cells import ecrire_entetes as _entetes
from acvkit.anct.xlsx_cells import numeros as _numeros
from acvkit.anct.xlsx_graphiques import motifs_des_series
from acvkit.annexes.formats import RenderInput
from acvkit.costs.aggregate import Agregat, aggregate_dataset, base_financement
from acvkit.costs.fiche import BaseMontant
from acvkit.errors import XlsxError as XlsxError
from acvkit.loading.dataset import Dataset
from acvkit.models import Fiche, Programme

# Les propriétés du classeur ne portent jamais « maintenant » : mêmes données, mêmes octets.
DATE_FIXE = datetime(2000, 1, 1)
# Les listes déroulantes couvrent aussi des lignes vides sous les fiches, pour en ajouter.
LIGNES_DE_SAISIE = 100
ID_ANCT = re.compile(r"^[A-Za-z0-9_-]+$")


def _largeurs(ws: Worksheet, largeurs: Sequence[float | None]) -> None:
    for numero, largeur in enumerate(largeurs, start=1):
        if largeur is not None:
            ws.column_dimensions[get_column_letter(numero)].width = largeur


def _tableau(ws: Worksheet, colonnes: int, lignes: int) -> None:
    """En-tête figé ; la plage utilisée est un tableau Excel nommé comme la feuille (sans
    accent), à ligne d'en-tête et filtre : un lecteur d'écran annonce les en-têtes de colonne.
    Un tableau a au moins une ligne sous son en-tête, même vide."""
    ws.freeze_panes = "A2"
    plage = f"A1:{get_column_letter(colonnes)}{max(lignes, 2)}"
    nom = unicodedata.normalize("NFKD", ws.title).encode("ascii", "ignore").decode()
    tableau = Table(displayName=nom, ref=plage, headerRowCount=1)
    tableau.autoFilter = AutoFilter(ref=plage)
    tableau.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=False)
    ws.add_table(tableau)


# --- Feuille « Listes » (masquée) ----------------------------------------------------------------


@dataclass(frozen=True)
class Listes:
    plages: dict[str, str]  # nom de liste → « Listes!$A$2:$A$3 »


def _listes(wb: Workbook, data: Dataset) -> Listes:
    ws = wb.create_sheet("Listes")
    ws.sheet_state = "hidden"
    sous_axes = sorted(data.sous_axes(), key=lambda c: tuple(int(p) for p in c.split(".")))
    contenu = {**LISTES_FIXES, "sous_axes": sous_axes}
    plages = {}
    for numero, (nom, valeurs) in enumerate(contenu.items(), start=1):
        lettre = get_column_letter(numero)
        _ecrire(ws, 1, numero, nom, "Listes")
        for ligne, v in enumerate(valeurs, start=2):
            _ecrire(ws, ligne, numero, v, "Listes")
        fin = max(len(valeurs), 1) + 1
        plages[nom] = f"{quote_sheetname(ws.title)}!${lettre}$2:${lettre}${fin}"
        # Un nom défini rend la plage lisible dans Excel (Formules › Gestionnaire de noms).
        wb.defined_names[f"liste_{nom}"] = DefinedName(f"liste_{nom}", attr_text=plages[nom])
    return Listes(plages)


# --- Feuille « Actions » -----------------------------------------------------------------------


def _actions(
    wb: Workbook, data: Dataset, colonnes: ColonnesAnct, listes: Listes, styles: Styles
) -> None:
    ws = wb.create_sheet("Actions", 0)
    ctx = Contexte.of(data)
    definition = colonnes.colonnes
    _entetes(ws, 1, [c.entete for c in definition])
    fiches = [e.model for e in data.fiches_triees()]
    for ligne, fiche in enumerate(fiches, start=2):
        for numero, colonne in enumerate(definition, start=1):
            v = valeur(colonne, fiche, ctx)
            ou = f"Actions, FA {fiche.numero}, colonne « {colonne.entete} »"
            alignement = HAUT_RENVOI if colonne.type in {"texte", "liste"} else HAUT
            _ecrire(ws, ligne, numero, v, ou, colonne.format_nombre, alignement, styles)
    _largeurs(ws, [c.largeur for c in definition])
    _tableau(ws, len(definition), len(fiches) + 1)
    derniere = len(fiches) + 1 + LIGNES_DE_SAISIE
    for numero, colonne in enumerate(definition, start=1):
        if colonne.validation is None:
            continue
        lettre = get_column_letter(numero)
        # Toujours une plage de la feuille « Listes », jamais une liste écrite dans la règle :
        # au-delà de 255 caractères, une liste en ligne corrompt le fichier.
        regle = DataValidation(
            type="list",
            formula1=listes.plages[colonne.validation],  # sans « = » dans le fichier
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=colonne.entete[:32],  # Excel refuse un titre plus long
            error="Choisissez une valeur de la liste.",
        )
        regle.add(f"{lettre}2:{lettre}{derniere}")
        ws.add_data_validation(regle)


# --- Feuille « Financements » --------------------------------------------------------------------

ENTETES_FINANCEMENTS = [
    ("N° fiche", 9),
    ("Intitulé de l'action", 45),
    ("Financeur (identifiant)", 24),
    ("Financeur", 40),
    ("Montant", 16),
    ("Base", 12),
    ("Note", 40),
    *ENTETES_CYCLE,  # la vie du financement (build/anct_suivi.py)
]


def _financements(wb: Workbook, data: Dataset, noms: dict[str, str], styles: Styles) -> int:
    ws = wb.create_sheet("Financements")
    _entetes(ws, 1, [e for e, _ in ENTETES_FINANCEMENTS])
    ligne = 1
    for fiche in (e.model for e in data.fiches_triees()):
        for f in fiche.financements or []:
            ligne += 1
            ou = f"Financements, FA {fiche.numero}"
            base = (
                base_financement(fiche, BaseMontant.of(f.base) if f.base else None).libelle
                if f.montant is not None
                else None
            )
            valeurs: list[tuple[Valeur, str | None]] = [
                (fiche.numero, "0"),
                (fiche.titre, "@"),
                (f.financeur, "@"),
                (noms.get(f.financeur, f.financeur), "@"),
                (f.montant, FORMAT_EUROS),
                (base, "@"),
                (f.note, "@"),
                # La vie du financement après la signature.
                (STATUTS_FINANCEMENT[f.statut] if f.statut else None, "@"),
                (f.montant_demande, FORMAT_EUROS),
                (f.montant_attribue, FORMAT_EUROS),
                (f.montant_verse, FORMAT_EUROS),
                (f.date_attribution, "DD/MM/YYYY"),
                (f.reference, "@"),
            ]
            for numero, (v, fmt) in enumerate(valeurs, start=1):
                alignement = HAUT_RENVOI if fmt == "@" else HAUT
                _ecrire(ws, ligne, numero, v, ou, fmt, alignement, styles)
    _largeurs(ws, [largeur for _, largeur in ENTETES_FINANCEMENTS])
    _tableau(ws, len(ENTETES_FINANCEMENTS), ligne)
    return ligne - 1


# --- Feuille « Synthèse » ----------------------------------------------------------------------

ENTETES_SYNTHESE = [
    "Fiches",
    "Coût HT",
    "Coût TTC",
    "Coût base non précisée",
    "Fiches au coût à déterminer",
    "Fiches au coût partiel",
]


def _bloc_synthese(ws: Worksheet, debut: int, titre: str, premier: str, agregat: Agregat) -> int:
    """Un tableau de coûts par base et son graphique ; rend la première ligne libre après lui."""
    _ecrire(ws, debut, 1, titre, "Synthèse").font = TITRE_FONT
    entete = debut + 1
    _entetes(ws, entete, [premier, *ENTETES_SYNTHESE])
    ligne = entete
    for groupe in [*agregat.groupes, agregat.total]:
        ligne += 1
        cout = groupe.cout
        valeurs: list[tuple[Valeur, str | None]] = [
            (groupe.libelle[0], "@"),
            (len(groupe.fiches), "0"),
            (cout.HT, FORMAT_EUROS),
            (cout.TTC, FORMAT_EUROS),
            (cout.non_precise, FORMAT_EUROS),
            (_numeros(groupe.fiches_a_determiner), "@"),
            (_numeros(groupe.fiches_partielles), "@"),
        ]
        for numero, (v, fmt) in enumerate(valeurs, start=1):
            cell = _ecrire(ws, ligne, numero, v, f"Synthèse, {titre}", fmt)
            cell.alignment = HAUT_RENVOI if fmt == "@" else HAUT
            if groupe is agregat.total:
                cell.font = ENTETE_FONT
    dernier_groupe = ligne - 1  # la ligne « Total » n'entre pas dans le graphique
    graphique = BarChart()
    graphique.type = "bar"
    # Barres côte à côte, jamais empilées : HT, TTC et non précisé ne s'additionnent pas.
    graphique.grouping = "clustered"
    graphique.title = f"{titre} (€, une barre par base : HT, TTC, non précisée)"
    graphique.y_axis.title = "€"
    graphique.y_axis.numFmt = "#,##0"
    # openpyxl 3.1 masque les axes par défaut : on les affiche.
    graphique.x_axis.delete = False
    graphique.y_axis.delete = False
    # Le premier axe en haut, comme dans les tableaux.
    graphique.x_axis.scaling.orientation = "maxMin"
    graphique.width = 24
    graphique.height = max(7.5, 1.2 * len(agregat.groupes) + 4)
    donnees = Reference(
        ws, min_col=3, max_col=5, min_row=entete, max_row=max(dernier_groupe, entete)
    )
    categories = Reference(ws, min_col=1, min_row=entete + 1, max_row=max(dernier_groupe, entete))
    graphique.add_data(donnees, titles_from_data=True)
    graphique.set_categories(categories)
    motifs_des_series(graphique)
    ws.add_chart(graphique, f"I{debut}")
    # Assez de lignes pour que le graphique suivant ne chevauche pas celui-ci.
    return max(ligne + 3, debut + int(graphique.height * 2) + 2)


def _synthese(wb: Workbook, data: Dataset) -> None:
    ws = wb.create_sheet("Synthèse")
    note = (
        "Coûts chiffrés des fiches, au centime. HT, TTC et base non précisée ne sont jamais "
        "additionnés : chaque base a sa colonne, et les graphiques les mettent côte à côte."
    )
    _ecrire(ws, 1, 1, note, "Synthèse")
    suite = _bloc_synthese(ws, 3, "Coûts par axe", "Axe", aggregate_dataset(data, ("axe",)))
    suite = _bloc_synthese(
        ws,
        suite,
        "Coûts par collectivité",
        "Collectivité",
        aggregate_dataset(data, ("collectivite",)),
    )
    from acvkit.anct.xlsx_financeurs import bloc_financeurs

    bloc_financeurs(ws, suite, data)
    _largeurs(ws, [60, 8, 16, 16, 16, 22, 22, 22])


# --- Feuille « Référentiel » -------------------------------------------------------------------


def _referentiel(wb: Workbook, data: Dataset) -> None:
    ws = wb.create_sheet("Référentiel")
    _entetes(ws, 1, ["Code", "Niveau", "Intitulé"])

    def ordre(code: str) -> tuple[int, str]:
        return (int(code), "") if code.isdigit() else (99, code)

    ligne = 1
    for entry in sorted(data.axes, key=lambda e: ordre(e.model.code)):
        axe = entry.model
        rangees = [(axe.code, "axe", axe.intitule)] + [
            (s.code, "sous-axe", s.intitule)
            for s in sorted(axe.sous_axes, key=lambda s: tuple(int(p) for p in s.code.split(".")))
        ]
        for code, niveau, intitule in rangees:
            ligne += 1
            for numero, v in enumerate((code, niveau, intitule), start=1):
                cell = _ecrire(ws, ligne, numero, v, "Référentiel", "@")
                cell.alignment = HAUT_RENVOI
                if niveau == "axe":
                    cell.font = ENTETE_FONT
    _largeurs(ws, [12, 10, 100])
    _tableau(ws, 3, ligne)


# --- Feuille « Indicateurs » (issue #18) -------------------------------------------------------


def _indicateurs(wb: Workbook, data: Dataset, styles: Styles) -> None:
    from acvkit.indicateurs.tableur import ENTETES, FEUILLE, lignes

    ws = wb.create_sheet(FEUILLE)
    _entetes(ws, 1, [e for e, _ in ENTETES])
    ligne = 1
    for rang in lignes(data):
        ligne += 1
        for numero, (v, fmt) in enumerate(rang, start=1):
            alignement = HAUT_RENVOI if fmt == "@" else HAUT
            _ecrire(ws, ligne, numero, v, f"{FEUILLE}, ligne {ligne}", fmt, alignement, styles)
    _largeurs(ws, [largeur for _, largeur in ENTETES])
    _tableau(ws, len(ENTETES), ligne)


# --- Feuille « Lisez-moi » ---------------------------------------------------------------------


def _lisez_moi(
    wb: Workbook, inp: RenderInput, programme: Programme, fiches: list[Fiche], financements: int
) -> None:
    ws = wb.create_sheet("Lisez-moi")
    annexes = inp.entete  # l'en-tête seul : le tableur n'attend pas le contenu des annexes
    chiffres = sum(1 for f in fiches for x in f.financements or [] if x.montant is not None)
    lignes: list[tuple[str, Valeur]] = [
        ("Plan d'action Action Cœur de Ville", None),
        (
            "Objet",
            "Tableau à déposer sur la plateforme de recensement des plans d'action ACV "
            "de l'ANCT (article 4 de l'avenant).",
        ),
        ("Source", programme.intitule),
        ("Programme", programme.programme),
        ("Avenant", f"n°{programme.avenant}"),
        ("Identifiant ANCT", programme.id_anct),
        ("Territoire", annexes.territoire or None),
        ("Période du programme", f"{programme.periode} ({annexes.periode})"),
        ("Données (commit)", inp.commit or "hors git"),
        ("Généré le", annexes.genere_le),
        ("Nombre de fiches action", len(fiches)),
        ("Nombre de financements", financements),
        ("dont avec un montant", chiffres),
        ("Feuilles", None),
        (
            "Actions",
            "Une ligne par fiche action, triées par numéro ; colonnes décrites dans "
            "templates/anct/colonnes.yaml.",
        ),
        (
            "Financements",
            "Une ligne par fiche et par financeur ; montant vide quand le document "
            "nomme le financeur sans montant.",
        ),
        (
            "Synthèse",
            "Coûts par axe et par collectivité, HT, TTC et base non précisée séparés ; "
            "engagements par financeur.",
        ),
        ("Référentiel", "Axes et sous-axes du plan d'action."),
        (
            "Indicateurs",
            "Une ligne par chiffre d'un indicateur d'évaluation : référence, cible ou valeur "
            "observée ; une ligne ajoutée (nature, année, valeur) est reprise par acv import.",
        ),
        (
            "Montants",
            "Des nombres en euros, exacts au centime. Coût vide : « à déterminer » ; "
            "reste à charge vide : non déterminable (coût à déterminer ou partiel, "
            "partenaire nommé sans montant, financements à déterminer, bases différentes). "
            "Un montant sans base écrite est compté dans la base du coût (déduit du coût).",
        ),
        ("Réimporter", "acv import FICHIER.xlsx --data data, puis --write pour écrire"),
    ]
    for ligne, (cle, v) in enumerate(lignes, start=1):
        titre = _ecrire(ws, ligne, 1, cle, "Lisez-moi")
        titre.font = TITRE_FONT if ligne == 1 or cle == "Feuilles" else ENTETE_FONT
        titre.alignment = HAUT
        cell = _ecrire(ws, ligne, 2, v, f"Lisez-moi, {cle}", "@" if isinstance(v, str) else "0")
        cell.alignment = Alignment(vertical="top", wrap_text=True, horizontal="left")
    _largeurs(ws, [26, 100])


# --- Le classeur -------------------------------------------------------------------------------


def _octets(wb: Workbook) -> bytes:
    # Pas de wb.save() : save_workbook remplace la date de modification par l'heure courante.
    # Archive sans compression : normalize_zip la réécrit et la compresse, une seule fois.
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).write_data()
    return tampon.getvalue()


def render_xlsx(inp: RenderInput) -> dict[str, bytes]:
    """Le tableur ANCT : {"anct/plan-action-<id_anct>.xlsx": octets}."""
    data = inp.data
    if data is None:
        raise XlsxError("le tableur ANCT a besoin des données lues (RenderInput.data est vide)")
    if data.programme is None:
        raise XlsxError("le tableur ANCT a besoin de programme.yaml (identifiant ANCT id_anct)")
    programme = data.programme.model
    if not ID_ANCT.match(programme.id_anct):
        raise XlsxError(
            f"identifiant ANCT « {programme.id_anct} » inutilisable dans un nom de fichier "
            "(lettres, chiffres, - et _)"
        )
    colonnes = load_colonnes(inp.templates / "anct" / "colonnes.yaml")
    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    listes = _listes(wb, data)
    styles = Styles()
    _actions(wb, data, colonnes, listes, styles)
    noms = {p.model.id: p.model.nom for p in data.partenaires}
    financements = _financements(wb, data, noms, styles)
    _synthese(wb, data)
    _referentiel(wb, data)
    _indicateurs(wb, data, styles)
    _lisez_moi(wb, inp, programme, [e.model for e in data.fiches], financements)
    # « Lisez-moi » en premier, feuille active à l'ouverture (on lit d'abord le mode d'emploi) ;
    # « Listes » en dernier, masquée.
    wb.move_sheet("Lisez-moi", offset=-wb.sheetnames.index("Lisez-moi"))
    wb.move_sheet("Listes", offset=len(wb.sheetnames) - 1 - wb.sheetnames.index("Listes"))
    wb.active = 0
    from acvkit.anct.xlsx_page import mettre_en_page

    mettre_en_page(wb)
    wb.properties.language = "fr-FR"
    wb.properties.creator = "acvkit"
    wb.properties.lastModifiedBy = "acvkit"
    wb.properties.title = f"Plan d'action {programme.id_anct}"
    wb.properties.created = DATE_FIXE
    wb.properties.modified = DATE_FIXE
    from acvkit.anct.xlsx_page import textes_de_remplacement

    descriptions = [
        f"{titre} : une barre par base (HT, TTC, base non précisée), jamais additionnées ; "
        "les montants sont dans le tableau à gauche du graphique."
        for titre in ("Coûts par axe", "Coûts par collectivité")
    ]
    octets = textes_de_remplacement(_octets(wb), descriptions)
    return {f"anct/plan-action-{programme.id_anct}.xlsx": octets}


__all__ = ["MappingError", "XlsxError", "render_xlsx"]
