"""Une entrée du journal de suivi est datée avant la précédente, ou après la date du rapport.

Pourquoi : le journal s'écrit du plus ancien au plus récent, et ne peut pas raconter l'avenir ; une
date dans le désordre ou future est presque toujours une faute de frappe (2052 pour 2025), qui
fausserait le dernier statut et le contrôle de mise à jour semestrielle.

Exemple conforme (rapport au 30/06/2025) :

    suivi:
      - {date: 2024-12-31, statut: en_cours}
      - {date: 2025-06-15, statut: en_cours_finance}

Exemple fautif :

    suivi:
      - {date: 2025-06-15, statut: en_cours_finance}
      - {date: 2024-12-31, statut: en_cours}
      - {date: 2025-09-30, statut: livree}
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.rules.common.base import Problem, problem
from acvkit.rules.common.suivi import report_day

CODE = "SUI002"
NAME = "suivi-mal-date"
SEVERITY = Severity.ERROR
SCOPE = "fiche"  # ne regarde qu'une fiche (et le référentiel)


def check(data: Dataset) -> Iterator[Problem]:
    day = report_day(data)
    for entry in data.fiches:
        previous = None
        for index, item in enumerate(entry.model.suivi or []):
            if previous is not None and item.date < previous:
                yield problem(
                    entry,
                    "suivi",
                    index,
                    "date",
                    message=f"entrée du {item.date:%d/%m/%Y} écrite après celle du "
                    f"{previous:%d/%m/%Y} : le journal va du plus ancien au plus récent",
                    context=f"desordre={item.date.isoformat()}",
                )
            elif item.date > day:
                yield problem(
                    entry,
                    "suivi",
                    index,
                    "date",
                    message=f"entrée datée du {item.date:%d/%m/%Y}, après la date du rapport "
                    f"({day:%d/%m/%Y})",
                    context=f"future={item.date.isoformat()}",
                )
            previous = item.date if previous is None else max(previous, item.date)
