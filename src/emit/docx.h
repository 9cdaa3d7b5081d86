/* Private to the Word emitter: docx.c writes word/document.xml from the
 * tree, docx_package.c the parts around it (styles, settings, footers,
 * relationships) and the zip they go out in. */
#ifndef RB_DOCX_H
#define RB_DOCX_H

#include "rulebook.h"

/* What the parts around the document depend on. */
struct docx_package {
	int zh;			/* Chinese conventions: GB/T 9704 page and fonts */
	int book;		/* a handbook: cover without page number, 目录 refreshed */
	const char *title;	/* for docProps/core.xml */
	const char *lang;
	const char *const *links;	/* external hyperlinks, relationship rIdLinkN is links[N-1] */
	size_t nlinks;
	const rb_buf *document;	/* word/document.xml */
	const char *reference_styles;	/* word/styles.xml of --reference-doc, or NULL */
};

/* The page setup of the section: <w:pgSz/> and <w:pgMar/>, from
 * --reference-doc when it has them (ref_page, or NULL) or the defaults. */
void rb_docx_page_setup(rb_buf *out, int zh, const char *ref_page);

/* Read FILE.docx given as --reference-doc: its word/styles.xml into
 * *styles and its section's page size and margins (as XML) into *page
 * (NULL when it has none); 0, or -1 with a diagnostic. */
int rb_docx_read_reference(const char *path, char **styles, char **page, rb_diags *d);

/* Zip the package into out (the same bytes for the same input); 0, or -1
 * with *why set. */
int rb_docx_zip(const struct docx_package *p, rb_buf *out, const char **why);

#endif
