"""Les codes émis par la lecture des fichiers (syntaxe, encodage, schéma) : documentation seule."""

from __future__ import annotations

from acvkit.diagnostics import Severity
from acvkit.rules.base import Rule


def _rule(code: str, name: str, doc: str, severity: Severity = Severity.ERROR) -> Rule:
    return Rule(code=code, name=name, severity=severity, doc=doc.strip())


LOADER_RULES = [
    _rule(
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
    _rule(
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
    _rule(
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
    _rule(
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
    _rule(
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
    _rule(
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
    _rule(
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
    _rule(
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
    _rule(
        "YML009",
        "alias-interdit",
        """
Le fichier utilise un alias YAML (`*nom`).

Pourquoi : les alias ne servent pas à des données relues par des personnes, et permettent des
fichiers minuscules qui se déplient en milliards de valeurs (« billion laughs »).

Exemple conforme :

    partenaires: [cabbalr]

Exemple fautif :

    partenaires: &p [cabbalr]
    financeurs: *p
""",
    ),
    _rule(
        "YML010",
        "fichier-illisible",
        """
Le fichier ne peut pas être lu : permission refusée, dossier nommé en .yaml, lien cassé ou lien
vers l'extérieur du dossier de données.

Pourquoi : acvkit ne lit que les fichiers du dossier de données, pour qu'un lien symbolique ne
fasse pas lire (ni publier dans une annexe) un fichier d'ailleurs.

Exemple conforme : fiches/bethune/fa-62-places.yaml, un fichier ordinaire lisible.

Exemple fautif : fiches/bethune/fa-62-places.yaml, lien vers /etc/passwd.
""",
    ),
    _rule(
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
    _rule(
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
    _rule(
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
    _rule(
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
    _rule(
        "SCH001",
        "cle-inconnue",
        """
Une clé n'appartient pas au format.

Pourquoi : une faute de frappe dans une clé (« descripton ») ferait disparaître la rubrique sans
bruit. Le message propose la clé la plus proche.

Exemple conforme :

    description: Une étude des places ...

Exemple fautif :

    descripton: Une étude des places ...
""",
    ),
    _rule(
        "SCH002",
        "cle-obligatoire",
        """
Une clé obligatoire manque.

Pourquoi : une fiche sans numéro, titre, collectivité, type ou sous-axe ne peut pas être placée
dans le plan d'action.

Exemple conforme :

    numero: 62
    titre: Aménagement des places en hypercentre

Exemple fautif :

    titre: Aménagement des places en hypercentre
""",
    ),
    _rule(
        "SCH003",
        "valeur-invalide",
        """
Une valeur n'a pas la forme attendue (texte, liste, valeur d'une liste fermée, date).

Pourquoi : les outils qui lisent les données (annexes, tableau ANCT) comptent sur ces formes.

Exemple conforme :

    type: etude

Exemple fautif :

    type: Etude d'opportunité
""",
    ),
    _rule(
        "SCH004",
        "montant-illisible",
        """
Un montant n'est pas un nombre.

Pourquoi : « 1 712 934 € » ou « douze » ne s'additionnent pas. Écrivez le nombre seul, sans
espace ni symbole, avec un point pour les centimes ; la base HT/TTC va dans `base`.

Exemple conforme :

    total: 1712934

Exemple fautif :

    total: "1 712 934 €"
""",
    ),
    _rule(
        "SCH005",
        "identifiant-invalide",
        """
Un identifiant de partenaire n'a pas la forme attendue.

Pourquoi : les identifiants sont écrits dans les fiches et des noms de fichiers ; ils s'écrivent
en minuscules, chiffres et tirets.

Exemple conforme :

    id: bruay-la-buissiere

Exemple fautif :

    id: Bruay La Buissière
""",
    ),
    _rule(
        "SCH006",
        "texte-trop-long",
        """
Un texte dépasse 32 767 caractères, ce que peut contenir une cellule de tableur.

Pourquoi : le tableur ANCT ne pourrait pas l'écrire ; le build échouerait, sans dire où. La
validation le dit, à la ligne du texte.

Exemple conforme : une description de quelques paragraphes.

Exemple fautif : une description de 40 000 caractères (un document entier collé).
""",
    ),
    _rule(
        "MON004",
        "montant-invalide",
        """
Un montant est négatif ou a plus de deux décimales.

Pourquoi : les montants d'un avenant sont des euros au centime ; « 100625.613 » vient d'un calcul
collé depuis un tableur, et un montant négatif n'a pas de sens dans un coût ou un financement.

Exemple conforme :

    montant: 100625.61

Exemple fautif :

    montant: 100625.613
""",
    ),
    _rule(
        "STR001",
        "fichier-hors-structure",
        """
Un fichier YAML est hors de la structure du dossier de données ; il n'est pas lu.

Pourquoi : une fiche posée à la racine ou dans un dossier mal nommé serait ignorée sans bruit.

Exemple conforme : data/fiches/bethune/fa-62-places.yaml

Exemple fautif : data/fa-62-places.yaml
""",
        Severity.WARNING,
    ),
    _rule(
        "STR002",
        "fichier-obligatoire",
        """
Un fichier obligatoire (programme.yaml, partenaires.yaml) manque.

Pourquoi : sans le programme, pas de période pour vérifier les dates ; sans les partenaires, pas
de référence pour les financeurs.

Exemple conforme : data/programme.yaml et data/partenaires.yaml existent.

Exemple fautif : data/ ne contient que fiches/.
""",
    ),
    _rule(
        "STR003",
        "dossier-illisible",
        """
Un dossier du dossier de données ne peut pas être parcouru (permission refusée), ou `fiches`,
`axes` ou `indicateurs` n'est pas un dossier (fichier ordinaire, lien symbolique).

Pourquoi : les fiches d'un dossier illisible manqueraient sans bruit aux totaux et aux annexes ;
`acv costs` et `acv build` refusent de travailler sur un jeu incomplet.

Exemple conforme : data/fiches/bethune/, dossier lisible.

Exemple fautif : data/fiches/bethune/ en mode 000, ou data/fiches, fichier vide.
""",
    ),
]

ENGINE_RULES = [
    _rule(
        "SUP001",
        "suppression-sans-raison",
        """
Un commentaire `# acv: ignore[CODE]` ne dit pas pourquoi.

Pourquoi : faire taire une règle est une décision que le relecteur doit pouvoir juger ; la raison
s'écrit après le crochet. La suppression s'applique quand même.

Exemple conforme :

    livraison: 2027-2029  # acv: ignore[CAL003] travaux phasés validés en comité de projet

Exemple fautif :

    livraison: 2027-2029  # acv: ignore[CAL003]
""",
        Severity.WARNING,
    ),
    _rule(
        "SUP002",
        "suppression-inutile",
        """
Un commentaire `# acv: ignore[CODE]` ne fait taire aucun diagnostic.

Pourquoi : une suppression oubliée après correction ferait taire un futur vrai problème.

Exemple conforme : la suppression est retirée une fois la date corrigée.

Exemple fautif :

    livraison: Fin 2026  # acv: ignore[CAL003] ancienne date 2027-2029
""",
        Severity.WARNING,
    ),
    _rule(
        "SUP003",
        "suppression-regle-inconnue",
        """
Un commentaire `# acv: ignore[CODE]` nomme une règle qui n'existe pas.

Pourquoi : une faute de frappe dans le code ne fait rien taire ; mieux vaut le dire.

Exemple conforme :

    livraison: 2027-2029  # acv: ignore[CAL003] phasage validé

Exemple fautif :

    livraison: 2027-2029  # acv: ignore[CAL03] phasage validé
""",
    ),
    _rule(
        "SUP004",
        "suppression-mal-ecrite",
        """
Un commentaire `# acv:` n'a pas la forme `# acv: ignore[CODE] raison` (crochet non fermé, aucun
code, mot autre que `ignore`).

Pourquoi : un tel commentaire ne fait rien taire, alors que son auteur le croit ; mieux vaut le
dire que laisser croire le diagnostic accepté.

Exemple conforme :

    livraison: 2027-2029  # acv: ignore[CAL003] phasage validé

Exemple fautif :

    livraison: 2027-2029  # acv: ignore[CAL003 phasage validé
""",
    ),
]
