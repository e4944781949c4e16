"""Fidélité de l'avenant produit au texte signé : chaque paragraphe des parties, du préambule et
des articles 1 à 9 du texte source (tests/fixtures/avenant-source) se retrouve, dans l'ordre,
dans l'avenant que `acv build` écrit des données de `data/` ; chaque chiffre des parties générées
(plan d'action, indicateurs, secteurs) est celui des données.

Espaces et césures normalisées des deux côtés ; « XXXXXXX » du modèle Word s'écrit « à compléter ».
Les tableaux de l'article 7.1 (plan d'action) et 8.3 (indicateurs) sont générés des fiches et des
indicateurs : ils sont vérifiés chiffre à chiffre contre les données, pas mot à mot.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest

from acvkit.loading import load_folder
from tests.conftest import DATA, FIXTURES, run

SOURCE = FIXTURES / "avenant-source" / "avenant-n2.txt"
# Lignes (1 = première) du texte source : parties, préambule et articles 1 à 9…
CHECKED = (12, 1136)
# … moins les tableaux générés des données : plan d'action (7.1) et indicateurs (8.3).
GENERATED = [(558, 642), (751, 1116)]
# L'adresse du lien de l'article 3 (« mailto:… »), que l'extraction du PDF a écrite en texte.
ARTIFACTS = {334}


def normalize(texte: str) -> str:
    texte = re.sub(r"(?<![A-Za-z])X{3,}(?![A-Za-z])", "à compléter", texte)
    texte = re.sub(r"[\ue000-\uf8ff•▪➢]", " ", texte)
    texte = re.sub(r"(?m)^\s*(?:[-–o])\s+", " ", texte)
    texte = re.sub(r"(?<=\S-)\n\s*", "", texte)  # césure en fin de ligne
    texte = " ".join(texte.split())
    texte = re.sub(r"«\s*", "«", texte)
    return re.sub(r"\s*([»;:,.!?])", r"\1", texte)


def source_paragraphs() -> list[tuple[int, str]]:
    """(ligne, paragraphe normalisé) du texte source : séparés par une ligne vide, ou par une
    ligne qui commence par une espace (début de page dans l'extraction)."""
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    out: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0

    def close() -> None:
        if current:
            out.append((start, list(current)))
            current.clear()

    for number, line in enumerate(lines, start=1):
        if not CHECKED[0] <= number <= CHECKED[1]:
            continue
        if any(a <= number <= b for a, b in GENERATED) or number in ARTIFACTS:
            close()
            continue
        if not line.strip():
            close()
            continue
        if line.startswith(" ") and current:
            close()
        if not current:
            start = number
        current.append(line.strip())
    close()
    paragraphs = [(n, normalize("\n".join(p))) for n, p in out]
    return [(n, p) for n, p in paragraphs if p and not p.isdigit()]


BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "td", "th", "dt", "dd", "div", "tr"})


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"style", "svg", "title"}:
            self.skip += 1
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"style", "svg", "title"}:
            self.skip -= 1
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def html_text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return normalize("".join(parser.parts))


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts: list[str] = []
    body = document.element.body
    for element in body.iter():
        if element.tag.endswith("}p"):
            parts.append("".join(t.text or "" for t in element.iter() if t.tag.endswith("}t")))
    return normalize("\n".join(parts))


def missing_in_order(text: str) -> list[str]:
    missing = []
    position = 0
    for line, paragraph in source_paragraphs():
        found = text.find(paragraph, position)
        if found < 0:
            missing.append(f"l. {line} : {paragraph[:90]}")
        else:
            position = found + len(paragraph)
    return missing


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("avenant")
    result = run("build", "--data", str(DATA), "--out", str(out), "--format", "html,docx", "-q")
    assert result.exit_code == 0, result.stderr
    return out


def test_le_texte_source_est_decoupe_en_paragraphes() -> None:
    paragraphs = source_paragraphs()
    assert len(paragraphs) > 150
    assert paragraphs[0][1] == "ENTRE"
    assert any(p.startswith("Le présent document fixe le cadre") for _, p in paragraphs)
    assert any("copie de l’avenant signé est transmise" in p for _, p in paragraphs)


def test_chaque_paragraphe_du_texte_signe_est_dans_l_avenant_html(built: Path) -> None:
    assert missing_in_order(html_text(built / "html" / "avenant.html")) == []


def test_chaque_paragraphe_du_texte_signe_est_dans_l_avenant_docx(built: Path) -> None:
    assert missing_in_order(docx_text(built / "docx" / "avenant.docx")) == []


def test_un_paragraphe_retire_des_donnees_manque_au_test(tmp_path: Path) -> None:
    # Le test sait échouer : un paragraphe retiré des données est signalé, avec sa ligne.
    import shutil

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    article = data / "avenant" / "articles" / "article-9.yaml"
    texte = article.read_text(encoding="utf-8")
    article.write_text(texte.replace("L’avenant est adopté en conseil municipal", "L’avenant"))
    out = tmp_path / "out"
    assert run("build", "--data", str(data), "--out", str(out), "-f", "html", "-q").exit_code == 0
    missing = missing_in_order(html_text(out / "html" / "avenant.html"))
    assert len(missing) == 1 and missing[0].startswith("l. 1119 : L’avenant est adopté")


def test_les_chiffres_des_parties_generees_sont_ceux_des_donnees(built: Path) -> None:
    data = load_folder(DATA).dataset
    text = html_text(built / "html" / "avenant.html")
    text = text[text.index("Le présent document fixe le cadre") :]  # après le sommaire
    article_7 = text[text.index("Article 7.") : text.index("Article 8.")]
    for entry in data.fiches:
        fiche = entry.model
        assert normalize(f"FA {fiche.numero}") in article_7
        assert normalize(fiche.titre_plan or fiche.titre) in article_7
    article_8 = text[text.index("Article 8.") : text.index("Article 9.")]
    for indicateur in data.indicateurs:
        assert normalize(indicateur.model.intitule) in article_8, indicateur.model.id
    assert data.secteurs is not None
    annexe_3 = text[text.index("Annexe 3 –", text.index("Signatures")) :]
    for secteur in data.secteurs.model.secteurs:
        assert normalize(secteur.nom) in annexe_3
        for numero in secteur.fiches:
            assert f"FA {numero} –" in annexe_3
    assert data.programme is not None
    signatures = text[text.index("Signatures", text.index("Article 9.")) :]
    for signataire in data.programme.model.signataires[:3]:
        assert normalize(signataire.representant or "") in signatures
