"""Les règles d'une fiche refusée par la validation, appliquées aux champs qui l'ont passée.

Une fiche au sous-axe inconnu, à la clé mal orthographiée et au montant écrit en lettres a trois
problèmes indépendants : la validation signale les deux derniers, et le sous-axe se vérifie quand
même, comme dans l'éditeur et avec check-jsonschema, au lieu d'attendre que le reste soit corrigé.

Une règle qui le peut dit les champs de la fiche qu'elle lit (`PARTIAL` dans son module) ; elle
est appliquée à chaque fiche refusée dont ces champs sont valides (chacun validé seul, par le type
du modèle), dans une vue du jeu de données réduite à cette fiche et au référentiel. Ses problèmes
ne portent que sur la fiche refusée.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import cache
from typing import Annotated, Any

from pydantic import TypeAdapter, ValidationError

from acvkit.loading.dataset import Dataset, Entry
from acvkit.models import Fiche
from acvkit.rules import Problem, Rule
from acvkit.yaml.document import YamlDocument


@cache
def _adapter(name: str) -> TypeAdapter[Any]:
    info = Fiche.model_fields[name]
    annotation: Any = info.annotation
    if info.metadata:  # les contraintes de Field(...) (motif, bornes) en font partie
        annotation = Annotated[(annotation, *info.metadata)]
    return TypeAdapter(annotation)


def partial_fiche(doc: YamlDocument, fields: tuple[str, ...]) -> Entry[Fiche] | None:
    """La fiche refusée réduite à `fields`, si chacun est valide (ou absent avec une valeur par
    défaut) ; sinon None."""
    data = doc.data
    if not isinstance(data, dict):
        return None
    values: dict[str, Any] = {}
    for name in fields:
        info = Fiche.model_fields[name]
        key = info.alias or name
        if key not in data:
            if info.is_required():
                return None
            continue
        try:
            values[name] = _adapter(name).validate_python(data[key])
        except ValidationError:
            return None
    return Entry(Fiche.model_construct(**values), doc)


def partial_problems(
    rules: Iterable[Rule], rejected: list[YamlDocument], dataset: Dataset
) -> list[tuple[Rule, Problem]]:
    """Les problèmes que trouvent les règles à `PARTIAL` dans les fiches refusées."""
    found: list[tuple[Rule, Problem]] = []
    if not rejected:
        return found
    for rule in rules:
        if not rule.partial or rule.check is None:
            continue
        entries = [e for doc in rejected if (e := partial_fiche(doc, rule.partial)) is not None]
        if not entries:
            continue
        view = replace(dataset, programme=None, fiches=entries, indicateurs=[])
        docs = {id(e.doc) for e in entries}
        found.extend((rule, hit) for hit in rule.check(view) if id(hit.doc) in docs)
    return found
