#!/bin/sh
# build -f html --split: a book as a site — index.html, a page per
# document, one style.css, search.js.  Every page passes the Nu checker,
# every link lands on an id of its page, search (in headless Chromium)
# finds an article by a word of it, and the pages read without script.
set -u
. "$(dirname "$0")/../lib.sh"
suite site
VNU=${VNU_JAR:-build/tools/node_modules/vnu-jar/build/dist/vnu.jar}

"$RB" build -f html --split -o "$tmp/s/" rules/handbook.yaml 2>"$tmp/err"
[ $? -eq 0 ] && [ ! -s "$tmp/err" ] && ok || { fail "build --split"; cat "$tmp/err"; }
h="$tmp/s/handbook"
for f in index.html medical-insurance.html law-enforcement.html attendance-policy.html style.css search.js; do
	[ -s "$h/$f" ] && ok || fail "$f not written"
done
[ ! -e "$tmp/s/handbook.html" ] && ok || fail "the one-page HTML written too"

# the 40 laws as one book: a page each
mkdir -p "$tmp/laws"
{ echo "handbook: 法律汇编"; echo "documents:"; } >"$tmp/laws/book.yaml"
n=0
corpus_dir site
find "$CORPUS" -name '*.md' | sort | head -n 12 | while IFS= read -r f; do
	n=$((n + 1))
	cp "$f" "$tmp/laws/$n.md"
	echo "  - $n.md" >>"$tmp/laws/book.yaml"
done
"$RB" build -f html --split -o "$tmp/l/" "$tmp/laws/book.yaml" 2>/dev/null
[ "$(ls "$tmp/l/book/"*.html | wc -l)" -eq 13 ] && ok || fail "12 laws: $(ls "$tmp/l/book/" | wc -l) files"

java -jar "$VNU" --errors-only "$h"/*.html "$tmp/l/book/"*.html >"$tmp/vnu" 2>&1
[ $? -eq 0 ] && [ ! -s "$tmp/vnu" ] && ok || { fail "Nu checker"; head -n 8 "$tmp/vnu"; }

# every link of every page lands: the page exists and has the id
links_land() { # DIR
	bad=0
	for p in "$1"/*.html; do
		grep -o 'href="[^":]*"' "$p" | sed 's/^href="//; s/"$//' | sort -u | while IFS= read -r l; do
			case $l in
			style.css) continue ;;
			'#'*) page=$p id=${l#\#} ;;
			*'#'*) page="$1/${l%%#*}" id=${l#*#} ;;
			*) page="$1/$l" id= ;;
			esac
			if [ ! -f "$page" ] || { [ -n "$id" ] && ! grep -q "id=\"$id\"" "$page"; }; then
				echo "$(basename "$p"): $l"
			fi
		done
	done
}
links_land "$h" >"$tmp/bad"
links_land "$tmp/l/book" >>"$tmp/bad"
[ ! -s "$tmp/bad" ] && ok || { fail "links that land nowhere"; head -n 5 "$tmp/bad"; }
# the contents point at the pages, a chapter at its page's anchor
grep -q 'href="law-enforcement.html#law-enforcement-chapter-2"' "$h/index.html" && ok || fail "contents link to a chapter"
grep -q '<a rel="next" href="attendance-policy.html">' "$h/law-enforcement.html" && ok || fail "no next page"
# without script: the box is hidden, nothing else depends on it
grep -q '<form class="search" role="search" hidden>' "$h/index.html" && ok || fail "search box not hidden without script"
grep -c '<script' "$h/law-enforcement.html" | grep -qx 1 && ok || fail "inline script in a page"

# search, in a browser: ?q= fills the box and lists the hits
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$CHROMIUM" ]; then
	"$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$tmp/profile" --dump-dom "file://$h/attendance-policy.html?q=%E5%A4%84%E6%96%B9" \
		>"$tmp/dom" 2>/dev/null
	grep -q '<ol class="hits"><li><a href="medical-insurance.html#prescriptions">' "$tmp/dom" && ok ||
		{ fail "search for 处方 does not find 第四项 on another page"; grep -o '<ol class="hits".\{0,200\}' "$tmp/dom"; }
	grep -q '<form class="search" role="search">' "$tmp/dom" && ok || fail "the script does not show the box"
else
	fail "chromium is needed (tools/deps.sh test)"
fi
# the index: every article, with its words
grep -q '^\["medical-insurance.html#prescriptions","四、 严格执行处方管理规定。","每张处方不得超过5种药品' "$h/search.js" &&
	ok || fail "search.js entry of 四、"
[ "$(grep -c '^\["' "$tmp/l/book/search.js")" -ge 300 ] && ok || fail "the laws' index is too small"

# the same bytes twice
"$RB" build -f html --split -o "$tmp/s2/" rules/handbook.yaml 2>/dev/null
diff -r "$tmp/s" "$tmp/s2" >/dev/null && ok || fail "two builds differ"
# usage
"$RB" build -f html,text --split -o "$tmp/x/" rules/handbook.yaml 2>"$tmp/err"
[ $? -eq 2 ] && grep -q -- '--split goes with -f html alone' "$tmp/err" && ok || fail "--split with text"
"$RB" build -f html --split -o - rules/handbook.yaml 2>"$tmp/err"
[ $? -eq 2 ] && ok || fail "--split to stdout"
# text from documents stays text in the pages, the titles and the index
mkdir -p "$tmp/h"
printf 'handbook: "<script>alert(1)</script>"\ndocuments:\n  - a.md\n' >"$tmp/h/book.yaml"
printf -- '---\ntitle: "<img src=x onerror=alert(1)>"\n---\n\n第一条 </script><script>alert(2)</script>\n' >"$tmp/h/a.md"
"$RB" build -f html --split -o "$tmp/hs/" "$tmp/h/book.yaml" 2>/dev/null
if grep -q '<script>alert\|<img src' "$tmp/hs/book/"*.html; then fail "markup from a title or text"; else ok; fi
grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$tmp/hs/book/index.html" && ok || fail "the book's title lost"
suite_end
