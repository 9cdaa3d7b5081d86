"""Every label and title of a rulebook's JSON output, in order, must be in
the text of the PDF LibreOffice made from its .docx (whitespace aside: the
PDF's line breaks and spacing are LibreOffice's).

    python3 order.py BOOK.json BOOK.pdf.txt
Prints what is missing and exits 1, or prints the count and exits 0."""
import json
import re
import sys


def plain(md):
    """A title's words as the page shows them (Markdown marks dropped)."""
    md = re.sub(r'\[([^\]]*)\]\([^)]*\)', r'\1', md)
    md = re.sub(r'\\(.)', r'\1', md)
    md = md.replace('**', '').replace('`', '')
    return re.sub(r'\s+', '', md)


def words(node, out):
    if node.get('kind') in ('book', 'document'):
        out.append(node.get('title', ''))
    else:
        out.append(node.get('label', ''))
        out.append(node.get('title', ''))
    for child in node.get('documents', []) + node.get('children', []):
        words(child, out)


def main():
    with open(sys.argv[1], encoding='utf-8') as f:
        tree = json.load(f)
    with open(sys.argv[2], encoding='utf-8') as f:
        page = re.sub(r'\s+', '', f.read())
    want = []
    words(tree, want)
    at = 0
    found = 0
    for w in want:
        w = plain(w)
        if not w:
            continue
        k = page.find(w, at)
        if k < 0:
            print('missing after offset %d: %r (next: %r)' % (at, w, page[at:at + 40]))
            sys.exit(1)
        at = k + len(w)
        found += 1
    print('%d labels and titles in order' % found)


main()
