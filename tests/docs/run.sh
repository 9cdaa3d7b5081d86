#!/bin/sh
# docs/diagnostics.md is executable: every ```LANG FILE block is written to
# FILE, every ```console block is run line by line ("$ command", then the
# exact output it must print, stdout and stderr together) in a scratch
# directory, with `rulebook` the binary under test.  Every code the program
# knows has a section and an example.
set -u
. "$(dirname "$0")/../lib.sh"
suite docs
BUILD=${BUILD:-build}
ROOT=$(pwd)
DOC="$ROOT/docs/diagnostics.md"

mkdir "$tmp/bin" "$tmp/work" "$tmp/locales"
ln -s "$ROOT/$BUILD/rulebook" "$tmp/bin/rulebook"
# the examples in Chinese: the build's catalogs, and the locales compiled
# here (the machine need not have them)
for l in zh_CN zh_TW en_US; do
	localedef -i "$l" -f UTF-8 "$tmp/locales/$l.UTF-8" >/dev/null 2>&1 || fail "localedef $l"
done
RULEBOOK_LOCALEDIR="$ROOT/$BUILD/locale"
LOCPATH="$tmp/locales"
export RULEBOOK_LOCALEDIR LOCPATH

# the examples, as files: NNN.sh (command), NNN.want (output), NNN.sec,
# and the input blocks as inputs/NNN.FILE to write before command NNN
awk -v dir="$tmp" '
	function flush() { if (cmd != "") { print want > (dir "/" k ".want"); close(dir "/" k ".want") } cmd = "" }
	/^## / && !inblock { sec = $2 }
	/^```/ && !inblock {
		inblock = 1; kind = ""
		if ($0 ~ /^```console$/) kind = "console"
		else if (NF == 2 && $2 ~ /\./) { kind = "file"; file = $2; nfile++;
			fname = dir "/in." sprintf("%03d", nfile); printf "" > fname }
		next }
	/^```/ && inblock {
		if (kind == "console") flush()
		if (kind == "file") { close(fname); print (k + 1) " " file >> (dir "/files") }
		inblock = 0; next }
	inblock && kind == "file" { print > fname; next }
	inblock && kind == "console" && /^\$ / {
		flush(); k = sprintf("%03d", k + 1); cmd = substr($0, 3); want = ""; first = 1
		print cmd > (dir "/" k ".sh"); close(dir "/" k ".sh")
		print sec > (dir "/" k ".sec"); close(dir "/" k ".sec")
		print sec >> (dir "/examples"); next }
	inblock && kind == "console" { want = first ? $0 : want "\n" $0; first = 0 }
' "$DOC"
# in.NNN belongs before the command numbered in "files" (awk counted k+1)
i=0
[ -f "$tmp/files" ] || : >"$tmp/files"
while read -r before file; do
	i=$((i + 1))
	printf '%s %s %s\n' "$(printf '%03d' "$before")" "$file" "$(printf '%03d' "$i")"
done <"$tmp/files" >"$tmp/plan"

cd "$tmp/work" || exit 1
for c in "$tmp"/[0-9][0-9][0-9].sh; do
	k=$(basename "$c" .sh)
	grep "^$k " "$tmp/plan" | while read -r _ file src; do cp "$tmp/in.$src" "$file"; done
	PATH="$tmp/bin:$PATH" sh "$c" >"$tmp/got" 2>&1
	if [ -z "$(cat "$tmp/$k.want")" ]; then : >"$tmp/want.n"; else cp "$tmp/$k.want" "$tmp/want.n"; fi
	if cmp -s "$tmp/want.n" "$tmp/got"; then ok; else
		fail "$(cat "$tmp/$k.sec"): \$ $(cat "$c")"
		diff "$tmp/want.n" "$tmp/got" | head -n 8 | sed 's/^/    /'
	fi
done
cd "$ROOT" || exit 1

# every code has a section and an example
codes=$("$BUILD/rulebook" check --diagnostics sarif /dev/null 2>/dev/null |
	grep -oE '\{"id": "[a-z-]+"' | sed -E 's/.*"([a-z-]+)"$/\1/')
[ -n "$codes" ] && ok || fail "no rule ids in the SARIF output"
for code in $codes; do
	if grep -q "^## $code (" "$DOC"; then ok; else fail "$code has no section"; fi
	if grep -qx "$code" "$tmp/examples"; then ok; else fail "$code has no example"; fi
done

suite_end
