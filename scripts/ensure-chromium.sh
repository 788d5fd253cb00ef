#!/usr/bin/env bash
# Make sure Debian's Chromium and ChromeDriver are installed for the browser tests; installs
# them from Debian's packages only when /usr/bin/chromium is missing. Safe to run repeatedly.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
    echo "ensure-chromium: $(/usr/bin/chromium --version 2>/dev/null | head -n 1) found"
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "ensure-chromium: run as root or install sudo" >&2; exit 1; }
    SUDO="sudo"
fi
echo "ensure-chromium: installing Debian's chromium and chromium-driver"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
echo "ensure-chromium: $(/usr/bin/chromium --version 2>/dev/null | head -n 1) installed"
