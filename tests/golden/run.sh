#!/bin/sh
# Golden tests: tests/golden/NAME.yaml → NAME.json and NAME.txt, compared
# byte for byte.  An expected file is written by hand or reviewed line by
# line before it is committed; never regenerate one to make a test pass.
set -u
BUILD=${BUILD:-build}
RB="$BUILD/rulebook"
dir=tests/golden
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0
for src in "$dir"/*.yaml; do
	name=$(basename "$src" .yaml)
	for fmt in json text; do
		ext=$fmt
		[ "$fmt" = text ] && ext=txt
		want="$dir/$name.$ext"
		[ -f "$want" ] || continue
		n=$((n + 1))
		if ! "$RB" build -f "$fmt" -o "$tmp/$name.$ext" "$src" 2>"$tmp/err"; then
			echo "FAIL golden $name.$ext: build failed"
			cat "$tmp/err"
			failed=$((failed + 1))
		elif ! cmp -s "$want" "$tmp/$name.$ext"; then
			echo "FAIL golden $name.$ext:"
			diff -u "$want" "$tmp/$name.$ext" | head -n 40
			failed=$((failed + 1))
		fi
	done
done
echo "golden: $n tests, $failed failed"
[ "$failed" -eq 0 ]
