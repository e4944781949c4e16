"""Le suivi du plan après la signature : date du rapport, état à une date, sorties d'`acv suivi`."""

from typing import TYPE_CHECKING, Any

from acvkit.suivi.dates import DateError, date_rapport, parse_date

if TYPE_CHECKING:
    from acvkit.suivi.etat import EtatSuivi, etat_suivi


def __getattr__(name: str) -> Any:
    # L'état du suivi (et ses modèles) n'est chargé qu'à la demande : la date du rapport sert aussi
    # au chemin à chaud de la validation, qui ne charge pas les modèles.
    if name in ("EtatSuivi", "etat_suivi"):
        from acvkit.suivi import etat

        return getattr(etat, name)
    raise AttributeError(name)


__all__ = ["DateError", "EtatSuivi", "date_rapport", "etat_suivi", "parse_date"]
