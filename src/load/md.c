/*
 * Markdown rulebooks (SPEC §3.2): a file is read here — its front matter,
 * or a book of documents under # parts and ## titles — and each document
 * is parsed by cmark (md_look.c) and mapped onto the clause tree
 * (md_blocks.c).  Structure comes from the numbering people already
 * write, not from the number of '#'.
 */
#include <stdlib.h>
#include <string.h>

#include "load/md.h"
#include "mem/mem.h"
#include "util.h"

#define DEFAULT_MAX_DEPTH 100

/* Length of a "---" front matter block (through its closing line), 0 when
 * there is none; *yaml_len is what libyaml reads. */
static size_t
front_matter(const char *s, size_t n, size_t *yaml_len, int *unclosed)
{
	size_t i;

	*unclosed = 0;
	if (n < 4 || strncmp(s, "---", 3) != 0)
		return 0;
	for (i = 3; i < n && md_is_blank(s[i]); i++)
		;
	if (i < n && s[i] != '\n')
		return 0;
	i++;
	while (i <= n) {
		const char *nl = i < n ? memchr(s + i, '\n', n - i) : NULL;
		size_t e = nl ? (size_t)(nl - s) : n, k = e;

		while (k > i && md_is_blank(s[k - 1]))
			k--;
		if (k - i == 3 && (!strncmp(s + i, "---", 3) || !strncmp(s + i, "...", 3))) {
			*yaml_len = i;
			return nl ? e + 1 : e;
		}
		if (!nl)
			break;
		i = e + 1;
	}
	*unclosed = 1;
	return 0;
}

static void
choose_profile(struct mctx *c, const rb_load_opts *opts)
{
	rb_document *doc = c->in.doc;

	if (opts && opts->profile) {
		doc->profile = opts->profile;
		return;
	}
	if (doc->profile_stated)
		return;
	if (opts && opts->default_profile)
		doc->profile = opts->default_profile;
	else if (!c->has_cjk)
		doc->profile = rb_profile_lookup("en-handbook");
	else if (md_looks_taiwanese(c->body.text, c->body.len))
		doc->profile = rb_profile_lookup("tw-law");
	else if (!c->body.has_articles && c->body.has_dun)
		doc->profile = rb_profile_lookup("cn-gongwen");
}

/* The document's profile: chosen once the flags it depends on are final
 * (a label written wrongly is judged by it while the body is read). */
const rb_profile *
md_profile(struct mctx *c)
{
	const rb_load_opts *o = c->opts;

	if (!c->profile_chosen) {
		if (!((o && (o->profile || o->default_profile)) || c->in.doc->profile_stated ||
		      !c->has_cjk || c->body.has_articles))
			while (md_body_more(&c->body))
				;
		choose_profile(c, o);
		c->profile_chosen = 1;
	}
	return c->in.doc->profile;
}

/* A part of a code (合同编) or a run of amendments (宪法修正案) starts where
 * its first article says. */
static void
recognise_start(struct mctx *c)
{
	rb_document *doc = c->in.doc;
	const char *title = rb_document_title(doc), *sub = rb_meta_get(doc, "subtitle");
	const char *t = sub && *sub ? sub : title;
	size_t n = strlen(t);
	const rb_node *a = c->tree.first_article;

	if (doc->start || !a || a->number <= 1 || a->insert)
		return;
	if ((n >= 3 && (!strcmp(t + n - 3, "编") || !strcmp(t + n - 3, "編"))) ||
	    strstr(title, "修正案"))
		doc->start = a->number;
}

/* Load the Markdown of data[body, end) as one document; the front
 * matter (when fm) is data[0, yaml_len). */
static rb_document *
load_document(const char *name, const char *data, size_t len, size_t body, size_t end,
	      size_t yaml_len, int title_level, const rb_load_opts *opts, rb_diags *d)
{
	struct mctx c;
	cmark_node *b, *next;
	const char *p;
	int gap = 1;
	unsigned i;

	memset(&c, 0, sizeof(c));
	c.d = d;
	c.in.src = data;
	c.in.len = len;
	c.title_level = title_level;
	c.max_depth = opts && opts->max_depth ? opts->max_depth : DEFAULT_MAX_DEPTH;
	c.in.doc = rb_document_new(name, RB_DOCUMENT);
	rb_lines_init(&c.in.lines, data, len);
	c.in.doc->root->line = body ? rb_lines_line(&c.in.lines, body) : 1;
	c.in.doc->root->column = 1;
	rb_buf_init(&c.preamble);
	rb_buf_init(&c.para);
	rb_buf_init(&c.link_defs);
	c.tree.in = &c.in;
	c.tree.d = d;
	c.tree.stack[0].node = c.in.doc->root;
	c.tree.nstack = 1;
	c.history_open = 1;
	c.opts = opts;
	for (p = data; p < data + len; p++)
		if ((unsigned char)*p >= 0xE3 && (unsigned char)*p <= 0xE9) {
			c.has_cjk = 1;
			break;
		}

	if (yaml_len) {
		rb_load_front_matter(c.in.doc, name, data, yaml_len, opts, d);
		c.fm_title = c.in.doc->root->title;
	}
	for (i = 0; i < c.in.lines.n && c.in.lines.start[i] < body; i++)
		;
	c.in.line0 = i;
	RB_TRACE_AT("lines");
	md_body_parse(&c.body, &c.in, body, end, opts ? opts->threads : 1);
	RB_TRACE_AT("cmark");
	/* the blocks read as the pieces come, each freed once read (a block
	 * looks ahead at the next one, never back): cmark's tree and ours
	 * are not both whole at once */
	for (b = md_body_next(&c.body, NULL); b; b = next) {
		next = md_body_next(&c.body, b);
		/* between blocks, only link reference definitions leave no block */
		md_link_defs_between(&c, gap, rb_md_line(b, 0) - 1);
		gap = md_last_line(b) + 1;
		md_block(&c, b);
		md_body_release(&c.body, next);
	}
	md_link_defs_between(&c, gap, (int)(rb_lines_line(&c.in.lines, end) - c.in.line0));
	md_comments_finish(&c, c.preamble.len && c.in.doc->preamble && *c.in.doc->preamble
				   ? strlen(c.in.doc->preamble) + 2 : 0);
	md_profile(&c);	/* every piece is in: the flags are final */
	md_body_free(&c.body);
	RB_TRACE_AT("convert");

	if (c.preamble.len) {
		const char *fmp = c.in.doc->preamble;

		c.in.doc->preamble = fmp && *fmp
		    ? rb_arena_printf(c.in.doc->arena, "%s\n\n%s", fmp, c.preamble.data)
		    : md_arena_text(&c.in, c.preamble.data, c.preamble.len);
	}
	if (c.link_defs.len)
		c.in.doc->link_defs = md_arena_text(&c.in, c.link_defs.data, c.link_defs.len);
	if (c.tree.traditional && !rb_meta_get(c.in.doc, "lang"))
		c.in.doc->lang = "zh-Hant";
	recognise_start(&c);
	rb_buf_free(&c.preamble);
	rb_buf_free(&c.para);
	rb_buf_free(&c.link_defs);
	rb_lines_free(&c.in.lines);
	return c.in.doc;
}

/* ---- a book in one file: front matter with handbook:, then # parts
 * and ## documents ---- */

/* Does the front matter name a handbook (a line "handbook:")? */
static int
names_handbook(const char *yaml, size_t n)
{
	size_t i;

	for (i = 0; i + 9 <= n; i++)
		if ((i == 0 || yaml[i - 1] == '\n') && !memcmp(yaml + i, "handbook:", 9))
			return 1;
	return 0;
}

/* The ATX heading level (1 or 2) of the line at s, else 0; *text is
 * where its text starts. */
static int
atx_level(const char *s, size_t n, size_t *text)
{
	size_t i = 0, h;

	while (i < n && i < 3 && s[i] == ' ')
		i++;
	for (h = 0; i + h < n && s[i + h] == '#'; h++)
		;
	if (h < 1 || h > 2 || (i + h < n && s[i + h] != ' ' && s[i + h] != '\t' && s[i + h] != '\n'))
		return 0;
	i += h;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	*text = i;
	return (int)h;
}

/* Is the line at s a code fence (``` or ~~~)? */
static int
is_fence(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && i < 3 && s[i] == ' ')
		i++;
	return n - i >= 3 && (!memcmp(s + i, "```", 3) || !memcmp(s + i, "~~~", 3));
}

static char *
trimmed(rb_document *doc, const char *s, size_t n)
{
	while (n && (s[0] == '\n' || s[0] == ' ' || s[0] == '\r'))
		s++, n--;
	while (n && (s[n - 1] == '\n' || s[n - 1] == ' ' || s[n - 1] == '\r'))
		n--;
	return rb_arena_strndup(doc->arena, s, n);
}

static rb_document *
load_book(const char *name, const char *data, size_t len, size_t fm, size_t yaml_len,
	  const rb_load_opts *opts, rb_diags *d)
{
	rb_document *book = rb_document_new(name, RB_BOOK);
	rb_node *parent = book->root, *part = NULL;
	rb_load_opts sub;
	size_t off = fm, chunk = (size_t)-1, gap = fm;
	int fence = 0;
	rb_lines lines;

	book->root->line = 1;
	book->root->column = 1;
	rb_load_front_matter(book, name, data, yaml_len, opts, d);
	sub = opts ? *opts : (rb_load_opts){ 0 };
	sub.in_manifest = 1;
	if (book->profile_stated && !sub.default_profile)
		sub.default_profile = book->profile;
	rb_lines_init(&lines, data, len);
	for (;;) {
		const char *nl = off < len ? memchr(data + off, '\n', len - off) : NULL;
		size_t eol = nl ? (size_t)(nl - data) + 1 : len, t = 0;
		int level = 0;

		if (off < len && is_fence(data + off, eol - off))
			fence = !fence;
		else if (off < len && !fence)
			level = atx_level(data + off, eol - off, &t);
		if (level || off >= len) {
			/* what ran up to here: a document, a part's text, the
			 * book's preamble */
			if (chunk != (size_t)-1) {
				rb_document *doc = load_document(name, data, len, chunk, off, 0, 2,
								 &sub, d);

				book->docs = rb_xrealloc(book->docs,
							 (book->ndocs + 1) * sizeof(rb_document *));
				book->docs[book->ndocs++] = doc;
				rb_node_append(parent, doc->root);
			} else if (off > gap) {
				char *text = trimmed(book, data + gap, off - gap);

				if (*text && part)
					part->text = text;
				else if (*text)
					book->preamble = text;
			}
			chunk = (size_t)-1;
			gap = eol;
		}
		if (off >= len)
			break;
		if (level == 1) {
			size_t e = eol;

			while (e > off + t && (data[e - 1] == '\n' || data[e - 1] == ' ' ||
					       data[e - 1] == '#' || data[e - 1] == '\r'))
				e--;
			part = rb_node_new(book, RB_PART);
			part->title = rb_arena_strndup(book->arena, data + off + t, e - off - t);
			part->line = rb_lines_line(&lines, off);
			part->column = 1;
			rb_node_append(book->root, part);
			parent = part;
		} else if (level == 2)
			chunk = off;
		off = eol;
	}
	rb_lines_free(&lines);
	rb_book_choose_lang(book);
	return book;
}

/* cmark ends a line at a lone \r as at \n; this loader scans for \n.
 * A copy with each lone \r made \n keeps every offset and agrees with
 * both (NULL when there is none). */
static char *
lone_cr_to_lf(const char *data, size_t len)
{
	const char *cr = memchr(data, '\r', len);
	char *s;
	size_t i;

	for (; cr && (size_t)(cr - data) + 1 < len && cr[1] == '\n';
	     cr = memchr(cr + 2, '\r', len - (size_t)(cr + 2 - data)))
		;
	if (!cr)
		return NULL;
	s = rb_xmalloc(len + 1);
	memcpy(s, data, len);
	s[len] = '\0';
	for (i = (size_t)(cr - data); i < len; i++)
		if (s[i] == '\r' && (i + 1 == len || s[i + 1] != '\n'))
			s[i] = '\n';
	return s;
}

rb_document *
rb_load_markdown(const char *name, const char *data, size_t len, const rb_load_opts *opts,
		 rb_diags *d)
{
	size_t fm, yaml_len = 0;
	int unclosed;

	char *lf;
	rb_document *doc;

	RB_TRACE_AT("read");
	if (!rb_input_ok(name, data, len, d))
		return NULL;	/* the library takes text, whoever calls it */
	RB_TRACE_AT("validate");
	if ((lf = lone_cr_to_lf(data, len)))
		data = lf;
	fm = front_matter(data, len, &yaml_len, &unclosed);
	if (unclosed)
		rb_diag_report(d, RB_D_INPUT_SYNTAX, name, 1, 1,
			       "front matter opened here is never closed: end it with a '---' line");
	if (fm && names_handbook(data, yaml_len))
		doc = load_book(name, data, len, fm, yaml_len, opts, d);
	else
		doc = load_document(name, data, len, fm, len, fm ? yaml_len : 0, 1, opts, d);
	free(lf);
	if (doc && opts)
		doc->threads = opts->threads;	/* for the passes */
	return doc;
}
