/* Private to the Word emitter: docx.c writes word/document.xml from the
 * tree, docx_runs.c the runs and paragraphs of clause text (Markdown),
 * docx_package.c the parts around it (styles, settings, footers,
 * relationships) and the zip they go out in. */
#ifndef RB_DOCX_H
#define RB_DOCX_H

#include "rulebook.h"

/* What the parts around the document depend on. */
struct docx_package {
	int zh;			/* Chinese conventions: GB/T 9704 page and fonts */
	int toc;		/* a 目录 for Word to refresh */
	const char *title;	/* for docProps/core.xml */
	const char *lang;
	const char *const *links;	/* external hyperlinks, relationship rIdLinkN is links[N-1] */
	size_t nlinks;
	const rb_buf *document;	/* word/document.xml */
	const char *reference_styles;	/* word/styles.xml of --reference-doc, or NULL */
	const rb_buf *image;	/* the cover's logo (word/media/image1.png or .jpeg), or NULL */
	int image_png;		/* … a PNG, else a JPEG */
};

/* The relationship of word/document.xml that names the logo. */
#define DOCX_IMAGE_RID "rIdImage1"

/* The page setup of the section: <w:pgSz/> and <w:pgMar/>, from
 * --reference-doc when it has them (ref_page, or NULL) or the defaults. */
void rb_docx_page_setup(rb_buf *out, int zh, const char *ref_page);

/* Read FILE.docx given as --reference-doc: its word/styles.xml into
 * *styles and its section's page size and margins (as XML) into *page
 * (NULL when it has none); 0, or -1 with a diagnostic. */
int rb_docx_read_reference(const char *path, char **styles, char **page, rb_diags *d);

/* Open libzip (once); 0, or -1 with a diagnostic. */
int rb_docx_zip_ready(rb_diags *d, const char *source);

/* Zip the package into out (the same bytes for the same input); 0, or -1
 * with *why set. */
int rb_docx_zip(const struct docx_package *p, rb_buf *out, const char **why);

/* ---- the writing state, shared by docx.c and docx_runs.c ---- */

#include <libxml/xmlwriter.h>
#include "mem/mem.h"
#include "text/buf.h"
#include "text/width.h"
#include "text/markdown.h"
#include "tree/node.h"

/* How a run looks. */
struct fmt {
	const char *cstyle;	/* character style, or NULL */
	unsigned bold : 1, italic : 1, code : 1;
};

/* A paragraph's properties beyond its style. */
enum {
	P_PAGE_BREAK = 1 << 0,	/* starts a page */
	P_COVER = 1 << 1,	/* the cover's title, a third down the page */
	P_GAP = 1 << 2,		/* a blank line before (the 落款's first line) */
	P_RIGHT = 1 << 3,	/* a right indent of st->right_chars (the 落款's signature) */
	P_FOOT = 1 << 4,	/* well below the lines before (the cover's issuer and date) */
};

/* A picture: the cover's logo. */
struct docx_image {
	rb_buf bytes;
	int png;			/* else a JPEG */
	unsigned w, h;			/* pixels */
	unsigned dpi_x, dpi_y;
};

struct doc_mark {
	const rb_node *doc;
	const char *name;
};

struct docx_state {
	const rb_document *doc;
	xmlTextWriterPtr w;
	rb_buf xml;			/* word/document.xml */
	rb_strmap ids;			/* id → clause, for [](#id) */
	rb_strmap marks;		/* id → bookmark name */
	rb_strset names;		/* bookmark names taken */
	rb_strset written;		/* bookmarks written */
	char **owned;			/* the names, freed at the end */
	size_t nowned, capowned;
	struct doc_mark *docs;		/* a book's documents and their bookmarks */
	size_t ndocs;
	char **links;			/* external link targets: rIdLink1 … */
	size_t nlinks, caplinks;
	unsigned next_mark;		/* w:id of the next bookmark */
	int zh;				/* Chinese conventions (the book's language) */
	int in_para;			/* a w:p is open */
	int after_table;		/* the last block written is a table */
	rb_buf text;			/* text not yet written, all of one look */
	struct fmt text_fmt;
	const rb_node *prefix;		/* a clause whose label opens the next paragraph */
	const char *pstyle;		/* the style of the clause's paragraphs */
	unsigned pflags;		/* … and their properties (P_GAP: the first one's) */
	int right_chars;		/* P_RIGHT's indent, in hundredths of a character */
	struct docx_image logo;		/* read when the cover is written */
	int has_logo;
	char bullet[32];		/* a list marker to open the next paragraph */
	int toc_written;
	int md_depth;
	int failed;
	char label[128];
	char *ref_styles, *ref_page;	/* from --reference-doc */
};


/* Elements and attributes through the writer (escaped by it). */
void docx_start(struct docx_state *st, const char *name);
void docx_end(struct docx_state *st);
void docx_attr(struct docx_state *st, const char *name, const char *value);
void docx_val(struct docx_state *st, const char *name, const char *value);	/* <name w:val/> */
void docx_raw(struct docx_state *st, const char *s);	/* markup of ours */
/* Text of a look (a line break <w:br/>, a tab <w:tab/>): one run with
 * the text of the same look next to it. */
void docx_run(struct docx_state *st, const struct fmt *f, const char *s, size_t n);
void docx_runs(struct docx_state *st, const struct fmt *f, const char *s);
/* A paragraph in a style; outline: its level in the 目录 (-1: the style's). */
void docx_para_open(struct docx_state *st, const char *style, unsigned flags, int outline);
void docx_para_close(struct docx_state *st);
void docx_line(struct docx_state *st, const char *style, const char *text);
/* Every bookmark name, decided before any is written; a clause's, and
 * its bookmark where it starts. */
void docx_plan_marks(struct docx_state *st, const rb_document *doc);
const char *docx_mark_of(struct docx_state *st, const rb_node *n);
void docx_bookmark(struct docx_state *st, const rb_node *n);
int docx_is_zh(const rb_node *n);
/* Inline Markdown of one line (a title, a cell) as runs. */
void docx_inline_md(struct docx_state *st, const char *md, struct fmt f);
/* A clause's text (Markdown) as paragraphs of st->pstyle, the first
 * opening with st->prefix's label (docx_write_prefix, in docx.c). */
void docx_markdown(struct docx_state *st, const rb_node *n, const char *md, int with_refs);
void docx_write_prefix(struct docx_state *st, const rb_node *n, int has_text);

/* A metadata line under a title (a date as the document writes dates),
 * and the history (docx.c). */
void docx_info_line(struct docx_state *st, const rb_node *n, const char *style, const char *key,
		    const char *value, int labelled, int is_date);
void docx_history(struct docx_state *st, const rb_node *n);

/* The cover and the 落款 (docx_cover.c): the logo read before the cover
 * is written (0, or -1: an error said in c->d, the cover without it,
 * which the build does not write); the cover; a document's closing
 * line (rb_is_closing); the closing kept as metadata (a book's). */
int docx_cover_logo(struct docx_state *st, rb_emit_ctx *c);
void docx_cover(struct docx_state *st, const rb_node *book);
void docx_closing_paragraph(struct docx_state *st, const rb_node *n);
void docx_closing_meta(struct docx_state *st, const rb_node *n);

/* The cover's logo read (docx_image.c): 0; -1 it cannot be read, -2 its
 * size cannot be (nothing kept). */
int docx_image_read(const rb_document *doc, struct docx_image *im);
/* A centred paragraph holding it (flags: P_COVER). */
void docx_logo_paragraph(struct docx_state *st, const struct docx_image *im, unsigned flags);

#endif
