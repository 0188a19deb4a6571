"""Words of the WBS (stages, gates, task names, scope items) and of the generated portfolio.

Typographic en dashes in the names are intended, as Microsoft Project users write them.
"""

from __future__ import annotations

from pmo_desktop.services.demo.texts import (
    ARCH,
    BA,
    CHANGE,
    DATA,
    DEV,
    INFRA,
    PM,
    PO,
    SEC,
    TEST,
    UX,
    Bilingual,
)

#: Between a task verb and its scope item (an en dash, as in "Technical design - Putaway").
SEPARATOR = " – "

STAGES: tuple[Bilingual, ...] = (
    ("Initiation", "Initialisation"),
    ("Planning", "Planification"),
    ("Design", "Conception"),
    ("Build", "Réalisation"),
    ("Test", "Recette"),
    ("Deployment", "Déploiement"),
    ("Closure", "Clôture"),
)
GATES: tuple[Bilingual, ...] = (
    ("Gate 1 – Initiation approved", "Jalon 1 – Lancement validé"),
    ("Gate 2 – Plan approved", "Jalon 2 – Planning validé"),
    ("Gate 3 – Design signed off", "Jalon 3 – Conception validée"),
    ("Gate 4 – Build complete", "Jalon 4 – Réalisation terminée"),
    ("Gate 5 – Ready for go-live", "Jalon 5 – Bon pour mise en production"),
    ("Gate 6 – Go-live", "Jalon 6 – Mise en production"),
    ("Gate 7 – Project closed", "Jalon 7 – Projet clôturé"),
)
HYBRID_PHASES: tuple[Bilingual, ...] = (
    ("Initiation", "Initialisation"),
    ("Design", "Conception"),
    ("Iterative build", "Réalisation itérative"),
    ("Deployment", "Déploiement"),
    ("Closure", "Clôture"),
)
HYBRID_STAGE_INDEX = (0, 2, 3, 5, 6)

#: Tasks of the stages that are not broken down per scope item: (name, role).
FIXED_TASKS: dict[int, tuple[tuple[Bilingual, str], ...]] = {
    0: (
        (("Project charter", "Charte projet"), PM),
        (("Stakeholder mapping", "Cartographie des parties prenantes"), PM),
        (("Business case", "Dossier d'opportunité"), BA),
        (("Kick-off meeting", "Réunion de lancement"), PM),
        (("Initial risk assessment", "Analyse de risques initiale"), PM),
    ),
    1: (
        (("Detailed schedule", "Planning détaillé"), PM),
        (("Resource plan", "Plan de charge"), PM),
        (("Budget baseline", "Budget de référence"), PM),
        (("Communication plan", "Plan de communication"), CHANGE),
        (("Quality & test strategy", "Stratégie qualité et recette"), TEST),
        (("Procurement strategy", "Stratégie d'achat"), PM),
    ),
    5: (
        (("Cutover plan", "Plan de bascule"), PM),
        (("Key-user training", "Formation des utilisateurs clés"), CHANGE),
        (("Dress rehearsal", "Répétition générale"), TEST),
        (("Final data migration", "Reprise des données définitive"), DATA),
        (("Production deployment", "Déploiement en production"), INFRA),
        (("Hypercare", "Support renforcé (hypercare)"), DEV),
    ),
    6: (
        (("Lessons learned workshop", "Atelier retour d'expérience"), PM),
        (("Handover to operations", "Transfert au run"), ARCH),
        (("Project closure report", "Rapport de clôture"), PM),
        (("Contract closure", "Clôture des contrats"), PM),
    ),
}

#: Per scope item tasks of the Design, Build and Test stages: (name, role).
ITEM_TASKS: dict[int, tuple[tuple[Bilingual, str], ...]] = {
    2: (
        (("Functional specification", "Spécifications fonctionnelles"), BA),
        (("Technical design", "Conception technique"), ARCH),
        (("Data model", "Modèle de données"), DATA),
        (("Design review", "Revue de conception"), ARCH),
    ),
    3: (
        (("Configuration", "Paramétrage"), DEV),
        (("Development", "Développements"), DEV),
        (("Interfaces", "Interfaces"), DEV),
        (("Data migration scripts", "Scripts de reprise"), DATA),
        (("Unit testing", "Tests unitaires"), DEV),
    ),
    4: (
        (("Test cases", "Cahier de recette"), TEST),
        (("System testing", "Tests système"), TEST),
        (("Integration testing", "Tests d'intégration"), TEST),
        (("User acceptance testing", "Recette utilisateur"), BA),
        (("Defect fixing", "Correction des anomalies"), DEV),
    ),
}

SPRINT_TASKS: tuple[tuple[Bilingual, str], ...] = (
    (("Backlog refinement", "Affinage du backlog"), PO),
    (("UX design", "Maquettes UX"), UX),
    (("Development", "Développement"), DEV),
    (("API integration", "Intégration API"), DEV),
    (("Testing", "Tests"), TEST),
    (("Data pipeline", "Chaîne de données"), DATA),
)
SPRINT: Bilingual = ("Sprint {n}", "Sprint {n}")
SPRINT_REVIEW: Bilingual = ("Sprint {n} review", "Revue du sprint {n}")
RELEASE: Bilingual = ("Release {n}", "Lot {n}")
RELEASE_FIRST: Bilingual = ("Release 1 – MVP", "Lot 1 – MVP")
RELEASE_LIVE: Bilingual = ("Release {n} go-live", "Mise en production du lot {n}")
PART: Bilingual = ("part {n}", "partie {n}")

GENERIC_ITEMS: tuple[Bilingual, ...] = (
    ("Customer accounts", "Comptes clients"),
    ("Orders", "Commandes"),
    ("Invoicing", "Facturation"),
    ("Payments", "Paiements"),
    ("Reporting", "Reporting"),
    ("Master data", "Données de référence"),
    ("Pricing", "Tarification"),
    ("Inventory", "Stocks"),
    ("Workflow", "Workflow"),
    ("Notifications", "Notifications"),
    ("Document management", "Gestion documentaire"),
    ("Access rights", "Habilitations"),
    ("Dashboards", "Tableaux de bord"),
    ("Search", "Recherche"),
    ("Mobile access", "Accès mobile"),
    ("Archiving", "Archivage"),
    ("Partner portal", "Portail partenaires"),
    ("Planning engine", "Moteur de planification"),
    ("Audit trail", "Piste d'audit"),
    ("Integration hub", "Plateforme d'échanges"),
)

#: Large-scale project names: English are "area object action", French "action object area".
LARGE_AREAS: tuple[Bilingual, ...] = (
    ("Sales", "Ventes"),
    ("Finance", "Finance"),
    ("Procurement", "Achats"),
    ("HR", "RH"),
    ("Logistics", "Logistique"),
    ("Manufacturing", "Production"),
    ("Marketing", "Marketing"),
    ("Quality", "Qualité"),
    ("Customer Service", "Service client"),
    ("Legal", "Juridique"),
)
LARGE_OBJECTS: tuple[Bilingual, ...] = (
    ("Portal", "portail"),
    ("CRM", "CRM"),
    ("Data Warehouse", "entrepôt de données"),
    ("Billing System", "système de facturation"),
    ("Reporting Suite", "outil de reporting"),
    ("Workflow Platform", "socle de workflow"),
    ("Document Management", "système documentaire"),
    ("Mobile App", "applicatif mobile"),
    ("Integration Layer", "socle d'intégration"),
    ("Planning Tool", "outil de planification"),
)
LARGE_ACTIONS: tuple[Bilingual, ...] = (
    ("Upgrade", "Montée de version du"),
    ("Rollout", "Déploiement du"),
    ("Modernisation", "Modernisation du"),
    ("Migration", "Migration du"),
    ("Replacement", "Remplacement du"),
)
LARGE_PROGRAMMES: tuple[Bilingual, ...] = (
    ("Digital Customer Experience", "Expérience client digitale"),
    ("Finance Transformation", "Transformation Finance"),
    ("Supply Chain Excellence", "Excellence Supply Chain"),
    ("Cyber & Compliance", "Cybersécurité et conformité"),
    ("Data & Analytics", "Données et analytique"),
    ("Workplace of the Future", "Environnement de travail"),
    ("Industry 4.0", "Industrie 4.0"),
    ("Cloud Journey", "Trajectoire Cloud"),
    ("Commercial Growth", "Croissance commerciale"),
    ("People & HR", "RH et talents"),
)
FIRST_NAMES = (
    "Sophie",
    "Julien",
    "Camille",
    "Nicolas",
    "Émilie",
    "Thomas",
    "Claire",
    "Antoine",
    "Manon",
    "Hugo",
    "Léa",
    "Maxime",
    "Chloé",
    "Lucas",
    "Sarah",
    "Romain",
    "Pauline",
    "Mathieu",
    "Inès",
    "Karim",
    "James",
    "Emma",
    "Oliver",
    "Priya",
    "Daniel",
    "Hannah",
    "Michael",
    "Grace",
    "Samuel",
    "Charlotte",
    "Ravi",
    "Laura",
    "Ben",
    "Olivia",
)
LAST_NAMES = (
    "Martin",
    "Bernard",
    "Dubois",
    "Laurent",
    "Moreau",
    "Lefebvre",
    "Girard",
    "Roux",
    "Fournier",
    "Mercier",
    "Blanc",
    "Garnier",
    "Faure",
    "Chevalier",
    "Lambert",
    "Rousseau",
    "Robin",
    "Benali",
    "Haddad",
    "Whitfield",
    "Clarke",
    "Bennett",
    "Shah",
    "O'Connor",
    "Lewis",
    "Turner",
    "Patel",
    "Hughes",
    "Evans",
    "Kumar",
    "Mitchell",
    "Carter",
    "Reed",
)
LARGE_ROLE_SHARES: tuple[tuple[str, int], ...] = (
    (DEV, 28),
    (TEST, 12),
    (BA, 12),
    (PM, 9),
    (ARCH, 7),
    (DATA, 8),
    (CHANGE, 5),
    (UX, 4),
    (INFRA, 7),
    (SEC, 3),
    (PO, 5),
)
LARGE_DEPARTMENTS: dict[str, str] = {
    DEV: "DSI – Études et développement",
    TEST: "DSI – Qualité",
    BA: "DSI – Études et développement",
    PM: "PMO",
    ARCH: "DSI – Architecture",
    DATA: "DSI – Data",
    CHANGE: "Ressources humaines",
    UX: "Marketing & Digital",
    INFRA: "DSI – Infrastructure & Cloud",
    SEC: "Sécurité des SI",
    PO: "Marketing & Digital",
}
