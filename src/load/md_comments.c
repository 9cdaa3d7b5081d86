/*
 * HTML comment blocks (<!-- … --> on lines of their own).  They are not
 * content, but a formatter that dropped them would lose a user's notes
 * and the <!-- rulebook-disable-next-line CODE --> that silence a
 * warning on the line after: each is kept, as written, on the clause it
 * stands by, for canonical Markdown to write back in the same place.
 *
 * A comment waits until the loader knows where it is: before the next
 * clause made (md_new_node), before a titled clause's text, before a
 * preamble block or the title, or, when nothing follows, at the end of
 * the list entry or of the document it ends.
 */
#include <string.h>

#include "load/md.h"

/* Is the line after body line last blank, or past the body? */
static int
blank_after(const struct mctx *c, int last)
{
	size_t end = (size_t)(c->body.text - c->in.src) + c->body.len;
	size_t s = md_offset_of(&c->in, last + 1, 1), e;

	if (s >= end)
		return 1;
	e = md_line_end(&c->in, s);
	if (e > end)
		e = end;
	return md_skip_blanks(&c->in, s) >= e;
}

int
md_is_comment(cmark_node *b, const char **s, size_t *n)
{
	const char *lit = cmark_node_get_type(b) == CMARK_NODE_HTML_BLOCK ? cmark_node_get_literal(b) : NULL;
	size_t k;

	if (!lit)
		return 0;
	while (*lit == ' ')
		lit++;
	k = strlen(lit);
	while (k && (lit[k - 1] == '\n' || lit[k - 1] == ' ' || lit[k - 1] == '\r'))
		k--;
	*s = lit;
	*n = k;
	return k >= 7 && !strncmp(lit, "<!--", 4) && !strncmp(lit + k - 3, "-->", 3);
}

cmark_node *
md_next_content(struct mctx *c, cmark_node *b)
{
	const char *s;
	size_t n;

	do
		b = md_body_next(&c->body, b);
	while (b && md_is_comment(b, &s, &n));
	return b;
}

void
md_comment_read(struct mctx *c, cmark_node *b, const char *s, size_t n)
{
	rb_comment *k = rb_arena_alloc(c->in.doc->arena, sizeof(*k)), **p;
	char *t = md_arena_text(&c->in, s, n), *r, *w;

	/* cmark gives \n line ends; a line's trailing blanks are not kept */
	for (r = w = t; *r; r++) {
		if (*r == '\n')
			while (w > t && md_is_blank(w[-1]))
				w--;
		*w++ = *r;
	}
	*w = '\0';
	k->text = t;
	k->at = RB_COMMENT_BEFORE;
	k->tight = !blank_after(c, md_last_line(b));
	for (p = &c->tree.comments; *p; p = &(*p)->next)
		;
	*p = k;
}

void
md_comments_to(struct md_tree *t, rb_node *n, rb_comment_at at)
{
	rb_comment **p, *k;

	if (!t->comments)
		return;
	for (k = t->comments; k; k = k->next)
		k->at = at;
	for (p = &n->comments; *p; p = &(*p)->next)
		;
	*p = t->comments;
	t->comments = NULL;
}

void
md_comments_end_entry(struct md_tree *t, rb_node *n)
{
	md_comments_to(t, t->last_made && t->last_made != n ? t->last_made : n,
		       t->last_made && t->last_made != n ? RB_COMMENT_AFTER : RB_COMMENT_END);
}

void
md_comments_to_preamble(struct mctx *c)
{
	rb_comment *k;

	for (k = c->tree.comments; k; k = k->next)
		k->offset = c->preamble.len;
	md_comments_to(&c->tree, c->in.doc->root, RB_COMMENT_PREAMBLE);
}

void
md_comments_finish(struct mctx *c, size_t shift)
{
	rb_node *root = c->in.doc->root;
	rb_comment *k;

	if (root->last)
		md_comments_to(&c->tree, root->last, RB_COMMENT_AFTER);
	else
		md_comments_to(&c->tree, root, RB_COMMENT_AFTER);
	for (k = root->comments; k && shift; k = k->next)
		if (k->at == RB_COMMENT_PREAMBLE)
			k->offset += shift;
}
