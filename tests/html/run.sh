#!/bin/sh
# HTML output: every page passes the Nu HTML checker (vnu-jar, installed by
# tools/deps.sh into build/tools/) with no error — the fixtures, the sample
# handbook and every corpus law; pages are self-contained; every clause has
# an id and a permalink; document text never becomes markup.
set -u
. "$(dirname "$0")/../lib.sh"
suite html
VNU=${VNU_JAR:-build/tools/node_modules/vnu-jar/build/dist/vnu.jar}
if [ ! -f "$VNU" ] || ! command -v java >/dev/null 2>&1; then
	fail "the Nu HTML checker ($VNU) or java is missing: run tools/deps.sh test"
	suite_end
	exit 1
fi

mkdir -p "$tmp/h"
for f in tests/golden/*.yaml tests/golden/statute.md tests/xref/*.md tests/fmt/law.md rules/handbook.yaml \
	tests/import/*.txt; do
	"$RB" build -f html -o "$tmp/h/" "$f" 2>/dev/null || fail "$f: build -f html failed"
done
corpus_dir html
"$RB" build -f html -o "$tmp/h/" "$SEEDS"/*.txt 2>/dev/null	# books of parts
find "$CORPUS" -name '*.md' | sort | tr '\n' '\0' | xargs -0 "$RB" build -f html -o "$tmp/h/" 2>/dev/null
pages=$(ls "$tmp"/h/*.html | wc -l)
[ "$pages" -ge 48 ] && ok || fail "only $pages pages"

# one checker run over every page: no errors
java -jar "$VNU" --errors-only "$tmp"/h/*.html >"$tmp/vnu" 2>&1
if [ $? -eq 0 ] && [ ! -s "$tmp/vnu" ]; then ok; else
	fail "the Nu HTML checker reports errors"
	head -n 5 "$tmp/vnu"
fi

for p in "$tmp"/h/*.html; do
	name=$(basename "$p" .html)
	# self-contained: no scripts, no external style, image, font or frame
	if grep -qiE '<(script|link|img|iframe|object|embed)[ >]|url\(' "$p"; then
		fail "$name: an external resource"
	else ok; fi
done

p="$tmp/h/statute.html"
grep -q '^<html lang="zh-Hans">' "$p" && ok || fail "statute: lang"
grep -q '<div class="article" id="article-3-1">' "$p" && ok || fail "statute: article id"
grep -q '<a class="label" href="#article-3-1">第三条之一</a>' "$p" && ok || fail "statute: permalink label"
grep -q '<li id="article-3-item-2">' "$p" && ok || fail "statute: item id"
grep -q '<div class="paragraph" id="article-2-paragraph-2">' "$p" &&
	grep -q '<a class="permalink" href="#article-2-paragraph-2">¶</a>' "$p" && ok || fail "statute: 款 permalink"
grep -q '<nav class="toc"' "$p" && grep -q '<a href="#chapter-1">第一章 总　则</a>' "$p" && ok || fail "statute: table of contents"
grep -q '@media print' "$p" && grep -q '@media (max-width' "$p" && ok || fail "statute: print and phone styles"
# every id of the JSON is in the page
"$RB" build -f json -o "$tmp/s.json" tests/golden/statute.md 2>/dev/null
missing=0
for id in $(grep -oE '"id": "[^"]+"' "$tmp/s.json" | sed -E 's/"id": "(.*)"/\1/'); do
	grep -q "id=\"$id\"" "$p" || missing=$((missing + 1))
done
[ "$missing" -eq 0 ] && ok || fail "statute: $missing clause ids missing from the page"
p="$tmp/h/refs.html"
grep -q '<a href="#article-2-item-3" class="ref">第二条第一款第（三）项</a>' "$p" && ok || fail "refs: reference not linked"
grep -q '不包括《中华人民共和国刑法》第二十条' "$p" && ok || fail "refs: external reference changed"
p="$tmp/h/misc.html"
grep -q '&lt;b&gt;標籤&lt;/b&gt;' "$p" && ! grep -q '<b>標籤' "$p" && ok || fail "misc: raw HTML in text became markup"
p="$tmp/h/handbook.html"
[ "$(grep -c '<article class="document"' "$p")" = 3 ] && ok || fail "handbook: three documents"
grep -q '<dt>版本</dt><dd>2026版</dd>' "$p" && ok || fail "handbook: edition on the title page"
grep -q 'id="law-enforcement" lang="zh-Hant"' "$p" && ok || fail "handbook: a document's own lang"
# --unsafe passes raw HTML through
"$RB" build -f html --unsafe -o "$tmp/u.html" tests/golden/misc.yaml 2>/dev/null
grep -q '<b>標籤</b>' "$tmp/u.html" && ok || fail "--unsafe: raw HTML not passed"
# --template DIR replaces the page and the style
mkdir -p "$tmp/tpl"
printf '<!DOCTYPE html><html lang="{{lang}}"><head><meta charset="utf-8"><title>{{title}}</title><style>{{css}}</style></head><body>{{body}}</body></html>\n' >"$tmp/tpl/page.html"
printf 'body { color: red; }\n' >"$tmp/tpl/style.css"
"$RB" build -f html --template "$tmp/tpl" -o "$tmp/t.html" tests/golden/statute.md 2>/dev/null
grep -q '<style>body { color: red; }' "$tmp/t.html" && ! grep -q 'class="toc"' "$tmp/t.html" && grep -q 'id="article-3-1"' "$tmp/t.html" && ok ||
	fail "--template: the page or style was not used"
suite_end
