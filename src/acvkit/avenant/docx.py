"""L'avenant entier en un DOCX (docx/avenant.docx), que LibreOffice convertit en ODT et en PDF.

Couverture et parties, sommaire (titres liés à leur page par des champs PAGEREF, que Word et
LibreOffice calculent à la mise en page), articles, page des signatures, annexes 1 à 5. En-tête
courant (programme, numéro d'avenant, période) et numéro de page en pied, sur chaque page. Les
parties tirées des données sont dessinées par le rendu DOCX des annexes (annexes.docx.render),
leurs titres descendus d'un ou deux niveaux ; une annexe en paysage a sa propre section.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime, time

import docx
from docx.document import Document
from docx.enum.section import WD_SECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.text.paragraph import Paragraph

from acvkit.annexes.context import Annexes
from acvkit.annexes.docx.accessibility import table_titles
from acvkit.annexes.docx.blocks import BULLET, CAPTION, DEFAULT_DATE, label_docx, titre_docx
from acvkit.annexes.docx.blocks import docx_paragraph as paragraph
from acvkit.annexes.docx.font import single_font
from acvkit.annexes.docx.helpers import (
    a4_page,
    add_text,
    data_table,
    footer,
    french_language,
    ligne,
    no_thumbnail,
    plain_styles,
    properties,
    usable_width,
    write,
)
from acvkit.annexes.docx.render import RENDERERS
from acvkit.annexes.docx.xml import safe_text
from acvkit.annexes.formats import RenderInput
from acvkit.avenant.carte import carte_png
from acvkit.avenant.contenu import Avenant, build_avenant, has_avenant

BULLET_2 = "ListBullet2"
# Les annexes dessinées en paysage par leur rendu.
LANDSCAPE = {"recapitulatif", "programmation"}
# Les parties d'article qui ont leur propre section (elles peuvent passer en paysage).
PARTS_OWN_PAGE = {"programmation"}


def render_avenant_docx(inp: RenderInput) -> dict[str, bytes]:
    """{"docx/avenant.docx": …} quand le dossier a un texte d'avenant ; sinon rien."""
    if inp.data is None or not has_avenant(inp.data):
        return {}
    avenant = build_avenant(inp.data, inp.annexes)
    return {"docx/avenant.docx": avenant_docx(avenant)}


def _bookmark(para: Paragraph, name: str, ident: int) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(ident))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(ident))
    para._p.insert(1 if para._p.pPr is not None else 0, start)
    para._p.append(end)


def _field(para: Paragraph, instruction: str, cached: str) -> None:
    """Un champ simple (PAGE, PAGEREF…) : Word et LibreOffice le recalculent à la mise en page."""
    champ = OxmlElement("w:fldSimple")
    champ.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    texte = OxmlElement("w:t")
    texte.text = cached
    run.append(texte)
    champ.append(run)
    para._p.append(champ)


def _running_header(document: Document, texte: str) -> None:
    header = document.sections[0].header.paragraphs[0]
    add_text(header, texte, size=Mm(3))


def _shift_headings(document: Document, start: int, shift: int) -> None:
    """Les titres « Heading n » ajoutés depuis l'élément `start` du corps descendent de `shift`."""
    for element in list(document.element.body)[start:]:
        style = element.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if style is not None and (val := style.get(qn("w:val"), "")).startswith("Heading"):
            level = int(val[len("Heading") :] or "1")
            style.set(qn("w:val"), f"Heading{min(9, level + shift)}")


def _with_section(document: Document, landscape: bool, draw: Callable[[], None]) -> None:
    """`draw` dans une section à lui (paysage s'il le faut), suivie d'une section portrait."""
    a4_page(document.add_section(WD_SECTION.NEW_PAGE), landscape=landscape)
    draw()
    a4_page(document.add_section(WD_SECTION.NEW_PAGE), landscape=False)


class _Writer:
    def __init__(self, document: Document, avenant: Avenant) -> None:
        self.document = document
        self.avenant = avenant
        self.annexes: Annexes = avenant.annexes_contenu
        self.bookmarks: list[tuple[str, str, int]] = []  # (titre, signet, niveau)
        self.own_section = False  # une section ouverte par le sous-titre d'une partie paysage

    def heading(self, texte: str, level: int, *, anchor: str | None = None) -> Paragraph:
        titre = titre_docx(self.document, texte, level)
        if anchor is not None:
            name = f"_Toc_{anchor.replace('-', '_')}"
            _bookmark(titre, name, len(self.bookmarks) + 1)
            self.bookmarks.append((texte, name, level))
        return titre

    def annexe_part(self, slug: str, shift: int) -> None:
        def draw() -> None:
            start = len(self.document.element.body)
            RENDERERS[slug](self.document, self.annexes)
            _shift_headings(self.document, start, shift)

        if slug in LANDSCAPE and self.own_section:
            # La section est ouverte avec son titre (article) : le rendu la passe en paysage
            # s'il le faut ; la suite reprend en portrait.
            draw()
            a4_page(self.document.add_section(WD_SECTION.NEW_PAGE), landscape=False)
            self.own_section = False
        elif slug in LANDSCAPE:
            _with_section(self.document, True, draw)
        else:
            draw()

    # --- Les parties générées -----------------------------------------------------------------

    def parties(self) -> None:
        doc = self.document
        for position, groupe in enumerate(self.avenant.parties):
            add_text(paragraph(doc), "ET" if position else "ENTRE", bold=True)
            for mention in groupe.mentions:
                paragraph(doc, mention, style=BULLET)
            paragraph(doc, groupe.label)
            paragraph(doc, groupe.side)

    def signatures(self) -> None:
        doc = self.document
        paragraph(doc, f"A {self.avenant.lieu}, le {self.avenant.date}")
        largeur = usable_width(doc.sections[-1])
        largeurs = [largeur // 4] * 4
        table = data_table(doc, ["Signataire", "Représentant", "Qualité", "Signature"], largeurs)
        for signature in self.avenant.signatures:
            cells = ligne(table, largeurs).cells
            write(cells[0], signature.organisation, bold=True)
            write(cells[1], signature.representant)
            write(cells[2], signature.qualite)
            write(cells[3], "\n\n\n")

    def secteurs(self, commune: str | None) -> None:
        for groupe in self.avenant.secteurs(commune):
            for secteur in groupe.secteurs:
                titre_docx(self.document, secteur.nom, 3)
                for texte in secteur.description:
                    paragraph(self.document, texte)

    def calendrier(self) -> None:
        doc = self.document
        if self.avenant.calendrier:
            largeurs = [Mm(40), Mm(60), None]
            total = usable_width(doc.sections[-1])
            widths = [int(Mm(40)), int(Mm(60)), total - int(Mm(100))]
            del largeurs
            table = data_table(doc, ["Période", "Étape", "Description"], widths)
            for periode, etape, description in self.avenant.calendrier:
                cells = ligne(table, widths).cells
                write(cells[0], periode)
                write(cells[1], etape)
                write(cells[2], description or "non renseigné")
        else:
            texte = self.avenant.calendrier_note or "non renseigné"
            add_text(paragraph(doc), texte, italic=True)

    def outils(self) -> None:
        doc = self.document
        if not self.avenant.outils:
            paragraph(doc, "non renseigné")
        total = usable_width(doc.sections[-1])
        widths = [int(Mm(40)), total - int(Mm(40))]
        for outil in self.avenant.outils:
            titre_docx(doc, f"Outil {outil.numero} – {outil.titre}", 3)
            if outil.objet:
                paragraph(doc, outil.objet)
            table = data_table(doc, ["Rubrique", "Contenu"], widths)
            collecteur = [outil.collecteur] if outil.collecteur else []
            collecteur += [f"• {c}" for c in outil.collecteurs]
            for row_label, lines in (
                ("Cibles échantillon", [f"• {c}" for c in outil.cibles]),
                ("Collecteur", collecteur),
                ("Traitement", [outil.traitement] if outil.traitement else []),
                ("Temporalité", [outil.temporalite] if outil.temporalite else []),
            ):
                cells = ligne(table, widths).cells
                write(cells[0], row_label, bold=True)
                write(cells[1], "\n".join(lines) or "non renseigné")

    def part(self, nom: str, argument: str | None) -> None:
        if nom == "parties":
            self.parties()
        elif nom == "pilotage":
            for texte in self.avenant.pilotage or ["non renseigné"]:
                paragraph(self.document, texte)
        elif nom == "secteurs":
            self.secteurs(argument)
        elif nom == "plan_action":
            self.annexe_part("plan-action", 2)
        elif nom == "programmation":
            self.annexe_part("programmation", 2)
        elif nom == "objectifs_indicateurs":
            self.annexe_part("evaluation", 2)
        elif nom == "calendrier_evaluation":
            self.calendrier()
        elif nom == "outils_evaluation":
            self.outils()
        elif nom == "signatures":
            self.signatures()

    # --- Le document ------------------------------------------------------------------------

    def cover(self) -> None:
        doc = self.document
        titre_docx(doc, self.avenant.titre, 0)
        add_text(paragraph(doc), self.avenant.intitule.upper(), bold=True)
        self.parties()

    def contents(self) -> Paragraph:
        """Le sommaire : une ligne par titre, son numéro de page par un champ PAGEREF."""
        titre = titre_docx(self.document, "Sommaire", 1)
        titre.paragraph_format.page_break_before = True
        return titre

    def fill_contents(self, after: Paragraph) -> None:
        anchor = after._p
        for texte, name, level in self.bookmarks:
            toc_line = Paragraph(OxmlElement("w:p"), after._parent)
            anchor.addnext(toc_line._p)
            anchor = toc_line._p
            tabs = toc_line.paragraph_format.tab_stops
            from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER

            tabs.add_tab_stop(Mm(165), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
            if level > 1:
                toc_line.paragraph_format.left_indent = Mm(6)
            link = OxmlElement("w:hyperlink")
            link.set(qn("w:anchor"), name)
            run = OxmlElement("w:r")
            text = OxmlElement("w:t")
            text.set(qn("xml:space"), "preserve")
            text.text = safe_text(texte) + "\t"
            run.append(text)
            link.append(run)
            toc_line._p.append(link)
            _field(toc_line, f"PAGEREF {name} \\h", "–")

    def article(self, article: object) -> None:
        from acvkit.avenant.contenu import RenderedArticle

        assert isinstance(article, RenderedArticle)
        titre = self.heading(article.titre, 1, anchor=article.anchor)
        titre.paragraph_format.page_break_before = True
        for index, bloc in enumerate(article.blocs):
            if bloc.kind == "heading":
                after = article.blocs[index + 1] if index + 1 < len(article.blocs) else None
                if after is not None and after.kind == "part" and after.texte in PARTS_OWN_PAGE:
                    # Le sous-titre ouvre la section de la partie qui suit (jamais seul en bas
                    # de page).
                    a4_page(self.document.add_section(WD_SECTION.NEW_PAGE), landscape=False)
                    self.own_section = True
                titre_docx(self.document, bloc.texte, 2)
            elif bloc.kind == "paragraph":
                paragraph(self.document, bloc.texte)
            elif bloc.kind == "item":
                paragraph(self.document, bloc.texte, style=BULLET if bloc.level == 1 else BULLET_2)
            else:
                self.part(bloc.texte, bloc.argument)

    def annexe_secteurs(self) -> None:
        doc = self.document
        if not self.avenant.communes:
            paragraph(doc, "non renseigné : aucun secteur d'intervention dans les données.")
        if self.avenant.perimetres_note:
            add_text(paragraph(doc), self.avenant.perimetres_note, italic=True)
        largeur_mm = min(160, int(usable_width(doc.sections[-1]) / Mm(1)))
        for groupe in self.avenant.communes:
            titre_docx(doc, f"Périmètre d’intervention – {groupe.nom}", 2)
            for secteur in groupe.secteurs:
                titre_docx(doc, secteur.nom, 3)
                label_docx(doc, "Commune", secteur.commune)
                label_docx(doc, "Vocation", secteur.vocation or "non renseigné")
                fiches = " ; ".join(f"FA {n} – {t}" for n, t in secteur.fiches)
                label_docx(doc, "Fiches action", fiches or "non renseigné")
                count = len(secteur.adresses)
                label_docx(
                    doc, "Adresses incluses", f"{count} adresse(s)" if count else "non renseigné"
                )
                for adresse in secteur.adresses:
                    paragraph(doc, adresse, style=BULLET)
                if secteur.carte is None:
                    label_docx(doc, "Périmètre", "non renseigné")
                    continue
                doc.add_picture(io.BytesIO(carte_png(secteur.carte)), width=Mm(largeur_mm))
                doc_pr = doc.paragraphs[-1]._p.find(".//" + qn("wp:docPr"))
                if doc_pr is not None:
                    doc_pr.set("descr", secteur.carte.description)
                    doc_pr.set("title", f"Carte du périmètre – {secteur.nom}")
                paragraph(doc, secteur.carte.description, style=CAPTION)

    def annexe(self, annexe: object) -> None:
        from acvkit.avenant.contenu import RenderedAnnexe

        assert isinstance(annexe, RenderedAnnexe)
        landscape = annexe.content in LANDSCAPE
        if landscape:
            a4_page(self.document.add_section(WD_SECTION.NEW_PAGE), landscape=True)
        titre = self.heading(annexe.titre, 1, anchor=annexe.anchor)
        titre.paragraph_format.page_break_before = not landscape
        if annexe.content == "secteurs":
            self.annexe_secteurs()
        elif annexe.content is not None:
            start = len(self.document.element.body)
            RENDERERS[annexe.content](self.document, self.annexes)
            _shift_headings(self.document, start, 1)
        elif annexe.note:
            add_text(paragraph(self.document), annexe.note, italic=True)
        else:
            paragraph(self.document, "à compléter")
        if landscape:
            a4_page(self.document.add_section(WD_SECTION.NEW_PAGE), landscape=False)


def avenant_docx(avenant: Avenant) -> bytes:
    """Les octets du DOCX de l'avenant entier."""
    document = docx.Document()
    section = document.sections[0]
    a4_page(section)
    french_language(document)
    plain_styles(document)
    single_font(document)
    no_thumbnail(document)
    annexes = avenant.annexes_contenu
    date = (
        datetime.combine(annexes.date_generation, time())
        if annexes.date_generation is not None
        else DEFAULT_DATE
    )
    properties(document, titre=avenant.titre, subject=avenant.intitule, date=date)
    _running_header(document, avenant.running_header)
    footer(section, avenant.running_header)
    writer = _Writer(document, avenant)
    writer.cover()
    toc_heading = writer.contents()
    for article in avenant.articles:
        writer.article(article)
    titre = writer.heading("Signatures", 1, anchor="signatures")
    titre.paragraph_format.page_break_before = True
    writer.signatures()
    for annexe in avenant.annexes:
        writer.annexe(annexe)
    writer.fill_contents(toc_heading)
    table_titles(document, avenant.titre)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
