#!/bin/sh
# Golden tests: tests/golden/NAME.yaml or NAME.md → NAME.json, NAME.txt and
# NAME.canon.md (canonical Markdown), compared byte for byte.  An expected file is written by hand or reviewed line by
# line before it is committed; never regenerate one to make a test pass.
set -u
. "$(dirname "$0")/../lib.sh"
BUILD=${BUILD:-build}
RB="$BUILD/rulebook"
dir=tests/golden
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0
for src in "$dir"/*.yaml "$dir"/*.md; do
	case $src in *.canon.md) continue ;; esac
	name=$(basename "$src")
	name=${name%.*}
	for fmt in json text markdown; do
		ext=$fmt
		[ "$fmt" = text ] && ext=txt
		[ "$fmt" = markdown ] && ext=canon.md
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
# The canonical Markdown loads back to the same tree.  misc.yaml places
# clauses after a heading at the heading's own level, which Markdown reads
# as the heading's contents (docs/format.md), so it is left out.
for want in "$dir"/*.canon.md; do
	name=$(basename "$want" .canon.md)
	[ "$name" = misc ] && continue
	n=$((n + 1))
	cp "$want" "$tmp/$name.md"
	"$RB" build -f json -o "$tmp/back.json" "$tmp/$name.md" 2>"$tmp/err"
	positionless "$tmp/back.json" >"$tmp/back.flat"
	positionless "$dir/$name.json" >"$tmp/want.flat"
	if ! cmp -s "$tmp/back.flat" "$tmp/want.flat"; then
		echo "FAIL golden $name.canon.md does not load back to $name.json:"
		diff "$tmp/want.flat" "$tmp/back.flat" | head -n 20
		failed=$((failed + 1))
	fi
done
echo "golden: $n tests, $failed failed"
[ "$failed" -eq 0 ]
