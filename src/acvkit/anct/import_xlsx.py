"""`acv import` : relire le tableur ANCT corrigé par un partenaire et reporter ses changements dans les fiches."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from acvkit.anct.columns import Colonne, ColonnesAnct
from acvkit.anct.columns import valeur as valeur_exportee
from acvkit.anct.computed import Contexte
from acvkit.anct.export_xlsx import ENTETES_FINANCEMENTS
from acvkit.anct.import_cells import cellule as _cellule
from acvkit.anct.import_cells import montant as _montant
from acvkit.anct.import_cells import texte as _texte
from acvkit.anct.import_model import Changement, ImportRefused, Probleme, Resultat
from acvkit.anct.import_model import affiche_valeur as _affiche
from acvkit.anct.import_suivi import (
    CHAMPS_SUIVI,
    colonne_actions,
    colonnes_financement,
)
from acvkit.indicateurs.tableur import FEUILLE as FEUILLE_INDICATEURS
from acvkit.loading.dataset import Dataset, Entry
from acvkit.models import Fiche

# Les colonnes importées : champ de la colonne (templates/anct/colonnes.yaml) → champ de la fiche.
# Une colonne calculée à partir d'un seul champ (description, dates) est reportée dans ce champ ;
# toute autre colonne est exportée seulement. Une colonne ajoutée au tableur (par exemple un
# statut) s'importe en l'ajoutant ici.
IMPORTEES: dict[str, str] = {
    "fiche.titre": "titre",
    "fiche.sous_axe": "sous_axe",
    "fiche.description": "description",
    "calcul.description": "description",
    "fiche.lancement": "lancement",
    "calcul.lancement": "lancement",
    "fiche.livraison": "livraison",
    "calcul.livraison": "livraison",
}
COUT = {"calcul.cout_total", "fiche.cout.total"}


def _entetes(ws: Any) -> dict[str, int]:
    return {str(c.value).strip(): c.column for c in ws[1] if c.value is not None}


def read_workbook(path: Path, data: Dataset, colonnes: ColonnesAnct) -> Resultat:
    """Compare le tableur aux fiches : changements champ par champ et cellules illisibles."""
    from acvkit.anct.import_limits import ClasseurError, ouvrir_classeur

    try:
        wb = ouvrir_classeur(path, ("Actions", "Financements", FEUILLE_INDICATEURS))
    except (ClasseurError, OSError) as exc:
        raise ImportRefused(str(exc)) from exc
    resultat = Resultat()
    fiches = {e.model.numero: e for e in data.fiches}
    for feuille in ("Actions", "Financements"):
        if feuille not in wb.sheetnames:
            raise ImportRefused(
                f"« {path} » n'a pas de feuille « {feuille} » : est-ce un tableur produit par acv build ?"
            )
    _actions(wb["Actions"], fiches, colonnes, Contexte.of(data), resultat)
    _financements(wb["Financements"], fiches, resultat)
    _indicateurs(wb, data, resultat)
    return resultat


def read_workbook_file(fichier: Path, data: Dataset, templates: Path) -> Resultat:
    """Le tableur `fichier` comparé aux fiches, avec les colonnes du dossier de gabarits."""
    from acvkit.anct.columns import load_colonnes
    from acvkit.errors import UsageError

    if not fichier.is_file():
        raise UsageError(f"le tableur « {fichier} » n'existe pas")
    return read_workbook(fichier, data, load_colonnes(templates / "anct" / "colonnes.yaml"))


def check_result(resultat: Resultat, data_dir: Path, config: Any) -> list[str]:
    """Les erreurs qu'aurait le dossier une fois l'import écrit (linter complet, rien d'écrit)."""
    from acvkit.anct.import_texts import nouveaux_textes
    from acvkit.anct.import_write import verifier

    return verifier(data_dir, nouveaux_textes(resultat), config)


def _indicateurs(wb: Any, data: Dataset, resultat: Resultat) -> None:
    """La feuille « Indicateurs » (absente des tableurs plus anciens) : valeurs, cibles, référence."""
    from acvkit.indicateurs.tableur import FEUILLE, relire

    if FEUILLE not in wb.sheetnames:
        return
    relu = relire(wb[FEUILLE], data)
    resultat.changements.extend(relu.changements)
    resultat.problemes.extend(
        Probleme(FEUILLE, ligne, col, msg) for ligne, col, msg in relu.problemes
    )
    resultat.ignores.extend(relu.ignores)


def _numero(ws: Any, ligne: int, colonne: int, feuille: str, resultat: Resultat) -> int | None:
    try:
        valeur = _cellule(ws.cell(ligne, colonne))
    except ValueError as exc:
        resultat.problemes.append(Probleme(feuille, ligne, "N° fiche", str(exc)))
        return None
    if isinstance(valeur, float) and valeur.is_integer():
        valeur = int(valeur)
    if not isinstance(valeur, int) or isinstance(valeur, bool):
        resultat.problemes.append(
            Probleme(feuille, ligne, "N° fiche", f"numéro illisible « {valeur} »")
        )
        return None
    return valeur


def _lignes_remplies(ws: Any) -> list[int]:
    """Les lignes (après l'en-tête) qui ont au moins une valeur (anct/import_sheet.py).

    Ni `ws[ligne]` ligne à ligne : en mode complet, openpyxl y recalcule la dernière colonne en
    parcourant toute la feuille, et l'import devenait quadratique (10 000 actions : des minutes).
    """
    lignes: list[int] = ws.lignes_remplies(2)
    return lignes


def _actions(
    ws: Any,
    fiches: dict[int, Entry[Fiche]],
    colonnes: ColonnesAnct,
    ctx: Contexte,
    resultat: Resultat,
) -> None:
    entetes = _entetes(ws)
    numero_col = next((c for c in colonnes.colonnes if c.champ == "fiche.numero"), None)
    if numero_col is None or numero_col.entete not in entetes:
        raise ImportRefused("feuille « Actions » : pas de colonne du numéro de fiche")
    vues: dict[int, int] = {}
    for ligne in _lignes_remplies(ws):
        numero = _numero(ws, ligne, entetes[numero_col.entete], "Actions", resultat)
        if numero is None:
            continue
        if numero in vues:
            resultat.problemes.append(
                Probleme(
                    "Actions",
                    ligne,
                    numero_col.entete,
                    f"FA {numero} en double (déjà ligne {vues[numero]}) : gardez une seule ligne",
                )
            )
            continue
        vues[numero] = ligne
        entry = fiches.get(numero)
        if entry is None:
            resultat.problemes.append(
                Probleme(
                    "Actions",
                    ligne,
                    numero_col.entete,
                    f"aucune fiche FA {numero} dans les données",
                )
            )
            continue
        for colonne in colonnes.colonnes:
            if colonne.entete not in entetes:
                continue
            if colonne.champ not in IMPORTEES and colonne.champ not in COUT | CHAMPS_SUIVI:
                continue
            try:
                cellule = _cellule(ws.cell(ligne, entetes[colonne.entete]))
                _colonne(entry, colonne, cellule, ctx, ligne, resultat)
            except ValueError as exc:
                resultat.problemes.append(Probleme("Actions", ligne, colonne.entete, str(exc)))


def _colonne(
    entry: Entry[Fiche],
    colonne: Colonne,
    cellule: Any,
    ctx: Contexte,
    ligne: int,
    resultat: Resultat,
) -> None:
    fiche = entry.model
    if colonne.champ in COUT:
        _cout(entry, colonne, cellule, ligne, resultat)
        return
    if colonne.champ in CHAMPS_SUIVI:  # statut, réalisé (import_suivi.py)
        colonne_actions(entry, colonne.champ, colonne.entete, cellule, ligne, resultat)
        return
    nom = IMPORTEES[colonne.champ]
    exporte = valeur_exportee(colonne, fiche, ctx)
    exporte_texte = None if exporte is None else str(exporte)
    nouveau = _texte(cellule)
    if nouveau == exporte_texte:
        return  # la cellule dit ce que l'export a écrit : rien ne change
    actuel = entry.doc.data.get(nom) if isinstance(entry.doc.data, dict) else getattr(fiche, nom)
    if nouveau is None:
        raise ValueError(
            "cellule vidée : la fiche a une valeur, qui n'est pas effacée ; "
            "videz-la dans le fichier YAML si c'est voulu"
        )
    if actuel is not None and not isinstance(actuel, str):
        raise ValueError(
            f"« {nom} » est écrit par phases ou en liste dans la fiche : corrigez le fichier YAML"
        )
    if actuel is None and exporte_texte is not None:
        raise ValueError(
            f"la fiche n'a pas de « {nom} » mais une note à sa place : corrigez le fichier YAML"
        )
    resultat.changements.append(Changement(entry, (nom,), actuel, nouveau))


def _cout(
    entry: Entry[Fiche], colonne: Colonne, cellule: Any, ligne: int, resultat: Resultat
) -> None:
    fiche = entry.model
    nouveau_montant = _montant(cellule)
    total = fiche.cout.total if fiche.cout is not None else None
    if total is not None:
        if nouveau_montant is None:
            raise ValueError(
                "cellule vidée : le total de la fiche n'est pas effacé ; "
                "retirez-le du fichier YAML si c'est voulu"
            )
        if nouveau_montant != total:
            resultat.changements.append(
                Changement(entry, ("cout", "total"), total, nouveau_montant)
            )
    elif nouveau_montant is not None:
        from acvkit.costs.fiche import cout_fiche

        if cout_fiche(fiche).montant != nouveau_montant:
            resultat.ignores.append(
                f"FA {fiche.numero} : le coût ({_affiche(nouveau_montant)}) n'est pas un total déclaré "
                "dans la fiche (postes ou « A déterminer ») ; corrigez le fichier YAML à la main"
            )


def _financements(ws: Any, fiches: dict[int, Entry[Fiche]], resultat: Resultat) -> None:
    entetes = _entetes(ws)
    noms = [e for e, _ in ENTETES_FINANCEMENTS]
    manquantes = [n for n in (noms[0], noms[2], noms[4]) if n not in entetes]
    if manquantes:
        raise ImportRefused(
            f"feuille « Financements » : colonnes absentes : {', '.join(manquantes)}"
        )
    vues: dict[tuple[int, str | None], int] = {}
    for ligne in _lignes_remplies(ws):
        numero = _numero(ws, ligne, entetes[noms[0]], "Financements", resultat)
        if numero is None:
            continue
        try:
            financeur = _texte(_cellule(ws.cell(ligne, entetes[noms[2]])))
        except ValueError as exc:
            resultat.problemes.append(Probleme("Financements", ligne, noms[2], str(exc)))
            continue
        if (numero, financeur) in vues:
            resultat.problemes.append(
                Probleme(
                    "Financements",
                    ligne,
                    noms[2],
                    f"FA {numero} × {financeur} en double (déjà ligne "
                    f"{vues[(numero, financeur)]}) : gardez une seule ligne",
                )
            )
            continue
        vues[(numero, financeur)] = ligne
        entry = fiches.get(numero)
        if entry is None:
            resultat.problemes.append(
                Probleme(
                    "Financements", ligne, noms[0], f"aucune fiche FA {numero} dans les données"
                )
            )
            continue
        index = next(
            (i for i, f in enumerate(entry.model.financements or []) if f.financeur == financeur),
            None,
        )
        if index is None:
            resultat.problemes.append(
                Probleme(
                    "Financements",
                    ligne,
                    noms[2],
                    f"« {financeur} » ne finance pas FA {numero} : ajoutez ce financeur dans le fichier YAML",
                )
            )
            continue
        colonnes_financement(ws, ligne, entetes, entry, index, resultat)  # vie du financement
        try:
            montant = _montant(_cellule(ws.cell(ligne, entetes[noms[4]])))
        except ValueError as exc:
            resultat.problemes.append(Probleme("Financements", ligne, noms[4], str(exc)))
            continue
        actuel = (entry.model.financements or [])[index].montant
        if montant is None and actuel is not None:
            resultat.problemes.append(
                Probleme(
                    "Financements",
                    ligne,
                    noms[4],
                    "cellule vidée : le montant de la fiche n'est pas effacé ; "
                    "retirez-le du fichier YAML si c'est voulu",
                )
            )
            continue
        if montant != actuel:
            resultat.changements.append(
                Changement(entry, ("financements", index, "montant"), actuel, montant)
            )


def apply(resultat: Resultat, data_dir: Path, config: Any) -> list[Path]:
    """Vérifie le résultat par le linter complet, puis écrit tous les fichiers modifiés, ou aucun.

    ImportRefused si le résultat aurait une erreur (rien n'est écrit) ou si l'écriture échoue
    (les fichiers déjà remplacés sont remis dans leur état d'avant).
    """
    from acvkit.anct.import_texts import nouveaux_textes
    from acvkit.anct.import_write import EcritureError, ecrire_tout, verifier

    textes = nouveaux_textes(resultat)
    erreurs = verifier(data_dir, textes, config)
    if erreurs:
        raise ImportRefused(
            "le résultat de l'import aurait des erreurs ; rien n'est écrit :\n" + "\n".join(erreurs)
        )
    try:
        ecrire_tout(textes)
    except EcritureError as exc:
        raise ImportRefused(str(exc)) from exc
    return sorted(textes)
