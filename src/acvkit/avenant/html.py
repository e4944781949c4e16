"""L'avenant entier en une page HTML (html/avenant.html) : gabarit `<templates>/html/avenant.html.j2`.

Les parties générées (plan d'action, programmation, objectifs et indicateurs, annexes 2, 4 et 5)
sont le bloc « contenu » des gabarits de chaque annexe, rendu dans le même environnement en bac
à sable : le document et les annexes séparées disent la même chose. Dans le document, leurs titres
descendent d'un ou deux niveaux et leurs identifiants prennent le nom de l'annexe pour préfixe
(aucun identifiant en double dans la page).
"""

from __future__ import annotations

import re
from typing import Any

from jinja2 import Environment, TemplateError
from markupsafe import Markup

from acvkit.annexes.formats import RenderInput
from acvkit.annexes.html import html_environment
from acvkit.annexes.sandbox import render
from acvkit.avenant.carte import Carte, carte_svg
from acvkit.avenant.contenu import Avenant, build_avenant, has_avenant

_HEADING = re.compile(r"<(/?)h([1-6])\b")
_IDS = re.compile(r'\b(id|for|headers|aria-labelledby|aria-describedby)="([^"]*)"')
_HREF = re.compile(r'href="#([^"]*)"')


def shift_headings(fragment: str, shift: int) -> str:
    """Chaque titre <hN> du fragment devient <hN+shift> (h6 au plus)."""
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + shift)}", fragment)


def prefix_ids(fragment: str, prefix: str) -> str:
    """Les identifiants du fragment, et ce qui les désigne, préfixés : uniques dans la page."""
    fragment = _IDS.sub(
        lambda m: f'{m.group(1)}="' + " ".join(f"{prefix}-{v}" for v in m.group(2).split()) + '"',
        fragment,
    )
    return _HREF.sub(lambda m: f'href="#{prefix}-{m.group(1)}"', fragment)


def annexe_block(
    env: Environment, slug: str, block: str, context: dict[str, Any], suffix: str = "html"
) -> str:
    """Le bloc `block` du gabarit d'annexe `slug` (`<slug>.<suffix>.j2`), rendu seul ; vide s'il
    ne le définit pas."""
    nom = f"{slug}.{suffix}.j2"
    try:
        template = env.get_template(nom)
        if block not in template.blocks:
            return ""
        # Les variables que le gabarit pose hors de ses blocs (« {% set prog = … %} »).
        module = template.make_module(context)
        exported = {k: v for k, v in vars(module).items() if not k.startswith("_")}
        return "".join(template.blocks[block](template.new_context({**context, **exported})))
    except TemplateError:
        # Le message situé (fichier:ligne) du bac à sable, en rendant la page entière.
        render(env, nom, **context)
        raise


def render_avenant_html(inp: RenderInput) -> dict[str, bytes]:
    """{"html/avenant.html": …} quand le dossier a un texte d'avenant ; sinon rien."""
    if inp.data is None or not has_avenant(inp.data):
        return {}
    avenant = build_avenant(inp.data, inp.annexes)
    return {"html/avenant.html": avenant_page(inp, avenant).encode("utf-8")}


def avenant_page(inp: RenderInput, avenant: Avenant) -> str:
    env = html_environment(inp.templates)
    context = {"annexes": inp.annexes, "titre": avenant.titre}

    def partie(slug: str, shift: int) -> Markup:
        html = annexe_block(env, slug, "contenu", {**context, "slug": slug})
        return Markup(prefix_ids(shift_headings(html, shift), slug))

    def styles() -> Markup:
        parts = []
        for slug in (
            "plan-action",
            "programmation",
            "evaluation",
            "fiches-action",
            "recapitulatif",
            "maquette-financiere",
        ):
            parts.append(annexe_block(env, slug, "style", {**context, "slug": slug}))
        return Markup("\n".join(parts))

    def carte(value: Carte, ident: str) -> Markup:
        return Markup(carte_svg(value, ident))

    env.globals.update(partie_annexe=partie, styles_annexes=styles, carte_svg=carte)
    return render(
        env,
        "avenant.html.j2",
        annexes=inp.annexes,
        avenant=avenant,
        slug="avenant",
        titre=avenant.titre,
    )
