#!/usr/bin/env bash
# Install the Debian packages the tests need, when they are missing:
#   chromium       the browser the Playwright tests drive (never Playwright's own download)
#   poppler-utils  pdftotext and pdftoppm, for checking the printable handbook
#   libpango-1.0-0, libpangoft2-1.0-0, fonts-dejavu-core   what WeasyPrint prints the handbook with
#   graphviz       dot, which draws each case's branch map on the answer sheet (facilitator's edition)
#   default-jre-headless  Java, to run the W3C Nu HTML checker (vnu-jar, from npm) on every built page
set -euo pipefail
need=()
for pkg in libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v dot >/dev/null 2>&1 || need+=(graphviz)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO=sudo; else
    echo "The tests need these Debian packages: ${need[*]}" >&2
    echo "Install them as root:  apt-get update && apt-get install -y ${need[*]}" >&2
    exit 1
  fi
else SUDO=""; fi
echo "Installing ${need[*]} from Debian's packages..."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
