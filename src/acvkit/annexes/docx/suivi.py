"""Le rendu DOCX des annexes de suivi (bilan, rapport-suivi) : mêmes chiffres que HTML et Markdown.

Mêmes styles que les autres annexes (titres « Heading », tableaux à en-tête répété, montants à
droite). Les graphiques de la version HTML sont donnés ici par leurs tableaux de montants, par base.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from docx.document import Document
from docx.shared import Mm

from acvkit.annexes.context import Annexes
from acvkit.annexes.docx.blocks import (
    BULLET,
    CAPTION,
)
from acvkit.annexes.docx.blocks import (
    docx_paragraph as _paragraph,
)
from acvkit.annexes.docx.blocks import (
    largeurs_colonnes as _largeurs,
)
from acvkit.annexes.docx.blocks import (
    titre_docx as _titre,
)
from acvkit.annexes.docx.document import document_annexe
from acvkit.annexes.docx.helpers import (
    cell_paragraph,
    data_table,
    ligne,
    usable_width,
    write,
)
from acvkit.annexes.formats import RenderInput
from acvkit.annexes.suivi_context import (
    ANNEXES_SUIVI,
    AnnexesSuivi,
    Chart,
    FicheRapport,
    suivi_of,
)

# Ce qu'écrit une cellule vide, comme en HTML et en Markdown (jamais un tiret seul).
EMPTY = "non renseigné"


def render_docx_suivi(inp: RenderInput) -> dict[str, bytes]:
    """{"docx/bilan.docx": …, "docx/rapport-suivi.docx": …}, ou rien sans suivi."""
    suivi = suivi_of(inp)
    if suivi is None:
        return {}
    document_article = inp.annexes.document.the_document  # « l'avenant », « la convention-cadre »
    renderings: dict[str, Callable[[Document, AnnexesSuivi], None]] = {
        "bilan": _bilan,
        "rapport-suivi": lambda document, suivi: _rapport(document, suivi, document_article),
    }
    return {
        f"docx/{slug}.docx": _document(titre, inp.annexes, suivi, renderings[slug])
        for slug, titre in ANNEXES_SUIVI
    }


def _document(
    titre: str,
    annexes: Annexes,
    suivi: AnnexesSuivi,
    rendering: Callable[[Document, AnnexesSuivi], None],
) -> bytes:
    # Chaque tableau du suivi suit sa légende : elle devient son titre pour les lecteurs d'écran.
    return document_annexe(
        titre, annexes, lambda document: rendering(document, suivi), landscape=True, captions=True
    )


def _caption(document: Document, texte: str) -> None:
    _paragraph(document, texte, style=CAPTION)


def _bilan(document: Document, suivi: AnnexesSuivi) -> None:
    largeur = usable_width(document.sections[0])
    _paragraph(
        document,
        f"État d'avancement des actions au {suivi.date}, par collectivité porteuse. Les totaux "
        "additionnent les montants chiffrés d'une même base (HT, TTC, base non précisée) : des "
        "bases différentes ne sont jamais additionnées.",
    )
    _caption(document, f"Synthèse de l'avancement au {suivi.date}")
    largeurs = _largeurs(largeur, [Mm(70), Mm(35), None])
    table = data_table(
        document,
        ["Avancement", "Nombre d'actions", "Coût prévisionnel chiffré"],
        largeurs,
        right=(1, 2),
    )
    for synthese in suivi.synthese:
        cellules = ligne(table, largeurs).cells
        write(cellules[0], synthese.libelle, bold=True)
        write(cellules[1], str(synthese.nombre), right=True)
        write(cellules[2], synthese.total.texte, right=True)
    largeurs = _largeurs(largeur, [Mm(18), None, Mm(55), Mm(80)])
    for groupe in suivi.bilan:
        _titre(document, groupe.collectivite, 1)
        for categorie in groupe.categories:
            _titre(document, categorie.libelle, 2)
            _caption(
                document,
                f"{categorie.libelle} – {groupe.collectivite} : {len(categorie.lignes)} action(s)",
            )
            table = data_table(
                document,
                ["Fiche", "Intitulé de l'action", "Coût prévisionnel", "Dernier point de suivi"],
                largeurs,
                right=(2,),
            )
            for fiche in categorie.lignes:
                cellules = ligne(table, largeurs).cells
                write(cellules[0], f"FA {fiche.numero}")
                write(cellules[1], fiche.titre)
                write(cellules[2], fiche.cout, right=True)
                write(cellules[3], fiche.note or EMPTY)
            _paragraph(document, f"Total des coûts chiffrés : {categorie.total.texte}")


def _alerts(document: Document, fiches: Sequence[FicheRapport], legende: str) -> None:
    if not fiches:
        _paragraph(document, "Aucune.", italic=True)
        return
    largeurs = _largeurs(usable_width(document.sections[0]), [Mm(18), None, Mm(45), Mm(40)])
    _caption(document, legende)
    table = data_table(document, ["Fiche", "Intitulé", "Statut", "Dernier suivi"], largeurs)
    for fiche in fiches:
        cellules = ligne(table, largeurs).cells
        write(cellules[0], f"FA {fiche.numero}")
        write(cellules[1], fiche.titre)
        write(cellules[2], fiche.statut)
        write(cellules[3], fiche.date or EMPTY)


def _rapport(document: Document, suivi: AnnexesSuivi, document_article: str = "l'avenant") -> None:
    largeur = usable_width(document.sections[0])
    situation = f"Situation au {suivi.date}."
    if not suivi.a_suivi:
        situation += " Aucun suivi enregistré : aucune fiche n'a de journal de suivi."
    _paragraph(document, situation)
    _titre(document, "Fiches en retard", 1)
    _paragraph(
        document,
        "Fiches dont la période de livraison est passée et qui ne sont ni livrées ni abandonnées. "
        "Une fiche sans statut n'est jamais dite en retard.",
    )
    _alerts(document, suivi.en_retard, f"Fiches en retard au {suivi.date}")
    for titre, fiches, caption in (
        (
            "Fiches sans aucune entrée de suivi",
            suivi.jamais_suivies,
            f"Fiches sans aucune entrée de suivi au {suivi.date}",
        ),
        (
            f"Fiches dont la dernière entrée de suivi date de plus de {suivi.delai_mois} mois",
            suivi.suivi_ancien,
            f"Fiches au suivi ancien au {suivi.date}",
        ),
    ):
        _titre(document, titre, 1)
        if suivi.a_suivi:
            _alerts(document, fiches, caption)
        else:
            _paragraph(document, "Sans objet : le dossier ne tient pas encore de journal de suivi.")
    _titre(document, "Avancement de chaque fiche", 1)
    _caption(document, "Statut, dernière note et points de vigilance de chaque fiche")
    largeurs = _largeurs(largeur, [Mm(16), None, Mm(40), Mm(30), Mm(26), Mm(55), Mm(50)])
    table = data_table(
        document,
        [
            "Fiche",
            "Intitulé",
            "Collectivité",
            "Statut",
            "Dernier suivi",
            "Note",
            "Points de vigilance",
        ],
        largeurs,
    )
    for fiche in suivi.fiches:
        cellules = ligne(table, largeurs).cells
        write(cellules[0], f"FA {fiche.numero}")
        write(cellules[1], fiche.titre)
        write(cellules[2], fiche.collectivite)
        write(cellules[3], fiche.statut + (" (en retard)" if fiche.en_retard else ""))
        write(cellules[4], fiche.date or EMPTY)
        write(cellules[5], fiche.note or EMPTY)
        if fiche.vigilance:
            for point in fiche.vigilance:
                cell_paragraph(cellules[6], point, style=BULLET)
        else:
            write(cellules[6], EMPTY)
    _titre(document, "Financements : du prévu au versé", 1)
    if suivi.financeurs:
        _caption(
            document,
            f"Montants prévus à {document_article}, demandés, attribués et versés, par financeur",
        )
        largeurs = _largeurs(largeur, [None, *([Mm(45)] * len(suivi.etapes))])
        table = data_table(
            document,
            ["Financeur", *suivi.etapes],
            largeurs,
            right=tuple(range(1, len(suivi.etapes) + 1)),
        )
        for financeur in suivi.financeurs:
            cellules = ligne(table, largeurs).cells
            nom = financeur.nom
            if financeur.refuses:
                nom += " (refus : " + ", ".join(f"FA {n}" for n in financeur.refuses) + ")"
            write(cellules[0], nom, bold=True)
            for cellule, montant in zip(cellules[1:], financeur.montants, strict=True):
                write(cellule, montant, right=True)
        _charts_as_tables(document, suivi.graphiques_financements)
    else:
        _paragraph(document, "Aucun financement.", italic=True)
    _titre(document, "Dépenses réalisées et prévues par année", 1)
    if suivi.annees:
        _caption(document, "Dépenses prévues (échéanciers) et réalisées, par année")
        largeurs = _largeurs(largeur, [Mm(30), None, None])
        table = data_table(document, ["Année", "Prévu", "Réalisé"], largeurs, right=(1, 2))
        for annee in suivi.annees:
            cellules = ligne(table, largeurs).cells
            write(cellules[0], str(annee.annee), bold=True)
            write(cellules[1], annee.prevu, right=True)
            write(cellules[2], annee.realise, right=True)
        _charts_as_tables(document, suivi.graphiques_realise)
    else:
        _paragraph(document, "Aucun échéancier ni dépense réalisée n'est renseigné.", italic=True)


def _charts_as_tables(document: Document, graphiques: Sequence[Chart]) -> None:
    """Les séries des graphiques HTML, une base à la fois, en tableau (lecture d'écran, Word)."""
    largeurs = _largeurs(usable_width(document.sections[0]), [None, Mm(50)])
    for graphique in graphiques:
        _caption(document, graphique.titre)
        table = data_table(document, ["Série", "Montant"], largeurs, right=(1,))
        for barre in graphique.barres:
            cellules = ligne(table, largeurs).cells
            write(cellules[0], barre.libelle)
            write(cellules[1], barre.texte, right=True)
