"""`acv init --ville` : le programme d'une commune de la liste nationale (acvkit.villes_acv)."""

from __future__ import annotations

from acvkit.scaffolding.init_repo import InitError


def from_national_list(texte: str) -> tuple[str, str, list[str]]:
    """(id_anct, SIREN, communes NOM:INSEE) du programme d'une commune de la liste nationale."""
    from acvkit.villes_acv import find, programme

    found = find(texte)
    if not found:
        raise InitError(
            f"« {texte} » n'est pas dans la liste nationale des villes ACV (code INSEE ou nom) : "
            "décrivez le territoire par --id-anct, --siren et --commune"
        )
    ids = sorted({v.id_acv for v in found})
    if len(ids) > 1:
        choices = ", ".join(f"{v.commune} ({v.insee}, {v.region})" for v in found)
        raise InitError(
            f"plusieurs communes s'appellent « {texte} » : {choices} ; donnez le code INSEE"
        )
    # La commune demandée d'abord, puis les autres communes du même programme.
    communes = sorted(programme(ids[0]), key=lambda v: v not in found)
    sirens = sorted({v.siren_epci for v in communes if v in found} or {found[0].siren_epci})
    return ids[0], sirens[0], [f"{v.commune}:{v.insee}" for v in communes]
