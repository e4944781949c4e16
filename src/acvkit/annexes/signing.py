"""La copie à signer (`acv build --a-signer`) : ce qui l'empêche d'être produite.

Une copie à signer ne porte aucun point d'attention (ils vont aux copies de relecture) ; elle est
refusée tant qu'il reste une erreur (le build refuse déjà des données en erreur), un texte
provisoire (« XXXXXXX ») ou une rubrique « à déterminer » que le programme interdit (acv.toml :
`a-determiner-interdit`). Le refus liste chaque blocage, en phrases sur les fiches.
"""

from __future__ import annotations

from acvkit.annexes.attention import RUBRICS, points_attention
from acvkit.config import Config
from acvkit.errors import BuildError
from acvkit.loading.dataset import Dataset


def signing_blockers(dataset: Dataset, config: Config) -> list[str]:
    """Ce qui bloque la copie à signer, une phrase par blocage (vide : elle peut être produite)."""
    points = points_attention(dataset)
    out = [f"texte provisoire à remplacer : {p}" for p in points.provisoires]
    forbidden = set(config.forbidden_undetermined)
    for numero, keys in sorted(points.rubriques.items()):
        if blocked := [RUBRICS[k] for k in keys if k in forbidden]:
            out.append(f"FA {numero} : {', '.join(blocked)} encore « à déterminer »")
    return out


def refuse_unsignable(dataset: Dataset, config: Config) -> None:
    """`BuildError` qui liste les blocages, s'il y en a ; rien n'est écrit."""
    blockers = signing_blockers(dataset, config)
    if blockers:
        where = f" (interdit par {config.source})" if config.forbidden_undetermined else ""
        raise BuildError(
            f"la version à signer est refusée{where} ; rien n'est écrit. À régler d'abord : "
            + " ; ".join(blockers)
        )
