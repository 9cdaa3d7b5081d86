#!/bin/sh
# The CommonMark spec's 652 examples (tests/data/commonmark/spec.txt, with
# its NOTICE), each the body of a document under a `#` title: canonical
# Markdown means what the input means to cmark (modulo the normalisations
# of docs/format.md; allow.txt lists the examples where it may not, each
# with its reason), is a fixed point of fmt, and every word and link target
# of cmark's rendering is in our HTML and DocBook (tests/tools/cmcheck.py).
set -u
. "$(dirname "$0")/../lib.sh"
suite commonmark
for tool in cmark python3; do
	command -v "$tool" >/dev/null 2>&1 || { fail "$tool missing: run tools/deps.sh test"; suite_end; exit 1; }
done
python3 tests/tools/cmcheck.py "$RB" tests/data/commonmark/spec.txt tests/commonmark/allow.txt \
	"$tmp" >"$tmp/results" || fail "cmcheck.py did not run"
while read -r status num check what; do
	case $status in
	ok) ok ;;
	FAIL) fail "example $num: $check: $(printf '%.300s' "$what")" ;;
	figures) echo "commonmark $num $check $what" ;;
	esac
done <"$tmp/results"
suite_end
