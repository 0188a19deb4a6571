"""Bilingual wording of issues, assumptions, decisions, changes, lessons and status reports."""

from __future__ import annotations

from pmo_desktop.services.demo.texts import Bilingual

#: Issues: title, description, resolution.
ISSUES: tuple[tuple[Bilingual, Bilingual, Bilingual], ...] = (
    (
        (
            "Test environment down for three days",
            "Environnement de recette indisponible trois jours",
        ),
        ("Storage failure on the shared test cluster.", "Panne de stockage du cluster de recette."),
        ("Restored from backup; monitoring added.", "Restauré depuis la sauvegarde ; supervision."),
    ),
    (
        (
            "Vendor has not delivered the {item} interface specification",
            "Spécification d'interface {item} non livrée par l'éditeur",
        ),
        ("Due four weeks ago; blocks the technical design.", "Attendue il y a quatre semaines."),
        ("Specification received after escalation.", "Reçue après escalade."),
    ),
    (
        ("Key developer resigned", "Démission d'un développeur clé"),
        (
            "Notice period of one month; knowledge transfer needed.",
            "Préavis d'un mois ; transfert de connaissances nécessaire.",
        ),
        ("Replacement onboarded from the contractor pool.", "Remplaçant intégré depuis le pool."),
    ),
    (
        (
            "Defect backlog growing faster than fixes",
            "Le stock d'anomalies croît plus vite que les corrections",
        ),
        (
            "More than 120 open defects, 15 blocking.",
            "Plus de 120 anomalies ouvertes, 15 bloquantes.",
        ),
        (
            "Defect triage twice a week; two extra developers.",
            "Triage bi-hebdomadaire ; deux renforts.",
        ),
    ),
    (
        ("Contractor spend above forecast", "Dépenses de prestataires au-dessus de la prévision"),
        (
            "Time and materials overrun on the build phase.",
            "Dépassement en régie sur la réalisation.",
        ),
        ("Moved to fixed-price work packages.", "Passage en lots au forfait."),
    ),
    (
        ("Purchase order approval delayed", "Retard de validation du bon de commande"),
        ("Finance requires a third quote.", "La finance exige un troisième devis."),
        ("PO approved by the CFO.", "Bon de commande validé par la DAF."),
    ),
    (
        ("Performance issue in pre-production", "Problème de performance en préproduction"),
        ("Batch of {item} takes 9 hours instead of 2.", "Le batch {item} dure 9 h au lieu de 2."),
        ("Index added and batch parallelised.", "Index ajouté et batch parallélisé."),
    ),
    (
        ("No data owner for {item}", "Pas de propriétaire de données pour {item}"),
        ("Nobody signs off the migration rules.", "Personne ne valide les règles de reprise."),
        (
            "Data owner appointed by the business director.",
            "Propriétaire nommé par le directeur métier.",
        ),
    ),
)

ASSUMPTIONS: tuple[Bilingual, ...] = (
    (
        "Business experts are available two days a week",
        "Les experts métier sont disponibles deux jours par semaine",
    ),
    (
        "The vendor API is stable by the end of design",
        "L'API de l'éditeur est stable à la fin de la conception",
    ),
    (
        "No change freeze beyond mid-December",
        "Pas de gel des changements au-delà de la mi-décembre",
    ),
    (
        "The legacy system stays supported until go-live",
        "Le système existant reste supporté jusqu'à la mise en production",
    ),
    (
        "Next year's budget is approved in the October committee",
        "Le budget de l'an prochain est voté au comité d'octobre",
    ),
    (
        "The cloud landing zone is ready before the build phase",
        "La landing zone cloud est prête avant la réalisation",
    ),
    ("Users are trained in waves of fifty", "Les utilisateurs sont formés par vagues de cinquante"),
    (
        "Data volumes grow less than 10 % a year",
        "Les volumes de données croissent de moins de 10 % par an",
    ),
)

#: Decisions: title, outcome when taken.
DECISIONS: tuple[tuple[Bilingual, Bilingual], ...] = (
    (
        ("Confirm the go-live date of {item}", "Confirmer la date de mise en production de {item}"),
        ("Date confirmed by the steering committee.", "Date confirmée par le comité de pilotage."),
    ),
    (
        ("Big-bang or phased rollout", "Déploiement en big-bang ou par vagues"),
        ("Phased rollout, site by site.", "Déploiement par vagues, site par site."),
    ),
    (
        ("Additional budget for contractors", "Budget complémentaire pour les prestataires"),
        (
            "Approved within the contingency.",
            "Accordé dans la limite de la provision pour risques.",
        ),
    ),
    (
        ("Move {item} to the next release", "Décaler {item} au lot suivant"),
        ("Descoped to the next release.", "Reporté au lot suivant."),
    ),
    (
        ("Select the integrator for the build phase", "Choisir l'intégrateur de la réalisation"),
        ("Integrator selected after the tender.", "Intégrateur retenu après appel d'offres."),
    ),
    (
        ("Extend hypercare by four weeks", "Prolonger l'hypercare de quatre semaines"),
        ("Extension approved.", "Prolongation accordée."),
    ),
    (
        (
            "Use offshore testing for regression",
            "Recourir à la recette offshore pour la non-régression",
        ),
        ("Approved for regression only.", "Accepté pour la non-régression uniquement."),
    ),
)

#: Change requests: title, scope impact.
CHANGES: tuple[tuple[Bilingual, Bilingual], ...] = (
    (
        ("Add {item} to the scope", "Ajout de {item} au périmètre"),
        (
            "New functional area requested by the business.",
            "Nouveau domaine demandé par le métier.",
        ),
    ),
    (
        ("Move the go-live date", "Décalage de la date de mise en production"),
        ("Schedule only, no scope change.", "Planning uniquement, périmètre inchangé."),
    ),
    (
        ("Extra interface for {item}", "Interface supplémentaire pour {item}"),
        ("One more outbound flow.", "Un flux sortant supplémentaire."),
    ),
    (
        ("Extend data migration to ten years of history", "Reprise de dix ans d'historique"),
        ("Migration volume multiplied by three.", "Volume de reprise multiplié par trois."),
    ),
    (
        (
            "Replace an on-premise component with SaaS",
            "Remplacement d'un composant on-premise par du SaaS",
        ),
        (
            "Architecture change, licence model change.",
            "Changement d'architecture et de modèle de licence.",
        ),
    ),
)
REPLAN_CHANGE: tuple[Bilingual, Bilingual] = (
    ("Re-plan after supplier delay", "Re-planification suite au retard fournisseur"),
    ("Revised schedule and phasing of the rollout.", "Planning révisé et phasage du déploiement."),
)

#: Lessons: title, category, tags, recommendation.
LESSONS: tuple[tuple[Bilingual, str, str, Bilingual], ...] = (
    (
        (
            "Business experts must be booked before kick-off",
            "Réserver les experts métier avant le lancement",
        ),
        "Stakeholders",
        "resources;business;planning",
        (
            "Secure named experts and their managers' agreement in the charter.",
            "Inscrire les experts nommés et l'accord de leurs managers dans la charte.",
        ),
    ),
    (
        ("Data migration rehearsals start too late", "Répétitions de reprise trop tardives"),
        "Technical",
        "data;migration;testing",
        (
            "Plan three rehearsals, the first one before system testing.",
            "Prévoir trois répétitions, la première avant les tests système.",
        ),
    ),
    (
        ("Fixed-price lots protect the budget", "Les lots au forfait protègent le budget"),
        "Vendor management",
        "supplier;contract;cost",
        (
            "Prefer fixed-price work packages once the design is signed off.",
            "Privilégier le forfait une fois la conception validée.",
        ),
    ),
    (
        (
            "Test environments as code save weeks",
            "Les environnements par code font gagner des semaines",
        ),
        "Technical",
        "environments;cloud;testing",
        (
            "Provision every environment from templates in the landing zone.",
            "Provisionner tous les environnements à partir de modèles.",
        ),
    ),
    (
        ("Champions network drives adoption", "Le réseau d'ambassadeurs porte l'adoption"),
        "Change management",
        "change;adoption;training",
        (
            "Name one champion per site and give them early access.",
            "Nommer un ambassadeur par site et lui donner un accès anticipé.",
        ),
    ),
    (
        ("Sprint reviews with real users", "Revues de sprint avec de vrais utilisateurs"),
        "Stakeholders",
        "agile;users;feedback",
        (
            "Invite end users, not only managers, to every review.",
            "Inviter des utilisateurs finaux, pas seulement des managers, à chaque revue.",
        ),
    ),
    (
        (
            "Contingency must be managed at programme level",
            "Gérer la provision pour risques au niveau programme",
        ),
        "Planning",
        "budget;contingency;governance",
        (
            "Pool contingency in the programme and release it by decision.",
            "Mutualiser la provision au niveau programme, la libérer par décision.",
        ),
    ),
)

#: Status commentary by RAG, with ``{phase}``, ``{pct}`` and ``{slip}``.
COMMENTARY: dict[str, tuple[Bilingual, ...]] = {
    "G": (
        (
            "On track. {phase} progressing as planned ({pct} % complete); no escalation needed.",
            "Projet dans les temps. La phase {phase} avance comme prévu ({pct} % réalisé) ; aucun "
            "point d'escalade.",
        ),
        (
            "Milestones of the month met. Team fully staffed; budget consumption in line.",
            "Jalons du mois tenus. Équipe au complet ; consommation budgétaire conforme.",
        ),
        (
            "Good progress on {phase}; risks under control. Next gate expected on plan.",
            "Bonne avancée de la phase {phase} ; risques maîtrisés. Prochain jalon attendu à la "
            "date prévue.",
        ),
    ),
    "A": (
        (
            "{phase} is {slip} working days behind baseline; recovery plan in place, tracked "
            "weekly.",
            "La phase {phase} a {slip} jours ouvrés de retard sur la référence ; plan de "
            "rattrapage suivi chaque semaine.",
        ),
        (
            "Some tension on resources and contractor costs; forecast under review ({pct} % "
            "complete).",
            "Tensions sur les ressources et les coûts de prestation ; prévision en cours de revue "
            "({pct} % réalisé).",
        ),
        (
            "Dependencies on other projects put the next gate at risk; mitigation agreed with the "
            "programme.",
            "Les dépendances avec d'autres projets menacent le prochain jalon ; mesures convenues "
            "avec le programme.",
        ),
    ),
    "R": (
        (
            "Critical path impacted: forecast finish slips by {slip} working days. Steering "
            "committee decision needed.",
            "Chemin critique impacté : la fin prévue glisse de {slip} jours ouvrés. Arbitrage du "
            "comité de pilotage nécessaire.",
        ),
        (
            "Cost overrun confirmed and {phase} late; re-plan and additional funding requested.",
            "Dépassement budgétaire confirmé et phase {phase} en retard ; re-planification et "
            "budget complémentaire demandés.",
        ),
    ),
}
ON_HOLD: Bilingual = (
    "Project on hold pending budget review; team partly released.",
    "Projet suspendu dans l'attente de la revue budgétaire ; équipe partiellement libérée.",
)
CLOSED: Bilingual = (
    "Project delivered; hypercare complete and handover to operations signed.",
    "Projet livré ; hypercare terminé et transfert au run signé.",
)
ACHIEVED: Bilingual = ("Completed: {tasks}.", "Réalisé : {tasks}.")
NO_ACHIEVEMENT: Bilingual = (
    "Workshops and preparation work with the business teams.",
    "Ateliers et travaux préparatoires avec les équipes métier.",
)
CONCERNS: Bilingual = ("Top risks: {risks}.", "Risques principaux : {risks}.")
DECISIONS_NEEDED: Bilingual = ("Decision needed: {decisions}.", "Décision attendue : {decisions}.")

PORTFOLIO_ISSUE: tuple[Bilingual, Bilingual] = (
    (
        "Monthly reporting arrives late from two programmes",
        "Les reportings mensuels de deux programmes arrivent en retard",
    ),
    (
        "Status reports are due on the 5th working day; two programmes send them on the 10th.",
        "Les rapports sont attendus au 5e jour ouvré ; deux programmes les envoient au 10e.",
    ),
)
PORTFOLIO_ASSUMPTION: Bilingual = (
    "Transformation budget stays at 4 % of revenue next year",
    "Le budget de transformation reste à 4 % du chiffre d'affaires l'an prochain",
)
PORTFOLIO_DECISIONS: tuple[Bilingual, ...] = (
    (
        "Prioritise next year's portfolio against the strategic objectives",
        "Arbitrer le portefeuille de l'an prochain selon les objectifs stratégiques",
    ),
    (
        "Release programme contingency to the ERP migration",
        "Débloquer la provision du programme pour la migration ERP",
    ),
)
CLOSED_PHASE: Bilingual = ("Closed", "Clôturé")
PROPOSED_PHASE: Bilingual = ("Pre-initiation", "Avant-projet")
