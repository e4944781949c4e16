"""Rendu Markdown des annexes : un fichier par annexe, lisible brut comme rendu (CommonMark + tableaux GFM)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_EVEN, Decimal

from acvkit.annexes.context import Barre
from acvkit.annexes.formats import ANNEXES, RenderInput
from acvkit.annexes.sandbox import rendre
from acvkit.annexes.templating import environment
from acvkit.views.markdown import cellule, md, titre_md

HISTOGRAMME = 20  # caractères de la plus longue barre


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
    env.filters.update(md=md, cellule=cellule, titre_md=titre_md)
    env.globals.update(histogramme=histogramme)
    out: dict[str, bytes] = {}
    for slug, titre in ANNEXES:
        texte = rendre(env, f"{slug}.md.j2", annexes=inp.annexes, slug=slug, titre=titre)
        out[f"md/{slug}.md"] = texte.encode("utf-8")
    # Annexes de suivi (bilan, rapport-suivi) : seulement si le dossier a un suivi.
    from acvkit.annexes.suivi_context import ANNEXES_SUIVI, suivi_de

    if (suivi := suivi_de(inp)) is not None:
        for slug, titre in ANNEXES_SUIVI:
            texte = rendre(
                env, f"{slug}.md.j2", annexes=inp.annexes, suivi=suivi, slug=slug, titre=titre
            )
            out[f"md/{slug}.md"] = texte.encode("utf-8")
    produites = [*ANNEXES, *ANNEXES_SUIVI] if suivi is not None else list(ANNEXES)
    index = rendre(
        env,
        "index.md.j2",
        annexes=inp.annexes,
        slug="index",
        titre="Annexes de l'avenant",
        annexes_produites=[*produites, *inp.supplementaires],
    )
    out["md/index.md"] = index.encode("utf-8")
    return out
