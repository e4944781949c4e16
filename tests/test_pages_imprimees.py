"""Chaque annexe imprimée, page par page, comme un partenaire la lit avant de signer.

Les annexes de `data/` et de l'exemple de suivi sont produites dans chaque format, puis chacune est
convertie une fois en PDF : le DOCX par le format `pdf` d'acvkit (LibreOffice), l'ODT et le classeur
ANCT par LibreOffice (sous une locale française), le HTML par Chromium. Le texte de chaque page
(pdftotext) sert à tous les contrôles : aucun montant des données coupé, aucun mot coupé sans trait
d'union, aucune ligne de total seule en haut d'une page, les nombres du classeur écrits à la
française. Le Markdown n'a pas de mise en page : la parité des formats (test_parite) le couvre.

Ces outils font partie de la CI (`.ci/run` les installe) : leur absence fait échouer le test, elle
ne le saute pas.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from decimal import Decimal
from itertools import pairwise
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from acvkit.loading import load_folder
from acvkit.money import format_euros
from tests.conftest import DATA, ROOT, run

EXAMPLE = ROOT / "examples" / "suivi-2025-s1"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
FOOTER = "document généré le"
SPACES = re.compile(r"[ \u00a0\u202f\t]+")
WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿŒœ]+")

Rendered = dict[tuple[str, str], list[str]]  # (format, annexe) → texte de chaque page


def _chromium_pdf(page: Path, pdf: Path) -> None:
    assert CHROMIUM, "Chromium est requis (apt-get install chromium)"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-pdf-header-footer",
                f"--user-data-dir={profile}",
                f"--print-to-pdf={pdf}",
                page.as_uri(),
            ],
            capture_output=True,
            timeout=180,
            check=False,
        )
    assert pdf.is_file(), page


def _soffice_pdf(sources: list[Path], out: Path) -> None:
    """Une seule instance de LibreOffice pour tous les fichiers, sous une locale française."""
    assert SOFFICE, "LibreOffice est requis (apt-get install libreoffice-writer libreoffice-calc)"
    env = {**os.environ, "LC_ALL": "fr_FR.UTF-8", "LANG": "fr_FR.UTF-8"}
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                SOFFICE,
                "--headless",
                "--norestore",
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out),
                *map(str, sources),
            ],
            capture_output=True,
            timeout=600,
            check=False,
            env=env,
        )
    for source in sources:
        assert (out / f"{source.stem}.pdf").is_file(), source


def pages(pdf: Path) -> list[str]:
    """Le texte de chaque page (pdftotext, une fois par document ; les pages séparées par \\f)."""
    assert PDFTOTEXT, "poppler-utils est requis (apt-get install poppler-utils)"
    texte = subprocess.run(
        [PDFTOTEXT, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [SPACES.sub(" ", page) for page in texte.split("\f")[:-1]]


def render(data: Path, out: Path) -> Rendered:
    """Toutes les annexes de `data` dans chaque format, puis en PDF : le texte de chaque page."""
    result = run(
        "build", "--data", str(data), "--out", str(out), "--format", "html,md,docx,xlsx,odt,pdf"
    )
    assert result.exit_code == 0, result.stdout + result.stderr
    converted = out / "converti"
    (converted / "odt").mkdir(parents=True)
    (converted / "html").mkdir()
    _soffice_pdf(sorted((out / "odt").glob("*.odt")), converted / "odt")
    _soffice_pdf(sorted((out / "anct").glob("*.xlsx")), converted)
    for page in sorted((out / "html").glob("*.html")):
        _chromium_pdf(page, converted / "html" / f"{page.stem}.pdf")
    rendered_pages: Rendered = {}
    for format_, folder in (
        ("docx", out / "pdf"),
        ("odt", converted / "odt"),
        ("html", converted / "html"),
    ):
        for pdf in sorted(folder.glob("*.pdf")):
            rendered_pages[(format_, pdf.stem)] = pages(pdf)
    workbook = next(converted.glob("*.pdf"))
    rendered_pages[("xlsx", "anct")] = pages(workbook)
    return rendered_pages


@pytest.fixture(scope="module", params=[DATA, EXAMPLE], ids=["data", "exemple"])
def rendered(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    data: Path = request.param
    out = tmp_path_factory.mktemp("pages")
    return data, out, render(data, out)


def _amounts(data: Path) -> Iterator[tuple[int, Decimal]]:
    """Chaque montant que l'avenant écrit d'une fiche : coût, postes, financements.

    Les montants du suivi (demandé, attribué, versé) sont ceux du rapport de suivi, qui les
    totalise par financeur : ils n'y figurent pas fiche par fiche.
    """

    def walk(obj: Any) -> Iterator[Decimal]:
        if isinstance(obj, dict):
            for value in obj.values():
                yield from walk(value)
        elif isinstance(obj, list):
            for value in obj:
                yield from walk(value)
        elif isinstance(obj, Decimal):
            yield obj

    for entry in load_folder(data).dataset.fiches:
        fiche = entry.model
        dump = fiche.model_dump(include={"cout": True, "financements": {"__all__": {"montant"}}})
        for montant in walk(dump):
            yield fiche.numero, montant


def test_chaque_montant_des_donnees_entier_sur_une_page(rendered: Any) -> None:
    data, _, rendered_pages = rendered
    missing = []
    amounts = sorted(set(_amounts(data)))
    assert len(amounts) > 10
    for format_ in ("docx", "odt", "html"):
        texte = "\n".join(
            page
            for (fmt, annexe), pages_ in rendered_pages.items()
            if fmt == format_
            for page in pages_
        )
        for numero, montant in amounts:
            written = SPACES.sub(" ", format_euros(montant))
            if written not in texte:
                missing.append(f"{format_} : FA {numero} {written}")
    assert not missing, "\n".join(missing)


def _vocabulary(out: Path, annexe: str) -> set[str]:
    """Les mots du document tel qu'écrit (HTML sans balises et Markdown), en minuscules."""
    texte = ""
    for source in (out / "html" / f"{annexe}.html", out / "md" / f"{annexe}.md"):
        if source.is_file():
            texte += html.unescape(re.sub(r"<[^>]+>", " ", source.read_text(encoding="utf-8")))
    return {w.casefold() for w in WORD.findall(texte)}


def _split_words(page: str, vocabulary: set[str]) -> Iterator[str]:
    """Les mots coupés en fin de ligne sans trait d'union : « autofinanceme|nt »."""
    lines = [li.strip() for li in page.splitlines() if li.strip()]
    for before, after in pairwise(lines):
        start = WORD.search(before.split(" ")[-1])
        end = WORD.match(after.split(" ")[0])
        if start is None or end is None or not before.endswith(start.group()):
            continue
        left, right = start.group(), end.group()
        joined = (left + right).casefold()
        if joined in vocabulary and left.casefold() not in vocabulary:
            yield f"{left}|{right}"


def test_aucun_mot_coupe_sans_trait_d_union(rendered: Any) -> None:
    _, out, rendered_pages = rendered
    found = []
    for (format_, annexe), pages_ in rendered_pages.items():
        if format_ == "xlsx":
            continue
        vocabulary = _vocabulary(out, annexe)
        for numero, page in enumerate(pages_, start=1):
            for split in _split_words(page, vocabulary):
                found.append(f"{annexe} ({format_}), page {numero} : {split}")
    assert not found, "\n".join(found)


def _content_lines(page: str) -> list[str]:
    return [
        li.strip()
        for li in page.splitlines()
        if li.strip() and FOOTER not in li and not re.fullmatch(r"(Page )?\d+( / \d+)?", li.strip())
    ]


def _headings(out: Path, annexe: str) -> set[str]:
    """Les titres du document (h1 à h4 du HTML) : « Total général… » est un titre, pas un total."""
    source = out / "html" / f"{annexe}.html"
    if not source.is_file():
        return set()
    page = source.read_text(encoding="utf-8")
    return {
        SPACES.sub(" ", html.unescape(re.sub(r"<[^>]+>", "", titre))).strip()
        for titre in re.findall(r"<h[1-4][^>]*>(.*?)</h[1-4]>", page, flags=re.S)
    }


def _column_headers(out: Path) -> list[str]:
    """Les en-têtes de colonne du classeur (ligne 1 de chaque feuille) : imprimée sur plusieurs
    pages de large, une feuille peut commencer une page par « Total des financements chiffrés »."""
    workbook = openpyxl.load_workbook(next((out / "anct").glob("*.xlsx")), read_only=True)
    headers = []
    for ws in workbook.worksheets:
        for row in ws.iter_rows(max_row=1, values_only=True):
            headers += [SPACES.sub(" ", v) for v in row if isinstance(v, str)]
    workbook.close()
    return headers


# Défauts connus du document complet de l'avenant (#34), pas encore corrigés : dans le DOCX et
# l'ODT, la ligne « Total » d'un tableau de la maquette passe seule en haut d'une page ; en HTML
# imprimé, la carte du périmètre (Annexe 3) occupe une page à elle seule, sans sa légende.
# Ils sont vérifiés à part (test_avenant_complet_…) : attendus sur l'exemple, refusés sur data/.
KNOWN_AVENANT_DEFECTS = {"avenant"}


def _totals_alone(rendered: Any, only: set[str] | None, skip: set[str]) -> list[str]:
    _, out, rendered_pages = rendered
    found = []
    column_headers = _column_headers(out)
    for (format_, annexe), pages_ in rendered_pages.items():
        if annexe in skip or (only is not None and annexe not in only):
            continue
        headings = _headings(out, annexe)
        if format_ == "xlsx":  # un en-tête de colonne, même replié sur deux lignes
            headings |= {
                li
                for page in pages_
                for li in _content_lines(page)
                if any(h.startswith(li) for h in column_headers)
            }
        for numero in range(1, len(pages_)):
            previous = set(_content_lines(pages_[numero - 1]))
            lines = _content_lines(pages_[numero])
            first_total = next(
                (
                    i
                    for i, li in enumerate(lines)
                    if li.casefold().startswith("total") and li not in headings
                ),
                None,
            )
            if first_total is None:
                continue
            if all(li in previous for li in lines[:first_total]):
                found.append(f"{annexe} ({format_}), page {numero + 1} : {lines[first_total]}")
    return found


def test_aucune_ligne_de_total_seule_en_haut_d_une_page(rendered: Any) -> None:
    """Sur une page, ce qui précède la première ligne « Total » n'est pas que l'en-tête répété."""
    found = _totals_alone(rendered, None, KNOWN_AVENANT_DEFECTS)
    assert not found, "\n".join(found)


def test_classeur_imprime_en_nombres_francais(rendered: Any) -> None:
    """Sous une locale française, un montant du classeur se lit « 3 023 767,00 € »."""
    data, _, rendered_pages = rendered
    texte = "\n".join(rendered_pages[("xlsx", "anct")])
    english = re.findall(r"\d{1,3}(?:,\d{3})+\.\d{2}", texte)
    assert not english, f"montants écrits à l'anglaise : {english[:5]}"
    whole_amounts = [m for _, m in _amounts(data) if m >= 1000 and m == m.to_integral()]
    written = [SPACES.sub(" ", format_euros(m, with_symbol=False)) + ",00 €" for m in whole_amounts]
    assert any(w in texte for w in written), texte[:2000]


def _empty_pages(rendered: Any, only: set[str] | None, skip: set[str]) -> list[str]:
    _, _, rendered_pages = rendered
    empty = []
    for (format_, annexe), pages_ in rendered_pages.items():
        if format_ != "html" or annexe in skip or (only is not None and annexe not in only):
            continue
        for numero, page in enumerate(pages_, start=1):
            words = sum(len(line.split()) for line in _content_lines(page))
            if words < 12:
                empty.append(f"{annexe}, page {numero} : {_content_lines(page)}")
    return empty


def test_aucune_page_imprimee_sans_contenu(rendered: Any) -> None:
    """Aucune page qui ne porterait que le pied de page ou un numéro (HTML imprimé par Chromium)."""
    empty = _empty_pages(rendered, None, KNOWN_AVENANT_DEFECTS)
    assert not empty, "\n".join(empty)


def test_avenant_complet_sans_total_seul_ni_page_vide(
    rendered: Any, request: pytest.FixtureRequest
) -> None:
    defects = _totals_alone(rendered, KNOWN_AVENANT_DEFECTS, set()) + _empty_pages(
        rendered, KNOWN_AVENANT_DEFECTS, set()
    )
    if defects and request.node.name.endswith("[exemple]"):
        pytest.xfail("défauts connus de l'avenant complet de l'exemple : " + " ; ".join(defects))
    assert not defects, "\n".join(defects)


def test_chaque_feuille_du_classeur_imprimee(rendered: Any) -> None:
    """Le classeur converti par LibreOffice : les actions, les engagements, le référentiel."""
    data, _, rendered_pages = rendered
    texte = "\n".join(rendered_pages[("xlsx", "anct")])
    fiches = load_folder(data).dataset.fiches
    assert fiches[0].model.titre.split()[0] in texte
    assert "Engagements par financeur" in texte and "Intitulé" in texte
