"""Les commandes qui créent ou réécrivent des fichiers de données : init, new, fix, fmt."""
