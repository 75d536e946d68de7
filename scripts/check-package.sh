#!/usr/bin/env bash
# Checks what makes Claimline a desktop app, as CI does:
#   - the launcher entry passes desktop-file-validate (Debian package desktop-file-utils),
#   - the AppStream metadata passes appstreamcli validate (Debian package appstream),
#   - `cargo deb` builds a package that holds the binary, the launcher entry, the icons
#     in the hicolor theme, the metainfo and the file type.
# Installs what it needs when it is missing (apt-get, cargo install cargo-deb).
# The package is built with the dev profile (fast, unstripped): what is checked is its
# file list, not its speed. Build a release package with `cargo deb`.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
if ! command -v desktop-file-validate >/dev/null || ! command -v appstreamcli >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update
    $SUDO apt-get install -y --no-install-recommends desktop-file-utils appstream
fi
if ! cargo deb --version >/dev/null 2>&1; then
    cargo install cargo-deb --version 3.8.0 --locked
fi

desktop-file-validate assets/io.github.claimline.Claimline.desktop
appstreamcli validate --no-net --pedantic assets/io.github.claimline.Claimline.metainfo.xml

deb=$(cargo deb --profile dev --no-strip --quiet)
echo "built $deb"
listing=$(dpkg-deb --contents "$deb" | awk '{print $NF}')
missing=0
for path in \
    ./usr/bin/claimline \
    ./usr/share/applications/io.github.claimline.Claimline.desktop \
    ./usr/share/metainfo/io.github.claimline.Claimline.metainfo.xml \
    ./usr/share/mime/packages/claimline.xml \
    ./usr/share/icons/hicolor/scalable/apps/io.github.claimline.Claimline.svg \
    ./usr/share/icons/hicolor/{32x32,48x48,64x64,128x128,256x256,512x512}/apps/io.github.claimline.Claimline.png
do
    if ! grep -qxF "$path" <<<"$listing"; then
        echo "error: the package lacks $path" >&2
        missing=1
    fi
done
if [ "$missing" -ne 0 ]; then
    echo "the package holds:" >&2
    echo "$listing" >&2
    exit 1
fi
# The packaged binary runs.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dpkg-deb --extract "$deb" "$tmp"
"$tmp/usr/bin/claimline" --version
echo "package ok: $(grep -c . <<<"$listing") entries"
