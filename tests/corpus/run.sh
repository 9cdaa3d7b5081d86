#!/bin/sh
# The real laws of tests/data/laws, loaded as they are:
#  - every file builds to JSON with no error;
#  - the article / chapter / section nodes equal an independent count of
#    第N条 lines and 第N章 / 第N节 heading lines (a heading repeated later in
#    the file is a table-of-contents entry and does not count; articles an
#    amendment quotes after 内容如下： are its text);
#  - md → tree → md → tree is exact, and the Markdown output is a fixed point;
#  - named cases: 刑法's 之N articles, 民法典 合同编 starting at 第四百六十三条,
#    a table of contents written as headings.
set -u
. "$(dirname "$0")/../lib.sh"
suite corpus


corpus_dir corpus

NUM='[一二三四五六七八九十百千零〇两]+'

# Heading lines of one unit, less table-of-contents entries: a heading
# with no text before the next heading whose line comes back later.
count_headings() { # FILE UNIT
	awk -v re="^#+[[:space:]]*第${NUM}$2" '
		/^#/ { h++; t[h] = $0; sub(/^#+[[:space:]]*/, "", t[h]); sub(/[[:space:]]+$/, "", t[h]);
		       unit[h] = ($0 ~ re); body[h] = 0; next }
		/[^[:space:]]/ && h { body[h] = 1 }
		END { c = 0; for (i = 1; i <= h; i++) { if (!unit[i]) continue; toc = 0;
			if (!body[i]) for (j = i + 1; j <= h; j++) if (t[j] == t[i]) toc = 1;
			if (!toc) c++ } print c }' "$1"
}

# 第N条 lines, less those an amendment quotes: after a line ending 如下：
# whose next line is a 第N节/第N章 line, up to the next heading.
count_articles() { # FILE
	# alternations, not bracket classes: awk may match bytes, not characters
	n='(一|二|三|四|五|六|七|八|九|十|百|千|零|〇|两)+'
	awk -v art="^第${n}(条|條)" -v div="^第${n}(章|节|節)" '
		/^#/ { quote = 0; intro = 0 }
		/^[[:space:]]*$/ { next }
		intro { intro = 0; if ($0 ~ div) quote = 1 }
		/如下：[[:space:]]*$/ { intro = 1 }
		$0 ~ art && !quote { c++ }
		END { print c + 0 }' "$1"
}

count_nodes() { # JSON KIND
	grep -c "{\"kind\": \"$2\"" "$1"
}

files=$(find "$CORPUS" -name '*.md' | sort)
nfiles=0
for f in $files; do
	nfiles=$((nfiles + 1))
	name=$(basename "$f" .md)
	if ! "$RB" build -f json,markdown -o "$tmp/a/" "$f" 2>"$tmp/err"; then
		fail "$name: build failed: $(head -n 3 "$tmp/err")"
		continue
	fi
	if grep -q ': error:' "$tmp/err"; then fail "$name: $(grep ': error:' "$tmp/err" | head -n 2)"; else ok; fi
	a="$tmp/a/$name.json"
	want_art=$(count_articles "$f")
	want_ch=$(count_headings "$f" 章)
	want_sec=$(count_headings "$f" 节)
	got_art=$(count_nodes "$a" article)
	got_ch=$(count_nodes "$a" chapter)
	got_sec=$(count_nodes "$a" section)
	if [ "$got_art $got_ch $got_sec" = "$want_art $want_ch $want_sec" ]; then ok; else
		fail "$name: article/chapter/section nodes $got_art/$got_ch/$got_sec, lines $want_art/$want_ch/$want_sec"
	fi
	# round trip through the Markdown output
	mkdir -p "$tmp/b"
	cp "$tmp/a/$name.md" "$tmp/b/$name.md"
	if ! "$RB" build -f json,markdown -o "$tmp/c/" "$tmp/b/$name.md" 2>"$tmp/err"; then
		fail "$name: the Markdown output does not build: $(head -n 3 "$tmp/err")"
		continue
	fi
	positionless "$a" >"$tmp/a.flat"
	positionless "$tmp/c/$name.json" >"$tmp/c.flat"
	if cmp -s "$tmp/a.flat" "$tmp/c.flat"; then ok; else
		fail "$name: md → tree → md → tree differs"
		diff "$tmp/a.flat" "$tmp/c.flat" | head -n 6 | cut -c1-200
	fi
	if cmp -s "$tmp/b/$name.md" "$tmp/c/$name.md"; then ok; else
		fail "$name: Markdown output is not a fixed point"
		diff "$tmp/b/$name.md" "$tmp/c/$name.md" | head -n 6 | cut -c1-200
	fi
	rm -rf "$tmp/a" "$tmp/b" "$tmp/c"
done
[ "$nfiles" -ge 40 ] && ok || fail "only $nfiles corpus files found"

# ---- named cases ----

# 刑法: every 第N条之M line is an article with its insert, placed after its base
xf="$CORPUS/刑法/刑法.md"
"$RB" build -f json -o "$tmp/xf.json" "$xf" 2>"$tmp/err"
want=$(grep -cE "^第${NUM}条之${NUM}" "$xf")
got=$(grep '{"kind": "article"' "$tmp/xf.json" | grep -c '"insert": [1-9]')
if [ "$want" -ge 40 ] && [ "$got" = "$want" ]; then ok; else fail "刑法: $got inserted articles, $want 之N lines"; fi
# 第一百二十条之一 … 之六 follow 第一百二十条 in order, with derived ids
order=$(grep -oE '"id": "article-12[01](-[0-9])?"' "$tmp/xf.json" | tr -d '"' | sed 's/id: //' | tr '\n' ' ')
if [ "$order" = "article-120 article-120-1 article-120-2 article-120-3 article-120-4 article-120-5 article-120-6 article-121 " ]; then ok; else
	fail "刑法: order around 第一百二十条: $order"
fi
if grep -q '"label": "第一百二十条之一", "number": 120, "insert": 1' "$tmp/xf.json"; then ok; else fail "刑法: 第一百二十条之一 label/number/insert"; fi
# （删去） keeps its slot
if grep '"id": "article-199"' "$tmp/xf.json" | grep -q '"deleted": true'; then ok; else fail "刑法: 第一百九十九条 （删去） not a deleted article"; fi
"$RB" check "$xf" >"$tmp/out" 2>&1
if [ $? -eq 0 ] && [ ! -s "$tmp/out" ]; then ok; else fail "刑法: check is not silent: $(head -n 3 "$tmp/out")"; fi

# 民法典 合同编 starts at 第四百六十三条, recognised without a start: key
hf="$CORPUS/民法典/合同编.md"
"$RB" build -f json -o "$tmp/hf.json" "$hf" 2>"$tmp/err"
first=$(grep -m1 '{"kind": "article"' "$tmp/hf.json" | grep -oE '"label": "[^"]*", "number": [0-9]+')
if [ "$first" = '"label": "第四百六十三条", "number": 463' ]; then ok; else fail "合同编: first article $first"; fi
if grep -q '"subtitle": "合同编"' "$tmp/hf.json"; then ok; else fail "合同编: subtitle not read"; fi
"$RB" check "$hf" >"$tmp/out" 2>&1
if [ $? -eq 0 ] && [ ! -s "$tmp/out" ]; then ok; else fail "合同编: check is not silent: $(head -n 3 "$tmp/out")"; fi
# the same numbers in an ordinary law are a numbering-start warning
sed 's/^# 合同编$/# 合同/' "$hf" >"$tmp/notapart.md"
"$RB" check "$tmp/notapart.md" >"$tmp/out" 2>&1
if grep -q 'notapart.md:15:1: warning: expected 第一条, found 第四百六十三条.*\[numbering-start\]' "$tmp/out"; then ok; else
	fail "a law starting at 第四百六十三条 without being a part: $(head -n 2 "$tmp/out")"
fi

# a table of contents written as headings is not a second set of chapters
bf=$(find "$CORPUS" -name '北京中轴线*.md')
"$RB" build -f json -o "$tmp/bf.json" "$bf" 2>"$tmp/err"
if [ "$(count_nodes "$tmp/bf.json" chapter)" = 5 ] && [ "$(count_nodes "$tmp/bf.json" heading)" = 5 ]; then ok; else
	fail "北京中轴线: $(count_nodes "$tmp/bf.json" chapter) chapters, $(count_nodes "$tmp/bf.json" heading) headings"
fi

# 宪法修正案（2018年） 第五十二条 quotes the articles it adds (内容如下：
# 第七节 … 第一百二十三条 …): they are its 款, not articles of the amendment
af=$(find "$CORPUS" -name '宪法修正案（2018年）.md')
"$RB" build -f json -o "$tmp/af.json" "$af" 2>"$tmp/err"
last=$(grep '{"kind": "article"' "$tmp/af.json" | tail -n 1 | grep -oE '"label": "[^"]*"')
quoted=$(grep -c '{"kind": "paragraph".*"text": "第一百二十[三四五六七]条 ' "$tmp/af.json")
if [ "$last" = '"label": "第五十二条"' ] && [ "$quoted" = 5 ]; then ok; else
	fail "宪法修正案（2018年）: last article $last, $quoted quoted articles as 款"
fi
# the same quotation with one article dropped before it is still a gap
awk '!/^第五十一条/' "$af" >"$tmp/gap.md"
"$RB" check "$tmp/gap.md" >"$tmp/out" 2>&1
if grep -q 'gap.md:[0-9]*:1: warning: expected 第五十一条, found 第五十二条 \[numbering-gap\]' "$tmp/out" &&
   [ "$(grep -c warning "$tmp/out")" = 1 ]; then ok; else fail "gap before a quotation: $(head -n 3 "$tmp/out")"; fi

# the whole corpus in one call: no diagnostic but the real defects of
# defects.diag, each one the law's own (本条例二十六条 lacks its 第)
"$RB" check "$CORPUS" 2>&1 | sed "s|$CORPUS/||" >"$tmp/out"
if cmp -s "$tmp/out" tests/corpus/defects.diag; then ok; else
	fail "check over the corpus: $(diff tests/corpus/defects.diag "$tmp/out" | head -n 3)"
fi

suite_end
