#!/bin/sh
# Install PMO Desktop from this unpacked archive (build.py linux made it).
#
#   ./install.sh                  for you only: ~/.local (no administrator rights needed)
#   sudo ./install.sh --system    for every user: /opt/pmo-desktop and /usr/local
#   ./install.sh --uninstall      remove it again (add --system for a system install)
#
# Copies the application folder, puts `pmo-desktop` on the PATH, and registers the menu
# entry, the icons and the AppStream metadata.
set -eu
APP_ID=org.pmodesktop.PMODesktop
HERE=$(cd "$(dirname "$0")" && pwd)
SYSTEM=0
UNINSTALL=0
for argument in "$@"; do
    case "$argument" in
        --system) SYSTEM=1 ;;
        --uninstall) UNINSTALL=1 ;;
        -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
        *) echo "install.sh: unknown option $argument" >&2; exit 2 ;;
    esac
done
if [ "$SYSTEM" = 1 ]; then
    APP_DIR=/opt/pmo-desktop
    BIN_DIR=/usr/local/bin
    SHARE=/usr/local/share
else
    APP_DIR="${XDG_DATA_HOME:-$HOME/.local/share}/pmo-desktop/app"
    BIN_DIR="$HOME/.local/bin"
    SHARE="${XDG_DATA_HOME:-$HOME/.local/share}"
fi

refresh() {
    command -v update-desktop-database >/dev/null 2>&1 \
        && update-desktop-database -q "$SHARE/applications" || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 \
        && gtk-update-icon-cache -q -t "$SHARE/icons/hicolor" || true
}

if [ "$UNINSTALL" = 1 ]; then
    rm -rf "$APP_DIR"
    rm -f "$BIN_DIR/pmo-desktop" "$SHARE/applications/$APP_ID.desktop" \
        "$SHARE/metainfo/$APP_ID.metainfo.xml"
    find "$SHARE/icons/hicolor" -name "$APP_ID.*" -delete 2>/dev/null || true
    refresh
    echo "PMO Desktop removed (your databases and settings are kept)."
    exit 0
fi

mkdir -p "$(dirname "$APP_DIR")" "$BIN_DIR" "$SHARE/applications" "$SHARE/metainfo"
rm -rf "$APP_DIR"
cp -R "$HERE/usr/lib/pmo-desktop" "$APP_DIR"
ln -sf "$APP_DIR/pmo-desktop" "$BIN_DIR/pmo-desktop"
# The menu entry runs the installed executable by its full path (~/.local/bin is not on
# every desktop session's PATH).
sed -e "s|^Exec=pmo-desktop|Exec=\"$APP_DIR/pmo-desktop\"|" \
    -e "s|^TryExec=pmo-desktop|TryExec=$APP_DIR/pmo-desktop|" \
    "$HERE/usr/share/applications/$APP_ID.desktop" > "$SHARE/applications/$APP_ID.desktop"
cp "$HERE/usr/share/metainfo/$APP_ID.metainfo.xml" "$SHARE/metainfo/"
(cd "$HERE/usr/share" && find icons -name "$APP_ID.*" | while read -r icon; do
    mkdir -p "$SHARE/$(dirname "$icon")"
    cp "$icon" "$SHARE/$icon"
done)
refresh
echo "PMO Desktop installed in $APP_DIR; run it from the applications menu or as pmo-desktop."
