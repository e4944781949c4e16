"""Les erreurs d'acvkit, en un seul endroit : chacune porte un message français pour l'utilisateur.

Une `AcvError` n'est jamais un bogue : la commande l'affiche telle quelle, sans trace. Une
`UsageError` (commande mal écrite, fichier absent, configuration fausse) sort avec le code 2 ;
les autres, avec le code 1. Les modules d'où elles venaient les réexportent sous leur nom.

Ce module est une feuille : il n'importe rien d'acvkit (l'erreur « données en erreur », qui porte
un rapport du linter, vit à côté de ce rapport : `acvkit.linting.report.InvalidData`).
"""

from __future__ import annotations


class AcvError(Exception):
    """Une erreur expliquée à l'utilisateur, en français."""


class UsageError(AcvError):
    """Commande mal écrite ou impossible à suivre telle quelle : sortie 2."""


class ConfigError(UsageError):
    """Configuration invalide (acv.toml, [tool.acv], options) : sortie 2."""


class BaselineError(UsageError):
    """Ligne de base illisible : sortie 2."""


class DimensionError(UsageError, ValueError):
    """Demande d'agrégation impossible (dimension inconnue, croisement interdit)."""


class ScaffoldError(UsageError):
    """Création d'une fiche ou d'un indicateur impossible."""


class BuildError(AcvError):
    """Le build ne peut pas aboutir ; rien n'a été écrit."""


class ConversionError(BuildError):
    """La conversion par LibreOffice (ODT, PDF) n'a pas abouti."""


class MappingError(BuildError):
    """Le fichier des colonnes est illisible ou faux, ou une valeur ne peut remplir sa colonne."""


class XlsxError(BuildError):
    """Le tableur ne peut pas être produit."""


class OutputError(UsageError):
    """La sortie ne peut pas être écrite (droits, disque plein, chemin qui est un fichier) : sortie 2."""


class WriteError(UsageError):
    """Écriture impossible ou refusée (système, verrou, changement concurrent) : rien n'est écrit,
    sortie 2 (acvkit.writing)."""


class ResultRefused(AcvError):
    """Le résultat d'une écriture aurait des erreurs que le dossier n'avait pas : rien n'est écrit,
    sortie 1 ; `lines` les liste (« chemin:ligne:colonne: CODE message »)."""

    def __init__(self, message: str, lines: list[str]) -> None:
        super().__init__(message)
        self.lines = lines


class ImportRefused(AcvError):
    """Le tableur ne peut pas être importé."""


class FormatError(AcvError):
    """Le fichier ne peut pas être mis en forme sans risque."""
