"""What python-docx finds in a .docx of ours: the role styles, A4, the
footer's PAGE field, bookmarks that every internal hyperlink names.

    python3 check_docx.py FILE.docx zh|en
Prints one line per failed check and exits 1, or exits 0."""
import re
import sys

import docx
from docx.oxml.ns import qn

EMU_PER_TWIP = 635
failed = []


def check(ok, what):
    if not ok:
        failed.append(what)


def main():
    path, lang = sys.argv[1], sys.argv[2]
    d = docx.Document(path)
    names = {s.name for s in d.styles}
    for s in ('Title', 'Heading 1', 'Heading 2', 'Heading 3', 'Body Text', 'Article',
              'Article Label', 'Item 1', 'Item 2', 'Item Label 1', 'Item Label 2', 'Closing',
              'Table Text', 'Document Info'):
        check(s in names, 'no style %r' % s)
    sec = d.sections[0]
    check(sec.page_width == 11906 * EMU_PER_TWIP and sec.page_height == 16838 * EMU_PER_TWIP,
          'not A4: %s x %s' % (sec.page_width, sec.page_height))
    if lang == 'zh':
        # GB/T 9704: a 156 x 225 mm text block, 37 mm top, 28 mm inner
        check(abs(sec.top_margin.mm - 37) < 0.1, 'top margin %.1f mm' % sec.top_margin.mm)
        check(abs(sec.left_margin.mm - 28) < 0.1, 'inner margin %.1f mm' % sec.left_margin.mm)
        block_w = sec.page_width.mm - sec.left_margin.mm - sec.right_margin.mm
        block_h = sec.page_height.mm - sec.top_margin.mm - sec.bottom_margin.mm
        check(abs(block_w - 156) < 0.2 and abs(block_h - 225) < 0.2,
              'text block %.1f x %.1f mm' % (block_w, block_h))
    footer = sec.footer._element.xml
    check('PAGE' in ''.join(t.text or '' for t in sec.footer._element.iter(qn('w:instrText'))),
          'no PAGE field in the footer')
    if lang == 'zh':
        check('— ' in footer and ' —' in footer, 'the page number is not "— 1 —"')
    body = d.element.body
    marks = [b.get(qn('w:name')) for b in body.iter(qn('w:bookmarkStart'))]
    check(len(marks) == len(set(marks)), 'bookmark names repeat')
    for m in marks:
        check(re.fullmatch(r'[A-Za-z][A-Za-z0-9_]{0,39}', m or '') is not None,
              'bookmark name not valid in Word: %r' % m)
    anchors = [h.get(qn('w:anchor')) for h in body.iter(qn('w:hyperlink')) if h.get(qn('w:anchor'))]
    for a in anchors:
        check(a in marks, 'hyperlink to no bookmark: %r' % a)
    if len(sys.argv) > 3 and sys.argv[3] == 'refs':
        check(len(marks) > 0 and len(anchors) > 0, 'no bookmarks or no internal hyperlinks')
    # labels are text: no Word numbering anywhere
    check(not list(body.iter(qn('w:numPr'))), 'Word auto-numbering used')
    for f in failed:
        print(f)
    sys.exit(1 if failed else 0)


main()
