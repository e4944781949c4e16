"""Le XML WordprocessingML des tableaux et paragraphes, écrit directement avec lxml.

python-docx crée chaque élément (run, cellule, propriété) par des objets qui cherchent, à chaque
ajout, la bonne place parmi les enfants possibles (get_or_add, xpath) : des centaines de milliers
d'appels pour une annexe de quelques milliers de fiches. Ici les mêmes éléments sont créés un à un
avec `lxml.etree.SubElement`, dans l'ordre du schéma, avec les mêmes attributs dans le même ordre :
le document écrit est le même, octet pour octet (tests/test_docx_lineaire.py le vérifie).

Le texte n'est jamais interprété : il est affecté à `w:t` par lxml (qui l'échappe), après
`safe_text` (caractères interdits en XML 1.0 remplacés par « � »).
"""

from __future__ import annotations

import re
from typing import Any

from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import parse_xml
from lxml.etree import SubElement  # type: ignore[import-untyped]

from acvkit.views.typography import without_private_use

# XML 1.0 n'admet pas les caractères de contrôle (sauf tabulation et fin de ligne) : un texte
# qui en contient (signalé par CON005) ferait échouer l'écriture du DOCX. On les montre comme
# « � », le carré que le lecteur aurait vu de toute façon.
_OUTSIDE_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def safe_text(texte: str) -> str:
    """Le texte tel quel, sauf les caractères que XML interdit et les puces d'usage privé."""
    return _OUTSIDE_XML.sub("\ufffd", without_private_use(texte))


# Les noms qualifiés, calculés une fois (qn() découpe la chaîne à chaque appel).
P = qn("w:p")
PPR = qn("w:pPr")
PSTYLE = qn("w:pStyle")
SPACING = qn("w:spacing")
JC = qn("w:jc")
R = qn("w:r")
RPR = qn("w:rPr")
B = qn("w:b")
I = qn("w:i")  # noqa: E741  (le nom de l'élément WordprocessingML)
COLOR = qn("w:color")
SZ = qn("w:sz")
T = qn("w:t")
TAB = qn("w:tab")
BR = qn("w:br")
SOFT_HYPHEN = qn("w:softHyphen")
_BREAKS = {"\t": TAB, "\r": BR, "\n": BR, "\u00ad": SOFT_HYPHEN}
TR = qn("w:tr")
TRPR = qn("w:trPr")
CANTSPLIT = qn("w:cantSplit")
TC = qn("w:tc")
TCPR = qn("w:tcPr")
TCW = qn("w:tcW")
SHD = qn("w:shd")
VALIGN = qn("w:vAlign")
VAL = qn("w:val")
TYPE = qn("w:type")
W = qn("w:w")
FILL = qn("w:fill")
COLOR_ATTR = qn("w:color")
BEFORE = qn("w:before")
AFTER = qn("w:after")
LINE = qn("w:line")
LINERULE = qn("w:lineRule")
SPACE = qn("xml:space")
_HEX_COLOR = re.compile("[0-9A-Fa-f]{6}")

# Le rang de chaque enfant possible de w:pPr et w:tcPr dans l'ordre du schéma (celui que
# python-docx respecte) : un enfant ajouté à un élément existant prend sa place.
# (Listes de python-docx 1.2, qui ne les garde pas après la définition de ses classes.)
_PPR_ORDER = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
    "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
    "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
    "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
    "rPr sectPr pPrChange"
)
_TCPR_ORDER = (
    "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText "
    "vAlign hideMark headers cellIns cellDel cellMerge tcPrChange"
)


def _ranks(order: str) -> dict[str, int]:
    return {qn(f"w:{nom}"): ordinal for ordinal, nom in enumerate(order.split())}


_PPR_RANKS = _ranks(_PPR_ORDER)
PPR_RANKS = _PPR_RANKS
_TCPR_RANKS = _ranks(_TCPR_ORDER)


def child(parent: Any, tag: str, ranks: dict[str, int]) -> Any:
    """L'enfant `tag` de `parent`, créé à sa place (ordre du schéma) s'il n'existe pas encore.

    Un seul parcours des enfants (quelques-uns au plus), sans ElementPath.
    """
    ordinal = ranks[tag]
    for next_node in parent:
        nom = next_node.tag
        if nom == tag:
            return next_node
        if ranks.get(nom, -1) > ordinal:
            element = parent.makeelement(tag, {})
            next_node.addprevious(element)
            return element
    return SubElement(parent, tag)


def _first_child(parent: Any, tag: str) -> Any:
    """L'enfant `tag` qui doit venir en premier (w:pPr, w:tcPr), créé s'il manque."""
    first = parent[0] if len(parent) else None
    if first is not None and first.tag == tag:
        return first
    element = parent.makeelement(tag, {})
    parent.insert(0, element)
    return element


def ppr(p: Any) -> Any:
    """Le w:pPr du paragraphe, toujours son premier enfant."""
    return _first_child(p, PPR)


def tcpr(tc: Any) -> Any:
    """Le w:tcPr de la cellule, toujours son premier enfant."""
    return _first_child(tc, TCPR)


def set_paragraph_style(p: Any, style_id: str) -> None:
    child(ppr(p), PSTYLE, _PPR_RANKS).set(VAL, style_id)


def _prototype(xml: str) -> Any:
    """Un élément modèle (analysé une fois, par l'analyseur de python-docx), copié (`__copy__` de lxml,
    profonde, faite par libxml2) à chaque usage : bien moins cher que ses éléments un à un."""
    nom, reste = re.match(r"(<w:\w+)(.*)", xml, re.DOTALL).groups()  # type: ignore[union-attr]
    return parse_xml(f"{nom} {nsdecls('w')}{reste}")


_SPACING_XML = '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
_PPR_TIGHT = _prototype(f"<w:pPr>{_SPACING_XML}</w:pPr>")
_PPR_TIGHT_RIGHT = _prototype(f'<w:pPr>{_SPACING_XML}<w:jc w:val="right"/></w:pPr>')
_VALIGN_TOP = _prototype('<w:vAlign w:val="top"/>')


def tighten(p: Any, *, right: bool = False) -> None:
    """Aucun espace avant ni après, interligne simple (w:spacing 0 / 0 / 240 auto) ; à droite
    (w:jc right) si demandé."""
    if not len(p):  # paragraphe neuf : les propriétés d'un coup
        p.append((_PPR_TIGHT_RIGHT if right else _PPR_TIGHT).__copy__())
        return
    spacing = child(ppr(p), SPACING, _PPR_RANKS)
    spacing.set(BEFORE, "0")
    spacing.set(AFTER, "0")
    spacing.set(LINE, "240")
    spacing.set(LINERULE, "auto")
    if right:
        align(p, "right")


def align(p: Any, valeur: str) -> None:
    """w:jc : « right », « center »…"""
    child(ppr(p), JC, _PPR_RANKS).set(VAL, valeur)


def top(tc: Any) -> None:
    """Contenu de la cellule en haut (w:vAlign top)."""
    properties = tcpr(tc)
    last = properties[-1].tag if len(properties) else None
    if last in (TCW, SHD):  # cellule neuve, tramée ou non : w:vAlign vient en dernier
        properties.append(_VALIGN_TOP.__copy__())
        return
    child(properties, VALIGN, _TCPR_RANKS).set(VAL, "top")


def shade(tc: Any, color: str) -> None:
    """Fond uni (w:shd), à sa place parmi les propriétés de la cellule."""
    properties = tcpr(tc)
    for old in properties.findall(SHD):
        properties.remove(old)
    shd = child(properties, SHD, _TCPR_RANKS)
    shd.set(VAL, "clear")
    shd.set(COLOR_ATTR, "auto")
    shd.set(FILL, color)


_RUN_PROTOTYPES: dict[tuple[bool, bool, str | None, str | None], Any] = {}


def _run_prototype(bold: bool, italic: bool, color: str | None, half_points: str | None) -> Any:
    """Le w:r vide aux propriétés demandées, dans l'ordre du schéma (b, i, color, sz)."""
    key = (bold, italic, color, half_points)
    model = _RUN_PROTOTYPES.get(key)
    if model is None:
        properties = "".join(
            (
                "<w:b/>" if bold else "",
                "<w:i/>" if italic else "",
                f'<w:color w:val="{color}"/>' if color is not None else "",
                f'<w:sz w:val="{half_points}"/>' if half_points is not None else "",
            )
        )
        model = _prototype(f"<w:r><w:rPr>{properties}</w:rPr></w:r>" if properties else "<w:r/>")
        _RUN_PROTOTYPES[key] = model
    return model


def run(
    p: Any,
    texte: str,
    *,
    bold: bool = False,
    italic: bool = False,
    half_points: str | None = None,
    color: str | None = None,
) -> Any:
    """Un w:r à la fin du paragraphe : propriétés dans l'ordre du schéma, puis le texte.

    Comme python-docx : une tabulation devient w:tab, une fin de ligne w:br, le reste des w:t
    (avec xml:space="preserve" quand le texte commence ou finit par un blanc).
    """
    if color is not None and not _HEX_COLOR.fullmatch(color):
        raise ValueError(f"couleur invalide : {color!r}")
    r = _run_prototype(bold, italic, color, half_points).__copy__()
    p.append(r)
    if texte:
        contenu(r, texte)
    return r


SHY = "\u00ad"


def contenu(r: Any, texte: str) -> None:
    """Le texte du run : w:t, w:tab, w:br et w:softHyphen (trait d'union conditionnel), texte
    affecté par lxml (jamais interprété)."""
    if "\t" not in texte and "\n" not in texte and "\r" not in texte and SHY not in texte:
        _t(r, texte)
        return
    piece: list[str] = []
    for char in texte:
        if char in "\t\r\n\u00ad":
            if piece:
                _t(r, "".join(piece))
                piece.clear()
            SubElement(r, _BREAKS[char])
        else:
            piece.append(char)
    if piece:
        _t(r, "".join(piece))


def _t(r: Any, texte: str) -> None:
    t = SubElement(r, T)
    t.text = texte
    if len(texte.strip()) < len(texte):
        t.set(SPACE, "preserve")


_ROW_PROTOTYPES: dict[tuple[str, ...], Any] = {}


def ligne(tbl: Any, largeurs_twips: tuple[str, ...]) -> tuple[Any, list[Any]]:
    """Une w:tr insécable (w:cantSplit), une w:tc par largeur avec son paragraphe vide."""
    model = _ROW_PROTOTYPES.get(largeurs_twips)
    if model is None:
        cells_xml = "".join(
            f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{int(largeur)}"/></w:tcPr><w:p/></w:tc>'
            for largeur in largeurs_twips
        )
        model = _prototype(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells_xml}</w:tr>")
        _ROW_PROTOTYPES[largeurs_twips] = model
    tr = model.__copy__()
    tbl.append(tr)
    return tr, list(tr)[1:]


def paragraphe(parent: Any) -> Any:
    """Un w:p vide à la fin de `parent` (une cellule)."""
    return SubElement(parent, P)


def first_paragraph(tc: Any) -> Any:
    """Le premier w:p de la cellule : juste après w:tcPr dans une cellule neuve."""
    if len(tc) > 1:
        second = tc[1]
        if second.tag == P and tc[0].tag == TCPR:
            return second
    return tc.find(P)
