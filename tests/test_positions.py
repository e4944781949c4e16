"""Une seule recherche des positions (acvkit.yaml.positions.lookup), quel que soit le lecteur.

Les positions attendues sont lues dans le texte lui-même (la ligne et la colonne d'un mot), pas
recopiées d'une sortie.
"""

from __future__ import annotations

import pytest

from acvkit.yaml.document import YamlDocument, YamlProblem
from acvkit.yaml.positions import Loc, line_col
from acvkit.yaml.reader import locate_many, parse_text

TEXT = """\
titre: Réhabilitation
cout:
  total: 1200.50
  postes:
    - libelle: études
      montant: 200
    - {libelle: travaux, montant: 1000.50}
description: |
  première ligne
  seconde ligne
financements: [{financeur: ville, montant: 300}]
"""


def _place(word: str, occurrence: int = 0) -> tuple[int, int]:
    """Ligne et colonne (1-based) de la n-ième occurrence d'un mot dans TEXTE."""
    index = -1
    for _ in range(occurrence + 1):
        index = TEXT.index(word, index + 1)
    return line_col(TEXT, index)


CASES: list[tuple[Loc, bool, tuple[int, int]]] = [
    ((), False, (1, 1)),
    (("titre",), False, _place("Réhabilitation")),
    (("titre",), True, _place("titre")),
    (("cout", "total"), False, _place("1200.50")),
    (("cout", "total"), True, _place("total")),
    (("cout", "postes", 0), False, _place("libelle")),
    (("cout", "postes", 0), True, _place("libelle")),  # un élément de liste n'a pas de clé
    (("cout", "postes", 1, "montant"), False, _place("1000.50")),  # style en ligne
    (("cout", "postes", 1, "montant"), True, _place("montant", 1)),
    (("description",), False, _place("|")),  # texte sur plusieurs lignes : son indicateur
    (("financements", 0, "financeur"), False, _place("ville")),
    # Membre d'union de Pydantic : sauté, la suite est cherchée dans le parent.
    (("financements", 0, "FinancementPublic", "montant"), False, _place("300")),
    # Ce qui ne désigne rien : on s'arrête au plus proche parent qui existe, et à sa valeur.
    (("cout", "inconnu"), True, _place("total")),  # la clé seulement si le dernier existe
    (("cout", "postes", 7), False, _place("- libelle")),
    (("cout", "postes", -1), False, _place("- libelle")),
    (("cout", "postes", "0"), False, _place("- libelle")),  # indice écrit en texte
    (("inconnu", "titre"), False, _place("Réhabilitation")),
]


@pytest.mark.parametrize("fast", [True, False], ids=["libyaml", "ruamel"])
def test_une_recherche_pour_les_deux_lecteurs(fast: bool) -> None:
    doc = parse_text("fiche.yaml", TEXT.encode(), fast=fast)
    assert (doc.tree is None) is fast
    for loc, key, expected in CASES:
        assert doc.locate(loc, key=key) == expected, (loc, key)
    # Relu pour situer (processus de travail), ou repris du cache sans arbre : mêmes places.
    demandes = [(loc, key) for loc, key, _ in CASES]
    assert locate_many(TEXT, demandes) == [expected for _, _, expected in CASES]
    reused = YamlDocument("fiche.yaml", TEXT, None, indexer=doc.indexer)
    assert [reused.locate(loc, key=key) for loc, key in demandes] == [a for _, _, a in CASES]


def test_un_document_sans_positions_ni_lecteur_le_dit() -> None:
    with pytest.raises(ValueError, match="sans positions"):
        YamlDocument("x.yaml", "a: 1\n", {"a": 1}).locate(("a",))


@pytest.mark.parametrize("fast", [True, False], ids=["libyaml", "ruamel"])
@pytest.mark.parametrize(
    ("texte", "code", "mark"),
    [
        ("a:\n  b: 1\nc:\n  <<: {b: 2}\n", "YML009", "<<"),
        ("a: &x\n  b: 1\nc:\n  <<: *x\n", "YML009", "*x"),
        ("a: &x 1\nb: *x\n", "YML009", "*x"),
        ("", "YML006", ""),
        ("# rien\n", "YML006", ""),
    ],
    ids=["fusion", "fusion-alias", "alias", "vide", "commentaire-seul"],
)
def test_fusions_alias_et_vides_refuses_et_situes(
    fast: bool, texte: str, code: str, mark: str
) -> None:
    # Une clé venue d'une fusion n'aurait pas de position propre : le fichier n'est jamais lu.
    with pytest.raises(YamlProblem) as error:
        parse_text("f.yaml", texte.encode(), fast=fast)
    assert error.value.code == code
    expected = line_col(texte, texte.index(mark)) if mark else (1, 1)
    assert (error.value.line, error.value.column) == expected
