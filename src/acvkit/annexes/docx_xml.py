"""Le XML WordprocessingML des tableaux et paragraphes, écrit directement avec lxml.

python-docx crée chaque élément (run, cellule, propriété) par des objets qui cherchent, à chaque
ajout, la bonne place parmi les enfants possibles (get_or_add, xpath) : des centaines de milliers
d'appels pour une annexe de quelques milliers de fiches. Ici les mêmes éléments sont créés un à un
avec `lxml.etree.SubElement`, dans l'ordre du schéma, avec les mêmes attributs dans le même ordre :
le document écrit est le même, octet pour octet (tests/test_docx_lineaire.py le vérifie).

Le texte n'est jamais interprété : il est affecté à `w:t` par lxml (qui l'échappe), après
`texte_sur` (caractères interdits en XML 1.0 remplacés par « � »).
"""

from __future__ import annotations

import re
from typing import Any

from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import parse_xml
from lxml.etree import SubElement  # type: ignore[import-untyped]

from acvkit.views.typographie import sans_usage_prive

# XML 1.0 n'admet pas les caractères de contrôle (sauf tabulation et fin de ligne) : un texte
# qui en contient (signalé par CON005) ferait échouer l'écriture du DOCX. On les montre comme
# « � », le carré que le lecteur aurait vu de toute façon.
_HORS_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def texte_sur(texte: str) -> str:
    """Le texte tel quel, sauf les caractères que XML interdit et les puces d'usage privé."""
    return _HORS_XML.sub("\ufffd", sans_usage_prive(texte))


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
COULEUR = qn("w:color")
BEFORE = qn("w:before")
AFTER = qn("w:after")
LINE = qn("w:line")
LINERULE = qn("w:lineRule")
ESPACE = qn("xml:space")
_COULEUR = re.compile("[0-9A-Fa-f]{6}")

# Le rang de chaque enfant possible de w:pPr et w:tcPr dans l'ordre du schéma (celui que
# python-docx respecte) : un enfant ajouté à un élément existant prend sa place.
# (Listes de python-docx 1.2, qui ne les garde pas après la définition de ses classes.)
_ORDRE_PPR = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
    "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
    "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
    "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
    "rPr sectPr pPrChange"
)
_ORDRE_TCPR = (
    "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText "
    "vAlign hideMark headers cellIns cellDel cellMerge tcPrChange"
)


def _rangs(ordre: str) -> dict[str, int]:
    return {qn(f"w:{nom}"): rang for rang, nom in enumerate(ordre.split())}


_RANGS_PPR = _rangs(_ORDRE_PPR)
_RANGS_TCPR = _rangs(_ORDRE_TCPR)


def enfant(parent: Any, tag: str, rangs: dict[str, int]) -> Any:
    """L'enfant `tag` de `parent`, créé à sa place (ordre du schéma) s'il n'existe pas encore.

    Un seul parcours des enfants (quelques-uns au plus), sans ElementPath.
    """
    rang = rangs[tag]
    for suivant in parent:
        nom = suivant.tag
        if nom == tag:
            return suivant
        if rangs.get(nom, -1) > rang:
            element = parent.makeelement(tag, {})
            suivant.addprevious(element)
            return element
    return SubElement(parent, tag)


def _premier_enfant(parent: Any, tag: str) -> Any:
    """L'enfant `tag` qui doit venir en premier (w:pPr, w:tcPr), créé s'il manque."""
    premier = parent[0] if len(parent) else None
    if premier is not None and premier.tag == tag:
        return premier
    element = parent.makeelement(tag, {})
    parent.insert(0, element)
    return element


def ppr(p: Any) -> Any:
    """Le w:pPr du paragraphe, toujours son premier enfant."""
    return _premier_enfant(p, PPR)


def tcpr(tc: Any) -> Any:
    """Le w:tcPr de la cellule, toujours son premier enfant."""
    return _premier_enfant(tc, TCPR)


def style_paragraphe(p: Any, style_id: str) -> None:
    enfant(ppr(p), PSTYLE, _RANGS_PPR).set(VAL, style_id)


def _modele(xml: str) -> Any:
    """Un élément modèle (analysé une fois, par l'analyseur de python-docx), copié (`__copy__` de lxml,
    profonde, faite par libxml2) à chaque usage : bien moins cher que ses éléments un à un."""
    nom, reste = re.match(r"(<w:\w+)(.*)", xml, re.DOTALL).groups()  # type: ignore[union-attr]
    return parse_xml(f"{nom} {nsdecls('w')}{reste}")


_ESPACEMENT = '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
_PPR_SERRE = _modele(f"<w:pPr>{_ESPACEMENT}</w:pPr>")
_PPR_SERRE_DROITE = _modele(f'<w:pPr>{_ESPACEMENT}<w:jc w:val="right"/></w:pPr>')
_VALIGN_HAUT = _modele('<w:vAlign w:val="top"/>')


def serrer(p: Any, *, droite: bool = False) -> None:
    """Aucun espace avant ni après, interligne simple (w:spacing 0 / 0 / 240 auto) ; à droite
    (w:jc right) si demandé."""
    if not len(p):  # paragraphe neuf : les propriétés d'un coup
        p.append((_PPR_SERRE_DROITE if droite else _PPR_SERRE).__copy__())
        return
    espacement = enfant(ppr(p), SPACING, _RANGS_PPR)
    espacement.set(BEFORE, "0")
    espacement.set(AFTER, "0")
    espacement.set(LINE, "240")
    espacement.set(LINERULE, "auto")
    if droite:
        aligner(p, "right")


def aligner(p: Any, valeur: str) -> None:
    """w:jc : « right », « center »…"""
    enfant(ppr(p), JC, _RANGS_PPR).set(VAL, valeur)


def haut(tc: Any) -> None:
    """Contenu de la cellule en haut (w:vAlign top)."""
    proprietes = tcpr(tc)
    dernier = proprietes[-1].tag if len(proprietes) else None
    if dernier in (TCW, SHD):  # cellule neuve, tramée ou non : w:vAlign vient en dernier
        proprietes.append(_VALIGN_HAUT.__copy__())
        return
    enfant(proprietes, VALIGN, _RANGS_TCPR).set(VAL, "top")


def trame(tc: Any, couleur: str) -> None:
    """Fond uni (w:shd), à sa place parmi les propriétés de la cellule."""
    proprietes = tcpr(tc)
    for ancien in proprietes.findall(SHD):
        proprietes.remove(ancien)
    shd = enfant(proprietes, SHD, _RANGS_TCPR)
    shd.set(VAL, "clear")
    shd.set(COULEUR, "auto")
    shd.set(FILL, couleur)


_MODELES_RUN: dict[tuple[bool, bool, str | None, str | None], Any] = {}


def _modele_run(gras: bool, italique: bool, couleur: str | None, demi_points: str | None) -> Any:
    """Le w:r vide aux propriétés demandées, dans l'ordre du schéma (b, i, color, sz)."""
    cle = (gras, italique, couleur, demi_points)
    modele = _MODELES_RUN.get(cle)
    if modele is None:
        proprietes = "".join(
            (
                "<w:b/>" if gras else "",
                "<w:i/>" if italique else "",
                f'<w:color w:val="{couleur}"/>' if couleur is not None else "",
                f'<w:sz w:val="{demi_points}"/>' if demi_points is not None else "",
            )
        )
        modele = _modele(f"<w:r><w:rPr>{proprietes}</w:rPr></w:r>" if proprietes else "<w:r/>")
        _MODELES_RUN[cle] = modele
    return modele


def run(
    p: Any,
    texte: str,
    *,
    gras: bool = False,
    italique: bool = False,
    demi_points: str | None = None,
    couleur: str | None = None,
) -> Any:
    """Un w:r à la fin du paragraphe : propriétés dans l'ordre du schéma, puis le texte.

    Comme python-docx : une tabulation devient w:tab, une fin de ligne w:br, le reste des w:t
    (avec xml:space="preserve" quand le texte commence ou finit par un blanc).
    """
    if couleur is not None and not _COULEUR.fullmatch(couleur):
        raise ValueError(f"couleur invalide : {couleur!r}")
    r = _modele_run(gras, italique, couleur, demi_points).__copy__()
    p.append(r)
    if texte:
        contenu(r, texte)
    return r


def contenu(r: Any, texte: str) -> None:
    """Le texte du run : w:t, w:tab et w:br, texte affecté par lxml (jamais interprété)."""
    if "\t" not in texte and "\n" not in texte and "\r" not in texte:
        _t(r, texte)
        return
    morceau: list[str] = []
    for caractere in texte:
        if caractere in "\t\r\n":
            if morceau:
                _t(r, "".join(morceau))
                morceau.clear()
            SubElement(r, TAB if caractere == "\t" else BR)
        else:
            morceau.append(caractere)
    if morceau:
        _t(r, "".join(morceau))


def _t(r: Any, texte: str) -> None:
    t = SubElement(r, T)
    t.text = texte
    if len(texte.strip()) < len(texte):
        t.set(ESPACE, "preserve")


_MODELES_LIGNE: dict[tuple[str, ...], Any] = {}


def ligne(tbl: Any, largeurs_twips: tuple[str, ...]) -> tuple[Any, list[Any]]:
    """Une w:tr insécable (w:cantSplit), une w:tc par largeur avec son paragraphe vide."""
    modele = _MODELES_LIGNE.get(largeurs_twips)
    if modele is None:
        cellules_xml = "".join(
            f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{int(largeur)}"/></w:tcPr><w:p/></w:tc>'
            for largeur in largeurs_twips
        )
        modele = _modele(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cellules_xml}</w:tr>")
        _MODELES_LIGNE[largeurs_twips] = modele
    tr = modele.__copy__()
    tbl.append(tr)
    return tr, list(tr)[1:]


def paragraphe(parent: Any) -> Any:
    """Un w:p vide à la fin de `parent` (une cellule)."""
    return SubElement(parent, P)


def premier_paragraphe(tc: Any) -> Any:
    """Le premier w:p de la cellule : juste après w:tcPr dans une cellule neuve."""
    if len(tc) > 1:
        second = tc[1]
        if second.tag == P and tc[0].tag == TCPR:
            return second
    return tc.find(P)
