"""La feuille « Synthèse » du tableur ANCT : coûts par axe et par collectivité, HT / TTC / non
précisé, chacun avec son graphique, puis les engagements par financeur (xlsx_financeurs.py).
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.worksheet.worksheet import Worksheet

from acvkit.anct.columns import Valeur
from acvkit.anct.xlsx_cells import ENTETE_FONT, FORMAT_EUROS, HAUT, HAUT_RENVOI, TITRE_FONT
from acvkit.anct.xlsx_cells import ecrire as _ecrire
from acvkit.anct.xlsx_cells import ecrire_entetes as _entetes
from acvkit.anct.xlsx_cells import largeurs_colonnes as _largeurs
from acvkit.anct.xlsx_cells import numeros as _numeros
from acvkit.anct.xlsx_graphiques import motifs_des_series
from acvkit.costs.aggregate import Agregat, aggregate_dataset
from acvkit.loading.dataset import Dataset

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


def ecrire_synthese(wb: Workbook, data: Dataset) -> None:
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
