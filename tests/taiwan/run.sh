#!/bin/sh
# Taiwan as published (tests/data/taiwan): each of the 40 laws of the
# official database, in its text layout, as Markdown, and in English
# where there is a translation, loads with exactly the database's
# articles, divisions and lines (項, 款, 目), compared with its JSON by
# compare.py; `check` says nothing about it.  A law that differs for a
# reason in the data is listed in known-differences with that reason
# (lines: the words are exact but not the lines, as where the database
# hard-wraps a 項 and the importer joins it; structure; warnings); a
# listed law that no longer differs is a failure too (the list stays
# true).  Then the fixtures: NAME.md built to JSON gives NAME.expected.
set -u
. "$(dirname "$0")/../lib.sh"
suite taiwan
dir=$(cd "$(dirname "$0")" && pwd)
data="$(pwd)/tests/data/taiwan"
if [ ! -d "$data/json" ]; then
	fail "tests/data/taiwan is missing (run the suites from the top of the checkout)"
	suite_end
	exit 1
fi
command -v python3 >/dev/null 2>&1 || { fail "python3 is needed (tools/deps.sh test)"; suite_end; exit 1; }

known() { # FORM/LAW WHAT: listed as differing?
	grep -q "^$1 $2 " "$dir/known-differences" 2>/dev/null
}

# per form: laws whose articles, divisions, lines are exact, and quiet
for form in text markdown english; do
	case $form in text) ext=txt ;; *) ext=md ;; esac
	arts=0 divs=0 lines=0 words=0 quiet=0 laws=0
	for src in "$data/$form"/*.$ext; do
		law=$(basename "$src" .$ext)
		laws=$((laws + 1))
		"$RB" build -f json -o "$tmp/b.json" "$src" 2>/dev/null
		python3 "$dir/compare.py" "$data/json/$law.json" "$tmp/b.json" \
			$( [ $form = english ] && echo english ) >"$tmp/cmp"
		set -- $(head -n 1 "$tmp/cmp")
		[ "${1:-}" = ok ] && arts=$((arts + 1))
		[ "${2:-}" = ok ] && divs=$((divs + 1))
		[ "${3:-}" = ok ] && lines=$((lines + 1))
		[ "${4:-}" = words-ok ] && words=$((words + 1))
		if [ "${1:-}${2:-}${3:-}" = okokok ]; then
			if known "$form/$law" structure || known "$form/$law" lines; then
				fail "$form/$law is exact now: take it off known-differences"
			else ok; fi
		elif known "$form/$law" lines && [ "${1:-}${2:-}${4:-}" = okokwords-ok ]; then ok
		elif known "$form/$law" structure; then ok
		else fail "$form/$law: $(head -n 1 "$tmp/cmp")"; sed -n '2,4p' "$tmp/cmp"
		fi
		"$RB" check "$src" >/dev/null 2>"$tmp/warn"
		if [ ! -s "$tmp/warn" ]; then
			quiet=$((quiet + 1))
			if known "$form/$law" warnings; then fail "$form/$law is quiet now: take it off known-differences"; else ok; fi
		elif known "$form/$law" warnings; then ok
		else fail "$form/$law: check says $(head -n 1 "$tmp/warn")"
		fi
	done
	echo "taiwan $form: articles exactly $arts/$laws, divisions $divs/$laws, lines $lines/$laws (words $words/$laws), no warnings $quiet/$laws"
done

# fixtures: detection, label styles, insertions, references.  NAME.md
# (or NAME.txt, imported; or NAME.yaml, a handbook) built to JSON gives NAME.expected (positions
# left out); NAME.txt imported gives NAME.import; NAME.renumber and
# NAME.fold are fmt --renumber [--fold-inserts] of NAME.md.
cd "$dir" || exit 1
for f in *.md *.txt *.yaml; do
	[ -e "$f" ] || continue
	name=${f%.*}
	"$RB" build -f json -o "$tmp/got.json" "$f" 2>"$tmp/err"
	positionless "$tmp/got.json" >"$tmp/got"
	cat "$tmp/err" >>"$tmp/got"
	if cmp -s "$tmp/got" "$name.expected"; then ok; else fail "$name: JSON"; diff "$name.expected" "$tmp/got" | head -n 10; fi
	case $f in *.txt)
		"$RB" import -o - "$f" >"$tmp/imported.md" 2>&1
		if cmp -s "$tmp/imported.md" "$name.import"; then ok; else fail "$name: import"; diff "$name.import" "$tmp/imported.md" | head -n 10; fi
		# the canonical Markdown loads to the same tree
		"$RB" build -f json -o "$tmp/md.json" "$tmp/imported.md" 2>/dev/null
		positionless "$tmp/md.json" >"$tmp/md"
		positionless "$tmp/got.json" >"$tmp/txt"
		if cmp -s "$tmp/md" "$tmp/txt"; then ok; else fail "$name: the imported Markdown loads to another tree"; diff "$tmp/txt" "$tmp/md" | head -n 6; fi
	esac
	for mode in renumber fold; do
		[ -e "$name.$mode" ] || continue
		case $mode in renumber) opt="" ;; fold) opt="--fold-inserts" ;; esac
		"$RB" fmt --renumber $opt "$name.md" >"$tmp/got" 2>&1
		if cmp -s "$tmp/got" "$name.$mode"; then ok; else fail "$name: fmt --renumber $opt"; diff "$name.$mode" "$tmp/got" | head -n 10; fi
	done
done
cd - >/dev/null || exit 1
suite_end
