"""Ce que `acv init` sait du territoire, une fois les options vérifiées (par init_repo) :
l'intercommunalité, les communes, la période ; lu par init_files pour écrire les fichiers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Collectivite:
    id: str
    nom: str
    code: str  # SIREN de l'EPCI, code INSEE d'une commune


@dataclass(frozen=True)
class Territoire:
    """Ce que `acv init` sait du territoire, vérifié."""

    id_anct: str
    epci: Collectivite
    communes: tuple[Collectivite, ...]
    debut: int
    fin: int
    avenant: int = 1
    repo_acvkit: str = "https://github.com/<organisation>/acvkit"

    @property
    def collectivites(self) -> tuple[Collectivite, ...]:
        return (self.epci, *self.communes)

    @property
    def periode(self) -> str:
        return f"{self.debut}-{self.fin}"
