"""La feuille « Lisez-moi » du tableur ANCT, la première : ce qu'est le classeur, d'où viennent
ses données, ce que porte chaque feuille et comment le réimporter.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment

from acvkit.anct.columns import Value
from acvkit.anct.export.cells import HEADER_FONT, TITRE_FONT, TOP
from acvkit.anct.export.cells import largeurs_colonnes as _largeurs
from acvkit.anct.export.cells import write as _write
from acvkit.annexes.formats import RenderInput
from acvkit.costs.glossary import TERMS
from acvkit.models import Fiche, Programme
from acvkit.models.document import NatureDocument


def write_readme(
    wb: Workbook, inp: RenderInput, programme: Programme, fiches: list[Fiche], financements: int
) -> None:
    ws = wb.create_sheet("Lisez-moi")
    annexes = inp.entete  # l'en-tête seul : le tableur n'attend pas le contenu des annexes
    quantified = sum(1 for f in fiches for x in f.financements or [] if x.montant is not None)
    document = programme.structure()
    reference = document.partie("suivi").reference  # « article 4 »
    suivi = f" ({reference} {document.of_document})" if reference else ""
    document_row: tuple[str, Value] = (
        ("Avenant", f"n°{programme.avenant}")
        if document.nature is NatureDocument.AVENANT and programme.avenant
        else ("Document", document.titre)
    )
    lines: list[tuple[str, Value]] = [
        ("Plan d'action Action Cœur de Ville", None),
        (
            "Objet",
            "Tableau à déposer sur la plateforme de recensement des plans d'action ACV "
            f"de l'ANCT{suivi}.",
        ),
        ("Source", programme.intitule),
        ("Programme", programme.programme),
        document_row,
        ("Identifiant ANCT", programme.id_anct),
        ("Territoire", annexes.territoire or None),
        ("Période du programme", f"{programme.periode} ({annexes.periode})"),
        ("Données (commit)", inp.commit or "hors git"),
        ("Généré le", annexes.genere_le),
        ("Nombre de fiches action", len(fiches)),
        ("Nombre de financements", financements),
        ("dont avec un montant", quantified),
        ("Feuilles", None),
        (
            "Actions",
            "Une ligne par fiche action, triées par numéro ; colonnes décrites dans "
            "templates/anct/colonnes.yaml.",
        ),
        (
            "Financements",
            "Une ligne par fiche et par financeur ; montant vide quand le document "
            "nomme le financeur sans montant.",
        ),
        (
            "Synthèse",
            "Coûts par axe et par collectivité, HT, TTC et base non précisée séparés ; "
            "engagements par financeur.",
        ),
        ("Référentiel", "Axes et sous-axes du plan d'action."),
        (
            "Indicateurs",
            "Une ligne par chiffre d'un indicateur d'évaluation : référence, cible ou valeur "
            "observée ; une ligne ajoutée (nature, année, valeur) est reprise par acv import.",
        ),
        (
            "Montants",
            "Des nombres en euros, exacts au centime. Coût vide : « à déterminer » ou "
            "« non renseigné » (colonne « État du coût ») ; reste à charge vide : non "
            "déterminable (coût à déterminer ou partiel, partenaire nommé sans montant, "
            "financements à déterminer, bases différentes). Un montant sans base écrite est "
            "compté dans la base du coût (« base : celle du coût »). Une cellule vide n'est "
            "jamais un zéro.",
        ),
        ("Mots de l'argent", None),
        *((t.libelle, t.definition) for t in TERMS),
        ("Réimporter", "acv import FICHIER.xlsx --data data, puis --write pour écrire"),
    ]
    for line, (key, v) in enumerate(lines, start=1):
        titre = _write(ws, line, 1, key, "Lisez-moi")
        titre.font = (
            TITRE_FONT if line == 1 or key in ("Feuilles", "Mots de l'argent") else HEADER_FONT
        )
        titre.alignment = TOP
        cell = _write(ws, line, 2, v, f"Lisez-moi, {key}", "@" if isinstance(v, str) else "0")
        cell.alignment = Alignment(vertical="top", wrap_text=True, horizontal="left")
    _largeurs(ws, [26, 100])
