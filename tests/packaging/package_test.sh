#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 v8scope authors
# SPDX-License-Identifier: MIT
# ctest package_debs (label "package"): builds the packages with cpack into a scratch dir, unpacks each with
# dpkg-deb -x and checks what a user gets: the unpacked v8scope runs (--version, a summary of a sample equal to the
# build tree's), the CLI package depends on no Qt library, the GUI package (when built) depends on v8scope and Qt
# and its unpacked v8scope-gui --version runs offscreen, the desktop file, metainfo, MIME types, icons, man pages and
# bash completion are valid, the .tar.gz runs, and lintian reports no error.
#   package_test.sh BUILD_DIR SOURCE_DIR VERSION GUI(ON|OFF)
set -euo pipefail
build=$1 src=$2 version=$3 gui=$4
scratch=$(mktemp -d "${TMPDIR:-/tmp}/v8scope-package-test.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
fails=0
ok() { echo "ok:   $*"; }
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
need() { command -v "$1" >/dev/null || { echo "FAIL: $1 is not installed (bash scripts/setup.sh installs it)"; exit 1; }; }
for t in cpack dpkg-deb dpkg-shlibdeps desktop-file-validate appstreamcli update-mime-database lintian man; do need "$t"; done
sample=$src/sample_profiles/heap/leak_s1.heapsnapshot.gz

# 1. The packages.
cpack --config "$build/CPackConfig.cmake" -B "$scratch/out" > "$scratch/cpack.log" 2>&1 || {
  cat "$scratch/cpack.log"; echo "FAIL: cpack"; exit 1; }
arch=$(dpkg --print-architecture)
cli_deb=$scratch/out/v8scope_${version}_$arch.deb
gui_deb=$scratch/out/v8scope-gui_${version}_$arch.deb
tgz=$(ls "$scratch"/out/v8scope-"$version"-linux-*.tar.gz 2>/dev/null | head -n 1)
[ -f "$cli_deb" ] && ok "built $(basename "$cli_deb") ($(stat -c %s "$cli_deb") bytes)" || fail "no $cli_deb"
[ -n "$tgz" ] && ok "built $(basename "$tgz") ($(stat -c %s "$tgz") bytes)" || fail "no CLI .tar.gz"
if [ "$gui" = ON ]; then
  [ -f "$gui_deb" ] && ok "built $(basename "$gui_deb") ($(stat -c %s "$gui_deb") bytes)" || fail "no $gui_deb"
else
  [ ! -e "$gui_deb" ] && ok "no GUI package (the viewer is not built)" || fail "a GUI package without the viewer"
fi

# 2. The CLI package, unpacked.
root=$scratch/root
dpkg-deb -x "$cli_deb" "$root"
depends=$(dpkg-deb -f "$cli_deb" Depends)
echo "      v8scope Depends: $depends"
if grep -qi 'qt' <<< "$depends"; then fail "the CLI package depends on Qt: $depends"; else ok "CLI Depends names no Qt library"; fi
for field in Section Maintainer Description Homepage; do
  [ -n "$(dpkg-deb -f "$cli_deb" "$field")" ] && ok "v8scope has $field" || fail "v8scope has no $field"
done
[ "$("$root/usr/bin/v8scope" --version)" = "v8scope $version" ] && ok "unpacked v8scope --version" \
  || fail "unpacked v8scope --version: $("$root/usr/bin/v8scope" --version 2>&1)"
if "$root/usr/bin/v8scope" summary --top 10 "$sample" > "$scratch/summary.txt" \
    && "$build/cli/v8scope" summary --top 10 "$sample" | cmp -s - "$scratch/summary.txt" \
    && [ "$(wc -l < "$scratch/summary.txt")" -eq 11 ]; then
  ok "unpacked v8scope summary on $(basename "$sample") equals the build tree's (11 lines)"
else
  fail "unpacked v8scope summary"
fi
[ -s "$root/usr/share/doc/v8scope/copyright" ] && grep -q '^License: Expat' "$root/usr/share/doc/v8scope/copyright" \
  && ok "copyright file (Expat)" || fail "copyright file"

# Man page: no groff warnings (what lintian runs), every subcommand of --help has its section.
for page in "$root"/usr/share/man/man1/*.1.gz; do
  warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z "$page" 2>&1 >/dev/null)
  [ -z "$warnings" ] && ok "man $(basename "$page"): no warnings" || fail "man $(basename "$page"): $warnings"
done
man_text=$(zcat "$root/usr/share/man/man1/v8scope.1.gz")
missing=""
for cmd in $("$root/usr/bin/v8scope" --help | awk '/^Subcommands:/ { s = 1; next } s && /^  [a-z]/ { print $1 }'); do
  grep -q "^\.SS \"v8scope $cmd\"" <<< "$man_text" || missing="$missing $cmd"
done
[ -z "$missing" ] && ok "man page has every subcommand of --help" || fail "man page lacks:$missing"

# Bash completion: what a user gets at TAB.
completion=$root/usr/share/bash-completion/completions/v8scope
complete_words() { # WORD... (the last one is being completed)
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _v8scope; echo "${COMPREPLY[*]}"' \
    _ "$completion" "$@"
}
check_completion() { # EXPECTED WORD...
  local expected=$1 got
  shift
  got=$(complete_words "$@")
  [ "$got" = "$expected" ] && ok "completion of '$*' -> $got" || fail "completion of '$*': '$got', expected '$expected'"
}
check_completion "summary" v8scope su
check_completion "--format" v8scope summary --for
# the formats grow (csv, ...): the completion must offer what --help lists, whatever it is
formats=$("$root/usr/bin/v8scope" summary --help | awk '/^  --format/ { if (match($0, /\{[^}]*\}/)) {
  s = substr($0, RSTART + 1, RLENGTH - 2); gsub(/->[0-9]+/, "", s); gsub(/,/, " ", s); print s } }')
check_completion "$formats" v8scope summary --format ""
check_completion "blocking" v8scope cpu bl
check_completion "function url package category" v8scope cpu top --by ""
check_completion "" v8scope summary --top ""
top_cmds=$("$root/usr/bin/v8scope" --help | awk '/^Subcommands:/ { s = 1; next } s && /^  [a-z]/ { print $1 }' | paste -sd' ')
check_completion "$top_cmds" v8scope ""

# 3. The .tar.gz of the CLI.
mkdir -p "$scratch/tgz"
tar -xzf "$tgz" -C "$scratch/tgz"
[ "$("$scratch"/tgz/*/bin/v8scope --version)" = "v8scope $version" ] && ok "v8scope from the .tar.gz runs" \
  || fail "v8scope from the .tar.gz"

# 4. The GUI package.
if [ "$gui" = ON ] && [ -f "$gui_deb" ]; then
  dpkg-deb -x "$gui_deb" "$root"
  gdepends=$(dpkg-deb -f "$gui_deb" Depends)
  echo "      v8scope-gui Depends: $gdepends"
  grep -q "v8scope (= $version)" <<< "$gdepends" && ok "GUI depends on v8scope (= $version)" || fail "GUI Depends lacks v8scope"
  grep -q 'libqt6widgets6' <<< "$gdepends" && ok "GUI depends on Qt (shlibdeps)" || fail "GUI Depends lacks Qt"
  gv=$(QT_QPA_PLATFORM=offscreen timeout 60 "$root/usr/bin/v8scope-gui" --version 2>/dev/null || true)
  grep -q "$version" <<< "$gv" && ok "unpacked v8scope-gui --version offscreen: $gv" || fail "v8scope-gui --version: '$gv'"
  gui_help=$(QT_QPA_PLATFORM=offscreen timeout 60 "$root/usr/bin/v8scope-gui" --help 2>/dev/null || true)
  gui_man=$(zcat "$root/usr/share/man/man1/v8scope-gui.1.gz")
  missing=""
  for name in $(awk '/^Options:/ { s = 1; next } /^[^ ]/ { s = 0 } s && /^  -/ {
                       for (i = 1; i <= NF && $i ~ /^-/; i++) { sub(/,$/, "", $i); sub(/=.*/, "", $i); print $i } }' \
                  <<< "$gui_help"); do
    grep -qF -- "${name//-/\\-}" <<< "$gui_man" || missing="$missing $name"
  done
  if [ -n "$gui_help" ] && [ -z "$missing" ]; then ok "v8scope-gui man page lists every option of its --help"
  else fail "v8scope-gui man page lacks:${missing:- (no --help)}"; fi
  desktop=$root/usr/share/applications/io.github.v8scope.v8scope.desktop
  out=$(desktop-file-validate "$desktop" 2>&1) && [ -z "$out" ] && ok "desktop-file-validate" || fail "desktop-file-validate: $out"
  out=$(appstreamcli validate --no-net --pedantic "$root/usr/share/metainfo/io.github.v8scope.v8scope.metainfo.xml" 2>&1) \
    && ok "appstreamcli validate: $(tail -n 1 <<< "$out")" || fail "appstreamcli validate: $out"
  mkdir -p "$scratch/mime/packages"
  cp "$root/usr/share/mime/packages/v8scope.xml" "$scratch/mime/packages/"
  out=$(XDG_DATA_DIRS="$scratch:/usr/share" update-mime-database "$scratch/mime" 2>&1) && [ -z "$out" ] \
    && ok "update-mime-database accepts v8scope.xml" || fail "update-mime-database: $out"
  for ext in heapsnapshot heaptimeline cpuprofile heapprofile; do
    grep -q "\*\.$ext" "$scratch/mime/globs2" && ok "MIME glob *.$ext" || fail "no MIME glob for *.$ext"
  done
  for type in heapsnapshot cpuprofile heapprofile; do
    grep -q "application/x-v8-$type" "$scratch/mime/magic" && ok "MIME magic for $type" || fail "no MIME magic for $type"
  done
  grep -q 'MimeType=.*application/x-v8-heapsnapshot' "$desktop" && ok "desktop file opens heap snapshots" \
    || fail "desktop file MimeType"
  [ -f "$root/usr/share/icons/hicolor/scalable/apps/v8scope.svg" ] && ok "scalable icon" || fail "no SVG icon"
  for size in 16 22 24 32 48 64 128 256; do
    png=$root/usr/share/icons/hicolor/${size}x$size/apps/v8scope.png
    # PNG: the IHDR width and height are the big-endian words at bytes 16 and 20.
    dims=$(od -An -tu1 -j16 -N8 "$png" 2>/dev/null | awk '{ print $3 * 256 + $4 "x" $7 * 256 + $8 }')
    [ "$dims" = "${size}x$size" ] && ok "icon ${size}x$size" || fail "icon ${size}x$size: $dims"
  done
fi

# 5. lintian: no errors (warnings and infos are explained in packaging/README.md).
debs=("$cli_deb")
[ -f "$gui_deb" ] && debs+=("$gui_deb")
lintian_out=$(lintian --allow-root "${debs[@]}" 2>&1 || true)
[ -n "$lintian_out" ] && echo "$lintian_out" | sed 's/^/      lintian: /'
if grep -q '^E: ' <<< "$lintian_out"; then fail "lintian reports errors"; else ok "lintian: no errors"; fi

echo "package_test: $fails failed"
[ "$fails" -eq 0 ]
