#!/bin/sh
# Print-ready HTML: the sample handbook printed by headless Chromium gives
# A4 pages, the cover alone on page 1 (no page number), the table of
# contents from page 2, each document starting a page, and page numbers
# "— N —" at the foot of every other page (pdftotext reads them back);
# a Chinese 落款's signature printed centred over its date.
set -u
. "$(dirname "$0")/../lib.sh"
suite print
CHROMIUM=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$CHROMIUM" ] || ! command -v pdftotext >/dev/null 2>&1; then
	fail "chromium and pdftotext are needed (make check installs them: tools/deps.sh test)"
	suite_end
	exit 1
fi

"$RB" build -f html,text -o "$tmp/" rules/handbook.yaml || fail "build"
"$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync \
	--user-data-dir="$tmp/profile" --no-pdf-header-footer \
	--print-to-pdf="$tmp/h.pdf" "file://$tmp/handbook.html" >/dev/null 2>&1
[ -s "$tmp/h.pdf" ] && ok || fail "no PDF printed"

pdfinfo "$tmp/h.pdf" >"$tmp/info" 2>&1
grep -q '^Page size:.*(A4)' "$tmp/info" && ok || fail "not A4: $(grep 'Page size' "$tmp/info")"
pages=$(sed -n 's/^Pages: *//p' "$tmp/info")
[ "${pages:-0}" -ge 4 ] && ok || fail "only ${pages:-0} pages"

page() { pdftotext -f "$1" -l "$1" -layout "$tmp/h.pdf" - | tr -d '\f' | sed 's/^ *//; s/ *$//' | grep -v '^$'; }

# the cover: the book's title and its metadata, nothing else, no number
page 1 >"$tmp/p1"
head -n 1 "$tmp/p1" | grep -q '示例单位员工手册' && ok || fail "page 1 does not open with the title"
if grep -q '目录\|—' "$tmp/p1"; then fail "page 1 is not the cover alone"; else ok; fi
# the table of contents opens page 2
page 2 | head -n 1 | grep -q '^目录$' && ok || fail "page 2 does not open with 目录"
# every page after the cover carries its number
i=2
while [ "$i" -le "${pages:-0}" ]; do
	page "$i" | tail -n 1 | grep -q "^— *$i *—$" || { fail "page $i has no number — $i —"; break; }
	i=$((i + 1))
done
[ "$i" -gt "${pages:-0}" ] && ok
# each document starts a page: its title is the first line of some page
for t in 医保管理工作制度 行政執法責任制 'Attendance and Leave Policy'; do
	found=0
	i=3
	while [ "$i" -le "${pages:-0}" ]; do
		if [ "$(page "$i" | head -n 1)" = "$t" ]; then found=1; break; fi
		i=$((i + 1))
	done
	[ "$found" -eq 1 ] && ok || fail "$t does not start a page"
done
# every label and title of the text output is printed, in order
pdftotext "$tmp/h.pdf" - | tr -d ' \n' >"$tmp/pdf.txt"
grep -o '^ *\(第[一二三四五六七八九十百零]*[条條章节節编編]\|[一二三四五六七八九十]*、\|（[一二三四五六七八九十]*）\)' "$tmp/handbook.txt" |
	tr -d ' ' >"$tmp/labels"
[ "$(wc -l <"$tmp/labels")" -ge 20 ] && ok || fail "too few labels in the text output"
missing=$(awk 'NR == FNR { pdf = pdf $0; next }
	{ i = index(pdf, $0); if (!i) { print "  " $0 > "/dev/stderr"; m++ } else pdf = substr(pdf, i + length($0)) }
	END { print m + 0 }' "$tmp/pdf.txt" "$tmp/labels")
[ "$missing" -eq 0 ] && ok || fail "$missing labels of the text output not printed in order"

# the 落款 (GB/T 9704-2012 7.3.5.1): each signature printed centred over
# its date — a YAML document's, a Markdown one's after ***, the book's
"$RB" build -f html -o "$tmp/cover.html" tests/docx/cover.yaml || fail "build tests/docx/cover.yaml"
"$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync \
	--user-data-dir="$tmp/profile" --no-pdf-header-footer \
	--print-to-pdf="$tmp/cover.pdf" "file://$tmp/cover.html" >/dev/null 2>&1
pdftotext -bbox "$tmp/cover.pdf" "$tmp/cover.bbox" 2>/dev/null
for sig in 示例医院 示例医院后勤保障管理办公室 示例医院办公室; do
	out=$(python3 tests/docx/check_closing.py --pdf "$tmp/cover.bbox" "$sig" 2026年3月1日 2>&1) && ok ||
		fail "printed 落款: $out"
done
suite_end
