"""Les cas des règles de suivi (SUI), ajoutés à ceux de test_rules.py : exemple fautif (ligne
exacte) et exemple conforme sur le petit jeu de données. Ces cas ne dépendent pas de la date du
jour (dates passées ou très lointaines) ; tests/test_suivi_rules.py fixe la date par --au."""

from __future__ import annotations

F1 = "fiches/bethune/fa-1-places.yaml"
F2 = "fiches/cabbalr/fa-2-velo.yaml"
LANCEMENT = "lancement: T1 2025\n"
REGION = "{financeur: region-hdf, montant: 100000}"

SUIVI_CASES: list[tuple[str, str, str, str, str, tuple[str, int]]] = [
    (
        "SUI001",
        F1,
        LANCEMENT,
        "statut: en_cours\nsuivi:\n  - {date: 2025-01-15, statut: en_cours_finance}\n" + LANCEMENT,
        "statut: en_cours_finance\nsuivi:\n  - {date: 2025-01-15, statut: en_cours_finance}\n"
        + LANCEMENT,
        (F1, 22),
    ),
    (
        "SUI002",
        F1,
        LANCEMENT,
        "suivi:\n  - {date: 2025-03-01, statut: en_cours}\n  - {date: 2025-01-15, statut: en_cours}\n"
        + LANCEMENT,
        "suivi:\n  - {date: 2025-01-15, statut: en_cours}\n  - {date: 2025-03-01, statut: en_cours}\n"
        + LANCEMENT,
        (F1, 24),
    ),
    (
        "SUI003",
        F1,
        "livraison: Fin 2026\n",
        'livraison: "2099"\nstatut: livree\n',
        "livraison: T1 2025\nstatut: livree\n",
        (F1, 24),
    ),
    (
        "SUI004",
        F2,
        "jalons:\n",
        "statut: en_cours\njalons:\n",
        "statut: livree\njalons:\n",
        (F2, 24),
    ),
    (
        "SUI005",
        F2,
        "jalons:\n",
        "statut: livree\nsuivi:\n  - {date: 2020-01-15, statut: livree}\njalons:\n",
        "statut: livree\njalons:\n",
        (F1, 1),
    ),
    (
        "SUI006",
        F1,
        REGION,
        "{financeur: region-hdf, montant: 100000, montant_attribue: 100000, montant_verse: 120000}",
        "{financeur: region-hdf, montant: 100000, montant_attribue: 100000, montant_verse: 50000}",
        (F1, 20),
    ),
    (
        "SUI007",
        F1,
        REGION,
        "{financeur: region-hdf, montant: 100000, montant_demande: 100000, montant_attribue: 120000}",
        "{financeur: region-hdf, montant: 100000, montant_demande: 100000, montant_attribue: 90000}",
        (F1, 20),
    ),
    (
        "SUI008",
        F1,
        REGION,
        "{financeur: region-hdf, montant: 100000, statut: refuse, montant_verse: 100}",
        "{financeur: region-hdf, montant: 100000, statut: refuse, montant_demande: 100000}",
        (F1, 20),
    ),
    (
        "SUI009",
        F1,
        LANCEMENT,
        "realise:\n  - {annee: 2023, montant: 1000}\n" + LANCEMENT,
        "realise:\n  - {annee: 2025, montant: 1000}\n" + LANCEMENT,
        (F1, 23),
    ),
    (
        "SUI010",
        F1,
        LANCEMENT,
        "realise:\n  - {annee: 2025, montant: 300000}\n  - {annee: 2026, montant: 300000}\n"
        + LANCEMENT,
        "realise:\n  - {annee: 2025, montant: 300000}\n  - {annee: 2026, montant: 200000}\n"
        + LANCEMENT,
        (F1, 24),
    ),
]
