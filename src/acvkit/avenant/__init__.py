"""L'avenant entier : articles, secteurs, évaluation, signatures, assemblés avec les annexes."""
