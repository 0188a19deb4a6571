; Inno Setup 6 (6.3 or later: x64compatible) script of PMO Desktop's Windows installer.
;
; Built by `python installer\build.py windows` (PyInstaller first, then ISCC.exe with
; /DAppVersion=… /DSourceDir=…); by hand, after `python installer\build.py pyinstaller`:
;   ISCC.exe /DAppVersion=0.1.0 installer\windows\pmo_desktop.iss
; Output: dist\installers\pmo-desktop-<version>-setup.exe
;
; Installs for the current user without administrator rights by default (Program Files
; is offered, with elevation, in the first page or with /ALLUSERS on the command line).
; Registers: start-menu entry, uninstaller, PMO Desktop databases (.sqlite, .db) opening
; with a double-click (a task the user can untick), and "Open with" for MS Project XML
; (.xml) and Excel workbooks (.xlsx), which are imported into the user's database.
; Names below must match installer\bundle_names.py (tests\test_installer_files.py checks).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\pmo-desktop"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist\installers"
#endif
#define AppName "PMO Desktop"
#define AppExe "pmo-desktop.exe"
#define CliExe "pmo-desktop-cli.exe"
#define Publisher "PMO Desktop team"
#define DatabaseProgId "PMODesktop.Database"
#define ImportProgId "PMODesktop.Import"

[Setup]
AppId={{6C5BFC40-CE47-43B7-83C2-9F5A23D5B447}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#Publisher}
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-user by default; the user may choose a per-machine install (elevates).
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
ChangesAssociations=yes
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
SetupIconFile=..\..\resources\icons\app.ico
OutputDir={#OutputDir}
OutputBaseFilename=pmo-desktop-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "french"; MessagesFile: "compiler:Languages\French.isl"

[CustomMessages]
english.AssociateDatabases=Open PMO Desktop databases (.sqlite, .db) with PMO Desktop
french.AssociateDatabases=Ouvrir les bases PMO Desktop (.sqlite, .db) avec PMO Desktop
english.DatabaseType=PMO Desktop database
french.DatabaseType=Base de données PMO Desktop
english.ImportType=Project or workbook to import into PMO Desktop
french.ImportType=Projet ou classeur à importer dans PMO Desktop
english.FileTypes=File types:
french.FileTypes=Types de fichiers :

[Tasks]
Name: "associate"; Description: "{cm:AssociateDatabases}"; GroupDescription: "{cm:FileTypes}"
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; A previous version's libraries must not linger beside the new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{#AppName}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; The database file type (HKA: the user's classes per-user, the machine's per-machine).
Root: HKA; Subkey: "Software\Classes\{#DatabaseProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:DatabaseType}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#DatabaseProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#DatabaseProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.sqlite\OpenWithProgids"; ValueType: string; ValueName: "{#DatabaseProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.db\OpenWithProgids"; ValueType: string; ValueName: "{#DatabaseProgId}"; ValueData: ""; Flags: uninsdeletevalue
; Double-click opens .sqlite with PMO Desktop (the task; .db stays "Open with" only).
Root: HKA; Subkey: "Software\Classes\.sqlite"; ValueType: string; ValueName: ""; ValueData: "{#DatabaseProgId}"; Flags: uninsdeletevalue; Tasks: associate
; MS Project XML and Excel: offered in "Open with", never made the default.
Root: HKA; Subkey: "Software\Classes\{#ImportProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:ImportType}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ImportProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ImportProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.xml\OpenWithProgids"; ValueType: string; ValueName: "{#ImportProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.xlsx\OpenWithProgids"; ValueType: string; ValueName: "{#ImportProgId}"; ValueData: ""; Flags: uninsdeletevalue
; The application's entry in "Open with" lists.
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".sqlite"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".db"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".xml"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".xlsx"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the installer put there: the user's databases, settings and logs are kept.
Type: filesandordirs; Name: "{app}\_internal"
