#!/usr/bin/env bash
# Installs the optional system packages the tests use, on Debian or Ubuntu. Without them
# `cargo test` still passes: the tests that need them say they were skipped (except under
# CI, where they fail). Run as root, or with sudo.
#
#   xvfb, xauth          the end-to-end test opens the real window on a virtual X display
#   mesa-vulkan-drivers, libgl1-mesa-dri, libegl1, libxkbcommon-x11-0
#                        a software renderer (Mesa llvmpipe/lavapipe) for that window
#   xdotool, x11-utils   driving that window and reading its properties (xprop)
#   fonts-dejavu-core    glyphs beyond egui's built-in fonts
#   orca, dbus, at-spi2-core
#                        the screen reader that tests/e2e_orca.rs listens to over the walk
#   chromium             a headless browser that opens published pages (tests/publish.rs)
#   node, npm            tests/anchoring's packages (npm: dom-anchor-text-quote and
#                        dom-anchor-text-position over jsdom) place the Web Annotations;
#                        tests/page-audit's (npm: lighthouse, axe-core) audit published pages
#   warcio, wacz, bagit  (PyPI) the archiving tools people capture with, and the Library of
#                        Congress' bag validator (tests/evidence.rs); python3-pip if no pip
#   moto[server]         (PyPI) an S3-compatible server tests/object_storage.rs starts on
#                        loopback, for tables in object storage (s3://…)
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends \
    xvfb xauth xdotool x11-utils \
    mesa-vulkan-drivers libgl1-mesa-dri libegl1 libxkbcommon-x11-0 \
    fonts-dejavu-core chromium orca dbus at-spi2-core

# The archiving tools, from PyPI, for whichever python3 is first on the PATH.
if ! python3 -m pip --version >/dev/null 2>&1; then
    $SUDO apt-get install -y --no-install-recommends python3-pip
fi
python3 -m pip install --quiet --disable-pip-version-check warcio wacz==0.6.0 bagit==1.9.0 \
        'moto[server]==5.2.1' \
    || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages \
        warcio wacz==0.6.0 bagit==1.9.0 'moto[server]==5.2.1'

# The independent anchoring libraries, from npm, at the versions package-lock.json pins.
if ! command -v npm >/dev/null 2>&1; then
    $SUDO apt-get install -y --no-install-recommends nodejs npm
fi
(cd "$(dirname "$0")/../tests/anchoring" && npm ci --no-audit --no-fund --silent)
# The page audits (Lighthouse, axe-core) tests/publish.rs runs on published pages.
(cd "$(dirname "$0")/../tests/page-audit" && npm ci --no-audit --no-fund --silent)
