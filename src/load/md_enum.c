/*
 * An enumeration written one entry a line inside one 款, as 宪法 writes
 * who a body is made of:
 *
 *     第六十五条 全国人民代表大会常务委员会由下列人员组成：
 *     委员长，
 *     副委员长若干人，
 *     秘书长，
 *     委员若干人。
 *
 * Each line is a Markdown paragraph of its own, but the 款 is one: 第四款
 * of that article is the fourth paragraph after the list, not 秘书长.  The
 * lines are joined to the 款 they continue with hard line breaks (\ at a
 * line's end), so the tree has one 款 and every emitter still shows one
 * entry a line.  Read strictly: the 款 ends in ：, every entry is a short
 * line of ideographs with no label, ending in ， or 、, and the last one
 * in 。 — anything else is left as the paragraphs it is.
 */
#include <string.h>

#include "load/md.h"
#include "number/style.h"
#include "text/utf8.h"

/* Longest entry, in characters with its mark. */
#define ENTRY_MAX 20

int
md_enum_entry(const char *s, size_t n, int *last)
{
	size_t i = 0, chars = 0;
	uint32_t cp = 0;

	while (i < n) {
		size_t m = rb_utf8_decode(s + i, n - i, &cp);

		if (!m)
			return 0;
		i += m;
		chars++;
		/* ideographs (the first one too) and 、, then the mark */
		if (i < n && !rb_cp_ideograph(cp) && (cp != 0x3001 || chars == 1))
			return 0;
	}
	if (chars < 2 || chars > ENTRY_MAX)
		return 0;
	if (cp == 0xFF0C /* ， */ || cp == 0x3001 /* 、 */)
		*last = 0;
	else if (cp == 0x3002 /* 。 */)
		*last = 1;
	else
		return 0;
	return 1;
}

int
md_enum_lead(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	return n >= 3 && !strcmp(s + n - 3, "：");
}

/* The text of top-level paragraph b when it is one line: into t. */
static int
one_line(struct mctx *c, cmark_node *b, rb_buf *t)
{
	int sl, el;
	size_t off;

	if (!b || cmark_node_get_type(b) != CMARK_NODE_PARAGRAPH)
		return 0;
	sl = rb_md_line(b, 0);
	el = rb_md_line(b, 1);
	if (sl != el)
		return 0;
	off = md_skip_blanks(&c->in, md_offset_of(&c->in, sl, cmark_node_get_start_column(b)));
	off += rb_space_len(c->in.src + off, c->in.len - off);
	rb_buf_reset(t);
	rb_buf_put(t, "", 0);
	md_source_text(&c->in, off, sl, el, t);
	return 1;
}

/* Paragraph b, of text: the first entry of an enumeration under the 款
 * open in the article?  Then the number of its lines. */
static int
run_from(struct mctx *c, cmark_node *b, const char *text)
{
	rb_buf t;
	int last = 0, lines = 1;

	if (!md_enum_entry(text, strlen(text), &last) || last)
		return 0;
	rb_buf_init(&t);
	for (b = md_body_next(&c->body, b); b && one_line(c, b, &t); b = md_body_next(&c->body, b)) {
		if (!md_enum_entry(t.data, t.len, &last))
			break;
		lines++;
		if (last)
			break;
	}
	rb_buf_free(&t);
	return last ? lines : 0;
}

int
md_enum_join(struct mctx *c, cmark_node *b, const char *text)
{
	rb_node *k = c->tree.anchor;

	if (!c->enum_left) {
		if (c->depth || !c->tree.article || c->tree.nitems || c->closing || !k ||
		    (k->kind != RB_ARTICLE && k->kind != RB_PARAGRAPH) || !md_enum_lead(k->text) ||
		    !(c->enum_left = run_from(c, b, text)))
			return 0;
	}
	c->enum_left--;
	k->text = rb_arena_printf(c->in.doc->arena, "%s\\\n%s", k->text, text);
	return 1;
}
