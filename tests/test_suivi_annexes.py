"""Les annexes de suivi (bilan, rapport-suivi) : mêmes chiffres en HTML, Markdown et DOCX.

Les attendus viennent de `acv suivi --format json` (une autre sortie, calculée par la même
bibliothèque mais écrite autrement) et des fichiers de l'exemple.
"""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path
from typing import Any

import docx
import pytest

from tests.conftest import DATA, ROOT, run

EXAMPLE = ROOT / "examples" / "suivi-2025-s1"
AS_OF = "2025-06-30"
LIBELLES = {
    "livree": "Actions livrées",
    "en_cours_finance": "Actions en cours – financées",
    "en_cours": "Actions en cours",
    "abandonnee": "Actions abandonnées",
    "a_engager": "Actions à engager",
}


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build")
    result = run(
        "build",
        "--data",
        str(EXAMPLE),
        "--date-rapport",
        AS_OF,
        "--out",
        str(out),
        "-f",
        "html,md,docx",
    )
    assert result.exit_code == 0, result.stderr
    return out


def _suivi() -> dict[str, Any]:
    result = run("suivi", "--data", str(EXAMPLE), "--date-rapport", AS_OF, "--format", "json")
    document: dict[str, Any] = json.loads(result.stdout)
    return document


class _Tables(HTMLParser):
    """Les tableaux d'une page : légende et cellules ; et la suite des titres h1-h4."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict[str, Any]] = []
        self.titres: list[tuple[int, str]] = []
        self._cell: list[str] | None = None
        self._caption: list[str] | None = None
        self._titre: tuple[int, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append({"caption": None, "rows": []})
        elif tag == "caption":
            self._caption = []
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        elif tag in {"td", "th"} and self.tables:
            self._cell = []
        elif re.fullmatch(r"h[1-4]", tag):
            self._titre = (int(tag[1]), [])

    def handle_endtag(self, tag: str) -> None:
        if tag == "caption" and self._caption is not None:
            self.tables[-1]["caption"] = "".join(self._caption).strip()
            self._caption = None
        elif tag in {"td", "th"} and self._cell is not None:
            self.tables[-1]["rows"][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif re.fullmatch(r"h[1-4]", tag) and self._titre is not None:
            self.titres.append((self._titre[0], "".join(self._titre[1]).strip()))
            self._titre = None

    def handle_data(self, data: str) -> None:
        for piece in (self._cell, self._caption, self._titre[1] if self._titre else None):
            if piece is not None:
                piece.append(data)


def _n(texte: str) -> str:
    """Les espaces (insécables, fines) ramenés à une espace simple, comme dans le parseur HTML."""
    return " ".join(texte.split())


def _html(build: Path, slug: str) -> _Tables:
    parser = _Tables()
    parser.feed((build / "html" / f"{slug}.html").read_text(encoding="utf-8"))
    return parser


def _docx_tables(build: Path, slug: str) -> list[list[list[str]]]:
    document = docx.Document(io.BytesIO((build / "docx" / f"{slug}.docx").read_bytes()))
    return [[[_n(c.text) for c in row.cells] for row in t.rows] for t in document.tables]


def _md_rows(build: Path, slug: str) -> list[list[str]]:
    texte = (build / "md" / f"{slug}.md").read_text(encoding="utf-8")
    return [
        [_n(c) for c in line.strip().strip("|").split("|")]
        for line in texte.splitlines()
        if line.startswith("|") and not line.startswith("|---")
    ]


def test_synthese_du_bilan_identique_partout(build: Path) -> None:
    expected = {
        LIBELLES[g["statut"]]: str(g["nombre_fiches"])
        for g in _suivi()["par_statut"]
        if g["statut"] in LIBELLES
    }
    html = _html(build, "bilan").tables[0]
    assert html["caption"].startswith("Synthèse")
    html_rows = {r[0]: r[1:] for r in html["rows"][1:]}
    docx_rows = {r[0]: r[1:] for r in _docx_tables(build, "bilan")[0][1:]}
    md_rows = {r[0]: r[1:] for r in _md_rows(build, "bilan") if r[0] in expected}
    assert {k: v[0] for k, v in html_rows.items()} == expected
    assert html_rows == docx_rows == md_rows


def test_bilan_par_collectivite(build: Path) -> None:
    # Chaque fiche figure une fois, sous sa collectivité et sa catégorie, dans chaque format.
    groupes = {g["statut"]: set(g["fiches"]) for g in _suivi()["par_statut"]}
    parser = _html(build, "bilan")
    seen: dict[str, set[int]] = {s: set() for s in LIBELLES}
    for table in parser.tables[1:]:
        candidates = [s for s, lib in LIBELLES.items() if table["caption"].startswith(lib + " – ")]
        statut = max(candidates, key=lambda s: len(LIBELLES[s]))
        seen[statut] |= {int(r[0].removeprefix("FA ")) for r in table["rows"][1:-1]}
    assert seen == {s: groupes[s] for s in LIBELLES}
    levels = [n for n, _ in parser.titres]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in pairwise(levels))
    fiches_docx = {
        int(r[0].removeprefix("FA ")) for t in _docx_tables(build, "bilan")[1:] for r in t[1:]
    }
    assert fiches_docx == set().union(*groupes.values())


def test_rapport_retards_en_premier(build: Path) -> None:
    document = _suivi()
    parser = _html(build, "rapport-suivi")
    titres = [t for _, t in parser.titres]
    assert titres.index("Fiches en retard") < titres.index("Avancement de chaque fiche")
    # Dans l'exemple, chaque fiche a au moins une entrée : la liste « aucune entrée » est vide
    # (« Aucune. », sans tableau) ; celle des entrées trop anciennes suit.
    assert document["jamais_suivies"] == [] and document["suivi_ancien"] == [56, 64]
    assert "Fiches sans aucune entrée de suivi" in titres
    late, stale = parser.tables[0], parser.tables[1]
    assert [int(r[0][3:]) for r in late["rows"][1:]] == document["en_retard"]
    assert [int(r[0][3:]) for r in stale["rows"][1:]] == document["suivi_ancien"]
    tables_docx = _docx_tables(build, "rapport-suivi")
    assert [int(r[0][3:]) for r in tables_docx[0][1:]] == document["en_retard"]
    assert [int(r[0][3:]) for r in tables_docx[1][1:]] == document["suivi_ancien"]
    assert all(t["caption"] for t in parser.tables)  # chaque tableau a sa légende


def test_rapport_notes_vigilance_financements_realise(build: Path) -> None:
    document = _suivi()
    parser = _html(build, "rapport-suivi")
    fiches = next(t for t in parser.tables if t["caption"].startswith("Statut, dernière note"))
    lines = {int(r[0][3:]): r for r in fiches["rows"][1:]}
    for fiche in document["fiches"]:
        line = lines[fiche["numero"]]
        assert (fiche["note"] or "—") in line[5]
        assert all(v in line[6] for v in fiche["vigilance"])
    financements = next(t for t in parser.tables if t["caption"].startswith("Montants prévus"))
    assert [r[0].split(" (refus")[0] for r in financements["rows"][1:]] == [
        f["nom"] for f in document["financements"]
    ]
    docx_fin = next(t for t in _docx_tables(build, "rapport-suivi") if t[0][0] == "Financeur")
    assert [r[1:] for r in docx_fin[1:]] == [r[1:] for r in financements["rows"][1:]]
    realise = next(t for t in parser.tables if t["caption"].startswith("Dépenses prévues"))
    assert [int(r[0]) for r in realise["rows"][1:]] == [a["annee"] for a in document["realise"]]
    md_realise = [r for r in _md_rows(build, "rapport-suivi") if r[0].isdigit()]
    assert [r[1:] for r in md_realise] == [r[1:] for r in realise["rows"][1:]]


def test_graphiques_svg_et_pas_de_barres_en_texte(build: Path) -> None:
    html = (build / "html" / "rapport-suivi.html").read_text(encoding="utf-8")
    assert html.count("<svg") >= 2 and 'role="img"' in html
    for slug in ("bilan", "rapport-suivi"):
        textes = "".join(c for t in _docx_tables(build, slug) for r in t for c in r)
        assert "█" not in textes
        assert "█" not in (build / "md" / f"{slug}.md").read_text(encoding="utf-8")
    assert "bilan.html" in (build / "html" / "index.html").read_text(encoding="utf-8")


def test_build_deterministe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1751241600")
    outputs = []
    for nom in ("a", "b"):
        out = tmp_path / nom
        assert (
            run("build", "--data", str(EXAMPLE), "--out", str(out), "-f", "html,md,docx").exit_code
            == 0
        )
        outputs.append({p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*.*")})
    assert outputs[0] == outputs[1]
    assert "docx/rapport-suivi.docx" in outputs[0]


def test_pas_d_annexe_de_suivi_sans_suivi(tmp_path: Path) -> None:
    result = run("build", "--data", str(DATA), "--out", str(tmp_path), "-f", "html,md")
    assert result.exit_code == 0
    assert not list(tmp_path.rglob("bilan.*")) and not list(tmp_path.rglob("rapport-suivi.*"))


def test_series_avec_montant_seulement_et_memes_mots_pour_l_inconnu(build: Path) -> None:
    """Une série du rapport n'a de ligne (et de barre) que si elle a un montant ; une cellule
    vide dit « non renseigné » en DOCX comme en HTML et en Markdown, jamais un tiret seul."""
    for slug in ("bilan", "rapport-suivi"):
        cells = [c for t in _docx_tables(build, slug) for r in t[1:] for c in r]
        assert cells and "–" not in cells and "—" not in cells, slug
        html = (build / "html" / f"{slug}.html").read_text(encoding="utf-8")
        assert ">–</text>" not in html and ">–</td>" not in html, slug
    series = [t for t in _docx_tables(build, "rapport-suivi") if t[0] == ["Série", "Montant"]]
    assert series
    for table in series:
        assert all(montant.endswith("€") for _, montant in table[1:]), table
