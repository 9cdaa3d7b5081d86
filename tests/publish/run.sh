#!/bin/sh
# Publishing: the text handbook of every corpus law and of the sample
# handbook fits the width and keeps the 禁则 rules at 72, 40 and 24
# columns (tests/tools/textcheck); two builds of the handbook in every
# format are byte-identical; a build that fails or is interrupted leaves
# the previous outputs as they were and no temporary file.
set -u
. "$(dirname "$0")/../lib.sh"
suite publish
TC="$(pwd)/$BUILD/textcheck"

corpus_dir publish
for w in 72 40 24; do
	mkdir -p "$tmp/t$w"
	find "$CORPUS" -name '*.md' | sort | tr '\n' '\0' |
		xargs -0 "$RB" build -f text --width "$w" -o "$tmp/t$w/" 2>/dev/null
	"$RB" build -f text --width "$w" -o "$tmp/t$w/" rules/handbook.yaml tests/golden/english.yaml \
		tests/golden/misc.yaml tests/golden/gongwen.yaml 2>/dev/null
	nf=$(ls "$tmp/t$w" | wc -l)
	if "$TC" "$w" "$tmp/t$w"/*.txt >"$tmp/tc" && [ "$nf" -ge 44 ]; then ok; else
		fail "width $w ($nf files): $(head -n 3 "$tmp/tc")"
	fi
done
# the checker itself catches both faults
printf '第一行\n，逗号开头的一行\n' >"$tmp/bad.txt"
"$TC" 40 "$tmp/bad.txt" >/dev/null && fail "textcheck misses a line starting with ，" || ok
printf '%s\n' '这一行超过了二十个显示列的宽度限制' >"$tmp/wide.txt"
"$TC" 20 "$tmp/wide.txt" >/dev/null && fail "textcheck misses a wide line" || ok

# determinism: every format, twice
"$RB" build -f html,docbook,text,json,markdown -o "$tmp/a/" rules/handbook.yaml
"$RB" build -f html,docbook,text,json,markdown -o "$tmp/b/" rules/handbook.yaml
for f in handbook.html handbook.xml handbook.txt handbook.json handbook.md; do
	cmp -s "$tmp/a/$f" "$tmp/b/$f" && [ -s "$tmp/a/$f" ] && ok || fail "two builds differ: $f"
done

# -j: the same files and diagnostics as one at a time
find "$CORPUS" -name '*.md' | sort | tr '\n' '\0' | xargs -0 "$RB" build -o "$tmp/j1/" 2>"$tmp/j1.err"
find "$CORPUS" -name '*.md' | sort | tr '\n' '\0' | xargs -0 "$RB" build -j 8 -o "$tmp/j8/" 2>"$tmp/j8.err"
diff -r "$tmp/j1" "$tmp/j8" >/dev/null && cmp -s "$tmp/j1.err" "$tmp/j8.err" && [ "$(ls "$tmp/j8" | wc -l)" -ge 120 ] && ok ||
	fail "-j 8 builds differ from -j 1"

# a large law's DocBook rendered in parts side by side (-j 2, 3 and 4,
# with one format and with others beside it) is the DocBook of -j 1
sh tests/bench/synth.sh 3000 >"$tmp/synth.md"
"$RB" build -j 1 -f html,docbook,text,json,markdown -o "$tmp/s1/" "$tmp/synth.md" 2>"$tmp/s1.err"
for j in 2 3 4; do
	for f in docbook html,docbook html,docbook,text,json,markdown; do
		rm -rf "$tmp/sj"
		"$RB" build -j $j -f $f -o "$tmp/sj/" "$tmp/synth.md" 2>"$tmp/sj.err"
		for o in "$tmp"/sj/*; do
			cmp -s "$o" "$tmp/s1/$(basename "$o")" || break
		done
		cmp -s "$o" "$tmp/s1/$(basename "$o")" && cmp -s "$tmp/s1.err" "$tmp/sj.err" &&
			[ "$(wc -c <"$tmp/sj/synth.xml")" -gt 1000000 ] && ok ||
			fail "-j $j -f $f: $(basename "$o") differs from -j 1"
	done
done

# a failing build leaves the previous outputs untouched
mkdir -p "$tmp/p"
cp rules/handbook.yaml rules/*.yaml "$tmp/p/" 2>/dev/null
"$RB" build -o "$tmp/out/" "$tmp/p/handbook.yaml" 2>/dev/null
cp -r "$tmp/out" "$tmp/before"
printf 'title: x\nclauses:\n  - kind: artcle\n    text: y\n' >"$tmp/p/attendance-policy.yaml"
"$RB" build -o "$tmp/out/" "$tmp/p/handbook.yaml" 2>/dev/null
[ $? -eq 1 ] && diff -r "$tmp/before" "$tmp/out" >/dev/null && ok || fail "a failing build changed the outputs"

# an interrupted build: the outputs are the old ones or complete new
# ones, never a mix inside a file, and no temporary file is left
{
	echo "title: 长文"
	echo "clauses:"
	i=1
	while [ $i -le 30000 ]; do echo "  - 第$i条的内容，依照本规定第一条处理，参照前款和前条。"; i=$((i + 1)); done
} >"$tmp/big.yaml"
"$RB" build -f html,docbook,text -o "$tmp/big/" "$tmp/big.yaml" 2>/dev/null
for f in big.html big.xml big.txt; do cp "$tmp/big/$f" "$tmp/$f.old"; done
sed 's/的内容/的新内容/' "$tmp/big.yaml" >"$tmp/big2" && mv "$tmp/big2" "$tmp/big.yaml"
# interrupted at several moments: while loading, rendering (the outputs
# are staged in temp files then) and renaming
for delay in 0.02 0.06 0.12 0.2 0.3; do
	"$RB" build -f html,docbook,text -o "$tmp/big/" "$tmp/big.yaml" 2>/dev/null &
	pid=$!
	sleep $delay
	kill -INT "$pid" 2>/dev/null
	wait "$pid"
	rc=$?
	whole=0
	for f in big.html big.xml big.txt; do
		if cmp -s "$tmp/big/$f" "$tmp/$f.old"; then whole=$((whole + 1))
		elif grep -q '的新内容' "$tmp/big/$f" && ! grep -q '条的内容' "$tmp/big/$f"; then whole=$((whole + 1))
		fi
	done
	[ "$whole" -eq 3 ] && ok || fail "build interrupted after $delay s (exit $rc): a file is neither the old nor the new one"
	[ -z "$(ls -A "$tmp/big" | grep -v '^big\.\(html\|xml\|txt\)$')" ] && ok ||
		fail "build interrupted after $delay s: temporary files left: $(ls -A "$tmp/big")"
done
suite_end
