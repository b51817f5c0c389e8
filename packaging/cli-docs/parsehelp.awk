# SPDX-FileCopyrightText: 2026 v8scope authors
# SPDX-License-Identifier: MIT
# Parses one CLI11 --help text (v8scope's) into tab-separated records, one a line:
#   D <description>            the first line
#   U <usage>                  the Usage line, without "Usage: "
#   S <name> <description>     a subcommand
#   P <name> <type> <description>                          a positional argument
#   O <names> <type> <choices> <default> <description>     an option; names "-h --help"; choices "a b c"
# CLI11 prints each entry as two spaces, the name padded to column 30, the description; a name too long for the
# column stands alone and its description follows on lines indented by 30 spaces.
function flush() {
    if (kind == "") return
    if (pending) {
        # no gap and no continuation line: the name filled its column exactly (e.g. "BASE HEAD TEXT x 2 REQUIRED")
        head = substr(raw, 3, 28); desc = substr(raw, 31); sub(/ +$/, "", head); pending = 0
    }
    gsub(/\t/, " ", desc)
    if (kind == "S") {
        printf "S\t%s\t%s\n", head, desc
    } else if (kind == "P") {
        name = head; type = ""
        if (match(head, / (TEXT|UINT|INT|FLOAT)( |$).*/)) { name = substr(head, 1, RSTART - 1); type = substr(head, RSTART + 1) }
        printf "P\t%s\t%s\t%s\n", name, type, desc
    } else {
        split(head, parts, " ")
        names = parts[1]; gsub(/,/, " ", names)
        type = substr(head, length(parts[1]) + 2)
        choices = ""; def = ""
        if (match(type, /value in \{[^}]*\}/)) {
            choices = substr(type, RSTART + 10, RLENGTH - 11); gsub(/->[0-9]+/, "", choices)
        } else if (match(type, /:\{[^}]*\}/)) {
            choices = substr(type, RSTART + 2, RLENGTH - 3)
        }
        gsub(/,/, " ", choices)
        if (match(type, /=[^=\]\}]*$/)) def = substr(type, RSTART + 1)
        shown = type
        if (choices != "") shown = "{" choices "}"
        else if (type ~ /:SIZE/) shown = "SIZE"
        else sub(/=.*$/, "", shown)
        gsub(/ /, "|", shown)
        if (choices == "") sub(/\|\.\.\.$/, " ...", shown)
        printf "O\t%s\t%s\t%s\t%s\t%s\n", names, shown, choices, def, desc
    }
    kind = ""
}
NR == 1 { printf "D\t%s\n", $0; next }
/^Usage: / { flush(); printf "U\t%s\n", substr($0, 8); next }
/^Options:/ { flush(); section = "O"; next }
/^Subcommands:/ { flush(); section = "S"; next }
/^Positionals:/ { flush(); section = "P"; next }
/^$/ { flush(); next }
/^                              / {
    pending = 0
    if (kind != "") { text = $0; sub(/^ +/, "", text); desc = desc (desc == "" ? "" : " ") text }
    next
}
/^  [^ ]/ {
    flush()
    if (section == "") next
    kind = section
    line = substr($0, 3); raw = $0; pending = 0
    if (match(line, /   */)) {
        head = substr(line, 1, RSTART - 1); desc = substr(line, RSTART + RLENGTH)
    } else {
        # either a name too long for its column (its description follows) or one that fills it exactly
        head = line; desc = ""; pending = length($0) > 30
    }
    next
}
END { flush() }
