#!/bin/sh
# rulebook import (SPEC §3.3): the five compilations in tests/data/seeds
# become Markdown books that load and build; nothing of their content is
# lost but the boilerplate --verbose lists; `check FILE.txt` reports the
# real numbering defects at .txt lines and none of the wrap traps.  Then
# small fixtures for each thing the importer recognises, and its CLI.
set -u
. "$(dirname "$0")/../lib.sh"
suite import
dir=$(cd "$(dirname "$0")" && pwd)
corpus_dir import	# sets SEEDS
ROOT=$(pwd)
TEXTCHECK="$(pwd)/$BUILD/textcheck"
# the character counts below compare its output: without it they would
# compare nothing
[ -x "$TEXTCHECK" ] || { fail "$TEXTCHECK is missing: make check builds it"; suite_end; exit 1; }
RNG=/usr/share/xml/docbook/schema/rng/5.0/docbook.rng

# ---- small fixtures: NAME.txt imports to exactly NAME.md (and --verbose
# lists exactly NAME.dropped), check gives exactly NAME.diag ----
cd "$dir" || exit 1
for f in *.txt; do
	name=${f%.txt}
	"$RB" import -v -o "$tmp/$name.md" "$f" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -eq 0 ] && cmp -s "$tmp/$name.md" "$name.md"; then ok; else
		fail "$name: import exit $rc, Markdown differs from $name.md"
		diff "$name.md" "$tmp/$name.md" | head -n 10
	fi
	grep ': dropped (' "$tmp/err" >"$tmp/dropped"
	if cmp -s "$tmp/dropped" "$name.dropped"; then ok; else
		fail "$name: dropped lines differ from $name.dropped"
		diff "$name.dropped" "$tmp/dropped" | head -n 10
	fi
	"$RB" check "$f" 2>"$tmp/diag"
	if cmp -s "$tmp/diag" "$name.diag"; then ok; else
		fail "$name: check differs from $name.diag"
		diff "$name.diag" "$tmp/diag" | head -n 10
	fi
	# the Markdown written is the Markdown checked: same findings, at
	# lines of the Markdown
	"$RB" check "$tmp/$name.md" 2>"$tmp/mddiag"
	if [ "$(grep -c 'warning\|error' "$tmp/mddiag")" = "$(grep -c 'warning\|error' "$name.diag")" ]; then ok; else
		fail "$name: the Markdown checks differently from the text"
	fi
done

# ---- the seeds ----
# name, regulations, parts, first three titles
cat >"$tmp/expect" <<'LIST'
000_6b37ea9da4b43ee0|63|5|医保管理工作制度|医保办公室工作制度|医保定点医院 医保办主任职责
001_eca4b7a877eda067|21|0|重性精神病管理项目实施方案|管理实施方案|管理实施方案
002_e355b5a284520c85|31|0|1.行政執法責任制|2.依法行政工作規則|3.機關行政工作會議制度
003_972ae1e8f2cbcb0d|33|7|第1篇 機關工作制度|糧食局機關信訪工作制度|第3篇 縣統計局機關工作制度
004_f2a9c6095a57b8c2|89|6|社區黨組織工作制度及職責|社區黨組織委員會的主要工作職責|黨支部委員會的主要工作職責
LIST
while IFS='|' read -r name regs parts t1 t2 t3; do
	txt="$SEEDS/$name.txt"
	md="$tmp/$name.md"
	"$RB" import -v -o "$md" "$txt" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -eq 0 ] && [ -s "$md" ]; then ok; else fail "$name: import exit $rc"; fi
	# builds to every format without an error
	mkdir -p "$tmp/out"
	"$RB" build -f html,docbook,text,json -o "$tmp/out" "$md" 2>"$tmp/berr"
	rc=$?
	if [ "$rc" -eq 0 ] && ! grep -q ' error: ' "$tmp/berr" && [ -s "$tmp/out/$name.html" ] &&
	   [ -s "$tmp/out/$name.xml" ] && [ -s "$tmp/out/$name.txt" ]; then ok; else
		fail "$name: build exit $rc: $(grep ' error: ' "$tmp/berr" | head -n 2)"
	fi
	if [ -f "$RNG" ]; then
		if xmllint --noout --relaxng "$RNG" "$tmp/out/$name.xml" 2>/dev/null; then ok; else
			fail "$name: DocBook does not validate"
		fi
	fi
	# regulations and parts found, and the first titles
	got=$(grep -c '"kind": "document"' "$tmp/out/$name.json")
	if [ "$got" = "$regs" ]; then ok; else fail "$name: $got regulations, expected $regs"; fi
	got=$(grep -c '^# ' "$md")
	if [ "$got" = "$parts" ]; then ok; else fail "$name: $got parts, expected $parts"; fi
	got=$(grep '^## ' "$md" | head -n 3 | sed 's/^## //' | tr '\n' '|')
	if [ "$got" = "$t1|$t2|$t3|" ]; then ok; else fail "$name: first titles $got"; fi
	# no content lost: the ideographs of the text are those of the
	# Markdown plus those of the lines --verbose lists as dropped
	"$TEXTCHECK" --cjk "$txt" | sort >"$tmp/in"
	sed -n 's/^[^:]*:[0-9]*: dropped ([^)]*): //p' "$tmp/err" >"$tmp/dropped.txt"
	# (the book's title: the line it was taken from is listed, or the
	# importer named the book)
	# (a title taken from the regulation's own text is its bare title
	# again, that --verbose names)
	grep -v '^handbook: ' "$md" >"$tmp/body.md"
	sed -n 's/^[^:]*:[0-9]*: title taken from line [0-9]*: \(.*\) (was \(.*\))$/## \1|## \2/p' "$tmp/err" |
	while IFS='|' read -r new was; do
		awk -v n="$new" -v w="$was" '$0 == n && !done { $0 = w; done = 1 } { print }' \
			"$tmp/body.md" >"$tmp/body2.md" && mv "$tmp/body2.md" "$tmp/body.md"
	done
	{ "$TEXTCHECK" --cjk "$tmp/body.md"; "$TEXTCHECK" --cjk "$tmp/dropped.txt"; } | sort >"$tmp/outcjk"
	if cmp -s "$tmp/in" "$tmp/outcjk"; then ok; else
		fail "$name: ideographs differ ($(wc -l <"$tmp/in") in, $(wc -l <"$tmp/outcjk") out and dropped)"
		diff "$tmp/in" "$tmp/outcjk" | head -n 6
	fi
	# what is dropped as contents or a header is no sentence of content
	if grep -E 'dropped \((table of contents|running header|repeated title)\): .*[。；]' "$tmp/err" >"$tmp/bad"; then
		fail "$name: a sentence dropped: $(head -n 1 "$tmp/bad")"
	else ok; fi
	# and in the same order, but for the few lines moved (an institution
	# after its title) and what was dropped
	"$TEXTCHECK" --cjk "$txt" >"$tmp/inseq"
	"$TEXTCHECK" --cjk "$md" >"$tmp/outseq"
	moved=$(diff "$tmp/inseq" "$tmp/outseq" | grep -c '^>')
	if [ "$moved" -le 200 ]; then ok; else fail "$name: $moved ideographs out of order"; fi
	# check on the text: exactly NAME.check (the path as SEED)
	(cd "$SEEDS" && "$RB" check "$name.txt") 2>&1 | sed "s|^$name.txt:|SEED:|" >"$tmp/check"
	if cmp -s "$tmp/check" "$dir/seeds/$name.check"; then ok; else
		fail "$name: check differs from seeds/$name.check"
		diff "$dir/seeds/$name.check" "$tmp/check" | head -n 10
	fi
	# build reads the text as well, with the same findings
	"$RB" build -f json -o "$tmp/direct.json" "$txt" 2>"$tmp/berr"
	if [ $? -eq 0 ] && [ "$(grep -c warning "$tmp/berr")" = "$(grep -c warning "$tmp/check")" ]; then ok; else
		fail "$name: build of the text differs from check"
	fi
done <"$tmp/expect"

# the real defects, each at its line of the text
c0="$dir/seeds/000_6b37ea9da4b43ee0.check"
for want in \
	"000_6b37ea9da4b43ee0|SEED:179:9: warning: 'l' is a letter: did you mean 1)? [numbering-numeral]" \
	"000_6b37ea9da4b43ee0|SEED:187:1: warning: 'l' is a letter: did you mean 1)? [numbering-numeral]" \
	"000_6b37ea9da4b43ee0|SEED:197:1: warning: no separator after 8: did you mean 8、? [numbering-separator]" \
	"002_e355b5a284520c85|SEED:53:1: warning: 第十四條 appears twice [numbering-duplicate]" \
	"003_972ae1e8f2cbcb0d|SEED:177:1: warning: 第五章 appears twice [numbering-duplicate]" \
	"004_f2a9c6095a57b8c2|SEED:763:1: warning: expected 第八條, found 第十條 [numbering-order]" \
	"004_f2a9c6095a57b8c2|SEED:1011:1: warning: two separators after the number in 2.、 [numbering-separator]"
do
	name=${want%%|*}
	line=${want#*|}
	if grep -qxF "$line" "$dir/seeds/$name.check"; then ok; else fail "$name: missing '$line'"; fi
done
# titles said again, named in full by their regulations' openings: 001's
# 6s管理实施方案 and one of its 管理实施方案; no other seed's
"$RB" import -v -o "$tmp/n1.md" "$SEEDS/001_eca4b7a877eda067.txt" 2>&1 >/dev/null |
	sed -n 's/^[^:]*\(:[0-9]*: title taken .*\)/SEED\1/p' >"$tmp/named"
cat >"$tmp/want" <<'LIST'
SEED:963: title taken from line 967: 仟祥煤业6s管理实施方案 (was 6s管理实施方案)
SEED:1285: title taken from line 1287: 丘北县锦屏镇中学校常规管理实施方案 (was 管理实施方案)
LIST
if cmp -s "$tmp/want" "$tmp/named"; then ok; else fail "001: titles taken: $(cat "$tmp/named")"; fi
got=$(grep '^## ' "$tmp/n1.md" | sed -n '16p;21p' | tr '\n' '|')
[ "$got" = "## 仟祥煤业6s管理实施方案|## 丘北县锦屏镇中学校常规管理实施方案|" ] && ok || fail "001: titles $got"
for s in 000_6b37ea9da4b43ee0 002_e355b5a284520c85 003_972ae1e8f2cbcb0d 004_f2a9c6095a57b8c2; do
	if "$RB" import -v -o /dev/null "$SEEDS/$s.txt" 2>&1 | grep -q ': title taken from line '; then
		fail "$s: a title taken from the text"
	else ok; fi
done
# titles said again keep their regulations apart in every output: ids,
# --split's pages, DocBook's xml:id, DOCX's bookmarks are unique
"$RB" build -f html,docbook,docx -o "$tmp/n1/" "$tmp/n1.md" 2>/dev/null
"$RB" build -f html --split -o "$tmp/n1s/" "$tmp/n1.md" 2>/dev/null
dups=$(grep -o ' id="[^"]*"' "$tmp/n1/n1.html" | sort | uniq -d | head -n 3)
[ -z "$dups" ] && ok || fail "001: HTML ids twice: $dups"
dups=$(grep -o 'xml:id="[^"]*"' "$tmp/n1/n1.xml" | sort | uniq -d | head -n 3)
[ -z "$dups" ] && ok || fail "001: DocBook ids twice: $dups"
pages=$(ls "$tmp/n1s/n1" | grep -c '^doc-[0-9]*\.html$')
[ "$pages" = 21 ] && ok || fail "001: $pages pages for 21 regulations"
if command -v unzip >/dev/null; then
	dups=$(unzip -p "$tmp/n1/n1.docx" word/document.xml | grep -o 'w:bookmarkStart [^>]*w:name="[^"]*"' |
		sed 's/.*w:name=//' | sort | uniq -d | head -n 3)
	[ -z "$dups" ] && ok || fail "001: DOCX bookmarks twice: $dups"
fi
# a title said again, or of generic words only (工作制度), takes the name
# its opening makes (制定《…》, a trailing （试行） kept), never one it
# cites (根据《…》, 县教育局印发的《…》); a title of its own (考勤制度) keeps its words
"$RB" import -v -o /dev/null "$dir/titles.txt" 2>&1 | grep ': title taken ' >"$tmp/named"
cat >"$tmp/want" <<LIST
$dir/titles.txt:2: title taken from line 3: 某某学校常规管理实施方案 (was 管理实施方案)
$dir/titles.txt:10: title taken from line 12: 某某中学安全管理实施方案（试行） (was 管理实施方案)
$dir/titles.txt:19: title taken from line 20: 某某学校值班工作制度 (was 工作制度)
LIST
if cmp -s "$tmp/want" "$tmp/named"; then ok; else fail "titles.txt: $(cat "$tmp/named")"; fi
# the wrap traps: joined into the text, and no diagnostic at their lines
(cd "$SEEDS" && "$RB" import -o "$tmp/t0.md" 000_6b37ea9da4b43ee0.txt 2>/dev/null)
(cd "$SEEDS" && "$RB" import -o "$tmp/t3.md" 003_972ae1e8f2cbcb0d.txt 2>/dev/null)
for s in "凡使用二、三线抗菌药物" "《医保定点医院二、三线抗菌药物使用申请表》" "每周三、四下午3:30" \
	"“安全第一、预防为主、综合治理”" "十一、外单位使用场地"; do
	if grep -qF "$s" "$tmp/t0.md"; then ok; else fail "000: trap not joined: $s"; fi
done
if grep -qF "每年6、12月份組織" "$tmp/t3.md"; then ok; else fail "003: trap not joined: 6、12月份"; fi
for at in 199 201 203 987 989 1189 1191 1597 1599; do
	if grep -q "^SEED:$at:" "$c0"; then fail "000: a diagnostic at the wrap trap line $at"; else ok; fi
done
for at in 214 215; do
	if grep -q "^SEED:$at:" "$dir/seeds/003_972ae1e8f2cbcb0d.check"; then
		fail "003: a diagnostic at the wrap trap line $at"
	else ok; fi
done

# ---- the command line ----
cd "$tmp" || exit 1
printf '会议制度\n一、每月召开一次例会。\n二、会议由主任主持。\n' >one.txt
# default: STEM.md in the current directory
rm -f one.md
"$RB" import one.txt 2>/dev/null
if [ -s one.md ] && head -n 1 one.md | grep -qx '# 会议制度'; then ok; else
	fail "import without -o: $(ls one.md 2>&1)"
fi
# -o - is stdout; -o DIR/ a directory, created
if "$RB" import -o - one.txt 2>/dev/null | cmp -s - one.md; then ok; else fail "import -o -"; fi
"$RB" import -o newdir one.txt two.txt 2>/dev/null
rc=$?
if [ "$rc" -eq 2 ] && [ -s newdir/one.md ]; then ok; else fail "import -o DIR with a missing input: exit $rc"; fi
# never over an input
cp one.txt same.txt
"$RB" import -o same.txt same.txt 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 2 ] && cmp -s one.txt same.txt && grep -q 'refusing to overwrite' "$tmp/err"; then ok; else
	fail "import over its input: exit $rc"
fi
# unreadable text: exit 2, nothing written
printf 'a\377b\n' >bad.txt
rm -f bad.md
"$RB" import bad.txt 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 2 ] && [ ! -e bad.md ] && grep -q 'bad.txt:1:2: error: invalid UTF-8' "$tmp/err"; then ok; else
	fail "import of invalid UTF-8: exit $rc, $(cat "$tmp/err")"
fi
# an empty text is an empty book, not an error
: >empty.txt
if "$RB" import -o - empty.txt >/dev/null 2>&1; then ok; else fail "import of an empty text"; fi
# the rules: --print-rules prints the built-in ones; --rules replaces them
if "$RB" import --print-rules | cmp -s - "$ROOT/templates/import-rules"; then ok; else fail "--print-rules"; fi
printf '公司名称\n会议制度\n一、每月召开一次例会。\n' >rules.txt
printf '# mine\ncompany  ^公司名称$\n' >my.rules
"$RB" import -v --rules my.rules -o - rules.txt >"$tmp/rules.md" 2>"$tmp/err"
if grep -q "rules.txt:1: dropped (company): 公司名称" "$tmp/err" && ! grep -q 公司名称 "$tmp/rules.md"; then ok; else
	fail "--rules: $(cat "$tmp/err")"
fi
printf 'broken  ([\n' >bad.rules
"$RB" import --rules bad.rules -o - rules.txt >/dev/null 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 2 ] && grep -q '^bad.rules:1:9: error: bad regular expression' "$tmp/err"; then ok; else
	fail "--rules with a bad expression: exit $rc, $(cat "$tmp/err")"
fi
# check and build take --rules too
"$RB" check --rules my.rules rules.txt 2>"$tmp/err"
if [ $? -eq 0 ] && [ ! -s "$tmp/err" ]; then ok; else fail "check --rules: $(cat "$tmp/err")"; fi
# stdin as text
if printf '会议制度\n一、甲。\n三、乙。\n' | "$RB" check --from txt - 2>&1 |
   grep -q '^-:3:1: warning: expected 二、, found 三、 \[numbering-gap\]'; then ok; else
	fail "check --from txt -"
fi
# the book's title: the compilation's own, without the web page's words;
# --title overrides; a title that only repeats the first part's is none
t0=$("$RB" import -o - "$SEEDS/000_6b37ea9da4b43ee0.txt" 2>/dev/null | sed -n 2p)
[ "$t0" = 'handbook: "规章制度汇编"' ] && ok || fail "000's book title: $t0"
t1=$("$RB" import -o - "$SEEDS/001_eca4b7a877eda067.txt" 2>/dev/null | sed -n 2p)
[ "$t1" = 'handbook: "精神病管理实施方案"' ] && ok || fail "001's book title: $t1"
t2=$("$RB" import --title 某某医院制度汇编 -o - "$SEEDS/000_6b37ea9da4b43ee0.txt" 2>/dev/null | sed -n 2p)
[ "$t2" = 'handbook: "某某医院制度汇编"' ] && ok || fail "--title: $t2"
# punctuation: full-width in Chinese, never in numbers, dates, URLs or
# Latin text (punct.md); --keep-punctuation keeps the text's
"$RB" import --keep-punctuation -o "$tmp/kept.md" "$dir/punct.txt" 2>/dev/null
grep -qF '一、请假须提前申请,经批准后方可离岗;未经批准擅自离岗的,按旷工处理。' "$tmp/kept.md" && ok ||
	fail "--keep-punctuation: $(sed -n 3p "$tmp/kept.md")"
# help
if "$RB" help import | grep -q -- '--rules FILE'; then ok; else fail "help import"; fi

suite_end
