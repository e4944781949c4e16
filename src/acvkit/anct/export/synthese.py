"""La feuille « Synthèse » du tableur ANCT : coûts par axe et par collectivité, HT / TTC / non
précisé, chacun avec son graphique, puis les engagements par financeur (xlsx_financeurs.py).
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.worksheet.worksheet import Worksheet

from acvkit.anct.columns import Value
from acvkit.anct.export.cells import FORMAT_EUROS, HEADER_FONT, TITRE_FONT, TOP, TOP_WRAP
from acvkit.anct.export.cells import largeurs_colonnes as _largeurs
from acvkit.anct.export.cells import numeros as _numeros
from acvkit.anct.export.cells import write as _write
from acvkit.anct.export.cells import write_headers as _entetes
from acvkit.anct.export.charts import set_series_patterns
from acvkit.costs.aggregate import Agregat, aggregate_dataset
from acvkit.costs.fiche import BaseMontant
from acvkit.loading.dataset import Dataset

ENTETES_SYNTHESE = [
    "Fiches",
    "Coût HT",
    "Coût TTC",
    "Coût base non précisée",
    "Fiches au coût à déterminer",
    "Fiches au coût partiel",
]


def _synthese_block(ws: Worksheet, debut: int, titre: str, first: str, agregat: Agregat) -> int:
    """Un tableau de coûts par base et son graphique ; rend la première ligne libre après lui."""
    _write(ws, debut, 1, titre, "Synthèse").font = TITRE_FONT
    entete = debut + 1
    _entetes(ws, entete, [first, *ENTETES_SYNTHESE])
    line = entete
    for groupe in [*agregat.groupes, agregat.total]:
        line += 1
        cout = groupe.cout
        valeurs: list[tuple[Value, str | None]] = [
            (groupe.libelle[0], "@"),
            (len(groupe.fiches), "0"),
            # Vide dans une base où aucun coût n'est chiffré : jamais un 0 pour l'inconnu.
            *((cout.get(b) if b in cout.seen else None, FORMAT_EUROS) for b in BaseMontant),
            (_numeros(groupe.undetermined_fiches), "@"),
            (_numeros(groupe.partial_fiches), "@"),
        ]
        for numero, (v, fmt) in enumerate(valeurs, start=1):
            cell = _write(ws, line, numero, v, f"Synthèse, {titre}", fmt)
            cell.alignment = TOP_WRAP if fmt == "@" else TOP
            if groupe is agregat.total:
                cell.font = HEADER_FONT
    last_groupe_row = line - 1  # la ligne « Total » n'entre pas dans le graphique
    chart = BarChart()
    chart.type = "bar"
    # Barres côte à côte, jamais empilées : HT, TTC et non précisé ne s'additionnent pas.
    chart.grouping = "clustered"
    chart.title = f"{titre} (€, une barre par base : HT, TTC, non précisée)"
    chart.y_axis.title = "€"
    chart.y_axis.numFmt = "#,##0"
    # openpyxl 3.1 masque les axes par défaut : on les affiche.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    # Le premier axe en haut, comme dans les tableaux.
    chart.x_axis.scaling.orientation = "maxMin"
    chart.width = 24
    chart.height = max(7.5, 1.2 * len(agregat.groupes) + 4)
    data = Reference(ws, min_col=3, max_col=5, min_row=entete, max_row=max(last_groupe_row, entete))
    categories = Reference(ws, min_col=1, min_row=entete + 1, max_row=max(last_groupe_row, entete))
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(categories)
    set_series_patterns(chart)
    ws.add_chart(chart, f"I{debut}")
    # Assez de lignes pour que le graphique suivant ne chevauche pas celui-ci.
    return max(line + 3, debut + int(chart.height * 2) + 2)


def write_synthese(wb: Workbook, data: Dataset) -> None:
    ws = wb.create_sheet("Synthèse")
    note = (
        "Coûts chiffrés des fiches, au centime. HT, TTC et base non précisée ne sont jamais "
        "additionnés : chaque base a sa colonne, et les graphiques les mettent côte à côte."
    )
    _write(ws, 1, 1, note, "Synthèse")
    suite = _synthese_block(ws, 3, "Coûts par axe", "Axe", aggregate_dataset(data, ("axe",)))
    suite = _synthese_block(
        ws,
        suite,
        "Coûts par collectivité",
        "Collectivité",
        aggregate_dataset(data, ("collectivite",)),
    )
    from acvkit.anct.export.financeurs import financeurs_block

    financeurs_block(ws, suite, data)
    _largeurs(ws, [60, 8, 16, 16, 16, 22, 22, 22])
