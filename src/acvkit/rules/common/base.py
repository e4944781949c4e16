"""Ce qu'est une règle : un code, un nom, une gravité par défaut, une documentation et un contrôle."""

from __future__ import annotations

import difflib
import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset, Entry
from acvkit.models import Fiche
from acvkit.yaml.document import YamlDocument
from acvkit.yaml.positions import Loc


@dataclass(frozen=True)
class Problem:
    """Ce qu'une règle trouve : où (document et chemin de clés) et quoi (message français)."""

    doc: YamlDocument
    loc: Loc
    message: str
    key: bool = False
    # Identité stable du problème, sans numéro de ligne (ligne de base, empreintes GitLab).
    context: str = ""


def problem(
    entry: Entry[Any], *loc: str | int, message: str, key: bool = False, context: str = ""
) -> Problem:
    return Problem(entry.doc, entry.base + loc, message, key, context or ".".join(map(str, loc)))


Check = Callable[[Dataset], Iterable[Problem]]
# Une règle « de document » ne regarde qu'un fichier : son résultat se met en cache avec lui.
DocumentCheck = Callable[[YamlDocument], Iterable[Problem]]


@dataclass(frozen=True)
class Rule:
    """Une règle enregistrée : `check` voit tout le jeu de données, `check_document` un seul fichier ;
    les deux valent None pour les codes émis par la lecture des fichiers."""

    code: str
    name: str
    severity: Severity
    doc: str
    check: Check | None = None
    check_document: DocumentCheck | None = None
    # Calcul sur une fiche validée, fait d'avance par le processus qui la lit (doc.prepared).
    prepare: Callable[[Fiche], object] | None = None
    # « fiche » : ce que `check` trouve dans une fiche ne dépend que d'elle et du référentiel
    # (programme, partenaires, axes, indicateurs) ; la validation à froid l'applique fiche par
    # fiche, dans le processus qui la lit. Sinon (« jeu »), `check` voit tout le jeu de données.
    scope: str = "jeu"
    # Pour une règle « jeu » : les champs des fiches qu'elle lit (() : aucun) ; None : inconnus,
    # la validation à froid garde alors tous les modèles dans ce processus.
    champs: tuple[str, ...] | None = None
    # Pour une règle « jeu » : les chemins des fiches où elle situe ses problèmes (chacun avec
    # tout ce qu'il contient).
    locs: tuple[Loc, ...] = ()
    # Pour une règle « fiche » : les champs qu'elle lit, si elle peut aussi juger une fiche refusée
    # par la validation dont ces champs sont valides (acvkit.linting.partial) ; () : non.
    partial: tuple[str, ...] = ()

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0].rstrip(".")

    @property
    def url(self) -> str:
        """Le lien par défaut vers sa documentation (voir acvkit.linting.docs_url)."""
        from acvkit.linting.docs_url import rule_url

        return rule_url(self.code)

    @classmethod
    def documented(
        cls, code: str, name: str, doc: str, severity: Severity = Severity.ERROR
    ) -> Rule:
        """Un code émis par la lecture des fichiers ou par le moteur : sa documentation, sans contrôle."""
        return cls(code=code, name=name, severity=severity, doc=doc.strip())

    @classmethod
    def from_module(cls, module: ModuleType) -> Rule:
        """Une règle est un module : CODE, NAME, SEVERITY, check(), et sa docstring pour documentation."""
        return cls(
            code=module.CODE,
            name=module.NAME,
            severity=module.SEVERITY,
            doc=inspect.cleandoc(module.__doc__ or ""),
            check=getattr(module, "check", None),
            check_document=getattr(module, "check_document", None),
            prepare=getattr(module, "prepare", None),
            scope=getattr(module, "SCOPE", "jeu"),
            champs=getattr(module, "CHAMPS", None),
            locs=getattr(module, "LOCS", ()),
            partial=getattr(module, "PARTIAL", ()),
        )


def suggest(value: str, candidates: Iterable[str]) -> str:
    """« : vouliez-vous dire « x » ? » quand une valeur proche existe, sinon rien."""
    close_matches = difflib.get_close_matches(value, list(candidates), n=1, cutoff=0.6)
    return f" : vouliez-vous dire « {close_matches[0]} » ?" if close_matches else ""


def iter_strings(node: object, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Toutes les valeurs textuelles d'un arbre YAML avec leur chemin de clés."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from iter_strings(value, (*loc, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from iter_strings(value, (*loc, index))
    elif isinstance(node, str):
        yield loc, node
