#!/bin/sh
# Word output: the sample handbook, the golden fixtures, a handbook with a
# cover and 落款s, and the seeds build to .docx; each is a sound zip of well-formed parts; python-docx finds the
# role styles, A4 (GB/T 9704's text block for Chinese), the footer's PAGE
# field and a bookmark for every internal hyperlink; LibreOffice opens each
# and the text of its PDF has every label and title in order; two builds
# are the same bytes; hostile text never becomes markup or a live link.
set -u
. "$(dirname "$0")/../lib.sh"
top=$(pwd)
suite docx
d="$tmp/d"
mkdir -p "$d"

# python-docx, from whichever python has it
PY=
for p in python3 /usr/bin/python3; do
	if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import docx' 2>/dev/null; then
		PY=$p
		break
	fi
done

inputs="rules/handbook.yaml tests/golden/*.yaml tests/golden/statute.md"
for f in $inputs; do
	"$RB" build -f docx,json -o "$d/" "$f" 2>"$tmp/err" || fail "$f: build -f docx failed: $(head -c 300 "$tmp/err")"
done
# a handbook with a cover (subtitle, issuer, date, a logo) and 落款s:
# a book's, a YAML document's closing:, a Markdown one's after ***
for f in tests/docx/cover.yaml tests/docx/closing.yaml tests/docx/signoff.md tests/docx/en-closing.yaml; do
	"$RB" build -f docx,json -o "$d/" "$f" 2>"$tmp/err" || fail "$f: build -f docx failed: $(head -c 300 "$tmp/err")"
done
seeds=$(ls tests/data/seeds/*.txt)
for f in $seeds; do
	"$RB" build -f docx,json -o "$d/" "$f" 2>/dev/null
	[ -s "$d/$(basename "$f" .txt).docx" ] && ok || fail "$f: no .docx"
done

# every part a well-formed XML document, the zip sound
for x in "$d"/*.docx; do
	name=$(basename "$x" .docx)
	if ! unzip -tq "$x" >/dev/null 2>&1; then
		fail "$name: unzip -t"
		continue
	fi
	rm -rf "$tmp/x" && mkdir "$tmp/x" && (cd "$tmp/x" && unzip -q "$x")
	bad=0
	for part in $(cd "$tmp/x" && find . -type f ! -path './word/media/*' | sort); do
		xmllint --noout "$tmp/x/$part" 2>/dev/null || { bad=1; fail "$name: $part is not well-formed"; }
	done
	[ $bad -eq 0 ] && ok
	for part in '[Content_Types].xml' _rels/.rels word/document.xml word/styles.xml \
		word/settings.xml word/footer1.xml word/_rels/document.xml.rels; do
		[ -f "$tmp/x/$part" ] || fail "$name: no $part"
	done
	# labels are ours: no numbering part, no w:numPr
	if [ -f "$tmp/x/word/numbering.xml" ] || grep -q '<w:numPr' "$tmp/x/word/document.xml"; then
		fail "$name: Word numbering"
	else ok; fi
done

# word/document.xml of two fixtures, as reviewed (xmllint --format): the
# 公文 levels and their label styles; a law's 目录, headings, articles
# and references
for fx in gongwen law; do
	unzip -p "$d/$fx.docx" word/document.xml | xmllint --format - >"$tmp/$fx.document.xml"
	if diff -u "tests/docx/$fx.document.xml" "$tmp/$fx.document.xml" >"$tmp/diff"; then ok; else
		fail "$fx: word/document.xml differs from tests/docx/$fx.document.xml"
		head -n 20 "$tmp/diff"
	fi
done

# the sample handbook: a book's furniture, and GB/T 9704 in styles.xml
rm -rf "$tmp/x" && mkdir "$tmp/x" && (cd "$tmp/x" && unzip -q "$d/handbook.docx")
doc="$tmp/x/word/document.xml"
grep -q 'TOC \\o "1-3" \\h' "$doc" && ok || fail "handbook: no TOC field"
grep -q '<w:updateFields w:val="true"/>' "$tmp/x/word/settings.xml" && ok || fail "handbook: updateFields"
# a document with chapters: its 目录 under the title, the title no entry
unzip -p "$d/statute.docx" word/document.xml >"$tmp/statute.xml"
grep -q 'TOC \\o "1-3"' "$tmp/statute.xml" && grep -q '<w:pStyle w:val="Title"/><w:outlineLvl w:val="9"/>' "$tmp/statute.xml" &&
	ok || fail "statute: no 目录, or its title in it"
grep -q '<w:titlePg/>' "$doc" && ok || fail "handbook: the cover has a page number"
[ "$(grep -o '<w:pageBreakBefore/>' "$doc" | wc -l)" -ge 4 ] && ok || fail "handbook: 目录 and each document on a new page"
grep -q '<w:t xml:space="preserve">第一條</w:t>' "$doc" && ok || fail "handbook: article label as text"
grep -q '<w:rStyle w:val="ArticleLabel"/></w:rPr><w:t xml:space="preserve">第一條' "$doc" && ok || fail "handbook: article label style"
grep -q '<w:rStyle w:val="ItemLabel1"/></w:rPr><w:t xml:space="preserve">一、' "$doc" && ok || fail "handbook: 一、 label style"
s="$tmp/x/word/styles.xml"
grep -q 'w:styleId="Title".*w:eastAsia="方正小标宋简体".*<w:sz w:val="44"/>' "$s" && ok || fail "styles: title 方正小标宋 二号"
grep -q 'w:eastAsia="仿宋_GB2312".*<w:sz w:val="32"/>' "$s" && ok || fail "styles: body 仿宋 三号"
grep -q 'w:styleId="ItemLabel1".*w:eastAsia="黑体"' "$s" && ok || fail "styles: 一、 黑体"
grep -q 'w:styleId="ItemLabel2".*w:eastAsia="楷体_GB2312"' "$s" && ok || fail "styles: （一） 楷体"
grep -q '<w:altName w:val="宋体"/>' "$tmp/x/word/fontTable.xml" && ok || fail "fonts: 方正小标宋 falls back to 宋体"
grep -q '— </w:t>.* PAGE .*> —</w:t>' "$tmp/x/word/footer1.xml" && ok || fail "footer: — PAGE —"

# python-docx: styles, A4, footer field, bookmarks
if [ -n "$PY" ]; then
	for f in handbook:zh:refs law:zh:refs gongwen:zh english:en statute:zh; do
		name=${f%%:*} rest=${f#*:}
		out=$("$PY" tests/docx/check_docx.py "$d/$name.docx" ${rest%%:*} ${rest#*:} 2>&1) && ok ||
			fail "$name (python-docx): $(printf '%s' "$out" | head -n 3)"
	done
else
	echo "docx: python-docx not found (tools/deps.sh test installs python3-docx); its checks skipped"
fi

# the cover: the logo a picture of its own (its bytes, its type, the
# document's relationship to it, an inline drawing of its size: 200 × 100
# pixels at 150 dpi), the cover's subtitle, issuer and date
rm -rf "$tmp/c" && mkdir "$tmp/c" && (cd "$tmp/c" && unzip -q "$d/cover.docx")
cmp -s "$tmp/c/word/media/image1.png" tests/docx/seal.png && ok || fail "cover: word/media/image1.png is not the logo"
grep -q '<Default Extension="png" ContentType="image/png"/>' "$tmp/c/[Content_Types].xml" && ok ||
	fail "cover: no content type for .png"
grep -q 'Id="rIdImage1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"' \
	"$tmp/c/word/_rels/document.xml.rels" && ok || fail "cover: no relationship to the image"
grep -q '<wp:extent cx="1219200" cy="609600"/>' "$tmp/c/word/document.xml" &&
	grep -q '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic' "$tmp/c/word/document.xml" &&
	ok || fail "cover: no inline picture of the logo's size"
for x in closing signoff en-closing statute; do
	unzip -l "$d/$x.docx" | grep -q 'word/media' && fail "$x: an image part without a logo" || ok
done
# a JPEG's size from its frame header, its resolution from JFIF (300 × 150
# at 300 dpi: an inch by half an inch)
mkdir -p "$tmp/jpeg"
printf '\377\330\377\340\000\020JFIF\000\001\001\001\001\054\001\054\000\000\377\300\000\021\010\000\226\001\054\003\001\021\000\002\021\001\003\021\001\377\331' \
	>"$tmp/jpeg/logo.jpg"
cp tests/docx/closing.yaml "$tmp/jpeg/"
printf 'handbook: 手册\ncover:\n  logo: logo.jpg\ndocuments:\n  - closing.yaml\n' >"$tmp/jpeg/book.yaml"
if "$RB" build -f docx -o "$tmp/jpeg.docx" "$tmp/jpeg/book.yaml" 2>"$tmp/err"; then
	unzip -p "$tmp/jpeg.docx" word/document.xml | grep -q '<wp:extent cx="914400" cy="457200"/>' &&
		unzip -p "$tmp/jpeg.docx" '\[Content_Types\].xml' | grep -q '<Default Extension="jpeg" ContentType="image/jpeg"/>' &&
		unzip -l "$tmp/jpeg.docx" | grep -q 'word/media/image1.jpeg' && ok || fail "a JPEG logo: not an inch by half an inch"
else
	fail "a JPEG logo: $(head -c 300 "$tmp/err")"
fi
# a logo wider than the text block: as wide as the block (156 mm), its shape kept
printf 'handbook: 手册\ncover:\n  logo: wide.png\ndocuments:\n  - closing.yaml\n' >"$tmp/jpeg/wide.yaml"
printf '\211PNG\r\n\032\n\000\000\000\015IHDR\000\000\023\210\000\000\003\350\010\002\000\000\000\000\000\000\000' >"$tmp/jpeg/wide.png"
"$RB" build -f docx -o "$tmp/wide.docx" "$tmp/jpeg/wide.yaml" 2>"$tmp/err" &&
	unzip -p "$tmp/wide.docx" word/document.xml | grep -q '<wp:extent cx="5616575" cy="1123315"/>' && ok ||
	fail "a wide logo is not cut to the text block: $(unzip -p "$tmp/wide.docx" word/document.xml | grep -o '<wp:extent[^>]*>')"
# the 落款 (GB/T 9704-2012 7.3.5.1): the date four characters in, the
# signature centred over it (a seed's dates written with ○ and o for 〇);
# English flush right
if [ -n "$PY" ]; then
	out=$("$PY" tests/docx/check_cover.py "$d/cover.docx" tests/docx/seal.png 1219200 609600 \
		示例医院员工手册 后勤管理分册 版本：2026版 发布单位：示例医院 施行日期：2026年3月1日 示例医院办公室 2026年3月1日 2>&1) && ok || fail "cover (python-docx): $out"
	for f in 'closing:zh:示例医院:2026年3月1日' 'signoff:zh:示例医院后勤保障管理办公室:2026年3月1日' \
		'en-closing:en:Human Resources:2026-03-01' \
		'cover:zh:示例医院:2026年3月1日:示例医院后勤保障管理办公室:2026年3月1日:示例医院办公室:2026年3月1日' \
		'003_972ae1e8f2cbcb0d:zh:二○○五年三月十日:__縣統計局:二oo五年六月十六日:__縣統計局:二oo五年六月十六日:2004年3月26日'; do
		name=${f%%:*} rest=${f#*:}
		lang=${rest%%:*} rest=${rest#*:}
		old_ifs=$IFS
		IFS=:
		# shellcheck disable=SC2086
		out=$("$PY" tests/docx/check_closing.py "$d/$name.docx" "$lang" $rest 2>&1) && ok || fail "$name (落款): $out"
		IFS=$old_ifs
	done
fi
# a logo the loader refuses (outside the manifest's folder) is refused as
# the HTML build refuses it; one whose header says no size is no picture
for fmt in html docx; do
	"$RB" build -f $fmt -o "$tmp/outside.$fmt" tests/docx/logo-outside.yaml 2>"$tmp/err.$fmt"
	echo "exit $?" >>"$tmp/err.$fmt"
done
cmp -s "$tmp/err.html" "$tmp/err.docx" && grep -q "3:9: error: the logo must be a file inside the manifest's folder" "$tmp/err.docx" &&
	grep -q 'exit 1' "$tmp/err.docx" && [ ! -e "$tmp/outside.docx" ] && ok ||
	fail "a logo outside the manifest's folder: $(cat "$tmp/err.docx") / html: $(cat "$tmp/err.html")"
"$RB" build -f docx -o "$tmp/broken.docx" tests/docx/logo-broken.yaml 2>"$tmp/err"
[ $? -eq 1 ] && grep -q "error: cannot tell the size of the logo 'broken.png' from its PNG or JPEG header \[input-value\]" "$tmp/err" &&
	[ ! -e "$tmp/broken.docx" ] && ok || fail "a logo with no size: $(head -c 300 "$tmp/err")"
# nor one whose header claims a size no logo has (2,000,000 pixels wide)
printf 'handbook: 手册\ncover:\n  logo: huge.png\ndocuments:\n  - closing.yaml\n' >"$tmp/jpeg/huge.yaml"
printf '\211PNG\r\n\032\n\000\000\000\015IHDR\000\036\204\200\000\000\000\012\010\002\000\000\000\000\000\000\000' >"$tmp/jpeg/huge.png"
"$RB" build -f docx -o "$tmp/huge.docx" "$tmp/jpeg/huge.yaml" 2>"$tmp/err"
[ $? -eq 1 ] && grep -q "cannot tell the size of the logo 'huge.png' from its PNG or JPEG header" "$tmp/err" && [ ! -e "$tmp/huge.docx" ] && ok ||
	fail "a logo 2,000,000 pixels wide: $(head -c 300 "$tmp/err")"
"$RB" build -f docx -o "$tmp/cover2.docx" tests/docx/cover.yaml && cmp -s "$tmp/cover2.docx" "$d/cover.docx" && ok ||
	fail "two builds of the cover differ"

# bookmark names from ids Word would refuse: cut, told apart, each
# hyperlink still finds its target
printf 'title: a\nclauses:\n  - text: x\n    id: a.b.c\n  - text: y\n    id: %s\n  - text: z\n    id: a_b-c\n  - text: "[](#a.b.c) [](#%s) [](#a_b-c)"\n' \
	a-very-long-identifier-that-goes-on-and-on-for-ever a-very-long-identifier-that-goes-on-and-on-for-ever >"$tmp/ids.yaml"
"$RB" build -f docx -o "$tmp/ids.docx" "$tmp/ids.yaml"
marks=$(unzip -p "$tmp/ids.docx" word/document.xml | grep -o 'w:name="[^"]*"' | sort -u | tr '\n' ' ')
[ "$marks" = 'w:name="a_b_c" w:name="a_b_c_d17e547f" w:name="a_very_long_identifier_that_goe_19eab38c" w:name="article_4" ' ] &&
	ok || fail "bookmark names: $marks"
if [ -n "$PY" ]; then
	out=$("$PY" tests/docx/check_docx.py "$tmp/ids.docx" zh refs 2>&1) && ok || fail "ids (python-docx): $out"
fi

# the same bytes every time, whatever the threads or the time zone
"$RB" build -f docx -j 1 -o "$tmp/again.docx" rules/handbook.yaml
TZ=Pacific/Kiritimati "$RB" build -f docx -j 2 -o "$tmp/again2.docx" rules/handbook.yaml
cmp -s "$d/handbook.docx" "$tmp/again.docx" && cmp -s "$d/handbook.docx" "$tmp/again2.docx" && ok ||
	fail "two builds of the handbook differ"
"$RB" build -f docx -o - tests/golden/law.yaml >"$tmp/stdout.docx" && cmp -s "$tmp/stdout.docx" "$d/law.docx" && ok ||
	fail "-o - is not the file's bytes"

# --reference-doc: the styles and page of another Word file
if [ -n "$PY" ]; then
	"$PY" -c 'import docx, sys; docx.Document().save(sys.argv[1])' "$tmp/ref.docx"
	unzip -p "$tmp/ref.docx" word/styles.xml >"$tmp/refstyles"
	if "$RB" build -f docx --reference-doc "$tmp/ref.docx" -o "$tmp/withref.docx" tests/golden/law.yaml; then
		unzip -p "$tmp/withref.docx" word/styles.xml | cmp -s - "$tmp/refstyles" && ok ||
			fail "--reference-doc: styles.xml not the reference's"
		unzip -p "$tmp/withref.docx" word/document.xml | grep -q '<w:pgSz w:w="12240" w:h="15840"/>' && ok ||
			fail "--reference-doc: not the reference's page size"
	else
		fail "--reference-doc: build failed"
	fi
fi
# … whose text block (3 inch margins: 2.5 inches) is what a wide logo is cut to
if [ -n "$PY" ]; then
	"$PY" -c 'import docx, sys
from docx.shared import Inches
d = docx.Document()
d.sections[0].left_margin = d.sections[0].right_margin = Inches(3)
d.save(sys.argv[1])' "$tmp/ref3.docx"
	"$RB" build -f docx --reference-doc "$tmp/ref3.docx" -o "$tmp/wide3.docx" "$tmp/jpeg/wide.yaml" 2>"$tmp/err" &&
		unzip -p "$tmp/wide3.docx" word/document.xml | grep -q '<wp:extent cx="2286000" cy="457200"/>' && ok ||
		fail "a wide logo is not cut to the reference's text block: $(head -c 200 "$tmp/err")"
fi
"$RB" build -f docx --reference-doc Makefile -o "$tmp/bad.docx" tests/golden/law.yaml 2>"$tmp/err"
[ $? -eq 2 ] && grep -q 'input-unreadable' "$tmp/err" && [ ! -e "$tmp/bad.docx" ] && ok ||
	fail "--reference-doc of a file that is not a .docx: $(head -c 200 "$tmp/err")"

# without libxml2 nothing is written, with a diagnostic
NOXML="$top/$BUILD/rulebook-noxml"
if [ -x "$NOXML" ]; then
	"$NOXML" build -f docx -o "$tmp/noxml.docx" tests/golden/law.yaml 2>"$tmp/err"
	[ $? -eq 2 ] && grep -q 'output-write' "$tmp/err" && [ ! -e "$tmp/noxml.docx" ] && ok ||
		fail "libxml2 missing: $(head -c 200 "$tmp/err")"
fi

# hostile text: no live link but http(s)/mailto, no markup from text, no
# words lost from a raw-HTML heading
cat >"$tmp/hostile.md" <<'EOF'
# <script>alert(1)</script>

## 第一章 <i>总则</i>

第一条 见[甲](javascript:alert(1))和[乙](data:text/html;base64,PHNjcmlwdD4=)，<b>粗</b>
</w:t></w:r><w:r><w:t>注入</w:t> & "引号"。

第二条 [官网](https://example.org/a?b=1&c=2)、[邮件](mailto:a@example.org)、[丙](JAVASCRIPT:x)。

<div onclick="x()">块</div>
EOF
if "$RB" build -f docx -o "$tmp/hostile.docx" "$tmp/hostile.md" 2>"$tmp/err"; then
	rm -rf "$tmp/h" && mkdir "$tmp/h" && (cd "$tmp/h" && unzip -q "$tmp/hostile.docx")
	xmllint --noout "$tmp/h/word/document.xml" && ok || fail "hostile: document.xml not well-formed"
	rels="$tmp/h/word/_rels/document.xml.rels"
	grep -qi 'javascript\|data:' "$rels" && fail "hostile: a javascript: or data: relationship" || ok
	grep -qi 'javascript\|data:' "$tmp/h/word/document.xml" && fail "hostile: a javascript: or data: link" || ok
	[ "$(grep -o 'TargetMode="External"' "$rels" | wc -l)" -eq 2 ] &&
		grep -q 'Target="https://example.org/a?b=1&amp;c=2"' "$rels" && grep -q 'Target="mailto:a@example.org"' "$rels" &&
		ok || fail "hostile: the http and mailto links are not the two external ones"
	# the words, as text: every w:t joined
	xmllint --xpath '//*[local-name()="t"]/text()' "$tmp/h/word/document.xml" 2>/dev/null |
		sed 's/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&amp;/\&/g' >"$tmp/h/words"
	for w in '<script>alert(1)</script>' '<i>总则</i>' '甲' '乙' '丙' '<b>粗</b>' '</w:t></w:r><w:r><w:t>注入</w:t>' \
		'& "引号"' '官网' '邮件' '<div onclick="x()">块</div>'; do
		grep -qF -- "$w" "$tmp/h/words" && ok || fail "hostile: '$w' lost"
	done
	# only WordprocessingML's own elements, none from the text
	if xmllint --xpath '//*[local-name()="script" or local-name()="b" or local-name()="i" or local-name()="div"]' \
		"$tmp/h/word/document.xml" >/dev/null 2>&1; then
		fail "hostile: markup from the text"
	else ok; fi
	[ "$(grep -o '<w:t[ >]' "$tmp/h/word/document.xml" | wc -l)" -eq \
	  "$(grep -o '</w:t>' "$tmp/h/word/document.xml" | wc -l)" ] && ok || fail "hostile: runs broken"
else
	fail "hostile: build failed: $(head -c 300 "$tmp/err")"
fi

# LibreOffice: each opens, and its PDF has every label and title in order
if command -v soffice >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 && [ -n "$PY$(command -v python3)" ]; then
	PYO=${PY:-python3}
	mkdir -p "$tmp/pdf"
	# a profile of its own: no clash with a running office, nothing left
	HOME="$tmp" timeout 300 soffice --headless -env:UserInstallation=file://"$tmp/lo" \
		--convert-to pdf --outdir "$tmp/pdf" "$d"/*.docx "$tmp/hostile.docx" >"$tmp/lo.log" 2>&1
	for x in "$d"/*.docx "$tmp/hostile.docx"; do
		name=$(basename "$x" .docx)
		if [ ! -s "$tmp/pdf/$name.pdf" ]; then
			fail "$name: LibreOffice made no PDF: $(tail -n 2 "$tmp/lo.log")"
			continue
		fi
		pdftotext -layout "$tmp/pdf/$name.pdf" "$tmp/pdf/$name.txt"
		[ -f "$d/$name.json" ] || continue
		out=$("$PYO" tests/docx/order.py "$d/$name.json" "$tmp/pdf/$name.txt" 2>&1) && ok ||
			fail "$name (PDF text): $out"
	done
	pdfinfo "$tmp/pdf/handbook.pdf" | grep -q 'Page size: *595.* x 841.* pts (A4)' && ok || fail "handbook PDF not A4"
	pdftotext -f 1 -l 1 "$tmp/pdf/handbook.pdf" - | grep -q '示例单位员工手册' &&
		! pdftotext -f 1 -l 1 "$tmp/pdf/handbook.pdf" - | grep -q '目' && ok || fail "handbook: the cover not alone on page 1"
	pdftotext -f 2 -l 2 "$tmp/pdf/handbook.pdf" - | tr -d " \n" | grep -q "—2—" && ok || fail "handbook: no — 2 — on page 2"
	grep -q 'alert(1)' "$tmp/pdf/hostile.txt" && ok || fail "hostile: the heading's words are not on the page"
	# the cover: its lines and the logo on page 1; the signature centred
	# over the date as LibreOffice lays them out
	pdftotext -f 1 -l 1 "$tmp/pdf/cover.pdf" - | tr -d ' ' >"$tmp/cover1"
	for w in 示例医院员工手册 后勤管理分册 示例医院办公室 2026年3月1日; do
		grep -q "$w" "$tmp/cover1" && ok || fail "cover: '$w' not on page 1 of the PDF"
	done
	if command -v pdfimages >/dev/null 2>&1; then
		[ "$(pdfimages -f 1 -l 1 -list "$tmp/pdf/cover.pdf" | awk 'NR > 2 && $4 == 200 && $5 == 100' | wc -l)" -eq 1 ] &&
			ok || fail "cover: the logo is not on page 1 of the PDF"
	fi
	for f in 'closing:示例医院' 'signoff:示例医院后勤保障管理办公室'; do
		pdftotext -bbox "$tmp/pdf/${f%%:*}.pdf" "$tmp/bbox.html"
		out=$("$PYO" tests/docx/check_closing.py --pdf "$tmp/bbox.html" "${f#*:}" 2026年3月1日 2>&1) && ok ||
			fail "${f%%:*} (PDF): $out"
	done
else
	echo "docx: soffice or pdftotext not found (tools/deps.sh test installs them); LibreOffice checks skipped"
fi

cd "$top" || exit 1
suite_end
