"""Rendu Markdown des annexes : un fichier par annexe, lisible brut comme rendu (CommonMark + tableaux GFM)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import ROUND_HALF_EVEN, Decimal

from acvkit.build.context import Barre
from acvkit.build.formats import ANNEXES, RenderInput
from acvkit.build.templating import A_PRECISER, environment
from acvkit.build.typographie import sans_usage_prive

# Caractères qui feraient de l'emphase, du code, un lien, du HTML ou une colonne de tableau.
_SPECIAUX = re.compile(r"([\\`*_\[\]<>|])")
# En début de ligne : titre, citation, élément de liste, liste numérotée.
_DEBUT = re.compile(r"^(\s*)(#|>|[-+](?=\s)|\d+(?=[.)]\s))")
HISTOGRAMME = 20  # caractères de la plus longue barre


def md(texte: object) -> str:
    """Un texte de données en Markdown : rien n'y devient balise ; « A déterminer » en italique."""
    brut = "" if texte is None else sans_usage_prive(str(texte))
    lignes = []
    for ligne in brut.split("\n"):
        ligne = _SPECIAUX.sub(r"\\\1", ligne)
        match = _DEBUT.match(ligne)
        if match:
            marque = match.group(2)
            ligne = (
                match.group(1)
                + (f"{marque}\\" if marque[0].isdigit() else f"\\{marque}")
                + ligne[match.end() :]
            )
        lignes.append(A_PRECISER.sub(lambda m: f"*{m.group(0)}*", ligne))
    return "\n".join(lignes)


def cellule(texte: object) -> str:
    """Un texte de cellule de tableau : échappé, sur une ligne (<br> pour les retours), « – » si vide."""
    brut = "" if texte is None else str(texte).strip()
    if not brut:
        return "–"
    return "<br>".join(md(ligne.strip()) for ligne in brut.split("\n"))


def histogramme(barres: Sequence[Barre]) -> list[tuple[str, str, str]]:
    """(libellé, montant écrit, barre de « █ ») : le graphique des barres, en texte."""
    maximum = max((b.valeur for b in barres), default=Decimal(0))
    out = []
    for barre in barres:
        longueur = 0
        if maximum > 0:
            longueur = int(
                (barre.valeur * HISTOGRAMME / maximum).quantize(Decimal(1), ROUND_HALF_EVEN)
            )
            longueur = max(longueur, 1) if barre.valeur > 0 else 0
        out.append((barre.libelle, barre.texte, "█" * longueur))
    return out


def render_markdown(inp: RenderInput) -> dict[str, bytes]:
    """{"md/<annexe>.md": …} à partir des gabarits `<templates>/md` (sans échappement HTML)."""
    env = environment(inp.templates / "md", autoescape=False)
    env.filters.update(md=md, cellule=cellule)
    env.globals.update(histogramme=histogramme)
    out: dict[str, bytes] = {}
    for slug, titre in ANNEXES:
        texte = env.get_template(f"{slug}.md.j2").render(
            annexes=inp.annexes, slug=slug, titre=titre
        )
        out[f"md/{slug}.md"] = texte.encode("utf-8")
    index = env.get_template("index.md.j2").render(
        annexes=inp.annexes, slug="index", titre="Annexes de l'avenant", annexes_produites=ANNEXES
    )
    out["md/index.md"] = index.encode("utf-8")
    return out
