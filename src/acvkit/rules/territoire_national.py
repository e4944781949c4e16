"""L'identifiant ANCT, les codes INSEE ou le SIREN du programme contredisent la liste nationale.

Pourquoi : l'ANCT range chaque programme sous un identifiant (ACV001…) qui couvre une ou
plusieurs communes et leur EPCI ; un code tapé à la main (chiffres inversés, commune voisine)
envoie le tableur sur la plateforme sous le mauvais territoire. La liste nationale est livrée
avec acvkit (`acvkit/villes-acv.csv`, voir `acvkit.villes_acv` pour sa source et sa date). Un
programme absent de la liste (territoire nouveau, données d'exemple) n'est pas signalé.

Exemple conforme (ACV017 : Aurillac 15014 et Arpajon-sur-Cère 15012, EPCI 241500230) :

    id_anct: ACV017
    territoire:
      epci: {collectivite: caba, siren: "241500230"}
      communes:
        - {collectivite: aurillac, insee: "15014"}

Exemple fautif (15041 n'est pas une commune d'ACV017) :

    id_anct: ACV017
    territoire:
      epci: {collectivite: caba, siren: "241500230"}
      communes:
        - {collectivite: aurillac, insee: "15041"}
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.rules.common.base import Problem, problem
from acvkit.villes_acv import by_insee, programme

CODE = "INT009"
NAME = "territoire-national"
SEVERITY = Severity.WARNING
CHAMPS: tuple[str, ...] = ()  # ne lit aucune fiche


def check(data: Dataset) -> Iterator[Problem]:
    if data.programme is None:
        return
    entry = data.programme
    model = entry.model
    communes = programme(model.id_anct)
    if not communes:
        # Programme inconnu de la liste : une de ses communes y est-elle sous un autre identifiant ?
        for index, commune in enumerate(model.territoire.communes):
            ville = by_insee(commune.insee)
            if ville is not None:
                yield problem(
                    entry,
                    "id_anct",
                    message=f"identifiant « {model.id_anct} » absent de la liste nationale, où "
                    f"{ville.commune} ({ville.insee}) est du programme {ville.id_acv}",
                    context=f"id_anct={model.id_anct},insee={commune.insee},index={index}",
                )
        return
    noms = ", ".join(f"{v.commune} ({v.insee})" for v in communes)
    codes = {v.insee for v in communes}
    for index, commune in enumerate(model.territoire.communes):
        if commune.insee not in codes:
            ville = by_insee(commune.insee)
            elsewhere = f" ; {ville.commune} est du programme {ville.id_acv}" if ville else ""
            yield problem(
                entry,
                "territoire",
                "communes",
                index,
                "insee",
                message=f"code INSEE « {commune.insee} » hors du programme {model.id_anct} de la "
                f"liste nationale ({noms}){elsewhere}",
                context=f"insee={commune.insee}",
            )
    sirens = sorted({v.siren_epci for v in communes})
    if model.territoire.epci.siren not in sirens:
        yield problem(
            entry,
            "territoire",
            "epci",
            "siren",
            message=f"SIREN « {model.territoire.epci.siren} » : la liste nationale donne "
            f"{' ou '.join(sirens)} pour l'EPCI du programme {model.id_anct}",
            context=f"siren={model.territoire.epci.siren}",
        )
