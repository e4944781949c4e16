"""Ce que `acv init` sait du territoire, une fois les options vérifiées (par init_repo) :
l'intercommunalité, les communes, la période ; lu par init_files pour écrire les fichiers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


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
    periode: str  # « 2023-2026 », tel qu'écrit
    debut: date  # premier jour d'application
    fin: date  # dernier jour d'application
    acv: int = 2  # 1 : ACV 1 (2018-2022) ; 2 : ACV 2 (2023-2026)
    document: str = "avenant"  # avenant | convention-cadre
    avenant: int | None = 1  # numéro de l'avenant ; None pour une convention-cadre
    # D'où pre-commit et la CI installent acvkit : une adresse (référence directe PEP 508,
    # file:// pour un chemin), ou None pour acvkit==VERSION depuis l'index des paquets.
    source: str | None = None

    def requirement(self, extras: str = "") -> str:
        """La ligne de pip : « acvkit==0.1.0 », « acvkit[documents] @ git+https://… »."""
        from acvkit import __version__

        name = f"acvkit[{extras}]" if extras else "acvkit"
        return f"{name} @ {self.source}" if self.source else f"{name}=={__version__}"

    @property
    def origin(self) -> str:
        """D'où vient acvkit, en mots (message de acv init)."""
        if self.source is None:
            return f"{self.requirement()} depuis l'index des paquets (PyPI)"
        return f"acvkit depuis {self.source}"

    @property
    def local(self) -> bool:
        return self.source is not None and self.source.startswith("file:")

    @property
    def collectivites(self) -> tuple[Collectivite, ...]:
        return (self.epci, *self.communes)
