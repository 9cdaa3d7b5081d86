#!/bin/sh
# Cross-references (SPEC §6): every form in NAME.md (PRC law, an English
# handbook, a Taiwan statute) resolves to the clause written in
# NAME.expected, with the diagnostics of NAME.diag; the corpus laws resolve at least 99% of their
# internal references; deleting an article that others cite reports
# xref-unresolved at each citing place.
set -u
. "$(dirname "$0")/../lib.sh"
suite xref
dir=$(cd "$(dirname "$0")" && pwd)

# refs of each node as "id text=target ...", from the JSON output
refs_of() { # JSON
	grep '"refs": ' "$1" | sed -E 's/.*"id": "([^"]*)".*"refs": \[([^]]*)\].*/\1 \2/' | sed -E '
		s/\{"text": "([^"]*)", "target": "([^"]*)", "external": false\}(, )?/\1=\2 /g
		s/\{"text": "([^"]*)", "target": null, "external": true\}(, )?/\1=external /g
		s/\{"text": "([^"]*)", "target": null, "external": false\}(, )?/\1=null /g
		s/ +$//'
}

cd "$dir" || exit 1
for f in *.md; do
	name=${f%.md}
	"$RB" build -f json -o "$tmp/$name.json" "$f" 2>"$tmp/err"
	refs_of "$tmp/$name.json" >"$tmp/got"
	if cmp -s "$tmp/got" "$name.expected"; then ok; else fail "$f: references"; diff "$name.expected" "$tmp/got"; fi
	if cmp -s "$tmp/err" "$name.diag"; then ok; else fail "$f: diagnostics"; diff "$name.diag" "$tmp/err"; fi
done
cd - >/dev/null || exit 1

corpus_dir xref
# every corpus law: internal references resolved / recognised
total=0
resolved=0
for f in $(find "$CORPUS" -name '*.md' | sort); do
	"$RB" build -f json -o "$tmp/c.json" "$f" 2>/dev/null
	i=$(grep -o '"external": false' "$tmp/c.json" | wc -l)
	u=$(grep -o '"target": null, "external": false' "$tmp/c.json" | wc -l)
	total=$((total + i))
	resolved=$((resolved + i - u))
done
echo "xref: $resolved of $total internal references in the corpus resolve"
if [ "$total" -ge 500 ] && [ $((resolved * 100)) -ge $((total * 99)) ]; then ok; else
	fail "corpus: $resolved of $total internal references resolve (< 99%)"
fi

# 立法法 without 第十一条: each place citing it is reported
lf=$(find "$CORPUS" -name '立法法*.md' | head -n 1)
art=$(grep -n '^第十一条 ' "$lf" | cut -d: -f1)
awk -v l="$art" 'NR == l { print ""; next } { print }' "$lf" >"$tmp/立法法.md"
"$RB" check "$tmp/立法法.md" 2>&1 | grep 'xref-unresolved' >"$tmp/un"
want=$(grep -n '第十一条' "$lf" | grep -v "^$art:" | cut -d: -f1 | tr '\n' ' ')
got=$(sed -E 's/^[^:]*:([0-9]+):.*/\1/' "$tmp/un" | tr '\n' ' ')
if [ -n "$want" ] && [ "$want" = "$got" ] && ! grep -qv '本法第十一条 refers to no clause: there is no 第十一条' "$tmp/un"; then ok; else
	fail "立法法 without 第十一条: unresolved at lines '$got', citing lines '$want'"
	head -n 3 "$tmp/un"
fi
suite_end
