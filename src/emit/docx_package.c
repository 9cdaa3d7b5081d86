/*
 * The parts of a Word package around word/document.xml, and the zip.
 *
 * Styles are named after their role in a rulebook (Title, heading 1–4 for
 * 编 章 节 and unnumbered headings, Article, Article Label, Item 1–4 and
 * their labels, Body Text, Closing for 落款, Table Text, toc 1–3).
 * Chinese documents get GB/T 9704's page and type: A4, a 156 × 225 mm
 * text block 37 mm from the top and 28 mm from the inner edge (margins
 * mirrored), 22 lines of 仿宋 三号, the title in 方正小标宋 二号, 一、 in
 * 黑体, （一） in 楷体, page numbers "— 1 —" in 四号 宋体 on the outer side;
 * fonts an office may lack name their common stand-in (w:altName).
 * Others get A4 with 1 inch margins, Times New Roman 12 pt and Calibri
 * headings.  No numbering part: every label is text of ours.
 *
 * The zip is libzip's (opened, not linked), entries in a fixed order
 * with a fixed time, so the same input gives the same bytes; a cover's
 * logo is word/media/image1.png (or .jpeg), the last of them.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "rulebook.h"
#include "docx.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define R_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define REL_NS "http://schemas.openxmlformats.org/package/2006/relationships"
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

/* GB/T 9704 in twips (1 mm = 56.7): the text block 156 × 225 mm on A4
 * (210 × 297), 37 mm from the top, 28 mm from the inner edge; 22 lines
 * of 28.95 pt; the page number 7 mm below the block. */
#define A4_W 11906
#define A4_H 16838
#define ZH_TOP 2098
#define ZH_BOTTOM 1984
#define ZH_INNER 1587
#define ZH_OUTER 1474
#define ZH_FOOTER 1304
#define ZH_LINE 579

/* Fonts (eastAsia): their usual names in an office, and what Word and
 * WPS take when one is missing. */
#define F_TITLE "方正小标宋简体"
#define F_BODY "仿宋_GB2312"
#define F_HEI "黑体"
#define F_KAI "楷体_GB2312"
#define F_SONG "宋体"

/* ---- libzip, opened when a Word file is written ----
 *
 * Linked, libzip brings libcrypto, bzip2 and lzma into every run: the
 * dynamic loader's work for each start grew twentyfold (about 5 ms a
 * run, more than a check of a small law takes).  So, as with libxml2
 * (xmllib.h), the program does not link it: the first Word file opens it
 * (the soname its headers belong to, found at build time). */

#ifndef RB_LIBZIP
#define RB_LIBZIP "libzip.so.4"
#endif

#define RB_ZIP_FUNCS(X) \
	X(zip_close) \
	X(zip_discard) \
	X(zip_error_fini) \
	X(zip_error_init) \
	X(zip_error_init_with_code) \
	X(zip_error_strerror) \
	X(zip_fclose) \
	X(zip_file_add) \
	X(zip_file_set_dostime) \
	X(zip_fopen) \
	X(zip_fread) \
	X(zip_open) \
	X(zip_open_from_source) \
	X(zip_set_file_compression) \
	X(zip_source_buffer) \
	X(zip_source_buffer_create) \
	X(zip_source_close) \
	X(zip_source_free) \
	X(zip_source_keep) \
	X(zip_source_open) \
	X(zip_source_read) \
	X(zip_source_stat) \
	X(zip_stat)

static struct {
#define RB_ZIP_MEMBER(f) __typeof__(f) *f;
	RB_ZIP_FUNCS(RB_ZIP_MEMBER)
#undef RB_ZIP_MEMBER
} zl;

static pthread_mutex_t zl_lock = PTHREAD_MUTEX_INITIALIZER;
static int zl_state;		/* 0 not yet, 1 loaded, 2 failed */
static char zl_failure[256];

static int
zl_load(void)
{
	static const struct {
		const char *name;
		size_t at;
	} fn[] = {
#define RB_ZIP_ENTRY(f) {#f, offsetof(__typeof__(zl), f)},
		RB_ZIP_FUNCS(RB_ZIP_ENTRY)
#undef RB_ZIP_ENTRY
	};
	void *h = dlopen(RB_LIBZIP, RTLD_LAZY | RTLD_LOCAL), *p;
	const char *e;
	size_t i;

	for (i = 0; h && i < sizeof(fn) / sizeof(fn[0]); i++) {
		if (!(p = dlsym(h, fn[i].name)))
			break;
		memcpy((char *)&zl + fn[i].at, &p, sizeof(p));
	}
	if (h && i == sizeof(fn) / sizeof(fn[0]))
		return 1;
	e = dlerror();
	snprintf(zl_failure, sizeof(zl_failure), "%s", e ? e : "cannot load it");
	return 2;
}

int
rb_docx_zip_ready(rb_diags *d, const char *source)
{
	int s;

	pthread_mutex_lock(&zl_lock);
	if (zl_state == 0)
		zl_state = zl_load();
	s = zl_state;
	pthread_mutex_unlock(&zl_lock);
	if (s == 1)
		return 0;
	rb_diag_report(d, RB_D_OUTPUT_WRITE, source, 0, 0, "cannot write Word without libzip (%s)", zl_failure);
	return -1;
}

/* ---- styles.xml ---- */

struct style_def {
	const char *type;	/* paragraph, character */
	const char *id, *name, *based, *next;
	const char *ppr, *rpr;	/* the XML inside w:pPr and w:rPr */
};

static void
put_style(rb_buf *b, const struct style_def *s)
{
	rb_buf_printf(b, "<w:style w:type=\"%s\" w:styleId=\"%s\"", s->type, s->id);
	if (!strcmp(s->id, "Normal"))
		rb_buf_adds(b, " w:default=\"1\"");
	rb_buf_printf(b, "><w:name w:val=\"%s\"/>", s->name);
	if (s->based)
		rb_buf_printf(b, "<w:basedOn w:val=\"%s\"/>", s->based);
	if (s->next)
		rb_buf_printf(b, "<w:next w:val=\"%s\"/>", s->next);
	rb_buf_adds(b, "<w:qFormat/>");
	if (s->ppr)
		rb_buf_printf(b, "<w:pPr>%s</w:pPr>", s->ppr);
	if (s->rpr)
		rb_buf_printf(b, "<w:rPr>%s</w:rPr>", s->rpr);
	rb_buf_adds(b, "</w:style>");
}

#define FONTS(ascii, east) \
	"<w:rFonts w:ascii=\"" ascii "\" w:hAnsi=\"" ascii "\" w:eastAsia=\"" east "\" w:cs=\"" ascii "\"/>"
#define CENTRED "<w:jc w:val=\"center\"/>"
#define INDENT2 "<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/>"

static const struct style_def zh_styles[] = {
	{"paragraph", "Normal", "Normal", NULL, NULL,
	 "<w:spacing w:line=\"579\" w:lineRule=\"exact\"/><w:jc w:val=\"both\"/>", NULL},
	{"paragraph", "Title", "Title", "Normal", "DocumentInfo",
	 "<w:keepNext/><w:spacing w:before=\"0\" w:after=\"579\" w:line=\"579\" w:lineRule=\"exact\"/>"
	 CENTRED "<w:outlineLvl w:val=\"0\"/>",
	 FONTS("Times New Roman", F_TITLE) "<w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/>"},
	{"paragraph", "DocumentInfo", "Document Info", "Normal", "BodyText",
	 "<w:keepNext/>" CENTRED, FONTS("Times New Roman", F_KAI)},
	{"paragraph", "History", "History", "Normal", "BodyText",
	 "<w:keepNext/>" CENTRED, FONTS("Times New Roman", F_KAI)},
	{"paragraph", "Heading1", "heading 1", "Normal", "BodyText",
	 "<w:keepNext/><w:spacing w:before=\"290\" w:after=\"290\"/>" CENTRED "<w:outlineLvl w:val=\"0\"/>",
	 FONTS("Times New Roman", F_HEI)},
	{"paragraph", "Heading2", "heading 2", "Normal", "BodyText",
	 "<w:keepNext/><w:spacing w:before=\"290\" w:after=\"290\"/>" CENTRED "<w:outlineLvl w:val=\"1\"/>",
	 FONTS("Times New Roman", F_HEI)},
	{"paragraph", "Heading3", "heading 3", "Normal", "BodyText",
	 "<w:keepNext/>" CENTRED "<w:outlineLvl w:val=\"2\"/>", FONTS("Times New Roman", F_HEI)},
	{"paragraph", "Heading4", "heading 4", "Normal", "BodyText",
	 "<w:keepNext/>" CENTRED "<w:outlineLvl w:val=\"3\"/>", FONTS("Times New Roman", F_KAI)},
	{"paragraph", "BodyText", "Body Text", "Normal", NULL, INDENT2, NULL},
	{"paragraph", "Article", "Article", "BodyText", NULL, NULL, NULL},
	{"paragraph", "Item1", "Item 1", "BodyText", NULL, NULL, NULL},
	{"paragraph", "Item2", "Item 2", "BodyText", NULL, NULL, NULL},
	{"paragraph", "Item3", "Item 3", "BodyText", NULL, NULL, NULL},
	{"paragraph", "Item4", "Item 4", "BodyText", NULL, NULL, NULL},
	/* the 落款: the date four characters in from the right; no extra
	 * space between Chinese and digits, so that a line is as wide as
	 * its characters and the signature can be centred over the date */
	{"paragraph", "Closing", "Closing", "Normal", NULL,
	 "<w:autoSpaceDE w:val=\"0\"/><w:autoSpaceDN w:val=\"0\"/>"
	 "<w:ind w:right=\"1280\" w:rightChars=\"400\"/><w:jc w:val=\"right\"/>",
	 NULL},
	{"paragraph", "TableText", "Table Text", "Normal", NULL,
	 "<w:spacing w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"left\"/>",
	 "<w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/>"},
	{"paragraph", "CoverInfo", "Cover Info", "Normal", NULL, CENTRED, FONTS("Times New Roman", F_KAI)},
	{"paragraph", "TOCHeading", "TOC Heading", "Normal", "TOC1",
	 "<w:spacing w:after=\"579\"/>" CENTRED, FONTS("Times New Roman", F_HEI)},
	{"paragraph", "TOC1", "toc 1", "Normal", NULL,
	 "<w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"8845\"/></w:tabs>", NULL},
	{"paragraph", "TOC2", "toc 2", "TOC1", NULL, "<w:ind w:left=\"640\"/>", NULL},
	{"paragraph", "TOC3", "toc 3", "TOC1", NULL, "<w:ind w:left=\"1280\"/>", NULL},
	{"paragraph", "Footer", "footer", "Normal", NULL, "<w:spacing w:line=\"240\" w:lineRule=\"auto\"/>",
	 FONTS(F_SONG, F_SONG) "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>"},
	{"character", "ArticleLabel", "Article Label", NULL, NULL, NULL, FONTS("Times New Roman", F_HEI)},
	{"character", "ItemLabel1", "Item Label 1", NULL, NULL, NULL, FONTS("Times New Roman", F_HEI)},
	{"character", "ItemLabel2", "Item Label 2", NULL, NULL, NULL, FONTS("Times New Roman", F_KAI)},
	{"character", "Hyperlink", "Hyperlink", NULL, NULL, NULL,
	 "<w:color w:val=\"0563C1\"/><w:u w:val=\"single\"/>"},
	{"character", "Code", "Code", NULL, NULL, NULL, FONTS("Courier New", F_BODY)},
	{NULL, NULL, NULL, NULL, NULL, NULL, NULL},
};

#define EN_FONTS FONTS("Times New Roman", "SimSun")
#define EN_HEAD FONTS("Calibri", "SimHei") "<w:b/><w:bCs/>"

static const struct style_def en_styles[] = {
	{"paragraph", "Normal", "Normal", NULL, NULL,
	 "<w:spacing w:after=\"120\" w:line=\"264\" w:lineRule=\"auto\"/>", NULL},
	{"paragraph", "Title", "Title", "Normal", "DocumentInfo",
	 "<w:keepNext/><w:spacing w:after=\"240\"/>" CENTRED "<w:outlineLvl w:val=\"0\"/>",
	 EN_HEAD "<w:sz w:val=\"40\"/><w:szCs w:val=\"40\"/>"},
	{"paragraph", "DocumentInfo", "Document Info", "Normal", "BodyText", "<w:keepNext/>" CENTRED, NULL},
	{"paragraph", "History", "History", "Normal", "BodyText", "<w:keepNext/>" CENTRED,
	 "<w:i/><w:iCs/>"},
	{"paragraph", "Heading1", "heading 1", "Normal", "BodyText",
	 "<w:keepNext/><w:spacing w:before=\"360\" w:after=\"120\"/>" CENTRED "<w:outlineLvl w:val=\"0\"/>",
	 EN_HEAD "<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/>"},
	{"paragraph", "Heading2", "heading 2", "Normal", "BodyText",
	 "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/><w:outlineLvl w:val=\"1\"/>",
	 EN_HEAD "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>"},
	{"paragraph", "Heading3", "heading 3", "Normal", "BodyText",
	 "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"60\"/><w:outlineLvl w:val=\"2\"/>",
	 EN_HEAD "<w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/>"},
	{"paragraph", "Heading4", "heading 4", "Normal", "BodyText",
	 "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"60\"/><w:outlineLvl w:val=\"3\"/>",
	 EN_HEAD "<w:i/><w:iCs/><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/>"},
	{"paragraph", "BodyText", "Body Text", "Normal", NULL, NULL, NULL},
	{"paragraph", "Article", "Article", "BodyText", NULL, NULL, NULL},
	{"paragraph", "Item1", "Item 1", "BodyText", NULL, "<w:ind w:left=\"720\" w:hanging=\"360\"/>", NULL},
	{"paragraph", "Item2", "Item 2", "BodyText", NULL, "<w:ind w:left=\"1080\" w:hanging=\"360\"/>", NULL},
	{"paragraph", "Item3", "Item 3", "BodyText", NULL, "<w:ind w:left=\"1440\" w:hanging=\"360\"/>", NULL},
	{"paragraph", "Item4", "Item 4", "BodyText", NULL, "<w:ind w:left=\"1800\" w:hanging=\"360\"/>", NULL},
	{"paragraph", "Closing", "Closing", "Normal", NULL,
	 "<w:jc w:val=\"right\"/>", NULL},
	{"paragraph", "TableText", "Table Text", "Normal", NULL,
	 "<w:spacing w:after=\"0\"/>", "<w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/>"},
	{"paragraph", "CoverInfo", "Cover Info", "Normal", NULL, CENTRED, NULL},
	{"paragraph", "TOCHeading", "TOC Heading", "Normal", "TOC1",
	 "<w:spacing w:after=\"240\"/>" CENTRED, EN_HEAD "<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/>"},
	{"paragraph", "TOC1", "toc 1", "Normal", NULL,
	 "<w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"9016\"/></w:tabs>", NULL},
	{"paragraph", "TOC2", "toc 2", "TOC1", NULL, "<w:ind w:left=\"360\"/>", NULL},
	{"paragraph", "TOC3", "toc 3", "TOC1", NULL, "<w:ind w:left=\"720\"/>", NULL},
	{"paragraph", "Footer", "footer", "Normal", NULL, "<w:spacing w:after=\"0\"/>" CENTRED,
	 "<w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/>"},
	{"character", "ArticleLabel", "Article Label", NULL, NULL, NULL, "<w:b/><w:bCs/>"},
	{"character", "ItemLabel1", "Item Label 1", NULL, NULL, NULL, "<w:b/><w:bCs/>"},
	{"character", "ItemLabel2", "Item Label 2", NULL, NULL, NULL, NULL},
	{"character", "Hyperlink", "Hyperlink", NULL, NULL, NULL,
	 "<w:color w:val=\"0563C1\"/><w:u w:val=\"single\"/>"},
	{"character", "Code", "Code", NULL, NULL, NULL, FONTS("Courier New", "SimSun")},
	{NULL, NULL, NULL, NULL, NULL, NULL, NULL},
};

static void
styles_xml(rb_buf *b, int zh)
{
	const struct style_def *s;

	rb_buf_adds(b, XML_DECL "<w:styles xmlns:w=\"" W_NS "\"><w:docDefaults><w:rPrDefault><w:rPr>");
	if (zh)
		rb_buf_adds(b, FONTS("Times New Roman", F_BODY) "<w:kern w:val=\"2\"/>"
			    "<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/>"
			    "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/>");
	else
		rb_buf_adds(b, EN_FONTS "<w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/>"
			    "<w:lang w:val=\"en-GB\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/>");
	rb_buf_adds(b, "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>");
	if (zh)
		rb_buf_adds(b, "<w:widowControl w:val=\"0\"/>");
	rb_buf_adds(b, "</w:pPr></w:pPrDefault></w:docDefaults>");
	for (s = zh ? zh_styles : en_styles; s->type; s++)
		put_style(b, s);
	/* tables ruled all round, as printed regulations have them */
	rb_buf_adds(b, "<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/>"
		    "<w:tblPr><w:tblBorders>"
		    "<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
		    "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
		    "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
		    "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
		    "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
		    "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
		    "</w:tblBorders><w:tblCellMar><w:left w:w=\"108\" w:type=\"dxa\"/>"
		    "<w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
		    "</w:styles>");
}

/* ---- the smaller parts ---- */

static void
font_table_xml(rb_buf *b)
{
	static const char *const fonts[][3] = {	/* name, stand-in, family */
		{"Times New Roman", NULL, "roman"},
		{"Calibri", NULL, "swiss"},
		{"Courier New", NULL, "modern"},
		{F_TITLE, F_SONG, "script"},
		{F_BODY, "仿宋", "modern"},
		{F_KAI, "楷体", "modern"},
		{F_HEI, "SimHei", "modern"},
		{F_SONG, "SimSun", "auto"},
	};
	size_t i;

	rb_buf_adds(b, XML_DECL "<w:fonts xmlns:w=\"" W_NS "\">");
	for (i = 0; i < sizeof(fonts) / sizeof(fonts[0]); i++) {
		rb_buf_printf(b, "<w:font w:name=\"%s\">", fonts[i][0]);
		if (fonts[i][1])
			rb_buf_printf(b, "<w:altName w:val=\"%s\"/>", fonts[i][1]);
		if (fonts[i][1] || !strcmp(fonts[i][0], F_SONG))
			rb_buf_adds(b, "<w:charset w:val=\"86\"/>");
		rb_buf_printf(b, "<w:family w:val=\"%s\"/></w:font>", fonts[i][2]);
	}
	rb_buf_adds(b, "</w:fonts>");
}

static void
settings_xml(rb_buf *b, const struct docx_package *p)
{
	/* elements in the schema's order: Word refuses others */
	rb_buf_adds(b, XML_DECL "<w:settings xmlns:w=\"" W_NS "\"><w:zoom w:percent=\"100\"/>");
	if (p->zh)
		rb_buf_adds(b, "<w:mirrorMargins/>");
	rb_buf_printf(b, "<w:defaultTabStop w:val=\"%d\"/>", p->zh ? 420 : 720);
	if (p->zh)
		rb_buf_adds(b, "<w:evenAndOddHeaders/><w:characterSpacingControl w:val=\"compressPunctuation\"/>");
	/* the 目录 field's page numbers are Word's to fill in */
	if (p->toc)
		rb_buf_adds(b, "<w:updateFields w:val=\"true\"/>");
	rb_buf_adds(b, "<w:compat><w:compatSetting w:name=\"compatibilityMode\" "
		    "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>");
	rb_buf_printf(b, "<w:themeFontLang w:val=\"en-US\" w:eastAsia=\"%s\"/></w:settings>",
		      p->zh ? "zh-CN" : "en-US");
}

/* A footer with the page number: "— 1 —" on the outer side (align) in
 * Chinese documents, the number centred in others. */
static void
footer_xml(rb_buf *b, int zh, const char *align)
{
	static const char page[] =
		"<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
		"<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
		"<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r>"
		"<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";

	rb_buf_adds(b, XML_DECL "<w:ftr xmlns:w=\"" W_NS "\"><w:p><w:pPr><w:pStyle w:val=\"Footer\"/>");
	if (zh) {
		/* one character's room from the edge of the text block */
		rb_buf_printf(b, "<w:ind w:%s=\"280\" w:%sChars=\"100\"/><w:jc w:val=\"%s\"/></w:pPr>"
			      "<w:r><w:t xml:space=\"preserve\">— </w:t></w:r>%s"
			      "<w:r><w:t xml:space=\"preserve\"> —</w:t></w:r>",
			      align, align, align, page);
	} else
		rb_buf_printf(b, "<w:jc w:val=\"center\"/></w:pPr>%s", page);
	rb_buf_adds(b, "</w:p></w:ftr>");
}

void
rb_docx_page_setup(rb_buf *out, int zh, const char *ref_page)
{
	if (ref_page)
		rb_buf_adds(out, ref_page);
	else if (zh)
		rb_buf_printf(out, "<w:pgSz w:w=\"%d\" w:h=\"%d\"/><w:pgMar w:top=\"%d\" w:right=\"%d\" "
			      "w:bottom=\"%d\" w:left=\"%d\" w:header=\"851\" w:footer=\"%d\" w:gutter=\"0\"/>",
			      A4_W, A4_H, ZH_TOP, ZH_OUTER, ZH_BOTTOM, ZH_INNER, ZH_FOOTER);
	else
		rb_buf_printf(out, "<w:pgSz w:w=\"%d\" w:h=\"%d\"/><w:pgMar w:top=\"1440\" w:right=\"1440\" "
			      "w:bottom=\"1440\" w:left=\"1440\" w:header=\"720\" w:footer=\"720\" w:gutter=\"0\"/>",
			      A4_W, A4_H);
}

/* s with & < > " escaped, for the few attribute values that come from a
 * document (link targets) or its title. */
static void
put_escaped(rb_buf *b, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '&': rb_buf_adds(b, "&amp;"); break;
		case '<': rb_buf_adds(b, "&lt;"); break;
		case '>': rb_buf_adds(b, "&gt;"); break;
		case '"': rb_buf_adds(b, "&quot;"); break;
		default:
			/* XML 1.0 has no other control characters */
			if ((unsigned char)*s >= 0x20 || *s == '\t')
				rb_buf_addc(b, *s);
		}
}

static void
document_rels_xml(rb_buf *b, const struct docx_package *p)
{
	size_t i;

	rb_buf_adds(b, XML_DECL "<Relationships xmlns=\"" REL_NS "\">"
		    "<Relationship Id=\"rId1\" Type=\"" R_NS "/styles\" Target=\"styles.xml\"/>"
		    "<Relationship Id=\"rId2\" Type=\"" R_NS "/settings\" Target=\"settings.xml\"/>"
		    "<Relationship Id=\"rId3\" Type=\"" R_NS "/fontTable\" Target=\"fontTable.xml\"/>"
		    "<Relationship Id=\"rId4\" Type=\"" R_NS "/footer\" Target=\"footer1.xml\"/>");
	if (p->zh)
		rb_buf_adds(b, "<Relationship Id=\"rId5\" Type=\"" R_NS "/footer\" Target=\"footer2.xml\"/>");
	if (p->image)
		rb_buf_printf(b, "<Relationship Id=\"" DOCX_IMAGE_RID "\" Type=\"" R_NS "/image\" Target=\"media/%s\"/>",
			      p->image_png ? "image1.png" : "image1.jpeg");
	for (i = 0; i < p->nlinks; i++) {
		rb_buf_printf(b, "<Relationship Id=\"rIdLink%zu\" Type=\"" R_NS "/hyperlink\" Target=\"", i + 1);
		put_escaped(b, p->links[i]);
		rb_buf_adds(b, "\" TargetMode=\"External\"/>");
	}
	rb_buf_adds(b, "</Relationships>");
}

static void
content_types_xml(rb_buf *b, const struct docx_package *p)
{
	int zh = p->zh;

	rb_buf_adds(b, XML_DECL "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
		    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
		    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>");
	if (p->image)
		rb_buf_adds(b, p->image_png ? "<Default Extension=\"png\" ContentType=\"image/png\"/>"
					    : "<Default Extension=\"jpeg\" ContentType=\"image/jpeg\"/>");
	rb_buf_adds(b,
		    "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
		    "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
		    "<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
		    "<Override PartName=\"/word/fontTable.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>"
		    "<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>");
	if (zh)
		rb_buf_adds(b, "<Override PartName=\"/word/footer2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>");
	rb_buf_adds(b, "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
		    "</Types>");
}

static void
package_rels_xml(rb_buf *b)
{
	rb_buf_adds(b, XML_DECL "<Relationships xmlns=\"" REL_NS "\">"
		    "<Relationship Id=\"rId1\" Type=\"" R_NS "/officeDocument\" Target=\"word/document.xml\"/>"
		    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
		    "</Relationships>");
}

/* No dates: the same input gives the same bytes. */
static void
core_xml(rb_buf *b, const struct docx_package *p)
{
	rb_buf_adds(b, XML_DECL "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
		    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>");
	put_escaped(b, p->title ? p->title : "");
	rb_buf_adds(b, "</dc:title><dc:language>");
	put_escaped(b, p->lang ? p->lang : "");
	rb_buf_adds(b, "</dc:language><dc:creator>rulebook</dc:creator></cp:coreProperties>");
}

/* ---- the zip ---- */

enum { P_TYPES, P_RELS, P_CORE, P_DOC_RELS, P_STYLES, P_SETTINGS, P_FONTS, P_FOOTER1, P_FOOTER2, P__COUNT };

int
rb_docx_zip(const struct docx_package *p, rb_buf *out, const char **why)
{
	static const char *const names[P__COUNT] = {
		"[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "word/_rels/document.xml.rels",
		"word/styles.xml", "word/settings.xml", "word/fontTable.xml", "word/footer1.xml",
		"word/footer2.xml",
	};
	rb_buf part[P__COUNT];
	zip_error_t err;
	zip_source_t *mem = NULL, *s;
	zip_t *za = NULL;
	zip_stat_t st;
	int i, r = -1;

	for (i = 0; i < P__COUNT; i++)
		rb_buf_init(&part[i]);
	content_types_xml(&part[P_TYPES], p);
	package_rels_xml(&part[P_RELS]);
	core_xml(&part[P_CORE], p);
	document_rels_xml(&part[P_DOC_RELS], p);
	if (p->reference_styles)
		rb_buf_adds(&part[P_STYLES], p->reference_styles);
	else
		styles_xml(&part[P_STYLES], p->zh);
	settings_xml(&part[P_SETTINGS], p);
	font_table_xml(&part[P_FONTS]);
	footer_xml(&part[P_FOOTER1], p->zh, "right");	/* odd pages */
	if (p->zh)
		footer_xml(&part[P_FOOTER2], p->zh, "left");	/* even pages */

	*why = "cannot make the zip";
	zl.zip_error_init(&err);
	if (!(mem = zl.zip_source_buffer_create(NULL, 0, 0, &err)))
		goto done;
	zl.zip_source_keep(mem);	/* read back after zip_close */
	if (!(za = zl.zip_open_from_source(mem, ZIP_TRUNCATE, &err)))
		goto done;
	/* [Content_Types].xml first, as Word writes it */
	for (i = 0; i < P__COUNT + 1; i++) {
		int k = i < P_DOC_RELS ? i : i - 1;	/* document.xml before its relationships */
		const char *name = i == P_DOC_RELS ? "word/document.xml" : names[k];
		const rb_buf *b = i == P_DOC_RELS ? p->document : &part[k];
		zip_int64_t at;

		if (!b->len)
			continue;	/* footer2.xml of a document without even pages */
		if (!(s = zl.zip_source_buffer(za, b->data, b->len, 0)))
			goto done;
		if ((at = zl.zip_file_add(za, name, s, ZIP_FL_ENC_UTF_8)) < 0) {
			zl.zip_source_free(s);
			goto done;
		}
		/* 1980-01-01 00:00, the zip's first day: no clock, no time zone */
		if (zl.zip_set_file_compression(za, (zip_uint64_t)at, ZIP_CM_DEFLATE, 6) < 0 ||
		    zl.zip_file_set_dostime(za, (zip_uint64_t)at, 0, (1 << 5) | 1, 0) < 0)
			goto done;
	}
	/* the logo, stored as it is (a PNG or JPEG is compressed already) */
	if (p->image && p->image->len) {
		zip_int64_t at;

		if (!(s = zl.zip_source_buffer(za, p->image->data, p->image->len, 0)))
			goto done;
		if ((at = zl.zip_file_add(za, p->image_png ? "word/media/image1.png" : "word/media/image1.jpeg", s,
					  ZIP_FL_ENC_UTF_8)) < 0) {
			zl.zip_source_free(s);
			goto done;
		}
		if (zl.zip_set_file_compression(za, (zip_uint64_t)at, ZIP_CM_STORE, 0) < 0 ||
		    zl.zip_file_set_dostime(za, (zip_uint64_t)at, 0, (1 << 5) | 1, 0) < 0)
			goto done;
	}
	if (zl.zip_close(za) < 0)
		goto done;
	za = NULL;
	if (zl.zip_source_stat(mem, &st) < 0 || !(st.valid & ZIP_STAT_SIZE) || zl.zip_source_open(mem) < 0)
		goto done;
	{
		size_t at = out->len;

		rb_buf_add(out, "", 0);
		out->len = at;
		if (st.size) {
			char *dst = rb_xmalloc((size_t)st.size);

			if (zl.zip_source_read(mem, dst, st.size) == (zip_int64_t)st.size) {
				rb_buf_add(out, dst, (size_t)st.size);
				r = 0;
			}
			free(dst);
		}
		zl.zip_source_close(mem);
	}
done:
	if (za)
		zl.zip_discard(za);
	if (mem)
		zl.zip_source_free(mem);
	zl.zip_error_fini(&err);
	for (i = 0; i < P__COUNT; i++)
		rb_buf_free(&part[i]);
	return r;
}

/* ---- --reference-doc ---- */

static char *
read_entry(zip_t *za, const char *name)
{
	zip_stat_t st;
	zip_file_t *f;
	char *data;

	if (zl.zip_stat(za, name, 0, &st) < 0 || !(st.valid & ZIP_STAT_SIZE) || st.size > (64u << 20))
		return NULL;
	if (!(f = zl.zip_fopen(za, name, 0)))
		return NULL;
	data = rb_xmalloc((size_t)st.size + 1);
	if (zl.zip_fread(f, data, st.size) != (zip_int64_t)st.size) {
		free(data);
		data = NULL;
	} else
		data[st.size] = '\0';
	zl.zip_fclose(f);
	return data;
}

/* The element <w:NAME …/> in s, or "" when there is none. */
static void
copy_empty_element(rb_buf *out, const char *s, const char *name)
{
	const char *at = s, *end;
	size_t n = strlen(name);

	while ((at = strstr(at, name)) != NULL) {
		if ((at[n] == ' ' || at[n] == '/') && at > s && at[-1] == '<')
			break;
		at += n;
	}
	if (!at || !(end = strstr(at, "/>")) || memchr(at, '>', (size_t)(end - at)))
		return;	/* not empty: not ours to copy */
	rb_buf_add(out, at - 1, (size_t)(end + 2 - (at - 1)));
}

int
rb_docx_read_reference(const char *path, char **styles, char **page, rb_diags *d)
{
	int err = 0;
	zip_t *za = zl.zip_open(path, ZIP_RDONLY, &err);
	char *doc;

	*styles = *page = NULL;
	if (!za) {
		zip_error_t ze;

		zl.zip_error_init_with_code(&ze, err);
		rb_diag_report(d, RB_D_INPUT_UNREADABLE, path, 0, 0, "cannot read the reference document: %s",
			       zl.zip_error_strerror(&ze));
		zl.zip_error_fini(&ze);
		return -1;
	}
	if (!(*styles = read_entry(za, "word/styles.xml"))) {
		rb_diag_report(d, RB_D_INPUT_UNREADABLE, path, 0, 0, "the reference document has no word/styles.xml");
		zl.zip_discard(za);
		return -1;
	}
	/* the last section's page, where the document ends */
	if ((doc = read_entry(za, "word/document.xml")) != NULL) {
		const char *s, *last = NULL;

		for (s = doc; (s = strstr(s, "<w:sectPr")) != NULL; s++)
			last = s;
		if (last) {
			rb_buf b;

			rb_buf_init(&b);
			copy_empty_element(&b, last, "w:pgSz");
			copy_empty_element(&b, last, "w:pgMar");
			if (b.len)
				*page = rb_buf_detach(&b);
			rb_buf_free(&b);
		}
		free(doc);
	}
	zl.zip_discard(za);
	return 0;
}
