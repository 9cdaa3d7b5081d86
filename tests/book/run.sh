#!/bin/sh
# Handbooks and their metadata (SPEC §3.4): the language and profile each
# document keeps inside a manifest, the book's own keys (history,
# preamble, cover, closing), dates, and the labels every format uses.
set -u
. "$(dirname "$0")/../lib.sh"
suite book
HERE=$(cd "$(dirname "$0")" && pwd)
RNG=/usr/share/xml/docbook/schema/rng/5.0/docbook.rng

# build DESCRIPTION FORMAT INPUT: exit 0, output in $tmp/out (a directory
# for several formats), messages in $tmp/err
build() {
	rm -rf "$tmp/out"
	o="$tmp/out"
	case $2 in *,*) o="$tmp/out/" ;; esac
	if "$RB" build -f "$2" -o "$o" "$3" 2>"$tmp/err"; then ok; else
		fail "$1: exit $?: $(head -c 300 "$tmp/err")"
	fi
}
has() { # has DESCRIPTION FILE TEXT
	if grep -qF -- "$3" "$2"; then ok; else fail "$1: '$3' not in: $(head -c 400 "$2")"; fi
}
hasnt() { # hasnt DESCRIPTION FILE TEXT
	if grep -qF -- "$3" "$2"; then fail "$1: '$3' in: $(grep -F -- "$3" "$2" | head -c 300)"; else ok; fi
}

cd "$tmp" || exit 1
cp "$HERE"/*.yaml "$HERE"/*.md "$HERE"/*.png . 2>/dev/null
cp -R "$HERE/stems" .

# an English policy alone, and inside a Chinese handbook: en, en-handbook
# (lang: en and no profile: an English handbook's numbering)
build "English policy alone" json en-policy.yaml
has "English YAML policy alone is English" out '"lang": "en", "profile": "en-handbook"'
build "Chinese handbook with an English policy" json zh-book.yaml
has "the book stays Chinese" out '"kind": "book", "title": "某某医院员工手册", "meta": {}, "source": "zh-book.yaml", "lang": "zh-Hans"'
[ "$(grep -c '"lang": "en", "profile": "en-handbook"' out)" -eq 2 ] && ok ||
	fail "the English YAML and Markdown policies lost en/en-handbook in the handbook: $(grep -o '"lang": "[^"]*", "profile": "[^"]*"' out | tr '\n' ' ')"
build "Chinese handbook, text" text zh-book.yaml
has "English policy's text says Effective" out 'Effective: 2026-03-01'
has "English policy's text says Version" out 'Version: 1.0'
has "the Chinese document keeps its labels" out '施行日期：2026年3月1日'
has "a Chinese book has 目录" out '目　录'
# a handbook of English documents is an English book
build "English handbook" text en-book.yaml
has "English book: Contents" out 'Contents'
hasnt "English book: no 目录" out '目　录'
build "English handbook, HTML" html en-book.yaml
has "English book: html lang en" out '<html lang="en"'
hasnt "English book: no 目录 in HTML" out '目录'
# the manifest's profile, when stated, is every unstated document's
build "manifest profile" json stated-profile.yaml
[ "$(grep -c '"profile": "cn-gongwen"' out)" -ge 2 ] && ok || fail "the manifest's profile was not given to its documents"

# one set of labels: 施行日期 in text as in HTML; adopted shown everywhere
build "adopted and effective" html,text,docbook adopted.yaml
has "text: 通过日期" out/adopted.txt '通过日期：2026年2月1日'
has "text: 施行日期" out/adopted.txt '施行日期：2026年3月1日'
hasnt "text: no 生效日期" out/adopted.txt '生效日期'
has "HTML: 通过日期" out/adopted.html '<dt>通过日期</dt><dd><time datetime="2026-02-01">2026年2月1日</time></dd>'
has "HTML: 施行日期" out/adopted.html '<dt>施行日期</dt>'
has "DocBook: adopted" out/adopted.xml '<date role="adopted">2026-02-01</date>'

# the manifest's own keys: history, preamble, cover (with a logo), closing
build "a full manifest" html,text,docbook,json,markdown full-book.yaml
has "HTML: the logo embedded" out/full-book.html '<p class="logo"><img alt="" src="data:image/png;base64,iVBORw0KGgo'
has "HTML: cover subtitle" out/full-book.html '<p class="subtitle">行政管理分册</p>'
has "HTML: cover issuer" out/full-book.html '<p class="cover-issuer">某某医院办公室</p>'
has "HTML: cover date" out/full-book.html '<p class="cover-date"><time datetime="2026-03-01">2026年3月1日</time></p>'
has "HTML: book history" out/full-book.html '<li><time datetime="2026-02-20">2026年2月20日</time> 院长办公会审议通过</li>'
has "HTML: 前言" out/full-book.html '<section class="preamble foreword">'
# the 落款 as GB/T 9704-2012 7.3.5.1 sets it: the date four characters in,
# the signature centred over it (tests/print measures it)
has "HTML: the book's closing" out/full-book.html '<div class="closing">'
has "HTML: the book's closing signature" out/full-book.html '<p class="closing signature">某某医院办公室</p>'
has "HTML: the book's closing date" out/full-book.html '<p class="closing date"><time datetime="2026-03-01">2026年3月1日</time></p>'
has "HTML: a document's closing, its lines together" out/full-book.html '<div class="closing-lines">'
has "HTML: a document's closing date" out/full-book.html '<p class="closing date"><a class="permalink" href="#signed-paragraph-3">¶</a>2026年3月1日</p>'
has "HTML: a YAML document's closing" out/full-book.html '<p class="closing signature"><a class="permalink" href="#signed-paragraph-2">¶</a>某某医院</p>'
has "HTML: a Markdown document's closing" out/full-book.html '¶</a>某某医院办公室</p>'
has "text: 前言" out/full-book.txt '前　言'
has "text: a date written 2026年3月1日 is kept as one" out/full-book.txt '施行日期：2026年3月1日'
has "text: history" out/full-book.txt '2026年2月20日　院长办公会审议通过'
has "text: closing right-aligned" out/full-book.txt '                                                        某某医院'
has "DocBook: the book's closing is a colophon" out/full-book.xml '<colophon>'
has "DocBook: a document's closing" out/full-book.xml 'role="closing">某某医院</para>'
has "DocBook: history dated" out/full-book.xml '<date>2026-02-20</date>'
has "JSON: dates stored ISO" out/full-book.json '"effective": "2026-03-01", "adopted": "2026-02-20"'
has "JSON: the cover" out/full-book.json '"cover": {"subtitle": "行政管理分册", "issuer": "某某医院办公室", "date": "2026-03-01", "logo": "logo.png"}'
has "JSON: the closing" out/full-book.json '"closing": {"signature": "某某医院办公室", "date": "2026-03-01"}'
if [ -f /usr/share/xml/docbook/schema/rng/5.0/docbook.rng ]; then
	xmllint --noout --relaxng /usr/share/xml/docbook/schema/rng/5.0/docbook.rng out/full-book.xml 2>"$tmp/v" && ok ||
		fail "the full book's DocBook is not valid: $(head -c 300 "$tmp/v")"
fi
# the canonical Markdown keeps the book's keys and preamble and loads back
# (a document's own keys have no place in a book in one file: the title
# page and contents are compared)
"$RB" build -f text -o back.txt out/full-book.md 2>"$tmp/err"
sed '/^====/q' back.txt >back.head
sed '/^====/q' out/full-book.txt >want.head
cmp -s back.head want.head && ok ||
	fail "the book's canonical Markdown does not give the same title page: $(diff want.head back.head | head -c 400)"
tail -n 3 back.txt >back.tail
tail -n 3 out/full-book.txt >want.tail
cmp -s back.tail want.tail && ok || fail "the book's closing is lost in its canonical Markdown"
# the logo must be an image inside the manifest's folder
"$RB" check logo-outside.yaml 2>"$tmp/err"
has "a logo outside the manifest's folder is refused" "$tmp/err" "3:9: error: the logo must be a file inside the manifest's folder"
"$RB" check logo-bad.yaml 2>"$tmp/err"
has "a logo that is no image is refused" "$tmp/err" "is not a PNG or JPEG image"
"$RB" check bad-date.yaml 2>"$tmp/err"
has "a date that does not exist" "$tmp/err" "2:12: error: 'effective' must be a date as YYYY-MM-DD or 2026年3月1日"
# a full-width colon: said at its own line
"$RB" check colon.yaml 2>"$tmp/err"
has "full-width colon after a key" "$tmp/err" "colon.yaml:1:6: error: YAML: a key ends with a full-width colon '：'; did you mean ':'?"
hasnt "not libyaml's complaint" "$tmp/err" "mapping values are not allowed"
"$RB" check colon-clause.yaml 2>"$tmp/err"
has "full-width colon where YAML sees text" "$tmp/err" "colon-clause.yaml:3:9: error: 'text' is followed by a full-width colon"

# the pages pass the Nu HTML checker (logo, cover, 前言, closings)
VNU=${VNU_JAR:-$HERE/../../build/tools/node_modules/vnu-jar/build/dist/vnu.jar}
if [ -f "$VNU" ] && command -v java >/dev/null; then
	rm -rf pages
	"$RB" build -f html -o pages/ full-book.yaml en-book.yaml zh-book.yaml adopted.yaml signed.yaml 2>"$tmp/err"
	if java -jar "$VNU" --errors-only pages/*.html >"$tmp/vnu" 2>&1 && [ ! -s "$tmp/vnu" ]; then ok; else
		fail "the Nu checker: $(head -c 400 "$tmp/vnu")"
	fi
fi

# a site (--split) keeps the book's own 前言 and closing on its index page
rm -rf site
"$RB" build -f html --split -o site/ full-book.yaml 2>"$tmp/err" && ok || fail "--split: $(head -c 300 "$tmp/err")"
has "--split: 前言 on the index" site/full-book/index.html '<section class="preamble foreword">'
has "--split: the book's closing on the index" site/full-book/index.html '<div class="closing">'

# every document of a book has an id of its own, never empty: one
# document alone, two of the same file name (stems/a/rules.md and
# stems/b/rules.md: rules, rules-2), and one named like the site's
# contents page (index: index-2)
valid() { # valid DESCRIPTION FILE: DocBook the schema accepts
	[ -f "$RNG" ] || return 0
	if xmllint --noout --relaxng "$RNG" "$2" 2>/dev/null; then ok; else fail "$1 does not validate"; fi
}
unique() { # unique DESCRIPTION FILE PATTERN: no match of PATTERN twice
	d=$(grep -o -- "$3" "$2" | sort | uniq -d | head -n 3 | tr '\n' ' ')
	if [ -z "$d" ]; then ok; else fail "$1: twice: $d"; fi
}
build "one document" html,docbook,json one-doc.yaml
has "one document: its id is its key" out/one-doc.html '<article class="document" id="dress-code"'
hasnt "one document: no empty id" out/one-doc.html 'id=""'
hasnt "one document: no empty anchor" out/one-doc.html 'href="#"'
has "one document: DocBook xml:id" out/one-doc.xml '<chapter xml:id="dress-code"'
valid "one document: DocBook" out/one-doc.xml
build "same stems" html,docbook,json same-stem.yaml
has "same stems: the first keeps its stem" out/same-stem.html '<article class="document" id="rules"'
has "same stems: the second is rules-2" out/same-stem.html '<article class="document" id="rules-2"'
has "same stems: index is index-2" out/same-stem.html '<article class="document" id="index-2"'
unique "same stems: HTML ids" out/same-stem.html ' id="[^"]*"'
unique "same stems: DocBook ids" out/same-stem.xml 'xml:id="[^"]*"'
unique "same stems: JSON ids" out/same-stem.json '"id": "[^"]*"'
has "same stems: a reference into the second" out/same-stem.html 'href="#rules-2-article-1"'
has "same stems: a reference into the first" out/same-stem.html 'href="#rules-article-2"'
valid "same stems: DocBook" out/same-stem.xml
if command -v unzip >/dev/null; then
	"$RB" build -f docx -o out.docx same-stem.yaml 2>/dev/null
	unzip -p out.docx word/document.xml >doc.xml
	unique "same stems: DOCX bookmarks" doc.xml 'w:bookmarkStart [^>]*w:name="[^"]*"'
fi
# a site: one page per document, none over the contents
rm -rf site
"$RB" build -f html --split -o site/ one-doc.yaml 2>/dev/null
if [ "$(ls site/one-doc)" = "$(printf 'dress-code.html\nindex.html\nsearch.js\nstyle.css')" ]; then ok; else
	fail "--split, one document: $(ls site/one-doc | tr '\n' ' ')"
fi
"$RB" build -f html --split -o site/ same-stem.yaml 2>/dev/null
if [ "$(ls site/same-stem)" = "$(printf 'index-2.html\nindex.html\nrules-2.html\nrules.html\nsearch.js\nstyle.css')" ]; then ok; else
	fail "--split, same stems: $(ls site/same-stem | tr '\n' ' ')"
fi
has "--split: the contents page is the book's" site/same-stem/index.html 'href="index-2.html"'
has "--split: permalink into the second" site/same-stem/rules.html 'href="rules-2.html#rules-2-article-1"'
has "--split: permalink into the first" site/same-stem/rules-2.html 'href="rules.html#rules-article-2"'

suite_end
