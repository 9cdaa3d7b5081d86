#!/bin/sh
# embed.sh NAME FILE: print a C definition of NAME holding the bytes of FILE
# (NUL-terminated), so the default templates are compiled into the binary.
set -eu
printf '/* generated from %s by tools/embed.sh; do not edit */\n' "$2"
printf 'extern const char %s[];\nconst char %s[] = {\n' "$1" "$1"
od -An -v -tx1 "$2" | sed -e 's/  */ /g' -e 's/^ //' -e 's/\([0-9a-f][0-9a-f]\)/0x\1,/g'
printf '0x00\n};\n'
