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
Pattern = Literal["solidDmnd", "wdUpDiag", "smCheck"]
PATTERNS: tuple[tuple[Pattern, str], ...] = (
    ("solidDmnd", "1F3864"),
    ("wdUpDiag", "A03C00"),
    ("smCheck", "1E6B2F"),
)
BLANK = "FFFFFF"


def set_series_patterns(chart: BarChart) -> None:
    """Donne à chaque série du graphique un motif et une teinte, bordés de sa teinte."""
    for series, (pattern, color) in zip(chart.series, PATTERNS, strict=False):
        # Les annotations d'openpyxl attendent un RGBPercent ; openpyxl prend l'hexadécimal.
        before = ColorChoice(srgbClr=color)  # type: ignore[arg-type]
        background = ColorChoice(srgbClr=BLANK)  # type: ignore[arg-type]
        pattern_fill = PatternFillProperties(prst=pattern, fgClr=before, bgClr=background)
        series.graphicalProperties = GraphicalProperties(
            pattFill=pattern_fill, ln=LineProperties(solidFill=color)
        )
