"""Les codes SUP : les commentaires `# acv: ignore[CODE]` que le moteur du linter juge ; documentation seule."""

from __future__ import annotations

from acvkit.diagnostics import Severity
from acvkit.rules.common.base import Rule

SUPPRESSION_CODES: list[Rule] = [
    Rule.documented(
        "SUP001",
        "suppression-sans-raison",
        """
Un commentaire `# acv: ignore[CODE]` ne dit pas pourquoi.

Pourquoi : faire taire une règle est une décision que le relecteur doit pouvoir juger ; la raison
s'écrit après le crochet. La suppression s'applique quand même.

Exemple conforme :

    livraison: 2027-2029  # acv: ignore[CAL003] travaux phasés validés en comité de projet

Exemple fautif :

    livraison: 2027-2029  # acv: ignore[CAL003]
""",
        Severity.WARNING,
    ),
    Rule.documented(
        "SUP002",
        "suppression-inutile",
        """
Un commentaire `# acv: ignore[CODE]` ne fait taire aucun diagnostic.

Pourquoi : une suppression oubliée après correction ferait taire un futur vrai problème.

Exemple conforme : la suppression est retirée une fois la date corrigée.

Exemple fautif :

    livraison: Fin 2026  # acv: ignore[CAL003] ancienne date 2027-2029
""",
        Severity.WARNING,
    ),
    Rule.documented(
        "SUP003",
        "suppression-regle-inconnue",
        """
Un commentaire `# acv: ignore[CODE]` nomme une règle qui n'existe pas.

Pourquoi : une faute de frappe dans le code ne fait rien taire ; mieux vaut le dire.

Exemple conforme :

    livraison: 2027-2029  # acv: ignore[CAL003] phasage validé

Exemple fautif :

    livraison: 2027-2029  # acv: ignore[CAL03] phasage validé
""",
    ),
    Rule.documented(
        "SUP004",
        "suppression-mal-ecrite",
        """
Un commentaire `# acv:` n'a pas la forme `# acv: ignore[CODE] raison` (crochet non fermé, aucun
code, mot autre que `ignore`).

Pourquoi : un tel commentaire ne fait rien taire, alors que son auteur le croit ; mieux vaut le
dire que laisser croire le diagnostic accepté.

Exemple conforme :

    livraison: 2027-2029  # acv: ignore[CAL003] phasage validé

Exemple fautif :

    livraison: 2027-2029  # acv: ignore[CAL003 phasage validé
""",
    ),
]
