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

from acvkit.anct.columns import ColonnesAnct, MappingError, Value, load_colonnes, valeur
from acvkit.anct.computed import FIXED_LISTS, Context
from acvkit.anct.export.cells import (
    FORMAT_EUROS,
    HEADER_FONT,
    TOP,
    TOP_WRAP,
    Styles,
)
from acvkit.anct.export.cells import excel_table as _excel_table
from acvkit.anct.export.cells import largeurs_colonnes as _largeurs
from acvkit.anct.export.cells import write as _write
from acvkit.anct.export.cells import write_headers as _entetes
from acvkit.anct.export.readme import write_readme
from acvkit.anct.export.synthese import write_synthese
from acvkit.anct.suivi import ENTETES_CYCLE, STATUTS_FINANCEMENT
from acvkit.annexes.formats import RenderInput
from acvkit.costs.financement import financements
from acvkit.costs.glossary import Categorie
from acvkit.errors import XlsxError as XlsxError
from acvkit.loading.dataset import Dataset

# Les propriétés du classeur ne portent jamais « maintenant » : mêmes données, mêmes octets.
FIXED_DATE = datetime(2000, 1, 1)
# Les listes déroulantes couvrent aussi des lignes vides sous les fiches, pour en ajouter.
SPARE_ROWS = 100
ID_ANCT = re.compile(r"^[A-Za-z0-9_-]+$")


# --- Feuille « Listes » (masquée) ----------------------------------------------------------------


@dataclass(frozen=True)
class DropdownLists:
    spans: dict[str, str]  # nom de liste → « Listes!$A$2:$A$3 »


def _lists(wb: Workbook, data: Dataset) -> DropdownLists:
    ws = wb.create_sheet("Listes")
    ws.sheet_state = "hidden"
    sous_axes = sorted(data.sous_axes(), key=lambda c: tuple(int(p) for p in c.split(".")))
    content = {**FIXED_LISTS, "sous_axes": sous_axes}
    spans = {}
    for numero, (nom, valeurs) in enumerate(content.items(), start=1):
        letter = get_column_letter(numero)
        _write(ws, 1, numero, nom, "Listes")
        for line, v in enumerate(valeurs, start=2):
            _write(ws, line, numero, v, "Listes")
        fin = max(len(valeurs), 1) + 1
        spans[nom] = f"{quote_sheetname(ws.title)}!${letter}$2:${letter}${fin}"
        # Un nom défini rend la plage lisible dans Excel (Formules › Gestionnaire de noms).
        wb.defined_names[f"liste_{nom}"] = DefinedName(f"liste_{nom}", attr_text=spans[nom])
    return DropdownLists(spans)


# --- Feuille « Actions » -----------------------------------------------------------------------


def _actions(
    wb: Workbook, data: Dataset, colonnes: ColonnesAnct, lists: DropdownLists, styles: Styles
) -> None:
    ws = wb.create_sheet("Actions", 0)
    ctx = Context.of(data)
    definition = colonnes.colonnes
    _entetes(ws, 1, [c.entete for c in definition])
    fiches = [e.model for e in data.sorted_fiches()]
    for line, fiche in enumerate(fiches, start=2):
        for numero, column in enumerate(definition, start=1):
            v = valeur(column, fiche, ctx)
            where = f"Actions, FA {fiche.numero}, colonne « {column.entete} »"
            alignment = TOP_WRAP if column.type in {"texte", "liste"} else TOP
            _write(ws, line, numero, v, where, column.number_format, alignment, styles)
    _largeurs(ws, [c.largeur for c in definition])
    _excel_table(ws, len(definition), len(fiches) + 1)
    last = len(fiches) + 1 + SPARE_ROWS
    for numero, column in enumerate(definition, start=1):
        if column.validation is None:
            continue
        letter = get_column_letter(numero)
        # Toujours une plage de la feuille « Listes », jamais une liste écrite dans la règle :
        # au-delà de 255 caractères, une liste en ligne corrompt le fichier.
        rule = DataValidation(
            type="list",
            formula1=lists.spans[column.validation],  # sans « = » dans le fichier
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=column.entete[:32],  # Excel refuse un titre plus long
            error="Choisissez une valeur de la liste.",
        )
        rule.add(f"{letter}2:{letter}{last}")
        ws.add_data_validation(rule)


# --- Feuille « Financements » --------------------------------------------------------------------

ENTETES_FINANCEMENTS = [
    ("N° fiche", 9),
    ("Intitulé de l'action", 45),
    ("Financeur (identifiant)", 24),
    ("Financeur", 40),
    ("Montant", 16),
    ("Base", 12),
    ("Nature", 22),
    ("Taux (% du coût)", 12),
    ("Cofinanceurs", 30),
    ("Note", 40),
    *ENTETES_CYCLE,  # la vie du financement (build/anct_suivi.py)
]
# Les colonnes que `acv import` ne relit pas (le reste de la ligne est relu) : elles se corrigent
# dans le fichier YAML de la fiche.
FINANCEMENTS_EXPORT_ONLY = frozenset(
    {
        "Intitulé de l'action",
        "Financeur",
        "Base",
        "Nature",
        "Taux (% du coût)",
        "Cofinanceurs",
        "Note",
    }
)


def _financements(wb: Workbook, data: Dataset, names: dict[str, str], styles: Styles) -> int:
    ws = wb.create_sheet("Financements")
    _entetes(ws, 1, [e for e, _ in ENTETES_FINANCEMENTS])
    line = 1
    for fiche in (e.model for e in data.sorted_fiches()):
        for f, read in zip(fiche.financements or [], financements(fiche), strict=True):
            line += 1
            where = f"Financements, FA {fiche.numero}"
            # La base du montant écrit : la sienne, sinon celle du coût (glossaire).
            base = read.base.libelle if f.montant is not None else None
            valeurs: list[tuple[Value, str | None]] = [
                (fiche.numero, "0"),
                (fiche.titre, "@"),
                (f.financeur, "@"),
                (names.get(f.financeur, f.financeur), "@"),
                (f.montant, FORMAT_EUROS),
                (base, "@"),
                (read.nature.libelle + _categorie_suffix(read.categorie), "@"),
                (f.taux, "0.####"),
                (", ".join(names.get(c, c) for c in f.cofinanceurs or []) or None, "@"),
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
                alignment = TOP_WRAP if fmt == "@" else TOP
                _write(ws, line, numero, v, where, fmt, alignment, styles)
    _largeurs(ws, [largeur for _, largeur in ENTETES_FINANCEMENTS])
    _excel_table(ws, len(ENTETES_FINANCEMENTS), line)
    return line - 1


def _categorie_suffix(categorie: Categorie) -> str:
    """« fonds propres » ; « subvention » ; l'autofinancement dit comme tel (glossaire)."""
    return " (autofinancement)" if categorie is Categorie.AUTOFINANCEMENT else ""


# --- Feuille « Référentiel » -------------------------------------------------------------------


def _referentiel(wb: Workbook, data: Dataset) -> None:
    ws = wb.create_sheet("Référentiel")
    _entetes(ws, 1, ["Code", "Niveau", "Intitulé"])

    def order(code: str) -> tuple[int, str]:
        return (int(code), "") if code.isdigit() else (99, code)

    line = 1
    for entry in sorted(data.axes, key=lambda e: order(e.model.code)):
        axe = entry.model
        rows = [(axe.code, "axe", axe.intitule)] + [
            (s.code, "sous-axe", s.intitule)
            for s in sorted(axe.sous_axes, key=lambda s: tuple(int(p) for p in s.code.split(".")))
        ]
        for code, level, intitule in rows:
            line += 1
            for numero, v in enumerate((code, level, intitule), start=1):
                cell = _write(ws, line, numero, v, "Référentiel", "@")
                cell.alignment = TOP_WRAP
                if level == "axe":
                    cell.font = HEADER_FONT
    _largeurs(ws, [12, 10, 100])
    _excel_table(ws, 3, line)


# --- Feuille « Indicateurs » (issue #18) -------------------------------------------------------


def _indicateurs(wb: Workbook, data: Dataset, styles: Styles) -> None:
    from acvkit.indicateurs.spreadsheet import ENTETES, SHEET
    from acvkit.indicateurs.spreadsheet import lignes as lines

    ws = wb.create_sheet(SHEET)
    _entetes(ws, 1, [e for e, _ in ENTETES])
    line = 1
    for ordinal in lines(data):
        line += 1
        for numero, (v, fmt) in enumerate(ordinal, start=1):
            alignment = TOP_WRAP if fmt == "@" else TOP
            _write(ws, line, numero, v, f"{SHEET}, ligne {line}", fmt, alignment, styles)
    _largeurs(ws, [largeur for _, largeur in ENTETES])
    _excel_table(ws, len(ENTETES), line)


# --- Le classeur -------------------------------------------------------------------------------


def _byte_size(wb: Workbook) -> bytes:
    # Pas de wb.save() : save_workbook remplace la date de modification par l'heure courante.
    # Archive sans compression : normalize_zip la réécrit et la compresse, une seule fois.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).write_data()
    return buffer.getvalue()


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
    lists = _lists(wb, data)
    styles = Styles()
    _actions(wb, data, colonnes, lists, styles)
    names = {p.model.id: p.model.nom for p in data.partenaires}
    financements = _financements(wb, data, names, styles)
    write_synthese(wb, data)
    _referentiel(wb, data)
    _indicateurs(wb, data, styles)
    write_readme(wb, inp, programme, [e.model for e in data.fiches], financements)
    # « Lisez-moi » en premier, feuille active à l'ouverture (on lit d'abord le mode d'emploi) ;
    # « Listes » en dernier, masquée.
    wb.move_sheet("Lisez-moi", offset=-wb.sheetnames.index("Lisez-moi"))
    wb.move_sheet("Listes", offset=len(wb.sheetnames) - 1 - wb.sheetnames.index("Listes"))
    wb.active = 0
    from acvkit.anct.export.layout import apply_layout

    apply_layout(wb)
    wb.properties.language = "fr-FR"
    wb.properties.creator = "acvkit"
    wb.properties.lastModifiedBy = "acvkit"
    wb.properties.title = f"Plan d'action {programme.id_anct}"
    wb.properties.created = FIXED_DATE
    wb.properties.modified = FIXED_DATE
    from acvkit.anct.export.layout import add_alt_texts

    descriptions = [
        f"{titre} : une barre par base (HT, TTC, base non précisée), jamais additionnées ; "
        "les montants sont dans le tableau à gauche du graphique."
        for titre in ("Coûts par axe", "Coûts par collectivité")
    ]
    size_bytes = add_alt_texts(_byte_size(wb), descriptions)
    return {f"anct/plan-action-{programme.id_anct}.xlsx": size_bytes}


__all__ = ["MappingError", "XlsxError", "render_xlsx"]
