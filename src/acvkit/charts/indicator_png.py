"""Le graphique d'un indicateur en image PNG (annexe 8.3, DOCX), dessiné par matplotlib.

Le même graphique que le SVG du HTML (indicator_svg.py) : mêmes courbes, mêmes graduations.
Pour des octets identiques d'un build à l'autre : moteur Agg (sans écran), police DejaVu Sans
fournie avec matplotlib (jamais une police du système), réglages par défaut de matplotlib (pas
ceux de l'utilisateur), et aucune métadonnée variable (`Software` retiré). matplotlib n'est importé
qu'au premier graphique : les autres commandes n'en paient pas le prix.
"""

from __future__ import annotations

import io
from typing import Any

from acvkit.annexes.evaluation_mesures import MesureIndicateur
from acvkit.charts.indicator_svg import SERIES_COLORS, TRAJECTOIRE_COLOR, annees, tick_values
from acvkit.indicateurs.number_text import french_number

WIDTH_INCHES = 6.4
RESOLUTION = 150


def _configure(matplotlib: Any) -> None:
    """Les réglages par défaut de matplotlib (pas ceux d'un matplotlibrc), et notre police."""
    matplotlib.rcdefaults()
    matplotlib.rcParams["font.family"] = "DejaVu Sans"
    matplotlib.rcParams["font.size"] = 9
    matplotlib.rcParams["path.simplify"] = False


def indicator_png(mesure: MesureIndicateur) -> bytes:
    """L'image PNG du graphique d'un indicateur ; mêmes données, mêmes octets."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    liste = annees(mesure)
    ticks = tick_values([v for c in mesure.curves for _, v in c.points])
    with matplotlib.rc_context():
        _configure(matplotlib)
        height = 2.4 + 0.22 * len(mesure.curves)
        figure = Figure(figsize=(WIDTH_INCHES, height), dpi=RESOLUTION)
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        # Des flottants pour placer les points seulement : les libellés viennent des Decimal.
        if mesure.trajectoire is not None:
            xs = [a for a, _ in mesure.trajectoire.points]
            ys = [float(v) for _, v in mesure.trajectoire.points]
            axes.plot(
                xs,
                ys,
                linestyle=(0, (6, 4)),
                color=TRAJECTOIRE_COLOR,
                linewidth=1.5,
                label=mesure.trajectoire.libelle + " ; carré : référence, losange : cible",
            )
        if mesure.reference is not None:
            a, v = mesure.reference
            axes.plot(
                [a],
                [float(v)],
                marker="s",
                markersize=7,
                markerfacecolor="white",
                markeredgecolor=TRAJECTOIRE_COLOR,
                markeredgewidth=1.5,
                clip_on=False,
                linestyle="none",
            )
        for a, v in mesure.cibles:
            axes.plot(
                [a],
                [float(v)],
                marker="D",
                markersize=7,
                markerfacecolor="white",
                markeredgecolor=TRAJECTOIRE_COLOR,
                markeredgewidth=1.5,
                clip_on=False,
                linestyle="none",
            )
        for ordinal, series in enumerate(mesure.series):
            axes.plot(
                [a for a, _ in series.points],
                [float(v) for _, v in series.points],
                marker="o",
                markersize=5,
                color=SERIES_COLORS[ordinal % len(SERIES_COLORS)],
                linewidth=2,
                label=series.libelle,
            )
        axes.set_xticks(liste, [str(a) for a in liste])
        margin = 0.5 if len(liste) == 1 else 0.05 * (liste[-1] - liste[0])
        axes.set_xlim(liste[0] - margin, liste[-1] + margin)
        axes.set_yticks([float(t) for t in ticks], [french_number(t, "\u202f") for t in ticks])
        axes.set_ylim(float(ticks[0]), float(ticks[-1]))
        axes.grid(axis="y", color="#9a9a9a", linewidth=0.5)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        if mesure.unite:
            axes.set_ylabel(mesure.unite)
        axes.legend(
            loc="upper left",
            bbox_to_anchor=(0, -0.12),
            frameon=False,
            ncol=1,
        )
        figure.tight_layout()
        output = io.BytesIO()
        figure.savefig(output, format="png", dpi=RESOLUTION, metadata={"Software": None})
    return output.getvalue()
