"""`acv import` du suivi : statut et réalisé (feuille « Actions »), vie des financements (feuille
« Financements »). Mêmes garanties que le reste de l'import : chaque cellule illisible est un
problème situé (feuille, ligne, colonne), chaque différence un changement montré avant d'écrire.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from acvkit.anct.computed import STATUTS
from acvkit.anct.importing.cells import cell as _cell
from acvkit.anct.importing.cells import montant as _montant
from acvkit.anct.importing.cells import texte as _texte
from acvkit.anct.importing.model import CellProblem, Change, Resultat
from acvkit.anct.suivi import ENTETES_CYCLE, SEPARATEUR_REALISE, STATUTS_FINANCEMENT
from acvkit.loading.dataset import Entry
from acvkit.models import Base, Fiche, Statut, StatutFinancement, SuiviEntry
from acvkit.suivi.dates import DateError, date_rapport, parse_date

# Les champs calculés de « Actions » que l'import relit.
# La note des entrées de journal qu'écrit `acv import` quand le statut change.
IMPORT_NOTE = "Statut importé du tableur ANCT"
CHAMPS_SUIVI = {"calcul.statut", "calcul.realise"}
_REALISE = re.compile(r"^\s*(\d{4})\s*:\s*(.+?)\s*(HT|TTC)?\s*$")


def _lookup_key(texte: str) -> str:
    return " ".join(texte.casefold().replace(",", " ").split())


# Le libellé des tableurs exportés avant que chaque statut n'ait un seul libellé.
_OLD_LABELS = {"En cours, financement acquis": Statut.EN_COURS_FINANCE}

_STATUTS_READ: dict[str, Statut] = {
    **{_lookup_key(libelle): s for libelle, s in _OLD_LABELS.items()},
    **{_lookup_key(libelle): s for s, libelle in STATUTS.items()},
    **{_lookup_key(s.libelle): s for s in Statut},
    **{s.value: s for s in Statut},
}
_STATUTS_FIN_READ: dict[str, StatutFinancement] = {
    **{_lookup_key(libelle): s for s, libelle in STATUTS_FINANCEMENT.items()},
    **{s.value: s for s in StatutFinancement},
}


def _record_problem(resultat: Resultat, sheet: str, line: int, column: str, message: str) -> None:
    resultat.problems.append(CellProblem(sheet, line, column, message))


EMPTIED = (
    "cellule vidée : la fiche a une valeur, qui n'est pas effacée ; "
    "videz-la dans le fichier YAML si c'est voulu"
)


def _record_change(
    resultat: Resultat, entry: Entry[Fiche], path: tuple[str | int, ...], before: Any, after: Any
) -> None:
    """Un changement ; une cellule vidée n'efface jamais une valeur (ValueError, située par
    l'appelant), comme pour les autres colonnes de l'import."""
    if after in (None, []) and before not in (None, []):
        raise ValueError(EMPTIED)
    resultat.changes.append(Change(entry, path, before, after))


def _enum(valeur: Any, known: dict[str, Any]) -> Any:
    if valeur is None or str(valeur).strip() == "":
        return None
    hit = known.get(_lookup_key(str(valeur)))
    if hit is None:
        raise ValueError(f"« {valeur} » n'est pas un statut connu")
    return hit


def _date(valeur: Any) -> date | None:
    if valeur is None or valeur == "":
        return None
    if isinstance(valeur, datetime):
        return valeur.date()
    if isinstance(valeur, date):
        return valeur
    try:
        return parse_date(str(valeur))
    except DateError as exc:
        raise ValueError(str(exc)) from exc


def _reference(valeur: Any) -> str | None:
    texte = _texte(valeur)
    return texte.strip() or None if texte is not None else None


def actions_column(
    entry: Entry[Fiche], champ: str, entete: str, cell: Any, line: int, resultat: Resultat
) -> None:
    """Le statut (« Statut ») ou le réalisé (« Réalisé par année ») d'une ligne de « Actions »."""
    fiche = entry.model
    try:
        if champ == "calcul.statut":
            statut = _enum(cell, _STATUTS_READ)
            if statut is None and fiche.statut is not None:
                raise ValueError(EMPTIED)
            if statut is not None and statut != fiche.statut:
                _record_statut(entry, statut, resultat)
        elif champ == "calcul.realise":
            lines = read_realise(cell)
            current = [r.model_dump() for r in fiche.realise or []]
            if lines != current and not (not lines and fiche.realise is None):
                _record_change(resultat, entry, ("realise",), current or None, lines or None)
    except ValueError as exc:
        _record_problem(resultat, "Actions", line, entete, str(exc))


def _record_statut(entry: Entry[Fiche], statut: Statut, resultat: Resultat) -> None:
    """Un statut changé dans le tableur s'inscrit aussi au journal `suivi`, comme avec
    `acv new suivi` : une entrée datée du jour de l'import (SOURCE_DATE_EPOCH, sinon
    aujourd'hui), pour que `statut` reste celui de la dernière entrée (SUI001)."""
    fiche = entry.model
    # Les données ont été validées à la même date : aucune entrée n'est datée après (SUI002).
    day = date_rapport()
    journal = fiche.suivi or []
    _record_change(resultat, entry, ("statut",), fiche.statut, statut)
    before = [e.model_dump() for e in journal]
    added = SuiviEntry(date=day, statut=statut, note=IMPORT_NOTE).model_dump()
    _record_change(resultat, entry, ("suivi",), before or None, [*before, added])


def read_realise(cell: Any) -> list[dict[str, Any]]:
    """« 2024 : 300 000 € ; 2025 : 120 000 € HT » → [{annee, montant, base}] ; ValueError sinon."""
    if cell is None or str(cell).strip() == "":
        return []
    out: list[dict[str, Any]] = []
    for piece in str(cell).split(SEPARATEUR_REALISE.strip()):
        if not piece.strip():
            continue
        m = _REALISE.match(piece)
        if m is None:
            raise ValueError(
                f"« {piece.strip()} » : écrivez « année : montant », par exemple "
                "« 2024 : 300 000 € » (séparés par « ; »)"
            )
        montant = _montant(m.group(2))
        if montant is None:
            raise ValueError(f"« {piece.strip()} » : montant manquant")
        base = Base(m.group(3)) if m.group(3) else None
        out.append({"annee": int(m.group(1)), "montant": montant, "base": base})
    return out


def colonnes_financement(
    ws: Any,
    line: int,
    entetes: dict[str, int],
    entry: Entry[Fiche],
    index: int,
    resultat: Resultat,
) -> None:
    """Statut, montants demandé, attribué, versé, date et référence d'une ligne de « Financements »."""
    financement = (entry.model.financements or [])[index]
    readers = {
        "statut": lambda v: _enum(v, _STATUTS_FIN_READ),
        "montant_demande": _montant,
        "montant_attribue": _montant,
        "montant_verse": _montant,
        "date_attribution": _date,
        "reference": _reference,
    }
    for (entete, _), (key, reader) in zip(ENTETES_CYCLE, readers.items(), strict=True):
        if entete not in entetes:
            continue  # colonne retirée du tableur : on n'y touche pas
        try:
            # Le lecteur de cellule de tout l'import : formule, valeur d'erreur refusées.
            new = reader(_cell(ws.cell(line, entetes[entete])))
            current = getattr(financement, key)
            if new != current:
                _record_change(resultat, entry, ("financements", index, key), current, new)
        except ValueError as exc:
            _record_problem(resultat, "Financements", line, entete, str(exc))


def yaml_value(valeur: Any) -> Any:
    """Une valeur importée telle qu'elle s'écrit en YAML : énumérations en texte, montants en
    nombres, clés vides retirées des lignes de réalisé."""
    from enum import Enum

    if isinstance(valeur, Enum):
        return valeur.value
    if isinstance(valeur, Decimal):
        return (
            int(valeur)
            if valeur == valeur.to_integral_value()
            else valeur.quantize(Decimal("0.01"))
        )
    if isinstance(valeur, list):
        return [yaml_value(v) for v in valeur]
    if isinstance(valeur, dict):
        return {k: yaml_value(v) for k, v in valeur.items() if v is not None}
    return valeur
