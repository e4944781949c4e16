"""Le texte d'un article de l'avenant en blocs : sous-titres, paragraphes, listes et parties générées.

Le texte d'un article (avenant/articles/*.yaml) est fait de paragraphes séparés par une line
vide. Un paragraphe qui commence par « ## » est un sous-titre ; par « - », « • » ou « – », un
élément de liste ; par « o », un élément de sous-liste. Les lignes d'un paragraph se lisent
bout à bout (une line coupée au milieu d'une phrase ne coupe pas la phrase).

Un paragraphe qui n'est que « {{ nom }} » (ou « {{ nom("argument") }} ») place une partie
générée des données : PARTS dit lesquelles. Ailleurs, « {{ … }} » écrit une valeur du programme
(VALUE_NAMES). Le texte est lu par le bac à sable Jinja2 du projet, sans chargeur de gabarits :
il ne lance rien, ne lit aucun fichier, et un nom inconnu est une erreur, jamais une case vide.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from jinja2 import DictLoader, Environment, StrictUndefined, TemplateError, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

# Les parties générées qu'un article peut placer, et si elles prennent un argument (une commune).
PARTS: dict[str, str] = {
    "parties": "les parties : collectivités bénéficiaires et partenaires financeurs",
    "pilotage": "le pilotage du programme (programme.yaml, pilotage)",
    "secteurs": 'les secteurs d\'intervention (avenant/secteurs.yaml) ; secteurs("commune")',
    "plan_action": "le plan d'action global (article 7.1)",
    "programmation": "la programmation pluriannuelle (article 7.2)",
    "calendrier_evaluation": "le calendrier de l'évaluation (avenant/evaluation.yaml, 8.1)",
    "outils_evaluation": "les outils de l'évaluation (avenant/evaluation.yaml, 8.2)",
    "objectifs_indicateurs": "les objectifs et indicateurs (article 8.3)",
    "signatures": "la page des signatures",
}
TAKES_ARGUMENT = {"secteurs"}

# Les valeurs qu'un paragraphe peut écrire au fil du texte : « la période {{ periode }} ».
VALUE_NAMES = ("programme", "intitule", "avenant", "periode", "debut", "fin", "territoire")

_BULLETS = {"-": 1, "•": 1, "–": 1, "o": 2}
_BULLET = re.compile(r"^([-•–o])\s+(?=\S)")


class TexteError(Exception):
    """Un texte d'article illisible : message français et ligne dans le texte (1 = première)."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True)
class Bloc:
    """Un bloc d'article. `kind` : heading (sous-titre), paragraph, item (élément de liste, `level`
    1 ou 2) ou part (partie générée : `texte` est son nom, `argument` son argument éventuel)."""

    kind: str
    texte: str
    level: int = 0
    argument: str | None = None
    line: int = 1  # ligne du bloc dans le texte de l'article


def environment() -> Environment:
    """Le bac à sable des textes d'article : aucun gabarit à charger, noms inconnus refusés."""
    return ImmutableSandboxedEnvironment(
        loader=DictLoader({}), autoescape=False, undefined=StrictUndefined
    )


def paragraphs(texte: str) -> list[tuple[int, str]]:
    """(ligne de début, texte) de chaque paragraphe, lignes jointes par une espace."""
    out: list[tuple[int, str]] = []
    current: list[str] = []
    start = 1
    for number, line in enumerate(texte.split("\n"), start=1):
        if line.strip():
            if not current:
                start = number
            current.append(line.strip())
        elif current:
            out.append((start, " ".join(current)))
            current = []
    if current:
        out.append((start, " ".join(current)))
    return out


def _generated_part(env: Environment, paragraph: str, line: int) -> Bloc | None:
    """La partie générée que place ce paragraphe, s'il n'est que « {{ partie }} »."""
    if not (paragraph.startswith("{{") and paragraph.endswith("}}")):
        return None
    try:
        tree = env.parse(paragraph)
    except TemplateError as exc:
        raise TexteError(f"« {paragraph} » illisible : {exc.message}", line) from None
    if len(tree.body) != 1 or not isinstance(tree.body[0], nodes.Output):
        return None
    outputs = tree.body[0].nodes
    if len(outputs) != 1:
        return None
    node = outputs[0]
    argument: str | None = None
    if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name):
        if node.kwargs or node.dyn_args or node.dyn_kwargs or len(node.args) != 1:
            raise TexteError(f"« {paragraph} » : un seul argument entre guillemets", line)
        constant = node.args[0]
        if not isinstance(constant, nodes.Const) or not isinstance(constant.value, str):
            raise TexteError(f"« {paragraph} » : l'argument s'écrit entre guillemets", line)
        name, argument = node.node.name, constant.value
    elif isinstance(node, nodes.Name):
        name = node.name
    else:
        return None
    if name not in PARTS:
        if name in VALUE_NAMES:
            return None
        known_names = ", ".join(PARTS)
        raise TexteError(f"partie générée inconnue « {name} » (parties : {known_names})", line)
    if argument is not None and name not in TAKES_ARGUMENT:
        raise TexteError(f"la partie « {name} » ne prend pas d'argument", line)
    return Bloc("part", name, argument=argument, line=line)


def _with_values(env: Environment, texte: str, valeurs: Mapping[str, str], line: int) -> str:
    """Le texte d'un paragraphe, ses « {{ valeur }} » remplacées ; sans « {{ », tel quel."""
    if "{" not in texte:
        return texte
    try:
        return env.from_string(texte).render(**valeurs)
    except TemplateError as exc:
        message = str(exc.message or exc)
        if m := re.match(r"^'([^']*)' is undefined$", message):
            message = f"valeur inconnue « {m.group(1)} » (valeurs : {', '.join(VALUE_NAMES)})"
        raise TexteError(f"texte illisible : {message}", line) from None


def blocs(texte: str, valeurs: Mapping[str, str] | None = None) -> list[Bloc]:
    """Les blocs du texte d'un article, dans l'ordre ; TexteError sur un « {{ … }} » fautif.

    Sans `valeurs`, les « {{ valeur }} » du texte sont vérifiés avec des valeurs vides.
    """
    env = environment()
    known = dict(valeurs) if valeurs is not None else dict.fromkeys(VALUE_NAMES, "")
    out: list[Bloc] = []
    for line, paragraph in paragraphs(texte):
        if (part := _generated_part(env, paragraph, line)) is not None:
            out.append(part)
            continue
        if paragraph.startswith("## "):
            out.append(
                Bloc("heading", _with_values(env, paragraph[3:].strip(), known, line), line=line)
            )
            continue
        match = _BULLET.match(paragraph)
        if match:
            level = _BULLETS[match.group(1)]
            item_text = _with_values(env, paragraph[match.end() :], known, line)
            out.append(Bloc("item", item_text, level=level, line=line))
            continue
        out.append(Bloc("paragraph", _with_values(env, paragraph, known, line), line=line))
    return out


def parts_of(texte: str) -> list[Bloc]:
    """Les parties générées que place un texte (sans erreur : un texte illisible n'en a pas)."""
    try:
        return [b for b in blocs(texte) if b.kind == "part"]
    except TexteError:
        return []
