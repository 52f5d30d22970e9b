; Inno Setup script for Windows (UNTESTED here: no Windows machine in this project's CI).
; Build the bundle on Windows first: pyinstaller --noconfirm packaging\assets_desktop.spec
; then: iscc packaging\windows\assets-desktop.iss
#define AppName "Assets Desktop"
#define AppVersion "0.1.0"

[Setup]
AppId={{6B0C7B52-3C55-4C8D-9B8E-5B3A9E0A41D2}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Assets Desktop team
DefaultDirName={autopf}\Assets Desktop
DefaultGroupName=Assets Desktop
OutputDir=..\dist
OutputBaseFilename=assets-desktop-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequiredOverridesAllowed=dialog

[Files]
Source: "..\dist\assets-desktop\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\Assets Desktop"; Filename: "{app}\assets-desktop.exe"
Name: "{autodesktop}\Assets Desktop"; Filename: "{app}\assets-desktop.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Create a desktop shortcut"; Flags: unchecked

[Run]
Filename: "{app}\assets-desktop.exe"; Description: "Launch Assets Desktop"; Flags: nowait postinstall skipifsilent
