"""Séries des graphiques du tableur distinguées autrement que par la couleur (RGAA 3.3).

Chaque série d'un graphique à barres a sa teinte et son motif (plein, hachures, pointillés) :
une impression en niveaux de gris ou une vision des couleurs altérée les sépare encore.
"""

from __future__ import annotations

from typing import Literal

from openpyxl.chart import BarChart
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.drawing.colors import ColorChoice
from openpyxl.drawing.fill import PatternFillProperties
from openpyxl.drawing.line import LineProperties

# (motif DrawingML, teinte) par série, dans l'ordre des colonnes : HT, TTC, non précisée.
Motif = Literal["solidDmnd", "wdUpDiag", "smCheck"]
MOTIFS: tuple[tuple[Motif, str], ...] = (
    ("solidDmnd", "1F3864"),
    ("wdUpDiag", "A03C00"),
    ("smCheck", "1E6B2F"),
)
BLANC = "FFFFFF"


def motifs_des_series(graphique: BarChart) -> None:
    """Donne à chaque série du graphique un motif et une teinte, bordés de sa teinte."""
    for serie, (motif, teinte) in zip(graphique.series, MOTIFS, strict=False):
        # Les annotations d'openpyxl attendent un RGBPercent ; openpyxl prend l'hexadécimal.
        avant = ColorChoice(srgbClr=teinte)  # type: ignore[arg-type]
        fond = ColorChoice(srgbClr=BLANC)  # type: ignore[arg-type]
        remplissage = PatternFillProperties(prst=motif, fgClr=avant, bgClr=fond)
        serie.graphicalProperties = GraphicalProperties(
            pattFill=remplissage, ln=LineProperties(solidFill=teinte)
        )
