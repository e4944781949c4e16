"""La feuille « Indicateurs » du tableur ANCT : écrite par acv build, relue par acv import.

Une ligne par chiffre : la référence, chaque cible, chaque valeur observée d'un indicateur.
À la relecture, une valeur modifiée, une cible ou une valeur ajoutée (nouvelle ligne) deviennent
des changements du fichier indicateurs/<id>.yaml ; une ligne retirée du tableur n'efface rien
(c'est dit). Une cellule illisible est un problème situé (feuille, ligne, colonne).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from acvkit.indicateurs.number_text import french_number
from acvkit.loading.dataset import Dataset, Entry
from acvkit.models import Indicateur, Mesure

SHEET = "Indicateurs"
REFERENCE, CIBLE, VALEUR = "référence", "cible", "valeur"
ENTETES: list[tuple[str, float]] = [
    ("Indicateur", 11),
    ("Intitulé", 45),
    ("Unité", 12),
    ("Nature", 11),
    ("Année", 8),
    ("Valeur", 14),
    ("Territoire", 20),
    ("Périmètre", 14),
    ("Source", 30),
    ("Commentaire", 30),
]
EMPTIED = (
    "cellule vidée : l'indicateur a une valeur, qui n'est pas effacée ; "
    "videz-la dans le fichier YAML si c'est voulu"
)
REQUIRED_HEADERS = ("Indicateur", "Nature", "Année", "Valeur")
VALEUR_FORMAT = "#,##0.######"

Row = list[tuple[Any, str]]  # (valeur, format de nombre) par colonne


def lignes(data: Dataset) -> list[Row]:
    """Les lignes de la feuille : par indicateur (dans l'ordre des identifiants), référence,
    cibles puis valeurs observées."""
    out: list[Row] = []
    for i in sorted((e.model for e in data.indicateurs), key=lambda i: i.id):
        head = [(i.id, "@"), (i.intitule, "@"), (i.unite, "@")]
        if i.reference is not None:
            r = i.reference
            out.append(
                [
                    *head,
                    (REFERENCE, "@"),
                    (r.annee, "0"),
                    (r.valeur, VALEUR_FORMAT),
                    (None, "@"),
                    (None, "@"),
                    (r.source, "@"),
                    (None, "@"),
                ]
            )
        for c in i.cibles:
            out.append(
                [*head, (CIBLE, "@"), (c.annee, "0"), (c.valeur, VALEUR_FORMAT)] + [(None, "@")] * 4
            )
        if i.reference is None and not i.cibles and not i.valeurs:
            # Une ligne à remplir : l'indicateur est nommé, nature, année et valeur sont vides.
            out.append(
                [*head] + [(None, "@"), (None, "0"), (None, VALEUR_FORMAT)] + [(None, "@")] * 4
            )
        for m in i.valeurs:
            out.append(
                [
                    *head,
                    (VALEUR, "@"),
                    (m.annee, "0"),
                    (m.valeur, VALEUR_FORMAT),
                    (m.territoire, "@"),
                    (m.perimetre.value if m.perimetre else None, "@"),
                    (m.source, "@"),
                    (m.commentaire, "@"),
                ]
            )
    return out


# --- Relecture ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicateurChange:
    """Un changement d'un fichier indicateurs/<id>.yaml lu dans la feuille « Indicateurs »."""

    entry: Entry[Indicateur]
    path: tuple[str | int, ...]
    avant: Any
    apres: Any
    ajout: bool = False  # `apres` est un élément à ajouter à la liste `chemin`

    def __str__(self) -> str:
        champ = ".".join(str(p) for p in self.path)
        if self.ajout:
            return f"{self.entry.doc.path} · {self.entry.model.id} · {champ} : ajout {_shown(self.apres)}"
        return (
            f"{self.entry.doc.path} · {self.entry.model.id} · {champ} : "
            f"{_shown(self.avant)} → {_shown(self.apres)}"
        )


def _shown(valeur: Any) -> str:
    if valeur is None:
        return "(vide)"
    if isinstance(valeur, Decimal):
        return french_number(valeur)
    if isinstance(valeur, dict):
        return (
            "{" + ", ".join(f"{k}: {_shown(v)}" for k, v in valeur.items() if v is not None) + "}"
        )
    if isinstance(valeur, int):
        return str(valeur)
    return f"« {valeur} »"


class UnreadableCell(ValueError):
    """Une cellule qui ne dit pas ce que sa colonne attend : message français."""


def _text(valeur: Any) -> str | None:
    if valeur is None or (isinstance(valeur, str) and not valeur.strip()):
        return None
    return str(valeur).strip()


def _annee(valeur: Any) -> int:
    if isinstance(valeur, float) and valeur.is_integer():
        valeur = int(valeur)
    if isinstance(valeur, str) and valeur.strip().isdigit():
        valeur = int(valeur.strip())
    if isinstance(valeur, bool) or not isinstance(valeur, int) or not 1900 <= valeur <= 2100:
        raise UnreadableCell(f"année illisible « {valeur} »")
    return valeur


def _number(valeur: Any) -> Decimal:
    """Un nombre de cellule : nombre, ou texte « 1 234,5 » ; jamais un flottant gardé tel quel."""
    if isinstance(valeur, bool) or valeur is None or valeur == "":
        raise UnreadableCell("valeur vide ou illisible : un nombre est attendu")
    if isinstance(valeur, int):
        return Decimal(valeur)
    if isinstance(valeur, float):
        nombre = Decimal(repr(valeur))  # l'écriture la plus courte du nombre de la cellule
    else:
        texte = str(valeur).replace("\u202f", "").replace("\u00a0", "").replace(" ", "")
        try:
            nombre = Decimal(texte.replace(",", "."))
        except InvalidOperation as exc:
            raise UnreadableCell(f"« {valeur} » n'est pas un nombre") from exc
    if not nombre.is_finite() or abs(nombre) >= 10**13:
        raise UnreadableCell(f"« {valeur} » n'est pas un nombre fini")
    return nombre


@dataclass
class ReadBack:
    changes: list[IndicateurChange]
    problems: list[tuple[int, str, str]]  # (ligne, colonne, message)
    ignores: list[str]


def _mesure_dict(m: Mesure) -> dict[str, Any]:
    return {k: v for k, v in m.model_dump(mode="python").items() if v is not None}


def read_back(ws: Any, data: Dataset, cell: Callable[[Any], Any]) -> ReadBack:
    """Compare la feuille aux indicateurs : changements, cellules illisibles, lignes ignorées.

    `cell` : le lecteur de cellule de l'import (anct/importing/cells.cell : formule, valeur
    d'erreur, texte démesuré refusés), le même pour chaque colonne.
    """
    from acvkit.models.mesure import Perimetre

    resultat = ReadBack([], [], [])
    entetes = {str(c.value).strip(): c.column for c in ws[1] if c.value is not None}
    missing = [n for n in REQUIRED_HEADERS if n not in entetes]
    if missing:
        resultat.problems.append((1, missing[0], "colonne absente : " + ", ".join(missing)))
        return resultat
    indicateurs = {e.model.id: e for e in data.indicateurs}
    seen: dict[tuple[str, str, int, str | None, str | None], int] = {}
    unites: set[str] = set()  # l'unité d'un indicateur n'est reprise qu'une fois
    row: dict[str, Any] = {}

    def cellule(ligne: int, nom: str) -> Any:
        return row.get(nom)

    for ligne in range(2, ws.max_row + 1):
        if all(c.value in (None, "") for c in ws[ligne]):
            continue
        try:
            row = {}
            for nom, column in entetes.items():
                bad = nom
                row[nom] = cell(ws.cell(ligne, column))
        except ValueError as exc:
            resultat.problems.append((ligne, bad, str(exc)))
            continue
        if all(_text(cellule(ligne, n)) is None for n in ("Nature", "Année", "Valeur")):
            continue  # ligne à remplir, restée vide
        ident = _text(cellule(ligne, "Indicateur"))
        entry = indicateurs.get(ident or "")
        if entry is None:
            resultat.problems.append(
                (ligne, "Indicateur", f"indicateur « {ident} » inconnu dans les données")
            )
            continue
        nature = (_text(cellule(ligne, "Nature")) or "").lower().replace("reference", REFERENCE)
        if nature not in (REFERENCE, CIBLE, VALEUR):
            resultat.problems.append(
                (ligne, "Nature", f"« {nature} » : écrivez référence, cible ou valeur")
            )
            continue
        try:
            annee = _annee(cellule(ligne, "Année"))
        except UnreadableCell as exc:
            resultat.problems.append((ligne, "Année", str(exc)))
            continue
        try:
            valeur = _number(cellule(ligne, "Valeur"))
        except UnreadableCell as exc:
            resultat.problems.append((ligne, "Valeur", str(exc)))
            continue
        territoire = _text(cellule(ligne, "Territoire"))
        perimetre = _text(cellule(ligne, "Périmètre"))
        if perimetre is not None and perimetre not in {p.value for p in Perimetre}:
            allowed = ", ".join(p.value for p in Perimetre)
            resultat.problems.append(
                (
                    ligne,
                    "Périmètre",
                    f"périmètre « {perimetre} » inconnu (valeurs admises : {allowed})",
                )
            )
            continue
        source = _text(cellule(ligne, "Source"))
        commentaire = _text(cellule(ligne, "Commentaire"))
        i = entry.model
        key = (
            i.id,
            nature,
            annee,
            *((territoire, perimetre) if nature == VALEUR else (None, None)),
        )
        if key in seen:
            resultat.problems.append(
                (
                    ligne,
                    "Indicateur",
                    f"{i.id}, {nature} de {annee} en double (déjà ligne {seen[key]}) : "
                    "gardez une seule ligne",
                )
            )
            continue
        seen[key] = ligne
        unite = _text(cellule(ligne, "Unité"))
        if unite is not None and unite != i.unite and i.id not in unites:
            unites.add(i.id)
            resultat.changes.append(IndicateurChange(entry, ("unite",), i.unite, unite))
        if nature == REFERENCE:
            fresh = {"annee": annee, "valeur": valeur, "source": source}
            old_reference = i.reference.model_dump() if i.reference else None
            if source is None and old_reference and old_reference.get("source") is not None:
                resultat.problems.append((ligne, "Source", EMPTIED))
                continue
            if old_reference != fresh:
                clean = {k: v for k, v in fresh.items() if v is not None}
                resultat.changes.append(
                    IndicateurChange(entry, ("reference",), old_reference, clean)
                )
        elif nature == CIBLE:
            index = next((n for n, c in enumerate(i.cibles) if c.annee == annee), None)
            if index is None:
                resultat.changes.append(
                    IndicateurChange(
                        entry, ("cibles",), None, {"annee": annee, "valeur": valeur}, True
                    )
                )
            elif i.cibles[index].valeur != valeur:
                resultat.changes.append(
                    IndicateurChange(
                        entry, ("cibles", index, "valeur"), i.cibles[index].valeur, valeur
                    )
                )
        else:
            index = next(
                (
                    n
                    for n, m in enumerate(i.valeurs)
                    if (m.annee, m.territoire, m.perimetre.value if m.perimetre else None)
                    == (annee, territoire, perimetre)
                ),
                None,
            )
            champs = {"valeur": valeur, "source": source, "commentaire": commentaire}
            if index is None:
                new_mesure = {
                    "annee": annee,
                    "valeur": valeur,
                    "territoire": territoire,
                    "perimetre": perimetre,
                    "source": source,
                    "commentaire": commentaire,
                }
                clean = {k: v for k, v in new_mesure.items() if v is not None}
                resultat.changes.append(IndicateurChange(entry, ("valeurs",), None, clean, True))
                continue
            current_mesure = i.valeurs[index]
            for nom, new in champs.items():
                avant = getattr(current_mesure, nom)
                if new is None and avant is not None:
                    resultat.problems.append((ligne, nom.capitalize(), EMPTIED))
                elif avant != new:
                    resultat.changes.append(
                        IndicateurChange(entry, ("valeurs", index, nom), avant, new)
                    )
    for entry in sorted(data.indicateurs, key=lambda e: e.model.id):
        i = entry.model
        remaining = []
        if i.reference and (i.id, REFERENCE, i.reference.annee, None, None) not in seen:
            remaining.append(f"la référence de {i.reference.annee}")
        remaining += [
            f"la cible de {c.annee}"
            for c in i.cibles
            if (i.id, CIBLE, c.annee, None, None) not in seen
        ]
        remaining += [
            f"la valeur de {m.annee}"
            for m in i.valeurs
            if (i.id, VALEUR, m.annee, m.territoire, m.perimetre.value if m.perimetre else None)
            not in seen
        ]
        for what in remaining:
            resultat.ignores.append(
                f"{i.id} : {what} n'est plus dans la feuille « {SHEET} » ; rien n'est effacé "
                f"(retirez-la à la main de {entry.doc.path} si c'est voulu)"
            )
    return resultat
