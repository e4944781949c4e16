"""Le suivi du plan après la signature : date du rapport, état à une date, sorties d'`acv suivi`."""

from acvkit.suivi.dates import DateError, date_rapport, lire_date
from acvkit.suivi.etat import EtatSuivi, etat_suivi

__all__ = ["DateError", "EtatSuivi", "date_rapport", "etat_suivi", "lire_date"]
