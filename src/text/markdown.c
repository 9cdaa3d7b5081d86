/* cmark helpers: block splitting for loaders, plain text for emitters. */
#include <string.h>

#include <cmark.h>

#include "rulebook.h"
#include "text/buf.h"
#include "text/utf8.h"
#include "text/width.h"
#include "text/lines.h"
#include "text/markdown.h"

void
rb_md_blocks(const char *md, size_t len, rb_block_fn fn, void *ctx)
{
	cmark_node *docn, *b;
	rb_lines lines;

	docn = cmark_parse_document(md, len, CMARK_OPT_DEFAULT);
	rb_lines_init(&lines, md, len);
	for (b = cmark_node_first_child(docn); b; b = cmark_node_next(b)) {
		int sl = cmark_node_get_start_line(b);
		int el = cmark_node_get_end_line(b);
		size_t s, e;

		if (sl < 1 || (size_t)sl > lines.n)
			continue;
		if (el < sl)
			el = sl;
		s = lines.start[sl - 1];
		e = (size_t)el < lines.n ? lines.start[el] : len;
		while (e > s && (md[e - 1] == '\n' || md[e - 1] == '\r' ||
				 md[e - 1] == ' ' || md[e - 1] == '\t'))
			e--;
		fn(ctx, md + s, e - s, (unsigned)sl);
	}
	rb_lines_free(&lines);
	cmark_node_free(docn);
}

/* Join lines at a soft break: no space next to a CJK character. */
static void
soft_break(rb_buf *out, const char *next)
{
	uint32_t a = rb_utf8_last(out->data, out->len), b = 0;

	if (next)
		rb_utf8_decode(next, strlen(next), &b);
	if (rb_cp_is_cjk(a) || rb_cp_is_cjk(b))
		return;
	rb_buf_addc(out, ' ');
}

/* The bytes that may make text more than plain (NUL ends it). */
static const unsigned char markup[256] = {
	[0] = 1, ['\\'] = 1, ['`'] = 1, ['*'] = 1, ['_'] = 1, ['['] = 1, [']'] = 1,
	['<'] = 1, ['>'] = 1, ['!'] = 1, ['&'] = 1, ['#'] = 1, ['|'] = 1, ['~'] = 1,
	['\n'] = 1, ['\r'] = 1, ['\t'] = 1,
};

/* Is md one line of plain text that cmark would give back unchanged (no
 * inline markup, escapes, entities or block markers)?  Most clause texts
 * are: they skip the parse. */
int
rb_md_is_plain(const char *md)
{
	const unsigned char *p = (const unsigned char *)md;
	size_t n, i = 0;

	if (!*p || (*p < 0x80 && ((*p >= '0' && *p <= '9') || strchr(" \t#>-+*=_`~|<[!:", *p))))
		return 0;	/* a marker, a digit or space may start a block */
	n = strlen(md);
	for (;;) {	/* Chinese text eight bytes at a time, the rest a byte at a time */
		i = rb_skip_high(md, i, n);
		while (p[i] < 0x80 && !markup[p[i]])
			i++;
		if (markup[p[i]])
			break;
		i++;
	}
	return i == n && p[n - 1] != ' ';
}

/* The definitions go first: an unclosed fence or HTML block at the end
 * of the text would take them in. */
cmark_node *
rb_md_parse_text(const char *md, size_t len, const char *defs, int options)
{
	cmark_parser *p;
	cmark_node *doc;

	if (!defs || !*defs)
		return cmark_parse_document(md, len, options);
	p = cmark_parser_new(options);
	cmark_parser_feed(p, defs, strlen(defs));
	cmark_parser_feed(p, "\n\n", 2);
	cmark_parser_feed(p, md, len);
	doc = cmark_parser_finish(p);
	cmark_parser_free(p);
	return doc;
}

void
rb_md_plain(const char *md, const char *defs, rb_buf *out, rb_link_fn resolve, void *ctx)
{
	cmark_node *docn, *n;
	cmark_iter *it;
	cmark_event_type ev;
	int blocks = 0;

	if (rb_md_is_plain(md)) {
		rb_buf_adds(out, md);
		return;
	}

	docn = rb_md_parse_text(md, strlen(md), defs, CMARK_OPT_DEFAULT);
	it = cmark_iter_new(docn);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_HTML_INLINE:
			rb_buf_adds(out, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_LINK: {
			const char *url = cmark_node_get_url(n);
			const char *shown;

			/* [](#id) and [第十条](#id) show the target's label */
			if (ev == CMARK_EVENT_ENTER && url && url[0] == '#' && resolve &&
			    (shown = resolve(ctx, url + 1)) != NULL) {
				rb_buf_adds(out, shown);
				/* skip the link text */
				while (cmark_iter_next(it) != CMARK_EVENT_EXIT ||
				       cmark_iter_get_node(it) != n)
					;
			} else if (ev == CMARK_EVENT_ENTER && !cmark_node_first_child(n) && url)
				rb_buf_adds(out, url);
			break;
		}
		case CMARK_NODE_SOFTBREAK: {
			cmark_node *nx = cmark_node_next(n);

			soft_break(out, nx && cmark_node_get_literal(nx) ?
				   cmark_node_get_literal(nx) : NULL);
			break;
		}
		case CMARK_NODE_LINEBREAK:
			rb_buf_addc(out, '\n');
			break;
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
		case CMARK_NODE_CODE_BLOCK:
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_ITEM:
			if (ev == CMARK_EVENT_ENTER && blocks++ > 0)
				rb_buf_addc(out, '\n');
			if (cmark_node_get_type(n) == CMARK_NODE_CODE_BLOCK ||
			    cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK) {
				const char *lit = cmark_node_get_literal(n);
				size_t l = strlen(lit);

				while (l && lit[l - 1] == '\n')
					l--;
				rb_buf_add(out, lit, l);
			}
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	cmark_node_free(docn);
}

void
rb_md_flat(cmark_node *n, void (*text)(void *ctx, const char *s),
	   void (*brk)(void *ctx, cmark_node *x, int hard), void *ctx)
{
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *x = cmark_iter_get_node(it);

		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(x)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_HTML_INLINE:
		case CMARK_NODE_CODE_BLOCK:
		case CMARK_NODE_HTML_BLOCK:
			text(ctx, cmark_node_get_literal(x));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			brk(ctx, x, cmark_node_get_type(x) == CMARK_NODE_LINEBREAK);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}
