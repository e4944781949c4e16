"""Les gabarits ne font rien d'autre qu'écrire du texte : bac à sable Jinja2 et chargeur enfermé.

Un gabarit vient d'un dépôt (une demande de fusion peut le modifier) : il ne doit ni lancer une
commande, ni lire un fichier hors de son dossier, ni modifier les données qu'il reçoit.
`ImmutableSandboxedEnvironment` refuse les attributs internes (`__globals__`, `__init__`…) et les
méthodes qui modifient une liste ou un dictionnaire ; `ChargeurEnferme` refuse un nom de gabarit
qui sort du dossier et un lien symbolique qui pointe au-dehors. Toute erreur de gabarit devient un
message français situé (fichier du gabarit et ligne) : `GabaritError`.
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


class GabaritError(Exception):
    """Un gabarit en erreur : « chemin:ligne: message » en français."""


class ChargeurEnferme(BaseLoader):
    """Lit les gabarits d'un seul dossier ; refuse tout chemin dont le fichier réel est au-dehors.

    Le nom est découpé en morceaux (« .. » refusé), puis le chemin réel (liens symboliques résolus
    par os.path.realpath) doit rester sous le chemin réel du dossier.
    """

    def __init__(self, folder: Path) -> None:
        self.racine = str(folder.resolve())

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        morceaux = template.replace("\\", "/").split("/")
        if any(m in {"", ".", ".."} for m in morceaux):
            raise TemplateNotFound(template)
        chemin = Path(self.racine, *morceaux)
        reel = Path(os.path.realpath(chemin))
        if os.path.commonpath([reel, self.racine]) != self.racine or not reel.is_file():
            raise TemplateNotFound(template)
        try:
            source = reel.read_text(encoding="utf-8")
            mtime = reel.stat().st_mtime
        except (OSError, UnicodeDecodeError) as exc:
            raise TemplateNotFound(template) from exc
        return source, str(chemin), lambda: reel.stat().st_mtime == mtime


def environnement_enferme(folder: Path, *, autoescape: bool) -> Environment:
    """Environnement Jinja2 en bac à sable, variables inconnues refusées (StrictUndefined)."""
    return ImmutableSandboxedEnvironment(
        loader=ChargeurEnferme(folder),
        autoescape=autoescape,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


_INDEFINI = re.compile(r"^'([^']*)' is undefined$")
_ATTRIBUT_INTERDIT = re.compile(r"^access to attribute '([^']*)' of '([^']*)' object is unsafe\.?$")
_SANS_ATTRIBUT = re.compile(r"^'?(.+?)'? (?:object )?has no attribute '([^']*)'$")


def _position(exc: BaseException, racine: str | None) -> tuple[str | None, int | None]:
    """Le fichier et la ligne du gabarit où l'erreur est survenue (pile réécrite par Jinja2)."""
    if isinstance(exc, TemplateSyntaxError) and exc.filename:
        return exc.filename, exc.lineno
    trouve: tuple[str | None, int | None] = (None, None)
    for frame, ligne in traceback.walk_tb(exc.__traceback__):
        fichier = frame.f_code.co_filename
        if (racine and fichier.startswith(racine)) or fichier.endswith(".j2"):
            trouve = (fichier, ligne)
    return trouve


def _message(exc: TemplateError) -> str:
    texte = str(exc.message or "")
    if isinstance(exc, TemplateNotFound):
        return (
            f"gabarit « {exc.name} » introuvable, ou hors du dossier des gabarits "
            "(un gabarit ne lit que les gabarits de son dossier)"
        )
    if isinstance(exc, SecurityError):
        if m := _ATTRIBUT_INTERDIT.match(texte):
            texte = f"accès à l'attribut « {m.group(1)} » d'un objet « {m.group(2)} »"
        return f"opération interdite dans un gabarit (bac à sable) : {texte}"
    if isinstance(exc, UndefinedError):
        if m := _INDEFINI.match(texte):
            return f"variable inconnue « {m.group(1)} »"
        if m := _SANS_ATTRIBUT.match(texte):
            return f"« {m.group(1)} » n'a pas d'attribut « {m.group(2)} »"
        return f"valeur inconnue : {texte}"
    if isinstance(exc, TemplateSyntaxError):
        return f"syntaxe de gabarit invalide : {texte}"
    return f"erreur de gabarit : {texte}"


def rendre(env: Environment, nom: str, **contexte: Any) -> str:
    """Rend le gabarit `nom` ; une erreur de gabarit devient GabaritError (fichier:ligne: message)."""
    racine = getattr(env.loader, "racine", None)
    try:
        return env.get_template(nom).render(**contexte)
    except TemplateError as exc:
        fichier, ligne = _position(exc, racine)
        if fichier is None:
            fichier = str(Path(racine, nom)) if racine else nom
        lieu = f"{fichier}:{ligne}" if ligne else fichier
        raise GabaritError(f"{lieu}: {_message(exc)}") from None
