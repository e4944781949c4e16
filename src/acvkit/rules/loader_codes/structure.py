"""Les codes STR : un fichier hors de la structure du dossier de données, ou illisible ; documentation seule."""

from __future__ import annotations

from acvkit.diagnostics import Severity
from acvkit.rules.common.base import Rule

STRUCTURE_CODES: list[Rule] = [
    Rule.documented(
        "STR001",
        "fichier-hors-structure",
        """
Un fichier YAML est hors de la structure du dossier de données ; il n'est pas lu.

Pourquoi : une fiche posée à la racine ou dans un dossier mal nommé serait ignorée sans bruit.

Exemple conforme : data/fiches/ville-sur-val/fa-62-places.yaml

Exemple fautif : data/fa-62-places.yaml
""",
        Severity.WARNING,
    ),
    Rule.documented(
        "STR002",
        "fichier-obligatoire",
        """
Un fichier obligatoire (programme.yaml, partenaires.yaml) manque.

Pourquoi : sans le programme, pas de période pour vérifier les dates ; sans les partenaires, pas
de référence pour les financeurs.

Exemple conforme : data/programme.yaml et data/partenaires.yaml existent.

Exemple fautif : data/ ne contient que fiches/.
""",
    ),
    Rule.documented(
        "STR003",
        "dossier-illisible",
        """
Un dossier du dossier de données ne peut pas être parcouru (permission refusée), ou `fiches`,
`axes` ou `indicateurs` n'est pas un dossier (fichier ordinaire, lien symbolique).

Pourquoi : les fiches d'un dossier illisible manqueraient sans bruit aux totaux et aux annexes ;
`acv couts` et `acv build` refusent de travailler sur un jeu incomplet.

Exemple conforme : data/fiches/ville-sur-val/, dossier lisible.

Exemple fautif : data/fiches/ville-sur-val/ en mode 000, ou data/fiches, fichier vide.
""",
    ),
]
