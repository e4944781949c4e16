"""Les identifiants d'organismes (SIREN), vérifiés par python-stdnum.

Une faute de frappe dans un SIREN change presque toujours sa clé de Luhn : la vérification de la
bibliothèque la trouve, là où « 9 chiffres » la laissait passer.
"""

from __future__ import annotations

from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength, ValidationError
from stdnum.fr import siren


def _problem(validate: object, valeur: str, digits: int) -> str | None:
    try:
        validate(valeur)  # type: ignore[operator]
    except InvalidLength:
        return f"{digits} chiffres attendus, {len(valeur)} caractère(s) écrit(s)"
    except InvalidFormat:
        return f"{digits} chiffres attendus, sans lettre ni signe"
    except InvalidChecksum:
        return "la clé de contrôle (Luhn) ne correspond pas : un chiffre est faux ou inversé"
    except ValidationError:
        return "numéro invalide"
    return None


def siren_problem(valeur: str) -> str | None:
    """Ce qui ne va pas dans un SIREN écrit sans espaces, ou None s'il est valide."""
    return _problem(siren.validate, valeur, 9)
