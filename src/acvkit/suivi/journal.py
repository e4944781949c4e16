"""`acv new suivi` : ajouter une entrée datée au journal d'une fiche, commentaires conservés.

Le fichier est relu et réécrit par ruamel.yaml (aller-retour) : ses commentaires, guillemets et
mise en page restent ; `statut` prend la valeur de la nouvelle entrée. Rien n'est écrit si la
fiche qui en résulte ne se valide pas, ni si le linter y trouve une erreur nouvelle.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from acvkit.loading.dataset import Dataset
from acvkit.models import Fiche, Statut
from acvkit.suivi.rewrite import JournalError as JournalError
from acvkit.suivi.rewrite import lint_gate
from acvkit.writing.atomic import atomic_write_bytes
from acvkit.yaml.document import YamlProblem
from acvkit.yaml.reader import parse_text
from acvkit.yaml.roundtrip import dump_rt, load_rt


def _statut(texte: str) -> Statut:
    try:
        return Statut(texte)
    except ValueError:
        valeurs = ", ".join(s.value for s in Statut)
        raise JournalError(f"statut inconnu « {texte} » (statuts : {valeurs})") from None


def _position(data: CommentedMap, apres: tuple[str, ...]) -> int:
    """La place d'une nouvelle clé : juste après la dernière des clés `apres` présentes."""
    keys = list(data)
    ranks = [keys.index(c) + 1 for c in apres if c in keys]
    return max(ranks) if ranks else len(keys)


def append_entry(
    data: CommentedMap,
    statut: Statut,
    day: date,
    note: str | None = None,
    vigilance: list[str] | None = None,
) -> None:
    """Ajoute l'entrée au journal `suivi` d'une fiche lue en aller-retour et met `statut` à jour.

    Le journal est créé après `statut` s'il manque ; `statut` après `sous_axe`. `suivi` doit être
    une liste (ou absent).
    """
    ligne = CommentedMap()
    ligne["date"] = day
    ligne["statut"] = statut.value
    if note:
        ligne["note"] = note
    if vigilance:
        ligne["vigilance"] = CommentedSeq(vigilance)
    if "statut" in data:
        data["statut"] = statut.value
    else:
        data.insert(_position(data, ("sous_axe",)), "statut", statut.value)
    journal = data.get("suivi")
    if journal is None:
        journal = CommentedSeq()
        data.insert(_position(data, ("statut",)), "suivi", journal)
    journal.append(ligne)


def add_journal_entry(
    dataset: Dataset,
    numero: int,
    statut: str,
    day: date,
    note: str | None = None,
    vigilance: list[str] | None = None,
) -> Path:
    """Ajoute l'entrée au journal de la fiche FA `numero` et rend le chemin du fichier réécrit."""
    new = _statut(statut)
    entry = next((e for e in dataset.fiches if e.model.numero == numero), None)
    if entry is None:
        raise JournalError(
            f"aucune fiche FA {numero} lisible (numéro inconnu, ou fiche en erreur : acv validate)"
        )
    last = max((e.date for e in entry.model.suivi or []), default=None)
    if last is not None and day < last:
        raise JournalError(
            f"FA {numero} : le journal a déjà une entrée du {last:%d/%m/%Y}, après le "
            f"{day:%d/%m/%Y} ; le journal va du plus ancien au plus récent"
        )
    path = Path(entry.doc.path)
    texte = path.read_text(encoding="utf-8")
    data = load_rt(texte)
    if not isinstance(data, CommentedMap):
        raise JournalError(f"{path} : le fichier n'est pas une fiche")
    if not isinstance(data.get("suivi", CommentedSeq()), CommentedSeq):
        raise JournalError(f"{path} : « suivi » n'est pas une liste")
    append_entry(data, new, day, note, vigilance)
    resultat = dump_rt(data)
    try:
        Fiche.model_validate(parse_text(str(path), resultat.encode("utf-8")).data)
    except YamlProblem as exc:
        raise JournalError(
            f"{path} : relecture impossible ({exc.message}) ; rien n'est écrit"
        ) from exc
    except ValidationError as exc:
        raise JournalError(
            f"{path} : la fiche ne se validerait plus ({exc.errors()[0]['msg']}) ; rien n'est écrit"
        ) from exc
    lint_gate(dataset.root, path, resultat.encode("utf-8"))  # aucune erreur nouvelle du linter
    atomic_write_bytes(path, resultat.encode("utf-8"))
    return path
