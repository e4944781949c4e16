"""`acv import` : relire le tableur ANCT corrigé par un partenaire et reporter ses changements dans les fiches."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from acvkit.anct.columns import ColonnesAnct
from acvkit.anct.export_xlsx import ENTETES_FINANCEMENTS
from acvkit.anct.import_suivi import (
    CHAMPS_SUIVI,
    affiche,
    colonne_actions,
    colonnes_financement,
    valeur_yaml,
)
from acvkit.errors import ImportRefused as ImportRefused
from acvkit.indicateurs.tableur import ChangementIndicateur
from acvkit.indicateurs.tableur import textes as textes_indicateurs
from acvkit.loading.dataset import Dataset, Entry
from acvkit.loading.yamlfile import parse_text
from acvkit.models import Fiche
from acvkit.money import format_euros
from acvkit.writing import atomic_write_text
from acvkit.yamlwrite import dump_rt, load_rt

ImportError_ = ImportRefused  # ancien nom, gardé pour les imports existants

# Champs de la fiche qu'une colonne de « Actions » peut modifier (texte simple, sans calcul).
CHAMPS_TEXTE = {"titre", "description", "lancement", "livraison", "sous_axe"}


@dataclass(frozen=True)
class Probleme:
    feuille: str
    ligne: int
    colonne: str
    message: str

    def __str__(self) -> str:
        return f"{self.feuille}, ligne {self.ligne}, colonne « {self.colonne} » : {self.message}"


@dataclass(frozen=True)
class Changement:
    entry: Entry[Fiche]
    chemin: tuple[str | int, ...]
    avant: Any
    apres: Any

    def __str__(self) -> str:
        champ = ".".join(str(p) for p in self.chemin)
        if self.chemin[0] == "financements" and isinstance(self.chemin[1], int):
            financeur = (self.entry.model.financements or [])[self.chemin[1]].financeur
            champ = f"financement de {financeur} · {self.chemin[2]}"
        return f"{self.entry.doc.path} · FA {self.entry.model.numero} · {champ} : {_affiche(self.avant)} → {_affiche(self.apres)}"


@dataclass
class Resultat:
    changements: list[Changement | ChangementIndicateur] = field(default_factory=list)
    problemes: list[Probleme] = field(default_factory=list)
    ignores: list[str] = field(default_factory=list)


def _affiche(valeur: Any) -> str:
    if valeur is None:
        return "(vide)"
    if isinstance(valeur, Decimal):
        return format_euros(valeur)
    return affiche(valeur) or f"« {valeur} »"


def _montant(valeur: Any) -> Decimal | None:
    """Un montant de cellule : nombre, ou texte « 1 712 934,50 € » ; ValueError sinon."""
    if valeur is None or valeur == "":
        return None
    if isinstance(valeur, bool):
        raise ValueError("un montant est attendu")
    if isinstance(valeur, int):
        return Decimal(valeur)
    if isinstance(valeur, float):
        montant = Decimal(repr(valeur))
    else:
        texte = (
            str(valeur)
            .replace("\u202f", "")
            .replace("\u00a0", "")
            .replace(" ", "")
            .replace("€", "")
        )
        try:
            montant = Decimal(texte.replace(",", "."))
        except InvalidOperation as exc:
            raise ValueError(f"« {valeur} » n'est pas un montant") from exc
    if not montant.is_finite() or montant < 0:
        raise ValueError(f"« {valeur} » n'est pas un montant positif")
    if montant != montant.quantize(Decimal("0.01")):
        raise ValueError(f"« {valeur} » a plus de deux décimales")
    return montant


def _texte(valeur: Any) -> str | None:
    if valeur is None:
        return None
    return str(valeur)


def _entetes(ws: Any) -> dict[str, int]:
    return {str(c.value).strip(): c.column for c in ws[1] if c.value is not None}


def read_workbook(path: Path, data: Dataset, colonnes: ColonnesAnct) -> Resultat:
    """Compare le tableur aux fiches : changements champ par champ et cellules illisibles."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = load_workbook(path, data_only=True, read_only=False)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, InvalidFileException) as exc:
        raise ImportRefused(f"« {path} » n'est pas un classeur Excel lisible ({exc})") from exc
    resultat = Resultat()
    fiches = {e.model.numero: e for e in data.fiches}
    for feuille in ("Actions", "Financements"):
        if feuille not in wb.sheetnames:
            raise ImportRefused(
                f"« {path} » n'a pas de feuille « {feuille} » : est-ce un tableur produit par acv build ?"
            )
    _actions(wb["Actions"], fiches, colonnes, resultat)
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
    valeur = ws.cell(ligne, colonne).value
    if isinstance(valeur, float) and valeur.is_integer():
        valeur = int(valeur)
    if not isinstance(valeur, int) or isinstance(valeur, bool):
        resultat.problemes.append(
            Probleme(feuille, ligne, "N° fiche", f"numéro illisible « {valeur} »")
        )
        return None
    return valeur


def _actions(
    ws: Any, fiches: dict[int, Entry[Fiche]], colonnes: ColonnesAnct, resultat: Resultat
) -> None:
    entetes = _entetes(ws)
    numero_col = next((c for c in colonnes.colonnes if c.champ == "fiche.numero"), None)
    if numero_col is None or numero_col.entete not in entetes:
        raise ImportRefused("feuille « Actions » : pas de colonne du numéro de fiche")
    for ligne in range(2, ws.max_row + 1):
        if all(c.value in (None, "") for c in ws[ligne]):
            continue
        numero = _numero(ws, ligne, entetes[numero_col.entete], "Actions", resultat)
        if numero is None:
            continue
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
            cellule = ws.cell(ligne, entetes[colonne.entete]).value
            _colonne(entry, colonne.champ, colonne.entete, cellule, ligne, resultat)


def _colonne(
    entry: Entry[Fiche], champ: str, entete: str, cellule: Any, ligne: int, resultat: Resultat
) -> None:
    fiche = entry.model
    racine, _, nom = champ.partition(".")
    if racine == "fiche" and nom in CHAMPS_TEXTE:
        actuel = getattr(fiche, nom)
        actuel_texte = None if actuel is None else str(actuel)
        nouveau = _texte(cellule)
        if nouveau != actuel_texte and not (nouveau in (None, "") and actuel_texte in (None, "")):
            resultat.changements.append(Changement(entry, (nom,), actuel_texte, nouveau))
    elif champ in CHAMPS_SUIVI:  # statut, réalisé (importing_suivi.py)
        colonne_actions(entry, champ, entete, cellule, ligne, resultat)
    elif champ == "calcul.cout_total":
        try:
            nouveau_montant = _montant(cellule)
        except ValueError as exc:
            resultat.problemes.append(Probleme("Actions", ligne, entete, str(exc)))
            return
        total = fiche.cout.total if fiche.cout is not None else None
        if total is not None:
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
    for ligne in range(2, ws.max_row + 1):
        if all(c.value in (None, "") for c in ws[ligne]):
            continue
        numero = _numero(ws, ligne, entetes[noms[0]], "Financements", resultat)
        if numero is None:
            continue
        entry = fiches.get(numero)
        financeur = _texte(ws.cell(ligne, entetes[noms[2]]).value)
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
            montant = _montant(ws.cell(ligne, entetes[noms[4]]).value)
        except ValueError as exc:
            resultat.problemes.append(Probleme("Financements", ligne, noms[4], str(exc)))
            continue
        actuel = (entry.model.financements or [])[index].montant
        if montant != actuel:
            resultat.changements.append(
                Changement(entry, ("financements", index, "montant"), actuel, montant)
            )


def _set(node: Any, chemin: tuple[str | int, ...], valeur: Any) -> None:
    for part in chemin[:-1]:
        node = node[part]
    last = chemin[-1]
    if valeur is None:
        if isinstance(last, str) and last in node:
            del node[last]
    else:
        node[last] = valeur


def _set_plain(node: Any, chemin: tuple[str | int, ...], valeur: Any) -> None:
    for part in chemin[:-1]:
        node = node[part]
    node[chemin[-1]] = valeur


def _yaml_value(valeur: Any) -> Any:
    if isinstance(valeur, Decimal):
        return (
            int(valeur)
            if valeur == valeur.to_integral_value()
            else valeur.quantize(Decimal("0.01"))
        )
    return valeur_yaml(valeur)  # énumérations, listes du suivi (importing_suivi.py)


def apply(resultat: Resultat) -> list[Path]:
    """Écrit les changements dans les fichiers YAML (commentaires et mise en page gardés).

    Chaque fichier est relu après modification : s'il ne donne pas exactement la fiche attendue,
    rien n'est écrit.
    """
    par_fichier: dict[str, list[Changement]] = {}
    for changement in resultat.changements:
        if isinstance(changement, Changement):
            par_fichier.setdefault(changement.entry.doc.path, []).append(changement)
    try:
        textes: dict[Path, str] = textes_indicateurs(
            [c for c in resultat.changements if isinstance(c, ChangementIndicateur)]
        )
    except ValueError as exc:
        raise ImportError_(str(exc)) from exc
    for path, changements in par_fichier.items():
        entry = changements[0].entry
        data = load_rt(entry.doc.text)
        # Comparaison en Python : les montants restent des Decimal, comparés exactement.
        attendu = entry.model.model_dump()
        for c in changements:
            _set(data, c.chemin, _yaml_value(c.apres))
            _set_plain(attendu, c.chemin, c.apres)
        texte = dump_rt(data)
        relu = Fiche.model_validate(parse_text(path, texte.encode("utf-8")).data).model_dump()
        if relu != attendu:
            raise ImportRefused(
                f"{path} : la modification ne se relit pas à l'identique ; rien n'est écrit"
            )
        textes[Path(path)] = texte
    for target, contenu in textes.items():
        atomic_write_text(target, contenu)
    return sorted(textes)
