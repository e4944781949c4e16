"""La feuille « Indicateurs » du tableur ANCT : écrite par acv build, relue par acv import.

Une ligne par chiffre : la référence, chaque cible, chaque valeur observée d'un indicateur.
À la relecture, une valeur modifiée, une cible ou une valeur ajoutée (nouvelle ligne) deviennent
des changements du fichier indicateurs/<id>.yaml ; une ligne retirée du tableur n'efface rien
(c'est dit). Une cellule illisible est un problème situé (feuille, ligne, colonne).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from acvkit.indicateurs.nombres import nombre_fr
from acvkit.loading.dataset import Dataset, Entry
from acvkit.models import Indicateur, Mesure

FEUILLE = "Indicateurs"
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
OBLIGATOIRES = ("Indicateur", "Nature", "Année", "Valeur")
FORMAT_VALEUR = "#,##0.######"

Ligne = list[tuple[Any, str]]  # (valeur, format de nombre) par colonne


def lignes(data: Dataset) -> list[Ligne]:
    """Les lignes de la feuille : par indicateur (dans l'ordre des identifiants), référence,
    cibles puis valeurs observées."""
    out: list[Ligne] = []
    for i in sorted((e.model for e in data.indicateurs), key=lambda i: i.id):
        tete = [(i.id, "@"), (i.intitule, "@"), (i.unite, "@")]
        if i.reference is not None:
            r = i.reference
            out.append(
                [
                    *tete,
                    (REFERENCE, "@"),
                    (r.annee, "0"),
                    (r.valeur, FORMAT_VALEUR),
                    (None, "@"),
                    (None, "@"),
                    (r.source, "@"),
                    (None, "@"),
                ]
            )
        for c in i.cibles:
            out.append(
                [*tete, (CIBLE, "@"), (c.annee, "0"), (c.valeur, FORMAT_VALEUR)] + [(None, "@")] * 4
            )
        if i.reference is None and not i.cibles and not i.valeurs:
            # Une ligne à remplir : l'indicateur est nommé, nature, année et valeur sont vides.
            out.append(
                [*tete] + [(None, "@"), (None, "0"), (None, FORMAT_VALEUR)] + [(None, "@")] * 4
            )
        for m in i.valeurs:
            out.append(
                [
                    *tete,
                    (VALEUR, "@"),
                    (m.annee, "0"),
                    (m.valeur, FORMAT_VALEUR),
                    (m.territoire, "@"),
                    (m.perimetre.value if m.perimetre else None, "@"),
                    (m.source, "@"),
                    (m.commentaire, "@"),
                ]
            )
    return out


# --- Relecture ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChangementIndicateur:
    """Un changement d'un fichier indicateurs/<id>.yaml lu dans la feuille « Indicateurs »."""

    entry: Entry[Indicateur]
    chemin: tuple[str | int, ...]
    avant: Any
    apres: Any
    ajout: bool = False  # `apres` est un élément à ajouter à la liste `chemin`

    def __str__(self) -> str:
        champ = ".".join(str(p) for p in self.chemin)
        if self.ajout:
            return f"{self.entry.doc.path} · {self.entry.model.id} · {champ} : ajout {_affiche(self.apres)}"
        return (
            f"{self.entry.doc.path} · {self.entry.model.id} · {champ} : "
            f"{_affiche(self.avant)} → {_affiche(self.apres)}"
        )


def _affiche(valeur: Any) -> str:
    if valeur is None:
        return "(vide)"
    if isinstance(valeur, Decimal):
        return nombre_fr(valeur)
    if isinstance(valeur, dict):
        return (
            "{" + ", ".join(f"{k}: {_affiche(v)}" for k, v in valeur.items() if v is not None) + "}"
        )
    if isinstance(valeur, int):
        return str(valeur)
    return f"« {valeur} »"


class CelluleIllisible(ValueError):
    """Une cellule qui ne dit pas ce que sa colonne attend : message français."""


def _texte(valeur: Any) -> str | None:
    if valeur is None or (isinstance(valeur, str) and not valeur.strip()):
        return None
    return str(valeur).strip()


def _annee(valeur: Any) -> int:
    if isinstance(valeur, float) and valeur.is_integer():
        valeur = int(valeur)
    if isinstance(valeur, str) and valeur.strip().isdigit():
        valeur = int(valeur.strip())
    if isinstance(valeur, bool) or not isinstance(valeur, int) or not 1900 <= valeur <= 2100:
        raise CelluleIllisible(f"année illisible « {valeur} »")
    return valeur


def _nombre(valeur: Any) -> Decimal:
    """Un nombre de cellule : nombre, ou texte « 1 234,5 » ; jamais un flottant gardé tel quel."""
    if isinstance(valeur, bool) or valeur is None or valeur == "":
        raise CelluleIllisible("valeur vide ou illisible : un nombre est attendu")
    if isinstance(valeur, int):
        return Decimal(valeur)
    if isinstance(valeur, float):
        nombre = Decimal(repr(valeur))  # l'écriture la plus courte du nombre de la cellule
    else:
        texte = str(valeur).replace("\u202f", "").replace("\u00a0", "").replace(" ", "")
        try:
            nombre = Decimal(texte.replace(",", "."))
        except InvalidOperation as exc:
            raise CelluleIllisible(f"« {valeur} » n'est pas un nombre") from exc
    if not nombre.is_finite() or abs(nombre) >= 10**13:
        raise CelluleIllisible(f"« {valeur} » n'est pas un nombre fini")
    return nombre


@dataclass
class Relecture:
    changements: list[ChangementIndicateur]
    problemes: list[tuple[int, str, str]]  # (ligne, colonne, message)
    ignores: list[str]


def _mesure_dict(m: Mesure) -> dict[str, Any]:
    return {k: v for k, v in m.model_dump(mode="python").items() if v is not None}


def relire(ws: Any, data: Dataset) -> Relecture:
    """Compare la feuille aux indicateurs : changements, cellules illisibles, lignes ignorées."""
    resultat = Relecture([], [], [])
    entetes = {str(c.value).strip(): c.column for c in ws[1] if c.value is not None}
    manquantes = [n for n in OBLIGATOIRES if n not in entetes]
    if manquantes:
        resultat.problemes.append((1, manquantes[0], "colonne absente : " + ", ".join(manquantes)))
        return resultat
    indicateurs = {e.model.id: e for e in data.indicateurs}
    vus: set[tuple[str, str, int, str | None, str | None]] = set()
    unites: set[str] = set()  # l'unité d'un indicateur n'est reprise qu'une fois

    def cellule(ligne: int, nom: str) -> Any:
        return ws.cell(ligne, entetes[nom]).value if nom in entetes else None

    for ligne in range(2, ws.max_row + 1):
        if all(c.value in (None, "") for c in ws[ligne]):
            continue
        if all(_texte(cellule(ligne, n)) is None for n in ("Nature", "Année", "Valeur")):
            continue  # ligne à remplir, restée vide
        ident = _texte(cellule(ligne, "Indicateur"))
        entry = indicateurs.get(ident or "")
        if entry is None:
            resultat.problemes.append(
                (ligne, "Indicateur", f"indicateur « {ident} » inconnu dans les données")
            )
            continue
        nature = (_texte(cellule(ligne, "Nature")) or "").lower().replace("reference", REFERENCE)
        if nature not in (REFERENCE, CIBLE, VALEUR):
            resultat.problemes.append(
                (ligne, "Nature", f"« {nature} » : écrivez référence, cible ou valeur")
            )
            continue
        try:
            annee = _annee(cellule(ligne, "Année"))
        except CelluleIllisible as exc:
            resultat.problemes.append((ligne, "Année", str(exc)))
            continue
        try:
            valeur = _nombre(cellule(ligne, "Valeur"))
        except CelluleIllisible as exc:
            resultat.problemes.append((ligne, "Valeur", str(exc)))
            continue
        territoire = _texte(cellule(ligne, "Territoire"))
        perimetre = _texte(cellule(ligne, "Périmètre"))
        source = _texte(cellule(ligne, "Source"))
        commentaire = _texte(cellule(ligne, "Commentaire"))
        i = entry.model
        unite = _texte(cellule(ligne, "Unité"))
        if unite is not None and unite != i.unite and i.id not in unites:
            unites.add(i.id)
            resultat.changements.append(ChangementIndicateur(entry, ("unite",), i.unite, unite))
        if nature == REFERENCE:
            vus.add((i.id, nature, annee, None, None))
            nouvelle = {"annee": annee, "valeur": valeur, "source": source}
            ancienne = i.reference.model_dump() if i.reference else None
            if ancienne != nouvelle:
                propre = {k: v for k, v in nouvelle.items() if v is not None}
                resultat.changements.append(
                    ChangementIndicateur(entry, ("reference",), ancienne, propre)
                )
        elif nature == CIBLE:
            vus.add((i.id, nature, annee, None, None))
            index = next((n for n, c in enumerate(i.cibles) if c.annee == annee), None)
            if index is None:
                resultat.changements.append(
                    ChangementIndicateur(
                        entry, ("cibles",), None, {"annee": annee, "valeur": valeur}, True
                    )
                )
            elif i.cibles[index].valeur != valeur:
                resultat.changements.append(
                    ChangementIndicateur(
                        entry, ("cibles", index, "valeur"), i.cibles[index].valeur, valeur
                    )
                )
        else:
            vus.add((i.id, nature, annee, territoire, perimetre))
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
                nouvelle_mesure = {
                    "annee": annee,
                    "valeur": valeur,
                    "territoire": territoire,
                    "perimetre": perimetre,
                    "source": source,
                    "commentaire": commentaire,
                }
                propre = {k: v for k, v in nouvelle_mesure.items() if v is not None}
                resultat.changements.append(
                    ChangementIndicateur(entry, ("valeurs",), None, propre, True)
                )
                continue
            actuelle = i.valeurs[index]
            for nom, nouveau in champs.items():
                avant = getattr(actuelle, nom)
                if avant != nouveau:
                    resultat.changements.append(
                        ChangementIndicateur(entry, ("valeurs", index, nom), avant, nouveau)
                    )
    for entry in sorted(data.indicateurs, key=lambda e: e.model.id):
        i = entry.model
        restants = []
        if i.reference and (i.id, REFERENCE, i.reference.annee, None, None) not in vus:
            restants.append(f"la référence de {i.reference.annee}")
        restants += [
            f"la cible de {c.annee}"
            for c in i.cibles
            if (i.id, CIBLE, c.annee, None, None) not in vus
        ]
        restants += [
            f"la valeur de {m.annee}"
            for m in i.valeurs
            if (i.id, VALEUR, m.annee, m.territoire, m.perimetre.value if m.perimetre else None)
            not in vus
        ]
        for quoi in restants:
            resultat.ignores.append(
                f"{i.id} : {quoi} n'est plus dans la feuille « {FEUILLE} » ; rien n'est effacé "
                f"(retirez-la à la main de {entry.doc.path} si c'est voulu)"
            )
    return resultat


# --- Écriture ----------------------------------------------------------------------------------


def _yaml(valeur: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap

    if isinstance(valeur, dict):
        carte = CommentedMap((k, _yaml(v)) for k, v in valeur.items())
        carte.fa.set_flow_style()
        return carte
    return valeur


def _appliquer(node: Any, c: ChangementIndicateur, plat: bool) -> None:
    """Un changement sur l'arbre YAML (plat=False) ou sur le dictionnaire du modèle (plat=True)."""
    for part in c.chemin[:-1]:
        node = node[part]
    cle = c.chemin[-1]
    if c.ajout:
        if node.get(cle) is None:
            node[cle] = [] if plat else _liste_bloc()
        node[cle].append(dict(c.apres) if plat else _yaml(c.apres))
    elif c.apres is None:
        if plat:
            node[cle] = None
        elif isinstance(cle, str) and cle in node:
            del node[cle]
    else:
        node[cle] = c.apres if plat else _yaml(c.apres)


def _liste_bloc() -> Any:
    from ruamel.yaml.comments import CommentedSeq

    return CommentedSeq()


def textes(changements: list[ChangementIndicateur]) -> dict[Path, str]:
    """Le nouveau texte de chaque fichier d'indicateur ; ValueError s'il ne se relit pas à l'identique."""
    from acvkit.yaml.reader import parse_text
    from acvkit.yaml.roundtrip import dump_rt, load_rt

    par_fichier: dict[str, list[ChangementIndicateur]] = {}
    for c in changements:
        par_fichier.setdefault(c.entry.doc.path, []).append(c)
    out: dict[Path, str] = {}
    for path, liste in par_fichier.items():
        entry = liste[0].entry
        arbre = load_rt(entry.doc.text)
        attendu = entry.model.model_dump()
        for c in liste:
            _appliquer(arbre, c, plat=False)
            _appliquer(attendu, c, plat=True)
        texte = dump_rt(arbre)
        relu = Indicateur.model_validate(parse_text(path, texte.encode("utf-8")).data)
        if relu.model_dump() != Indicateur.model_validate(attendu).model_dump():
            raise ValueError(
                f"{path} : la modification ne se relit pas à l'identique ; rien n'est écrit"
            )
        out[Path(path)] = texte
    return out
