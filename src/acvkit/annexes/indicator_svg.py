"""Le graphique d'un indicateur en SVG (annexe 8.3, HTML) : valeurs observées, référence, cible, trajectoire.

Mêmes principes que svg.py : textes échappés pour XML, coordonnées exactes écrites à deux
décimales au plus. Le graphique porte un titre (aria-labelledby) et renvoie (aria-describedby) à
une description écrite dans la page ; un tableau de données donne exactement les valeurs tracées.
Les graduations et l'échelle sont partagées avec l'image du DOCX (indicator_charts.py).
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from fractions import Fraction

from acvkit.annexes.evaluation_mesures import MesureIndicateur
from acvkit.annexes.svg import ENCRE, FONT, GRIS, TRAIT, esc, num, text_tag
from acvkit.indicateurs.nombres import nombre_fr

# Couleurs des séries observées : contraste d'au moins 4,5:1 sur fond blanc.
COULEURS = ("#1f3864", "#a03c00", "#1e6b2f", "#6a1b9a", "#00606b")
COULEUR_TRAJECTOIRE = GRIS

LARGEUR = 640
GAUCHE = 72
DROITE = 24
HAUT = 16
TRACE = 180  # hauteur de la zone de tracé
LEGENDE_LIGNE = 18


def graduations(valeurs: list[Decimal]) -> list[Decimal]:
    """Des graduations « rondes » (1, 2 ou 5 × 10ⁿ) qui encadrent toutes les valeurs."""
    bas, haut = min(valeurs), max(valeurs)
    if bas == haut:
        marge = abs(bas) / 10 if bas else Decimal(1)
        bas, haut = bas - marge, haut + marge
    brut = (haut - bas) / 4
    magnitude = Decimal(1).scaleb(brut.adjusted())
    pas = next(
        m * magnitude
        for m in (Decimal(1), Decimal(2), Decimal(5), Decimal(10))
        if brut <= m * magnitude
    )
    debut = (bas / pas).to_integral_value(rounding=ROUND_FLOOR) * pas
    fin = (haut / pas).to_integral_value(rounding=ROUND_CEILING) * pas
    out = []
    courant = debut
    while courant <= fin:
        out.append(courant.normalize() if courant else Decimal(0))
        courant += pas
    return out


def annees(mesure: MesureIndicateur) -> list[int]:
    toutes = {a for c in mesure.courbes for a, _ in c.points}
    return list(range(min(toutes), max(toutes) + 1))


def _x(annee: int, liste: list[int], largeur: int) -> Fraction:
    if len(liste) == 1:
        return Fraction(largeur, 2)
    return Fraction(annee - liste[0], liste[-1] - liste[0]) * largeur


def _y(valeur: Decimal, ticks: list[Decimal]) -> Fraction:
    bas, haut = Fraction(ticks[0]), Fraction(ticks[-1])
    return (haut - Fraction(valeur)) / (haut - bas) * TRACE


def _polyline(points: list[tuple[Fraction, Fraction]], couleur: str, extra: str = "") -> str:
    coords = " ".join(f"{num(GAUCHE + x)},{num(HAUT + y)}" for x, y in points)
    return f'<polyline points="{coords}" fill="none" stroke="{couleur}" stroke-width="2"{extra}/>'


def indicator_svg(mesure: MesureIndicateur) -> str:
    """Le graphique d'un indicateur, prêt à insérer dans une page HTML."""
    ident = f"graphique-{mesure.id}"
    liste = annees(mesure)
    ticks = graduations([v for c in mesure.courbes for _, v in c.points])
    largeur = LARGEUR - GAUCHE - DROITE
    legendes = [*mesure.courbes]
    hauteur = HAUT + TRACE + 28 + LEGENDE_LIGNE * len(legendes) + 8
    titre = f"{mesure.id} : {mesure.intitule}" + (f" ({mesure.unite})" if mesure.unite else "")
    corps: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {LARGEUR} {hauteur}" '
        f'width="{LARGEUR}" height="{hauteur}" role="img" aria-labelledby="{ident}-titre" '
        f'aria-describedby="{ident}-description" font-family="{esc(FONT)}" font-size="12" '
        f'fill="{ENCRE}">',
        f'<title id="{ident}-titre">{esc(titre)}</title>',
    ]
    for tick in ticks:
        y = HAUT + _y(tick, ticks)
        corps.append(
            f'<line x1="{GAUCHE}" y1="{num(y)}" x2="{GAUCHE + largeur}" y2="{num(y)}" '
            f'stroke="{TRAIT}" stroke-width="0.5"/>'
        )
        corps.append(text_tag(GAUCHE - 6, y + 4, nombre_fr(tick), text_anchor="end"))
    for annee in liste:
        x = GAUCHE + _x(annee, liste, largeur)
        corps.append(text_tag(x, HAUT + TRACE + 18, str(annee), text_anchor="middle"))
    if mesure.trajectoire is not None:
        points = [(_x(a, liste, largeur), _y(v, ticks)) for a, v in mesure.trajectoire.points]
        corps.append(_polyline(points, COULEUR_TRAJECTOIRE, ' stroke-dasharray="6 4"'))
    if mesure.reference is not None:
        a, v = mesure.reference
        x, y = GAUCHE + _x(a, liste, largeur), HAUT + _y(v, ticks)
        corps.append(
            f'<rect x="{num(x - 5)}" y="{num(y - 5)}" width="10" height="10" fill="#ffffff" '
            f'stroke="{COULEUR_TRAJECTOIRE}" stroke-width="2"/>'
        )
    for a, v in mesure.cibles:
        x, y = GAUCHE + _x(a, liste, largeur), HAUT + _y(v, ticks)
        corps.append(
            f'<polygon points="{num(x)},{num(y - 7)} {num(x + 7)},{num(y)} {num(x)},{num(y + 7)} '
            f'{num(x - 7)},{num(y)}" fill="#ffffff" stroke="{COULEUR_TRAJECTOIRE}" stroke-width="2"/>'
        )
    for rang, serie in enumerate(mesure.series):
        couleur = COULEURS[rang % len(COULEURS)]
        points = [(_x(a, liste, largeur), _y(v, ticks)) for a, v in serie.points]
        if len(points) > 1:
            corps.append(_polyline(points, couleur))
        for x, y in points:
            corps.append(
                f'<circle cx="{num(GAUCHE + x)}" cy="{num(HAUT + y)}" r="4" fill="{couleur}"/>'
            )
    ligne = HAUT + TRACE + 28
    for rang, courbe in enumerate(legendes):
        ligne += LEGENDE_LIGNE
        if courbe is mesure.trajectoire:
            trait = f'stroke="{COULEUR_TRAJECTOIRE}" stroke-dasharray="6 4"'
            libelle = courbe.libelle + " ; carré : référence, losange : cible"
        else:
            index = rang - (1 if mesure.trajectoire is not None else 0)
            trait = f'stroke="{COULEURS[index % len(COULEURS)]}"'
            libelle = courbe.libelle
        corps.append(
            f'<line x1="{GAUCHE}" y1="{ligne - 4}" x2="{GAUCHE + 28}" y2="{ligne - 4}" '
            f'{trait} stroke-width="2"/>'
        )
        corps.append(text_tag(GAUCHE + 36, ligne, libelle))
    corps.append("</svg>")
    return "\n".join(corps) + "\n"
