#!/bin/sh
# Trust (issue 23): on real documents every warning is a real defect, named
# once, and every link is right.  Each NAME.md is cut from a real law (or,
# where the collection holds none, written after the one the issue quotes)
# and shows one pattern; NAME.diag is exactly what `rulebook check` should
# print, NAME.refs the target of every reference in the JSON
# ("clause-id text -> target", external references "-> external",
# unresolved "-> none").  Then every law of tests/data/laws: no reference
# links to the clause it stands in unless it names it (本条, 本款), and
# `fmt --renumber` refuses references it could not carry over.
set -u
. "$(dirname "$0")/../lib.sh"
suite trust
dir=$(cd "$(dirname "$0")" && pwd)

# "id text -> target" for each reference of the JSON, in document order
refs_of() { # JSON
	grep '"refs": ' "$1" | sed -E 's/.*"id": "([^"]*)".*"refs": \[([^]]*)\].*/\1 \2/' | sed -E '
		s/\{"text": "([^"]*)", "target": "([^"]*)", "external": false\}(, )?/\1 -> \2\n/g
		s/\{"text": "([^"]*)", "target": null, "external": true\}(, )?/\1 -> external\n/g
		s/\{"text": "([^"]*)", "target": null, "external": false\}(, )?/\1 -> none\n/g' |
		awk 'NF == 0 { next } NF == 4 { id = $1; print; next } NF == 3 { print id, $0 }'
}

root=$(pwd)
cd "$dir" || exit 1
for f in *.md; do
	name=${f%.md}
	"$RB" check "$f" >/dev/null 2>"$tmp/err"
	if cmp -s "$tmp/err" "$name.diag"; then ok; else fail "$f: diagnostics"; diff "$name.diag" "$tmp/err"; fi
	"$RB" build -f json -o "$tmp/$name.json" "$f" 2>/dev/null
	refs_of "$tmp/$name.json" >"$tmp/got"
	if cmp -s "$tmp/got" "$name.refs"; then ok; else fail "$f: references"; diff "$name.refs" "$tmp/got"; fi
done
cd "$root" || exit 1

# fmt --renumber: a reference whose target is duplicated or missing stops it
# (exit 1, each at file:line:col), and the file is left as it was
cp "$dir/renumber.md.in" "$tmp/renumber.md"
"$RB" fmt --renumber -i "$tmp/renumber.md" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 1 ] && cmp -s "$dir/renumber.md.in" "$tmp/renumber.md" &&
	sed "s|$tmp/||" "$tmp/err" | cmp -s - "$dir/renumber.diag.in"; then ok; else
	fail "fmt --renumber with ambiguous and dangling references: exit $rc"
	sed "s|$tmp/||" "$tmp/err" | diff "$dir/renumber.diag.in" -
fi

# every law: no reference links to the clause it stands in, or to a clause
# around it, unless it names it (本条, 本款); from the lead-in (有下列第一项
# 情形的) a reference may name the items below it
corpus_dir trust
selfs=0
for f in $(find "$CORPUS" -name '*.md' | sort) $(find "$SEEDS" -name '*.txt' | sort); do
	"$RB" build -f json -o "$tmp/c.json" "$f" 2>/dev/null
	sh "$dir/selflinks.sh" "$tmp/c.json" >"$tmp/self"
	if [ -s "$tmp/self" ]; then
		selfs=$((selfs + $(wc -l <"$tmp/self")))
		sed "s|^|$(basename "$f"): |" "$tmp/self" | head -n 3
	fi
done
if [ "$selfs" -eq 0 ]; then ok; else fail "$selfs references link to the clause they stand in"; fi
suite_end
