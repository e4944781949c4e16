"""La maquette financière dit vrai, dans chaque format : invariants sur les données réelles.

Le build est fait une fois par la commande `acv build` ; chaque format est relu (HTML analysé,
Markdown découpé, DOCX ouvert par python-docx, xlsx par openpyxl). Les totaux sont recalculés
à partir des lignes rendues : aucun chiffre attendu n'est recopié de la sortie.
"""

from __future__ import annotations

import io
import json
import re
from collections import defaultdict
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Literal, TypedDict

import docx
import openpyxl
import pytest

from tests.conftest import DATA, run

MONTANT = re.compile(r"(-?\d{1,3}(?: \d{3})*(?:,\d+)?) €(?: (HT|TTC)\b)?")
PART_MO = "dont autofinancement"


def _norm(texte: str) -> str:
    return texte.replace("\u202f", " ").replace("\u00a0", " ")


def montants(texte: str) -> dict[str, Decimal]:
    """Les montants d'une cellule, par base (« non précisée » quand aucune n'est écrite)."""
    out: dict[str, Decimal] = defaultdict(Decimal)
    for count, base in MONTANT.findall(_norm(texte)):
        out[base or "non précisée"] += Decimal(count.replace(" ", "").replace(",", "."))
    return {b: v for b, v in out.items() if v}


def sum_total(cells: list[str]) -> dict[str, Decimal]:
    total: dict[str, Decimal] = defaultdict(Decimal)
    for cell in cells:
        for base, v in montants(cell).items():
            total[base] += v
    return {b: v for b, v in total.items() if v}


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build")
    result = run("build", "--data", str(DATA), "--out", str(out))
    assert result.exit_code == 0, result.stdout + result.stderr
    return out


# --- HTML : les tableaux, par section ------------------------------------------------------------


class _Table(TypedDict):
    section: str
    thead: list[list[str]]
    tbody: list[list[str]]
    tfoot: list[list[str]]


_PARTS: dict[str, Literal["thead", "tbody", "tfoot"]] = {
    "thead": "thead",
    "tbody": "tbody",
    "tfoot": "tfoot",
}


class _Tables(HTMLParser):
    """Chaque <table> : sa section (dernier h2), ses lignes d'en-tête, de corps et de pied."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[_Table] = []
        self.section = ""
        self._h2: list[str] | None = None
        self._part: Literal["thead", "tbody", "tfoot"] = "tbody"
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h2":
            self._h2 = []
        elif tag == "table":
            self.tables.append({"section": self.section, "thead": [], "tbody": [], "tfoot": []})
        elif tag in _PARTS:
            self._part = _PARTS[tag]
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2" and self._h2 is not None:
            self.section = "".join(self._h2).strip()
            self._h2 = None
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None and self.tables:
            self.tables[-1][self._part].append(self._row)
            self._row = None
        elif tag in ("thead", "tfoot"):
            self._part = "tbody"

    def handle_data(self, data: str) -> None:
        data = data.replace("\u00ad", "")  # un lecteur ne voit pas les coupures possibles
        if self._cell is not None:
            self._cell.append(data)
        if self._h2 is not None:
            self._h2.append(data)


def _tables_html(output: Path) -> list[_Table]:
    parser = _Tables()
    parser.feed((output / "html/maquette-financiere.html").read_text(encoding="utf-8"))
    return parser.tables


def _html_per_fiche(output: Path) -> _Table:
    return next(t for t in _tables_html(output) if t["section"] == "Par fiche action")


def _reste(cell: str) -> str:
    return cell.split(PART_MO)[0]


def test_reste_a_charge_seulement_quand_il_est_connu(output: Path) -> None:
    table = _html_per_fiche(output)
    entetes = table["thead"][0]
    lines = {line[0]: line for line in table["tbody"]}
    for numero, absents in ((1, ["ANAH"]), (58, ["ADEME"]), (60, ["FEDER", "Région"])):
        reste = _reste(lines[f"FA {numero}"][-1])
        assert not montants(reste), f"FA {numero} : {reste}"
        assert reste.startswith("non déterminable")
        assert all(a in reste for a in absents)
        # Ces financeurs sont bien nommés sans montant dans la ligne.
        assert "montant non précisé" in " ".join(lines[f"FA {numero}"])
    assert entetes[-1] == "Reste à charge"
    markdown = _norm((output / "md/maquette-financiere.md").read_text(encoding="utf-8"))
    fa1 = next(li for li in markdown.splitlines() if li.startswith("| FA 1 |"))
    assert fa1.rstrip(" |").endswith("non déterminable : ANAH sans montant")


def test_autofinancement_de_la_fa_48(output: Path) -> None:
    table = _html_per_fiche(output)
    entetes = table["thead"][0]
    fa48 = next(li for li in table["tbody"] if li[0] == "FA 48")
    cout = montants(fa48[2])
    reste, _, part = fa48[-1].partition(PART_MO)
    # Le maître d'ouvrage n'est pas un partenaire : le reste à charge est le coût entier.
    assert montants(reste) == cout == {"HT": Decimal("42800")}
    assert montants(part) == montants(fa48[entetes.index("Ville de Béthune")]) == cout
    assert "autofinancement" in fa48[entetes.index("Ville de Béthune")]


def test_totaux_de_la_page_font_la_somme_des_lignes(output: Path) -> None:
    tables = _tables_html(output)
    per_fiche = _html_per_fiche(output)
    footer = per_fiche["tfoot"][0]
    # Pied : « Total » sur 2 colonnes (fiche, intitulé), puis coût, chaque financeur, reste.
    body = [[li[2], *li[3:-1], _reste(li[-1])] for li in per_fiche["tbody"]]
    for column, total in enumerate(footer[1:]):
        assert montants(total) == sum_total([li[column] for li in body]), footer[0 : column + 2]
    totals = [t for t in tables if t["section"] in ("Par axe", "Par collectivité")]
    assert len(totals) == 2
    for table in totals:
        total_row = table["tfoot"][0]
        assert int(total_row[1]) == sum(int(li[1]) for li in table["tbody"])
        for column in range(2, 6):
            expected = sum_total([li[column] for li in table["tbody"]])
            assert montants(total_row[column]) == expected, (table["section"], column)
        # Chaque fiche exclue du reste à charge est comptée (et dite) dans « Non compté ».
        excluded = sum(
            int(m.group(1)) for m in re.finditer(r"(\d+) fiches? au reste", total_row[-1])
        )
        lines = [li for li in per_fiche["tbody"] if li[-1].startswith("non déterminable")]
        assert excluded == len(lines)


def _financeurs_html(output: Path) -> dict[str, list[str]]:
    table = next(t for t in _tables_html(output) if t["section"] == "Par financeur")
    return {li[0]: li for li in table["tbody"]}


def test_par_financeur_dans_chaque_format(output: Path) -> None:
    bdt = _financeurs_html(output)["Banque des Territoires (BDT)"]
    assert montants(bdt[2]) == {"TTC": Decimal("22000")}
    assert "FA 51" in bdt[3] and "FA 57" in bdt[3]  # nommée sans montant
    assert "TTC (base : celle du coût)" in bdt[1]
    markdown = _norm((output / "md/maquette-financiere.md").read_text(encoding="utf-8"))
    section = markdown.split("## Par financeur")[1].split("## ")[0]
    line = next(li for li in section.splitlines() if li.startswith("| Banque des Territoires"))
    assert "22 000 € TTC" in line
    assert "| **Total** |" in markdown.split("## Par fiche action")[1].split("## ")[0]
    document = docx.Document(str(output / "docx/maquette-financiere.docx"))
    textes = [[c.text for c in r.cells] for t in document.tables for r in t.rows]
    assert any(
        li[0].startswith("Banque des Territoires") and "22 000 € TTC" in _norm(li[2])
        for li in textes
    )
    assert any(li[0] == "Total" for li in textes)
    workbook = openpyxl.load_workbook(next((output / "anct").glob("*.xlsx")))
    lines = [list(r) for r in workbook["Synthèse"].iter_rows(values_only=True)]
    bdt_row = next(li for li in lines if li[0] == "Banque des Territoires")
    assert bdt_row[1] == "Financements des partenaires"  # la catégorie du glossaire
    assert bdt_row[3] is None  # rien en HT : une cellule vide, jamais un 0
    assert Decimal(str(bdt_row[4])) == Decimal("22000")  # colonne TTC
    assert "FA 42" in str(bdt_row[-1])  # base déduite du coût
    # L'ANAH, nommée sans montant : aucune cellule de montant, jamais un 0 (la maquette dit
    # « montant non précisé »).
    named_only = next(li for li in lines if li[0] == "Agence nationale de l'habitat")
    assert named_only[3:6] == [None, None, None] and named_only[6] == "FA 1"
    assert (
        "montant non précisé" in _financeurs_html(output)["Agence nationale de l'habitat (ANAH)"][2]
    )


def test_costs_par_financeur_sans_faux_reste() -> None:
    result = run("couts", "--data", str(DATA), "--by", "financeur", "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert all("reste_a_charge" not in g for g in document["groupes"])
    bdt = next(g for g in document["groupes"] if g["cle"] == ["banque-des-territoires"])
    assert bdt["bases_deduites_du_cout"] == [
        {"fiche": 42, "financeur": "banque-des-territoires", "base": "TTC"}
    ]
    csv = run("couts", "--data", str(DATA), "--by", "financeur", "--format", "csv").stdout
    assert "Reste à charge" not in csv.splitlines()[0]
    assert "Reste à charge" in run("couts", "--data", str(DATA), "--format", "csv").stdout
    texte = " ".join(run("couts", "--data", str(DATA), "--by", "financeur").stdout.split())
    assert "base : celle du coût" in texte and "non déterminable" not in texte


def test_costs_reste_non_determinable() -> None:
    result = run("couts", "--data", str(DATA), "--by", "collectivite", "--format", "json")
    total = json.loads(result.stdout)["total"]
    reasons = {e["fiche"]: e["raison"] for e in total["reste_a_charge_non_determinable"]}
    assert "ANAH" in reasons[1] and "ADEME" in reasons[58] and "FEDER" in reasons[60]
    assert total["autofinancement"]["HT"] == "42800.00"


def test_docx_reste_de_la_fa_1(output: Path) -> None:
    document = docx.Document(io.BytesIO((output / "docx/maquette-financiere.docx").read_bytes()))
    table = document.tables[0]
    fa1 = next(r for r in table.rows if r.cells[0].text == "FA 1")
    assert fa1.cells[-1].text == "non déterminable : ANAH sans montant"
    fa48 = next(r for r in table.rows if r.cells[0].text == "FA 48")
    assert montants(fa48.cells[-1].text.split(PART_MO)[0]) == {"HT": Decimal("42800")}
    assert PART_MO in fa48.cells[-1].text
