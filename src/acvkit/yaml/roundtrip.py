"""L'écriture YAML aller-retour : mêmes commentaires, mêmes guillemets, même mise en page que le fichier lu."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.representer import RoundTripRepresenter


class _Representer(RoundTripRepresenter):
    """`null` écrit en toutes lettres, montants Decimal écrits au centime près comme nombres."""


def _null(representer: Any, _data: None) -> Any:
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


def _decimal(representer: Any, data: Decimal) -> Any:
    texte = f"{data:f}"
    tag = "tag:yaml.org,2002:float" if "." in texte else "tag:yaml.org,2002:int"
    return representer.represent_scalar(tag, texte)


_Representer.add_representer(type(None), _null)
_Representer.add_representer(Decimal, _decimal)


def rt_yaml() -> YAML:
    """Le YAML aller-retour d'acvkit : indentation 2, listes « - » décalées de 2, lignes jamais coupées."""
    yaml = YAML(typ="rt")
    yaml.Representer = _Representer
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 1_000_000
    return yaml


def load_rt(text: str) -> Any:
    return rt_yaml().load(text)


def dump_rt(data: Any) -> str:
    out = io.StringIO()
    rt_yaml().dump(data, out)
    return out.getvalue()
