"""`acv import` : relire le tableur ANCT corrigé par un partenaire et reporter ses changements dans les fiches."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from acvkit.anct.columns import ColonnesAnct, Column
from acvkit.anct.columns import valeur as exported_value
from acvkit.anct.computed import Context
from acvkit.anct.export.workbook import ENTETES_FINANCEMENTS
from acvkit.anct.importing.cells import cell as _cell
from acvkit.anct.importing.cells import montant as _montant
from acvkit.anct.importing.cells import texte as _text
from acvkit.anct.importing.model import CellProblem, Change, ImportRefused, Resultat
from acvkit.anct.importing.model import display_value as _shown
from acvkit.anct.importing.suivi import (
    CHAMPS_SUIVI,
    actions_column,
    colonnes_financement,
)
from acvkit.indicateurs.spreadsheet import SHEET as INDICATEURS_SHEET
from acvkit.loading.dataset import Dataset, Entry
from acvkit.models import Fiche

# Les colonnes importées : champ de la colonne (templates/anct/colonnes.yaml) → champ de la fiche.
# Une colonne calculée à partir d'un seul champ (description, dates) est reportée dans ce champ ;
# toute autre colonne est exportée seulement. Une colonne ajoutée au tableur (par exemple un
# statut) s'importe en l'ajoutant ici.
IMPORTED_FIELDS: dict[str, str] = {
    "fiche.titre": "titre",
    "fiche.sous_axe": "sous_axe",
    "fiche.description": "description",
    "calcul.description": "description",
    "fiche.lancement": "lancement",
    "calcul.lancement": "lancement",
    "fiche.livraison": "livraison",
    "calcul.livraison": "livraison",
}
COUT = {"calcul.cout_total", "fiche.cout.total"}


def _entetes(ws: Any) -> dict[str, int]:
    return {str(c.value).strip(): c.column for c in ws[1] if c.value is not None}


def read_workbook(path: Path, data: Dataset, colonnes: ColonnesAnct) -> Resultat:
    """Compare le tableur aux fiches : changements champ par champ et cellules illisibles."""
    from acvkit.anct.importing.limits import WorkbookError, open_workbook

    try:
        wb = open_workbook(path, ("Actions", "Financements", INDICATEURS_SHEET))
    except (WorkbookError, OSError) as exc:
        raise ImportRefused(str(exc)) from exc
    resultat = Resultat()
    fiches = {e.model.numero: e for e in data.fiches}
    for sheet in ("Actions", "Financements"):
        if sheet not in wb.sheetnames:
            raise ImportRefused(
                f"« {path} » n'a pas de feuille « {sheet} » : est-ce un tableur produit par acv build ?"
            )
    _actions(wb["Actions"], fiches, colonnes, Context.of(data), resultat)
    _financements(wb["Financements"], fiches, resultat)
    _indicateurs(wb, data, resultat)
    return resultat


def read_workbook_file(file: Path, data: Dataset, templates: Path) -> Resultat:
    """Le tableur `fichier` comparé aux fiches, avec les colonnes du dossier de gabarits."""
    from acvkit.anct.columns import load_colonnes
    from acvkit.errors import UsageError

    if not file.is_file():
        raise UsageError(f"le tableur « {file} » n'existe pas")
    return read_workbook(file, data, load_colonnes(templates / "anct" / "colonnes.yaml"))


def check_result(resultat: Resultat, data_dir: Path, config: Any) -> list[str]:
    """Les erreurs qu'aurait le dossier une fois l'import écrit (linter complet, rien d'écrit)."""
    from acvkit.writing.change import ResultRefused

    try:
        _write(resultat, data_dir, config, dry_run=True)
    except ResultRefused as exc:
        return exc.lines
    return []


def _write(resultat: Resultat, data_dir: Path, config: Any, *, dry_run: bool) -> list[Path]:
    """Les fiches et indicateurs changés, écrits ensemble (acvkit.writing.change) ou seulement
    vérifiés ; chaque fichier comparé au texte lu au début de l'import."""
    from acvkit.anct.importing.texts import new_texts
    from acvkit.writing.change import data_change

    based_on = {Path(c.entry.doc.path): c.entry.doc.text for c in resultat.changes}
    with data_change(data_dir, config, dry_run=dry_run) as change:
        for path, texte in new_texts(resultat).items():
            change.write(path, texte, based_on=based_on[path])
    return change.written


def _indicateurs(wb: Any, data: Dataset, resultat: Resultat) -> None:
    """La feuille « Indicateurs » (absente des tableurs plus anciens) : valeurs, cibles, référence."""
    from acvkit.indicateurs.spreadsheet import SHEET, read_back

    if SHEET not in wb.sheetnames:
        return
    reread = read_back(wb[SHEET], data, _cell)
    resultat.changes.extend(reread.changes)
    resultat.problems.extend(
        CellProblem(SHEET, line, col, msg) for line, col, msg in reread.problems
    )
    resultat.ignores.extend(reread.ignores)


def _numero(ws: Any, line: int, column: int, sheet: str, resultat: Resultat) -> int | None:
    try:
        valeur = _cell(ws.cell(line, column))
    except ValueError as exc:
        resultat.problems.append(CellProblem(sheet, line, "N° fiche", str(exc)))
        return None
    if isinstance(valeur, float) and valeur.is_integer():
        valeur = int(valeur)
    if not isinstance(valeur, int) or isinstance(valeur, bool):
        resultat.problems.append(
            CellProblem(sheet, line, "N° fiche", f"numéro illisible « {valeur} »")
        )
        return None
    return valeur


def _filled_rows(ws: Any) -> list[int]:
    """Les lignes (après l'en-tête) qui ont au moins une valeur (anct/import_sheet.py).

    Ni `ws[ligne]` ligne à ligne : en mode complet, openpyxl y recalcule la dernière colonne en
    parcourant toute la feuille, et l'import devenait quadratique (10 000 actions : des minutes).
    """
    lines: list[int] = ws.filled_rows(2)
    return lines


def _actions(
    ws: Any,
    fiches: dict[int, Entry[Fiche]],
    colonnes: ColonnesAnct,
    ctx: Context,
    resultat: Resultat,
) -> None:
    entetes = _entetes(ws)
    numero_col = next((c for c in colonnes.colonnes if c.champ == "fiche.numero"), None)
    if numero_col is None or numero_col.entete not in entetes:
        raise ImportRefused("feuille « Actions » : pas de colonne du numéro de fiche")
    seen: dict[int, int] = {}
    for line in _filled_rows(ws):
        numero = _numero(ws, line, entetes[numero_col.entete], "Actions", resultat)
        if numero is None:
            continue
        if numero in seen:
            resultat.problems.append(
                CellProblem(
                    "Actions",
                    line,
                    numero_col.entete,
                    f"FA {numero} en double (déjà ligne {seen[numero]}) : gardez une seule ligne",
                )
            )
            continue
        seen[numero] = line
        entry = fiches.get(numero)
        if entry is None:
            resultat.problems.append(
                CellProblem(
                    "Actions",
                    line,
                    numero_col.entete,
                    f"aucune fiche FA {numero} dans les données",
                )
            )
            continue
        for column in colonnes.colonnes:
            if column.entete not in entetes:
                continue
            if column.champ not in IMPORTED_FIELDS and column.champ not in COUT | CHAMPS_SUIVI:
                continue
            try:
                cell = _cell(ws.cell(line, entetes[column.entete]))
                _column(entry, column, cell, ctx, line, resultat)
            except ValueError as exc:
                resultat.problems.append(CellProblem("Actions", line, column.entete, str(exc)))


def _column(
    entry: Entry[Fiche],
    column: Column,
    cell: Any,
    ctx: Context,
    line: int,
    resultat: Resultat,
) -> None:
    fiche = entry.model
    if column.champ in COUT:
        _cout(entry, column, cell, line, resultat)
        return
    if column.champ in CHAMPS_SUIVI:  # statut, réalisé (import_suivi.py)
        actions_column(entry, column.champ, column.entete, cell, line, resultat)
        return
    nom = IMPORTED_FIELDS[column.champ]
    exported = exported_value(column, fiche, ctx)
    exported_text = None if exported is None else str(exported)
    new = _text(cell)
    if new == exported_text:
        return  # la cellule dit ce que l'export a écrit : rien ne change
    current = entry.doc.data.get(nom) if isinstance(entry.doc.data, dict) else getattr(fiche, nom)
    if new is None:
        raise ValueError(
            "cellule vidée : la fiche a une valeur, qui n'est pas effacée ; "
            "videz-la dans le fichier YAML si c'est voulu"
        )
    if current is not None and not isinstance(current, str):
        raise ValueError(
            f"« {nom} » est écrit par phases ou en liste dans la fiche : corrigez le fichier YAML"
        )
    if current is None and exported_text is not None:
        raise ValueError(
            f"la fiche n'a pas de « {nom} » mais une note à sa place : corrigez le fichier YAML"
        )
    if nom == "sous_axe" and ctx.sous_axes and new not in {*ctx.sous_axes, *ctx.axes}:
        raise ValueError(
            f"sous-axe « {new} » inconnu des axes (sous-axes : {', '.join(sorted(ctx.sous_axes))})"
        )
    resultat.changes.append(Change(entry, (nom,), current, new))


def _cout(entry: Entry[Fiche], column: Column, cell: Any, line: int, resultat: Resultat) -> None:
    fiche = entry.model
    new_montant = _montant(cell)
    total = fiche.cout.total if fiche.cout is not None else None
    if total is not None:
        if new_montant is None:
            raise ValueError(
                "cellule vidée : le total de la fiche n'est pas effacé ; "
                "retirez-le du fichier YAML si c'est voulu"
            )
        if new_montant != total:
            resultat.changes.append(Change(entry, ("cout", "total"), total, new_montant))
    elif new_montant is not None:
        from acvkit.costs.fiche import cout_fiche

        if cout_fiche(fiche).montant != new_montant:
            resultat.ignores.append(
                f"FA {fiche.numero} : le coût ({_shown(new_montant)}) n'est pas un total déclaré "
                "dans la fiche (postes ou « A déterminer ») ; corrigez le fichier YAML à la main"
            )


def _financements(ws: Any, fiches: dict[int, Entry[Fiche]], resultat: Resultat) -> None:
    entetes = _entetes(ws)
    names = [e for e, _ in ENTETES_FINANCEMENTS]
    missing = [n for n in (names[0], names[2], names[4]) if n not in entetes]
    if missing:
        raise ImportRefused(f"feuille « Financements » : colonnes absentes : {', '.join(missing)}")
    seen: dict[tuple[int, str | None], int] = {}
    for line in _filled_rows(ws):
        numero = _numero(ws, line, entetes[names[0]], "Financements", resultat)
        if numero is None:
            continue
        try:
            financeur = _text(_cell(ws.cell(line, entetes[names[2]])))
        except ValueError as exc:
            resultat.problems.append(CellProblem("Financements", line, names[2], str(exc)))
            continue
        if (numero, financeur) in seen:
            resultat.problems.append(
                CellProblem(
                    "Financements",
                    line,
                    names[2],
                    f"FA {numero} × {financeur} en double (déjà ligne "
                    f"{seen[(numero, financeur)]}) : gardez une seule ligne",
                )
            )
            continue
        seen[(numero, financeur)] = line
        entry = fiches.get(numero)
        if entry is None:
            resultat.problems.append(
                CellProblem(
                    "Financements", line, names[0], f"aucune fiche FA {numero} dans les données"
                )
            )
            continue
        index = next(
            (i for i, f in enumerate(entry.model.financements or []) if f.financeur == financeur),
            None,
        )
        if index is None:
            resultat.problems.append(
                CellProblem(
                    "Financements",
                    line,
                    names[2],
                    f"« {financeur} » ne finance pas FA {numero} : ajoutez ce financeur dans le fichier YAML",
                )
            )
            continue
        colonnes_financement(ws, line, entetes, entry, index, resultat)  # vie du financement
        try:
            montant = _montant(_cell(ws.cell(line, entetes[names[4]])))
        except ValueError as exc:
            resultat.problems.append(CellProblem("Financements", line, names[4], str(exc)))
            continue
        current = (entry.model.financements or [])[index].montant
        if montant is None and current is not None:
            resultat.problems.append(
                CellProblem(
                    "Financements",
                    line,
                    names[4],
                    "cellule vidée : le montant de la fiche n'est pas effacé ; "
                    "retirez-le du fichier YAML si c'est voulu",
                )
            )
            continue
        if montant != current:
            resultat.changes.append(
                Change(entry, ("financements", index, "montant"), current, montant)
            )


def apply(resultat: Resultat, data_dir: Path, config: Any) -> list[Path]:
    """Vérifie le résultat par le linter complet, puis écrit tous les fichiers modifiés, ou aucun.

    ResultRefused (writing/change.py) si le résultat aurait une erreur (rien n'est écrit),
    WriteError si l'écriture échoue ou si une fiche a changé depuis sa lecture (rien n'est écrit).
    """
    return _write(resultat, data_dir, config, dry_run=False)
