"""Feuille « Synthèse » du tableur ANCT : l'engagement de chaque financeur, par base.

Les mêmes chiffres que le tableau « Par financeur » de la maquette financière : montants chiffrés
par base (la part du maître d'ouvrage comprise, signalée), fiches où le financeur est nommé sans
montant, montants dont la base est déduite du coût.
"""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from acvkit.anct.columns import Value
from acvkit.anct.export.cells import FORMAT_EUROS, HEADER_FONT, TITRE_FONT, TOP, TOP_WRAP
from acvkit.anct.export.cells import numeros as _numeros
from acvkit.anct.export.cells import write as _write
from acvkit.anct.export.cells import write_headers as _entetes
from acvkit.costs.aggregate import Montants, aggregate_dataset
from acvkit.costs.financement import financements
from acvkit.loading.dataset import Dataset

ENTETES_FINANCEURS = [
    "Financeur",
    "Fiches",
    "Montant HT",
    "Montant TTC",
    "Montant base non précisée",
    "Fiches en autofinancement (maître d'ouvrage)",
    "Fiches nommé sans montant",
    "Base déduite du coût (TTC, déduit du coût)",
]


def financeurs_block(ws: Worksheet, debut: int, data: Dataset) -> int:
    """Une ligne par financeur et une ligne de total ; rend la première ligne libre après le bloc."""
    titre = "Engagements par financeur"
    _write(ws, debut, 1, titre, "Synthèse").font = TITRE_FONT
    _entetes(ws, debut + 1, ENTETES_FINANCEURS)
    agregat = aggregate_dataset(data, ("financeur",))
    line = debut + 1
    total = Montants()
    groupes = [g for g in agregat.groupes if g.key != ("aucun",)]
    for groupe in groupes:
        line += 1
        montants = Montants()
        for m in (groupe.finance, groupe.autofinancement):
            for base, v in m.by_base().items():
                montants.add(base, v)
                total.add(base, v)
        auto = [
            e.model.numero
            for e in data.sorted_fiches()
            if any(
                f.autofinancement and f.financeur == groupe.key[0] for f in financements(e.model)
            )
        ]
        valeurs: list[tuple[Value, str | None]] = [
            (groupe.libelle[0], "@"),
            (_numeros(groupe.fiches), "@"),
            (montants.HT, FORMAT_EUROS),
            (montants.TTC, FORMAT_EUROS),
            (montants.non_precise, FORMAT_EUROS),
            (_numeros(auto), "@"),
            (_numeros([n for n, _ in groupe.sans_montant]), "@"),
            (_numeros([n for n, _, _ in groupe.deduced_bases]), "@"),
        ]
        _row(ws, line, valeurs, titre, bold=False)
    line += 1
    _row(
        ws,
        line,
        [
            ("Total des financements chiffrés", "@"),
            (None, "@"),
            (total.HT, FORMAT_EUROS),
            (total.TTC, FORMAT_EUROS),
            (total.non_precise, FORMAT_EUROS),
            (None, "@"),
            (None, "@"),
            (None, "@"),
        ],
        titre,
        bold=True,
    )
    return line + 3


def _row(
    ws: Worksheet, line: int, valeurs: list[tuple[Value, str | None]], titre: str, *, bold: bool
) -> None:
    for numero, (v, fmt) in enumerate(valeurs, start=1):
        cell = _write(ws, line, numero, v, f"Synthèse, {titre}", fmt)
        cell.alignment = TOP_WRAP if fmt == "@" else TOP
        if bold:
            cell.font = HEADER_FONT
