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
#   chromium             a headless browser that opens published pages (tests/publish.rs)
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends \
    xvfb xauth xdotool x11-utils \
    mesa-vulkan-drivers libgl1-mesa-dri libegl1 libxkbcommon-x11-0 \
    fonts-dejavu-core chromium
