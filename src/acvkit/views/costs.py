"""`acv couts` lisible à toute largeur : le tableau quand il tient, sinon une fiche par groupe.

Dans 80 colonnes (journal de CI, portable), un tableau croisé coupe ses en-têtes (« Collec… ») et
écrit chaque nom sur six lignes : il devient alors une suite de blocs « libellé, puis une ligne
par colonne », qui se lit de haut en bas sans rien tronquer.
"""

from __future__ import annotations

import io

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from acvkit.costs.aggregate import Agregat, Groupe
from acvkit.costs.export import colonnes, euros, rows, to_table
from acvkit.safe_text import visible


def natural_width(table: Table) -> int:
    """La largeur qu'il faut au tableau pour ne rien couper ni replier."""
    console = Console(file=io.StringIO(), width=100_000, color_system=None)
    return console.measure(table).maximum


# Largeur au-delà de laquelle un libellé (nom de collectivité, intitulé d'axe) passe à la ligne.
LIBELLE_MAX = 32


def _block(titre: str, groupe: Groupe, agregat: Agregat) -> Group:
    """Le libellé, puis une ligne par colonne non vide, pour chaque base du groupe."""
    entetes = colonnes(agregat)
    largeur = max(len(c) for c in entetes)
    lignes: list[RenderableType] = [Text(visible(titre), style="bold underline")]
    for cellules in rows(groupe, agregat, euros):
        for colonne, valeur in zip(entetes, cellules, strict=True):
            if valeur:
                ligne = Text("  ")
                ligne.append(colonne.ljust(largeur), style="bold")
                ligne.append("  " + valeur)
                lignes.append(ligne)
    return Group(*lignes)


def horizontal(agregat: Agregat) -> Table:
    """Le tableau : libellés repliés au-delà de LIBELLE_MAX, montants jamais coupés."""
    table = to_table(agregat)
    for index, column in enumerate(table.columns):
        if index < len(agregat.dimensions):
            column.max_width = LIBELLE_MAX
        elif str(column.header) == "Non compté":
            column.max_width = LIBELLE_MAX // 2
        else:
            column.no_wrap = True
    return table


def vertical(agregat: Agregat) -> Group:
    """Un bloc par groupe (libellés sur une ligne, puis une ligne par colonne), puis le total."""
    table = to_table(agregat)
    parts: list[RenderableType] = [
        Text(str(table.title), style="bold"),
        Text(""),
    ]
    for groupe in agregat.groupes:
        parts += [_block(" × ".join(groupe.libelle), groupe, agregat), Text("")]
    parts.append(_block("Total", agregat.total, agregat))
    if table.caption:
        parts += [Text(""), Text(str(table.caption))]
    return Group(*parts)


def fit(agregat: Agregat, width: int) -> RenderableType:
    """Le tableau entier s'il tient dans `width` colonnes, sinon aux libellés repliés, sinon la
    présentation verticale."""
    whole = to_table(agregat)
    if natural_width(whole) <= width:
        return whole
    table = horizontal(agregat)
    if natural_width(table) <= width:
        return table
    return vertical(agregat)
