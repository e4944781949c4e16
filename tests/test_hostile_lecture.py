"""Ce que les lecteurs YAML décodent sans rien dire, et ce que le build refuserait : vu à la validation.

Chaque cas passe par les deux lecteurs (libyaml, puis ruamel.yaml avec ACV_LECTURE_LENTE=1) et
doit donner le même diagnostic, à la même ligne.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run
from tests.test_hostile import FICHE, replaced, validate

TITRE = b"titre: Am\xc3\xa9nagement des places"


@pytest.fixture(params=["libyaml", "ruamel"])
def reader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "ruamel":
        monkeypatch.setenv("ACV_LECTURE_LENTE", "1")
    else:
        monkeypatch.delenv("ACV_LECTURE_LENTE", raising=False)
    return str(request.param)


@pytest.mark.parametrize(
    ("escape", "nature"),
    [
        (rb"\e[31m", "caractère de contrôle U+001B"),
        (rb"\x01", "caractère de contrôle U+0001"),
        (rb"\0", "caractère de contrôle U+0000"),
        (rb"\x9b", "caractère de contrôle U+009B"),
        (rb"\r", "caractère de contrôle U+000D"),
        (rb"\ud800", "demi-code de substitution isolé U+D800"),
        (rb"\uFFFE", "non-caractère Unicode U+FFFE"),
    ],
)
def test_echappement_interdit(positive: Path, reader: str, escape: bytes, nature: str) -> None:
    content = replaced(TITRE, b'titre: "Am\\u00e9nagement ' + escape + b' des places"')
    verdict = validate(positive, content, options=("--no-cache",))
    assert verdict.exit_code == 1
    assert verdict.diagnostics == [[FICHE, 2, 8, "YML014"]]
    assert nature in verdict.messages[0]


@pytest.mark.parametrize("escape", [rb"\UFFFFFFFF", rb"\U00110000"])
def test_point_de_code_invalide(positive: Path, reader: str, escape: bytes) -> None:
    content = replaced(TITRE, b'titre: "Am ' + escape + b'"')
    verdict = validate(positive, content, options=("--no-cache",))
    assert verdict.exit_code == 1
    assert verdict.diagnostics == [[FICHE, 2, 12, "YML014"]]
    assert "point de code invalide" in verdict.messages[0]


def test_echappements_permis(positive: Path, reader: str) -> None:
    # Tabulation, retour à la ligne, lettres accentuées : des échappements ordinaires.
    content = replaced(TITRE, b'titre: "Am\\u00e9nagement\\tdes\\nplaces \\U0001F600"')
    verdict = validate(positive, content, options=("--no-cache",))
    assert verdict.exit_code == 0
    assert verdict.diagnostics == []


def test_surrogate_ne_casse_plus_le_build(positive: Path, tmp_path: Path) -> None:
    (positive / FICHE).write_bytes(replaced(TITRE, b'titre: "\\ud800"'))
    out = tmp_path / "sortie"
    result = run("build", "--data", str(positive), "--out", str(out))
    assert result.exit_code == 1
    assert f"{FICHE}:2:8: YML014" in result.stderr
    assert not out.exists()


def test_texte_trop_long(positive: Path, reader: str) -> None:
    content = replaced(TITRE, b'titre: "' + b"a" * 32_768 + b'"')
    verdict = validate(positive, content, options=("--no-cache",))
    assert verdict.exit_code == 1
    assert verdict.diagnostics == [[FICHE, 2, 8, "SCH006"]]
    assert "32768 caractères" in verdict.messages[0]


def test_texte_a_la_limite_accepte(positive: Path, reader: str) -> None:
    content = replaced(TITRE, b"titre: " + b"a" * 32_767)
    verdict = validate(positive, content, options=("--no-cache",))
    assert verdict.exit_code == 0


@pytest.mark.parametrize(("annee", "allowed"), [(1800, False), (2101, False), (1990, True)])
def test_annee_d_echeancier(positive: Path, reader: str, annee: int, allowed: bool) -> None:
    content = replaced(
        b"lancement: T1 2025",
        f"echeancier:\n  - {{annee: {annee}, montant: 1000}}\nlancement: T1 2025".encode(),
    )
    verdict = validate(positive, content, options=("--no-cache",))
    if allowed:
        assert verdict.exit_code == 0, verdict.output
        return
    assert verdict.exit_code == 1
    assert verdict.diagnostics == [[FICHE, 23, 13, "SCH003"]]
    assert f"année {annee} hors de l'intervalle admis (1990–2100)" in verdict.messages[0]


def test_numero_booleen(positive: Path, reader: str) -> None:
    verdict = validate(
        positive, replaced(b"numero: 1\n", b"numero: true\n"), options=("--no-cache",)
    )
    assert verdict.exit_code == 1
    assert [d[1:] for d in verdict.diagnostics] == [[1, 9, "SCH003"]]
    assert "trouvé « true »" in verdict.messages[0]
    assert "« 1 »" not in verdict.messages[0]


@pytest.mark.parametrize(
    "commentaire",
    [
        b"# acv: ignore[CAL003 raison",
        b"# acv: ignore[] raison",
        b"# acv: ignore CAL003 raison",
        b"# acv:ignorer[CAL003] raison",
    ],
)
def test_suppression_mal_ecrite(positive: Path, reader: str, commentaire: bytes) -> None:
    content = replaced(b"lancement: T1 2025", b"lancement: T1 2025  " + commentaire)
    verdict = validate(positive, content, options=("--no-cache",))
    assert verdict.exit_code == 1
    assert verdict.diagnostics == [[FICHE, 22, 21, "SUP004"]]
