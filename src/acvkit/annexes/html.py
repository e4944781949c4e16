"""Rendu HTML des annexes : une page autonome par annexe (CSS et SVG en ligne) et un sommaire."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup, escape

from acvkit.annexes.context import Barre, Programmation
from acvkit.annexes.evaluation_mesures import MesureIndicateur
from acvkit.annexes.formats import ANNEXES, RenderInput
from acvkit.annexes.indicator_svg import indicator_svg
from acvkit.annexes.sandbox import rendre
from acvkit.annexes.svg import bars_svg, timeline_svg
from acvkit.annexes.templating import A_PRECISER, environment
from acvkit.views.typographie import sans_usage_prive


def valeur(texte: object) -> Markup:
    """Un texte de cellule : échappé, « A déterminer » en italique, un tiret cadratin s'il est vide."""
    brut = "" if texte is None else sans_usage_prive(str(texte))
    if not brut.strip():
        return Markup('<span class="vide">non renseigné</span>')
    echappe = str(escape(brut))
    return Markup(A_PRECISER.sub(lambda m: f'<em class="a-preciser">{m.group(0)}</em>', echappe))


def chaine_css(texte: object) -> Markup:
    """Une chaîne CSS entre guillemets : tout ce qui n'est ni lettre, ni chiffre, ni espace est
    écrit en échappement hexadécimal (« \\22 »), rien ne peut fermer la chaîne ni la balise style."""
    if isinstance(texte, Markup):
        texte = texte.unescape()  # texte d'un bloc du gabarit, déjà échappé pour HTML
    sortie = []
    for caractere in sans_usage_prive("" if texte is None else str(texte)):
        if caractere.isalnum() or caractere == " ":
            sortie.append(caractere)
        else:
            sortie.append(f"\\{ord(caractere):06x} ")  # l'espace finale est lue avec l'échappement
    return Markup('"' + "".join(sortie) + '"')


# Les SVG sont insérés tels quels (Markup) : svg.py échappe lui-même chaque texte qu'il y écrit
# (libellés, montants, titres), aucune donnée n'y entre sans échappement XML.
def _timeline(
    programmation: Programmation, ident: str | None = None, decrit_par: str | None = None
) -> Markup:
    return Markup(timeline_svg(programmation, ident, decrit_par))


def _barres(
    barres: Sequence[Barre], titre: str, ident: str | None = None, decrit_par: str | None = None
) -> Markup:
    return Markup(bars_svg(barres, titre, ident, decrit_par))


def _indicateur(mesure: MesureIndicateur) -> Markup:
    return Markup(indicator_svg(mesure))


def html_environment(templates: Path) -> Environment:
    """L'environnement (en bac à sable) des gabarits `<templates>/html`, filtres et graphiques compris."""
    env = environment(templates / "html", autoescape=True)
    env.filters["valeur"] = valeur
    env.filters["chaine_css"] = chaine_css
    env.globals.update(timeline_svg=_timeline, bars_svg=_barres, annexes_produites=ANNEXES)
    env.globals["indicator_svg"] = _indicateur
    return env


def render_html(inp: RenderInput) -> dict[str, bytes]:
    """{"html/<annexe>.html": …, "html/index.html": …} à partir des gabarits `<templates>/html`."""
    env = html_environment(inp.templates)
    env.globals["annexes_produites"] = [*ANNEXES, *inp.supplementaires]
    out: dict[str, bytes] = {}
    for slug, titre in ANNEXES:
        page = rendre(env, f"{slug}.html.j2", annexes=inp.annexes, slug=slug, titre=titre)
        out[f"html/{slug}.html"] = page.encode("utf-8")
    # Annexes de suivi (bilan, rapport-suivi) : seulement si le dossier a un suivi.
    from acvkit.annexes.suivi_context import ANNEXES_SUIVI, suivi_de

    if (suivi := suivi_de(inp)) is not None:
        env.globals["annexes_produites"] = [*ANNEXES, *ANNEXES_SUIVI, *inp.supplementaires]
        for slug, titre in ANNEXES_SUIVI:
            page = rendre(
                env, f"{slug}.html.j2", annexes=inp.annexes, suivi=suivi, slug=slug, titre=titre
            )
            out[f"html/{slug}.html"] = page.encode("utf-8")
    index = rendre(
        env, "index.html.j2", annexes=inp.annexes, slug="index", titre="Annexes de l'avenant"
    )
    out["html/index.html"] = index.encode("utf-8")
    return out
