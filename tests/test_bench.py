"""Le banc de mesure (benchmarks/run.py) : verdicts des objectifs et citation dans le README."""

from __future__ import annotations

from pathlib import Path

from benchmarks.run import (
    BUILD_DEFAUT,
    BUILD_DOCX,
    BUILD_HTML,
    DEBUT,
    FIN,
    Mesure,
    citer_dans_le_readme,
    ecrire,
    objectifs,
)


def _mesures(froid_10k: float, memoire_build: float) -> list[Mesure]:
    return [
        Mesure("acv validate (cache vide)", 22, 0.41, 37, 0),
        Mesure("acv validate (cache vide)", 1000, 0.9, 70, 1),
        Mesure("acv validate (cache vide)", 10000, froid_10k, 350, 1),
        Mesure("acv validate (cache chaud)", 10000, 0.7, 80, 1),
        Mesure("acv build --format xlsx,html", 10000, 18.0, memoire_build, 0),
    ]


def test_objectifs_atteints_ou_non() -> None:
    lignes = objectifs(_mesures(7.5, 650))
    assert len(lignes) == 5
    assert "22 fiches : 0,5 s au plus → 0,41 s, atteint" in lignes[0]
    assert "10 000 fiches : 6,0 s au plus → 7,50 s, **non atteint**" in lignes[1]
    assert "1,0 s au plus → 0,70 s, atteint" in lignes[2]
    # Le build tient en 20 s mais pas en 600 Mo : non atteint.
    assert "20,0 s et 600 Mo au plus → 18,00 s et 650 Mo, **non atteint**" in lignes[3]
    assert lignes[4].endswith("× 8,3 pour × 10 fichiers")
    # Sous les seuils : « atteint », jamais « non atteint » (qui contient aussi « atteint »).
    reussis = objectifs(_mesures(5.0, 550))
    assert reussis[1].endswith(", atteint") and "non atteint" not in reussis[1]
    assert reussis[3].endswith(", atteint") and "non atteint" not in reussis[3]


def test_le_readme_cite_la_derniere_mesure(tmp_path: Path) -> None:
    resultats = tmp_path / "RESULTS.md"
    ecrire(_mesures(5.0, 550), {1000: 0.5, 10000: 0.73}, resultats)
    readme = tmp_path / "README.md"
    readme.write_text(f"# Titre\n\n{DEBUT}\nancienne mesure\n{FIN}\n\nSuite.\n", encoding="utf-8")
    citer_dans_le_readme(resultats, readme)
    texte = readme.read_text(encoding="utf-8")
    assert "ancienne mesure" not in texte and texte.endswith(f"{FIN}\n\nSuite.\n")
    assert "| acv validate (cache chaud) | 10000 | 0.70 |" in texte
    assert "50 % à 1 000 fiches, 73 % à 10 000 fiches" in texte
    citer_dans_le_readme(resultats, readme)  # idempotent
    assert readme.read_text(encoding="utf-8") == texte


def test_linearite_du_docx_et_docx_face_au_html() -> None:
    mesures = [
        Mesure(BUILD_DEFAUT, 1000, 40.0, 300, 0),
        Mesure(BUILD_DEFAUT, 2000, 95.0, 500, 0),  # × 2,38 : non linéaire
        Mesure(BUILD_DOCX, 1000, 30.0, 200, 0),
        Mesure(BUILD_DOCX, 2000, 62.0, 300, 0),  # × 2,07 : linéaire
        Mesure(BUILD_HTML, 2000, 10.0, 100, 0),  # DOCX × 6,2 : trop lent
    ]
    lignes = [ligne for ligne in objectifs(mesures) if "DOCX" in ligne or "linéarité" in ligne]
    assert len(lignes) == 3
    assert f"`{BUILD_DEFAUT}`" in lignes[0] and "× 2,38 du temps" in lignes[0]
    assert lignes[0].endswith("**non atteint**")
    assert f"`{BUILD_DOCX}`" in lignes[1] and "× 2,07 du temps" in lignes[1]
    assert lignes[1].endswith(", atteint")
    assert "2 000 fiches : 62,00 s contre 10,00 s, × 6,2" in lignes[2]
    assert lignes[2].endswith("**non atteint**")
