<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="en">
<context>
    <name>Application</name>
    <message>
        <source>Cannot open the database</source>
        <translation>Impossible d&apos;ouvrir la base de données</translation>
    </message>
    <message>
        <source>PMO Desktop</source>
        <translation>PMO Desktop</translation>
    </message>
    <message>
        <source>Welcome to PMO Desktop</source>
        <translation>Bienvenue dans PMO Desktop</translation>
    </message>
    <message>
        <source>Create the demo portfolio to explore PMO Desktop?</source>
        <translation>Créer le portefeuille de démonstration pour découvrir PMO Desktop&#x202f;?</translation>
    </message>
    <message>
        <source>Upgrade the database?</source>
        <translation>Mettre à jour la base de données&#x202f;?</translation>
    </message>
    <message>
        <source>This database was made by an older version of PMO Desktop (schema {current}). Upgrade it to schema {head}? A backup copy is made first. If you do not upgrade, it opens read-only.</source>
        <translation>Cette base de données a été créée par une version antérieure de PMO Desktop (schéma {current}). La mettre à jour vers le schéma {head}&#x202f;? Une copie de sauvegarde est faite auparavant. Sans mise à jour, elle s&apos;ouvre en lecture seule.</translation>
    </message>
</context>
<context>
    <name>DatabaseStatus</name>
    <message>
        <source>User: {name}</source>
        <translation>Utilisateur&#xa0;: {name}</translation>
    </message>
    <message>
        <source>Database: {name}</source>
        <translation>Base de données&#xa0;: {name}</translation>
    </message>
    <message>
        <source>read-only: {reason}</source>
        <translation>lecture seule&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>As of: {date}</source>
        <translation>Situation au {date}</translation>
    </message>
</context>
<context>
    <name>DemoCreation</name>
    <message>
        <source>Demo portfolio</source>
        <extracomment>`create_demo(engine, *, scale, seed, as_of, progress) -&gt; DemoSummary` or a stand-in. Emitted once the job is over, whatever its outcome; True when the demo was created.</extracomment>
        <translation>Portefeuille de démonstration</translation>
    </message>
    <message>
        <source>{name} is read-only ({reason}).</source>
        <translation>{name} est en lecture seule ({reason}).</translation>
    </message>
    <message>
        <source>The demo portfolio is not available in this version.</source>
        <translation>Le portefeuille de démonstration n&apos;est pas disponible dans cette version.</translation>
    </message>
    <message>
        <source>Creating the demo portfolio…</source>
        <translation>Création du portefeuille de démonstration…</translation>
    </message>
    <message>
        <source>The demo portfolio could not be created: {error}</source>
        <translation>Le portefeuille de démonstration n&apos;a pas pu être créé&#xa0;: {error}</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Open database</source>
        <translation>Ouvrir une base de données</translation>
    </message>
    <message>
        <source>New database</source>
        <translation>Nouvelle base de données</translation>
    </message>
    <message>
        <source>PMO Desktop databases (*.sqlite *.db)</source>
        <translation>Bases de données PMO Desktop (*.sqlite *.db)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Tous les fichiers (*)</translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <source>This database has no portfolio yet</source>
        <translation>Cette base de données ne contient encore aucun portefeuille</translation>
    </message>
    <message>
        <source>Explore PMO Desktop with a demo portfolio: programmes, projects with their schedules, resources, risks and status reports, all made up.</source>
        <translation>Découvrez PMO Desktop avec un portefeuille de démonstration&#xa0;: programmes, projets avec leurs plannings, ressources, risques et rapports d&apos;avancement, le tout fictif.</translation>
    </message>
    <message>
        <source>Create demo portfolio</source>
        <translation>Créer le portefeuille de démonstration</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Waterfall</source>
        <extracomment>Symbols for the currencies a PMO meets most; any other shows as its ISO code.</extracomment>
        <translation>Cascade</translation>
    </message>
    <message>
        <source>Agile</source>
        <translation>Agile</translation>
    </message>
    <message>
        <source>Hybrid</source>
        <translation>Hybride</translation>
    </message>
    <message>
        <source>Proposed</source>
        <translation>Proposé</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>Suspendu</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Clôturé</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>Red</source>
        <translation>Rouge</translation>
    </message>
    <message>
        <source>Amber</source>
        <translation>Orange</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>Vert</translation>
    </message>
    <message>
        <source>No report</source>
        <translation>Aucun rapport</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;New database…</source>
        <translation>&amp;Nouvelle base de données…</translation>
    </message>
    <message>
        <source>Create a new, empty database file</source>
        <translation>Créer un nouveau fichier de base de données vide</translation>
    </message>
    <message>
        <source>&amp;Open database…</source>
        <translation>&amp;Ouvrir une base de données…</translation>
    </message>
    <message>
        <source>Open another database file</source>
        <translation>Ouvrir un autre fichier de base de données</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>&amp;Recharger</translation>
    </message>
    <message>
        <source>Read the database again</source>
        <translation>Relire la base de données</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Filter projects</source>
        <translation>&amp;Filtrer les projets</translation>
    </message>
    <message>
        <source>&amp;Expand all</source>
        <translation>&amp;Tout déplier</translation>
    </message>
    <message>
        <source>&amp;Collapse programmes</source>
        <translation>&amp;Replier les programmes</translation>
    </message>
    <message>
        <source>&amp;Reset column widths</source>
        <translation>Ré&amp;initialiser la largeur des colonnes</translation>
    </message>
    <message>
        <source>&amp;About PMO Desktop</source>
        <translation>À &amp;propos de PMO Desktop</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>Affic&amp;hage</translation>
    </message>
    <message>
        <source>&amp;Portfolio</source>
        <translation>&amp;Portefeuille</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>Cannot read the database</source>
        <translation>Impossible de lire la base de données</translation>
    </message>
    <message>
        <source>The database is read-only: {reason}.</source>
        <translation>La base de données est en lecture seule&#xa0;: {reason}.</translation>
    </message>
    <message>
        <source>Creating the demo portfolio…</source>
        <translation>Création du portefeuille de démonstration…</translation>
    </message>
    <message>
        <source>Damaged database</source>
        <translation>Base de données endommagée</translation>
    </message>
    <message>
        <source>{message}

It stays open read-only: restore it from a backup.</source>
        <translation>{message}

Elle reste ouverte en lecture seule : restaurez-la à partir d’une sauvegarde.</translation>
    </message>
    <message>
        <source>New database</source>
        <translation>Nouvelle base de données</translation>
    </message>
    <message>
        <source>{path} already exists. Use Open database… to open it.</source>
        <translation>{path} existe déjà. Utilisez Ouvrir une base de données… pour l&apos;ouvrir.</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>Impossible d&apos;ouvrir la base de données</translation>
    </message>
    <message>
        <source>Database upgraded; the previous version is saved in {path}</source>
        <translation>Base de données mise à jour&#x202f;; la version précédente est sauvegardée dans {path}</translation>
    </message>
    <message>
        <source>Upgrade the database?</source>
        <translation>Mettre à jour la base de données&#x202f;?</translation>
    </message>
    <message>
        <source>This database was made by an older version of PMO Desktop (schema {current}). Upgrade it to schema {head}? A backup copy is made first. If you do not upgrade, it opens read-only.</source>
        <translation>Cette base de données a été créée par une version antérieure de PMO Desktop (schéma {current}). La mettre à jour vers le schéma {head}&#x202f;? Une copie de sauvegarde est faite auparavant. Sans mise à jour, elle s&apos;ouvre en lecture seule.</translation>
    </message>
    <message>
        <source>Please wait</source>
        <translation>Veuillez patienter</translation>
    </message>
    <message>
        <source>The demo portfolio is still being created.</source>
        <translation>Le portefeuille de démonstration est encore en cours de création.</translation>
    </message>
    <message>
        <source>Demo portfolio created.</source>
        <translation>Portefeuille de démonstration créé.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>PMO Desktop will use this language the next time it starts.</source>
        <translation>PMO Desktop utilisera cette langue à son prochain démarrage.</translation>
    </message>
    <message>
        <source>&lt;h3&gt;PMO Desktop {version}&lt;/h3&gt;&lt;p&gt;Portfolio, schedule, resource and risk management for a Project Management Office.&lt;/p&gt;&lt;p&gt;Database: {database}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;PMO Desktop {version}&lt;/h3&gt;&lt;p&gt;Gestion de portefeuille, de planning, de ressources et de risques pour un bureau de gestion de projets (PMO).&lt;/p&gt;&lt;p&gt;Base de données&#xa0;: {database}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About PMO Desktop</source>
        <translation>À propos de PMO Desktop</translation>
    </message>
</context>
<context>
    <name>PortfolioTreeModel</name>
    <message>
        <source>Portfolio</source>
        <translation>Portefeuille</translation>
    </message>
    <message>
        <source>Other projects</source>
        <translation>Autres projets</translation>
    </message>
    <message>
        <source>{code} — {name}
RAG: {rag}</source>
        <translation>{code} — {name}
Météo&#xa0;: {rag}</translation>
    </message>
    <message>
        <source>{name}
Projects: {count}</source>
        <translation>{name}
Projets&#xa0;: {count}</translation>
    </message>
</context>
<context>
    <name>PortfolioView</name>
    <message>
        <source>Filter projects ({shortcut})</source>
        <extracomment>Widest a column grows when fitted to its contents, in average characters. The tree&apos;s share of the window&apos;s width at first start, within limits (pixels). Pixels beyond a cell&apos;s own size hint, and around a header title. The % complete data bar needs some room to show differences.</extracomment>
        <translation>Filtrer les projets ({shortcut})</translation>
    </message>
    <message>
        <source>All projects</source>
        <translation>Tous les projets</translation>
    </message>
    <message>
        <source>Projects: {total}</source>
        <translation>Projets&#xa0;: {total}</translation>
    </message>
    <message>
        <source>Projects: {shown} of {total}</source>
        <translation>Projets&#xa0;: {shown} sur {total}</translation>
    </message>
    <message>
        <source>Budget: {amount}</source>
        <translation>Budget&#xa0;: {amount}</translation>
    </message>
</context>
<context>
    <name>ProgressDialogController</name>
    <message>
        <source>Cancelling…</source>
        <extracomment>Progress reports closer together than this are dropped (the last one always passes).</extracomment>
        <translation>Annulation…</translation>
    </message>
</context>
<context>
    <name>ProjectTableModel</name>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projet</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>Programme</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Méthode</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Chef de projet</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>%
complete</source>
        <translation>Avancement</translation>
    </message>
    <message>
        <source>Last
report</source>
        <translation>Dernier
rapport</translation>
    </message>
    <message>
        <source>Open
risks</source>
        <translation>Risques
ouverts</translation>
    </message>
    <message>
        <source>Top risk
score</source>
        <translation>Risque
max.</translation>
    </message>
    <message>
        <source>No status report yet</source>
        <translation>Aucun rapport d&apos;avancement pour l&apos;instant</translation>
    </message>
    <message>
        <source>RAG</source>
        <translation>Météo</translation>
    </message>
    <message>
        <source>Physical % complete of the project&apos;s schedule</source>
        <translation>Avancement physique du planning du projet, en %</translation>
    </message>
    <message>
        <source>Overall red / amber / green rating of the latest status report</source>
        <translation>Météo globale (rouge / orange / vert) du dernier rapport d&apos;avancement</translation>
    </message>
    <message>
        <source>End of the period of the latest status report</source>
        <translation>Fin de la période couverte par le dernier rapport d&apos;avancement</translation>
    </message>
    <message>
        <source>Number of open risks</source>
        <translation>Nombre de risques ouverts</translation>
    </message>
    <message>
        <source>Highest score (probability × impact, 1–25) among the open risks</source>
        <translation>Score le plus élevé (probabilité × impact, de 1 à 25) parmi les risques ouverts</translation>
    </message>
</context>
</TS>
