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
        <extracomment>The id of the Linux desktop entry (installer/bundle_names.py APP_ID; a test checks it). Views this version builds; the others are part of the command-line contract already. Longest wait for a view to finish loading before its screenshot (milliseconds).</extracomment>
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
    <name>AssignedModel</name>
    <message>
        <source>Project</source>
        <translation>Projet</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Unités</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>Travail</translation>
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
        <source>Cost</source>
        <translation>Coût</translation>
    </message>
</context>
<context>
    <name>AuditTreeModel</name>
    <message>
        <source>Portfolio</source>
        <extracomment>Old values are quieter than new ones. Kinds of object by table name (others show their table name, made readable).</extracomment>
        <translation>Portefeuille</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>Programme</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projet</translation>
    </message>
    <message>
        <source>Strategic objective</source>
        <translation>Objectif stratégique</translation>
    </message>
    <message>
        <source>Objective score</source>
        <translation>Note d&apos;objectif</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Liaison</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>Planning de référence</translation>
    </message>
    <message>
        <source>Baseline task</source>
        <translation>Tâche du planning de référence</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Calendrier</translation>
    </message>
    <message>
        <source>Working time</source>
        <translation>Temps de travail</translation>
    </message>
    <message>
        <source>Calendar exception</source>
        <translation>Exception de calendrier</translation>
    </message>
    <message>
        <source>Exception hours</source>
        <translation>Horaires d&apos;exception</translation>
    </message>
    <message>
        <source>Resource</source>
        <translation>Ressource</translation>
    </message>
    <message>
        <source>Resource rate</source>
        <translation>Taux de ressource</translation>
    </message>
    <message>
        <source>Assignment</source>
        <translation>Affectation</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>Risque</translation>
    </message>
    <message>
        <source>Risk action</source>
        <translation>Action sur risque</translation>
    </message>
    <message>
        <source>Risk–task link</source>
        <translation>Lien risque–tâche</translation>
    </message>
    <message>
        <source>Risk assessment</source>
        <translation>Évaluation du risque</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>Assumption</source>
        <translation>Hypothèse</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Décision</translation>
    </message>
    <message>
        <source>Change request</source>
        <translation>Demande de modification</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>Retour d&apos;expérience</translation>
    </message>
    <message>
        <source>Status report</source>
        <translation>Rapport d&apos;avancement</translation>
    </message>
    <message>
        <source>Cost line</source>
        <translation>Ligne de coûts</translation>
    </message>
    <message>
        <source>Report template</source>
        <translation>Gabarit de rapport</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importation</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Création</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Modification</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Suppression</translation>
    </message>
    <message>
        <source>Duration</source>
        <extracomment>Field names that read better than their column name made readable.</extracomment>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>Travail</translation>
    </message>
    <message>
        <source>Remaining duration</source>
        <translation>Durée restante</translation>
    </message>
    <message>
        <source>Levelling delay</source>
        <translation>Retard de nivellement</translation>
    </message>
    <message>
        <source>% complete</source>
        <translation>% achevé</translation>
    </message>
    <message>
        <source>Rows stored</source>
        <translation>Lignes enregistrées</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importé le</translation>
    </message>
    <message>
        <source>{hours} h</source>
        <translation>{hours}&#xa0;h</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>When</source>
        <extracomment>The record of a row (children answer their parent&apos;s).</extracomment>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Avant</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Après</translation>
    </message>
    <message>
        <source>{count} fields</source>
        <extracomment>Compact (the History dock): columns Field, Before, After; each change is a heading row (&quot;when · who · action&quot;, meant to span the row) over its fields.</extracomment>
        <translation>{count} champs</translation>
    </message>
</context>
<context>
    <name>BackupListModel</name>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Taken at</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
</context>
<context>
    <name>BackupsDialog</name>
    <message>
        <source>Backups</source>
        <extracomment>The open database was closed for a restore: reopen the file at this path (it holds the backup, or, if the swap failed — the user was told — the file as it was).</extracomment>
        <translation>Sauvegardes</translation>
    </message>
    <message>
        <source>Take today&apos;s backup now (it replaces today&apos;s)</source>
        <translation>Faire maintenant la sauvegarde du jour (elle remplace celle d&apos;aujourd&apos;hui)</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>&amp;Restaurer…</translation>
    </message>
    <message>
        <source>Replace the database with the selected backup (the current file is kept)</source>
        <translation>Remplacer la base de données par la sauvegarde sélectionnée (le fichier actuel est conservé)</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>&amp;Sauvegarder maintenant</translation>
    </message>
    <message>
        <source>Open &amp;folder</source>
        <translation>Ouvrir le &amp;dossier</translation>
    </message>
    <message>
        <source>{database} is a database server: its administrator backs it up with the server&apos;s own tools. Daily backups are kept for database files only.</source>
        <translation>{database} est un serveur de bases de données&#xa0;: son administrateur le sauvegarde avec les outils du serveur. Les sauvegardes quotidiennes ne concernent que les fichiers de base de données.</translation>
    </message>
    <message>
        <source>PMO Desktop backs up {file} once a day when you open it, into your own data folder: the last {daily} days are kept, and one backup a week for {weekly} weeks.</source>
        <translation>PMO Desktop sauvegarde {file} une fois par jour à son ouverture, dans votre propre dossier de données&#xa0;: les {daily} derniers jours sont conservés, ainsi qu&apos;une sauvegarde par semaine pendant {weekly} semaines.</translation>
    </message>
    <message>
        <source>Folder: {folder}</source>
        <translation>Dossier&#xa0;: {folder}</translation>
    </message>
    <message>
        <source>No backups yet: the first one is taken when you open this database.</source>
        <translation>Aucune sauvegarde pour l&apos;instant&#xa0;: la première est faite à l&apos;ouverture de cette base de données.</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>Sauvegarde…</translation>
    </message>
    <message>
        <source>Backing up {file}…</source>
        <translation>Sauvegarde de {file}…</translation>
    </message>
    <message>
        <source>Replace {file} with the backup of {day}, taken at {time}?

Changes made since then will not be in the restored database. The current file is kept beside it as {kept}. The database is closed and reopened.</source>
        <translation>Remplacer {file} par la sauvegarde du {day}, faite à {time}&#xa0;?

Les modifications faites depuis ne figureront pas dans la base restaurée. Le fichier actuel est conservé à côté sous le nom {kept}. La base de données est fermée puis rouverte.</translation>
    </message>
    <message>
        <source>Restore backup</source>
        <translation>Restaurer la sauvegarde</translation>
    </message>
    <message>
        <source>Backup failed</source>
        <translation>Échec de la sauvegarde</translation>
    </message>
    <message>
        <source>The replaced file was kept as {kept}.</source>
        <translation>Le fichier remplacé a été conservé sous le nom {kept}.</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>Sauvegarde restaurée</translation>
    </message>
    <message>
        <source>Restore failed</source>
        <translation>Échec de la restauration</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>Restauration…</translation>
    </message>
    <message>
        <source>Restoring {file}…</source>
        <translation>Restauration de {file}…</translation>
    </message>
    <message>
        <source>Backed up to {path}.</source>
        <translation>Sauvegardé dans {path}.</translation>
    </message>
    <message>
        <source>{file} was restored from {backup}.</source>
        <translation>{file} a été restauré à partir de {backup}.</translation>
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
    <name>CapacityChart</name>
    <message>
        <source>(no role)</source>
        <extracomment>One role&apos;s chart: width and height of a small multiple.</extracomment>
        <translation>(sans rôle)</translation>
    </message>
    <message>
        <source>{role} · {people} people</source>
        <translation>{role} · {people} personnes</translation>
    </message>
    <message>
        <source>short {count} mo</source>
        <translation>déficit {count} mois</translation>
    </message>
</context>
<context>
    <name>CapacityPanel</name>
    <message>
        <source>Reading demand and capacity…</source>
        <translation>Lecture de la demande et de la capacité…</translation>
    </message>
    <message>
        <source>Demand against the capacity of each role&apos;s people, hours per month from {month}: {short} of {roles} roles short in some month.</source>
        <translation>Demande comparée à la capacité des personnes de chaque rôle, en heures par mois à partir de {month}&#xa0;: {short} rôles sur {roles} en déficit au moins un mois.</translation>
    </message>
    <message>
        <source>Proposed projects included.</source>
        <translation>Projets proposés inclus.</translation>
    </message>
    <message>
        <source>The capacity plan could not be read: {error}</source>
        <translation>Impossible de lire le plan de capacité&#xa0;: {error}</translation>
    </message>
</context>
<context>
    <name>CapacityTableModel</name>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Heures</translation>
    </message>
    <message>
        <source>(no role)</source>
        <translation>(sans rôle)</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>Capacité</translation>
    </message>
    <message>
        <source>Demand</source>
        <translation>Demande</translation>
    </message>
    <message>
        <source>Gap</source>
        <translation>Écart</translation>
    </message>
</context>
<context>
    <name>CapsBar</name>
    <message>
        <source>&amp;Budget cap</source>
        <translation>Plafond de &amp;budget</translation>
    </message>
    <message>
        <source>Money available for the projects of the ranking</source>
        <translation>Budget disponible pour les projets du classement</translation>
    </message>
    <message>
        <source>&amp;Capacity cap</source>
        <translation>Plafond de &amp;capacité</translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source>Person-hours available over the horizon (by default what the people can give)</source>
        <translation>Heures-personnes disponibles sur l&apos;horizon (par défaut, la capacité des personnes)</translation>
    </message>
    <message>
        <source>Cap the hours of every role, or of one role</source>
        <translation>Plafonner les heures de tous les rôles, ou d&apos;un seul</translation>
    </message>
    <message>
        <source>All roles</source>
        <translation>Tous les rôles</translation>
    </message>
    <message>
        <source>Skip what does not fit</source>
        <translation>Passer ce qui ne tient pas</translation>
    </message>
    <message>
        <source>Stop at the first that does not fit</source>
        <translation>S&apos;arrêter au premier qui ne tient pas</translation>
    </message>
    <message>
        <source>Skip: a project that does not fit is passed over and smaller ones further down may still be funded.
Stop: nothing below the first project that does not fit is funded, so the ranking is followed to the letter.</source>
        <translation>Passer&#xa0;: un projet qui ne tient pas est écarté, et des projets plus petits situés plus bas peuvent encore être retenus.
S&apos;arrêter&#xa0;: aucun projet sous le premier qui ne tient pas n&apos;est retenu&#xa0;; le classement est suivi à la lettre.</translation>
    </message>
    <message>
        <source> months</source>
        <translation> mois</translation>
    </message>
    <message>
        <source>Demand and capacity are counted over this horizon</source>
        <translation>La demande et la capacité sont comptées sur cet horizon</translation>
    </message>
    <message>
        <source>&amp;Horizon</source>
        <translation>&amp;Horizon</translation>
    </message>
    <message>
        <source>&amp;Rule</source>
        <translation>&amp;Règle</translation>
    </message>
    <message>
        <source>(no role)</source>
        <translation>(sans rôle)</translation>
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
    <name>ChangeLogFilterBar</name>
    <message>
        <source>Search changes…</source>
        <extracomment>A date edit at its minimum means &quot;no limit&quot;.</extracomment>
        <translation>Rechercher des modifications…</translation>
    </message>
    <message>
        <source>Any date</source>
        <translation>Toute date</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Effacer les filtres</translation>
    </message>
    <message>
        <source>Who:</source>
        <translation>Qui&#xa0;:</translation>
    </message>
    <message>
        <source>Object:</source>
        <translation>Objet&#xa0;:</translation>
    </message>
    <message>
        <source>Project:</source>
        <translation>Projet&#xa0;:</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Du&#xa0;:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>Au&#xa0;:</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>Tout le monde</translation>
    </message>
    <message>
        <source>Any object</source>
        <translation>Tout objet</translation>
    </message>
    <message>
        <source>All projects</source>
        <translation>Tous les projets</translation>
    </message>
</context>
<context>
    <name>ChangeLogView</name>
    <message>
        <source>Change log</source>
        <extracomment>Show an object where it lives: its table name (`tasks`, `risks`…) and id.</extracomment>
        <translation>Journal des modifications</translation>
    </message>
    <message>
        <source>‹ Newer</source>
        <translation>‹ Plus récentes</translation>
    </message>
    <message>
        <source>Older ›</source>
        <translation>Plus anciennes ›</translation>
    </message>
    <message>
        <source>&amp;Filter changes</source>
        <translation>&amp;Filtrer les modifications</translation>
    </message>
    <message>
        <source>&amp;Clear change-log filters</source>
        <translation>&amp;Effacer les filtres du journal des modifications</translation>
    </message>
    <message>
        <source>&amp;Newer changes</source>
        <translation>Modifications plus &amp;récentes</translation>
    </message>
    <message>
        <source>&amp;Older changes</source>
        <translation>Modifications plus &amp;anciennes</translation>
    </message>
    <message>
        <source>&amp;Open changed item</source>
        <translation>&amp;Ouvrir l&apos;élément modifié</translation>
    </message>
    <message>
        <source>The change log could not be read: {error}</source>
        <translation>Impossible de lire le journal des modifications&#xa0;: {error}</translation>
    </message>
    <message>
        <source>No change matches these filters.</source>
        <translation>Aucune modification ne correspond à ces filtres.</translation>
    </message>
    <message>
        <source>No change recorded yet.</source>
        <translation>Aucune modification enregistrée pour l&apos;instant.</translation>
    </message>
    <message>
        <source>1 change matches these filters</source>
        <translation>1 modification correspond à ces filtres</translation>
    </message>
    <message>
        <source>{count} changes match these filters</source>
        <translation>{count} modifications correspondent à ces filtres</translation>
    </message>
    <message>
        <source>1 change recorded</source>
        <translation>1 modification enregistrée</translation>
    </message>
    <message>
        <source>{count} changes recorded, newest first</source>
        <translation>{count} modifications enregistrées, les plus récentes en premier</translation>
    </message>
    <message>
        <source>{first}–{last} of {total}</source>
        <translation>{first}–{last} sur {total}</translation>
    </message>
</context>
<context>
    <name>CheckinDialog</name>
    <message>
        <source>Check in {project}</source>
        <translation>Archiver {project}</translation>
    </message>
    <message>
        <source>Into {source}, checked out on {when} by {user}.</source>
        <translation>Vers {source}, extrait le {when} par {user}.</translation>
    </message>
    <message>
        <source>All mine</source>
        <translation>Ma version partout</translation>
    </message>
    <message>
        <source>All theirs</source>
        <translation>Leur version partout</translation>
    </message>
    <message>
        <source>Nothing is written until you press Check in; then everything is applied in one transaction and the check-out is closed.</source>
        <translation>Rien n&apos;est écrit tant que vous n&apos;avez pas cliqué sur Archiver&#xa0;; tout est alors appliqué en une seule transaction et l&apos;extraction est clôturée.</translation>
    </message>
    <message>
        <source>Check in</source>
        <translation>Archiver</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Ajouts</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Modifications</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Suppressions</translation>
    </message>
    <message>
        <source>{count} change(s) made offline will be applied, with the rows decided below.</source>
        <translation>Modifications faites hors connexion à appliquer&#xa0;: {count}, avec les lignes tranchées ci-dessous.</translation>
    </message>
    <message>
        <source>{count} change(s) made offline will be applied.</source>
        <translation>Modifications faites hors connexion à appliquer&#xa0;: {count}.</translation>
    </message>
    <message>
        <source>No change made offline needs applying; checking in closes the check-out.</source>
        <translation>Aucune modification faite hors connexion n&apos;est à appliquer&#xa0;; l&apos;archivage clôture l&apos;extraction.</translation>
    </message>
    <message>
        <source>{count} change(s) to tasks of other projects (read-only copies at the end of cross-project links) are not checked in.</source>
        <translation>Modifications de tâches d&apos;autres projets (copies en lecture seule au bout des liaisons inter-projets), non archivées&#xa0;: {count}.</translation>
    </message>
    <message>
        <source>Changed on both sides</source>
        <translation>Modifié des deux côtés</translation>
    </message>
    <message>
        <source>Mine (offline copy)</source>
        <translation>Ma version (copie hors connexion)</translation>
    </message>
    <message>
        <source>Theirs (shared database)</source>
        <translation>Leur version (base de données partagée)</translation>
    </message>
    <message>
        <source>Their change</source>
        <translation>Leur modification</translation>
    </message>
    <message>
        <source>Keep mine: {item}</source>
        <translation>Garder ma version&#xa0;: {item}</translation>
    </message>
    <message>
        <source>Keep theirs: {item}</source>
        <translation>Garder leur version&#xa0;: {item}</translation>
    </message>
    <message>
        <source>Changed offline</source>
        <translation>Modifié hors connexion</translation>
    </message>
    <message>
        <source>Deleted offline</source>
        <translation>Supprimé hors connexion</translation>
    </message>
    <message>
        <source>Changed in the shared database</source>
        <translation>Modifié dans la base de données partagée</translation>
    </message>
    <message>
        <source>Deleted in the shared database</source>
        <translation>Supprimé dans la base de données partagée</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vide)</translation>
    </message>
    <message>
        <source>{field}: {value}</source>
        <translation>{field}&#xa0;: {value}</translation>
    </message>
    <message>
        <source>{user}, {when}</source>
        <translation>{user}, {when}</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>&lt;b&gt;{count} row(s) were changed both offline and in the shared database.&lt;/b&gt; Choose, row by row, which version to keep ({left} left to decide). Their other changes, and yours to other fields, are kept in any case.</source>
        <translation>&lt;b&gt;Lignes modifiées à la fois hors connexion et dans la base de données partagée&#xa0;: {count}.&lt;/b&gt; Choisissez, ligne par ligne, la version à garder (encore {left} à trancher). Leurs autres modifications, et les vôtres sur d&apos;autres champs, sont conservées dans tous les cas.</translation>
    </message>
    <message>
        <source>No conflicts.</source>
        <translation>Aucun conflit.</translation>
    </message>
</context>
<context>
    <name>CheckoutBanner</name>
    <message>
        <source>&lt;b&gt;{project} is checked out&lt;/b&gt; by {user} on {host} since {when} to be edited offline. It can still be edited here, but a field changed both here and in their copy will be a conflict for them to decide at check-in.</source>
        <extracomment>This file is an offline copy: blue band (informative).</extracomment>
        <translation>&lt;b&gt;{project} est extrait&lt;/b&gt; par {user} sur {host} depuis le {when} pour être modifié hors connexion. Vous pouvez encore le modifier ici, mais un champ modifié à la fois ici et dans sa copie sera un conflit à trancher lors de son archivage.</translation>
    </message>
    <message>
        <source>Checked out by {user} on {host} since {when} to be edited offline.</source>
        <translation>Extrait par {user} sur {host} depuis le {when} pour être modifié hors connexion.</translation>
    </message>
    <message>
        <source>Not checked out: only its tasks linked to {code} are in this copy, read-only (changes to them are not checked in).</source>
        <translation>Non extrait&#xa0;: seules ses tâches liées à {code} figurent dans cette copie, en lecture seule (leurs modifications ne sont pas archivées).</translation>
    </message>
    <message>
        <source>&lt;b&gt;Offline copy of {project}, closed&lt;/b&gt; on {when}: it was checked in or its check-out cancelled. Edits made here now go nowhere; open {source} to work on the project.</source>
        <translation>&lt;b&gt;Copie hors connexion de {project}, clôturée&lt;/b&gt; le {when}&#xa0;: elle a été archivée ou son extraction a été annulée. Les modifications faites ici ne sont plus reportées nulle part&#xa0;; ouvrez {source} pour travailler sur le projet.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Offline copy of {project}&lt;/b&gt; from {source}, checked out on {when}. Edit it offline, then use File ▸ Check in… to apply your changes. Tasks of other projects linked to it are read-only copies: changes to them are not checked in.</source>
        <translation>&lt;b&gt;Copie hors connexion de {project}&lt;/b&gt; issue de {source}, extraite le {when}. Modifiez-la hors connexion, puis utilisez Fichier ▸ Archiver… pour appliquer vos modifications. Les tâches d&apos;autres projets qui lui sont liées sont des copies en lecture seule&#xa0;: leurs modifications ne sont pas archivées.</translation>
    </message>
</context>
<context>
    <name>CheckoutCommands</name>
    <message>
        <source>Offline copy</source>
        <translation>Copie hors connexion</translation>
    </message>
    <message>
        <source>PMO Desktop databases (*.sqlite)</source>
        <translation>Bases de données PMO Desktop (*.sqlite)</translation>
    </message>
    <message>
        <source>Copying {kind}…</source>
        <translation>Copie&#xa0;: {kind}…</translation>
    </message>
    <message>
        <source>Check out project</source>
        <extracomment>A check-out, check-in or cancellation changed what the window must show. The last check-in dialog shown (tests look at it).</extracomment>
        <translation>Extraire le projet</translation>
    </message>
    <message>
        <source>This file is already an offline copy.</source>
        <translation>Ce fichier est déjà une copie hors connexion.</translation>
    </message>
    <message>
        <source>The database is read-only: nothing can be checked out.</source>
        <translation>La base de données est en lecture seule&#xa0;: rien ne peut être extrait.</translation>
    </message>
    <message>
        <source>There is no project to check out.</source>
        <translation>Il n&apos;y a aucun projet à extraire.</translation>
    </message>
    <message>
        <source>Writing {name}…</source>
        <translation>Écriture de {name}…</translation>
    </message>
    <message>
        <source>{code} is checked out into {path}. Others now see it as checked out by you.

Open the offline copy now?</source>
        <translation>{code} est extrait dans {path}. Les autres utilisateurs le voient désormais comme extrait par vous.

Ouvrir la copie hors connexion maintenant&#xa0;?</translation>
    </message>
    <message>
        <source>Checked out</source>
        <translation>Extraction effectuée</translation>
    </message>
    <message>
        <source>Check in</source>
        <translation>Archiver</translation>
    </message>
    <message>
        <source>This database is not an open offline copy of a project.</source>
        <translation>Cette base de données n&apos;est pas une copie hors connexion active d&apos;un projet.</translation>
    </message>
    <message>
        <source>Comparing with {source}…</source>
        <translation>Comparaison avec {source}…</translation>
    </message>
    <message>
        <source>Check-in cancelled: nothing was written.</source>
        <translation>Archivage annulé&#xa0;: rien n&apos;a été écrit.</translation>
    </message>
    <message>
        <source>Checking in to {source}…</source>
        <translation>Archivage dans {source}…</translation>
    </message>
    <message>
        <source>The shared database changed since the preview: there are new conflicts. Nothing was written; please decide again.</source>
        <translation>La base de données partagée a changé depuis l&apos;aperçu&#xa0;: il y a de nouveaux conflits. Rien n&apos;a été écrit&#xa0;; veuillez trancher à nouveau.</translation>
    </message>
    <message>
        <source>Checked in {count} change(s) to {source}; check-out closed.</source>
        <translation>Modifications archivées dans {source}&#xa0;: {count}&#xa0;; extraction clôturée.</translation>
    </message>
    <message>
        <source>Cancel check-out</source>
        <translation>Annuler l&apos;extraction</translation>
    </message>
    <message>
        <source>This copy is already closed.</source>
        <translation>Cette copie est déjà clôturée.</translation>
    </message>
    <message>
        <source>Cancel the check-out of {code}?

The project is released in {source} and the changes made in this offline copy will NOT be checked in (this file keeps them, but can no longer be checked in).</source>
        <translation>Annuler l&apos;extraction de {code}&#xa0;?

Le projet est libéré dans {source} et les modifications faites dans cette copie hors connexion ne seront PAS archivées (ce fichier les conserve, mais ne pourra plus être archivé).</translation>
    </message>
    <message>
        <source>Releasing {code}…</source>
        <translation>Libération de {code}…</translation>
    </message>
    <message>
        <source>The current project is not checked out.</source>
        <translation>Le projet courant n&apos;est pas extrait.</translation>
    </message>
    <message>
        <source>Only {user}, who checked {code} out, or a PMO admin can cancel the check-out.</source>
        <translation>L&apos;extraction ne peut être annulée que par {user}, qui a extrait {code}, ou par un administrateur PMO.</translation>
    </message>
    <message>
        <source>Cancel {user}&apos;s check-out of {code} (on {host})?

The changes made in that offline copy ({file}) can then no longer be checked in.</source>
        <translation>Annuler l&apos;extraction de {code} par {user} (sur {host})&#xa0;?

Les modifications faites dans cette copie hors connexion ({file}) ne pourront alors plus être archivées.</translation>
    </message>
    <message>
        <source>The check-out of {code} is cancelled.</source>
        <translation>L&apos;extraction de {code} est annulée.</translation>
    </message>
</context>
<context>
    <name>CheckoutDialog</name>
    <message>
        <source>Check out a project</source>
        <extracomment>Columns of the check-in summary table. Columns of the conflicts table. Its open check-out, if someone has it out.</extracomment>
        <translation>Extraire un projet</translation>
    </message>
    <message>
        <source>A copy of the project — tasks, links, assignments, the resources and calendars it uses, baselines, RAID logs, status reports and costs — is written to a new file you can take offline. Others see the project as checked out until you check it back in (File ▸ Check in…, from the copy).</source>
        <translation>Une copie du projet — tâches, liaisons, affectations, ressources et calendriers qu&apos;il utilise, plannings de référence, journaux RAID, rapports d&apos;avancement et coûts — est écrite dans un nouveau fichier que vous pouvez emporter hors connexion. Les autres utilisateurs voient le projet comme extrait jusqu&apos;à ce que vous l&apos;archiviez (Fichier ▸ Archiver…, depuis la copie).</translation>
    </message>
    <message>
        <source>Project:</source>
        <translation>Projet&#xa0;:</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Offline copy:</source>
        <translation>Copie hors connexion&#xa0;:</translation>
    </message>
    <message>
        <source>Check it out anyway (a second offline copy)</source>
        <translation>L&apos;extraire quand même (une seconde copie hors connexion)</translation>
    </message>
    <message>
        <source>Check out</source>
        <translation>Extraire</translation>
    </message>
    <message>
        <source>{code} is already checked out by {user} on {host} since {when}.</source>
        <translation>{code} est déjà extrait par {user} sur {host} depuis le {when}.</translation>
    </message>
    <message>
        <source>{path} already exists: choose a new file.</source>
        <translation>{path} existe déjà&#xa0;: choisissez un nouveau fichier.</translation>
    </message>
</context>
<context>
    <name>ClearLevellingAction</name>
    <message>
        <source>C&amp;lear Levelling…</source>
        <translation>Re&amp;tirer le nivellement…</translation>
    </message>
    <message>
        <source>Remove the levelling delays of the shown tasks: they go back to their dates</source>
        <translation>Supprimer les retards de nivellement des tâches affichées&#xa0;: elles reviennent à leurs dates</translation>
    </message>
</context>
<context>
    <name>ColumnMappingDialog</name>
    <message>
        <source>Import risks from {name}</source>
        <translation>Importer des risques depuis {name}</translation>
    </message>
    <message>
        <source>This workbook is not one of ours. Say which of its columns holds each field of a risk (Title at least), check, then import. Rows with an ID of ours update that risk; the others are added.</source>
        <translation>Ce classeur n&apos;a pas été produit par PMO Desktop. Indiquez quelle colonne contient chaque champ d&apos;un risque (au moins l&apos;intitulé), vérifiez, puis importez. Les lignes portant un identifiant de PMO Desktop mettent à jour ce risque&#xa0;; les autres sont ajoutées.</translation>
    </message>
    <message>
        <source>&amp;Sheet:</source>
        <translation>&amp;Feuille&#xa0;:</translation>
    </message>
    <message>
        <source>ID</source>
        <extracomment>Our task and resource columns, for the translators (looked up by `translate`).</extracomment>
        <translation>N°</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Outline level</source>
        <translation>Niveau hiérarchique</translation>
    </message>
    <message>
        <source>WBS</source>
        <translation>WBS</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>Tâche parente</translation>
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
        <source>% complete</source>
        <translation>% achevé</translation>
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
        <source>Notes</source>
        <translation>Remarques</translation>
    </message>
    <message>
        <source>Milestone</source>
        <translation>Jalon</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Équipe</translation>
    </message>
    <message>
        <source>Max units</source>
        <translation>Capacité max.</translation>
    </message>
    <message>
        <source>Standard rate</source>
        <translation>Taux standard</translation>
    </message>
    <message>
        <source>Overtime rate</source>
        <translation>Taux heures sup.</translation>
    </message>
    <message>
        <source>Cost per use</source>
        <translation>Coût par utilisation</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Calendrier</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Tasks, into a project</source>
        <translation>Tâches, dans un projet</translation>
    </message>
    <message>
        <source>Resources, into the resource pool</source>
        <translation>Ressources, dans le pool de ressources</translation>
    </message>
    <message>
        <source>Risks, into the risk register</source>
        <translation>Risques, dans le registre des risques</translation>
    </message>
    <message>
        <source>days</source>
        <translation>jours</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>heures</translation>
    </message>
    <message>
        <source>weeks</source>
        <translation>semaines</translation>
    </message>
    <message>
        <source>months</source>
        <translation>mois</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>minutes</translation>
    </message>
    <message>
        <source>Import &amp;as:</source>
        <translation>Importer &amp;comme&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Project:</source>
        <translation>&amp;Projet&#xa0;:</translation>
    </message>
    <message>
        <source>Plain &amp;numbers in Duration are:</source>
        <translation>&amp;Nombres sans unité dans Durée, exprimés en&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation>&amp;Vérifier</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importer</translation>
    </message>
    <message>
        <source>Our field ← your column:</source>
        <translation>Notre champ ← votre colonne&#xa0;:</translation>
    </message>
    <message>
        <source>First rows of the sheet:</source>
        <translation>Premières lignes de la feuille&#xa0;:</translation>
    </message>
    <message>
        <source>{field} (required)</source>
        <translation>{field} (obligatoire)</translation>
    </message>
    <message>
        <source>{field}:</source>
        <translation>{field}&#xa0;:</translation>
    </message>
    <message>
        <source>Import tasks from {name}</source>
        <translation>Importer des tâches depuis {name}</translation>
    </message>
    <message>
        <source>Import resources from {name}</source>
        <translation>Importer des ressources depuis {name}</translation>
    </message>
    <message>
        <source>This workbook is not one of ours. Say which of its columns holds each field of a task (Name at least), check, then import: the tasks are added at the end of the project and scheduled. Predecessors (3FS+2d;5) and Parent name the sheet&apos;s ID column, else the task&apos;s number in the sheet.</source>
        <translation>Ce classeur n&apos;a pas été produit par PMO Desktop. Indiquez quelle colonne contient chaque champ d&apos;une tâche (au moins le nom), vérifiez, puis importez&#xa0;: les tâches sont ajoutées à la fin du projet et planifiées. Prédécesseurs (3FS+2d;5) et Tâche parente renvoient à la colonne N° de la feuille, ou à défaut au rang de la tâche dans la feuille.</translation>
    </message>
    <message>
        <source>This workbook is not one of ours. Say which of its columns holds each field of a resource (Name at least), check, then import. A name already in the pool updates that resource (blank cells keep its values); the others are added.</source>
        <translation>Ce classeur n&apos;a pas été produit par PMO Desktop. Indiquez quelle colonne contient chaque champ d&apos;une ressource (au moins le nom), vérifiez, puis importez. Un nom déjà présent dans le pool met à jour cette ressource (les cellules vides conservent ses valeurs)&#xa0;; les autres sont ajoutées.</translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation>(non importé)</translation>
    </message>
    <message>
        <source>Checked: {summary}. Nothing is imported yet.</source>
        <translation>Vérifié&#xa0;: {summary}. Rien n&apos;est encore importé.</translation>
    </message>
    <message>
        <source>Problems found: {count}. Nothing can be imported yet.</source>
        <translation>Problèmes détectés&#xa0;: {count}. Rien ne peut encore être importé.</translation>
    </message>
</context>
<context>
    <name>ComplianceModels</name>
    <message>
        <source>Error</source>
        <extracomment>Fill and text colours of a severity cell (the RAG red and amber; infos blue-grey).</extracomment>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Information</translation>
    </message>
    <message>
        <source>Fewer findings than before</source>
        <translation>Moins de constats qu&apos;au contrôle précédent</translation>
    </message>
    <message>
        <source>More findings than before</source>
        <translation>Plus de constats qu&apos;au contrôle précédent</translation>
    </message>
    <message>
        <source>As many findings as before</source>
        <translation>Autant de constats qu&apos;au contrôle précédent</translation>
    </message>
    <message>
        <source>Not checked before</source>
        <translation>Pas de contrôle précédent</translation>
    </message>
    <message>
        <source>Portfolio</source>
        <extracomment>A project id, or None for every project; PORTFOLIO_LEVEL for portfolio findings.</extracomment>
        <translation>Portefeuille</translation>
    </message>
    <message>
        <source>Portfolio-level risks and shared resources</source>
        <translation>Risques de niveau portefeuille et ressources partagées</translation>
    </message>
    <message>
        <source>(weighted score {now}, before {before})</source>
        <translation>(score pondéré {now}, auparavant {before})</translation>
    </message>
    <message>
        <source>yes</source>
        <extracomment>The user ticked or unticked a rule: its code, enabled.</extracomment>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>Changed for this portfolio (Reset restores the default)</source>
        <translation>Modifié pour ce portefeuille (Réinitialiser rétablit la valeur par défaut)</translation>
    </message>
</context>
<context>
    <name>ComplianceView</name>
    <message>
        <source>Filter findings</source>
        <extracomment>What the rules read: a change to any of these may change the findings. The reports now and at the previous period end, and the portfolio&apos;s PMO mode (header). Open a project (a finding double-clicked): its id. The portfolio&apos;s PMO mode, shown in the header (Governance ▸ PMO operating mode…).</extracomment>
        <translation>Filtrer les constats</translation>
    </message>
    <message>
        <source>&amp;Findings</source>
        <translation>&amp;Constats</translation>
    </message>
    <message>
        <source>&amp;Rules</source>
        <translation>&amp;Règles</translation>
    </message>
    <message>
        <source>Se&amp;verity:</source>
        <translation>&amp;Gravité&#xa0;:</translation>
    </message>
    <message>
        <source>R&amp;ule:</source>
        <translation>Règ&amp;le&#xa0;:</translation>
    </message>
    <message>
        <source>Projects — select one to see its findings</source>
        <translation>Projets — sélectionnez-en un pour voir ses constats</translation>
    </message>
    <message>
        <source>&amp;Filter findings</source>
        <translation>&amp;Filtrer les constats</translation>
    </message>
    <message>
        <source>&amp;Clear compliance filters</source>
        <translation>&amp;Effacer les filtres de conformité</translation>
    </message>
    <message>
        <source>&amp;Open the finding&apos;s project</source>
        <translation>&amp;Ouvrir le projet du constat</translation>
    </message>
    <message>
        <source>The compliance checks could not run: {error}</source>
        <translation>Les contrôles de conformité n&apos;ont pas pu s&apos;exécuter&#xa0;: {error}</translation>
    </message>
    <message>
        <source>Compliance — {name}</source>
        <translation>Conformité — {name}</translation>
    </message>
    <message>
        <source>{projects} projects checked on {date} · trend against {previous}</source>
        <translation>{projects} projets contrôlés le {date} · tendance par rapport au {previous}</translation>
    </message>
    <message>
        <source>Supportive PMO</source>
        <translation>PMO de soutien</translation>
    </message>
    <message>
        <source>Controlling PMO</source>
        <translation>PMO de contrôle</translation>
    </message>
    <message>
        <source>Directive PMO</source>
        <translation>PMO directif</translation>
    </message>
    <message>
        <source>All severities</source>
        <translation>Toutes les gravités</translation>
    </message>
    <message>
        <source>All rules</source>
        <translation>Toutes les règles</translation>
    </message>
    <message>
        <source>{count} errors</source>
        <translation>{count} erreurs</translation>
    </message>
    <message>
        <source>{count} warnings</source>
        <translation>{count} avertissements</translation>
    </message>
    <message>
        <source>{count} infos</source>
        <translation>{count} informations</translation>
    </message>
    <message>
        <source>{before} at the previous period end</source>
        <translation>{before} à la fin de la période précédente</translation>
    </message>
    <message>
        <source>{shown} of {total} findings</source>
        <translation>{shown} constats sur {total}</translation>
    </message>
    <message>
        <source>Change compliance rule “{rule}”</source>
        <translation>Modifier la règle de conformité «&#xa0;{rule}&#xa0;»</translation>
    </message>
    <message>
        <source>Rule not changed</source>
        <translation>Règle non modifiée</translation>
    </message>
    <message>
        <source>Reset compliance rule “{rule}”</source>
        <translation>Réinitialiser la règle de conformité «&#xa0;{rule}&#xa0;»</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Someone else deleted this {thing}</source>
        <extracomment>Columns of the table. The values to save (&quot;Use my choices&quot;); None: keep theirs, or cancelled.</extracomment>
        <translation>Quelqu&apos;un d&apos;autre a supprimé cet élément ({thing})</translation>
    </message>
    <message>
        <source>Someone else changed this {thing}</source>
        <translation>Quelqu&apos;un d&apos;autre a modifié cet élément ({thing})</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>Your value</source>
        <translation>Votre valeur</translation>
    </message>
    <message>
        <source>Their value</source>
        <translation>Sa valeur</translation>
    </message>
    <message>
        <source>Keep it deleted</source>
        <translation>Le laisser supprimé</translation>
    </message>
    <message>
        <source>Keep theirs</source>
        <translation>Garder sa version</translation>
    </message>
    <message>
        <source>Discard your changes and keep what the other user saved.</source>
        <translation>Abandonner vos modifications et garder ce que l&apos;autre utilisateur a enregistré.</translation>
    </message>
    <message>
        <source>Use my choices</source>
        <translation>Appliquer mes choix</translation>
    </message>
    <message>
        <source>Save the values chosen above on top of the other user&apos;s version.</source>
        <translation>Enregistrer les valeurs choisies ci-dessus par-dessus la version de l&apos;autre utilisateur.</translation>
    </message>
    <message>
        <source>{user} deleted it on {when}.</source>
        <translation>{user} l&apos;a supprimé le {when}.</translation>
    </message>
    <message>
        <source>{user} deleted it.</source>
        <translation>{user} l&apos;a supprimé.</translation>
    </message>
    <message>
        <source>Another user deleted it.</source>
        <translation>Un autre utilisateur l&apos;a supprimé.</translation>
    </message>
    <message>
        <source>{user} saved a change on {when}, while you were editing.</source>
        <translation>{user} a enregistré une modification le {when}, pendant que vous le modifiiez.</translation>
    </message>
    <message>
        <source>{user} saved a change while you were editing.</source>
        <translation>{user} a enregistré une modification pendant que vous le modifiiez.</translation>
    </message>
    <message>
        <source>Another user saved a change on {when}, while you were editing.</source>
        <translation>Un autre utilisateur a enregistré une modification le {when}, pendant que vous le modifiiez.</translation>
    </message>
    <message>
        <source>Another user saved a change while you were editing.</source>
        <translation>Un autre utilisateur a enregistré une modification pendant que vous le modifiiez.</translation>
    </message>
    <message>
        <source>Your change was not saved: the {thing} stays deleted.</source>
        <translation>Votre modification n&apos;a pas été enregistrée&#xa0;: l&apos;élément ({thing}) reste supprimé.</translation>
    </message>
    <message>
        <source>They saved the same values as yours: there is nothing to choose. Nothing has been overwritten.</source>
        <translation>Ses valeurs sont les mêmes que les vôtres&#xa0;: il n&apos;y a rien à choisir. Rien n&apos;a été écrasé.</translation>
    </message>
    <message>
        <source>Nothing has been overwritten. Choose, field by field, which value to keep; their other changes are kept in any case.</source>
        <translation>Rien n&apos;a été écrasé. Choisissez, champ par champ, la valeur à garder&#xa0;; ses autres modifications sont conservées dans tous les cas.</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vide)</translation>
    </message>
    <message>
        <source>You changed this field.</source>
        <translation>Vous avez modifié ce champ.</translation>
    </message>
    <message>
        <source>Only the other user changed this field.</source>
        <translation>Seul l&apos;autre utilisateur a modifié ce champ.</translation>
    </message>
    <message>
        <source>Your value for {field}</source>
        <translation>Votre valeur pour {field}</translation>
    </message>
    <message>
        <source>Their value for {field}</source>
        <translation>Sa valeur pour {field}</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Connect to a PostgreSQL server</source>
        <extracomment>libpq&apos;s sslmode values, safest last; &quot;&quot; leaves the choice to PMO Desktop&apos;s rule. The user accepted an unencrypted connection to another computer (sslmode=disable). The user&apos;s role as the server enforces it (&quot;&quot; before the database is set up). Emitted (ok, one-line message) when a connection test ends.</extracomment>
        <translation>Se connecter à un serveur PostgreSQL</translation>
    </message>
    <message>
        <source>empty if the server does not ask</source>
        <translation>vide si le serveur n&apos;en demande pas</translation>
    </message>
    <message>
        <source>&amp;Allow an unencrypted connection</source>
        <translation>&amp;Autoriser une connexion non chiffrée</translation>
    </message>
    <message>
        <source>Only on a network you trust: the password and all data cross it in plain text.</source>
        <translation>Uniquement sur un réseau de confiance&#xa0;: le mot de passe et toutes les données y circulent en clair.</translation>
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
        <source>&amp;Encryption:</source>
        <translation>Chi&amp;ffrement&#xa0;:</translation>
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
        <source>Default (required to other computers)</source>
        <translation>Par défaut (obligatoire vers les autres ordinateurs)</translation>
    </message>
    <message>
        <source>None (disable)</source>
        <translation>Aucun (disable)</translation>
    </message>
    <message>
        <source>If the server offers it (prefer)</source>
        <translation>Si le serveur le propose (prefer)</translation>
    </message>
    <message>
        <source>Required (require)</source>
        <translation>Obligatoire (require)</translation>
    </message>
    <message>
        <source>Required, certificate checked (verify-ca)</source>
        <translation>Obligatoire, certificat vérifié (verify-ca)</translation>
    </message>
    <message>
        <source>Required, certificate and name checked (verify-full)</source>
        <translation>Obligatoire, certificat et nom vérifiés (verify-full)</translation>
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
        <source>Without encryption, the password and all data would cross the network in plain text. Choose an encryption, or tick &quot;Allow an unencrypted connection&quot; if this network is trusted.</source>
        <translation>Sans chiffrement, le mot de passe et toutes les données circuleraient en clair sur le réseau. Choisissez un chiffrement, ou cochez «&#xa0;Autoriser une connexion non chiffrée&#xa0;» si ce réseau est de confiance.</translation>
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
    <message>
        <source>viewer (reads only)</source>
        <translation>lecteur (lecture seule)</translation>
    </message>
    <message>
        <source>editor</source>
        <translation>rédacteur</translation>
    </message>
    <message>
        <source>PMO admin</source>
        <translation>administrateur PMO</translation>
    </message>
    <message>
        <source>Your role: {role}.</source>
        <translation>Votre rôle&#xa0;: {role}.</translation>
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
    <name>CriteriaModel</name>
    <message>
        <source>Objective</source>
        <translation>Objectif</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>Risque</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Coût</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Urgence</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>Critère</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Poids</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Part</translation>
    </message>
    <message>
        <source>Better</source>
        <translation>Meilleur</translation>
    </message>
    <message>
        <source>Relative weight of the criterion (double-click to edit)</source>
        <translation>Poids relatif du critère (double-cliquez pour le modifier)</translation>
    </message>
    <message>
        <source>Share of the total weight</source>
        <translation>Part du poids total</translation>
    </message>
    <message>
        <source>Whether a high score (5) or a low score (0) is good; tick for higher is better</source>
        <translation>Indique si une note haute (5) ou basse (0) est favorable&#xa0;; cochez si la plus haute est la meilleure</translation>
    </message>
    <message>
        <source>Higher</source>
        <extracomment>A criterion and the fields the user changed ({&quot;weight&quot;: 2.0}, {&quot;higher_is_better&quot;: …}).</extracomment>
        <translation>Plus haut</translation>
    </message>
    <message>
        <source>Lower</source>
        <translation>Plus bas</translation>
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
        <source>{name} (role: {role})</source>
        <translation>{name} (rôle&#xa0;: {role})</translation>
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
    <name>DependencyTab</name>
    <message>
        <source>Filter by project or task</source>
        <translation>Filtrer par projet ou tâche</translation>
    </message>
    <message>
        <source>Double-click a row to open the predecessor or successor task in its Gantt.</source>
        <translation>Double-cliquez sur une ligne pour ouvrir la tâche prédécesseur ou successeur dans son Gantt.</translation>
    </message>
    <message>
        <source>{shown} of {total} cross-project links</source>
        <translation>{shown} liaisons inter-projets sur {total}</translation>
    </message>
    <message>
        <source>{count} violated</source>
        <translation>{count} non respectées</translation>
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
        <source>Lag of link from &apos;{name}&apos; {lag}</source>
        <extracomment>The value the release commits: a start, a duration in minutes, a percentage. A move that changes the lag of this link instead of setting SNET. The preview session for the pressed task is open (moves now preview successors). Double-click on a link line. A drag&apos;s edit was written (True) or refused (False), after the release. A bar drag changes the driving link&apos;s lag (Alt inverts it for one drag). A released drag&apos;s edit is being written in the worker pool. What the drag&apos;s tooltip says (kept for the status bar and tests). The cyclic garbage collector is paused from press to release: a full collection of the preview session&apos;s objects would stall one mouse move by 100-300 ms.</extracomment>
        <translation>Décalage du lien depuis «&#xa0;{name}&#xa0;» {lag}</translation>
    </message>
    <message>
        <source>Start no earlier than {date} (SNET constraint)</source>
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
    <name>EscalateDialog</name>
    <message>
        <source>Escalate risk {code}</source>
        <translation>Remonter le risque {code}</translation>
    </message>
    <message>
        <source>Its programme</source>
        <translation>Son programme</translation>
    </message>
    <message>
        <source>The portfolio</source>
        <translation>Le portefeuille</translation>
    </message>
    <message>
        <source>Why the project cannot manage it alone, and what is asked of the new owner</source>
        <translation>Pourquoi le projet ne peut pas le gérer seul, et ce qui est attendu du nouveau responsable</translation>
    </message>
    <message>
        <source>Escalate</source>
        <translation>Remonter</translation>
    </message>
    <message>
        <source>Escalate to</source>
        <translation>Remonter à</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>The risk stays linked to its project.</source>
        <translation>Le risque reste rattaché à son projet.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Contenu</translation>
    </message>
    <message>
        <source>Project {name}</source>
        <translation>Projet {name}</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projet</translation>
    </message>
    <message>
        <source>Whole portfolio {name}</source>
        <translation>Portefeuille entier {name}</translation>
    </message>
    <message>
        <source>Excel workbook (.xlsx)</source>
        <translation>Classeur Excel (.xlsx)</translation>
    </message>
    <message>
        <source>Microsoft Project XML (.xml)</source>
        <translation>Microsoft Project XML (.xml)</translation>
    </message>
    <message>
        <source>Sheets</source>
        <translation>Feuilles</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Format&#xa0;:</translation>
    </message>
    <message>
        <source>F&amp;ile:</source>
        <translation>Fi&amp;chier&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exporter</translation>
    </message>
    <message>
        <source>Tasks, resources and assignments</source>
        <translation>Tâches, ressources et affectations</translation>
    </message>
    <message>
        <source>Resource pool and rates</source>
        <translation>Pool de ressources et taux</translation>
    </message>
    <message>
        <source>Risks and actions</source>
        <translation>Risques et actions</translation>
    </message>
    <message>
        <source>Issues</source>
        <translation>Problèmes</translation>
    </message>
    <message>
        <source>Assumptions</source>
        <translation>Hypothèses</translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation>Décisions</translation>
    </message>
    <message>
        <source>Change requests</source>
        <translation>Demandes de modification</translation>
    </message>
    <message>
        <source>Lessons learned</source>
        <translation>Retours d&apos;expérience</translation>
    </message>
    <message>
        <source>Resource loading (portfolio)</source>
        <translation>Charge des ressources (portefeuille)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Classeurs Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Microsoft Project XML (*.xml)</source>
        <translation>Microsoft Project XML (*.xml)</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Exporter vers</translation>
    </message>
</context>
<context>
    <name>ExportRangeDialog</name>
    <message>
        <source>Whole project</source>
        <translation>Projet entier</translation>
    </message>
    <message>
        <source>Visible range</source>
        <translation>Période affichée</translation>
    </message>
    <message>
        <source>Next 3 months</source>
        <translation>3 prochains mois</translation>
    </message>
    <message>
        <source>Custom dates</source>
        <translation>Dates personnalisées</translation>
    </message>
    <message>
        <source>&amp;Dates:</source>
        <translation>&amp;Dates&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>D&amp;u&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Au&#xa0;:</translation>
    </message>
    <message>
        <source>The last date is before the first.</source>
        <translation>La dernière date précède la première.</translation>
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
        <source>Export the Gantt chart</source>
        <translation>Exporter le diagramme de Gantt</translation>
    </message>
    <message>
        <source>PNG pictures (*.png)</source>
        <translation>Images PNG (*.png)</translation>
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
    <message>
        <source>Bar drag changes the link lag</source>
        <translation>Déplacer une barre change le décalage du lien</translation>
    </message>
    <message>
        <source>Dragging a bar changes the lag of its driving predecessor link instead of setting a Start No Earlier Than constraint (Alt+drag does the other one)</source>
        <translation>Déplacer une barre change le décalage du lien de son prédécesseur déterminant au lieu de poser une contrainte «&#xa0;Début au plus tôt le&#xa0;» (Alt+glisser fait l&apos;autre)</translation>
    </message>
</context>
<context>
    <name>GateReviewDialog</name>
    <message>
        <source>Gate Review — {project}</source>
        <translation>Revue de jalon décisionnel — {project}</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>Satisfait</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>Critère</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Obligatoire</translation>
    </message>
    <message>
        <source>Document or evidence</source>
        <translation>Document ou pièce justificative</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Lien</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Condition</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Due (YYYY-MM-DD)</source>
        <translation>Échéance (AAAA-MM-JJ)</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fait</translation>
    </message>
    <message>
        <source>Add &amp;criterion</source>
        <translation>Ajouter un &amp;critère</translation>
    </message>
    <message>
        <source>Add &amp;evidence</source>
        <translation>Ajouter une &amp;pièce justificative</translation>
    </message>
    <message>
        <source>Add con&amp;dition</source>
        <translation>Ajouter une con&amp;dition</translation>
    </message>
    <message>
        <source>&amp;Remove condition</source>
        <translation>&amp;Retirer la condition</translation>
    </message>
    <message>
        <source>Criteria checklist</source>
        <translation>Liste de contrôle des critères</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Pièces justificatives</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Décision</translation>
    </message>
    <message>
        <source>&amp;Decision:</source>
        <translation>Déc&amp;ision&#xa0;:</translation>
    </message>
    <message>
        <source>Review &amp;date:</source>
        <translation>Date de re&amp;vue&#xa0;:</translation>
    </message>
    <message>
        <source>Decided &amp;by:</source>
        <translation>Décidé p&amp;ar&#xa0;:</translation>
    </message>
    <message>
        <source>Conditions</source>
        <translation>Conditions</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>Remarques&#xa0;:</translation>
    </message>
    <message>
        <source>Record a &amp;Lesson…</source>
        <translation>Consigner un retour d&apos;e&amp;xpérience…</translation>
    </message>
    <message>
        <source>Capture a lesson learned at this gate, tagged with its phase and method</source>
        <translation>Consigner un retour d&apos;expérience à ce jalon décisionnel, avec sa phase et sa méthode</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>&amp;Gate:</source>
        <translation>&amp;Jalon décisionnel&#xa0;:</translation>
    </message>
    <message>
        <source>Pending (record the checklist only)</source>
        <translation>En attente (enregistrer uniquement la liste de contrôle)</translation>
    </message>
    <message>
        <source>Go</source>
        <translation>Go</translation>
    </message>
    <message>
        <source>Go with conditions</source>
        <translation>Go sous conditions</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>Suspension</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêt</translation>
    </message>
    <message>
        <source>{sequence}. {name} — planned {planned} — {decision}</source>
        <translation>{sequence}. {name} — prévu le {planned} — {decision}</translation>
    </message>
    <message>
        <source>Supportive PMO: a gate may pass with open required items (flagged).</source>
        <translation>PMO de soutien&#xa0;: un jalon décisionnel peut être franchi avec des éléments obligatoires non satisfaits (signalés).</translation>
    </message>
    <message>
        <source>Controlling PMO: with open required items, only &apos;Go with conditions&apos; passes.</source>
        <translation>PMO de contrôle&#xa0;: avec des éléments obligatoires non satisfaits, seul «&#xa0;Go sous conditions&#xa0;» permet de franchir le jalon.</translation>
    </message>
    <message>
        <source>Directive PMO: every required item must be met, and a PMO administrator decides.</source>
        <translation>PMO directif&#xa0;: chaque élément obligatoire doit être satisfait, et un administrateur PMO décide.</translation>
    </message>
    <message>
        <source>Current phase: {phase}</source>
        <translation>Phase en cours&#xa0;: {phase}</translation>
    </message>
    <message>
        <source>This project has no stage gates.</source>
        <translation>Ce projet n&apos;a pas de jalons décisionnels.</translation>
    </message>
    <message>
        <source>Blocked: {reason}</source>
        <translation>Bloqué&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Warning: {reason}</source>
        <translation>Attention&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Ready to record.</source>
        <translation>Prêt à enregistrer.</translation>
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
    <name>HistoryPanel</name>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Select a task, risk or other item to see its changes.</source>
        <translation>Sélectionnez une tâche, un risque ou un autre élément pour voir ses modifications.</translation>
    </message>
    <message>
        <source>1 recorded change</source>
        <translation>1 modification enregistrée</translation>
    </message>
    <message>
        <source>{count} recorded changes, newest first</source>
        <translation>{count} modifications enregistrées, les plus récentes en premier</translation>
    </message>
    <message>
        <source>No recorded changes.</source>
        <translation>Aucune modification enregistrée.</translation>
    </message>
    <message>
        <source>The history could not be read: {error}</source>
        <translation>Impossible de lire l&apos;historique&#xa0;: {error}</translation>
    </message>
</context>
<context>
    <name>HistoryTable</name>
    <message>
        <source>Date</source>
        <translation>Date</translation>
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
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Par</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <source>Sheet</source>
        <translation>Feuille</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Colonne</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>Import {name}</source>
        <translation>Importer {name}</translation>
    </message>
    <message>
        <source>Nothing is imported yet. The file was checked:</source>
        <translation>Rien n&apos;est encore importé. Le fichier a été vérifié&#xa0;:</translation>
    </message>
    <message>
        <source>The file has problems. Nothing was imported: correct them and try again.</source>
        <translation>Le fichier comporte des problèmes. Rien n&apos;a été importé&#xa0;: corrigez-les et réessayez.</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importer</translation>
    </message>
</context>
<context>
    <name>InterchangeCommands</name>
    <message>
        <source>Exported {sheets} sheets ({rows} rows) to {path}</source>
        <extracomment>How long the status bar tells what was written or imported (milliseconds).</extracomment>
        <translation>{sheets} feuilles ({rows} lignes) exportées vers {path}</translation>
    </message>
    <message>
        <source>Exported {tasks} tasks and {links} links to {path}</source>
        <translation>{tasks} tâches et {links} liaisons exportées vers {path}</translation>
    </message>
    <message>
        <source>Imported project {code}: {tasks} tasks, {links} links</source>
        <translation>Projet {code} importé&#xa0;: {tasks} tâches, {links} liaisons</translation>
    </message>
    <message>
        <source>Imported tasks from {name}: {summary}</source>
        <extracomment>The portfolio&apos;s projects a user&apos;s task sheet can go into: (id, label).</extracomment>
        <translation>Tâches importées depuis {name}&#xa0;: {summary}</translation>
    </message>
    <message>
        <source>Imported resources from {name}: {summary}</source>
        <translation>Ressources importées depuis {name}&#xa0;: {summary}</translation>
    </message>
    <message>
        <source>Imported risks from {name}: {summary}</source>
        <translation>Risques importés depuis {name}&#xa0;: {summary}</translation>
    </message>
    <message>
        <source>Export</source>
        <extracomment>An export or import finished: its `Outcome`. An import stored rows: the views must reload.</extracomment>
        <translation>Export</translation>
    </message>
    <message>
        <source>Writing {name}…</source>
        <translation>Écriture de {name}…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>The database is read-only: nothing can be imported.</source>
        <translation>La base de données est en lecture seule&#xa0;: rien ne peut être importé.</translation>
    </message>
    <message>
        <source>Import a file</source>
        <translation>Importer un fichier</translation>
    </message>
    <message>
        <source>Project files (*.xml *.xlsx);;Microsoft Project XML (*.xml);;Excel workbooks (*.xlsx)</source>
        <translation>Fichiers de projet (*.xml *.xlsx);;Microsoft Project XML (*.xml);;Classeurs Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>Lecture de {name}…</translation>
    </message>
    <message>
        <source>{name} is neither a Microsoft Project XML file (.xml) nor an Excel workbook (.xlsx).</source>
        <translation>{name} n&apos;est ni un fichier Microsoft Project XML (.xml) ni un classeur Excel (.xlsx).</translation>
    </message>
    <message>
        <source>Checking {name}…</source>
        <translation>Vérification de {name}…</translation>
    </message>
    <message>
        <source>Importing {name}…</source>
        <translation>Importation de {name}…</translation>
    </message>
    <message>
        <source>No portfolio</source>
        <translation>Aucun portefeuille</translation>
    </message>
    <message>
        <source>Open or create a portfolio first.</source>
        <translation>Ouvrez ou créez d&apos;abord un portefeuille.</translation>
    </message>
    <message>
        <source>Nothing was written. {reason}</source>
        <translation>Rien n&apos;a été écrit. {reason}</translation>
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
    <name>LessonCaptureDialog</name>
    <message>
        <source>Record a Lesson — {gate}</source>
        <translation>Consigner un retour d&apos;expérience — {gate}</translation>
    </message>
    <message>
        <source>What the next project should know, in a line</source>
        <translation>Ce que le prochain projet doit savoir, en une ligne</translation>
    </message>
    <message>
        <source>e.g. Planning, Suppliers, Stakeholders</source>
        <translation>p. ex. Planification, Fournisseurs, Parties prenantes</translation>
    </message>
    <message>
        <source>Words to find it by, separated by commas</source>
        <translation>Mots pour le retrouver, séparés par des virgules</translation>
    </message>
    <message>
        <source>&amp;Lesson:</source>
        <translation>&amp;Leçon&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Phase:</source>
        <translation>&amp;Phase&#xa0;:</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>Méthode&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>&amp;Catégorie&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Tags:</source>
        <translation>É&amp;tiquettes&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Owner:</source>
        <translation>Responsa&amp;ble&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;What happened:</source>
        <translation>Ce qui s&apos;est pa&amp;ssé&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Recommendation:</source>
        <translation>Recomman&amp;dation&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>Record a lesson at {gate}</source>
        <translation>Consigner un retour d&apos;expérience à {gate}</translation>
    </message>
</context>
<context>
    <name>LessonsPanel</name>
    <message>
        <source>Lessons learned</source>
        <translation>Retours d&apos;expérience</translation>
    </message>
    <message>
        <source>Looking for lessons…</source>
        <translation>Recherche des retours d&apos;expérience…</translation>
    </message>
    <message>
        <source>No lesson of earlier projects matches yet.</source>
        <translation>Aucun retour d&apos;expérience des projets précédents ne correspond pour l&apos;instant.</translation>
    </message>
    <message>
        <source>Portfolio</source>
        <translation>Portefeuille</translation>
    </message>
    <message>
        <source>Lessons learned ({count})</source>
        <translation>Retours d&apos;expérience ({count})</translation>
    </message>
</context>
<context>
    <name>LevellingClearer</name>
    <message>
        <source>Clear Levelling</source>
        <extracomment>Emitted when done: whether delays were cleared.</extracomment>
        <translation>Retirer le nivellement</translation>
    </message>
    <message>
        <source>Remove the levelling delays of every task in {scope}?

The tasks go back to the dates their links and constraints give. You can undo this.</source>
        <translation>Supprimer les retards de nivellement de toutes les tâches dans {scope}&#xa0;?

Les tâches reviennent aux dates que donnent leurs liaisons et leurs contraintes. Vous pourrez annuler cette action.</translation>
    </message>
    <message>
        <source>the programme {name}</source>
        <translation>le programme {name}</translation>
    </message>
    <message>
        <source>the whole portfolio</source>
        <translation>l&apos;ensemble du portefeuille</translation>
    </message>
    <message>
        <source>No task in {scope} has a levelling delay.</source>
        <translation>Aucune tâche dans {scope} n&apos;a de retard de nivellement.</translation>
    </message>
    <message>
        <source>Clear levelling</source>
        <translation>Retirer le nivellement</translation>
    </message>
    <message>
        <source>Levelling not cleared</source>
        <translation>Nivellement non retiré</translation>
    </message>
</context>
<context>
    <name>LevellingDialog</name>
    <message>
        <source>Level Resources</source>
        <extracomment>Seconds the engine searches for a better levelling. The preview finished (shown, failed or cancelled).</extracomment>
        <translation>Nivellement des ressources</translation>
    </message>
    <message>
        <source>Whole portfolio</source>
        <translation>Portefeuille entier</translation>
    </message>
    <message>
        <source>A programme</source>
        <translation>Un programme</translation>
    </message>
    <message>
        <source>A project</source>
        <translation>Un projet</translation>
    </message>
    <message>
        <source>Priority, then total slack</source>
        <translation>Priorité, puis marge totale</translation>
    </message>
    <message>
        <source>Level within slack only (no project finish moves)</source>
        <translation>Niveler dans la marge uniquement (aucune fin de projet ne bouge)</translation>
    </message>
    <message>
        <source>Only tasks starting from</source>
        <translation>Uniquement les tâches commençant du</translation>
    </message>
    <message>
        <source>to</source>
        <translation>au</translation>
    </message>
    <message>
        <source>What to level</source>
        <translation>Périmètre du nivellement</translation>
    </message>
    <message>
        <source>Scope:</source>
        <translation>Périmètre&#xa0;:</translation>
    </message>
    <message>
        <source>Order:</source>
        <translation>Ordre&#xa0;:</translation>
    </message>
    <message>
        <source>Date range:</source>
        <translation>Période&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>&amp;Prévisualiser</translation>
    </message>
    <message>
        <source>Choose what to level, then preview the delays.</source>
        <translation>Choisissez quoi niveler, puis prévisualisez les décalages.</translation>
    </message>
    <message>
        <source>What levelling could not resolve is listed here.</source>
        <translation>Ce que le nivellement n&apos;a pas pu résoudre est listé ici.</translation>
    </message>
    <message>
        <source>Tasks delayed: current plan and levelled plan</source>
        <translation>Tâches décalées&#xa0;: planning actuel et planning nivelé</translation>
    </message>
    <message>
        <source>Project finish</source>
        <translation>Fin des projets</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Appliquer</translation>
    </message>
    <message>
        <source>Levelling…</source>
        <translation>Nivellement…</translation>
    </message>
    <message>
        <source>{tasks} tasks delayed; {slipped} of {projects} projects finish later.</source>
        <translation>{tasks} tâches décalées&#xa0;; {slipped} projets sur {projects} finissent plus tard.</translation>
    </message>
    <message>
        <source>Stopped early: the best levelling found so far.</source>
        <translation>Arrêt anticipé&#xa0;: meilleur nivellement trouvé jusqu&apos;ici.</translation>
    </message>
    <message>
        <source>Over-allocations: {before} periods on {before_resources} resources now; {after} periods on {after_resources} resources after levelling ({removed} removed, {remaining} remaining).</source>
        <translation>Surutilisations&#xa0;: {before} périodes sur {before_resources} ressources actuellement&#xa0;; {after} périodes sur {after_resources} ressources après nivellement ({removed} supprimées, {remaining} restantes).</translation>
    </message>
    <message>
        <source>Preview cancelled.</source>
        <translation>Aperçu annulé.</translation>
    </message>
    <message>
        <source>Levelling failed: {error}</source>
        <translation>Échec du nivellement&#xa0;: {error}</translation>
    </message>
    <message>
        <source>Level resources</source>
        <translation>Niveler les ressources</translation>
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
    <name>LinkedTasksPanel</name>
    <message>
        <source>Double-click a task to open it in its Gantt chart</source>
        <extracomment>The link to remove (a `LinkedTask`). project id, task id</extracomment>
        <translation>Double-cliquez sur une tâche pour l&apos;ouvrir dans son diagramme de Gantt</translation>
    </message>
    <message>
        <source>Link &amp;task…</source>
        <translation>Lier une &amp;tâche…</translation>
    </message>
    <message>
        <source>&amp;Unlink</source>
        <translation>&amp;Délier</translation>
    </message>
    <message>
        <source>No linked task</source>
        <translation>Aucune tâche liée</translation>
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
    <name>LogEditor</name>
    <message>
        <source>next free code</source>
        <translation>prochain code libre</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>A&amp;nnuler</translation>
    </message>
    <message>
        <source>Escalated to the programme or portfolio board</source>
        <translation>Remonté au programme ou au portefeuille</translation>
    </message>
    <message>
        <source> days</source>
        <translation> jours</translation>
    </message>
    <message>
        <source>Portfolio level</source>
        <translation>Niveau portefeuille</translation>
    </message>
    <message>
        <source>Select an entry to see and edit it.</source>
        <translation>Choisissez une entrée pour la voir et la modifier.</translation>
    </message>
    <message>
        <source>portfolio level</source>
        <translation>niveau portefeuille</translation>
    </message>
</context>
<context>
    <name>LogTab</name>
    <message>
        <source>Search lessons in every project: title, description, tags, recommendation…</source>
        <extracomment>The number of shown and total entries changed.</extracomment>
        <translation>Rechercher les retours d&apos;expérience de tous les projets&#xa0;: intitulé, description, étiquettes, recommandation…</translation>
    </message>
    <message>
        <source>Filter by text</source>
        <translation>Filtrer par texte</translation>
    </message>
    <message>
        <source>Still open</source>
        <translation>Encore ouverts</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Tous les statuts</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>En retard uniquement</translation>
    </message>
    <message>
        <source>All owners</source>
        <translation>Tous les responsables</translation>
    </message>
    <message>
        <source>All projects</source>
        <translation>Tous les projets</translation>
    </message>
    <message>
        <source>Portfolio level</source>
        <translation>Niveau portefeuille</translation>
    </message>
    <message>
        <source>{shown} of {total} issues</source>
        <translation>{shown} problèmes sur {total}</translation>
    </message>
    <message>
        <source>{shown} of {total} assumptions</source>
        <translation>{shown} hypothèses sur {total}</translation>
    </message>
    <message>
        <source>{shown} of {total} decisions</source>
        <translation>{shown} décisions sur {total}</translation>
    </message>
    <message>
        <source>{shown} of {total} change requests</source>
        <translation>{shown} demandes de modification sur {total}</translation>
    </message>
    <message>
        <source>{shown} of {total} lessons</source>
        <translation>{shown} retours d&apos;expérience sur {total}</translation>
    </message>
    <message>
        <source>New issue</source>
        <translation>Nouveau problème</translation>
    </message>
    <message>
        <source>New assumption</source>
        <translation>Nouvelle hypothèse</translation>
    </message>
    <message>
        <source>New decision</source>
        <translation>Nouvelle décision</translation>
    </message>
    <message>
        <source>New change request</source>
        <translation>Nouvelle demande de modification</translation>
    </message>
    <message>
        <source>New lesson</source>
        <translation>Nouveau retour d&apos;expérience</translation>
    </message>
    <message>
        <source>Entry not added</source>
        <translation>Entrée non ajoutée</translation>
    </message>
    <message>
        <source>Delete {code} “{title}”?</source>
        <translation>Supprimer {code} «&#xa0;{title}&#xa0;»&#xa0;?</translation>
    </message>
    <message>
        <source>Delete entry</source>
        <translation>Supprimer l&apos;entrée</translation>
    </message>
    <message>
        <source>Change not saved</source>
        <translation>Modification non enregistrée</translation>
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
        <extracomment>The navigation dock&apos;s width at first start (pixels); the user&apos;s width is remembered. How often the window asks whether another user committed (milliseconds). The view shown in the centre changed (&quot;portfolio&quot;, &quot;project&quot; or &quot;empty&quot;). The views by the name `current_view()` and `--show` use, in sidebar order.</extracomment>
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
        <extracomment>Set to 1 to turn the daily backup off for every user of a machine (and in test runs).</extracomment>
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
        <source>{file} is no longer being edited by anyone. Open it for editing now?</source>
        <translation>Plus personne ne modifie {file}. L&apos;ouvrir en modification maintenant&#xa0;?</translation>
    </message>
    <message>
        <source>File available</source>
        <translation>Fichier disponible</translation>
    </message>
    <message>
        <source>Check &amp;out project…</source>
        <translation>E&amp;xtraire un projet…</translation>
    </message>
    <message>
        <source>Copy a project into a local file to edit it offline</source>
        <translation>Copier un projet dans un fichier local pour le modifier hors connexion</translation>
    </message>
    <message>
        <source>Check &amp;in…</source>
        <translation>&amp;Archiver…</translation>
    </message>
    <message>
        <source>Apply this offline copy&apos;s changes to the shared database</source>
        <translation>Appliquer les modifications de cette copie hors connexion à la base de données partagée</translation>
    </message>
    <message>
        <source>Cancel check-out…</source>
        <translation>Annuler l&apos;extraction…</translation>
    </message>
    <message>
        <source>Release the project without checking anything in</source>
        <translation>Libérer le projet sans rien archiver</translation>
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
        <source>&amp;Import…</source>
        <translation>&amp;Importer…</translation>
    </message>
    <message>
        <source>Read a Microsoft Project XML file or an Excel workbook into the portfolio</source>
        <translation>Lire un fichier Microsoft Project XML ou un classeur Excel dans le portefeuille</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exporter…</translation>
    </message>
    <message>
        <source>Write the project or the portfolio as an Excel workbook or MS Project XML</source>
        <translation>Écrire le projet ou le portefeuille en classeur Excel ou en XML MS Project</translation>
    </message>
    <message>
        <source>&amp;Backups…</source>
        <translation>&amp;Sauvegardes…</translation>
    </message>
    <message>
        <source>The daily backups of this database file: back up now, or restore one</source>
        <translation>Les sauvegardes quotidiennes de ce fichier&#xa0;: sauvegarder maintenant ou en restaurer une</translation>
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
        <source>RA&amp;ID logs</source>
        <translation>&amp;Journaux RAID</translation>
    </message>
    <message>
        <source>Issues, assumptions, decisions, change requests, cross-project links and lessons</source>
        <translation>Problèmes, hypothèses, décisions, demandes de modification, liaisons inter-projets et retours d&apos;expérience</translation>
    </message>
    <message>
        <source>Re&amp;source pool</source>
        <translation>Pool de re&amp;ssources</translation>
    </message>
    <message>
        <source>People, roles and materials: rates, vacations, who is assigned where</source>
        <translation>Personnes, rôles et matériels&#xa0;: taux, congés, qui est affecté où</translation>
    </message>
    <message>
        <source>Portfolio G&amp;antt</source>
        <translation>G&amp;antt du portefeuille</translation>
    </message>
    <message>
        <source>Every project of the portfolio on one time line, with the links between</source>
        <translation>Tous les projets du portefeuille sur une même chronologie, avec les liaisons entre eux</translation>
    </message>
    <message>
        <source>Priori&amp;tisation</source>
        <translation>Priorisatio&amp;n</translation>
    </message>
    <message>
        <source>Projects ranked against the strategy, with the budget and capacity cut-off</source>
        <translation>Projets classés selon la stratégie, avec le seuil de budget et de capacité</translation>
    </message>
    <message>
        <source>Co&amp;mpliance</source>
        <translation>Confor&amp;mité</translation>
    </message>
    <message>
        <source>What each project lacks against the PMO&apos;s rules: baselines, reports, risks</source>
        <translation>Ce qui manque à chaque projet au regard des règles du PMO&#xa0;: références, rapports, risques</translation>
    </message>
    <message>
        <source>New project from &amp;template…</source>
        <translation>Nouveau projet depuis un &amp;modèle…</translation>
    </message>
    <message>
        <source>A project with the WBS, gates, milestones and risks of a method</source>
        <translation>Un projet avec l&apos;organigramme, les jalons décisionnels, les jalons et les risques d&apos;une méthode</translation>
    </message>
    <message>
        <source>&amp;Gate review…</source>
        <translation>Revue de &amp;jalon décisionnel…</translation>
    </message>
    <message>
        <source>Record the current project&apos;s next stage gate decision</source>
        <translation>Enregistrer la décision du prochain jalon décisionnel du projet courant</translation>
    </message>
    <message>
        <source>&amp;Method templates…</source>
        <translation>Modè&amp;les de méthode…</translation>
    </message>
    <message>
        <source>Edit the portfolio&apos;s method templates (PMO admin)</source>
        <translation>Modifier les modèles de méthode du portefeuille (administrateur PMO)</translation>
    </message>
    <message>
        <source>C&amp;hange log</source>
        <translation>&amp;Historique des changements</translation>
    </message>
    <message>
        <source>Who changed what and when, across the portfolio</source>
        <translation>Qui a changé quoi et quand, dans tout le portefeuille</translation>
    </message>
    <message>
        <source>&amp;RAG rules and risk scoring…</source>
        <translation>Règles RAG et &amp;cotation des risques…</translation>
    </message>
    <message>
        <source>The portfolio&apos;s RAG thresholds and risk score rule (PMO admin)</source>
        <translation>Les seuils RAG et la règle de score des risques du portefeuille (administrateur PMO)</translation>
    </message>
    <message>
        <source>&amp;PMO operating mode…</source>
        <translation>Mode de fonctionnement du &amp;PMO…</translation>
    </message>
    <message>
        <source>Supportive, controlling or directive: what a gate review requires (PMO admin)</source>
        <translation>De soutien, de contrôle ou directif&#xa0;: ce qu&apos;exige une revue de jalon décisionnel (administrateur PMO)</translation>
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
        <source>RAID</source>
        <translation>RAID</translation>
    </message>
    <message>
        <source>Pool</source>
        <translation>Pool</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Chronologie</translation>
    </message>
    <message>
        <source>Priorities</source>
        <translation>Priorités</translation>
    </message>
    <message>
        <source>Compliance</source>
        <translation>Conformité</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Changements</translation>
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
        <source>Re&amp;sources</source>
        <translation>Re&amp;ssources</translation>
    </message>
    <message>
        <source>R&amp;isks</source>
        <translation>R&amp;isques</translation>
    </message>
    <message>
        <source>RAI&amp;D</source>
        <translation>&amp;Journaux RAID</translation>
    </message>
    <message>
        <source>Gover&amp;nance</source>
        <translation>Gouver&amp;nance</translation>
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
    <message>
        <source>History</source>
        <extracomment>How often the dock looks at the current selection while it is shown (milliseconds).</extracomment>
        <translation>Historique</translation>
    </message>
</context>
<context>
    <name>NewProjectDialog</name>
    <message>
        <source>New Project from Template</source>
        <translation>Nouveau projet à partir d&apos;un modèle</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Anglais</translation>
    </message>
    <message>
        <source>French</source>
        <translation>Français</translation>
    </message>
    <message>
        <source>e.g. CRM-2027</source>
        <translation>p. ex. CRM-2027</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Langue&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Template:</source>
        <translation>&amp;Modèle&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>C&amp;ode&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Programme:</source>
        <translation>&amp;Programme&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Manager:</source>
        <translation>&amp;Chef de projet&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Start date:</source>
        <translation>Date de &amp;début&#xa0;:</translation>
    </message>
    <message>
        <source>C&amp;reate</source>
        <translation>C&amp;réer</translation>
    </message>
    <message>
        <source>(none: standalone project)</source>
        <translation>(aucun&#xa0;: projet autonome)</translation>
    </message>
    <message>
        <source>&lt;p&gt;No template in this language.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Aucun modèle dans cette langue.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Stages and gates</source>
        <translation>Phases et jalons décisionnels</translation>
    </message>
    <message>
        <source>({count} required criteria)</source>
        <translation>({count} critères obligatoires)</translation>
    </message>
    <message>
        <source>{tasks} tasks, {milestones} milestones, {risks} standard risks, {raci} RACI rows</source>
        <translation>{tasks} tâches, {milestones} jalons, {risks} risques types, {raci} lignes RACI</translation>
    </message>
    <message>
        <source>{count} iterations of {days} working days, {ceremonies} ceremonies</source>
        <translation>{count} itérations de {days} jours ouvrés, {ceremonies} cérémonies</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Activité</translation>
    </message>
    <message>
        <source>RACI</source>
        <translation>RACI</translation>
    </message>
    <message>
        <source>Choose a template.</source>
        <translation>Choisissez un modèle.</translation>
    </message>
    <message>
        <source>Give the project a code and a name.</source>
        <translation>Donnez un code et un nom au projet.</translation>
    </message>
    <message>
        <source>The code {code} is already used by another project.</source>
        <translation>Le code {code} est déjà utilisé par un autre projet.</translation>
    </message>
    <message>
        <source>New project {code} from template</source>
        <translation>Nouveau projet {code} à partir d&apos;un modèle</translation>
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
        <source>Compliance checks</source>
        <translation>Contrôles de conformité</translation>
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
    <name>PmoModeDialog</name>
    <message>
        <source>PMO Operating Mode — {portfolio}</source>
        <extracomment>Why the mode cannot be changed here (&quot;&quot; when it can).</extracomment>
        <translation>Mode de fonctionnement du PMO — {portfolio}</translation>
    </message>
    <message>
        <source>The PMO operating mode of {portfolio} decides what a stage gate review (Governance ▸ Gate review…) requires when required criteria are not met or required documents have no link, and who may decide a gate. It applies to every project of the portfolio from its next gate review.</source>
        <translation>Le mode de fonctionnement du PMO de {portfolio} détermine ce qu&apos;exige une revue de jalon décisionnel (Gouvernance ▸ Revue de jalon décisionnel…) lorsque des critères obligatoires ne sont pas satisfaits ou que des documents obligatoires n&apos;ont pas de lien, et qui peut décider d&apos;un jalon. Il s&apos;applique à chaque projet du portefeuille dès sa prochaine revue de jalon.</translation>
    </message>
    <message>
        <source>Current mode: &lt;b&gt;{mode}&lt;/b&gt;</source>
        <translation>Mode actuel&#xa0;: &lt;b&gt;{mode}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>In every mode: recording the checklist without a decision (Pending) is always allowed; Go with conditions needs at least one condition with an owner and a due date; the compliance checks and the RAG rules are the same. The PMO administrator is the user of a database file; on a server, a user with the admin role.</source>
        <translation>Dans tous les modes&#xa0;: enregistrer la liste de contrôle sans décision (En attente) est toujours permis&#xa0;; un Go sous conditions exige au moins une condition avec un responsable et une échéance&#xa0;; les contrôles de conformité et les règles RAG sont les mêmes. L&apos;administrateur PMO est l&apos;utilisateur d&apos;un fichier de base de données&#xa0;; sur un serveur, un utilisateur ayant le rôle «&#xa0;admin&#xa0;».</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Supportive</source>
        <translation>De soutien</translation>
    </message>
    <message>
        <source>Controlling</source>
        <translation>De contrôle</translation>
    </message>
    <message>
        <source>Directive</source>
        <translation>Directif</translation>
    </message>
    <message>
        <source>S&amp;upportive — the PMO advises</source>
        <translation>De &amp;soutien — le PMO conseille</translation>
    </message>
    <message>
        <source>C&amp;ontrolling — the PMO sets the standards and checks them</source>
        <translation>De &amp;contrôle — le PMO fixe les standards et vérifie leur application</translation>
    </message>
    <message>
        <source>&amp;Directive — the PMO runs the projects</source>
        <translation>&amp;Directif — le PMO dirige les projets</translation>
    </message>
    <message>
        <source>A gate with required items still open may pass (Go or Go with conditions): the review is flagged with a warning. Anyone who may edit the database decides.</source>
        <translation>Un jalon décisionnel dont des éléments obligatoires restent non satisfaits peut être franchi (Go ou Go sous conditions)&#xa0;: la revue est signalée par un avertissement. Toute personne autorisée à modifier la base de données décide.</translation>
    </message>
    <message>
        <source>A gate with required items still open passes only as &apos;Go with conditions&apos;, the conditions recorded with an owner and a due date; a plain Go is refused. Anyone who may edit the database decides.</source>
        <translation>Un jalon décisionnel dont des éléments obligatoires restent non satisfaits n&apos;est franchi qu&apos;en «&#xa0;Go sous conditions&#xa0;», les conditions étant enregistrées avec un responsable et une échéance&#xa0;; un Go simple est refusé. Toute personne autorisée à modifier la base de données décide.</translation>
    </message>
    <message>
        <source>A gate cannot pass (Go or Go with conditions) while a required item is open. Only a PMO administrator may decide a gate: Go, Go with conditions, Hold or Stop.</source>
        <translation>Un jalon décisionnel ne peut pas être franchi (Go ou Go sous conditions) tant qu&apos;un élément obligatoire n&apos;est pas satisfait. Seul un administrateur PMO peut décider d&apos;un jalon&#xa0;: Go, Go sous conditions, Suspension ou Arrêt.</translation>
    </message>
    <message>
        <source>The database is read-only ({reason}): the mode cannot be changed.</source>
        <translation>La base de données est en lecture seule ({reason})&#xa0;: le mode ne peut pas être modifié.</translation>
    </message>
    <message>
        <source>Only a PMO administrator may change the PMO mode; your role on {database} is {role}.</source>
        <translation>Seul un administrateur PMO peut modifier le mode du PMO&#xa0;; votre rôle sur {database}&#xa0;: {role}.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>PMO mode {before} → {after}</source>
        <translation>Mode du PMO&#xa0;: {before} → {after}</translation>
    </message>
</context>
<context>
    <name>PoolTableModel</name>
    <message>
        <source>Person</source>
        <translation>Personne</translation>
    </message>
    <message>
        <source>Generic role</source>
        <translation>Rôle générique</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>Matériel</translation>
    </message>
    <message>
        <source>{hours} h</source>
        <translation>{hours}&#xa0;h</translation>
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
        <source>Kind</source>
        <translation>Type</translation>
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
        <source>Max units</source>
        <translation>Capacité max.</translation>
    </message>
    <message>
        <source>Rate / h</source>
        <translation>Taux / h</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Calendrier</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>Projets</translation>
    </message>
    <message>
        <source>Assignments</source>
        <translation>Affectations</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
</context>
<context>
    <name>PortfolioGanttExport</name>
    <message>
        <source>Portfolio Gantt</source>
        <translation>Gantt du portefeuille</translation>
    </message>
    <message>
        <source>Programme / project</source>
        <translation>Programme / projet</translation>
    </message>
    <message>
        <source>Portfolio Gantt {scope}</source>
        <translation>Gantt du portefeuille {scope}</translation>
    </message>
</context>
<context>
    <name>PortfolioGanttTree</name>
    <message>
        <source>Projects outside a programme</source>
        <translation>Projets hors programme</translation>
    </message>
</context>
<context>
    <name>PortfolioGanttView</name>
    <message>
        <source>Portfolio Gantt — {name}</source>
        <extracomment>Double-click on a project&apos;s row or bar. Double-click on a task&apos;s row or bar: (project id, task id). The tasks of an expanded project arrived (project id).</extracomment>
        <translation>Gantt du portefeuille — {name}</translation>
    </message>
    <message>
        <source>{projects} projects · {links} links between projects</source>
        <translation>{projects} projets · {links} liaisons entre projets</translation>
    </message>
    <message>
        <source>The portfolio could not be read: {error}</source>
        <translation>Impossible de lire le portefeuille&#xa0;: {error}</translation>
    </message>
    <message>
        <source>This project no longer exists.</source>
        <translation>Ce projet n&apos;existe plus.</translation>
    </message>
    <message>
        <source>The tasks could not be read: {error}</source>
        <translation>Impossible de lire les tâches&#xa0;: {error}</translation>
    </message>
    <message>
        <source>Export the portfolio Gantt</source>
        <translation>Exporter le Gantt du portefeuille</translation>
    </message>
    <message>
        <source>PNG pictures (*.png)</source>
        <translation>Images PNG (*.png)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Échec de l&apos;export</translation>
    </message>
    <message>
        <source>Export the portfolio Gantt as PDF</source>
        <translation>Exporter le Gantt du portefeuille en PDF</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Documents PDF (*.pdf)</translation>
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
        <source>Zoom to fit the portfolio</source>
        <translation>Zoom sur le portefeuille entier</translation>
    </message>
    <message>
        <source>Go to today</source>
        <translation>Aller à aujourd&apos;hui</translation>
    </message>
    <message>
        <source>Collapse all projects</source>
        <translation>Replier tous les projets</translation>
    </message>
    <message>
        <source>Open the project&apos;s Gantt</source>
        <translation>Ouvrir le Gantt du projet</translation>
    </message>
    <message>
        <source>Export portfolio Gantt as picture…</source>
        <translation>Exporter le Gantt du portefeuille en image…</translation>
    </message>
    <message>
        <source>Export portfolio Gantt as PDF…</source>
        <translation>Exporter le Gantt du portefeuille en PDF…</translation>
    </message>
</context>
<context>
    <name>PortfolioRulesDialog</name>
    <message>
        <source>RAG Rules and Risk Scoring</source>
        <translation>Règles RAG et cotation des risques</translation>
    </message>
    <message>
        <source>These rules apply to the whole portfolio: the dashboard, the board pack (printed in its appendix) and the compliance checks all rate with them.</source>
        <translation>Ces règles valent pour tout le portefeuille&#xa0;: le tableau de bord, le dossier du comité (imprimées en annexe) et les contrôles de conformité les appliquent.</translation>
    </message>
    <message>
        <source>RAG thresholds</source>
        <translation>Seuils RAG</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Mesure</translation>
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
        <source>&amp;SPI below</source>
        <translation>&amp;SPI inférieur à</translation>
    </message>
    <message>
        <source>&amp;CPI below</source>
        <translation>&amp;CPI inférieur à</translation>
    </message>
    <message>
        <source>Forecast over &amp;budget by more than</source>
        <translation>Prévision au-delà du &amp;budget de plus de</translation>
    </message>
    <message>
        <source>&amp;Milestone slip, working days, more than</source>
        <translation>&amp;Glissement de jalon, en jours ouvrés, de plus de</translation>
    </message>
    <message>
        <source>&amp;High risk: open risk scoring at least</source>
        <translation>Risque é&amp;levé&#xa0;: risque ouvert de score au moins</translation>
    </message>
    <message>
        <source>Risk scoring</source>
        <translation>Cotation des risques</translation>
    </message>
    <message>
        <source>Score &amp;rule:</source>
        <translation>&amp;Règle de score&#xa0;:</translation>
    </message>
    <message>
        <source>Weights:</source>
        <translation>Pondérations&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>Reset to &amp;Defaults</source>
        <translation>Valeurs par &amp;défaut</translation>
    </message>
    <message>
        <source>The portfolio&apos;s own rules.</source>
        <translation>Les règles propres au portefeuille.</translation>
    </message>
    <message>
        <source>No rules set yet: the defaults apply.</source>
        <translation>Aucune règle définie&#xa0;: les valeurs par défaut s&apos;appliquent.</translation>
    </message>
    <message>
        <source>The database is read-only: the rules cannot be saved.</source>
        <translation>La base de données est en lecture seule&#xa0;: les règles ne peuvent pas être enregistrées.</translation>
    </message>
    <message>
        <source>Probability × worst impact</source>
        <translation>Probabilité × impact le plus fort</translation>
    </message>
    <message>
        <source>Probability × mean of the four impacts</source>
        <translation>Probabilité × moyenne des quatre impacts</translation>
    </message>
    <message>
        <source>Probability × weighted mean of the impacts</source>
        <translation>Probabilité × moyenne pondérée des impacts</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Délais</translation>
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
        <source>Counting the risks whose score would change…</source>
        <translation>Décompte des risques dont le score changerait…</translation>
    </message>
    <message>
        <source>The preview could not be computed.</source>
        <translation>L&apos;aperçu n&apos;a pas pu être calculé.</translation>
    </message>
    <message>
        <source>No risk changes score ({total} risks).</source>
        <translation>Aucun risque ne change de score ({total} risques).</translation>
    </message>
    <message>
        <source>{changed} of {total} risks change score: {raised} higher, {lowered} lower.</source>
        <translation>{changed} risques sur {total} changent de score&#xa0;: {raised} en hausse, {lowered} en baisse.</translation>
    </message>
    <message>
        <source>{up} become high risks, {down} are no longer high.</source>
        <translation>{up} deviennent des risques élevés, {down} ne le sont plus.</translation>
    </message>
    <message>
        <source>Change the RAG rules and risk scoring</source>
        <translation>Modifier les règles RAG et la cotation des risques</translation>
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
        <extracomment>How a local SQLite file is shared (network files always have one editor at a time).</extracomment>
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
        <source>Several writers (one editor at a time on network drives)</source>
        <translation>Plusieurs utilisateurs en écriture (un seul à la fois sur les lecteurs réseau)</translation>
    </message>
    <message>
        <source>One editor at a time, everywhere</source>
        <translation>Un seul utilisateur en écriture à la fois, partout</translation>
    </message>
    <message>
        <source>A file on a network drive always has one editor at a time, the others read it. Applies to the databases you open from now on.</source>
        <translation>Un fichier sur un lecteur réseau n&apos;a toujours qu&apos;un seul utilisateur en écriture à la fois&#xa0;; les autres le lisent. S&apos;applique aux bases de données que vous ouvrirez désormais.</translation>
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
        <source>Sha&amp;ring of local files:</source>
        <translation>Parta&amp;ge des fichiers locaux&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Keep a daily backup of database files (last 7 days and 4 weeks)</source>
        <translation>&amp;Garder une sauvegarde quotidienne des fichiers (7 derniers jours et 4 semaines)</translation>
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
        <source>RAG thresholds (for portfolios without their own rules)</source>
        <translation>Seuils RAG (pour les portefeuilles sans règles propres)</translation>
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
    <name>PrioritisationView</name>
    <message>
        <source>Scoring model</source>
        <translation>Modèle de notation</translation>
    </message>
    <message>
        <source>Ranked portfolio</source>
        <translation>Portefeuille classé</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>&amp;Monter</translation>
    </message>
    <message>
        <source>Move the project up in the what-if (Alt+Up)</source>
        <translation>Monter le projet dans la simulation (Alt+Up)</translation>
    </message>
    <message>
        <source>Move &amp;down</source>
        <translation>&amp;Descendre</translation>
    </message>
    <message>
        <source>Move the project down in the what-if (Alt+Down)</source>
        <translation>Descendre le projet dans la simulation (Alt+Down)</translation>
    </message>
    <message>
        <source>&amp;Reset to score order</source>
        <translation>&amp;Rétablir l&apos;ordre des scores</translation>
    </message>
    <message>
        <source>&amp;Apply ranking as priorities…</source>
        <translation>&amp;Appliquer le classement comme priorités…</translation>
    </message>
    <message>
        <source>Add &amp;criterion</source>
        <translation>Ajouter un &amp;critère</translation>
    </message>
    <message>
        <source>&amp;Remove criterion…</source>
        <translation>&amp;Supprimer le critère…</translation>
    </message>
    <message>
        <source>Strategic prioritisation — {name}</source>
        <translation>Priorisation stratégique — {name}</translation>
    </message>
    <message>
        <source>{count} projects to choose between (proposed, active, on hold) · {criteria} criteria · demand from {first} to {last}</source>
        <translation>{count} projets à départager (proposés, en cours, suspendus) · {criteria} critères · demande du {first} au {last}</translation>
    </message>
    <message>
        <source>The projects could not be read: {error}</source>
        <translation>Impossible de lire les projets&#xa0;: {error}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{funded} of {total} projects fit&lt;/b&gt;</source>
        <translation>&lt;b&gt;{funded} projets retenus sur {total}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>budget {used} of {cap}</source>
        <translation>budget {used} sur {cap}</translation>
    </message>
    <message>
        <source>no cap</source>
        <translation>sans plafond</translation>
    </message>
    <message>
        <source>capacity {used} h of {cap}</source>
        <translation>capacité {used} h sur {cap}</translation>
    </message>
    <message>
        <source>{hours} h</source>
        <translation>{hours}&#xa0;h</translation>
    </message>
    <message>
        <source>cut-off above #{rank} ({code})</source>
        <translation>seuil au-dessus du n° {rank} ({code})</translation>
    </message>
    <message>
        <source>the funded set is the same</source>
        <translation>les projets retenus sont les mêmes</translation>
    </message>
    <message>
        <source>entering: {entering} · leaving: {leaving} · budget {budget} · capacity {hours} h</source>
        <translation>entrants&#xa0;: {entering} · sortants&#xa0;: {leaving} · budget {budget} · capacité {hours} h</translation>
    </message>
    <message>
        <source>&lt;b&gt;Manual order&lt;/b&gt; ({moved} projects moved) against the score order: {detail}</source>
        <translation>&lt;b&gt;Ordre manuel&lt;/b&gt; ({moved} projets déplacés) par rapport à l&apos;ordre des scores&#xa0;: {detail}</translation>
    </message>
    <message>
        <source>Apply ranking as priorities</source>
        <extracomment>The manual order of the what-if (project ids); empty: the score order.</extracomment>
        <translation>Appliquer le classement comme priorités</translation>
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
    <name>ProjectSlipsModel</name>
    <message>
        <source>Project</source>
        <translation>Projet</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Levelled finish</source>
        <translation>Fin nivelée</translation>
    </message>
    <message>
        <source>Slip (days)</source>
        <translation>Retard (jours)</translation>
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
        <extracomment>Sort keys of missing values, typed like the column&apos;s values (Qt compares by type). &quot;better&quot;, &quot;same&quot;, &quot;worse&quot; or &quot;new&quot; against the previous report (RAG columns). The threshold rating of a computed figure (SPI, CPI, forecast, slip): &quot;R&quot;, &quot;A&quot;, &quot;G&quot;. Projects checked out to be edited offline: the sentence their name cell tells.</extracomment>
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
    <name>RaidTableModel</name>
    <message>
        <source>Code</source>
        <extracomment>Labels of every column and field name (context &quot;RaidTableModel&quot;).</extracomment>
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
        <source>Owner</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>Signalé le</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Remonté</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Résolution</translation>
    </message>
    <message>
        <source>Resolved on</source>
        <translation>Résolu le</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Revue</translation>
    </message>
    <message>
        <source>Needed by</source>
        <translation>Attendue pour le</translation>
    </message>
    <message>
        <source>Decided on</source>
        <translation>Décidée le</translation>
    </message>
    <message>
        <source>Decided by</source>
        <translation>Décidée par</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Options</translation>
    </message>
    <message>
        <source>Rationale</source>
        <translation>Justification</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Requested by</source>
        <translation>Demandée par</translation>
    </message>
    <message>
        <source>Schedule (days)</source>
        <translation>Délai (jours)</translation>
    </message>
    <message>
        <source>Cost impact</source>
        <translation>Impact coût</translation>
    </message>
    <message>
        <source>Scope impact</source>
        <translation>Impact périmètre</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Méthode</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <source>Recommendation</source>
        <translation>Recommandation</translation>
    </message>
    <message>
        <source>Open</source>
        <extracomment>Labels of enumeration values (statuses and priorities).</extracomment>
        <translation>Ouvert</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Résolu</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Clos</translation>
    </message>
    <message>
        <source>Validated</source>
        <translation>Validée</translation>
    </message>
    <message>
        <source>Invalid</source>
        <translation>Invalidée</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Approuvée</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rejetée</translation>
    </message>
    <message>
        <source>Deferred</source>
        <translation>Reportée</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Soumise</translation>
    </message>
    <message>
        <source>Assessed</source>
        <translation>Évaluée</translation>
    </message>
    <message>
        <source>Implemented</source>
        <translation>Mise en œuvre</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Basse</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Moyenne</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Haute</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Critique</translation>
    </message>
    <message>
        <source>Predecessor project</source>
        <extracomment>The table columns of each log.</extracomment>
        <translation>Projet prédécesseur</translation>
    </message>
    <message>
        <source>Predecessor task</source>
        <translation>Tâche prédécesseur</translation>
    </message>
    <message>
        <source>Successor project</source>
        <translation>Projet successeur</translation>
    </message>
    <message>
        <source>Successor task</source>
        <translation>Tâche successeur</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Lag</source>
        <translation>Décalage</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Driving</source>
        <translation>Déterminante</translation>
    </message>
    <message>
        <source>Slack</source>
        <translation>Avec marge</translation>
    </message>
    <message>
        <source>Violated</source>
        <translation>Non respectée</translation>
    </message>
    <message>
        <source>Not scheduled</source>
        <translation>Non planifiée</translation>
    </message>
</context>
<context>
    <name>RaidView</name>
    <message>
        <source>&amp;Issues</source>
        <extracomment>A task to show in its project&apos;s Gantt: project id, task id.</extracomment>
        <translation>&amp;Problèmes</translation>
    </message>
    <message>
        <source>&amp;Assumptions</source>
        <translation>&amp;Hypothèses</translation>
    </message>
    <message>
        <source>&amp;Decisions</source>
        <translation>&amp;Décisions</translation>
    </message>
    <message>
        <source>&amp;Change requests</source>
        <translation>Demandes de &amp;modification</translation>
    </message>
    <message>
        <source>De&amp;pendencies</source>
        <translation>Dépendan&amp;ces</translation>
    </message>
    <message>
        <source>&amp;Lessons learned</source>
        <translation>&amp;Retours d&apos;expérience</translation>
    </message>
    <message>
        <source>&amp;New entry</source>
        <translation>&amp;Nouvelle entrée</translation>
    </message>
    <message>
        <source>&amp;Delete entry…</source>
        <translation>&amp;Supprimer l&apos;entrée…</translation>
    </message>
    <message>
        <source>&amp;Filter log</source>
        <translation>&amp;Filtrer le journal</translation>
    </message>
    <message>
        <source>&amp;Clear log filters</source>
        <translation>&amp;Effacer les filtres du journal</translation>
    </message>
    <message>
        <source>RAID logs — {name}</source>
        <translation>Journaux RAID — {name}</translation>
    </message>
    <message>
        <source>Dates before {date} are overdue</source>
        <translation>Les dates antérieures au {date} sont dépassées</translation>
    </message>
    <message>
        <source>The logs could not be read: {error}</source>
        <translation>Impossible de lire les journaux&#xa0;: {error}</translation>
    </message>
    <message>
        <source>{escalated} escalated issues · {overdue} overdue entries</source>
        <translation>{escalated} problèmes remontés · {overdue} entrées en retard</translation>
    </message>
</context>
<context>
    <name>RankingModel</name>
    <message>
        <source>#</source>
        <extracomment>Role of the score (0–100) for the bar delegate.</extracomment>
        <translation>N°</translation>
    </message>
    <message>
        <source>Moved</source>
        <translation>Écart</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projet</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Gaps</source>
        <translation>Non notés</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>Demand (h)</source>
        <translation>Demande (h)</translation>
    </message>
    <message>
        <source>Σ budget</source>
        <translation>Σ budget</translation>
    </message>
    <message>
        <source>Σ hours</source>
        <translation>Σ heures</translation>
    </message>
    <message>
        <source>Fits?</source>
        <translation>Retenu&#xa0;?</translation>
    </message>
    <message>
        <source>Places gained (▲) or lost (▼) by a manual move against the score order</source>
        <translation>Places gagnées (▲) ou perdues (▼) par un déplacement manuel par rapport à l&apos;ordre des scores</translation>
    </message>
    <message>
        <source>Weighted score out of 100 (a missing score counts as the worst)</source>
        <translation>Score pondéré sur 100 (une note manquante compte comme la pire)</translation>
    </message>
    <message>
        <source>Criteria this project has no score on</source>
        <translation>Critères sur lesquels ce projet n&apos;est pas noté</translation>
    </message>
    <message>
        <source>Remaining assigned work inside the horizon (of the capped role, if any)</source>
        <translation>Travail affecté restant sur l&apos;horizon (du rôle plafonné, le cas échéant)</translation>
    </message>
    <message>
        <source>Budget of the funded projects down to this row</source>
        <translation>Budget cumulé des projets retenus jusqu&apos;à cette ligne</translation>
    </message>
    <message>
        <source>Demand hours of the funded projects down to this row</source>
        <translation>Heures de demande cumulées des projets retenus jusqu&apos;à cette ligne</translation>
    </message>
    <message>
        <source>Funded</source>
        <translation>Retenu</translation>
    </message>
    <message>
        <source>Over budget</source>
        <translation>Dépasse le budget</translation>
    </message>
    <message>
        <source>Over capacity</source>
        <translation>Dépasse la capacité</translation>
    </message>
    <message>
        <source>Over both caps</source>
        <translation>Dépasse les deux plafonds</translation>
    </message>
    <message>
        <source>Fits within the caps with the projects above</source>
        <translation>Tient dans les plafonds avec les projets situés au-dessus</translation>
    </message>
    <message>
        <source>Its budget would take the funded total past the budget cap</source>
        <translation>Son budget porterait le total retenu au-delà du plafond de budget</translation>
    </message>
    <message>
        <source>Its demand hours would take the funded total past the capacity cap</source>
        <translation>Ses heures de demande porteraient le total retenu au-delà du plafond de capacité</translation>
    </message>
    <message>
        <source>It would take the funded totals past both the budget and capacity caps</source>
        <translation>Il porterait les totaux retenus au-delà des plafonds de budget et de capacité</translation>
    </message>
    <message>
        <source>The rule stops at the first project that does not fit: none below is funded</source>
        <translation>La règle s&apos;arrête au premier projet qui ne tient pas&#xa0;: aucun projet situé en dessous n&apos;est retenu</translation>
    </message>
    <message>
        <source>Below the cut-off</source>
        <translation>Sous le seuil</translation>
    </message>
</context>
<context>
    <name>RankingTable</name>
    <message>
        <source>cut-off</source>
        <translation>seuil</translation>
    </message>
</context>
<context>
    <name>RatesModel</name>
    <message>
        <source>From</source>
        <translation>À compter du</translation>
    </message>
    <message>
        <source>Rate / h</source>
        <translation>Taux / h</translation>
    </message>
    <message>
        <source>Overtime / h</source>
        <translation>Heures sup. / h</translation>
    </message>
    <message>
        <source>Per use</source>
        <translation>Par utilisation</translation>
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
    <name>ResourceEditor</name>
    <message>
        <source>Select a resource to see and edit it.</source>
        <extracomment>A rate cell edited in place: (rate id, field, value).</extracomment>
        <translation>Choisissez une ressource pour la voir et la modifier.</translation>
    </message>
    <message>
        <source>Active (counts in loading and can be assigned)</source>
        <translation>Active (comptée dans la charge et affectable)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>Save the changes (Ctrl+Return)</source>
        <translation>Enregistrer les modifications (Ctrl+Return)</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>A&amp;nnuler les modifications</translation>
    </message>
    <message>
        <source>&amp;Add rate from</source>
        <translation>&amp;Ajouter un taux à compter du</translation>
    </message>
    <message>
        <source>Remove rate</source>
        <translation>Supprimer le taux</translation>
    </message>
    <message>
        <source>The rate in force on a day is the row with the latest date on or before it; before the first row, the standard rates above apply. Double-click a cell to change it; assignment costs follow.</source>
        <translation>Le taux en vigueur un jour donné est celui de la ligne dont la date est la plus récente à ce jour ou avant&#xa0;; avant la première ligne, les taux standard ci-dessus s&apos;appliquent. Double-cliquez sur une cellule pour la modifier&#xa0;; les coûts des affectations suivent.</translation>
    </message>
    <message>
        <source>Note (e.g. Summer leave)</source>
        <translation>Note (p. ex. congés d&apos;été)</translation>
    </message>
    <message>
        <source>Add &amp;vacation</source>
        <translation>Ajouter des &amp;congés</translation>
    </message>
    <message>
        <source>Remove vacation</source>
        <translation>Supprimer les congés</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
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
        <source>Department</source>
        <translation>Département</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Calendrier</translation>
    </message>
    <message>
        <source>Max units</source>
        <translation>Capacité max.</translation>
    </message>
    <message>
        <source>Overtime</source>
        <translation>Heures sup.</translation>
    </message>
    <message>
        <source>Per use</source>
        <translation>Par utilisation</translation>
    </message>
    <message>
        <source>Rate / h</source>
        <translation>Taux / h</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>to</source>
        <translation>au</translation>
    </message>
    <message>
        <source>Assigned to</source>
        <translation>Affectée à</translation>
    </message>
    <message>
        <source>Cost rates</source>
        <translation>Taux de coût</translation>
    </message>
    <message>
        <source>Vacations</source>
        <translation>Congés</translation>
    </message>
    <message>
        <source>Portfolio default</source>
        <translation>Par défaut du portefeuille</translation>
    </message>
    <message>
        <source>{assignments} assignments on {projects} projects · double-click to open the task</source>
        <translation>{assignments} affectations sur {projects} projets · double-cliquez pour ouvrir la tâche</translation>
    </message>
    <message>
        <source>Not assigned to any task.</source>
        <translation>Affectée à aucune tâche.</translation>
    </message>
    <message>
        <source>Vacations are non-working days of {calendar}.</source>
        <translation>Les congés sont des jours chômés de {calendar}.</translation>
    </message>
    <message>
        <source>the resource&apos;s own calendar</source>
        <translation>le calendrier propre à la ressource</translation>
    </message>
    <message>
        <source>A first vacation gives the resource its own calendar, a copy of the one it uses.</source>
        <translation>Les premiers congés donnent à la ressource son propre calendrier, copie de celui qu&apos;elle utilise.</translation>
    </message>
</context>
<context>
    <name>ResourceLoadingView</name>
    <message>
        <source>Weeks</source>
        <extracomment>Periods shown per unit: two years of weeks, or two years of months. Double-click on an assignment of the drill-down: (project id, task id). The drill-down list was filled (or its read failed). What-if: the demand of proposed (pipeline) projects counts too.</extracomment>
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
        <source>Whose demand the grid shows</source>
        <translation>La demande que la grille affiche</translation>
    </message>
    <message>
        <source>Include proposed projects</source>
        <translation>Inclure les projets proposés</translation>
    </message>
    <message>
        <source>What-if: add the demand of proposed (pipeline) projects</source>
        <translation>Simulation&#xa0;: ajouter la demande des projets proposés (en préparation)</translation>
    </message>
    <message>
        <source>Double-click a cell to list its assignments.</source>
        <translation>Double-cliquez sur une cellule pour lister ses affectations.</translation>
    </message>
    <message>
        <source>Demand of:</source>
        <translation>Demande de&#xa0;:</translation>
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
        <source>Selected row</source>
        <translation>Ligne sélectionnée</translation>
    </message>
    <message>
        <source>Capacity by role, 12 months</source>
        <translation>Capacité par rôle, 12 mois</translation>
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
        <source>&amp;Level Resources…</source>
        <translation>Ni&amp;veler les ressources…</translation>
    </message>
    <message>
        <source>Delay tasks so that no resource is over-allocated, with a preview</source>
        <translation>Décaler des tâches pour qu&apos;aucune ressource ne soit surutilisée, avec aperçu</translation>
    </message>
    <message>
        <source>Whole portfolio</source>
        <translation>Portefeuille entier</translation>
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
    <name>ResourcePoolView</name>
    <message>
        <source>Filter by code, name, role, e-mail, project…</source>
        <extracomment>Double-click on an assignment: (project id, task id). An edit of this view was saved: the editor shows the reloaded resource.</extracomment>
        <translation>Filtrer par code, nom, rôle, e-mail, projet…</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>Tous les types</translation>
    </message>
    <message>
        <source>Show inactive</source>
        <translation>Afficher les inactives</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
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
        <source>&amp;New resource</source>
        <translation>&amp;Nouvelle ressource</translation>
    </message>
    <message>
        <source>&amp;Delete resource…</source>
        <translation>Su&amp;pprimer la ressource…</translation>
    </message>
    <message>
        <source>&amp;Save resource</source>
        <translation>&amp;Enregistrer la ressource</translation>
    </message>
    <message>
        <source>&amp;Filter resources</source>
        <translation>&amp;Filtrer les ressources</translation>
    </message>
    <message>
        <source>Resource pool — {name}</source>
        <translation>Pool de ressources — {name}</translation>
    </message>
    <message>
        <source>{active} active resources, {inactive} inactive · rates at {date}</source>
        <translation>{active} ressources actives, {inactive} inactives · taux au {date}</translation>
    </message>
    <message>
        <source>The resources could not be read: {error}</source>
        <translation>Impossible de lire les ressources&#xa0;: {error}</translation>
    </message>
    <message>
        <source>All roles</source>
        <translation>Tous les rôles</translation>
    </message>
    <message>
        <source>All departments</source>
        <translation>Tous les départements</translation>
    </message>
    <message>
        <source>{shown} of {total} resources</source>
        <translation>{shown} ressources sur {total}</translation>
    </message>
    <message>
        <source>New resource</source>
        <translation>Nouvelle ressource</translation>
    </message>
    <message>
        <source>Resource not added</source>
        <translation>Ressource non ajoutée</translation>
    </message>
    <message>
        <source>Delete resource {code} “{name}” and its cost rates?</source>
        <translation>Supprimer la ressource {code} «&#xa0;{name}&#xa0;» et ses taux de coût&#xa0;?</translation>
    </message>
    <message>
        <source>Resource not deleted</source>
        <translation>Ressource non supprimée</translation>
    </message>
    <message>
        <source>Delete resource</source>
        <translation>Supprimer la ressource</translation>
    </message>
    <message>
        <source>Change not saved</source>
        <translation>Modification non enregistrée</translation>
    </message>
    <message>
        <source>Rate not added</source>
        <translation>Taux non ajouté</translation>
    </message>
    <message>
        <source>Rate not changed</source>
        <translation>Taux non modifié</translation>
    </message>
    <message>
        <source>Rate not removed</source>
        <translation>Taux non supprimé</translation>
    </message>
    <message>
        <source>Vacation</source>
        <translation>Congés</translation>
    </message>
    <message>
        <source>Vacation not added</source>
        <translation>Congés non ajoutés</translation>
    </message>
    <message>
        <source>Vacation not removed</source>
        <translation>Congés non supprimés</translation>
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
        <source>Escalation</source>
        <translation>Remontée</translation>
    </message>
    <message>
        <source>Linked tasks</source>
        <translation>Tâches liées</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>portfolio level</source>
        <translation>niveau portefeuille</translation>
    </message>
    <message>
        <source>Managed by its project</source>
        <translation>Géré par son projet</translation>
    </message>
    <message>
        <source>Escalated to its programme on {date}</source>
        <translation>Remonté à son programme le {date}</translation>
    </message>
    <message>
        <source>Escalated to the portfolio on {date}</source>
        <translation>Remonté au portefeuille le {date}</translation>
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
        <source>All levels</source>
        <translation>Tous les niveaux</translation>
    </message>
    <message>
        <source>Project level</source>
        <translation>Niveau projet</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Remontés</translation>
    </message>
    <message>
        <source>Programme level</source>
        <translation>Niveau programme</translation>
    </message>
    <message>
        <source>Portfolio level</source>
        <translation>Niveau portefeuille</translation>
    </message>
    <message>
        <source>Who owns the risk: its project, or once escalated, its programme or the portfolio</source>
        <translation>Qui porte le risque&#xa0;: son projet ou, une fois remonté, son programme ou le portefeuille</translation>
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
        <extracomment>Open a task in its project&apos;s Gantt: project id, task id (a linked task double-clicked). A risk just created: selected (filters cleared if they hide it) once read.</extracomment>
        <translation>Brut</translation>
    </message>
    <message>
        <source>Residual</source>
        <translation>Résiduel</translation>
    </message>
    <message>
        <source>&amp;Filter risks</source>
        <extracomment>Who assessments are recorded by (the main window may set the preferences&apos; name).</extracomment>
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
        <source>&amp;Escalate risk…</source>
        <translation>&amp;Remonter le risque…</translation>
    </message>
    <message>
        <source>De-escalate to its &amp;project</source>
        <translation>Rendre à son &amp;projet</translation>
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
        <source>Level</source>
        <translation>Niveau</translation>
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
        <source>Trend</source>
        <translation>Tendance</translation>
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
        <source>Score against the end of the previous status period: ▲ worse, ▼ better, ► same</source>
        <translation>Score comparé à la fin de la période de rapport précédente&#xa0;: ▲ en dégradation, ▼ en amélioration, ► stable</translation>
    </message>
    <message>
        <source>Who owns the risk: its project, its programme or the portfolio</source>
        <translation>Qui porte le risque&#xa0;: son projet, son programme ou le portefeuille</translation>
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
        <source>Programme</source>
        <translation>Programme</translation>
    </message>
    <message>
        <source>Portfolio</source>
        <translation>Portefeuille</translation>
    </message>
    <message>
        <source>New this period: no rating at the end of the previous period</source>
        <translation>Nouveau sur la période&#xa0;: aucune évaluation à la fin de la période précédente</translation>
    </message>
    <message>
        <source>Score {now}, was {before} at the end of the previous period</source>
        <translation>Score {now}, contre {before} à la fin de la période précédente</translation>
    </message>
    <message>
        <source>Schedule {s}, cost {c}, scope {sc}, quality {q}</source>
        <translation>Délai {s}, coût {c}, périmètre {sc}, qualité {q}</translation>
    </message>
    <message>
        <source>The review is overdue</source>
        <translation>La revue est en retard</translation>
    </message>
    <message>
        <source>Escalated on {date}</source>
        <translation>Remonté le {date}</translation>
    </message>
</context>
<context>
    <name>RowChoiceTable</name>
    <message>
        <source>Row</source>
        <extracomment>The two sides of a choice (the same strings as `services.conflicts`). Columns of the table. The least height of a line of the table, in pixels. Who changed theirs and when, as display text (&quot;bruno · 29/10/2026 14:05&quot;). Shown instead of fields when there are none (e.g. &quot;Deleted by bruno&quot;). False when only &quot;theirs&quot; is possible (the row was deleted). A choice changed (the row&apos;s key, MINE or THEIRS).</extracomment>
        <translation>Ligne</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>Your value</source>
        <translation>Votre valeur</translation>
    </message>
    <message>
        <source>Their value</source>
        <translation>Leur valeur</translation>
    </message>
    <message>
        <source>Changed by</source>
        <translation>Modifié par</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Garder</translation>
    </message>
    <message>
        <source>All mine</source>
        <translation>Ma version partout</translation>
    </message>
    <message>
        <source>Keep your values in every row.</source>
        <translation>Garder vos valeurs dans toutes les lignes.</translation>
    </message>
    <message>
        <source>All theirs</source>
        <translation>Leur version partout</translation>
    </message>
    <message>
        <source>Keep the other users&apos; values in every row.</source>
        <translation>Garder les valeurs des autres utilisateurs dans toutes les lignes.</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Ma version</translation>
    </message>
    <message>
        <source>Theirs</source>
        <translation>Leur version</translation>
    </message>
    <message>
        <source>Keep your values for {row}</source>
        <translation>Garder vos valeurs pour {row}</translation>
    </message>
    <message>
        <source>Keep their values for {row}</source>
        <translation>Garder leurs valeurs pour {row}</translation>
    </message>
</context>
<context>
    <name>RowConflictDialog</name>
    <message>
        <source>Someone else changed a row you were saving</source>
        <extracomment>The side kept per row (&quot;Save my choices&quot;); None when cancelled.</extracomment>
        <translation>Quelqu&apos;un d&apos;autre a modifié une ligne que vous enregistriez</translation>
    </message>
    <message>
        <source>Others changed {count} rows you were saving</source>
        <translation>D&apos;autres utilisateurs ont modifié {count}&#xa0;lignes que vous enregistriez</translation>
    </message>
    <message>
        <source>your change</source>
        <translation>votre modification</translation>
    </message>
    <message>
        <source>Nothing has been overwritten: “{change}” was not saved. For each row, keep your values or theirs; the rows below are saved together as one change you can undo. Their other changes are kept in any case, and scheduled dates are computed again.</source>
        <translation>Rien n&apos;a été écrasé&#xa0;: l&apos;action «&#xa0;{change}&#xa0;» n&apos;a pas été enregistrée. Pour chaque ligne, gardez vos valeurs ou les leurs&#xa0;; les lignes ci-dessous sont enregistrées ensemble en une seule modification que vous pourrez annuler. Leurs autres modifications sont conservées dans tous les cas, et les dates planifiées sont recalculées.</translation>
    </message>
    <message>
        <source>Save my choices</source>
        <translation>Enregistrer mes choix</translation>
    </message>
    <message>
        <source>Save the rows kept as yours on top of the other users&apos; versions.</source>
        <translation>Enregistrer les lignes où vous gardez votre version par-dessus celles des autres utilisateurs.</translation>
    </message>
    <message>
        <source>Save nothing and show their version.</source>
        <translation>Ne rien enregistrer et afficher leur version.</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vide)</translation>
    </message>
    <message>
        <source>Deleted by {user}: it stays deleted</source>
        <translation>Supprimée par {user}&#xa0;: elle reste supprimée</translation>
    </message>
    <message>
        <source>Deleted by another user: it stays deleted</source>
        <translation>Supprimée par un autre utilisateur&#xa0;: elle reste supprimée</translation>
    </message>
    <message>
        <source>Added since you looked: “Mine” deletes it too, “Theirs” keeps it and its task</source>
        <translation>Ajoutée depuis votre consultation&#xa0;: «&#xa0;Ma version&#xa0;» la supprime aussi, «&#xa0;Leur version&#xa0;» la garde avec sa tâche</translation>
    </message>
    <message>
        <source>(you delete it)</source>
        <translation>(vous la supprimez)</translation>
    </message>
    <message>
        <source>Another user</source>
        <translation>Un autre utilisateur</translation>
    </message>
</context>
<context>
    <name>RuleEditor</name>
    <message>
        <source>&amp;Check this rule</source>
        <extracomment>The spin boxes&apos; value meaning &quot;empty: take the RAG threshold&quot;. code, enabled, severity, parameters</extracomment>
        <translation>&amp;Contrôler cette règle</translation>
    </message>
    <message>
        <source>&amp;Severity:</source>
        <translation>&amp;Gravité&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Appliquer</translation>
    </message>
    <message>
        <source>&amp;Reset to default</source>
        <translation>&amp;Réinitialiser</translation>
    </message>
    <message>
        <source>Choose a rule to change its settings.</source>
        <translation>Choisissez une règle pour modifier ses paramètres.</translation>
    </message>
    <message>
        <source>Default: {severity}. Changes apply to this portfolio only.</source>
        <translation>Par défaut&#xa0;: {severity}. Les modifications ne s&apos;appliquent qu&apos;à ce portefeuille.</translation>
    </message>
    <message>
        <source>RAG threshold ({value})</source>
        <translation>Seuil RAG ({value})</translation>
    </message>
</context>
<context>
    <name>ScoresEditor</name>
    <message>
        <source>Scores (0–5)</source>
        <extracomment>The spin box value that stands for &quot;no score&quot;. The project and {criterion id: score or None} of what changed.</extracomment>
        <translation>Notes (0–5)</translation>
    </message>
    <message>
        <source>“—” means not scored yet: a gap counts as the worst score. For criteria where lower is better, 0 is best.</source>
        <translation>«&#xa0;—&#xa0;» signifie pas encore noté&#xa0;: une note manquante compte comme la pire. Pour les critères où la plus basse est la meilleure, 0 est la meilleure note.</translation>
    </message>
    <message>
        <source>&amp;Save scores</source>
        <translation>&amp;Enregistrer les notes</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>A&amp;nnuler les modifications</translation>
    </message>
    <message>
        <source>No project selected</source>
        <translation>Aucun projet sélectionné</translation>
    </message>
    <message>
        <source>Select a project in the ranking to score it.</source>
        <translation>Sélectionnez un projet dans le classement pour le noter.</translation>
    </message>
    <message>
        <source>Score {score} / 100 · budget {budget} · {gaps} gaps</source>
        <translation>Score {score} / 100 · budget {budget} · {gaps} critères non notés</translation>
    </message>
</context>
<context>
    <name>Sharing</name>
    <message>
        <source>Take over editing?</source>
        <translation>Reprendre la main en modification&#xa0;?</translation>
    </message>
    <message>
        <source>{file} is marked as being edited by {holder}, but that program has not been heard from for a while: it may have stopped.

Take over editing? Do it only if you are sure it no longer runs; it will not be able to save its last changes.

If you do not take over, the file opens read-only.</source>
        <translation>{file} est signalé comme en cours de modification par {holder}, mais ce programme ne donne plus signe de vie depuis un moment&#xa0;: il s&apos;est peut-être arrêté.

Reprendre la main en modification&#xa0;? Faites-le uniquement si vous êtes sûr qu&apos;il ne tourne plus&#xa0;; il ne pourra pas enregistrer ses dernières modifications.

Si vous ne reprenez pas la main, le fichier s&apos;ouvre en lecture seule.</translation>
    </message>
    <message>
        <source>Editing taken over</source>
        <extracomment>This program was the editor and someone took the file over: the reason to show. This program reads a file whose editor has closed it: it may be edited now.</extracomment>
        <translation>Modification reprise par un autre utilisateur</translation>
    </message>
    <message>
        <source>Another user took over editing this file ({reason}). It is now read-only here; changes you had not saved yet could not be written.</source>
        <translation>Un autre utilisateur a repris la main en modification sur ce fichier ({reason}). Il est désormais en lecture seule ici&#xa0;; les modifications que vous n&apos;aviez pas encore enregistrées n&apos;ont pas pu être écrites.</translation>
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
    <name>TaskMovesModel</name>
    <message>
        <source>Project</source>
        <extracomment>The levelled columns&apos; background: the proposal, set apart from the current plan.</extracomment>
        <translation>Projet</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tâche</translation>
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
        <source>Levelled start</source>
        <translation>Début nivelé</translation>
    </message>
    <message>
        <source>Levelled finish</source>
        <translation>Fin nivelée</translation>
    </message>
    <message>
        <source>Delay (days)</source>
        <translation>Décalage (jours)</translation>
    </message>
</context>
<context>
    <name>TaskPickerDialog</name>
    <message>
        <source>Link a task</source>
        <translation>Lier une tâche</translation>
    </message>
    <message>
        <source>Search tasks by WBS or name</source>
        <translation>Rechercher des tâches par WBS ou nom</translation>
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
    <name>TemplateEditorDialog</name>
    <message>
        <source>Method Templates</source>
        <translation>Modèles de méthode</translation>
    </message>
    <message>
        <source>Waterfall</source>
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
        <source>Offered for new projects</source>
        <translation>Proposé pour les nouveaux projets</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>Reset to &amp;default</source>
        <translation>Rétablir par &amp;défaut</translation>
    </message>
    <message>
        <source>&amp;Copy as new…</source>
        <translation>&amp;Copier comme nouveau…</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>&amp;Méthode&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>Descri&amp;ption&#xa0;:</translation>
    </message>
    <message>
        <source>De&amp;finition (JSON: stages, gates, WBS, milestones, risks, RACI, iterations, ceremonies):</source>
        <translation>Dé&amp;finition (JSON&#xa0;: phases, jalons décisionnels, WBS, jalons, risques, RACI, itérations, cérémonies)&#xa0;:</translation>
    </message>
    <message>
        <source>Edited for this portfolio</source>
        <translation>Modifié pour ce portefeuille</translation>
    </message>
    <message>
        <source>Code {code}, {language}: edited for this portfolio.</source>
        <translation>Code {code}, {language}&#xa0;: modifié pour ce portefeuille.</translation>
    </message>
    <message>
        <source>Code {code}, {language}: shipped default (saving makes a copy for this portfolio).</source>
        <translation>Code {code}, {language}&#xa0;: modèle livré par défaut (l&apos;enregistrer en crée une copie pour ce portefeuille).</translation>
    </message>
    <message>
        <source>Code {code}, {language}: organisation template.</source>
        <translation>Code {code}, {language}&#xa0;: modèle de l&apos;organisation.</translation>
    </message>
    <message>
        <source>The definition is valid.</source>
        <translation>La définition est valide.</translation>
    </message>
    <message>
        <source>Choose a template.</source>
        <translation>Choisissez un modèle.</translation>
    </message>
    <message>
        <source>Reset template</source>
        <translation>Rétablir le modèle</translation>
    </message>
    <message>
        <source>Discard this portfolio&apos;s changes to {name} and use the default again?</source>
        <translation>Abandonner les modifications apportées à {name} pour ce portefeuille et revenir au modèle par défaut&#xa0;?</translation>
    </message>
    <message>
        <source>Copy as New Template</source>
        <translation>Copier comme nouveau modèle</translation>
    </message>
    <message>
        <source>Code of the new template:</source>
        <translation>Code du nouveau modèle&#xa0;:</translation>
    </message>
    <message>
        <source>{name} (copy)</source>
        <translation>{name} (copie)</translation>
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
    <name>VacationsModel</name>
    <message>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Au</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Jours</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
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
        <extracomment>How many times the conflict dialog may come back for one save before a plain message. QUndoCommand ids: mergeable commands share one id per merge key.</extracomment>
        <translation>Impossible de rétablir</translation>
    </message>
    <message>
        <source>Cannot undo</source>
        <translation>Impossible d&apos;annuler</translation>
    </message>
    <message>
        <source>Read-only database</source>
        <extracomment>Another database replaced the open one (the undo history was cleared). Data changed: a set of entity classes, or None when anything may have changed. Saves running in the worker pool (`execute_in_background`).</extracomment>
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
    <message>
        <source>{user} deleted this {entity}; your change was not saved.</source>
        <translation>{user} a supprimé cet élément ({entity})&#xa0;; votre modification n&apos;a pas été enregistrée.</translation>
    </message>
    <message>
        <source>{user} changed this {entity} while you were editing it; your change was not saved. The view now shows their version.</source>
        <translation>{user} a modifié cet élément ({entity}) pendant que vous le modifiiez&#xa0;; votre modification n&apos;a pas été enregistrée. La vue affiche maintenant sa version.</translation>
    </message>
</context>
</TS>
