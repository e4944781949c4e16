"""Rendu HTML des annexes : une page autonome par annexe (CSS et SVG en ligne) et un sommaire."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup, escape

from acvkit.annexes.context import Bar, Programmation
from acvkit.annexes.evaluation_mesures import MesureIndicateur
from acvkit.annexes.formats import ANNEXES, RenderInput, annexe_titles, index_title
from acvkit.annexes.markdown import repartition
from acvkit.annexes.sandbox import render
from acvkit.annexes.templating import TO_SPECIFY, environment
from acvkit.charts.indicator_svg import indicator_svg
from acvkit.charts.svg import bars_svg, timeline_svg
from acvkit.views.typography import hyphenable, without_private_use


def valeur(texte: object) -> Markup:
    """Un texte de cellule : échappé, « A déterminer » en italique, un tiret cadratin s'il est vide."""
    raw = "" if texte is None else without_private_use(str(texte))
    if not raw.strip():
        return Markup('<span class="vide">non renseigné</span>')
    escaped = str(escape(raw))
    return Markup(TO_SPECIFY.sub(lambda m: f'<em class="a-preciser">{m.group(0)}</em>', escaped))


def coupable(texte: object) -> Markup:
    """Un texte de colonne étroite : échappé, ses mots longs coupables à une syllabe (&shy;).

    Appliqué après `valeur`, il garde ses balises (aucun nom de balise ni d'attribut n'a dix lettres).
    """
    escaped = texte if isinstance(texte, Markup) else escape("" if texte is None else str(texte))
    return Markup(hyphenable(str(escaped)))


def chaine_css(texte: object) -> Markup:
    """Une chaîne CSS entre guillemets : tout ce qui n'est ni lettre, ni chiffre, ni espace est
    écrit en échappement hexadécimal (« \\22 »), rien ne peut fermer la chaîne ni la balise style."""
    if isinstance(texte, Markup):
        texte = texte.unescape()  # texte d'un bloc du gabarit, déjà échappé pour HTML
    output = []
    for char in without_private_use("" if texte is None else str(texte)):
        if char.isalnum() or char == " ":
            output.append(char)
        else:
            output.append(f"\\{ord(char):06x} ")  # l'espace finale est lue avec l'échappement
    return Markup('"' + "".join(output) + '"')


# Les SVG sont insérés tels quels (Markup) : svg.py échappe lui-même chaque texte qu'il y écrit
# (libellés, montants, titres), aucune donnée n'y entre sans échappement XML.
def _timeline(
    programmation: Programmation, ident: str | None = None, described_by: str | None = None
) -> Markup:
    return Markup(timeline_svg(programmation, ident, described_by))


def _bars(
    barres: Sequence[Bar], titre: str, ident: str | None = None, described_by: str | None = None
) -> Markup:
    return Markup(bars_svg(barres, titre, ident, described_by))


def _indicateur(mesure: MesureIndicateur) -> Markup:
    return Markup(indicator_svg(mesure))


def html_environment(templates: Path) -> Environment:
    """L'environnement (en bac à sable) des gabarits `<templates>/html`, filtres et graphiques compris."""
    env = environment(templates / "html", autoescape=True)
    env.filters["valeur"] = valeur
    env.filters["chaine_css"] = chaine_css
    env.filters["coupable"] = coupable
    env.globals.update(timeline_svg=_timeline, bars_svg=_bars, annexes_produites=ANNEXES)
    env.globals["indicator_svg"] = _indicateur
    env.globals["repartition"] = repartition
    return env


def render_html(inp: RenderInput) -> dict[str, bytes]:
    """{"html/<annexe>.html": …, "html/index.html": …} à partir des gabarits `<templates>/html`."""
    env = html_environment(inp.templates)
    annexes_list = annexe_titles(inp.entete.document)
    env.globals["annexes_produites"] = [*annexes_list, *inp.extra_annexes]
    out: dict[str, bytes] = {}
    for slug, titre in annexes_list:
        page = render(env, f"{slug}.html.j2", annexes=inp.annexes, slug=slug, titre=titre)
        out[f"html/{slug}.html"] = page.encode("utf-8")
    # Annexes de suivi (bilan, rapport-suivi) : seulement si le dossier a un suivi.
    from acvkit.annexes.suivi_context import ANNEXES_SUIVI, suivi_of

    if (suivi := suivi_of(inp)) is not None:
        env.globals["annexes_produites"] = [*annexes_list, *ANNEXES_SUIVI, *inp.extra_annexes]
        for slug, titre in ANNEXES_SUIVI:
            page = render(
                env, f"{slug}.html.j2", annexes=inp.annexes, suivi=suivi, slug=slug, titre=titre
            )
            out[f"html/{slug}.html"] = page.encode("utf-8")
    index = render(
        env,
        "index.html.j2",
        annexes=inp.annexes,
        slug="index",
        titre=index_title(inp.entete.document),
    )
    out["html/index.html"] = index.encode("utf-8")
    return out
