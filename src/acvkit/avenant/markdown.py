"""L'avenant entier en Markdown (md/avenant.md) : gabarit `<templates>/md/avenant.md.j2`.

Comme en HTML, les parties générées sont le bloc « contenu » des gabarits Markdown des annexes,
leurs titres descendus d'un ou deux niveaux.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from acvkit.annexes.formats import RenderInput
from acvkit.annexes.markdown import repartition
from acvkit.annexes.sandbox import render
from acvkit.annexes.templating import environment
from acvkit.avenant.contenu import Avenant, build_avenant, has_avenant
from acvkit.avenant.html import annexe_block
from acvkit.views.markdown import cellule, md, titre_md

_HEADING = re.compile(r"^(#{1,6}) ", re.MULTILINE)


def shift_md_headings(fragment: str, shift: int) -> str:
    """Chaque titre « ## » du fragment descend de `shift` niveaux (« ###### » au plus)."""
    return _HEADING.sub(lambda m: "#" * min(6, len(m.group(1)) + shift) + " ", fragment)


def render_avenant_markdown(inp: RenderInput) -> dict[str, bytes]:
    """{"md/avenant.md": …} quand le dossier a un texte d'avenant ; sinon rien."""
    if inp.data is None or not has_avenant(inp.data):
        return {}
    avenant = build_avenant(inp.data, inp.annexes)
    return {"md/avenant.md": avenant_markdown(inp, avenant).encode("utf-8")}


def avenant_markdown(inp: RenderInput, avenant: Avenant) -> str:
    env = environment(inp.templates / "md", autoescape=False)
    env.filters.update(md=md, cellule=cellule, titre_md=titre_md)
    env.globals.update(repartition=repartition)
    context = {"annexes": inp.annexes, "titre": avenant.titre}

    def partie(slug: str, shift: int) -> Markup:
        texte = annexe_block(env, slug, "contenu", {**context, "slug": slug}, suffix="md")
        return Markup(shift_md_headings(texte, shift).strip("\n"))

    env.globals.update(partie_annexe=partie)
    return render(
        env,
        "avenant.md.j2",
        annexes=inp.annexes,
        avenant=avenant,
        slug="avenant",
        titre=avenant.titre,
    )
