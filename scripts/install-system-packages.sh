#!/bin/sh
# System packages briefgen needs, from Debian/Ubuntu: Pango and HarfBuzz's subsetter for
# WeasyPrint (PDF) and fonts; with --test also poppler, qpdf, LibreOffice and Chromium with its
# WebDriver (the review page's browser tests) for the tests.
set -eu
# Fonts: Liberation for Latin, DejaVu for Arabic, Hebrew, Greek and Cyrillic, Droid Sans
# Fallback for Chinese, Japanese and Korean (2 MB), Noto Color Emoji for emoji (10 MB).
packages="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation2 fonts-dejavu-core"
packages="$packages fonts-droid-fallback fonts-noto-color-emoji"
if [ "${1:-}" = "--test" ]; then
  packages="$packages poppler-utils qpdf libreoffice-writer-nogui chromium chromium-driver"
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-system-packages: no apt-get here; install these yourself: $packages" >&2
  exit 0
fi
missing=""
for package in $packages; do
  dpkg -s "$package" >/dev/null 2>&1 || missing="$missing $package"
done
[ -z "$missing" ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
