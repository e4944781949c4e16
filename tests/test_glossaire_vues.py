"""Un mot de l'argent, un seul sens : chaque total rebâti à partir des lignes de chaque vue.

Le second territoire fictif (tests/fixtures/convention-2018, tout en HT, une fiche de chaque
nature) est construit puis relu vue par vue : maquette financière et récapitulatif en HTML,
Markdown et DOCX, tableur ANCT (openpyxl), `acv costs`, `acv suivi` et `acv diff` en JSON.
Dans chaque vue, les totaux sont refaits en additionnant ses propres lignes (fiche par fiche,
collectivité par collectivité, financeur par financeur), puis comparés entre vues et aux chiffres
calculés à la main (tests/test_natures_financement.py).
"""

from __future__ import annotations

import json
import re
import shutil
from collections import defaultdict
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest

from tests.conftest import run
from tests.test_natures_financement import EXPECTED_TOTAL, TERRITOIRE

COUT = "cout"
PARTENAIRES = "financements_partenaires"
PRIVES = "investissements_prives"
PRETS = "prets"
AUTO = "autofinancement"
RESTE = "reste_a_charge"
EXPECTED = dict(
    zip((COUT, PARTENAIRES, PRIVES, PRETS, AUTO, RESTE), map(Decimal, EXPECTED_TOTAL), strict=True)
)
# Les libellés du glossaire, tels que les documents les écrivent.
LABELS = {
    "Financements des partenaires": PARTENAIRES,
    "Investissements privés": PRIVES,
    "Prêts et avances remboursables": PRETS,
    "Autofinancement": AUTO,
}
AMOUNT = re.compile(r"(\d{1,3}(?: \d{3})*(?:,\d+)?) €(?: (HT|TTC)\b)?")

Totals = dict[str, Decimal]


def _norm(texte: str) -> str:
    """Espaces insécables en espaces, césures conditionnelles (U+00AD, HTML) retirées."""
    texte = texte.replace("\u00ad", "")
    return " ".join(texte.replace("\u202f", " ").replace("\u00a0", " ").split())


def _amount(texte: str) -> Decimal:
    """La somme des montants d'un texte, tous HT (le territoire n'a pas d'autre base)."""
    total = Decimal(0)
    for digits, base in AMOUNT.findall(_norm(texte)):
        assert base in ("HT", ""), texte  # aucun TTC dans ce territoire
        total += Decimal(digits.replace(" ", "").replace(",", "."))
    return total


def _category(cell: str) -> str | None:
    """La catégorie du glossaire d'une cellule de financeur, lue dans ses mots."""
    cell = _norm(cell)
    if not AMOUNT.search(cell):
        return None  # « montant non précisé », ou un taux sans montant exact
    if "(autofinancement)" in cell:
        return AUTO
    if "(prêt)" in cell or "(avance remboursable)" in cell:
        return PRETS
    if "(investissement privé)" in cell:
        return PRIVES
    return PARTENAIRES


def _from_fiche_rows(rows: list[tuple[str, list[str], str]]) -> Totals:
    """Les totaux refaits depuis les lignes « par fiche » : (coût, cells des financeurs, reste)."""
    out: Totals = defaultdict(Decimal)
    for cout, cells, reste in rows:
        out[COUT] += _amount(cout)
        for cell in cells:
            category = _category(cell)
            if category is not None:
                out[category] += _amount(cell)
        if not reste.startswith("non déterminable"):
            out[RESTE] += _amount(reste)
    return dict(out)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("territoire")
    result = run("build", "--data", str(TERRITOIRE), "--out", str(out))
    assert result.exit_code == 0, result.stdout + result.stderr
    return out


# --- HTML ---------------------------------------------------------------------------------------


class _Tables(HTMLParser):
    """Les tableaux d'une page : pour chacun, son titre de section (h2) et ses lignes de cells."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[tuple[str, list[list[str]]]] = []
        self._section = ""
        self._h2: list[str] | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h2":
            self._h2 = []
        elif tag == "table":
            self.tables.append((self._section, []))
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2" and self._h2 is not None:
            self._section = "".join(self._h2).strip()
            self._h2 = None
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None and self.tables:
            self.tables[-1][1].append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._h2 is not None:
            self._h2.append(data)


def _html_tables(path: Path) -> list[tuple[str, list[list[str]]]]:
    parser = _Tables()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tables


def _fiche_rows_html(built: Path) -> list[tuple[str, list[str], str]]:
    tables = _html_tables(built / "html/maquette-financiere.html")
    rows = next(r for section, r in tables if section == "Par fiche action")
    fiches = [r for r in rows if r[0].startswith("FA ")]
    # Fiche, intitulé, coût, un financeur par colonne, reste (puis ses « dont »).
    return [(r[2], r[3:-1], r[-1].split("\n")[0]) for r in fiches]


def _totals_table_html(built: Path, section: str) -> tuple[list[list[str]], list[str], list[str]]:
    tables = _html_tables(built / "html/maquette-financiere.html")
    rows = next(r for s, r in tables if s == section)
    return rows[1:-1], rows[0], rows[-1]  # lignes, en-tête, pied « Total »


def _from_totals_rows(head: list[str], rows: list[list[str]]) -> Totals:
    out: Totals = defaultdict(Decimal)
    columns = {"Coût chiffré": COUT, **LABELS, "Reste à charge1": RESTE, "Reste à charge": RESTE}
    for index, titre in enumerate(_norm(h) for h in head):
        if titre in columns:
            for row in rows:
                out[columns[titre]] += _amount(row[index])
    return dict(out)


# --- Markdown -----------------------------------------------------------------------------------


def _fiche_rows_md(built: Path) -> list[tuple[str, list[str], str]]:
    texte = (built / "md/maquette-financiere.md").read_text(encoding="utf-8")
    section = texte.split("## Par fiche action")[1].split("\n## ")[0]
    out = []
    for line in section.splitlines():
        if line.startswith("| FA "):
            cells = [c.strip() for c in line.strip("|").split(" | ")]
            out.append((cells[2], cells[3:-1], cells[-1].split("<br>")[0]))
    return out


# --- DOCX ---------------------------------------------------------------------------------------


def _fiche_rows_docx(built: Path) -> list[tuple[str, list[str], str]]:
    document = docx.Document(str(built / "docx/maquette-financiere.docx"))
    table = document.tables[0]
    out = []
    for row in table.rows[1:]:
        cells = [c.text for c in row.cells]
        if cells[0].startswith("FA "):
            out.append((cells[2], cells[3:-1], cells[-1].split("\n")[0]))
    return out


# --- Les vues -----------------------------------------------------------------------------------


def test_maquette_par_fiche_dans_chaque_format(built: Path) -> None:
    views = {
        "html": _fiche_rows_html(built),
        "md": _fiche_rows_md(built),
        "docx": _fiche_rows_docx(built),
    }
    for name, rows in views.items():
        assert len(rows) == 9, name
        assert _from_fiche_rows(rows) == EXPECTED, name


@pytest.mark.parametrize("section", ["Par axe", "Par collectivité"])
def test_maquette_totaux_egaux_a_la_somme_de_leurs_lignes(built: Path, section: str) -> None:
    rows, head, footer = _totals_table_html(built, section)
    assert _from_totals_rows(head, rows) == EXPECTED
    assert _from_totals_rows(head, [footer]) == EXPECTED


def test_maquette_par_financeur(built: Path) -> None:
    tables = _html_tables(built / "html/maquette-financiere.html")
    rows = next(r for s, r in tables if s == "Par financeur")[1:]
    out: Totals = defaultdict(Decimal)
    for row in rows:
        # « Banque des Territoires – prêts et avances remboursables » : la catégorie dans le nom.
        category = next(
            (key for label, key in LABELS.items() if f" – {label.lower()}" in row[0]), PARTENAIRES
        )
        out[category] += _amount(row[2])
    assert dict(out) == {k: EXPECTED[k] for k in (PARTENAIRES, PRIVES, PRETS, AUTO)}


def test_recapitulatif_dans_chaque_format(built: Path) -> None:
    # HTML : les lignes de pied de chaque collectivité, additionnées.
    html: Totals = defaultdict(Decimal)
    for _, rows in _html_tables(built / "html/recapitulatif.html"):
        for row in rows:
            if row[0] in LABELS:
                html[LABELS[row[0]]] += _amount(row[1])
            elif row[0] == "Total des coûts chiffrés":
                html[COUT] += _amount(row[1])
    # Markdown : « - Financements des partenaires : **… €** » par collectivité.
    md: Totals = defaultdict(Decimal)
    texte = (built / "md/recapitulatif.md").read_text(encoding="utf-8")
    for line in texte.split("## Total général")[0].splitlines():
        label, _, value = line.removeprefix("- ").partition(" : ")
        if label in LABELS:
            md[LABELS[label]] += _amount(value)
        elif label == "Total des coûts chiffrés":
            md[COUT] += _amount(value)
    # DOCX : la cellule « Financements » de chaque ligne de total, une catégorie par paragraphe.
    word: Totals = defaultdict(Decimal)
    document = docx.Document(str(built / "docx/recapitulatif.docx"))
    for table in document.tables:
        for row in table.rows:
            cells = [c.text for c in row.cells]
            if cells[0].startswith("Total – "):
                word[COUT] += _amount(cells[5])
                for paragraph in row.cells[6].paragraphs:
                    label, _, value = paragraph.text.partition(" : ")
                    word[LABELS[label]] += _amount(value)
    expected = {k: EXPECTED[k] for k in (COUT, PARTENAIRES, PRIVES, PRETS, AUTO)}
    assert dict(html) == dict(md) == dict(word) == expected


def test_tableur_relu(built: Path) -> None:
    workbook = openpyxl.load_workbook(next((built / "anct").glob("*.xlsx")))
    actions = workbook["Actions"]
    head = [c.value for c in actions[1]]

    def column_sum(header: str) -> Decimal:
        index = head.index(header) + 1
        values = [actions.cell(row=r, column=index).value for r in range(2, actions.max_row + 1)]
        return sum((Decimal(str(v)) for v in values if v is not None), Decimal(0))

    assert column_sum("Coût total") == EXPECTED[COUT]
    assert column_sum("Financements des partenaires") == EXPECTED[PARTENAIRES]
    assert column_sum("Autofinancement") == EXPECTED[AUTO]
    assert column_sum("Reste à charge") == EXPECTED[RESTE]
    # Synthèse : une ligne par financeur et par catégorie, puis un total par catégorie.
    rows = [list(r) for r in workbook["Synthèse"].iter_rows(values_only=True)]
    start = next(i for i, r in enumerate(rows) if r[0] == "Engagements par financeur") + 2
    by_row: Totals = defaultdict(Decimal)
    totals: Totals = {}
    for row in rows[start:]:
        if row[0] is None:
            break
        category = LABELS[str(row[1])]
        if str(row[0]).startswith("Total – "):
            totals[category] = Decimal(str(row[3]))
        elif row[3] is not None:
            by_row[category] += Decimal(str(row[3]))
    expected = {k: EXPECTED[k] for k in (PARTENAIRES, PRIVES, PRETS, AUTO)}
    assert dict(by_row) == totals == expected


def test_costs_suivi_et_diff_en_json(tmp_path: Path) -> None:
    costs = json.loads(run("couts", "--data", str(TERRITOIRE), "--format", "json").stdout)
    from_costs = {k: Decimal(costs["total"][k]["HT"]) for k in EXPECTED}
    # Par groupe : la somme des collectivités redonne le total.
    by_collectivite = json.loads(
        run("couts", "--data", str(TERRITOIRE), "--by", "collectivite", "--format", "json").stdout
    )
    sums = {
        k: sum((Decimal(g[k]["HT"]) for g in by_collectivite["groupes"]), Decimal(0))
        for k in EXPECTED
    }
    assert from_costs == sums == EXPECTED
    # acv suivi : le prévu de chaque financeur, rangé par catégorie du glossaire.
    suivi = json.loads(run("suivi", "--data", str(TERRITOIRE), "--format", "json").stdout)
    prevu: Totals = defaultdict(Decimal)
    for line in suivi["financements"]:
        if line["prevu"] is not None:
            prevu[line["categorie"]] += Decimal(line["prevu"]["HT"])
    assert dict(prevu) == {k: EXPECTED[k] for k in (PARTENAIRES, PRIVES, PRETS, AUTO)}
    # acv diff : d'un dossier sans fiche au territoire, les totaux du plan sont ceux d'après.
    empty = tmp_path / "vide"
    shutil.copytree(TERRITOIRE, empty)
    for fiche in (empty / "fiches").rglob("*.yaml"):
        fiche.unlink()
    result = run(
        "diff", "--from-data", str(empty), "--to-data", str(TERRITOIRE), "--format", "json"
    )
    assert result.exit_code == 0, result.stderr
    overall: list[dict[str, Any]] = json.loads(result.stdout)["totaux"]["ensemble"]
    from_diff = {row["cle"]: Decimal(row["apres"]["HT"]) for row in overall}
    assert from_diff == {k: EXPECTED[k] for k in (COUT, PARTENAIRES, PRIVES, PRETS, AUTO)}


def _md_table(texte: str, section: str) -> list[list[str]]:
    part = texte.split(f"## {section}")[1].split("\n## ")[0]
    rows = [line for line in part.splitlines() if line.startswith("| ")]
    return [[c.strip().replace("<br>", "\n") for c in r.strip("|").split(" | ")] for r in rows]


def test_memes_mots_dans_chaque_format(built: Path) -> None:
    """« Par financeur » et « Par collectivité » : les mêmes cellules, mot pour mot, en HTML,
    Markdown et DOCX (plus de « non renseigné » d'un côté et de « – » de l'autre)."""
    html = dict(_html_tables(built / "html/maquette-financiere.html"))
    md = (built / "md/maquette-financiere.md").read_text(encoding="utf-8")
    document = docx.Document(str(built / "docx/maquette-financiere.docx"))
    word = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]

    def norm(rows: list[list[str]]) -> list[list[str]]:
        return [[_norm(c).replace(" \n", "\n") for c in r] for r in rows]

    financeurs_html = norm(html["Par financeur"][1:])
    financeurs_md = norm(_md_table(md, "Par financeur")[1:])
    financeurs_docx = norm(next(t for t in word if t[0][0] == "Financeur")[1:])
    assert financeurs_html == financeurs_md == financeurs_docx
    assert all(row[3] for row in financeurs_html)  # jamais une cellule vide
    cells = {c for row in financeurs_html for c in row}
    assert "–" not in cells and "non renseigné" not in cells
