#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 v8scope authors
# SPDX-License-Identifier: MIT
# Generates v8scope's man page and bash completion from the built binary's own --help, at build time, so that
# neither can drift from the options the code accepts:
#   gen-cli-docs.sh V8SCOPE_BINARY OUTDIR VERSION
# walks every command and subcommand (`v8scope CMD... --help`), parses each help text with parsehelp.awk, and
# writes OUTDIR/v8scope.1.gz (the hand-written sections of v8scope.1.in around the generated COMMANDS) and
# OUTDIR/v8scope.bash-completion (subcommands, options and the choices of enumerated options).
set -euo pipefail
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
out=$2
version=$3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
mkdir -p "$out"
work=$(mktemp -d "${TMPDIR:-/tmp}/v8scope-cli-docs.XXXXXX")
trap 'rm -rf "$work"' EXIT
# Run the binary as "v8scope" (CLI11 prints argv[0] in its Usage lines).
ln -s "$bin" "$work/v8scope"

# 1. Every command path, breadth-first; records.tsv gets "PATH<TAB>RECORD" lines.
queue=("")
: > "$work/records.tsv"
while [ ${#queue[@]} -gt 0 ]; do
  path=${queue[0]}
  queue=("${queue[@]:1}")
  # shellcheck disable=SC2086  # path is a space-separated command path
  (cd "$work" && PATH="$work:$PATH" v8scope $path --help) > "$work/help.txt"
  awk -f "$here/parsehelp.awk" "$work/help.txt" > "$work/one.tsv"
  [ -s "$work/one.tsv" ] || { echo "gen-cli-docs: no help parsed for 'v8scope $path'" >&2; exit 1; }
  sed "s|^|$path\t|" "$work/one.tsv" >> "$work/records.tsv"
  while IFS=$'\t' read -r kind name _; do
    [ "$kind" = S ] && queue+=("${path:+$path }$name")
  done < "$work/one.tsv"
done

# 2. The man page.
roff() { # escape text for roff: backslashes, and a leading dot or apostrophe
  sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"
}
opt() { # option names and value for a .TP line: --top UINT -> \-\-top \fIUINT\fR
  local names=$1 value=$2 s="" n
  for n in $names; do s="${s:+$s, }\\fB${n//-/\\-}\\fR"; done
  [ -n "$value" ] && s="$s \\fI$value\\fR"
  printf '%s\n' "$s"
}
{
  sed -e "s/@VERSION@/$version/g" "$here/v8scope.1.in" | sed -n '1,/^@COMMANDS@$/p' | sed '$d'
  echo ".SH COMMANDS"
  cut -f1 "$work/records.tsv" | awk '!seen[$0]++' | while IFS= read -r path; do
    [ -n "$path" ] || continue
    grep -q "^$path	S	" "$work/records.tsv" && group=1 || group=0
    echo ".SS \"v8scope $path\""
    # fields joined by \x1f: read with a tab IFS would merge empty fields
    grep "^$path	[DUPO]	" "$work/records.tsv" | tr '\t' '\037' | while IFS=$'\037' read -r _ kind a b c d e; do
      case $kind in
        D) printf '%s\n' "$a" | roff ;;
        U) printf '.PP\n.B %s\n' "$(printf '%s' "$a" | sed 's/-/\\-/g')" ;;
        P) printf '.TP\n\\fI%s\\fR\n%s\n' "$a" "$(printf '%s' "$c" | roff)" ;;
        O) [ "$a" = "-h --help" ] && continue
           printf '.TP\n%s\n%s%s\n' "$(opt "$a" "$b")" "$(printf '%s' "$e" | roff)" \
             "$([ -n "$d" ] && printf ' (default: %s)' "$d")" ;;
      esac
    done
    if [ $group = 1 ]; then
      printf '.PP\nCommands: %s.\n' "$(grep "^$path	S	" "$work/records.tsv" | cut -f3 | paste -sd, | sed 's/,/, /g')"
    fi
  done
  sed -e "s/@VERSION@/$version/g" "$here/v8scope.1.in" | sed -n '/^@COMMANDS@$/,$p' | sed '1d'
} > "$work/v8scope.1"
gzip -9 -n -c "$work/v8scope.1" > "$out/v8scope.1.gz"

# 3. The bash completion.
{
  echo "# bash completion for v8scope $version: generated from its --help by packaging/cli-docs/gen-cli-docs.sh"
  echo "_v8scope_subcommands() {"
  echo "    case \"\$1\" in"
  awk -F'\t' '$2 == "S" { s[$1] = s[$1] " " $3 } END { for (p in s) printf "        \"%s\") echo \"%s\" ;;\n", p, substr(s[p], 2) }' \
    "$work/records.tsv" | sort
  echo "    esac"
  echo "}"
  echo "_v8scope_options() {"
  echo "    case \"\$1\" in"
  awk -F'\t' '$2 == "O" { o[$1] = o[$1] " " $3 } END { for (p in o) printf "        \"%s\") echo \"%s\" ;;\n", p, substr(o[p], 2) }' \
    "$work/records.tsv" | sort
  echo "    esac"
  echo "}"
  echo "# \"PATH OPTION\" -> the option's choices, or \"-\" when it takes a free value (file, number, text)"
  echo "_v8scope_value() {"
  echo "    case \"\$1\" in"
  awk -F'\t' '$2 == "O" && $4 != "" { n = split($3, names, " "); for (i = 1; i <= n; i++)
      printf "        \"%s %s\") echo \"%s\" ;;\n", $1, names[i], ($5 != "" ? $5 : "-") }' "$work/records.tsv" | sort
  echo "    esac"
  echo "}"
  cat "$here/completion.bash.in"
} > "$out/v8scope.bash-completion"
