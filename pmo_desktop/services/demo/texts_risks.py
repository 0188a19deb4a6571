"""Bilingual risk templates: causes, effects, responses and mitigation actions."""

from __future__ import annotations

from dataclasses import dataclass

from pmo_desktop.services.demo.texts import Bilingual


@dataclass(frozen=True)
class RiskText:
    """A risk template; ``{item}`` is replaced by one of the project's scope items."""

    title: Bilingual
    cause: Bilingual
    effect: Bilingual
    category: str
    response: str
    plan: Bilingual
    actions: tuple[Bilingual, ...]
    opportunity: bool = False


RISKS: tuple[RiskText, ...] = (
    RiskText(
        (
            "Business experts unavailable for {item} workshops",
            "Indisponibilité des experts métier pour les ateliers {item}",
        ),
        (
            "Business teams are absorbed by month-end closing and the peak season.",
            "Les équipes métier sont mobilisées par les clôtures mensuelles et la haute saison.",
        ),
        (
            "Specifications arrive late and are reworked during testing.",
            "Spécifications en retard et reprises pendant la recette.",
        ),
        "Resources",
        "reduce",
        (
            "Book expert time with line managers; backfill with temporary staff.",
            "Réserver le temps des experts avec leurs managers ; renfort intérimaire.",
        ),
        (
            (
                "Agree the expert calendar with business leads",
                "Fixer le calendrier des experts avec les responsables métier",
            ),
            (
                "Escalate to the sponsor if no backfill is found",
                "Escalader au sponsor si aucun renfort n'est trouvé",
            ),
        ),
    ),
    RiskText(
        ("Integrator delivers {item} late", "Retard de livraison de l'intégrateur sur {item}"),
        (
            "The integrator has staffed the team with juniors and lost two seniors.",
            "L'intégrateur a staffé l'équipe avec des juniors et perdu deux seniors.",
        ),
        (
            "Build phase slips and the test window is compressed.",
            "Glissement de la réalisation et compression de la fenêtre de recette.",
        ),
        "Supplier",
        "transfer",
        (
            "Enforce delivery penalties; weekly delivery review with the account manager.",
            "Appliquer les pénalités de retard ; revue hebdomadaire avec le directeur de compte.",
        ),
        (
            ("Weekly delivery review with the integrator", "Revue hebdomadaire avec l'intégrateur"),
            ("Request CVs of replacement seniors", "Demander les CV des seniors remplaçants"),
            ("Activate penalty clause", "Activer la clause de pénalités"),
        ),
    ),
    RiskText(
        (
            "Poor quality of legacy data for {item}",
            "Qualité insuffisante des données historiques pour {item}",
        ),
        (
            "Duplicates and missing fields in the legacy system.",
            "Doublons et champs manquants dans le système existant.",
        ),
        (
            "Migration rehearsals fail; go-live postponed.",
            "Échec des répétitions de reprise ; report de la mise en production.",
        ),
        "Data",
        "reduce",
        (
            "Data cleansing sprint with data owners; quality dashboard before each rehearsal.",
            "Sprint de nettoyage avec les propriétaires de données ; tableau de bord qualité.",
        ),
        (
            ("Run data profiling on the legacy extract", "Profiler l'extraction des données"),
            ("Nominate a data owner per domain", "Nommer un propriétaire de données par domaine"),
        ),
    ),
    RiskText(
        ("Uncontrolled scope creep on {item}", "Dérive du périmètre sur {item}"),
        (
            "Stakeholders keep adding requirements after sign-off.",
            "Les parties prenantes ajoutent des exigences après validation.",
        ),
        ("Effort and cost exceed the baseline.", "Charge et coûts supérieurs à la référence."),
        "Scope",
        "avoid",
        (
            "Strict change control: every new requirement goes through a change request.",
            "Contrôle strict : toute nouvelle exigence passe par une demande de changement.",
        ),
        (
            (
                "Publish the change control procedure",
                "Diffuser la procédure de gestion des changements",
            ),
            ("Review the backlog with the sponsor", "Revoir le backlog avec le sponsor"),
        ),
    ),
    RiskText(
        (
            "Legacy interface more complex than estimated",
            "Interface avec l'existant plus complexe que prévu",
        ),
        (
            "Undocumented batch jobs and custom code in the legacy system.",
            "Traitements batch non documentés et code spécifique dans l'existant.",
        ),
        (
            "Additional development effort and integration defects.",
            "Charge de développement supplémentaire et anomalies d'intégration.",
        ),
        "Technical",
        "reduce",
        (
            "Proof of concept on the riskiest interface before the build phase.",
            "Preuve de concept sur l'interface la plus risquée avant la réalisation.",
        ),
        (
            ("Run the interface proof of concept", "Réaliser la preuve de concept d'interface"),
            ("Reverse-engineer the batch chain", "Rétro-documenter la chaîne batch"),
        ),
    ),
    RiskText(
        (
            "Response times miss targets at peak load",
            "Temps de réponse hors objectifs en charge de pointe",
        ),
        (
            "Volumes were estimated on last year's figures.",
            "Les volumes ont été estimés sur les chiffres de l'an dernier.",
        ),
        (
            "Users reject the solution; business continuity at stake.",
            "Rejet par les utilisateurs ; continuité d'activité menacée.",
        ),
        "Technical",
        "reduce",
        (
            "Performance test campaign with production-like volumes.",
            "Campagne de tests de performance avec des volumes représentatifs.",
        ),
        (
            ("Prepare the performance test plan", "Préparer le plan de tests de performance"),
            ("Size the production infrastructure", "Dimensionner l'infrastructure de production"),
        ),
    ),
    RiskText(
        ("Low adoption by end users", "Faible adoption par les utilisateurs finaux"),
        (
            "Previous tools were abandoned; change fatigue in the teams.",
            "Outils précédents abandonnés ; lassitude du changement dans les équipes.",
        ),
        ("Benefits are not realised.", "Les bénéfices attendus ne sont pas atteints."),
        "Change",
        "reduce",
        (
            "Change network of champions, hands-on training, adoption KPIs.",
            "Réseau d'ambassadeurs, formations pratiques, indicateurs d'adoption.",
        ),
        (
            ("Recruit one champion per site", "Recruter un ambassadeur par site"),
            ("Define adoption KPIs", "Définir les indicateurs d'adoption"),
            ("Plan training waves", "Planifier les vagues de formation"),
        ),
    ),
    RiskText(
        (
            "Licence costs increase after vendor repricing",
            "Hausse des coûts de licences après révision tarifaire de l'éditeur",
        ),
        (
            "The vendor moves to subscription pricing next year.",
            "L'éditeur passe à une tarification par abonnement l'an prochain.",
        ),
        (
            "Run costs exceed the business case.",
            "Coûts de run supérieurs au dossier d'opportunité.",
        ),
        "Commercial",
        "transfer",
        (
            "Negotiate a multi-year price cap with procurement.",
            "Négocier un plafonnement pluriannuel avec les achats.",
        ),
        (("Open the negotiation with the vendor", "Ouvrir la négociation avec l'éditeur"),),
    ),
    RiskText(
        (
            "Regulation changes before go-live",
            "Évolution réglementaire avant la mise en production",
        ),
        ("Implementing acts are still being drafted.", "Les textes d'application sont en cours."),
        ("Rework of {item} and late compliance.", "Reprise de {item} et conformité tardive."),
        "Regulatory",
        "accept",
        (
            "Monitor publications with Legal; keep the rules configurable.",
            "Veille avec la direction juridique ; règles paramétrables.",
        ),
        (
            (
                "Monthly regulatory watch with Legal",
                "Veille réglementaire mensuelle avec le juridique",
            ),
        ),
    ),
    RiskText(
        (
            "Penetration test finds critical vulnerabilities",
            "Le test d'intrusion révèle des vulnérabilités critiques",
        ),
        ("New external exposure of {item}.", "Nouvelle exposition externe de {item}."),
        ("Go-live blocked by the CISO.", "Mise en production bloquée par le RSSI."),
        "Security",
        "reduce",
        (
            "Security by design reviews; early pentest on the first release.",
            "Revues de sécurité dès la conception ; test d'intrusion dès le premier lot.",
        ),
        (
            ("Schedule the pentest", "Planifier le test d'intrusion"),
            ("Threat modelling workshop", "Atelier d'analyse de menaces"),
        ),
    ),
    RiskText(
        (
            "Test environments not available on time",
            "Environnements de recette non disponibles à temps",
        ),
        (
            "Infrastructure team is shared with the data centre exit.",
            "L'équipe infrastructure est partagée avec la sortie du datacenter.",
        ),
        ("Test campaigns start late.", "Démarrage tardif des campagnes de recette."),
        "Technical",
        "reduce",
        (
            "Provision environments as code in the cloud landing zone.",
            "Provisionner les environnements par code dans la landing zone cloud.",
        ),
        (
            ("Order the test environments", "Commander les environnements de recette"),
            ("Automate provisioning", "Automatiser le provisionnement"),
        ),
    ),
    RiskText(
        (
            "Single point of knowledge on the legacy system",
            "Dépendance à une seule personne sur le système existant",
        ),
        (
            "Only one developer knows the legacy code and retires next year.",
            "Un seul développeur connaît le code existant et part en retraite l'an prochain.",
        ),
        (
            "Migration and support stall if he is absent.",
            "Blocage de la reprise et du support en son absence.",
        ),
        "Resources",
        "reduce",
        (
            "Pair programming and knowledge transfer sessions recorded on video.",
            "Binômage et sessions de transfert de connaissances enregistrées.",
        ),
        (("Plan knowledge transfer sessions", "Planifier les transferts de connaissances"),),
    ),
    RiskText(
        (
            "Cutover window too short for data migration",
            "Fenêtre de bascule trop courte pour la reprise de données",
        ),
        (
            "Only one weekend is available between two closing periods.",
            "Un seul week-end disponible entre deux clôtures.",
        ),
        (
            "Go-live slips to the next window, three months later.",
            "Report de la mise en production à la fenêtre suivante, trois mois plus tard.",
        ),
        "Schedule",
        "fallback",
        (
            "Rehearse the cutover twice; prepare a rollback plan.",
            "Deux répétitions de bascule ; plan de retour arrière.",
        ),
        (
            ("First cutover rehearsal", "Première répétition de bascule"),
            ("Write the rollback plan", "Rédiger le plan de retour arrière"),
        ),
    ),
    RiskText(
        ("Hardware delivery lead times", "Délais de livraison du matériel"),
        ("Component shortage announced by the supplier.", "Pénurie de composants annoncée."),
        ("Site rollouts delayed.", "Retard des déploiements sur site."),
        "Supplier",
        "reduce",
        (
            "Order early with a partial delivery schedule.",
            "Commander au plus tôt avec un échéancier de livraisons partielles.",
        ),
        (("Place the framework order", "Passer la commande cadre"),),
    ),
    RiskText(
        (
            "Reuse of components from a sister project",
            "Réutilisation de composants d'un projet frère",
        ),
        (
            "The programme already built similar connectors.",
            "Le programme a déjà réalisé des connecteurs similaires.",
        ),
        (
            "Build effort for {item} could drop by 20 %.",
            "La charge de réalisation de {item} pourrait baisser de 20 %.",
        ),
        "Technical",
        "exploit",
        (
            "Assess the connectors with the programme architect.",
            "Évaluer les connecteurs avec l'architecte du programme.",
        ),
        (
            (
                "Technical assessment of the reusable connectors",
                "Évaluation technique des connecteurs réutilisables",
            ),
        ),
        True,
    ),
    RiskText(
        ("Early decommissioning of legacy licences", "Décommissionnement anticipé des licences"),
        (
            "Contract renewal date falls after the new go-live.",
            "La date de renouvellement tombe après la nouvelle mise en production.",
        ),
        ("Run cost savings if go-live holds.", "Économies de run si la date est tenue."),
        "Commercial",
        "enhance",
        (
            "Align the go-live with the termination notice period.",
            "Aligner la mise en production sur le préavis de résiliation.",
        ),
        (("Send the termination notice", "Envoyer le préavis de résiliation"),),
        True,
    ),
)

PORTFOLIO_RISKS: tuple[tuple[Bilingual, str], ...] = (
    (
        (
            "Architects over-committed across programmes",
            "Architectes surchargés sur plusieurs programmes",
        ),
        "Resources",
    ),
    (
        (
            "Budget freeze in H2 if revenue targets are missed",
            "Gel budgétaire au second semestre si les objectifs de chiffre d'affaires sont manqués",
        ),
        "Financial",
    ),
    (
        ("Contractor day-rate inflation", "Inflation des taux journaliers des prestataires"),
        "Commercial",
    ),
)

PORTFOLIO_ACTION: Bilingual = (
    "Review at the monthly portfolio board",
    "Revue au comité de portefeuille mensuel",
)
