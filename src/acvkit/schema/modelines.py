"""La ligne `# yaml-language-server: $schema=…` de chaque fichier de données : vérifiée et rétablie.

C'est elle qui donne à l'éditeur (VS Code, extension YAML de Red Hat) le schéma du fichier. Le
chemin attendu mène de chaque fichier au dossier `schemas/` voisin du dossier de données
(`<dépôt>/schemas/`, là où `acv schema` écrit par défaut), par exemple
`../../../schemas/fiche.schema.json` pour `fiches/ville-sur-val/fa-62-….yaml`.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

PREFIX = "# yaml-language-server: $schema="
# Les fichiers du texte de l'avenant qui ont leur propre schéma (avenant/<nom>.yaml).
AVENANT_FILES = ("secteurs", "evaluation", "document")
_MODELINE = re.compile(r"^#\s*yaml-language-server\s*:\s*\$schema=(\S*)\s*$")


def kind_of(relative: PurePosixPath) -> str | None:
    """Le schéma d'un fichier d'après sa place dans le dossier de données (fiche, axe…)."""
    parts = relative.parts
    if not parts:
        return None
    if len(parts) == 1 and relative.stem in {"programme", "partenaires"}:
        return relative.stem
    if len(parts) >= 2 and parts[0] == "fiches":
        return "fiche"
    if len(parts) == 2 and parts[0] == "axes":
        return "axe"
    if len(parts) == 2 and parts[0] == "indicateurs":
        return "indicateur"
    if len(parts) == 3 and parts[:2] == ("avenant", "articles"):
        return "article"
    if len(parts) == 2 and parts[0] == "avenant" and relative.stem in AVENANT_FILES:
        return relative.stem
    return None


def expected_target(relative: PurePosixPath, kind: str) -> str:
    """Le chemin du schéma vu depuis le fichier : remonter au parent du dossier de données."""
    return "../" * len(relative.parts) + f"schemas/{kind}.schema.json"


def expected_line(relative: PurePosixPath, kind: str) -> str:
    return PREFIX + expected_target(relative, kind)


# Les préfixes essayés avant le texte entier : l'en-tête tient presque toujours dans le premier.
_HEADS = (512, 8192)


def find(text: str) -> tuple[int, str] | None:
    """(numéro de ligne à partir de 0, cible) de la ligne de schéma, parmi les commentaires d'en-tête.

    Les lignes d'un préfixe du texte sont les siennes (comme `splitlines`), sauf la dernière,
    peut-être coupée, écartée : un préfixe qui tranche suffit, sans découper tout le fichier.
    """
    for size in _HEADS:
        if len(text) <= size:
            break
        decided, found = _find_in(text[:size].splitlines()[:-1])
        if decided:
            return found
    return _find_in(text.splitlines())[1]


def _find_in(lines: list[str]) -> tuple[bool, tuple[int, str] | None]:
    """(tranché, ce que `find` rend) sur ces lignes ; non tranché quand elles ne sont que des
    commentaires et des blancs sans ligne de schéma (la suite du texte peut encore l'avoir)."""
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        if not line.lstrip().startswith("#"):
            return True, None
        match = _MODELINE.match(line.strip())
        if match:
            return True, (index, match.group(1))
    return False, None


def uses_modelines(programme_text: str | None) -> bool:
    """Un dossier « annonce ses schémas » quand son programme.yaml a sa ligne de schéma."""
    return programme_text is not None and find(programme_text) is not None


def problem(text: str, relative: PurePosixPath, file: Path | None, required: bool) -> str | None:
    """Ce qui ne va pas dans la ligne de schéma d'un fichier (message français), ou None.

    `required` : le dossier annonce ses schémas, une ligne absente est donc un oubli. `file` : le
    fichier sur le disque, pour vérifier qu'une cible autre que celle attendue existe.
    """
    kind = kind_of(relative)
    if kind is None:
        return None
    expected = expected_target(relative, kind)
    found = find(text)
    if found is None:
        if not required:
            return None
        return (
            f"ligne de schéma absente : ajoutez en tête « {PREFIX}{expected} » "
            "pour que l'éditeur valide et complète ce fichier (ou lancez acv fmt)"
        )
    _, cible = found
    nom = cible.rsplit("/", 1)[-1].split("#", 1)[0]
    if nom != f"{kind}.schema.json":
        return (
            f"la ligne de schéma désigne « {nom or cible} » au lieu de « {kind}.schema.json » : "
            f"l'éditeur signalerait de fausses erreurs ; écrivez « {PREFIX}{expected} » "
            "(ou lancez acv fmt)"
        )
    if cible == expected or "://" in cible or file is None or not file.is_file():
        return None
    if not (file.parent / cible).is_file():
        return (
            f"la ligne de schéma désigne « {cible} », introuvable depuis ce fichier : "
            f"écrivez « {PREFIX}{expected} » (ou lancez acv fmt), et « acv schema » pour écrire "
            "les schémas"
        )
    return None


def restore(text: str, relative: PurePosixPath, required: bool, file: Path | None = None) -> str:
    """Le texte avec sa ligne de schéma rétablie, si `problem` y trouve à redire."""
    kind = kind_of(relative)
    if kind is None or problem(text, relative, file, required) is None:
        return text
    line = expected_line(relative, kind)
    found = find(text)
    lines = text.splitlines(keepends=True)
    if found is None:
        return line + "\n" + text
    index, _ = found
    ending = "\n" if lines[index].endswith("\n") else ""
    lines[index] = line + ending
    return "".join(lines)
