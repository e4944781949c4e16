"""Le rendu DOCX des annexes de suivi (bilan, rapport-suivi) : mêmes chiffres que HTML et Markdown.

Mêmes styles que les autres annexes (titres « Heading », tableaux à en-tête répété, montants à
droite). Les graphiques de la version HTML sont donnés ici par leurs tableaux de montants, par base.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from docx.document import Document
from docx.shared import Mm

from acvkit.annexes.context import Annexes
from acvkit.annexes.docx_blocks import (
    LEGENDE,
    PUCE,
)
from acvkit.annexes.docx_blocks import (
    largeurs_colonnes as _largeurs,
)
from acvkit.annexes.docx_blocks import (
    paragraphe_docx as _paragraphe,
)
from acvkit.annexes.docx_blocks import (
    titre_docx as _titre,
)
from acvkit.annexes.docx_document import document_annexe
from acvkit.annexes.docx_helpers import (
    ecrire,
    largeur_utile,
    ligne,
    paragraphe_cellule,
    tableau,
)
from acvkit.annexes.formats import RenderInput
from acvkit.annexes.suivi_context import (
    ANNEXES_SUIVI,
    AnnexesSuivi,
    FicheRapport,
    Graphique,
    suivi_de,
)


def render_docx_suivi(inp: RenderInput) -> dict[str, bytes]:
    """{"docx/bilan.docx": …, "docx/rapport-suivi.docx": …}, ou rien sans suivi."""
    suivi = suivi_de(inp)
    if suivi is None:
        return {}
    rendus = {"bilan": _bilan, "rapport-suivi": _rapport}
    return {
        f"docx/{slug}.docx": _document(titre, inp.annexes, suivi, rendus[slug])
        for slug, titre in ANNEXES_SUIVI
    }


def _document(
    titre: str,
    annexes: Annexes,
    suivi: AnnexesSuivi,
    rendu: Callable[[Document, AnnexesSuivi], None],
) -> bytes:
    # Chaque tableau du suivi suit sa légende : elle devient son titre pour les lecteurs d'écran.
    return document_annexe(
        titre, annexes, lambda document: rendu(document, suivi), paysage=True, legendes=True
    )


def _legende(document: Document, texte: str) -> None:
    _paragraphe(document, texte, style=LEGENDE)


def _bilan(document: Document, suivi: AnnexesSuivi) -> None:
    largeur = largeur_utile(document.sections[0])
    _paragraphe(
        document,
        f"État d'avancement des actions au {suivi.date}, par collectivité porteuse. Les totaux "
        "additionnent les montants chiffrés d'une même base (HT, TTC, base non précisée) : des "
        "bases différentes ne sont jamais additionnées.",
    )
    _legende(document, f"Synthèse de l'avancement au {suivi.date}")
    largeurs = _largeurs(largeur, [Mm(70), Mm(35), None])
    table = tableau(
        document,
        ["Avancement", "Nombre d'actions", "Coût prévisionnel chiffré"],
        largeurs,
        droite=(1, 2),
    )
    for synthese in suivi.synthese:
        cellules = ligne(table, largeurs).cells
        ecrire(cellules[0], synthese.libelle, gras=True)
        ecrire(cellules[1], str(synthese.nombre), droite=True)
        ecrire(cellules[2], synthese.total.texte, droite=True)
    largeurs = _largeurs(largeur, [Mm(18), None, Mm(55), Mm(80)])
    for groupe in suivi.bilan:
        _titre(document, groupe.collectivite, 1)
        for categorie in groupe.categories:
            _titre(document, categorie.libelle, 2)
            _legende(
                document,
                f"{categorie.libelle} – {groupe.collectivite} : {len(categorie.lignes)} action(s)",
            )
            table = tableau(
                document,
                ["Fiche", "Intitulé de l'action", "Coût prévisionnel", "Dernier point de suivi"],
                largeurs,
                droite=(2,),
            )
            for fiche in categorie.lignes:
                cellules = ligne(table, largeurs).cells
                ecrire(cellules[0], f"FA {fiche.numero}")
                ecrire(cellules[1], fiche.titre)
                ecrire(cellules[2], fiche.cout, droite=True)
                ecrire(cellules[3], fiche.note or "–")
            _paragraphe(document, f"Total des coûts chiffrés : {categorie.total.texte}")


def _alertes(document: Document, fiches: Sequence[FicheRapport], legende: str) -> None:
    if not fiches:
        _paragraphe(document, "Aucune.", italique=True)
        return
    largeurs = _largeurs(largeur_utile(document.sections[0]), [Mm(18), None, Mm(45), Mm(40)])
    _legende(document, legende)
    table = tableau(document, ["Fiche", "Intitulé", "Statut", "Dernier suivi"], largeurs)
    for fiche in fiches:
        cellules = ligne(table, largeurs).cells
        ecrire(cellules[0], f"FA {fiche.numero}")
        ecrire(cellules[1], fiche.titre)
        ecrire(cellules[2], fiche.statut)
        ecrire(cellules[3], fiche.date or "–")


def _rapport(document: Document, suivi: AnnexesSuivi) -> None:
    largeur = largeur_utile(document.sections[0])
    situation = f"Situation au {suivi.date}."
    if not suivi.a_suivi:
        situation += " Aucun suivi enregistré : aucune fiche n'a de journal de suivi."
    _paragraphe(document, situation)
    _titre(document, "Fiches en retard", 1)
    _paragraphe(
        document,
        "Fiches dont la période de livraison est passée et qui ne sont ni livrées ni abandonnées. "
        "Une fiche sans statut n'est jamais dite en retard.",
    )
    _alertes(document, suivi.en_retard, f"Fiches en retard au {suivi.date}")
    _titre(document, f"Fiches sans suivi depuis plus de {suivi.delai_mois} mois", 1)
    if suivi.a_suivi:
        _alertes(document, suivi.sans_suivi_recent, f"Fiches sans suivi récent au {suivi.date}")
    else:
        _paragraphe(document, "Sans objet : le dossier ne tient pas encore de journal de suivi.")
    _titre(document, "Avancement de chaque fiche", 1)
    _legende(document, "Statut, dernière note et points de vigilance de chaque fiche")
    largeurs = _largeurs(largeur, [Mm(16), None, Mm(40), Mm(30), Mm(26), Mm(55), Mm(50)])
    table = tableau(
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
        ecrire(cellules[0], f"FA {fiche.numero}")
        ecrire(cellules[1], fiche.titre)
        ecrire(cellules[2], fiche.collectivite)
        ecrire(cellules[3], fiche.statut + (" (en retard)" if fiche.en_retard else ""))
        ecrire(cellules[4], fiche.date or "–")
        ecrire(cellules[5], fiche.note or "–")
        if fiche.vigilance:
            for point in fiche.vigilance:
                paragraphe_cellule(cellules[6], point, style=PUCE)
        else:
            ecrire(cellules[6], "–")
    _titre(document, "Financements : du prévu au versé", 1)
    if suivi.financeurs:
        _legende(
            document, "Montants prévus à l'avenant, demandés, attribués et versés, par financeur"
        )
        largeurs = _largeurs(largeur, [None, *([Mm(45)] * len(suivi.etapes))])
        table = tableau(
            document,
            ["Financeur", *suivi.etapes],
            largeurs,
            droite=tuple(range(1, len(suivi.etapes) + 1)),
        )
        for financeur in suivi.financeurs:
            cellules = ligne(table, largeurs).cells
            nom = financeur.nom
            if financeur.refuses:
                nom += " (refus : " + ", ".join(f"FA {n}" for n in financeur.refuses) + ")"
            ecrire(cellules[0], nom, gras=True)
            for cellule, montant in zip(cellules[1:], financeur.montants, strict=True):
                ecrire(cellule, montant, droite=True)
        _graphiques_en_tableaux(document, suivi.graphiques_financements)
    else:
        _paragraphe(document, "Aucun financement.", italique=True)
    _titre(document, "Dépenses réalisées et prévues par année", 1)
    if suivi.annees:
        _legende(document, "Dépenses prévues (échéanciers) et réalisées, par année")
        largeurs = _largeurs(largeur, [Mm(30), None, None])
        table = tableau(document, ["Année", "Prévu", "Réalisé"], largeurs, droite=(1, 2))
        for annee in suivi.annees:
            cellules = ligne(table, largeurs).cells
            ecrire(cellules[0], str(annee.annee), gras=True)
            ecrire(cellules[1], annee.prevu, droite=True)
            ecrire(cellules[2], annee.realise, droite=True)
        _graphiques_en_tableaux(document, suivi.graphiques_realise)
    else:
        _paragraphe(
            document, "Aucun échéancier ni dépense réalisée n'est renseigné.", italique=True
        )


def _graphiques_en_tableaux(document: Document, graphiques: Sequence[Graphique]) -> None:
    """Les séries des graphiques HTML, une base à la fois, en tableau (lecture d'écran, Word)."""
    largeurs = _largeurs(largeur_utile(document.sections[0]), [None, Mm(50)])
    for graphique in graphiques:
        _legende(document, graphique.titre)
        table = tableau(document, ["Série", "Montant"], largeurs, droite=(1,))
        for barre in graphique.barres:
            cellules = ligne(table, largeurs).cells
            ecrire(cellules[0], barre.libelle)
            ecrire(cellules[1], barre.texte, droite=True)
