#!/bin/sh
# DocBook output: valid against the official DocBook 5.0 RelaxNG schema
# (docbook5-xml, checked with xmllint), rendered by the standard
# docbook-xsl-ns stylesheets with xsltproc without an error, labels kept.
# Inputs: the golden fixtures, the reference fixtures, the sample handbook
# (a <book>) and every corpus law.
set -u
. "$(dirname "$0")/../lib.sh"
suite docbook
RNG=/usr/share/xml/docbook/schema/rng/5.0/docbook.rng
XSL=/usr/share/xml/docbook/stylesheet/docbook-xsl-ns/html/docbook.xsl
for need in "$RNG" "$XSL"; do
	[ -f "$need" ] || { fail "$need missing: run tools/deps.sh test"; suite_end; exit 1; }
done
for tool in xmllint xsltproc; do
	command -v "$tool" >/dev/null 2>&1 || { fail "$tool missing: run tools/deps.sh test"; suite_end; exit 1; }
done

# valid NAME XML: schema-valid (xml:id unique included) and renders
valid() {
	if xmllint --noout --relaxng "$RNG" "$2" >"$tmp/v.out" 2>&1; then ok; else
		fail "$1: not valid DocBook 5.0"
		grep -v 'validates$' "$tmp/v.out" | head -n 3
	fi
	if xsltproc --nonet --stringparam section.autolabel 1 -o "$tmp/r.html" "$XSL" "$2" >"$tmp/x.out" 2>&1 &&
	   [ ! -s "$tmp/x.out" ] && [ -s "$tmp/r.html" ]; then ok; else
		fail "$1: docbook-xsl-ns does not render it"
		head -n 3 "$tmp/x.out"
	fi
}

for f in tests/golden/*.yaml tests/golden/statute.md tests/xref/*.md tests/fmt/law.md; do
	"$RB" build -f docbook -o "$tmp/one.xml" "$f" 2>/dev/null
	valid "$f" "$tmp/one.xml"
done
"$RB" build -f docbook -o "$tmp/handbook.xml" rules/handbook.yaml
valid handbook "$tmp/handbook.xml"

# what the markup keeps
x="$tmp/s.xml"
"$RB" build -f docbook -o "$x" tests/golden/statute.md 2>/dev/null
grep -q '<section xml:id="article-3-1" label="第三条之一">' "$x" && ok || fail "statute: 第三条之一 section"
grep -q '<term>（一）</term>' "$x" && ok || fail "statute: item label as term"
grep -q '<para xml:id="article-2-paragraph-2">' "$x" && ok || fail "statute: 款 id"
grep -q '<revremark>施行</revremark>' "$x" && ok || fail "statute: history"
"$RB" build -f docbook -o "$x" tests/xref/refs.md 2>/dev/null
grep -q '<link linkend="article-2-item-3">第二条第一款第（三）项</link>' "$x" && ok || fail "refs: reference not linked"
grep -q '不包括《中华人民共和国刑法》第二十条' "$x" && ok || fail "refs: external reference changed"
"$RB" build -f docbook -o "$x" tests/golden/misc.yaml 2>/dev/null
grep -q '&lt;b&gt;標籤&lt;/b&gt;' "$x" && ! grep -q '<b>' "$x" && ok || fail "misc: markup in text not escaped"
h="$tmp/handbook.xml"
grep -q '^<book ' "$h" && [ "$(grep -c '^ <chapter ' "$h")" = 3 ] && ok || fail "handbook: a book of three chapters"
grep -q '<releaseinfo>2026版</releaseinfo>' "$h" && ok || fail "handbook: edition as releaseinfo"
# no whitespace was added inside text
if grep -q '<para>[^<]*$' "$x"; then fail "misc: a paragraph broken across lines"; else ok; fi

# history lines broken over several lines (cut from the real laws): a line
# without a date before <!-- INFO END --> continues the event above it, so
# every <revision> has its <date> and the event keeps its words
for f in tests/docbook/history-issuers.md tests/docbook/history-wrapped.md; do
	"$RB" build -f docbook -o "$tmp/h.xml" "$f" 2>/dev/null
	valid "$f" "$tmp/h.xml"
	dated=$(grep -c '^ *<date>' "$tmp/h.xml")
	revs=$(grep -c '^ *<revision>' "$tmp/h.xml")
	want=$(grep -c '^[0-9]*年' "$f")
	[ "$revs" = "$want" ] && [ "$dated" = "$want" ] && ok ||
		fail "$f: $revs revisions, $dated dated, $want events written"
done
grep -q '<revremark>第十三届全国人民代表大会常务委员会第十二次会议《关于修改〈中华人民共和国土地管理法〉〈中华人民共和国城市房地产管理法〉的决定》第三次修正</revremark>' \
	"$tmp/h.xml" && ok || fail "history-wrapped: the third 修正 not one event"
# 本编 in a part of a code, built as a book: the link's target is the
# document's <chapter>
"$RB" build -f docbook -o "$tmp/code.xml" tests/docbook/code-part.yaml 2>/dev/null
valid code-part "$tmp/code.xml"
grep -q '<chapter xml:id="code-part" ' "$tmp/code.xml" && grep -q '<link linkend="code-part">本编</link>' "$tmp/code.xml" &&
	ok || fail "code-part: 本编 does not link to the document's chapter"

corpus_dir docbook
mkdir -p "$tmp/c"
find "$CORPUS" -name '*.md' | sort | tr '\n' '\0' | xargs -0 "$RB" build -f docbook -o "$tmp/c/" 2>/dev/null
count=0
for f in "$tmp"/c/*.xml; do
	count=$((count + 1))
	valid "$(basename "$f" .xml)" "$f"
done
[ "$count" -eq "$(find "$CORPUS" -name '*.md' | wc -l)" ] && ok || fail "corpus: $count DocBook files"
# 刑法 renders with its labels: 第一百二十条之一 and 第一百九十九条 (删去)
xf="$tmp/c/刑法.xml"
grep -q 'label="第一百二十条之一"' "$xf" && grep -q '<para>（删去）</para>' "$xf" && ok || fail "刑法: labels"
xsltproc --nonet --stringparam section.autolabel 1 -o "$tmp/x.html" "$XSL" "$xf" 2>/dev/null
grep -q '&#31532;&#19968;&#30334;&#20108;&#21313;&#26465;&#20043;&#19968;' "$tmp/x.html" && ok || fail "刑法: 第一百二十条之一 not in the rendered HTML"
suite_end
