"""Les graphiques des DOCX : le SVG même des annexes HTML, rendu en PNG par resvg.

Un seul dessin pour tous les formats (svg.py, indicator_svg.py) : mêmes barres, mêmes courbes,
mêmes graduations, et la police des documents (Calibri, ou Carlito qui a ses métriques), celle
que nomme le SVG. Le SVG garde ce qu'il faut à un lecteur d'écran (titre, description, tableau des
valeurs en HTML) ; l'image du DOCX reçoit son texte de remplacement de l'appelant.

Rendu reproductible : resvg ne lit ni l'heure ni un réglage global et n'écrit aucune métadonnée
dans le PNG ; mêmes données et mêmes polices, mêmes octets. Rien n'est changé dans le processus.
"""

from __future__ import annotations

# 760 px de SVG → 1 900 px d'image : environ 280 points par pouce sur les 170 mm d'une page A4.
ZOOM = 2.5
BACKGROUND = "#ffffff"


def svg_png(svg: str, *, zoom: float = ZOOM) -> bytes:
    """Le PNG d'un SVG des annexes, sur fond blanc, agrandi `zoom` fois."""
    import resvg_py  # chargé au rendu DOCX seulement

    return bytes(resvg_py.svg_to_bytes(svg_string=svg, zoom=zoom, background=BACKGROUND))
