"""Graphiques SVG des annexes, en Python pur : le calendrier pluriannuel et les barres de coûts.

Chaque texte inséré est échappé pour XML (markupsafe.escape) : le HTML peut donc insérer ces SVG
tels quels. Les coordonnées sont calculées en fractions exactes puis écrites à deux décimales au
plus : mêmes données, mêmes octets.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction

from markupsafe import escape

from acvkit.annexes.context import Barre, Programmation, Segment
from acvkit.views.typographie import POLICE_CSS

FONT = POLICE_CSS  # la police du corps des annexes (HTML et DOCX)
ENCRE = "#1a1a1a"
GRIS = "#5c5c5c"
TRAIT = "#9a9a9a"
ZEBRE = "#f2f4f7"
AVENANT = "#dbe7f5"
AVENANT_BORD = "#2f5d8a"
# Phases successives d'une même fiche, en alternance : contraste d'au moins 3:1 entre elles
# (4,2:1) et avec chaque fond du calendrier (blanc, ligne zébrée, période de l'avenant).
BARRES = ("#0b1f3a", "#2e86c1")
PHASES = ("1re phase ou action entière", "2e phase")

Nombre = int | Fraction | Decimal
CENTIEME = Decimal("0.01")


def num(valeur: Nombre) -> str:
    """Une coordonnée : deux décimales au plus, sans zéros inutiles (« 12 », « 12.5 », « 12.34 »)."""
    if isinstance(valeur, Fraction):
        valeur = Decimal(valeur.numerator) / Decimal(valeur.denominator)
    arrondi = Decimal(valeur).quantize(CENTIEME, rounding=ROUND_HALF_EVEN)
    texte = f"{arrondi:f}".rstrip("0").rstrip(".")
    return "0" if texte in ("", "-0") else texte


def esc(texte: str) -> str:
    """Un texte échappé pour XML, contenu ou valeur d'attribut (& < > " ')."""
    return str(escape(texte))


def text_tag(x: Nombre, y: Nombre, texte: str, **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{esc(v)}"' for k, v in attrs.items())
    return f'<text x="{num(x)}" y="{num(y)}"{extra}>{esc(texte)}</text>'


def _rect(x: Nombre, y: Nombre, w: Nombre, h: Nombre, fill: str, extra: str = "") -> str:
    return (
        f'<rect x="{num(x)}" y="{num(y)}" width="{num(w)}" height="{num(h)}" fill="{fill}"{extra}/>'
    )


def _svg(
    largeur: int,
    hauteur: Nombre,
    titre: str,
    corps: list[str],
    ident: str | None = None,
    decrit_par: str | None = None,
) -> str:
    """Le SVG, nommé par son <title> (lu une fois) ; `decrit_par` : l'id de sa description."""
    nom = f'aria-labelledby="{esc(ident)}-titre"' if ident else f'aria-label="{esc(titre)}"'
    description = f' aria-describedby="{esc(decrit_par)}"' if decrit_par else ""
    entete = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {largeur} {num(hauteur)}" '
        f'width="{largeur}" height="{num(hauteur)}" role="img" {nom}{description} '
        f'font-family="{esc(FONT)}" font-size="12" fill="{ENCRE}">'
    )
    balise = f'<title id="{esc(ident)}-titre">' if ident else "<title>"
    return "\n".join([entete, f"{balise}{esc(titre)}</title>", *corps, "</svg>"]) + "\n"


# --- Calendrier pluriannuel --------------------------------------------------------------------

T_LARGEUR = 760
T_LIBELLE = 58  # colonne « FA n »
T_MARGE = 8
T_BANDEAU = 18  # ligne « Période de l'avenant »
T_ANNEES = 22  # ligne des années
T_LIGNE = 22
T_LEGENDE = 34


def _position(jour: date, premiere: int, colonne: Fraction) -> Fraction:
    """Abscisse d'un jour (à 0 h) : la colonne de son année, plus la fraction d'année écoulée."""
    debut = date(jour.year, 1, 1)
    longueur = (date(jour.year + 1, 1, 1) - debut).days
    ecoule = Fraction((jour - debut).days, longueur)
    return T_LIBELLE + colonne * (jour.year - premiere + ecoule)


def _voies(segments: Sequence[Segment]) -> list[int]:
    """La voie de chaque segment dans sa ligne : des phases qui se chevauchent sont superposées,
    des phases successives partagent la même voie (et se distinguent par leur teinte)."""
    fins: list[date] = []  # dernier jour occupé de chaque voie
    out = []
    for segment in segments:
        voie = next((i for i, fin in enumerate(fins) if fin < segment.debut), len(fins))
        if voie == len(fins):
            fins.append(segment.fin)
        else:
            fins[voie] = segment.fin
        out.append(voie)
    return out


def _non_date(texte: str) -> str:
    """Ce que la ligne d'une fiche sans date écrit : ses dates telles qu'écrites, s'il y en a."""
    if set(texte) <= set("–→… "):
        return "calendrier non renseigné"
    return f"calendrier non daté : {texte}"


def timeline_svg(
    programmation: Programmation, ident: str | None = None, decrit_par: str | None = None
) -> str:
    """Diagramme de Gantt par années : une ligne par fiche, la période de l'avenant ombrée."""
    annees = programmation.annees
    premiere = programmation.premiere_annee
    colonne = Fraction(T_LARGEUR - T_LIBELLE - T_MARGE, len(annees))
    haut = T_BANDEAU + T_ANNEES
    bas = haut + T_LIGNE * len(programmation.lignes)
    hauteur = bas + T_LEGENDE

    def x(jour: date) -> Fraction:
        return _position(jour, premiere, colonne)

    corps: list[str] = []
    # Lignes alternées, derrière tout le reste.
    for i, _ligne in enumerate(programmation.lignes):
        if i % 2 == 1:
            corps.append(_rect(0, haut + i * T_LIGNE, T_LARGEUR - T_MARGE, T_LIGNE, ZEBRE))
    # La période de l'avenant : bande ombrée bordée de tirets, sur toute la hauteur.
    x0 = x(programmation.debut_avenant)
    x1 = x(programmation.fin_avenant + timedelta(days=1))
    corps.append(_rect(x0, T_BANDEAU, x1 - x0, bas - T_BANDEAU, AVENANT, ' fill-opacity="0.55"'))
    for bord in (x0, x1):
        corps.append(
            f'<line x1="{num(bord)}" y1="{T_BANDEAU}" x2="{num(bord)}" y2="{num(bas)}" '
            f'stroke="{AVENANT_BORD}" stroke-width="1.2" stroke-dasharray="4 3"/>'
        )
    corps.append(
        text_tag(
            (x0 + x1) / 2,
            T_BANDEAU - 5,
            "Période de l'avenant",
            text_anchor="middle",
            font_size="11",
            fill=AVENANT_BORD,
            font_weight="bold",
        )
    )
    # Années : en-têtes et séparateurs verticaux.
    for i, annee in enumerate(annees):
        gauche = T_LIBELLE + colonne * i
        corps.append(
            text_tag(
                gauche + colonne / 2,
                T_BANDEAU + T_ANNEES - 7,
                str(annee),
                text_anchor="middle",
                font_weight="bold",
            )
        )
    for i in range(len(annees) + 1):
        gauche = T_LIBELLE + colonne * i
        corps.append(
            f'<line x1="{num(gauche)}" y1="{T_BANDEAU}" x2="{num(gauche)}" y2="{num(bas)}" '
            f'stroke="{TRAIT}" stroke-width="0.6"/>'
        )
    corps.append(
        f'<line x1="0" y1="{haut}" x2="{T_LARGEUR - T_MARGE}" y2="{haut}" '
        f'stroke="{TRAIT}" stroke-width="0.8"/>'
    )
    # Une ligne par fiche ; ses segments se partagent la hauteur de la ligne.
    for i, ligne in enumerate(programmation.lignes):
        y = haut + i * T_LIGNE
        corps.append(text_tag(6, y + T_LIGNE // 2 + 4, f"FA {ligne.numero}", font_weight="bold"))
        if not ligne.segments:
            corps.append(
                text_tag(
                    T_LIBELLE + 6,
                    y + T_LIGNE // 2 + 4,
                    _non_date(ligne.texte),
                    font_size="11",
                    font_style="italic",
                    fill=GRIS,
                )
            )
            continue
        voies = _voies(ligne.segments)
        hauteur_voie = Fraction(T_LIGNE - 8) / (max(voies) + 1)
        for j, (segment, voie) in enumerate(zip(ligne.segments, voies, strict=True)):
            debut = x(segment.debut)
            fin = x(segment.fin + timedelta(days=1))
            bulle = f"FA {ligne.numero} – {segment.libelle} : {segment.texte}"
            hauteur_barre = hauteur_voie - 1 if max(voies) > 0 else hauteur_voie
            corps.append(
                f'<rect x="{num(debut)}" y="{num(y + 4 + hauteur_voie * voie)}" '
                f'width="{num(fin - debut)}" height="{num(hauteur_barre)}" '
                f'fill="{BARRES[j % len(BARRES)]}" rx="2"><title>{esc(bulle)}</title></rect>'
            )
    # Légende : chaque teinte nomme sa phase (la 2e seulement si une fiche en a une).
    y = bas + 14
    phases = 2 if any(len(ligne.segments) > 1 for ligne in programmation.lignes) else 1
    for k in range(phases):
        x_legende = T_LIBELLE + 200 * k
        corps.append(_rect(x_legende, y - 9, 22, 10, BARRES[k], ' rx="2"'))
        corps.append(text_tag(x_legende + 28, y, PHASES[k], font_size="11"))
    x_legende = T_LIBELLE + 100 + 100 * phases
    corps.append(
        _rect(
            x_legende,
            y - 9,
            22,
            10,
            AVENANT,
            f' stroke="{AVENANT_BORD}" stroke-dasharray="4 3" stroke-width="1"',
        )
    )
    corps.append(
        text_tag(
            x_legende + 28,
            y,
            f"Période de l'avenant ({programmation.debut_avenant:%d/%m/%Y}"
            f" – {programmation.fin_avenant:%d/%m/%Y})",
            font_size="11",
        )
    )
    titre = (
        f"Calendrier pluriannuel des fiches action, {annees[0]}-{annees[-1]}"
        if len(annees) > 1
        else f"Calendrier des fiches action, {annees[0]}"
    )
    return _svg(T_LARGEUR, hauteur, titre, corps, ident, decrit_par)


# --- Barres horizontales -----------------------------------------------------------------------

B_LARGEUR = 760
B_TITRE = 28
B_LIGNE_TEXTE = 15
B_BARRE = 14
B_ECART = 12
B_MONTANT = 130  # place à droite de la plus longue barre pour son montant
B_CARACTERES = 115  # libellé replié au-delà (police de 11 px)


def bars_svg(
    barres: Sequence[Barre], title: str, ident: str | None = None, decrit_par: str | None = None
) -> str:
    """Barres horizontales : libellé au-dessus de chaque barre, montant écrit à sa droite."""
    maximum = max((b.valeur for b in barres), default=Decimal(0))
    longueur_max = B_LARGEUR - B_MONTANT
    corps = [text_tag(0, 16, title, font_size="13", font_weight="bold")]
    y = Fraction(B_TITRE)
    for barre in barres:
        for ligne in textwrap.wrap(barre.libelle, B_CARACTERES, break_on_hyphens=False) or [""]:
            y += B_LIGNE_TEXTE
            corps.append(text_tag(0, y - 3, ligne, font_size="11"))
        longueur = (
            Fraction(barre.valeur) / Fraction(maximum) * longueur_max
            if maximum > 0
            else Fraction(0)
        )
        y += 3
        corps.append(
            f'<line x1="0" y1="{num(y)}" x2="0" y2="{num(y + B_BARRE)}" stroke="{TRAIT}"/>'
        )
        if longueur > 0:
            corps.append(_rect(0, y, longueur, B_BARRE, BARRES[0]))
        corps.append(
            text_tag(longueur + 6, y + B_BARRE - 3, barre.texte, font_size="11", font_weight="bold")
        )
        y += B_BARRE + B_ECART
    return _svg(B_LARGEUR, y, title, corps, ident, decrit_par)
