"""Le texte YAML en arbres situés : décodage, lecture rapide et située, positions, écriture aller-retour.

Ne sait rien des fiches ni du reste d'acvkit (un test le vérifie). Les modules :

- `document` : le document lu (`YamlDocument`) et le problème de lecture situé (`YamlProblem`) ;
- `positions` : l'index des positions et la seule recherche d'un chemin de clés (`lookup`) ;
- `decode` : des octets au texte (UTF-8, BOM, tabulations), caractères interdits une fois décodés ;
- `fast` : la lecture rapide (libyaml) des fichiers ordinaires ;
- `situated` : la lecture située (ruamel.yaml), chaque problème à sa ligne et sa colonne ;
- `reader` : décodage, lecture rapide, lecture située au moindre doute ; positions retrouvées ;
- `roundtrip` : l'écriture aller-retour (commentaires, guillemets, mise en page gardés).

Rien n'est importé ici : chaque module se charge à sa première utilisation.
"""
