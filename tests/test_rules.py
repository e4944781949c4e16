"""Chaque règle : un exemple fautif (ligne et code exacts) et un exemple conforme, sur de vrais fichiers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from acvkit.rules import ALL_RULES, CHECK_RULES
from tests.conftest import edit, flat
from tests.suivi_cases import SUIVI_CASES

F1 = "fiches/bethune/fa-1-places.yaml"
F2 = "fiches/cabbalr/fa-2-velo.yaml"
# Mesures ajoutées à la fin de indicateurs/ind-3-01.yaml (six lignes) : la 7e ligne et les suivantes.
I31 = "indicateurs/ind-3-01.yaml"
P31 = "perimetre: [commune, centre-ville]\n"
KM = "unite: km\nvaleurs:\n"
INDICATEURS_F2 = 'indicateurs_resultat:\n  - texte: "Aménagements réalisés :"\n    details: [Fonctionnalité des espaces]\n'

# code, fichier, texte d'origine, version fautive, version conforme, (fichier signalé, ligne)
CASES: list[tuple[str, str, str, str, str, tuple[str, int]]] = [
    ("INT001", F2, "numero: 2\n", "numero: 1\n", "numero: 2  # seule FA 2\n", (F2, 1)),
    ("INT002", F1, "numero: 1\n", "numero: 7\n", "numero: 1  # fa-1-places.yaml\n", (F1, 1)),
    ("INT003", F1, 'sous_axe: "4.2"', 'sous_axe: "4.9"', 'sous_axe: "3.4"', (F1, 5)),
    ("INT004", F1, "  - cabbalr", "  - cabalr", "  - region-hdf", (F1, 12)),
    # Liste nationale : 62119 est une commune d'ACV031 ; 62191 n'en est pas une.
    (
        "INT009",
        "programme.yaml",
        'insee: "62119"\n',
        'insee: "62191"\n',
        'insee: "62119"  # dans la liste nationale\n',
        ("programme.yaml", 14),
    ),
    (
        "INT005",
        F1,
        "{financeur: banque-des-territoires}",
        "{financeur: Caisse des Dépôts}",
        "{financeur: cabbalr}",
        (F1, 21),
    ),
    (
        "INT006",
        "partenaires.yaml",
        "aliases: [Région]",
        "aliases: [Région, CABBALR]",
        "aliases: [Région, Conseil régional]",
        ("partenaires.yaml", 12),
    ),
    (
        "INT007",
        "axes/axe-3.yaml",
        '  - code: "3.4"',
        '  - code: "4.4"',
        '  - code: "3.1"\n    intitule: Plan vélo\n  - code: "3.4"',
        ("axes/axe-3.yaml", 4),
    ),
    (
        "INT008",
        "programme.yaml",
        'siren: "200072460"',
        'siren: "200072640"',
        'siren: "200072460"  # clé de Luhn juste (et SIREN d\'ACV031 dans la liste nationale)',
        ("programme.yaml", 11),
    ),
    ("MON001", F1, "total: 550000.50", "total: 550000.51", "total: 550000.5", (F1, 18)),
    ("MON002", F2, "montant: 100625.61}", "montant: 300000}", "montant: 241501}", (F2, 16)),
    (
        "MON003",
        F1,
        "{financeur: banque-des-territoires}",
        "{financeur: banque-des-territoires, montant: 5, base: TTC}",
        "{financeur: banque-des-territoires, montant: 5, base: HT}",
        (F1, 14),
    ),
    (
        "MON005",
        F1,
        "  - {financeur: banque-des-territoires}\n",
        "  - {financeur: banque-des-territoires}\n  - {financeur: region-hdf}\n",
        "  - {financeur: banque-des-territoires}\n  - {financeur: cabbalr}\n",
        (F1, 22),
    ),
    (
        "MON006",
        F1,
        "{libelle: Place Joffre, montant: 300000.50}",
        "{libelle: Place Joffre, montant: null}",
        "{libelle: Place Joffre, montant: 300000.50, note: estimation de 2024}",
        (F1, 17),
    ),
    ("CAL001", F1, "livraison: Fin 2026", "livraison: Fin 2024", "livraison: T1 2025", (F1, 23)),
    ("CAL002", F1, "livraison: Fin 2026", "livraison: Eté 2023", "livraison: T4 2025", (F1, 23)),
    ("CAL003", F1, "livraison: Fin 2026", "livraison: 2027-2029", "livraison: T4 2026", (F1, 23)),
    (
        "CAL004",
        F2,
        "jalons:",
        'lancement: "2024"\nlivraison: "2024"\njalons:',
        'lancement: "2024"\nlivraison: "2025"\njalons:',
        (F2, 25),
    ),
    (
        "CAL005",
        F1,
        "lancement: T1 2025",
        "lancement: courant 2025",
        "lancement: Début 2025",
        (F1, 22),
    ),
    (
        "CON001",
        F1,
        "description: |\n  Une étude des places a été menée.\n",
        'description: ""\n',
        "description_note: A déterminer\n",
        (F1, 6),
    ),
    (
        "CON002",
        F2,
        "  - Développer la pratique du vélo",
        "  - Requalifier l’aménagement urbain !",
        "  - Requalifier les espaces publics",
        (F2, 9),
    ),
    (
        "CON003",
        "programme.yaml",
        "representant: Olivier GACQUERRE",
        "representant: XXXXXXX",
        "representant: Catherine BARDY",
        ("programme.yaml", 18),
    ),
    ("CON004", F2, INDICATEURS_F2, "", "indicateurs_evaluation: [ind-3-01]\n", (F2, 4)),
    (
        "CON005",
        F1,
        "Une étude des places",
        "\uf0d8 Une étude des places",
        "• Une étude des places",
        (F1, 6),
    ),
    ("IND001", F1, "[ind-4-01]", "[ind-4-10]", "[ind-4-01, ind-3-01]", (F1, 26)),
    (
        "IND002",
        "indicateurs/ind-3-01.yaml",
        'axe: "3"',
        'axe: "4"',
        "axe: '3'",
        ("axes/axe-3.yaml", 1),
    ),
    (
        "STR004",
        "fiches/bethune/fa-1-places.yaml",
        "numero: 1\n",
        "# yaml-language-server: $schema=../../../schemas/axe.schema.json\nnumero: 1\n",
        "# yaml-language-server: $schema=../../../schemas/fiche.schema.json\nnumero: 1\n",
        ("fiches/bethune/fa-1-places.yaml", 2),
    ),
    (
        "IND003",
        "indicateurs/ind-4-01.yaml",
        "id: ind-4-01",
        "id: ind-4-02",
        'id: "ind-4-01"',  # même identifiant, écrit entre guillemets
        ("indicateurs/ind-4-01.yaml", 1),
    ),
    (
        "IND004",
        I31,
        P31,
        P31 + "valeurs:\n  - {annee: 2024, valeur: 47.1}\n",
        P31 + "unite: km\nvaleurs:\n  - {annee: 2024, valeur: 47.1}\n",
        (I31, 8),
    ),
    (
        "IND005",
        I31,
        P31,
        P31 + KM + "  - {annee: 2024, valeur: 47.1, perimetre: epci}\n",
        P31 + KM + "  - {annee: 2024, valeur: 47.1, perimetre: commune}\n",
        (I31, 9),
    ),
    (
        "IND006",
        I31,
        P31,
        P31 + KM + "  - {annee: 2024, valeur: 47.1, territoire: region-hdf}\n",
        P31 + KM + "  - {annee: 2024, valeur: 47.1, territoire: bethune}\n",
        (I31, 9),
    ),
    (
        "IND007",
        I31,
        P31,
        P31 + KM + "  - {annee: 2024, valeur: 47.1}\n  - {annee: 2024, valeur: 48}\n",
        P31 + KM + "  - {annee: 2024, valeur: 47.1}\n  - {annee: 2025, valeur: 48}\n",
        (I31, 10),
    ),
    (
        "IND008",
        I31,
        P31,
        P31 + KM + "  - {annee: 2025, valeur: 48}\n  - {annee: 2024, valeur: 47.1}\n",
        P31 + KM + "  - {annee: 2024, valeur: 47.1}\n  - {annee: 2025, valeur: 48}\n",
        (I31, 10),
    ),
    (
        "IND009",
        I31,
        P31,
        P31 + "unite: km\ncibles:\n  - {annee: 2030, valeur: 80}\n",
        P31 + "unite: km\ncibles:\n  - {annee: 2026, valeur: 80}\n",
        (I31, 9),
    ),
    (
        "IND010",
        I31,
        "sources: [Artois Mobilités]\n",
        "sources: [Artois Mobilités, SNCF]\n" + KM + "  - {annee: 2024, valeur: 47.1}\n",
        "sources: [Artois Mobilités, SNCF]\n" + KM + "  - {annee: 2024, valeur: 1, source: SNCF}\n",
        (I31, 8),
    ),
    (
        "IND011",
        I31,
        P31,
        P31 + KM + "  - {annee: 2025, valeur: 47.1}\n",
        P31 + "valeurs: []\n",
        ("indicateurs/ind-4-01.yaml", 1),
    ),
]

CASES += SUIVI_CASES  # règles de suivi (SUI)

# Le texte de l'avenant (règles AVE) : le petit jeu propre et son dossier avenant/
# (tests/fixtures/positive-avenant), mêmes colonnes que CASES.
A = "avenant/articles/"
DOC = "avenant/document.yaml"
AVENANT_CASES: list[tuple[str, str, str, str, str, tuple[str, int]]] = [
    ("AVE001", A + "article-9.yaml", "numero: 9\n", "numero: 8\n", "numero: 9  # fin\n", (DOC, 2)),
    (
        "AVE002",
        A + "article-5.yaml",
        "en annexe 3.",
        "en annexe 7.",
        "en annexe n°3.",
        (A + "article-5.yaml", 9),
    ),
    (
        "AVE003",
        DOC,
        "contenu: fiches-action}",
        "note: à venir}",
        "contenu: fiches-action, note: jointe}",
        (A + "article-7.yaml", 7),
    ),
    (
        "AVE004",
        "avenant/secteurs.yaml",
        "fiches: [1]",
        "fiches: [99]",
        "fiches: [1, 2]",
        ("avenant/secteurs.yaml", 9),
    ),
    (
        "AVE005",
        A + "article-7.yaml",
        "{{ plan_action }}\n",
        "{{ plan_daction }}\n",
        "{{ plan_action }}\n\n  Pour la période {{ periode }}.\n",
        (A + "article-7.yaml", 7),
    ),
    (
        "AVE006",
        DOC,
        "son maire Olivier GACQUERRE",
        "son maire Jean DUPONT",
        "Olivier GACQUERRE, son maire",
        (DOC, 4),
    ),
]


def _with_code(folder: Path, code: str) -> list[list[object]]:
    return [row[:2] for row in flat(folder, "path", "line", "code") if row[2] == code]


@pytest.mark.parametrize(
    ("code", "file", "old", "bad", "good", "where"), CASES, ids=[c[0] for c in CASES]
)
def test_exemple_fautif(
    positive: Path, code: str, file: str, old: str, bad: str, good: str, where: tuple[str, int]
) -> None:
    edit(positive / file, old, bad)
    assert _with_code(positive, code) == [list(where)]


@pytest.mark.parametrize(
    ("code", "file", "old", "bad", "good", "where"), CASES, ids=[c[0] for c in CASES]
)
def test_exemple_conforme(
    positive: Path, code: str, file: str, old: str, bad: str, good: str, where: tuple[str, int]
) -> None:
    # Un exemple conforme qui n'est pas le texte d'origine, et propre : aucun diagnostic du tout,
    # sauf les avertissements de dossier qu'allume la seule présence d'un suivi ou de valeurs
    # d'indicateur (SUI005 : fiches sans suivi récent ; IND011 : indicateurs sans valeur).
    assert good != old
    edit(positive / file, old, good)
    fired_codes = {"SUI005", "IND011"} - {code}
    assert [r for r in flat(positive, "path", "line", "code") if r[2] not in fired_codes] == []


def test_chaque_regle_a_un_cas() -> None:
    assert sorted(CHECK_RULES) == sorted(c[0] for c in CASES + AVENANT_CASES)


@pytest.fixture
def positive_avenant(positive: Path) -> Path:
    """Le petit jeu propre, avec un texte d'avenant (dossier avenant/)."""
    shutil.copytree(
        Path(__file__).parent / "fixtures" / "positive-avenant", positive, dirs_exist_ok=True
    )
    return positive


def test_le_texte_d_avenant_du_jeu_propre_est_propre(positive_avenant: Path) -> None:
    assert flat(positive_avenant, "path", "line", "code") == []


@pytest.mark.parametrize(
    ("code", "file", "old", "bad", "good", "where"),
    AVENANT_CASES,
    ids=[c[0] for c in AVENANT_CASES],
)
def test_exemple_fautif_du_texte_d_avenant(
    positive_avenant: Path,
    code: str,
    file: str,
    old: str,
    bad: str,
    good: str,
    where: tuple[str, int],
) -> None:
    edit(positive_avenant / file, old, bad)
    assert _with_code(positive_avenant, code) == [list(where)]


@pytest.mark.parametrize(
    ("code", "file", "old", "bad", "good", "where"),
    AVENANT_CASES,
    ids=[c[0] for c in AVENANT_CASES],
)
def test_exemple_conforme_du_texte_d_avenant(
    positive_avenant: Path,
    code: str,
    file: str,
    old: str,
    bad: str,
    good: str,
    where: tuple[str, int],
) -> None:
    assert good != old
    edit(positive_avenant / file, old, good)
    assert flat(positive_avenant, "path", "line", "code") == []


@pytest.mark.parametrize("code", sorted(ALL_RULES))
def test_chaque_regle_est_documentee(code: str) -> None:
    rule = ALL_RULES[code]
    assert rule.summary and rule.name and rule.doc.count("\n") >= 4
    assert "Pourquoi" in rule.doc
    assert "Exemple conforme" in rule.doc and "Exemple fautif" in rule.doc


def test_calcul_d_avance_identique_au_calcul_sur_place() -> None:
    # CON002 calcule ses empreintes dans le processus qui lit chaque fiche (doc.prepared) ; sans
    # elles (jeu chargé sans le linter), la règle les calcule elle-même : même résultat.
    from acvkit.config import Config
    from acvkit.linting.engine import lint, run_rules
    from acvkit.loading import load_folder
    from acvkit.rules import contenu_copie
    from tests.conftest import AVENANT

    report = lint(AVENANT, Config())
    prepares = [e for e in report.dataset.fiches if e.doc.prepared is not None]
    assert len(prepares) == len(report.dataset.fiches) == 22
    for entry in prepares:
        assert entry.doc.prepared == {"CON002": contenu_copie.prepare(entry.model)}
    with_ = [d for d in report.diagnostics if d.code == "CON002"]
    raw = load_folder(AVENANT).dataset
    assert all(e.doc.prepared is None for e in raw.fiches)
    without = [d for d in run_rules(raw) if d.code == "CON002"]
    assert [(d.path, d.line, d.message) for d in with_] == [
        (d.path, d.line, d.message) for d in without
    ]
    assert len(with_) == 1 and "FA 60" in with_[0].message
