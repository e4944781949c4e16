"""Des octets au texte, et ce que la lecture YAML laisse passer et qu'acvkit refuse.

Le texte doit être de l'UTF-8 (sans BOM, sans octet nul, sans tabulation dans l'indentation) :
`decode_bytes` le vérifie avant toute lecture YAML, chaque refus situé.

Un texte entre guillemets doubles peut écrire n'importe quel caractère par une séquence
d'échappement (« \\e », « \\x01 », « \\0 », « \\ud800 », « \\UFFFFFFFF ») : les lecteurs YAML le
décodent sans rien dire. Chaque valeur décodée est donc revue, quel que soit le lecteur (libyaml
ou ruamel.yaml), et chaque caractère interdit devient un diagnostic YML014 à la ligne de la
valeur. Un texte plus long qu'une cellule de tableur (32 767 caractères) devient SCH006 : le
build le refuserait, autant le dire à la validation, avec la ligne.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from acvkit.yaml.document import YamlDocument, YamlProblem
from acvkit.yaml.positions import Loc, line_col

LENGTH_MAX = 32_767  # caractères d'une cellule de tableur (Excel, LibreOffice)

# Contrôles C0 (sauf tabulation et retour à la ligne), DEL, C1, demi-codes de substitution,
# non-caractères Unicode.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    "\U0001fffe\U0001ffff\U0010fffe\U0010ffff]"
)
_LONG_ESCAPE = re.compile(r"\\U([0-9A-Fa-f]{8})")


def _nature(c: str) -> str:
    code = ord(c)
    if 0xD800 <= code <= 0xDFFF:
        return f"demi-code de substitution isolé U+{code:04X}"
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return f"caractère de contrôle U+{code:04X}"
    return f"non-caractère Unicode U+{code:04X}"


def _string_values(node: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _string_values(value, (*loc, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _string_values(value, (*loc, index))
    elif isinstance(node, str):
        yield loc, node


def check_decoded(doc: YamlDocument) -> None:
    """Ajoute à doc.problems les caractères interdits et les textes trop longs (voir le module)."""
    has_escapes = "\\" in doc.text
    if not has_escapes and len(doc.text) <= LENGTH_MAX:
        return  # ni échappement ni texte assez long : rien à revoir
    for loc, texte in _string_values(doc.data):
        if has_escapes and (hits := sorted(set(_FORBIDDEN.findall(texte)))):
            line, column = doc.locate(loc)
            doc.problems.append(
                YamlProblem(
                    "YML014",
                    "caractère interdit dans le texte ("
                    + ", ".join(_nature(c) for c in hits)
                    + ") : retirez la séquence d'échappement",
                    line,
                    column,
                )
            )
        if len(texte) > LENGTH_MAX:
            line, column = doc.locate(loc)
            doc.problems.append(
                YamlProblem(
                    "SCH006",
                    f"texte de {len(texte)} caractères : au-delà de {LENGTH_MAX}, il ne tient "
                    "pas dans une cellule du tableur ANCT",
                    line,
                    column,
                )
            )


def invalid_escape(text: str) -> YamlProblem | None:
    """Un « \\UXXXXXXXX » au-delà de U+10FFFF (les lecteurs YAML échouent dessus), situé."""
    for match in _LONG_ESCAPE.finditer(text):
        if int(match.group(1), 16) > 0x10FFFF:
            line, column = line_col(text, match.start())
            return YamlProblem(
                "YML014",
                f"séquence d'échappement « {match.group(0)} » : point de code invalide "
                "(au-delà de U+10FFFF)",
                line,
                column,
            )
    return None


# En début de ligne, après toute fin de ligne qu'un éditeur compte (\n, \r\n ou \r seul).
_TAB_INDENT = re.compile(r"(?:\A|(?<=[\r\n]))[ ]*\t")


def _looks_utf16(raw: bytes) -> bool:
    """Un texte UTF-16 sans BOM : un octet sur deux est nul (texte latin)."""
    subset = raw[:400]
    if len(subset) < 8:
        return False
    pairs, odd = subset[0::2].count(0), subset[1::2].count(0)
    return max(pairs, odd) > len(subset) // 3


def decode_bytes(raw: bytes) -> tuple[str, list[YamlProblem]]:
    """Le texte d'un contenu, et ses problèmes qui n'empêchent pas de le lire (BOM) ; YamlProblem sinon."""
    problems: list[YamlProblem] = []
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(raw):
        raise YamlProblem("YML003", "fichier en UTF-16 : réenregistrez-le en UTF-8")
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append(
            YamlProblem(
                "YML004",
                "marque d'ordre des octets (BOM) en tête de fichier : "
                "réenregistrez-le en UTF-8 sans BOM",
            )
        )
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        debut = raw[: exc.start].decode("utf-8", "replace")
        line, column = line_col(debut, len(debut))
        raise YamlProblem(
            "YML003",
            f"fichier qui n'est pas en UTF-8 (octet 0x{raw[exc.start]:02x}) : sans doute enregistré "
            "en Windows-1252 ou Latin-1 ; réenregistrez-le en UTF-8",
            line,
            column,
        ) from exc
    if "\x00" in text:
        line, column = line_col(text, text.index("\x00"))
        raise YamlProblem(
            "YML003",
            "octet nul dans le fichier (fichier binaire ?) : ce n'est pas un texte YAML",
            line,
            column,
        )
    if "\t" in text and (m := _TAB_INDENT.search(text)):
        line, column = line_col(text, m.end() - 1)
        raise YamlProblem(
            "YML005", "tabulation dans l'indentation : indentez avec des espaces", line, column
        )
    return text, problems
