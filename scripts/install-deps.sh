#!/usr/bin/env bash
# Installs the Debian packages Panelboard builds against, when they are missing:
# libsqlite3-dev (the store) and libcsv-dev (CSV reading).
set -euo pipefail
missing=()
for pkg in libsqlite3-dev libcsv-dev; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing ${missing[*]} ..." >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
