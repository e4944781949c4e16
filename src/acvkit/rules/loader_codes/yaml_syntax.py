"""Les codes YML : le fichier n'est pas un YAML lisible (syntaxe, encodage, taille) ; documentation seule."""

from __future__ import annotations

from acvkit.rules.common.base import Rule

YAML_CODES: list[Rule] = [
    Rule.documented(
        "YML001",
        "syntaxe-yaml",
        """
Le fichier n'est pas du YAML valide.

Pourquoi : un deux-points dans une valeur, un guillemet non refermé ou une indentation décalée
empêchent de lire le fichier ; le message dit quoi corriger et où.

Exemple conforme :

    titre: "Restructuration de la rue d'Alsace : coulée verte"

Exemple fautif :

    titre: Restructuration de la rue d'Alsace : coulée verte
""",
    ),
    Rule.documented(
        "YML002",
        "cle-en-double",
        """
Une clé apparaît deux fois dans le même bloc.

Pourquoi : YAML ne garde qu'une des deux valeurs ; laquelle compte est une devinette. acvkit
refuse le fichier plutôt que de deviner.

Exemple conforme :

    lancement: T1 2025

Exemple fautif :

    lancement: T1 2025
    lancement: T2 2025
""",
    ),
    Rule.documented(
        "YML003",
        "encodage",
        """
Le fichier n'est pas en UTF-8.

Pourquoi : un fichier enregistré en Windows-1252 ou Latin-1 (souvent depuis Excel ou un vieux
Bloc-notes) corrompt les accents. Réenregistrez-le en « UTF-8 ».

Exemple conforme : `titre: Eté 2023` enregistré en UTF-8.

Exemple fautif : le même texte enregistré en Windows-1252 (octet 0xe9 pour « é »).
""",
    ),
    Rule.documented(
        "YML004",
        "bom",
        """
Le fichier commence par une marque d'ordre des octets (BOM).

Pourquoi : certains éditeurs Windows l'ajoutent ; d'autres outils la lisent comme un caractère
parasite en tête de la première clé. Enregistrez en « UTF-8 » sans BOM.

Exemple conforme : un fichier qui commence par `numero: 62`.

Exemple fautif : un fichier qui commence par les octets EF BB BF puis `numero: 62`.
""",
    ),
    Rule.documented(
        "YML005",
        "tabulation",
        """
Une ligne est indentée avec une tabulation.

Pourquoi : YAML n'admet que des espaces pour l'indentation ; une tabulation rend la structure
ambiguë.

Exemple conforme :

    cout:
      total: 120000

Exemple fautif :

    cout:
    <TAB>total: 120000
""",
    ),
    Rule.documented(
        "YML006",
        "fichier-vide",
        """
Le fichier est vide.

Pourquoi : un fichier vide est presque toujours un enregistrement raté ; la fiche qu'il devait
contenir est perdue.

Exemple conforme : un fichier qui contient au moins `numero: 62` et les autres clés.

Exemple fautif : un fichier de zéro octet, ou qui ne contient que des commentaires.
""",
    ),
    Rule.documented(
        "YML007",
        "pas-un-mapping",
        """
Le fichier ne contient pas un tableau de clés.

Pourquoi : chaque fichier de données décrit un objet (fiche, axe, indicateur) par ses clés ; une
liste ou une valeur seule ne peut pas être lue.

Exemple conforme :

    numero: 62
    titre: Aménagement des places en hypercentre

Exemple fautif :

    - numero: 62
""",
    ),
    Rule.documented(
        "YML008",
        "etiquette-interdite",
        """
Le fichier utilise une étiquette YAML (`!!python/...`, `!!binary`, `!mon-type`).

Pourquoi : les étiquettes peuvent demander à un lecteur YAML de construire des objets arbitraires,
voire d'exécuter du code. Les données acvkit n'en ont pas besoin : elles sont refusées.

Exemple conforme :

    titre: Mise en lumière du Beffroi

Exemple fautif :

    titre: !!python/object/apply:os.system [ls]
""",
    ),
    Rule.documented(
        "YML009",
        "alias-interdit",
        """
Le fichier utilise un alias YAML (`*nom`).

Pourquoi : les alias ne servent pas à des données relues par des personnes, et permettent des
fichiers minuscules qui se déplient en milliards de valeurs (« billion laughs »).

Exemple conforme :

    partenaires: [cc-du-val]

Exemple fautif :

    partenaires: &p [cc-du-val]
    financeurs: *p
""",
    ),
    Rule.documented(
        "YML010",
        "fichier-illisible",
        """
Le fichier ne peut pas être lu : permission refusée, dossier nommé en .yaml, lien cassé ou lien
vers l'extérieur du dossier de données.

Pourquoi : acvkit ne lit que les fichiers du dossier de données, pour qu'un lien symbolique ne
fasse pas lire (ni publier dans une annexe) un fichier d'ailleurs.

Exemple conforme : fiches/ville-sur-val/fa-62-places.yaml, un fichier ordinaire lisible.

Exemple fautif : fiches/ville-sur-val/fa-62-places.yaml, lien vers /etc/passwd.
""",
    ),
    Rule.documented(
        "YML011",
        "fichier-trop-gros",
        """
Le fichier dépasse la taille maximale (1 Mo par défaut) ; il n'est pas lu.

Pourquoi : une fiche fait quelques kilo-octets ; un fichier énorme est une erreur de copie et
ralentirait tout le monde. La limite se règle avec `max-octets` dans la configuration.

Exemple conforme : une fiche de 3 Ko.

Exemple fautif : une fiche de 10 Mo.
""",
    ),
    Rule.documented(
        "YML012",
        "imbrication-profonde",
        """
Le fichier imbrique trop de niveaux (plus de 40).

Pourquoi : aucune donnée acvkit ne dépasse quatre niveaux ; une imbrication profonde est une
erreur ou une tentative d'épuiser la mémoire.

Exemple conforme :

    cout:
      postes:
        - {libelle: Travaux, montant: 800000}

Exemple fautif :

    a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]
""",
    ),
    Rule.documented(
        "YML013",
        "cle-non-textuelle",
        """
Une clé n'est pas un mot (nombre, booléen, liste).

Pourquoi : les clés du format sont des mots fixes ; une clé numérique vient d'une faute de frappe.

Exemple conforme :

    numero: 62

Exemple fautif :

    62: numero
""",
    ),
    Rule.documented(
        "YML014",
        "caractere-interdit",
        """
Un texte contient, écrit par une séquence d'échappement entre guillemets doubles, un caractère
de contrôle (`\\e`, `\\x01`, `\\0`…), un demi-code de substitution isolé (`\\ud800`), un
non-caractère (`\\uFFFE`) ou un point de code qui n'existe pas (`\\UFFFFFFFF`).

Pourquoi : ces caractères ne s'impriment pas ; ils casseraient les annexes et le tableur, ou
enverraient des commandes au terminal. Ils sont refusés quelle que soit la façon de les écrire.

Exemple conforme :

    titre: "Aménagement des places"

Exemple fautif :

    titre: "Aménagement\\e[31m des places"
""",
    ),
]
