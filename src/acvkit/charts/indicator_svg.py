"""Le graphique d'un indicateur en SVG (annexe 8.3) : valeurs observées, référence, cible, trajectoire.

Mêmes principes que svg.py : textes échappés pour XML, coordonnées exactes écrites à deux
décimales au plus. Le graphique porte un titre (aria-labelledby) et renvoie (aria-describedby) à
une description écrite dans la page ; un tableau de données donne exactement les valeurs tracées.
Le DOCX en montre le rendu en PNG (charts/png.py) : un seul dessin pour tous les formats.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from fractions import Fraction

from acvkit.annexes.evaluation_mesures import MesureIndicateur
from acvkit.charts.svg import FONT, GREY, INK, STROKE, esc, num, text_tag
from acvkit.indicateurs.number_text import french_number

# Couleurs des séries observées : contraste d'au moins 4,5:1 sur fond blanc.
SERIES_COLORS = ("#1f3864", "#a03c00", "#1e6b2f", "#6a1b9a", "#00606b")
TRAJECTOIRE_COLOR = GREY

LARGEUR = 640
LEFT = 72
RIGHT = 24
TOP = 16
TRACE = 180  # hauteur de la zone de tracé
CAPTION_LINE = 18


def tick_values(valeurs: list[Decimal]) -> list[Decimal]:
    """Des graduations « rondes » (1, 2 ou 5 × 10ⁿ) qui encadrent toutes les valeurs."""
    bottom, top = min(valeurs), max(valeurs)
    if bottom == top:
        margin = abs(bottom) / 10 if bottom else Decimal(1)
        bottom, top = bottom - margin, top + margin
    raw = (top - bottom) / 4
    magnitude = Decimal(1).scaleb(raw.adjusted())
    step = next(
        m * magnitude
        for m in (Decimal(1), Decimal(2), Decimal(5), Decimal(10))
        if raw <= m * magnitude
    )
    debut = (bottom / step).to_integral_value(rounding=ROUND_FLOOR) * step
    fin = (top / step).to_integral_value(rounding=ROUND_CEILING) * step
    out = []
    current = debut
    while current <= fin:
        out.append(current.normalize() if current else Decimal(0))
        current += step
    return out


def annees(mesure: MesureIndicateur) -> list[int]:
    all_years = {a for c in mesure.curves for a, _ in c.points}
    return list(range(min(all_years), max(all_years) + 1))


def _x(annee: int, liste: list[int], largeur: int) -> Fraction:
    if len(liste) == 1:
        return Fraction(largeur, 2)
    return Fraction(annee - liste[0], liste[-1] - liste[0]) * largeur


def _y(valeur: Decimal, ticks: list[Decimal]) -> Fraction:
    bottom, top = Fraction(ticks[0]), Fraction(ticks[-1])
    return (top - Fraction(valeur)) / (top - bottom) * TRACE


def _polyline(points: list[tuple[Fraction, Fraction]], color: str, extra: str = "") -> str:
    coords = " ".join(f"{num(LEFT + x)},{num(TOP + y)}" for x, y in points)
    return f'<polyline points="{coords}" fill="none" stroke="{color}" stroke-width="2"{extra}/>'


def indicator_svg(mesure: MesureIndicateur) -> str:
    """Le graphique d'un indicateur, prêt à insérer dans une page HTML."""
    ident = f"graphique-{mesure.id}"
    liste = annees(mesure)
    ticks = tick_values([v for c in mesure.curves for _, v in c.points])
    largeur = LARGEUR - LEFT - RIGHT
    captions = [*mesure.curves]
    height = TOP + TRACE + 28 + CAPTION_LINE * len(captions) + 8
    titre = f"{mesure.id} : {mesure.intitule}" + (f" ({mesure.unite})" if mesure.unite else "")
    body: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {LARGEUR} {height}" '
        f'width="{LARGEUR}" height="{height}" role="img" aria-labelledby="{ident}-titre" '
        f'aria-describedby="{ident}-description" font-family="{esc(FONT)}" font-size="12" '
        f'fill="{INK}">',
        f'<title id="{ident}-titre">{esc(titre)}</title>',
    ]
    for tick in ticks:
        y = TOP + _y(tick, ticks)
        body.append(
            f'<line x1="{LEFT}" y1="{num(y)}" x2="{LEFT + largeur}" y2="{num(y)}" '
            f'stroke="{STROKE}" stroke-width="0.5"/>'
        )
        body.append(text_tag(LEFT - 6, y + 4, french_number(tick), text_anchor="end"))
    for annee in liste:
        x = LEFT + _x(annee, liste, largeur)
        body.append(text_tag(x, TOP + TRACE + 18, str(annee), text_anchor="middle"))
    if mesure.trajectoire is not None:
        points = [(_x(a, liste, largeur), _y(v, ticks)) for a, v in mesure.trajectoire.points]
        body.append(_polyline(points, TRAJECTOIRE_COLOR, ' stroke-dasharray="6 4"'))
    if mesure.reference is not None:
        a, v = mesure.reference
        x, y = LEFT + _x(a, liste, largeur), TOP + _y(v, ticks)
        body.append(
            f'<rect x="{num(x - 5)}" y="{num(y - 5)}" width="10" height="10" fill="#ffffff" '
            f'stroke="{TRAJECTOIRE_COLOR}" stroke-width="2"/>'
        )
    for a, v in mesure.cibles:
        x, y = LEFT + _x(a, liste, largeur), TOP + _y(v, ticks)
        body.append(
            f'<polygon points="{num(x)},{num(y - 7)} {num(x + 7)},{num(y)} {num(x)},{num(y + 7)} '
            f'{num(x - 7)},{num(y)}" fill="#ffffff" stroke="{TRAJECTOIRE_COLOR}" stroke-width="2"/>'
        )
    for ordinal, series in enumerate(mesure.series):
        color = SERIES_COLORS[ordinal % len(SERIES_COLORS)]
        points = [(_x(a, liste, largeur), _y(v, ticks)) for a, v in series.points]
        if len(points) > 1:
            body.append(_polyline(points, color))
        for x, y in points:
            body.append(f'<circle cx="{num(LEFT + x)}" cy="{num(TOP + y)}" r="4" fill="{color}"/>')
    ligne = TOP + TRACE + 28
    for ordinal, curve in enumerate(captions):
        ligne += CAPTION_LINE
        if curve is mesure.trajectoire:
            stroke = f'stroke="{TRAJECTOIRE_COLOR}" stroke-dasharray="6 4"'
            libelle = curve.libelle + " ; carré : référence, losange : cible"
        else:
            index = ordinal - (1 if mesure.trajectoire is not None else 0)
            stroke = f'stroke="{SERIES_COLORS[index % len(SERIES_COLORS)]}"'
            libelle = curve.libelle
        body.append(
            f'<line x1="{LEFT}" y1="{ligne - 4}" x2="{LEFT + 28}" y2="{ligne - 4}" '
            f'{stroke} stroke-width="2"/>'
        )
        body.append(text_tag(LEFT + 36, ligne, libelle))
    body.append("</svg>")
    return "\n".join(body) + "\n"
