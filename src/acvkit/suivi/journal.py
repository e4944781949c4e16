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

from acvkit.config import Config
from acvkit.loading.dataset import Dataset
from acvkit.models import Fiche, Statut
from acvkit.suivi.rewrite import JournalError as JournalError
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
    config: Config | None = None,
) -> Path:
    """Ajoute l'entrée au journal de la fiche FA `numero` et rend le chemin du fichier réécrit.

    L'écriture passe par acvkit.writing : le linter complet vérifie le résultat (`config`), le
    fichier est comparé à celui qui a été lu, ses fins de ligne sont gardées.
    """
    from acvkit.writing.change import data_change

    new = _statut(statut)
    entries = [e for e in dataset.fiches if e.model.numero == numero]
    if not entries:
        raise JournalError(
            f"aucune fiche FA {numero} lisible (numéro inconnu, ou fiche en erreur : acv validate)"
        )
    if len(entries) > 1:
        shown = ", ".join(e.doc.path for e in entries)
        raise JournalError(
            f"FA {numero} est le numéro de {len(entries)} fiches ({shown}) : corrigez-le d'abord "
            "(acv validate) ; rien n'est écrit"
        )
    entry = entries[0]
    last = max((e.date for e in entry.model.suivi or []), default=None)
    if last is not None and day < last:
        raise JournalError(
            f"FA {numero} : le journal a déjà une entrée du {last:%d/%m/%Y}, après le "
            f"{day:%d/%m/%Y} ; le journal va du plus ancien au plus récent"
        )
    path = Path(entry.doc.path)
    data = load_rt(entry.doc.text)
    if not isinstance(data, CommentedMap):
        raise JournalError(f"{path} : le fichier n'est pas une fiche")
    if "suivi" in data and data["suivi"] is None:
        data["suivi"] = CommentedSeq()  # « suivi: » sans valeur : un journal vide
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
        from acvkit.loading.model_errors import french_summary

        raise JournalError(
            f"{path} : la fiche ne se validerait plus ({french_summary(exc, Fiche)}) ; rien n'est écrit"
        ) from exc
    with data_change(dataset.root, config) as change:
        change.write(path, resultat, based_on=entry.doc.text)
    return path
