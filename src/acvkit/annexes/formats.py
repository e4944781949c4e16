"""Les annexes produites et les formats de sortie : la liste de référence du build."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from acvkit.annexes.context import Annexes, Entete
from acvkit.loading.dataset import Dataset
from acvkit.models.document import NATIONAL, Structure

# Les annexes produites, dans l'ordre du document.
SLUGS: tuple[str, ...] = (
    "plan-action",
    "programmation",
    "evaluation",
    "fiches-action",
    "recapitulatif",
    "maquette-financiere",
)


def annexe_titles(document: Structure) -> list[tuple[str, str]]:
    """(identifiant de fichier, titre) de chaque annexe, numérotée comme dans ce document
    (« Annexe 2 – Fiches action », « Plan d'action global (article 7.1) ») : models/document.py."""
    return [(slug, document.partie(slug).full_titre) for slug in SLUGS]


def index_title(document: Structure) -> str:
    """« Annexes de l'avenant », « Annexes de la convention-cadre »."""
    return f"Annexes {document.of_document}"


# Les titres du modèle national (avenant) : pour ce qui n'a pas de programme sous la main.
ANNEXES: list[tuple[str, str]] = annexe_titles(NATIONAL)


class RenderInput:
    """Ce qu'un rendu reçoit : le contenu des annexes, le dossier des gabarits, les données lues.

    Le contenu des annexes peut être calculé à la première demande (`calcul`) : le tableur, qui ne
    lit que l'en-tête, se rend alors sans l'attendre (build parallèle de 10 000 fiches).
    """

    def __init__(
        self,
        annexes: Annexes | None,
        templates: Path,
        data: Dataset | None = None,
        commit: str | None = None,  # empreinte git des données (traçabilité du tableur ANCT)
        *,
        entete: Entete | None = None,
        compute: Callable[[], Annexes] | None = None,
        extra_annexes: tuple[tuple[str, str], ...] = (),
    ) -> None:
        if annexes is None and compute is None:
            raise ValueError("RenderInput : il faut le contenu des annexes ou de quoi le calculer")
        self._annexes = annexes
        self._compute = compute
        self._entete = entete
        self.templates = templates
        # Annexes rendues à part (modifications de `build --from-ref`), nommées dans l'index HTML.
        self.extra_annexes = extra_annexes
        self.data = data
        self.commit = commit

    @property
    def annexes(self) -> Annexes:
        if self._annexes is None:
            assert self._compute is not None
            self._annexes = self._compute()
        return self._annexes

    @property
    def entete(self) -> Entete:
        if self._entete is None:
            self._entete = self.annexes.entete
        return self._entete


# Un rendu rend des fichiers : chemin relatif au dossier de sortie → contenu.
Renderer = Callable[[RenderInput], dict[str, bytes]]
