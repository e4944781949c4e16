"""Graphiques en images PNG (matplotlib, sans écran) pour les documents qui n'affichent pas de SVG (DOCX).

Rendu reproductible : moteur Agg, police DejaVu Sans livrée avec matplotlib, aucune métadonnée
variable (« Software » retiré) : mêmes valeurs, mêmes octets. Les montants restent exacts dans
les textes (écrits par l'appelant) ; seule la longueur des barres est convertie en flottant, pour
le dessin. Ce module n'est importé qu'au rendu DOCX (matplotlib est long à charger).
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

FONT = "DejaVu Sans"
BLUE = "#1f3864"
INK = "#1a1a1a"
STROKE = "#8c8c8c"
MM_PER_INCH = Decimal("25.4")


@dataclass(frozen=True)
class Value:
    """Une barre : son libellé, sa valeur exacte et le texte écrit au bout (« 1 712 934 € TTC »)."""

    libelle: str
    valeur: Decimal
    texte: str


def horizontal_bars(
    valeurs: Sequence[Value],
    *,
    titre: str = "",
    largeur_mm: int = 170,
    dpi: int = 200,
    chars: int = 48,
) -> bytes:
    """Un diagramme en barres horizontales, la première valeur en haut ; PNG en octets."""
    lignes = [textwrap.fill(v.libelle, chars, break_on_hyphens=False) for v in valeurs]
    label_line_count = sum(max(1, libelle.count("\n") + 1) for libelle in lignes)
    largeur = float(Decimal(largeur_mm) / MM_PER_INCH)
    height = 0.6 + 0.22 * label_line_count + 0.18 * len(valeurs)
    figure = Figure(figsize=(largeur, height), dpi=dpi)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    positions = list(range(len(valeurs)))
    # Seule la longueur dessinée passe en flottant : les montants écrits restent exacts.
    lengths = [float(v.valeur) for v in valeurs]
    axes.barh(positions, lengths, color=BLUE, height=0.6)
    axes.set_yticks(positions, labels=lignes, fontfamily=FONT, fontsize=7.5, color=INK)
    axes.invert_yaxis()
    maximum = max(lengths, default=0.0)
    axes.set_xlim(0, maximum * 1.45 if maximum > 0 else 1)
    for position, length, valeur in zip(positions, lengths, valeurs, strict=True):
        axes.text(
            length + maximum * 0.01,
            position,
            valeur.texte,
            va="center",
            fontfamily=FONT,
            fontsize=7.5,
            fontweight="bold",
            color=INK,
        )
    axes.set_xticks([])
    for side in ("top", "right", "bottom"):
        axes.spines[side].set_visible(False)
    axes.spines["left"].set_color(STROKE)
    if titre:
        axes.set_title(titre, loc="left", fontfamily=FONT, fontsize=9, fontweight="bold")
    figure.tight_layout()
    output = io.BytesIO()
    figure.savefig(output, format="png", dpi=dpi, metadata={"Software": None})
    return output.getvalue()
