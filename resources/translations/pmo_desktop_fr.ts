<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About PMO Desktop</source>
        <translation>À propos de PMO Desktop</translation>
    </message>
    <message>
        <source>(no database open)</source>
        <translation>(aucune base de données ouverte)</translation>
    </message>
    <message>
        <source>(not written)</source>
        <translation>(non écrit)</translation>
    </message>
    <message>
        <source>PMO Desktop {version}</source>
        <translation>PMO Desktop {version}</translation>
    </message>
    <message>
        <source>Portfolio, schedule, resource and risk management for a PMO.</source>
        <translation>Gestion du portefeuille, des plannings, des ressources et des risques pour un PMO.</translation>
    </message>
    <message>
        <source>Python:</source>
        <translation>Python&#xa0;:</translation>
    </message>
    <message>
        <source>Qt:</source>
        <translation>Qt&#xa0;:</translation>
    </message>
    <message>
        <source>{qt} (PySide6 {pyside})</source>
        <translation>{qt} (PySide6 {pyside})</translation>
    </message>
    <message>
        <source>SQLAlchemy:</source>
        <translation>SQLAlchemy&#xa0;:</translation>
    </message>
    <message>
        <source>System:</source>
        <translation>Système&#xa0;:</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Base de données&#xa0;:</translation>
    </message>
    <message>
        <source>Log file:</source>
        <translation>Fichier journal&#xa0;:</translation>
    </message>
    <message>
        <source>© PMO Desktop team. Built with Qt and PySide6 (LGPL v3), SQLAlchemy and Alembic (MIT), psycopg (LGPL v3), matplotlib (PSF-based licence), keyring (MIT) and platformdirs (MIT).</source>
        <translation>© L&apos;équipe PMO Desktop. Réalisé avec Qt et PySide6 (LGPL v3), SQLAlchemy et Alembic (MIT), psycopg (LGPL v3), matplotlib (licence dérivée de la PSF), keyring (MIT) et platformdirs (MIT).</translation>
    </message>
    <message>
        <source>&amp;Copy details</source>
        <translation>&amp;Copier les détails</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <source>Cannot open the database</source>
        <extracomment>Views this version builds; the others are part of the command-line contract already. Longest wait for a view to finish loading before its screenshot (milliseconds).</extracomment>
        <translation>Impossible d&apos;ouvrir la base de données</translation>
    </message>
    <message>
        <source>PMO Desktop</source>
        <translation>PMO Desktop</translation>
    </message>
    <message>
        <source>Upgrade the database?</source>
        <translation>Mettre à jour la base de données&#xa0;?</translation>
    </message>
    <message>
        <source>This database was made by an older version of PMO Desktop (schema {current}). Upgrade it to schema {head}? A backup copy is made first. If you do not upgrade, it opens read-only.</source>
        <translation>Cette base de données a été créée par une version antérieure de PMO Desktop (schéma {current}). La mettre à jour vers le schéma {head}&#xa0;? Une copie de sauvegarde est faite auparavant. Sans mise à jour, elle s&apos;ouvre en lecture seule.</translation>
    </message>
</context>
<context>
    <name>BaselineDialog</name>
    <message>
        <source>Set baseline</source>
        <translation>Définir le planning de référence</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>Planning de référence</translation>
    </message>
    <message>
        <source>Baseline {n}</source>
        <translation>Planning de référence {n}</translation>
    </message>
    <message>
        <source>&amp;Entire project</source>
        <translation>&amp;Projet entier</translation>
    </message>
    <message>
        <source>&amp;Selected tasks</source>
        <translation>&amp;Tâches sélectionnées</translation>
    </message>
    <message>
        <source>&amp;Baseline:</source>
        <translation>&amp;Référence&#xa0;:</translation>
    </message>
    <message>
        <source>For:</source>
        <translation>Pour&#xa0;:</translation>
    </message>
</context>
<context>
    <name>BaselineTableModel</name>
    <message>
        <source>Baseline</source>
        <translation>Planning de référence</translation>
    </message>
    <message>
        <source>Baseline {number}</source>
        <translation>Planning de référence {number}</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Enregistré le</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>Tâches</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Approuvé</translation>
    </message>
</context>
<context>
    <name>BaselinesPage</name>
    <message>
        <source>Name, e.g. “Approved at gate 2”</source>
        <extracomment>(number, name)</extracomment>
        <translation>Nom, ex. «&#xa0;Validé au jalon 2&#xa0;»</translation>
    </message>
    <message>
        <source>Set baseline</source>
        <translation>Définir la référence</translation>
    </message>
    <message>
        <source>Clear baseline</source>
        <translation>Effacer la référence</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>Planning de référence</translation>
    </message>
    <message>
        <source>Double-click a name to rename the baseline.</source>
        <translation>Double-cliquez sur un nom pour renommer le planning de référence.</translation>
    </message>
    <message>
        <source>Setting a baseline copies the current start, finish, duration, work and cost of the project&apos;s {count} tasks; the Gantt chart and the variances compare the plan with it. Microsoft Project&apos;s numbering: Baseline, then Baseline 1 to 10.</source>
        <translation>Définir un planning de référence copie le début, la fin, la durée, le travail et le coût actuels des {count} tâches du projet&#xa0;; le diagramme de Gantt et les écarts comparent le planning à cette référence. Numérotation de Microsoft Project&#xa0;: Planning de référence, puis Planning de référence 1 à 10.</translation>
    </message>
    <message>
        <source>{baseline} — {name} (in use)</source>
        <translation>{baseline} — {name} (utilisé)</translation>
    </message>
    <message>
        <source>Replace baseline</source>
        <translation>Remplacer la référence</translation>
    </message>
</context>
<context>
    <name>BoardPackDialog</name>
    <message>
        <source>{portfolio} board pack {as_of}</source>
        <extracomment>Characters Windows, macOS or Linux refuse in a file name.</extracomment>
        <translation>{portfolio} dossier du comité {as_of}</translation>
    </message>
    <message>
        <source>Assembling the data</source>
        <extracomment>The progress steps `services.reporting` and `services.board_pack` report, in English.</extracomment>
        <translation>Rassemblement des données</translation>
    </message>
    <message>
        <source>Portfolio overview</source>
        <translation>Vue d’ensemble du portefeuille</translation>
    </message>
    <message>
        <source>Schedules and status reports</source>
        <translation>Plannings et rapports d’avancement</translation>
    </message>
    <message>
        <source>Risks, decisions and issues</source>
        <translation>Risques, décisions et problèmes</translation>
    </message>
    <message>
        <source>Resource loading</source>
        <translation>Charge des ressources</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Board pack — {portfolio}</source>
        <extracomment>Widths of the projects and options columns (pixels); the preview takes the rest. The pack was written: the `BuiltPack`. The build failed: the message shown.</extracomment>
        <translation>Dossier du comité — {portfolio}</translation>
    </message>
    <message>
        <source>Select &amp;all</source>
        <translation>T&amp;out cocher</translation>
    </message>
    <message>
        <source>Select &amp;none</source>
        <translation>To&amp;ut décocher</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>Projets</translation>
    </message>
    <message>
        <source>&amp;Save to:</source>
        <translation>&amp;Fichier&#xa0;:</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Fichier produit</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <source>&amp;Build</source>
        <translation>&amp;Générer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>Ou&amp;vrir</translation>
    </message>
    <message>
        <source>Show in &amp;folder</source>
        <translation>&amp;Afficher dans le dossier</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Reading the projects…</source>
        <translation>Lecture des projets…</translation>
    </message>
    <message>
        <source>Pack templates are not available: {error}</source>
        <translation>Les gabarits de dossier ne sont pas disponibles&#xa0;: {error}</translation>
    </message>
    <message>
        <source>Cannot read the portfolio: {error}</source>
        <translation>Impossible de lire le portefeuille&#xa0;: {error}</translation>
    </message>
    <message>
        <source>Save the board pack as</source>
        <translation>Enregistrer le dossier du comité sous</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Documents PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Not in the portfolio any more, left out: {codes}</source>
        <translation>Plus dans le portefeuille, laissés de côté&#xa0;: {codes}</translation>
    </message>
    <message>
        <source>Template “{name}” loaded.</source>
        <translation>Gabarit «&#xa0;{name}&#xa0;» chargé.</translation>
    </message>
    <message>
        <source>Board pack</source>
        <translation>Dossier du comité</translation>
    </message>
    <message>
        <source>{name} already exists. Replace it?</source>
        <translation>{name} existe déjà. Le remplacer&#xa0;?</translation>
    </message>
    <message>
        <source>Building the pack…</source>
        <translation>Production du dossier…</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Démarrage…</translation>
    </message>
    <message>
        <source>Choose at least one project.</source>
        <translation>Choisissez au moins un projet.</translation>
    </message>
    <message>
        <source>Choose at least one section.</source>
        <translation>Choisissez au moins une partie.</translation>
    </message>
    <message>
        <source>Choose where to save the pack.</source>
        <translation>Choisissez où enregistrer le dossier.</translation>
    </message>
    <message>
        <source>{path} is a folder: add a file name.</source>
        <translation>{path} est un dossier&#xa0;: ajoutez un nom de fichier.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <source>{pages} pages for {projects} projects in {seconds} s: {name}</source>
        <translation>{pages} pages pour {projects} projets en {seconds}&#xa0;s&#xa0;: {name}</translation>
    </message>
    <message>
        <source>The board pack was not written. {reason}</source>
        <translation>Le dossier du comité n’a pas été écrit. {reason}</translation>
    </message>
    <message>
        <source>No pack: see the message below.</source>
        <translation>Pas de dossier&#xa0;: voir le message ci-dessous.</translation>
    </message>
    <message>
        <source>Cancelled: no file was written.</source>
        <translation>Annulé&#xa0;: aucun fichier n’a été écrit.</translation>
    </message>
    <message>
        <source>Build the pack to see its pages here.</source>
        <translation>Générez le dossier pour voir ses pages ici.</translation>
    </message>
    <message>
        <source>{checked} of {total} selected</source>
        <translation>{checked} sur {total} cochés</translation>
    </message>
    <message>
        <source>Drawing the page previews…</source>
        <extracomment>The progress bar&apos;s range; building takes the first `BUILD_SHARE` of it, previews the rest. Width of a page thumbnail, in pixels. Why the templates could not be read (&quot;&quot; if they were): the pack can still be built.</extracomment>
        <translation>Dessin des aperçus des pages…</translation>
    </message>
</context>
<context>
    <name>CellAssignmentsModel</name>
    <message>
        <source>Project</source>
        <translation>Projet</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <source>Resource</source>
        <translation>Ressource</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Heures</translation>
    </message>
    <message>
        <source>Double-click to open the task in its Gantt chart</source>
        <translation>Double-cliquez pour ouvrir la tâche dans son diagramme de Gantt</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Connect to a PostgreSQL server</source>
        <extracomment>Emitted (ok, one-line message) when a connection test ends.</extracomment>
        <translation>Se connecter à un serveur PostgreSQL</translation>
    </message>
    <message>
        <source>empty if the server does not ask</source>
        <translation>vide si le serveur n&apos;en demande pas</translation>
    </message>
    <message>
        <source>Re&amp;member password</source>
        <translation>Mémori&amp;ser le mot de passe</translation>
    </message>
    <message>
        <source>Kept in the system keyring, never in a file.</source>
        <translation>Conservé dans le trousseau du système, jamais dans un fichier.</translation>
    </message>
    <message>
        <source>This computer has no system keyring: the password cannot be remembered and will be asked for each time.</source>
        <translation>Cet ordinateur n&apos;a pas de trousseau système&#xa0;: le mot de passe ne peut pas être mémorisé et sera demandé à chaque fois.</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Hôte&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Base de données&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Utilisateur&#xa0;:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>&amp;Mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>&amp;Tester la connexion</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>Se &amp;connecter</translation>
    </message>
    <message>
        <source>host</source>
        <translation>hôte</translation>
    </message>
    <message>
        <source>database</source>
        <translation>base de données</translation>
    </message>
    <message>
        <source>user</source>
        <translation>utilisateur</translation>
    </message>
    <message>
        <source>Fill in the {field}.</source>
        <translation>Renseignez le champ «&#xa0;{field}&#xa0;».</translation>
    </message>
    <message>
        <source>Connecting to {server}…</source>
        <translation>Connexion à {server}…</translation>
    </message>
    <message>
        <source>the database is empty: PMO Desktop sets it up when you connect</source>
        <translation>la base de données est vide&#xa0;: PMO Desktop la prépare à la connexion</translation>
    </message>
    <message>
        <source>a PMO Desktop database, schema {revision}</source>
        <translation>une base de données PMO Desktop, schéma {revision}</translation>
    </message>
    <message>
        <source>PMO Desktop database, {reason}</source>
        <translation>base de données PMO Desktop, {reason}</translation>
    </message>
    <message>
        <source>Connected to PostgreSQL {version}: {state}.</source>
        <translation>Connecté à PostgreSQL {version}&#xa0;: {state}.</translation>
    </message>
</context>
<context>
    <name>CostLineTableModel</name>
    <message>
        <source>Month</source>
        <extracomment>Over budget: the forecast exceeds the budget (a red that reads on white).</extracomment>
        <translation>Mois</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>Réel</translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation>Prévision</translation>
    </message>
    <message>
        <source>Variance</source>
        <translation>Écart</translation>
    </message>
    <message>
        <source>Budget minus forecast: negative means an overrun</source>
        <translation>Budget moins prévision&#xa0;: une valeur négative indique un dépassement</translation>
    </message>
</context>
<context>
    <name>CostsPage</name>
    <message>
        <source>Add line</source>
        <extracomment>(cost line id, field, value)</extracomment>
        <translation>Ajouter une ligne</translation>
    </message>
    <message>
        <source>Delete line</source>
        <translation>Supprimer la ligne</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Mois</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <source>Total budget &lt;b&gt;{budget}&lt;/b&gt; · actual &lt;b&gt;{actual}&lt;/b&gt; · forecast &lt;b&gt;{forecast}&lt;/b&gt; · variance &lt;b{colour}&gt;{variance}&lt;/b&gt;</source>
        <translation>Budget total &lt;b&gt;{budget}&lt;/b&gt; · réel &lt;b&gt;{actual}&lt;/b&gt; · prévision &lt;b&gt;{forecast}&lt;/b&gt; · écart &lt;b{colour}&gt;{variance}&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>PMO Desktop — unexpected error</source>
        <translation>PMO Desktop — erreur inattendue</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>Un problème est survenu</translation>
    </message>
    <message>
        <source>PMO Desktop met an unexpected error and could not finish what it was doing:</source>
        <translation>PMO Desktop a rencontré une erreur inattendue et n&apos;a pas pu terminer l&apos;opération en cours&#xa0;:</translation>
    </message>
    <message>
        <source>The details were written to this log file:</source>
        <translation>Les détails ont été écrits dans ce fichier journal&#xa0;:</translation>
    </message>
    <message>
        <source>No log file could be written; the details are below.</source>
        <translation>Aucun fichier journal n&apos;a pu être écrit&#xa0;; les détails figurent ci-dessous.</translation>
    </message>
    <message>
        <source>Show &amp;details</source>
        <translation>Afficher les &amp;détails</translation>
    </message>
    <message>
        <source>&amp;Copy details</source>
        <translation>&amp;Copier les détails</translation>
    </message>
    <message>
        <source>Open log &amp;folder</source>
        <translation>Ouvrir le dossier du &amp;journal</translation>
    </message>
    <message>
        <source>Hide &amp;details</source>
        <translation>Masquer les &amp;détails</translation>
    </message>
    <message numerus="yes">
        <source>%n more error(s) happened since; they are in the log file too.</source>
        <translation>
            <numerusform>%n autre erreur s&apos;est produite depuis&#xa0;; elle figure aussi dans le fichier journal.</numerusform>
            <numerusform>%n autres erreurs se sont produites depuis&#xa0;; elles figurent aussi dans le fichier journal.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DashboardCharts</name>
    <message>
        <source>Strategic value vs risk (bubble = budget)</source>
        <extracomment>Projects named on the bubble chart: the largest budgets. Up to this many projects, bubbles take their full size. How near (logical pixels) the mouse must be to a bubble&apos;s centre to name it. A resize re-renders once it has settled this long (milliseconds). matplotlib&apos;s text and font caches are not thread-safe: one figure renders at a time.</extracomment>
        <translation>Valeur stratégique et risque (bulle = budget)</translation>
    </message>
    <message>
        <source>Risk exposure (sum of open risk scores)</source>
        <translation>Exposition au risque (somme des scores des risques ouverts)</translation>
    </message>
    <message>
        <source>Strategic value (weighted score)</source>
        <translation>Valeur stratégique (score pondéré)</translation>
    </message>
    <message>
        <source>No projects</source>
        <translation>Aucun projet</translation>
    </message>
    <message>
        <source>RAG and milestone trend, last 12 months</source>
        <translation>Tendance RAG et jalons, 12 derniers mois</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>Projets</translation>
    </message>
    <message>
        <source>Milestones</source>
        <translation>Jalons</translation>
    </message>
    <message>
        <source>Milestones completed</source>
        <translation>Jalons atteints</translation>
    </message>
    <message>
        <source>Milestones slipped</source>
        <translation>Jalons en retard</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>Vert</translation>
    </message>
    <message>
        <source>Amber</source>
        <translation>Orange</translation>
    </message>
    <message>
        <source>Red</source>
        <translation>Rouge</translation>
    </message>
    <message>
        <source>{code} — {name}
Budget {budget} · risk {risk} · value {value}</source>
        <translation>{code} — {name}
Budget {budget} · risque {risk} · valeur {value}</translation>
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
    <name>DragController</name>
    <message>
        <source>Start no earlier than {date} (SNET constraint)</source>
        <extracomment>The value the release commits: a start, a duration in minutes, a percentage. The preview session for the pressed task is open (moves now preview successors). Double-click on a link line. What the drag&apos;s tooltip says (kept for the status bar and tests).</extracomment>
        <translation>Début au plus tôt le {date} (contrainte de date)</translation>
    </message>
    <message>
        <source>Duration: {days} days</source>
        <translation>Durée&#xa0;: {days}&#xa0;jours</translation>
    </message>
    <message>
        <source>Complete: {percent} %</source>
        <translation>Achevé&#xa0;: {percent}&#xa0;%</translation>
    </message>
    <message>
        <source>Link: finish-to-start</source>
        <translation>Liaison&#xa0;: fin à début</translation>
    </message>
    <message>
        <source>Link to…</source>
        <translation>Lier à…</translation>
    </message>
    <message>
        <source>Change not saved</source>
        <translation>Modification non enregistrée</translation>
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
    <name>GanttChart</name>
    <message>
        <source>Start</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>% achevé</translation>
    </message>
    <message>
        <source>Total slack</source>
        <translation>Marge totale</translation>
    </message>
    <message>
        <source>Free slack</source>
        <translation>Marge libre</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>Planning de référence</translation>
    </message>
    <message>
        <source>Finish variance</source>
        <translation>Variation de fin</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <source>Resources</source>
        <translation>Ressources</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>critique</translation>
    </message>
</context>
<context>
    <name>GanttExport</name>
    <message>
        <source>Unknown paper size {paper}.</source>
        <extracomment>Below this scale (points per day) the time scale is unreadable: the dates go to more pages. Above it a short project would be stretched across the page for nothing. Screen pixels per printed point for choosing the time-scale tiers: the chart&apos;s tiers are tuned for a 9 pt screen font (12 px); printed text is 7.5 pt.</extracomment>
        <translation>Format de papier inconnu {paper}.</translation>
    </message>
    <message>
        <source>The last date of the range is before the first.</source>
        <translation>La dernière date de la période précède la première.</translation>
    </message>
    <message>
        <source>The scale must be positive.</source>
        <translation>L&apos;échelle doit être positive.</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>Page {page} sur {pages}</translation>
    </message>
    <message>
        <source>Dates {first} – {last} · rows {low}–{high} of {rows}</source>
        <translation>Dates {first} – {last} · lignes {low}–{high} sur {rows}</translation>
    </message>
    <message>
        <source>Range {first} – {last}</source>
        <translation>Période {first} – {last}</translation>
    </message>
    <message>
        <source>Printed {date} · status date {status}</source>
        <translation>Imprimé le {date} · date d&apos;état {status}</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Task name</source>
        <translation>Nom de la tâche</translation>
    </message>
    <message>
        <source>The document could not be started.</source>
        <translation>Le document n&apos;a pas pu être créé.</translation>
    </message>
    <message>
        <source>Cannot write {path}: {error}</source>
        <translation>Impossible d&apos;écrire {path}&#xa0;: {error}</translation>
    </message>
    <message>
        <source>Print the Gantt chart</source>
        <translation>Imprimer le diagramme de Gantt</translation>
    </message>
    <message>
        <source>Export the Gantt chart as PDF</source>
        <translation>Exporter le diagramme de Gantt en PDF</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Documents PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Échec de l&apos;export</translation>
    </message>
    <message>
        <source>Printing failed</source>
        <translation>Échec de l&apos;impression</translation>
    </message>
</context>
<context>
    <name>GanttFilters</name>
    <message>
        <source>All tasks</source>
        <translation>Toutes les tâches</translation>
    </message>
    <message>
        <source>Critical tasks</source>
        <translation>Tâches critiques</translation>
    </message>
    <message>
        <source>Late tasks</source>
        <translation>Tâches en retard</translation>
    </message>
    <message>
        <source>Milestones</source>
        <translation>Jalons</translation>
    </message>
    <message>
        <source>Using resource…</source>
        <translation>Utilisant la ressource…</translation>
    </message>
</context>
<context>
    <name>GanttView</name>
    <message>
        <source>Search tasks (name, WBS, ID, resource)</source>
        <translation>Tâche, WBS, n° ou ressource</translation>
    </message>
    <message>
        <source>The baseline drawn beneath the bars</source>
        <translation>Le planning de référence dessiné sous les barres</translation>
    </message>
    <message>
        <source>Highlight only</source>
        <translation>Surligner uniquement</translation>
    </message>
    <message>
        <source>Keep every task shown and highlight the ones the filter selects</source>
        <translation>Afficher toutes les tâches et surligner celles que le filtre sélectionne</translation>
    </message>
    <message>
        <source>Filter:</source>
        <translation>Filtre&#xa0;:</translation>
    </message>
    <message>
        <source>Baseline:</source>
        <translation>Référence&#xa0;:</translation>
    </message>
    <message>
        <source>Choose a project in the navigation tree.</source>
        <translation>Choisissez un projet dans l&apos;arborescence de navigation.</translation>
    </message>
    <message>
        <source>This project no longer exists: someone may have deleted it.</source>
        <extracomment>Double-click on a bar or a row: the task dialog opens (the editing services wire it).</extracomment>
        <translation>Ce projet n&apos;existe plus&#xa0;: quelqu&apos;un l&apos;a peut-être supprimé.</translation>
    </message>
    <message>
        <source>The project could not be read: {error}</source>
        <translation>Le projet n&apos;a pas pu être lu&#xa0;: {error}</translation>
    </message>
    <message>
        <source>Baseline {number}</source>
        <translation>Planning de référence {number}</translation>
    </message>
    <message>
        <source>Set baseline</source>
        <translation>Définir le planning de référence</translation>
    </message>
    <message>
        <source>Change not saved</source>
        <translation>Modification non enregistrée</translation>
    </message>
    <message>
        <source>The picture could not be made.</source>
        <translation>L&apos;image n&apos;a pas pu être créée.</translation>
    </message>
    <message>
        <source>Cannot write {path}: {error}</source>
        <translation>Impossible d&apos;écrire {path}&#xa0;: {error}</translation>
    </message>
    <message>
        <source>Export the Gantt chart</source>
        <translation>Exporter le diagramme de Gantt</translation>
    </message>
    <message>
        <source>PNG pictures (*.png)</source>
        <translation>Images PNG (*.png)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Échec de l&apos;exportation</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Zoom avant</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Zoom arrière</translation>
    </message>
    <message>
        <source>Zoom to fit the project</source>
        <translation>Zoom sur le projet entier</translation>
    </message>
    <message>
        <source>Scroll to task</source>
        <translation>Faire défiler jusqu&apos;à la tâche</translation>
    </message>
    <message>
        <source>Expand all tasks</source>
        <translation>Déplier toutes les tâches</translation>
    </message>
    <message>
        <source>Show top-level tasks only</source>
        <translation>Afficher uniquement les tâches de premier niveau</translation>
    </message>
    <message>
        <source>Critical tasks only</source>
        <translation>Tâches critiques uniquement</translation>
    </message>
    <message>
        <source>Find task</source>
        <translation>Rechercher une tâche</translation>
    </message>
    <message>
        <source>Export Gantt as picture…</source>
        <translation>Exporter le Gantt en image…</translation>
    </message>
    <message>
        <source>Export Gantt as PDF…</source>
        <translation>Exporter le Gantt en PDF…</translation>
    </message>
    <message>
        <source>Print Gantt…</source>
        <translation>Imprimer le Gantt…</translation>
    </message>
    <message>
        <source>Set baseline…</source>
        <translation>Définir le planning de référence…</translation>
    </message>
</context>
<context>
    <name>HeatGrid</name>
    <message>
        <source>No department</source>
        <extracomment>Cell colour buckets: 0 no capacity and no load; 1-21 utilisation 0 %, 5 % … 100 %; 22 over-allocated up to 150 %; 23 beyond. The current cell changed: (visible row, period); period -1 when none is chosen. Double-click or Enter on a cell: (visible row, period). Per visible row, built on its first paint: colour buckets and % texts per period.</extracomment>
        <translation>Sans département</translation>
    </message>
    <message>
        <source>No role</source>
        <translation>Sans rôle</translation>
    </message>
    <message>
        <source>{name}
{first} – {last}
{load} h of {capacity} h available {share}</source>
        <translation>{name}
{first} – {last}
{load} h sur {capacity} h disponibles {share}</translation>
    </message>
    <message>
        <source>Over-allocated by {hours} h</source>
        <translation>Surcharge de {hours} h</translation>
    </message>
</context>
<context>
    <name>HeatMap</name>
    <message>
        <source>Impact →</source>
        <extracomment>The user clicked the cell of (probability, impact).</extracomment>
        <translation>Impact →</translation>
    </message>
    <message>
        <source>Probability →</source>
        <translation>Probabilité →</translation>
    </message>
    <message>
        <source>Probability {p} × impact {i} = {score}: {count} risk(s)</source>
        <translation>Probabilité {p} × impact {i} = {score}&#xa0;: {count} risque(s)</translation>
    </message>
</context>
<context>
    <name>KpiTiles</name>
    <message>
        <source>Projects by overall RAG</source>
        <translation>Projets par RAG global</translation>
    </message>
    <message>
        <source>Budget · actual · forecast</source>
        <translation>Budget · réel · prévision</translation>
    </message>
    <message>
        <source>Milestones due, next 90 days</source>
        <translation>Jalons à échéance sous 90 jours</translation>
    </message>
    <message>
        <source>Open high risks</source>
        <translation>Risques élevés ouverts</translation>
    </message>
    <message>
        <source>Over-allocated resources</source>
        <translation>Ressources surutilisées</translation>
    </message>
    <message>
        <source>{count} no report</source>
        <translation>{count} sans rapport</translation>
    </message>
    <message>
        <source>{count} slipped vs baseline</source>
        <translation>{count} en retard sur la référence</translation>
    </message>
    <message>
        <source>score ≥ {score} of 25</source>
        <translation>score ≥ {score} sur 25</translation>
    </message>
    <message>
        <source>in some week of the next 90 days</source>
        <translation>au moins une semaine des 90 prochains jours</translation>
    </message>
    <message>
        <source>SPI {spi} · CPI {cpi}</source>
        <translation>SPI {spi} · CPI {cpi}</translation>
    </message>
    <message>
        <source>Actual {actual} · Forecast {forecast}</source>
        <translation>Réel {actual} · Prévision {forecast}</translation>
    </message>
    <message>
        <source>{count} projects in other currencies not included</source>
        <translation>{count} projets dans d&apos;autres devises non inclus</translation>
    </message>
    <message>
        <source>Budget of the projects; actual cost up to the as-of date; forecast at completion = actual to date + forecast of the later periods</source>
        <translation>Budget des projets&#xa0;; coût réel jusqu&apos;à la date de situation&#xa0;; prévision à terminaison = réel à date + prévision des périodes suivantes</translation>
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
    <message>
        <source>Labour</source>
        <translation>Main-d&apos;œuvre</translation>
    </message>
    <message>
        <source>Capital expenditure</source>
        <translation>Investissement (CAPEX)</translation>
    </message>
    <message>
        <source>Operating expenditure</source>
        <translation>Fonctionnement (OPEX)</translation>
    </message>
    <message>
        <source>Contingency</source>
        <translation>Provision pour aléas</translation>
    </message>
</context>
<context>
    <name>LinkDialog</name>
    <message>
        <source>Task dependency</source>
        <translation>Liaison entre tâches</translation>
    </message>
    <message>
        <source>Finish-to-start (FS)</source>
        <translation>Fin à début (FD)</translation>
    </message>
    <message>
        <source>Start-to-start (SS)</source>
        <translation>Début à début (DD)</translation>
    </message>
    <message>
        <source>Finish-to-finish (FF)</source>
        <translation>Fin à fin (FF)</translation>
    </message>
    <message>
        <source>Start-to-finish (SF)</source>
        <translation>Début à fin (DF)</translation>
    </message>
    <message>
        <source>working days</source>
        <translation>jours ouvrés</translation>
    </message>
    <message>
        <source>elapsed days</source>
        <translation>jours calendaires</translation>
    </message>
    <message>
        <source>% of the predecessor</source>
        <translation>% du prédécesseur</translation>
    </message>
    <message>
        <source>Delete link</source>
        <translation>Supprimer la liaison</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>De&#xa0;:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>À&#xa0;:</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>Type&#xa0;:</translation>
    </message>
    <message>
        <source>Lag:</source>
        <translation>Décalage&#xa0;:</translation>
    </message>
</context>
<context>
    <name>LoadHistogram</name>
    <message>
        <source>Capacity</source>
        <extracomment>Projects drawn in their own colour; the rest are stacked as one &quot;other projects&quot; band.</extracomment>
        <translation>Capacité</translation>
    </message>
    <message>
        <source>Over-allocated</source>
        <translation>Surcharge</translation>
    </message>
</context>
<context>
    <name>LogoPicker</name>
    <message>
        <source>C&amp;hoose…</source>
        <translation>C&amp;hoisir…</translation>
    </message>
    <message>
        <source>R&amp;emove</source>
        <translation>R&amp;etirer</translation>
    </message>
    <message>
        <source>No logo</source>
        <translation>Aucun logo</translation>
    </message>
    <message>
        <source>{name} is too large for a logo ({size} MB; at most {limit} MB).</source>
        <translation>{name} est trop lourd pour un logo ({size}&#xa0;Mo&#xa0;; au plus {limit}&#xa0;Mo).</translation>
    </message>
    <message>
        <source>Cannot read {name}: {reason}</source>
        <translation>Impossible de lire {name}&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>{name} is not a PNG or JPEG picture.</source>
        <translation>{name} n’est pas une image PNG ou JPEG.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Portfolio</source>
        <extracomment>The navigation dock&apos;s width at first start (pixels); the user&apos;s width is remembered. How often the window asks whether another user committed (milliseconds). The view shown in the centre changed (&quot;portfolio&quot;, &quot;project&quot; or &quot;empty&quot;).</extracomment>
        <translation>Portefeuille</translation>
    </message>
    <message>
        <source>&lt;opened database&gt;</source>
        <translation>&lt;base de données ouverte&gt;</translation>
    </message>
    <message>
        <source>Undo history</source>
        <translation>Historique des modifications</translation>
    </message>
    <message>
        <source>Cannot read the database</source>
        <translation>Impossible de lire la base de données</translation>
    </message>
    <message>
        <source>Another user saved changes; views updated.</source>
        <translation>Un autre utilisateur a enregistré des modifications&#xa0;; les vues sont à jour.</translation>
    </message>
    <message>
        <source>Cannot edit the task</source>
        <translation>Impossible de modifier la tâche</translation>
    </message>
    <message>
        <source>No project chosen</source>
        <translation>Aucun projet choisi</translation>
    </message>
    <message>
        <source>Choose a project in the portfolio tree or the project list first.</source>
        <translation>Choisissez d&apos;abord un projet dans l&apos;arborescence du portefeuille ou dans la liste des projets.</translation>
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

Elle reste ouverte en lecture seule&#xa0;: restaurez-la à partir d&apos;une sauvegarde.</translation>
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
        <source>Password not remembered</source>
        <translation>Mot de passe non mémorisé</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>Impossible d&apos;ouvrir la base de données</translation>
    </message>
    <message>
        <source>Database upgraded; the previous version is saved in {path}</source>
        <translation>Base de données mise à jour&#xa0;; la version précédente est sauvegardée dans {path}</translation>
    </message>
    <message>
        <source>Upgrade the database?</source>
        <translation>Mettre à jour la base de données&#xa0;?</translation>
    </message>
    <message>
        <source>This database was made by an older version of PMO Desktop (schema {current}). Upgrade it to schema {head}? A backup copy is made first. If you do not upgrade, it opens read-only.</source>
        <translation>Cette base de données a été créée par une version antérieure de PMO Desktop (schéma {current}). La mettre à jour vers le schéma {head}&#xa0;? Une copie de sauvegarde est faite auparavant. Sans mise à jour, elle s&apos;ouvre en lecture seule.</translation>
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
        <source>&amp;Connect to server…</source>
        <translation>Se &amp;connecter à un serveur…</translation>
    </message>
    <message>
        <source>Open a shared PostgreSQL database</source>
        <translation>Ouvrir une base de données PostgreSQL partagée</translation>
    </message>
    <message>
        <source>Create the &amp;demo portfolio</source>
        <translation>Créer le portefeuille de &amp;démonstration</translation>
    </message>
    <message>
        <source>Fill this empty database with a demo</source>
        <translation>Remplir cette base de données vide avec une démonstration</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>Rec&amp;harger</translation>
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
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Préférences…</translation>
    </message>
    <message>
        <source>Language, paper size, RAG thresholds, as-of date, user name</source>
        <translation>Langue, format du papier, seuils RAG, date de situation, nom d&apos;utilisateur</translation>
    </message>
    <message>
        <source>&amp;Filter projects</source>
        <translation>&amp;Filtrer les projets</translation>
    </message>
    <message>
        <source>&amp;Expand all</source>
        <translation>Tout &amp;déplier</translation>
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
        <source>Portfolio &amp;dashboard</source>
        <translation>&amp;Tableau de bord du portefeuille</translation>
    </message>
    <message>
        <source>KPIs, projects and charts of the portfolio</source>
        <translation>Indicateurs clés, projets et graphiques du portefeuille</translation>
    </message>
    <message>
        <source>&amp;Project</source>
        <translation>&amp;Projet</translation>
    </message>
    <message>
        <source>Properties, status reports, baselines and costs of the current project</source>
        <translation>Propriétés, rapports d&apos;avancement, plannings de référence et coûts du projet en cours</translation>
    </message>
    <message>
        <source>&amp;Gantt chart</source>
        <translation>Diagramme de &amp;Gantt</translation>
    </message>
    <message>
        <source>Tasks, dates, links and critical path of the current project</source>
        <translation>Tâches, dates, liaisons et chemin critique du projet en cours</translation>
    </message>
    <message>
        <source>Resource &amp;loading</source>
        <translation>&amp;Charge des ressources</translation>
    </message>
    <message>
        <source>Who is booked where: utilisation per resource and period, all projects</source>
        <translation>Qui est affecté où&#xa0;: taux d’occupation par ressource et par période, tous projets confondus</translation>
    </message>
    <message>
        <source>Ris&amp;k register</source>
        <translation>R&amp;egistre des risques</translation>
    </message>
    <message>
        <source>Risks of every project: filters, heat maps, responses and actions</source>
        <translation>Les risques de tous les projets&#xa0;: filtres, matrices, réponses et actions</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Tableau de bord</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projet</translation>
    </message>
    <message>
        <source>Gantt</source>
        <translation>Gantt</translation>
    </message>
    <message>
        <source>Resources</source>
        <translation>Ressources</translation>
    </message>
    <message>
        <source>Risks</source>
        <translation>Risques</translation>
    </message>
    <message>
        <source>&amp;Board pack…</source>
        <translation>&amp;Dossier du comité…</translation>
    </message>
    <message>
        <source>The steering committee&apos;s PDF pack of the portfolio</source>
        <translation>Le dossier PDF du comité de pilotage pour le portefeuille</translation>
    </message>
    <message>
        <source>Project &amp;status report…</source>
        <translation>&amp;Rapport d’avancement du projet…</translation>
    </message>
    <message>
        <source>A one-page PDF status report of the current project</source>
        <translation>Un rapport d’avancement PDF d’une page pour le projet courant</translation>
    </message>
    <message>
        <source>Export portfolio table to &amp;Excel…</source>
        <translation>Exporter le tableau du portefeuille vers &amp;Excel…</translation>
    </message>
    <message>
        <source>Ratings and figures of the active projects in a workbook</source>
        <translation>Évaluations et chiffres des projets actifs dans un classeur</translation>
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
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>Affic&amp;hage</translation>
    </message>
    <message>
        <source>P&amp;ortfolio</source>
        <translation>P&amp;ortefeuille</translation>
    </message>
    <message>
        <source>&amp;Gantt</source>
        <translation>&amp;Gantt</translation>
    </message>
    <message>
        <source>R&amp;isks</source>
        <translation>R&amp;isques</translation>
    </message>
    <message>
        <source>&amp;Reports</source>
        <translation>&amp;Rapports</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>Vues</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Barre d&apos;outils principale</translation>
    </message>
</context>
<context>
    <name>OptionsForm</name>
    <message>
        <source>Cover</source>
        <translation>Couverture</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>Sommaire</translation>
    </message>
    <message>
        <source>Executive summary</source>
        <translation>Synthèse</translation>
    </message>
    <message>
        <source>Portfolio table</source>
        <translation>Tableau du portefeuille</translation>
    </message>
    <message>
        <source>Project pages</source>
        <translation>Pages projets</translation>
    </message>
    <message>
        <source>Resource loading</source>
        <translation>Charge des ressources</translation>
    </message>
    <message>
        <source>Portfolio risks</source>
        <translation>Risques du portefeuille</translation>
    </message>
    <message>
        <source>Decisions required</source>
        <translation>Décisions attendues</translation>
    </message>
    <message>
        <source>Appendix: RAG rules, glossary</source>
        <translation>Annexe&#xa0;: règles RAG, glossaire</translation>
    </message>
    <message>
        <source>Sections</source>
        <extracomment>Each language in its own name, as language choosers show them. Anything the user can change changed. A chosen logo was refused: the reason.</extracomment>
        <translation>Parties</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>Letter (US)</translation>
    </message>
    <message>
        <source>Landscape</source>
        <translation>Paysage</translation>
    </message>
    <message>
        <source>Portrait</source>
        <translation>Portrait</translation>
    </message>
    <message>
        <source>As-of &amp;date:</source>
        <translation>&amp;Date de situation&#xa0;:</translation>
    </message>
    <message>
        <source>Lan&amp;guage:</source>
        <translation>&amp;Langue&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Paper:</source>
        <translation>Pap&amp;ier&#xa0;:</translation>
    </message>
    <message>
        <source>O&amp;rientation:</source>
        <translation>O&amp;rientation&#xa0;:</translation>
    </message>
    <message>
        <source>Page and language</source>
        <translation>Page et langue</translation>
    </message>
    <message>
        <source>Standard title</source>
        <translation>Titre standard</translation>
    </message>
    <message>
        <source>e.g. Internal, Confidential</source>
        <translation>p. ex. Interne, Confidentiel</translation>
    </message>
    <message>
        <source>Primary colour</source>
        <translation>Couleur principale</translation>
    </message>
    <message>
        <source>Accent colour</source>
        <translation>Couleur d’accent</translation>
    </message>
    <message>
        <source>Reset colo&amp;urs</source>
        <translation>Couleur&amp;s par défaut</translation>
    </message>
    <message>
        <source>T&amp;itle:</source>
        <translation>&amp;Titre&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Classification:</source>
        <translation>&amp;Classification&#xa0;:</translation>
    </message>
    <message>
        <source>Colours:</source>
        <translation>Couleurs&#xa0;:</translation>
    </message>
    <message>
        <source>Logo:</source>
        <translation>Logo&#xa0;:</translation>
    </message>
    <message>
        <source>Cover and branding</source>
        <translation>Couverture et identité visuelle</translation>
    </message>
</context>
<context>
    <name>OutlineActions</name>
    <message>
        <source>Insert task</source>
        <extracomment>Task ids copied by Ctrl+C, pasted by Ctrl+V (below the current task).</extracomment>
        <translation>Insérer une tâche</translation>
    </message>
    <message>
        <source>Delete tasks…</source>
        <translation>Supprimer les tâches…</translation>
    </message>
    <message>
        <source>Indent</source>
        <translation>Abaisser</translation>
    </message>
    <message>
        <source>Outdent</source>
        <translation>Hausser</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Monter</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Descendre</translation>
    </message>
    <message>
        <source>Copy tasks</source>
        <translation>Copier les tâches</translation>
    </message>
    <message>
        <source>Paste tasks</source>
        <translation>Coller les tâches</translation>
    </message>
    <message>
        <source>Change not saved</source>
        <translation>Modification non enregistrée</translation>
    </message>
    <message>
        <source>New task</source>
        <translation>Nouvelle tâche</translation>
    </message>
    <message>
        <source>Delete tasks</source>
        <translation>Supprimer les tâches</translation>
    </message>
    <message>
        <source>Delete {count} task(s) with their subtasks, links and assignments?</source>
        <translation>Supprimer {count}&#xa0;tâche(s) avec leurs sous-tâches, liaisons et affectations&#xa0;?</translation>
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
RAG&#xa0;: {rag}</translation>
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
        <extracomment>Screen order of the columns, and those hidden until the user shows them. The heavy job starts this long after the overview arrived: Qt paints it, then relays out the table (queued calls, delayed layout timers) and paints again, and a worker running Python would slow every Python call of those paints (models, delegates): they wait for the interpreter lock.</extracomment>
        <translation>Filtrer les projets ({shortcut})</translation>
    </message>
    <message>
        <source>Loading the portfolio chart…</source>
        <translation>Chargement du graphique du portefeuille…</translation>
    </message>
    <message>
        <source>Loading the trend…</source>
        <translation>Chargement de la tendance…</translation>
    </message>
    <message>
        <source>Group by:</source>
        <translation>Grouper par&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Filter projects</source>
        <translation>&amp;Filtrer les projets</translation>
    </message>
    <message>
        <source>&amp;Open project</source>
        <translation>&amp;Ouvrir le projet</translation>
    </message>
    <message>
        <source>&amp;Reset column widths</source>
        <translation>Ré&amp;initialiser la largeur des colonnes</translation>
    </message>
    <message>
        <source>&amp;Expand all groups</source>
        <translation>&amp;Déplier tous les groupes</translation>
    </message>
    <message>
        <source>&amp;Collapse all groups</source>
        <translation>&amp;Replier tous les groupes</translation>
    </message>
    <message>
        <source>The figures could not be read: {error}</source>
        <translation>Les chiffres n&apos;ont pas pu être lus&#xa0;: {error}</translation>
    </message>
    <message>
        <source>Figures as of {date}</source>
        <translation>Situation au {date}</translation>
    </message>
    <message>
        <source>{scope}: {shown} of {total} projects</source>
        <translation>{scope}&#xa0;: {shown} projets sur {total}</translation>
    </message>
    <message>
        <source>Projects: {total}</source>
        <translation>Projets&#xa0;: {total}</translation>
    </message>
    <message>
        <source>Projects: {shown} of {total}</source>
        <translation>Projets&#xa0;: {shown} sur {total}</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Préférences</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>The new language applies after a restart.</source>
        <translation>La nouvelle langue s&apos;applique après un redémarrage.</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>Lettre US</translation>
    </message>
    <message>
        <source>&amp;Today</source>
        <translation>&amp;Aujourd&apos;hui</translation>
    </message>
    <message>
        <source>&amp;Fixed date:</source>
        <translation>Date &amp;fixe&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Langue&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Paper size:</source>
        <translation>Format du &amp;papier&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;User name shown to others:</source>
        <translation>&amp;Nom affiché aux autres utilisateurs&#xa0;:</translation>
    </message>
    <message>
        <source>As-of date:</source>
        <translation>Situation au&#xa0;:</translation>
    </message>
    <message>
        <source>&lt;b&gt;Amber&lt;/b&gt;</source>
        <translation>&lt;b&gt;Orange&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Red&lt;/b&gt;</source>
        <translation>&lt;b&gt;Rouge&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&amp;SPI below:</source>
        <translation>&amp;SPI inférieur à&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;CPI below:</source>
        <translation>&amp;CPI inférieur à&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Budget overrun above:</source>
        <translation>Dépassement du &amp;budget au-delà de&#xa0;:</translation>
    </message>
    <message>
        <source>Sc&amp;hedule slip above:</source>
        <translation>Re&amp;tard du planning au-delà de&#xa0;:</translation>
    </message>
    <message>
        <source>Probability × impact, 1 to 25</source>
        <translation>Probabilité × impact, de 1 à 25</translation>
    </message>
    <message>
        <source>Open risk is &amp;high from score:</source>
        <translation>&amp;Risque ouvert élevé à partir du score&#xa0;:</translation>
    </message>
    <message>
        <source>RAG thresholds</source>
        <translation>Seuils RAG (feu tricolore)</translation>
    </message>
    <message>
        <source> days</source>
        <translation> jours</translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message>
        <source>Build the pack to see its pages here.</source>
        <extracomment>Height of a thumbnail in the strip (pixels); its width follows the page&apos;s shape. The large page is drawn at least this wide, so that it stays sharp when the pane grows. The large picture of page `number` is shown.</extracomment>
        <translation>Générez le dossier pour voir ses pages ici.</translation>
    </message>
    <message>
        <source>Page {number} of {count}</source>
        <translation>Page {number} sur {count}</translation>
    </message>
    <message>
        <source>The pack was written; its previews were not drawn.</source>
        <translation>Le dossier a été écrit&#xa0;; ses aperçus n’ont pas été dessinés.</translation>
    </message>
    <message>
        <source>This page cannot be shown: {error}</source>
        <translation>Impossible d’afficher cette page&#xa0;: {error}</translation>
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
    <name>ProjectGroups</name>
    <message>
        <source>No grouping</source>
        <extracomment>Internal id of a top-level item (group heading, or a project row when flat).</extracomment>
        <translation>Aucun regroupement</translation>
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
        <source>Strategic objective</source>
        <translation>Objectif stratégique</translation>
    </message>
    <message>
        <source>PMO status</source>
        <translation>Statut PMO</translation>
    </message>
    <message>
        <source>No programme</source>
        <translation>Aucun programme</translation>
    </message>
    <message>
        <source>No objective scored</source>
        <translation>Aucun objectif noté</translation>
    </message>
    <message>
        <source>1 project</source>
        <translation>1 projet</translation>
    </message>
    <message>
        <source>{count} projects</source>
        <translation>{count} projets</translation>
    </message>
</context>
<context>
    <name>ProjectSelectionModel</name>
    <message>
        <source>Project</source>
        <extracomment>The statuses a pack covers unless the user chooses otherwise. True on a programme item (a real programme, not the &quot;no programme&quot; group). The checked projects changed (once per user click or bulk change).</extracomment>
        <translation>Projet</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Projects outside any programme</source>
        <translation>Projets hors programme</translation>
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
        <source>RAG</source>
        <translation>RAG</translation>
    </message>
    <message>
        <source>Sched.</source>
        <translation>Délais</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Coûts</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Périm.</translation>
    </message>
    <message>
        <source>Res.</source>
        <translation>Ress.</translation>
    </message>
    <message>
        <source>Benef.</source>
        <translation>Bénéf.</translation>
    </message>
    <message>
        <source>SPI</source>
        <translation>SPI</translation>
    </message>
    <message>
        <source>CPI</source>
        <translation>CPI</translation>
    </message>
    <message>
        <source>Actual
to date</source>
        <translation>Réel
à date</translation>
    </message>
    <message>
        <source>Forecast
at completion</source>
        <translation>Prévision
à terminaison</translation>
    </message>
    <message>
        <source>Next milestone</source>
        <translation>Prochain jalon</translation>
    </message>
    <message>
        <source>Milestone
date</source>
        <translation>Date
du jalon</translation>
    </message>
    <message>
        <source>Slip
(days)</source>
        <translation>Retard
(jours)</translation>
    </message>
    <message>
        <source>Main objective</source>
        <translation>Objectif principal</translation>
    </message>
    <message>
        <source>Physical % complete of the project&apos;s schedule</source>
        <translation>Avancement physique du planning du projet, en %</translation>
    </message>
    <message>
        <source>Overall red / amber / green rating of the latest status report</source>
        <translation>RAG (feu tricolore) global du dernier rapport d&apos;avancement&#xa0;: rouge / orange / vert</translation>
    </message>
    <message>
        <source>Schedule rating</source>
        <translation>RAG délais</translation>
    </message>
    <message>
        <source>Cost rating</source>
        <translation>RAG coûts</translation>
    </message>
    <message>
        <source>Scope rating</source>
        <translation>RAG périmètre</translation>
    </message>
    <message>
        <source>Resources rating</source>
        <translation>RAG ressources</translation>
    </message>
    <message>
        <source>Benefits rating</source>
        <translation>RAG bénéfices</translation>
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
    <message>
        <source>Schedule performance index (earned value / planned value, baseline 0)</source>
        <translation>Indice de performance des délais (valeur acquise / valeur planifiée, planning de référence 0)</translation>
    </message>
    <message>
        <source>Cost performance index (earned value / actual cost)</source>
        <translation>Indice de performance des coûts (valeur acquise / coût réel)</translation>
    </message>
    <message>
        <source>Actual cost of the cost lines up to the as-of date</source>
        <translation>Coût réel des lignes de coûts jusqu&apos;à la date de situation</translation>
    </message>
    <message>
        <source>Actual to date plus the forecast of the later periods</source>
        <translation>Réel à date plus la prévision des périodes suivantes</translation>
    </message>
    <message>
        <source>Slip of the next milestone against baseline 0, in working days</source>
        <translation>Retard du prochain jalon par rapport au planning de référence 0, en jours ouvrés</translation>
    </message>
    <message>
        <source>No status report yet</source>
        <extracomment>Sort keys of missing values, typed like the column&apos;s values (Qt compares by type). &quot;better&quot;, &quot;same&quot;, &quot;worse&quot; or &quot;new&quot; against the previous report (RAG columns). The threshold rating of a computed figure (SPI, CPI, forecast, slip): &quot;R&quot;, &quot;A&quot;, &quot;G&quot;.</extracomment>
        <translation>Aucun rapport d&apos;avancement pour l&apos;instant</translation>
    </message>
    <message>
        <source>Better than the previous report</source>
        <translation>Meilleur que le rapport précédent</translation>
    </message>
    <message>
        <source>Worse than the previous report</source>
        <translation>Moins bon que le rapport précédent</translation>
    </message>
    <message>
        <source>Same as the previous report</source>
        <translation>Identique au rapport précédent</translation>
    </message>
    <message>
        <source>First report</source>
        <translation>Premier rapport</translation>
    </message>
    <message>
        <source>No baseline 0 cost to measure against</source>
        <translation>Aucun coût au planning de référence 0 pour comparer</translation>
    </message>
</context>
<context>
    <name>ProjectView</name>
    <message>
        <source>Properties</source>
        <extracomment>What the view shows: a change to any of these reloads it.</extracomment>
        <translation>Propriétés</translation>
    </message>
    <message>
        <source>Status reports</source>
        <translation>Rapports d&apos;avancement</translation>
    </message>
    <message>
        <source>Baselines</source>
        <translation>Plannings de référence</translation>
    </message>
    <message>
        <source>Costs</source>
        <translation>Coûts</translation>
    </message>
    <message>
        <source>Choose a project in the navigation tree.</source>
        <translation>Choisissez un projet dans l&apos;arborescence de navigation.</translation>
    </message>
    <message>
        <source>This project no longer exists: someone may have deleted it.</source>
        <translation>Ce projet n&apos;existe plus&#xa0;: quelqu&apos;un l&apos;a peut-être supprimé.</translation>
    </message>
    <message>
        <source>The project could not be read: {error}</source>
        <translation>Le projet n&apos;a pas pu être lu&#xa0;: {error}</translation>
    </message>
    <message>
        <source>Manager: {name}</source>
        <translation>Chef de projet&#xa0;: {name}</translation>
    </message>
    <message>
        <source>Latest report {period}: {rag}</source>
        <translation>Dernier rapport {period}&#xa0;: {rag}</translation>
    </message>
    <message>
        <source>Change not saved</source>
        <translation>Modification non enregistrée</translation>
    </message>
    <message>
        <source>Score against {objective}</source>
        <translation>Note pour l&apos;objectif {objective}</translation>
    </message>
    <message>
        <source>New status report</source>
        <translation>Nouveau rapport d&apos;avancement</translation>
    </message>
    <message>
        <source>Delete status report</source>
        <translation>Supprimer le rapport d&apos;avancement</translation>
    </message>
    <message>
        <source>Delete the status report for {period}? You can undo it.</source>
        <translation>Supprimer le rapport d&apos;avancement de {period}&#xa0;? Vous pourrez annuler cette action.</translation>
    </message>
    <message>
        <source>Delete status report {period}</source>
        <translation>Supprimer le rapport d&apos;avancement {period}</translation>
    </message>
    <message>
        <source>Replace baseline</source>
        <translation>Remplacer le planning de référence</translation>
    </message>
    <message>
        <source>{baseline} (“{name}”) already holds a snapshot of the plan. Replace it with the current plan? You can undo it.</source>
        <translation>{baseline} («&#xa0;{name}&#xa0;») contient déjà un instantané du planning. Le remplacer par le planning actuel&#xa0;? Vous pourrez annuler cette action.</translation>
    </message>
    <message>
        <source>Set {baseline}</source>
        <translation>Définir&#xa0;: {baseline}</translation>
    </message>
    <message>
        <source>Clear baseline</source>
        <translation>Effacer le planning de référence</translation>
    </message>
    <message>
        <source>Clear {baseline} (“{name}”)? You can undo it.</source>
        <translation>Effacer {baseline} («&#xa0;{name}&#xa0;»)&#xa0;? Vous pourrez annuler cette action.</translation>
    </message>
    <message>
        <source>Clear {baseline}</source>
        <translation>Effacer&#xa0;: {baseline}</translation>
    </message>
    <message>
        <source>Rename baseline</source>
        <translation>Renommer le planning de référence</translation>
    </message>
    <message>
        <source>Edit cost line</source>
        <translation>Modifier la ligne de coûts</translation>
    </message>
    <message>
        <source>Add cost line</source>
        <translation>Ajouter une ligne de coûts</translation>
    </message>
    <message>
        <source>Delete cost line</source>
        <translation>Supprimer la ligne de coûts</translation>
    </message>
    <message>
        <source>Delete status report…</source>
        <translation>Supprimer le rapport d&apos;avancement…</translation>
    </message>
    <message>
        <source>Set baseline…</source>
        <translation>Définir le planning de référence…</translation>
    </message>
</context>
<context>
    <name>PropertiesPage</name>
    <message>
        <source>None</source>
        <extracomment>(column → new value, undo label) (objective id, new score)</extracomment>
        <translation>Aucune</translation>
    </message>
    <message>
        <source>Clear the date</source>
        <translation>Effacer la date</translation>
    </message>
    <message>
        <source>Edit project code</source>
        <translation>Modifier le code du projet</translation>
    </message>
    <message>
        <source>Rename project</source>
        <translation>Renommer le projet</translation>
    </message>
    <message>
        <source>Change programme</source>
        <translation>Changer de programme</translation>
    </message>
    <message>
        <source>Change project status</source>
        <translation>Changer le statut du projet</translation>
    </message>
    <message>
        <source>Change method</source>
        <translation>Changer de méthode</translation>
    </message>
    <message>
        <source>Change phase</source>
        <translation>Changer de phase</translation>
    </message>
    <message>
        <source>Change sponsor</source>
        <translation>Changer de sponsor</translation>
    </message>
    <message>
        <source>Change project manager</source>
        <translation>Changer de chef de projet</translation>
    </message>
    <message>
        <source>Change start date</source>
        <translation>Modifier la date de début</translation>
    </message>
    <message>
        <source>Change finish date</source>
        <translation>Modifier la date de fin</translation>
    </message>
    <message>
        <source>Change budget</source>
        <translation>Modifier le budget</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>Identité</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>Programme</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Méthode</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Sponsor</source>
        <translation>Sponsor</translation>
    </message>
    <message>
        <source>Project manager</source>
        <translation>Chef de projet</translation>
    </message>
    <message>
        <source>Plan and budget</source>
        <translation>Planning et budget</translation>
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
        <source>% complete</source>
        <translation>% achevé</translation>
    </message>
    <message>
        <source>Status date</source>
        <translation>Date d&apos;état</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>Tâches</translation>
    </message>
    <message>
        <source>Strategic alignment</source>
        <translation>Alignement stratégique</translation>
    </message>
    <message>
        <source>Score how strongly the project serves each objective: 0 not at all, 5 decisively. The weighted score uses the objectives&apos; weights.</source>
        <translation>Notez la contribution du projet à chaque objectif&#xa0;: 0 aucune, 5 décisive. Le score pondéré utilise le poids des objectifs.</translation>
    </message>
    <message>
        <source>(no programme)</source>
        <translation>(aucun programme)</translation>
    </message>
    <message>
        <source>The portfolio has no strategic objectives yet.</source>
        <translation>Le portefeuille n&apos;a pas encore d&apos;objectifs stratégiques.</translation>
    </message>
    <message>
        <source>weight {weight}</source>
        <translation>poids {weight}</translation>
    </message>
    <message>
        <source>Weighted strategic score: &lt;b&gt;{score}&lt;/b&gt; / 5</source>
        <translation>Score stratégique pondéré&#xa0;: &lt;b&gt;{score}&lt;/b&gt; / 5</translation>
    </message>
</context>
<context>
    <name>RecentDatabases</name>
    <message>
        <source>{database} on {server}</source>
        <extracomment>A name given by the caller (e.g. the portfolio&apos;s); empty: derived from the location.</extracomment>
        <translation>{database} sur {server}</translation>
    </message>
</context>
<context>
    <name>RecentDatabasesMenu</name>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Ouvrir une base &amp;récente</translation>
    </message>
    <message>
        <source>{entry} (missing)</source>
        <translation>{entry} (introuvable)</translation>
    </message>
    <message>
        <source>No recent databases</source>
        <translation>Aucune base de données récente</translation>
    </message>
    <message>
        <source>Remove &amp;missing files</source>
        <translation>Retirer les fichiers &amp;introuvables</translation>
    </message>
    <message>
        <source>&amp;Clear list</source>
        <translation>&amp;Vider la liste</translation>
    </message>
</context>
<context>
    <name>ReportCommands</name>
    <message>
        <source>Project status report</source>
        <extracomment>A status report or portfolio table was written: its `PackResult`.</extracomment>
        <translation>Rapport d’avancement du projet</translation>
    </message>
    <message>
        <source>No project chosen</source>
        <translation>Aucun projet choisi</translation>
    </message>
    <message>
        <source>Choose a project in the portfolio tree or the project list first.</source>
        <translation>Choisissez d’abord un projet dans l’arbre du portefeuille ou la liste des projets.</translation>
    </message>
    <message>
        <source>{project} status report {as_of}</source>
        <translation>{project} rapport d’avancement {as_of}</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Documents PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Writing the status report of {project}…</source>
        <translation>Écriture du rapport d’avancement de {project}…</translation>
    </message>
    <message>
        <source>Portfolio table</source>
        <translation>Tableau du portefeuille</translation>
    </message>
    <message>
        <source>{portfolio} portfolio table {as_of}</source>
        <translation>{portfolio} tableau du portefeuille {as_of}</translation>
    </message>
    <message>
        <source>Export the portfolio table to Excel</source>
        <translation>Exporter le tableau du portefeuille vers Excel</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Classeurs Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Writing the portfolio table…</source>
        <translation>Écriture du tableau du portefeuille…</translation>
    </message>
    <message>
        <source>Wrote {path}</source>
        <translation>{path} écrit</translation>
    </message>
    <message>
        <source>The file was not written. {reason}</source>
        <translation>Le fichier n’a pas été écrit. {reason}</translation>
    </message>
    <message>
        <source>No portfolio</source>
        <translation>Aucun portefeuille</translation>
    </message>
    <message>
        <source>This database holds no portfolio to report on yet.</source>
        <translation>Cette base ne contient encore aucun portefeuille sur lequel produire un rapport.</translation>
    </message>
</context>
<context>
    <name>ReportPrompts</name>
    <message>
        <source>Choose the organisation&apos;s logo</source>
        <translation>Choisir le logo de l’organisation</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>Images (*.png *.jpg *.jpeg)</translation>
    </message>
</context>
<context>
    <name>ResourceLoadingView</name>
    <message>
        <source>Weeks</source>
        <extracomment>Periods shown per unit: two years of weeks, or two years of months. Double-click on an assignment of the drill-down: (project id, task id). The drill-down list was filled (or its read failed).</extracomment>
        <translation>Semaines</translation>
    </message>
    <message>
        <source>Months</source>
        <translation>Mois</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Département</translation>
    </message>
    <message>
        <source>Double-click a cell to list its assignments.</source>
        <translation>Double-cliquez sur une cellule pour lister ses affectations.</translation>
    </message>
    <message>
        <source>Group by:</source>
        <translation>Regrouper par&#xa0;:</translation>
    </message>
    <message>
        <source>Periods:</source>
        <translation>Périodes&#xa0;:</translation>
    </message>
    <message>
        <source>Loading by &amp;Week</source>
        <translation>Charge par &amp;semaine</translation>
    </message>
    <message>
        <source>Loading by &amp;Month</source>
        <translation>Charge par &amp;mois</translation>
    </message>
    <message>
        <source>Group by &amp;Role</source>
        <translation>Regrouper par &amp;rôle</translation>
    </message>
    <message>
        <source>Group by &amp;Department</source>
        <translation>Regrouper par &amp;département</translation>
    </message>
    <message>
        <source>Reading the assignments…</source>
        <translation>Lecture des affectations…</translation>
    </message>
    <message>
        <source>The loading could not be read: {error}</source>
        <translation>Impossible de lire la charge&#xa0;: {error}</translation>
    </message>
    <message>
        <source>Resource loading</source>
        <translation>Charge des ressources</translation>
    </message>
    <message>
        <source>{first} – {last}: {count} resources, {over} over-allocated</source>
        <translation>{first} – {last}&#xa0;: {count} ressources, {over} en surcharge</translation>
    </message>
    <message>
        <source>{name}: demand by project and capacity, hours</source>
        <translation>{name}&#xa0;: charge par projet et capacité, en heures</translation>
    </message>
    <message>
        <source>{name} (department): demand by project and capacity, hours</source>
        <translation>{name} (département)&#xa0;: charge par projet et capacité, en heures</translation>
    </message>
    <message>
        <source>{name} (role): demand by project and capacity, hours</source>
        <translation>{name} (rôle)&#xa0;: charge par projet et capacité, en heures</translation>
    </message>
    <message>
        <source>{count} other projects</source>
        <translation>{count} autres projets</translation>
    </message>
    <message>
        <source>{name}, {first} – {last}: reading…</source>
        <translation>{name}, {first} – {last}&#xa0;: lecture…</translation>
    </message>
    <message>
        <source>{name}, {first} – {last}: {count} assignments, {hours} h</source>
        <translation>{name}, {first} – {last}&#xa0;: {count} affectations, {hours} h</translation>
    </message>
    <message>
        <source>The assignments could not be read: {error}</source>
        <translation>Impossible de lire les affectations&#xa0;: {error}</translation>
    </message>
</context>
<context>
    <name>RiskEditor</name>
    <message>
        <source>Select a risk to see and edit it.</source>
        <extracomment>A date editor at its minimum shows &quot;—&quot;: no date. Add an action: description, owner, due date (a `date` or None). The date an open action is late after (the view sets the workspace&apos;s as-of date).</extracomment>
        <translation>Choisissez un risque pour le voir et le modifier.</translation>
    </message>
    <message>
        <source>New action</source>
        <translation>Nouvelle action</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>&amp;Add action</source>
        <translation>&amp;Ajouter une action</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>A&amp;nnuler les modifications</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Délai</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Coût</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Périmètre</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Qualité</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>Probabilité</translation>
    </message>
    <message>
        <source>Impact</source>
        <translation>Impact</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Intitulé</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>Cause</translation>
    </message>
    <message>
        <source>Effect</source>
        <translation>Effet</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <source>Proximity</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>Réponse</translation>
    </message>
    <message>
        <source>Response plan</source>
        <translation>Plan de réponse</translation>
    </message>
    <message>
        <source>Residual</source>
        <translation>Résiduel</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Review date</source>
        <translation>Date de revue</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Actions</translation>
    </message>
    <message>
        <source>portfolio level</source>
        <translation>niveau portefeuille</translation>
    </message>
</context>
<context>
    <name>RiskFilterBar</name>
    <message>
        <source>Open and occurred</source>
        <translation>Ouverts et survenus</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouverts</translation>
    </message>
    <message>
        <source>Occurred</source>
        <translation>Survenus</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Clos</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Tous les statuts</translation>
    </message>
    <message>
        <source>any</source>
        <translation>tous</translation>
    </message>
    <message>
        <source>any time</source>
        <translation>à tout moment</translation>
    </message>
    <message>
        <source>within 30 days</source>
        <translation>sous 30 jours</translation>
    </message>
    <message>
        <source>within 90 days</source>
        <translation>sous 90 jours</translation>
    </message>
    <message>
        <source>within 6 months</source>
        <translation>sous 6 mois</translation>
    </message>
    <message>
        <source>Review overdue</source>
        <translation>Revue en retard</translation>
    </message>
    <message>
        <source>Filter risks</source>
        <extracomment>The free-text filter; the view places it (in its heading).</extracomment>
        <translation>Filtrer les risques</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Statut&#xa0;:</translation>
    </message>
    <message>
        <source>Min score:</source>
        <translation>Score min.&#xa0;:</translation>
    </message>
    <message>
        <source>Could occur:</source>
        <translation>Peut survenir&#xa0;:</translation>
    </message>
    <message>
        <source>All owners</source>
        <translation>Tous les responsables</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>Toutes les catégories</translation>
    </message>
    <message>
        <source>Residual</source>
        <translation>Résiduel</translation>
    </message>
    <message>
        <source>Inherent</source>
        <translation>Brut</translation>
    </message>
    <message>
        <source>{kind} P{p} × I{i} (click again to clear)</source>
        <translation>{kind} P{p} × I{i} (cliquez à nouveau pour effacer)</translation>
    </message>
</context>
<context>
    <name>RiskRegisterView</name>
    <message>
        <source>Inherent</source>
        <extracomment>A risk just created: selected (filters cleared if they hide it) once read.</extracomment>
        <translation>Brut</translation>
    </message>
    <message>
        <source>Residual</source>
        <translation>Résiduel</translation>
    </message>
    <message>
        <source>&amp;Filter risks</source>
        <translation>&amp;Filtrer les risques</translation>
    </message>
    <message>
        <source>&amp;Clear risk filters</source>
        <translation>&amp;Effacer les filtres</translation>
    </message>
    <message>
        <source>&amp;New risk</source>
        <translation>&amp;Nouveau risque</translation>
    </message>
    <message>
        <source>&amp;Delete risk…</source>
        <translation>&amp;Supprimer le risque…</translation>
    </message>
    <message>
        <source>Risk register — {name}</source>
        <translation>Registre des risques — {name}</translation>
    </message>
    <message>
        <source>{count} risks · reviews due before {date} are overdue</source>
        <translation>{count} risques · les revues prévues avant le {date} sont en retard</translation>
    </message>
    <message>
        <source>The risks could not be read: {error}</source>
        <translation>Impossible de lire les risques&#xa0;: {error}</translation>
    </message>
    <message>
        <source>{shown} of {total} risks</source>
        <translation>{shown} risques sur {total}</translation>
    </message>
    <message>
        <source>New risk</source>
        <translation>Nouveau risque</translation>
    </message>
    <message>
        <source>Risk not added</source>
        <translation>Risque non ajouté</translation>
    </message>
    <message>
        <source>Delete risk {code} “{title}” and its actions?</source>
        <translation>Supprimer le risque {code} «&#xa0;{title}&#xa0;» et ses actions&#xa0;?</translation>
    </message>
    <message>
        <source>Delete risk</source>
        <translation>Supprimer le risque</translation>
    </message>
    <message>
        <source>Action not added</source>
        <translation>Action non ajoutée</translation>
    </message>
    <message>
        <source>Change not saved</source>
        <translation>Modification non enregistrée</translation>
    </message>
</context>
<context>
    <name>RiskTableModel</name>
    <message>
        <source>Avoid</source>
        <translation>Éviter</translation>
    </message>
    <message>
        <source>Reduce</source>
        <translation>Réduire</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>Transférer</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Accepter</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Partager</translation>
    </message>
    <message>
        <source>Exploit</source>
        <translation>Exploiter</translation>
    </message>
    <message>
        <source>Enhance</source>
        <translation>Amplifier</translation>
    </message>
    <message>
        <source>Fallback</source>
        <translation>Solution de repli</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvert</translation>
    </message>
    <message>
        <source>Occurred</source>
        <translation>Survenu</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Clos</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fait</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Intitulé</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projet</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>P</source>
        <translation>P</translation>
    </message>
    <message>
        <source>I</source>
        <translation>I</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Residual</source>
        <translation>Résiduel</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>Réponse</translation>
    </message>
    <message>
        <source>Proximity</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Revue</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Probability (1–5)</source>
        <translation>Probabilité (1–5)</translation>
    </message>
    <message>
        <source>Impact: the worst of schedule, cost, scope and quality (1–5)</source>
        <translation>Impact&#xa0;: le plus fort entre délai, coût, périmètre et qualité (1–5)</translation>
    </message>
    <message>
        <source>Probability × impact (1–25)</source>
        <translation>Probabilité × impact (1–25)</translation>
    </message>
    <message>
        <source>Residual score after the response (1–25)</source>
        <translation>Score résiduel après la réponse (1–25)</translation>
    </message>
    <message>
        <source>When the risk could occur</source>
        <translation>Quand le risque pourrait survenir</translation>
    </message>
    <message>
        <source>Next review date (red when overdue)</source>
        <translation>Date de la prochaine revue (en rouge si dépassée)</translation>
    </message>
    <message>
        <source>Portfolio</source>
        <translation>Portefeuille</translation>
    </message>
    <message>
        <source>Schedule {s}, cost {c}, scope {sc}, quality {q}</source>
        <translation>Délai {s}, coût {c}, périmètre {sc}, qualité {q}</translation>
    </message>
    <message>
        <source>The review is overdue</source>
        <translation>La revue est en retard</translation>
    </message>
</context>
<context>
    <name>StatusReportTableModel</name>
    <message>
        <source>Period</source>
        <extracomment>The period, one column per RAG dimension, then % complete and author.</extracomment>
        <translation>Période</translation>
    </message>
    <message>
        <source>Overall</source>
        <translation>Global</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Délais</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Coûts</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Périmètre</translation>
    </message>
    <message>
        <source>Resources</source>
        <translation>Ressources</translation>
    </message>
    <message>
        <source>Benefits</source>
        <translation>Bénéfices</translation>
    </message>
    <message>
        <source>% complete</source>
        <translation>% achevé</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Auteur</translation>
    </message>
    <message>
        <source>{start} to {end}</source>
        <translation>du {start} au {end}</translation>
    </message>
</context>
<context>
    <name>StatusReportsPage</name>
    <message>
        <source>New report</source>
        <extracomment>(report id, column → new value, undo label)</extracomment>
        <translation>Nouveau rapport</translation>
    </message>
    <message>
        <source>Delete report</source>
        <translation>Supprimer le rapport</translation>
    </message>
    <message>
        <source>Ratings</source>
        <translation>Évaluations RAG</translation>
    </message>
    <message>
        <source>% complete</source>
        <translation>% achevé</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Auteur</translation>
    </message>
    <message>
        <source>Commentary</source>
        <translation>Commentaire</translation>
    </message>
    <message>
        <source>Achievements this period</source>
        <translation>Réalisations de la période</translation>
    </message>
    <message>
        <source>Concerns</source>
        <translation>Points d&apos;attention</translation>
    </message>
    <message>
        <source>Decisions needed</source>
        <translation>Décisions attendues</translation>
    </message>
    <message>
        <source>No status report yet. Use “New report” to write the first one.</source>
        <translation>Aucun rapport d&apos;avancement pour l&apos;instant. Utilisez «&#xa0;Nouveau rapport&#xa0;» pour rédiger le premier.</translation>
    </message>
    <message>
        <source>Overall</source>
        <translation>Global</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Délais</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Coûts</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Périmètre</translation>
    </message>
    <message>
        <source>Resources</source>
        <translation>Ressources</translation>
    </message>
    <message>
        <source>Benefits</source>
        <translation>Bénéfices</translation>
    </message>
    <message>
        <source>Rate {dimension}</source>
        <translation>Noter «&#xa0;{dimension}&#xa0;»</translation>
    </message>
    <message>
        <source>Change report % complete</source>
        <translation>Modifier le % achevé du rapport</translation>
    </message>
    <message>
        <source>Edit status report</source>
        <translation>Modifier le rapport d&apos;avancement</translation>
    </message>
    <message>
        <source>Report for {period}</source>
        <translation>Rapport de {period}</translation>
    </message>
    <message>
        <source>The worst of the dimensions below, unless the commentary says why not.</source>
        <translation>La moins bonne des dimensions ci-dessous, sauf justification dans le commentaire.</translation>
    </message>
    <message>
        <source>{green}: SPI ≥ {spi_a} and milestones ≤ {slip_a} days late · {amber}: SPI ≥ {spi_r} or slip ≤ {slip_r} days · {red}: worse</source>
        <translation>{green}&#xa0;: SPI ≥ {spi_a} et jalons en retard de {slip_a} jours au plus · {amber}&#xa0;: SPI ≥ {spi_r} ou retard ≤ {slip_r} jours · {red}&#xa0;: au-delà</translation>
    </message>
    <message>
        <source>{green}: CPI ≥ {cpi_a} and forecast ≤ {over_a}% over budget · {amber}: CPI ≥ {cpi_r} or overrun ≤ {over_r}% · {red}: worse</source>
        <translation>{green}&#xa0;: CPI ≥ {cpi_a} et prévision ≤ {over_a} % au-dessus du budget · {amber}&#xa0;: CPI ≥ {cpi_r} ou dépassement ≤ {over_r} % · {red}&#xa0;: au-delà</translation>
    </message>
    <message>
        <source>{green}: agreed scope · {amber}: changes awaiting a decision · {red}: scope cannot be delivered as approved</source>
        <translation>{green}&#xa0;: périmètre convenu · {amber}&#xa0;: modifications en attente de décision · {red}&#xa0;: le périmètre ne peut pas être livré tel qu&apos;approuvé</translation>
    </message>
    <message>
        <source>{green}: staffed as planned · {amber}: gaps the project can absorb · {red}: gaps that need the steering committee</source>
        <translation>{green}&#xa0;: effectifs conformes au plan · {amber}&#xa0;: manques absorbables par le projet · {red}&#xa0;: manques à remonter au comité de pilotage</translation>
    </message>
    <message>
        <source>{green}: benefits on track · {amber}: benefits at risk · {red}: benefits will not be realised as approved</source>
        <translation>{green}&#xa0;: bénéfices en bonne voie · {amber}&#xa0;: bénéfices menacés · {red}&#xa0;: les bénéfices ne seront pas obtenus tels qu&apos;approuvés</translation>
    </message>
    <message>
        <source>Cost lines: forecast {overrun} against budget → {rag}</source>
        <translation>Lignes de coûts&#xa0;: prévision {overrun} par rapport au budget → {rag}</translation>
    </message>
</context>
<context>
    <name>TaskDialog</name>
    <message>
        <source>Task information</source>
        <translation>Informations sur la tâche</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Général</translation>
    </message>
    <message>
        <source>Predecessors</source>
        <translation>Prédécesseurs</translation>
    </message>
    <message>
        <source>Resources</source>
        <translation>Ressources</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Avancé</translation>
    </message>
    <message>
        <source>Mark as milestone</source>
        <translation>Marquer la tâche comme jalon</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>% complete</source>
        <translation>% achevé</translation>
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
        <source>not scheduled</source>
        <translation>non planifiée</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Task name</source>
        <translation>Nom de la tâche</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Lag</source>
        <translation>Retard</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Type: FS, SS, FF or SF. Lag: e.g. +2d, -1w, +3h, +2ed, +50%.</source>
        <translation>Type&#xa0;: FS (fin à début), SS (début à début), FF (fin à fin) ou SF (début à fin). Retard&#xa0;: p. ex. +2d (jours), -1w (semaines), +3h (heures), +2ed (jours écoulés), +50%.</translation>
    </message>
    <message>
        <source>(not an ID)</source>
        <translation>(numéro non valide)</translation>
    </message>
    <message>
        <source>(no such task)</source>
        <translation>(tâche inexistante)</translation>
    </message>
    <message>
        <source>Resource</source>
        <translation>Ressource</translation>
    </message>
    <message>
        <source>Units %</source>
        <translation>Unités (%)</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>Affecter</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <source>Project calendar</source>
        <translation>Calendrier du projet</translation>
    </message>
    <message>
        <source>Constraint type</source>
        <translation>Type de contrainte</translation>
    </message>
    <message>
        <source>Constraint date</source>
        <translation>Date de contrainte</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Calendrier</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Remarques</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is not a number of units for {1}.</source>
        <translation>«&#xa0;{0}&#xa0;» n&apos;est pas un nombre d&apos;unités valide pour {1}.</translation>
    </message>
</context>
<context>
    <name>TaskTreeModel</name>
    <message>
        <source>ID</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>WBS</source>
        <translation>WBS</translation>
    </message>
    <message>
        <source>Task name</source>
        <translation>Nom de la tâche</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
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
        <source>% Complete</source>
        <translation>% achevé</translation>
    </message>
    <message>
        <source>Predecessors</source>
        <translation>Prédécesseurs</translation>
    </message>
    <message>
        <source>Resource names</source>
        <translation>Noms ressources</translation>
    </message>
    <message>
        <source>Total slack</source>
        <translation>Marge totale</translation>
    </message>
    <message>
        <source>Free slack</source>
        <translation>Marge libre</translation>
    </message>
    <message>
        <source>Baseline start</source>
        <translation>Début planifié</translation>
    </message>
    <message>
        <source>Baseline finish</source>
        <translation>Fin planifiée</translation>
    </message>
    <message>
        <source>Finish variance</source>
        <translation>Variation de fin</translation>
    </message>
    <message>
        <source>Constraint</source>
        <translation>Contrainte</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Remarques</translation>
    </message>
    <message>
        <source>{n} day</source>
        <extracomment>Microsoft Project&apos;s Entry table: what a new Gantt shows before the user picks columns. Columns the user edits in place: the row field each one changes.</extracomment>
        <translation>{n} jour</translation>
    </message>
    <message>
        <source>{n} days</source>
        <translation>{n} jours</translation>
    </message>
    <message>
        <source>As soon as possible</source>
        <extracomment>A user edit of a cell: (task id, field, new value). Nothing is written yet. The visible rows changed shape (reset, filter): the chart re-reads `visible_rows`. A new snapshot arrived (dates and links may have changed, rows too). Display texts made on first paint (formatting dates and numbers is the slow part).</extracomment>
        <translation>Le plus tôt possible</translation>
    </message>
</context>
<context>
    <name>TemplateBar</name>
    <message>
        <source>Pack template</source>
        <extracomment>The user loaded a template: its `PackRequest`. The list changed (saved or deleted): a sentence saying what happened.</extracomment>
        <translation>Gabarit de dossier</translation>
    </message>
    <message>
        <source>No template saved yet</source>
        <translation>Aucun gabarit enregistré</translation>
    </message>
    <message>
        <source>Te&amp;mplate:</source>
        <translation>Ga&amp;barit&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Load</source>
        <translation>Appli&amp;quer</translation>
    </message>
    <message>
        <source>Sa&amp;ve as…</source>
        <translation>E&amp;nregistrer sous…</translation>
    </message>
    <message>
        <source>Dele&amp;te</source>
        <translation>Suppri&amp;mer</translation>
    </message>
    <message>
        <source>Save pack template</source>
        <translation>Enregistrer le gabarit de dossier</translation>
    </message>
    <message>
        <source>Template name:</source>
        <translation>Nom du gabarit&#xa0;:</translation>
    </message>
    <message>
        <source>Replace the template “{name}”?</source>
        <translation>Remplacer le gabarit «&#xa0;{name}&#xa0;»&#xa0;?</translation>
    </message>
    <message>
        <source>Delete pack template</source>
        <translation>Supprimer le gabarit de dossier</translation>
    </message>
    <message>
        <source>Delete the template “{name}”?</source>
        <translation>Supprimer le gabarit «&#xa0;{name}&#xa0;»&#xa0;?</translation>
    </message>
    <message>
        <source>Template “{name}” saved.</source>
        <translation>Gabarit «&#xa0;{name}&#xa0;» enregistré.</translation>
    </message>
    <message>
        <source>Template “{name}” deleted.</source>
        <translation>Gabarit «&#xa0;{name}&#xa0;» supprimé.</translation>
    </message>
    <message>
        <source>The template was not changed. {reason}</source>
        <translation>Le gabarit n’a pas été modifié. {reason}</translation>
    </message>
    <message>
        <source>The database is read-only.</source>
        <translation>La base de données est en lecture seule.</translation>
    </message>
</context>
<context>
    <name>Timescale</name>
    <message>
        <source>Weeks and days</source>
        <translation>Semaines et jours</translation>
    </message>
    <message>
        <source>Months and weeks</source>
        <translation>Mois et semaines</translation>
    </message>
    <message>
        <source>Quarters and months</source>
        <translation>Trimestres et mois</translation>
    </message>
    <message>
        <source>Years and quarters</source>
        <translation>Années et trimestres</translation>
    </message>
    <message>
        <source>Q{quarter} {year}</source>
        <translation>T{quarter} {year}</translation>
    </message>
    <message>
        <source>Q{quarter}</source>
        <translation>T{quarter}</translation>
    </message>
    <message>
        <source>Week of {date}</source>
        <translation>Semaine du {date}</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to PMO Desktop</source>
        <translation>Bienvenue dans PMO Desktop</translation>
    </message>
    <message>
        <source>&amp;Skip</source>
        <translation>&amp;Passer</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome to PMO Desktop</source>
        <translation>Bienvenue dans PMO Desktop</translation>
    </message>
    <message>
        <source>Portfolio dashboards, Gantt charts, resources, risks and board packs. How would you like to start?</source>
        <translation>Tableaux de bord du portefeuille, diagrammes de Gantt, ressources, risques et dossiers de comité de pilotage. Comment souhaitez-vous commencer&#xa0;?</translation>
    </message>
    <message>
        <source>Open the &amp;demo portfolio</source>
        <translation>Ouvrir la &amp;démo</translation>
    </message>
    <message>
        <source>A realistic sample portfolio to explore every view</source>
        <translation>Un portefeuille d&apos;exemple réaliste pour découvrir toutes les vues</translation>
    </message>
    <message>
        <source>Create a &amp;new database…</source>
        <translation>&amp;Nouvelle base…</translation>
    </message>
    <message>
        <source>An empty database file for your own portfolio</source>
        <translation>Un fichier de base de données vide pour votre propre portefeuille</translation>
    </message>
    <message>
        <source>&amp;Connect to a server…</source>
        <translation>Se &amp;connecter…</translation>
    </message>
    <message>
        <source>Work with your team on a PostgreSQL server</source>
        <translation>Travaillez en équipe sur un serveur PostgreSQL</translation>
    </message>
    <message>
        <source>&amp;Open a database file…</source>
        <translation>&amp;Ouvrir un fichier de base de données…</translation>
    </message>
    <message>
        <source>&amp;Recent databases</source>
        <translation>Bases de données &amp;récentes</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Emplacement</translation>
    </message>
    <message>
        <source>No database opened yet.</source>
        <translation>Aucune base de données ouverte pour l&apos;instant.</translation>
    </message>
    <message>
        <source>{name} (missing)</source>
        <translation>{name} (introuvable)</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <source>Cannot redo</source>
        <extracomment>QUndoCommand ids: mergeable commands share one id per merge key.</extracomment>
        <translation>Impossible de rétablir</translation>
    </message>
    <message>
        <source>Cannot undo</source>
        <translation>Impossible d&apos;annuler</translation>
    </message>
    <message>
        <source>Read-only database</source>
        <extracomment>Another database replaced the open one (the undo history was cleared). Data changed: a set of entity classes, or None when anything may have changed.</extracomment>
        <translation>Base de données en lecture seule</translation>
    </message>
    <message>
        <source>The database is read-only: {reason}.</source>
        <translation>La base de données est en lecture seule&#xa0;: {reason}.</translation>
    </message>
    <message>
        <source>Change not saved</source>
        <translation>Modification non enregistrée</translation>
    </message>
</context>
</TS>
