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

POLICE = "DejaVu Sans"
BLEU = "#1f3864"
ENCRE = "#1a1a1a"
TRAIT = "#8c8c8c"
POUCE_MM = Decimal("25.4")


@dataclass(frozen=True)
class Valeur:
    """Une barre : son libellé, sa valeur exacte et le texte écrit au bout (« 1 712 934 € TTC »)."""

    libelle: str
    valeur: Decimal
    texte: str


def barres_horizontales(
    valeurs: Sequence[Valeur],
    *,
    titre: str = "",
    largeur_mm: int = 170,
    dpi: int = 200,
    caracteres: int = 48,
) -> bytes:
    """Un diagramme en barres horizontales, la première valeur en haut ; PNG en octets."""
    lignes = [textwrap.fill(v.libelle, caracteres, break_on_hyphens=False) for v in valeurs]
    hauteur_lignes = sum(max(1, libelle.count("\n") + 1) for libelle in lignes)
    largeur = float(Decimal(largeur_mm) / POUCE_MM)
    hauteur = 0.6 + 0.22 * hauteur_lignes + 0.18 * len(valeurs)
    figure = Figure(figsize=(largeur, hauteur), dpi=dpi)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    positions = list(range(len(valeurs)))
    # Seule la longueur dessinée passe en flottant : les montants écrits restent exacts.
    longueurs = [float(v.valeur) for v in valeurs]
    axes.barh(positions, longueurs, color=BLEU, height=0.6)
    axes.set_yticks(positions, labels=lignes, fontfamily=POLICE, fontsize=7.5, color=ENCRE)
    axes.invert_yaxis()
    maximum = max(longueurs, default=0.0)
    axes.set_xlim(0, maximum * 1.45 if maximum > 0 else 1)
    for position, longueur, valeur in zip(positions, longueurs, valeurs, strict=True):
        axes.text(
            longueur + maximum * 0.01,
            position,
            valeur.texte,
            va="center",
            fontfamily=POLICE,
            fontsize=7.5,
            fontweight="bold",
            color=ENCRE,
        )
    axes.set_xticks([])
    for cote in ("top", "right", "bottom"):
        axes.spines[cote].set_visible(False)
    axes.spines["left"].set_color(TRAIT)
    if titre:
        axes.set_title(titre, loc="left", fontfamily=POLICE, fontsize=9, fontweight="bold")
    figure.tight_layout()
    sortie = io.BytesIO()
    figure.savefig(sortie, format="png", dpi=dpi, metadata={"Software": None})
    return sortie.getvalue()
