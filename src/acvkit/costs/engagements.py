"""Ce que chaque financeur annonce, catégorie par catégorie du glossaire (fonction pure).

La maquette financière (« Par financeur ») et la feuille « Synthèse » du tableur ANCT en tirent
les mêmes lignes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from acvkit.costs.aggregate import Montants
from acvkit.costs.financement import Names, financements
from acvkit.costs.glossary import Categorie, joint_name
from acvkit.models import Fiche


@dataclass
class Engagement:
    """Ce qu'un financeur (ou un groupe de cofinanceurs) annonce dans une catégorie du glossaire :
    ses fiches chiffrées, ses montants par base, ses fiches sans montant."""

    financeur: str  # l'identifiant, « a+b » pour des cofinanceurs
    categorie: Categorie
    fiches: list[tuple[int, str]] = field(default_factory=list)  # (fiche, « 22 000 € TTC »)
    montants: Montants = field(default_factory=Montants)
    named_only: list[int] = field(default_factory=list)
    deduced: list[int] = field(default_factory=list)  # fiches où la base est celle du coût

    @property
    def numeros(self) -> list[int]:
        return sorted({n for n, _ in self.fiches} | set(self.named_only))


def engagements(fiches: Iterable[Fiche], names: Names) -> list[Engagement]:
    """Un engagement par financeur et par catégorie, financeurs dans l'ordre de leur nom, puis
    catégories dans l'ordre du glossaire ; les fiches dans l'ordre de leur numéro."""
    out: dict[tuple[str, Categorie], Engagement] = {}
    for fiche in sorted(fiches, key=lambda f: f.numero):
        for f in financements(fiche):
            key = (f.financeur, f.categorie)
            engagement = out.setdefault(key, Engagement(f.financeur, f.categorie))
            if f.montant is None:
                engagement.named_only.append(fiche.numero)
                continue
            engagement.fiches.append((fiche.numero, f.texte))
            engagement.montants.add(f.base, f.montant)
            if f.deduced:
                engagement.deduced.append(fiche.numero)
    order = list(Categorie)
    return sorted(
        out.values(),
        key=lambda e: (joint_name(e.financeur, names).casefold(), order.index(e.categorie)),
    )
