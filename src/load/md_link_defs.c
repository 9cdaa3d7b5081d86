/*
 * Link reference definitions ([foo]: /url "title").  cmark uses them while
 * it parses and leaves no block for them, so the loader would lose every
 * [foo] that refers to one: they are kept, in source order, in the
 * document's link_defs, which every emitter parses before a clause's text
 * and canonical Markdown writes at the end of the document.
 */
#include <stdlib.h>
#include <string.h>

#include "load/md.h"
#include "mem/mem.h"

/* Offset where the body of the document being loaded ends. */
static size_t
body_end(const struct mctx *c)
{
	return (size_t)(c->body.text - c->in.src) + c->body.len;
}

static void
keep(struct mctx *c, const char *s, size_t n)
{
	while (n > 0 && md_is_blank(s[n - 1]))
		n--;
	rb_buf_put(&c->link_defs, s, n);
	rb_buf_putc(&c->link_defs, '\n');
}

static void
keep_line(struct mctx *c, size_t s, size_t e)
{
	keep(c, c->in.src + s, e - s);
}

/* cmark 0.30 ends an HTML block a line early, or even before it starts
 * (sourcepos 3:1-2:0): its literal says how many lines it takes. */
int
md_last_line(cmark_node *b)
{
	int first = rb_md_line(b, 0), last = rb_md_line(b, 1);
	const char *lit, *p;

	if (cmark_node_get_type(b) != CMARK_NODE_HTML_BLOCK)
		return last >= first ? last : first;
	last = first;
	lit = cmark_node_get_literal(b);
	for (p = lit ? strchr(lit, '\n') : NULL; p && p[1]; p = strchr(p + 1, '\n'))
		last++;
	return last;
}

void
md_link_defs_between(struct mctx *c, int from, int to)
{
	size_t end = body_end(c);
	int l;

	for (l = from > 0 ? from : 1; l <= to; l++) {
		size_t s = md_offset_of(&c->in, l, 1), e;

		if (s >= end)
			break;
		e = md_line_end(&c->in, s);
		if (e > end)
			e = end;
		if (md_skip_blanks(&c->in, s) < e)
			keep_line(c, s, e);
	}
}

/* Do body lines [first, last] hold nothing but definitions?  cmark
 * decides: they leave no block. */
static int
only_defs(struct mctx *c, int first, int last)
{
	size_t s = md_offset_of(&c->in, first, 1);
	size_t e = md_line_end(&c->in, md_offset_of(&c->in, last, 1));
	cmark_node *doc = cmark_parse_document(c->in.src + s, e - s, CMARK_OPT_DEFAULT);
	int none = cmark_node_first_child(doc) == NULL;

	cmark_node_free(doc);
	return none;
}

int
md_link_defs_take(struct mctx *c, int first, int last)
{
	size_t s = md_skip_blanks(&c->in, md_offset_of(&c->in, first, 1));
	int l, k = 0, misses = 0;

	if (s >= c->in.len || c->in.src[s] != '[')
		return 0;
	/* the longest run of lines that are definitions; a title may run
	 * over a line or two, so a line that is not one yet may end one */
	for (l = first; l <= last && misses < 3; l++) {
		if (only_defs(c, first, l)) {
			k = l - first + 1;
			misses = 0;
		} else
			misses++;
	}
	for (l = first; l < first + k; l++) {
		size_t ls = md_skip_blanks(&c->in, md_offset_of(&c->in, l, 1));

		keep_line(c, ls, md_line_end(&c->in, ls));
	}
	return k;
}

/* The definitions inside a block quote (> [foo]: /url) hold for the
 * whole document: the quote's lines without their marker are parsed
 * again, and those that leave no block there are kept. */
void
md_link_defs_in_quote(struct mctx *c, cmark_node *b)
{
	int sl = rb_md_line(b, 0), el = md_last_line(b), l, any = 0, covered = 0;
	rb_buf q;
	size_t *starts = rb_xcalloc((size_t)(el - sl + 2), sizeof(*starts));
	cmark_node *doc, *k;

	rb_buf_init(&q);
	rb_buf_put(&q, "", 0);
	for (l = sl; l <= el; l++) {
		size_t s = md_skip_blanks(&c->in, md_offset_of(&c->in, l, 1)), e = md_line_end(&c->in, s);

		if (s < e && c->in.src[s] == '>')
			s += 1 + (s + 1 < e && c->in.src[s + 1] == ' ');
		starts[l - sl] = q.len;
		any |= s < e && c->in.src[s] == '[';
		rb_buf_put(&q, c->in.src + s, e - s);
		rb_buf_putc(&q, '\n');
	}
	starts[el - sl + 1] = q.len;
	if (any) {
		doc = cmark_parse_document(q.data, q.len, CMARK_OPT_DEFAULT);
		for (k = cmark_node_first_child(doc);; k = cmark_node_next(k)) {
			int upto = k ? cmark_node_get_start_line(k) - 1 : el - sl + 1;

			for (l = covered + 1; l <= upto; l++) {
				const char *s = q.data + starts[l - 1];
				size_t n = starts[l] - starts[l - 1] - 1, i = 0;

				while (i < n && md_is_blank(s[i]))
					i++;
				if (i < n)
					keep(c, s + i, n - i);
			}
			if (!k)
				break;
			covered = md_last_line(k);
		}
		cmark_node_free(doc);
	}
	free(starts);
	rb_buf_free(&q);
}
