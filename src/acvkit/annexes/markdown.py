"""Rendu Markdown des annexes : un fichier par annexe, lisible brut comme rendu (CommonMark + tableaux GFM)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_EVEN, Decimal

from acvkit.annexes.context import Bar
from acvkit.annexes.formats import RenderInput, annexe_titles, index_title
from acvkit.annexes.sandbox import render
from acvkit.annexes.templating import environment
from acvkit.money import NBSP
from acvkit.views.markdown import cellule, md, titre_md

TENTH = Decimal("0.1")


def repartition(barres: Sequence[Bar]) -> list[tuple[str, str, str]]:
    """(libellé, montant écrit, part du total du graphique) : le graphique des barres en mots,
    sans barres de « █ » qu'un lecteur d'écran épellerait. La part est un pourcentage au
    dixième (« 12,5 % ») ; sans total connu, elle est « non renseignée »."""
    total = sum((b.valeur for b in barres if b.valeur), Decimal(0))
    out = []
    for barre in barres:
        part = "non renseignée"
        if total > 0 and barre.valeur is not None:
            percent = (barre.valeur * 100 / total).quantize(TENTH, ROUND_HALF_EVEN)
            part = f"{percent:f}".replace(".", ",") + f"{NBSP}%"
        out.append((barre.libelle, barre.texte, part))
    return out


def render_markdown(inp: RenderInput) -> dict[str, bytes]:
    """{"md/<annexe>.md": …} à partir des gabarits `<templates>/md` (sans échappement HTML)."""
    env = environment(inp.templates / "md", autoescape=False)
    env.filters.update(md=md, cellule=cellule, titre_md=titre_md)
    env.globals.update(repartition=repartition)
    out: dict[str, bytes] = {}
    annexes_list = annexe_titles(inp.entete.document)
    for slug, titre in annexes_list:
        texte = render(env, f"{slug}.md.j2", annexes=inp.annexes, slug=slug, titre=titre)
        out[f"md/{slug}.md"] = texte.encode("utf-8")
    # Annexes de suivi (bilan, rapport-suivi) : seulement si le dossier a un suivi.
    from acvkit.annexes.suivi_context import ANNEXES_SUIVI, suivi_of

    if (suivi := suivi_of(inp)) is not None:
        for slug, titre in ANNEXES_SUIVI:
            texte = render(
                env, f"{slug}.md.j2", annexes=inp.annexes, suivi=suivi, slug=slug, titre=titre
            )
            out[f"md/{slug}.md"] = texte.encode("utf-8")
    produced = [*annexes_list, *ANNEXES_SUIVI] if suivi is not None else annexes_list
    index = render(
        env,
        "index.md.j2",
        annexes=inp.annexes,
        slug="index",
        titre=index_title(inp.entete.document),
        annexes_produites=[*produced, *inp.extra_annexes],
    )
    out["md/index.md"] = index.encode("utf-8")
    return out
