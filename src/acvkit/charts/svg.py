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

from acvkit.annexes.context import Bar, Programmation, Segment
from acvkit.views.typography import CSS_FONT

FONT = CSS_FONT  # la police du corps des annexes (HTML et DOCX)
INK = "#1a1a1a"
GREY = "#5c5c5c"
STROKE = "#9a9a9a"
ZEBRA = "#f2f4f7"
AVENANT = "#dbe7f5"
AVENANT_BORDER = "#2f5d8a"
# Phases successives d'une même fiche, en alternance : contraste d'au moins 3:1 entre elles
# (4,2:1) et avec chaque fond du calendrier (blanc, ligne zébrée, période de l'avenant).
BAR_COLORS = ("#0b1f3a", "#2e86c1")
PHASES = ("1re phase ou action entière", "2e phase")

Number = int | Fraction | Decimal
HUNDREDTH = Decimal("0.01")


def num(valeur: Number) -> str:
    """Une coordonnée : deux décimales au plus, sans zéros inutiles (« 12 », « 12.5 », « 12.34 »)."""
    if isinstance(valeur, Fraction):
        valeur = Decimal(valeur.numerator) / Decimal(valeur.denominator)
    round_to = Decimal(valeur).quantize(HUNDREDTH, rounding=ROUND_HALF_EVEN)
    texte = f"{round_to:f}".rstrip("0").rstrip(".")
    return "0" if texte in ("", "-0") else texte


def esc(texte: str) -> str:
    """Un texte échappé pour XML, contenu ou valeur d'attribut (& < > " ')."""
    return str(escape(texte))


def text_tag(x: Number, y: Number, texte: str, **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{esc(v)}"' for k, v in attrs.items())
    return f'<text x="{num(x)}" y="{num(y)}"{extra}>{esc(texte)}</text>'


def _rect(x: Number, y: Number, w: Number, h: Number, fill: str, extra: str = "") -> str:
    return (
        f'<rect x="{num(x)}" y="{num(y)}" width="{num(w)}" height="{num(h)}" fill="{fill}"{extra}/>'
    )


def _svg(
    largeur: int,
    height: Number,
    titre: str,
    body: list[str],
    ident: str | None = None,
    described_by: str | None = None,
) -> str:
    """Le SVG, nommé par son <title> (lu une fois) ; `decrit_par` : l'id de sa description."""
    nom = f'aria-labelledby="{esc(ident)}-titre"' if ident else f'aria-label="{esc(titre)}"'
    description = f' aria-describedby="{esc(described_by)}"' if described_by else ""
    entete = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {largeur} {num(height)}" '
        f'width="{largeur}" height="{num(height)}" role="img" {nom}{description} '
        f'font-family="{esc(FONT)}" font-size="12" fill="{INK}">'
    )
    title_tag = f'<title id="{esc(ident)}-titre">' if ident else "<title>"
    return "\n".join([entete, f"{title_tag}{esc(titre)}</title>", *body, "</svg>"]) + "\n"


# --- Calendrier pluriannuel --------------------------------------------------------------------

T_LARGEUR = 760
T_LIBELLE = 58  # colonne « FA n »
T_MARGIN = 8
T_BANNER = 18  # ligne « Période de l'avenant »
T_ANNEES = 22  # ligne des années
T_ROW = 22
T_LEGEND = 34
T_LEGEND_EXTRA = 18  # deuxième ligne de légende : phases numérotées, calendrier de la fiche


def _position(day: date, first: int, colonne: Fraction) -> Fraction:
    """Abscisse d'un jour (à 0 h) : la colonne de son année, plus la fraction d'année écoulée."""
    debut = date(day.year, 1, 1)
    length = (date(day.year + 1, 1, 1) - debut).days
    elapsed = Fraction((day - debut).days, length)
    return T_LIBELLE + colonne * (day.year - first + elapsed)


def _lanes(segments: Sequence[Segment]) -> list[int]:
    """La voie de chaque segment dans sa ligne : des phases qui se chevauchent sont superposées,
    des phases successives partagent la même voie (et se distinguent par leur teinte)."""
    fins: list[date] = []  # dernier jour occupé de chaque voie
    out = []
    for segment in segments:
        lane = next((i for i, fin in enumerate(fins) if fin < segment.debut), len(fins))
        if lane == len(fins):
            fins.append(segment.fin)
        else:
            fins[lane] = segment.fin
        out.append(lane)
    return out


def _undated_label(texte: str) -> str:
    """Ce que la ligne d'une fiche sans date écrit : ses dates telles qu'écrites, s'il y en a."""
    if set(texte) <= set("–→… "):
        return "calendrier non renseigné"
    return f"calendrier non daté : {texte}"


def timeline_svg(
    programmation: Programmation, ident: str | None = None, described_by: str | None = None
) -> str:
    """Diagramme de Gantt par années : une ligne par fiche, la période de l'avenant ombrée."""
    annees = programmation.annees
    first = programmation.premiere_annee
    colonne = Fraction(T_LARGEUR - T_LIBELLE - T_MARGIN, len(annees))
    top = T_BANNER + T_ANNEES
    # Une fiche à plus de deux phases, ou à phases et calendrier propre, a une ligne double : ses
    # barres gardent la hauteur d'y écrire leur numéro.
    row_heights = [
        T_ROW * 2 if len(ligne.segments) > 2 or ligne.cadre is not None else T_ROW
        for ligne in programmation.lignes
    ]
    row_tops = [top + sum(row_heights[:i]) for i in range(len(row_heights))]
    bottom = top + sum(row_heights)
    # Plus de deux phases, ou un calendrier de fiche à côté de ses phases : une ligne de légende
    # de plus (rien ne change pour les autres calendriers).
    with_numbers = any(len(ligne.segments) > 2 for ligne in programmation.lignes)
    with_frame = any(ligne.cadre is not None for ligne in programmation.lignes)
    height = bottom + T_LEGEND + (T_LEGEND_EXTRA if with_numbers or with_frame else 0)

    def x(day: date) -> Fraction:
        return _position(day, first, colonne)

    body: list[str] = []
    # Lignes alternées, derrière tout le reste.
    for i, _row in enumerate(programmation.lignes):
        if i % 2 == 1:
            body.append(_rect(0, row_tops[i], T_LARGEUR - T_MARGIN, row_heights[i], ZEBRA))
    # La période de l'avenant : bande ombrée bordée de tirets, sur toute la hauteur.
    x0 = x(programmation.debut_avenant)
    x1 = x(programmation.fin_avenant + timedelta(days=1))
    body.append(_rect(x0, T_BANNER, x1 - x0, bottom - T_BANNER, AVENANT, ' fill-opacity="0.55"'))
    for edge in (x0, x1):
        body.append(
            f'<line x1="{num(edge)}" y1="{T_BANNER}" x2="{num(edge)}" y2="{num(bottom)}" '
            f'stroke="{AVENANT_BORDER}" stroke-width="1.2" stroke-dasharray="4 3"/>'
        )
    body.append(
        text_tag(
            (x0 + x1) / 2,
            T_BANNER - 5,
            f"Période {programmation.document_of}",
            text_anchor="middle",
            font_size="11",
            fill=AVENANT_BORDER,
            font_weight="bold",
        )
    )
    # Années : en-têtes et séparateurs verticaux.
    for i, annee in enumerate(annees):
        left = T_LIBELLE + colonne * i
        body.append(
            text_tag(
                left + colonne / 2,
                T_BANNER + T_ANNEES - 7,
                str(annee),
                text_anchor="middle",
                font_weight="bold",
            )
        )
    for i in range(len(annees) + 1):
        left = T_LIBELLE + colonne * i
        body.append(
            f'<line x1="{num(left)}" y1="{T_BANNER}" x2="{num(left)}" y2="{num(bottom)}" '
            f'stroke="{STROKE}" stroke-width="0.6"/>'
        )
    body.append(
        f'<line x1="0" y1="{top}" x2="{T_LARGEUR - T_MARGIN}" y2="{top}" '
        f'stroke="{STROKE}" stroke-width="0.8"/>'
    )
    # Une ligne par fiche ; ses segments se partagent la hauteur de la ligne.
    for i, ligne in enumerate(programmation.lignes):
        y = row_tops[i]
        row_height = row_heights[i]
        body.append(text_tag(6, y + row_height // 2 + 4, f"FA {ligne.numero}", font_weight="bold"))
        if not ligne.segments:
            body.append(
                text_tag(
                    T_LIBELLE + 6,
                    y + row_height // 2 + 4,
                    _undated_label(ligne.texte),
                    font_size="11",
                    font_style="italic",
                    fill=GREY,
                )
            )
            continue
        lanes = _lanes(ligne.segments)
        # Sous les barres, la place du calendrier propre de la fiche quand elle en a un.
        lane_height = Fraction(row_height - 8 - (6 if ligne.cadre else 0)) / (max(lanes) + 1)
        for j, (segment, lane) in enumerate(zip(ligne.segments, lanes, strict=True)):
            debut = x(segment.debut)
            fin = x(segment.fin + timedelta(days=1))
            tooltip = f"FA {ligne.numero} – {segment.libelle} : {segment.texte}"
            bar_height = lane_height - 1 if max(lanes) > 0 else lane_height
            body.append(
                f'<rect x="{num(debut)}" y="{num(y + 4 + lane_height * lane)}" '
                f'width="{num(fin - debut)}" height="{num(bar_height)}" '
                f'fill="{BAR_COLORS[j % len(BAR_COLORS)]}" rx="2"><title>{esc(tooltip)}</title></rect>'
            )
            if len(ligne.segments) > 2:
                # Plus de deux phases : chacune porte son numéro (la teinte seule alternerait).
                label_y = y + 4 + lane_height * lane + bar_height / 2 + 3
                inside = fin - debut >= 12
                body.append(
                    text_tag(
                        (debut + fin) / 2 if inside else fin + 2,
                        label_y,
                        str(j + 1),
                        text_anchor="middle" if inside else "start",
                        font_size="9",
                        font_weight="bold",
                        fill="#ffffff" if inside else INK,
                    )
                )
        if ligne.cadre is not None:
            # Le calendrier propre de la fiche, sous ses phases : un trait à deux butées.
            debut, fin = x(ligne.cadre.debut), x(ligne.cadre.fin + timedelta(days=1))
            base_y = y + row_height - 3
            body.append(
                f'<path d="M{num(debut)} {num(base_y - 3)}V{num(base_y)}H{num(fin)}V{num(base_y - 3)}" '
                f'fill="none" stroke="{INK}" stroke-width="1.2"><title>'
                f"{esc(f'FA {ligne.numero} – calendrier de la fiche : {ligne.cadre.texte}')}"
                "</title></path>"
            )
    # Légende : chaque teinte nomme sa phase (la 2e seulement si une fiche en a une).
    y = bottom + 14
    phases = 2 if any(len(ligne.segments) > 1 for ligne in programmation.lignes) else 1
    for k in range(phases):
        x_legend = T_LIBELLE + 200 * k
        body.append(_rect(x_legend, y - 9, 22, 10, BAR_COLORS[k], ' rx="2"'))
        body.append(text_tag(x_legend + 28, y, PHASES[k], font_size="11"))
    x_legend = T_LIBELLE + 100 + 100 * phases
    body.append(
        _rect(
            x_legend,
            y - 9,
            22,
            10,
            AVENANT,
            f' stroke="{AVENANT_BORDER}" stroke-dasharray="4 3" stroke-width="1"',
        )
    )
    body.append(
        text_tag(
            x_legend + 28,
            y,
            f"Période {programmation.document_of} ({programmation.debut_avenant:%d/%m/%Y}"
            f" – {programmation.fin_avenant:%d/%m/%Y})",
            font_size="11",
        )
    )
    y += T_LEGEND_EXTRA
    x_legend = T_LIBELLE
    if with_numbers:
        body.append(
            text_tag(
                x_legend,
                y,
                "1, 2, 3… : numéro de la phase dans la fiche, quand elle en a plus de deux "
                "(teintes alternées)",
                font_size="11",
            )
        )
        x_legend += 420
    if with_frame:
        body.append(
            f'<path d="M{num(x_legend)} {y - 6}V{y - 3}H{num(x_legend + 22)}V{y - 6}" fill="none" '
            f'stroke="{INK}" stroke-width="1.2"/>'
        )
        body.append(
            text_tag(
                x_legend + 28, y, "calendrier de la fiche (lancement → livraison)", font_size="11"
            )
        )
    titre = (
        f"Calendrier pluriannuel des fiches action, {annees[0]}-{annees[-1]}"
        if len(annees) > 1
        else f"Calendrier des fiches action, {annees[0]}"
    )
    return _svg(T_LARGEUR, height, titre, body, ident, described_by)


# --- Barres horizontales -----------------------------------------------------------------------

B_LARGEUR = 760
B_TITRE = 28
B_TEXT_LINE = 15
B_BAR = 14
B_GAP = 12
B_MONTANT = 130  # place à droite de la plus longue barre pour son montant
B_WRAP_CHARS = 115  # libellé replié au-delà (police de 11 px)


def bars_svg(
    barres: Sequence[Bar], title: str, ident: str | None = None, described_by: str | None = None
) -> str:
    """Barres horizontales : libellé au-dessus de chaque barre, montant écrit à sa droite."""
    maximum = max((b.valeur for b in barres), default=Decimal(0))
    length_max = B_LARGEUR - B_MONTANT
    body = [text_tag(0, 16, title, font_size="13", font_weight="bold")]
    y = Fraction(B_TITRE)
    for barre in barres:
        for ligne in textwrap.wrap(barre.libelle, B_WRAP_CHARS, break_on_hyphens=False) or [""]:
            y += B_TEXT_LINE
            body.append(text_tag(0, y - 3, ligne, font_size="11"))
        length = (
            Fraction(barre.valeur) / Fraction(maximum) * length_max if maximum > 0 else Fraction(0)
        )
        y += 3
        body.append(f'<line x1="0" y1="{num(y)}" x2="0" y2="{num(y + B_BAR)}" stroke="{STROKE}"/>')
        if length > 0:
            body.append(_rect(0, y, length, B_BAR, BAR_COLORS[0]))
        body.append(
            text_tag(length + 6, y + B_BAR - 3, barre.texte, font_size="11", font_weight="bold")
        )
        y += B_BAR + B_GAP
    return _svg(B_LARGEUR, y, title, body, ident, described_by)
