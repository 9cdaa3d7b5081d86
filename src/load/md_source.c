/*
 * The Markdown source behind cmark's blocks: a block's text is taken from
 * the file, not re-rendered, so inline Markdown (emphasis, links, [](#id)
 * references) reaches the emitters unchanged.
 */
#include <stdlib.h>
#include <string.h>

#include "load/md.h"
#include "text/markdown.h"
#include "text/width.h"
#include "util.h"

/* Append the text of body lines [first, last] starting at offset start on
 * the first line; leading blanks are stripped from every line and
 * trailing blanks from the whole.  A line that would then start a block
 * is escaped (\***, 1\. ), so the text means what it meant. */
void
md_source_text(const struct md_source *in, size_t start, int first, int last, rb_buf *out)
{
	int l;

	for (l = first; l <= last; l++) {
		size_t s = l == first ? start : md_offset_of(in, l, 1), e;

		if (s >= in->len)
			break;
		e = md_line_end(in, s);
		while (s < e && md_is_blank(in->src[s]))
			s++;
		if (l > first)
			rb_buf_putc(out, '\n');
		if (l > first)
			rb_md_put_as_text(out, in->src + s, e - s);
		else
			rb_buf_put(out, in->src + s, e - s);
	}
	while (out->len && (md_is_blank(out->data[out->len - 1]) || out->data[out->len - 1] == '\n'))
		out->len--;
	if (out->data)
		out->data[out->len] = '\0';
}

/* Is body line l a setext underline (=== or ---)? */
static int
is_underline(const struct md_source *in, int l)
{
	size_t s = md_skip_blanks(in, md_offset_of(in, l, 1)), e = md_line_end(in, s), i;

	while (e > s && md_is_blank(in->src[e - 1]))
		e--;
	if (s >= e || (in->src[s] != '=' && in->src[s] != '-'))
		return 0;
	for (i = s; i < e && in->src[i] == in->src[s]; i++)
		;
	return i == e;
}

/* Heading text without the #s (ATX) or the underline (setext). */
void
md_heading_text(const struct md_source *in, cmark_node *b, rb_buf *out, size_t *start)
{
	int sl = rb_md_line(b, 0), el = rb_md_line(b, 1);
	size_t s = md_skip_blanks(in, md_offset_of(in, sl, cmark_node_get_start_column(b))), e, i;

	if (s < in->len && in->src[s] == '#') {
		while (s < in->len && in->src[s] == '#')
			s++;
		s = md_skip_blanks(in, s);
		e = md_line_end(in, s);
		while (e > s && md_is_blank(in->src[e - 1]))
			e--;
		/* closing sequence: " ##" */
		i = e;
		while (i > s && in->src[i - 1] == '#')
			i--;
		if (i < e && (i == s || md_is_blank(in->src[i - 1]))) {
			e = i;
			while (e > s && md_is_blank(in->src[e - 1]))
				e--;
		}
		*start = s;
		rb_buf_put(out, in->src + s, e - s);
		return;
	}
	*start = s;
	md_setext_text(in, sl, el, s, out);
}

/* The text of a setext heading from body line sl (at offset s) to its
 * underline, which comes by line el: the lines joined without a space
 * between CJK (cmark may end the heading a line or two past the
 * underline). */
void
md_setext_text(const struct md_source *in, int sl, int el, size_t s, rb_buf *out)
{
	for (int l = sl + 1; l <= el; l++)
		if (is_underline(in, l)) {
			el = l;
			break;
		}
	for (int l = sl; l < el; l++) {
		size_t ls = l == sl ? s : md_skip_blanks(in, md_offset_of(in, l, 1));
		size_t le = md_line_end(in, ls);
		uint32_t a = 0, bcp = 0;

		while (le > ls && md_is_blank(in->src[le - 1]))
			le--;
		if (l > sl && out->len) {
			size_t k = out->len;

			do
				k--;
			while (k > 0 && ((unsigned char)out->data[k] & 0xC0) == 0x80);
			rb_utf8_decode(out->data + k, out->len - k, &a);
			rb_utf8_decode(in->src + ls, le - ls, &bcp);
			if (!rb_cp_is_cjk(a) && !rb_cp_is_cjk(bcp))
				rb_buf_putc(out, ' ');
		}
		rb_buf_put(out, in->src + ls, le - ls);
	}
}

/* A raw block (code, quote, HTML, rule) as canonical Markdown. */
char *
md_raw_text(const struct md_source *in, cmark_node *b)
{
	char *md = cmark_render_commonmark(b, CMARK_OPT_DEFAULT, 0);
	size_t n = strlen(md), i;
	char *r;

	while (n && (md[n - 1] == '\n' || md[n - 1] == ' '))
		n--;
	/* cmark leaves the blank line after an HTML block in a quote without
	 * its '>' (> 引文 / > <!-- c --> / blank / > 乙): two quotes where the
	 * source has one.  Every line of a quote is the quote's. */
	if (cmark_node_get_type(b) == CMARK_NODE_BLOCK_QUOTE) {
		rb_buf q;

		rb_buf_init(&q);
		for (i = 0; i < n; i++) {
			rb_buf_putc(&q, md[i]);
			if (md[i] == '\n' && i + 1 < n && md[i + 1] == '\n')
				rb_buf_putc(&q, '>');
		}
		r = rb_arena_strndup(in->doc->arena, q.data, q.len);
		rb_buf_free(&q);
	} else
		r = rb_arena_strndup(in->doc->arena, md, n);
	rb_md_free(md);
	return r;
}

/* Take a trailing {#id} off the first line of text (in place). */
const char *
md_take_id(const struct md_source *in, char *text, rb_node *n)
{
	char *nl = strchr(text, '\n');
	size_t e = nl ? (size_t)(nl - text) : strlen(text), b, i;
	char id[256];

	while (e > 0 && md_is_blank(text[e - 1]))
		e--;
	if (e < 4 || text[e - 1] != '}')
		return text;
	for (b = e - 1; b > 0 && text[b - 1] != '{'; b--)
		;
	if (b == 0 || text[b] != '#' || e - b - 2 >= sizeof(id) || e - b - 2 == 0)
		return text;
	memcpy(id, text + b + 1, e - b - 2);
	id[e - b - 2] = '\0';
	if (!rb_valid_id(id))
		return text;
	n->id = rb_arena_strdup(in->doc->arena, id);
	n->explicit_id = 1;
	/* cut " {#id}" */
	i = b - 1;
	while (i > 0 && md_is_blank(text[i - 1]))
		i--;
	memmove(text + i, text + e, strlen(text + e) + 1);
	return text;
}
