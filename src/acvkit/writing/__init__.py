"""La seule façon d'écrire des fichiers : écriture atomique (et, demain, changements du dossier de données tout ou rien)."""
