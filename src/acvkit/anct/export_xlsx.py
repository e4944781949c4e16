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
import zipfile
from dataclasses import dataclass
from datetime import datetime

from openpyxl import Workbook
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.writer.excel import ExcelWriter

from acvkit.anct.columns import ColonnesAnct, MappingError, Valeur, load_colonnes, valeur
from acvkit.anct.computed import LISTES_FIXES, Contexte
from acvkit.anct.suivi import ENTETES_CYCLE, STATUTS_FINANCEMENT
from acvkit.anct.xlsx_cells import (
    ENTETE_FONT,
    FORMAT_EUROS,
    HAUT,
    HAUT_RENVOI,
    Styles,
)
from acvkit.anct.xlsx_cells import ecrire as _ecrire
from acvkit.anct.xlsx_cells import ecrire_entetes as _entetes
from acvkit.anct.xlsx_cells import largeurs_colonnes as _largeurs
from acvkit.anct.xlsx_cells import tableau_excel as _tableau
from acvkit.anct.xlsx_lisez_moi import ecrire_lisez_moi
from acvkit.anct.xlsx_synthese import ecrire_synthese
from acvkit.annexes.formats import RenderInput
from acvkit.costs.aggregate import base_financement
from acvkit.costs.fiche import BaseMontant
from acvkit.errors import XlsxError as XlsxError
from acvkit.loading.dataset import Dataset

# Les propriétés du classeur ne portent jamais « maintenant » : mêmes données, mêmes octets.
DATE_FIXE = datetime(2000, 1, 1)
# Les listes déroulantes couvrent aussi des lignes vides sous les fiches, pour en ajouter.
LIGNES_DE_SAISIE = 100
ID_ANCT = re.compile(r"^[A-Za-z0-9_-]+$")


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
    ecrire_synthese(wb, data)
    _referentiel(wb, data)
    _indicateurs(wb, data, styles)
    ecrire_lisez_moi(wb, inp, programme, [e.model for e in data.fiches], financements)
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
