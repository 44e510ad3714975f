#!/usr/bin/env bash
# Draws the Trellis mark (a cream leaf on a green rounded square with a faint
# lattice) and writes the RGBA PNGs that tauri.conf.json lists in bundle.icon.
# Needs ImageMagick 6 (`convert`). Run it after changing the drawing:
#   scripts/make-icons.sh [OUT_DIR=src-tauri/icons]
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$root/src-tauri/icons}
command -v convert >/dev/null || { echo "make-icons: ImageMagick missing (apt-get install -y imagemagick)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

green='#2f7d5b' lattice='#3e8e69' cream='#f4f1e6'
S=1024 # drawn large, then scaled down for smooth edges

# An opaque green square with a lattice, cut to a rounded square.
convert -size ${S}x${S} "xc:$green" -stroke "$lattice" -strokewidth 16 -fill none \
  -draw "line 40,420 420,40" -draw "line 40,800 800,40" \
  -draw "line 220,984 984,220" -draw "line 600,984 984,600" \
  -draw "line 40,600 424,984" -draw "line 40,220 804,984" \
  -draw "line 220,40 984,804" -draw "line 600,40 984,424" \
  \( -size ${S}x${S} xc:black -fill white -stroke none -draw "roundrectangle 40,40 984,984 200,200" \) \
  -alpha off -compose copy-opacity -composite "$work/background.png"

# A leaf with a midrib, two pairs of veins and a curled stem, tilted 35°.
convert -size ${S}x${S} xc:none \
  -fill "$cream" -stroke none \
  -draw "path 'M 512,170 C 760,300 770,640 512,800 C 254,640 264,300 512,170 Z'" \
  -stroke "$green" -strokewidth 26 -fill none \
  -draw "path 'M 512,300 C 505,450 505,620 512,790'" \
  -strokewidth 18 \
  -draw "line 510,470 612,392" -draw "line 510,470 412,392" \
  -draw "line 510,610 628,530" -draw "line 510,610 396,530" \
  -stroke "$cream" -strokewidth 30 -draw "path 'M 512,790 C 515,840 530,880 560,910'" \
  -background none -distort SRT 35 "$work/leaf.png"

convert "$work/background.png" "$work/leaf.png" -compose over -composite "$work/mark.png"

mkdir -p "$out"
# PNG32: forces RGBA; tauri-build rejects RGB and palette PNGs.
for spec in 32x32.png:32 128x128.png:128 128x128@2x.png:256 icon.png:512; do
  name=${spec%%:*} size=${spec##*:}
  convert "$work/mark.png" -filter Lanczos -resize "${size}x${size}" -strip \
    -define png:exclude-chunks=date,time "PNG32:$out/$name"
  echo "make-icons: $out/$name"
done
