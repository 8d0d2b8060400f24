; Inno Setup script of the FieldVisit desktop client (民政走访), for Windows 10/11.
; Build on Windows after `uv run python installer/build.py`:
;   ISCC /DAppVersion=<version from pyproject.toml> installer\windows\fieldvisit.iss
; The [Files] section must cover every top-level entry of dist\fieldvisit (tests/installer checks it).

#ifndef AppVersion
  #error Pass the version from pyproject.toml: ISCC /DAppVersion=X.Y.Z (installer/build.py prints the command)
#endif

#define AppName "民政走访"
#define AppNameAscii "FieldVisit"
#define AppExe "fieldvisit.exe"
#define BundleDir "..\..\dist\fieldvisit"

[Setup]
AppId={{6F1C2E0A-7C55-4F0B-9B1D-3C8B5D7A2E41}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=慈溪市民政局
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppNameAscii}
DefaultGroupName={#AppName}
; Per user (no administrator needed) or for all users of the machine: the installer asks.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=fieldvisit-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\fieldvisit.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
chinesesimplified.DesktopIcon=在桌面创建快捷方式
english.DesktopIcon=Create a desktop shortcut
chinesesimplified.RemoveData=是否同时删除本机上的工作数据（已加密的数据库、照片和备份）？%n%n未同步到民政局的数据将永久丢失。除非确定数据已全部同步，否则请选择“否”。
english.RemoveData=Also delete the work data on this computer (the encrypted database, photos and backups)?%n%nData not yet synced to the bureau will be lost for good. Choose No unless you are sure everything is synced.

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\{#AppExe}"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#BundleDir}\_internal\*"; DestDir: "{app}\_internal"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
{ The user's workspace lives in the user data directory (%LOCALAPPDATA%\FieldVisit). Uninstalling keeps it
  unless the user explicitly asks, and a silent uninstall never deletes it. }
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep = usPostUninstall then
  begin
    DataDir := ExpandConstant('{localappdata}\FieldVisit');
    if DirExists(DataDir) and not UninstallSilent() then
      if MsgBox(CustomMessage('RemoveData'), mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
        DelTree(DataDir, True, True, True);
  end;
end;
