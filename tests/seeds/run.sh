#!/bin/sh
# Real numbering defects, cut from the seed compilations (tests/data/seeds) as small Markdown files
# (names replaced): `rulebook check` prints exactly the diagnostics in
# NAME.diag, and the other outputs agree.
set -u
. "$(dirname "$0")/../lib.sh"
suite seeds
dir=$(cd "$(dirname "$0")" && pwd)

cd "$dir" || exit 1
for f in *.md; do
	name=${f%.md}
	"$RB" check "$f" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -eq 0 ] && [ ! -s "$tmp/out" ]; then ok; else fail "$name: exit $rc"; fi
	if cmp -s "$tmp/err" "$name.diag"; then ok; else
		fail "$name: diagnostics differ from $name.diag"
		diff "$name.diag" "$tmp/err" | head -n 8
	fi
	# --werror turns the warnings into exit status 1
	"$RB" check --werror "$f" >/dev/null 2>&1
	if [ $? -eq 1 ]; then ok; else fail "$name: --werror did not exit 1"; fi
	# JSON: the same diagnostics, codes and lines
	"$RB" check --diagnostics json "$f" >"$tmp/json" 2>"$tmp/err"
	sed -E 's/^([^:]*):([0-9]+):([0-9]+): ([a-z]+): (.*) \[([a-z-]+)\]$/{"file": "\1", "line": \2, "column": \3, "severity": "\4", "code": "\6"/; s/^([^:]*):([0-9]+):([0-9]+): note: .*/{"file": "\1", "line": \2, "column": \3, "severity": "note", "code": "note"/' \
		"$name.diag" >"$tmp/want"
	grep -oE '\{"file": [^}]*"code": "[a-z-]+"' "$tmp/json" >"$tmp/got"
	if cmp -s "$tmp/want" "$tmp/got" && [ ! -s "$tmp/err" ]; then ok; else
		fail "$name: JSON diagnostics differ"
		diff "$tmp/want" "$tmp/got" | head -n 6
	fi
	# SARIF: one result per warning, rule id = code
	"$RB" check --diagnostics sarif "$f" >"$tmp/sarif" 2>/dev/null
	want=$(grep -v ': note: ' "$name.diag" | sed -E 's/.*\[([a-z-]+)\]$/\1/' | tr '\n' ' ')
	got=$(grep -oE '"ruleId": "[a-z-]+"' "$tmp/sarif" | sed -E 's/.*"([a-z-]+)"$/\1/' | tr '\n' ' ')
	if [ "$want" = "$got" ]; then ok; else fail "$name: SARIF rule ids '$got', wanted '$want'"; fi
	# build reports the same and still writes its output
	rm -f "$tmp/$name.json"
	"$RB" build -f json -o "$tmp/" "$f" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -eq 0 ] && [ -s "$tmp/$name.json" ] && cmp -s "$tmp/err" "$name.diag"; then ok; else
		fail "$name: build exit $rc, output $(ls "$tmp/$name.json" 2>&1), diagnostics $(head -n 1 "$tmp/err")"
	fi
done

# the clauses around each defect keep their places
"$RB" build -f json -o "$tmp/o.json" 004-out-of-order.md 2>/dev/null
labels=$(grep -oE '"kind": "article", "label": "[^"]*"' "$tmp/o.json" | sed -E 's/.*"([^"]*)"$/\1/' | tr '\n' ' ')
if [ "$labels" = "第一條 第二條 第三條 第四條 第五條 第六條 第七條 第十條 第八條 第九條 第十條 " ]; then ok; else
	fail "004: articles $labels"
fi
"$RB" build -f json -o "$tmp/s.json" 000-lookalike-separator.md 2>/dev/null
items=$(grep -oE '"kind": "item", "label": "[^"]*"' "$tmp/s.json" | sed -E 's/.*"([^"]*)"$/\1/' | tr '\n' ' ')
if [ "$items" = "1、 2、 1) 2) 3、 1) 4、 5、 1) 2) 3) 4) 6、 1) 2) 7、 8、 9、 " ]; then ok; else
	fail "000: items $items"
fi
# SARIF locations are URI references: 刑法.md percent-encoded
cp 004-out-of-order.md "$tmp/纪律 #1.md"
"$RB" check --diagnostics sarif "$tmp/纪律 #1.md" >"$tmp/sarif" 2>/dev/null
if grep -q '"uri": "[^"]*/%E7%BA%AA%E5%BE%8B%20%231.md"' "$tmp/sarif" &&
   grep -q '"columnKind": "unicodeCodePoints"' "$tmp/sarif"; then ok; else
	fail "SARIF uri: $(grep -o '"uri": "[^"]*"' "$tmp/sarif" | head -n 1)"
fi

suite_end
