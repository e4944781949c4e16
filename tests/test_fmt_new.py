"""acv fmt (mise en forme canonique sans perte) et acv new (fiches et indicateurs prêts à remplir)."""

from __future__ import annotations

import shutil
from pathlib import Path

from acvkit.models import Fiche
from acvkit.scaffolding.fmt import codes_as_text
from acvkit.yaml.reader import parse_text
from tests.conftest import DATA, ROOT, flat, run

GOLDEN = ROOT / "tests/golden/fmt"
FICHE = "fiches/bethune/fa-1-places.yaml"


def _model(path: Path) -> Fiche:
    # Les codes écrits en nombres (sous_axe: 4.2) lus comme fmt les écrira : entre guillemets.
    return Fiche.model_validate(codes_as_text(parse_text(str(path), path.read_bytes()).data))


def test_donnees_du_depot_deja_en_forme() -> None:
    result = run("fmt", "--data", str(DATA), "--check")
    assert result.exit_code == 0, result.stdout + result.stderr


def test_fichier_desordonne_mis_en_forme(positive: Path) -> None:
    target = positive / FICHE
    shutil.copyfile(GOLDEN / "messy.yaml", target)
    before = _model(target)
    messy = target.read_text(encoding="utf-8")
    check = run("fmt", "--data", str(positive), "--check")
    assert check.exit_code == 1 and f"{target} : à mettre en forme" in check.stdout
    assert target.read_text(encoding="utf-8") == messy  # --check n'écrit rien
    assert run("fmt", "--data", str(positive)).exit_code == 0
    after = target.read_text(encoding="utf-8")
    assert after == (GOLDEN / "messy.expected.yaml").read_text(encoding="utf-8")
    assert _model(target) == before
    commentaires = [line.split("#", 1)[1].strip() for line in messy.splitlines() if "#" in line]
    assert all(c in after for c in commentaires)
    assert run("fmt", "--data", str(positive), "--check").exit_code == 0  # idempotent
    assert flat(positive, "code") == []


def test_diff(positive: Path) -> None:
    shutil.copyfile(GOLDEN / "messy.yaml", positive / FICHE)
    result = run("fmt", "--data", str(positive), "--diff")
    assert result.exit_code == 1
    assert "-sous_axe: 4.2\n" in result.stdout and '+sous_axe: "4.2"\n' in result.stdout
    assert (positive / FICHE).read_text(encoding="utf-8") == (GOLDEN / "messy.yaml").read_text(
        encoding="utf-8"
    )


def test_refuse_un_fichier_invalide(positive: Path) -> None:
    target = positive / FICHE
    texte = target.read_text(encoding="utf-8").replace("type: etude", "type: Etude\n  x: 1")
    target.write_text(texte, encoding="utf-8")
    result = run("fmt", "--data", str(positive))
    assert result.exit_code == 1
    assert target.read_text(encoding="utf-8") == texte


def test_new_fiche_ne_laisse_que_du_contenu_a_ecrire(real_data: Path) -> None:
    before = flat(real_data, "path", "code")
    result = run(
        "new",
        "fiche",
        "--data",
        str(real_data),
        "--collectivite",
        "bruay-la-buissiere",
        "--sous-axe",
        "4.4",
        "--titre",
        "Végétalisation de la cour d'école : phase 1",
    )
    assert result.exit_code == 0, result.stderr
    created = real_data / "fiches/bruay-la-buissiere/fa-66-vegetalisation-de-la-cour-d-ecole.yaml"
    assert created.is_file()
    texte = created.read_text(encoding="utf-8")
    assert texte.startswith("# yaml-language-server: $schema=../../../schemas/fiche.schema.json\n")
    added = [d for d in flat(real_data, "path", "code") if d not in before]
    assert sorted(code for _, code in added) == ["CON001", "CON001", "CON004"]
    assert run("fmt", "--data", str(real_data), "--check").exit_code == 0
    assert _model(created).titre == "Végétalisation de la cour d'école : phase 1"


def test_new_fiche_refuse_l_inconnu(positive: Path) -> None:
    result = run(
        "new",
        "fiche",
        "--data",
        str(positive),
        "--collectivite",
        "lens",
        "--sous-axe",
        "4.2",
        "--titre",
        "x",
    )
    assert result.exit_code == 2 and "collectivité « lens » inconnue" in result.stderr
    result = run(
        "new",
        "fiche",
        "--data",
        str(positive),
        "--collectivite",
        "bethune",
        "--sous-axe",
        "4.9",
        "--titre",
        "x",
    )
    assert result.exit_code == 2 and "sous-axe « 4.9 » inconnu" in result.stderr


def test_new_indicateur(positive: Path) -> None:
    result = run(
        "new",
        "indicateur",
        "--data",
        str(positive),
        "--axe",
        "4",
        "--intitule",
        "Surface plantée",
        "--critere",
        "Le centre-ville est végétalisé",
    )
    assert result.exit_code == 0
    assert (positive / "indicateurs/ind-4-02.yaml").is_file()
    assert flat(positive, "code") == []
