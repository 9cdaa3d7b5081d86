#!/bin/sh
# Mutation test: each corpus law gets one defect at a time, and `rulebook
# check` must report exactly that defect — its code at its line — and no
# other numbering diagnostic.  Defects: an article deleted, a number
# duplicated, two articles swapped, an item skipped, an item's bracket
# broken, an item in another style (3、 for （三）), a numeral misspelt
# (笫 for 第, 第三十已条, 第三 条).  Lines are replaced, never
# removed, so line numbers stay those of the original file.
set -u
. "$(dirname "$0")/../lib.sh"
BUILD=${BUILD:-build}
RB="$(pwd)/$BUILD/rulebook"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0
LC_ALL=C.UTF-8
export LC_ALL

corpus_dir mutation

NUM='[一二三四五六七八九十百千零〇两]+'
ART="^第${NUM}条 "

# expect FILE CODE LINE WHAT: exactly one numbering diagnostic, CODE at LINE
expect() {
	n=$((n + 1))
	"$RB" check "$1" 2>&1 | grep -F '[numbering-' >"$tmp/diags"
	want="$(basename "$1"):$3:"
	if [ "$(wc -l <"$tmp/diags")" -eq 1 ] && grep -q "$want.*\[$2\]" "$tmp/diags"; then :; else
		failed=$((failed + 1))
		echo "FAIL mutation $4 ($(basename "$1")): wanted $2 at line $3, got:"
		sed 's/^/    /' "$tmp/diags" | head -n 4
	fi
}

# replace FILE LINE TEXT > OUT: the file with line LINE replaced by TEXT
replace() {
	awk -v l="$2" -v t="$3" 'NR == l { print t; next } { print }' "$1"
}

for f in $(find "$CORPUS" -name '*.md' | sort); do
	name=$(basename "$f" .md)
	# only laws that check clean as they are (a reference the law
	# writes wrongly aside: it is no numbering)
	[ -z "$("$RB" check "$f" 2>&1 | grep -v '\[xref-malformed\]$')" ] || continue
	m="$tmp/$name.md"
	# articles: line numbers of single-paragraph articles whose next
	# non-blank line is again an article, and of the article after them
	grep -nE "^第${NUM}条( |之)" "$f" | cut -d: -f1 >"$tmp/arts"
	[ "$(wc -l <"$tmp/arts")" -ge 6 ] || continue
	set -- $(awk -v f="$f" 'NR == FNR { a[++k] = $1; next }
		{ line[FNR] = $0 }
		END { for (i = 2; i + 2 <= k; i++) {
			nb = a[i] + 1; while (line[nb] == "") nb++
			if (nb == a[i + 1] && line[a[i]] !~ /^第[^ ]*条之/ && line[a[i + 1]] !~ /^第[^ ]*条之/ &&
			    line[a[i + 2]] !~ /^第[^ ]*条之/ && line[a[i - 1]] !~ /^第[^ ]*条之/) {
				print a[i - 1], a[i], a[i + 1], a[i + 2]; exit } } }' "$tmp/arts" "$f")
	if [ $# -eq 4 ]; then
		p=$1 a=$2 b=$3 c=$4
		la=$(sed -n "${a}p" "$f" | grep -oE "^第${NUM}条")
		lb=$(sed -n "${b}p" "$f" | grep -oE "^第${NUM}条")
		# delete article a: the gap shows at b
		replace "$f" "$a" "" >"$m"
		expect "$m" numbering-gap "$b" "delete $la"
		# b written with a's number: a duplicate at b
		sed -n "${b}p" "$f" | sed "s/^$lb/$la/" >"$tmp/line"
		replace "$f" "$b" "$(cat "$tmp/line")" >"$m"
		expect "$m" numbering-duplicate "$b" "duplicate $la"
		# a and b swapped: an order error at the second
		replace "$f" "$a" "$(sed -n "${a}p" "$f" | sed "s/^$la/$lb/")" >"$tmp/x"
		replace "$tmp/x" "$b" "$(sed -n "${b}p" "$f" | sed "s/^$lb/$la/")" >"$m"
		expect "$m" numbering-order "$b" "swap $la $lb"
		# 笫 for 第: a numeral diagnostic, and the article still counts
		replace "$f" "$a" "$(sed -n "${a}p" "$f" | sed 's/^第/笫/')" >"$m"
		expect "$m" numbering-numeral "$a" "笫 in $la"
		# a stray character in the numeral (第三十已条)
		replace "$f" "$a" "$(sed -n "${a}p" "$f" | sed 's/^\(第[^ 条]*\)条/\1已条/')" >"$m"
		expect "$m" numbering-numeral "$a" "第…已条 for $la"
		# a space inside the label (第三 条): read as meant, reported once
		replace "$f" "$a" "$(sed -n "${a}p" "$f" | sed 's/^\(第[^ 条]*\)条/\1 条/')" >"$m"
		expect "$m" numbering-numeral "$a" "space inside $la"
		: "$p" "$c"
	fi
	# items: （一）（二）（三） on consecutive paragraphs
	set -- $(grep -nE '^（[一二三]）' "$f" | awk -F: '
		{ l[NR] = $1; t[NR] = substr($2, 1, 9) }
		END { for (i = 1; i + 2 <= NR; i++)
			if (t[i] == "（一）" && t[i + 1] == "（二）" && t[i + 2] == "（三）" &&
			    l[i + 1] == l[i] + 2 && l[i + 2] == l[i + 1] + 2) { print l[i + 1], l[i + 2]; exit } }')
	if [ $# -eq 2 ]; then
		# skip （二）: the gap shows at （三）
		replace "$f" "$1" "" >"$m"
		expect "$m" numbering-gap "$2" "skip （二）"
		# break the bracket of （二）
		replace "$f" "$1" "$(sed -n "${1}p" "$f" | sed 's/^（二）/（二/')" >"$m"
		expect "$m" numbering-separator "$1" "break （二）"
		# （三） written 3、: another style among its siblings
		replace "$f" "$2" "$(sed -n "${2}p" "$f" | sed 's/^（三）/3、/')" >"$m"
		expect "$m" numbering-style "$2" "（三） as 3、"
	fi
done
[ "$n" -ge 150 ] || { failed=$((failed + 1)); echo "FAIL mutation: only $n mutations ran"; }
echo "mutation: $n tests, $failed failed"
[ "$failed" -eq 0 ]
