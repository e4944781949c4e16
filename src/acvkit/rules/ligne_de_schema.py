"""La ligne qui donne son schéma à l'éditeur manque, ou désigne un autre schéma.

Pourquoi : la première ligne `# yaml-language-server: $schema=…` permet à VS Code (extension
YAML de Red Hat) de valider et compléter le fichier en français. Une fiche qui désigne
`axe.schema.json` se couvre de fausses erreurs dans l'éditeur ; une ligne absente le prive de
toute aide. Dès que `programme.yaml` a sa ligne, tous les fichiers doivent l'avoir. Le chemin attendu mène
au dossier `schemas/` voisin du dossier de données (écrit par `acv schema`) ; `acv fmt` rétablit
la ligne.

Exemple conforme (fiches/ville-sur-val/fa-62-places-hypercentre.yaml) :

    # yaml-language-server: $schema=../../../schemas/fiche.schema.json
    numero: 62

Exemple fautif :

    # yaml-language-server: $schema=../../../schemas/axe.schema.json
    numero: 62
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.rules.common.base import Problem
from acvkit.schema.modelines import find, problem, uses_modelines
from acvkit.yaml.document import YamlDocument

CODE = "STR004"
NAME = "ligne-de-schema"
SEVERITY = Severity.WARNING
SCOPE = "fiche"  # ne regarde qu'une fiche (et le référentiel)


def _relative(doc: YamlDocument, root: Path, real_dirs: dict[str, str]) -> PurePosixPath | None:
    """Le chemin réel du fichier (liens résolus) relatif à la racine résolue ; None hors d'elle.

    Comme `Path(doc.path).resolve()`, mais le dossier n'est résolu qu'une fois pour tous ses
    fichiers (`real_dirs`) : seul un fichier qui est lui-même un lien est résolu en entier.
    """
    directory, name = os.path.split(doc.path)
    try:
        if os.path.islink(doc.path):  # noqa: PTH114  (os.path : un appel, sans objet Path)
            real = Path(os.path.realpath(doc.path))
        else:
            if directory not in real_dirs:
                real_dirs[directory] = os.path.realpath(directory or ".")
            real = Path(real_dirs[directory], name)
        return PurePosixPath(real.relative_to(root).as_posix())
    except (ValueError, OSError):
        return None


def check(data: Dataset) -> Iterator[Problem]:
    docs = [d for d in data.documents if d.text]
    if data.programme is not None and data.programme.doc.text:
        programme: str | None = data.programme.doc.text
    else:
        names = {"programme.yaml", "programme.yml"}
        programme = next((d.text for d in docs if PurePosixPath(d.path).name in names), None)
    required = uses_modelines(programme)
    # Un jeu de données qui connaît déjà sa racine résolue (validation fiche par fiche) la donne.
    root = getattr(data, "resolved_root", None) or data.root.resolve()
    # Les dossiers déjà résolus, le temps d'une validation (partagés entre les fiches quand elle
    # se fait fiche par fiche).
    real_dirs: dict[str, str] | None = getattr(data, "real_dirs", None)
    if real_dirs is None:
        real_dirs = {}
    for doc in docs:
        relative = _relative(doc, root, real_dirs)
        if relative is None:
            continue
        message = problem(doc.text, relative, Path(doc.path), required)
        if message is None:
            continue
        found = find(doc.text)
        # Situé sur la ligne fautive, ou sur la première clé quand la ligne manque.
        yield Problem(
            doc,
            (),
            message,
            context=f"schema={found[1] if found else ''}",
        )
