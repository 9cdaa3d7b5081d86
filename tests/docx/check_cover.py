"""What python-docx finds on the cover of a handbook's .docx: the logo as
an image part of its own (word/media/image1.png, the fixture's bytes),
the document's image relationship to it, an inline picture of the given
size (EMU) in the centred first paragraph naming that relationship, and
the cover's lines before the first page break.

    python3 check_cover.py FILE.docx LOGO.png CX CY LINE...
Prints one line per failed check and exits 1, or exits 0."""
import sys

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

failed = []


def check(ok, what):
    if not ok:
        failed.append(what)


def main():
    path, logo, cx, cy, lines = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5:]
    d = docx.Document(path)
    media = [p for p in d.part.package.iter_parts() if str(p.partname).startswith('/word/media/')]
    check(len(media) == 1, 'media parts: %s' % [str(p.partname) for p in media])
    if media:
        check(str(media[0].partname) == '/word/media/image1.png', 'part name %s' % media[0].partname)
        check(media[0].content_type == 'image/png', 'content type %s' % media[0].content_type)
        with open(logo, 'rb') as f:
            check(media[0].blob == f.read(), 'the image part is not the logo\'s bytes')
    rels = [r for r in d.part.rels.values() if r.reltype == RT.IMAGE]
    check(len(rels) == 1 and not rels[0].is_external, 'image relationships: %d' % len(rels))
    shapes = d.inline_shapes
    check(len(shapes) == 1, 'inline shapes: %d' % len(shapes))
    if shapes and rels:
        check((shapes[0].width, shapes[0].height) == (cx, cy),
              'picture %s x %s EMU, wanted %s x %s' % (shapes[0].width, shapes[0].height, cx, cy))
        blips = list(shapes[0]._inline.iter(qn('a:blip')))
        check(len(blips) == 1 and blips[0].get(qn('r:embed')) == rels[0].rId,
              'the picture does not name the image relationship')
        check(rels[0].target_part is media[0] if media else False, 'the relationship is not to the image part')
    first = d.paragraphs[0]
    check(first._p.find('.//' + qn('wp:inline')) is not None, 'the first paragraph holds no inline picture')
    check(first.alignment == WD_ALIGN_PARAGRAPH.CENTER or
          first.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER, 'the logo is not centred')
    cover = []
    for p in d.paragraphs:
        if p._p.find('.//' + qn('w:pageBreakBefore')) is not None:
            break
        cover.append(p.text)
    for line in lines:
        check(line in cover, '%r not on the cover: %s' % (line, cover))
    for f in failed:
        print(f)
    sys.exit(1 if failed else 0)


main()
