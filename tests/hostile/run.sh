#!/bin/sh
# Hostile input: each row is an input nobody should write, the exit status
# and the diagnostic code rulebook must answer with — never a crash, a
# hang, silent data loss or a partial output file.  `make check
# SANITIZE=1` runs this table under ASan+UBSan too.
set -u
. "$(dirname "$0")/../lib.sh"
top=$(pwd)
suite hostile
cd "$tmp" || exit 1

# row DESCRIPTION STATUS CODE|- -- COMMAND...: exit STATUS, CODE in stderr
# ("-": no diagnostic at all), no file left in out/ unless STATUS is 0
row() {
	what=$1 want=$2 code=$3
	shift 4
	rm -rf out
	"$@" >stdout 2>stderr
	rc=$?
	if [ "$rc" -ne "$want" ]; then
		fail "$what: exit $rc, wanted $want: $(head -c 300 stderr)"
	elif [ "$code" = - ] && [ -s stderr ]; then
		fail "$what: unexpected diagnostics: $(head -c 300 stderr)"
	elif [ "$code" != - ] && ! grep -q "\[$code\]" stderr; then
		fail "$what: no [$code] in: $(head -c 300 stderr)"
	elif [ "$want" -ne 0 ] && [ -d out ] && [ -n "$(ls -A out)" ]; then
		fail "$what: output written on failure: $(ls -A out)"
	else
		ok
	fi
}

printf 'title: a\nclauses:\n  - \377\n' >bad-utf8.yaml
row "invalid UTF-8 (YAML)" 2 input-encoding -- "$RB" build -o out bad-utf8.yaml
printf '# a\n\n\300\200 overlong\n' >bad-utf8.md
row "invalid UTF-8 (overlong, Markdown)" 2 input-encoding -- "$RB" build -o out bad-utf8.md
printf 'title: a\0b\n' >nul.yaml
row "NUL byte" 2 input-encoding -- "$RB" build -o out nul.yaml
: >empty.yaml
row "empty YAML file" 2 input-syntax -- "$RB" build -o out empty.yaml
: >empty.md
row "empty Markdown file" 0 - -- "$RB" check empty.md
printf '\357\273\277' >bom.yaml
row "BOM only (YAML)" 2 input-syntax -- "$RB" build -o out bom.yaml
printf '\357\273\277' >bom.md
row "BOM only (Markdown)" 0 - -- "$RB" check bom.md
head -c 50000000 /dev/zero | tr '\0' '.' | sed 's/^/第一条 /' >long.md
row "a 50 MB single line (Markdown)" 0 - -- "$RB" build -f text,json -o out long.md
[ "$(wc -c <out/long.json)" -gt 50000000 ] && ok || fail "the 50 MB line was not kept whole"
{ printf 'title: "'; head -c 50000000 /dev/zero | tr '\0' 'x'; printf '"\n'; } >long.yaml
row "a 50 MB single line (YAML)" 0 - -- "$RB" check long.yaml
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "%*s- x\n", 2 * i, "" }' >deep.md
row "lists nested 10,000 deep (Markdown)" 2 input-depth -- "$RB" build -o out deep.md
awk 'BEGIN { for (i = 0; i < 10000; i++) printf ">"; print " x" }' >quote.md
row "block quotes nested 10,000 deep (Markdown)" 0 - -- "$RB" check quote.md
# without libxml2 (a rulebook whose loader names a library that does not
# exist): HTML and DocBook cannot be written, nothing is, the rest can be
NOXML="$top/$BUILD/rulebook-noxml"
printf 'title: 规定\nclauses:\n  - text: 目的 <b>。\n' >noxml.yaml
row "libxml2 missing: HTML and DocBook" 2 output-write -- "$NOXML" build -f html,json -o out noxml.yaml
row "libxml2 missing: DocBook to standard output" 2 output-write -- "$NOXML" build -f docbook -o - noxml.yaml
row "libxml2 missing: JSON and text" 0 - -- "$NOXML" build -f json,text -o out noxml.yaml
# in a clause's text, rendered: DocBook walked its Markdown by recursion
# and ran out of stack (found by fuzzing)
awk 'BEGIN { print "title: t"; print "clauses:"; printf "  - text: \""; for (i = 0; i < 200000; i++) printf ">"; print " x\"" }' >quotetext.yaml
row "block quotes nested 200,000 deep in a clause's text (YAML), every format" 0 - -- \
	"$RB" build -f html,docbook,text,json,markdown -o out quotetext.yaml
awk 'BEGIN { print "title: t"; printf "clauses: "; for (i = 0; i < 10000; i++) printf "[{text: x, clauses: "; printf "[]"; for (i = 0; i < 10000; i++) printf "}]"; print "" }' >deep.yaml
row "clauses nested 10,000 deep (YAML)" 2 input-depth -- "$RB" build -o out deep.yaml
awk 'BEGIN { print "title: t"; printf "meta: "; for (i = 0; i < 10000; i++) printf "{a: "; printf "x"; for (i = 0; i < 10000; i++) printf "}"; print "" }' >deepmeta.yaml
row "metadata nested 10,000 deep (YAML)" 2 input-depth -- "$RB" build -o out deepmeta.yaml
{
	echo 'title: bomb'
	echo 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'
	echo 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]'
	echo 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]'
	echo 'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]'
	echo 'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]'
	echo 'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]'
	echo 'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]'
	echo 'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]'
	echo 'i: [*h,*h,*h,*h,*h,*h,*h,*h,*h]'
} >bomb.yaml
row "YAML alias bomb" 1 input-value -- "$RB" build -o out bomb.yaml
printf -- '- a\n- b\n' >list.yaml
row "YAML root is a list" 1 input-type -- "$RB" build -o out list.yaml
printf 'just a string\n' >scalar.yaml
row "YAML root is a string" 1 input-type -- "$RB" build -o out scalar.yaml
printf 'title: [1, 2]\nclauses: {a: b}\n' >types.yaml
row "wrong value types" 1 input-type -- "$RB" build -o out types.yaml
# plain text goes through the importer
printf '规定\n\377\n' >bad-utf8.txt
row "invalid UTF-8 (text)" 2 input-encoding -- "$RB" import -o out/ bad-utf8.txt
printf '规定\0\n' >nul.txt
row "NUL byte (text)" 2 input-encoding -- "$RB" build -o out nul.txt
: >empty.txt
row "empty text" 0 - -- "$RB" check empty.txt
printf '\357\273\277' >bom.txt
row "BOM only (text)" 0 - -- "$RB" check bom.txt
{ printf '第一条 '; head -c 50000000 /dev/zero | tr '\0' '.'; echo; } >long.txt
row "a 50 MB single line (text)" 0 - -- "$RB" import -o out/ long.txt
[ "$(wc -c <out/long.md)" -gt 50000000 ] && ok || fail "the 50 MB text line was not kept whole"
awk 'BEGIN { for (i = 0; i < 200000; i++) print "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对" }' >wrapped.txt
row "200,000 lines that each wrap into the next (text)" 0 - -- "$RB" import -o out/ wrapped.txt
awk 'BEGIN { for (i = 0; i < 100000; i++) print "(" i + 1 ")甲;" }' | tr -d '\n' >inline.txt
row "an inline list of 100,000 members (text)" 0 - -- "$RB" check inline.txt
# old Mac line ends: a lone \r ends a line for cmark and libyaml alike,
# so for the line numbers too
printf -- '---\rprofile: cn-law\r---\r# 规定\r\r第一条 甲。\r\r第三条 乙。\r' >cr.md
row "lines ended by a lone CR (Markdown)" 0 numbering-gap -- "$RB" build -f markdown,html,docbook,text,json -o out cr.md
grep -q '^cr.md:8:1: ' stderr && ok || fail "lone CR: line numbers disagree: $(cat stderr)"
grep -q '^第三条 乙。$' out/cr.md && ok || fail "lone CR: clause lost in canonical Markdown"
printf 'title: 规定\rclauses:\r  - 第一条 甲。\r  - 见第三条。\r' >cr.yaml
row "lines ended by a lone CR (YAML)" 0 xref-unresolved -- "$RB" check cr.yaml
grep -q '^cr.yaml:4:6: ' stderr && ok || fail "lone CR (YAML): line numbers disagree: $(cat stderr)"
printf '规定\r\r第一条 甲。\r第三条 乙。\r' >cr.txt
row "lines ended by a lone CR (text)" 0 numbering-gap -- "$RB" check cr.txt
grep -q '^cr.txt:4:1: ' stderr && ok || fail "lone CR (text): line numbers disagree: $(cat stderr)"
printf '# t\n\n第一条 a\n\n第一条 b\n' >dup.md
row "a failing build (--werror) into a new directory" 1 numbering-duplicate -- "$RB" build --werror -o new/sub/ dup.md
[ ! -e new ] && ok || fail "a failing build left the directory it made: $(find new)"
mkdir adir
row "a directory as input" 2 input-unreadable -- "$RB" build -o out adir
printf 'title: t\n' >locked.yaml
chmod 000 locked.yaml
if [ "$(id -u)" -ne 0 ]; then
	row "an unreadable file" 2 input-unreadable -- "$RB" build -o out locked.yaml
fi
chmod 644 locked.yaml
printf 'title: t\nclauses:\n  - a\n' >ok.yaml
mkdir ro
chmod 555 ro
if ! touch ro/probe 2>/dev/null; then
	row "an unwritable output directory" 2 output-write -- "$RB" build -o ro ok.yaml
	[ -z "$(ls -A ro)" ] && ok || fail "files left in ro/"
fi
chmod 755 ro
row "-o names the input" 2 output-write -- "$RB" build -f text -o ok.yaml ok.yaml
grep -q '^title: t$' ok.yaml && ok || fail "the input was overwritten"
if [ -w /dev/full ]; then
	row "a full disk (-o /dev/full)" 2 output-write -- "$RB" build -f text -o /dev/full ok.yaml
fi
# every fuzz seed (crashes found once among them) through the whole
# command line: an answer, never a signal or a hang
for t in markdown yaml text; do
	case $t in markdown) from=md ;; yaml) from=yaml ;; text) from=txt ;; esac
	for f in "$top"/tests/fuzz/$t/*; do
		[ -f "$f" ] || continue
		rm -rf out
		timeout 20 "$RB" build -f html,docbook,text,json,markdown --from $from -o out - \
			<"$f" >/dev/null 2>stderr
		rc=$?
		if [ $rc -gt 2 ]; then
			fail "fuzz seed $t/$(basename "$f"): exit $rc $(head -c 300 stderr)"
		else
			ok
		fi
	done
done
# untrusted sources: each way out of the tree is refused, naming the
# path, and nothing of the file outside reaches the output or the log
mkdir -p secret pr pr/tpl
printf '# 机密\n\n第一条 机密内容。\n\n第三条 缺口。\n' >secret/secret.md
printf 'title: 手册\ndocuments:\n  - ../secret/secret.md\n' >pr/dotdot.yaml
row "manifest: ../ outside the manifest's folder" 2 input-outside -- "$RB" build -f html -o out pr/dotdot.yaml
grep -q "pr/../secret/secret.md\|secret/secret.md" stderr && ok || fail "input-outside does not name the path: $(cat stderr)"
grep -q "numbering-gap" stderr && fail "a diagnostic about the outside file was printed" || ok
printf 'title: 手册\ndocuments:\n  - %s/secret/secret.md\n' "$tmp" >pr/abs.yaml
row "manifest: an absolute path" 2 input-outside -- "$RB" build -f html -o out pr/abs.yaml
ln -s ../secret/secret.md pr/leak.md
row "a symbolic link out of a directory operand" 2 input-outside -- "$RB" build -f html -o out pr
row "check follows the same rule" 2 input-outside -- "$RB" check pr/leak.md
printf 'title: 手册\ndocuments:\n  - leak.md\n' >pr/viaenv.yaml
row "manifest: a symbolic link out" 2 input-outside -- "$RB" check pr/viaenv.yaml
ln -s "$tmp/secret/secret.md" pr/tpl/page.html
printf '# 规定\n\n第一条 正文。\n' >pr/ok.md
row "--template: page.html a link out of the current folder" 2 input-outside -- sh -c "cd pr && \"$RB\" build -f html -o ../out --template tpl ok.md"
grep -q "tpl/page.html" stderr && ok || fail "--template: the path is not named: $(cat stderr)"
printf 'x ^机密$\n' >secret/rules.txt
ln -s ../secret/rules.txt pr/rules.txt
row "--rules: a link out of the current folder" 2 input-outside -- sh -c "cd pr && \"$RB\" check --rules rules.txt ok.md"
row "--allow-outside permits it" 0 numbering-gap -- "$RB" build --allow-outside -f html -o out pr/dotdot.yaml
row "--root DIR permits it" 0 numbering-gap -- "$RB" build --root . -f html -o out pr/dotdot.yaml

# links and headings that would be live markup once rendered: DocBook is
# turned into HTML by docbook-xsl, so a link there must be as safe as ours
{
	printf '# 规定\n\n## <script>alert(1)</script>\n\n'
	printf '第一条 见[甲](javascript:alert(1))、[乙](JavaScript:x)、[丙](<java&#9;script:x>)、'
	printf '[丁](data:text/html;base64,PHNjcmlwdD4=)、[戊]( vbscript:x)、[己](&#106;avascript:x)、'
	printf '[庚](<  JAVASCRIPT&colon;x>)、[辛](file:///etc/passwd)、[安全](https://example.org/a:b)。\n'
} >links.md
row "hostile links and a raw-HTML heading" 0 - -- "$RB" build -f html,docbook -o out links.md
live=$(cat out/links.xml out/links.html | grep -o -E 'href="[^"]*"' | grep -v -E '^href="(#[^"]*|https://example.org/a:b|)"$')
[ -z "$live" ] && ok || fail "a hostile link is live: $live"
for w in 甲 乙 丙 丁 戊 己 庚 辛; do
	grep -q "$w" out/links.xml && grep -q "$w" out/links.html && continue
	fail "the words of a dropped link are lost: $w"
done
ok
grep -q 'xlink:href="https://example.org/a:b"' out/links.xml && ok || fail "a safe link was dropped in DocBook"
grep -q '<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>' out/links.xml && ok ||
	fail "a raw-HTML heading lost its words in DocBook: $(grep -o '<title>[^<]*</title>' out/links.xml | head -3)"
grep -q '<script' out/links.html out/links.xml && fail "live <script> in the output" || ok
printf 'title: "<script>alert(1)</script>"\nclauses:\n  - title: "<img src=x onerror=alert(1)>"\n    text: "[x](vbscript:msgbox(1))"\n' >links.yaml
row "hostile title and link (YAML)" 0 - -- "$RB" build -f html,docbook -o out links.yaml
if grep -i -E 'href="[^"]*script|<script|<img' out/links.xml out/links.html >/dev/null; then
	fail "live markup from a YAML title or link"
else
	ok
fi
grep -c 'alert(1)' out/links.xml | grep -q '^[1-9]' && ok || fail "the YAML titles lost their words in DocBook"
suite_end
