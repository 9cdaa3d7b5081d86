#!/bin/sh
# rulebook fmt --renumber (SPEC §6): the expected files beside the inputs
# were reviewed line by line; 立法法 with a new article near its start
# renumbers every later article and every 本法第N条 that names one.
set -u
. "$(dirname "$0")/../lib.sh"
suite fmt
dir=$(cd "$(dirname "$0")" && pwd)

# same FILE WANT WHAT
same() {
	if cmp -s "$1" "$2"; then ok; else fail "$3"; diff "$2" "$1" | head -n 10; fi
}

cd "$dir" || exit 1
"$RB" fmt --renumber law.md >"$tmp/law.md" 2>"$tmp/conc"
same "$tmp/law.md" law.renumbered.md "law.md renumbered"
same "$tmp/conc" law.concordance "law.md concordance"
"$RB" fmt --renumber --fold-inserts law.md >"$tmp/folded.md" 2>/dev/null
same "$tmp/folded.md" law.folded.md "law.md with insertions folded"
"$RB" fmt --renumber rules.yaml >"$tmp/rules.yaml" 2>"$tmp/conc"
same "$tmp/rules.yaml" rules.renumbered.yaml "rules.yaml renumbered"
same "$tmp/conc" rules.concordance "rules.yaml concordance"
# the results check clean and are fixed points
# (law.md cites its （删去） slot on purpose: that is reported, and kept)
for f in law.renumbered.md law.folded.md rules.renumbered.yaml; do
	out=$("$RB" check "$f" 2>&1 | grep -v 'xref-deleted\]$\|: note: 第.条 （删去） here$')
	if [ -z "$out" ]; then ok; else fail "$f does not check clean: $out"; fi
	"$RB" fmt --renumber --check "$f" 2>"$tmp/err"
	if [ $? -eq 0 ] && [ ! -s "$tmp/err" ]; then ok; else fail "$f: --check is not silent"; fi
done
# --check: exit 1, nothing on stdout, the file untouched
cp law.md "$tmp/c.md"
"$RB" fmt --renumber --check "$tmp/c.md" >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 1 ] && [ ! -s "$tmp/out" ] && grep -q 'c.md: would be renumbered' "$tmp/err" && cmp -s law.md "$tmp/c.md"; then ok; else
	fail "--check on a file that needs renumbering"
fi
# -i edits in place
"$RB" fmt --renumber -i "$tmp/c.md" 2>/dev/null
same "$tmp/c.md" law.renumbered.md "fmt -i"
# a Taiwan statute: 項 are paragraphs and 款 items in the references too
printf -- '---\nprofile: tw-law\n---\n\n# 範例條例\n\n第一條 本條例依某法制定。\n\n第三條 用詞定義如下：\n\n一、甲。\n\n二、乙。\n\n前項第二款之規定，不適用之。\n\n第四條 違反第三條第一項第二款者，依第三條第二項處理。\n' >"$tmp/tw.md"
"$RB" fmt --renumber "$tmp/tw.md" >"$tmp/tw.out" 2>/dev/null
if grep -qx '第三條 違反第二條第一項第二款者，依第二條第二項處理。' "$tmp/tw.out" && grep -qx '第二條 用詞定義如下：' "$tmp/tw.out"; then ok; else
	fail "tw-law renumbering: $(tail -n 1 "$tmp/tw.out")"
fi
# a 公文 list that starts again after the paragraph introducing it is a
# list of its own: it checks clean and is left as it is; with no paragraph
# between the runs it is one list, reported once and made consecutive
printf '# 制度\n\n一、要求\n\n1、甲；\n\n2、乙。\n\n有下列情形之一的：\n\n1、丙；\n\n2、丁。\n' >"$tmp/again.md"
"$RB" fmt --renumber "$tmp/again.md" >"$tmp/again.out" 2>"$tmp/again.err"
if cmp -s "$tmp/again.md" "$tmp/again.out" && [ ! -s "$tmp/again.err" ] &&
   [ -z "$("$RB" check "$tmp/again.md" 2>&1)" ]; then ok; else
	fail "a list started again after its introducing paragraph: $(cat "$tmp/again.err")"
fi
printf '# 制度\n\n一、要求\n\n1、甲；\n\n2、乙；\n\n1、丙；\n\n2、丁；\n\n3、戊。\n' >"$tmp/lost.md"
"$RB" check "$tmp/lost.md" >/dev/null 2>"$tmp/lost.err"
"$RB" fmt --renumber "$tmp/lost.md" >"$tmp/lost.out" 2>/dev/null
if [ "$(grep -c warning "$tmp/lost.err")" = 1 ] &&
   grep -qxF "$tmp/lost.md:9:1: warning: expected 3、, found 1、: the numbering starts again [numbering-order]" "$tmp/lost.err" &&
   grep -qx '5、戊。' "$tmp/lost.out"; then ok; else
	fail "a list started again with no paragraph between: $(cat "$tmp/lost.err")"
fi
# CRLF lines and a byte order mark are kept
sed 's/$/\r/' law.md >"$tmp/crlf.md"
"$RB" fmt --renumber "$tmp/crlf.md" 2>/dev/null >"$tmp/crlf.out"
sed 's/$/\r/' law.renumbered.md >"$tmp/crlf.want"
same "$tmp/crlf.out" "$tmp/crlf.want" "CRLF source"
printf '\357\273\277' | cat - law.md >"$tmp/bom.md"
printf '\357\273\277' | cat - law.renumbered.md >"$tmp/bom.want"
"$RB" fmt --renumber -i "$tmp/bom.md" 2>/dev/null
same "$tmp/bom.md" "$tmp/bom.want" "source with a byte order mark"
# HTML comments stay where they stood (docs/format.md): comments.md has
# them before the title, in the preamble, between and before clauses,
# before a titled clause's text, in list entries, before the signature and
# at the end; comments.formatted.md was reviewed line by line (what
# changes: <!-- INFO END --> before the preamble, an empty line under
# "- 病历").  It is a fixed point.
"$RB" fmt comments.md >"$tmp/comments.md" 2>/dev/null
same "$tmp/comments.md" comments.formatted.md "comments.md: comments kept in place"
"$RB" fmt comments.formatted.md >"$tmp/again.md" 2>/dev/null
same "$tmp/again.md" comments.formatted.md "comments.formatted.md is not a fixed point"
# each <!-- rulebook-disable-next-line CODE --> silences the same clause
# after fmt: the same diagnostics (lines aside), the one not silenced
diags() { "$RB" check "$1" 2>&1 | sed 's/^[^ ]* //' | sort; }
diags comments.md >"$tmp/before"
diags "$tmp/comments.md" >"$tmp/after"
if cmp -s "$tmp/before" "$tmp/after" && [ "$(wc -l <"$tmp/after")" -eq 1 ] &&
   grep -q '第九十九条 .*\[xref-unresolved\]$' "$tmp/after"; then ok; else
	fail "comments.md: diagnostics change through fmt: $(diff "$tmp/before" "$tmp/after" | head -n 5)"
fi
# comments are not content: every other output is what the source gives
# without its comment blocks
awk '/^[ \t]*<!--/ { skip = 1 } !skip { print } skip && /-->/ { skip = 0 }' comments.md >"$tmp/plain.md"
for f in html docbook text json docx; do
	"$RB" build -f $f -o "$tmp/with.$f" comments.md 2>/dev/null
	"$RB" build -f $f -o "$tmp/without.$f" "$tmp/plain.md" 2>/dev/null
	[ -s "$tmp/with.$f" ] || { fail "comments.md: no $f output"; continue; }
	if [ $f = json ]; then
		positionless "$tmp/with.$f" >"$tmp/with.flat"
		positionless "$tmp/without.$f" >"$tmp/without.flat"
		same "$tmp/with.flat" "$tmp/without.flat" "comments.md: its comments change the $f output"
	else
		same "$tmp/with.$f" "$tmp/without.$f" "comments.md: its comments change the $f output"
	fi
done
# YAML: fmt --renumber edits the source, its comments (# rulebook:
# disable=CODE among them) kept as written
printf 'title: 规定\nclauses:\n  - text: 甲。\n    number: 1\n  # rulebook: disable=numbering-gap\n  - text: 乙。\n    number: 3\n  - text: 丙。  # a note\n    number: 4\n' >"$tmp/c.yaml"
"$RB" fmt --renumber "$tmp/c.yaml" >"$tmp/c.out" 2>/dev/null
if grep -qxF '  # rulebook: disable=numbering-gap' "$tmp/c.out" && grep -qxF '  - text: 丙。  # a note' "$tmp/c.out" &&
   grep -qxF '    number: 2' "$tmp/c.out"; then ok; else fail "fmt --renumber of YAML loses a comment: $(cat "$tmp/c.out")"; fi
# usage errors
"$RB" fmt --renumber -i --check law.md >/dev/null 2>&1
if [ $? -eq 2 ]; then ok; else fail "-i with --check is not a usage error"; fi
"$RB" fmt rules.yaml >/dev/null 2>&1
if [ $? -eq 2 ]; then ok; else fail "fmt of YAML without --renumber is not refused"; fi
# an input with an error is not rewritten
printf 'title: t\nclauses: x\n' >"$tmp/bad.yaml"
cp "$tmp/bad.yaml" "$tmp/bad.orig"
"$RB" fmt --renumber -i "$tmp/bad.yaml" >/dev/null 2>"$tmp/err"
if [ $? -eq 1 ] && cmp -s "$tmp/bad.yaml" "$tmp/bad.orig" && grep -q 'input-type' "$tmp/err"; then ok; else
	fail "fmt -i of an input with an error"
fi
cd - >/dev/null || exit 1

corpus_dir fmt
# 立法法 with a new 第四条 after 第三条
lf=$(find "$CORPUS" -name '立法法*.md' | head -n 1)
at=$(grep -n '^第三条 ' "$lf" | cut -d: -f1)
awk -v l="$at" '{ print } NR == l { print ""; print "第四条 新增的条文，适用本法第五条、第十条和《中华人民共和国宪法》第五条。" }' "$lf" >"$tmp/in.md"
"$RB" fmt --renumber "$tmp/in.md" >"$tmp/out.md" 2>"$tmp/conc"
"$RB" build -f json -o "$tmp/a.json" "$lf" 2>/dev/null
"$RB" build -f json -o "$tmp/b.json" "$tmp/out.md" 2>/dev/null
# every article from the old 第四条 on moved by one; the new one is 第四条
grep -oE '"kind": "article", "label": "[^"]*", "number": [0-9]+' "$tmp/a.json" | sed -E 's/.* ([0-9]+)$/\1/' >"$tmp/a.n"
grep -oE '"kind": "article", "label": "[^"]*", "number": [0-9]+' "$tmp/b.json" | sed -E 's/.* ([0-9]+)$/\1/' >"$tmp/b.n"
moved=$(awk 'NR == FNR { a[FNR] = $1; n = FNR; next }
	{ b[FNR] = $1; m = FNR }
	END { if (m != n + 1 || b[4] != 4) { print "count"; exit }
	      for (i = 1; i <= n; i++) { j = i < 4 ? i : i + 1; w = a[i] < 4 ? a[i] : a[i] + 1
	          if (b[j] != w) { print "article " i; exit } } print "ok" }' "$tmp/a.n" "$tmp/b.n")
[ "$moved" = ok ] && ok || fail "立法法: articles did not move by one ($moved)"
# every internal reference names the same clause as before (shifted), and
# external ones are unchanged
refs() { grep -oE '\{"text": "[^"]*", "target": [^,]*, "external": (true|false)\}' "$1"; }
refs "$tmp/a.json" >"$tmp/a.r"
refs "$tmp/b.json" | awk 'NR > 3' >"$tmp/b.r"	# the new article's own three
bad=$(awk 'NR == FNR { a[FNR] = $0; n = FNR; next }
	{ old = a[FNR]
	  if (old ~ /"external": true/) { if ($0 != old) { print FNR; exit } ; next }
	  if (match(old, /"target": "article-[0-9]+/)) {
	      num = substr(old, RSTART + 19, RLENGTH - 19) + 0
	      want = "\"target\": \"article-" (num < 4 ? num : num + 1)
	      if (index($0, want "\"") == 0 && index($0, want "-") == 0) { print FNR ": " old " -> " $0; exit } } }
	END { if (FNR != n) print "count" }' "$tmp/a.r" "$tmp/b.r")
[ -z "$bad" ] && ok || fail "立法法: a reference does not follow its clause: $bad"
# the text is unchanged apart from the numbers of 条 (labels and references)
strip() { sed -E 's/第[一二三四五六七八九十百千零]+条//g' "$1"; }
strip "$tmp/in.md" >"$tmp/a.s"
strip "$tmp/out.md" >"$tmp/b.s"
same "$tmp/b.s" "$tmp/a.s" "立法法: something other than article numbers changed"
if grep -q '《中华人民共和国宪法》第五条' "$tmp/out.md" && grep -q '本法第六条、第十一条' "$tmp/out.md"; then ok; else
	fail "立法法: the new article's references: $(sed -n "$((at + 2))p" "$tmp/out.md")"
fi
out=$("$RB" check "$tmp/out.md" 2>&1)
[ -z "$out" ] && ok || fail "立法法 renumbered does not check clean: $(echo "$out" | head -n 3)"
nconc=$(wc -l <"$tmp/conc")
[ "$nconc" -ge 100 ] && ok || fail "立法法: concordance has $nconc lines"
# every corpus law is a fixed point; with its third article deleted, the
# renumbered law checks clean as the law did, unless the deleted article
# is cited: then renumbering refuses (the citations would fall on its
# successor), lists each citing place and leaves the law as it was
for f in $(find "$CORPUS" -name '*.md' | sort); do
	name=$(basename "$f" .md)
	"$RB" fmt --renumber --check "$f" >/dev/null 2>"$tmp/err"
	if [ $? -eq 0 ] && [ ! -s "$tmp/err" ]; then ok; else fail "$name is not a fixed point: $(head -n 2 "$tmp/err")"; fi
	third=$(grep -nE '^第[一二三四五六七八九十百千零]+条 ' "$f" | sed -n 3p | cut -d: -f1)
	[ -n "$third" ] || continue
	awk -v l="$third" 'NR != l' "$f" >"$tmp/del.md"
	"$RB" fmt --renumber "$tmp/del.md" >"$tmp/ren.md" 2>"$tmp/err"
	rc=$?
	if grep -q 'xref-renumber' "$tmp/err"; then
		cited=$(grep -c 'names no clause \[xref-renumber\]' "$tmp/err")
		if [ "$rc" -eq 1 ] && cmp -s "$tmp/del.md" "$tmp/ren.md" && [ "$cited" -gt 0 ]; then ok; else
			fail "$name without its third article: refused with exit $rc"
		fi
		continue
	fi
	"$RB" check "$f" 2>&1 | sed 's/^[^ ]* //' >"$tmp/known"
	out=$("$RB" check "$tmp/ren.md" 2>&1 | grep -v ': note: ' | sed 's/^[^ ]* //' | grep -vxFf "$tmp/known")
	if [ -z "$out" ]; then ok; else fail "$name without its third article, renumbered: $(echo "$out" | head -n 2)"; fi
done
# what the source silences inline, fmt does not say either
printf '# 规定\n\n第一条 甲。\n\n<!-- rulebook-disable-next-line xref-unresolved -->\n第二条 依照本规定第九条执行。\n\n第三条 依照本规定第八条执行。\n' >"$tmp/quiet.md"
"$RB" fmt "$tmp/quiet.md" >/dev/null 2>"$tmp/err"
[ "$(sed 's/^[^ ]* //' "$tmp/err")" = "warning: 本规定第八条 refers to no clause: there is no 第八条 [xref-unresolved]" ] && ok ||
	fail "fmt and an inline suppression: $(cat "$tmp/err")"
# what rulebook.yaml makes an error fmt still formats (it changes no
# content), and says as the warning it is; what it turns off, fmt does not say
mkdir -p "$tmp/proj"
printf 'error: [xref-unresolved]\ndisable: [numbering-gap]\n' >"$tmp/proj/rulebook.yaml"
printf '# 规定\n\n第一条 依照本规定第九条执行。\n\n第三条 甲。\n' >"$tmp/proj/p.md"
"$RB" fmt "$tmp/proj/p.md" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 0 ] && grep -q '^第一条 依照本规定第九条执行。$' "$tmp/out" &&
	[ "$(sed 's/^[^ ]* //' "$tmp/err")" = "warning: 本规定第九条 refers to no clause: there is no 第九条 [xref-unresolved]" ] && ok ||
	fail "fmt under a rulebook.yaml with error: and disable: (exit $rc): $(cat "$tmp/err")"
# a comment inside a quote keeps the quote one (cmark's own Markdown
# leaves the line after it without its '>')
printf '# 规定\n\n第一条 甲。\n\n> 引文\n> <!-- c -->\n> 乙\n' >"$tmp/bq.md"
"$RB" fmt "$tmp/bq.md" >"$tmp/bq2.md" 2>/dev/null
"$RB" build -f html -o "$tmp/bq.html" "$tmp/bq2.md" 2>/dev/null
[ "$(grep -c '<blockquote>' "$tmp/bq.html")" -eq 1 ] && grep -qx '> 乙' "$tmp/bq2.md" &&
	! sed -n '/^> 引文/,/^> 乙/p' "$tmp/bq2.md" | grep -qx '' && ok ||
	fail "a comment in a quote: $(cat "$tmp/bq2.md")"
# a Taiwanese statute: fmt keeps a space after 第 4 條 (written glued,
# 第 4 條前條之規定 no longer reads as article 4) and its diagnostics
ntw=0
for f in tests/taiwan/renumber.md tests/data/taiwan/markdown/*.md; do
	ntw=$((ntw + 1))
	"$RB" fmt "$f" >"$tmp/tw.md" 2>/dev/null
	"$RB" check "$f" 2>&1 | sed 's/^[^ ]* //' >"$tmp/tw.before"
	"$RB" check "$tmp/tw.md" 2>&1 | sed 's/^[^ ]* //' >"$tmp/tw.after"
	cmp -s "$tmp/tw.before" "$tmp/tw.after" && ok ||
		fail "fmt changed what check says of $(basename "$f"): $(diff "$tmp/tw.before" "$tmp/tw.after" | head -n 3)"
done
[ "$ntw" -eq 41 ] && ok || fail "$ntw Taiwanese statutes formatted, not 41"
suite_end
