"""Les codes SCH et MON004 : le YAML est lu mais ne suit pas le format (clé, type, montant) ; documentation seule."""

from __future__ import annotations

from acvkit.rules.common.base import Rule

SCHEMA_CODES: list[Rule] = [
    Rule.documented(
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
    Rule.documented(
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
    Rule.documented(
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
    Rule.documented(
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
    Rule.documented(
        "SCH005",
        "identifiant-invalide",
        """
Un identifiant de partenaire n'a pas la forme attendue.

Pourquoi : les identifiants sont écrits dans les fiches et des noms de fichiers ; ils s'écrivent
en minuscules, chiffres et tirets.

Exemple conforme :

    id: ville-voisine

Exemple fautif :

    id: Ville Voisine
""",
    ),
    Rule.documented(
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
    Rule.documented(
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
]
