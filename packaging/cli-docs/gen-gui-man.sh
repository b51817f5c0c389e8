#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 v8scope authors
# SPDX-License-Identifier: MIT
# Generates v8scope-gui's man page at build time from the hand-written v8scope-gui.1.in and the built viewer's own
# --help (QCommandLineParser's text, run offscreen), so the OPTIONS section follows the code:
#   gen-gui-man.sh V8SCOPE_GUI_BINARY OUTDIR VERSION      writes OUTDIR/v8scope-gui.1.gz
set -euo pipefail
bin=$1
out=$2
version=$3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
mkdir -p "$out"
# A viewer whose --help fails must not break the build: the page then says so, and the package test fails on it.
help=$(QT_QPA_PLATFORM=offscreen timeout 60 "$bin" --help 2>/dev/null) || {
  echo "gen-gui-man: warning: '$bin --help' failed; the man page lists no options" >&2
  help=""
}
# "  -v, --version  Displays version information." -> .TP entries; continuation lines join the description.
options=$(printf '%s\n' "$help" | awk '
  /^(Options|Arguments):/ { section = 1; next }
  /^[^ ]/ { section = 0 }
  !section || /^$/ { next }
  /^  [^ ]/ {
    line = substr($0, 3)
    if (match(line, /  +/)) { name = substr(line, 1, RSTART - 1); desc = substr(line, RSTART + RLENGTH) }
    else { name = line; desc = "" }
    gsub(/\\/, "\\e", desc); gsub(/-/, "\\-", name)
    printf ".TP\n\\fB%s\\fR\n%s\n", name, desc
    next
  }
  { text = $0; sub(/^ +/, "", text); gsub(/\\/, "\\e", text); print text }
')
if [ -z "$options" ]; then
  echo "gen-gui-man: warning: no options found in '$bin --help'" >&2
  options="Run \\fBv8scope\-gui \-\-help\\fR for the options."
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/v8scope-gui-man.XXXXXX")
trap 'rm -rf "$work"' EXIT
{
  sed -e "s/@VERSION@/$version/g" "$here/v8scope-gui.1.in" | sed -n '1,/^@OPTIONS@$/p' | sed '$d'
  printf '%s\n' "$options"
  sed -e "s/@VERSION@/$version/g" "$here/v8scope-gui.1.in" | sed -n '/^@OPTIONS@$/,$p' | sed '1d'
} > "$work/v8scope-gui.1"
gzip -9 -n -c "$work/v8scope-gui.1" > "$out/v8scope-gui.1.gz"
