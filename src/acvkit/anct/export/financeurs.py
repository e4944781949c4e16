"""Feuille « Synthèse » du tableur ANCT : l'engagement de chaque financeur, par base.

Les mêmes chiffres que le tableau « Par financeur » de la maquette financière (tous deux tirés de
costs.aggregate.engagements) : une ligne par financeur et par catégorie du glossaire, montants
chiffrés par base, fiches où le financeur est nommé sans montant, montants comptés dans la base
du coût ; un total par catégorie.
"""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from acvkit.anct.columns import Value
from acvkit.anct.export.cells import FORMAT_EUROS, HEADER_FONT, TITRE_FONT, TOP, TOP_WRAP
from acvkit.anct.export.cells import numeros as _numeros
from acvkit.anct.export.cells import write as _write
from acvkit.anct.export.cells import write_headers as _entetes
from acvkit.costs.aggregate import Montants
from acvkit.costs.engagements import engagements
from acvkit.costs.fiche import BaseMontant
from acvkit.costs.glossary import Categorie, joint_name
from acvkit.loading.dataset import Dataset

ENTETES_FINANCEURS = [
    "Financeur",
    "Catégorie",
    "Fiches",
    "Montant HT",
    "Montant TTC",
    "Montant base non précisée",
    "Fiches nommé sans montant",
    "Base : celle du coût",
]


def financeurs_block(ws: Worksheet, debut: int, data: Dataset) -> int:
    """Une ligne par financeur et par catégorie du glossaire, puis une ligne de total par
    catégorie (un prêt n'est jamais ajouté à une subvention) ; rend la première ligne libre."""
    titre = "Engagements par financeur"
    _write(ws, debut, 1, titre, "Synthèse").font = TITRE_FONT
    _entetes(ws, debut + 1, ENTETES_FINANCEURS)
    names = {p.model.id: p.model.nom for p in data.partenaires}
    all_engagements = engagements(
        (e.model for e in data.sorted_fiches()), lambda i: names.get(i, i)
    )
    line = debut + 1
    totals: dict[Categorie, Montants] = {}
    for e in all_engagements:
        line += 1
        total = totals.setdefault(e.categorie, Montants())
        for base in e.montants.seen:
            total.add(base, e.montants.get(base))
        valeurs: list[tuple[Value, str | None]] = [
            (joint_name(e.financeur, lambda i: names.get(i, i)), "@"),
            (e.categorie.term.libelle, "@"),
            (_numeros(e.numeros), "@"),
            *_amounts(e.montants),
            (_numeros(e.named_only), "@"),
            (_numeros(e.deduced), "@"),
        ]
        _row(ws, line, valeurs, titre, bold=False)
    for cat in Categorie:
        if cat not in totals:
            continue
        line += 1
        _row(
            ws,
            line,
            [
                (f"Total – {cat.term.libelle.lower()}", "@"),
                (cat.term.libelle, "@"),
                (None, "@"),
                *_amounts(totals[cat]),
                (None, "@"),
                (None, "@"),
            ],
            titre,
            bold=True,
        )
    return line + 3


def _amounts(montants: Montants) -> list[tuple[Value, str | None]]:
    """Un montant par base, vide où rien n'est compté : jamais un 0 pour « montant non précisé »."""
    return [
        (montants.get(base) if base in montants.seen else None, FORMAT_EUROS)
        for base in BaseMontant
    ]


def _row(
    ws: Worksheet, line: int, valeurs: list[tuple[Value, str | None]], titre: str, *, bold: bool
) -> None:
    for numero, (v, fmt) in enumerate(valeurs, start=1):
        cell = _write(ws, line, numero, v, f"Synthèse, {titre}", fmt)
        cell.alignment = TOP_WRAP if fmt == "@" else TOP
        if bold:
            cell.font = HEADER_FONT
