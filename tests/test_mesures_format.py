"""Le format des mesures d'un indicateur : valeurs exactes, lues comme les montants, situées."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from acvkit.loading import load_folder
from tests.conftest import flat

MESURES = """\
unite: km
sens: hausse
reference: {annee: 2023, valeur: 42.5, source: Artois Mobilités}
cibles:
  - {annee: 2026, valeur: 60}
valeurs:
  - {annee: 2024, valeur: 47.10, territoire: bethune, perimetre: commune}
  - {annee: 2025, valeur: -0.000001, territoire: bethune, perimetre: commune}
"""


def _write(positive: Path, texte: str) -> Path:
    file = positive / "indicateurs" / "ind-3-01.yaml"
    file.write_text(file.read_text(encoding="utf-8") + texte, encoding="utf-8")
    return file


def test_valeurs_exactes(positive: Path) -> None:
    _write(positive, MESURES)
    dataset = load_folder(positive).dataset
    indicateur = next(e.model for e in dataset.indicateurs if e.model.id == "ind-3-01")
    assert indicateur.unite == "km"
    assert indicateur.reference is not None
    assert indicateur.reference.valeur == Decimal("42.5")
    valeurs = [v.valeur for v in indicateur.valeurs]
    assert valeurs == [Decimal("47.10"), Decimal("-0.000001")]
    assert all(type(v) is Decimal for v in valeurs)
    assert str(valeurs[0]) == "47.10"  # le texte exact, pas un flottant
    assert [c.valeur for c in indicateur.cibles] == [Decimal(60)]


def test_valeur_en_texte_refusee_a_sa_ligne(positive: Path) -> None:
    _write(
        positive, 'unite: km\nvaleurs:\n  - {annee: 2024}\n  - {annee: 2025, valeur: "42,5 km"}\n'
    )
    rows = flat(positive, "path", "line", "code")
    assert ["indicateurs/ind-3-01.yaml", 9, "SCH002"] in rows
    assert ["indicateurs/ind-3-01.yaml", 10, "SCH004"] in rows


def test_valeurs_hors_regles(positive: Path) -> None:
    _write(
        positive,
        "unite: km\nvaleurs:\n"
        "  - {annee: 2024, valeur: 0x10}\n"
        "  - {annee: 2025, valeur: .inf}\n"
        "  - {annee: 2025, valeur: 1.0000001}\n"
        "  - {annee: '2025', valeur: 1}\n"
        "  - {annee: 2024, valeur: 1, perimetre: quartier}\n",
    )
    rows = flat(positive, "line", "code")
    # Le fichier a six lignes : « unite » est la 7e, la première valeur la 9e.
    assert [9, "SCH004"] in rows
    assert [10, "SCH004"] in rows
    assert [11, "SCH004"] in rows
    assert [12, "SCH003"] in rows
    assert [13, "SCH003"] in rows


def test_exemple_accepte_par_le_schema_json() -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT
    from tests.indicateurs_sample import EXAMPLE

    check = str(Path(sys.executable).parent / "check-jsonschema")
    schema = ROOT / "schemas" / "indicateur.schema.json"
    files = sorted(EXAMPLE.glob("*.yaml"))
    done = subprocess.run(
        [check, "--schemafile", str(schema), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_schema_refuse_une_valeur_en_texte(tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT

    file = tmp_path / "ind-3-01.yaml"
    file.write_text(
        "id: ind-3-01\naxe: '3'\ncritere: c\nintitule: i\nvaleurs:\n  - {annee: 2024, valeur: '4 km'}\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [
            str(Path(sys.executable).parent / "check-jsonschema"),
            "--schemafile",
            str(ROOT / "schemas" / "indicateur.schema.json"),
            str(file),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1


def test_fmt_range_les_cles_des_mesures() -> None:
    from acvkit.models import Indicateur
    from acvkit.scaffolding.fmt import format_text

    unordered = (
        "valeurs:\n  - {valeur: 47.1, annee: 2024, territoire: bethune}\n"
        "id: ind-3-04\ncibles:\n  - {valeur: 60, annee: 2026}\naxe: '3'\ncritere: c\n"
        "unite: km\nintitule: i\nsens: hausse\nreference: {source: S, valeur: 42.5, annee: 2023}\n"
    )
    assert format_text(unordered, "indicateurs/ind-3-04.yaml", Indicateur) == (
        "id: ind-3-04\naxe: '3'\ncritere: c\nintitule: i\nunite: km\nsens: hausse\n"
        "reference: {annee: 2023, valeur: 42.5, source: S}\n"
        "cibles:\n  - {annee: 2026, valeur: 60}\n"
        "valeurs:\n  - {annee: 2024, valeur: 47.1, territoire: bethune}\n"
    )
