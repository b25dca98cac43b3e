#!/usr/bin/env bash
# Renders resources/icons/penpal.svg into the PNG sizes the hicolor theme wants
# (resources/icons/hicolor/penpal-<size>.png). Run after changing the SVG; needs librsvg2-bin.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$root/resources/icons/hicolor"
for size in 16 24 32 48 64 128 256 512; do
    rsvg-convert -w "$size" -h "$size" "$root/resources/icons/penpal.svg" \
        -o "$root/resources/icons/hicolor/penpal-$size.png"
done
