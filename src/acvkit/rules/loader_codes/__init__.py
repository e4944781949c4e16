"""Les codes émis par la lecture des fichiers (syntaxe, encodage, schéma, structure) et par le moteur
(suppressions) : documentation seule, un module par famille de codes."""

from __future__ import annotations

from acvkit.rules.common.base import Rule
from acvkit.rules.loader_codes.schema import SCHEMA_CODES
from acvkit.rules.loader_codes.structure import STRUCTURE_CODES
from acvkit.rules.loader_codes.suppressions import SUPPRESSION_CODES
from acvkit.rules.loader_codes.yaml_syntax import YAML_CODES

LOADER_RULES: list[Rule] = [*YAML_CODES, *SCHEMA_CODES, *STRUCTURE_CODES]
ENGINE_RULES: list[Rule] = SUPPRESSION_CODES
