/*
 * rulebook build -f html --split: a book as a small site — index.html
 * (the title page and the table of contents), one page per document
 * named after its id (so a clause's permalink is DOC.html#ID, stable from
 * build to build), one style.css for all of them, and search.js: an index
 * of every article with the script that searches it as the reader types.
 * Every page is valid and reads without the script (the search box
 * appears only when it runs).
 *
 * The pages are cut from the book's one-page HTML, which the HTML
 * emitter has rendered with every reference resolved: each document's
 * <article>, and the title page and contents before <main>.  A link to a
 * clause of another document is pointed at that document's page; the
 * pages the ids live on come from the tree, not from the HTML.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "mem/xml_mem.h"
#include "strmap.h"
#include "text/buf.h"
#include "text/escape.h"
#include "text/markdown.h"
#include "text/text.h"
#include "emit/xmllib.h"
#include "cli.h"

extern const char rb_tpl_css[], rb_tpl_search[];

struct page {
	const rb_document *doc;	/* NULL: the index */
	char *name;		/* DOC.html */
	const char *from, *to;	/* its <article> in the book's page */
};

struct site {
	rb_strmap page_of;	/* clause id -> the name of its page */
	struct page *pages;
	size_t npages;
	const char *html;	/* the book's one page */
};

/* Text escaped for HTML (libxml2's, as the emitters'). */
static void
esc(rb_buf *b, const char *s)
{
	xmlChar *e = rb_xml.xmlEncodeSpecialChars(NULL, BAD_CAST s);

	if (!e)
		rb_fatal_oom();
	rb_buf_puts(b, (const char *)e);
	rb_xml_free(e);
}

/* Every id of the documents, on its document's page. */
static void
map_ids(struct site *s)
{
	size_t k;

	rb_strmap_init(&s->page_of);
	for (k = 0; k < s->npages; k++) {
		rb_walker w;
		rb_event ev;

		if (!s->pages[k].doc)
			continue;
		rb_walker_init(&w, s->pages[k].doc->root);
		while ((ev = rb_walker_next(&w)) != RB_EV_NONE)
			if (ev == RB_EV_ENTER && w.cur->id && *w.cur->id)
				rb_strmap_add(&s->page_of, w.cur->id, s->pages[k].name);
	}
}

/* html[from, to) with every href="#ID" of another page pointed there
 * (href="DOC.html" for a document itself). */
static void
relink(const struct site *s, const char *from, const char *to, const char *here, rb_buf *out)
{
	static const char mark[] = "href=\"#";
	const char *p = from, *q;

	while ((q = rb_memfind(p, (size_t)(to - p), mark, sizeof(mark) - 1)) != NULL) {
		const char *id = q + sizeof(mark) - 1, *e = memchr(id, '"', (size_t)(to - id));
		char *key;
		const char *page;

		if (!e)
			break;
		key = rb_xstrndup(id, (size_t)(e - id));
		page = rb_strmap_get(&s->page_of, key);
		rb_buf_put(out, p, (size_t)(q - p));
		rb_buf_puts(out, "href=\"");
		if (page && (!here || strcmp(page, here))) {
			size_t n = strlen(page) - 5;	/* DOC of DOC.html */

			rb_buf_puts(out, page);
			if (strlen(key) != n || strncmp(key, page, n)) {
				rb_buf_putc(out, '#');
				rb_buf_puts(out, key);
			}
		} else {
			rb_buf_putc(out, '#');
			rb_buf_puts(out, key);
		}
		rb_buf_putc(out, '"');
		free(key);
		p = e + 1;
	}
	rb_buf_put(out, p, (size_t)(to - p));
}

static void
page_open(rb_buf *b, const char *lang, const char *title, const char *book)
{
	rb_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"");
	esc(b, lang);
	rb_buf_puts(b, "\">\n<head>\n<meta charset=\"utf-8\">\n"
		       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		       "<meta name=\"generator\" content=\"rulebook\">\n<title>");
	esc(b, title);
	if (book) {
		rb_buf_puts(b, " — ");
		esc(b, book);
	}
	rb_buf_puts(b, "</title>\n<link rel=\"stylesheet\" href=\"style.css\">\n"
		       "<script src=\"search.js\" defer></script>\n</head>\n<body>\n");
}

/* The bar on every page: the book's name (its index) and the search box,
 * hidden until the script shows it. */
static void
site_bar(rb_buf *b, const char *book, int zh)
{
	const char *word = zh ? "搜索" : "Search";

	rb_buf_puts(b, "<header class=\"site\">\n<a href=\"index.html\">");
	esc(b, book);
	rb_buf_puts(b, "</a>\n<form class=\"search\" role=\"search\" hidden>"
		       "<input type=\"search\" aria-label=\"");
	rb_buf_puts(b, word);
	rb_buf_puts(b, "\" placeholder=\"");
	rb_buf_puts(b, word);
	rb_buf_puts(b, "\"></form>\n<ol class=\"hits\" hidden></ol>\n</header>\n");
}

static void
pager_link(rb_buf *b, const struct page *p, const char *rel)
{
	rb_buf_puts(b, "<a rel=\"");
	rb_buf_puts(b, rel);
	rb_buf_puts(b, "\" href=\"");
	rb_buf_puts(b, p->name);
	rb_buf_puts(b, "\">");
	esc(b, rb_document_title(p->doc));
	rb_buf_puts(b, "</a>\n");
}

/* One entry of the search index a clause: its page and id, label and
 * title, and the plain text of it and all below it. */
static void
index_clause(const struct site *s, const rb_node *n, rb_buf *js)
{
	const char *page = rb_strmap_get(&s->page_of, n->id);
	rb_buf text, head;
	rb_walker w;
	rb_event ev;

	if (!page)
		return;
	rb_buf_init(&text);
	rb_buf_init(&head);
	rb_walker_init(&w, (rb_node *)n);
	while ((ev = rb_walker_next(&w)) != RB_EV_NONE)
		if (ev == RB_EV_ENTER && w.cur->text && *w.cur->text) {
			if (text.len)
				rb_buf_putc(&text, ' ');
			rb_md_plain(w.cur->text, w.cur->doc ? w.cur->doc->link_defs : NULL, &text, NULL, NULL);
		}
	rb_buf_printf(&head, "%s#%s", page, n->id);
	rb_buf_putc(js, '[');
	rb_json_escape(js, head.data);	/* a JSON string: quoted, escaped */
	rb_buf_reset(&head);
	rb_buf_printf(&head, "%s%s%s", n->label ? n->label : "",
		      n->label && n->title ? " " : "", n->title ? n->title : "");
	rb_buf_putc(js, ',');
	rb_json_escape(js, head.data ? head.data : "");
	rb_buf_putc(js, ',');
	rb_json_escape(js, text.data ? text.data : "");
	rb_buf_puts(js, "],\n");
	rb_buf_free(&text);
	rb_buf_free(&head);
}

/* What a reader searches for: the articles, and in documents without
 * articles their top-level clauses. */
static void
search_index(const struct site *s, const rb_document *book, rb_buf *js)
{
	rb_walker w;
	rb_event ev;

	rb_buf_puts(js, "var RB_INDEX = [\n");
	rb_walker_init(&w, book->root);
	while ((ev = rb_walker_next(&w)) != RB_EV_NONE) {
		const rb_node *n = w.cur, *p = n->parent;

		if (ev != RB_EV_ENTER || !n->id || !*n->id)
			continue;
		if (n->kind == RB_ARTICLE ||
		    ((n->kind == RB_ITEM || n->kind == RB_PARAGRAPH) && n->label && p &&
		     (p->kind == RB_DOCUMENT || p->kind == RB_PART || p->kind == RB_CHAPTER ||
		      p->kind == RB_SECTION))) {
			index_clause(s, n, js);
			rb_walker_skip(&w);	/* its clauses are in its text */
		}
	}
	rb_buf_puts(js, "];\n");
	rb_buf_puts(js, rb_tpl_search);
}

static int
write_file(const char *dir, const char *name, const rb_buf *b, rb_diags *d)
{
	rb_buf path;
	int r;

	rb_buf_init(&path);
	rb_buf_printf(&path, "%s/%s", dir, name);
	r = rb_write_output(path.data, b->data ? b->data : "", b->len, d);
	rb_buf_free(&path);
	return r;
}

/* The pages of the book's one page html, written into dir. */
/* The book's own words in its <main>, outside any document: its 前言 and
 * its closing (落款), for the index page. */
static void
book_own(const struct site *s, const char *main, rb_buf *b)
{
	static const char *const own[][2] = {
		{ "<section class=\"preamble foreword\">\n", "</section>\n" },
		{ "<div class=\"closing\">\n", "</div>\n" },
	};
	const char *from, *to;
	size_t i;
	int open = 0;

	for (i = 0; i < sizeof own / sizeof *own; i++) {
		if (!(from = strstr(main, own[i][0])) || !(to = strstr(from, own[i][1])))
			continue;
		if (!open++)
			rb_buf_puts(b, "<main>\n");
		relink(s, from, to + strlen(own[i][1]), NULL, b);
	}
	if (open)
		rb_buf_puts(b, "</main>\n");
}

static int
write_site(struct site *s, const rb_document *book, const char *dir, const char *css,
	   rb_diags *d)
{
	const char *html = s->html, *body = strstr(html, "<body>\n"),
		   *main = strstr(html, "<main>\n"), *lang = rb_document_lang(book),
		   *title = rb_document_title(book);
	int zh = !strncmp(lang, "zh", 2), r = 0;
	rb_buf b;
	size_t k;

	if (!body || !main)
		return -1;
	rb_buf_init(&b);
	for (k = 0; k < s->npages && r == 0; k++) {
		const struct page *p = &s->pages[k];

		rb_buf_reset(&b);
		if (!p->doc) {	/* the index: title page and contents */
			page_open(&b, lang, title, NULL);
			site_bar(&b, title, zh);
			relink(s, body + 7, main, NULL, &b);
			book_own(s, main, &b);
			rb_buf_puts(&b, "</body>\n</html>\n");
		} else {
			page_open(&b, rb_document_lang(p->doc), rb_document_title(p->doc), title);
			site_bar(&b, title, zh);
			rb_buf_puts(&b, "<main>\n");
			relink(s, p->from, p->to, p->name, &b);
			rb_buf_puts(&b, "</main>\n<nav class=\"pager\" aria-label=\"");
			rb_buf_puts(&b, zh ? "翻页" : "Pages");
			rb_buf_puts(&b, "\">\n");
			if (k > 1)
				pager_link(&b, &s->pages[k - 1], "prev");
			if (k + 1 < s->npages)
				pager_link(&b, &s->pages[k + 1], "next");
			rb_buf_puts(&b, "</nav>\n</body>\n</html>\n");
		}
		r = write_file(dir, p->name, &b, d);
	}
	if (r == 0) {
		rb_buf_reset(&b);
		rb_buf_puts(&b, css);
		r = write_file(dir, "style.css", &b, d);
	}
	if (r == 0) {
		rb_buf_reset(&b);
		search_index(s, book, &b);
		r = write_file(dir, "search.js", &b, d);
	}
	rb_buf_free(&b);
	return r;
}

/* Find each document's <article> in the book's page. */
static int
cut_pages(struct site *s, const rb_document *book)
{
	size_t k, n = book->root->kind == RB_BOOK ? book->ndocs : 1;

	s->npages = n + 1;
	s->pages = rb_xcalloc(s->npages, sizeof(*s->pages));
	s->pages[0].name = rb_xstrdup("index.html");
	for (k = 0; k < n; k++) {
		const rb_document *doc = book->root->kind == RB_BOOK ? book->docs[k] : book;
		struct page *p = &s->pages[k + 1];
		rb_buf open;
		const char *at;

		p->doc = doc;
		rb_buf_init(&open);
		rb_buf_printf(&open, "%s.html", doc->root->id && *doc->root->id ? doc->root->id : "document");
		p->name = rb_buf_detach(&open);
		if (book->root->kind != RB_BOOK) {	/* one document: all of <main> */
			p->from = strstr(s->html, "<main>\n");
			at = p->from ? strstr(p->from, "</main>") : NULL;
			if (!at)
				return -1;
			p->from += 7;
			p->to = at;
			continue;
		}
		rb_buf_printf(&open, "<article class=\"document\" id=\"%s\"", doc->root->id);
		p->from = strstr(s->html, open.data);
		rb_buf_free(&open);
		at = p->from ? strstr(p->from, "</article>\n") : NULL;
		if (!at)
			return -1;
		p->to = at + strlen("</article>\n");
	}
	return 0;
}

int
rb_build_site(const char *input, const char *dir, const rb_load_opts *lo, const rb_emit_opts *eo,
	      int werror, rb_diags *d)
{
	struct site s;
	rb_document *doc;
	rb_buf html;
	char *made = NULL;
	const char *why;
	size_t k;
	int status;

	memset(&s, 0, sizeof(s));
	if (!(doc = rb_load_file(input, lo, d)))
		return 1;
	rb_run_passes(doc, d);
	if ((status = rb_cli_status(d, werror)) != 0) {
		rb_document_free(doc);
		return status;
	}
	rb_buf_init(&html);
	if (!rb_xml_load(&why)) {
		rb_diag_report(d, RB_D_OUTPUT_WRITE, dir, 0, 0, "cannot render without libxml2 (%s)", why);
		status = 2;
	} else if (rb_emit(rb_emitter_lookup("html"), doc, eo, &html, d) != 0)
		status = 1;
	if (status == 0) {
		rb_buf_putc(&html, '\0');
		s.html = html.data;
		if (cut_pages(&s, doc) != 0) {
			rb_diag_report(d, RB_D_OUTPUT_WRITE, dir, 0, 0,
				       "the HTML page template has no <main> around the documents");
			status = 2;
		} else if (!rb_mkdir_p(dir, &made, d)) {
			status = 2;
		} else {
			map_ids(&s);
			if (write_site(&s, doc, dir, eo && eo->css ? eo->css : rb_tpl_css, d) != 0)
				status = 2;
			rb_strmap_free(&s.page_of);
		}
	}
	for (k = 0; k < s.npages; k++)
		free(s.pages[k].name);
	free(s.pages);
	free(made);
	rb_buf_free(&html);
	rb_document_free(doc);
	return status;
}
