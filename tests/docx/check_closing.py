"""The 落款 of a .docx: its lines, in order, are paragraphs in the Closing
style.  Chinese (GB/T 9704-2012 7.3.5.1): the date flush right four
characters in (the style's right indent), each signature above it
centred over it — its right indent four characters and half the
difference of their widths (a Chinese character one em, a digit half of
one).  English: flush right, no indent of their own.

    python3 check_closing.py FILE.docx zh|en LINE...
With --pdf BBOX SIGNATURE DATE instead: in the words `pdftotext -bbox`
gives, the signature's centre is within half a character (8 pt) of the
date's.  Prints one line per failed check and exits 1, or exits 0."""
import re
import sys
import unicodedata

failed = []


def check(ok, what):
    if not ok:
        failed.append(what)


def cols(s):
    return sum(2 if unicodedata.east_asian_width(c) in 'WFA' else 1 for c in s)


def is_date(s):
    n = '[0-9〇零一二三四五六七八九十○oO]+'
    return re.fullmatch(n + '年' + n + '月' + n + '日', s)


def docx_checks(path, lang, lines):
    import docx
    from docx.oxml.ns import qn

    d = docx.Document(path)
    closing = [p for p in d.paragraphs if p.style.name == 'Closing']
    check([p.text for p in closing] == lines, 'Closing paragraphs %s, wanted %s' % ([p.text for p in closing], lines))
    style = d.styles['Closing']
    if lang == 'en':
        check(style.paragraph_format.right_indent in (None, 0), 'English Closing style has a right indent')
        for p in closing:
            check(p.paragraph_format.right_indent is None, '%r has an indent of its own' % p.text)
        return
    check(style.paragraph_format.right_indent is not None and style.paragraph_format.right_indent.twips == 1280,
          'the Closing style is not four characters in')
    check(any(is_date(p.text) for p in closing), 'no date line')
    for i, p in enumerate(closing):
        if is_date(p.text):
            check(p.paragraph_format.right_indent is None, '%r: the date has an indent of its own' % p.text)
            continue
        after = [q for q in closing[i + 1:] if is_date(q.text)]
        if not after:
            continue
        date = after[0]
        ind = p._p.pPr.find(qn('w:ind')) if p._p.pPr is not None else None
        chars = int(ind.get(qn('w:rightChars'))) if ind is not None else None
        want = max(0, 400 + (cols(date.text) - cols(p.text)) * 25)
        check(chars == want, '%r: rightChars %s, wanted %s' % (p.text, chars, want))
        check(ind is not None and int(ind.get(qn('w:right'))) == want * 320 // 100,
              '%r: w:right not the same indent' % p.text)
        # centres, in hundredths of a character from the right margin
        if chars is not None and want > 0:
            check(chars + cols(p.text) * 25 == 400 + cols(date.text) * 25,
                  '%r is not centred over the date' % p.text)


def pdf_checks(bbox, sig, date):
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
                       open(bbox, encoding='utf-8').read())
    lines = {}
    for x0, y0, x1, w in words:
        lines.setdefault(round(float(y0)), []).append((float(x0), float(x1), w))

    def centre(text):
        found = [ws for ws in lines.values() if ''.join(w for _, _, w in ws) == text]
        if not found:
            return None
        ws = found[-1]
        return (min(x0 for x0, _, _ in ws) + max(x1 for _, x1, _ in ws)) / 2

    cs, cd = centre(sig), centre(date)
    check(cs is not None and cd is not None, 'no line %r or %r on the page' % (sig, date))
    if cs is not None and cd is not None:
        check(abs(cs - cd) <= 8, '%r centred at %.1f pt, the date at %.1f pt' % (sig, cs, cd))


def main():
    if sys.argv[1] == '--pdf':
        pdf_checks(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        docx_checks(sys.argv[1], sys.argv[2], sys.argv[3:])
    for f in failed:
        print(f)
    sys.exit(1 if failed else 0)


main()
