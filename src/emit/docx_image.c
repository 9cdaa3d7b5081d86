/*
 * Word: the cover's logo as a picture of the document.  The file (read as
 * the HTML reads it, from beside the manifest) goes into the package as
 * word/media/image1.png or .jpeg with a relationship of its own
 * (docx_package.c); here it is an inline DrawingML picture
 * (<w:drawing><wp:inline>, a:graphic holding a pic:pic whose a:blip
 * names that relationship) in a centred paragraph of the cover.  Its size
 * is the image's own: its pixels at the resolution it states (PNG pHYs,
 * JPEG JFIF density) or at 96 dpi, made smaller, keeping its shape, when
 * it is wider than the text block (ours, or --reference-doc's page less
 * its margins) or taller than a third of it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "emit.h"
#include "docx.h"

#define WP_NS "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
#define A_NS "http://schemas.openxmlformats.org/drawingml/2006/main"
#define PIC_NS "http://schemas.openxmlformats.org/drawingml/2006/picture"

#define EMU_PER_INCH 914400ull
#define EMU_PER_TWIP 635ull
/* the text block in twips: GB/T 9704's 156 × 225 mm, else A4 less 1 inch
 * margins (as docx_package.c sets the page) */
#define ZH_BLOCK_W 8845ull
#define ZH_BLOCK_H 12756ull
#define EN_BLOCK_W 9026ull
#define EN_BLOCK_H 13958ull

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static unsigned
be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

/* A PNG's size from IHDR, its resolution from pHYs (in pixels a metre). */
static int
png_size(const unsigned char *p, size_t n, struct docx_image *im)
{
	static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
	size_t at = 8;

	if (n < 33 || memcmp(p, sig, 8) || memcmp(p + 12, "IHDR", 4))
		return -1;
	im->w = be32(p + 16);
	im->h = be32(p + 20);
	while (at + 8 <= n) {
		uint32_t len = be32(p + at);

		if (len > n - at - 8)
			break;
		if (!memcmp(p + at + 4, "IDAT", 4))
			break;
		if (!memcmp(p + at + 4, "pHYs", 4) && len >= 9 && p[at + 16] == 1) {
			im->dpi_x = (be32(p + at + 8) * 254ull + 5000) / 10000;
			im->dpi_y = (be32(p + at + 12) * 254ull + 5000) / 10000;
		}
		at += (size_t)len + 12;
	}
	return 0;
}

/* A JPEG's size from its frame header (SOFn), its resolution from JFIF. */
static int
jpeg_size(const unsigned char *p, size_t n, struct docx_image *im)
{
	size_t at = 2;

	if (n < 4 || p[0] != 0xFF || p[1] != 0xD8)
		return -1;
	while (at + 4 <= n) {
		unsigned m, len;

		if (p[at] != 0xFF)
			return -1;
		m = p[at + 1];
		if (m == 0xFF) {	/* fill */
			at++;
			continue;
		}
		if (m == 0x01 || (m >= 0xD0 && m <= 0xD7)) {	/* no length */
			at += 2;
			continue;
		}
		len = be16(p + at + 2);
		if (len < 2 || len > n - at - 2 || m == 0xDA || m == 0xD9)
			return -1;	/* the scan before any frame: no size */
		if (m == 0xE0 && len >= 14 && !memcmp(p + at + 4, "JFIF", 5) && p[at + 11]) {
			unsigned dx = be16(p + at + 12), dy = be16(p + at + 14);

			/* units 1: dots an inch, 2: dots a centimetre */
			im->dpi_x = p[at + 11] == 2 ? (dx * 254 + 50) / 100 : dx;
			im->dpi_y = p[at + 11] == 2 ? (dy * 254 + 50) / 100 : dy;
		}
		if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
			if (len < 7)
				return -1;
			im->h = be16(p + at + 5);
			im->w = be16(p + at + 7);
			return 0;
		}
		at += 2 + (size_t)len;
	}
	return -1;
}

int
docx_image_read(const rb_document *doc, struct docx_image *im)
{
	const unsigned char *p;
	int r;

	memset(im, 0, sizeof(*im));
	rb_buf_init(&im->bytes);
	if (!rb_logo_read(doc, &im->bytes, &im->png))
		return -1;
	p = (const unsigned char *)im->bytes.data;
	r = im->png ? png_size(p, im->bytes.len, im) : jpeg_size(p, im->bytes.len, im);
	/* no logo is a million pixels wide (and the arithmetic of extent()
	 * stays inside 64 bits) */
	if (r < 0 || !im->w || !im->h || im->w > 1000000 || im->h > 1000000) {
		rb_buf_free(&im->bytes);
		return -2;
	}
	/* a resolution nobody sets: the screen's */
	if (im->dpi_x < 10 || im->dpi_x > 10000 || im->dpi_y < 10 || im->dpi_y > 10000)
		im->dpi_x = im->dpi_y = 96;
	return 0;
}

/* The value of attribute name in the first element el of xml (the page
 * of --reference-doc), or 0. */
static unsigned long
page_value(const char *xml, const char *el, const char *name)
{
	const char *e = xml ? strstr(xml, el) : NULL, *end, *a;
	size_t n = strlen(name);

	if (!e || !(end = strchr(e, '>')))
		return 0;
	for (a = e; (a = strstr(a, name)) != NULL && a < end; a += n)
		if (a[-1] == ' ' && a[n] == '=' && a[n + 1] == '"')
			return strtoul(a + n + 2, NULL, 10);
	return 0;
}

/* The text block in twips: the reference document's page when it sets
 * one, else ours. */
static void
text_block(const struct docx_state *st, uint64_t *w, uint64_t *h)
{
	unsigned long pw = page_value(st->ref_page, "<w:pgSz", "w:w"), ph = page_value(st->ref_page, "<w:pgSz", "w:h");
	unsigned long l = page_value(st->ref_page, "<w:pgMar", "w:left"), r = page_value(st->ref_page, "<w:pgMar", "w:right");
	unsigned long t = page_value(st->ref_page, "<w:pgMar", "w:top");
	unsigned long b = page_value(st->ref_page, "<w:pgMar", "w:bottom");

	*w = st->zh ? ZH_BLOCK_W : EN_BLOCK_W;
	*h = st->zh ? ZH_BLOCK_H : EN_BLOCK_H;
	if (pw > l + r + 720 && pw < 100000)
		*w = pw - l - r;
	if (ph > t + b + 720 && ph < 100000)
		*h = ph - t - b;
}

/* Its size on the page in EMU: as the image says, at most the text
 * block's width and a third of its height, its shape kept. */
static void
extent(const struct docx_state *st, const struct docx_image *im, uint64_t *cx, uint64_t *cy)
{
	uint64_t max_w, max_h;

	text_block(st, &max_w, &max_h);
	max_w *= EMU_PER_TWIP;
	max_h = max_h * EMU_PER_TWIP / 3;

	*cx = (uint64_t)im->w * EMU_PER_INCH / im->dpi_x;
	*cy = (uint64_t)im->h * EMU_PER_INCH / im->dpi_y;
	if (*cx > max_w) {
		*cy = *cy * max_w / *cx;
		*cx = max_w;
	}
	if (*cy > max_h) {
		*cx = *cx * max_h / *cy;
		*cy = max_h;
	}
	if (!*cx)
		*cx = 1;
	if (!*cy)
		*cy = 1;
}

static void
attr_u64(struct docx_state *st, const char *name, uint64_t v)
{
	char s[24];

	snprintf(s, sizeof(s), "%llu", (unsigned long long)v);
	docx_attr(st, name, s);
}

static void
size_element(struct docx_state *st, const char *name, uint64_t cx, uint64_t cy)
{
	docx_start(st, name);
	attr_u64(st, "cx", cx);
	attr_u64(st, "cy", cy);
	docx_end(st);
}

/* The picture: wp:inline > a:graphic > a:graphicData > pic:pic, its
 * namespaces declared where they start (as python-docx writes them). */
static void
inline_picture(struct docx_state *st, const struct docx_image *im)
{
	uint64_t cx, cy;

	extent(st, im, &cx, &cy);
	docx_start(st, "w:r");
	docx_start(st, "w:drawing");
	docx_start(st, "wp:inline");
	docx_attr(st, "xmlns:wp", WP_NS);
	docx_attr(st, "distT", "0");
	docx_attr(st, "distB", "0");
	docx_attr(st, "distL", "0");
	docx_attr(st, "distR", "0");
	size_element(st, "wp:extent", cx, cy);
	docx_start(st, "wp:docPr");
	docx_attr(st, "id", "1");
	docx_attr(st, "name", "Logo");
	docx_end(st);
	docx_start(st, "wp:cNvGraphicFramePr");
	docx_start(st, "a:graphicFrameLocks");
	docx_attr(st, "xmlns:a", A_NS);
	docx_attr(st, "noChangeAspect", "1");
	docx_end(st);
	docx_end(st);
	docx_start(st, "a:graphic");
	docx_attr(st, "xmlns:a", A_NS);
	docx_start(st, "a:graphicData");
	docx_attr(st, "uri", PIC_NS);
	docx_start(st, "pic:pic");
	docx_attr(st, "xmlns:pic", PIC_NS);
	docx_start(st, "pic:nvPicPr");
	docx_start(st, "pic:cNvPr");
	docx_attr(st, "id", "0");
	docx_attr(st, "name", im->png ? "image1.png" : "image1.jpeg");
	docx_end(st);
	docx_val(st, "pic:cNvPicPr", NULL);
	docx_end(st);	/* pic:nvPicPr */
	docx_start(st, "pic:blipFill");
	docx_start(st, "a:blip");
	docx_attr(st, "r:embed", DOCX_IMAGE_RID);
	docx_end(st);
	docx_start(st, "a:stretch");
	docx_val(st, "a:fillRect", NULL);
	docx_end(st);
	docx_end(st);	/* pic:blipFill */
	docx_start(st, "pic:spPr");
	docx_start(st, "a:xfrm");
	docx_start(st, "a:off");
	docx_attr(st, "x", "0");
	docx_attr(st, "y", "0");
	docx_end(st);
	size_element(st, "a:ext", cx, cy);
	docx_end(st);	/* a:xfrm */
	docx_start(st, "a:prstGeom");
	docx_attr(st, "prst", "rect");
	docx_val(st, "a:avLst", NULL);
	docx_end(st);
	docx_end(st);	/* pic:spPr */
	docx_end(st);	/* pic:pic */
	docx_end(st);	/* a:graphicData */
	docx_end(st);	/* a:graphic */
	docx_end(st);	/* wp:inline */
	docx_end(st);	/* w:drawing */
	docx_end(st);	/* w:r */
}

void
docx_logo_paragraph(struct docx_state *st, const struct docx_image *im, unsigned flags)
{
	docx_para_close(st);
	docx_start(st, "w:p");
	docx_start(st, "w:pPr");	/* in the schema's order */
	docx_val(st, "w:pStyle", "CoverInfo");
	docx_val(st, "w:keepNext", NULL);
	/* a line as tall as the picture: neither the grid nor the exact
	 * spacing of Chinese body text may cut it */
	docx_val(st, "w:snapToGrid", "0");
	docx_start(st, "w:spacing");
	if (flags & P_COVER)
		docx_attr(st, "w:before", st->zh ? "3474" : "3600");
	docx_attr(st, "w:after", st->zh ? "579" : "240");
	docx_attr(st, "w:line", "240");
	docx_attr(st, "w:lineRule", "auto");
	docx_end(st);
	docx_val(st, "w:jc", "center");
	docx_end(st);	/* w:pPr */
	inline_picture(st, im);
	docx_end(st);	/* w:p */
	st->after_table = 0;
}
