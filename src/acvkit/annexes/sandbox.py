"""Les gabarits ne font rien d'autre qu'écrire du texte : bac à sable Jinja2 et chargeur enfermé.

Un gabarit vient d'un dépôt (une demande de fusion peut le modifier) : il ne doit ni lancer une
commande, ni lire un fichier hors de son dossier, ni modifier les données qu'il reçoit.
`ImmutableSandboxedEnvironment` refuse les attributs internes (`__globals__`, `__init__`…) et les
méthodes qui modifient une liste ou un dictionnaire ; `ConfinedLoader` refuse un nom de gabarit
qui sort du dossier et un lien symbolique qui pointe au-dehors. Toute erreur de gabarit devient un
message français situé (fichier du gabarit et ligne) : `TemplateRenderError`.
"""

from __future__ import annotations

import os
import re
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    Environment,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
)
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment


class TemplateRenderError(Exception):
    """Un gabarit en erreur : « chemin:ligne: message » en français."""


class ConfinedLoader(BaseLoader):
    """Lit les gabarits d'un seul dossier ; refuse tout chemin dont le fichier réel est au-dehors.

    Le nom est découpé en morceaux (« .. » refusé), puis le chemin réel (liens symboliques résolus
    par os.path.realpath) doit rester sous le chemin réel du dossier.
    """

    def __init__(self, folder: Path) -> None:
        self.root_dir = str(folder.resolve())

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = template.replace("\\", "/").split("/")
        if any(m in {"", ".", ".."} for m in pieces):
            raise TemplateNotFound(template)
        path = Path(self.root_dir, *pieces)
        actual = Path(os.path.realpath(path))
        if os.path.commonpath([actual, self.root_dir]) != self.root_dir or not actual.is_file():
            raise TemplateNotFound(template)
        try:
            source = actual.read_text(encoding="utf-8")
            mtime = actual.stat().st_mtime
        except (OSError, UnicodeDecodeError) as exc:
            raise TemplateNotFound(template) from exc
        return source, str(path), lambda: actual.stat().st_mtime == mtime


class CachedSandbox(ImmutableSandboxedEnvironment):
    """`ImmutableSandboxedEnvironment` dont la décision sur un attribut est retenue par (type de
    l'objet, nom de l'attribut), le temps d'un environnement (donc d'un build).

    Jinja2 ne regarde que le type de l'objet et le nom (`is_internal_attribute`,
    `modifies_known_mutable` : des `isinstance` et des listes de noms) : la décision retenue est
    celle qu'il prendrait. Un objet dont `__class__` n'est pas son type (mandataire, imitation)
    est jugé à chaque accès, comme avant. Les refus restent des refus ; `is_safe_callable` et
    `str.format` ne changent pas.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.answers: dict[tuple[type, str], bool] = {}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        kind = type(obj)
        if obj.__class__ is not kind:
            return super().is_safe_attribute(obj, attr, value)
        key = (kind, attr)
        answer = self.answers.get(key)
        if answer is None:
            answer = self.answers[key] = super().is_safe_attribute(obj, attr, value)
        return answer


def sandboxed_environment(folder: Path, *, autoescape: bool) -> Environment:
    """Environnement Jinja2 en bac à sable, variables inconnues refusées (StrictUndefined)."""
    return CachedSandbox(
        loader=ConfinedLoader(folder),
        autoescape=autoescape,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


_UNDEFINED = re.compile(r"^'([^']*)' is undefined$")
_FORBIDDEN_ATTRIBUTE = re.compile(
    r"^access to attribute '([^']*)' of '([^']*)' object is unsafe\.?$"
)
_MISSING_ATTRIBUTE = re.compile(r"^'?(.+?)'? (?:object )?has no attribute '([^']*)'$")


def _position(exc: BaseException, root_dir: str | None) -> tuple[str | None, int | None]:
    """Le fichier et la ligne du gabarit où l'erreur est survenue (pile réécrite par Jinja2)."""
    if isinstance(exc, TemplateSyntaxError) and exc.filename:
        return exc.filename, exc.lineno
    hit: tuple[str | None, int | None] = (None, None)
    for frame, ligne in traceback.walk_tb(exc.__traceback__):
        file = frame.f_code.co_filename
        if (root_dir and file.startswith(root_dir)) or file.endswith(".j2"):
            hit = (file, ligne)
    return hit


def _message(exc: TemplateError) -> str:
    texte = str(exc.message or "")
    if isinstance(exc, TemplateNotFound):
        return (
            f"gabarit « {exc.name} » introuvable, ou hors du dossier des gabarits "
            "(un gabarit ne lit que les gabarits de son dossier)"
        )
    if isinstance(exc, SecurityError):
        if m := _FORBIDDEN_ATTRIBUTE.match(texte):
            texte = f"accès à l'attribut « {m.group(1)} » d'un objet « {m.group(2)} »"
        return f"opération interdite dans un gabarit (bac à sable) : {texte}"
    if isinstance(exc, UndefinedError):
        if m := _UNDEFINED.match(texte):
            return f"variable inconnue « {m.group(1)} »"
        if m := _MISSING_ATTRIBUTE.match(texte):
            return f"« {m.group(1)} » n'a pas d'attribut « {m.group(2)} »"
        return f"valeur inconnue : {texte}"
    if isinstance(exc, TemplateSyntaxError):
        return f"syntaxe de gabarit invalide : {texte}"
    return f"erreur de gabarit : {texte}"


def render(env: Environment, nom: str, **ctx: Any) -> str:
    """Rend le gabarit `nom` ; une erreur de gabarit devient TemplateRenderError (fichier:ligne: message)."""
    root_dir = getattr(env.loader, "root_dir", None)
    try:
        return env.get_template(nom).render(**ctx)
    except TemplateError as exc:
        file, ligne = _position(exc, root_dir)
        if file is None:
            file = str(Path(root_dir, nom)) if root_dir else nom
        lieu = f"{file}:{ligne}" if ligne else file
        raise TemplateRenderError(f"{lieu}: {_message(exc)}") from None
