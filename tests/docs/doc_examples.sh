#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 v8scope authors
# SPDX-License-Identifier: MIT
# ctest doc_examples (label "docs"): keeps the README's and docs/'s examples true to the code.
#  1. Every example marked with a line `<!-- doc-example -->` before its fenced block is run: each `$ COMMAND` line
#     of the block runs (bash, from the source root, `v8scope` on PATH) and the shape of its output (stdout and
#     stderr) is compared with the lines that follow it in the doc: the same first line (spacing aside), the same
#     number of lines, the same number of whitespace-separated fields on each line (a doc line `...` ends the
#     comparison there).
#  2. Every command line of README.md and docs/*.md that starts with `v8scope` (in code), and of the EXAMPLES in
#     the man page's hand-written part (packaging/cli-docs/v8scope.1.in), names an existing command and only
#     options that command's --help lists.
#   doc_examples.sh V8SCOPE_BINARY SOURCE_DIR
set -uo pipefail
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$2
cd "$src" || exit 1
work=$(mktemp -d "${TMPDIR:-/tmp}/v8scope-doc-examples.XXXXXX")
trap 'rm -rf "$work"' EXIT
ln -s "$bin" "$work/v8scope"
export PATH="$work:$PATH"
docs=(README.md docs/*.md)
fails=0 examples=0 lines_checked=0

# 1. Marked examples: awk writes one file per command, $work/ex.N.cmd (the command, "FILE:LINE" on its 2nd
#    line) and $work/ex.N.out (the expected output).
awk -v dir="$work" '
  FNR == 1 { marked = 0; fence = 0 }
  /^<!-- doc-example -->/ { marked = 1; next }
  /^ *```/ {
    if (fence) { fence = 0; marked = 0; next }
    if (marked) { fence = 1 }
    next
  }
  fence && /^\$ / { n++; cmd = dir "/ex." n ".cmd"; out = dir "/ex." n ".out"
                    print substr($0, 3) > cmd; print FILENAME ":" FNR >> cmd; printf "" > out; next }
  fence && n { print >> out }
' "${docs[@]}"
shape() { awk '{ print NF }' "$1" | paste -sd' '; }
for cmd in "$work"/ex.*.cmd; do
  [ -e "$cmd" ] || break
  n=${cmd%.cmd}
  command=$(sed -n 1p "$cmd")
  where=$(sed -n 2p "$cmd")
  examples=$((examples + 1))
  bash -c "$command" > "$n.actual" 2>&1
  expected=$n.out
  if grep -qx '\.\.\.' "$expected"; then
    keep=$(($(grep -nx '\.\.\.' "$expected" | head -n 1 | cut -d: -f1) - 1))
    head -n "$keep" "$expected" > "$n.exp"
    head -n "$keep" "$n.actual" > "$n.act"
  else
    cp "$expected" "$n.exp"
    cp "$n.actual" "$n.act"
  fi
  if [ "$(head -n 1 "$n.exp" | tr -s ' ')" != "$(head -n 1 "$n.act" | tr -s ' ')" ]; then
    echo "FAIL: $where: \$ $command: first line differs"
    echo "      doc:    $(head -n 1 "$n.exp")"
    echo "      actual: $(head -n 1 "$n.act")"
    fails=$((fails + 1))
  elif [ "$(wc -l < "$n.exp")" != "$(wc -l < "$n.act")" ] || [ "$(shape "$n.exp")" != "$(shape "$n.act")" ]; then
    echo "FAIL: $where: \$ $command: output shape differs (lines x fields); actual output:"
    sed 's/^/      /' "$n.actual"
    fails=$((fails + 1))
  else
    echo "ok:   $where: \$ $command ($(wc -l < "$n.exp") lines)"
  fi
done

# 2. Command names and options of every `v8scope ...` line in code.
options_of() { # PATH -> the option names its --help lists, one a line (cached)
  local f="$work/opts.${1// /_}"
  if [ ! -f "$f" ]; then
    # shellcheck disable=SC2086
    v8scope $1 --help 2>/dev/null | awk '/^Options:/ { s = 1; next } /^[^ ]/ { s = 0 }
      s && /^  -/ { n = split($1, a, ","); for (i = 1; i <= n; i++) print a[i] }' > "$f"
  fi
  cat "$f"
}
subcommands_of() { # PATH -> its subcommands
  # shellcheck disable=SC2086
  v8scope $1 --help 2>/dev/null | awk '/^Subcommands:/ { s = 1; next } /^[^ ]/ { s = 0 } s && /^  [a-z]/ { print $1 }'
}
top=$(subcommands_of "")
cpu=$(subcommands_of cpu)
# Lines in fenced or indented code, and inline code spans, that start with "v8scope " or "$ v8scope "; the man
# page's example lines, unescaped, as indented code.
man_in=packaging/cli-docs/v8scope.1.in
sed -n '/^\.SH EXAMPLES/,/^\.SH /{s/\\-/-/g;s/^v8scope /    v8scope /;p}' "$man_in" > "$work/man-examples"
grep -n -E '^(    |\t| *\$ )?v8scope [a-z]|`v8scope [a-z][^`]*`' "${docs[@]}" "$work/man-examples" \
  | sed "s|^$work/man-examples:|$man_in(EXAMPLES):|" > "$work/lines.txt"
while IFS= read -r hit; do
  file=${hit%%:*}; rest=${hit#*:}; line=${rest%%:*}; text=${rest#*:}
  # every "v8scope CMD ..." on the line (inline spans may hold several)
  while IFS= read -r use; do
    [ -n "$use" ] || continue
    read -r -a words <<< "$use"
    path=${words[1]}
    grep -qx -- "$path" <<< "$top" || continue # "v8scope is ..." prose, or a command another page documents
    i=2
    if [ "$path" = cpu ] && [ ${#words[@]} -gt 2 ]; then
      if grep -qx -- "${words[2]}" <<< "$cpu"; then path="cpu ${words[2]}"; i=3; else
        echo "FAIL: $file:$line: 'v8scope cpu ${words[2]}': no such command"; fails=$((fails + 1)); continue; fi
    fi
    opts=$(options_of "$path")
    bad=""
    for ((; i < ${#words[@]}; i++)); do
      w=${words[i]}
      case $w in
        '#'*|'|'*|'>'*|'&&'*|';'*) break ;;   # a comment, pipe, redirection or next command ends this one
        --*) w=${w%%=*}; w=${w%%[\`\),.]*}; grep -qx -- "$w" <<< "$opts" || bad="$bad $w" ;;
      esac
    done
    lines_checked=$((lines_checked + 1))
    if [ -n "$bad" ]; then
      echo "FAIL: $file:$line: 'v8scope $path' has no option:$bad"
      fails=$((fails + 1))
    fi
  done < <(grep -o -E 'v8scope [a-z][^`]*' <<< "$text")
done < "$work/lines.txt"
echo "doc_examples: $examples examples run, $lines_checked command lines checked against --help, $fails failed"
[ "$fails" -eq 0 ]
